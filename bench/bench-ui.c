/* bench-ui.c — the real window under Xvfb, for bench/run
 *
 *   bench-ui startup LIBRARY
 *       starts the application on LIBRARY like `medialib --library LIBRARY` and prints
 *       "first-screen TILES RSS_KB" once a frame has been drawn in which every tile of the
 *       first screen shows its thumbnail, then "settled ITEMS TILES RSS_KB" once the rest of
 *       the library is in the grid, then quits
 *   bench-ui scroll LIBRARY JUMPS
 *       after the first screen, jumps the grid to JUMPS random positions (seeded), one per
 *       frame, and prints one JSON object: the time each frame took from "before-paint" to
 *       "after-paint" (p50, p95, max), the longest gap between two frames, and how many tiles
 *       were alive
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-core-team.h"
#include "medialib-window-private.h"

#include "bench-rss.h"

typedef enum { MODE_STARTUP, MODE_SCROLL } Mode;

typedef struct
{
  Mode            mode;
  guint           jumps;
  GApplication   *app;
  MedialibWindow *window;
  GdkFrameClock  *clock;
  gboolean        first_screen;
  GRand          *rand;
  guint           jumped;
  gint64          frame_start;
  gint64          last_frame_end;
  GArray         *frames;   /* of double, milliseconds */
  double          longest_gap;
  guint           max_tiles;
  guint           shown_with_thumbnail;
  guint           settle_polls;
} Bench;

/* Tiles alive in the grid, and how many of those on screen show a thumbnail */
static guint
count_tiles (GtkWidget *widget,
             GtkWidget *grid,
             guint     *on_screen,
             guint     *with_thumbnail)
{
  guint n = 0;

  if (MEDIALIB_IS_ASSET_TILE (widget))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (widget) &&
          gtk_widget_compute_bounds (widget, grid, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 &&
          bounds.origin.y < gtk_widget_get_height (grid))
        {
          (*on_screen)++;
          if (medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (widget)))
            (*with_thumbnail)++;
        }
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_tiles (child, grid, on_screen, with_thumbnail);

  return n;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_scroll_results (Bench *bench)
{
  double *v = (double *) (gpointer) bench->frames->data;
  guint n = bench->frames->len;
  guint on_screen = 0, with_thumbnail = 0;
  guint tiles = count_tiles (GTK_WIDGET (bench->window->grid_view),
                             GTK_WIDGET (bench->window->grid_view), &on_screen, &with_thumbnail);

  qsort (v, n, sizeof (double), compare_doubles);
  printf ("{\"frames\": %u, \"p50\": %.3f, \"p95\": %.3f, \"max\": %.3f, \"longest_gap\": %.3f, "
          "\"max_tiles\": %u, \"tiles_at_end\": %u, \"items\": %u, \"rss_kb\": %ld}\n",
          n, v[n / 2], v[MIN (n - 1, (guint) (n * 0.95))], v[n - 1], bench->longest_gap,
          bench->max_tiles, tiles,
          g_list_model_get_n_items (G_LIST_MODEL (bench->window->selection)), bench_rss_kb ());
  fflush (stdout);
}

static gboolean
jump_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (bench->jumped == bench->jumps)
    {
      print_scroll_results (bench);
      g_application_quit (bench->app);
      return G_SOURCE_REMOVE;
    }

  bench->jumped++;
  gtk_adjustment_set_value (adjustment, g_rand_double_range (bench->rand, 0, MAX (range, 0)));
  return G_SOURCE_CONTINUE;
}

/* Once the rest of the library is in the grid and laid out: memory then */
static gboolean
settled_cb (gpointer data)
{
  Bench *bench = data;
  GtkWidget *grid = GTK_WIDGET (bench->window->grid_view);
  guint on_screen = 0, with_thumbnail = 0, tiles;

  if (bench->window->searching || bench->window->refresh_source != 0 ||
      gtk_widget_get_mapped (grid) == FALSE)
    return G_SOURCE_CONTINUE;

  bench->settle_polls++;
  if (bench->settle_polls < 4)   /* a few frames after the last search */
    return G_SOURCE_CONTINUE;

  tiles = count_tiles (grid, grid, &on_screen, &with_thumbnail);
  printf ("settled %u %u %ld\n", g_list_model_get_n_items (G_LIST_MODEL (bench->window->selection)),
          tiles, bench_rss_kb ());
  fflush (stdout);
  g_application_quit (bench->app);
  return G_SOURCE_REMOVE;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  guint on_screen = 0, with_thumbnail = 0;
  guint tiles;
  GtkWidget *grid = GTK_WIDGET (bench->window->grid_view);

  if (gtk_stack_get_visible_child (bench->window->stack) != gtk_widget_get_parent (grid) &&
      !gtk_widget_is_ancestor (grid, gtk_stack_get_visible_child (bench->window->stack)))
    return;

  tiles = count_tiles (grid, grid, &on_screen, &with_thumbnail);

  if (!bench->first_screen)
    {
      if (on_screen == 0 || with_thumbnail < on_screen)
        return;

      bench->first_screen = TRUE;
      if (bench->mode == MODE_STARTUP)
        {
          printf ("first-screen %u %ld\n", on_screen, bench_rss_kb ());
          fflush (stdout);
          g_timeout_add (50, settled_cb, bench);
          return;
        }

      bench->last_frame_end = now;
      gtk_widget_add_tick_callback (grid, jump_cb, bench, NULL);
      return;
    }

  if (bench->jumped == 0 || bench->frame_start == 0)
    return;

  g_array_append_val (bench->frames, (double) { (now - bench->frame_start) / 1000.0 });
  bench->longest_gap = MAX (bench->longest_gap, (now - bench->last_frame_end) / 1000.0);
  bench->last_frame_end = now;
  bench->max_tiles = MAX (bench->max_tiles, tiles);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Bench          *bench)
{
  if (!MEDIALIB_IS_WINDOW (window) || bench->window != NULL)
    return;

  bench->window = MEDIALIB_WINDOW (window);
  gtk_widget_realize (GTK_WIDGET (window));
  bench->clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_before_paint_cb), bench);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedialibApplication) app = NULL;
  Bench bench = { 0 };
  char *app_argv[] = { argv[0], NULL };
  int status;

  if (argc < 3 || (g_strcmp0 (argv[1], "startup") != 0 && g_strcmp0 (argv[1], "scroll") != 0) ||
      (g_strcmp0 (argv[1], "scroll") == 0 && argc < 4))
    {
      g_printerr ("usage: bench-ui startup LIBRARY | bench-ui scroll LIBRARY JUMPS\n");
      return 2;
    }

  bench.mode = g_str_equal (argv[1], "startup") ? MODE_STARTUP : MODE_SCROLL;
  bench.jumps = argc > 3 ? (guint) atoi (argv[3]) : 0;
  bench.rand = g_rand_new_with_seed (7);
  bench.frames = g_array_new (FALSE, FALSE, sizeof (double));

  medialib_core_team_init ();
  g_set_application_name ("Media Library");
  app = medialib_application_new (argv[2], TRUE);
  bench.app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &bench);

  status = g_application_run (G_APPLICATION (app), 1, app_argv);

  g_array_unref (bench.frames);
  g_rand_free (bench.rand);
  return status != 0 ? status : (bench.first_screen ? 0 : 1);
}
