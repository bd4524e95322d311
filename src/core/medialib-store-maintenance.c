/* medialib-store-maintenance.c — checking and sweeping a library, and its daily backup
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <errno.h>
#include <sys/file.h>

#include <glib/gstdio.h>

#include "medialib-asset-private.h"
#include "medialib-sqlite-catalog.h"
#include "medialib-store-private.h"

/*
 * Opening a library only reads its schema, so that the window shows the first screen
 * quickly even for 100,000 assets. The rest runs afterwards on a worker thread, without
 * holding the catalog's lock (a local catalog reads on connections of its own, which WAL
 * lets read while the window searches):
 *
 * - a check of the whole database (PRAGMA quick_check), which finds damage that opening
 *   does not see; a local library's alone;
 * - the sweep of files an interrupted import left behind: stored files and thumbnails
 *   that no asset names, and temporary files (the blob store's, see medialib-blob-store.c);
 * - a backup with VACUUM INTO when the latest is older than a day
 *   (medialib-store-backup.c); a local library's alone.
 *
 * Then the app computes the palettes of the images added before palettes
 * (medialib_store_fill_palettes_async(), medialib-store-palette.c: it decodes thumbnails,
 * which the light command line, linking this file, does not).
 */

#define BACKUP_INTERVAL (24 * G_TIME_SPAN_HOUR)

G_DEFINE_QUARK (medialib-store-error-quark, medialib_store_error)

/**
 * medialib_store_check:
 *
 * Reads the whole database of a local library (PRAGMA quick_check) on a connection of its
 * own. Blocks.
 *
 * Returns: %FALSE with %MEDIALIB_STORE_ERROR_DAMAGED when it is damaged, or with
 *   %G_IO_ERROR_NOT_SUPPORTED for a library that has no local database
 */
gboolean
medialib_store_check (MedialibStore  *self,
                      GError        **error)
{
  MedialibSqliteCatalog *database;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (!(database = _medialib_store_get_local_database (self, error)))
    return FALSE;

  return medialib_sqlite_catalog_check (database, error);
}

/**
 * _medialib_store_remove_unused_files:
 *
 * After a deletion, removes the stored file of @asset and its thumbnail when no asset names
 * them and no one adds files (see medialib-blob-store.c). Never under the store's lock.
 *
 * Returns: whether they were removed; otherwise the next sweep removes them if they are unused
 */
gboolean
_medialib_store_remove_unused_files (MedialibStore *self,
                                     MedialibAsset *asset)
{
  g_autoptr(MedialibBlobLock) lock = NULL;
  const char *sha256 = medialib_asset_get_sha256 (asset);
  gboolean unused;

  if ((lock = medialib_blob_store_try_lock_removing (self->blobs)) == NULL)
    return FALSE;

  unused = medialib_catalog_find_content (self->catalog, sha256, NULL) == 0;

  if (unused)
    {
      medialib_blob_store_delete (self->blobs, MEDIALIB_BLOB_MEDIA, sha256,
                                  _medialib_media_suffix (medialib_asset_get_mime (asset)), NULL);
      if (medialib_asset_get_thumbnail_path (asset) != NULL)
        {
          medialib_blob_store_delete (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256,
                                      MEDIALIB_THUMBNAIL_SUFFIX, NULL);
          _medialib_store_remove_grid_thumbnails (self, sha256);
        }
    }

  return unused;
}

/**
 * _medialib_store_remove_grid_thumbnails:
 *
 * Removes the grid's copies of a thumbnail that was removed: they are only on this computer,
 * next to it (MEDIALIB_GRID_THUMBNAIL_SUFFIX), in a team library's cache too, where the
 * bucket's sweep does not see them.
 */
void
_medialib_store_remove_grid_thumbnails (MedialibStore *self,
                                        const char    *sha256)
{
  const char *suffixes[] = { MEDIALIB_GRID_THUMBNAIL_SUFFIX, MEDIALIB_GRID_THUMBNAIL_ALPHA_SUFFIX };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = medialib_blob_store_dup_local_path (self->blobs, MEDIALIB_BLOB_THUMBNAIL,
                                                                  sha256, suffixes[i]);

      if (path != NULL && g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("%s could not be removed: %s", path, g_strerror (errno));
    }
}

typedef struct
{
  MedialibBlobStore *blobs;
  MedialibBlobKind   kind;
  GHashTable        *known;
} Sweep;

static void
sweep_blob (const char *sha256,
            const char *suffix,
            gpointer    data)
{
  Sweep *sweep = data;

  if (!g_hash_table_contains (sweep->known, sha256))
    {
      g_debug ("Removing unused %s%s", sha256, suffix);
      medialib_blob_store_delete (sweep->blobs, sweep->kind, sha256, suffix, NULL);
    }
}

/**
 * medialib_store_sweep:
 *
 * Removes what an interrupted import or crop left behind, and what a deletion could not
 * remove while an import ran: temporary files, and stored files and thumbnails that no asset
 * names; then, in a local library, makes the addresses that do not give their asset's
 * content give it again (_medialib_store_repair_addresses()). Does nothing while anyone
 * else uses the library (another store has it open, or an import holds the blob store).
 * Blocks.
 *
 * Returns: whether the sweep ran
 */
gboolean
medialib_store_sweep (MedialibStore *self)
{
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(MedialibBlobLock) lock = NULL;
  gboolean ran = FALSE;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  /* Only with the library to ourselves: turn the store's shared lock into an exclusive one,
   * which fails while another store holds it. */
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (self->lock_fd >= 0)
        flock (self->lock_fd, LOCK_SH);
      return FALSE;
    }

  if ((lock = medialib_blob_store_try_lock_removing (self->blobs)) != NULL &&
      (known = medialib_catalog_dup_content_hashes (self->catalog, NULL)) != NULL)
    {
      Sweep sweep = { self->blobs, MEDIALIB_BLOB_MEDIA, known };

      medialib_blob_store_remove_leftovers (self->blobs);
      medialib_blob_store_list (self->blobs, MEDIALIB_BLOB_MEDIA, sweep_blob, &sweep, NULL);
      sweep.kind = MEDIALIB_BLOB_THUMBNAIL;
      medialib_blob_store_list (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sweep_blob, &sweep, NULL);
      _medialib_store_repair_addresses (self);
      ran = TRUE;
    }

  g_clear_pointer (&lock, medialib_blob_lock_release);
  flock (self->lock_fd, LOCK_SH);
  return ran;
}

/**
 * medialib_store_maintain:
 * @backup_path: (out) (optional) (transfer full): the backup made, if one was due
 *
 * What follows opening: the check, the sweep, and a backup when the latest is more than a
 * day old. Blocks: the app runs it with medialib_store_maintain_async().
 *
 * Returns: %FALSE with %MEDIALIB_STORE_ERROR_DAMAGED when the database is damaged (then
 *   nothing is swept or backed up), or another error when the backup failed
 */
gboolean
medialib_store_maintain (MedialibStore  *self,
                         char          **backup_path,
                         GError        **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  if (backup_path != NULL)
    *backup_path = NULL;

  /* A library without a local database (a team library's is on its server) is only swept */
  if (!MEDIALIB_IS_SQLITE_CATALOG (self->catalog))
    {
      medialib_store_sweep (self);
      return TRUE;
    }

  if (!medialib_store_check (self, error))
    return FALSE;

  medialib_store_sweep (self);

  backups = medialib_store_list_backups (self->dir);
  if (medialib_store_count (self) > 0 &&
      (backups->len == 0 ||
       g_date_time_difference (now, ((MedialibBackup *) g_ptr_array_index (backups, 0))->time) >= BACKUP_INTERVAL))
    {
      g_autofree char *path = medialib_store_backup (self, error);

      if (path == NULL)
        return FALSE;
      if (backup_path != NULL)
        *backup_path = g_steal_pointer (&path);
    }

  return TRUE;
}

static void
maintain_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = NULL;

  if (!medialib_store_maintain (source_object, &path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path != NULL ? path : g_strdup (""), g_free);
}

void
medialib_store_maintain_async (MedialibStore       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_maintain_async);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, maintain_thread);
}

/**
 * medialib_store_maintain_finish:
 * @backup_path: (out) (optional) (transfer full): the backup made, or %NULL when none was due
 */
gboolean
medialib_store_maintain_finish (MedialibStore  *self,
                                GAsyncResult   *result,
                                char          **backup_path,
                                GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path == NULL)
    return FALSE;

  if (backup_path != NULL)
    *backup_path = path[0] != '\0' ? g_steal_pointer (&path) : NULL;

  return TRUE;
}
