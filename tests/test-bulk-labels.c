/* test-bulk-labels.c — tags and teams added to and removed from many assets in one
 * transaction, and the undo that restores exactly what was there
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

#define N_ASSETS 5

static gint64
add_asset (Fixture            *f,
           guint               n,
           const char * const *tags,
           const char * const *teams)
{
  g_autofree char *name = g_strdup_printf ("asset %u.png", n);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  MedialibNewAsset asset = {
    .name = name, .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png", .bytes = 10,
    .width = 2, .height = 2, .sha256 = sha, .source = "upload", .tags = tags, .teams = teams,
  };
  MedialibAddedAsset added = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_catalog_add_assets (f->store->catalog, &asset, 1, &added, &error));
  g_assert_no_error (error);
  medialib_added_asset_clear (&added);
  return added.id;
}

/* "tags|teams" of an asset, the tags and the teams each joined by commas */
static char *
labels_of (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->store, id, &error);
  g_autofree char *tags = NULL;
  g_autofree char *teams = NULL;

  g_assert_no_error (error);
  tags = g_strjoinv (",", (char **) medialib_asset_get_tags (asset));
  teams = g_strjoinv (",", (char **) medialib_asset_get_teams (asset));
  return g_strdup_printf ("%s|%s", tags, teams);
}

static void
assert_labels (Fixture            *f,
               const gint64       *ids,
               const char * const *expected)
{
  for (guint i = 0; i < N_ASSETS; i++)
    {
      g_autofree char *labels = labels_of (f, ids[i]);

      g_assert_cmpstr (labels, ==, expected[i]);
    }
}

/* The ids of a search by tag */
static guint
count_tagged (Fixture    *f,
              const char *tag)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  query->tags = g_strdupv ((char *[]) { (char *) tag, NULL });
  ids = medialib_store_search_ids (f->store, query, &error);
  g_assert_no_error (error);
  return ids->len;
}

static gboolean
has_label (Fixture           *f,
           MedialibLabelKind  kind,
           const char        *name)
{
  g_autoptr(GPtrArray) labels = medialib_store_list_labels (f->store, kind, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (((MedialibLabelCount *) g_ptr_array_index (labels, i))->name, name))
      return TRUE;

  return FALSE;
}

static void
on_changed (MedialibCatalog    *catalog,
            MedialibChangeKind  kind,
            GArray             *ids,
            guint              *n_assets_changed)
{
  if (kind == MEDIALIB_CHANGE_ASSETS_CHANGED)
    *n_assets_changed += ids->len;
}

/* Added to all, removed from all, a team too: one change set; its undo gives back each
 * asset's labels exactly, the one that had the added tag before keeping it */
static void
test_bulk_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  const char *summer[] = { "summer", NULL };
  const char *old[] = { "old", NULL };
  const char *old_summer[] = { "old", "summer", NULL };
  const char *design[] = { "Design", NULL };
  const char *before[N_ASSETS] = { "summer|", "old|", "old,summer|Design", "|", "|Design" };
  const char *after[N_ASSETS] = {
    "summer|Growth", "summer|Growth", "summer|Design,Growth", "summer|Growth", "summer|Design,Growth",
  };
  gint64 ids[N_ASSETS];
  g_autoptr(GPtrArray) changes = medialib_label_changes_new ();
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) undo = NULL;
  g_autoptr(GPtrArray) redone = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;
  gulong handler;

  ids[0] = add_asset (f, 0, summer, NULL);
  ids[1] = add_asset (f, 1, old, NULL);
  ids[2] = add_asset (f, 2, old_summer, design);
  ids[3] = add_asset (f, 3, NULL, NULL);
  ids[4] = add_asset (f, 4, NULL, design);
  assert_labels (f, ids, before);

  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TAG, "summer", TRUE, ids, N_ASSETS));
  /* Another spelling: the library's ("old") comes back at the undo */
  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TAG, "OLD", FALSE, ids, N_ASSETS));
  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TEAM, "Growth", TRUE, ids, N_ASSETS));

  handler = g_signal_connect (f->store->catalog, "changed", G_CALLBACK (on_changed), &n_changed);
  done = medialib_store_change_labels (f->store, changes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (done);
  assert_labels (f, ids, after);
  g_assert_cmpuint (count_tagged (f, "summer"), ==, N_ASSETS);
  g_assert_cmpuint (count_tagged (f, "old"), ==, 0);
  g_assert_false (has_label (f, MEDIALIB_LABEL_TAG, "old"));
  /* One signal for the five assets */
  g_assert_cmpuint (n_changed, ==, N_ASSETS);

  /* What was really done: the two assets that had "summer" are not in it */
  g_assert_cmpuint (done->len, ==, 3);
  g_assert_cmpuint (((MedialibLabelChange *) done->pdata[0])->ids->len, ==, N_ASSETS - 2);
  g_assert_cmpstr (((MedialibLabelChange *) done->pdata[1])->name, ==, "old");
  g_assert_cmpuint (((MedialibLabelChange *) done->pdata[1])->ids->len, ==, 2);
  g_assert_cmpuint (((MedialibLabelChange *) done->pdata[2])->ids->len, ==, N_ASSETS);

  undo = medialib_label_changes_invert (done);
  redone = medialib_store_change_labels (f->store, undo, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redone);
  assert_labels (f, ids, before);
  g_assert_cmpuint (count_tagged (f, "summer"), ==, 2);
  g_assert_cmpuint (count_tagged (f, "old"), ==, 2);
  /* Teams stay when no one is in them */
  g_assert_true (has_label (f, MEDIALIB_LABEL_TEAM, "Growth"));

  g_signal_handler_disconnect (f->store->catalog, handler);
}

/* All or nothing: an asset that is not there fails the whole change, which changed nothing */
static void
test_bulk_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  const char *before[N_ASSETS] = { "|", "|", "|", "|", "|" };
  gint64 ids[N_ASSETS + 1];
  g_autoptr(GPtrArray) changes = medialib_label_changes_new ();
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_ASSETS; i++)
    ids[i] = add_asset (f, i, NULL, NULL);
  ids[N_ASSETS] = ids[N_ASSETS - 1] + 1000;

  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TAG, "summer", TRUE, ids, N_ASSETS));
  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TEAM, "Growth", TRUE, ids, N_ASSETS + 1));
  done = medialib_store_change_labels (f->store, changes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (done);
  assert_labels (f, ids, before);
  g_assert_false (has_label (f, MEDIALIB_LABEL_TAG, "summer"));
  g_clear_error (&error);

  /* A name that is no label is refused before anything */
  g_ptr_array_set_size (changes, 0);
  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TAG, "   ", TRUE, ids, N_ASSETS));
  done = medialib_store_change_labels (f->store, changes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (done);
}

/* The same on a worker thread */
static void
test_bulk_async (Fixture       *f,
                 gconstpointer  data)
{
  const char *after[N_ASSETS] = { "summer|", "summer|", "summer|", "summer|", "summer|" };
  const char *before[N_ASSETS] = { "|", "|", "|", "|", "|" };
  gint64 ids[N_ASSETS];
  g_autoptr(GPtrArray) changes = medialib_label_changes_new ();
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) undo = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *kept = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_ASSETS; i++)
    ids[i] = add_asset (f, i, NULL, NULL);

  g_ptr_array_add (changes, medialib_label_change_new (MEDIALIB_LABEL_TAG, "summer", TRUE, ids, N_ASSETS));
  medialib_store_change_labels_async (f->store, changes, NULL, test_keep_result, &kept);
  /* The call copied what it was given */
  g_ptr_array_set_size (changes, 0);
  result = test_wait_result (&kept);
  done = medialib_store_change_labels_finish (f->store, result, &error);
  g_assert_no_error (error);
  assert_labels (f, ids, after);
  g_clear_object (&result);

  undo = medialib_label_changes_invert (done);
  medialib_store_change_labels_async (f->store, undo, NULL, test_keep_result, &kept);
  result = test_wait_result (&kept);
  undone = medialib_store_change_labels_finish (f->store, result, &error);
  g_assert_no_error (error);
  assert_labels (f, ids, before);
  g_assert_false (has_label (f, MEDIALIB_LABEL_TAG, "summer"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/bulk-labels", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("and-undo", test_bulk_and_undo);
  ADD ("all-or-nothing", test_bulk_all_or_nothing);
  ADD ("async", test_bulk_async);

  return g_test_run ();
}
