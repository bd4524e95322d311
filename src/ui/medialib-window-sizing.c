/* medialib-window-sizing.c — how much of the grid the window makes: the first page of a
 * search (the tiles that fit), the first screen's thumbnails loaded ahead of the tiles, and
 * the grid's most columns kept to the columns that fit its width
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include "medialib-asset-tile.h"
#include "medialib-window-private.h"

/* A search comes in two parts (see medialib-window.c): the first page is the tiles that fit
 * the grid, so that the grid makes only those before its first frame (each costs about a
 * millisecond to make and another to lay out); the rest come with the other results. */
#define MAX_COLUMNS   8     /* as in the template */
#define TILE_WIDTH    185   /* about a tile's natural size with its padding, a little less */
#define TILE_HEIGHT   170
#define WINDOW_CHROME 80    /* the window's height around the grid */
/* The collections' sidebar beside the grid (medialib-window.ui): shown in a window wider than
 * the breakpoint, at least this wide (counting it narrower counts more tiles, never fewer) */
#define SIDEBAR_BREAKPOINT 860
#define SIDEBAR_WIDTH      200

static guint
tiles_in (int width,
          int height)
{
  if (width <= 0 || height <= 0)
    width = 1100 - SIDEBAR_WIDTH, height = 640;

  return CLAMP (width / TILE_WIDTH, 1, MAX_COLUMNS) * (height / TILE_HEIGHT + 1);
}

/* The grid's width in a window WIDTH wide, before it is laid out */
static int
grid_width_in (int      width,
               gboolean sidebar)
{
  return sidebar && width > SIDEBAR_BREAKPOINT ? width - SIDEBAR_WIDTH : width;
}

/* How many tiles fit in the grid (or, before it is shown, in the window beside the
 * sidebar), at most */
static guint
first_screen_size (MedialibWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->grid_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->grid_view));

  if (width <= 0 || height <= 0)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      width = grid_width_in (width, adw_overlay_split_view_get_show_sidebar (self->sidebar_split));
      height -= WINDOW_CHROME;
    }

  return tiles_in (width, height);
}

/**
 * medialib_window_first_screen_tiles:
 * @width: the window's width, or -1 when it is maximized (unknown before it is shown)
 * @height: its height
 *
 * How many tiles the first screen of a window of that size shows, at most (for a maximized
 * window, as many as fit a large screen).
 */
guint
medialib_window_first_screen_tiles (int width,
                                    int height)
{
  if (width < 0 || height < 0)
    return MAX_COLUMNS * (1080 / TILE_HEIGHT);

  return tiles_in (grid_width_in (width, TRUE), height - WINDOW_CHROME);
}

/* The first screen (its last row partly shown): the grid makes no tile it does not show
 * before its first frame */
guint
_medialib_window_first_page_size (MedialibWindow *self)
{
  return first_screen_size (self);
}

static void
show_cached_thumbnails (MedialibWindow *self)
{
  /* The grid's children hold the tiles */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);

      if (tile != NULL && MEDIALIB_IS_ASSET_TILE (tile))
        medialib_asset_tile_take_cached_thumbnail (MEDIALIB_ASSET_TILE (tile));
    }
}

static void
on_preloaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (medialib_thumbnail_cache_preload_finish (MEDIALIB_THUMBNAIL_CACHE (object), result, &error))
    show_cached_thumbnails (self);
  /* Cancelled: another search preloads its own first screen */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _medialib_window_first_screen_ready (self);
}

/* The first window's first screen: its thumbnails were decoded with the library's opening,
 * while GTK started (medialib-application.c), at the grid's size; at another scale they
 * are not of use */
static void
take_early_thumbnails (MedialibWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GHashTable) textures = NULL;
  GHashTableIter iter;
  gpointer sha256, texture;

  if (!MEDIALIB_IS_APPLICATION (app) || self->thumbnails == NULL)
    return;

  textures = medialib_application_take_first_screen (MEDIALIB_APPLICATION (app), medialib_store_get_dir (self->store));
  if (textures == NULL || gtk_widget_get_scale_factor (GTK_WIDGET (self)) != 1)
    return;

  g_hash_table_iter_init (&iter, textures);
  while (g_hash_table_iter_next (&iter, &sha256, &texture))
    medialib_thumbnail_cache_add (self->thumbnails, sha256, texture);
}

/* The first screen's thumbnails load with the results, while the grid makes its tiles, so
 * that the frame that first shows the tiles shows their thumbnails (a tile otherwise loads
 * its thumbnail when it is first drawn, and shows it a frame later); the first window's are
 * mostly decoded already. */
void
_medialib_window_preload_first_screen (MedialibWindow  *self,
                                       MedialibResults *results)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (results)), first_screen_size (self));
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  if (!self->first_screen_shown)
    take_early_thumbnails (self);
  if (self->thumbnails == NULL || n == 0)
    {
      _medialib_window_first_screen_ready (self);
      return;
    }

  /* The first page's assets are read with the results */
  for (guint i = 0; i < n; i++)
    {
      MedialibAsset *asset = medialib_results_peek_asset (results, i);

      if (asset != NULL)
        g_ptr_array_add (assets, g_object_ref (asset));
    }
  medialib_thumbnail_cache_preload_async (self->thumbnails, assets, self->search_cancellable,
                                          on_preloaded_cb, g_object_ref (self));
}

/* The window's saved size, as "tile-width" keeps it: -1 when maximized */
static int
saved_window_width (GSettings *settings)
{
  return g_settings_get_boolean (settings, "window-maximized") ? -1
                                                               : g_settings_get_int (settings, "window-width");
}

/**
 * medialib_window_saved_tile_width:
 * @settings: (nullable): the application's
 *
 * The width of the grid's tiles when a window of the saved size last laid them out, so that
 * the first screen's thumbnails can be made at the size its tiles draw them at
 * (medialib_asset_tile_fit_thumbnail()). Thread-safe.
 *
 * Returns: that width, or 0 when it is not known for the saved size
 */
int
medialib_window_saved_tile_width (GSettings *settings)
{
  int window_width, tile_width;

  if (settings == NULL)
    return 0;

  g_settings_get (settings, "tile-width", "(ii)", &window_width, &tile_width);
  return window_width == saved_window_width (settings) && tile_width > 0 ? tile_width : 0;
}

/* The tiles' width at the window's size, for its next start (the sidebar shows at that size
 * as it did, and tiles are as wide; otherwise the first frame scales the thumbnails itself) */
static void
save_tile_width (MedialibWindow *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
  GtkWidget *tile = child != NULL ? gtk_widget_get_first_child (child) : NULL;
  int window_width, tile_width;

  if (self->settings == NULL || tile == NULL || !MEDIALIB_IS_ASSET_TILE (tile) ||
      gtk_widget_get_width (tile) <= 0 || gtk_widget_get_scale_factor (GTK_WIDGET (self)) != 1)
    return;

  g_settings_get (self->settings, "tile-width", "(ii)", &window_width, &tile_width);
  if (window_width != saved_window_width (self->settings) || tile_width != gtk_widget_get_width (tile))
    g_settings_set (self->settings, "tile-width", "(ii)",
                    saved_window_width (self->settings), gtk_widget_get_width (tile));
}

/* GtkGridView keeps tiles for 30 rows of its most columns alive whatever fits: its most
 * columns follow the columns that fit its width, so that it keeps no tiles it cannot show. */
static gboolean
fit_columns_cb (gpointer data)
{
  MedialibWindow *self = data;
  GtkWidget *grid = GTK_WIDGET (self->grid_view);
  guint max_columns = gtk_grid_view_get_max_columns (self->grid_view);
  int minimum, width = gtk_widget_get_width (grid);
  guint fit;

  self->columns_source = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;

  /* The grid lays out as many columns as fit its widest tile's minimum width (its
   * horizontal scroll policy is "minimum") */
  minimum = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum;

      if (!gtk_widget_get_visible (child) || gtk_widget_get_first_child (child) == NULL)
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
      minimum = MAX (minimum, child_minimum);
    }
  if (minimum <= 0)
    return G_SOURCE_REMOVE;

  fit = CLAMP ((guint) (width / minimum), 1, MAX_COLUMNS);
  if (fit != max_columns)
    gtk_grid_view_set_max_columns (self->grid_view, fit);

  save_tile_width (self);

  return G_SOURCE_REMOVE;
}

void
_medialib_window_schedule_fit_columns (MedialibWindow *self)
{
  if (self->columns_source == 0)
    self->columns_source = g_idle_add_full (G_PRIORITY_DEFAULT, fit_columns_cb, self, NULL);
}
