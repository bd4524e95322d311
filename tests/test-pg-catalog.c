/* test-pg-catalog.c — the team library's catalog against a real PostgreSQL server, which
 * tests/team-servers.py starts: migrations and every operation here; the company's quota
 * with twenty processes at once (pg-test-quota.c), a member role's least privileges and
 * connection errors that never show a password (pg-test-roles.c), and the same search
 * results as a local library (pg-test-equivalence.c)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-folder-blobs.h"
#include "medialib-pg-words.h"
#include "medialib-test-util.h"
#include "pg-test-fixture.h"

/* --- The words --------------------------------------------------------------------------- */

static void
test_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autofree char *query = NULL;
  gboolean nothing = TRUE;

  /* unicode61 cuts at every non-letter, folds case and accents, keeps ß and ł */
  document = medialib_pg_words_document ("Été hero-3.PNG", "jean@exemple.fr", "Black Friday\x1fŁódź",
                                         "Équipe", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document, ==,
                   "'ete':1 'hero':2 '3':3 'png':4 'jean':5 'exemple':6 'fr':7 "
                   "'black':9 'friday':10 'łodz':11 'equipe':13");

  query = medialib_pg_words_query ("  Ét, BER-3 ", &nothing, &error);
  g_assert_no_error (error);
  g_assert_false (nothing);
  g_assert_cmpstr (query, ==, "'et':* & 'ber':* & '3':*");
  g_clear_pointer (&query, g_free);

  /* What was typed never becomes syntax */
  query = medialib_pg_words_query ("it's a \"b\\c\" ! | & :*", &nothing, &error);
  g_assert_cmpstr (query, ==, "'it':* & 's':* & 'a':* & 'b':* & 'c':*");
  g_clear_pointer (&query, g_free);

  g_assert_null (medialib_pg_words_query (" - ", &nothing, &error));
  g_assert_false (nothing);
  g_assert_no_error (error);
}

/* --- Migrations -------------------------------------------------------------------------- */

static void
test_migrations_from_empty (PgFixture     *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autofree char *version = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *index = NULL;

  g_assert_null (pg_admin_value (f, "SELECT to_regclass ('schema_version')"));

  catalog = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  g_assert_no_error (error);

  version = pg_admin_value (f, "SELECT string_agg (version::text, ',') FROM schema_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (MEDIALIB_PG_CATALOG_SCHEMA_VERSION));
  tables = pg_admin_value (f, "SELECT string_agg (table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                              " WHERE table_schema = '%s'", f->schema);
  g_assert_cmpstr (tables, ==, "asset_tags,asset_teams,asset_versions,assets,collections,generations,quota_days,quota_reservations,schema_version,tags,teams");
  index = pg_admin_value (f, "SELECT indexdef FROM pg_indexes WHERE schemaname = '%s' AND indexname = 'assets_words'",
                          f->schema);
  g_assert_nonnull (strstr (index, "USING gin (words)"));
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (catalog), &error), ==, 0);
}

static void
test_migrations_rerun (PgFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) again = NULL;
  g_autofree char *oid = pg_admin_value (f, "SELECT 'assets'::regclass::oid");
  g_autofree char *xmin = pg_admin_value (f, "SELECT xmin FROM schema_version");
  g_autofree char *oid_after = NULL;
  g_autofree char *xmin_after = NULL;
  g_autofree char *rows = NULL;

  pg_add (f->catalog, "kept.png", "image", 10, "Kept", NULL);

  /* Joining: nothing is created again, nothing written, the data stays */
  again = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  g_assert_no_error (error);
  oid_after = pg_admin_value (f, "SELECT 'assets'::regclass::oid");
  xmin_after = pg_admin_value (f, "SELECT xmin FROM schema_version");
  rows = pg_admin_value (f, "SELECT count(*) FROM schema_version");
  g_assert_cmpstr (oid_after, ==, oid);
  g_assert_cmpstr (xmin_after, ==, xmin);
  g_assert_cmpstr (rows, ==, "1");
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (again), &error), ==, 1);
}

static gpointer
open_thread (gpointer data)
{
  GError *error = NULL;
  MedialibPgCatalog *catalog = medialib_pg_catalog_open (data, NULL, &error);

  g_assert_no_error (error);
  return catalog;
}

static void
test_migrations_concurrent (PgFixture     *f,
                            gconstpointer  data)
{
  GThread *threads[4];
  g_autofree char *rows = NULL;

  /* Four first connections at once: one creates, the others wait and join */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_thread, f->conninfo);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_object_unref (g_thread_join (threads[i]));

  rows = pg_admin_value (f, "SELECT string_agg (version::text, ',') FROM schema_version");
  g_assert_cmpstr (rows, ==, G_STRINGIFY (MEDIALIB_PG_CATALOG_SCHEMA_VERSION));
}

static void
test_migrations_newer_refused (PgFixture     *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;

  pg_admin_exec (f, "UPDATE schema_version SET version = %d", MEDIALIB_PG_CATALOG_SCHEMA_VERSION + 1);

  catalog = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  g_assert_null (catalog);
  g_assert_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_SCHEMA_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

/* A team library of schema 1, with assets, labels and generations, upgrades to 2 when the
 * owner connects: every row kept, who added the old assets unknown, new ones recorded */
static void
test_migrations_v1_to_v2 (PgFixture     *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) after = NULL;
  g_autoptr(MedialibAsset) added = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  g_autofree char *version = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "new.png", -1);
  MedialibNewAsset asset = {
    .name = "new.png", .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png", .bytes = 3,
    .sha256 = sha, .source = "upload", .added_by = "Amélie Martin",
  };
  MedialibAddedAsset made = { 0 };
  MedialibQuery query = { .text = (char *) "spr", .kind = MEDIALIB_ASSET_KIND_ANY };
  gint64 id;

  id = pg_add (f->catalog, "old.png", "image", 10, "Spring,Sale", "Growth");
  g_assert_cmpint (medialib_catalog_record_generation (MEDIALIB_CATALOG (f->catalog), "a cat", "model-x", 2, &error), >, 0);
  g_assert_no_error (error);
  before = medialib_catalog_get_asset (MEDIALIB_CATALOG (f->catalog), id, &error);
  g_assert_no_error (error);
  g_clear_object (&f->catalog);

  /* Schema 1 is the current schema without the columns, the reservations, the collections
   * and the versions */
  pg_admin_exec (f, "ALTER TABLE assets DROP COLUMN added_by; DROP TABLE quota_reservations;"
                 " DROP TABLE collections; ALTER TABLE assets DROP COLUMN phash;"
                 " ALTER TABLE assets DROP COLUMN palette; ALTER TABLE assets DROP COLUMN alt;"
                 " DROP TABLE asset_versions;"
                 " ALTER TABLE assets DROP COLUMN content_since; ALTER TABLE assets DROP COLUMN content_by;"
                 " ALTER TABLE assets DROP COLUMN address; ALTER TABLE assets DROP COLUMN parent_sha256;"
                 " ALTER TABLE assets DROP COLUMN crop_spec; UPDATE schema_version SET version = 1");

  catalog = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  g_assert_no_error (error);
  version = pg_admin_value (f, "SELECT string_agg (version::text, ',') FROM schema_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (MEDIALIB_PG_CATALOG_SCHEMA_VERSION));
  /* The old image's palette is left for the maintenance to compute */
  g_assert_null (pg_admin_value (f, "SELECT palette FROM assets WHERE name = 'old.png'"));

  after = medialib_catalog_get_asset (MEDIALIB_CATALOG (catalog), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (after), ==, "old.png");
  g_assert_cmpstr (medialib_asset_get_sha256 (after), ==, medialib_asset_get_sha256 (before));
  g_assert_cmpint (medialib_asset_get_added (after), ==, medialib_asset_get_added (before));
  g_assert_cmpint (medialib_asset_get_bytes (after), ==, 10);
  g_assert_cmpstrv (medialib_asset_get_tags (after), ((const char *[]) { "Sale", "Spring", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (after), ((const char *[]) { "Growth", NULL }));
  g_assert_null (medialib_asset_get_added_by (after));
  found = medialib_catalog_search (MEDIALIB_CATALOG (catalog), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  generations = medialib_catalog_list_generations (MEDIALIB_CATALOG (catalog), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (generations->len, ==, 1);

  g_assert_true (medialib_catalog_add_assets (MEDIALIB_CATALOG (catalog), &asset, 1, &made, &error));
  g_assert_no_error (error);
  added = medialib_catalog_get_asset (MEDIALIB_CATALOG (catalog), made.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_added_by (added), ==, "Amélie Martin");
  medialib_added_asset_clear (&made);
  /* The old asset keeps its content's address until it is replaced; a new one has its own */
  g_assert_null (pg_admin_value (f, "SELECT address FROM assets WHERE name = 'old.png'"));
  {
    g_autofree char *address = pg_admin_value (f, "SELECT address FROM assets WHERE name = 'new.png'");

    g_assert_true (medialib_blob_address_is_valid (address));
  }
}

/* --- Assets ------------------------------------------------------------------------------ */

static void
test_insert_and_read (PgFixture     *f,
                      gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "copy", -1);
  g_autofree char *existing = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(MedialibFolderBlobs) blobs = NULL;
  g_autoptr(MedialibPgCatalog) with_blobs = NULL;
  const char *tags[] = { "Extra", NULL };
  const char *bad[] = { "a\tb", NULL };
  MedialibNewAsset copy = { .name = "copy.png", .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png",
                            .bytes = 3, .sha256 = sha, .source = "crop" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first, contact, child, id = 0, missing[4];
  gboolean duplicate = FALSE;

  first = pg_add (c, "Été à Paris.png", "image", 1234, "Spring,SPRING", "Growth");
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "Été à Paris.png");
  g_assert_cmpint (medialib_asset_get_kind (asset), ==, MEDIALIB_ASSET_KIND_IMAGE);
  g_assert_cmpstr (medialib_asset_get_mime (asset), ==, "image/png");
  g_assert_cmpint (medialib_asset_get_bytes (asset), ==, 1234);
  g_assert_cmpint (medialib_asset_get_width (asset), ==, 10);
  g_assert_cmpstr (medialib_asset_get_source (asset), ==, "upload");
  g_assert_cmpint (ABS (medialib_asset_get_added (asset) - now), <=, 5);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Spring", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Growth", NULL }));
  g_assert_null (medialib_asset_get_path (asset));
  g_clear_object (&asset);

  /* The same content again: the row that has it, whose tags grow */
  g_clear_pointer (&sha, g_free);
  copy.sha256 = sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Été à Paris.png", -1);
  g_assert_true (pg_insert (c, &copy, tags, NULL, &id, &duplicate, &existing, &error));
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (id, ==, first);
  g_assert_cmpstr (existing, ==, "Été à Paris.png");
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), &error), ==, 1);

  /* Paths come from the blob store the catalog was opened with */
  cache = test_make_tmpdir ("pg-cache");
  blobs = medialib_folder_blobs_new (cache, &error);
  g_assert_no_error (error);
  with_blobs = medialib_pg_catalog_open (f->conninfo, MEDIALIB_BLOB_STORE (blobs), &error);
  g_assert_no_error (error);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (with_blobs), first, &error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Extra", "Spring", NULL }));
  expected_path = g_strdup_printf ("%s/media/%.2s/%s.png", cache, sha, sha);
  g_assert_cmpstr (medialib_asset_get_path (asset), ==, expected_path);
  g_assert_nonnull (medialib_asset_get_thumbnail_path (asset));
  g_clear_object (&asset);

  /* A contact card without a photo has no thumbnail; a parent and a time are kept */
  contact = pg_add (c, "Jean Dupont.vcf", "contact", 200, NULL, NULL);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (with_blobs), contact, &error);
  g_assert_null (medialib_asset_get_thumbnail_path (asset));
  g_clear_object (&asset);

  g_clear_pointer (&sha, g_free);
  copy.sha256 = sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "child", -1);
  copy.parent = first;
  copy.width = 40;
  copy.height = 30;
  copy.animated = TRUE;
  g_assert_true (pg_insert (c, &copy, NULL, NULL, &child, &duplicate, NULL, &error));
  g_assert_false (duplicate);
  pg_admin_exec (f, "UPDATE assets SET added = 1700000000 WHERE id = %" G_GINT64_FORMAT, child);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), child, &error);
  g_assert_cmpint (medialib_asset_get_parent (asset), ==, first);
  g_assert_cmpint (medialib_asset_get_added (asset), ==, 1700000000);
  g_assert_cmpint (medialib_asset_get_height (asset), ==, 30);
  g_assert_true (medialib_asset_get_animated (asset));
  g_assert_cmpstr (medialib_asset_get_source (asset), ==, "crop");
  g_clear_object (&asset);

  /* Several at once, in the order asked, without the missing ones */
  missing[0] = child, missing[1] = 9999, missing[2] = first, missing[3] = child;
  assets = medialib_catalog_get_assets (MEDIALIB_CATALOG (c), missing, G_N_ELEMENTS (missing), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, 3);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, 0)), ==, child);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, 1)), ==, first);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (assets, 2)), ==, child);

  g_assert_null (medialib_catalog_get_asset (MEDIALIB_CATALOG (c), 9999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A label that cannot be: nothing is added */
  g_clear_pointer (&sha, g_free);
  copy.sha256 = sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "bad", -1);
  copy.parent = 0;
  g_assert_false (pg_insert (c, &copy, bad, NULL, &id, &duplicate, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), NULL), ==, 3);

  g_clear_object (&with_blobs);
  g_clear_object (&blobs);
  test_rm_rf (cache);
}

static GPtrArray *
search (MedialibPgCatalog *c,
        const char        *text,
        const char        *tags_csv,
        const char        *teams_csv)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  query->text = g_strdup (text);
  query->tags = tags_csv ? g_strsplit (tags_csv, ",", -1) : NULL;
  query->teams = teams_csv ? g_strsplit (teams_csv, ",", -1) : NULL;
  query->sort = MEDIALIB_SORT_NAME;

  result = medialib_catalog_search (MEDIALIB_CATALOG (c), query, &error);
  g_assert_no_error (error);
  return result;
}

static char *
names (GPtrArray *assets)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < assets->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", medialib_asset_get_name (g_ptr_array_index (assets, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define ASSERT_SEARCH(c, text, tags, teams, expected)            \
  G_STMT_START {                                                 \
    g_autoptr(GPtrArray) _r = search (c, text, tags, teams);     \
    g_autofree char *_n = names (_r);                            \
    g_assert_cmpstr (_n, ==, expected);                          \
  } G_STMT_END

static void
test_edit (PgFixture     *f,
           gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  gint64 id = pg_add (c, "a.png", "image", 1, "Old,Keep", "Growth");
  MedialibEdit edit = {
    .add_tags = (const char *[]) { "Fresh", NULL },
    .remove_tags = (const char *[]) { "OLD", NULL },
    .add_teams = (const char *[]) { "Design", NULL },
    .remove_teams = (const char *[]) { "growth", NULL },
    .rename = "New name.png",  /* the store strips and checks names first */
  };
  MedialibEdit bad_tag = { .add_tags = (const char *[]) { "x", "", NULL }, .rename = "never" };

  pg_add (c, "b.png", "image", 1, "Keep", NULL);

  g_assert_true (medialib_catalog_edit (MEDIALIB_CATALOG (c), id, &edit, &error));
  g_assert_no_error (error);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "New name.png");
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Fresh", "Keep", NULL }));
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { "Design", NULL }));

  /* The tag no one has any more is gone; the team stays */
  tags = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, &error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (((MedialibLabelCount *) g_ptr_array_index (tags, 0))->name, ==, "Fresh");
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (tags, 1))->count, ==, 2);
  g_assert_null (pg_admin_value (f, "SELECT id FROM tags WHERE key = 'old'"));
  teams = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, &error);
  g_assert_cmpuint (teams->len, ==, 2);
  g_assert_cmpstr (((MedialibLabelCount *) g_ptr_array_index (teams, 1))->name, ==, "Growth");
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (teams, 1))->count, ==, 0);

  /* Search follows the new name and labels */
  ASSERT_SEARCH (c, "new", NULL, NULL, "New name.png");
  ASSERT_SEARCH (c, "fre", NULL, NULL, "New name.png");
  ASSERT_SEARCH (c, "old", NULL, NULL, "");
  ASSERT_SEARCH (c, NULL, NULL, "design", "New name.png");

  g_assert_false (medialib_catalog_edit (MEDIALIB_CATALOG (c), id, &bad_tag, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (medialib_catalog_edit (MEDIALIB_CATALOG (c), 9999, &edit, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing of the refused edits was kept */
  g_clear_object (&asset);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "New name.png");
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Fresh", "Keep", NULL }));
}

static void
test_labels (PgFixture     *f,
             gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  gint64 one, two;

  g_assert_true (medialib_catalog_create_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, " Design ", &error));
  g_assert_true (medialib_catalog_create_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "Lonely", &error));
  g_assert_no_error (error);
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((MedialibLabelCount *) g_ptr_array_index (list, 0))->name, ==, "Design");
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (list, 0))->count, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, &error);
  g_assert_cmpuint (list->len, ==, 0);  /* tags are listed when in use */
  g_clear_pointer (&list, g_ptr_array_unref);

  one = pg_add (c, "one.png", "image", 1, "Spring", "design");
  two = pg_add (c, "two.png", "image", 1, "Summer", NULL);

  /* Renamed everywhere, and found by its new name only */
  g_assert_true (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "spring", "Printemps", &error));
  g_assert_no_error (error);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), one, &error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Printemps", NULL }));
  g_clear_object (&asset);
  ASSERT_SEARCH (c, "print", NULL, NULL, "one.png");
  ASSERT_SEARCH (c, "spr", NULL, NULL, "");

  /* Onto an existing one: merged */
  g_assert_true (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "Summer", "printemps", &error));
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((MedialibLabelCount *) g_ptr_array_index (list, 0))->count, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), two, &error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "Printemps", NULL }));
  g_clear_object (&asset);
  ASSERT_SEARCH (c, NULL, "PRINTEMPS", NULL, "one.png two.png");

  /* A new spelling of the same label */
  g_assert_true (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "printemps", "PRINTEMPS", &error));
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), two, &error);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), ((const char *[]) { "PRINTEMPS", NULL }));
  g_clear_object (&asset);

  /* Deleted everywhere */
  g_assert_true (medialib_catalog_delete_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, "DESIGN", &error));
  g_assert_no_error (error);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), one, &error);
  g_assert_cmpstrv (medialib_asset_get_teams (asset), ((const char *[]) { NULL }));
  ASSERT_SEARCH (c, "design", NULL, NULL, "");
  list = medialib_catalog_list_labels (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_false (medialib_catalog_delete_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TEAM, "Design", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (medialib_catalog_rename_label (MEDIALIB_CATALOG (c), MEDIALIB_LABEL_TAG, "nope", "yes", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_delete (PgFixture     *f,
             gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) gone = NULL;
  g_autoptr(MedialibAsset) child = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "child.png", -1);
  g_autofree char *parent_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "parent.png", -1);
  MedialibNewAsset made = { .name = "child.png", .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/webp",
                            .bytes = 3, .sha256 = sha, .source = "crop" };
  g_autoptr(GHashTable) hashes = NULL;
  gboolean duplicate;
  gint64 parent, child_id;

  parent = pg_add (c, "parent.png", "image", 5, "Solo", NULL);
  made.parent = parent;
  g_assert_true (pg_insert (c, &made, NULL, NULL, &child_id, &duplicate, NULL, &error));

  gone = medialib_catalog_delete_asset (MEDIALIB_CATALOG (c), parent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_id (gone), ==, parent);
  g_assert_cmpstr (medialib_asset_get_mime (gone), ==, "image/png");
  g_assert_cmpstr (medialib_asset_get_sha256 (gone), ==, parent_sha);

  g_assert_null (medialib_catalog_get_asset (MEDIALIB_CATALOG (c), parent, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  child = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), child_id, &error);
  g_assert_cmpint (medialib_asset_get_parent (child), ==, 0);
  g_assert_null (pg_admin_value (f, "SELECT id FROM tags"));

  /* Which content rows name: the sweep's and deletions' question */
  g_assert_cmpint (medialib_catalog_find_content (MEDIALIB_CATALOG (c), sha, &error), ==, child_id);
  g_assert_cmpint (medialib_catalog_find_content (MEDIALIB_CATALOG (c), parent_sha, &error), ==, 0);
  g_assert_no_error (error);
  hashes = medialib_catalog_dup_content_hashes (MEDIALIB_CATALOG (c), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 1);
  g_assert_true (g_hash_table_contains (hashes, sha));

  g_assert_null (medialib_catalog_delete_asset (MEDIALIB_CATALOG (c), parent, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_search_pages_and_safety (PgFixture     *f,
                              gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page_names = NULL;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("banner %u.png", i);

      pg_add (c, name, "image", 100 * (i % 3), "Launch", NULL);
    }

  /* Size, largest first, the newest first among equals; a page of it */
  query->text = g_strdup ("BAN");
  query->sort = MEDIALIB_SORT_SIZE;
  query->offset = 2;
  query->limit = 3;
  page = medialib_catalog_search (MEDIALIB_CATALOG (c), query, &error);
  g_assert_no_error (error);
  page_names = names (page);
  g_assert_cmpstr (page_names, ==, "banner 4.png banner 1.png banner 6.png");
  g_clear_pointer (&page, g_ptr_array_unref);
  query->limit = 0;
  page = medialib_catalog_search (MEDIALIB_CATALOG (c), query, &error);
  g_assert_cmpuint (page->len, ==, 5);

  /* What was typed is data, never SQL nor query syntax */
  ASSERT_SEARCH (c, "'; DROP TABLE assets; --", NULL, NULL, "");
  ASSERT_SEARCH (c, "ban:* | !", NULL, NULL,
                 "banner 0.png banner 1.png banner 2.png banner 3.png banner 4.png banner 5.png banner 6.png");
  ASSERT_SEARCH (c, NULL, "'; DROP TABLE assets; --", NULL, "");
  ASSERT_SEARCH (c, NULL, NULL, "x') OR true --", "");
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), &error), ==, 7);
}

/* --- Several writers at once ------------------------------------------------------------ */

typedef struct
{
  MedialibPgCatalog *catalog;
  gint64             id;
  guint              n;
  guint              round;
} Writer;

static GMutex start_lock;
static GCond  start_cond;
static guint  start_round;

/* Each writer waits for the start of its round, so that the writers of a round overlap */
static void
wait_start (guint round)
{
  g_mutex_lock (&start_lock);
  while (start_round < round)
    g_cond_wait (&start_cond, &start_lock);
  g_mutex_unlock (&start_lock);
}

static gpointer
add_tag_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = g_strdup_printf ("T%u-%u", w->round, w->n);
  MedialibEdit edit = { .add_tags = (const char *[]) { tag, NULL } };

  wait_start (w->round);
  g_assert_true (medialib_catalog_edit (MEDIALIB_CATALOG (w->catalog), w->id, &edit, &error));
  g_assert_no_error (error);

  return NULL;
}

static gpointer
insert_same_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = g_strdup_printf ("By%u", w->n);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "same", -1);
  MedialibNewAsset asset = { .name = "same.png", .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png",
                             .bytes = 4, .sha256 = sha, .source = "upload" };
  const char *tags[] = { tag, NULL };
  gboolean duplicate = FALSE;

  g_assert_true (pg_insert (w->catalog, &asset, tags, NULL, &w->id, &duplicate, NULL, &error));
  g_assert_no_error (error);

  return GINT_TO_POINTER (duplicate);
}

static void
test_concurrent_writers (PgFixture     *f,
                         gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) same = NULL;
  Writer writers[6];
  GThread *threads[6];
  gint64 id = pg_add (c, "shared.png", "image", 1, NULL, NULL);
  guint n_new = 0;

  /* Four people label the same asset at once, round after round: no label is lost from
   * its row or its words (the last to commit in a round sees the others' labels) */
  for (guint round = 1; round <= 15; round++)
    {
      g_autoptr(MedialibAsset) asset = NULL;

      for (guint i = 0; i < 4; i++)
        {
          writers[i] = (Writer) { c, id, i, round };
          threads[i] = g_thread_new ("edit", add_tag_thread, &writers[i]);
        }
      g_usleep (G_USEC_PER_SEC / 50);
      g_mutex_lock (&start_lock);
      start_round = round;
      g_cond_broadcast (&start_cond);
      g_mutex_unlock (&start_lock);
      for (guint i = 0; i < 4; i++)
        g_thread_join (threads[i]);

      asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
      g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_tags (asset)), ==, 4 * round);
      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *text = g_strdup_printf ("t%u %u", round, i);
          g_autoptr(GPtrArray) by_words = search (c, text, NULL, NULL);

          g_assert_cmpuint (by_words->len, ==, 1);
        }
    }

  /* Six people add the same new content at once: one row, which has all their tags */
  for (guint i = 0; i < 6; i++)
    {
      writers[i] = (Writer) { c, 0, i, 0 };
      threads[i] = g_thread_new ("insert", insert_same_thread, &writers[i]);
    }
  for (guint i = 0; i < 6; i++)
    n_new += !GPOINTER_TO_INT (g_thread_join (threads[i]));
  g_assert_cmpuint (n_new, ==, 1);
  for (guint i = 1; i < 6; i++)
    g_assert_cmpint (writers[i].id, ==, writers[0].id);
  same = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), writers[0].id, &error);
  g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_tags (same)), ==, 6);
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), &error), ==, 2);
}

/* The server ends every session of the library's role, as a restart does */
static void
terminate_sessions (PgFixture *f)
{
  g_autofree char *role = pg_test_conninfo_value (g_getenv ("MEDIALIB_TEST_PG"), "user");
  g_autofree char *ended = pg_admin_value (f, "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity"
                                              " WHERE usename = '%s'", role);

  g_assert_cmpint (atoi (ended), >, 0);
  g_usleep (G_USEC_PER_SEC / 5);
}

static void
test_reconnect (PgFixture     *f,
                gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  MedialibEdit edit = { .rename = "after.png" };
  gint64 id = pg_add (c, "before.png", "image", 1, NULL, NULL);

  /* The connections kept in the pool are dead: reading and writing make new ones */
  terminate_sessions (f);
  g_assert_cmpint (medialib_catalog_count (MEDIALIB_CATALOG (c), &error), ==, 1);
  g_assert_no_error (error);

  terminate_sessions (f);
  g_assert_true (medialib_catalog_edit (MEDIALIB_CATALOG (c), id, &edit, &error));
  g_assert_no_error (error);
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "after.png");
}

/* --- Generations (the quota: pg-test-quota.c) --------------------------------------------- */

static void
test_generations (PgFixture     *f,
                  gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MedialibGeneration) generation = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 today = pg_day_start (0, 0, 0);
  gboolean reserved = FALSE;
  guint used = 99, count = 99;
  gint64 first, second, id;

  /* Each in the slot it reserved, as the store records them */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (medialib_catalog_reserve_generation (MEDIALIB_CATALOG (c), today, 10, &reserved, &used, &error));
      g_assert_true (reserved);
      g_assert_cmpuint (used, ==, i);
    }
  first = medialib_catalog_record_generation (MEDIALIB_CATALOG (c), "a cat", "model-x", 4, &error);
  second = medialib_catalog_record_generation (MEDIALIB_CATALOG (c), "a dog", "model-y", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);

  g_assert_true (medialib_catalog_count_generations (MEDIALIB_CATALOG (c), today, &count, &error));
  g_assert_cmpuint (count, ==, 2);
  g_assert_true (medialib_catalog_count_generations (MEDIALIB_CATALOG (c), today + 86400 + 3600, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  list = medialib_catalog_list_generations (MEDIALIB_CATALOG (c), 10, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((MedialibGeneration *) g_ptr_array_index (list, 0))->id, ==, second);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = medialib_catalog_list_generations (MEDIALIB_CATALOG (c), 1, &error);
  g_assert_cmpuint (list->len, ==, 1);

  generation = medialib_catalog_get_generation (MEDIALIB_CATALOG (c), first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (generation->prompt, ==, "a cat");
  g_assert_cmpstr (generation->model, ==, "model-x");
  g_assert_cmpuint (generation->variants, ==, 4);
  g_assert_cmpint (ABS (generation->created - now), <=, 5);
  g_assert_null (medialib_catalog_get_generation (MEDIALIB_CATALOG (c), 9999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = pg_add (c, "variant.png", "image", 1, NULL, NULL);
  g_assert_true (medialib_catalog_set_prompt (MEDIALIB_CATALOG (c), id, "a cat", &error));
  asset = medialib_catalog_get_asset (MEDIALIB_CATALOG (c), id, &error);
  g_assert_cmpstr (medialib_asset_get_prompt (asset), ==, "a cat");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--reserve-child"))
    return pg_test_reserve_child (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medialib/pg/words", test_words);

  if (!pg_test_servers_ready ())
    {
      /* The team suite never passes without its servers in CI */
      if (g_getenv ("CI") != NULL)
        {
          g_printerr ("MEDIALIB_TEST_PG, MEDIALIB_TEST_PG_ADMIN or PGPASSWORD is not set: "
                      "run this test through tests/team-servers.py\n");
          return 1;
        }
      g_test_message ("No PostgreSQL server: run this test through tests/team-servers.py");
      return g_test_run ();
    }

#define ADD(path, open, func) \
  g_test_add ("/medialib/pg/" path, PgFixture, open, pg_fixture_setup, func, pg_fixture_teardown)

  ADD ("migrations/from-empty", NULL, test_migrations_from_empty);
  ADD ("migrations/rerun-is-a-no-op", PG_OPEN, test_migrations_rerun);
  ADD ("migrations/concurrent", NULL, test_migrations_concurrent);
  ADD ("migrations/newer-refused", PG_OPEN, test_migrations_newer_refused);
  ADD ("migrations/v1-to-v2", PG_OPEN, test_migrations_v1_to_v2);
  ADD ("insert-and-read", PG_OPEN, test_insert_and_read);
  ADD ("edit", PG_OPEN, test_edit);
  ADD ("labels", PG_OPEN, test_labels);
  ADD ("delete", PG_OPEN, test_delete);
  ADD ("search-pages-and-safety", PG_OPEN, test_search_pages_and_safety);
  ADD ("concurrent-writers", PG_OPEN, test_concurrent_writers);
  ADD ("reconnect", PG_OPEN, test_reconnect);
  ADD ("generations", PG_OPEN, test_generations);
  ADD ("quota", PG_OPEN, test_quota);
  ADD ("quota-race", PG_OPEN, test_quota_race);
  ADD ("quota-lost-connection", PG_OPEN, test_quota_lost_connection);
  ADD ("least-privilege", NULL, test_least_privilege);
  ADD ("errors/wrong-password", NULL, test_wrong_password);
  ADD ("errors/unreachable", NULL, test_unreachable);
  ADD ("errors/connection-string", NULL, test_bad_conninfo);
  ADD ("errors/tls", NULL, test_tls);
  ADD ("equivalence-with-local", NULL, test_pg_equivalence);

  return g_test_run ();
}
