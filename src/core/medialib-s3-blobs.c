/* medialib-s3-blobs.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3-blobs"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "medialib-asset-private.h"
#include "medialib-folder-blobs.h"
#include "medialib-s3-blobs-private.h"
#include "medialib-s3-kept.h"

/*
 * A team library keeps its blobs as objects of a bucket, under the same layout as a local
 * library's folders (_medialib_content_key()):
 *
 *   media/ab/<sha256>.<ext>       the library's own copy of every file
 *   thumbnails/ab/<sha256>.png    thumbnails
 *   assets/<address>.<ext>        each asset's address (its URL): a copy of its current
 *                                 media blob, PUT again when its content is replaced
 *                                 (medialib-store-versions.c); never listed by the sweep
 *   media/ab/<sha256>.kept.<ext>  a content whose own name is an asset's address, marked as
 *                                 such (medialib-s3-kept.c)
 *
 * and a cache of them on this computer, in the folder given to medialib_s3_blobs_new():
 *
 *   CACHE/media/ab/…              originals read or added here, at most cache_limit bytes:
 *                                 the least recently used go first
 *   CACHE/thumbnails/ab/…         every thumbnail seen here (small, never evicted)
 *   CACHE/.files.lock             the adders' and removers' hold, as in a local library
 *
 * put() of a MEDIA blob PUTs the bytes with their name as their SHA-256
 * (medialib_s3_client_put_object_with_sha256()): the server refuses bytes that do not have
 * it, and put() returns only when the server answered that it stored exactly those bytes, so
 * the row that names the blob is committed after the object exists.
 *
 * Removing blobs across computers. The holds of lock_adding() and try_lock_removing() are
 * flock()s on the cache folder: they order the adders and removers of this computer only.
 * Another computer's sweep cannot see them, and could remove an object that an import here
 * has just uploaded but whose row it has not committed yet. So:
 *
 * - list(), which only the sweep (and the recovery of a backup) uses, never reports an object
 *   younger than the sweep grace (1 hour by default, medialib_s3_blobs_set_sweep_grace()):
 *   an adder has that long between its PUT and its commit. The age is the server's
 *   Last-Modified against this computer's clock, so the grace must also cover the clocks'
 *   difference.
 * - has() of a MEDIA blob reports an object older than half the grace as missing, so that an
 *   adder uploads it again rather than count on an object a sweep may be removing: its
 *   Last-Modified starts over and the grace covers the commit that follows. That costs an
 *   upload when a file already stored long ago is added again.
 *
 * A sweep that has decided that no row names an object can still race with an import on
 * another computer that committed within the grace period after re-uploading it: that needs
 * the catalog's own lock (the sweep deciding and deleting inside one transaction that also
 * blocks such commits), which is not this class's business.
 */

#define FILES_LOCK  ".files.lock"
#define SHA256_HEX_LENGTH 64

static void blob_store_iface_init (MedialibBlobStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibS3Blobs, medialib_s3_blobs, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MEDIALIB_TYPE_BLOB_STORE, blob_store_iface_init))

static gboolean
is_full_sha256 (const char *sha256)
{
  return strlen (sha256) == SHA256_HEX_LENGTH;
}

static const char *
prefix_of (MedialibBlobKind kind)
{
  return kind == MEDIALIB_BLOB_MEDIA ? "media" : "thumbnails";
}

/* The object's key, or NULL when the name is too short to be a SHA-256 (the interface
 * allows shorter names, which no object ever has) */
static char *
object_key (MedialibBlobKind  kind,
            const char       *sha256,
            const char       *suffix)
{
  if (!is_full_sha256 (sha256))
    return NULL;

  return _medialib_content_key (prefix_of (kind), sha256, suffix);
}

static gboolean
seen_kept (MedialibS3Blobs *self,
           const char      *sha256)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->kept_lock);

  return g_hash_table_contains (self->kept, sha256);
}

static void
set_seen_kept (MedialibS3Blobs *self,
               const char      *sha256,
               gboolean         kept)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->kept_lock);

  if (kept)
    g_hash_table_add (self->kept, g_strdup (sha256));
  else
    g_hash_table_remove (self->kept, sha256);
}

/* The key of a MEDIA blob as far as this store saw: its kept name when its own is an address */
static char *
media_key (MedialibS3Blobs *self,
           const char      *sha256,
           const char      *suffix)
{
  if (!is_full_sha256 (sha256))
    return NULL;
  if (seen_kept (self, sha256))
    return _medialib_s3_kept_key (sha256, suffix);

  return object_key (MEDIALIB_BLOB_MEDIA, sha256, suffix);
}

static char *
cache_path (MedialibS3Blobs  *self,
            MedialibBlobKind  kind,
            const char       *sha256,
            const char       *suffix)
{
  return _medialib_content_path (kind == MEDIALIB_BLOB_MEDIA ? self->media_dir : self->thumbnail_dir,
                                 sha256, suffix);
}

static GBytes *
get_checked (MedialibS3Blobs   *self,
             MedialibBlobKind   kind,
             const char        *key,
             const char        *sha256,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  /* What comes back is checked as what goes out: the cache never keeps wrong bytes */
  if (key != NULL)
    bytes = _medialib_s3_get_checked (self->client, key, kind == MEDIALIB_BLOB_MEDIA ? sha256 : NULL,
                                      cancellable, &local_error);

  if (bytes == NULL)
    {
      if (key == NULL || g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                     _("%s is not in the team library"), key != NULL ? key : sha256);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* GETs the blob into the cache; NOT_FOUND becomes G_FILE_ERROR_NOENT. The only place
 * where the cache is filled from the bucket: never on a thread that must not block
 * (medialib_s3_client_forbid_blocking()). A content whose name gives other bytes may be
 * kept under its kept name (medialib-s3-kept.c): it is looked for there, and the other way
 * round. */
static GBytes *
fetch (MedialibS3Blobs  *self,
       MedialibBlobKind  kind,
       const char       *sha256,
       const char       *suffix,
       GCancellable     *cancellable,
       GError          **error)
{
  g_autofree char *key = kind == MEDIALIB_BLOB_MEDIA ? media_key (self, sha256, suffix)
                                                     : object_key (kind, sha256, suffix);
  g_autofree char *path = cache_path (self, kind, sha256, suffix);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = get_checked (self, kind, key, sha256, cancellable, &local_error);
  if (bytes == NULL && kind == MEDIALIB_BLOB_MEDIA && key != NULL &&
      !g_cancellable_is_cancelled (cancellable) &&
      (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
       g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)))
    {
      gboolean was_kept = seen_kept (self, sha256);
      g_autofree char *other = was_kept ? object_key (kind, sha256, suffix) : _medialib_s3_kept_key (sha256, suffix);

      if ((bytes = get_checked (self, kind, other, sha256, cancellable, NULL)) != NULL)
        set_seen_kept (self, sha256, !was_kept);
    }

  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  _medialib_s3_cache_keep (self, kind, path, bytes);
  return g_steal_pointer (&bytes);
}

/* --- The blob store ------------------------------------------------------------------------ */

static gboolean
medialib_s3_blobs_put (MedialibBlobStore  *store,
                       MedialibBlobKind    kind,
                       const char         *sha256,
                       const char         *suffix,
                       GBytes             *bytes,
                       GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *key = kind == MEDIALIB_BLOB_MEDIA ? media_key (self, sha256, suffix)
                                                     : object_key (kind, sha256, suffix);
  g_autofree char *path = cache_path (self, kind, sha256, suffix);
  g_autoptr(GError) local_error = NULL;

  if (key == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s was not stored: a team library names its files by their whole SHA-256"), sha256);
      return FALSE;
    }

  /* An original's name is its SHA-256: it is the digest sent, signed in x-amz-content-sha256
   * and in x-amz-checksum-sha256, so the server refuses bytes that do not have it (and
   * nothing is stored) without a pass over them here; the answer's ETag is compared with
   * their MD5 as for any object. A refusal is told as a check of the bytes that failed. */
  if (!medialib_s3_client_put_object_with_sha256 (self->client, key, bytes,
                                                  kind == MEDIALIB_BLOB_MEDIA ? sha256 : NULL,
                                                  _medialib_s3_content_type (suffix), NULL, &local_error))
    {
      if (kind == MEDIALIB_BLOB_MEDIA &&
          g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CHECKSUM))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s was not stored: the file’s content does not have this SHA-256, or it changed on the way"), key);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _medialib_s3_cache_keep (self, kind, path, bytes);
  return TRUE;
}

static gboolean
medialib_s3_blobs_has (MedialibBlobStore *store,
                       MedialibBlobKind   kind,
                       const char        *sha256,
                       const char        *suffix)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *key = object_key (kind, sha256, suffix);
  g_autoptr(MedialibS3Object) object = NULL;
  g_autoptr(GError) error = NULL;
  guint grace;

  if (key == NULL)
    return FALSE;

  /* A thumbnail is had when it is on this computer, where the window reads it */
  if (kind == MEDIALIB_BLOB_THUMBNAIL)
    {
      g_autofree char *path = cache_path (self, kind, sha256, suffix);
      g_autoptr(GBytes) bytes = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
      bytes = fetch (self, kind, sha256, suffix, NULL, NULL);
      return bytes != NULL;
    }

  /* An original is had when it is in the bucket: the cache may keep one that another
   * computer removed since. See above for the age. */
  object = medialib_s3_client_head_object (self->client, key, NULL, &error);

  /* Its name is an asset's address: the content is at its kept name, where put() goes */
  set_seen_kept (self, sha256, object != NULL && object->address != NULL);
  if (object != NULL && object->address != NULL)
    {
      g_free (key);
      key = _medialib_s3_kept_key (sha256, suffix);
      g_clear_pointer (&object, medialib_s3_object_free);
      object = medialib_s3_client_head_object (self->client, key, NULL, &error);
    }

  if (object == NULL)
    {
      if (!g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
        g_debug ("%s could not be looked for: %s", key, error->message);
      return FALSE;
    }

  grace = g_atomic_int_get (&self->sweep_grace);
  if (grace > 0 && object->modified > 0 &&
      object->modified < g_get_real_time () / G_USEC_PER_SEC - grace / 2)
    {
      g_debug ("%s is old enough for a sweep to be removing it: it will be stored again", key);
      return FALSE;
    }

  return TRUE;
}

static GBytes *
medialib_s3_blobs_read (MedialibBlobStore  *store,
                        MedialibBlobKind    kind,
                        const char         *sha256,
                        const char         *suffix,
                        GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *path = cache_path (self, kind, sha256, suffix);
  GBytes *bytes = _medialib_s3_cache_read (self, path);

  return bytes != NULL ? bytes : fetch (self, kind, sha256, suffix, NULL, error);
}

/* Where the cached copy is or will be: never waits on the network (medialib_asset_get_path()
 * calls it, also on the main thread). ensure_local() brings the copy. */
static char *
medialib_s3_blobs_dup_local_path (MedialibBlobStore *store,
                                  MedialibBlobKind   kind,
                                  const char        *sha256,
                                  const char        *suffix)
{
  return cache_path (MEDIALIB_S3_BLOBS (store), kind, sha256, suffix);
}

/* Blocks on the network when the blob is not cached yet, unlike a local library's */
static char *
medialib_s3_blobs_ensure_local (MedialibBlobStore  *store,
                                MedialibBlobKind    kind,
                                const char         *sha256,
                                const char         *suffix,
                                GCancellable       *cancellable,
                                GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *path = cache_path (self, kind, sha256, suffix);
  g_autoptr(GBytes) bytes = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      _medialib_s3_cache_touch (path);
      return g_steal_pointer (&path);
    }

  if (!(bytes = fetch (self, kind, sha256, suffix, cancellable, error)))
    return NULL;

  /* The cache could not keep it (fetch() said why) */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, _("%s could not be kept on this computer"), path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static char *
medialib_s3_blobs_dup_uri (MedialibBlobStore *store,
                           const char        *sha256,
                           const char        *suffix)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *key = object_key (MEDIALIB_BLOB_MEDIA, sha256, suffix);
  g_autoptr(GError) error = NULL;
  char *url;

  if (key == NULL)
    return NULL;

  if (self->public_url != NULL)
    return g_strconcat (self->public_url, "/", key, NULL);

  url = medialib_s3_client_dup_presigned_get_url (self->client, key, self->url_expiry, &error);
  if (url == NULL)
    g_warning ("No address for %s: %s", key, error->message);

  return url;
}

/* An asset's address: assets/<address>.<ext>, or a content's name (medialib-s3-kept.c) */
static char *
alias_key (const char *address,
           const char *suffix)
{
  const char *content = medialib_blob_address_get_content (address);

  if (content != NULL)
    return object_key (MEDIALIB_BLOB_MEDIA, content, suffix);

  return g_strconcat ("assets/", address, suffix, NULL);
}

/* An object store has no links: the alias is a copy of the blob, a second PUT */
static gboolean
medialib_s3_blobs_put_alias (MedialibBlobStore  *store,
                             const char         *address,
                             const char         *sha256,
                             const char         *suffix,
                             GBytes             *bytes,
                             GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *key = alias_key (address, suffix);
  g_autoptr(GBytes) read = NULL;

  if (bytes == NULL &&
      !(bytes = read = medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256, suffix, error)))
    return FALSE;

  if (content != NULL)
    {
      if (!_medialib_s3_put_content_alias (self->client, content, sha256, suffix, bytes, error))
        return FALSE;
      set_seen_kept (self, content, !g_str_equal (content, sha256));
      return TRUE;
    }

  return medialib_s3_client_put_object (self->client, key, bytes, _medialib_s3_content_type (suffix), NULL, error);
}

static char *
medialib_s3_blobs_dup_alias_uri (MedialibBlobStore *store,
                                 const char        *address,
                                 const char        *suffix)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *key = alias_key (address, suffix);
  g_autoptr(GError) error = NULL;
  char *url;

  if (self->public_url != NULL)
    return g_strconcat (self->public_url, "/", key, NULL);

  url = medialib_s3_client_dup_presigned_get_url (self->client, key, self->url_expiry, &error);
  if (url == NULL)
    g_warning ("No address for %s: %s", key, error->message);

  return url;
}

static gboolean
medialib_s3_blobs_delete_alias (MedialibBlobStore  *store,
                                const char         *address,
                                const char         *suffix,
                                GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *key = alias_key (address, suffix);
  g_autoptr(GError) local_error = NULL;

  if (content != NULL)
    {
      set_seen_kept (self, content, FALSE);
      return _medialib_s3_delete_content_alias (self->client, content, suffix, error);
    }

  if (!medialib_s3_client_delete_object (self->client, key, NULL, &local_error) &&
      !g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static GHashTable *
medialib_s3_blobs_list_aliases (MedialibBlobStore  *store,
                                GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autoptr(GPtrArray) objects = medialib_s3_client_list_objects (self->client, "assets/", NULL, error);
  GHashTable *names;

  if (objects == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < objects->len; i++)
    {
      MedialibS3Object *object = g_ptr_array_index (objects, i);

      g_hash_table_add (names, g_strdup (object->key + strlen ("assets/")));
    }

  return names;
}

static gboolean
medialib_s3_blobs_delete_blob (MedialibBlobStore  *store,
                               MedialibBlobKind    kind,
                               const char         *sha256,
                               const char         *suffix,
                               GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *key = object_key (kind, sha256, suffix);
  g_autofree char *path = cache_path (self, kind, sha256, suffix);
  g_autoptr(GError) local_error = NULL;

  /* Never an asset's address: the content kept under its other name then */
  if (key != NULL && kind == MEDIALIB_BLOB_MEDIA && _medialib_s3_content_is_kept (self->client, sha256, suffix))
    {
      g_free (key);
      key = _medialib_s3_kept_key (sha256, suffix);
    }

  if (key != NULL &&
      !medialib_s3_client_delete_object (self->client, key, NULL, &local_error) &&
      !g_error_matches (local_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s could not be removed: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* PREFIX/ab/<sha256><suffix> → sha256 and suffix, or FALSE for another key */
static gboolean
parse_key (const char  *key,
           const char  *prefix,
           char       **sha256,
           const char **suffix)
{
  gsize length = strlen (prefix);
  const char *name;

  if (strncmp (key, prefix, length) != 0 || key[length] != '/' || strlen (key + length + 1) < 3 ||
      key[length + 3] != '/')
    return FALSE;

  name = key + length + 4;
  if (strlen (name) < SHA256_HEX_LENGTH || strncmp (name, key + length + 1, 2) != 0)
    return FALSE;

  *sha256 = g_strndup (name, SHA256_HEX_LENGTH);
  *suffix = name + SHA256_HEX_LENGTH;
  if (g_str_has_prefix (*suffix, MEDIALIB_S3_KEPT_INFIX "."))
    *suffix += strlen (MEDIALIB_S3_KEPT_INFIX);
  if (!medialib_blob_name_is_valid (*sha256, *suffix))
    {
      g_clear_pointer (sha256, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
medialib_s3_blobs_list (MedialibBlobStore  *store,
                        MedialibBlobKind    kind,
                        MedialibBlobFunc    func,
                        gpointer            user_data,
                        GError            **error)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);
  g_autofree char *prefix = g_strconcat (prefix_of (kind), "/", NULL);
  g_autoptr(GPtrArray) objects = NULL;
  gint64 newest = g_get_real_time () / G_USEC_PER_SEC - g_atomic_int_get (&self->sweep_grace);

  objects = medialib_s3_client_list_objects (self->client, prefix, NULL, error);
  if (objects == NULL)
    return FALSE;

  for (guint i = 0; i < objects->len; i++)
    {
      MedialibS3Object *object = g_ptr_array_index (objects, i);
      g_autofree char *sha256 = NULL;
      const char *suffix;

      if (!parse_key (object->key, prefix_of (kind), &sha256, &suffix))
        continue;

      /* Too young to be swept: another computer may be about to commit its row. An object
       * whose age the listing does not tell is never reported either. */
      if (object->modified <= 0 || object->modified > newest)
        continue;

      func (sha256, suffix, user_data);
    }

  return TRUE;
}

/*
 * Nothing is left over in the bucket: every object is written by a single PUT, which S3
 * applies whole or not at all, and no multipart upload is ever started, so none can be left
 * unfinished. Only the cache may keep the temporary file of an interrupted write.
 */
static void
medialib_s3_blobs_remove_leftovers (MedialibBlobStore *store)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (store);

  _medialib_s3_cache_remove_temporary (self);
}

static MedialibBlobLock *
medialib_s3_blobs_lock_adding (MedialibBlobStore *store)
{
  return medialib_blob_lock_file (MEDIALIB_S3_BLOBS (store)->files_lock, FALSE);
}

static MedialibBlobLock *
medialib_s3_blobs_try_lock_removing (MedialibBlobStore *store)
{
  return medialib_blob_lock_file (MEDIALIB_S3_BLOBS (store)->files_lock, TRUE);
}

static void
blob_store_iface_init (MedialibBlobStoreInterface *iface)
{
  iface->put = medialib_s3_blobs_put;
  iface->has = medialib_s3_blobs_has;
  iface->read = medialib_s3_blobs_read;
  iface->dup_local_path = medialib_s3_blobs_dup_local_path;
  iface->ensure_local = medialib_s3_blobs_ensure_local;
  iface->dup_uri = medialib_s3_blobs_dup_uri;
  iface->put_alias = medialib_s3_blobs_put_alias;
  iface->dup_alias_uri = medialib_s3_blobs_dup_alias_uri;
  iface->delete_alias = medialib_s3_blobs_delete_alias;
  iface->list_aliases = medialib_s3_blobs_list_aliases;
  iface->delete_blob = medialib_s3_blobs_delete_blob;
  iface->list = medialib_s3_blobs_list;
  iface->remove_leftovers = medialib_s3_blobs_remove_leftovers;
  iface->lock_adding = medialib_s3_blobs_lock_adding;
  iface->try_lock_removing = medialib_s3_blobs_try_lock_removing;
}

static void
medialib_s3_blobs_finalize (GObject *object)
{
  MedialibS3Blobs *self = MEDIALIB_S3_BLOBS (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->media_dir, g_free);
  g_clear_pointer (&self->thumbnail_dir, g_free);
  g_clear_pointer (&self->files_lock, g_free);
  g_clear_pointer (&self->public_url, g_free);
  g_mutex_clear (&self->evict_lock);
  g_mutex_clear (&self->kept_lock);
  g_clear_pointer (&self->kept, g_hash_table_unref);

  G_OBJECT_CLASS (medialib_s3_blobs_parent_class)->finalize (object);
}

static void
medialib_s3_blobs_class_init (MedialibS3BlobsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_s3_blobs_finalize;
}

static void
medialib_s3_blobs_init (MedialibS3Blobs *self)
{
  g_mutex_init (&self->evict_lock);
  g_mutex_init (&self->kept_lock);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sweep_grace = MEDIALIB_S3_BLOBS_DEFAULT_SWEEP_GRACE;
}

/**
 * medialib_s3_blobs_new:
 * @client: the bucket
 * @cache_dir: the folder of this computer's copies (LIBRARY/cache); made when missing
 * @cache_limit: how many bytes of originals the cache keeps at most, 0 for
 *   %MEDIALIB_S3_BLOBS_DEFAULT_CACHE_LIMIT (thumbnails are not counted)
 * @public_url: (nullable): the address under which the bucket's objects are public
 *   (https://media.example.org, or ENDPOINT/BUCKET for a public-read bucket): dup_uri() gives
 *   PUBLIC_URL/KEY; %NULL for presigned URLs
 * @url_expiry_seconds: how long a presigned URL lasts, at most %MEDIALIB_S3_MAX_URL_EXPIRY;
 *   0 for %MEDIALIB_S3_DEFAULT_URL_EXPIRY
 *
 * Returns: (transfer full): the blob store, or %NULL when the cache folder cannot be made
 */
MedialibS3Blobs *
medialib_s3_blobs_new (MedialibS3Client  *client,
                       const char        *cache_dir,
                       guint64            cache_limit,
                       const char        *public_url,
                       guint              url_expiry_seconds,
                       GError           **error)
{
  g_autoptr(MedialibS3Blobs) self = NULL;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (client), NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);
  g_return_val_if_fail (url_expiry_seconds <= MEDIALIB_S3_MAX_URL_EXPIRY, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_S3_BLOBS, NULL);
  self->client = g_object_ref (client);
  self->media_dir = g_build_filename (cache_dir, "media", NULL);
  self->thumbnail_dir = g_build_filename (cache_dir, "thumbnails", NULL);
  self->files_lock = g_build_filename (cache_dir, FILES_LOCK, NULL);
  self->cache_limit = cache_limit > 0 ? cache_limit : MEDIALIB_S3_BLOBS_DEFAULT_CACHE_LIMIT;
  self->url_expiry = url_expiry_seconds > 0 ? url_expiry_seconds : MEDIALIB_S3_DEFAULT_URL_EXPIRY;

  if (public_url != NULL && public_url[0] != '\0')
    {
      gsize length = strlen (public_url);

      while (length > 0 && public_url[length - 1] == '/')
        length--;
      self->public_url = g_strndup (public_url, length);
    }

  if (g_mkdir_with_parents (self->media_dir, 0700) != 0 ||
      g_mkdir_with_parents (self->thumbnail_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The cache folder %s cannot be created: %s"),
                   cache_dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&self);
}

MedialibS3Client *
medialib_s3_blobs_get_client (MedialibS3Blobs *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_BLOBS (self), NULL);

  return self->client;
}

guint
medialib_s3_blobs_get_sweep_grace (MedialibS3Blobs *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_BLOBS (self), 0);

  return g_atomic_int_get (&self->sweep_grace);
}

/**
 * medialib_s3_blobs_set_sweep_grace:
 * @seconds: how old an object must be before list() reports it; 0 reports every object
 *   (and has() no longer asks for old objects to be stored again)
 *
 * The time an adder on another computer has between its upload and the commit of its row.
 */
void
medialib_s3_blobs_set_sweep_grace (MedialibS3Blobs *self,
                                   guint            seconds)
{
  g_return_if_fail (MEDIALIB_IS_S3_BLOBS (self));

  g_atomic_int_set (&self->sweep_grace, (int) MIN (seconds, G_MAXINT));
}
