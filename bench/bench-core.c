/* bench-core.c — in-process timings of the core for bench/run
 *
 *   bench-core make DIR COUNT     a library of COUNT assets with realistic names, tags and
 *                                 teams, made through the store (no image files: search only
 *                                 reads the database)
 *   bench-core search DIR RUNS [NAME]
 *                                 times each query of QUERIES (or the one called NAME) from
 *                                 the call of medialib_store_search_async() to its result
 *                                 model, RUNS times after a warm-up; prints one JSON object
 *                                 per line
 *   bench-core thumbs DIR         gives every asset of DIR a thumbnail: hard links to 24
 *                                 distinct 512×341 PNGs, so that the window has real
 *                                 thumbnails to decode without 100,000 files of data
 *   bench-core open DIR           opens the library and nothing else (what the two below
 *                                 count besides their work, under callgrind)
 *   bench-core import DIR FILE    imports one file through the core, in the process
 *   bench-core query DIR TEXT     one search of TEXT, to a populated first page
 *   bench-core find DIR RUNS      times medialib_store_find_async() (the window's search) to
 *                                 its populated first page of 28 and to its complete list of
 *                                 ids, for a search of "b" and the three sorts of the whole
 *                                 library; prints one JSON object per line
 *   bench-core similar DIR RUNS   gives the assets that have none a perceptual hash (random,
 *                                 one in 20 a near copy of an earlier one), then times a
 *                                 similar search (medialib_store_search_async(), within
 *                                 MEDIALIB_PHASH_SIMILAR_DISTANCE) to its populated model, and
 *                                 medialib_store_find_duplicates(); prints one JSON object
 *   bench-core crop DIR ID        times medialib_store_crop() of asset ID to "Push · Android ·
 *                                 Expanded notification" (crop, scale, encode, check, store,
 *                                 thumbnail); prints the seconds
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medialib-core-team.h"
#include "medialib-image.h"
#include "medialib-import.h"

#include "medialib-crop.h"
#include "medialib-preset.h"
#include "medialib-store.h"
#include "medialib-store-private.h"
#include "medialib-query.h"
#include "medialib-results.h"

#include "bench-generate.h"

typedef struct
{
  const char *name;
  const char *text;
  const char *tag;
  const char *team;
} Query;

static const Query queries[] = {
  { "prefix-1", "b", NULL, NULL },
  { "prefix-2", "ba", NULL, NULL },
  { "prefix-3", "ban", NULL, NULL },
  { "tag", NULL, "Launch", NULL },
  { "team", NULL, NULL, "Growth" },
  { "combined", "ba", "Launch", "Growth" },
};

#define BATCH 10000

static int
make (const char *dir,
      int         count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  /* The rows go in batches of BATCH, one transaction each; a batch's strings live as long */
  g_autofree MedialibNewAsset *assets = g_new0 (MedialibNewAsset, BATCH);
  g_autofree MedialibAddedAsset *added = g_new0 (MedialibAddedAsset, BATCH);
  g_autofree const char **labels = g_new0 (const char *, BATCH * 7);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  for (int i = 0; i < count; i++)
    {
      int k = i % BATCH;
      BenchAsset made;
      const char **asset_tags = labels + k * 7;   /* up to 3 tags, then NULL */
      const char **asset_teams = asset_tags + 4;  /* up to 2 teams, then NULL */
      MedialibNewAsset *asset = &assets[k];

      bench_asset_generate (rand, i, &made);
      memcpy (asset_tags, made.tags, sizeof made.tags);
      memcpy (asset_teams, made.teams, sizeof made.teams);
      g_ptr_array_add (strings, g_steal_pointer (&made.name));
      g_ptr_array_add (strings, g_steal_pointer (&made.sha256));

      *asset = (MedialibNewAsset) {
        .name = g_ptr_array_index (strings, strings->len - 2),
        .kind = MEDIALIB_ASSET_KIND_IMAGE,
        .mime = made.mime,
        .bytes = made.bytes,
        .width = 1200,
        .height = 800,
        .sha256 = g_ptr_array_index (strings, strings->len - 1),
        .source = "upload",
        .tags = asset_tags,
        .teams = asset_teams,
      };

      if (k == BATCH - 1 || i == count - 1)
        {
          if (!medialib_catalog_add_assets (store->catalog, assets, k + 1, added, &error))
            break;
          for (int j = 0; j <= k; j++)
            medialib_added_asset_clear (&added[j]);
          g_ptr_array_set_size (strings, 0);
        }
    }

  if (error != NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  return 0;
}

typedef struct
{
  GMainLoop  *loop;
  GListModel *model;
  GError     *error;
} Wait;

static void
on_search_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->model = medialib_store_search_finish (MEDIALIB_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
run (const char *dir,
     int         runs,
     const char *only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(MedialibQuery) query = medialib_query_new ();
      g_autofree double *times = g_new0 (double, runs);
      const char *tag_list[2] = { queries[q].tag, NULL };
      const char *team_list[2] = { queries[q].team, NULL };
      guint n_items = 0;

      if (only != NULL && !g_str_equal (only, queries[q].name))
        continue;

      query->text = g_strdup (queries[q].text);
      query->tags = queries[q].tag ? g_strdupv ((char **) tag_list) : NULL;
      query->teams = queries[q].team ? g_strdupv ((char **) team_list) : NULL;

      for (int r = -1; r < runs; r++)
        {
          Wait wait = { loop, NULL, NULL };
          gint64 start = g_get_monotonic_time ();

          medialib_store_search_async (store, query, NULL, on_search_cb, &wait);
          g_main_loop_run (loop);
          if (wait.model == NULL)
            {
              g_printerr ("%s: %s\n", queries[q].name, wait.error->message);
              return 1;
            }
          /* The first page is populated: the grid's first screen reads these */
          for (guint i = 0; i < MIN (60, g_list_model_get_n_items (wait.model)); i++)
            g_object_unref (g_list_model_get_item (wait.model, i));
          if (r >= 0)
            times[r] = (g_get_monotonic_time () - start) / 1e6;
          n_items = g_list_model_get_n_items (wait.model);
          g_object_unref (wait.model);
        }

      qsort (times, runs, sizeof (double), compare_doubles);
      printf ("{\"name\": \"%s\", \"text\": \"%s\", \"tag\": \"%s\", \"team\": \"%s\", \"items\": %u,"
              " \"median\": %.6f, \"min\": %.6f, \"max\": %.6f}\n",
              queries[q].name, queries[q].text ? queries[q].text : "",
              queries[q].tag ? queries[q].tag : "", queries[q].team ? queries[q].team : "",
              n_items, times[runs / 2], times[0], times[runs - 1]);
    }

  return 0;
}

static GBytes *
make_thumbnail (guint index,
                GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 512, 341);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  double hue = index / 24.0 * 6.0;

  for (int y = 0; y < 341; y++)
    for (int x = 0; x < 512; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        double h = fmod (hue + x / 512.0, 6.0);
        double light = 0.35 + 0.5 * y / 341.0;
        double c[3] = { 0 };

        /* A hue ramp across, light to dark down: photo-like gradients that PNG can't
         * compress to nothing */
        c[(int) h / 2 % 3] = 1.0;
        c[((int) h / 2 + 1) % 3] = fmod (h, 2.0) / 2.0;
        for (int i = 0; i < 3; i++)
          p[i] = (guchar) CLAMP ((c[i] * light + ((x * 7 + y * 13) % 17) / 255.0) * 255.0, 0, 255);
      }

  return medialib_image_encode_thumbnail (pixbuf, error);
}

static int
thumbs (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autofree char *sources = g_build_filename (dir, "bench-thumbnails", NULL);
  Wait wait = { loop, NULL, NULL };
  guint n;

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  g_mkdir_with_parents (sources, 0700);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%02u.png", sources, i);
      g_autoptr(GBytes) png = make_thumbnail (i, &error);

      if (png == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
        {
          g_printerr ("%s: %s\n", path, error->message);
          return 1;
        }
    }

  medialib_store_search_async (store, query, NULL, on_search_cb, &wait);
  g_main_loop_run (loop);
  if (wait.model == NULL)
    {
      g_printerr ("%s: %s\n", dir, wait.error->message);
      return 1;
    }

  n = g_list_model_get_n_items (wait.model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedialibAsset) asset = g_list_model_get_item (wait.model, i);
      const char *target = medialib_asset_get_thumbnail_path (asset);
      g_autofree char *parent = target ? g_path_get_dirname (target) : NULL;
      g_autofree char *source = g_strdup_printf ("%s/%02u.png", sources, i % 24);

      if (target == NULL || g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      g_mkdir_with_parents (parent, 0700);
      if (link (source, target) != 0)
        {
          g_printerr ("%s: %s\n", target, g_strerror (errno));
          return 1;
        }
    }
  g_object_unref (wait.model);

  return 0;
}

static void
on_import_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;
  GPtrArray *results = medialib_store_import_finish (MEDIALIB_STORE (object), result, &wait->error);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_main_loop_quit (wait->loop);
}

/* MODE "open", "import" (ARG a file) or "query" (ARG the text) */
static int
once (const char *mode,
      const char *dir,
      const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  if (g_str_equal (mode, "import"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (arg);

      medialib_store_import_async (store, &file, 1, NULL, NULL, NULL, NULL, NULL, on_import_cb, &wait);
      g_main_loop_run (loop);
    }
  else if (g_str_equal (mode, "query"))
    {
      g_autoptr(MedialibQuery) query = medialib_query_new ();

      query->text = g_strdup (arg);
      medialib_store_search_async (store, query, NULL, on_search_cb, &wait);
      g_main_loop_run (loop);
      for (guint i = 0; wait.model != NULL && i < MIN (60, g_list_model_get_n_items (wait.model)); i++)
        g_object_unref (g_list_model_get_item (wait.model, i));
      g_clear_object (&wait.model);
    }

  if (wait.error != NULL)
    {
      g_printerr ("%s: %s\n", arg, wait.error->message);
      return 1;
    }

  return 0;
}

typedef struct
{
  GMainLoop       *loop;
  MedialibResults *results;
  GError          *error;
} FindWait;

static void
on_find_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FindWait *wait = user_data;

  wait->results = medialib_store_find_finish (MEDIALIB_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
print_times (const char *key,
             double     *times,
             int         runs,
             const char *end)
{
  qsort (times, runs, sizeof (double), compare_doubles);
  printf ("\"%s\": {\"median\": %.6f, \"min\": %.6f, \"max\": %.6f}%s", key, times[runs / 2], times[0],
          times[runs - 1], end);
}

/* The window's search (medialib-window-search.c): the first page with its assets, then the
 * ids of every result */
static int
find (const char *dir,
      int         runs)
{
  static const struct { const char *name; const char *text; MedialibSort sort; } finds[] = {
    { "prefix-1", "b", MEDIALIB_SORT_ADDED },
    { "added", NULL, MEDIALIB_SORT_ADDED },
    { "name", NULL, MEDIALIB_SORT_NAME },
    { "size", NULL, MEDIALIB_SORT_SIZE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  for (guint q = 0; q < G_N_ELEMENTS (finds); q++)
    {
      g_autoptr(MedialibQuery) query = medialib_query_new ();
      g_autofree double *first = g_new0 (double, runs);
      g_autofree double *complete = g_new0 (double, runs);
      guint n_items = 0;

      query->text = g_strdup (finds[q].text);
      query->sort = finds[q].sort;

      for (int r = -1; r < runs; r++)
        {
          FindWait wait = { loop, NULL, NULL };
          gint64 start = g_get_monotonic_time ();

          medialib_store_find_async (store, query, 28, NULL, on_find_cb, &wait);
          g_main_loop_run (loop);
          if (wait.results == NULL)
            {
              g_printerr ("%s: %s\n", finds[q].name, wait.error->message);
              return 1;
            }
          /* Populated: the first page's items have their assets */
          for (guint i = 0; i < MIN (28, g_list_model_get_n_items (G_LIST_MODEL (wait.results))); i++)
            g_assert (medialib_results_peek_asset (wait.results, i) != NULL);
          if (r >= 0)
            first[r] = (g_get_monotonic_time () - start) / 1e6;
          while (!medialib_results_is_complete (wait.results))
            g_main_context_iteration (NULL, TRUE);
          if (r >= 0)
            complete[r] = (g_get_monotonic_time () - start) / 1e6;
          n_items = g_list_model_get_n_items (G_LIST_MODEL (wait.results));
          g_object_unref (wait.results);
        }

      printf ("{\"name\": \"%s\", \"items\": %u, ", finds[q].name, n_items);
      print_times ("first_page", first, runs, ", ");
      print_times ("complete", complete, runs, "}\n");
      fflush (stdout);
    }

  return 0;
}

/* Hashes for the assets that have none: random, every 20th a near copy (up to 6 bits
 * flipped) of an earlier one; the same on every run */
static gboolean
give_hashes (MedialibStore  *store,
             gint64         *copy,
             GError        **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (MedialibPhashEntry));
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GArray) ids = medialib_catalog_list_unhashed (store->catalog, after, BATCH, error);
      guint first = all->len;

      if (ids == NULL)
        return FALSE;
      if (ids->len == 0)
        break;
      after = g_array_index (ids, gint64, ids->len - 1);
      for (guint i = 0; i < ids->len; i++)
        {
          MedialibPhashEntry entry = { g_array_index (ids, gint64, i), 0 };

          if (all->len % 20 == 19)
            {
              entry.hash = g_array_index (all, MedialibPhashEntry, g_rand_int_range (rand, 0, (int) all->len)).hash;
              for (int k = g_rand_int_range (rand, 0, 7); k > 0; k--)
                entry.hash ^= G_GUINT64_CONSTANT (1) << g_rand_int_range (rand, 0, 64);
            }
          else
            entry.hash = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
          g_array_append_val (all, entry);
        }
      if (!medialib_catalog_set_phashes (store->catalog, &g_array_index (all, MedialibPhashEntry, first),
                                         all->len - first, error))
        return FALSE;
    }

  /* A near copy: its search finds at least the asset it copies */
  {
    g_autoptr(GArray) hashes = medialib_catalog_list_phashes (store->catalog, error);

    if (hashes == NULL || hashes->len < 20)
      return FALSE;
    *copy = g_array_index (hashes, MedialibPhashEntry, (hashes->len / 40) * 20 + 19).id;
  }

  return TRUE;
}

static int
similar (const char *dir,
         int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autofree double *times = g_new0 (double, runs);
  g_autofree double *groups_times = g_new0 (double, runs);
  guint n_items = 0, n_groups = 0;
  gint64 copy = 0;

  if (store == NULL || !give_hashes (store, &copy, &error))
    {
      g_printerr ("%s: %s\n", dir, error ? error->message : "no hashes");
      return 1;
    }

  query->similar_to = copy;
  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;
  for (int r = -1; r < runs; r++)
    {
      Wait wait = { loop, NULL, NULL };
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) groups = NULL;

      medialib_store_search_async (store, query, NULL, on_search_cb, &wait);
      g_main_loop_run (loop);
      if (wait.model == NULL)
        {
          g_printerr ("similar: %s\n", wait.error->message);
          return 1;
        }
      for (guint i = 0; i < MIN (60, g_list_model_get_n_items (wait.model)); i++)
        g_object_unref (g_list_model_get_item (wait.model, i));
      if (r >= 0)
        times[r] = (g_get_monotonic_time () - start) / 1e6;
      n_items = g_list_model_get_n_items (wait.model);
      g_object_unref (wait.model);

      start = g_get_monotonic_time ();
      if (!(groups = medialib_store_find_duplicates (store, MEDIALIB_PHASH_DUPLICATE_DISTANCE, &error)))
        {
          g_printerr ("duplicates: %s\n", error->message);
          return 1;
        }
      if (r >= 0)
        groups_times[r] = (g_get_monotonic_time () - start) / 1e6;
      n_groups = groups->len;
    }

  printf ("{\"assets\": %" G_GINT64_FORMAT ", \"items\": %u, \"groups\": %u, ",
          medialib_store_count (store), n_items, n_groups);
  print_times ("similar", times, runs, ", ");
  print_times ("duplicates", groups_times, runs, "}\n");
  return 0;
}

static int
crop (const char *dir,
      gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAsset) cropped = NULL;
  MedialibCropWarnings warnings = 0;
  gint64 start;

  if (store == NULL || !(asset = medialib_store_get_asset (store, id, &error)))
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  cropped = medialib_store_crop (store, asset, medialib_presets_lookup ("android-expanded"), NULL,
                                 &warnings, &error);
  if (cropped == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  medialib_core_team_init ();

  if (argc == 4 && g_str_equal (argv[1], "make"))
    return make (argv[2], atoi (argv[3]));
  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "search"))
    return run (argv[2], MAX (1, atoi (argv[3])), argc == 5 ? argv[4] : NULL);
  if (argc == 4 && g_str_equal (argv[1], "find"))
    return find (argv[2], MAX (1, atoi (argv[3])));
  if (argc == 3 && g_str_equal (argv[1], "open"))
    return once ("open", argv[2], NULL);
  if (argc == 4 && (g_str_equal (argv[1], "import") || g_str_equal (argv[1], "query")))
    return once (argv[1], argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "thumbs"))
    return thumbs (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "similar"))
    return similar (argv[2], MAX (1, atoi (argv[3])));
  if (argc == 4 && g_str_equal (argv[1], "crop"))
    return crop (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  g_printerr ("usage: bench-core make DIR COUNT | search DIR RUNS [NAME] | find DIR RUNS | thumbs DIR | open DIR | import DIR FILE | query DIR TEXT | similar DIR RUNS | crop DIR ID\n");
  return 2;
}
