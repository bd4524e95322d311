/* medialib-core-team.h — the core's team half, registered
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void medialib_core_team_init (void);

G_END_DECLS
