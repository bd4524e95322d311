/* bench-scroll.h — scrolling a grid view frame by frame and timing its frames, shared by
 * bench-ui (the app's window) and bare-grid (its baseline)
 *
 * Two modes: "jumps N" moves the grid to N random positions (seeded, so both programs visit
 * the same fractions of the list), one per frame; "smooth N" moves it down by three rows per
 * frame for N frames. Each frame's time runs from the frame clock's before-paint to its
 * after-paint; bench_scroll_finish() prints them as one JSON object.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-rss.h"

/* Under valgrind --tool=callgrind, the counts of the scrolling alone are dumped apart */
#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
# endif
#endif
#ifndef CALLGRIND_ZERO_STATS
# define CALLGRIND_ZERO_STATS
# define CALLGRIND_DUMP_STATS_AT(name)
#endif

#define BENCH_SCROLL_SEED 7
#define BENCH_SCROLL_ROWS_PER_FRAME 3

typedef enum { BENCH_SCROLL_JUMPS, BENCH_SCROLL_SMOOTH } BenchScrollMode;

typedef struct _BenchScroll BenchScroll;

/* Whether the first screen is drawn and scrolling may start (called after each frame) */
typedef gboolean (*BenchScrollReady) (BenchScroll *bench,
                                      gpointer     user_data);

struct _BenchScroll
{
  BenchScrollMode   mode;
  guint             count;
  GApplication     *app;
  GtkWidget        *grid;
  BenchScrollReady  ready;
  gpointer          ready_data;
  gboolean          started;
  GRand            *rand;
  guint             done;
  double            row_pitch;
  gint64            frame_start;
  gint64            last_frame_end;
  GArray           *frames;   /* of double, milliseconds */
  double            longest_gap;
  guint             max_tiles;
  guint             settle_polls;
};

static inline gboolean
bench_scroll_parse_mode (BenchScroll *bench,
                         const char  *mode,
                         const char  *count)
{
  if (g_strcmp0 (mode, "jumps") == 0)
    bench->mode = BENCH_SCROLL_JUMPS;
  else if (g_strcmp0 (mode, "smooth") == 0)
    bench->mode = BENCH_SCROLL_SMOOTH;
  else
    return FALSE;
  bench->count = (guint) atoi (count);
  return bench->count > 0;
}

/* The grid's children that hold a tile */
static inline guint
bench_scroll_count_tiles (GtkWidget *grid)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_first_child (child) != NULL)
      n++;
  return n;
}

/* The distance between two rows of the grid: the smallest gap between two children's tops */
static inline double
bench_scroll_row_pitch (GtkWidget *grid)
{
  double first = -1, pitch = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child) || !gtk_widget_compute_bounds (child, grid, &bounds))
        continue;
      if (first < 0)
        first = bounds.origin.y;
      else if (ABS (bounds.origin.y - first) > 1 && (pitch == 0 || ABS (bounds.origin.y - first) < pitch))
        pitch = ABS (bounds.origin.y - first);
    }
  return pitch;
}

static inline int
bench_scroll_compare_doubles (const void *a,
                              const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The first tile's minimum width and natural height */
static inline void
bench_scroll_tile_size (GtkWidget *grid,
                        int       *width,
                        int       *height)
{
  *width = *height = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);

      if (tile == NULL || !gtk_widget_get_mapped (tile))
        continue;
      gtk_widget_measure (tile, GTK_ORIENTATION_HORIZONTAL, -1, width, NULL, NULL, NULL);
      gtk_widget_measure (tile, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (tile), NULL, height,
                          NULL, NULL);
      return;
    }
}

static inline void
bench_scroll_finish (BenchScroll *bench,
                     guint        items)
{
  double *v = (double *) (gpointer) bench->frames->data;
  guint n = bench->frames->len;
  int tile_width, tile_height;

  bench_scroll_tile_size (bench->grid, &tile_width, &tile_height);
  qsort (v, n, sizeof (double), bench_scroll_compare_doubles);
  printf ("{\"mode\": \"%s\", \"frames\": %u, \"p50\": %.3f, \"p95\": %.3f, \"max\": %.3f, "
          "\"longest_gap\": %.3f, \"max_tiles\": %u, \"tiles_at_end\": %u, \"items\": %u, "
          "\"rss_kb\": %ld, \"tile_width\": %d, \"tile_height\": %d, \"row_pitch\": %.1f}\n",
          bench->mode == BENCH_SCROLL_JUMPS ? "jumps" : "smooth",
          n, n ? v[n / 2] : 0, n ? v[MIN (n - 1, (guint) (n * 0.95))] : 0, n ? v[n - 1] : 0,
          bench->longest_gap, bench->max_tiles, bench_scroll_count_tiles (bench->grid), items,
          bench_rss_kb (), tile_width, tile_height, bench->row_pitch);
  fflush (stdout);
}

static inline gboolean
bench_scroll_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  BenchScroll *bench = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->grid));
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (bench->done == bench->count)
    {
      GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (bench->grid)));

      CALLGRIND_DUMP_STATS_AT ("scrolling");
      bench_scroll_finish (bench, g_list_model_get_n_items (model));
      g_application_quit (bench->app);
      return G_SOURCE_REMOVE;
    }

  bench->done++;
  if (bench->mode == BENCH_SCROLL_JUMPS)
    gtk_adjustment_set_value (adjustment, g_rand_double_range (bench->rand, 0, MAX (range, 0)));
  else
    gtk_adjustment_set_value (adjustment, MIN (range, gtk_adjustment_get_value (adjustment) +
                                                      BENCH_SCROLL_ROWS_PER_FRAME * bench->row_pitch));
  return G_SOURCE_CONTINUE;
}

static inline void
bench_scroll_before_paint_cb (GdkFrameClock *clock,
                              BenchScroll   *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static inline void
bench_scroll_after_paint_cb (GdkFrameClock *clock,
                             BenchScroll   *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (!bench->started)
    {
      if (!bench->ready (bench, bench->ready_data))
        {
          gtk_widget_queue_draw (bench->grid);   /* ask again at the next frame */
          return;
        }
      bench->started = TRUE;
      bench->row_pitch = bench_scroll_row_pitch (bench->grid);
      bench->last_frame_end = now;
      gtk_widget_add_tick_callback (bench->grid, bench_scroll_tick_cb, bench, NULL);
      CALLGRIND_ZERO_STATS;
      return;
    }

  if (bench->done == 0 || bench->frame_start == 0)
    return;

  g_array_append_val (bench->frames, (double) { (now - bench->frame_start) / 1000.0 });
  bench->longest_gap = MAX (bench->longest_gap, (now - bench->last_frame_end) / 1000.0);
  bench->last_frame_end = now;
  bench->max_tiles = MAX (bench->max_tiles, bench_scroll_count_tiles (bench->grid));
}

/* Times the frames of WINDOW (not yet presented) once READY says the first screen is drawn */
static inline void
bench_scroll_start (BenchScroll      *bench,
                    GtkWidget        *window,
                    BenchScrollReady  ready,
                    gpointer          ready_data)
{
  GdkFrameClock *clock;

  bench->ready = ready;
  bench->ready_data = ready_data;
  bench->rand = g_rand_new_with_seed (BENCH_SCROLL_SEED);
  bench->frames = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (bench_scroll_before_paint_cb), bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_scroll_after_paint_cb), bench);
}
