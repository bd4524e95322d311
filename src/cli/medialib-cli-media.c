/* medialib-cli-media.c — presets, crop, generate, quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "medialib-cli-private.h"
#include "medialib-crop.h"
#include "medialib-generation.h"
#include "medialib-import.h"
#include "medialib-secret.h"
#include "medialib-settings.h"

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
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_key, N_("The channel preset (see “medialib presets”)"), N_("KEY") },
    { "rect", 0, 0, G_OPTION_ARG_STRING, &rect_text, N_("The crop in source pixels; without it, the largest centered crop of the preset’s ratio"), "X,Y,W,H" },
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

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(asset = medialib_store_get_asset (store, g_array_index (ids, gint64, 0), &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
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

static void
add_quota_json (JsonBuilder   *builder,
                MedialibQuota *quota,
                gboolean       with_resets)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "used");
  json_builder_add_int_value (builder, quota->used);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, quota->limit);
  if (with_resets)
    {
      g_autofree char *resets = g_date_time_format_iso8601 (quota->resets);

      json_builder_set_member_name (builder, "resets");
      json_builder_add_string_value (builder, resets);
    }
  json_builder_end_object (builder);
}

int
cmd_quota (Globals  *globals,
           int       argc,
           char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  MedialibQuota quota = { 0 };
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("quota", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), "quota", argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  medialib_store_get_quota (store, &quota);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_quota_json (builder, &quota, TRUE);
      print_json_builder (builder);
    }
  else
    {
      g_autofree char *text = medialib_quota_describe (&quota);
      g_autofree char *resets = g_date_time_format_iso8601 (quota.resets);

      printf ("%s\n", text);
      /* Translators: %u are numbers, %s a date and time in ISO 8601 */
      printf (_("%u used today, limit %u; the count starts again at %s\n"),
              quota.used, quota.limit, resets);
    }

  medialib_quota_clear (&quota);
  return MEDIALIB_EXIT_OK;
}

typedef struct
{
  GMainLoop          *loop;
  MedialibGeneration *generation;
  gboolean            reencoded;
  GError             *error;
} GenerateWait;

static void
on_generate_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GenerateWait *wait = user_data;

  wait->generation = medialib_store_generate_finish (MEDIALIB_STORE (object), result, &wait->reencoded,
                                                     &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_interrupt_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_add (const char *text,
           gboolean    add[MEDIALIB_AI_VARIANTS])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return TRUE;

  if (g_str_equal (text, "all"))
    {
      for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
        add[i] = TRUE;
      return TRUE;
    }

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, MEDIALIB_AI_VARIANTS, &n, NULL))
        return FALSE;
      add[n - 1] = TRUE;
    }

  return TRUE;
}

int
cmd_generate (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *prompt = NULL;
  g_autofree char *add_text = NULL;
  GOptionEntry entries[] = {
    { "prompt", 0, 0, G_OPTION_ARG_STRING, &prompt, N_("What the images should show, up to 300 characters"), N_("TEXT") },
    { "add", 0, 0, G_OPTION_ARG_STRING, &add_text, N_("Add these variants to the library (all, or numbers from 1 to 4)"), "all|N[,N]..." },
    { NULL }
  };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAiClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *base_url = NULL;
  gboolean add[MEDIALIB_AI_VARIANTS] = { FALSE };
  GenerateWait wait = { 0 };
  MedialibQuota quota = { 0 };
  int status = MEDIALIB_EXIT_OK;
  guint sigint;

  if (!parse_options ("generate", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), "generate", argv[1]);
  if (prompt == NULL)
    return usage_error (_("generate: say what to show with --prompt"));
  if (!medialib_ai_check_prompt (prompt, &error))
    return usage_error ("generate: %s", error->message);
  if (!parse_add (add_text, add))
    return usage_error (_("generate: --add is “all” or numbers from 1 to 4, not “%s”"), add_text);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  base_url = medialib_settings_dup_ai_base_url ();
  key = g_strdup (g_getenv ("MEDIALIB_AI_API_KEY"));
  if (key == NULL)
    key = medialib_secret_lookup_sync (base_url, NULL, NULL);
  client = medialib_ai_client_new_from_settings (key);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  sigint = g_unix_signal_add (SIGINT, on_interrupt_cb, cancellable);
  medialib_store_generate_async (store, client, prompt, cancellable, NULL, NULL, on_generate_done_cb, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);

  if (wait.generation == NULL)
    {
      if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        print_error (NULL, _("Generation cancelled: nothing was added or counted"));
      else
        print_error (NULL, wait.error->message);
      g_clear_error (&wait.error);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (wait.reencoded)
    fprintf (stderr, "medialib: %s: %s\n", _("warning"),
             _("a variant was a PNG of 5 MB or more: it was saved as a JPEG"));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generation");
  json_builder_add_int_value (builder, wait.generation->id);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 1; i <= wait.generation->variants; i++)
    {
      g_autofree char *path = medialib_store_dup_variant_path (store, wait.generation->id, i);
      int width = 0, height = 0;

      gdk_pixbuf_get_file_info (path, &width, &height);
      if (!globals->json)
        printf ("variant %u %s\n", i, path);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, height);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "added");
  json_builder_begin_array (builder);
  for (guint i = 1; i <= MEDIALIB_AI_VARIANTS; i++)
    {
      g_autoptr(MedialibAsset) asset = NULL;

      if (!add[i - 1])
        continue;

      g_clear_error (&error);
      asset = medialib_store_add_variant (store, wait.generation->id, i, NULL, NULL, &error);
      if (asset == NULL)
        {
          print_error (NULL, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (!globals->json)
        printf ("added %" G_GINT64_FORMAT " %s\n", medialib_asset_get_id (asset), medialib_asset_get_name (asset));
      json_builder_add_value (builder, medialib_asset_to_json (asset));
    }
  json_builder_end_array (builder);

  medialib_store_get_quota (store, &quota);
  json_builder_set_member_name (builder, "quota");
  add_quota_json (builder, &quota, FALSE);
  json_builder_end_object (builder);

  if (globals->json)
    print_json_builder (builder);

  medialib_quota_clear (&quota);
  medialib_generation_free (wait.generation);
  return status;
}
