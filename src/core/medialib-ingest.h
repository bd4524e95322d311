/* medialib-ingest.h — checking bytes and keeping them in the library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-sniff.h"
#include "medialib-store-private.h"

G_BEGIN_DECLS

/* A file that passed every check, its copy in media/ */
typedef struct
{
  MedialibFormat  format;
  char           *sha256;
  gint64          bytes;
  int             width;
  int             height;
  gboolean        animated;
  char           *contact;       /* JSON summary of a contact card */
  char           *search_extra;
  char           *note;          /* something to tell about an accepted file */
} MedialibIngest;

gboolean _medialib_ingest_bytes    (MedialibStore         *store,
                                    const guint8          *data,
                                    gsize                  length,
                                    const char            *name,
                                    MedialibIngest        *ingest,
                                    char                 **reason);
void     _medialib_ingest_to_asset (const MedialibIngest  *ingest,
                                    const char            *name,
                                    const char            *source,
                                    gint64                 parent,
                                    MedialibNewAsset      *asset);
void     _medialib_ingest_clear    (MedialibIngest        *ingest);

G_END_DECLS
