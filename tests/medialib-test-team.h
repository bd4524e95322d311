/* medialib-test-team.h — the core tests' team backend: a team library on the servers that
 * tests/team-servers.py starts, a fresh PostgreSQL schema per library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-store.h"

G_BEGIN_DECLS

MedialibStore *test_team_open     (const char  *library,
                                   GError     **error);
MedialibStore *test_team_open_with_endpoint (const char  *library,
                                             const char  *endpoint,
                                             GError     **error);
void           test_team_exec     (const char  *library,
                                   const char  *sql);
char          *test_team_trap_sql (const char  *event,
                                   const char  *table,
                                   gboolean     at_commit);
void           test_team_cleanup  (const char  *library);

G_END_DECLS
