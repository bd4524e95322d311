/* medialib-settings.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The product rule: every file must be under 5 MiB. */
#define MEDIALIB_DEFAULT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (5) * 1024 * 1024)

/* The product rule: ten generations a day for the whole library. */
#define MEDIALIB_DEFAULT_AI_DAILY_LIMIT 10

GSettings *medialib_settings_new                 (void);
guint64    medialib_settings_get_max_file_size   (void);
char      *medialib_settings_dup_ai_base_url     (void);
char      *medialib_settings_dup_ai_model        (void);
char      *medialib_settings_dup_ai_vision_model (void);
char      *medialib_settings_dup_ai_size         (void);
guint      medialib_settings_get_ai_daily_limit  (void);

G_END_DECLS
