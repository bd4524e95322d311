/* medialib-tile-label.h — one line of a tile's text: its name, or a tag's chip
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MEDIALIB_TYPE_TILE_LABEL (medialib_tile_label_get_type ())

G_DECLARE_FINAL_TYPE (MedialibTileLabel, medialib_tile_label, MEDIALIB, TILE_LABEL, GtkWidget)

GtkWidget          *medialib_tile_label_new           (void);
void                medialib_tile_label_set_text      (MedialibTileLabel  *self,
                                                       const char         *text);
const char         *medialib_tile_label_get_text      (MedialibTileLabel  *self);
void                medialib_tile_label_set_ellipsize (MedialibTileLabel  *self,
                                                       PangoEllipsizeMode  mode);
PangoEllipsizeMode  medialib_tile_label_get_ellipsize (MedialibTileLabel  *self);
void                medialib_tile_label_set_max_chars (MedialibTileLabel  *self,
                                                       guint               max_chars);
gboolean            medialib_tile_label_is_ellipsized (MedialibTileLabel  *self);
guint               medialib_tile_label_get_n_fonts_measured (void);

G_END_DECLS
