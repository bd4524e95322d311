/* test-store.c — labels, search, edits, deletion and the library directory
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-label.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* Adds a row without a file, as the importer does after its checks. */
static gint64
add_row (MedialibStore *store,
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
  gint64 a = add_row (f->store, "a.png", "image", 1, "Spring", NULL);
  gint64 b = add_row (f->store, "b.png", "image", 1, "SPRING,summer", "Growth");
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

  id = add_row (f->store, "poster.png", "image", 1, NULL, "design");
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
  add_row (f->store, "Été-promo.png", "image", 100, "Summer", "Growth");
  add_row (f->store, "spring-sale-banner.png", "image", 300, "Spring,Sale", "Growth");
  add_row (f->store, "newsletter header.jpg", "image", 200, "Email", "Lifecycle");
  add_row (f->store, "Jane Doe.vcf", "contact", 50, NULL, "Sales");

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

  add_row (f->store, "a.png", "image", 100, "Spring,Sale", "Growth");
  add_row (f->store, "b.png", "image", 300, "Spring", "Brand");
  add_row (f->store, "c.png", "image", 200, "Sale", "Growth,Brand");
  add_row (f->store, "d.vcf", "contact", 50, "Sale", "Growth");

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

  add_row (f->store, "one.png", "image", 1, NULL, NULL);
  add_row (f->store, "two.png", "image", 2, NULL, NULL);
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
  gint64 id = add_row (f->store, "old.png", "image", 1, "Keep,Drop", "Growth");
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

  a = add_row (f->store, "a banner.png", "image", 100, "Spring", NULL);
  b = add_row (f->store, "b banner.png", "image", 300, "Spring", NULL);
  c = add_row (f->store, "c banner.png", "image", 200, NULL, NULL);
  d = add_row (f->store, "d poster.png", "image", 50, "Spring", NULL);

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

      add_row (f->store, name, "image", 100 + i, i % 2 ? "Spring" : NULL, NULL);
    }
  add_row (f->store, "poster.png", "image", 5, NULL, NULL);

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

/* SQLite's own schema version: a local library's alone */
static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = NULL;
  sqlite3 *handle;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  store = medialib_store_open (f->library, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static gint64
import_one (Fixture    *f,
            const char *name,
            guint32     seed)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 20, 20, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

/* A library of schema version 1 (no cached label names, no generations) opens, migrated
 * through versions 2, 3, 4 and 5, with its labels; who added its old assets is unknown. SQLite's own migrations: a local library's
 * alone. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  sqlite3 *handle;
  gint64 id;

  id = add_row (f->store, "old.png", "image", 1, "Spring,Sale", "Growth");
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "ALTER TABLE assets DROP COLUMN tag_names;"
                                 "ALTER TABLE assets DROP COLUMN team_names;"
                                 "ALTER TABLE assets DROP COLUMN prompt;"
                                 "ALTER TABLE assets DROP COLUMN contact;"
                                 "ALTER TABLE assets DROP COLUMN search_extra;"
                                 "ALTER TABLE assets DROP COLUMN added_by;"
                                 "ALTER TABLE assets DROP COLUMN palette;"
                                 "ALTER TABLE assets DROP COLUMN alt;"
                                 "DROP INDEX assets_unhashed;"
                                 "ALTER TABLE assets DROP COLUMN phash;"
                                 "DROP TABLE generations;"
                                 "DROP TABLE collections;"
                                 "DROP TRIGGER assets_address; DROP TABLE asset_versions;"
                                 "ALTER TABLE assets DROP COLUMN content_since; ALTER TABLE assets DROP COLUMN content_by;"
                                 "ALTER TABLE assets DROP COLUMN address; ALTER TABLE assets DROP COLUMN parent_sha256;"
                                 "ALTER TABLE assets DROP COLUMN crop_spec;"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  f->store = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  asset = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Sale", "Spring", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Growth", NULL }));
  g_assert_null (medialib_asset_get_added_by (asset));
  ASSERT_SEARCH (f, "spr", NULL, NULL, NULL, "old.png");
}

/* Version 4 to 5: who added each asset. The old assets keep every field, their adder
 * unknown; new ones record the member. */
static void
test_migrate_v4 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) after = NULL;
  g_autoptr(MedialibAsset) added = NULL;
  sqlite3 *handle;
  gint64 id, new_id;

  id = add_row (f->store, "old.png", "image", 7, "Spring", "Growth");
  before = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE assets DROP COLUMN added_by; DROP TABLE collections;"
                                 " DROP INDEX assets_unhashed; ALTER TABLE assets DROP COLUMN phash;"
                                 " ALTER TABLE assets DROP COLUMN palette;"
                                 " ALTER TABLE assets DROP COLUMN alt;"
                                 " DROP TRIGGER assets_address; DROP TABLE asset_versions;"
                                 " ALTER TABLE assets DROP COLUMN content_since; ALTER TABLE assets DROP COLUMN content_by;"
                                 " ALTER TABLE assets DROP COLUMN address; ALTER TABLE assets DROP COLUMN parent_sha256;"
                                 " ALTER TABLE assets DROP COLUMN crop_spec;"
                                 " PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  f->store = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  after = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (after), ==, medialib_asset_get_name (before));
  g_assert_cmpstr (medialib_asset_get_sha256 (after), ==, medialib_asset_get_sha256 (before));
  g_assert_cmpint (medialib_asset_get_added (after), ==, medialib_asset_get_added (before));
  g_assert_cmpint (medialib_asset_get_bytes (after), ==, 7);
  g_assert_cmpstrv (medialib_asset_get_tags (after), ((const char *[]) { "Spring", NULL }));
  g_assert_null (medialib_asset_get_added_by (after));
  g_assert_null (medialib_asset_get_alt (after));  /* version 9 */
  /* Its palette is left for the maintenance to compute (medialib_store_fill_palettes()) */
  {
    g_autoptr(GPtrArray) missing = medialib_catalog_list_missing_palettes (f->store->catalog, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, medialib_asset_get_sha256 (before));
  }
  /* Its perceptual hash is not computed yet (version 7); a new image's is */
  g_assert_false (medialib_asset_get_phash (after, NULL));

  medialib_store_set_member_name (f->store, "Amélie Martin");
  new_id = import_one (f, "new.png", 21);
  added = medialib_store_get_asset (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_added_by (added), ==, "Amélie Martin");

  /* And saved collections (version 6) */
  {
    g_autoptr(MedialibQuery) query = medialib_query_new ();
    g_autoptr(GPtrArray) collections = NULL;

    g_assert_true (medialib_store_save_collection (f->store, "After", query, &error));
    g_assert_no_error (error);
    collections = medialib_store_list_collections (f->store, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (collections->len, ==, 1);
    g_assert_cmpint (((MedialibCollection *) g_ptr_array_index (collections, 0))->count, ==, 2);
  }
  g_assert_true (medialib_asset_get_phash (added, NULL));
}

/* --- A step that fails after the transaction began --------------------------------------- */

typedef struct
{
  MedialibStore *store;
  GMutex         mutex;
  GCond          cond;
  gboolean       done;
  gint64         count;
} CountCall;

static gpointer
count_thread (gpointer data)
{
  CountCall *call = data;
  gint64 count = medialib_store_count (call->store);

  g_mutex_lock (&call->mutex);
  call->count = count;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
  return NULL;
}

/* The store's count, asked from another thread: a transaction left open keeps the store's
 * lock and that thread would wait forever, so the wait is bounded */
static gint64
count_elsewhere (MedialibStore *store)
{
  CountCall call = { .store = store };
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GThread *thread;
  gboolean done;

  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);
  thread = g_thread_new ("count", count_thread, &call);
  g_mutex_lock (&call.mutex);
  while (!call.done && g_cond_wait_until (&call.cond, &call.mutex, deadline))
    ;
  done = call.done;
  g_mutex_unlock (&call.mutex);
  if (!done)
    g_error ("The next store call still waits after 10 s: the failed call kept the store's lock");

  g_thread_join (thread);
  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);
  return call.count;
}

static gboolean
import_new (Fixture  *f,
            GError  **error)
{
  g_autofree char *png = test_write_image (f->tmp, "new.png", "png", 20, 20, 5);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = medialib_store_import (f->store, &file, 1, NULL, NULL, error);
  MedialibImportResult *r = results != NULL ? g_ptr_array_index (results, 0) : NULL;

  if (r != NULL && r->status != MEDIALIB_IMPORT_ADDED)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, r->reason);
  return r != NULL && r->status == MEDIALIB_IMPORT_ADDED;
}

static gboolean
add_bytes_new (Fixture  *f,
               GError  **error)
{
  g_autofree char *png = test_write_image (f->tmp, "made.png", "png", 20, 20, 6);
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  bytes = g_bytes_new_take (data, length);
  return _medialib_store_add_bytes (f->store, bytes, "made.png", "crop", 0, NULL, NULL, error) != 0;
}

/* Every change made in a transaction, and the write on which a trap makes it fail */
static const struct
{
  const char *name;
  const char *event;
  const char *table;
} failing[] = {
  { "delete", "DELETE", "tags" },  /* the tag that only this asset had goes too */
  { "edit", "DELETE", "tags" },
  { "create-label", "INSERT", "teams" },
  { "rename-label", "UPDATE", "tags" },
  { "delete-label", "DELETE", "teams" },
  { "import", "INSERT", "assets" },
  { "add-bytes", "INSERT", "assets" },
  { "record-generation", "INSERT", "generations" },
};

static gboolean
run_failing (Fixture  *f,
             guint     which,
             gint64    id,
             GError  **error)
{
  const char *only[] = { "Only", NULL };
  MedialibEdit edit = { .remove_tags = only, .rename = "renamed.png" };

  switch (which)
    {
    case 0: return medialib_store_delete (f->store, id, error);
    case 1: return medialib_store_edit (f->store, id, &edit, error);
    case 2: return medialib_store_create_label (f->store, MEDIALIB_LABEL_TEAM, "Brand", error);
    case 3: return medialib_store_rename_label (f->store, MEDIALIB_LABEL_TAG, "Only", "Renamed", error);
    case 4: return medialib_store_delete_label (f->store, MEDIALIB_LABEL_TEAM, "Growth", error);
    case 5: return import_new (f, error);
    case 6: return add_bytes_new (f, error);
    case 7: return medialib_catalog_record_generation (f->store->catalog, "a cat", "model", 1, error) != 0;
    default: g_assert_not_reached ();
    }
}

/* A step fails for real in the database, at once (a trigger raises) or at COMMIT (a trigger
 * breaks a deferred foreign key): the call fails, all or nothing, and leaves the store usable */
static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  guint which = GPOINTER_TO_UINT (data) / 2;
  gboolean at_commit = GPOINTER_TO_UINT (data) % 2;
  gint64 id = add_row (f->store, "kept.png", "image", 1, "Only", "Growth");
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trap = f->backend->trap_sql (failing[which].event, failing[which].table, at_commit);

  test_library_exec (f, trap);

  g_assert_false (run_failing (f, which, id, &error));
  g_assert_nonnull (error);
  g_test_message ("%s failed: %s", failing[which].name, error->message);
  g_clear_error (&error);

  /* The next call, from another thread, completes and finds nothing changed */
  g_assert_cmpint (count_elsewhere (f->store), ==, 1);
  asset = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "kept.png");
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Only", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Growth", NULL }));

  /* The database's write lock is free too: another connection removes the trap */
  test_library_exec (f, f->backend->untrap_sql);
  g_assert_true (run_failing (f, which, id, &error));
  g_assert_no_error (error);
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
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "newer-schema-refused", Fixture, NULL,
                         test_library_setup, test_newer_schema_refused, test_library_teardown);
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "migrate-v4", Fixture, NULL,
                         test_library_setup, test_migrate_v4, test_library_teardown);
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "migrate-v1", Fixture, NULL,
                         test_library_setup, test_migrate_v1, test_library_teardown);

  for (guint i = 0; i < G_N_ELEMENTS (failing) * 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("failure-rolls-back/%s/%s",
                                               failing[i / 2].name, i % 2 ? "at-commit" : "at-once");

      test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/store", name, Fixture, GUINT_TO_POINTER (i),
                             test_library_setup, test_failure_rolls_back, test_library_teardown);
    }

  return g_test_run ();
}
