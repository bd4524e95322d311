/* medialib-thumbnail-cache.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-thumbnail-cache"

#include "config.h"

#include "medialib-image.h"
#include "medialib-thumbnail-cache.h"

/*
 * Textures keyed by the asset's content hash, at most max_items of them, least recently
 * used first out. Files are read and decoded on a small pool of worker threads (GTask's);
 * a thumbnail missing from disk is made again from the stored file there too.
 */

struct _MedialibThumbnailCache
{
  GObject        parent_instance;

  MedialibStore *store;
  guint          max_items;
  int            texture_size;  /* longest side of the textures; read by the workers */
  GHashTable    *textures;   /* sha256 → GList link in lru */
  GQueue         lru;        /* of Entry, most recent at the head */
};

typedef struct
{
  char       *sha256;
  GdkTexture *texture;
} Entry;

G_DEFINE_FINAL_TYPE (MedialibThumbnailCache, medialib_thumbnail_cache, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->sha256);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
medialib_thumbnail_cache_finalize (GObject *object)
{
  MedialibThumbnailCache *self = MEDIALIB_THUMBNAIL_CACHE (object);

  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (medialib_thumbnail_cache_parent_class)->finalize (object);
}

static void
medialib_thumbnail_cache_class_init (MedialibThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_thumbnail_cache_finalize;
}

static void
medialib_thumbnail_cache_init (MedialibThumbnailCache *self)
{
  self->textures = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
}

MedialibThumbnailCache *
medialib_thumbnail_cache_new (MedialibStore *store,
                              guint          max_items)
{
  MedialibThumbnailCache *self = g_object_new (MEDIALIB_TYPE_THUMBNAIL_CACHE, NULL);

  self->store = g_object_ref (store);
  self->max_items = MAX (1, max_items);
  self->texture_size = MEDIALIB_THUMBNAIL_SIZE;

  return self;
}

/**
 * medialib_thumbnail_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the texture when it is in memory
 */
GdkTexture *
medialib_thumbnail_cache_lookup (MedialibThumbnailCache *self,
                                 MedialibAsset          *asset)
{
  GList *link;

  g_return_val_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self), NULL);

  link = g_hash_table_lookup (self->textures, medialib_asset_get_sha256 (asset));
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((Entry *) link->data)->texture;
}

static void
insert (MedialibThumbnailCache *self,
        const char             *sha256,
        GdkTexture             *texture)
{
  Entry *entry;

  if (g_hash_table_contains (self->textures, sha256))
    return;

  entry = g_new0 (Entry, 1);
  entry->sha256 = g_strdup (sha256);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->textures, entry->sha256, self->lru.head);

  while (self->lru.length > self->max_items)
    {
      Entry *old = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->textures, old->sha256);
      entry_free (old);
    }
}

/**
 * medialib_thumbnail_cache_set_texture_size:
 * @size: the longest side of the textures made from now on, in pixels
 *
 * Thumbnails are stored at MEDIALIB_THUMBNAIL_SIZE; a grid whose tiles are smaller asks
 * for textures of its tiles' size (times the scale factor), which take a quarter of the
 * memory.
 */
void
medialib_thumbnail_cache_set_texture_size (MedialibThumbnailCache *self,
                                           int                     size)
{
  g_return_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self));

  g_atomic_int_set (&self->texture_size, CLAMP (size, 16, MEDIALIB_THUMBNAIL_SIZE));
}

guint
medialib_thumbnail_cache_get_size (MedialibThumbnailCache *self)
{
  return self->lru.length;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MedialibThumbnailCache *self = source_object;
  MedialibAsset *asset = task_data;
  int size = g_atomic_int_get (&self->texture_size);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;
  GdkTexture *texture = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!medialib_store_ensure_thumbnail (self->store, asset, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (size >= MEDIALIB_THUMBNAIL_SIZE)
    texture = gdk_texture_new_from_filename (medialib_asset_get_thumbnail_path (asset), &error);
  else if ((pixbuf = gdk_pixbuf_new_from_file_at_scale (medialib_asset_get_thumbnail_path (asset),
                                                        size, size, TRUE, &error)) != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (gdk_pixbuf_get_pixels (pixbuf),
                                                            (gsize) gdk_pixbuf_get_rowstride (pixbuf) *
                                                            gdk_pixbuf_get_height (pixbuf),
                                                            g_object_unref, g_object_ref (pixbuf));

      texture = gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                        gdk_pixbuf_get_has_alpha (pixbuf)
                                          ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                        bytes, gdk_pixbuf_get_rowstride (pixbuf));
    }

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
medialib_thumbnail_cache_load_async (MedialibThumbnailCache *self,
                                     MedialibAsset          *asset,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GdkTexture *texture;

  g_return_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_thumbnail_cache_load_async);
  g_task_set_task_data (task, g_object_ref (asset), g_object_unref);

  if ((texture = medialib_thumbnail_cache_lookup (self, asset)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }

  if (medialib_asset_get_thumbnail_path (asset) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No thumbnail");
      return;
    }

  g_task_run_in_thread (task, load_thread);
}

/**
 * medialib_thumbnail_cache_load_finish:
 *
 * Returns: (transfer full): the texture, now also in the cache
 */
GdkTexture *
medialib_thumbnail_cache_load_finish (MedialibThumbnailCache  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  GdkTexture *texture;
  MedialibAsset *asset;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  texture = g_task_propagate_pointer (G_TASK (result), error);
  asset = g_task_get_task_data (G_TASK (result));
  if (texture != NULL)
    insert (self, medialib_asset_get_sha256 (asset), texture);

  return texture;
}
