/* bench-team-live.c — how soon a change made by one member of a team library reaches
 * another's model, for bench/run
 *
 *   bench-team-live watch DIR COUNT    opens the library DIR, watches it
 *                                      (medialib_store_watch()), prints "watching", then on
 *                                      each ::changed of added assets reads them as the
 *                                      window does (a search among those ids) into a
 *                                      GListStore, and prints "seen ID TIME" for each, TIME
 *                                      the real time in µs once the model holds it; ends
 *                                      after COUNT assets
 *   bench-team-live import DIR PAUSE FILE...
 *                                      imports the files one at a time, PAUSE ms apart;
 *                                      prints "imported ID START END" for each, the real
 *                                      times in µs at the call and at its return
 *
 * Both run on one machine, so their real-time clocks are the same clock.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-query.h"
#include "medialib-store.h"

typedef struct
{
  MedialibStore *store;
  GListStore    *model;
  GMainLoop     *loop;
  guint          wanted;
  guint          reading;
  int            status;
} Watcher;

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Watcher *watcher = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = medialib_store_search_finish (MEDIALIB_STORE (object), result, &error);

  watcher->reading--;
  if (found == NULL)
    {
      g_printerr ("search: %s\n", error->message);
      watcher->status = 1;
      g_main_loop_quit (watcher->loop);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(MedialibAsset) asset = g_list_model_get_item (found, i);

      g_list_store_insert (watcher->model, 0, asset);
      printf ("seen %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", medialib_asset_get_id (asset),
              g_get_real_time ());
    }
  fflush (stdout);

  if (g_list_model_get_n_items (G_LIST_MODEL (watcher->model)) >= watcher->wanted &&
      watcher->reading == 0)
    g_main_loop_quit (watcher->loop);
}

static void
on_changed_cb (MedialibStore      *store,
               MedialibChangeKind  kind,
               GArray             *ids,
               Watcher            *watcher)
{
  g_autoptr(MedialibQuery) query = NULL;

  if (kind != MEDIALIB_CHANGE_ASSETS_ADDED || ids->len == 0)
    return;

  query = medialib_query_new ();
  query->ids = g_array_copy (ids);
  watcher->reading++;
  medialib_store_search_async (store, query, NULL, on_read_cb, watcher);
}

static int
watch (const char *dir,
       guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);
  g_autoptr(GListStore) model = g_list_store_new (MEDIALIB_TYPE_ASSET);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watcher watcher = { store, model, loop, count, 0, 0 };

  if (store == NULL || !medialib_store_watch (store, &error))
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &watcher);
  printf ("watching\n");
  fflush (stdout);
  g_main_loop_run (loop);

  return watcher.status;
}

static int
import (const char  *dir,
        guint        pause_ms,
        char       **files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibStore) store = medialib_store_open (dir, &error);

  if (store == NULL)
    {
      g_printerr ("%s: %s\n", dir, error->message);
      return 1;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[i]);
      g_autoptr(GPtrArray) results = NULL;
      MedialibImportResult *result;
      gint64 start = g_get_real_time (), end;

      results = medialib_store_import (store, &file, 1, NULL, NULL, &error);
      end = g_get_real_time ();
      if (results == NULL)
        {
          g_printerr ("%s: %s\n", files[i], error->message);
          return 1;
        }
      result = g_ptr_array_index (results, 0);
      if (result->status != MEDIALIB_IMPORT_ADDED)
        {
          g_printerr ("%s: %s (%s)\n", files[i], medialib_import_status_to_string (result->status),
                      result->reason ? result->reason : "");
          return 1;
        }
      printf ("imported %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
              result->id, start, end);
      fflush (stdout);
      g_usleep (pause_ms * 1000);
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  medialib_core_team_init ();

  if (argc == 4 && g_str_equal (argv[1], "watch"))
    return watch (argv[2], (guint) atoi (argv[3]));
  if (argc >= 5 && g_str_equal (argv[1], "import"))
    return import (argv[2], (guint) atoi (argv[3]), argv + 4);

  g_printerr ("usage: bench-team-live watch DIR COUNT | import DIR PAUSE FILE...\n");
  return 2;
}
