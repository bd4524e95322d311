/* medialib-s3-kept.h — a team library's contents whose names became assets' addresses
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-s3-client.h"

G_BEGIN_DECLS

/* media/ab/<sha256>.kept.<ext>: where a content is kept while its name is an address */
#define MEDIALIB_S3_KEPT_INFIX ".kept"

char       *_medialib_s3_kept_key              (const char        *sha256,
                                                const char        *suffix);
const char *_medialib_s3_content_type          (const char        *suffix);
GBytes     *_medialib_s3_get_checked           (MedialibS3Client  *client,
                                                const char        *key,
                                                const char        *sha256,
                                                GCancellable      *cancellable,
                                                GError           **error);
gboolean    _medialib_s3_content_is_kept       (MedialibS3Client  *client,
                                                const char        *sha256,
                                                const char        *suffix);
gboolean    _medialib_s3_put_content_alias     (MedialibS3Client  *client,
                                                const char        *content,
                                                const char        *sha256,
                                                const char        *suffix,
                                                GBytes            *bytes,
                                                GError           **error);
gboolean    _medialib_s3_delete_content_alias  (MedialibS3Client  *client,
                                                const char        *content,
                                                const char        *suffix,
                                                GError           **error);

G_END_DECLS
