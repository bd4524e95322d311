/* ai-standin.c — a stand-in OpenAI-compatible image server for the tests
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /v1/images/generations, checked against the contract file when ../shared is there,
 * answering with real PNGs. Markers in the prompt choose what goes wrong:
 *
 *   [401] [no-credit] [rate] [policy] [400] [500]   the errors of the API
 *   [hang]       never answers (timeouts)        [slow]      answers after 1.5 s (cancel)
 *   [malformed]  not JSON                        [few]       three images instead of four
 *   [notimage]   data that is not an image       [url]       URLs to download, not b64_json
 *   [big]        a PNG of more than 5 MB         [nostream]  ignores "stream": plain JSON
 *
 * POST /v1/chat/completions (alt text suggestions) checks that the request names a model,
 * attaches a decodable image as a data: URL image_url part and says the language to write
 * in ("language code \"fr\""), and answers good JSON in that language, with six tags, unless
 * the model's name has a marker: [malformed] (text that is no JSON) [fenced] (the object in a
 * code fence) [badtypes] (alt is a number) [notjson] (a body that is not JSON) [refusal]
 * [401] [500] [slow] [hang], as above.
 *
 * It serves any number of clients at once from its main loop: a [slow] answer waits on a
 * timer, not on the other requests. GET /stats also says how many [slow] requests were
 * waiting at the same moment at most (most_at_once), so that a test can tell that its
 * clients really asked together.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "ai-standin.h"

struct _AiStandin
{
  SoupServer *server;
  char       *base_url;
  char       *key;
  JsonObject *properties;   /* CreateImageRequest's, from the contract */
  JsonNode   *contract;
  GHashTable *files;        /* path → GBytes, for [url] */
  gboolean    tls;
  GPtrArray  *hanging;      /* paused messages */
  GPtrArray  *slow;         /* [slow] messages whose answer is due in a timeout */
  guint       requests;
  guint       violations;
  guint       file_serial;
  guint       waiting;      /* [slow] requests not answered yet */
  guint       most_at_once;
  guint       chat_requests;
  char       *chat_language;  /* what the last chat request asked for */
  int         chat_image_width;
  int         chat_image_height;
};

static GBytes *
make_png (int     size,
          guint   seed,
          gboolean noisy)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 r = (guint8) (seed * 67), g = (guint8) (seed * 131), b = (guint8) (seed * 29 + 80);
  g_autofree char *buffer = NULL;
  gsize length;

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = noisy ? (guint8) g_rand_int (rand) : (guint8) (r + x);
        p[1] = noisy ? (guint8) g_rand_int (rand) : (guint8) (g + y);
        p[2] = noisy ? (guint8) g_rand_int (rand) : b;
      }

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, "compression", "1", NULL);
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
send_error (SoupServerMessage *msg,
            guint              status,
            const char        *type,
            const char        *code,
            const char        *message)
{
  g_autofree char *json = g_strdup_printf ("{\"error\": {\"message\": \"%s\", \"type\": \"%s\", "
                                           "\"param\": null, \"code\": %s%s%s}}",
                                           message, type, code ? "\"" : "", code ? code : "null",
                                           code ? "\"" : "");

  send_json (msg, status, json);
}

/* The request against CreateImageRequest: required members, known members, types, enums,
 * ranges. Returns a description of the first violation, or NULL. */
static char *
check_contract (AiStandin  *self,
                JsonObject *body)
{
  g_autoptr(GList) members = NULL;
  JsonObject *schemas;
  JsonArray *required;

  if (self->properties == NULL)
    return NULL;

  schemas = json_object_get_object_member (json_object_get_object_member (json_node_get_object (self->contract),
                                                                          "components"), "schemas");
  required = json_object_get_array_member (json_object_get_object_member (schemas, "CreateImageRequest"), "required");
  for (guint i = 0; i < json_array_get_length (required); i++)
    if (!json_object_has_member (body, json_array_get_string_element (required, i)))
      return g_strdup_printf ("missing required member %s", json_array_get_string_element (required, i));

  members = json_object_get_members (body);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (body, name);
      JsonObject *property;
      const char *type = NULL;
      JsonArray *enum_values = NULL;

      if (!json_object_has_member (self->properties, name))
        return g_strdup_printf ("unknown member %s", name);

      property = json_object_get_object_member (self->properties, name);
      if (json_object_has_member (property, "$ref"))
        {
          /* PartialImages: an integer 0 to 3, or null */
          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (json_node_get_value_type (value) != G_TYPE_INT64 ||
              json_node_get_int (value) < 0 || json_node_get_int (value) > 3)
            return g_strdup_printf ("%s must be an integer from 0 to 3", name);
          continue;
        }

      if (json_object_has_member (property, "type"))
        type = json_object_get_string_member (property, "type");
      else if (json_object_has_member (property, "anyOf"))
        type = "string";
      if (json_object_has_member (property, "enum"))
        enum_values = json_object_get_array_member (property, "enum");

      if (JSON_NODE_HOLDS_NULL (value))
        {
          if (!json_object_get_boolean_member_with_default (property, "nullable", FALSE))
            return g_strdup_printf ("%s cannot be null", name);
          continue;
        }

      if (g_strcmp0 (type, "string") == 0 && json_node_get_value_type (value) != G_TYPE_STRING)
        return g_strdup_printf ("%s must be a string", name);
      if (g_strcmp0 (type, "integer") == 0 && json_node_get_value_type (value) != G_TYPE_INT64)
        return g_strdup_printf ("%s must be an integer", name);
      if (g_strcmp0 (type, "boolean") == 0 && json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return g_strdup_printf ("%s must be a boolean", name);

      if (g_strcmp0 (type, "integer") == 0)
        {
          gint64 v = json_node_get_int (value);

          if ((json_object_has_member (property, "minimum") && v < json_object_get_int_member (property, "minimum")) ||
              (json_object_has_member (property, "maximum") && v > json_object_get_int_member (property, "maximum")))
            return g_strdup_printf ("%s is out of range", name);
        }

      if (enum_values != NULL)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < json_array_get_length (enum_values); i++)
            found |= g_strcmp0 (json_array_get_string_element (enum_values, i), json_node_get_string (value)) == 0;
          if (!found)
            return g_strdup_printf ("%s is not one of its values", name);
        }
    }

  /* The contract's rules across members */
  if (json_object_has_member (body, "response_format") &&
      g_str_has_prefix (json_object_get_string_member_with_default (body, "model", ""), "gpt-image"))
    return g_strdup ("response_format is not supported for the GPT image models");
  if (json_object_get_boolean_member_with_default (body, "stream", FALSE) &&
      !g_str_has_prefix (json_object_get_string_member_with_default (body, "model", ""), "gpt-image"))
    return g_strdup ("stream is only supported for the GPT image models");
  if (g_strcmp0 (json_object_get_string_member_with_default (body, "model", ""), "dall-e-3") == 0 &&
      json_object_get_int_member_with_default (body, "n", 1) != 1)
    return g_strdup ("dall-e-3 supports n=1 only");

  return NULL;
}

static char *
image_json (AiStandin  *self,
            GBytes     *png,
            gboolean    as_url)
{
  if (as_url)
    {
      g_autofree char *path = g_strdup_printf ("/files/%u.png", ++self->file_serial);

      g_hash_table_insert (self->files, g_strdup (path), g_bytes_ref (png));
      return g_strdup_printf ("{\"url\": \"%s%s\"}", self->base_url, path + 0);
    }
  else
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

      return g_strdup_printf ("{\"b64_json\": \"%s\"}", b64);
    }
}

static void
answer (AiStandin         *self,
        SoupServerMessage *msg,
        JsonObject        *body)
{
  const char *prompt = json_object_get_string_member_with_default (body, "prompt", "");
  gint64 n = json_object_get_int_member_with_default (body, "n", 1);
  gboolean stream = json_object_get_boolean_member_with_default (body, "stream", FALSE) &&
                    strstr (prompt, "[nostream]") == NULL;
  guint seed = g_str_hash (prompt) + self->requests * 7;
  g_autoptr(GString) json = g_string_new ("{\"created\": 1713833628, \"data\": [");

  if (strstr (prompt, "[few]") != NULL)
    n = (n == 4) ? 3 : (self->requests % 4 == 0 ? 0 : n);

  if (strstr (prompt, "[malformed]") != NULL)
    {
      send_json (msg, 200, "{\"created\": 1, \"data\": [ {\"b64_json\": ");
      return;
    }

  if (stream)
    {
      g_autoptr(GString) events = g_string_new (NULL);

      for (int partial = 0; partial < 2; partial++)
        {
          g_autoptr(GBytes) png = make_png (32, seed + 100 + partial, FALSE);
          g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

          g_string_append_printf (events,
                                  "event: image_generation.partial_image\n"
                                  "data: {\"type\": \"image_generation.partial_image\", \"b64_json\": \"%s\", "
                                  "\"created_at\": 1620000000, \"size\": \"1024x1024\", \"quality\": \"low\", "
                                  "\"background\": \"opaque\", \"output_format\": \"png\", \"partial_image_index\": %d}\n\n",
                                  b64, partial);
        }

      for (gint64 i = 0; i < n; i++)
        {
          g_autoptr(GBytes) png = make_png (128, seed + (guint) i, FALSE);
          g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

          g_string_append_printf (events,
                                  "event: image_generation.completed\n"
                                  "data: {\"type\": \"image_generation.completed\", \"b64_json\": \"%s\", "
                                  "\"created_at\": 1620000000, \"size\": \"1024x1024\", \"quality\": \"low\", "
                                  "\"background\": \"opaque\", \"output_format\": \"png\", \"usage\": "
                                  "{\"total_tokens\": 1, \"input_tokens\": 1, \"output_tokens\": 0, "
                                  "\"input_tokens_details\": {\"text_tokens\": 1, \"image_tokens\": 0}}}\n\n",
                                  b64);
        }

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/event-stream", SOUP_MEMORY_COPY, events->str, events->len);
      return;
    }

  for (gint64 i = 0; i < n; i++)
    {
      g_autoptr(GBytes) png = NULL;
      g_autofree char *item = NULL;

      if (strstr (prompt, "[notimage]") != NULL)
        png = g_bytes_new_static ("hello, not an image", 19);
      else if (strstr (prompt, "[big]") != NULL)
        png = make_png (1400, seed + (guint) i, TRUE);
      else
        png = make_png (128, seed + (guint) i, FALSE);

      item = image_json (self, png, strstr (prompt, "[url]") != NULL);
      g_string_append_printf (json, "%s%s", i > 0 ? ", " : "", item);
    }
  g_string_append (json, "]}");

  send_json (msg, 200, json->str);
}

/* --- Chat completions --------------------------------------------------------------------------- */

/* The language code in "language code \"xx\"" of a text, or NULL */
static char *
find_language (const char *text)
{
  const char *start = text ? strstr (text, "language code \"") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("language code \"");
  end = strchr (start, '"');
  return end != NULL && end > start ? g_strndup (start, end - start) : NULL;
}

/* The request's image and language, checked; a description of what is wrong, or NULL */
static char *
check_chat (AiStandin  *self,
            JsonObject *body)
{
  JsonArray *messages = json_object_has_member (body, "messages") &&
                        JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "messages"))
                          ? json_object_get_array_member (body, "messages") : NULL;
  gboolean has_image = FALSE;

  if (json_object_get_string_member_with_default (body, "model", "")[0] == '\0')
    return g_strdup ("no model");
  if (messages == NULL)
    return g_strdup ("no messages");

  g_clear_pointer (&self->chat_language, g_free);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      JsonNode *content = message ? json_object_get_member (message, "content") : NULL;
      JsonArray *parts;

      if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
        continue;
      parts = json_node_get_array (content);
      for (guint j = 0; j < json_array_get_length (parts); j++)
        {
          JsonObject *part = json_array_get_object_element (parts, j);
          const char *type = part ? json_object_get_string_member_with_default (part, "type", "") : "";

          if (g_str_equal (type, "text") && self->chat_language == NULL)
            self->chat_language = find_language (json_object_get_string_member_with_default (part, "text", NULL));
          else if (g_str_equal (type, "image_url") && json_object_has_member (part, "image_url"))
            {
              const char *url = json_object_get_string_member_with_default (json_object_get_object_member (part, "image_url"), "url", "");
              const char *data = strstr (url, ";base64,");
              g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
              g_autofree guchar *bytes = NULL;
              gsize length = 0;
              GdkPixbuf *pixbuf;

              if (!g_str_has_prefix (url, "data:image/") || data == NULL)
                return g_strdup ("the image is not a data: URL");
              bytes = g_base64_decode (data + strlen (";base64,"), &length);
              if (length == 0 || !gdk_pixbuf_loader_write (loader, bytes, length, NULL) ||
                  !gdk_pixbuf_loader_close (loader, NULL) || !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
                return g_strdup ("the image does not decode");
              self->chat_image_width = gdk_pixbuf_get_width (pixbuf);
              self->chat_image_height = gdk_pixbuf_get_height (pixbuf);
              has_image = TRUE;
            }
        }
    }

  if (!has_image)
    return g_strdup ("no image_url part");
  if (self->chat_language == NULL)
    return g_strdup ("no language asked");

  return NULL;
}

static void
answer_chat (AiStandin         *self,
             SoupServerMessage *msg,
             JsonObject        *body)
{
  const char *model = json_object_get_string_member_with_default (body, "model", "");
  gboolean french = g_str_has_prefix (self->chat_language ? self->chat_language : "", "fr");
  const char *object = french
    ? "{\"alt\": \"Un chat roux dort sur un canapé bleu.\", \"tags\": [\"chat\", \"canapé\", \"Chat\", "
      "\"animal\", \"intérieur\", \"sieste\", \"repos\"]}"
    : "{\"alt\": \"A ginger cat sleeps on a blue sofa.\", \"tags\": [\"cat\", \"sofa\", \"Cat\", "
      "\"animal\", \"indoors\", \"nap\", \"rest\"]}";
  g_autofree char *content = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (strstr (model, "[notjson]") != NULL)
    {
      send_json (msg, 200, "{\"choices\": [ {\"message\": ");
      return;
    }

  if (strstr (model, "[malformed]") != NULL)
    content = g_strdup ("Sure! This picture shows a cat on a sofa.");
  else if (strstr (model, "[badtypes]") != NULL)
    content = g_strdup ("{\"alt\": 42, \"tags\": \"cat\"}");
  else if (strstr (model, "[fenced]") != NULL)
    content = g_strdup_printf ("Here it is:\n```json\n%s\n```", object);
  else
    content = g_strdup (object);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion");
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "assistant");
  json_builder_set_member_name (builder, "content");
  if (strstr (model, "[refusal]") != NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, content);
  json_builder_set_member_name (builder, "refusal");
  if (strstr (model, "[refusal]") != NULL)
    json_builder_add_string_value (builder, "I can't help with that.");
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "finish_reason");
  json_builder_add_string_value (builder, "stop");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  send_json (msg, 200, json);
}

static gboolean
answer_later_cb (gpointer data)
{
  SoupServerMessage *msg = data;
  AiStandin *self = g_object_get_data (G_OBJECT (msg), "standin");
  JsonObject *body = g_object_get_data (G_OBJECT (msg), "body");

  if (g_object_get_data (G_OBJECT (msg), "chat") != NULL)
    answer_chat (self, msg, body);
  else
    answer (self, msg, body);
  self->waiting--;
  soup_server_message_unpause (msg);
  g_ptr_array_remove (self->slow, msg);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  AiStandin *self = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *violation = NULL;
  const char *auth;
  const char *prompt;
  JsonObject *body;
  gboolean chat;

  if (g_str_has_prefix (path, "/files/"))
    {
      GBytes *file = g_hash_table_lookup (self->files, path);

      if (file == NULL)
        soup_server_message_set_status (msg, 404, NULL);
      else
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                            g_bytes_get_data (file, NULL), g_bytes_get_size (file));
        }
      return;
    }

  if (g_str_equal (path, "/stats"))
    {
      g_autofree char *json = g_strdup_printf ("{\"requests\": %u, \"violations\": %u, \"most_at_once\": %u, "
                                               "\"chat_requests\": %u}",
                                               self->requests, self->violations, self->most_at_once,
                                               self->chat_requests);

      send_json (msg, 200, json);
      return;
    }

  if (!g_str_equal (path, "/v1/images/generations") && !g_str_equal (path, "/v1/chat/completions"))
    {
      send_error (msg, 404, "invalid_request_error", NULL, "Unknown path");
      return;
    }

  /* requests counts the image generations; chat_requests the suggestions */
  chat = g_str_equal (path, "/v1/chat/completions");
  if (chat)
    self->chat_requests++;
  else
    self->requests++;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST") ||
      g_strcmp0 (soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL),
                 "application/json") != 0 ||
      !json_parser_load_from_data (parser, request_body->data, (gssize) request_body->length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      self->violations++;
      send_error (msg, 400, "invalid_request_error", "contract_violation", "The request is not a JSON POST");
      return;
    }

  body = json_node_get_object (json_parser_get_root (parser));
  if ((violation = chat ? check_chat (self, body) : check_contract (self, body)) != NULL)
    {
      g_autofree char *message = g_strdup_printf ("contract: %s", violation);

      self->violations++;
      g_printerr ("ai-standin: %s\n", message);
      send_error (msg, 400, "invalid_request_error", "contract_violation", message);
      return;
    }

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  /* A chat request's markers are in its model's name */
  prompt = json_object_get_string_member_with_default (body, chat ? "model" : "prompt", "");

  if (strstr (prompt, "[401]") != NULL ||
      (self->key != NULL && (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || !g_str_equal (auth + 7, self->key))))
    {
      /* Like real servers, quote the key that was refused */
      g_autofree char *quoted = g_strdup_printf ("Incorrect API key provided: %s.",
                                                 auth != NULL && g_str_has_prefix (auth, "Bearer ") ? auth + 7 : "none");

      send_error (msg, 401, "invalid_request_error", "invalid_api_key", quoted);
    }
  else if (strstr (prompt, "[no-credit]") != NULL)
    send_error (msg, 429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota");
  else if (strstr (prompt, "[rate]") != NULL)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Retry-After", "7");
      send_error (msg, 429, "requests", "rate_limit_exceeded", "Rate limit reached");
    }
  else if (strstr (prompt, "[policy]") != NULL)
    send_error (msg, 400, "image_generation_user_error", "content_policy_violation",
                "Your request was rejected by the safety system");
  else if (strstr (prompt, "[400]") != NULL)
    send_error (msg, 400, "invalid_request_error", "invalid_value", "Invalid value for size");
  else if (strstr (prompt, "[500]") != NULL)
    send_error (msg, 500, "server_error", NULL, "The server had an error while processing your request");
  else if (strstr (prompt, "[hang]") != NULL)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (self->hanging, g_object_ref (msg));
    }
  else if (strstr (prompt, "[slow]") != NULL)
    {
      soup_server_message_pause (msg);
      g_object_set_data (G_OBJECT (msg), "standin", self);
      g_object_set_data_full (G_OBJECT (msg), "body", json_object_ref (body), (GDestroyNotify) json_object_unref);
      g_object_set_data (G_OBJECT (msg), "chat", GINT_TO_POINTER (chat));
      self->most_at_once = MAX (self->most_at_once, ++self->waiting);
      g_ptr_array_add (self->slow, g_object_ref (msg));
      g_timeout_add (1500, answer_later_cb, msg);
    }
  else if (chat)
    answer_chat (self, msg, body);
  else
    answer (self, msg, body);
}

static void
load_contract (AiStandin *self)
{
  const char *shared = g_getenv ("MEDIALIB_SHARED");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (shared == NULL)
    return;

  path = g_build_filename (shared, "contracts", "openai-images-generations.json", NULL);
  if (!json_parser_load_from_file (parser, path, NULL))
    return;

  self->contract = json_node_copy (json_parser_get_root (parser));
  self->properties = json_object_get_object_member (
      json_object_get_object_member (
          json_object_get_object_member (
              json_object_get_object_member (json_node_get_object (self->contract), "components"),
              "schemas"),
          "CreateImageRequest"),
      "properties");
}

AiStandin *
ai_standin_new (const char *key)
{
  AiStandin *self = g_new0 (AiStandin, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->key = g_strdup (key);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->hanging = g_ptr_array_new_with_free_func (g_object_unref);
  self->slow = g_ptr_array_new_with_free_func (g_object_unref);
  load_contract (self);

  /* STANDIN_TLS names a PEM file (certificate and key): the server speaks HTTPS with it,
   * e.g. a self-signed certificate that clients must refuse */
  if (g_getenv ("STANDIN_TLS") != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (g_getenv ("STANDIN_TLS"), &error);

      if (certificate == NULL)
        g_error ("ai-standin: %s", error->message);
      self->server = soup_server_new ("tls-certificate", certificate, NULL);
      self->tls = TRUE;
    }
  else
    self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY | (self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 &error))
    g_error ("ai-standin: %s", error->message);

  uris = soup_server_get_uris (self->server);
  self->base_url = g_strdup_printf ("%s://127.0.0.1:%d", self->tls ? "https" : "http",
                                    g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return self;
}

/* The base URL the client is given: http://127.0.0.1:PORT/v1 */
char *
ai_standin_dup_base_url (AiStandin *self)
{
  return g_strconcat (self->base_url, "/v1", NULL);
}

gboolean
ai_standin_checks_contract (AiStandin *self)
{
  return self->properties != NULL;
}

guint
ai_standin_get_requests (AiStandin *self)
{
  return self->requests;
}

/* Chat completions asked, and what the last one attached and asked for */
guint
ai_standin_get_chat_requests (AiStandin *self)
{
  return self->chat_requests;
}

const char *
ai_standin_get_chat_language (AiStandin *self)
{
  return self->chat_language;
}

void
ai_standin_get_chat_image_size (AiStandin *self,
                                int       *width,
                                int       *height)
{
  *width = self->chat_image_width;
  *height = self->chat_image_height;
}

guint
ai_standin_get_violations (AiStandin *self)
{
  return self->violations;
}

void
ai_standin_free (AiStandin *self)
{
  /* A [slow] answer still due must not run once this is gone (the next test's main loop
   * would run it) */
  for (guint i = 0; i < self->slow->len; i++)
    g_source_remove_by_user_data (g_ptr_array_index (self->slow, i));
  g_clear_pointer (&self->slow, g_ptr_array_unref);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->hanging, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->contract, json_node_unref);
  g_free (self->base_url);
  g_free (self->key);
  g_free (self->chat_language);
  g_free (self);
}
