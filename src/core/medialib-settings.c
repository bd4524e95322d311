/* medialib-settings.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-settings"

#include "config.h"

#include "medialib-settings.h"

/*
 * The application's GSettings schema is installed with the app. The command line and the
 * tests can run from a build tree where it is not: there the keys' defaults apply instead of
 * g_settings_new() aborting the process.
 */

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source == NULL)
    return NULL;

  return g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
}

/**
 * medialib_settings_new:
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL when the schema
 *   is not installed
 */
GSettings *
medialib_settings_new (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * medialib_settings_get_max_file_size:
 *
 * Returns: the size in bytes from which files are rejected at import
 */
guint64
medialib_settings_get_max_file_size (void)
{
  g_autoptr(GSettings) settings = medialib_settings_new ();

  if (settings == NULL)
    return MEDIALIB_DEFAULT_MAX_FILE_SIZE;

  return g_settings_get_uint64 (settings, "max-file-size");
}
