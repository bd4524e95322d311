/* test-gif-crop.c — animated GIFs cropped frame by frame (medialib-gif.c, the store's crop)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gif_lib.h>
#include <string.h>

#include "medialib-core-team.h"
#include "medialib-crop.h"
#include "medialib-gif.h"
#include "medialib-import.h"
#include "medialib-test-util.h"

/* The made animation: a 40 × 30 screen with eight global colours, and four frames that
 * use what a GIF can do: a full frame kept; a partial, interlaced frame with its own colour
 * map and a transparent colour, cleared to the background after; a partial frame with
 * transparent pixels restored to what was under it; a small frame at the corner. */
#define SCREEN_W 40
#define SCREEN_H 30

static const GifColorType global_colours[8] = {
  { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 0 },
  { 255, 255, 255 }, { 0, 0, 0 }, { 255, 0, 255 }, { 0, 255, 255 },
};
static const GifColorType local_colours[4] = {
  { 255, 128, 0 }, { 128, 0, 128 }, { 128, 128, 128 }, { 0, 128, 128 },
};

typedef struct
{
  int  left, top, width, height;
  int  delay, disposal, transparent;
  gboolean interlace, local;
} MadeFrame;

static const MadeFrame made_frames[] = {
  { 0, 0, SCREEN_W, SCREEN_H, 10, DISPOSE_DO_NOT, NO_TRANSPARENT_COLOR, FALSE, FALSE },
  { 5, 4, 10, 8, 20, DISPOSE_BACKGROUND, 3, TRUE, TRUE },
  { 20, 12, 12, 10, 30, DISPOSE_PREVIOUS, 7, FALSE, FALSE },
  { 0, 0, 6, 6, 40, DISPOSAL_UNSPECIFIED, NO_TRANSPARENT_COLOR, FALSE, FALSE },
};

static int
write_bytes (GifFileType       *gif,
             const GifByteType *data,
             int                length)
{
  g_byte_array_append (gif->UserData, data, length);
  return length;
}

/* The colour index of a frame's pixel: stripes, and the transparent index on a checker */
static int
made_index (guint f,
            int   col,
            int   row)
{
  const MadeFrame *m = &made_frames[f];

  if (m->transparent >= 0 && (col + row) % 3 == 0)
    return m->transparent;
  if (m->local)
    return (col / 2 + row) % 3;
  return (col / 3 + row / 2 + f) % 6;
}

/* Writes the made animation with giflib; @loop_count < 0: no NETSCAPE2.0 extension */
static GBytes *
make_gif (int loop_count)
{
  GByteArray *out = g_byte_array_new ();
  ColorMapObject *global = GifMakeMapObject (8, global_colours);
  GifFileType *gif;
  int code = 0;

  gif = EGifOpen (out, write_bytes, &code);
  g_assert_nonnull (gif);
  EGifSetGifVersion (gif, true);
  g_assert_cmpint (EGifPutScreenDesc (gif, SCREEN_W, SCREEN_H, 8, 0, global), ==, GIF_OK);

  if (loop_count >= 0)
    {
      guint8 loop[3] = { 1, loop_count & 0xff, loop_count >> 8 };

      EGifPutExtensionLeader (gif, APPLICATION_EXT_FUNC_CODE);
      EGifPutExtensionBlock (gif, 11, "NETSCAPE2.0");
      EGifPutExtensionBlock (gif, 3, loop);
      EGifPutExtensionTrailer (gif);
    }

  for (guint f = 0; f < G_N_ELEMENTS (made_frames); f++)
    {
      const MadeFrame *m = &made_frames[f];
      GraphicsControlBlock gcb = { m->disposal, false, m->delay, m->transparent };
      ColorMapObject *local = m->local ? GifMakeMapObject (4, local_colours) : NULL;
      GifByteType extension[4];
      static const int starts[] = { 0, 4, 2, 1 }, steps[] = { 8, 8, 4, 2 };
      g_autofree GifPixelType *line = g_new (GifPixelType, m->width);

      EGifGCBToExtension (&gcb, extension);
      g_assert_cmpint (EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, extension), ==, GIF_OK);
      g_assert_cmpint (EGifPutImageDesc (gif, m->left, m->top, m->width, m->height, m->interlace, local), ==, GIF_OK);
      /* Interlaced rows go in the order of the four passes */
      for (int pass = 0; pass < (m->interlace ? 4 : 1); pass++)
        for (int row = m->interlace ? starts[pass] : 0; row < m->height; row += m->interlace ? steps[pass] : 1)
          {
            for (int col = 0; col < m->width; col++)
              line[col] = made_index (f, col, row);
            g_assert_cmpint (EGifPutLine (gif, line, m->width), ==, GIF_OK);
          }
      GifFreeMapObject (local);
      /* (giflib's copy of the local map, which the next frame would leak) */
      GifFreeMapObject (gif->Image.ColorMap);
      gif->Image.ColorMap = NULL;
    }

  g_assert_cmpint (EGifCloseFile (gif, &code), ==, GIF_OK);
  GifFreeMapObject (global);
  return g_byte_array_free_to_bytes (out);
}

typedef struct
{
  GPtrArray *frames;   /* of GBytes: rgba */
  GArray    *delays;
  GArray    *disposals;
} Frames;

static void
frames_clear (Frames *frames)
{
  g_clear_pointer (&frames->frames, g_ptr_array_unref);
  g_clear_pointer (&frames->delays, g_array_unref);
  g_clear_pointer (&frames->disposals, g_array_unref);
}

static gboolean
collect_frame (const MedialibGifInfo  *info,
               const guint8           *rgba,
               int                     delay,
               int                     disposal,
               gpointer                user_data,
               GError                **error)
{
  Frames *frames = user_data;

  g_ptr_array_add (frames->frames, g_bytes_new (rgba, (gsize) info->width * info->height * 4));
  g_array_append_val (frames->delays, delay);
  g_array_append_val (frames->disposals, disposal);
  return TRUE;
}

static void
decode (GBytes          *bytes,
        MedialibGifInfo *info,
        Frames          *frames)
{
  g_autoptr(GError) error = NULL;

  frames->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  frames->delays = g_array_new (FALSE, FALSE, sizeof (int));
  frames->disposals = g_array_new (FALSE, FALSE, sizeof (int));
  g_assert_true (medialib_gif_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      info, collect_frame, frames, &error));
  g_assert_no_error (error);
}

static const guint8 *
pixel (Frames *frames,
       guint   f,
       int     width,
       int     x,
       int     y)
{
  return (const guint8 *) g_bytes_get_data (g_ptr_array_index (frames->frames, f), NULL) +
         ((gsize) y * width + x) * 4;
}

/* The decoder composites as a viewer does: what each disposal leaves, local colour maps,
 * interlaced rows and transparency, checked on pixels worked out by hand */
static void
test_decode_composites (void)
{
  g_autoptr(GBytes) gif = make_gif (0);
  MedialibGifInfo info;
  Frames frames = { 0 };
  const guint8 *p;

  decode (gif, &info, &frames);
  g_assert_cmpint (info.width, ==, SCREEN_W);
  g_assert_cmpint (info.height, ==, SCREEN_H);
  g_assert_cmpint (info.loop_count, ==, 0);
  g_assert_cmpuint (info.frames, ==, 4);
  g_assert_cmpint (g_array_index (frames.delays, int, 2), ==, 30);
  g_assert_cmpint (g_array_index (frames.disposals, int, 1), ==, DISPOSE_BACKGROUND);

  /* Frame 1, local map: (6,4) is its pixel (1,0), index (0 + 0) % 3 = 0, orange */
  p = pixel (&frames, 1, SCREEN_W, 6, 4);
  g_assert_cmpmem (p, 4, ((guint8[]) { 255, 128, 0, 255 }), 4);
  /* an interlaced row: (6,5) is its pixel (1,1), index 1, purple */
  p = pixel (&frames, 1, SCREEN_W, 6, 5);
  g_assert_cmpmem (p, 4, ((guint8[]) { 128, 0, 128, 255 }), 4);
  /* its transparent pixel (0,0) shows frame 0 under it: index (1 + 2 + 0) % 6 = 3, yellow */
  p = pixel (&frames, 1, SCREEN_W, 5, 4);
  g_assert_cmpmem (p, 4, ((guint8[]) { 255, 255, 0, 255 }), 4);

  /* Frame 2: frame 1's rectangle cleared to transparent; outside it, frame 0 */
  p = pixel (&frames, 2, SCREEN_W, 6, 4);
  g_assert_cmpint (p[3], ==, 0);
  g_assert_cmpmem (pixel (&frames, 2, SCREEN_W, 0, 29), 4, pixel (&frames, 0, SCREEN_W, 0, 29), 4);
  /* its transparent pixel (20,12) keeps frame 0's */
  g_assert_cmpmem (pixel (&frames, 2, SCREEN_W, 20, 12), 4, pixel (&frames, 0, SCREEN_W, 20, 12), 4);

  /* Frame 3: frame 2 restored to what was before it, so frame 0's pixels there */
  g_assert_cmpmem (pixel (&frames, 3, SCREEN_W, 21, 12), 4, pixel (&frames, 0, SCREEN_W, 21, 12), 4);
  /* (frame 2 drew its pixel (1,0) there: index (0 + 0 + 2) % 6 = 2, blue; frame 0's is green) */
  g_assert_cmpmem (pixel (&frames, 2, SCREEN_W, 21, 12), 4, ((guint8[]) { 0, 0, 255, 255 }), 4);
  g_assert_cmpmem (pixel (&frames, 0, SCREEN_W, 21, 12), 4, ((guint8[]) { 0, 255, 0, 255 }), 4);
  /* but frame 1's rectangle stays cleared */
  g_assert_cmpint (pixel (&frames, 3, SCREEN_W, 6, 4)[3], ==, 0);

  frames_clear (&frames);
}

/* The structure of a GIF as giflib reads it: frames, delays, disposals, the loop count */
static void
assert_structure (GBytes     *bytes,
                  guint       n_frames,
                  const int  *delays,
                  const int  *disposals,
                  int         loop_count,
                  int         width,
                  int         height)
{
  MedialibGifInfo info;
  Frames frames = { 0 };

  decode (bytes, &info, &frames);
  g_assert_cmpuint (info.frames, ==, n_frames);
  g_assert_cmpint (info.loop_count, ==, loop_count);
  g_assert_cmpint (info.width, ==, width);
  g_assert_cmpint (info.height, ==, height);
  for (guint f = 0; f < n_frames; f++)
    {
      g_assert_cmpint (g_array_index (frames.delays, int, f), ==, delays[f]);
      g_assert_cmpint (g_array_index (frames.disposals, int, f), ==, disposals[f]);
    }
  frames_clear (&frames);
}

/* Every frame of the crop is the crop of the source's composited frame, exactly */
static void
assert_cropped (GBytes *source,
                GBytes *cropped,
                int     x,
                int     y,
                int     width,
                int     height)
{
  MedialibGifInfo source_info, crop_info;
  Frames source_frames = { 0 }, crop_frames = { 0 };

  decode (source, &source_info, &source_frames);
  decode (cropped, &crop_info, &crop_frames);
  g_assert_cmpuint (crop_info.frames, ==, source_info.frames);

  for (guint f = 0; f < source_info.frames; f++)
    for (int row = 0; row < height; row++)
      for (int col = 0; col < width; col++)
        {
          const guint8 *want = pixel (&source_frames, f, source_info.width, x + col, y + row);
          const guint8 *have = pixel (&crop_frames, f, width, col, row);

          if (want[3] == 0)
            g_assert_cmpint (have[3], ==, 0);
          else
            g_assert_cmpmem (have, 4, want, 4);
        }

  frames_clear (&source_frames);
  frames_clear (&crop_frames);
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} Reader;

static int
read_bytes (GifFileType *gif,
            GifByteType *buffer,
            int          wanted)
{
  Reader *reader = gif->UserData;
  gsize n = MIN ((gsize) wanted, g_bytes_get_size (reader->bytes) - reader->offset);

  memcpy (buffer, (const guint8 *) g_bytes_get_data (reader->bytes, NULL) + reader->offset, n);
  reader->offset += n;
  return (int) n;
}

/* The colour maps of a GIF, read by giflib: the global map's size, and whether each frame
 * has a local map */
static void
assert_maps (GBytes         *bytes,
             int             global_size,
             const gboolean *local)
{
  Reader reader = { bytes, 0 };
  GifFileType *gif;
  int code = 0;

  gif = DGifOpen (&reader, read_bytes, &code);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_nonnull (gif->SColorMap);
  g_assert_cmpint (gif->SColorMap->ColorCount, ==, global_size);
  for (int f = 0; f < gif->ImageCount; f++)
    g_assert_cmpint (gif->SavedImages[f].ImageDesc.ColorMap != NULL, ==, local[f]);
  DGifCloseFile (gif, &code);
}

static const int made_delays[] = { 10, 20, 30, 40 };
static const int made_disposals[] = { 1, 2, 3, 0 };

static void
test_crop_frames (void)
{
  static const int loops[] = { 0, 3, -1 };

  for (gsize i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_autoptr(GBytes) gif = make_gif (loops[i]);
      g_autoptr(GBytes) crop = NULL;
      g_autoptr(GError) error = NULL;

      /* Across every frame's rectangle, and its transparent pixels */
      crop = medialib_gif_crop (g_bytes_get_data (gif, NULL), g_bytes_get_size (gif),
                                3, 2, 30, 20, 30, 20, MEDIALIB_GIF_MAX_CROP_BYTES, &error);
      g_assert_no_error (error);
      assert_structure (crop, 4, made_delays, made_disposals, loops[i], 30, 20);
      assert_cropped (gif, crop, 3, 2, 30, 20);
      /* The source's global map where it holds a frame's colours: all but frame 1's, whose
       * colours come from its local map (frames 2 and 3 show frame 1's cleared rectangle as
       * transparent, an unused entry of the global map) */
      assert_maps (crop, 8, (const gboolean[]) { FALSE, TRUE, FALSE, FALSE });
    }
}

/* A scaled crop: the same frames and timings, at the new size, fewer colours kept */
static void
test_crop_scaled (void)
{
  g_autoptr(GBytes) gif = make_gif (3);
  g_autoptr(GBytes) crop = NULL;
  g_autoptr(GError) error = NULL;

  crop = medialib_gif_crop (g_bytes_get_data (gif, NULL), g_bytes_get_size (gif),
                            0, 0, 30, 30, 15, 15, MEDIALIB_GIF_MAX_CROP_BYTES, &error);
  g_assert_no_error (error);
  assert_structure (crop, 4, made_delays, made_disposals, 3, 15, 15);
}

/* A noisy full frame then tiny changes: a small source, but every cropped frame is whole */
static GBytes *
make_heavy_gif (int width,
                int height,
                int frames)
{
  GByteArray *out = g_byte_array_new ();
  GifColorType colours[256];
  ColorMapObject *global;
  g_autofree GifPixelType *line = g_new (GifPixelType, width);
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  GifFileType *gif;
  int code = 0;

  for (int i = 0; i < 256; i++)
    colours[i] = (GifColorType) { i, 255 - i, (i * 7) & 0xff };
  global = GifMakeMapObject (256, colours);
  gif = EGifOpen (out, write_bytes, &code);
  EGifSetGifVersion (gif, true);
  EGifPutScreenDesc (gif, width, height, 8, 0, global);
  for (int f = 0; f < frames; f++)
    {
      GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, 5, NO_TRANSPARENT_COLOR };
      GifByteType extension[4];
      int w = f == 0 ? width : 1;
      int h = f == 0 ? height : 1;

      EGifGCBToExtension (&gcb, extension);
      EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, extension);
      EGifPutImageDesc (gif, f, 0, w, h, false, NULL);
      for (int row = 0; row < h; row++)
        {
          for (int col = 0; col < w; col++)
            line[col] = (GifPixelType) g_rand_int_range (rand, 0, 256);
          EGifPutLine (gif, line, w);
        }
    }
  g_assert_cmpint (EGifCloseFile (gif, &code), ==, GIF_OK);
  GifFreeMapObject (global);
  return g_byte_array_free_to_bytes (out);
}

/* Scaling noise makes more colours than a map holds: they are quantized, and the frames
 * stay close to the source's frames scaled */
static void
test_crop_quantized (void)
{
  g_autoptr(GBytes) gif = make_heavy_gif (64, 64, 2);
  g_autoptr(GBytes) crop = NULL;
  g_autoptr(GError) error = NULL;
  MedialibGifInfo source_info, crop_info;
  Frames source_frames = { 0 }, crop_frames = { 0 };
  static const int delays[] = { 5, 5 }, disposals[] = { 1, 1 };

  crop = medialib_gif_crop (g_bytes_get_data (gif, NULL), g_bytes_get_size (gif),
                            0, 0, 64, 64, 32, 32, MEDIALIB_GIF_MAX_CROP_BYTES, &error);
  g_assert_no_error (error);
  assert_structure (crop, 2, delays, disposals, -1, 32, 32);

  decode (gif, &source_info, &source_frames);
  decode (crop, &crop_info, &crop_frames);
  for (guint f = 0; f < 2; f++)
    {
      g_autoptr(GdkPixbuf) source = gdk_pixbuf_new_from_bytes (g_ptr_array_index (source_frames.frames, f),
                                                               GDK_COLORSPACE_RGB, TRUE, 8, 64, 64, 64 * 4);
      g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (source, 32, 32, GDK_INTERP_BILINEAR);
      g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
      const guint8 *want = gdk_pixbuf_read_pixels (scaled);
      int stride = gdk_pixbuf_get_rowstride (scaled);
      guint64 error_sum = 0;

      for (int row = 0; row < 32; row++)
        for (int col = 0; col < 32; col++)
          {
            const guint8 *have = pixel (&crop_frames, f, 32, col, row);

            g_assert_cmpint (have[3], ==, 255);
            g_hash_table_add (colours, GUINT_TO_POINTER ((have[0] << 16 | have[1] << 8 | have[2]) + 1));
            for (int c = 0; c < 3; c++)
              error_sum += ABS ((int) have[c] - (int) want[row * stride + col * 4 + c]);
          }
      /* More than the 8 bits of any one map's worth of exact colours were asked for… */
      g_assert_cmpuint (g_hash_table_size (colours), <=, 256);
      g_assert_cmpuint (g_hash_table_size (colours), >, 64);
      /* …and each channel is off by less than 16 on average */
      g_assert_cmpuint (error_sum / (32 * 32 * 3), <, 16);
    }

  frames_clear (&source_frames);
  frames_clear (&crop_frames);
}

static void
test_crop_too_heavy (void)
{
  g_autoptr(GBytes) gif = make_heavy_gif (1000, 1000, 6);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (gif), <, 2000000);
  g_assert_null (medialib_gif_crop (g_bytes_get_data (gif, NULL), g_bytes_get_size (gif),
                                    0, 0, 1000, 1000, 1000, 1000, MEDIALIB_GIF_MAX_CROP_BYTES, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "6 frames of 1000 × 1000 pixels"));
  /* (g_format_size() puts a no-break space before the unit) */
  g_assert_nonnull (strstr (error->message, "more than the 5.0\u00a0MB allowed"));
  g_assert_nonnull (strstr (error->message, "smaller crop"));
}

static gboolean
count_frame (const MedialibGifInfo  *info,
             const guint8           *rgba,
             int                     delay,
             int                     disposal,
             gpointer                user_data,
             GError                **error)
{
  return TRUE;
}

/* Damaged and hostile GIFs fail with a reason, without crashing */
static void
test_corrupt (void)
{
  g_autoptr(GBytes) gif = make_gif (0);
  const guint8 *data = g_bytes_get_data (gif, NULL);
  gsize length = g_bytes_get_size (gif);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  guint8 huge[] = { 'G', 'I', 'F', '8', '9', 'a', 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x3b };
  MedialibGifInfo info;

  /* Cut short anywhere */
  for (gsize cut = 0; cut < length - 1; cut += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) crop = medialib_gif_crop (data, cut, 0, 0, 1, 1, 1, 1,
                                                  MEDIALIB_GIF_MAX_CROP_BYTES, &error);

      g_assert_null (crop);
      g_assert_nonnull (error);
    }

  /* Bytes flipped in the image data: an error or frames, never a crash */
  for (gsize i = 40; i < length; i += 5)
    {
      g_autoptr(GError) error = NULL;

      copy[i] ^= 0x5a;
      if (!medialib_gif_decode (copy, length, &info, count_frame, NULL, &error))
        g_assert_nonnull (error);
    }

  /* A 65535 × 65535 screen is refused before any pixel */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (medialib_gif_decode (huge, sizeof huge, &info, count_frame, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "65535 × 65535"));
  }
}

typedef TestLibrary Fixture;

static MedialibAsset *
import_bytes (Fixture    *f,
              const char *name,
              GBytes     *bytes)
{
  g_autofree char *path = test_write_bytes (f->tmp, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return medialib_store_get_asset (f->store, r->id, NULL);
}

static GBytes *
asset_bytes (MedialibAsset *asset)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (medialib_asset_get_path (asset), &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The store's crop (the crop dialog's and `medialib crop`'s) of an animated GIF, on a
 * local and a team library: a GIF, animated, every frame cropped; Android's presets still
 * get a PNG */
static void
test_store_crop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) gif = make_gif (3);
  g_autoptr(MedialibAsset) original = import_bytes (f, "spinner.gif", gif);
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(MedialibAsset) icon = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MedialibRect rect = { 5, 0, 30, 30 };
  MedialibCropWarnings warnings = 0;

  g_assert_true (medialib_asset_get_animated (original));

  crop = medialib_store_crop (f->store, original, medialib_presets_lookup ("slideup-image-text"),
                              &rect, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_mime (crop), ==, "image/gif");
  g_assert_true (medialib_asset_get_animated (crop));
  g_assert_cmpint (medialib_asset_get_width (crop), ==, 30);
  g_assert_cmpint (medialib_asset_get_height (crop), ==, 30);
  g_assert_cmpstr (medialib_asset_get_name (crop), ==, "spinner (Image and text).gif");
  g_assert_cmpstr (medialib_asset_get_source (crop), ==, "crop");
  g_assert_cmpint (medialib_asset_get_parent (crop), ==, medialib_asset_get_id (original));
  g_assert_nonnull (medialib_asset_get_thumbnail_path (crop));

  bytes = asset_bytes (crop);
  assert_structure (bytes, 4, made_delays, made_disposals, 3, 30, 30);
  assert_cropped (gif, bytes, 5, 0, 30, 30);

  /* A channel without GIFs: a PNG of the first frame, as before */
  icon = medialib_store_crop (f->store, original, medialib_presets_lookup ("android-push-icon"),
                              NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_mime (icon), ==, "image/png");
  g_assert_false (medialib_asset_get_animated (icon));
  g_assert_true (warnings & MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED);
}

/* Too heavy: the store's crop fails with the reason, and adds nothing */
static void
test_store_crop_too_heavy (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) gif = make_heavy_gif (1000, 1000, 6);
  g_autoptr(MedialibAsset) original = import_bytes (f, "noise.gif", gif);
  g_autoptr(GError) error = NULL;
  MedialibRect rect = { 0, 0, 1000, 1000 };
  gint64 before = medialib_store_count (f->store);

  g_assert_null (medialib_store_crop (f->store, original, medialib_presets_lookup ("free"),
                                      &rect, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "6 frames of 1000 × 1000 pixels"));
  g_assert_cmpint (medialib_store_count (f->store), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/gif/decode-composites", test_decode_composites);
  g_test_add_func ("/medialib/gif/crop-frames", test_crop_frames);
  g_test_add_func ("/medialib/gif/crop-scaled", test_crop_scaled);
  g_test_add_func ("/medialib/gif/crop-quantized", test_crop_quantized);
  g_test_add_func ("/medialib/gif/crop-too-heavy", test_crop_too_heavy);
  g_test_add_func ("/medialib/gif/corrupt", test_corrupt);

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/gif", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("store-crop", test_store_crop);
  ADD ("store-crop-too-heavy", test_store_crop_too_heavy);

  return g_test_run ();
}
