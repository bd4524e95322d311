/* test-import.c — the import rules, on files made at test time and on PngSuite
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "medialib-core-team.h"
#include "medialib-image.h"
#include "medialib-import.h"
#include "medialib-sniff.h"
#include "medialib-store.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static GPtrArray *
import_paths (Fixture            *f,
              const char * const *paths,
              char              **tags,
              char              **teams)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  MedialibImportOptions options = { .tags = tags, .teams = teams };
  GPtrArray *results;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));

  results = medialib_store_import (f->store, (GFile **) files->pdata, files->len, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static MedialibImportResult *
import_one (Fixture    *f,
            const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths, NULL, NULL);

  g_assert_cmpuint (results->len, ==, 1);
  return g_ptr_array_steal_index (results, 0);
}

static guint
count_status (GPtrArray            *results,
              MedialibImportStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    if (((MedialibImportResult *) g_ptr_array_index (results, i))->status == status)
      n++;

  return n;
}

static void
test_import_png_jpeg_gif (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *png = test_write_image (f->input, "banner.png", "png", 640, 320, 1);
  g_autofree char *jpeg = test_write_image (f->input, "photo.jpeg", "jpeg", 800, 600, 2);
  g_autofree char *gif = test_write_gif (f->input, "still.gif", 40, 30, 1, 200);
  g_autofree char *anim = test_write_gif (f->input, "moving.gif", 40, 30, 3, 100);
  const char *paths[] = { png, jpeg, gif, anim, NULL };
  const struct { const char *mime; int w, h; gboolean animated; } expected[] = {
    { "image/png", 640, 320, FALSE },
    { "image/jpeg", 800, 600, FALSE },
    { "image/gif", 40, 30, FALSE },
    { "image/gif", 40, 30, TRUE },
  };
  g_autoptr(GPtrArray) results = import_paths (f, paths, NULL, NULL);

  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < results->len; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);
      g_autoptr(MedialibAsset) asset = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) thumb = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *original = NULL;
      gsize stored_len, original_len;

      g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
      g_assert_null (r->reason);
      asset = medialib_store_get_asset (f->store, r->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (medialib_asset_get_mime (asset), ==, expected[i].mime);
      g_assert_cmpint (medialib_asset_get_kind (asset), ==, MEDIALIB_ASSET_KIND_IMAGE);
      g_assert_cmpint (medialib_asset_get_width (asset), ==, expected[i].w);
      g_assert_cmpint (medialib_asset_get_height (asset), ==, expected[i].h);
      g_assert_cmpint (medialib_asset_get_animated (asset), ==, expected[i].animated);
      g_assert_cmpstr (medialib_asset_get_source (asset), ==, "upload");

      /* The library's own copy has the same bytes, and the original is untouched. */
      g_file_get_contents (medialib_asset_get_path (asset), &stored, &stored_len, &error);
      g_assert_no_error (error);
      g_file_get_contents (paths[i], &original, &original_len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (stored, stored_len, original, original_len);
      g_assert_cmpint (medialib_asset_get_bytes (asset), ==, (gint64) original_len);
      g_assert_cmpstr (medialib_asset_get_path (asset), !=, paths[i]);

      {
        g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) original, original_len);
        g_assert_cmpstr (medialib_asset_get_sha256 (asset), ==, sha);
      }

      thumb = gdk_pixbuf_new_from_file (medialib_asset_get_thumbnail_path (asset), &error);
      g_assert_no_error (error);
      g_assert_cmpint (MAX (gdk_pixbuf_get_width (thumb), gdk_pixbuf_get_height (thumb)), <=,
                       MEDIALIB_THUMBNAIL_SIZE);
    }
}

static void
test_import_thumbnail_size (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->input, "wide.jpg", "jpeg", 2000, 1000, 3);
  g_autoptr(MedialibImportResult) r = import_one (f, path);
  g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->store, r->id, NULL);
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GError) error = NULL;

  thumb = gdk_pixbuf_new_from_file (medialib_asset_get_thumbnail_path (asset), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 512);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 256);

  /* The cache is cleared: the thumbnail is made again on demand. */
  g_assert_cmpint (g_unlink (medialib_asset_get_thumbnail_path (asset)), ==, 0);
  g_assert_true (medialib_store_ensure_thumbnail (f->store, asset, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_IS_REGULAR));
}

static void
test_import_type_from_content (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *png_as_jpg = test_write_image (f->input, "really-a-png.jpg", "png", 30, 20, 4);
  g_autofree char *text_as_png = test_write_bytes (f->input, "notes.png", "just some notes\n", 16);
  g_autofree char *webp = test_write_bytes (f->input, "photo.png", "RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0", 20);
  g_autofree char *empty = test_write_bytes (f->input, "empty.png", "", 0);
  g_autoptr(MedialibImportResult) r1 = import_one (f, png_as_jpg);
  g_autoptr(MedialibImportResult) r2 = import_one (f, text_as_png);
  g_autoptr(MedialibImportResult) r3 = import_one (f, webp);
  g_autoptr(MedialibImportResult) r4 = import_one (f, empty);
  g_autoptr(MedialibAsset) asset = NULL;

  g_assert_cmpint (r1->status, ==, MEDIALIB_IMPORT_ADDED);
  asset = medialib_store_get_asset (f->store, r1->id, NULL);
  g_assert_cmpstr (medialib_asset_get_mime (asset), ==, "image/png");
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "really-a-png.jpg");
  g_assert_true (g_str_has_suffix (medialib_asset_get_path (asset), ".png"));

  g_assert_cmpint (r2->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r2->reason, "text"));

  g_assert_cmpint (r3->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_cmpstr (r3->reason, ==, "WebP images are not supported; use PNG, JPEG or GIF");

  g_assert_cmpint (r4->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_cmpstr (r4->reason, ==, "the file is empty");

  g_assert_cmpint (medialib_store_count (f->store), ==, 1);
}

static void
test_import_size_limit (Fixture       *f,
                        gconstpointer  data)
{
  const gsize limit = 5 * 1024 * 1024;
  g_autofree char *png = test_write_image (f->input, "base.png", "png", 64, 64, 5);
  g_autofree char *contents = NULL;
  g_autofree char *under = NULL;
  g_autofree char *at = NULL;
  g_autofree char *padded = NULL;
  g_autoptr(MedialibImportResult) r_under = NULL;
  g_autoptr(MedialibImportResult) r_at = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));

  /* A valid PNG followed by padding after IEND, one byte under the limit, then at it. */
  padded = g_malloc0 (limit);
  memcpy (padded, contents, length);
  under = test_write_bytes (f->input, "under.png", padded, limit - 1);
  padded[limit - 2] = 1;   /* different bytes, not a duplicate */
  at = test_write_bytes (f->input, "at.png", padded, limit);

  r_under = import_one (f, under);
  r_at = import_one (f, at);

  g_assert_cmpint (r_under->status, ==, MEDIALIB_IMPORT_ADDED);
  g_assert_cmpint (r_at->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r_at->reason, "5242880 bytes"));
  g_assert_nonnull (strstr (r_at->reason, "too large"));
}

static void
test_import_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *png = test_write_image (f->input, "whole.png", "png", 200, 100, 6);
  g_autofree char *jpeg = test_write_image (f->input, "whole.jpg", "jpeg", 200, 100, 7);
  g_autofree char *png_data = NULL;
  g_autofree char *jpeg_data = NULL;
  g_autofree char *trunc_png = NULL;
  g_autofree char *trunc_jpeg = NULL;
  gsize png_len, jpeg_len;
  g_autoptr(MedialibImportResult) r1 = NULL;
  g_autoptr(MedialibImportResult) r2 = NULL;

  g_file_get_contents (png, &png_data, &png_len, NULL);
  g_file_get_contents (jpeg, &jpeg_data, &jpeg_len, NULL);
  trunc_png = test_write_bytes (f->input, "cut.png", png_data, png_len / 2);
  trunc_jpeg = test_write_bytes (f->input, "cut.jpg", jpeg_data, 300);

  r1 = import_one (f, trunc_png);
  r2 = import_one (f, trunc_jpeg);
  g_assert_cmpint (r1->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r1->reason, "PNG"));
  g_assert_cmpint (r2->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r2->reason, "JPEG"));
  g_assert_cmpint (medialib_store_count (f->store), ==, 0);
}

static void
test_import_bomb (Fixture       *f,
                  gconstpointer  data)
{
  /* 10000 × 6000 = 60 megapixels, in a few bytes: refused before decoding. */
  g_autofree char *gif = test_write_gif (f->input, "bomb.gif", 10000, 6000, 1, 1);
  g_autoptr(MedialibImportResult) r = import_one (f, gif);

  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r->reason, "10000 × 6000"));
  g_assert_nonnull (strstr (r->reason, "50 megapixels"));
}

static void
test_import_duplicate (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = test_write_image (f->input, "first.png", "png", 50, 50, 8);
  g_autofree char *contents = NULL;
  g_autofree char *b = NULL;
  gsize length;
  char *tags1[] = { "Spring", NULL };
  char *tags2[] = { "spring", "Sale", NULL };
  char *teams2[] = { "Growth", NULL };
  const char *p1[] = { a, NULL };
  const char *p2[] = { b, NULL };
  g_autoptr(GPtrArray) r1 = NULL;
  g_autoptr(GPtrArray) r2 = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  MedialibImportResult *first, *second;

  g_file_get_contents (a, &contents, &length, NULL);
  b = test_write_bytes (f->input, "second-name.png", contents, length);
  p2[0] = b;

  r1 = import_paths (f, p1, tags1, NULL);
  r2 = import_paths (f, p2, tags2, teams2);
  first = g_ptr_array_index (r1, 0);
  second = g_ptr_array_index (r2, 0);

  g_assert_cmpint (first->status, ==, MEDIALIB_IMPORT_ADDED);
  g_assert_cmpint (second->status, ==, MEDIALIB_IMPORT_DUPLICATE);
  g_assert_cmpint (second->id, ==, first->id);
  g_assert_cmpstr (second->name, ==, "first.png");
  g_assert_cmpint (medialib_store_count (f->store), ==, 1);

  /* The second import's tags and teams went to the existing asset; "spring" is "Spring". */
  asset = medialib_store_get_asset (f->store, first->id, NULL);
  g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_tags (asset)), ==, 2);
  g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "Spring"));
  g_assert_true (g_strv_contains (medialib_asset_get_tags (asset), "Sale"));
  g_assert_true (g_strv_contains (medialib_asset_get_teams (asset), "Growth"));
}

static void
test_import_same_bytes_in_one_import (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *a = test_write_image (f->input, "a.png", "png", 50, 50, 9);
  g_autofree char *contents = NULL;
  g_autofree char *b = NULL;
  gsize length;
  g_autoptr(GPtrArray) results = NULL;
  const char *paths[] = { a, NULL, NULL };

  g_file_get_contents (a, &contents, &length, NULL);
  b = test_write_bytes (f->input, "b.png", contents, length);
  paths[1] = b;

  results = import_paths (f, paths, NULL, NULL);
  g_assert_cmpuint (count_status (results, MEDIALIB_IMPORT_ADDED), ==, 1);
  g_assert_cmpuint (count_status (results, MEDIALIB_IMPORT_DUPLICATE), ==, 1);
  g_assert_cmpint (medialib_store_count (f->store), ==, 1);
}

static void
test_import_folder_limit (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->input, "campaign", NULL);
  g_autofree char *nested = g_build_filename (folder, "b-nested", "deeper", NULL);
  g_autofree char *loop = g_build_filename (folder, "b-nested", "loop", NULL);
  g_autofree char *hidden_dir = g_build_filename (folder, ".cache", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(GPtrArray) results = NULL;
  guint made = 0;

  g_mkdir_with_parents (nested, 0755);
  g_mkdir_with_parents (hidden_dir, 0755);

  /* 60 images: 20 at the top (a-…), 20 in b-nested, 20 in b-nested/deeper */
  for (guint i = 0; i < 20; i++, made++)
    {
      g_autofree char *name = g_strdup_printf ("a-%02u.png", i);
      g_autofree char *p = test_write_image (folder, name, "png", 8, 8, 100 + made);
    }
  for (guint i = 0; i < 20; i++, made++)
    {
      g_autofree char *dir = g_build_filename (folder, "b-nested", NULL);
      g_autofree char *name = g_strdup_printf ("b-%02u.png", i);
      g_autofree char *p = test_write_image (dir, name, "png", 8, 8, 100 + made);
    }
  for (guint i = 0; i < 20; i++, made++)
    {
      g_autofree char *name = g_strdup_printf ("c-%02u.png", i);
      g_autofree char *p = test_write_image (nested, name, "png", 8, 8, 100 + made);
    }

  /* Left out without a word: hidden files and folders, and symbolic links (here a loop). */
  g_free (test_write_image (folder, ".hidden.png", "png", 8, 8, 999));
  g_free (test_write_image (hidden_dir, "thumb.png", "png", 8, 8, 998));
  g_assert_cmpint (symlink (folder, loop), ==, 0);

  results = import_paths (f, paths, NULL, NULL);

  g_assert_cmpuint (results->len, ==, 60);
  g_assert_cmpuint (count_status (results, MEDIALIB_IMPORT_ADDED), ==, 50);
  g_assert_cmpuint (count_status (results, MEDIALIB_IMPORT_SKIPPED), ==, 10);
  g_assert_cmpint (medialib_store_count (f->store), ==, 50);

  /* Name order, depth first: a-*, then b-nested/b-*, then b-nested/deeper/c-*; the last
   * ten of c-* are the skipped ones. */
  for (guint i = 0; i < results->len; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);
      g_autofree char *base = g_path_get_basename (r->path);

      if (i < 20)
        g_assert_true (g_str_has_prefix (base, "a-"));
      else if (i < 40)
        g_assert_true (g_str_has_prefix (base, "b-"));
      else
        g_assert_true (g_str_has_prefix (base, "c-"));

      if (i < 50)
        g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
      else
        {
          g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_SKIPPED);
          g_assert_cmpstr (r->reason, ==, "a folder upload takes at most 50 files");
        }
    }
}

static void
test_import_missing_input (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->input, "nope.png", NULL);
  g_autoptr(MedialibImportResult) r = import_one (f, missing);

  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_cmpstr (r->reason, ==, "there is no such file or folder");
}

typedef struct
{
  const char  *library;
  GPtrArray   *files;
  GPtrArray   *results;
} ConcurrentImport;

static gpointer
concurrent_import_thread (gpointer data)
{
  ConcurrentImport *ci = data;
  g_autoptr(GError) error = NULL;
  /* A store of its own: another connection, as another process would have. */
  g_autoptr(MedialibStore) store = medialib_store_open (ci->library, &error);

  g_assert_no_error (error);
  ci->results = medialib_store_import (store, (GFile **) ci->files->pdata, ci->files->len,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

static void
test_import_concurrent (Fixture       *f,
                        gconstpointer  data)
{
  ConcurrentImport ci[3] = { 0 };
  GThread *threads[3];
  GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* 30 files; the three imports overlap: 0-19, 10-29, 0-29. */
  for (guint t = 0; t < 3; t++)
    {
      ci[t].library = medialib_store_get_dir (f->store);
      ci[t].files = g_ptr_array_new_with_free_func (g_object_unref);
    }
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%02u.png", i);
      g_autofree char *path = test_write_image (f->input, name, "png", 40, 40, 500 + i);

      if (i < 20)
        g_ptr_array_add (ci[0].files, g_file_new_for_path (path));
      if (i >= 10)
        g_ptr_array_add (ci[1].files, g_file_new_for_path (path));
      g_ptr_array_add (ci[2].files, g_file_new_for_path (path));
    }

  for (guint t = 0; t < 3; t++)
    threads[t] = g_thread_new ("import", concurrent_import_thread, &ci[t]);
  for (guint t = 0; t < 3; t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < 3; t++)
    {
      for (guint i = 0; i < ci[t].results->len; i++)
        {
          MedialibImportResult *r = g_ptr_array_index (ci[t].results, i);

          g_assert_true (r->status == MEDIALIB_IMPORT_ADDED || r->status == MEDIALIB_IMPORT_DUPLICATE);
          g_hash_table_add (ids, &r->id);
        }
    }

  g_assert_cmpuint (g_hash_table_size (ids), ==, 30);
  g_assert_cmpint (medialib_store_count (f->store), ==, 30);

  g_hash_table_unref (ids);
  for (guint t = 0; t < 3; t++)
    {
      g_ptr_array_unref (ci[t].files);
      g_ptr_array_unref (ci[t].results);
    }
}

/* One asset deleted while the same bytes are imported again, on the app's worker threads */
typedef struct
{
  MedialibStore *store;
  GFile         *file;
  gint64         delete_id;   /* 0 for an importer */
} Racer;

static gpointer
race_thread (gpointer data)
{
  Racer *racer = data;
  g_autoptr(GError) error = NULL;

  if (racer->delete_id != 0)
    {
      /* At some moment of the imports, from before they look for the stored file until after
       * they add their row */
      g_usleep (g_random_int_range (0, 3000));
      g_assert_true (medialib_store_delete (racer->store, racer->delete_id, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(GPtrArray) results = medialib_store_import (racer->store, &racer->file, 1, NULL, NULL, &error);
      MedialibImportResult *r;

      g_assert_no_error (error);
      r = g_ptr_array_index (results, 0);
      g_assert_true (r->status == MEDIALIB_IMPORT_ADDED || r->status == MEDIALIB_IMPORT_DUPLICATE);
    }

  return NULL;
}

static void
test_import_delete_race (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = test_write_image (f->input, "again.png", "png", 64, 64, 31);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MedialibQuery) query = medialib_query_new ();

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(MedialibImportResult) first = import_one (f, path);
      g_autoptr(GPtrArray) assets = NULL;
      g_autoptr(GError) error = NULL;
      Racer racers[3] = {
        { f->store, file, first->id }, { f->store, file, 0 }, { f->store, file, 0 },
      };
      GThread *threads[G_N_ELEMENTS (racers)];

      for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
        threads[i] = g_thread_new ("race", race_thread, &racers[i]);
      for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
        g_thread_join (threads[i]);

      /* Whatever the order, every row's file is there with its content */
      assets = medialib_store_search (f->store, query, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < assets->len; i++)
        {
          MedialibAsset *asset = g_ptr_array_index (assets, i);
          g_autofree char *contents = NULL;
          g_autofree char *sha256 = NULL;
          gsize length;

          if (!g_file_get_contents (medialib_asset_get_path (asset), &contents, &length, &error))
            g_error ("round %u: asset %" G_GINT64_FORMAT " has lost its file: %s",
                     round, medialib_asset_get_id (asset), error->message);
          sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
          g_assert_cmpstr (sha256, ==, medialib_asset_get_sha256 (asset));
        }
    }
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  guint      progress_calls;
  guint      last_done;
  guint      total;
  gboolean   in_main_thread;
  gboolean   notified;
} AsyncState;

static void
on_progress (guint                       done,
             guint                       total,
             const MedialibImportResult *last,
             gpointer                    user_data)
{
  AsyncState *state = user_data;

  state->progress_calls++;
  g_assert_cmpuint (done, >, state->last_done);
  state->last_done = done;
  state->total = total;
  state->in_main_thread &= g_main_context_is_owner (g_main_context_default ());
}

static void
on_notify (gpointer user_data)
{
  ((AsyncState *) user_data)->notified = TRUE;
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->results = medialib_store_import_finish (MEDIALIB_STORE (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_import_async_progress (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AsyncState state = { .in_main_thread = TRUE };

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%02u.jpg", i);
      g_autofree char *path = test_write_image (f->input, name, "jpeg", 300, 200, 700 + i);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  g_ptr_array_add (files, g_file_new_for_path ("/nonexistent/medialib.png"));

  state.loop = g_main_loop_new (NULL, FALSE);
  medialib_store_import_async (f->store, (GFile **) files->pdata, files->len, NULL, NULL,
                               on_progress, &state, on_notify, on_import_done, &state);
  g_main_loop_run (state.loop);

  /* Let the last progress messages and the notify arrive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (state.results->len, ==, 13);
  g_assert_cmpuint (count_status (state.results, MEDIALIB_IMPORT_ADDED), ==, 12);
  g_assert_cmpuint (state.progress_calls, ==, 13);
  g_assert_cmpuint (state.last_done, ==, 13);
  g_assert_cmpuint (state.total, ==, 13);
  g_assert_true (state.in_main_thread);
  g_assert_true (state.notified);

  g_ptr_array_unref (state.results);
  g_main_loop_unref (state.loop);
}

static void
test_import_invalid_tag (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *png = test_write_image (f->input, "x.png", "png", 8, 8, 10);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  char *tags[] = { "   ", NULL };
  MedialibImportOptions options = { .tags = tags };

  results = medialib_store_import (f->store, &file, 1, &options, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (results);
  g_assert_cmpint (medialib_store_count (f->store), ==, 0);
}

/* Every PngSuite file: x* rejected with a reason, everything else accepted with its size. */
static void
test_import_pngsuite (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *corpus = test_shared_corpus ("pngsuite");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_accepted = 0, n_rejected = 0;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus/pngsuite is not present");
      return;
    }

  dir = g_dir_open (corpus, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autoptr(MedialibImportResult) r = NULL;
      g_autoptr(GdkPixbuf) reference = NULL;
      g_autoptr(MedialibAsset) asset = NULL;

      if (!g_str_has_suffix (name, ".png"))
        continue;

      r = import_one (f, path);

      if (name[0] == 'x')
        {
          if (r->status != MEDIALIB_IMPORT_REJECTED)
            g_error ("%s was accepted", name);
          g_assert_nonnull (r->reason);
          g_assert_cmpstr (r->reason, !=, "");
          n_rejected++;
          continue;
        }

      if (r->status != MEDIALIB_IMPORT_ADDED && r->status != MEDIALIB_IMPORT_DUPLICATE)
        g_error ("%s was rejected: %s", name, r->reason);

      /* The dimensions, against GdkPixbuf's own reading of the file. */
      reference = gdk_pixbuf_new_from_file (path, NULL);
      g_assert_nonnull (reference);
      asset = medialib_store_get_asset (f->store, r->id, NULL);
      g_assert_cmpint (medialib_asset_get_width (asset), ==, gdk_pixbuf_get_width (reference));
      g_assert_cmpint (medialib_asset_get_height (asset), ==, gdk_pixbuf_get_height (reference));
      n_accepted++;
    }

  g_assert_cmpuint (n_rejected, ==, 14);
  g_assert_cmpuint (n_accepted, >=, 150);
}

static void
test_sniff (void)
{
  const struct { const char *bytes; gsize len; MedialibFormat format; } cases[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, MEDIALIB_FORMAT_PNG },
    { "\xff\xd8\xff\xe0\0\x10JFIF", 10, MEDIALIB_FORMAT_JPEG },
    { "GIF89a\1\0\1\0", 10, MEDIALIB_FORMAT_GIF },
    { "GIF87a\1\0\1\0", 10, MEDIALIB_FORMAT_GIF },
    { "BEGIN:VCARD\r\nVERSION:3.0\r\n", 26, MEDIALIB_FORMAT_VCARD },
    { "\xef\xbb\xbf  begin:vcard\n", 18, MEDIALIB_FORMAT_VCARD },
    { "RIFF\0\0\0\0WEBPVP8 ", 16, MEDIALIB_FORMAT_WEBP },
    { "II*\0\x08\0\0\0", 8, MEDIALIB_FORMAT_TIFF },
    { "\0\0\0\x1c" "ftypheic", 12, MEDIALIB_FORMAT_HEIF },
    { "\0\0\0\x1c" "ftypavif", 12, MEDIALIB_FORMAT_AVIF },
    { "<?xml version=\"1.0\"?><svg xmlns=", 32, MEDIALIB_FORMAT_SVG },
    { "%PDF-1.7\n", 9, MEDIALIB_FORMAT_PDF },
    { "hello, world\n", 13, MEDIALIB_FORMAT_TEXT },
    { "\0\1\2\3\4\5\6\7", 8, MEDIALIB_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (medialib_sniff ((const guint8 *) cases[i].bytes, cases[i].len), ==, cases[i].format);

  g_assert_true (medialib_format_is_accepted (MEDIALIB_FORMAT_VCARD));
  g_assert_false (medialib_format_is_accepted (MEDIALIB_FORMAT_WEBP));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/import", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  g_test_add_func ("/medialib/import/sniff", test_sniff);
  ADD ("png-jpeg-gif", test_import_png_jpeg_gif);
  ADD ("thumbnail-size", test_import_thumbnail_size);
  ADD ("type-from-content", test_import_type_from_content);
  ADD ("size-limit", test_import_size_limit);
  ADD ("corrupt", test_import_corrupt);
  ADD ("decompression-bomb", test_import_bomb);
  ADD ("duplicate", test_import_duplicate);
  ADD ("duplicate-in-one-import", test_import_same_bytes_in_one_import);
  ADD ("folder-limit", test_import_folder_limit);
  ADD ("missing-input", test_import_missing_input);
  ADD ("concurrent", test_import_concurrent);
  ADD ("delete-import-race", test_import_delete_race);
  ADD ("async-progress", test_import_async_progress);
  ADD ("invalid-tag", test_import_invalid_tag);
  ADD ("pngsuite", test_import_pngsuite);

  return g_test_run ();
}
