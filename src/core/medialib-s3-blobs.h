/* medialib-s3-blobs.h — a team library's blobs: objects in an S3 bucket, with a local cache
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"
#include "medialib-s3-client.h"

G_BEGIN_DECLS

/* How many bytes of originals the cache keeps at most, by default: 1 GB */
#define MEDIALIB_S3_BLOBS_DEFAULT_CACHE_LIMIT  (G_GUINT64_CONSTANT (1000) * 1000 * 1000)
/* How old an object must be before list() reports it to the sweep, by default: 1 hour */
#define MEDIALIB_S3_BLOBS_DEFAULT_SWEEP_GRACE  3600

#define MEDIALIB_TYPE_S3_BLOBS (medialib_s3_blobs_get_type ())

G_DECLARE_FINAL_TYPE (MedialibS3Blobs, medialib_s3_blobs, MEDIALIB, S3_BLOBS, GObject)

MedialibS3Blobs *medialib_s3_blobs_new              (MedialibS3Client  *client,
                                                     const char        *cache_dir,
                                                     guint64            cache_limit,
                                                     const char        *public_url,
                                                     guint              url_expiry_seconds,
                                                     GError           **error);
MedialibS3Client *medialib_s3_blobs_get_client      (MedialibS3Blobs   *self);
guint            medialib_s3_blobs_get_sweep_grace  (MedialibS3Blobs   *self);
void             medialib_s3_blobs_set_sweep_grace  (MedialibS3Blobs   *self,
                                                     guint              seconds);

G_END_DECLS
