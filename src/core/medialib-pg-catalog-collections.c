/* medialib-pg-catalog-collections.c — a team library's saved collections, shared by the team
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-catalog.h"
#include "medialib-collection.h"
#include "medialib-pg-catalog-private.h"

/* Every member sees the same collections; a save or a deletion notifies the others
 * (MEDIALIB_CHANGE_COLLECTIONS) in its own transaction, like the assets' changes. */

static GPtrArray *
medialib_pg_catalog_list_collections (MedialibCatalog  *catalog,
                                      GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_collection_free);
  g_autoptr(PGresult) result = NULL;

  result = medialib_pg_query (self->pg, "SELECT name, filters FROM collections ORDER BY key COLLATE \"C\"", 0, NULL,
                              _("The library database could not be read"), error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (collections, medialib_collection_new (PQgetvalue (result, i, 0), PQgetvalue (result, i, 1)));

  return g_steal_pointer (&collections);
}

typedef struct
{
  MedialibPgCatalog *self;
  const char        *name;
  const char        *key;
  const char        *filters;
  gboolean           deleted;
} CollectionData;

static gboolean
save_collection_func (PGconn   *conn,
                      gpointer  user_data,
                      GError  **error)
{
  CollectionData *data = user_data;
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt saved;
  const char *params[] = { data->name, data->key, data->filters,
                           _medialib_pg_int (&saved, g_get_real_time () / G_USEC_PER_SEC) };

  result = medialib_pg_exec (conn,
                             "INSERT INTO collections (name, key, filters, saved) VALUES ($1, $2, $3, $4::bigint)"
                             " ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
                             " filters = excluded.filters, saved = excluded.saved",
                             G_N_ELEMENTS (params), params, _("The collection could not be saved"), error);

  return result != NULL &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_COLLECTIONS, NULL, 0, error);
}

static gboolean
medialib_pg_catalog_save_collection (MedialibCatalog  *catalog,
                                     const char       *name,
                                     const char       *key,
                                     const char       *filters,
                                     GError          **error)
{
  CollectionData data = { MEDIALIB_PG_CATALOG (catalog), name, key, filters, FALSE };

  return medialib_pg_transaction (data.self->pg, save_collection_func, &data, error);
}

static gboolean
delete_collection_func (PGconn   *conn,
                        gpointer  user_data,
                        GError  **error)
{
  CollectionData *data = user_data;
  g_autoptr(PGresult) result = NULL;
  const char *params[] = { data->key };

  result = medialib_pg_exec (conn, "DELETE FROM collections WHERE key = $1", 1, params,
                             _("The collection could not be deleted"), error);
  if (result == NULL)
    return FALSE;

  data->deleted = g_strcmp0 (PQcmdTuples (result), "0") != 0;
  return !data->deleted ||
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_COLLECTIONS, NULL, 0, error);
}

static gboolean
medialib_pg_catalog_delete_collection (MedialibCatalog  *catalog,
                                       const char       *key,
                                       gboolean         *deleted,
                                       GError          **error)
{
  CollectionData data = { MEDIALIB_PG_CATALOG (catalog), NULL, key, NULL, FALSE };

  if (!medialib_pg_transaction (data.self->pg, delete_collection_func, &data, error))
    return FALSE;

  *deleted = data.deleted;
  return TRUE;
}

void
_medialib_pg_catalog_init_collections (MedialibCatalogInterface *iface)
{
  iface->list_collections = medialib_pg_catalog_list_collections;
  iface->save_collection = medialib_pg_catalog_save_collection;
  iface->delete_collection = medialib_pg_catalog_delete_collection;
}
