/* empty-window.c — the start-up baseline for bench/run: an empty AdwApplicationWindow of
 * the same default size as Media Library's window. Prints "first-frame RSS_KB STEP=MS…" once
 * its first frame has been drawn, then quits. The steps are bench-ui's, in milliseconds from
 * main(): the end of the application's start-up, the window constructed, realized and
 * mapped, and the first frame. Under callgrind, MEDIALIB_BENCH_DUMP_STEPS=1 dumps the counts
 * at each step, as bench-ui does.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
# endif
#endif
#ifndef CALLGRIND_DUMP_STATS_AT
# define CALLGRIND_DUMP_STATS_AT(name)
#endif

#include "bench-rss.h"

typedef enum {
  STEP_STARTUP,
  STEP_WINDOW,
  STEP_REALIZE,
  STEP_MAP,
  STEP_FIRST_FRAME,
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = {
  "startup", "window", "realize", "map", "first-frame"
};

static gint64 main_time;
static gint64 steps[N_STEPS];

static void
mark (Step step)
{
  if (steps[step] != 0)
    return;

  steps[step] = g_get_monotonic_time ();
  if (g_getenv ("MEDIALIB_BENCH_DUMP_STEPS") != NULL)
    CALLGRIND_DUMP_STATS_AT (step_names[step]);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  mark (STEP_FIRST_FRAME);
  printf ("first-frame %ld", bench_rss_kb ());
  for (guint i = 0; i < N_STEPS; i++)
    printf (" %s=%.1f", step_names[i], steps[i] ? (steps[i] - main_time) / 1000.0 : -1.0);
  printf ("\n");
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget *window)
{
  mark (STEP_REALIZE);
}

static void
on_map_cb (GtkWidget *window)
{
  mark (STEP_MAP);
}

static void
on_startup_cb (GApplication *app)
{
  mark (STEP_STARTUP);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mark (STEP_WINDOW);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  main_time = g_get_monotonic_time ();
  app = adw_application_new ("org.example.EmptyWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
