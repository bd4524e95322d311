/* medialib-pg-listener.h — a connection that listens for a team library's notices, watched
 * on a main loop
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-pg.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_PG_LISTENER (medialib_pg_listener_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPgListener, medialib_pg_listener, MEDIALIB, PG_LISTENER, GObject)

MedialibPgListener *medialib_pg_listener_new           (MedialibPg          *pg,
                                                        const char          *channel);
gboolean            medialib_pg_listener_start         (MedialibPgListener  *self,
                                                        GError             **error);
void                medialib_pg_listener_start_async   (MedialibPgListener  *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            medialib_pg_listener_start_finish  (MedialibPgListener  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                medialib_pg_listener_stop          (MedialibPgListener  *self);
gboolean            medialib_pg_listener_get_reachable (MedialibPgListener  *self);

G_END_DECLS
