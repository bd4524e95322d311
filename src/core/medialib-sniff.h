/* medialib-sniff.h — what a file is, from its first bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MEDIALIB_FORMAT_UNKNOWN,
  MEDIALIB_FORMAT_PNG,
  MEDIALIB_FORMAT_JPEG,
  MEDIALIB_FORMAT_GIF,
  MEDIALIB_FORMAT_VCARD,
  /* Recognized, and rejected with their name */
  MEDIALIB_FORMAT_WEBP,
  MEDIALIB_FORMAT_BMP,
  MEDIALIB_FORMAT_TIFF,
  MEDIALIB_FORMAT_HEIF,
  MEDIALIB_FORMAT_AVIF,
  MEDIALIB_FORMAT_JPEG_XL,
  MEDIALIB_FORMAT_ICO,
  MEDIALIB_FORMAT_PSD,
  MEDIALIB_FORMAT_SVG,
  MEDIALIB_FORMAT_PDF,
  MEDIALIB_FORMAT_ZIP,
  MEDIALIB_FORMAT_TEXT,
  MEDIALIB_FORMAT_DAMAGED_PNG,  /* a PNG header behind a broken signature */
} MedialibFormat;

MedialibFormat  medialib_sniff              (const guint8   *data,
                                             gsize           length);
gboolean        medialib_format_is_accepted (MedialibFormat  format);
gboolean        medialib_format_is_image    (MedialibFormat  format);
const char     *medialib_format_get_mime    (MedialibFormat  format);
const char     *medialib_format_get_name    (MedialibFormat  format);
char           *medialib_format_describe_rejection (MedialibFormat format);

G_END_DECLS
