/* medialib-s3-client.h — a bucket of an S3-compatible object store (AWS S3, Ceph RADOS Gateway,
 * MinIO, Garage…)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDIALIB_S3_ERROR (medialib_s3_error_quark ())

typedef enum
{
  MEDIALIB_S3_ERROR_INVALID,         /* a bad endpoint, bucket name, key or expiry: nothing was sent */
  MEDIALIB_S3_ERROR_INSECURE,        /* plain http to another computer without allow-insecure */
  MEDIALIB_S3_ERROR_UNREACHABLE,     /* refused, unreachable, name not found */
  MEDIALIB_S3_ERROR_TIMEOUT,
  MEDIALIB_S3_ERROR_CERTIFICATE,     /* the server's TLS certificate is not trusted */
  MEDIALIB_S3_ERROR_TLS,             /* another TLS failure */
  MEDIALIB_S3_ERROR_CREDENTIALS,     /* InvalidAccessKeyId, SignatureDoesNotMatch: wrong keys */
  MEDIALIB_S3_ERROR_ACCESS_DENIED,   /* AccessDenied: the keys are right, the permission is missing */
  MEDIALIB_S3_ERROR_CLOCK_SKEW,      /* RequestTimeTooSkewed: this computer's clock is off */
  MEDIALIB_S3_ERROR_WRONG_REGION,    /* the bucket lives in another region than the one given */
  MEDIALIB_S3_ERROR_NO_SUCH_BUCKET,
  MEDIALIB_S3_ERROR_BUCKET_TAKEN,    /* BucketAlreadyExists: another account's bucket */
  MEDIALIB_S3_ERROR_NOT_FOUND,       /* NoSuchKey */
  MEDIALIB_S3_ERROR_CHECKSUM,        /* BadDigest, XAmzContentSHA256Mismatch…: bytes changed on the way */
  MEDIALIB_S3_ERROR_SERVER,          /* 5xx */
  MEDIALIB_S3_ERROR_REQUEST,         /* another refusal */
  MEDIALIB_S3_ERROR_BAD_RESPONSE,    /* an answer that is not what S3 sends */
} MedialibS3Error;

typedef enum
{
  MEDIALIB_S3_CLIENT_FLAGS_NONE           = 0,
  MEDIALIB_S3_CLIENT_FLAGS_ALLOW_INSECURE = 1 << 0,   /* plain http to any host */
  MEDIALIB_S3_CLIENT_FLAGS_VIRTUAL_HOST   = 1 << 1,   /* BUCKET.host/KEY rather than host/BUCKET/KEY */
} MedialibS3ClientFlags;

#define MEDIALIB_S3_DEFAULT_REGION      "us-east-1"
/* The longest a presigned URL may last, and its default: 7 days */
#define MEDIALIB_S3_MAX_URL_EXPIRY      604800
#define MEDIALIB_S3_DEFAULT_URL_EXPIRY  MEDIALIB_S3_MAX_URL_EXPIRY

/* An object, as HEAD or a listing describes it */
typedef struct
{
  char   *key;
  gint64  size;
  char   *etag;           /* without its quotes */
  char   *content_type;   /* HEAD only, else %NULL */
  char   *address;        /* HEAD only: the asset's address it is marked as, else %NULL */
  gint64  modified;       /* Unix time, or 0 */
} MedialibS3Object;

#define MEDIALIB_TYPE_S3_OBJECT (medialib_s3_object_get_type ())

GType             medialib_s3_object_get_type      (void) G_GNUC_CONST;
MedialibS3Object *medialib_s3_object_copy          (const MedialibS3Object *object);
void              medialib_s3_object_free          (MedialibS3Object       *object);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibS3Object, medialib_s3_object_free)

#define MEDIALIB_TYPE_S3_CLIENT (medialib_s3_client_get_type ())

G_DECLARE_FINAL_TYPE (MedialibS3Client, medialib_s3_client, MEDIALIB, S3_CLIENT, GObject)

GQuark            medialib_s3_error_quark                   (void);

MedialibS3Client *medialib_s3_client_new                    (const char             *endpoint,
                                                             const char             *region,
                                                             const char             *bucket,
                                                             const char             *access_key_id,
                                                             const char             *secret_key,
                                                             MedialibS3ClientFlags   flags,
                                                             GError                **error);
const char       *medialib_s3_client_get_endpoint           (MedialibS3Client       *self);
const char       *medialib_s3_client_get_region             (MedialibS3Client       *self);
const char       *medialib_s3_client_get_bucket             (MedialibS3Client       *self);
const char       *medialib_s3_client_get_access_key_id      (MedialibS3Client       *self);

/* Blocking calls, for worker threads; each has an _async/_finish pair below */
gboolean          medialib_s3_client_create_bucket          (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
gboolean          medialib_s3_client_check_bucket           (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
gboolean          medialib_s3_client_set_public_read        (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
gboolean          medialib_s3_client_put_object             (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GBytes                 *bytes,
                                                             const char             *content_type,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
gboolean          medialib_s3_client_put_object_with_sha256 (MedialibS3Client     *self,
                                                             const char           *key,
                                                             GBytes               *bytes,
                                                             const char           *sha256,
                                                             const char           *content_type,
                                                             GCancellable         *cancellable,
                                                             GError              **error);
gboolean          medialib_s3_client_put_object_marked      (MedialibS3Client     *self,
                                                             const char           *key,
                                                             GBytes               *bytes,
                                                             const char           *sha256,
                                                             const char           *content_type,
                                                             const char           *address,
                                                             GCancellable         *cancellable,
                                                             GError              **error);
MedialibS3Object *medialib_s3_client_head_object            (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
GBytes           *medialib_s3_client_get_object             (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
gboolean          medialib_s3_client_delete_object          (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
GPtrArray        *medialib_s3_client_list_objects           (MedialibS3Client       *self,
                                                             const char             *prefix,
                                                             GCancellable           *cancellable,
                                                             GError                **error);

/* A debugging aid: the blocking requests above are a critical warning on the calling thread
 * from now on (the app's main thread, which must never wait on the network) */
void              medialib_s3_client_forbid_blocking        (void);

/* No network: computed here */
char             *medialib_s3_client_dup_object_url         (MedialibS3Client       *self,
                                                             const char             *key);
char             *medialib_s3_client_dup_presigned_get_url  (MedialibS3Client       *self,
                                                             const char             *key,
                                                             guint                   expiry_seconds,
                                                             GError                **error);

/* medialib-s3-async.c */
void              medialib_s3_client_create_bucket_async    (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean          medialib_s3_client_create_bucket_finish   (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_check_bucket_async     (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean          medialib_s3_client_check_bucket_finish    (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_set_public_read_async  (MedialibS3Client       *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean          medialib_s3_client_set_public_read_finish (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_put_object_async       (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GBytes                 *bytes,
                                                             const char             *content_type,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean          medialib_s3_client_put_object_finish      (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_head_object_async      (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
MedialibS3Object *medialib_s3_client_head_object_finish     (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_get_object_async       (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
GBytes           *medialib_s3_client_get_object_finish      (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_delete_object_async    (MedialibS3Client       *self,
                                                             const char             *key,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean          medialib_s3_client_delete_object_finish   (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
void              medialib_s3_client_list_objects_async     (MedialibS3Client       *self,
                                                             const char             *prefix,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
GPtrArray        *medialib_s3_client_list_objects_finish    (MedialibS3Client       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);

G_END_DECLS
