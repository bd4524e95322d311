/* medialib-export-dialog.h — export an image for several channels at once
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-crop.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_EXPORT_DIALOG (medialib_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibExportDialog, medialib_export_dialog, MEDIALIB, EXPORT_DIALOG, AdwDialog)

MedialibExportDialog *medialib_export_dialog_new         (MedialibStore        *store,
                                                          MedialibAsset        *asset);
gboolean              medialib_export_dialog_is_ready    (MedialibExportDialog *self);
void                  medialib_export_dialog_set_folder  (MedialibExportDialog *self,
                                                          GFile                *folder);
gboolean              medialib_export_dialog_set_chosen  (MedialibExportDialog *self,
                                                          const char           *key,
                                                          gboolean              chosen);
gboolean              medialib_export_dialog_get_rect    (MedialibExportDialog *self,
                                                          const char           *key,
                                                          MedialibRect         *rect);

G_END_DECLS
