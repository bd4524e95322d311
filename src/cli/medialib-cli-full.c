/* medialib-cli-full.c — the commands that need the core's team half or GdkPixbuf
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include "medialib-cli-private.h"
#include "medialib-core-team.h"

/*
 * The light `medialib` (src/main-cli.c) links the command line's local half only, so that
 * it starts without loading libpq, libsoup, libsecret or GdkPixbuf; import and crop (which
 * decode images), generate, quota, team and every command on a team library run in
 * medialib-cli-full (and medialib-app), which call this.
 */

static const MedialibCliCommand full_commands[] = {
  { "crop", cmd_crop },
  { "export", cmd_export },
  { "generate", cmd_generate },
  { "import", cmd_import },
  { "quota", cmd_quota },
  { "suggest", cmd_suggest },
  { "replace", cmd_replace },
  { "team", cmd_team },
  { NULL, NULL },
};

/**
 * medialib_cli_full_init:
 *
 * Gives the command line its commands that need the core's team half, and the store its
 * team backend (medialib_core_team_init()).
 */
static gboolean
compute_phashes (MedialibStore  *store,
                 GError        **error)
{
  return medialib_store_compute_phashes (store, NULL, NULL, error);
}

static void
fill_palettes (MedialibStore *store)
{
  medialib_store_fill_palettes (store, NULL);
}

void
medialib_cli_full_init (void)
{
  medialib_core_team_init ();
  _medialib_cli_full_commands = full_commands;
  _medialib_cli_compute_phashes = compute_phashes;
  _medialib_cli_fill_palettes = fill_palettes;
}
