/* fuzz-import.c — arbitrary bytes imported into a library, as a user's file would be
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written to a file and goes through medialib_store_import(): content
 * sniffing, the header checks, decoding at thumbnail size, the thumbnail, the copy in
 * media/ and the row. It is either added, as an image with sane dimensions and a thumbnail
 * or a contact card, or rejected with a reason; nothing else. The asset is then found by a
 * search and deleted, so that one temporary library serves every input.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz.h"
#include "medialib-image.h"
#include "medialib-import.h"
#include "medialib-settings.h"
#include "medialib-store-private.h"

static char *tmp_dir;
static char *input_path;
static MedialibStore *store;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
teardown (void)
{
  g_clear_object (&store);
  if (tmp_dir != NULL)
    remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&input_path, g_free);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;

  tmp_dir = g_dir_make_tmp ("medialib-fuzz-import-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (tmp_dir, "library", NULL);
  input_path = g_build_filename (tmp_dir, "input", NULL);

  store = medialib_store_open (library, &error);
  g_assert_no_error (error);
  atexit (teardown);
}

/* Nothing of a file stays in the library once its asset is deleted, or when it is refused */
static void
assert_nothing_stored (const char *sha256)
{
  g_assert (!medialib_blob_store_has (store->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
  for (const char *const *suffix = (const char *const[]) { ".png", ".jpg", ".gif", ".vcf", NULL };
       *suffix != NULL; suffix++)
    g_assert (!medialib_blob_store_has (store->blobs, MEDIALIB_BLOB_MEDIA, sha256, *suffix));
}

static void
check_added (MedialibImportResult *result,
             gsize                 size)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  MedialibAssetKind kind;

  g_assert (result->id > 0);
  g_assert_cmpstr (result->name, ==, "input");

  asset = medialib_store_get_asset (store, result->id, &error);
  g_assert_no_error (error);
  g_assert (medialib_asset_get_bytes (asset) == (gint64) size);
  g_assert (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_IS_REGULAR));
  sha256 = g_strdup (medialib_asset_get_sha256 (asset));

  kind = medialib_asset_get_kind (asset);
  if (kind == MEDIALIB_ASSET_KIND_IMAGE)
    {
      int width = medialib_asset_get_width (asset), height = medialib_asset_get_height (asset);
      int thumb_width = 0, thumb_height = 0;

      g_assert (width > 0 && height > 0);
      g_assert ((guint64) width * (guint64) height <= MEDIALIB_IMAGE_MAX_PIXELS);

      /* Its thumbnail, at most 512 pixels on its longest side */
      g_assert (medialib_asset_get_thumbnail_path (asset) != NULL);
      g_assert (gdk_pixbuf_get_file_info (medialib_asset_get_thumbnail_path (asset), &thumb_width, &thumb_height));
      g_assert (thumb_width > 0 && thumb_height > 0);
      g_assert (MAX (thumb_width, thumb_height) <= MEDIALIB_THUMBNAIL_SIZE);
    }
  else
    {
      g_assert (kind == MEDIALIB_ASSET_KIND_CONTACT);
      g_assert (medialib_asset_get_contact (asset) != NULL);
      g_assert (medialib_asset_get_mime (asset) != NULL);
    }

  /* The library answers queries */
  g_assert (medialib_store_count (store) == 1);
  found = medialib_store_search (store, query, &error);
  g_assert_no_error (error);
  g_assert (found->len == 1);
  g_assert (medialib_asset_get_id (g_ptr_array_index (found, 0)) == result->id);

  /* …and is empty again */
  g_assert (medialib_store_delete (store, result->id, &error));
  g_assert_no_error (error);
  g_assert (medialib_store_count (store) == 0);
  assert_nothing_stored (sha256);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportOptions options = { .max_file_size = MEDIALIB_DEFAULT_MAX_FILE_SIZE };
  MedialibImportResult *result;

  fuzz_set_logging_func ();
  if (store == NULL)
    setup ();

  g_assert (g_file_set_contents_full (input_path, (const char *) data, size,
                                      G_FILE_SET_CONTENTS_NONE, 0644, &error));
  file = g_file_new_for_path (input_path);

  results = medialib_store_import (store, &file, 1, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert (results != NULL && results->len == 1);

  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->path, ==, input_path);

  switch (result->status)
    {
    case MEDIALIB_IMPORT_ADDED:
      check_added (result, size);
      break;

    case MEDIALIB_IMPORT_REJECTED:
      {
        g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

        /* The reason is a sentence for a person; the file is named by the result's path */
        g_assert (result->id == 0);
        g_assert (result->reason != NULL && result->reason[0] != '\0');
        g_assert (g_utf8_validate (result->reason, -1, NULL));
        g_assert (medialib_store_count (store) == 0);
        assert_nothing_stored (sha256);
      }
      break;

    case MEDIALIB_IMPORT_DUPLICATE:
    case MEDIALIB_IMPORT_SKIPPED:
    default:
      g_assert_not_reached ();
    }

  return 0;
}
