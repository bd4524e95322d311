/* medialib-export.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <unistd.h>

#include "medialib-asset-private.h"
#include "medialib-export.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"

/*
 * Export writes, for each chosen preset, the asset cropped to the preset's ratio (at the
 * smart position unless a crop is given) and scaled down to its recommended size, into a
 * folder, with a manifest.json that lists them. A GIF goes through medialib_store_crop(),
 * whatever that makes of GIFs; the other images are cropped and encoded here, as JPEG
 * for a JPEG and PNG otherwise, like a crop.
 */

void
medialib_pixels_init_from_pixbuf (MedialibPixels *pixels,
                                  GdkPixbuf      *pixbuf)
{
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (GDK_IS_PIXBUF (pixbuf));

  pixels->pixels = gdk_pixbuf_read_pixels (pixbuf);
  pixels->width = gdk_pixbuf_get_width (pixbuf);
  pixels->height = gdk_pixbuf_get_height (pixbuf);
  pixels->rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels->n_channels = gdk_pixbuf_get_n_channels (pixbuf);
}

/* The presets of messaging channels: not "Free" nor "Original ratio" */
gboolean
medialib_export_is_channel_preset (const MedialibPreset *preset)
{
  g_return_val_if_fail (preset != NULL, FALSE);

  return !g_str_equal (preset->channel, "general");
}

/**
 * medialib_export_parse_channels:
 * @spec: "all", or preset keys separated by commas
 *
 * Returns: (transfer full): #MedialibExportChoice elements without crops, or %NULL
 */
GArray *
medialib_export_parse_channels (const char  *spec,
                                GError     **error)
{
  g_autoptr(GArray) choices = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *stripped = NULL;
  const GPtrArray *presets = medialib_presets_get ();

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  choices = g_array_new (FALSE, TRUE, sizeof (MedialibExportChoice));

  stripped = g_strstrip (g_strdup (spec));
  if (g_str_equal (stripped, "all"))
    {
      for (guint i = 0; i < presets->len; i++)
        {
          MedialibExportChoice choice = { g_ptr_array_index (presets, i), { 0, }, FALSE };

          if (medialib_export_is_channel_preset (choice.preset))
            g_array_append_val (choices, choice);
        }
      return g_steal_pointer (&choices);
    }

  keys = g_strsplit (spec, ",", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      MedialibExportChoice choice = { NULL, { 0, }, FALSE };
      const char *key = g_strstrip (keys[i]);
      gboolean seen = FALSE;

      if (*key == '\0')
        continue;

      choice.preset = medialib_presets_lookup (key);
      if (choice.preset == NULL || !medialib_export_is_channel_preset (choice.preset))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("there is no channel preset “%s” (see “medialib presets”)"), key);
          return NULL;
        }

      for (guint j = 0; j < choices->len; j++)
        seen |= g_array_index (choices, MedialibExportChoice, j).preset == choice.preset;
      if (!seen)
        g_array_append_val (choices, choice);
    }

  if (choices->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("no channel preset given"));
      return NULL;
    }

  return g_steal_pointer (&choices);
}

/**
 * medialib_export_file_name:
 *
 * Returns: (transfer full): "NAME (Channel · Layout).ext", safe as a file name
 */
char *
medialib_export_file_name (const char           *name,
                           const MedialibPreset *preset,
                           const char           *mime)
{
  g_autofree char *label = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *file = NULL;
  const char *dot;
  const char *suffix;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (preset != NULL, NULL);
  g_return_val_if_fail (mime != NULL, NULL);

  dot = strrchr (name, '.');
  stem = dot && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  label = medialib_preset_dup_full_label (preset);
  suffix = g_str_equal (mime, "image/jpeg") ? ".jpg" : g_str_equal (mime, "image/gif") ? ".gif" : ".png";
  file = g_strdup_printf ("%s (%s)%s", stem, label, suffix);

  /* No folder separators, control characters or characters other systems refuse */
  for (char *p = file; *p != '\0'; p++)
    if (strchr ("/\\:*?\"<>|", *p) != NULL || (guchar) *p < 0x20)
      *p = '_';

  if (file[0] == '.')
    file[0] = '_';

  return g_steal_pointer (&file);
}

/**
 * medialib_export_output_size:
 *
 * A preset with a ratio: its recommended size, as a crop has it; one without: its maximum
 * width (and height). Never larger than the crop.
 */
void
medialib_export_output_size (const MedialibPreset *preset,
                             const MedialibRect   *rect,
                             int                  *width,
                             int                  *height)
{
  double scale = 1.0;

  g_return_if_fail (preset != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (width != NULL && height != NULL);

  if (preset->ratio_kind == MEDIALIB_RATIO_FIXED || preset->max_width == 0)
    {
      medialib_crop_output_size (preset, rect, width, height);
      return;
    }

  if (rect->width > preset->max_width)
    scale = (double) preset->max_width / rect->width;
  if (preset->max_height > 0 && rect->height * scale > preset->max_height)
    scale = (double) preset->max_height / rect->height;

  *width = MAX (1, (int) (rect->width * scale + 0.5));
  *height = MAX (1, (int) (rect->height * scale + 0.5));
  *width = MIN (*width, rect->width);
  *height = MIN (*height, rect->height);
}

void
medialib_export_result_free (MedialibExportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->file);
  g_free (result);
}

static const char * const warning_keys[] = { "below-minimum", "scaled-down", "gif-unsupported", "too-heavy" };

/**
 * medialib_export_manifest:
 *
 * Returns: (transfer full): the manifest: a "files" array of { file, preset, label, width,
 *   height, bytes, crop (x, y, width, height in the source), warnings (keys), messages }, and
 *   "asset" where the file was added to the library
 */
JsonNode *
medialib_export_manifest (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (results != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; i < results->len; i++)
    {
      const MedialibExportResult *r = g_ptr_array_index (results, i);
      g_autofree char *label = medialib_preset_dup_full_label (r->preset);
      g_autofree char *text = medialib_crop_describe_warnings (r->preset, r->warnings);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, r->file);
      json_builder_set_member_name (builder, "preset");
      json_builder_add_string_value (builder, r->preset->key);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, r->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, r->height);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, r->bytes);
      json_builder_set_member_name (builder, "crop");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, r->rect.x);
      json_builder_add_int_value (builder, r->rect.y);
      json_builder_add_int_value (builder, r->rect.width);
      json_builder_add_int_value (builder, r->rect.height);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint w = 0; w < G_N_ELEMENTS (warning_keys); w++)
        if (r->warnings & (1 << w))
          json_builder_add_string_value (builder, warning_keys[w]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "messages");
      json_builder_begin_array (builder);
      if (text != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            json_builder_add_string_value (builder, lines[l]);
        }
      json_builder_end_array (builder);
      if (r->crop_id > 0)
        {
          json_builder_set_member_name (builder, "asset");
          json_builder_add_int_value (builder, r->crop_id);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * medialib_store_load_image:
 *
 * The asset's image, turned as its EXIF orientation says. Blocks.
 *
 * Returns: (transfer full): the image, or %NULL
 */
GdkPixbuf *
medialib_store_load_image (MedialibStore  *self,
                           MedialibAsset  *asset,
                           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not an image and cannot be exported for channels"),
                   medialib_asset_get_name (asset));
      return NULL;
    }

  bytes = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_MEDIA, medialib_asset_get_sha256 (asset),
                                    _medialib_media_suffix (medialib_asset_get_mime (asset)), error);
  if (bytes == NULL)
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (bytes);
  g_atomic_int_inc (&_medialib_store_decoded);
  if (!(pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error)))
    return NULL;

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/**
 * medialib_export_load_preview:
 *
 * The image in @path, at most @size pixels a side, turned upright: what the app measures
 * the smart crop on. Blocks.
 *
 * Returns: (transfer full): the preview, or %NULL
 */
GdkPixbuf *
medialib_export_load_preview (const char  *path,
                              int          size,
                              GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  if (!(pixbuf = gdk_pixbuf_new_from_file_at_scale (path, size, size, TRUE, error)))
    return NULL;

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  if (g_mkdir_with_parents (folder, 0755) != 0 || g_access (folder, W_OK) != 0 ||
      !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write to the folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* A GIF: whatever the crop makes of it, read back, and the crop removed unless kept */
static GBytes *
export_through_crop (MedialibStore         *self,
                     MedialibAsset         *asset,
                     MedialibExportResult  *result,
                     gboolean               keep,
                     char                 **mime,
                     GError               **error)
{
  g_autoptr(MedialibAsset) crop = NULL;
  GBytes *bytes;

  crop = medialib_store_crop (self, asset, result->preset, &result->rect, &result->warnings, error);
  if (crop == NULL)
    return NULL;

  bytes = medialib_blob_store_read (self->blobs, MEDIALIB_BLOB_MEDIA, medialib_asset_get_sha256 (crop),
                                    _medialib_media_suffix (medialib_asset_get_mime (crop)), error);
  result->width = medialib_asset_get_width (crop);
  result->height = medialib_asset_get_height (crop);
  *mime = g_strdup (medialib_asset_get_mime (crop));

  if (keep)
    result->crop_id = medialib_asset_get_id (crop);
  else if (!medialib_store_delete (self, medialib_asset_get_id (crop), bytes ? error : NULL))
    g_clear_pointer (&bytes, g_bytes_unref);

  return bytes;
}

static GBytes *
export_one (MedialibStore         *self,
            MedialibAsset         *asset,
            GdkPixbuf             *source,
            MedialibExportResult  *result,
            gboolean               keep,
            char                 **mime,
            GError               **error)
{
  g_autoptr(GdkPixbuf) cropped = NULL;
  g_autoptr(GdkPixbuf) output = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const MedialibRect *rect = &result->rect;
  gsize length = 0;
  gboolean jpeg;

  jpeg = g_str_equal (medialib_asset_get_mime (asset), "image/jpeg");
  result->warnings = medialib_crop_warnings (result->preset, rect, FALSE) & ~MEDIALIB_CROP_WARNING_SCALED_DOWN;
  medialib_export_output_size (result->preset, rect, &result->width, &result->height);

  cropped = gdk_pixbuf_new_subpixbuf (source, rect->x, rect->y, rect->width, rect->height);
  if (result->width != rect->width || result->height != rect->height)
    {
      output = gdk_pixbuf_scale_simple (cropped, result->width, result->height, GDK_INTERP_HYPER);
      result->warnings |= MEDIALIB_CROP_WARNING_SCALED_DOWN;
    }
  else
    output = g_object_ref (cropped);

  if (jpeg ? !gdk_pixbuf_save_to_buffer (output, &buffer, &length, "jpeg", error, "quality", "90", NULL)
           : !gdk_pixbuf_save_to_buffer (output, &buffer, &length, "png", error, NULL))
    return NULL;

  *mime = g_strdup (jpeg ? "image/jpeg" : "image/png");
  bytes = g_bytes_new_take (g_steal_pointer (&buffer), length);

  if (keep)
    {
      name = medialib_export_file_name (medialib_asset_get_name (asset), result->preset, *mime);
      result->crop_id = _medialib_store_add_encoded (self, bytes, output, name, "crop",
                                                     medialib_asset_get_id (asset),
                                                     medialib_asset_get_tags (asset),
                                                     medialib_asset_get_teams (asset), error);
      if (result->crop_id == 0)
        return NULL;
    }

  return g_steal_pointer (&bytes);
}

/**
 * medialib_store_export:
 * @choices: #MedialibExportChoice elements
 * @folder: where the files go; made if missing
 * @add_to_library: whether each file also becomes a crop of @asset in the library
 * @progress: (nullable) (scope call): told after each file
 *
 * Writes one file per choice and manifest.json into @folder. Blocks.
 *
 * Returns: (transfer full) (element-type MedialibExportResult): what was written, in the
 *   order of @choices, or %NULL
 */
GPtrArray *
medialib_store_export (MedialibStore          *self,
                       MedialibAsset          *asset,
                       GArray                 *choices,
                       const char             *folder,
                       gboolean                add_to_library,
                       MedialibExportProgress  progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GdkPixbuf) source = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autofree char *manifest_text = NULL;
  g_autofree char *manifest_path = NULL;
  MedialibPixels pixels;
  gboolean gif;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);
  g_return_val_if_fail (choices != NULL && choices->len > 0, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(source = medialib_store_load_image (self, asset, error)) || !check_folder (folder, error))
    return NULL;

  gif = g_str_equal (medialib_asset_get_mime (asset), "image/gif");
  medialib_pixels_init_from_pixbuf (&pixels, source);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_export_result_free);

  for (guint i = 0; i < choices->len; i++)
    {
      const MedialibExportChoice *choice = &g_array_index (choices, MedialibExportChoice, i);
      g_autoptr(MedialibExportResult) result = g_new0 (MedialibExportResult, 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *mime = NULL;
      g_autofree char *path = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      result->preset = choice->preset;
      if (choice->has_rect)
        result->rect = choice->rect;
      else
        medialib_smartcrop_for_preset (choice->preset, &pixels, &result->rect);

      if (!medialib_crop_check (choice->preset, pixels.width, pixels.height, &result->rect, error))
        return NULL;

      bytes = gif ? export_through_crop (self, asset, result, add_to_library, &mime, error)
                  : export_one (self, asset, source, result, add_to_library, &mime, error);
      if (bytes == NULL)
        return NULL;

      if (gif && choice->preset->no_gif)
        result->warnings |= MEDIALIB_CROP_WARNING_GIF_UNSUPPORTED;
      result->bytes = g_bytes_get_size (bytes);
      if (choice->preset->max_bytes > 0 && result->bytes > choice->preset->max_bytes)
        result->warnings |= MEDIALIB_CROP_WARNING_TOO_HEAVY;

      result->file = medialib_export_file_name (medialib_asset_get_name (asset), choice->preset, mime);
      path = g_build_filename (folder, result->file, NULL);
      if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
        return NULL;

      g_ptr_array_add (results, g_steal_pointer (&result));
      if (progress != NULL)
        progress (i + 1, choices->len, progress_data);
    }

  manifest = medialib_export_manifest (results);
  manifest_text = json_to_string (manifest, TRUE);
  manifest_path = g_build_filename (folder, "manifest.json", NULL);
  if (!g_file_set_contents (manifest_path, manifest_text, -1, error))
    return NULL;

  return g_steal_pointer (&results);
}

typedef struct
{
  MedialibAsset          *asset;
  GArray                 *choices;
  char                   *folder;
  gboolean                add_to_library;
  MedialibExportProgress  progress;
  gpointer                progress_data;
  GMainContext           *context;
} ExportData;

typedef struct
{
  MedialibExportProgress  progress;
  gpointer                progress_data;
  guint                   done;
  guint                   total;
} ProgressCall;

static void
export_data_free (ExportData *data)
{
  g_assert (data != NULL);

  g_clear_object (&data->asset);
  g_clear_pointer (&data->choices, g_array_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data->folder);
  g_free (data);
}

static gboolean
progress_call_run (gpointer user_data)
{
  ProgressCall *call = user_data;

  g_assert (call != NULL);

  call->progress (call->done, call->total, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands the progress over to the caller's main context */
static void
export_thread_progress (guint    done,
                        guint    total,
                        gpointer user_data)
{
  ExportData *data = user_data;
  ProgressCall *call;

  g_assert (data != NULL);

  call = g_new0 (ProgressCall, 1);
  *call = (ProgressCall) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_call_run, call, g_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  GPtrArray *results;

  g_assert (G_IS_TASK (task));
  g_assert (MEDIALIB_IS_STORE (source_object));
  g_assert (data != NULL);

  results = medialib_store_export (source_object, data->asset, data->choices, data->folder,
                                   data->add_to_library,
                                   data->progress ? export_thread_progress : NULL, data,
                                   cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * medialib_store_export_async:
 * @progress: (nullable): called on the thread-default main context of the caller
 *
 * medialib_store_export() on a worker thread.
 */
void
medialib_store_export_async (MedialibStore          *self,
                             MedialibAsset          *asset,
                             GArray                 *choices,
                             const char             *folder,
                             gboolean                add_to_library,
                             MedialibExportProgress  progress,
                             gpointer                progress_data,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (choices != NULL && choices->len > 0);
  g_return_if_fail (folder != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (ExportData, 1);
  data->asset = g_object_ref (asset);
  data->choices = g_array_ref (choices);
  data->folder = g_strdup (folder);
  data->add_to_library = add_to_library;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  g_task_set_source_tag (task, medialib_store_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * medialib_store_export_finish:
 *
 * Returns: (transfer full) (element-type MedialibExportResult): what was written
 */
GPtrArray *
medialib_store_export_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
