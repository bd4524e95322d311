/* test-import-progress.c — a 50-file folder upload: its progress file by file, its cancel
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-asset-private.h"
#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-query.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

#define N_FILES MEDIALIB_FOLDER_MAX_FILES

/* Each asset's row waits this long in the database: a catalog slower than the uploads, as a
 * team library's far server is */
#define SLOW_ROW_SQL \
  "CREATE FUNCTION medialib_test_slow () RETURNS trigger LANGUAGE plpgsql" \
  " AS $$ BEGIN PERFORM pg_sleep (0.1); RETURN NEW; END $$;" \
  " CREATE TRIGGER slow BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION medialib_test_slow ();"

typedef struct
{
  Fixture      *f;
  GMainLoop    *loop;
  GCancellable *cancellable;
  guint         cancel_at;     /* 0: never */
  GArray       *done;          /* (element-type guint) each report's done */
  GArray       *times;         /* (element-type gint64) when each report came */
  GArray       *added;         /* (element-type gint64) the reported added assets */
  guint         skipped;
  guint         total;
  GPtrArray    *results;
  GError       *error;
} Run;

static GFile *
make_folder (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->input, "folder", NULL);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u.jpg", i);
      g_autofree char *path = test_write_image (dir, name, "jpeg", 320, 240, 4000 + i);
    }

  return g_file_new_for_path (dir);
}

static void
on_progress (guint                       done,
             guint                       total,
             const MedialibImportResult *last,
             gpointer                    user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  g_assert_nonnull (last);
  g_array_append_val (run->done, done);
  g_array_append_val (run->times, now);
  run->total = total;

  if (last->status == MEDIALIB_IMPORT_ADDED)
    g_array_append_val (run->added, last->id);
  else
    {
      g_assert_cmpint (last->status, ==, MEDIALIB_IMPORT_SKIPPED);
      run->skipped++;
    }

  if (run->cancel_at > 0 && done == run->cancel_at)
    g_cancellable_cancel (run->cancellable);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->results = medialib_store_import_finish (MEDIALIB_STORE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_import (Fixture *f,
            Run     *run,
            guint    cancel_at)
{
  g_autoptr(GFile) folder = make_folder (f);

  run->f = f;
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  run->cancel_at = cancel_at;
  run->done = g_array_new (FALSE, FALSE, sizeof (guint));
  run->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->added = g_array_new (FALSE, FALSE, sizeof (gint64));

  medialib_store_import_async (f->store, &folder, 1, NULL, run->cancellable,
                               on_progress, run, NULL, on_done, run);
  g_main_loop_run (run->loop);

  /* The last reports */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->done, g_array_unref);
  g_clear_pointer (&run->times, g_array_unref);
  g_clear_pointer (&run->added, g_array_unref);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_error (&run->error);
}

/* One report per file, 1 to 50 in order */
static void
assert_one_report_per_file (Run *run)
{
  g_assert_cmpuint (run->done->len, ==, N_FILES);
  g_assert_cmpuint (run->total, ==, N_FILES);
  for (guint i = 0; i < run->done->len; i++)
    g_assert_cmpuint (g_array_index (run->done, guint, i), ==, i + 1);
}

/* Every asset of the library is one that was reported added, its file in the bucket (for a
 * team library; in media/ for a local one) */
static void
assert_library_is_what_was_reported (Fixture *f,
                                     Run     *run)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) reported = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < run->added->len; i++)
    g_hash_table_add (reported, &g_array_index (run->added, gint64, i));
  g_assert_cmpuint (g_hash_table_size (reported), ==, run->added->len);

  g_assert_cmpint (medialib_store_count (f->store), ==, run->added->len);
  assets = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, run->added->len);

  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);
      gint64 id = medialib_asset_get_id (asset);
      const char *suffix = _medialib_media_suffix (medialib_asset_get_mime (asset));

      g_assert_true (g_hash_table_contains (reported, &id));
      g_assert_true (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA,
                                              medialib_asset_get_sha256 (asset), suffix));
    }
}

/* A folder of 50 files into a library whose catalog is slower than the uploads: the
 * progress moves once per file, each file told when its row is in, not many at once */
static void
test_progress_per_file (Fixture       *f,
                        gconstpointer  data)
{
  Run run = { 0 };
  guint bunched = 0;

  test_library_exec (f, SLOW_ROW_SQL);
  run_import (f, &run, 0);

  g_assert_no_error (run.error);
  g_assert_nonnull (run.results);
  g_assert_cmpuint (run.results->len, ==, N_FILES);
  assert_one_report_per_file (&run);
  g_assert_cmpuint (run.added->len, ==, N_FILES);
  g_assert_cmpuint (run.skipped, ==, 0);

  /* Each row takes 100 ms: reports closer than 30 ms came in a bunch */
  for (guint i = 1; i < run.times->len; i++)
    if (g_array_index (run.times, gint64, i) - g_array_index (run.times, gint64, i - 1) < 30000)
      bunched++;
  g_test_message ("%u of %u reports came less than 30 ms after the one before", bunched, N_FILES - 1);
  g_assert_cmpuint (bunched, <=, 5);

  assert_library_is_what_was_reported (f, &run);
  run_clear (&run);
}

/* Cancelled after 10 files: the import stops, what it reported added is in the library, each
 * with its file, and nothing else; the other files are reported skipped */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  Run run = { 0 };

  run_import (f, &run, 10);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.results);
  assert_one_report_per_file (&run);
  g_test_message ("%u added, %u skipped", run.added->len, run.skipped);
  g_assert_cmpuint (run.added->len, >=, 10);
  g_assert_cmpuint (run.added->len, <, N_FILES);
  g_assert_cmpuint (run.added->len + run.skipped, ==, N_FILES);

  assert_library_is_what_was_reported (f, &run);
  run_clear (&run);
}

/* Cancelled after 10 files while the catalog lags behind the uploads: the files already
 * stored add no row after the cancel, and the import ends at once */
static void
test_cancel_slow_rows (Fixture       *f,
                       gconstpointer  data)
{
  Run run = { 0 };
  gint64 cancelled, ended;

  test_library_exec (f, SLOW_ROW_SQL);
  run_import (f, &run, 10);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_one_report_per_file (&run);
  g_test_message ("%u added, %u skipped", run.added->len, run.skipped);
  /* The tenth report cancels; a row or two under way may still be added */
  g_assert_cmpuint (run.added->len, >=, 10);
  g_assert_cmpuint (run.added->len, <=, 12);
  g_assert_cmpuint (run.added->len + run.skipped, ==, N_FILES);

  /* Reported, then ended, within a row's time or two after the cancel (not 100 ms a file) */
  cancelled = g_array_index (run.times, gint64, 9);
  ended = g_array_index (run.times, gint64, run.times->len - 1);
  g_test_message ("the last report came %" G_GINT64_FORMAT " ms after the cancel", (ended - cancelled) / 1000);
  g_assert_cmpint (ended - cancelled, <, 1000 * 1000);

  assert_library_is_what_was_reported (f, &run);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  /* The slow rows are a PostgreSQL trigger */
  test_add_for_backends (TEST_SHARED_DATABASE, "/medialib/import-progress", "per-file", Fixture, NULL,
                         test_library_setup, test_progress_per_file, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/import-progress", "cancel", Fixture, NULL,
                         test_library_setup, test_cancel, test_library_teardown);
  test_add_for_backends (TEST_SHARED_DATABASE, "/medialib/import-progress", "cancel-slow-rows", Fixture, NULL,
                         test_library_setup, test_cancel_slow_rows, test_library_teardown);

  return g_test_run ();
}
