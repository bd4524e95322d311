/* medialib-image.h — validating, measuring and thumbnailing image bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "medialib-sniff.h"

G_BEGIN_DECLS

#define MEDIALIB_IMAGE_ERROR (medialib_image_error_quark ())

typedef enum {
  MEDIALIB_IMAGE_ERROR_CORRUPT,
  MEDIALIB_IMAGE_ERROR_TOO_LARGE,
  MEDIALIB_IMAGE_ERROR_UNSUPPORTED,
} MedialibImageError;

/* Decompression bombs: images above this many pixels are refused before decoding. */
#define MEDIALIB_IMAGE_MAX_PIXELS  (G_GUINT64_CONSTANT (50000000))
/* Thumbnails are this many pixels on their longest side. */
#define MEDIALIB_THUMBNAIL_SIZE    512

typedef struct
{
  int        width;      /* as displayed, after the EXIF orientation */
  int        height;
  gboolean   animated;
  GdkPixbuf *thumbnail;  /* at most MEDIALIB_THUMBNAIL_SIZE on its longest side */
} MedialibImageInfo;

GQuark    medialib_image_error_quark   (void);
gboolean  medialib_image_read_header   (MedialibFormat      format,
                                        const guint8       *data,
                                        gsize               length,
                                        int                *width,
                                        int                *height,
                                        guint              *frames,
                                        GError            **error);
gboolean  medialib_image_probe         (MedialibFormat      format,
                                        const guint8       *data,
                                        gsize               length,
                                        int                 thumbnail_size,
                                        MedialibImageInfo  *info,
                                        GError            **error);
void      medialib_image_info_clear    (MedialibImageInfo  *info);
GBytes   *medialib_image_encode_thumbnail (GdkPixbuf    *pixbuf,
                                        GError            **error);
GdkPixbuf *medialib_image_scale_thumbnail (GdkPixbuf   *pixbuf,
                                         int          size);
GdkPixbuf *medialib_image_shrink_area  (GdkPixbuf          *pixbuf,
                                        int                 width,
                                        int                 height);
guint64   medialib_image_phash         (GdkPixbuf          *thumbnail);

G_END_DECLS
