/* test-sha256.c — files' SHA-256, by libcrypto and by GChecksum alike
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-sha256.h"

/* Sizes around SHA-256's blocks and the threshold of libcrypto (64 KiB), and a photo's */
static const gsize sizes[] = { 0, 1, 55, 56, 63, 64, 65535, 65536, 65537, 1048579, 5 * 1000 * 1000 };

static void
check_digests (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autofree guint8 *data = g_malloc (sizes[G_N_ELEMENTS (sizes) - 1]);
  g_autofree char *million_a = g_strnfill (1000000, 'a');
  g_autofree char *empty = medialib_sha256_hex (NULL, 0);
  g_autofree char *abc = medialib_sha256_hex ("abc", 3);
  g_autofree char *million = medialib_sha256_hex (million_a, 1000000);

  /* The vectors of FIPS 180-2 */
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (million, ==, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  for (gsize i = 0; i < sizes[G_N_ELEMENTS (sizes) - 1]; i++)
    data[i] = (guint8) g_rand_int (rand);

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *ours = medialib_sha256_hex (data, sizes[i]);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, sizes[i]);
      guint8 digest[MEDIALIB_SHA256_LENGTH];
      g_autofree char *from_digest = NULL;

      g_test_message ("%" G_GSIZE_FORMAT " bytes: %s", sizes[i], ours);
      g_assert_cmpstr (ours, ==, glib);

      medialib_sha256_digest (data, sizes[i], digest);
      from_digest = g_strdup_printf ("%02x%02x%02x%02x", digest[0], digest[1], digest[30], digest[31]);
      g_assert_cmpmem (from_digest, 4, ours, 4);
      g_assert_cmpmem (from_digest + 4, 4, ours + 60, 4);
    }
}

/* Where the tests run, libcrypto is there (libpq's dependency, and the Flatpak runtime's) */
static void
test_libcrypto (void)
{
  g_assert_true (_medialib_sha256_uses_libcrypto ());
  check_digests ();
}

/* Without libcrypto, GChecksum gives the same digests */
static void
test_without_libcrypto (void)
{
  if (g_test_subprocess ())
    {
      g_assert_false (_medialib_sha256_uses_libcrypto ());
      check_digests ();
      return;
    }

  {
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "MEDIALIB_SHA256_WITHOUT_LIBCRYPTO", "1", TRUE);

    g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
  }
}

static gpointer
digest_thread (gpointer data)
{
  check_digests ();
  return NULL;
}

/* libcrypto loaded on a thread of its own while other threads hash (an import's start): each
 * digest is right whichever thread loads it, and the process waits for the loading */
static void
test_warm_up (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(MedialibSha256WarmUp) warm_up = _medialib_sha256_warm_up ();
      GThread *threads[3];

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("digests", digest_thread, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i]);
      _medialib_sha256_warm_up_wait (g_steal_pointer (&warm_up));
      g_assert_true (_medialib_sha256_uses_libcrypto ());
      return;
    }

  /* In a fresh process, where libcrypto is not loaded yet */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medialib/sha256/libcrypto", test_libcrypto);
  g_test_add_func ("/medialib/sha256/without-libcrypto", test_without_libcrypto);
  g_test_add_func ("/medialib/sha256/warm-up", test_warm_up);

  return g_test_run ();
}
