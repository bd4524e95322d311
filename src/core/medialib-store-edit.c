/* medialib-store-edit.c — edits, tags and teams, deletions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-store-private.h"

/* --- Edits: checked here, applied by the catalog ------------------------------------------- */

static gboolean
validate_labels (MedialibLabelKind    kind,
                 const char * const  *names,
                 GError             **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = medialib_label_normalize (kind, names[i], error);

      if (name == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * medialib_store_check_alt:
 * @alt: alt text as typed
 *
 * Alt text is one paragraph of at most %MEDIALIB_ALT_MAX characters: line breaks become
 * spaces and the ends are trimmed; "" means none.
 *
 * Returns: (transfer full): the text to keep, or %NULL with @error set when it is too long or
 *   not UTF-8
 */
char *
medialib_store_check_alt (const char  *alt,
                          GError     **error)
{
  g_autofree char *text = NULL;
  glong length;

  g_return_val_if_fail (alt != NULL, NULL);

  if (!g_utf8_validate (alt, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Alt text must be valid UTF-8 text"));
      return NULL;
    }

  text = g_strstrip (g_strdelimit (g_strdup (alt), "\r\n\t", ' '));
  length = g_utf8_strlen (text, -1);
  if (length > MEDIALIB_ALT_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Alt text is %ld characters long; it can have at most %d"),
                   length, MEDIALIB_ALT_MAX);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/**
 * medialib_store_edit:
 *
 * Applies every change of @edit to one asset, all or nothing.
 */
gboolean
medialib_store_edit (MedialibStore       *self,
                     gint64               id,
                     const MedialibEdit  *edit,
                     GError             **error)
{
  g_autofree char *new_name = NULL;
  g_autofree char *new_alt = NULL;
  MedialibEdit checked;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  /* Checked here, so that every backend refuses the same edits in the same words */
  if (!validate_labels (MEDIALIB_LABEL_TAG, edit->add_tags, error) ||
      !validate_labels (MEDIALIB_LABEL_TAG, edit->remove_tags, error) ||
      !validate_labels (MEDIALIB_LABEL_TEAM, edit->add_teams, error) ||
      !validate_labels (MEDIALIB_LABEL_TEAM, edit->remove_teams, error))
    return FALSE;

  if (edit->rename != NULL)
    {
      new_name = g_strstrip (g_strdup (edit->rename));
      if (new_name[0] == '\0' || !g_utf8_validate (new_name, -1, NULL) ||
          strchr (new_name, '/') != NULL || strchr (new_name, '\n') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid name: use some text without slashes or line breaks"),
                       edit->rename);
          return FALSE;
        }
    }

  if (edit->alt != NULL && !(new_alt = medialib_store_check_alt (edit->alt, error)))
    return FALSE;

  checked = *edit;
  checked.rename = new_name;
  checked.alt = new_alt;
  return medialib_catalog_edit (self->catalog, id, &checked, error);
}

typedef struct
{
  GArray  *ids;
  char   **add_tags;
  char   **remove_tags;
  char   **add_teams;
  char   **remove_teams;
  char    *rename;
  char    *alt;
} EditData;

static void
edit_data_free (EditData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_strfreev (data->add_tags);
  g_strfreev (data->remove_tags);
  g_strfreev (data->add_teams);
  g_strfreev (data->remove_teams);
  g_free (data->rename);
  g_free (data->alt);
  g_free (data);
}

static GArray *
ids_new (const gint64 *ids,
         guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  if (n_ids > 0)
    g_array_append_vals (array, ids, n_ids);

  return array;
}

static void
edit_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EditData *data = task_data;
  MedialibEdit edit = {
    (const char * const *) data->add_tags, (const char * const *) data->remove_tags,
    (const char * const *) data->add_teams, (const char * const *) data->remove_teams,
    data->rename, data->alt,
  };

  if (g_task_return_error_if_cancelled (task))
    return;

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
  g_autoptr(GTask) task = NULL;
  EditData *data;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (edit != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (EditData, 1);
  data->ids = ids_new (ids, n_ids);
  data->add_tags = g_strdupv ((char **) edit->add_tags);
  data->remove_tags = g_strdupv ((char **) edit->remove_tags);
  data->add_teams = g_strdupv ((char **) edit->add_teams);
  data->remove_teams = g_strdupv ((char **) edit->remove_teams);
  data->rename = g_strdup (edit->rename);
  data->alt = g_strdup (edit->alt);

  g_task_set_source_tag (task, medialib_store_edit_async);
  g_task_set_task_data (task, data, (GDestroyNotify) edit_data_free);
  g_task_run_in_thread (task, edit_thread);
}

gboolean
medialib_store_edit_finish (MedialibStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_edit_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Labels of many assets at once ---------------------------------------------------------- */

/**
 * medialib_store_change_labels:
 * @changes: (element-type MedialibLabelChange): tags and teams to add to or remove from
 *   assets
 *
 * Applies @changes in one transaction, all or nothing (a selection's bulk edit). What it
 * returns, given to medialib_label_changes_invert(), undoes it exactly: an asset that had an
 * added tag before keeps it.
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): what was done, or %NULL with
 *   @error set
 */
GPtrArray *
medialib_store_change_labels (MedialibStore  *self,
                              GPtrArray      *changes,
                              GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      const MedialibLabelChange *change = g_ptr_array_index (changes, i);
      const char *names[] = { change->name, NULL };

      if (!validate_labels (change->kind, names, error))
        return NULL;
    }

  return medialib_catalog_change_labels (self->catalog, changes, error);
}

static void
change_labels_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *done;

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((done = medialib_store_change_labels (source_object, task_data, &error)))
    g_task_return_pointer (task, done, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * medialib_store_change_labels_async:
 *
 * medialib_store_change_labels() on a worker thread.
 */
void
medialib_store_change_labels_async (MedialibStore        *self,
                                    GPtrArray            *changes,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (changes != NULL);

  copy = medialib_label_changes_new ();
  for (guint i = 0; i < changes->len; i++)
    {
      const MedialibLabelChange *change = g_ptr_array_index (changes, i);

      g_ptr_array_add (copy, medialib_label_change_new (change->kind, change->name, change->add,
                                                        (const gint64 *) change->ids->data, change->ids->len));
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_change_labels_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, change_labels_thread);
}

/**
 * medialib_store_change_labels_finish:
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): what was done, or %NULL
 */
GPtrArray *
medialib_store_change_labels_finish (MedialibStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_change_labels_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Tags and teams ------------------------------------------------------------------------ */

gboolean
medialib_store_create_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return medialib_catalog_create_label (self->catalog, kind, name, error);
}

/**
 * medialib_store_rename_label:
 *
 * Renames a tag or team everywhere. Renaming onto another existing label merges the two.
 */
gboolean
medialib_store_rename_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             const char         *new_name,
                             GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return medialib_catalog_rename_label (self->catalog, kind, name, new_name, error);
}

gboolean
medialib_store_delete_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return medialib_catalog_delete_label (self->catalog, kind, name, error);
}

/* --- Deletions ------------------------------------------------------------------------------ */

/**
 * medialib_store_delete:
 *
 * Removes the asset's row, then its stored file and thumbnail when no asset names them any
 * more, the way the sweep removes files (see _medialib_store_remove_unused_files()): while
 * an import is under way, in this process or another, they stay until the next sweep. The
 * files go only after the row is gone, so a failure never leaves a row without its file.
 */
gboolean
medialib_store_delete (MedialibStore  *self,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  /* Its versions go with it (the catalog deletes their rows): their files after the row */
  versions = medialib_catalog_list_versions (self->catalog, id, NULL);
  if (!(asset = medialib_catalog_delete_asset (self->catalog, id, error)))
    return FALSE;

  /* Not under the catalog's lock but under the blob store's removing hold, which no one has
   * while an import holds it from before it looks for the stored file until its row is
   * committed: an import of the same bytes never counts on a file that goes, and one that
   * committed meanwhile keeps the file. */
  _medialib_store_remove_unused_files (self, asset);
  _medialib_store_remove_versions (self, asset, versions);

  return TRUE;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GArray *ids = task_data;
  GError *first_error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Every asset is tried, whatever happened to the one before. */
  for (guint i = 0; i < ids->len; i++)
    {
      GError *error = NULL;

      if (!medialib_store_delete (source_object, g_array_index (ids, gint64, i), &error))
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

/**
 * medialib_store_delete_async:
 *
 * Deletes each asset in turn, on a worker thread. Every asset is tried; an asset that is
 * already gone is not an error.
 */
void
medialib_store_delete_async (MedialibStore        *self,
                             const gint64         *ids,
                             guint                 n_ids,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_delete_async);
  g_task_set_task_data (task, ids_new (ids, n_ids), (GDestroyNotify) g_array_unref);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
medialib_store_delete_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_delete_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
