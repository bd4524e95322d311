/* medialib-import-private.h — an import's progress, reported in its caller's main context
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-import.h"

G_BEGIN_DECLS

typedef struct _MedialibImportProgressSink MedialibImportProgressSink;

MedialibImportProgressSink *_medialib_import_progress_sink_new   (MedialibImportProgressFunc   func,
                                                                  gpointer                     data,
                                                                  GDestroyNotify               notify);
void                        _medialib_import_progress_sink_unref (MedialibImportProgressSink  *sink);
void                        _medialib_import_progress_report     (MedialibImportProgressSink  *sink,
                                                                  guint                        done,
                                                                  guint                        total,
                                                                  const MedialibImportResult  *last);

G_END_DECLS
