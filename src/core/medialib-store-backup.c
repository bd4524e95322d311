/* medialib-store-backup.c — backing up a library and restoring a backup
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
#include <sys/file.h>
#include <unistd.h>

#include "medialib-folder-blobs.h"
#include "medialib-sqlite-catalog.h"
#include "medialib-store-private.h"

/*
 * A backup is a copy of the database made with VACUUM INTO on a connection of its own, in
 * backups/, keeping the MAX_BACKUPS newest (as Shotwell and darktable do).
 *
 * Restoring replaces library.db with a backup while no one has the library open (the
 * store holds a shared lock on .lock for its lifetime). Nothing is deleted: the database
 * it replaces is kept beside it, and stored files that the backup does not know (added
 * after it) move to recovered/, from where they can be imported again.
 */

#define MAX_BACKUPS     5
#define BACKUP_PREFIX   "library-"
#define BACKUP_SUFFIX   ".db"

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
  g_return_val_if_fail (time != NULL, NULL);

  /* Translators: the date and time of a backup, see the strftime() manual */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
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
  GPtrArray *backups = NULL;
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (library_dir != NULL, NULL);

  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_backup_free);
  dir_path = backups_dir (library_dir);
  dir = g_dir_open (dir_path, 0, NULL);

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

static void
list_backups_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, medialib_store_list_backups (task_data), (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_list_backups_async (const char          *library_dir,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (library_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_list_backups_async);
  g_task_set_task_data (task, g_strdup (library_dir), g_free);
  g_task_run_in_thread (task, list_backups_thread);
}

/**
 * medialib_store_list_backups_finish:
 *
 * Returns: (transfer full) (element-type MedialibBackup): the backups, newest first, or
 *   %NULL when cancelled
 */
GPtrArray *
medialib_store_list_backups_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_list_backups_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  MedialibSqliteCatalog *database;
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  if (!(database = _medialib_store_get_local_database (self, error)))
    return NULL;

  dir = backups_dir (self->dir);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup folder %s cannot be created: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S BACKUP_PREFIX "%s" BACKUP_SUFFIX, dir, stamp);
  if (!medialib_sqlite_catalog_back_up_to (database, path, error))
    return NULL;

  backups = medialib_store_list_backups (self->dir);
  for (guint i = MAX_BACKUPS; i < backups->len; i++)
    g_unlink (((MedialibBackup *) g_ptr_array_index (backups, i))->path);

  return g_steal_pointer (&path);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *path;

  if (g_task_return_error_if_cancelled (task))
    return;

  path = medialib_store_backup (source_object, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
medialib_store_backup_async (MedialibStore       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_backup_async);
  g_task_run_in_thread (task, backup_thread);
}

/**
 * medialib_store_backup_finish:
 *
 * Returns: (transfer full): the new backup's path
 */
char *
medialib_store_backup_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_backup_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  MedialibBlobStore *blobs;
  GHashTable        *known;
  char              *recovered;
  guint              n;
} Recover;

static void
recover_file (const char *sha256,
              const char *suffix,
              gpointer    data)
{
  Recover *recover = data;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *to = NULL;

  if (g_hash_table_contains (recover->known, sha256))
    return;

  path = medialib_blob_store_dup_local_path (recover->blobs, MEDIALIB_BLOB_MEDIA, sha256, suffix);
  name = g_strconcat (sha256, suffix, NULL);
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
  g_autoptr(MedialibFolderBlobs) blobs = medialib_folder_blobs_new (library_dir, NULL);
  g_autoptr(GHashTable) known = medialib_sqlite_content_hashes (db_path, NULL);
  Recover recover = { MEDIALIB_BLOB_STORE (blobs), known, g_build_filename (library_dir, "recovered", NULL), 0 };

  if (known != NULL && blobs != NULL)
    medialib_blob_store_list (recover.blobs, MEDIALIB_BLOB_MEDIA, recover_file, &recover, NULL);

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
  guint n;
  int fd;

  g_return_val_if_fail (library_dir != NULL && backup_path != NULL, FALSE);

  /* A team library has no local database; the backup must be a sound Media Library
   * database that this version can open */
  if (!_medialib_store_check_local_dir (library_dir, error) ||
      !medialib_sqlite_check_backup (backup_path, error))
    return FALSE;

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

typedef struct
{
  char  *library_dir;
  char  *backup_path;
  char  *kept_path;
  char  *recovered_dir;
  guint  n_recovered;
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->library_dir);
  g_free (restore->backup_path);
  g_free (restore->kept_path);
  g_free (restore->recovered_dir);
  g_free (restore);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *restore = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (medialib_store_restore (restore->library_dir, restore->backup_path, &restore->kept_path,
                              &restore->recovered_dir, &restore->n_recovered, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * medialib_store_restore_async:
 *
 * medialib_store_restore() on a worker thread. It fails with %G_IO_ERROR_BUSY while anyone
 * has the library open.
 */
void
medialib_store_restore_async (const char          *library_dir,
                              const char          *backup_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Restore *restore;

  g_return_if_fail (library_dir != NULL && backup_path != NULL);

  restore = g_new0 (Restore, 1);
  restore->library_dir = g_strdup (library_dir);
  restore->backup_path = g_strdup (backup_path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_restore_async);
  g_task_set_task_data (task, restore, (GDestroyNotify) restore_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * medialib_store_restore_finish:
 * @kept_path: (out) (optional) (transfer full): where the replaced database was kept
 * @recovered_dir: (out) (optional) (transfer full): where stored files that the backup does
 *   not know were moved, or %NULL when there were none
 * @n_recovered: (out) (optional): how many files were moved there
 */
gboolean
medialib_store_restore_finish (GAsyncResult  *result,
                               char         **kept_path,
                               char         **recovered_dir,
                               guint         *n_recovered,
                               GError       **error)
{
  Restore *restore;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_restore_async), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  restore = g_task_get_task_data (G_TASK (result));
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&restore->kept_path);
  if (recovered_dir != NULL)
    *recovered_dir = g_steal_pointer (&restore->recovered_dir);
  if (n_recovered != NULL)
    *n_recovered = restore->n_recovered;

  return TRUE;
}
