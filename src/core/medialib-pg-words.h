/* medialib-pg-words.h — the words a team library's search finds, as PostgreSQL text search values
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *medialib_pg_words_document (const char  *name,
                                  const char  *search_extra,
                                  const char  *tag_names,
                                  const char  *team_names,
                                  GError     **error);
char *medialib_pg_words_query    (const char  *text,
                                  gboolean    *matches_nothing,
                                  GError     **error);

G_END_DECLS
