/* fuzz-s3-answers.c — the S3 client's reading of a server's XML, on arbitrary bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte says what the rest is:
 *
 *   L  the body of a ListObjectsV2 answer;
 *   anything else: the body of an error answer, read with a status taken from the second
 *      byte (300 to 555).
 */

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "medialib-s3-private.h"

static const MedialibS3Subject subject = { "127.0.0.1:7480", "us-east-1", "media-team", "media/ab/x.png" };

static void
check_list (const char *xml,
            gsize       length)
{
  g_auto(MedialibS3ListPage) page = { 0 };
  g_autoptr(GError) error = NULL;

  if (_medialib_s3_parse_list (xml, length, &page, &error))
    {
      g_assert (error == NULL);
      g_assert (page.objects != NULL);
      for (guint i = 0; i < page.objects->len; i++)
        {
          MedialibS3Object *object = g_ptr_array_index (page.objects, i);

          g_assert (object->key != NULL && object->key[0] != '\0');
          g_assert (object->size >= 0);
        }
    }
  else
    {
      g_assert (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_BAD_RESPONSE));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (page.objects == NULL);
    }
}

static void
check_error (guint       status,
             const char *xml,
             gsize       length)
{
  g_auto(MedialibS3ErrorBody) body = { 0 };
  g_autoptr(GError) error = NULL;

  if (_medialib_s3_parse_error_body (xml, length, &body))
    g_assert (body.code != NULL);
  else
    g_assert (body.code == NULL && body.message == NULL);

  error = _medialib_s3_http_error (&subject, status, xml, length);
  g_assert (error != NULL && error->domain == MEDIALIB_S3_ERROR);
  g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_set_logging_func ();

  if (size < 2)
    return 0;

  if (data[0] == 'L')
    check_list ((const char *) data + 1, size - 1);
  else
    check_error (300 + data[1] % 256, (const char *) data + 2, size - 2);

  return 0;
}
