/* medialib-cli.c
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

#include "medialib-cli.h"
#include "medialib-crop.h"
#include "medialib-generation.h"
#include "medialib-import.h"
#include "medialib-secret.h"
#include "medialib-settings.h"
#include "medialib-store.h"

/*
 * The command line is a public contract: its words, flags, exit statuses and JSON fields are
 * documented in README.md and must stay as they are.
 */

typedef struct
{
  char     *library;
  gboolean  json;
} Globals;

static const char * const subcommands[] = {
  "import", "list", "info", "edit", "tags", "teams", "delete", "presets", "crop", "generate",
  "quota", NULL,
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s",
           _("Usage:\n"
             "  medialib [--library DIR]                  open the library window\n"
             "  medialib [--library DIR] [--json] COMMAND [ARGS...]\n"
             "\n"
             "Commands:\n"
             "  import [--tag T]... [--team T]... PATH...\n"
             "                  add files and folders (PNG, JPEG, GIF, vCard; under 5 MB;\n"
             "                  at most 50 files per folder)\n"
             "  list [--query TEXT] [--tag T]... [--team T]... [--kind image|contact]\n"
             "       [--sort added|name|size]\n"
             "                  list or search the library\n"
             "  info ID         show one asset\n"
             "  edit ID... [--add-tag T]... [--remove-tag T]... [--add-team T]...\n"
             "       [--remove-team T]... [--rename NAME]\n"
             "                  change tags, teams or the name of assets\n"
             "  tags            tag names with asset counts\n"
             "  teams           team names with asset counts\n"
             "  delete ID...    remove assets from the library\n"
             "  presets         the crop presets of every channel\n"
             "  crop ID --preset KEY [--rect X,Y,W,H]\n"
             "                  make a new asset from part of an image\n"
             "  generate --prompt TEXT [--add all|N[,N]...]\n"
             "                  four images from the AI server; add some of them\n"
             "  quota           the generations used today and the daily limit\n"
             "\n"
             "Options:\n"
             "  --library DIR   use the library in DIR (also MEDIALIB_LIBRARY=DIR)\n"
             "  --json          machine-readable output on stdout\n"
             "  --version       print the version\n"
             "  -h, --help      print this help\n"
             "\n"
             "Exit status: 0 all good; 1 some input was rejected or skipped, or an id does\n"
             "not exist; 2 bad usage.\n"
             "\n"
             "Image generation uses the server, model and key of the app's preferences, or\n"
             "MEDIALIB_AI_BASE_URL, MEDIALIB_AI_MODEL and MEDIALIB_AI_API_KEY.\n"));
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "medialib: %s\n", message);
  fprintf (stderr, "%s\n", _("Run “medialib --help” to see the commands."));
  return MEDIALIB_EXIT_USAGE;
}

static void
print_error (const char *subject,
             const char *reason)
{
  if (subject != NULL)
    fprintf (stderr, "medialib: %s: %s\n", subject, reason);
  else
    fprintf (stderr, "medialib: %s\n", reason);
}

gboolean
medialib_cli_wants (int                argc,
                    const char * const *argv,
                    char             **library_dir)
{
  g_return_val_if_fail (library_dir != NULL, FALSE);

  *library_dir = g_strdup (g_getenv ("MEDIALIB_LIBRARY"));
  if (*library_dir != NULL && (*library_dir)[0] == '\0')
    g_clear_pointer (library_dir, g_free);

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
        {
          /* Anything but a sub-command or a file to open is a mistake the command line
           * explains. */
          return g_strv_contains (subcommands, arg) || !g_file_test (arg, G_FILE_TEST_EXISTS);
        }
    }

  return FALSE;
}

/* Whether --library stands on the command line (not only in the environment). */
gboolean
medialib_cli_names_library (int                argc,
                            const char * const *argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--library") || g_str_has_prefix (argv[i], "--library="))
      return TRUE;

  return FALSE;
}

/* --- Output --------------------------------------------------------------------------------- */

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static char *
join_labels (const char * const *labels)
{
  return g_strjoinv (", ", (char **) labels);
}

static void
print_asset_line (MedialibAsset *asset)
{
  g_autofree char *tags = join_labels (medialib_asset_get_tags (asset));
  g_autofree char *teams = join_labels (medialib_asset_get_teams (asset));
  g_autofree char *dims = NULL;

  if (medialib_asset_get_width (asset) > 0)
    dims = g_strdup_printf ("%d×%d", medialib_asset_get_width (asset), medialib_asset_get_height (asset));
  else
    dims = g_strdup ("-");

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
          medialib_asset_get_id (asset), medialib_asset_get_name (asset),
          medialib_asset_get_mime (asset), dims, medialib_asset_get_bytes (asset), tags, teams);
}

static void
print_asset_details (MedialibAsset *asset)
{
  g_autofree char *uri = medialib_asset_dup_uri (asset);
  g_autofree char *added = medialib_asset_format_added (asset);
  g_autofree char *tags = join_labels (medialib_asset_get_tags (asset));
  g_autofree char *teams = join_labels (medialib_asset_get_teams (asset));
  g_autofree char *size = g_format_size ((guint64) medialib_asset_get_bytes (asset));

  printf ("%-10s %" G_GINT64_FORMAT "\n", "id:", medialib_asset_get_id (asset));
  printf ("%-10s %s\n", "name:", medialib_asset_get_name (asset));
  printf ("%-10s %s\n", "kind:", medialib_asset_get_kind (asset));
  printf ("%-10s %s\n", "type:", medialib_asset_get_mime (asset));
  printf ("%-10s %s (%" G_GINT64_FORMAT " bytes)\n", "size:", size, medialib_asset_get_bytes (asset));
  if (medialib_asset_get_width (asset) > 0)
    printf ("%-10s %d × %d\n", "dimensions:", medialib_asset_get_width (asset),
            medialib_asset_get_height (asset));
  if (g_str_equal (medialib_asset_get_mime (asset), "image/gif"))
    printf ("%-10s %s\n", "animated:", medialib_asset_get_animated (asset) ? "yes" : "no");
  printf ("%-10s %s\n", "url:", uri);
  printf ("%-10s %s\n", "added:", added);
  printf ("%-10s %s\n", "source:", medialib_asset_get_source (asset));
  if (medialib_asset_get_parent (asset) > 0)
    printf ("%-10s %" G_GINT64_FORMAT "\n", "parent:", medialib_asset_get_parent (asset));
  printf ("%-10s %s\n", "sha256:", medialib_asset_get_sha256 (asset));
  printf ("%-10s %s\n", "tags:", tags);
  printf ("%-10s %s\n", "teams:", teams);
}

/* --- Sub-commands ---------------------------------------------------------------------------- */

static gboolean
parse_options (const char    *name,
               const char    *parameters,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error ("%s: %s", name, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_ids (int      argc,
           char   **argv,
           GArray  *ids,
           int     *status)
{
  for (int i = 1; i < argc; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (argv[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          *status = usage_error (_("“%s” is not an asset id (a positive number)"), argv[i]);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    {
      *status = usage_error (_("give at least one asset id"));
      return FALSE;
    }

  return TRUE;
}

static MedialibStore *
open_store (Globals *globals)
{
  g_autoptr(GError) error = NULL;
  MedialibStore *store = medialib_store_open (globals->library, &error);

  if (store == NULL)
    print_error (NULL, error->message);

  return store;
}

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

static int
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
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
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

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

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

      switch (result->status)
        {
        case MEDIALIB_IMPORT_ADDED:
        case MEDIALIB_IMPORT_DUPLICATE:
          if (!globals->json)
            printf ("%s %" G_GINT64_FORMAT " %s\n", word, result->id, result->name);
          break;

        case MEDIALIB_IMPORT_REJECTED:
        case MEDIALIB_IMPORT_SKIPPED:
        default:
          status = MEDIALIB_EXIT_PARTIAL;
          if (!globals->json)
            printf ("%s %s: %s\n", word, result->path, result->reason);
          else
            fprintf (stderr, "%s %s: %s\n", word, result->path, result->reason);
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
    {
      root = json_builder_get_root (builder);
      print_json (root);
    }

  g_ptr_array_unref (wait.results);
  return status;
}

static int
cmd_list (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *sort = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;
  GOptionEntry entries[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &text, N_("Words that begin words of the name, tags or teams"), N_("TEXT") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Only assets with this tag"), N_("TAG") },
    { "team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &teams, N_("Only assets of this team"), N_("TEAM") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only images or only contacts"), "image|contact" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Newest first, by name, or largest first"), "added|name|size" },
    { NULL }
  };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("list", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("list: unexpected argument “%s”"), argv[1]);
  if (kind != NULL && !g_str_equal (kind, "image") && !g_str_equal (kind, "contact"))
    return usage_error (_("list: --kind is “image” or “contact”, not “%s”"), kind);
  if (sort != NULL && !medialib_sort_from_string (sort, &query->sort))
    return usage_error (_("list: --sort is “added”, “name” or “size”, not “%s”"), sort);

  query->text = g_steal_pointer (&text);
  query->kind = g_steal_pointer (&kind);
  query->tags = g_steal_pointer (&tags);
  query->teams = g_steal_pointer (&teams);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(assets = medialib_store_search (store, query, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (assets->len);

      for (guint i = 0; i < assets->len; i++)
        json_array_add_element (array, medialib_asset_to_json (g_ptr_array_index (assets, i)));
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < assets->len; i++)
        print_asset_line (g_ptr_array_index (assets, i));
    }

  return MEDIALIB_EXIT_OK;
}

static int
cmd_info (Globals  *globals,
          int       argc,
          char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("info", _("ID"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len > 1)
    return usage_error (_("info: give one asset id"));

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(asset = medialib_store_get_asset (store, g_array_index (ids, gint64, 0), &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_asset_to_json (asset);
      print_json (node);
    }
  else
    print_asset_details (asset);

  return MEDIALIB_EXIT_OK;
}

static int
cmd_edit (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_auto(GStrv) add_tags = NULL;
  g_auto(GStrv) remove_tags = NULL;
  g_auto(GStrv) add_teams = NULL;
  g_auto(GStrv) remove_teams = NULL;
  g_autofree char *rename = NULL;
  GOptionEntry entries[] = {
    { "add-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_tags, N_("Add this tag"), N_("TAG") },
    { "remove-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_tags, N_("Remove this tag"), N_("TAG") },
    { "add-team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_teams, N_("Assign to this team"), N_("TEAM") },
    { "remove-team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_teams, N_("Remove from this team"), N_("TEAM") },
    { "rename", 0, 0, G_OPTION_ARG_STRING, &rename, N_("Give the asset this name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  MedialibEdit edit = { 0 };
  int status = MEDIALIB_EXIT_OK;

  json_node_take_array (root, array);

  if (!parse_options ("edit", _("ID…"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;

  if (!add_tags && !remove_tags && !add_teams && !remove_teams && !rename)
    return usage_error (_("edit: say what to change (--add-tag, --remove-tag, --add-team, --remove-team or --rename)"));

  edit.add_tags = (const char * const *) add_tags;
  edit.remove_tags = (const char * const *) remove_tags;
  edit.add_teams = (const char * const *) add_teams;
  edit.remove_teams = (const char * const *) remove_teams;
  edit.rename = rename;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedialibAsset) asset = NULL;
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (!medialib_store_edit (store, id, &edit, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
            return usage_error ("edit: %s", error->message);

          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (!(asset = medialib_store_get_asset (store, id, &error)))
        {
          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (globals->json)
        json_array_add_element (array, medialib_asset_to_json (asset));
      else
        printf ("edited %" G_GINT64_FORMAT " %s\n", id, medialib_asset_get_name (asset));
    }

  if (globals->json)
    print_json (root);

  return status;
}

static int
cmd_labels (Globals           *globals,
            MedialibLabelKind  kind,
            int                argc,
            char             **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name = kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options (name, "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), name, argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(labels = medialib_store_list_labels (store, kind, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < labels->len; i++)
    {
      MedialibLabelCount *count = g_ptr_array_index (labels, i);

      if (!globals->json)
        printf ("%s\t%u\n", count->name, count->count);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, count->name);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, count->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }

  return MEDIALIB_EXIT_OK;
}

static int
cmd_delete (Globals  *globals,
            int       argc,
            char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("delete", _("ID…"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedialibAsset) asset = medialib_store_get_asset (store, id, &error);
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (asset == NULL || !medialib_store_delete (store, id, &error))
        {
          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (!globals->json)
        printf ("deleted %" G_GINT64_FORMAT " %s\n", id, medialib_asset_get_name (asset));
      json_builder_add_int_value (builder, id);
    }
  json_builder_end_array (builder);

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }

  return status;
}

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

static int
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
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }

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

static int
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

static int
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
      g_autoptr(JsonNode) root = NULL;

      add_quota_json (builder, &quota, TRUE);
      root = json_builder_get_root (builder);
      print_json (root);
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

static int
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
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }

  medialib_quota_clear (&quota);
  medialib_generation_free (wait.generation);
  return status;
}

int
medialib_cli_run (int    argc,
                  char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  Globals globals = { 0 };
  gboolean after_dashes = FALSE;
  const char *command = NULL;
  int status;

  g_ptr_array_add (rest, argv[0]);

  /* Global options may stand anywhere before "--". */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (after_dashes)
        g_ptr_array_add (rest, argv[i]);
      else if (g_str_equal (arg, "--"))
        {
          after_dashes = TRUE;
          g_ptr_array_add (rest, argv[i]);
        }
      else if (g_str_equal (arg, "--library"))
        {
          if (i + 1 >= argc)
            return usage_error (_("--library needs a folder"));
          g_set_str (&globals.library, argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--library="))
        g_set_str (&globals.library, arg + strlen ("--library="));
      else if (g_str_equal (arg, "--json"))
        globals.json = TRUE;
      else if (g_str_equal (arg, "--version") && command == NULL)
        {
          printf ("medialib %s\n", PACKAGE_VERSION);
          return MEDIALIB_EXIT_OK;
        }
      else if ((g_str_equal (arg, "--help") || g_str_equal (arg, "-h")) && command == NULL)
        {
          print_help (stdout);
          return MEDIALIB_EXIT_OK;
        }
      else
        {
          if (command == NULL && arg[0] != '-')
            command = arg;
          else if (command == NULL)
            return usage_error (_("unknown option “%s”"), arg);
          g_ptr_array_add (rest, argv[i]);
        }
    }

  if (globals.library == NULL)
    globals.library = g_strdup (g_getenv ("MEDIALIB_LIBRARY"));

  if (command == NULL)
    {
      print_help (stderr);
      status = MEDIALIB_EXIT_USAGE;
    }
  else
    {
      /* rest = [argv0, command, args...]: sub-commands see [command, args...] */
      int sub_argc;
      char **sub_argv;

      g_ptr_array_add (rest, NULL);
      sub_argc = (int) rest->len - 2;
      sub_argv = (char **) rest->pdata + 1;

      if (g_str_equal (command, "import"))
        status = cmd_import (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "list"))
        status = cmd_list (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "info"))
        status = cmd_info (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "edit"))
        status = cmd_edit (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "tags"))
        status = cmd_labels (&globals, MEDIALIB_LABEL_TAG, sub_argc, sub_argv);
      else if (g_str_equal (command, "teams"))
        status = cmd_labels (&globals, MEDIALIB_LABEL_TEAM, sub_argc, sub_argv);
      else if (g_str_equal (command, "delete"))
        status = cmd_delete (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "presets"))
        status = cmd_presets (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "crop"))
        status = cmd_crop (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "generate"))
        status = cmd_generate (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "quota"))
        status = cmd_quota (&globals, sub_argc, sub_argv);
      else
        status = usage_error (_("unknown command “%s”"), command);
    }

  g_free (globals.library);
  return status;
}
