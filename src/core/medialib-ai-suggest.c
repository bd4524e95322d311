/* medialib-ai-suggest.c — alt text and tags suggested by a vision model
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-ai-client"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "medialib-ai-client.h"
#include "medialib-ai-private.h"
#include "medialib-label.h"
#include "medialib-store.h"

/*
 * POST {base}/chat/completions (OpenAI-compatible Chat Completions) with the configured
 * vision model: a system message, and a user message of two parts, the request's text and
 * the image as a data: URL (the caller gives a small one: the 512-pixel thumbnail). The
 * model is asked for a JSON object {"alt": "…", "tags": ["…"]} in the UI's language; the
 * answer is read defensively (code fences, text around the object, wrong types, too many
 * tags): anything unreadable is a MEDIALIB_AI_ERROR_BAD_RESPONSE, never a crash.
 *
 * A suggestion is not an image generation: nothing here touches the daily quota.
 */

/* Large enough for a thumbnail, small enough for any server's request limit */
#define MAX_IMAGE_BYTES (4 * 1024 * 1024)

void
medialib_ai_suggestion_free (MedialibAiSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->alt);
  g_strfreev (suggestion->tags);
  g_free (suggestion);
}

/* --- Language ----------------------------------------------------------------------------------- */

/**
 * medialib_ai_suggest_language:
 *
 * The UI's language, for the model: "fr", "pt_BR"… from g_get_language_names(); "en" for
 * the C locale.
 *
 * Returns: (transfer full):
 */
char *
medialib_ai_suggest_language (void)
{
  const char * const *names = g_get_language_names ();
  g_autofree char *code = NULL;

  if (names == NULL || names[0] == NULL || g_str_equal (names[0], "C") || g_str_equal (names[0], "POSIX"))
    return g_strdup ("en");

  code = g_strdup (names[0]);
  code[strcspn (code, ".@")] = '\0';
  if (code[0] == '\0')
    return g_strdup ("en");

  return g_steal_pointer (&code);
}

/* English names of common languages, which models follow better than a code alone */
static const char *
language_name (const char *code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "en", "English" }, { "fr", "French" }, { "de", "German" }, { "es", "Spanish" },
    { "it", "Italian" }, { "pt", "Portuguese" }, { "nl", "Dutch" }, { "sv", "Swedish" },
    { "da", "Danish" }, { "nb", "Norwegian" }, { "fi", "Finnish" }, { "pl", "Polish" },
    { "cs", "Czech" }, { "ja", "Japanese" }, { "zh", "Chinese" }, { "ko", "Korean" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (code, names[i].code) &&
        (code[2] == '\0' || code[2] == '_' || code[2] == '-'))
      return names[i].name;

  return NULL;
}

/* The request's words: the answer's shape and its language */
char *
_medialib_ai_suggest_prompt (const char *language)
{
  const char *name;

  g_assert (language != NULL);

  name = language_name (language);
  return g_strdup_printf ("Write alt text for this image, for people who cannot see it, and suggest "
                          "tags to find it in a media library. Answer with a JSON object only, "
                          "of the form {\"alt\": \"...\", \"tags\": [\"...\"]}: \"alt\" is one "
                          "sentence of at most 150 characters that does not begin with "
                          "\"Image of\"; \"tags\" are at most %d short tags of one or two words. "
                          "Write both in %s (language code \"%s\").",
                          MEDIALIB_AI_SUGGESTED_TAGS, name != NULL ? name : "the language",
                          language);
}

/* --- Reading the answer ------------------------------------------------------------------------- */

static GError *
bad_answer (const char *why)
{
  return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                      _("The server’s suggestion could not be read (%s); try again or choose another model in Preferences"),
                      why);
}

/* The text of choices[0].message.content: a string, or text parts */
static char *
answer_text (JsonObject  *root,
             GError     **error)
{
  JsonArray *choices = _medialib_ai_array_member (root, "choices");
  JsonObject *message = NULL;
  JsonNode *content;
  const char *refusal;

  if (choices != NULL && json_array_get_length (choices) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (choices, 0)))
    message = _medialib_ai_object_member (json_array_get_object_element (choices, 0), "message");
  if (message == NULL)
    {
      g_propagate_error (error, bad_answer ("no message"));
      return NULL;
    }

  if ((refusal = _medialib_ai_string_member (message, "refusal")) != NULL && refusal[0] != '\0')
    {
      g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONTENT_POLICY,
                   _("The model declined to describe this image: %s"), refusal);
      return NULL;
    }

  content = json_object_get_member (message, "content");
  if (content != NULL && JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (content));

  if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *parts = json_node_get_array (content);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (parts); i++)
        {
          JsonNode *part = json_array_get_element (parts, i);
          const char *piece = JSON_NODE_HOLDS_OBJECT (part)
                                ? _medialib_ai_string_member (json_node_get_object (part), "text") : NULL;

          if (piece != NULL)
            g_string_append (text, piece);
        }
      if (text->len > 0)
        return g_string_free (g_steal_pointer (&text), FALSE);
    }

  g_propagate_error (error, bad_answer ("no text"));
  return NULL;
}

/* One sentence of plain text: line breaks become spaces, at most MEDIALIB_ALT_MAX characters */
static char *
clean_alt (const char *alt)
{
  g_autofree char *text = g_strstrip (g_strdelimit (g_strdup (alt), "\r\n\t", ' '));

  if (g_utf8_strlen (text, -1) > MEDIALIB_ALT_MAX)
    *g_utf8_offset_to_pointer (text, MEDIALIB_ALT_MAX) = '\0';

  return g_steal_pointer (&text);
}

/* Tags that are valid tag names, distinct in any case, at most MEDIALIB_AI_SUGGESTED_TAGS */
static char **
clean_tags (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array) && n < MEDIALIB_AI_SUGGESTED_TAGS; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      char *key;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !(name = medialib_label_normalize (MEDIALIB_LABEL_TAG, json_node_get_string (node), NULL)))
        continue;

      key = medialib_label_key (name);
      if (!g_hash_table_add (keys, key))
        continue;
      g_strv_builder_add (builder, name);
      n++;
    }

  return g_strv_builder_end (builder);
}

/* The object in @text, which models may wrap in a code fence or in sentences */
static JsonObject *
find_object (JsonParser *parser,
             const char *text)
{
  const char *start = strchr (text, '{');
  const char *end = strrchr (text, '}');
  JsonNode *root;

  if (start == NULL || end == NULL || end < start ||
      !json_parser_load_from_data (parser, start, end - start + 1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/**
 * _medialib_ai_parse_suggestion:
 * @body: a ChatCompletion response
 *
 * Returns: (transfer full): the suggestion, or %NULL with @error set
 */
MedialibAiSuggestion *
_medialib_ai_parse_suggestion (GBytes  *body,
                               GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) inner = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *alt = NULL;
  MedialibAiSuggestion *suggestion;
  JsonObject *object;
  JsonNode *root;
  const char *alt_text;

  g_return_val_if_fail (body != NULL, NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, bad_answer ("not JSON"));
      return NULL;
    }

  if (!(text = answer_text (json_node_get_object (root), error)))
    return NULL;

  if (!g_utf8_validate (text, -1, NULL) || !(object = find_object (inner, text)))
    {
      g_propagate_error (error, bad_answer ("no JSON object in the answer"));
      return NULL;
    }

  alt_text = _medialib_ai_string_member (object, "alt");
  if (alt_text == NULL || (alt = clean_alt (alt_text))[0] == '\0')
    {
      g_propagate_error (error, bad_answer ("no alt text"));
      return NULL;
    }

  suggestion = g_new0 (MedialibAiSuggestion, 1);
  suggestion->alt = g_steal_pointer (&alt);
  suggestion->tags = clean_tags (_medialib_ai_array_member (object, "tags"));
  return suggestion;
}

/* --- The request ------------------------------------------------------------------------------------ */

static GBytes *
build_body (MedialibAiClient *self,
            GBytes           *image,
            const char       *mime,
            const char       *language)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (image, NULL), g_bytes_get_size (image));
  g_autofree char *url = g_strconcat ("data:", mime, ";base64,", b64, NULL);
  g_autofree char *prompt = _medialib_ai_suggest_prompt (language);
  char *text;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, medialib_ai_client_get_vision_model (self));
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, "You write concise, accurate alt text for the images of a "
                                          "marketing team's media library, and answer in JSON.");
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, prompt);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "image_url");
  json_builder_set_member_name (builder, "image_url");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, "low");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "response_format");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "json_object");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static void
on_suggest_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedialibAiClient *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  MedialibAiSuggestion *suggestion;
  guint status;

  if (!(body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error)))
    {
      g_task_return_error (task, _medialib_ai_client_transport_error (self, error));
      g_error_free (error);
      return;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    error = _medialib_ai_http_error (status, message, body);
  else if ((suggestion = _medialib_ai_parse_suggestion (body, &error)) != NULL)
    {
      g_task_return_pointer (task, suggestion, (GDestroyNotify) medialib_ai_suggestion_free);
      return;
    }

  /* Servers may quote the key they refused: it goes no further than here */
  _medialib_ai_client_redact (self, error);
  g_task_return_error (task, error);
}

/**
 * medialib_ai_client_suggest_async:
 * @image: a small image (the asset's thumbnail), at most 4 MB
 * @mime: its type: image/png, image/jpeg or image/gif
 * @language: (nullable): the language to write in (medialib_ai_suggest_language() when %NULL)
 *
 * Asks the vision model for a one-sentence alt text and up to five tags. Not a generation:
 * it never counts against the daily quota.
 */
void
medialib_ai_client_suggest_async (MedialibAiClient    *self,
                                  GBytes              *image,
                                  const char          *mime,
                                  const char          *language,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *ui_language = NULL;
  SoupMessage *message;
  GError *error = NULL;

  g_return_if_fail (MEDIALIB_IS_AI_CLIENT (self));
  g_return_if_fail (image != NULL);
  g_return_if_fail (mime != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_ai_client_suggest_async);

  if (g_bytes_get_size (image) == 0 || g_bytes_get_size (image) > MAX_IMAGE_BYTES)
    {
      g_task_return_new_error (task, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_NOT_AN_IMAGE,
                               _("The image to describe is empty or too large"));
      return;
    }

  if (language == NULL)
    language = ui_language = medialib_ai_suggest_language ();

  body = build_body (self, image, mime, language);
  if (!(message = _medialib_ai_client_new_post (self, "/chat/completions", body, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, message, g_object_unref);
  soup_session_send_and_read_async (_medialib_ai_client_get_session (self), message, G_PRIORITY_DEFAULT,
                                    cancellable, on_suggest_read_cb, g_object_ref (task));
}

/**
 * medialib_ai_client_suggest_finish:
 *
 * Returns: (transfer full): the suggestion, or %NULL with @error set
 */
MedialibAiSuggestion *
medialib_ai_client_suggest_finish (MedialibAiClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_AI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_ai_client_suggest_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
