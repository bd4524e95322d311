/* medialib-store-read.c — reading the library: assets, counts, search, labels, and the
 * thumbnails made again when the cache lost them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-private.h"
#include "medialib-image.h"
#include "medialib-sniff.h"
#include "medialib-store-private.h"

#define SEP MEDIALIB_STORE_SEP

/* --- Reading -------------------------------------------------------------------------- */

#define ASSET_COLUMNS \
  "a.id, a.name, a.kind, a.mime, a.bytes, a.width, a.height, a.animated, a.sha256, " \
  "a.added, a.source, a.parent, a.tag_names, a.team_names, a.prompt, a.contact "

static char **
split_labels (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strsplit (text, SEP, -1);
}

static MedialibAsset *
asset_from_row (MedialibStore *self,
                sqlite3_stmt  *stmt)
{
  const char *sha256 = (const char *) sqlite3_column_text (stmt, 8);
  const char *mime = (const char *) sqlite3_column_text (stmt, 3);
  MedialibAssetKind kind = MEDIALIB_ASSET_KIND_IMAGE;
  MedialibAssetFields fields;

  /* The schema's CHECK allows only these two */
  if (!medialib_asset_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind))
    g_warn_if_reached ();

  fields = (MedialibAssetFields) {
    .id = sqlite3_column_int64 (stmt, 0),
    .name = (const char *) sqlite3_column_text (stmt, 1),
    .kind = kind,
    .mime = mime,
    .bytes = sqlite3_column_int64 (stmt, 4),
    .width = sqlite3_column_int (stmt, 5),
    .height = sqlite3_column_int (stmt, 6),
    .animated = sqlite3_column_int (stmt, 7) != 0,
    .sha256 = sha256,
    .added = sqlite3_column_int64 (stmt, 9),
    .source = (const char *) sqlite3_column_text (stmt, 10),
    .parent = sqlite3_column_int64 (stmt, 11),
    .tags = split_labels ((const char *) sqlite3_column_text (stmt, 12)),
    .teams = split_labels ((const char *) sqlite3_column_text (stmt, 13)),
    .blobs = self->blobs,
    .prompt = (const char *) sqlite3_column_text (stmt, 14),
    .contact = (const char *) sqlite3_column_text (stmt, 15),
  };

  return _medialib_asset_new (&fields);
}

gint64
medialib_store_count (MedialibStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _medialib_store_prepare (self, "SELECT count(*) FROM assets", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
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
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _medialib_store_prepare (self, "SELECT " ASSET_COLUMNS " FROM assets a WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return asset_from_row (self, stmt);

  if (rc == SQLITE_DONE)
    _medialib_store_not_found (error, id);
  else
    _medialib_store_db_error (self, error, _("The library database could not be read"));

  return NULL;
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
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) assets = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  assets = g_ptr_array_new_full (n_ids, g_object_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      GError *local_error = NULL;
      MedialibAsset *asset = medialib_store_get_asset (self, ids[i], &local_error);

      if (asset != NULL)
        g_ptr_array_add (assets, asset);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_error_free (local_error);
      else
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }

  return g_steal_pointer (&assets);
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

static void
append_label_filter (GString           *sql,
                     GPtrArray         *params,
                     MedialibLabelKind  kind,
                     char             **names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_string_append_printf (sql,
                              " AND EXISTS (SELECT 1 FROM %s x JOIN %s l ON l.id = x.label"
                              " WHERE x.asset = a.id AND l.key = ?)",
                              _medialib_label_link_table (kind), _medialib_label_table (kind));
      g_ptr_array_add (params, medialib_label_key (names[i]));
    }
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
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " ASSET_COLUMNS " FROM assets a WHERE 1");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  match = medialib_query_to_fts_match (query->text);
  if (match != NULL)
    {
      g_string_append (sql, " AND a.id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)");
      g_ptr_array_add (params, g_strdup (match));
    }

  if (query->kind != MEDIALIB_ASSET_KIND_ANY)
    {
      g_string_append (sql, " AND a.kind = ?");
      g_ptr_array_add (params, g_strdup (medialib_asset_kind_to_string (query->kind)));
    }

  append_label_filter (sql, params, MEDIALIB_LABEL_TAG, query->tags);
  append_label_filter (sql, params, MEDIALIB_LABEL_TEAM, query->teams);

  switch (query->sort)
    {
    case MEDIALIB_SORT_NAME:
      g_string_append (sql, " ORDER BY a.name COLLATE NOCASE, a.id");
      break;
    case MEDIALIB_SORT_SIZE:
      g_string_append (sql, " ORDER BY a.bytes DESC, a.id DESC");
      break;
    case MEDIALIB_SORT_ADDED:
    default:
      g_string_append (sql, " ORDER BY a.added DESC, a.id DESC");
      break;
    }

  if (query->limit > 0 || query->offset > 0)
    g_string_append_printf (sql, " LIMIT %d OFFSET %u", query->limit > 0 ? (int) query->limit : -1, query->offset);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _medialib_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assets, asset_from_row (self, stmt));

  if (rc != SQLITE_DONE)
    {
      _medialib_store_db_error (self, error, _("The library could not be searched"));
      return NULL;
    }

  return g_steal_pointer (&assets);
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
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_label_count_free);

  sql = g_strdup_printf ("SELECT l.name, (SELECT count(*) FROM %s x WHERE x.label = l.id) AS n"
                         " FROM %s l %s ORDER BY l.key",
                         _medialib_label_link_table (kind), _medialib_label_table (kind),
                         kind == MEDIALIB_LABEL_TAG ? "WHERE n > 0" : "");
  stmt = _medialib_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MedialibLabelCount *count = g_new0 (MedialibLabelCount, 1);

      count->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->count = (guint) sqlite3_column_int (stmt, 1);
      g_ptr_array_add (labels, count);
    }

  if (rc != SQLITE_DONE)
    {
      _medialib_store_db_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&labels);
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

/* --- Thumbnails ------------------------------------------------------------------------------ */

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
