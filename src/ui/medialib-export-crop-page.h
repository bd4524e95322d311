/* medialib-export-crop-page.h — the export dialog's page to adjust one channel's crop
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-crop.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_EXPORT_CROP_PAGE (medialib_export_crop_page_get_type ())

G_DECLARE_FINAL_TYPE (MedialibExportCropPage, medialib_export_crop_page, MEDIALIB, EXPORT_CROP_PAGE, AdwNavigationPage)

void                  medialib_export_crop_page_set_image   (MedialibExportCropPage *self,
                                                             GdkTexture             *texture,
                                                             int                     image_width,
                                                             int                     image_height);
void                  medialib_export_crop_page_set_preview (MedialibExportCropPage *self,
                                                             GdkPixbuf              *preview,
                                                             gboolean                is_gif);
void                  medialib_export_crop_page_edit        (MedialibExportCropPage *self,
                                                             const MedialibPreset   *preset,
                                                             const MedialibRect     *rect);
const MedialibPreset *medialib_export_crop_page_get_preset  (MedialibExportCropPage *self);
void                  medialib_export_crop_page_get_rect    (MedialibExportCropPage *self,
                                                             MedialibRect           *rect);

G_END_DECLS
