/* medialib-pg-catalog-versions.c — a team library's earlier contents of its assets
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
 * As in a local library (medialib-sqlite-catalog-versions.c): asset_versions keeps the
 * contents an asset had before its content was replaced, the asset's row its current one
 * with when and by whom it was put there (content_since, content_by). A replacement locks
 * the asset's row, so two members replacing one asset at once take turns, and the second
 * one is refused when the content it replaces is no longer there.
 */

/* The columns of a version, in the asset's row and in asset_versions alike */
#define VERSION_COLUMNS "mime, bytes, width, height, animated, sha256, palette, phash"

static MedialibVersion *
version_from_row (const PGresult *result,
                  int             row)
{
  MedialibVersion *version = g_new0 (MedialibVersion, 1);

  version->mime = g_strdup (_medialib_pg_get_text (result, row, 0));
  version->bytes = _medialib_pg_get_int (result, row, 1);
  version->width = (int) _medialib_pg_get_int (result, row, 2);
  version->height = (int) _medialib_pg_get_int (result, row, 3);
  version->animated = g_strcmp0 (_medialib_pg_get_text (result, row, 4), "t") == 0;
  version->sha256 = g_strdup (_medialib_pg_get_text (result, row, 5));
  version->palette = g_strdup (_medialib_pg_get_text (result, row, 6));
  version->has_phash = !PQgetisnull (result, row, 7);
  version->phash = (guint64) _medialib_pg_get_int (result, row, 7);
  version->since = _medialib_pg_get_int (result, row, 8);
  version->by = g_strdup (_medialib_pg_get_text (result, row, 9));

  return version;
}

static GPtrArray *
medialib_pg_catalog_list_versions (MedialibCatalog  *catalog,
                                   gint64            id,
                                   GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_version_free);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, id) };
  int n;

  /* The current content last, as the one row of the asset; one statement, one snapshot */
  result = medialib_pg_query (self->pg,
                              "SELECT * FROM ("
                              " SELECT " VERSION_COLUMNS ", since, made_by, id AS k, false AS current"
                              "  FROM asset_versions WHERE asset = $1::bigint"
                              " UNION ALL"
                              " SELECT " VERSION_COLUMNS ", coalesce (content_since, added),"
                              "  CASE WHEN content_since IS NULL THEN added_by ELSE content_by END, 0, true"
                              "  FROM assets WHERE id = $1::bigint) v"
                              " ORDER BY current, k",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  n = PQntuples (result);
  if (n == 0 || g_strcmp0 (PQgetvalue (result, n - 1, 11), "t") != 0)
    {
      _medialib_catalog_not_found (error, id);
      return NULL;
    }

  for (int i = 0; i < n; i++)
    {
      MedialibVersion *version = version_from_row (result, i);

      version->number = (guint) i + 1;
      version->current = i == n - 1;
      g_ptr_array_add (versions, version);
    }

  return g_steal_pointer (&versions);
}

typedef struct
{
  MedialibPgCatalog      *self;
  gint64                  id;
  const char             *expected;
  const MedialibNewAsset *content;
} ReplaceData;

static gboolean
replace_func (PGconn   *conn,
              gpointer  user_data,
              GError  **error)
{
  ReplaceData *data = user_data;
  const MedialibNewAsset *content = data->content;
  g_autoptr(PGresult) row = NULL;
  g_autoptr(PGresult) other = NULL;
  g_autoptr(PGresult) kept = NULL;
  g_autoptr(PGresult) updated = NULL;
  MedialibPgInt id_text, bytes_text, width_text, height_text, phash_text, now_text;
  const char *id_params[] = { _medialib_pg_int (&id_text, data->id) };
  const char *sha_params[] = { content->sha256, id_text.text };
  const char *params[] = {
    content->mime,
    _medialib_pg_int (&bytes_text, content->bytes),
    content->width > 0 ? _medialib_pg_int (&width_text, content->width) : NULL,
    content->width > 0 ? _medialib_pg_int (&height_text, content->height) : NULL,
    content->animated ? "true" : "false",
    content->sha256,
    content->palette,
    content->has_phash ? _medialib_pg_int (&phash_text, (gint64) content->phash) : NULL,
    _medialib_pg_int (&now_text, g_get_real_time () / G_USEC_PER_SEC),
    content->added_by,
    id_text.text,
  };

  row = medialib_pg_exec (conn, "SELECT sha256 FROM assets WHERE id = $1::bigint FOR UPDATE", 1, id_params,
                          _("The team library’s database could not be read"), error);
  if (row == NULL)
    return FALSE;
  if (PQntuples (row) == 0)
    {
      _medialib_catalog_not_found (error, data->id);
      return FALSE;
    }
  if (g_strcmp0 (PQgetvalue (row, 0, 0), data->expected) != 0)
    {
      _medialib_catalog_changed_meanwhile (error, data->id);
      return FALSE;
    }

  other = medialib_pg_exec (conn, "SELECT id FROM assets WHERE sha256 = $1", 1, sha_params,
                            _("The team library’s database could not be read"), error);
  if (other == NULL)
    return FALSE;
  if (PQntuples (other) > 0)
    {
      gint64 other_id = _medialib_pg_get_int (other, 0, 0);

      _medialib_catalog_content_taken (error, data->id, other_id);
      return FALSE;
    }

  kept = medialib_pg_exec (conn,
                           "INSERT INTO asset_versions (asset, " VERSION_COLUMNS ", since, made_by)"
                           " SELECT id, " VERSION_COLUMNS ", coalesce (content_since, added),"
                           " CASE WHEN content_since IS NULL THEN added_by ELSE content_by END"
                           " FROM assets WHERE id = $1::bigint",
                           1, id_params, _("The library database could not be updated"), error);
  if (kept == NULL)
    return FALSE;

  updated = medialib_pg_exec (conn,
                              "UPDATE assets SET mime = $1, bytes = $2::bigint, width = $3::integer,"
                              " height = $4::integer, animated = $5::boolean, sha256 = $6, palette = $7,"
                              " phash = $8::bigint, content_since = $9::bigint, content_by = $10,"
                              " address = coalesce (address, '=' || sha256)"
                              " WHERE id = $11::bigint",
                              G_N_ELEMENTS (params), params, _("The library database could not be updated"), error);

  return updated != NULL &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_ASSETS_CHANGED, &data->id, 1, error);
}

static gboolean
medialib_pg_catalog_replace_content (MedialibCatalog         *catalog,
                                     gint64                   id,
                                     const char              *expected,
                                     const MedialibNewAsset  *content,
                                     GError                 **error)
{
  ReplaceData data = { MEDIALIB_PG_CATALOG (catalog), id, expected, content };

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, replace_func, &data, error);
}

static gboolean
medialib_pg_catalog_set_crop_origin (MedialibCatalog  *catalog,
                                     gint64            id,
                                     const char       *parent_sha256,
                                     const char       *spec,
                                     GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { parent_sha256, spec, _medialib_pg_int (&id_text, id) };

  result = medialib_pg_query (self->pg, "UPDATE assets SET parent_sha256 = $1, crop_spec = $2 WHERE id = $3::bigint",
                              3, params, _("The library database could not be updated"), error);
  return result != NULL;
}

static gboolean
medialib_pg_catalog_get_crop_origin (MedialibCatalog  *catalog,
                                     gint64            id,
                                     char            **parent_sha256,
                                     char            **spec,
                                     GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, id) };

  result = medialib_pg_query (self->pg, "SELECT parent_sha256, crop_spec FROM assets WHERE id = $1::bigint",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      _medialib_catalog_not_found (error, id);
      return FALSE;
    }

  *parent_sha256 = g_strdup (_medialib_pg_get_text (result, 0, 0));
  *spec = g_strdup (_medialib_pg_get_text (result, 0, 1));
  return TRUE;
}

static GPtrArray *
medialib_pg_catalog_list_addresses (MedialibCatalog  *catalog,
                                    gint64            settled_before,
                                    GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt before_text;
  const char *params[] = { _medialib_pg_int (&before_text, settled_before) };
  int n;

  result = medialib_pg_query (self->pg, "SELECT coalesce (address, ''), sha256, mime FROM assets"
                                        " WHERE $1::bigint = 0 OR coalesce (content_since, added) < $1::bigint",
                              1, params, _("The team library’s database could not be read"), error);
  if (result == NULL)
    return NULL;

  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    {
      char **row = g_new0 (char *, 4);

      for (int column = 0; column < 3; column++)
        row[column] = g_strdup (_medialib_pg_get_text (result, i, column));
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

void
_medialib_pg_catalog_init_versions (MedialibCatalogInterface *iface)
{
  iface->list_versions = medialib_pg_catalog_list_versions;
  iface->replace_content = medialib_pg_catalog_replace_content;
  iface->set_crop_origin = medialib_pg_catalog_set_crop_origin;
  iface->get_crop_origin = medialib_pg_catalog_get_crop_origin;
  iface->list_addresses = medialib_pg_catalog_list_addresses;
}
