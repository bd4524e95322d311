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

void medialib_version_free (MedialibVersion *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibVersion, medialib_version_free)

G_END_DECLS
