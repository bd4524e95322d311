/* medialib-asset-tile.h — one asset in the grid
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medialib-asset.h"
#include "medialib-thumbnail-cache.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_ASSET_TILE (medialib_asset_tile_get_type ())

G_DECLARE_FINAL_TYPE (MedialibAssetTile, medialib_asset_tile, MEDIALIB, ASSET_TILE, GtkWidget)

GtkWidget     *medialib_asset_tile_new       (void);
void           medialib_asset_tile_set_asset (MedialibAssetTile      *self,
                                              MedialibAsset          *asset,
                                              MedialibThumbnailCache *cache);
MedialibAsset *medialib_asset_tile_get_asset (MedialibAssetTile      *self);
const char    *medialib_asset_tile_get_display_name (MedialibAssetTile *self);
gboolean       medialib_asset_tile_has_thumbnail (MedialibAssetTile  *self);
gboolean       medialib_asset_tile_take_cached_thumbnail (MedialibAssetTile *self);
void           medialib_asset_tile_fit_thumbnail (int                 tile_width,
                                                  int                 texture_width,
                                                  int                 texture_height,
                                                  int                *width,
                                                  int                *height);

G_END_DECLS
