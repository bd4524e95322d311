/* medialib-crop.h — crop geometry, and cropping an asset into a new one
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-preset.h"
#include "medialib-store.h"

G_BEGIN_DECLS

/* In source pixels */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} MedialibRect;

typedef enum {
  MEDIALIB_HANDLE_NONE,
  MEDIALIB_HANDLE_MOVE,
  MEDIALIB_HANDLE_TOP_LEFT,
  MEDIALIB_HANDLE_TOP,
  MEDIALIB_HANDLE_TOP_RIGHT,
  MEDIALIB_HANDLE_RIGHT,
  MEDIALIB_HANDLE_BOTTOM_RIGHT,
  MEDIALIB_HANDLE_BOTTOM,
  MEDIALIB_HANDLE_BOTTOM_LEFT,
  MEDIALIB_HANDLE_LEFT,
} MedialibHandle;

typedef enum {
  MEDIALIB_CROP_WARNING_BELOW_MINIMUM  = 1 << 0,
  MEDIALIB_CROP_WARNING_SCALED_DOWN    = 1 << 1,
  MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED = 1 << 2,
  MEDIALIB_CROP_WARNING_TOO_HEAVY      = 1 << 3,
} MedialibCropWarnings;

void      medialib_crop_largest       (int                   image_width,
                                       int                   image_height,
                                       int                   ratio_w,
                                       int                   ratio_h,
                                       MedialibRect         *rect);
void      medialib_crop_for_preset    (const MedialibPreset *preset,
                                       int                   image_width,
                                       int                   image_height,
                                       MedialibRect         *rect);
void      medialib_crop_to_ratio      (MedialibRect         *rect,
                                       int                   ratio_w,
                                       int                   ratio_h);
gboolean  medialib_crop_check         (const MedialibPreset *preset,
                                       int                   image_width,
                                       int                   image_height,
                                       const MedialibRect   *rect,
                                       GError              **error);
void      medialib_crop_output_size   (const MedialibPreset *preset,
                                       const MedialibRect   *rect,
                                       int                  *width,
                                       int                  *height);
MedialibCropWarnings medialib_crop_warnings (const MedialibPreset *preset,
                                       const MedialibRect   *rect,
                                       gboolean              is_gif);
char     *medialib_crop_describe_warnings (const MedialibPreset *preset,
                                       MedialibCropWarnings  warnings);
void      medialib_crop_move          (MedialibRect         *rect,
                                       int                   dx,
                                       int                   dy,
                                       int                   image_width,
                                       int                   image_height);
void      medialib_crop_resize        (MedialibRect         *rect,
                                       MedialibHandle        handle,
                                       int                   dx,
                                       int                   dy,
                                       int                   ratio_w,
                                       int                   ratio_h,
                                       int                   image_width,
                                       int                   image_height);
char     *medialib_crop_output_name   (const char           *name,
                                       const MedialibPreset *preset,
                                       const char           *mime);

MedialibAsset *medialib_store_crop        (MedialibStore        *self,
                                           MedialibAsset        *asset,
                                           const MedialibPreset *preset,
                                           const MedialibRect   *rect,
                                           MedialibCropWarnings *warnings,
                                           GError              **error);
void           medialib_store_crop_async  (MedialibStore        *self,
                                           MedialibAsset        *asset,
                                           const MedialibPreset *preset,
                                           const MedialibRect   *rect,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
MedialibAsset *medialib_store_crop_finish (MedialibStore        *self,
                                           GAsyncResult         *result,
                                           MedialibCropWarnings *warnings,
                                           GError              **error);

G_END_DECLS
