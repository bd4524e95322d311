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

GSettings *medialib_settings_new               (void);
guint64    medialib_settings_get_max_file_size (void);

G_END_DECLS
