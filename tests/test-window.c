/* test-window.c — the main window, in-process, under Xvfb
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-crop-dialog.h"
#include "medialib-crop-view.h"
#include "medialib-generate-dialog.h"
#include "ai-standin.h"
#include "medialib-test-util.h"
#include "medialib-window-private.h"

typedef struct
{
  char                *tmp;
  char                *library;
  char                *input;
  MedialibApplication *app;
  MedialibWindow      *window;
} Fixture;

/* --- Helpers -------------------------------------------------------------------------------- */

/* 20 seconds, times MEDIALIB_TEST_TIMEOUT_MULTIPLIER ('build-aux/dev test --sanitize' sets it:
 * everything runs several times slower there) */
static gint64
wait_limit (void)
{
  const char *multiplier = g_getenv ("MEDIALIB_TEST_TIMEOUT_MULTIPLIER");
  gint64 factor = multiplier != NULL ? g_ascii_strtoll (multiplier, NULL, 10) : 1;

  return 20 * G_USEC_PER_SEC * MAX (factor, 1);
}

static gboolean
wait_until (gboolean (*predicate) (Fixture *f),
            Fixture   *f,
            const char *what)
{
  gint64 end = g_get_monotonic_time () + wait_limit ();

  while (!predicate (f))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s (stamp %u, searching %d, importing %d, queued %u, refresh %u)",
                 what, f->window->search_stamp, f->window->searching,
                 f->window->import_cancellable != NULL, f->window->import_queue->len,
                 f->window->refresh_source);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }

  return TRUE;
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
window_is_drawn (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) && gtk_widget_get_width (GTK_WIDGET (f->window)) > 0;
}

static gboolean
store_is_open (Fixture *f)
{
  return f->window->store != NULL &&
         !g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "loading");
}

static gboolean
store_is_open_or_failed (Fixture *f)
{
  return store_is_open (f) || g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "error");
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->window->selection));
}

static gboolean
idle (Fixture *f)
{
  return f->window->import_cancellable == NULL && f->window->import_queue->len == 0 &&
         f->window->refresh_source == 0 && !f->window->searching;
}

/* Waits until nothing runs: the last search's result is in the grid. */
static void
wait_for_search (Fixture *f)
{
  wait_until (idle, f, "the import and searches to finish");
}

static guint expected_stamp;

static gboolean
searched_since (Fixture *f)
{
  return f->window->search_stamp >= expected_stamp && idle (f) &&
         g_strcmp0 (f->window->searched_text,
                    gtk_editable_get_text (GTK_EDITABLE (f->window->search_entry))) == 0;
}

/* After typing: the entry's delay, then a new search and its result. */
static void
wait_for_typed_search (Fixture *f,
                       guint    stamp_before)
{
  expected_stamp = stamp_before + 1;
  wait_until (searched_since, f, "a search after typing");
}

static GtkWidget *
find_widget (GtkWidget   *root,
             gboolean   (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static void
drop_files (Fixture            *f,
            const char * const *paths)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);

  g_assert_true (handled);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("MEDIALIB_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (f->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  settle ();
  g_mkdir_with_parents (dir, 0755);
  /* The window has nothing to show between a change and its next frame: wait for one */
  for (gint64 end = g_get_monotonic_time () + wait_limit ();
       node == NULL && g_get_monotonic_time () < end;
       settle ())
    {
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static MedialibApplication *app;

/* --- Fixture ------------------------------------------------------------------------------------ */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = test_make_tmpdir ("window");
  f->library = g_build_filename (f->tmp, "library", NULL);
  f->input = g_build_filename (f->tmp, "input", NULL);
  g_mkdir (f->input, 0755);

  /* One application for the whole run (it is exported on the session bus); each test
   * opens a library of its own. */
  f->app = g_object_ref (app);
  g_object_set (f->app, "library-dir", f->library, NULL);

  /* The last sort and filters are remembered: each test starts from none */
  {
    GSettings *settings = medialib_application_get_settings (f->app);
    const char *keys[] = { "sort", "filter-kind", "filter-tags", "filter-teams" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_settings_reset (settings, keys[i]);
  }
  f->window = medialib_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (store_is_open, f, "the library to open");
  wait_until (window_is_drawn, f, "the window to be drawn");
}

static gboolean
window_finalized (Fixture *f)
{
  return f->window == NULL;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Background work (the maintenance after opening, a search) keeps the window until it
   * ends: wait for that before the library goes away under it. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_until (window_finalized, f, "the window to be finalized");
  settle ();
  g_clear_object (&f->app);
  test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->library);
  g_free (f->input);
}

/* Imports through the real drop target: 4 images and a folder of 2 more. */
static void
populate (Fixture *f)
{
  g_autofree char *folder = g_build_filename (f->input, "campaign", NULL);
  g_autofree char *a = test_write_image (f->input, "spring-banner.png", "png", 640, 320, 1);
  g_autofree char *b = test_write_image (f->input, "summer-hero.jpg", "jpeg", 800, 600, 2);
  g_autofree char *c = test_write_image (f->input, "newsletter-header.png", "png", 600, 200, 3);
  g_autofree char *d = test_write_gif (f->input, "loading.gif", 64, 64, 3, 200);
  const char *paths[] = { a, b, c, d, folder, NULL };

  g_mkdir (folder, 0755);
  g_free (test_write_image (folder, "push-icon.png", "png", 256, 256, 4));
  g_free (test_write_image (folder, "modal-art.jpg", "jpeg", 1450, 500, 5));

  drop_files (f, paths);
  wait_for_search (f);
}

static gboolean
has_dialog (Fixture *f)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)) != NULL;
}

static gboolean
is_crop_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return MEDIALIB_IS_CROP_VIEW (widget);
}

static gboolean
crop_dialog_ready (Fixture *f)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));

  return MEDIALIB_IS_CROP_DIALOG (dialog) && medialib_crop_dialog_is_ready (MEDIALIB_CROP_DIALOG (dialog));
}

static gboolean
no_dialog (Fixture *f)
{
  return !has_dialog (f) && idle (f);
}

/* --- Tests ---------------------------------------------------------------------------------------- */

static void
test_window_accessible_title (Fixture       *f,
                              gconstpointer  data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Media Library");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->window), GTK_ACCESSIBLE_ROLE_WINDOW);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->window), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Media Library");
}

static void
test_window_empty_state (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *upload;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "empty");

  upload = find_widget (GTK_WIDGET (f->window->empty_page), is_button_labelled, "_Upload");
  g_assert_nonnull (upload);
  g_assert_true (gtk_widget_is_visible (upload));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (upload)), ==, "win.upload");
  g_assert_true (gtk_widget_is_sensitive (upload));

  save_screenshot (f, "window-empty.png");
}

static void
test_window_size_remembered (Fixture       *f,
                             gconstpointer  data)
{
  GSettings *settings = medialib_application_get_settings (f->app);
  g_autoptr(MedialibWindow) second = NULL;
  int width, height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  second = g_object_ref_sink (medialib_window_new (f->app));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (second), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_window_drop_imports (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *text = test_write_bytes (f->input, "notes.png", "not an image\n", 13);
  const char *bad[] = { text, NULL };

  populate (f);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "grid");
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_cmpint (medialib_store_count (f->window->store), ==, 6);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->progress_revealer));
  g_assert_false (adw_banner_get_revealed (f->window->banner));
  save_screenshot (f, "window-populated.png");

  /* A rejected file: the banner stays with the reason one click away; nothing changes. */
  drop_files (f, bad);
  wait_for_search (f);
  g_assert_true (adw_banner_get_revealed (f->window->banner));
  g_assert_cmpstr (adw_banner_get_title (f->window->banner), ==, "1 file was not added");
  g_assert_cmpuint (f->window->last_results->len, ==, 1);
  g_assert_cmpint (((MedialibImportResult *) g_ptr_array_index (f->window->last_results, 0))->status,
                   ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_cmpint (medialib_store_count (f->window->store), ==, 6);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-import-summary", NULL);
  settle ();
  g_assert_false (adw_banner_get_revealed (f->window->banner));
  save_screenshot (f, "import-summary.png");
}

static void
test_window_folder_limit_summary (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->input, "sixty", NULL);
  const char *paths[] = { folder, NULL };
  guint skipped = 0;

  g_mkdir (folder, 0755);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%02u.png", i);
      g_free (test_write_image (folder, name, "png", 32, 24, 1000 + i));
    }

  drop_files (f, paths);
  wait_for_search (f);

  g_assert_cmpuint (n_shown (f), ==, 50);
  for (guint i = 0; i < f->window->last_results->len; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (f->window->last_results, i);

      if (r->status == MEDIALIB_IMPORT_SKIPPED)
        {
          g_assert_true (g_str_has_suffix (r->path, ".png"));
          skipped++;
        }
    }
  g_assert_cmpuint (skipped, ==, 10);
  g_assert_cmpstr (adw_banner_get_title (f->window->banner), ==, "10 files were not added");
}

static void
type_search (Fixture    *f,
             const char *text)
{
  guint before = f->window->search_stamp;

  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), text);
  wait_for_typed_search (f, before);
}

static void
test_window_search (Fixture       *f,
                    gconstpointer  data)
{
  guint before;

  populate (f);

  type_search (f, "spr");
  g_assert_cmpuint (n_shown (f), ==, 1);

  type_search (f, "nothing-like-this");
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "no-results");

  before = f->window->search_stamp;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_typed_search (f, before);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->search_entry)), ==, "");
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

/* The check button of the row of a filter list titled NAME */
static GtkWidget *
find_filter_check (GtkListBox *list,
                   const char *name)
{
  GtkWidget *row = find_widget (GTK_WIDGET (list), is_row_titled, name);

  return row != NULL ? find_widget (row, is_check_button, NULL) : NULL;
}

static gboolean
filter_lists_filled (Fixture *f)
{
  return gtk_list_box_get_row_at_index (f->window->tags_list, 0) != NULL &&
         gtk_list_box_get_row_at_index (f->window->teams_list, 0) != NULL;
}

static void
test_window_filters (Fixture       *f,
                     gconstpointer  data)
{
  const gint64 ids[] = { 1, 2 };
  const char *spring[] = { "Spring", NULL };
  const char *growth[] = { "Growth", NULL };
  MedialibEdit tag_both = { .add_tags = spring };
  MedialibEdit team_first = { .add_teams = growth };
  g_autoptr(GError) error = NULL;
  GtkWidget *check;

  populate (f);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (medialib_store_edit (f->window->store, ids[i], &tag_both, &error));
  g_assert_true (medialib_store_edit (f->window->store, ids[0], &team_first, &error));
  g_assert_no_error (error);

  /* The popover lists tags and teams with counts */
  gtk_menu_button_popup (f->window->filter_button);
  wait_until (filter_lists_filled, f, "the filter lists");

  check = find_filter_check (f->window->tags_list, "Spring");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));

  check = find_filter_check (f->window->teams_list, "Growth");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  gtk_menu_button_popdown (f->window->filter_button);
  save_screenshot (f, "window-filtered.png");

  /* Kind filter: no contacts here */
  adw_toggle_group_set_active_name (f->window->kind_group, "contact");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);

  /* The filters are remembered for the next window */
  {
    GSettings *settings = medialib_application_get_settings (f->app);
    g_auto(GStrv) tags = g_settings_get_strv (settings, "filter-tags");
    g_autofree char *kind = g_settings_get_string (settings, "filter-kind");

    g_assert_cmpstrv (tags, ((const char *[]) { "Spring", NULL }));
    g_assert_cmpstr (kind, ==, "contact");
  }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->chips_revealer));
}

static gboolean
window_has_no_pending (Fixture *f)
{
  return g_hash_table_size (f->window->pending_delete) == 0;
}

static const char *deleted_path;

/* The store removes the row, then the file, in a worker thread: the count drops first. */
static gboolean
deletion_done (Fixture *f)
{
  return medialib_store_count (f->window->store) == 5 &&
         !g_file_test (deleted_path, G_FILE_TEST_EXISTS);
}

static void
test_window_delete_undo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedialibAsset) first = NULL;
  g_autoptr(MedialibAsset) second = NULL;
  GtkWidget *undo;
  g_autofree char *first_path = NULL;

  populate (f);
  first = g_list_model_get_item (G_LIST_MODEL (f->window->selection), 0);
  second = g_list_model_get_item (G_LIST_MODEL (f->window->selection), 1);
  first_path = g_strdup (medialib_asset_get_path (first));

  gtk_selection_model_select_range (GTK_SELECTION_MODEL (f->window->selection), 0, 2, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  settle ();

  /* Hidden at once, still in the library until the toast goes */
  g_assert_cmpuint (n_shown (f), ==, 4);
  g_assert_cmpint (medialib_store_count (f->window->store), ==, 6);
  save_screenshot (f, "window-deleted-undo.png");

  undo = find_widget (GTK_WIDGET (f->window->toast_overlay), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_true (window_has_no_pending (f));
  g_assert_true (g_file_test (first_path, G_FILE_TEST_EXISTS));

  /* Again, and this time the window closes before the toast times out: the deletion is
   * carried out. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  settle ();
  g_assert_cmpuint (n_shown (f), ==, 5);
  _medialib_window_flush_deletions (f->window);
  wait_until (window_has_no_pending, f, "the deletion");
  deleted_path = first_path;
  wait_until (deletion_done, f, "the row and the file to go");
  deleted_path = NULL;
}

/* The clipboard's text, read as a paste would */
static char *
read_clipboard_text (GdkClipboard *clipboard)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_assert_no_error (error);

  return text;
}

static void
test_window_details (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (f->window->details_pane);
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (pane));
  g_autoptr(MedialibAsset) asset = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *copied = NULL;
  guint position = G_MAXUINT;

  populate (f);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (medialib_asset_get_name (item), "spring-banner.png"))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  g_signal_emit_by_name (f->window->grid_view, "activate", position);
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));

  asset = g_object_ref (medialib_details_pane_get_asset (f->window->details_pane));
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "spring-banner.png");
  uri = medialib_asset_dup_uri (asset);

  g_assert_cmpstr (row_subtitle (pane, "Type"), ==, "PNG image");
  g_assert_cmpstr (row_subtitle (pane, "Dimensions"), ==, "640 × 320 pixels");
  g_assert_cmpstr (row_subtitle (pane, "URL"), ==, uri);
  g_assert_cmpstr (row_subtitle (pane, "Source"), ==, "Uploaded");
  g_assert_false (gtk_widget_get_visible (find_widget (pane, is_row_titled, "Cropped From")));

  /* Copy URL puts it on the clipboard */
  gdk_clipboard_set_text (clipboard, "nothing copied yet");
  gtk_widget_activate_action (pane, "details.copy-url", NULL);
  copied = read_clipboard_text (clipboard);
  g_assert_cmpstr (copied, ==, uri);

  save_screenshot (f, "window-details.png");
}

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
  {
    g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < 300; i++)
      {
        g_autoptr(MedialibAsset) asset = g_list_model_get_item (G_LIST_MODEL (f->window->selection), i);

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
test_store_result (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
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
    g_ptr_array_add (assets, g_list_model_get_item (G_LIST_MODEL (f->window->selection), i));
  g_assert_cmpuint (assets->len, ==, 6);

  /* One asset's thumbnail is not an image any more */
  broken = g_ptr_array_index (assets, 2);
  g_assert_true (g_file_set_contents (medialib_asset_get_thumbnail_path (broken), "damaged", -1, NULL));

  cache = medialib_thumbnail_cache_new (f->window->store, 10);
  medialib_thumbnail_cache_set_texture_size (cache, 100);
  medialib_thumbnail_cache_preload_async (cache, assets, NULL, test_store_result, &result);
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
    medialib_thumbnail_cache_preload_async (other, assets, cancellable, test_store_result, &cancelled);
    while (cancelled == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (medialib_thumbnail_cache_preload_finish (other, cancelled, &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (medialib_thumbnail_cache_get_size (other), ==, 0);
  }
}


static void
test_window_crop_dialog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedialibAsset) banner = NULL;
  MedialibCropDialog *dialog;
  GtkWidget *view;
  MedialibRect rect;
  gint64 before;

  populate (f);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (medialib_asset_get_name (item), "modal-art.jpg"))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), i, TRUE);
          banner = g_object_ref (item);
        }
    }
  g_assert_nonnull (banner);

  /* Ctrl+R's action, on the selected 1450 × 500 image */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.crop", NULL);
  wait_until (crop_dialog_ready, f, "the crop dialog");
  dialog = MEDIALIB_CROP_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
  view = find_widget (GTK_WIDGET (dialog), is_crop_view, NULL);
  g_assert_nonnull (view);

  /* Clicking a preset snaps the box to its ratio, as large as possible and centered */
  g_assert_true (medialib_crop_dialog_select_preset (dialog, "android-expanded"));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.width, ==, 2 * rect.height);
  g_assert_cmpint (rect.height, ==, 500);
  g_assert_cmpint (rect.x, ==, (1450 - 1000) / 2);
  save_screenshot (f, "crop-dialog-android-expanded.png");

  g_assert_true (medialib_crop_dialog_select_preset (dialog, "content-card-classic"));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.width, ==, rect.height);
  g_assert_cmpint (rect.width, ==, 500);
  save_screenshot (f, "crop-dialog-classic.png");

  /* Crop: a new 60 × 60 asset, the dialog closes, the grid shows it */
  before = medialib_store_count (f->window->store);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "crop.apply", NULL);
  wait_until (no_dialog, f, "the crop to finish");
  g_assert_cmpint (medialib_store_count (f->window->store), ==, before + 1);
  g_assert_cmpuint (n_shown (f), ==, before + 1);
  {
    g_autoptr(MedialibAsset) crop = medialib_store_get_asset (f->window->store, f->window->details_id, NULL);

    g_assert_nonnull (crop);
    g_assert_cmpstr (medialib_asset_get_name (crop), ==, "modal-art (Classic).jpg");
    g_assert_cmpint (medialib_asset_get_width (crop), ==, 60);
    g_assert_cmpint (medialib_asset_get_parent (crop), ==, medialib_asset_get_id (banner));
  }
}

static void
test_window_fits_badges (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (f->window->details_pane);

  populate (f);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (medialib_asset_get_name (item), "newsletter-header.png"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  settle ();

  /* 600 × 200: an email header as it is (at most 600 wide), a banner (at least 600) */
  g_assert_nonnull (strstr (row_subtitle (pane, "Ready For"), "Email · Header image"));
  g_assert_nonnull (strstr (row_subtitle (pane, "Ready For"), "Content Cards · Banner"));
  g_assert_null (strstr (row_subtitle (pane, "Ready For"), "Body image"));
}

static gboolean
is_add_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Add to Media Library") == 0;
}

static guint
count_widgets (GtkWidget  *root,
               gboolean  (*match) (GtkWidget *, gconstpointer))
{
  guint n = match (root, NULL) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, match);

  return n;
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static GtkWidget *generate_dialog;

static gboolean
four_variants_shown (Fixture *f)
{
  return count_widgets (generate_dialog, is_add_button) == 4;
}

static gboolean
two_added (Fixture *f)
{
  /* The grid shows both: the rows are there and the refresh after the second is done */
  return n_shown (f) == 2 && idle (f);
}

static void
test_window_generate (Fixture       *f,
                      gconstpointer  data)
{
  AiStandin *standin = ai_standin_new (NULL);
  g_autofree char *url = ai_standin_dup_base_url (standin);
  GtkWidget *text_view;
  GtkWidget *first_add = NULL;
  guint clicked = 0;

  g_setenv ("MEDIALIB_AI_BASE_URL", url, TRUE);
  g_setenv ("MEDIALIB_AI_MODEL", "gpt-image-1-mini", TRUE);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.generate", NULL);
  wait_until (has_dialog, f, "the generator");
  generate_dialog = GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
  g_assert_true (MEDIALIB_IS_GENERATE_DIALOG (generate_dialog));

  /* The description is limited to 300 characters, accents included */
  text_view = find_widget (generate_dialog, is_text_view, NULL);
  g_assert_nonnull (text_view);
  {
    g_autoptr(GString) long_text = g_string_new (NULL);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
    GtkTextIter end;

    for (int i = 0; i < 310; i++)
      g_string_append (long_text, "é");
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, long_text->str, -1);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 300);
  }

  medialib_generate_dialog_set_prompt (MEDIALIB_GENERATE_DIALOG (generate_dialog),
                                       "A bright spring banner with tulips");
  gtk_widget_activate_action (generate_dialog, "generate.generate", NULL);
  wait_until (four_variants_shown, f, "four variants");
  save_screenshot (f, "generate-dialog.png");

  /* Add two of them */
  for (GtkWidget *w = generate_dialog; clicked < 2;)
    {
      first_add = find_widget (w, is_add_button, NULL);
      g_assert_nonnull (first_add);
      gtk_widget_set_tooltip_text (first_add, "clicked");   /* the next search finds the next one */
      g_signal_emit_by_name (first_add, "clicked");
      clicked++;
    }
  wait_until (two_added, f, "two added variants");
  g_assert_cmpint (medialib_store_count (f->window->store), ==, 2);
  {
    g_autoptr(MedialibAsset) asset = g_list_model_get_item (G_LIST_MODEL (f->window->selection), 0);

    g_assert_cmpstr (medialib_asset_get_source (asset), ==, "ai");
    g_assert_cmpstr (medialib_asset_get_prompt (asset), ==, "A bright spring banner with tulips");
  }

  g_assert_cmpuint (ai_standin_get_violations (standin), ==, 0);
  adw_dialog_force_close (ADW_DIALOG (generate_dialog));
  settle ();
  ai_standin_free (standin);
  g_unsetenv ("MEDIALIB_AI_BASE_URL");
  g_unsetenv ("MEDIALIB_AI_MODEL");
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static void
test_window_contacts (Fixture       *f,
                      gconstpointer  data)
{
  const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nORG:Example Corp\nEMAIL:jane@example.com\n"
                    "TEL:+1 555 0100\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:John Roe\nEND:VCARD\n";
  g_autofree char *path = test_write_bytes (f->input, "team.vcf", vcf, strlen (vcf));
  g_autofree char *corpus = test_shared_corpus ("vcard");
  g_autofree char *iphone = corpus ? g_build_filename (corpus, "ez-vcard_John_Doe_IPHONE.vcf", NULL) : NULL;
  const char *paths[] = { path, iphone, NULL };
  GtkWidget *pane = GTK_WIDGET (f->window->details_pane);

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, iphone ? 2 : 1);

  /* The tile shows the contact's name and organization */
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Jane Doe"));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Example Corp"));
  if (iphone)
    g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Mr. John Richter James Doe Sr."));

  /* The kind filter */
  adw_toggle_group_set_active_name (f->window->kind_group, "image");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  adw_toggle_group_set_active_name (f->window->kind_group, "contact");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, iphone ? 2 : 1);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (medialib_asset_get_name (item), "team.vcf"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  settle ();
  settle ();
  g_assert_cmpstr (row_subtitle (pane, "Organization"), ==, "Example Corp");
  g_assert_cmpstr (row_subtitle (pane, "Email"), ==, "jane@example.com");
  g_assert_cmpstr (row_subtitle (pane, "2 contacts"), ==, "Jane Doe <jane@example.com>\nJohn Roe");
  save_screenshot (f, "window-contacts.png");
}

/* "Open With" from Files: the files are imported into the running instance's library */
static void
test_window_open_with (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = test_write_image (f->input, "opened.png", "png", 40, 40, 77);
  g_autofree char *b = test_write_image (f->input, "also-opened.jpg", "jpeg", 40, 40, 78);
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GFile *files[] = { fa, fb };

  g_application_open (G_APPLICATION (f->app), files, 2, "");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_nonnull (f->window->last_results);
  g_assert_cmpuint (f->window->last_results->len, ==, 2);
}

static void
test_window_app_actions (Fixture       *f,
                         gconstpointer  data)
{
  const char *dialogs[] = { "preferences", "about" };
  GtkWindow *shortcuts;

  /* Warnings are fatal in GTK tests: each dialog must build cleanly. */
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      AdwDialog *dialog;

      g_action_group_activate_action (G_ACTION_GROUP (f->app), dialogs[i], NULL);
      wait_until (has_dialog, f, dialogs[i]);
      dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
      if (i == 0)
        save_screenshot (f, "preferences.png");
      adw_dialog_force_close (dialog);
      settle ();
    }

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  settle ();
  /* GtkShortcutsWindow is deprecated in GTK 4.18; libadwaita's replacement comes with 1.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_window_close (shortcuts);
}


static gboolean
has_backup (Fixture *f)
{
  g_autoptr(GPtrArray) backups = medialib_store_list_backups (f->library);

  return backups->len > 0;
}

static gboolean
shows_error (Fixture *f)
{
  return g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "error");
}

static gboolean
restored (Fixture *f)
{
  return !f->window->restoring && f->window->store != NULL && idle (f) &&
         g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "grid");
}

static gboolean
damage_shown (Fixture *f)
{
  return adw_banner_get_revealed (f->window->damaged_banner) ||
         (shows_error (f) && strstr (adw_status_page_get_description (f->window->error_page), "damaged") != NULL);
}

/* A damaged database: the window offers the latest backup, restores it on confirmation,
 * and imports again what was added after the backup. */
static void
test_window_damaged_restore (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autofree char *late = test_write_image (f->tmp, "late.png", "png", 90, 60, 77);
  const char *late_paths[] = { late, NULL };
  g_autofree char *contents = NULL;
  AdwDialog *dialog;
  gsize length;

  populate (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back-up-now", NULL);
  wait_until (has_backup, f, "the backup");

  drop_files (f, late_paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 7);

  /* Close the window, damage the database's header, open it again */
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  memcpy (contents, "NOT A DATABASE ANYMORE", 22);
  g_assert_true (g_file_set_contents (db, contents, length, NULL));

  f->window = medialib_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (window_is_drawn, f, "the window to be drawn");
  wait_until (shows_error, f, "the error page");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->restore_button)));
  g_assert_nonnull (strstr (adw_status_page_get_description (f->window->error_page), "damaged"));
  save_screenshot (f, "damaged-library.png");

  /* The button asks first */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (f->window->restore_button)), ==, "win.restore-backup");
  gtk_widget_activate_action_variant (GTK_WIDGET (f->window->restore_button), "win.restore-backup",
                                      gtk_actionable_get_action_target_value (GTK_ACTIONABLE (f->window->restore_button)));
  wait_until (has_dialog, f, "the confirmation");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  save_screenshot (f, "restore-confirm.png");
  g_signal_emit_by_name (dialog, "response", "restore");
  adw_dialog_force_close (dialog);

  wait_until (restored, f, "the restore");
  wait_for_search (f);
  /* The six of the backup, and the one added after it imported again */
  g_assert_cmpint (medialib_store_count (f->window->store), ==, 7);
  g_assert_cmpuint (n_shown (f), ==, 7);
  g_assert_true (medialib_store_check (f->window->store, NULL));
  g_assert_false (adw_banner_get_revealed (f->window->damaged_banner));
}

/* Damage found by the check after opening raises the banner */
static void
test_window_damage_banner (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  populate (f);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("filler-%02u.png", i);
      g_autofree char *path = test_write_image (f->input, name, "png", 20, 20, 100 + i);
      const char *paths[] = { path, NULL };

      drop_files (f, paths);
    }
  wait_for_search (f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();

  /* Everything in the database file itself, then scribble over the pages after the first:
   * the header still reads */
  {
    sqlite3 *handle;

    g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  for (gsize page = 4096 * 2; page + 64 < length; page += 4096)
    memset (contents + page + 8, 0x5a, 40);
  g_assert_true (g_file_set_contents (db, contents, length, NULL));

  f->window = medialib_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (window_is_drawn, f, "the window to be drawn");
  wait_until (store_is_open_or_failed, f, "the library to open");
  /* Either the first search already fails (the page offers the backup), or the check after
   * it finds the damage (the banner does) */
  wait_until (damage_shown, f, "the damage to be shown");
  if (shows_error (f))
    {
      /* There is no backup to offer: the page says what to do instead */
      g_assert_nonnull (strstr (adw_status_page_get_description (f->window->error_page), "no backup"));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->restore_button)));
    }
  else
    g_assert_nonnull (strstr (adw_banner_get_title (f->window->damaged_banner), "damaged"));
  save_screenshot (f, "damage-shown.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The API key is looked up in libsecret's file backend: nothing of the user's is used. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* No transitions: a screenshot shows the end state, not a frame of a fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  scratch = test_make_tmpdir ("window-app");
  {
    g_autofree char *keyring = g_build_filename (scratch, "test.keyring", NULL);
    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  }
  app = medialib_application_new (scratch, TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/medialib/window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("accessible-title", test_window_accessible_title);
  ADD ("empty-state", test_window_empty_state);
  ADD ("size-remembered", test_window_size_remembered);
  ADD ("drop-imports", test_window_drop_imports);
  ADD ("folder-limit-summary", test_window_folder_limit_summary);
  ADD ("search", test_window_search);
  ADD ("filters", test_window_filters);
  ADD ("delete-undo", test_window_delete_undo);
  ADD ("details", test_window_details);
  ADD ("thumbnail-cache-bounded", test_window_thumbnail_cache_bounded);
  ADD ("thumbnail-preload", test_window_thumbnail_preload);
  ADD ("large-grid", test_window_large_grid);
  ADD ("app-actions", test_window_app_actions);
  ADD ("crop-dialog", test_window_crop_dialog);
  ADD ("fits-badges", test_window_fits_badges);
  ADD ("generate", test_window_generate);
  ADD ("contacts", test_window_contacts);
  ADD ("open-with", test_window_open_with);
  ADD ("damaged-restore", test_window_damaged_restore);
  ADD ("damage-banner", test_window_damage_banner);

  ret = g_test_run ();
  test_rm_rf (scratch);
  return ret;
}
