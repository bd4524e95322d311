/* medialib-application.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_APPLICATION (medialib_application_get_type ())

G_DECLARE_FINAL_TYPE (MedialibApplication, medialib_application, MEDIALIB, APPLICATION, AdwApplication)

MedialibApplication *medialib_application_new              (const char          *library_dir,
                                                            gboolean             own_instance);
const char          *medialib_application_get_library_dir  (MedialibApplication *self);
GSettings           *medialib_application_get_settings     (MedialibApplication *self);
MedialibStore       *medialib_application_take_opened_store (MedialibApplication *self,
                                                             const char          *dir);
gboolean             medialib_application_take_store_async  (MedialibApplication *self,
                                                             const char          *dir,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GHashTable          *medialib_application_take_first_screen (MedialibApplication *self,
                                                             const char          *dir);
gboolean             medialib_application_get_early_finished (MedialibApplication *self);
gboolean             medialib_application_get_svg_warmed   (MedialibApplication *self);
GPtrArray           *medialib_application_get_first_icons  (MedialibApplication *self);
MedialibStore       *medialib_application_take_store_finish (GAsyncResult        *result,
                                                             GError             **error);

void                 _medialib_ensure_resources            (void);

G_END_DECLS
