/* medialib-store-async.c — the store's calls on worker threads, for the app
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "medialib-image.h"
#include "medialib-sniff.h"
#include "medialib-store-private.h"

/* --- Async wrappers for the app: every call runs on a worker thread --------------------- */

typedef struct
{
  GArray  *ids;
  char   **add_tags;
  char   **remove_tags;
  char   **add_teams;
  char   **remove_teams;
  char    *rename;
  int      kind;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_strfreev (data->add_tags);
  g_strfreev (data->remove_tags);
  g_strfreev (data->add_teams);
  g_strfreev (data->remove_teams);
  g_free (data->rename);
  g_free (data);
}

static OpData *
op_data_new (const gint64 *ids,
             guint         n_ids)
{
  OpData *data = g_new0 (OpData, 1);

  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (data->ids, ids, n_ids);

  return data;
}

static void
edit_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpData *data = task_data;
  MedialibEdit edit = {
    (const char * const *) data->add_tags, (const char * const *) data->remove_tags,
    (const char * const *) data->add_teams, (const char * const *) data->remove_teams,
    data->rename,
  };

  for (guint i = 0; i < data->ids->len; i++)
    {
      GError *error = NULL;

      if (!medialib_store_edit (source_object, g_array_index (data->ids, gint64, i), &edit, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * medialib_store_edit_async:
 *
 * Applies @edit to each asset in turn, on a worker thread; stops at the first error.
 */
void
medialib_store_edit_async (MedialibStore        *self,
                           const gint64         *ids,
                           guint                 n_ids,
                           const MedialibEdit   *edit,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = op_data_new (ids, n_ids);

  data->add_tags = g_strdupv ((char **) edit->add_tags);
  data->remove_tags = g_strdupv ((char **) edit->remove_tags);
  data->add_teams = g_strdupv ((char **) edit->add_teams);
  data->remove_teams = g_strdupv ((char **) edit->remove_teams);
  data->rename = g_strdup (edit->rename);

  g_task_set_source_tag (task, medialib_store_edit_async);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, edit_thread);
}

gboolean
medialib_store_edit_finish (MedialibStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *first_error = NULL;

  /* Every asset is tried, whatever happened to the one before. */
  for (guint i = 0; i < data->ids->len; i++)
    {
      GError *error = NULL;

      if (!medialib_store_delete (source_object, g_array_index (data->ids, gint64, i), &error))
        {
          if (first_error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            first_error = error;
          else
            g_error_free (error);
        }
    }

  if (first_error != NULL)
    g_task_return_error (task, first_error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medialib_store_delete_async (MedialibStore        *self,
                             const gint64         *ids,
                             guint                 n_ids,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, medialib_store_delete_async);
  g_task_set_task_data (task, op_data_new (ids, n_ids), (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
medialib_store_delete_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_labels_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  GPtrArray *labels = medialib_store_list_labels (source_object, data->kind, &error);

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
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = op_data_new (NULL, 0);

  data->kind = kind;
  g_task_set_source_tag (task, medialib_store_list_labels_async);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
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

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_asset_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  MedialibAsset *asset = medialib_store_get_asset (source_object, g_array_index (data->ids, gint64, 0), &error);

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
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, medialib_store_get_asset_async);
  g_task_set_task_data (task, op_data_new (&id, 1), (GDestroyNotify) op_data_free);
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

  return g_task_propagate_pointer (G_TASK (result), error);
}
