/* test-crop.c — crop geometry, the presets, and cropping assets into new ones
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-blob-store.h"
#include "medialib-crop.h"
#include "medialib-import.h"
#include "medialib-store-add.h"
#include "medialib-test-util.h"

#define ASSERT_RECT(r, X, Y, W, H)                \
  G_STMT_START {                                  \
    g_assert_cmpint ((r).x, ==, (X));             \
    g_assert_cmpint ((r).y, ==, (Y));             \
    g_assert_cmpint ((r).width, ==, (W));         \
    g_assert_cmpint ((r).height, ==, (H));        \
  } G_STMT_END

static const MedialibPreset *
preset (const char *key)
{
  const MedialibPreset *p = medialib_presets_lookup (key);

  g_assert_nonnull (p);
  return p;
}

static void
test_largest_exact (void)
{
  MedialibRect r;

  /* 29:10 inside 3000 × 2000: 103 units of 29 × 10 */
  medialib_crop_largest (3000, 2000, 29, 10, &r);
  ASSERT_RECT (r, 6, 485, 2987, 1030);
  g_assert_cmpint (r.width * 10, ==, r.height * 29);

  /* 3:5 inside a square: height-bound */
  medialib_crop_largest (1000, 1000, 3, 5, &r);
  ASSERT_RECT (r, 200, 0, 600, 1000);

  /* 1:1 centered in a landscape image */
  medialib_crop_largest (640, 320, 1, 1, &r);
  ASSERT_RECT (r, 160, 0, 320, 320);

  /* Smaller than one unit of the ratio: as close as pixels allow */
  medialib_crop_largest (20, 5, 29, 10, &r);
  g_assert_cmpint (r.width, ==, 15);   /* 14.5, rounded */
  g_assert_cmpint (r.height, ==, 5);
}

static void
test_for_preset (void)
{
  MedialibRect r;

  medialib_crop_for_preset (preset ("android-expanded"), 1000, 800, &r);
  ASSERT_RECT (r, 0, 150, 1000, 500);

  /* Any ratio: the whole image */
  medialib_crop_for_preset (preset ("email-header"), 1000, 800, &r);
  ASSERT_RECT (r, 0, 0, 1000, 800);

  /* Original: the image's own ratio, i.e. all of it */
  medialib_crop_for_preset (preset ("original"), 1200, 900, &r);
  ASSERT_RECT (r, 0, 0, 1200, 900);

  /* 6:5 and 29:10 are exact */
  medialib_crop_for_preset (preset ("full-screen-image-text"), 4000, 3000, &r);
  g_assert_cmpint (r.width * 5, ==, r.height * 6);
  medialib_crop_for_preset (preset ("modal-image-text"), 4000, 3000, &r);
  g_assert_cmpint (r.width * 10, ==, r.height * 29);
}

static void
test_move_clamps (void)
{
  MedialibRect r = { 10, 10, 100, 50 };

  medialib_crop_move (&r, -50, -50, 400, 300);
  ASSERT_RECT (r, 0, 0, 100, 50);
  medialib_crop_move (&r, 1000, 1000, 400, 300);
  ASSERT_RECT (r, 300, 250, 100, 50);
}

static void
test_resize_locked (void)
{
  MedialibRect r = { 100, 100, 200, 100 };

  /* Bottom-right corner: ratio kept exactly, top-left fixed */
  medialib_crop_resize (&r, MEDIALIB_HANDLE_BOTTOM_RIGHT, 100, 3, 2, 1, 1000, 1000);
  g_assert_cmpint (r.x, ==, 100);
  g_assert_cmpint (r.y, ==, 100);
  g_assert_cmpint (r.width, ==, 2 * r.height);
  g_assert_cmpint (r.width, ==, 300);

  /* Past the image: stops at its edge, still 2:1 */
  medialib_crop_resize (&r, MEDIALIB_HANDLE_BOTTOM_RIGHT, 5000, 5000, 2, 1, 1000, 1000);
  g_assert_cmpint (r.width, ==, 2 * r.height);
  g_assert_cmpint (r.x + r.width, <=, 1000);
  g_assert_cmpint (r.y + r.height, <=, 1000);
  g_assert_cmpint (r.width, ==, 900);

  /* Top-left corner: bottom-right fixed */
  r = (MedialibRect) { 400, 400, 200, 100 };
  medialib_crop_resize (&r, MEDIALIB_HANDLE_TOP_LEFT, -200, -10, 2, 1, 1000, 1000);
  g_assert_cmpint (r.x + r.width, ==, 600);
  g_assert_cmpint (r.y + r.height, ==, 500);
  g_assert_cmpint (r.width, ==, 400);
  g_assert_cmpint (r.height, ==, 200);

  /* An edge: the other axis stays centered */
  r = (MedialibRect) { 400, 400, 200, 100 };
  medialib_crop_resize (&r, MEDIALIB_HANDLE_RIGHT, 100, 0, 2, 1, 1000, 1000);
  g_assert_cmpint (r.x, ==, 400);
  g_assert_cmpint (r.width, ==, 300);
  g_assert_cmpint (r.height, ==, 150);
  g_assert_cmpint (r.y, ==, 375);

  /* Shrinking below one unit keeps one unit */
  r = (MedialibRect) { 0, 0, 58, 20 };
  medialib_crop_resize (&r, MEDIALIB_HANDLE_BOTTOM_RIGHT, -500, -500, 29, 10, 1000, 1000);
  g_assert_cmpint (r.width, ==, 29);
  g_assert_cmpint (r.height, ==, 10);

  /* Many small drags: always whole units of 29:10 */
  for (int i = 0; i < 50; i++)
    {
      medialib_crop_resize (&r, MEDIALIB_HANDLE_BOTTOM_RIGHT, 7 + i % 5, 3, 29, 10, 1000, 1000);
      g_assert_cmpint (r.width * 10, ==, r.height * 29);
      g_assert_cmpint (r.x + r.width, <=, 1000);
    }
}

static void
test_resize_free (void)
{
  MedialibRect r = { 100, 100, 200, 100 };

  medialib_crop_resize (&r, MEDIALIB_HANDLE_RIGHT, 50, 0, 0, 0, 1000, 1000);
  ASSERT_RECT (r, 100, 100, 250, 100);
  medialib_crop_resize (&r, MEDIALIB_HANDLE_TOP, 0, -500, 0, 0, 1000, 1000);
  ASSERT_RECT (r, 100, 0, 250, 200);
  medialib_crop_resize (&r, MEDIALIB_HANDLE_LEFT, 1000, 0, 0, 0, 1000, 1000);
  g_assert_cmpint (r.width, ==, 1);
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  MedialibRect outside = { 900, 0, 200, 100 };
  MedialibRect square = { 0, 0, 100, 100 };
  MedialibRect close = { 0, 0, 200, 101 };   /* within 1 % of 2:1 */

  g_assert_false (medialib_crop_check (preset ("free"), 1000, 1000, &outside, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (medialib_crop_check (preset ("android-expanded"), 1000, 1000, &square, &error));
  g_assert_nonnull (strstr (error->message, "2:1"));
  g_clear_error (&error);

  g_assert_true (medialib_crop_check (preset ("android-expanded"), 1000, 1000, &close, &error));
  g_assert_true (medialib_crop_check (preset ("email-body"), 1000, 1000, &square, &error));
  g_assert_no_error (error);
}

static void
test_output_size (void)
{
  struct { const char *key; MedialibRect rect; int w, h; } cases[] = {
    { "android-expanded", { 0, 0, 4000, 2000 }, 2048, 1024 },
    { "android-expanded", { 0, 0, 1000, 500 }, 1000, 500 },          /* never scaled up */
    { "full-screen-image-text", { 0, 0, 3000, 2500 }, 1200, 1000 },
    { "full-screen-image-only", { 0, 0, 1800, 3000 }, 1200, 2000 },
    { "modal-image-text", { 0, 0, 2900, 1000 }, 1450, 500 },
    { "modal-image-text", { 0, 0, 2987, 1030 }, 1450, 500 },         /* 103 units → 50 */
    { "slideup-image-text", { 0, 0, 1000, 1000 }, 150, 150 },
    { "content-card-classic", { 0, 0, 500, 500 }, 60, 60 },
    { "email-body", { 0, 0, 1000, 300 }, 480, 144 },
    { "email-header", { 0, 0, 500, 300 }, 500, 300 },
    { "ios-push", { 0, 0, 3000, 1500 }, 1038, 519 },
    { "free", { 0, 0, 3000, 1500 }, 3000, 1500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int w, h;

      medialib_crop_output_size (preset (cases[i].key), &cases[i].rect, &w, &h);
      if (w != cases[i].w || h != cases[i].h)
        g_error ("%s %d×%d: %d×%d, expected %d×%d", cases[i].key, cases[i].rect.width,
                 cases[i].rect.height, w, h, cases[i].w, cases[i].h);
    }
}

static void
test_warnings (void)
{
  MedialibRect small = { 0, 0, 400, 200 };
  MedialibRect big = { 0, 0, 4000, 2000 };
  MedialibRect tiny_square = { 0, 0, 40, 40 };

  g_assert_cmpint (medialib_crop_warnings (preset ("android-expanded"), &small, FALSE), ==,
                   MEDIALIB_CROP_WARNING_BELOW_MINIMUM);
  g_assert_cmpint (medialib_crop_warnings (preset ("android-expanded"), &big, FALSE), ==,
                   MEDIALIB_CROP_WARNING_SCALED_DOWN);
  g_assert_cmpint (medialib_crop_warnings (preset ("android-inline"), &small, TRUE), ==,
                   MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED);
  g_assert_cmpint (medialib_crop_warnings (preset ("content-card-classic"), &tiny_square, FALSE), ==,
                   MEDIALIB_CROP_WARNING_BELOW_MINIMUM);
  g_assert_cmpint (medialib_crop_warnings (preset ("email-header"), &small, TRUE), ==, 0);
}

static void
test_fits (void)
{
  g_assert_true (medialib_preset_fits (preset ("content-card-captioned"), 600, 450, FALSE));
  g_assert_false (medialib_preset_fits (preset ("content-card-captioned"), 400, 300, FALSE));
  g_assert_true (medialib_preset_fits (preset ("email-body"), 480, 200, FALSE));
  g_assert_false (medialib_preset_fits (preset ("email-body"), 481, 200, FALSE));
  g_assert_true (medialib_preset_fits (preset ("android-expanded"), 1024, 512, FALSE));
  g_assert_true (medialib_preset_fits (preset ("android-expanded"), 1030, 512, FALSE));   /* 0.6 % off */
  g_assert_false (medialib_preset_fits (preset ("android-expanded"), 1024, 512, TRUE));   /* GIF */
  g_assert_false (medialib_preset_fits (preset ("android-expanded"), 1100, 512, FALSE));
  g_assert_true (medialib_preset_fits (preset ("content-card-classic"), 60, 60, FALSE));
  g_assert_false (medialib_preset_fits (preset ("content-card-classic"), 59, 59, FALSE));
  g_assert_false (medialib_preset_fits (preset ("free"), 100, 100, FALSE));
}

static void
test_output_name (void)
{
  g_autofree char *a = medialib_crop_output_name ("spring sale.png", preset ("android-expanded"), "image/png");
  g_autofree char *b = medialib_crop_output_name ("logo.gif", preset ("content-card-classic"), "image/png");
  g_autofree char *c = medialib_crop_output_name ("hero", preset ("email-header"), "image/jpeg");

  g_assert_cmpstr (a, ==, "spring sale (Expanded notification).png");
  g_assert_cmpstr (b, ==, "logo (Classic).png");
  g_assert_cmpstr (c, ==, "hero (Header image).jpg");
}

static void
test_presets_data (void)
{
  const GPtrArray *presets = medialib_presets_get ();
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (presets->len, ==, 16);   /* 14 rows of the product tables, Free, Original */
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *p = g_ptr_array_index (presets, i);

      g_assert_true (g_hash_table_add (keys, (gpointer) p->key));   /* unique keys */
      g_assert_nonnull (medialib_preset_get_label (p));
      if (p->ratio_kind == MEDIALIB_RATIO_FIXED)
        g_assert_cmpint (p->ratio_w * p->ratio_h, >, 0);
    }

  g_assert_cmpint (preset ("modal-image-text")->ratio_w, ==, 29);
  g_assert_cmpint (preset ("modal-image-text")->ratio_h, ==, 10);
  g_assert_cmpint (preset ("ios-push")->max_bytes, ==, 10 * 1024 * 1024);
  g_assert_true (preset ("android-inline")->no_gif);
  g_assert_false (preset ("ios-push")->no_gif);
}

/* --- Cropping assets ---------------------------------------------------------------------- */

typedef TestLibrary Fixture;

static MedialibAsset *
import (Fixture    *f,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  char *tags[] = { "Spring", NULL };
  char *teams[] = { "Growth", NULL };
  MedialibImportOptions options = { .tags = tags, .teams = teams };
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, &options, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return medialib_store_get_asset (f->store, r->id, NULL);
}

static void
assert_image (MedialibAsset *asset,
              const char    *mime,
              int            width,
              int            height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (medialib_asset_get_path (asset), NULL);

  g_assert_cmpstr (medialib_asset_get_mime (asset), ==, mime);
  g_assert_cmpint (medialib_asset_get_width (asset), ==, width);
  g_assert_cmpint (medialib_asset_get_height (asset), ==, height);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static void
test_crop_png (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->tmp, "banner.png", "png", 1000, 800, 1);
  g_autoptr(MedialibAsset) original = import (f, path);
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (medialib_asset_get_sha256 (original));
  MedialibCropWarnings warnings = 0;

  crop = medialib_store_crop (f->store, original, preset ("android-expanded"), NULL, &warnings, &error);
  g_assert_no_error (error);
  assert_image (crop, "image/png", 1000, 500);
  g_assert_cmpstr (medialib_asset_get_name (crop), ==, "banner (Expanded notification).png");
  g_assert_cmpstr (medialib_asset_get_source (crop), ==, "crop");
  g_assert_cmpint (medialib_asset_get_parent (crop), ==, medialib_asset_get_id (original));
  g_assert_cmpstrv (medialib_asset_get_tags (crop), ((const char *[]) { "Spring", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (crop), ((const char *[]) { "Growth", NULL }));
  g_assert_cmpint (warnings, ==, 0);

  /* The original is untouched */
  {
    g_autofree char *contents = NULL;
    g_autofree char *sha = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (medialib_asset_get_path (original), &contents, &length, NULL));
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, length);
    g_assert_cmpstr (sha, ==, before);
  }

  /* The pixels are those of the crop: a rect at the right edge keeps its colours */
  {
    MedialibRect rect = { 900, 0, 100, 100 };
    g_autoptr(MedialibAsset) corner = medialib_store_crop (f->store, original, preset ("content-card-classic"),
                                                           &rect, NULL, &error);
    g_autoptr(GdkPixbuf) pixbuf = NULL;
    guint8 *pixels;

    g_assert_no_error (error);
    assert_image (corner, "image/png", 60, 60);   /* scaled to the 60 × 60 of Classic */
    pixbuf = gdk_pixbuf_new_from_file (medialib_asset_get_path (corner), NULL);
    pixels = gdk_pixbuf_get_pixels (pixbuf);
    /* The test image's red channel grows from 0 (left) to 255 (right): this is the right end */
    g_assert_cmpint (pixels[0], >, 220);
  }
}

static void
test_crop_jpeg_scaled (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->tmp, "hero.jpg", "jpeg", 3000, 2000, 2);
  g_autoptr(MedialibAsset) original = import (f, path);
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GError) error = NULL;
  MedialibCropWarnings warnings = 0;

  crop = medialib_store_crop (f->store, original, preset ("full-screen-image-text"), NULL, &warnings, &error);
  g_assert_no_error (error);
  assert_image (crop, "image/jpeg", 1200, 1000);
  g_assert_true (warnings & MEDIALIB_CROP_WARNING_SCALED_DOWN);

  g_clear_object (&crop);
  crop = medialib_store_crop (f->store, original, preset ("modal-image-text"), NULL, &warnings, &error);
  g_assert_no_error (error);
  assert_image (crop, "image/jpeg", 1450, 500);
}

static void
test_crop_gif (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = test_write_gif (f->tmp, "anim.gif", 120, 80, 3, 50);
  g_autoptr(MedialibAsset) original = import (f, path);
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GError) error = NULL;
  MedialibCropWarnings warnings = 0;

  crop = medialib_store_crop (f->store, original, preset ("android-push-icon"), NULL, &warnings, &error);
  g_assert_no_error (error);
  assert_image (crop, "image/png", 80, 80);
  g_assert_false (medialib_asset_get_animated (crop));
  g_assert_true (warnings & MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED);
  g_assert_cmpstr (medialib_asset_get_name (crop), ==, "anim (Push icon).png");
}

static void
test_crop_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->tmp, "x.png", "png", 200, 100, 3);
  g_autoptr(MedialibAsset) original = import (f, path);
  g_autoptr(GError) error = NULL;
  MedialibRect outside = { 150, 0, 100, 50 };
  MedialibRect wrong = { 0, 0, 100, 100 };
  gint64 before = medialib_store_count (f->store);

  g_assert_null (medialib_store_crop (f->store, original, preset ("android-expanded"), &outside, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (medialib_store_crop (f->store, original, preset ("android-expanded"), &wrong, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (medialib_store_crop (f->store, original, preset ("free"), NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_cmpint (medialib_store_count (f->store), ==, before);
}

/* A crop decodes its source once, and what it encoded not at all: the bytes come from the
 * app's own encoder, their thumbnail from the pixels they were made of. Their hash is
 * computed once, and the row and thumbnail are those a decoding would give. */
static void
test_crop_decodes_once (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *file, *type, *mime; } cases[] = {
    { "wide.jpg", "jpeg", "image/jpeg" },
    { "wide.png", "png", "image/png" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_write_image (f->tmp, cases[i].file, cases[i].type, 1400, 1000, 3);
      g_autoptr(MedialibAsset) original = import (f, path);
      g_autoptr(MedialibAsset) crop = NULL;
      g_autoptr(GError) error = NULL;
      guint decoded = g_atomic_int_get (&_medialib_store_decoded);
      guint hashed = g_atomic_int_get (&_medialib_content_hashed);

      crop = medialib_store_crop (f->store, original, preset ("android-expanded"), NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_atomic_int_get (&_medialib_store_decoded) - decoded, ==, 1);
      g_assert_cmpuint (g_atomic_int_get (&_medialib_content_hashed) - hashed, ==, 1);
      assert_image (crop, cases[i].mime, 1400, 700);

      /* The thumbnail, at most 512 on its longest side like an import's */
      if (f->backend->local_database)
        {
          g_autoptr(GdkPixbuf) thumbnail = gdk_pixbuf_new_from_file (medialib_asset_get_thumbnail_path (crop), &error);

          g_assert_no_error (error);
          g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 512);
          g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 256);
        }
    }
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The work that needs an asset's file, on an original that is not on this computer (another
 * member of a team library imported it, or the cache let it go): each brings it from where
 * the library keeps it. A local library's folder is its only copy: there the file cannot
 * come back, and saying so is all that differs. */
static void
test_file_not_here (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->tmp, "away.png", "png", 600, 400, 7);
  g_autoptr(MedialibAsset) original = import (f, path);
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *file = medialib_asset_get_path (original);
  const char *thumbnail = medialib_asset_get_thumbnail_path (original);
  MedialibCropWarnings warnings = 0;

  g_assert_nonnull (file);
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_unlink (thumbnail), ==, 0);

  /* Saying where it is, or will be, brings nothing */
  g_assert_cmpstr (medialib_asset_get_path (original), ==, file);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  if (f->backend->local_database)
    {
      g_assert_false (medialib_store_ensure_file (f->store, original, NULL, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return;
    }

  /* The thumbnail (the grid's worker) */
  g_assert_true (medialib_store_ensure_thumbnail (f->store, original, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Cropping reads the original from the bucket */
  crop = medialib_store_crop (f->store, original, preset ("android-expanded"), NULL, &warnings, &error);
  g_assert_no_error (error);
  assert_image (crop, "image/png", 600, 300);

  /* The window's way to the file before opening, copying or dragging it out */
  g_unlink (file);
  medialib_store_ensure_file_async (f->store, original, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (medialib_store_ensure_file_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  assert_image (original, "image/png", 600, 400);

  /* And its blocking form, on a worker's thread; then the file is kept */
  g_unlink (file);
  g_assert_true (medialib_store_ensure_file (f->store, original, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_store_ensure_file (f->store, original, NULL, &error));
  assert_image (original, "image/png", 600, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/crop/largest-exact", test_largest_exact);
  g_test_add_func ("/medialib/crop/for-preset", test_for_preset);
  g_test_add_func ("/medialib/crop/move-clamps", test_move_clamps);
  g_test_add_func ("/medialib/crop/resize-locked", test_resize_locked);
  g_test_add_func ("/medialib/crop/resize-free", test_resize_free);
  g_test_add_func ("/medialib/crop/check", test_check);
  g_test_add_func ("/medialib/crop/output-size", test_output_size);
  g_test_add_func ("/medialib/crop/warnings", test_warnings);
  g_test_add_func ("/medialib/crop/fits", test_fits);
  g_test_add_func ("/medialib/crop/output-name", test_output_name);
  g_test_add_func ("/medialib/crop/presets-data", test_presets_data);

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/crop", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("png", test_crop_png);
  ADD ("jpeg-scaled", test_crop_jpeg_scaled);
  ADD ("decodes-once", test_crop_decodes_once);
  ADD ("gif", test_crop_gif);
  ADD ("errors", test_crop_errors);
  ADD ("file-not-here", test_file_not_here);

  return g_test_run ();
}
