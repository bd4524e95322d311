/* medialib-details-pane.h — the selected asset: preview, details, name, tags, teams
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_DETAILS_PANE (medialib_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (MedialibDetailsPane, medialib_details_pane, MEDIALIB, DETAILS_PANE, AdwBin)

void           medialib_details_pane_set_store  (MedialibDetailsPane *self,
                                                 MedialibStore       *store);
void           medialib_details_pane_set_asset  (MedialibDetailsPane *self,
                                                 MedialibAsset       *asset);
MedialibAsset *medialib_details_pane_get_asset  (MedialibDetailsPane *self);
void           medialib_details_pane_set_editable (MedialibDetailsPane *self,
                                                 gboolean             editable);
void           medialib_details_pane_set_labels (MedialibDetailsPane *self,
                                                 const char * const  *tags,
                                                 const char * const  *teams);

G_END_DECLS
