/* test-s3-client.c — the S3 client without a server: its checks of what it is given, its URLs,
 * its reading of S3's XML (garbage included) and the keys of content-addressed objects
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/test-s3.c runs the same client against a real RADOS Gateway.
 */

#include "config.h"

#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-folder-blobs.h"
#include "medialib-s3-client.h"
#include "medialib-s3-private.h"

#define SECRET  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY-never-shown"
#define ACCESS  "AKIAIOSFODNN7EXAMPLE"
#define SHA256  "ab5df625bc76dbd4e163bed2dd888df828f90159bb93556525c31821b6541d46"

static MedialibS3Client *
new_client (const char            *endpoint,
            MedialibS3ClientFlags  flags,
            GError               **error)
{
  return medialib_s3_client_new (endpoint, NULL, "media-team", ACCESS, SECRET, flags, error);
}

/* --- Keys ---------------------------------------------------------------------------------- */

static void
test_keys (void)
{
  g_autofree char *media = _medialib_media_key (SHA256, "image/png");
  g_autofree char *jpeg = _medialib_media_key (SHA256, "image/jpeg");
  g_autofree char *card = _medialib_media_key (SHA256, "text/vcard");
  g_autofree char *thumbnail = _medialib_thumbnail_key (SHA256);
  g_autofree char *path = _medialib_content_path ("media", SHA256, ".png");
  g_auto(GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  g_autofree char *joined = g_strjoinv ("/", parts);

  g_assert_cmpstr (media, ==, "media/ab/" SHA256 ".png");
  g_assert_cmpstr (jpeg, ==, "media/ab/" SHA256 ".jpg");
  g_assert_cmpstr (card, ==, "media/ab/" SHA256 ".vcf");
  g_assert_cmpstr (thumbnail, ==, "thumbnails/ab/" SHA256 ".png");
  /* One rule: the folder layout and the key layout are the same */
  g_assert_cmpstr (joined, ==, media);

  if (g_test_undefined ())
    {
      /* Not a hash: no key made of it, which could escape its folder */
      g_test_expect_message ("medialib-asset", G_LOG_LEVEL_CRITICAL, "*is_sha256_hex*");
      g_assert_null (_medialib_media_key ("../../etc/passwd", "image/png"));
      g_test_assert_expected_messages ();
      g_test_expect_message ("medialib-asset", G_LOG_LEVEL_CRITICAL, "*is_sha256_hex*");
      g_assert_null (_medialib_thumbnail_key ("AB5DF625BC76DBD4E163BED2DD888DF828F90159BB93556525C31821B6541D46"));
      g_test_assert_expected_messages ();
    }
}

/* --- Construction -------------------------------------------------------------------------- */

static void
test_endpoints (void)
{
  const char *accepted[] = {
    "https://s3.example.com", "https://s3.example.com:9000/", "https://gw.example.com/s3",
    "http://127.0.0.1:7480", "http://localhost:9000", "http://[::1]:8080/",
  };
  g_autoptr(MedialibS3Client) insecure = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(MedialibS3Client) client = new_client (accepted[i], MEDIALIB_S3_CLIENT_FLAGS_NONE, &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
    }

  /* Plain http to another computer only when asked for */
  g_assert_null (new_client ("http://s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "s3.example.com"));
  g_clear_error (&error);
  g_assert_null (new_client ("http://192.168.1.20:7480", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INSECURE);
  g_clear_error (&error);
  insecure = new_client ("http://s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_ALLOW_INSECURE, &error);
  g_assert_no_error (error);
  g_assert_true (MEDIALIB_IS_S3_CLIENT (insecure));

  /* An address with credentials in it is refused without being repeated */
  g_assert_null (new_client ("https://KEYID:" SECRET "@s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_assert_null (strstr (error->message, SECRET));
  g_assert_null (strstr (error->message, "KEYID"));
  g_clear_error (&error);

  g_assert_null (new_client ("ftp://s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (new_client ("s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (new_client ("https://s3.example.com/?x=1", MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
}

static void
test_arguments (void)
{
  const char *bad_buckets[] = { "ab", "Media", "-media", "media-", "me..dia", "me dia", "média", "a/b" };
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_buckets); i++)
    {
      g_assert_null (medialib_s3_client_new ("https://s3.example.com", NULL, bad_buckets[i], ACCESS,
                                             SECRET, MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_null (medialib_s3_client_new ("https://s3.example.com", "eu/west", "media", ACCESS, SECRET,
                                         MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (medialib_s3_client_new ("https://s3.example.com", NULL, "media", ACCESS, "",
                                         MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (medialib_s3_client_new ("https://s3.example.com", NULL, "media", NULL, SECRET,
                                         MEDIALIB_S3_CLIENT_FLAGS_NONE, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_clear_error (&error);

  client = medialib_s3_client_new ("https://s3.example.com/", NULL, "media", ACCESS, SECRET,
                                   MEDIALIB_S3_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_s3_client_get_region (client), ==, "us-east-1");
  g_assert_cmpstr (medialib_s3_client_get_endpoint (client), ==, "https://s3.example.com");
  g_assert_cmpstr (medialib_s3_client_get_bucket (client), ==, "media");
  g_assert_cmpstr (medialib_s3_client_get_access_key_id (client), ==, ACCESS);
}

/* The secret key is in no readable property */
static void
test_secret_not_readable (void)
{
  g_autoptr(MedialibS3Client) client = new_client ("https://s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_NONE, NULL);
  GParamSpec *secret = g_object_class_find_property (G_OBJECT_GET_CLASS (client), "secret-key");
  g_autofree GParamSpec **specs = NULL;
  guint n;

  g_assert_nonnull (secret);
  g_assert_false (secret->flags & G_PARAM_READABLE);

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (client), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *shown = NULL;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (G_OBJECT (client), specs[i]->name, &value);
      shown = g_strdup_value_contents (&value);
      g_assert_null (strstr (shown, SECRET));
    }
}

/* --- URLs ---------------------------------------------------------------------------------- */

static void
test_urls (void)
{
  g_autoptr(MedialibS3Client) path_style = new_client ("https://s3.example.com:9000/", MEDIALIB_S3_CLIENT_FLAGS_NONE, NULL);
  g_autoptr(MedialibS3Client) virtual_host = new_client ("https://s3.example.com", MEDIALIB_S3_CLIENT_FLAGS_VIRTUAL_HOST, NULL);
  g_autoptr(MedialibS3Client) prefixed = new_client ("http://localhost:7480/s3/", MEDIALIB_S3_CLIENT_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = medialib_s3_client_dup_object_url (path_style, "media/ab/x y$.png");
  g_autofree char *hosted = medialib_s3_client_dup_object_url (virtual_host, "media/ab/x.png");
  g_autofree char *under = medialib_s3_client_dup_object_url (prefixed, "media/ab/x.png");
  g_autofree char *presigned = NULL;
  g_autofree char *week = NULL;
  g_autofree char *too_long = NULL;

  g_assert_cmpstr (plain, ==, "https://s3.example.com:9000/media-team/media/ab/x%20y%24.png");
  g_assert_cmpstr (hosted, ==, "https://media-team.s3.example.com/media/ab/x.png");
  g_assert_cmpstr (under, ==, "http://localhost:7480/s3/media-team/media/ab/x.png");

  presigned = medialib_s3_client_dup_presigned_get_url (path_style, "media/ab/x.png", 3600, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (presigned, "https://s3.example.com:9000/media-team/media/ab/x.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" ACCESS "%2F"));
  g_assert_nonnull (strstr (presigned, "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="));
  g_assert_nonnull (strstr (presigned, "&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="));
  g_assert_null (strstr (presigned, SECRET));
  g_assert_null (strstr (presigned, "wJalrX"));

  /* 7 days by default, S3's limit; no more */
  week = medialib_s3_client_dup_presigned_get_url (path_style, "media/ab/x.png", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (week, "&X-Amz-Expires=604800&"));
  too_long = medialib_s3_client_dup_presigned_get_url (path_style, "media/ab/x.png", 604801, &error);
  g_assert_null (too_long);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "7 days"));
  g_clear_error (&error);

  /* Keys that a URL would not carry unchanged */
  g_assert_null (medialib_s3_client_dup_presigned_get_url (path_style, "media/../x.png", 60, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (medialib_s3_client_dup_object_url (path_style, "/media/x.png"));
  g_assert_null (medialib_s3_client_dup_object_url (path_style, "media//x.png"));
  g_assert_null (medialib_s3_client_dup_object_url (path_style, "media/./x.png"));
  g_assert_null (medialib_s3_client_dup_object_url (path_style, ""));
  g_assert_null (medialib_s3_client_dup_object_url (path_style, "media/\nx.png"));
}

/* --- S3's XML ------------------------------------------------------------------------------ */

static const MedialibS3Subject subject = { "s3.example.com", "us-east-1", "media-team", "media/ab/x.png" };

static GError *
error_for (guint       status,
           const char *code)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<Error><Code>%s</Code><Message>Something &amp; more</Message>"
                                          "<RequestId>4442587FB7D0A2F9</RequestId></Error>", code);

  return _medialib_s3_http_error (&subject, status, xml, strlen (xml));
}

static void
test_errors (void)
{
  const struct { guint status; const char *code; MedialibS3Error error; } cases[] = {
    { 403, "InvalidAccessKeyId", MEDIALIB_S3_ERROR_CREDENTIALS },
    { 403, "SignatureDoesNotMatch", MEDIALIB_S3_ERROR_CREDENTIALS },
    { 403, "AccessDenied", MEDIALIB_S3_ERROR_ACCESS_DENIED },
    { 403, "RequestTimeTooSkewed", MEDIALIB_S3_ERROR_CLOCK_SKEW },
    { 301, "PermanentRedirect", MEDIALIB_S3_ERROR_WRONG_REGION },
    { 400, "AuthorizationHeaderMalformed", MEDIALIB_S3_ERROR_WRONG_REGION },
    { 404, "NoSuchBucket", MEDIALIB_S3_ERROR_NO_SUCH_BUCKET },
    { 404, "NoSuchKey", MEDIALIB_S3_ERROR_NOT_FOUND },
    { 409, "BucketAlreadyExists", MEDIALIB_S3_ERROR_BUCKET_TAKEN },
    { 400, "BadDigest", MEDIALIB_S3_ERROR_CHECKSUM },
    { 400, "InvalidDigest", MEDIALIB_S3_ERROR_CHECKSUM },
    { 400, "XAmzContentSHA256Mismatch", MEDIALIB_S3_ERROR_CHECKSUM },
    { 400, "XAmzContentChecksumMismatch", MEDIALIB_S3_ERROR_CHECKSUM },
    { 500, "InternalError", MEDIALIB_S3_ERROR_SERVER },
    { 503, "SlowDown", MEDIALIB_S3_ERROR_SERVER },
    { 501, "NotImplemented", MEDIALIB_S3_ERROR_REQUEST },
    { 400, "InvalidArgument", MEDIALIB_S3_ERROR_REQUEST },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) mapped = error_for (cases[i].status, cases[i].code);

      g_assert_error (mapped, MEDIALIB_S3_ERROR, (int) cases[i].error);
      g_assert_true (g_utf8_validate (mapped->message, -1, NULL));
    }

  /* The code, and what to do */
  error = error_for (404, "NoSuchBucket");
  g_assert_nonnull (strstr (error->message, "media-team"));
  g_assert_nonnull (strstr (error->message, "s3.example.com"));
  g_clear_error (&error);
  error = error_for (403, "SignatureDoesNotMatch");
  g_assert_nonnull (strstr (error->message, "SignatureDoesNotMatch"));
  g_assert_nonnull (strstr (error->message, "secret key"));
  g_clear_error (&error);
  error = error_for (400, "InvalidArgument");
  g_assert_nonnull (strstr (error->message, "Something & more"));
  g_clear_error (&error);

  /* The region the server names */
  {
    const char *xml = "<Error><Code>AuthorizationHeaderMalformed</Code><Region>eu-west-3</Region></Error>";

    error = _medialib_s3_http_error (&subject, 400, xml, strlen (xml));
    g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_WRONG_REGION);
    g_assert_nonnull (strstr (error->message, "eu-west-3"));
    g_clear_error (&error);
  }

  /* No body (HEAD), or not S3's: the status decides */
  error = _medialib_s3_http_error (&subject, 404, NULL, 0);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
  g_clear_error (&error);
  error = _medialib_s3_http_error (&subject, 403, "<html>Forbidden</html>", 22);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED);
  g_clear_error (&error);
  error = _medialib_s3_http_error (&subject, 502, "Bad gateway", 11);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_SERVER);
  g_clear_error (&error);
  error = _medialib_s3_http_error (&subject, 418, "\xff\xfe<Error>", 9);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST);
}

static void
test_error_body_garbage (void)
{
  const char *garbage[] = {
    "", "<", "<Error>", "<Error><Code>", "<Error><Code>X</Code>", "</Error>", "<Error><Code>X</Error></Code>",
    "<NotError><Code>NoSuchKey</Code></NotError>", "<Error><Code></Code></Error>",
    "<Error><Wrapped><Code>NoSuchKey</Code></Wrapped></Error>", "<Error><Code>&bogus;</Code></Error>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><Error><Code>&a;</Code></Error>",
    "\xc3\x28<Error/>", "<Error><Code>X</Code></Error><Error><Code>Y</Code></Error>",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260524);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_auto(MedialibS3ErrorBody) body = { 0 };

      g_assert_false (_medialib_s3_parse_error_body (garbage[i], strlen (garbage[i]), &body));
      g_assert_null (body.code);
    }

  /* Random bytes, and random cuts of a real error */
  for (guint i = 0; i < 2000; i++)
    {
      const char *real = "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The key</Message></Error>";
      g_auto(MedialibS3ErrorBody) body = { 0 };
      GError *mapped;
      guint8 random[64];
      gsize cut = g_rand_int_range (rand, 0, strlen (real));

      for (guint j = 0; j < sizeof random; j++)
        random[j] = g_rand_int_range (rand, 0, 256);
      _medialib_s3_parse_error_body ((const char *) random, g_rand_int_range (rand, 0, sizeof random), &body);
      g_assert_false (_medialib_s3_parse_error_body (real, cut, &body));
      mapped = _medialib_s3_http_error (&subject, 400, (const char *) random, sizeof random);
      g_assert_error (mapped, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST);
      g_clear_error (&mapped);
    }
}

static void
test_list (void)
{
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
    "<Name>media-team</Name><Prefix>media/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>"
    "<IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
    "<Contents><Key>media/ab/one &amp; two.png</Key><LastModified>2026-05-24T10:00:00.000Z</LastModified>"
    "<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>1234</Size><StorageClass>STANDARD</StorageClass></Contents>"
    "<Contents><Key>media/cd/three.jpg</Key><ETag>\"abc-2\"</ETag><Size>0</Size><Owner><ID>x</ID></Owner></Contents>"
    "</ListBucketResult>";
  g_auto(MedialibS3ListPage) page = { 0 };
  g_autoptr(GError) error = NULL;
  MedialibS3Object *first, *second;

  g_assert_true (_medialib_s3_parse_list (xml, strlen (xml), &page, &error));
  g_assert_no_error (error);
  g_assert_true (page.truncated);
  g_assert_cmpstr (page.next_token, ==, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  g_assert_cmpuint (page.objects->len, ==, 2);
  first = g_ptr_array_index (page.objects, 0);
  second = g_ptr_array_index (page.objects, 1);
  g_assert_cmpstr (first->key, ==, "media/ab/one & two.png");
  g_assert_cmpint (first->size, ==, 1234);
  g_assert_cmpstr (first->etag, ==, "9b2cf535f27731c974343645a3985328");
  g_assert_cmpint (first->modified, ==, 1779616800);
  g_assert_cmpstr (second->key, ==, "media/cd/three.jpg");
  g_assert_cmpint (second->size, ==, 0);
  g_assert_cmpstr (second->etag, ==, "abc-2");
}

static void
test_list_garbage (void)
{
  const char *garbage[] = {
    "", "<ListBucketResult>", "<Error><Code>AccessDenied</Code></Error>", "<html><body>S3</body></html>",
    "<ListBucketResult><Contents><Key>a</Key><Size>-3</Size></Contents></ListBucketResult>",
    "<ListBucketResult><Contents><Key>a</Key><Size>12x</Size></Contents></ListBucketResult>",
    "<ListBucketResult><Contents><Size>12</Size></Contents></ListBucketResult>",
    "<ListBucketResult><Contents><Key>a</Key></Contents></ListBucketResult>",
    "<ListBucketResult><Contents><Key>a</Key><Size>99999999999999999999999</Size></Contents></ListBucketResult>",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (604800);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_auto(MedialibS3ListPage) page = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (_medialib_s3_parse_list (garbage[i], strlen (garbage[i]), &page, &error));
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BAD_RESPONSE);
      g_assert_null (page.objects);
    }

  for (guint i = 0; i < 2000; i++)
    {
      const char *real = "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>k</Key>"
                         "<Size>1</Size></Contents></ListBucketResult>";
      g_auto(MedialibS3ListPage) page = { 0 };
      guint8 random[96];
      gsize cut = g_rand_int_range (rand, 0, strlen (real));

      for (guint j = 0; j < sizeof random; j++)
        random[j] = g_rand_int_range (rand, 0, 256);
      _medialib_s3_parse_list ((const char *) random, sizeof random, &page, NULL);
      g_assert_false (_medialib_s3_parse_list (real, cut, &page, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medialib/s3-client/keys", test_keys);
  g_test_add_func ("/medialib/s3-client/endpoints", test_endpoints);
  g_test_add_func ("/medialib/s3-client/arguments", test_arguments);
  g_test_add_func ("/medialib/s3-client/secret-not-readable", test_secret_not_readable);
  g_test_add_func ("/medialib/s3-client/urls", test_urls);
  g_test_add_func ("/medialib/s3-client/errors", test_errors);
  g_test_add_func ("/medialib/s3-client/error-body-garbage", test_error_body_garbage);
  g_test_add_func ("/medialib/s3-client/list", test_list);
  g_test_add_func ("/medialib/s3-client/list-garbage", test_list_garbage);

  return g_test_run ();
}
