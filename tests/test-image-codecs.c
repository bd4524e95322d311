/* test-image-codecs.c — the thumbnails' own codecs: JPEGs decoded by libjpeg itself, and
 * PNGs deflated by Huffman codes of our own
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JPEGs are made at test time by libjpeg (YCbCr, greyscale, CMYK, progressive, with
 * EXIF orientations of both byte orders) and their thumbnails compared with those of
 * GdkPixbuf's loader; the deflate streams are inflated by zlib.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <zlib.h>

#include "medialib-deflate.h"
#include "medialib-image.h"
#include "medialib-image-private.h"

/* The number of literal/length codes of a PNG's first deflate block (257: literals only,
 * no run was searched for), from its first IDAT chunk; 0 when that block is not one with
 * codes of its own */
static guint
first_block_codes (GBytes *png)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);

  for (gsize pos = 8; pos + 12 <= length;)
    {
      guint32 size = (guint32) data[pos] << 24 | data[pos + 1] << 16 | data[pos + 2] << 8 | data[pos + 3];

      if (memcmp (data + pos + 4, "IDAT", 4) == 0)
        {
          guint8 first = data[pos + 10];   /* after zlib's two bytes */

          g_assert_cmpuint (size, >=, 3);
          return ((first >> 1) & 3) == 2 ? 257 + (first >> 3) : 0;
        }
      pos += 12 + (gsize) size;
    }

  g_assert_not_reached ();
}

/* A photo's thumbnail is deflated by Huffman codes alone, a drawing's (flat areas) by runs,
 * and both decode to their pixels */
static void
test_encode_thumbnail_strategy (void)
{
  for (int flat = 0; flat <= 1; flat++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 512, 384);
      g_autoptr(GdkPixbuf) decoded = NULL;
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (9);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

      /* A gradient with the noise of a photo under a strip of flat sky (a tenth of the
       * rows: runs, which the search would find and use), or bands of flat colours */
      for (int y = 0; y < 384; y++)
        for (int x = 0; x < 512; x++)
          for (int c = 0; c < 3; c++)
            pixels[y * stride + x * 3 + c] = flat ? (x / 64 * 37 + y / 48 * 11 + c * 50) & 0xff
                                                  : y < 38 ? 200 - c * 20
                                                  : CLAMP ((x + y) / 4 + c * 40 + g_rand_int_range (rand, -12, 13), 0, 255);

      png = medialib_image_encode_thumbnail (pixbuf, &error);
      g_assert_no_error (error);
      if (flat)
        {
          g_assert_cmpuint (first_block_codes (png), >, 257);
          g_assert_cmpuint (g_bytes_get_size (png), <, 20000);
        }
      else
        g_assert_cmpuint (first_block_codes (png), ==, 257);

      g_assert_true (gdk_pixbuf_loader_write_bytes (loader, png, &error));
      g_assert_true (gdk_pixbuf_loader_close (loader, &error));
      g_assert_no_error (error);
      decoded = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
      for (int y = 0; y < 384; y++)
        g_assert_cmpmem (gdk_pixbuf_read_pixels (decoded) + y * gdk_pixbuf_get_rowstride (decoded), 512 * 3,
                         pixels + y * stride, 512 * 3);
    }
}

/* A WIDTH × HEIGHT JPEG made by libjpeg from COMPONENTS (3: YCbCr from RGB, 1: grey, 4:
 * CMYK) a gradient under a red left half, progressive or not, with an EXIF segment
 * (orientation 6, big- or little-endian) after the start of image when ORIENTED */
static GBytes *
make_libjpeg (int      width,
              int      height,
              int      components,
              gboolean progressive,
              int      exif)
{
  /* Exif, a TIFF header and one entry, orientation 6 */
  static const guint8 exif_be[] = {
    'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  static const guint8 exif_le[] = {
    'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr errors;
  unsigned char *out = NULL;
  unsigned long size = 0;
  g_autofree guint8 *row = g_malloc ((gsize) width * components);
  GBytes *bytes;

  cinfo.err = jpeg_std_error (&errors);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &out, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = components;
  cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, 90, TRUE);
  if (progressive)
    jpeg_simple_progression (&cinfo);
  jpeg_start_compress (&cinfo, TRUE);
  if (exif != 0)
    jpeg_write_marker (&cinfo, JPEG_APP0 + 1, exif > 0 ? exif_be : exif_le, sizeof exif_be);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      int y = cinfo.next_scanline;
      JSAMPROW rows[1] = { row };

      for (int x = 0; x < width; x++)
        for (int c = 0; c < components; c++)
          row[x * components + c] = x < width / 2 && c == 0 ? 250 : (x * 3 + y * 2 + c * 60) & 0xff;
      jpeg_write_scanlines (&cinfo, rows, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  bytes = g_bytes_new (out, size);
  free (out);
  return bytes;
}

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         user_data)
{
  int denom = GPOINTER_TO_INT (user_data);

  gdk_pixbuf_loader_set_size (loader, (width + denom - 1) / denom, (height + denom - 1) / denom);
}

/* The thumbnail of a JPEG as GdkPixbuf's loader gives it: decoded at 1/DENOM, then the
 * mean of areas */
static GdkPixbuf *
loader_thumbnail (GBytes *jpeg,
                  int     denom,
                  int     width,
                  int     height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr(GError) error = NULL;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), GINT_TO_POINTER (denom));
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, jpeg, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);

  return medialib_image_shrink_area (gdk_pixbuf_loader_get_pixbuf (loader), width, height);
}

static void
assert_same_pixels (GdkPixbuf *a,
                    GdkPixbuf *b)
{
  int width = gdk_pixbuf_get_width (a), height = gdk_pixbuf_get_height (a);

  g_assert_cmpint (gdk_pixbuf_get_width (b), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (b), ==, height);
  g_assert_cmpint (gdk_pixbuf_get_n_channels (a), ==, 3);
  g_assert_cmpint (gdk_pixbuf_get_n_channels (b), ==, 3);
  for (int y = 0; y < height; y++)
    g_assert_cmpmem (gdk_pixbuf_read_pixels (a) + y * gdk_pixbuf_get_rowstride (a), width * 3,
                     gdk_pixbuf_read_pixels (b) + y * gdk_pixbuf_get_rowstride (b), width * 3);
}

/* JPEGs decoded by libjpeg itself (YCbCr, greyscale, progressive or not) give the pixels
 * GdkPixbuf's loader gives, with the EXIF orientation of either byte order; CMYK and
 * damaged ones are left to the loader, and still make their thumbnail */
static void
test_jpeg_direct (void)
{
  static const struct { int components; gboolean progressive; int exif; gboolean direct; } cases[] = {
    { 3, FALSE, 0, TRUE },
    { 3, TRUE, 1, TRUE },
    { 1, FALSE, -1, TRUE },
    { 1, TRUE, 0, TRUE },
    { 4, FALSE, 0, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) jpeg = make_libjpeg (1040, 780, cases[i].components, cases[i].progressive, cases[i].exif);
      g_autoptr(GdkPixbuf) direct = _medialib_image_jpeg_thumbnail (g_bytes_get_data (jpeg, NULL),
                                                                    g_bytes_get_size (jpeg), 1040, 780, 512, 384);
      g_autoptr(GdkPixbuf) expected = NULL;
      g_autoptr(GdkPixbuf) turned = NULL;
      g_autoptr(GError) error = NULL;
      MedialibImageInfo info;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true ((direct != NULL) == cases[i].direct);

      g_assert_true (medialib_image_probe (MEDIALIB_FORMAT_JPEG, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                           512, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.width, ==, cases[i].exif != 0 ? 780 : 1040);
      g_assert_cmpint (info.height, ==, cases[i].exif != 0 ? 1040 : 780);

      /* CMYK: the loader's own way (with alpha, its bilinear filter) */
      if (cases[i].components == 4)
        {
          g_assert_cmpint (gdk_pixbuf_get_width (info.thumbnail), ==, 512);
          g_assert_cmpint (gdk_pixbuf_get_height (info.thumbnail), ==, 384);
          medialib_image_info_clear (&info);
          continue;
        }

      /* 1040 × 780 at a half is the smallest at least 512 × 384 */
      expected = loader_thumbnail (jpeg, 2, 512, 384);
      assert_same_pixels (direct, expected);
      g_assert_cmpstr (gdk_pixbuf_get_option (direct, "orientation"), ==, cases[i].exif != 0 ? "6" : NULL);

      /* Turned as the orientation says: the red half on top */
      turned = cases[i].exif != 0 ? gdk_pixbuf_rotate_simple (expected, GDK_PIXBUF_ROTATE_CLOCKWISE)
                                  : g_object_ref (expected);
      assert_same_pixels (info.thumbnail, turned);
      if (cases[i].components == 3)
        g_assert_cmpint (gdk_pixbuf_read_pixels (info.thumbnail)[cases[i].exif != 0 ? 300 * 3 : 96 * 3], >=, 240);
      medialib_image_info_clear (&info);
    }
}

/* A JPEG whose data libjpeg finds damaged (a warning: GdkPixbuf's loader decodes it all
 * the same) is left to the loader, which gives the thumbnail it gave before; so is one
 * whose size is not the one the header was read with */
static void
test_jpeg_direct_damaged (void)
{
  g_autoptr(GBytes) jpeg = make_libjpeg (1040, 780, 3, FALSE, 0);
  gsize length = g_bytes_get_size (jpeg);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), length);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GdkPixbuf) expected = NULL;
  g_autoptr(GdkPixbuf) direct = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImageInfo info;

  /* A restart marker in the middle of the entropy-coded data */
  data[length / 2] = 0xff;
  data[length / 2 + 1] = 0xd3;
  damaged = g_bytes_new (data, length);

  g_assert_null (_medialib_image_jpeg_thumbnail (data, length, 1040, 780, 512, 384));
  /* Nor a JPEG of another size than the header read says (which the limits were checked
   * on): the loader decides */
  g_assert_null (_medialib_image_jpeg_thumbnail (g_bytes_get_data (jpeg, NULL), length, 1040, 779, 512, 384));
  direct = _medialib_image_jpeg_thumbnail (g_bytes_get_data (jpeg, NULL), length, 1040, 780, 512, 384);
  g_assert_nonnull (direct);
  g_assert_true (medialib_image_probe (MEDIALIB_FORMAT_JPEG, data, length, 512, &info, &error));
  g_assert_no_error (error);
  expected = loader_thumbnail (damaged, 2, 512, 384);
  assert_same_pixels (info.thumbnail, expected);
  medialib_image_info_clear (&info);
}

/* Deflated by Huffman codes alone, after bytes already there and in two calls, bytes come
 * back from zlib's inflate as they were: none,
 * one, a single value repeated (one literal), noise over several blocks, and counts that
 * double from value to value (a code longer than deflate's 15 bits without the limit) */
static void
test_deflate_huffman (void)
{
  static const gsize sizes[] = { 0, 1, 5000, 200000, 65535 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize length = sizes[i];
      g_autofree guint8 *data = g_malloc (length + 1);
      g_autoptr(GByteArray) out = g_byte_array_new ();
      MedialibDeflate deflate;
      gsize first;
      g_autofree guint8 *back = g_malloc (length + 1);
      g_autoptr(GRand) rand = g_rand_new_with_seed (11);
      z_stream z = { 0 };
      if (i == 2)
        memset (data, 0x42, length);
      else if (i == 4)
        {
          /* 16 values, the k-th 2^k times (65,535 in all, one block): with the end of
           * block, a Huffman code 16 bits long without the limit */
          gsize pos = 0;

          for (int k = 0; k < 16; k++)
            for (gsize n = 0; n < (gsize) 1 << k; n++)
              data[pos++] = (guint8) (k * 7);
          g_assert_cmpuint (pos, ==, length);
        }
      else
        for (gsize k = 0; k < length; k++)
          data[k] = g_rand_int_range (rand, 0, 256);

      /* In two calls, the first a third of the bytes (all of them for the doubling counts,
       * which must stay in one block, and the last call none) */
      first = i == 4 ? length : length / 3;
      g_byte_array_append (out, (const guint8 *) "ab", 2);
      medialib_deflate_init (&deflate, out);
      medialib_deflate_add (&deflate, data, first, FALSE);
      medialib_deflate_add (&deflate, data + first, length - first, TRUE);
      g_assert_cmpmem (out->data, 2, "ab", 2);
      if (i == 2)
        g_assert_cmpuint (out->len, <, length / 4);

      g_assert_cmpint (inflateInit2 (&z, -15), ==, Z_OK);
      z.next_in = out->data + 2;
      z.avail_in = out->len - 2;
      z.next_out = back;
      z.avail_out = (uInt) length + 1;
      g_assert_cmpint (inflate (&z, Z_FINISH), ==, Z_STREAM_END);
      g_assert_cmpuint (z.total_out, ==, length);
      g_assert_cmpuint (z.avail_in, ==, 0);
      g_assert_cmpmem (back, length, data, length);
      inflateEnd (&z);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/medialib/image-codecs/encode-thumbnail-strategy", test_encode_thumbnail_strategy);
  g_test_add_func ("/medialib/image-codecs/jpeg-direct", test_jpeg_direct);
  g_test_add_func ("/medialib/image-codecs/jpeg-direct-damaged", test_jpeg_direct_damaged);
  g_test_add_func ("/medialib/image-codecs/deflate-huffman", test_deflate_huffman);

  return g_test_run ();
}
