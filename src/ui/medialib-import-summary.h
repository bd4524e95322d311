/* medialib-import-summary.h — what an import did, file by file
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MEDIALIB_TYPE_IMPORT_SUMMARY (medialib_import_summary_get_type ())

G_DECLARE_FINAL_TYPE (MedialibImportSummary, medialib_import_summary, MEDIALIB, IMPORT_SUMMARY, AdwDialog)

MedialibImportSummary *medialib_import_summary_new      (GPtrArray *results);
char                  *medialib_import_summary_describe (GPtrArray *results,
                                                         guint     *n_problems);

G_END_DECLS
