/* medialib-versions-group.h — the details pane's History: replacing the file, the versions
 * with Revert, and a crop's "Crop Again from the New Version"
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_VERSIONS_GROUP (medialib_versions_group_get_type ())

G_DECLARE_FINAL_TYPE (MedialibVersionsGroup, medialib_versions_group, MEDIALIB, VERSIONS_GROUP, AdwPreferencesGroup)

void medialib_versions_group_set_asset    (MedialibVersionsGroup *self,
                                           MedialibStore         *store,
                                           MedialibAsset         *asset);
void medialib_versions_group_set_editable (MedialibVersionsGroup *self,
                                           gboolean               editable);
void medialib_versions_group_replace      (MedialibVersionsGroup *self,
                                           GFile                 *file);
void medialib_versions_group_attach_drop  (MedialibVersionsGroup *self,
                                           GtkWidget             *target);

G_END_DECLS
