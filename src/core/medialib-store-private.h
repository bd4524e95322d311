/* medialib-store-private.h — what the store's files share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"
#include "medialib-catalog.h"
#include "medialib-store.h"

/* Until the catalog has the writes too, the store's write paths run their SQL on the SQLite
 * catalog directly */
#include "medialib-sqlite-catalog-private.h"

G_BEGIN_DECLS

/* The store's state, shared by its source files */
struct _MedialibStore
{
  GObject            parent_instance;

  char              *dir;
  MedialibCatalog   *catalog;    /* the assets, tags, teams, generations */
  MedialibBlobStore *blobs;      /* the files' bytes */
  int                lock_fd;    /* .lock, held shared for the store's lifetime */
  gboolean           read_only;  /* the folder cannot be written */
};

#define _medialib_store_sqlite(self)              MEDIALIB_SQLITE_CATALOG ((self)->catalog)
#define _medialib_label_table                     _medialib_sqlite_label_table
#define _medialib_label_link_table                _medialib_sqlite_label_link_table
#define _medialib_store_db_error(self, e, doing)  _medialib_sqlite_catalog_error (_medialib_store_sqlite (self), e, doing)
#define _medialib_store_exec(self, sql, e)        _medialib_sqlite_catalog_exec (_medialib_store_sqlite (self), sql, e)
#define _medialib_store_prepare(self, sql, e)     _medialib_sqlite_catalog_prepare (_medialib_store_sqlite (self), sql, e)
#define _medialib_store_begin(self, e)            _medialib_sqlite_catalog_begin (_medialib_store_sqlite (self), e)
#define _medialib_store_commit(self, e)           _medialib_sqlite_catalog_commit (_medialib_store_sqlite (self), e)
#define _medialib_store_rollback(self)            _medialib_sqlite_catalog_rollback (_medialib_store_sqlite (self))

/* A file that passed every check, its bytes already in the blob store, waiting for its row. */
typedef struct
{
  const char  *name;
  MedialibAssetKind kind;
  const char  *mime;
  gint64       bytes;
  int          width;
  int          height;
  gboolean     animated;
  const char  *sha256;
  const char  *source;
  gint64       parent;
  const char  *contact;       /* JSON summary of a contact card, or NULL */
  const char  *search_extra;  /* more words for search, or NULL */
} MedialibNewAsset;

gboolean  _medialib_store_insert          (MedialibStore         *self,
                                           const MedialibNewAsset *asset,
                                           const char * const    *tags,
                                           const char * const    *teams,
                                           gint64                *id,
                                           gboolean              *duplicate,
                                           char                 **existing_name,
                                           GError               **error);
gboolean  _medialib_store_remove_unused_files (MedialibStore     *self,
                                           MedialibAsset         *asset);
gint64    _medialib_store_add_bytes       (MedialibStore         *self,
                                           GBytes                *bytes,
                                           const char            *name,
                                           const char            *source,
                                           gint64                 parent,
                                           const char * const    *tags,
                                           const char * const    *teams,
                                           GError               **error);
gint64    _medialib_store_record_generation (MedialibStore       *self,
                                           const char            *prompt,
                                           const char            *model,
                                           guint                  variants,
                                           GError               **error);
gboolean  _medialib_store_set_prompt      (MedialibStore         *self,
                                           gint64                 id,
                                           const char            *prompt,
                                           GError               **error);
MedialibSqliteCatalog *_medialib_store_get_local_database (MedialibStore *self,
                                                          GError       **error);
gboolean  _medialib_store_check_local_dir (const char            *dir,
                                           GError               **error);

G_END_DECLS
