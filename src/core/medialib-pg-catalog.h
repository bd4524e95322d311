/* medialib-pg-catalog.h — a team library's catalog in PostgreSQL: assets, tags, teams,
 * search, generations and the company's daily quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-pg.h"
#include "medialib-store-private.h"

G_BEGIN_DECLS

#define MEDIALIB_PG_CATALOG_SCHEMA_VERSION 1

#define MEDIALIB_TYPE_PG_CATALOG (medialib_pg_catalog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPgCatalog, medialib_pg_catalog, MEDIALIB, PG_CATALOG, GObject)

/* Every function but the _async ones blocks on the network: call them from worker threads */

MedialibPgCatalog  *medialib_pg_catalog_open            (const char           *conninfo,
                                                         MedialibBlobStore    *blobs,
                                                         GError              **error);
void                medialib_pg_catalog_open_async      (const char           *conninfo,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
MedialibPgCatalog  *medialib_pg_catalog_open_finish     (GAsyncResult         *result,
                                                         GError              **error);
MedialibPg         *medialib_pg_catalog_get_pg          (MedialibPgCatalog    *self);

/* medialib-pg-catalog.c: reading */
gint64              medialib_pg_catalog_count           (MedialibPgCatalog    *self,
                                                         GError              **error);
MedialibAsset      *medialib_pg_catalog_get_asset       (MedialibPgCatalog    *self,
                                                         gint64                id,
                                                         GError              **error);
GPtrArray          *medialib_pg_catalog_get_assets      (MedialibPgCatalog    *self,
                                                         const gint64         *ids,
                                                         guint                 n_ids,
                                                         GError              **error);
GPtrArray          *medialib_pg_catalog_search          (MedialibPgCatalog    *self,
                                                         const MedialibQuery  *query,
                                                         GError              **error);
GPtrArray          *medialib_pg_catalog_list_labels     (MedialibPgCatalog    *self,
                                                         MedialibLabelKind     kind,
                                                         GError              **error);
gboolean            medialib_pg_catalog_is_referenced   (MedialibPgCatalog    *self,
                                                         const char           *sha256,
                                                         gboolean             *referenced,
                                                         GError              **error);

/* medialib-pg-catalog-edit.c: writing */
gboolean            medialib_pg_catalog_insert          (MedialibPgCatalog    *self,
                                                         const MedialibNewAsset *asset,
                                                         gint64                added,
                                                         const char * const   *tags,
                                                         const char * const   *teams,
                                                         gint64               *id,
                                                         gboolean             *duplicate,
                                                         char                **existing_name,
                                                         GError              **error);
gboolean            medialib_pg_catalog_edit            (MedialibPgCatalog    *self,
                                                         gint64                id,
                                                         const MedialibEdit   *edit,
                                                         GError              **error);
MedialibAsset      *medialib_pg_catalog_delete          (MedialibPgCatalog    *self,
                                                         gint64                id,
                                                         gboolean             *still_referenced,
                                                         GError              **error);
gboolean            medialib_pg_catalog_create_label    (MedialibPgCatalog    *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         GError              **error);
gboolean            medialib_pg_catalog_rename_label    (MedialibPgCatalog    *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         const char           *new_name,
                                                         GError              **error);
gboolean            medialib_pg_catalog_delete_label    (MedialibPgCatalog    *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         GError              **error);
gboolean            medialib_pg_catalog_set_prompt      (MedialibPgCatalog    *self,
                                                         gint64                id,
                                                         const char           *prompt,
                                                         GError              **error);

/* medialib-pg-catalog-generations.c: generations and the daily quota */
gint64              medialib_pg_catalog_record_generation (MedialibPgCatalog  *self,
                                                         const char           *prompt,
                                                         const char           *model,
                                                         guint                 variants,
                                                         GError              **error);
gint64              medialib_pg_catalog_count_generations_since (MedialibPgCatalog *self,
                                                         gint64                since,
                                                         GError              **error);
GPtrArray          *medialib_pg_catalog_list_generations (MedialibPgCatalog   *self,
                                                         guint                 limit,
                                                         GError              **error);
MedialibGeneration *medialib_pg_catalog_get_generation  (MedialibPgCatalog    *self,
                                                         gint64                id,
                                                         GError              **error);
gboolean            medialib_pg_catalog_reserve_generation (MedialibPgCatalog *self,
                                                         const GDate          *day,
                                                         guint                 limit,
                                                         guint                *used,
                                                         GError              **error);
gboolean            medialib_pg_catalog_release_generation (MedialibPgCatalog *self,
                                                         const GDate          *day,
                                                         GError              **error);
gboolean            medialib_pg_catalog_get_reserved    (MedialibPgCatalog    *self,
                                                         const GDate          *day,
                                                         guint                *used,
                                                         GError              **error);

G_END_DECLS
