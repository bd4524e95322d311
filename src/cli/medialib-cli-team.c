/* medialib-cli-team.c — medialib team connect, team status, team push, team forget-credentials
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
#include "medialib-team-connect.h"
#include "medialib-team-secrets.h"

/*
 * A team library is a folder whose team.ini names the team's PostgreSQL database and S3
 * bucket. The command line reads the database's password from libpq's own environment
 * (PGPASSWORD, ~/.pgpass, PGSERVICEFILE…) and the object store's keys from
 * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and from the keyring what they lack
 * (medialib-team-secrets.c). `team connect --save-credentials` saves those of the
 * environment in the keyring once the servers accepted them; `team forget-credentials`
 * removes them. None of them is ever written to a file, printed or put in a message
 * (libpq's messages are scrubbed: medialib_pg_scrub()).
 */

/* The connection string as it may be shown: without a password, whatever it holds */
static char *
shown_database (const char *conninfo)
{
  return medialib_pg_scrub (conninfo, conninfo);
}

static gboolean
is_set (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && value[0] != '\0';
}

/* PGPASSWORD and the AWS keys of the environment, for the keyring: only what is set */
static MedialibTeamSecrets *
environment_secrets (void)
{
  MedialibTeamSecrets *secrets = g_new0 (MedialibTeamSecrets, 1);

  if (is_set ("PGPASSWORD"))
    secrets->database_password = g_strdup (g_getenv ("PGPASSWORD"));
  if (is_set ("AWS_ACCESS_KEY_ID") && is_set ("AWS_SECRET_ACCESS_KEY"))
    {
      secrets->access_key_id = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
      secrets->secret_access_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));
    }

  return secrets;
}

/* Whether libpq may find a password by itself: a password file or a service file */
static gboolean
has_libpq_files (const char *conninfo)
{
  g_autofree char *pgpass = g_build_filename (g_get_home_dir (), ".pgpass", NULL);
  const char *passfile = g_getenv ("PGPASSFILE");

  return (passfile != NULL ? g_file_test (passfile, G_FILE_TEST_EXISTS)
                           : g_file_test (pgpass, G_FILE_TEST_EXISTS)) ||
         is_set ("PGSERVICE") || strstr (conninfo, "service=") != NULL;
}

/* Where the credentials that opened (or failed to open) @catalog came from: the database's
 * and the bucket's together; "missing" as soon as one of them is */
static MedialibTeamCredentials
credentials_source (const MedialibTeamConfig  *config,
                    const MedialibTeamSecrets *secrets,
                    MedialibPgCatalog         *catalog,
                    const GError              *error)
{
  MedialibTeamCredentials database;

  if (is_set ("PGPASSWORD"))
    database = MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT;
  else if (catalog != NULL)
    database = medialib_pg_uses_fallback_password (medialib_pg_catalog_get_pg (catalog))
               ? MEDIALIB_TEAM_CREDENTIALS_KEYRING : MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT;
  else if (secrets->database_password != NULL)
    database = MEDIALIB_TEAM_CREDENTIALS_KEYRING;
  else if (!g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION) &&
           has_libpq_files (config->database))
    database = MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT;
  else
    database = MEDIALIB_TEAM_CREDENTIALS_MISSING;

  if (database == MEDIALIB_TEAM_CREDENTIALS_MISSING ||
      secrets->keys_source == MEDIALIB_TEAM_CREDENTIALS_MISSING)
    return MEDIALIB_TEAM_CREDENTIALS_MISSING;
  if (database == MEDIALIB_TEAM_CREDENTIALS_KEYRING ||
      secrets->keys_source == MEDIALIB_TEAM_CREDENTIALS_KEYRING)
    return MEDIALIB_TEAM_CREDENTIALS_KEYRING;

  return MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT;
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
  g_autofree char *ca_file = NULL;
  g_autofree char *ca_path = NULL;
  int url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  gboolean save_credentials = FALSE;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("The team’s PostgreSQL database (a libpq connection string, without a password)"), N_("CONNINFO") },
    { "s3-endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("The S3 object store’s address"), N_("URL") },
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket, N_("The bucket that keeps the files"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The bucket’s region"), N_("REGION") },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url, N_("The address where anyone can read the bucket’s files (a CDN), if any"), N_("URL") },
    { "url-expiry", 0, 0, G_OPTION_ARG_INT, &url_expiry, N_("How long a file’s address lasts without a public address (at most 604800, seven days)"), N_("SECONDS") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("A PEM file of the certificate authority that signed the object store’s certificate, when it is not one this computer trusts"), N_("FILE") },
    { "save-credentials", 0, 0, G_OPTION_ARG_NONE, &save_credentials, N_("Save PGPASSWORD, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the keyring once the servers accepted them"), NULL },
    { NULL }
  };
  g_autoptr(MedialibTeamSecrets) environment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;
  MedialibTeamConfig config = { 0 };
  int status = MEDIALIB_EXIT_OK;
  gint64 count = 0;

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
  /* Kept whole in team.ini, which is read from anywhere */
  if (ca_file != NULL && ca_file[0] != '\0')
    config.ca_file = ca_path = g_canonicalize_filename (ca_file, NULL);
  if (!medialib_team_config_check (&config, &error))
    return usage_error ("team connect: %s", error->message);
  if (save_credentials && !is_set ("PGPASSWORD") &&
      !(is_set ("AWS_ACCESS_KEY_ID") && is_set ("AWS_SECRET_ACCESS_KEY")))
    return usage_error (_("team connect: --save-credentials saves PGPASSWORD, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment, and none of them is set"));

  /* The servers first (tables and bucket created or joined), then the environment's
   * credentials to the keyring when asked, then the folder and its team.ini: nothing is
   * written here when a server refuses (medialib-team-connect.c) */
  dir = library_dir (globals);
  if (save_credentials)
    environment = environment_secrets ();
  if (!medialib_team_connect_sync (&config, NULL, environment, dir, &count, NULL, &error))
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
      if (save_credentials)
        printf ("%s\n", _("The credentials are saved in the keyring"));
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
  g_autoptr(MedialibTeamSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unreachable = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;
  const char *credentials;
  int status = MEDIALIB_EXIT_OK;
  gboolean reachable;
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

  secrets = medialib_team_secrets_find (config, NULL);
  if ((catalog = medialib_pg_catalog_open_full (config->database, secrets->database_password, NULL, &unreachable)))
    count = medialib_catalog_count (MEDIALIB_CATALOG (catalog), &unreachable);
  credentials = medialib_team_credentials_to_string (credentials_source (config, secrets, catalog, unreachable));
  /* Reachable: the database and the bucket both answer */
  if (unreachable == NULL)
    {
      g_autoptr(MedialibS3Client) client = NULL;

      client = medialib_team_config_new_s3_client_with_keys (config, secrets->access_key_id,
                                                             secrets->secret_access_key, &unreachable);
      if (client != NULL)
        medialib_s3_client_check_bucket (client, NULL, &unreachable);
    }
  reachable = count >= 0 && unreachable == NULL;

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
      json_builder_add_boolean_value (builder, reachable);
      json_builder_set_member_name (builder, "credentials");
      json_builder_add_string_value (builder, credentials);
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
      printf ("%-10s %s\n", "reachable:", reachable ? "yes" : "no");
      printf ("%-10s %s\n", "credentials:", credentials);
    }

  if (!reachable)
    {
      print_error (NULL, unreachable->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  return MEDIALIB_EXIT_OK;
}

/* Removes the team library's credentials from the keyring; the environment's stay */
static int
cmd_forget_credentials (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("team forget-credentials", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("team forget-credentials: unexpected argument “%s”"), argv[1]);

  dir = library_dir (globals);
  if (!(config = medialib_team_config_load (dir, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (!medialib_team_secrets_clear_sync (config, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The credentials cannot be removed from the keyring: %s"),
                                                  error->message);

      print_error (NULL, message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (!globals->json)
    printf ("%s\n", _("The team library’s credentials are removed from the keyring"));
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "library");
      json_builder_add_string_value (builder, dir);
      json_builder_set_member_name (builder, "forgotten");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      print_json_builder (builder);
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
    return usage_error (_("team: give connect, status, push or forget-credentials"));

  if (g_str_equal (argv[1], "connect"))
    return cmd_connect (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return cmd_status (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "forget-credentials"))
    return cmd_forget_credentials (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "push"))
    return cmd_push (globals, argc - 1, argv + 1);

  return usage_error (_("team: unknown command “%s” (give connect, status, push or forget-credentials)"), argv[1]);
}
