/* medialib-ai-variants.c — what the AI client sends and what it keeps: the prompt's rules,
 * and the server's images checked like uploads
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-ai-client"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "medialib-ai-client.h"
#include "medialib-ai-private.h"
#include "medialib-image.h"
#include "medialib-settings.h"
#include "medialib-sniff.h"

void
medialib_ai_variant_free (MedialibAiVariant *variant)
{
  g_return_if_fail (variant != NULL);

  g_clear_pointer (&variant->bytes, g_bytes_unref);
  g_free (variant);
}

/**
 * medialib_ai_check_prompt:
 *
 * A prompt is text of 1 to 300 characters (characters, not bytes).
 */
gboolean
medialib_ai_check_prompt (const char  *prompt,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong n;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (prompt == NULL || !g_utf8_validate (prompt, -1, NULL))
    {
      g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_PROMPT, _("The description must be text"));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (prompt));
  n = g_utf8_strlen (prompt, -1);

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_PROMPT,
                           _("Describe the image you want"));
      return FALSE;
    }

  if (n > MEDIALIB_AI_PROMPT_MAX_CHARS)
    {
      g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_PROMPT,
                   _("The description has %ld characters; it can have at most %d"),
                   n, MEDIALIB_AI_PROMPT_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

/**
 * _medialib_ai_check_variants:
 * @slots: (array fixed-size=4): the images the server sent, some maybe %NULL
 *
 * Checks the server's images as uploads are checked: four of them, each a PNG, JPEG or GIF
 * that decodes, under the size limit (a large PNG becomes a JPEG to fit). Runs on a worker
 * thread.
 *
 * Returns: (transfer full) (element-type MedialibAiVariant): the variants, or %NULL
 */
GPtrArray *
_medialib_ai_check_variants (GBytes * const  *slots,
                             GError         **error)
{
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_ai_variant_free);
  guint64 max_size = medialib_settings_get_max_file_size ();
  guint n = 0;

  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    n += slots[i] != NULL;

  if (n < MEDIALIB_AI_VARIANTS)
    {
      g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_TOO_FEW_IMAGES,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server sent %u image instead of 4",
                                "The server sent %u images instead of 4", n),
                   n);
      return NULL;
    }

  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GBytes *bytes = slots[i];
      const guint8 *data = g_bytes_get_data (bytes, NULL);
      gsize length = g_bytes_get_size (bytes);
      MedialibFormat format = medialib_sniff (data, length);
      MedialibAiVariant *variant = g_new0 (MedialibAiVariant, 1);
      MedialibImageInfo info;

      g_ptr_array_add (variants, variant);

      if (!medialib_format_is_image (format))
        {
          g_autofree char *reason = medialib_format_describe_rejection (format);

          g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_NOT_AN_IMAGE,
                       _("Variant %u is not an image the library takes: %s"), i + 1, reason);
          return NULL;
        }

      if (!medialib_image_probe (format, data, length, 0, &info, &local_error))
        {
          g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_NOT_AN_IMAGE,
                       _("Variant %u is not an image the library takes: %s"), i + 1, local_error->message);
          return NULL;
        }

      variant->bytes = g_bytes_ref (bytes);
      variant->mime = medialib_format_get_mime (format);
      variant->width = info.width;
      variant->height = info.height;

      /* A large PNG becomes a JPEG, to stay under the library's size limit. */
      if (length >= max_size && format == MEDIALIB_FORMAT_PNG)
        {
          g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
          g_autofree char *jpeg = NULL;
          gsize jpeg_length = 0;

          if (gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) &&
              gdk_pixbuf_loader_close (loader, NULL) &&
              gdk_pixbuf_save_to_buffer (gdk_pixbuf_loader_get_pixbuf (loader), &jpeg, &jpeg_length,
                                         "jpeg", NULL, "quality", "90", NULL))
            {
              g_bytes_unref (variant->bytes);
              variant->bytes = g_bytes_new_take (g_steal_pointer (&jpeg), jpeg_length);
              variant->mime = "image/jpeg";
              variant->reencoded = TRUE;
              length = jpeg_length;
            }
        }

      if (g_bytes_get_size (variant->bytes) >= max_size)
        {
          g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_NOT_AN_IMAGE,
                       _("Variant %u is too large for the library even as a JPEG"), i + 1);
          return NULL;
        }
    }

  return g_steal_pointer (&variants);
}
