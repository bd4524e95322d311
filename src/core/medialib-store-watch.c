/* medialib-store-watch.c — what changed in the library, told as it happens: this store's own
 * changes, and a team library's other members'
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-store-private.h"

/*
 * One path for the window, whatever the backend: once medialib_store_watch() was called,
 * the store emits ::changed (a MedialibChangeKind and assets' ids) on the main context of
 * the thread that called it, for every change that reaches the library:
 *
 * - its own writes, for both backends: the catalog's ::changed signal, emitted in the
 *   worker thread that wrote once the write committed, is handed to the watching context
 *   (an idle source there), so that the window hears of its own import, edit or delete the
 *   same way as of a colleague's;
 * - for a team library, the other members' writes: each write sends a notice in its
 *   transaction (medialib-pg-catalog.c), which a listening connection of the store's own
 *   hears (medialib-pg-listener.c). The notice names the writing catalog's session; the
 *   store skips the notices of its own session, since it told its own writes already, so a
 *   write is told once, never twice.
 *
 * :reachable is the database's and the bucket's together, :unreachable-server says which
 * one is out (the database first when both are). The database's follows the listening
 * connection: FALSE while the server cannot be reached (the window shows why and that it
 * retries), TRUE again once it listens, with a MEDIALIB_CHANGE_RESYNC change because the
 * notices of the time between were lost. The bucket's follows its requests
 * (medialib-store-bucket.c). A local library is always reachable.
 *
 * The listener and the bucket are the core's team half (medialib-store-team.c), reached
 * through _medialib_store_team: this file stays in the local half.
 */

enum {
  PROP_0,
  PROP_REACHABLE,
  PROP_UNREACHABLE_SERVER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (MedialibStoreServer, medialib_store_server,
                    G_DEFINE_ENUM_VALUE (MEDIALIB_STORE_SERVER_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (MEDIALIB_STORE_SERVER_DATABASE, "database"),
                    G_DEFINE_ENUM_VALUE (MEDIALIB_STORE_SERVER_BUCKET, "bucket"))

typedef struct
{
  MedialibStore      *store;
  MedialibChangeKind  kind;
  GArray             *ids;
} Told;

static void
told_free (Told *told)
{
  g_clear_object (&told->store);
  g_clear_pointer (&told->ids, g_array_unref);
  g_free (told);
}

void
_medialib_store_emit_changed (MedialibStore      *self,
                              MedialibChangeKind  kind,
                              GArray             *ids)
{
  g_autoptr(GArray) none = NULL;

  if (ids == NULL)
    ids = none = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_emit (self, signals[CHANGED], 0, kind, ids);
}

static gboolean
tell_cb (gpointer user_data)
{
  Told *told = user_data;
  gboolean watching;

  g_mutex_lock (&told->store->watch_lock);
  watching = told->store->watch_context != NULL;
  g_mutex_unlock (&told->store->watch_lock);

  if (watching)
    _medialib_store_emit_changed (told->store, told->kind, told->ids);

  return G_SOURCE_REMOVE;
}

/* Where changes are told, once watched: a reference, or NULL; from any thread */
GMainContext *
_medialib_store_ref_watch_context (MedialibStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->watch_lock);

  return self->watch_context != NULL ? g_main_context_ref (self->watch_context) : NULL;
}

/* This store's own write committed, in whatever thread wrote: told on the watching context */
static void
on_catalog_changed_cb (MedialibCatalog    *catalog,
                       MedialibChangeKind  kind,
                       GArray             *ids,
                       MedialibStore      *self)
{
  g_autoptr(GMainContext) context = _medialib_store_ref_watch_context (self);
  g_autoptr(GSource) source = NULL;
  Told *told;

  if (context == NULL)
    return;

  told = g_new0 (Told, 1);
  told->store = g_object_ref (self);
  told->kind = kind;
  told->ids = g_array_copy (ids);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, tell_cb, told, (GDestroyNotify) told_free);
  g_source_set_static_name (source, "[medialib] library change");
  g_source_attach (source, context);
}

/* On the watching context: :reachable and :unreachable-server from the two servers' */
void
_medialib_store_update_reachable (MedialibStore *self)
{
  MedialibStoreServer server = MEDIALIB_STORE_SERVER_NONE;
  gboolean reachable;

  if (!self->database_reachable)
    server = MEDIALIB_STORE_SERVER_DATABASE;
  else if (!self->bucket_reachable)
    server = MEDIALIB_STORE_SERVER_BUCKET;
  reachable = server == MEDIALIB_STORE_SERVER_NONE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->unreachable_server != server)
    {
      self->unreachable_server = server;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREACHABLE_SERVER]);
    }
  if (self->reachable != reachable)
    {
      self->reachable = reachable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether this call begins watching: the first one does, on the caller's context */
static gboolean
begin_watch (MedialibStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->watch_lock);

  if (self->watch_context != NULL)
    return FALSE;

  self->watch_context = g_main_context_ref_thread_default ();
  return TRUE;
}

/**
 * medialib_store_watch:
 *
 * Starts telling the library's changes: ::changed is emitted from now on, on the main
 * context of the calling thread (g_main_context_ref_thread_default()), for this store's
 * writes and, for a team library, for every other member's. Call it before reading what
 * the window shows, so that no change falls in between. A team library's listening
 * connection is made here, blocking (see medialib_store_watch_async()); when the server
 * cannot be reached the store still watches, :reachable is %FALSE, and it connects again
 * by itself. Calling it again does nothing.
 *
 * Returns: %FALSE with a %MEDIALIB_PG_ERROR when a team library's server could not be
 *   reached (it is tried again by itself)
 */
gboolean
medialib_store_watch (MedialibStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_watch (self) || _medialib_store_team == NULL)
    return TRUE;

  return _medialib_store_team->listen (self, error);
}

/**
 * medialib_store_watch_async:
 *
 * medialib_store_watch() without blocking: a team library's listening connection is made
 * on a worker thread. ::changed is emitted on the main context of the thread that called
 * this, once the task completes (for a team library: once it listens).
 */
void
medialib_store_watch_async (MedialibStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_watch_async);

  if (!begin_watch (self) || _medialib_store_team == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  _medialib_store_team->listen_async (self, g_steal_pointer (&task));
}

gboolean
medialib_store_watch_finish (MedialibStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medialib_store_get_reachable:
 *
 * Returns: whether the library's servers can be reached (always for a local library): while
 *   one cannot (medialib_store_get_unreachable_server() says which), changes fail, and
 *   other members' changes are not heard or their files not fetched
 */
gboolean
medialib_store_get_reachable (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), FALSE);

  return self->reachable;
}

/**
 * medialib_store_get_unreachable_server:
 *
 * Returns: which of a team library's servers cannot be reached (the database when neither
 *   can), or %MEDIALIB_STORE_SERVER_NONE while :reachable
 */
MedialibStoreServer
medialib_store_get_unreachable_server (MedialibStore *self)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), MEDIALIB_STORE_SERVER_NONE);

  return self->unreachable_server;
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  MedialibStore *self = MEDIALIB_STORE (object);

  switch (prop_id)
    {
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    case PROP_UNREACHABLE_SERVER:
      g_value_set_enum (value, self->unreachable_server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_medialib_store_class_init_watch (GObjectClass *object_class)
{
  object_class->get_property = get_property;

  /**
   * MedialibStore:reachable:
   *
   * Whether the library's servers can be reached (a team library's database and bucket);
   * notified on the watching context.
   */
  properties[PROP_REACHABLE] = g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  /**
   * MedialibStore:unreachable-server:
   *
   * Which server cannot be reached while :reachable is %FALSE; notified on the watching
   * context, before :reachable.
   */
  properties[PROP_UNREACHABLE_SERVER] =
    g_param_spec_enum ("unreachable-server", NULL, NULL, MEDIALIB_TYPE_STORE_SERVER,
                       MEDIALIB_STORE_SERVER_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedialibStore::changed:
   * @kind: what changed
   * @ids: (element-type gint64): the assets' ids for the changes of assets; empty otherwise
   *
   * Something changed in the library, by this store or (for a team library) by another
   * member: see medialib_store_watch(). Each change is told once.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   MEDIALIB_TYPE_CHANGE_KIND,
                                   G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* Once the store is open: its own writes are told once it is watched */
void
_medialib_store_init_watch (MedialibStore *self)
{
  g_signal_connect (self->catalog, "changed", G_CALLBACK (on_catalog_changed_cb), self);
  if (_medialib_store_team != NULL)
    _medialib_store_team->init_watch (self);
}

void
_medialib_store_clear_watch (MedialibStore *self)
{
  g_mutex_lock (&self->watch_lock);
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  g_mutex_unlock (&self->watch_lock);

  if (_medialib_store_team != NULL)
    _medialib_store_team->clear_watch (self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, on_catalog_changed_cb, self);
}
