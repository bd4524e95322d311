/* medialib-sha256.h — the SHA-256 of files' contents, with OpenSSL's libcrypto when it is
 * there
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MEDIALIB_SHA256_LENGTH 32

void      medialib_sha256_digest       (const void *data,
                                        gsize       length,
                                        guint8      digest[MEDIALIB_SHA256_LENGTH]);
char     *medialib_sha256_hex          (const void *data,
                                        gsize       length);

/* Whether large buffers are hashed by libcrypto, loaded by the first of them (tests) */
gboolean  _medialib_sha256_uses_libcrypto (void);

typedef struct _MedialibSha256WarmUp MedialibSha256WarmUp;

MedialibSha256WarmUp *_medialib_sha256_warm_up      (void);
void                  _medialib_sha256_warm_up_wait (MedialibSha256WarmUp *warm_up);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibSha256WarmUp, _medialib_sha256_warm_up_wait)

G_END_DECLS
