/* medialib-s3-blobs-private.h — a team library's blobs, between the files that make them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-s3-blobs.h"

G_BEGIN_DECLS

struct _MedialibS3Blobs
{
  GObject           parent_instance;

  MedialibS3Client *client;
  char             *media_dir;
  char             *thumbnail_dir;
  char             *files_lock;
  char             *public_url;     /* without its final '/', or NULL */
  guint64           cache_limit;
  guint             url_expiry;
  int               sweep_grace;    /* atomic */
  GMutex            evict_lock;
  GMutex            kept_lock;
  GHashTable       *kept;           /* SHA-256s seen kept (medialib-s3-kept.c): put() goes there */
};

/* This computer's copies of the bucket's blobs (medialib-s3-cache.c) */
void    _medialib_s3_cache_keep              (MedialibS3Blobs  *self,
                                              MedialibBlobKind  kind,
                                              const char       *path,
                                              GBytes           *bytes);
GBytes *_medialib_s3_cache_read              (MedialibS3Blobs  *self,
                                              const char       *path);
void    _medialib_s3_cache_touch             (const char       *path);
void    _medialib_s3_cache_remove_temporary  (MedialibS3Blobs  *self);

G_END_DECLS
