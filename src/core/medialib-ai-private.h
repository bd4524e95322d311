/* medialib-ai-private.h — shared by the AI client's files
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

JsonObject *_medialib_ai_object_member   (JsonObject  *object,
                                          const char  *name);
JsonArray  *_medialib_ai_array_member    (JsonObject  *object,
                                          const char  *name);
const char *_medialib_ai_string_member   (JsonObject  *object,
                                          const char  *name);
GError     *_medialib_ai_transport_error (const char  *base_url,
                                          guint        timeout,
                                          GError      *error);
GError     *_medialib_ai_http_error      (guint        status,
                                          SoupMessage *message,
                                          GBytes      *body);

G_END_DECLS
