/* medialib-cli-suggest.c — `medialib suggest`: alt text and tags from the AI server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "medialib-ai-client.h"
#include "medialib-cli-private.h"
#include "medialib-secret.h"
#include "medialib-settings.h"

/*
 * The details pane's Suggest on the command line: the image's thumbnail to the vision model,
 * the suggestion printed; nothing changes unless --apply (the alt text set, the tags added).
 * Never counted against the daily quota of generations.
 */

typedef struct
{
  GMainLoop            *loop;
  MedialibAiSuggestion *suggestion;
  GError               *error;
} SuggestWait;

static void
on_suggested_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SuggestWait *wait = user_data;

  wait->suggestion = medialib_ai_client_suggest_finish (MEDIALIB_AI_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_interrupt_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

/* The image's 512-pixel thumbnail, made again if the cache lost it */
static GBytes *
read_thumbnail (MedialibStore  *store,
                MedialibAsset  *asset,
                GError        **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only images have alt text: this is a contact card"));
      return NULL;
    }

  if (!medialib_store_ensure_thumbnail (store, asset, error) ||
      !g_file_get_contents (medialib_asset_get_thumbnail_path (asset), &contents, &length, error))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

int
cmd_suggest (Globals  *globals,
             int       argc,
             char    **argv)
{
  gboolean apply = FALSE;
  g_autofree char *language = NULL;
  GOptionEntry entries[] = {
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Set the suggested alt text and add the suggested tags"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Write in this language (default: the user interface’s)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAiClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *base_url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *tags = NULL;
  SuggestWait wait = { 0 };
  int status = MEDIALIB_EXIT_OK;
  gint64 id;
  guint sigint;

  if (!parse_options ("suggest", _("ID"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len != 1)
    return usage_error (_("suggest: give one asset id"));

  id = g_array_index (ids, gint64, 0);
  subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;
  if (!(asset = medialib_store_get_asset (store, id, &error)) ||
      !(image = read_thumbnail (store, asset, &error)))
    {
      print_error (subject, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  base_url = medialib_settings_dup_ai_base_url ();
  key = g_strdup (g_getenv ("MEDIALIB_AI_API_KEY"));
  if (key == NULL)
    key = medialib_secret_lookup_sync (base_url, NULL, NULL);
  client = medialib_ai_client_new_from_settings (key);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  sigint = g_unix_signal_add (SIGINT, on_interrupt_cb, cancellable);
  medialib_ai_client_suggest_async (client, image, "image/png", language, cancellable, on_suggested_cb, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);

  if (wait.suggestion == NULL)
    {
      print_error (subject, wait.error->message);
      g_clear_error (&wait.error);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (apply)
    {
      MedialibEdit edit = { .add_tags = (const char * const *) wait.suggestion->tags, .alt = wait.suggestion->alt };

      g_clear_object (&asset);
      if (!medialib_store_edit (store, id, &edit, &error) ||
          !(asset = medialib_store_get_asset (store, id, &error)))
        {
          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
        }
    }

  tags = g_strjoinv (", ", wait.suggestion->tags);
  if (!globals->json)
    {
      printf ("alt: %s\n", wait.suggestion->alt);
      printf ("tags: %s\n", tags);
      if (apply && status == MEDIALIB_EXIT_OK)
        printf ("edited %" G_GINT64_FORMAT " %s\n", id, medialib_asset_get_name (asset));
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "alt");
      json_builder_add_string_value (builder, wait.suggestion->alt);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; wait.suggestion->tags[i] != NULL; i++)
        json_builder_add_string_value (builder, wait.suggestion->tags[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "applied");
      json_builder_add_boolean_value (builder, apply && status == MEDIALIB_EXIT_OK);
      if (apply && asset != NULL)
        {
          json_builder_set_member_name (builder, "asset");
          json_builder_add_value (builder, medialib_asset_to_json (asset));
        }
      json_builder_end_object (builder);
      print_json_builder (builder);
    }

  medialib_ai_suggestion_free (wait.suggestion);
  return status;
}
