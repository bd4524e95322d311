/* medialib-test-util.h — test data made at test time
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "medialib-store.h"

G_BEGIN_DECLS

/* A backend a library can be opened on. The core tests run on each (see
 * test_add_for_backends()); a difference between backends is a failing test. */
typedef struct
{
  const char    *name;            /* in the tests' paths: /medialib/store/NAME/edit */
  gboolean       local_database;  /* library.db in the folder: backups, SQLite's migrations */
  MedialibStore *(*open)     (const char *library,
                              GError    **error);
  /* Runs SQL on the library's database through a connection of its own, as another
   * process would; waits at most two seconds for its write lock */
  void           (*exec)     (const char *library,
                              const char *sql);
  /* SQL that makes every EVENT ("INSERT", "UPDATE", "DELETE") on TABLE fail, at once or
   * at the transaction's commit; and SQL that removes that trap */
  char          *(*trap_sql) (const char *event,
                              const char *table,
                              gboolean    at_commit);
  const char    *untrap_sql;
  /* SQL that makes today's generations yesterday's, for the daily quota */
  const char    *yesterday_sql;
  /* Removes what open() made outside the folder (a team library's schema); may be NULL */
  void           (*cleanup)  (const char *library);
} TestBackend;

/* A new library in a temporary folder: what most tests start from */
typedef struct
{
  char              *tmp;      /* the test's folder, removed at the end */
  char              *input;    /* tmp/input, for the files a test imports */
  char              *library;  /* tmp/library */
  const TestBackend *backend;  /* the library's backend: the test's, or the local one */
  MedialibStore     *store;    /* the library, open */
} TestLibrary;

void      test_library_setup    (TestLibrary   *lib,
                                 gconstpointer  data);
void      test_library_teardown (TestLibrary   *lib,
                                 gconstpointer  data);
void      test_library_exec     (TestLibrary   *lib,
                                 const char    *sql);

/* Which backends a test runs on */
typedef enum
{
  TEST_EVERY_BACKEND,
  TEST_LOCAL_DATABASE,  /* only those whose database is a SQLite file in the folder */
  TEST_SHARED_DATABASE, /* only those whose database members share (a team library) */
} TestBackends;

void      test_add_vtable_for_backends (TestBackends      which,
                                        const char       *area,
                                        const char       *name,
                                        gsize             size,
                                        gconstpointer     data,
                                        GTestFixtureFunc  setup,
                                        GTestFixtureFunc  test,
                                        GTestFixtureFunc  teardown);

/* Registers a fixture test once per backend, as AREA/BACKEND/NAME; the fixture's set-up
 * (test_library_setup()) opens the library on that backend. Type-checked as g_test_add(). */
#define test_add_for_backends(which, area, name, Fixture, tdata, fsetup, ftest, fteardown)      \
  G_STMT_START {                                                                           \
    void (*_add) (TestBackends, const char *, const char *, gsize, gconstpointer,          \
                  void (*) (Fixture *, gconstpointer),                                     \
                  void (*) (Fixture *, gconstpointer),                                     \
                  void (*) (Fixture *, gconstpointer)) =                                   \
      (void (*) (TestBackends, const char *, const char *, gsize, gconstpointer,           \
                 void (*) (Fixture *, gconstpointer),                                      \
                 void (*) (Fixture *, gconstpointer),                                      \
                 void (*) (Fixture *, gconstpointer))) test_add_vtable_for_backends;       \
    _add (which, area, name, sizeof (Fixture), tdata, fsetup, ftest, fteardown);           \
  } G_STMT_END

char     *test_make_tmpdir      (const char *name);
void      test_rm_rf            (const char *path);
char     *test_write_image      (const char *dir,
                                 const char *name,
                                 const char *type,
                                 int         width,
                                 int         height,
                                 guint32     seed);
typedef enum
{
  TEST_PICTURE_PHOTO,
  TEST_PICTURE_STRIPES,
  TEST_PICTURE_RINGS,
  TEST_PICTURE_CHECKS,
  TEST_PICTURE_DIAGONAL,
  TEST_PICTURE_BLOBS,
} TestPicture;

GdkPixbuf *test_draw_picture    (TestPicture picture,
                                 int         width,
                                 int         height,
                                 guint32     seed);
char     *test_save_picture     (const char *dir,
                                 const char *name,
                                 GdkPixbuf  *pixbuf,
                                 const char *type,
                                 const char *quality);
char     *test_write_gif        (const char *dir,
                                 const char *name,
                                 int         width,
                                 int         height,
                                 guint       frames,
                                 guint8      color);
char     *test_write_bytes      (const char *dir,
                                 const char *name,
                                 const void *data,
                                 gsize       length);
char     *test_shared_corpus    (const char *subdir);
gboolean  test_file_gone        (const char *path);

/* The RADOS Gateway of tests/team-servers.py */
gboolean  test_have_gateway     (void);
GBytes   *test_random_bytes     (gsize       size,
                                 guint32     seed);
GBytes   *test_anonymous_get    (const char *url,
                                 guint      *status);

gint64        test_wait_limit   (void);
void          test_keep_result  (GObject       *object,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
GAsyncResult *test_wait_result  (GAsyncResult **result);

/* Main-loop waits for what signals told, kept as strings in a GPtrArray */
gint64        test_wait_told    (GPtrArray     *told,
                                 guint          n,
                                 guint          ms);
void          test_spin         (guint          ms);
void          test_assert_told  (GPtrArray     *told,
                                 const char * const *expected);

G_END_DECLS
