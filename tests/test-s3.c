/* test-s3.c — the S3 client against a real Ceph RADOS Gateway
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/team-servers.py starts the gateway on loopback and exports its endpoint
 * (MEDIALIB_TEST_S3_ENDPOINT), an RGW user's keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
 * and radosgw-admin (MEDIALIB_TEST_S3_ADMIN), which makes a second user here. Without them
 * the tests are skipped, unless CI is set: then they fail. An endpoint where nothing
 * listens and an untrusted certificate need no gateway: tests/test-s3-client.c has them.
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

  if (!test_have_gateway ())
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

static char *
key_for (GBytes     *bytes,
         const char *mime)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return _medialib_media_key (sha256, mime);
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

/* `radosgw-admin user create`. On DBStore, Ceph 18's radosgw-admin prints the user it made,
 * then now and then hangs or crashes on its way out (tests/team-servers.py does the same):
 * the printed user is the success, and the process is then stopped. */
static void
create_gateway_user (const char *uid,
                     const char *access,
                     const char *secret)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) admin = NULL;
  g_auto(GStrv) argv = NULL;
  gboolean created = FALSE;
  char *line;

  g_shell_parse_argv (g_getenv ("MEDIALIB_TEST_S3_ADMIN"), NULL, &admin, &error);
  g_assert_no_error (error);
  g_strv_builder_addv (builder, (const char **) admin);
  g_strv_builder_add_many (builder, "user", "create", NULL);
  g_strv_builder_take (builder, g_strdup_printf ("--uid=%s", uid));
  g_strv_builder_take (builder, g_strdup_printf ("--display-name=%s", uid));
  g_strv_builder_take (builder, g_strdup_printf ("--access-key=%s", access));
  g_strv_builder_take (builder, g_strdup_printf ("--secret=%s", secret));
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  /* The user's JSON ends with a '}' alone on its line */
  while (!created && (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      g_string_append (printed, line);
      created = g_str_equal (line, "}") && strstr (printed->str, access) != NULL;
      g_free (line);
    }

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (created);
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

  NEEDS_GATEWAY (fixture);
  if (g_getenv ("MEDIALIB_TEST_S3_ADMIN") == NULL)
    {
      g_test_skip ("MEDIALIB_TEST_S3_ADMIN is not set");
      return;
    }

  create_gateway_user ("other", access, secret);
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
      GBytes *bytes = test_random_bytes (1000 + i * 70000, i);

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
  g_autoptr(GBytes) bytes = test_random_bytes (5000, 42);
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
  g_autoptr(GBytes) bytes = test_random_bytes (300000, 7);
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

  got = test_anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, bytes));

  /* Without its signature the same object is private */
  unsigned_url = medialib_s3_client_dup_object_url (fixture->client, key);
  refused = test_anonymous_get (unsigned_url, &status);
  g_assert_cmpuint (status, ==, 403);
}

static void
test_presigned_url_expires (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_random_bytes (1000, 8);
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
  got = test_anonymous_get (url, &status);
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
  g_autoptr(GBytes) bytes = test_random_bytes (20000, 9);
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

  before = test_anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 403);

  g_assert_true (medialib_s3_client_set_public_read (fixture->client, NULL, &error));
  g_assert_no_error (error);

  after = test_anonymous_get (url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (after, bytes));

  /* Objects can be read, the bucket cannot be listed */
  bucket_url = g_strdup_printf ("%s/%s", fixture->endpoint, fixture->bucket);
  listing = test_anonymous_get (bucket_url, &status);
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

/* --- The asynchronous calls ---------------------------------------------------------------- */

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_random_bytes (4096, 10);
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

/* Several worker threads send on the client's one session at once */
static void
on_parallel_put_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_s3_client_put_object_finish (MEDIALIB_S3_CLIENT (object), result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

static void
test_parallel (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + test_wait_limit ();
  guint pending = 12;

  NEEDS_GATEWAY (fixture);

  for (guint i = 0; i < pending; i++)
    {
      GBytes *bytes = test_random_bytes (50000 + i, 100 + i);
      g_autofree char *key = g_strdup_printf ("parallel/%02u", i);

      g_ptr_array_add (contents, bytes);
      medialib_s3_client_put_object_async (fixture->client, key, bytes, NULL, NULL, on_parallel_put_cb, &pending);
    }
  while (pending > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  listed = medialib_s3_client_list_objects (fixture->client, "parallel/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, contents->len);
  for (guint i = 0; i < listed->len; i++)
    {
      MedialibS3Object *object = g_ptr_array_index (listed, i);
      g_autoptr(GBytes) got = medialib_s3_client_get_object (fixture->client, object->key, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (got, g_ptr_array_index (contents, i)));
    }
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
  ADD ("objects/parallel", test_parallel);
  ADD ("urls/presigned", test_presigned_url);
  ADD ("urls/presigned-expires", test_presigned_url_expires);
  ADD ("urls/public-read", test_public_read);
  ADD ("errors/wrong-credentials", test_wrong_credentials);
  ADD ("errors/missing-bucket", test_missing_bucket);

#undef ADD

  return g_test_run ();
}
