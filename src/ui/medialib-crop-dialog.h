/* medialib-crop-dialog.h — crop an image to a channel's preset
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-crop.h"
#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_CROP_DIALOG (medialib_crop_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibCropDialog, medialib_crop_dialog, MEDIALIB, CROP_DIALOG, AdwDialog)

MedialibCropDialog *medialib_crop_dialog_new           (MedialibStore      *store,
                                                        MedialibAsset      *asset);
gboolean            medialib_crop_dialog_select_preset (MedialibCropDialog *self,
                                                        const char         *key);
void                medialib_crop_dialog_set_rect      (MedialibCropDialog *self,
                                                        const MedialibRect *rect,
                                                        int                 from_width,
                                                        int                 from_height);
gboolean            medialib_crop_dialog_is_ready      (MedialibCropDialog *self);

G_END_DECLS
