/* test-team-connect.c — "Test Connection" and "Connect" of the team library dialog, on the
 * real servers of tests/team-servers.py: each failure says what failed (wrong password,
 * unreachable server, wrong keys, missing bucket, no right to create it), nothing is written
 * when the servers refuse, and a connected folder opens with the keyring's credentials alone
 *
 * The keyring is libsecret's file backend in a temporary folder (SECRET_BACKEND=file), and
 * the app's data folder a temporary one: nothing of the user's is touched.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include "medialib-core-team.h"
#include "medialib-pg.h"
#include "medialib-s3-client.h"
#include "medialib-store.h"
#include "medialib-team-connect.h"
#include "medialib-test-util.h"

/* The servers' credentials, as tests/team-servers.py gave them; removed from the
 * environment, so that only what a test types is used */
static char *server_conninfo, *server_password, *server_endpoint, *server_access_key, *server_secret_key;
static char *data_dir;

typedef struct
{
  MedialibTeamConfig  config;
  MedialibTeamSecrets secrets;
  char               *bucket;
  GAsyncResult       *result;  /* test_keep_result()'s */
  GAsyncResult       *last;    /* the last one waited for */
} Fixture;

static GAsyncResult *
wait_result (Fixture *f)
{
  g_clear_object (&f->last);
  f->last = test_wait_result (&f->result);
  return f->last;
}

static gboolean
have_servers (void)
{
  if (server_conninfo != NULL && server_endpoint != NULL && server_access_key != NULL &&
      server_secret_key != NULL)
    return TRUE;

  if (g_getenv ("CI") != NULL)
    g_error ("MEDIALIB_TEST_PG or MEDIALIB_TEST_S3_ENDPOINT is not set: the team tests run through tests/team-servers.py");
  g_test_skip ("MEDIALIB_TEST_PG or MEDIALIB_TEST_S3_ENDPOINT is not set: run through tests/team-servers.py");
  return FALSE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->bucket = g_strdup_printf ("dialog-%08x", g_random_int ());
  f->config.database = server_conninfo;
  f->config.endpoint = server_endpoint;
  f->config.bucket = f->bucket;
  f->config.url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  f->secrets.database_password = server_password;
  f->secrets.access_key_id = server_access_key;
  f->secrets.secret_access_key = server_secret_key;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  MedialibTeamConfig config = { .database = server_conninfo, .endpoint = server_endpoint,
                                .bucket = f->bucket };

  if (server_conninfo != NULL)
    medialib_team_secrets_clear_sync (&config, NULL, NULL);
  g_clear_object (&f->result);
  g_clear_object (&f->last);
  g_free (f->bucket);
}

/* A TCP port of this computer where nothing listens */
static guint
closed_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port;

  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  port = ntohs (address.sin_port);
  close (fd);

  return port;
}

static void
assert_no_secret (const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, server_password));
  g_assert_null (strstr (error->message, server_secret_key));
}

/* --- No server ------------------------------------------------------------------------------ */

static void
test_conninfo (void)
{
  g_autofree char *local = medialib_team_conninfo_new ("127.0.0.1", "5433", "medialib", "o'brien");
  g_autofree char *remote = medialib_team_conninfo_new ("db.example.com", NULL, "assets", "alice");
  g_autofree char *host = NULL, *port = NULL, *dbname = NULL, *user = NULL;
  MedialibTeamConfig a = { .database = local, .endpoint = "https://s3.example.com/", .bucket = "assets" };
  MedialibTeamConfig b = { .database = "host=127.0.0.1 port=5433 dbname=medialib user='o\\'brien' connect_timeout=3",
                           .endpoint = "https://s3.example.com", .bucket = "assets" };
  MedialibTeamConfig c = { .database = remote, .endpoint = "https://s3.example.com", .bucket = "assets" };
  g_autofree char *name = medialib_team_config_dup_name (&a);

  /* What a person typed comes back, quotes and all; no password is ever part of it */
  g_assert_true (medialib_team_conninfo_parse (local, &host, &port, &dbname, &user));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpstr (port, ==, "5433");
  g_assert_cmpstr (dbname, ==, "medialib");
  g_assert_cmpstr (user, ==, "o'brien");
  g_assert_null (strstr (local, "password"));
  g_assert_null (strstr (local, "sslmode"));
  /* Another computer's server: over TLS, its certificate checked */
  g_assert_nonnull (strstr (remote, "sslmode=verify-full sslrootcert=system"));
  g_assert_false (medialib_team_conninfo_parse ("host='unterminated", NULL, NULL, NULL, NULL));

  g_assert_cmpstr (name, ==, "assets@s3.example.com");
  g_assert_true (medialib_team_config_same_servers (&a, &b));
  g_assert_false (medialib_team_config_same_servers (&a, &c));
}

/* The app's folder of a team library: the one of the same servers, else a new name */
static void
test_library_dir (void)
{
  MedialibTeamConfig config = { .database = "host=db.example.com dbname=medialib user=alice",
                                .endpoint = "https://s3.example.com", .bucket = "assets",
                                .url_expiry = 3600 };
  MedialibTeamConfig other = config;
  g_autofree char *parent = medialib_team_dup_libraries_dir ();
  g_autofree char *first = medialib_team_dup_library_dir (&config);
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected = g_build_filename (parent, "assets@s3.example.com", NULL);
  g_autofree char *expected_second = g_build_filename (parent, "assets@s3.example.com-2", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (parent, data_dir));
  g_assert_cmpstr (first, ==, expected);
  g_assert_cmpint (g_mkdir_with_parents (first, 0700), ==, 0);
  g_assert_true (medialib_team_config_save (&config, first, &error));
  g_assert_no_error (error);

  again = medialib_team_dup_library_dir (&config);
  g_assert_cmpstr (again, ==, first);

  /* The same bucket name through another database: a folder of its own */
  other.database = "host=db.example.com dbname=medialib user=bob";
  second = medialib_team_dup_library_dir (&other);
  g_assert_cmpstr (second, ==, expected_second);

  test_rm_rf (parent);
}

/* --- Test Connection ------------------------------------------------------------------------ */

static void
test_works (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibS3Client) client = NULL;

  if (!have_servers ())
    return;

  /* A bucket that is there: the connection works (and, async, on the main thread) */
  client = medialib_team_config_new_s3_client_with_keys (&f->config, server_access_key, server_secret_key, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_s3_client_create_bucket (client, NULL, &error));
  g_assert_no_error (error);

  medialib_team_test_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  g_assert_true (medialib_team_test_finish (wait_result (f), &error));
  g_assert_no_error (error);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;

  if (!have_servers ())
    return;

  f->secrets.database_password = "not-the-password";
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  assert_no_secret (error);
  g_assert_null (strstr (error->message, "not-the-password"));
  /* It names the role, and speaks of the password typed, not of the keyring or the command line */
  medialib_team_conninfo_parse (server_conninfo, NULL, NULL, NULL, &user);
  g_assert_nonnull (strstr (error->message, user));
  g_assert_null (strstr (error->message, "keyring"));
  g_assert_null (strstr (error->message, "PGPASSWORD"));
}

static void
test_database_unreachable (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", closed_port ());
  g_autofree char *conninfo = NULL;
  g_autofree char *dbname = NULL, *user = NULL;

  if (!have_servers ())
    return;

  medialib_team_conninfo_parse (server_conninfo, NULL, NULL, &dbname, &user);
  conninfo = medialib_team_conninfo_new ("127.0.0.1", port, dbname, user);
  f->config.database = conninfo;
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE);
  assert_no_secret (error);
  g_assert_nonnull (strstr (error->message, port));
}

static void
test_store_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;

  if (!have_servers ())
    return;

  endpoint = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  f->config.endpoint = endpoint;
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE);
  assert_no_secret (error);
}

static void
test_wrong_keys (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_servers ())
    return;

  f->secrets.secret_access_key = "not-the-secret-key";
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_assert_null (strstr (error->message, "not-the-secret-key"));
  assert_no_secret (error);

  /* No keys typed at all */
  g_clear_error (&error);
  f->secrets.access_key_id = "";
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A bucket that is not there: said so, and the test does not create it */
static void
test_missing_bucket (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibS3Client) client = NULL;

  if (!have_servers ())
    return;

  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
  g_assert_nonnull (strstr (error->message, f->bucket));
  g_clear_error (&error);

  client = medialib_team_config_new_s3_client_with_keys (&f->config, server_access_key, server_secret_key, &error);
  g_assert_false (medialib_s3_client_check_bucket (client, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
}

/* --- Connect -------------------------------------------------------------------------------- */

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibTeamSecrets) kept = NULL;
  g_autoptr(MedialibTeamConfig) written = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibS3Client) client = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *again = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *contents = NULL;

  if (!have_servers ())
    return;

  medialib_team_connect_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  dir = medialib_team_connect_finish (wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (dir);
  g_clear_object (&f->result);

  /* A folder of its own under the app's data folder, with a team.ini without secrets */
  g_assert_true (g_str_has_prefix (dir, data_dir));
  written = medialib_team_config_load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_team_config_same_servers (written, &f->config));
  ini = g_build_filename (dir, MEDIALIB_TEAM_INI, NULL);
  g_assert_true (g_file_get_contents (ini, &contents, NULL, NULL));
  g_assert_null (strstr (contents, server_password));
  g_assert_null (strstr (contents, server_secret_key));

  /* The bucket was created, the credentials are in the keyring */
  client = medialib_team_config_new_s3_client_with_keys (&f->config, server_access_key, server_secret_key, &error);
  g_assert_true (medialib_s3_client_check_bucket (client, NULL, &error));
  g_assert_no_error (error);
  kept = medialib_team_secrets_lookup_sync (&f->config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->database_password, ==, server_password);
  g_assert_cmpstr (kept->access_key_id, ==, server_access_key);
  g_assert_cmpstr (kept->secret_access_key, ==, server_secret_key);

  /* The window opens it with the keyring's credentials alone */
  store = medialib_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  /* Connecting again to the same servers joins the same folder */
  medialib_team_connect_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  again = medialib_team_connect_finish (wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, dir);

  test_rm_rf (dir);
}

/* Refused: the error says why, and nothing is written, here or in the keyring */
static void
test_connect_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibTeamSecrets) kept = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *would_be = NULL;

  if (!have_servers ())
    return;

  would_be = medialib_team_dup_library_dir (&f->config);

  f->secrets.database_password = "not-the-password";
  medialib_team_connect_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  dir = medialib_team_connect_finish (wait_result (f), &error);
  g_assert_null (dir);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  assert_no_secret (error);
  g_clear_error (&error);
  g_clear_object (&f->result);

  f->secrets.database_password = server_password;
  f->secrets.secret_access_key = "not-the-secret-key";
  medialib_team_connect_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  dir = medialib_team_connect_finish (wait_result (f), &error);
  g_assert_null (dir);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);

  g_assert_false (g_file_test (would_be, G_FILE_TEST_EXISTS));
  kept = medialib_team_secrets_lookup_sync (&f->config, NULL, NULL);
  g_assert_nonnull (kept);
  g_assert_null (kept->database_password);
  g_assert_null (kept->access_key_id);
}

/* Another user of the gateway, who may create no bucket: a missing bucket cannot be made,
 * and another user's bucket may not be used */
static void
create_restricted_user (const char *uid,
                        const char *access,
                        const char *secret)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) admin = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_shell_parse_argv (g_getenv ("MEDIALIB_TEST_S3_ADMIN"), NULL, &admin, &error);
  g_assert_no_error (error);
  g_strv_builder_addv (builder, (const char **) admin);
  g_strv_builder_add_many (builder, "user", "create", "--max-buckets=-1", NULL);
  g_strv_builder_take (builder, g_strdup_printf ("--uid=%s", uid));
  g_strv_builder_take (builder, g_strdup_printf ("--display-name=%s", uid));
  g_strv_builder_take (builder, g_strdup_printf ("--access-key=%s", access));
  g_strv_builder_take (builder, g_strdup_printf ("--secret=%s", secret));
  argv = g_strv_builder_end (builder);

  g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, access));
}

static void
test_no_right_to_create_bucket (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *access = g_strdup_printf ("MLLIMITED%08X", g_random_int ());
  g_autofree char *secret = g_strdup_printf ("%08x%08x%08x", g_random_int (), g_random_int (), g_random_int ());
  g_autofree char *uid = g_strdup_printf ("limited%08x", g_random_int ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *would_be = NULL;
  g_autoptr(MedialibS3Client) owner = NULL;

  if (!have_servers ())
    return;
  if (g_getenv ("MEDIALIB_TEST_S3_ADMIN") == NULL)
    g_error ("MEDIALIB_TEST_S3_ADMIN is not set: run through tests/team-servers.py");

  create_restricted_user (uid, access, secret);
  f->secrets.access_key_id = access;
  f->secrets.secret_access_key = secret;
  would_be = medialib_team_dup_library_dir (&f->config);

  /* The bucket is missing, and these keys may not create it */
  medialib_team_connect_async (&f->config, &f->secrets, NULL, test_keep_result, &f->result);
  dir = medialib_team_connect_finish (wait_result (f), &error);
  g_assert_null (dir);
  g_assert_true (error->domain == MEDIALIB_S3_ERROR);
  g_test_message ("%s", error->message);
  g_assert_cmpint (error->code, ==, MEDIALIB_S3_ERROR_ACCESS_DENIED);
  g_assert_false (g_file_test (would_be, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Another user's bucket: "Test Connection" says these keys may not use it */
  owner = medialib_team_config_new_s3_client_with_keys (&f->config, server_access_key, server_secret_key, &error);
  g_assert_true (medialib_s3_client_create_bucket (owner, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (medialib_team_test_sync (&f->config, &f->secrets, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, f->bucket));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring_path = NULL;
  int status;

  server_conninfo = g_strdup (g_getenv ("MEDIALIB_TEST_PG"));
  server_password = g_strdup (g_getenv ("PGPASSWORD"));
  server_endpoint = g_strdup (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"));
  server_access_key = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
  server_secret_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");

  /* libsecret's file backend, and the app's data folder, in temporary folders */
  keyring_dir = test_make_tmpdir ("team-connect-keyring");
  keyring_path = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  data_dir = test_make_tmpdir ("team-connect-data");
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/team-connect/conninfo", test_conninfo);
  g_test_add_func ("/medialib/team-connect/library-dir", test_library_dir);

#define ADD(path, func) \
  g_test_add ("/medialib/team-connect/servers/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("works", test_works);
  ADD ("wrong-password", test_wrong_password);
  ADD ("database-unreachable", test_database_unreachable);
  ADD ("store-unreachable", test_store_unreachable);
  ADD ("wrong-keys", test_wrong_keys);
  ADD ("missing-bucket", test_missing_bucket);
  ADD ("connect", test_connect);
  ADD ("connect-refused", test_connect_refused);
  ADD ("no-right-to-create-bucket", test_no_right_to_create_bucket);

  status = g_test_run ();

  test_rm_rf (keyring_dir);
  test_rm_rf (data_dir);
  g_free (data_dir);
  g_free (server_conninfo);
  g_free (server_password);
  g_free (server_endpoint);
  g_free (server_access_key);
  g_free (server_secret_key);
  return status;
}
