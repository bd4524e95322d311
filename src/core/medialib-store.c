/* medialib-store.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "medialib-folder-blobs.h"
#include "medialib-sqlite-catalog.h"
#include "medialib-store-private.h"
#include "medialib-team-config.h"

/*
 * A library is a directory:
 *
 *   library.db         the catalog: assets, tags, teams, generations (medialib-sqlite-catalog.c)
 *   media/, thumbnails/, .files.lock
 *                      the files' bytes, by content: the blob store (medialib-folder-blobs.c)
 *   .lock              every open store holds a shared lock; a restore takes it exclusively,
 *                      and so does the sweep (which runs only with the library to itself)
 *   generations/       the variants of each generation until they are added
 *
 * or, for a team library, a directory with a team.ini (medialib-team-config.c) that names
 * its PostgreSQL database (medialib-pg-catalog.c) and its bucket, and a cache/ folder that
 * keeps files on this computer; .lock and generations/ are the same.
 *
 * The store talks to its catalog (MedialibCatalog) and its blob store (MedialibBlobStore)
 * only through their interfaces, so that the window and the command line work the same on
 * any backend; medialib_store_open() chooses them. Files reach the blob store (durably)
 * before the row that names them is committed, so a crash leaves at worst an unreferenced
 * file that the next start removes.
 */


G_DEFINE_FINAL_TYPE (MedialibStore, medialib_store, G_TYPE_OBJECT)

/* The team backend, set by medialib_core_team_init() (medialib-store-team.c) */
const MedialibStoreTeam *_medialib_store_team;

/**
 * medialib_store_is_read_only:
 *
 * Returns: whether the library's folder cannot be written, so that nothing can be changed
 */
gboolean
medialib_store_is_read_only (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), TRUE);

  return self->read_only;
}

static char *
default_member_name (void)
{
  const char *env = g_getenv ("MEDIALIB_MEMBER_NAME");
  const char *real;

  if (env != NULL && env[0] != '\0' && g_utf8_validate (env, -1, NULL))
    return g_strdup (env);

  real = g_get_real_name ();
  return g_strdup (real[0] != '\0' && !g_str_equal (real, "Unknown") ? real : g_get_user_name ());
}

/**
 * medialib_store_get_member_name:
 *
 * Returns: the name recorded as who added the assets this store adds
 */
const char *
medialib_store_get_member_name (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  /* The default is looked up when first needed (the user database: a command that only
   * reads the library does not pay for it); workers may be the first to ask */
  if (g_once_init_enter_pointer (&self->member))
    g_once_init_leave_pointer (&self->member, default_member_name ());

  return self->member;
}

/**
 * medialib_store_set_member_name:
 * @name: (nullable): the member's name; %NULL for the default: `MEDIALIB_MEMBER_NAME` when
 *   set, else the user's real name, or their login name when the system has none for them
 *
 * Sets who the assets this store adds are recorded as added by. Set it before adding
 * anything (right after opening): the store's workers read it.
 */
void
medialib_store_set_member_name (MedialibStore *self,
                                const char    *name)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));

  g_free (self->member);
  self->member = name != NULL && name[0] != '\0' ? g_strdup (name) : default_member_name ();
}

static void
medialib_store_dispose (GObject *object)
{
  _medialib_store_clear_watch (MEDIALIB_STORE (object));

  G_OBJECT_CLASS (medialib_store_parent_class)->dispose (object);
}

static void
medialib_store_finalize (GObject *object)
{
  MedialibStore *self = MEDIALIB_STORE (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->member, g_free);
  g_mutex_clear (&self->watch_lock);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->dir, g_free);
  g_clear_object (&self->blobs);

  G_OBJECT_CLASS (medialib_store_parent_class)->finalize (object);
}

static void
medialib_store_class_init (MedialibStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medialib_store_dispose;
  object_class->finalize = medialib_store_finalize;
  _medialib_store_class_init_watch (object_class);
}

static void
medialib_store_init (MedialibStore *self)
{
  self->lock_fd = -1;
  self->reachable = TRUE;
  self->database_reachable = TRUE;
  self->bucket_reachable = TRUE;
  g_mutex_init (&self->watch_lock);
}

/**
 * medialib_store_dup_default_dir:
 *
 * Returns: (transfer full): `MEDIALIB_LIBRARY` when set, else the app's data directory
 */
char *
medialib_store_dup_default_dir (void)
{
  const char *env = g_getenv ("MEDIALIB_LIBRARY");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
}

static void
set_team_library_error (GError     **error,
                        const char  *dir)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("The library in %s is a team library: its database and its bucket are checked and backed up by their servers, not by Media Library"),
               dir);
}

/**
 * _medialib_store_check_local_dir:
 *
 * Returns: %FALSE with %G_IO_ERROR_NOT_SUPPORTED when @dir is a team library, which has no
 *   local database to back up or restore
 */
gboolean
_medialib_store_check_local_dir (const char  *dir,
                                 GError     **error)
{
  if (medialib_team_config_exists (dir))
    {
      set_team_library_error (error, dir);
      return FALSE;
    }

  return TRUE;
}

/**
 * _medialib_store_get_local_database:
 *
 * The check, backups and restoring are a local library's alone: they work on its SQLite
 * database file through the SQLite catalog's own functions (medialib-sqlite-catalog.h).
 *
 * Returns: (transfer none) (nullable): the library's SQLite catalog, or %NULL with
 *   %G_IO_ERROR_NOT_SUPPORTED when its catalog is not a local database
 */
MedialibSqliteCatalog *
_medialib_store_get_local_database (MedialibStore  *self,
                                    GError        **error)
{
  if (!MEDIALIB_IS_SQLITE_CATALOG (self->catalog))
    {
      set_team_library_error (error, self->dir);
      return NULL;
    }

  return MEDIALIB_SQLITE_CATALOG (self->catalog);
}

/* A local library: its files in the media/ and thumbnails/ folders, its catalog library.db */
static gboolean
open_local (MedialibStore  *self,
            gboolean        read_only,
            GError        **error)
{
  g_autoptr(MedialibFolderBlobs) blobs = NULL;
  g_autoptr(MedialibSqliteCatalog) catalog = NULL;
  g_autofree char *db_path = g_build_filename (self->dir, "library.db", NULL);

  if (!(blobs = medialib_folder_blobs_new (self->dir, error)))
    return FALSE;

  /* A library on a read-only disk (or in a folder we may not write) can still be looked at:
   * every change is refused with a message that says why. */
  self->read_only = read_only ||
                    (g_access (self->dir, W_OK) != 0 && g_file_test (db_path, G_FILE_TEST_EXISTS));

  if (!(catalog = medialib_sqlite_catalog_open (self->dir, self->read_only, MEDIALIB_BLOB_STORE (blobs), error)))
    return FALSE;

  self->blobs = MEDIALIB_BLOB_STORE (g_steal_pointer (&blobs));
  self->catalog = MEDIALIB_CATALOG (g_steal_pointer (&catalog));
  return TRUE;
}

/**
 * medialib_team_config_exists:
 *
 * Returns: whether @library_dir is a team library (it has a team.ini). A stat, here in the
 *   local half of the core: the light command line asks it before it loads the team half.
 */
gboolean
medialib_team_config_exists (const char *library_dir)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (library_dir != NULL, FALSE);

  path = g_build_filename (library_dir, MEDIALIB_TEAM_INI, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A team library: its backend is the core's team half (medialib-store-team.c), there once
 * medialib_core_team_init() was called */
static gboolean
open_team (MedialibStore  *self,
           GError        **error)
{
  if (_medialib_store_team == NULL)
    {
      /* Not for users: the light `medialib` hands a team library to medialib-cli-full */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s is a team library, and this program has no team backend "
                   "(medialib_core_team_init() was not called)", self->dir);
      return FALSE;
    }

  return _medialib_store_team->open (self, error);
}

/**
 * medialib_store_open:
 * @dir: (nullable): the library directory, created when missing; %NULL for the default
 *
 * Opens a library: creates (private to the user) or migrates its catalog. Checking the
 * whole database, sweeping what an interrupted import left behind and backing up are
 * medialib_store_maintain()'s, which can run after the first screen. A database that is
 * not one, or whose schema is damaged, fails with %MEDIALIB_STORE_ERROR_DAMAGED. Blocks:
 * call it from a worker thread in the app.
 */
MedialibStore *
medialib_store_open (const char  *dir,
                     GError     **error)
{
  g_autoptr(MedialibStore) self = NULL;
  g_autofree char *lock_path = NULL;
  gboolean team;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_STORE, NULL);

  self->dir = dir != NULL ? g_canonicalize_filename (dir, NULL) : medialib_store_dup_default_dir ();

  /* The library is the user's alone: its folder is created 0700 */
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The library folder %s cannot be created: %s"),
                   self->dir, g_strerror (saved_errno));
      return NULL;
    }

  /* The one place where a library's backends are chosen. A team library is a folder with a
   * team.ini (written by `medialib team connect`, without secrets): a PostgreSQL catalog and
   * its blob store (open_team()). Every other folder is a local library: SQLite and the
   * media/ folder. */
  team = medialib_team_config_exists (self->dir);

  /* Held (shared) as long as the store lives: restoring a backup needs the library to itself */
  lock_path = g_build_filename (self->dir, ".lock", NULL);
  self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd >= 0)
    flock (self->lock_fd, LOCK_SH);

  if (!(team ? open_team (self, error) : open_local (self, FALSE, error)))
    return NULL;

  _medialib_store_init_watch (self);
  return g_steal_pointer (&self);
}

/**
 * _medialib_store_open_local_read_only:
 * @dir: a local library's folder, with its library.db
 *
 * Opens a local library only to read it, changing nothing in its folder: its database is
 * opened read-only (immutable when its journal is closed), every change is refused, and
 * nothing is created, not even its lock file. (When its journal is open — the app has the
 * library open, or a process left it so — SQLite's readers mark what they read in its
 * shared-memory index, library.db-shm, as any reader does: no data changes.) A team library, or a folder without a
 * library, fails with %G_IO_ERROR_NOT_FOUND. Blocks.
 */
MedialibStore *
_medialib_store_open_local_read_only (const char  *dir,
                                      GError     **error)
{
  g_autoptr(MedialibStore) self = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *db_path = NULL;

  g_assert (dir != NULL);

  self = g_object_new (MEDIALIB_TYPE_STORE, NULL);
  self->dir = g_canonicalize_filename (dir, NULL);
  db_path = g_build_filename (self->dir, "library.db", NULL);

  if (medialib_team_config_exists (self->dir) || !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no local library in %s"), self->dir);
      return NULL;
    }

  /* Held (shared) as long as the store lives, as any store does, but never created */
  lock_path = g_build_filename (self->dir, ".lock", NULL);
  self->lock_fd = g_open (lock_path, O_RDONLY | O_CLOEXEC, 0);
  if (self->lock_fd >= 0)
    flock (self->lock_fd, LOCK_SH);

  if (!open_local (self, TRUE, error))
    return NULL;

  _medialib_store_init_watch (self);
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  MedialibStore *store = medialib_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
medialib_store_open_async (const char          *dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_open_async);
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, open_thread);
}

MedialibStore *
medialib_store_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
medialib_store_get_dir (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  return self->dir;
}
