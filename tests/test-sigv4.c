/* test-sigv4.c — AWS Signature Version 4 against AWS's published vectors
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * - tests/data/sigv4/v4/: the S3-applicable part of the AWS Signature Version 4 test suite
 *   (awslabs/aws-c-auth, see tests/data/sigv4/README.md): every vector is signed in the
 *   Authorization header and presigned in the query, and its canonical request, string to
 *   sign, signature and signed request are compared with the published ones;
 * - the worked examples of Amazon S3's API reference (signing key derivation, GET Object,
 *   PUT Object, GET Bucket Lifecycle, List Objects, the presigned GET of test.txt).
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "medialib-sigv4.h"

#define SUITE_VECTORS 28
#define EMPTY_SHA256  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* --- The test suite's files ---------------------------------------------------------------- */

typedef struct
{
  char      *method;
  char      *path;
  GPtrArray *query;     /* name, value…, NULL */
  GPtrArray *headers;   /* name, value…, NULL */
  char      *body;
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_ptr_array_unref (request->query);
  g_ptr_array_unref (request->headers);
  g_free (request->body);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static char *
read_vector_file (const char *vector,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sigv4", "v4", vector, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);

  /* The files end with or without a newline; the values never do */
  while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
    text[--length] = '\0';

  return text;
}

static char *
unescape (const char *text)
{
  char *plain = g_uri_unescape_string (text, NULL);

  return plain != NULL ? plain : g_strdup (text);
}

static void
parse_query (const char *query,
             GPtrArray  *out)
{
  g_auto(GStrv) items = g_strsplit (query, "&", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *equals = strchr (items[i], '=');

      if (items[i][0] == '\0')
        continue;
      if (equals != NULL)
        {
          g_autofree char *name = g_strndup (items[i], equals - items[i]);

          g_ptr_array_add (out, unescape (name));
          g_ptr_array_add (out, unescape (equals + 1));
        }
      else
        {
          g_ptr_array_add (out, unescape (items[i]));
          g_ptr_array_add (out, g_strdup (""));
        }
    }
}

/* "METHOD TARGET HTTP/1.1", headers (a line starting with white space continues the one
 * before), an empty line, the body. The target may hold spaces (get-space). */
static Request *
parse_request (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Request *request = g_new0 (Request, 1);
  const char *first_space, *last_space, *question;
  g_autofree char *target = NULL;
  guint i;

  request->query = g_ptr_array_new_with_free_func (g_free);
  request->headers = g_ptr_array_new_with_free_func (g_free);

  for (i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);

  first_space = strchr (lines[0], ' ');
  last_space = strrchr (lines[0], ' ');
  g_assert_nonnull (first_space);
  g_assert_true (last_space > first_space);
  request->method = g_strndup (lines[0], first_space - lines[0]);
  target = g_strndup (first_space + 1, last_space - first_space - 1);

  question = strchr (target, '?');
  if (question != NULL)
    {
      g_autofree char *path = g_strndup (target, question - target);

      request->path = unescape (path);
      parse_query (question + 1, request->query);
    }
  else
    request->path = unescape (target);

  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_ascii_isspace (lines[i][0]))
        {
          char **value = (char **) &g_ptr_array_index (request->headers, request->headers->len - 1);
          char *joined = g_strconcat (*value, "\n", lines[i], NULL);

          g_free (*value);
          *value = joined;
          continue;
        }

      g_assert_nonnull (colon);
      g_ptr_array_add (request->headers, g_strndup (lines[i], colon - lines[i]));
      g_ptr_array_add (request->headers, g_strdup (colon + 1));
    }

  request->body = lines[i] != NULL ? g_strjoinv ("\n", lines + i + 1) : g_strdup ("");

  g_ptr_array_add (request->query, NULL);
  g_ptr_array_add (request->headers, NULL);

  return request;
}

typedef struct
{
  char      *access_key_id;
  char      *secret_key;
  char      *region;
  char      *service;
  GDateTime *time;
  guint      expires;
  gboolean   sign_body;
} Context;

static void
context_clear (Context *context)
{
  g_free (context->access_key_id);
  g_free (context->secret_key);
  g_free (context->region);
  g_free (context->service);
  g_clear_pointer (&context->time, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

static void
load_context (const char *vector,
              Context    *context)
{
  g_autofree char *text = read_vector_file (vector, "context.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *credentials;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  credentials = json_object_get_object_member (root, "credentials");

  context->access_key_id = g_strdup (json_object_get_string_member (credentials, "access_key_id"));
  context->secret_key = g_strdup (json_object_get_string_member (credentials, "secret_access_key"));
  context->region = g_strdup (json_object_get_string_member (root, "region"));
  context->service = g_strdup (json_object_get_string_member (root, "service"));
  context->time = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "timestamp"), NULL);
  context->expires = json_object_get_int_member (root, "expiration_in_seconds");
  context->sign_body = json_object_get_boolean_member_with_default (root, "sign_body", FALSE);
  g_assert_nonnull (context->time);
}

/* The value of the signed request's Authorization header */
static char *
signed_authorization (const char *signed_request)
{
  g_autoptr(Request) request = parse_request (signed_request);

  for (guint i = 0; g_ptr_array_index (request->headers, i) != NULL; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (request->headers, i), "Authorization") == 0)
      return g_strdup (g_ptr_array_index (request->headers, i + 1));

  g_assert_not_reached ();
}

static void
test_suite_header (gconstpointer data)
{
  const char *vector = data;
  g_autofree char *text = read_vector_file (vector, "request.txt");
  g_autoptr(Request) request = parse_request (text);
  g_auto(Context) context = { 0 };
  g_auto(MedialibSigv4Steps) steps = { 0 };
  g_autofree char *payload_hash = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *expected_creq = read_vector_file (vector, "header-canonical-request.txt");
  g_autofree char *expected_sts = read_vector_file (vector, "header-string-to-sign.txt");
  g_autofree char *expected_signature = read_vector_file (vector, "header-signature.txt");
  g_autofree char *signed_request = read_vector_file (vector, "header-signed-request.txt");
  g_autofree char *expected_authorization = signed_authorization (signed_request);
  MedialibSigv4Credentials credentials;
  MedialibSigv4Request signing;

  load_context (vector, &context);
  payload_hash = medialib_sigv4_sha256_hex (request->body, strlen (request->body));
  stamp = medialib_sigv4_format_time (context.time);

  /* What the suite's signer adds before signing in the header */
  g_ptr_array_remove_index (request->headers, request->headers->len - 1);
  g_ptr_array_add (request->headers, g_strdup ("X-Amz-Date"));
  g_ptr_array_add (request->headers, g_strdup (stamp));
  if (context.sign_body)
    {
      g_ptr_array_add (request->headers, g_strdup ("X-Amz-Content-Sha256"));
      g_ptr_array_add (request->headers, g_strdup (payload_hash));
    }
  g_ptr_array_add (request->headers, NULL);

  credentials = (MedialibSigv4Credentials) {
    context.access_key_id, context.secret_key, context.region, context.service,
  };
  signing = (MedialibSigv4Request) {
    request->method, request->path, (const char * const *) request->query->pdata,
    (const char * const *) request->headers->pdata, payload_hash,
  };

  authorization = medialib_sigv4_authorization (&credentials, context.time, &signing, &steps);

  g_assert_cmpstr (steps.canonical_request, ==, expected_creq);
  g_assert_cmpstr (steps.string_to_sign, ==, expected_sts);
  g_assert_cmpstr (steps.signature, ==, expected_signature);
  g_assert_cmpstr (authorization, ==, expected_authorization);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The query's name=value pairs, decoded, sorted */
static GPtrArray *
sorted_pairs (const char *query)
{
  g_autoptr(GPtrArray) split = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  parse_query (query, split);
  for (guint i = 0; i + 1 < split->len; i += 2)
    g_ptr_array_add (pairs, g_strdup_printf ("%s=%s", (char *) g_ptr_array_index (split, i),
                                             (char *) g_ptr_array_index (split, i + 1)));
  g_ptr_array_sort (pairs, compare_pairs);

  return pairs;
}

static void
test_suite_query (gconstpointer data)
{
  const char *vector = data;
  g_autofree char *text = read_vector_file (vector, "request.txt");
  g_autoptr(Request) request = parse_request (text);
  g_auto(Context) context = { 0 };
  g_auto(MedialibSigv4Steps) steps = { 0 };
  g_autofree char *payload_hash = NULL;
  g_autofree char *query = NULL;
  g_autofree char *expected_creq = read_vector_file (vector, "query-canonical-request.txt");
  g_autofree char *expected_sts = read_vector_file (vector, "query-string-to-sign.txt");
  g_autofree char *expected_signature = read_vector_file (vector, "query-signature.txt");
  g_autofree char *signed_text = read_vector_file (vector, "query-signed-request.txt");
  g_autoptr(GPtrArray) expected_pairs = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  const char *first_space, *last_space, *question;
  g_autofree char *signed_target = NULL;
  g_auto(GStrv) signed_lines = NULL;
  MedialibSigv4Credentials credentials;
  MedialibSigv4Request signing;

  load_context (vector, &context);
  payload_hash = medialib_sigv4_sha256_hex (request->body, strlen (request->body));

  credentials = (MedialibSigv4Credentials) {
    context.access_key_id, context.secret_key, context.region, context.service,
  };
  signing = (MedialibSigv4Request) {
    request->method, request->path, (const char * const *) request->query->pdata,
    (const char * const *) request->headers->pdata, payload_hash,
  };

  query = medialib_sigv4_presign_query (&credentials, context.time, context.expires, &signing, &steps);

  g_assert_cmpstr (steps.canonical_request, ==, expected_creq);
  g_assert_cmpstr (steps.string_to_sign, ==, expected_sts);
  g_assert_cmpstr (steps.signature, ==, expected_signature);

  /* The signed request's query holds the same parameters (in another order) */
  signed_lines = g_strsplit (signed_text, "\n", 2);
  first_space = strchr (signed_lines[0], ' ');
  last_space = strrchr (signed_lines[0], ' ');
  g_assert_nonnull (first_space);
  g_assert_true (last_space > first_space);
  signed_target = g_strndup (first_space + 1, last_space - first_space - 1);
  question = strchr (signed_target, '?');
  g_assert_nonnull (question);

  expected_pairs = sorted_pairs (question + 1);
  pairs = sorted_pairs (query);
  g_assert_cmpuint (pairs->len, ==, expected_pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (pairs, i), ==, g_ptr_array_index (expected_pairs, i));
}

/* --- Amazon S3's examples -------------------------------------------------------------------- */

#define S3_ACCESS_KEY "AKIAIOSFODNN7EXAMPLE"
#define S3_SECRET_KEY "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define S3_HOST       "examplebucket.s3.amazonaws.com"
#define S3_TIME       "20130524T000000Z"

static GDateTime *
s3_example_time (void)
{
  return g_date_time_new_utc (2013, 5, 24, 0, 0, 0);
}

static const MedialibSigv4Credentials s3_credentials = {
  S3_ACCESS_KEY, S3_SECRET_KEY, "us-east-1", "s3",
};

/* "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference) */
static void
test_signing_key (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2012, 2, 15, 0, 0, 0);
  g_autoptr(GBytes) key = medialib_sigv4_signing_key ("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                      time, "us-east-1", "iam");
  const guint8 *data;
  gsize length;
  GString *hex = g_string_new (NULL);
  g_autofree char *text = NULL;

  data = g_bytes_get_data (key, &length);
  g_assert_cmpuint (length, ==, 32);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  text = g_string_free (hex, FALSE);

  g_assert_cmpstr (text, ==, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

typedef struct
{
  const char *name;
  const char *method;
  const char *path;
  const char *query[5];
  const char *headers[11];
  const char *payload_hash;
  const char *canonical_request;
  const char *string_to_sign_hash;
  const char *signature;
  const char *signed_headers;
} S3Example;

/* "Signature Calculations for the Authorization Header: Transferring Payload in a Single
 * Chunk", https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html */
static const S3Example s3_examples[] = {
  {
    "get-object", "GET", "/test.txt", { NULL },
    { "Host", S3_HOST, "Range", "bytes=0-9", "x-amz-content-sha256", EMPTY_SHA256,
      "x-amz-date", S3_TIME, NULL },
    EMPTY_SHA256,
    "GET\n/test.txt\n\nhost:" S3_HOST "\nrange:bytes=0-9\nx-amz-content-sha256:" EMPTY_SHA256
    "\nx-amz-date:" S3_TIME "\n\nhost;range;x-amz-content-sha256;x-amz-date\n" EMPTY_SHA256,
    "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    "host;range;x-amz-content-sha256;x-amz-date",
  },
  {
    "put-object", "PUT", "/test$file.text", { NULL },
    { "Host", S3_HOST, "Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-date", S3_TIME,
      "x-amz-storage-class", "REDUCED_REDUNDANCY",
      "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", NULL },
    "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
    "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\nhost:" S3_HOST
    "\nx-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
    "\nx-amz-date:" S3_TIME "\nx-amz-storage-class:REDUCED_REDUNDANCY\n\n"
    "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
    "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
    "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
    "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
  },
  {
    "get-bucket-lifecycle", "GET", "/", { "lifecycle", "", NULL },
    { "Host", S3_HOST, "x-amz-date", S3_TIME, "x-amz-content-sha256", EMPTY_SHA256, NULL },
    EMPTY_SHA256,
    "GET\n/\nlifecycle=\nhost:" S3_HOST "\nx-amz-content-sha256:" EMPTY_SHA256
    "\nx-amz-date:" S3_TIME "\n\nhost;x-amz-content-sha256;x-amz-date\n" EMPTY_SHA256,
    "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
    "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
    "host;x-amz-content-sha256;x-amz-date",
  },
  {
    "list-objects", "GET", "/", { "prefix", "J", "max-keys", "2", NULL },
    { "Host", S3_HOST, "x-amz-date", S3_TIME, "x-amz-content-sha256", EMPTY_SHA256, NULL },
    EMPTY_SHA256,
    "GET\n/\nmax-keys=2&prefix=J\nhost:" S3_HOST "\nx-amz-content-sha256:" EMPTY_SHA256
    "\nx-amz-date:" S3_TIME "\n\nhost;x-amz-content-sha256;x-amz-date\n" EMPTY_SHA256,
    "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
    "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
    "host;x-amz-content-sha256;x-amz-date",
  },
};

static void
test_s3_header (gconstpointer data)
{
  const S3Example *example = data;
  g_autoptr(GDateTime) time = s3_example_time ();
  g_auto(MedialibSigv4Steps) steps = { 0 };
  g_autofree char *authorization = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *hash = NULL;
  MedialibSigv4Request request = {
    example->method, example->path, example->query[0] ? example->query : NULL,
    example->headers, example->payload_hash,
  };

  authorization = medialib_sigv4_authorization (&s3_credentials, time, &request, &steps);

  g_assert_cmpstr (steps.canonical_request, ==, example->canonical_request);
  hash = medialib_sigv4_sha256_hex (steps.canonical_request, strlen (steps.canonical_request));
  g_assert_cmpstr (hash, ==, example->string_to_sign_hash);
  g_assert_cmpstr (steps.signature, ==, example->signature);

  /* The reference writes the header without spaces after the commas; both forms are valid */
  expected = g_strdup_printf ("AWS4-HMAC-SHA256 Credential=" S3_ACCESS_KEY
                              "/20130524/us-east-1/s3/aws4_request, SignedHeaders=%s, Signature=%s",
                              example->signed_headers, example->signature);
  g_assert_cmpstr (authorization, ==, expected);
}

/* "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)",
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html */
static void
test_s3_presigned (void)
{
  g_autoptr(GDateTime) time = s3_example_time ();
  g_auto(MedialibSigv4Steps) steps = { 0 };
  g_autofree char *query = NULL;
  const char *headers[] = { "Host", S3_HOST, NULL };
  MedialibSigv4Request request = {
    "GET", "/test.txt", NULL, headers, MEDIALIB_SIGV4_UNSIGNED_PAYLOAD,
  };

  query = medialib_sigv4_presign_query (&s3_credentials, time, 86400, &request, &steps);

  g_assert_cmpstr (steps.canonical_request, ==,
                   "GET\n/test.txt\n"
                   "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524"
                   "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
                   "&X-Amz-SignedHeaders=host\n"
                   "host:" S3_HOST "\n\nhost\nUNSIGNED-PAYLOAD");
  g_assert_cmpstr (steps.signature, ==, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  g_assert_cmpstr (query, ==,
                   "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                   "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                   "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                   "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

/* --- The pieces ------------------------------------------------------------------------------ */

static void
test_uri_encode (void)
{
  g_autofree char *path = medialib_sigv4_uri_encode ("/media/ab/a b+c$é~_-.", TRUE);
  g_autofree char *value = medialib_sigv4_uri_encode ("media/ab/a b+c=&é", FALSE);
  g_autofree char *already = medialib_sigv4_uri_encode ("/a%20b", TRUE);

  g_assert_cmpstr (path, ==, "/media/ab/a%20b%2Bc%24%C3%A9~_-.");
  g_assert_cmpstr (value, ==, "media%2Fab%2Fa%20b%2Bc%3D%26%C3%A9");
  /* The path is taken as raw bytes: a '%' is encoded, never passed through */
  g_assert_cmpstr (already, ==, "/a%2520b");
}

static void
test_time (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) local = g_date_time_new (paris, 2015, 8, 30, 14, 36, 0);
  g_autofree char *stamp = medialib_sigv4_format_time (local);
  g_autofree char *scope = medialib_sigv4_scope (local, "eu-west-3", "s3");

  g_assert_cmpstr (stamp, ==, "20150830T123600Z");
  g_assert_cmpstr (scope, ==, "20150830/eu-west-3/s3/aws4_request");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *suite = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medialib/sigv4/uri-encode", test_uri_encode);
  g_test_add_func ("/medialib/sigv4/time", test_time);
  g_test_add_func ("/medialib/sigv4/signing-key", test_signing_key);

  /* Every vector in the folder runs; a folder that lost vectors fails here */
  suite = g_test_build_filename (G_TEST_DIST, "data", "sigv4", "v4", NULL);
  dir = g_dir_open (suite, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (vectors, g_strdup (name));
  g_ptr_array_sort (vectors, compare_pairs);
  g_assert_cmpuint (vectors->len, ==, SUITE_VECTORS);

  for (guint i = 0; i < vectors->len; i++)
    {
      const char *vector = g_ptr_array_index (vectors, i);
      g_autofree char *header = g_strdup_printf ("/medialib/sigv4/suite/header/%s", vector);
      g_autofree char *query = g_strdup_printf ("/medialib/sigv4/suite/query/%s", vector);

      g_test_add_data_func (header, vector, test_suite_header);
      g_test_add_data_func (query, vector, test_suite_query);
    }

  for (guint i = 0; i < G_N_ELEMENTS (s3_examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/medialib/sigv4/s3/%s", s3_examples[i].name);

      g_test_add_data_func (path, &s3_examples[i], test_s3_header);
    }
  g_test_add_func ("/medialib/sigv4/s3/presigned-get", test_s3_presigned);

  return g_test_run ();
}
