/* medialib-pg-private.h — what medialib-pg.c and medialib-pg-connect.c share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-pg.h"

G_BEGIN_DECLS

char   *_medialib_pg_first_line   (const char  *message,
                                   const char  *sqlstate);
char   *_medialib_pg_scrub_full   (const char  *text,
                                   const char  *conninfo,
                                   const char  *password_given);
PGconn *_medialib_pg_connect_full (const char  *conninfo,
                                   const char  *password,
                                   gboolean    *needs_password,
                                   GError     **error);

G_END_DECLS
