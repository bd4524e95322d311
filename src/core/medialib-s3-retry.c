/* medialib-s3-retry.c — when and after how long the S3 client makes a request again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3"

#include "config.h"

#include "medialib-s3-private.h"

/*
 * A request that failed for a transient reason is made again (medialib-s3-requests.c's
 * exchange()), at most max_attempts times in all (4 by default). Transient: an answer 500,
 * 502, 503 or 504 (a server overloaded, restarting, or behind a proxy that lost it), 408 or
 * 429 (it timed the request out, or asks to slow down); or no answer at all (refused, reset,
 * timed out). Other 4xx answers would not change, and a certificate or TLS failure, or a
 * cancellation, is final. Every request of the client may be made twice: GET, HEAD, DELETE,
 * and PUTs of whole objects (content-addressed: a key always has the same bytes) or of the
 * bucket's settings.
 *
 * The waits grow exponentially from the client's retry delay (250 ms by default, then
 * 500 ms, 1 s: under 2 s in all), each a random time between half and all of its step
 * ("equal jitter", so that the clients that failed together do not come back together), and
 * end early when the request is cancelled.
 */

/* The longest step between two attempts */
#define MAX_STEP_MS 8000

void
_medialib_s3_retry_init (MedialibS3Retry *retry,
                         guint            max_attempts,
                         guint            first_step)
{
  g_return_if_fail (retry != NULL);

  retry->attempt = 0;
  retry->max_attempts = MAX (max_attempts, 1);
  retry->step = MIN (first_step, MAX_STEP_MS);
}

static gboolean
is_transient_status (guint status)
{
  return status == SOUP_STATUS_INTERNAL_SERVER_ERROR || status == SOUP_STATUS_BAD_GATEWAY ||
         status == SOUP_STATUS_SERVICE_UNAVAILABLE || status == SOUP_STATUS_GATEWAY_TIMEOUT ||
         status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 /* Too Many Requests */;
}

static gboolean
is_transient_error (const GError *error)
{
  return g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE) ||
         g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TIMEOUT);
}

/* Waits DELAY_MS, or less when CANCELLABLE is cancelled meanwhile: FALSE then */
static gboolean
wait_before_retry (guint          delay_ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPollFD pollfd;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) delay_ms);
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep ((gulong) delay_ms * 1000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * _medialib_s3_retry_again:
 * @status: the answer's status, or 0 when no answer came
 * @error: (nullable): why no answer came
 * @cancelled: set when the request was cancelled during the wait
 *
 * After an attempt: whether to make the request again, having waited for it. Blocks.
 *
 * Returns: %TRUE to make the request again; %FALSE when its failure (or success) is final,
 *   or when it was cancelled meanwhile (@cancelled then set)
 */
gboolean
_medialib_s3_retry_again (MedialibS3Retry  *retry,
                          const char       *method,
                          const char       *key,
                          guint             status,
                          const GError     *error,
                          GCancellable     *cancellable,
                          GError          **cancelled)
{
  guint delay;

  g_return_val_if_fail (retry != NULL, FALSE);

  retry->attempt++;
  if (retry->attempt >= retry->max_attempts ||
      (status != 0 && !is_transient_status (status)) ||
      (status == 0 && !is_transient_error (error)))
    return FALSE;

  delay = retry->step / 2 + (guint) g_random_int_range (0, (gint32) (retry->step - retry->step / 2) + 1);
  g_debug ("%s %s: %s; trying again in %u ms (attempt %u of %u)", method, key != NULL ? key : "/",
           status != 0 ? soup_status_get_phrase (status) : error->message,
           delay, retry->attempt + 1, retry->max_attempts);
  retry->step = MIN (retry->step * 2, MAX_STEP_MS);

  return wait_before_retry (delay, cancellable, cancelled);
}
