/* test-alt-text.c — alt text: kept, found by search and checked on every backend; suggested
 * by a vision model through the AI client, against the stand-in server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ai-standin.h"
#include "medialib-ai-private.h"
#include "medialib-core-team.h"
#include "medialib-generation.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef struct
{
  TestLibrary           lib;
  AiStandin            *standin;
  char                 *url;
  MedialibAiSuggestion *suggestion;
  GError               *error;
  gboolean              done;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_library_setup (&f->lib, data);
  f->standin = ai_standin_new (NULL);
  f->url = ai_standin_dup_base_url (f->standin);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->suggestion, medialib_ai_suggestion_free);
  g_clear_error (&f->error);
  ai_standin_free (f->standin);
  g_free (f->url);
  test_library_teardown (&f->lib, data);
}

/* An image row (no file: the catalog's contract needs none) */
static gint64
add_image (Fixture    *f,
           const char *name,
           const char *sha256)
{
  MedialibNewAsset asset = {
    .name = name, .kind = MEDIALIB_ASSET_KIND_IMAGE, .mime = "image/png", .bytes = 10,
    .width = 2, .height = 2, .sha256 = sha256, .source = "upload",
  };
  MedialibAddedAsset added = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_catalog_add_assets (f->lib.store->catalog, &asset, 1, &added, &error));
  g_assert_no_error (error);
  medialib_added_asset_clear (&added);
  return added.id;
}

static char *
dup_alt (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = medialib_store_get_asset (f->lib.store, id, &error);

  g_assert_no_error (error);
  return g_strdup (medialib_asset_get_alt (asset));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids a search of @text finds, in order of id */
static GArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids;

  query->text = g_strdup (text);
  ids = medialib_catalog_search_ids (f->lib.store->catalog, query, &error);
  g_assert_no_error (error);
  g_array_sort (ids, compare_ids);
  return ids;
}

static void
assert_found (Fixture    *f,
              const char *text,
              gint64      id)
{
  g_autoptr(GArray) ids = search (f, text);

  g_assert_cmpuint (ids->len, ==, id > 0 ? 1 : 0);
  if (id > 0)
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
}

/* Kept, trimmed to one line, cleared by "", left alone by NULL; its words found by search
 * (folded like names: case, accents, prefixes) and forgotten once it changes */
static void
test_edit_and_search (Fixture       *f,
                      gconstpointer  data)
{
  gint64 cat = add_image (f, "IMG_0001.png", "a001");
  gint64 dog = add_image (f, "IMG_0002.png", "a002");
  g_autofree char *alt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_null ((alt = dup_alt (f, cat)));
  assert_found (f, "sofa", 0);

  g_assert_true (medialib_store_edit (f->lib.store, cat,
                                      &(MedialibEdit) { .alt = "  Un chat roux dort sur un\ncanapé bleu.  " },
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((alt = dup_alt (f, cat)), ==, "Un chat roux dort sur un canapé bleu.");
  g_clear_pointer (&alt, g_free);
  assert_found (f, "canape", cat);
  assert_found (f, "ROUX chat", cat);
  assert_found (f, "can", cat);
  assert_found (f, "img chat", cat);

  /* A rename keeps it, and its words */
  g_assert_true (medialib_store_edit (f->lib.store, cat, &(MedialibEdit) { .rename = "Cat.png" }, &error));
  g_assert_cmpstr ((alt = dup_alt (f, cat)), ==, "Un chat roux dort sur un canapé bleu.");
  g_clear_pointer (&alt, g_free);
  assert_found (f, "canapé", cat);

  /* The asset's JSON */
  asset = medialib_store_get_asset (f->lib.store, cat, &error);
  json = medialib_asset_to_json (asset);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "alt"), ==,
                   "Un chat roux dort sur un canapé bleu.");
  g_clear_pointer (&json, json_node_unref);
  g_clear_object (&asset);
  asset = medialib_store_get_asset (f->lib.store, dog, &error);
  json = medialib_asset_to_json (asset);
  g_assert_true (json_object_has_member (json_node_get_object (json), "alt"));
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "alt"));

  /* Another text replaces the words; "" clears them */
  g_assert_true (medialib_store_edit (f->lib.store, cat, &(MedialibEdit) { .alt = "A ginger cat" }, &error));
  assert_found (f, "canape", 0);
  assert_found (f, "ginger", cat);
  g_assert_true (medialib_store_edit (f->lib.store, cat, &(MedialibEdit) { .alt = "" }, &error));
  g_assert_no_error (error);
  g_assert_null ((alt = dup_alt (f, cat)));
  assert_found (f, "ginger", 0);
  assert_found (f, "cat", cat);
}

/* At most 1,000 characters (not bytes): one more is refused and changes nothing */
static void
test_too_long (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = add_image (f, "long.png", "b001");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *alt = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < MEDIALIB_ALT_MAX; i++)
    g_string_append (text, "é");
  g_assert_true (medialib_store_edit (f->lib.store, id, &(MedialibEdit) { .alt = text->str }, &error));
  g_assert_no_error (error);
  alt = dup_alt (f, id);
  g_assert_cmpint (g_utf8_strlen (alt, -1), ==, MEDIALIB_ALT_MAX);

  g_string_append (text, "x");
  g_assert_false (medialib_store_edit (f->lib.store, id,
                                       &(MedialibEdit) { .alt = text->str, .rename = "never.png" }, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "1001"));
  g_clear_pointer (&alt, g_free);
  alt = dup_alt (f, id);
  g_assert_cmpint (g_utf8_strlen (alt, -1), ==, MEDIALIB_ALT_MAX);
}

/* --- Suggestions ------------------------------------------------------------------------------ */

static void
on_suggested (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->suggestion = medialib_ai_client_suggest_finish (MEDIALIB_AI_CLIENT (object), result, &f->error);
  f->done = TRUE;
}

static GBytes *
small_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = test_draw_picture (TEST_PICTURE_PHOTO, 96, 64, 3);
  g_autofree char *buffer = NULL;
  gsize length;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

static void
suggest (Fixture      *f,
         const char   *model,
         const char   *language,
         GCancellable *cancellable)
{
  g_autoptr(MedialibAiClient) client = medialib_ai_client_new (f->url, "gpt-image-1-mini", "1024x1024", "sk-alt-secret");
  g_autoptr(GBytes) png = small_png ();

  medialib_ai_client_set_vision_model (client, model);
  g_clear_pointer (&f->suggestion, medialib_ai_suggestion_free);
  g_clear_error (&f->error);
  f->done = FALSE;
  medialib_ai_client_suggest_async (client, png, "image/png", language, cancellable, on_suggested, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The request the stand-in checked (model, a decodable image, the language), and the answer
 * read: the alt text, five distinct tags of the six (one repeated in another case) */
static void
test_suggest (Fixture       *f,
              gconstpointer  data)
{
  int width, height;

  suggest (f, "vision-1", "fr", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ai_standin_get_violations (f->standin), ==, 0);
  g_assert_cmpstr (ai_standin_get_chat_language (f->standin), ==, "fr");
  ai_standin_get_chat_image_size (f->standin, &width, &height);
  g_assert_cmpint (width, ==, 96);
  g_assert_cmpint (height, ==, 64);
  g_assert_cmpstr (f->suggestion->alt, ==, "Un chat roux dort sur un canapé bleu.");
  g_assert_cmpuint (g_strv_length (f->suggestion->tags), ==, MEDIALIB_AI_SUGGESTED_TAGS);
  g_assert_cmpstr (f->suggestion->tags[0], ==, "chat");
  g_assert_cmpstr (f->suggestion->tags[1], ==, "canapé");
  g_assert_cmpstr (f->suggestion->tags[2], ==, "animal");
  g_assert_cmpstr (f->suggestion->tags[4], ==, "sieste");

  /* The answer in a code fence, among words, is still read */
  suggest (f, "vision-1 [fenced]", "en", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpstr (ai_standin_get_chat_language (f->standin), ==, "en");
  g_assert_cmpstr (f->suggestion->alt, ==, "A ginger cat sleeps on a blue sofa.");
  g_assert_cmpuint (ai_standin_get_chat_requests (f->standin), ==, 2);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, 0);
}

/* Unreadable answers and errors are clear errors, never a crash; the key is never quoted */
static void
test_suggest_errors (Fixture       *f,
                     gconstpointer  data)
{
  const char *bad[] = { "vision-1 [malformed]", "vision-1 [badtypes]", "vision-1 [notjson]" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      suggest (f, bad[i], "en", NULL);
      g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE);
      g_assert_null (f->suggestion);
      g_assert_nonnull (strstr (f->error->message, "suggestion could not be read"));
    }

  suggest (f, "vision-1 [refusal]", "en", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONTENT_POLICY);

  suggest (f, "vision-1 [500]", "en", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_SERVER);

  suggest (f, "vision-1 [401]", "en", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (f->error->message, "sk-alt-secret"));
}

static gboolean
cancel_soon_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_suggest_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (100, cancel_soon_cb, cancellable);
  suggest (f, "vision-1 [slow]", "en", cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static guint
used_today (Fixture *f)
{
  MedialibQuota quota = { 0 };
  guint used;

  medialib_store_get_quota (f->lib.store, &quota);
  used = quota.used;
  medialib_quota_clear (&quota);
  return used;
}

/* Suggestions are not generations: twelve, more than the day's ten, count nothing */
static void
test_suggest_not_counted (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_cmpuint (used_today (f), ==, 0);
  for (guint i = 0; i < 12; i++)
    {
      suggest (f, "vision-1", "en", NULL);
      g_assert_no_error (f->error);
    }
  g_assert_cmpuint (used_today (f), ==, 0);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, 0);
}

static void
test_language (void)
{
  g_autofree char *prompt = _medialib_ai_suggest_prompt ("fr_FR");
  g_autofree char *language = NULL;

  g_assert_nonnull (strstr (prompt, "French (language code \"fr_FR\")"));
  g_setenv ("LANGUAGE", "de_AT", TRUE);
  language = medialib_ai_suggest_language ();
  g_assert_cmpstr (language, ==, "de_AT");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/alt-text", path, Fixture, NULL, \
                         fixture_setup, func, fixture_teardown)

  ADD ("edit-and-search", test_edit_and_search);
  ADD ("too-long", test_too_long);
  ADD ("suggest-not-counted", test_suggest_not_counted);
  g_test_add ("/medialib/alt-text/suggest", Fixture, NULL, fixture_setup, test_suggest, fixture_teardown);
  g_test_add ("/medialib/alt-text/suggest-errors", Fixture, NULL, fixture_setup, test_suggest_errors, fixture_teardown);
  g_test_add ("/medialib/alt-text/suggest-cancel", Fixture, NULL, fixture_setup, test_suggest_cancel, fixture_teardown);
  g_test_add_func ("/medialib/alt-text/language", test_language);

  return g_test_run ();
}
