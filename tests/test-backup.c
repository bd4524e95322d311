/* test-backup.c — checking, backing up and restoring a library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <utime.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-sqlite-catalog.h"
#include "medialib-store.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static gint64
import_one (Fixture    *f,
            const char *name,
            int         seed)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 40, 30, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

/* Overwrites bytes in the middle of the database file, where its tables' pages are */
static void
damage_pages (const char *library)
{
  g_autofree char *db = g_build_filename (library, "library.db", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (db, &data, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  /* Leave the header page, scribble over every other page's header */
  for (gsize page = 4096; page + 64 < length; page += 4096)
    memset (data + page, 0x5a, 64);
  g_assert_true (g_file_set_contents (db, data, length, NULL));
}

static void
test_private_folder (Fixture       *f,
                     gconstpointer  data)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (f->library, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_maintain_backs_up_daily (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  /* An empty library is not backed up */
  g_assert_true (medialib_store_maintain (f->store, &first, &error));
  g_assert_no_error (error);
  g_assert_null (first);

  import_one (f, "a.png", 1);
  g_assert_true (medialib_store_maintain (f->store, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));

  /* Not again the same day */
  g_assert_true (medialib_store_maintain (f->store, &second, &error));
  g_assert_null (second);

  backups = medialib_store_list_backups (f->library);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((MedialibBackup *) g_ptr_array_index (backups, 0))->path, ==, first);
}

static void
test_backups_rotate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;

  import_one (f, "a.png", 1);

  /* Seven backups made on earlier days */
  for (int day = 7; day >= 1; day--)
    {
      g_autofree char *path = medialib_store_backup (f->store, &error);
      g_autofree char *old = NULL;
      struct utimbuf times;

      g_assert_no_error (error);
      old = g_strdup_printf ("%s/backups/library-2026010%d-120000.db", f->library, 8 - day);
      g_assert_cmpint (g_rename (path, old), ==, 0);
      times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - day * 86400;
      g_assert_cmpint (g_utime (old, &times), ==, 0);
    }

  newest = medialib_store_backup (f->store, &error);
  g_assert_no_error (error);

  backups = medialib_store_list_backups (f->library);
  g_assert_cmpuint (backups->len, ==, 5);
  g_assert_cmpstr (((MedialibBackup *) g_ptr_array_index (backups, 0))->path, ==, newest);
  /* The oldest went: the last kept is the one of four days ago */
  g_assert_true (g_str_has_suffix (((MedialibBackup *) g_ptr_array_index (backups, 4))->path,
                                   "library-20260104-120000.db"));
}

static void
test_damage_found_and_restored (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *recovered_file = NULL;
  g_autoptr(MedialibStore) reopened = NULL;
  g_autoptr(MedialibAsset) late = NULL;
  gint64 kept_id, late_id;
  guint n_recovered = 0;

  /* Enough rows for pages beyond the first */
  kept_id = import_one (f, "kept.png", 1);
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("filler-%02d.png", i);
      import_one (f, name, 100 + i);
    }
  backup = medialib_store_backup (f->store, &error);
  g_assert_no_error (error);

  /* Added after the backup: its file must not be lost by the restore */
  late_id = import_one (f, "late.png", 2);
  late = medialib_store_get_asset (f->store, late_id, &error);
  g_assert_no_error (error);

  g_clear_object (&f->store);
  damage_pages (f->library);

  /* Opening may or may not notice; the check does, and names the file */
  f->store = medialib_store_open (f->library, &error);
  if (f->store != NULL)
    {
      g_assert_false (medialib_store_check (f->store, &error));
      g_assert_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "library.db"));
      g_clear_error (&error);

      /* A damaged database is never backed up over good backups */
      g_assert_null (medialib_store_backup (f->store, &error));
      g_assert_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED);
      g_clear_error (&error);

      /* Restoring while the library is open is refused */
      g_assert_false (medialib_store_restore (f->library, backup, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
      g_clear_error (&error);
      g_clear_object (&f->store);
    }
  else
    {
      g_assert_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED);
      g_clear_error (&error);
    }

  g_assert_true (medialib_store_restore (f->library, backup, &kept, &recovered, &n_recovered, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_recovered, ==, 1);
  recovered_file = g_build_filename (recovered, strrchr (medialib_asset_get_path (late), '/') + 1, NULL);
  g_assert_true (g_file_test (recovered_file, G_FILE_TEST_IS_REGULAR));

  reopened = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_store_check (reopened, &error));
  g_assert_cmpint (medialib_store_count (reopened), ==, 61);
  asset = medialib_store_get_asset (reopened, kept_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "kept.png");
  g_assert_true (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_IS_REGULAR));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autofree char *text = g_build_filename (f->tmp, "notes.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = NULL;

  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (db, "this is not a database, it is a text file that "
                                          "took the database's name and is long enough", -1, NULL));
  store = medialib_store_open (f->library, &error);
  g_assert_null (store);
  g_assert_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  /* And a text file is not a backup to restore */
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_assert_false (medialib_store_restore (f->library, text, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
}

/* A folder with a team.ini is a team library: never opened nor restored as a local one, and
 * the message says why (its backups are its servers'). Opening a real one is the team
 * backend's (tests/medialib-test-util.c); this one names no database, so it does not open. */
static void
test_team_folder_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *team = g_build_filename (f->tmp, "team", NULL);
  g_autofree char *team_ini = g_build_filename (team, "team.ini", NULL);
  g_autofree char *backup = medialib_store_backup (f->store, NULL);
  g_autofree char *db = g_build_filename (team, "library.db", NULL);
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (backup);
  g_assert_cmpint (g_mkdir (team, 0700), ==, 0);
  g_assert_true (g_file_set_contents (team_ini, "[team]\n", -1, NULL));

  store = medialib_store_open (team, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "team.ini"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (medialib_store_restore (team, backup, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "backed up by their servers"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

/* What the window runs: a backup, the list of backups, a restore, on worker threads */
static void
test_backup_list_restore_async (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) late = NULL;
  g_autoptr(MedialibStore) reopened = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *recovered_file = NULL;
  GAsyncResult *pending = NULL;
  guint n_recovered = 0;

  import_one (f, "kept.png", 1);

  medialib_store_backup_async (f->store, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  backup = medialib_store_backup_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  g_clear_object (&result);
  medialib_store_list_backups_async (f->library, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  backups = medialib_store_list_backups_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((MedialibBackup *) g_ptr_array_index (backups, 0))->path, ==, backup);
  g_assert_cmpint (((MedialibBackup *) g_ptr_array_index (backups, 0))->bytes, >, 0);

  late = medialib_store_get_asset (f->store, import_one (f, "late.png", 2), &error);
  g_assert_no_error (error);

  /* Refused while the library is open */
  g_clear_object (&result);
  medialib_store_restore_async (f->library, backup, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_store_restore_finish (result, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  g_clear_object (&f->store);
  g_clear_object (&result);
  medialib_store_restore_async (f->library, backup, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_store_restore_finish (result, &kept, &recovered, &n_recovered, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_recovered, ==, 1);
  recovered_file = g_build_filename (recovered, strrchr (medialib_asset_get_path (late), '/') + 1, NULL);
  g_assert_true (g_file_test (recovered_file, G_FILE_TEST_IS_REGULAR));

  reopened = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_store_count (reopened), ==, 1);
}

typedef struct
{
  Fixture *f;
  char    *path;
  GError  *error;
} BackUp;

static gpointer
back_up_thread (gpointer data)
{
  BackUp *b = data;

  b->path = medialib_store_backup (b->f->store, &b->error);
  return NULL;
}

/* Backups made at once (the daily one and one asked for, in the same second: the same name)
 * all succeed, and leave no partial file behind */
static void
test_backups_at_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->library, "backups", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDir) listing = NULL;
  BackUp runs[4] = { 0 };
  GThread *threads[G_N_ELEMENTS (runs)];
  const char *name;

  import_one (f, "a.png", 1);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      runs[i].f = f;
      threads[i] = g_thread_new ("backup", back_up_thread, &runs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (runs[i].error);
      g_assert_nonnull (runs[i].path);
    }

  backups = medialib_store_list_backups (f->library);
  g_assert_cmpuint (backups->len, >=, 1);
  for (guint i = 0; i < backups->len; i++)
    {
      g_autoptr(GError) error = NULL;

      /* Each is a whole database */
      g_assert_true (medialib_sqlite_check_backup (((MedialibBackup *) g_ptr_array_index (backups, i))->path,
                                                   &error));
      g_assert_no_error (error);
    }

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_null (strstr (name, ".partial"));

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    g_free (runs[i].path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

/* Backups and restoring are a local library's alone: its database is a file in its folder */
#define ADD(name, func) \
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/backup", name, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/backup", "private-folder", Fixture, NULL,
                         test_library_setup, test_private_folder, test_library_teardown);
  ADD ("maintain-backs-up-daily", test_maintain_backs_up_daily);
  ADD ("backups-rotate", test_backups_rotate);
  ADD ("damage-found-and-restored", test_damage_found_and_restored);
  ADD ("not-a-database", test_not_a_database);
  ADD ("backup-list-restore-async", test_backup_list_restore_async);
  ADD ("team-folder-refused", test_team_folder_refused);
  ADD ("backups-at-once", test_backups_at_once);

  return g_test_run ();
}
