/* medialib-team-secrets.h — a team library's database password and S3 keys, in the keyring
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-team-config.h"

G_BEGIN_DECLS

/* Where a team library's credentials came from (never what they are) */
typedef enum
{
  MEDIALIB_TEAM_CREDENTIALS_MISSING,
  MEDIALIB_TEAM_CREDENTIALS_ENVIRONMENT,  /* PGPASSWORD, libpq's own files, AWS_* */
  MEDIALIB_TEAM_CREDENTIALS_KEYRING,
} MedialibTeamCredentials;

/* Each field is nullable; medialib_team_secrets_free() wipes them before freeing */
typedef struct
{
  char                    *database_password;
  char                    *access_key_id;
  char                    *secret_access_key;
  MedialibTeamCredentials  keys_source;        /* medialib_team_secrets_find() only */
} MedialibTeamSecrets;

void                 medialib_team_secrets_free         (MedialibTeamSecrets       *secrets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibTeamSecrets, medialib_team_secrets_free)

MedialibTeamSecrets *medialib_team_secrets_copy         (const MedialibTeamSecrets *secrets);

const char          *medialib_team_credentials_to_string (MedialibTeamCredentials   source);

gboolean             medialib_team_secrets_store_sync    (const MedialibTeamConfig  *config,
                                                          const MedialibTeamSecrets *secrets,
                                                          GCancellable              *cancellable,
                                                          GError                   **error);
void                 medialib_team_secrets_store_async   (const MedialibTeamConfig  *config,
                                                          const MedialibTeamSecrets *secrets,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean             medialib_team_secrets_store_finish  (GAsyncResult              *result,
                                                          GError                   **error);
MedialibTeamSecrets *medialib_team_secrets_lookup_sync   (const MedialibTeamConfig  *config,
                                                          GCancellable              *cancellable,
                                                          GError                   **error);
void                 medialib_team_secrets_lookup_async  (const MedialibTeamConfig  *config,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
MedialibTeamSecrets *medialib_team_secrets_lookup_finish (GAsyncResult              *result,
                                                          GError                   **error);
gboolean             medialib_team_secrets_clear_sync    (const MedialibTeamConfig  *config,
                                                          GCancellable              *cancellable,
                                                          GError                   **error);
void                 medialib_team_secrets_clear_async   (const MedialibTeamConfig  *config,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean             medialib_team_secrets_clear_finish  (GAsyncResult              *result,
                                                          GError                   **error);
MedialibTeamSecrets *medialib_team_secrets_find          (const MedialibTeamConfig  *config,
                                                          GCancellable              *cancellable);

G_END_DECLS
