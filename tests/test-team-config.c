/* test-team-config.c — a team library's team.ini: what is written and read, and that no secret
 * ever is; a folder with one opens as a team library (no server needed to see that it tries)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "medialib-core-team.h"
#include "medialib-pg.h"
#include "medialib-store.h"
#include "medialib-team-config.h"
#include "medialib-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_tmpdir ("team-config");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
}

static MedialibTeamConfig
sample (void)
{
  return (MedialibTeamConfig) {
    .database = "host=db.example.com dbname=medialib user=alice options='-csearch_path=brand'",
    .endpoint = "https://s3.example.com",
    .bucket = "assets",
    .region = "eu-west-3",
    .public_url = "https://cdn.example.com/assets",
    .url_expiry = 3600,
  };
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  g_autoptr(MedialibTeamConfig) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, MEDIALIB_TEAM_INI, NULL);
  GStatBuf st;

  config.ca_file = (char *) "/etc/ssl/company-ca.pem";

  g_assert_false (medialib_team_config_exists (f->dir));
  g_assert_null (medialib_team_config_load (f->dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (medialib_team_config_save (&config, f->dir, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_team_config_exists (f->dir));

  /* Private to the user */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = medialib_team_config_load (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->database, ==, config.database);
  g_assert_cmpstr (loaded->endpoint, ==, config.endpoint);
  g_assert_cmpstr (loaded->bucket, ==, config.bucket);
  g_assert_cmpstr (loaded->region, ==, config.region);
  g_assert_cmpstr (loaded->public_url, ==, config.public_url);
  g_assert_cmpuint (loaded->url_expiry, ==, 3600);
  g_assert_cmpstr (loaded->ca_file, ==, "/etc/ssl/company-ca.pem");
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, MEDIALIB_TEAM_INI, NULL);
  g_autoptr(MedialibTeamConfig) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "[team]\ndatabase=dbname=medialib\nregion=\n", -1, NULL));
  loaded = medialib_team_config_load (f->dir, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->region);
  g_assert_null (loaded->public_url);
  g_assert_null (loaded->ca_file);
  g_assert_cmpuint (loaded->url_expiry, ==, MEDIALIB_TEAM_DEFAULT_URL_EXPIRY);
}

/* No password is ever written, nor read: a file that has one is refused without quoting it */
static void
test_no_secrets (Fixture       *f,
                 gconstpointer  data)
{
  const char *secret = "s3cr3t-Pa55word";
  const char *databases[] = {
    "host=db.example.com password=s3cr3t-Pa55word dbname=medialib",
    "postgresql://alice:s3cr3t-Pa55word@db.example.com/medialib",
  };
  g_autofree char *path = g_build_filename (f->dir, MEDIALIB_TEAM_INI, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    {
      MedialibTeamConfig config = sample ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = g_strdup_printf ("[team]\ndatabase=%s\n", databases[i]);

      config.database = (char *) databases[i];
      g_assert_false (medialib_team_config_save (&config, f->dir, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (strstr (error->message, secret));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      /* Written by hand: refused when read, and the store does not open it */
      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
      g_assert_null (medialib_team_config_load (f->dir, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (strstr (error->message, secret));
      g_clear_error (&error);
      g_assert_null (medialib_store_open (f->dir, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_unlink (path);
    }
}

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *field; const char *value; } cases[] = {
    { "database", "host='unterminated" },
    { "endpoint", "ftp://s3.example.com" },
    { "endpoint", "http://s3.example.com" },  /* not encrypted, and not this computer */
    { "public_url", "not a url" },
    { "bucket", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MedialibTeamConfig config = sample ();
      g_autoptr(GError) error = NULL;

      if (g_str_equal (cases[i].field, "database"))
        config.database = (char *) cases[i].value;
      else if (g_str_equal (cases[i].field, "endpoint"))
        config.endpoint = (char *) cases[i].value;
      else if (g_str_equal (cases[i].field, "public_url"))
        config.public_url = (char *) cases[i].value;
      else
        config.bucket = (char *) cases[i].value;

      g_assert_false (medialib_team_config_check (&config, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s=%s: %s", cases[i].field, cases[i].value, error->message);
    }

  {
    MedialibTeamConfig config = sample ();
    g_autoptr(GError) error = NULL;

    /* Plain http on this computer is fine (a test server); expiry at most seven days */
    config.endpoint = "http://127.0.0.1:9000";
    g_assert_true (medialib_team_config_check (&config, &error));
    config.url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY + 1;
    g_assert_false (medialib_team_config_check (&config, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* A folder with a team.ini is a team library: it is opened on its database, never as a
 * local library (no library.db appears), and a server that is not there says so */
static void
test_store_opens_team (Fixture       *f,
                       gconstpointer  data)
{
  MedialibTeamConfig config = sample ();
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "library.db", NULL);

  /* The bucket's keys are there (the bucket is not reached before the database); port 1 of
   * this computer: nothing listens there */
  g_setenv ("AWS_ACCESS_KEY_ID", "MLTESTKEY", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "not-a-secret", TRUE);
  config.database = "host=127.0.0.1 port=1 dbname=medialib user=nobody connect_timeout=5";
  g_assert_true (medialib_team_config_save (&config, f->dir, &error));

  store = medialib_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = test_make_tmpdir ("team-config-keyring");
  g_autofree char *keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  int status;

  /* Opening a team library without PGPASSWORD looks in the keyring: libsecret's file
   * backend in a temporary folder, never the user's keyring */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  g_test_add ("/medialib/team-config/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("defaults", test_defaults);
  ADD ("no-secrets", test_no_secrets);
  ADD ("refused-values", test_refused_values);
  ADD ("store-opens-team", test_store_opens_team);

  status = g_test_run ();
  test_rm_rf (keyring_dir);
  return status;
}
