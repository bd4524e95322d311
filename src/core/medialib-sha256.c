/* medialib-sha256.c — the SHA-256 of files' contents, with OpenSSL's libcrypto when it is
 * there
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-sha256"

#include "config.h"

#include <gmodule.h>

#include "medialib-sha256.h"

/*
 * Every file the library keeps is named by the SHA-256 of its content, computed as it is
 * imported, cropped or checked. GLib's GChecksum takes 8 ms over a 4.4 MB photo; OpenSSL's
 * libcrypto, which uses the processor's SHA instructions, 2.5 ms. libcrypto is not linked:
 * the command line that lists a library loads as few libraries as it can, and libcrypto is
 * loaded (GModule, "libcrypto.so.3", the EVP API of OpenSSL 3) the first time a large
 * buffer is hashed. Without it, or should it fail, GChecksum computes the same digests.
 * MEDIALIB_SHA256_WITHOUT_LIBCRYPTO=1 in the environment keeps it unloaded (for tests).
 */

/* Below this, loading libcrypto or calling into it costs more than it saves */
#define LARGE_BUFFER (64 * 1024)

typedef struct _EvpMd EvpMd;

typedef struct
{
  int          (*digest) (const void   *data,
                          size_t        count,
                          unsigned char *md,
                          unsigned int *size,
                          const EvpMd  *type,
                          void         *engine);
  const EvpMd   *sha256;
} Libcrypto;

static const Libcrypto *
load_libcrypto (void)
{
  static gsize loaded = 0;
  static Libcrypto libcrypto = { NULL, NULL };

  if (g_once_init_enter (&loaded))
    {
      const char *without = g_getenv ("MEDIALIB_SHA256_WITHOUT_LIBCRYPTO");
      GModule *module = NULL;
      EvpMd *(*fetch) (void *ctx, const char *algorithm, const char *properties) = NULL;

      if (without == NULL || !g_str_equal (without, "1"))
        module = g_module_open ("libcrypto.so.3", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL)
        g_debug ("SHA-256 by GChecksum: %s", without != NULL ? "libcrypto not wanted" : g_module_error ());
      else if (g_module_symbol (module, "EVP_Digest", (gpointer *) &libcrypto.digest) &&
               g_module_symbol (module, "EVP_MD_fetch", (gpointer *) &fetch) &&
               (libcrypto.sha256 = fetch (NULL, "SHA256", NULL)) != NULL)
        {
          /* Kept for the life of the process, as the fetched algorithm is */
          g_module_make_resident (module);
          g_debug ("SHA-256 by libcrypto");
        }
      else
        {
          g_debug ("SHA-256 by GChecksum: libcrypto has no SHA-256 (%s)", g_module_error ());
          libcrypto.digest = NULL;
          libcrypto.sha256 = NULL;
          g_module_close (module);
        }

      g_once_init_leave (&loaded, 1);
    }

  return libcrypto.sha256 != NULL ? &libcrypto : NULL;
}

/**
 * medialib_sha256_digest:
 * @digest: (out caller-allocates): the 32 bytes of the SHA-256 of @data
 *
 * The SHA-256 of @data, by libcrypto when it is there and @data large.
 */
void
medialib_sha256_digest (const void *data,
                        gsize       length,
                        guint8      digest[MEDIALIB_SHA256_LENGTH])
{
  g_autoptr(GChecksum) checksum = NULL;
  const Libcrypto *libcrypto;
  gsize size = MEDIALIB_SHA256_LENGTH;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (digest != NULL);

  if (length >= LARGE_BUFFER && (libcrypto = load_libcrypto ()) != NULL)
    {
      unsigned int written = 0;

      if (libcrypto->digest (data, length, digest, &written, libcrypto->sha256, NULL) == 1 &&
          written == MEDIALIB_SHA256_LENGTH)
        return;
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, data != NULL ? data : (const void *) "", length);
  g_checksum_get_digest (checksum, digest, &size);
  g_assert (size == MEDIALIB_SHA256_LENGTH);
}

/**
 * medialib_sha256_hex:
 *
 * Returns: (transfer full): the SHA-256 of @data in lowercase hex, as
 *   g_compute_checksum_for_data() writes it
 */
char *
medialib_sha256_hex (const void *data,
                     gsize       length)
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[MEDIALIB_SHA256_LENGTH];
  char *hex;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  medialib_sha256_digest (data, length, digest);

  hex = g_new (char, 2 * MEDIALIB_SHA256_LENGTH + 1);
  for (gsize i = 0; i < MEDIALIB_SHA256_LENGTH; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * MEDIALIB_SHA256_LENGTH] = '\0';

  return hex;
}

gboolean
_medialib_sha256_uses_libcrypto (void)
{
  return load_libcrypto () != NULL;
}

static gpointer
warm_up_thread (gpointer data)
{
  load_libcrypto ();
  return NULL;
}

/**
 * _medialib_sha256_warm_up:
 *
 * Loads libcrypto, and has it find its SHA-256, on a thread of its own: OpenSSL reads its
 * configuration and sets up its default provider the first time an algorithm is fetched,
 * ~5 ms during which an import's first files would wait with a core idle. An import starts
 * this before it opens or creates its library, so that both happen at once.
 *
 * Returns: (transfer full): what _medialib_sha256_warm_up_wait() waits for
 */
MedialibSha256WarmUp *
_medialib_sha256_warm_up (void)
{
  return (MedialibSha256WarmUp *) g_thread_new ("medialib-sha256", warm_up_thread, NULL);
}

/**
 * _medialib_sha256_warm_up_wait:
 *
 * Waits for the warm-up to end (before the process may exit: OpenSSL's clean-up at exit
 * must not meet its set-up on another thread).
 */
void
_medialib_sha256_warm_up_wait (MedialibSha256WarmUp *warm_up)
{
  if (warm_up != NULL)
    g_thread_join ((GThread *) warm_up);
}
