/* medialib-generation.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-generation"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "medialib-folder-blobs.h"
#include "medialib-generation.h"
#include "medialib-settings.h"
#include "medialib-store-private.h"

/*
 * A generation: a slot of today's quota is reserved in the catalog (on a worker thread), the
 * server is asked (libsoup, in the caller's main context), then the generation is recorded
 * in its slot and its variants are written to generations/<id>/ (a worker thread again).
 * A generation that fails or is cancelled gives its slot back, and nothing is kept. Variants
 * become assets only when they are added.
 */

void
medialib_quota_clear (MedialibQuota *quota)
{
  g_return_if_fail (quota != NULL);

  g_clear_pointer (&quota->resets, g_date_time_unref);
}

/* Today, for the quota: it started at local midnight and starts again at the next one */
static gint64
today_started (GDateTime **resets)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;

  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  *resets = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (midnight);
}

/**
 * medialib_store_get_quota:
 *
 * The generations of today (since local midnight) and the daily limit. Reads the catalog.
 */
void
medialib_store_get_quota (MedialibStore *self,
                          MedialibQuota *quota)
{
  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (quota != NULL);

  quota->limit = medialib_settings_get_ai_daily_limit ();
  quota->used = medialib_store_count_generations_since (self, today_started (&quota->resets));
}

static void
quota_free (MedialibQuota *quota)
{
  medialib_quota_clear (quota);
  g_free (quota);
}

static void
get_quota_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MedialibQuota *quota;

  if (g_task_return_error_if_cancelled (task))
    return;

  quota = g_new0 (MedialibQuota, 1);
  medialib_store_get_quota (source_object, quota);
  g_task_return_pointer (task, quota, (GDestroyNotify) quota_free);
}

void
medialib_store_get_quota_async (MedialibStore       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_get_quota_async);
  g_task_run_in_thread (task, get_quota_thread);
}

/**
 * medialib_store_get_quota_finish:
 * @quota: (out caller-allocates): today's quota, to clear with medialib_quota_clear()
 */
gboolean
medialib_store_get_quota_finish (MedialibStore  *self,
                                 GAsyncResult   *result,
                                 MedialibQuota  *quota,
                                 GError        **error)
{
  g_autofree MedialibQuota *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_get_quota_async), FALSE);
  g_return_val_if_fail (quota != NULL, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;

  /* The copy takes over the reset time */
  *quota = *found;
  return TRUE;
}

/**
 * medialib_quota_describe:
 *
 * Returns: (transfer full): "7 of 10 generations left today"
 */
char *
medialib_quota_describe (const MedialibQuota *quota)
{
  g_autofree char *time = NULL;
  guint left;

  g_return_val_if_fail (quota != NULL, NULL);

  if (quota->limit == 0)
    return g_strdup (_("No daily limit on generations"));

  left = quota->used >= quota->limit ? 0 : quota->limit - quota->used;
  if (left > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u generation left today",
                                         "%u of %u generations left today", left),
                            left, quota->limit);

  time = g_date_time_format (quota->resets, "%X");
  /* Translators: %s is a time of day, when the quota starts again */
  return g_strdup_printf (_("No generations left today; more at midnight (%s)"), time);
}

char *
medialib_store_dup_variant_path (MedialibStore *self,
                                 gint64         generation,
                                 guint          index)
{
  g_autofree char *dir = NULL;
  const char *suffixes[] = { ".png", ".jpg", ".gif" };

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  dir = medialib_store_dup_generation_dir (self, generation);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u%s", index, suffixes[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

typedef struct
{
  gint64 generation;
  guint  index;
} VariantPath;

static void
variant_path_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  VariantPath *variant = task_data;
  char *path;

  if (g_task_return_error_if_cancelled (task))
    return;

  path = medialib_store_dup_variant_path (source_object, variant->generation, variant->index);
  if (path != NULL)
    g_task_return_pointer (task, path, g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("Variant %u of this generation is no longer in the cache"), variant->index);
}

/**
 * medialib_store_dup_variant_path_async:
 *
 * Looks for the file of a generation's variant in the cache, on a worker thread.
 */
void
medialib_store_dup_variant_path_async (MedialibStore       *self,
                                       gint64               generation,
                                       guint                index,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VariantPath *variant;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  variant = g_new0 (VariantPath, 1);
  variant->generation = generation;
  variant->index = index;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_dup_variant_path_async);
  g_task_set_task_data (task, variant, g_free);
  g_task_run_in_thread (task, variant_path_thread);
}

/**
 * medialib_store_dup_variant_path_finish:
 *
 * Returns: (transfer full): the variant's path, or %NULL with %G_IO_ERROR_NOT_FOUND when the
 *   cache no longer has it
 */
char *
medialib_store_dup_variant_path_finish (MedialibStore  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_dup_variant_path_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Generating ------------------------------------------------------------------------ */

typedef struct
{
  MedialibAiClient      *client;
  char                  *prompt;
  MedialibAiPartialFunc  partial;
  gpointer               partial_data;
  gint64                 since;      /* the day of the quota's slot */
  gboolean               reserved;   /* a slot is held, to record in or give back */
  GPtrArray             *variants;
  GError                *failure;    /* why the server gave none */
  gboolean               reencoded;
} GenerateData;

static void
generate_data_free (GenerateData *data)
{
  g_assert (data != NULL);

  g_clear_object (&data->client);
  g_free (data->prompt);
  g_clear_pointer (&data->variants, g_ptr_array_unref);
  g_clear_error (&data->failure);
  g_free (data);
}

/* Records the generation in its slot and keeps its variants; or gives the slot back when the
 * server failed or the generation was cancelled */
static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MedialibStore *self = source_object;
  GenerateData *data = task_data;
  GError *error = NULL;
  g_autofree char *dir = NULL;
  gint64 id;

  g_assert (G_IS_TASK (task));
  g_assert (MEDIALIB_IS_STORE (self));
  g_assert (data != NULL && data->reserved);

  if (data->failure != NULL || g_task_return_error_if_cancelled (task))
    {
      medialib_catalog_release_generation (self->catalog, data->since);
      if (data->failure != NULL)
        g_task_return_error (task, g_steal_pointer (&data->failure));
      return;
    }

  id = medialib_catalog_record_generation (self->catalog, data->prompt,
                                           medialib_ai_client_get_model (data->client),
                                           data->variants->len, &error);
  if (id == 0)
    {
      medialib_catalog_release_generation (self->catalog, data->since);
      g_task_return_error (task, error);
      return;
    }

  dir = medialib_store_dup_generation_dir (self, id);
  for (guint i = 0; i < data->variants->len; i++)
    {
      MedialibAiVariant *variant = g_ptr_array_index (data->variants, i);
      const char *suffix = g_str_equal (variant->mime, "image/jpeg") ? "jpg" :
                           g_str_equal (variant->mime, "image/gif") ? "gif" : "png";
      g_autofree char *name = g_strdup_printf ("%u.%s", i + 1, suffix);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      data->reencoded |= variant->reencoded;
      if (!_medialib_write_file_atomic (path, g_bytes_get_data (variant->bytes, NULL),
                                        g_bytes_get_size (variant->bytes), TRUE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, medialib_store_get_generation (self, id, NULL),
                         (GDestroyNotify) medialib_generation_free);
}

static void
on_generated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GenerateData *data = g_task_get_task_data (task);

  data->variants = medialib_ai_client_generate_finish (MEDIALIB_AI_CLIENT (object), result, &data->failure);
  g_task_run_in_thread (task, save_thread);
}

/* On a worker thread: a slot of today's quota for the generation, or the quota's error */
static void
reserve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MedialibStore *self = source_object;
  GenerateData *data = g_task_get_task_data (task_data);
  MedialibQuota quota = { 0 };
  GError *error = NULL;
  gboolean reserved = FALSE;
  gint64 since;

  if (g_task_return_error_if_cancelled (task))
    return;

  quota.limit = medialib_settings_get_ai_daily_limit ();
  since = today_started (&quota.resets);
  if (!medialib_catalog_reserve_generation (self->catalog, since, quota.limit, &reserved, &quota.used, &error))
    g_task_return_error (task, error);
  else if (!reserved)
    {
      g_autofree char *text = medialib_quota_describe (&quota);

      g_task_return_new_error (task, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA, "%s", text);
    }
  else
    {
      data->since = since;
      data->reserved = TRUE;
      g_task_return_boolean (task, TRUE);
    }

  medialib_quota_clear (&quota);
}

static void
on_reserved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GenerateData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  medialib_ai_client_generate_async (data->client, data->prompt, g_task_get_cancellable (task),
                                     data->partial, data->partial_data,
                                     on_generated_cb, g_object_ref (task));
}

/**
 * medialib_store_generate_async:
 * @partial: (nullable): called with partial images while the server streams
 *
 * Generates four variants of @prompt, if today's quota allows, and keeps them in the
 * library's cache. A generation that fails or is cancelled is not counted.
 */
void
medialib_store_generate_async (MedialibStore          *self,
                               MedialibAiClient       *client,
                               const char             *prompt,
                               GCancellable           *cancellable,
                               MedialibAiPartialFunc   partial,
                               gpointer                partial_data,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) reserve = NULL;
  GenerateData *data;
  GError *error = NULL;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (MEDIALIB_IS_AI_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_generate_async);

  if (!medialib_ai_check_prompt (prompt, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (GenerateData, 1);
  data->client = g_object_ref (client);
  data->prompt = g_strstrip (g_strdup (prompt));
  data->partial = partial;
  data->partial_data = partial_data;
  g_task_set_task_data (task, data, (GDestroyNotify) generate_data_free);

  reserve = g_task_new (self, cancellable, on_reserved_cb, g_object_ref (task));
  g_task_set_source_tag (reserve, reserve_thread);
  g_task_set_task_data (reserve, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (reserve, reserve_thread);
}

/**
 * medialib_store_generate_finish:
 * @reencoded: (out) (optional): whether a variant was made a JPEG to fit the size limit
 *
 * Returns: (transfer full): the recorded generation; its variants are at
 *   medialib_store_dup_variant_path()
 */
MedialibGeneration *
medialib_store_generate_finish (MedialibStore  *self,
                                GAsyncResult   *result,
                                gboolean       *reencoded,
                                GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (reencoded != NULL)
    *reencoded = ((GenerateData *) g_task_get_task_data (G_TASK (result)))->reencoded;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Adding variants -------------------------------------------------------------------------- */

/* "A cozy reading nook 2.png": the prompt's first words and the variant's number. */
static char *
variant_name (const char *prompt,
              guint       index,
              const char *path)
{
  g_autoptr(GString) name = NULL;
  const char *dot;

  g_assert (prompt != NULL);
  g_assert (path != NULL);

  name = g_string_new (NULL);
  dot = strrchr (path, '.');
  for (const char *p = prompt; *p != '\0' && g_utf8_strlen (name->str, -1) < 40; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || g_unichar_iscntrl (c))
        c = ' ';
      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_unichar (name, c);
    }

  while (name->len > 0 && name->str[name->len - 1] == ' ')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, _("Generated image"));

  g_string_append_printf (name, " %u%s", index, dot ? dot : ".png");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * medialib_store_add_variant:
 * @index: 1 to 4
 *
 * Adds a variant of a generation to the library (source "ai", its prompt kept). Adding the
 * same variant again gives the same asset. Reads and writes files: call it from a worker
 * thread in the app.
 *
 * Returns: (transfer full): the asset
 */
MedialibAsset *
medialib_store_add_variant (MedialibStore       *self,
                            gint64               generation,
                            guint                index,
                            const char * const  *tags,
                            const char * const  *teams,
                            GError             **error)
{
  g_autoptr(MedialibGeneration) gen = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  gint64 id;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(gen = medialib_store_get_generation (self, generation, error)))
    return NULL;

  if (index < 1 || index > gen->variants ||
      !(path = medialib_store_dup_variant_path (self, generation, index)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Variant %u of this generation is no longer in the cache"), index);
      return NULL;
    }

  if (!(mapped = g_mapped_file_new (path, FALSE, error)))
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  name = variant_name (gen->prompt, index, path);
  id = _medialib_store_add_bytes (self, bytes, name, "ai", 0, tags, teams, error);
  if (id == 0 || !medialib_catalog_set_prompt (self->catalog, id, gen->prompt, error))
    return NULL;

  return medialib_store_get_asset (self, id, error);
}

typedef struct
{
  gint64   generation;
  guint    index;
  char   **tags;
  char   **teams;
} AddData;

static void
add_data_free (AddData *data)
{
  g_assert (data != NULL);

  g_strfreev (data->tags);
  g_strfreev (data->teams);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;
  MedialibAsset *asset;

  g_assert (G_IS_TASK (task));
  g_assert (MEDIALIB_IS_STORE (source_object));
  g_assert (data != NULL);

  asset = medialib_store_add_variant (source_object, data->generation, data->index,
                                      (const char * const *) data->tags,
                                      (const char * const *) data->teams, &error);
  if (asset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, asset, g_object_unref);
}

void
medialib_store_add_variant_async (MedialibStore        *self,
                                  gint64                generation,
                                  guint                 index,
                                  const char * const   *tags,
                                  const char * const   *teams,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (MEDIALIB_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (AddData, 1);
  data->generation = generation;
  data->index = index;
  data->tags = g_strdupv ((char **) tags);
  data->teams = g_strdupv ((char **) teams);
  g_task_set_source_tag (task, medialib_store_add_variant_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);
}

/**
 * medialib_store_add_variant_finish:
 *
 * Returns: (transfer full):
 */
MedialibAsset *
medialib_store_add_variant_finish (MedialibStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
