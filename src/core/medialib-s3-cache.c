/* medialib-s3-cache.c — a team library's blobs on this computer: originals read or added
 * here, the least recently used going first beyond the cache's limit, and every thumbnail
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3-blobs"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "medialib-folder-blobs.h"
#include "medialib-s3-blobs-private.h"

#define TEMP_PREFIX ".tmp-"

typedef struct
{
  char   *path;
  gint64  size;
  gint64  used;   /* mtime in µs: set again on every read */
} CachedFile;

static void
cached_file_free (gpointer data)
{
  CachedFile *file = data;

  g_free (file->path);
  g_free (file);
}

static int
compare_used (gconstpointer a,
              gconstpointer b)
{
  const CachedFile *x = *(CachedFile * const *) a;
  const CachedFile *y = *(CachedFile * const *) b;

  return (x->used > y->used) - (x->used < y->used);
}

/* Calls FUNC (PATH, IS_TEMPORARY, DATA) for every file of DIR's two-level layout */
static void
for_each_cached (const char *dir,
                 void      (*func) (const char *path, const char *name, gpointer data),
                 gpointer    data)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *sub;

  while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub_path = g_build_filename (dir, sub, NULL);
      g_autoptr(GDir) folder = g_dir_open (sub_path, 0, NULL);
      const char *name;

      while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub_path, name, NULL);

          func (path, name, data);
        }
    }
}

static void
collect_cached (const char *path,
                const char *name,
                gpointer    data)
{
  GPtrArray *files = data;
  GStatBuf st;
  CachedFile *file;

  if (g_str_has_prefix (name, TEMP_PREFIX) || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return;

  file = g_new0 (CachedFile, 1);
  file->path = g_strdup (path);
  file->size = st.st_size;
  file->used = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  g_ptr_array_add (files, file);
}

/* Removes the least recently used originals until the cache holds at most cache_limit bytes;
 * KEEP, the file just used, stays */
static void
evict (MedialibS3Blobs *self,
       const char      *keep)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (cached_file_free);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->evict_lock);
  guint64 total = 0;

  for_each_cached (self->media_dir, collect_cached, files);
  for (guint i = 0; i < files->len; i++)
    total += ((CachedFile *) g_ptr_array_index (files, i))->size;

  g_ptr_array_sort (files, compare_used);
  for (guint i = 0; i < files->len && total > self->cache_limit; i++)
    {
      CachedFile *file = g_ptr_array_index (files, i);

      if (g_strcmp0 (file->path, keep) == 0)
        continue;
      g_debug ("Evicting %s from the cache", file->path);
      if (g_unlink (file->path) == 0 || errno == ENOENT)
        total -= (guint64) file->size;
    }
}

/* Marks PATH as just used */
void
_medialib_s3_cache_touch (const char *path)
{
  utimensat (AT_FDCWD, path, NULL, 0);
}

/* Keeps BYTES in the cache; the cache is only a copy: a failure is reported and ignored */
void
_medialib_s3_cache_keep (MedialibS3Blobs  *self,
                         MedialibBlobKind  kind,
                         const char       *path,
                         GBytes           *bytes)
{
  g_autoptr(GError) error = NULL;

  if (!_medialib_write_file_atomic (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    FALSE, &error))
    {
      g_warning ("The cache could not keep a copy: %s", error->message);
      return;
    }

  if (kind == MEDIALIB_BLOB_MEDIA)
    evict (self, path);
}

GBytes *
_medialib_s3_cache_read (MedialibS3Blobs *self,
                         const char      *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  if (mapped == NULL)
    return NULL;

  _medialib_s3_cache_touch (path);
  return g_mapped_file_get_bytes (mapped);
}

/* GETs the blob into the cache; NOT_FOUND becomes G_FILE_ERROR_NOENT. The only place
 * where the cache is filled from the bucket: never on a thread that must not block
 * (medialib_s3_client_forbid_blocking()). */

static void
remove_temporary (const char *path,
                  const char *name,
                  gpointer    data)
{
  if (g_str_has_prefix (name, TEMP_PREFIX))
    {
      g_debug ("Removing leftover %s", path);
      g_unlink (path);
    }
}

void
_medialib_s3_cache_remove_temporary (MedialibS3Blobs *self)
{
  for_each_cached (self->media_dir, remove_temporary, NULL);
  for_each_cached (self->thumbnail_dir, remove_temporary, NULL);
}
