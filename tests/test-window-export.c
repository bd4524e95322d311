/* test-window-export.c — "Export for Channels…" and the crop dialog's smart box, in-process,
 * under Xvfb
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <json-glib/json-glib.h>

#include "medialib-crop-dialog.h"
#include "medialib-crop-view.h"
#include "medialib-export-crop-page.h"
#include "medialib-export-dialog.h"
#include "medialib-test-window.h"

/* A grey 900 × 300 image with a colourful object near its right end */
#define OBJECT_X 780
#define OBJECT_Y 110
#define OBJECT_SIZE 80

static char *
write_object_image (Fixture *f)
{
  static const guint32 colours[] = { 0xdc1e28ff, 0x143cc8ff, 0xfad214ff, 0x0a0a0aff };
  g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 900, 300);
  char *path = g_build_filename (f->input, "object.png", NULL);

  gdk_pixbuf_fill (image, 0xb4b4b4ff);
  for (int y = 0; y < OBJECT_SIZE; y += 8)
    for (int x = 0; x < OBJECT_SIZE; x += 8)
      {
        g_autoptr(GdkPixbuf) square = gdk_pixbuf_new_subpixbuf (image, OBJECT_X + x, OBJECT_Y + y, 8, 8);
        gdk_pixbuf_fill (square, colours[(x / 8 + y / 8) % 4]);
      }

  g_assert_true (gdk_pixbuf_save (image, path, "png", NULL, NULL));
  return path;
}

static void
add_and_select (Fixture *f)
{
  g_autofree char *path = write_object_image (f);
  const char *paths[] = { path, NULL };

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), 0, TRUE);
}

static gboolean
contains_object (const MedialibRect *rect)
{
  return rect->x <= OBJECT_X && rect->y <= OBJECT_Y &&
         rect->x + rect->width >= OBJECT_X + OBJECT_SIZE && rect->y + rect->height >= OBJECT_Y + OBJECT_SIZE;
}

static gboolean
export_dialog_ready (Fixture *f)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));

  return MEDIALIB_IS_EXPORT_DIALOG (dialog) && medialib_export_dialog_is_ready (MEDIALIB_EXPORT_DIALOG (dialog));
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

static gboolean
is_crop_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return MEDIALIB_IS_CROP_VIEW (widget);
}

/* The crop dialog starts over the object; Centre brings back the centred box */
static void
test_crop_dialog_smart (Fixture       *f,
                        gconstpointer  data)
{
  MedialibCropDialog *dialog;
  GtkWidget *view;
  MedialibRect rect;

  add_and_select (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.crop", NULL);
  wait_until (crop_dialog_ready, f, "the crop dialog");
  dialog = MEDIALIB_CROP_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
  view = find_widget (GTK_WIDGET (dialog), is_crop_view, NULL);

  g_assert_true (medialib_crop_dialog_select_preset (dialog, "content-card-classic"));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.width, ==, 300);
  g_assert_true (contains_object (&rect));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "crop.centre", NULL);
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.x, ==, 300);
  g_assert_false (contains_object (&rect));

  /* The largest crop again: over the object */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "crop.reset", NULL);
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_true (contains_object (&rect));
}

static gboolean
is_crop_page (GtkWidget     *widget,
              gconstpointer  data)
{
  return MEDIALIB_IS_EXPORT_CROP_PAGE (widget);
}

static AdwNavigationView *
navigation_view_of (MedialibExportDialog *dialog)
{
  return ADW_NAVIGATION_VIEW (adw_dialog_get_child (ADW_DIALOG (dialog)));
}

static gboolean
is_adjust_button (GtkWidget     *widget,
                  gconstpointer  key)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "export.adjust") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), key);
}

/* Whether every pixel of the file is the image's grey background: no part of the object */
static gboolean
all_background (const char *path)
{
  g_autoptr(GdkPixbuf) image = gdk_pixbuf_new_from_file (path, NULL);
  const guchar *pixels;
  int channels, stride;

  g_assert_nonnull (image);
  pixels = gdk_pixbuf_read_pixels (image);
  channels = gdk_pixbuf_get_n_channels (image);
  stride = gdk_pixbuf_get_rowstride (image);
  for (int y = 0; y < gdk_pixbuf_get_height (image); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (image); x++)
      {
        const guchar *p = pixels + y * stride + x * channels;

        if (ABS (p[0] - 0xb4) > 8 || ABS (p[1] - 0xb4) > 8 || ABS (p[2] - 0xb4) > 8)
          return FALSE;
      }
  return TRUE;
}

/* The preview's button pushes the adjust page for its channel: Centre and the largest box
 * over the object on it, going back leaves the crop as it was, Done gives it the box */
static void
adjust_crops (Fixture              *f,
              MedialibExportDialog *dialog)
{
  AdwNavigationView *navigation = navigation_view_of (dialog);
  GtkWidget *page = find_widget (GTK_WIDGET (dialog), is_crop_page, NULL);
  GtkWidget *view = find_widget (page, is_crop_view, NULL);
  MedialibRect rect, before, chosen = { 0, 20, 300, 200 };
  GtkWidget *button;

  g_assert_nonnull (page);
  g_assert_nonnull (view);

  /* ios-push, 2:1: its box is locked to the ratio; Back changes nothing */
  medialib_export_dialog_get_rect (dialog, "ios-push", &before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.adjust", "s", "ios-push"));
  g_assert_true (adw_navigation_view_get_visible_page (navigation) == ADW_NAVIGATION_PAGE (page));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_true (memcmp (&rect, &before, sizeof rect) == 0);
  gtk_widget_activate_action (page, "crop-page.centre", NULL);
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.x, ==, 150);
  g_assert_cmpint (rect.width, ==, 600);
  g_assert_cmpint (rect.height, ==, 300);
  g_assert_false (contains_object (&rect));
  gtk_widget_activate_action (page, "crop-page.smart", NULL);
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_true (contains_object (&rect));
  g_assert_true (adw_navigation_view_pop (navigation));
  medialib_export_dialog_get_rect (dialog, "ios-push", &rect);
  g_assert_true (memcmp (&rect, &before, sizeof rect) == 0);

  /* email-header, any ratio, from its preview's button: a smaller box on the left, away
   * from the object; "Done" */
  button = find_widget (GTK_WIDGET (dialog), is_adjust_button, "email-header");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (adw_navigation_view_get_visible_page (navigation) == ADW_NAVIGATION_PAGE (page));
  medialib_crop_view_set_rect (MEDIALIB_CROP_VIEW (view), &chosen);
  save_screenshot (f, "export-dialog-adjust.png");
  if (g_getenv ("MEDIALIB_SCREENSHOT_DIR") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();
      AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      save_screenshot (f, "export-dialog-adjust-dark.png");
      adw_style_manager_set_color_scheme (style, scheme);
    }
  g_assert_true (gtk_widget_activate_action (page, "crop-page.done", NULL));
  g_assert_true (adw_navigation_view_get_visible_page (navigation) != ADW_NAVIGATION_PAGE (page));
  medialib_export_dialog_get_rect (dialog, "email-header", &rect);
  g_assert_true (memcmp (&rect, &chosen, sizeof rect) == 0);
  /* …and only that channel's */
  medialib_export_dialog_get_rect (dialog, "ios-push", &rect);
  g_assert_true (memcmp (&rect, &before, sizeof rect) == 0);
}

static gboolean
is_switch_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_SWITCH_ROW (widget);
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *channels_widgets[2];

/* The channels' explanation and Select All have been laid out in their group */
static gboolean
channels_are_laid_out (Fixture *f)
{
  GtkWidget *group = gtk_widget_get_ancestor (channels_widgets[0], ADW_TYPE_PREFERENCES_GROUP);
  graphene_rect_t bounds[2];

  return idle (f) &&
         gtk_widget_compute_bounds (channels_widgets[0], group, &bounds[0]) &&
         gtk_widget_compute_bounds (channels_widgets[1], group, &bounds[1]) &&
         bounds[0].origin.y >= 0 && bounds[1].origin.y >= 0 &&
         bounds[0].size.height > 0 && bounds[1].size.height > 0;
}

/* Two channels: their files and the manifest in the folder, and a crop added to the library */
static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->tmp, "exports", NULL);
  g_autofree char *manifest_path = g_build_filename (folder, "manifest.json", NULL);
  /* Translated under LANGUAGE=fr, for the screenshots */
  g_autofree char *export_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Export %u File",
                                                                "_Export %u Files", 2), 2);
  g_autofree char *ios_label = NULL;
  g_autofree char *email_label = NULL;
  g_autofree char *ios = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const GPtrArray *presets = medialib_presets_get ();
  MedialibExportDialog *dialog;
  MedialibRect rect, moved;
  GtkWidget *button;
  gint64 before;

  /* Screenshots of 1,024 × 768 pixels: the window's size counts its shadow, 5 pixels a side */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1034, 778);
  add_and_select (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-channels", NULL);
  wait_until (export_dialog_ready, f, "the export dialog");
  dialog = MEDIALIB_EXPORT_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));

  /* Every channel's crop starts over the object */
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);

      if (g_str_equal (preset->channel, "general"))
        {
          g_assert_false (medialib_export_dialog_get_rect (dialog, preset->key, &rect));
          continue;
        }
      g_assert_true (medialib_export_dialog_get_rect (dialog, preset->key, &rect));
      g_assert_true (contains_object (&rect));
    }

  /* Two channels, one of them nudged left */
  for (guint i = 0; i < presets->len; i++)
    medialib_export_dialog_set_chosen (dialog, ((MedialibPreset *) g_ptr_array_index (presets, i))->key, FALSE);
  g_assert_true (medialib_export_dialog_set_chosen (dialog, "ios-push", TRUE));
  g_assert_true (medialib_export_dialog_set_chosen (dialog, "email-header", TRUE));
  button = find_widget (GTK_WIDGET (dialog), is_button_labelled, export_label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* 600 × 300 in a 900 × 300 image: the arrows move it a tenth of the width */
  medialib_export_dialog_get_rect (dialog, "ios-push", &rect);
  g_assert_cmpint (rect.x, ==, 300);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", -1);
  medialib_export_dialog_get_rect (dialog, "ios-push", &moved);
  g_assert_cmpint (moved.x, ==, 210);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", 1);
  medialib_export_dialog_get_rect (dialog, "ios-push", &moved);
  g_assert_cmpint (moved.x, ==, 300);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", -1);
  save_screenshot (f, "export-dialog.png");
  adjust_crops (f, dialog);
  /* The nudges still work after an adjustment */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.nudge", "(si)", "ios-push", -1);
  save_screenshot (f, "export-dialog-adjusted.png");

  /* The channels' explanation takes the group's width, Select All and Select None under it */
  {
    GtkWidget *explanation = find_widget (GTK_WIDGET (dialog), is_label_showing,
                                          g_dgettext (GETTEXT_PACKAGE, "Each crop starts over the image’s most interesting part; click a preview to adjust it."));
    GtkWidget *all = find_widget (GTK_WIDGET (dialog), is_button_labelled, g_dgettext (GETTEXT_PACKAGE, "Select _All"));
    GtkWidget *group = gtk_widget_get_ancestor (explanation, ADW_TYPE_PREFERENCES_GROUP);
    graphene_rect_t explanation_bounds, all_bounds;

    g_assert_nonnull (all);
    g_assert_nonnull (group);
    channels_widgets[0] = explanation;
    channels_widgets[1] = all;
    wait_until (channels_are_laid_out, f, "the channels' layout");
    g_assert_true (gtk_widget_compute_bounds (explanation, group, &explanation_bounds));
    g_assert_true (gtk_widget_compute_bounds (all, group, &all_bounds));
    g_test_message ("channels %d px wide, their explanation %.0f px", gtk_widget_get_width (group),
                    explanation_bounds.size.width);
    g_assert_cmpfloat (explanation_bounds.size.width, >=, 0.9 * gtk_widget_get_width (group));
    g_assert_cmpfloat (all_bounds.origin.y, >=, explanation_bounds.origin.y + explanation_bounds.size.height);
  }

  adw_switch_row_set_active (ADW_SWITCH_ROW (find_widget (GTK_WIDGET (dialog), is_switch_row, NULL)), TRUE);
  medialib_export_dialog_set_folder (dialog, folder_file);
  before = medialib_store_count (f->window->store);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.apply", NULL);
  wait_until (no_dialog, f, "the export to finish");

  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  g_assert_no_error (error);
  /* Named NAME (Channel · Layout), in the app's language */
  ios_label = medialib_preset_dup_full_label (medialib_presets_lookup ("ios-push"));
  email_label = medialib_preset_dup_full_label (medialib_presets_lookup ("email-header"));
  ios = g_strdup_printf ("%s/object (%s).png", folder, ios_label);
  email = g_strdup_printf ("%s/object (%s).png", folder, email_label);
  g_assert_true (g_file_test (ios, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (email, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "files")), ==, 2);
  /* The nudged crop is the one exported */
  {
    JsonArray *files = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "files");
    JsonObject *first = json_array_get_object_element (files, 0);

    g_assert_cmpstr (json_object_get_string_member (first, "preset"), ==, "email-header");
    /* The adjusted crop is the one exported, and the file has the part of the image it
     * frames: the background only (the smart crop had the object) */
    {
      JsonArray *crop = json_object_get_array_member (first, "crop");

      g_assert_cmpint (json_array_get_int_element (crop, 0), ==, 0);
      g_assert_cmpint (json_array_get_int_element (crop, 1), ==, 20);
      g_assert_cmpint (json_array_get_int_element (crop, 2), ==, 300);
      g_assert_cmpint (json_array_get_int_element (crop, 3), ==, 200);
      g_assert_cmpint (json_object_get_int_member (first, "width"), ==, 300);
      g_assert_cmpint (json_object_get_int_member (first, "height"), ==, 200);
    }
    g_assert_true (all_background (email));
    g_assert_false (all_background (ios));
    first = json_array_get_object_element (files, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "preset"), ==, "ios-push");
    g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (first, "crop"), 0), ==, 210);
  }
  /* Both added as crops */
  g_assert_cmpint (medialib_store_count (f->window->store), ==, before + 2);
}

int
main (int   argc,
      char *argv[])
{
  /* The build's catalogue, as the app binds it: LANGUAGE=fr shows the dialogs in French (the
   * screenshots; the export dialog's test reads translated strings) */
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

  WINDOW_TEST_ADD ("crop-dialog-smart", test_crop_dialog_smart);
  WINDOW_TEST_ADD ("export-dialog", test_export_dialog);

  return window_test_run ();
}
