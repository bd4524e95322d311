/* medialib-catalog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-catalog.h"

/*
 * A catalog holds what a library knows about its assets: their rows (name, kind, type, size,
 * dimensions, SHA-256, when and how each was added, its parent and prompt), tags and teams,
 * the search over them, the generations of images and the daily quota. The bytes of the files
 * are the blob store's (medialib-blob-store.c); a catalog names them by SHA-256 and suffix,
 * and the assets it returns find them through the blob store it was opened with.
 *
 * The rules every implementation keeps, so that the store, the window and the command line
 * never know which one they use:
 *
 * - Every call that changes something is one transaction: all of it or nothing, and a failed
 *   call leaves the catalog usable from any thread.
 * - Calls come from any thread, at the same time; each blocks until it is done (the app
 *   makes them from worker threads).
 * - The same data and the same query give the same assets in the same order, whatever the
 *   backend: words match the beginning of words in names, tags and teams (and a contact's
 *   search words), whatever their case and accents; tags and teams are compared by
 *   medialib_label_key(). Sorts: by date added, newest first; by size, largest first; by
 *   name, its ASCII letters' case folded (SQLite's NOCASE), A first; ties go by id, the
 *   newest first except in the name sort.
 * - Errors: %G_IO_ERROR_NOT_FOUND for an id that does not exist (in the words of
 *   _medialib_catalog_not_found()), %G_IO_ERROR_INVALID_ARGUMENT for a name that
 *   medialib_label_normalize() refuses, %G_IO_ERROR_READ_ONLY for a change to a library
 *   that cannot be changed, %MEDIALIB_STORE_ERROR_DAMAGED for a damaged database.
 *
 * What only a local library has (its database file: the check, backups, restoring) is not
 * part of the contract: see medialib-sqlite-catalog.h.
 */

G_DEFINE_INTERFACE (MedialibCatalog, medialib_catalog, G_TYPE_OBJECT)

static void
medialib_catalog_default_init (MedialibCatalogInterface *iface)
{
}

/**
 * medialib_catalog_count:
 *
 * Returns: how many assets there are, or -1 with @error set
 */
gint64
medialib_catalog_count (MedialibCatalog  *self,
                        GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return MEDIALIB_CATALOG_GET_IFACE (self)->count (self, error);
}

/**
 * medialib_catalog_get_asset:
 *
 * Returns: (transfer full): the asset, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibAsset *
medialib_catalog_get_asset (MedialibCatalog  *self,
                            gint64            id,
                            GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_asset (self, id, error);
}

/**
 * medialib_catalog_get_assets:
 *
 * Returns: (transfer full) (element-type MedialibAsset): the assets of @ids that exist, in
 *   the order of @ids, read at one moment
 */
GPtrArray *
medialib_catalog_get_assets (MedialibCatalog  *self,
                             const gint64     *ids,
                             guint             n_ids,
                             GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_assets (self, ids, n_ids, error);
}

/**
 * medialib_catalog_search:
 *
 * Returns: (transfer full) (element-type MedialibAsset): the assets that match @query, in
 *   its order, @query's page of them
 */
GPtrArray *
medialib_catalog_search (MedialibCatalog      *self,
                         const MedialibQuery  *query,
                         GError              **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->search (self, query, error);
}

/**
 * medialib_catalog_list_labels:
 *
 * Returns: (transfer full) (element-type MedialibLabelCount): the tags that assets carry,
 *   or every team, with how many assets carry each, by medialib_label_key()
 */
GPtrArray *
medialib_catalog_list_labels (MedialibCatalog    *self,
                              MedialibLabelKind   kind,
                              GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_labels (self, kind, error);
}

/**
 * medialib_catalog_find_content:
 *
 * Returns: the id of the asset whose file has this SHA-256, 0 when there is none, or -1 with
 *   @error set
 */
gint64
medialib_catalog_find_content (MedialibCatalog  *self,
                               const char       *sha256,
                               GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), -1);
  g_return_val_if_fail (sha256 != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return MEDIALIB_CATALOG_GET_IFACE (self)->find_content (self, sha256, error);
}

/**
 * medialib_catalog_dup_content_hashes:
 *
 * Every asset's SHA-256, for the sweep. Never waits for the catalog's other calls (a local
 * catalog reads them on a connection of its own).
 *
 * Returns: (transfer full) (element-type utf8 utf8): a set of SHA-256 strings
 */
GHashTable *
medialib_catalog_dup_content_hashes (MedialibCatalog  *self,
                                     GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->dup_content_hashes (self, error);
}

/**
 * medialib_catalog_list_generations:
 *
 * Returns: (transfer full) (element-type MedialibGeneration): the @limit newest generations,
 *   the newest first
 */
GPtrArray *
medialib_catalog_list_generations (MedialibCatalog  *self,
                                   guint             limit,
                                   GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_generations (self, limit, error);
}

/**
 * medialib_catalog_get_generation:
 *
 * Returns: (transfer full): the generation, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibGeneration *
medialib_catalog_get_generation (MedialibCatalog  *self,
                                 gint64            id,
                                 GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_generation (self, id, error);
}

/**
 * medialib_catalog_count_generations:
 * @since: a Unix time (the local midnight that started today)
 * @count: (out): the generations counted since then
 */
gboolean
medialib_catalog_count_generations (MedialibCatalog  *self,
                                    gint64            since,
                                    guint            *count,
                                    GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_CATALOG_GET_IFACE (self)->count_generations (self, since, count, error);
}

/* --- For implementations ------------------------------------------------------------------- */

void
_medialib_catalog_not_found (GError **error,
                             gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: %s is a number */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no asset with id %s"), number);
}

void
_medialib_catalog_read_only (GError     **error,
                             const char  *library_dir)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("The library in %s is read-only: it can be viewed but not changed. Make the folder writable, or copy the library to a folder you can write to"),
               library_dir);
}
