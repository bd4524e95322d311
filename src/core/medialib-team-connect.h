/* medialib-team-connect.h — testing a team library's servers, and connecting a folder to them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-team-config.h"
#include "medialib-team-secrets.h"

G_BEGIN_DECLS

/* The app's team libraries, each a folder of its own in here */
#define MEDIALIB_TEAM_LIBRARIES "team-libraries"

char     *medialib_team_conninfo_new          (const char                *host,
                                               const char                *port,
                                               const char                *dbname,
                                               const char                *user);
gboolean  medialib_team_conninfo_parse        (const char                *conninfo,
                                               char                     **host,
                                               char                     **port,
                                               char                     **dbname,
                                               char                     **user);
char     *medialib_team_config_dup_name       (const MedialibTeamConfig  *config);
gboolean  medialib_team_config_same_servers   (const MedialibTeamConfig  *a,
                                               const MedialibTeamConfig  *b);
char     *medialib_team_dup_libraries_dir     (void);
char     *medialib_team_dup_library_dir       (const MedialibTeamConfig  *config);

gboolean  medialib_team_test_sync             (const MedialibTeamConfig  *config,
                                               const MedialibTeamSecrets *secrets,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void      medialib_team_test_async            (const MedialibTeamConfig  *config,
                                               const MedialibTeamSecrets *secrets,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
gboolean  medialib_team_test_finish           (GAsyncResult              *result,
                                               GError                   **error);

gboolean  medialib_team_connect_sync          (const MedialibTeamConfig  *config,
                                               const MedialibTeamSecrets *secrets,
                                               const MedialibTeamSecrets *save,
                                               const char                *library_dir,
                                               gint64                    *n_assets,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void      medialib_team_connect_async         (const MedialibTeamConfig  *config,
                                               const MedialibTeamSecrets *secrets,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
char     *medialib_team_connect_finish        (GAsyncResult              *result,
                                               GError                   **error);

G_END_DECLS
