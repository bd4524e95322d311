/* medialib-test-proxy.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "medialib-test-proxy.h"

/*
 * A proxy on 127.0.0.1 in front of a real server (the RADOS Gateway of
 * tests/team-servers.py), for the tests of a server out of reach: every connection it
 * accepts is spliced to a connection of its own to the server. Closed, it stops listening
 * (connections are refused, as a stopped server's are) and drops the connections it
 * carried; opened again, it listens on the same port. It runs on a thread of its own, with
 * its own main context, so that a test may block on a request that goes through it.
 *
 * It can also fail the next connections it accepts (test_proxy_fail()), as an overloaded
 * server or one that hangs would: each reads one HTTP request and answers it with an error
 * status and "Connection: close", never reaching the server; or, with status 0, is held
 * without an answer until the proxy closes.
 */

struct _TestProxy
{
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;

  char           *host;           /* the server's */
  guint16         upstream_port;
  guint16         port;           /* ours, once listening */
  char           *endpoint;

  /* On the proxy's thread */
  GSocketService *service;
  GCancellable   *cancellable;    /* the open connections' */
  GPtrArray      *connections;    /* of GIOStream */

  /* Failing connections: set by the test, read on the proxy's thread (under lock) */
  guint           n_to_fail;
  guint           fail_status;
  guint           n_failed;

  /* A call made on the proxy's thread, waited for */
  GMutex          lock;
  GCond           cond;
  gboolean        done;
};

typedef void (*ProxyFunc) (TestProxy *self);

typedef struct
{
  TestProxy *proxy;
  ProxyFunc  func;
} Call;

static gboolean
call_cb (gpointer user_data)
{
  Call *call = user_data;

  call->func (call->proxy);

  g_mutex_lock (&call->proxy->lock);
  call->proxy->done = TRUE;
  g_cond_signal (&call->proxy->cond);
  g_mutex_unlock (&call->proxy->lock);

  return G_SOURCE_REMOVE;
}

/* Runs FUNC on the proxy's thread and waits for it */
static void
run (TestProxy *self,
     ProxyFunc  func)
{
  Call call = { self, func };
  g_autoptr(GSource) source = g_idle_source_new ();

  g_mutex_lock (&self->lock);
  self->done = FALSE;
  g_mutex_unlock (&self->lock);

  /* Always on the proxy's thread, never in the caller's (as g_main_context_invoke() could) */
  g_source_set_callback (source, call_cb, &call, NULL);
  g_source_attach (source, self->context);

  g_mutex_lock (&self->lock);
  while (!self->done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
on_spliced_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GIOStream) upstream = user_data;

  g_io_stream_splice_finish (result, NULL);
}

/* Reads one request (its head, then as many bytes as its Content-Length says) and answers
 * it with STATUS, without the server. Blocks the proxy's thread for as long as the client
 * takes to send it: a test's client sends it at once. */
static void
answer_with_error (GSocketConnection *connection,
                   guint              status)
{
  GIOStream *stream = G_IO_STREAM (connection);
  g_autoptr(GDataInputStream) input = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_autofree char *body = NULL;
  g_autofree char *answer = NULL;
  guint64 length = 0;

  g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (input, NULL, NULL, NULL);

      if (line == NULL || line[0] == '\0')
        break;
      if (g_ascii_strncasecmp (line, "content-length:", strlen ("content-length:")) == 0)
        length = g_ascii_strtoull (line + strlen ("content-length:"), NULL, 10);
    }
  while (length > 0)
    {
      gssize skipped = g_input_stream_skip (G_INPUT_STREAM (input), length, NULL, NULL);

      if (skipped <= 0)
        break;
      length -= (guint64) skipped;
    }

  body = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                          "<Error><Code>%s</Code><Message>Made by the test proxy</Message></Error>",
                          status == 503 ? "ServiceUnavailable" : status >= 500 ? "InternalError" : "TestRefusal");
  answer = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/xml\r\n"
                            "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                            status, soup_status_get_phrase (status), strlen (body), body);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                TestProxy         *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fail;
  guint status;

  g_mutex_lock (&self->lock);
  fail = self->n_to_fail > 0;
  status = self->fail_status;
  if (fail)
    {
      self->n_to_fail--;
      self->n_failed++;
    }
  g_mutex_unlock (&self->lock);

  if (fail && status == 0)
    {
      /* Held: never answered, dropped when the proxy closes */
      g_ptr_array_add (self->connections, g_object_ref (connection));
      return TRUE;
    }
  if (fail)
    {
      answer_with_error (connection, status);
      return TRUE;
    }

  upstream = g_socket_client_connect_to_host (client, self->host, self->upstream_port, NULL, &error);
  if (upstream == NULL)
    {
      g_test_message ("The proxy cannot reach %s:%u: %s", self->host, self->upstream_port, error->message);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  g_ptr_array_add (self->connections, g_object_ref (connection));
  g_ptr_array_add (self->connections, g_object_ref (upstream));
  g_io_stream_splice_async (G_IO_STREAM (connection), G_IO_STREAM (upstream),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, self->cancellable, on_spliced_cb, g_object_ref (upstream));
  return TRUE;
}

static void
do_open (TestProxy *self)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  if (self->service != NULL)
    return;

  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error))
    g_error ("The proxy cannot listen on 127.0.0.1:%u: %s", self->port, error->message);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming_cb), self);
  g_socket_service_start (self->service);
}

static void
do_close (TestProxy *self)
{
  if (self->service == NULL)
    return;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < self->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (self->connections, i), NULL, NULL);
  g_ptr_array_set_size (self->connections, 0);
}

static void
do_quit (TestProxy *self)
{
  do_close (self);
  g_main_loop_quit (self->loop);
}

static gpointer
proxy_thread (gpointer user_data)
{
  TestProxy *self = user_data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  /* What the closed connections still had to finish */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * test_proxy_new:
 * @upstream: the server's endpoint, http://HOST:PORT
 *
 * Returns: a proxy to it, listening
 */
TestProxy *
test_proxy_new (const char *upstream)
{
  g_autoptr(GUri) uri = g_uri_parse (upstream, G_URI_FLAGS_NONE, NULL);
  TestProxy *self = g_new0 (TestProxy, 1);

  g_assert_nonnull (uri);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  self->host = g_strdup (g_uri_get_host (uri));
  self->upstream_port = g_uri_get_port (uri);
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("test-proxy", proxy_thread, self);

  run (self, do_open);
  self->endpoint = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return self;
}

/* http://127.0.0.1:PORT, the same port whether open or closed */
const char *
test_proxy_get_endpoint (TestProxy *self)
{
  return self->endpoint;
}

/* Connections are refused from now on; those open are dropped */
void
test_proxy_close (TestProxy *self)
{
  run (self, do_close);
}

/* Listening again, on the same port */
void
test_proxy_open (TestProxy *self)
{
  run (self, do_open);
}

/**
 * test_proxy_fail:
 * @n_connections: how many of the next connections fail (0: none from now on)
 * @status: the HTTP status each of them answers, e.g. 503; 0 for no answer at all (a server
 *   that hangs)
 *
 * The connections after those go through to the server again.
 */
void
test_proxy_fail (TestProxy *self,
                 guint      n_connections,
                 guint      status)
{
  g_mutex_lock (&self->lock);
  self->n_to_fail = n_connections;
  self->fail_status = status;
  self->n_failed = 0;
  g_mutex_unlock (&self->lock);
}

/* How many connections failed since test_proxy_fail() */
guint
test_proxy_get_n_failed (TestProxy *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_failed;
  g_mutex_unlock (&self->lock);
  return n;
}

void
test_proxy_free (TestProxy *self)
{
  run (self, do_quit);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->connections);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->host);
  g_free (self->endpoint);
  g_free (self);
}
