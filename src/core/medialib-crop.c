/* medialib-crop.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-crop"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <math.h>

#include "medialib-asset-private.h"
#include "medialib-crop.h"
#include "medialib-gif.h"
#include "medialib-export.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"

/*
 * Crops with a fixed ratio are whole multiples of the reduced ratio (k × 29 by k × 10), so
 * that 29:10 or 3:5 is exact to the pixel, before and after scaling. Output is scaled down
 * to the preset's recommended (or maximum) size, never up.
 */

#define RATIO_TOLERANCE 0.01

/* The largest crop of exactly ratio_w:ratio_h inside the image, centered. */
void
medialib_crop_largest (int           image_width,
                       int           image_height,
                       int           ratio_w,
                       int           ratio_h,
                       MedialibRect *rect)
{
  int k;

  g_return_if_fail (rect != NULL);
  g_return_if_fail (ratio_w > 0 && ratio_h > 0);

  k = MIN (image_width / ratio_w, image_height / ratio_h);

  if (k >= 1)
    {
      rect->width = k * ratio_w;
      rect->height = k * ratio_h;
    }
  else
    {
      /* An image smaller than the reduced ratio: as close as whole pixels allow. */
      rect->width = image_width;
      rect->height = MAX (1, (int) lround ((double) image_width * ratio_h / ratio_w));
      if (rect->height > image_height)
        {
          rect->height = image_height;
          rect->width = MAX (1, (int) lround ((double) image_height * ratio_w / ratio_h));
        }
    }

  rect->x = (image_width - rect->width) / 2;
  rect->y = (image_height - rect->height) / 2;
}

/* What clicking a preset does: the largest centered crop of its ratio, else everything. */
void
medialib_crop_for_preset (const MedialibPreset *preset,
                          int                   image_width,
                          int                   image_height,
                          MedialibRect         *rect)
{
  int rw, rh;

  g_return_if_fail (preset != NULL);
  g_return_if_fail (rect != NULL);

  if (medialib_preset_get_ratio (preset, image_width, image_height, &rw, &rh))
    medialib_crop_largest (image_width, image_height, rw, rh, rect);
  else
    *rect = (MedialibRect) { 0, 0, image_width, image_height };
}

/* Shrinks @rect around its center to the largest exact multiple of the ratio. */
void
medialib_crop_to_ratio (MedialibRect *rect,
                        int           ratio_w,
                        int           ratio_h)
{
  MedialibRect inner;

  g_return_if_fail (rect != NULL);
  g_return_if_fail (ratio_w > 0 && ratio_h > 0);

  medialib_crop_largest (rect->width, rect->height, ratio_w, ratio_h, &inner);
  rect->x += inner.x;
  rect->y += inner.y;
  rect->width = inner.width;
  rect->height = inner.height;
}

/**
 * medialib_crop_check:
 *
 * A crop must lie inside the image and, for presets with a ratio, have that ratio within
 * 1 %.
 */
gboolean
medialib_crop_check (const MedialibPreset  *preset,
                     int                    image_width,
                     int                    image_height,
                     const MedialibRect    *rect,
                     GError               **error)
{
  int rw, rh;

  g_return_val_if_fail (preset != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rect->width < 1 || rect->height < 1 || rect->x < 0 || rect->y < 0 ||
      rect->x > image_width - rect->width || rect->y > image_height - rect->height)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: a crop rectangle x,y,width,height and the image's size */
                   _("the crop %d,%d,%d,%d is not inside the %d × %d image"),
                   rect->x, rect->y, rect->width, rect->height, image_width, image_height);
      return FALSE;
    }

  if (medialib_preset_get_ratio (preset, image_width, image_height, &rw, &rh))
    {
      double want = (double) rw / rh;
      double have = (double) rect->width / rect->height;

      if (fabs (have - want) / want > RATIO_TOLERANCE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: the crop's width and height, then the ratio it needs */
                       _("the crop is %d × %d, which is not %d:%d"),
                       rect->width, rect->height, rw, rh);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * medialib_crop_output_size:
 *
 * The size of the new image: the crop, scaled down to the preset's recommended size, or to
 * its maximum where it gives no recommendation. Never scaled up.
 */
void
medialib_crop_output_size (const MedialibPreset *preset,
                           const MedialibRect   *rect,
                           int                  *width,
                           int                  *height)
{
  int limit_w, limit_h;
  double scale = 1.0;
  int rw, rh;

  g_return_if_fail (preset != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (width != NULL);
  g_return_if_fail (height != NULL);

  limit_w = preset->recommended_width ? preset->recommended_width : preset->max_width;
  limit_h = preset->recommended_height ? preset->recommended_height : preset->max_height;

  if (limit_w > 0 && rect->width > limit_w)
    scale = MIN (scale, (double) limit_w / rect->width);
  if (limit_h > 0 && rect->height > limit_h)
    scale = MIN (scale, (double) limit_h / rect->height);

  if (scale >= 1.0)
    {
      *width = rect->width;
      *height = rect->height;
      return;
    }

  /* Whole multiples of a fixed ratio stay exact. */
  if (medialib_preset_get_ratio (preset, rect->width, rect->height, &rw, &rh) &&
      preset->ratio_kind == MEDIALIB_RATIO_FIXED &&
      rect->width % rw == 0 && rect->height % rh == 0 && rect->width / rw == rect->height / rh)
    {
      int k = MAX (1, (int) floor ((double) (rect->width / rw) * scale + 1e-9));

      *width = k * rw;
      *height = k * rh;
      return;
    }

  *width = MAX (1, (int) floor (rect->width * scale + 1e-9));
  *height = MAX (1, (int) floor (rect->height * scale + 1e-9));
}

MedialibCropWarnings
medialib_crop_warnings (const MedialibPreset *preset,
                        const MedialibRect   *rect,
                        gboolean              is_gif)
{
  MedialibCropWarnings warnings = 0;
  int min_w, min_h;
  int out_w, out_h;

  g_return_val_if_fail (preset != NULL, 0);
  g_return_val_if_fail (rect != NULL, 0);

  min_w = preset->min_width ? preset->min_width : 0;
  min_h = preset->min_height ? preset->min_height : 0;

  /* A size given as the image quality ("60 px by 60 px") is the least it needs. */
  if (min_w == 0 && min_h == 0 && preset->recommended_width > 0)
    {
      min_w = preset->recommended_width;
      min_h = preset->recommended_height;
    }

  if ((min_w && rect->width < min_w) || (min_h && rect->height < min_h))
    warnings |= MEDIALIB_CROP_WARNING_BELOW_MINIMUM;

  medialib_crop_output_size (preset, rect, &out_w, &out_h);
  if (out_w < rect->width || out_h < rect->height)
    warnings |= MEDIALIB_CROP_WARNING_SCALED_DOWN;

  if (is_gif && preset->no_gif)
    warnings |= MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED;

  return warnings;
}

/**
 * medialib_crop_describe_warnings:
 *
 * Returns: (transfer full) (nullable): one sentence per warning, one per line
 */
char *
medialib_crop_describe_warnings (const MedialibPreset *preset,
                                 MedialibCropWarnings  warnings)
{
  g_autoptr(GString) text = NULL;
  int min_w, min_h;

  g_return_val_if_fail (preset != NULL, NULL);

  text = g_string_new (NULL);
  min_w = preset->min_width ? preset->min_width : preset->recommended_width;
  min_h = preset->min_height ? preset->min_height : preset->recommended_height;

  if (warnings & MEDIALIB_CROP_WARNING_BELOW_MINIMUM)
    {
      if (min_h > 0)
        g_string_append_printf (text, _("The crop is smaller than the %d × %d pixels this channel needs: it may look blurry."),
                                min_w, min_h);
      else
        g_string_append_printf (text, _("The crop is narrower than the %d pixels this channel needs: it may look blurry."),
                                min_w);
      g_string_append_c (text, '\n');
    }

  if (warnings & MEDIALIB_CROP_WARNING_SCALED_DOWN)
    {
      g_string_append (text, _("The image will be scaled down to the channel’s size."));
      g_string_append_c (text, '\n');
    }

  if (warnings & MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED)
    {
      g_string_append (text, _("Android rich notifications do not support GIFs: the crop is saved as a PNG of the first frame."));
      g_string_append_c (text, '\n');
    }

  if (warnings & MEDIALIB_CROP_WARNING_TOO_HEAVY)
    {
      g_autofree char *limit = g_format_size ((guint64) preset->max_bytes);

      g_string_append_printf (text, _("The file is larger than the %s this channel accepts."), limit);
      g_string_append_c (text, '\n');
    }

  if (text->len == 0)
    return NULL;

  g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
medialib_crop_move (MedialibRect *rect,
                    int           dx,
                    int           dy,
                    int           image_width,
                    int           image_height)
{
  g_return_if_fail (rect != NULL);

  rect->x = CLAMP (rect->x + dx, 0, MAX (0, image_width - rect->width));
  rect->y = CLAMP (rect->y + dy, 0, MAX (0, image_height - rect->height));
}

static gboolean
handle_moves_left (MedialibHandle handle)
{
  return handle == MEDIALIB_HANDLE_TOP_LEFT || handle == MEDIALIB_HANDLE_LEFT ||
         handle == MEDIALIB_HANDLE_BOTTOM_LEFT;
}

static gboolean
handle_moves_right (MedialibHandle handle)
{
  return handle == MEDIALIB_HANDLE_TOP_RIGHT || handle == MEDIALIB_HANDLE_RIGHT ||
         handle == MEDIALIB_HANDLE_BOTTOM_RIGHT;
}

static gboolean
handle_moves_top (MedialibHandle handle)
{
  return handle == MEDIALIB_HANDLE_TOP_LEFT || handle == MEDIALIB_HANDLE_TOP ||
         handle == MEDIALIB_HANDLE_TOP_RIGHT;
}

static gboolean
handle_moves_bottom (MedialibHandle handle)
{
  return handle == MEDIALIB_HANDLE_BOTTOM_LEFT || handle == MEDIALIB_HANDLE_BOTTOM ||
         handle == MEDIALIB_HANDLE_BOTTOM_RIGHT;
}

/**
 * medialib_crop_resize:
 * @ratio_w: the locked ratio, or 0 for a free crop
 *
 * Drags a handle by (@dx, @dy) source pixels. The opposite corner (or edge) stays where it
 * is; with a ratio, the crop keeps it exactly and an edge handle keeps the crop centered on
 * the other axis. The crop always stays inside the image and at least one pixel (one unit
 * of the ratio) large.
 */
void
medialib_crop_resize (MedialibRect   *rect,
                      MedialibHandle  handle,
                      int             dx,
                      int             dy,
                      int             ratio_w,
                      int             ratio_h,
                      int             image_width,
                      int             image_height)
{
  int left, top, right, bottom;
  gboolean corner;
  int w, h, max_w, max_h, k;
  double cx, cy;

  g_return_if_fail (rect != NULL);

  left = rect->x;
  top = rect->y;
  right = rect->x + rect->width;
  bottom = rect->y + rect->height;

  if (handle == MEDIALIB_HANDLE_MOVE)
    {
      medialib_crop_move (rect, dx, dy, image_width, image_height);
      return;
    }

  if (handle_moves_left (handle))
    left = CLAMP (left + dx, 0, right - 1);
  if (handle_moves_right (handle))
    right = CLAMP (right + dx, left + 1, image_width);
  if (handle_moves_top (handle))
    top = CLAMP (top + dy, 0, bottom - 1);
  if (handle_moves_bottom (handle))
    bottom = CLAMP (bottom + dy, top + 1, image_height);

  if (ratio_w <= 0 || ratio_h <= 0)
    {
      *rect = (MedialibRect) { left, top, right - left, bottom - top };
      return;
    }

  corner = (handle_moves_left (handle) || handle_moves_right (handle)) &&
           (handle_moves_top (handle) || handle_moves_bottom (handle));
  w = right - left;
  h = bottom - top;
  cx = rect->x + rect->width / 2.0;
  cy = rect->y + rect->height / 2.0;

  /* Which side drives the size */
  if (corner)
    {
      if ((double) w / ratio_w >= (double) h / ratio_h)
        h = (int) lround ((double) w * ratio_h / ratio_w);
      else
        w = (int) lround ((double) h * ratio_w / ratio_h);
    }
  else if (handle == MEDIALIB_HANDLE_LEFT || handle == MEDIALIB_HANDLE_RIGHT)
    h = (int) lround ((double) w * ratio_h / ratio_w);
  else
    w = (int) lround ((double) h * ratio_w / ratio_h);

  /* Room from the fixed corner or edge */
  if (handle_moves_left (handle))
    max_w = rect->x + rect->width;
  else if (handle_moves_right (handle))
    max_w = image_width - rect->x;
  else
    max_w = (int) floor (2 * MIN (cx, image_width - cx));

  if (handle_moves_top (handle))
    max_h = rect->y + rect->height;
  else if (handle_moves_bottom (handle))
    max_h = image_height - rect->y;
  else
    max_h = (int) floor (2 * MIN (cy, image_height - cy));

  /* Whole units of the ratio, within the room */
  k = MAX (1, (int) lround ((double) w / ratio_w));
  k = MIN (k, MIN (max_w / ratio_w, max_h / ratio_h));
  if (k < 1)
    return;   /* not even one unit of the ratio fits: leave the crop as it is */

  w = k * ratio_w;
  h = k * ratio_h;

  if (handle_moves_left (handle))
    rect->x = rect->x + rect->width - w;
  else if (!handle_moves_right (handle))
    rect->x = (int) lround (cx - w / 2.0);

  if (handle_moves_top (handle))
    rect->y = rect->y + rect->height - h;
  else if (!handle_moves_bottom (handle))
    rect->y = (int) lround (cy - h / 2.0);

  rect->width = w;
  rect->height = h;
  rect->x = CLAMP (rect->x, 0, image_width - w);
  rect->y = CLAMP (rect->y, 0, image_height - h);
}

/**
 * medialib_crop_output_name:
 *
 * Returns: (transfer full): "NAME (Preset label).ext", the extension of the output format
 */
char *
medialib_crop_output_name (const char           *name,
                           const MedialibPreset *preset,
                           const char           *mime)
{
  const char *dot;
  g_autofree char *stem = NULL;
  const char *suffix;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (preset != NULL, NULL);
  g_return_val_if_fail (mime != NULL, NULL);

  dot = strrchr (name, '.');
  stem = dot && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  if (g_str_equal (mime, "image/jpeg"))
    suffix = ".jpg";
  else if (g_str_equal (mime, "image/gif"))
    suffix = ".gif";
  else
    suffix = ".png";

  return g_strdup_printf ("%s (%s)%s", stem, medialib_preset_get_label (preset), suffix);
}

/* The asset's image, read from the store's blobs, turned as its EXIF orientation says;
 * its bytes in @bytes_out */
static GdkPixbuf *
load_oriented (MedialibStore  *store,
               MedialibAsset  *asset,
               GBytes        **bytes_out,
               GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_assert (MEDIALIB_IS_STORE (store));
  g_assert (MEDIALIB_IS_ASSET (asset));
  g_assert (bytes_out != NULL && *bytes_out == NULL);

  bytes = medialib_blob_store_read (store->blobs, MEDIALIB_BLOB_MEDIA, medialib_asset_get_sha256 (asset),
                                    _medialib_media_suffix (medialib_asset_get_mime (asset)), error);
  if (bytes == NULL)
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (bytes);
  g_atomic_int_inc (&_medialib_store_decoded);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL)
    return NULL;

  *bytes_out = g_steal_pointer (&bytes);
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* Every frame of an animated GIF cropped into a new GIF: it is checked (and decoded) like
 * an import, which says it is animated and makes its thumbnail */
static MedialibAsset *
crop_animated (MedialibStore         *self,
               MedialibAsset         *asset,
               const MedialibPreset  *preset,
               GBytes                *original,
               const MedialibRect    *crop,
               int                    out_w,
               int                    out_h,
               MedialibCropWarnings   found,
               MedialibCropWarnings  *warnings,
               GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gsize limit = MEDIALIB_GIF_MAX_CROP_BYTES;
  gint64 id;

  g_assert (original != NULL);

  if (preset->max_bytes > 0 && (gsize) preset->max_bytes < limit)
    limit = (gsize) preset->max_bytes;

  bytes = medialib_gif_crop (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                             crop->x, crop->y, crop->width, crop->height, out_w, out_h, limit, error);
  if (bytes == NULL)
    return NULL;

  name = medialib_crop_output_name (medialib_asset_get_name (asset), preset, "image/gif");
  id = _medialib_store_add_encoded (self, bytes, NULL, name, "crop", medialib_asset_get_id (asset),
                                    medialib_asset_get_tags (asset), medialib_asset_get_teams (asset),
                                    error);
  if (id == 0)
    return NULL;

  if (warnings != NULL)
    *warnings = found;

  return medialib_store_get_asset (self, id, error);
}

/**
 * medialib_store_crop:
 * @rect: (nullable): the crop in source pixels, or %NULL for the preset's largest
 *   crop over the image's most interesting part (medialib_smartcrop_for_preset())
 * @warnings: (out) (optional): what the person should know about the result
 *
 * Makes a new asset from part of an image: source "crop", the original as parent, its tags
 * and teams, named "NAME (Preset label)". The original is untouched. An animated GIF
 * stays an animated GIF, every frame cropped (medialib_gif_crop()), unless the channel
 * takes no GIFs; a still GIF, or one for such a channel, becomes a PNG of its first frame.
 * Blocks: call it from a worker thread in the app.
 *
 * Returns: (transfer full): the new asset
 */
MedialibAsset *
medialib_store_crop (MedialibStore         *self,
                     MedialibAsset         *asset,
                     const MedialibPreset  *preset,
                     const MedialibRect    *rect,
                     MedialibCropWarnings  *warnings,
                     GError               **error)
{
  g_autoptr(GdkPixbuf) source = NULL;
  g_autoptr(GdkPixbuf) cropped = NULL;
  g_autoptr(GdkPixbuf) output = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *name = NULL;
  const char *mime;
  const char *out_mime;
  MedialibCropWarnings found;
  MedialibRect crop;
  gsize length = 0;
  int out_w, out_h, rw, rh;
  gint64 id;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);
  g_return_val_if_fail (preset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mime = medialib_asset_get_mime (asset);

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not an image and cannot be cropped"), medialib_asset_get_name (asset));
      return NULL;
    }

  if (!(source = load_oriented (self, asset, &original, error)))
    return NULL;

  if (rect != NULL)
    crop = *rect;
  else
    {
      MedialibPixels pixels;

      /* The preset's box over the image's most interesting part */
      medialib_pixels_init_from_pixbuf (&pixels, source);
      medialib_smartcrop_for_preset (preset, &pixels, &crop);
    }

  if (preset->ratio_kind == MEDIALIB_RATIO_FREE && rect == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("a free crop needs a rectangle"));
      return NULL;
    }

  if (!medialib_crop_check (preset, gdk_pixbuf_get_width (source), gdk_pixbuf_get_height (source),
                            &crop, error))
    return NULL;

  if (preset->ratio_kind == MEDIALIB_RATIO_FIXED &&
      medialib_preset_get_ratio (preset, 0, 0, &rw, &rh))
    medialib_crop_to_ratio (&crop, rw, rh);

  found = medialib_crop_warnings (preset, &crop, g_str_equal (mime, "image/gif"));
  medialib_crop_output_size (preset, &crop, &out_w, &out_h);

  /* An animation stays one, where the channel takes GIFs */
  if (g_str_equal (mime, "image/gif") && medialib_asset_get_animated (asset) && !preset->no_gif)
    return crop_animated (self, asset, preset, original, &crop, out_w, out_h, found, warnings, error);

  cropped = gdk_pixbuf_new_subpixbuf (source, crop.x, crop.y, crop.width, crop.height);
  if (out_w != crop.width || out_h != crop.height)
    output = gdk_pixbuf_scale_simple (cropped, out_w, out_h, GDK_INTERP_HYPER);
  else
    output = g_object_ref (cropped);

  if (g_str_equal (mime, "image/jpeg"))
    {
      out_mime = "image/jpeg";
      if (!gdk_pixbuf_save_to_buffer (output, &buffer, &length, "jpeg", error, "quality", "90", NULL))
        return NULL;
    }
  else
    {
      out_mime = "image/png";
      if (!gdk_pixbuf_save_to_buffer (output, &buffer, &length, "png", error, NULL))
        return NULL;
    }

  if (preset->max_bytes > 0 && (gint64) length > preset->max_bytes)
    found |= MEDIALIB_CROP_WARNING_TOO_HEAVY;

  bytes = g_bytes_new_take (g_steal_pointer (&buffer), length);
  name = medialib_crop_output_name (medialib_asset_get_name (asset), preset, out_mime);
  /* Our own encoder's bytes: checked without being decoded again, thumbnail from @output */
  id = _medialib_store_add_encoded (self, bytes, output, name, "crop", medialib_asset_get_id (asset),
                                    medialib_asset_get_tags (asset), medialib_asset_get_teams (asset),
                                    error);
  if (id == 0)
    return NULL;
  _medialib_store_record_crop_origin (self, id, asset, preset->key, crop.x, crop.y, crop.width, crop.height);

  if (warnings != NULL)
    *warnings = found;

  return medialib_store_get_asset (self, id, error);
}

typedef struct
{
  MedialibAsset        *asset;
  const MedialibPreset *preset;
  MedialibRect          rect;
  gboolean              has_rect;
  MedialibCropWarnings  warnings;
} CropData;

static void
crop_data_free (CropData *data)
{
  g_assert (data != NULL);

  g_clear_object (&data->asset);
  g_free (data);
}

static void
crop_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CropData *data = task_data;
  GError *error = NULL;
  MedialibAsset *asset;

  g_assert (G_IS_TASK (task));
  g_assert (MEDIALIB_IS_STORE (source_object));
  g_assert (data != NULL);

  asset = medialib_store_crop (source_object, data->asset, data->preset,
                               data->has_rect ? &data->rect : NULL, &data->warnings, &error);
  if (asset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, asset, g_object_unref);
}

void
medialib_store_crop_async (MedialibStore        *self,
                           MedialibAsset        *asset,
                           const MedialibPreset *preset,
                           const MedialibRect   *rect,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CropData *data;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (preset != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (CropData, 1);
  data->asset = g_object_ref (asset);
  data->preset = preset;
  data->has_rect = rect != NULL;
  if (rect != NULL)
    data->rect = *rect;

  g_task_set_source_tag (task, medialib_store_crop_async);
  g_task_set_task_data (task, data, (GDestroyNotify) crop_data_free);
  g_task_run_in_thread (task, crop_thread);
}

/**
 * medialib_store_crop_finish:
 *
 * Returns: (transfer full): the new asset
 */
MedialibAsset *
medialib_store_crop_finish (MedialibStore         *self,
                            GAsyncResult          *result,
                            MedialibCropWarnings  *warnings,
                            GError               **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = ((CropData *) g_task_get_task_data (G_TASK (result)))->warnings;

  return g_task_propagate_pointer (G_TASK (result), error);
}
