/* medialib-secret.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "medialib-secret.h"

/*
 * One key per server address, in the Secret Service (or, in Flatpak, through the Secret
 * portal, which libsecret uses by itself). Never in GSettings or a plain file. An empty key
 * removes the stored one: local servers often need none.
 */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.medialib.MediaLibrary.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * medialib_secret_lookup_sync:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when none is stored
 */
char *
medialib_secret_lookup_sync (const char    *server,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return secret_password_lookup_sync (get_schema (), cancellable, error, "server", server, NULL);
}

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key;

  g_assert (G_IS_TASK (task));

  key = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

void
medialib_secret_lookup_async (const char          *server,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_secret_lookup_async);
  secret_password_lookup (get_schema (), cancellable, on_lookup_cb, task, "server", server, NULL);
}

/**
 * medialib_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when none is stored
 */
char *
medialib_secret_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  if (g_task_get_source_tag (task) == (gpointer) secret_password_clear)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medialib_secret_store_async (const char          *server,
                             const char          *key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  label = g_strdup_printf (_("Media Library image generation key for %s"), server);

  if (key == NULL || key[0] == '\0')
    {
      g_task_set_source_tag (task, secret_password_clear);
      secret_password_clear (get_schema (), cancellable, on_stored_cb, task, "server", server, NULL);
      return;
    }

  g_task_set_source_tag (task, medialib_secret_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, key, cancellable,
                         on_stored_cb, task, "server", server, NULL);
}

gboolean
medialib_secret_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
