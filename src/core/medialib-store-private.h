/* medialib-store-private.h — what the store's files share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"
#include "medialib-catalog.h"
#include "medialib-sqlite-catalog.h"
#include "medialib-store.h"

G_BEGIN_DECLS

/* The store's state, shared by its source files. The store talks to its two backends only
 * through their interfaces; the SQLite catalog's own functions serve only what a local
 * library alone has (see _medialib_store_get_local_database()). */
struct _MedialibStore
{
  GObject            parent_instance;

  char              *dir;
  MedialibCatalog   *catalog;    /* the assets, tags, teams, generations */
  MedialibBlobStore *blobs;      /* the files' bytes */
  int                lock_fd;    /* .lock, held shared for the store's lifetime */
  gboolean           read_only;  /* the folder cannot be written */
  char              *member;     /* who adds assets: the member's name */

  /* Changes (medialib-store-watch.c) */
  GMutex              watch_lock;
  GMainContext       *watch_context;  /* where changes are told, once watched; under the lock */
  GObject            *listener;       /* a team library's MedialibPgListener, once watched */
  gboolean            reachable;      /* the database's and the bucket's, together */
  gboolean            database_reachable;
  MedialibStoreServer unreachable_server;

  /* A team library's bucket (medialib-store-bucket.c), followed on the watching context */
  GObject            *bucket;         /* its MedialibS3Client, or NULL */
  gboolean            bucket_reachable;
  guint               bucket_failures;
  GSource            *bucket_probe;   /* the next probe's timeout, while out of reach */
  GCancellable       *bucket_cancellable;
};

/* The team backend (medialib-store-team.c): NULL until medialib_core_team_init() */
typedef struct
{
  gboolean (*open)         (MedialibStore  *self,
                            GError        **error);
  gboolean (*listen)       (MedialibStore  *self,
                            GError        **error);
  void     (*listen_async) (MedialibStore  *self,
                            GTask          *task);
  void     (*init_watch)   (MedialibStore  *self);
  void     (*clear_watch)  (MedialibStore  *self);
} MedialibStoreTeam;

extern const MedialibStoreTeam *_medialib_store_team;

/* medialib-store.c */
MedialibSqliteCatalog *_medialib_store_get_local_database  (MedialibStore        *self,
                                                           GError              **error);
gboolean               _medialib_store_check_local_dir     (const char           *dir,
                                                           GError              **error);
MedialibStore         *_medialib_store_open_local_read_only (const char          *dir,
                                                           GError              **error);

/* medialib-store-versions.c */
void                   _medialib_store_add_alias           (MedialibStore        *self,
                                                           gint64                id,
                                                           GBytes               *bytes);
void                   _medialib_store_record_crop_origin  (MedialibStore        *self,
                                                           gint64                id,
                                                           MedialibAsset        *parent,
                                                           const char           *preset,
                                                           int                   x,
                                                           int                   y,
                                                           int                   width,
                                                           int                   height);
guint                  _medialib_store_repair_addresses    (MedialibStore        *self);
void                   _medialib_store_remove_versions     (MedialibStore        *self,
                                                           MedialibAsset        *asset,
                                                           GPtrArray            *versions);

/* medialib-store-watch.c */
void                   _medialib_store_init_watch          (MedialibStore        *self);
void                   _medialib_store_clear_watch         (MedialibStore        *self);
void                   _medialib_store_class_init_watch    (GObjectClass         *object_class);

void                   _medialib_store_update_reachable    (MedialibStore        *self);
void                   _medialib_store_emit_changed        (MedialibStore        *self,
                                                           MedialibChangeKind    kind,
                                                           GArray               *ids);
GMainContext          *_medialib_store_ref_watch_context   (MedialibStore        *self);

/* medialib-store-bucket.c */
void                   _medialib_store_init_bucket         (MedialibStore        *self);
void                   _medialib_store_clear_bucket        (MedialibStore        *self);

/* medialib-store-add.c */
gint64                 _medialib_store_add_bytes           (MedialibStore        *self,
                                                           GBytes               *bytes,
                                                           const char           *name,
                                                           const char           *source,
                                                           gint64                parent,
                                                           const char * const   *tags,
                                                           const char * const   *teams,
                                                           GError              **error);

/* medialib-store-maintenance.c */
gboolean               _medialib_store_remove_unused_files (MedialibStore        *self,
                                                           MedialibAsset        *asset);
void                   _medialib_store_remove_grid_thumbnails (MedialibStore        *self,
                                                               const char           *sha256);

G_END_DECLS
