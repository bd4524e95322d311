/* medialib-result-item.h — one position of a search's results: an asset's id, and the asset
 * once it is read
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-asset.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_RESULT_ITEM (medialib_result_item_get_type ())

G_DECLARE_FINAL_TYPE (MedialibResultItem, medialib_result_item, MEDIALIB, RESULT_ITEM, GObject)

MedialibResultItem *medialib_result_item_new       (gint64              id,
                                                    MedialibAsset      *asset);
gint64              medialib_result_item_get_id    (MedialibResultItem *self);
MedialibAsset      *medialib_result_item_get_asset (MedialibResultItem *self);
void                medialib_result_item_set_asset (MedialibResultItem *self,
                                                    MedialibAsset      *asset);

G_END_DECLS
