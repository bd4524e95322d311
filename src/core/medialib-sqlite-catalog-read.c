/* medialib-sqlite-catalog-read.c — reading library.db: assets, search, labels, generations
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sqlite-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-private.h"
#include "medialib-label.h"
#include "medialib-palette.h"
#include "medialib-preset.h"
#include "medialib-sqlite-catalog-private.h"

#define SEP MEDIALIB_SQLITE_SEP

#define ASSET_COLUMNS \
  "a.id, a.name, a.kind, a.mime, a.bytes, a.width, a.height, a.animated, a.sha256, " \
  "a.added, a.source, a.parent, a.tag_names, a.team_names, a.prompt, a.contact, a.added_by, a.phash, a.palette, " \
  "a.alt, a.address "

static char **
split_labels (const char *text)
{
  G_STATIC_ASSERT (sizeof SEP == 2);

  return _medialib_labels_split (text, SEP[0]);
}

static MedialibAsset *
asset_from_row (MedialibSqliteCatalog *self,
                sqlite3_stmt          *stmt)
{
  MedialibAssetKind kind = MEDIALIB_ASSET_KIND_IMAGE;
  MedialibAssetFields fields;

  /* The schema's CHECK allows only these two */
  if (!medialib_asset_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind))
    g_warn_if_reached ();

  fields = (MedialibAssetFields) {
    .id = sqlite3_column_int64 (stmt, 0),
    .name = (const char *) sqlite3_column_text (stmt, 1),
    .kind = kind,
    .mime = (const char *) sqlite3_column_text (stmt, 3),
    .bytes = sqlite3_column_int64 (stmt, 4),
    .width = sqlite3_column_int (stmt, 5),
    .height = sqlite3_column_int (stmt, 6),
    .animated = sqlite3_column_int (stmt, 7) != 0,
    .sha256 = (const char *) sqlite3_column_text (stmt, 8),
    .added = sqlite3_column_int64 (stmt, 9),
    .source = (const char *) sqlite3_column_text (stmt, 10),
    .parent = sqlite3_column_int64 (stmt, 11),
    .tags = split_labels ((const char *) sqlite3_column_text (stmt, 12)),
    .teams = split_labels ((const char *) sqlite3_column_text (stmt, 13)),
    .blobs = self->blobs,
    .prompt = (const char *) sqlite3_column_text (stmt, 14),
    .contact = (const char *) sqlite3_column_text (stmt, 15),
    .added_by = (const char *) sqlite3_column_text (stmt, 16),
    .has_phash = sqlite3_column_type (stmt, 17) == SQLITE_INTEGER,
    .phash = (guint64) sqlite3_column_int64 (stmt, 17),
    .palette = (const char *) sqlite3_column_text (stmt, 18),
    .alt = (const char *) sqlite3_column_text (stmt, 19),
    .address = (const char *) sqlite3_column_text (stmt, 20),
  };

  return _medialib_asset_new (&fields);
}

static gint64
medialib_sqlite_catalog_count (MedialibCatalog  *catalog,
                               GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "SELECT count(*) FROM assets", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static MedialibAsset *
medialib_sqlite_catalog_get_asset (MedialibCatalog  *catalog,
                                   gint64            id,
                                   GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT " ASSET_COLUMNS " FROM assets a WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return asset_from_row (self, stmt);

  if (rc == SQLITE_DONE)
    _medialib_catalog_not_found (error, id);
  else
    _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));

  return NULL;
}

/* One statement for all of @ids: a page of results is read at once. The ids go in the
 * statement as numbers, in a VALUES list that keeps their order. */
static GPtrArray *
medialib_sqlite_catalog_get_assets (MedialibCatalog  *catalog,
                                    const gint64     *ids,
                                    guint             n_ids,
                                    GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) assets = g_ptr_array_new_full (n_ids, g_object_unref);
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&assets);

  sql = g_string_new ("WITH w (n, id) AS (VALUES ");
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (sql, "%s(%u,%" G_GINT64_FORMAT ")", i > 0 ? "," : "", i, ids[i]);
  g_string_append (sql, ") SELECT " ASSET_COLUMNS " FROM w JOIN assets a ON a.id = w.id ORDER BY w.n");

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _medialib_sqlite_catalog_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assets, asset_from_row (self, stmt));

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&assets);
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
                              _medialib_sqlite_label_link_table (kind), _medialib_sqlite_label_table (kind));
      g_ptr_array_add (params, medialib_label_key (names[i]));
    }
}

/* The images that fit a channel preset as they are: numbers only, from the presets */
static gboolean
append_fits_filter (GString     *sql,
                    const char  *key,
                    GError     **error)
{
  g_autofree char *condition = medialib_preset_dup_fits_sql (key, error);

  if (condition == NULL)
    return FALSE;

  g_string_append_printf (sql, " AND (%s)", condition);
  return TRUE;
}

/* medialib_color_distance (palette, L, a, b): the ΔE2000 of the palette's colour nearest
 * to the CIELAB colour (L, a, b), or NULL when it has none */
static void
color_distance_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  MedialibLab target;
  double distance;

  g_assert (argc == 4);

  target = (MedialibLab) { sqlite3_value_double (argv[1]), sqlite3_value_double (argv[2]),
                           sqlite3_value_double (argv[3]) };
  distance = medialib_palette_distance ((const char *) sqlite3_value_text (argv[0]), &target);
  if (distance < 0)
    sqlite3_result_null (context);
  else
    sqlite3_result_double (context, distance);
}

void
_medialib_sqlite_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "medialib_color_distance", 4,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, color_distance_func, NULL, NULL);
}

/* A colour search: the assets with a palette colour within the distance, the nearest
 * first (the sort asked for breaks ties). The numbers are written in the statement, in the
 * C locale: SQLite compares a number and a text parameter as texts. */
static void
append_color_filter (GString             *sql,
                     const MedialibQuery *query)
{
  guint8 red, green, blue;
  MedialibLab lab;
  char l_text[G_ASCII_DTOSTR_BUF_SIZE], a_text[G_ASCII_DTOSTR_BUF_SIZE];
  char b_text[G_ASCII_DTOSTR_BUF_SIZE], d_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (query->color == NULL || !medialib_color_parse (query->color, &red, &green, &blue))
    return;

  medialib_srgb_to_lab (red, green, blue, &lab);
  g_string_append_printf (sql, " AND medialib_color_distance (a.palette, %s, %s, %s) <= %s",
                          g_ascii_dtostr (l_text, sizeof l_text, lab.L),
                          g_ascii_dtostr (a_text, sizeof a_text, lab.a),
                          g_ascii_dtostr (b_text, sizeof b_text, lab.b),
                          g_ascii_dtostr (d_text, sizeof d_text, query->color_distance));
}

/* The colour search's order before the one asked for */
static void
append_color_order (GString             *sql,
                    const MedialibQuery *query)
{
  guint8 red, green, blue;
  MedialibLab lab;
  char l_text[G_ASCII_DTOSTR_BUF_SIZE], a_text[G_ASCII_DTOSTR_BUF_SIZE];
  char b_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (query->color == NULL || !medialib_color_parse (query->color, &red, &green, &blue))
    return;

  medialib_srgb_to_lab (red, green, blue, &lab);
  g_string_append_printf (sql, " medialib_color_distance (a.palette, %s, %s, %s),",
                          g_ascii_dtostr (l_text, sizeof l_text, lab.L),
                          g_ascii_dtostr (a_text, sizeof a_text, lab.a),
                          g_ascii_dtostr (b_text, sizeof b_text, lab.b));
}

/* The statement of @query's search, reading @columns; with @columns %NULL, one row: how
 * many assets match (no order, no page) */
static sqlite3_stmt *
prepare_search (MedialibSqliteCatalog  *self,
                const MedialibQuery    *query,
                const char             *columns,
                GError                **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) similar_order = g_string_new (NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_string_printf (sql, "SELECT %s FROM assets a WHERE 1", columns != NULL ? columns : "count(*)");

  match = medialib_query_to_fts_match (query->text);
  if (match != NULL)
    {
      g_string_append (sql, " AND a.id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)");
      g_ptr_array_add (params, g_strdup (match));
    }

  if (query->kind != MEDIALIB_ASSET_KIND_ANY)
    {
      g_string_append (sql, " AND a.kind = ?");
      g_ptr_array_add (params, g_strdup (medialib_asset_kind_to_string (query->kind)));
    }

  append_label_filter (sql, params, MEDIALIB_LABEL_TAG, query->tags);
  append_label_filter (sql, params, MEDIALIB_LABEL_TEAM, query->teams);

  if (query->fits != NULL && !append_fits_filter (sql, query->fits, error))
    return NULL;
  if (query->source != NULL)
    {
      g_string_append (sql, " AND a.source = ?");
      g_ptr_array_add (params, g_strdup (query->source));
    }

  /* Numbers, written in the statement: nothing typed */
  if (query->added_since != 0)
    g_string_append_printf (sql, " AND a.added >= %" G_GINT64_FORMAT, query->added_since);

  if (query->ids != NULL)
    {
      g_string_append (sql, " AND a.id IN (");
      for (guint i = 0; i < query->ids->len; i++)
        g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (query->ids, gint64, i));
      g_string_append (sql, query->ids->len > 0 ? ")" : "NULL)");
    }

  append_color_filter (sql, query);

  /* Similar images: nearest first, then in the sort order */
  _medialib_sqlite_append_similar (sql, similar_order, query);
  /* and the colour search's nearest */
  append_color_order (similar_order, query);

  if (columns != NULL)
    {
      g_string_append_printf (sql, " ORDER BY %s", similar_order->str);
      switch (query->sort)
        {
        case MEDIALIB_SORT_NAME:
          g_string_append (sql, "a.name COLLATE NOCASE, a.id");
          break;
        case MEDIALIB_SORT_SIZE:
          g_string_append (sql, "a.bytes DESC, a.id DESC");
          break;
        case MEDIALIB_SORT_ADDED:
        default:
          g_string_append (sql, "a.added DESC, a.id DESC");
          break;
        }

      if (query->limit > 0 || query->offset > 0)
        g_string_append_printf (sql, " LIMIT %d OFFSET %u", query->limit > 0 ? (int) query->limit : -1, query->offset);
    }

  stmt = _medialib_sqlite_catalog_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  /* Copies: the parameters go with this function */
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);

  return stmt;
}

/* One query, however many assets match: no per-row queries. */
static GPtrArray *
medialib_sqlite_catalog_search (MedialibCatalog      *catalog,
                                const MedialibQuery  *query,
                                GError              **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_search (self, query, ASSET_COLUMNS, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assets, asset_from_row (self, stmt));

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library could not be searched"));
      return NULL;
    }

  return g_steal_pointer (&assets);
}

/* The same statement, reading the ids only */
static GArray *
medialib_sqlite_catalog_search_ids (MedialibCatalog      *catalog,
                                    const MedialibQuery  *query,
                                    GError              **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_search (self, query, "a.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library could not be searched"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* How many match: counted in the database, whatever the page */
static gint64
medialib_sqlite_catalog_count_matching (MedialibCatalog      *catalog,
                                        const MedialibQuery  *query,
                                        GError              **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare_search (self, query, NULL, error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library could not be searched"));
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Tags in use, or every team (a team exists before anything is assigned to it), by name */
static GPtrArray *
medialib_sqlite_catalog_list_labels (MedialibCatalog    *catalog,
                                     MedialibLabelKind   kind,
                                     GError            **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_label_count_free);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT l.name, (SELECT count(*) FROM %s x WHERE x.label = l.id) AS n"
                         " FROM %s l %s ORDER BY l.key",
                         _medialib_sqlite_label_link_table (kind), _medialib_sqlite_label_table (kind),
                         kind == MEDIALIB_LABEL_TAG ? "WHERE n > 0" : "");
  stmt = _medialib_sqlite_catalog_prepare (self, sql, error);
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
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&labels);
}

static gint64
medialib_sqlite_catalog_find_content (MedialibCatalog  *catalog,
                                      const char       *sha256,
                                      GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _medialib_sqlite_catalog_prepare (self, "SELECT id FROM assets WHERE sha256 = ?1"
                                                                    " UNION ALL SELECT asset FROM asset_versions WHERE sha256 = ?1 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
  return -1;
}

static GHashTable *
medialib_sqlite_catalog_dup_content_hashes (MedialibCatalog  *catalog,
                                            GError          **error)
{
  return medialib_sqlite_content_hashes (MEDIALIB_SQLITE_CATALOG (catalog)->db_path, error);
}

/* Images first added before palettes, newest first */
static GPtrArray *
medialib_sqlite_catalog_list_missing_palettes (MedialibCatalog  *catalog,
                                               guint             limit,
                                               GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT sha256 FROM assets WHERE palette IS NULL"
                                                 " AND kind = 'image' ORDER BY added DESC, id DESC LIMIT ?",
                                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, (int) MIN (limit, (guint) G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (hashes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));
      return NULL;
    }

  return g_steal_pointer (&hashes);
}

static gboolean
medialib_sqlite_catalog_set_palette (MedialibCatalog  *catalog,
                                     const char       *sha256,
                                     const char       *palette,
                                     GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->read_only)
    {
      _medialib_catalog_read_only (error, self->dir);
      return FALSE;
    }

  stmt = _medialib_sqlite_catalog_prepare (self, "UPDATE assets SET palette = ? WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, palette, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be updated"));

  return TRUE;
}

/* --- Generations ----------------------------------------------------------------------------- */

#define GENERATION_COLUMNS "id, prompt, model, created, variants"

static MedialibGeneration *
generation_from_row (sqlite3_stmt *stmt)
{
  MedialibGeneration *generation = g_new0 (MedialibGeneration, 1);

  generation->id = sqlite3_column_int64 (stmt, 0);
  generation->prompt = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  generation->model = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  generation->created = sqlite3_column_int64 (stmt, 3);
  generation->variants = (guint) sqlite3_column_int (stmt, 4);

  return generation;
}

static GPtrArray *
medialib_sqlite_catalog_list_generations (MedialibCatalog  *catalog,
                                          guint             limit,
                                          GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_generation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _medialib_sqlite_catalog_prepare (self,
                                           "SELECT " GENERATION_COLUMNS " FROM generations"
                                           " ORDER BY created DESC, id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, (int) MIN (limit, (guint) G_MAXINT));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, generation_from_row (stmt));

  return g_steal_pointer (&list);
}

static MedialibGeneration *
medialib_sqlite_catalog_get_generation (MedialibCatalog  *catalog,
                                        gint64            id,
                                        GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT " GENERATION_COLUMNS " FROM generations WHERE id = ?",
                                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no generation %s"), number);
      return NULL;
    }

  return generation_from_row (stmt);
}

/* Locally, today's count is the generations recorded since @since */
static gboolean
medialib_sqlite_catalog_count_generations (MedialibCatalog  *catalog,
                                           gint64            since,
                                           guint            *count,
                                           GError          **error)
{
  MedialibSqliteCatalog *self = MEDIALIB_SQLITE_CATALOG (catalog);
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _medialib_sqlite_catalog_prepare (self, "SELECT count(*) FROM generations WHERE created >= ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, since);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _medialib_sqlite_catalog_error (self, error, _("The library database could not be read"));

  *count = (guint) sqlite3_column_int (stmt, 0);
  return TRUE;
}

void
_medialib_sqlite_catalog_init_reading (MedialibCatalogInterface *iface)
{
  iface->count = medialib_sqlite_catalog_count;
  iface->get_asset = medialib_sqlite_catalog_get_asset;
  iface->get_assets = medialib_sqlite_catalog_get_assets;
  iface->search = medialib_sqlite_catalog_search;
  iface->search_ids = medialib_sqlite_catalog_search_ids;
  iface->count_matching = medialib_sqlite_catalog_count_matching;
  iface->list_labels = medialib_sqlite_catalog_list_labels;
  iface->find_content = medialib_sqlite_catalog_find_content;
  iface->dup_content_hashes = medialib_sqlite_catalog_dup_content_hashes;
  iface->list_missing_palettes = medialib_sqlite_catalog_list_missing_palettes;
  iface->set_palette = medialib_sqlite_catalog_set_palette;
  iface->list_generations = medialib_sqlite_catalog_list_generations;
  iface->get_generation = medialib_sqlite_catalog_get_generation;
  iface->count_generations = medialib_sqlite_catalog_count_generations;
}
