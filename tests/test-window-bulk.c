/* test-window-bulk.c — the window's bulk tag editor (Ctrl+T) with its one Undo, and the
 * filter popover's "Fits Channel", in-process, under Xvfb
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "medialib-bulk-dialog.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

static const char *spring = "spring-banner.png";
static const char *summer = "summer-hero.jpg";
static const char *header = "newsletter-header.png";

static int
position_of (Fixture    *f,
             const char *name)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (asset), name))
        return (int) i;
    }

  return -1;
}

/* "tag,tag|team" of the asset NAME, read from the library */
static char *
labels_of (Fixture    *f,
           const char *name)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *teams = NULL;

  query->text = g_strdup (name);
  assets = medialib_store_search (f->window->store, query, NULL);
  g_assert_nonnull (assets);
  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);

      if (!g_str_equal (medialib_asset_get_name (asset), name))
        continue;
      tags = g_strjoinv (",", (char **) medialib_asset_get_tags (asset));
      teams = g_strjoinv (",", (char **) medialib_asset_get_teams (asset));
      return g_strdup_printf ("%s|%s", tags, teams);
    }

  g_assert_not_reached ();
}

static const char *expected[3];

static gboolean
labels_are (Fixture *f)
{
  const char *names[] = { spring, summer, header };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *labels = labels_of (f, names[i]);

      if (g_strcmp0 (labels, expected[i]) != 0)
        return FALSE;
    }

  return idle (f);
}

static void
wait_labels (Fixture    *f,
             const char *a,
             const char *b,
             const char *c)
{
  expected[0] = a;
  expected[1] = b;
  expected[2] = c;
  wait_until (labels_are, f, "the labels");
}

static gboolean
bulk_dialog_shown (Fixture *f)
{
  return MEDIALIB_IS_BULK_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
}

static gboolean
no_dialog (Fixture *f)
{
  return !has_dialog (f) && idle (f);
}

static MedialibBulkDialog *
open_editor (Fixture *f)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (f->window->selection);

  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, position_of (f, spring), FALSE);
  gtk_selection_model_select_item (selection, position_of (f, summer), FALSE);
  gtk_selection_model_select_item (selection, position_of (f, header), FALSE);

  /* Ctrl+T's action */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-tags", NULL);
  wait_until (bulk_dialog_shown, f, "the bulk tag editor");
  return MEDIALIB_BULK_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
}

/* The toast's Undo button (in French, "_Annuler" is also the label of Cancel buttons) */
static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  if (!is_button_labelled (widget, g_dgettext (GETTEXT_PACKAGE, "_Undo")))
    return FALSE;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_equal (G_OBJECT_TYPE_NAME (w), "AdwToastWidget"))
      return TRUE;

  return FALSE;
}

static gboolean
has_undo (Fixture *f)
{
  return find_widget (GTK_WIDGET (f->window->toast_overlay), is_undo_button, NULL) != NULL;
}

/* The toast's Undo, once the change is done */
/* A row's subtitle in the language of the run (the screenshots are also taken in French) */
static char *
subtitle (guint       count,
          const char *then)
{
  g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u", "%u of %u", 3), count, 3);

  return then != NULL ? g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, then), of) : g_steal_pointer (&of);
}

#define assert_subtitle(dialog, row, count, then) \
  G_STMT_START { \
    g_autofree char *_want = subtitle (count, then); \
    g_assert_cmpstr (row_subtitle (GTK_WIDGET (dialog), row), ==, _want); \
  } G_STMT_END

static void
click_undo (Fixture *f)
{
  GtkWidget *undo;

  wait_until (has_undo, f, "the toast's Undo");
  undo = find_widget (GTK_WIDGET (f->window->toast_overlay), is_undo_button, NULL);
  g_signal_emit_by_name (undo, "clicked");
}

/* Three tiles selected, one of them tagged "summer": the editor says "1 of 3"; adding
 * "summer", a new tag and a team for all is one change, and its Undo leaves "summer" on the
 * one that had it. Then removing "summer" from all, and undoing that. */
static void
test_window_bulk_tags (Fixture       *f,
                       gconstpointer  data)
{
  const char *tags[] = { "summer", NULL };
  MedialibEdit edit = { .add_tags = tags };
  g_autoptr(MedialibAsset) tagged = NULL;
  g_autoptr(GError) error = NULL;
  MedialibBulkDialog *dialog;

  populate (f);
  tagged = asset_at (f, position_of (f, summer));
  g_assert_true (medialib_store_edit (f->window->store, medialib_asset_get_id (tagged), &edit, &error));
  g_assert_no_error (error);
  wait_labels (f, "|", "summer|", "|");

  dialog = open_editor (f);
  g_assert_cmpuint (medialib_bulk_dialog_get_count (dialog, MEDIALIB_LABEL_TAG, "summer"), ==, 1);
  assert_subtitle (dialog, "summer", 1, NULL);
  save_screenshot (f, "window-bulk-tags-mixed.png");

  g_assert_true (medialib_bulk_dialog_set_label (dialog, MEDIALIB_LABEL_TAG, "summer", TRUE));
  g_assert_true (medialib_bulk_dialog_set_label (dialog, MEDIALIB_LABEL_TAG, "autumn", TRUE));
  g_assert_true (medialib_bulk_dialog_set_label (dialog, MEDIALIB_LABEL_TEAM, "Design", TRUE));
  assert_subtitle (dialog, "summer", 1, "%s · added to all on Apply");
  assert_subtitle (dialog, "autumn", 0, "%s · added to all on Apply");
  save_screenshot (f, "window-bulk-tags.png");

  medialib_bulk_dialog_apply (dialog);
  wait_until (no_dialog, f, "the editor to close");
  wait_labels (f, "autumn,summer|Design", "autumn,summer|Design", "autumn,summer|Design");

  click_undo (f);
  wait_labels (f, "|", "summer|", "|");

  /* Removing from all; its undo gives it back to the one that had it only */
  dialog = open_editor (f);
  g_assert_true (medialib_bulk_dialog_set_label (dialog, MEDIALIB_LABEL_TAG, "summer", FALSE));
  assert_subtitle (dialog, "summer", 1, "%s · removed from all on Apply");
  medialib_bulk_dialog_apply (dialog);
  wait_until (no_dialog, f, "the editor to close");
  wait_labels (f, "|", "|", "|");

  click_undo (f);
  wait_labels (f, "|", "summer|", "|");
}

static gboolean
is_fits_chip (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "filter-chip") &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* "Fits Channel": the images usable as they are for the preset, with a chip that clears it */
static void
test_window_fits_filter (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedialibAsset) shown = NULL;
  GtkWidget *chip;

  populate (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  /* The drop-down is built with the filter popover when it is first shown, not with the
   * window; the filter works without it */
  g_assert_null (f->window->fits_dropdown);

  /* 640 × 320: a 2:1 Android expanded notification */
  g_assert_true (_medialib_window_set_fits (f->window, "android-expanded"));
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  shown = asset_at (f, 0);
  g_assert_cmpstr (medialib_asset_get_name (shown), ==, spring);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));

  /* 1:1: the 256-pixel PNG, not the GIF (no GIFs in Android pushes) */
  g_assert_true (_medialib_window_set_fits (f->window, "android-push-icon"));
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_clear_object (&shown);
  shown = asset_at (f, 0);
  g_assert_cmpstr (medialib_asset_get_name (shown), ==, "push-icon.png");

  /* A content card takes GIFs of 60 pixels and more */
  g_assert_true (_medialib_window_set_fits (f->window, "content-card-classic"));
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_false (_medialib_window_set_fits (f->window, "free"));
  g_assert_null (f->window->fits_dropdown);

  /* Shown, the popover's drop-down lists "Any Channel" then the presets, on the filter of now */
  gtk_menu_button_popup (f->window->filter_button);
  g_assert_nonnull (gtk_drop_down_get_model (f->window->fits_dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (f->window->fits_dropdown)), ==,
                    f->window->fits_keys->len + 1);
  g_assert_cmpstr (g_ptr_array_index (f->window->fits_keys,
                                      gtk_drop_down_get_selected (f->window->fits_dropdown) - 1),
                   ==, "content-card-classic");
  g_assert_cmpstr (f->window->fits_key, ==, "content-card-classic");
  g_assert_cmpuint (n_shown (f), ==, 2);
  gtk_menu_button_popdown (f->window->filter_button);

  chip = find_widget (GTK_WIDGET (f->window->chips_box), is_fits_chip,
                      "Remove the filter “Fits Content Cards · Classic”");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->window->fits_dropdown), ==, 0);
  g_assert_null (f->window->fits_key);

  /* Clear Filters clears it too; it is remembered for the next window meanwhile */
  g_assert_true (_medialib_window_set_fits (f->window, "android-expanded"));
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->window->fits_keys,
                                      gtk_drop_down_get_selected (f->window->fits_dropdown) - 1),
                   ==, "android-expanded");
  {
    g_autofree char *fits = g_settings_get_string (medialib_application_get_settings (f->app), "filter-fits");

    g_assert_cmpstr (fits, ==, "android-expanded");
  }
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 6);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->chips_revealer));
  {
    g_autofree char *fits = g_settings_get_string (medialib_application_get_settings (f->app), "filter-fits");

    g_assert_cmpstr (fits, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  /* English under the tests' C locale; LANGUAGE=fr and a French LC_ALL give the French
   * screenshots of the editor */
  setlocale (LC_ALL, "");
  if (g_getenv ("MEDIALIB_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MEDIALIB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  WINDOW_TEST_ADD ("bulk-tags", test_window_bulk_tags);
  WINDOW_TEST_ADD ("fits-filter", test_window_fits_filter);

  return window_test_run ();
}
