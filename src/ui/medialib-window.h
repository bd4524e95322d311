/* medialib-window.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-application.h"
#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_WINDOW (medialib_window_get_type ())

G_DECLARE_FINAL_TYPE (MedialibWindow, medialib_window, MEDIALIB, WINDOW, AdwApplicationWindow)

MedialibWindow *medialib_window_new       (MedialibApplication *application);
MedialibStore  *medialib_window_get_store (MedialibWindow      *self);
void            medialib_window_import    (MedialibWindow      *self,
                                           GFile              **files,
                                           guint                n_files);
void            medialib_window_show_asset (MedialibWindow     *self,
                                           gint64               id);
void            medialib_window_search    (MedialibWindow      *self,
                                           const char          *text);
int             medialib_window_saved_tile_width (GSettings      *settings);
guint           medialib_window_first_screen_tiles (int               width,
                                                    int               height);

G_END_DECLS
