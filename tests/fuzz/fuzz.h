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
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical is a programming error (a failed g_return_if_fail()): it ends the run with
 * abort(), which libFuzzer catches (GLib's own fatal path raises SIGTRAP, which it does not). */
static inline void
fuzz_log_nothing (const gchar    *domain,
                  GLogLevelFlags  level,
                  const gchar    *message,
                  gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_printerr ("%s: %s\n", domain ? domain : "?", message);
      abort ();
    }
}

static inline GLogWriterOutput
fuzz_write_nothing (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  fuzz_log_nothing (domain, level, message ? message : "", NULL);
  return G_LOG_WRITER_HANDLED;
}

/* Messages of expected failures would only slow the fuzzer down; criticals are fatal */
static inline void
fuzz_set_logging_func (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_log_set_default_handler (fuzz_log_nothing, NULL);
      g_log_set_writer_func (fuzz_write_nothing, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
}
