/* medialib-thumbnail-cache.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-thumbnail-cache"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "medialib-blob-store.h"
#include "medialib-image.h"
#include "medialib-texture-loader.h"
#include "medialib-thumbnail-cache.h"

/*
 * Textures keyed by the asset's content hash, at most max_items of them, least recently
 * used first out. Files are read and decoded on a small pool of worker threads (GTask's);
 * a thumbnail missing from disk is made again from the stored file there too. Textures of
 * the grid's size come from the thumbnail's copy at that size, made the first time next to
 * the thumbnail (decoding it takes a tenth of the time of decoding and scaling the
 * thumbnail). A load asked for while a preload is decoding the same thumbnail waits for it
 * instead of decoding it a second time (the first screen's tiles are drawn while the
 * preload runs).
 */

struct _MedialibThumbnailCache
{
  GObject        parent_instance;

  MedialibStore *store;
  guint          max_items;
  int            texture_size;  /* longest side of the textures; read by the workers */
  GHashTable    *textures;   /* sha256 → GList link in lru */
  GQueue         lru;        /* of Entry, most recent at the head */
  GHashTable    *preloading; /* sha256 → Pending, while a preload holds it */
};

typedef struct
{
  guint      preloads;   /* running preloads that hold the thumbnail */
  GPtrArray *waiting;    /* of GTask, loads waiting for them */
} Pending;

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
pending_free (Pending *pending)
{
  g_ptr_array_unref (pending->waiting);
  g_free (pending);
}

static void
medialib_thumbnail_cache_finalize (GObject *object)
{
  MedialibThumbnailCache *self = MEDIALIB_THUMBNAIL_CACHE (object);

  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->preloading, g_hash_table_unref);
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
  self->preloading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pending_free);
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
 * medialib_thumbnail_cache_add:
 * @sha256: the SHA-256 of the asset whose thumbnail @texture is
 * @texture: its thumbnail, at the cache's size, decoded elsewhere
 *
 * Keeps @texture, unless the cache holds that asset's already.
 */
void
medialib_thumbnail_cache_add (MedialibThumbnailCache *self,
                              const char             *sha256,
                              GdkTexture             *texture)
{
  g_return_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  insert (self, sha256, texture);
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
  g_return_val_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self), 0);

  return self->lru.length;
}

/* On a worker: the asset's thumbnail as a texture of the cache's size */
static GdkTexture *
load_texture (MedialibThumbnailCache  *self,
              MedialibAsset           *asset,
              GError                 **error)
{
  int size = g_atomic_int_get (&self->texture_size);

  if (!medialib_store_ensure_thumbnail (self->store, asset, error))
    return NULL;

  /* The grid's tiles: through the thumbnail's copy at their size, made once */
  if (size == MEDIALIB_GRID_THUMBNAIL_SIZE)
    {
      g_autofree char *copy = medialib_store_dup_grid_thumbnail_path (self->store, asset, FALSE);
      g_autofree char *alpha_copy = medialib_store_dup_grid_thumbnail_path (self->store, asset, TRUE);

      return medialib_texture_load_with_copy (medialib_asset_get_thumbnail_path (asset), size,
                                              copy, alpha_copy, error);
    }

  return medialib_texture_load (medialib_asset_get_thumbnail_path (asset),
                                size >= MEDIALIB_THUMBNAIL_SIZE ? 0 : size,
                                MEDIALIB_TEXTURE_AS_STORED, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = load_texture (source_object, task_data, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Thumbnails asked for by tiles (while the grid scrolls, those of the rows coming in) are
 * decoded on threads of their own at the lowest priority (nice 19), so that the frames come
 * first and the decoding takes the rest of the processors' time. At nice 10, on two cores
 * shared with the display server, the workers still took enough of the main thread's time to
 * lengthen the slowest frames by half (bench/run's scroll smooth); nice 19 still gets a
 * share of a busy processor, where a SCHED_IDLE thread could wait for as long as another
 * program keeps it busy. The pool's threads are its own (exclusive): their priority is
 * lowered once and never handed on to other work. The first screen's preload keeps the
 * default priority. */
static void
decode_in_background (gpointer data,
                      gpointer user_data)
{
  static GPrivate lowered = G_PRIVATE_INIT (NULL);
  g_autoptr(GTask) task = data;

  if (g_private_get (&lowered) == NULL)
    {
#ifdef SYS_gettid
      if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid),
                       MEDIALIB_THUMBNAIL_DECODE_NICE) != 0)
        g_debug ("Thumbnails are decoded at the default priority: %s", g_strerror (errno));
#endif
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  load_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
               g_task_get_cancellable (task));
}

/* Takes @task */
static void
decode_later (GTask *task)
{
  static GThreadPool *pool;

  if (g_once_init_enter_pointer (&pool))
    g_once_init_leave_pointer (&pool, g_thread_pool_new (decode_in_background, NULL,
                                                         CLAMP (g_get_num_processors (), 1, 4),
                                                         TRUE, NULL));

  g_thread_pool_push (pool, task, NULL);
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
  Pending *pending;

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

  if ((pending = g_hash_table_lookup (self->preloading, medialib_asset_get_sha256 (asset))) != NULL)
    {
      g_ptr_array_add (pending->waiting, g_steal_pointer (&task));
      return;
    }

  decode_later (g_steal_pointer (&task));
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

typedef struct
{
  GPtrArray *assets;     /* of MedialibAsset */
  GPtrArray *textures;   /* of GdkTexture or NULL, one per asset */
} Preload;

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
preload_free (Preload *preload)
{
  g_ptr_array_unref (preload->assets);
  g_clear_pointer (&preload->textures, g_ptr_array_unref);
  g_free (preload);
}

#define MAX_PRELOAD_THREADS 4

typedef struct
{
  MedialibThumbnailCache *self;
  Preload                *preload;
  GCancellable           *cancellable;
  guint                   first;   /* this thread loads first, first + step, … */
  guint                   step;
} PreloadPart;

static gpointer
preload_part (gpointer data)
{
  PreloadPart *part = data;

  for (guint i = part->first; i < part->preload->assets->len; i += part->step)
    {
      g_autoptr(GError) error = NULL;

      if (g_cancellable_is_cancelled (part->cancellable))
        break;

      /* A thumbnail that cannot be loaded is the tile's to report when it is drawn; one
       * that can comes ready to draw (medialib_texture_in_default_format()) */
      part->preload->textures->pdata[i] =
        medialib_texture_in_default_format (load_texture (part->self,
                                                          g_ptr_array_index (part->preload->assets, i),
                                                          &error));
    }

  return NULL;
}

/* The thumbnails are decoded on as many threads as there are processors (a few at most):
 * the first screen waits for all of them */
static void
preload_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Preload *preload = task_data;
  guint n_threads = CLAMP (g_get_num_processors (), 1, MAX_PRELOAD_THREADS);
  PreloadPart parts[MAX_PRELOAD_THREADS];
  GThread *threads[MAX_PRELOAD_THREADS] = { NULL, };

  n_threads = MIN (n_threads, preload->assets->len);
  preload->textures = g_ptr_array_new_full (preload->assets->len, unref_if_set);
  g_ptr_array_set_size (preload->textures, preload->assets->len);

  for (guint k = 0; k < n_threads; k++)
    {
      parts[k] = (PreloadPart) { source_object, preload, cancellable, k, n_threads };
      if (k > 0)
        threads[k] = g_thread_new ("medialib-preload", preload_part, &parts[k]);
    }
  if (n_threads > 0)
    preload_part (&parts[0]);
  for (guint k = 1; k < n_threads; k++)
    g_thread_join (threads[k]);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/* After the preload's callback: the loads that waited for its thumbnails get them, or run
 * now if it could not load one (or was cancelled first) */
static void
on_preload_completed_cb (GTask      *task,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  MedialibThumbnailCache *self = g_task_get_source_object (task);
  Preload *preload = g_task_get_task_data (task);

  g_assert (MEDIALIB_IS_THUMBNAIL_CACHE (self));

  for (guint i = 0; i < preload->assets->len; i++)
    {
      const char *sha256 = medialib_asset_get_sha256 (g_ptr_array_index (preload->assets, i));
      GdkTexture *texture = !g_task_had_error (task) && preload->textures != NULL &&
                            i < preload->textures->len ? g_ptr_array_index (preload->textures, i) : NULL;
      Pending *pending = g_hash_table_lookup (self->preloading, sha256);
      g_autoptr(GPtrArray) waiting = NULL;

      if (texture != NULL)
        insert (self, sha256, texture);
      if (pending == NULL || --pending->preloads > 0)
        continue;

      waiting = g_ptr_array_ref (pending->waiting);
      g_hash_table_remove (self->preloading, sha256);
      for (guint j = 0; j < waiting->len; j++)
        {
          GTask *load = g_ptr_array_index (waiting, j);

          if (texture != NULL)
            g_task_return_pointer (load, g_object_ref (texture), g_object_unref);
          else if (!g_task_return_error_if_cancelled (load))
            decode_later (g_object_ref (load));
        }
    }
}

/**
 * medialib_thumbnail_cache_preload_async:
 * @assets: (element-type MedialibAsset): the assets whose thumbnails to load
 *
 * Loads the thumbnails of @assets that the cache does not hold yet, on a thread per
 * processor (a few at most), and keeps them: a tile bound afterwards finds its thumbnail at
 * once, and a tile that asks for one meanwhile gets it when the preload is done.
 */
void
medialib_thumbnail_cache_preload_async (MedialibThumbnailCache *self,
                                        GPtrArray              *assets,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Preload *preload;

  g_return_if_fail (MEDIALIB_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (assets != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_thumbnail_cache_preload_async);

  preload = g_new0 (Preload, 1);
  preload->assets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);

      if (!g_hash_table_contains (self->textures, medialib_asset_get_sha256 (asset)) &&
          medialib_asset_get_thumbnail_path (asset) != NULL)
        g_ptr_array_add (preload->assets, g_object_ref (asset));
    }
  g_task_set_task_data (task, preload, (GDestroyNotify) preload_free);

  for (guint i = 0; i < preload->assets->len; i++)
    {
      const char *sha256 = medialib_asset_get_sha256 (g_ptr_array_index (preload->assets, i));
      Pending *pending = g_hash_table_lookup (self->preloading, sha256);

      if (pending == NULL)
        {
          pending = g_new0 (Pending, 1);
          pending->waiting = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->preloading, g_strdup (sha256), pending);
        }
      pending->preloads++;
    }
  g_signal_connect (task, "notify::completed", G_CALLBACK (on_preload_completed_cb), NULL);

  if (preload->assets->len == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, preload_thread);
}

/**
 * medialib_thumbnail_cache_preload_finish:
 *
 * Returns: %FALSE when cancelled
 */
gboolean
medialib_thumbnail_cache_preload_finish (MedialibThumbnailCache  *self,
                                         GAsyncResult            *result,
                                         GError                 **error)
{
  Preload *preload;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  preload = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; preload->textures != NULL && i < preload->textures->len; i++)
    {
      GdkTexture *texture = g_ptr_array_index (preload->textures, i);

      if (texture != NULL)
        insert (self, medialib_asset_get_sha256 (g_ptr_array_index (preload->assets, i)), texture);
    }

  return TRUE;
}
