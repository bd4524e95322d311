/* medialib-s3-answers.c — what an S3 server answers: its XML, its errors
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medialib-s3-private.h"

/*
 * A small reader of the two XML documents the client needs (an <Error>, and the
 * <ListBucketResult> of ListObjectsV2) on GMarkup: it keeps the path of open elements and
 * hands each element's text to a callback when the element ends. Anything that is not
 * well-formed, or not the expected document, is refused with an error; nothing a server
 * sends can make it crash (tests/fuzz/fuzz-s3-answers.c).
 */

G_DEFINE_QUARK (medialib-s3-error-quark, medialib_s3_error)

typedef struct _Reader Reader;

struct _Reader
{
  GPtrArray *path;      /* open elements' names */
  GString   *text;
  void     (*start) (Reader *reader, const char *element);
  void     (*end)   (Reader *reader, const char *element, const char *text);
  gpointer   data;
  gboolean   wrong_root;
  gboolean   had_root;
};

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Reader *reader = user_data;

  /* GMarkup takes several root elements; XML does not */
  if (reader->path->len == 0 && reader->had_root)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "a second root element");
      return;
    }
  reader->had_root = TRUE;

  g_ptr_array_add (reader->path, g_strdup (element));
  g_string_truncate (reader->text, 0);
  if (reader->start != NULL)
    reader->start (reader, element);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  Reader *reader = user_data;

  reader->end (reader, element, reader->text->str);
  g_string_truncate (reader->text, 0);
  if (reader->path->len > 0)
    g_ptr_array_remove_index (reader->path, reader->path->len - 1);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Reader *reader = user_data;

  g_string_append_len (reader->text, text, length);
}

/* The name of the open element at DEPTH (0 is the root), or "" */
static const char *
reader_at (Reader *reader,
           guint   depth)
{
  return depth < reader->path->len ? g_ptr_array_index (reader->path, depth) : "";
}

static gboolean
reader_parse (Reader      *reader,
              const char  *root,
              const char  *xml,
              gsize        length,
              GError     **error)
{
  static const GMarkupParser parser = { on_start_element, on_end_element, on_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean ok;

  g_assert (reader != NULL);
  g_assert (reader->end != NULL);

  if (xml == NULL || length == 0 || length > G_MAXSSIZE)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "empty document");
      return FALSE;
    }

  reader->path = path;
  reader->text = text;
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, reader, NULL);
  ok = g_markup_parse_context_parse (context, xml, (gssize) length, error) &&
       g_markup_parse_context_end_parse (context, error);
  reader->path = NULL;
  reader->text = NULL;

  if (ok && reader->wrong_root)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not an <%s> document", root);
      return FALSE;
    }

  return ok;
}

/* --- <Error> --------------------------------------------------------------------------------- */

static void
error_end (Reader     *reader,
           const char *element,
           const char *text)
{
  MedialibS3ErrorBody *body = reader->data;
  char **slot = NULL;

  if (reader->path->len == 1 && strcmp (element, "Error") != 0)
    reader->wrong_root = TRUE;
  if (reader->path->len != 2 || strcmp (reader_at (reader, 0), "Error") != 0)
    return;

  if (strcmp (element, "Code") == 0)
    slot = &body->code;
  else if (strcmp (element, "Message") == 0)
    slot = &body->message;
  else if (strcmp (element, "Region") == 0)
    slot = &body->region;
  else if (strcmp (element, "Endpoint") == 0)
    slot = &body->endpoint;

  if (slot != NULL && *slot == NULL && text[0] != '\0')
    *slot = g_strstrip (g_strdup (text));
}

/**
 * _medialib_s3_parse_error_body:
 *
 * Reads an S3 error document into @body (cleared first).
 *
 * Returns: %TRUE when it was one, with a code
 */
gboolean
_medialib_s3_parse_error_body (const char          *xml,
                               gsize                length,
                               MedialibS3ErrorBody *body)
{
  Reader reader = { .end = error_end, .data = body };

  g_return_val_if_fail (body != NULL, FALSE);

  _medialib_s3_error_body_clear (body);
  if (!reader_parse (&reader, "Error", xml, length, NULL) || body->code == NULL)
    {
      _medialib_s3_error_body_clear (body);
      return FALSE;
    }

  return TRUE;
}

void
_medialib_s3_error_body_clear (MedialibS3ErrorBody *body)
{
  g_return_if_fail (body != NULL);

  g_clear_pointer (&body->code, g_free);
  g_clear_pointer (&body->message, g_free);
  g_clear_pointer (&body->region, g_free);
  g_clear_pointer (&body->endpoint, g_free);
}

/* --- <ListBucketResult> ---------------------------------------------------------------------- */

typedef struct
{
  MedialibS3ListPage *page;
  MedialibS3Object   *current;   /* the <Contents> being read */
  gboolean            invalid;
} ListState;

static void
list_start (Reader     *reader,
            const char *element)
{
  ListState *state = reader->data;

  if (reader->path->len == 2 && strcmp (element, "Contents") == 0 &&
      strcmp (reader_at (reader, 0), "ListBucketResult") == 0)
    {
      g_clear_pointer (&state->current, medialib_s3_object_free);
      state->current = g_new0 (MedialibS3Object, 1);
      state->current->size = -1;
    }
}

static void
read_contents_member (ListState  *state,
                      const char *element,
                      const char *text)
{
  MedialibS3Object *object = state->current;

  g_assert (object != NULL);

  if (strcmp (element, "Key") == 0 && object->key == NULL)
    object->key = g_strdup (text);
  else if (strcmp (element, "Size") == 0)
    {
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &object->size, NULL))
        state->invalid = TRUE;
    }
  else if (strcmp (element, "ETag") == 0 && object->etag == NULL)
    {
      g_autofree char *etag = g_strstrip (g_strdup (text));
      gsize length = strlen (etag);

      if (length >= 2 && etag[0] == '"' && etag[length - 1] == '"')
        object->etag = g_strndup (etag + 1, length - 2);
      else
        object->etag = g_steal_pointer (&etag);
    }
  else if (strcmp (element, "LastModified") == 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

      object->modified = time != NULL ? g_date_time_to_unix (time) : 0;
    }
}

static void
list_end (Reader     *reader,
          const char *element,
          const char *text)
{
  ListState *state = reader->data;
  MedialibS3ListPage *page = state->page;

  if (reader->path->len == 1 && strcmp (element, "ListBucketResult") != 0)
    reader->wrong_root = TRUE;
  if (strcmp (reader_at (reader, 0), "ListBucketResult") != 0)
    return;

  if (reader->path->len == 3 && state->current != NULL &&
      strcmp (reader_at (reader, 1), "Contents") == 0)
    read_contents_member (state, element, text);
  else if (reader->path->len == 2 && strcmp (element, "Contents") == 0 && state->current != NULL)
    {
      if (state->current->key == NULL || state->current->key[0] == '\0' || state->current->size < 0)
        state->invalid = TRUE;
      else
        g_ptr_array_add (page->objects, g_steal_pointer (&state->current));
      g_clear_pointer (&state->current, medialib_s3_object_free);
    }
  else if (reader->path->len == 2 && strcmp (element, "IsTruncated") == 0)
    page->truncated = g_ascii_strcasecmp (g_strstrip ((char *) text), "true") == 0;
  else if (reader->path->len == 2 && strcmp (element, "NextContinuationToken") == 0 &&
           page->next_token == NULL && text[0] != '\0')
    page->next_token = g_strdup (text);
}

/**
 * _medialib_s3_parse_list:
 * @page: (out caller-allocates): cleared first
 *
 * Reads a page of ListObjectsV2.
 */
gboolean
_medialib_s3_parse_list (const char          *xml,
                         gsize                length,
                         MedialibS3ListPage  *page,
                         GError             **error)
{
  ListState state = { .page = page };
  Reader reader = { .start = list_start, .end = list_end, .data = &state };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _medialib_s3_list_page_clear (page);
  page->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_s3_object_free);

  ok = reader_parse (&reader, "ListBucketResult", xml, length, &local_error);
  g_clear_pointer (&state.current, medialib_s3_object_free);

  if (ok && state.invalid)
    {
      ok = FALSE;
      g_set_error_literal (&local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "an object without a key or a size");
    }

  if (!ok)
    {
      /* GMarkup quotes the invalid bytes it met */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      _medialib_s3_list_page_clear (page);
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BAD_RESPONSE,
                   _("The object store sent a listing that could not be read (%s)."), reason);
      return FALSE;
    }

  return TRUE;
}

void
_medialib_s3_list_page_clear (MedialibS3ListPage *page)
{
  g_return_if_fail (page != NULL);

  g_clear_pointer (&page->objects, g_ptr_array_unref);
  g_clear_pointer (&page->next_token, g_free);
  page->truncated = FALSE;
}

/* --- Errors ---------------------------------------------------------------------------------- */

static gboolean
code_is (const char *code,
         const char *first,
         ...)
{
  va_list args;
  gboolean found = FALSE;

  if (code == NULL)
    return FALSE;

  va_start (args, first);
  for (const char *name = first; name != NULL && !found; name = va_arg (args, const char *))
    found = strcmp (code, name) == 0;
  va_end (args);

  return found;
}

static GError *
region_error (const MedialibS3Subject   *subject,
              const MedialibS3ErrorBody *body,
              const char                *code)
{
  if (body->region != NULL && g_strcmp0 (body->region, subject->region) != 0)
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_WRONG_REGION,
                        _("The bucket “%s” is in the region “%s”, not “%s”. Set the region to “%s”."),
                        subject->bucket, body->region, subject->region, body->region);

  return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_WRONG_REGION,
                      _("The bucket “%s” is not in the region “%s” (%s). Set the region the bucket was created in."),
                      subject->bucket, subject->region, code);
}

GError *
_medialib_s3_bucket_taken_error (const MedialibS3Subject *subject)
{
  g_return_val_if_fail (subject != NULL, NULL);

  return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BUCKET_TAKEN,
                      _("The bucket “%s” at %s belongs to another account, which gives these keys no access to it. If it is your team’s bucket, ask its administrator to give them read and write access to it; otherwise choose another bucket name."),
                      subject->bucket, subject->host);
}

/**
 * _medialib_s3_http_error:
 * @xml: (nullable): the answer's body
 *
 * The error of an answer with a status of 300 or more, from its S3 error code when the body
 * has one, else from the status. Its message says what failed and what to do; it holds the
 * endpoint's host, the bucket, the key and the server's code, never a credential.
 */
GError *
_medialib_s3_http_error (const MedialibS3Subject *subject,
                         guint                    status,
                         const char              *xml,
                         gsize                    length)
{
  g_auto(MedialibS3ErrorBody) body = { 0 };
  const char *code;
  const char *reason = soup_status_get_phrase (status);

  g_return_val_if_fail (subject != NULL && subject->host != NULL && subject->bucket != NULL, NULL);

  _medialib_s3_parse_error_body (xml, length, &body);
  code = body.code;
  if (reason == NULL)
    reason = "";

  if (code_is (code, "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSecurity",
               "InvalidToken", "ExpiredToken", "TokenRefreshRequired", NULL))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS,
                        _("The object store at %s refused the keys (%s). Check the access key ID and the secret key."),
                        subject->host, code);

  if (code_is (code, "RequestTimeTooSkewed", "RequestExpired", NULL))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CLOCK_SKEW,
                        _("The object store at %s refused the request because this computer’s clock is off (%s). Set the date and time automatically, then try again."),
                        subject->host, code);

  if (code_is (code, "AccessDenied", "AllAccessDisabled", "AccountProblem", NULL) ||
      (code == NULL && status == SOUP_STATUS_FORBIDDEN))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED,
                        _("The object store at %s refused these keys access to the bucket “%s” (%s). Ask its administrator to give them read and write access to it."),
                        subject->host, subject->bucket, code != NULL ? code : reason);

  if (code_is (code, "PermanentRedirect", "AuthorizationHeaderMalformed",
               "IllegalLocationConstraintException", "InvalidLocationConstraint", NULL) ||
      (code == NULL && (status == SOUP_STATUS_MOVED_PERMANENTLY ||
                        status == SOUP_STATUS_TEMPORARY_REDIRECT)))
    return region_error (subject, &body, code != NULL ? code : reason);

  if (code_is (code, "NoSuchBucket", NULL))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET,
                        _("There is no bucket “%s” at %s. Check the bucket name, or create the bucket."),
                        subject->bucket, subject->host);

  if (code_is (code, "BucketAlreadyExists", NULL))
    return _medialib_s3_bucket_taken_error (subject);

  if (code_is (code, "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
               "XAmzContentChecksumMismatch", "InvalidChecksum", NULL))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CHECKSUM,
                        _("The object store at %s received other bytes for “%s” than were sent, and refused them (%s). Try again; if it happens again, check the network and any proxy on the way."),
                        subject->host, subject->key != NULL ? subject->key : subject->bucket, code);

  if (code_is (code, "NoSuchKey", NULL) || (code == NULL && status == SOUP_STATUS_NOT_FOUND))
    {
      if (subject->key != NULL)
        return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND,
                            _("The object “%s” is not in the bucket “%s”."),
                            subject->key, subject->bucket);
      return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND,
                          _("The object store at %s has nothing at this address (%s)."),
                          subject->host, code != NULL ? code : reason);
    }

  if (code_is (code, "NotImplemented", NULL) || status == SOUP_STATUS_NOT_IMPLEMENTED)
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST,
                        _("The object store at %s does not support this request (%s)."),
                        subject->host, code != NULL ? code : reason);

  if (status >= 500 || code_is (code, "InternalError", "ServiceUnavailable", "SlowDown", NULL))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_SERVER,
                        _("The object store at %s failed (%u %s). Try again later; if it goes on, tell its administrator."),
                        subject->host, status, code != NULL ? code : reason);

  if (body.message != NULL)
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST,
                        _("The object store at %s refused the request (%u %s: %s)."),
                        subject->host, status, code, body.message);

  return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST,
                      _("The object store at %s refused the request (%u %s)."),
                      subject->host, status, code != NULL ? code : reason);
}

/**
 * _medialib_s3_transport_error:
 *
 * The error of a request that got no answer.
 */
GError *
_medialib_s3_transport_error (const MedialibS3Subject *subject,
                              guint                    timeout,
                              const GError            *error)
{
  g_return_val_if_fail (subject != NULL && subject->host != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TIMEOUT,
                        _("The object store at %s did not answer within %u seconds. Check the network, then try again."),
                        subject->host, timeout);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CERTIFICATE,
                        _("The object store at %s presented a certificate that this computer does not trust. Check the endpoint address; if the store uses its own certificate authority, install that authority on this computer, or choose its file as the team library’s certificate authority (--ca-file on the command line)."),
                        subject->host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TLS,
                        _("The secure connection to the object store at %s failed: %s. Check whether the endpoint starts with https or http."),
                        subject->host, error->message);

  return g_error_new (MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE,
                      _("Could not connect to the object store at %s: %s. Check the endpoint address and that the server is running."),
                      subject->host, error->message);
}
