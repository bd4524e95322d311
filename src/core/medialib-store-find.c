/* medialib-store-find.c — a search for a view: the first page of assets at once, then the
 * ids of every result
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-results.h"
#include "medialib-store-private.h"

/**
 * medialib_store_search_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the assets that
 *   medialib_store_search() finds for @query, in the same order
 */
GArray *
medialib_store_search_ids (MedialibStore        *self,
                           const MedialibQuery  *query,
                           GError              **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return medialib_catalog_search_ids (self->catalog, query, error);
}

static void
search_ids_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *ids;

  if (g_task_return_error_if_cancelled (task))
    return;

  ids = medialib_store_search_ids (source_object, task_data, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_array_unref (ids);
}

void
medialib_store_search_ids_async (MedialibStore        *self,
                                 const MedialibQuery  *query,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_search_ids_async);
  g_task_set_task_data (task, medialib_query_copy (query), (GDestroyNotify) medialib_query_free);
  g_task_run_in_thread (task, search_ids_thread);
}

/**
 * medialib_store_search_ids_finish:
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
medialib_store_search_ids_finish (MedialibStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_search_ids_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Finding: first the first page, then every id ------------------------------------------- */

typedef struct
{
  MedialibQuery *query;       /* the whole search */
  guint          first_page;
} Find;

static void
find_free (Find *find)
{
  g_clear_pointer (&find->query, medialib_query_free);
  g_free (find);
}

static void
find_first_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Find *find = task_data;
  g_autoptr(MedialibQuery) first = medialib_query_copy (find->query);
  GError *error = NULL;
  GPtrArray *assets;

  if (g_task_return_error_if_cancelled (task))
    return;

  first->limit = find->first_page;
  assets = medialib_store_search (source_object, first, &error);
  if (assets == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, assets, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_rest_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(MedialibResults) results = g_weak_ref_get (ref);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);

  ids = medialib_store_search_ids_finish (MEDIALIB_STORE (object), result, &error);
  if (results != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _medialib_results_complete (results, ids, error);
}

static void
on_first_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedialibStore *self = MEDIALIB_STORE (object);
  Find *find = g_task_get_task_data (task);
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(MedialibResults) results = NULL;
  GError *error = NULL;

  assets = g_task_propagate_pointer (G_TASK (result), &error);
  if (assets == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  results = medialib_results_new (self, assets);

  /* Fewer than a page: that is every result */
  if (assets->len < find->first_page)
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), assets->len);

      for (guint i = 0; i < assets->len; i++)
        {
          gint64 id = medialib_asset_get_id (g_ptr_array_index (assets, i));

          g_array_append_val (ids, id);
        }
      _medialib_results_complete (results, ids, NULL);
    }
  else
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, results);
      medialib_store_search_ids_async (self, find->query, _medialib_results_get_cancellable (results),
                                       on_rest_read_cb, ref);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), g_object_unref);
}

/**
 * medialib_store_find_async:
 * @first_page: how many assets the first page has (at least 1)
 *
 * Searches for a view: the result is a #MedialibResults of the first @first_page assets
 * (read with their rows), which then gets the ids of every result (read on a worker thread
 * with the same filters and order; #MedialibResults:complete tells when). The query's
 * limit and offset are not used.
 */
void
medialib_store_find_async (MedialibStore        *self,
                           const MedialibQuery  *query,
                           guint                 first_page,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *first;
  Find *find;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (first_page > 0);

  find = g_new0 (Find, 1);
  find->query = medialib_query_copy (query);
  find->query->limit = 0;
  find->query->offset = 0;
  find->first_page = first_page;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_find_async);
  g_task_set_task_data (task, find, (GDestroyNotify) find_free);

  /* The first page's read; the task of the whole search owns @find and outlives it */
  first = g_task_new (self, cancellable, on_first_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (first, find, NULL);
  g_task_run_in_thread (first, find_first_thread);
  g_object_unref (first);
}

/**
 * medialib_store_find_finish:
 *
 * Returns: (transfer full): the results, their first page read
 */
MedialibResults *
medialib_store_find_finish (MedialibStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_find_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
