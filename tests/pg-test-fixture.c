/* pg-test-fixture.c — a fresh PostgreSQL schema per test, on the server that
 * tests/team-servers.py started
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "pg-test-fixture.h"

static guint n_schemas;

/* The servers' variables are there (main() fails in CI without them, and skips elsewhere) */
gboolean
pg_test_servers_ready (void)
{
  const char *names[] = { "MEDIALIB_TEST_PG", "MEDIALIB_TEST_PG_ADMIN", "PGPASSWORD" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_getenv (names[i]) == NULL || g_getenv (names[i])[0] == '\0')
      return FALSE;

  return TRUE;
}

char *
pg_test_conninfo_value (const char *conninfo,
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

/* The library's server over TCP, as @user (the library's role when NULL), in @schema */
char *
pg_test_conninfo (const char *user,
                  const char *password,
                  const char *schema)
{
  const char *base = g_getenv ("MEDIALIB_TEST_PG");
  g_autoptr(GString) conninfo = g_string_new (base);

  if (user != NULL)
    g_string_append_printf (conninfo, " user=%s", user);
  if (password != NULL)
    g_string_append_printf (conninfo, " password=%s", password);
  if (schema != NULL)
    g_string_append_printf (conninfo, " options='-csearch_path=%s'", schema);

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

static void
on_notice_cb (void       *data,
              const char *message)
{
}

static PGresult *
admin_run (PgFixture  *f,
           const char *sql)
{
  PGresult *result = PQexec (f->admin, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (f->admin));

  return result;
}

void
pg_admin_exec (PgFixture  *f,
               const char *format,
               ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  PQclear (admin_run (f, sql));
}

/* The first column of the first row, or NULL */
char *
pg_admin_value (PgFixture  *f,
                const char *format,
                ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) result = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  result = admin_run (f, sql);
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;

  return g_strdup (PQgetvalue (result, 0, 0));
}

void
pg_fixture_setup (PgFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *role = NULL;

  g_assert_true (pg_test_servers_ready ());

  f->schema = g_strdup_printf ("test_%d_%u", (int) getpid (), ++n_schemas);
  f->admin = PQconnectdb (g_getenv ("MEDIALIB_TEST_PG_ADMIN"));
  if (PQstatus (f->admin) != CONNECTION_OK)
    g_error ("The test server's superuser cannot connect: %s", PQerrorMessage (f->admin));
  PQsetNoticeProcessor (f->admin, on_notice_cb, NULL);

  role = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "user");
  pg_admin_exec (f, "CREATE SCHEMA %s AUTHORIZATION %s", f->schema, role);
  pg_admin_exec (f, "SET search_path = %s", f->schema);
  f->conninfo = pg_test_conninfo (NULL, NULL, f->schema);

  if (data == PG_OPEN)
    {
      g_autoptr(GError) error = NULL;

      f->catalog = medialib_pg_catalog_open (f->conninfo, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (f->catalog);
    }
}

void
pg_fixture_teardown (PgFixture     *f,
                     gconstpointer  data)
{
  g_clear_object (&f->catalog);

  if (f->admin != NULL)
    {
      pg_admin_exec (f, "DROP SCHEMA %s CASCADE", f->schema);
      PQfinish (f->admin);
    }

  g_free (f->schema);
  g_free (f->conninfo);
}

/* One asset through the catalog's add_assets(), with these tags and teams; the old name
 * when it was a duplicate */
gboolean
pg_insert (MedialibPgCatalog       *catalog,
           const MedialibNewAsset  *asset,
           const char * const      *tags,
           const char * const      *teams,
           gint64                  *id,
           gboolean                *duplicate,
           char                   **existing_name,
           GError                 **error)
{
  MedialibNewAsset labelled = *asset;
  MedialibAddedAsset added = { 0 };

  labelled.tags = tags;
  labelled.teams = teams;
  if (!medialib_catalog_add_assets (MEDIALIB_CATALOG (catalog), &labelled, 1, &added, error))
    return FALSE;

  *id = added.id;
  *duplicate = added.duplicate;
  if (existing_name != NULL)
    *existing_name = g_steal_pointer (&added.name);
  medialib_added_asset_clear (&added);

  return TRUE;
}

/* Today's start (local midnight), or that of a day of the local calendar */
gint64
pg_day_start (int year,
              int month,
              int day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  if (year == 0)
    start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  else
    start = g_date_time_new_local (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (start);
}

/* An asset whose content is its name (an image, or a contact card), through the catalog */
gint64
pg_add (MedialibPgCatalog *catalog,
        const char        *name,
        const char        *kind,
        gint64             bytes,
        const char        *tags_csv,
        const char        *teams_csv)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_auto(GStrv) tags = tags_csv ? g_strsplit (tags_csv, ",", -1) : NULL;
  g_auto(GStrv) teams = teams_csv ? g_strsplit (teams_csv, ",", -1) : NULL;
  g_autoptr(GError) error = NULL;
  MedialibNewAsset asset = {
    .name = name,
    .kind = g_str_equal (kind, "image") ? MEDIALIB_ASSET_KIND_IMAGE : MEDIALIB_ASSET_KIND_CONTACT,
    .mime = g_str_equal (kind, "image") ? "image/png" : "text/vcard",
    .bytes = bytes, .width = 10, .height = 10, .sha256 = sha, .source = "upload",
  };
  gboolean duplicate = TRUE;
  gint64 id = 0;

  g_assert_true (pg_insert (catalog, &asset, (const char * const *) tags, (const char * const *) teams,
                            &id, &duplicate, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (duplicate);
  g_assert_cmpint (id, >, 0);

  return id;
}
