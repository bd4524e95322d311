/* test-window-collections.c — the sidebar: its rows and their counts, following the library;
 * a row narrows the grid; Save Search as Collection…; deleting a collection and its Undo;
 * the sidebar folding on a narrow window, and on a middling one while the details pane is open
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-test-util.h"
#include "medialib-test-window.h"

static GtkListBoxRow *
sidebar_row (Fixture    *f,
             const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "medialib-key"), key) == 0)
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

/* "KEY=COUNT" for each row of the sidebar, in order ("collection:" keys are case-folded) */
static char *
sidebar_text (Fixture *f)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *count = g_object_get_data (G_OBJECT (child), "medialib-count");

      if (count != NULL && gtk_widget_get_visible (child))
        g_string_append_printf (text, "%s%s=%s", text->len > 0 ? " " : "",
                                (const char *) g_object_get_data (G_OBJECT (child), "medialib-key"),
                                gtk_label_get_label (count));
    }

  return g_string_free (text, FALSE);
}

static const char *expected_sidebar;

static gboolean
sidebar_is_expected (Fixture *f)
{
  g_autofree char *text = sidebar_text (f);

  return idle (f) && f->window->sidebar_source == 0 && g_str_equal (text, expected_sidebar);
}

static void
wait_for_sidebar (Fixture    *f,
                  const char *expected)
{
  expected_sidebar = expected;
  if (!g_test_failed ())
    {
      gint64 end = g_get_monotonic_time () + test_wait_limit ();

      while (!sidebar_is_expected (f) && g_get_monotonic_time () < end)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (5000);
    }
  {
    g_autofree char *text = sidebar_text (f);

    g_assert_cmpstr (text, ==, expected);
  }
}

static char *
shown_names (Fixture *f)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);

      g_ptr_array_add (names, g_strdup (medialib_asset_get_name (asset)));
    }
  g_ptr_array_sort_values (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
select_row (Fixture    *f,
            const char *key)
{
  GtkListBoxRow *row = sidebar_row (f, key);

  g_assert_nonnull (row);
  gtk_list_box_select_row (f->window->sidebar_list, row);
  settle ();
  wait_for_search (f);
}

/* The rows and their counts; a collection narrows the grid, and the search narrows it
 * further; an import counts again and shows its asset in the collection it matches */
static void
test_sidebar_counts_and_filter (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MedialibQuery) s_words = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *poster = NULL;
  guint stamp;

  populate (f);
  wait_for_sidebar (f, "all=6 recent=6 contacts=0 ai=0");

  s_words->text = g_strdup ("s");
  g_assert_true (medialib_store_save_collection (f->window->store, "S Words", s_words, &error));
  g_assert_no_error (error);
  wait_for_sidebar (f, "all=6 recent=6 contacts=0 ai=0 collection:s words=2");
  save_screenshot (f, "sidebar.png");

  select_row (f, "collection:s words");
  names = shown_names (f);
  g_assert_cmpstr (names, ==, "spring-banner.png summer-hero.jpg");
  g_clear_pointer (&names, g_free);

  /* The search narrows the collection */
  stamp = f->window->search_stamp;
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "summer");
  wait_for_typed_search (f, stamp);
  names = shown_names (f);
  g_assert_cmpstr (names, ==, "summer-hero.jpg");
  g_clear_pointer (&names, g_free);
  stamp = f->window->search_stamp;
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "");
  wait_for_typed_search (f, stamp);
  g_assert_cmpuint (n_shown (f), ==, 2);

  /* An import: counted again, shown in the collection it matches */
  poster = test_write_image (f->input, "sale-poster.png", "png", 64, 48, 9);
  drop_files (f, (const char *[]) { poster, NULL });
  wait_for_search (f);
  wait_for_sidebar (f, "all=7 recent=7 contacts=0 ai=0 collection:s words=3");
  wait_for_search (f);
  names = shown_names (f);
  g_assert_cmpstr (names, ==, "sale-poster.png spring-banner.png summer-hero.jpg");
  g_clear_pointer (&names, g_free);

  /* Contacts: none; All: everything again */
  select_row (f, "contacts");
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "no-results");
  select_row (f, "all");
  g_assert_cmpuint (n_shown (f), ==, 7);
}

/* Save Search as Collection… keeps the search; deleting it from the sidebar, then Undo */
static void
test_save_and_delete (Fixture       *f,
                      gconstpointer  data)
{
  AdwDialog *dialog;
  GtkWidget *entry;
  guint stamp;

  populate (f);
  stamp = f->window->search_stamp;
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "hero");
  wait_for_typed_search (f, stamp);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-collection", NULL);
  wait_until (has_dialog, f, "the collection's name to be asked");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  entry = adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog));
  g_assert_false (adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Heroes ");
  g_assert_true (adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), "save"));
  save_screenshot (f, "save-collection.png");
  g_signal_emit_by_name (dialog, "response", "save");
  adw_dialog_force_close (dialog);
  wait_for_sidebar (f, "all=6 recent=6 contacts=0 ai=0 collection:heroes=1");

  /* Saved again under the same name in another case: the dialog says it replaces it */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-collection", NULL);
  wait_until (has_dialog, f, "the collection's name to be asked");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
  entry = adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "HEROES");
  g_assert_cmpint (adw_alert_dialog_get_response_appearance (ADW_ALERT_DIALOG (dialog), "save"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_signal_emit_by_name (dialog, "response", "cancel");
  adw_dialog_force_close (dialog);

  /* Deleted while shown: back to All; Undo brings it back */
  stamp = f->window->search_stamp;
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "");
  wait_for_typed_search (f, stamp);
  select_row (f, "collection:heroes");
  g_assert_cmpuint (n_shown (f), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-collection", "s", "Heroes");
  wait_for_sidebar (f, "all=6 recent=6 contacts=0 ai=0");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_cmpstr (f->window->sidebar_key, ==, "all");
  g_assert_nonnull (f->window->collection_toast);
  g_signal_emit_by_name (f->window->collection_toast, "button-clicked");
  wait_for_sidebar (f, "all=6 recent=6 contacts=0 ai=0 collection:heroes=1");
}

static gboolean
sidebar_collapsed (Fixture *f)
{
  return adw_overlay_split_view_get_collapsed (f->window->sidebar_split) &&
         gtk_widget_get_visible (GTK_WIDGET (f->window->sidebar_button));
}

/* A narrow window folds the sidebar away; its button shows it over the grid */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_assert_false (adw_overlay_split_view_get_collapsed (f->window->sidebar_split));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->sidebar_button)));
  populate (f);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 700);
  wait_until (sidebar_collapsed, f, "the sidebar to fold");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split));
  save_screenshot (f, "sidebar-narrow.png");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-sidebar", NULL);
  g_assert_true (gtk_toggle_button_get_active (f->window->sidebar_button));
  save_screenshot (f, "sidebar-narrow-shown.png");

  /* Choosing a row hides it again */
  select_row (f, "recent");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split));
  g_assert_cmpuint (n_shown (f), ==, 6);
}

static int wanted_width;

/* The window has been laid out about WANTED_WIDTH wide (its width counts its shadows) */
static gboolean
has_wanted_width (Fixture *f)
{
  return ABS (gtk_widget_get_width (GTK_WIDGET (f->window)) - wanted_width) < 100 &&
         gtk_widget_get_width (GTK_WIDGET (f->window->search_entry)) > 0;
}

/* A shown window keeps its size when its default size changes: it is shown again */
static void
resize_window (Fixture *f,
               int      width)
{
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wanted_width = width;
  wait_until (has_wanted_width, f, "the window to take its width");
  settle ();
}

static void
show_details (Fixture  *f,
              gboolean  show)
{
  if (adw_overlay_split_view_get_show_sidebar (f->window->split_view) != show)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-details", NULL);
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view) == show);
}

static void
assert_sidebar (Fixture    *f,
                gboolean    folded,
                const char *screenshot)
{
  settle ();
  save_screenshot (f, screenshot);
  g_assert_true (adw_overlay_split_view_get_collapsed (f->window->sidebar_split) == folded);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->sidebar_button)) == folded);
  /* Unfolded, the sidebar shows; folded, it hides until asked for */
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split) == !folded);
}

/* The header keeps room for the library's name and the search entry: between the narrow
 * and the wide window, the sidebar folds while the details pane is open, and comes back
 * when it closes or the window widens; Shift+F9 still shows it over the grid */
static void
test_sidebar_with_details (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    int      width;
    gboolean folded_with_details;
    gboolean folded_without;
    int      search_width;   /* the least, with the details pane */
  } sizes[] = {
    { 800, TRUE, TRUE, 0 },   /* the details pane over the grid */
    { 1000, TRUE, TRUE, 120 },
    { 1200, TRUE, FALSE, 190 },   /* as wide as it asks */
    { 1400, FALSE, FALSE, 190 },
  };

  populate (f);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *with = g_strdup_printf ("sidebar-details-%d.png", sizes[i].width);
      g_autofree char *without = g_strdup_printf ("sidebar-%d.png", sizes[i].width);

      g_test_message ("%d px wide", sizes[i].width);
      resize_window (f, sizes[i].width);
      show_details (f, FALSE);
      assert_sidebar (f, sizes[i].folded_without, without);
      show_details (f, TRUE);
      assert_sidebar (f, sizes[i].folded_with_details, with);
      /* The search entry keeps room for a word or more */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window->search_entry)), >=, sizes[i].search_width);
    }

  /* Folded for the details pane, Shift+F9 shows the sidebar over the grid, and hides it */
  resize_window (f, 1200);
  assert_sidebar (f, TRUE, "sidebar-details-1200.png");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split));
  save_screenshot (f, "sidebar-details-1200-shown.png");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-sidebar", NULL);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (f->window->sidebar_split));

  /* Closing the pane brings the sidebar back; a wider window too */
  show_details (f, FALSE);
  assert_sidebar (f, FALSE, "sidebar-1200.png");
  show_details (f, TRUE);
  assert_sidebar (f, TRUE, "sidebar-details-1200.png");
  resize_window (f, 1400);
  assert_sidebar (f, FALSE, "sidebar-details-1400.png");
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("sidebar-counts-and-filter", test_sidebar_counts_and_filter);
  WINDOW_TEST_ADD ("save-and-delete", test_save_and_delete);
  WINDOW_TEST_ADD ("sidebar-narrow", test_narrow);
  WINDOW_TEST_ADD ("sidebar-with-details", test_sidebar_with_details);

  return window_test_run ();
}
