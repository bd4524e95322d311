/* medialib-smartcrop.h — where a crop box goes: the image's interesting part
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-crop.h"

G_BEGIN_DECLS

/* Pixels as GdkPixbuf keeps them: 8-bit RGB or RGBA rows of @rowstride bytes. */
typedef struct
{
  const guint8 *pixels;
  int           width;
  int           height;
  int           rowstride;
  int           n_channels;   /* 3 or 4 */
} MedialibPixels;

void medialib_smartcrop_place       (const MedialibPixels *image,
                                     MedialibRect         *rect);
void medialib_smartcrop_place_scaled (const MedialibPixels *preview,
                                      int                   image_width,
                                      int                   image_height,
                                      MedialibRect         *rect);
void medialib_smartcrop_for_preset  (const MedialibPreset *preset,
                                     const MedialibPixels *image,
                                     MedialibRect         *rect);

G_END_DECLS
