/* ai-standin.h — a stand-in OpenAI-compatible image server for the tests
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AiStandin AiStandin;

AiStandin *ai_standin_new              (const char *key);
char      *ai_standin_dup_base_url     (AiStandin  *self);
gboolean   ai_standin_checks_contract  (AiStandin  *self);
guint      ai_standin_get_requests     (AiStandin  *self);
guint      ai_standin_get_violations   (AiStandin  *self);
guint      ai_standin_get_chat_requests (AiStandin *self);
const char *ai_standin_get_chat_language (AiStandin *self);
void       ai_standin_get_chat_image_size (AiStandin *self,
                                          int       *width,
                                          int       *height);
void       ai_standin_free             (AiStandin  *self);

G_END_DECLS
