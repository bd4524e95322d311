/* medialib-s3-private.h — the S3 client's reading of answers, and its hooks for tests
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "medialib-s3-client.h"

G_BEGIN_DECLS

/* ListObjectsV2's largest page */
#define MEDIALIB_S3_MAX_PAGE_SIZE 1000

struct _MedialibS3Client
{
  GObject      parent_instance;

  SoupSession *session;       /* configured once, in initable_init; then only sent on */

  /* Construct-only, then read-only: shared by every thread */
  char        *endpoint;      /* as given, without its trailing '/' */
  char        *region;
  char        *bucket;
  char        *access_key_id;
  char        *secret_key;    /* never readable */
  gboolean     allow_insecure;
  gboolean     virtual_host;
  guint        timeout;
  char        *ca_file;       /* nullable: the authorities trusted instead of the system's */
  guint        max_attempts;  /* of a request that failed for a transient reason */
  guint        retry_delay;   /* milliseconds, the first wait before trying again */

  /* From the endpoint */
  gboolean     https;
  char        *authority;     /* host[:port], as the Host header and the URLs write it */
  char        *base_path;     /* "" or "/prefix", decoded */

  /* For tests */
  int          faults;        /* MedialibS3Fault */
  guint        page_size;
  int          n_requests;
};

/* What a request was about, for the messages of its errors */
typedef struct
{
  const char *host;     /* the endpoint's host[:port], never its whole URL */
  const char *region;
  const char *bucket;
  const char *key;      /* or %NULL for a request on the bucket */
} MedialibS3Subject;

/* <Error><Code>…</Code><Message>…</Message>…</Error> */
typedef struct
{
  char *code;
  char *message;
  char *region;     /* <Region>, when the server names the bucket's region */
  char *endpoint;   /* <Endpoint>, with PermanentRedirect */
} MedialibS3ErrorBody;

void     _medialib_s3_error_body_clear  (MedialibS3ErrorBody       *body);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MedialibS3ErrorBody, _medialib_s3_error_body_clear)

gboolean _medialib_s3_parse_error_body  (const char                *xml,
                                         gsize                      length,
                                         MedialibS3ErrorBody       *body);
GError  *_medialib_s3_http_error        (const MedialibS3Subject   *subject,
                                         guint                      status,
                                         const char                *xml,
                                         gsize                      length);
GError  *_medialib_s3_bucket_taken_error (const MedialibS3Subject *subject);
GError  *_medialib_s3_transport_error   (const MedialibS3Subject   *subject,
                                         guint                      timeout,
                                         const GError              *error);

/* A request, and the answer to it (medialib-s3-requests.c) */
typedef struct
{
  const char         *method;
  const char         *key;            /* or %NULL: the bucket */
  const char * const *query;          /* name, value…, %NULL, not encoded; or %NULL */
  GBytes             *body;           /* or %NULL */
  const char         *content_type;
  const char * const *headers;        /* more headers to send and sign: name, value…, %NULL */
  const char         *payload_hash;   /* or %NULL: the body's */
  guint               max_attempts;   /* or 0: the client's */
} MedialibS3Request;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
} MedialibS3Answer;

void              _medialib_s3_answer_clear        (MedialibS3Answer         *answer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MedialibS3Answer, _medialib_s3_answer_clear)

MedialibS3Subject _medialib_s3_client_subject_of   (MedialibS3Client         *self,
                                                    const char               *key);
gboolean          _medialib_s3_check_key           (const char               *key,
                                                    GError                  **error);
void              _medialib_s3_client_target_of    (MedialibS3Client         *self,
                                                    const char               *key,
                                                    char                    **host,
                                                    char                    **path);
char             *_medialib_s3_client_url_of       (MedialibS3Client         *self,
                                                    const char               *host,
                                                    const char               *path,
                                                    const char               *query);
gboolean          _medialib_s3_is_success          (guint                     status);
gboolean          _medialib_s3_client_exchange     (MedialibS3Client         *self,
                                                    const MedialibS3Request  *request,
                                                    MedialibS3Answer         *answer,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);
gboolean          _medialib_s3_client_send_request (MedialibS3Client         *self,
                                                    const MedialibS3Request  *request,
                                                    MedialibS3Answer         *answer,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);

/* The attempts of one request (medialib-s3-retry.c) */
typedef struct
{
  guint attempt;        /* the one just made, from 1 */
  guint max_attempts;
  guint step;           /* milliseconds: the next wait is between half of it and all of it */
} MedialibS3Retry;

void     _medialib_s3_retry_init        (MedialibS3Retry           *retry,
                                         guint                      max_attempts,
                                         guint                      first_step);
gboolean _medialib_s3_retry_again       (MedialibS3Retry           *retry,
                                         const char                *method,
                                         const char                *key,
                                         guint                      status,
                                         const GError              *error,
                                         GCancellable              *cancellable,
                                         GError                   **cancelled);

/* One page of ListObjectsV2 */
typedef struct
{
  GPtrArray *objects;      /* of MedialibS3Object */
  gboolean   truncated;
  char      *next_token;   /* NextContinuationToken */
} MedialibS3ListPage;

void     _medialib_s3_list_page_clear   (MedialibS3ListPage        *page);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MedialibS3ListPage, _medialib_s3_list_page_clear)

gboolean _medialib_s3_parse_list        (const char                *xml,
                                         gsize                      length,
                                         MedialibS3ListPage        *page,
                                         GError                   **error);

/* For tests: declare checksums that do not match the bytes a put sends, so that the server
 * is seen refusing them */
typedef enum
{
  MEDIALIB_S3_FAULT_NONE            = 0,
  MEDIALIB_S3_FAULT_CONTENT_MD5     = 1 << 0,
  MEDIALIB_S3_FAULT_CONTENT_SHA256  = 1 << 1,   /* x-amz-content-sha256 */
  MEDIALIB_S3_FAULT_CHECKSUM_SHA256 = 1 << 2,   /* x-amz-checksum-sha256 */
} MedialibS3Fault;

void     _medialib_s3_client_set_faults     (MedialibS3Client *self,
                                             MedialibS3Fault   faults);
void     _medialib_s3_client_set_page_size  (MedialibS3Client *self,
                                             guint             page_size);
guint    _medialib_s3_client_get_n_requests (MedialibS3Client *self);
void     _medialib_s3_client_set_retries    (MedialibS3Client *self,
                                             guint             max_attempts,
                                             guint             retry_delay_ms);
gboolean _medialib_s3_client_may_block      (void);
gboolean _medialib_s3_client_probe_bucket  (MedialibS3Client     *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
void     _medialib_s3_client_probe_bucket_async  (MedialibS3Client    *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean _medialib_s3_client_probe_bucket_finish (MedialibS3Client    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void     _medialib_s3_client_tell_unreachable (MedialibS3Client *self,
                                               const GError     *error);

G_END_DECLS
