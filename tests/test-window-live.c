/* test-window-live.c — the window follows the library's changes in place: no new search, the
 * same model, the selection and the search text kept
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-import.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

static MedialibAsset *
shown_asset (Fixture *f,
             gint64   id)
{
  GListModel *model = G_LIST_MODEL (f->window->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);

      if (medialib_asset_get_id (asset) == id)
        return g_steal_pointer (&asset);
    }

  return NULL;
}

/* The store tells its writes from the main loop: they are heard, then applied */
static void
wait_for_changes (Fixture *f)
{
  settle ();
  wait_for_search (f);
}

static gint64
id_at (Fixture *f,
       guint    position)
{
  g_autoptr(MedialibAsset) asset = asset_at (f, position);

  return medialib_asset_get_id (asset);
}

static gint64
selected_id (Fixture *f)
{
  g_autoptr(GPtrArray) selected = _medialib_window_get_selected (f->window);

  g_assert_cmpuint (selected->len, ==, 1);
  return medialib_asset_get_id (g_ptr_array_index (selected, 0));
}

/* Changes told by the store, as another member's are: each one applied where it belongs */
static void
test_window_live_changes (Fixture       *f,
                          gconstpointer  data)
{
  MedialibStore *store;
  GListModel *model;
  g_autoptr(MedialibAsset) tagged = NULL;
  g_autoptr(MedialibAsset) added = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *tags[] = { "Live", NULL };
  MedialibEdit edit = { .add_tags = tags };
  gint64 chosen, other, new_id;
  guint stamp;

  populate (f);
  store = f->window->store;
  model = medialib_selection_get_model (f->window->selection);
  g_assert_cmpuint (n_shown (f), ==, 6);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), 2, TRUE);
  chosen = id_at (f, 2);
  other = id_at (f, 4);
  g_assert_cmpint (f->window->details_id, ==, chosen);
  stamp = f->window->search_stamp;

  /* An edit: the asset is replaced in place, the selection stays on its asset */
  g_assert_true (medialib_store_edit (store, other, &edit, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_store_edit (store, chosen, &edit, &error));
  g_assert_no_error (error);
  wait_for_changes (f);
  tagged = shown_asset (f, other);
  g_assert_nonnull (tagged);
  g_assert_true (g_strv_contains (medialib_asset_get_tags (tagged), "Live"));
  g_assert_cmpint (selected_id (f), ==, chosen);
  g_assert_true (g_strv_contains (medialib_asset_get_tags (_medialib_window_get_details_asset (f->window)),
                                  "Live"));

  /* An import: inserted at the top (newest first), the rest where it was */
  path = test_write_image (f->input, "late-arrival.png", "png", 90, 60, 42);
  file = g_file_new_for_path (path);
  results = medialib_store_import (store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  new_id = ((MedialibImportResult *) g_ptr_array_index (results, 0))->id;
  wait_for_changes (f);
  g_assert_cmpuint (n_shown (f), ==, 7);
  g_assert_cmpint (id_at (f, 0), ==, new_id);
  g_assert_cmpint (id_at (f, 3), ==, chosen);
  g_assert_cmpint (selected_id (f), ==, chosen);

  g_assert_cmpuint (f->window->search_stamp, ==, stamp);
  g_assert_true (medialib_selection_get_model (f->window->selection) == model);

  /* A tag filter: an asset given the tag comes in, one that loses it goes */
  g_hash_table_replace (f->window->filter_tags, g_strdup ("live"), g_strdup ("Live"));
  _medialib_window_refresh (f->window);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  model = medialib_selection_get_model (f->window->selection);
  stamp = f->window->search_stamp;
  g_assert_true (medialib_store_edit (store, new_id, &edit, &error));
  g_assert_no_error (error);
  wait_for_changes (f);
  g_assert_cmpuint (n_shown (f), ==, 3);
  g_assert_cmpint (id_at (f, 0), ==, new_id);
  edit = (MedialibEdit) { .remove_tags = tags };
  g_assert_true (medialib_store_edit (store, other, &edit, &error));
  g_assert_no_error (error);
  wait_for_changes (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_clear_object (&tagged);
  tagged = shown_asset (f, other);
  g_assert_null (tagged);

  /* Deleted while its details are shown: they close */
  g_assert_cmpint (f->window->details_id, ==, chosen);
  g_assert_true (medialib_store_delete (store, chosen, &error));
  g_assert_no_error (error);
  wait_for_changes (f);
  g_clear_object (&tagged);
  tagged = shown_asset (f, chosen);
  g_assert_null (tagged);
  g_assert_cmpint (f->window->details_id, ==, 0);
  g_assert_null (_medialib_window_get_details_asset (f->window));

  /* None of it searched again: the same model, changed in place */
  g_assert_cmpuint (f->window->search_stamp, ==, stamp);
  g_assert_true (medialib_selection_get_model (f->window->selection) == model);
}

/* Notices lost (a team library's server was out of reach): everything is read again, and
 * only the differences are applied */
static void
test_window_live_resync (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedialibStore) behind = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibAsset) renamed = NULL;
  g_autoptr(MedialibAsset) still = NULL;
  g_autoptr(GError) error = NULL;
  MedialibEdit edit = { .rename = "renamed-behind.png" };
  GListModel *model;
  gint64 chosen, gone, changed;
  guint stamp;

  populate (f);
  model = medialib_selection_get_model (f->window->selection);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), 1, TRUE);
  chosen = id_at (f, 1);
  gone = id_at (f, 3);
  changed = id_at (f, 5);
  stamp = f->window->search_stamp;

  /* Changes the window does not hear of: another store's */
  behind = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_store_delete (behind, gone, &error));
  g_assert_true (medialib_store_edit (behind, changed, &edit, &error));
  g_assert_no_error (error);
  settle ();
  still = shown_asset (f, gone);
  g_assert_nonnull (still);

  g_signal_emit_by_name (f->window->store, "changed", MEDIALIB_CHANGE_RESYNC, none);
  wait_for_changes (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  g_clear_object (&still);
  still = shown_asset (f, gone);
  g_assert_null (still);
  renamed = shown_asset (f, changed);
  g_assert_cmpstr (medialib_asset_get_name (renamed), ==, "renamed-behind.png");
  g_assert_cmpint (selected_id (f), ==, chosen);
  g_assert_cmpuint (f->window->search_stamp, ==, stamp);
  g_assert_true (medialib_selection_get_model (f->window->selection) == model);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("live-changes", test_window_live_changes);
  WINDOW_TEST_ADD ("live-resync", test_window_live_resync);

  return window_test_run ();
}
