/* test-image.c — the image checks on truncated files and on odd files that decoders accept
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file goes through the real import into a fresh library. The files are made at test
 * time from valid images, cut or edited the way real files are: a download stopped half
 * way, a comment segment whose length is wrong, GIF frames that reach outside the logical
 * screen.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "medialib-core-team.h"
#include "medialib-image.h"
#include "medialib-import.h"
#include "medialib-store.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static MedialibImportResult *
import_bytes (Fixture    *f,
              const char *name,
              const void *data,
              gsize       length)
{
  g_autofree char *path = test_write_bytes (f->input, name, data, length);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);

  return g_ptr_array_steal_index (results, 0);
}

static void
assert_refused (Fixture    *f,
                const char *name,
                const void *data,
                gsize       length,
                const char *reason)
{
  g_autoptr(MedialibImportResult) r = import_bytes (f, name, data, length);
  guint count = medialib_store_count (f->store);

  if (r->status != MEDIALIB_IMPORT_REJECTED)
    g_error ("%s was added", name);
  g_assert_cmpstr (r->reason, ==, reason);
  g_assert_cmpint (r->id, ==, 0);
  g_assert_cmpuint (medialib_store_count (f->store), ==, count);
}

static void
assert_added (Fixture    *f,
              const char *name,
              const void *data,
              gsize       length,
              int         width,
              int         height)
{
  g_autoptr(MedialibImportResult) r = import_bytes (f, name, data, length);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;

  if (r->status != MEDIALIB_IMPORT_ADDED)
    g_error ("%s was not added: %s", name, r->reason);
  asset = medialib_store_get_asset (f->store, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_width (asset), ==, width);
  g_assert_cmpint (medialib_asset_get_height (asset), ==, height);
  g_assert_true (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_IS_REGULAR));
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }

  return crc ^ 0xffffffffu;
}

static GBytes *
make_jpeg (Fixture *f,
           int      width,
           int      height,
           guint32  seed)
{
  g_autofree char *path = test_write_image (f->tmp, "made.jpg", "jpeg", width, height, seed);

  return read_file (path);
}

/* @data with @insert put at @offset */
static GByteArray *
spliced (GBytes     *data,
         gsize       offset,
         const void *insert,
         gsize       insert_len)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpuint (offset, <=, length);
  g_byte_array_append (out, bytes, offset);
  g_byte_array_append (out, insert, insert_len);
  g_byte_array_append (out, bytes + offset, length - offset);

  return out;
}

/* The offset of the first marker @marker after the start of image */
static gsize
find_jpeg_marker (GBytes *data,
                  guint8  marker)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  for (gsize i = 2; i + 1 < length; i++)
    if (bytes[i] == 0xff && bytes[i + 1] == marker)
      return i;

  g_assert_not_reached ();
}

/* A photo cut short is refused: GdkPixbuf would paint the missing part grey. The end of
 * image marker is what proves that the file is whole; bytes after it do not matter. */
static void
test_truncated_jpeg (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GBytes) jpeg = make_jpeg (f, 640, 480, 1);
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  g_autoptr(GByteArray) trailing = NULL;

  /* The whole photo is far beyond its headers: a third of it is in its scan. */
  g_assert_cmpuint (find_jpeg_marker (jpeg, 0xda), <, length / 3);
  g_assert_true (data[length - 2] == 0xff && data[length - 1] == 0xd9);

  assert_refused (f, "third.jpg", data, length / 3, "the JPEG image is truncated");
  assert_refused (f, "half.jpg", data, length / 2, "the JPEG image is truncated");
  /* Every pixel is there, only the end marker is missing */
  assert_refused (f, "no-end.jpg", data, length - 2, "the JPEG image is truncated");
  assert_refused (f, "headers.jpg", data, find_jpeg_marker (jpeg, 0xc0) + 4,
                  "the JPEG image is truncated: its size is missing");

  trailing = spliced (jpeg, length, "\0\0\0\0padding after the end", 25);
  assert_added (f, "trailing.jpg", trailing->data, trailing->len, 640, 480);
  assert_added (f, "whole.jpg", data, length, 640, 480);
  g_assert_cmpuint (medialib_store_count (f->store), ==, 2);
}

/* A PNG cut short lacks its end chunk, or its last chunk is incomplete. */
static void
test_truncated_png (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *path = test_write_image (f->tmp, "made.png", "png", 300, 200, 2);
  g_autoptr(GBytes) png = read_file (path);
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);

  assert_refused (f, "third.png", data, length / 3, "the PNG image is truncated");
  assert_refused (f, "no-end.png", data, length - 12, "the PNG image is truncated");
  assert_added (f, "whole.png", data, length, 300, 200);
}

/* A chunk after the PNG's header, with a right or a wrong checksum */
static GByteArray *
png_with_chunk (GBytes     *png,
                const char *type,
                const char *contents,
                gsize       length,
                gboolean    right_checksum)
{
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  guint8 be[4];
  guint32 crc;

  be[0] = (guint8) (length >> 24); be[1] = (guint8) (length >> 16);
  be[2] = (guint8) (length >> 8); be[3] = (guint8) length;
  g_byte_array_append (chunk, be, 4);
  g_byte_array_append (chunk, (const guint8 *) type, 4);
  g_byte_array_append (chunk, (const guint8 *) contents, length);
  crc = crc32_of (chunk->data + 4, 4 + length) ^ (right_checksum ? 0 : 1);
  be[0] = (guint8) (crc >> 24); be[1] = (guint8) (crc >> 16);
  be[2] = (guint8) (crc >> 8); be[3] = (guint8) crc;
  g_byte_array_append (chunk, be, 4);

  /* The signature (8 bytes) and the header chunk (25) */
  return spliced (png, 33, chunk->data, chunk->len);
}

/* libpng checks every chunk's checksum, but only fails on a critical chunk's: an ancillary
 * chunk (its type starts with a lowercase letter: text, time, colour profile…) with a wrong
 * checksum is dropped with a warning, and the image decodes. */
static void
test_png_chunk_checksums (Fixture       *f,
                          gconstpointer  unused)
{
  g_autofree char *path = test_write_image (f->tmp, "made.png", "png", 120, 80, 4);
  g_autoptr(GBytes) png = read_file (path);
  g_autoptr(GByteArray) right = png_with_chunk (png, "tEXt", "Comment\0a banner", 16, TRUE);
  g_autoptr(GByteArray) wrong = png_with_chunk (png, "tEXt", "Comment\0a banner", 16, FALSE);
  g_autoptr(GByteArray) wrong_time = png_with_chunk (png, "tIME", "\x07\xea\x0b\x17\x06\x2f\x12", 7, FALSE);
  g_autoptr(GByteArray) right_palette = png_with_chunk (png, "PLTE", "\0\0\0\xff\xff\xff", 6, TRUE);
  g_autoptr(GByteArray) wrong_palette = png_with_chunk (png, "PLTE", "\0\0\0\xff\xff\xff", 6, FALSE);

  assert_added (f, "right-text.png", right->data, right->len, 120, 80);
  assert_added (f, "wrong-text.png", wrong->data, wrong->len, 120, 80);
  assert_added (f, "wrong-time.png", wrong_time->data, wrong_time->len, 120, 80);
  assert_added (f, "right-palette.png", right_palette->data, right_palette->len, 120, 80);
  assert_refused (f, "wrong-palette.png", wrong_palette->data, wrong_palette->len,
                  "the PNG image is damaged: its PLTE chunk fails its checksum");
}

/* A GIF cut in its second frame, or whose trailer is missing, is refused as truncated;
 * bytes after the trailer do not matter. */
static void
test_truncated_gif (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *path = test_write_gif (f->tmp, "made.gif", 40, 30, 3, 7);
  g_autoptr(GBytes) gif = read_file (path);
  gsize length;
  const guint8 *data = g_bytes_get_data (gif, &length);
  g_autoptr(GByteArray) trailing = NULL;

  /* Each frame is 23 bytes: the second ends 24 bytes before the end */
  g_assert_true (data[length - 1] == 0x3b);
  assert_refused (f, "cut-frame.gif", data, length - 30, "the GIF image is truncated");
  assert_refused (f, "cut-between-frames.gif", data, length - 24, "the GIF image is truncated");
  assert_refused (f, "no-trailer.gif", data, length - 1, "the GIF image is truncated");
  assert_refused (f, "header.gif", data, 10, "the GIF image is truncated");

  trailing = spliced (gif, length, "\0padding", 8);
  assert_added (f, "trailing.gif", trailing->data, trailing->len, 40, 30);
}

/* libjpeg-turbo takes a comment or application segment whose length is below 2 as empty,
 * and skips bytes that are not a marker where one is expected (with a warning): a comment
 * whose length is too short still decodes. Other segments must have their length. */
static void
test_jpeg_segment_lengths (Fixture       *f,
                           gconstpointer  unused)
{
  g_autoptr(GBytes) jpeg = make_jpeg (f, 200, 150, 3);
  gsize dqt = find_jpeg_marker (jpeg, 0xdb);
  g_autoptr(GByteArray) empty_comment = spliced (jpeg, dqt, "\xff\xfe\0\0", 4);
  g_autoptr(GByteArray) short_comment = spliced (jpeg, dqt, "\xff\xfe\0\x06" "abcdefgh", 12);
  g_autoptr(GByteArray) one_byte_app = spliced (jpeg, dqt, "\xff\xe5\0\x01", 4);
  g_autoptr(GByteArray) stuffed_zero = spliced (jpeg, dqt, "\xff\x00", 2);
  g_autoptr(GByteArray) empty_dqt = spliced (jpeg, dqt, "\xff\xdb\0\0", 4);

  assert_added (f, "empty-comment.jpg", empty_comment->data, empty_comment->len, 200, 150);
  assert_added (f, "short-comment.jpg", short_comment->data, short_comment->len, 200, 150);
  assert_added (f, "one-byte-app.jpg", one_byte_app->data, one_byte_app->len, 200, 150);
  assert_added (f, "stuffed-zero.jpg", stuffed_zero->data, stuffed_zero->len, 200, 150);
  assert_refused (f, "empty-dqt.jpg", empty_dqt->data, empty_dqt->len,
                  "the JPEG image is damaged: invalid segment");
}

/* A GIF frame, one pixel of data whatever its size (the decoder leaves the rest clear),
 * after a graphic control extension with @disposal. */
static void
append_gif_frame (GByteArray *gif,
                  guint       x,
                  guint       y,
                  guint       width,
                  guint       height,
                  guint       disposal)
{
  guint8 gce[8] = { 0x21, 0xf9, 0x04, (guint8) (disposal << 2), 0x0a, 0x00, 0x00, 0x00 };
  guint8 descriptor[10] = { 0x2c, x & 0xff, x >> 8, y & 0xff, y >> 8,
                            width & 0xff, width >> 8, height & 0xff, height >> 8, 0 };
  guint8 lzw[] = { 0x02, 0x02, 0x4c, 0x01, 0x00 };

  g_byte_array_append (gif, gce, sizeof gce);
  g_byte_array_append (gif, descriptor, sizeof descriptor);
  g_byte_array_append (gif, lzw, sizeof lzw);
}

static GByteArray *
gif_start (guint width,
           guint height)
{
  GByteArray *gif = g_byte_array_new ();
  guint8 header[19] = { 'G', 'I', 'F', '8', '9', 'a', width & 0xff, width >> 8,
                        height & 0xff, height >> 8, 0x80, 0, 0,
                        0x00, 0x00, 0x00, 0xff, 0x00, 0x00 };

  g_byte_array_append (gif, header, sizeof header);
  return gif;
}

static void
gif_end (GByteArray *gif)
{
  g_byte_array_append (gif, (const guint8 *) "\x3b", 1);
}

/* Frames that reach outside the logical screen are drawn clipped to it, as browsers do:
 * the image has the screen's size. */
static void
test_gif_frames_outside_screen (Fixture       *f,
                                gconstpointer  unused)
{
  struct {
    const char *name;
    guint x, y, width, height, disposal;
  } frames[] = {
    /* A first frame larger than the screen, cleared afterwards */
    { "larger-than-screen.gif", 0, 0, 16, 16, 2 },
    /* A frame across the bottom right corner, cleared afterwards */
    { "across-corner.gif", 24, 24, 16, 16, 2 },
    /* A frame right of the screen, cleared afterwards */
    { "right-of-screen.gif", 40, 0, 4, 4, 2 },
    /* A frame below the screen, restored afterwards */
    { "below-screen.gif", 0, 40, 4, 4, 3 },
    { "across-edge-kept.gif", 20, 0, 30, 10, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autoptr(GByteArray) gif = gif_start (32, 32);

      append_gif_frame (gif, 0, 0, 8, 8, 1);
      append_gif_frame (gif, frames[i].x, frames[i].y, frames[i].width, frames[i].height,
                        frames[i].disposal);
      append_gif_frame (gif, 0, 0, 32, 32, 0);
      gif_end (gif);
      assert_added (f, frames[i].name, gif->data, gif->len, 32, 32);
    }

  /* The same as a first frame, except one to be restored afterwards: GdkPixbuf copies
   * the area under a first frame to restore as soon as it draws it, and that copy fails
   * (with a critical) outside the screen. */
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autoptr(GByteArray) gif = gif_start (32, 32);
      g_autofree char *name = g_strconcat ("first-", frames[i].name, NULL);

      append_gif_frame (gif, frames[i].x, frames[i].y, frames[i].width, frames[i].height,
                        frames[i].disposal);
      append_gif_frame (gif, 0, 0, 32, 32, 0);
      gif_end (gif);
      if (frames[i].disposal == 3)
        assert_refused (f, name, gif->data, gif->len, "the GIF image is damaged");
      else
        assert_added (f, name, gif->data, gif->len, 32, 32);
    }
}

/* Frames are decoded at their own size, wherever they are: a huge one is refused before
 * anything is decoded, and so is a frame without pixels. */
static void
test_gif_frame_limits (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(GByteArray) huge = gif_start (10, 10);
  g_autoptr(GByteArray) empty = gif_start (10, 10);

  append_gif_frame (huge, 0, 0, 1, 1, 0);
  append_gif_frame (huge, 5, 5, 10000, 6000, 2);
  gif_end (huge);
  assert_refused (f, "huge-frame.gif", huge->data, huge->len,
                  "the image is 10000 × 6000 pixels (60 megapixels); images can have at most 50 megapixels");

  append_gif_frame (empty, 0, 0, 0, 4, 0);
  gif_end (empty);
  assert_refused (f, "empty-frame.gif", empty->data, empty->len,
                  "the GIF image is damaged: it has no pixels");
}

/* The thumbnail of pixels in memory (a crop's): the longest side at 512, each pixel the mean
 * of the block it stands for; a small image is its own thumbnail */
static void
test_scale_thumbnail (void)
{
  static const struct { int width, height, thumb_w, thumb_h; gboolean alpha; } cases[] = {
    { 2048, 1024, 512, 256, FALSE },   /* blocks of 4 × 4 */
    { 1400, 1000, 512, 365, TRUE },    /* blocks of 2 × 2, then the bilinear filter */
    { 600, 1030, 298, 512, FALSE },    /* less than twice the size: the filter alone */
  };
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 512, 300);
  g_autoptr(GdkPixbuf) same = medialib_image_scale_thumbnail (small, 512);

  g_assert_true (same == small);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, cases[i].alpha, 8,
                                                    cases[i].width, cases[i].height);
      g_autoptr(GdkPixbuf) thumbnail = NULL;
      int channels = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
      const guint8 *row;

      /* A checkerboard of single pixels, black and white, opaque: grey once shrunk */
      for (int y = 0; y < cases[i].height; y++)
        for (int x = 0; x < cases[i].width; x++)
          for (int c = 0; c < channels; c++)
            pixels[y * stride + x * channels + c] = c == 3 || (x + y) % 2 ? 255 : 0;

      thumbnail = medialib_image_scale_thumbnail (pixbuf, 512);
      g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, cases[i].thumb_w);
      g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, cases[i].thumb_h);
      g_assert_cmpint (gdk_pixbuf_get_has_alpha (thumbnail), ==, cases[i].alpha);

      row = gdk_pixbuf_read_pixels (thumbnail) + gdk_pixbuf_get_rowstride (thumbnail) * (cases[i].thumb_h / 2);
      for (int c = 0; c < channels; c++)
        {
          int value = row[(cases[i].thumb_w / 2) * channels + c];

          if (c == 3)
            g_assert_cmpint (value, ==, 255);
          else
            g_assert_cmpint (ABS (value - 128), <=, 2);
        }
    }
}

/* The mean of the area each new pixel covers, at any ratio, in 1/256 of a pixel: a third of
 * a pixel weighs 85, two thirds 171 */
static void
test_shrink_area (void)
{
  static const guint8 row[] = { 0, 30, 60, 90, 120, 150, 180, 210, 240 };
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3, 3);
  g_autoptr(GdkPixbuf) shrunk = NULL;
  g_autoptr(GdkPixbuf) photo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1000, 750);
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  const guint8 *out;
  int stride;

  /* Three rows of three pixels: 0, 90, 180 in every channel on the first, 30 more on the
   * second, 60 more on the third */
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 3; x++)
      memset (gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3,
              row[x * 3 + y], 3);
  gdk_pixbuf_set_option (pixbuf, "orientation", "6");

  shrunk = medialib_image_shrink_area (pixbuf, 2, 1);
  g_assert_cmpint (gdk_pixbuf_get_width (shrunk), ==, 2);
  g_assert_cmpint (gdk_pixbuf_get_height (shrunk), ==, 1);
  g_assert_cmpstr (gdk_pixbuf_get_option (shrunk, "orientation"), ==, "6");
  out = gdk_pixbuf_read_pixels (shrunk);
  /* The mean of the columns (30, 120, 210), then 2/3 × 30 + 1/3 × 120 and 1/3 × 120 + 2/3 × 210 */
  for (int c = 0; c < 3; c++)
    {
      g_assert_cmpint (out[c], ==, 60);
      g_assert_cmpint (out[3 + c], ==, 180);
    }

  /* A flat image stays flat at a photo's ratio, to the last pixel */
  gdk_pixbuf_fill (photo, 0xc8643200);
  thumbnail = medialib_image_shrink_area (photo, 512, 384);
  out = gdk_pixbuf_read_pixels (thumbnail);
  stride = gdk_pixbuf_get_rowstride (thumbnail);
  for (int y = 0; y < 384; y++)
    for (int x = 0; x < 512; x++)
      {
        const guint8 *p = out + y * stride + x * 3;

        if (p[0] != 200 || p[1] != 100 || p[2] != 50)
          g_error ("pixel %d,%d is %d,%d,%d", x, y, p[0], p[1], p[2]);
      }

  /* Noise at a photo's ratio gives the pixels it gave before the loop over columns was
   * written for speed (their SHA-256) */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (512);
    g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
    guint8 *pixels = gdk_pixbuf_get_pixels (photo);
    int photo_stride = gdk_pixbuf_get_rowstride (photo);

    for (int y = 0; y < 750; y++)
      for (int x = 0; x < 1000 * 3; x++)
        pixels[y * photo_stride + x] = (guint8) g_rand_int (rand);
    g_clear_object (&thumbnail);
    thumbnail = medialib_image_shrink_area (photo, 512, 384);
    out = gdk_pixbuf_read_pixels (thumbnail);
    for (int y = 0; y < 384; y++)
      g_checksum_update (checksum, out + y * stride, 512 * 3);
    g_assert_cmpstr (g_checksum_get_string (checksum), ==, "c1511c2de80e84c888043cf4811764d72f8e28ca40317664631b1c217cfa003e");

    /* and its PNG the bytes it had before the Huffman codes' loop was written for speed */
    {
      g_autoptr(GBytes) png = medialib_image_encode_thumbnail (thumbnail, NULL);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);

      g_assert_cmpstr (sum, ==, "9e6f68333780862afa7853bc283806a8684a9a6895e86e701fc3405bbc336f0f");
    }
  }
}

/* A JPEG decoded at a fraction of its size (a quarter, or whole when it is less than twice
 * the thumbnail's size) gives a thumbnail of the size its header says, turned as its EXIF
 * orientation says, with its colours */
static void
test_jpeg_thumbnail (void)
{
  /* APP1: Exif, a big-endian TIFF header and one entry, orientation 6 (turn 90° clockwise) */
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  static const struct { int width, height; gboolean turned; int thumb_w, thumb_h; } cases[] = {
    { 2048, 1536, TRUE, 384, 512 },
    { 700, 300, FALSE, 512, 219 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, cases[i].width, cases[i].height);
      g_autoptr(GdkPixbuf) left = gdk_pixbuf_new_subpixbuf (pixbuf, 0, 0, cases[i].width / 2, cases[i].height);
      g_autoptr(GByteArray) jpeg = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      MedialibImageInfo info;
      const guint8 *first, *last;
      gsize length;

      /* Red on the left half, blue on the right */
      gdk_pixbuf_fill (pixbuf, 0x0000ffff);
      gdk_pixbuf_fill (left, 0xff0000ff);
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "jpeg", &error, "quality", "90", NULL));
      g_assert_no_error (error);
      g_byte_array_append (jpeg, (const guint8 *) data, 2);
      if (cases[i].turned)
        g_byte_array_append (jpeg, exif, sizeof exif);
      g_byte_array_append (jpeg, (const guint8 *) data + 2, length - 2);

      g_assert_true (medialib_image_probe (MEDIALIB_FORMAT_JPEG, jpeg->data, jpeg->len, 512, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.width, ==, cases[i].turned ? cases[i].height : cases[i].width);
      g_assert_cmpint (info.height, ==, cases[i].turned ? cases[i].width : cases[i].height);
      g_assert_cmpint (gdk_pixbuf_get_width (info.thumbnail), ==, cases[i].thumb_w);
      g_assert_cmpint (gdk_pixbuf_get_height (info.thumbnail), ==, cases[i].thumb_h);

      /* The left half is on top once turned clockwise: the first and the last pixel of the
       * middle column, or of the middle row */
      first = gdk_pixbuf_read_pixels (info.thumbnail) +
              (cases[i].turned ? cases[i].thumb_w / 2 * 3
                               : cases[i].thumb_h / 2 * gdk_pixbuf_get_rowstride (info.thumbnail));
      last = cases[i].turned
               ? first + (cases[i].thumb_h - 1) * gdk_pixbuf_get_rowstride (info.thumbnail)
               : first + (cases[i].thumb_w - 1) * 3;
      g_assert_cmpint (first[0], >=, 240);
      g_assert_cmpint (first[2], <=, 15);
      g_assert_cmpint (last[0], <=, 15);
      g_assert_cmpint (last[2], >=, 240);
      medialib_image_info_clear (&info);
    }
}

/* Thumbnails are PNGs that decode to exactly their pixels, with or without alpha */
static void
test_encode_thumbnail (void)
{
  for (int alpha = 0; alpha <= 1; alpha++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, 301, 97);
      g_autoptr(GdkPixbuf) decoded = NULL;
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (6);
      int channels = gdk_pixbuf_get_n_channels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

      /* Runs, gradients and noise */
      for (int y = 0; y < 97; y++)
        for (int x = 0; x < 301; x++)
          for (int c = 0; c < channels; c++)
            pixels[y * stride + x * channels + c] = y < 30 ? 40 * c : y < 60 ? (x + y * c) & 0xff
                                                                          : g_rand_int_range (rand, 0, 256);

      png = medialib_image_encode_thumbnail (pixbuf, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

      g_assert_true (gdk_pixbuf_loader_write_bytes (loader, png, &error));
      g_assert_true (gdk_pixbuf_loader_close (loader, &error));
      g_assert_no_error (error);
      decoded = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
      g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 301);
      g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 97);
      g_assert_cmpint (gdk_pixbuf_get_has_alpha (decoded), ==, alpha);
      for (int y = 0; y < 97; y++)
        g_assert_cmpmem (gdk_pixbuf_read_pixels (decoded) + y * gdk_pixbuf_get_rowstride (decoded), 301 * channels,
                         pixels + y * stride, 301 * channels);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();
  g_test_add_func ("/medialib/image/scale-thumbnail", test_scale_thumbnail);
  g_test_add_func ("/medialib/image/encode-thumbnail", test_encode_thumbnail);
  g_test_add_func ("/medialib/image/shrink-area", test_shrink_area);
  g_test_add_func ("/medialib/image/jpeg-thumbnail", test_jpeg_thumbnail);

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/image", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("truncated-jpeg", test_truncated_jpeg);
  ADD ("truncated-png", test_truncated_png);
  ADD ("truncated-gif", test_truncated_gif);
  ADD ("png-chunk-checksums", test_png_chunk_checksums);
  ADD ("jpeg-segment-lengths", test_jpeg_segment_lengths);
  ADD ("gif-frames-outside-screen", test_gif_frames_outside_screen);
  ADD ("gif-frame-limits", test_gif_frame_limits);

  return g_test_run ();
}
