/* medialib-background.h — work that waits for the rest: a thread of its own at the lowest
 * priority
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The nice value of a background thread */
#define MEDIALIB_BACKGROUND_NICE 19

void _medialib_task_run_in_background (GTask           *task,
                                       GTaskThreadFunc  func,
                                       const char      *name);

/* The nice value the last background thread ran at, -100 before any (tests) */
extern int _medialib_background_last_nice;

G_END_DECLS
