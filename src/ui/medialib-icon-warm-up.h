/* medialib-icon-warm-up.h — the icon theme read and the first screen's icons loaded on a
 * worker while GTK starts
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GPtrArray *medialib_icon_warm_up        (GtkIconTheme         *theme,
                                         GtkTextDirection      direction,
                                         int                   scale,
                                         gboolean             *svg_warmed);
void       medialib_icon_warm_up_async  (GdkDisplay           *display,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray *medialib_icon_warm_up_finish (GAsyncResult         *result,
                                         gboolean             *svg_warmed,
                                         GError              **error);

G_END_DECLS
