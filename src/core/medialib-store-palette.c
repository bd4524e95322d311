/* medialib-store-palette.c — the assets' dominant colours, and those of older libraries
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-image.h"
#include "medialib-palette.h"
#include "medialib-store-add.h"
#include "medialib-background.h"
#include "medialib-store-private.h"

/*
 * A new image's palette comes from its thumbnail's pixels as it is kept
 * (_medialib_store_keep()): the same input for an import, a crop, a generated image and a
 * push. The images of a library from before palettes get theirs after it opened, on a
 * worker that the app starts once the maintenance is done (medialib_store_maintain()), from
 * their stored thumbnails: a PNG of
 * at most 512 × 512 pixels, decoded in a few milliseconds, where the original may be a
 * 50-megapixel photo.
 */

/* What medialib_store_fill_palettes() reads at a time */
#define BATCH 256

/**
 * _medialib_store_palette_of:
 * @pixbuf: an image's thumbnail
 *
 * Returns: (transfer full): its palette as the catalogs keep it
 */
char *
_medialib_store_palette_of (GdkPixbuf *pixbuf)
{
  MedialibPaletteColor palette[MEDIALIB_PALETTE_MAX];
  guint n;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  if (gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB)
    return g_strdup ("");

  n = medialib_palette_compute (gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                                gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                                gdk_pixbuf_get_has_alpha (pixbuf), palette);

  return medialib_palette_to_string (palette, n);
}

/* The pixels of the stored thumbnail of @sha256, made again from the original when the
 * cache lost it */
static GdkPixbuf *
read_thumbnail (MedialibStore  *self,
                const char     *sha256,
                GError        **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  png = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                  &local_error);
  if (png == NULL)
    {
      g_autoptr(MedialibAsset) asset = NULL;
      gint64 id;

      g_debug ("Making the thumbnail of %s again for its palette: %s", sha256, local_error->message);
      if ((id = medialib_catalog_find_content (self->catalog, sha256, error)) <= 0 ||
          !(asset = medialib_catalog_get_asset (self->catalog, id, error)) ||
          !medialib_store_ensure_thumbnail (self, asset, error) ||
          !(png = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_THUMBNAIL, sha256,
                                            MEDIALIB_THUMBNAIL_SUFFIX, error)))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no thumbnail", sha256);
          return NULL;
        }
    }

  stream = g_memory_input_stream_new_from_bytes (png);
  return gdk_pixbuf_new_from_stream (stream, NULL, error);
}

/**
 * medialib_store_fill_palettes:
 * @cancellable: (nullable): stops between two images
 *
 * Computes the palette of the images that have none yet (those of a library from before
 * palettes) from their stored thumbnails. An image whose thumbnail cannot be read or made
 * is left for the next time. Blocks: the app runs it with medialib_store_fill_palettes_async().
 *
 * Returns: how many palettes were set
 */
guint
medialib_store_fill_palettes (MedialibStore *self,
                              GCancellable  *cancellable)
{
  g_autoptr(GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint filled = 0;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), 0);

  if (medialib_store_is_read_only (self))
    return 0;

  for (;;)
    {
      g_autoptr(GPtrArray) hashes = NULL;
      g_autoptr(GError) error = NULL;
      guint tried = 0;

      /* The ones that failed stay at the head of the list: ask past them */
      hashes = medialib_catalog_list_missing_palettes (self->catalog, g_hash_table_size (failed) + BATCH, &error);
      if (hashes == NULL)
        {
          g_debug ("Listing the images without a palette: %s", error->message);
          break;
        }

      for (guint i = 0; i < hashes->len; i++)
        {
          const char *sha256 = g_ptr_array_index (hashes, i);
          g_autoptr(GdkPixbuf) pixbuf = NULL;
          g_autofree char *palette = NULL;

          if (g_cancellable_is_cancelled (cancellable))
            return filled;
          if (g_hash_table_contains (failed, sha256))
            continue;

          tried++;
          if (!(pixbuf = read_thumbnail (self, sha256, &error)))
            {
              g_debug ("No palette for %s: %s", sha256, error ? error->message : "");
              g_clear_error (&error);
              g_hash_table_add (failed, g_strdup (sha256));
              continue;
            }

          palette = _medialib_store_palette_of (pixbuf);
          if (!medialib_catalog_set_palette (self->catalog, sha256, palette, &error))
            {
              g_debug ("Setting the palette of %s: %s", sha256, error->message);
              return filled;
            }
          filled++;
        }

      if (tried == 0)
        break;
    }

  if (filled > 0)
    g_debug ("Computed the palette of %u images", filled);

  return filled;
}

static void
fill_palettes_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_int (task, medialib_store_fill_palettes (source_object, cancellable));
}

void
medialib_store_fill_palettes_async (MedialibStore       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_fill_palettes_async);
  g_task_set_priority (task, G_PRIORITY_LOW);
  _medialib_task_run_in_background (task, fill_palettes_thread, "medialib-palettes");
}

/**
 * medialib_store_fill_palettes_finish:
 *
 * Returns: how many palettes were set
 */
guint
medialib_store_fill_palettes_finish (MedialibStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  gssize filled;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  filled = g_task_propagate_int (G_TASK (result), error);
  return filled > 0 ? (guint) filled : 0;
}
