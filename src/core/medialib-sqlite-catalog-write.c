/* medialib-sqlite-catalog-write.c — changing library.db: assets, tags and teams, edits,
 * deletions, generations
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sqlite-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-sqlite-catalog-private.h"

/* --- Labels and the search index -------------------------------------------------------------- */

/* The id of a label, made when missing (the first spelling is kept), or 0 on error. */
static gint64
ensure_label (MedialibSqliteCatalog  *self,
              MedialibLabelKind       kind,
              const char             *text,
              GError                **error)
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
                         _medialib_sqlite_label_table (kind));
  stmt = _medialib_sqlite_catalog_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* An asset's row keeps its tag and team names, sorted by key, joined by MEDIALIB_SQLITE_SEP */
#define UPDATE_NAMES_SQL \
  "UPDATE assets SET" \
  " tag_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_tags x" \
  "   JOIN tags l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), '')," \
  " team_names = coalesce ((SELECT group_concat (name, char (31)) FROM (SELECT l.name FROM asset_teams x" \
  "   JOIN teams l ON l.id = x.label WHERE x.asset = ?1 ORDER BY l.key)), '')" \
  " WHERE id = ?1"

/* Its search words: the name, a contact's words and the alt text, the tags, the teams */
#define INSERT_FTS_SQL \
  "INSERT INTO assets_fts (rowid, name, tags, teams)" \
  " SELECT id, name || ' ' || search_extra || ' ' || coalesce (alt, ''), replace (tag_names, char (31), ' ')," \
  " replace (team_names, char (31), ' ') FROM assets WHERE id = ?"

/* The search index and the names kept on the asset row follow its name, tags and teams. */
static gboolean
update_fts (MedialibSqliteCatalog  *self,
            gint64                  id,
            GError                **error)
{
  g_autoptr(sqlite3_stmt) names = _medialib_sqlite_catalog_prepare (self, UPDATE_NAMES_SQL, error);
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (names == NULL ||
      !(del = _medialib_sqlite_catalog_prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (names, 1, id);
  if (sqlite3_step (names) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The library's search index could not be updated"));

  sqlite3_bind_int64 (del, 1, id);
  if (sqlite3_step (del) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The library's search index could not be updated"));

  if (!(ins = _medialib_sqlite_catalog_prepare (self, INSERT_FTS_SQL, error)))
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The library's search index could not be updated"));

  return TRUE;
}

static gboolean
link_labels (MedialibSqliteCatalog  *self,
             gint64                  id,
             MedialibLabelKind       kind,
             const char * const     *names,
             gboolean                add,
             GError                **error)
{
  g_autofree char *sql = NULL;

  if (names == NULL)
    return TRUE;

  if (add)
    sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (asset, label) VALUES (?, ?)",
                           _medialib_sqlite_label_link_table (kind));
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE asset = ?1 AND label = (SELECT id FROM %s WHERE key = ?2)",
                           _medialib_sqlite_label_link_table (kind), _medialib_sqlite_label_table (kind));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, sql, error);

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
        return _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
    }

  return TRUE;
}

/* Tags are labels in use: one that no asset carries any more goes away. Teams stay. */
static gboolean
drop_unused_tags (MedialibSqliteCatalog  *self,
                  GError                **error)
{
  return _medialib_sqlite_catalog_exec (self, "DELETE FROM tags WHERE id NOT IN (SELECT label FROM asset_tags)", error);
}

/* The ids of the assets that carry a label, or NULL on error */
static GArray *
label_assets (MedialibSqliteCatalog  *self,
              MedialibLabelKind       kind,
              gint64                  label,
              GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = ?", _medialib_sqlite_label_link_table (kind));
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, label);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

static gboolean
reindex (MedialibSqliteCatalog  *self,
         GArray                 *ids,
         GError                **error)
{
  for (guint i = 0; i < ids->len; i++)
    if (!update_fts (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gint64
find_label (MedialibSqliteCatalog  *self,
            MedialibLabelKind       kind,
            const char             *text,
            GError                **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (name == NULL)
    return 0;

  key = medialib_label_key (name);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE key = ?", _medialib_sqlite_label_table (kind));
  stmt = _medialib_sqlite_catalog_prepare (self, sql, error);
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

/* --- Assets ---------------------------------------------------------------------------------- */

#define INSERT_ASSET_SQL \
  "INSERT INTO assets (name, kind, mime, bytes, width, height, animated," \
  " sha256, added, source, parent, contact, search_extra, added_by, phash, palette)" \
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* One asset of a batch, in the batch's transaction */
static gboolean
add_asset (MedialibSqliteCatalog   *self,
           const MedialibNewAsset  *asset,
           MedialibAddedAsset      *added,
           GError                 **error)
{
  g_autoptr(sqlite3_stmt) find = _medialib_sqlite_catalog_prepare (self, "SELECT id, name FROM assets WHERE sha256 = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (find == NULL)
    return FALSE;

  sqlite3_bind_text (find, 1, asset->sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      added->id = sqlite3_column_int64 (find, 0);
      added->duplicate = TRUE;
      added->name = g_strdup ((const char *) sqlite3_column_text (find, 1));
    }
  else
    {
      ins = _medialib_sqlite_catalog_prepare (self, INSERT_ASSET_SQL, error);
      if (ins == NULL)
        return FALSE;

      sqlite3_bind_text (ins, 1, asset->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, medialib_asset_kind_to_string (asset->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 3, asset->mime, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, asset->bytes);
      if (asset->width > 0 && asset->height > 0)
        {
          sqlite3_bind_int (ins, 5, asset->width);
          sqlite3_bind_int (ins, 6, asset->height);
        }
      sqlite3_bind_int (ins, 7, asset->animated ? 1 : 0);
      sqlite3_bind_text (ins, 8, asset->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 9, asset->added > 0 ? asset->added : g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (ins, 10, asset->source, -1, SQLITE_STATIC);
      if (asset->parent > 0)
        sqlite3_bind_int64 (ins, 11, asset->parent);
      if (asset->contact != NULL)
        sqlite3_bind_text (ins, 12, asset->contact, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 13, asset->search_extra ? asset->search_extra : "", -1, SQLITE_STATIC);
      if (asset->added_by != NULL)
        sqlite3_bind_text (ins, 14, asset->added_by, -1, SQLITE_STATIC);
      if (asset->has_phash && asset->kind == MEDIALIB_ASSET_KIND_IMAGE)
        sqlite3_bind_int64 (ins, 15, (gint64) asset->phash);
      if (asset->palette != NULL)
        sqlite3_bind_text (ins, 16, asset->palette, -1, SQLITE_STATIC);

      if (sqlite3_step (ins) != SQLITE_DONE)
        return _medialib_sqlite_catalog_error (self, error, _("The asset could not be added to the library database"));

      added->id = sqlite3_last_insert_rowid (self->db);
      added->duplicate = FALSE;
      added->name = g_strdup (asset->name);
    }

  if (!link_labels (self, added->id, MEDIALIB_LABEL_TAG, asset->tags, TRUE, error) ||
      !link_labels (self, added->id, MEDIALIB_LABEL_TEAM, asset->teams, TRUE, error))
    return FALSE;

  return update_fts (self, added->id, error);
}

static gboolean
medialib_sqlite_catalog_add_assets (MedialibCatalog         *catalog,
                                    const MedialibNewAsset  *assets,
                                    guint                    n_assets,
                                    MedialibAddedAsset      *added,
                                    GError                 **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autofree MedialibAddedAsset *made = g_new0 (MedialibAddedAsset, MAX (n_assets, 1));
  guint i;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  for (i = 0; i < n_assets; i++)
    if (!add_asset (self, &assets[i], &made[i], error))
      goto fail;

  if (!_medialib_sqlite_catalog_commit (self, error))
    goto clear;

  if (n_assets > 0)
    memcpy (added, made, n_assets * sizeof *made);
  return TRUE;

fail:
  _medialib_sqlite_catalog_rollback (self);
clear:
  for (guint j = 0; j < n_assets; j++)
    medialib_added_asset_clear (&made[j]);
  return FALSE;
}

static gboolean
asset_exists (MedialibSqliteCatalog  *self,
              gint64                  id,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "SELECT 1 FROM assets WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  _medialib_catalog_not_found (error, id);
  return FALSE;
}

/* "" clears it */
static gboolean
set_alt (MedialibSqliteCatalog  *self,
         gint64                  id,
         const char             *alt,
         GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET alt = nullif (?, '') WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alt, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The alt text could not be saved"));

  return TRUE;
}

static gboolean
medialib_sqlite_catalog_edit (MedialibCatalog     *catalog,
                              gint64               id,
                              const MedialibEdit  *edit,
                              GError             **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  if (!asset_exists (self, id, error))
    goto fail;

  if (edit->rename != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET name = ? WHERE id = ?", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, edit->rename, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_sqlite_catalog_error (self, error, _("The asset could not be renamed"));
          goto fail;
        }
    }

  if (edit->alt != NULL && !set_alt (self, id, edit->alt, error))
    goto fail;

  if (!link_labels (self, id, MEDIALIB_LABEL_TAG, edit->remove_tags, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->remove_teams, FALSE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TAG, edit->add_tags, TRUE, error) ||
      !link_labels (self, id, MEDIALIB_LABEL_TEAM, edit->add_teams, TRUE, error) ||
      !drop_unused_tags (self, error) ||
      !update_fts (self, id, error))
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

/* --- Tags and teams -------------------------------------------------------------------------- */

static gboolean
medialib_sqlite_catalog_create_label (MedialibCatalog    *catalog,
                                      MedialibLabelKind   kind,
                                      const char         *name,
                                      GError            **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  if (ensure_label (self, kind, name, error) == 0)
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

/* Renames a tag or team everywhere. Renaming onto another existing label merges the two. */
static gboolean
medialib_sqlite_catalog_rename_label (MedialibCatalog    *catalog,
                                      MedialibLabelKind   kind,
                                      const char         *name,
                                      const char         *new_name,
                                      GError            **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autofree char *normalized = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 label, other;

  if ((normalized = medialib_label_normalize (kind, new_name, error)) == NULL)
    return FALSE;
  key = medialib_label_key (normalized);

  if (!_medialib_sqlite_catalog_begin (self, error))
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
                             _medialib_sqlite_label_link_table (kind), _medialib_sqlite_label_link_table (kind));
      if (!(move = _medialib_sqlite_catalog_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (move, 1, label);
      sqlite3_bind_int64 (move, 2, other);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", _medialib_sqlite_label_table (kind));
      if (!(drop = _medialib_sqlite_catalog_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_int64 (drop, 1, label);
      if (sqlite3_step (move) != SQLITE_DONE || sqlite3_step (drop) != SQLITE_DONE)
        {
          _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
      label = other;
    }
  else
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      sql = g_strdup_printf ("UPDATE %s SET name = ?, key = ? WHERE id = ?", _medialib_sqlite_label_table (kind));
      if (!(stmt = _medialib_sqlite_catalog_prepare (self, sql, error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, label);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
          goto fail;
        }
    }

  if (!(ids = label_assets (self, kind, label, error)) || !reindex (self, ids, error))
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

static gboolean
medialib_sqlite_catalog_delete_label (MedialibCatalog    *catalog,
                                      MedialibLabelKind   kind,
                                      const char         *name,
                                      GError            **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autofree char *sql = NULL;
  gint64 label;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  if ((label = find_label (self, kind, name, error)) == 0 ||
      !(ids = label_assets (self, kind, label, error)))
    goto fail;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", _medialib_sqlite_label_table (kind));
  if (!(drop = _medialib_sqlite_catalog_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (drop, 1, label);
  if (sqlite3_step (drop) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));
      goto fail;
    }

  if (!reindex (self, ids, error))
    goto fail;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

/* --- Deletion ------------------------------------------------------------------------------ */

static MedialibAsset *
medialib_sqlite_catalog_delete_asset (MedialibCatalog  *catalog,
                                      gint64            id,
                                      GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return NULL;

  if (!(asset = medialib_catalog_get_asset (catalog, id, error)))
    goto fail;

  if (!(stmt = _medialib_sqlite_catalog_prepare (self, "DELETE FROM assets WHERE id = ?", error)) ||
      !(fts = _medialib_sqlite_catalog_prepare (self, "DELETE FROM assets_fts WHERE rowid = ?", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (fts, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_step (fts) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The asset could not be deleted"));
      goto fail;
    }

  if (!drop_unused_tags (self, error))
    goto fail;

  if (!_medialib_sqlite_catalog_commit (self, error))
    return NULL;

  return g_steal_pointer (&asset);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return NULL;
}

/* --- Generations and the daily quota --------------------------------------------------------- */

static gboolean
medialib_sqlite_catalog_set_prompt (MedialibCatalog  *catalog,
                                    gint64            id,
                                    const char       *prompt,
                                    GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET prompt = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, prompt, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));

  return TRUE;
}

static gint64
medialib_sqlite_catalog_record_generation (MedialibCatalog  *catalog,
                                           const char       *prompt,
                                           const char       *model,
                                           guint             variants,
                                           GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return 0;

  stmt = _medialib_sqlite_catalog_prepare (self, "INSERT INTO generations (prompt, model, created, variants) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, prompt, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, model, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (stmt, 4, (int) variants);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The generation could not be recorded"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);

  return _medialib_sqlite_catalog_commit (self, error) ? id : 0;

fail:
  _medialib_sqlite_catalog_rollback (self);
  return 0;
}

/* See medialib_catalog_copy_generation(): a local library counts its rows for the quota, so
 * a copy of today's generation counts here; push only copies to a team library */
static gboolean
medialib_sqlite_catalog_copy_generation (MedialibCatalog           *catalog,
                                         const MedialibGeneration  *generation,
                                         guint                      nth,
                                         gboolean                  *copied,
                                         GError                   **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_medialib_sqlite_catalog_begin (self, error))
    return FALSE;

  stmt = _medialib_sqlite_catalog_prepare (self,
                                           "INSERT INTO generations (prompt, model, created, variants)"
                                           " SELECT ?1, ?2, ?3, ?4"
                                           " WHERE (SELECT count(*) FROM generations WHERE prompt = ?1 AND model = ?2"
                                           "        AND created = ?3 AND variants = ?4) < ?5", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, generation->prompt, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, generation->model, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, generation->created);
  sqlite3_bind_int (stmt, 4, (int) generation->variants);
  sqlite3_bind_int64 (stmt, 5, nth);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The generation could not be recorded"));
      goto fail;
    }
  *copied = sqlite3_changes (self->db) > 0;

  return _medialib_sqlite_catalog_commit (self, error);

fail:
  _medialib_sqlite_catalog_rollback (self);
  return FALSE;
}

/* A local library counts the generations it recorded: a slot is free while today's count is
 * below the limit. Nothing is held, so there is nothing to give back. */
static gboolean
medialib_sqlite_catalog_reserve_generation (MedialibCatalog  *catalog,
                                            gint64            since,
                                            guint             limit,
                                            gboolean         *reserved,
                                            guint            *used,
                                            GError          **error)
{
  if (!medialib_catalog_count_generations (catalog, since, used, error))
    return FALSE;

  *reserved = limit == 0 || *used < limit;
  return TRUE;
}

static void
medialib_sqlite_catalog_release_generation (MedialibCatalog *catalog,
                                            gint64           since)
{
}

/* For medialib-sqlite-catalog-labels.c, inside its transaction */
gint64
_medialib_sqlite_catalog_ensure_label (MedialibSqliteCatalog  *self,
                                       MedialibLabelKind       kind,
                                       const char             *name,
                                       GError                **error)
{
  return ensure_label (self, kind, name, error);
}

gboolean
_medialib_sqlite_catalog_reindex (MedialibSqliteCatalog  *self,
                                  GArray                 *ids,
                                  GError                **error)
{
  return reindex (self, ids, error) && drop_unused_tags (self, error);
}

void
_medialib_sqlite_catalog_init_writing (MedialibCatalogInterface *iface)
{
  iface->change_labels = _medialib_sqlite_catalog_change_labels;
  iface->add_assets = medialib_sqlite_catalog_add_assets;
  iface->edit = medialib_sqlite_catalog_edit;
  iface->delete_asset = medialib_sqlite_catalog_delete_asset;
  iface->set_prompt = medialib_sqlite_catalog_set_prompt;
  iface->create_label = medialib_sqlite_catalog_create_label;
  iface->rename_label = medialib_sqlite_catalog_rename_label;
  iface->delete_label = medialib_sqlite_catalog_delete_label;
  iface->reserve_generation = medialib_sqlite_catalog_reserve_generation;
  iface->release_generation = medialib_sqlite_catalog_release_generation;
  iface->record_generation = medialib_sqlite_catalog_record_generation;
  iface->copy_generation = medialib_sqlite_catalog_copy_generation;
}
