/* medialib-cli-media.c — presets (crop: medialib-cli-crop.c)
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
#include "medialib-preset.h"

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 int          value)
{
  json_builder_set_member_name (builder, member);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
cmd_presets (Globals  *globals,
             int       argc,
             char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const GPtrArray *presets = medialib_presets_get ();
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("presets", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), "presets", argv[1]);

  json_builder_begin_array (builder);
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      gboolean fixed = preset->ratio_kind == MEDIALIB_RATIO_FIXED;

      if (!globals->json)
        {
          g_autofree char *label = medialib_preset_dup_full_label (preset);
          g_autofree char *ratio = NULL;

          if (fixed)
            ratio = g_strdup_printf ("%d:%d", preset->ratio_w, preset->ratio_h);
          else if (preset->ratio_kind == MEDIALIB_RATIO_ANY)
            ratio = g_strdup (_("any ratio"));
          else
            ratio = g_strdup ("-");

          printf ("%s\t%s\t%s\n", preset->key, ratio, label);
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, preset->key);
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, preset->channel);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, medialib_preset_get_label (preset));
      add_int_or_null (builder, "ratio_w", fixed ? preset->ratio_w : 0);
      add_int_or_null (builder, "ratio_h", fixed ? preset->ratio_h : 0);
      add_int_or_null (builder, "min_width", preset->min_width);
      add_int_or_null (builder, "min_height", preset->min_height);
      add_int_or_null (builder, "max_width", preset->max_width);
      add_int_or_null (builder, "max_height", preset->max_height);
      add_int_or_null (builder, "recommended_width", preset->recommended_width);
      add_int_or_null (builder, "recommended_height", preset->recommended_height);
      json_builder_set_member_name (builder, "notes");
      if (medialib_preset_get_notes (preset) != NULL)
        json_builder_add_string_value (builder, medialib_preset_get_notes (preset));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (globals->json)
    print_json_builder (builder);

  return MEDIALIB_EXIT_OK;
}
