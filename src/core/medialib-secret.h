/* medialib-secret.h — the API key of the image server, in the user's keyring
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *medialib_secret_lookup_sync   (const char           *server,
                                         GCancellable         *cancellable,
                                         GError              **error);
void      medialib_secret_lookup_async  (const char           *server,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char     *medialib_secret_lookup_finish (GAsyncResult         *result,
                                         GError              **error);
void      medialib_secret_store_async   (const char           *server,
                                         const char           *key,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  medialib_secret_store_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
