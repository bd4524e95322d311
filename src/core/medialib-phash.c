/* medialib-phash.c — perceptual hashes of images, and finding the near ones
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-phash"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "medialib-phash.h"

/*
 * A perceptual hash sums up what an image looks like in 64 bits, so that the copies of one
 * image (resized, recompressed, converted between PNG and JPEG, slightly cropped) have
 * hashes a few bits apart and unrelated images about half of them. The store hashes the
 * 512-pixel thumbnail it makes of every image (the same pixels whichever way the image came
 * in: import, crop, generation, push), and stores the hash in the catalog.
 *
 * Two hashes were measured (tests/test-phash.c, on images the test draws: a photo-like
 * image of gradients, shapes and noise, its copies, and unrelated images):
 *
 * - the DCT hash (pHash): the image in grey, shrunk to 32 × 32, its 2-D cosine transform;
 *   the 8 × 8 lowest frequencies but the constant ones, each bit whether the coefficient is
 *   above their median;
 * - the difference hash (dHash): the image in grey, shrunk to 9 × 8; each bit whether a
 *   pixel is darker than its right neighbour.
 *
 * The photo is 800 × 600; its copies' distances, DCT (dHash): resized to 60 % 0 (0), JPEG at
 * quality 60 0 (3), that JPEG as PNG 0 (3), PNG to JPEG at 85 0 (1), 5 % cropped (2.5 % off
 * each side) 4 (4), cropped and JPEG at 75 4 (4); 10 % cropped, not counted, 8 (7). Ten
 * unrelated images (four other photos drawn alike, six other drawings) were 20 to 36 bits
 * away (dHash: 16 to 36), the nearest another photo. The DCT hash keeps the wider gap
 * between the farthest copy and the nearest unrelated image (4 against 20: 16 bits; dHash
 * 4 against 16: 12), so it is the one stored. A similar search takes what is within 10 bits
 * (MEDIALIB_PHASH_SIMILAR_DISTANCE), 6 bits beyond the farthest copy and 10 short of the
 * nearest unrelated image; duplicates are what is within 6 (a 10 % crop is 8 away: a
 * similar image, not a duplicate).
 */

/* @pixels in grey, shrunk to @size_x × @size_y by the mean of each block; a transparent
 * pixel counts as white */
static void
shrink_grey (const guint8 *pixels,
             int           width,
             int           height,
             int           rowstride,
             int           n_channels,
             int           size_x,
             int           size_y,
             double       *out)
{
  g_assert (width > 0 && height > 0);
  g_assert (n_channels == 3 || n_channels == 4);

  for (int j = 0; j < size_y; j++)
    {
      int y0 = (int) ((gint64) j * height / size_y);
      int y1 = MAX (y0 + 1, (int) ((gint64) (j + 1) * height / size_y));

      for (int i = 0; i < size_x; i++)
        {
          int x0 = (int) ((gint64) i * width / size_x);
          int x1 = MAX (x0 + 1, (int) ((gint64) (i + 1) * width / size_x));
          double sum = 0;

          for (int y = y0; y < y1; y++)
            {
              const guint8 *p = pixels + (gsize) y * rowstride + (gsize) x0 * n_channels;

              for (int x = x0; x < x1; x++, p += n_channels)
                {
                  /* BT.601 luma */
                  double grey = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

                  if (n_channels == 4)
                    grey = (grey * p[3] + 255.0 * (255 - p[3])) / 255.0;
                  sum += grey;
                }
            }

          out[j * size_x + i] = sum / ((double) (y1 - y0) * (x1 - x0));
        }
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * medialib_phash_compute:
 * @pixels: 8-bit RGB or RGBA pixels
 * @n_channels: 3 or 4
 *
 * The DCT perceptual hash of an image (see the top of this file).
 *
 * Returns: the hash
 */
guint64
medialib_phash_compute (const guint8 *pixels,
                        int           width,
                        int           height,
                        int           rowstride,
                        int           n_channels)
{
  enum { N = 32, K = 9 };
  double grey[N * N];
  double cosines[K][N];
  double rows[N][K];
  double coefficients[64];
  double sorted[64];
  double median;
  guint64 hash = 0;

  g_return_val_if_fail (pixels != NULL, 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);
  g_return_val_if_fail (n_channels == 3 || n_channels == 4, 0);

  shrink_grey (pixels, width, height, rowstride, n_channels, N, N, grey);

  for (int u = 0; u < K; u++)
    for (int x = 0; x < N; x++)
      cosines[u][x] = cos ((2 * x + 1) * u * G_PI / (2 * N));

  /* Separable: the rows first, then the columns, for the K lowest frequencies */
  for (int y = 0; y < N; y++)
    for (int u = 0; u < K; u++)
      {
        double sum = 0;

        for (int x = 0; x < N; x++)
          sum += grey[y * N + x] * cosines[u][x];
        rows[y][u] = sum;
      }

  /* Frequencies 1 to 8 in each direction: the constant row and column left out */
  for (int v = 1; v < K; v++)
    for (int u = 1; u < K; u++)
      {
        double sum = 0;

        for (int y = 0; y < N; y++)
          sum += rows[y][u] * cosines[v][y];
        coefficients[(v - 1) * 8 + (u - 1)] = sum;
      }

  memcpy (sorted, coefficients, sizeof sorted);
  qsort (sorted, 64, sizeof (double), compare_doubles);
  median = (sorted[31] + sorted[32]) / 2;

  for (int i = 0; i < 64; i++)
    if (coefficients[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;

  return hash;
}

/**
 * medialib_dhash_compute:
 * @pixels: 8-bit RGB or RGBA pixels
 * @n_channels: 3 or 4
 *
 * The difference hash of an image (see the top of this file): measured against the DCT
 * hash, which is the one stored.
 *
 * Returns: the hash
 */
guint64
medialib_dhash_compute (const guint8 *pixels,
                        int           width,
                        int           height,
                        int           rowstride,
                        int           n_channels)
{
  double grey[9 * 8];
  guint64 hash = 0;

  g_return_val_if_fail (pixels != NULL, 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);
  g_return_val_if_fail (n_channels == 3 || n_channels == 4, 0);

  shrink_grey (pixels, width, height, rowstride, n_channels, 9, 8, grey);

  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++)
      if (grey[y * 9 + x] < grey[y * 9 + x + 1])
        hash |= G_GUINT64_CONSTANT (1) << (y * 8 + x);

  return hash;
}

/**
 * medialib_phash_distance:
 *
 * Returns: how many of the 64 bits differ
 */
guint
medialib_phash_distance (guint64 a,
                         guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

/* --- Groups ------------------------------------------------------------------------------- */

/*
 * Near-duplicates among 100,000 hashes without comparing every pair (5 × 10⁹ of them): a
 * multi-index. Each hash is cut in four blocks of 16 bits; two hashes at most d bits apart
 * have one block at most d / 4 bits apart (were all four further, they would differ by
 * more than d). So for each hash and each of its blocks, the hashes whose same block is one
 * of the values within d / 4 bits are the only ones to compare: for d ≤ 11, 137 values of
 * a block, each one a bucket of the hashes that have it, a bucket of one or two hashes on
 * average for 100,000 of them.
 */

typedef struct
{
  const guint64 *hashes;
  guint          max_distance;
  guint         *offsets[4];  /* the start in order[b] of each value of block b */
  guint         *order[4];    /* the hashes' indices, by the value of block b */
  guint         *parent;      /* union-find */
} Index;

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }

  return i;
}

static inline guint
block_of (guint64 hash,
          int     b)
{
  return (guint) (hash >> (16 * b)) & 0xffff;
}

static void
compare_bucket (Index *index,
                int    b,
                guint  i,
                guint  value)
{
  for (guint k = index->offsets[b][value]; k < index->offsets[b][value + 1]; k++)
    {
      guint j = index->order[b][k];

      if (j > i && medialib_phash_distance (index->hashes[i], index->hashes[j]) <= index->max_distance)
        {
          guint ri = find_root (index->parent, i);
          guint rj = find_root (index->parent, j);

          if (ri != rj)
            index->parent[MAX (ri, rj)] = MIN (ri, rj);
        }
    }
}

/* The values within @radius more bits of @value, flipping bits from @from up */
static void
visit_near (Index *index,
            int    b,
            guint  i,
            guint  value,
            int    from,
            guint  radius)
{
  compare_bucket (index, b, i, value);
  if (radius == 0)
    return;
  for (int bit = from; bit < 16; bit++)
    visit_near (index, b, i, value ^ (1u << bit), bit + 1, radius - 1);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const GArray *x = *(GArray * const *) a;
  const GArray *y = *(GArray * const *) b;
  guint first_x = g_array_index (x, guint, 0);
  guint first_y = g_array_index (y, guint, 0);

  return (first_x > first_y) - (first_x < first_y);
}

/**
 * medialib_phash_group:
 * @hashes: (array length=n_hashes): hashes
 * @max_distance: at most %MEDIALIB_PHASH_GROUP_MAX_DISTANCE
 *
 * Groups the hashes that are at most @max_distance bits from another one of the group
 * (whole chains of them: a group's ends may be further apart).
 *
 * Returns: (transfer full) (element-type GArray): the groups of two hashes or more, each
 *   the indices of its hashes in increasing order, the groups by their first index
 */
GPtrArray *
medialib_phash_group (const guint64 *hashes,
                      guint          n_hashes,
                      guint          max_distance)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree GArray **by_root = NULL;
  Index index = { hashes, max_distance, { NULL }, { NULL }, NULL };

  g_return_val_if_fail (hashes != NULL || n_hashes == 0, NULL);
  g_return_val_if_fail (max_distance <= MEDIALIB_PHASH_GROUP_MAX_DISTANCE, NULL);

  if (n_hashes < 2)
    return g_steal_pointer (&groups);

  /* The buckets, by counting sort */
  for (int b = 0; b < 4; b++)
    {
      index.offsets[b] = g_new0 (guint, 65537);
      index.order[b] = g_new (guint, n_hashes);
      for (guint i = 0; i < n_hashes; i++)
        index.offsets[b][block_of (hashes[i], b) + 1]++;
      for (guint v = 0; v < 65536; v++)
        index.offsets[b][v + 1] += index.offsets[b][v];
      {
        g_autofree guint *next = g_memdup2 (index.offsets[b], sizeof (guint) * 65536);

        for (guint i = 0; i < n_hashes; i++)
          index.order[b][next[block_of (hashes[i], b)]++] = i;
      }
    }

  index.parent = g_new (guint, n_hashes);
  for (guint i = 0; i < n_hashes; i++)
    index.parent[i] = i;

  for (guint i = 0; i < n_hashes; i++)
    for (int b = 0; b < 4; b++)
      visit_near (&index, b, i, block_of (hashes[i], b), 0, max_distance / 4);

  /* The groups, their indices in increasing order */
  by_root = g_new0 (GArray *, n_hashes);
  for (guint i = 0; i < n_hashes; i++)
    {
      guint root = find_root (index.parent, i);

      if (by_root[root] == NULL)
        by_root[root] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (by_root[root], i);
    }
  for (guint i = 0; i < n_hashes; i++)
    {
      if (by_root[i] != NULL && by_root[i]->len >= 2)
        g_ptr_array_add (groups, by_root[i]);
      else if (by_root[i] != NULL)
        g_array_unref (by_root[i]);
    }
  g_ptr_array_sort (groups, compare_groups);

  for (int b = 0; b < 4; b++)
    {
      g_free (index.offsets[b]);
      g_free (index.order[b]);
    }
  g_free (index.parent);

  return g_steal_pointer (&groups);
}
