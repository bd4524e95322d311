/* medialib-store-phash.c — computing the perceptual hashes an older library lacks
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-asset-private.h"
#include "medialib-image.h"
#include "medialib-background.h"
#include "medialib-store-private.h"

/*
 * Every image added is hashed from its thumbnail (medialib-store-add.c); the images of a
 * library made before hashes have none until this computes them, from their stored
 * thumbnails (made again from the image when the cache lost one), in batches of 64 stored
 * in one transaction each. The window runs it on a worker thread once the library is open
 * (medialib-window-backup.c). In a file of its own: it decodes PNG (GdkPixbuf), and the
 * light `medialib` does not link it.
 */

#define BATCH 64

static gboolean
hash_thumbnail (MedialibStore  *self,
                MedialibAsset  *asset,
                guint64        *hash,
                GError        **error)
{
  const char *sha256 = medialib_asset_get_sha256 (asset);
  g_autoptr(GBytes) png = NULL;
  MedialibImageInfo info = { 0 };

  if (!medialib_store_ensure_thumbnail (self, asset, error) ||
      !(png = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX, error)) ||
      !medialib_image_probe (MEDIALIB_FORMAT_PNG, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                             MEDIALIB_THUMBNAIL_SIZE, &info, error))
    return FALSE;

  *hash = medialib_image_phash (info.thumbnail);
  medialib_image_info_clear (&info);
  return TRUE;
}

/**
 * medialib_store_compute_phashes:
 * @computed: (out) (optional): how many hashes were computed
 *
 * Computes and stores the perceptual hashes the library's images lack. An image whose
 * thumbnail cannot be read is left without one (and tried again next time). Blocks.
 *
 * Returns: %FALSE when the catalog could not be read or written (a read-only library, say)
 */
gboolean
medialib_store_compute_phashes (MedialibStore  *self,
                                GCancellable   *cancellable,
                                guint          *computed,
                                GError        **error)
{
  gint64 after = 0;
  guint count = 0;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) assets = NULL;
      g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (MedialibPhashEntry));

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!(ids = medialib_catalog_list_unhashed (self->catalog, after, BATCH, error)))
        return FALSE;
      if (ids->len == 0)
        break;
      after = g_array_index (ids, gint64, ids->len - 1);

      if (!(assets = medialib_catalog_get_assets (self->catalog, (const gint64 *) ids->data, ids->len, error)))
        return FALSE;

      for (guint i = 0; i < assets->len; i++)
        {
          MedialibAsset *asset = g_ptr_array_index (assets, i);
          g_autoptr(GError) local_error = NULL;
          MedialibPhashEntry entry = { medialib_asset_get_id (asset), 0 };

          if (hash_thumbnail (self, asset, &entry.hash, &local_error))
            g_array_append_val (entries, entry);
          else
            g_debug ("No perceptual hash for asset %" G_GINT64_FORMAT ": %s", entry.id, local_error->message);
        }

      if (!medialib_catalog_set_phashes (self->catalog, (const MedialibPhashEntry *) entries->data, entries->len, error))
        return FALSE;
      count += entries->len;
    }

  if (computed != NULL)
    *computed = count;

  return TRUE;
}

static void
compute_phashes_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  guint computed = 0;

  if (!medialib_store_compute_phashes (source_object, cancellable, &computed, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, computed);
}

void
medialib_store_compute_phashes_async (MedialibStore       *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_compute_phashes_async);
  g_task_set_priority (task, G_PRIORITY_LOW);
  _medialib_task_run_in_background (task, compute_phashes_thread, "medialib-phashes");
}

gboolean
medialib_store_compute_phashes_finish (MedialibStore  *self,
                                       GAsyncResult   *result,
                                       guint          *computed,
                                       GError        **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;
  if (computed != NULL)
    *computed = (guint) count;

  return TRUE;
}
