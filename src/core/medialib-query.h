/* medialib-query.h — what a search asks for
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "medialib-asset.h"

G_BEGIN_DECLS

typedef enum {
  MEDIALIB_SORT_ADDED,   /* newest first */
  MEDIALIB_SORT_NAME,    /* A to Z */
  MEDIALIB_SORT_SIZE,    /* largest first */
} MedialibSort;

#define MEDIALIB_TYPE_QUERY (medialib_query_get_type ())

typedef struct
{
  char         *text;   /* words that must each begin a word of the name, tags or teams */
  char        **tags;   /* every one of them */
  char        **teams;  /* every one of them */
  MedialibAssetKind kind;  /* MEDIALIB_ASSET_KIND_ANY for both */
  MedialibSort  sort;
  guint         offset; /* results to skip, in the sort order */
  guint         limit;  /* at most this many results; 0 for all */
  GArray       *ids;    /* (element-type gint64) (nullable): among these assets only; NULL
                         * for all (the window checks changed assets against its search) */
  char         *fits;   /* (nullable): a channel preset's key: the images usable for it as
                         * they are (medialib_preset_dup_fits_sql()) */
  char         *color;  /* (nullable): "#rrggbb": the assets with a palette colour within
                         * color_distance (ΔE2000) of it, the nearest first */
  double        color_distance;
  char         *source;       /* "upload", "crop" or "ai"; NULL for every source */
  gint64        added_since;  /* added at this time (Unix) or later; 0 for any time */
  gint64        similar_to;    /* 0, or the asset whose images within max_distance are
                                * wanted (itself left out), nearest first, then by sort */
  guint         max_distance;  /* bits of the perceptual hashes, with similar_to */
} MedialibQuery;

GType          medialib_query_get_type     (void) G_GNUC_CONST;
MedialibQuery *medialib_query_new          (void);
MedialibQuery *medialib_query_copy         (const MedialibQuery *query);
void           medialib_query_free         (MedialibQuery       *query);
char          *medialib_query_to_fts_match (const char          *text);
gboolean       medialib_sort_from_string   (const char          *text,
                                            MedialibSort        *sort);

/* medialib-query-json.c: the filters, for saved collections */
JsonNode      *medialib_query_to_json_node  (const MedialibQuery *query);
char          *medialib_query_to_json       (const MedialibQuery *query);
MedialibQuery *medialib_query_new_from_json (const char          *json,
                                             GError             **error);
void           medialib_query_add_filters   (MedialibQuery       *query,
                                             const MedialibQuery *filters);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibQuery, medialib_query_free)

G_END_DECLS
