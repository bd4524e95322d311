/* medialib-sqlite-catalog-collections.c — a local library's saved collections
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-collection.h"
#include "medialib-sqlite-catalog-private.h"

static GPtrArray *
medialib_sqlite_catalog_list_collections (MedialibCatalog  *catalog,
                                          GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_collection_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT name, filters FROM collections ORDER BY key", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (collections, medialib_collection_new ((const char *) sqlite3_column_text (stmt, 0),
                                                           (const char *) sqlite3_column_text (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&collections);
}

static gboolean
medialib_sqlite_catalog_save_collection (MedialibCatalog  *catalog,
                                         const char       *name,
                                         const char       *key,
                                         const char       *filters,
                                         GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  stmt = _medialib_sqlite_catalog_prepare (self,
                                           "INSERT INTO collections (name, key, filters, saved) VALUES (?, ?, ?, ?)"
                                           " ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
                                           " filters = excluded.filters, saved = excluded.saved",
                                           error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filters, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The collection could not be saved"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

static gboolean
medialib_sqlite_catalog_delete_collection (MedialibCatalog  *catalog,
                                           const char       *key,
                                           gboolean         *deleted,
                                           GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  stmt = _medialib_sqlite_catalog_prepare (self, "DELETE FROM collections WHERE key = ?", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The collection could not be deleted"));
      goto fail;
    }
  *deleted = sqlite3_changes (self->db) > 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

void
_medialib_sqlite_catalog_init_collections (MedialibCatalogInterface *iface)
{
  iface->list_collections = medialib_sqlite_catalog_list_collections;
  iface->save_collection = medialib_sqlite_catalog_save_collection;
  iface->delete_collection = medialib_sqlite_catalog_delete_collection;
}
