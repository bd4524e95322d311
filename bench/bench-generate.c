/* bench-generate.c — the benchmarks' made-up assets: realistic names, tags and teams
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bench-generate.h"

static const char *subjects[] = {
  "banner", "bakery", "balloon", "beach", "bicycle", "billboard", "brunch", "camera", "city",
  "coffee", "concert", "crowd", "desk", "dinner", "festival", "flower", "forest", "garden",
  "harbor", "headphones", "holiday", "kitchen", "lamp", "laptop", "launch", "lighthouse",
  "market", "meeting", "mountain", "office", "picnic", "poster", "river", "runner", "sale",
  "sneakers", "studio", "summer", "sunset", "team", "terrace", "umbrella", "winter", "yoga",
};
static const char *styles[] = {
  "hero", "close-up", "flat", "portrait", "wide", "square", "night", "bright", "final", "draft",
};
static const char *tags[] = {
  "Launch", "Spring", "Summer", "Autumn", "Winter", "Holiday", "Sale", "Onboarding", "Retention",
  "Newsletter", "Push", "Email", "In-app", "Brand", "Product", "Lifestyle", "Event", "Partner",
  "Social", "Promo", "Black Friday", "Back to School", "Loyalty", "Welcome", "Reminder",
  "Survey", "Beta", "Archive", "Approved", "Review",
};
static const char *teams[] = {
  "Brand", "Growth", "Lifecycle", "Product Marketing", "Design", "Sales", "Support", "Partners",
  "Mobile", "Web", "Europe", "Americas",
};

void
bench_asset_generate (GRand      *rand,
                      int         index,
                      BenchAsset *asset)
{
  const char **asset_tags = asset->tags;
  const char **asset_teams = asset->teams;
  int n_tags = g_rand_int_range (rand, 0, 4);
  int n_teams = g_rand_int_range (rand, 0, 3);

  memset (asset, 0, sizeof *asset);
  asset->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &index, sizeof index);
  asset->name = g_strdup_printf ("%s %s %s %d.%s",
                                 subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                 subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                 styles[g_rand_int_range (rand, 0, G_N_ELEMENTS (styles))],
                                 index, index % 3 == 0 ? "png" : "jpg");
  for (int t = 0; t < n_tags; t++)
    asset_tags[t] = tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))];
  for (int t = 0; t < n_teams; t++)
    asset_teams[t] = teams[g_rand_int_range (rand, 0, G_N_ELEMENTS (teams))];
  if (n_tags == 2 && asset_tags[0] == asset_tags[1])
    asset_tags[1] = NULL;
  if (n_tags == 3 && (asset_tags[2] == asset_tags[0] || asset_tags[2] == asset_tags[1]))
    asset_tags[2] = NULL;
  if (n_tags == 3 && asset_tags[0] == asset_tags[1])
    asset_tags[1] = asset_tags[2], asset_tags[2] = NULL;
  if (n_teams == 2 && asset_teams[0] == asset_teams[1])
    asset_teams[1] = NULL;
  asset->mime = index % 3 == 0 ? "image/png" : "image/jpeg";
  asset->bytes = g_rand_int_range (rand, 20000, 5000000);
}

void
bench_asset_clear (BenchAsset *asset)
{
  g_clear_pointer (&asset->name, g_free);
  g_clear_pointer (&asset->sha256, g_free);
}
