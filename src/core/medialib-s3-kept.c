/* medialib-s3-kept.c — a team library's contents whose names became assets' addresses
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3-blobs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-s3-kept.h"
#include "medialib-sha256.h"

/*
 * An asset added before assets had addresses of their own was known by its content's URL,
 * media/ab/<sha256>.<ext> (medialib_blob_address_get_content()). When its content is
 * replaced, that object becomes its address: a copy of its current content, marked with
 * x-amz-meta-medialib-address (medialib_s3_client_put_object_marked()); the first content
 * is kept as media/ab/<sha256>.kept.<ext> until the name is that content's again (a revert
 * to it, the asset's deletion). The blob store (medialib-s3-blobs.c) finds a content there
 * when its name is marked.
 *
 * The order keeps every name whole: the content is copied to its kept name before its own
 * name is overwritten, and copied back before the kept name is deleted. A process stopped in
 * between leaves a second copy of a content under its kept name, which nothing reads while
 * the name is not marked.
 */

char *
_medialib_s3_kept_key (const char *sha256,
                       const char *suffix)
{
  g_autofree char *kept_suffix = g_strconcat (MEDIALIB_S3_KEPT_INFIX, suffix, NULL);

  return _medialib_content_key ("media", sha256, kept_suffix);
}

/**
 * _medialib_s3_content_type:
 *
 * Returns: the type of an object with @suffix
 */
const char *
_medialib_s3_content_type (const char *suffix)
{
  if (g_strcmp0 (suffix, ".png") == 0)
    return "image/png";
  if (g_strcmp0 (suffix, ".jpg") == 0)
    return "image/jpeg";
  if (g_strcmp0 (suffix, ".gif") == 0)
    return "image/gif";
  if (g_strcmp0 (suffix, ".vcf") == 0)
    return "text/vcard";
  return "application/octet-stream";
}

/**
 * _medialib_s3_get_checked:
 * @sha256: (nullable): what the bytes' SHA-256 must be, or %NULL for bytes that are not
 *   named by it (thumbnails)
 *
 * GETs @key; bytes that do not have @sha256 are an error (%G_IO_ERROR_INVALID_DATA), so
 * that nothing keeps wrong bytes. The store's errors are the client's.
 */
GBytes *
_medialib_s3_get_checked (MedialibS3Client  *client,
                          const char        *key,
                          const char        *sha256,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GBytes) bytes = medialib_s3_client_get_object (client, key, cancellable, error);
  g_autofree char *actual = NULL;

  if (bytes == NULL || sha256 == NULL)
    return g_steal_pointer (&bytes);

  actual = medialib_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s in the team library does not have the content its name says"), key);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Whether CONTENT's name is an address now; FALSE with @error set when that cannot be told */
static gboolean
is_marked (MedialibS3Client  *client,
           const char        *key,
           gboolean          *exists,
           GError           **error)
{
  g_autoptr(MedialibS3Object) object = NULL;
  g_autoptr(GError) local_error = NULL;

  *exists = FALSE;
  object = medialib_s3_client_head_object (client, key, NULL, &local_error);
  if (object == NULL)
    {
      if (g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *exists = TRUE;
  return object->address != NULL;
}

/* The name of CONTENT is its content's again, from its kept copy; then the copy goes */
static gboolean
unmark (MedialibS3Client  *client,
        const char        *content,
        const char        *suffix,
        gboolean           or_delete,
        GError           **error)
{
  g_autofree char *key = _medialib_content_key ("media", content, suffix);
  g_autofree char *kept = _medialib_s3_kept_key (content, suffix);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean exists;

  if (!is_marked (client, key, &exists, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return local_error == NULL;
    }

  if (!(bytes = _medialib_s3_get_checked (client, kept, content, NULL, &local_error)))
    {
      if (or_delete && g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
        return medialib_s3_client_delete_object (client, key, NULL, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!medialib_s3_client_put_object_with_sha256 (client, key, bytes, content, _medialib_s3_content_type (suffix), NULL, error))
    return FALSE;

  if (!medialib_s3_client_delete_object (client, kept, NULL, &local_error) &&
      !g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
    g_debug ("%s stays: %s", kept, local_error->message);

  return TRUE;
}

/**
 * _medialib_s3_put_content_alias:
 * @content: the SHA-256 whose name is the asset's address
 * @bytes: the bytes of @sha256
 *
 * Makes CONTENT's name give @sha256's bytes, keeping CONTENT first; or, @sha256 being
 * @content, makes the name its content's again.
 */
gboolean
_medialib_s3_put_content_alias (MedialibS3Client  *client,
                                const char        *content,
                                const char        *sha256,
                                const char        *suffix,
                                GBytes            *bytes,
                                GError           **error)
{
  g_autofree char *key = _medialib_content_key ("media", content, suffix);
  g_autofree char *kept = _medialib_s3_kept_key (content, suffix);
  g_autofree char *address = g_strconcat ("=", content, NULL);
  g_autoptr(GError) local_error = NULL;
  gboolean exists;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (client), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_str_equal (content, sha256))
    return unmark (client, content, suffix, FALSE, error);

  if (!is_marked (client, key, &exists, &local_error))
    {
      g_autoptr(GBytes) first = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* The first content, kept before its name gives another */
      if (exists &&
          (!(first = _medialib_s3_get_checked (client, key, content, NULL, error)) ||
           !medialib_s3_client_put_object_with_sha256 (client, kept, first, content, _medialib_s3_content_type (suffix), NULL, error)))
        return FALSE;
    }

  return medialib_s3_client_put_object_marked (client, key, bytes, sha256, _medialib_s3_content_type (suffix), address, NULL, error);
}

/**
 * _medialib_s3_delete_content_alias:
 *
 * The asset whose address is @content's name is gone: the name is its content's again, or
 * nothing when its content was not kept.
 */
gboolean
_medialib_s3_delete_content_alias (MedialibS3Client  *client,
                                   const char        *content,
                                   const char        *suffix,
                                   GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (client), FALSE);

  return unmark (client, content, suffix, TRUE, error);
}

/**
 * _medialib_s3_content_is_kept:
 *
 * Whether @sha256's own name is an asset's address, so that its content is at its kept name
 * (one HEAD). An error is told as %FALSE: the caller then reads the name, whose bytes it checks.
 */
gboolean
_medialib_s3_content_is_kept (MedialibS3Client *client,
                              const char       *sha256,
                              const char       *suffix)
{
  g_autofree char *key = _medialib_content_key ("media", sha256, suffix);
  gboolean exists;

  return is_marked (client, key, &exists, NULL);
}
