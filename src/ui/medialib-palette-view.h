/* medialib-palette-view.h — an image's dominant colours as swatches that filter by colour
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medialib-asset.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_PALETTE_VIEW (medialib_palette_view_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPaletteView, medialib_palette_view, MEDIALIB, PALETTE_VIEW, GtkWidget)

GtkWidget *medialib_palette_view_new       (void);
void       medialib_palette_view_set_asset (MedialibPaletteView *self,
                                            MedialibAsset       *asset);
guint      medialib_palette_view_get_n_colors (MedialibPaletteView *self);
GtkWidget *medialib_color_swatch_new       (const char          *hex,
                                            int                  size);

G_END_DECLS
