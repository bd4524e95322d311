/* test-store.h — what test-store.c and test-store-migrate.c share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-store.h"

G_BEGIN_DECLS

gint64 test_store_add_row             (MedialibStore *store,
                                       const char    *name,
                                       const char    *kind,
                                       gint64         bytes,
                                       const char    *tags_csv,
                                       const char    *teams_csv);
void   test_store_add_migration_tests (void);
void   test_store_add_failure_tests   (void);

G_END_DECLS
