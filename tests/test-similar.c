/* test-similar.c — similar images on a library: the hashes stored at import and computed
 * for older libraries, the similar search with the other filters
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-background.h"
#include "medialib-core-team.h"
#include "medialib-crop.h"
#include "medialib-import.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* A photo, three copies (resized, recompressed, 5 % cropped) and three unrelated images,
 * imported; @ids in that order, then a contact card's */
enum { PHOTO, RESIZED, JPEG, CROPPED, OTHER_PHOTO, STRIPES, RINGS, CONTACT, N_FILES };

static void
import_pictures (Fixture *f,
                 gint64  *ids)
{
  g_autoptr(GdkPixbuf) photo = test_draw_picture (TEST_PICTURE_PHOTO, 400, 300, 1);
  g_autoptr(GdkPixbuf) resized = gdk_pixbuf_scale_simple (photo, 240, 180, GDK_INTERP_BILINEAR);
  g_autoptr(GdkPixbuf) cropped = gdk_pixbuf_new_subpixbuf (photo, 5, 4, 390, 292);
  g_autoptr(GdkPixbuf) other = test_draw_picture (TEST_PICTURE_PHOTO, 400, 300, 3);
  g_autoptr(GdkPixbuf) stripes = test_draw_picture (TEST_PICTURE_STRIPES, 300, 200, 4);
  g_autoptr(GdkPixbuf) rings = test_draw_picture (TEST_PICTURE_RINGS, 300, 200, 5);
  static const char card[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n";
  char *paths[N_FILES] = {
    test_save_picture (f->input, "sunset.png", photo, "png", NULL),
    test_save_picture (f->input, "sunset-small.png", resized, "png", NULL),
    test_save_picture (f->input, "sunset.jpg", photo, "jpeg", "60"),
    test_save_picture (f->input, "sunset-cropped.png", cropped, "png", NULL),
    test_save_picture (f->input, "village.png", other, "png", NULL),
    test_save_picture (f->input, "stripes.png", stripes, "png", NULL),
    test_save_picture (f->input, "rings.jpg", rings, "jpeg", "90"),
    test_write_bytes (f->input, "ada.vcf", card, sizeof card - 1),
  };
  GFile *files[N_FILES];
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_FILES; i++)
    files[i] = g_file_new_for_path (paths[i]);

  results = medialib_store_import (f->store, files, N_FILES, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, N_FILES);
  for (guint i = 0; i < N_FILES; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);

      g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
      ids[i] = r->id;
      g_object_unref (files[i]);
      g_free (paths[i]);
    }
}

static GPtrArray *
similar (Fixture      *f,
         MedialibQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = medialib_catalog_search (f->store->catalog, query, &error);
  g_autoptr(GArray) ids = NULL;

  g_assert_no_error (error);

  /* search_ids: the same assets in the same order */
  ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, assets->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, medialib_asset_get_id (g_ptr_array_index (assets, i)));

  return g_steal_pointer (&assets);
}

static guint64
hash_of (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->store, id, &error);
  guint64 hash = 0;

  g_assert_no_error (error);
  g_assert_true (medialib_asset_get_phash (asset, &hash));
  return hash;
}

/* The photo finds its three copies, nearest first, and nothing else; itself left out */
static void
test_similar_search (Fixture       *f,
                     gconstpointer  data)
{
  gint64 ids[N_FILES];
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(MedialibAsset) contact = NULL;
  g_autoptr(GError) error = NULL;
  guint64 photo;
  guint last = 0;
  gboolean seen[N_FILES] = { FALSE };

  import_pictures (f, ids);
  photo = hash_of (f, ids[PHOTO]);

  query->similar_to = ids[PHOTO];
  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (found, i);
      guint64 hash;
      guint distance;

      g_assert_true (medialib_asset_get_phash (asset, &hash));
      distance = medialib_phash_distance (photo, hash);
      g_assert_cmpuint (distance, >=, last);
      last = distance;
      for (guint k = 0; k < N_FILES; k++)
        if (ids[k] == medialib_asset_get_id (asset))
          seen[k] = TRUE;
    }
  g_assert_true (seen[RESIZED] && seen[JPEG] && seen[CROPPED]);

  /* The unrelated ones are far */
  g_assert_cmpuint (medialib_phash_distance (photo, hash_of (f, ids[OTHER_PHOTO])), >, MEDIALIB_PHASH_SIMILAR_DISTANCE);
  g_assert_cmpuint (medialib_phash_distance (photo, hash_of (f, ids[STRIPES])), >, MEDIALIB_PHASH_SIMILAR_DISTANCE);
  g_assert_cmpuint (medialib_phash_distance (photo, hash_of (f, ids[RINGS])), >, MEDIALIB_PHASH_SIMILAR_DISTANCE);

  /* With 64 bits, every image but itself; never the contact card, which has no hash */
  g_clear_pointer (&found, g_ptr_array_unref);
  query->max_distance = 64;
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 6);
  contact = medialib_store_get_asset (f->store, ids[CONTACT], &error);
  g_assert_no_error (error);
  g_assert_false (medialib_asset_get_phash (contact, NULL));

  /* Combined with the other filters: the words of the name, the kind */
  g_clear_pointer (&found, g_ptr_array_unref);
  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;
  query->text = g_strdup ("small");
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (medialib_asset_get_id (g_ptr_array_index (found, 0)), ==, ids[RESIZED]);

  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&query->text, g_free);
  query->kind = MEDIALIB_ASSET_KIND_CONTACT;
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 0);

  /* Paged as any search */
  g_clear_pointer (&found, g_ptr_array_unref);
  query->kind = MEDIALIB_ASSET_KIND_ANY;
  query->offset = 1;
  query->limit = 1;
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 1);

  /* Similar to a contact card: nothing */
  g_clear_pointer (&found, g_ptr_array_unref);
  query->offset = query->limit = 0;
  query->similar_to = ids[CONTACT];
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 0);
}

/* A library older than hashes: its images get them from their thumbnails, the same as at
 * import (a lost thumbnail is made again first); contact cards get none */
static void
test_similar_compute_older (Fixture       *f,
                            gconstpointer  data)
{
  gint64 ids[N_FILES];
  guint64 before[N_FILES];
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) cropped = NULL;
  g_autoptr(GArray) entries = NULL;
  guint computed = 0;

  import_pictures (f, ids);
  for (guint i = 0; i < CONTACT; i++)
    before[i] = hash_of (f, ids[i]);

  test_library_exec (f, "UPDATE assets SET phash = NULL");
  entries = medialib_catalog_list_phashes (f->store->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_array_unref);

  /* One thumbnail lost from the cache */
  cropped = medialib_store_get_asset (f->store, ids[CROPPED], &error);
  g_assert_no_error (error);
  g_assert_true (medialib_blob_store_delete (f->store->blobs, MEDIALIB_BLOB_THUMBNAIL,
                                             medialib_asset_get_sha256 (cropped), MEDIALIB_THUMBNAIL_SUFFIX, &error));
  g_assert_no_error (error);

  /* As the window does it: on a thread at the lowest priority */
  {
    g_autoptr(GAsyncResult) result = NULL;
    GAsyncResult *kept = NULL;

    _medialib_background_last_nice = -100;
    medialib_store_compute_phashes_async (f->store, NULL, test_keep_result, &kept);
    result = test_wait_result (&kept);
    g_assert_true (medialib_store_compute_phashes_finish (f->store, result, &computed, &error));
    g_assert_no_error (error);
    g_assert_cmpint (_medialib_background_last_nice, ==, MEDIALIB_BACKGROUND_NICE);
  }
  g_assert_cmpuint (computed, ==, CONTACT);
  for (guint i = 0; i < CONTACT; i++)
    g_assert_cmpuint (hash_of (f, ids[i]), ==, before[i]);

  entries = medialib_catalog_list_phashes (f->store->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, CONTACT);

  /* Nothing left to do */
  g_assert_true (medialib_store_compute_phashes (f->store, NULL, &computed, &error));
  g_assert_cmpuint (computed, ==, 0);
}

/* A crop made in the app (5 % off) is hashed as it is added, and found among the photo's
 * similar images */
static void
test_similar_crop (Fixture       *f,
                   gconstpointer  data)
{
  gint64 ids[N_FILES];
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) photo = NULL;
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  MedialibRect rect = { 0, 0, 380, 285 };  /* 5 % off the right and the bottom */
  gboolean seen = FALSE;

  import_pictures (f, ids);
  photo = medialib_store_get_asset (f->store, ids[PHOTO], &error);
  g_assert_no_error (error);
  crop = medialib_store_crop (f->store, photo, medialib_presets_lookup ("free"), &rect, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (crop);
  g_test_message ("the crop is %u bits from the photo",
                  medialib_phash_distance (hash_of (f, ids[PHOTO]), hash_of (f, medialib_asset_get_id (crop))));

  query->similar_to = ids[PHOTO];
  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;
  found = similar (f, query);
  g_assert_cmpuint (found->len, ==, 4);
  for (guint i = 0; i < found->len; i++)
    seen |= medialib_asset_get_id (g_ptr_array_index (found, i)) == medialib_asset_get_id (crop);
  g_assert_true (seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/similar", "search", Fixture, NULL,
                         test_library_setup, test_similar_search, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/similar", "compute-older", Fixture, NULL,
                         test_library_setup, test_similar_compute_older, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/similar", "crop", Fixture, NULL,
                         test_library_setup, test_similar_crop, test_library_teardown);

  return g_test_run ();
}
