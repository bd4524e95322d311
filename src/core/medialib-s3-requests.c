/* medialib-s3-requests.c — the S3 client's requests, blocking, for worker threads: how they
 * are made, and those on objects
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


/* What marks an object as an asset's address (medialib_s3_client_put_object_marked()) */
#define ADDRESS_HEADER "x-amz-meta-medialib-address"
/* Library files are under 5 MB; nothing an S3 server should send comes near this */
#define MAX_ANSWER_BYTES (64 * 1024 * 1024)
#define MAX_KEY_BYTES    1024

void
_medialib_s3_answer_clear (MedialibS3Answer *answer)
{
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  answer->status = 0;
}

MedialibS3Subject
_medialib_s3_client_subject_of (MedialibS3Client *self,
                                const char       *key)
{
  return (MedialibS3Subject) { self->authority, self->region, self->bucket, key };
}

/* An object key that goes through URLs unchanged: GUri removes "." and ".." segments */
gboolean
_medialib_s3_check_key (const char  *key,
                        GError     **error)
{
  g_auto(GStrv) segments = NULL;
  gboolean valid;

  valid = key != NULL && key[0] != '\0' && key[0] != '/' && strlen (key) <= MAX_KEY_BYTES &&
          g_utf8_validate (key, -1, NULL);
  for (const char *p = key; valid && *p != '\0'; p++)
    valid = !g_ascii_iscntrl (*p);

  if (valid)
    {
      segments = g_strsplit (key, "/", -1);
      for (guint i = 0; valid && segments[i] != NULL; i++)
        valid = strcmp (segments[i], ".") != 0 && strcmp (segments[i], "..") != 0 &&
                (segments[i][0] != '\0' || segments[i + 1] == NULL);
    }

  if (!valid)
    {
      g_autofree char *shown = key != NULL ? g_utf8_make_valid (key, MIN (strlen (key), 200)) : NULL;

      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                   _("“%s” is not a valid object name."), shown != NULL ? shown : "");
    }

  return valid;
}

/* The Host header and the path (decoded) of a request on KEY, or on the bucket */
void
_medialib_s3_client_target_of (MedialibS3Client  *self,
                               const char        *key,
                               char             **host,
                               char             **path)
{
  if (self->virtual_host)
    {
      *host = g_strdup_printf ("%s.%s", self->bucket, self->authority);
      *path = g_strdup_printf ("%s/%s", self->base_path, key != NULL ? key : "");
    }
  else
    {
      *host = g_strdup (self->authority);
      *path = key != NULL ? g_strdup_printf ("%s/%s/%s", self->base_path, self->bucket, key)
                          : g_strdup_printf ("%s/%s", self->base_path, self->bucket);
    }
}

char *
_medialib_s3_client_url_of (MedialibS3Client *self,
                            const char       *host,
                            const char       *path,
                            const char       *query)
{
  g_autofree char *encoded = medialib_sigv4_uri_encode (path, TRUE);

  return g_strdup_printf ("%s://%s%s%s%s", self->https ? "https" : "http", host, encoded,
                          query != NULL && query[0] != '\0' ? "?" : "", query != NULL ? query : "");
}

static GBytes *
read_answer (GInputStream  *stream,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (65536);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 65536, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > MAX_ANSWER_BYTES)
        {
          g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BAD_RESPONSE,
                       _("The object store sent more than %u MB."), MAX_ANSWER_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }

  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Signs and sends REQUEST once; FALSE when no answer came (@error is then the client's) */
static gboolean
exchange_once (MedialibS3Client         *self,
               const MedialibS3Request  *request,
               MedialibS3Answer         *answer,
               GCancellable             *cancellable,
               GError                  **error)
{
  MedialibS3Subject subject = _medialib_s3_client_subject_of (self, request->key);
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  g_autofree char *stamp = medialib_sigv4_format_time (now);
  g_autofree char *body_hash = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *sent;
  MedialibSigv4Credentials credentials = { self->access_key_id, self->secret_key, self->region, "s3" };
  MedialibSigv4Request signing;
  GBytes *body = request->body;
  const char *payload_hash = request->payload_hash;

  if (payload_hash == NULL)
    {
      gsize length = 0;
      gconstpointer data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

      payload_hash = body_hash = medialib_sigv4_sha256_hex (data, length);
    }

  _medialib_s3_client_target_of (self, request->key, &host, &path);
  query = medialib_sigv4_canonical_query (request->query);
  url = _medialib_s3_client_url_of (self, host, path, query);

  g_ptr_array_add (headers, (gpointer) "host");
  g_ptr_array_add (headers, host);
  g_ptr_array_add (headers, (gpointer) "x-amz-date");
  g_ptr_array_add (headers, stamp);
  g_ptr_array_add (headers, (gpointer) "x-amz-content-sha256");
  g_ptr_array_add (headers, (gpointer) payload_hash);
  for (guint i = 0; request->headers != NULL && request->headers[i] != NULL; i += 2)
    {
      g_ptr_array_add (headers, (gpointer) request->headers[i]);
      g_ptr_array_add (headers, (gpointer) request->headers[i + 1]);
    }
  g_ptr_array_add (headers, NULL);

  signing = (MedialibSigv4Request) {
    request->method, path, request->query, (const char * const *) headers->pdata, payload_hash,
  };
  authorization = medialib_sigv4_authorization (&credentials, now, &signing, NULL);

  message = soup_message_new (request->method, url);
  if (message == NULL)
    {
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                   _("The object store’s address %s cannot be used."), self->authority);
      return FALSE;
    }

  /* A redirection would go unsigned, or to another region: it is an error */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  sent = soup_message_get_request_headers (message);
  for (guint i = 0; i + 1 < headers->len; i += 2)
    soup_message_headers_replace (sent, g_ptr_array_index (headers, i), g_ptr_array_index (headers, i + 1));
  soup_message_headers_replace (sent, "Authorization", authorization);

  if (body == NULL && (g_str_equal (request->method, "PUT") || g_str_equal (request->method, "POST")))
    body = g_bytes_new_static ("", 0);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, request->content_type, body);
  if (body != request->body)
    g_bytes_unref (body);

  if (G_UNLIKELY (!_medialib_s3_client_may_block ()))
    g_critical ("%s %s: a blocking request to the object store on a thread that must not wait on the network",
                request->method, request->key != NULL ? request->key : "/");

  g_atomic_int_inc (&self->n_requests);
  stream = soup_session_send (self->session, message, cancellable, &local_error);
  if (stream != NULL)
    answer->body = read_answer (stream, cancellable, &local_error);

  if (stream == NULL || answer->body == NULL)
    {
      GError *failure;

      if (local_error->domain == MEDIALIB_S3_ERROR)
        failure = g_steal_pointer (&local_error);
      else
        failure = _medialib_s3_transport_error (&subject, self->timeout, local_error);
      g_propagate_error (error, failure);
      return FALSE;
    }

  answer->status = soup_message_get_status (message);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  return TRUE;
}

gboolean
_medialib_s3_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* Signs and sends REQUEST, again after a transient failure, at most @max_attempts times
 * in all (see medialib-s3-retry.c). The last failure is the result: an answer (whose status
 * the caller makes an error of) or @error. */
gboolean
_medialib_s3_client_exchange (MedialibS3Client         *self,
                              const MedialibS3Request  *request,
                              MedialibS3Answer         *answer,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  MedialibS3Retry retry;

  _medialib_s3_retry_init (&retry, request->max_attempts > 0 ? request->max_attempts : self->max_attempts,
                           self->retry_delay);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) cancelled = NULL;
      gboolean answered;

      _medialib_s3_answer_clear (answer);
      answered = exchange_once (self, request, answer, cancellable, &local_error);
      if (_medialib_s3_retry_again (&retry, request->method, request->key, answered ? answer->status : 0,
                                    local_error, cancellable, &cancelled))
        continue;

      if (cancelled != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&cancelled));
          return FALSE;
        }
      if (answered)
        return TRUE;

      _medialib_s3_client_tell_unreachable (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

/* Sends REQUEST, and makes an error of anything but a 2xx answer. An answer to HEAD has no
 * body, hence no error code (wrong keys and a missing permission are both 403): the same
 * request is then made as a GET of the first byte, whose answer has one. */
gboolean
_medialib_s3_client_send_request (MedialibS3Client         *self,
                                  const MedialibS3Request  *request,
                                  MedialibS3Answer         *answer,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  MedialibS3Subject subject = _medialib_s3_client_subject_of (self, request->key);
  g_auto(MedialibS3Answer) retry = { 0 };
  const char *range[] = { "range", "bytes=0-0", NULL };
  MedialibS3Request get;
  const char *xml;
  gsize length;

  if (!_medialib_s3_client_exchange (self, request, answer, cancellable, error))
    return FALSE;
  if (_medialib_s3_is_success (answer->status))
    return TRUE;

  /* (A server that failed with 5xx would fail the GET too: its status says enough) */
  if (g_str_equal (request->method, "HEAD") && answer->status < 500)
    {
      get = *request;
      get.method = "GET";
      get.headers = range;
      if (_medialib_s3_client_exchange (self, &get, &retry, cancellable, NULL) &&
          !_medialib_s3_is_success (retry.status) &&
          retry.status != SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE)
        {
          xml = g_bytes_get_data (retry.body, &length);
          g_propagate_error (error, _medialib_s3_http_error (&subject, retry.status, xml, length));
          return FALSE;
        }
    }

  xml = g_bytes_get_data (answer->body, &length);
  g_propagate_error (error, _medialib_s3_http_error (&subject, answer->status, xml, length));
  return FALSE;
}

/* --- Objects ------------------------------------------------------------------------------- */

/* The digest of @data (and of one more byte when @wrong: a fault of the tests) */
static void
digest_of (GChecksumType  type,
           const guint8  *data,
           gsize          size,
           gboolean       wrong,
           guint8        *digest,
           gsize         *length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (type);

  g_checksum_update (checksum, data != NULL ? data : (const guint8 *) "", size);
  if (wrong)
    g_checksum_update (checksum, (const guint8 *) "!", 1);
  g_checksum_get_digest (checksum, digest, length);
}

static char *
hex_of (const guint8 *digest,
        gsize         length)
{
  GString *hex = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", digest[i]);

  return g_string_free (hex, FALSE);
}

/* @hex, 64 hex digits, into its 32 bytes */
static gboolean
digest_from_hex (const char *hex,
                 guint8     *digest)
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;

  for (guint i = 0; i < 32; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]), low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      digest[i] = (guint8) (high << 4 | low);
    }

  return TRUE;
}

/* The server's answer to a put repeats what it stored: the ETag of a plain PUT is the MD5 of
 * the bytes (@md5_hex), x-amz-checksum-sha256 their SHA-256 */
static gboolean
confirmed (SoupMessageHeaders *headers,
           const char         *md5_hex,
           const char         *checksum_sha256)
{
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *stored_sha256 = soup_message_headers_get_one (headers, "x-amz-checksum-sha256");
  g_autofree char *quoted = NULL;

  if (stored_sha256 != NULL && g_strcmp0 (stored_sha256, checksum_sha256) != 0)
    return FALSE;
  if (etag == NULL)
    return TRUE;

  quoted = g_strdup_printf ("\"%s\"", md5_hex);

  /* Another form (a multipart upload's, an encrypted object's) says nothing of the bytes */
  if (strlen (etag) != 34 || etag[0] != '"' || etag[33] != '"')
    return TRUE;
  for (guint i = 1; i < 33; i++)
    if (!g_ascii_isxdigit (etag[i]))
      return TRUE;

  return g_ascii_strcasecmp (etag, quoted) == 0;
}

/**
 * medialib_s3_client_put_object:
 * @content_type: (nullable): the object's type
 *
 * Stores @bytes as @key, with their SHA-256 (x-amz-content-sha256, hex, signed;
 * x-amz-checksum-sha256, base64) and their MD5 (Content-MD5): the server refuses the bytes
 * when they changed on the way (%MEDIALIB_S3_ERROR_CHECKSUM). Succeeds only when the server
 * answered that it stored them, and what its answer says of them matches.
 */
gboolean
medialib_s3_client_put_object (MedialibS3Client  *self,
                               const char        *key,
                               GBytes            *bytes,
                               const char        *content_type,
                               GCancellable      *cancellable,
                               GError           **error)
{
  return medialib_s3_client_put_object_with_sha256 (self, key, bytes, NULL, content_type, cancellable, error);
}

/**
 * medialib_s3_client_put_object_with_sha256:
 * @sha256: (nullable): the SHA-256 of @bytes in hex, when the caller computed it already
 *   (a 4 MB photo's takes tens of milliseconds); %NULL to have it computed here
 * @content_type: (nullable): the object's type
 *
 * medialib_s3_client_put_object() with the bytes' SHA-256 given. A wrong one is no
 * danger to the object: the server refuses bytes that do not have it.
 */
gboolean
medialib_s3_client_put_object_with_sha256 (MedialibS3Client  *self,
                                           const char        *key,
                                           GBytes            *bytes,
                                           const char        *sha256,
                                           const char        *content_type,
                                           GCancellable      *cancellable,
                                           GError           **error)
{
  return medialib_s3_client_put_object_marked (self, key, bytes, sha256, content_type, NULL, cancellable, error);
}

/**
 * medialib_s3_client_put_object_marked:
 * @address: (nullable): kept with the object as its x-amz-meta-medialib-address, which
 *   medialib_s3_client_head_object() gives back as #MedialibS3Object.address
 *
 * medialib_s3_client_put_object_with_sha256() that marks the object as an asset's address.
 */
gboolean
medialib_s3_client_put_object_marked (MedialibS3Client  *self,
                                      const char        *key,
                                      GBytes            *bytes,
                                      const char        *sha256,
                                      const char        *content_type,
                                      const char        *address,
                                      GCancellable      *cancellable,
                                      GError           **error)
{
  MedialibS3Subject subject = _medialib_s3_client_subject_of (self, key);
  MedialibS3Fault faults;
  g_auto(MedialibS3Answer) answer = { 0 };
  g_autofree char *content_sha256 = NULL;
  g_autofree char *checksum_sha256 = NULL;
  g_autofree char *content_md5 = NULL;
  g_autofree char *md5_hex = NULL;
  const char *headers[7];
  MedialibS3Request request = { .method = "PUT", .key = key, .body = bytes, .headers = headers };
  guint8 digest[32], md5[16];
  gsize size, length = sizeof digest;
  const guint8 *data;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_medialib_s3_check_key (key, error))
    return FALSE;

  /* One pass of SHA-256 and one of MD5 over the bytes, whatever is made of them */
  faults = g_atomic_int_get (&self->faults);
  data = g_bytes_get_data (bytes, &size);
  if (!digest_from_hex (sha256, digest))
    digest_of (G_CHECKSUM_SHA256, data, size, FALSE, digest, &length);
  if (faults & MEDIALIB_S3_FAULT_CONTENT_SHA256)
    content_sha256 = medialib_sigv4_sha256_hex ("!", 1);
  else
    content_sha256 = hex_of (digest, sizeof digest);
  if (faults & MEDIALIB_S3_FAULT_CHECKSUM_SHA256)
    digest_of (G_CHECKSUM_SHA256, data, size, TRUE, digest, &length);
  checksum_sha256 = g_base64_encode (digest, sizeof digest);

  length = sizeof md5;
  digest_of (G_CHECKSUM_MD5, data, size, FALSE, md5, &length);
  md5_hex = hex_of (md5, sizeof md5);
  if (faults & MEDIALIB_S3_FAULT_CONTENT_MD5)
    digest_of (G_CHECKSUM_MD5, data, size, TRUE, md5, &length);
  content_md5 = g_base64_encode (md5, sizeof md5);

  headers[0] = "content-md5";
  headers[1] = content_md5;
  headers[2] = "x-amz-checksum-sha256";
  headers[3] = checksum_sha256;
  headers[4] = address != NULL ? ADDRESS_HEADER : NULL;
  headers[5] = address;
  headers[6] = NULL;
  request.payload_hash = content_sha256;
  request.content_type = content_type != NULL ? content_type : "application/octet-stream";

  if (!_medialib_s3_client_send_request (self, &request, &answer, cancellable, error))
    return FALSE;

  if (!confirmed (answer.headers, md5_hex, checksum_sha256))
    {
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CHECKSUM,
                   _("The object store at %s stored other bytes for “%s” than were sent. Try again; if it happens again, check the network and any proxy on the way."),
                   subject.host, key);
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_s3_client_head_object:
 *
 * Returns: (transfer full): the object's size, ETag, type and time, or %NULL with
 *   %MEDIALIB_S3_ERROR_NOT_FOUND when there is none
 */
MedialibS3Object *
medialib_s3_client_head_object (MedialibS3Client  *self,
                                const char        *key,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_auto(MedialibS3Answer) answer = { 0 };
  MedialibS3Request request = { .method = "HEAD", .key = key };
  MedialibS3Object *object;
  const char *etag, *modified;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_medialib_s3_check_key (key, error) ||
      !_medialib_s3_client_send_request (self, &request, &answer, cancellable, error))
    return NULL;

  object = g_new0 (MedialibS3Object, 1);
  object->key = g_strdup (key);
  object->size = soup_message_headers_get_content_length (answer.headers);
  object->content_type = g_strdup (soup_message_headers_get_content_type (answer.headers, NULL));
  object->address = g_strdup (soup_message_headers_get_one (answer.headers, ADDRESS_HEADER));

  etag = soup_message_headers_get_one (answer.headers, "ETag");
  if (etag != NULL && strlen (etag) >= 2 && etag[0] == '"' && etag[strlen (etag) - 1] == '"')
    object->etag = g_strndup (etag + 1, strlen (etag) - 2);
  else
    object->etag = g_strdup (etag);

  modified = soup_message_headers_get_one (answer.headers, "Last-Modified");
  if (modified != NULL)
    {
      g_autoptr(GDateTime) time = soup_date_time_new_from_http_string (modified);

      object->modified = time != NULL ? g_date_time_to_unix (time) : 0;
    }

  return object;
}

/**
 * medialib_s3_client_get_object:
 *
 * Returns: (transfer full): the object's bytes, or %NULL with %MEDIALIB_S3_ERROR_NOT_FOUND
 *   when there is none
 */
GBytes *
medialib_s3_client_get_object (MedialibS3Client  *self,
                               const char        *key,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_auto(MedialibS3Answer) answer = { 0 };
  MedialibS3Request request = { .method = "GET", .key = key };

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_medialib_s3_check_key (key, error) ||
      !_medialib_s3_client_send_request (self, &request, &answer, cancellable, error))
    return NULL;

  return g_steal_pointer (&answer.body);
}

/**
 * medialib_s3_client_delete_object:
 *
 * Deletes @key; deleting an object that is not there succeeds, as S3 does.
 */
gboolean
medialib_s3_client_delete_object (MedialibS3Client  *self,
                                  const char        *key,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  g_auto(MedialibS3Answer) answer = { 0 };
  MedialibS3Request request = { .method = "DELETE", .key = key };

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _medialib_s3_check_key (key, error) &&
         _medialib_s3_client_send_request (self, &request, &answer, cancellable, error);
}

/**
 * medialib_s3_client_list_objects:
 * @prefix: (nullable): only the keys that begin with it
 *
 * ListObjectsV2, page after page, following the continuation tokens.
 *
 * Returns: (transfer container) (element-type MedialibS3Object): the objects, in the order
 *   of their keys
 */
GPtrArray *
medialib_s3_client_list_objects (MedialibS3Client  *self,
                                 const char        *prefix,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_s3_object_free);
  g_autofree char *token = NULL;
  g_autofree char *page_size = NULL;

  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  page_size = g_strdup_printf ("%u", self->page_size);

  for (;;)
    {
      const char *query[9] = { "list-type", "2", "max-keys", page_size, NULL };
      g_auto(MedialibS3Answer) answer = { 0 };
      g_auto(MedialibS3ListPage) page = { 0 };
      MedialibS3Request request = { .method = "GET", .query = query };
      guint n = 4;
      const char *xml;
      gsize length;

      if (prefix != NULL && prefix[0] != '\0')
        {
          query[n++] = "prefix";
          query[n++] = prefix;
        }
      if (token != NULL)
        {
          query[n++] = "continuation-token";
          query[n++] = token;
        }

      if (!_medialib_s3_client_send_request (self, &request, &answer, cancellable, error))
        return NULL;

      xml = g_bytes_get_data (answer.body, &length);
      if (!_medialib_s3_parse_list (xml, length, &page, error))
        return NULL;

      g_ptr_array_extend_and_steal (objects, g_steal_pointer (&page.objects));

      if (!page.truncated)
        break;

      /* A truncated page without a new token would loop for ever */
      if (page.next_token == NULL || g_strcmp0 (page.next_token, token) == 0)
        {
          g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BAD_RESPONSE,
                       _("The object store at %s sent a listing without the token of its next page."),
                       self->authority);
          return NULL;
        }
      g_free (token);
      token = g_steal_pointer (&page.next_token);
    }

  return g_steal_pointer (&objects);
}
