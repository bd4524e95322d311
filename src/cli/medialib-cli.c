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

#include "medialib-cli-private.h"
#include "medialib-store.h"
#include "medialib-team-config.h"

/*
 * The command line is a public contract: its words, flags, exit statuses and JSON fields are
 * documented in README.md and must stay as they are.
 */


static const char * const subcommands[] = {
  "import", "list", "info", "edit", "tags", "teams", "delete", "presets", "crop", "export", "generate",
  "quota", "backup", "restore", "team", "collections", "collection", "similar", "duplicates", "suggest",
  "replace", "history", "revert", NULL,
};

/* The commands of the full command line alone (medialib-cli-full.c): they need the core's
 * team half (the AI server's client, a team library's servers) */
static const char * const full_subcommands[] = { "crop", "export", "generate", "import", "quota", "replace", "suggest",
                                                   "team", NULL };

/* Set by medialib_cli_full_init() */
const MedialibCliCommand *_medialib_cli_full_commands;
gboolean (*_medialib_cli_compute_phashes) (MedialibStore *store, GError **error);
void (*_medialib_cli_fill_palettes) (MedialibStore *store);

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
             "       [--sort added|name|size] [--fits PRESET] [--collection NAME]\n"
             "       [--color #RRGGBB [--color-distance D]]\n"
             "                  list or search the library\n"
             "  info ID         show one asset\n"
             "  edit ID... [--add-tag T]... [--remove-tag T]... [--add-team T]...\n"
             "       [--remove-team T]... [--rename NAME] [--alt TEXT]\n"
             "                  change tags, teams, the name or the alt text (at most\n"
             "                  1,000 characters; --alt '' removes it) of assets\n"
             "  similar ID [--max-distance N]\n"
             "                  the images that look like an image, nearest first (N: how\n"
             "                  many of the 64 bits of their likeness differ; default 10)\n"
             "  duplicates [--max-distance N]\n"
             "                  groups of near-duplicate images (default 6, at most 11)\n"
             "  tags            tag names with asset counts\n"
             "  teams           team names with asset counts\n"
             "  delete ID...    remove assets from the library\n"
             "  replace ID FILE replace an asset's file, keeping the asset (its name, tags,\n"
             "                  teams and URL); the previous file is kept as a version\n"
             "  history ID      an asset's versions, newest first\n"
             "  revert ID --version N\n"
             "                  make version N the asset's content again\n"
             "  collections     the saved collections with their filters and counts\n"
             "  collection save NAME [list filters]...\n"
             "                  save a search as a collection (replacing one of that name)\n"
             "  collection delete NAME\n"
             "                  delete a saved collection (not its assets)\n"
             "  presets         the crop presets of every channel\n"
             "  crop ID --preset KEY [--rect X,Y,W,H | --centre]\n"
             "                  make a new asset from part of an image (without --rect,\n"
             "                  the preset's box over the image's most interesting part)\n"
             "  export ID --channels all|KEY[,KEY]... --to DIR [--add-to-library]\n"
             "                  one file per channel preset, cropped and scaled for it,\n"
             "                  and manifest.json, in DIR\n"
             "  generate --prompt TEXT [--add all|N[,N]...]\n"
             "                  four images from the AI server; add some of them\n"
             "  quota           the generations used today and the daily limit\n"
             "  suggest ID [--apply] [--language CODE]\n"
             "                  alt text and tags for an image from the AI server's\n"
             "                  vision model (not counted as a generation); --apply sets\n"
             "                  the alt text and adds the tags\n"
             "  backup [--list] back up the library database now (it is also backed up\n"
             "                  daily by the app), or list the backups\n"
             "  restore FILE    replace the library database with a backup; the database\n"
             "                  it replaces is kept beside it\n"
             "  team connect --database CONNINFO --s3-endpoint URL --bucket NAME\n"
             "       [--region R] [--public-url URL] [--url-expiry SECONDS]\n"
             "       [--save-credentials]\n"
             "                  make the library folder a team library: its assets in a\n"
             "                  PostgreSQL database and an S3 bucket that a team shares\n"
             "  team status     where the team library is, and whether it answers\n"
             "  team forget-credentials\n"
             "                  remove the team library's credentials from the keyring\n"
             "  team push --to DIR\n"
             "                  copy the library (its assets, files, tags, teams and\n"
             "                  generations) into the team library in DIR; run it again\n"
             "                  after an interruption: nothing is copied twice\n"
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
             "MEDIALIB_AI_BASE_URL, MEDIALIB_AI_MODEL and MEDIALIB_AI_API_KEY.\n"
             "A team library's database password comes from PGPASSWORD, ~/.pgpass or a\n"
             "service file (PGSERVICEFILE); its object store's keys from AWS_ACCESS_KEY_ID\n"
             "and AWS_SECRET_ACCESS_KEY; what they lack, from the keyring, where\n"
             "team connect --save-credentials saves them. They are never written to the\n"
             "library folder.\n"));
}

int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

int
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

void
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

char *
library_dir (Globals *globals)
{
  return globals->library != NULL ? g_canonicalize_filename (globals->library, NULL)
                                  : medialib_store_dup_default_dir ();
}

/**
 * medialib_cli_route:
 *
 * Which executable runs this command line (see src/main-cli.c): the light `medialib`
 * itself for --help, --version and the commands on a local library; medialib-cli-full for
 * import and crop (GdkPixbuf), generate, quota, team and any command on a team library (a stat of its team.ini); the
 * app for everything medialib_cli_wants() leaves to the window. Reads the arguments as
 * medialib_cli_run() does; opens nothing.
 */
MedialibCliRoute
medialib_cli_route (int                argc,
                    const char * const *argv)
{
  g_autofree char *wanted = NULL;
  g_autofree char *dir = NULL;
  const char *library = NULL;
  const char *command = NULL;
  Globals globals = { 0 };

  if (!medialib_cli_wants (argc, argv, &wanted))
    return MEDIALIB_CLI_ROUTE_APP;

  /* As medialib_cli_run(): global options anywhere before "--", the first word the command */
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--library") && i + 1 < argc)
        library = argv[++i];
      else if (g_str_has_prefix (arg, "--library="))
        library = arg + strlen ("--library=");
      else if (command == NULL && (g_str_equal (arg, "--version") || g_str_equal (arg, "--help") ||
                                   g_str_equal (arg, "-h")))
        return MEDIALIB_CLI_ROUTE_LOCAL;
      else if (command == NULL && arg[0] != '-')
        command = arg;
    }

  /* No command (a usage error) or an unknown one: explained here */
  if (command == NULL || !g_strv_contains (subcommands, command))
    return MEDIALIB_CLI_ROUTE_LOCAL;
  if (g_strv_contains (full_subcommands, command))
    return MEDIALIB_CLI_ROUTE_FULL;

  globals.library = (char *) (library != NULL ? library : g_getenv ("MEDIALIB_LIBRARY"));
  dir = library_dir (&globals);
  return medialib_team_config_exists (dir) ? MEDIALIB_CLI_ROUTE_FULL : MEDIALIB_CLI_ROUTE_LOCAL;
}

/* --- Output --------------------------------------------------------------------------------- */

void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* The JSON output of a command: what its builder built, printed */
void
print_json_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  print_json (root);
}

char *
join_labels (const char * const *labels)
{
  return g_strjoinv (", ", (char **) labels);
}

/* NAME with its control characters (a newline in a file name, say) written as \n, \t or
 * \xHH, so that a listing stays one line per asset */
char *
printable (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }

  return g_string_free (out, FALSE);
}

void
print_asset_line (MedialibAsset *asset)
{
  g_autofree char *tags = join_labels (medialib_asset_get_tags (asset));
  g_autofree char *teams = join_labels (medialib_asset_get_teams (asset));
  g_autofree char *dims = NULL;
  g_autofree char *name = printable (medialib_asset_get_name (asset));

  if (medialib_asset_get_width (asset) > 0)
    dims = g_strdup_printf ("%d×%d", medialib_asset_get_width (asset), medialib_asset_get_height (asset));
  else
    dims = g_strdup ("-");

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
          medialib_asset_get_id (asset), name,
          medialib_asset_get_mime (asset), dims, medialib_asset_get_bytes (asset), tags, teams);
}

/* "palette:  #d01c1c 41%, #1c3ad0 30%…", for images that have one */
static void
print_palette (MedialibAsset *asset)
{
  const MedialibPaletteColor *palette;
  g_autoptr(GString) line = g_string_new (NULL);
  guint n;

  palette = medialib_asset_get_palette (asset, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (line, "%s#%02x%02x%02x %d%%", i > 0 ? ", " : "", palette[i].red,
                            palette[i].green, palette[i].blue, (int) (palette[i].share * 100 + 0.5));
  if (n > 0)
    printf ("%-10s %s\n", "palette:", line->str);
}

void
print_asset_details (MedialibAsset *asset)
{
  g_autofree char *uri = medialib_asset_dup_uri (asset);
  g_autofree char *added = medialib_asset_format_added (asset);
  g_autofree char *tags = join_labels (medialib_asset_get_tags (asset));
  g_autofree char *teams = join_labels (medialib_asset_get_teams (asset));
  g_autofree char *size = g_format_size ((guint64) medialib_asset_get_bytes (asset));

  printf ("%-10s %" G_GINT64_FORMAT "\n", "id:", medialib_asset_get_id (asset));
  printf ("%-10s %s\n", "name:", medialib_asset_get_name (asset));
  printf ("%-10s %s\n", "kind:", medialib_asset_kind_to_string (medialib_asset_get_kind (asset)));
  printf ("%-10s %s\n", "type:", medialib_asset_get_mime (asset));
  printf ("%-10s %s (%" G_GINT64_FORMAT " bytes)\n", "size:", size, medialib_asset_get_bytes (asset));
  if (medialib_asset_get_width (asset) > 0)
    printf ("%-10s %d × %d\n", "dimensions:", medialib_asset_get_width (asset),
            medialib_asset_get_height (asset));
  if (g_str_equal (medialib_asset_get_mime (asset), "image/gif"))
    printf ("%-10s %s\n", "animated:", medialib_asset_get_animated (asset) ? "yes" : "no");
  printf ("%-10s %s\n", "url:", uri);
  printf ("%-10s %s\n", "added:", added);
  if (medialib_asset_get_added_by (asset) != NULL)
    printf ("%-10s %s\n", "added by:", medialib_asset_get_added_by (asset));
  printf ("%-10s %s\n", "source:", medialib_asset_get_source (asset));
  if (medialib_asset_get_parent (asset) > 0)
    printf ("%-10s %" G_GINT64_FORMAT "\n", "parent:", medialib_asset_get_parent (asset));
  printf ("%-10s %s\n", "sha256:", medialib_asset_get_sha256 (asset));
  printf ("%-10s %s\n", "tags:", tags);
  printf ("%-10s %s\n", "teams:", teams);
  if (medialib_asset_get_alt (asset) != NULL)
    printf ("%-10s %s\n", "alt:", medialib_asset_get_alt (asset));
  print_palette (asset);
}

/* --- Sub-commands ---------------------------------------------------------------------------- */

gboolean
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

gboolean
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

MedialibStore *
open_store (Globals *globals)
{
  g_autoptr(GError) error = NULL;
  MedialibStore *store = medialib_store_open (globals->library, &error);

  if (store == NULL)
    print_error (NULL, error->message);

  if (g_error_matches (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED))
    {
      g_autofree char *dir = globals->library ? g_canonicalize_filename (globals->library, NULL)
                                              : medialib_store_dup_default_dir ();
      g_autoptr(GPtrArray) backups = medialib_store_list_backups (dir);

      if (backups->len > 0)
        fprintf (stderr, _("medialib: restore the latest backup with: medialib%s%s restore %s\n"),
                 globals->library ? " --library " : "", globals->library ? globals->library : "",
                 ((MedialibBackup *) g_ptr_array_index (backups, 0))->path);
      else
        fprintf (stderr, "%s\n", _("medialib: there is no backup of this library to restore"));
    }

  return store;
}

/* import, crop, generate, quota, team: registered by medialib_cli_full_init() (never missing where
 * medialib_cli_route() sends them) */
static int
run_full_command (Globals     *globals,
                  const char  *command,
                  int          argc,
                  char       **argv)
{
  for (const MedialibCliCommand *c = _medialib_cli_full_commands; c != NULL && c->name != NULL; c++)
    if (g_str_equal (c->name, command))
      return c->run (globals, argc, argv);

  g_critical ("“%s” needs medialib_cli_full_init()", command);
  return MEDIALIB_EXIT_USAGE;
}

int
medialib_cli_run (int    argc,
                  char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *library = NULL;
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
          g_set_str (&library, argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--library="))
        g_set_str (&library, arg + strlen ("--library="));
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

  if (library == NULL)
    library = g_strdup (g_getenv ("MEDIALIB_LIBRARY"));
  globals.library = library;

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

      if (g_str_equal (command, "list"))
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
      else if (g_str_equal (command, "collections"))
        status = cmd_collections (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "collection"))
        status = cmd_collection (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "similar"))
        status = cmd_similar (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "duplicates"))
        status = cmd_duplicates (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "presets"))
        status = cmd_presets (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "history"))
        status = cmd_history (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "revert"))
        status = cmd_revert (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "backup"))
        status = cmd_backup (&globals, sub_argc, sub_argv);
      else if (g_str_equal (command, "restore"))
        status = cmd_restore (&globals, sub_argc, sub_argv);
      else if (g_strv_contains (full_subcommands, command))
        status = run_full_command (&globals, command, sub_argc, sub_argv);
      else
        status = usage_error (_("unknown command “%s”"), command);
    }

  return status;
}
