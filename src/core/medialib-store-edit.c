/* medialib-store-edit.c — adding rows, tags and teams, edits and deletions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-store-private.h"

/* --- Writing ------------------------------------------------------------------------------ */

/* The id of a label, made when missing (the first spelling is kept), or 0 on error. */
static gint64
ensure_label (MedialibStore      *self,
              MedialibLabelKind   kind,
              const char         *text,
              GError            **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL)
    return 0;

  key = medialib_label_key (name);
  sql = g_strdup_printf ("INSERT INTO %s (name, key) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET key = key RETURNING id",
                         _medialib_label_table (kind));
  stmt = _medialib_store_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _medialib_store_db_error (self, error, _("The library database could not be updated"));
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* The search index and the names kept on the asset row follow its name, tags and teams. */
static gboolean
update_fts (MedialibStore  *self,
            gint64          id,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) del = _medialib_store_prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  names = _medialib_store_prepare (self,
                   "UPDATE assets SET"
                   " tag_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_tags x"
                   "   JOIN tags l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), ''),"
                   " team_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_teams x"
                   "   JOIN teams l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), '')"
                   " WHERE id = ?1",
                   error);
  if (names == NULL || del == NULL)
    return FALSE;
  sqlite3_bind_int64 (names, 1, id);
  if (sqlite3_step (names) != SQLITE_DONE)
    return _medialib_store_db_error (self, error, _("The library's search index could not be updated"));

  sqlite3_bind_int64 (del, 1, id);
  if (sqlite3_step (del) != SQLITE_DONE)
    return _medialib_store_db_error (self, error, _("The library's search index could not be updated"));

  ins = _medialib_store_prepare (self,
                 "INSERT INTO assets_fts (rowid, name, tags, teams)"
                 " SELECT id, name || ' ' || search_extra, replace (tag_names, char (31), ' '),"
                 " replace (team_names, char (31), ' ') FROM assets WHERE id = ?",
                 error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return _medialib_store_db_error (self, error, _("The library's search index could not be updated"));

  return TRUE;
}

static gboolean
link_labels (MedialibStore       *self,
             gint64               id,
             MedialibLabelKind    kind,
             const char * const  *names,
             gboolean             add,
             GError             **error)
{
  g_autofree char *sql = NULL;

  if (names == NULL)
    return TRUE;

  if (add)
    sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) VALUES (?, ?)",
                           _medialib_label_link_table (kind));
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE asset = ?1 AND label = (SELECT id FROM %s WHERE key = ?2)",
                           _medialib_label_link_table (kind), _medialib_label_table (kind));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _medialib_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);

      if (add)
        {
          gint64 label = ensure_label (self, kind, names[i], error);

          if (label == 0)
            return FALSE;
          sqlite3_bind_int64 (stmt, 2, label);
        }
      else
        {
          g_autofree char *name = medialib_label_normalize (kind, names[i], error);
          g_autofree char *key = NULL;

          if (name == NULL)
            return FALSE;
          key = medialib_label_key (name);
          sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
        }

      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _medialib_store_db_error (self, error, _("The library database could not be updated"));
    }

  return TRUE;
}

/* Tags are labels in use: one that no asset carries any more goes away. Teams stay. */
static gboolean
drop_unused_tags (MedialibStore  *self,
                  GError        **error)
{
  return _medialib_store_exec (self, "DELETE FROM tags WHERE id NOT IN (SELECT label FROM asset_tags)", error);
}

gboolean
_medialib_store_insert (MedialibStore           *self,
                        const MedialibNewAsset  *asset,
                        const char * const      *tags,
                        const char * const      *teams,
                        gint64                  *id,
                        gboolean                *duplicate,
                        char                   **existing_name,
                        GError                 **error)
{
  g_autoptr(sqlite3_stmt) find = _medialib_store_prepare (self, "SELECT id, name FROM assets WHERE sha256 = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (find == NULL)
    return FALSE;

  sqlite3_bind_text (find, 1, asset->sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (find, 0);
      *duplicate = TRUE;
      if (existing_name != NULL)
        *existing_name = g_strdup ((const char *) sqlite3_column_text (find, 1));
    }
  else
    {
      ins = _medialib_store_prepare (self,
                     "INSERT INTO assets (name, kind, mime, bytes, width, height, animated,"
                     " sha256, added, source, parent, contact, search_extra)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     error);
      if (ins == NULL)
        return FALSE;

      sqlite3_bind_text (ins, 1, asset->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, medialib_asset_kind_to_string (asset->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 3, asset->mime, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, asset->bytes);
      if (asset->width > 0 && asset->height > 0)
        {
          sqlite3_bind_int (ins, 5, asset->width);
          sqlite3_bind_int (ins, 6, asset->height);
        }
      sqlite3_bind_int (ins, 7, asset->animated ? 1 : 0);
      sqlite3_bind_text (ins, 8, asset->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 9, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (ins, 10, asset->source, -1, SQLITE_STATIC);
      if (asset->parent > 0)
        sqlite3_bind_int64 (ins, 11, asset->parent);
      if (asset->contact != NULL)
        sqlite3_bind_text (ins, 12, asset->contact, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 13, asset->search_extra ? asset->search_extra : "", -1, SQLITE_STATIC);

      if (sqlite3_step (ins) != SQLITE_DONE)
        return _medialib_store_db_error (self, error, _("The asset could not be added to the library database"));

      *id = sqlite3_last_insert_rowid (_medialib_store_sqlite (self)->db);
      *duplicate = FALSE;
      if (existing_name != NULL)
        *existing_name = g_strdup (asset->name);
    }

  if (!link_labels (self, *id, MEDIALIB_LABEL_TAG, tags, TRUE, error) ||
      !link_labels (self, *id, MEDIALIB_LABEL_TEAM, teams, TRUE, error))
    return FALSE;

  return update_fts (self, *id, error);
}

static gboolean
asset_exists (MedialibStore  *self,
              gint64          id,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_store_prepare (self, "SELECT 1 FROM assets WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  _medialib_catalog_not_found (error, id);
  return FALSE;
}

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

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

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

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (!asset_exists (self, id, error))
    goto fail;

  if (new_name != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = _medialib_store_prepare (self, "UPDATE assets SET name = ? WHERE id = ?", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, new_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_store_db_error (self, error, _("The asset could not be renamed"));
          goto fail;
        }
    }

  if (!link_labels (self, id, MEDIALIB_LABEL_TAG, edit->remove_tags, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->remove_teams, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TAG, edit->add_tags, TRUE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->add_teams, TRUE, error) ||
      !drop_unused_tags (self, error) ||
      !update_fts (self, id, error))
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

typedef struct
{
  GArray  *ids;
  char   **add_tags;
  char   **remove_tags;
  char   **add_teams;
  char   **remove_teams;
  char    *rename;
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
    data->rename,
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

static gboolean
reindex_label (MedialibStore      *self,
               MedialibLabelKind   kind,
               gint64              label,
               GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = ?", _medialib_label_link_table (kind));
  g_autoptr(sqlite3_stmt) stmt = _medialib_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, label);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i++)
    if (!update_fts (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gint64
find_label (MedialibStore      *self,
            MedialibLabelKind   kind,
            const char         *text,
            GError            **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL)
    return 0;

  key = medialib_label_key (name);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE key = ?", _medialib_label_table (kind));
  stmt = _medialib_store_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               kind == MEDIALIB_LABEL_TAG ? _("There is no tag “%s”") : _("There is no team “%s”"),
               name);
  return 0;
}

gboolean
medialib_store_create_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (ensure_label (self, kind, name, error) == 0)
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
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
  g_autofree char *normalized = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  gint64 label, other;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((normalized = medialib_label_normalize (kind, new_name, error)) == NULL)
    return FALSE;
  key = medialib_label_key (normalized);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if ((label = find_label (self, kind, name, error)) == 0)
    goto fail;

  other = find_label (self, kind, normalized, NULL);
  if (other != 0 && other != label)
    {
      /* Merge: move the links onto the existing label, then drop this one. */
      g_autoptr(sqlite3_stmt) move = NULL;
      g_autoptr(sqlite3_stmt) drop = NULL;

      sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) SELECT asset, ?2 FROM %s WHERE label = ?1",
                             _medialib_label_link_table (kind), _medialib_label_link_table (kind));
      if (!(move = _medialib_store_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (move, 1, label);
      sqlite3_bind_int64 (move, 2, other);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", _medialib_label_table (kind));
      if (!(drop = _medialib_store_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (drop, 1, label);
      if (sqlite3_step (move) != SQLITE_DONE || sqlite3_step (drop) != SQLITE_DONE)
        {
          _medialib_store_db_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
      label = other;
    }
  else
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      sql = g_strdup_printf ("UPDATE %s SET name = ?, key = ? WHERE id = ?", _medialib_label_table (kind));
      if (!(stmt = _medialib_store_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, label);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_store_db_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
    }

  if (!reindex_label (self, kind, label, error))
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

gboolean
medialib_store_delete_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autofree char *sql = NULL;
  gint64 label;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if ((label = find_label (self, kind, name, error)) == 0)
    goto fail;

  sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = ?", _medialib_label_link_table (kind));
  if (!(list = _medialib_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (list, 1, label);
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (ids, id);
    }

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", _medialib_label_table (kind));
  if (!(drop = _medialib_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (drop, 1, label);
  if (sqlite3_step (drop) != SQLITE_DONE)
    {
      _medialib_store_db_error (self, error, _("The library database could not be updated"));
      goto fail;
    }

  for (guint i = 0; i < ids->len; i++)
    if (!update_fts (self, g_array_index (ids, gint64, i), error))
      goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (!(asset = medialib_store_get_asset (self, id, error)))
    goto fail;

  if (!(stmt = _medialib_store_prepare (self, "DELETE FROM assets WHERE id = ?", error)) ||
      !(fts = _medialib_store_prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (fts, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_step (fts) != SQLITE_DONE)
    {
      _medialib_store_db_error (self, error, _("The asset could not be deleted"));
      goto fail;
    }

  if (!drop_unused_tags (self, error))
    goto fail;

  if (!_medialib_store_commit (self, error))
    return FALSE;

  /* Not under the store's lock but under the blob store's removing hold, which no one has
   * while an import holds it from before it looks for the stored file until its row is
   * committed: an import of the same bytes never counts on a file that goes, and one that
   * committed meanwhile keeps the file. */
  _medialib_store_remove_unused_files (self, asset);

  return TRUE;

fail:
  _medialib_store_rollback (self);
  return FALSE;
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
