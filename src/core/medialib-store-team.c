/* medialib-store-team.c — the store's team backend: a team library's catalog, bucket and
 * listener, registered by medialib_core_team_init()
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-pg-catalog.h"
#include "medialib-pg-listener.h"
#include "medialib-s3-blobs.h"
#include "medialib-store-private.h"
#include "medialib-team-config.h"
#include "medialib-team-secrets.h"

/*
 * The core is two static libraries (src/core/meson.build): its local half (SQLite, the
 * media/ folder, the store) and its team half (PostgreSQL, S3, the keyring, the AI client),
 * which loads libpq, libsoup and libsecret. The store reaches the team half only through
 * _medialib_store_team, which medialib_core_team_init() sets: a program that never calls it
 * (the light `medialib` command line, src/cli/main.c) links none of the team half, and the
 * dynamic loader resolves none of those libraries' symbols when it starts.
 */

/* A team library's blob store: its bucket, with thumbnails and recently used originals kept
 * in the folder's cache/ so that the grid does not wait on the network */
static MedialibBlobStore *
open_team_blobs (MedialibStore              *self,
                 const MedialibTeamConfig   *config,
                 const MedialibTeamSecrets  *secrets,
                 GError                    **error)
{
  g_autofree char *cache = g_build_filename (self->dir, "cache", NULL);
  g_autoptr(MedialibS3Client) client = NULL;
  g_autoptr(MedialibS3Blobs) blobs = NULL;
  const char *grace = g_getenv ("MEDIALIB_S3_SWEEP_GRACE");
  guint64 seconds;

  if (!(client = medialib_team_config_new_s3_client_with_keys (config, secrets->access_key_id,
                                                               secrets->secret_access_key, error)))
    return NULL;

  if (!(blobs = medialib_s3_blobs_new (client, cache, 0, config->public_url, config->url_expiry, error)))
    return NULL;

  /* For tests and scripts: how young an object the sweep leaves, instead of an hour */
  if (grace != NULL && g_ascii_string_to_unsigned (grace, 10, 0, G_MAXINT, &seconds, NULL))
    medialib_s3_blobs_set_sweep_grace (blobs, (guint) seconds);

  return MEDIALIB_BLOB_STORE (g_steal_pointer (&blobs));
}

/* A team library: its catalog in PostgreSQL, its files in its bucket. The credentials come
 * from the environment first (libpq's own: PGPASSWORD, ~/.pgpass, a service file; and
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), else from the keyring
 * (medialib_team_secrets_find()), never from team.ini. This runs on the worker thread of
 * medialib_store_open_async() in the app: the keyring's D-Bus calls block. */
static gboolean
open_team (MedialibStore  *self,
           GError        **error)
{
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(MedialibTeamSecrets) secrets = NULL;
  g_autoptr(MedialibBlobStore) blobs = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;

  if (!(config = medialib_team_config_load (self->dir, error)))
    return FALSE;

  secrets = medialib_team_secrets_find (config, NULL);
  if (!(blobs = open_team_blobs (self, config, secrets, error)) ||
      !(catalog = medialib_pg_catalog_open_full (config->database, secrets->database_password,
                                                 blobs, error)))
    return FALSE;

  self->read_only = FALSE;
  self->blobs = g_steal_pointer (&blobs);
  self->catalog = MEDIALIB_CATALOG (g_steal_pointer (&catalog));
  return TRUE;
}

/* Another member's change, or one of this store's, coming back: skipped */
static void
on_listener_notified_cb (MedialibPgListener *listener,
                         const char         *payload,
                         MedialibStore      *self)
{
  const char *own = medialib_pg_catalog_get_session (MEDIALIB_PG_CATALOG (self->catalog));
  g_autofree char *session = NULL;
  g_autoptr(GArray) ids = NULL;
  MedialibChangeKind kind;

  if (!medialib_change_decode (payload, &session, &kind, &ids))
    {
      g_debug ("A notice that is not a change: %s", payload);
      return;
    }

  if (g_str_equal (session, own))
    return;

  _medialib_store_emit_changed (self, kind, ids);
}

static void
on_listener_resync_cb (MedialibPgListener *listener,
                       MedialibStore      *self)
{
  _medialib_store_emit_changed (self, MEDIALIB_CHANGE_RESYNC, NULL);
}

static void
on_listener_reachable_cb (MedialibPgListener *listener,
                          GParamSpec         *pspec,
                          MedialibStore      *self)
{
  self->database_reachable = medialib_pg_listener_get_reachable (listener);
  _medialib_store_update_reachable (self);
}

/* A team library's listener, or NULL for a local library */
static MedialibPgListener *
new_listener (MedialibStore *self)
{
  MedialibPgCatalog *catalog;
  MedialibPgListener *listener;

  if (!MEDIALIB_IS_PG_CATALOG (self->catalog))
    return NULL;

  catalog = MEDIALIB_PG_CATALOG (self->catalog);
  listener = medialib_pg_listener_new (medialib_pg_catalog_get_pg (catalog),
                                       medialib_pg_catalog_get_channel (catalog));
  g_signal_connect_object (listener, "notified", G_CALLBACK (on_listener_notified_cb), self, 0);
  g_signal_connect_object (listener, "resync", G_CALLBACK (on_listener_resync_cb), self, 0);
  g_signal_connect_object (listener, "notify::reachable", G_CALLBACK (on_listener_reachable_cb), self, 0);
  self->listener = G_OBJECT (listener);

  return listener;
}

static void
on_listener_started_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!medialib_pg_listener_start_finish (MEDIALIB_PG_LISTENER (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The listening connection is made blocking: medialib_store_watch() */
static gboolean
listen_team (MedialibStore  *self,
             GError        **error)
{
  MedialibPgListener *listener = new_listener (self);

  return listener == NULL || medialib_pg_listener_start (listener, error);
}

/* … or on a worker thread, completing TASK (taken): medialib_store_watch_async() */
static void
listen_team_async (MedialibStore *self,
                   GTask         *task)
{
  g_autoptr(GTask) owned = task;
  GCancellable *cancellable = g_task_get_cancellable (task);
  MedialibPgListener *listener = new_listener (self);

  if (listener == NULL)
    {
      g_task_return_boolean (owned, TRUE);
      return;
    }

  medialib_pg_listener_start_async (listener, cancellable, on_listener_started_cb,
                                    g_steal_pointer (&owned));
}

static void
init_team_watch (MedialibStore *self)
{
  _medialib_store_init_bucket (self);
}

static void
clear_team_watch (MedialibStore *self)
{
  _medialib_store_clear_bucket (self);

  if (self->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->listener, self);
      medialib_pg_listener_stop (MEDIALIB_PG_LISTENER (self->listener));
      g_clear_object (&self->listener);
    }
}

static const MedialibStoreTeam team = {
  .open = open_team,
  .listen = listen_team,
  .listen_async = listen_team_async,
  .init_watch = init_team_watch,
  .clear_watch = clear_team_watch,
};

/**
 * medialib_core_team_init:
 *
 * Gives the store its team backend: without it, medialib_store_open() refuses a team
 * library. Every program that may open one calls it once before (the app, the full
 * command line, the tests); calling it again does nothing.
 */
void
medialib_core_team_init (void)
{
  _medialib_store_team = &team;
}
