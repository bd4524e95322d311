/* test-window-similar.c — "Find Similar" in the window, in-process, under Xvfb
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "medialib-test-util.h"
#include "medialib-test-window.h"

/* A photo, two copies (resized, 5 % cropped), another photo and stripes */
static void
populate_pictures (Fixture *f)
{
  g_autoptr(GdkPixbuf) photo = test_draw_picture (TEST_PICTURE_PHOTO, 480, 360, 1);
  g_autoptr(GdkPixbuf) resized = gdk_pixbuf_scale_simple (photo, 240, 180, GDK_INTERP_BILINEAR);
  g_autoptr(GdkPixbuf) cropped = gdk_pixbuf_new_subpixbuf (photo, 6, 4, 468, 352);
  g_autoptr(GdkPixbuf) other = test_draw_picture (TEST_PICTURE_PHOTO, 480, 360, 3);
  g_autoptr(GdkPixbuf) stripes = test_draw_picture (TEST_PICTURE_STRIPES, 400, 300, 4);
  g_autofree char *a = test_save_picture (f->input, "spring-sunset.png", photo, "png", NULL);
  g_autofree char *b = test_save_picture (f->input, "spring-sunset-small.jpg", resized, "jpeg", "80");
  g_autofree char *c = test_save_picture (f->input, "spring-sunset-cropped.png", cropped, "png", NULL);
  g_autofree char *d = test_save_picture (f->input, "village.png", other, "png", NULL);
  g_autofree char *e = test_save_picture (f->input, "stripes.png", stripes, "png", NULL);
  const char *paths[] = { a, b, c, d, e, NULL };

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
}

static guint
position_of (Fixture    *f,
             const char *name)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (asset), name))
        return i;
    }

  g_assert_not_reached ();
}

static GtkWidget *
similar_chip (Fixture *f)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window->chips_box));

  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_widget_has_css_class (button, "similar-chip"))
        return button;
    }

  return NULL;
}

static gboolean
is_find_similar_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.find-similar") == 0;
}

static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }

  return FALSE;
}

/* From the details pane: the copies nearest first, the photo's details kept, a chip that
 * says so and ends it */
static void
test_window_similar_from_details (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));
  GtkWidget *button, *chip;

  populate_pictures (f);
  g_signal_emit_by_name (f->window->grid_view, "activate", position_of (f, "spring-sunset.png"));
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));

  button = find_widget (pane, is_find_similar_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  wait_for_search (f);
  save_screenshot (f, "window-similar.png");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Find Similar Images");

  g_assert_cmpuint (n_shown (f), ==, 2);
  position_of (f, "spring-sunset-small.jpg");
  position_of (f, "spring-sunset-cropped.png");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));
  g_assert_cmpstr (medialib_asset_get_name (_medialib_window_get_details_asset (f->window)), ==,
                   "spring-sunset.png");

  /* Its chip, named and labelled for assistive technologies alike */
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));
  chip = similar_chip (f);
  g_assert_nonnull (chip);
  g_assert_nonnull (find_widget (chip, is_label_text, "Similar to spring-sunset.png"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (chip), ==, "Stop showing the images similar to “spring-sunset.png”");
  g_assert_true (gtk_widget_get_focusable (chip) || gtk_widget_get_focusable (gtk_widget_get_parent (chip)));

  /* Combined with the search text */
  {
    guint stamp = f->window->search_stamp;

    gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "small");
    wait_for_typed_search (f, stamp);
    g_assert_cmpuint (n_shown (f), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "");
    wait_for_typed_search (f, stamp + 1);
    g_assert_cmpuint (n_shown (f), ==, 2);
  }

  /* The chip ends it */
  g_signal_emit_by_name (chip, "clicked");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  g_assert_null (similar_chip (f));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->chips_revealer));
}

/* From the tiles' context menu and its shortcut; Clear Filters and Escape end it; an image
 * like no other finds nothing */
static void
test_window_similar_from_menu (Fixture       *f,
                               gconstpointer  data)
{
  GMenuModel *menu = G_MENU_MODEL (gtk_builder_get_object (f->window->tile_menu_builder, "tile_menu"));

  g_assert_true (menu_has_action (menu, "win.find-similar"));
  populate_pictures (f);

  /* The menu acts on the selected tile */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection),
                                   position_of (f, "spring-sunset-cropped.png"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-similar", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  position_of (f, "spring-sunset.png");
  position_of (f, "spring-sunset-small.jpg");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  g_assert_null (similar_chip (f));

  /* Nothing like the stripes: the page says there are no results */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection),
                                   position_of (f, "stripes.png"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-similar", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "no-results");
  g_assert_nonnull (similar_chip (f));

  /* Escape in the search entry */
  g_signal_emit_by_name (f->window->search_entry, "stop-search");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  g_assert_null (similar_chip (f));
}

static gint64
id_of (Fixture    *f,
       const char *name)
{
  g_autoptr(MedialibAsset) asset = asset_at (f, position_of (f, name));

  return medialib_asset_get_id (asset);
}

/* The image of a similar search deleted, from this window or not: the search ends, the
 * grid shows the rest; an Undo of the deletion does not bring the search back */
static void
test_window_similar_deleted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *undo;
  gint64 small;

  populate_pictures (f);
  small = id_of (f, "spring-sunset-small.jpg");

  /* Deleted while the details pane shows it */
  g_signal_emit_by_name (f->window->grid_view, "activate", position_of (f, "spring-sunset.png"));
  settle ();
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-similar", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_nonnull (similar_chip (f));

  /* The image is no tile of the search: Delete acts on the details pane's asset (the action
   * is only enabled with a selection, the details branch of delete_action() is what runs) */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (f->window), "win.delete", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  settle ();
  wait_for_search (f);
  g_assert_cmpint (f->window->similar_id, ==, 0);
  g_assert_null (similar_chip (f));
  g_assert_cmpuint (n_shown (f), ==, 4);

  undo = find_widget (GTK_WIDGET (f->window->toast_overlay), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle ();
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  g_assert_null (similar_chip (f));

  /* Deleted by a change of the library */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection),
                                   position_of (f, "spring-sunset-small.jpg"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-similar", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_nonnull (similar_chip (f));

  g_assert_true (medialib_store_delete (f->window->store, small, &error));
  g_assert_no_error (error);
  settle ();
  wait_for_search (f);
  g_assert_cmpint (f->window->similar_id, ==, 0);
  g_assert_null (similar_chip (f));
  g_assert_cmpuint (n_shown (f), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  /* The build's catalogue, as the app binds it: LANGUAGE=fr shows the window in French (the
   * screenshot; the assertions that read strings expect English) */
  if (g_getenv ("MEDIALIB_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MEDIALIB_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  window_test_init (&argc, &argv);
  /* gtk_test_init() set a locale of its own */
  if (g_getenv ("LANGUAGE") != NULL)
    setlocale (LC_ALL, "");

  WINDOW_TEST_ADD ("similar-from-details", test_window_similar_from_details);
  WINDOW_TEST_ADD ("similar-from-menu", test_window_similar_from_menu);
  WINDOW_TEST_ADD ("similar-deleted", test_window_similar_deleted);

  return window_test_run ();
}
