/* medialib-store-bucket.c — whether a team library's bucket can be reached, followed on the
 * watching context
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include "medialib-s3-blobs.h"
#include "medialib-s3-private.h"
#include "medialib-store-private.h"

/*
 * The object store has no connection to watch, as the database's listener has: what says
 * that the bucket is out of reach is a request that got no answer at all (refused, timed
 * out, a name not found; MedialibS3Client::unreachable, in whatever thread sent it). A
 * refusal by the server (4xx, 5xx) is an answer: the bucket is reachable.
 *
 * Once the store is watched, such a failure is handed to the watching context, where the
 * store marks the bucket unreachable (:reachable FALSE, :unreachable-server BUCKET) and
 * probes it with a HEAD of the bucket (the client's async API: the request runs on a
 * worker thread, never on the watching one; one attempt each, not the client's retries)
 * after 1 s, then 2, 4, 8, 16 and 30 s between
 * tries. A probe that gets an answer marks the bucket reachable again and tells a
 * MEDIALIB_CHANGE_RESYNC: what other members changed meanwhile may have left files out of
 * the grid. The files already in the folder's cache (thumbnails, recent originals) stay
 * readable meanwhile.
 */

#define FIRST_PROBE_MS 1000
#define LAST_PROBE_MS  30000

static void schedule_probe (MedialibStore *self);

static void
clear_probe (MedialibStore *self)
{
  if (self->bucket_probe != NULL)
    {
      g_source_destroy (self->bucket_probe);
      g_clear_pointer (&self->bucket_probe, g_source_unref);
    }
}

static gboolean
is_no_answer (const GError *error)
{
  return g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE) ||
         g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TIMEOUT);
}

static gboolean
is_watching (MedialibStore *self)
{
  g_autoptr(GMainContext) context = _medialib_store_ref_watch_context (self);

  return context != NULL;
}

static void
set_bucket_reachable (MedialibStore *self,
                      gboolean       reachable)
{
  self->bucket_reachable = reachable;
  _medialib_store_update_reachable (self);
}

static void
on_probed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(MedialibStore) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  _medialib_s3_client_probe_bucket_finish (MEDIALIB_S3_CLIENT (object), result, &error);

  /* Let go of, or stopped watching meanwhile */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_watching (self) ||
      self->bucket_reachable)
    return;

  if (is_no_answer (error))
    {
      g_debug ("The bucket is still out of reach: %s", error->message);
      self->bucket_failures++;
      schedule_probe (self);
      return;
    }

  if (error != NULL)
    g_debug ("The bucket answers again, with an error: %s", error->message);

  self->bucket_failures = 0;
  set_bucket_reachable (self, TRUE);
  _medialib_store_emit_changed (self, MEDIALIB_CHANGE_RESYNC, NULL);
}

static gboolean
probe_cb (gpointer user_data)
{
  MedialibStore *self = user_data;
  GMainContext *context = g_source_get_context (self->bucket_probe);
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  /* The probe does not keep a store that its window let go of */
  g_weak_ref_init (weak, self);

  /* The callback comes back on the watching context, which is this one */
  g_main_context_push_thread_default (context);
  _medialib_s3_client_probe_bucket_async (MEDIALIB_S3_CLIENT (self->bucket), self->bucket_cancellable,
                                          on_probed_cb, weak);
  g_main_context_pop_thread_default (context);
  g_clear_pointer (&self->bucket_probe, g_source_unref);

  return G_SOURCE_REMOVE;
}

/* On the watching context: the next probe, later each time */
static void
schedule_probe (MedialibStore *self)
{
  g_autoptr(GMainContext) context = _medialib_store_ref_watch_context (self);
  guint delay = FIRST_PROBE_MS << MIN (self->bucket_failures, 5u);

  if (context == NULL)
    return;

  if (self->bucket_cancellable == NULL)
    self->bucket_cancellable = g_cancellable_new ();

  clear_probe (self);
  self->bucket_probe = g_timeout_source_new (MIN (delay, LAST_PROBE_MS));
  g_source_set_callback (self->bucket_probe, probe_cb, self, NULL);
  g_source_set_static_name (self->bucket_probe, "[medialib] bucket probe");
  g_source_attach (self->bucket_probe, context);
}

/* On the watching context */
static gboolean
bucket_out_cb (gpointer user_data)
{
  MedialibStore *self = user_data;

  if (!self->bucket_reachable || !is_watching (self))
    return G_SOURCE_REMOVE;

  g_debug ("The bucket cannot be reached: probing it");
  self->bucket_failures = 0;
  set_bucket_reachable (self, FALSE);
  schedule_probe (self);

  return G_SOURCE_REMOVE;
}

/* In whatever thread sent the request */
static void
on_client_unreachable_cb (MedialibS3Client *client,
                          const GError     *error,
                          MedialibStore    *self)
{
  g_autoptr(GMainContext) context = _medialib_store_ref_watch_context (self);
  g_autoptr(GSource) source = NULL;

  if (context == NULL)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, bucket_out_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[medialib] bucket out of reach");
  g_source_attach (source, context);
}

/* Once the store is open: a team library's client is followed (once it is watched) */
void
_medialib_store_init_bucket (MedialibStore *self)
{
  MedialibS3Client *client;

  if (!MEDIALIB_IS_S3_BLOBS (self->blobs))
    return;

  client = medialib_s3_blobs_get_client (MEDIALIB_S3_BLOBS (self->blobs));
  self->bucket = G_OBJECT (g_object_ref (client));
  g_signal_connect (client, "unreachable", G_CALLBACK (on_client_unreachable_cb), self);
}

void
_medialib_store_clear_bucket (MedialibStore *self)
{
  g_cancellable_cancel (self->bucket_cancellable);
  g_clear_object (&self->bucket_cancellable);
  clear_probe (self);

  if (self->bucket != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->bucket, on_client_unreachable_cb, self);
      g_clear_object (&self->bucket);
    }
}
