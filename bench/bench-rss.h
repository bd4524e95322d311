/* bench-rss.h — resident memory of the running process, for the benchmarks' programs
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* VmRSS of /proc/self/status, in kB; -1 when it cannot be read */
static inline long
bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}
