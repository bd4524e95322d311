/* main.c — medialib-app: the window (and every command)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "medialib-cli.h"
#include "medialib-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedialibApplication) app = NULL;
  g_autofree char *library_dir = NULL;
  const char *localedir;

  /* The catalogues are installed under LOCALEDIR. An uninstalled build has not put them
   * there: build-aux/dev, meson test and meson devenv name the ones it compiled (build/po). */
  localedir = g_getenv ("MEDIALIB_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Started by `medialib` (src/main-cli.c) or by D-Bus, still "medialib" to the desktop:
   * the X11 WM_CLASS and the shell's matching of windows to the desktop file */
  g_set_prgname ("medialib");
  medialib_cli_full_init ();

  /* With a sub-command (or --help, --version) the binary is the command line: it does its
   * work and exits without opening a window. */
  if (medialib_cli_wants (argc, (const char * const *) argv, &library_dir))
    return medialib_cli_run (argc, argv);

  g_set_application_name (_("Media Library"));
  /* A library named on the command line gets an instance of its own; the default one (or
   * MEDIALIB_LIBRARY's) is a single instance that "Open With" and the search provider reach. */
  app = medialib_application_new (library_dir, medialib_cli_names_library (argc, (const char * const *) argv));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
