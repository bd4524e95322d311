/* medialib-selection.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MEDIALIB_TYPE_SELECTION (medialib_selection_get_type ())

G_DECLARE_FINAL_TYPE (MedialibSelection, medialib_selection, MEDIALIB, SELECTION, GObject)

MedialibSelection *medialib_selection_new       (GListModel        *model);
GListModel        *medialib_selection_get_model (MedialibSelection *self);
void               medialib_selection_set_model (MedialibSelection *self,
                                                 GListModel        *model);

G_END_DECLS
