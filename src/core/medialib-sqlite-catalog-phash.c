/* medialib-sqlite-catalog-phash.c — perceptual hashes in library.db: the distance function
 * of searches, listing and storing the hashes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sqlite-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-sqlite-catalog-private.h"

/*
 * Each image's 64-bit hash is in assets.phash (a signed INTEGER holding the bits), NULL for
 * a contact card and for an image of an older library until the store computes it. A
 * similar search compares every hash with the one asked for, by medialib_hamming(), a C
 * function registered on the catalog's connection: over 100,000 assets a few milliseconds
 * (bench/bench-core.c, "similar").
 */

/* medialib_hamming (a, b): how many bits of two hashes differ; NULL when either is */
static void
hamming_function (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  g_assert (argc == 2);

  if (sqlite3_value_type (argv[0]) != SQLITE_INTEGER || sqlite3_value_type (argv[1]) != SQLITE_INTEGER)
    {
      sqlite3_result_null (context);
      return;
    }

  sqlite3_result_int (context, (int) medialib_phash_distance ((guint64) sqlite3_value_int64 (argv[0]),
                                                              (guint64) sqlite3_value_int64 (argv[1])));
}

/* On the catalog's connection, once it is open */
gboolean
_medialib_sqlite_catalog_register_phash (MedialibSqliteCatalog  *self,
                                         GError                **error)
{
  if (sqlite3_create_function (self->db, "medialib_hamming", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, hamming_function, NULL, NULL) != SQLITE_OK)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));

  return TRUE;
}

/* The WHERE clause of a similar search, and what goes before its ORDER BY: the images
 * within @query->max_distance of @query->similar_to's hash, itself left out (an asset
 * without a hash, or none, finds nothing). Numbers only, written in the statement. */
void
_medialib_sqlite_append_similar (GString             *where,
                                 GString             *order,
                                 const MedialibQuery *query)
{
  g_autofree char *distance = NULL;

  if (query->similar_to <= 0)
    return;

  distance = g_strdup_printf ("medialib_hamming (a.phash, (SELECT s.phash FROM assets s WHERE s.id = %" G_GINT64_FORMAT "))",
                              query->similar_to);
  g_string_append_printf (where, " AND a.phash IS NOT NULL AND a.id <> %" G_GINT64_FORMAT " AND %s <= %u",
                          query->similar_to, distance, query->max_distance);
  g_string_append_printf (order, "%s, ", distance);
}

static GArray *
medialib_sqlite_catalog_list_phashes (MedialibCatalog  *catalog,
                                      GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (MedialibPhashEntry));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT id, phash FROM assets WHERE phash IS NOT NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MedialibPhashEntry entry = { sqlite3_column_int64 (stmt, 0), (guint64) sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static GArray *
medialib_sqlite_catalog_list_unhashed (MedialibCatalog  *catalog,
                                       gint64            after,
                                       guint             limit,
                                       GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self,
                                           "SELECT id FROM assets WHERE phash IS NULL AND kind = 'image' AND id > ?"
                                           " ORDER BY id LIMIT ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
medialib_sqlite_catalog_set_phashes (MedialibCatalog           *catalog,
                                     const MedialibPhashEntry  *entries,
                                     guint                      n_entries,
                                     GError                   **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->read_only)
    {
      _medialib_catalog_read_only (error, self->dir);
      return FALSE;
    }

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  if (!(stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET phash = ? WHERE id = ? AND kind = 'image'", error)))
    goto fail;

  for (guint i = 0; i < n_entries; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, (gint64) entries[i].hash);
      sqlite3_bind_int64 (stmt, 2, entries[i].id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return _medialib_sqlite_catalog_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

void
_medialib_sqlite_catalog_init_phash (MedialibCatalogInterface *iface)
{
  iface->list_phashes = medialib_sqlite_catalog_list_phashes;
  iface->list_unhashed = medialib_sqlite_catalog_list_unhashed;
  iface->set_phashes = medialib_sqlite_catalog_set_phashes;
}
