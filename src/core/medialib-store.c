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
#include "medialib-store-private.h"

/*
 * A library is a directory:
 *
 *   library.db         SQLite (WAL, foreign keys), schema version in PRAGMA user_version
 *   media/, thumbnails/, .files.lock
 *                      the files' bytes, by content: the blob store (medialib-folder-blobs.c)
 *   .lock              every open store holds a shared lock; a restore takes it exclusively,
 *                      and so does the sweep (which runs only with the library to itself)
 *
 * Files reach the blob store (written, fsynced and renamed) before the row that names them
 * is committed, so a crash leaves at worst an unreferenced file that the next start removes.
 * All database access goes through one connection guarded by a recursive mutex, from worker
 * threads in the app.
 */

#define SCHEMA_VERSION MEDIALIB_STORE_SCHEMA_VERSION
#define SEP            "\x1f"


G_DEFINE_FINAL_TYPE (MedialibStore, medialib_store, G_TYPE_OBJECT)

static const char *schema_v1 =
  "CREATE TABLE assets ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('image', 'contact')),"
  "  mime TEXT NOT NULL,"
  "  bytes INTEGER NOT NULL,"
  "  width INTEGER,"
  "  height INTEGER,"
  "  animated INTEGER NOT NULL DEFAULT 0,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  added INTEGER NOT NULL,"
  "  source TEXT NOT NULL CHECK (source IN ('upload', 'crop', 'ai')),"
  "  parent INTEGER REFERENCES assets (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX assets_added ON assets (added DESC, id DESC);"
  "CREATE INDEX assets_name ON assets (name COLLATE NOCASE, id);"
  "CREATE INDEX assets_bytes ON assets (bytes DESC, id DESC);"
  "CREATE INDEX assets_parent ON assets (parent);"
  "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE);"
  "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE);"
  "CREATE TABLE asset_tags ("
  "  asset INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,"
  "  label INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (asset, label)) WITHOUT ROWID;"
  "CREATE INDEX asset_tags_label ON asset_tags (label, asset);"
  "CREATE TABLE asset_teams ("
  "  asset INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,"
  "  label INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (asset, label)) WITHOUT ROWID;"
  "CREATE INDEX asset_teams_label ON asset_teams (label, asset);"
  "CREATE VIRTUAL TABLE assets_fts USING fts5 (name, tags, teams,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');";

/* Version 2: each asset keeps its tag and team names, sorted and joined, so that listing
 * 100,000 assets reads columns instead of running two subqueries per row. */
static const char *schema_v2 =
  "ALTER TABLE assets ADD COLUMN tag_names TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE assets ADD COLUMN team_names TEXT NOT NULL DEFAULT '';"
  "UPDATE assets SET"
  "  tag_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_tags x"
  "    JOIN tags l ON l.id = x.label WHERE x.asset = assets.id ORDER BY l.key)), ''),"
  "  team_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_teams x"
  "    JOIN teams l ON l.id = x.label WHERE x.asset = assets.id ORDER BY l.key)), '');";

/* Version 3: generated images. A generation is counted for the daily quota; its variants
 * wait in generations/<id>/ until they are added. Assets keep their prompt. */
static const char *schema_v3 =
  "CREATE TABLE generations ("
  "  id INTEGER PRIMARY KEY,"
  "  prompt TEXT NOT NULL,"
  "  model TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  variants INTEGER NOT NULL);"
  "CREATE INDEX generations_created ON generations (created);"
  "ALTER TABLE assets ADD COLUMN prompt TEXT;";

/* Version 4: contact cards keep a summary (JSON: name, org, emails, phones, cards,
 * has_photo), and words that search finds besides the name. */
static const char *schema_v4 =
  "ALTER TABLE assets ADD COLUMN contact TEXT;"
  "ALTER TABLE assets ADD COLUMN search_extra TEXT NOT NULL DEFAULT '';";

const char *
_medialib_label_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
}

const char *
_medialib_label_link_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "asset_tags" : "asset_teams";
}

gboolean
_medialib_store_db_error (MedialibStore  *self,
          GError        **error,
          const char     *doing)
{
  int code = sqlite3_errcode (self->db);
  GIOErrorEnum io_code = G_IO_ERROR_FAILED;

  if (self->read_only && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
    {
      _medialib_store_read_only_error (self, error);
      return FALSE;
    }

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    {
      g_autofree char *db_path = g_build_filename (self->dir, "library.db", NULL);

      g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
                   _("The library database %s is damaged"), db_path);
      return FALSE;
    }

  if (code == SQLITE_FULL)
    {
      /* SQLite says "database or disk is full": it is the disk */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s: %s", doing, _("the disk is full"));
      return FALSE;
    }
  else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
    io_code = G_IO_ERROR_PERMISSION_DENIED;
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    io_code = G_IO_ERROR_BUSY;

  g_set_error (error, G_IO_ERROR, io_code, "%s: %s", doing, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
_medialib_store_exec (MedialibStore  *self,
          const char     *sql,
          GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _medialib_store_db_error (self, error, _("The library database could not be updated"));

  return TRUE;
}

sqlite3_stmt *
_medialib_store_prepare (MedialibStore  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _medialib_store_db_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return stmt;
}


void
_medialib_store_read_only_error (MedialibStore  *self,
                                 GError        **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("The library in %s is read-only: it can be viewed but not changed. Make the folder writable, or copy the library to a folder you can write to"),
               self->dir);
}

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

void
_medialib_store_not_found (GError **error,
           gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: %s is a number */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no asset with id %s"), number);
}

static void
medialib_store_finalize (GObject *object)
{
  MedialibStore *self = MEDIALIB_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->dir, g_free);
  g_clear_object (&self->blobs);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (medialib_store_parent_class)->finalize (object);
}

static void
medialib_store_class_init (MedialibStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medialib_store_finalize;
}

static void
medialib_store_init (MedialibStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->lock_fd = -1;
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

/* Creates the schema, or brings an older one up to SCHEMA_VERSION: all or nothing */
static gboolean
migrate (MedialibStore  *self,
         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_store_prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _medialib_store_db_error (self, error, _("The library database could not be read"));
  version = sqlite3_column_int (stmt, 0);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The library in %s was written by a newer version of Media Library; update the app to open it"),
                   self->dir);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    return TRUE;

  if (!_medialib_store_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the write lock. */
  sqlite3_reset (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == SCHEMA_VERSION)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      return _medialib_store_commit (self, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((version < 1 && !_medialib_store_exec (self, schema_v1, error)) ||
      (version < 2 && !_medialib_store_exec (self, schema_v2, error)) ||
      (version < 3 && !_medialib_store_exec (self, schema_v3, error)) ||
      (version < 4 && !_medialib_store_exec (self, schema_v4, error)) ||
      !_medialib_store_exec (self, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error))
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

/**
 * medialib_store_open:
 * @dir: (nullable): the library directory, created when missing; %NULL for the default
 *
 * Opens a library: creates (private to the user) or migrates its database. Checking the
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
  g_autofree char *db_path = NULL;
  g_autofree char *lock_path = NULL;
  int rc;

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

  if (!(self->blobs = MEDIALIB_BLOB_STORE (medialib_folder_blobs_new (self->dir, error))))
    return NULL;

  /* Held (shared) as long as the store lives: restoring a backup needs the library to itself */
  lock_path = g_build_filename (self->dir, ".lock", NULL);
  self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd >= 0)
    flock (self->lock_fd, LOCK_SH);

  db_path = g_build_filename (self->dir, "library.db", NULL);

  /* A library on a read-only disk (or in a folder we may not write) can still be looked at:
   * SQLite opens it as immutable, without its journal, and every change is refused with
   * a message that says why. */
  self->read_only = g_access (self->dir, W_OK) != 0 && g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (self->read_only)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
      g_autofree char *uri = g_filename_to_uri (db_path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      /* A journal left by a process that did not close the library holds committed changes:
       * SQLite reads it read-only when both its files are there; otherwise the file is all */
      if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (shm, G_FILE_TEST_EXISTS))
        rc = sqlite3_open_v2 (db_path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
      else
        rc = sqlite3_open_v2 (immutable, &self->db,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (db_path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The library database %s cannot be opened: %s"),
                   db_path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 10000);

  if ((!self->read_only && !_medialib_store_exec (self, "PRAGMA journal_mode = WAL", error)) ||
      !_medialib_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_medialib_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (self, error))
    {
      int code = sqlite3_errcode (self->db);

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        {
          g_clear_error (error);
          g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
                       _("The library database %s is damaged"), db_path);
        }
      return NULL;
    }

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

/* --- Transactions ------------------------------------------------------------------------ */

/* BEGIN IMMEDIATE under the store's lock, which stays held until the transaction ends */
gboolean
_medialib_store_begin (MedialibStore  *self,
                       GError        **error)
{
  g_rec_mutex_lock (&self->lock);

  if (!_medialib_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  g_assert (self->writer == NULL);
  self->writer = g_thread_self ();
  return TRUE;
}

/* Ends the transaction (this thread's) and releases the store's lock */
static void
end_transaction (MedialibStore *self)
{
  g_assert (self->writer == g_thread_self ());
  self->writer = NULL;
  g_rec_mutex_unlock (&self->lock);
}

/* COMMIT; when it fails (a deferred constraint, an I/O error) the transaction may still be
 * open: it is rolled back, and the caller only returns the error. */
gboolean
_medialib_store_commit (MedialibStore  *self,
                        GError        **error)
{
  gboolean ret = _medialib_store_exec (self, "COMMIT", error);

  if (!ret)
    _medialib_store_exec (self, "ROLLBACK", NULL);

  end_transaction (self);
  return ret;
}

/* ROLLBACK; SQLite may have rolled back already (it does on some errors), which is harmless */
void
_medialib_store_rollback (MedialibStore *self)
{
  _medialib_store_exec (self, "ROLLBACK", NULL);
  end_transaction (self);
}
