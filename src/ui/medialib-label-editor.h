/* medialib-label-editor.h — the tags or teams of an asset, editable, with suggestions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MEDIALIB_TYPE_LABEL_EDITOR (medialib_label_editor_get_type ())

G_DECLARE_FINAL_TYPE (MedialibLabelEditor, medialib_label_editor, MEDIALIB, LABEL_EDITOR, AdwBin)

void medialib_label_editor_set_labels      (MedialibLabelEditor *self,
                                            const char * const  *labels);
void medialib_label_editor_set_suggestions (MedialibLabelEditor *self,
                                            const char * const  *names);

G_END_DECLS
