/* medialib-sqlite-catalog-private.h — what the SQLite catalog's files share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "medialib-sqlite-catalog.h"

G_BEGIN_DECLS

struct _MedialibSqliteCatalog
{
  GObject            parent_instance;

  char              *dir;        /* the library's folder, for messages */
  char              *db_path;
  sqlite3           *db;
  GRecMutex          lock;
  GThread           *writer;     /* the thread in the transaction that _begin() opened */
  gboolean           read_only;  /* the folder cannot be written: the database is opened immutable */
  MedialibBlobStore *blobs;      /* where the assets' bytes are */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Tag and team names kept on an asset's row are joined by this */
#define MEDIALIB_SQLITE_SEP "\x1f"

const char   *_medialib_sqlite_label_table      (MedialibLabelKind       kind);
const char   *_medialib_sqlite_label_link_table (MedialibLabelKind       kind);
gboolean      _medialib_sqlite_catalog_error    (MedialibSqliteCatalog  *self,
                                                 GError                **error,
                                                 const char             *doing);
gboolean      _medialib_sqlite_catalog_exec     (MedialibSqliteCatalog  *self,
                                                 const char             *sql,
                                                 GError                **error);
sqlite3_stmt *_medialib_sqlite_catalog_prepare  (MedialibSqliteCatalog  *self,
                                                 const char             *sql,
                                                 GError                **error);

/* A transaction: after a _begin() that succeeded, every path ends it exactly once, with
 * _commit() (which rolls back itself when COMMIT fails) or with _rollback(); both release
 * the catalog's lock. Functions keep one rollback tail, reached by "goto fail" from every
 * failure between the two. */
gboolean      _medialib_sqlite_catalog_begin    (MedialibSqliteCatalog  *self,
                                                 GError                **error);
gboolean      _medialib_sqlite_catalog_commit   (MedialibSqliteCatalog  *self,
                                                 GError                **error);
void          _medialib_sqlite_catalog_rollback (MedialibSqliteCatalog  *self);

/* medialib-sqlite-catalog-read.c, medialib-sqlite-catalog-write.c */
void          _medialib_sqlite_register_functions   (sqlite3                 *db);
void          _medialib_sqlite_catalog_init_reading (MedialibCatalogInterface *iface);
void          _medialib_sqlite_catalog_init_writing (MedialibCatalogInterface *iface);
void          _medialib_sqlite_catalog_init_phash   (MedialibCatalogInterface *iface);
gboolean      _medialib_sqlite_catalog_register_phash (MedialibSqliteCatalog  *self,
                                                   GError                **error);
void          _medialib_sqlite_append_similar   (GString                *where,
                                                 GString                *order,
                                                 const MedialibQuery    *query);

/* medialib-sqlite-catalog-versions.c */
void          _medialib_sqlite_catalog_init_versions (MedialibCatalogInterface *iface);

/* medialib-sqlite-catalog-collections.c */
void          _medialib_sqlite_catalog_init_collections (MedialibCatalogInterface *iface);

/* medialib-sqlite-catalog-labels.c: a change of labels on many assets */
gint64        _medialib_sqlite_catalog_ensure_label (MedialibSqliteCatalog  *self,
                                                     MedialibLabelKind       kind,
                                                     const char             *name,
                                                     GError                **error);
gboolean      _medialib_sqlite_catalog_reindex      (MedialibSqliteCatalog  *self,
                                                     GArray                 *ids,
                                                     GError                **error);
GPtrArray    *_medialib_sqlite_catalog_change_labels (MedialibCatalog       *catalog,
                                                      GPtrArray             *changes,
                                                      GError               **error);

G_END_DECLS
