/* test-ai.c — the image generation client, quota and key storage, against the stand-in server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ai-standin.h"
#include "medialib-core-team.h"
#include "medialib-generation.h"
#include "medialib-secret.h"
#include "medialib-settings.h"
#include "medialib-test-util.h"

typedef struct
{
  TestLibrary    lib;
  AiStandin     *standin;
  char          *url;
  GPtrArray     *variants;
  GError        *error;
  gboolean       done;
  guint          partials;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_library_setup (&f->lib, data);
  f->standin = ai_standin_new (data);
  f->url = ai_standin_dup_base_url (f->standin);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* No request the client made broke the contract (checked when ../shared is there). */
  g_assert_cmpuint (ai_standin_get_violations (f->standin), ==, 0);

  g_clear_pointer (&f->variants, g_ptr_array_unref);
  g_clear_error (&f->error);
  ai_standin_free (f->standin);
  g_free (f->url);
  test_library_teardown (&f->lib, data);
}

static void
on_partial (guint    index,
            GBytes  *image,
            gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (index, <, 4);
  g_assert_cmpuint (g_bytes_get_size (image), >, 0);
  f->partials++;
}

static void
on_generated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->variants = medialib_ai_client_generate_finish (MEDIALIB_AI_CLIENT (object), result, &f->error);
  f->done = TRUE;
}

static void
wait_done (Fixture *f)
{
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
generate (Fixture    *f,
          const char *model,
          const char *prompt,
          const char *key)
{
  g_autoptr(MedialibAiClient) client = medialib_ai_client_new (f->url, model, "1024x1024", key);

  f->done = FALSE;
  g_clear_pointer (&f->variants, g_ptr_array_unref);
  g_clear_error (&f->error);
  medialib_ai_client_generate_async (client, prompt, NULL, on_partial, f, on_generated, f);
  wait_done (f);
}

static void
assert_four_pngs (Fixture *f)
{
  g_assert_no_error (f->error);
  g_assert_nonnull (f->variants);
  g_assert_cmpuint (f->variants->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      MedialibAiVariant *v = g_ptr_array_index (f->variants, i);

      g_assert_cmpstr (v->mime, ==, "image/png");
      g_assert_cmpint (v->width, ==, 128);
      g_assert_cmpint (v->height, ==, 128);
      g_assert_false (v->reencoded);
    }
}

static void
test_prompt_rule (void)
{
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 300; i++)
    g_string_append (accents, "é");   /* 300 characters, 600 bytes */
  g_assert_true (medialib_ai_check_prompt (accents->str, &error));
  g_assert_no_error (error);

  g_string_append (accents, "è");
  g_assert_false (medialib_ai_check_prompt (accents->str, &error));
  g_assert_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_PROMPT);
  g_assert_nonnull (strstr (error->message, "301"));
  g_clear_error (&error);

  g_assert_false (medialib_ai_check_prompt ("   ", &error));
  g_assert_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_PROMPT);
}

static void
test_b64 (Fixture *f, gconstpointer data)
{
  generate (f, "dall-e-2", "a red bicycle", NULL);
  assert_four_pngs (f);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, 1);   /* n = 4 */
  g_assert_cmpuint (f->partials, ==, 0);
}

static void
test_streaming (Fixture *f, gconstpointer data)
{
  generate (f, "gpt-image-1-mini", "a lighthouse at dawn", NULL);
  assert_four_pngs (f);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, 4);   /* one streamed image each */
  g_assert_cmpuint (f->partials, ==, 8);                            /* two partial images each */
}

static void
test_stream_fallback (Fixture *f, gconstpointer data)
{
  generate (f, "gpt-image-1", "a quiet beach [nostream]", NULL);
  assert_four_pngs (f);
  g_assert_cmpuint (f->partials, ==, 0);
}

static void
test_dalle3_parallel (Fixture *f, gconstpointer data)
{
  generate (f, "dall-e-3", "a mountain lake", NULL);
  assert_four_pngs (f);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, 4);
}

static void
test_urls (Fixture *f, gconstpointer data)
{
  generate (f, "stablediffusion", "a city skyline [url]", NULL);
  assert_four_pngs (f);
}

static void
test_big_png_reencoded (Fixture *f, gconstpointer data)
{
  generate (f, "dall-e-2", "noise [big]", NULL);
  g_assert_no_error (f->error);
  for (guint i = 0; i < 4; i++)
    {
      MedialibAiVariant *v = g_ptr_array_index (f->variants, i);

      g_assert_cmpstr (v->mime, ==, "image/jpeg");
      g_assert_true (v->reencoded);
      g_assert_cmpuint (g_bytes_get_size (v->bytes), <, 5 * 1024 * 1024);
    }
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  const struct { const char *prompt; MedialibAiError code; const char *words; } cases[] = {
    { "x [401]", MEDIALIB_AI_ERROR_UNAUTHORIZED, "Preferences" },
    { "x [no-credit]", MEDIALIB_AI_ERROR_NO_CREDIT, "credit" },
    { "x [rate]", MEDIALIB_AI_ERROR_RATE_LIMITED, "7 seconds" },
    { "x [policy]", MEDIALIB_AI_ERROR_CONTENT_POLICY, "safety" },
    { "x [400]", MEDIALIB_AI_ERROR_REQUEST, "Invalid value for size" },
    { "x [500]", MEDIALIB_AI_ERROR_SERVER, "HTTP 500" },
    { "x [malformed]", MEDIALIB_AI_ERROR_BAD_RESPONSE, "JSON" },
    { "x [few]", MEDIALIB_AI_ERROR_TOO_FEW_IMAGES, "3 images" },
    { "x [notimage]", MEDIALIB_AI_ERROR_NOT_AN_IMAGE, "Variant 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      generate (f, "dall-e-2", cases[i].prompt, NULL);
      if (!g_error_matches (f->error, MEDIALIB_AI_ERROR, cases[i].code))
        g_error ("%s: %s", cases[i].prompt, f->error ? f->error->message : "no error");
      if (strstr (f->error->message, cases[i].words) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].prompt, f->error->message, cases[i].words);
      g_assert_null (f->variants);
    }

  /* Fewer images across parallel requests too */
  generate (f, "dall-e-3", "x [few]", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_TOO_FEW_IMAGES);
}

static void
test_key (Fixture *f, gconstpointer data)
{
  generate (f, "dall-e-2", "a key test", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_UNAUTHORIZED);
  generate (f, "dall-e-2", "a key test", "wrong");
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_UNAUTHORIZED);
  generate (f, "dall-e-2", "a key test", "sk-test");
  assert_four_pngs (f);
}

static void
test_connection_refused (Fixture *f, gconstpointer data)
{
  /* A port nothing listens on: the stand-in's own, once it is gone */
  AiStandin *other = ai_standin_new (NULL);
  g_autofree char *url = ai_standin_dup_base_url (other);
  g_autoptr(MedialibAiClient) client = NULL;

  ai_standin_free (other);
  client = medialib_ai_client_new (url, "dall-e-2", "1024x1024", NULL);
  f->done = FALSE;
  medialib_ai_client_generate_async (client, "anything", NULL, NULL, NULL, on_generated, f);
  wait_done (f);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONNECTION);
  g_assert_nonnull (strstr (f->error->message, "127.0.0.1"));
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  g_autoptr(MedialibAiClient) client = medialib_ai_client_new (f->url, "dall-e-2", "1024x1024", NULL);

  medialib_ai_client_set_timeout (client, 1);
  f->done = FALSE;
  medialib_ai_client_generate_async (client, "x [hang]", NULL, NULL, NULL, on_generated, f);
  wait_done (f);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_TIMEOUT);
}

/* --- Generations in the library ---------------------------------------------------------- */

static void
on_store_generated (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fixture *f = user_data;
  MedialibGeneration *generation = medialib_store_generate_finish (MEDIALIB_STORE (object), result, NULL, &f->error);

  g_object_set_data_full (G_OBJECT (object), "generation", generation, (GDestroyNotify) medialib_generation_free);
  f->done = TRUE;
}

static MedialibGeneration *
store_generate (Fixture      *f,
                const char   *prompt,
                GCancellable *cancellable)
{
  g_autoptr(MedialibAiClient) client = medialib_ai_client_new (f->url, "dall-e-2", "1024x1024", NULL);

  f->done = FALSE;
  g_clear_error (&f->error);
  g_object_set_data (G_OBJECT (f->lib.store), "generation", NULL);
  medialib_store_generate_async (f->lib.store, client, prompt, cancellable, NULL, NULL, on_store_generated, f);
  wait_done (f);

  return g_object_get_data (G_OBJECT (f->lib.store), "generation");
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

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_quota (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = medialib_settings_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MedialibGeneration *generation;
  MedialibQuota quota = { 0 };
  g_autofree char *text = NULL;
  guint requests;

  g_assert_nonnull (settings);
  g_settings_set_uint (settings, "ai-daily-limit", 3);

  generation = store_generate (f, "first", NULL);
  g_assert_no_error (f->error);
  g_assert_nonnull (generation);
  g_assert_cmpuint (used_today (f), ==, 1);

  /* Failed and cancelled generations are not counted */
  store_generate (f, "x [500]", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_SERVER);
  g_timeout_add (200, cancel_cb, cancellable);
  store_generate (f, "x [slow]", cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (used_today (f), ==, 1);

  store_generate (f, "second", NULL);
  store_generate (f, "third", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (used_today (f), ==, 3);

  /* The limit: no request is even sent */
  requests = ai_standin_get_requests (f->standin);
  store_generate (f, "fourth", NULL);
  g_assert_error (f->error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA);
  g_assert_cmpuint (ai_standin_get_requests (f->standin), ==, requests);

  medialib_store_get_quota (f->lib.store, &quota);
  g_assert_cmpuint (quota.limit, ==, 3);
  text = medialib_quota_describe (&quota);
  g_assert_nonnull (strstr (text, "midnight"));
  /* It resets at the next local midnight */
  g_assert_cmpint (g_date_time_get_hour (quota.resets), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (quota.resets) - g_get_real_time () / G_USEC_PER_SEC, <=, 86400);
  medialib_quota_clear (&quota);

  /* Yesterday's generations do not count today */
  test_library_exec (&f->lib, f->lib.backend->yesterday_sql);
  g_assert_cmpuint (used_today (f), ==, 0);

  /* 0 is no limit */
  g_settings_set_uint (settings, "ai-daily-limit", 0);
  medialib_store_get_quota (f->lib.store, &quota);
  g_assert_cmpuint (quota.limit, ==, 0);
  medialib_quota_clear (&quota);
  g_settings_reset (settings, "ai-daily-limit");
}

/* What the generator dialog reads: today's quota, the recent generations, their variants */
static void
test_quota_and_recent_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = medialib_settings_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GAsyncResult *pending = NULL;
  MedialibGeneration *newest;
  MedialibQuota quota = { 0 };

  g_settings_set_uint (settings, "ai-daily-limit", 5);
  g_assert_nonnull (store_generate (f, "first", NULL));
  g_assert_nonnull (store_generate (f, "second", NULL));

  medialib_store_get_quota_async (f->lib.store, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_true (medialib_store_get_quota_finish (f->lib.store, result, &quota, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quota.used, ==, 2);
  g_assert_cmpuint (quota.limit, ==, 5);
  g_assert_cmpint (g_date_time_get_hour (quota.resets), ==, 0);
  medialib_quota_clear (&quota);

  /* The newest first, as many as asked */
  g_clear_object (&result);
  medialib_store_list_generations_async (f->lib.store, 1, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  list = medialib_store_list_generations_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  newest = g_ptr_array_index (list, 0);
  g_assert_cmpstr (newest->prompt, ==, "second");
  g_assert_cmpuint (newest->variants, ==, 4);

  /* Its variants' files in the cache */
  g_clear_object (&result);
  medialib_store_dup_variant_path_async (f->lib.store, newest->id, 4, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  path = medialib_store_dup_variant_path_finish (f->lib.store, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, "/4.png"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_clear_object (&result);
  medialib_store_dup_variant_path_async (f->lib.store, newest->id, 5, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_store_dup_variant_path_finish (f->lib.store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelled */
  g_clear_object (&result);
  g_cancellable_cancel (cancellable);
  medialib_store_get_quota_async (f->lib.store, cancellable, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_false (medialib_store_get_quota_finish (f->lib.store, result, &quota, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_settings_reset (settings, "ai-daily-limit");
}

static void
test_add_variant (Fixture *f, gconstpointer data)
{
  MedialibGeneration *generation = store_generate (f, "A cozy reading nook with plants", NULL);
  const char *tags[] = { "AI", NULL };
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAsset) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_no_error (f->error);
  id = generation->id;
  g_assert_cmpuint (generation->variants, ==, 4);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *path = medialib_store_dup_variant_path (f->lib.store, id, i);
      g_assert_nonnull (path);
    }

  asset = medialib_store_add_variant (f->lib.store, id, 2, tags, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_source (asset), ==, "ai");
  g_assert_cmpstr (medialib_asset_get_prompt (asset), ==, "A cozy reading nook with plants");
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "A cozy reading nook with plants 2.png");
  g_assert_cmpint (medialib_asset_get_width (asset), ==, 128);
  g_assert_cmpstrv (medialib_asset_get_tags (asset), tags);

  /* The same variant twice is one asset */
  again = medialib_store_add_variant (f->lib.store, id, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medialib_asset_get_id (again), ==, medialib_asset_get_id (asset));
  g_assert_cmpint (medialib_store_count (f->lib.store), ==, 1);

  g_assert_null (medialib_store_add_variant (f->lib.store, id, 5, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* --- The key, in libsecret's file backend ------------------------------------------------- */

static void
on_secret_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;

  medialib_secret_store_finish (result, &f->error);
  f->done = TRUE;
}

static void
test_secret (Fixture *f, gconstpointer data)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  f->done = FALSE;
  medialib_secret_store_async (f->url, "sk-stored", NULL, on_secret_done, f);
  wait_done (f);
  g_assert_no_error (f->error);

  key = medialib_secret_lookup_sync (f->url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-stored");

  /* One key per server */
  g_clear_pointer (&key, g_free);
  key = medialib_secret_lookup_sync ("https://other.example/v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* An empty key removes it */
  f->done = FALSE;
  medialib_secret_store_async (f->url, "", NULL, on_secret_done, f);
  wait_done (f);
  g_assert_no_error (f->error);
  key = medialib_secret_lookup_sync (f->url, NULL, &error);
  g_assert_null (key);

  /* Nothing of it reached GSettings */
  {
    g_autoptr(GSettings) settings = medialib_settings_new ();
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autofree char *printed = g_variant_print (value, FALSE);

        g_assert_null (strstr (printed, "sk-stored"));
      }
  }
}

static void
store_result_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The stand-in really checks the contract: a request that breaks it is refused and counted. */
static void
test_standin_checks_contract (void)
{
  AiStandin *standin = ai_standin_new (NULL);
  g_autofree char *url = ai_standin_dup_base_url (standin);
  g_autofree char *endpoint = g_strconcat (url, "/images/generations", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *bodies[] = {
    "{\"prompt\": \"x\", \"bogus\": 1}",
    "{\"model\": \"dall-e-2\"}",
    "{\"prompt\": \"x\", \"n\": 11}",
    "{\"prompt\": \"x\", \"response_format\": \"gif\"}",
    "{\"prompt\": \"x\", \"model\": \"dall-e-3\", \"n\": 4}",
  };

  if (!ai_standin_checks_contract (standin))
    {
      ai_standin_free (standin);
      g_test_skip ("../shared/contracts is not present");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", endpoint);
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GBytes) reply = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      /* Asynchronously: the server answers from this thread's main context */
      {
        GAsyncResult *result = NULL;

        soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                          store_result_cb, &result);
        while (result == NULL)
          g_main_context_iteration (NULL, TRUE);
        reply = soup_session_send_and_read_finish (session, result, NULL);
        g_object_unref (result);
      }
      g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
      g_assert_nonnull (strstr (g_bytes_get_data (reply, NULL), "contract_violation"));
    }

  g_assert_cmpuint (ai_standin_get_violations (standin), ==, G_N_ELEMENTS (bodies));
  ai_standin_free (standin);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;

  /* libsecret's file backend: no daemon, a keyring in a temporary folder */
  keyring_dir = test_make_tmpdir ("keyring");
  keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func, key) \
  g_test_add ("/medialib/ai/" path, Fixture, key, fixture_setup, func, fixture_teardown)
/* The generations, the quota and the variants added are the catalog's and the blob store's */
#define ADD_STORE(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/ai", path, Fixture, NULL, \
                         fixture_setup, func, fixture_teardown)

  g_test_add_func ("/medialib/ai/prompt-rule", test_prompt_rule);
  g_test_add_func ("/medialib/ai/standin-checks-contract", test_standin_checks_contract);
  ADD ("b64", test_b64, NULL);
  ADD ("streaming", test_streaming, NULL);
  ADD ("stream-fallback", test_stream_fallback, NULL);
  ADD ("dall-e-3-parallel", test_dalle3_parallel, NULL);
  ADD ("urls", test_urls, NULL);
  ADD ("big-png-reencoded", test_big_png_reencoded, NULL);
  ADD ("errors", test_errors, NULL);
  ADD ("key", test_key, "sk-test");
  ADD ("connection-refused", test_connection_refused, NULL);
  ADD_STORE ("timeout", test_timeout);
  ADD_STORE ("quota", test_quota);
  ADD_STORE ("quota-and-recent-async", test_quota_and_recent_async);
  ADD_STORE ("add-variant", test_add_variant);
  ADD ("secret", test_secret, NULL);

  {
    int ret = g_test_run ();

    test_rm_rf (keyring_dir);
    return ret;
  }
}
