/* medialib-change.h — what changed in a library, and how a change travels between members
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a MedialibStore::changed signal reports; the ids are assets' ids */
typedef enum
{
  MEDIALIB_CHANGE_ASSETS_ADDED,    /* new assets (imported, cropped, generated): the ids */
  MEDIALIB_CHANGE_ASSETS_CHANGED,  /* assets renamed, tagged, given a prompt…: the ids */
  MEDIALIB_CHANGE_ASSETS_REMOVED,  /* assets deleted: the ids */
  MEDIALIB_CHANGE_LABELS,          /* tags or teams made, renamed, merged, deleted or counted
                                    * differently; a rename or a deletion changed the labels of
                                    * the assets that carried them: read what is shown again */
  MEDIALIB_CHANGE_GENERATIONS,     /* a generation started, ended or was given back: the
                                    * generations and the day's quota changed */
  MEDIALIB_CHANGE_RESYNC,          /* anything may have changed (notices were missed, or too
                                    * many to tell one by one): read everything again */
  MEDIALIB_CHANGE_COLLECTIONS,     /* saved collections made, replaced or deleted */
} MedialibChangeKind;

#define MEDIALIB_TYPE_CHANGE_KIND (medialib_change_kind_get_type ())

/* A notice's text stays below PostgreSQL's limit on a NOTIFY payload (8000 bytes) */
#define MEDIALIB_CHANGE_MAX_PAYLOAD 7900

GType       medialib_change_kind_get_type (void) G_GNUC_CONST;
char       *medialib_change_encode        (const char          *session,
                                           MedialibChangeKind   kind,
                                           const gint64        *ids,
                                           guint                n_ids);
gboolean    medialib_change_decode        (const char          *payload,
                                           char               **session,
                                           MedialibChangeKind  *kind,
                                           GArray             **ids);

G_END_DECLS
