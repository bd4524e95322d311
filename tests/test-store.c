/* test-store.c — labels, search, edits, deletion and the library directory
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-label.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"
#include "test-store.h"

typedef TestLibrary Fixture;

/* Adds a row without a file, as the importer does after its checks. */
gint64
test_store_add_row (MedialibStore *store,
                    const char    *name,
                    const char    *kind,
                    gint64         bytes,
                    const char    *tags_csv,
                    const char    *teams_csv)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_auto(GStrv) tags = tags_csv ? g_strsplit (tags_csv, ",", -1) : NULL;
  g_auto(GStrv) teams = teams_csv ? g_strsplit (teams_csv, ",", -1) : NULL;
  g_autoptr(GError) error = NULL;
  MedialibNewAsset asset = {
    .name = name,
    .kind = g_str_equal (kind, "image") ? MEDIALIB_ASSET_KIND_IMAGE : MEDIALIB_ASSET_KIND_CONTACT,
    .mime = g_str_equal (kind, "image") ? "image/png" : "text/vcard",
    .bytes = bytes, .width = 10, .height = 10, .sha256 = sha, .source = "upload",
  };
  MedialibAddedAsset added = { 0 };

  asset.tags = (const char * const *) tags;
  asset.teams = (const char * const *) teams;
  g_assert_true (medialib_catalog_add_assets (store->catalog, &asset, 1, &added, &error));
  g_assert_no_error (error);
  g_assert_false (added.duplicate);
  medialib_added_asset_clear (&added);
  return added.id;
}

static GPtrArray *
search (Fixture    *f,
        const char *text,
        const char *tags_csv,
        const char *teams_csv,
        const char *kind,
        MedialibSort sort)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  query->text = g_strdup (text);
  query->tags = tags_csv ? g_strsplit (tags_csv, ",", -1) : NULL;
  query->teams = teams_csv ? g_strsplit (teams_csv, ",", -1) : NULL;
  if (kind != NULL)
    g_assert_true (medialib_asset_kind_from_string (kind, &query->kind));
  query->sort = sort;

  result = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  return result;
}

static char *
names (GPtrArray *assets)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < assets->len; i++)
    g_strv_builder_add (builder, medialib_asset_get_name (g_ptr_array_index (assets, i)));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (" ", strv);
}

#define ASSERT_SEARCH(f, text, tags, teams, kind, expected)                   \
  G_STMT_START {                                                             \
    g_autoptr(GPtrArray) _r = search (f, text, tags, teams, kind, MEDIALIB_SORT_NAME); \
    g_autofree char *_n = names (_r);                                        \
    g_assert_cmpstr (_n, ==, expected);                                      \
  } G_STMT_END

static void
test_labels_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_ok = g_strnfill (64, 'x');
  g_autofree char *too_long = g_strnfill (65, 'x');
  char *s;

  s = medialib_label_normalize (MEDIALIB_LABEL_TAG, "  Spring Sale \t", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s, ==, "Spring Sale");
  g_free (s);

  s = medialib_label_normalize (MEDIALIB_LABEL_TAG, long_ok, &error);
  g_assert_no_error (error);
  g_free (s);

  /* 64 characters, not bytes: "é" is two bytes */
  {
    GString *accents = g_string_new (NULL);
    for (int i = 0; i < 64; i++)
      g_string_append (accents, "é");
    s = medialib_label_normalize (MEDIALIB_LABEL_TEAM, accents->str, &error);
    g_assert_no_error (error);
    g_free (s);
    g_string_free (accents, TRUE);
  }

  g_assert_null (medialib_label_normalize (MEDIALIB_LABEL_TAG, too_long, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (medialib_label_normalize (MEDIALIB_LABEL_TAG, "   ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (medialib_label_normalize (MEDIALIB_LABEL_TEAM, "a\tb", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (medialib_label_normalize (MEDIALIB_LABEL_TAG, "line\nbreak", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  {
    g_autofree char *k1 = medialib_label_key ("ÉQUIPE");
    g_autofree char *k2 = medialib_label_key ("équipe");
    g_assert_cmpstr (k1, ==, k2);
  }
}

static void
test_labels_case_insensitive (Fixture       *f,
                              gconstpointer  data)
{
  gint64 a = test_store_add_row (f->store, "a.png", "image", 1, "Spring", NULL);
  gint64 b = test_store_add_row (f->store, "b.png", "image", 1, "SPRING,summer", "Growth");
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  MedialibLabelCount *count;

  tags = medialib_store_list_labels (f->store, MEDIALIB_LABEL_TAG, NULL);
  g_assert_cmpuint (tags->len, ==, 2);
  count = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (count->name, ==, "Spring");   /* the first spelling is kept */
  g_assert_cmpuint (count->count, ==, 2);
  count = g_ptr_array_index (tags, 1);
  g_assert_cmpstr (count->name, ==, "summer");
  g_assert_cmpuint (count->count, ==, 1);

  asset = medialib_store_get_asset (f->store, b, NULL);
  g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "Spring"));
  g_assert_false (g_strv_contains (medialib_asset_get_tags (asset), "SPRING"));
  g_assert_cmpint (a, !=, b);
}

static void
test_teams_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  gint64 id;

  g_assert_true (medialib_store_create_label (f->store, MEDIALIB_LABEL_TEAM, "Design", &error));
  g_assert_no_error (error);

  /* A team exists before anything is assigned to it. */
  teams = medialib_store_list_labels (f->store, MEDIALIB_LABEL_TEAM, NULL);
  g_assert_cmpuint (teams->len, ==, 1);
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (teams, 0))->count, ==, 0);
  g_clear_pointer (&teams, g_ptr_array_unref);

  id = test_store_add_row (f->store, "poster.png", "image", 1, NULL, "design");
  g_assert_true (medialib_store_rename_label (f->store, MEDIALIB_LABEL_TEAM, "DESIGN", "Brand", &error));
  g_assert_no_error (error);

  asset = medialib_store_get_asset (f->store, id, NULL);
  g_assert_cmpstr (medialib_asset_get_teams (asset)[0], ==, "Brand");
  ASSERT_SEARCH (f, "bran", NULL, NULL, NULL, "poster.png");
  ASSERT_SEARCH (f, "design", NULL, NULL, NULL, "");

  g_assert_true (medialib_store_delete_label (f->store, MEDIALIB_LABEL_TEAM, "brand", &error));
  g_assert_no_error (error);
  g_clear_object (&asset);
  asset = medialib_store_get_asset (f->store, id, NULL);
  g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_teams (asset)), ==, 0);
  ASSERT_SEARCH (f, "bran", NULL, NULL, NULL, "");

  g_assert_false (medialib_store_delete_label (f->store, MEDIALIB_LABEL_TEAM, "brand", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_search_words (Fixture       *f,
                   gconstpointer  data)
{
  test_store_add_row (f->store, "Été-promo.png", "image", 100, "Summer", "Growth");
  test_store_add_row (f->store, "spring-sale-banner.png", "image", 300, "Spring,Sale", "Growth");
  test_store_add_row (f->store, "newsletter header.jpg", "image", 200, "Email", "Lifecycle");
  test_store_add_row (f->store, "Jane Doe.vcf", "contact", 50, NULL, "Sales");

  /* Accents and case are folded, both ways */
  ASSERT_SEARCH (f, "ete", NULL, NULL, NULL, "Été-promo.png");
  ASSERT_SEARCH (f, "ÉTÉ", NULL, NULL, NULL, "Été-promo.png");
  /* Prefixes of words in the name, tags and teams */
  ASSERT_SEARCH (f, "ban", NULL, NULL, NULL, "spring-sale-banner.png");
  ASSERT_SEARCH (f, "s", NULL, NULL, NULL, "Jane Doe.vcf spring-sale-banner.png Été-promo.png");
  ASSERT_SEARCH (f, "sal", NULL, NULL, NULL, "Jane Doe.vcf spring-sale-banner.png");
  ASSERT_SEARCH (f, "life", NULL, NULL, NULL, "newsletter header.jpg");
  /* Only the beginning of words */
  ASSERT_SEARCH (f, "anner", NULL, NULL, NULL, "");
  /* Every word must match */
  ASSERT_SEARCH (f, "spring grow", NULL, NULL, NULL, "spring-sale-banner.png");
  ASSERT_SEARCH (f, "spring email", NULL, NULL, NULL, "");
  /* FTS syntax typed by a person is just text */
  ASSERT_SEARCH (f, "\"ban* (", NULL, NULL, NULL, "spring-sale-banner.png");
  ASSERT_SEARCH (f, "ban OR", NULL, NULL, NULL, "");
  ASSERT_SEARCH (f, "ban NOT", NULL, NULL, NULL, "");
  ASSERT_SEARCH (f, "  ", NULL, NULL, NULL, "Jane Doe.vcf newsletter header.jpg spring-sale-banner.png Été-promo.png");
}

static void
test_search_filters_and_sort (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) by_size = NULL;
  g_autoptr(GPtrArray) by_added = NULL;
  g_autofree char *size_names = NULL;
  g_autofree char *added_names = NULL;

  test_store_add_row (f->store, "a.png", "image", 100, "Spring,Sale", "Growth");
  test_store_add_row (f->store, "b.png", "image", 300, "Spring", "Brand");
  test_store_add_row (f->store, "c.png", "image", 200, "Sale", "Growth,Brand");
  test_store_add_row (f->store, "d.vcf", "contact", 50, "Sale", "Growth");

  ASSERT_SEARCH (f, NULL, "spring", NULL, NULL, "a.png b.png");
  ASSERT_SEARCH (f, NULL, "Spring,Sale", NULL, NULL, "a.png");
  ASSERT_SEARCH (f, NULL, NULL, "growth", NULL, "a.png c.png d.vcf");
  ASSERT_SEARCH (f, NULL, NULL, "Growth,Brand", NULL, "c.png");
  ASSERT_SEARCH (f, NULL, "Sale", "Growth", "image", "a.png c.png");
  ASSERT_SEARCH (f, NULL, NULL, NULL, "contact", "d.vcf");
  ASSERT_SEARCH (f, "c", "sale", NULL, NULL, "c.png");
  ASSERT_SEARCH (f, NULL, "nonexistent", NULL, NULL, "");

  by_size = search (f, NULL, NULL, NULL, NULL, MEDIALIB_SORT_SIZE);
  size_names = names (by_size);
  g_assert_cmpstr (size_names, ==, "b.png c.png a.png d.vcf");

  /* Same second: newest first falls back to the id */
  by_added = search (f, NULL, NULL, NULL, NULL, MEDIALIB_SORT_ADDED);
  added_names = names (by_added);
  g_assert_cmpstr (added_names, ==, "d.vcf c.png b.png a.png");
}

static void
test_search_10k (Fixture       *f,
                 gconstpointer  data)
{
  const char *words[] = { "banner", "hero", "promo", "header", "icon", "card", "modal", "push" };
  const char *tags[] = { "Spring", "Summer", "Autumn", "Winter", "Sale" };
  const char *teams[] = { "Growth", "Brand", "Lifecycle" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) hero_winter = NULL;

  /* One batch, one transaction */
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree MedialibNewAsset *assets = g_new0 (MedialibNewAsset, 10000);
  g_autofree MedialibAddedAsset *added = g_new0 (MedialibAddedAsset, 10000);

  for (guint i = 0; i < 10000; i++)
    {
      char *name = g_strdup_printf ("%s-%05u.png", words[i % G_N_ELEMENTS (words)], i);
      char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
      const char **t = g_new0 (const char *, 2);
      const char **m = g_new0 (const char *, 2);

      t[0] = tags[i % G_N_ELEMENTS (tags)];
      m[0] = teams[i % G_N_ELEMENTS (teams)];
      g_ptr_array_add (strings, name);
      g_ptr_array_add (strings, sha);
      g_ptr_array_add (strings, t);
      g_ptr_array_add (strings, m);
      assets[i] = (MedialibNewAsset) { .name = name, .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png", .bytes = i,
                                       .width = 1, .height = 1, .sha256 = sha, .source = "upload", .tags = t, .teams = m };
    }
  g_assert_true (medialib_catalog_add_assets (f->store->catalog, assets, 10000, added, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    medialib_added_asset_clear (&added[i]);

  all = search (f, NULL, NULL, NULL, NULL, MEDIALIB_SORT_ADDED);
  g_assert_cmpuint (all->len, ==, 10000);

  /* hero: i % 8 == 1; Winter: i % 5 == 3; Brand: i % 3 == 1 → i % 120 == 73: 83 of them */
  hero_winter = search (f, "her", "winter", "BRAND", NULL, MEDIALIB_SORT_NAME);
  g_assert_cmpuint (hero_winter->len, ==, 83);
  for (guint i = 0; i < hero_winter->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (hero_winter, i);

      g_assert_true (g_str_has_prefix (medialib_asset_get_name (asset), "hero-"));
      g_assert_cmpstr (medialib_asset_get_tags (asset)[0], ==, "Winter");
      g_assert_cmpstr (medialib_asset_get_teams (asset)[0], ==, "Brand");
    }
}

static void
on_search_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListModel **model = user_data;
  g_autoptr(GError) error = NULL;

  *model = medialib_store_search_finish (MEDIALIB_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_search_async_model (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GListModel) model = NULL;
  g_autoptr(MedialibAsset) first = NULL;

  test_store_add_row (f->store, "one.png", "image", 1, NULL, NULL);
  test_store_add_row (f->store, "two.png", "image", 2, NULL, NULL);
  query->sort = MEDIALIB_SORT_SIZE;

  medialib_store_search_async (f->store, query, NULL, on_search_done, &model);
  while (model == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (g_list_model_get_item_type (model) == MEDIALIB_TYPE_ASSET);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (medialib_asset_get_name (first), ==, "two.png");
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  gint64 id = test_store_add_row (f->store, "old.png", "image", 1, "Keep,Drop", "Growth");
  const char *add_tags[] = { "  New  ", NULL };
  const char *remove_tags[] = { "drop", NULL };
  const char *add_teams[] = { "Brand", NULL };
  const char *remove_teams[] = { "GROWTH", NULL };
  const char *bad_tags[] = { "ok", "", NULL };
  MedialibEdit edit = { add_tags, remove_tags, add_teams, remove_teams, "  renamed.png " };
  MedialibEdit bad = { .add_tags = bad_tags, .rename = "should-not-happen.png" };
  MedialibEdit bad_name = { .rename = "a/b" };
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) tags = NULL;

  g_assert_true (medialib_store_edit (f->store, id, &edit, &error));
  g_assert_no_error (error);

  asset = medialib_store_get_asset (f->store, id, NULL);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "renamed.png");
  g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_tags (asset)), ==, 2);
  g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "Keep"));
  g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "New"));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Brand", NULL }));

  /* The search index follows */
  ASSERT_SEARCH (f, "renamed", NULL, NULL, NULL, "renamed.png");
  ASSERT_SEARCH (f, "old", NULL, NULL, NULL, "");
  ASSERT_SEARCH (f, "drop", NULL, NULL, NULL, "");
  ASSERT_SEARCH (f, "new bran", NULL, NULL, NULL, "renamed.png");

  /* A tag no asset carries any more is gone */
  tags = medialib_store_list_labels (f->store, MEDIALIB_LABEL_TAG, NULL);
  g_assert_cmpuint (tags->len, ==, 2);

  /* All or nothing: an invalid tag changes nothing */
  g_assert_false (medialib_store_edit (f->store, id, &bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&asset);
  g_assert_false (medialib_store_edit (f->store, id, &bad_name, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  asset = medialib_store_get_asset (f->store, id, NULL);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "renamed.png");

  g_assert_false (medialib_store_edit (f->store, 4242, &edit, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_delete_removes_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *png = test_write_image (f->tmp, "gone.png", "png", 30, 30, 11);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *alpha_copy = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  asset = medialib_store_get_asset (f->store, r->id, NULL);
  g_assert_true (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_IS_REGULAR));
  /* The window's copies of the thumbnail at the grid's size (medialib-thumbnail-cache.c) */
  copy = medialib_store_dup_grid_thumbnail_path (f->store, asset, FALSE);
  alpha_copy = medialib_store_dup_grid_thumbnail_path (f->store, asset, TRUE);
  g_assert_true (g_file_set_contents (copy, "jpeg", -1, NULL));
  g_assert_true (g_file_set_contents (alpha_copy, "png", -1, NULL));

  /* Even while another process has the library open (a `medialib list`) */
  {
    g_autoptr(MedialibStore) other = medialib_store_open (f->library, &error);

    g_assert_no_error (error);
    g_assert_true (medialib_store_delete (f->store, r->id, &error));
    g_assert_no_error (error);
  }
  g_assert_false (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (alpha_copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));   /* the original stays */
  g_assert_cmpint (medialib_store_count (f->store), ==, 0);

  g_assert_false (medialib_store_delete (f->store, r->id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* While an import runs, the file stays for the sweep that follows it */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  r = g_ptr_array_index (results, 0);
  {
    g_autoptr(MedialibBlobLock) importing = medialib_blob_store_lock_adding (f->store->blobs);

    g_assert_nonnull (importing);
    g_assert_true (medialib_store_delete (f->store, r->id, &error));
    g_assert_true (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_IS_REGULAR));
    g_assert_false (medialib_store_sweep (f->store));
  }
  g_assert_true (medialib_store_sweep (f->store));
  g_assert_false (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_EXISTS));
}

static void
test_reopen_and_sweep (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *png = test_write_image (f->tmp, "kept.png", "png", 30, 30, 12);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAsset) kept = NULL;
  g_autofree char *media = NULL;
  g_autofree char *leftover_tmp = NULL;
  g_autofree char *orphan = NULL;
  g_autofree char *dir = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);

  /* The folder where the backend keeps files: media/ in a local library, the cache's in a
   * team library */
  kept = medialib_store_get_asset (f->store, r->id, &error);
  g_assert_no_error (error);
  {
    g_autofree char *ab = g_path_get_dirname (medialib_asset_get_path (kept));

    media = g_path_get_dirname (ab);
  }
  leftover_tmp = g_build_filename (media, "ab", ".tmp-123456", NULL);
  orphan = g_build_filename (media, "ab", "abababab.png", NULL);
  dir = g_path_get_dirname (orphan);
  g_clear_object (&f->store);

  /* What an interrupted import leaves: a temporary file and a file no row names. */
  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (leftover_tmp, "partial", -1, NULL);
  g_file_set_contents (orphan, "orphan", -1, NULL);

  /* Opening leaves them (the sweep follows the first screen); maintenance removes them, but
   * not while someone else has the library open. */
  f->store = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));
  {
    g_autoptr(MedialibStore) other = medialib_store_open (f->library, &error);

    g_assert_no_error (error);
    g_assert_false (medialib_store_sweep (f->store));
    g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));
  }
  g_assert_true (medialib_store_maintain (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (leftover_tmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));

  asset = medialib_store_get_asset (f->store, r->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_IS_REGULAR));
}

/* Among some assets only: the window checks the assets that changed against its search */
static void
test_search_ids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 a, b, c, d;

  a = test_store_add_row (f->store, "a banner.png", "image", 100, "Spring", NULL);
  b = test_store_add_row (f->store, "b banner.png", "image", 300, "Spring", NULL);
  c = test_store_add_row (f->store, "c banner.png", "image", 200, NULL, NULL);
  d = test_store_add_row (f->store, "d poster.png", "image", 50, "Spring", NULL);

  /* The search's text, filters and order still apply, among the ids given */
  query->text = g_strdup ("ban");
  query->tags = g_strsplit ("spring", ",", -1);
  query->sort = MEDIALIB_SORT_SIZE;
  query->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (query->ids, c);
  g_array_append_val (query->ids, d);
  g_array_append_val (query->ids, b);
  g_array_append_val (query->ids, a);
  result = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  found = names (result);
  g_assert_cmpstr (found, ==, "b banner.png a banner.png");

  /* Not the others */
  g_array_remove_index (query->ids, 2);
  g_clear_pointer (&result, g_ptr_array_unref);
  result = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, g_free);
  found = names (result);
  g_assert_cmpstr (found, ==, "a banner.png");

  /* No ids: nothing, not everything */
  g_array_set_size (query->ids, 0);
  none = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* A page, then the rest from where it ended: together the whole result, in order */
static void
test_search_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("banner %02d.png", i);

      test_store_add_row (f->store, name, "image", 100 + i, i % 2 ? "Spring" : NULL, NULL);
    }
  test_store_add_row (f->store, "poster.png", "image", 5, NULL, NULL);

  query->text = g_strdup ("ban");
  query->sort = MEDIALIB_SORT_NAME;
  all = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 25);

  query->limit = 10;
  first = medialib_store_search (f->store, query, &error);
  query->limit = 0;
  query->offset = 10;
  rest = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 10);
  g_assert_cmpuint (rest->len, ==, 15);
  for (guint i = 0; i < all->len; i++)
    {
      MedialibAsset *expected = g_ptr_array_index (all, i);
      MedialibAsset *got = g_ptr_array_index (i < 10 ? first : rest, i < 10 ? i : i - 10);

      g_assert_cmpint (medialib_asset_get_id (got), ==, medialib_asset_get_id (expected));
    }
}

/* The catalogs' joined names come apart as g_strsplit() would take them apart */
static void
test_labels_split (void)
{
  const char *joined[] = { "Spring", "Spring\x1fSale", "a\x1f\x1f" "b", "\x1fa", "a\x1f", "\x1f" };

  g_assert_null (_medialib_labels_split (NULL, '\x1f'));
  g_assert_null (_medialib_labels_split ("", '\x1f'));
  for (guint i = 0; i < G_N_ELEMENTS (joined); i++)
    {
      g_auto(GStrv) ours = _medialib_labels_split (joined[i], '\x1f');
      g_auto(GStrv) theirs = g_strsplit (joined[i], "\x1f", -1);

      g_assert_true (g_strv_equal ((const char * const *) ours, (const char * const *) theirs));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/store", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  g_test_add_func ("/medialib/store/labels-normalize", test_labels_normalize);
  g_test_add_func ("/medialib/store/labels-split", test_labels_split);
  ADD ("labels-case-insensitive", test_labels_case_insensitive);
  ADD ("teams-lifecycle", test_teams_lifecycle);
  ADD ("search-words", test_search_words);
  ADD ("search-filters-and-sort", test_search_filters_and_sort);
  ADD ("search-10k", test_search_10k);
  ADD ("search-async-model", test_search_async_model);
  ADD ("edit", test_edit);
  ADD ("delete-removes-file", test_delete_removes_file);
  ADD ("search-pages", test_search_pages);
  ADD ("search-ids", test_search_ids);
  /* Leftovers of an interrupted import in the media/ folder: a local library's alone (a team
   * library's files are in its bucket, where an upload lands whole or not at all; its folder
   * only caches them) */
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "reopen-and-sweep", Fixture, NULL,
                         test_library_setup, test_reopen_and_sweep, test_library_teardown);
  /* SQLite's schema versions and migrations: a local library's alone (a team library's are
   * /medialib/pg/migrations/..., test-pg-catalog.c) */
  test_store_add_migration_tests ();
  /* A step that fails after the transaction began (test-store-failures.c) */
  test_store_add_failure_tests ();

  return g_test_run ();
}
