/* medialib-store-push.h — a local library's assets copied into a team library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a push did */
typedef struct
{
  guint      assets;              /* the local library's assets */
  guint      added;               /* new in the team library */
  guint      merged;              /* there already (the same bytes): their tags and teams added */
  guint      skipped;             /* not copied: see problems */
  guint      generations;         /* the local library's generations */
  guint      generations_added;   /* recorded now; the others were there already */
  GPtrArray *problems;            /* (element-type utf8): why each skipped asset was */
} MedialibPushSummary;

/* @done of @total items (assets, then generations) are in the team library */
typedef void (*MedialibPushProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

void     medialib_push_summary_clear (MedialibPushSummary      *summary);

gboolean medialib_store_push         (const char               *local_dir,
                                      const char               *team_dir,
                                      MedialibPushProgressFunc  progress,
                                      gpointer                  progress_data,
                                      MedialibPushSummary      *summary,
                                      GCancellable             *cancellable,
                                      GError                  **error);
void     medialib_store_push_async   (const char               *local_dir,
                                      const char               *team_dir,
                                      MedialibPushProgressFunc  progress,
                                      gpointer                  progress_data,
                                      GDestroyNotify            progress_data_destroy,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
gboolean medialib_store_push_finish  (GAsyncResult             *result,
                                      MedialibPushSummary      *summary,
                                      GError                  **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MedialibPushSummary, medialib_push_summary_clear)

G_END_DECLS
