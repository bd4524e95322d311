/* bench-generate.h — the benchmarks' made-up assets: realistic names, tags and teams
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char       *name;      /* owned */
  char       *sha256;    /* owned */
  const char *mime;
  gint64      bytes;
  const char *tags[4];   /* up to 3 distinct, then NULL */
  const char *teams[3];  /* up to 2 distinct, then NULL */
} BenchAsset;

/* Asset @index of the sequence that @rand, seeded with 42, gives from index 0: the same
 * assets for a local library (bench-core make) and a team library (bench-team load) */
void bench_asset_generate (GRand      *rand,
                           int         index,
                           BenchAsset *asset);
void bench_asset_clear    (BenchAsset *asset);

#define BENCH_SEED 42

G_END_DECLS
