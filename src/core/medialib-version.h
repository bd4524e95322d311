/* medialib-version.h — one content an asset has had: its current one, or an earlier one kept
 * when it was replaced
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint     number;     /* 1 for the asset's first content, counting up */
  gboolean  current;    /* the asset's content now */
  char     *sha256;
  char     *mime;
  gint64    bytes;
  int       width;      /* 0 when unknown (a contact card) */
  int       height;
  gboolean  animated;
  gint64    since;      /* when it became the asset's content (Unix time) */
  char     *by;         /* who made it so (a team library's member), or NULL */
  char     *palette;    /* as the asset's row keeps it, or NULL */
  gboolean  has_phash;
  guint64   phash;
} MedialibVersion;

/* Where a crop comes from: which version of its parent, and how */
typedef struct
{
  gint64    parent;     /* 0 when the parent is gone */
  guint     version;    /* the parent's version it was made from, 0 when unknown */
  gboolean  outdated;   /* the parent's content changed since */
  char     *preset;     /* the preset's key, or NULL when unknown */
  int       x;          /* its rectangle in the parent's pixels; width 0 when unknown */
  int       y;
  int       width;
  int       height;
  int       parent_width;   /* the size of the parent's version it was made from, 0 when unknown */
  int       parent_height;
} MedialibCropOrigin;

void medialib_version_free      (MedialibVersion    *version);
void medialib_crop_origin_clear (MedialibCropOrigin *origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibVersion, medialib_version_free)

G_END_DECLS
