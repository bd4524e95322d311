/* medialib-cli-import.c — import
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "medialib-cli-private.h"
#include "medialib-import.h"
#include "medialib-sha256.h"

/*
 * import decodes images (GdkPixbuf): it runs in medialib-cli-full, so that the light
 * `medialib` does not load GdkPixbuf and its loaders' libraries for the other commands.
 */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  GError    *error;
  gboolean   tty;
} ImportWait;

static void
on_import_progress_cb (guint                       done,
                       guint                       total,
                       const MedialibImportResult *last,
                       gpointer                    user_data)
{
  ImportWait *wait = user_data;
  g_autofree char *base = NULL;

  if (!wait->tty || last == NULL)
    return;

  base = g_path_get_basename (last->path);
  /* Translators: import progress on a terminal: files done, total, the last file's name */
  fprintf (stderr, "\r\033[K%s", "");
  fprintf (stderr, _("Importing %u of %u: %s"), done, total, base);
  if (done == total)
    fprintf (stderr, "\r\033[K");
  fflush (stderr);
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ImportWait *wait = user_data;

  wait->results = medialib_store_import_finish (MEDIALIB_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
cmd_import (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;
  GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Add this tag to the imported assets"), N_("TAG") },
    { "team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &teams, N_("Assign the imported assets to this team"), N_("TEAM") },
    { NULL }
  };
  g_autoptr(MedialibSha256WarmUp) warm_up = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GMainLoop) loop = NULL;
  MedialibImportOptions options = { 0 };
  ImportWait wait = { 0 };
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("import", _("PATH…"), entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error (_("import: give at least one file or folder"));

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  /* The files' hashing gets ready while the library opens (or is created) */
  warm_up = _medialib_sha256_warm_up ();

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  /* What an interrupted import left behind goes first (unless someone else is importing) */
  medialib_store_sweep (store);

  options.tags = tags;
  options.teams = teams;

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.tty = isatty (STDERR_FILENO) && !globals->json;
  medialib_store_import_async (store, (GFile **) files->pdata, files->len, &options, NULL,
                               on_import_progress_cb, &wait, NULL, on_import_done_cb, &wait);
  g_main_loop_run (loop);

  if (wait.results == NULL)
    {
      /* Invalid tags or teams */
      if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        status = usage_error ("import: %s", wait.error->message);
      else
        {
          print_error (NULL, wait.error->message);
          status = MEDIALIB_EXIT_PARTIAL;
        }
      g_clear_error (&wait.error);
      return status;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < wait.results->len; i++)
    {
      MedialibImportResult *result = g_ptr_array_index (wait.results, i);
      const char *word = medialib_import_status_to_string (result->status);
      g_autofree char *name = printable (result->name != NULL ? result->name : "");
      g_autofree char *path = printable (result->path);

      switch (result->status)
        {
        case MEDIALIB_IMPORT_ADDED:
        case MEDIALIB_IMPORT_DUPLICATE:
          if (!globals->json)
            printf ("%s %" G_GINT64_FORMAT " %s\n", word, result->id, name);
          break;

        case MEDIALIB_IMPORT_REJECTED:
        case MEDIALIB_IMPORT_SKIPPED:
        default:
          status = MEDIALIB_EXIT_PARTIAL;
          if (!globals->json)
            printf ("%s %s: %s\n", word, path, result->reason);
          else
            fprintf (stderr, "%s %s: %s\n", word, path, result->reason);
          break;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, result->path);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, word);
      json_builder_set_member_name (builder, "id");
      if (result->id > 0)
        json_builder_add_int_value (builder, result->id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reason");
      if (result->reason != NULL)
        json_builder_add_string_value (builder, result->reason);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (globals->json)
    print_json_builder (builder);

  g_ptr_array_unref (wait.results);
  return status;
}
