/* fuzz-gif.c — the GIF decoder and the animated crop (medialib-gif.c) on arbitrary bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"
#include "medialib-gif.h"

static gboolean
check_frame (const MedialibGifInfo  *info,
             const guint8           *rgba,
             int                     delay,
             int                     disposal,
             gpointer                user_data,
             GError                **error)
{
  gsize n = (gsize) info->width * info->height;

  /* Every pixel is either transparent or opaque */
  for (gsize i = 0; i < n; i++)
    g_assert (rgba[i * 4 + 3] == 0 || rgba[i * 4 + 3] == 255);

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MedialibGifInfo info;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) crop = NULL;
  gboolean ok;

  fuzz_set_logging_func ();

  ok = medialib_gif_decode (data, size, &info, check_frame, NULL, &error);
  g_assert (ok == (error == NULL));
  if (!ok)
    return 0;

  g_assert (info.frames > 0 && info.width > 0 && info.height > 0);

  /* The crop of what decoded: the right half, and half its size; decoded again */
  crop = medialib_gif_crop (data, size, info.width / 2, 0, info.width - info.width / 2, info.height,
                            MAX (1, (info.width - info.width / 2) / 2), MAX (1, info.height / 2),
                            MEDIALIB_GIF_MAX_CROP_BYTES, &error);
  g_assert ((crop == NULL) != (error == NULL));
  if (crop != NULL)
    {
      MedialibGifInfo again;

      g_assert (medialib_gif_decode (g_bytes_get_data (crop, NULL), g_bytes_get_size (crop),
                                     &again, check_frame, NULL, NULL));
      g_assert (again.frames == info.frames);
    }

  return 0;
}
