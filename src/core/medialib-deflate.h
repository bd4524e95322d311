/* medialib-deflate.h — deflate by Huffman codes alone, for thumbnails of photos
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GByteArray *out;
  gsize       pos;    /* the bytes written so far; out->len is ahead */
  guint64     bits;
  guint       count;
} MedialibDeflate;

void medialib_deflate_init (MedialibDeflate *w,
                            GByteArray      *out);
void medialib_deflate_add  (MedialibDeflate *w,
                            const guint8    *data,
                            gsize            length,
                            gboolean         last);

G_END_DECLS
