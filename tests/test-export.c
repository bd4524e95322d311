/* test-export.c — smart crop, and exporting an image for every channel
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "medialib-core-team.h"
#include "medialib-export.h"
#include "medialib-import.h"
#include "medialib-test-util.h"

/* A flat grey image with one detailed, colourful object of @size pixels at (@ox, @oy) */
static GdkPixbuf *
make_object_image (int width,
                   int height,
                   int ox,
                   int oy,
                   int size)
{
  static const guint8 colours[][3] = { { 220, 30, 40 }, { 20, 60, 200 }, { 250, 210, 20 }, { 10, 10, 10 } };
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  gdk_pixbuf_fill (pixbuf, 0xb4b4b4ff);
  for (int y = oy; y < MIN (height, oy + size); y++)
    for (int x = ox; x < MIN (width, ox + size); x++)
      {
        const guint8 *c = colours[((x - ox) / 4 + (y - oy) / 4) % 4];

        memcpy (pixels + y * stride + x * 3, c, 3);
      }

  return pixbuf;
}

static gboolean
contains (const MedialibRect *rect,
          int                 ox,
          int                 oy,
          int                 size)
{
  return rect->x <= ox && rect->y <= oy &&
         rect->x + rect->width >= ox + size && rect->y + rect->height >= oy + size;
}

/* The object, wherever it is, ends up inside the box; the centred box misses it */
static void
test_smartcrop_places (void)
{
  static const struct { int width, height, ox, oy; } cases[] = {
    { 400, 300, 8, 8 },        /* top left corner */
    { 400, 300, 332, 8 },      /* top right corner */
    { 400, 300, 8, 232 },      /* bottom left corner */
    { 400, 300, 332, 232 },    /* bottom right corner */
    { 400, 300, 0, 120 },      /* against the left edge */
    { 400, 300, 340, 120 },    /* against the right edge */
    { 400, 300, 170, 0 },      /* against the top edge */
    { 400, 300, 170, 240 },    /* against the bottom edge */
    { 400, 300, 170, 120 },    /* centre */
    { 640, 200, 560, 70 },     /* far right of a wide image */
    { 200, 640, 70, 10 },      /* top of a tall one */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GdkPixbuf) image = make_object_image (cases[i].width, cases[i].height,
                                                      cases[i].ox, cases[i].oy, 60);
      MedialibPixels pixels;
      MedialibRect rect = { 0, 0, 150, 150 };
      MedialibRect centred;

      medialib_pixels_init_from_pixbuf (&pixels, image);
      medialib_smartcrop_place (&pixels, &rect);
      g_test_message ("case %u: %d,%d %d×%d", i, rect.x, rect.y, rect.width, rect.height);
      g_assert_cmpint (rect.width, ==, 150);
      g_assert_cmpint (rect.height, ==, 150);
      g_assert_true (contains (&rect, cases[i].ox, cases[i].oy, 60));
      g_assert_cmpint (rect.x, >=, 0);
      g_assert_cmpint (rect.y, >=, 0);
      g_assert_cmpint (rect.x + rect.width, <=, cases[i].width);
      g_assert_cmpint (rect.y + rect.height, <=, cases[i].height);

      /* The object in the middle of the box where the image leaves room */
      if (cases[i].ox >= 45 && cases[i].ox + 105 <= cases[i].width)
        g_assert_cmpint (ABS (rect.x + 75 - (cases[i].ox + 30)), <=, 6);

      /* What the centred box would be: it misses the corner objects */
      centred = (MedialibRect) { (cases[i].width - 150) / 2, (cases[i].height - 150) / 2, 150, 150 };
      if (i < 4)
        g_assert_false (contains (&centred, cases[i].ox, cases[i].oy, 60));
    }
}

/* A preset's box: the largest of its ratio, over the object */
static void
test_smartcrop_for_preset (void)
{
  g_autoptr(GdkPixbuf) image = make_object_image (900, 400, 780, 150, 80);
  g_autoptr(GdkPixbuf) tall = make_object_image (300, 900, 100, 20, 80);
  MedialibPixels pixels;
  MedialibRect rect, centred;

  medialib_pixels_init_from_pixbuf (&pixels, image);
  medialib_smartcrop_for_preset (medialib_presets_lookup ("content-card-classic"), &pixels, &rect);
  g_assert_cmpint (rect.width, ==, 400);
  g_assert_cmpint (rect.height, ==, 400);
  g_assert_true (contains (&rect, 780, 150, 80));
  medialib_crop_for_preset (medialib_presets_lookup ("content-card-classic"), 900, 400, &centred);
  g_assert_false (contains (&centred, 780, 150, 80));

  medialib_pixels_init_from_pixbuf (&pixels, tall);
  medialib_smartcrop_for_preset (medialib_presets_lookup ("android-expanded"), &pixels, &rect);
  g_assert_cmpint (rect.width, ==, 300);
  g_assert_cmpint (rect.height, ==, 150);
  g_assert_true (contains (&rect, 100, 20, 80));

  /* A preset without a ratio keeps all of the image */
  medialib_smartcrop_for_preset (medialib_presets_lookup ("email-header"), &pixels, &rect);
  g_assert_cmpint (rect.x, ==, 0);
  g_assert_cmpint (rect.y, ==, 0);
  g_assert_cmpint (rect.width, ==, 300);
  g_assert_cmpint (rect.height, ==, 900);
}

/* Transparent pixels draw no attention, whatever their colour: of two objects, the box goes
 * to the smaller one that shows rather than to the larger one that is transparent (seen, the
 * larger would win) */
static void
test_smartcrop_opacity (void)
{
  g_autoptr(GdkPixbuf) opaque = make_object_image (400, 300, 40, 110, 80);
  g_autoptr(GdkPixbuf) image = NULL;
  MedialibPixels pixels;
  MedialibRect rect = { 0, 0, 150, 150 };
  guint8 *data;
  int stride;

  /* A smaller object alike on the right, then the left one made transparent */
  gdk_pixbuf_copy_area (opaque, 40, 110, 60, 60, opaque, 280, 120);
  image = gdk_pixbuf_add_alpha (opaque, FALSE, 0, 0, 0);
  data = gdk_pixbuf_get_pixels (image);
  stride = gdk_pixbuf_get_rowstride (image);
  for (int y = 110; y < 190; y++)
    for (int x = 40; x < 120; x++)
      data[y * stride + x * 4 + 3] = 0;

  medialib_pixels_init_from_pixbuf (&pixels, image);
  medialib_smartcrop_place (&pixels, &rect);
  g_test_message ("%d,%d %d×%d", rect.x, rect.y, rect.width, rect.height);
  g_assert_true (contains (&rect, 280, 120, 60));
  g_assert_cmpint (rect.x, >, 120);
}

/* Nothing to look at: the centred box */
static void
test_smartcrop_flat (void)
{
  g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 500, 300);
  MedialibPixels pixels;
  MedialibRect rect = { 0, 0, 100, 300 };

  gdk_pixbuf_fill (image, 0x336699ff);
  medialib_pixels_init_from_pixbuf (&pixels, image);
  medialib_smartcrop_place (&pixels, &rect);
  g_assert_cmpint (rect.x, ==, 200);
  g_assert_cmpint (rect.y, ==, 0);
}

static void
test_parse_channels (void)
{
  g_autoptr(GArray) all = medialib_export_parse_channels ("all", NULL);
  g_autoptr(GArray) two = medialib_export_parse_channels (" ios-push, email-header ,ios-push", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = NULL;

  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, ==, 14);   /* the presets of channels: not Free nor Original */
  for (guint i = 0; i < all->len; i++)
    g_assert_true (medialib_export_is_channel_preset (g_array_index (all, MedialibExportChoice, i).preset));

  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (g_array_index (two, MedialibExportChoice, 0).preset->key, ==, "ios-push");
  g_assert_cmpstr (g_array_index (two, MedialibExportChoice, 1).preset->key, ==, "email-header");

  none = medialib_export_parse_channels ("ios-push,nope", &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“nope”"));
  g_clear_error (&error);

  /* Free and Original ratio are not channels */
  none = medialib_export_parse_channels ("free", &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_file_name (void)
{
  g_autofree char *a = medialib_export_file_name ("hero.jpeg", medialib_presets_lookup ("ios-push"), "image/jpeg");
  g_autofree char *b = medialib_export_file_name ("a/b:c.png", medialib_presets_lookup ("email-header"), "image/png");
  g_autofree char *c = medialib_export_file_name (".hidden", medialib_presets_lookup ("modal-image-text"), "image/png");

  g_assert_cmpstr (a, ==, "hero (Push · iOS · Rich notification).jpg");
  g_assert_cmpstr (b, ==, "a_b_c (Email · Header image).png");
  g_assert_cmpstr (c, ==, "_hidden (In-app message · Modal · Image and text).png");
}

/* The manifest says each warning by key and in words; over iOS's 10 MB among them */
static void
test_manifest_warnings (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_export_result_free);
  MedialibExportResult *r = g_new0 (MedialibExportResult, 1);
  g_autoptr(JsonNode) manifest = NULL;
  JsonObject *entry;
  JsonArray *warnings, *messages;

  r->preset = medialib_presets_lookup ("ios-push");
  r->file = g_strdup ("big (Push · iOS · Rich notification).png");
  r->rect = (MedialibRect) { 0, 0, 1038, 519 };
  r->width = 1038;
  r->height = 519;
  r->bytes = 11 * 1024 * 1024;
  r->warnings = MEDIALIB_CROP_WARNING_TOO_HEAVY | MEDIALIB_CROP_WARNING_BELOW_MINIMUM;
  r->crop_id = 7;
  g_ptr_array_add (results, r);

  manifest = medialib_export_manifest (results);
  entry = json_array_get_object_element (json_object_get_array_member (json_node_get_object (manifest), "files"), 0);
  warnings = json_object_get_array_member (entry, "warnings");
  messages = json_object_get_array_member (entry, "messages");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (warnings, 0), ==, "below-minimum");
  g_assert_cmpstr (json_array_get_string_element (warnings, 1), ==, "too-heavy");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_nonnull (strstr (json_array_get_string_element (messages, 1), "10.5"));
  g_assert_cmpint (json_object_get_int_member (entry, "asset"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (entry, "bytes"), ==, 11 * 1024 * 1024);
}

typedef TestLibrary Fixture;

static MedialibAsset *
import (Fixture    *f,
        const char *path)
{
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

static MedialibAsset *
import_object_image (Fixture    *f,
                     const char *name,
                     const char *type,
                     int         width,
                     int         height)
{
  g_autoptr(GdkPixbuf) image = make_object_image (width, height, width - 110, 10, 100);
  g_autofree char *path = g_build_filename (f->tmp, name, NULL);

  g_assert_true (gdk_pixbuf_save (image, path, type, NULL, NULL));
  return import (f, path);
}

static const JsonObject *
manifest_entry (JsonArray  *files,
                const char *key)
{
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *o = json_array_get_object_element (files, i);

      if (g_str_equal (json_object_get_string_member (o, "preset"), key))
        return o;
    }

  g_assert_not_reached ();
}

static gboolean
has_warning (const JsonObject *entry,
             const char       *warning)
{
  JsonArray *warnings = json_object_get_array_member ((JsonObject *) entry, "warnings");

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    if (g_str_equal (json_array_get_string_element (warnings, i), warning))
      return TRUE;

  return FALSE;
}

/* Every channel: one file each, named for it, at its ratio and size, never upscaled */
static void
test_export_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MedialibAsset) asset = import_object_image (f, "hero.png", "png", 1500, 900);
  g_autoptr(GArray) choices = medialib_export_parse_channels ("all", NULL);
  g_autofree char *folder = g_build_filename (f->tmp, "out", "new", NULL);
  g_autofree char *manifest_path = g_build_filename (folder, "manifest.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  JsonArray *files;
  guint count = 0;

  results = medialib_store_export (f->store, asset, choices, folder, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 14);

  /* Files and the manifest, nothing else; no asset added */
  dir = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    count++;
  g_assert_cmpuint (count, ==, 15);
  after = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);

  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  files = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 14);

  for (guint i = 0; i < results->len; i++)
    {
      const MedialibExportResult *r = g_ptr_array_index (results, i);
      const JsonObject *entry = manifest_entry (files, r->preset->key);
      g_autofree char *label = medialib_preset_dup_full_label (r->preset);
      g_autofree char *expected = g_strdup_printf ("hero (%s).png", label);
      g_autofree char *path = g_build_filename (folder, r->file, NULL);
      g_autoptr(GdkPixbuf) written = gdk_pixbuf_new_from_file (path, &error);
      GStatBuf st;
      int rw, rh;

      g_assert_no_error (error);
      g_assert_cmpstr (r->file, ==, expected);
      g_assert_cmpstr (json_object_get_string_member ((JsonObject *) entry, "file"), ==, expected);
      g_assert_cmpint (gdk_pixbuf_get_width (written), ==, r->width);
      g_assert_cmpint (gdk_pixbuf_get_height (written), ==, r->height);
      g_assert_cmpint (json_object_get_int_member ((JsonObject *) entry, "width"), ==, r->width);
      g_assert_cmpint (json_object_get_int_member ((JsonObject *) entry, "height"), ==, r->height);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (json_object_get_int_member ((JsonObject *) entry, "bytes"), ==, st.st_size);

      /* Never upscaled; at most the recommended size; the preset's ratio */
      g_assert_cmpint (r->width, <=, r->rect.width);
      g_assert_cmpint (r->height, <=, r->rect.height);
      if (r->preset->recommended_width > 0 && r->preset->ratio_kind == MEDIALIB_RATIO_FIXED)
        g_assert_cmpint (r->width, <=, r->preset->recommended_width);
      if (medialib_preset_get_ratio (r->preset, 0, 0, &rw, &rh) && r->preset->ratio_kind == MEDIALIB_RATIO_FIXED)
        g_assert_cmpint (r->width * rh, ==, r->height * rw);
      /* The detailed object (top right) is in every crop */
      g_assert_true (contains (&r->rect, 1390, 10, 100));
    }

  /* No ratio: all of the image, scaled to the maximum width */
  g_assert_cmpint (json_object_get_int_member ((JsonObject *) manifest_entry (files, "email-header"), "width"), ==, 600);
  g_assert_cmpint (json_object_get_int_member ((JsonObject *) manifest_entry (files, "email-header"), "height"), ==, 360);
  g_assert_cmpint (json_object_get_int_member ((JsonObject *) manifest_entry (files, "email-body"), "width"), ==, 480);
  /* Scaled down to the recommended size, exactly its ratio */
  g_assert_cmpint (json_object_get_int_member ((JsonObject *) manifest_entry (files, "slideup-image-text"), "width"), ==, 150);
  g_assert_true (has_warning (manifest_entry (files, "slideup-image-text"), "scaled-down"));
  /* 540 × 900 for 3:5 is less than the 600 × 1000 it needs */
  g_assert_true (has_warning (manifest_entry (files, "full-screen-image-only"), "below-minimum"));
  g_assert_cmpint (json_object_get_int_member ((JsonObject *) manifest_entry (files, "full-screen-image-only"), "height"), ==, 900);
  g_assert_false (has_warning (manifest_entry (files, "ios-push"), "gif-unsupported"));
}

/* Added to the library: crops of the asset, with the file's name */
static void
test_export_add_to_library (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MedialibAsset) asset = import_object_image (f, "hero.jpg", "jpeg", 800, 600);
  g_autoptr(GArray) choices = medialib_export_parse_channels ("ios-push,email-body", NULL);
  g_autofree char *folder = g_build_filename (f->tmp, "out", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = medialib_store_export (f->store, asset, choices, folder, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);

  for (guint i = 0; i < results->len; i++)
    {
      const MedialibExportResult *r = g_ptr_array_index (results, i);
      g_autoptr(MedialibAsset) crop = medialib_store_get_asset (f->store, r->crop_id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (medialib_asset_get_name (crop), ==, r->file);
      g_assert_cmpstr (medialib_asset_get_source (crop), ==, "crop");
      g_assert_cmpstr (medialib_asset_get_mime (crop), ==, "image/jpeg");
      g_assert_cmpint (medialib_asset_get_parent (crop), ==, medialib_asset_get_id (asset));
      g_assert_cmpint (medialib_asset_get_width (crop), ==, r->width);
      g_assert_cmpint (medialib_asset_get_height (crop), ==, r->height);
    }

  g_assert_cmpstr (((MedialibExportResult *) g_ptr_array_index (results, 0))->file, ==,
                   "hero (Push · iOS · Rich notification).jpg");
}

/* A GIF: through the crop path; Android says no to GIFs */
static void
test_export_gif (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = test_write_gif (f->tmp, "anim.gif", 300, 200, 3, 50);
  g_autoptr(MedialibAsset) asset = import (f, path);
  g_autoptr(GArray) choices = medialib_export_parse_channels ("android-expanded,content-card-classic", NULL);
  g_autofree char *folder = g_build_filename (f->tmp, "out", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  const MedialibExportResult *r;

  results = medialib_store_export (f->store, asset, choices, folder, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_true (r->warnings & MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED);
  g_assert_cmpint (r->width, ==, 300);
  g_assert_cmpint (r->height, ==, 150);
  r = g_ptr_array_index (results, 1);
  g_assert_false (r->warnings & MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED);
  g_assert_cmpint (r->crop_id, ==, 0);

  /* The crops it went through are gone */
  after = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedialibAsset) asset = import_object_image (f, "hero.png", "png", 300, 200);
  g_autoptr(GArray) choices = medialib_export_parse_channels ("ios-push", NULL);
  g_autofree char *file = g_build_filename (f->tmp, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "out", NULL);
  g_autofree char *vcf = g_build_filename (f->tmp, "ada.vcf", NULL);
  g_autoptr(MedialibAsset) card = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder that cannot be made */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  results = medialib_store_export (f->store, asset, choices, under_file, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (results);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cannot write to the folder"));
  g_clear_error (&error);

  /* A contact card is not an image */
  g_assert_true (g_file_set_contents (vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n", -1, NULL));
  card = import (f, vcf);
  results = medialib_store_export (f->store, card, choices, f->tmp, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (done, ==, calls[0] + 1);
  calls[0]++;
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = medialib_store_export_finish (MEDIALIB_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* On a worker; progress on the caller's main context, once per file */
static void
test_export_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedialibAsset) asset = import_object_image (f, "hero.png", "png", 400, 300);
  g_autoptr(GArray) choices = medialib_export_parse_channels ("ios-push,android-inline,email-body", NULL);
  g_autofree char *folder = g_build_filename (f->tmp, "out", NULL);
  GPtrArray *results = NULL;
  guint calls = 0;

  /* A chosen crop is kept as it is */
  g_array_index (choices, MedialibExportChoice, 0).rect = (MedialibRect) { 0, 0, 200, 100 };
  g_array_index (choices, MedialibExportChoice, 0).has_rect = TRUE;

  medialib_store_export_async (f->store, asset, choices, folder, FALSE, count_progress, &calls,
                               NULL, export_done, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (calls < 3)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (((MedialibExportResult *) g_ptr_array_index (results, 0))->rect.x, ==, 0);
  g_assert_cmpint (((MedialibExportResult *) g_ptr_array_index (results, 0))->width, ==, 200);
  g_ptr_array_unref (results);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/export/smartcrop-places", test_smartcrop_places);
  g_test_add_func ("/medialib/export/smartcrop-opacity", test_smartcrop_opacity);
  g_test_add_func ("/medialib/export/smartcrop-for-preset", test_smartcrop_for_preset);
  g_test_add_func ("/medialib/export/smartcrop-flat", test_smartcrop_flat);
  g_test_add_func ("/medialib/export/parse-channels", test_parse_channels);
  g_test_add_func ("/medialib/export/file-name", test_file_name);
  g_test_add_func ("/medialib/export/manifest-warnings", test_manifest_warnings);

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/export", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("all", test_export_all);
  ADD ("add-to-library", test_export_add_to_library);
  ADD ("gif", test_export_gif);
  ADD ("errors", test_export_errors);
  ADD ("async", test_export_async);

  return g_test_run ();
}
