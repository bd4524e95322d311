/* medialib-cli.h
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command line (a public contract, see README.md). */
#define MEDIALIB_EXIT_OK       0
#define MEDIALIB_EXIT_PARTIAL  1
#define MEDIALIB_EXIT_USAGE    2

/* Not an exit status: medialib_cli_run() of the light `medialib` asks src/main-cli.c to run
 * the same command line in medialib-cli-full (an older library's likeness to compute first) */
#define MEDIALIB_CLI_RUN_FULL  (-1)

/* Which executable runs a command line (src/main-cli.c) */
typedef enum
{
  MEDIALIB_CLI_ROUTE_LOCAL,  /* the light `medialib`: a local library's commands */
  MEDIALIB_CLI_ROUTE_FULL,   /* medialib-cli-full: generate, quota, team, a team library */
  MEDIALIB_CLI_ROUTE_APP,    /* medialib-app: the window */
} MedialibCliRoute;

gboolean medialib_cli_wants (int                argc,
                             const char * const *argv,
                             char             **library_dir);
int      medialib_cli_run   (int                argc,
                             char             **argv);
gboolean medialib_cli_names_library (int                argc,
                                     const char * const *argv);
MedialibCliRoute medialib_cli_route (int                argc,
                                     const char * const *argv);
void     medialib_cli_full_init (void);

G_END_DECLS
