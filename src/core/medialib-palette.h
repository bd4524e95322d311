/* medialib-palette.h — an image's dominant colours, CIELAB and CIEDE2000
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An image has at most this many dominant colours */
#define MEDIALIB_PALETTE_MAX 5
/* The ΔE2000 within which a colour search finds a palette colour, unless told */
#define MEDIALIB_COLOR_DISTANCE_DEFAULT 12.0

typedef struct
{
  double L, a, b;
} MedialibLab;

typedef struct
{
  guint8 red, green, blue;
  double share;  /* of the image's opaque pixels, 0 to 1 */
} MedialibPaletteColor;

guint     medialib_palette_compute      (const guint8               *pixels,
                                         int                         width,
                                         int                         height,
                                         int                         stride,
                                         gboolean                    has_alpha,
                                         MedialibPaletteColor        palette[MEDIALIB_PALETTE_MAX]);
char     *medialib_palette_to_string    (const MedialibPaletteColor *palette,
                                         guint                       n_colors);
guint     medialib_palette_parse        (const char                 *text,
                                         MedialibPaletteColor        palette[MEDIALIB_PALETTE_MAX]);
double    medialib_palette_distance     (const char                 *text,
                                         const MedialibLab          *target);

void      medialib_srgb_to_lab          (guint8                      red,
                                         guint8                      green,
                                         guint8                      blue,
                                         MedialibLab                *lab);
void      medialib_lab_to_srgb          (const MedialibLab          *lab,
                                         guint8                     *red,
                                         guint8                     *green,
                                         guint8                     *blue);
double    medialib_delta_e_2000         (const MedialibLab          *first,
                                         const MedialibLab          *second);

gboolean  medialib_color_parse          (const char                 *text,
                                         guint8                     *red,
                                         guint8                     *green,
                                         guint8                     *blue);
char     *medialib_color_to_hex         (guint8                      red,
                                         guint8                      green,
                                         guint8                      blue);

G_END_DECLS
