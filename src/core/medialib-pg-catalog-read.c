/* medialib-pg-catalog-read.c — reading a team library's catalog: assets, search, labels,
 * contents
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-private.h"
#include "medialib-label.h"
#include "medialib-palette.h"
#include "medialib-pg-catalog-private.h"
#include "medialib-preset.h"
#include "medialib-pg-words.h"

/*
 * Every read is one statement, outside any explicit transaction (medialib_pg_query()): a
 * statement sees one moment of the database, and that saves the round trips of BEGIN and
 * COMMIT.
 */

/* Names sort as in SQLite's NOCASE collation: ASCII letters folded, then bytes. The same
 * expression is in the index (assets_name, medialib-pg-catalog.c) and in the search's ORDER
 * BY, so that the index serves it. */
#define NAME_ORDER \
  "(translate (a.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\")"

static char **
split_labels (const char *text)
{
  G_STATIC_ASSERT (sizeof MEDIALIB_PG_SEP == 2);

  return _medialib_labels_split (text, MEDIALIB_PG_SEP[0]);
}

MedialibAsset *
_medialib_pg_catalog_asset_from_row (MedialibPgCatalog *self,
                                     const PGresult    *result,
                                     int                row)
{
  MedialibAssetKind kind = MEDIALIB_ASSET_KIND_IMAGE;
  MedialibAssetFields fields;

  /* The schema's CHECK allows only these two */
  if (!medialib_asset_kind_from_string (_medialib_pg_get_text (result, row, 2), &kind))
    g_warn_if_reached ();

  fields = (MedialibAssetFields) {
    .id = _medialib_pg_get_int (result, row, 0),
    .name = _medialib_pg_get_text (result, row, 1),
    .kind = kind,
    .mime = _medialib_pg_get_text (result, row, 3),
    .bytes = _medialib_pg_get_int (result, row, 4),
    .width = (int) _medialib_pg_get_int (result, row, 5),
    .height = (int) _medialib_pg_get_int (result, row, 6),
    .animated = g_strcmp0 (_medialib_pg_get_text (result, row, 7), "t") == 0,
    .sha256 = _medialib_pg_get_text (result, row, 8),
    .added = _medialib_pg_get_int (result, row, 9),
    .source = _medialib_pg_get_text (result, row, 10),
    .parent = _medialib_pg_get_int (result, row, 11),
    .tags = split_labels (_medialib_pg_get_text (result, row, 12)),
    .teams = split_labels (_medialib_pg_get_text (result, row, 13)),
    .blobs = self->blobs,
    .prompt = _medialib_pg_get_text (result, row, 14),
    .contact = _medialib_pg_get_text (result, row, 15),
    .added_by = _medialib_pg_get_text (result, row, 16),
    .has_phash = !PQgetisnull (result, row, 17),
    .phash = (guint64) _medialib_pg_get_int (result, row, 17),
    .palette = _medialib_pg_get_text (result, row, 18),
    .alt = _medialib_pg_get_text (result, row, 19),
    .address = _medialib_pg_get_text (result, row, 20),
  };

  return _medialib_asset_new (&fields);
}

static GPtrArray *
assets_from_result (MedialibPgCatalog *self,
                    const PGresult    *result)
{
  GPtrArray *assets = g_ptr_array_new_full (PQntuples (result), g_object_unref);

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (assets, _medialib_pg_catalog_asset_from_row (self, result, i));

  return assets;
}

static gint64
medialib_pg_catalog_count (MedialibCatalog  *catalog,
                           GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;

  result = medialib_pg_query (self->pg, "SELECT count(*) FROM assets", 0, NULL,
                              _("The team library’s database could not be read"), error);
  if (result == NULL)
    return -1;

  return _medialib_pg_get_int (result, 0, 0);
}

static MedialibAsset *
medialib_pg_catalog_get_asset (MedialibCatalog  *catalog,
                               gint64            id,
                               GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[1];

  params[0] = _medialib_pg_int (&id_text, id);
  result = medialib_pg_query (self->pg, "SELECT " MEDIALIB_PG_ASSET_COLUMNS " FROM assets a WHERE a.id = $1",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      _medialib_catalog_not_found (error, id);
      return NULL;
    }

  return _medialib_pg_catalog_asset_from_row (self, result, 0);
}

/* One statement for all of @ids */
static GPtrArray *
medialib_pg_catalog_get_assets (MedialibCatalog  *catalog,
                                const gint64     *ids,
                                guint             n_ids,
                                GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *array = NULL;
  const char *params[1];

  params[0] = array = _medialib_pg_ids_array (ids, n_ids);
  result = medialib_pg_query (self->pg,
                              "SELECT " MEDIALIB_PG_ASSET_COLUMNS
                              " FROM unnest ($1::bigint[]) WITH ORDINALITY AS w (id, n)"
                              " JOIN assets a ON a.id = w.id ORDER BY w.n",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  return assets_from_result (self, result);
}

/* The label's id first (its key is unique: one row or none, and then nothing matches), then
 * the assets that carry it: the planner reads the links' (label, asset) index for each label
 * and joins those lists before it reads any asset. With the label joined in a correlated
 * EXISTS instead, a tag and a team on a million assets made it read every asset that carries
 * the tag (50,000 rows) to keep 600: 0.5 s against 0.06 s (README, "Team library at scale"). */
static void
append_label_filter (GString           *sql,
                     GPtrArray         *params,
                     MedialibLabelKind  kind,
                     char             **names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_ptr_array_add (params, medialib_label_key (names[i]));
      g_string_append_printf (sql,
                              " AND a.id IN (SELECT x.asset FROM %s x"
                              " WHERE x.label = (SELECT l.id FROM %s l WHERE l.key = $%u))",
                              _medialib_pg_label_link_table (kind), _medialib_pg_label_table (kind),
                              params->len);
    }
}

/* The local library's search, with the same results in the same order for the same assets:
 * one statement, whatever the number of matches; with @columns %NULL, one row: how many
 * match (no order, no page). Its text is made of fixed pieces and
 * placeholders only; what was typed goes in the parameters. */
static PGresult *
run_search (MedialibPgCatalog    *self,
            const MedialibQuery  *query,
            const char           *columns,
            GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) similar_order = g_string_new (NULL);
  g_autofree char *words = NULL;
  GError *local_error = NULL;
  gboolean nothing = FALSE;

  g_string_printf (sql, "SELECT %s FROM assets a WHERE true", columns != NULL ? columns : "count(*)");
  words = medialib_pg_words_query (query->text, &nothing, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (nothing)
    g_string_append (sql, " AND false");
  else if (words != NULL)
    {
      g_ptr_array_add (params, g_steal_pointer (&words));
      g_string_append_printf (sql, " AND a.words @@ $%u::tsquery", params->len);
    }

  if (query->kind != MEDIALIB_ASSET_KIND_ANY)
    {
      g_ptr_array_add (params, g_strdup (medialib_asset_kind_to_string (query->kind)));
      g_string_append_printf (sql, " AND a.kind = $%u", params->len);
    }

  append_label_filter (sql, params, MEDIALIB_LABEL_TAG, query->tags);
  append_label_filter (sql, params, MEDIALIB_LABEL_TEAM, query->teams);

  /* The images that fit a channel preset as they are: numbers only, from the presets */
  if (query->fits != NULL)
    {
      g_autofree char *condition = medialib_preset_dup_fits_sql (query->fits, error);

      if (condition == NULL)
        return NULL;
      g_string_append_printf (sql, " AND (%s)", condition);
    }

  /* A colour search's prefilter: the palette's distance is measured by color_search_ids() */
  if (query->color != NULL)
    g_string_append (sql, " AND a.palette <> ''");
  if (query->source != NULL)
    {
      g_ptr_array_add (params, g_strdup (query->source));
      g_string_append_printf (sql, " AND a.source = $%u", params->len);
    }

  if (query->added_since != 0)
    {
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, query->added_since));
      g_string_append_printf (sql, " AND a.added >= $%u::bigint", params->len);
    }

  if (query->ids != NULL)
    {
      g_autoptr(GString) ids = g_string_new ("{");

      for (guint i = 0; i < query->ids->len; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (query->ids, gint64, i));
      g_string_append_c (ids, '}');
      g_ptr_array_add (params, g_string_free (g_steal_pointer (&ids), FALSE));
      g_string_append_printf (sql, " AND a.id = ANY($%u::bigint[])", params->len);
    }

  /* Similar images: nearest first, then in the sort order */
  _medialib_pg_append_similar (sql, similar_order, params, query);

  /* The same orders and tie-breaks as the local library */
  if (columns != NULL)
    {
      g_string_append_printf (sql, " ORDER BY %s", similar_order->str);
      switch (query->sort)
        {
        case MEDIALIB_SORT_NAME:
          g_string_append (sql, NAME_ORDER ", a.id");
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
        {
          /* NULL: no limit */
          g_ptr_array_add (params, query->limit > 0 ? g_strdup_printf ("%u", query->limit) : NULL);
          g_ptr_array_add (params, g_strdup_printf ("%u", query->offset));
          g_string_append_printf (sql, " LIMIT $%u::bigint OFFSET $%u::bigint", params->len - 1, params->len);
        }
    }

  return medialib_pg_query (self->pg, sql->str, (int) params->len, (const char * const *) params->pdata,
                            _("The library could not be searched"), error);
}

typedef struct
{
  gint64 id;
  double distance;
  guint  n;       /* in the sort asked for */
} ColorMatch;

static int
compare_matches (const void *a,
                 const void *b)
{
  const ColorMatch *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->n > y->n) - (x->n < y->n);
}

/* A colour search: the other filters in SQL, in the sort asked for, reading each match's
 * palette; the distances measured here (medialib_palette_distance(), the same as the local
 * library's SQL function), the nearest first, and then the page asked for. The palettes are
 * short texts (five colours): 100,000 of them are 3 MB. */
static GArray *
color_search_ids (MedialibPgCatalog    *self,
                  const MedialibQuery  *query,
                  GError              **error)
{
  g_autoptr(MedialibQuery) all = medialib_query_copy (query);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (ColorMatch));
  GArray *ids;
  MedialibLab target;
  guint8 red, green, blue;
  guint end;

  if (!medialib_color_parse (query->color, &red, &green, &blue))
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  medialib_srgb_to_lab (red, green, blue, &target);

  all->offset = 0;
  all->limit = 0;
  if (!(result = run_search (self, all, "a.id, a.palette", error)))
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      double distance = medialib_palette_distance (PQgetvalue (result, i, 1), &target);

      if (distance >= 0 && distance <= query->color_distance)
        {
          ColorMatch match = { _medialib_pg_get_int (result, i, 0), distance, (guint) i };

          g_array_append_val (matches, match);
        }
    }
  g_array_sort (matches, compare_matches);

  end = query->limit > 0 ? MIN (matches->len, query->offset + query->limit) : matches->len;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = query->offset; i < end; i++)
    g_array_append_val (ids, g_array_index (matches, ColorMatch, i).id);

  return ids;
}

static GPtrArray *
medialib_pg_catalog_get_assets (MedialibCatalog  *catalog,
                                const gint64     *ids,
                                guint             n_ids,
                                GError          **error);

static GPtrArray *
medialib_pg_catalog_search (MedialibCatalog      *catalog,
                            const MedialibQuery  *query,
                            GError              **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;

  if (query->color != NULL)
    {
      g_autoptr(GArray) ids = color_search_ids (self, query, error);

      if (ids == NULL)
        return NULL;
      return medialib_pg_catalog_get_assets (catalog, (const gint64 *) ids->data, ids->len, error);
    }

  if (!(result = run_search (self, query, MEDIALIB_PG_ASSET_COLUMNS, error)))
    return NULL;

  return assets_from_result (self, result);
}

/* The same statement, reading the ids only: 8 bytes a result instead of its whole row */
static GArray *
medialib_pg_catalog_search_ids (MedialibCatalog      *catalog,
                                const MedialibQuery  *query,
                                GError              **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  GArray *ids;
  int n;

  if (query->color != NULL)
    return color_search_ids (self, query, error);

  if (!(result = run_search (self, query, "a.id", error)))
    return NULL;

  n = PQntuples (result);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);
  for (int i = 0; i < n; i++)
    {
      gint64 id = _medialib_pg_get_int (result, i, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* How many match: counted by the server, whatever the page. A colour search measures its
 * distances here, so it counts the ids it keeps. */
static gint64
medialib_pg_catalog_count_matching (MedialibCatalog      *catalog,
                                    const MedialibQuery  *query,
                                    GError              **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;

  if (query->color != NULL)
    {
      g_autoptr(GArray) ids = color_search_ids (self, query, error);

      return ids != NULL ? (gint64) ids->len : -1;
    }

  if (!(result = run_search (self, query, NULL, error)))
    return -1;
  if (PQntuples (result) != 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The library could not be searched"));
      return -1;
    }

  return _medialib_pg_get_int (result, 0, 0);
}

/* Tags in use, or every team (a team exists before anything is assigned to it), by key */
static GPtrArray *
medialib_pg_catalog_list_labels (MedialibCatalog    *catalog,
                                 MedialibLabelKind   kind,
                                 GError            **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *sql = NULL;
  GPtrArray *labels;

  sql = g_strdup_printf ("SELECT l.name, count (x.asset) FROM %s l %s JOIN %s x ON x.label = l.id"
                         " GROUP BY l.id ORDER BY l.key",
                         _medialib_pg_label_table (kind), kind == MEDIALIB_LABEL_TAG ? "" : "LEFT",
                         _medialib_pg_label_link_table (kind));
  result = medialib_pg_query (self->pg, sql, 0, NULL, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_label_count_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      MedialibLabelCount *count = g_new0 (MedialibLabelCount, 1);

      count->name = g_strdup (PQgetvalue (result, i, 0));
      count->count = (guint) _medialib_pg_get_int (result, i, 1);
      g_ptr_array_add (labels, count);
    }

  return labels;
}

/* What a deletion asks before it removes a file, and an import before it adds one */
static gint64
medialib_pg_catalog_find_content (MedialibCatalog  *catalog,
                                  const char       *sha256,
                                  GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  const char *params[] = { sha256 };

  result = medialib_pg_query (self->pg, "SELECT id FROM assets WHERE sha256 = $1"
                              " UNION ALL SELECT asset FROM asset_versions WHERE sha256 = $1 LIMIT 1", 1, params,
                              _("The team library’s database could not be read"), error);
  if (result == NULL)
    return -1;

  return PQntuples (result) > 0 ? _medialib_pg_get_int (result, 0, 0) : 0;
}

/* What the sweep keeps. One statement on a connection of the pool: the catalog's other
 * calls go on meanwhile on the others (the server's MVCC lets them). */
static GHashTable *
medialib_pg_catalog_dup_content_hashes (MedialibCatalog  *catalog,
                                        GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  GHashTable *known;

  result = medialib_pg_query (self->pg, "SELECT sha256 FROM assets UNION SELECT sha256 FROM asset_versions", 0, NULL,
                              _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (known, g_strdup (PQgetvalue (result, i, 0)));

  return known;
}

/* Images first added before palettes, newest first */
static GPtrArray *
medialib_pg_catalog_list_missing_palettes (MedialibCatalog  *catalog,
                                           guint             limit,
                                           GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { limit_text };
  GPtrArray *hashes;

  result = medialib_pg_query (self->pg,
                              "SELECT sha256 FROM assets WHERE palette IS NULL AND kind = 'image'"
                              " ORDER BY added DESC, id DESC LIMIT $1::bigint",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  hashes = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (hashes, g_strdup (PQgetvalue (result, i, 0)));

  return hashes;
}

/* One statement, committed by itself: whichever member computes a palette first sets it,
 * and the same pixels give the same palette */
static gboolean
medialib_pg_catalog_set_palette (MedialibCatalog  *catalog,
                                 const char       *sha256,
                                 const char       *palette,
                                 GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  const char *params[] = { sha256, palette };

  result = medialib_pg_query (self->pg, "UPDATE assets SET palette = $2 WHERE sha256 = $1", 2, params,
                              _("The library database could not be updated"), error);

  return result != NULL;
}

void
_medialib_pg_catalog_init_reading (MedialibCatalogInterface *iface)
{
  iface->count = medialib_pg_catalog_count;
  iface->get_asset = medialib_pg_catalog_get_asset;
  iface->get_assets = medialib_pg_catalog_get_assets;
  iface->search = medialib_pg_catalog_search;
  iface->search_ids = medialib_pg_catalog_search_ids;
  iface->count_matching = medialib_pg_catalog_count_matching;
  iface->list_labels = medialib_pg_catalog_list_labels;
  iface->find_content = medialib_pg_catalog_find_content;
  iface->dup_content_hashes = medialib_pg_catalog_dup_content_hashes;
  iface->list_missing_palettes = medialib_pg_catalog_list_missing_palettes;
  iface->set_palette = medialib_pg_catalog_set_palette;
}
