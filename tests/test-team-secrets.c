/* test-team-secrets.c — a team library's credentials in the keyring: stored, found again for
 * the same server only, cleared; the environment before the keyring
 *
 * The keyring is libsecret's file backend in a temporary folder (SECRET_BACKEND=file): no
 * daemon, and nothing of the user's keyring is touched. Run through tests/team-servers.py
 * (test-team-secrets-servers in the suite team), it also opens a team library on the real
 * servers with the keyring's credentials alone, as the window does (on its worker thread).
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-pg.h"

#include "medialib-store.h"
#include "medialib-team-secrets.h"
#include "medialib-test-team.h"
#include "medialib-test-util.h"

#define PASSWORD   "Pg-Passw0rd-for-the-keyring"
#define ACCESS_KEY "MLKEYRINGACCESSKEY"
#define SECRET_KEY "s3-Secret/Key+for-the-keyring"

static char *keyring_path;

/* The servers' credentials, as tests/team-servers.py gave them; the fixture removes them
 * from the environment */
static char *server_password, *server_access_key, *server_secret_key;

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->loop = g_main_loop_new (NULL, FALSE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  MedialibTeamConfig config = {
    .database = "host=db.example.com port=5433 dbname=medialib user=alice",
    .endpoint = "https://s3.example.com",
    .bucket = "assets",
  };

  medialib_team_secrets_clear_sync (&config, NULL, NULL);
  g_clear_object (&f->result);
  g_main_loop_unref (f->loop);
}

static MedialibTeamConfig
sample (void)
{
  return (MedialibTeamConfig) {
    .database = "host=db.example.com port=5433 dbname=medialib user=alice options='-csearch_path=brand'",
    .endpoint = "https://s3.example.com",
    .bucket = "assets",
    .url_expiry = 3600,
  };
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  /* Delivered on the main thread, in the loop that started it */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  g_clear_object (&f->result);
  g_main_loop_run (f->loop);
  return f->result;
}

/* The keyring's file never holds a secret in clear */
static void
assert_keyring_file_clean (void)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (keyring_path, &contents, &length, NULL))
    return;
  g_assert_null (g_strstr_len (contents, length, PASSWORD));
  g_assert_null (g_strstr_len (contents, length, SECRET_KEY));
  g_assert_null (g_strstr_len (contents, length, ACCESS_KEY));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  MedialibTeamSecrets secrets = { PASSWORD, ACCESS_KEY, SECRET_KEY, 0 };
  g_autoptr(MedialibTeamSecrets) found = NULL;
  g_autoptr(GError) error = NULL;

  found = medialib_team_secrets_lookup_sync (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found->database_password);
  g_assert_null (found->access_key_id);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_MISSING);
  g_clear_pointer (&found, medialib_team_secrets_free);

  g_assert_true (medialib_team_secrets_store_sync (&config, &secrets, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (keyring_path, G_FILE_TEST_EXISTS));
  assert_keyring_file_clean ();

  found = medialib_team_secrets_lookup_sync (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->database_password, ==, PASSWORD);
  g_assert_cmpstr (found->access_key_id, ==, ACCESS_KEY);
  g_assert_cmpstr (found->secret_access_key, ==, SECRET_KEY);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_KEYRING);
  g_clear_pointer (&found, medialib_team_secrets_free);

  /* Storing again replaces: one item per role and bucket */
  secrets.database_password = "Another-Passw0rd";
  secrets.access_key_id = NULL;
  secrets.secret_access_key = NULL;
  g_assert_true (medialib_team_secrets_store_sync (&config, &secrets, NULL, &error));
  found = medialib_team_secrets_lookup_sync (&config, NULL, &error);
  g_assert_cmpstr (found->database_password, ==, "Another-Passw0rd");
  g_assert_cmpstr (found->secret_access_key, ==, SECRET_KEY);
  g_clear_pointer (&found, medialib_team_secrets_free);

  g_assert_true (medialib_team_secrets_clear_sync (&config, NULL, &error));
  g_assert_no_error (error);
  found = medialib_team_secrets_lookup_sync (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found->database_password);
  g_assert_null (found->access_key_id);
  g_assert_null (found->secret_access_key);

  /* Nothing left to clear is no error */
  g_assert_true (medialib_team_secrets_clear_sync (&config, NULL, &error));
  g_assert_no_error (error);
}

/* The attributes name the server: another host, port, role, database, endpoint or bucket
 * finds nothing; the options that do not change who logs in (search_path) do not count */
static void
test_per_server (Fixture       *f,
                 gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  MedialibTeamSecrets secrets = { PASSWORD, ACCESS_KEY, SECRET_KEY, 0 };
  const char *other_databases[] = {
    "host=db2.example.com port=5433 dbname=medialib user=alice",
    "host=db.example.com port=5432 dbname=medialib user=alice",
    "host=db.example.com port=5433 dbname=other user=alice",
    "host=db.example.com port=5433 dbname=medialib user=bob",
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_team_secrets_store_sync (&config, &secrets, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (other_databases); i++)
    {
      MedialibTeamConfig other = sample ();
      g_autoptr(MedialibTeamSecrets) found = NULL;

      other.database = (char *) other_databases[i];
      found = medialib_team_secrets_lookup_sync (&other, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (found->database_password);
      /* Same bucket: its keys */
      g_assert_cmpstr (found->secret_access_key, ==, SECRET_KEY);
    }

  {
    MedialibTeamConfig same = sample ();
    g_autoptr(MedialibTeamSecrets) found = NULL;

    same.database = "postgresql://alice@db.example.com:5433/medialib";
    same.bucket = "other-bucket";
    found = medialib_team_secrets_lookup_sync (&same, NULL, &error);
    g_assert_cmpstr (found->database_password, ==, PASSWORD);
    g_assert_null (found->access_key_id);
    g_assert_null (found->secret_access_key);
  }
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  MedialibTeamSecrets secrets = { PASSWORD, ACCESS_KEY, SECRET_KEY, 0 };
  g_autoptr(MedialibTeamSecrets) found = NULL;
  g_autoptr(GError) error = NULL;

  medialib_team_secrets_store_async (&config, &secrets, NULL, on_done_cb, f);
  g_assert_true (medialib_team_secrets_store_finish (wait_result (f), &error));
  g_assert_no_error (error);

  medialib_team_secrets_lookup_async (&config, NULL, on_done_cb, f);
  found = medialib_team_secrets_lookup_finish (wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->database_password, ==, PASSWORD);
  g_assert_cmpstr (found->access_key_id, ==, ACCESS_KEY);
  g_clear_pointer (&found, medialib_team_secrets_free);

  medialib_team_secrets_clear_async (&config, NULL, on_done_cb, f);
  g_assert_true (medialib_team_secrets_clear_finish (wait_result (f), &error));
  found = medialib_team_secrets_lookup_sync (&config, NULL, &error);
  g_assert_null (found->database_password);
  g_assert_null (found->secret_access_key);
}

/* Opening a team library: the environment first, the keyring for what it lacks */
static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  MedialibTeamSecrets secrets = { PASSWORD, ACCESS_KEY, SECRET_KEY, 0 };
  g_autoptr(MedialibTeamSecrets) found = NULL;
  g_autoptr(GError) error = NULL;

  found = medialib_team_secrets_find (&config, NULL);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_MISSING);
  g_assert_null (found->access_key_id);
  g_assert_null (found->database_password);
  g_clear_pointer (&found, medialib_team_secrets_free);

  g_assert_true (medialib_team_secrets_store_sync (&config, &secrets, NULL, &error));
  found = medialib_team_secrets_find (&config, NULL);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_KEYRING);
  g_assert_cmpstr (found->access_key_id, ==, ACCESS_KEY);
  g_assert_cmpstr (found->secret_access_key, ==, SECRET_KEY);
  g_assert_cmpstr (found->database_password, ==, PASSWORD);
  g_clear_pointer (&found, medialib_team_secrets_free);

  /* The environment's keys and password win; libpq reads PGPASSWORD by itself */
  g_setenv ("AWS_ACCESS_KEY_ID", "ENVKEY", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  g_setenv ("PGPASSWORD", "env-password", TRUE);
  found = medialib_team_secrets_find (&config, NULL);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT);
  g_assert_cmpstr (found->access_key_id, ==, "ENVKEY");
  g_assert_cmpstr (found->secret_access_key, ==, "env-secret");
  g_assert_null (found->database_password);
  g_clear_pointer (&found, medialib_team_secrets_free);

  /* Half a pair in the environment is no pair: the keyring's */
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  found = medialib_team_secrets_find (&config, NULL);
  g_assert_cmpint (found->keys_source, ==, MEDIALIB_TEAM_CREDENTIALS_KEYRING);
  g_assert_cmpstr (found->access_key_id, ==, ACCESS_KEY);
  g_assert_null (found->database_password);

  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("PGPASSWORD");
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  on_done_cb (object, result, user_data);
}

/* The window's way: medialib_store_open_async(), nothing in the environment, the keyring's
 * credentials; then none anywhere, and the error says what is missing */
static void
test_store_opens_with_keyring (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *library = test_make_tmpdir ("team-secrets-library");
  const char *password = server_password;
  const char *access_key = server_access_key;
  const char *secret_key = server_secret_key;
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MedialibTeamSecrets secrets = { (char *) password, (char *) access_key, (char *) secret_key, 0 };

  g_assert_nonnull (password);
  g_assert_nonnull (secret_key);

  /* Made with the environment's credentials (the fixture removed them: put them back) */
  g_setenv ("PGPASSWORD", password, TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", access_key, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", secret_key, TRUE);
  store = test_team_open (library, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  config = medialib_team_config_load (library, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_team_secrets_store_sync (config, &secrets, NULL, &error));
  g_assert_no_error (error);

  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);

  medialib_store_open_async (library, NULL, on_store_opened_cb, f);
  store = medialib_store_open_finish (wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_store_count (store), ==, 0);
  /* The listening connection (live changes) logs in with the keyring's password too */
  g_assert_true (medialib_store_watch (store, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_store_get_reachable (store));
  g_clear_object (&store);

  g_assert_true (medialib_team_secrets_clear_sync (config, NULL, &error));
  medialib_store_open_async (library, NULL, on_store_opened_cb, f);
  store = medialib_store_open_finish (wait_result (f), &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "AWS_ACCESS_KEY_ID"));
  g_assert_null (strstr (error->message, secret_key));
  g_clear_error (&error);

  /* The keys in the environment, the password nowhere: the database says it asks for one */
  g_setenv ("AWS_ACCESS_KEY_ID", access_key, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", secret_key, TRUE);
  medialib_store_open_async (library, NULL, on_store_opened_cb, f);
  store = medialib_store_open_finish (wait_result (f), &error);
  g_assert_null (store);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "PGPASSWORD"));
  g_assert_null (strstr (error->message, password));

  g_unsetenv ("PGPASSFILE");
  g_setenv ("PGPASSWORD", password, TRUE);
  test_team_cleanup (library);
  test_rm_rf (library);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  int status;

  server_password = g_strdup (g_getenv ("PGPASSWORD"));
  server_access_key = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
  server_secret_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));

  /* libsecret's file backend: no daemon, a keyring in a temporary folder */
  keyring_dir = test_make_tmpdir ("team-keyring");
  keyring_path = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  g_test_add ("/medialib/team-secrets/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("per-server", test_per_server);
  ADD ("async", test_async);
  ADD ("find", test_find);
  /* Only with the servers of tests/team-servers.py (the suite team) */
  if (g_getenv ("MEDIALIB_TEST_PG") != NULL && test_have_gateway ())
    ADD ("servers/store-opens-with-keyring", test_store_opens_with_keyring);

  status = g_test_run ();

  test_rm_rf (keyring_dir);
  g_free (keyring_path);
  g_free (server_password);
  g_free (server_access_key);
  g_free (server_secret_key);
  return status;
}
