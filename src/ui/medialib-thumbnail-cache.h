/* medialib-thumbnail-cache.h — thumbnails as textures, loaded off the main thread
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_THUMBNAIL_CACHE (medialib_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (MedialibThumbnailCache, medialib_thumbnail_cache, MEDIALIB, THUMBNAIL_CACHE, GObject)

/* The priority (nice value) of the threads that decode the thumbnails tiles ask for */
#define MEDIALIB_THUMBNAIL_DECODE_NICE 19

MedialibThumbnailCache *medialib_thumbnail_cache_new        (MedialibStore          *store,
                                                             guint                   max_items);
GdkTexture             *medialib_thumbnail_cache_lookup     (MedialibThumbnailCache *self,
                                                             MedialibAsset          *asset);
void                    medialib_thumbnail_cache_load_async (MedialibThumbnailCache *self,
                                                             MedialibAsset          *asset,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
GdkTexture             *medialib_thumbnail_cache_load_finish (MedialibThumbnailCache *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void                    medialib_thumbnail_cache_preload_async (MedialibThumbnailCache *self,
                                                                GPtrArray              *assets,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean                medialib_thumbnail_cache_preload_finish (MedialibThumbnailCache  *self,
                                                                 GAsyncResult            *result,
                                                                 GError                 **error);
void                    medialib_thumbnail_cache_add        (MedialibThumbnailCache *self,
                                                             const char             *sha256,
                                                             GdkTexture             *texture);
void                    medialib_thumbnail_cache_set_texture_size (MedialibThumbnailCache *self,
                                                                   int                     size);
guint                   medialib_thumbnail_cache_get_size   (MedialibThumbnailCache *self);

G_END_DECLS
