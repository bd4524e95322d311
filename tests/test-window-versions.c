/* test-window-versions.c — the details pane's History: replacing an asset's file (a file
 * dropped on the preview), its versions, Revert, and the toast's Undo
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-test-util.h"
#include "medialib-test-window.h"
#include "medialib-versions-group.h"

static int expected_width;

static gboolean
details_has_width (Fixture *f)
{
  MedialibAsset *asset = medialib_details_pane_get_asset (f->window->details_pane);

  return asset != NULL && medialib_asset_get_width (asset) == expected_width;
}

static gboolean
has_current_version_2 (Fixture *f)
{
  return find_widget (GTK_WIDGET (f->window->details_pane), is_row_titled, "Version 2 (Current)") != NULL;
}

static gboolean
has_current_version_3 (Fixture *f)
{
  return find_widget (GTK_WIDGET (f->window->details_pane), is_row_titled, "Version 3 (Current)") != NULL;
}

static gboolean
has_version_1 (Fixture *f)
{
  return find_widget (GTK_WIDGET (f->window->details_pane), is_row_titled, "Version 1 (Current)") != NULL;
}

static gboolean
has_toast (Fixture *f)
{
  return find_widget (GTK_WIDGET (f->window), is_button_labelled, "_Undo") != NULL;
}

static gboolean
is_versions_group (GtkWidget     *widget,
                   gconstpointer  data)
{
  return MEDIALIB_IS_VERSIONS_GROUP (widget);
}

static MedialibAsset *
tile_named (Fixture    *f,
            const char *name)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), name))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static guint
position_of (Fixture    *f,
             const char *name)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), name))
        return i;
    }

  g_assert_not_reached ();
}

static void
test_window_replace_and_revert (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (f->window->details_pane);
  g_autofree char *replacement = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) tile = NULL;
  g_autofree char *uri = NULL;
  MedialibVersionsGroup *group;
  GtkWidget *revert;

  populate (f);
  replacement = test_write_image (f->input, "spring-banner-v2.png", "png", 320, 320, 9);

  g_signal_emit_by_name (f->window->grid_view, "activate", position_of (f, "spring-banner.png"));
  settle ();
  before = g_object_ref (medialib_details_pane_get_asset (f->window->details_pane));
  uri = medialib_asset_dup_uri (before);
  g_assert_true (wait_until (has_version_1, f, "the history"));
  g_assert_true (gtk_widget_get_visible (find_widget (pane, is_button_labelled, "Re_place File…")));

  /* A file dropped on the preview goes where "Replace File…" does */
  group = MEDIALIB_VERSIONS_GROUP (find_widget (pane, is_versions_group, NULL));
  g_assert_nonnull (group);
  file = g_file_new_for_path (replacement);
  medialib_versions_group_replace (group, file);

  expected_width = 320;
  g_assert_true (wait_until (details_has_width, f, "the replaced file in the details"));
  g_assert_true (wait_until (has_current_version_2, f, "the new version in the history"));
  g_assert_true (wait_until (has_toast, f, "the toast with Undo"));
  g_assert_cmpstr (row_subtitle (pane, "URL"), ==, uri);
  g_assert_cmpstr (row_subtitle (pane, "Dimensions"), ==, "320 × 320 pixels");
  g_assert_nonnull (find_widget (pane, is_row_titled, "Version 1"));
  /* The grid's tile has it too */
  tile = tile_named (f, "spring-banner.png");
  g_assert_cmpint (medialib_asset_get_width (tile), ==, 320);
  g_assert_cmpstr (medialib_asset_get_sha256 (tile), !=, medialib_asset_get_sha256 (before));

  revert = find_widget (pane, is_button_labelled, "_Revert");
  g_assert_nonnull (revert);
  gtk_widget_grab_focus (revert);
  save_screenshot (f, "window-history.png");

  /* Revert, by the keyboard's activation of the button: version 1's content again */
  gtk_widget_activate (revert);
  expected_width = 640;
  g_assert_true (wait_until (details_has_width, f, "the reverted file in the details"));
  g_assert_true (wait_until (has_current_version_3, f, "the revert as a new version"));
  g_assert_cmpstr (row_subtitle (pane, "URL"), ==, uri);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("replace-and-revert", test_window_replace_and_revert);

  return window_test_run ();
}
