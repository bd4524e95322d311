/* medialib-catalog.h — what a library knows about its assets: one contract, several backends
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-change.h"
#include "medialib-label-change.h"
#include "medialib-phash.h"
#include "medialib-store.h"
#include "medialib-version.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_CATALOG (medialib_catalog_get_type ())

G_DECLARE_INTERFACE (MedialibCatalog, medialib_catalog, MEDIALIB, CATALOG, GObject)

/* A file that passed every check, its bytes already in the blob store, waiting for its row */
typedef struct
{
  const char        *name;
  MedialibAssetKind  kind;
  const char        *mime;
  gint64             bytes;
  int                width;          /* 0 when unknown */
  int                height;
  gboolean           animated;
  const char        *sha256;
  const char        *source;         /* "upload", "crop" or "ai" */
  gint64             parent;         /* the asset it was made from, or 0 */
  const char        *contact;        /* JSON summary of a contact card, or NULL */
  const char        *search_extra;   /* more words for search, or NULL */
  const char * const *tags;          /* its tags and teams, or NULL */
  const char * const *teams;
  const char        *added_by;       /* the member who added it, or NULL */
  gint64             added;          /* when it was added (Unix time), or 0 for now: a push
                                      * keeps the date of the library it comes from */
  const char        *palette;        /* its dominant colours (medialib-palette.c), "" for
                                      * none, or NULL when not computed */
  gboolean           has_phash;      /* an image's perceptual hash (medialib-phash.h) */
  guint64            phash;
} MedialibNewAsset;

/* What adding one asset gave */
typedef struct
{
  gint64    id;
  gboolean  duplicate;   /* its bytes were an asset already: that one, with the labels added */
  char     *name;        /* the asset's name: the existing one's for a duplicate */
} MedialibAddedAsset;

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
  GArray             *(*search_ids)         (MedialibCatalog      *self,
                                             const MedialibQuery  *query,
                                             GError              **error);
  gint64              (*count_matching)     (MedialibCatalog      *self,
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

  /* Palettes: the images that have none computed yet (a library from before palettes),
   * and setting one (medialib-store-palette.c) */
  GPtrArray          *(*list_missing_palettes) (MedialibCatalog   *self,
                                             guint                 limit,
                                             GError              **error);
  gboolean            (*set_palette)        (MedialibCatalog      *self,
                                             const char           *sha256,
                                             const char           *palette,
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

  /* Changes: each call is one transaction */
  gboolean            (*add_assets)         (MedialibCatalog      *self,
                                             const MedialibNewAsset *assets,
                                             guint                 n_assets,
                                             MedialibAddedAsset   *added,
                                             GError              **error);
  gboolean            (*edit)               (MedialibCatalog      *self,
                                             gint64                id,
                                             const MedialibEdit   *edit,
                                             GError              **error);
  MedialibAsset      *(*delete_asset)       (MedialibCatalog      *self,
                                             gint64                id,
                                             GError              **error);
  GPtrArray          *(*change_labels)      (MedialibCatalog      *self,
                                             GPtrArray            *changes,
                                             GError              **error);
  gboolean            (*set_prompt)         (MedialibCatalog      *self,
                                             gint64                id,
                                             const char           *prompt,
                                             GError              **error);
  gboolean            (*create_label)       (MedialibCatalog      *self,
                                             MedialibLabelKind     kind,
                                             const char           *name,
                                             GError              **error);
  gboolean            (*rename_label)       (MedialibCatalog      *self,
                                             MedialibLabelKind     kind,
                                             const char           *name,
                                             const char           *new_name,
                                             GError              **error);
  gboolean            (*delete_label)       (MedialibCatalog      *self,
                                             MedialibLabelKind     kind,
                                             const char           *name,
                                             GError              **error);

  /* Generations and the daily quota */
  gboolean            (*reserve_generation) (MedialibCatalog      *self,
                                             gint64                since,
                                             guint                 limit,
                                             gboolean             *reserved,
                                             guint                *used,
                                             GError              **error);
  void                (*release_generation) (MedialibCatalog      *self,
                                             gint64                since);
  gint64              (*record_generation)  (MedialibCatalog      *self,
                                             const char           *prompt,
                                             const char           *model,
                                             guint                 variants,
                                             GError              **error);
  gboolean            (*copy_generation)    (MedialibCatalog      *self,
                                             const MedialibGeneration *generation,
                                             guint                 nth,
                                             gboolean             *copied,
                                             GError              **error);

  /* Saved collections (medialib-collection.h): by key, each write one transaction */
  GPtrArray          *(*list_collections)   (MedialibCatalog      *self,
                                             GError              **error);
  gboolean            (*save_collection)    (MedialibCatalog      *self,
                                             const char           *name,
                                             const char           *key,
                                             const char           *filters,
                                             GError              **error);
  gboolean            (*delete_collection)  (MedialibCatalog      *self,
                                             const char           *key,
                                             gboolean             *deleted,
                                             GError              **error);

  /* Perceptual hashes (medialib-phash.h) */
  GArray             *(*list_phashes)       (MedialibCatalog      *self,
                                             GError              **error);
  GArray             *(*list_unhashed)      (MedialibCatalog      *self,
                                             gint64                after,
                                             guint                 limit,
                                             GError              **error);
  gboolean            (*set_phashes)        (MedialibCatalog      *self,
                                             const MedialibPhashEntry *entries,
                                             guint                 n_entries,
                                             GError              **error);

  /* Versions (medialib-store-versions.c): an asset's contents, oldest first, the current
   * one last; and replacing its content, in one transaction, when it is still @expected */
  GPtrArray          *(*list_versions)      (MedialibCatalog      *self,
                                             gint64                id,
                                             GError              **error);
  gboolean            (*replace_content)    (MedialibCatalog      *self,
                                             gint64                id,
                                             const char           *expected,
                                             const MedialibNewAsset *content,
                                             GError              **error);
  /* A crop's origin: its parent's content when it was made, and how ("KEY X,Y,W,H") */
  gboolean            (*set_crop_origin)    (MedialibCatalog      *self,
                                             gint64                id,
                                             const char           *parent_sha256,
                                             const char           *spec,
                                             GError              **error);
  gboolean            (*get_crop_origin)    (MedialibCatalog      *self,
                                             gint64                id,
                                             char                **parent_sha256,
                                             char                **spec,
                                             GError              **error);
  /* Every asset's address, content and type, for the check of the addresses
   * (_medialib_store_repair_addresses()) */
  GPtrArray          *(*list_addresses)     (MedialibCatalog      *self,
                                             gint64                settled_before,
                                             GError              **error);
};

void                medialib_added_asset_clear          (MedialibAddedAsset   *added);

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
GArray             *medialib_catalog_search_ids         (MedialibCatalog      *self,
                                                         const MedialibQuery  *query,
                                                         GError              **error);
gint64              medialib_catalog_count_matching     (MedialibCatalog      *self,
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
GPtrArray          *medialib_catalog_list_missing_palettes (MedialibCatalog   *self,
                                                         guint                 limit,
                                                         GError              **error);
gboolean            medialib_catalog_set_palette        (MedialibCatalog      *self,
                                                         const char           *sha256,
                                                         const char           *palette,
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

gboolean            medialib_catalog_add_assets         (MedialibCatalog      *self,
                                                         const MedialibNewAsset *assets,
                                                         guint                 n_assets,
                                                         MedialibAddedAsset   *added,
                                                         GError              **error);
gboolean            medialib_catalog_edit               (MedialibCatalog      *self,
                                                         gint64                id,
                                                         const MedialibEdit   *edit,
                                                         GError              **error);
MedialibAsset      *medialib_catalog_delete_asset       (MedialibCatalog      *self,
                                                         gint64                id,
                                                         GError              **error);
GPtrArray          *medialib_catalog_change_labels      (MedialibCatalog      *self,
                                                         GPtrArray            *changes,
                                                         GError              **error);
gboolean            medialib_catalog_set_prompt         (MedialibCatalog      *self,
                                                         gint64                id,
                                                         const char           *prompt,
                                                         GError              **error);
gboolean            medialib_catalog_create_label       (MedialibCatalog      *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         GError              **error);
gboolean            medialib_catalog_rename_label       (MedialibCatalog      *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         const char           *new_name,
                                                         GError              **error);
gboolean            medialib_catalog_delete_label       (MedialibCatalog      *self,
                                                         MedialibLabelKind     kind,
                                                         const char           *name,
                                                         GError              **error);
gboolean            medialib_catalog_reserve_generation (MedialibCatalog      *self,
                                                         gint64                since,
                                                         guint                 limit,
                                                         gboolean             *reserved,
                                                         guint                *used,
                                                         GError              **error);
void                medialib_catalog_release_generation (MedialibCatalog      *self,
                                                         gint64                since);
gint64              medialib_catalog_record_generation  (MedialibCatalog      *self,
                                                         const char           *prompt,
                                                         const char           *model,
                                                         guint                 variants,
                                                         GError              **error);
gboolean            medialib_catalog_copy_generation    (MedialibCatalog      *self,
                                                         const MedialibGeneration *generation,
                                                         guint                 nth,
                                                         gboolean             *copied,
                                                         GError              **error);

GPtrArray          *medialib_catalog_list_collections   (MedialibCatalog      *self,
                                                         GError              **error);
gboolean            medialib_catalog_save_collection    (MedialibCatalog      *self,
                                                         const char           *name,
                                                         const char           *filters,
                                                         GError              **error);
gboolean            medialib_catalog_delete_collection  (MedialibCatalog      *self,
                                                         const char           *name,
                                                         gboolean             *deleted,
                                                         GError              **error);
GArray             *medialib_catalog_list_phashes       (MedialibCatalog      *self,
                                                         GError              **error);
GArray             *medialib_catalog_list_unhashed      (MedialibCatalog      *self,
                                                         gint64                after,
                                                         guint                 limit,
                                                         GError              **error);
gboolean            medialib_catalog_set_phashes        (MedialibCatalog      *self,
                                                         const MedialibPhashEntry *entries,
                                                         guint                 n_entries,
                                                         GError              **error);

GPtrArray          *medialib_catalog_list_versions      (MedialibCatalog      *self,
                                                         gint64                id,
                                                         GError              **error);
gboolean            medialib_catalog_replace_content    (MedialibCatalog      *self,
                                                         gint64                id,
                                                         const char           *expected,
                                                         const MedialibNewAsset *content,
                                                         GError              **error);

gboolean            medialib_catalog_set_crop_origin    (MedialibCatalog      *self,
                                                         gint64                id,
                                                         const char           *parent_sha256,
                                                         const char           *spec,
                                                         GError              **error);
GPtrArray          *medialib_catalog_list_addresses     (MedialibCatalog      *self,
                                                         gint64                settled_before,
                                                         GError              **error);
gboolean            medialib_catalog_get_crop_origin    (MedialibCatalog      *self,
                                                         gint64                id,
                                                         char                **parent_sha256,
                                                         char                **spec,
                                                         GError              **error);

/* One change a write made: what the catalog's "changed" signal tells, and what a team
 * library's write notifies the other members of */
typedef struct
{
  MedialibChangeKind  kind;
  GArray             *ids;  /* gint64, perhaps empty */
} MedialibCatalogChange;

/* For implementations: the changes each write makes, the same for every backend (an array
 * of MedialibCatalogChange) */
GArray             *_medialib_catalog_changes_new       (void);
void                _medialib_catalog_emit_change       (MedialibCatalog      *self,
                                                         MedialibChangeKind    kind,
                                                         const gint64         *ids,
                                                         guint                 n_ids);
void                _medialib_catalog_changes_add       (GArray               *changes,
                                                         MedialibChangeKind    kind,
                                                         const gint64         *ids,
                                                         guint                 n_ids);
GArray             *_medialib_catalog_add_changes       (const MedialibNewAsset *assets,
                                                         guint                 n_assets,
                                                         const MedialibAddedAsset *added);
GArray             *_medialib_catalog_edit_changes      (gint64                id,
                                                         const MedialibEdit   *edit);
GArray             *_medialib_catalog_delete_changes    (MedialibAsset        *asset);
GArray             *_medialib_catalog_label_changes     (GPtrArray            *done);

/* For implementations: the errors every backend gives in the same words */
void                _medialib_catalog_not_found         (GError              **error,
                                                         gint64                id);
void                _medialib_catalog_changed_meanwhile (GError              **error,
                                                         gint64                id);
void                _medialib_catalog_content_taken     (GError              **error,
                                                         gint64                id,
                                                         gint64                other);
void                _medialib_catalog_read_only         (GError              **error,
                                                         const char           *library_dir);

G_END_DECLS
