/* medialib-ai-client.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-ai-client"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "medialib-ai-client.h"
#include "medialib-ai-private.h"
#include "medialib-settings.h"

/*
 * POST {base}/images/generations, as ../shared/contracts/openai-images-generations.json
 * describes it. One request asks for the four variants (n = 4), except:
 *
 * - dall-e-3 takes n = 1 only: four requests run side by side;
 * - GPT image models stream (stream = true, partial_images = 2), and a stream's events do
 *   not say which of several images they belong to: four requests of one image each run
 *   side by side, so that every partial image lands in its own slot. A server that does
 *   not stream answers with plain JSON, which is read the same way.
 *
 * Images come as b64_json or as a url to download. The variants are checked like uploads
 * on a worker thread. Everything runs on one SoupSession in the caller's main context.
 */

G_DEFINE_QUARK (medialib-ai-error-quark, medialib_ai_error)

#define DEFAULT_TIMEOUT 240

struct _MedialibAiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *model;
  char        *vision_model;  /* suggests alt text and tags (medialib-ai-suggest.c) */
  char        *size;
  char        *api_key;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (MedialibAiClient, medialib_ai_client, G_TYPE_OBJECT)

typedef struct
{
  MedialibAiClient      *client;
  char                  *prompt;
  GBytes                *slots[MEDIALIB_AI_VARIANTS];
  guint                  pending;
  GError                *error;
  GCancellable          *internal;    /* stops the other requests after an error */
  gulong                 cancel_id;
  MedialibAiPartialFunc  partial;
  gpointer               partial_data;
} Generate;

typedef struct
{
  GTask            *task;         /* owned */
  SoupMessage      *message;
  guint             first_slot;
  guint             n_images;
  guint             received;
  GDataInputStream *lines;
  GString          *event;
} Request;

static void
generate_free (Generate *generate)
{
  g_clear_object (&generate->client);
  g_free (generate->prompt);
  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    g_clear_pointer (&generate->slots[i], g_bytes_unref);
  g_clear_error (&generate->error);
  g_clear_object (&generate->internal);
  g_free (generate);
}

/* --- Requests --------------------------------------------------------------------------------- */

static gboolean
is_gpt_image (const char *model)
{
  g_assert (model != NULL);

  return g_str_has_prefix (model, "gpt-image");
}

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_object (&request->lines);
  if (request->event != NULL)
    g_string_free (request->event, TRUE);
  g_clear_object (&request->task);
  g_free (request);
}

static void validate_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable);

static void
request_done (Request *request,
              GError  *error)
{
  GTask *task;
  Generate *generate;

  g_assert (request != NULL);
  g_assert (G_IS_TASK (request->task));

  task = g_object_ref (request->task);
  generate = g_task_get_task_data (task);

  if (error != NULL)
    {
      /* Servers may quote the key they refused: it never goes further than here */
      _medialib_ai_redact_key (error, generate->client->api_key);
      if (generate->error == NULL)
        generate->error = error;
      else
        g_error_free (error);
      g_cancellable_cancel (generate->internal);
    }

  request_free (request);

  if (--generate->pending > 0)
    {
      g_object_unref (task);
      return;
    }

  g_cancellable_disconnect (g_task_get_cancellable (task), generate->cancel_id);
  generate->cancel_id = 0;

  if (g_task_return_error_if_cancelled (task))
    ;
  else if (generate->error != NULL)
    g_task_return_error (task, g_steal_pointer (&generate->error));
  else
    g_task_run_in_thread (task, validate_thread);

  g_object_unref (task);
}

static void
put_image (Request *request,
           GBytes  *bytes)
{
  Generate *generate = g_task_get_task_data (request->task);
  guint slot = request->first_slot + request->received;

  g_assert (bytes != NULL);

  if (request->received < request->n_images && slot < MEDIALIB_AI_VARIANTS)
    {
      g_clear_pointer (&generate->slots[slot], g_bytes_unref);
      generate->slots[slot] = g_bytes_ref (bytes);
    }

  request->received++;
}

typedef struct
{
  Request *request;
  guint    pending;
  GError  *error;
} Downloads;

static void
on_url_downloaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Downloads *downloads = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes != NULL)
    put_image (downloads->request, bytes);
  else if (downloads->error == NULL)
    downloads->error = error;
  else
    g_error_free (error);

  if (--downloads->pending == 0)
    {
      Generate *generate = g_task_get_task_data (downloads->request->task);
      GError *final = downloads->error ? _medialib_ai_transport_error (generate->client->base_url, generate->client->timeout, downloads->error) : NULL;

      g_clear_error (&downloads->error);
      request_done (downloads->request, final);
      g_free (downloads);
    }
}

/* The ImagesResponse of the contract: data[] of b64_json or url */
static void
read_images_response (Request *request,
                      GBytes  *body)
{
  Generate *generate = g_task_get_task_data (request->task);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  GError *parse_error = NULL;

  if (!_medialib_ai_parse_images_response (body, &images, &parse_error))
    {
      request_done (request, parse_error);
      return;
    }

  for (guint i = 0; i < images->len; i++)
    {
      MedialibAiImage *image = g_ptr_array_index (images, i);

      if (image->bytes != NULL)
        put_image (request, image->bytes);
      else
        g_ptr_array_add (urls, image->url);
    }

  if (urls->len == 0)
    {
      request_done (request, NULL);
      return;
    }

  {
    Downloads *downloads = g_new0 (Downloads, 1);

    downloads->request = request;
    downloads->pending = urls->len;
    for (guint i = 0; i < urls->len; i++)
      {
        g_autoptr(SoupMessage) get = soup_message_new ("GET", g_ptr_array_index (urls, i));

        if (get == NULL)
          {
            downloads->pending--;
            if (downloads->error == NULL)
              downloads->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                              _("the image URL “%s” is not valid"),
                                              (char *) g_ptr_array_index (urls, i));
            continue;
          }
        soup_session_send_and_read_async (generate->client->session, get, G_PRIORITY_DEFAULT,
                                          generate->internal, on_url_downloaded_cb, downloads);
      }

    if (downloads->pending == 0)
      {
        GError *error = g_steal_pointer (&downloads->error);

        g_free (downloads);
        request_done (request, g_error_new_literal (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE,
                                                    error->message));
        g_error_free (error);
      }
  }
}

static void
on_body_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  Generate *generate = g_task_get_task_data (request->task);
  GOutputStream *memory = G_OUTPUT_STREAM (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  guint status;

  if (g_output_stream_splice_finish (memory, result, &error) < 0)
    {
      request_done (request, _medialib_ai_transport_error (generate->client->base_url, generate->client->timeout, error));
      g_error_free (error);
      g_object_unref (memory);
      return;
    }

  body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_object_unref (memory);
  status = soup_message_get_status (request->message);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    request_done (request, _medialib_ai_http_error (status, request->message, body));
  else
    read_images_response (request, body);
}

/* --- Streaming (server-sent events) -------------------------------------------------------------- */

static void read_next_line (Request *request);

static gboolean
handle_event (Request     *request,
              const char  *data,
              GError     **error)
{
  Generate *generate = g_task_get_task_data (request->task);
  g_autoptr(GBytes) image = NULL;
  MedialibAiEventKind kind;

  if (!_medialib_ai_parse_stream_event (data, &kind, &image, error))
    return FALSE;

  if (kind == MEDIALIB_AI_EVENT_PARTIAL)
    {
      if (image != NULL && generate->partial != NULL)
        generate->partial (request->first_slot + request->received, image, generate->partial_data);
    }
  else if (kind == MEDIALIB_AI_EVENT_COMPLETED)
    put_image (request, image);

  return TRUE;
}

static void
on_line_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  Generate *generate = g_task_get_task_data (request->task);
  g_autofree char *line = NULL;
  g_autofree char *data = NULL;
  GError *error = NULL;
  gsize length;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, &length, &error);
  if (error != NULL)
    {
      request_done (request, error->domain == G_IO_ERROR || error->domain == G_TLS_ERROR
                               ? _medialib_ai_transport_error (generate->client->base_url, generate->client->timeout, error)
                               : g_error_new_literal (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_BAD_RESPONSE, error->message));
      g_error_free (error);
      return;
    }

  /* An empty line ends an event, and so does the end of the stream */
  data = _medialib_ai_stream_add_line (request->event, line);
  if (data != NULL && !handle_event (request, data, &error))
    {
      request_done (request, error);
      return;
    }

  if (line == NULL)
    {
      request_done (request, NULL);
      return;
    }

  read_next_line (request);
}

static void
read_next_line (Request *request)
{
  Generate *generate = g_task_get_task_data (request->task);

  g_data_input_stream_read_line_async (request->lines, G_PRIORITY_DEFAULT, generate->internal,
                                       on_line_read_cb, request);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Request *request = user_data;
  Generate *generate = g_task_get_task_data (request->task);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;
  const char *content_type;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      request_done (request, _medialib_ai_transport_error (generate->client->base_url, generate->client->timeout, error));
      g_error_free (error);
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (request->message), NULL);

  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)) &&
      g_strcmp0 (content_type, "text/event-stream") == 0)
    {
      request->lines = g_data_input_stream_new (stream);
      g_data_input_stream_set_newline_type (request->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      request->event = g_string_new (NULL);
      read_next_line (request);
      return;
    }

  g_output_stream_splice_async (g_memory_output_stream_new_resizable (), stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, generate->internal, on_body_read_cb, request);
}

static GBytes *
build_body (MedialibAiClient *self,
            const char       *prompt,
            guint             n,
            gboolean          stream)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  g_assert (MEDIALIB_IS_AI_CLIENT (self));
  g_assert (prompt != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, self->size);

  if (is_gpt_image (self->model))
    {
      json_builder_set_member_name (builder, "output_format");
      json_builder_add_string_value (builder, "png");
      if (stream)
        {
          json_builder_set_member_name (builder, "stream");
          json_builder_add_boolean_value (builder, TRUE);
          json_builder_set_member_name (builder, "partial_images");
          json_builder_add_int_value (builder, 2);
        }
    }
  else if (g_str_has_prefix (self->model, "dall-e-"))
    {
      json_builder_set_member_name (builder, "response_format");
      json_builder_add_string_value (builder, "b64_json");
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

void
medialib_ai_client_generate_async (MedialibAiClient      *self,
                                   const char            *prompt,
                                   GCancellable          *cancellable,
                                   MedialibAiPartialFunc  partial,
                                   gpointer               partial_data,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;
  Generate *generate;
  gboolean one_each, stream;
  guint n_requests;

  g_return_if_fail (MEDIALIB_IS_AI_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_ai_client_generate_async);

  if (!medialib_ai_check_prompt (prompt, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  generate = g_new0 (Generate, 1);
  generate->client = g_object_ref (self);
  generate->prompt = g_strdup (prompt);
  generate->internal = g_cancellable_new ();
  generate->partial = partial;
  generate->partial_data = partial_data;
  g_task_set_task_data (task, generate, (GDestroyNotify) generate_free);

  if (cancellable != NULL)
    generate->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb),
                                                 g_object_ref (generate->internal), g_object_unref);

  stream = is_gpt_image (self->model);
  one_each = stream || g_str_equal (self->model, "dall-e-3");
  n_requests = one_each ? MEDIALIB_AI_VARIANTS : 1;
  url = g_strconcat (self->base_url, "/images/generations", NULL);
  generate->pending = n_requests;

  for (guint i = 0; i < n_requests; i++)
    {
      g_autoptr(GBytes) body = build_body (self, prompt, one_each ? 1 : MEDIALIB_AI_VARIANTS, stream);
      Request *request = g_new0 (Request, 1);

      request->task = g_object_ref (task);
      request->first_slot = one_each ? i : 0;
      request->n_images = one_each ? 1 : MEDIALIB_AI_VARIANTS;
      request->message = soup_message_new ("POST", url);

      if (request->message == NULL)
        {
          request_done (request, g_error_new (MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONNECTION,
                                              _("“%s” is not a valid server address; check it in Preferences"),
                                              self->base_url));
          continue;
        }

      soup_message_set_request_body_from_bytes (request->message, "application/json", body);
      soup_message_headers_append (soup_message_get_request_headers (request->message),
                                   "Accept", "application/json, text/event-stream");
      if (self->api_key != NULL && self->api_key[0] != '\0')
        {
          g_autofree char *auth = g_strconcat ("Bearer ", self->api_key, NULL);

          soup_message_headers_append (soup_message_get_request_headers (request->message),
                                       "Authorization", auth);
        }

      soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                               generate->internal, on_sent_cb, request);
    }
}

/* --- Checking the variants ------------------------------------------------------------------------ */

static void
validate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Generate *generate = task_data;
  GError *error = NULL;
  GPtrArray *variants;

  g_assert (G_IS_TASK (task));

  if ((variants = _medialib_ai_check_variants (generate->slots, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, variants, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * medialib_ai_client_generate_finish:
 *
 * Returns: (transfer full) (element-type MedialibAiVariant): the four variants
 */
GPtrArray *
medialib_ai_client_generate_finish (MedialibAiClient  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_AI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Object ---------------------------------------------------------------------------------------- */

static void
medialib_ai_client_finalize (GObject *object)
{
  MedialibAiClient *self = MEDIALIB_AI_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->model);
  g_free (self->vision_model);
  g_free (self->size);
  g_free (self->api_key);

  G_OBJECT_CLASS (medialib_ai_client_parent_class)->finalize (object);
}

static void
medialib_ai_client_class_init (MedialibAiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_ai_client_finalize;
}

static void
medialib_ai_client_init (MedialibAiClient *self)
{
}

void
medialib_ai_client_set_timeout (MedialibAiClient *self,
                                guint             seconds)
{
  g_return_if_fail (MEDIALIB_IS_AI_CLIENT (self));

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
}

MedialibAiClient *
medialib_ai_client_new (const char *base_url,
                        const char *model,
                        const char *size,
                        const char *api_key)
{
  MedialibAiClient *self;
  const char *env_timeout = g_getenv ("MEDIALIB_AI_TIMEOUT");
  guint64 timeout = DEFAULT_TIMEOUT;
  g_autofree char *agent = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (size != NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_AI_CLIENT, NULL);
  agent = g_strdup_printf ("MediaLibrary/%s", PACKAGE_VERSION);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->model = g_strdup (model);
  self->vision_model = medialib_settings_dup_ai_vision_model ();
  self->size = g_strdup (size);
  self->api_key = g_strdup (api_key);
  self->session = soup_session_new_with_options ("user-agent", agent, NULL);

  if (env_timeout != NULL)
    g_ascii_string_to_unsigned (env_timeout, 10, 1, 3600, &timeout, NULL);
  medialib_ai_client_set_timeout (self, (guint) timeout);

  return self;
}

/**
 * medialib_ai_client_new_from_settings:
 * @api_key: (nullable): the key, from the keyring or `MEDIALIB_AI_API_KEY`
 *
 * A client for the server, model and size of the settings (or of `MEDIALIB_AI_BASE_URL`,
 * `MEDIALIB_AI_MODEL`).
 */
MedialibAiClient *
medialib_ai_client_new_from_settings (const char *api_key)
{
  g_autofree char *base_url = medialib_settings_dup_ai_base_url ();
  g_autofree char *model = medialib_settings_dup_ai_model ();
  g_autofree char *size = medialib_settings_dup_ai_size ();

  return medialib_ai_client_new (base_url, model, size, api_key);
}

const char *
medialib_ai_client_get_model (MedialibAiClient *self)
{
  g_return_val_if_fail (MEDIALIB_IS_AI_CLIENT (self), NULL);

  return self->model;
}

/* The model that suggests alt text: the setting's (or `MEDIALIB_AI_VISION_MODEL`) unless set */
const char *
medialib_ai_client_get_vision_model (MedialibAiClient *self)
{
  g_return_val_if_fail (MEDIALIB_IS_AI_CLIENT (self), NULL);

  return self->vision_model;
}

void
medialib_ai_client_set_vision_model (MedialibAiClient *self,
                                     const char       *model)
{
  g_return_if_fail (MEDIALIB_IS_AI_CLIENT (self));
  g_return_if_fail (model != NULL);

  g_free (self->vision_model);
  self->vision_model = g_strdup (model);
}

/* A POST of JSON to {base}@path, with the key; %NULL when the base URL is not valid */
SoupMessage *
_medialib_ai_client_new_post (MedialibAiClient *self,
                              const char       *path,
                              GBytes           *body,
                              GError          **error)
{
  g_autofree char *url = NULL;
  SoupMessage *message;

  g_assert (MEDIALIB_IS_AI_CLIENT (self));

  url = g_strconcat (self->base_url, path, NULL);
  if (!(message = soup_message_new ("POST", url)))
    {
      g_set_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_CONNECTION,
                   _("“%s” is not a valid server address; check it in Preferences"), self->base_url);
      return NULL;
    }

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_message_headers_append (soup_message_get_request_headers (message), "Accept", "application/json");
  if (self->api_key != NULL && self->api_key[0] != '\0')
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", auth);
    }

  return message;
}

SoupSession *
_medialib_ai_client_get_session (MedialibAiClient *self)
{
  g_assert (MEDIALIB_IS_AI_CLIENT (self));

  return self->session;
}

/* A transport error in the client's words, with its key redacted */
GError *
_medialib_ai_client_transport_error (MedialibAiClient *self,
                                     GError           *error)
{
  GError *final;

  g_assert (MEDIALIB_IS_AI_CLIENT (self));

  final = _medialib_ai_transport_error (self->base_url, self->timeout, error);
  _medialib_ai_redact_key (final, self->api_key);
  return final;
}

void
_medialib_ai_client_redact (MedialibAiClient *self,
                            GError           *error)
{
  g_assert (MEDIALIB_IS_AI_CLIENT (self));

  _medialib_ai_redact_key (error, self->api_key);
}
