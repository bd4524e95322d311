/* test-window-versions.c — the details pane's History: replacing an asset's file (a file
 * dropped on the preview), its versions, Revert, and the toast's Undo
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-crop.h"
#include "medialib-crop-dialog.h"
#include "medialib-crop-view.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"
#include "medialib-versions-group.h"

static int expected_width;

static gboolean
details_has_width (Fixture *f)
{
  MedialibAsset *asset = _medialib_window_get_details_asset (f->window);

  return asset != NULL && medialib_asset_get_width (asset) == expected_width;
}

static gboolean
has_current_version_2 (Fixture *f)
{
  return find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled, "Version 2 (Current)") != NULL;
}

static gboolean
has_current_version_3 (Fixture *f)
{
  return find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled, "Version 3 (Current)") != NULL;
}

static gboolean
has_version_1 (Fixture *f)
{
  return find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled, "Version 1 (Current)") != NULL;
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

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *history_widgets[2];

/* The history's explanation and Replace File… have been laid out in the group (a slow run
 * can look between the frames that show them) */
static gboolean
history_is_laid_out (Fixture *f)
{
  GtkWidget *group = gtk_widget_get_ancestor (history_widgets[0], ADW_TYPE_PREFERENCES_GROUP);
  graphene_rect_t bounds[2];

  return idle (f) &&
         gtk_widget_compute_bounds (history_widgets[0], group, &bounds[0]) &&
         gtk_widget_compute_bounds (history_widgets[1], group, &bounds[1]) &&
         bounds[0].origin.y >= 0 && bounds[1].origin.y >= 0 &&
         bounds[0].size.height > 0 && bounds[1].size.height > 0;
}

static void
test_window_replace_and_revert (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));
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
  before = g_object_ref (_medialib_window_get_details_asset (f->window));
  uri = medialib_asset_dup_uri (before);
  g_assert_true (wait_until (has_version_1, f, "the history"));

  /* The history's explanation takes the pane's width, and "Replace File…" comes under it */
  group = MEDIALIB_VERSIONS_GROUP (find_widget (pane, is_versions_group, NULL));
  g_assert_nonnull (group);
  {
    GtkWidget *replace = find_widget (GTK_WIDGET (group), is_row_titled, "Re_place File…");
    GtkWidget *explanation = find_widget (GTK_WIDGET (group), is_label_showing,
                                          "Replacing the file keeps the name, tags, teams and URL");
    graphene_rect_t replace_bounds, explanation_bounds;

    g_assert_nonnull (replace);
    g_assert_true (gtk_widget_get_visible (replace));
    g_assert_nonnull (explanation);
    history_widgets[0] = replace;
    history_widgets[1] = explanation;
    wait_until (history_is_laid_out, f, "the history's layout");
    settle ();
    g_assert_true (gtk_widget_compute_bounds (replace, GTK_WIDGET (group), &replace_bounds));
    g_assert_true (gtk_widget_compute_bounds (explanation, GTK_WIDGET (group), &explanation_bounds));
    g_test_message ("history %d px wide, its explanation %.0f px, Replace File… at %.0f, %.0f",
                    gtk_widget_get_width (GTK_WIDGET (group)), explanation_bounds.size.width,
                    replace_bounds.origin.x, replace_bounds.origin.y);
    g_assert_cmpfloat (explanation_bounds.size.width, >=, 0.9 * gtk_widget_get_width (GTK_WIDGET (group)));
    g_assert_cmpfloat (replace_bounds.origin.y, >=, explanation_bounds.origin.y + explanation_bounds.size.height);
  }

  /* A file dropped on the preview goes where "Replace File…" does */
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

  /* The history's Revert, not the alt text's */
  revert = find_widget (GTK_WIDGET (group), is_button_labelled, "_Revert");
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

static const char *crop_name;

static gboolean
crop_in_grid (Fixture *f)
{
  g_autoptr(MedialibAsset) tile = tile_named (f, crop_name);

  return tile != NULL;
}

static gboolean
crop_again_shown (Fixture *f)
{
  GtkWidget *row = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled,
                                "Crop _Again from the New Version");

  return row != NULL && gtk_widget_get_visible (row);
}

static gboolean
crop_shown (Fixture *f)
{
  MedialibAsset *asset = _medialib_window_get_details_asset (f->window);

  return asset != NULL && g_str_equal (medialib_asset_get_source (asset), "crop");
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

/* A crop whose image was replaced since offers to crop the new version: the crop dialog,
 * on the image, with the crop's preset and its box scaled to the new size */
static void
test_window_crop_again (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *replacement = NULL;
  g_autoptr(MedialibAsset) parent = NULL;
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GError) error = NULL;
  MedialibRect rect = { 400, 20, 200, 200 };
  AdwDialog *dialog;

  populate (f);
  replacement = test_write_image (f->input, "spring-banner-v2.png", "png", 320, 320, 9);
  parent = tile_named (f, "spring-banner.png");
  /* 1:1 in the 640 × 320 image */
  crop = medialib_store_crop (f->window->store, parent, medialib_presets_lookup ("content-card-classic"),
                              &rect, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (medialib_store_replace (f->window->store, medialib_asset_get_id (parent), replacement, &error));
  g_assert_no_error (error);
  crop_name = medialib_asset_get_name (crop);
  g_assert_true (wait_until (crop_in_grid, f, "the crop in the grid"));

  g_signal_emit_by_name (f->window->grid_view, "activate", position_of (f, crop_name));
  g_assert_true (wait_until (crop_shown, f, "the crop's details"));
  g_assert_true (wait_until (crop_again_shown, f, "Crop Again from the New Version"));

  gtk_widget_activate (find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled,
                                    "Crop _Again from the New Version"));
  g_assert_true (wait_until (has_dialog, f, "the crop dialog"));
  g_assert_true (wait_until (crop_dialog_ready, f, "the crop dialog's image"));

  /* Half as wide, as high: 200,20 200×200 at that scale, shrunk around its centre to 1:1 */
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
  rect = (MedialibRect) { 0 };
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (find_widget (GTK_WIDGET (dialog), is_crop_view, NULL)), &rect);
  g_assert_cmpint (rect.x, ==, 200);
  g_assert_cmpint (rect.y, ==, 70);
  g_assert_cmpint (rect.width, ==, 100);
  g_assert_cmpint (rect.height, ==, 100);
  adw_dialog_force_close (dialog);
  crop_name = NULL;
}

static gboolean
no_pending_delete (Fixture *f)
{
  return g_hash_table_size (f->window->pending_delete) == 0;
}

static const char *first_sha256;

static gboolean
first_version_gone (Fixture *f)
{
  return !medialib_blob_store_has (f->window->store->blobs, MEDIALIB_BLOB_MEDIA, first_sha256, ".png");
}

/* Deleting a replaced asset: Undo keeps it with its versions; carried out, its versions and
 * their files go */
static void
test_window_delete_undo_versions (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *replacement = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *undo;
  gint64 id;

  populate (f);
  replacement = test_write_image (f->input, "spring-banner-v2.png", "png", 320, 320, 9);
  asset = tile_named (f, "spring-banner.png");
  id = medialib_asset_get_id (asset);
  first_sha256 = medialib_asset_get_sha256 (asset);
  g_assert_true (medialib_store_replace (f->window->store, id, replacement, &error));
  g_assert_no_error (error);
  wait_for_search (f);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), position_of (f, "spring-banner.png"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  settle ();
  undo = find_widget (GTK_WIDGET (f->window->toast_overlay), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_search (f);
  g_assert_true (no_pending_delete (f));
  versions = medialib_store_list_versions (f->window->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_false (first_version_gone (f));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->window->selection));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), position_of (f, "spring-banner.png"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  settle ();
  _medialib_window_flush_deletions (f->window);
  g_assert_true (wait_until (no_pending_delete, f, "the deletion"));
  g_assert_true (wait_until (first_version_gone, f, "the first version's file to go"));
  g_clear_pointer (&versions, g_ptr_array_unref);
  g_assert_null (medialib_store_list_versions (f->window->store, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  first_sha256 = NULL;
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("replace-and-revert", test_window_replace_and_revert);
  WINDOW_TEST_ADD ("crop-again", test_window_crop_again);
  WINDOW_TEST_ADD ("delete-undo-versions", test_window_delete_undo_versions);

  return window_test_run ();
}
