/* test-live.c — a library's changes told as they happen: a store's own writes once each, a
 * team library's other members' within two seconds, the listening connection lost and found
 * again; who added each asset
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-pg-catalog.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* --- What a store told ------------------------------------------------------------------- */

/* The changes and reachability a store told, as text: "assets-added 12", "labels",
 * "reachable false" */
typedef struct
{
  GPtrArray *told;
} Log;

static void
on_changed_cb (MedialibStore      *store,
               MedialibChangeKind  kind,
               GArray             *ids,
               Log                *log)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MEDIALIB_TYPE_CHANGE_KIND);
  GString *text = g_string_new (g_enum_get_value (klass, kind)->value_nick);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%c%" G_GINT64_FORMAT, i == 0 ? ' ' : ',', g_array_index (ids, gint64, i));
  g_ptr_array_add (log->told, g_string_free (text, FALSE));
}

static void
on_reachable_cb (MedialibStore *store,
                 GParamSpec    *pspec,
                 Log           *log)
{
  g_ptr_array_add (log->told, g_strdup_printf ("reachable %s",
                                               medialib_store_get_reachable (store) ? "true" : "false"));
}

static Log *
log_new (MedialibStore *store)
{
  Log *log = g_new0 (Log, 1);

  log->told = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), log);
  g_signal_connect (store, "notify::reachable", G_CALLBACK (on_reachable_cb), log);
  return log;
}

static void
log_free (Log *log)
{
  g_ptr_array_unref (log->told);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Log, log_free)

/* Runs the main loop until @log has @n entries or @ms passed; returns the time it took */
static gint64
wait_for (Log   *log,
          guint  n,
          guint  ms)
{
  return test_wait_told (log->told, n, ms);
}

static void
assert_told (Log                *log,
             const char * const *expected)
{
  test_assert_told (log->told, expected);
}

static char *
told (const char *format,
      gint64      id)
{
  return g_strdup_printf (format, id);
}

/* --- Writing ----------------------------------------------------------------------------- */

static gint64
import_one (Fixture       *f,
            MedialibStore *store,
            const char    *name,
            guint32        seed,
            const char    *tag)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 20, 20, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  char *tags[] = { (char *) tag, NULL };
  MedialibImportOptions options = { .tags = tag != NULL ? tags : NULL };
  MedialibImportResult *r;

  results = medialib_store_import (store, &file, 1, &options, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

static gint64
crop_one (Fixture       *f,
          MedialibStore *store,
          gint64         parent,
          guint32        seed)
{
  g_autofree char *png = test_write_image (f->tmp, "crop.png", "png", 10, 10, seed);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;
  gint64 id;

  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  id = _medialib_store_add_bytes (store, bytes, "crop.png", "crop", parent, NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
edit_one (MedialibStore      *store,
          gint64              id,
          const MedialibEdit *edit)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_store_edit (store, id, edit, &error));
  g_assert_no_error (error);
}

static void
generate_one (MedialibStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean reserved = FALSE;
  guint used = 0;

  g_assert_true (medialib_catalog_reserve_generation (store->catalog, g_get_real_time () / G_USEC_PER_SEC - 60,
                                                      10, &reserved, &used, &error));
  g_assert_no_error (error);
  g_assert_true (reserved);
  g_assert_cmpint (medialib_catalog_record_generation (store->catalog, "a cat", "model-x", 1, &error), >, 0);
  g_assert_no_error (error);
}

/* --- A store's own writes ---------------------------------------------------------------- */

/* Every write of the store is told once, on the main loop of the thread that watches, for
 * either backend; a team library's own notices coming back are not told again. Nothing is
 * told before the store is watched. */
static void
test_own_writes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Log) log = log_new (f->store);
  g_autoptr(GError) error = NULL;
  const char *promo[] = { "Promo", NULL };
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *cropped = NULL;
  gint64 id, crop;

  import_one (f, f->store, "before.png", 1, NULL);
  test_spin (300);
  assert_told (log, (const char *[]) { NULL });

  g_assert_true (medialib_store_watch (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_store_get_reachable (f->store));
  g_assert_true (medialib_store_watch (f->store, &error));   /* again: nothing more */

  id = import_one (f, f->store, "hero.png", 2, "Launch");
  added = told ("assets-added %" G_GINT64_FORMAT, id);
  wait_for (log, 2, 2000);
  test_spin (500);
  assert_told (log, (const char *[]) { added, "labels", NULL });

  edit_one (f->store, id, &(MedialibEdit) { .add_tags = promo, .rename = "renamed.png" });
  changed = told ("assets-changed %" G_GINT64_FORMAT, id);
  wait_for (log, 2, 2000);
  test_spin (500);
  assert_told (log, (const char *[]) { changed, "labels", NULL });

  crop = crop_one (f, f->store, id, 3);
  cropped = told ("assets-added %" G_GINT64_FORMAT, crop);
  wait_for (log, 1, 2000);
  test_spin (500);
  assert_told (log, (const char *[]) { cropped, NULL });

  generate_one (f->store);
  wait_for (log, 2, 2000);
  test_spin (500);
  assert_told (log, (const char *[]) { "generations", "generations", NULL });

  g_assert_true (medialib_store_delete (f->store, id, &error));
  g_assert_no_error (error);
  removed = told ("assets-removed %" G_GINT64_FORMAT, id);
  wait_for (log, 2, 2000);
  test_spin (500);
  assert_told (log, (const char *[]) { removed, "labels", NULL });
}

/* Each asset records the member who added it (imported or made from another), and another
 * store of the same library reads it back */
static void
test_added_by (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) imported = NULL;
  g_autoptr(MedialibAsset) made = NULL;
  g_autoptr(MedialibStore) other = NULL;
  gint64 id, made_id;

  g_assert_nonnull (medialib_store_get_member_name (f->store));
  g_assert_cmpstr (medialib_store_get_member_name (f->store), !=, "");
  medialib_store_set_member_name (f->store, "Amélie Martin");
  id = import_one (f, f->store, "hers.png", 31, NULL);
  medialib_store_set_member_name (f->store, "Bob");
  made_id = crop_one (f, f->store, id, 32);

  other = f->backend->open (f->library, &error);
  g_assert_no_error (error);
  imported = medialib_store_get_asset (other, id, &error);
  g_assert_no_error (error);
  made = medialib_store_get_asset (other, made_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_added_by (imported), ==, "Amélie Martin");
  g_assert_cmpstr (medialib_asset_get_added_by (made), ==, "Bob");
  g_assert_cmpint (ABS (medialib_asset_get_added (imported) - g_get_real_time () / G_USEC_PER_SEC), <=, 60);
}

/* A notice's text: the ids round trip; too many of them for a NOTIFY make a resync */
static void
test_notice_text (void)
{
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  g_autofree char *session = NULL;
  g_autofree char *text = NULL;
  g_autofree char *big = NULL;
  MedialibChangeKind kind;
  gint64 three[] = { 1, 42, G_MAXINT64 };

  text = medialib_change_encode ("abc123", MEDIALIB_CHANGE_ASSETS_REMOVED, three, 3);
  g_assert_cmpstr (text, ==, "abc123 r 1,42,9223372036854775807");
  g_assert_true (medialib_change_decode (text, &session, &kind, &ids));
  g_assert_cmpstr (session, ==, "abc123");
  g_assert_cmpint (kind, ==, MEDIALIB_CHANGE_ASSETS_REMOVED);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), three, sizeof three);
  g_clear_pointer (&session, g_free);
  g_clear_pointer (&ids, g_array_unref);

  for (gint64 id = 1000000; id < 1001000; id++)
    g_array_append_val (many, id);
  big = medialib_change_encode ("abc123", MEDIALIB_CHANGE_ASSETS_ADDED, (gint64 *) (gpointer) many->data, many->len);
  g_assert_cmpstr (big, ==, "abc123 s");
  g_assert_true (medialib_change_decode (big, &session, &kind, &ids));
  g_assert_cmpint (kind, ==, MEDIALIB_CHANGE_RESYNC);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&session, g_free);
  g_clear_pointer (&ids, g_array_unref);

  /* 900 ids of 7 digits fit below 8000 bytes */
  g_array_set_size (many, 900);
  g_clear_pointer (&big, g_free);
  big = medialib_change_encode ("abc123", MEDIALIB_CHANGE_ASSETS_ADDED, (gint64 *) (gpointer) many->data, many->len);
  g_assert_cmpuint (strlen (big), <=, MEDIALIB_CHANGE_MAX_PAYLOAD);
  g_assert_true (medialib_change_decode (big, &session, &kind, &ids));
  g_assert_cmpuint (ids->len, ==, 900);

  g_assert_false (medialib_change_decode ("", &session, &kind, &ids));
  g_assert_false (medialib_change_decode ("abc x 1", &session, &kind, &ids));
  g_assert_false (medialib_change_decode ("abc a 1,,2", &session, &kind, &ids));
  g_assert_false (medialib_change_decode ("abc a -1", &session, &kind, &ids));
}

/* --- Two members of a team library ------------------------------------------------------- */

/* A second member: another folder connected to the same database and bucket */
static MedialibStore *
open_member (Fixture    *f,
             const char *name)
{
  g_autofree char *dir = g_build_filename (f->tmp, name, NULL);
  g_autofree char *ini = g_build_filename (f->library, "team.ini", NULL);
  g_autofree char *copy = g_build_filename (dir, "team.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  MedialibStore *store;

  g_assert_true (g_file_get_contents (ini, &contents, NULL, &error));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, -1, &error));
  store = f->backend->open (dir, &error);
  g_assert_no_error (error);

  return store;
}

static void
on_watched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_store_watch_finish (MEDIALIB_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
watch_async (MedialibStore *store)
{
  gboolean done = FALSE;

  medialib_store_watch_async (store, NULL, on_watched_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs until both logs have their count; asserts that the other member heard of it less
 * than two seconds after the write began (at @start, monotonic) */
static void
wait_both (gint64  start,
           Log    *writer,
           guint   n_writer,
           Log    *other,
           guint   n_other)
{
  gint64 took;

  wait_for (other, n_other, 5000);
  took = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("told the other member %" G_GINT64_FORMAT " ms after the write began", took);
  g_assert_cmpint (took, <, 2000);
  wait_for (writer, n_writer, 2000);
  test_spin (300);   /* a duplicate would come now */
}

/* One member's import, edit, rename, crop, generation, label rename and delete reach the
 * other member's store within two seconds, each once; the writer tells its own once. */
static void
test_other_member (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedialibStore) other = open_member (f, "member-b");
  g_autoptr(Log) mine = log_new (f->store);
  g_autoptr(Log) theirs = log_new (other);
  g_autoptr(GError) error = NULL;
  const char *promo[] = { "Promo", NULL };
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *cropped = NULL;
  g_autofree char *removed = NULL;
  gint64 id, crop, start;

  g_assert_true (medialib_store_watch (f->store, &error));
  g_assert_no_error (error);
  watch_async (other);

  start = g_get_monotonic_time ();
  id = import_one (f, f->store, "hero.png", 2, "Launch");
  added = told ("assets-added %" G_GINT64_FORMAT, id);
  wait_both (start, mine, 2, theirs, 2);
  assert_told (theirs, (const char *[]) { added, "labels", NULL });
  assert_told (mine, (const char *[]) { added, "labels", NULL });

  start = g_get_monotonic_time ();
  edit_one (f->store, id, &(MedialibEdit) { .add_tags = promo });
  changed = told ("assets-changed %" G_GINT64_FORMAT, id);
  wait_both (start, mine, 2, theirs, 2);
  assert_told (theirs, (const char *[]) { changed, "labels", NULL });
  assert_told (mine, (const char *[]) { changed, "labels", NULL });

  start = g_get_monotonic_time ();
  edit_one (f->store, id, &(MedialibEdit) { .rename = "renamed.png" });
  wait_both (start, mine, 1, theirs, 1);
  assert_told (theirs, (const char *[]) { changed, NULL });
  assert_told (mine, (const char *[]) { changed, NULL });

  start = g_get_monotonic_time ();
  crop = crop_one (f, f->store, id, 3);
  cropped = told ("assets-added %" G_GINT64_FORMAT, crop);
  wait_both (start, mine, 1, theirs, 1);
  assert_told (theirs, (const char *[]) { cropped, NULL });
  assert_told (mine, (const char *[]) { cropped, NULL });

  start = g_get_monotonic_time ();
  generate_one (f->store);
  wait_both (start, mine, 2, theirs, 2);
  assert_told (theirs, (const char *[]) { "generations", "generations", NULL });
  assert_told (mine, (const char *[]) { "generations", "generations", NULL });

  start = g_get_monotonic_time ();
  g_assert_true (medialib_store_rename_label (f->store, MEDIALIB_LABEL_TAG, "Launch", "Go", &error));
  g_assert_no_error (error);
  wait_both (start, mine, 1, theirs, 1);
  assert_told (theirs, (const char *[]) { "labels", NULL });
  assert_told (mine, (const char *[]) { "labels", NULL });

  /* And back: the other member deletes */
  start = g_get_monotonic_time ();
  g_assert_true (medialib_store_delete (other, id, &error));
  g_assert_no_error (error);
  removed = told ("assets-removed %" G_GINT64_FORMAT, id);
  wait_both (start, theirs, 2, mine, 2);
  assert_told (mine, (const char *[]) { removed, "labels", NULL });
  assert_told (theirs, (const char *[]) { removed, "labels", NULL });
}

static PGconn *
admin_connect (void)
{
  PGconn *admin = PQconnectdb (g_getenv ("MEDIALIB_TEST_PG_ADMIN"));

  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  return admin;
}

/* Ends the sessions that listen on @channel, as an administrator (or a restart) would */
static guint
terminate_listeners (const char *channel)
{
  PGconn *admin = admin_connect ();
  g_autofree char *listen = g_strdup_printf ("LISTEN \"%s\"", channel);
  const char *params[] = { listen };
  PGresult *result;
  guint n;

  result = PQexecParams (admin, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity WHERE query = $1",
                         1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = PQntuples (result);
  PQclear (result);
  PQfinish (admin);

  return n;
}

/* The listening connection dropped: :reachable goes FALSE, then TRUE once it listens again,
 * and a resync tells that notices were missed; the other member's changes arrive again. */
static void
test_connection_lost (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MedialibStore) other = open_member (f, "member-b");
  g_autoptr(Log) theirs = log_new (other);
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  const char *channel = medialib_pg_catalog_get_channel (MEDIALIB_PG_CATALOG (other->catalog));
  gint64 id, took, start;

  watch_async (other);
  g_assert_cmpuint (terminate_listeners (channel), ==, 1);

  took = wait_for (theirs, 3, 10000);
  g_test_message ("listening again after %" G_GINT64_FORMAT " ms", took);
  assert_told (theirs, (const char *[]) { "reachable false", "reachable true", "resync", NULL });
  g_assert_true (medialib_store_get_reachable (other));

  start = g_get_monotonic_time ();
  id = import_one (f, f->store, "after.png", 4, NULL);
  added = told ("assets-added %" G_GINT64_FORMAT, id);
  wait_for (theirs, 1, 5000);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 2000);
  test_spin (300);
  assert_told (theirs, (const char *[]) { added, NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/live/notice-text", test_notice_text);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/live", "own-writes", Fixture, NULL,
                         test_library_setup, test_own_writes, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/live", "added-by", Fixture, NULL,
                         test_library_setup, test_added_by, test_library_teardown);
  test_add_for_backends (TEST_SHARED_DATABASE, "/medialib/live", "other-member", Fixture, NULL,
                         test_library_setup, test_other_member, test_library_teardown);
  test_add_for_backends (TEST_SHARED_DATABASE, "/medialib/live", "connection-lost", Fixture, NULL,
                         test_library_setup, test_connection_lost, test_library_teardown);

  return g_test_run ();
}
