/* medialib-sqlite-catalog.c — opening library.db: its schema and migrations, errors,
 * transactions, and what only a local database does (the check, backups)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sqlite-catalog"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "medialib-sqlite-catalog-private.h"

/*
 * A local library's catalog is library.db in its folder: SQLite in WAL mode with foreign
 * keys, its schema version in PRAGMA user_version, search by an FTS5 table (unicode61 with
 * diacritics removed, prefix indexes). All access goes through one connection guarded by a
 * recursive mutex; the check, backups and the sweep's hashes use connections of their own,
 * which WAL lets read while the app searches.
 */

#define SCHEMA_VERSION MEDIALIB_SQLITE_SCHEMA_VERSION

static void catalog_iface_init (MedialibCatalogInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibSqliteCatalog, medialib_sqlite_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MEDIALIB_TYPE_CATALOG, catalog_iface_init))

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

/* Version 5: who added each asset (the member's name, as in a team library); NULL for the
 * assets of earlier versions */
static const char *schema_v5 =
  "ALTER TABLE assets ADD COLUMN added_by TEXT;";

/* Version 8: each image's dominant colours (medialib-palette.c): NULL until computed, which
 * the maintenance does for the images of earlier versions from their thumbnails
 * (medialib-store-palette.c); contact cards have none */
static const char *schema_palette =
  "ALTER TABLE assets ADD COLUMN palette TEXT;"
  "UPDATE assets SET palette = '' WHERE kind = 'contact';";
/* Version 6: saved collections, a search's filters under a name unique in any case
 * (key: medialib_collection_key()); filters: medialib_query_to_json()'s text */
static const char *schema_collections =
  "CREATE TABLE collections ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  key TEXT NOT NULL UNIQUE,"
  "  filters TEXT NOT NULL,"
  "  saved INTEGER NOT NULL);";

/* Version 7: each image's perceptual hash (medialib-phash.c), NULL until it is computed
 * (medialib_store_compute_phashes() fills those of older libraries, found by the partial
 * index, which is empty once they are all computed) */
static const char *schema_phash =
  "ALTER TABLE assets ADD COLUMN phash INTEGER;"
  "CREATE INDEX assets_unhashed ON assets (id) WHERE phash IS NULL AND kind = 'image';";

/* Version 9: each image's alt text, NULL when it has none; search finds its words with the
 * name's (INSERT_FTS_SQL in medialib-sqlite-catalog-write.c) */
static const char *schema_alt_text =
  "ALTER TABLE assets ADD COLUMN alt TEXT;";

/* Version 10: versions, the earlier contents of assets whose content was replaced
 * (medialib-store-versions.c), each with when it became the asset's content and who made it
 * so; the asset's row keeps the same for its current content (NULL: since it was added) */
static const char *schema_versions =
  "CREATE TABLE asset_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  asset INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,"
  "  mime TEXT NOT NULL,"
  "  bytes INTEGER NOT NULL,"
  "  width INTEGER,"
  "  height INTEGER,"
  "  animated INTEGER NOT NULL DEFAULT 0,"
  "  sha256 TEXT NOT NULL,"
  "  palette TEXT,"
  "  phash INTEGER,"
  "  since INTEGER NOT NULL,"
  "  made_by TEXT);"
  "CREATE INDEX asset_versions_asset ON asset_versions (asset, id);"
  "CREATE INDEX asset_versions_sha256 ON asset_versions (sha256);"
  "ALTER TABLE assets ADD COLUMN content_since INTEGER;"
  "ALTER TABLE assets ADD COLUMN content_by TEXT;"
  /* Each new asset's address, random; NULL for the assets of earlier versions, whose
   * address is their content's name: their first replacement keeps it, as "=" and that
   * content's SHA-256 (medialib_blob_address_get_content()) */
  "ALTER TABLE assets ADD COLUMN address TEXT;"
  /* A crop's origin: its parent's content when it was made, and its preset and rectangle
   * ("KEY X,Y,W,H") */
  "ALTER TABLE assets ADD COLUMN parent_sha256 TEXT;"
  "ALTER TABLE assets ADD COLUMN crop_spec TEXT;"
  "CREATE TRIGGER assets_address AFTER INSERT ON assets WHEN NEW.address IS NULL BEGIN"
  "  UPDATE assets SET address = lower (hex (randomblob (16))) WHERE id = NEW.id;"
  "END;";

const char *
_medialib_sqlite_label_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
}

const char *
_medialib_sqlite_label_link_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "asset_tags" : "asset_teams";
}

static void
set_damaged (GError     **error,
             const char  *db_path)
{
  g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
               _("The library database %s is damaged"), db_path);
}

/* Sets @error from the connection's last error, for a failure while DOING; returns FALSE */
gboolean
_medialib_sqlite_catalog_error (MedialibSqliteCatalog  *self,
                                GError                **error,
                                const char             *doing)
{
  int code = sqlite3_errcode (self->db);
  GIOErrorEnum io_code = G_IO_ERROR_FAILED;

  if (self->read_only && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
    {
      _medialib_catalog_read_only (error, self->dir);
      return FALSE;
    }

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    {
      set_damaged (error, self->db_path);
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
_medialib_sqlite_catalog_exec (MedialibSqliteCatalog  *self,
                               const char             *sql,
                               GError                **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));

  return TRUE;
}

sqlite3_stmt *
_medialib_sqlite_catalog_prepare (MedialibSqliteCatalog  *self,
                                  const char             *sql,
                                  GError                **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return stmt;
}

/* --- Transactions ------------------------------------------------------------------------ */

/* BEGIN IMMEDIATE under the catalog's lock, which stays held until the transaction ends */
gboolean
_medialib_sqlite_catalog_begin (MedialibSqliteCatalog  *self,
                                GError                **error)
{
  g_rec_mutex_lock (&self->lock);

  if (!_medialib_sqlite_catalog_exec (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  g_assert (self->writer == NULL);
  self->writer = g_thread_self ();
  return TRUE;
}

/* Ends the transaction (this thread's) and releases the catalog's lock */
static void
end_transaction (MedialibSqliteCatalog *self)
{
  g_assert (self->writer == g_thread_self ());
  self->writer = NULL;
  g_rec_mutex_unlock (&self->lock);
}

/* COMMIT; when it fails (a deferred constraint, an I/O error) the transaction may still be
 * open: it is rolled back, and the caller only returns the error. */
gboolean
_medialib_sqlite_catalog_commit (MedialibSqliteCatalog  *self,
                                 GError                **error)
{
  gboolean ret = _medialib_sqlite_catalog_exec (self, "COMMIT", error);

  if (!ret)
    _medialib_sqlite_catalog_exec (self, "ROLLBACK", NULL);

  end_transaction (self);
  return ret;
}

/* ROLLBACK; SQLite may have rolled back already (it does on some errors), which is harmless */
void
_medialib_sqlite_catalog_rollback (MedialibSqliteCatalog *self)
{
  _medialib_sqlite_catalog_exec (self, "ROLLBACK", NULL);
  end_transaction (self);
}

/* --- Opening -------------------------------------------------------------------------------- */

/* Creates the schema, or brings an older one up to SCHEMA_VERSION: all or nothing */
static gboolean
migrate (MedialibSqliteCatalog  *self,
         GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
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

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the write lock. */
  sqlite3_reset (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == SCHEMA_VERSION)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      return _medialib_sqlite_catalog_commit (self, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((version < 1 && !_medialib_sqlite_catalog_exec (self, schema_v1, error)) ||
      (version < 2 && !_medialib_sqlite_catalog_exec (self, schema_v2, error)) ||
      (version < 3 && !_medialib_sqlite_catalog_exec (self, schema_v3, error)) ||
      (version < 4 && !_medialib_sqlite_catalog_exec (self, schema_v4, error)) ||
      (version < 5 && !_medialib_sqlite_catalog_exec (self, schema_v5, error)) ||
      (version < 6 && !_medialib_sqlite_catalog_exec (self, schema_collections, error)) ||
      (version < 7 && !_medialib_sqlite_catalog_exec (self, schema_phash, error)) ||
      (version < 8 && !_medialib_sqlite_catalog_exec (self, schema_palette, error)) ||
      (version < 9 && !_medialib_sqlite_catalog_exec (self, schema_alt_text, error)) ||
      (version < 10 && !_medialib_sqlite_catalog_exec (self, schema_versions, error)) ||
      !_medialib_sqlite_catalog_exec (self, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error))
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

static void
medialib_sqlite_catalog_finalize (GObject *object)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->blobs);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (medialib_sqlite_catalog_parent_class)->finalize (object);
}

static void
medialib_sqlite_catalog_class_init (MedialibSqliteCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_sqlite_catalog_finalize;
}

static void
medialib_sqlite_catalog_init (MedialibSqliteCatalog *self)
{
  g_rec_mutex_init (&self->lock);
}

static void
catalog_iface_init (MedialibCatalogInterface *iface)
{
  _medialib_sqlite_catalog_init_reading (iface);
  _medialib_sqlite_catalog_init_writing (iface);
  _medialib_sqlite_catalog_init_collections (iface);
  _medialib_sqlite_catalog_init_phash (iface);
  _medialib_sqlite_catalog_init_versions (iface);
}

/**
 * medialib_sqlite_catalog_open:
 * @library_dir: the library's folder, which exists
 * @read_only: the folder cannot be written: open the database immutable, and refuse changes
 *   with %G_IO_ERROR_READ_ONLY
 * @blobs: where the assets' bytes are
 *
 * Opens @library_dir/library.db: creates (private to the user) or migrates it. A database
 * that is not one, or whose schema is damaged, fails with %MEDIALIB_STORE_ERROR_DAMAGED; one
 * written by a newer version with %G_IO_ERROR_NOT_SUPPORTED. Blocks.
 */
MedialibSqliteCatalog *
medialib_sqlite_catalog_open (const char         *library_dir,
                              gboolean            read_only,
                              MedialibBlobStore  *blobs,
                              GError            **error)
{
  g_autoptr(MedialibSqliteCatalog) self = NULL;
  int rc;

  g_return_val_if_fail (library_dir != NULL, NULL);
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (blobs), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_SQLITE_CATALOG, NULL);
  self->dir = g_strdup (library_dir);
  self->db_path = g_build_filename (library_dir, "library.db", NULL);
  self->read_only = read_only;
  self->blobs = g_object_ref (blobs);

  /* A library on a read-only disk (or in a folder we may not write) can still be looked at:
   * SQLite opens it as immutable, without its journal, and every change is refused with
   * a message that says why. */
  if (self->read_only)
    {
      g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->db_path, "-shm", NULL);
      g_autofree char *uri = g_filename_to_uri (self->db_path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      /* A journal left by a process that did not close the library holds committed changes:
       * SQLite reads it read-only when both its files are there; otherwise the file is all */
      if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (shm, G_FILE_TEST_EXISTS))
        rc = sqlite3_open_v2 (self->db_path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
      else
        rc = sqlite3_open_v2 (immutable, &self->db,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->db_path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The library database %s cannot be opened: %s"),
                   self->db_path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 10000);
  _medialib_sqlite_register_functions (self->db);
  if (!_medialib_sqlite_catalog_register_phash (self, error))
    return NULL;

  if ((!self->read_only && !_medialib_sqlite_catalog_exec (self, "PRAGMA journal_mode = WAL", error)) ||
      !_medialib_sqlite_catalog_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_medialib_sqlite_catalog_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (self, error))
    {
      int code = sqlite3_errcode (self->db);

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        {
          g_clear_error (error);
          set_damaged (error, self->db_path);
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* --- What only a local database does -------------------------------------------------------- */

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
  _medialib_sqlite_register_functions (db);

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
    set_damaged (error, what);

  return ok;
}

/**
 * medialib_sqlite_catalog_check:
 *
 * Reads the whole database (PRAGMA quick_check). Blocks.
 *
 * Returns: %FALSE with %MEDIALIB_STORE_ERROR_DAMAGED when it is damaged
 */
gboolean
medialib_sqlite_catalog_check (MedialibSqliteCatalog  *self,
                               GError                **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (MEDIALIB_IS_SQLITE_CATALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(db = open_connection (self->db_path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  ok = quick_check (db, self->db_path, error);
  sqlite3_close (db);

  return ok;
}

/**
 * medialib_sqlite_catalog_back_up_to:
 * @path: the backup to write (replaced if it exists)
 *
 * Writes a consistent copy of the database to @path with VACUUM INTO, through a partial file
 * of its own next to it (@path.partial-XXXXXX), private to the user. A damaged database is
 * not backed up: it would push a good backup out. Blocks.
 */
gboolean
medialib_sqlite_catalog_back_up_to (MedialibSqliteCatalog  *self,
                                    const char             *path,
                                    GError                **error)
{
  g_autofree char *tmp = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc, fd;

  g_return_val_if_fail (MEDIALIB_IS_SQLITE_CATALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(db = open_connection (self->db_path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  if (!quick_check (db, self->db_path, error))
    {
      sqlite3_close (db);
      return FALSE;
    }

  /* A partial file of its own: two backups made in the same second (the daily one and one
   * asked for, or the app's and the command line's) have the same @path */
  tmp = g_strdup_printf ("%s.partial-XXXXXX", path);
  if ((fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup %s could not be written: %s"), path, g_strerror (saved_errno));
      sqlite3_close (db);
      return FALSE;
    }
  close (fd);   /* VACUUM INTO writes into an empty file */

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
      return FALSE;
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
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_sqlite_check_backup:
 * @path: a backup of a library's database (or any Media Library database)
 *
 * Returns: whether @path is a sound Media Library database that this version can open;
 *   otherwise %FALSE with %G_IO_ERROR_NOT_FOUND or %MEDIALIB_STORE_ERROR_DAMAGED
 */
gboolean
medialib_sqlite_check_backup (const char  *path,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int version = -1;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The backup %s does not exist"), path);
      return FALSE;
    }
  if (!(db = open_connection (path, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  if (!quick_check (db, path, error))
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

  if (version < 1 || version > SCHEMA_VERSION)
    {
      g_set_error (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED,
                   _("%s is not a backup of a Media Library library that this version can open"),
                   path);
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_sqlite_content_hashes:
 * @db_path: a library's database
 *
 * The SHA-256 of every asset, read on a connection of its own.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of hashes
 */
GHashTable *
medialib_sqlite_content_hashes (const char  *db_path,
                                GError     **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(db = open_connection (db_path, SQLITE_OPEN_READONLY, error)))
    return NULL;

  /* The earlier versions' too; a backup from before versions has none */
  if (sqlite3_prepare_v2 (db, "SELECT sha256 FROM assets UNION SELECT sha256 FROM asset_versions", -1, &stmt, NULL) != SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT sha256 FROM assets", -1, &stmt, NULL) != SQLITE_OK)
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
