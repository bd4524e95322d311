/* medialib-store-similar.c — similar images and near-duplicates of a library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-store-private.h"

/*
 * A similar search is a search (MedialibQuery.similar_to, run by the catalog); what is here
 * is what comes before it (whether the asset can have similar images) and the groups of
 * near-duplicates of the whole library (medialib_phash_group() over every hash). Nothing
 * here decodes an image: the light `medialib` runs both.
 */

/**
 * medialib_store_get_similar_source:
 * @id: the asset whose similar images are wanted
 *
 * The asset, when it can have similar images: an image whose perceptual hash is computed.
 *
 * Returns: (transfer full): the asset, or %NULL with the catalog's error for an unknown
 *   id, %G_IO_ERROR_INVALID_ARGUMENT for a contact card, %G_IO_ERROR_PENDING for an image
 *   of an older library whose hash is not computed yet
 */
/**
 * medialib_store_has_unhashed:
 * @has: (out): whether an image's perceptual hash is not computed yet
 *
 * Whether the library is older than likeness and some of its images still lack their
 * hash (medialib_store_compute_phashes() computes them): one look at the partial index.
 *
 * Returns: %FALSE with @error set when the catalog cannot be read
 */
gboolean
medialib_store_has_unhashed (MedialibStore  *self,
                             gboolean       *has,
                             GError        **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (has != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(ids = medialib_catalog_list_unhashed (self->catalog, 0, 1, error)))
    return FALSE;

  *has = ids->len > 0;
  return TRUE;
}

/**
 * medialib_store_has_missing_palettes:
 * @has: (out): whether an image's palette is not computed yet
 *
 * Whether some images of a library older than palettes still lack theirs
 * (medialib_store_fill_palettes() computes them).
 *
 * Returns: %FALSE with @error set when the catalog cannot be read
 */
gboolean
medialib_store_has_missing_palettes (MedialibStore  *self,
                                     gboolean       *has,
                                     GError        **error)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (has != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(missing = medialib_catalog_list_missing_palettes (self->catalog, 1, error)))
    return FALSE;

  *has = missing->len > 0;
  return TRUE;
}

MedialibAsset *
medialib_store_get_similar_source (MedialibStore  *self,
                                   gint64          id,
                                   GError        **error)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(asset = medialib_catalog_get_asset (self->catalog, id, error)))
    return NULL;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      /* Translators: %s is an asset's id */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Asset %s is a contact card: only images have similar images"), number);
      return NULL;
    }

  if (!medialib_asset_get_phash (asset, NULL))
    {
      /* Translators: %s is an asset's id */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("The likeness of image %s is not computed yet: the app computes it when it "
                     "opens the library"), number);
      return NULL;
    }

  return g_steal_pointer (&asset);
}

/**
 * medialib_store_find_duplicates:
 * @max_distance: at most %MEDIALIB_PHASH_GROUP_MAX_DISTANCE
 *
 * The groups of near-duplicate images in the library: images whose perceptual hashes are
 * at most @max_distance bits apart, in chains. Images whose hash is not computed yet are
 * left out.
 *
 * Returns: (transfer full) (element-type GPtrArray): the groups (each an array of
 *   #MedialibAsset, by id), by the id of their first asset
 */
GPtrArray *
medialib_store_find_duplicates (MedialibStore  *self,
                                guint           max_distance,
                                GError        **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree guint64 *hashes = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (max_distance <= MEDIALIB_PHASH_GROUP_MAX_DISTANCE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(entries = medialib_catalog_list_phashes (self->catalog, error)))
    return NULL;

  hashes = g_new (guint64, MAX (entries->len, 1));
  for (guint i = 0; i < entries->len; i++)
    hashes[i] = g_array_index (entries, MedialibPhashEntry, i).hash;
  groups = medialib_phash_group (hashes, entries->len, max_distance);

  /* Every asset of every group in one read (in the order asked, without those deleted
   * meanwhile), then cut into groups again */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) assets = NULL;
    guint next = 0;

    for (guint g = 0; g < groups->len; g++)
      {
        GArray *group = g_ptr_array_index (groups, g);

        for (guint k = 0; k < group->len; k++)
          g_array_append_val (ids, g_array_index (entries, MedialibPhashEntry, g_array_index (group, guint, k)).id);
      }
    if (!(assets = medialib_catalog_get_assets (self->catalog, (const gint64 *) ids->data, ids->len, error)))
      return NULL;

    for (guint g = 0; g < groups->len; g++)
      {
        GArray *group = g_ptr_array_index (groups, g);
        g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint k = 0; k < group->len; k++)
          {
            gint64 id = g_array_index (entries, MedialibPhashEntry, g_array_index (group, guint, k)).id;

            if (next < assets->len && medialib_asset_get_id (g_ptr_array_index (assets, next)) == id)
              g_ptr_array_add (members, g_object_ref (g_ptr_array_index (assets, next++)));
          }
        if (members->len >= 2)
          g_ptr_array_add (result, g_steal_pointer (&members));
      }
  }

  return g_steal_pointer (&result);
}
