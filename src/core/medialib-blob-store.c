/* medialib-blob-store.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-blob-store"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "medialib-blob-store.h"
#include "medialib-sha256.h"

/*
 * A blob store keeps bytes by content: a blob is named by the SHA-256 of the file it comes
 * from (lowercase hex) and a suffix that says its type (".png", ".jpg", ".gif", ".vcf", or
 * nothing). The library's own copy of a file is a MEDIA blob; its thumbnail is a THUMBNAIL
 * blob of the same name with MEDIALIB_THUMBNAIL_SUFFIX.
 *
 * The rules every implementation keeps:
 *
 * - put() of a MEDIA blob is durable and checked: when it returns, the bytes are safely
 *   stored (on disk, or acknowledged by the server) and they are the bytes whose SHA-256 the
 *   blob is named by; bytes that do not match are refused with G_IO_ERROR_INVALID_DATA. A blob
 *   is never seen half written. The store commits the row that names a blob only after its
 *   put() returned, so no row ever names a missing blob. put_hashed() is put() for bytes whose
 *   SHA-256 the caller computed over that very (unchanging) memory: the check may be skipped,
 *   nothing else is. THUMBNAIL blobs are a cache: made again when missing, neither checked
 *   nor necessarily durable.
 * - Whoever adds blobs holds medialib_blob_store_lock_adding() from before it asks has() until
 *   the rows that name them are committed; whoever removes blobs (a deletion, the sweep) holds
 *   medialib_blob_store_try_lock_removing() and decides under it, from the rows committed by
 *   then, what no row names. The removing hold is never waited for: it is refused while
 *   anyone adds, and what could not be removed is left for the next sweep.
 * - list() reports the blobs that are well named; remove_leftovers() removes what is not a
 *   blob (what an interrupted put() left behind). Both only run under the removing hold.
 *
 * Blocking: every call but dup_local_path() and dup_uri() may do I/O; the app calls them
 * on worker threads. dup_local_path() only says where the blob's local copy is or will be:
 * a store whose blobs are elsewhere (a bucket) brings the copy with ensure_local(), which
 * may wait on the network.
 */

G_DEFINE_INTERFACE (MedialibBlobStore, medialib_blob_store, G_TYPE_OBJECT)

struct _MedialibBlobLock
{
  gpointer       handle;
  GDestroyNotify release;
};

static void
medialib_blob_store_default_init (MedialibBlobStoreInterface *iface)
{
}

guint _medialib_content_hashed = 0;

/**
 * _medialib_content_sha256:
 *
 * The SHA-256 of a file's content, the name of its blob: every one the library computes over
 * a whole file goes through here, so that tests can count them.
 *
 * Returns: (transfer full): the SHA-256 in lowercase hex
 */
char *
_medialib_content_sha256 (const void *data,
                          gsize       length)
{
  g_atomic_int_inc (&_medialib_content_hashed);
  return medialib_sha256_hex (data, length);
}

/**
 * medialib_blob_name_is_valid:
 *
 * A blob's name: at least two lowercase hex digits (folder layouts use the first two), and a
 * suffix that is empty or a dot and letters, digits or dots, so that a name is never a path.
 */
gboolean
medialib_blob_name_is_valid (const char *sha256,
                             const char *suffix)
{
  gsize n = 0;

  if (sha256 == NULL || suffix == NULL)
    return FALSE;

  for (; sha256[n] != '\0'; n++)
    if (!g_ascii_isxdigit (sha256[n]) || g_ascii_isupper (sha256[n]))
      return FALSE;
  if (n < 2)
    return FALSE;

  if (suffix[0] == '\0')
    return TRUE;
  if (suffix[0] != '.')
    return FALSE;
  for (const char *p = suffix + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.')
      return FALSE;

  return TRUE;
}

/**
 * medialib_blob_store_put:
 * @sha256: the SHA-256 of the file, in lowercase hex: of @bytes for a MEDIA blob
 * @suffix: the file's suffix with its dot (MEDIALIB_THUMBNAIL_SUFFIX for thumbnails)
 *
 * Stores @bytes under their name, replacing a blob of that name. A MEDIA blob is durable
 * and checked (see above): bytes whose SHA-256 is not @sha256 fail with
 * %G_IO_ERROR_INVALID_DATA and nothing is stored.
 */
gboolean
medialib_blob_store_put (MedialibBlobStore  *self,
                         MedialibBlobKind    kind,
                         const char         *sha256,
                         const char         *suffix,
                         GBytes             *bytes,
                         GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->put (self, kind, sha256, suffix, bytes, error);
}

/**
 * medialib_blob_store_put_hashed:
 * @sha256: the SHA-256 of @bytes, in lowercase hex, that the caller computed over these very
 *   bytes (a #GBytes does not change)
 *
 * medialib_blob_store_put() for a caller that hashed @bytes itself (an import, which names
 * the file by the hash it computed when it identified it): a store may take @sha256 as
 * the bytes' hash without computing it again. Everything else is put()'s: durable, never half
 * written. A store without its own put_hashed() checks the bytes as put() does. Bytes from
 * anywhere else, or a mapping of a file that someone may write to, go through put().
 */
gboolean
medialib_blob_store_put_hashed (MedialibBlobStore  *self,
                                MedialibBlobKind    kind,
                                const char         *sha256,
                                const char         *suffix,
                                GBytes             *bytes,
                                GError            **error)
{
  MedialibBlobStoreInterface *iface;

  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MEDIALIB_BLOB_STORE_GET_IFACE (self);
  if (iface->put_hashed == NULL)
    return iface->put (self, kind, sha256, suffix, bytes, error);

  return iface->put_hashed (self, kind, sha256, suffix, bytes, error);
}

/**
 * medialib_blob_store_has:
 *
 * Returns: whether the blob is stored; %FALSE too when that cannot be known (a put()
 *   that follows says why)
 */
gboolean
medialib_blob_store_has (MedialibBlobStore *self,
                         MedialibBlobKind   kind,
                         const char        *sha256,
                         const char        *suffix)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->has (self, kind, sha256, suffix);
}

/**
 * medialib_blob_store_read:
 *
 * Returns: (transfer full): the blob's bytes, or %NULL with %G_FILE_ERROR_NOENT when there
 *   is no such blob
 */
GBytes *
medialib_blob_store_read (MedialibBlobStore  *self,
                          MedialibBlobKind    kind,
                          const char         *sha256,
                          const char         *suffix,
                          GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->read (self, kind, sha256, suffix, error);
}

/**
 * medialib_blob_store_dup_local_path:
 *
 * Does no I/O.
 *
 * Returns: (transfer full) (nullable): where the blob is (or would be) on this computer, or
 *   %NULL when the store keeps no local copy of it
 */
char *
medialib_blob_store_dup_local_path (MedialibBlobStore *self,
                                    MedialibBlobKind   kind,
                                    const char        *sha256,
                                    const char        *suffix)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->dup_local_path (self, kind, sha256, suffix);
}

/**
 * medialib_blob_store_ensure_local:
 *
 * Makes sure that the blob is on this computer, at medialib_blob_store_dup_local_path(): a
 * store that keeps its blobs elsewhere fetches it into its cache. Blocking: may wait on the
 * network; call it on a worker thread.
 *
 * Returns: (transfer full): the path of the local copy, or %NULL with @error set (a missing
 *   blob is %G_FILE_ERROR_NOENT)
 */
char *
medialib_blob_store_ensure_local (MedialibBlobStore  *self,
                                  MedialibBlobKind    kind,
                                  const char         *sha256,
                                  const char         *suffix,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->ensure_local (self, kind, sha256, suffix, cancellable, error);
}

/**
 * medialib_blob_store_dup_uri:
 *
 * The address of a MEDIA blob to give others: a `file://` URI for a local store, an http(s)
 * URL that fetches it without credentials for a server. Does no I/O.
 *
 * Returns: (transfer full):
 */
char *
medialib_blob_store_dup_uri (MedialibBlobStore *self,
                             const char        *sha256,
                             const char        *suffix)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->dup_uri (self, sha256, suffix);
}

/**
 * medialib_blob_store_put_alias:
 * @address: the asset's address (medialib_blob_address_is_valid())
 * @bytes: (nullable): the blob's bytes when the caller has them, otherwise they are read
 *
 * Makes the asset's stable address (medialib_blob_store_dup_alias_uri()) give the MEDIA blob
 * @sha256 from now on. Blocking. A store without aliases does nothing.
 */
gboolean
medialib_blob_store_put_alias (MedialibBlobStore  *self,
                               const char         *address,
                               const char         *sha256,
                               const char         *suffix,
                               GBytes             *bytes,
                               GError            **error)
{
  MedialibBlobStoreInterface *iface;

  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_address_is_valid (address), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MEDIALIB_BLOB_STORE_GET_IFACE (self);
  if (iface->put_alias == NULL)
    return TRUE;

  return iface->put_alias (self, address, sha256, suffix, bytes, error);
}

/**
 * medialib_blob_store_dup_alias_uri:
 *
 * The URI of an asset's address, which stays the same when its content is replaced; %NULL
 * for a store without aliases, and, in a local folder, when the address's link is not there
 * (one stat: a process stopped between the asset's commit and its link), so that the caller
 * gives the content's URI meanwhile.
 *
 * Returns: (transfer full) (nullable):
 */
char *
medialib_blob_store_dup_alias_uri (MedialibBlobStore *self,
                                   const char        *address,
                                   const char        *suffix)
{
  MedialibBlobStoreInterface *iface;

  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (suffix != NULL, NULL);

  iface = MEDIALIB_BLOB_STORE_GET_IFACE (self);
  if (iface->dup_alias_uri == NULL || !medialib_blob_address_is_valid (address))
    return NULL;

  return iface->dup_alias_uri (self, address, suffix);
}

/**
 * medialib_blob_store_delete_alias:
 *
 * Removes an asset's stable address; one that is already gone is not an error.
 */
gboolean
medialib_blob_store_delete_alias (MedialibBlobStore  *self,
                                  const char         *address,
                                  const char         *suffix,
                                  GError            **error)
{
  MedialibBlobStoreInterface *iface;

  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_address_is_valid (address), FALSE);
  g_return_val_if_fail (suffix != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MEDIALIB_BLOB_STORE_GET_IFACE (self);
  if (iface->delete_alias == NULL)
    return TRUE;

  return iface->delete_alias (self, address, suffix, error);
}

/**
 * medialib_blob_store_list_aliases:
 *
 * The random addresses there are (medialib_blob_address_is_valid()), as `<address><suffix>`
 * names; from a store that keeps them as objects, which cannot be looked at one by one at
 * little cost. Blocking.
 *
 * Returns: (transfer full) (nullable): a set of names, or %NULL with @error set, or %NULL
 *   without an error for a store that does not list them
 */
GHashTable *
medialib_blob_store_list_aliases (MedialibBlobStore  *self,
                                  GError            **error)
{
  MedialibBlobStoreInterface *iface;

  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = MEDIALIB_BLOB_STORE_GET_IFACE (self);
  if (iface->list_aliases == NULL)
    return NULL;

  return iface->list_aliases (self, error);
}

static gboolean
is_lower_hex (const char *text,
              gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

/**
 * medialib_blob_address_is_valid:
 *
 * Whether @address can name an asset's address: 32 lowercase hexadecimal digits, as the
 * catalogs make them (random, so that an address cannot be guessed from another), or a
 * content's address (medialib_blob_address_get_content()).
 */
gboolean
medialib_blob_address_is_valid (const char *address)
{
  return is_lower_hex (address, 32) || medialib_blob_address_get_content (address) != NULL;
}

/**
 * medialib_blob_address_get_content:
 *
 * An asset added before assets had addresses of their own was known by its content's
 * address (media/ab/<sha256>.<ext>, medialib_blob_store_dup_uri()), and keeps it when its
 * content is replaced: its address is then "=" and that first content's SHA-256, and the
 * store gives the asset's current content at that name from then on, keeping the first
 * content elsewhere (see medialib-folder-blobs.c and medialib-s3-blobs.c).
 *
 * Returns: (nullable): the SHA-256 whose name @address is, or %NULL for a random address
 */
const char *
medialib_blob_address_get_content (const char *address)
{
  if (address == NULL || address[0] != '=' || !is_lower_hex (address + 1, 64))
    return NULL;

  return address + 1;
}

/**
 * medialib_blob_store_delete:
 *
 * Removes a blob; one that is already gone is not an error. Only under the removing hold.
 */
gboolean
medialib_blob_store_delete (MedialibBlobStore  *self,
                            MedialibBlobKind    kind,
                            const char         *sha256,
                            const char         *suffix,
                            GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->delete_blob (self, kind, sha256, suffix, error);
}

/**
 * medialib_blob_store_list:
 * @func: (scope call): called for every blob of @kind
 *
 * Lists the blobs of @kind, for the sweep.
 */
gboolean
medialib_blob_store_list (MedialibBlobStore  *self,
                          MedialibBlobKind    kind,
                          MedialibBlobFunc    func,
                          gpointer            user_data,
                          GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->list (self, kind, func, user_data, error);
}

/**
 * medialib_blob_store_remove_leftovers:
 *
 * Removes what interrupted puts left behind. Only under the removing hold.
 */
void
medialib_blob_store_remove_leftovers (MedialibBlobStore *self)
{
  g_return_if_fail (MEDIALIB_IS_BLOB_STORE (self));

  MEDIALIB_BLOB_STORE_GET_IFACE (self)->remove_leftovers (self);
}

/**
 * medialib_blob_store_lock_adding:
 *
 * Holds off every removal of blobs, in this process and others, until it is released.
 * Several adders hold it at once; it waits only for a removal under way.
 *
 * Returns: (transfer full) (nullable): the hold, or %NULL when the store could not take it
 *   (adding goes on without it, as it did before holds existed)
 */
MedialibBlobLock *
medialib_blob_store_lock_adding (MedialibBlobStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->lock_adding (self);
}

/**
 * medialib_blob_store_try_lock_removing:
 *
 * The hold under which blobs are removed: no one adds blobs while it is held. Never waits.
 *
 * Returns: (transfer full) (nullable): the hold, or %NULL while anyone adds blobs
 */
MedialibBlobLock *
medialib_blob_store_try_lock_removing (MedialibBlobStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_BLOB_STORE (self), NULL);

  return MEDIALIB_BLOB_STORE_GET_IFACE (self)->try_lock_removing (self);
}

MedialibBlobLock *
medialib_blob_lock_new (gpointer       handle,
                        GDestroyNotify release)
{
  MedialibBlobLock *lock;

  g_return_val_if_fail (release != NULL, NULL);

  lock = g_new0 (MedialibBlobLock, 1);
  lock->handle = handle;
  lock->release = release;

  return lock;
}

void
medialib_blob_lock_release (MedialibBlobLock *lock)
{
  if (lock == NULL)
    return;

  lock->release (lock->handle);
  g_free (lock);
}

static void
release_file_lock (gpointer handle)
{
  int fd = GPOINTER_TO_INT (handle);

  flock (fd, LOCK_UN);
  close (fd);
}

/**
 * medialib_blob_lock_file:
 * @path: the lock file, created when missing
 * @exclusive: %TRUE for the removing lock (taken only when free, without waiting),
 *   %FALSE for the adding lock (shared, waits for a removal to end)
 *
 * The blob stores' adding and removing locks as an flock() on a file: they hold between the
 * processes of this computer only.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL when it could not be taken
 */
MedialibBlobLock *
medialib_blob_lock_file (const char *path,
                         gboolean    exclusive)
{
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if ((fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    return NULL;

  if (flock (fd, exclusive ? LOCK_EX | LOCK_NB : LOCK_SH) != 0)
    {
      close (fd);
      return NULL;
    }

  return medialib_blob_lock_new (GINT_TO_POINTER (fd), release_file_lock);
}
