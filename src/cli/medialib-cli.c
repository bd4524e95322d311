/* medialib-cli.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "medialib-cli.h"

static const char * const subcommands[] = {
  "import", "list", "info", "edit", "tags", "teams", "delete", NULL,
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s",
           _("Usage:\n"
             "  medialib [--library DIR]                 open the library window\n"
             "  medialib [--library DIR] [--json] COMMAND [ARGS...]\n"
             "\n"
             "Options:\n"
             "  --library DIR   use the library in DIR (also MEDIALIB_LIBRARY=DIR)\n"
             "  --json          machine-readable output on stdout\n"
             "  --version       print the version\n"
             "  -h, --help      print this help\n"));
}

gboolean
medialib_cli_wants (int                argc,
                    const char * const *argv,
                    char             **library_dir)
{
  g_return_val_if_fail (library_dir != NULL, FALSE);

  *library_dir = g_strdup (g_getenv ("MEDIALIB_LIBRARY"));

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--library") && i + 1 < argc)
        g_set_str (library_dir, argv[++i]);
      else if (g_str_has_prefix (arg, "--library="))
        g_set_str (library_dir, arg + strlen ("--library="));
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") ||
               g_str_equal (arg, "--version") || g_str_equal (arg, "--json"))
        return TRUE;
      else if (arg[0] != '-')
        return g_strv_contains (subcommands, arg);
    }

  return FALSE;
}

int
medialib_cli_run (int    argc,
                  char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--version"))
        {
          printf ("medialib %s\n", PACKAGE_VERSION);
          return MEDIALIB_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return MEDIALIB_EXIT_OK;
        }
    }

  print_help (stderr);
  return MEDIALIB_EXIT_USAGE;
}
