/* medialib-results.h — a search's results as a list model: every id, and only the assets
 * that are looked at
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-result-item.h"
#include "medialib-store.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_RESULTS (medialib_results_get_type ())

G_DECLARE_FINAL_TYPE (MedialibResults, medialib_results, MEDIALIB, RESULTS, GObject)

/* Assets are read by pages of this many positions */
#define MEDIALIB_RESULTS_PAGE_SIZE 128

MedialibResults *medialib_results_new          (MedialibStore   *store,
                                                GPtrArray       *assets);
gboolean         medialib_results_is_complete  (MedialibResults *self);
const GError    *medialib_results_get_error    (MedialibResults *self);
gint64           medialib_results_get_id       (MedialibResults *self,
                                                guint            position);
const gint64    *medialib_results_get_ids      (MedialibResults *self,
                                                guint           *n_ids);
int              medialib_results_find_id      (MedialibResults *self,
                                                gint64           id);
MedialibAsset   *medialib_results_peek_asset   (MedialibResults *self,
                                                guint            position);
guint            medialib_results_get_n_made   (MedialibResults *self);

void             medialib_results_remove       (MedialibResults *self,
                                                guint            position,
                                                guint            n_items);
guint            medialib_results_remove_ids   (MedialibResults *self,
                                                GHashTable      *ids);
void             medialib_results_insert_id    (MedialibResults *self,
                                                guint            position,
                                                gint64           id);
void             medialib_results_insert_asset (MedialibResults *self,
                                                guint            position,
                                                MedialibAsset   *asset);
void             medialib_results_set_ids      (MedialibResults *self,
                                                const gint64    *ids,
                                                guint            n_ids);
void             medialib_results_update_asset (MedialibResults *self,
                                                MedialibAsset   *asset);
void             medialib_results_reload       (MedialibResults *self);

/* For medialib_store_find_async(): the ids of every result, once they are read */
GCancellable    *_medialib_results_get_cancellable (MedialibResults *self);
void             _medialib_results_complete    (MedialibResults *self,
                                                GArray          *ids,
                                                const GError    *error);

G_END_DECLS
