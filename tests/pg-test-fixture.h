/* pg-test-fixture.h — a fresh PostgreSQL schema per test, on the server that
 * tests/team-servers.py started
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-pg-catalog.h"

G_BEGIN_DECLS

/* Each test has a schema of its own, which the library's role owns, and which the
 * connection string's search_path selects: tests never see each other's tables. */
typedef struct
{
  char              *schema;
  char              *conninfo;  /* the library's role (TCP, password from PGPASSWORD), in schema */
  PGconn            *admin;     /* the superuser (Unix socket), search_path = schema */
  MedialibPgCatalog *catalog;   /* open on conninfo when the test's data is PG_OPEN */
} PgFixture;

#define PG_OPEN GINT_TO_POINTER (1)

gboolean  pg_test_servers_ready  (void);
char     *pg_test_conninfo_value (const char  *conninfo,
                                  const char  *keyword);
char     *pg_test_conninfo       (const char  *user,
                                  const char  *password,
                                  const char  *schema);
void      pg_fixture_setup       (PgFixture     *f,
                                  gconstpointer  data);
void      pg_fixture_teardown    (PgFixture     *f,
                                  gconstpointer  data);
void      pg_admin_exec          (PgFixture   *f,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (2, 3);
char     *pg_admin_value         (PgFixture   *f,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (2, 3);
gboolean  pg_insert              (MedialibPgCatalog       *catalog,
                                  const MedialibNewAsset  *asset,
                                  const char * const      *tags,
                                  const char * const      *teams,
                                  gint64                  *id,
                                  gboolean                *duplicate,
                                  char                   **existing_name,
                                  GError                 **error);
gint64    pg_day_start           (int                year,
                                  int                month,
                                  int                day);
gint64    pg_add                 (MedialibPgCatalog *catalog,
                                  const char        *name,
                                  const char        *kind,
                                  gint64             bytes,
                                  const char        *tags_csv,
                                  const char        *teams_csv);

/* pg-test-equivalence.c */
void      test_pg_equivalence    (PgFixture     *f,
                                  gconstpointer  data);

/* pg-test-quota.c */
int       pg_test_reserve_child  (const char    *conninfo,
                                  const char    *day,
                                  const char    *limit);
void      test_quota             (PgFixture     *f,
                                  gconstpointer  data);
void      test_quota_race        (PgFixture     *f,
                                  gconstpointer  data);
void      test_quota_lost_connection (PgFixture     *f,
                                      gconstpointer  data);

/* pg-test-roles.c */
void      test_least_privilege   (PgFixture     *f,
                                  gconstpointer  data);
void      test_wrong_password    (PgFixture     *f,
                                  gconstpointer  data);
void      test_unreachable       (PgFixture     *f,
                                  gconstpointer  data);
void      test_bad_conninfo      (PgFixture     *f,
                                  gconstpointer  data);
void      test_tls               (PgFixture     *f,
                                  gconstpointer  data);

G_END_DECLS
