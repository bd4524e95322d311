/* test-store-async.c — the store's _async/_finish calls that the app uses, on a real library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef struct
{
  TestLibrary    lib;
  gint64         ids[3];   /* three imported images */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GFile *files[G_N_ELEMENTS (f->ids)];

  test_library_setup (&f->lib, data);

  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("image-%u.png", i);
      g_autofree char *path = test_write_image (f->lib.tmp, name, "png", 40 + i, 30, 10 + i);

      files[i] = g_file_new_for_path (path);
    }

  results = medialib_store_import (f->lib.store, files, G_N_ELEMENTS (files), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (f->ids));
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);

      g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
      f->ids[i] = r->id;
      g_object_unref (files[i]);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_library_teardown (&f->lib, data);
}

static void
test_get_asset (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  medialib_store_get_asset_async (f->lib.store, f->ids[1], NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  asset = medialib_store_get_asset_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_id (asset), ==, f->ids[1]);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "image-1.png");
  g_assert_cmpint (medialib_asset_get_width (asset), ==, 41);

  g_clear_object (&result);
  medialib_store_get_asset_async (f->lib.store, 4242, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_store_get_asset_finish (f->lib.store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_get_assets (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ids[] = { f->ids[2], 4242, f->ids[0] };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  /* The ones that exist, in the order asked */
  medialib_store_get_assets_async (f->lib.store, ids, G_N_ELEMENTS (ids), NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  assets = medialib_store_get_assets_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, 2);
  g_assert_cmpstr (medialib_asset_get_name (g_ptr_array_index (assets, 0)), ==, "image-2.png");
  g_assert_cmpstr (medialib_asset_get_name (g_ptr_array_index (assets, 1)), ==, "image-0.png");
}

static void
test_list_labels (Fixture       *f,
                  gconstpointer  data)
{
  const char *tags[] = { "Spring", NULL };
  const char *teams[] = { "Brand", NULL };
  MedialibEdit edit = { .add_tags = tags, .add_teams = teams };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  MedialibLabelCount *count;

  g_assert_true (medialib_store_edit (f->lib.store, f->ids[0], &edit, NULL));
  g_assert_true (medialib_store_edit (f->lib.store, f->ids[1], &edit, NULL));
  g_assert_true (medialib_store_create_label (f->lib.store, MEDIALIB_LABEL_TEAM, "Growth", NULL));

  medialib_store_list_labels_async (f->lib.store, MEDIALIB_LABEL_TAG, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  labels = medialib_store_list_labels_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 1);
  count = g_ptr_array_index (labels, 0);
  g_assert_cmpstr (count->name, ==, "Spring");
  g_assert_cmpuint (count->count, ==, 2);

  /* Every team, even one nothing is assigned to */
  g_clear_object (&result);
  g_clear_pointer (&labels, g_ptr_array_unref);
  medialib_store_list_labels_async (f->lib.store, MEDIALIB_LABEL_TEAM, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  labels = medialib_store_list_labels_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 2);
  g_assert_cmpstr (((MedialibLabelCount *) g_ptr_array_index (labels, 0))->name, ==, "Brand");
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (labels, 0))->count, ==, 2);
  g_assert_cmpstr (((MedialibLabelCount *) g_ptr_array_index (labels, 1))->name, ==, "Growth");
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (labels, 1))->count, ==, 0);

  /* Cancelled */
  g_clear_object (&result);
  g_cancellable_cancel (cancellable);
  medialib_store_list_labels_async (f->lib.store, MEDIALIB_LABEL_TAG, cancellable, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_store_list_labels_finish (f->lib.store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  const char *tags[] = { "Summer", NULL };
  MedialibEdit edit = { .add_tags = tags };
  MedialibEdit rename = { .rename = "renamed.png" };
  gint64 with_missing[] = { f->ids[2], 4242 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  /* Every asset gets the change */
  medialib_store_edit_async (f->lib.store, f->ids, 2, &edit, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_store_edit_finish (f->lib.store, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->lib.store, f->ids[i], NULL);

      if (i < 2)
        g_assert_cmpstrv (medialib_asset_get_tags (asset), tags);
      else
        g_assert_null (medialib_asset_get_tags (asset)[0]);
    }

  /* It stops at the first asset that fails */
  g_clear_object (&result);
  medialib_store_edit_async (f->lib.store, with_missing, 2, &rename, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_store_edit_finish (f->lib.store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->lib.store, f->ids[2], NULL);
    g_assert_cmpstr (medialib_asset_get_name (asset), ==, "renamed.png");
  }

  /* Cancelled before it ran: nothing changes */
  g_clear_object (&result);
  g_cancellable_cancel (cancellable);
  rename.rename = "not-this.png";
  medialib_store_edit_async (f->lib.store, f->ids, 1, &rename, cancellable, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_store_edit_finish (f->lib.store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->lib.store, f->ids[0], NULL);
    g_assert_cmpstr (medialib_asset_get_name (asset), ==, "image-0.png");
  }
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  gint64 ids[] = { f->ids[0], 4242, f->ids[2] };
  g_autoptr(MedialibAsset) first = medialib_store_get_asset (f->lib.store, f->ids[0], NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  /* On this computer (a team library's cache may not have kept it): deleting removes it */
  g_assert_true (medialib_store_ensure_file (f->lib.store, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (medialib_asset_get_path (first), G_FILE_TEST_IS_REGULAR));

  /* An asset that is already gone is no error; the others go */
  medialib_store_delete_async (f->lib.store, ids, G_N_ELEMENTS (ids), NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_store_delete_finish (f->lib.store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medialib_store_count (f->lib.store), ==, 1);
  /* Gone: no file where it was, or (a team library) no cached copy to give a path to */
  g_assert_true (test_file_gone (medialib_asset_get_path (first)));
  g_assert_true (test_file_gone (medialib_asset_get_thumbnail_path (first)));
  {
    g_autoptr(MedialibAsset) left = medialib_store_get_asset (f->lib.store, f->ids[1], NULL);
    g_assert_nonnull (left);
  }
}

static void
test_ensure_thumbnail (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->lib.store, f->ids[0], NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  const char *thumbnail = medialib_asset_get_thumbnail_path (asset);

  g_assert_nonnull (thumbnail);
  g_assert_cmpint (g_unlink (thumbnail), ==, 0);

  medialib_store_ensure_thumbnail_async (f->lib.store, asset, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_store_ensure_thumbnail_finish (f->lib.store, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR));

  /* Without its stored file, it cannot be made again */
  g_clear_object (&result);
  /* (through the blob store: a team library's files are in its bucket, not only at their
   * paths) */
  g_assert_true (medialib_blob_store_delete (f->lib.store->blobs, MEDIALIB_BLOB_THUMBNAIL,
                                             medialib_asset_get_sha256 (asset),
                                             MEDIALIB_THUMBNAIL_SUFFIX, &error));
  g_assert_true (medialib_blob_store_delete (f->lib.store->blobs, MEDIALIB_BLOB_MEDIA,
                                             medialib_asset_get_sha256 (asset), ".png", &error));
  g_assert_no_error (error);
  medialib_store_ensure_thumbnail_async (f->lib.store, asset, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_store_ensure_thumbnail_finish (f->lib.store, result, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (thumbnail, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/store-async", path, Fixture, NULL, \
                         fixture_setup, func, fixture_teardown)

  ADD ("get-asset", test_get_asset);
  ADD ("get-assets", test_get_assets);
  ADD ("list-labels", test_list_labels);
  ADD ("edit", test_edit);
  ADD ("delete", test_delete);
  ADD ("ensure-thumbnail", test_ensure_thumbnail);

  return g_test_run ();
}
