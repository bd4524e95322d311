/* medialib-store-versions.c — an asset's versions: its history, going back to one of them,
 * its address
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "medialib-asset-private.h"
#include "medialib-folder-blobs.h"
#include "medialib-store-private.h"

/*
 * Replacing keeps the asset: its id, name, tags, teams, and its address. An asset's address
 * (medialib_asset_dup_uri()) is a random name its row keeps, made when it is added
 * (assets/<address>.<ext> in the blob store: a link in a local library, a copy in a team
 * library's bucket), so the messages that use it show the new content; random, so that
 * one asset's address tells nothing of another's in a public bucket. An asset added before
 * addresses has its content's address (media/…), and keeps it: its first replacement makes
 * that name its address ("=" and the content's SHA-256), the store keeping the content under
 * another name meanwhile (medialib_blob_address_get_content()).
 * The content itself stays in the blob store by its SHA-256 as every file's does, so
 * de-duplication, the sweep and the checks of the stored files are unchanged; the earlier
 * contents are versions, rows that keep their blobs in use.
 *
 * The order is that of an import (medialib-store-replace.c): the new file's blob (checked,
 * durable) before the transaction that makes it the asset's content, then the alias. A crash before the commit
 * leaves an unused blob, which the sweep removes; a crash after it leaves the alias on the
 * previous content until the next replacement or revert writes it again.
 *
 * The address ends with the type's extension, so a replacement has the asset's type: a PNG
 * replaces a PNG.
 */

/* Makes the asset's address give its content, as the catalog has it now; a failure is only
 * logged (see above) */
static void
write_alias (MedialibStore *self,
             gint64         id,
             GBytes        *bytes)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  const char *address;

  if (!(asset = medialib_catalog_get_asset (self->catalog, id, &error)) ||
      !medialib_blob_address_is_valid ((address = _medialib_asset_get_address (asset))))
    {
      if (error != NULL)
        g_warning ("No address for asset %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }

  if (!medialib_blob_store_put_alias (self->blobs, address, medialib_asset_get_sha256 (asset),
                                      _medialib_media_suffix (medialib_asset_get_mime (asset)), bytes, &error))
    g_warning ("The address of asset %" G_GINT64_FORMAT " does not give its content: %s",
               id, error->message);
}

/**
 * _medialib_store_add_alias:
 *
 * Gives a new asset its address (medialib_asset_dup_uri()), after its row is committed.
 */
void
_medialib_store_add_alias (MedialibStore *self,
                           gint64         id,
                           GBytes        *bytes)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));

  if (id > 0)
    write_alias (self, id, bytes);
}

/**
 * medialib_store_list_versions:
 *
 * Returns: (transfer full) (element-type MedialibVersion): the contents the asset has had,
 *   newest first: its current one, then the earlier ones, each numbered (1 for the first),
 *   or %NULL with @error set
 */
GPtrArray *
medialib_store_list_versions (MedialibStore  *self,
                              gint64          id,
                              GError        **error)
{
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(versions = medialib_catalog_list_versions (self->catalog, id, error)))
    return NULL;

  for (guint i = 0; i < versions->len / 2; i++)
    {
      gpointer first = versions->pdata[i];

      versions->pdata[i] = versions->pdata[versions->len - 1 - i];
      versions->pdata[versions->len - 1 - i] = first;
    }

  return g_steal_pointer (&versions);
}

/**
 * medialib_store_revert:
 * @number: the version to make current again (its number in medialib_store_list_versions())
 *
 * Makes an earlier content of the asset its content again; the current one becomes a
 * version, as for a replacement, so a revert can itself be reverted.
 */
gboolean
medialib_store_revert (MedialibStore  *self,
                       gint64          id,
                       guint           number,
                       GError        **error)
{
  g_autoptr(MedialibBlobLock) lock = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *asset = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  MedialibVersion *version = NULL, *current;
  MedialibNewAsset content = { 0 };

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lock = medialib_blob_store_lock_adding (self->blobs);
  if (!(versions = medialib_catalog_list_versions (self->catalog, id, error)))
    return FALSE;

  current = g_ptr_array_index (versions, versions->len - 1);
  if (number >= 1 && number <= versions->len)
    version = g_ptr_array_index (versions, number - 1);

  if (version == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is an asset's id, %u a version's number */
                   _("Asset %s has no version %u"), asset, number);
      return FALSE;
    }
  if (version->current)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %u is a version's number, %s an asset's id */
                   _("Version %u is the current content of asset %s"), number, asset);
      return FALSE;
    }

  if (!medialib_blob_store_has (self->blobs, MEDIALIB_BLOB_MEDIA, version->sha256, _medialib_media_suffix (version->mime)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The file of version %u of asset %s is missing from the library"), number, asset);
      return FALSE;
    }

  content.kind = g_str_has_prefix (version->mime, "image/") ? MEDIALIB_ASSET_KIND_IMAGE : MEDIALIB_ASSET_KIND_CONTACT;
  content.mime = version->mime;
  content.bytes = version->bytes;
  content.width = version->width;
  content.height = version->height;
  content.animated = version->animated;
  content.sha256 = version->sha256;
  content.palette = version->palette;
  content.has_phash = version->has_phash;
  content.phash = version->phash;
  content.added_by = medialib_store_get_member_name (self);

  if (!medialib_catalog_replace_content (self->catalog, id, current->sha256, &content, error))
    return FALSE;

  write_alias (self, id, NULL);
  return TRUE;
}

/* A team library's addresses that are missing (a process stopped between an asset's commit
 * and its address): made again from the content. Those that give an earlier content are
 * not found this way (each would be a GET). */
static guint
repair_listed_addresses (MedialibStore *self,
                         GPtrArray     *rows,
                         GHashTable    *present)
{
  guint repaired = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const char *suffix = _medialib_media_suffix (row[2]);
      g_autofree char *name = g_strconcat (row[0], suffix, NULL);
      g_autoptr(GError) error = NULL;

      if (medialib_blob_address_get_content (row[0]) != NULL || !medialib_blob_address_is_valid (row[0]) ||
          g_hash_table_contains (present, name))
        continue;

      if (medialib_blob_store_put_alias (self->blobs, row[0], row[1], suffix, NULL, &error))
        repaired++;
      else
        g_warning ("An asset's address is missing: %s", error->message);
    }

  return repaired;
}

/**
 * _medialib_store_repair_addresses:
 *
 * Makes the assets' addresses that do not give their asset's content give it again; the
 * sweep calls it, with the library to itself. In a local library every link is looked at
 * (see medialib_folder_blobs_repair_address()); in a team library, the addresses missing
 * from the bucket's listing, of the assets whose content is older than ten minutes (another
 * computer may be about to write a newer one's).
 *
 * Returns: how many addresses were made again
 */
guint
_medialib_store_repair_addresses (MedialibStore *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GError) error = NULL;
  gboolean local;
  guint repaired = 0;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), 0);

  local = MEDIALIB_IS_FOLDER_BLOBS (self->blobs);
  if (!(rows = medialib_catalog_list_addresses (self->catalog, local ? 0 : g_get_real_time () / G_USEC_PER_SEC - 600,
                                                &error)))
    {
      g_warning ("The assets' addresses are not checked: %s", error->message);
      return 0;
    }

  if (!local)
    {
      if ((present = medialib_blob_store_list_aliases (self->blobs, &error)) != NULL)
        repaired = repair_listed_addresses (self, rows, present);
      else if (error != NULL)
        g_warning ("The assets' addresses are not checked: %s", error->message);
    }
  else
    {
      /* A content's name that is an asset's address is that asset's, whatever another asset
       * with the same content from before addresses would make of it */
      for (guint i = 0; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          const char *content = medialib_blob_address_get_content (row[0]);

          if (content != NULL)
            g_hash_table_add (named, (gpointer) content);
        }

      for (guint i = 0; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          const char *suffix = _medialib_media_suffix (row[2]);

          if ((row[0][0] == '\0' && g_hash_table_contains (named, row[1])) ||
              !medialib_blob_name_is_valid (row[1], suffix))
            continue;

          if (medialib_folder_blobs_repair_address (MEDIALIB_FOLDER_BLOBS (self->blobs), row[0], row[1], suffix, &error))
            repaired++;
          else if (error != NULL)
            {
              g_warning ("An asset's address does not give its content: %s", error->message);
              g_clear_error (&error);
            }
        }
    }

  if (repaired > 0)
    g_message ("%u assets' addresses were made to give their content again", repaired);

  return repaired;
}

/**
 * _medialib_store_remove_versions:
 * @versions: (element-type MedialibVersion): the versions a deleted asset had
 *
 * After a deletion, removes the stored files of the asset's earlier versions that no asset
 * names any more, as _medialib_store_remove_unused_files() does for its content, and its
 * address.
 */
void
_medialib_store_remove_versions (MedialibStore *self,
                                 MedialibAsset *asset,
                                 GPtrArray     *versions)
{
  g_autoptr(MedialibBlobLock) lock = NULL;

  if (medialib_blob_address_is_valid (_medialib_asset_get_address (asset)))
    medialib_blob_store_delete_alias (self->blobs, _medialib_asset_get_address (asset),
                                      _medialib_media_suffix (medialib_asset_get_mime (asset)), NULL);

  if (versions == NULL || (lock = medialib_blob_store_try_lock_removing (self->blobs)) == NULL)
    return;

  for (guint i = 0; i < versions->len; i++)
    {
      MedialibVersion *version = g_ptr_array_index (versions, i);

      if (version->current || medialib_catalog_find_content (self->catalog, version->sha256, NULL) != 0)
        continue;

      medialib_blob_store_delete (self->blobs, MEDIALIB_BLOB_MEDIA, version->sha256,
                                  _medialib_media_suffix (version->mime), NULL);
      medialib_blob_store_delete (self->blobs, MEDIALIB_BLOB_THUMBNAIL, version->sha256,
                                  MEDIALIB_THUMBNAIL_SUFFIX, NULL);
      _medialib_store_remove_grid_thumbnails (self, version->sha256);
    }
}

/**
 * _medialib_store_record_crop_origin:
 * @parent: the asset the crop was made from, as it was read for the crop
 *
 * Keeps which content of @parent the crop @id was made from, with its preset and rectangle.
 * A failure is only logged: the crop is there, its origin unknown.
 */
void
_medialib_store_record_crop_origin (MedialibStore *self,
                                    gint64         id,
                                    MedialibAsset *parent,
                                    const char    *preset,
                                    int            x,
                                    int            y,
                                    int            width,
                                    int            height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("%s %d,%d,%d,%d", preset, x, y, width, height);

  if (!medialib_catalog_set_crop_origin (self->catalog, id, medialib_asset_get_sha256 (parent), spec, &error))
    g_warning ("The origin of crop %" G_GINT64_FORMAT " is not kept: %s", id, error->message);
}

/**
 * medialib_store_get_crop_origin:
 * @origin: (out caller-allocates): cleared with medialib_crop_origin_clear()
 *
 * Which version of its parent a crop was made from, whether the parent's content changed
 * since, and the crop's preset and rectangle when they were kept. An asset that is not a
 * crop, or one made before this was kept, has @origin->version 0.
 */
gboolean
medialib_store_get_crop_origin (MedialibStore       *self,
                                gint64               id,
                                MedialibCropOrigin  *origin,
                                GError             **error)
{
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *parent_sha256 = NULL;
  g_autofree char *spec = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *origin = (MedialibCropOrigin) { 0 };
  if (!(crop = medialib_catalog_get_asset (self->catalog, id, error)) ||
      !medialib_catalog_get_crop_origin (self->catalog, id, &parent_sha256, &spec, error))
    return FALSE;

  origin->parent = medialib_asset_get_parent (crop);
  if (origin->parent <= 0 || parent_sha256 == NULL)
    return TRUE;

  /* The parent may be gone meanwhile: then nothing is known of it */
  if (!(versions = medialib_catalog_list_versions (self->catalog, origin->parent, NULL)))
    {
      origin->parent = 0;
      return TRUE;
    }

  /* The newest version with that content (a revert makes the same content a new one) */
  for (guint i = versions->len; i > 0; i--)
    {
      MedialibVersion *version = g_ptr_array_index (versions, i - 1);

      if (g_str_equal (version->sha256, parent_sha256))
        {
          origin->version = version->number;
          origin->outdated = !version->current;
          origin->parent_width = version->width;
          origin->parent_height = version->height;
          break;
        }
    }

  if (spec != NULL && (words = g_strsplit (spec, " ", 2)) != NULL && words[0] != NULL && words[1] != NULL &&
      sscanf (words[1], "%d,%d,%d,%d", &origin->x, &origin->y, &origin->width, &origin->height) == 4)
    origin->preset = g_strdup (words[0]);
  else
    origin->x = origin->y = origin->width = origin->height = 0;

  return TRUE;
}

/* --- On a worker thread -------------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  guint   number;
} VersionsData;

static void
revert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  VersionsData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = medialib_store_revert (source_object, data->id, data->number, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run (MedialibStore        *self,
     gint64                id,
     guint                 number,
     gpointer              tag,
     GTaskThreadFunc       func,
     GCancellable         *cancellable,
     GAsyncReadyCallback   callback,
     gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  VersionsData *data = g_new0 (VersionsData, 1);

  data->id = id;
  data->number = number;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, func);
}

void
medialib_store_revert_async (MedialibStore        *self,
                             gint64                id,
                             guint                 number,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));

  run (self, id, number, medialib_store_revert_async, revert_thread, cancellable, callback, user_data);
}

gboolean
medialib_store_revert_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_revert_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  VersionsData *data = task_data;
  GError *error = NULL;
  GPtrArray *versions = medialib_store_list_versions (source_object, data->id, &error);

  if (versions != NULL)
    g_task_return_pointer (task, versions, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
medialib_store_list_versions_async (MedialibStore        *self,
                                    gint64                id,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));

  run (self, id, 0, medialib_store_list_versions_async, list_thread, cancellable, callback, user_data);
}

GPtrArray *
medialib_store_list_versions_finish (MedialibStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_list_versions_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
crop_origin_free (MedialibCropOrigin *origin)
{
  medialib_crop_origin_clear (origin);
  g_free (origin);
}

static void
origin_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VersionsData *data = task_data;
  MedialibCropOrigin *origin = g_new0 (MedialibCropOrigin, 1);
  GError *error = NULL;

  if (medialib_store_get_crop_origin (source_object, data->id, origin, &error))
    g_task_return_pointer (task, origin, (GDestroyNotify) crop_origin_free);
  else
    {
      crop_origin_free (origin);
      g_task_return_error (task, error);
    }
}

void
medialib_store_get_crop_origin_async (MedialibStore        *self,
                                      gint64                id,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));

  run (self, id, 0, medialib_store_get_crop_origin_async, origin_thread, cancellable, callback, user_data);
}

gboolean
medialib_store_get_crop_origin_finish (MedialibStore       *self,
                                       GAsyncResult        *result,
                                       MedialibCropOrigin  *origin,
                                       GError             **error)
{
  MedialibCropOrigin *found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_get_crop_origin_async), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);

  if (!(found = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  *origin = *found;
  g_free (found);
  return TRUE;
}
