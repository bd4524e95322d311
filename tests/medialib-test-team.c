/* medialib-test-team.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <unistd.h>

#include "medialib-s3-blobs.h"
#include "medialib-store-private.h"
#include "medialib-team-config.h"
#include "medialib-test-team.h"

/*
 * Each library a test opens on the team backend is a folder with a team.ini, as
 * `medialib team connect` writes it, whose database is a schema of its own: the server's
 * administrator (MEDIALIB_TEST_PG_ADMIN) creates it for the library's role, which owns it,
 * and the connection string selects it (options=-csearch_path=…). The first open creates
 * the tables there, as a team's first connection does. Tests never see each other's rows,
 * and the schema goes with the test.
 */

static GMutex      lock;
static PGconn     *admin;
static GHashTable *schemas;  /* library folder → its schema */
static guint       n_schemas;

static void
on_notice_cb (void       *data,
              const char *message)
{
}

/* Runs SQL as the administrator; the caller holds the lock */
static void
admin_exec (const char *sql)
{
  PGresult *result;

  if (admin == NULL)
    {
      admin = PQconnectdb (g_getenv ("MEDIALIB_TEST_PG_ADMIN"));
      if (PQstatus (admin) != CONNECTION_OK)
        g_error ("The test server's administrator cannot connect: %s", PQerrorMessage (admin));
      PQsetNoticeProcessor (admin, on_notice_cb, NULL);
    }

  result = PQexec (admin, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (admin));
  PQclear (result);
}

static char *
conninfo_value (const char *conninfo,
                const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  char *value = NULL;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val);
  PQconninfoFree (options);

  return value;
}

/* A new schema for @library and its team.ini, unless it has one (a test that opens its
 * library again) */
static void
make_team_library (const char *library,
                   const char *endpoint)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(GError) error = NULL;
  g_autofree char *role = conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "user");
  g_autofree char *schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *database = NULL;
  MedialibTeamConfig config = { 0 };

  if (medialib_team_config_exists (library))
    return;

  schema = g_strdup_printf ("lib_%d_%u", (int) getpid (), ++n_schemas);
  sql = g_strdup_printf ("CREATE SCHEMA %s AUTHORIZATION %s", schema, role);
  admin_exec (sql);

  database = g_strdup_printf ("%s options='-csearch_path=%s'", g_getenv ("MEDIALIB_TEST_PG"), schema);
  config.database = database;
  config.endpoint = (char *) endpoint;
  config.bucket = config.endpoint != NULL ? "medialib-tests" : NULL;
  config.url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  if (config.endpoint != NULL)
    {
      g_autoptr(MedialibS3Client) client = medialib_team_config_new_s3_client (&config, &error);

      g_assert_no_error (error);
      g_assert_true (medialib_s3_client_create_bucket (client, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (g_mkdir_with_parents (library, 0700), ==, 0);
  g_assert_true (medialib_team_config_save (&config, library, &error));
  g_assert_no_error (error);

  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (schemas, g_strdup (library), g_steal_pointer (&schema));
}

MedialibStore *
test_team_open (const char  *library,
                GError     **error)
{
  return test_team_open_with_endpoint (library, g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"), error);
}

/* A team library whose bucket is at @endpoint (a proxy in front of the gateway) */
MedialibStore *
test_team_open_with_endpoint (const char  *library,
                              const char  *endpoint,
                              GError     **error)
{
  g_autofree char *db = g_build_filename (library, "library.db", NULL);
  MedialibStore *store;

  make_team_library (library, endpoint);
  store = medialib_store_open (library, error);

  /* Opened as a team library, never as a local one */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* A test's library is the only member of its bucket: its sweep needs no grace period for
   * other members' uploads under way, and the tests expect what they delete to go at once.
   * The grace period itself is tested in test-s3-blobs. */
  if (store != NULL && MEDIALIB_IS_S3_BLOBS (store->blobs))
    medialib_s3_blobs_set_sweep_grace (MEDIALIB_S3_BLOBS (store->blobs), 0);

  return store;
}

/* Runs SQL on the library's schema as its role, on a connection of its own; waits at most
 * two seconds for a lock */
void
test_team_exec (const char *library,
                const char *sql)
{
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  PGresult *result;
  PGconn *conn;

  config = medialib_team_config_load (library, &error);
  g_assert_no_error (error);

  conn = PQconnectdb (config->database);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("The library's role cannot connect: %s", PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, on_notice_cb, NULL);

  PQclear (PQexec (conn, "SET lock_timeout = '2s'"));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A trigger raises at once; at the commit, a deferred constraint trigger does */
char *
test_team_trap_sql (const char *event,
                    const char *table,
                    gboolean    at_commit)
{
  const char *function = "CREATE FUNCTION medialib_test_trap () RETURNS trigger LANGUAGE plpgsql"
                         " AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;";

  if (at_commit)
    return g_strdup_printf ("%s CREATE CONSTRAINT TRIGGER trap AFTER %s ON %s DEFERRABLE INITIALLY DEFERRED"
                            " FOR EACH ROW EXECUTE FUNCTION medialib_test_trap ();",
                            function, event, table);

  return g_strdup_printf ("%s CREATE TRIGGER trap BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION medialib_test_trap ();",
                          function, event, table);
}

void
test_team_cleanup (const char *library)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  const char *schema = schemas != NULL ? g_hash_table_lookup (schemas, library) : NULL;
  g_autofree char *sql = NULL;

  if (schema == NULL)
    return;

  sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", schema);
  admin_exec (sql);
  g_hash_table_remove (schemas, library);
}
