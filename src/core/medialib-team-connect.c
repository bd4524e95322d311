/* medialib-team-connect.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-team"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "medialib-pg-catalog.h"
#include "medialib-team-connect.h"

/*
 * Connecting a folder to a team library's servers, for `medialib team connect` and for the
 * window's "Team Library…" dialog alike:
 *
 *  - medialib_team_test_sync() asks the servers, without changing anything on them or
 *    here, whether the credentials that a person typed work: the database answers and takes
 *    the password, its tables are there and may be used (or may be created), the bucket is
 *    there and the keys may read it. Each failure is its own error code
 *    (%MEDIALIB_PG_ERROR_UNREACHABLE, _AUTHENTICATION, _TLS, _PERMISSION_DENIED,
 *    _SCHEMA_MISSING; %MEDIALIB_S3_ERROR_UNREACHABLE, _CERTIFICATE, _CREDENTIALS,
 *    _ACCESS_DENIED, _NO_SUCH_BUCKET…) with a message that names the server, never a secret.
 *  - medialib_team_connect_sync() does what `team connect` always did: the servers first
 *    (the tables created or joined, the bucket created or joined), then the credentials to
 *    the keyring when asked, then the folder and its team.ini. Whatever fails, nothing is
 *    written here.
 *
 * The app keeps its team libraries in folders of their own, one per database and bucket,
 * under its data folder (medialib_team_dup_library_dir()): connecting again to the same
 * servers joins the folder made the first time.
 */

/* --- Connection strings ------------------------------------------------------------------- */

static void
append_value (GString    *conninfo,
              const char *key,
              const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", key);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *c);
    }
  g_string_append_c (conninfo, '\'');
}

static gboolean
is_local_host (const char *host)
{
  return host == NULL || host[0] == '\0' || host[0] == '/' || host[0] == '@' ||
         g_str_equal (host, "localhost") || g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1");
}

/**
 * medialib_team_conninfo_new:
 *
 * A libpq connection string from the fields a person fills in (each nullable), without a
 * password. A server on another computer is reached over TLS, its certificate checked
 * against the system's authorities (sslmode=verify-full sslrootcert=system); one on this
 * computer as libpq does by default.
 *
 * Returns: (transfer full): the connection string
 */
char *
medialib_team_conninfo_new (const char *host,
                            const char *port,
                            const char *dbname,
                            const char *user)
{
  GString *conninfo = g_string_new (NULL);

  append_value (conninfo, "host", host);
  append_value (conninfo, "port", port);
  append_value (conninfo, "dbname", dbname);
  append_value (conninfo, "user", user);
  if (!is_local_host (host))
    g_string_append (conninfo, " sslmode=verify-full sslrootcert=system");

  return g_string_free (conninfo, FALSE);
}

static char *
option_value (PQconninfoOption *options,
              const char       *keyword)
{
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL && o->val[0] != '\0')
      return g_strdup (o->val);

  return NULL;
}

/**
 * medialib_team_conninfo_parse:
 * @host: (out) (optional) (nullable): and the others: what the string says, %NULL when it
 *   says nothing
 *
 * Returns: whether libpq could read @conninfo
 */
gboolean
medialib_team_conninfo_parse (const char  *conninfo,
                              char       **host,
                              char       **port,
                              char       **dbname,
                              char       **user)
{
  PQconninfoOption *options;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!(options = PQconninfoParse (conninfo, NULL)))
    return FALSE;

  if (host != NULL)
    *host = option_value (options, "host");
  if (port != NULL)
    *port = option_value (options, "port");
  if (dbname != NULL)
    *dbname = option_value (options, "dbname");
  if (user != NULL)
    *user = option_value (options, "user");
  PQconninfoFree (options);

  return TRUE;
}

/* --- Names and folders -------------------------------------------------------------------- */

/**
 * medialib_team_config_dup_name:
 *
 * Returns: (transfer full): how the library is called where a person sees it: its bucket and
 *   the object store's host ("assets@s3.example.com")
 */
char *
medialib_team_config_dup_name (const MedialibTeamConfig *config)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  if (config->endpoint != NULL && config->bucket != NULL &&
      (uri = g_uri_parse (config->endpoint, G_URI_FLAGS_NONE, NULL)) != NULL &&
      g_uri_get_host (uri) != NULL)
    return g_strdup_printf ("%s@%s", config->bucket, g_uri_get_host (uri));

  if (config->database != NULL)
    medialib_team_conninfo_parse (config->database, &host, NULL, &dbname, NULL);

  return g_strdup_printf ("%s@%s", dbname != NULL ? dbname : "medialib", host != NULL ? host : "localhost");
}

static char *
normal_endpoint (const char *endpoint)
{
  char *copy = g_strdup (endpoint != NULL ? endpoint : "");
  gsize length = strlen (copy);

  while (length > 0 && copy[length - 1] == '/')
    copy[--length] = '\0';

  return copy;
}

/**
 * medialib_team_config_same_servers:
 *
 * Returns: whether @a and @b name the same database (host, port, database, user) and the
 *   same bucket at the same endpoint
 */
gboolean
medialib_team_config_same_servers (const MedialibTeamConfig *a,
                                   const MedialibTeamConfig *b)
{
  char *fields[2][4] = { { NULL } };
  const MedialibTeamConfig *configs[2] = { a, b };
  g_autofree char *endpoint_a = NULL;
  g_autofree char *endpoint_b = NULL;
  gboolean same = TRUE;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < 2; i++)
    if (configs[i]->database == NULL ||
        !medialib_team_conninfo_parse (configs[i]->database, &fields[i][0], &fields[i][1],
                                       &fields[i][2], &fields[i][3]))
      same = FALSE;

  for (guint f = 0; same && f < 4; f++)
    {
      const char *one = fields[0][f] != NULL ? fields[0][f] : (f == 1 ? "5432" : "");
      const char *other = fields[1][f] != NULL ? fields[1][f] : (f == 1 ? "5432" : "");

      same = g_str_equal (one, other);
    }
  for (guint i = 0; i < 2; i++)
    for (guint f = 0; f < 4; f++)
      g_free (fields[i][f]);

  endpoint_a = normal_endpoint (a->endpoint);
  endpoint_b = normal_endpoint (b->endpoint);

  return same && g_str_equal (endpoint_a, endpoint_b) && g_strcmp0 (a->bucket, b->bucket) == 0;
}

/**
 * medialib_team_dup_libraries_dir:
 *
 * Returns: (transfer full): the folder that holds the app's team libraries, each in a
 *   folder of its own
 */
char *
medialib_team_dup_libraries_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, MEDIALIB_TEAM_LIBRARIES, NULL);
}

/**
 * medialib_team_dup_library_dir:
 *
 * The app's folder for the team library of @config: the one already connected to the same
 * servers, else a new one named after the library (not created here). Reads the folders:
 * call it from a worker thread in the app.
 *
 * Returns: (transfer full): its path
 */
char *
medialib_team_dup_library_dir (const MedialibTeamConfig *config)
{
  g_autofree char *parent = medialib_team_dup_libraries_dir ();
  g_autofree char *name = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  g_return_val_if_fail (config != NULL, NULL);

  if ((dir = g_dir_open (parent, 0, NULL)) != NULL)
    while ((entry = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (parent, entry, NULL);
        g_autoptr(MedialibTeamConfig) other = medialib_team_config_load (path, NULL);

        if (other != NULL && medialib_team_config_same_servers (config, other))
          return g_steal_pointer (&path);
      }

  name = medialib_team_config_dup_name (config);
  g_strcanon (name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-_", '_');
  if (name[0] == '.')
    name[0] = '_';

  for (guint n = 1; ; n++)
    {
      g_autofree char *base = n == 1 ? g_strdup (name) : g_strdup_printf ("%s-%u", name, n);
      g_autofree char *path = g_build_filename (parent, base, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* --- Testing ------------------------------------------------------------------------------ */

static gboolean
is_true (const PGresult *result,
         int             column)
{
  return g_strcmp0 (PQgetvalue (result, 0, column), "t") == 0;
}

/* Whether the role may use the library's tables, or create them when there are none */
static gboolean
check_tables (PGconn  *conn,
              GError **error)
{
  static const char sql[] =
    "SELECT to_regclass ('assets') IS NOT NULL,"
    "  coalesce (has_table_privilege (to_regclass ('assets'), 'SELECT')"
    "            AND has_table_privilege (to_regclass ('assets'), 'INSERT')"
    "            AND has_table_privilege (to_regclass ('assets'), 'UPDATE')"
    "            AND has_table_privilege (to_regclass ('assets'), 'DELETE'), false),"
    "  coalesce (has_schema_privilege (current_schema (), 'CREATE'), false),"
    "  current_user, current_database ()";
  g_autoptr(PGresult) result = NULL;
  g_autofree char *server = NULL;

  if (!(result = medialib_pg_exec (conn, sql, 0, NULL, _("The database’s tables could not be checked"), error)))
    return FALSE;

  server = medialib_pg_dup_server (conn);
  if (is_true (result, 0) && !is_true (result, 1))
    {
      g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_PERMISSION_DENIED,
                   _("The role “%s” may not read and change the team library in the database “%s” on %s. Ask the database’s administrator to grant it SELECT, INSERT, UPDATE and DELETE on its tables"),
                   PQgetvalue (result, 0, 3), PQgetvalue (result, 0, 4), server);
      return FALSE;
    }
  if (!is_true (result, 0) && !is_true (result, 2))
    {
      g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_SCHEMA_MISSING,
                   _("The database “%s” on %s has no team library yet, and the role “%s” may not create one. Have the library’s owner connect first, or ask the database’s administrator to let this role create tables"),
                   PQgetvalue (result, 0, 4), server, PQgetvalue (result, 0, 3));
      return FALSE;
    }

  return TRUE;
}

/* The database with the password as typed (nothing of the environment's or the keyring's) */
static gboolean
test_database (const MedialibTeamConfig  *config,
               const MedialibTeamSecrets *secrets,
               GError                   **error)
{
  PGconn *conn = medialib_pg_connect_with_password (config->database, secrets->database_password, error);
  gboolean ok;

  if (conn == NULL)
    return FALSE;

  ok = check_tables (conn, error);
  PQfinish (conn);

  return ok;
}

static MedialibS3Client *
new_client (const MedialibTeamConfig  *config,
            const MedialibTeamSecrets *secrets,
            GError                   **error)
{
  if (secrets->access_key_id == NULL || secrets->access_key_id[0] == '\0' ||
      secrets->secret_access_key == NULL || secrets->secret_access_key[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the access key ID and the secret key of the bucket"));
      return NULL;
    }

  return medialib_team_config_new_s3_client_with_keys (config, secrets->access_key_id,
                                                       secrets->secret_access_key, error);
}

/**
 * medialib_team_test_sync:
 * @secrets: the credentials to try, as a person typed them: the database password (nullable
 *   when the server asks for none) and the bucket's keys
 *
 * Asks the servers of @config whether @secrets work, changing nothing there or here: the
 * database takes the password, its tables may be used or created, the bucket is there and
 * the keys may read it. Blocks: call it from a worker thread in the app
 * (medialib_team_test_async()).
 *
 * Returns: %TRUE when they work, else %FALSE with a %MEDIALIB_PG_ERROR, %MEDIALIB_S3_ERROR
 *   or %G_IO_ERROR_INVALID_ARGUMENT that says what failed, without a secret
 */
gboolean
medialib_team_test_sync (const MedialibTeamConfig   *config,
                         const MedialibTeamSecrets  *secrets,
                         GCancellable               *cancellable,
                         GError                    **error)
{
  g_autoptr(MedialibS3Client) client = NULL;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (secrets != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!medialib_team_config_check (config, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !test_database (config, secrets, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(client = new_client (config, secrets, error)))
    return FALSE;

  return medialib_s3_client_check_bucket (client, cancellable, error);
}

/* --- Connecting --------------------------------------------------------------------------- */

/**
 * medialib_team_connect_sync:
 * @secrets: (nullable): the credentials a person typed, tried as they are; %NULL for those
 *   of the environment and the keyring (medialib_team_secrets_find()), as the command line does
 * @save: (nullable): credentials to keep in the keyring once the servers accepted them
 * @n_assets: (out) (optional): how many assets the library holds
 *
 * Makes @library_dir a team library: creates the tables or joins them, creates the bucket or
 * joins it, keeps @save in the keyring, then writes @library_dir/team.ini (no secret).
 * Nothing is written here when a server cannot be reached or refuses, nor when
 * @library_dir is a local library. Blocks: call it from a worker thread in the app.
 */
gboolean
medialib_team_connect_sync (const MedialibTeamConfig   *config,
                            const MedialibTeamSecrets  *secrets,
                            const MedialibTeamSecrets  *save,
                            const char                 *library_dir,
                            gint64                     *n_assets,
                            GCancellable               *cancellable,
                            GError                    **error)
{
  g_autoptr(MedialibTeamSecrets) found = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *db = NULL;
  gint64 count;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (library_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!medialib_team_config_check (config, error))
    return FALSE;

  /* A local library stays one: its assets go to a team library with team push */
  db = g_build_filename (library_dir, "library.db", NULL);
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is a local library: connect an empty folder to the team library instead"),
                   library_dir);
      return FALSE;
    }

  /* Typed credentials are tried as they are first, so that a refusal says what was wrong
   * with them (libpq would try PGPASSWORD or ~/.pgpass before them) */
  if (secrets == NULL)
    secrets = found = medialib_team_secrets_find (config, cancellable);
  else if (!test_database (config, secrets, error))
    return FALSE;

  /* The servers first: the database creates the tables or joins them, the object store makes
   * the bucket or joins it, or they say why not, before anything is written here */
  if (!(catalog = medialib_pg_catalog_open_full (config->database, secrets->database_password, NULL, error)) ||
      (count = medialib_catalog_count (MEDIALIB_CATALOG (catalog), error)) < 0 ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(client = (found != NULL ? medialib_team_config_new_s3_client_with_keys (config, secrets->access_key_id,
                                                                                 secrets->secret_access_key, error)
                                : new_client (config, secrets, error))) ||
      !medialib_s3_client_create_bucket (client, cancellable, error))
    return FALSE;

  /* The servers accepted them: the credentials go to the keyring, before anything is
   * written here */
  if (save != NULL && !medialib_team_secrets_store_sync (config, save, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The credentials cannot be saved in the keyring: %s"), local_error->message);
      return FALSE;
    }

  if (g_mkdir_with_parents (library_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The library folder %s cannot be created: %s"), library_dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!medialib_team_config_save (config, library_dir, error))
    return FALSE;

  if (n_assets != NULL)
    *n_assets = count;

  return TRUE;
}

/* --- The same on a worker thread ---------------------------------------------------------- */

typedef struct
{
  MedialibTeamConfig  *config;
  MedialibTeamSecrets *secrets;
} Request;

static void
request_free (Request *request)
{
  medialib_team_config_free (request->config);
  medialib_team_secrets_free (request->secrets);
  g_free (request);
}

static MedialibTeamConfig *
config_copy (const MedialibTeamConfig *config)
{
  MedialibTeamConfig *copy = g_new0 (MedialibTeamConfig, 1);

  copy->database = g_strdup (config->database);
  copy->endpoint = g_strdup (config->endpoint);
  copy->bucket = g_strdup (config->bucket);
  copy->region = g_strdup (config->region);
  copy->public_url = g_strdup (config->public_url);
  copy->ca_file = g_strdup (config->ca_file);
  copy->url_expiry = config->url_expiry;

  return copy;
}

static GTask *
request_task (const MedialibTeamConfig  *config,
              const MedialibTeamSecrets *secrets,
              gpointer                   source_tag,
              GCancellable              *cancellable,
              GAsyncReadyCallback        callback,
              gpointer                   user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->config = config_copy (config);
  request->secrets = medialib_team_secrets_copy (secrets);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  return task;
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (medialib_team_test_sync (request->config, request->secrets, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * medialib_team_test_async:
 *
 * medialib_team_test_sync() on a worker thread.
 */
void
medialib_team_test_async (const MedialibTeamConfig  *config,
                          const MedialibTeamSecrets *secrets,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (config != NULL);
  g_return_if_fail (secrets != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_task (config, secrets, medialib_team_test_async, cancellable, callback, user_data);
  g_task_run_in_thread (task, test_thread);
}

gboolean
medialib_team_test_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autofree char *dir = medialib_team_dup_library_dir (request->config);
  GError *error = NULL;

  if (medialib_team_connect_sync (request->config, request->secrets, request->secrets, dir, NULL,
                                  cancellable, &error))
    g_task_return_pointer (task, g_steal_pointer (&dir), g_free);
  else
    g_task_return_error (task, error);
}

/**
 * medialib_team_connect_async:
 * @secrets: the credentials a person typed
 *
 * What the window's "Connect" does, on a worker thread: medialib_team_connect_sync() with
 * @secrets, kept in the keyring, into the app's folder for these servers
 * (medialib_team_dup_library_dir()).
 */
void
medialib_team_connect_async (const MedialibTeamConfig  *config,
                             const MedialibTeamSecrets *secrets,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (config != NULL);
  g_return_if_fail (secrets != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_task (config, secrets, medialib_team_connect_async, cancellable, callback, user_data);
  g_task_run_in_thread (task, connect_thread);
}

/**
 * medialib_team_connect_finish:
 *
 * Returns: (transfer full) (nullable): the team library's folder, or %NULL with @error set
 */
char *
medialib_team_connect_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
