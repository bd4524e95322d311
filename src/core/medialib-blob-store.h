/* medialib-blob-store.h — where a library keeps the bytes of its files: one contract, several
 * backends
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDIALIB_TYPE_BLOB_STORE (medialib_blob_store_get_type ())

G_DECLARE_INTERFACE (MedialibBlobStore, medialib_blob_store, MEDIALIB, BLOB_STORE, GObject)

/* What a blob is: the library's own copy of a file, or the thumbnail made from it (named by
 * the file's SHA-256 too) */
typedef enum
{
  MEDIALIB_BLOB_MEDIA,
  MEDIALIB_BLOB_THUMBNAIL,
} MedialibBlobKind;

/* Thumbnails are PNG images */
#define MEDIALIB_THUMBNAIL_SUFFIX ".png"

/* The grid's copy of a thumbnail, at the size of its tiles: made from the thumbnail on this
 * computer when the grid first shows it, next to it in the same layout, never uploaded; a
 * JPEG, or a PNG for a thumbnail with transparency (medialib_store_dup_grid_thumbnail_path()) */
#define MEDIALIB_GRID_THUMBNAIL_SIZE          320
#define MEDIALIB_GRID_THUMBNAIL_SUFFIX        ".320.jpg"
#define MEDIALIB_GRID_THUMBNAIL_ALPHA_SUFFIX  ".320.png"

/* A hold on a blob store: see medialib_blob_store_lock_adding() */
typedef struct _MedialibBlobLock MedialibBlobLock;

/* Called for each blob a listing finds; it may delete the blob it is given */
typedef void (*MedialibBlobFunc) (const char *sha256,
                                  const char *suffix,
                                  gpointer    user_data);

struct _MedialibBlobStoreInterface
{
  GTypeInterface parent_iface;

  gboolean          (*put)               (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GBytes             *bytes,
                                          GError            **error);
  gboolean          (*has)               (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix);
  GBytes           *(*read)              (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GError            **error);
  char             *(*dup_local_path)    (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix);
  char             *(*ensure_local)      (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GCancellable       *cancellable,
                                          GError            **error);
  char             *(*dup_uri)           (MedialibBlobStore  *self,
                                          const char         *sha256,
                                          const char         *suffix);
  gboolean          (*delete_blob)       (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GError            **error);
  gboolean          (*list)              (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          MedialibBlobFunc    func,
                                          gpointer            user_data,
                                          GError            **error);
  void              (*remove_leftovers)  (MedialibBlobStore  *self);
  MedialibBlobLock *(*lock_adding)       (MedialibBlobStore  *self);
  MedialibBlobLock *(*try_lock_removing) (MedialibBlobStore  *self);
  /* Optional: put() of bytes the caller hashed (medialib_blob_store_put_hashed()) */
  gboolean          (*put_hashed)        (MedialibBlobStore  *self,
                                          MedialibBlobKind    kind,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GBytes             *bytes,
                                          GError            **error);
  /* An asset's address that stays when its content is replaced (medialib-store-versions.c):
   * a copy of, or link to, its current MEDIA blob under the asset's address, a random name
   * its catalog row keeps */
  gboolean          (*put_alias)         (MedialibBlobStore  *self,
                                          const char         *address,
                                          const char         *sha256,
                                          const char         *suffix,
                                          GBytes             *bytes,
                                          GError            **error);
  char             *(*dup_alias_uri)     (MedialibBlobStore  *self,
                                          const char         *address,
                                          const char         *suffix);
  gboolean          (*delete_alias)      (MedialibBlobStore  *self,
                                          const char         *address,
                                          const char         *suffix,
                                          GError            **error);
  /* Optional: the names (<address>.<ext>) of the random addresses there are */
  GHashTable       *(*list_aliases)      (MedialibBlobStore  *self,
                                          GError            **error);
};

gboolean          medialib_blob_store_put               (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GBytes             *bytes,
                                                         GError            **error);
gboolean          medialib_blob_store_put_hashed        (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GBytes             *bytes,
                                                         GError            **error);
gboolean          medialib_blob_store_has               (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix);
GBytes           *medialib_blob_store_read              (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GError            **error);
char             *medialib_blob_store_dup_local_path    (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix);
char             *medialib_blob_store_ensure_local      (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
char             *medialib_blob_store_dup_uri           (MedialibBlobStore  *self,
                                                         const char         *sha256,
                                                         const char         *suffix);
gboolean          medialib_blob_store_delete            (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GError            **error);
gboolean          medialib_blob_store_list              (MedialibBlobStore  *self,
                                                         MedialibBlobKind    kind,
                                                         MedialibBlobFunc    func,
                                                         gpointer            user_data,
                                                         GError            **error);
void              medialib_blob_store_remove_leftovers  (MedialibBlobStore  *self);
gboolean          medialib_blob_store_put_alias         (MedialibBlobStore  *self,
                                                         const char         *address,
                                                         const char         *sha256,
                                                         const char         *suffix,
                                                         GBytes             *bytes,
                                                         GError            **error);
char             *medialib_blob_store_dup_alias_uri     (MedialibBlobStore  *self,
                                                         const char         *address,
                                                         const char         *suffix);
gboolean          medialib_blob_store_delete_alias      (MedialibBlobStore  *self,
                                                         const char         *address,
                                                         const char         *suffix,
                                                         GError            **error);
GHashTable       *medialib_blob_store_list_aliases      (MedialibBlobStore  *self,
                                                         GError            **error);
MedialibBlobLock *medialib_blob_store_lock_adding       (MedialibBlobStore  *self);
MedialibBlobLock *medialib_blob_store_try_lock_removing (MedialibBlobStore  *self);

/* For implementations */
char             *_medialib_content_sha256              (const void         *data,
                                                         gsize               length);
gboolean          medialib_blob_name_is_valid           (const char         *sha256,
                                                         const char         *suffix);
gboolean          medialib_blob_address_is_valid        (const char         *address);
const char       *medialib_blob_address_get_content     (const char         *address);
MedialibBlobLock *medialib_blob_lock_new                (gpointer            handle,
                                                         GDestroyNotify      release);
void              medialib_blob_lock_release            (MedialibBlobLock   *lock);
MedialibBlobLock *medialib_blob_lock_file               (const char         *path,
                                                         gboolean            exclusive);

/* How many SHA-256 of contents _medialib_content_sha256() computed (tests) */
extern guint _medialib_content_hashed;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibBlobLock, medialib_blob_lock_release)

G_END_DECLS
