/* medialib-store-maintenance.c — checking and sweeping a library, and its daily backup
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>

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
 * - a backup with VACUUM INTO when the latest is older than a day
 *   (medialib-store-backup.c).
 */

#define BACKUP_INTERVAL (24 * G_TIME_SPAN_HOUR)

G_DEFINE_QUARK (medialib-store-error-quark, medialib_store_error)

sqlite3 *
_medialib_store_open_connection (const char  *path,
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
gboolean
_medialib_store_quick_check (sqlite3     *db,
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

  if (!(db = _medialib_store_open_connection (path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  ok = _medialib_store_quick_check (db, path, error);
  sqlite3_close (db);

  return ok;
}

/* Calls FUNC (path, name, sha256, data) for every file in ROOT's two-level layout
 * (ROOT/ab/abcd….ext) */
void
_medialib_store_for_each_stored_file (const char     *root,
                      MedialibStoredFileFunc  func,
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
GHashTable *
_medialib_store_known_hashes (const char  *db_path,
              GError     **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!(db = _medialib_store_open_connection (db_path, SQLITE_OPEN_READONLY, error)))
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
  if ((fd = lock_files_exclusive (self)) >= 0 && (known = _medialib_store_known_hashes (db_path, NULL)) != NULL)
    {
      _medialib_store_for_each_stored_file (self->media_dir, sweep_file, known);
      _medialib_store_for_each_stored_file (self->thumbnail_dir, sweep_file, known);
      ran = TRUE;
    }

  _medialib_store_unlock (fd);
  flock (self->lock_fd, LOCK_SH);
  return ran;
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
