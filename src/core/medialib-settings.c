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

static char *
dup_string (const char *env,
            const char *key,
            const char *fallback)
{
  g_autoptr(GSettings) settings = NULL;
  const char *value;

  g_assert (env != NULL);
  g_assert (key != NULL);
  g_assert (fallback != NULL);

  value = g_getenv (env);
  if (value != NULL && value[0] != '\0')
    return g_strdup (value);

  settings = medialib_settings_new ();
  if (settings == NULL)
    return g_strdup (fallback);

  return g_settings_get_string (settings, key);
}

/**
 * medialib_settings_dup_ai_base_url:
 *
 * `MEDIALIB_AI_BASE_URL` when set (for scripts and tests), else the setting.
 *
 * Returns: (transfer full):
 */
char *
medialib_settings_dup_ai_base_url (void)
{
  return dup_string ("MEDIALIB_AI_BASE_URL", "ai-base-url", "https://api.openai.com/v1");
}

/**
 * medialib_settings_dup_ai_model:
 *
 * `MEDIALIB_AI_MODEL` when set, else the setting.
 *
 * Returns: (transfer full):
 */
char *
medialib_settings_dup_ai_model (void)
{
  return dup_string ("MEDIALIB_AI_MODEL", "ai-model", "gpt-image-1-mini");
}

/**
 * medialib_settings_dup_ai_vision_model:
 *
 * The model that suggests alt text and tags: `MEDIALIB_AI_VISION_MODEL` when set, else the
 * setting.
 *
 * Returns: (transfer full):
 */
char *
medialib_settings_dup_ai_vision_model (void)
{
  return dup_string ("MEDIALIB_AI_VISION_MODEL", "ai-vision-model", "gpt-4o-mini");
}

char *
medialib_settings_dup_ai_size (void)
{
  return dup_string ("MEDIALIB_AI_SIZE", "ai-size", "1024x1024");
}

guint
medialib_settings_get_ai_daily_limit (void)
{
  g_autoptr(GSettings) settings = medialib_settings_new ();

  if (settings == NULL)
    return MEDIALIB_DEFAULT_AI_DAILY_LIMIT;

  return g_settings_get_uint (settings, "ai-daily-limit");
}
