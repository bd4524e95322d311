/* medialib-file-launch.h — Open With… and Show in Files for an asset's file, once the file
 * is on this computer
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medialib-store.h"

G_BEGIN_DECLS

void medialib_file_launch (GtkWidget     *widget,
                           MedialibStore *store,
                           MedialibAsset *asset,
                           gboolean       show_in_files);

G_END_DECLS
