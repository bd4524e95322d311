/* test-live-bucket.c — a team library whose bucket goes out of reach and comes back: a proxy
 * of our own in front of the real RADOS Gateway refuses connections, then takes them again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-s3-blobs.h"
#include "medialib-store-private.h"
#include "medialib-test-proxy.h"
#include "medialib-test-team.h"
#include "medialib-test-util.h"

typedef struct
{
  char          *tmp;
  char          *library;
  TestProxy     *proxy;
  MedialibStore *store;
  GPtrArray     *told;    /* "reachable false bucket", "resync", "assets-added 3"… */
} Fixture;

static void
on_changed_cb (MedialibStore      *store,
               MedialibChangeKind  kind,
               GArray             *ids,
               Fixture            *f)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MEDIALIB_TYPE_CHANGE_KIND);

  g_ptr_array_add (f->told, g_strdup (g_enum_get_value (klass, kind)->value_nick));
}

static void
on_reachable_cb (MedialibStore *store,
                 GParamSpec    *pspec,
                 Fixture       *f)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MEDIALIB_TYPE_STORE_SERVER);
  MedialibStoreServer server = medialib_store_get_unreachable_server (store);

  g_ptr_array_add (f->told, g_strdup_printf ("reachable %s %s",
                                             medialib_store_get_reachable (store) ? "true" : "false",
                                             g_enum_get_value (klass, server)->value_nick));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->told = g_ptr_array_new_with_free_func (g_free);
  if (g_getenv ("MEDIALIB_TEST_PG") == NULL || !test_have_gateway ())
    {
      if (g_getenv ("CI") != NULL)
        g_error ("MEDIALIB_TEST_PG is not set: the team tests run through tests/team-servers.py");
      g_test_skip ("Run through tests/team-servers.py (build-aux/dev test --suite team)");
      return;
    }

  f->tmp = test_make_tmpdir ("live-bucket");
  f->library = g_build_filename (f->tmp, "library", NULL);
  f->proxy = test_proxy_new (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT"));
  f->store = test_team_open_with_endpoint (f->library, test_proxy_get_endpoint (f->proxy), &error);
  g_assert_no_error (error);

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->store, "notify::reachable", G_CALLBACK (on_reachable_cb), f);
  g_assert_true (medialib_store_watch (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->proxy, test_proxy_free);
  if (f->library != NULL)
    test_team_cleanup (f->library);
  if (f->tmp != NULL)
    test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->library);
  g_ptr_array_unref (f->told);
}

/* Runs the main loop until the store told @n things or @ms passed; returns the time taken */
static gint64
wait_for (Fixture *f,
          guint    n,
          guint    ms)
{
  return test_wait_told (f->told, n, ms);
}

static void
assert_told (Fixture            *f,
             const char * const *expected)
{
  test_assert_told (f->told, expected);
}

/* Imports @name: the import's results, or NULL with @error set */
static GPtrArray *
import (Fixture     *f,
        const char  *name,
        guint32      seed,
        GError     **error)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 20, 20, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  MedialibImportOptions options = { 0 };

  return medialib_store_import (f->store, &file, 1, &options, NULL, error);
}

static gint64
import_one (Fixture    *f,
            const char *name,
            guint32     seed)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = import (f, name, seed, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

/* The message an import that could not reach the bucket gives */
static char *
import_failure (Fixture    *f,
                const char *name,
                guint32     seed)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = import (f, name, seed, &error);
  if (results == NULL)
    {
      g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE);
      return g_strdup (error->message);
    }

  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, !=, MEDIALIB_IMPORT_ADDED);
  g_assert_nonnull (r->reason);
  return g_strdup (r->reason);
}

/* A refusal by the server (a 404) is an answer: nothing is told. The bucket out of reach:
 * an import fails with a clear message and :reachable goes FALSE, the bucket named, within
 * a few seconds; the library and its cached thumbnails stay;
 * probed again and again meanwhile, without flapping. Back: :reachable TRUE and a resync,
 * imports work again, nothing was lost. */
static void
test_bucket_lost (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedialibS3Object) object = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *added = NULL;
  gint64 first, second, took;
  const char *thumbnail;

  if (g_test_failed () || f->store == NULL)
    return;

  object = medialib_s3_client_head_object (medialib_s3_blobs_get_client (MEDIALIB_S3_BLOBS (f->store->blobs)),
                                           "no-such-object", NULL, &error);
  g_assert_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NOT_FOUND);
  g_clear_error (&error);
  test_spin (1500);
  assert_told (f, (const char *[]) { NULL });
  g_assert_true (medialib_store_get_reachable (f->store));

  first = import_one (f, "before.png", 1);
  wait_for (f, 1, 5000);
  added = g_strdup ("assets-added");
  assert_told (f, (const char *[]) { added, NULL });

  test_proxy_close (f->proxy);
  message = import_failure (f, "during.png", 2);
  g_test_message ("The import said: %s", message);
  g_assert_nonnull (strstr (message, "object store"));
  g_assert_nonnull (strstr (message, test_proxy_get_endpoint (f->proxy) + strlen ("http://")));

  took = wait_for (f, 1, 5000);
  g_test_message ("out of reach after %" G_GINT64_FORMAT " ms", took);
  assert_told (f, (const char *[]) { "reachable false bucket", NULL });
  g_assert_false (medialib_store_get_reachable (f->store));
  g_assert_cmpint (medialib_store_get_unreachable_server (f->store), ==, MEDIALIB_STORE_SERVER_BUCKET);

  /* Probed meanwhile (after 1 s, then 2 s), still out of reach: nothing more is told */
  test_spin (3500);
  assert_told (f, (const char *[]) { NULL });
  g_assert_cmpuint (f->store->bucket_failures, >=, 2);

  /* What is shown stays: the catalog, the thumbnail in the folder's cache */
  g_assert_cmpint (medialib_store_count (f->store), ==, 1);
  asset = medialib_store_get_asset (f->store, first, &error);
  g_assert_no_error (error);
  thumbnail = medialib_asset_get_thumbnail_path (asset);
  g_assert_nonnull (thumbnail);
  g_assert_true (g_str_has_prefix (thumbnail, f->library));
  g_assert_true (g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR));

  /* Back: told within the next probe (4 s after the last one at most) */
  test_proxy_open (f->proxy);
  took = wait_for (f, 2, 10000);
  g_test_message ("reachable again after %" G_GINT64_FORMAT " ms", took);
  assert_told (f, (const char *[]) { "reachable true none", "resync", NULL });
  g_assert_true (medialib_store_get_reachable (f->store));
  g_assert_cmpint (medialib_store_get_unreachable_server (f->store), ==, MEDIALIB_STORE_SERVER_NONE);

  /* Nothing lost, and the failed import left nothing behind: it goes through now */
  second = import_one (f, "during.png", 2);
  g_assert_cmpint (second, !=, first);
  g_assert_cmpint (medialib_store_count (f->store), ==, 2);
  wait_for (f, 1, 5000);
  test_spin (1500);
  assert_told (f, (const char *[]) { added, NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add ("/medialib/live/bucket/lost", Fixture, NULL, fixture_setup, test_bucket_lost, fixture_teardown);

  return g_test_run ();
}
