/* medialib-pg-catalog-phash.c — perceptual hashes in a team library's catalog: the clause
 * of a similar search, listing and storing the hashes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-pg-catalog-private.h"

/*
 * As in a local library (medialib-sqlite-catalog-phash.c): assets.phash, a bigint holding
 * the hash's 64 bits, NULL for a contact card or until it is computed. The distance of two
 * hashes is bit_count() (PostgreSQL 14 and later) of their exclusive or, cast to bit(64).
 */

/* The clause of a similar search and what goes before its ORDER BY; the asset's id is a
 * parameter */
void
_medialib_pg_append_similar (GString             *where,
                             GString             *order,
                             GPtrArray           *params,
                             const MedialibQuery *query)
{
  g_autofree char *distance = NULL;
  guint id_param;

  if (query->similar_to <= 0)
    return;

  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, query->similar_to));
  id_param = params->len;
  distance = g_strdup_printf ("bit_count ((a.phash # (SELECT s.phash FROM assets s WHERE s.id = $%u::bigint))::bit(64))",
                              id_param);
  g_string_append_printf (where, " AND a.phash IS NOT NULL AND a.id <> $%u::bigint AND %s <= %u",
                          id_param, distance, query->max_distance);
  g_string_append_printf (order, "%s, ", distance);
}

static GArray *
medialib_pg_catalog_list_phashes (MedialibCatalog  *catalog,
                                  GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  GArray *entries;

  result = medialib_pg_query (self->pg, "SELECT id, phash FROM assets WHERE phash IS NOT NULL ORDER BY id", 0, NULL,
                              _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  entries = g_array_sized_new (FALSE, FALSE, sizeof (MedialibPhashEntry), PQntuples (result));
  for (int i = 0; i < PQntuples (result); i++)
    {
      MedialibPhashEntry entry = { _medialib_pg_get_int (result, i, 0), (guint64) _medialib_pg_get_int (result, i, 1) };

      g_array_append_val (entries, entry);
    }

  return entries;
}

static GArray *
medialib_pg_catalog_list_unhashed (MedialibCatalog  *catalog,
                                   gint64            after,
                                   guint             limit,
                                   GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt after_text, limit_text;
  const char *params[] = { _medialib_pg_int (&after_text, after), _medialib_pg_int (&limit_text, limit) };
  GArray *ids;

  result = medialib_pg_query (self->pg,
                              "SELECT id FROM assets WHERE phash IS NULL AND kind = 'image' AND id > $1::bigint"
                              " ORDER BY id LIMIT $2::bigint",
                              2, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PQntuples (result));
  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = _medialib_pg_get_int (result, i, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* One statement: all of them or none */
static gboolean
medialib_pg_catalog_set_phashes (MedialibCatalog           *catalog,
                                 const MedialibPhashEntry  *entries,
                                 guint                      n_entries,
                                 GError                   **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(GString) hashes = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  const char *params[2];

  if (n_entries == 0)
    return TRUE;

  for (guint i = 0; i < n_entries; i++)
    {
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", entries[i].id);
      g_string_append_printf (hashes, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", (gint64) entries[i].hash);
    }
  g_string_append_c (ids, '}');
  g_string_append_c (hashes, '}');
  params[0] = ids->str;
  params[1] = hashes->str;

  result = medialib_pg_query (self->pg,
                              "UPDATE assets a SET phash = v.hash"
                              " FROM unnest ($1::bigint[], $2::bigint[]) AS v (id, hash)"
                              " WHERE a.id = v.id AND a.kind = 'image'",
                              2, params, _("The library database could not be updated"), error);

  return result != NULL;
}

void
_medialib_pg_catalog_init_phash (MedialibCatalogInterface *iface)
{
  iface->list_phashes = medialib_pg_catalog_list_phashes;
  iface->list_unhashed = medialib_pg_catalog_list_unhashed;
  iface->set_phashes = medialib_pg_catalog_set_phashes;
}
