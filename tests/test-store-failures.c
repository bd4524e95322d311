/* test-store-failures.c — a change whose step fails in the database, at once or at COMMIT:
 * all or nothing, and the store usable after (part of test-store)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-import.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"
#include "test-store.h"

typedef TestLibrary Fixture;

typedef struct
{
  MedialibStore *store;
  GMutex         mutex;
  GCond          cond;
  gboolean       done;
  gint64         count;
} CountCall;

static gpointer
count_thread (gpointer data)
{
  CountCall *call = data;
  gint64 count = medialib_store_count (call->store);

  g_mutex_lock (&call->mutex);
  call->count = count;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
  return NULL;
}

/* The store's count, asked from another thread: a transaction left open keeps the store's
 * lock and that thread would wait forever, so the wait is bounded */
static gint64
count_elsewhere (MedialibStore *store)
{
  CountCall call = { .store = store };
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GThread *thread;
  gboolean done;

  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);
  thread = g_thread_new ("count", count_thread, &call);
  g_mutex_lock (&call.mutex);
  while (!call.done && g_cond_wait_until (&call.cond, &call.mutex, deadline))
    ;
  done = call.done;
  g_mutex_unlock (&call.mutex);
  if (!done)
    g_error ("The next store call still waits after 10 s: the failed call kept the store's lock");

  g_thread_join (thread);
  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);
  return call.count;
}

static gboolean
import_new (Fixture  *f,
            GError  **error)
{
  g_autofree char *png = test_write_image (f->tmp, "new.png", "png", 20, 20, 5);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = medialib_store_import (f->store, &file, 1, NULL, NULL, error);
  MedialibImportResult *r = results != NULL ? g_ptr_array_index (results, 0) : NULL;

  if (r != NULL && r->status != MEDIALIB_IMPORT_ADDED)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, r->reason);
  return r != NULL && r->status == MEDIALIB_IMPORT_ADDED;
}

static gboolean
add_bytes_new (Fixture  *f,
               GError  **error)
{
  g_autofree char *png = test_write_image (f->tmp, "made.png", "png", 20, 20, 6);
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  bytes = g_bytes_new_take (data, length);
  return _medialib_store_add_bytes (f->store, bytes, "made.png", "crop", 0, NULL, NULL, error) != 0;
}

/* Every change made in a transaction, and the write on which a trap makes it fail */
static const struct
{
  const char *name;
  const char *event;
  const char *table;
} failing[] = {
  { "delete", "DELETE", "tags" },  /* the tag that only this asset had goes too */
  { "edit", "DELETE", "tags" },
  { "create-label", "INSERT", "teams" },
  { "rename-label", "UPDATE", "tags" },
  { "delete-label", "DELETE", "teams" },
  { "import", "INSERT", "assets" },
  { "add-bytes", "INSERT", "assets" },
  { "record-generation", "INSERT", "generations" },
};

static gboolean
run_failing (Fixture  *f,
             guint     which,
             gint64    id,
             GError  **error)
{
  const char *only[] = { "Only", NULL };
  MedialibEdit edit = { .remove_tags = only, .rename = "renamed.png" };

  switch (which)
    {
    case 0: return medialib_store_delete (f->store, id, error);
    case 1: return medialib_store_edit (f->store, id, &edit, error);
    case 2: return medialib_store_create_label (f->store, MEDIALIB_LABEL_TEAM, "Brand", error);
    case 3: return medialib_store_rename_label (f->store, MEDIALIB_LABEL_TAG, "Only", "Renamed", error);
    case 4: return medialib_store_delete_label (f->store, MEDIALIB_LABEL_TEAM, "Growth", error);
    case 5: return import_new (f, error);
    case 6: return add_bytes_new (f, error);
    case 7: return medialib_catalog_record_generation (f->store->catalog, "a cat", "model", 1, error) != 0;
    default: g_assert_not_reached ();
    }
}

/* A step fails for real in the database, at once (a trigger raises) or at COMMIT (a trigger
 * breaks a deferred foreign key): the call fails, all or nothing, and leaves the store usable */
static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  guint which = GPOINTER_TO_UINT (data) / 2;
  gboolean at_commit = GPOINTER_TO_UINT (data) % 2;
  gint64 id = test_store_add_row (f->store, "kept.png", "image", 1, "Only", "Growth");
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trap = f->backend->trap_sql (failing[which].event, failing[which].table, at_commit);

  test_library_exec (f, trap);

  g_assert_false (run_failing (f, which, id, &error));
  g_assert_nonnull (error);
  g_test_message ("%s failed: %s", failing[which].name, error->message);
  g_clear_error (&error);

  /* The next call, from another thread, completes and finds nothing changed */
  g_assert_cmpint (count_elsewhere (f->store), ==, 1);
  asset = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "kept.png");
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Only", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Growth", NULL }));

  /* The database's write lock is free too: another connection removes the trap */
  test_library_exec (f, f->backend->untrap_sql);
  g_assert_true (run_failing (f, which, id, &error));
  g_assert_no_error (error);
}

void
test_store_add_failure_tests (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (failing) * 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("failure-rolls-back/%s/%s",
                                               failing[i / 2].name, i % 2 ? "at-commit" : "at-once");

      test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/store", name, Fixture, GUINT_TO_POINTER (i),
                             test_library_setup, test_failure_rolls_back, test_library_teardown);
    }
}
