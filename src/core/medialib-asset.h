/* medialib-asset.h — one item of the library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "medialib-palette.h"

G_BEGIN_DECLS

/* What an asset is. ANY stands for both in a query, never for an asset. */
typedef enum
{
  MEDIALIB_ASSET_KIND_ANY,
  MEDIALIB_ASSET_KIND_IMAGE,
  MEDIALIB_ASSET_KIND_CONTACT,
} MedialibAssetKind;

#define MEDIALIB_TYPE_ASSET_KIND (medialib_asset_kind_get_type ())
#define MEDIALIB_TYPE_ASSET (medialib_asset_get_type ())

GType               medialib_asset_kind_get_type      (void) G_GNUC_CONST;
const char         *medialib_asset_kind_to_string     (MedialibAssetKind  kind);
gboolean            medialib_asset_kind_from_string   (const char        *text,
                                                       MedialibAssetKind *kind);


G_DECLARE_FINAL_TYPE (MedialibAsset, medialib_asset, MEDIALIB, ASSET, GObject)

gint64              medialib_asset_get_id             (MedialibAsset *self);
const char         *medialib_asset_get_name           (MedialibAsset *self);
MedialibAssetKind   medialib_asset_get_kind           (MedialibAsset *self);
const char         *medialib_asset_get_mime           (MedialibAsset *self);
gint64              medialib_asset_get_bytes          (MedialibAsset *self);
int                 medialib_asset_get_width          (MedialibAsset *self);
int                 medialib_asset_get_height         (MedialibAsset *self);
gboolean            medialib_asset_get_animated       (MedialibAsset *self);
const char         *medialib_asset_get_sha256         (MedialibAsset *self);
gint64              medialib_asset_get_added          (MedialibAsset *self);
const char         *medialib_asset_get_added_by       (MedialibAsset *self);
gboolean            medialib_asset_get_phash          (MedialibAsset *self,
                                                       guint64       *hash);
const char         *medialib_asset_get_source         (MedialibAsset *self);
gint64              medialib_asset_get_parent         (MedialibAsset *self);
const char * const *medialib_asset_get_tags           (MedialibAsset *self);
const char * const *medialib_asset_get_teams          (MedialibAsset *self);
const char         *medialib_asset_get_path           (MedialibAsset *self);
const char         *medialib_asset_get_thumbnail_path (MedialibAsset *self);
const char         *medialib_asset_get_prompt        (MedialibAsset *self);
const char         *medialib_asset_get_alt           (MedialibAsset *self);
JsonObject         *medialib_asset_get_contact       (MedialibAsset *self);
const MedialibPaletteColor *medialib_asset_get_palette (MedialibAsset *self,
                                                        guint         *n_colors);
char               *medialib_asset_dup_display_name  (MedialibAsset *self);
char               *medialib_asset_dup_uri            (MedialibAsset *self);
char               *medialib_asset_format_added       (MedialibAsset *self);
JsonNode           *medialib_asset_to_json            (MedialibAsset *self);

G_END_DECLS
