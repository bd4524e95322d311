/* medialib-preset.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-preset"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "medialib-core-resources.h"
#include "medialib-preset.h"

/*
 * The presets are data: resources/channel-presets.json, compiled into the binary. They are
 * read once, on first use, and live as long as the process.
 */

#define PRESET_CONTEXT "channel preset"

static int
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  g_assert (object != NULL);
  g_assert (name != NULL);

  node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? (int) json_node_get_int (node) : 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  g_assert (object != NULL);
  g_assert (name != NULL);

  node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_intern_string (json_node_get_string (node)) : NULL;
}

static void
read_pair (JsonObject *object,
           const char *name,
           int        *a,
           int        *b)
{
  JsonNode *node;
  JsonArray *array;

  g_assert (object != NULL);
  g_assert (name != NULL);
  g_assert (a != NULL && b != NULL);

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 2)
    {
      *a = (int) json_array_get_int_element (array, 0);
      *b = (int) json_array_get_int_element (array, 1);
    }
}

static GPtrArray *
load_presets (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *presets = g_ptr_array_new ();
  JsonArray *channels;

  medialib_core_register_resource ();
  bytes = g_resources_lookup_data ("/io/github/medialib/MediaLibrary/core/channel-presets.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error))
    g_error ("The channel presets cannot be read: %s", error->message);

  channels = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "channels");

  for (guint c = 0; c < json_array_get_length (channels); c++)
    {
      JsonObject *channel = json_array_get_object_element (channels, c);
      JsonArray *list = json_object_get_array_member (channel, "presets");

      for (guint p = 0; p < json_array_get_length (list); p++)
        {
          JsonObject *object = json_array_get_object_element (list, p);
          JsonNode *ratio = json_object_get_member (object, "ratio");
          MedialibPreset *preset = g_new0 (MedialibPreset, 1);

          preset->key = member_string (object, "key");
          preset->channel = member_string (channel, "key");
          preset->channel_msgid = member_string (channel, "label");
          preset->label_msgid = member_string (object, "label");
          preset->notes_msgid = member_string (object, "notes");
          preset->min_width = member_int (object, "min_width");
          preset->min_height = member_int (object, "min_height");
          preset->max_width = member_int (object, "max_width");
          preset->max_height = member_int (object, "max_height");
          preset->max_bytes = member_int (object, "max_bytes");
          preset->no_gif = json_object_get_boolean_member_with_default (object, "no_gif", FALSE);
          read_pair (object, "recommended", &preset->recommended_width, &preset->recommended_height);

          if (ratio != NULL && JSON_NODE_HOLDS_ARRAY (ratio))
            {
              preset->ratio_kind = MEDIALIB_RATIO_FIXED;
              read_pair (object, "ratio", &preset->ratio_w, &preset->ratio_h);
            }
          else if (ratio != NULL && JSON_NODE_HOLDS_VALUE (ratio) &&
                   g_strcmp0 (json_node_get_string (ratio), "free") == 0)
            preset->ratio_kind = MEDIALIB_RATIO_FREE;
          else if (ratio != NULL && JSON_NODE_HOLDS_VALUE (ratio) &&
                   g_strcmp0 (json_node_get_string (ratio), "original") == 0)
            preset->ratio_kind = MEDIALIB_RATIO_ORIGINAL;
          else
            preset->ratio_kind = MEDIALIB_RATIO_ANY;

          g_ptr_array_add (presets, preset);
        }
    }

  return presets;
}

/**
 * medialib_presets_get:
 *
 * Returns: (transfer none) (element-type MedialibPreset): every preset, grouped by channel
 */
const GPtrArray *
medialib_presets_get (void)
{
  static GPtrArray *presets;

  if (g_once_init_enter_pointer (&presets))
    g_once_init_leave_pointer (&presets, load_presets ());

  return presets;
}

const MedialibPreset *
medialib_presets_lookup (const char *key)
{
  const GPtrArray *presets;

  g_return_val_if_fail (key != NULL, NULL);

  presets = medialib_presets_get ();
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);

      if (g_strcmp0 (preset->key, key) == 0)
        return preset;
    }

  return NULL;
}

const char *
medialib_preset_get_label (const MedialibPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, PRESET_CONTEXT, preset->label_msgid);
}

const char *
medialib_preset_get_channel_label (const MedialibPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, PRESET_CONTEXT, preset->channel_msgid);
}

const char *
medialib_preset_get_notes (const MedialibPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  if (preset->notes_msgid == NULL)
    return NULL;

  return g_dpgettext2 (GETTEXT_PACKAGE, PRESET_CONTEXT, preset->notes_msgid);
}

/**
 * medialib_preset_dup_full_label:
 *
 * Returns: (transfer full): "Push · Android · Expanded notification"
 */
char *
medialib_preset_dup_full_label (const MedialibPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  if (g_str_equal (preset->channel, "general"))
    return g_strdup (medialib_preset_get_label (preset));

  /* Translators: a channel and one of its presets, e.g. "Email · Header image" */
  return g_strdup_printf (_("%s · %s"), medialib_preset_get_channel_label (preset),
                          medialib_preset_get_label (preset));
}

static int
gcd (int a,
     int b)
{
  while (b != 0)
    {
      int t = a % b;

      a = b;
      b = t;
    }

  return a;
}

/**
 * medialib_preset_get_ratio:
 *
 * The ratio a crop must have for @preset on an image of this size, reduced.
 *
 * Returns: %FALSE when any ratio will do
 */
gboolean
medialib_preset_get_ratio (const MedialibPreset *preset,
                           int                   image_width,
                           int                   image_height,
                           int                  *ratio_w,
                           int                  *ratio_h)
{
  int w, h, d;

  g_return_val_if_fail (preset != NULL, FALSE);
  g_return_val_if_fail (ratio_w != NULL, FALSE);
  g_return_val_if_fail (ratio_h != NULL, FALSE);

  switch (preset->ratio_kind)
    {
    case MEDIALIB_RATIO_FIXED:
      w = preset->ratio_w;
      h = preset->ratio_h;
      break;

    case MEDIALIB_RATIO_ORIGINAL:
      w = image_width;
      h = image_height;
      break;

    case MEDIALIB_RATIO_ANY:
    case MEDIALIB_RATIO_FREE:
    default:
      return FALSE;
    }

  if (w <= 0 || h <= 0)
    return FALSE;

  d = gcd (w, h);
  *ratio_w = w / d;
  *ratio_h = h / d;

  return TRUE;
}

/**
 * medialib_preset_get_fit:
 * @fit: (out): what an image must be to fit @preset as it is
 *
 * The one definition of "fits a channel as it is", read by medialib_preset_fits() (the
 * details pane's "Ready For") and by medialib_preset_dup_fits_sql() (the catalogs' filter):
 * its ratio within 1 % of the preset's, at least the minimum size, at most the maximum, and
 * no GIF where GIFs are not supported. "Free" and "Original ratio" are not channels:
 * nothing fits them.
 *
 * Returns: %FALSE when no image fits @preset
 */
gboolean
medialib_preset_get_fit (const MedialibPreset *preset,
                         MedialibPresetFit    *fit)
{
  g_return_val_if_fail (preset != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  memset (fit, 0, sizeof *fit);
  if (preset->ratio_kind == MEDIALIB_RATIO_FREE || preset->ratio_kind == MEDIALIB_RATIO_ORIGINAL)
    return FALSE;

  if (!medialib_preset_get_ratio (preset, 0, 0, &fit->ratio_w, &fit->ratio_h))
    fit->ratio_w = fit->ratio_h = 0;

  fit->min_width = preset->min_width;
  fit->min_height = preset->min_height;
  fit->max_width = preset->max_width;
  fit->max_height = preset->max_height;
  fit->no_gif = preset->no_gif;

  /* A fixed size given as the image quality ("60 px by 60 px") is the least it needs. */
  if (preset->min_width == 0 && preset->recommended_width)
    {
      fit->min_width = preset->recommended_width;
      fit->min_height = MAX (fit->min_height, preset->recommended_height);
    }

  return TRUE;
}

/**
 * medialib_preset_fits:
 *
 * Whether an image of this size is usable as it is for @preset (see
 * medialib_preset_get_fit()). The ratio is compared in integers, as the catalogs' SQL does:
 * |width × rh − height × rw| ≤ 1 % of height × rw.
 */
gboolean
medialib_preset_fits (const MedialibPreset *preset,
                      int                   width,
                      int                   height,
                      gboolean              is_gif)
{
  MedialibPresetFit fit;

  g_return_val_if_fail (preset != NULL, FALSE);

  if (!medialib_preset_get_fit (preset, &fit))
    return FALSE;
  if (width <= 0 || height <= 0)
    return FALSE;
  if (is_gif && fit.no_gif)
    return FALSE;

  if (fit.ratio_w > 0 &&
      100 * ABS ((gint64) width * fit.ratio_h - (gint64) height * fit.ratio_w) > (gint64) height * fit.ratio_w)
    return FALSE;

  if ((fit.min_width && width < fit.min_width) ||
      (fit.min_height && height < fit.min_height) ||
      (fit.max_width && width > fit.max_width) ||
      (fit.max_height && height > fit.max_height))
    return FALSE;

  return TRUE;
}

/**
 * medialib_preset_dup_fits_sql:
 * @key: a preset's key
 *
 * medialib_preset_fits() as an SQL condition on the asset row `a` (its columns kind, width,
 * height and mime), the same text for SQLite and PostgreSQL. Only numbers are written in it.
 *
 * Returns: (transfer full) (nullable): the condition, or %NULL with %G_IO_ERROR_NOT_FOUND
 *   when no preset has @key
 */
char *
medialib_preset_dup_fits_sql (const char  *key,
                              GError     **error)
{
  const MedialibPreset *preset;
  MedialibPresetFit fit;
  GString *sql;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  preset = medialib_presets_lookup (key);
  if (preset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No channel preset is called “%s”: “medialib presets” lists their keys"), key);
      return NULL;
    }

  if (!medialib_preset_get_fit (preset, &fit))
    return g_strdup ("1 = 0");

  sql = g_string_new ("a.kind = 'image' AND a.width > 0 AND a.height > 0");
  if (fit.no_gif)
    g_string_append (sql, " AND coalesce (a.mime, '') <> 'image/gif'");
  if (fit.ratio_w > 0)
    g_string_append_printf (sql,
                            " AND 100 * abs (CAST (a.width AS BIGINT) * %d - CAST (a.height AS BIGINT) * %d)"
                            " <= CAST (a.height AS BIGINT) * %d",
                            fit.ratio_h, fit.ratio_w, fit.ratio_w);
  if (fit.min_width)
    g_string_append_printf (sql, " AND a.width >= %d", fit.min_width);
  if (fit.min_height)
    g_string_append_printf (sql, " AND a.height >= %d", fit.min_height);
  if (fit.max_width)
    g_string_append_printf (sql, " AND a.width <= %d", fit.max_width);
  if (fit.max_height)
    g_string_append_printf (sql, " AND a.height <= %d", fit.max_height);

  return g_string_free (sql, FALSE);
}
