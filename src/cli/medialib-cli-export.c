/* medialib-cli-export.c — export for channels
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
#include "medialib-export.h"

/* Decodes and encodes images (GdkPixbuf): in medialib-cli-full, like crop */

int
cmd_export (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *channels = NULL;
  g_autofree char *folder = NULL;
  gboolean add = FALSE;
  GOptionEntry entries[] = {
    { "channels", 0, 0, G_OPTION_ARG_STRING, &channels, N_("“all”, or channel preset keys separated by commas (see “medialib presets”)"), N_("KEYS") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("The folder to write the files and manifest.json into"), N_("DIR") },
    { "add-to-library", 0, 0, G_OPTION_ARG_NONE, &add, N_("Also add each file to the library as a crop of the asset"), NULL },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) choices = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("export", _("ID"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len > 1)
    return usage_error (_("export: give one asset id"));
  if (channels == NULL)
    return usage_error (_("export: say which --channels (“all” or preset keys)"));
  if (folder == NULL)
    return usage_error (_("export: say which folder with --to DIR"));
  if (!(choices = medialib_export_parse_channels (channels, &error)))
    return usage_error ("export: %s", error->message);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(asset = medialib_store_get_asset (store, g_array_index (ids, gint64, 0), &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  results = medialib_store_export (store, asset, choices, folder, add, NULL, NULL, NULL, &error);
  if (results == NULL)
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  for (guint i = 0; i < results->len; i++)
    {
      const MedialibExportResult *r = g_ptr_array_index (results, i);
      g_autofree char *text = medialib_crop_describe_warnings (r->preset, r->warnings);
      g_auto(GStrv) lines = text ? g_strsplit (text, "\n", -1) : NULL;

      for (guint l = 0; lines != NULL && lines[l] != NULL; l++)
        fprintf (stderr, "medialib: %s: %s: %s\n", _("warning"), r->file, lines[l]);
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_export_manifest (results);
      print_json (node);
    }
  else
    for (guint i = 0; i < results->len; i++)
      {
        const MedialibExportResult *r = g_ptr_array_index (results, i);

        if (r->crop_id > 0)
          printf ("wrote %s (%d × %d), added %" G_GINT64_FORMAT "\n", r->file, r->width, r->height, r->crop_id);
        else
          printf ("wrote %s (%d × %d)\n", r->file, r->width, r->height);
      }

  return MEDIALIB_EXIT_OK;
}
