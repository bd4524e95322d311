/* test-store-migrate.c — a local library's schema: a newer one refused, older ones migrated
 * with every asset and label kept (part of test-store)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "medialib-import.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"
#include "test-store.h"

typedef TestLibrary Fixture;

/* SQLite's own schema version: a local library's alone */
static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = NULL;
  sqlite3 *handle;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  store = medialib_store_open (f->library, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static gint64
import_one (Fixture    *f,
            const char *name,
            guint32     seed)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 20, 20, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

/* A library of schema version 1 (no cached label names, no generations) opens, migrated
 * through versions 2, 3, 4 and 5, with its labels; who added its old assets is unknown. SQLite's own migrations: a local library's
 * alone. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *handle;
  gint64 id;

  id = test_store_add_row (f->store, "old.png", "image", 1, "Spring,Sale", "Growth");
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "ALTER TABLE assets DROP COLUMN tag_names;"
                                 "ALTER TABLE assets DROP COLUMN team_names;"
                                 "ALTER TABLE assets DROP COLUMN prompt;"
                                 "ALTER TABLE assets DROP COLUMN contact;"
                                 "ALTER TABLE assets DROP COLUMN search_extra;"
                                 "ALTER TABLE assets DROP COLUMN added_by;"
                                 "ALTER TABLE assets DROP COLUMN palette;"
                                 "ALTER TABLE assets DROP COLUMN alt;"
                                 "DROP INDEX assets_unhashed;"
                                 "ALTER TABLE assets DROP COLUMN phash;"
                                 "DROP TABLE generations;"
                                 "DROP TABLE collections;"
                                 "DROP TRIGGER assets_address; DROP TABLE asset_versions;"
                                 "ALTER TABLE assets DROP COLUMN content_since; ALTER TABLE assets DROP COLUMN content_by;"
                                 "ALTER TABLE assets DROP COLUMN address; ALTER TABLE assets DROP COLUMN parent_sha256;"
                                 "ALTER TABLE assets DROP COLUMN crop_spec;"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  f->store = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  asset = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Sale", "Spring", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Growth", NULL }));
  g_assert_null (medialib_asset_get_added_by (asset));
  /* and found by its tags' words */
  query->text = g_strdup ("spr");
  found = medialib_store_search (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (medialib_asset_get_name (g_ptr_array_index (found, 0)), ==, "old.png");
}

/* Version 4 to 5: who added each asset. The old assets keep every field, their adder
 * unknown; new ones record the member. */
static void
test_migrate_v4 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) after = NULL;
  g_autoptr(MedialibAsset) added = NULL;
  sqlite3 *handle;
  gint64 id, new_id;

  id = test_store_add_row (f->store, "old.png", "image", 7, "Spring", "Growth");
  before = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE assets DROP COLUMN added_by; DROP TABLE collections;"
                                 " DROP INDEX assets_unhashed; ALTER TABLE assets DROP COLUMN phash;"
                                 " ALTER TABLE assets DROP COLUMN palette;"
                                 " ALTER TABLE assets DROP COLUMN alt;"
                                 " DROP TRIGGER assets_address; DROP TABLE asset_versions;"
                                 " ALTER TABLE assets DROP COLUMN content_since; ALTER TABLE assets DROP COLUMN content_by;"
                                 " ALTER TABLE assets DROP COLUMN address; ALTER TABLE assets DROP COLUMN parent_sha256;"
                                 " ALTER TABLE assets DROP COLUMN crop_spec;"
                                 " PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  f->store = medialib_store_open (f->library, &error);
  g_assert_no_error (error);
  after = medialib_store_get_asset (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (after), ==, medialib_asset_get_name (before));
  g_assert_cmpstr (medialib_asset_get_sha256 (after), ==, medialib_asset_get_sha256 (before));
  g_assert_cmpint (medialib_asset_get_added (after), ==, medialib_asset_get_added (before));
  g_assert_cmpint (medialib_asset_get_bytes (after), ==, 7);
  g_assert_cmpstrv (medialib_asset_get_tags (after), ((const char *[]) { "Spring", NULL }));
  g_assert_null (medialib_asset_get_added_by (after));
  g_assert_null (medialib_asset_get_alt (after));  /* version 9 */
  /* Its palette is left for the maintenance to compute (medialib_store_fill_palettes()) */
  {
    g_autoptr(GPtrArray) missing = medialib_catalog_list_missing_palettes (f->store->catalog, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, medialib_asset_get_sha256 (before));
  }
  /* Its perceptual hash is not computed yet (version 7); a new image's is */
  g_assert_false (medialib_asset_get_phash (after, NULL));

  medialib_store_set_member_name (f->store, "Amélie Martin");
  new_id = import_one (f, "new.png", 21);
  added = medialib_store_get_asset (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_added_by (added), ==, "Amélie Martin");

  /* And saved collections (version 6) */
  {
    g_autoptr(MedialibQuery) query = medialib_query_new ();
    g_autoptr(GPtrArray) collections = NULL;

    g_assert_true (medialib_store_save_collection (f->store, "After", query, &error));
    g_assert_no_error (error);
    collections = medialib_store_list_collections (f->store, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (collections->len, ==, 1);
    g_assert_cmpint (((MedialibCollection *) g_ptr_array_index (collections, 0))->count, ==, 2);
  }
  g_assert_true (medialib_asset_get_phash (added, NULL));
}

void
test_store_add_migration_tests (void)
{
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "newer-schema-refused", Fixture, NULL,
                         test_library_setup, test_newer_schema_refused, test_library_teardown);
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "migrate-v4", Fixture, NULL,
                         test_library_setup, test_migrate_v4, test_library_teardown);
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/store", "migrate-v1", Fixture, NULL,
                         test_library_setup, test_migrate_v1, test_library_teardown);
}
