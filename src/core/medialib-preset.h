/* medialib-preset.h — the image rules of every messaging channel
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MEDIALIB_RATIO_FIXED,     /* ratio_w:ratio_h */
  MEDIALIB_RATIO_ANY,       /* any ratio, with size rules */
  MEDIALIB_RATIO_FREE,      /* any crop, no rules */
  MEDIALIB_RATIO_ORIGINAL,  /* the image's own ratio */
} MedialibRatioKind;

/* Sizes are pixels; 0 where the product documents give none. */
typedef struct
{
  const char        *key;
  const char        *channel;        /* channel key */
  MedialibRatioKind  ratio_kind;
  int                ratio_w;
  int                ratio_h;
  int                min_width;
  int                min_height;
  int                max_width;
  int                max_height;
  int                recommended_width;
  int                recommended_height;
  gint64             max_bytes;
  gboolean           no_gif;

  /*< private >*/
  const char        *label_msgid;
  const char        *channel_msgid;
  const char        *notes_msgid;
} MedialibPreset;

/* What an image must be to fit a preset as it is; 0 for no rule */
typedef struct
{
  int      ratio_w;       /* reduced ratio, or 0 for any */
  int      ratio_h;
  int      min_width;
  int      min_height;
  int      max_width;
  int      max_height;
  gboolean no_gif;
} MedialibPresetFit;

const GPtrArray      *medialib_presets_get              (void);
const MedialibPreset *medialib_presets_lookup           (const char           *key);
const char           *medialib_preset_get_label         (const MedialibPreset *preset);
const char           *medialib_preset_get_channel_label (const MedialibPreset *preset);
const char           *medialib_preset_get_notes         (const MedialibPreset *preset);
char                 *medialib_preset_dup_full_label    (const MedialibPreset *preset);
gboolean              medialib_preset_get_ratio         (const MedialibPreset *preset,
                                                         int                   image_width,
                                                         int                   image_height,
                                                         int                  *ratio_w,
                                                         int                  *ratio_h);
gboolean              medialib_preset_fits              (const MedialibPreset *preset,
                                                         int                   width,
                                                         int                   height,
                                                         gboolean              is_gif);
gboolean              medialib_preset_get_fit           (const MedialibPreset *preset,
                                                         MedialibPresetFit    *fit);
char                 *medialib_preset_dup_fits_sql      (const char           *key,
                                                         GError              **error);

G_END_DECLS
