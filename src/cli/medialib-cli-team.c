/* medialib-cli-team.c — medialib team connect, team status, team push
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "medialib-cli-private.h"
#include "medialib-pg-catalog.h"
#include "medialib-store-push.h"
#include "medialib-team-config.h"

/*
 * A team library is a folder whose team.ini names the team's PostgreSQL database and S3
 * bucket. The command line reads the database's password from libpq's own environment
 * (PGPASSWORD, ~/.pgpass, PGSERVICEFILE…) and the object store's keys from
 * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; none of them is ever written, printed or
 * put in a message (libpq's messages are scrubbed: medialib_pg_scrub()).
 */

char *
library_dir (Globals *globals)
{
  return globals->library != NULL ? g_canonicalize_filename (globals->library, NULL)
                                  : medialib_store_dup_default_dir ();
}

/* The connection string as it may be shown: without a password, whatever it holds */
static char *
shown_database (const char *conninfo)
{
  return medialib_pg_scrub (conninfo, conninfo);
}

static int
cmd_connect (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *region = NULL;
  g_autofree char *public_url = NULL;
  int url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("The team’s PostgreSQL database (a libpq connection string, without a password)"), N_("CONNINFO") },
    { "s3-endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("The S3 object store’s address"), N_("URL") },
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket, N_("The bucket that keeps the files"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The bucket’s region"), N_("REGION") },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url, N_("The address where anyone can read the bucket’s files (a CDN), if any"), N_("URL") },
    { "url-expiry", 0, 0, G_OPTION_ARG_INT, &url_expiry, N_("How long a file’s address lasts without a public address (at most 604800, seven days)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *shown = NULL;
  MedialibTeamConfig config = { 0 };
  int status = MEDIALIB_EXIT_OK;
  gint64 count;

  if (!parse_options ("team connect", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("team connect: unexpected argument “%s”"), argv[1]);
  if (database == NULL || endpoint == NULL || bucket == NULL)
    return usage_error (_("team connect: give --database, --s3-endpoint and --bucket"));

  config.database = database;
  config.endpoint = endpoint;
  config.bucket = bucket;
  config.region = region;
  config.public_url = public_url;
  config.url_expiry = url_expiry > 0 ? (guint) url_expiry : 0;
  if (!medialib_team_config_check (&config, &error))
    return usage_error ("team connect: %s", error->message);

  /* A local library stays one: its assets go to a team library with team push */
  dir = library_dir (globals);
  db = g_build_filename (dir, "library.db", NULL);
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("%s is a local library: connect an empty folder to the team library instead"), dir);

      print_error (NULL, message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  /* The servers first: the database creates the tables or joins them, the object store makes
   * the bucket or joins it, or they say why not, before anything is written here */
  if (!(catalog = medialib_pg_catalog_open (database, NULL, &error)) ||
      (count = medialib_catalog_count (MEDIALIB_CATALOG (catalog), &error)) < 0 ||
      !(client = medialib_team_config_new_s3_client (&config, &error)) ||
      !medialib_s3_client_create_bucket (client, NULL, &error))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("The library folder %s cannot be created: %s"),
                                                  dir, g_strerror (saved_errno));

      print_error (NULL, message);
      return MEDIALIB_EXIT_PARTIAL;
    }
  if (!medialib_team_config_save (&config, dir, &error))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  shown = shown_database (database);
  if (!globals->json)
    {
      printf (_("%s is now a team library\n"), dir);
      printf ("%-10s %s\n", "database:", shown);
      printf ("%-10s %s\n", "endpoint:", endpoint);
      printf ("%-10s %s\n", "bucket:", bucket);
      printf ("%-10s %" G_GINT64_FORMAT "\n", "assets:", count);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "library");
      json_builder_add_string_value (builder, dir);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, shown);
      json_builder_set_member_name (builder, "endpoint");
      json_builder_add_string_value (builder, endpoint);
      json_builder_set_member_name (builder, "bucket");
      json_builder_add_string_value (builder, bucket);
      json_builder_set_member_name (builder, "assets");
      json_builder_add_int_value (builder, count);
      json_builder_end_object (builder);
      print_json_builder (builder);
    }

  return MEDIALIB_EXIT_OK;
}

/* What team.ini says, and whether the database answers: exit 1 when it does not */
static int
cmd_status (Globals  *globals,
            int       argc,
            char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unreachable = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;
  int status = MEDIALIB_EXIT_OK;
  gint64 count = -1;

  if (!parse_options ("team status", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("team status: unexpected argument “%s”"), argv[1]);

  dir = library_dir (globals);
  if (!(config = medialib_team_config_load (dir, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if ((catalog = medialib_pg_catalog_open (config->database, NULL, &unreachable)))
    count = medialib_catalog_count (MEDIALIB_CATALOG (catalog), &unreachable);
  /* Reachable: the database and the bucket both answer */
  if (unreachable == NULL)
    {
      g_autoptr(MedialibS3Client) client = medialib_team_config_new_s3_client (config, &unreachable);

      if (client != NULL)
        medialib_s3_client_check_bucket (client, NULL, &unreachable);
    }

  shown = shown_database (config->database);
  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, shown);
      json_builder_set_member_name (builder, "endpoint");
      json_builder_add_string_value (builder, config->endpoint);
      json_builder_set_member_name (builder, "bucket");
      json_builder_add_string_value (builder, config->bucket);
      json_builder_set_member_name (builder, "assets");
      if (count >= 0)
        json_builder_add_int_value (builder, count);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reachable");
      json_builder_add_boolean_value (builder, count >= 0);
      json_builder_end_object (builder);
      print_json_builder (builder);
    }
  else
    {
      printf ("%-10s %s\n", "database:", shown);
      printf ("%-10s %s\n", "endpoint:", config->endpoint ? config->endpoint : "-");
      printf ("%-10s %s\n", "bucket:", config->bucket ? config->bucket : "-");
      if (count >= 0)
        printf ("%-10s %" G_GINT64_FORMAT "\n", "assets:", count);
      else
        printf ("%-10s %s\n", "assets:", "-");
      printf ("%-10s %s\n", "reachable:", count >= 0 ? "yes" : "no");
    }

  if (count < 0)
    {
      print_error (NULL, unreachable->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  return MEDIALIB_EXIT_OK;
}

typedef struct
{
  GMainLoop           *loop;
  gboolean             pushed;
  MedialibPushSummary  summary;
  GError              *error;
} PushWait;

static void
on_push_progress_cb (guint    done,
                     guint    total,
                     gpointer user_data)
{
  /* On a terminal, one line that counts; otherwise a line each time */
  gboolean terminal = isatty (fileno (stderr));

  if (terminal)
    fputc ('\r', stderr);
  /* Translators: how many of the local library's assets and generations are in the team
   * library so far; printed again after each */
  fprintf (stderr, _("Pushed %u of %u…"), done, total);
  if (!terminal || done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static void
on_push_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PushWait *wait = user_data;

  wait->pushed = medialib_store_push_finish (result, &wait->summary, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_push_interrupt_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

static void
print_push_summary (Globals                   *globals,
                    const char                *local,
                    const char                *team,
                    const MedialibPushSummary *summary)
{
  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "library");
      json_builder_add_string_value (builder, local);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, team);
      json_builder_set_member_name (builder, "assets");
      json_builder_add_int_value (builder, summary->assets);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, summary->added);
      json_builder_set_member_name (builder, "merged");
      json_builder_add_int_value (builder, summary->merged);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, summary->skipped);
      json_builder_set_member_name (builder, "generations");
      json_builder_add_int_value (builder, summary->generations);
      json_builder_set_member_name (builder, "generations_added");
      json_builder_add_int_value (builder, summary->generations_added);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; summary->problems != NULL && i < summary->problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (summary->problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json_builder (builder);
      return;
    }

  printf (_("%s is pushed to the team library in %s\n"), local, team);
  printf ("%-12s %u\n", "assets:", summary->assets);
  printf ("%-12s %u\n", "added:", summary->added);
  printf ("%-12s %u\n", "merged:", summary->merged);
  printf ("%-12s %u\n", "skipped:", summary->skipped);
  printf ("%-12s %u\n", "generations:", summary->generations);
  printf ("%-12s %u\n", "recorded:", summary->generations_added);
}

/* Copies the local library (--library) into the team library of --to; see
 * medialib-store-push.c. Its progress on stderr, what it did on stdout. */
static int
cmd_push (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("The team library’s folder (connected with “team connect”)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *local = NULL;
  g_autofree char *team = NULL;
  PushWait wait = { 0 };
  int status = MEDIALIB_EXIT_OK;
  guint sigint, sigterm;

  if (!parse_options ("team push", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("team push: unexpected argument “%s”"), argv[1]);
  if (to == NULL)
    return usage_error (_("team push: give the team library’s folder with --to"));

  local = library_dir (globals);
  team = g_canonicalize_filename (to, NULL);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  sigint = g_unix_signal_add (SIGINT, on_push_interrupt_cb, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_push_interrupt_cb, cancellable);
  medialib_store_push_async (local, team, on_push_progress_cb, NULL, NULL, cancellable, on_push_done_cb, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  for (guint i = 0; wait.summary.problems != NULL && i < wait.summary.problems->len; i++)
    print_error (NULL, g_ptr_array_index (wait.summary.problems, i));

  if (!wait.pushed)
    {
      if (isatty (fileno (stderr)))
        fputc ('\n', stderr);
      if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        print_error (NULL, _("Push interrupted: what was pushed stays; run the same command again to push the rest"));
      else
        {
          print_error (NULL, wait.error->message);
          if (wait.summary.assets > 0)
            print_error (NULL, _("Run the same command again to push the rest: nothing is pushed twice"));
        }
      g_clear_error (&wait.error);
      medialib_push_summary_clear (&wait.summary);
      return MEDIALIB_EXIT_PARTIAL;
    }

  print_push_summary (globals, local, team, &wait.summary);
  status = wait.summary.skipped > 0 ? MEDIALIB_EXIT_PARTIAL : MEDIALIB_EXIT_OK;
  medialib_push_summary_clear (&wait.summary);
  return status;
}

int
cmd_team (Globals  *globals,
          int       argc,
          char    **argv)
{
  if (argc < 2)
    return usage_error (_("team: give connect, status or push"));

  if (g_str_equal (argv[1], "connect"))
    return cmd_connect (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return cmd_status (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "push"))
    return cmd_push (globals, argc - 1, argv + 1);

  return usage_error (_("team: unknown command “%s” (give connect, status or push)"), argv[1]);
}
