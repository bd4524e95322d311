/* medialib-gif.h — animated GIFs decoded to full frames and cropped, with giflib
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits against hostile files, checked before the pixels they would cost are decoded */
#define MEDIALIB_GIF_MAX_FRAMES         1000
#define MEDIALIB_GIF_MAX_SCREEN_PIXELS  (G_GUINT64_CONSTANT (16777216))   /* 4096 × 4096 */
#define MEDIALIB_GIF_MAX_TOTAL_PIXELS   (G_GUINT64_CONSTANT (400000000))  /* all frames */

/* What an animated crop may weigh: in-app messages and content cards take GIFs up to 5 MB */
#define MEDIALIB_GIF_MAX_CROP_BYTES     ((gsize) 5000000)

typedef struct
{
  int width;        /* the logical screen */
  int height;
  int loop_count;   /* NETSCAPE2.0: 0 for ever, N times, or -1 without the extension */
  guint frames;     /* the frames decoded so far; all of them once decoding returns */
} MedialibGifInfo;

/* One full frame as shown: @rgba is width × height × 4 bytes, unpremultiplied, alpha 0 or
 * 255. @delay in hundredths of a second, @disposal the frame's disposal method (0–3). */
typedef gboolean (*MedialibGifFrameFunc) (const MedialibGifInfo  *info,
                                          const guint8           *rgba,
                                          int                     delay,
                                          int                     disposal,
                                          gpointer                user_data,
                                          GError                **error);

gboolean  medialib_gif_decode  (const guint8          *data,
                                gsize                  length,
                                MedialibGifInfo       *info,
                                MedialibGifFrameFunc   func,
                                gpointer               user_data,
                                GError               **error);
GBytes   *medialib_gif_crop    (const guint8          *data,
                                gsize                  length,
                                int                    x,
                                int                    y,
                                int                    width,
                                int                    height,
                                int                    out_width,
                                int                    out_height,
                                gsize                  max_bytes,
                                GError               **error);

G_END_DECLS
