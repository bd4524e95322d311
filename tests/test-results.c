/* test-results.c — MedialibResults, the grid's model: every id of a search, and only the
 * assets that are looked at, on a real library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-results.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

#define N_ASSETS 300
#define FIRST_PAGE 28

typedef struct
{
  TestLibrary  lib;
  GArray      *ids;     /* in the search's order: by date added, newest first */
  GPtrArray   *told;    /* "POSITION REMOVED ADDED" of items-changed */
} Fixture;

/* @n assets with names only (a search reads the database, not the files), one transaction */
static void
add_assets (Fixture *f,
            guint    n)
{
  g_autofree MedialibNewAsset *assets = g_new0 (MedialibNewAsset, n);
  g_autofree MedialibAddedAsset *added = g_new0 (MedialibAddedAsset, n);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("asset-%05u.png", i);
      char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

      g_ptr_array_add (strings, name);
      g_ptr_array_add (strings, sha256);
      assets[i] = (MedialibNewAsset) {
        .name = name,
        .kind = MEDIALIB_ASSET_KIND_IMAGE,
        .mime = "image/png",
        .bytes = 1000 + i,
        .width = 10,
        .height = 10,
        .sha256 = sha256,
        .source = "upload",
        .added = 1700000000 + i,
      };
    }

  g_assert_true (medialib_catalog_add_assets (f->lib.store->catalog, assets, n, added, &error));
  g_assert_no_error (error);

  /* Newest first */
  g_array_set_size (f->ids, 0);
  for (guint i = n; i > 0; i--)
    {
      g_array_append_val (f->ids, added[i - 1].id);
      medialib_added_asset_clear (&added[i - 1]);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_library_setup (&f->lib, data);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->told = g_ptr_array_new_with_free_func (g_free);
  add_assets (f, GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : N_ASSETS);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->ids, g_array_unref);
  g_clear_pointer (&f->told, g_ptr_array_unref);
  test_library_teardown (&f->lib, data);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  g_ptr_array_add (f->told, g_strdup_printf ("%u %u %u", position, removed, added));
}

static MedialibResults *
find (Fixture *f,
      guint    first_page)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  MedialibResults *results;

  medialib_store_find_async (f->lib.store, query, first_page, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  results = medialib_store_find_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_true (MEDIALIB_IS_RESULTS (results));
  g_signal_connect (results, "items-changed", G_CALLBACK (on_items_changed_cb), f);

  return results;
}

static void
wait_complete (MedialibResults *results)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (!medialib_results_is_complete (results))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
wait_asset (MedialibResultItem *item)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (medialib_result_item_get_asset (item) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
assert_ids (MedialibResults *results,
            GArray          *ids)
{
  guint n;
  const gint64 *got = medialib_results_get_ids (results, &n);

  g_assert_cmpuint (n, ==, ids->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, ids->len);
  g_assert_cmpmem (got, n * sizeof (gint64), ids->data, ids->len * sizeof (gint64));
}

/* The first page with its assets at once, then every id appended after it */
static void
test_first_page_then_ids (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MedialibResults) results = find (f, FIRST_PAGE);
  g_autoptr(MedialibResultItem) first = NULL;
  const char *expected[] = { "28 0 272", NULL };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, FIRST_PAGE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (results)) == MEDIALIB_TYPE_RESULT_ITEM);
  for (guint i = 0; i < FIRST_PAGE; i++)
    {
      MedialibAsset *asset = medialib_results_peek_asset (results, i);

      g_assert_nonnull (asset);
      g_assert_cmpint (medialib_asset_get_id (asset), ==, g_array_index (f->ids, gint64, i));
    }
  first = g_list_model_get_item (G_LIST_MODEL (results), 0);
  g_assert_cmpstr (medialib_asset_get_name (medialib_result_item_get_asset (first)), ==, "asset-00299.png");

  wait_complete (results);
  g_assert_null (medialib_results_get_error (results));
  assert_ids (results, f->ids);
  test_assert_told (f->told, expected);

  /* Nothing made past the first page until it is asked for */
  g_assert_null (medialib_results_peek_asset (results, FIRST_PAGE));
  g_assert_cmpint (medialib_results_find_id (results, g_array_index (f->ids, gint64, 250)), ==, 250);
  g_assert_cmpint (medialib_results_find_id (results, 424242), ==, -1);

  /* Fewer results than a page: complete at once */
  g_clear_object (&results);
  results = find (f, N_ASSETS + 5);
  g_assert_true (medialib_results_is_complete (results));
  assert_ids (results, f->ids);
}

/* An item asked for comes at once as a placeholder, with the others of its page; one read
 * gives the page its assets, in place */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedialibResults) results = find (f, FIRST_PAGE);
  g_autoptr(MedialibResultItem) item = NULL;
  g_autoptr(MedialibResultItem) again = NULL;
  g_autoptr(MedialibResultItem) last = NULL;
  guint n_made;

  wait_complete (results);
  n_made = medialib_results_get_n_made (results);
  g_assert_cmpuint (n_made, ==, FIRST_PAGE);

  item = g_list_model_get_item (G_LIST_MODEL (results), 200);
  g_assert_nonnull (item);
  g_assert_cmpint (medialib_result_item_get_id (item), ==, g_array_index (f->ids, gint64, 200));
  g_assert_null (medialib_result_item_get_asset (item));
  /* Its page, 128 to 255, is made with it */
  g_assert_cmpuint (medialib_results_get_n_made (results), ==, n_made + MEDIALIB_RESULTS_PAGE_SIZE);

  again = g_list_model_get_item (G_LIST_MODEL (results), 200);
  g_assert_true (again == item);

  wait_asset (item);
  g_assert_cmpint (medialib_asset_get_id (medialib_result_item_get_asset (item)), ==, g_array_index (f->ids, gint64, 200));
  g_assert_cmpstr (medialib_asset_get_name (medialib_result_item_get_asset (item)), ==, "asset-00099.png");
  for (guint i = 128; i < 256; i++)
    {
      MedialibAsset *asset = medialib_results_peek_asset (results, i);

      g_assert_nonnull (asset);
      g_assert_cmpint (medialib_asset_get_id (asset), ==, g_array_index (f->ids, gint64, i));
    }
  g_assert_null (medialib_results_peek_asset (results, 256));

  /* The last page is short; past the end there is nothing */
  last = g_list_model_get_item (G_LIST_MODEL (results), N_ASSETS - 1);
  wait_asset (last);
  g_assert_cmpstr (medialib_asset_get_name (medialib_result_item_get_asset (last)), ==, "asset-00000.png");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), N_ASSETS));
}

#define N_MANY (20 * MEDIALIB_RESULTS_PAGE_SIZE)

/* Walking the whole list keeps a few pages of items, and an item still held elsewhere (a
 * bound tile) is the one the model gives again */
static void
test_eviction (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MedialibResults) results = find (f, FIRST_PAGE);
  g_autoptr(MedialibResultItem) held = NULL;
  g_autoptr(MedialibResultItem) back = NULL;
  g_autoptr(MedialibResultItem) evicted = NULL;

  wait_complete (results);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, N_MANY);

  held = g_list_model_get_item (G_LIST_MODEL (results), 130);
  wait_asset (held);

  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(MedialibResultItem) item = g_list_model_get_item (G_LIST_MODEL (results), i);

      g_assert_nonnull (item);
    }

  /* 16 pages at most, and the held one */
  g_assert_cmpuint (medialib_results_get_n_made (results), <=, 16 * MEDIALIB_RESULTS_PAGE_SIZE + 1);
  g_assert_null (medialib_results_peek_asset (results, 129));
  g_assert_nonnull (medialib_results_peek_asset (results, 130));

  back = g_list_model_get_item (G_LIST_MODEL (results), 130);
  g_assert_true (back == held);
  g_assert_nonnull (medialib_result_item_get_asset (back));

  /* One that was let go is made and read again */
  evicted = g_list_model_get_item (G_LIST_MODEL (results), 131);
  g_assert_null (medialib_result_item_get_asset (evicted));
  wait_asset (evicted);
  g_assert_cmpint (medialib_asset_get_id (medialib_result_item_get_asset (evicted)), ==, g_array_index (f->ids, gint64, 131));
}

/* The ids of every result differ from the first page's (the library changed in between, or
 * the view hid some): every position is replaced; the same first ones are appended to */
static void
test_ids_changed_between (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MedialibResults) results = NULL;
  g_autoptr(MedialibResultItem) item = NULL;
  g_autoptr(MedialibResultItem) same = NULL;
  g_autoptr(GArray) ids = g_array_copy (f->ids);
  g_autoptr(GError) error = NULL;
  const char *replaced[] = { "0 4 299", NULL };

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (first, medialib_store_get_asset (f->lib.store, g_array_index (f->ids, gint64, i), NULL));

  results = medialib_results_new (f->lib.store, first);
  g_signal_connect (results, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  item = g_list_model_get_item (G_LIST_MODEL (results), 2);

  /* The newest was deleted meanwhile */
  g_array_remove_index (ids, 0);
  _medialib_results_complete (results, ids, NULL);
  test_assert_told (f->told, replaced);
  assert_ids (results, ids);
  g_assert_true (medialib_results_is_complete (results));

  /* Same id, same item, with its asset */
  same = g_list_model_get_item (G_LIST_MODEL (results), 1);
  g_assert_true (same == item);
  g_assert_nonnull (medialib_result_item_get_asset (same));

  /* An error keeps the first page */
  g_clear_object (&results);
  results = medialib_results_new (f->lib.store, first);
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "out of reach");
  _medialib_results_complete (results, NULL, error);
  g_assert_true (medialib_results_is_complete (results));
  g_assert_error ((GError *) medialib_results_get_error (results), G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 4);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *notified)
{
  (*notified)++;
}

/* What the window does with the library's changes: by id */
static void
test_changes_by_id (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedialibResults) results = find (f, FIRST_PAGE);
  g_autoptr(MedialibResultItem) item = NULL;
  g_autoptr(MedialibAsset) renamed = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  MedialibEdit edit = { .rename = "renamed.png" };
  const char *expected[] = { "5 1 0", "2 2 0", "0 0 1", NULL };
  guint notified = 0;
  gint64 id;

  wait_complete (results);
  g_ptr_array_set_size (f->told, 0);

  item = g_list_model_get_item (G_LIST_MODEL (results), 7);

  /* Removed: positions 2, 3 and 5, in runs */
  g_hash_table_add (removed, &g_array_index (f->ids, gint64, 2));
  g_hash_table_add (removed, &g_array_index (f->ids, gint64, 3));
  g_hash_table_add (removed, &g_array_index (f->ids, gint64, 5));
  g_assert_cmpuint (medialib_results_remove_ids (results, removed), ==, 3);
  g_assert_cmpint (medialib_results_find_id (results, g_array_index (f->ids, gint64, 7)), ==, 4);

  id = g_array_index (f->ids, gint64, 2);
  medialib_results_insert_id (results, 0, id);
  g_assert_cmpint (medialib_results_get_id (results, 0), ==, id);
  test_assert_told (f->told, expected);

  /* Renamed: its item is told its new asset */
  g_assert_true (medialib_store_edit (f->lib.store, medialib_result_item_get_id (item), &edit, &error));
  g_assert_no_error (error);
  renamed = medialib_store_get_asset (f->lib.store, medialib_result_item_get_id (item), &error);
  g_signal_connect (item, "notify::asset", G_CALLBACK (on_notify_cb), &notified);
  medialib_results_update_asset (results, renamed);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (medialib_asset_get_name (medialib_result_item_get_asset (item)), ==, "renamed.png");
  g_assert_cmpstr (medialib_asset_get_name (medialib_results_peek_asset (results, 5)), ==, "renamed.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, n, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/results", path, Fixture, GUINT_TO_POINTER (n), \
                         fixture_setup, func, fixture_teardown)

  ADD ("first-page-then-ids", 0, test_first_page_then_ids);
  ADD ("paging", 0, test_paging);
  ADD ("eviction", N_MANY, test_eviction);
  ADD ("ids-changed-between", 0, test_ids_changed_between);
  ADD ("changes-by-id", 0, test_changes_by_id);

  return g_test_run ();
}
