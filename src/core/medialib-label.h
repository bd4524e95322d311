/* medialib-label.h — tags and team names
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MEDIALIB_LABEL_TAG,
  MEDIALIB_LABEL_TEAM,
} MedialibLabelKind;

#define MEDIALIB_LABEL_MAX_CHARS 64

char *medialib_label_normalize (MedialibLabelKind   kind,
                                const char         *text,
                                GError            **error);
char *medialib_label_key       (const char         *label);

char **_medialib_labels_split  (const char         *text,
                                char                separator);

G_END_DECLS
