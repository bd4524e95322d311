/* medialib-deflate.h — deflate by Huffman codes alone, for thumbnails of photos
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gsize medialib_deflate_huffman_bound (gsize         length);
gsize medialib_deflate_huffman       (const guint8 *data,
                                      gsize         length,
                                      guint8       *out);

G_END_DECLS
