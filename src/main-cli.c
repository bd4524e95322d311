/* main-cli.c — `medialib`: the light command line, which hands what it does not run itself
 * to medialib-cli-full or medialib-app
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "medialib-cli.h"

/*
 * Starting a program costs mostly the dynamic loader's binding of its libraries' symbols:
 * GTK and libadwaita, but also libpq, libsoup and libsecret (and what they pull in), cost
 * ~17 ms, where `medialib list` on an empty library takes ~3 ms. This executable links the
 * core's local half only (src/core/meson.build) and runs --help, --version and the
 * commands on a local library. Everything else is execv()'d, with the same arguments, to
 * a sibling in MEDIALIB_LIBEXECDIR (the build tree's; build-aux/dev, meson test and meson
 * devenv set it) or LIBEXECDIR: medialib-cli-full for generate, quota, team and a team
 * library, medialib-app for the window (no command, files to open, --gapplication-…).
 * execv() keeps the process: its pid, its standard streams, its D-Bus activation.
 */

static int
exec_sibling (const char  *name,
              char       **argv)
{
  const char *dir = g_getenv ("MEDIALIB_LIBEXECDIR");
  g_autofree char *path = NULL;
  int saved_errno;

  if (dir == NULL || dir[0] == '\0')
    dir = LIBEXECDIR;

  path = g_build_filename (dir, name, NULL);
  execv (path, argv);

  saved_errno = errno;
  /* Translators: %s are a program's path and why it cannot run */
  fprintf (stderr, _("medialib: %s cannot run: %s\n"), path, g_strerror (saved_errno));
  return 1;
}

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

  switch (medialib_cli_route (argc, (const char * const *) argv))
    {
    case MEDIALIB_CLI_ROUTE_LOCAL:
      {
        g_auto(GStrv) again = g_strdupv (argv);
        int status = medialib_cli_run (argc, argv);

        if (status != MEDIALIB_CLI_RUN_FULL)
          return status;
        return exec_sibling ("medialib-cli-full", again);
      }
    case MEDIALIB_CLI_ROUTE_FULL:
      return exec_sibling ("medialib-cli-full", argv);
    case MEDIALIB_CLI_ROUTE_APP:
    default:
      return exec_sibling ("medialib-app", argv);
    }
}
