/* medialib-ai-response.c — reading an image server's answers defensively, and turning its
 * failures (transport, HTTP status, error bodies) into errors that say what to do
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-ai-client"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-ai-client.h"
#include "medialib-ai-private.h"

/* Members of the shape the contract gives, or NULL: servers' answers are not trusted. */
JsonObject *
_medialib_ai_object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  g_assert (name != NULL);

  node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_medialib_ai_array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  g_assert (name != NULL);

  node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
_medialib_ai_string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  g_assert (name != NULL);

  node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

/* The root of a parsed answer when it is an object. An empty or blank text parses without
 * an error but to no root at all, which JSON_NODE_HOLDS_OBJECT() does not take. */
static JsonObject *
root_object (JsonParser *parser)
{
  JsonNode *root;

  g_assert (JSON_IS_PARSER (parser));

  root = json_parser_get_root (parser);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

GError *
_medialib_ai_transport_error (const char *base_url,
                              guint       timeout,
                              GError     *error)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_assert (base_url != NULL);
  g_assert (error != NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  host = uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : base_url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_TIMEOUT,
                        _("%s did not answer within %u seconds; try again later"), host, timeout);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_TLS,
                        _("The secure connection to %s failed: %s"), host, error->message);

  return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONNECTION,
                      _("Could not connect to %s: %s. Check the server address in Preferences."),
                      host, error->message);
}

GError *
_medialib_ai_http_error (guint        status,
                         SoupMessage *message,
                         GBytes      *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *server_message = NULL;
  const char *code = NULL;
  const char *type = NULL;
  const char *retry_after;

  g_assert (SOUP_IS_MESSAGE (message));

  if (body != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) &&
      root_object (parser) != NULL)
    {
      JsonObject *error = _medialib_ai_object_member (root_object (parser), "error");

      server_message = _medialib_ai_string_member (error, "message");
      code = _medialib_ai_string_member (error, "code");
      type = _medialib_ai_string_member (error, "type");
    }

  if (server_message == NULL)
    server_message = soup_message_get_reason_phrase (message);

  if (status == 401)
    return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_UNAUTHORIZED,
                        _("The server refused the API key (%s). Check the key in Preferences."),
                        server_message);

  if (status == 429 && (g_strcmp0 (code, "insufficient_quota") == 0 || g_strcmp0 (type, "insufficient_quota") == 0))
    return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_NO_CREDIT,
                        _("The account has no credit left for image generation: %s"), server_message);

  if (status == 429)
    {
      guint64 seconds = 0;

      retry_after = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
      if (retry_after != NULL && g_ascii_string_to_unsigned (retry_after, 10, 1, 86400, &seconds, NULL))
        return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_RATE_LIMITED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The server is busy with too many requests: try again in %u second",
                                         "The server is busy with too many requests: try again in %u seconds",
                                         (gulong) seconds),
                            (guint) seconds);

      return g_error_new_literal (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_RATE_LIMITED,
                                  _("The server is busy with too many requests: try again in a minute"));
    }

  if (status == 400 && (g_strcmp0 (code, "content_policy_violation") == 0 ||
                        g_strcmp0 (code, "moderation_blocked") == 0))
    return g_error_new_literal (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONTENT_POLICY,
                                _("The provider’s safety system rejected the description: rephrase it and try again"));

  if (status >= 500)
    return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_SERVER,
                        _("The server had a problem (HTTP %u: %s); try again later"), status, server_message);

  return g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_REQUEST,
                      _("The server refused the request (HTTP %u): %s"), status, server_message);
}

/* --- Answers ------------------------------------------------------------------------------------- */

void
_medialib_ai_image_free (MedialibAiImage *image)
{
  if (image == NULL)
    return;

  g_clear_pointer (&image->bytes, g_bytes_unref);
  g_free (image->url);
  g_free (image);
}

/* Bytes of base64 text, or NULL when there is no text or it gives no bytes */
static GBytes *
decode_b64 (const char *text)
{
  gsize length = 0;
  guchar *data;

  if (text == NULL)
    return NULL;

  data = g_base64_decode (text, &length);
  if (data == NULL || length == 0)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

/**
 * _medialib_ai_parse_images_response:
 * @body: the body of a successful answer
 * @images: (out) (element-type MedialibAiImage): the images, in the order of the answer
 *
 * Reads the ImagesResponse of the contract: data[] of b64_json or url. Each image has its
 * bytes, or else its URL.
 */
gboolean
_medialib_ai_parse_images_response (GBytes     *body,
                                    GPtrArray **images,
                                    GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) _medialib_ai_image_free);
  JsonArray *data;
  JsonObject *root;

  g_assert (body != NULL);
  g_assert (images != NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) ||
      (root = root_object (parser)) == NULL)
    {
      g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                           _("The server’s answer is not valid JSON"));
      return FALSE;
    }

  data = _medialib_ai_array_member (root, "data");
  if (data == NULL)
    {
      g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                           _("The server’s answer has no images"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *url = _medialib_ai_string_member (object, "url");
      MedialibAiImage *image = g_new0 (MedialibAiImage, 1);

      g_ptr_array_add (result, image);
      image->bytes = decode_b64 (_medialib_ai_string_member (object, "b64_json"));
      if (image->bytes == NULL && url != NULL)
        image->url = g_strdup (url);
      else if (image->bytes == NULL)
        {
          g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                       _("Image %u of the server’s answer has neither data nor a URL"), i + 1);
          return FALSE;
        }
    }

  *images = g_steal_pointer (&result);
  return TRUE;
}

/**
 * _medialib_ai_stream_add_line:
 * @event: the data of the event being read, empty between events
 * @line: (nullable): a line of the stream without its line break, or %NULL at its end
 *
 * Collects the `data:` lines of server-sent events; an empty line (or the end of the
 * stream) ends an event. Other fields (`event:`, comments) are not needed.
 *
 * Returns: (transfer full) (nullable): the data of the event that @line ends
 */
char *
_medialib_ai_stream_add_line (GString    *event,
                              const char *line)
{
  g_assert (event != NULL);

  if (line == NULL || line[0] == '\0')
    {
      char *data;

      if (event->len == 0)
        return NULL;

      data = g_strdup (event->str);
      g_string_truncate (event, 0);
      return data;
    }

  if (g_str_has_prefix (line, "data:"))
    {
      const char *value = line + 5;

      if (*value == ' ')
        value++;
      if (event->len > 0)
        g_string_append_c (event, '\n');
      g_string_append (event, value);
    }

  return NULL;
}

/**
 * _medialib_ai_parse_stream_event:
 * @data: the data of one event
 * @kind: (out): what it brings
 * @image: (out) (transfer full) (nullable): the image of a partial or completed event
 *
 * Reads an event of a GPT image model's stream: a partial image, a completed one, or an
 * error the server reports in the stream.
 */
gboolean
_medialib_ai_parse_stream_event (const char           *data,
                                 MedialibAiEventKind  *kind,
                                 GBytes              **image,
                                 GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;
  const char *type;

  g_assert (data != NULL);
  g_assert (kind != NULL);
  g_assert (image != NULL);

  *kind = MEDIALIB_AI_EVENT_OTHER;
  *image = NULL;

  if (g_str_equal (data, "[DONE]"))
    return TRUE;

  if (!json_parser_load_from_data (parser, data, -1, NULL) || (event = root_object (parser)) == NULL)
    {
      g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                           _("The server’s answer is not valid JSON"));
      return FALSE;
    }

  type = _medialib_ai_string_member (event, "type") ? _medialib_ai_string_member (event, "type") : "";

  if (json_object_has_member (event, "error"))
    {
      const char *message = _medialib_ai_string_member (_medialib_ai_object_member (event, "error"), "message");

      if (message == NULL)
        message = "?";

      g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_SERVER,
                   _("The server stopped the generation: %s"), message);
      return FALSE;
    }

  if (g_str_equal (type, "image_generation.partial_image"))
    {
      *kind = MEDIALIB_AI_EVENT_PARTIAL;
      *image = decode_b64 (_medialib_ai_string_member (event, "b64_json"));
    }
  else if (g_str_equal (type, "image_generation.completed"))
    {
      *image = decode_b64 (_medialib_ai_string_member (event, "b64_json"));
      if (*image == NULL)
        {
          g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                               _("The server’s answer has no images"));
          return FALSE;
        }
      *kind = MEDIALIB_AI_EVENT_COMPLETED;
    }

  return TRUE;
}

/**
 * _medialib_ai_redact_key:
 *
 * Replaces the API key, and anything that starts like it, in @error's message: a server
 * that refuses a key may quote it, and error messages end up on screen and in logs.
 */
void
_medialib_ai_redact_key (GError     *error,
                         const char *api_key)
{
  g_autoptr(GString) message = NULL;
  gsize prefix;

  if (error == NULL || api_key == NULL || strlen (api_key) < 8)
    return;

  message = g_string_new (error->message);
  g_string_replace (message, api_key, "[API key]", 0);

  /* A masked quote ("sk-proj-ab…wxyz") still shows the key's start: drop that too */
  prefix = MIN (strlen (api_key) / 2, (gsize) 12);
  {
    g_autofree char *start = g_strndup (api_key, prefix);
    const char *found;

    while ((found = strstr (message->str, start)) != NULL)
      {
        gsize pos = (gsize) (found - message->str);
        gsize end = pos;

        while (end < message->len && !g_ascii_isspace (message->str[end]) &&
               message->str[end] != '.' && message->str[end] != ',' && message->str[end] != ')')
          end++;
        g_string_erase (message, (gssize) pos, (gssize) (end - pos));
        g_string_insert (message, (gssize) pos, "[API key]");
      }
  }

  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}
