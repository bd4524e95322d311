/* medialib-sqlite-catalog.h — a local library's catalog: library.db, SQLite with FTS5
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"
#include "medialib-catalog.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_SQLITE_CATALOG (medialib_sqlite_catalog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibSqliteCatalog, medialib_sqlite_catalog, MEDIALIB, SQLITE_CATALOG, GObject)

#define MEDIALIB_SQLITE_SCHEMA_VERSION 10

MedialibSqliteCatalog *medialib_sqlite_catalog_open       (const char             *library_dir,
                                                           gboolean                read_only,
                                                           MedialibBlobStore      *blobs,
                                                           GError                **error);

/* What only a local library's database file has: the store's check, backups and restoring
 * (medialib-store-maintenance.c, medialib-store-backup.c). Each works on a connection of its
 * own, so the catalog stays usable meanwhile. */
gboolean               medialib_sqlite_catalog_check      (MedialibSqliteCatalog  *self,
                                                           GError                **error);
gboolean               medialib_sqlite_catalog_back_up_to (MedialibSqliteCatalog  *self,
                                                           const char             *path,
                                                           GError                **error);
gboolean               medialib_sqlite_check_backup       (const char             *path,
                                                           GError                **error);
GHashTable            *medialib_sqlite_content_hashes     (const char             *db_path,
                                                           GError                **error);

G_END_DECLS
