/* medialib-cli-private.h — what the command line's source files share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "medialib-cli.h"
#include "medialib-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *library;
  gboolean  json;
} Globals;

/* A command of the full command line, registered by medialib_cli_full_init() */
typedef struct
{
  const char *name;
  int       (*run) (Globals *globals, int argc, char **argv);
} MedialibCliCommand;

/* medialib-cli.c */
extern const MedialibCliCommand *_medialib_cli_full_commands;
/* Computes the perceptual hashes an older library lacks (it decodes thumbnails: set by
 * medialib_cli_full_init(), NULL in the light `medialib`) */
extern gboolean (*_medialib_cli_compute_phashes) (MedialibStore *store, GError **error);
/* The same for the palettes that `list --color` compares */
extern void (*_medialib_cli_fill_palettes) (MedialibStore *store);

char          *library_dir         (Globals            *globals);
int            usage_error         (const char         *format,
                                    ...) G_GNUC_PRINTF (1, 2);
void           print_error         (const char         *subject,
                                    const char         *reason);
void           print_json          (JsonNode           *node);
void           print_json_builder  (JsonBuilder        *builder);
char          *join_labels         (const char * const *labels);
char          *printable           (const char         *name);
void           print_asset_line    (MedialibAsset      *asset);
void           print_asset_details (MedialibAsset      *asset);
gboolean       parse_options       (const char         *name,
                                    const char         *parameters,
                                    GOptionEntry       *entries,
                                    int                *argc,
                                    char             ***argv,
                                    int                *status);
gboolean       parse_ids           (int                 argc,
                                    char              **argv,
                                    GArray             *ids,
                                    int                *status);
MedialibStore *open_store          (Globals            *globals);

/* medialib-cli-team.c (full) */
int cmd_team    (Globals *globals, int argc, char **argv);

/* medialib-cli-library.c */
int cmd_import  (Globals *globals, int argc, char **argv);
int cmd_list    (Globals *globals, int argc, char **argv);
int cmd_info    (Globals *globals, int argc, char **argv);
int cmd_edit    (Globals *globals, int argc, char **argv);
int cmd_labels  (Globals *globals, MedialibLabelKind kind, int argc, char **argv);
int cmd_delete  (Globals *globals, int argc, char **argv);

gboolean parse_list_filters (const char *command, const char *parameters, int *argc, char ***argv,
                             MedialibQuery *query, char **collection, int *status);

/* medialib-cli-collections.c */
int cmd_collections (Globals *globals, int argc, char **argv);
int cmd_collection  (Globals *globals, int argc, char **argv);
gboolean add_collection_filters (MedialibStore *store, const char *name, MedialibQuery *query);
/* medialib-cli-similar.c */
int cmd_similar    (Globals *globals, int argc, char **argv);
int cmd_duplicates (Globals *globals, int argc, char **argv);

/* medialib-cli-versions.c */
int cmd_history (Globals *globals, int argc, char **argv);
int cmd_revert  (Globals *globals, int argc, char **argv);
gboolean parse_one_id      (const char *command, int argc, char **argv, int n_args, gint64 *id, int *status);
int      print_asset_after (Globals *globals, MedialibStore *store, gint64 id, const char *done);

/* medialib-cli-replace.c (full) */
int cmd_replace (Globals *globals, int argc, char **argv);

/* medialib-cli-backup.c */
int cmd_backup  (Globals *globals, int argc, char **argv);
int cmd_restore (Globals *globals, int argc, char **argv);

/* medialib-cli-media.c */
int cmd_presets  (Globals *globals, int argc, char **argv);
int cmd_crop     (Globals *globals, int argc, char **argv);
int cmd_export   (Globals *globals, int argc, char **argv);

/* medialib-cli-generate.c (full) */
int cmd_quota    (Globals *globals, int argc, char **argv);
int cmd_generate (Globals *globals, int argc, char **argv);

/* medialib-cli-suggest.c (full) */
int cmd_suggest  (Globals *globals, int argc, char **argv);

G_END_DECLS
