/* medialib-pg-listener.c — a connection that listens for a team library's notices, watched
 * on a main loop
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "medialib-pg-listener.h"

/*
 * A team library's writes send a notice on the library's channel in their transaction
 * (NOTIFY, medialib-pg-catalog.c). A listener is one connection of its own, outside the
 * pool (a pooled connection is lent to one operation at a time, and LISTEN lasts as long as
 * the session), that has run LISTEN on that channel. Connecting blocks, so it happens on a
 * worker thread; afterwards the connection's socket is watched on the main context of the
 * thread that started the listener (a GSource on PQsocket()), and when it is readable
 * PQconsumeInput() takes what arrived without blocking and PQnotifies() hands over the
 * notices, each one emitted as ::notified. No polling: the server pushes.
 *
 * When the connection breaks (the server restarts, the network goes, an administrator ends
 * the session), ::reachable goes FALSE and the listener connects again after 0.25 s, then
 * waits longer after each failure (up to 30 s). Notices sent meanwhile are lost for good
 * (PostgreSQL keeps none for a session that is not there), so once it listens again it
 * emits ::resync: whoever shows the library reads it again. TCP keepalives find a
 * connection whose other end vanished without a word within about a minute.
 */

/* Milliseconds before each new attempt; the last one repeats */
static const guint retry_delays[] = { 250, 500, 1000, 2000, 4000, 8000, 15000, 30000 };

struct _MedialibPgListener
{
  GObject       parent_instance;

  MedialibPg   *pg;           /* owned: whose server, connection string */
  char         *channel;
  GMainContext *context;      /* where the socket is watched and signals are emitted */

  PGconn       *conn;         /* listening, or NULL */
  GSource      *watch;        /* on conn's socket */
  GSource      *retry;        /* the wait before the next attempt */
  GCancellable *cancellable;  /* of the attempt under way */
  guint         failures;     /* attempts that failed since the last success */
  gboolean      started;
  gboolean      stopped;
  gboolean      reachable;
};

G_DEFINE_FINAL_TYPE (MedialibPgListener, medialib_pg_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REACHABLE,
  N_PROPS
};

enum {
  NOTIFIED,
  RESYNC,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_retry (MedialibPgListener *self);

static void
set_reachable (MedialibPgListener *self,
               gboolean            reachable)
{
  g_assert (MEDIALIB_IS_PG_LISTENER (self));

  if (self->reachable == reachable)
    return;

  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

static void
drop_connection (MedialibPgListener *self)
{
  g_assert (MEDIALIB_IS_PG_LISTENER (self));

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  g_clear_pointer (&self->conn, PQfinish);
}

/* A connection whose server vanished without closing it (a cable, a sleeping laptop) is
 * found by TCP keepalives within about a minute; a Unix socket needs none */
static void
keep_alive (PGconn *conn)
{
  int fd = PQsocket (conn);
  int on = 1, idle = 30, interval = 10, count = 3;

  if (fd < 0 || setsockopt (fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0)
    return;

  setsockopt (fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  setsockopt (fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  setsockopt (fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

/* Connects and listens: blocks, on a worker thread */
static PGconn *
connect_and_listen (MedialibPg  *pg,
                    const char  *channel,
                    GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *sql = NULL;
  char *quoted;
  PGconn *conn;

  if (!(conn = medialib_pg_connect_apart (pg, error)))
    return NULL;

  if (!(quoted = PQescapeIdentifier (conn, channel, strlen (channel))))
    {
      medialib_pg_set_result_error (conn, NULL, _("The team library’s changes cannot be followed"), error);
      PQfinish (conn);
      return NULL;
    }
  sql = g_strconcat ("LISTEN ", quoted, NULL);
  PQfreemem (quoted);

  if (!medialib_pg_exec_command (conn, sql, _("The team library’s changes cannot be followed"), error))
    {
      PQfinish (conn);
      return NULL;
    }

  keep_alive (conn);
  return conn;
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MedialibPgListener *self = source_object;
  GError *error = NULL;
  PGconn *conn = connect_and_listen (self->pg, self->channel, &error);

  if (conn == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, conn, (GDestroyNotify) PQfinish);
}

static gboolean
on_socket_cb (int           fd,
              GIOCondition  condition,
              gpointer      user_data)
{
  g_autoptr(MedialibPgListener) self = g_object_ref (user_data);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  gboolean lost;
  PGnotify *notice;

  g_assert (self->conn != NULL);

  /* Reads what arrived, without blocking (libpq's sockets are non-blocking); fails when
   * the server closed the connection */
  lost = !PQconsumeInput (self->conn);

  while ((notice = PQnotifies (self->conn)))
    {
      if (g_str_equal (notice->relname, self->channel))
        g_ptr_array_add (payloads, g_strdup (notice->extra));
      PQfreemem (notice);
    }

  lost |= PQstatus (self->conn) != CONNECTION_OK;

  for (guint i = 0; i < payloads->len && !self->stopped; i++)
    g_signal_emit (self, signals[NOTIFIED], 0, g_ptr_array_index (payloads, i));

  if (!lost || self->stopped || self->conn == NULL)
    return G_SOURCE_CONTINUE;

  g_debug ("The listening connection was lost: %s", PQerrorMessage (self->conn));
  drop_connection (self);
  set_reachable (self, FALSE);
  schedule_retry (self);

  return G_SOURCE_REMOVE;
}

/* Watches a connection that listens, on the listener's context */
static void
adopt (MedialibPgListener *self,
       PGconn             *conn)
{
  g_assert (self->conn == NULL);

  self->conn = conn;
  self->watch = g_unix_fd_source_new (PQsocket (conn), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->watch, (GSourceFunc) (GCallback) on_socket_cb, self, NULL);
  g_source_set_static_name (self->watch, "[medialib] team library notices");
  g_source_attach (self->watch, self->context);

  self->failures = 0;
  set_reachable (self, TRUE);
}

/* Starts an attempt on a worker thread; its end comes back on the listener's context. Only
 * medialib_pg_listener_stop() cancels it. */
static GTask *
new_attempt (MedialibPgListener  *self,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_main_context_push_thread_default (self->context);
  task = g_task_new (self, self->cancellable, callback, user_data);
  g_main_context_pop_thread_default (self->context);

  return task;
}

static void
on_reconnected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MedialibPgListener *self = MEDIALIB_PG_LISTENER (object);
  g_autoptr(GError) error = NULL;
  PGconn *conn = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->stopped)
    {
      g_clear_pointer (&conn, PQfinish);
      return;
    }

  if (conn == NULL)
    {
      g_debug ("Still no connection to the team library: %s", error->message);
      self->failures++;
      schedule_retry (self);
      return;
    }

  adopt (self, conn);

  /* Notices sent while nobody listened are gone */
  g_signal_emit (self, signals[RESYNC], 0);
}

static gboolean
on_retry_cb (gpointer user_data)
{
  MedialibPgListener *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_clear_pointer (&self->retry, g_source_unref);

  task = new_attempt (self, on_reconnected_cb, NULL);
  g_task_set_source_tag (task, on_retry_cb);
  g_task_run_in_thread (task, connect_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (MedialibPgListener *self)
{
  guint delay = retry_delays[MIN (self->failures, G_N_ELEMENTS (retry_delays) - 1)];

  g_assert (self->retry == NULL);

  self->retry = g_timeout_source_new (delay);
  g_source_set_callback (self->retry, on_retry_cb, self, NULL);
  g_source_set_static_name (self->retry, "[medialib] team library reconnection");
  g_source_attach (self->retry, self->context);
}

static void
medialib_pg_listener_dispose (GObject *object)
{
  medialib_pg_listener_stop (MEDIALIB_PG_LISTENER (object));

  G_OBJECT_CLASS (medialib_pg_listener_parent_class)->dispose (object);
}

static void
medialib_pg_listener_finalize (GObject *object)
{
  MedialibPgListener *self = MEDIALIB_PG_LISTENER (object);

  g_clear_object (&self->pg);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (medialib_pg_listener_parent_class)->finalize (object);
}

static void
medialib_pg_listener_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedialibPgListener *self = MEDIALIB_PG_LISTENER (object);

  switch (prop_id)
    {
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_pg_listener_class_init (MedialibPgListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medialib_pg_listener_dispose;
  object_class->finalize = medialib_pg_listener_finalize;
  object_class->get_property = medialib_pg_listener_get_property;

  /**
   * MedialibPgListener:reachable:
   *
   * Whether the listening connection is up. FALSE from when it broke (or the first attempt
   * failed) until an attempt succeeds.
   */
  properties[PROP_REACHABLE] = g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedialibPgListener::notified:
   * @payload: the notice's text
   *
   * A notice arrived on the channel.
   */
  signals[NOTIFIED] = g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MedialibPgListener::resync:
   *
   * The connection broke and listens again: the notices sent meanwhile were missed.
   */
  signals[RESYNC] = g_signal_new ("resync", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
medialib_pg_listener_init (MedialibPgListener *self)
{
  self->reachable = TRUE;
}

/**
 * medialib_pg_listener_new:
 * @pg: the team library's connections: the listener opens one of its own with them
 * @channel: the channel to listen to (medialib_pg_catalog_get_channel())
 *
 * Returns: (transfer full): a listener that does not listen until it is started
 */
MedialibPgListener *
medialib_pg_listener_new (MedialibPg *pg,
                          const char *channel)
{
  MedialibPgListener *self;

  g_return_val_if_fail (MEDIALIB_IS_PG (pg), NULL);
  g_return_val_if_fail (channel != NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_PG_LISTENER, NULL);
  self->pg = g_object_ref (pg);
  self->channel = g_strdup (channel);

  return self;
}

static void
begin (MedialibPgListener *self)
{
  g_assert (!self->started);

  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
}

/* The first attempt failed: the listener tries again by itself */
static void
first_attempt_failed (MedialibPgListener *self)
{
  set_reachable (self, FALSE);
  self->failures = 1;
  schedule_retry (self);
}

/**
 * medialib_pg_listener_start:
 *
 * Connects and listens, blocking, then watches the connection on the calling thread's
 * main context (g_main_context_ref_thread_default()): ::notified and ::resync are emitted
 * there. When the server cannot be reached the listener still starts, unreachable, and
 * tries again by itself.
 *
 * Returns: whether it listens now; %FALSE with a %MEDIALIB_PG_ERROR otherwise
 */
gboolean
medialib_pg_listener_start (MedialibPgListener  *self,
                            GError             **error)
{
  PGconn *conn;

  g_return_val_if_fail (MEDIALIB_IS_PG_LISTENER (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  begin (self);
  if (!(conn = connect_and_listen (self->pg, self->channel, error)))
    {
      first_attempt_failed (self);
      return FALSE;
    }

  adopt (self, conn);
  return TRUE;
}

static void
on_started_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MedialibPgListener *self = MEDIALIB_PG_LISTENER (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PGconn *conn = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->stopped)
    {
      g_clear_pointer (&conn, PQfinish);
      g_clear_error (&error);
      g_task_return_new_error_literal (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The team library’s changes are no longer followed"));
      return;
    }

  if (conn == NULL)
    {
      first_attempt_failed (self);
      g_task_return_error (task, error);
      return;
    }

  adopt (self, conn);
  g_task_return_boolean (task, TRUE);
}

/**
 * medialib_pg_listener_start_async:
 *
 * Connects and listens on a worker thread, then watches the connection on the main
 * context of the thread that called this: see medialib_pg_listener_start(). Cancelling
 * @cancellable only makes the task complete with %G_IO_ERROR_CANCELLED: the listener goes
 * on (medialib_pg_listener_stop() stops it).
 */
void
medialib_pg_listener_start_async (MedialibPgListener  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) attempt = NULL;
  GTask *task;

  g_return_if_fail (MEDIALIB_IS_PG_LISTENER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  begin (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_pg_listener_start_async);

  attempt = new_attempt (self, on_started_cb, task);
  g_task_set_source_tag (attempt, on_started_cb);
  g_task_run_in_thread (attempt, connect_thread);
}

gboolean
medialib_pg_listener_start_finish (MedialibPgListener  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (MEDIALIB_IS_PG_LISTENER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medialib_pg_listener_stop:
 *
 * Closes the connection and stops trying: nothing is emitted any more. Call it from the
 * thread that started the listener.
 */
void
medialib_pg_listener_stop (MedialibPgListener *self)
{
  g_return_if_fail (MEDIALIB_IS_PG_LISTENER (self));

  self->stopped = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
    }
  drop_connection (self);
}

/**
 * medialib_pg_listener_get_reachable:
 *
 * Returns: whether the listening connection is up (or not started yet)
 */
gboolean
medialib_pg_listener_get_reachable (MedialibPgListener *self)
{
  g_return_val_if_fail (MEDIALIB_IS_PG_LISTENER (self), FALSE);

  return self->reachable;
}
