/* medialib-alt-editor.h — an image's alt text in the details pane, with suggestions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_ALT_EDITOR (medialib_alt_editor_get_type ())

G_DECLARE_FINAL_TYPE (MedialibAltEditor, medialib_alt_editor, MEDIALIB, ALT_EDITOR, AdwBin)

void        medialib_alt_editor_set_store    (MedialibAltEditor *self,
                                              MedialibStore     *store);
void        medialib_alt_editor_set_asset    (MedialibAltEditor *self,
                                              MedialibAsset     *asset);
char       *medialib_alt_editor_dup_text     (MedialibAltEditor *self);
void        medialib_alt_editor_set_text     (MedialibAltEditor *self,
                                              const char        *text);
gboolean    medialib_alt_editor_is_suggesting (MedialibAltEditor *self);

G_END_DECLS
