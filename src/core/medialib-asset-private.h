/* medialib-asset-private.h — how the store makes assets
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-asset.h"

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
  char        *path;       /* taken; or NULL and made from media_dir when asked for */
  char        *thumbnail;  /* taken; or NULL and made from thumbnail_dir when asked for */
  const char  *media_dir;      /* interned: the store's media/ */
  const char  *thumbnail_dir;  /* interned: the store's thumbnails/, when the asset has one */
  const char  *prompt;
  const char  *contact;
} MedialibAssetFields;

MedialibAsset *_medialib_asset_new        (MedialibAssetFields *fields);
const char    *_medialib_media_suffix     (const char          *mime);
char          *_medialib_content_path     (const char          *dir,
                                           const char          *sha256,
                                           const char          *suffix);
char          *_medialib_content_key      (const char          *prefix,
                                           const char          *sha256,
                                           const char          *suffix);
char          *_medialib_media_key        (const char          *sha256,
                                           const char          *mime);
char          *_medialib_thumbnail_key    (const char          *sha256);

G_END_DECLS
