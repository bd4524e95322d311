/* test-s3-blobs.c — a team library's blob store against a real Ceph RADOS Gateway
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/team-servers.py starts the gateway on loopback and exports its endpoint
 * (MEDIALIB_TEST_S3_ENDPOINT) and an RGW user's keys (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY). Without them the tests are skipped, unless CI is set: then they fail.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-folder-blobs.h"
#include "medialib-s3-blobs.h"
#include "medialib-s3-private.h"
#include "medialib-test-util.h"

typedef struct
{
  char             *endpoint;
  char             *bucket;
  char             *cache;
  MedialibS3Client *client;    /* on a new bucket, which exists */
  MedialibS3Client *other;     /* a second client on it: another computer */
  MedialibS3Blobs  *blobs;     /* on client, caching in cache, with its defaults */
} Fixture;

static MedialibS3Client *
new_client (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  MedialibS3Client *client;

  client = medialib_s3_client_new (fixture->endpoint, NULL, fixture->bucket,
                                   g_getenv ("AWS_ACCESS_KEY_ID"), g_getenv ("AWS_SECRET_ACCESS_KEY"),
                                   MEDIALIB_S3_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return client;
}

static MedialibS3Blobs *
new_blobs (Fixture    *fixture,
           const char *cache,
           guint64     cache_limit,
           const char *public_url)
{
  g_autoptr(GError) error = NULL;
  MedialibS3Blobs *blobs;

  blobs = medialib_s3_blobs_new (fixture->client, cache, cache_limit, public_url, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (blobs);
  return blobs;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;

  if (!test_have_gateway ())
    return;

  fixture->endpoint = g_strdup (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"));
  fixture->bucket = g_strdup_printf ("medialib-blobs-%u-%08x", ++counter, g_random_int ());
  fixture->cache = test_make_tmpdir ("s3-blobs-cache");
  fixture->client = new_client (fixture);
  fixture->other = new_client (fixture);

  medialib_s3_client_create_bucket (fixture->client, NULL, &error);
  g_assert_no_error (error);

  fixture->blobs = new_blobs (fixture, fixture->cache, 0, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->blobs);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->other);
  if (fixture->cache != NULL)
    test_rm_rf (fixture->cache);
  g_clear_pointer (&fixture->cache, g_free);
  g_clear_pointer (&fixture->endpoint, g_free);
  g_clear_pointer (&fixture->bucket, g_free);
}

#define NEEDS_GATEWAY(fixture) G_STMT_START { if ((fixture)->client == NULL) return; } G_STMT_END

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
in_bucket (MedialibS3Client *client,
           const char       *key)
{
  g_autoptr(MedialibS3Object) object = NULL;
  g_autoptr(GError) error = NULL;

  object = medialib_s3_client_head_object (client, key, NULL, &error);
  if (object == NULL)
    g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);

  return object != NULL;
}

static void
assert_file_holds (const char *path,
                   GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* --- Round trips --------------------------------------------------------------------------- */

static void
test_media_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) bytes = test_random_bytes (5000, 1);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *key = _medialib_content_key ("media", sha256, ".jpg");
  g_autofree char *path = NULL;
  g_autofree char *cached = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_false (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));
  g_assert_null (medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  cached = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg");
  g_assert_true (g_str_has_prefix (cached, fixture->cache));
  g_assert_false (g_file_test (cached, G_FILE_TEST_EXISTS));
  g_assert_null (medialib_blob_store_ensure_local (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", bytes, &error));
  g_assert_no_error (error);

  /* The object is there when put() returns: another computer finds it, whole */
  g_assert_true (in_bucket (fixture->other, key));
  got = medialib_s3_client_get_object (fixture->other, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes));
  g_clear_pointer (&got, g_bytes_unref);

  g_assert_true (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));
  got = medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes));
  g_clear_pointer (&got, g_bytes_unref);

  path = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg");
  g_assert_cmpstr (path, ==, cached);
  assert_file_holds (path, bytes);

  /* A fresh cache (another computer): dup_local_path() says where the copy will be and
   * never asks the bucket (it is called on the main thread); ensure_local() brings it */
  {
    g_autofree char *cache = test_make_tmpdir ("s3-blobs-other");
    g_autoptr(MedialibS3Blobs) other = new_blobs (fixture, cache, 0, NULL);
    g_autofree char *other_path = NULL;
    g_autofree char *fetched = NULL;
    guint requests = _medialib_s3_client_get_n_requests (fixture->client);

    other_path = medialib_blob_store_dup_local_path (MEDIALIB_BLOB_STORE (other), MEDIALIB_BLOB_MEDIA,
                                                     sha256, ".jpg");
    g_assert_true (g_str_has_prefix (other_path, cache));
    g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (_medialib_s3_client_get_n_requests (fixture->client), ==, requests);

    fetched = medialib_blob_store_ensure_local (MEDIALIB_BLOB_STORE (other), MEDIALIB_BLOB_MEDIA, sha256, ".jpg",
                                                NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (fetched, ==, other_path);
    assert_file_holds (other_path, bytes);
    g_assert_cmpuint (_medialib_s3_client_get_n_requests (fixture->client), ==, requests + 1);

    /* Once here, it is not asked for again */
    g_clear_pointer (&fetched, g_free);
    fetched = medialib_blob_store_ensure_local (MEDIALIB_BLOB_STORE (other), MEDIALIB_BLOB_MEDIA, sha256, ".jpg",
                                                NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (fetched, ==, other_path);
    g_assert_cmpuint (_medialib_s3_client_get_n_requests (fixture->client), ==, requests + 1);
    test_rm_rf (cache);
  }

  g_assert_true (medialib_blob_store_delete (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", &error));
  g_assert_no_error (error);
  g_assert_false (in_bucket (fixture->other, key));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));
  g_assert_null (medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* Deleting what is gone is no error */
  g_assert_true (medialib_blob_store_delete (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", &error));
  g_assert_no_error (error);
}

static void
test_thumbnail_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) source = test_random_bytes (3000, 2);
  g_autoptr(GBytes) png = test_random_bytes (800, 3);
  g_autofree char *sha256 = sha256_of (source);
  g_autofree char *key = _medialib_thumbnail_key (sha256);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_false (medialib_blob_store_has (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
  path = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&path, g_free);

  /* A thumbnail is named by its file's SHA-256, not its own */
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                          png, &error));
  g_assert_no_error (error);
  g_assert_true (in_bucket (fixture->other, key));

  g_assert_true (medialib_blob_store_has (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
  got = medialib_blob_store_read (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, png));
  path = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX);
  assert_file_holds (path, png);

  g_assert_true (medialib_blob_store_delete (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                            &error));
  g_assert_no_error (error);
  g_assert_false (in_bucket (fixture->other, key));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (medialib_blob_store_has (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
}

/* A thumbnail another computer made is fetched into this one's cache on demand */
static void
test_thumbnail_only_in_bucket (Fixture       *fixture,
                               gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) png = test_random_bytes (700, 4);
  g_autofree char *sha256 = sha256_of (png);
  g_autofree char *key = _medialib_thumbnail_key (sha256);
  g_autofree char *path = NULL;
  g_autofree char *fetched = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_true (medialib_s3_client_put_object (fixture->other, key, png, "image/png", NULL, &error));
  g_assert_no_error (error);

  /* Where it will be, without asking the bucket; then ensure_local() brings it */
  path = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX);
  g_assert_true (g_str_has_prefix (path, fixture->cache));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  fetched = medialib_blob_store_ensure_local (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched, ==, path);
  assert_file_holds (path, png);

  /* has() fetches too */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (medialib_blob_store_has (store, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
  assert_file_holds (path, png);
}

/* --- Checks -------------------------------------------------------------------------------- */

static void
test_wrong_sha256 (Fixture       *fixture,
                   gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) bytes = test_random_bytes (2000, 5);
  g_autoptr(GBytes) other = test_random_bytes (2000, 6);
  g_autofree char *wrong = sha256_of (other);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_false (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, wrong, ".png", bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Nothing was uploaded, nothing was cached */
  objects = medialib_s3_client_list_objects (fixture->other, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objects->len, ==, 0);
  path = g_build_filename (fixture->cache, "media", NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

    g_assert_nonnull (dir);
    g_assert_null (g_dir_read_name (dir));
  }
}

static void
collect_name (const char *sha256,
              const char *suffix,
              gpointer    data)
{
  g_ptr_array_add (data, g_strconcat (sha256, suffix, NULL));
}

static GPtrArray *
list_names (MedialibBlobStore *store,
            MedialibBlobKind   kind)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_blob_store_list (store, kind, collect_name, names, &error));
  g_assert_no_error (error);
  g_ptr_array_sort_values (names, (GCompareFunc) strcmp);

  return names;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) a = test_random_bytes (1000, 7);
  g_autoptr(GBytes) b = test_random_bytes (1000, 8);
  g_autoptr(GBytes) png = test_random_bytes (500, 9);
  g_autofree char *sha_a = sha256_of (a);
  g_autofree char *sha_b = sha256_of (b);
  g_autofree char *name_a = g_strconcat (sha_a, ".gif", NULL);
  g_autofree char *name_b = g_strconcat (sha_b, NULL);
  g_autofree char *name_thumb = g_strconcat (sha_a, ".png", NULL);
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GPtrArray) thumbnails = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha_a, ".gif", a, &error));
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha_b, "", b, &error));
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_THUMBNAIL, sha_a, ".png", png, &error));
  /* What is not a blob is not listed */
  g_assert_true (medialib_s3_client_put_object (fixture->client, "media/stray", a, NULL, NULL, &error));
  g_assert_true (medialib_s3_client_put_object (fixture->client, "media/zz/nothex", a, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Just added: not yet for the sweep, which another computer's commit may still be behind */
  g_assert_cmpuint (medialib_s3_blobs_get_sweep_grace (fixture->blobs), ==, MEDIALIB_S3_BLOBS_DEFAULT_SWEEP_GRACE);
  media = list_names (store, MEDIALIB_BLOB_MEDIA);
  g_assert_cmpuint (media->len, ==, 0);
  g_clear_pointer (&media, g_ptr_array_unref);

  medialib_s3_blobs_set_sweep_grace (fixture->blobs, 0);
  media = list_names (store, MEDIALIB_BLOB_MEDIA);
  g_ptr_array_add (expected, name_a);
  g_ptr_array_add (expected, name_b);
  g_ptr_array_sort_values (expected, (GCompareFunc) strcmp);
  g_assert_cmpuint (media->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (media, 0), ==, g_ptr_array_index (expected, 0));
  g_assert_cmpstr (g_ptr_array_index (media, 1), ==, g_ptr_array_index (expected, 1));

  thumbnails = list_names (store, MEDIALIB_BLOB_THUMBNAIL);
  g_assert_cmpuint (thumbnails->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (thumbnails, 0), ==, name_thumb);
}

/* An object older than half the grace may be being swept by another computer: has() says it
 * is missing, and the put() that follows makes it young again */
static void
test_old_object_stored_again (Fixture       *fixture,
                              gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) bytes = test_random_bytes (1000, 10);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);
  medialib_s3_blobs_set_sweep_grace (fixture->blobs, 2);

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));

  /* Last-Modified has whole seconds: 2.5 s later it is more than 1 s old for sure */
  g_usleep (2500 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_blob_store_has (store, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));
}

/* --- Addresses ----------------------------------------------------------------------------- */

static void
test_presigned_uri (Fixture       *fixture,
                    gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(GBytes) bytes = test_random_bytes (4000, 11);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *uri = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  NEEDS_GATEWAY (fixture);
  store = MEDIALIB_BLOB_STORE (fixture->blobs);

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256, ".png", bytes, &error));
  g_assert_no_error (error);

  uri = medialib_blob_store_dup_uri (store, sha256, ".png");
  g_assert_true (g_str_has_prefix (uri, fixture->endpoint));
  g_assert_nonnull (strstr (uri, "X-Amz-Signature="));
  g_assert_nonnull (strstr (uri, "X-Amz-Expires=604800&"));

  got = test_anonymous_get (uri, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, bytes));
}

static void
test_public_uri (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_random_bytes (4000, 12);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *base = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(MedialibS3Blobs) blobs = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  NEEDS_GATEWAY (fixture);

  g_assert_true (medialib_s3_client_set_public_read (fixture->client, NULL, &error));
  g_assert_no_error (error);

  base = g_strdup_printf ("%s/%s/", fixture->endpoint, fixture->bucket);
  cache = test_make_tmpdir ("s3-blobs-public");
  blobs = new_blobs (fixture, cache, 0, base);
  g_assert_true (medialib_blob_store_put (MEDIALIB_BLOB_STORE (blobs), MEDIALIB_BLOB_MEDIA, sha256, ".gif",
                                          bytes, &error));
  g_assert_no_error (error);

  uri = medialib_blob_store_dup_uri (MEDIALIB_BLOB_STORE (blobs), sha256, ".gif");
  expected = g_strdup_printf ("%s/%s/media/%.2s/%s.gif", fixture->endpoint, fixture->bucket, sha256, sha256);
  g_assert_cmpstr (uri, ==, expected);

  got = test_anonymous_get (uri, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, bytes));
  test_rm_rf (cache);
}

/* --- The cache ----------------------------------------------------------------------------- */

static char *
cached_path (Fixture    *fixture,
             const char *sha256)
{
  g_autofree char *dir = g_build_filename (fixture->cache, "media", NULL);

  return _medialib_content_path (dir, sha256, ".jpg");
}

static void
test_cache_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  MedialibBlobStore *store;
  g_autoptr(MedialibS3Blobs) blobs = NULL;
  GBytes *bytes[3];
  char *sha256[3];
  char *path[3];
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) thumbnail = test_random_bytes (3000, 20);
  g_autofree char *thumbnail_path = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);

  /* Room for two originals of 1500 bytes; thumbnails are not counted */
  blobs = new_blobs (fixture, fixture->cache, 3500, NULL);
  store = MEDIALIB_BLOB_STORE (blobs);

  for (guint i = 0; i < 3; i++)
    {
      bytes[i] = test_random_bytes (1500, 21 + i);
      sha256[i] = sha256_of (bytes[i]);
      path[i] = cached_path (fixture, sha256[i]);
    }

  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_THUMBNAIL, sha256[0], ".png", thumbnail, &error));
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256[0], ".jpg", bytes[0], &error));
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256[1], ".jpg", bytes[1], &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path[1], G_FILE_TEST_EXISTS));

  /* The third pushes out the least recently used: the first */
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (medialib_blob_store_put (store, MEDIALIB_BLOB_MEDIA, sha256[2], ".jpg", bytes[2], &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path[1], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path[2], G_FILE_TEST_EXISTS));
  thumbnail_path = medialib_blob_store_dup_local_path (store, MEDIALIB_BLOB_THUMBNAIL, sha256[0], ".png");
  assert_file_holds (thumbnail_path, thumbnail);

  /* Reading the second makes it recent… */
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  got = medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256[1], ".jpg", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes[1]));
  g_clear_pointer (&got, g_bytes_unref);

  /* …so fetching the first again pushes out the third */
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  got = medialib_blob_store_read (store, MEDIALIB_BLOB_MEDIA, sha256[0], ".jpg", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes[0]));
  assert_file_holds (path[0], bytes[0]);
  g_assert_true (g_file_test (path[1], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path[2], G_FILE_TEST_EXISTS));

  for (guint i = 0; i < 3; i++)
    {
      g_bytes_unref (bytes[i]);
      g_free (sha256[i]);
      g_free (path[i]);
    }
}

/* --- The main thread ----------------------------------------------------------------------- */

/* The app's main thread never waits on the bucket: an asset's paths (its "path" property,
 * read by the window) say where its files are or will be without asking; ensure_local()
 * runs on workers. The app marks its main thread (medialib_s3_client_forbid_blocking()),
 * where a blocking request is a critical warning: here, in a subprocess, one is made. */
static void
test_main_thread_never_waits (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_random_bytes (1200, 31);
  g_autoptr(GBytes) png = test_random_bytes (300, 32);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *key = _medialib_content_key ("media", sha256, ".jpg");
  g_autofree char *thumbnail_key = _medialib_thumbnail_key (sha256);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  MedialibAssetFields fields = { 0 };
  guint requests;

  NEEDS_GATEWAY (fixture);

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stdout ("*paths asked without the network*");
      g_test_trap_assert_stderr ("*GET media/*a blocking request to the object store on a thread that must not wait on the network*");
      return;
    }

  /* Another computer stored the file and its thumbnail: this one has neither */
  g_assert_true (medialib_s3_client_put_object (fixture->other, key, bytes, "image/jpeg", NULL, &error));
  g_assert_true (medialib_s3_client_put_object (fixture->other, thumbnail_key, png, "image/png", NULL, &error));
  g_assert_no_error (error);

  fields.id = 1;
  fields.name = "away.jpg";
  fields.kind = MEDIALIB_ASSET_KIND_IMAGE;
  fields.mime = "image/jpeg";
  fields.sha256 = sha256;
  fields.source = "import";
  fields.blobs = MEDIALIB_BLOB_STORE (fixture->blobs);
  asset = _medialib_asset_new (&fields);

  medialib_s3_client_forbid_blocking ();
  requests = _medialib_s3_client_get_n_requests (fixture->client);
  g_assert_true (g_str_has_prefix (medialib_asset_get_path (asset), fixture->cache));
  g_assert_true (g_str_has_prefix (medialib_asset_get_thumbnail_path (asset), fixture->cache));
  g_assert_false (g_file_test (medialib_asset_get_path (asset), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_EXISTS));
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (fixture->client), ==, requests);
  g_print ("paths asked without the network\n");

  /* What a worker does, here: a critical warning, fatal in the tests */
  g_free (medialib_blob_store_ensure_local (MEDIALIB_BLOB_STORE (fixture->blobs), MEDIALIB_BLOB_MEDIA, sha256,
                                            ".jpg", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function) \
  g_test_add ("/medialib/s3-blobs/" path, Fixture, NULL, fixture_setup, function, fixture_teardown)

  ADD ("media/round-trip", test_media_round_trip);
  ADD ("media/wrong-sha256", test_wrong_sha256);
  ADD ("media/old-object-stored-again", test_old_object_stored_again);
  ADD ("thumbnails/round-trip", test_thumbnail_round_trip);
  ADD ("thumbnails/only-in-bucket", test_thumbnail_only_in_bucket);
  ADD ("list", test_list);
  ADD ("uri/presigned", test_presigned_uri);
  ADD ("uri/public", test_public_uri);
  ADD ("cache/limit", test_cache_limit);
  ADD ("main-thread-never-waits", test_main_thread_never_waits);

#undef ADD

  return g_test_run ();
}
