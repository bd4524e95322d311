/* medialib-import-progress.c — an import's progress, reported in its caller's main context
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-import"

#include "config.h"

#include "medialib-import-private.h"

/*
 * The import's threads report each file as it is done; the caller's callback runs in the
 * thread-default main context of the call that started the import, and the caller's data
 * is released there too, once the import and every report still on their way are done.
 */

struct _MedialibImportProgressSink
{
  int                         ref_count;
  GMainContext               *context;
  MedialibImportProgressFunc  func;
  gpointer                    data;
  GDestroyNotify              notify;
};

typedef struct
{
  MedialibImportProgressSink *sink;
  guint                       done;
  guint                       total;
  MedialibImportResult       *last;
} ProgressMessage;

static MedialibImportResult *
import_result_copy (const MedialibImportResult *result)
{
  MedialibImportResult *copy = g_new0 (MedialibImportResult, 1);

  copy->path = g_strdup (result->path);
  copy->status = result->status;
  copy->id = result->id;
  copy->name = g_strdup (result->name);
  copy->reason = g_strdup (result->reason);

  return copy;
}

/* Called in the thread-default main context of the caller */
MedialibImportProgressSink *
_medialib_import_progress_sink_new (MedialibImportProgressFunc func,
                                    gpointer                   data,
                                    GDestroyNotify             notify)
{
  MedialibImportProgressSink *sink = g_new0 (MedialibImportProgressSink, 1);

  sink->ref_count = 1;
  sink->context = g_main_context_ref_thread_default ();
  sink->func = func;
  sink->data = data;
  sink->notify = notify;

  return sink;
}

static MedialibImportProgressSink *
progress_sink_ref (MedialibImportProgressSink *sink)
{
  g_atomic_int_inc (&sink->ref_count);
  return sink;
}

static gboolean
progress_sink_notify_cb (gpointer data)
{
  MedialibImportProgressSink *sink = data;

  if (sink->notify != NULL)
    sink->notify (sink->data);
  g_main_context_unref (sink->context);
  g_free (sink);

  return G_SOURCE_REMOVE;
}

void
_medialib_import_progress_sink_unref (MedialibImportProgressSink *sink)
{
  /* The caller's data is released in the caller's context. */
  if (g_atomic_int_dec_and_test (&sink->ref_count))
    g_main_context_invoke (sink->context, progress_sink_notify_cb, sink);
}

static void
progress_message_free (gpointer data)
{
  ProgressMessage *message = data;

  medialib_import_result_free (message->last);
  _medialib_import_progress_sink_unref (message->sink);
  g_free (message);
}

static gboolean
progress_message_dispatch_cb (gpointer data)
{
  ProgressMessage *message = data;

  message->sink->func (message->done, message->total, message->last, message->sink->data);
  return G_SOURCE_REMOVE;
}

/* From any thread; @sink may be NULL (a synchronous import) */
void
_medialib_import_progress_report (MedialibImportProgressSink *sink,
                                  guint                       done,
                                  guint                       total,
                                  const MedialibImportResult *last)
{
  ProgressMessage *message;

  if (sink == NULL || sink->func == NULL)
    return;

  message = g_new0 (ProgressMessage, 1);
  message->sink = progress_sink_ref (sink);
  message->done = done;
  message->total = total;
  message->last = last ? import_result_copy (last) : NULL;

  g_main_context_invoke_full (sink->context, G_PRIORITY_DEFAULT,
                              progress_message_dispatch_cb, message, progress_message_free);
}
