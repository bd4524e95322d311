/* test-window-alt-text.c — the details pane's alt text and its suggestions, in-process, under
 * Xvfb, against the stand-in AI server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ai-standin.h"
#include "medialib-ai-client.h"
#include "medialib-alt-editor.h"
#include "medialib-generation.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

/* What the predicates wait for */
static const char *expected_alt;
static const char *expected_tag;

static gboolean
is_alt_editor (GtkWidget     *widget,
               gconstpointer  data)
{
  return MEDIALIB_IS_ALT_EDITOR (widget);
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static MedialibAsset *
stored_asset (Fixture *f)
{
  MedialibAsset *shown = _medialib_window_get_details_asset (f->window);

  return medialib_store_get_asset (f->window->store, medialib_asset_get_id (shown), NULL);
}

static gboolean
alt_stored (Fixture *f)
{
  g_autoptr(MedialibAsset) asset = stored_asset (f);

  return g_strcmp0 (medialib_asset_get_alt (asset), expected_alt) == 0;
}

/* The pane shows the stored asset again, its alt text in the field, nothing left to save */
static gboolean
alt_shown (Fixture *f)
{
  MedialibAsset *shown = _medialib_window_get_details_asset (f->window);
  GtkWidget *editor = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_alt_editor, NULL);
  g_autofree char *text = medialib_alt_editor_dup_text (MEDIALIB_ALT_EDITOR (editor));

  return g_strcmp0 (medialib_asset_get_alt (shown), expected_alt) == 0 &&
         g_strcmp0 (text, expected_alt ? expected_alt : "") == 0 &&
         !gtk_widget_get_visible (find_widget (editor, is_button_labelled, g_dgettext (GETTEXT_PACKAGE, "Sa_ve")));
}

static gboolean
suggestion_shown (Fixture *f)
{
  return find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_label_showing, expected_alt) != NULL;
}

static gboolean
tag_stored (Fixture *f)
{
  g_autoptr(MedialibAsset) asset = stored_asset (f);
  const char * const *tags = medialib_asset_get_tags (asset);

  return tags != NULL && g_strv_contains (tags, expected_tag);
}

static guint
used_today (Fixture *f)
{
  MedialibQuota quota = { 0 };
  guint used;

  medialib_store_get_quota (f->window->store, &quota);
  used = quota.used;
  medialib_quota_clear (&quota);
  return used;
}

static void
show_banner (Fixture *f)
{
  populate (f);
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "spring-banner.png"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  settle ();
  g_assert_cmpstr (medialib_asset_get_name (_medialib_window_get_details_asset (f->window)), ==,
                   "spring-banner.png");
}

/* Typed, counted, refused beyond 1,000 characters, saved on a worker, reverted, cleared */
static void
test_edit_alt (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *editor;
  g_autoptr(GString) long_text = g_string_new (NULL);

  show_banner (f);
  editor = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_alt_editor, NULL);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_nonnull (find_widget (editor, is_label_showing, "0 / 1000 characters"));

  /* Too long: the count says so and Save does nothing */
  for (guint i = 0; i < 1001; i++)
    g_string_append (long_text, "é");
  medialib_alt_editor_set_text (MEDIALIB_ALT_EDITOR (editor), long_text->str);
  g_assert_nonnull (find_widget (editor, is_label_showing, "1001 / 1000 characters"));
  g_assert_false (gtk_widget_is_sensitive (find_widget (editor, is_button_labelled, "Sa_ve")));

  medialib_alt_editor_set_text (MEDIALIB_ALT_EDITOR (editor), "Tulips in a field, with the word Spring");
  g_assert_true (gtk_widget_get_visible (find_widget (editor, is_button_labelled, "Sa_ve")));
  gtk_widget_activate_action (editor, "alt.save", NULL);
  expected_alt = "Tulips in a field, with the word Spring";
  wait_until (alt_stored, f, "the alt text saved");
  wait_until (alt_shown, f, "the alt text shown");

  /* Revert brings back what is stored */
  medialib_alt_editor_set_text (MEDIALIB_ALT_EDITOR (editor), "Something else");
  gtk_widget_activate_action (editor, "alt.revert", NULL);
  g_assert_true (alt_shown (f));

  /* Emptied and saved: none */
  medialib_alt_editor_set_text (MEDIALIB_ALT_EDITOR (editor), "");
  gtk_widget_activate_action (editor, "alt.save", NULL);
  expected_alt = NULL;
  wait_until (alt_stored, f, "the alt text removed");
  wait_until (alt_shown, f, "no alt text shown");
}

/* Suggest: the thumbnail goes to the vision model, the suggestion is shown; Use This Text
 * saves it and a tag chip adds its tag; no generation is counted */
static void
test_suggest (Fixture       *f,
              gconstpointer  data)
{
  AiStandin *standin = ai_standin_new (NULL);
  g_autofree char *url = ai_standin_dup_base_url (standin);
  g_autofree char *language = medialib_ai_suggest_language ();
  gboolean french = g_str_has_prefix (language, "fr");
  GtkWidget *editor;
  GtkWidget *chip;
  int width, height;

  g_setenv ("MEDIALIB_AI_BASE_URL", url, TRUE);
  g_setenv ("MEDIALIB_AI_VISION_MODEL", "vision-1", TRUE);

  show_banner (f);
  editor = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_alt_editor, NULL);
  medialib_alt_editor_set_text (MEDIALIB_ALT_EDITOR (editor), "Tulips");
  gtk_widget_activate_action (editor, "alt.save", NULL);
  expected_alt = "Tulips";
  wait_until (alt_shown, f, "the alt text shown");

  gtk_widget_activate_action (editor, "alt.suggest", NULL);
  expected_alt = french ? "Un chat roux dort sur un canapé bleu." : "A ginger cat sleeps on a blue sofa.";
  wait_until (suggestion_shown, f, "the suggestion");
  g_assert_false (medialib_alt_editor_is_suggesting (MEDIALIB_ALT_EDITOR (editor)));
  g_assert_cmpuint (ai_standin_get_violations (standin), ==, 0);
  g_assert_cmpstr (ai_standin_get_chat_language (standin), ==, language);
  /* The 512-pixel thumbnail of the 640 × 320 image, not the image */
  ai_standin_get_chat_image_size (standin, &width, &height);
  g_assert_cmpint (width, ==, 512);
  g_assert_cmpint (height, ==, 256);
  /* Suggested, not used yet */
  {
    g_autofree char *text = medialib_alt_editor_dup_text (MEDIALIB_ALT_EDITOR (editor));

    g_assert_cmpstr (text, ==, "Tulips");
  }
  save_screenshot (f, french ? "window-alt-text-fr.png" : "window-alt-text.png");

  gtk_widget_activate_action (editor, "alt.use", NULL);
  wait_until (alt_stored, f, "the suggested alt text saved");
  wait_until (alt_shown, f, "the suggested alt text shown");

  expected_tag = french ? "chat" : "cat";
  {
    g_autofree char *label = g_strdup_printf ("+ %s", expected_tag);

    chip = find_widget (editor, is_button_labelled, label);
  }
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  wait_until (tag_stored, f, "the suggested tag added");

  g_assert_cmpuint (used_today (f), ==, 0);
  g_assert_cmpuint (ai_standin_get_requests (standin), ==, 0);
  g_assert_cmpuint (ai_standin_get_chat_requests (standin), ==, 1);

  ai_standin_free (standin);
  g_unsetenv ("MEDIALIB_AI_BASE_URL");
  g_unsetenv ("MEDIALIB_AI_VISION_MODEL");
}

/* A server error is said under the text; the text is untouched */
static void
test_suggest_error (Fixture       *f,
                    gconstpointer  data)
{
  AiStandin *standin = ai_standin_new (NULL);
  g_autofree char *url = ai_standin_dup_base_url (standin);
  GtkWidget *editor;

  g_setenv ("MEDIALIB_AI_BASE_URL", url, TRUE);
  g_setenv ("MEDIALIB_AI_VISION_MODEL", "vision-1 [malformed]", TRUE);

  show_banner (f);
  editor = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_alt_editor, NULL);
  gtk_widget_activate_action (editor, "alt.suggest", NULL);
  expected_alt = "No Suggestion";
  wait_until (suggestion_shown, f, "the error");
  g_assert_false (medialib_alt_editor_is_suggesting (MEDIALIB_ALT_EDITOR (editor)));
  g_assert_false (gtk_widget_is_drawable (find_widget (editor, is_button_labelled, "_Use This Text")));

  ai_standin_free (standin);
  g_unsetenv ("MEDIALIB_AI_BASE_URL");
  g_unsetenv ("MEDIALIB_AI_VISION_MODEL");
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  /* The build's catalogues, for a screenshot in another language (LANGUAGE=fr) */
  if (g_getenv ("MEDIALIB_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MEDIALIB_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  WINDOW_TEST_ADD ("alt-text/edit", test_edit_alt);
  WINDOW_TEST_ADD ("alt-text/suggest", test_suggest);
  WINDOW_TEST_ADD ("alt-text/suggest-error", test_suggest_error);

  return window_test_run ();
}
