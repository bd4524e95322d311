/* medialib-store-replace.c — replacing an asset's content with a file, keeping the asset
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "medialib-asset-private.h"
#include "medialib-settings.h"
#include "medialib-sniff.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"

/* The file goes through the checks of an import; see medialib-store-versions.c for what a
 * replacement keeps and in which order it is written. Apart from the versions' file, as it
 * decodes images (the light command line, which reads versions, does not). */

static gboolean
fail_file (GError     **error,
           const char  *path,
           const char  *reason)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", name, reason);
  return FALSE;
}

static char *
describe_size (guint64 bytes)
{
  return g_strdup_printf ("%.1f MB (%" G_GUINT64_FORMAT " bytes)", bytes / (1024.0 * 1024.0), bytes);
}

/* The file read within the size limit of an import, or FALSE with the reason */
static GBytes *
read_replacement (const char  *path,
                  GError     **error)
{
  guint64 max_size = medialib_settings_get_max_file_size ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *reason = NULL;
  gsize length;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      reason = g_strdup_printf (_("the file cannot be read: %s"), g_strerror (saved_errno));
      fail_file (error, path, reason);
      return NULL;
    }

  if ((guint64) st.st_size < max_size &&
      !g_file_get_contents (path, &data, &length, &local_error))
    {
      reason = g_strdup_printf (_("the file cannot be read: %s"), local_error->message);
      fail_file (error, path, reason);
      return NULL;
    }

  if ((guint64) st.st_size >= max_size || length >= max_size)
    {
      g_autofree char *size = describe_size (data != NULL ? length : (guint64) st.st_size);
      g_autofree char *limit = describe_size (max_size);

      reason = g_strdup_printf (_("the file is too large: %s; files must be smaller than %s"), size, limit);
      fail_file (error, path, reason);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gboolean
same_type (MedialibAsset  *asset,
           const char     *mime,
           const char     *path,
           GError        **error)
{
  g_autofree char *reason = NULL;

  if (g_strcmp0 (medialib_asset_get_mime (asset), mime) == 0)
    return TRUE;

  /* Translators: the types are MIME types, such as image/png */
  reason = g_strdup_printf (_("the file is %s, the asset is %s: a replacement must have the asset’s type, so that its address stays the same"),
                            mime, medialib_asset_get_mime (asset));
  return fail_file (error, path, reason);
}

/**
 * medialib_store_replace:
 * @path: the new file
 *
 * Replaces the content of an asset with the file at @path, which goes through the checks of
 * an import (size, type, decoding) and must have the asset's type. The asset keeps its id,
 * name, tags, teams and address; its previous content becomes its newest earlier version
 * (medialib_store_list_versions()). On failure nothing changes.
 */
gboolean
medialib_store_replace (MedialibStore  *self,
                        gint64          id,
                        const char     *path,
                        GError        **error)
{
  g_autoptr(MedialibBlobLock) lock = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *name = NULL;
  MedialibCheckedFile checked = { 0 };
  MedialibNewAsset content = { 0 };
  gboolean ok = FALSE;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(asset = medialib_catalog_get_asset (self->catalog, id, error)) ||
      !(bytes = read_replacement (path, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  name = g_path_get_basename (path);
  lock = medialib_blob_store_lock_adding (self->blobs);

  if (!_medialib_store_check (self, data, length, name, &checked, &reason))
    {
      fail_file (error, path, reason);
      goto out;
    }
  if (!same_type (asset, medialib_format_get_mime (checked.format), path, error))
    goto out;
  if (!_medialib_store_keep (self, data, length, &checked, &reason))
    {
      fail_file (error, path, reason);
      goto out;
    }

  _medialib_checked_file_to_asset (&checked, medialib_asset_get_name (asset), "upload", 0, &content);
  content.added_by = medialib_store_get_member_name (self);
  if (!medialib_catalog_replace_content (self->catalog, id, medialib_asset_get_sha256 (asset), &content, error))
    {
      g_autofree char *display = g_filename_display_basename (path);

      if (error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE))
        g_prefix_error (error, "%s: ", display);
      goto out;
    }

  _medialib_store_add_alias (self, id, bytes);
  ok = TRUE;

out:
  _medialib_checked_file_clear (&checked);
  return ok;
}

/* --- On a worker thread -------------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *path;
} ReplaceData;

static void
replace_data_free (ReplaceData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReplaceData *data = task_data;
  GError *error = NULL;

  if (medialib_store_replace (source_object, data->id, data->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
medialib_store_replace_async (MedialibStore        *self,
                              gint64                id,
                              const char           *path,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ReplaceData *data;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (path != NULL);

  data = g_new0 (ReplaceData, 1);
  data->id = id;
  data->path = g_strdup (path);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_replace_async);
  g_task_set_task_data (task, data, (GDestroyNotify) replace_data_free);
  g_task_run_in_thread (task, replace_thread);
}

gboolean
medialib_store_replace_finish (MedialibStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_replace_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
