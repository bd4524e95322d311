/* medialib-s3-bucket.c — the S3 client's requests on the bucket, and the URLs of its objects
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-s3-private.h"
#include "medialib-sigv4.h"

/*
 * The bucket: whether these keys can read it (a check, and the store's probe of a bucket out
 * of reach, in a single attempt), its creation, and the policy that makes its objects public;
 * then the URLs of its objects, plain or presigned, which need no request. The requests are
 * made, signed and tried again by medialib-s3-requests.c.
 */

/* --- The bucket ---------------------------------------------------------------------------- */

static gboolean
check_bucket (MedialibS3Client  *self,
              guint              max_attempts,
              GCancellable      *cancellable,
              GError           **error)
{
  const char *query[] = { "list-type", "2", "max-keys", "1", NULL };
  MedialibS3Request request = { .method = "GET", .query = query, .max_attempts = max_attempts };
  g_auto(MedialibS3Answer) answer = { 0 };
  g_auto(MedialibS3ListPage) page = { 0 };
  const char *xml;
  gsize length;

  if (!_medialib_s3_client_send_request (self, &request, &answer, cancellable, error))
    return FALSE;

  xml = g_bytes_get_data (answer.body, &length);
  return _medialib_s3_parse_list (xml, length, &page, error);
}

/**
 * medialib_s3_client_check_bucket:
 *
 * Lists at most one object of the bucket, which needs the bucket to exist and these keys to
 * be allowed to read it: %MEDIALIB_S3_ERROR_NO_SUCH_BUCKET, %MEDIALIB_S3_ERROR_CREDENTIALS
 * (wrong keys) and %MEDIALIB_S3_ERROR_ACCESS_DENIED (no permission) tell which failed. An
 * answer that is not S3's is %MEDIALIB_S3_ERROR_BAD_RESPONSE.
 */
gboolean
medialib_s3_client_check_bucket (MedialibS3Client  *self,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_bucket (self, 0, cancellable, error);
}

/* medialib_s3_client_check_bucket() in a single attempt: for a caller that tries again on
 * a schedule of its own (the store's probes of a bucket out of reach) */
gboolean
_medialib_s3_client_probe_bucket (MedialibS3Client  *self,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_bucket (self, 1, cancellable, error);
}

/**
 * medialib_s3_client_create_bucket:
 *
 * Creates the bucket; a bucket of that name that these keys can use already is a success.
 * Another account's is %MEDIALIB_S3_ERROR_BUCKET_TAKEN.
 *
 * Whatever the answer to the creation, the bucket is then listed: S3 once said
 * BucketAlreadyExists of one's own buckets in us-east-1, and the RADOS Gateway on its
 * DBStore backend (Ceph 18) answers 200 to a user who "creates" another user's bucket,
 * which stays the other user's.
 */
gboolean
medialib_s3_client_create_bucket (MedialibS3Client  *self,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  MedialibS3Subject subject = _medialib_s3_client_subject_of (self, NULL);
  g_auto(MedialibS3ErrorBody) refusal = { 0 };
  g_auto(MedialibS3Answer) answer = { 0 };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) check_error = NULL;
  MedialibS3Request request = { .method = "PUT" };
  const char *xml;
  gsize length;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* us-east-1 is the default location, which S3 wants unnamed */
  if (g_strcmp0 (self->region, MEDIALIB_S3_DEFAULT_REGION) != 0)
    {
      g_autofree char *region = g_markup_escape_text (self->region, -1);
      char *configuration = g_strdup_printf ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                             "<LocationConstraint>%s</LocationConstraint>"
                                             "</CreateBucketConfiguration>", region);

      body = g_bytes_new_take (configuration, strlen (configuration));
      request.body = body;
      request.content_type = "application/xml";
    }

  if (!_medialib_s3_client_exchange (self, &request, &answer, cancellable, error))
    return FALSE;

  xml = g_bytes_get_data (answer.body, &length);
  _medialib_s3_parse_error_body (xml, length, &refusal);
  if (!_medialib_s3_is_success (answer.status) &&
      g_strcmp0 (refusal.code, "BucketAlreadyOwnedByYou") != 0 &&
      g_strcmp0 (refusal.code, "BucketAlreadyExists") != 0)
    {
      g_propagate_error (error, _medialib_s3_http_error (&subject, answer.status, xml, length));
      return FALSE;
    }

  if (medialib_s3_client_check_bucket (self, cancellable, &check_error))
    return TRUE;

  if (g_error_matches (check_error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED))
    g_propagate_error (error, _medialib_s3_bucket_taken_error (&subject));
  else
    g_propagate_error (error, g_steal_pointer (&check_error));

  return FALSE;
}

/**
 * medialib_s3_client_set_public_read:
 *
 * Lets anyone read the bucket's objects, with a bucket policy (s3:GetObject for "*"), so
 * that an object's plain URL (medialib_s3_client_dup_object_url()) works without
 * credentials. The bucket cannot be listed by others. AWS accounts that block public access
 * refuse it (%MEDIALIB_S3_ERROR_ACCESS_DENIED).
 */
gboolean
medialib_s3_client_set_public_read (MedialibS3Client  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  const char *query[] = { "policy", "", NULL };
  g_auto(MedialibS3Answer) answer = { 0 };
  g_autoptr(GBytes) body = NULL;
  MedialibS3Request request = { .method = "PUT", .query = query, .content_type = "application/json" };
  char *policy;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The bucket name is checked (letters, digits, '.' and '-'): nothing to escape */
  policy = g_strdup_printf ("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                            "\"Sid\":\"MediaLibraryPublicRead\",\"Effect\":\"Allow\","
                            "\"Principal\":\"*\",\"Action\":[\"s3:GetObject\"],"
                            "\"Resource\":[\"arn:aws:s3:::%s/*\"]}]}", self->bucket);
  body = g_bytes_new_take (policy, strlen (policy));
  request.body = body;

  return _medialib_s3_client_send_request (self, &request, &answer, cancellable, error);
}

/* --- URLs ---------------------------------------------------------------------------------- */

/**
 * medialib_s3_client_dup_object_url:
 *
 * Returns: (transfer full): the plain URL of @key, which works without credentials in a
 *   public-read bucket (medialib_s3_client_set_public_read()), or %NULL for an invalid key
 */
char *
medialib_s3_client_dup_object_url (MedialibS3Client *self,
                                   const char       *key)
{
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);

  if (!_medialib_s3_check_key (key, NULL))
    return NULL;

  _medialib_s3_client_target_of (self, key, &host, &path);
  return _medialib_s3_client_url_of (self, host, path, NULL);
}

/**
 * medialib_s3_client_dup_presigned_get_url:
 * @expiry_seconds: how long the URL works, at most %MEDIALIB_S3_MAX_URL_EXPIRY (7 days, S3's
 *   limit); 0 for %MEDIALIB_S3_DEFAULT_URL_EXPIRY
 *
 * A GET of @key signed in its query (SigV4 query signing), from now: anyone who has the URL
 * can read the object, without credentials, until it expires.
 *
 * Returns: (transfer full): the URL, or %NULL with %MEDIALIB_S3_ERROR_INVALID
 */
char *
medialib_s3_client_dup_presigned_get_url (MedialibS3Client  *self,
                                          const char        *key,
                                          guint              expiry_seconds,
                                          GError           **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  MedialibSigv4Credentials credentials;
  MedialibSigv4Request request;
  const char *headers[3];

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_medialib_s3_check_key (key, error))
    return NULL;

  if (expiry_seconds == 0)
    expiry_seconds = MEDIALIB_S3_DEFAULT_URL_EXPIRY;
  if (expiry_seconds > MEDIALIB_S3_MAX_URL_EXPIRY)
    {
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                   _("A shared link can last at most 7 days (%u seconds), not %u seconds. Choose a shorter time, or make the bucket public."),
                   MEDIALIB_S3_MAX_URL_EXPIRY, expiry_seconds);
      return NULL;
    }

  _medialib_s3_client_target_of (self, key, &host, &path);
  headers[0] = "host";
  headers[1] = host;
  headers[2] = NULL;
  request = (MedialibSigv4Request) { "GET", path, NULL, headers, MEDIALIB_SIGV4_UNSIGNED_PAYLOAD };

  credentials = (MedialibSigv4Credentials) { self->access_key_id, self->secret_key, self->region, "s3" };
  now = g_date_time_new_now_utc ();
  query = medialib_sigv4_presign_query (&credentials, now, expiry_seconds, &request, NULL);

  return _medialib_s3_client_url_of (self, host, path, query);
}
