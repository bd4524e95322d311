/* medialib-folder-blobs.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-folder-blobs"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "medialib-asset-private.h"
#include "medialib-folder-blobs.h"

/*
 * A local library keeps its blobs in two folders of the library's folder:
 *
 *   media/ab/<sha256>.<ext>       the library's own copy of every file, by content
 *   thumbnails/ab/<sha256>.png    512 px thumbnails, made again when missing
 *   .files.lock                   the hold of adders (shared) and removers (exclusive)
 *   assets/<address>.<ext>        each asset's address (its URI), a symbolic link to its
 *                                 current media blob, replaced by a rename when the asset's
 *                                 content is (medialib-store-versions.c)
 *   media/ab/<sha256>.kept.<ext>  a content whose own name became an asset's address: an
 *                                 asset added before addresses was known by its content's
 *                                 name (medialib_blob_address_get_content()); when its content
 *                                 is replaced, that name becomes a symbolic link to its
 *                                 current content, and its first content is kept here until
 *                                 the name is a content's again (a revert, the asset's
 *                                 deletion). A media/ name that is a link is never a blob.
 *
 * A blob is written to a temporary file in its folder, fsynced (media) and renamed into
 * place, so no name ever holds a partial file; a crash leaves at worst a temporary file,
 * which remove_leftovers() removes.
 *
 * Removing blobs. An import (or a crop, a generated image) looks for the blob of its bytes,
 * writes it only when it is missing, then commits the row that names it; from before the look
 * until after the commit it holds .files.lock shared (lock_adding). Whoever removes blobs,
 * the sweep or a deletion, holds .files.lock exclusively and decides under it, from the rows
 * committed by then, which blobs no row names: so no import counts on a file that is being
 * removed, and no row ever names a missing file.
 *
 * The exclusive lock is never waited for (an import can last minutes): what cannot be removed
 * while an import runs, in this process or another, stays for the next sweep. flock() locks
 * belong to an open file, so two holds in one process exclude each other as two processes'
 * do. .files.lock is not the library's .lock, which every open store holds: a deletion
 * removes its files at once even while another process (a `medialib list`, another window)
 * has the library open.
 */

#define TEMP_PREFIX _MEDIALIB_TEMP_PREFIX
#define FILES_LOCK  ".files.lock"

struct _MedialibFolderBlobs
{
  GObject  parent_instance;

  char    *media_dir;
  char    *thumbnail_dir;
  char    *files_lock;
  char    *alias_dir;
};

static void blob_store_iface_init (MedialibBlobStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibFolderBlobs, medialib_folder_blobs, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MEDIALIB_TYPE_BLOB_STORE, blob_store_iface_init))

/**
 * _medialib_content_path:
 * @dir: the library's media/ or thumbnails/ folder
 * @sha256: the content's SHA-256, in hex
 * @suffix: the file's suffix, with its dot
 *
 * The on-disk layout of content-addressed files, in one place: a folder per first two
 * hex digits of the hash, the file named by the whole hash.
 *
 * Returns: (transfer full): DIR/ab/abcdef….SUFFIX
 */
char *
_medialib_content_path (const char *dir,
                        const char *sha256,
                        const char *suffix)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) >= 2, NULL);

  return _medialib_content_name (dir, G_DIR_SEPARATOR_S, sha256, suffix);
}

static const char *
root (MedialibFolderBlobs *self,
      MedialibBlobKind     kind)
{
  return kind == MEDIALIB_BLOB_MEDIA ? self->media_dir : self->thumbnail_dir;
}

#define KEPT_INFIX ".kept"

static gboolean
is_link (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

/* Where a content whose name is an asset's address is kept: media/ab/<sha256>.kept.<ext> */
static char *
kept_path (MedialibFolderBlobs *self,
           const char          *sha256,
           const char          *suffix)
{
  g_autofree char *kept_suffix = g_strconcat (KEPT_INFIX, suffix, NULL);

  return _medialib_content_path (self->media_dir, sha256, kept_suffix);
}

/* A MEDIA blob is at its name unless that name is an address (a link, see above) */
static char *
blob_path (MedialibFolderBlobs *self,
           MedialibBlobKind     kind,
           const char          *sha256,
           const char          *suffix)
{
  g_autofree char *path = _medialib_content_path (root (self, kind), sha256, suffix);

  if (kind == MEDIALIB_BLOB_MEDIA && is_link (path))
    return kept_path (self, sha256, suffix);

  return g_steal_pointer (&path);
}

/* Writes the blob: a MEDIA blob durably (fsync before its rename) */
static gboolean
write_blob (MedialibFolderBlobs  *self,
            MedialibBlobKind      kind,
            const char           *sha256,
            const char           *suffix,
            GBytes               *bytes,
            GError              **error)
{
  g_autofree char *path = blob_path (self, kind, sha256, suffix);

  return _medialib_write_file_atomic (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      kind == MEDIALIB_BLOB_MEDIA, error);
}

static gboolean
medialib_folder_blobs_put (MedialibBlobStore  *store,
                           MedialibBlobKind    kind,
                           const char         *sha256,
                           const char         *suffix,
                           GBytes             *bytes,
                           GError            **error)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (store);

  if (kind == MEDIALIB_BLOB_MEDIA)
    {
      g_autofree char *actual = _medialib_content_sha256 (g_bytes_get_data (bytes, NULL),
                                                          g_bytes_get_size (bytes));

      if (g_strcmp0 (actual, sha256) != 0)
        {
          g_autofree char *path = blob_path (self, kind, sha256, suffix);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s was not stored: the file’s content does not have this SHA-256"), path);
          return FALSE;
        }
    }

  return write_blob (self, kind, sha256, suffix, bytes, error);
}

/* The caller computed @sha256 over these bytes, which a GBytes keeps as they were: what is
 * written is what was hashed, and hashing it again (a third of an import's work on a
 * photo) would only say so twice */
static gboolean
medialib_folder_blobs_put_hashed (MedialibBlobStore  *store,
                                  MedialibBlobKind    kind,
                                  const char         *sha256,
                                  const char         *suffix,
                                  GBytes             *bytes,
                                  GError            **error)
{
  return write_blob (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix, bytes, error);
}

static gboolean
medialib_folder_blobs_has (MedialibBlobStore *store,
                           MedialibBlobKind   kind,
                           const char        *sha256,
                           const char        *suffix)
{
  g_autofree char *path = blob_path (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static GBytes *
medialib_folder_blobs_read (MedialibBlobStore  *store,
                            MedialibBlobKind    kind,
                            const char         *sha256,
                            const char         *suffix,
                            GError            **error)
{
  g_autofree char *path = blob_path (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  return mapped != NULL ? g_mapped_file_get_bytes (mapped) : NULL;
}

static char *
medialib_folder_blobs_dup_local_path (MedialibBlobStore *store,
                                      MedialibBlobKind   kind,
                                      const char        *sha256,
                                      const char        *suffix)
{
  return blob_path (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix);
}

static char *
medialib_folder_blobs_ensure_local (MedialibBlobStore  *store,
                                    MedialibBlobKind    kind,
                                    const char         *sha256,
                                    const char         *suffix,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autofree char *path = blob_path (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s is missing from the library"), path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static char *
medialib_folder_blobs_dup_uri (MedialibBlobStore *store,
                               const char        *sha256,
                               const char        *suffix)
{
  g_autofree char *path = blob_path (MEDIALIB_FOLDER_BLOBS (store), MEDIALIB_BLOB_MEDIA, sha256, suffix);

  return g_filename_to_uri (path, NULL, NULL);
}

static char *
alias_path (MedialibFolderBlobs *self,
            const char          *address,
            const char          *suffix)
{
  g_autofree char *name = g_strconcat (address, suffix, NULL);

  return g_build_filename (self->alias_dir, name, NULL);
}

/* What a link at PATH to the MEDIA blob SHA256 holds: assets/X → ../media/ab/NAME,
 * media/cd/X → ../ab/NAME */
static char *
link_target (MedialibFolderBlobs *self,
             const char          *path,
             const char          *sha256,
             const char          *suffix)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *top = g_path_get_dirname (dir);
  g_autofree char *blob = blob_path (self, MEDIALIB_BLOB_MEDIA, sha256, suffix);
  g_autofree char *blob_name = g_path_get_basename (blob);
  g_autofree char *media = g_path_get_basename (self->media_dir);

  if (g_strcmp0 (top, self->media_dir) == 0)
    return g_strdup_printf ("../%.2s/%s", sha256, blob_name);

  return g_strdup_printf ("../%s/%.2s/%s", media, sha256, blob_name);
}

/* Makes PATH, in a folder of the library, a symbolic link to the MEDIA blob SHA256: a relative
 * one, so that the library folder can move; made under a temporary name and renamed over
 * the old one, so the address always names a whole file */
static gboolean
link_to_blob (MedialibFolderBlobs  *self,
              const char           *path,
              const char           *sha256,
              const char           *suffix,
              GError              **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strdup_printf ("%s/" TEMP_PREFIX "%s-%u", dir, base, g_random_int ());
  g_autofree char *target = link_target (self, path, sha256, suffix);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      symlink (target, temp) != 0 ||
      g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s could not be written: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
io_failed (GError     **error,
           const char  *path)
{
  int saved_errno = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s could not be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* The name of CONTENT becomes an address giving SHA256, its own content kept beside it; or,
 * SHA256 being CONTENT, the name is its content's again. Each step leaves every name whole:
 * the content is kept (a second link to the same file) before its name becomes a link. */
static gboolean
put_content_alias (MedialibFolderBlobs  *self,
                   const char           *content,
                   const char           *sha256,
                   const char           *suffix,
                   GError              **error)
{
  g_autofree char *path = _medialib_content_path (self->media_dir, content, suffix);
  g_autofree char *kept = kept_path (self, content, suffix);
  gboolean linked = is_link (path);

  if (g_str_equal (content, sha256))
    {
      if (linked && g_rename (kept, path) != 0)
        return io_failed (error, path);
      return TRUE;
    }

  if (!linked && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (link (path, kept) != 0)
        {
          /* Kept by a process stopped before the name became a link: kept again */
          if (errno != EEXIST)
            return io_failed (error, kept);
          g_unlink (kept);
          if (link (path, kept) != 0)
            return io_failed (error, kept);
        }
    }

  return link_to_blob (self, path, sha256, suffix, error);
}

static gboolean
medialib_folder_blobs_put_alias (MedialibBlobStore  *store,
                                 const char         *address,
                                 const char         *sha256,
                                 const char         *suffix,
                                 GBytes             *bytes,
                                 GError            **error)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (store);
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *path = NULL;

  if (content != NULL)
    return put_content_alias (self, content, sha256, suffix, error);

  path = alias_path (self, address, suffix);
  return link_to_blob (self, path, sha256, suffix, error);
}

static gboolean
links_to (MedialibFolderBlobs *self,
          const char          *path,
          const char          *sha256,
          const char          *suffix)
{
  g_autofree char *target = g_file_read_link (path, NULL);
  g_autofree char *expected = NULL;

  if (target == NULL)
    return FALSE;
  expected = link_target (self, path, sha256, suffix);
  return g_str_equal (target, expected);
}

/**
 * medialib_folder_blobs_repair_address:
 * @address: (nullable): the asset's address, %NULL for an asset from before addresses
 * @sha256: its content
 *
 * Makes the asset's address give its content when it does not: a process stopped between
 * the asset's commit and its link, a backup restored (its assets' contents are older than
 * their links'). Under the sweep's hold.
 *
 * Returns: whether it did, %FALSE with @error set when it could not
 */
gboolean
medialib_folder_blobs_repair_address (MedialibFolderBlobs  *self,
                                      const char           *address,
                                      const char           *sha256,
                                      const char           *suffix,
                                      GError              **error)
{
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *path = NULL;

  g_return_val_if_fail (MEDIALIB_IS_FOLDER_BLOBS (self), FALSE);
  g_return_val_if_fail (medialib_blob_name_is_valid (sha256, suffix), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* An asset from before addresses: its content's name is its content's */
  if (address == NULL || address[0] == '\0')
    {
      g_autofree char *kept = kept_path (self, sha256, suffix);

      path = _medialib_content_path (self->media_dir, sha256, suffix);
      if (!is_link (path) || !g_file_test (kept, G_FILE_TEST_IS_REGULAR))
        return FALSE;
      if (g_rename (kept, path) != 0)
        return io_failed (error, path);
      return TRUE;
    }

  if (!medialib_blob_address_is_valid (address))
    return FALSE;

  if (content != NULL)
    {
      path = _medialib_content_path (self->media_dir, content, suffix);
      if (g_str_equal (content, sha256) ? !is_link (path) : links_to (self, path, sha256, suffix))
        return FALSE;
      return put_content_alias (self, content, sha256, suffix, error);
    }

  path = alias_path (self, address, suffix);
  if (links_to (self, path, sha256, suffix))
    return FALSE;
  return link_to_blob (self, path, sha256, suffix, error);
}

static char *
medialib_folder_blobs_dup_alias_uri (MedialibBlobStore *store,
                                     const char        *address,
                                     const char        *suffix)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (store);
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *path = NULL;

  if (content != NULL)
    path = _medialib_content_path (self->media_dir, content, suffix);
  else
    path = alias_path (self, address, suffix);

  /* A process stopped between an asset's commit and its address (medialib-store-versions.c)
   * left no link: its content's URI meanwhile (the caller's fallback), never a missing file */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  return g_filename_to_uri (path, NULL, NULL);
}

static gboolean
medialib_folder_blobs_delete_alias (MedialibBlobStore  *store,
                                    const char         *address,
                                    const char         *suffix,
                                    GError            **error)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (store);
  const char *content = medialib_blob_address_get_content (address);
  g_autofree char *path = NULL;

  /* A content's name that is an address is the content's again, when it was kept */
  if (content != NULL)
    {
      g_autofree char *kept = kept_path (self, content, suffix);

      path = _medialib_content_path (self->media_dir, content, suffix);
      if (!is_link (path))
        return TRUE;
      if (g_file_test (kept, G_FILE_TEST_IS_REGULAR) && g_rename (kept, path) == 0)
        return TRUE;
    }
  else
    path = alias_path (self, address, suffix);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s could not be removed: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
medialib_folder_blobs_delete_blob (MedialibBlobStore  *store,
                                   MedialibBlobKind    kind,
                                   const char         *sha256,
                                   const char         *suffix,
                                   GError            **error)
{
  g_autofree char *path = blob_path (MEDIALIB_FOLDER_BLOBS (store), kind, sha256, suffix);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s could not be removed: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

typedef void (*EntryFunc) (const char *path,
                           const char *sha256,
                           const char *suffix,
                           gboolean    is_blob,
                           gpointer    data);

/* Calls FUNC for every file in ROOT's two-level layout (ROOT/ab/abcd….ext), saying whether it
 * is a blob: well named, in the folder of its first two digits, not a temporary file; a
 * kept content (abcd….kept.ext) only while its name is an address. Links, which are
 * addresses, are neither blobs nor leftovers. */
static void
for_each_file (const char *dir,
               EntryFunc   func,
               gpointer    data)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *sub;

  while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub_path = g_build_filename (dir, sub, NULL);
      DIR *folder = opendir (sub_path);
      struct dirent *entry;

      while (folder != NULL && (entry = readdir (folder)) != NULL)
        {
          const char *name = entry->d_name;
          g_autofree char *sha256 = NULL;
          g_autofree char *path = NULL;
          const char *suffix;
          gboolean is_blob, kept;

          if (g_str_equal (name, ".") || g_str_equal (name, ".."))
            continue;

          path = g_build_filename (sub_path, name, NULL);
          if (entry->d_type == DT_LNK || (entry->d_type == DT_UNKNOWN && is_link (path)))
            continue;

          sha256 = g_strndup (name, strcspn (name, "."));
          suffix = name + strlen (sha256);
          kept = g_str_has_prefix (suffix, KEPT_INFIX ".");
          if (kept)
            suffix += strlen (KEPT_INFIX);
          is_blob = !g_str_has_prefix (name, TEMP_PREFIX) &&
                    medialib_blob_name_is_valid (sha256, suffix) &&
                    strlen (sub) == 2 && strncmp (sub, sha256, 2) == 0;

          /* Kept by a process stopped before the content's name became an address */
          if (is_blob && kept)
            {
              g_autofree char *named = _medialib_content_path (dir, sha256, suffix);

              is_blob = is_link (named);
            }

          func (path, sha256, suffix, is_blob, data);
        }

      if (folder != NULL)
        closedir (folder);
    }
}

typedef struct
{
  MedialibBlobFunc func;
  gpointer         data;
} ListCall;

static void
list_entry (const char *path,
            const char *sha256,
            const char *suffix,
            gboolean    is_blob,
            gpointer    data)
{
  ListCall *call = data;

  if (is_blob)
    call->func (sha256, suffix, call->data);
}

static gboolean
medialib_folder_blobs_list (MedialibBlobStore  *store,
                            MedialibBlobKind    kind,
                            MedialibBlobFunc    func,
                            gpointer            user_data,
                            GError            **error)
{
  ListCall call = { func, user_data };

  for_each_file (root (MEDIALIB_FOLDER_BLOBS (store), kind), list_entry, &call);
  return TRUE;
}

static void
remove_leftover (const char *path,
                 const char *sha256,
                 const char *suffix,
                 gboolean    is_blob,
                 gpointer    data)
{
  if (!is_blob)
    {
      g_debug ("Removing leftover %s", path);
      g_unlink (path);
    }
}

static void
medialib_folder_blobs_remove_leftovers (MedialibBlobStore *store)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (store);

  for_each_file (self->media_dir, remove_leftover, NULL);
  for_each_file (self->thumbnail_dir, remove_leftover, NULL);
}

static MedialibBlobLock *
medialib_folder_blobs_lock_adding (MedialibBlobStore *store)
{
  return medialib_blob_lock_file (MEDIALIB_FOLDER_BLOBS (store)->files_lock, FALSE);
}

static MedialibBlobLock *
medialib_folder_blobs_try_lock_removing (MedialibBlobStore *store)
{
  return medialib_blob_lock_file (MEDIALIB_FOLDER_BLOBS (store)->files_lock, TRUE);
}

static void
blob_store_iface_init (MedialibBlobStoreInterface *iface)
{
  iface->put = medialib_folder_blobs_put;
  iface->has = medialib_folder_blobs_has;
  iface->read = medialib_folder_blobs_read;
  iface->dup_local_path = medialib_folder_blobs_dup_local_path;
  iface->ensure_local = medialib_folder_blobs_ensure_local;
  iface->dup_uri = medialib_folder_blobs_dup_uri;
  iface->put_alias = medialib_folder_blobs_put_alias;
  iface->dup_alias_uri = medialib_folder_blobs_dup_alias_uri;
  iface->delete_alias = medialib_folder_blobs_delete_alias;
  iface->delete_blob = medialib_folder_blobs_delete_blob;
  iface->list = medialib_folder_blobs_list;
  iface->remove_leftovers = medialib_folder_blobs_remove_leftovers;
  iface->lock_adding = medialib_folder_blobs_lock_adding;
  iface->try_lock_removing = medialib_folder_blobs_try_lock_removing;
  iface->put_hashed = medialib_folder_blobs_put_hashed;
}

static void
medialib_folder_blobs_finalize (GObject *object)
{
  MedialibFolderBlobs *self = MEDIALIB_FOLDER_BLOBS (object);

  g_clear_pointer (&self->media_dir, g_free);
  g_clear_pointer (&self->thumbnail_dir, g_free);
  g_clear_pointer (&self->files_lock, g_free);
  g_clear_pointer (&self->alias_dir, g_free);

  G_OBJECT_CLASS (medialib_folder_blobs_parent_class)->finalize (object);
}

static void
medialib_folder_blobs_class_init (MedialibFolderBlobsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_folder_blobs_finalize;
}

static void
medialib_folder_blobs_init (MedialibFolderBlobs *self)
{
}

/**
 * medialib_folder_blobs_new:
 * @library_dir: the library's folder, which exists
 *
 * The blobs of the library in @library_dir; creates its media/ and thumbnails/ folders,
 * private to the user, when they are missing.
 *
 * Returns: (transfer full): the blob store, or %NULL when its folders cannot be created
 */
MedialibFolderBlobs *
medialib_folder_blobs_new (const char  *library_dir,
                           GError     **error)
{
  g_autoptr(MedialibFolderBlobs) self = NULL;

  g_return_val_if_fail (library_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_FOLDER_BLOBS, NULL);
  self->media_dir = g_build_filename (library_dir, "media", NULL);
  self->thumbnail_dir = g_build_filename (library_dir, "thumbnails", NULL);
  self->files_lock = g_build_filename (library_dir, FILES_LOCK, NULL);
  self->alias_dir = g_build_filename (library_dir, "assets", NULL);

  if (g_mkdir_with_parents (self->media_dir, 0700) != 0 ||
      g_mkdir_with_parents (self->thumbnail_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The library folder %s cannot be created: %s"),
                   library_dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&self);
}
