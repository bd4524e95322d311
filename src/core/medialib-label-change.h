/* medialib-label-change.h — a tag or team added to or removed from many assets at once
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "medialib-label.h"

G_BEGIN_DECLS

/* One label, added to or removed from some assets. A list of them is applied in one
 * transaction (medialib_store_change_labels()), which gives back what it did: the same
 * changes, each with the assets it really changed (an asset that already had an added tag is
 * not among them), and a removed label's name as it was spelled. Inverted, that list undoes
 * the change exactly. */
typedef struct
{
  MedialibLabelKind  kind;
  char              *name;
  gboolean           add;
  GArray            *ids;   /* (element-type gint64) */
} MedialibLabelChange;

MedialibLabelChange *medialib_label_change_new      (MedialibLabelKind    kind,
                                                     const char          *name,
                                                     gboolean             add,
                                                     const gint64        *ids,
                                                     guint                n_ids);
void                 medialib_label_change_free     (MedialibLabelChange *change);
GPtrArray           *medialib_label_changes_new     (void);
GPtrArray           *medialib_label_changes_invert  (GPtrArray           *done);
GArray              *medialib_label_changes_dup_ids (GPtrArray           *changes);
gboolean             medialib_label_changes_removes (GPtrArray           *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibLabelChange, medialib_label_change_free)

G_END_DECLS
