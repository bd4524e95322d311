/* medialib-store-thumbnail.c — the thumbnails made again when the cache lost them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-asset-private.h"
#include "medialib-image.h"
#include "medialib-sniff.h"
#include "medialib-store-private.h"

/*
 * In a file of its own: it decodes images (GdkPixbuf), and the light `medialib`, which reads
 * the library without decoding anything, does not link it.
 */

/**
 * medialib_store_ensure_thumbnail:
 *
 * Makes the asset's thumbnail again from its stored file when the cache lost it.
 */
gboolean
medialib_store_ensure_thumbnail (MedialibStore  *self,
                                 MedialibAsset  *asset,
                                 GError        **error)
{
  const char *sha256;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) png = NULL;
  MedialibImageInfo info;
  MedialibFormat format;
  gboolean ok;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sha256 = medialib_asset_get_sha256 (asset);

  if (medialib_asset_get_thumbnail_path (asset) == NULL ||
      medialib_blob_store_has (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX))
    return TRUE;

  if (!(bytes = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_MEDIA, sha256,
                                          _medialib_media_suffix (medialib_asset_get_mime (asset)), error)))
    return FALSE;

  format = medialib_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!medialib_image_probe (format, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             MEDIALIB_THUMBNAIL_SIZE, &info, error))
    return FALSE;

  png = medialib_image_encode_thumbnail (info.thumbnail, error);
  ok = png != NULL &&
       medialib_blob_store_put (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                png, error);
  medialib_image_info_clear (&info);

  return ok;
}

/**
 * medialib_store_dup_grid_thumbnail_path:
 * @alpha: whether the thumbnail has transparency (the copy is then a PNG, otherwise a JPEG)
 *
 * The grid's copy of @asset's thumbnail, at MEDIALIB_GRID_THUMBNAIL_SIZE, next to the
 * thumbnail on this computer (medialib-thumbnail-cache.c makes it).
 *
 * Returns: (transfer full) (nullable): its path, or %NULL when the asset has no thumbnail;
 *   the file may be missing
 */
char *
medialib_store_dup_grid_thumbnail_path (MedialibStore *self,
                                        MedialibAsset *asset,
                                        gboolean       alpha)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);

  if (medialib_asset_get_thumbnail_path (asset) == NULL)
    return NULL;

  return medialib_blob_store_dup_local_path (self->blobs, MEDIALIB_BLOB_THUMBNAIL,
                                             medialib_asset_get_sha256 (asset),
                                             alpha ? MEDIALIB_GRID_THUMBNAIL_ALPHA_SUFFIX
                                                   : MEDIALIB_GRID_THUMBNAIL_SUFFIX);
}

static void
ensure_thumbnail_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (medialib_store_ensure_thumbnail (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
medialib_store_ensure_thumbnail_async (MedialibStore        *self,
                                       MedialibAsset        *asset,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_ensure_thumbnail_async);
  g_task_set_task_data (task, g_object_ref (asset), g_object_unref);
  g_task_run_in_thread (task, ensure_thumbnail_thread);
}

/**
 * medialib_store_ensure_thumbnail_finish:
 *
 * Returns: whether the asset's thumbnail is on disk (or it has none)
 */
gboolean
medialib_store_ensure_thumbnail_finish (MedialibStore  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_ensure_thumbnail_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
