/* medialib-image-private.h — what the image files share inside the core
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

GdkPixbuf *_medialib_image_jpeg_thumbnail (const guint8 *data,
                                           gsize         length,
                                           int           image_width,
                                           int           image_height,
                                           int           width,
                                           int           height);

G_END_DECLS
