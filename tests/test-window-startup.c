/* test-window-startup.c — what makes the first screen come quickly: the library opened
 * while GTK starts, and the thumbnails' copies at the grid's size
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <utime.h>

#include <glib/gstdio.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-blob-store.h"
#include "medialib-texture-loader.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

static char *
write_pixbuf (const char *dir,
              const char *name,
              const char *type,
              int         width,
              int         height,
              gboolean    alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, alpha ? 0x3060a080 : 0xc0402000);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);

  return path;
}

static void
assert_size (GdkTexture *texture,
             int         width,
             int         height)
{
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
}

static GdkTexture *
load (const char *path,
      const char *copy,
      const char *alpha_copy)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = medialib_texture_load_with_copy (path, 320, copy, alpha_copy, &error);

  g_assert_no_error (error);
  return texture;
}

/* Moves the file's times an hour back */
static void
age (const char *path)
{
  GStatBuf st;
  struct utimbuf times;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times.actime = times.modtime = st.st_mtime - 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* A texture at the grid's size comes from a copy at that size, made the first time: a JPEG,
 * or a PNG for an image with transparency; a copy older than the image, or damaged, is made
 * again; one that cannot be written is done without */
static void
test_texture_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ("copy");
  g_autofree char *png = write_pixbuf (dir, "thumb.png", "png", 512, 256, FALSE);
  g_autofree char *copy = g_build_filename (dir, "thumb.320.jpg", NULL);
  g_autofree char *alpha_copy = g_build_filename (dir, "thumb.320.png", NULL);
  g_autofree char *clear = write_pixbuf (dir, "clear.png", "png", 256, 512, TRUE);
  g_autofree char *clear_copy = g_build_filename (dir, "clear.320.jpg", NULL);
  g_autofree char *clear_alpha_copy = g_build_filename (dir, "clear.320.png", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "thumb.320.jpg", NULL);
  g_autoptr(GdkPixbuf) kept = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* The first load makes the copy */
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (alpha_copy, G_FILE_TEST_EXISTS));
  kept = gdk_pixbuf_new_from_file (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (kept), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (kept), ==, 160);
  g_clear_object (&texture);

  /* The next ones read it: a copy of another size shows that it is the one read */
  g_free (write_pixbuf (dir, "thumb.320.jpg", "jpeg", 320, 10, FALSE));
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 10);
  g_clear_object (&texture);

  /* Older than the image: made again */
  age (copy);
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);

  /* Damaged: made again */
  g_assert_true (g_file_set_contents (copy, "damaged", -1, NULL));
  texture = load (png, copy, alpha_copy);
  assert_size (texture, 320, 160);
  g_clear_object (&texture);
  g_clear_object (&kept);
  kept = gdk_pixbuf_new_from_file (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (kept), ==, 320);
  g_clear_object (&kept);

  /* With transparency: a PNG that keeps it */
  texture = load (clear, clear_copy, clear_alpha_copy);
  assert_size (texture, 160, 320);
  g_assert_false (g_file_test (clear_copy, G_FILE_TEST_EXISTS));
  kept = gdk_pixbuf_new_from_file (clear_alpha_copy, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (kept));
  g_clear_object (&texture);
  texture = load (clear, clear_copy, clear_alpha_copy);
  assert_size (texture, 160, 320);
  g_assert_cmpint (gdk_texture_get_format (texture), !=, GDK_MEMORY_R8G8B8);
  g_clear_object (&texture);

  /* Nowhere to keep it */
  texture = load (png, nowhere, NULL);
  assert_size (texture, 320, 160);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  test_rm_rf (dir);
}

/* Whether every asset shown has its thumbnail's copy */
static gboolean
copies_made (Fixture *f)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);
      g_autofree char *copy = medialib_store_dup_grid_thumbnail_path (f->window->store, asset, FALSE);
      g_autofree char *alpha_copy = medialib_store_dup_grid_thumbnail_path (f->window->store, asset, TRUE);

      if (!g_file_test (copy, G_FILE_TEST_EXISTS) && !g_file_test (alpha_copy, G_FILE_TEST_EXISTS))
        return FALSE;
    }

  return TRUE;
}

/* The window's first screen leaves a copy of each thumbnail at the grid's size next to it */
static void
test_window_thumbnail_copies (Fixture       *f,
                              gconstpointer  data)
{
  populate (f);
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (f->window)), ==, 1);
  g_assert_cmpuint (n_shown (f), ==, 6);
  wait_until (copies_made, f, "the thumbnails' copies");

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);
      g_autofree char *copy = medialib_store_dup_grid_thumbnail_path (f->window->store, asset, FALSE);
      g_autofree char *alpha_copy = medialib_store_dup_grid_thumbnail_path (f->window->store, asset, TRUE);
      g_autofree char *dir = g_path_get_dirname (medialib_asset_get_thumbnail_path (asset));
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;

      /* Next to the thumbnail, in its folder */
      g_assert_true (g_str_has_prefix (copy, dir));
      texture = gdk_texture_new_from_filename (g_file_test (copy, G_FILE_TEST_EXISTS) ? copy : alpha_copy,
                                               &error);
      g_assert_no_error (error);
      g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), ==,
                       MEDIALIB_GRID_THUMBNAIL_SIZE);
    }
}

static void
spin_until_file (const char *path)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", path);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
spin_until_open (MedialibWindow *window)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (window->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || window->searching)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the library to open");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
destroy_window (MedialibWindow *window)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  settle ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (window != NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the window to be finalized");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  settle ();
}

/* Whether no other store has the library open (the sweep runs only then); not while it is
 * being made */
static gboolean
library_is_free (const char *library)
{
  g_autoptr(MedialibStore) store = medialib_store_open (library, NULL);

  return store != NULL && medialib_store_sweep (store);
}

static MedialibApplication *
register_app (const char *library,
              const char *id)
{
  MedialibApplication *app = medialib_application_new (library, TRUE);
  g_autoptr(GError) error = NULL;

  /* Not the id of the tests' own application, which is exported on the bus */
  g_application_set_application_id (G_APPLICATION (app), id);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

/* The application opens its library while GTK starts, before it makes a window (the first
 * window takes it, medialib-window.c); an opening that no window takes (another library's
 * window came) is dropped, and its library closed. */
static void
test_store_opens_with_application (void)
{
  g_autofree char *tmp = test_make_tmpdir ("early-open");
  g_autofree char *library = g_build_filename (tmp, "library", NULL);
  g_autofree char *database = g_build_filename (library, "library.db", NULL);
  g_autofree char *waited = g_build_filename (tmp, "waited", NULL);
  g_autofree char *shown = g_build_filename (tmp, "shown", NULL);
  g_autofree char *shown_database = g_build_filename (shown, "library.db", NULL);
  g_autofree char *unused = g_build_filename (tmp, "unused", NULL);
  g_autofree char *unused_database = g_build_filename (unused, "library.db", NULL);
  g_autoptr(MedialibApplication) app = NULL;
  g_autoptr(MedialibApplication) waiting_app = NULL;
  g_autoptr(MedialibApplication) unused_app = NULL;
  g_autoptr(MedialibApplication) shown_app = NULL;
  MedialibWindow *window;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  /* Without a window, the library is made and opened; the first to ask takes it, once */
  app = register_app (library, "io.github.medialib.MediaLibrary.EarlyTest");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  spin_until_file (database);
  while ((store = medialib_application_take_opened_store (app, library)) == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the library to open");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_cmpstr (medialib_store_get_dir (store), ==, library);
  g_assert_null (medialib_application_take_opened_store (app, library));
  g_assert_false (medialib_application_take_store_async (app, library, NULL, test_keep_result, &result));
  g_clear_object (&store);

  /* Asked for while it opens, or once it is open: given when it is */
  waiting_app = register_app (waited, "io.github.medialib.MediaLibrary.WaitedTest");
  g_assert_true (medialib_application_take_store_async (waiting_app, waited, NULL, test_keep_result, &result));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = medialib_application_take_store_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_store_get_dir (store), ==, waited);
  g_clear_object (&store);

  /* A window for another library: dropped */
  unused_app = register_app (unused, "io.github.medialib.MediaLibrary.DroppedTest");
  spin_until_file (unused_database);
  g_assert_null (medialib_application_take_opened_store (unused_app, library));
  while (!library_is_free (unused))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the unused library to close");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_false (medialib_application_take_store_async (unused_app, unused, NULL, test_keep_result, &result));

  /* The first window takes it */
  shown_app = register_app (shown, "io.github.medialib.MediaLibrary.ShownTest");
  spin_until_file (shown_database);
  window = medialib_window_new (shown_app);
  gtk_window_present (GTK_WINDOW (window));
  spin_until_open (window);
  g_assert_cmpstr (medialib_store_get_dir (window->store), ==, shown);
  g_assert_false (medialib_application_take_store_async (shown_app, shown, NULL, test_keep_result, &result));
  destroy_window (window);

  test_rm_rf (tmp);
}

static gboolean
has_icon_named (GPtrArray  *icons,
                const char *name)
{
  for (guint i = 0; i < icons->len; i++)
    if (g_str_has_prefix (gtk_icon_paintable_get_icon_name (icons->pdata[i]), name))
      return TRUE;
  return FALSE;
}

/* While GTK starts, the worker that reads the icon theme also renders an SVG shaped like
 * GTK's symbolic icons (gdk-pixbuf's SVG loader loaded, librsvg set up) and loads the first
 * screen's icons, looked up with the key a GtkImage of the normal size uses (the icon cache
 * gives the window the same icons, drawn already) */
static void
test_icons_warmed_at_startup (void)
{
  g_autofree char *tmp = test_make_tmpdir ("icons-warm");
  g_autofree char *library = g_build_filename (tmp, "library", NULL);
  g_autoptr(MedialibApplication) app = NULL;
  g_autoptr(GIcon) gicon = g_themed_icon_new ("open-menu-symbolic");
  g_autoptr(GtkIconPaintable) found = NULL;
  GtkWidget *window, *image;
  GPtrArray *icons;
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  app = register_app (library, "io.github.medialib.MediaLibrary.IconsWarmTest");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  while ((icons = medialib_application_get_first_icons (app)) == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the icons' warm-up");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_true (medialib_application_get_svg_warmed (app));
  g_assert_true (has_icon_named (icons, "open-menu-symbolic"));
  g_assert_true (has_icon_named (icons, "medialib-filter-symbolic"));
  g_assert_true (has_icon_named (icons, "pan-down-symbolic"));

  /* An image of the window's header: its lookup gives the icon the worker loaded */
  window = gtk_window_new ();
  image = gtk_image_new_from_icon_name ("open-menu-symbolic");
  gtk_window_set_child (GTK_WINDOW (window), image);
  gtk_window_present (GTK_WINDOW (window));
  found = gtk_icon_theme_lookup_by_gicon (gtk_icon_theme_get_for_display (gtk_widget_get_display (image)),
                                          gicon, 16,
                                          gtk_widget_get_scale_factor (image),
                                          gtk_widget_get_direction (image), GTK_ICON_LOOKUP_PRELOAD);
  g_assert_true (g_ptr_array_find (icons, found, NULL));
  gtk_window_destroy (GTK_WINDOW (window));

  test_rm_rf (tmp);
}

typedef struct
{
  MedialibWindow *window;
  gboolean        checked;
  gboolean        sidebar_counting;   /* when the first page came */
  gboolean        maintaining;
  gboolean        labels_listed;
} FirstPage;

static gboolean
check_first_page_cb (gpointer data)
{
  FirstPage *seen = data;

  /* Before the preload's result, which comes at the default priority */
  seen->checked = TRUE;
  seen->sidebar_counting = seen->window->sidebar_cancellable != NULL;
  seen->maintaining = seen->window->maintained;
  seen->labels_listed = seen->window->tag_counts != NULL;
  return G_SOURCE_REMOVE;
}

static void
on_first_page_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  FirstPage  *seen)
{
  if (g_list_model_get_n_items (model) == 0)
    return;

  g_signal_handlers_disconnect_by_func (model, on_first_page_cb, seen);
  g_idle_add_full (G_PRIORITY_HIGH, check_first_page_cb, seen, NULL);
}

/* Every tile on screen shows its thumbnail */
static gboolean
thumbnails_shown (GtkWidget *widget)
{
  if (MEDIALIB_IS_ASSET_TILE (widget))
    return !gtk_widget_get_mapped (widget) || medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!thumbnails_shown (child))
      return FALSE;

  return TRUE;
}

static gboolean
background_done (Fixture *f)
{
  return f->window->maintained && f->window->sidebar_cancellable != NULL && f->window->tag_counts != NULL;
}

/* The sidebar's counts, the filters' labels and the library's check read the whole library
 * on workers: they start once a frame has shown the first screen with its thumbnails,
 * not while the workers decode those (medialib-window-first-screen.c); then they run */
static void
test_background_after_first_screen (Fixture       *f,
                                    gconstpointer  data)
{
  FirstPage seen = { 0 };
  gint64 end;

  populate (f);
  destroy_window (f->window);

  f->window = medialib_window_new (f->app);
  seen.window = f->window;
  g_signal_connect (f->window->selection, "items-changed", G_CALLBACK (on_first_page_cb), &seen);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));

  end = g_get_monotonic_time () + test_wait_limit ();
  while (!seen.checked)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the first page");
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (seen.sidebar_counting);
  g_assert_false (seen.maintaining);
  g_assert_false (seen.labels_listed);

  /* Once the first screen is drawn, with its thumbnails */
  while (!f->window->first_screen_shown)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the first screen");
      g_assert_false (background_done (f));
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (thumbnails_shown (GTK_WIDGET (f->window->grid_view)));
  wait_until (background_done, f, "the counts, labels and check after the first screen");
}

/* The tiles of the grid on screen, and how many columns they are in */
static guint
tiles_on_screen (MedialibWindow *window,
                 guint          *columns)
{
  GtkWidget *grid = GTK_WIDGET (window->grid_view);
  double first_y = -1;
  guint n = 0;

  *columns = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!MEDIALIB_IS_ASSET_TILE (gtk_widget_get_first_child (child)) || !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, grid, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= gtk_widget_get_height (grid))
        continue;
      n++;
      if (first_y < 0 || bounds.origin.y < first_y)
        first_y = bounds.origin.y, *columns = 0;
      if (bounds.origin.y == first_y)
        (*columns)++;
    }
  return n;
}

typedef struct
{
  guint first_page;   /* the results in the grid's model when they first came */
} PageSize;

static void
on_page_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            PageSize   *size)
{
  if (size->first_page == 0)
    size->first_page = g_list_model_get_n_items (model);
}

/* A new window of the default size (1100 × 720, the sidebar beside the grid) makes the tiles
 * of its first screen before its first frame, not a row or a column more: the first page of
 * results is the tiles that fit beside the sidebar, counted before the window is laid out;
 * the other results come after */
static void
test_first_page_is_first_screen (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  PageSize size = { 0 };
  guint on_screen, columns;
  gint64 end;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("asset-%02u.png", i);
      g_autofree char *path = test_write_image (f->input, name, "png", 48, 32, 2000 + i);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  imported = medialib_store_import (f->window->store, (GFile **) files->pdata, files->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 60);
  destroy_window (f->window);

  f->window = medialib_window_new (f->app);
  g_signal_connect (f->window->selection, "items-changed", G_CALLBACK (on_page_cb), &size);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));

  end = g_get_monotonic_time () + test_wait_limit ();
  while (!f->window->first_screen_shown || f->window->searching)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the first screen");
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split));
  g_assert_cmpuint (n_shown (f), ==, 60);

  on_screen = tiles_on_screen (f->window, &columns);
  g_test_message ("first page %u, %u tiles on screen in %u columns", size.first_page, on_screen, columns);
  g_assert_cmpuint (columns, >, 1);
  /* Every tile of the first screen came with the first page, and hardly any other */
  g_assert_cmpuint (size.first_page, >=, on_screen);
  g_assert_cmpuint (size.first_page, <, on_screen + columns);
}

/* The overlay that says "Drop to add to library" (a title in a font of its own and a large
 * icon) is not built, so not laid out with the first screen, until a drag enters the window;
 * then it is shown and revealed, and hidden again when the drag leaves */
static void
test_drop_overlay_hidden_until_drag (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkDropTarget *target = NULL;
  GdkDragAction action = 0;

  for (guint i = 0; target == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  wait_for_search (f);
  g_assert_null (f->window->drop_revealer);

  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->drop_revealer)));
  g_assert_true (gtk_revealer_get_reveal_child (f->window->drop_revealer));

  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_revealer_get_reveal_child (f->window->drop_revealer));
}

/* An empty library has no thumbnails to wait for */
static void
test_background_empty_library (Fixture       *f,
                               gconstpointer  data)
{
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  wait_until (background_done, f, "the counts, labels and check of an empty library");
}

static void
spin_until_early_finished (MedialibApplication *app)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (!medialib_application_get_early_finished (app))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the early opening");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

typedef struct
{
  MedialibWindow *window;
  guint           n;          /* the first page's assets */
  guint           decoded;    /* those the thumbnail cache held then */
} EarlyPage;

static void
on_early_page_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  EarlyPage  *seen)
{
  if (g_list_model_get_n_items (model) == 0)
    return;

  g_signal_handlers_disconnect_by_func (model, on_early_page_cb, seen);
  seen->n = g_list_model_get_n_items (model);
  for (guint i = 0; i < seen->n; i++)
    {
      g_autoptr(MedialibResultItem) item = g_list_model_get_item (model, i);
      MedialibAsset *asset = medialib_result_item_get_asset (item);

      if (asset != NULL && medialib_thumbnail_cache_lookup (seen->window->thumbnails, asset) != NULL)
        seen->decoded++;
    }
}

static gboolean
tile_width_saved (Fixture *f)
{
  return medialib_window_saved_tile_width (medialib_application_get_settings (f->app)) > 0;
}

/* The first window's first screen: its thumbnails are decoded at the grid's size by the
 * worker that opens the library while GTK starts, so that its first page comes with them
 * and the first frame shows them; not when filters are saved (the worker does not build
 * the window's search), nor for another library */
static void
test_first_screen_decoded_early (Fixture       *f,
                                 gconstpointer  data)
{
  GSettings *settings = medialib_application_get_settings (f->app);
  g_autoptr(MedialibApplication) app = NULL;
  g_autoptr(MedialibApplication) filtered_app = NULL;
  g_autoptr(MedialibApplication) sorted_app = NULL;
  g_autoptr(MedialibApplication) other_app = NULL;
  g_autoptr(GHashTable) textures = NULL;
  g_autofree char *library = g_canonicalize_filename (f->library, NULL);
  EarlyPage seen = { 0 };
  GHashTableIter iter;
  GdkTexture *texture;
  int saved_tile_width;
  guint n_fitted = 0;
  gint64 end;

  populate (f);
  wait_until (copies_made, f, "the thumbnails' copies");
  wait_until (tile_width_saved, f, "the tiles' width saved");
  saved_tile_width = medialib_window_saved_tile_width (settings);
  destroy_window (f->window);

  /* Saved filters: not decoded early */
  g_settings_set_string (settings, "filter-kind", "image");
  filtered_app = register_app (library, "io.github.medialib.MediaLibrary.FilteredTest");
  spin_until_early_finished (filtered_app);
  g_assert_null (medialib_application_take_first_screen (filtered_app, library));
  g_settings_reset (settings, "filter-kind");

  /* Another sort: its first screen, taken once */
  g_settings_set_string (settings, "sort", "name");
  sorted_app = register_app (library, "io.github.medialib.MediaLibrary.SortedTest");
  spin_until_early_finished (sorted_app);
  textures = medialib_application_take_first_screen (sorted_app, library);
  g_assert_nonnull (textures);
  g_assert_cmpuint (g_hash_table_size (textures), ==, 6);
  /* Each with a copy at the size the tiles drew it at, at the window's saved size */
  g_assert_cmpint (saved_tile_width, >, 0);
  g_hash_table_iter_init (&iter, textures);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &texture))
    {
      GdkTexture *fitted = medialib_texture_get_fitted (texture);
      int width, height;

      medialib_asset_tile_fit_thumbnail (saved_tile_width, gdk_texture_get_width (texture),
                                         gdk_texture_get_height (texture), &width, &height);
      if (width == gdk_texture_get_width (texture) && height == gdk_texture_get_height (texture))
        continue;
      g_assert_nonnull (fitted);
      g_assert_cmpint (gdk_texture_get_width (fitted), ==, width);
      g_assert_cmpint (gdk_texture_get_height (fitted), ==, height);
      n_fitted++;
    }
  g_assert_cmpuint (n_fitted, >, 0);
  g_assert_null (medialib_application_take_first_screen (sorted_app, library));
  g_settings_reset (settings, "sort");

  /* Not for another library's window, and then not at all */
  other_app = register_app (library, "io.github.medialib.MediaLibrary.OtherTest");
  spin_until_early_finished (other_app);
  g_assert_null (medialib_application_take_first_screen (other_app, f->input));
  g_assert_null (medialib_application_take_first_screen (other_app, library));

  app = register_app (library, "io.github.medialib.MediaLibrary.FirstScreenTest");
  spin_until_early_finished (app);
  f->window = seen.window = medialib_window_new (app);
  g_signal_connect (f->window->selection, "items-changed", G_CALLBACK (on_early_page_cb), &seen);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));

  end = g_get_monotonic_time () + test_wait_limit ();
  while (seen.n == 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the first page");
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (seen.n, ==, 6);
  g_assert_cmpuint (seen.decoded, ==, seen.n);
  g_assert_null (medialib_application_take_first_screen (app, library));
  wait_until (background_done, f, "the counts, labels and check after the first screen");
}

/* A widget that counts the times it is measured */
#define PROBE_TYPE_WIDGET (probe_widget_get_type ())
G_DECLARE_FINAL_TYPE (ProbeWidget, probe_widget, PROBE, WIDGET, GtkWidget)

struct _ProbeWidget
{
  GtkWidget parent_instance;
  guint     measured;
};

G_DEFINE_FINAL_TYPE (ProbeWidget, probe_widget, GTK_TYPE_WIDGET)

static void
probe_widget_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PROBE_WIDGET (widget)->measured++;
  *minimum = *natural = 10;
}

static void
probe_widget_class_init (ProbeWidgetClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = probe_widget_measure;
}

static void
probe_widget_init (ProbeWidget *self)
{
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *painted)
{
  (*painted)++;
}

/* Until the window has drawn two frames more */
static void
wait_for_frames (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 end = g_get_monotonic_time () + test_wait_limit ();
  guint painted = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

  gtk_widget_queue_resize (GTK_WIDGET (f->window));
  while (painted < 2)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for frames");
      g_main_context_iteration (NULL, TRUE);
      gtk_widget_queue_draw (GTK_WIDGET (f->window));
    }
  g_signal_handler_disconnect (clock, id);
}

/* The window's pages not shown (loading, empty library, no results, error: status pages whose
 * titles and descriptions Pango would lay out) are not measured with the grid's: only the
 * page shown is */
static void
test_window_hidden_pages_not_measured (Fixture       *f,
                                       gconstpointer  data)
{
  ProbeWidget *probe = g_object_new (PROBE_TYPE_WIDGET, NULL);

  populate (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "grid");
  gtk_stack_add_named (f->window->stack, GTK_WIDGET (probe), "probe");
  wait_for_frames (f);
  g_assert_cmpuint (probe->measured, ==, 0);

  /* Shown, it is */
  gtk_stack_set_transition_type (f->window->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (f->window->stack, "probe");
  wait_for_frames (f);
  g_assert_cmpuint (probe->measured, >, 0);
}

static gboolean
is_tooltip (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
is_check_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return is_row_titled (widget, title) && find_widget (widget, is_check_button, NULL) != NULL;
}

static gboolean
spring_row_listed (Fixture *f)
{
  return f->window->tags_list != NULL &&
         find_widget (GTK_WIDGET (f->window->tags_list), is_check_row, "Spring") != NULL;
}

static gboolean
details_pane_made (Fixture *f)
{
  return f->window->details_pane != NULL;
}

static gboolean
details_shown (Fixture *f)
{
  return _medialib_window_get_details_asset (f->window) != NULL;
}

/* What the first screen does not show is not built with the window: the filter popover
 * (built when it first opens, with the filters of the last run restored without it), the
 * upload button's menu, the status pages (built when first shown), import's banner,
 * progress bar and drop overlay, the damaged library's and the offline banners, and the
 * details pane (made once the first screen is drawn, or when first needed); each works as
 * before once built */
static void
test_window_lazy_parts (Fixture       *f,
                        gconstpointer  data)
{
  const char *spring[] = { "Spring", NULL };
  MedialibEdit tag_spring = { .add_tags = spring };
  GSettings *settings = medialib_application_get_settings (f->app);
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  GtkWidget *arrow, *check;
  GtkPopover *menu;
  AdwBanner *offline, *damaged;
  gint64 end;

  populate (f);
  for (gint64 id = 1; id <= 2; id++)
    g_assert_true (medialib_store_edit (f->window->store, id, &tag_spring, &error));
  g_assert_no_error (error);
  destroy_window (f->window);

  /* The filters of the last run */
  g_settings_set_string (settings, "filter-kind", "image");
  g_settings_set_strv (settings, "filter-tags", spring);

  f->window = medialib_window_new (f->app);
  arrow = gtk_widget_get_last_child (GTK_WIDGET (f->window->upload_button));
  g_assert_true (GTK_IS_MENU_BUTTON (arrow));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));

  end = g_get_monotonic_time () + test_wait_limit ();
  while (!f->window->first_screen_shown)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the first screen");
      g_assert_null (f->window->filter_popover);
      g_assert_null (f->window->details_pane);
      g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (arrow)));
      g_assert_null (gtk_stack_get_child_by_name (f->window->stack, "empty"));
      g_assert_null (gtk_stack_get_child_by_name (f->window->stack, "no-results"));
      g_assert_null (gtk_stack_get_child_by_name (f->window->stack, "error"));
      g_assert_null (f->window->banner);
      g_assert_null (f->window->progress_revealer);
      g_assert_null (f->window->drop_revealer);
      g_assert_null (f->window->damaged_banner);
      g_assert_null (f->window->offline_banner);
      g_main_context_iteration (NULL, TRUE);
    }
  wait_for_search (f);

  /* The restored filters apply, with their chip, the popover not built */
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->chips_box), is_tooltip, "Remove the filter “Spring”"));
  g_assert_null (f->window->filter_popover);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->window->filter_button)));

  /* The details pane comes once the first screen is drawn, hidden */
  wait_until (details_pane_made, f, "the details pane after the first screen");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (f->window->split_view));
  g_assert_true (adw_overlay_split_view_get_sidebar (f->window->split_view) == GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)));

  /* Opened, the popover shows the filters as they are, and changes them */
  gtk_menu_button_popup (f->window->filter_button);
  g_assert_nonnull (f->window->filter_popover);
  g_assert_true (gtk_menu_button_get_popover (f->window->filter_button) == f->window->filter_popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->filter_popover)));
  g_assert_cmpstr (adw_toggle_group_get_active_name (f->window->kind_group), ==, "image");
  wait_until (spring_row_listed, f, "the popover's tag rows");
  check = find_widget (find_widget (GTK_WIDGET (f->window->tags_list), is_check_row, "Spring"),
                       is_check_button, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  adw_toggle_group_set_active_name (f->window->kind_group, "contact");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  /* No results: its page, built now, the others not */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "no-results");
  g_assert_nonnull (find_widget (gtk_stack_get_visible_child (f->window->stack), is_button_labelled, "C_lear Filters"));
  g_assert_null (gtk_stack_get_child_by_name (f->window->stack, "empty"));
  g_assert_null (f->window->error_page);
  kind = g_settings_get_string (settings, "filter-kind");
  g_assert_cmpstr (kind, ==, "contact");
  gtk_menu_button_popdown (f->window->filter_button);

  /* Clear Filters clears the popover's too */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_cmpstr (adw_toggle_group_get_active_name (f->window->kind_group), ==, "all");

  /* The upload button's menu, made when it opens */
  gtk_menu_button_popup (GTK_MENU_BUTTON (arrow));
  menu = gtk_menu_button_get_popover (GTK_MENU_BUTTON (arrow));
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)) == f->window->upload_menu);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (arrow));

  /* F9's action shows the first asset's details in the pane made before */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-details", NULL);
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));
  wait_until (details_shown, f, "the details of the first asset");

  /* The offline and damaged library's banners, made when needed, in their places below
   * the filter chips whichever comes first, the damaged library's first */
  offline = _medialib_window_ensure_banner (f->window, &f->window->offline_banner);
  g_assert_true (f->window->offline_banner == offline);
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (offline)) == GTK_WIDGET (f->window->chips_revealer));
  g_assert_null (f->window->damaged_banner);
  damaged = _medialib_window_ensure_banner (f->window, &f->window->damaged_banner);
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (damaged)) == GTK_WIDGET (f->window->chips_revealer));
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (damaged)) == GTK_WIDGET (offline));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (damaged)), ==, "win.restore-backup");
  g_assert_true (_medialib_window_ensure_banner (f->window, &f->window->damaged_banner) == damaged);
  g_assert_false (adw_banner_get_revealed (damaged));
  g_assert_false (adw_banner_get_revealed (offline));

  g_settings_reset (settings, "filter-kind");
  g_settings_reset (settings, "filter-tags");
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/medialib/window/store-opens-with-application", test_store_opens_with_application);
  g_test_add_func ("/medialib/window/texture-copy", test_texture_copy);
  g_test_add_func ("/medialib/window/icons-warmed-at-startup", test_icons_warmed_at_startup);
  WINDOW_TEST_ADD ("thumbnail-copies", test_window_thumbnail_copies);
  WINDOW_TEST_ADD ("background-after-first-screen", test_background_after_first_screen);
  WINDOW_TEST_ADD ("background-empty-library", test_background_empty_library);
  WINDOW_TEST_ADD ("first-screen-decoded-early", test_first_screen_decoded_early);
  WINDOW_TEST_ADD ("first-page-is-first-screen", test_first_page_is_first_screen);
  WINDOW_TEST_ADD ("drop-overlay-hidden-until-drag", test_drop_overlay_hidden_until_drag);
  WINDOW_TEST_ADD ("hidden-pages-not-measured", test_window_hidden_pages_not_measured);
  WINDOW_TEST_ADD ("lazy-parts", test_window_lazy_parts);

  return window_test_run ();
}
