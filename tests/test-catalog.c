/* test-catalog.c — the catalog's contract, on the catalog of a real library: what the store's
 * own tests do not reach
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* A new asset named NAME, its SHA-256 that of CONTENT (the row needs no file here) */
static MedialibNewAsset
new_asset (const char          *name,
           const char          *sha256,
           const char * const  *tags,
           const char * const  *teams)
{
  return (MedialibNewAsset) {
    .name = name, .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png", .bytes = 10,
    .width = 2, .height = 2, .sha256 = sha256, .source = "upload", .tags = tags, .teams = teams,
  };
}

static gint64
add_one (Fixture    *f,
         const char *name,
         const char *sha256)
{
  MedialibNewAsset asset = new_asset (name, sha256, NULL, NULL);
  MedialibAddedAsset added = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_catalog_add_assets (f->store->catalog, &asset, 1, &added, &error));
  g_assert_no_error (error);
  medialib_added_asset_clear (&added);
  return added.id;
}

/* A batch: in order, the same bytes twice give one asset with both's labels */
static void
test_add_batch (Fixture       *f,
                gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  const char *spring[] = { "Spring", NULL };
  const char *sale[] = { "sale", NULL };
  const char *growth[] = { "Growth", NULL };
  MedialibNewAsset assets[] = {
    new_asset ("first.png", "aa01", spring, NULL),
    new_asset ("second.png", "bb02", NULL, growth),
    new_asset ("first again.png", "aa01", sale, NULL),
  };
  MedialibAddedAsset added[G_N_ELEMENTS (assets)] = { { 0 } };
  g_autoptr(MedialibAsset) first = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_catalog_add_assets (catalog, assets, G_N_ELEMENTS (assets), added, &error));
  g_assert_no_error (error);
  g_assert_false (added[0].duplicate);
  g_assert_false (added[1].duplicate);
  g_assert_true (added[2].duplicate);
  g_assert_cmpint (added[2].id, ==, added[0].id);
  g_assert_cmpint (added[1].id, >, added[0].id);
  g_assert_cmpstr (added[0].name, ==, "first.png");
  g_assert_cmpstr (added[2].name, ==, "first.png");
  g_assert_cmpint (medialib_catalog_count (catalog, NULL), ==, 2);

  first = medialib_catalog_get_asset (catalog, added[0].id, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (medialib_asset_get_tags (first), ((const char *[]) { "sale", "Spring", NULL }));

  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    medialib_added_asset_clear (&added[i]);
}

/* A batch that fails at its last asset adds none of them, and the catalog stays usable */
static void
test_add_batch_all_or_nothing (Fixture       *f,
                               gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  const char *bad[] = { "   ", NULL };
  MedialibNewAsset assets[] = {
    new_asset ("one.png", "cc01", NULL, NULL),
    new_asset ("two.png", "cc02", NULL, NULL),
    new_asset ("three.png", "cc03", bad, NULL),
  };
  MedialibAddedAsset added[G_N_ELEMENTS (assets)] = { { 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (medialib_catalog_add_assets (catalog, assets, G_N_ELEMENTS (assets), added, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (medialib_catalog_count (catalog, NULL), ==, 0);
  g_assert_cmpint (medialib_catalog_find_content (catalog, "cc01", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    g_assert_null (added[i].name);

  /* An empty batch is nothing to do */
  g_clear_error (&error);
  g_assert_true (medialib_catalog_add_assets (catalog, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_one (f, "one.png", "cc01"), >, 0);
}

/* What the sweep and deletions ask: which content the rows name */
static void
test_contents (Fixture       *f,
               gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  gint64 a = add_one (f, "a.png", "0a0a");
  gint64 b = add_one (f, "b.png", "0b0b");
  g_autoptr(GHashTable) hashes = NULL;
  g_autoptr(MedialibAsset) gone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (medialib_catalog_find_content (catalog, "0a0a", &error), ==, a);
  g_assert_cmpint (medialib_catalog_find_content (catalog, "0b0b", &error), ==, b);
  g_assert_cmpint (medialib_catalog_find_content (catalog, "0c0c", &error), ==, 0);
  g_assert_no_error (error);

  hashes = medialib_catalog_dup_content_hashes (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 2);
  g_assert_true (g_hash_table_contains (hashes, "0a0a"));
  g_assert_true (g_hash_table_contains (hashes, "0b0b"));

  gone = medialib_catalog_delete_asset (catalog, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_sha256 (gone), ==, "0a0a");
  g_assert_cmpint (medialib_catalog_find_content (catalog, "0a0a", NULL), ==, 0);
  g_assert_null (medialib_catalog_delete_asset (catalog, a, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Several ids at once, in their order; those that do not exist are left out */
static void
test_get_assets (Fixture       *f,
                 gconstpointer  data)
{
  gint64 a = add_one (f, "a.png", "1a1a");
  gint64 b = add_one (f, "b.png", "1b1b");
  gint64 ids[] = { b, 4242, a };
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  assets = medialib_catalog_get_assets (f->store->catalog, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, 2);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, 0)), ==, b);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, 1)), ==, a);
}

/* The ids of a search are those of its assets, in the same order, whatever the filters and
 * the sort (what MedialibResults shows after the first page) */
static void
test_search_ids (Fixture       *f,
                 gconstpointer  data)
{
  const char *spring[] = { "Spring", NULL };
  const char *growth[] = { "Growth", NULL };
  MedialibNewAsset assets[] = {
    new_asset ("banner b.png", "c001", spring, NULL),
    new_asset ("Apple.png", "c002", NULL, growth),
    new_asset ("berry.png", "c003", spring, growth),
    new_asset ("cherry.png", "c004", NULL, NULL),
    new_asset ("Blue b.png", "c005", spring, NULL),
  };
  MedialibAddedAsset added[G_N_ELEMENTS (assets)] = { { 0 } };
  const char *texts[] = { NULL, "b", "berry", "zzz" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (assets); i++)
    assets[i].bytes = 100 + (i % 3);
  g_assert_true (medialib_catalog_add_assets (f->store->catalog, assets, G_N_ELEMENTS (assets), added, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    medialib_added_asset_clear (&added[i]);

  for (MedialibSort sort = MEDIALIB_SORT_ADDED; sort <= MEDIALIB_SORT_SIZE; sort++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (guint tagged = 0; tagged < 2; tagged++)
        {
          g_autoptr(MedialibQuery) query = medialib_query_new ();
          g_autoptr(GPtrArray) found = NULL;
          g_autoptr(GArray) ids = NULL;

          query->sort = sort;
          query->text = g_strdup (texts[t]);
          query->tags = tagged ? g_strdupv ((char **) spring) : NULL;
          found = medialib_catalog_search (f->store->catalog, query, &error);
          g_assert_no_error (error);
          ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
          g_assert_no_error (error);

          g_assert_cmpuint (ids->len, ==, found->len);
          for (guint i = 0; i < found->len; i++)
            g_assert_cmpint (g_array_index (ids, gint64, i), ==, medialib_asset_get_id (g_ptr_array_index (found, i)));
          if (t == 0 && !tagged)
            g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (assets));
        }
}

/* A crop keeps its parent until the parent goes; a generated image keeps its prompt */
static void
test_parent_and_prompt (Fixture       *f,
                        gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  gint64 parent = add_one (f, "photo.png", "2a2a");
  MedialibNewAsset crop = new_asset ("photo (Crop).png", "2b2b", NULL, NULL);
  MedialibAddedAsset added = { 0 };
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) after = NULL;
  g_autoptr(MedialibAsset) gone = NULL;
  g_autoptr(GError) error = NULL;

  crop.source = "crop";
  crop.parent = parent;
  g_assert_true (medialib_catalog_add_assets (catalog, &crop, 1, &added, &error));
  g_assert_true (medialib_catalog_set_prompt (catalog, added.id, "a cat on a sofa", &error));
  g_assert_no_error (error);

  before = medialib_catalog_get_asset (catalog, added.id, &error);
  g_assert_cmpint (medialib_asset_get_parent (before), ==, parent);
  g_assert_cmpstr (medialib_asset_get_source (before), ==, "crop");
  g_assert_cmpstr (medialib_asset_get_prompt (before), ==, "a cat on a sofa");

  gone = medialib_catalog_delete_asset (catalog, parent, &error);
  g_assert_no_error (error);
  after = medialib_catalog_get_asset (catalog, added.id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_parent (after), ==, 0);
  medialib_added_asset_clear (&added);
}

/* The quota: a reservation while today's count is below the limit; what is released is not
 * counted, what is recorded is */
static void
test_quota (Fixture       *f,
            gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - 60;
  g_autoptr(GError) error = NULL;
  gboolean reserved = FALSE;
  guint used = 99, count = 99;

  /* Reserved then given back, as when the server fails: nothing counted */
  g_assert_true (medialib_catalog_reserve_generation (catalog, since, 2, &reserved, &used, &error));
  g_assert_no_error (error);
  g_assert_true (reserved);
  g_assert_cmpuint (used, ==, 0);
  medialib_catalog_release_generation (catalog, since);
  g_assert_true (medialib_catalog_count_generations (catalog, since, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (medialib_catalog_reserve_generation (catalog, since, 2, &reserved, &used, &error));
      g_assert_true (reserved);
      g_assert_cmpuint (used, ==, i);
      g_assert_cmpint (medialib_catalog_record_generation (catalog, "a cat", "model", 4, &error), >, 0);
      g_assert_no_error (error);
    }

  g_assert_true (medialib_catalog_reserve_generation (catalog, since, 2, &reserved, &used, &error));
  g_assert_false (reserved);
  g_assert_cmpuint (used, ==, 2);
  g_assert_true (medialib_catalog_count_generations (catalog, since, &count, &error));
  g_assert_cmpuint (count, ==, 2);

  /* Tomorrow counts afresh; no limit is no limit */
  g_assert_true (medialib_catalog_count_generations (catalog, since + 86400, &count, &error));
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (medialib_catalog_reserve_generation (catalog, since, 0, &reserved, &used, &error));
  g_assert_true (reserved);
  medialib_catalog_release_generation (catalog, since);
}

/* A generation of another library, copied as history: with its own time, once however many
 * times it is copied (the n-th of equal ones while fewer than n are there), and not counted
 * for today. Today's copy would count in a local library, which counts its rows, not in a
 * team library, which counts reservations (test_team_push.py checks that one): the copies
 * here are of another day, the same on both. */
static void
test_copy_generation (Fixture       *f,
                      gconstpointer  data)
{
  MedialibCatalog *catalog = f->store->catalog;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - 60;
  MedialibGeneration old = { .prompt = "a red bicycle", .model = "dall-e-2", .created = since - 5 * 86400,
                             .variants = 4 };
  MedialibGeneration other = old;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean copied = FALSE;
  guint count = 99;

  other.model = "dall-e-3";
  for (guint pass = 0; pass < 2; pass++)
    {
      g_assert_true (medialib_catalog_copy_generation (catalog, &old, 1, &copied, &error));
      g_assert_no_error (error);
      g_assert_cmpint (copied, ==, pass == 0);
      g_assert_true (medialib_catalog_copy_generation (catalog, &old, 2, &copied, &error));
      g_assert_cmpint (copied, ==, pass == 0);
      g_assert_true (medialib_catalog_copy_generation (catalog, &other, 1, &copied, &error));
      g_assert_cmpint (copied, ==, pass == 0);
      g_assert_no_error (error);
    }

  listed = medialib_catalog_list_generations (catalog, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < listed->len; i++)
    {
      MedialibGeneration *generation = g_ptr_array_index (listed, i);

      g_assert_cmpstr (generation->prompt, ==, "a red bicycle");
      g_assert_cmpint (generation->created, ==, old.created);
      g_assert_cmpuint (generation->variants, ==, 4);
    }
  g_assert_true (medialib_catalog_count_generations (catalog, since, &count, &error));
  g_assert_cmpuint (count, ==, 0);
}

/* A new row keeps the date it was added elsewhere; without one, it is now */
static void
test_added_kept (Fixture       *f,
                 gconstpointer  data)
{
  MedialibNewAsset assets[] = { new_asset ("old.png", "5a5a", NULL, NULL), new_asset ("new.png", "5b5b", NULL, NULL) };
  MedialibAddedAsset added[2] = { { 0 } };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(MedialibAsset) old = NULL;
  g_autoptr(MedialibAsset) fresh = NULL;
  g_autoptr(GError) error = NULL;

  assets[0].added = 1700000000;
  g_assert_true (medialib_catalog_add_assets (f->store->catalog, assets, 2, added, &error));
  g_assert_no_error (error);
  old = medialib_catalog_get_asset (f->store->catalog, added[0].id, &error);
  fresh = medialib_catalog_get_asset (f->store->catalog, added[1].id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_added (old), ==, 1700000000);
  g_assert_cmpint (medialib_asset_get_added (fresh), >=, now);
  medialib_added_asset_clear (&added[0]);
  medialib_added_asset_clear (&added[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/catalog", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("add-batch", test_add_batch);
  ADD ("add-batch-all-or-nothing", test_add_batch_all_or_nothing);
  ADD ("contents", test_contents);
  ADD ("get-assets", test_get_assets);
  ADD ("search-ids", test_search_ids);
  ADD ("parent-and-prompt", test_parent_and_prompt);
  ADD ("quota", test_quota);
  ADD ("copy-generation", test_copy_generation);
  ADD ("added-kept", test_added_kept);

  return g_test_run ();
}
