/* medialib-generate-dialog.h — "AI Image Generator"
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_GENERATE_DIALOG (medialib_generate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibGenerateDialog, medialib_generate_dialog, MEDIALIB, GENERATE_DIALOG, AdwDialog)

MedialibGenerateDialog *medialib_generate_dialog_new            (MedialibStore          *store,
                                                                 const char * const     *tags,
                                                                 const char * const     *teams);
void                    medialib_generate_dialog_set_prompt     (MedialibGenerateDialog *self,
                                                                 const char             *prompt);

G_END_DECLS
