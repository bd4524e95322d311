/* test-window.h — what test-window.c and test-window-grid.c share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void test_window_add_grid_tests (void);

G_END_DECLS
