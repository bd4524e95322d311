/* medialib-catalog-versions.c — the catalog's calls for an asset's versions, the crop it
 * came from and its address
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include "medialib-catalog.h"

/**
 * medialib_catalog_list_versions:
 *
 * The contents the asset has had, oldest first (number 1), its current one last.
 *
 * Returns: (transfer full) (element-type MedialibVersion): the versions, or %NULL with
 *   @error set (%G_IO_ERROR_NOT_FOUND for an asset that does not exist)
 */
GPtrArray *
medialib_catalog_list_versions (MedialibCatalog  *self,
                                gint64            id,
                                GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_versions (self, id, error);
}

/**
 * medialib_catalog_replace_content:
 * @expected: the SHA-256 the asset's content must still have
 * @content: the new content (its name, source, labels are not read; added_by is who
 *   replaces it)
 *
 * In one transaction: the asset's current content becomes its newest earlier version, and
 * @content its content. Fails with %G_IO_ERROR_WOULD_MERGE when another asset has that
 * content, %G_IO_ERROR_WRONG_ETAG when the asset's content is no longer @expected.
 */
gboolean
medialib_catalog_replace_content (MedialibCatalog         *self,
                                  gint64                   id,
                                  const char              *expected,
                                  const MedialibNewAsset  *content,
                                  GError                 **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);
  g_return_val_if_fail (content != NULL && content->sha256 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->replace_content (self, id, expected, content, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_ASSETS_CHANGED, &id, 1);
  return TRUE;
}

/**
 * medialib_catalog_set_crop_origin:
 * @parent_sha256: the content of the crop's parent it was made from
 * @spec: (nullable): its preset and rectangle, "KEY X,Y,W,H"
 */
gboolean
medialib_catalog_set_crop_origin (MedialibCatalog  *self,
                                  gint64            id,
                                  const char       *parent_sha256,
                                  const char       *spec,
                                  GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (parent_sha256 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_CATALOG_GET_IFACE (self)->set_crop_origin (self, id, parent_sha256, spec, error);
}

/**
 * medialib_catalog_get_crop_origin:
 * @parent_sha256: (out) (transfer full) (nullable): %NULL when not recorded
 * @spec: (out) (transfer full) (nullable):
 */
gboolean
medialib_catalog_get_crop_origin (MedialibCatalog  *self,
                                  gint64            id,
                                  char            **parent_sha256,
                                  char            **spec,
                                  GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (parent_sha256 != NULL && spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *parent_sha256 = *spec = NULL;
  return MEDIALIB_CATALOG_GET_IFACE (self)->get_crop_origin (self, id, parent_sha256, spec, error);
}

/**
 * medialib_catalog_list_addresses:
 * @settled_before: only the assets whose content was put there before this Unix time, or 0
 *   for all
 *
 * Returns: (transfer full) (element-type GStrv): { address or "", sha256, mime } per asset,
 *   or %NULL with @error set
 */
GPtrArray *
medialib_catalog_list_addresses (MedialibCatalog  *self,
                                 gint64            settled_before,
                                 GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_addresses (self, settled_before, error);
}

void
medialib_crop_origin_clear (MedialibCropOrigin *origin)
{
  g_clear_pointer (&origin->preset, g_free);
  *origin = (MedialibCropOrigin) { 0 };
}

void
medialib_version_free (MedialibVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->sha256);
  g_free (version->mime);
  g_free (version->by);
  g_free (version->palette);
  g_free (version);
}
