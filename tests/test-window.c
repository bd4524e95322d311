/* test-window.c — the main window, in-process
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "medialib-application.h"
#include "medialib-window.h"

static MedialibApplication *app;

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_accessible_title (void)
{
  MedialibWindow *window = medialib_window_new (app);

  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Media Library");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_WINDOW);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Media Library");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_empty_state (void)
{
  MedialibWindow *window = medialib_window_new (app);
  GtkWidget *upload;

  gtk_window_present (GTK_WINDOW (window));

  upload = find_button_with_label (GTK_WIDGET (window), "_Upload");
  g_assert_nonnull (upload);
  g_assert_true (gtk_widget_get_visible (upload));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (upload)), ==, "win.upload");
  /* The action exists and is enabled: the button does something. */
  g_assert_true (gtk_widget_get_sensitive (upload));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_remembered (void)
{
  GSettings *settings = medialib_application_get_settings (app);
  MedialibWindow *window;
  int width, height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  window = medialib_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *library = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  library = g_dir_make_tmp ("medialib-test-window-XXXXXX", NULL);
  app = medialib_application_new (library);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/medialib/window/accessible-title", test_window_accessible_title);
  g_test_add_func ("/medialib/window/empty-state", test_window_empty_state);
  g_test_add_func ("/medialib/window/size-remembered", test_window_size_remembered);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
