/* medialib-team-config.h — a team library's team.ini: where its database and bucket are
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-s3-client.h"

G_BEGIN_DECLS

#define MEDIALIB_TEAM_INI "team.ini"

/* Seven days: the longest a presigned S3 URL may last */
#define MEDIALIB_TEAM_DEFAULT_URL_EXPIRY (7 * 24 * 3600)

/* What team.ini says; never a secret */
typedef struct
{
  char  *database;    /* libpq connection string, without a password */
  char  *endpoint;    /* the S3 endpoint, http(s)://host[:port] */
  char  *bucket;
  char  *region;      /* nullable */
  char  *public_url;  /* nullable: the bucket's public base URL (or a CDN's) */
  guint  url_expiry;  /* seconds a presigned URL lasts */
  char  *ca_file;     /* nullable: a PEM file of the authorities the store's certificate is checked against */
} MedialibTeamConfig;

void                medialib_team_config_free     (MedialibTeamConfig        *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibTeamConfig, medialib_team_config_free)

/* In medialib-store.c (the core's local half): a stat, no team backend needed */
gboolean            medialib_team_config_exists   (const char                *library_dir);

MedialibTeamConfig *medialib_team_config_load     (const char                *library_dir,
                                                   GError                   **error);
void                medialib_team_config_load_async  (const char           *library_dir,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MedialibTeamConfig *medialib_team_config_load_finish (GAsyncResult         *result,
                                                      GError              **error);
gboolean            medialib_team_config_check    (const MedialibTeamConfig  *config,
                                                   GError                   **error);
gboolean            medialib_team_config_save     (const MedialibTeamConfig  *config,
                                                   const char                *library_dir,
                                                   GError                   **error);
MedialibS3Client   *medialib_team_config_new_s3_client (const MedialibTeamConfig *config,
                                                        GError                  **error);
MedialibS3Client   *medialib_team_config_new_s3_client_with_keys (const MedialibTeamConfig  *config,
                                                                  const char                *access_key_id,
                                                                  const char                *secret_access_key,
                                                                  GError                   **error);

G_END_DECLS
