/* medialib-image.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-image"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-image.h"
#include "medialib-image-private.h"

/*
 * Every image is checked in two steps. The header is read by hand first, so that damaged
 * files get a precise reason and decompression bombs are refused before any pixel is
 * decoded. Then GdkPixbuf decodes the whole image (libjpeg itself a JPEG larger than its
 * thumbnail: medialib-image-jpeg.c), at a reduced size where it can, which both proves
 * that it decodes and gives the thumbnail.
 */

G_DEFINE_QUARK (medialib-image-error-quark, medialib_image_error)

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
read_be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  static guint32 table[256];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialized, 1);
    }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc;
}

static gboolean
corrupt (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
corrupt (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, MEDIALIB_IMAGE_ERROR, MEDIALIB_IMAGE_ERROR_CORRUPT, message);
  return FALSE;
}

static gboolean
png_depth_is_valid (guint color_type,
                    guint depth)
{
  switch (color_type)
    {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6: return depth == 8 || depth == 16;
    default: return FALSE;
    }
}

/* The whole chunk structure: IHDR first and sound, every critical chunk's CRC, PLTE where
 * the colour type needs it, image data present, IEND last. */
static gboolean
read_png_header (const guint8  *data,
                 gsize          length,
                 int           *width,
                 int           *height,
                 GError       **error)
{
  gsize pos = 8;
  gboolean seen_ihdr = FALSE, seen_plte = FALSE, seen_idat = FALSE, seen_iend = FALSE;
  guint color_type = 0;

  while (pos < length && !seen_iend)
    {
      guint32 chunk_len, crc;
      const guint8 *type;

      if (length - pos < 12)
        return corrupt (error, _("the PNG image is truncated"));

      chunk_len = read_be32 (data + pos);
      type = data + pos + 4;

      if (chunk_len > G_MAXINT32 || chunk_len > length - pos - 12)
        return corrupt (error, _("the PNG image is truncated"));

      for (int i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return corrupt (error, _("the PNG image is damaged: invalid chunk type"));

      /* libpng fails on a critical chunk's wrong checksum only: an ancillary chunk's
       * (lowercase first letter: text, time, colour profile…) is dropped with a warning,
       * and the image decodes. */
      crc = crc32_update (0xffffffffu, type, 4 + chunk_len) ^ 0xffffffffu;
      if (crc != read_be32 (data + pos + 8 + chunk_len) && g_ascii_isupper (type[0]))
        return corrupt (error, _("the PNG image is damaged: its %.4s chunk fails its checksum"),
                        (const char *) type);

      if (!seen_ihdr && memcmp (type, "IHDR", 4) != 0)
        return corrupt (error, _("the PNG image is damaged: it does not start with a header"));

      if (memcmp (type, "IHDR", 4) == 0)
        {
          const guint8 *h = data + pos + 8;
          guint depth, compression, filter, interlace;

          if (seen_ihdr || chunk_len != 13)
            return corrupt (error, _("the PNG image is damaged: invalid header"));
          seen_ihdr = TRUE;

          *width = (int) MIN (read_be32 (h), (guint32) G_MAXINT);
          *height = (int) MIN (read_be32 (h + 4), (guint32) G_MAXINT);
          depth = h[8];
          color_type = h[9];
          compression = h[10];
          filter = h[11];
          interlace = h[12];

          if (*width <= 0 || *height <= 0)
            return corrupt (error, _("the PNG image is damaged: it has no pixels"));
          if (color_type > 6 || color_type == 1 || color_type == 5)
            return corrupt (error, _("the PNG image is damaged: invalid color type %u"), color_type);
          if (!png_depth_is_valid (color_type, depth))
            return corrupt (error, _("the PNG image is damaged: invalid bit depth %u"), depth);
          if (compression != 0 || filter != 0 || interlace > 1)
            return corrupt (error, _("the PNG image is damaged: invalid header"));
        }
      else if (memcmp (type, "PLTE", 4) == 0)
        seen_plte = TRUE;
      else if (memcmp (type, "IDAT", 4) == 0)
        seen_idat = TRUE;
      else if (memcmp (type, "IEND", 4) == 0)
        seen_iend = TRUE;

      pos += 12 + (gsize) chunk_len;
    }

  if (!seen_ihdr)
    return corrupt (error, _("the PNG image is truncated"));
  if (color_type == 3 && !seen_plte)
    return corrupt (error, _("the PNG image is damaged: its palette is missing"));
  if (!seen_idat)
    return corrupt (error, _("the PNG image is damaged: it has no image data"));
  if (!seen_iend)
    return corrupt (error, _("the PNG image is truncated"));

  return TRUE;
}

/* The position of the next marker's code at or after @pos, or @length. Bytes that are not
 * a marker are skipped, as are fill bytes and stuffed zeros (FF 00), as libjpeg-turbo does
 * (next_marker() in jdmarker.c, with a warning). */
static gsize
next_jpeg_marker (const guint8 *data,
                  gsize         length,
                  gsize         pos)
{
  for (;;)
    {
      const guint8 *ff = pos < length ? memchr (data + pos, 0xff, length - pos) : NULL;

      if (ff == NULL)
        return length;
      pos = (gsize) (ff - data);
      while (pos < length && data[pos] == 0xff)
        pos++;
      if (pos >= length || data[pos] != 0)
        return pos;
    }
}

/* The end of the entropy-coded data that starts at @pos: the next marker other than a
 * restart marker (the position of its last 0xFF byte), or @length. */
static gsize
skip_jpeg_scan (const guint8 *data,
                gsize         length,
                gsize         pos)
{
  for (;;)
    {
      pos = next_jpeg_marker (data, length, pos);
      if (pos >= length)
        return length;
      if (data[pos] < 0xd0 || data[pos] > 0xd7)
        return pos - 1;
      pos++;
    }
}

/* Follows the markers to the end of the image (EOI), as libjpeg-turbo reads them: each
 * scan's entropy-coded data runs to the next marker other than a restart marker, and a
 * comment or application segment whose length is below 2 is taken as empty. Without its
 * end marker the file was cut short, and the decoder would paint what is missing grey;
 * bytes after it do not matter. */
static gboolean
read_jpeg_header (const guint8  *data,
                  gsize          length,
                  int           *width,
                  int           *height,
                  GError       **error)
{
  gsize pos = 2;
  gboolean seen_sof = FALSE, seen_sos = FALSE;

  for (;;)
    {
      guint8 marker;
      guint segment_len;

      pos = next_jpeg_marker (data, length, pos);
      if (pos >= length)
        break;
      marker = data[pos++];

      /* Markers without a segment: start of image, restart, TEM */
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;

      if (marker == 0xd9)
        {
          if (!seen_sof)
            return corrupt (error, _("the JPEG image is damaged: its size is missing"));
          if (!seen_sos)
            return corrupt (error, _("the JPEG image is damaged: it has no pixels"));
          return TRUE;
        }

      /* libjpeg-turbo knows no other marker (and fails on it) */
      if (marker < 0xc0 || marker == 0xc8 || (marker >= 0xf0 && marker <= 0xfd))
        return corrupt (error, _("the JPEG image is damaged: invalid marker"));

      if (pos + 2 > length)
        break;
      segment_len = read_be16 (data + pos);
      if (segment_len < 2)
        {
          /* An empty comment or application segment: the decoder skips its length only */
          if (marker == 0xfe || (marker >= 0xe0 && marker <= 0xef))
            segment_len = 2;
          else
            return corrupt (error, _("the JPEG image is damaged: invalid segment"));
        }
      if (segment_len > length - pos)
        break;

      /* Start of frame: baseline, extended, progressive, lossless (not DHT, JPG, DAC) */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xcc && !seen_sof)
        {
          if (segment_len < 7)
            return corrupt (error, _("the JPEG image is damaged: invalid segment"));
          *height = read_be16 (data + pos + 3);
          *width = read_be16 (data + pos + 5);
          if (*width == 0 || *height == 0)
            return corrupt (error, _("the JPEG image is damaged: it has no pixels"));
          seen_sof = TRUE;
        }

      pos += segment_len;

      if (marker == 0xda)
        {
          if (!seen_sof)
            return corrupt (error, _("the JPEG image is damaged: its size is missing"));
          seen_sos = TRUE;
          pos = skip_jpeg_scan (data, length, pos);
        }
    }

  if (!seen_sof)
    return corrupt (error, _("the JPEG image is truncated: its size is missing"));

  return corrupt (error, _("the JPEG image is truncated"));
}

/* Skips a chain of GIF sub-blocks; returns the position after the terminator, or 0. */
static gsize
skip_gif_sub_blocks (const guint8 *data,
                     gsize         length,
                     gsize         pos)
{
  while (pos < length)
    {
      guint8 n = data[pos++];

      if (n == 0)
        return pos;
      pos += n;
    }

  return 0;
}

/* Reads the blocks as GdkPixbuf's decoder does, to the trailer: a file that ends before it
 * was cut short. Bytes after the trailer do not matter.
 *
 * Frames may reach outside the logical screen, against the specification but as real files
 * do: the image has the screen's size, and frames are drawn clipped to it, as browsers and
 * the decoder do. The decoder allocates each frame at its own size, though, wherever it is:
 * @frame_width and @frame_height are those of the largest frame. */
static gboolean
read_gif_header (const guint8  *data,
                 gsize          length,
                 int           *width,
                 int           *height,
                 int           *frame_width,
                 int           *frame_height,
                 guint         *frames,
                 GError       **error)
{
  gsize pos = 13;
  guint8 flags;
  guint disposal = 0;

  if (length < 13)
    return corrupt (error, _("the GIF image is truncated"));

  *width = read_le16 (data + 6);
  *height = read_le16 (data + 8);
  flags = data[10];
  *frames = 0;

  if (*width == 0 || *height == 0)
    return corrupt (error, _("the GIF image is damaged: it has no pixels"));

  if (flags & 0x80)
    pos += 3 * (1u << ((flags & 0x07) + 1));

  while (pos < length)
    {
      guint8 block = data[pos++];

      if (block == 0x3b) /* trailer */
        {
          if (*frames == 0)
            return corrupt (error, _("the GIF image is damaged: it has no pixels"));
          return TRUE;
        }

      if (block == 0x21) /* extension */
        {
          if (pos >= length)
            break;
          /* A graphic control extension sets the disposal of the frames that follow; the
           * decoder reads it from the first sub-block, and from a stale buffer when that
           * block is empty: then it is taken as the worst case. */
          if (data[pos] == 0xf9)
            disposal = pos + 2 < length && data[pos + 1] > 0 ? (data[pos + 2] >> 2) & 0x7 : 3;
          pos = skip_gif_sub_blocks (data, length, pos + 1);
          if (pos == 0)
            break;
        }
      else if (block == 0x2c) /* image descriptor */
        {
          guint8 image_flags;
          guint frame_x, frame_y, frame_w, frame_h;

          if (pos + 9 > length)
            break;
          frame_x = read_le16 (data + pos);
          frame_y = read_le16 (data + pos + 2);
          frame_w = read_le16 (data + pos + 4);
          frame_h = read_le16 (data + pos + 6);
          /* The decoder fails on an empty frame, with a critical */
          if (frame_w == 0 || frame_h == 0)
            return corrupt (error, _("the GIF image is damaged: it has no pixels"));
          /* The area under a frame to be restored afterwards (disposal 3) is copied as
           * the frame is drawn, and the decoder draws the first frame for the still image:
           * outside the screen, that copy fails (with a critical) and leaves the copy
           * uninitialized. Later frames are only drawn when the animation plays. */
          if (*frames == 0 && disposal == 3 &&
              (frame_x + frame_w > (guint) *width || frame_y + frame_h > (guint) *height))
            return corrupt (error, _("the GIF image is damaged"));
          if ((guint64) frame_w * frame_h > (guint64) *frame_width * (guint64) *frame_height)
            {
              *frame_width = frame_w;
              *frame_height = frame_h;
            }
          image_flags = data[pos + 8];
          pos += 9;
          if (image_flags & 0x80)
            pos += 3 * (1u << ((image_flags & 0x07) + 1));
          pos += 1; /* LZW minimum code size */
          if (pos > length)
            break;
          pos = skip_gif_sub_blocks (data, length, pos);
          if (pos == 0)
            break;
          (*frames)++;
        }
      else if (*frames == 0)
        return corrupt (error, _("the GIF image is damaged"));

      /* Many encoders leave garbage after the last frame, which is accepted. The decoder
       * skips such bytes and reads the frames after them: they are checked too. */
    }

  return corrupt (error, _("the GIF image is truncated"));
}

/**
 * medialib_image_read_header:
 * @frames: (out) (optional): the number of frames (GIF), or 1
 *
 * Reads the dimensions from the header without decoding pixels, and refuses images above
 * %MEDIALIB_IMAGE_MAX_PIXELS.
 */
gboolean
medialib_image_read_header (MedialibFormat   format,
                            const guint8    *data,
                            gsize            length,
                            int             *width,
                            int             *height,
                            guint           *frames,
                            GError         **error)
{
  guint n_frames = 1;
  int w = 0, h = 0, frame_w = 0, frame_h = 0;
  gboolean ok;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  switch (format)
    {
    case MEDIALIB_FORMAT_PNG:
      ok = read_png_header (data, length, &w, &h, error);
      break;
    case MEDIALIB_FORMAT_JPEG:
      ok = read_jpeg_header (data, length, &w, &h, error);
      break;
    case MEDIALIB_FORMAT_GIF:
      ok = read_gif_header (data, length, &w, &h, &frame_w, &frame_h, &n_frames, error);
      break;
    default:
      g_set_error_literal (error, MEDIALIB_IMAGE_ERROR, MEDIALIB_IMAGE_ERROR_UNSUPPORTED,
                           _("this is not a PNG, JPEG or GIF image"));
      return FALSE;
    }

  if (!ok)
    return FALSE;

  /* A GIF's frames can be larger than its logical screen, and are decoded at their own
   * size: they count too. */
  for (guint i = 0; i < 2; i++)
    {
      int cw = i == 0 ? w : frame_w, ch = i == 0 ? h : frame_h;

      if ((guint64) cw * (guint64) ch > MEDIALIB_IMAGE_MAX_PIXELS)
        {
          g_set_error (error, MEDIALIB_IMAGE_ERROR, MEDIALIB_IMAGE_ERROR_TOO_LARGE,
                       /* Translators: an image's size in pixels, then in megapixels */
                       _("the image is %d × %d pixels (%.0f megapixels); images can have at most 50 megapixels"),
                       cw, ch, (double) cw * (double) ch / 1e6);
          return FALSE;
        }
    }

  *width = w;
  *height = h;
  if (frames != NULL)
    *frames = n_frames;

  return TRUE;
}

typedef struct
{
  int            size;
  MedialibFormat format;
  int            width;   /* the thumbnail's, when the image is larger */
  int            height;
} SizeRequest;

static void
on_loader_size_prepared_cb (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            SizeRequest     *request)
{
  int longest = MAX (width, height);
  int denom = 1;

  if (request->size <= 0 || longest <= request->size)
    return;

  request->width = MAX (1, (int) ((gint64) width * request->size / longest));
  request->height = MAX (1, (int) ((gint64) height * request->size / longest));

  if (request->format != MEDIALIB_FORMAT_JPEG)
    {
      gdk_pixbuf_loader_set_size (loader, request->width, request->height);
      return;
    }

  /* libjpeg decodes at 1/2, 1/4 or 1/8 of the size, the smallest of them that is as large
   * as the size asked for (rounded up, as libjpeg does). Asked for that size exactly, the
   * loader does not scale it itself: medialib_image_probe() brings it to the thumbnail's
   * size by the mean of areas, in a third of the work of the loader's bilinear filter. */
  while (denom < 8 &&
         (width + 2 * denom - 1) / (2 * denom) >= request->width &&
         (height + 2 * denom - 1) / (2 * denom) >= request->height)
    denom *= 2;
  if (denom > 1)
    gdk_pixbuf_loader_set_size (loader, (width + denom - 1) / denom, (height + denom - 1) / denom);
}

/* Decodes the image with GdkPixbuf's loader, at the thumbnail's size where the image is
 * larger (JPEGs at a fraction, then by the mean of areas), with the loader's options
 * ("orientation"). */
static GdkPixbuf *
load_pixbuf (MedialibFormat   format,
             const guint8    *data,
             gsize            length,
             int              thumbnail_size,
             gboolean        *animated,
             GError         **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  SizeRequest request = { thumbnail_size, format, 0, 0 };
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf, *oriented;
  const char *orientation;

  loader = gdk_pixbuf_loader_new_with_mime_type (medialib_format_get_mime (format), &local_error);
  if (loader == NULL)
    {
      g_set_error (error, MEDIALIB_IMAGE_ERROR, MEDIALIB_IMAGE_ERROR_UNSUPPORTED,
                   _("%s images cannot be decoded on this system: %s"),
                   medialib_format_get_name (format), local_error->message);
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared_cb), &request);

  if (!gdk_pixbuf_loader_write (loader, data, length, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE, "?");
      /* Translators: the first %s is an image format, the second the decoder's reason */
      corrupt (error, _("the %s image does not decode: %s"),
               medialib_format_get_name (format), local_error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      corrupt (error, _("the %s image does not decode"), medialib_format_get_name (format));
      return NULL;
    }

  animation = gdk_pixbuf_loader_get_animation (loader);
  *animated = animation != NULL && !gdk_pixbuf_animation_is_static_image (animation);

  /* A JPEG decoded by libjpeg at a fraction of its size (on_loader_size_prepared_cb()) */
  if (request.format == MEDIALIB_FORMAT_JPEG && request.width > 0 &&
      (gdk_pixbuf_get_width (pixbuf) != request.width || gdk_pixbuf_get_height (pixbuf) != request.height) &&
      gdk_pixbuf_get_width (pixbuf) >= request.width && gdk_pixbuf_get_height (pixbuf) >= request.height &&
      gdk_pixbuf_get_bits_per_sample (pixbuf) == 8 && !gdk_pixbuf_get_has_alpha (pixbuf))
    oriented = medialib_image_shrink_area (pixbuf, request.width, request.height);
  /* Some loaders (GIF animations) ignore the requested size. */
  else if (thumbnail_size > 0 &&
           MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf)) > thumbnail_size)
    {
      int pw = gdk_pixbuf_get_width (pixbuf), ph = gdk_pixbuf_get_height (pixbuf);
      int longest = MAX (pw, ph);

      /* The size of the image's header when the loader was asked for it (a JPEG with
       * alpha, from CMYK), otherwise of these pixels */
      if (request.width > 0)
        oriented = gdk_pixbuf_scale_simple (pixbuf, request.width, request.height, GDK_INTERP_BILINEAR);
      else
        oriented = gdk_pixbuf_scale_simple (pixbuf,
                                            MAX (1, (int) ((gint64) pw * thumbnail_size / longest)),
                                            MAX (1, (int) ((gint64) ph * thumbnail_size / longest)),
                                            GDK_INTERP_BILINEAR);
      /* keep the orientation option of the original */
      orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
      if (orientation != NULL)
        gdk_pixbuf_set_option (oriented, "orientation", orientation);
    }
  else
    oriented = g_object_ref (pixbuf);

  return oriented;
}

/**
 * medialib_image_probe:
 * @thumbnail_size: the longest side of the thumbnail, or 0 for none
 *
 * Checks that the image decodes completely and measures it. The bytes are decoded once:
 * a JPEG larger than the thumbnail by libjpeg itself (medialib-image-jpeg.c) unless it
 * leaves it to GdkPixbuf's loader, every other image by the loader.
 */
gboolean
medialib_image_probe (MedialibFormat      format,
                      const guint8       *data,
                      gsize               length,
                      int                 thumbnail_size,
                      MedialibImageInfo  *info,
                      GError            **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const char *orientation;
  gboolean animated = FALSE;
  int width, height;
  guint frames = 1;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);

  if (!medialib_image_read_header (format, data, length, &width, &height, &frames, error))
    return FALSE;

  if (format == MEDIALIB_FORMAT_JPEG && thumbnail_size > 0 && MAX (width, height) > thumbnail_size)
    {
      int longest = MAX (width, height);

      pixbuf = _medialib_image_jpeg_thumbnail (data, length, width, height,
                                               MAX (1, (int) ((gint64) width * thumbnail_size / longest)),
                                               MAX (1, (int) ((gint64) height * thumbnail_size / longest)));
    }
  if (pixbuf == NULL)
    pixbuf = load_pixbuf (format, data, length, thumbnail_size, &animated, error);
  if (pixbuf == NULL)
    return FALSE;

  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  if (orientation != NULL && orientation[0] >= '5' && orientation[0] <= '8')
    {
      int tmp = width;

      width = height;
      height = tmp;
    }

  info->width = width;
  info->height = height;
  info->animated = format == MEDIALIB_FORMAT_GIF && (frames > 1 || animated);

  if (thumbnail_size > 0)
    info->thumbnail = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  return TRUE;
}

void
medialib_image_info_clear (MedialibImageInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_object (&info->thumbnail);
}
