/* test-import-known.c — an image the library has already is reported as a duplicate
 * without being decoded again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-asset-private.h"
#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-store-add.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static GPtrArray *
import_paths (Fixture    *f,
              GPtrArray  *paths,
              char      **tags)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  MedialibImportOptions options = { .tags = tags };
  GPtrArray *results;

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (g_ptr_array_index (paths, i)));

  results = medialib_store_import (f->store, (GFile **) files->pdata, files->len, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, paths->len);

  return results;
}

static void
test_known_not_decoded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  char *tags[] = { "Reprint", NULL };
  guint decoded;

  g_ptr_array_add (originals, test_write_image (f->input, "banner.png", "png", 640, 320, 1));
  g_ptr_array_add (originals, test_write_image (f->input, "photo.jpeg", "jpeg", 800, 600, 2));
  g_ptr_array_add (originals, test_write_gif (f->input, "moving.gif", 40, 30, 3, 100));

  decoded = g_atomic_int_get (&_medialib_store_decoded);
  first = import_paths (f, originals, NULL);
  g_assert_cmpuint (g_atomic_int_get (&_medialib_store_decoded) - decoded, ==, originals->len);

  /* The same bytes under other names */
  for (guint i = 0; i < originals->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = g_strdup_printf ("copy-%u", i);
      gsize length;

      g_assert_true (g_file_get_contents (g_ptr_array_index (originals, i), &contents, &length, NULL));
      g_ptr_array_add (copies, test_write_bytes (f->input, name, contents, length));
    }

  decoded = g_atomic_int_get (&_medialib_store_decoded);
  second = import_paths (f, copies, tags);

  /* Not one decoded, and reported as before: duplicates of the assets, with their names */
  g_assert_cmpuint (g_atomic_int_get (&_medialib_store_decoded) - decoded, ==, 0);
  for (guint i = 0; i < originals->len; i++)
    {
      MedialibImportResult *added = g_ptr_array_index (first, i);
      MedialibImportResult *again = g_ptr_array_index (second, i);
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (originals, i));
      g_autoptr(MedialibAsset) asset = NULL;

      g_assert_cmpint (added->status, ==, MEDIALIB_IMPORT_ADDED);
      g_assert_cmpint (again->status, ==, MEDIALIB_IMPORT_DUPLICATE);
      g_assert_cmpint (again->id, ==, added->id);
      g_assert_cmpstr (again->name, ==, base);
      g_assert_null (again->reason);

      /* The import's tag went to the asset, whose row is unchanged otherwise */
      asset = medialib_store_get_asset (f->store, added->id, NULL);
      g_assert_nonnull (asset);
      g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "Reprint"));
      g_assert_cmpstr (medialib_asset_get_name (asset), ==, base);
    }
  g_assert_cmpint (medialib_store_count (f->store), ==, originals->len);

  /* A new image beside a known one: only the new one is decoded */
  g_ptr_array_add (fresh, g_strdup (g_ptr_array_index (copies, 0)));
  g_ptr_array_add (fresh, test_write_image (f->input, "new.png", "png", 64, 48, 5));
  decoded = g_atomic_int_get (&_medialib_store_decoded);
  third = import_paths (f, fresh, NULL);
  g_assert_cmpuint (g_atomic_int_get (&_medialib_store_decoded) - decoded, ==, 1);
  g_assert_cmpint (((MedialibImportResult *) g_ptr_array_index (third, 0))->status, ==, MEDIALIB_IMPORT_DUPLICATE);
  g_assert_cmpint (((MedialibImportResult *) g_ptr_array_index (third, 1))->status, ==, MEDIALIB_IMPORT_ADDED);
  g_assert_cmpint (medialib_store_count (f->store), ==, originals->len + 1);
}

/* A new file's SHA-256 is computed once: when it is identified. The blob store takes that
 * hash for the bytes it was computed over (each time it is computed again, a third of the
 * import of a photo goes into saying the same thing twice), and what it stores is still
 * exactly those bytes. */
static void
test_new_hashed_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  MedialibImportResult *result;
  gsize length;
  guint hashed;

  g_ptr_array_add (paths, test_write_image (f->input, "photo.jpeg", "jpeg", 800, 600, 7));
  g_assert_true (g_file_get_contents (g_ptr_array_index (paths, 0), &contents, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);

  hashed = g_atomic_int_get (&_medialib_content_hashed);
  results = import_paths (f, paths, NULL);
  g_assert_cmpuint (g_atomic_int_get (&_medialib_content_hashed) - hashed, ==, 1);

  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->status, ==, MEDIALIB_IMPORT_ADDED);
  asset = medialib_store_get_asset (f->store, result->id, NULL);
  g_assert_nonnull (asset);
  g_assert_cmpstr (medialib_asset_get_sha256 (asset), ==, sha256);

  /* The blob is the file, byte for byte */
  stored = medialib_blob_store_read (f->store->blobs, MEDIALIB_BLOB_MEDIA, sha256,
                                     _medialib_media_suffix (medialib_asset_get_mime (asset)), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), contents, length);

  /* The same file again: hashed once more when it is identified, and nothing else */
  g_clear_pointer (&results, g_ptr_array_unref);
  hashed = g_atomic_int_get (&_medialib_content_hashed);
  results = import_paths (f, paths, NULL);
  g_assert_cmpuint (g_atomic_int_get (&_medialib_content_hashed) - hashed, ==, 1);
  g_assert_cmpint (((MedialibImportResult *) g_ptr_array_index (results, 0))->status, ==, MEDIALIB_IMPORT_DUPLICATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/import", "known-not-decoded", Fixture, NULL,
                         test_library_setup, test_known_not_decoded, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/import", "new-hashed-once", Fixture, NULL,
                         test_library_setup, test_new_hashed_once, test_library_teardown);

  return g_test_run ();
}
