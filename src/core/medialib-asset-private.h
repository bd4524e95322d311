/* medialib-asset-private.h — how the store makes assets
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-asset.h"
#include "medialib-blob-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64       id;
  const char  *name;
  MedialibAssetKind kind;
  const char  *mime;
  gint64       bytes;
  int          width;
  int          height;
  gboolean     animated;
  const char  *sha256;
  gint64       added;
  const char  *source;
  gint64       parent;
  char       **tags;       /* taken */
  char       **teams;      /* taken */
  MedialibBlobStore *blobs;  /* where its bytes are; the asset keeps a reference */
  const char  *prompt;
  const char  *contact;
  const char  *added_by;   /* nullable */
  const char  *palette;    /* as the catalogs keep it (medialib-palette.c), nullable */
  const char  *alt;        /* nullable; "" is taken as none */
  gboolean     has_phash;
  guint64      phash;
  const char  *address;    /* its stable address (medialib-store-versions.c), nullable */
} MedialibAssetFields;

MedialibAsset *_medialib_asset_new        (MedialibAssetFields *fields);
const char    *_medialib_asset_get_address (MedialibAsset      *self);
const char    *_medialib_media_suffix     (const char          *mime);
char          *_medialib_content_name     (const char          *top,
                                           const char          *separator,
                                           const char          *sha256,
                                           const char          *suffix);
char          *_medialib_content_key      (const char          *prefix,
                                           const char          *sha256,
                                           const char          *suffix);
char          *_medialib_media_key        (const char          *sha256,
                                           const char          *mime);
char          *_medialib_thumbnail_key    (const char          *sha256);

G_END_DECLS
