/* medialib-folder-blobs.h — a local library's blobs: its media/ and thumbnails/ folders
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_FOLDER_BLOBS (medialib_folder_blobs_get_type ())

G_DECLARE_FINAL_TYPE (MedialibFolderBlobs, medialib_folder_blobs, MEDIALIB, FOLDER_BLOBS, GObject)

MedialibFolderBlobs *medialib_folder_blobs_new       (const char   *library_dir,
                                                      GError      **error);
gboolean             medialib_folder_blobs_repair_address (MedialibFolderBlobs  *self,
                                                           const char           *address,
                                                           const char           *sha256,
                                                           const char           *suffix,
                                                           GError              **error);

/* The prefix of the temporary files a write leaves if it is interrupted */
#define _MEDIALIB_TEMP_PREFIX ".tmp-"

char                *_medialib_content_path          (const char   *dir,
                                                      const char   *sha256,
                                                      const char   *suffix);
gboolean             _medialib_write_file_atomic     (const char   *path,
                                                      const void   *data,
                                                      gsize         length,
                                                      gboolean      durable,
                                                      GError      **error);
gboolean             _medialib_read_file_aligned     (const char   *path,
                                                      gsize         size,
                                                      guint64       limit,
                                                      char        **data,
                                                      gsize        *length,
                                                      GError      **error);

/* What _medialib_read_file_aligned() returns, freed with g_aligned_free() */
typedef char MedialibAlignedContents;
static inline void
_medialib_aligned_contents_free (MedialibAlignedContents *data)
{
  g_aligned_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibAlignedContents, _medialib_aligned_contents_free)

G_END_DECLS
