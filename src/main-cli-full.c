/* main-cli-full.c — medialib-cli-full: every command, without GTK
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "medialib-cli.h"

/* What `medialib` (src/main-cli.c) hands generate, quota, team and a team library's
 * commands to, with its own arguments */
int
main (int   argc,
      char *argv[])
{
  const char *localedir;

  localedir = g_getenv ("MEDIALIB_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  medialib_cli_full_init ();
  return medialib_cli_run (argc, argv);
}
