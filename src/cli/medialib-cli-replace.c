/* medialib-cli-replace.c — replace
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "medialib-cli-private.h"

/* The new file is checked as an import's are, decoded: the full command line runs it */

int
cmd_replace (Globals  *globals,
             int       argc,
             char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *number = NULL;
  int status = MEDIALIB_EXIT_OK;
  gint64 id;

  if (!parse_options ("replace", _("ID FILE"), entries, &argc, &argv, &status) ||
      !parse_one_id ("replace", argc, argv, 2, &id, &status))
    return status;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!medialib_store_replace (store, id, argv[2], &error))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: %s is an asset's id */
  done = g_strdup_printf (_("Replaced the content of asset %s; the previous one is kept as a version"), number);
  return print_asset_after (globals, store, id, done);
}
