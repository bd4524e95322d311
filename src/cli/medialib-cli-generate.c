/* medialib-cli-generate.c — generate, quota: the AI server's commands (medialib-cli-full)
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

#include "medialib-cli-private.h"
#include "medialib-generation.h"
#include "medialib-secret.h"
#include "medialib-settings.h"

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
