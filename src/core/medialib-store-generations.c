/* medialib-store-generations.c — generations of images, counted for the daily quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-store-private.h"

/* --- Generations -------------------------------------------------------------------------- */

char *
medialib_store_dup_generation_dir (MedialibStore *self,
                                   gint64         id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  name = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_build_filename (self->dir, "generations", name, NULL);
}

/* Successful generations since @since (Unix time), for the daily quota. */
guint
medialib_store_count_generations_since (MedialibStore *self,
                                        gint64         since)
{
  guint count = 0;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), 0);

  if (!medialib_catalog_count_generations (self->catalog, since, &count, NULL))
    return 0;

  return count;
}

void
medialib_generation_free (MedialibGeneration *generation)
{
  g_free (generation->prompt);
  g_free (generation->model);
  g_free (generation);
}

/**
 * medialib_store_list_generations:
 *
 * Returns: (transfer full) (element-type MedialibGeneration): the newest first
 */
GPtrArray *
medialib_store_list_generations (MedialibStore  *self,
                                 guint           limit,
                                 GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medialib_catalog_list_generations (self->catalog, limit, error);
}

static void
list_generations_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *list;

  if (g_task_return_error_if_cancelled (task))
    return;

  list = medialib_store_list_generations (source_object, GPOINTER_TO_UINT (task_data), &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_list_generations_async (MedialibStore       *self,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_list_generations_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_generations_thread);
}

/**
 * medialib_store_list_generations_finish:
 *
 * Returns: (transfer full) (element-type MedialibGeneration): the newest first
 */
GPtrArray *
medialib_store_list_generations_finish (MedialibStore  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_list_generations_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MedialibGeneration *
medialib_store_get_generation (MedialibStore  *self,
                               gint64          id,
                               GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medialib_catalog_get_generation (self->catalog, id, error);
}
