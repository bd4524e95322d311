/* medialib-team-config.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-team"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "medialib-folder-blobs.h"
#include "medialib-team-config.h"
#include "medialib-team-secrets.h"

/*
 * A team library is a folder with a team.ini, which `medialib team connect` writes:
 *
 *   [team]
 *   database=host=db.example.com dbname=medialib user=alice sslmode=verify-full
 *   endpoint=https://s3.example.com
 *   bucket=medialib
 *   region=eu-west-1
 *   public-url=https://cdn.example.com/medialib
 *   url-expiry=604800
 *   ca-file=/etc/ssl/company-ca.pem
 *
 * It holds no secret, ever: the database's password comes from libpq's own means
 * (PGPASSWORD, ~/.pgpass or a service file), else from the keyring; the object store's keys
 * from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else from the keyring
 * (medialib-team-secrets.c). A
 * team.ini with a password in its connection string is refused, when written and when read.
 * The file is private to the user all the same (0600), like the rest of the folder.
 */

#define GROUP "team"

void
medialib_team_config_free (MedialibTeamConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->database);
  g_free (config->endpoint);
  g_free (config->bucket);
  g_free (config->region);
  g_free (config->public_url);
  g_free (config->ca_file);
  g_free (config);
}

static gboolean
has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && o->val[0] != '\0')
      found = TRUE;
  PQconninfoFree (options);

  return found;
}

/* An http(s) URL with a host; plain http only on this computer */
static gboolean
check_url (const char  *url,
           gboolean     local_http_only,
           const char  *what,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      /* Translators: the first %s is what the address is for ("The S3 endpoint") */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not an http:// or https:// address"), what, url);
      return FALSE;
    }

  if (local_http_only && g_str_equal (scheme, "http") &&
      !g_str_equal (host, "127.0.0.1") && !g_str_equal (host, "localhost") && !g_str_equal (host, "::1"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not encrypted: use https://, plain http:// is only for this computer (localhost)"),
                   what, url);
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_team_config_check:
 *
 * Returns: whether @config can be a team.ini: a connection string that libpq reads and that
 *   holds no password, http(s) addresses, an expiry of at most seven days; otherwise %FALSE
 *   with %G_IO_ERROR_INVALID_ARGUMENT saying what is wrong (never quoting a secret)
 */
gboolean
medialib_team_config_check (const MedialibTeamConfig  *config,
                            GError                   **error)
{
  PQconninfoOption *parsed;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (config->database == NULL || config->database[0] == '\0' ||
      (parsed = PQconninfoParse (config->database, NULL)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The database connection string cannot be read. Write it as key=value pairs (host=… dbname=… user=…) or as a postgresql:// address"));
      return FALSE;
    }
  PQconninfoFree (parsed);

  if (has_password (config->database))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The database connection string holds a password, which a team library never writes to a file. Remove it: the app keeps the password in the keyring, the command line reads PGPASSWORD or ~/.pgpass"));
      return FALSE;
    }

  if ((config->endpoint != NULL && !check_url (config->endpoint, TRUE, _("The S3 endpoint"), error)) ||
      (config->public_url != NULL && !check_url (config->public_url, FALSE, _("The public address"), error)))
    return FALSE;

  if (config->endpoint != NULL && (config->bucket == NULL || config->bucket[0] == '\0'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The team library needs the name of its bucket"));
      return FALSE;
    }

  if (config->url_expiry == 0 || config->url_expiry > MEDIALIB_TEAM_DEFAULT_URL_EXPIRY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The addresses of the files must last between one second and seven days (%u seconds)"),
                   MEDIALIB_TEAM_DEFAULT_URL_EXPIRY);
      return FALSE;
    }

  return TRUE;
}

static char *
get_optional (GKeyFile   *file,
              const char *key)
{
  g_autofree char *value = g_key_file_get_string (file, GROUP, key, NULL);

  if (value != NULL)
    g_strstrip (value);
  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

/**
 * medialib_team_config_load:
 *
 * Reads @library_dir/team.ini.
 *
 * Returns: (transfer full) (nullable): what it says, or %NULL with %G_IO_ERROR_NOT_FOUND
 *   when there is none, or %G_IO_ERROR_INVALID_DATA / %G_IO_ERROR_INVALID_ARGUMENT when it
 *   cannot be used
 */
MedialibTeamConfig *
medialib_team_config_load (const char  *library_dir,
                           GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(MedialibTeamConfig) config = g_new0 (MedialibTeamConfig, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expiry = NULL;

  g_return_val_if_fail (library_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (library_dir, MEDIALIB_TEAM_INI, NULL);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s is not a team library"), library_dir);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The team library’s settings %s cannot be read: %s"), path, local_error->message);
      return NULL;
    }

  config->database = get_optional (file, "database");
  config->endpoint = get_optional (file, "endpoint");
  config->bucket = get_optional (file, "bucket");
  config->region = get_optional (file, "region");
  config->public_url = get_optional (file, "public-url");
  config->ca_file = get_optional (file, "ca-file");
  config->url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  if ((expiry = get_optional (file, "url-expiry")) != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (expiry, 10, 1, G_MAXUINT, &seconds, NULL))
        seconds = 0;
      config->url_expiry = (guint) seconds;
    }

  if (!medialib_team_config_check (config, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&config);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  MedialibTeamConfig *config = medialib_team_config_load (task_data, &error);

  if (config == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, config, (GDestroyNotify) medialib_team_config_free);
}

/**
 * medialib_team_config_load_async:
 *
 * Reads @library_dir/team.ini on a worker thread: medialib_team_config_load() for the app.
 */
void
medialib_team_config_load_async (const char          *library_dir,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (library_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_team_config_load_async);
  g_task_set_task_data (task, g_strdup (library_dir), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * medialib_team_config_load_finish:
 *
 * Returns: (transfer full) (nullable): as medialib_team_config_load()
 */
MedialibTeamConfig *
medialib_team_config_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medialib_team_config_save:
 *
 * Writes @library_dir/team.ini, private to the user, in place of any earlier one (through a
 * temporary file: a reader finds the old one or the new one). @config must pass
 * medialib_team_config_check(): nothing secret is ever written.
 */
gboolean
medialib_team_config_save (const MedialibTeamConfig  *config,
                           const char                *library_dir,
                           GError                   **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (library_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!medialib_team_config_check (config, error))
    return FALSE;

  g_key_file_set_string (file, GROUP, "database", config->database);
  if (config->endpoint != NULL)
    g_key_file_set_string (file, GROUP, "endpoint", config->endpoint);
  if (config->bucket != NULL)
    g_key_file_set_string (file, GROUP, "bucket", config->bucket);
  if (config->region != NULL)
    g_key_file_set_string (file, GROUP, "region", config->region);
  if (config->public_url != NULL)
    g_key_file_set_string (file, GROUP, "public-url", config->public_url);
  g_key_file_set_uint64 (file, GROUP, "url-expiry", config->url_expiry);
  if (config->ca_file != NULL)
    g_key_file_set_string (file, GROUP, "ca-file", config->ca_file);

  data = g_key_file_to_data (file, &length, NULL);
  path = g_build_filename (library_dir, MEDIALIB_TEAM_INI, NULL);

  /* Written 0600 from the start, never readable by others even for a moment */
  return _medialib_write_file_atomic (path, data, length, TRUE, error);
}

/**
 * medialib_team_config_new_s3_client_with_keys:
 * @access_key_id: (nullable): the bucket's access key id
 * @secret_access_key: (nullable): and its secret key
 *
 * Returns: (transfer full): the S3 client of a team library's bucket, or %NULL with @error
 *   set, saying where the keys go when they are missing
 */
MedialibS3Client *
medialib_team_config_new_s3_client_with_keys (const MedialibTeamConfig  *config,
                                              const char                *access_key_id,
                                              const char                *secret_access_key,
                                              GError                   **error)
{
  g_return_val_if_fail (config != NULL, NULL);

  if (config->endpoint == NULL || config->bucket == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("team.ini names no S3 endpoint or bucket: connect the folder again with “medialib team connect”"));
      return NULL;
    }
  if (access_key_id == NULL || access_key_id[0] == '\0' ||
      secret_access_key == NULL || secret_access_key[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The team library’s bucket needs its keys, and none were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or save them in the keyring with “medialib team connect … --save-credentials”"));
      return NULL;
    }

  return g_initable_new (MEDIALIB_TYPE_S3_CLIENT, NULL, error,
                         "endpoint", config->endpoint,
                         "region", config->region != NULL ? config->region : MEDIALIB_S3_DEFAULT_REGION,
                         "bucket", config->bucket,
                         "access-key-id", access_key_id,
                         "secret-key", secret_access_key,
                         "ca-file", config->ca_file,
                         NULL);
}

/**
 * medialib_team_config_new_s3_client:
 *
 * The S3 client of a team library's bucket. The keys come from the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), else from the keyring
 * (medialib_team_secrets_find()), never from team.ini. Blocks: call it from a worker thread
 * in the app.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
MedialibS3Client *
medialib_team_config_new_s3_client (const MedialibTeamConfig  *config,
                                    GError                   **error)
{
  g_autoptr(MedialibTeamSecrets) secrets = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  secrets = medialib_team_secrets_find (config, NULL);
  return medialib_team_config_new_s3_client_with_keys (config, secrets->access_key_id,
                                                       secrets->secret_access_key, error);
}
