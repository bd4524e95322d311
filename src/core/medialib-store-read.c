/* medialib-store-read.c — reading the library: assets, counts, search, labels, and the
 * asset's file on this computer
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-asset-private.h"
#include "medialib-store-private.h"

/* --- Reading: the catalog's ------------------------------------------------------------ */

gint64
medialib_store_count (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), 0);

  return MAX (medialib_catalog_count (self->catalog, NULL), 0);
}

/**
 * medialib_store_get_asset:
 *
 * Returns: (transfer full) (nullable): the asset, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibAsset *
medialib_store_get_asset (MedialibStore  *self,
                          gint64          id,
                          GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  return medialib_catalog_get_asset (self->catalog, id, error);
}

static void
get_asset_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  MedialibAsset *asset;

  if (g_task_return_error_if_cancelled (task))
    return;

  asset = medialib_store_get_asset (source_object, *(gint64 *) task_data, &error);
  if (asset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, asset, g_object_unref);
}

void
medialib_store_get_asset_async (MedialibStore        *self,
                                gint64                id,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_get_asset_async);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  g_task_run_in_thread (task, get_asset_thread);
}

/**
 * medialib_store_get_asset_finish:
 *
 * Returns: (transfer full):
 */
MedialibAsset *
medialib_store_get_asset_finish (MedialibStore  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_get_asset_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medialib_store_get_assets:
 *
 * Returns: (transfer full) (element-type MedialibAsset): the assets of @ids that exist, in
 *   the order of @ids
 */
GPtrArray *
medialib_store_get_assets (MedialibStore  *self,
                           const gint64   *ids,
                           guint           n_ids,
                           GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  return medialib_catalog_get_assets (self->catalog, ids, n_ids, error);
}

static void
get_assets_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GArray *ids = task_data;
  GError *error = NULL;
  GPtrArray *assets;

  if (g_task_return_error_if_cancelled (task))
    return;

  assets = medialib_store_get_assets (source_object, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  if (assets == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, assets, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_get_assets_async (MedialibStore        *self,
                                 const gint64         *ids,
                                 guint                 n_ids,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GArray *copy;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (copy, ids, n_ids);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_get_assets_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) g_array_unref);
  g_task_run_in_thread (task, get_assets_thread);
}

/**
 * medialib_store_get_assets_finish:
 *
 * Returns: (transfer full) (element-type MedialibAsset):
 */
GPtrArray *
medialib_store_get_assets_finish (MedialibStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_get_assets_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medialib_store_search:
 *
 * One query, however many assets match: no per-row queries.
 *
 * Returns: (transfer full) (element-type MedialibAsset): the matching assets, sorted
 */
GPtrArray *
medialib_store_search (MedialibStore        *self,
                       const MedialibQuery  *query,
                       GError              **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return medialib_catalog_search (self->catalog, query, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MedialibStore *self = source_object;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GListStore) model = NULL;
  GError *error = NULL;

  if (!(assets = medialib_store_search (self, task_data, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  model = g_list_store_new (MEDIALIB_TYPE_ASSET);
  g_list_store_splice (model, 0, 0, assets->pdata, assets->len);
  g_task_return_pointer (task, g_steal_pointer (&model), g_object_unref);
}

void
medialib_store_search_async (MedialibStore        *self,
                             const MedialibQuery  *query,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_search_async);
  g_task_set_task_data (task, medialib_query_copy (query), (GDestroyNotify) medialib_query_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * medialib_store_search_finish:
 *
 * Returns: (transfer full): a #GListModel of #MedialibAsset
 */
GListModel *
medialib_store_search_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medialib_label_count_free (MedialibLabelCount *count)
{
  g_free (count->name);
  g_free (count);
}

/**
 * medialib_store_list_labels:
 *
 * Tags in use, or every team (a team exists before anything is assigned to it), by name.
 *
 * Returns: (transfer full) (element-type MedialibLabelCount):
 */
GPtrArray *
medialib_store_list_labels (MedialibStore      *self,
                            MedialibLabelKind   kind,
                            GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medialib_catalog_list_labels (self->catalog, kind, error);
}

static void
list_labels_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *labels;

  if (g_task_return_error_if_cancelled (task))
    return;

  labels = medialib_store_list_labels (source_object, GPOINTER_TO_INT (task_data), &error);
  if (labels == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, labels, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_list_labels_async (MedialibStore        *self,
                                  MedialibLabelKind     kind,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_list_labels_async);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  g_task_run_in_thread (task, list_labels_thread);
}

/**
 * medialib_store_list_labels_finish:
 *
 * Returns: (transfer full) (element-type MedialibLabelCount):
 */
GPtrArray *
medialib_store_list_labels_finish (MedialibStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_list_labels_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- The asset's file on this computer --------------------------------------------------- */

/**
 * medialib_store_ensure_file:
 *
 * Makes sure that the library's own copy of @asset is on this computer, at
 * medialib_asset_get_path(): a team library fetches it from its bucket into its cache.
 * Blocking (it may wait on the network): call it on a worker thread, or use
 * medialib_store_ensure_file_async() before opening, copying or dragging the file.
 *
 * Returns: whether the file is there
 */
gboolean
medialib_store_ensure_file (MedialibStore  *self,
                            MedialibAsset  *asset,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = medialib_blob_store_ensure_local (self->blobs, MEDIALIB_BLOB_MEDIA, medialib_asset_get_sha256 (asset),
                                           _medialib_media_suffix (medialib_asset_get_mime (asset)),
                                           cancellable, error);

  return path != NULL;
}

static void
ensure_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (MEDIALIB_IS_ASSET (task_data));

  if (g_task_return_error_if_cancelled (task))
    return;

  if (medialib_store_ensure_file (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
medialib_store_ensure_file_async (MedialibStore        *self,
                                  MedialibAsset        *asset,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_ensure_file_async);
  g_task_set_task_data (task, g_object_ref (asset), g_object_unref);
  g_task_run_in_thread (task, ensure_file_thread);
}

/**
 * medialib_store_ensure_file_finish:
 *
 * Returns: whether the asset's file is at medialib_asset_get_path()
 */
gboolean
medialib_store_ensure_file_finish (MedialibStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_ensure_file_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
