/* medialib-import.h — bringing files into the library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-store.h"

G_BEGIN_DECLS

/* The product rule: a folder upload takes at most 50 files. */
#define MEDIALIB_FOLDER_MAX_FILES 50

typedef enum {
  MEDIALIB_IMPORT_ADDED,
  MEDIALIB_IMPORT_DUPLICATE,
  MEDIALIB_IMPORT_REJECTED,
  MEDIALIB_IMPORT_SKIPPED,
} MedialibImportStatus;

typedef struct
{
  char                 *path;    /* the input file, as given or found in a folder */
  MedialibImportStatus  status;
  gint64                id;      /* the asset, or 0 */
  char                 *name;    /* the asset's name, or NULL */
  char                 *reason;  /* why it was rejected or skipped, or NULL */
} MedialibImportResult;

typedef struct
{
  char   **tags;
  char   **teams;
  guint64  max_file_size;  /* 0: from the settings */
} MedialibImportOptions;

/* Called in the caller's main context while an import runs. */
typedef void (*MedialibImportProgressFunc) (guint                       done,
                                            guint                       total,
                                            const MedialibImportResult *last,
                                            gpointer                    user_data);

const char *medialib_import_status_to_string (MedialibImportStatus         status);
void        medialib_import_result_free      (MedialibImportResult        *result);
GPtrArray  *medialib_store_import            (MedialibStore               *self,
                                              GFile                      **files,
                                              guint                        n_files,
                                              const MedialibImportOptions *options,
                                              GCancellable                *cancellable,
                                              GError                     **error);
void        medialib_store_import_async      (MedialibStore               *self,
                                              GFile                      **files,
                                              guint                        n_files,
                                              const MedialibImportOptions *options,
                                              GCancellable                *cancellable,
                                              MedialibImportProgressFunc   progress,
                                              gpointer                     progress_data,
                                              GDestroyNotify               progress_notify,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
GPtrArray  *medialib_store_import_finish     (MedialibStore               *self,
                                              GAsyncResult                *result,
                                              GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibImportResult, medialib_import_result_free)

G_END_DECLS
