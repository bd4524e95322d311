/* medialib-store-collections.c — saved collections: searches kept by name, counted live
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-store-private.h"

/*
 * A collection is a search's filters saved under a name (medialib-query-json.c): its assets
 * are whatever matches now, so it follows the library without being told. Its name is
 * unique in any case; saving under a name that exists replaces that collection's filters.
 * A team library's collections are the team's: every member sees them, and a save or a
 * deletion is told to every store as a MEDIALIB_CHANGE_COLLECTIONS change.
 */

static gboolean
count_query (MedialibStore        *self,
             const MedialibQuery  *query,
             gint64               *count,
             GError              **error)
{
  *count = medialib_catalog_count_matching (self->catalog, query, error);
  return *count >= 0;
}

/**
 * medialib_store_list_collections:
 * @count: whether to count each collection's assets now
 *
 * Returns: (transfer full) (element-type MedialibCollection): the saved collections by name,
 *   each with its query (a collection whose filters this version cannot read is left out)
 */
GPtrArray *
medialib_store_list_collections (MedialibStore  *self,
                                 gboolean        count,
                                 GError        **error)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GPtrArray) readable = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(collections = medialib_catalog_list_collections (self->catalog, error)))
    return NULL;

  readable = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_collection_free);
  for (guint i = 0; i < collections->len; i++)
    {
      MedialibCollection *collection = g_ptr_array_index (collections, i);
      g_autoptr(GError) local_error = NULL;

      collection->query = medialib_query_new_from_json (collection->filters, &local_error);
      if (collection->query == NULL)
        {
          g_warning ("Collection “%s”: %s", collection->name, local_error->message);
          continue;
        }

      if (count && !count_query (self, collection->query, &collection->count, error))
        return NULL;

      g_ptr_array_add (readable, g_ptr_array_steal_index (collections, i--));
    }

  return g_steal_pointer (&readable);
}

static void
list_collections_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *collections;

  if (g_task_return_error_if_cancelled (task))
    return;

  collections = medialib_store_list_collections (source_object, GPOINTER_TO_INT (task_data), &error);
  if (collections == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, collections, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_list_collections_async (MedialibStore       *self,
                                       gboolean             count,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_list_collections_async);
  g_task_set_task_data (task, GINT_TO_POINTER (!!count), NULL);
  g_task_run_in_thread (task, list_collections_thread);
}

/**
 * medialib_store_list_collections_finish:
 *
 * Returns: (transfer full) (element-type MedialibCollection):
 */
GPtrArray *
medialib_store_list_collections_finish (MedialibStore  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_list_collections_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medialib_store_get_collection:
 *
 * Returns: (transfer full): the collection named @name in any case, with its query, not
 *   counted; %NULL with %G_IO_ERROR_NOT_FOUND when there is none
 */
MedialibCollection *
medialib_store_get_collection (MedialibStore  *self,
                               const char     *name,
                               GError        **error)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!(collections = medialib_store_list_collections (self, FALSE, error)))
    return NULL;

  key = medialib_collection_key (name);
  for (guint i = 0; i < collections->len; i++)
    {
      MedialibCollection *collection = g_ptr_array_index (collections, i);
      g_autofree char *other = medialib_collection_key (collection->name);

      if (g_str_equal (key, other))
        return g_ptr_array_steal_index (collections, i);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no collection “%s”"), name);
  return NULL;
}

/**
 * medialib_store_save_collection:
 * @name: its name: surrounding spaces are dropped
 * @query: the search whose filters it keeps (not its offset, limit nor ids)
 *
 * Saves a collection; one of the same name in any case is replaced.
 */
gboolean
medialib_store_save_collection (MedialibStore        *self,
                                const char           *name,
                                const MedialibQuery  *query,
                                GError              **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *filters = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(normalized = medialib_collection_normalize_name (name, error)))
    return FALSE;

  filters = medialib_query_to_json (query);
  return medialib_catalog_save_collection (self->catalog, normalized, filters, error);
}

typedef struct
{
  char          *name;
  MedialibQuery *query;  /* NULL to delete */
} CollectionWrite;

static void
collection_write_free (CollectionWrite *write)
{
  g_free (write->name);
  g_clear_pointer (&write->query, medialib_query_free);
  g_free (write);
}

static void
write_collection_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  CollectionWrite *write = task_data;
  GError *error = NULL;
  gboolean ok;

  if (write->query != NULL)
    ok = medialib_store_save_collection (source_object, write->name, write->query, &error);
  else
    ok = medialib_store_delete_collection (source_object, write->name, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_collection_async (MedialibStore       *self,
                        const char          *name,
                        const MedialibQuery *query,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CollectionWrite *write = g_new0 (CollectionWrite, 1);

  write->name = g_strdup (name);
  write->query = query != NULL ? medialib_query_copy (query) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, write, (GDestroyNotify) collection_write_free);
  g_task_run_in_thread (task, write_collection_thread);
}

void
medialib_store_save_collection_async (MedialibStore       *self,
                                      const char          *name,
                                      const MedialibQuery *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (query != NULL);

  write_collection_async (self, name, query, medialib_store_save_collection_async, cancellable, callback, user_data);
}

gboolean
medialib_store_save_collection_finish (MedialibStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_save_collection_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medialib_store_delete_collection:
 *
 * Deletes the collection named @name in any case (not its assets).
 *
 * Returns: whether it was deleted; %G_IO_ERROR_NOT_FOUND when there is none
 */
gboolean
medialib_store_delete_collection (MedialibStore  *self,
                                  const char     *name,
                                  GError        **error)
{
  g_autofree char *normalized = NULL;
  gboolean deleted = FALSE;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(normalized = medialib_collection_normalize_name (name, error)) ||
      !medialib_catalog_delete_collection (self->catalog, normalized, &deleted, error))
    return FALSE;

  if (!deleted)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no collection “%s”"), normalized);
      return FALSE;
    }

  return TRUE;
}

void
medialib_store_delete_collection_async (MedialibStore       *self,
                                        const char          *name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (name != NULL);

  write_collection_async (self, name, NULL, medialib_store_delete_collection_async, cancellable, callback, user_data);
}

gboolean
medialib_store_delete_collection_finish (MedialibStore  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_delete_collection_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medialib_store_count_queries:
 * @queries: (element-type MedialibQuery): searches
 *
 * Returns: (transfer full) (element-type gint64): how many assets each search finds now,
 *   in the order of @queries
 */
GArray *
medialib_store_count_queries (MedialibStore  *self,
                              GPtrArray      *queries,
                              GError        **error)
{
  g_autoptr(GArray) counts = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (queries != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  counts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), queries->len);
  for (guint i = 0; i < queries->len; i++)
    {
      gint64 count;

      if (!count_query (self, g_ptr_array_index (queries, i), &count, error))
        return NULL;
      g_array_append_val (counts, count);
    }

  return g_steal_pointer (&counts);
}

static void
count_queries_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *counts;

  if (g_task_return_error_if_cancelled (task))
    return;

  counts = medialib_store_count_queries (source_object, task_data, &error);
  if (counts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, counts, (GDestroyNotify) g_array_unref);
}

void
medialib_store_count_queries_async (MedialibStore       *self,
                                    GPtrArray           *queries,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copies;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (queries != NULL);

  copies = g_ptr_array_new_full (queries->len, (GDestroyNotify) medialib_query_free);
  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (copies, medialib_query_copy (g_ptr_array_index (queries, i)));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_count_queries_async);
  g_task_set_task_data (task, copies, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, count_queries_thread);
}

/**
 * medialib_store_count_queries_finish:
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
medialib_store_count_queries_finish (MedialibStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_count_queries_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
