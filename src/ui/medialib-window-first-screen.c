/* medialib-window-first-screen.c — what the window starts only once its first screen is drawn
 *
 * At start-up the first screen's thumbnails are decoded on workers while the main thread
 * lays out and draws the window. The sidebar's counts (a search of every fixed row), the
 * filters' tag and team lists and the library's check and backup read the whole library on
 * other workers: on a machine of two cores they took the processors from those that make
 * the first screen. So they wait until a frame has shown the first screen with its
 * thumbnails (or until there is nothing to wait for: an empty library, a failed search),
 * then run as they did. Later they run at once.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-window-private.h"

static void
run_pending (MedialibWindow *self)
{
  MedialibFirstScreenWork pending = self->first_screen_pending;

  self->first_screen_shown = TRUE;
  self->first_screen_pending = 0;
  _medialib_window_details_after_first_screen (self);
  if (pending & MEDIALIB_FIRST_SCREEN_SIDEBAR)
    _medialib_window_sidebar_refresh (self);
  if (pending & MEDIALIB_FIRST_SCREEN_MAINTAIN)
    {
      _medialib_window_refresh_labels (self);
      _medialib_window_maintain (self);
    }
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   MedialibWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  run_pending (self);
}

/**
 * _medialib_window_when_first_screen:
 *
 * Runs @work once the first screen has been drawn: at once if it has.
 */
void
_medialib_window_when_first_screen (MedialibWindow          *self,
                                    MedialibFirstScreenWork  work)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  self->first_screen_pending |= work;
  if (self->first_screen_shown)
    run_pending (self);
}

/**
 * _medialib_window_first_screen_ready:
 *
 * The first screen's tiles have their thumbnails, or there are none to wait for: what
 * waits for the first screen runs after the next frame (at once when the window is not
 * shown).
 */
void
_medialib_window_first_screen_ready (MedialibWindow *self)
{
  GdkFrameClock *clock;

  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->first_screen_shown)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      run_pending (self);
      return;
    }

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
