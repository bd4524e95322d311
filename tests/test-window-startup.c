/* test-window-startup.c — what makes the first screen come quickly: the thumbnails' copies
 * at the grid's size
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <utime.h>

#include <glib/gstdio.h>

#include "medialib-blob-store.h"
#include "medialib-texture-loader.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

static char *
write_pixbuf (const char *dir,
              const char *name,
              const char *type,
              int         width,
              int         height,
              gboolean    alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, alpha ? 0x3060a080 : 0xc0402000);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);

  return path;
}

static void
assert_size (GdkTexture *texture,
             int         width,
             int         height)
{
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
}

static GdkTexture *
load (const char *path,
      const char *copy,
      const char *alpha_copy)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = medialib_texture_load_with_copy (path, 320, copy, alpha_copy, &error);

  g_assert_no_error (error);
  return texture;
}

/* Moves the file's times an hour back */
static void
age (const char *path)
{
  GStatBuf st;
  struct utimbuf times;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times.actime = times.modtime = st.st_mtime - 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* A texture at the grid's size comes from a copy at that size, made the first time: a JPEG,
 * or a PNG for an image with transparency; a copy older than the image, or damaged, is made
 * again; one that cannot be written is done without */
static void
test_texture_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ("copy");
  g_autofree char *png = write_pixbuf (dir, "thumb.png", "png", 512, 256, FALSE);
  g_autofree char *copy = g_build_filename (dir, "thumb.320.jpg", NULL);
  g_autofree char *alpha_copy = g_build_filename (dir, "thumb.320.png", NULL);
  g_autofree char *clear = write_pixbuf (dir, "clear.png", "png", 256, 512, TRUE);
  g_autofree char *clear_copy = g_build_filename (dir, "clear.320.jpg", NULL);
  g_autofree char *clear_alpha_copy = g_build_filename (dir, "clear.320.png", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "thumb.320.jpg", NULL);
  g_autoptr(GdkPixbuf) kept = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* The first load makes the copy */
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (alpha_copy, G_FILE_TEST_EXISTS));
  kept = gdk_pixbuf_new_from_file (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (kept), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (kept), ==, 160);
  g_clear_object (&texture);

  /* The next ones read it: a copy of another size shows that it is the one read */
  g_free (write_pixbuf (dir, "thumb.320.jpg", "jpeg", 320, 10, FALSE));
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 10);
  g_clear_object (&texture);

  /* Older than the image: made again */
  age (copy);
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);

  /* Damaged: made again */
  g_assert_true (g_file_set_contents (copy, "damaged", -1, NULL));
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);
  g_clear_object (&kept);
  kept = gdk_pixbuf_new_from_file (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (kept), ==, 320);
  g_clear_object (&kept);

  /* With transparency: a PNG that keeps it */
  texture = load (clear, clear_copy, clear_alpha_copy);
  assert_size (texture, 160, 320);
  g_assert_false (g_file_test (clear_copy, G_FILE_TEST_EXISTS));
  kept = gdk_pixbuf_new_from_file (clear_alpha_copy, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (kept));
  g_clear_object (&texture);
  texture = load (clear, clear_copy, clear_alpha_copy);
  assert_size (texture, 160, 320);
  g_assert_cmpint (gdk_texture_get_format (texture), !=, GDK_MEMORY_R8G8B8);
  g_clear_object (&texture);

  /* Nowhere to keep it */
  texture = load (png, nowhere, NULL);
  assert_size (texture, 320, 160);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  test_rm_rf (dir);
}

/* Whether every asset shown has its thumbnail's copy */
static gboolean
copies_made (Fixture *f)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);
      g_autofree char *copy = medialib_asset_dup_grid_thumbnail_path (asset, FALSE);
      g_autofree char *alpha_copy = medialib_asset_dup_grid_thumbnail_path (asset, TRUE);

      if (!g_file_test (copy, G_FILE_TEST_EXISTS) && !g_file_test (alpha_copy, G_FILE_TEST_EXISTS))
        return FALSE;
    }

  return TRUE;
}

/* The window's first screen leaves a copy of each thumbnail at the grid's size next to it */
static void
test_window_thumbnail_copies (Fixture       *f,
                              gconstpointer  data)
{
  populate (f);
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (f->window)), ==, 1);
  g_assert_cmpuint (n_shown (f), ==, 6);
  wait_until (copies_made, f, "the thumbnails' copies");

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);
      g_autofree char *copy = medialib_asset_dup_grid_thumbnail_path (asset, FALSE);
      g_autofree char *alpha_copy = medialib_asset_dup_grid_thumbnail_path (asset, TRUE);
      g_autofree char *dir = g_path_get_dirname (medialib_asset_get_thumbnail_path (asset));
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;

      /* Next to the thumbnail, in its folder */
      g_assert_true (g_str_has_prefix (copy, dir));
      texture = gdk_texture_new_from_filename (g_file_test (copy, G_FILE_TEST_EXISTS) ? copy : alpha_copy,
                                               &error);
      g_assert_no_error (error);
      g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), ==,
                       MEDIALIB_GRID_THUMBNAIL_SIZE);
    }
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/medialib/window/texture-copy", test_texture_copy);
  WINDOW_TEST_ADD ("thumbnail-copies", test_window_thumbnail_copies);

  return window_test_run ();
}
