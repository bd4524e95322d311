/* medialib-team-dialog.h — "Team Library…": the servers of a team library, tested, then
 * connected
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-team-config.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_TEAM_DIALOG (medialib_team_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibTeamDialog, medialib_team_dialog, MEDIALIB, TEAM_DIALOG, AdwDialog)

MedialibTeamDialog *medialib_team_dialog_new        (void);
void                medialib_team_dialog_set_config (MedialibTeamDialog       *self,
                                                     const MedialibTeamConfig *config,
                                                     const char               *message);

G_END_DECLS
