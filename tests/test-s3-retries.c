/* test-s3-retries.c — the S3 client tries again after transient failures, against a real
 * Ceph RADOS Gateway behind a proxy of our own that fails connections
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/team-servers.py starts the gateway on loopback; tests/medialib-test-proxy.c stands
 * in front of it and answers the next N connections with an error status (503, 429, 400…),
 * or holds them without an answer, or refuses them (closed). Every connection that fails
 * is one attempt: the proxy answers with "Connection: close", so the client opens a new
 * connection for its next attempt.
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-s3-client.h"
#include "medialib-s3-private.h"
#include "medialib-test-proxy.h"
#include "medialib-test-util.h"

typedef struct
{
  char             *bucket;   /* a new name for every test, created */
  MedialibS3Client *direct;   /* on that bucket, without the proxy */
  TestProxy        *proxy;
  GBytes           *bytes;    /* an object to put */
  char             *key;
} Fixture;

static MedialibS3Client *
client_for (const char *endpoint,
            const char *bucket,
            guint       timeout)
{
  g_autoptr(GError) error = NULL;
  MedialibS3Client *client;

  client = g_initable_new (MEDIALIB_TYPE_S3_CLIENT, NULL, &error,
                           "endpoint", endpoint,
                           "bucket", bucket,
                           "access-key-id", g_getenv ("AWS_ACCESS_KEY_ID"),
                           "secret-key", g_getenv ("AWS_SECRET_ACCESS_KEY"),
                           "timeout", timeout,
                           NULL);
  g_assert_no_error (error);
  return client;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;

  if (!test_have_gateway ())
    return;

  fixture->bucket = g_strdup_printf ("medialib-retries-%u-%08x", ++counter, g_random_int ());
  fixture->direct = client_for (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"), fixture->bucket, 60);
  medialib_s3_client_create_bucket (fixture->direct, NULL, &error);
  g_assert_no_error (error);
  fixture->proxy = test_proxy_new (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"));

  text = g_strdup_printf ("an object of %s, %u", fixture->bucket, g_random_int ());
  fixture->bytes = g_bytes_new (text, strlen (text));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, fixture->bytes);
  fixture->key = _medialib_media_key (sha256, "text/plain");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->proxy, test_proxy_free);
  g_clear_object (&fixture->direct);
  g_clear_pointer (&fixture->bytes, g_bytes_unref);
  g_clear_pointer (&fixture->key, g_free);
  g_clear_pointer (&fixture->bucket, g_free);
}

#define NEEDS_GATEWAY(fixture) G_STMT_START { if ((fixture)->direct == NULL) return; } G_STMT_END

/* A client through the proxy, that waits RETRY_DELAY ms before its second attempt */
static MedialibS3Client *
proxied_client (Fixture *fixture,
                guint    max_attempts,
                guint    retry_delay,
                guint    timeout)
{
  MedialibS3Client *client = client_for (test_proxy_get_endpoint (fixture->proxy), fixture->bucket, timeout);

  _medialib_s3_client_set_retries (client, max_attempts, retry_delay);
  return client;
}

static gboolean
put (MedialibS3Client  *client,
     Fixture           *fixture,
     GCancellable      *cancellable,
     GError           **error)
{
  return medialib_s3_client_put_object (client, fixture->key, fixture->bytes, "text/plain", cancellable, error);
}

/* Whether the gateway itself has the object (asked without the proxy) */
static gboolean
stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = medialib_s3_client_get_object (fixture->direct, fixture->key, NULL, &error);

  if (got == NULL)
    {
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
      return FALSE;
    }
  g_assert_true (g_bytes_equal (got, fixture->bytes));
  return TRUE;
}

/* 503 three times, then the gateway: the fourth attempt stores the object, and the waits
 * between the attempts grew (at least half of 40 + 80 + 160 ms) */
static void
test_unavailable_then_through (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  NEEDS_GATEWAY (fixture);
  client = proxied_client (fixture, 4, 40, 60);

  test_proxy_fail (fixture->proxy, 3, 503);
  start = g_get_monotonic_time ();
  g_assert_true (put (client, fixture, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (20 + 40 + 80) * 1000);
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 3);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (client), ==, 4);
  g_assert_true (stored (fixture));

  /* A read, too (on a new connection: the one that stored it was kept alive) */
  g_clear_object (&client);
  client = proxied_client (fixture, 4, 10, 60);
  test_proxy_fail (fixture->proxy, 2, 502);
  got = medialib_s3_client_get_object (client, fixture->key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, fixture->bytes));
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 2);

  /* 429 (slow down) and 500 are transient too */
  for (guint i = 0; i < 2; i++)
    {
      guint status = i == 0 ? 429 : 500;
      g_autoptr(MedialibS3Client) other = proxied_client (fixture, 4, 10, 60);
      g_autoptr(MedialibS3Object) head = NULL;

      test_proxy_fail (fixture->proxy, 1, status);
      head = medialib_s3_client_head_object (other, fixture->key, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (head);
      g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 1);
    }
}

/* 503 every time: 4 attempts, then the server's error; nothing stored */
static void
test_unavailable_gives_up (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  client = proxied_client (fixture, 4, 10, 60);

  test_proxy_fail (fixture->proxy, 100, 503);
  g_assert_false (put (client, fixture, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 4);
  g_assert_false (stored (fixture));
}

/* A refusal (4xx other than 408 and 429) is final: one attempt */
static void
test_refusal_is_final (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(MedialibS3Client) wrong = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;

  NEEDS_GATEWAY (fixture);
  client = proxied_client (fixture, 4, 10, 60);

  test_proxy_fail (fixture->proxy, 100, 400);
  g_assert_false (put (client, fixture, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_REQUEST);
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 1);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (client), ==, 1);
  g_clear_error (&error);

  /* The gateway's own: no such key, wrong keys */
  test_proxy_fail (fixture->proxy, 0, 0);
  g_clear_object (&client);
  client = proxied_client (fixture, 4, 10, 60);
  got = medialib_s3_client_get_object (client, fixture->key, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (client), ==, 1);
  g_clear_error (&error);

  wrong = g_initable_new (MEDIALIB_TYPE_S3_CLIENT, NULL, &error,
                          "endpoint", test_proxy_get_endpoint (fixture->proxy),
                          "bucket", fixture->bucket,
                          "access-key-id", g_getenv ("AWS_ACCESS_KEY_ID"),
                          "secret-key", "not-the-secret-key",
                          NULL);
  g_assert_no_error (error);
  _medialib_s3_client_set_retries (wrong, 4, 10);
  g_assert_false (put (wrong, fixture, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (wrong), ==, 1);
  g_assert_false (stored (fixture));
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
on_put_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = medialib_s3_client_put_object_finish (MEDIALIB_S3_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_open_cb (gpointer user_data)
{
  test_proxy_open (user_data);
  return G_SOURCE_REMOVE;
}

/* Connections refused (the gateway stopped), then accepted again while the client waits
 * between its attempts: the put goes through. Refused for good: UNREACHABLE after 4
 * attempts, nothing stored. */
static void
test_refused_then_back (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, FALSE, NULL };

  NEEDS_GATEWAY (fixture);

  client = proxied_client (fixture, 4, 10, 60);
  test_proxy_close (fixture->proxy);
  g_assert_false (put (client, fixture, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (client), ==, 4);
  g_assert_false (stored (fixture));

  /* Waits of 300, 600, 1200 ms at most: the proxy opens again 200 ms after the start */
  g_clear_object (&client);
  client = proxied_client (fixture, 4, 300, 60);
  medialib_s3_client_put_object_async (client, fixture->key, fixture->bytes, "text/plain", NULL,
                                       on_put_cb, &wait);
  g_timeout_add (200, on_open_cb, fixture->proxy);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_cmpuint (_medialib_s3_client_get_n_requests (client), >=, 2);
  g_assert_true (stored (fixture));
}

/* A server that does not answer: each attempt ends at the timeout (1 s here), then the next
 * attempt gets through; never answering at all, a TIMEOUT error after every attempt */
static void
test_slow_server (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  NEEDS_GATEWAY (fixture);

  client = proxied_client (fixture, 2, 10, 1);
  test_proxy_fail (fixture->proxy, 100, 0);
  start = g_get_monotonic_time ();
  g_assert_false (put (client, fixture, NULL, &error));
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TIMEOUT);
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 2);
  /* Two attempts of a second each, not much more */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_false (stored (fixture));
  g_clear_error (&error);

  g_clear_object (&client);
  client = proxied_client (fixture, 4, 10, 1);
  test_proxy_fail (fixture->proxy, 1, 0);
  g_assert_true (put (client, fixture, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 1);
  g_assert_true (stored (fixture));
}

static gboolean
on_cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled while it waits to try again: it stops at once, cancelled */
static void
test_cancelled_while_waiting (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, FALSE, NULL };
  gint64 start;

  NEEDS_GATEWAY (fixture);

  /* Waits of 10 s or more */
  client = proxied_client (fixture, 4, 20000, 60);
  test_proxy_fail (fixture->proxy, 100, 503);
  start = g_get_monotonic_time ();
  medialib_s3_client_put_object_async (client, fixture->key, fixture->bytes, "text/plain", cancellable,
                                       on_put_cb, &wait);
  g_timeout_add (300, on_cancel_cb, cancellable);
  g_main_loop_run (loop);
  g_assert_false (wait.ok);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (test_proxy_get_n_failed (fixture->proxy), ==, 1);
  g_assert_false (stored (fixture));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function) \
  g_test_add ("/medialib/s3/retries/" path, Fixture, NULL, fixture_setup, function, fixture_teardown)

  ADD ("unavailable-then-through", test_unavailable_then_through);
  ADD ("unavailable-gives-up", test_unavailable_gives_up);
  ADD ("refusal-is-final", test_refusal_is_final);
  ADD ("refused-then-back", test_refused_then_back);
  ADD ("slow-server", test_slow_server);
  ADD ("cancelled-while-waiting", test_cancelled_while_waiting);

#undef ADD

  return g_test_run ();
}
