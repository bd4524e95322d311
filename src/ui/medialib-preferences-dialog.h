/* medialib-preferences-dialog.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-application.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_PREFERENCES_DIALOG (medialib_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPreferencesDialog, medialib_preferences_dialog, MEDIALIB, PREFERENCES_DIALOG, AdwPreferencesDialog)

MedialibPreferencesDialog *medialib_preferences_dialog_new (MedialibApplication *application);

G_END_DECLS
