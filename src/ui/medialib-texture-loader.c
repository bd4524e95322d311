/* medialib-texture-loader.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-texture-loader"

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-folder-blobs.h"
#include "medialib-texture-loader.h"

/*
 * The one place where files and bytes become textures, on a worker thread: for the
 * thumbnail cache, the details pane's preview, the crop dialog, the generator's variants
 * and copying an image. GDK's own loaders read a file as it is; a texture that must be
 * smaller, or turned as the image's EXIF orientation says, is decoded with GdkPixbuf.
 * Decoding is GTK's business, so this stays beside the widgets; the store's work is done
 * by the core's own async calls.
 */

typedef struct
{
  char                 *path;
  GBytes               *bytes;
  int                   max_size;
  MedialibTextureFlags  flags;
} Load;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_free (load);
}

/* The pixbuf's pixels, shared, as a texture */
static GdkTexture *
texture_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (gdk_pixbuf_get_pixels (pixbuf),
                                                        gdk_pixbuf_get_byte_length (pixbuf),
                                                        g_object_unref, g_object_ref (pixbuf));

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf)
                                   ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 bytes, gdk_pixbuf_get_rowstride (pixbuf));
}

/**
 * medialib_texture_load:
 * @max_size: the longest side the texture may have (the image is scaled down to fit), or 0
 *   for the image's own size
 *
 * Decodes the image file at @path. Blocks: call it on a worker thread, or use
 * medialib_texture_load_async().
 *
 * Returns: (transfer full): the texture
 */
GdkTexture *
medialib_texture_load (const char            *path,
                       int                    max_size,
                       MedialibTextureFlags   flags,
                       GError               **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (max_size <= 0 && !(flags & MEDIALIB_TEXTURE_ORIENTED))
    return gdk_texture_new_from_filename (path, error);

  if (max_size > 0)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, max_size, max_size, TRUE, error);
  else
    pixbuf = gdk_pixbuf_new_from_file (path, error);
  if (pixbuf == NULL)
    return NULL;

  if (flags & MEDIALIB_TEXTURE_ORIENTED)
    {
      g_autoptr(GdkPixbuf) oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

      return texture_for_pixbuf (oriented);
    }

  return texture_for_pixbuf (pixbuf);
}

/**
 * medialib_texture_in_default_format:
 * @texture: (transfer full) (nullable): a texture
 *
 * @texture in the format that renderers take as it is, %GDK_MEMORY_DEFAULT (cairo's own):
 * the cairo renderer otherwise converts a texture row by row on the main thread the first
 * time it draws it (12 million instructions for the first screen's 16 thumbnails). For the
 * textures of a first screen, made ahead of it: converting every thumbnail loaded while the
 * grid scrolls took the processor from the frames. Blocks: call it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the texture, or a copy of it in that format
 */
GdkTexture *
medialib_texture_in_default_format (GdkTexture *texture)
{
  g_autoptr(GdkTextureDownloader) downloader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *converted;
  gsize stride;

  if (texture == NULL || gdk_texture_get_format (texture) == GDK_MEMORY_DEFAULT)
    return texture;

  downloader = gdk_texture_downloader_new (texture);
  gdk_texture_downloader_set_format (downloader, GDK_MEMORY_DEFAULT);
  bytes = gdk_texture_downloader_download_bytes (downloader, &stride);
  converted = gdk_memory_texture_new (gdk_texture_get_width (texture),
                                      gdk_texture_get_height (texture),
                                      GDK_MEMORY_DEFAULT, bytes, stride);
  g_object_unref (texture);

  return converted;
}

/**
 * medialib_texture_scale:
 * @width: the width of the new texture
 * @height: its height
 *
 * @texture scaled to @width × @height, in %GDK_MEMORY_DEFAULT, by the linear filter with
 * which a tile draws a thumbnail at another size (cairo's own, as GTK's cairo renderer
 * scales it). Blocks: call it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the new texture, or %NULL when cairo cannot make an
 *   image of that size
 */
GdkTexture *
medialib_texture_scale (GdkTexture *texture,
                        int         width,
                        int         height)
{
  g_autoptr(GdkTexture) source = NULL;
  g_autoptr(GdkTextureDownloader) downloader = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *from, *to;
  cairo_t *cr;
  gsize stride;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: the texture's own pixels, when it is in it */
  source = medialib_texture_in_default_format (g_object_ref (texture));
  downloader = gdk_texture_downloader_new (source);
  pixels = gdk_texture_downloader_download_bytes (downloader, &stride);
  from = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (pixels, NULL),
                                              CAIRO_FORMAT_ARGB32,
                                              gdk_texture_get_width (source),
                                              gdk_texture_get_height (source), stride);
  to = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (from) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status (to) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (from);
      cairo_surface_destroy (to);
      return NULL;
    }

  cr = cairo_create (to);
  cairo_scale (cr, (double) width / gdk_texture_get_width (source),
               (double) height / gdk_texture_get_height (source));
  cairo_set_source_surface (cr, from, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (from);
  cairo_surface_flush (to);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (to),
                                      (gsize) cairo_image_surface_get_stride (to) * height,
                                      (GDestroyNotify) cairo_surface_destroy, to);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                 cairo_image_surface_get_stride (to));
}

static G_DEFINE_QUARK (medialib-texture-fitted, fitted)

/**
 * medialib_texture_set_fitted:
 * @texture: a texture no other thread sees yet
 * @fitted: (transfer none): @texture at the size it is to be drawn at
 *
 * Keeps with @texture a copy at the size a widget is to draw it at, made on a worker: a
 * renderer then draws that copy as it is, where scaling @texture would take the main
 * thread's time (medialib_texture_get_fitted()).
 */
void
medialib_texture_set_fitted (GdkTexture *texture,
                             GdkTexture *fitted)
{
  g_return_if_fail (GDK_IS_TEXTURE (texture));
  g_return_if_fail (GDK_IS_TEXTURE (fitted));

  g_object_set_qdata_full (G_OBJECT (texture), fitted_quark (), g_object_ref (fitted), g_object_unref);
}

/**
 * medialib_texture_get_fitted:
 *
 * Returns: (transfer none) (nullable): the copy of @texture that medialib_texture_set_fitted()
 *   keeps with it, if any
 */
GdkTexture *
medialib_texture_get_fitted (GdkTexture *texture)
{
  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  return g_object_get_qdata (G_OBJECT (texture), fitted_quark ());
}

/* The copy at PATH of a decoded image, if it is at least as new as SOURCE */
static GdkTexture *
load_copy (const char *path,
           GStatBuf   *source)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  GStatBuf copy;

  if (path == NULL || g_stat (path, &copy) != 0 || copy.st_mtime < source->st_mtime)
    return NULL;

  /* A damaged copy is made again */
  if ((texture = gdk_texture_new_from_filename (path, &error)) == NULL)
    g_debug ("%s is made again: %s", path, error->message);

  return texture;
}

/* Best effort: a copy that cannot be written (a read-only library) is made again next time */
static void
keep_copy (GdkPixbuf  *pixbuf,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  gsize length;

  /* Next to the thumbnail, whose folder is there */
  if (path == NULL || !g_file_test ((dir = g_path_get_dirname (path)), G_FILE_TEST_IS_DIR))
    return;

  /* Written whole under a temporary name that the sweep knows as a leftover, then renamed
   * (not synced: it is a copy) */
  if (!(alpha ? gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", &error, "compression", "3", NULL)
              : gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "jpeg", &error, "quality", "90", NULL)) ||
      !_medialib_write_file_atomic (path, data, length, FALSE, &error))
    g_debug ("No copy of the texture at %s: %s", path, error->message);
}

/**
 * medialib_texture_load_with_copy:
 * @path: an image file
 * @max_size: the longest side the texture may have (the image is scaled to fit), more than 0
 * @copy_path: where the texture is kept when it has no transparency (a JPEG file)
 * @alpha_copy_path: where it is kept when it has (a PNG file)
 *
 * medialib_texture_load() at @max_size, through a copy of the texture at that size, made
 * once: decoding the copy takes a small part of the time that decoding @path and scaling it
 * take (0.14 against 2.0 ms for a 512-pixel PNG thumbnail shown at 320 pixels). A copy
 * older than @path is made again. Blocks: call it on a worker thread.
 *
 * Returns: (transfer full): the texture
 */
GdkTexture *
medialib_texture_load_with_copy (const char  *path,
                                 int          max_size,
                                 const char  *copy_path,
                                 const char  *alpha_copy_path,
                                 GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkTexture *texture;
  GStatBuf source;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (g_stat (path, &source) == 0 &&
      ((texture = load_copy (copy_path, &source)) != NULL ||
       (texture = load_copy (alpha_copy_path, &source)) != NULL))
    return texture;

  if ((pixbuf = gdk_pixbuf_new_from_file_at_scale (path, max_size, max_size, TRUE, error)) == NULL)
    return NULL;
  keep_copy (pixbuf, gdk_pixbuf_get_has_alpha (pixbuf) ? alpha_copy_path : copy_path);

  return texture_for_pixbuf (pixbuf);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (load->bytes != NULL)
    texture = gdk_texture_new_from_bytes (load->bytes, &error);
  else
    texture = medialib_texture_load (load->path, load->max_size, load->flags, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
run (Load                *load,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, medialib_texture_load_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * medialib_texture_load_async:
 *
 * medialib_texture_load() on a worker thread.
 */
void
medialib_texture_load_async (const char           *path,
                             int                   max_size,
                             MedialibTextureFlags  flags,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  Load *load;

  g_return_if_fail (path != NULL);

  load = g_new0 (Load, 1);
  load->path = g_strdup (path);
  load->max_size = max_size;
  load->flags = flags;
  run (load, cancellable, callback, user_data);
}

/**
 * medialib_texture_load_bytes_async:
 *
 * Decodes an image in memory with GDK's own loaders, on a worker thread.
 */
void
medialib_texture_load_bytes_async (GBytes              *bytes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Load *load;

  g_return_if_fail (bytes != NULL);

  load = g_new0 (Load, 1);
  load->bytes = g_bytes_ref (bytes);
  run (load, cancellable, callback, user_data);
}

/**
 * medialib_texture_load_finish:
 *
 * Returns: (transfer full): the texture, or %NULL with @error set (also when cancelled)
 */
GdkTexture *
medialib_texture_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_texture_load_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
