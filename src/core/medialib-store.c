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

#include "medialib-asset-private.h"
#include "medialib-image.h"
#include "medialib-sniff.h"
#include "medialib-store-private.h"

/*
 * A library is a directory:
 *
 *   library.db         SQLite (WAL, foreign keys), schema version in PRAGMA user_version
 *   media/ab/<sha256>.<ext>       the library's own copy of every file, by content
 *   thumbnails/ab/<sha256>.png    512 px thumbnails, made again when missing
 *   .lock              importers hold a shared lock; the start-up sweep takes it exclusively
 *
 * Files reach media/ as a temporary file that is written, fsynced and renamed before the
 * row that names them is committed, so a crash leaves at worst an unreferenced file that the
 * next start removes. All database access goes through one connection guarded by a
 * recursive mutex, from worker threads in the app.
 */

#define SCHEMA_VERSION 4
#define TEMP_PREFIX    ".tmp-"
#define SEP            "\x1f"

struct _MedialibStore
{
  GObject   parent_instance;

  char     *dir;
  char     *media_dir;
  char     *thumbnail_dir;
  sqlite3  *db;
  GRecMutex lock;
};

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

static const char *
label_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
}

static const char *
label_link_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "asset_tags" : "asset_teams";
}

static gboolean
db_error (MedialibStore  *self,
          GError        **error,
          const char     *doing)
{
  int code = sqlite3_errcode (self->db);
  GIOErrorEnum io_code = G_IO_ERROR_FAILED;

  if (code == SQLITE_FULL)
    io_code = G_IO_ERROR_NO_SPACE;
  else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
    io_code = G_IO_ERROR_PERMISSION_DENIED;
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    io_code = G_IO_ERROR_BUSY;

  g_set_error (error, G_IO_ERROR, io_code, "%s: %s", doing, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (MedialibStore  *self,
          const char     *sql,
          GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, error, _("The library database could not be updated"));

  return TRUE;
}

static sqlite3_stmt *
prepare (MedialibStore  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
not_found (GError **error,
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
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->media_dir, g_free);
  g_clear_pointer (&self->thumbnail_dir, g_free);
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

/* Removes what an interrupted import left behind: temporary files, and stored files no row
 * names. Only when no importer holds the library's lock. */
static void
sweep (MedialibStore *self)
{
  g_autofree char *lock_path = g_build_filename (self->dir, ".lock", NULL);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *roots[] = { self->media_dir, self->thumbnail_dir };
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return;
    }

  stmt = prepare (self, "SELECT sha256 FROM assets", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  for (guint r = 0; r < G_N_ELEMENTS (roots) && stmt != NULL; r++)
    {
      g_autoptr(GDir) top = g_dir_open (roots[r], 0, NULL);
      const char *sub;

      while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
        {
          g_autofree char *sub_path = g_build_filename (roots[r], sub, NULL);
          g_autoptr(GDir) dir = g_dir_open (sub_path, 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *sha = g_strndup (name, strcspn (name, "."));
              g_autofree char *path = g_build_filename (sub_path, name, NULL);

              if (g_str_has_prefix (name, TEMP_PREFIX) || !g_hash_table_contains (known, sha))
                {
                  g_debug ("Removing leftover %s", path);
                  g_unlink (path);
                }
            }
        }
    }

  flock (fd, LOCK_UN);
  close (fd);
}

static gboolean
migrate (MedialibStore  *self,
         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error (self, error, _("The library database could not be read"));
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

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another process may have migrated while we waited for the write lock. */
  sqlite3_reset (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == SCHEMA_VERSION)
    return exec_sql (self, "COMMIT", error);

  if ((version < 1 && !exec_sql (self, schema_v1, error)) ||
      (version < 2 && !exec_sql (self, schema_v2, error)) ||
      (version < 3 && !exec_sql (self, schema_v3, error)) ||
      (version < 4 && !exec_sql (self, schema_v4, error)))
    {
      exec_sql (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!exec_sql (self, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error) ||
      !exec_sql (self, "COMMIT", error))
    {
      exec_sql (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
quick_check (MedialibStore  *self,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA quick_check", error);

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The library database in %s is damaged"), self->dir);
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_store_open:
 * @dir: (nullable): the library directory, created when missing; %NULL for the default
 *
 * Opens a library: creates or migrates its database, checks it, and sweeps what an
 * interrupted import left behind. Blocks: call it from a worker thread in the app.
 */
MedialibStore *
medialib_store_open (const char  *dir,
                     GError     **error)
{
  g_autoptr(MedialibStore) self = g_object_new (MEDIALIB_TYPE_STORE, NULL);
  g_autofree char *db_path = NULL;
  int rc;

  self->dir = dir != NULL ? g_canonicalize_filename (dir, NULL) : medialib_store_dup_default_dir ();
  self->media_dir = g_build_filename (self->dir, "media", NULL);
  self->thumbnail_dir = g_build_filename (self->dir, "thumbnails", NULL);

  if (g_mkdir_with_parents (self->media_dir, 0755) != 0 ||
      g_mkdir_with_parents (self->thumbnail_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The library folder %s cannot be created: %s"),
                   self->dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (self->dir, "library.db", NULL);
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

  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self, "PRAGMA synchronous = NORMAL", error) ||
      !quick_check (self, error) ||
      !migrate (self, error))
    return NULL;

  sweep (self);

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
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

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

/* Paths are made for every asset of every search: one allocation each. */
char *
_medialib_store_media_path (MedialibStore *self,
                            const char    *sha256,
                            const char    *mime)
{
  const char *suffix = "";

  if (g_str_equal (mime, "image/png"))
    suffix = ".png";
  else if (g_str_equal (mime, "image/jpeg"))
    suffix = ".jpg";
  else if (g_str_equal (mime, "image/gif"))
    suffix = ".gif";
  else if (g_str_equal (mime, "text/vcard"))
    suffix = ".vcf";

  return g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%.2s" G_DIR_SEPARATOR_S "%s%s",
                          self->media_dir, sha256, sha256, suffix);
}

char *
_medialib_store_thumbnail_path (MedialibStore *self,
                                const char    *sha256)
{
  return g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%.2s" G_DIR_SEPARATOR_S "%s.png",
                          self->thumbnail_dir, sha256, sha256);
}

int
_medialib_store_lock_shared (MedialibStore *self)
{
  g_autofree char *lock_path = g_build_filename (self->dir, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  if (fd >= 0)
    flock (fd, LOCK_SH);

  return fd;
}

void
_medialib_store_unlock (int fd)
{
  if (fd >= 0)
    {
      flock (fd, LOCK_UN);
      close (fd);
    }
}

/**
 * _medialib_write_file_atomic:
 * @durable: fsync the file before it takes its name
 *
 * Writes @path through a temporary file in the same directory and renames it into place,
 * so that @path never holds a partial file.
 */
gboolean
_medialib_write_file_atomic (const char  *path,
                             const void  *data,
                             gsize        length,
                             gboolean     durable,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  const guint8 *p = data;
  gsize left = length;
  int fd, saved_errno;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    goto fail_no_fd;

  tmp = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    goto fail_no_fd;

  while (left > 0)
    {
      gssize n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto fail;
      p += n;
      left -= (gsize) n;
    }

  if (durable && fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    goto fail;

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  errno = saved_errno;

fail_no_fd:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s could not be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* --- Transactions ------------------------------------------------------------------------ */

gboolean
_medialib_store_begin (MedialibStore  *self,
                       GError        **error)
{
  g_rec_mutex_lock (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  return TRUE;
}

gboolean
_medialib_store_commit (MedialibStore  *self,
                        GError        **error)
{
  gboolean ret = exec_sql (self, "COMMIT", error);

  if (!ret)
    exec_sql (self, "ROLLBACK", NULL);

  g_rec_mutex_unlock (&self->lock);
  return ret;
}

void
_medialib_store_rollback (MedialibStore *self)
{
  exec_sql (self, "ROLLBACK", NULL);
  g_rec_mutex_unlock (&self->lock);
}

/* --- Reading -------------------------------------------------------------------------- */

#define ASSET_COLUMNS \
  "a.id, a.name, a.kind, a.mime, a.bytes, a.width, a.height, a.animated, a.sha256, " \
  "a.added, a.source, a.parent, a.tag_names, a.team_names, a.prompt, a.contact "

static char **
split_labels (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strsplit (text, SEP, -1);
}

static MedialibAsset *
asset_from_row (MedialibStore *self,
                sqlite3_stmt  *stmt)
{
  const char *sha256 = (const char *) sqlite3_column_text (stmt, 8);
  const char *mime = (const char *) sqlite3_column_text (stmt, 3);
  const char *kind = (const char *) sqlite3_column_text (stmt, 2);
  MedialibAssetFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .name = (const char *) sqlite3_column_text (stmt, 1),
    .kind = kind,
    .mime = mime,
    .bytes = sqlite3_column_int64 (stmt, 4),
    .width = sqlite3_column_int (stmt, 5),
    .height = sqlite3_column_int (stmt, 6),
    .animated = sqlite3_column_int (stmt, 7) != 0,
    .sha256 = sha256,
    .added = sqlite3_column_int64 (stmt, 9),
    .source = (const char *) sqlite3_column_text (stmt, 10),
    .parent = sqlite3_column_int64 (stmt, 11),
    .tags = split_labels ((const char *) sqlite3_column_text (stmt, 12)),
    .teams = split_labels ((const char *) sqlite3_column_text (stmt, 13)),
    .path = _medialib_store_media_path (self, sha256, mime),
    .prompt = (const char *) sqlite3_column_text (stmt, 14),
    .contact = (const char *) sqlite3_column_text (stmt, 15),
  };

  /* Images have a thumbnail; contact cards when their photo decoded. */
  if (g_str_equal (kind, "image") ||
      (fields.contact != NULL && strstr (fields.contact, "\"has_photo\":true") != NULL))
    fields.thumbnail = _medialib_store_thumbnail_path (self, sha256);

  return _medialib_asset_new (&fields);
}

gint64
medialib_store_count (MedialibStore *self)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT count(*) FROM assets", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * medialib_store_get_asset:
 *
 * Returns: (transfer full) (nullable): the asset, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibAsset *
medialib_store_get_asset (MedialibStore  *self,
                          gint64          id,
                          GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = prepare (self, "SELECT " ASSET_COLUMNS " FROM assets a WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return asset_from_row (self, stmt);

  if (rc == SQLITE_DONE)
    not_found (error, id);
  else
    db_error (self, error, _("The library database could not be read"));

  return NULL;
}

static void
append_label_filter (GString           *sql,
                     GPtrArray         *params,
                     MedialibLabelKind  kind,
                     char             **names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_string_append_printf (sql,
                              " AND EXISTS (SELECT 1 FROM %s x JOIN %s l ON l.id = x.label"
                              " WHERE x.asset = a.id AND l.key = ?)",
                              label_link_table (kind), label_table (kind));
      g_ptr_array_add (params, medialib_label_key (names[i]));
    }
}

/**
 * medialib_store_search:
 *
 * One query, however many assets match: no per-row queries.
 *
 * Returns: (transfer full) (element-type MedialibAsset): the matching assets, sorted
 */
GPtrArray *
medialib_store_search (MedialibStore        *self,
                       const MedialibQuery  *query,
                       GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " ASSET_COLUMNS " FROM assets a WHERE 1");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  match = medialib_query_to_fts_match (query->text);
  if (match != NULL)
    {
      g_string_append (sql, " AND a.id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)");
      g_ptr_array_add (params, g_strdup (match));
    }

  if (query->kind != NULL)
    {
      g_string_append (sql, " AND a.kind = ?");
      g_ptr_array_add (params, g_strdup (query->kind));
    }

  append_label_filter (sql, params, MEDIALIB_LABEL_TAG, query->tags);
  append_label_filter (sql, params, MEDIALIB_LABEL_TEAM, query->teams);

  switch (query->sort)
    {
    case MEDIALIB_SORT_NAME:
      g_string_append (sql, " ORDER BY a.name COLLATE NOCASE, a.id");
      break;
    case MEDIALIB_SORT_SIZE:
      g_string_append (sql, " ORDER BY a.bytes DESC, a.id DESC");
      break;
    case MEDIALIB_SORT_ADDED:
    default:
      g_string_append (sql, " ORDER BY a.added DESC, a.id DESC");
      break;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assets, asset_from_row (self, stmt));

  if (rc != SQLITE_DONE)
    {
      db_error (self, error, _("The library could not be searched"));
      return NULL;
    }

  return g_steal_pointer (&assets);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MedialibStore *self = source_object;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GListStore) model = NULL;
  GError *error = NULL;

  if (!(assets = medialib_store_search (self, task_data, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  model = g_list_store_new (MEDIALIB_TYPE_ASSET);
  g_list_store_splice (model, 0, 0, assets->pdata, assets->len);
  g_task_return_pointer (task, g_steal_pointer (&model), g_object_unref);
}

void
medialib_store_search_async (MedialibStore        *self,
                             const MedialibQuery  *query,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_search_async);
  g_task_set_task_data (task, medialib_query_copy (query), (GDestroyNotify) medialib_query_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * medialib_store_search_finish:
 *
 * Returns: (transfer full): a #GListModel of #MedialibAsset
 */
GListModel *
medialib_store_search_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medialib_label_count_free (MedialibLabelCount *count)
{
  g_free (count->name);
  g_free (count);
}

/**
 * medialib_store_list_labels:
 *
 * Tags in use, or every team (a team exists before anything is assigned to it), by name.
 *
 * Returns: (transfer full) (element-type MedialibLabelCount):
 */
GPtrArray *
medialib_store_list_labels (MedialibStore      *self,
                            MedialibLabelKind   kind,
                            GError            **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_label_count_free);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT l.name, (SELECT count(*) FROM %s x WHERE x.label = l.id) AS n"
                         " FROM %s l %s ORDER BY l.key",
                         label_link_table (kind), label_table (kind),
                         kind == MEDIALIB_LABEL_TAG ? "WHERE n > 0" : "");
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MedialibLabelCount *count = g_new0 (MedialibLabelCount, 1);

      count->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->count = (guint) sqlite3_column_int (stmt, 1);
      g_ptr_array_add (labels, count);
    }

  if (rc != SQLITE_DONE)
    {
      db_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&labels);
}

/* --- Writing ------------------------------------------------------------------------------ */

/* The id of a label, made when missing (the first spelling is kept), or 0 on error. */
static gint64
ensure_label (MedialibStore      *self,
              MedialibLabelKind   kind,
              const char         *text,
              GError            **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL)
    return 0;

  key = medialib_label_key (name);
  sql = g_strdup_printf ("INSERT INTO %s (name, key) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET key = key RETURNING id",
                         label_table (kind));
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      db_error (self, error, _("The library database could not be updated"));
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* The search index and the names kept on the asset row follow its name, tags and teams. */
static gboolean
update_fts (MedialibStore  *self,
            gint64          id,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) del = prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  names = prepare (self,
                   "UPDATE assets SET"
                   " tag_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_tags x"
                   "   JOIN tags l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), ''),"
                   " team_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_teams x"
                   "   JOIN teams l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), '')"
                   " WHERE id = ?1",
                   error);
  if (names == NULL || del == NULL)
    return FALSE;
  sqlite3_bind_int64 (names, 1, id);
  if (sqlite3_step (names) != SQLITE_DONE)
    return db_error (self, error, _("The library's search index could not be updated"));

  sqlite3_bind_int64 (del, 1, id);
  if (sqlite3_step (del) != SQLITE_DONE)
    return db_error (self, error, _("The library's search index could not be updated"));

  ins = prepare (self,
                 "INSERT INTO assets_fts (rowid, name, tags, teams)"
                 " SELECT id, name || ' ' || search_extra, replace (tag_names, char (31), ' '),"
                 " replace (team_names, char (31), ' ') FROM assets WHERE id = ?",
                 error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return db_error (self, error, _("The library's search index could not be updated"));

  return TRUE;
}

static gboolean
link_labels (MedialibStore       *self,
             gint64               id,
             MedialibLabelKind    kind,
             const char * const  *names,
             gboolean             add,
             GError             **error)
{
  g_autofree char *sql = NULL;

  if (names == NULL)
    return TRUE;

  if (add)
    sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) VALUES (?, ?)",
                           label_link_table (kind));
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE asset = ?1 AND label = (SELECT id FROM %s WHERE key = ?2)",
                           label_link_table (kind), label_table (kind));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);

      if (add)
        {
          gint64 label = ensure_label (self, kind, names[i], error);

          if (label == 0)
            return FALSE;
          sqlite3_bind_int64 (stmt, 2, label);
        }
      else
        {
          g_autofree char *name = medialib_label_normalize (kind, names[i], error);
          g_autofree char *key = NULL;

          if (name == NULL)
            return FALSE;
          key = medialib_label_key (name);
          sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
        }

      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error (self, error, _("The library database could not be updated"));
    }

  return TRUE;
}

/* Tags are labels in use: one that no asset carries any more goes away. Teams stay. */
static gboolean
drop_unused_tags (MedialibStore  *self,
                  GError        **error)
{
  return exec_sql (self, "DELETE FROM tags WHERE id NOT IN (SELECT label FROM asset_tags)", error);
}

gboolean
_medialib_store_insert (MedialibStore           *self,
                        const MedialibNewAsset  *asset,
                        const char * const      *tags,
                        const char * const      *teams,
                        gint64                  *id,
                        gboolean                *duplicate,
                        char                   **existing_name,
                        GError                 **error)
{
  g_autoptr(sqlite3_stmt) find = prepare (self, "SELECT id, name FROM assets WHERE sha256 = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (find == NULL)
    return FALSE;

  sqlite3_bind_text (find, 1, asset->sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (find, 0);
      *duplicate = TRUE;
      if (existing_name != NULL)
        *existing_name = g_strdup ((const char *) sqlite3_column_text (find, 1));
    }
  else
    {
      ins = prepare (self,
                     "INSERT INTO assets (name, kind, mime, bytes, width, height, animated,"
                     " sha256, added, source, parent, contact, search_extra)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     error);
      if (ins == NULL)
        return FALSE;

      sqlite3_bind_text (ins, 1, asset->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, asset->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 3, asset->mime, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, asset->bytes);
      if (asset->width > 0 && asset->height > 0)
        {
          sqlite3_bind_int (ins, 5, asset->width);
          sqlite3_bind_int (ins, 6, asset->height);
        }
      sqlite3_bind_int (ins, 7, asset->animated ? 1 : 0);
      sqlite3_bind_text (ins, 8, asset->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 9, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (ins, 10, asset->source, -1, SQLITE_STATIC);
      if (asset->parent > 0)
        sqlite3_bind_int64 (ins, 11, asset->parent);
      if (asset->contact != NULL)
        sqlite3_bind_text (ins, 12, asset->contact, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 13, asset->search_extra ? asset->search_extra : "", -1, SQLITE_STATIC);

      if (sqlite3_step (ins) != SQLITE_DONE)
        return db_error (self, error, _("The asset could not be added to the library database"));

      *id = sqlite3_last_insert_rowid (self->db);
      *duplicate = FALSE;
      if (existing_name != NULL)
        *existing_name = g_strdup (asset->name);
    }

  if (!link_labels (self, *id, MEDIALIB_LABEL_TAG, tags, TRUE, error) ||
      !link_labels (self, *id, MEDIALIB_LABEL_TEAM, teams, TRUE, error))
    return FALSE;

  return update_fts (self, *id, error);
}

static gboolean
asset_exists (MedialibStore  *self,
              gint64          id,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT 1 FROM assets WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  not_found (error, id);
  return FALSE;
}

static gboolean
validate_labels (MedialibLabelKind    kind,
                 const char * const  *names,
                 GError             **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = medialib_label_normalize (kind, names[i], error);

      if (name == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * medialib_store_edit:
 *
 * Applies every change of @edit to one asset, all or nothing.
 */
gboolean
medialib_store_edit (MedialibStore       *self,
                     gint64               id,
                     const MedialibEdit  *edit,
                     GError             **error)
{
  g_autofree char *new_name = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!validate_labels (MEDIALIB_LABEL_TAG, edit->add_tags, error) ||
      !validate_labels (MEDIALIB_LABEL_TAG, edit->remove_tags, error) ||
      !validate_labels (MEDIALIB_LABEL_TEAM, edit->add_teams, error) ||
      !validate_labels (MEDIALIB_LABEL_TEAM, edit->remove_teams, error))
    return FALSE;

  if (edit->rename != NULL)
    {
      new_name = g_strstrip (g_strdup (edit->rename));
      if (new_name[0] == '\0' || !g_utf8_validate (new_name, -1, NULL) ||
          strchr (new_name, '/') != NULL || strchr (new_name, '\n') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid name: use some text without slashes or line breaks"),
                       edit->rename);
          return FALSE;
        }
    }

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (!asset_exists (self, id, error))
    goto fail;

  if (new_name != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (self, "UPDATE assets SET name = ? WHERE id = ?", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, new_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          db_error (self, error, _("The asset could not be renamed"));
          goto fail;
        }
    }

  if (!link_labels (self, id, MEDIALIB_LABEL_TAG, edit->remove_tags, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->remove_teams, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TAG, edit->add_tags, TRUE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->add_teams, TRUE, error) ||
      !drop_unused_tags (self, error) ||
      !update_fts (self, id, error))
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

static gboolean
reindex_label (MedialibStore      *self,
               MedialibLabelKind   kind,
               gint64              label,
               GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = ?", label_link_table (kind));
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, label);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i++)
    if (!update_fts (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gint64
find_label (MedialibStore      *self,
            MedialibLabelKind   kind,
            const char         *text,
            GError            **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL)
    return 0;

  key = medialib_label_key (name);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE key = ?", label_table (kind));
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               kind == MEDIALIB_LABEL_TAG ? _("There is no tag “%s”") : _("There is no team “%s”"),
               name);
  return 0;
}

gboolean
medialib_store_create_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (ensure_label (self, kind, name, error) == 0)
    {
      _medialib_store_rollback (self);
      return FALSE;
    }

  return _medialib_store_commit (self, error);
}

/**
 * medialib_store_rename_label:
 *
 * Renames a tag or team everywhere. Renaming onto another existing label merges the two.
 */
gboolean
medialib_store_rename_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             const char         *new_name,
                             GError            **error)
{
  g_autofree char *normalized = medialib_label_normalize (kind, new_name, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  gint64 label, other;

  if (normalized == NULL)
    return FALSE;
  key = medialib_label_key (normalized);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if ((label = find_label (self, kind, name, error)) == 0)
    goto fail;

  other = find_label (self, kind, normalized, NULL);
  if (other != 0 && other != label)
    {
      /* Merge: move the links onto the existing label, then drop this one. */
      g_autoptr(sqlite3_stmt) move = NULL;
      g_autoptr(sqlite3_stmt) drop = NULL;

      sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) SELECT asset, ?2 FROM %s WHERE label = ?1",
                             label_link_table (kind), label_link_table (kind));
      if (!(move = prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (move, 1, label);
      sqlite3_bind_int64 (move, 2, other);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", label_table (kind));
      if (!(drop = prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (drop, 1, label);
      if (sqlite3_step (move) != SQLITE_DONE || sqlite3_step (drop) != SQLITE_DONE)
        {
          db_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
      label = other;
    }
  else
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      sql = g_strdup_printf ("UPDATE %s SET name = ?, key = ? WHERE id = ?", label_table (kind));
      if (!(stmt = prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, label);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          db_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
    }

  if (!reindex_label (self, kind, label, error))
    goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

gboolean
medialib_store_delete_label (MedialibStore      *self,
                             MedialibLabelKind   kind,
                             const char         *name,
                             GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autofree char *sql = NULL;
  gint64 label;

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if ((label = find_label (self, kind, name, error)) == 0)
    goto fail;

  sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = ?", label_link_table (kind));
  if (!(list = prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (list, 1, label);
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (ids, id);
    }

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", label_table (kind));
  if (!(drop = prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (drop, 1, label);
  if (sqlite3_step (drop) != SQLITE_DONE)
    {
      db_error (self, error, _("The library database could not be updated"));
      goto fail;
    }

  for (guint i = 0; i < ids->len; i++)
    if (!update_fts (self, g_array_index (ids, gint64, i), error))
      goto fail;

  return _medialib_store_commit (self, error);

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

/**
 * medialib_store_delete:
 *
 * Removes the asset's row, then its stored file and thumbnail when no other asset uses
 * them. The files go only after the row is gone, so a failure never leaves a row without
 * its file.
 */
gboolean
medialib_store_delete (MedialibStore  *self,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autoptr(sqlite3_stmt) users = NULL;
  gboolean unused = FALSE;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (!_medialib_store_begin (self, error))
    return FALSE;

  if (!(asset = medialib_store_get_asset (self, id, error)))
    goto fail;

  if (!(stmt = prepare (self, "DELETE FROM assets WHERE id = ?", error)) ||
      !(fts = prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error)) ||
      !(users = prepare (self, "SELECT count(*) FROM assets WHERE sha256 = ?", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (fts, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_step (fts) != SQLITE_DONE)
    {
      db_error (self, error, _("The asset could not be deleted"));
      goto fail;
    }

  sqlite3_bind_text (users, 1, medialib_asset_get_sha256 (asset), -1, SQLITE_STATIC);
  unused = sqlite3_step (users) == SQLITE_ROW && sqlite3_column_int (users, 0) == 0;

  if (!drop_unused_tags (self, error) || !_medialib_store_commit (self, error))
    return FALSE;

  if (unused)
    {
      g_unlink (medialib_asset_get_path (asset));
      if (medialib_asset_get_thumbnail_path (asset) != NULL)
        g_unlink (medialib_asset_get_thumbnail_path (asset));
    }

  return TRUE;

fail:
  _medialib_store_rollback (self);
  return FALSE;
}

/**
 * medialib_store_ensure_thumbnail:
 *
 * Makes the asset's thumbnail again from its stored file when the cache lost it.
 */
gboolean
medialib_store_ensure_thumbnail (MedialibStore  *self,
                                 MedialibAsset  *asset,
                                 GError        **error)
{
  const char *thumbnail = medialib_asset_get_thumbnail_path (asset);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) png = NULL;
  MedialibImageInfo info;
  MedialibFormat format;
  gboolean ok;

  if (thumbnail == NULL || g_file_test (thumbnail, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!(mapped = g_mapped_file_new (medialib_asset_get_path (asset), FALSE, error)))
    return FALSE;

  format = medialib_sniff ((const guint8 *) g_mapped_file_get_contents (mapped),
                           g_mapped_file_get_length (mapped));
  if (!medialib_image_probe (format, (const guint8 *) g_mapped_file_get_contents (mapped),
                             g_mapped_file_get_length (mapped), MEDIALIB_THUMBNAIL_SIZE,
                             &info, error))
    return FALSE;

  png = medialib_image_encode_thumbnail (info.thumbnail, error);
  ok = png != NULL &&
       _medialib_write_file_atomic (thumbnail, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                    FALSE, error);
  medialib_image_info_clear (&info);

  return ok;
}

/* --- Async wrappers for the app: every call runs on a worker thread --------------------- */

typedef struct
{
  GArray  *ids;
  char   **add_tags;
  char   **remove_tags;
  char   **add_teams;
  char   **remove_teams;
  char    *rename;
  int      kind;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_strfreev (data->add_tags);
  g_strfreev (data->remove_tags);
  g_strfreev (data->add_teams);
  g_strfreev (data->remove_teams);
  g_free (data->rename);
  g_free (data);
}

static OpData *
op_data_new (const gint64 *ids,
             guint         n_ids)
{
  OpData *data = g_new0 (OpData, 1);

  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (data->ids, ids, n_ids);

  return data;
}

static void
edit_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpData *data = task_data;
  MedialibEdit edit = {
    (const char * const *) data->add_tags, (const char * const *) data->remove_tags,
    (const char * const *) data->add_teams, (const char * const *) data->remove_teams,
    data->rename,
  };

  for (guint i = 0; i < data->ids->len; i++)
    {
      GError *error = NULL;

      if (!medialib_store_edit (source_object, g_array_index (data->ids, gint64, i), &edit, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * medialib_store_edit_async:
 *
 * Applies @edit to each asset in turn, on a worker thread; stops at the first error.
 */
void
medialib_store_edit_async (MedialibStore        *self,
                           const gint64         *ids,
                           guint                 n_ids,
                           const MedialibEdit   *edit,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = op_data_new (ids, n_ids);

  data->add_tags = g_strdupv ((char **) edit->add_tags);
  data->remove_tags = g_strdupv ((char **) edit->remove_tags);
  data->add_teams = g_strdupv ((char **) edit->add_teams);
  data->remove_teams = g_strdupv ((char **) edit->remove_teams);
  data->rename = g_strdup (edit->rename);

  g_task_set_source_tag (task, medialib_store_edit_async);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, edit_thread);
}

gboolean
medialib_store_edit_finish (MedialibStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *first_error = NULL;

  /* Every asset is tried, whatever happened to the one before. */
  for (guint i = 0; i < data->ids->len; i++)
    {
      GError *error = NULL;

      if (!medialib_store_delete (source_object, g_array_index (data->ids, gint64, i), &error))
        {
          if (first_error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            first_error = error;
          else
            g_error_free (error);
        }
    }

  if (first_error != NULL)
    g_task_return_error (task, first_error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medialib_store_delete_async (MedialibStore        *self,
                             const gint64         *ids,
                             guint                 n_ids,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, medialib_store_delete_async);
  g_task_set_task_data (task, op_data_new (ids, n_ids), (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
medialib_store_delete_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_labels_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  GPtrArray *labels = medialib_store_list_labels (source_object, data->kind, &error);

  if (labels == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, labels, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_store_list_labels_async (MedialibStore        *self,
                                  MedialibLabelKind     kind,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = op_data_new (NULL, 0);

  data->kind = kind;
  g_task_set_source_tag (task, medialib_store_list_labels_async);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, list_labels_thread);
}

/**
 * medialib_store_list_labels_finish:
 *
 * Returns: (transfer full) (element-type MedialibLabelCount):
 */
GPtrArray *
medialib_store_list_labels_finish (MedialibStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_asset_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  MedialibAsset *asset = medialib_store_get_asset (source_object, g_array_index (data->ids, gint64, 0), &error);

  if (asset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, asset, g_object_unref);
}

void
medialib_store_get_asset_async (MedialibStore        *self,
                                gint64                id,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, medialib_store_get_asset_async);
  g_task_set_task_data (task, op_data_new (&id, 1), (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, get_asset_thread);
}

/**
 * medialib_store_get_asset_finish:
 *
 * Returns: (transfer full):
 */
MedialibAsset *
medialib_store_get_asset_finish (MedialibStore  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Generations -------------------------------------------------------------------------- */

char *
medialib_store_dup_generation_dir (MedialibStore *self,
                                   gint64         id)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_build_filename (self->dir, "generations", name, NULL);
}

gint64
_medialib_store_record_generation (MedialibStore  *self,
                                   const char     *prompt,
                                   const char     *model,
                                   guint           variants,
                                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  if (!_medialib_store_begin (self, error))
    return 0;

  stmt = prepare (self, "INSERT INTO generations (prompt, model, created, variants) VALUES (?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, prompt, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, model, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int (stmt, 4, (int) variants);
      if (sqlite3_step (stmt) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (self->db);
      else
        db_error (self, error, _("The generation could not be recorded"));
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (id == 0)
    {
      _medialib_store_rollback (self);
      return 0;
    }

  return _medialib_store_commit (self, error) ? id : 0;
}

/* Successful generations since @since (Unix time), for the daily quota. */
guint
medialib_store_count_generations_since (MedialibStore *self,
                                        gint64         since)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT count(*) FROM generations WHERE created >= ?", NULL);

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, since);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint) sqlite3_column_int (stmt, 0);
}

void
medialib_generation_free (MedialibGeneration *generation)
{
  g_free (generation->prompt);
  g_free (generation->model);
  g_free (generation);
}

/**
 * medialib_store_list_generations:
 *
 * Returns: (transfer full) (element-type MedialibGeneration): the newest first
 */
GPtrArray *
medialib_store_list_generations (MedialibStore  *self,
                                 guint           limit,
                                 GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_generation_free);
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT id, prompt, model, created, variants FROM generations"
                                          " ORDER BY created DESC, id DESC LIMIT ?", error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, (int) MIN (limit, (guint) G_MAXINT));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MedialibGeneration *generation = g_new0 (MedialibGeneration, 1);

      generation->id = sqlite3_column_int64 (stmt, 0);
      generation->prompt = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      generation->model = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      generation->created = sqlite3_column_int64 (stmt, 3);
      generation->variants = (guint) sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, generation);
    }

  return g_steal_pointer (&list);
}

MedialibGeneration *
medialib_store_get_generation (MedialibStore  *self,
                               gint64          id,
                               GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT id, prompt, model, created, variants FROM generations WHERE id = ?",
                                          error);
  MedialibGeneration *generation;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no generation %s"), number);
      return NULL;
    }

  generation = g_new0 (MedialibGeneration, 1);
  generation->id = sqlite3_column_int64 (stmt, 0);
  generation->prompt = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  generation->model = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  generation->created = sqlite3_column_int64 (stmt, 3);
  generation->variants = (guint) sqlite3_column_int (stmt, 4);

  return generation;
}

gboolean
_medialib_store_set_prompt (MedialibStore  *self,
                            gint64          id,
                            const char     *prompt,
                            GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "UPDATE assets SET prompt = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, prompt, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error (self, error, _("The library database could not be updated"));

  return TRUE;
}
