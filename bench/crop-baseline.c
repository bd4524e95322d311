/* crop-baseline.c — the baseline of the crop benchmark: the least a program can do to crop
 * an image to 2:1 and save it at 2048×1024 with GdkPixbuf: load, crop, scale with the same
 * filter as the library (HYPER) and save in the same format (JPEG at quality 90 for JPEG
 * sources, else PNG), without the library's checks, database or thumbnails. Prints the
 * seconds from loading to saved, as bench-core does for the library.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) source = NULL;
  g_autoptr(GdkPixbuf) cropped = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int width, height, crop_height;
  gboolean ok;
  gint64 start;

  if (argc != 3)
    {
      g_printerr ("usage: crop-baseline SOURCE OUTPUT\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  source = gdk_pixbuf_new_from_file (argv[1], &error);
  if (source == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  width = gdk_pixbuf_get_width (source);
  height = gdk_pixbuf_get_height (source);
  crop_height = MIN (height, width / 2);
  cropped = gdk_pixbuf_new_subpixbuf (source, 0, (height - crop_height) / 2, crop_height * 2, crop_height);
  scaled = gdk_pixbuf_scale_simple (cropped, 2048, 1024, GDK_INTERP_HYPER);

  if (g_str_has_suffix (argv[1], ".jpg") || g_str_has_suffix (argv[1], ".jpeg"))
    ok = gdk_pixbuf_save (scaled, argv[2], "jpeg", &error, "quality", "90", NULL);
  else
    ok = gdk_pixbuf_save (scaled, argv[2], "png", &error, NULL);

  if (!ok)
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return 1;
    }
  g_print ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);

  return 0;
}
