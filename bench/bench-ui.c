/* bench-ui.c — the real window under Xvfb, for bench/run
 *
 *   bench-ui startup LIBRARY
 *       starts the application on LIBRARY like `medialib --library LIBRARY` and prints
 *       "first-screen TILES RSS_KB STEP=MS…" once a frame has been drawn in which every tile
 *       of the first screen shows its thumbnail (the steps: milliseconds from main() to the
 *       end of the application's start-up, to the window's construction, realization and
 *       mapping, to the first results in the grid, to the first frame and to that frame), then
 *       "settled ITEMS TILES RSS_KB" once the rest of the library is in the grid, then quits
 *   bench-ui scroll LIBRARY jumps|smooth N
 *       once the whole library is in the grid and the first screen drawn, scrolls it (bench-scroll.h: N random jumps, one per
 *       frame, or three rows per frame for N frames) and prints one JSON object: the time
 *       each frame took from "before-paint" to "after-paint" (p50, p95, max), the longest gap
 *       between two frames, how many tiles were alive and the size of a tile
 *   bench-ui scroll LIBRARY JUMPS
 *       the same as "jumps JUMPS"
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* RUSAGE_THREAD */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-core-team.h"
#include "medialib-window-private.h"

#include "bench-rss.h"
#include "bench-scroll.h"

typedef enum { MODE_STARTUP, MODE_SCROLL } Mode;

typedef enum {
  STEP_STARTUP,      /* GTK, libadwaita and the application started */
  STEP_WINDOW,       /* the window constructed (added to the application) */
  STEP_REALIZE,
  STEP_MAP,
  STEP_FIRST_PAGE,   /* the first results in the grid's model */
  STEP_FIRST_FRAME,
  STEP_FIRST_SCREEN, /* the first frame showing every thumbnail of the first screen */
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = {
  "startup", "window", "realize", "map", "first-page", "first-frame", "first-screen"
};

typedef struct
{
  Mode            mode;
  GApplication   *app;
  MedialibWindow *window;
  gboolean        first_screen;
  guint           settle_polls;
  gint64          main_time;
  gint64          steps[N_STEPS];
  BenchScroll     scroll;
} Bench;

static void
mark (Bench *bench,
      Step   step)
{
  if (bench->steps[step] != 0)
    return;

  bench->steps[step] = g_get_monotonic_time ();
  /* Under callgrind, MEDIALIB_BENCH_DUMP_STEPS=1 counts each step apart (the first screen
   * is dumped in any case) */
  if (step != STEP_FIRST_SCREEN && g_getenv ("MEDIALIB_BENCH_DUMP_STEPS") != NULL)
    CALLGRIND_DUMP_STATS_AT (step_names[step]);
}

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

/* Whether the last frame showed the grid with every thumbnail of its first screen */
static gboolean
first_screen_drawn (Bench *bench)
{
  GtkWidget *grid = GTK_WIDGET (bench->window->grid_view);
  guint on_screen = 0, with_thumbnail = 0;

  if (gtk_stack_get_visible_child (bench->window->stack) != gtk_widget_get_parent (grid) &&
      !gtk_widget_is_ancestor (grid, gtk_stack_get_visible_child (bench->window->stack)))
    return FALSE;

  count_tiles (grid, grid, &on_screen, &with_thumbnail);
  return on_screen > 0 && with_thumbnail == on_screen;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  guint on_screen = 0, with_thumbnail = 0;
  GString *line;

  mark (bench, STEP_FIRST_FRAME);
  if (bench->first_screen || !first_screen_drawn (bench))
    return;

  bench->first_screen = TRUE;
  mark (bench, STEP_FIRST_SCREEN);
  CALLGRIND_DUMP_STATS_AT ("first-screen");
  count_tiles (GTK_WIDGET (bench->window->grid_view), GTK_WIDGET (bench->window->grid_view),
               &on_screen, &with_thumbnail);
  line = g_string_new (NULL);
  g_string_append_printf (line, "first-screen %u %ld", on_screen, bench_rss_kb ());
  for (guint i = 0; i < N_STEPS; i++)
    g_string_append_printf (line, " %s=%.1f", step_names[i],
                            bench->steps[i] ? (bench->steps[i] - bench->main_time) / 1000.0 : -1.0);
  {
    struct rusage thread_usage, process_usage;

    /* Processor time of the main thread and of the whole process until then: how much of
     * the wait was the main thread's own work */
    getrusage (RUSAGE_THREAD, &thread_usage);
    getrusage (RUSAGE_SELF, &process_usage);
    g_string_append_printf (line, " main-cpu=%.1f process-cpu=%.1f",
                            (thread_usage.ru_utime.tv_sec + thread_usage.ru_stime.tv_sec) * 1000.0 +
                            (thread_usage.ru_utime.tv_usec + thread_usage.ru_stime.tv_usec) / 1000.0,
                            (process_usage.ru_utime.tv_sec + process_usage.ru_stime.tv_sec) * 1000.0 +
                            (process_usage.ru_utime.tv_usec + process_usage.ru_stime.tv_usec) / 1000.0);
  }
  printf ("%s\n", line->str);
  fflush (stdout);
  g_string_free (line, TRUE);
  g_timeout_add (50, settled_cb, bench);
}

/* Scrolling starts once the whole library is in the grid and the first screen is drawn */
static gboolean
scroll_ready (BenchScroll *scroll,
              gpointer     user_data)
{
  Bench *bench = user_data;

  if (bench->window->searching || bench->window->refresh_source != 0 || !first_screen_drawn (bench))
    {
      scroll->settle_polls = 0;
      return FALSE;
    }

  /* The whole library in the grid, and a few frames more */
  return ++scroll->settle_polls >= 4;
}

static void
on_first_page_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  if (g_list_model_get_n_items (model) > 0)
    {
      mark (bench, STEP_FIRST_PAGE);
      g_signal_handlers_disconnect_by_func (model, on_first_page_cb, bench);
    }
}

static void
on_realize_cb (GtkWidget *window,
               Bench     *bench)
{
  mark (bench, STEP_REALIZE);
}

static void
on_map_cb (GtkWidget *window,
           Bench     *bench)
{
  mark (bench, STEP_MAP);
}

static void
on_startup_cb (GApplication *app,
               Bench        *bench)
{
  mark (bench, STEP_STARTUP);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Bench          *bench)
{
  if (!MEDIALIB_IS_WINDOW (window) || bench->window != NULL)
    return;

  mark (bench, STEP_WINDOW);
  bench->window = MEDIALIB_WINDOW (window);

  if (bench->mode == MODE_SCROLL)
    {
      /* The grid over the window's width, as the bare grid's: the collections' sidebar
       * hidden (Shift+F9), so that both show as many tiles */
      adw_overlay_split_view_set_show_sidebar (bench->window->sidebar_split, FALSE);
      bench->scroll.app = bench->app;
      bench->scroll.grid = GTK_WIDGET (bench->window->grid_view);
      bench_scroll_start (&bench->scroll, GTK_WIDGET (window), scroll_ready, bench);
      return;
    }

  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), bench);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), bench);
  g_signal_connect (bench->window->selection, "items-changed", G_CALLBACK (on_first_page_cb), bench);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedialibApplication) app = NULL;
  Bench bench = { 0 };
  char *app_argv[] = { argv[0], NULL };
  int status;
  gboolean ok;

  bench.main_time = g_get_monotonic_time ();
  if (argc == 3 && g_str_equal (argv[1], "startup"))
    ok = TRUE, bench.mode = MODE_STARTUP;
  else if (argc == 4 && g_str_equal (argv[1], "scroll"))
    ok = bench_scroll_parse_mode (&bench.scroll, "jumps", argv[3]), bench.mode = MODE_SCROLL;
  else if (argc == 5 && g_str_equal (argv[1], "scroll"))
    ok = bench_scroll_parse_mode (&bench.scroll, argv[3], argv[4]), bench.mode = MODE_SCROLL;
  else
    ok = FALSE;
  if (!ok)
    {
      g_printerr ("usage: bench-ui startup LIBRARY | bench-ui scroll LIBRARY [jumps|smooth] N\n");
      return 2;
    }

  medialib_core_team_init ();
  g_set_application_name ("Media Library");
  app = medialib_application_new (argv[2], TRUE);
  bench.app = G_APPLICATION (app);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), &bench);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &bench);

  status = g_application_run (G_APPLICATION (app), 1, app_argv);

  if (bench.mode == MODE_SCROLL)
    {
      ok = bench.scroll.frames != NULL && bench.scroll.frames->len > 0;
      g_clear_pointer (&bench.scroll.frames, g_array_unref);
      g_clear_pointer (&bench.scroll.rand, g_rand_free);
    }
  else
    {
      ok = bench.first_screen;
    }
  return status != 0 ? status : (ok ? 0 : 1);
}
