/* medialib-catalog-pixels.c — what the catalogs keep of each image's pixels: the palette
 * (medialib-palette.c) and the perceptual hash (medialib-phash.c), computed from the
 * thumbnail, and the calls that fill them in for a library older than them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include "medialib-catalog.h"

/**
 * medialib_catalog_list_missing_palettes:
 * @limit: at most this many
 *
 * The images whose palette was never computed: those of a library from before palettes.
 *
 * Returns: (transfer full) (element-type utf8): their SHA-256, or %NULL with @error set
 */
GPtrArray *
medialib_catalog_list_missing_palettes (MedialibCatalog  *self,
                                        guint             limit,
                                        GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_missing_palettes (self, limit, error);
}

/**
 * medialib_catalog_set_palette:
 * @palette: as medialib_palette_to_string() writes it
 *
 * Sets the palette of the asset whose file has this SHA-256; not a change the window is told
 * of (the palette is what the asset's pixels always had).
 */
gboolean
medialib_catalog_set_palette (MedialibCatalog  *self,
                              const char       *sha256,
                              const char       *palette,
                              GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && palette != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_CATALOG_GET_IFACE (self)->set_palette (self, sha256, palette, error);
}

/**
 * medialib_catalog_list_phashes:
 *
 * The perceptual hashes of the images that have one, for `medialib duplicates`.
 *
 * Returns: (transfer full) (element-type MedialibPhashEntry): by id
 */
GArray *
medialib_catalog_list_phashes (MedialibCatalog  *self,
                               GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_phashes (self, error);
}

/**
 * medialib_catalog_list_unhashed:
 * @after: only ids above this one
 *
 * The images whose perceptual hash is not computed yet (assets of a library older than
 * hashes), for computing them.
 *
 * Returns: (transfer full) (element-type gint64): at most @limit ids, in increasing order
 */
GArray *
medialib_catalog_list_unhashed (MedialibCatalog  *self,
                                gint64            after,
                                guint             limit,
                                GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_unhashed (self, after, limit, error);
}

/**
 * medialib_catalog_set_phashes:
 *
 * Stores the perceptual hashes of images, in one transaction. An asset no longer there is
 * left out. No change is announced: a hash is not shown.
 */
gboolean
medialib_catalog_set_phashes (MedialibCatalog           *self,
                              const MedialibPhashEntry  *entries,
                              guint                      n_entries,
                              GError                   **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_CATALOG_GET_IFACE (self)->set_phashes (self, entries, n_entries, error);
}
