/* test-window.c — the main window, in-process, under Xvfb: importing, searching, filtering,
 * deleting, and the grid
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
#include "medialib-test-window.h"
#include "test-window.h"

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
  /* No problem: no banner, not even hidden (it is made for the first) */
  g_assert_null (f->window->banner);
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

/* What replaces the loading spinner comes at once, with no fade from the spinner (the grid
 * drawn at once in the first frame); the other pages fade into one another */
static void
test_window_pages_after_loading (Fixture       *f,
                                 gconstpointer  data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  gboolean animations;

  populate (f);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window->stack)));
  /* The tests' settings turn animations off: on, as for a designer */
  g_object_get (settings, "gtk-enable-animations", &animations, NULL);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  g_assert_cmpint (gtk_stack_get_transition_type (f->window->stack), ==, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  _medialib_window_show_page (f->window, "loading");
  while (gtk_stack_get_transition_running (f->window->stack))
    g_main_context_iteration (NULL, TRUE);
  _medialib_window_show_page (f->window, "grid");
  g_assert_false (gtk_stack_get_transition_running (f->window->stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "grid");
  g_assert_cmpint (gtk_stack_get_transition_type (f->window->stack), ==, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  _medialib_window_show_page (f->window, "no-results");
  g_assert_true (gtk_stack_get_transition_running (f->window->stack));

  g_object_set (settings, "gtk-enable-animations", animations, NULL);
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
  /* The rows of the labels listed before show at once; these labels come with the next listing */
  return find_filter_check (f->window->tags_list, "Spring") != NULL &&
         find_filter_check (f->window->teams_list, "Growth") != NULL;
}

static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
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

  /* Without filters, the row of chips is not built */
  g_assert_null (f->window->chips_box);
  g_assert_null (gtk_revealer_get_child (f->window->chips_revealer));

  /* The popover lists tags and teams with counts */
  gtk_menu_button_popup (f->window->filter_button);
  wait_until (filter_lists_filled, f, "the filter lists");

  check = find_filter_check (f->window->tags_list, "Spring");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));
  /* The first chip brings the row: the chip, and Clear Filters beside the chips */
  g_assert_nonnull (f->window->chips_box);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (f->window->chips_box), GTK_WIDGET (f->window->chips_revealer)));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->chips_box), is_label_text, "Spring"));
  {
    GtkWidget *clear = find_widget (GTK_WIDGET (f->window->chips_revealer), is_button_labelled, "C_lear Filters");

    g_assert_nonnull (clear);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (clear)), ==, "win.clear-filters");
  }

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
tags_listed (Fixture *f)
{
  return f->window->tag_names != NULL && g_strv_contains ((const char * const *) f->window->tag_names, "Spring");
}

/* The popover's rows are made when it opens, from the labels listed before, with the filters
 * chosen before checked */
static void
test_window_filter_rows_on_open (Fixture       *f,
                                 gconstpointer  data)
{
  const char *spring[] = { "Spring", NULL };
  const char *autumn[] = { "Autumn", NULL };
  MedialibEdit tag_spring = { .add_tags = spring };
  MedialibEdit tag_autumn = { .add_tags = autumn };
  GSettings *settings = medialib_application_get_settings (f->app);
  g_autoptr(GError) error = NULL;
  GtkWidget *check;

  populate (f);
  g_assert_true (medialib_store_edit (f->window->store, 1, &tag_spring, &error));
  g_assert_true (medialib_store_edit (f->window->store, 2, &tag_autumn, &error));
  g_assert_no_error (error);
  _medialib_window_refresh_labels (f->window);
  wait_until (tags_listed, f, "the tags listed");
  settle ();
  /* Neither the rows nor the popover are made yet */
  g_assert_null (f->window->tags_list);

  g_settings_set_strv (settings, "filter-tags", spring);
  _medialib_window_restore_filters (f->window, settings);

  /* At once, before the labels are listed again */
  gtk_menu_button_popup (f->window->filter_button);
  check = find_filter_check (f->window->tags_list, "Spring");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  check = find_filter_check (f->window->tags_list, "Autumn");
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_menu_button_popdown (f->window->filter_button);
  g_settings_reset (settings, "filter-tags");
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
  first = asset_at (f, 0);
  second = asset_at (f, 1);
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

/* The menus' popovers are made when they first open, with their items */
static void
test_window_menus_on_first_open (Fixture       *f,
                                 gconstpointer  data)
{
  GtkMenuButton *buttons[] = { f->window->primary_menu_button, f->window->sort_button,
                               f->window->library_button };
  GMenuModel *menus[] = { f->window->primary_menu, f->window->sort_menu, f->window->library_menu };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkPopover *popover;

      g_assert_null (gtk_menu_button_get_popover (buttons[i]));
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (buttons[i])));

      gtk_menu_button_popup (buttons[i]);
      popover = gtk_menu_button_get_popover (buttons[i]);
      g_assert_nonnull (popover);
      g_assert_true (gtk_menu_button_get_menu_model (buttons[i]) == menus[i]);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      settle ();
      gtk_menu_button_popdown (buttons[i]);
      settle ();

      /* The same popover opens again */
      gtk_menu_button_popup (buttons[i]);
      g_assert_true (gtk_menu_button_get_popover (buttons[i]) == popover);
      gtk_menu_button_popdown (buttons[i]);
    }

  /* F10 opens the main menu */
  g_assert_true (gtk_menu_button_get_primary (f->window->primary_menu_button));
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("accessible-title", test_window_accessible_title);
  WINDOW_TEST_ADD ("empty-state", test_window_empty_state);
  WINDOW_TEST_ADD ("size-remembered", test_window_size_remembered);
  WINDOW_TEST_ADD ("drop-imports", test_window_drop_imports);
  WINDOW_TEST_ADD ("folder-limit-summary", test_window_folder_limit_summary);
  WINDOW_TEST_ADD ("search", test_window_search);
  WINDOW_TEST_ADD ("pages-after-loading", test_window_pages_after_loading);
  WINDOW_TEST_ADD ("filters", test_window_filters);
  WINDOW_TEST_ADD ("filter-rows-on-open", test_window_filter_rows_on_open);
  WINDOW_TEST_ADD ("delete-undo", test_window_delete_undo);
  /* The grid and its thumbnails (test-window-grid.c) */
  test_window_add_grid_tests ();
  WINDOW_TEST_ADD ("open-with", test_window_open_with);
  WINDOW_TEST_ADD ("menus-on-first-open", test_window_menus_on_first_open);

  return window_test_run ();
}
