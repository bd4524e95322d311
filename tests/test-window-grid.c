/* test-window-grid.c — the window's grid and its thumbnails: a bounded cache, a large grid
 * that fits its columns, thumbnails read ahead, loads that wait for them (part of
 * test-window)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>
#include <string.h>

#include "medialib-asset-tile.h"
#include "medialib-test-util.h"
#include "medialib-texture-loader.h"
#include "medialib-test-window.h"
#include "test-window.h"

static gboolean
thumbnails_loaded (Fixture *f)
{
  return f->window->thumbnails != NULL &&
         medialib_thumbnail_cache_get_size (f->window->thumbnails) > 0;
}

static void
test_window_thumbnail_cache_bounded (Fixture       *f,
                                     gconstpointer  data)
{
  populate (f);
  /* Tiles load their thumbnails in a thread once drawn */
  wait_until (thumbnails_loaded, f, "the first thumbnails");

  g_assert_nonnull (f->window->thumbnails);
  g_assert_cmpuint (medialib_thumbnail_cache_get_size (f->window->thumbnails), <=, 6);
}

/* The tiles the grid keeps (its children hold them); how many are on screen, how many of
 * those show their thumbnail, and the distinct columns they are in */
typedef struct
{
  guint   alive;
  guint   on_screen;
  guint   with_thumbnail;
  GArray *columns;   /* of int, the x of each column shown */
} GridCount;

static void
count_grid (Fixture   *f,
            GridCount *count)
{
  GtkWidget *grid = GTK_WIDGET (f->window->grid_view);

  memset (count, 0, sizeof *count);
  count->columns = g_array_new (FALSE, FALSE, sizeof (int));
  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;
      gboolean known = FALSE;
      int x;

      if (tile == NULL || !MEDIALIB_IS_ASSET_TILE (tile))
        continue;
      count->alive++;
      if (!gtk_widget_get_mapped (child) || !gtk_widget_compute_bounds (child, grid, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= gtk_widget_get_height (grid))
        continue;

      count->on_screen++;
      if (medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (tile)))
        count->with_thumbnail++;
      x = (int) bounds.origin.x;
      for (guint i = 0; i < count->columns->len; i++)
        known |= g_array_index (count->columns, int, i) == x;
      if (!known)
        g_array_append_val (count->columns, x);
    }
}

static gboolean
first_screen_shows_thumbnails (Fixture *f)
{
  GridCount count;
  gboolean done;

  count_grid (f, &count);
  done = count.on_screen > 0 && count.with_thumbnail == count.on_screen;
  g_array_unref (count.columns);
  return done;
}

static int wanted_width;

/* The window is about WANTED_WIDTH wide (its width counts its shadows), and the grid has
 * fitted its columns to it */
static gboolean
grid_has_width (Fixture *f)
{
  return ABS (gtk_widget_get_width (GTK_WIDGET (f->window)) - wanted_width) < 100 &&
         f->window->columns_source == 0;
}

/* A shown window keeps its size when its default size changes: it is shown again */
static void
resize_window (Fixture *f,
               int      width)
{
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 760);
  gtk_window_present (GTK_WINDOW (f->window));
}

/* The grid shows as many columns as fit its tiles' width, and keeps no more columns of
 * tiles than it shows */
static void
assert_columns_fit (Fixture *f)
{
  GtkWidget *grid = GTK_WIDGET (f->window->grid_view);
  guint max_columns = gtk_grid_view_get_max_columns (f->window->grid_view);
  int tile_width = 0;
  GridCount count;

  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_first_child (child) != NULL)
      {
        int minimum;

        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
        tile_width = MAX (tile_width, minimum);
      }
  g_assert_cmpint (tile_width, >, 100);

  count_grid (f, &count);
  g_test_message ("grid %d px wide, tiles at least %d px: %u columns shown, at most %u; %u tiles alive",
                  gtk_widget_get_width (grid), tile_width, count.columns->len, max_columns, count.alive);
  g_assert_cmpuint (count.columns->len, ==, max_columns);
  g_assert_cmpuint (max_columns, ==, MIN (8, gtk_widget_get_width (grid) / tile_width));
  /* GtkGridView keeps 30 rows of its most columns around what it shows, a row before and
   * after, and the focused and the selected tile wherever they are */
  g_assert_cmpuint (count.alive, <=, (30 + 2) * max_columns + 2);
  g_array_unref (count.columns);
}

/* The clipboard's text holds one URI per copied asset */
static guint
clipboard_uris (Fixture *f)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GStrv) lines = NULL;

  g_value_init (&value, G_TYPE_STRING);
  if (content == NULL || !gdk_content_provider_get_value (content, &value, NULL) ||
      !g_str_has_prefix (g_value_get_string (&value), "file://"))
    return 0;

  lines = g_strsplit (g_value_get_string (&value), "\n", -1);
  return g_strv_length (lines);
}

static gboolean
clipboard_has_300 (Fixture *f)
{
  return clipboard_uris (f) == 300;
}

static void
test_window_large_grid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint narrow_columns;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("asset-%03u.png", i);
      g_autofree char *path = test_write_image (f->input, name, "png", 48, 32, 1000 + i);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  results = medialib_store_import (f->window->store, (GFile **) files->pdata, files->len, NULL,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 300);

  /* The first page, then the rest, in one model */
  _medialib_window_refresh (f->window);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 300);

  /* Every id, and items for the pages the grid asked for: selecting them all makes none */
  {
    MedialibResults *model = _medialib_window_get_results (f->window);
    g_autoptr(GArray) ids = NULL;
    guint made;

    g_assert_nonnull (model);
    g_assert_true (medialib_results_is_complete (model));
    /* The pages the grid asks for once laid out (its columns fitted to its width), and no
     * more coming: the same count over three settles, as a loaded machine may take longer
     * than one to lay the grid out again */
    for (guint stable = 0; stable < 3 || f->window->columns_source != 0; )
      {
        made = medialib_results_get_n_made (model);
        settle ();
        stable = medialib_results_get_n_made (model) == made ? stable + 1 : 0;
      }
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (f->window->selection));
    ids = _medialib_window_get_selected_ids (f->window);
    g_assert_cmpuint (ids->len, ==, 300);
    g_assert_cmpuint (medialib_results_get_n_made (model), ==, made);

    /* Copying them all (Ctrl+C) copies every selected asset (those the grid has not read
     * are read first: here the grid had read them all) */
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "nothing copied yet");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy", NULL));
      wait_until (clipboard_has_300, f, "the 300 assets on the clipboard");
    }
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  }

  {
    g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < 300; i++)
      {
        g_autoptr(MedialibAsset) asset = asset_at (f, i);

        g_assert_true (g_hash_table_add (names, g_strdup (medialib_asset_get_name (asset))));
      }
  }

  /* Every tile of the first screen shows its thumbnail (loaded with the results) */
  wait_until (first_screen_shows_thumbnails, f, "the first screen's thumbnails");
  wanted_width = gtk_widget_get_width (GTK_WIDGET (f->window));
  wait_until (grid_has_width, f, "the grid to fit its columns");
  assert_columns_fit (f);
  narrow_columns = gtk_grid_view_get_max_columns (f->window->grid_view);

  /* A wider window (the screen is 1440 pixels wide): more columns, as many as fit */
  wanted_width = 1400;
  resize_window (f, 1400);
  wait_until (grid_has_width, f, "the window to widen");
  settle ();
  assert_columns_fit (f);
  g_assert_cmpuint (gtk_grid_view_get_max_columns (f->window->grid_view), >, narrow_columns);
  wait_until (first_screen_shows_thumbnails, f, "the thumbnails of the wider screen");
  save_screenshot (f, "window-large-grid.png");

  /* And narrower again */
  wanted_width = 700;
  resize_window (f, 700);
  wait_until (grid_has_width, f, "the window to narrow");
  settle ();
  assert_columns_fit (f);
  g_assert_cmpuint (gtk_grid_view_get_max_columns (f->window->grid_view), <, narrow_columns);
}

static void
test_window_thumbnail_preload (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MedialibThumbnailCache) cache = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedialibAsset *broken;

  populate (f);
  for (guint i = 0; i < n_shown (f); i++)
    g_ptr_array_add (assets, asset_at (f, i));
  g_assert_cmpuint (assets->len, ==, 6);

  /* One asset's thumbnail is not an image any more */
  broken = g_ptr_array_index (assets, 2);
  g_assert_true (g_file_set_contents (medialib_asset_get_thumbnail_path (broken), "damaged", -1, NULL));

  cache = medialib_thumbnail_cache_new (f->window->store, 10);
  medialib_thumbnail_cache_set_texture_size (cache, 100);
  medialib_thumbnail_cache_preload_async (cache, assets, NULL, test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (medialib_thumbnail_cache_preload_finish (cache, result, &error));
  g_assert_no_error (error);

  /* The others are in the cache, at the size asked for; the broken one is left out */
  g_assert_cmpuint (medialib_thumbnail_cache_get_size (cache), ==, 5);
  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);
      GdkTexture *texture = medialib_thumbnail_cache_lookup (cache, asset);

      if (asset == broken)
        {
          g_assert_null (texture);
          continue;
        }
      g_assert_nonnull (texture);
      g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), ==, 100);
    }

  /* A cancelled preload keeps nothing */
  {
    g_autoptr(MedialibThumbnailCache) other = medialib_thumbnail_cache_new (f->window->store, 10);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) cancelled = NULL;
    g_autoptr(GError) cancel_error = NULL;

    g_cancellable_cancel (cancellable);
    medialib_thumbnail_cache_preload_async (other, assets, cancellable, test_keep_result, &cancelled);
    while (cancelled == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (medialib_thumbnail_cache_preload_finish (other, cancelled, &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (medialib_thumbnail_cache_get_size (other), ==, 0);
  }
}

typedef struct
{
  GString      *order;
  const char   *name;
  GAsyncResult *result;
} Finished;

static void
on_finished_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Finished *finished = user_data;

  g_string_append (finished->order, finished->name);
  finished->result = g_object_ref (result);
}

/* How many of this process's threads run at @nice (/proc/self/task/TID/stat, field 19) */
static guint
threads_at_nice (int nice)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "stat", NULL);
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *end;

      if (!g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL)
        continue;
      /* After "TID (NAME) " comes field 3 */
      fields = g_strsplit (end + 2, " ", -1);
      if (g_strv_length (fields) > 16 && g_ascii_strtoll (fields[16], NULL, 10) == nice)
        n++;
    }

  return n;
}

/* A thumbnail asked for while a preload decodes it comes from the preload, once it is
 * done, not from a second decoding; one the preload could not load is loaded on its own */
static void
test_window_thumbnail_load_waits_for_preload (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MedialibThumbnailCache) cache = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Finished preload = { order, "P", NULL }, last = { order, "L", NULL }, broken = { order, "B", NULL };
  MedialibAsset *asset;

  populate (f);
  for (guint i = 0; i < n_shown (f); i++)
    g_ptr_array_add (assets, asset_at (f, i));
  g_assert_true (g_file_set_contents (medialib_asset_get_thumbnail_path (g_ptr_array_index (assets, 0)),
                                      "damaged", -1, NULL));

  cache = medialib_thumbnail_cache_new (f->window->store, 10);
  medialib_thumbnail_cache_preload_async (cache, assets, NULL, on_finished_cb, &preload);
  /* The preload decodes the last one last */
  asset = g_ptr_array_index (assets, assets->len - 1);
  medialib_thumbnail_cache_load_async (cache, asset, NULL, on_finished_cb, &last);
  medialib_thumbnail_cache_load_async (cache, g_ptr_array_index (assets, 0), NULL, on_finished_cb, &broken);
  while (preload.result == NULL || last.result == NULL || broken.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (medialib_thumbnail_cache_preload_finish (cache, preload.result, &error));
  g_assert_cmpint (order->str[0], ==, 'P');
  texture = medialib_thumbnail_cache_load_finish (cache, last.result, &error);
  g_assert_no_error (error);
  g_assert_true (texture == medialib_thumbnail_cache_lookup (cache, asset));
  g_assert_null (medialib_thumbnail_cache_load_finish (cache, broken.result, &error));
  g_assert_nonnull (error);

  /* Loads for tiles were decoded on threads below the window's priority */
  g_assert_cmpuint (threads_at_nice (MEDIALIB_THUMBNAIL_DECODE_NICE), >=, 1);
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, 0);

  g_clear_object (&preload.result);
  g_clear_object (&last.result);
  g_clear_object (&broken.result);
}

/* A model of 100,000 strings that counts the items asked for */
typedef struct
{
  GObject parent_instance;
  guint   n_items;
  guint   asked;
} CountingModel;

typedef GObjectClass CountingModelClass;

static GType counting_model_get_type (void);
static void counting_model_iface_init (GListModelInterface *iface);
G_DEFINE_TYPE_WITH_CODE (CountingModel, counting_model, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, counting_model_iface_init))

static GType
counting_model_get_item_type (GListModel *list)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
counting_model_get_n_items (GListModel *list)
{
  return ((CountingModel *) list)->n_items;
}

static gpointer
counting_model_get_item (GListModel *list,
                         guint       position)
{
  g_autofree char *text = g_strdup_printf ("%u", position);

  ((CountingModel *) list)->asked++;
  return gtk_string_object_new (text);
}

static void
counting_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = counting_model_get_item_type;
  iface->get_n_items = counting_model_get_n_items;
  iface->get_item = counting_model_get_item;
}

static void
counting_model_class_init (CountingModelClass *klass)
{
}

static void
counting_model_init (CountingModel *self)
{
}

/* The grid's selection selects positions without asking its model for their items
 * (GtkMultiSelection takes every item it selects: Select All on 100,000 assets made them
 * all), and keeps the selection of the positions that stay when the model changes */
/* A tile of the window's grid that shows its thumbnail, if one does (of the asset NAME, if
 * not NULL) */
static GtkWidget *
tile_with_thumbnail (Fixture    *f,
                     const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);

      if (tile != NULL && MEDIALIB_IS_ASSET_TILE (tile) && gtk_widget_get_mapped (tile) &&
          gtk_widget_get_width (tile) > 0 &&
          medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (tile)) &&
          (name == NULL ||
           g_str_equal (medialib_asset_get_name (medialib_asset_tile_get_asset (MEDIALIB_ASSET_TILE (tile))), name)))
        return tile;
    }

  return NULL;
}

static gboolean
banner_shown (Fixture *f)
{
  return tile_with_thumbnail (f, "spring-banner.png") != NULL;
}

static gboolean
tile_width_saved (Fixture *f)
{
  GtkWidget *tile = tile_with_thumbnail (f, NULL);

  return tile != NULL &&
         medialib_window_saved_tile_width (medialib_application_get_settings (f->app)) == gtk_widget_get_width (tile);
}

/* TILE laid out WIDTH wide at its natural height, drawn */
static GskRenderNode *
draw_tile (GtkWidget *tile,
           int        width)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int height;

  gtk_widget_measure (tile, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  gtk_widget_size_allocate (tile, &(GtkAllocation) { 0, 0, width, height }, -1);
  GTK_WIDGET_GET_CLASS (tile)->snapshot (tile, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The pixel at X, Y of TEXTURE, as straight RGBA */
static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  g_autoptr(GdkTextureDownloader) downloader = gdk_texture_downloader_new (texture);
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize stride;

  gdk_texture_downloader_set_format (downloader, GDK_MEMORY_R8G8B8A8);
  bytes = gdk_texture_downloader_download_bytes (downloader, &stride);
  data = (const guint8 *) g_bytes_get_data (bytes, NULL) + y * stride + x * 4;
  return (guint32) data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3];
}

static int
channel_distance (guint32 a,
                  guint32 b)
{
  int most = 0;

  for (int shift = 0; shift < 32; shift += 8)
    most = MAX (most, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return most;
}

/* The window keeps the width of its tiles at its size, for the next start-up, when the
 * first screen's thumbnails are scaled on a worker to the size the tiles draw them at
 * (test first-screen-decoded-early); a tile draws such a copy as it is, and scales the
 * thumbnail itself at any other size */
static void
test_window_fitted_thumbnail (Fixture       *f,
                              gconstpointer  data)
{
  GSettings *settings = medialib_application_get_settings (f->app);
  g_autoptr(GtkWidget) tile = NULL;
  g_autoptr(GdkTexture) fitted = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  MedialibAsset *asset;
  GdkTexture *texture;
  GskRenderNode *drawn;
  graphene_rect_t bounds;
  int width, height, saved;

  populate (f);
  wait_until (tile_width_saved, f, "the tiles' width saved");
  saved = medialib_window_saved_tile_width (settings);
  g_assert_cmpint (saved, >=, 168);
  /* Kept for the window's width: not known at another */
  g_settings_set (settings, "tile-width", "(ii)", g_settings_get_int (settings, "window-width") + 10, saved);
  g_assert_cmpint (medialib_window_saved_tile_width (settings), ==, 0);
  g_settings_reset (settings, "tile-width");

  /* A thumbnail wider than it is tall (320 × 160, the copy of a 640 × 320 image) */
  wait_until (banner_shown, f, "the banner's thumbnail");
  asset = medialib_asset_tile_get_asset (MEDIALIB_ASSET_TILE (tile_with_thumbnail (f, "spring-banner.png")));
  texture = medialib_thumbnail_cache_lookup (f->window->thumbnails, asset);
  g_assert_nonnull (texture);
  tile = g_object_ref_sink (medialib_asset_tile_new ());
  medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (tile), asset, f->window->thumbnails);
  g_assert_true (medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (tile)));

  /* The copy: that size, in the renderers' own format, the same picture */
  medialib_asset_tile_fit_thumbnail (200, gdk_texture_get_width (texture),
                                     gdk_texture_get_height (texture), &width, &height);
  g_assert_cmpint (width, <=, 200);
  g_assert_cmpint (width, <, gdk_texture_get_width (texture));
  fitted = medialib_texture_scale (texture, width, height);
  g_assert_cmpint (gdk_texture_get_width (fitted), ==, width);
  g_assert_cmpint (gdk_texture_get_height (fitted), ==, height);
  g_assert_cmpint (gdk_texture_get_format (fitted), ==, GDK_MEMORY_DEFAULT);
  g_assert_cmpint (channel_distance (pixel_at (fitted, width / 2, height / 2),
                                     pixel_at (texture, gdk_texture_get_width (texture) / 2,
                                               gdk_texture_get_height (texture) / 2)), <=, 24);
  g_assert_null (medialib_texture_get_fitted (texture));
  medialib_texture_set_fitted (texture, fitted);
  g_assert_true (medialib_texture_get_fitted (texture) == fitted);

  /* 200 wide, the tile draws the copy as it is */
  node = draw_tile (tile, 200);
  drawn = find_texture_node (node);
  g_assert_nonnull (drawn);
  g_assert_cmpint (gsk_render_node_get_node_type (drawn), ==, GSK_TEXTURE_NODE);
  g_assert_true (gsk_texture_node_get_texture (drawn) == fitted);
  gsk_render_node_get_bounds (drawn, &bounds);
  g_assert_cmpfloat (bounds.size.width, ==, width);
  g_assert_cmpfloat (bounds.size.height, ==, height);
  g_clear_pointer (&node, gsk_render_node_unref);

  /* Wider, it scales the thumbnail */
  node = draw_tile (tile, 260);
  drawn = find_texture_node (node);
  g_assert_nonnull (drawn);
  g_assert_cmpint (gsk_render_node_get_node_type (drawn), ==, GSK_TEXTURE_SCALE_NODE);
  g_assert_true (gsk_texture_scale_node_get_texture (drawn) == texture);
  gsk_render_node_get_bounds (drawn, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, width);
}

static void
test_selection_positions_only (void)
{
  CountingModel *model = g_object_new (counting_model_get_type (), NULL);
  g_autoptr(MedialibSelection) selection = NULL;
  GtkSelectionModel *sel;
  g_autoptr(GtkBitset) selected = NULL;

  model->n_items = 100000;
  selection = medialib_selection_new (G_LIST_MODEL (model));
  sel = GTK_SELECTION_MODEL (selection);
  g_object_unref (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 100000);
  g_assert_true (gtk_selection_model_select_all (sel));
  selected = gtk_selection_model_get_selection (sel);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 100000);
  g_assert_cmpuint (model->asked, ==, 0);

  /* One item, alone; a range added to it */
  g_assert_true (gtk_selection_model_select_item (sel, 7, TRUE));
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (sel);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (sel, 7));
  g_assert_true (gtk_selection_model_select_range (sel, 10, 5, FALSE));
  g_assert_true (gtk_selection_model_is_selected (sel, 7));
  g_assert_true (gtk_selection_model_is_selected (sel, 14));
  g_assert_false (gtk_selection_model_is_selected (sel, 15));
  g_assert_true (gtk_selection_model_unselect_item (sel, 10));
  g_assert_false (gtk_selection_model_is_selected (sel, 10));
  g_assert_cmpuint (model->asked, ==, 0);

  /* Two items removed before them: the selection follows its positions */
  model->n_items -= 2;
  g_list_model_items_changed (G_LIST_MODEL (model), 0, 2, 0);
  g_assert_true (gtk_selection_model_is_selected (sel, 5));
  g_assert_true (gtk_selection_model_is_selected (sel, 12));
  g_assert_false (gtk_selection_model_is_selected (sel, 7));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 99998);

  /* Another model: nothing selected */
  {
    CountingModel *other = g_object_new (counting_model_get_type (), NULL);

    other->n_items = 3;
    medialib_selection_set_model (selection, G_LIST_MODEL (other));
    g_object_unref (other);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 3);
    g_assert_false (gtk_selection_model_is_selected (sel, 0));
    g_assert_true (gtk_selection_model_select_all (sel));
    g_assert_true (gtk_selection_model_is_selected (sel, 2));
    g_assert_false (gtk_selection_model_is_selected (sel, 3));
    g_assert_cmpuint (other->asked, ==, 0);
  }
}

void
test_window_add_grid_tests (void)
{
  g_test_add_func ("/medialib/selection/positions-only", test_selection_positions_only);
  WINDOW_TEST_ADD ("thumbnail-cache-bounded", test_window_thumbnail_cache_bounded);
  WINDOW_TEST_ADD ("thumbnail-preload", test_window_thumbnail_preload);
  WINDOW_TEST_ADD ("thumbnail-load-waits-for-preload", test_window_thumbnail_load_waits_for_preload);
  WINDOW_TEST_ADD ("large-grid", test_window_large_grid);
  WINDOW_TEST_ADD ("fitted-thumbnail", test_window_fitted_thumbnail);
}
