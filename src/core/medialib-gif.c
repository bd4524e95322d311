/* medialib-gif.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-gif"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gif_lib.h>
#include <glib/gi18n.h>
#include <string.h>

#include "medialib-gif.h"

/*
 * An animated GIF is decoded with giflib into full frames, as a browser shows them: each
 * frame (a rectangle of the screen, with its own colour map or the global one, maybe
 * interlaced) is drawn over what the previous frame's disposal left (kept, cleared to
 * transparent, or restored to what was there before it).
 *
 * A crop writes each full frame, cropped (and scaled), as a frame of the whole new screen,
 * with the source frame's delay and disposal and the loop count: drawing full frames whose
 * transparent pixels are those of the composited frame gives the same pictures whatever
 * each disposal leaves, since a pixel transparent in a frame was transparent under it in
 * the source, and every disposal leaves at least as much transparency in the crop as in
 * the source. Each frame keeps the global colour map where it holds all its colours (and
 * a free entry for transparency), else gets a local map of its own colours, quantized when
 * there are more than 256.
 */

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static int
read_func (GifFileType *gif,
           GifByteType *buffer,
           int          wanted)
{
  Reader *reader = gif->UserData;
  gsize n;

  g_assert (reader != NULL);

  if (wanted <= 0)
    return 0;
  n = MIN ((gsize) wanted, reader->length - reader->offset);
  memcpy (buffer, reader->data + reader->offset, n);
  reader->offset += n;
  return (int) n;
}

static gboolean
gif_failed (GError     **error,
            int          code)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is giflib's reason, in English */
               _("the GIF is damaged: %s"), GifErrorString (code) ? GifErrorString (code) : "?");
  return FALSE;
}

typedef struct
{
  int  delay;
  int  disposal;
  int  transparent;
} Control;

/* Reads one extension; the graphic control block goes into @control, the NETSCAPE2.0
 * loop count into @info */
static gboolean
read_extension (GifFileType      *gif,
                Control          *control,
                MedialibGifInfo  *info,
                GError          **error)
{
  GifByteType *block = NULL;
  int code = 0;
  gboolean netscape = FALSE;

  if (DGifGetExtension (gif, &code, &block) == GIF_ERROR)
    return gif_failed (error, gif->Error);

  if (block != NULL && code == GRAPHICS_EXT_FUNC_CODE && block[0] >= 4)
    {
      GraphicsControlBlock gcb;

      if (DGifExtensionToGCB (block[0], block + 1, &gcb) == GIF_OK)
        {
          control->delay = gcb.DelayTime;
          control->disposal = gcb.DisposalMode;
          control->transparent = gcb.TransparentColor;
        }
    }
  else if (block != NULL && code == APPLICATION_EXT_FUNC_CODE && block[0] == 11 &&
           (memcmp (block + 1, "NETSCAPE2.0", 11) == 0 || memcmp (block + 1, "ANIMEXTS1.0", 11) == 0))
    netscape = TRUE;

  while (block != NULL)
    {
      if (DGifGetExtensionNext (gif, &block) == GIF_ERROR)
        return gif_failed (error, gif->Error);
      if (netscape && block != NULL && block[0] >= 3 && block[1] == 1)
        {
          info->loop_count = block[2] | (block[3] << 8);
          netscape = FALSE;
        }
    }

  return TRUE;
}

/* Skips the image data of a frame with nothing to draw */
static gboolean
skip_image (GifFileType  *gif,
            GError      **error)
{
  GifByteType *block = NULL;
  int code_size;

  if (DGifGetCode (gif, &code_size, &block) == GIF_ERROR)
    return gif_failed (error, gif->Error);
  while (block != NULL)
    if (DGifGetCodeNext (gif, &block) == GIF_ERROR)
      return gif_failed (error, gif->Error);
  return TRUE;
}

/* Decodes the current frame's pixels and draws them onto @canvas */
static gboolean
draw_frame (GifFileType      *gif,
            const Control    *control,
            guint8           *canvas,
            GError          **error)
{
  static const int starts[] = { 0, 4, 2, 1 };
  static const int steps[] = { 8, 8, 4, 2 };
  const GifImageDesc *desc = &gif->Image;
  const ColorMapObject *map = desc->ColorMap ? desc->ColorMap : gif->SColorMap;
  g_autofree GifPixelType *line = NULL;
  int passes = desc->Interlace ? 4 : 1;

  if (desc->Width <= 0 || desc->Height <= 0)
    return skip_image (gif, error);

  if (map == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the GIF is damaged: a frame has no colour map"));
      return FALSE;
    }

  line = g_new (GifPixelType, desc->Width);
  for (int pass = 0; pass < passes; pass++)
    {
      int start = desc->Interlace ? starts[pass] : 0;
      int step = desc->Interlace ? steps[pass] : 1;

      for (int row = start; row < desc->Height; row += step)
        {
          int y = desc->Top + row;

          if (DGifGetLine (gif, line, desc->Width) == GIF_ERROR)
            return gif_failed (error, gif->Error);
          if (y < 0 || y >= gif->SHeight)
            continue;

          for (int col = 0; col < desc->Width; col++)
            {
              int x = desc->Left + col;
              int index = line[col];
              guint8 *p;

              if (x < 0 || x >= gif->SWidth || index == control->transparent || index >= map->ColorCount)
                continue;
              p = canvas + ((gsize) y * gif->SWidth + x) * 4;
              p[0] = map->Colors[index].Red;
              p[1] = map->Colors[index].Green;
              p[2] = map->Colors[index].Blue;
              p[3] = 255;
            }
        }
    }

  return TRUE;
}

/* Clears the rectangle of the screen a frame covered, as its disposal "background" says */
static void
clear_rect (guint8             *canvas,
            int                 screen_w,
            int                 screen_h,
            const GifImageDesc *rect)
{
  int x0 = CLAMP (rect->Left, 0, screen_w);
  int y0 = CLAMP (rect->Top, 0, screen_h);
  int x1 = CLAMP ((gint64) rect->Left + rect->Width, 0, screen_w);
  int y1 = CLAMP ((gint64) rect->Top + rect->Height, 0, screen_h);

  for (int y = y0; y < y1; y++)
    memset (canvas + ((gsize) y * screen_w + x0) * 4, 0, (gsize) (x1 - x0) * 4);
}

/**
 * medialib_gif_decode:
 * @info: (out caller-allocates): the screen, the loop count and the number of frames
 * @func: called with each full frame, in order; returning %FALSE stops decoding
 *
 * Decodes a GIF into the frames a viewer shows. Refuses screens above
 * %MEDIALIB_GIF_MAX_SCREEN_PIXELS, more than %MEDIALIB_GIF_MAX_FRAMES frames and more than
 * %MEDIALIB_GIF_MAX_TOTAL_PIXELS decoded in all, before decoding them.
 *
 * Returns: %TRUE when every frame was decoded and given to @func
 */
gboolean
medialib_gif_decode (const guint8          *data,
                     gsize                  length,
                     MedialibGifInfo       *info,
                     MedialibGifFrameFunc   func,
                     gpointer               user_data,
                     GError               **error)
{
  Reader reader = { data, length, 0 };
  g_autofree guint8 *canvas = NULL;
  g_autofree guint8 *saved = NULL;
  GifImageDesc previous = { 0 };
  int previous_disposal = DISPOSAL_UNSPECIFIED;
  Control control = { 0, DISPOSAL_UNSPECIFIED, NO_TRANSPARENT_COLOR };
  guint64 total = 0;
  gsize canvas_size;
  GifFileType *gif;
  gboolean ok = FALSE;
  int code = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *info = (MedialibGifInfo) { 0, 0, -1, 0 };

  gif = DGifOpen (&reader, read_func, &code);
  if (gif == NULL)
    return gif_failed (error, code);

  if (gif->SWidth <= 0 || gif->SHeight <= 0 ||
      (guint64) gif->SWidth * (guint64) gif->SHeight > MEDIALIB_GIF_MAX_SCREEN_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: the GIF's width and height */
                   _("the GIF’s %d × %d screen is empty or too large to decode"),
                   gif->SWidth, gif->SHeight);
      goto out;
    }

  info->width = gif->SWidth;
  info->height = gif->SHeight;
  canvas_size = (gsize) gif->SWidth * gif->SHeight * 4;
  canvas = g_malloc0 (canvas_size);

  for (;;)
    {
      GifRecordType type;

      if (DGifGetRecordType (gif, &type) == GIF_ERROR)
        {
          gif_failed (error, gif->Error);
          goto out;
        }

      if (type == TERMINATE_RECORD_TYPE)
        break;

      if (type == EXTENSION_RECORD_TYPE)
        {
          if (!read_extension (gif, &control, info, error))
            goto out;
          continue;
        }

      if (type != IMAGE_DESC_RECORD_TYPE)
        {
          gif_failed (error, D_GIF_ERR_WRONG_RECORD);
          goto out;
        }

      if (DGifGetImageDesc (gif) == GIF_ERROR)
        {
          gif_failed (error, gif->Error);
          goto out;
        }

      total += (guint64) MAX (gif->Image.Width, 0) * (guint64) MAX (gif->Image.Height, 0);
      if (info->frames >= MEDIALIB_GIF_MAX_FRAMES || total > MEDIALIB_GIF_MAX_TOTAL_PIXELS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("the GIF has too many frames or pixels to decode (more than %d frames)"),
                       (int) info->frames);
          goto out;
        }

      /* What the previous frame leaves */
      if (previous_disposal == DISPOSE_BACKGROUND)
        clear_rect (canvas, gif->SWidth, gif->SHeight, &previous);
      else if (previous_disposal == DISPOSE_PREVIOUS && saved != NULL)
        memcpy (canvas, saved, canvas_size);

      if (control.disposal == DISPOSE_PREVIOUS)
        {
          if (saved == NULL)
            saved = g_malloc (canvas_size);
          memcpy (saved, canvas, canvas_size);
        }

      if (!draw_frame (gif, &control, canvas, error))
        goto out;

      info->frames++;
      if (!func (info, canvas, control.delay, control.disposal, user_data, error))
        goto out;

      previous = gif->Image;
      previous.ColorMap = NULL;
      previous_disposal = control.disposal;
      control = (Control) { 0, DISPOSAL_UNSPECIFIED, NO_TRANSPARENT_COLOR };
    }

  if (info->frames == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the GIF is damaged: it has no frame"));
      goto out;
    }

  ok = TRUE;

out:
  DGifCloseFile (gif, &code);
  return ok;
}

/* The encoder's output, kept up to a limit and counted beyond it */
typedef struct
{
  GByteArray *bytes;
  gsize       limit;
  gsize       total;
} Sink;

static int
write_func (GifFileType       *gif,
            const GifByteType *buffer,
            int                length)
{
  Sink *sink = gif->UserData;

  g_assert (sink != NULL);

  sink->total += (gsize) length;
  if (sink->bytes->len + (gsize) length <= sink->limit)
    g_byte_array_append (sink->bytes, buffer, length);
  return length;
}

typedef struct
{
  /* What is asked */
  int              x, y, width, height;
  int              out_width, out_height;
  gsize            max_bytes;
  /* The source's global colour map, and its colours to their first index */
  ColorMapObject  *global;
  GHashTable      *global_index;
  int              global_transparent;
  /* The encoder */
  Sink             sink;
  GifFileType     *gif;
  gboolean         started;
  guint8          *indices;
  guint8          *opaque_rgb;
} Crop;

static guint
rgb_key (const guint8 *p)
{
  /* + 1: never 0, which is NULL as a hash table key */
  return (((guint) p[0] << 16) | ((guint) p[1] << 8) | p[2]) + 1;
}

static gboolean
encode_failed (Crop     *crop,
               GError  **error)
{
  return gif_failed (error, crop->gif->Error);
}

static gboolean
start_encoding (Crop                   *crop,
                const MedialibGifInfo  *info,
                GError                **error)
{
  int code = 0;

  crop->gif = EGifOpen (&crop->sink, write_func, &code);
  if (crop->gif == NULL)
    return gif_failed (error, code);

  EGifSetGifVersion (crop->gif, true);
  if (EGifPutScreenDesc (crop->gif, crop->out_width, crop->out_height, 8, 0, crop->global) == GIF_ERROR)
    return encode_failed (crop, error);

  if (info->loop_count >= 0)
    {
      guint8 loop[3] = { 1, info->loop_count & 0xff, (info->loop_count >> 8) & 0xff };

      if (EGifPutExtensionLeader (crop->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
          EGifPutExtensionBlock (crop->gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
          EGifPutExtensionBlock (crop->gif, 3, loop) == GIF_ERROR ||
          EGifPutExtensionTrailer (crop->gif) == GIF_ERROR)
        return encode_failed (crop, error);
    }

  crop->started = TRUE;
  return TRUE;
}

/* Indexes @rgba with the global map, if it holds every colour and a free entry for the
 * transparent pixels. Returns the transparent index (or NO_TRANSPARENT_COLOR) in
 * @transparent. */
static gboolean
index_with_global (Crop         *crop,
                   const guint8 *rgba,
                   gsize         n,
                   gboolean      has_alpha,
                   int          *transparent)
{
  gboolean used[256] = { FALSE };

  if (crop->global == NULL)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = rgba + i * 4;
      gpointer value;

      if (p[3] == 0)
        continue;
      if (!g_hash_table_lookup_extended (crop->global_index, GUINT_TO_POINTER (rgb_key (p)), NULL, &value))
        return FALSE;
      crop->indices[i] = (guint8) GPOINTER_TO_UINT (value);
      used[crop->indices[i]] = TRUE;
    }

  *transparent = NO_TRANSPARENT_COLOR;
  if (has_alpha)
    {
      if (crop->global_transparent >= 0 && !used[crop->global_transparent])
        *transparent = crop->global_transparent;
      for (int i = crop->global->ColorCount - 1; i >= 0 && *transparent < 0; i--)
        if (!used[i])
          *transparent = i;
      if (*transparent < 0)
        return FALSE;
      for (gsize i = 0; i < n; i++)
        if (rgba[i * 4 + 3] == 0)
          crop->indices[i] = (guint8) *transparent;
    }

  return TRUE;
}

/* Indexes @rgba with a local map of its own colours, quantized if there are too many */
static ColorMapObject *
index_with_local (Crop         *crop,
                  const guint8 *rgba,
                  gsize         n,
                  gboolean      has_alpha,
                  int          *transparent,
                  GError      **error)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  GifColorType palette[256] = { { 0 } };
  int room = has_alpha ? 255 : 256;
  int count = 0;
  gboolean exact = TRUE;

  for (gsize i = 0; i < n && exact; i++)
    {
      const guint8 *p = rgba + i * 4;
      gpointer key = GUINT_TO_POINTER (rgb_key (p));

      if (p[3] == 0 || g_hash_table_contains (colours, key))
        continue;
      if (count == room)
        exact = FALSE;
      else
        {
          palette[count] = (GifColorType) { p[0], p[1], p[2] };
          g_hash_table_insert (colours, key, GUINT_TO_POINTER (count));
          count++;
        }
    }

  if (exact)
    {
      for (gsize i = 0; i < n; i++)
        if (rgba[i * 4 + 3] != 0)
          crop->indices[i] = (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (colours,
                                                                              GUINT_TO_POINTER (rgb_key (rgba + i * 4))));
    }
  else
    {
      /* More colours than a map holds: quantize the opaque pixels */
      gsize opaque = 0;
      g_autofree guint8 *red = NULL, *green = NULL, *blue = NULL, *out = NULL;
      int size = room;

      for (gsize i = 0; i < n; i++)
        opaque += rgba[i * 4 + 3] != 0;
      red = g_malloc (opaque);
      green = g_malloc (opaque);
      blue = g_malloc (opaque);
      out = g_malloc (opaque);
      for (gsize i = 0, j = 0; i < n; i++)
        if (rgba[i * 4 + 3] != 0)
          {
            red[j] = rgba[i * 4];
            green[j] = rgba[i * 4 + 1];
            blue[j] = rgba[i * 4 + 2];
            j++;
          }

      if (opaque > G_MAXUINT ||
          GifQuantizeBuffer ((unsigned int) opaque, 1, &size, red, green, blue, out, palette) == GIF_ERROR)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("the GIF’s colours could not be reduced to 256"));
          return NULL;
        }
      count = MIN (size, room);
      for (gsize i = 0, j = 0; i < n; i++)
        if (rgba[i * 4 + 3] != 0)
          {
            /* (MIN() evaluates its arguments twice) */
            guint8 index = out[j++];

            crop->indices[i] = MIN (index, (guint8) (count - 1));
          }
    }

  *transparent = NO_TRANSPARENT_COLOR;
  if (has_alpha)
    {
      *transparent = count++;
      for (gsize i = 0; i < n; i++)
        if (rgba[i * 4 + 3] == 0)
          crop->indices[i] = (guint8) *transparent;
    }

  /* A map has a power of two entries, two at least */
  return GifMakeMapObject (1 << GifBitSize (MAX (count, 2)), palette);
}

/* The crop of a full frame, scaled to the output size; alpha made 0 or 255 */
static guint8 *
crop_frame (Crop          *crop,
            const guint8  *rgba,
            int            screen_width)
{
  gsize out_n = (gsize) crop->out_width * crop->out_height;
  guint8 *out = g_malloc (out_n * 4);

  if (crop->out_width == crop->width && crop->out_height == crop->height)
    {
      for (int row = 0; row < crop->height; row++)
        memcpy (out + (gsize) row * crop->width * 4,
                rgba + (((gsize) crop->y + row) * screen_width + crop->x) * 4, (gsize) crop->width * 4);
      return out;
    }
  else
    {
      g_autoptr(GdkPixbuf) source = NULL;
      g_autoptr(GdkPixbuf) scaled = NULL;
      const guint8 *pixels;
      int stride;

      source = gdk_pixbuf_new_from_data ((guint8 *) rgba + ((gsize) crop->y * screen_width + crop->x) * 4,
                                         GDK_COLORSPACE_RGB, TRUE, 8, crop->width, crop->height,
                                         screen_width * 4, NULL, NULL);
      scaled = gdk_pixbuf_scale_simple (source, crop->out_width, crop->out_height, GDK_INTERP_BILINEAR);
      pixels = gdk_pixbuf_read_pixels (scaled);
      stride = gdk_pixbuf_get_rowstride (scaled);
      for (int row = 0; row < crop->out_height; row++)
        for (int col = 0; col < crop->out_width; col++)
          {
            const guint8 *p = pixels + (gsize) row * stride + (gsize) col * 4;
            guint8 *q = out + ((gsize) row * crop->out_width + col) * 4;

            if (p[3] >= 128)
              {
                memcpy (q, p, 3);
                q[3] = 255;
              }
            else
              memset (q, 0, 4);
          }
      return out;
    }
}

static gboolean
add_frame (const MedialibGifInfo  *info,
           const guint8           *rgba,
           int                     delay,
           int                     disposal,
           gpointer                user_data,
           GError                **error)
{
  Crop *crop = user_data;
  g_autofree guint8 *pixels = NULL;
  ColorMapObject *local = NULL;
  GraphicsControlBlock gcb = { 0 };
  GifByteType extension[4];
  gsize n = (gsize) crop->out_width * crop->out_height;
  gboolean has_alpha = FALSE;
  int transparent = NO_TRANSPARENT_COLOR;
  gboolean ok;

  if (!crop->started)
    {
      if (crop->x < 0 || crop->y < 0 || crop->x > info->width - crop->width ||
          crop->y > info->height - crop->height)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: a crop rectangle x,y,width,height and the image's size */
                       _("the crop %d,%d,%d,%d is not inside the %d × %d image"),
                       crop->x, crop->y, crop->width, crop->height, info->width, info->height);
          return FALSE;
        }
      if (!start_encoding (crop, info, error))
        return FALSE;
    }

  pixels = crop_frame (crop, rgba, info->width);
  for (gsize i = 0; i < n && !has_alpha; i++)
    has_alpha = pixels[i * 4 + 3] == 0;

  if (!index_with_global (crop, pixels, n, has_alpha, &transparent))
    {
      local = index_with_local (crop, pixels, n, has_alpha, &transparent, error);
      if (local == NULL)
        return FALSE;
    }

  gcb.DisposalMode = disposal;
  gcb.DelayTime = delay;
  gcb.TransparentColor = transparent;
  EGifGCBToExtension (&gcb, extension);

  ok = EGifPutExtension (crop->gif, GRAPHICS_EXT_FUNC_CODE, sizeof extension, extension) != GIF_ERROR &&
       EGifPutImageDesc (crop->gif, 0, 0, crop->out_width, crop->out_height, false, local) != GIF_ERROR &&
       EGifPutLine (crop->gif, crop->indices, (int) n) != GIF_ERROR;
  GifFreeMapObject (local);
  /* giflib keeps a copy of a frame's local map, which the next frame's description drops
   * without freeing it when that frame has none */
  g_clear_pointer (&crop->gif->Image.ColorMap, GifFreeMapObject);

  return ok ? TRUE : encode_failed (crop, error);
}

/* The global colour map of @data and its transparent index, read once before decoding */
static void
read_global_map (Crop         *crop,
                 const guint8 *data,
                 gsize         length)
{
  Reader reader = { data, length, 0 };
  GifFileType *gif;
  int code = 0;

  gif = DGifOpen (&reader, read_func, &code);
  if (gif == NULL)
    return;

  if (gif->SColorMap != NULL)
    {
      crop->global = GifMakeMapObject (gif->SColorMap->ColorCount, gif->SColorMap->Colors);
      crop->global_index = g_hash_table_new (NULL, NULL);
      for (int i = gif->SColorMap->ColorCount - 1; i >= 0; i--)
        {
          const GifColorType *c = &gif->SColorMap->Colors[i];
          guint8 rgb[3] = { c->Red, c->Green, c->Blue };

          g_hash_table_insert (crop->global_index, GUINT_TO_POINTER (rgb_key (rgb)), GUINT_TO_POINTER (i));
        }
    }

  DGifCloseFile (gif, &code);
}

/**
 * medialib_gif_crop:
 * @x: the crop, in the GIF's screen
 * @out_width: the size the crop is scaled to (its own size: not scaled)
 * @max_bytes: what the new GIF may weigh at most
 *
 * Crops every frame of an animated GIF, keeping each frame's delay and disposal, the
 * transparency and the loop count. Fails with %G_IO_ERROR_MESSAGE_TOO_LARGE, saying how
 * many frames of which size make it too heavy, when the result would weigh more than
 * @max_bytes.
 *
 * Returns: (transfer full): the new GIF's bytes, or %NULL with @error set
 */
GBytes *
medialib_gif_crop (const guint8  *data,
                   gsize          length,
                   int            x,
                   int            y,
                   int            width,
                   int            height,
                   int            out_width,
                   int            out_height,
                   gsize          max_bytes,
                   GError       **error)
{
  Crop crop = { x, y, width, height, out_width, out_height, max_bytes };
  MedialibGifInfo info;
  gboolean ok;
  int code = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && out_width > 0 && out_height > 0, NULL);
  g_return_val_if_fail (out_width <= width && out_height <= height, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  read_global_map (&crop, data, length);
  crop.global_transparent = NO_TRANSPARENT_COLOR;
  crop.sink.bytes = g_byte_array_new ();
  crop.sink.limit = max_bytes;
  crop.indices = g_malloc ((gsize) out_width * out_height);

  ok = medialib_gif_decode (data, length, &info, add_frame, &crop, error);

  if (crop.gif != NULL && EGifCloseFile (crop.gif, &code) == GIF_ERROR && ok)
    ok = gif_failed (error, code);

  if (ok && crop.sink.total > max_bytes)
    {
      g_autofree char *weight = g_format_size (crop.sink.total);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: the GIF's weight, the limit, then a number of frames and their size */
                   ngettext ("the animated crop would weigh %s, more than the %s allowed: %u frame of %d × %d pixels. "
                             "Choose a smaller crop or a preset with a smaller size, or shorten the animation",
                             "the animated crop would weigh %s, more than the %s allowed: %u frames of %d × %d pixels. "
                             "Choose a smaller crop or a preset with a smaller size, or shorten the animation",
                             info.frames),
                   weight, limit, info.frames, out_width, out_height);
      ok = FALSE;
    }

  g_free (crop.indices);
  g_clear_pointer (&crop.global_index, g_hash_table_unref);
  GifFreeMapObject (crop.global);

  if (!ok)
    {
      g_byte_array_unref (crop.sink.bytes);
      return NULL;
    }

  return g_byte_array_free_to_bytes (crop.sink.bytes);
}
