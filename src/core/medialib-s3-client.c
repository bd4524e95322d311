/* medialib-s3-client.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medialib-s3-client.h"
#include "medialib-s3-private.h"

/*
 * One bucket of an S3-compatible store, addressed path-style (ENDPOINT/BUCKET/KEY, what Ceph's
 * RADOS Gateway, MinIO and Garage expect) or, when asked, virtual-host style
 * (BUCKET.HOST/KEY). Every request is signed with Signature Version 4 (medialib-sigv4.c),
 * its payload's SHA-256 in x-amz-content-sha256; an object is put with Content-MD5 and
 * x-amz-checksum-sha256 as well, so that the server checks the bytes it received.
 *
 * The calls block: they are meant for worker threads, and each has an _async/_finish pair
 * that runs it in one (medialib-s3-async.c). libsoup (3.2 and later) lets several threads
 * send messages on one SoupSession at a time, as long as the session is configured, in the
 * thread that made it, before the first request ("Client thread safety" in libsoup's
 * documentation): the session is made and configured once, in initable_init, and only
 * soup_session_send() is called on it afterwards. The sync API needs no main context.
 *
 * Certificates are checked against the system's trust store (libsoup's default TLS
 * database), or, when ca-file names a PEM file, against the authorities it holds instead
 * (a company's own certificate authority, for a store that is not public). Plain http is refused for any host but 127.0.0.1, localhost and ::1 unless
 * allow-insecure is set. The secret key is a write-only, construct-only property: it is in
 * no readable property, error message or log.
 *
 * A request that failed for a transient reason (5xx, 408, 429, no answer) is made again a
 * few times, after short growing waits (medialib-s3-retry.c). One that got no answer at all
 * in the end (refused, timed out, a name not found: not a refusal by the server) emits
 * ::unreachable in the thread that sent it, so that whoever keeps the library shown knows
 * its bucket is out of reach.
 */

#define DEFAULT_TIMEOUT 60
/* A request that failed for a transient reason (medialib-s3-retry.c) is
 * made at most 4 times, after waits of about 250 ms, 500 ms and 1 s */
#define DEFAULT_MAX_ATTEMPTS 4
#define DEFAULT_RETRY_DELAY  250
/* Requests in flight at once on one client (its session's connections to the bucket's host) */
#define MAX_CONNECTIONS 16

static void medialib_s3_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibS3Client, medialib_s3_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      medialib_s3_client_initable_iface_init))

G_DEFINE_BOXED_TYPE (MedialibS3Object, medialib_s3_object, medialib_s3_object_copy, medialib_s3_object_free)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_REGION,
  PROP_BUCKET,
  PROP_ACCESS_KEY_ID,
  PROP_SECRET_KEY,
  PROP_ALLOW_INSECURE,
  PROP_VIRTUAL_HOST,
  PROP_TIMEOUT,
  PROP_CA_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNREACHABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Construction ------------------------------------------------------------------------ */

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_ascii_strcasecmp (host, "localhost") == 0;
}

/* S3's rules for bucket names, which path-style and virtual-host addressing both accept */
static gboolean
is_bucket_name (const char *name)
{
  gsize length = strlen (name);

  if (length < 3 || length > 63 || strstr (name, "..") != NULL)
    return FALSE;
  if (!g_ascii_isalnum (name[0]) || !g_ascii_isalnum (name[length - 1]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '.' || name[i] == '-'))
      return FALSE;

  return TRUE;
}

/* A region or an access key goes into the credential scope, whose parts '/' separates */
static gboolean
is_scope_part (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p) || *p == '/')
      return FALSE;

  return TRUE;
}

static gboolean
parse_endpoint (MedialibS3Client  *self,
                GError           **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  int port;

  uri = g_uri_parse (self->endpoint, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  /* The address may hold credentials (https://key:secret@host): never repeat it */
  if (uri == NULL || scheme == NULL || g_uri_get_host (uri) == NULL ||
      g_uri_get_host (uri)[0] == '\0' || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                           _("The object store’s endpoint must be an address such as https://s3.example.com, without a user name, password or query."));
      return FALSE;
    }

  self->https = g_ascii_strcasecmp (scheme, "https") == 0;
  host = g_hostname_is_non_ascii (g_uri_get_host (uri)) ? g_hostname_to_ascii (g_uri_get_host (uri))
                                                         : g_ascii_strdown (g_uri_get_host (uri), -1);
  if (host == NULL)
    {
      g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                           _("The object store’s endpoint has a host name that is not valid."));
      return FALSE;
    }

  if (!self->https && !self->allow_insecure && !is_loopback (host))
    {
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INSECURE,
                   _("The endpoint %s uses plain http, which is only allowed for this computer (127.0.0.1, localhost or ::1): keys and files would cross the network unprotected. Use https, or allow insecure connections explicitly."),
                   host);
      return FALSE;
    }

  /* What libsoup writes in the Host header, which is signed: the port only when it is not
   * the scheme's, an IPv6 address in brackets */
  port = g_uri_get_port (uri);
  if (port == (self->https ? 443 : 80))
    port = -1;
  if (strchr (host, ':') != NULL)
    self->authority = port > 0 ? g_strdup_printf ("[%s]:%d", host, port) : g_strdup_printf ("[%s]", host);
  else
    self->authority = port > 0 ? g_strdup_printf ("%s:%d", host, port) : g_strdup (host);

  path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  if (path == NULL)
    {
      g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                           _("The object store’s endpoint has a path that is not valid."));
      return FALSE;
    }
  while (path[0] != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  self->base_path = g_steal_pointer (&path);

  return TRUE;
}

/* An unsigned number from the environment, when set and between @min and @max */
static void
read_environment (const char *variable,
                  guint       min,
                  guint       max,
                  guint      *value)
{
  const char *text = g_getenv (variable);
  guint64 number;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    *value = (guint) number;
}

static gboolean
medialib_s3_client_initable_init (GInitable     *initable,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  MedialibS3Client *self = MEDIALIB_S3_CLIENT (initable);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *agent = NULL;

  if (self->endpoint == NULL || !parse_endpoint (self, error))
    {
      if (self->endpoint == NULL)
        g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                             _("The object store’s endpoint is missing."));
      return FALSE;
    }

  if (self->bucket == NULL || !is_bucket_name (self->bucket))
    {
      g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                   _("“%s” is not a valid bucket name: use 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or a digit."),
                   self->bucket != NULL && g_utf8_validate (self->bucket, -1, NULL) ? self->bucket : "");
      return FALSE;
    }

  if (!is_scope_part (self->region))
    {
      g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                           _("The region must be a name such as us-east-1, without spaces or slashes."));
      return FALSE;
    }

  if (!is_scope_part (self->access_key_id) || self->secret_key == NULL || self->secret_key[0] == '\0')
    {
      g_set_error_literal (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS,
                           _("An access key ID and a secret key are needed to use the object store."));
      return FALSE;
    }

  if (self->ca_file != NULL && self->ca_file[0] != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      if (!(database = g_tls_file_database_new (self->ca_file, &local_error)))
        {
          g_autofree char *reason = g_strstrip (g_strdup (local_error->message));
          gsize length = strlen (reason);

          /* GnuTLS's reasons end with a full stop, which the sentence adds */
          while (length > 0 && reason[length - 1] == '.')
            reason[--length] = '\0';
          g_set_error (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_INVALID,
                       _("The certificate authority file %s cannot be used: %s. Give a PEM file of the authority that signed the object store’s certificate."),
                       self->ca_file, reason);
          return FALSE;
        }
    }

  /* For tests and scripts: a shorter timeout and shorter waits between attempts */
  read_environment ("MEDIALIB_S3_TIMEOUT", 1, 3600, &self->timeout);
  read_environment ("MEDIALIB_S3_RETRY_DELAY", 0, 60000, &self->retry_delay);

  /* Configured here and never again: other threads send on it from now on */
  agent = g_strdup_printf ("MediaLibrary/%s", PACKAGE_VERSION);
  /* libsoup's default, 2 connections per host, would have an import's uploads (up to 8 at
   * once, medialib-import.c) wait for each other: the bucket is one host */
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 "max-conns", MAX_CONNECTIONS,
                                                 "max-conns-per-host", MAX_CONNECTIONS,
                                                 NULL);
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  return TRUE;
}

static void
medialib_s3_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = medialib_s3_client_initable_init;
}

/**
 * medialib_s3_client_new:
 * @endpoint: the store's address, e.g. https://s3.example.com or http://127.0.0.1:7480
 * @region: (nullable): the region, %MEDIALIB_S3_DEFAULT_REGION when %NULL
 * @secret_key: kept in memory only, never readable back
 *
 * Checks the arguments (nothing is sent): a bad endpoint, bucket name or region is
 * %MEDIALIB_S3_ERROR_INVALID, plain http to another computer %MEDIALIB_S3_ERROR_INSECURE.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
MedialibS3Client *
medialib_s3_client_new (const char             *endpoint,
                        const char             *region,
                        const char             *bucket,
                        const char             *access_key_id,
                        const char             *secret_key,
                        MedialibS3ClientFlags   flags,
                        GError                **error)
{
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (bucket != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (MEDIALIB_TYPE_S3_CLIENT, NULL, error,
                         "endpoint", endpoint,
                         "region", region != NULL ? region : MEDIALIB_S3_DEFAULT_REGION,
                         "bucket", bucket,
                         "access-key-id", access_key_id,
                         "secret-key", secret_key,
                         "allow-insecure", (flags & MEDIALIB_S3_CLIENT_FLAGS_ALLOW_INSECURE) != 0,
                         "virtual-host", (flags & MEDIALIB_S3_CLIENT_FLAGS_VIRTUAL_HOST) != 0,
                         NULL);
}

static void
wipe_string (char **text)
{
  if (*text != NULL)
    {
      volatile char *p = *text;

      while (*p != '\0')
        *p++ = '\0';
      g_clear_pointer (text, g_free);
    }
}

static void
medialib_s3_client_finalize (GObject *object)
{
  MedialibS3Client *self = MEDIALIB_S3_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->bucket, g_free);
  g_clear_pointer (&self->access_key_id, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  wipe_string (&self->secret_key);
  g_clear_pointer (&self->authority, g_free);
  g_clear_pointer (&self->base_path, g_free);

  G_OBJECT_CLASS (medialib_s3_client_parent_class)->finalize (object);
}

static void
medialib_s3_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedialibS3Client *self = MEDIALIB_S3_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_BUCKET:
      g_value_set_string (value, self->bucket);
      break;
    case PROP_ACCESS_KEY_ID:
      g_value_set_string (value, self->access_key_id);
      break;
    case PROP_ALLOW_INSECURE:
      g_value_set_boolean (value, self->allow_insecure);
      break;
    case PROP_VIRTUAL_HOST:
      g_value_set_boolean (value, self->virtual_host);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_s3_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedialibS3Client *self = MEDIALIB_S3_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      {
        const char *endpoint = g_value_get_string (value);
        gsize length = endpoint != NULL ? strlen (endpoint) : 0;

        while (length > 0 && endpoint[length - 1] == '/')
          length--;
        g_free (self->endpoint);
        self->endpoint = endpoint != NULL ? g_strndup (endpoint, length) : NULL;
      }
      break;
    case PROP_REGION:
      g_free (self->region);
      self->region = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value)
                                                                : MEDIALIB_S3_DEFAULT_REGION);
      break;
    case PROP_BUCKET:
      g_free (self->bucket);
      self->bucket = g_value_dup_string (value);
      break;
    case PROP_ACCESS_KEY_ID:
      g_free (self->access_key_id);
      self->access_key_id = g_value_dup_string (value);
      break;
    case PROP_SECRET_KEY:
      wipe_string (&self->secret_key);
      self->secret_key = g_value_dup_string (value);
      break;
    case PROP_ALLOW_INSECURE:
      self->allow_insecure = g_value_get_boolean (value);
      break;
    case PROP_VIRTUAL_HOST:
      self->virtual_host = g_value_get_boolean (value);
      break;
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    case PROP_CA_FILE:
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_s3_client_class_init (MedialibS3ClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = medialib_s3_client_finalize;
  object_class->get_property = medialib_s3_client_get_property;
  object_class->set_property = medialib_s3_client_set_property;

  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, MEDIALIB_S3_DEFAULT_REGION, flags);
  properties[PROP_BUCKET] = g_param_spec_string ("bucket", NULL, NULL, NULL, flags);
  properties[PROP_ACCESS_KEY_ID] = g_param_spec_string ("access-key-id", NULL, NULL, NULL, flags);
  /* Write-only: g_object_get() cannot read it back */
  properties[PROP_SECRET_KEY] =
    g_param_spec_string ("secret-key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_INSECURE] = g_param_spec_boolean ("allow-insecure", NULL, NULL, FALSE, flags);
  properties[PROP_VIRTUAL_HOST] = g_param_spec_boolean ("virtual-host", NULL, NULL, FALSE, flags);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT, flags);
  properties[PROP_CA_FILE] = g_param_spec_string ("ca-file", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedialibS3Client::unreachable:
   * @error: the request's error, %MEDIALIB_S3_ERROR_UNREACHABLE or %MEDIALIB_S3_ERROR_TIMEOUT
   *
   * A request got no answer from the object store. Emitted in the thread that sent it
   * (often a worker thread): a handler hands it to its own main context.
   */
  signals[UNREACHABLE] = g_signal_new ("unreachable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* A request got no answer (medialib-s3-requests.c): ::unreachable, in the sending thread */
void
_medialib_s3_client_tell_unreachable (MedialibS3Client *self,
                                      const GError     *error)
{
  g_assert (MEDIALIB_IS_S3_CLIENT (self));

  if (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE) ||
      g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_TIMEOUT))
    g_signal_emit (self, signals[UNREACHABLE], 0, error);
}

static void
medialib_s3_client_init (MedialibS3Client *self)
{
  self->region = g_strdup (MEDIALIB_S3_DEFAULT_REGION);
  self->timeout = DEFAULT_TIMEOUT;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->retry_delay = DEFAULT_RETRY_DELAY;
  self->page_size = MEDIALIB_S3_MAX_PAGE_SIZE;
}

const char *
medialib_s3_client_get_endpoint (MedialibS3Client *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);

  return self->endpoint;
}

const char *
medialib_s3_client_get_region (MedialibS3Client *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);

  return self->region;
}

const char *
medialib_s3_client_get_bucket (MedialibS3Client *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);

  return self->bucket;
}

const char *
medialib_s3_client_get_access_key_id (MedialibS3Client *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);

  return self->access_key_id;
}

void
_medialib_s3_client_set_faults (MedialibS3Client *self,
                                MedialibS3Fault   faults)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));

  g_atomic_int_set (&self->faults, faults);
}

void
_medialib_s3_client_set_page_size (MedialibS3Client *self,
                                   guint             page_size)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (page_size >= 1 && page_size <= MEDIALIB_S3_MAX_PAGE_SIZE);

  self->page_size = page_size;
}

static GPrivate blocking_forbidden;

/**
 * medialib_s3_client_forbid_blocking:
 *
 * Marks the calling thread as one that must not wait on the network: every blocking
 * request made on it from now on is a critical warning (fatal in the tests). The app calls
 * it on its main thread; the requests of the _async functions run on workers.
 */
void
medialib_s3_client_forbid_blocking (void)
{
  g_private_set (&blocking_forbidden, GINT_TO_POINTER (TRUE));
}

gboolean
_medialib_s3_client_may_block (void)
{
  return g_private_get (&blocking_forbidden) == NULL;
}

/* For tests: how many times a request is made at most, and the first wait in milliseconds.
 * Only before the client is shared with other threads. */
void
_medialib_s3_client_set_retries (MedialibS3Client *self,
                                 guint             max_attempts,
                                 guint             retry_delay_ms)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->retry_delay = retry_delay_ms;
}

guint
_medialib_s3_client_get_n_requests (MedialibS3Client *self)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), 0);

  return (guint) g_atomic_int_get (&self->n_requests);
}

MedialibS3Object *
medialib_s3_object_copy (const MedialibS3Object *object)
{
  MedialibS3Object *copy;

  g_return_val_if_fail (object != NULL, NULL);

  copy = g_new0 (MedialibS3Object, 1);
  copy->key = g_strdup (object->key);
  copy->size = object->size;
  copy->etag = g_strdup (object->etag);
  copy->address = g_strdup (object->address);
  copy->content_type = g_strdup (object->content_type);
  copy->modified = object->modified;

  return copy;
}

void
medialib_s3_object_free (MedialibS3Object *object)
{
  if (object == NULL)
    return;

  g_free (object->key);
  g_free (object->etag);
  g_free (object->address);
  g_free (object->content_type);
  g_free (object);
}
