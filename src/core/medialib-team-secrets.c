/* medialib-team-secrets.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-team"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "medialib-team-secrets.h"

/*
 * A team library's credentials live in the user's keyring (the Secret Service, or the Secret
 * portal in Flatpak, which libsecret uses by itself), never in team.ini, GSettings or any
 * other file. Three items, under a schema of their own:
 *
 *   kind=database-password     host, port, dbname, user   the PostgreSQL role's password
 *   kind=s3-access-key-id      endpoint, bucket           the object store's access key id
 *   kind=s3-secret-access-key  endpoint, bucket           and its secret key
 *
 * The attributes name the server as the connection string does (without its password, and
 * without the options that do not change who logs in, such as a search_path): two library
 * folders on the same database role or the same bucket share the same items. Host, port,
 * database and user that the string leaves out are libpq's defaults (PGHOST, PGPORT…), so
 * that the item is found again in the same environment.
 *
 * Every call blocks on D-Bus (and possibly on the user unlocking the keyring): the _async
 * functions run them on a worker thread. medialib_team_secrets_find() is what opening a
 * team library uses: the environment first, the keyring for what the environment lacks.
 */

#define KIND_DATABASE      "database-password"
#define KIND_ACCESS_KEY_ID "s3-access-key-id"
#define KIND_SECRET_KEY    "s3-secret-access-key"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.medialib.MediaLibrary.TeamLibrary", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "bucket", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
wipe (char **secret)
{
  if (*secret == NULL)
    return;

  memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

void
medialib_team_secrets_free (MedialibTeamSecrets *secrets)
{
  if (secrets == NULL)
    return;

  wipe (&secrets->database_password);
  wipe (&secrets->access_key_id);
  wipe (&secrets->secret_access_key);
  g_free (secrets);
}

/**
 * medialib_team_secrets_copy:
 *
 * Returns: (transfer full): a copy of @secrets
 */
MedialibTeamSecrets *
medialib_team_secrets_copy (const MedialibTeamSecrets *secrets)
{
  MedialibTeamSecrets *copy;

  g_return_val_if_fail (secrets != NULL, NULL);

  copy = g_new0 (MedialibTeamSecrets, 1);

  copy->database_password = g_strdup (secrets->database_password);
  copy->access_key_id = g_strdup (secrets->access_key_id);
  copy->secret_access_key = g_strdup (secrets->secret_access_key);
  copy->keys_source = secrets->keys_source;

  return copy;
}

/**
 * medialib_team_credentials_to_string:
 *
 * Returns: "environment", "keyring" or "missing", as `team status` shows them
 */
const char *
medialib_team_credentials_to_string (MedialibTeamCredentials source)
{
  switch (source)
    {
    case MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT:
      return "environment";
    case MEDIALIB_TEAM_CREDENTIALS_KEYRING:
      return "keyring";
    case MEDIALIB_TEAM_CREDENTIALS_MISSING:
    default:
      return "missing";
    }
}

/* --- Which server ------------------------------------------------------------------------- */

typedef struct
{
  GHashTable          *database;       /* attributes naming the role on its server */
  GHashTable          *bucket;         /* attributes naming the bucket; NULL without one */
  char                *database_label;
  char                *bucket_label;
  MedialibTeamSecrets *secrets;        /* what to store, or NULL */
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->database, g_hash_table_unref);
  g_clear_pointer (&request->bucket, g_hash_table_unref);
  g_free (request->database_label);
  g_free (request->bucket_label);
  g_clear_pointer (&request->secrets, medialib_team_secrets_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static char *
conninfo_value (PQconninfoOption *options,
                const char       *keyword)
{
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL && o->val[0] != '\0')
      return g_strdup (o->val);

  return NULL;
}

static Request *
request_new (const MedialibTeamConfig *config)
{
  Request *request = g_new0 (Request, 1);
  PQconninfoOption *given = PQconninfoParse (config->database, NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  static const char * const keys[] = { "host", "port", "user", "dbname" };
  const char *values[G_N_ELEMENTS (keys)];

  request->database = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      char *value = conninfo_value (given, keys[i]);

      if (value == NULL)
        value = conninfo_value (defaults, keys[i]);
      /* libpq's own defaults: a database named after its user, the local socket */
      if (value == NULL && g_str_equal (keys[i], "dbname"))
        value = g_strdup (g_hash_table_lookup (request->database, "user"));
      if (value == NULL)
        value = g_strdup (g_str_equal (keys[i], "host") ? "localhost" : "");
      g_hash_table_insert (request->database, (gpointer) keys[i], value);
      values[i] = value;
    }
  PQconninfoFree (given);
  PQconninfoFree (defaults);

  /* Translators: the label of the keyring item; %s@%s:%s/%s is user@host:port/database */
  request->database_label = g_strdup_printf (_("Media Library team database password for %s@%s:%s/%s"),
                                             values[2], values[0], values[1], values[3]);

  if (config->endpoint != NULL && config->bucket != NULL)
    {
      request->bucket = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_hash_table_insert (request->bucket, "endpoint", g_strdup (config->endpoint));
      g_hash_table_insert (request->bucket, "bucket", g_strdup (config->bucket));
      /* Translators: the label of the keyring item; the first %s is a bucket, the second its server */
      request->bucket_label = g_strdup_printf (_("Media Library team bucket keys for %s at %s"),
                                               config->bucket, config->endpoint);
    }

  return request;
}

static GHashTable *
with_kind (GHashTable *attributes,
           const char *kind)
{
  GHashTable *copy = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, value);
  g_hash_table_insert (copy, "kind", (gpointer) kind);

  return copy;
}

/* --- Storing, looking up, clearing -------------------------------------------------------- */

static gboolean
store_one (GHashTable    *attributes,
           const char    *kind,
           const char    *label,
           const char    *secret,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GHashTable) full = with_kind (attributes, kind);

  return secret_password_storev_sync (get_schema (), full, SECRET_COLLECTION_DEFAULT, label,
                                      secret, cancellable, error);
}

static gboolean
request_store (Request       *request,
               GCancellable  *cancellable,
               GError       **error)
{
  const MedialibTeamSecrets *secrets = request->secrets;
  gboolean keys = secrets->access_key_id != NULL && secrets->access_key_id[0] != '\0' &&
                  secrets->secret_access_key != NULL && secrets->secret_access_key[0] != '\0';

  if (secrets->database_password != NULL && secrets->database_password[0] != '\0' &&
      !store_one (request->database, KIND_DATABASE, request->database_label,
                  secrets->database_password, cancellable, error))
    return FALSE;

  if (keys && request->bucket != NULL &&
      (!store_one (request->bucket, KIND_ACCESS_KEY_ID, request->bucket_label,
                   secrets->access_key_id, cancellable, error) ||
       !store_one (request->bucket, KIND_SECRET_KEY, request->bucket_label,
                   secrets->secret_access_key, cancellable, error)))
    return FALSE;

  return TRUE;
}

static char *
lookup_one (GHashTable    *attributes,
            const char    *kind,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GHashTable) full = NULL;

  if (attributes == NULL)
    return NULL;

  full = with_kind (attributes, kind);
  return secret_password_lookupv_sync (get_schema (), full, cancellable, error);
}

static MedialibTeamSecrets *
request_lookup (Request       *request,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(MedialibTeamSecrets) secrets = g_new0 (MedialibTeamSecrets, 1);
  GError *local_error = NULL;

  if ((secrets->database_password = lookup_one (request->database, KIND_DATABASE, cancellable, &local_error),
       local_error != NULL) ||
      (secrets->access_key_id = lookup_one (request->bucket, KIND_ACCESS_KEY_ID, cancellable, &local_error),
       local_error != NULL) ||
      (secrets->secret_access_key = lookup_one (request->bucket, KIND_SECRET_KEY, cancellable, &local_error),
       local_error != NULL))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* Half a pair of keys is no key */
  if (secrets->access_key_id == NULL || secrets->secret_access_key == NULL)
    {
      wipe (&secrets->access_key_id);
      wipe (&secrets->secret_access_key);
    }
  secrets->keys_source = secrets->access_key_id != NULL ? MEDIALIB_TEAM_CREDENTIALS_KEYRING
                                                        : MEDIALIB_TEAM_CREDENTIALS_MISSING;

  return g_steal_pointer (&secrets);
}

static gboolean
request_clear (Request       *request,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GHashTable) database = with_kind (request->database, KIND_DATABASE);
  GError *local_error = NULL;

  /* Nothing to clear is no error: the clearv functions say FALSE without an error then */
  secret_password_clearv_sync (get_schema (), database, cancellable, &local_error);
  if (local_error == NULL && request->bucket != NULL)
    secret_password_clearv_sync (get_schema (), request->bucket, cancellable, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_team_secrets_store_sync:
 * @secrets: what to keep: the database password when set, the bucket's keys when both are set
 *
 * Saves a team library's credentials in the keyring, in place of earlier ones for the same
 * database role and bucket. Blocks: call it from a worker thread in the app.
 */
gboolean
medialib_team_secrets_store_sync (const MedialibTeamConfig   *config,
                                  const MedialibTeamSecrets  *secrets,
                                  GCancellable               *cancellable,
                                  GError                    **error)
{
  g_autoptr(Request) request = NULL;

  g_return_val_if_fail (config != NULL && config->database != NULL, FALSE);
  g_return_val_if_fail (secrets != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  request = request_new (config);
  request->secrets = medialib_team_secrets_copy (secrets);
  return request_store (request, cancellable, error);
}

/**
 * medialib_team_secrets_lookup_sync:
 *
 * Blocks: call it from a worker thread in the app.
 *
 * Returns: (transfer full) (nullable): what the keyring keeps for @config, each field %NULL
 *   when it keeps none (the keys only as a pair), or %NULL with @error when the keyring
 *   cannot be read
 */
MedialibTeamSecrets *
medialib_team_secrets_lookup_sync (const MedialibTeamConfig  *config,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_autoptr(Request) request = NULL;

  g_return_val_if_fail (config != NULL && config->database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = request_new (config);
  return request_lookup (request, cancellable, error);
}

/**
 * medialib_team_secrets_clear_sync:
 *
 * Removes from the keyring the database password and the bucket's keys of @config; none
 * kept is no error. Blocks: call it from a worker thread in the app.
 */
gboolean
medialib_team_secrets_clear_sync (const MedialibTeamConfig  *config,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  g_autoptr(Request) request = NULL;

  g_return_val_if_fail (config != NULL && config->database != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  request = request_new (config);
  return request_clear (request, cancellable, error);
}

/* --- The same on a worker thread ---------------------------------------------------------- */

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (request_store (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  MedialibTeamSecrets *secrets = request_lookup (task_data, cancellable, &error);

  if (secrets != NULL)
    g_task_return_pointer (task, secrets, (GDestroyNotify) medialib_team_secrets_free);
  else
    g_task_return_error (task, error);
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (request_clear (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run (const MedialibTeamConfig  *config,
     const MedialibTeamSecrets *secrets,
     gpointer                   source_tag,
     GTaskThreadFunc            func,
     GCancellable              *cancellable,
     GAsyncReadyCallback        callback,
     gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = request_new (config);

  if (secrets != NULL)
    request->secrets = medialib_team_secrets_copy (secrets);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, func);
}

void
medialib_team_secrets_store_async (const MedialibTeamConfig  *config,
                                   const MedialibTeamSecrets *secrets,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_return_if_fail (config != NULL && config->database != NULL);
  g_return_if_fail (secrets != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (config, secrets, medialib_team_secrets_store_async, store_thread, cancellable, callback, user_data);
}

gboolean
medialib_team_secrets_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
medialib_team_secrets_lookup_async (const MedialibTeamConfig *config,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_return_if_fail (config != NULL && config->database != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (config, NULL, medialib_team_secrets_lookup_async, lookup_thread, cancellable, callback, user_data);
}

/**
 * medialib_team_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): as medialib_team_secrets_lookup_sync()
 */
MedialibTeamSecrets *
medialib_team_secrets_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medialib_team_secrets_clear_async (const MedialibTeamConfig *config,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_return_if_fail (config != NULL && config->database != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (config, NULL, medialib_team_secrets_clear_async, clear_thread, cancellable, callback, user_data);
}

gboolean
medialib_team_secrets_clear_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Opening a team library --------------------------------------------------------------- */

static gboolean
is_set (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && value[0] != '\0';
}

/**
 * medialib_team_secrets_find:
 *
 * What opening the team library of @config uses: the bucket's keys from AWS_ACCESS_KEY_ID
 * and AWS_SECRET_ACCESS_KEY when both are set, else from the keyring (@keys_source says
 * which, or %MEDIALIB_TEAM_CREDENTIALS_MISSING); the database password from the keyring
 * when PGPASSWORD is not set. libpq reads PGPASSWORD, ~/.pgpass and service files by itself,
 * and they come first: the keyring's password is only given when the server asks for one
 * that libpq did not have (medialib_pg_set_fallback_password()). A keyring that cannot be
 * read counts as an empty one. Blocks: call it from a worker thread in the app.
 *
 * Returns: (transfer full): the credentials
 */
MedialibTeamSecrets *
medialib_team_secrets_find (const MedialibTeamConfig *config,
                            GCancellable             *cancellable)
{
  g_autoptr(MedialibTeamSecrets) found = g_new0 (MedialibTeamSecrets, 1);
  g_autoptr(MedialibTeamSecrets) kept = NULL;
  g_autoptr(GError) error = NULL;
  gboolean env_keys = is_set ("AWS_ACCESS_KEY_ID") && is_set ("AWS_SECRET_ACCESS_KEY");

  g_return_val_if_fail (config != NULL && config->database != NULL, NULL);

  if (env_keys)
    {
      found->access_key_id = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
      found->secret_access_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));
      found->keys_source = MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT;
    }

  if (env_keys && is_set ("PGPASSWORD"))
    return g_steal_pointer (&found);

  if (!(kept = medialib_team_secrets_lookup_sync (config, cancellable, &error)))
    {
      g_debug ("The keyring cannot be read: %s", error->message);
      return g_steal_pointer (&found);
    }

  if (!env_keys)
    {
      found->access_key_id = g_steal_pointer (&kept->access_key_id);
      found->secret_access_key = g_steal_pointer (&kept->secret_access_key);
      found->keys_source = kept->keys_source;
    }
  if (!is_set ("PGPASSWORD"))
    found->database_password = g_steal_pointer (&kept->database_password);

  return g_steal_pointer (&found);
}
