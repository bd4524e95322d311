/* medialib-sigv4.h — AWS Signature Version 4, as pure functions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MEDIALIB_SIGV4_ALGORITHM        "AWS4-HMAC-SHA256"
#define MEDIALIB_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
/* The longest a presigned URL may last: 7 days */
#define MEDIALIB_SIGV4_MAX_EXPIRES      604800

typedef struct
{
  const char *access_key_id;
  const char *secret_key;
  const char *region;    /* "us-east-1" */
  const char *service;   /* "s3" */
} MedialibSigv4Credentials;

/* A request as it goes on the wire, with its parts decoded: the path and the query's names
 * and values are the raw bytes (not percent-encoded); the signer encodes them once, the way
 * S3 wants it (no double encoding, no normalization of the path). */
typedef struct
{
  const char         *method;
  const char         *path;          /* "/bucket/media/ab/abcd….png" */
  const char * const *query;         /* name, value, name, value…, NULL; or NULL */
  const char * const *headers;       /* name, value…, NULL: the headers to sign, host included */
  const char         *payload_hash;  /* hex SHA-256 of the body, or UNSIGNED-PAYLOAD */
} MedialibSigv4Request;

/* The intermediate results of a signature, for tests and for debugging a refusal */
typedef struct
{
  char *canonical_request;
  char *string_to_sign;
  char *signature;
} MedialibSigv4Steps;

void    medialib_sigv4_steps_clear          (MedialibSigv4Steps              *steps);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MedialibSigv4Steps, medialib_sigv4_steps_clear)

char   *medialib_sigv4_uri_encode           (const char                      *text,
                                             gboolean                         keep_slashes);
char   *medialib_sigv4_sha256_hex           (const void                      *data,
                                             gsize                            length);
char   *medialib_sigv4_format_time          (GDateTime                       *time);
char   *medialib_sigv4_scope                (GDateTime                       *time,
                                             const char                      *region,
                                             const char                      *service);
char   *medialib_sigv4_canonical_query      (const char * const              *query);
char   *medialib_sigv4_canonical_request    (const MedialibSigv4Request      *request,
                                             char                           **signed_headers);
char   *medialib_sigv4_string_to_sign       (GDateTime                       *time,
                                             const char                      *region,
                                             const char                      *service,
                                             const char                      *canonical_request);
GBytes *medialib_sigv4_signing_key          (const char                      *secret_key,
                                             GDateTime                       *time,
                                             const char                      *region,
                                             const char                      *service);
char   *medialib_sigv4_signature            (GBytes                          *signing_key,
                                             const char                      *string_to_sign);
char   *medialib_sigv4_authorization        (const MedialibSigv4Credentials  *credentials,
                                             GDateTime                       *time,
                                             const MedialibSigv4Request      *request,
                                             MedialibSigv4Steps              *steps);
char   *medialib_sigv4_presign_query        (const MedialibSigv4Credentials  *credentials,
                                             GDateTime                       *time,
                                             guint                            expires,
                                             const MedialibSigv4Request      *request,
                                             MedialibSigv4Steps              *steps);

G_END_DECLS
