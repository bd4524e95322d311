/* medialib-phash.h — perceptual hashes of images, and finding the near ones
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Hamming distance (of 64) within which `medialib similar` and "Find Similar" list
 * assets, and within which `medialib duplicates` groups them: measured in
 * tests/test-phash.c (README, "Similar images") */
#define MEDIALIB_PHASH_SIMILAR_DISTANCE    10
#define MEDIALIB_PHASH_DUPLICATE_DISTANCE  6
/* medialib_phash_group() looks at most this far */
#define MEDIALIB_PHASH_GROUP_MAX_DISTANCE  11

typedef struct
{
  gint64  id;
  guint64 hash;
} MedialibPhashEntry;

guint64    medialib_phash_compute  (const guint8 *pixels,
                                    int           width,
                                    int           height,
                                    int           rowstride,
                                    int           n_channels);
guint64    medialib_dhash_compute  (const guint8 *pixels,
                                    int           width,
                                    int           height,
                                    int           rowstride,
                                    int           n_channels);
guint      medialib_phash_distance (guint64       a,
                                    guint64       b);
GPtrArray *medialib_phash_group    (const guint64 *hashes,
                                    guint          n_hashes,
                                    guint          max_distance);

G_END_DECLS
