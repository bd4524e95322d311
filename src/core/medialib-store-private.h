/* medialib-store-private.h — what the importer shares with the store
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "medialib-blob-store.h"
#include "medialib-store.h"

G_BEGIN_DECLS

/* The store's state, shared by its source files */
struct _MedialibStore
{
  GObject   parent_instance;

  char     *dir;
  MedialibBlobStore *blobs;
  sqlite3  *db;
  GRecMutex lock;
  GThread  *writer;    /* the thread in the transaction that _medialib_store_begin() opened */
  int       lock_fd;   /* .lock, held shared for the store's lifetime */
  gboolean  read_only; /* the folder cannot be written: the database is opened immutable */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define MEDIALIB_STORE_SEP "\x1f"
#define MEDIALIB_STORE_SCHEMA_VERSION 4

const char   *_medialib_label_table       (MedialibLabelKind   kind);
const char   *_medialib_label_link_table  (MedialibLabelKind   kind);
gboolean      _medialib_store_db_error    (MedialibStore      *self,
                                           GError            **error,
                                           const char         *doing);
gboolean      _medialib_store_exec        (MedialibStore      *self,
                                           const char         *sql,
                                           GError            **error);
sqlite3_stmt *_medialib_store_prepare     (MedialibStore      *self,
                                           const char         *sql,
                                           GError            **error);
void          _medialib_store_read_only_error (MedialibStore  *self,
                                               GError        **error);
void          _medialib_store_not_found   (GError            **error,
                                           gint64              id);

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

/* A transaction: after a _medialib_store_begin() that succeeded, every path ends it exactly
 * once, with _medialib_store_commit() (which rolls back itself when COMMIT fails) or with
 * _medialib_store_rollback(); both release the store's lock. Functions keep one rollback
 * tail, reached by "goto fail" from every failure between the two. */
gboolean  _medialib_store_begin           (MedialibStore         *self,
                                           GError               **error);
gboolean  _medialib_store_commit          (MedialibStore         *self,
                                           GError               **error);
void      _medialib_store_rollback        (MedialibStore         *self);
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
/* medialib-store-maintenance.c: connections of their own */
sqlite3    *_medialib_store_open_connection      (const char             *path,
                                                  int                     flags,
                                                  GError                **error);
gboolean    _medialib_store_quick_check          (sqlite3                *db,
                                                  const char             *what,
                                                  GError                **error);
GHashTable *_medialib_store_known_hashes         (const char             *db_path,
                                                  GError                **error);

G_END_DECLS
