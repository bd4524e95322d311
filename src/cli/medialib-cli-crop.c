/* medialib-cli-crop.c — crop
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
#include "medialib-crop.h"

/*
 * crop decodes and encodes images (GdkPixbuf): it runs in medialib-cli-full, so that the
 * light `medialib` does not load GdkPixbuf and its loaders' libraries for the other commands.
 */

static gboolean
parse_rect (const char   *text,
            MedialibRect *rect)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gint64 values[4];

  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, -G_MAXINT, G_MAXINT, &values[i], NULL))
      return FALSE;

  *rect = (MedialibRect) { (int) values[0], (int) values[1], (int) values[2], (int) values[3] };
  return TRUE;
}

int
cmd_crop (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *preset_key = NULL;
  g_autofree char *rect_text = NULL;
  gboolean centre = FALSE;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_key, N_("The channel preset (see “medialib presets”)"), N_("KEY") },
    { "rect", 0, 0, G_OPTION_ARG_STRING, &rect_text, N_("The crop in source pixels; without it, the largest crop of the preset’s ratio over the image’s most interesting part"), "X,Y,W,H" },
    { "centre", 0, 0, G_OPTION_ARG_NONE, &centre, N_("Without --rect, the largest centred crop instead"), NULL },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAsset) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning_text = NULL;
  const MedialibPreset *preset;
  MedialibCropWarnings warnings = 0;
  MedialibRect rect;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("crop", _("ID"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len > 1)
    return usage_error (_("crop: give one asset id"));
  if (preset_key == NULL)
    return usage_error (_("crop: say which --preset (see “medialib presets”)"));
  if ((preset = medialib_presets_lookup (preset_key)) == NULL)
    return usage_error (_("crop: there is no preset “%s” (see “medialib presets”)"), preset_key);
  if (rect_text != NULL && !parse_rect (rect_text, &rect))
    return usage_error (_("crop: --rect is X,Y,WIDTH,HEIGHT in pixels, not “%s”"), rect_text);

  if (centre && rect_text != NULL)
    return usage_error (_("crop: --centre and --rect cannot go together"));

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(asset = medialib_store_get_asset (store, g_array_index (ids, gint64, 0), &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  /* The asset's size is its image's once turned upright */
  if (centre)
    {
      medialib_crop_for_preset (preset, medialib_asset_get_width (asset), medialib_asset_get_height (asset), &rect);
      rect_text = g_strdup ("centre");
    }

  result = medialib_store_crop (store, asset, preset, rect_text ? &rect : NULL, &warnings, &error);
  if (result == NULL)
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  warning_text = medialib_crop_describe_warnings (preset, warnings);
  if (warning_text != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (warning_text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        fprintf (stderr, "medialib: %s: %s\n", _("warning"), lines[i]);
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_asset_to_json (result);
      print_json (node);
    }
  else
    printf ("added %" G_GINT64_FORMAT " %s\n", medialib_asset_get_id (result), medialib_asset_get_name (result));

  return MEDIALIB_EXIT_OK;
}
