/* test-collections.c — saved collections: saved, listed with their live counts, replaced,
 * deleted, kept across reopening, told to the store's watchers and to the other members of a
 * team library; a query's filters as JSON
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static gint64
import_one (Fixture    *f,
            const char *name,
            guint32     seed,
            const char *tag)
{
  g_autofree char *png = test_write_image (f->tmp, name, "png", 16, 16, seed);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  char *tags[] = { (char *) tag, NULL };
  MedialibImportOptions options = { .tags = tag != NULL ? tags : NULL };
  MedialibImportResult *r;

  results = medialib_store_import (f->store, &file, 1, &options, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  return r->id;
}

/* "name=count" for each collection, in the order listed */
static char *
describe (MedialibStore *store)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  collections = medialib_store_list_collections (store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < collections->len; i++)
    {
      MedialibCollection *collection = g_ptr_array_index (collections, i);

      g_assert_nonnull (collection->query);
      g_string_append_printf (text, "%s%s=%" G_GINT64_FORMAT, i > 0 ? " " : "", collection->name, collection->count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static MedialibQuery *
tag_query (const char *tag)
{
  MedialibQuery *query = medialib_query_new ();
  char *tags[] = { (char *) tag, NULL };

  query->tags = g_strdupv (tags);
  return query;
}

/* Saved, listed by name with counts that follow the assets, replaced under the same name in
 * another case, deleted; an empty name and an unknown collection are refused */
static void
test_save_list_delete (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedialibQuery) logos = tag_query ("Logo");
  g_autoptr(MedialibQuery) everything = medialib_query_new ();
  g_autoptr(MedialibQuery) by_name = medialib_query_new ();
  g_autoptr(MedialibCollection) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MedialibEdit edit = { .add_tags = (const char *[]) { "logo", NULL } };
  gint64 a, b;

  text = describe (f->store);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  a = import_one (f, "a.png", 1, "Logo");
  b = import_one (f, "b.png", 2, NULL);
  by_name->text = g_strdup ("b");
  by_name->sort = MEDIALIB_SORT_NAME;

  g_assert_true (medialib_store_save_collection (f->store, "  Logos ", logos, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_store_save_collection (f->store, "Everything", everything, &error));
  g_assert_true (medialib_store_save_collection (f->store, "B files", by_name, &error));
  g_assert_no_error (error);

  text = describe (f->store);
  g_assert_cmpstr (text, ==, "B files=1 Everything=2 Logos=1");
  g_clear_pointer (&text, g_free);

  /* The counts follow the assets */
  g_assert_true (medialib_store_edit (f->store, b, &edit, &error));
  g_assert_no_error (error);
  import_one (f, "c.png", 3, NULL);
  text = describe (f->store);
  g_assert_cmpstr (text, ==, "B files=1 Everything=3 Logos=2");
  g_clear_pointer (&text, g_free);
  g_assert_true (medialib_store_delete (f->store, a, &error));
  text = describe (f->store);
  g_assert_cmpstr (text, ==, "B files=1 Everything=2 Logos=1");
  g_clear_pointer (&text, g_free);

  /* The same name in another case replaces it, with the new spelling */
  g_assert_true (medialib_store_save_collection (f->store, "LOGOS", everything, &error));
  g_assert_no_error (error);
  text = describe (f->store);
  g_assert_cmpstr (text, ==, "B files=1 Everything=2 LOGOS=2");
  g_clear_pointer (&text, g_free);

  found = medialib_store_get_collection (f->store, "b FILES", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, "B files");
  g_assert_cmpstr (found->query->text, ==, "b");
  g_assert_cmpint (found->query->sort, ==, MEDIALIB_SORT_NAME);

  g_assert_true (medialib_store_delete_collection (f->store, "logos", &error));
  g_assert_no_error (error);
  text = describe (f->store);
  g_assert_cmpstr (text, ==, "B files=1 Everything=2");
  g_clear_pointer (&text, g_free);

  g_assert_false (medialib_store_delete_collection (f->store, "Logos", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (medialib_store_get_collection (f->store, "Nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (medialib_store_save_collection (f->store, "   ", logos, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (medialib_store_save_collection (f->store, "two\nlines", logos, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Closed and opened again, a library keeps its collections and their filters */
static void
test_persist (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MedialibQuery) query = tag_query ("Brand");
  g_autoptr(MedialibCollection) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  query->kind = MEDIALIB_ASSET_KIND_IMAGE;
  query->sort = MEDIALIB_SORT_SIZE;
  query->text = g_strdup ("hero");
  import_one (f, "hero.png", 7, "Brand");
  g_assert_true (medialib_store_save_collection (f->store, "Brand heroes", query, &error));
  g_assert_no_error (error);

  g_clear_object (&f->store);
  f->store = f->backend->open (f->library, &error);
  g_assert_no_error (error);

  text = describe (f->store);
  g_assert_cmpstr (text, ==, "Brand heroes=1");
  found = medialib_store_get_collection (f->store, "brand heroes", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->query->text, ==, "hero");
  g_assert_cmpstrv (found->query->tags, ((const char *[]) { "Brand", NULL }));
  g_assert_cmpint (found->query->kind, ==, MEDIALIB_ASSET_KIND_IMAGE);
  g_assert_cmpint (found->query->sort, ==, MEDIALIB_SORT_SIZE);
}

static void
on_changed_cb (MedialibStore      *store,
               MedialibChangeKind  kind,
               GArray             *ids,
               GPtrArray          *told)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MEDIALIB_TYPE_CHANGE_KIND);

  g_ptr_array_add (told, g_strdup (g_enum_get_value (klass, kind)->value_nick));
}

static void
keep_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The async calls, and a change told for each save and deletion (none for a deletion of
 * nothing) */
static void
test_async_told (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MedialibQuery) query = tag_query ("Icon");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_query_free);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  MedialibQuery *recent;

  import_one (f, "icon.png", 11, "Icon");
  import_one (f, "other.png", 12, NULL);
  g_assert_true (medialib_store_watch (f->store, &error));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), told);

  medialib_store_save_collection_async (f->store, "Icons", query, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (medialib_store_save_collection_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  test_wait_told (told, 1, 2000);
  test_spin (300);
  test_assert_told (told, (const char *[]) { "collections", NULL });

  medialib_store_list_collections_async (f->store, TRUE, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  collections = medialib_store_list_collections_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (collections->len, ==, 1);
  g_assert_cmpint (((MedialibCollection *) g_ptr_array_index (collections, 0))->count, ==, 1);

  /* The window's fixed rows: everything, recently added (none is older), AI generated */
  g_ptr_array_add (queries, medialib_query_new ());
  recent = medialib_query_new ();
  recent->added_since = g_get_real_time () / G_USEC_PER_SEC - 7 * 24 * 3600;
  g_ptr_array_add (queries, recent);
  recent = medialib_query_new ();
  recent->added_since = g_get_real_time () / G_USEC_PER_SEC + 3600;
  g_ptr_array_add (queries, recent);
  recent = medialib_query_new ();
  recent->source = g_strdup ("ai");
  g_ptr_array_add (queries, recent);
  medialib_store_count_queries_async (f->store, queries, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  counts = medialib_store_count_queries_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (counts->len, ==, 4);
  g_assert_cmpint (g_array_index (counts, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 1), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 2), ==, 0);
  g_assert_cmpint (g_array_index (counts, gint64, 3), ==, 0);

  medialib_store_delete_collection_async (f->store, "icons", NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (medialib_store_delete_collection_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  medialib_store_delete_collection_async (f->store, "icons", NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (medialib_store_delete_collection_finish (f->store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  test_wait_told (told, 1, 2000);
  test_spin (300);
  test_assert_told (told, (const char *[]) { "collections", NULL });
}

/* A team's collections are the team's: another member sees them and is told */
static void
test_other_member (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "member-b", NULL);
  g_autofree char *ini = g_build_filename (f->library, "team.ini", NULL);
  g_autofree char *copy = g_build_filename (dir, "team.ini", NULL);
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MedialibQuery) query = tag_query ("Shared");
  g_autoptr(MedialibStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (ini, &contents, NULL, &error));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, -1, &error));
  other = f->backend->open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_store_watch (other, &error));
  g_assert_no_error (error);
  g_signal_connect (other, "changed", G_CALLBACK (on_changed_cb), told);

  import_one (f, "shared.png", 21, "Shared");
  g_assert_true (medialib_store_save_collection (f->store, "Shared work", query, &error));
  g_assert_no_error (error);

  test_wait_told (told, 3, 5000);
  test_spin (300);
  test_assert_told (told, (const char *[]) { "assets-added", "labels", "collections", NULL });
  text = describe (other);
  g_assert_cmpstr (text, ==, "Shared work=1");
}

/* A query's filters as JSON: what is set, and read back; unknown members are skipped, and
 * what is not such an object is refused */
static void
test_query_json (void)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(MedialibQuery) back = NULL;
  g_autoptr(MedialibQuery) newer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *again = NULL;

  empty = medialib_query_to_json (query);
  g_assert_cmpstr (empty, ==, "{}");

  query->text = g_strdup ("logo \"x\"");
  query->tags = g_strdupv ((char *[]) { "Brand", "Été", NULL });
  query->teams = g_strdupv ((char *[]) { "Design", NULL });
  query->kind = MEDIALIB_ASSET_KIND_CONTACT;
  query->sort = MEDIALIB_SORT_SIZE;
  query->source = g_strdup ("ai");
  query->added_since = 1700000000;
  query->limit = 10;
  json = medialib_query_to_json (query);
  g_assert_cmpstr (json, ==,
                   "{\"text\":\"logo \\\"x\\\"\",\"tags\":[\"Brand\",\"Été\"],\"teams\":[\"Design\"],"
                   "\"kind\":\"contact\",\"source\":\"ai\",\"added_since\":1700000000,\"sort\":\"size\"}");

  back = medialib_query_new_from_json (json, &error);
  g_assert_no_error (error);
  again = medialib_query_to_json (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpuint (back->limit, ==, 0);

  newer = medialib_query_new_from_json ("{\"tags\":[\"A\"],\"from_the_future\":3}", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (newer->tags, ((const char *[]) { "A", NULL }));

  g_assert_null (medialib_query_new_from_json ("[1]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (medialib_query_new_from_json ("{\"kind\":\"sound\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (medialib_query_new_from_json ("{\"tags\":[1]}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* The counts come from the database without the ids: the same numbers as the searches,
 * whatever the filters (a colour search is measured in C on a team library), the page or
 * the sort */
static void
test_counts_match_searches (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_query_free);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  MedialibQuery *query;

  first = import_one (f, "icon-blue.png", 21, "Icon");
  second = import_one (f, "icon-red.png", 22, "Icon");
  import_one (f, "banner.png", 23, "Banner");
  import_one (f, "photo.png", 24, NULL);

  g_ptr_array_add (queries, medialib_query_new ());
  g_ptr_array_add (queries, tag_query ("Icon"));
  query = medialib_query_new ();
  query->text = g_strdup ("icon");
  query->sort = MEDIALIB_SORT_NAME;
  query->offset = 1;
  query->limit = 1;
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->kind = MEDIALIB_ASSET_KIND_IMAGE;
  query->sort = MEDIALIB_SORT_SIZE;
  query->limit = 2;
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (query->ids, first);
  g_array_append_val (query->ids, second);
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->similar_to = first;
  query->max_distance = 64;
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->color = g_strdup ("#808080");
  query->color_distance = 100;
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->color = g_strdup ("#808080");
  query->color_distance = 0.5;
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->fits = g_strdup ("android-expanded");
  g_ptr_array_add (queries, query);
  query = medialib_query_new ();
  query->added_since = g_get_real_time () / G_USEC_PER_SEC + 3600;
  g_ptr_array_add (queries, query);

  counts = medialib_store_count_queries (f->store, queries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, queries->len);
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(MedialibQuery) all = medialib_query_copy (g_ptr_array_index (queries, i));
      g_autoptr(GArray) ids = NULL;

      all->offset = 0;
      all->limit = 0;
      ids = medialib_store_search_ids (f->store, all, &error);
      g_assert_no_error (error);
      if (g_array_index (counts, gint64, i) != (gint64) ids->len)
        g_error ("query %u: counted %" G_GINT64_FORMAT ", found %u", i, g_array_index (counts, gint64, i), ids->len);
    }

  /* and what they are: not all nothing */
  g_assert_cmpint (g_array_index (counts, gint64, 0), ==, 4);
  g_assert_cmpint (g_array_index (counts, gint64, 1), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 2), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 3), ==, 4);
  g_assert_cmpint (g_array_index (counts, gint64, 4), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 5), ==, 3);
  g_assert_cmpint (g_array_index (counts, gint64, 6), ==, 4);
  g_assert_cmpint (g_array_index (counts, gint64, 9), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/collections/query-json", test_query_json);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/collections", "save-list-delete", Fixture, NULL,
                         test_library_setup, test_save_list_delete, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/collections", "persist", Fixture, NULL,
                         test_library_setup, test_persist, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/collections", "async-told", Fixture, NULL,
                         test_library_setup, test_async_told, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/collections", "counts-match-searches", Fixture, NULL,
                         test_library_setup, test_counts_match_searches, test_library_teardown);
  test_add_for_backends (TEST_SHARED_DATABASE, "/medialib/collections", "other-member", Fixture, NULL,
                         test_library_setup, test_other_member, test_library_teardown);

  return g_test_run ();
}
