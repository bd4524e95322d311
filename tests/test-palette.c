/* test-palette.c — dominant colours, CIELAB, CIEDE2000, and the colour search on each backend
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "medialib-background.h"
#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-palette.h"
#include "medialib-query.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* The test data of G. Sharma, W. Wu and E. N. Dalal, "The CIEDE2000 color-difference
 * formula: implementation notes, supplementary test data, and mathematical observations",
 * Color Research and Application 30 (2005), table 1 */
static const double sharma[][7] = {
  { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
  { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
  { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
  { 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
  { 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
  { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
  { 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
  { 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
  { 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
  { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
  { 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
  { 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
  { 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
  { 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
  { 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
  { 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
  { 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
  { 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
  { 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 },
};

static void
test_delta_e (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sharma); i++)
    {
      MedialibLab first = { sharma[i][0], sharma[i][1], sharma[i][2] };
      MedialibLab second = { sharma[i][3], sharma[i][4], sharma[i][5] };

      g_test_message ("pair %u", i + 1);
      g_assert_cmpfloat_with_epsilon (medialib_delta_e_2000 (&first, &second), sharma[i][6], 5e-5);
      g_assert_cmpfloat_with_epsilon (medialib_delta_e_2000 (&second, &first), sharma[i][6], 5e-5);
    }
}

static void
test_lab (void)
{
  MedialibLab lab;
  guint8 r, g, b;

  medialib_srgb_to_lab (255, 255, 255, &lab);
  g_assert_cmpfloat_with_epsilon (lab.L, 100, 1e-3);
  g_assert_cmpfloat_with_epsilon (lab.a, 0, 1e-2);
  g_assert_cmpfloat_with_epsilon (lab.b, 0, 1e-2);
  medialib_srgb_to_lab (255, 0, 0, &lab);
  g_assert_cmpfloat_with_epsilon (lab.L, 53.24, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.a, 80.09, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.b, 67.20, 0.01);
  medialib_srgb_to_lab (0, 0, 255, &lab);
  g_assert_cmpfloat_with_epsilon (lab.L, 32.30, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.a, 79.19, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.b, -107.86, 0.01);

  /* There and back */
  for (guint v = 0; v < 256; v += 17)
    {
      medialib_srgb_to_lab ((guint8) v, (guint8) (255 - v), (guint8) (v / 2), &lab);
      medialib_lab_to_srgb (&lab, &r, &g, &b);
      g_assert_cmpuint (r, ==, v);
      g_assert_cmpuint (g, ==, 255 - v);
      g_assert_cmpuint (b, ==, v / 2);
    }
}

typedef struct
{
  guint8 red, green, blue, alpha;
} Rgba;

/* An image whose left @split columns (of 100) are @left and the rest @right */
static GdkPixbuf *
make_pixbuf (Rgba left,
             Rgba right,
             int  split)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 100, 60);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 60; y++)
    for (int x = 0; x < 100; x++)
      {
        Rgba c = x < split ? left : right;
        guint8 *p = pixels + y * stride + x * 4;

        p[0] = c.red;
        p[1] = c.green;
        p[2] = c.blue;
        p[3] = c.alpha;
      }

  return pixbuf;
}

static guint
palette_of (GdkPixbuf            *pixbuf,
            MedialibPaletteColor  palette[MEDIALIB_PALETTE_MAX])
{
  return medialib_palette_compute (gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                                   gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                                   gdk_pixbuf_get_has_alpha (pixbuf), palette);
}

#define RED    ((Rgba) { 255, 0, 0, 255 })
#define BLUE   ((Rgba) { 0, 0, 255, 255 })
#define GREEN  ((Rgba) { 0, 160, 60, 255 })
#define CLEAR  ((Rgba) { 255, 0, 0, 0 })

static void
assert_color (const MedialibPaletteColor *color,
              guint8                      red,
              guint8                      green,
              guint8                      blue,
              double                      share)
{
  g_assert_cmpuint (color->red, ==, red);
  g_assert_cmpuint (color->green, ==, green);
  g_assert_cmpuint (color->blue, ==, blue);
  g_assert_cmpfloat_with_epsilon (color->share, share, 0.011);
}

static void
test_compute (void)
{
  MedialibPaletteColor palette[MEDIALIB_PALETTE_MAX];
  g_autoptr(GdkPixbuf) red = make_pixbuf (RED, RED, 50);
  g_autoptr(GdkPixbuf) blue = make_pixbuf (BLUE, BLUE, 50);
  g_autoptr(GdkPixbuf) mixed = make_pixbuf (RED, BLUE, 30);
  g_autoptr(GdkPixbuf) half_clear = make_pixbuf (CLEAR, GREEN, 80);
  g_autoptr(GdkPixbuf) clear = make_pixbuf (CLEAR, CLEAR, 50);
  g_autoptr(GdkPixbuf) gradient = NULL;
  double total = 0;
  guint n;

  g_assert_cmpuint (palette_of (red, palette), ==, 1);
  assert_color (&palette[0], 255, 0, 0, 1.0);
  g_assert_cmpuint (palette_of (blue, palette), ==, 1);
  assert_color (&palette[0], 0, 0, 255, 1.0);

  /* Largest share first */
  g_assert_cmpuint (palette_of (mixed, palette), ==, 2);
  assert_color (&palette[0], 0, 0, 255, 0.7);
  assert_color (&palette[1], 255, 0, 0, 0.3);

  /* The transparent red is not there; the green is all of what shows */
  g_assert_cmpuint (palette_of (half_clear, palette), ==, 1);
  assert_color (&palette[0], 0, 160, 60, 1.0);
  g_assert_cmpuint (palette_of (clear, palette), ==, 0);

  /* A photo-like image: five colours whose shares add up to the whole */
  gradient = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 300, 200);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 300; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (gradient) + y * gdk_pixbuf_get_rowstride (gradient) + x * 3;

        p[0] = (guint8) (x * 255 / 299);
        p[1] = (guint8) (y * 255 / 199);
        p[2] = 128;
      }
  n = palette_of (gradient, palette);
  g_assert_cmpuint (n, ==, MEDIALIB_PALETTE_MAX);
  for (guint i = 0; i < n; i++)
    {
      total += palette[i].share;
      if (i > 0)
        g_assert_cmpfloat (palette[i].share, <=, palette[i - 1].share);
    }
  g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-9);
}

static void
test_text (void)
{
  MedialibPaletteColor palette[MEDIALIB_PALETTE_MAX] = {
    { 0xff, 0x00, 0x00, 0.5 }, { 0x12, 0xab, 0xef, 0.3 }, { 0, 0, 0, 0.2 },
  };
  MedialibPaletteColor read[MEDIALIB_PALETTE_MAX];
  g_autofree char *text = medialib_palette_to_string (palette, 3);
  g_autofree char *none = medialib_palette_to_string (palette, 0);
  MedialibLab red;
  guint8 r, g, b;

  g_assert_cmpstr (text, ==, "#ff0000 0.500,#12abef 0.300,#000000 0.200");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpuint (medialib_palette_parse (text, read), ==, 3);
  assert_color (&read[1], 0x12, 0xab, 0xef, 0.3);
  g_assert_cmpuint (medialib_palette_parse ("", read), ==, 0);
  g_assert_cmpuint (medialib_palette_parse (NULL, read), ==, 0);

  /* Shares are read exactly as g_ascii_strtod() reads them: every share the catalogs write,
   * and others (long, with an exponent, without a point) */
  for (guint i = 0; i <= 1000; i++)
    {
      g_autofree char *item = g_strdup_printf ("#102030 %u.%03u,#405060 0.%03u", i / 1000, i % 1000, 1000 - i % 1000);

      g_assert_cmpuint (medialib_palette_parse (item, read), ==, 2);
      g_assert_true (read[0].share == g_ascii_strtod (item + 8, NULL));
      g_assert_true (read[1].share == g_ascii_strtod (strchr (item, ',') + 9, NULL));
    }
  {
    const char *shares[] = { "0.1234567890123456789", "2.5e-1", "1", "0.", "12345678901234567", "0.333333333333333" };

    for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
      {
        g_autofree char *item = g_strconcat ("#102030 ", shares[i], NULL);

        g_assert_cmpuint (medialib_palette_parse (item, read), ==, 1);
        g_assert_true (read[0].share == g_ascii_strtod (shares[i], NULL));
      }
  }
  g_assert_cmpuint (medialib_palette_parse ("#102030 x", read), ==, 0);
  g_assert_cmpuint (medialib_palette_parse ("#102030 0.5;#405060 0.5", read), ==, 1);

  medialib_srgb_to_lab (255, 0, 0, &red);
  g_assert_cmpfloat_with_epsilon (medialib_palette_distance (text, &red), 0, 1e-9);
  g_assert_cmpfloat (medialib_palette_distance ("", &red), <, 0);

  g_assert_true (medialib_color_parse ("#FF8000", &r, &g, &b));
  g_assert_cmpuint (r, ==, 255);
  g_assert_cmpuint (g, ==, 128);
  g_assert_cmpuint (b, ==, 0);
  g_assert_true (medialib_color_parse ("00ff7f", &r, &g, &b));
  g_assert_false (medialib_color_parse ("#ff000", &r, &g, &b));
  g_assert_false (medialib_color_parse ("#ff00000", &r, &g, &b));
  g_assert_false (medialib_color_parse ("#gg0000", &r, &g, &b));
  g_assert_false (medialib_color_parse ("red", &r, &g, &b));
  g_assert_false (medialib_color_parse ("", &r, &g, &b));
}

/* --- On a library ------------------------------------------------------------------------ */

static char *
write_png (Fixture    *f,
           const char *name,
           GdkPixbuf  *pixbuf)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->input, name, NULL);

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* Imports a red, a blue and a mixed image (a slightly darker red and blue); @ids gets their
 * ids in that order */
static void
import_colors (Fixture *f,
               gint64   ids[3])
{
  g_autoptr(GdkPixbuf) red = make_pixbuf (RED, RED, 50);
  g_autoptr(GdkPixbuf) blue = make_pixbuf (BLUE, BLUE, 50);
  g_autoptr(GdkPixbuf) mixed = make_pixbuf ((Rgba) { 230, 20, 10, 255 }, (Rgba) { 20, 20, 220, 255 }, 60);
  g_autofree char *red_path = write_png (f, "red.png", red);
  g_autofree char *blue_path = write_png (f, "blue.png", blue);
  g_autofree char *mixed_path = write_png (f, "mixed.png", mixed);
  g_autofree char *card_path = NULL;
  const char *paths[] = { red_path, blue_path, mixed_path };
  const char card[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Red\r\nEND:VCARD\r\n";
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  card_path = test_write_bytes (f->input, "ann.vcf", card, sizeof card - 1);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  g_ptr_array_add (files, g_file_new_for_path (card_path));

  results = medialib_store_import (f->store, (GFile **) files->pdata, files->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      MedialibImportResult *result = g_ptr_array_index (results, i);

      g_assert_cmpint (result->status, ==, MEDIALIB_IMPORT_ADDED);
      if (i < 3)
        ids[i] = result->id;
    }
}

static GArray *
search_color (Fixture    *f,
              const char *color,
              double      distance,
              const char *text)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  GArray *ids;

  query->color = g_strdup (color);
  if (distance > 0)
    query->color_distance = distance;
  query->text = g_strdup (text);
  ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
  g_assert_no_error (error);

  /* The same assets in the same order from both searches */
  assets = medialib_catalog_search (f->store->catalog, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, i)), ==, g_array_index (ids, gint64, i));

  return ids;
}

static void
assert_ids (GArray *ids,
            gint64  first,
            gint64  second)
{
  g_assert_cmpuint (ids->len, ==, second > 0 ? 2 : first > 0 ? 1 : 0);
  if (first > 0)
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
  if (second > 0)
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, second);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(MedialibAsset) red = NULL;
  g_autoptr(MedialibAsset) card = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  const MedialibPaletteColor *palette;
  JsonArray *array;
  guint n;

  import_colors (f, ids);

  red = medialib_catalog_get_asset (f->store->catalog, ids[0], &error);
  g_assert_no_error (error);
  palette = medialib_asset_get_palette (red, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_color (&palette[0], 255, 0, 0, 1.0);
  json = medialib_asset_to_json (red);
  array = json_object_get_array_member (json_node_get_object (json), "palette");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "color"), ==, "#ff0000");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (array, 0), "share"), ==, 1.0);

  /* Red: the red image, then the mixed one (its red is a little off); not the blue one */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#ff0000", 0, NULL);
  assert_ids (found, ids[0], ids[2]);
  /* Blue: the blue image, then the mixed one */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#0000FF", 0, NULL);
  assert_ids (found, ids[1], ids[2]);
  /* The mixed image's blue: the mixed one first */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#1414dc", 0, NULL);
  assert_ids (found, ids[2], ids[1]);
  /* A closer distance leaves the mixed one out */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#ff0000", 1, NULL);
  assert_ids (found, ids[0], 0);
  /* With the other filters: words */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#ff0000", 0, "mixed");
  assert_ids (found, ids[2], 0);
  /* Green: nothing, and not the contact card */
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#00ff00", 0, NULL);
  assert_ids (found, 0, 0);
  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#000000", 100, NULL);
  g_assert_cmpuint (found->len, ==, 3);
}

/* A library from before palettes: the maintenance computes them from the thumbnails */
static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  import_colors (f, ids);
  test_library_exec (f, "UPDATE assets SET palette = NULL WHERE kind = 'image'");

  found = search_color (f, "#ff0000", 0, NULL);
  assert_ids (found, 0, 0);
  missing = medialib_catalog_list_missing_palettes (f->store->catalog, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 3);

  /* As the window does it: on a thread at the lowest priority, which the grid's scrolling
   * and decoding come before */
  {
    g_autoptr(GAsyncResult) result = NULL;
    GAsyncResult *kept = NULL;

    _medialib_background_last_nice = -100;
    medialib_store_fill_palettes_async (f->store, NULL, test_keep_result, &kept);
    result = test_wait_result (&kept);
    g_assert_cmpuint (medialib_store_fill_palettes_finish (f->store, result, &error), ==, 3);
    g_assert_no_error (error);
    g_assert_cmpint (_medialib_background_last_nice, ==, MEDIALIB_BACKGROUND_NICE);
  }
  g_assert_cmpuint (medialib_store_fill_palettes (f->store, NULL), ==, 0);

  g_clear_pointer (&found, g_array_unref);
  found = search_color (f, "#ff0000", 0, NULL);
  assert_ids (found, ids[0], ids[2]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/palette/delta-e", test_delta_e);
  g_test_add_func ("/medialib/palette/lab", test_lab);
  g_test_add_func ("/medialib/palette/compute", test_compute);
  g_test_add_func ("/medialib/palette/text", test_text);

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/palette", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("search", test_search);
  ADD ("fill", test_fill);

  return g_test_run ();
}
