/* driver.c — runs a fuzz target on files, so that its corpus is an ordinary test
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-TARGET FILE|DIR...   (directories are read one level deep)
 */

#include "config.h"

#include <stdio.h>

#include "fuzz.h"

static guint
run_path (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      guint n = 0;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
            n += run_path (child);
        }
      return n;
    }

  if (!g_file_get_contents (path, &data, &length, NULL))
    return 0;

  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
      n += run_path (argv[i]);

  /* A crash or a failed assertion ends the run before this line */
  printf ("%u passed, 0 failed\n", n);
  return n > 0 ? 0 : 1;
}
