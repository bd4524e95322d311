/* medialib-catalog.h — what a library knows about its assets: one contract, several backends
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_CATALOG (medialib_catalog_get_type ())

G_DECLARE_INTERFACE (MedialibCatalog, medialib_catalog, MEDIALIB, CATALOG, GObject)

struct _MedialibCatalogInterface
{
  GTypeInterface parent_iface;

  /* Assets, tags and teams */
  gint64              (*count)              (MedialibCatalog      *self,
                                             GError              **error);
  MedialibAsset      *(*get_asset)          (MedialibCatalog      *self,
                                             gint64                id,
                                             GError              **error);
  GPtrArray          *(*get_assets)         (MedialibCatalog      *self,
                                             const gint64         *ids,
                                             guint                 n_ids,
                                             GError              **error);
  GPtrArray          *(*search)             (MedialibCatalog      *self,
                                             const MedialibQuery  *query,
                                             GError              **error);
  GPtrArray          *(*list_labels)        (MedialibCatalog      *self,
                                             MedialibLabelKind     kind,
                                             GError              **error);
  gint64              (*find_content)       (MedialibCatalog      *self,
                                             const char           *sha256,
                                             GError              **error);
  GHashTable         *(*dup_content_hashes) (MedialibCatalog      *self,
                                             GError              **error);

  /* Generations */
  GPtrArray          *(*list_generations)   (MedialibCatalog      *self,
                                             guint                 limit,
                                             GError              **error);
  MedialibGeneration *(*get_generation)     (MedialibCatalog      *self,
                                             gint64                id,
                                             GError              **error);
  gboolean            (*count_generations)  (MedialibCatalog      *self,
                                             gint64                since,
                                             guint                *count,
                                             GError              **error);
};

gint64              medialib_catalog_count              (MedialibCatalog      *self,
                                                         GError              **error);
MedialibAsset      *medialib_catalog_get_asset          (MedialibCatalog      *self,
                                                         gint64                id,
                                                         GError              **error);
GPtrArray          *medialib_catalog_get_assets         (MedialibCatalog      *self,
                                                         const gint64         *ids,
                                                         guint                 n_ids,
                                                         GError              **error);
GPtrArray          *medialib_catalog_search             (MedialibCatalog      *self,
                                                         const MedialibQuery  *query,
                                                         GError              **error);
GPtrArray          *medialib_catalog_list_labels        (MedialibCatalog      *self,
                                                         MedialibLabelKind     kind,
                                                         GError              **error);
gint64              medialib_catalog_find_content       (MedialibCatalog      *self,
                                                         const char           *sha256,
                                                         GError              **error);
GHashTable         *medialib_catalog_dup_content_hashes (MedialibCatalog      *self,
                                                         GError              **error);
GPtrArray          *medialib_catalog_list_generations   (MedialibCatalog      *self,
                                                         guint                 limit,
                                                         GError              **error);
MedialibGeneration *medialib_catalog_get_generation     (MedialibCatalog      *self,
                                                         gint64                id,
                                                         GError              **error);
gboolean            medialib_catalog_count_generations  (MedialibCatalog      *self,
                                                         gint64                since,
                                                         guint                *count,
                                                         GError              **error);

/* For implementations: the errors every backend gives in the same words */
void                _medialib_catalog_not_found         (GError              **error,
                                                         gint64                id);
void                _medialib_catalog_read_only         (GError              **error,
                                                         const char           *library_dir);

G_END_DECLS
