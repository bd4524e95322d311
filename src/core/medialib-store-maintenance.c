/* medialib-store-maintenance.c — checking, sweeping, backing up and restoring a library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "medialib-store-private.h"

/*
 * Opening a library only reads its schema, so that the window shows the first screen
 * quickly even for 100,000 assets. The rest runs afterwards on a worker thread, on a
 * connection of its own so that it never holds the store's lock (WAL lets it read while
 * the window searches):
 *
 * - a check of the whole database (PRAGMA quick_check), which finds damage that opening
 *   does not see;
 * - the sweep of files an interrupted import left behind: stored files and thumbnails
 *   that no asset names, and temporary files;
 * - a backup with VACUUM INTO when the latest is older than a day, in backups/, keeping
 *   the MAX_BACKUPS newest (as Shotwell and darktable do).
 *
 * Restoring replaces library.db with a backup while no one has the library open (the
 * store holds a shared lock on .lock for its lifetime). Nothing is deleted: the database
 * it replaces is kept beside it, and stored files that the backup does not know (added
 * after it) move to recovered/, from where they can be imported again.
 */

#define MAX_BACKUPS     5
#define BACKUP_INTERVAL (24 * G_TIME_SPAN_HOUR)
#define BACKUP_PREFIX   "library-"
#define BACKUP_SUFFIX   ".db"

G_DEFINE_QUARK (medialib-store-error-quark, medialib_store_error)

void
medialib_backup_free (MedialibBackup *backup)
{
  if (backup == NULL)
    return;

  g_free (backup->path);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup);
}

/**
 * medialib_backup_format_time:
 *
 * Returns: (transfer full): a backup's date and time as people read it ("23 November 2026,
 *   08:08"), the same in the window, its dialogs and the preferences
 */
char *
medialib_backup_format_time (GDateTime *time)
{
  /* Translators: the date and time of a backup, see the strftime() manual */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The library database %s cannot be opened: %s"),
                   path, db ? sqlite3_errmsg (db) : _("out of memory"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);

  return db;
}

/* Whether DB passes PRAGMA quick_check; sets MEDIALIB_STORE_ERROR_DAMAGED naming WHAT */
static gboolean
quick_check (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
                 _("The library database %s is damaged"), what);

  return ok;
}

/**
 * medialib_store_check:
 *
 * Reads the whole database (PRAGMA quick_check) on a connection of its own. Blocks.
 *
 * Returns: %FALSE with %MEDIALIB_STORE_ERROR_DAMAGED when it is damaged
 */
gboolean
medialib_store_check (MedialibStore  *self,
                      GError        **error)
{
  g_autofree char *path = g_build_filename (self->dir, "library.db", NULL);
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (!(db = open_connection (path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  ok = quick_check (db, path, error);
  sqlite3_close (db);

  return ok;
}

/* Calls FUNC (path, name, sha256, data) for every file in ROOT's two-level layout
 * (ROOT/ab/abcd….ext) */
typedef void (*StoredFileFunc) (const char *path,
                                const char *name,
                                const char *sha256,
                                gpointer    data);

static void
for_each_stored_file (const char     *root,
                      StoredFileFunc  func,
                      gpointer        data)
{
  g_autoptr(GDir) top = g_dir_open (root, 0, NULL);
  const char *sub;

  while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub_path = g_build_filename (root, sub, NULL);
      g_autoptr(GDir) dir = g_dir_open (sub_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *sha = g_strndup (name, strcspn (name, "."));
          g_autofree char *path = g_build_filename (sub_path, name, NULL);

          func (path, name, sha, data);
        }
    }
}

static void
sweep_file (const char *path,
            const char *name,
            const char *sha256,
            gpointer    data)
{
  GHashTable *known = data;

  if (g_str_has_prefix (name, MEDIALIB_STORE_TEMP_PREFIX) || !g_hash_table_contains (known, sha256))
    {
      g_debug ("Removing leftover %s", path);
      g_unlink (path);
    }
}

/* The content hashes of every asset, read on a connection of its own */
static GHashTable *
known_hashes (const char  *db_path,
              GError     **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!(db = open_connection (db_path, SQLITE_OPEN_READONLY, error)))
    return NULL;

  if (sqlite3_prepare_v2 (db, "SELECT sha256 FROM assets", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);

  return g_steal_pointer (&known);
}

/*
 * Removing stored files. An import (or a crop, a generated image) looks for the stored file
 * of its bytes, writes it only when it is missing, then commits the row that names it; from
 * before the look until after the commit it holds .files.lock shared
 * (_medialib_store_lock_shared()). Whoever removes stored files, the sweep or a deletion,
 * holds .files.lock exclusively and decides under it, from the rows committed by then, which
 * files no row names: so no import counts on a file that is being removed, and no row ever
 * names a missing file.
 *
 * The exclusive lock is never waited for (an import can last minutes): what cannot be removed
 * while an import runs, in this process or another, stays for the next sweep. .files.lock is
 * not .lock, which every open store holds: a deletion removes its files at once even while
 * another process (a `medialib list`, another window) has the library open.
 */
static int
lock_files_exclusive (MedialibStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, MEDIALIB_STORE_FILES_LOCK, NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      fd = -1;
    }

  return fd;
}

/**
 * _medialib_store_remove_unused_files:
 * @thumbnail_path: (nullable):
 *
 * After a deletion, removes the stored file of @sha256 and its thumbnail when no asset names
 * them and no import is under way (see above). Never under the store's lock.
 *
 * Returns: whether they were removed; otherwise the next sweep removes them if they are unused
 */
gboolean
_medialib_store_remove_unused_files (MedialibStore *self,
                                     const char    *sha256,
                                     const char    *path,
                                     const char    *thumbnail_path)
{
  sqlite3_stmt *stmt;
  gboolean unused = FALSE;
  int fd;

  if ((fd = lock_files_exclusive (self)) < 0)
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  if ((stmt = _medialib_store_prepare (self, "SELECT 1 FROM assets WHERE sha256 = ?", NULL)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      unused = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
    }
  g_rec_mutex_unlock (&self->lock);

  if (unused)
    {
      g_unlink (path);
      if (thumbnail_path != NULL)
        g_unlink (thumbnail_path);
    }

  _medialib_store_unlock (fd);
  return unused;
}

/**
 * medialib_store_sweep:
 *
 * Removes what an interrupted import or crop left behind, and what a deletion could not
 * remove while an import ran: temporary files, and stored files and thumbnails that no asset
 * names. Does nothing while anyone else uses the library (another store has it open, or an
 * import holds .files.lock). Blocks.
 *
 * Returns: whether the sweep ran
 */
gboolean
medialib_store_sweep (MedialibStore *self)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GHashTable) known = NULL;
  gboolean ran = FALSE;
  int fd;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  /* Only with the library to ourselves: turn the store's shared lock into an exclusive one,
   * which fails while another store holds it. */
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (self->lock_fd >= 0)
        flock (self->lock_fd, LOCK_SH);
      return FALSE;
    }

  db_path = g_build_filename (self->dir, "library.db", NULL);
  if ((fd = lock_files_exclusive (self)) >= 0 && (known = known_hashes (db_path, NULL)) != NULL)
    {
      for_each_stored_file (self->media_dir, sweep_file, known);
      for_each_stored_file (self->thumbnail_dir, sweep_file, known);
      ran = TRUE;
    }

  _medialib_store_unlock (fd);
  flock (self->lock_fd, LOCK_SH);
  return ran;
}

static char *
backups_dir (const char *library_dir)
{
  return g_build_filename (library_dir, "backups", NULL);
}

static gint
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const MedialibBackup *x = *(MedialibBackup * const *) a;
  const MedialibBackup *y = *(MedialibBackup * const *) b;

  /* Newest first */
  return g_date_time_compare (y->time, x->time);
}

/**
 * medialib_store_list_backups:
 * @library_dir: a library directory
 *
 * Returns: (transfer full) (element-type MedialibBackup): the library's backups, newest first
 */
GPtrArray *
medialib_store_list_backups (const char *library_dir)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_backup_free);
  g_autofree char *dir_path = backups_dir (library_dir);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      MedialibBackup *backup;
      GStatBuf st;

      if (!g_str_has_prefix (name, BACKUP_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      backup = g_new0 (MedialibBackup, 1);
      backup->path = g_steal_pointer (&path);
      backup->bytes = st.st_size;
      backup->time = g_date_time_new_from_unix_local (st.st_mtime);
      g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, compare_backups);
  return backups;
}

/**
 * medialib_store_backup:
 *
 * Writes a consistent copy of the database to backups/ with VACUUM INTO (on a connection of
 * its own, so the library stays usable) and removes the oldest backups beyond the newest
 * few. A damaged database is not backed up: it would push a good backup out. Blocks.
 *
 * Returns: (transfer full): the new backup's path
 */
char *
medialib_store_backup (MedialibStore  *self,
                       GError        **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  dir = backups_dir (self->dir);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup folder %s cannot be created: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (self->dir, "library.db", NULL);
  if (!(db = open_connection (db_path, SQLITE_OPEN_READONLY, error)))
    return NULL;
  if (!quick_check (db, db_path, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S BACKUP_PREFIX "%s" BACKUP_SUFFIX, dir, stamp);
  tmp = g_strdup_printf ("%s.partial", path);
  g_unlink (tmp);

  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, sqlite3_errcode (db) == SQLITE_FULL ? G_IO_ERROR_NO_SPACE : G_IO_ERROR_FAILED,
                   _("The backup %s could not be written: %s"), path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_unlink (tmp);
      return NULL;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_chmod (tmp, 0600);
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup %s could not be written: %s"), path, g_strerror (saved_errno));
      g_unlink (tmp);
      return NULL;
    }

  backups = medialib_store_list_backups (self->dir);
  for (guint i = MAX_BACKUPS; i < backups->len; i++)
    g_unlink (((MedialibBackup *) g_ptr_array_index (backups, i))->path);

  return g_steal_pointer (&path);
}

/**
 * medialib_store_maintain:
 * @backup_path: (out) (optional) (transfer full): the backup made, if one was due
 *
 * What follows opening: the check, the sweep, and a backup when the latest is more than a
 * day old. Blocks: the app runs it with medialib_store_maintain_async().
 *
 * Returns: %FALSE with %MEDIALIB_STORE_ERROR_DAMAGED when the database is damaged (then
 *   nothing is swept or backed up), or another error when the backup failed
 */
gboolean
medialib_store_maintain (MedialibStore  *self,
                         char          **backup_path,
                         GError        **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (backup_path != NULL)
    *backup_path = NULL;

  if (!medialib_store_check (self, error))
    return FALSE;

  medialib_store_sweep (self);

  backups = medialib_store_list_backups (self->dir);
  if (medialib_store_count (self) > 0 &&
      (backups->len == 0 ||
       g_date_time_difference (now, ((MedialibBackup *) g_ptr_array_index (backups, 0))->time) >= BACKUP_INTERVAL))
    {
      g_autofree char *path = medialib_store_backup (self, error);

      if (path == NULL)
        return FALSE;
      if (backup_path != NULL)
        *backup_path = g_steal_pointer (&path);
    }

  return TRUE;
}

static void
maintain_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = NULL;

  if (!medialib_store_maintain (source_object, &path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path != NULL ? path : g_strdup (""), g_free);
}

void
medialib_store_maintain_async (MedialibStore       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_maintain_async);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, maintain_thread);
}

/**
 * medialib_store_maintain_finish:
 * @backup_path: (out) (optional) (transfer full): the backup made, or %NULL when none was due
 */
gboolean
medialib_store_maintain_finish (MedialibStore  *self,
                                GAsyncResult   *result,
                                char          **backup_path,
                                GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path == NULL)
    return FALSE;

  if (backup_path != NULL)
    *backup_path = path[0] != '\0' ? g_steal_pointer (&path) : NULL;

  return TRUE;
}

/* --- Restoring ---------------------------------------------------------------------------- */

static gboolean
copy_durably (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  return g_file_get_contents (from, &data, &length, error) &&
         _medialib_write_file_atomic (to, data, length, TRUE, error);
}

typedef struct
{
  GHashTable *known;
  char       *recovered;
  guint       n;
} Recover;

static void
recover_file (const char *path,
              const char *name,
              const char *sha256,
              gpointer    data)
{
  Recover *recover = data;
  g_autofree char *to = NULL;

  if (g_str_has_prefix (name, MEDIALIB_STORE_TEMP_PREFIX) || g_hash_table_contains (recover->known, sha256))
    return;

  to = g_build_filename (recover->recovered, name, NULL);
  if (g_mkdir_with_parents (recover->recovered, 0700) == 0 && g_rename (path, to) == 0)
    recover->n++;
}

/* Moves the stored files that DB_PATH's assets do not name to DIR/recovered/ */
static guint
recover_unknown_files (const char  *library_dir,
                       const char  *db_path,
                       char       **recovered_dir)
{
  g_autofree char *media = g_build_filename (library_dir, "media", NULL);
  g_autoptr(GHashTable) known = known_hashes (db_path, NULL);
  Recover recover = { known, g_build_filename (library_dir, "recovered", NULL), 0 };

  if (known != NULL)
    for_each_stored_file (media, recover_file, &recover);

  if (recovered_dir != NULL)
    *recovered_dir = recover.n > 0 ? g_steal_pointer (&recover.recovered) : NULL;
  g_free (recover.recovered);

  return recover.n;
}

/**
 * medialib_store_restore:
 * @library_dir: the library to restore; no one may have it open
 * @backup_path: a backup of it (or any Media Library database)
 * @kept_path: (out) (optional) (transfer full): where the replaced database was kept
 * @recovered_dir: (out) (optional) (transfer full): where stored files that the backup does
 *   not know were moved, or %NULL when there were none
 * @n_recovered: (out) (optional): how many files were moved there
 *
 * Checks the backup, keeps the current database beside it as
 * library.db.before-restore-DATE, and puts a copy of the backup in its place. Blocks.
 */
gboolean
medialib_store_restore (const char  *library_dir,
                        const char  *backup_path,
                        char       **kept_path,
                        char       **recovered_dir,
                        guint       *n_recovered,
                        GError     **error)
{
  g_autofree char *lock_path = g_build_filename (library_dir, ".lock", NULL);
  g_autofree char *db_path = g_build_filename (library_dir, "library.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int version = -1;
  guint n;
  int fd;

  g_return_val_if_fail (library_dir != NULL && backup_path != NULL, FALSE);

  /* The backup must be a sound Media Library database that this version can open */
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The backup %s does not exist"), backup_path);
      return FALSE;
    }
  if (!(db = open_connection (backup_path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  if (!quick_check (db, backup_path, error))
    {
      sqlite3_close (db);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version) "
                              "WHERE EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'assets')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (version < 1 || version > MEDIALIB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
                   _("%s is not a backup of a Media Library library that this version can open"),
                   backup_path);
      return FALSE;
    }

  /* No one else may have the library open */
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The library in %s is in use; close Media Library and any medialib command using it, then try again"),
                   library_dir);
      return FALSE;
    }

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  kept = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && g_rename (db_path, kept) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The library database %s could not be moved aside: %s"), db_path, g_strerror (saved_errno));
      close (fd);
      return FALSE;
    }
  /* The replaced database's journal goes with it */
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (db_path, suffix, NULL);
      g_autofree char *to = g_strconcat (kept, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  if (!copy_durably (backup_path, db_path, error))
    {
      /* Put the database back as it was */
      g_rename (kept, db_path);
      close (fd);
      return FALSE;
    }

  n = recover_unknown_files (library_dir, db_path, recovered_dir);
  if (n_recovered != NULL)
    *n_recovered = n;
  if (kept_path != NULL)
    *kept_path = g_file_test (kept, G_FILE_TEST_EXISTS) ? g_steal_pointer (&kept) : NULL;

  flock (fd, LOCK_UN);
  close (fd);
  return TRUE;
}
