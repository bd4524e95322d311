/* fuzz-ai-response.c — the AI client's reading of a server's answers, on arbitrary bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte says what the rest is:
 *
 *   S  a stream of server-sent events (text/event-stream), read line by line as the client
 *      reads it, each event parsed;
 *   E  an error answer: a first line "STATUS[ RETRY-AFTER]", then the body;
 *   C  a Chat Completions answer to an alt text suggestion (medialib-ai-suggest.c);
 *   anything else: the JSON body of a successful ImagesResponse (b64_json or url).
 *
 * The images an answer carries are then checked as the client checks its variants.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fuzz.h"
#include "medialib-ai-client.h"
#include "medialib-ai-private.h"
#include "medialib-image.h"

static void
assert_ai_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == MEDIALIB_AI_ERROR);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
}

/* What the client does with each variant (validate_thread), without the thumbnail */
static void
check_image (GBytes *bytes)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize length = g_bytes_get_size (bytes);
  MedialibFormat format = medialib_sniff (data, length);
  g_autoptr(GError) error = NULL;
  MedialibImageInfo info;

  g_assert (length > 0);

  if (!medialib_format_is_image (format))
    return;

  if (medialib_image_probe (format, data, length, 0, &info, &error))
    {
      g_assert (error == NULL);
      g_assert (info.width > 0 && info.height > 0);
      g_assert ((guint64) info.width * (guint64) info.height <= MEDIALIB_IMAGE_MAX_PIXELS);
      g_assert (info.thumbnail == NULL);
      medialib_image_info_clear (&info);
    }
  else
    {
      g_assert (error != NULL && error->domain == MEDIALIB_IMAGE_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
fuzz_images_response (const guint8 *data,
                      gsize         size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;

  if (!_medialib_ai_parse_images_response (body, &images, &error))
    {
      g_assert (images == NULL);
      assert_ai_error (error);
      g_assert (error->code == MEDIALIB_AI_ERROR_BAD_RESPONSE);
      return;
    }

  g_assert (error == NULL && images != NULL);

  for (guint i = 0; i < images->len; i++)
    {
      MedialibAiImage *image = g_ptr_array_index (images, i);

      /* Bytes, or else a URL: never both, never neither */
      g_assert ((image->bytes != NULL) != (image->url != NULL));

      if (image->bytes != NULL)
        check_image (image->bytes);
      else
        {
          g_autoptr(SoupMessage) get = NULL;

          g_assert (g_utf8_validate (image->url, -1, NULL));
          /* The client downloads it: the address is read, and refused when not valid */
          get = soup_message_new ("GET", image->url);
          g_assert (get == NULL || soup_message_get_uri (get) != NULL);
        }
    }
}

static void
fuzz_stream (const guint8 *data,
             gsize         size)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (memory);
  g_autoptr(GString) event = g_string_new (NULL);

  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) image = NULL;
      g_autofree char *line = NULL;
      g_autofree char *event_data = NULL;
      MedialibAiEventKind kind;
      gsize length;

      line = g_data_input_stream_read_line_utf8 (lines, &length, NULL, &error);
      if (error != NULL)
        {
          /* The client stops on text that is not UTF-8 */
          g_assert (line == NULL);
          return;
        }

      event_data = _medialib_ai_stream_add_line (event, line);
      if (event_data != NULL)
        {
          /* An event is complete at an empty line or at the end, and it has data */
          g_assert (line == NULL || line[0] == '\0');
          g_assert (event_data[0] != '\0' && event->len == 0);

          if (!_medialib_ai_parse_stream_event (event_data, &kind, &image, &error))
            {
              g_assert (image == NULL);
              assert_ai_error (error);
              g_assert (error->code == MEDIALIB_AI_ERROR_BAD_RESPONSE ||
                        error->code == MEDIALIB_AI_ERROR_SERVER);
              return;
            }

          g_assert (error == NULL);
          switch (kind)
            {
            case MEDIALIB_AI_EVENT_COMPLETED:
              g_assert (image != NULL);
              check_image (image);
              break;
            case MEDIALIB_AI_EVENT_PARTIAL:
              if (image != NULL)
                g_assert (g_bytes_get_size (image) > 0);
              break;
            case MEDIALIB_AI_EVENT_OTHER:
              g_assert (image == NULL);
              break;
            default:
              g_assert_not_reached ();
            }
        }

      if (line == NULL)
        {
          /* The end of the stream ends the event being read */
          g_assert (event->len == 0);
          return;
        }
    }
}

static void
fuzz_error_answer (const guint8 *data,
                   gsize         size)
{
  static SoupMessage *message;
  const guint8 *end = memchr (data, '\n', size);
  g_autofree char *first = g_strndup ((const char *) data, end ? (gsize) (end - data) : size);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *retry_after;
  guint64 status = 500;
  char *space;

  if (message == NULL)
    message = soup_message_new ("POST", "http://127.0.0.1/v1/images/generations");

  body = end ? g_bytes_new_static (end + 1, size - (gsize) (end - data) - 1) : g_bytes_new_static ("", 0);
  space = strchr (first, ' ');
  retry_after = space ? space + 1 : NULL;
  if (space)
    *space = '\0';
  g_ascii_string_to_unsigned (first, 10, 400, 599, &status, NULL);

  headers = soup_message_get_response_headers (message);
  soup_message_headers_remove (headers, "Retry-After");
  if (retry_after != NULL && g_utf8_validate (retry_after, -1, NULL) && strchr (retry_after, '\r') == NULL)
    soup_message_headers_append (headers, "Retry-After", retry_after);

  error = _medialib_ai_http_error ((guint) status, message, body);
  assert_ai_error (error);
  g_assert (error->code <= MEDIALIB_AI_ERROR_SERVER);
}

/* A suggestion, or a clear error; never an empty alt text, never more than five tags */
static void
fuzz_suggestion (const guint8 *data,
                 gsize         size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAiSuggestion) suggestion = _medialib_ai_parse_suggestion (body, &error);

  if (suggestion == NULL)
    {
      assert_ai_error (error);
      g_assert (error->code == MEDIALIB_AI_ERROR_BAD_RESPONSE || error->code == MEDIALIB_AI_ERROR_CONTENT_POLICY);
      return;
    }

  g_assert (error == NULL);
  g_assert (g_utf8_validate (suggestion->alt, -1, NULL));
  g_assert (suggestion->alt[0] != '\0' && g_utf8_strlen (suggestion->alt, -1) <= 1000);
  g_assert (strchr (suggestion->alt, '\n') == NULL);
  g_assert (suggestion->tags != NULL && g_strv_length (suggestion->tags) <= MEDIALIB_AI_SUGGESTED_TAGS);
  for (guint i = 0; suggestion->tags[i] != NULL; i++)
    g_assert (suggestion->tags[i][0] != '\0' && g_utf8_validate (suggestion->tags[i], -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_set_logging_func ();

  if (size == 0)
    return 0;

  switch (data[0])
    {
    case 'S':
      fuzz_stream (data + 1, size - 1);
      break;
    case 'E':
      fuzz_error_answer (data + 1, size - 1);
      break;
    case 'C':
      fuzz_suggestion (data + 1, size - 1);
      break;
    default:
      fuzz_images_response (data + 1, size - 1);
      break;
    }

  return 0;
}
