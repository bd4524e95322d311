/* fuzz.h — shared by the fuzz targets
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_log_nothing (const gchar    *domain,
                  GLogLevelFlags  level,
                  const gchar    *message,
                  gpointer        user_data)
{
  /* A critical is a programming error (a failed g_return_if_fail()): it ends the run */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    g_printerr ("%s: %s\n", domain ? domain : "?", message);
}

/* Messages of expected failures would only slow the fuzzer down; criticals are fatal */
static inline void
fuzz_set_logging_func (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_log_set_default_handler (fuzz_log_nothing, NULL);
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      g_once_init_leave (&once, 1);
    }
}
