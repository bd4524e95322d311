/* bare-grid.c — the scrolling baseline for bench/run: a bare GtkGridView of GtkPicture
 * tiles, without the app
 *
 *   bare-grid LIBRARY jumps|smooth N TILE_WIDTH TILE_HEIGHT
 *
 * A window of the app's default size holds a GtkGridView of 100,000 items; each tile is a
 * GtkPicture of TILE_WIDTH×TILE_HEIGHT (the size of the app's tile, which bench-ui reports)
 * showing one of the 24 thumbnails of LIBRARY/bench-thumbnails, decoded once to textures as
 * the app's thumbnail cache holds them (320 pixels at most, the pixbuf's memory shared). The
 * grid's most columns follow the columns that fit its width, as in the app
 * (src/ui/medialib-window-sizing.c). Once the first screen is drawn, it scrolls: "jumps"
 * moves to N random positions, one per frame, with bench-ui's seed; "smooth" moves down by
 * three rows per frame for N frames. Prints the same JSON object as bench-ui scroll.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-rss.h"
#include "bench-scroll.h"

#define N_ITEMS       100000
#define N_THUMBNAILS  24
#define TEXTURE_SIZE  320   /* TILE_TEXTURE_SIZE in src/ui/medialib-window.c */
#define MAX_COLUMNS   8     /* as in the app's window template */

static GdkTexture *textures[N_THUMBNAILS];
static int tile_width, tile_height;

static GdkTexture *
load_texture (const char  *path,
              GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, TEXTURE_SIZE, TEXTURE_SIZE,
                                                                   TRUE, error);
  g_autoptr(GBytes) bytes = NULL;

  if (pixbuf == NULL)
    return NULL;

  bytes = g_bytes_new_with_free_func (gdk_pixbuf_get_pixels (pixbuf), gdk_pixbuf_get_byte_length (pixbuf),
                                      g_object_unref, g_object_ref (pixbuf));
  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 bytes, gdk_pixbuf_get_rowstride (pixbuf));
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_widget_set_size_request (picture, tile_width, tile_height);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_list_item_set_child (item, picture);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  gtk_picture_set_paintable (GTK_PICTURE (gtk_list_item_get_child (item)),
                             GDK_PAINTABLE (textures[gtk_list_item_get_position (item) % N_THUMBNAILS]));
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_picture_set_paintable (GTK_PICTURE (gtk_list_item_get_child (item)), NULL);
}

/* The columns that fit the grid's width, as fit_columns_cb() in the app */
static void
fit_columns (GtkGridView *grid)
{
  int minimum = 0, width = gtk_widget_get_width (GTK_WIDGET (grid));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum;

      if (!gtk_widget_get_visible (child) || gtk_widget_get_first_child (child) == NULL)
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
      minimum = MAX (minimum, child_minimum);
    }
  if (width > 0 && minimum > 0)
    gtk_grid_view_set_max_columns (grid, CLAMP ((guint) (width / minimum), 1, MAX_COLUMNS));
}

static gboolean
is_ready (BenchScroll *bench,
          gpointer     user_data)
{
  GtkGridView *grid = user_data;

  if (gtk_widget_get_first_child (GTK_WIDGET (grid)) == NULL)
    return FALSE;
  if (bench->settle_polls++ == 0)
    {
      fit_columns (grid);   /* then one more frame, laid out with those columns */
      return FALSE;
    }
  return TRUE;
}

static void
on_activate_cb (GtkApplication *app,
                BenchScroll    *bench)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkWidget *grid;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* The app's grid style (resources/style.css) */
  gtk_css_provider_load_from_string (css,
                                     "gridview.asset-grid { padding: 12px; background: none; }"
                                     "gridview.asset-grid > child { margin: 4px; padding: 8px; border-radius: 12px; }");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  for (guint i = 0; i < N_ITEMS; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "%u", i);
      gtk_string_list_append (strings, id);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_multi_selection_new (G_LIST_MODEL (strings))), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), MAX_COLUMNS);
  gtk_widget_add_css_class (grid, "asset-grid");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  bench->app = G_APPLICATION (app);
  bench->grid = grid;
  bench_scroll_start (bench, window, is_ready, grid);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  BenchScroll bench = { 0 };
  char *app_argv[] = { argv[0], NULL };
  int status;
  gboolean ok;

  if (argc != 6 || !bench_scroll_parse_mode (&bench, argv[2], argv[3]))
    {
      g_printerr ("usage: bare-grid LIBRARY jumps|smooth N TILE_WIDTH TILE_HEIGHT\n");
      return 2;
    }
  tile_width = atoi (argv[4]);
  tile_height = atoi (argv[5]);

  for (guint i = 0; i < N_THUMBNAILS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bench-thumbnails/%02u.png", argv[1], i);
      g_autoptr(GError) error = NULL;

      if ((textures[i] = load_texture (path, &error)) == NULL)
        {
          g_printerr ("%s: %s\n", path, error->message);
          return 1;
        }
    }

  app = adw_application_new ("org.example.BareGrid", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &bench);
  status = g_application_run (G_APPLICATION (app), 1, app_argv);

  ok = bench.frames != NULL && bench.frames->len > 0;
  g_clear_pointer (&bench.frames, g_array_unref);
  g_clear_pointer (&bench.rand, g_rand_free);
  for (guint i = 0; i < N_THUMBNAILS; i++)
    g_clear_object (&textures[i]);
  return status != 0 ? status : (ok ? 0 : 1);
}
