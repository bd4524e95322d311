/* medialib-collection.h — a saved search, by name
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "medialib-query.h"

G_BEGIN_DECLS

#define MEDIALIB_TYPE_COLLECTION (medialib_collection_get_type ())

typedef struct
{
  char          *name;
  char          *filters;  /* its query's filters, as medialib_query_to_json() writes them */
  MedialibQuery *query;    /* (nullable): those filters, once read */
  gint64         count;    /* how many assets it has now, or -1 when not counted */
} MedialibCollection;

GType               medialib_collection_get_type       (void) G_GNUC_CONST;
MedialibCollection *medialib_collection_new            (const char                *name,
                                                        const char                *filters);
MedialibCollection *medialib_collection_copy           (const MedialibCollection  *collection);
void                medialib_collection_free           (MedialibCollection        *collection);
char               *medialib_collection_normalize_name (const char                *name,
                                                        GError                   **error);
char               *medialib_collection_key            (const char                *name);
JsonNode           *medialib_collection_to_json        (const MedialibCollection  *collection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibCollection, medialib_collection_free)

G_END_DECLS
