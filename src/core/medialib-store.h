/* medialib-store.h — the library on disk: database, stored files, thumbnails
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-asset.h"
#include "medialib-change.h"
#include "medialib-collection.h"
#include "medialib-label.h"
#include "medialib-label-change.h"
#include "medialib-phash.h"
#include "medialib-query.h"
#include "medialib-version.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_STORE (medialib_store_get_type ())

G_DECLARE_FINAL_TYPE (MedialibStore, medialib_store, MEDIALIB, STORE, GObject)

/* medialib-results.h */
typedef struct _MedialibResults MedialibResults;

#define MEDIALIB_STORE_ERROR (medialib_store_error_quark ())

typedef enum
{
  MEDIALIB_STORE_ERROR_DAMAGED,   /* the database is damaged: restore a backup */
} MedialibStoreError;

/* Which of a team library's servers cannot be reached (MedialibStore:unreachable-server) */
typedef enum
{
  MEDIALIB_STORE_SERVER_NONE,       /* both answer (a local library always) */
  MEDIALIB_STORE_SERVER_DATABASE,   /* the PostgreSQL catalog */
  MEDIALIB_STORE_SERVER_BUCKET,     /* the object store's bucket, the files' bytes */
} MedialibStoreServer;

#define MEDIALIB_TYPE_STORE_SERVER (medialib_store_server_get_type ())

/* A backup of a library's database, in its backups/ folder */
typedef struct
{
  char      *path;
  GDateTime *time;
  gint64     bytes;
} MedialibBackup;

typedef struct
{
  char  *name;
  guint  count;
} MedialibLabelCount;

/* One change to an asset; every field is optional. */
typedef struct
{
  const char * const *add_tags;
  const char * const *remove_tags;
  const char * const *add_teams;
  const char * const *remove_teams;
  const char         *rename;
  const char         *alt;     /* new alt text; "" clears it, NULL leaves it */
} MedialibEdit;

/* The longest alt text, in characters */
#define MEDIALIB_ALT_MAX 1000

/* A generation of images, counted against the daily quota. */
typedef struct
{
  gint64  id;
  char   *prompt;
  char   *model;
  gint64  created;
  guint   variants;
} MedialibGeneration;

GQuark         medialib_store_error_quark       (void);
GType          medialib_store_server_get_type   (void) G_GNUC_CONST;
void           medialib_backup_free             (MedialibBackup       *backup);
char          *medialib_backup_format_time      (GDateTime            *time);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibBackup, medialib_backup_free)

char          *medialib_store_dup_default_dir   (void);
MedialibStore *medialib_store_open              (const char           *dir,
                                                 GError              **error);
void           medialib_store_open_async        (const char           *dir,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MedialibStore *medialib_store_open_finish       (GAsyncResult         *result,
                                                 GError              **error);
const char    *medialib_store_get_dir           (MedialibStore        *self);
gboolean       medialib_store_is_read_only      (MedialibStore        *self);
const char    *medialib_store_get_member_name   (MedialibStore        *self);
void           medialib_store_set_member_name   (MedialibStore        *self,
                                                 const char           *name);

/* medialib-store-watch.c */
gboolean       medialib_store_watch             (MedialibStore        *self,
                                                 GError              **error);
void           medialib_store_watch_async       (MedialibStore        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_watch_finish      (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean       medialib_store_get_reachable     (MedialibStore        *self);
MedialibStoreServer medialib_store_get_unreachable_server (MedialibStore *self);

/* medialib-store-maintenance.c */
gboolean       medialib_store_check             (MedialibStore        *self,
                                                 GError              **error);
gboolean       medialib_store_sweep             (MedialibStore        *self);
guint          medialib_store_fill_palettes     (MedialibStore        *self,
                                                 GCancellable         *cancellable);
void           medialib_store_fill_palettes_async (MedialibStore      *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
guint          medialib_store_fill_palettes_finish (MedialibStore     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean       medialib_store_maintain          (MedialibStore        *self,
                                                 char                **backup_path,
                                                 GError              **error);
void           medialib_store_maintain_async    (MedialibStore        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_maintain_finish   (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 char                **backup_path,
                                                 GError              **error);

/* medialib-store-versions.c */
gboolean       medialib_store_replace           (MedialibStore        *self,
                                                 gint64                id,
                                                 const char           *path,
                                                 GError              **error);
void           medialib_store_replace_async     (MedialibStore        *self,
                                                 gint64                id,
                                                 const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_replace_finish    (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray     *medialib_store_list_versions     (MedialibStore        *self,
                                                 gint64                id,
                                                 GError              **error);
void           medialib_store_list_versions_async (MedialibStore      *self,
                                                 gint64                id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_list_versions_finish (MedialibStore     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean       medialib_store_revert            (MedialibStore        *self,
                                                 gint64                id,
                                                 guint                 number,
                                                 GError              **error);
void           medialib_store_revert_async      (MedialibStore        *self,
                                                 gint64                id,
                                                 guint                 number,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_revert_finish     (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

gboolean       medialib_store_get_crop_origin   (MedialibStore        *self,
                                                 gint64                id,
                                                 MedialibCropOrigin   *origin,
                                                 GError              **error);
void           medialib_store_get_crop_origin_async (MedialibStore    *self,
                                                 gint64                id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_get_crop_origin_finish (MedialibStore   *self,
                                                 GAsyncResult         *result,
                                                 MedialibCropOrigin   *origin,
                                                 GError              **error);

/* medialib-store-similar.c */
MedialibAsset *medialib_store_get_similar_source (MedialibStore       *self,
                                                 gint64               id,
                                                 GError             **error);
gboolean       medialib_store_has_missing_palettes (MedialibStore     *self,
                                                 gboolean             *has,
                                                 GError              **error);
gboolean       medialib_store_has_unhashed      (MedialibStore        *self,
                                                 gboolean             *has,
                                                 GError              **error);
GPtrArray     *medialib_store_find_duplicates   (MedialibStore        *self,
                                                 guint                 max_distance,
                                                 GError              **error);

/* medialib-store-phash.c */
gboolean       medialib_store_compute_phashes   (MedialibStore        *self,
                                                 GCancellable         *cancellable,
                                                 guint                *computed,
                                                 GError              **error);
void           medialib_store_compute_phashes_async (MedialibStore    *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_compute_phashes_finish (MedialibStore   *self,
                                                 GAsyncResult         *result,
                                                 guint                *computed,
                                                 GError              **error);

/* medialib-store-backup.c */
char          *medialib_store_backup            (MedialibStore        *self,
                                                 GError              **error);
void           medialib_store_backup_async      (MedialibStore        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char          *medialib_store_backup_finish     (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray     *medialib_store_list_backups      (const char           *library_dir);
void           medialib_store_list_backups_async (const char          *library_dir,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_list_backups_finish (GAsyncResult        *result,
                                                 GError              **error);
gboolean       medialib_store_restore           (const char           *library_dir,
                                                 const char           *backup_path,
                                                 char                **kept_path,
                                                 char                **recovered_dir,
                                                 guint                *n_recovered,
                                                 GError              **error);
void           medialib_store_restore_async     (const char           *library_dir,
                                                 const char           *backup_path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_restore_finish    (GAsyncResult         *result,
                                                 char                **kept_path,
                                                 char                **recovered_dir,
                                                 guint                *n_recovered,
                                                 GError              **error);

/* medialib-store-read.c */
gint64         medialib_store_count             (MedialibStore        *self);
MedialibAsset *medialib_store_get_asset         (MedialibStore        *self,
                                                 gint64                id,
                                                 GError              **error);
void           medialib_store_get_asset_async   (MedialibStore        *self,
                                                 gint64                id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MedialibAsset *medialib_store_get_asset_finish  (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray     *medialib_store_get_assets        (MedialibStore        *self,
                                                 const gint64         *ids,
                                                 guint                 n_ids,
                                                 GError              **error);
void           medialib_store_get_assets_async  (MedialibStore        *self,
                                                 const gint64         *ids,
                                                 guint                 n_ids,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_get_assets_finish (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray     *medialib_store_search            (MedialibStore        *self,
                                                 const MedialibQuery  *query,
                                                 GError              **error);
void           medialib_store_search_async      (MedialibStore        *self,
                                                 const MedialibQuery  *query,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GListModel    *medialib_store_search_finish     (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* medialib-store-find.c */
GArray          *medialib_store_search_ids        (MedialibStore        *self,
                                                   const MedialibQuery  *query,
                                                   GError              **error);
void             medialib_store_search_ids_async  (MedialibStore        *self,
                                                   const MedialibQuery  *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GArray          *medialib_store_search_ids_finish (MedialibStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             medialib_store_find_async        (MedialibStore        *self,
                                                   const MedialibQuery  *query,
                                                   guint                 first_page,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MedialibResults *medialib_store_find_finish       (MedialibStore        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GPtrArray     *medialib_store_list_labels       (MedialibStore        *self,
                                                 MedialibLabelKind     kind,
                                                 GError              **error);
void           medialib_store_list_labels_async (MedialibStore        *self,
                                                 MedialibLabelKind     kind,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_list_labels_finish (MedialibStore       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean       medialib_store_ensure_file       (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void           medialib_store_ensure_file_async (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_ensure_file_finish (MedialibStore       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean       medialib_store_ensure_thumbnail  (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GError              **error);
char          *medialib_store_dup_grid_thumbnail_path (MedialibStore  *self,
                                                 MedialibAsset        *asset,
                                                 gboolean              alpha);
void           medialib_store_ensure_thumbnail_async (MedialibStore   *self,
                                                 MedialibAsset        *asset,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_ensure_thumbnail_finish (MedialibStore  *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* medialib-store-edit.c */
gboolean       medialib_store_create_label      (MedialibStore        *self,
                                                 MedialibLabelKind     kind,
                                                 const char           *name,
                                                 GError              **error);
gboolean       medialib_store_rename_label      (MedialibStore        *self,
                                                 MedialibLabelKind     kind,
                                                 const char           *name,
                                                 const char           *new_name,
                                                 GError              **error);
gboolean       medialib_store_delete_label      (MedialibStore        *self,
                                                 MedialibLabelKind     kind,
                                                 const char           *name,
                                                 GError              **error);
char          *medialib_store_check_alt         (const char           *alt,
                                                 GError              **error);
gboolean       medialib_store_edit              (MedialibStore        *self,
                                                 gint64                id,
                                                 const MedialibEdit   *edit,
                                                 GError              **error);
void           medialib_store_edit_async        (MedialibStore        *self,
                                                 const gint64         *ids,
                                                 guint                 n_ids,
                                                 const MedialibEdit   *edit,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_edit_finish       (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray     *medialib_store_change_labels     (MedialibStore        *self,
                                                 GPtrArray            *changes,
                                                 GError              **error);
void           medialib_store_change_labels_async (MedialibStore      *self,
                                                 GPtrArray            *changes,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_change_labels_finish (MedialibStore     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean       medialib_store_delete            (MedialibStore        *self,
                                                 gint64                id,
                                                 GError              **error);
void           medialib_store_delete_async      (MedialibStore        *self,
                                                 const gint64         *ids,
                                                 guint                 n_ids,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       medialib_store_delete_finish     (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* medialib-store-generations.c */
char          *medialib_store_dup_generation_dir (MedialibStore       *self,
                                                 gint64                id);
guint          medialib_store_count_generations_since (MedialibStore *self,
                                                 gint64                since);
GPtrArray     *medialib_store_list_generations  (MedialibStore        *self,
                                                 guint                 limit,
                                                 GError              **error);
void           medialib_store_list_generations_async (MedialibStore   *self,
                                                 guint                 limit,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray     *medialib_store_list_generations_finish (MedialibStore  *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
MedialibGeneration *medialib_store_get_generation (MedialibStore      *self,
                                                 gint64                id,
                                                 GError              **error);

/* medialib-store-collections.c */
GPtrArray     *medialib_store_list_collections   (MedialibStore       *self,
                                                  gboolean             count,
                                                  GError             **error);
void           medialib_store_list_collections_async (MedialibStore   *self,
                                                  gboolean             count,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray     *medialib_store_list_collections_finish (MedialibStore  *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
MedialibCollection *medialib_store_get_collection (MedialibStore      *self,
                                                  const char          *name,
                                                  GError             **error);
gboolean       medialib_store_save_collection    (MedialibStore       *self,
                                                  const char          *name,
                                                  const MedialibQuery *query,
                                                  GError             **error);
void           medialib_store_save_collection_async (MedialibStore    *self,
                                                  const char          *name,
                                                  const MedialibQuery *query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       medialib_store_save_collection_finish (MedialibStore   *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean       medialib_store_delete_collection  (MedialibStore       *self,
                                                  const char          *name,
                                                  GError             **error);
void           medialib_store_delete_collection_async (MedialibStore  *self,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       medialib_store_delete_collection_finish (MedialibStore *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
GArray        *medialib_store_count_queries      (MedialibStore       *self,
                                                  GPtrArray           *queries,
                                                  GError             **error);
void           medialib_store_count_queries_async (MedialibStore      *self,
                                                  GPtrArray           *queries,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GArray        *medialib_store_count_queries_finish (MedialibStore     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void           medialib_label_count_free        (MedialibLabelCount   *count);
void           medialib_generation_free         (MedialibGeneration   *generation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibGeneration, medialib_generation_free)

G_END_DECLS
