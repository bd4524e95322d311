/* pg-test-roles.c — who may use a team library's catalog: a member role with only the
 * privileges of the README, and connections that fail with an error saying why, never with
 * the password
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pg-test-fixture.h"

static void
assert_no_secret (const GError *error,
                  const char   *secret,
                  const char   *library_password)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, secret));
  g_assert_null (strstr (error->message, library_password));
}

static char *
random_password (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_auto(GStrv) parts = g_strsplit (uuid, "-", -1);

  return g_strjoinv ("", parts);
}

/* Every operation of the catalog, as a role that may only read and write rows */
static void
use_everything (MedialibPgCatalog *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibGeneration) generation = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "member.png", -1);
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  MedialibNewAsset again = { .name = "again.png", .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png",
                             .bytes = 1, .sha256 = sha, .source = "upload" };
  MedialibEdit edit = {
    .add_tags = (const char *[]) { "Fresh", NULL },
    .remove_tags = (const char *[]) { "printemps", NULL },
    .rename = "Renamed.png",
  };
  gint64 id, other, found = 0, generation_id;
  g_autoptr(GHashTable) hashes = NULL;
  gint64 today = pg_day_start (0, 0, 0);
  gboolean duplicate = FALSE, reserved = FALSE;
  guint used = 0;

  id = pg_add (c, "member.png", "image", 10, "Spring", "Growth");
  other = pg_add (c, "other.png", "image", 20, "Summer", NULL);
  g_assert_true (pg_insert (c, &again, NULL, NULL, &found, &duplicate, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (found, ==, id);

  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_no_error (error);
  list = medialib_catalog_get_assets (MEDIALIB_CATALOG (c), &id, 1, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), &error), ==, 2);

  query->text = g_strdup ("mem");
  query->teams = g_strsplit ("growth", ",", -1);
  list = medialib_catalog_search (MEDIALIB_CATALOG (c), query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (medialib_catalog_create_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, "Design", &error));
  g_assert_true (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "Spring", "Printemps", &error));
  g_assert_true (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "Summer", "printemps", &error));
  g_assert_true (medialib_catalog_delete_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, "Design", &error));
  g_assert_true (medialib_catalog_edit (MEDIALIB_CATALOG (c), id, &edit, &error));
  g_assert_true (medialib_catalog_set_prompt (MEDIALIB_CATALOG (c), id, "a prompt", &error));
  g_assert_no_error (error);
  g_clear_object (&asset);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "Renamed.png");
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Fresh", NULL }));

  generation_id = medialib_catalog_record_generation (MEDIALIB_CATALOG (c), "a prompt", "model", 4, &error);
  g_assert_no_error (error);
  list = medialib_catalog_list_generations (MEDIALIB_CATALOG (c), 5, &error);
  g_assert_cmpuint (list->len, ==, 1);
  generation = medialib_catalog_get_generation (MEDIALIB_CATALOG (c), generation_id, &error);
  g_assert_no_error (error);

  g_assert_true (medialib_catalog_reserve_generation (MEDIALIB_CATALOG (c), today, 10, &reserved, &used, &error));
  g_assert_true (reserved);
  g_assert_true (medialib_catalog_count_generations (MEDIALIB_CATALOG (c), today, &used, &error));
  g_assert_cmpuint (used, ==, 1);
  medialib_catalog_release_generation (MEDIALIB_CATALOG (c), today);
  g_assert_true (medialib_catalog_count_generations (MEDIALIB_CATALOG (c), today, &used, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (used, ==, 0);

  g_clear_object (&asset);
  asset = medialib_catalog_delete_asset (MEDIALIB_CATALOG (c), other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_catalog_find_content (MEDIALIB_CATALOG (c), medialib_asset_get_sha256 (asset), &error),
                   ==, 0);
  g_assert_cmpint (medialib_catalog_find_content (MEDIALIB_CATALOG (c), sha, &error), ==, id);
  hashes = medialib_catalog_dup_content_hashes (MEDIALIB_CATALOG (c), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 1);
}

void
test_least_privilege (PgFixture     *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) owner = NULL;
  g_autoptr(MedialibPgCatalog) member_catalog = NULL;
  g_autoptr(MedialibPgCatalog) refused = NULL;
  g_autoptr(MedialibAsset) kept = NULL;
  g_autofree char *group = g_strdup_printf ("%s_members", f->schema);
  g_autofree char *member = g_strdup_printf ("%s_alice", f->schema);
  g_autofree char *empty = g_strdup_printf ("%s_empty", f->schema);
  g_autofree char *password = random_password ();
  g_autofree char *db = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "dbname");
  g_autofree char *owner_role = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "user");
  g_autofree char *conninfo = pg_test_conninfo (member, password, f->schema);
  g_autofree char *elsewhere = pg_test_conninfo (member, password, empty);
  g_autofree char *may_create = NULL;
  g_autofree char *tables = NULL;
  gint64 id;

  /* The owner connects first and creates the tables */
  owner = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  g_assert_no_error (error);

  /* The GRANTs of medialib-pg-catalog.c (and the README), for this test's schema */
  pg_admin_exec (f, "CREATE ROLE %s NOLOGIN", group);
  pg_admin_exec (f, "GRANT CONNECT ON DATABASE %s TO %s", db, group);
  pg_admin_exec (f, "GRANT USAGE ON SCHEMA %s TO %s", f->schema, group);
  pg_admin_exec (f, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO %s", f->schema, group);
  pg_admin_exec (f, "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s", f->schema, group);
  pg_admin_exec (f, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s"
                    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s", owner_role, f->schema, group);
  pg_admin_exec (f, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s GRANT USAGE, SELECT ON SEQUENCES TO %s",
                 owner_role, f->schema, group);
  pg_admin_exec (f, "CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE %s", member, password, group);

  may_create = pg_admin_value (f, "SELECT has_schema_privilege ('%s', '%s', 'CREATE')", member, f->schema);
  g_assert_cmpstr (may_create, ==, "f");

  /* The member joins, and every operation works */
  member_catalog = medialib_pg_catalog_open (conninfo, NULL, &error);
  g_assert_no_error (error);
  use_everything (member_catalog);

  /* Where there are no tables, the member may not create them, and is told so */
  pg_admin_exec (f, "CREATE SCHEMA %s", empty);
  pg_admin_exec (f, "GRANT USAGE ON SCHEMA %s TO %s", empty, group);
  refused = medialib_pg_catalog_open (elsewhere, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_SCHEMA_MISSING);
  g_assert_nonnull (strstr (error->message, member));
  assert_no_secret (error, password, g_getenv ("PGPASSWORD"));
  g_clear_error (&error);
  tables = pg_admin_value (f, "SELECT count(*) FROM pg_tables WHERE schemaname = '%s'", empty);
  g_assert_cmpstr (tables, ==, "0");

  /* A privilege taken away: the error names it, and nothing changes */
  pg_admin_exec (f, "REVOKE DELETE ON assets FROM %s", group);
  id = pg_add (member_catalog, "undeletable.png", "image", 1, NULL, NULL);
  g_assert_null (medialib_catalog_delete_asset (MEDIALIB_CATALOG (member_catalog), id, &error));
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_PERMISSION_DENIED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  kept = medialib_catalog_get_asset (MEDIALIB_CATALOG (member_catalog), id, &error);
  g_assert_no_error (error);

  g_clear_object (&member_catalog);
  pg_admin_exec (f, "DROP SCHEMA %s CASCADE", empty);
  pg_admin_exec (f, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s REVOKE ALL ON TABLES FROM %s",
                 owner_role, f->schema, group);
  pg_admin_exec (f, "ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s REVOKE ALL ON SEQUENCES FROM %s",
                 owner_role, f->schema, group);
  pg_admin_exec (f, "DROP OWNED BY %s, %s", member, group);
  pg_admin_exec (f, "DROP ROLE %s", member);
  pg_admin_exec (f, "DROP ROLE %s", group);
}

static MedialibPgCatalog *
open_failing (const char  *conninfo,
              GError     **error)
{
  MedialibPgCatalog *catalog = medialib_pg_catalog_open (conninfo, NULL, error);

  g_assert_null (catalog);
  return catalog;
}

void
test_wrong_password (PgFixture     *f,
                     gconstpointer  data)
{
  const char *wrong = "Wr0ng-Passw0rd-4711";
  g_autoptr(GError) error = NULL;
  g_autofree char *password = g_strdup (g_getenv ("PGPASSWORD"));
  g_autofree char *conninfo = pg_test_conninfo (NULL, wrong, f->schema);
  g_autofree char *host = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "host");
  g_autofree char *port = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "port");
  g_autofree char *db = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "dbname");
  g_autofree char *user = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "user");
  g_autofree char *uri = g_strdup_printf ("postgresql://%s:%s@%s:%s/%s", user, wrong, host, port, db);

  open_failing (conninfo, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  assert_no_secret (error, wrong, password);
  g_clear_error (&error);

  open_failing (uri, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  assert_no_secret (error, wrong, password);
  g_clear_error (&error);

  /* No password anywhere: the server asks for one */
  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  open_failing (f->conninfo, &error);
  g_setenv ("PGPASSWORD", password, TRUE);
  g_unsetenv ("PGPASSFILE");
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION);
  g_test_message ("%s", error->message);
}

void
test_unreachable (PgFixture     *f,
                  gconstpointer  data)
{
  const char *secret = "Unreach-S3cret";
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *where = NULL;
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  /* A port that was free a moment ago, where nothing listens */
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);

  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=medialib user=medialib password=%s connect_timeout=5",
                              ntohs (address.sin_port), secret);
  open_failing (conninfo, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE);
  assert_no_secret (error, secret, g_getenv ("PGPASSWORD"));
  where = g_strdup_printf ("127.0.0.1:%u", ntohs (address.sin_port));
  g_assert_nonnull (strstr (error->message, where));
  g_clear_error (&error);

  open_failing ("host=no-such-host.invalid dbname=medialib user=medialib password=Unreach-S3cret", &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE);
  assert_no_secret (error, secret, g_getenv ("PGPASSWORD"));
  g_clear_error (&error);

  /* A port that accepts connections and never answers: given up after connect_timeout */
  fd = socket (AF_INET, SOCK_STREAM, 0);
  address.sin_port = 0;
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (fd, 4), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  g_clear_pointer (&conninfo, g_free);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=medialib user=medialib password=%s connect_timeout=2",
                              ntohs (address.sin_port), secret);
  {
    gint64 start = g_get_monotonic_time ();

    open_failing (conninfo, &error);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  }
  close (fd);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, " 2 "));
  assert_no_secret (error, secret, g_getenv ("PGPASSWORD"));
}

void
test_bad_conninfo (PgFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no_db = g_strdup_printf ("%s dbname=no_such_db", f->conninfo);
  const char *cases[][2] = {
    { "postgresql://medialib:S3cret-In-Uri@[::1", "S3cret-In-Uri" },
    { "host=127.0.0.1 password='Unterminated-S3cret", "Unterminated-S3cret" },
    { "host=127.0.0.1 password=Opt-S3cret sslmode=sometimes", "Opt-S3cret" },
    { "host=127.0.0.1 password=Opt-S3cret no_such_option=1", "Opt-S3cret" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      open_failing (cases[i][0], &error);
      g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONNINFO);
      assert_no_secret (error, cases[i][1], g_getenv ("PGPASSWORD"));
      g_clear_error (&error);
    }

  open_failing (no_db, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_DATABASE_MISSING);
  g_assert_nonnull (strstr (error->message, "no_such_db"));
}

static void
openssl (const char *dir,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autofree char *crt = g_strdup_printf ("%s/%s.crt", dir, name);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         "-keyout", key, "-out", crt, NULL };
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
test_tls (PgFixture     *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autofree char *required = g_strdup_printf ("%s sslmode=require", f->conninfo);
  g_autofree char *dir = NULL;
  g_autofree char *untrusted = NULL;
  g_autofree char *trusted = NULL;
  g_autofree char *openssl_path = g_find_program_in_path ("openssl");
  struct passwd *postgres = getpwnam ("postgres");
  gint64 deadline;
  PGconn *conn;

  /* The server offers no TLS: a connection string that requires it is refused */
  open_failing (required, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  if (openssl_path == NULL || postgres == NULL || geteuid () != 0)
    {
      g_test_skip ("openssl, the postgres user or root is missing: no certificate for the server");
      return;
    }

  /* A certificate for the server, and one of an authority the client trusts instead */
  dir = g_build_filename (g_getenv ("MEDIALIB_TEST_SERVERS_DIR"), f->schema, NULL);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  openssl (dir, "server");
  openssl (dir, "other");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/server.%s", dir, i ? "crt" : "key");

      g_assert_cmpint (chown (path, postgres->pw_uid, postgres->pw_gid), ==, 0);
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
    }
  pg_admin_exec (f, "ALTER SYSTEM SET ssl_cert_file = '%s/server.crt'", dir);
  pg_admin_exec (f, "ALTER SYSTEM SET ssl_key_file = '%s/server.key'", dir);
  pg_admin_exec (f, "ALTER SYSTEM SET ssl = on");
  pg_admin_exec (f, "SELECT pg_reload_conf ()");

  /* The reload takes a moment */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!(conn = medialib_pg_connect (required, NULL)) && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 10);
  g_assert_nonnull (conn);
  PQfinish (conn);

  untrusted = g_strdup_printf ("%s sslmode=verify-full sslrootcert=%s/other.crt", f->conninfo, dir);
  open_failing (untrusted, &error);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  trusted = g_strdup_printf ("%s sslmode=verify-full sslrootcert=%s/server.crt", f->conninfo, dir);
  catalog = medialib_pg_catalog_open (trusted, NULL, &error);
  g_assert_no_error (error);
  conn = medialib_pg_acquire (medialib_pg_catalog_get_pg (catalog), &error);
  g_assert_cmpint (PQsslInUse (conn), ==, 1);
  medialib_pg_release (medialib_pg_catalog_get_pg (catalog), conn);

  pg_admin_exec (f, "ALTER SYSTEM RESET ssl");
  pg_admin_exec (f, "ALTER SYSTEM RESET ssl_cert_file");
  pg_admin_exec (f, "ALTER SYSTEM RESET ssl_key_file");
  pg_admin_exec (f, "SELECT pg_reload_conf ()");
}
