/* medialib-sqlite-catalog-labels.c — a local library's catalog: tags and teams added to or
 * removed from many assets in one transaction
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-sqlite-catalog-private.h"

/* Every asset of @ids is there, or @error says which is not */
static gboolean
all_exist (MedialibSqliteCatalog  *self,
           GArray                 *ids,
           GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "SELECT 1 FROM assets WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _medialib_catalog_not_found (error, id);
          return FALSE;
        }
    }

  return TRUE;
}

/* The label's name as it is spelled in the library (a removal's undo adds it back so), or
 * NULL when there is no such label */
static char *
stored_name (MedialibSqliteCatalog  *self,
             MedialibLabelKind       kind,
             const char             *key,
             GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM %s WHERE key = ?", _medialib_sqlite_label_table (kind));
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* One change: the assets it changed, or NULL on error */
static MedialibLabelChange *
apply (MedialibSqliteCatalog      *self,
       const MedialibLabelChange  *change,
       GError                    **error)
{
  g_autofree char *name = medialib_label_normalize (change->kind, change->name, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MedialibLabelChange) done = NULL;
  gint64 label = 0;

  if (name == NULL)
    return NULL;
  key = medialib_label_key (name);

  if (change->add)
    {
      if ((label = _medialib_sqlite_catalog_ensure_label (self, change->kind, name, error)) == 0)
        return NULL;
      sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) VALUES (?, ?)",
                             _medialib_sqlite_label_link_table (change->kind));
    }
  else
    {
      g_autofree char *spelled = stored_name (self, change->kind, key, error);

      if (spelled != NULL)
        g_set_str (&name, spelled);
      sql = g_strdup_printf ("DELETE FROM %s WHERE asset = ? AND label = (SELECT id FROM %s WHERE key = ?)",
                             _medialib_sqlite_label_link_table (change->kind),
                             _medialib_sqlite_label_table (change->kind));
    }

  if (!(stmt = _medialib_sqlite_catalog_prepare (self, sql, error)))
    return NULL;

  done = medialib_label_change_new (change->kind, name, change->add, NULL, 0);
  for (guint i = 0; i < change->ids->len; i++)
    {
      gint64 id = g_array_index (change->ids, gint64, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      if (change->add)
        sqlite3_bind_int64 (stmt, 2, label);
      else
        sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
          return NULL;
        }
      if (sqlite3_changes (self->db) > 0)
        g_array_append_val (done->ids, id);
    }

  return g_steal_pointer (&done);
}

GPtrArray *
_medialib_sqlite_catalog_change_labels (MedialibCatalog  *catalog,
                                        GPtrArray        *changes,
                                        GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GPtrArray) done = medialib_label_changes_new ();
  g_autoptr(GArray) ids = medialib_label_changes_dup_ids (changes);
  g_autoptr(GArray) changed = NULL;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return NULL;

  if (!all_exist (self, ids, error))
    goto fail;

  for (guint i = 0; i < changes->len; i++)
    {
      MedialibLabelChange *one = apply (self, g_ptr_array_index (changes, i), error);

      if (one == NULL)
        goto fail;
      g_ptr_array_add (done, one);
    }

  changed = medialib_label_changes_dup_ids (done);
  if (!_medialib_sqlite_catalog_reindex (self, changed, error))
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error) ? g_steal_pointer (&done) : NULL;

fail:
  _medialib_sqlite_catalog_rollback (self);
  return NULL;
}
