/* medialib-crop-view.h — an image with a crop box to move and resize
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medialib-crop.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_CROP_VIEW (medialib_crop_view_get_type ())

G_DECLARE_FINAL_TYPE (MedialibCropView, medialib_crop_view, MEDIALIB, CROP_VIEW, GtkWidget)

void       medialib_crop_view_set_image (MedialibCropView   *self,
                                         GdkTexture         *texture,
                                         int                 image_width,
                                         int                 image_height);
void       medialib_crop_view_set_ratio (MedialibCropView   *self,
                                         int                 ratio_w,
                                         int                 ratio_h);
void       medialib_crop_view_set_rect  (MedialibCropView   *self,
                                         const MedialibRect *rect);
void       medialib_crop_view_get_rect  (MedialibCropView   *self,
                                         MedialibRect       *rect);

G_END_DECLS
