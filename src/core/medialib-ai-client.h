/* medialib-ai-client.h — image generation on an OpenAI-compatible server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDIALIB_AI_ERROR (medialib_ai_error_quark ())

typedef enum {
  MEDIALIB_AI_ERROR_UNAUTHORIZED,     /* 401: the key was refused */
  MEDIALIB_AI_ERROR_NO_CREDIT,        /* 429 insufficient_quota */
  MEDIALIB_AI_ERROR_RATE_LIMITED,     /* other 429 */
  MEDIALIB_AI_ERROR_CONTENT_POLICY,   /* 400 content_policy_violation */
  MEDIALIB_AI_ERROR_REQUEST,          /* other 4xx */
  MEDIALIB_AI_ERROR_SERVER,           /* 5xx */
  MEDIALIB_AI_ERROR_CONNECTION,       /* refused, unreachable, name not found */
  MEDIALIB_AI_ERROR_TLS,
  MEDIALIB_AI_ERROR_TIMEOUT,
  MEDIALIB_AI_ERROR_BAD_RESPONSE,     /* not the JSON of the contract */
  MEDIALIB_AI_ERROR_TOO_FEW_IMAGES,
  MEDIALIB_AI_ERROR_NOT_AN_IMAGE,
  MEDIALIB_AI_ERROR_QUOTA,            /* the library's daily limit */
  MEDIALIB_AI_ERROR_PROMPT,           /* empty or longer than 300 characters */
} MedialibAiError;

#define MEDIALIB_AI_VARIANTS        4
#define MEDIALIB_AI_PROMPT_MAX_CHARS 300

/* One generated image, checked like an upload */
typedef struct
{
  GBytes     *bytes;
  const char *mime;       /* image/png, image/jpeg or image/gif */
  int         width;
  int         height;
  gboolean    reencoded;  /* a PNG of 5 MB or more, made a JPEG */
} MedialibAiVariant;

/* A partial image of variant @index (0 to 3) while streaming; called in the thread-default
 * main context of the request. */
typedef void (*MedialibAiPartialFunc) (guint     index,
                                       GBytes   *image,
                                       gpointer  user_data);

/* What a vision model suggests for an image (medialib-ai-suggest.c) */
typedef struct
{
  char  *alt;   /* one sentence, never empty, at most 1,000 characters */
  char **tags;  /* at most MEDIALIB_AI_SUGGESTED_TAGS, normalized, distinct; never NULL */
} MedialibAiSuggestion;

#define MEDIALIB_AI_SUGGESTED_TAGS 5

#define MEDIALIB_TYPE_AI_CLIENT (medialib_ai_client_get_type ())

G_DECLARE_FINAL_TYPE (MedialibAiClient, medialib_ai_client, MEDIALIB, AI_CLIENT, GObject)

GQuark            medialib_ai_error_quark            (void);
gboolean          medialib_ai_check_prompt           (const char            *prompt,
                                                      GError               **error);
MedialibAiClient *medialib_ai_client_new             (const char            *base_url,
                                                      const char            *model,
                                                      const char            *size,
                                                      const char            *api_key);
MedialibAiClient *medialib_ai_client_new_from_settings (const char          *api_key);
const char       *medialib_ai_client_get_model       (MedialibAiClient      *self);
void              medialib_ai_client_set_timeout     (MedialibAiClient      *self,
                                                      guint                  seconds);
void              medialib_ai_client_generate_async  (MedialibAiClient      *self,
                                                      const char            *prompt,
                                                      GCancellable          *cancellable,
                                                      MedialibAiPartialFunc  partial,
                                                      gpointer               partial_data,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GPtrArray        *medialib_ai_client_generate_finish (MedialibAiClient      *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
void              medialib_ai_variant_free           (MedialibAiVariant     *variant);

const char       *medialib_ai_client_get_vision_model (MedialibAiClient     *self);
void              medialib_ai_client_set_vision_model (MedialibAiClient     *self,
                                                       const char           *model);
char             *medialib_ai_suggest_language       (void);
void              medialib_ai_client_suggest_async   (MedialibAiClient      *self,
                                                      GBytes                *image,
                                                      const char            *mime,
                                                      const char            *language,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
MedialibAiSuggestion *medialib_ai_client_suggest_finish (MedialibAiClient   *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
void              medialib_ai_suggestion_free        (MedialibAiSuggestion  *suggestion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibAiSuggestion, medialib_ai_suggestion_free)

G_END_DECLS
