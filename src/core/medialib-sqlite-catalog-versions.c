/* medialib-sqlite-catalog-versions.c — a local library's earlier contents of its assets
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-sqlite-catalog-private.h"

/* The columns of a version, in the asset's row and in asset_versions alike */
#define VERSION_COLUMNS "mime, bytes, width, height, animated, sha256, palette, phash"

static MedialibVersion *
version_from_row (sqlite3_stmt *stmt,
                  int           first)
{
  MedialibVersion *version = g_new0 (MedialibVersion, 1);

  version->mime = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  version->bytes = sqlite3_column_int64 (stmt, first + 1);
  version->width = sqlite3_column_int (stmt, first + 2);
  version->height = sqlite3_column_int (stmt, first + 3);
  version->animated = sqlite3_column_int (stmt, first + 4) != 0;
  version->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, first + 5));
  version->palette = g_strdup ((const char *) sqlite3_column_text (stmt, first + 6));
  version->has_phash = sqlite3_column_type (stmt, first + 7) != SQLITE_NULL;
  version->phash = (guint64) sqlite3_column_int64 (stmt, first + 7);
  version->since = sqlite3_column_int64 (stmt, first + 8);
  version->by = g_strdup ((const char *) sqlite3_column_text (stmt, first + 9));

  return version;
}

static GPtrArray *
list_versions (MedialibSqliteCatalog  *self,
               gint64                  id,
               GError                **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_version_free);
  g_autoptr(sqlite3_stmt) earlier = NULL;
  g_autoptr(sqlite3_stmt) current = NULL;
  MedialibVersion *version;
  int rc;

  current = _medialib_sqlite_catalog_prepare (self, "SELECT " VERSION_COLUMNS ", coalesce (content_since, added),"
                                                    " CASE WHEN content_since IS NULL THEN added_by ELSE content_by END"
                                                    " FROM assets WHERE id = ?", error);
  earlier = _medialib_sqlite_catalog_prepare (self, "SELECT " VERSION_COLUMNS ", since, made_by"
                                                    " FROM asset_versions WHERE asset = ? ORDER BY id", error);
  if (current == NULL || earlier == NULL)
    return NULL;

  sqlite3_bind_int64 (current, 1, id);
  rc = sqlite3_step (current);
  if (rc == SQLITE_DONE)
    {
      _medialib_catalog_not_found (error, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  sqlite3_bind_int64 (earlier, 1, id);
  while ((rc = sqlite3_step (earlier)) == SQLITE_ROW)
    {
      version = version_from_row (earlier, 0);
      version->number = versions->len + 1;
      g_ptr_array_add (versions, version);
    }
  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  version = version_from_row (current, 0);
  version->number = versions->len + 1;
  version->current = TRUE;
  g_ptr_array_add (versions, version);

  return g_steal_pointer (&versions);
}

static GPtrArray *
medialib_sqlite_catalog_list_versions (MedialibCatalog  *catalog,
                                       gint64            id,
                                       GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

  return list_versions (self, id, error);
}

static GPtrArray *
medialib_sqlite_catalog_list_addresses (MedialibCatalog  *catalog,
                                        gint64            settled_before,
                                        GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT coalesce (address, ''), sha256, mime FROM assets"
                                                 " WHERE ?1 = 0 OR coalesce (content_since, added) < ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, settled_before);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 4);

      for (int i = 0; i < 3; i++)
        row[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
step_done (MedialibSqliteCatalog  *self,
           sqlite3_stmt           *stmt,
           GError                **error)
{
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

  return _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
}

static gboolean
medialib_sqlite_catalog_replace_content (MedialibCatalog         *catalog,
                                         gint64                   id,
                                         const char              *expected,
                                         const MedialibNewAsset  *content,
                                         GError                 **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) keep = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  gint64 other;
  int rc;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  check = _medialib_sqlite_catalog_prepare (self, "SELECT id, sha256 = ? FROM assets WHERE id = ? OR sha256 = ?"
                                                  " ORDER BY id = ? DESC", error);
  if (check == NULL)
    goto fail;
  sqlite3_bind_text (check, 1, expected, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (check, 2, id);
  sqlite3_bind_text (check, 3, content->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (check, 4, id);
  if ((rc = sqlite3_step (check)) != SQLITE_ROW || sqlite3_column_int64 (check, 0) != id)
    {
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        _medialib_catalog_not_found (error, id);
      else
        _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      goto fail;
    }
  if (sqlite3_column_int (check, 1) == 0)
    {
      _medialib_catalog_changed_meanwhile (error, id);
      goto fail;
    }
  if ((rc = sqlite3_step (check)) == SQLITE_ROW)
    {
      other = sqlite3_column_int64 (check, 0);
      _medialib_catalog_content_taken (error, id, other);
      goto fail;
    }

  keep = _medialib_sqlite_catalog_prepare (self, "INSERT INTO asset_versions (asset, " VERSION_COLUMNS ", since, made_by)"
                                                 " SELECT id, " VERSION_COLUMNS ", coalesce (content_since, added),"
                                                 " CASE WHEN content_since IS NULL THEN added_by ELSE content_by END"
                                                 " FROM assets WHERE id = ?", error);
  if (keep == NULL)
    goto fail;
  sqlite3_bind_int64 (keep, 1, id);
  if (!step_done (self, keep, error))
    goto fail;

  update = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET mime = ?, bytes = ?, width = ?, height = ?,"
                                                   " animated = ?, sha256 = ?, palette = ?, phash = ?,"
                                                   " content_since = ?, content_by = ?,"
                                                   " address = coalesce (address, '=' || sha256)"
                                                   " WHERE id = ?", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_text (update, 1, content->mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 2, content->bytes);
  if (content->width > 0)
    {
      sqlite3_bind_int (update, 3, content->width);
      sqlite3_bind_int (update, 4, content->height);
    }
  sqlite3_bind_int (update, 5, content->animated ? 1 : 0);
  sqlite3_bind_text (update, 6, content->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 7, content->palette, -1, SQLITE_STATIC);
  if (content->has_phash)
    sqlite3_bind_int64 (update, 8, (gint64) content->phash);
  sqlite3_bind_int64 (update, 9, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (update, 10, content->added_by, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 11, id);
  if (!step_done (self, update, error))
    goto fail;

  g_clear_pointer (&check, sqlite3_finalize);
  g_clear_pointer (&keep, sqlite3_finalize);
  g_clear_pointer (&update, sqlite3_finalize);
  return _medialib_sqlite_catalog_commit (self, error);

fail:
  g_clear_pointer (&check, sqlite3_finalize);
  g_clear_pointer (&keep, sqlite3_finalize);
  g_clear_pointer (&update, sqlite3_finalize);
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

static gboolean
medialib_sqlite_catalog_set_crop_origin (MedialibCatalog  *catalog,
                                         gint64            id,
                                         const char       *parent_sha256,
                                         const char       *spec,
                                         GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET parent_sha256 = ?, crop_spec = ?"
                                                                         " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, parent_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, spec, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  return step_done (self, stmt, error);
}

static gboolean
medialib_sqlite_catalog_get_crop_origin (MedialibCatalog  *catalog,
                                         gint64            id,
                                         char            **parent_sha256,
                                         char            **spec,
                                         GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "SELECT parent_sha256, crop_spec FROM assets"
                                                                         " WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *parent_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *spec = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    _medialib_catalog_not_found (error, id);
  else
    _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
  return FALSE;
}

void
_medialib_sqlite_catalog_init_versions (MedialibCatalogInterface *iface)
{
  iface->list_versions = medialib_sqlite_catalog_list_versions;
  iface->replace_content = medialib_sqlite_catalog_replace_content;
  iface->set_crop_origin = medialib_sqlite_catalog_set_crop_origin;
  iface->get_crop_origin = medialib_sqlite_catalog_get_crop_origin;
  iface->list_addresses = medialib_sqlite_catalog_list_addresses;
}
