/* medialib-sigv4.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sigv4"

#include "config.h"

#include <string.h>

#include "medialib-sha256.h"
#include "medialib-sigv4.h"

/*
 * AWS Signature Version 4 (AWS4-HMAC-SHA256), with S3's rules: the path is URI-encoded once,
 * '/' kept, and never normalized ("//a/./b/.." stays as it is); the query's names and values
 * are encoded with '/' too, then sorted by name, then by value; header names are lowercased,
 * values trimmed with their inner runs of white space made one space, repeated headers joined
 * with ',' in their order.
 *
 * Time is a parameter, so every step can be checked against published results. tests/test-sigv4.c
 * checks the canonical request, the string to sign, the signature and the Authorization header
 * (or the presigned query) of:
 *
 * - the AWS Signature Version 4 test suite as awslabs/aws-c-auth ships it
 *   (tests/aws-signing-test-suite/v4; the subset that applies to S3 is copied, with its
 *   licence, into tests/data/sigv4/, whose README names the commit): get-vanilla and its
 *   query variants (order, key case, encoded, unreserved, UTF-8, empty key), get-unreserved,
 *   get-utf8, get-space, the unnormalized slash and dot paths, get-header-key-duplicate,
 *   get-header-value-multiline, -order and -trim, post-vanilla and its query variants,
 *   post-header-key-case, -key-sort and -value-case, post-x-www-form-urlencoded and
 *   -parameters; each both signed in the header and presigned in the query;
 * - the examples of the S3 API reference: "Signature Calculations for the Authorization
 *   Header" (GET Object with a Range, PUT Object of "test$file.text", GET Bucket Lifecycle,
 *   List Objects) and "Authenticating Requests: Using Query Parameters" (the presigned GET of
 *   examplebucket/test.txt, 20130524T000000Z, 86400 s).
 */

/* Keys and secrets do not linger in freed memory */
static void
wipe (void  *data,
      gsize  length)
{
  volatile guint8 *p = data;

  while (length-- > 0)
    *p++ = 0;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      wipe (text, strlen (text));
      g_free (text);
    }
}

static void
wipe_bytes_free (gpointer data)
{
  wipe (data, 32);
  g_free (data);
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_length,
             const char   *text,
             guint8        out[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  gsize length = 32;

  g_assert (text != NULL);

  g_hmac_update (hmac, (const guchar *) text, strlen (text));
  g_hmac_get_digest (hmac, out, &length);
  g_assert (length == 32);
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/**
 * medialib_sigv4_uri_encode:
 * @text: raw bytes, NUL-terminated
 * @keep_slashes: %TRUE for a path, %FALSE for a query's names and values
 *
 * Percent-encodes every byte but A-Z, a-z, 0-9, '-', '_', '.' and '~' (and '/' when
 * @keep_slashes), with upper-case hex digits: the encoding SigV4 signs.
 *
 * Returns: (transfer full): the encoded text
 */
char *
medialib_sigv4_uri_encode (const char *text,
                           gboolean    keep_slashes)
{
  GString *encoded;

  g_return_val_if_fail (text != NULL, NULL);

  encoded = g_string_sized_new (strlen (text) + 8);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (is_unreserved (*p) || (keep_slashes && *p == '/'))
        g_string_append_c (encoded, (char) *p);
      else
        g_string_append_printf (encoded, "%%%02X", *p);
    }

  return g_string_free (encoded, FALSE);
}

/**
 * medialib_sigv4_sha256_hex:
 *
 * Returns: (transfer full): the lower-case hex SHA-256 of @data, as x-amz-content-sha256 wants it
 */
char *
medialib_sigv4_sha256_hex (const void *data,
                           gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return medialib_sha256_hex (data, length);
}

/**
 * medialib_sigv4_format_time:
 *
 * Returns: (transfer full): @time in UTC as X-Amz-Date writes it, e.g. 20150830T123600Z
 */
char *
medialib_sigv4_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y%m%d");
}

/**
 * medialib_sigv4_scope:
 *
 * Returns: (transfer full): the credential scope, DATE/REGION/SERVICE/aws4_request
 */
char *
medialib_sigv4_scope (GDateTime  *time,
                      const char *region,
                      const char *service)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  date = format_date (time);
  return g_strdup_printf ("%s/%s/%s/aws4_request", date, region, service);
}

/* Trimmed, with every run of white space (folded lines included) made one space */
static void
append_header_value (GString    *out,
                     const char *value)
{
  gboolean space = FALSE;
  gsize start = out->len;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > start)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
}

typedef struct
{
  char    *name;
  GString *value;
} Header;

static void
header_free (gpointer data)
{
  Header *header = data;

  g_free (header->name);
  g_string_free (header->value, TRUE);
  g_free (header);
}

static int
compare_headers (gconstpointer a,
                 gconstpointer b)
{
  const Header *x = *(const Header * const *) a;
  const Header *y = *(const Header * const *) b;

  return strcmp (x->name, y->name);
}

/* "name:value\n" for every header, sorted, repeated ones joined; and their names joined by ';' */
static char *
canonical_headers (const char * const  *headers,
                   char               **signed_headers)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (header_free);
  GString *canonical = g_string_new (NULL);
  GString *names = g_string_new (NULL);

  g_assert (headers != NULL);
  g_assert (signed_headers != NULL);

  for (guint i = 0; headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = g_ascii_strdown (headers[i], -1);
      Header *header = NULL;

      g_strstrip (name);
      for (guint j = 0; j < merged->len && header == NULL; j++)
        if (strcmp (((Header *) g_ptr_array_index (merged, j))->name, name) == 0)
          header = g_ptr_array_index (merged, j);

      if (header == NULL)
        {
          header = g_new0 (Header, 1);
          header->name = g_steal_pointer (&name);
          header->value = g_string_new (NULL);
          g_ptr_array_add (merged, header);
        }
      else
        g_string_append_c (header->value, ',');

      append_header_value (header->value, headers[i + 1]);
    }

  g_ptr_array_sort (merged, compare_headers);

  for (guint i = 0; i < merged->len; i++)
    {
      const Header *header = g_ptr_array_index (merged, i);

      g_string_append_printf (canonical, "%s:%s\n", header->name, header->value->str);
      if (i > 0)
        g_string_append_c (names, ';');
      g_string_append (names, header->name);
    }

  *signed_headers = g_string_free (names, FALSE);
  return g_string_free (canonical, FALSE);
}

typedef struct
{
  char *name;
  char *value;
} Param;

static void
param_free (gpointer data)
{
  Param *param = data;

  g_free (param->name);
  g_free (param->value);
  g_free (param);
}

static int
compare_params (gconstpointer a,
                gconstpointer b)
{
  const Param *x = *(const Param * const *) a;
  const Param *y = *(const Param * const *) b;
  int by_name = strcmp (x->name, y->name);

  return by_name != 0 ? by_name : strcmp (x->value, y->value);
}

/**
 * medialib_sigv4_canonical_query:
 * @query: (nullable): name, value, name, value…, %NULL, not encoded
 *
 * Returns: (transfer full): the name=value pairs, encoded, sorted by encoded name then value,
 *   joined by '&': the query as signed, and as it may be sent
 */
char *
medialib_sigv4_canonical_query (const char * const *query)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; query != NULL && query[i] != NULL && query[i + 1] != NULL; i += 2)
    {
      Param *param = g_new0 (Param, 1);

      param->name = medialib_sigv4_uri_encode (query[i], FALSE);
      param->value = medialib_sigv4_uri_encode (query[i + 1], FALSE);
      g_ptr_array_add (params, param);
    }

  g_ptr_array_sort (params, compare_params);

  for (guint i = 0; i < params->len; i++)
    {
      const Param *param = g_ptr_array_index (params, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", param->name, param->value);
    }

  return g_string_free (out, FALSE);
}

/**
 * medialib_sigv4_canonical_request:
 * @signed_headers: (out) (optional): the names of the signed headers, joined by ';'
 *
 * Returns: (transfer full): the canonical request: method, path, query, headers, the signed
 *   headers' names and the payload's hash, one per line
 */
char *
medialib_sigv4_canonical_request (const MedialibSigv4Request  *request,
                                  char                       **signed_headers)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *names = NULL;
  char *canonical;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->method != NULL, NULL);
  g_return_val_if_fail (request->path != NULL, NULL);
  g_return_val_if_fail (request->headers != NULL, NULL);
  g_return_val_if_fail (request->payload_hash != NULL, NULL);

  path = medialib_sigv4_uri_encode (request->path[0] != '\0' ? request->path : "/", TRUE);
  query = medialib_sigv4_canonical_query (request->query);
  headers = canonical_headers (request->headers, &names);

  canonical = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s", request->method, path, query, headers,
                               names, request->payload_hash);
  if (signed_headers != NULL)
    *signed_headers = g_steal_pointer (&names);

  return canonical;
}

/**
 * medialib_sigv4_string_to_sign:
 *
 * Returns: (transfer full): the algorithm, the time, the scope and the canonical request's
 *   hash, one per line
 */
char *
medialib_sigv4_string_to_sign (GDateTime  *time,
                               const char *region,
                               const char *service,
                               const char *canonical_request)
{
  g_autofree char *stamp = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (canonical_request != NULL, NULL);

  stamp = medialib_sigv4_format_time (time);
  scope = medialib_sigv4_scope (time, region, service);
  hash = medialib_sigv4_sha256_hex (canonical_request, strlen (canonical_request));

  return g_strdup_printf (MEDIALIB_SIGV4_ALGORITHM "\n%s\n%s\n%s", stamp, scope, hash);
}

/**
 * medialib_sigv4_signing_key:
 *
 * HMAC-SHA256 chained over "AWS4" + the secret, the date, the region, the service and
 * "aws4_request".
 *
 * Returns: (transfer full): the 32-byte key, wiped when freed
 */
GBytes *
medialib_sigv4_signing_key (const char *secret_key,
                            GDateTime  *time,
                            const char *region,
                            const char *service)
{
  g_autofree char *date = NULL;
  char *first;
  guint8 a[32], b[32];
  guint8 *key;

  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  date = format_date (time);
  first = g_strconcat ("AWS4", secret_key, NULL);
  hmac_sha256 ((const guint8 *) first, strlen (first), date, a);
  wipe_free (first);
  hmac_sha256 (a, sizeof a, region, b);
  hmac_sha256 (b, sizeof b, service, a);

  key = g_malloc (32);
  hmac_sha256 (a, sizeof a, "aws4_request", key);
  wipe (a, sizeof a);
  wipe (b, sizeof b);

  return g_bytes_new_with_free_func (key, 32, wipe_bytes_free, key);
}

/**
 * medialib_sigv4_signature:
 *
 * Returns: (transfer full): the lower-case hex HMAC-SHA256 of @string_to_sign under @signing_key
 */
char *
medialib_sigv4_signature (GBytes     *signing_key,
                          const char *string_to_sign)
{
  guint8 digest[32];
  gsize length;
  const guint8 *key;
  GString *hex;

  g_return_val_if_fail (signing_key != NULL, NULL);
  g_return_val_if_fail (string_to_sign != NULL, NULL);

  key = g_bytes_get_data (signing_key, &length);
  hmac_sha256 (key, length, string_to_sign, digest);

  hex = g_string_sized_new (64);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);

  return g_string_free (hex, FALSE);
}

static gboolean
credentials_are_valid (const MedialibSigv4Credentials *credentials)
{
  return credentials != NULL && credentials->access_key_id != NULL &&
         credentials->secret_key != NULL && credentials->region != NULL &&
         credentials->service != NULL;
}

/* Canonical request → string to sign → signature, recorded in @steps when given */
static char *
sign (const MedialibSigv4Credentials *credentials,
      GDateTime                      *time,
      const MedialibSigv4Request     *request,
      MedialibSigv4Steps             *steps,
      char                          **signed_headers)
{
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autoptr(GBytes) key = NULL;
  char *signature;

  canonical = medialib_sigv4_canonical_request (request, signed_headers);
  string_to_sign = medialib_sigv4_string_to_sign (time, credentials->region, credentials->service,
                                                  canonical);
  key = medialib_sigv4_signing_key (credentials->secret_key, time, credentials->region,
                                    credentials->service);
  signature = medialib_sigv4_signature (key, string_to_sign);

  if (steps != NULL)
    {
      medialib_sigv4_steps_clear (steps);
      steps->canonical_request = g_steal_pointer (&canonical);
      steps->string_to_sign = g_steal_pointer (&string_to_sign);
      steps->signature = g_strdup (signature);
    }

  return signature;
}

/**
 * medialib_sigv4_authorization:
 * @request: its headers must hold every header to sign, `host` and `x-amz-date` (the
 *   formatted @time) included, and for S3 `x-amz-content-sha256`
 * @steps: (out caller-allocates) (optional): the intermediate results
 *
 * Returns: (transfer full): the value of the Authorization header
 */
char *
medialib_sigv4_authorization (const MedialibSigv4Credentials *credentials,
                              GDateTime                      *time,
                              const MedialibSigv4Request     *request,
                              MedialibSigv4Steps             *steps)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (credentials_are_valid (credentials), NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  signature = sign (credentials, time, request, steps, &signed_headers);
  scope = medialib_sigv4_scope (time, credentials->region, credentials->service);

  return g_strdup_printf (MEDIALIB_SIGV4_ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                          credentials->access_key_id, scope, signed_headers, signature);
}

/**
 * medialib_sigv4_presign_query:
 * @expires: how long the signature holds, in seconds, 1 to %MEDIALIB_SIGV4_MAX_EXPIRES
 * @request: the headers to sign (for a URL given to others, `host` alone) and, for S3,
 *   %MEDIALIB_SIGV4_UNSIGNED_PAYLOAD as the payload hash
 * @steps: (out caller-allocates) (optional): the intermediate results
 *
 * Query-string signing: the request's own query with X-Amz-Algorithm, -Credential, -Date,
 * -Expires and -SignedHeaders added, encoded and sorted, then X-Amz-Signature.
 *
 * Returns: (transfer full): the whole query string, without its '?'
 */
char *
medialib_sigv4_presign_query (const MedialibSigv4Credentials *credentials,
                              GDateTime                      *time,
                              guint                           expires,
                              const MedialibSigv4Request     *request,
                              MedialibSigv4Steps             *steps)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new ();
  g_autofree char *headers = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *credential = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *expires_text = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *encoded = NULL;
  MedialibSigv4Request presigned;

  g_return_val_if_fail (credentials_are_valid (credentials), NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (expires >= 1 && expires <= MEDIALIB_SIGV4_MAX_EXPIRES, NULL);
  g_return_val_if_fail (request != NULL && request->headers != NULL, NULL);

  headers = canonical_headers (request->headers, &signed_headers);
  scope = medialib_sigv4_scope (time, credentials->region, credentials->service);
  credential = g_strdup_printf ("%s/%s", credentials->access_key_id, scope);
  stamp = medialib_sigv4_format_time (time);
  expires_text = g_strdup_printf ("%u", expires);

  for (guint i = 0; request->query != NULL && request->query[i] != NULL && request->query[i + 1] != NULL; i += 2)
    {
      g_ptr_array_add (query, (gpointer) request->query[i]);
      g_ptr_array_add (query, (gpointer) request->query[i + 1]);
    }

  g_ptr_array_add (query, (gpointer) "X-Amz-Algorithm");
  g_ptr_array_add (query, (gpointer) MEDIALIB_SIGV4_ALGORITHM);
  g_ptr_array_add (query, (gpointer) "X-Amz-Credential");
  g_ptr_array_add (query, credential);
  g_ptr_array_add (query, (gpointer) "X-Amz-Date");
  g_ptr_array_add (query, stamp);
  g_ptr_array_add (query, (gpointer) "X-Amz-Expires");
  g_ptr_array_add (query, expires_text);
  g_ptr_array_add (query, (gpointer) "X-Amz-SignedHeaders");
  g_ptr_array_add (query, signed_headers);
  g_ptr_array_add (query, NULL);

  presigned = *request;
  presigned.query = (const char * const *) query->pdata;

  signature = sign (credentials, time, &presigned, steps, NULL);
  encoded = medialib_sigv4_canonical_query (presigned.query);

  return g_strdup_printf ("%s&X-Amz-Signature=%s", encoded, signature);
}

void
medialib_sigv4_steps_clear (MedialibSigv4Steps *steps)
{
  g_return_if_fail (steps != NULL);

  g_clear_pointer (&steps->canonical_request, g_free);
  g_clear_pointer (&steps->string_to_sign, g_free);
  g_clear_pointer (&steps->signature, g_free);
}
