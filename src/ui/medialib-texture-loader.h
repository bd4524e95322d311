/* medialib-texture-loader.h — image files and bytes decoded into textures off the main thread
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  MEDIALIB_TEXTURE_AS_STORED = 0,       /* the pixels as the file has them */
  MEDIALIB_TEXTURE_ORIENTED  = 1 << 0,  /* turned as the image's EXIF orientation says */
} MedialibTextureFlags;

GdkTexture *medialib_texture_load             (const char           *path,
                                               int                   max_size,
                                               MedialibTextureFlags  flags,
                                               GError              **error);
GdkTexture *medialib_texture_load_with_copy   (const char           *path,
                                               int                   max_size,
                                               const char           *copy_path,
                                               const char           *alpha_copy_path,
                                               GError              **error);
GdkTexture *medialib_texture_in_default_format (GdkTexture         *texture);
GdkTexture *medialib_texture_scale            (GdkTexture           *texture,
                                               int                   width,
                                               int                   height);
void        medialib_texture_set_fitted       (GdkTexture           *texture,
                                               GdkTexture           *fitted);
GdkTexture *medialib_texture_get_fitted       (GdkTexture           *texture);
void        medialib_texture_load_async       (const char           *path,
                                               int                   max_size,
                                               MedialibTextureFlags  flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void        medialib_texture_load_bytes_async (GBytes               *bytes,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkTexture *medialib_texture_load_finish      (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
