/* test-s3.c — the S3 client against a real Ceph RADOS Gateway
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/team-servers.py starts the gateway on loopback and exports its endpoint
 * (MEDIALIB_TEST_S3_ENDPOINT), an RGW user's keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
 * and radosgw-admin (MEDIALIB_TEST_S3_ADMIN), which makes a second user here. Without them
 * the tests that need the gateway are skipped, unless CI is set: then they fail.
 * The unreachable endpoint and the untrusted certificate need no gateway (the latter is a
 * TLS server of this test's own, on loopback).
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-s3-client.h"
#include "medialib-s3-private.h"
#include "medialib-test-util.h"

typedef struct
{
  char             *endpoint;
  char             *access_key;
  char             *secret_key;
  char             *bucket;    /* a new name for every test */
  MedialibS3Client *client;    /* on that bucket, which exists */
} Fixture;

static gboolean
have_gateway (void)
{
  const char *missing = NULL;

  if (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT") == NULL)
    missing = "MEDIALIB_TEST_S3_ENDPOINT";
  else if (g_getenv ("AWS_ACCESS_KEY_ID") == NULL || g_getenv ("AWS_SECRET_ACCESS_KEY") == NULL)
    missing = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";

  if (missing == NULL)
    return TRUE;

  if (g_getenv ("CI") != NULL)
    g_error ("%s is not set: the team tests run through tests/team-servers.py", missing);

  g_test_skip_printf ("%s is not set: run through tests/team-servers.py (build-aux/dev test --suite team)", missing);
  return FALSE;
}

static char *
new_bucket_name (void)
{
  static guint counter;

  return g_strdup_printf ("medialib-test-%u-%08x", ++counter, g_random_int ());
}

static MedialibS3Client *
client_for (const char *endpoint,
            const char *bucket,
            const char *access_key,
            const char *secret_key)
{
  g_autoptr(GError) error = NULL;
  MedialibS3Client *client;

  client = medialib_s3_client_new (endpoint, NULL, bucket, access_key, secret_key,
                                   MEDIALIB_S3_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return client;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_gateway ())
    return;

  fixture->endpoint = g_strdup (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"));
  fixture->access_key = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
  fixture->secret_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));
  fixture->bucket = new_bucket_name ();
  fixture->client = client_for (fixture->endpoint, fixture->bucket, fixture->access_key, fixture->secret_key);

  medialib_s3_client_create_bucket (fixture->client, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->endpoint, g_free);
  g_clear_pointer (&fixture->access_key, g_free);
  g_clear_pointer (&fixture->secret_key, g_free);
  g_clear_pointer (&fixture->bucket, g_free);
}

#define NEEDS_GATEWAY(fixture) G_STMT_START { if ((fixture)->client == NULL) return; } G_STMT_END

static GBytes *
random_bytes (gsize   size,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int_range (rand, 0, 256);

  return g_bytes_new_take (data, size);
}

static char *
key_for (GBytes     *bytes,
         const char *mime)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return _medialib_media_key (sha256, mime);
}

/* A GET by someone without credentials: a browser, a mail client */
static GBytes *
anonymous_get (const char *url,
               guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  g_assert_nonnull (message);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return body;
}

static void
assert_objects (GPtrArray          *objects,
                const char * const *keys)
{
  guint n = g_strv_length ((char **) keys);

  g_assert_nonnull (objects);
  g_assert_cmpuint (objects->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (((MedialibS3Object *) g_ptr_array_index (objects, i))->key, ==, keys[i]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* --- The bucket ---------------------------------------------------------------------------- */

static void
test_bucket (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *name = new_bucket_name ();
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  client = client_for (fixture->endpoint, name, fixture->access_key, fixture->secret_key);

  g_assert_false (medialib_s3_client_check_bucket (client, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  g_assert_true (medialib_s3_client_create_bucket (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_s3_client_check_bucket (client, NULL, &error));
  g_assert_no_error (error);

  /* It exists and it is ours: joining it is a success */
  g_assert_true (medialib_s3_client_create_bucket (client, NULL, &error));
  g_assert_no_error (error);
}

/* Another user of the same gateway: the bucket is taken, and theirs to refuse */
static void
test_bucket_of_another_user (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) one_byte = g_bytes_new_static ("x", 1);
  g_autofree char *access = g_strdup_printf ("MLOTHER%08X", g_random_int ());
  g_autofree char *secret = g_strdup_printf ("%08x%08x%08x", g_random_int (), g_random_int (), g_random_int ());
  g_autoptr(MedialibS3Client) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) admin = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autofree char *output = NULL;
  int status;

  NEEDS_GATEWAY (fixture);
  if (g_getenv ("MEDIALIB_TEST_S3_ADMIN") == NULL)
    {
      g_test_skip ("MEDIALIB_TEST_S3_ADMIN is not set");
      return;
    }

  g_shell_parse_argv (g_getenv ("MEDIALIB_TEST_S3_ADMIN"), NULL, &admin, &error);
  g_assert_no_error (error);
  g_strv_builder_addv (argv, (const char **) admin);
  g_strv_builder_add_many (argv, "user", "create", "--uid=other", "--display-name=Another team", NULL);
  g_strv_builder_take (argv, g_strdup_printf ("--access-key=%s", access));
  g_strv_builder_take (argv, g_strdup_printf ("--secret=%s", secret));
  args = g_strv_builder_end (argv);
  g_spawn_sync (NULL, args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  other = client_for (fixture->endpoint, fixture->bucket, access, secret);

  g_assert_false (medialib_s3_client_check_bucket (other, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, fixture->bucket));
  g_clear_error (&error);

  g_assert_false (medialib_s3_client_create_bucket (other, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BUCKET_TAKEN);
  g_clear_error (&error);
  /* …and it is still its owner's */
  g_assert_true (medialib_s3_client_check_bucket (fixture->client, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (medialib_s3_client_put_object (other, "media/x", one_byte, NULL, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_ACCESS_DENIED);
}

/* --- Objects ------------------------------------------------------------------------------- */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  const char *odd_key = "notes/été 2026 + plus$ & (1)~.txt";
  g_autoptr(GBytes) odd = g_bytes_new_static ("odd", 3);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  NEEDS_GATEWAY (fixture);

  for (guint i = 0; i < 4; i++)
    {
      GBytes *bytes = random_bytes (1000 + i * 70000, i);

      g_ptr_array_add (keys, key_for (bytes, i % 2 ? "image/png" : "image/jpeg"));
      g_ptr_array_add (contents, bytes);
      g_assert_true (medialib_s3_client_put_object (fixture->client, g_ptr_array_index (keys, i), bytes,
                                                    i % 2 ? "image/png" : "image/jpeg", NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      GBytes *sent = g_ptr_array_index (contents, i);
      g_autoptr(MedialibS3Object) object = NULL;
      g_autoptr(GBytes) got = NULL;
      g_autofree char *md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, sent);

      object = medialib_s3_client_head_object (fixture->client, g_ptr_array_index (keys, i), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (object->key, ==, g_ptr_array_index (keys, i));
      g_assert_cmpint (object->size, ==, g_bytes_get_size (sent));
      g_assert_cmpstr (object->etag, ==, md5);
      g_assert_cmpstr (object->content_type, ==, i % 2 ? "image/png" : "image/jpeg");
      g_assert_cmpint (ABS (object->modified - g_get_real_time () / G_USEC_PER_SEC), <, 600);

      got = medialib_s3_client_get_object (fixture->client, g_ptr_array_index (keys, i), NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (got, sent));
    }

  /* A key with spaces, UTF-8 and reserved characters: signed as sent */
  g_assert_true (medialib_s3_client_put_object (fixture->client, odd_key, odd, "text/plain", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_s3_client_put_object (fixture->client, "notes/empty", empty, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) got = medialib_s3_client_get_object (fixture->client, odd_key, NULL, &error);
    g_autoptr(GBytes) got_empty = medialib_s3_client_get_object (fixture->client, "notes/empty", NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (got, odd));
    g_assert_cmpuint (g_bytes_get_size (got_empty), ==, 0);
  }

  /* Listed in key order, under their prefix only */
  listed = medialib_s3_client_list_objects (fixture->client, "media/", NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  assert_objects (listed, (const char * const *) keys->pdata);
  g_ptr_array_remove_index (keys, keys->len - 1);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpint (((MedialibS3Object *) g_ptr_array_index (listed, i))->size, >, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  listed = medialib_s3_client_list_objects (fixture->client, "notes/", NULL, &error);
  g_assert_no_error (error);
  assert_objects (listed, (const char *[]) { "notes/empty", odd_key, NULL });
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Deleted: gone from HEAD, GET and the listing; deleting it again is no error */
  g_assert_true (medialib_s3_client_delete_object (fixture->client, g_ptr_array_index (keys, 0), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (medialib_s3_client_head_object (fixture->client, g_ptr_array_index (keys, 0), NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, g_ptr_array_index (keys, 0)));
  g_clear_error (&error);
  g_assert_null (medialib_s3_client_get_object (fixture->client, g_ptr_array_index (keys, 0), NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (medialib_s3_client_delete_object (fixture->client, g_ptr_array_index (keys, 0), NULL, &error));
  g_assert_no_error (error);

  listed = medialib_s3_client_list_objects (fixture->client, "media/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, keys->len - 1);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (((MedialibS3Object *) g_ptr_array_index (listed, i))->key, !=, g_ptr_array_index (keys, 0));
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) one_byte = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "page/a", "page/b", "page/c", "page/d", "page/e", "page/f", "page/g", NULL };
  guint before;

  NEEDS_GATEWAY (fixture);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (keys[i], strlen (keys[i]));

      g_assert_true (medialib_s3_client_put_object (fixture->client, keys[i], bytes, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (medialib_s3_client_put_object (fixture->client, "pagination-not-under-the-prefix",
                                                one_byte, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Seven objects, two to a page: four pages, each asked for with the last one's token */
  _medialib_s3_client_set_page_size (fixture->client, 2);
  before = _medialib_s3_client_get_n_requests (fixture->client);
  listed = medialib_s3_client_list_objects (fixture->client, "page/", NULL, &error);
  g_assert_no_error (error);
  assert_objects (listed, keys);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (fixture->client) - before, ==, 4);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* The whole bucket, one to a page */
  _medialib_s3_client_set_page_size (fixture->client, 1);
  listed = medialib_s3_client_list_objects (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 8);
  g_assert_cmpstr (((MedialibS3Object *) g_ptr_array_index (listed, 7))->key, ==, "pagination-not-under-the-prefix");
}

/* Bytes that are not what the request declares: the server refuses them, and nothing is stored */
static void
test_checksum_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  const MedialibS3Fault faults[] = { MEDIALIB_S3_FAULT_CONTENT_MD5, MEDIALIB_S3_FAULT_CONTENT_SHA256 };
  g_autoptr(GBytes) bytes = random_bytes (5000, 42);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *key = g_strdup_printf ("media/checksum-%u", i);

      _medialib_s3_client_set_faults (fixture->client, faults[i]);
      g_assert_false (medialib_s3_client_put_object (fixture->client, key, bytes, NULL, NULL, &error));
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CHECKSUM);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, key));
      g_clear_error (&error);

      _medialib_s3_client_set_faults (fixture->client, MEDIALIB_S3_FAULT_NONE);
      g_assert_null (medialib_s3_client_head_object (fixture->client, key, NULL, &error));
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }

  /* x-amz-checksum-sha256 came with Ceph 19: an older gateway ignores it. Either the bytes are
   * refused, or they are stored right (Content-MD5 and x-amz-content-sha256 were right) */
  _medialib_s3_client_set_faults (fixture->client, MEDIALIB_S3_FAULT_CHECKSUM_SHA256);
  if (medialib_s3_client_put_object (fixture->client, "media/checksum-2", bytes, NULL, NULL, &error))
    {
      g_test_message ("this gateway does not check x-amz-checksum-sha256");
      stored = medialib_s3_client_get_object (fixture->client, "media/checksum-2", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (stored, bytes));
      g_clear_pointer (&stored, g_bytes_unref);
    }
  else
    {
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CHECKSUM);
      g_clear_error (&error);
    }
  _medialib_s3_client_set_faults (fixture->client, MEDIALIB_S3_FAULT_NONE);

  /* The same bytes, declared right, go in */
  g_assert_true (medialib_s3_client_put_object (fixture->client, "media/checksum-right", bytes, NULL, NULL, &error));
  g_assert_no_error (error);
  stored = medialib_s3_client_get_object (fixture->client, "media/checksum-right", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, bytes));
}

/* --- URLs for others ----------------------------------------------------------------------- */

static void
test_presigned_url (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) bytes = random_bytes (300000, 7);
  g_autofree char *key = key_for (bytes, "image/png");
  g_autofree char *url = NULL;
  g_autofree char *unsigned_url = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  NEEDS_GATEWAY (fixture);

  g_assert_true (medialib_s3_client_put_object (fixture->client, key, bytes, "image/png", NULL, &error));
  g_assert_no_error (error);

  url = medialib_s3_client_dup_presigned_get_url (fixture->client, key, 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (url, fixture->secret_key));
  g_assert_nonnull (strstr (url, "X-Amz-Expires=604800"));

  got = anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, bytes));

  /* Without its signature the same object is private */
  unsigned_url = medialib_s3_client_dup_object_url (fixture->client, key);
  refused = anonymous_get (unsigned_url, &status);
  g_assert_cmpuint (status, ==, 403);
}

static void
test_presigned_url_expires (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = random_bytes (1000, 8);
  g_autofree char *url = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MedialibS3ErrorBody) body = { 0 };
  guint status;

  NEEDS_GATEWAY (fixture);

  g_assert_true (medialib_s3_client_put_object (fixture->client, "media/soon-gone", bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  url = medialib_s3_client_dup_presigned_get_url (fixture->client, "media/soon-gone", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (url, "X-Amz-Expires=1&"));

  /* X-Amz-Date has whole seconds: 3 s later it is over for sure */
  g_usleep (3 * G_USEC_PER_SEC);
  got = anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_false (g_bytes_equal (got, bytes));
  g_assert_true (_medialib_s3_parse_error_body (g_bytes_get_data (got, NULL), g_bytes_get_size (got), &body));
  g_test_message ("an expired URL: %s (%s)", body.code, body.message != NULL ? body.message : "");
  g_assert_cmpstr (body.code, ==, "AccessDenied");
}

static void
test_public_read (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = random_bytes (20000, 9);
  g_autofree char *key = key_for (bytes, "image/gif");
  g_autofree char *url = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) listing = NULL;
  g_autofree char *bucket_url = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  NEEDS_GATEWAY (fixture);

  g_assert_true (medialib_s3_client_put_object (fixture->client, key, bytes, "image/gif", NULL, &error));
  g_assert_no_error (error);
  url = medialib_s3_client_dup_object_url (fixture->client, key);

  before = anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 403);

  g_assert_true (medialib_s3_client_set_public_read (fixture->client, NULL, &error));
  g_assert_no_error (error);

  after = anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (after, bytes));

  /* Objects can be read, the bucket cannot be listed */
  bucket_url = g_strdup_printf ("%s/%s", fixture->endpoint, fixture->bucket);
  listing = anonymous_get (bucket_url, &status);
  g_assert_cmpuint (status, ==, 403);
}

/* --- What goes wrong ----------------------------------------------------------------------- */

static void
test_wrong_credentials (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) one_byte = g_bytes_new_static ("x", 1);
  g_autofree char *wrong_secret = g_strdup_printf ("%sWRONG", fixture->secret_key != NULL ? fixture->secret_key : "");
  g_autoptr(MedialibS3Client) wrong = NULL;
  g_autoptr(MedialibS3Client) unknown = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);

  wrong = client_for (fixture->endpoint, fixture->bucket, fixture->access_key, wrong_secret);
  g_assert_false (medialib_s3_client_check_bucket (wrong, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, wrong_secret));
  g_assert_null (strstr (error->message, fixture->secret_key));
  g_clear_error (&error);

  g_assert_false (medialib_s3_client_put_object (wrong, "media/x", one_byte, NULL, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_assert_null (strstr (error->message, fixture->secret_key));
  g_clear_error (&error);

  /* HEAD has no error body: the client still tells wrong keys from a missing object */
  g_assert_null (medialib_s3_client_head_object (wrong, "media/x", NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_clear_error (&error);

  unknown = client_for (fixture->endpoint, fixture->bucket, "MLNOBODY0000000000", fixture->secret_key);
  g_assert_false (medialib_s3_client_check_bucket (unknown, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "InvalidAccessKeyId"));
  g_assert_null (strstr (error->message, fixture->secret_key));
}

static void
test_missing_bucket (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) one_byte = g_bytes_new_static ("x", 1);
  g_autofree char *name = new_bucket_name ();
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  client = client_for (fixture->endpoint, name, fixture->access_key, fixture->secret_key);

  g_assert_false (medialib_s3_client_put_object (client, "media/x", one_byte, NULL, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  g_assert_null (medialib_s3_client_head_object (client, "media/x", NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
  g_clear_error (&error);

  listed = medialib_s3_client_list_objects (client, NULL, NULL, &error);
  g_assert_null (listed);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  guint port;

  /* A port that was free a moment ago, and where nothing listens */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  endpoint = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = client_for (endpoint, "media", "MLTEST", "not-a-secret-but-still-a-secret");

  g_assert_false (medialib_s3_client_check_bucket (client, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, endpoint + strlen ("http://")));
  g_assert_null (strstr (error->message, "not-a-secret"));
}

/* A certificate made now with openssl, or the test fixture tests/data/standin-tls.pem */
static GTlsCertificate *
self_signed_certificate (const char *dir)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *pem = g_build_filename (dir, "self-signed.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "self-signed.key", NULL);
  g_autofree char *fixture = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  int status = -1;

  if (openssl != NULL)
    {
      const char *argv[] = {
        openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", key, "-out", pem, NULL,
      };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
    }

  if (status == 0)
    {
      certificate = g_tls_certificate_new_from_files (pem, key, &error);
      g_test_message ("a certificate made by %s", openssl);
    }
  else
    {
      fixture = g_test_build_filename (G_TEST_DIST, "data", "standin-tls.pem", NULL);
      certificate = g_tls_certificate_new_from_file (fixture, &error);
      g_test_message ("the test certificate %s", fixture);
    }
  g_assert_no_error (error);

  return certificate;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/xml", SOUP_MEMORY_STATIC,
                                    "<ListBucketResult></ListBucketResult>", 37);
}

static void
test_untrusted_certificate (void)
{
  g_autofree char *tmp = test_make_tmpdir ("s3-tls");
  g_autoptr(GTlsCertificate) certificate = self_signed_certificate (tmp);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  GSList *uris;
  gboolean reached = FALSE;

  /* An https server of our own on loopback, answering like S3 would */
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, &reached, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = client_for (endpoint, "media", "MLTEST", "not-a-secret-but-still-a-secret");

  /* The server runs in this thread's main context: the call runs in a worker thread */
  medialib_s3_client_check_bucket_async (client, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_s3_client_check_bucket_finish (client, result, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CERTIFICATE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_false (reached);

  soup_server_disconnect (server);
  test_rm_rf (tmp);
}

/* --- The asynchronous calls ---------------------------------------------------------------- */

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = random_bytes (4096, 10);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(MedialibS3Object) object = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  NEEDS_GATEWAY (fixture);

  medialib_s3_client_put_object_async (fixture->client, "media/async", bytes, NULL, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_s3_client_put_object_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  medialib_s3_client_head_object_async (fixture->client, "media/async", NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  object = medialib_s3_client_head_object_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (object->size, ==, 4096);
  g_clear_object (&result);

  medialib_s3_client_get_object_async (fixture->client, "media/async", NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  got = medialib_s3_client_get_object_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes));
  g_clear_object (&result);

  medialib_s3_client_list_objects_async (fixture->client, "media/", NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  listed = medialib_s3_client_list_objects_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  assert_objects (listed, (const char *[]) { "media/async", NULL });
  g_clear_object (&result);

  medialib_s3_client_delete_object_async (fixture->client, "media/async", NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_s3_client_delete_object_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Cancelled: nothing is sent */
  g_cancellable_cancel (cancelled);
  medialib_s3_client_put_object_async (fixture->client, "media/cancelled", bytes, NULL, cancelled,
                                       test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_s3_client_put_object_finish (fixture->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_null (medialib_s3_client_head_object (fixture->client, "media/cancelled", NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function) \
  g_test_add ("/medialib/s3/" path, Fixture, NULL, fixture_setup, function, fixture_teardown)

  ADD ("bucket/create-and-check", test_bucket);
  ADD ("bucket/another-user", test_bucket_of_another_user);
  ADD ("objects/round-trip", test_round_trip);
  ADD ("objects/pagination", test_pagination);
  ADD ("objects/checksum-refused", test_checksum_refused);
  ADD ("objects/async", test_async);
  ADD ("urls/presigned", test_presigned_url);
  ADD ("urls/presigned-expires", test_presigned_url_expires);
  ADD ("urls/public-read", test_public_read);
  ADD ("errors/wrong-credentials", test_wrong_credentials);
  ADD ("errors/missing-bucket", test_missing_bucket);
  g_test_add_func ("/medialib/s3/errors/unreachable", test_unreachable);
  g_test_add_func ("/medialib/s3/errors/untrusted-certificate", test_untrusted_certificate);

#undef ADD

  return g_test_run ();
}
