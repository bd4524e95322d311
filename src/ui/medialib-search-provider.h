/* medialib-search-provider.h — the library in GNOME Shell's search
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-application.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_SEARCH_PROVIDER (medialib_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (MedialibSearchProvider, medialib_search_provider, MEDIALIB, SEARCH_PROVIDER, GObject)

MedialibSearchProvider *medialib_search_provider_new        (MedialibApplication    *application);
gboolean                medialib_search_provider_register   (MedialibSearchProvider *self,
                                                             GDBusConnection        *connection,
                                                             const char             *object_path,
                                                             GError                **error);
void                    medialib_search_provider_unregister (MedialibSearchProvider *self);

G_END_DECLS
