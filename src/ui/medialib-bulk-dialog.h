/* medialib-bulk-dialog.h — the tags and teams of many selected assets, changed at once
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_BULK_DIALOG (medialib_bulk_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibBulkDialog, medialib_bulk_dialog, MEDIALIB, BULK_DIALOG, AdwDialog)

MedialibBulkDialog *medialib_bulk_dialog_new         (GPtrArray          *assets);
guint               medialib_bulk_dialog_get_count   (MedialibBulkDialog *self,
                                                      MedialibLabelKind   kind,
                                                      const char         *name);
gboolean            medialib_bulk_dialog_set_label   (MedialibBulkDialog *self,
                                                      MedialibLabelKind   kind,
                                                      const char         *name,
                                                      gboolean            on_all);
GPtrArray          *medialib_bulk_dialog_dup_changes (MedialibBulkDialog *self);
void                medialib_bulk_dialog_apply       (MedialibBulkDialog *self);

G_END_DECLS
