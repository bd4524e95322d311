/* medialib-sniff.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sniff"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-sniff.h"

/* The type of a file comes from its content, never from its name: a PNG named x.jpg is a
 * PNG, and a text file named x.png is text. */

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            gsize         offset,
            const char   *magic,
            gsize         magic_len)
{
  return length >= offset + magic_len && memcmp (data + offset, magic, magic_len) == 0;
}

#define HAS(off, lit) has_prefix (data, length, (off), (lit), sizeof (lit) - 1)

static const guint8 *
skip_bom_and_space (const guint8 *data,
                    gsize        *length)
{
  if (*length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      *length -= 3;
    }

  while (*length > 0 && g_ascii_isspace (*data))
    {
      data++;
      (*length)--;
    }

  return data;
}

static gboolean
looks_like_text (const guint8 *data,
                 gsize         length)
{
  gsize n = MIN (length, 4096);

  if (n == 0)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (data[i] == 0)
        return FALSE;
      if (data[i] < 0x20 && !g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
contains_ascii_nocase (const guint8 *data,
                       gsize         length,
                       const char   *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= length; i++)
    if (g_ascii_strncasecmp ((const char *) data + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

/**
 * medialib_sniff:
 * @data: the first bytes of a file (at least 64 are enough, more helps text formats)
 * @length: how many
 *
 * Returns: the format of the content
 */
MedialibFormat
medialib_sniff (const guint8 *data,
                gsize         length)
{
  const guint8 *text;
  gsize text_len = length;

  g_return_val_if_fail (data != NULL || length == 0, MEDIALIB_FORMAT_UNKNOWN);

  if (HAS (0, "\x89PNG\r\n\x1a\n"))
    return MEDIALIB_FORMAT_PNG;
  if (HAS (0, "\xff\xd8\xff"))
    return MEDIALIB_FORMAT_JPEG;
  if (HAS (0, "GIF87a") || HAS (0, "GIF89a"))
    return MEDIALIB_FORMAT_GIF;
  if (HAS (0, "RIFF") && HAS (8, "WEBP"))
    return MEDIALIB_FORMAT_WEBP;
  if (HAS (0, "BM") && length >= 26)
    return MEDIALIB_FORMAT_BMP;
  if (HAS (0, "II*\0") || HAS (0, "MM\0*"))
    return MEDIALIB_FORMAT_TIFF;
  if (HAS (4, "ftypavif") || HAS (4, "ftypavis"))
    return MEDIALIB_FORMAT_AVIF;
  if (HAS (4, "ftypheic") || HAS (4, "ftypheix") || HAS (4, "ftypmif1") ||
      HAS (4, "ftypmsf1") || HAS (4, "ftyphevc"))
    return MEDIALIB_FORMAT_HEIF;
  if (HAS (0, "\xff\x0a") || HAS (0, "\0\0\0\x0cJXL \r\n\x87\n"))
    return MEDIALIB_FORMAT_JPEG_XL;
  if (HAS (0, "\0\0\1\0") && length >= 22)
    return MEDIALIB_FORMAT_ICO;
  if (HAS (0, "8BPS"))
    return MEDIALIB_FORMAT_PSD;
  if (HAS (0, "%PDF-"))
    return MEDIALIB_FORMAT_PDF;
  if (HAS (0, "PK\3\4"))
    return MEDIALIB_FORMAT_ZIP;

  /* A PNG whose signature was mangled, typically by a text-mode transfer. */
  for (gsize i = 0; length >= 16 && i + 4 <= MIN (length, 24); i++)
    if (memcmp (data + i, "IHDR", 4) == 0)
      return MEDIALIB_FORMAT_DAMAGED_PNG;

  text = skip_bom_and_space (data, &text_len);
  if (text_len >= 11 && g_ascii_strncasecmp ((const char *) text, "BEGIN:VCARD", 11) == 0)
    return MEDIALIB_FORMAT_VCARD;
  if ((text_len >= 4 && g_ascii_strncasecmp ((const char *) text, "<svg", 4) == 0) ||
      ((text_len >= 5 && g_ascii_strncasecmp ((const char *) text, "<?xml", 5) == 0) &&
       contains_ascii_nocase (text, MIN (text_len, 4096), "<svg")))
    return MEDIALIB_FORMAT_SVG;
  if (looks_like_text (text, text_len))
    return MEDIALIB_FORMAT_TEXT;

  return MEDIALIB_FORMAT_UNKNOWN;
}

gboolean
medialib_format_is_accepted (MedialibFormat format)
{
  return format == MEDIALIB_FORMAT_PNG || format == MEDIALIB_FORMAT_JPEG ||
         format == MEDIALIB_FORMAT_GIF || format == MEDIALIB_FORMAT_VCARD;
}

gboolean
medialib_format_is_image (MedialibFormat format)
{
  return format == MEDIALIB_FORMAT_PNG || format == MEDIALIB_FORMAT_JPEG ||
         format == MEDIALIB_FORMAT_GIF;
}

const char *
medialib_format_get_mime (MedialibFormat format)
{
  switch (format)
    {
    case MEDIALIB_FORMAT_PNG: return "image/png";
    case MEDIALIB_FORMAT_JPEG: return "image/jpeg";
    case MEDIALIB_FORMAT_GIF: return "image/gif";
    case MEDIALIB_FORMAT_VCARD: return "text/vcard";
    case MEDIALIB_FORMAT_WEBP: return "image/webp";
    case MEDIALIB_FORMAT_BMP: return "image/bmp";
    case MEDIALIB_FORMAT_TIFF: return "image/tiff";
    case MEDIALIB_FORMAT_HEIF: return "image/heif";
    case MEDIALIB_FORMAT_AVIF: return "image/avif";
    case MEDIALIB_FORMAT_JPEG_XL: return "image/jxl";
    case MEDIALIB_FORMAT_ICO: return "image/vnd.microsoft.icon";
    case MEDIALIB_FORMAT_PSD: return "image/vnd.adobe.photoshop";
    case MEDIALIB_FORMAT_SVG: return "image/svg+xml";
    case MEDIALIB_FORMAT_PDF: return "application/pdf";
    case MEDIALIB_FORMAT_ZIP: return "application/zip";
    case MEDIALIB_FORMAT_TEXT: return "text/plain";
    case MEDIALIB_FORMAT_DAMAGED_PNG: return "image/png";
    case MEDIALIB_FORMAT_UNKNOWN:
    default:
      return "application/octet-stream";
    }
}

/* A short name, as a person says it: "PNG", "WebP". */
const char *
medialib_format_get_name (MedialibFormat format)
{
  switch (format)
    {
    case MEDIALIB_FORMAT_PNG: return "PNG";
    case MEDIALIB_FORMAT_JPEG: return "JPEG";
    case MEDIALIB_FORMAT_GIF: return "GIF";
    case MEDIALIB_FORMAT_VCARD: return "vCard";
    case MEDIALIB_FORMAT_WEBP: return "WebP";
    case MEDIALIB_FORMAT_BMP: return "BMP";
    case MEDIALIB_FORMAT_TIFF: return "TIFF";
    case MEDIALIB_FORMAT_HEIF: return "HEIF";
    case MEDIALIB_FORMAT_AVIF: return "AVIF";
    case MEDIALIB_FORMAT_JPEG_XL: return "JPEG XL";
    case MEDIALIB_FORMAT_ICO: return "ICO";
    case MEDIALIB_FORMAT_PSD: return "Photoshop";
    case MEDIALIB_FORMAT_SVG: return "SVG";
    case MEDIALIB_FORMAT_PDF: return "PDF";
    case MEDIALIB_FORMAT_ZIP: return "ZIP";
    case MEDIALIB_FORMAT_TEXT: return "text";
    case MEDIALIB_FORMAT_DAMAGED_PNG: return "PNG";
    case MEDIALIB_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * medialib_format_describe_rejection:
 *
 * Returns: (transfer full): why a file of @format is not accepted, and what to do
 */
char *
medialib_format_describe_rejection (MedialibFormat format)
{
  switch (format)
    {
    case MEDIALIB_FORMAT_PDF:
      return g_strdup (_("PDF documents are not supported; export the page as PNG or JPEG"));
    case MEDIALIB_FORMAT_ZIP:
      return g_strdup (_("ZIP archives are not supported; extract them and upload the folder"));
    case MEDIALIB_FORMAT_TEXT:
      return g_strdup (_("this is a text file, not an image; use PNG, JPEG or GIF"));
    case MEDIALIB_FORMAT_DAMAGED_PNG:
      return g_strdup (_("the PNG image is damaged: its signature is invalid (it may have been copied as text)"));
    case MEDIALIB_FORMAT_UNKNOWN:
      return g_strdup (_("this is not a PNG, JPEG or GIF image or a vCard contact file"));
    case MEDIALIB_FORMAT_SVG:
    case MEDIALIB_FORMAT_WEBP:
    case MEDIALIB_FORMAT_BMP:
    case MEDIALIB_FORMAT_TIFF:
    case MEDIALIB_FORMAT_HEIF:
    case MEDIALIB_FORMAT_AVIF:
    case MEDIALIB_FORMAT_JPEG_XL:
    case MEDIALIB_FORMAT_ICO:
    case MEDIALIB_FORMAT_PSD:
      /* Translators: %s is an image format such as WebP or TIFF */
      return g_strdup_printf (_("%s images are not supported; use PNG, JPEG or GIF"),
                              medialib_format_get_name (format));
    case MEDIALIB_FORMAT_PNG:
    case MEDIALIB_FORMAT_JPEG:
    case MEDIALIB_FORMAT_GIF:
    case MEDIALIB_FORMAT_VCARD:
    default:
      return NULL;
    }
}
