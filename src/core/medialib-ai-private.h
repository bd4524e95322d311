/* medialib-ai-private.h — shared by the AI client's files
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "medialib-ai-client.h"

G_BEGIN_DECLS

/* One image of an ImagesResponse: its bytes (b64_json), or else where to download it */
typedef struct
{
  GBytes *bytes;
  char   *url;
} MedialibAiImage;

/* What an event of a stream (server-sent events) brings */
typedef enum {
  MEDIALIB_AI_EVENT_OTHER,      /* [DONE], or an event that carries no image */
  MEDIALIB_AI_EVENT_PARTIAL,    /* a partial image (which may be missing) */
  MEDIALIB_AI_EVENT_COMPLETED,  /* a finished image */
} MedialibAiEventKind;

JsonObject *_medialib_ai_object_member   (JsonObject  *object,
                                          const char  *name);
JsonArray  *_medialib_ai_array_member    (JsonObject  *object,
                                          const char  *name);
const char *_medialib_ai_string_member   (JsonObject  *object,
                                          const char  *name);
GError     *_medialib_ai_transport_error (const char  *base_url,
                                          guint        timeout,
                                          GError      *error);
void        _medialib_ai_redact_key      (GError      *error,
                                          const char  *api_key);
GError     *_medialib_ai_http_error      (guint        status,
                                          SoupMessage *message,
                                          GBytes      *body);

/* The parsing of answers, apart from the requests: pure functions, also fuzzed */
void        _medialib_ai_image_free      (MedialibAiImage      *image);
gboolean    _medialib_ai_parse_images_response (GBytes               *body,
                                                GPtrArray           **images,
                                                GError              **error);
char       *_medialib_ai_stream_add_line (GString              *event,
                                          const char           *line);
gboolean    _medialib_ai_parse_stream_event (const char           *data,
                                             MedialibAiEventKind  *kind,
                                             GBytes              **image,
                                             GError              **error);

GPtrArray  *_medialib_ai_check_variants (GBytes * const       *slots,
                                         GError              **error);

/* What medialib-ai-suggest.c needs of the client */
SoupMessage *_medialib_ai_client_new_post        (MedialibAiClient  *self,
                                                  const char        *path,
                                                  GBytes            *body,
                                                  GError           **error);
SoupSession *_medialib_ai_client_get_session     (MedialibAiClient  *self);
GError      *_medialib_ai_client_transport_error (MedialibAiClient  *self,
                                                  GError            *error);
void         _medialib_ai_client_redact          (MedialibAiClient  *self,
                                                  GError            *error);

/* Suggestions: the request's text and the parsing of the answer (also fuzzed) */
char        *_medialib_ai_suggest_prompt        (const char        *language);
MedialibAiSuggestion *_medialib_ai_parse_suggestion (GBytes        *body,
                                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibAiImage, _medialib_ai_image_free)

G_END_DECLS
