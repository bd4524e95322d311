/* test-window-dialogs.c — the window's dialogs, in-process, under Xvfb: preferences, crop,
 * generate, and restoring a backup
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gif_lib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "ai-standin.h"
#include "medialib-crop-dialog.h"
#include "medialib-crop-view.h"
#include "medialib-generate-dialog.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

/* --- Tests ---------------------------------------------------------------------------------------- */

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
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
no_dialog (Fixture *f)
{
  return !has_dialog (f) && idle (f);
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
      g_autoptr(MedialibAsset) item = asset_at (f, i);

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

  /* Clicking a preset snaps the box to its ratio, as large as possible, over the image's
   * most interesting part; "Centre" puts it in the middle */
  g_assert_true (medialib_crop_dialog_select_preset (dialog, "android-expanded"));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.width, ==, 2 * rect.height);
  g_assert_cmpint (rect.height, ==, 500);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "crop.centre", NULL);
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
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

static int
write_gif_bytes (GifFileType       *gif,
                 const GifByteType *data,
                 int                length)
{
  g_byte_array_append (gif->UserData, data, length);
  return length;
}

/* A 320 × 200 animation of three frames: colour bands that move, looping for ever */
static char *
write_animation (const char *dir)
{
  static const GifColorType colours[4] = { { 230, 57, 70 }, { 241, 250, 238 }, { 69, 123, 157 }, { 29, 53, 87 } };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  ColorMapObject *map = GifMakeMapObject (4, colours);
  guint8 loop[3] = { 1, 0, 0 };
  GifPixelType line[320];
  GifFileType *gif;
  int code = 0;

  gif = EGifOpen (out, write_gif_bytes, &code);
  EGifSetGifVersion (gif, true);
  EGifPutScreenDesc (gif, 320, 200, 8, 0, map);
  EGifPutExtensionLeader (gif, APPLICATION_EXT_FUNC_CODE);
  EGifPutExtensionBlock (gif, 11, "NETSCAPE2.0");
  EGifPutExtensionBlock (gif, 3, loop);
  EGifPutExtensionTrailer (gif);
  for (int f = 0; f < 3; f++)
    {
      GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, 20, NO_TRANSPARENT_COLOR };
      GifByteType extension[4];

      EGifGCBToExtension (&gcb, extension);
      EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, extension);
      EGifPutImageDesc (gif, 0, 0, 320, 200, false, NULL);
      for (int row = 0; row < 200; row++)
        {
          for (int col = 0; col < 320; col++)
            line[col] = (GifPixelType) (((col + row + f * 27) / 40) % 4);
          EGifPutLine (gif, line, 320);
        }
    }
  g_assert_cmpint (EGifCloseFile (gif, &code), ==, GIF_OK);
  GifFreeMapObject (map);

  return test_write_bytes (dir, "spinner.gif", out->data, out->len);
}

/* The crop dialog on an animated GIF: its first frame to crop on, the readout saying that
 * every frame is cropped; the crop is an animated GIF */
static void
test_window_crop_dialog_gif (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = write_animation (f->input);
  const char *paths[] = { path, NULL };
  MedialibCropDialog *dialog;
  g_autoptr(MedialibAsset) crop = NULL;
  GtkWidget *view;
  MedialibRect rect;

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), 0, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.crop", NULL);
  wait_until (crop_dialog_ready, f, "the crop dialog");
  dialog = MEDIALIB_CROP_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
  view = find_widget (GTK_WIDGET (dialog), is_crop_view, NULL);
  g_assert_true (medialib_crop_dialog_select_preset (dialog, "slideup-image-text"));
  medialib_crop_view_get_rect (MEDIALIB_CROP_VIEW (view), &rect);
  g_assert_cmpint (rect.width, ==, 200);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_containing,
                                 _("Animated GIF: every frame is cropped")));
  save_screenshot (f, "crop-dialog-gif.png");

  /* Android takes no GIFs: no such line */
  g_assert_true (medialib_crop_dialog_select_preset (dialog, "android-push-icon"));
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_label_containing,
                              _("Animated GIF: every frame is cropped")));

  g_assert_true (medialib_crop_dialog_select_preset (dialog, "slideup-image-text"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "crop.apply", NULL);
  wait_until (no_dialog, f, "the crop to finish");
  crop = medialib_store_get_asset (f->window->store, f->window->details_id, NULL);
  g_assert_nonnull (crop);
  g_assert_cmpstr (medialib_asset_get_mime (crop), ==, "image/gif");
  g_assert_true (medialib_asset_get_animated (crop));
  g_assert_cmpint (medialib_asset_get_width (crop), ==, 150);   /* scaled to 150 × 150 */
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
    g_autoptr(MedialibAsset) asset = asset_at (f, 0);

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

  /* GtkShortcutsWindow is deprecated in GTK 4.18; libadwaita's replacement comes with 1.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* Made when first shown, not with the window */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  settle ();
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
  return (f->window->damaged_banner != NULL && adw_banner_get_revealed (f->window->damaged_banner)) ||
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
  g_assert_true (f->window->damaged_banner == NULL || !adw_banner_get_revealed (f->window->damaged_banner));
}

static gboolean
window_gone (Fixture *f)
{
  return f->window == NULL;
}

/* Damage found by the check after opening raises the banner */
static void
test_window_damage_banner (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->library, "library.db", NULL);
  g_autofree char *backups = g_build_filename (f->library, "backups", NULL);
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
  /* Once its check after opening is done (it waits for the first screen), and without the
   * backup it may have made: the page then says what to do instead of offering one */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_until (window_gone, f, "the window to be finalized");
  settle ();
  test_rm_rf (backups);

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
    {
      GtkWidget *banner = GTK_WIDGET (f->window->damaged_banner);

      g_assert_nonnull (strstr (adw_banner_get_title (f->window->damaged_banner), "damaged"));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (banner)), ==, "win.restore-backup");
      /* Made when needed, in its place below the filter chips */
      g_assert_true (gtk_widget_get_prev_sibling (banner) == GTK_WIDGET (f->window->chips_revealer));
    }
  save_screenshot (f, "damage-shown.png");
}

int
main (int   argc,
      char *argv[])
{
  /* The build's catalogue, as the app binds it: LANGUAGE=fr shows the window in French (the
   * screenshots; the assertions that read strings expect English, but crop-dialog-gif's) */
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

  WINDOW_TEST_ADD ("app-actions", test_window_app_actions);
  WINDOW_TEST_ADD ("crop-dialog", test_window_crop_dialog);
  WINDOW_TEST_ADD ("crop-dialog-gif", test_window_crop_dialog_gif);
  WINDOW_TEST_ADD ("generate", test_window_generate);
  WINDOW_TEST_ADD ("damaged-restore", test_window_damaged_restore);
  WINDOW_TEST_ADD ("damage-banner", test_window_damage_banner);

  return window_test_run ();
}
