/* medialib-palette.c — an image's dominant colours, CIELAB and CIEDE2000
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-palette"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "medialib-palette.h"

/*
 * An image's palette: up to five colours with their share of its opaque pixels, by median
 * cut in CIELAB (cut at the mean). The pixels (a thumbnail's: at most 512 × 512) are sampled on a grid of at
 * most SAMPLES, those less than half opaque left out; the box of samples that has the most
 * spread (its count times the square of its longest side) is cut at the mean of that side
 * until there are five boxes or none spreads over more than MIN_SPREAD. Each box gives its
 * mean colour; means closer than MERGE_DISTANCE (ΔE2000) are merged, so that a flat image
 * has one colour and a two-coloured one two.
 *
 * The catalogs keep a palette as text: "#rrggbb share" items joined by commas, largest
 * share first, "" for none (a contact card, a fully transparent image) and NULL for not
 * computed yet (a library from before palettes: medialib-store-palette.c fills it in).
 */

#define SAMPLES        4096
#define MIN_SPREAD     2.0
#define MERGE_DISTANCE 4.0

/* D65 */
#define WHITE_X 0.95047
#define WHITE_Y 1.0
#define WHITE_Z 1.08883

typedef struct
{
  float v[3];
} Sample;

typedef struct
{
  guint start, end;   /* samples[start..end) */
  double lab[3];      /* mean */
  guint count;
} Box;

static double linear_table[256];

static void
init_tables (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < 256; i++)
        {
          double c = i / 255.0;

          linear_table[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      g_once_init_leave (&done, 1);
    }
}

static inline double
lab_f (double t)
{
  const double d = 6.0 / 29.0;

  return t > d * d * d ? cbrt (t) : t / (3 * d * d) + 4.0 / 29.0;
}

static inline double
lab_f_inverse (double t)
{
  const double d = 6.0 / 29.0;

  return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29.0);
}

/**
 * medialib_srgb_to_lab:
 *
 * An sRGB colour in CIELAB (D65, the CIE 1976 formulas).
 */
void
medialib_srgb_to_lab (guint8       red,
                      guint8       green,
                      guint8       blue,
                      MedialibLab *lab)
{
  double r, g, b, x, y, z;

  g_return_if_fail (lab != NULL);

  init_tables ();
  r = linear_table[red];
  g = linear_table[green];
  b = linear_table[blue];
  x = lab_f ((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / WHITE_X);
  y = lab_f ((0.2126729 * r + 0.7151522 * g + 0.0721750 * b) / WHITE_Y);
  z = lab_f ((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / WHITE_Z);

  lab->L = 116 * y - 16;
  lab->a = 500 * (x - y);
  lab->b = 200 * (y - z);
}

static guint8
to_srgb_byte (double linear)
{
  double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * pow (MAX (linear, 0), 1 / 2.4) - 0.055;

  return (guint8) CLAMP (lround (c * 255), 0, 255);
}

/**
 * medialib_lab_to_srgb:
 *
 * A CIELAB colour in sRGB, clamped to its gamut.
 */
void
medialib_lab_to_srgb (const MedialibLab *lab,
                      guint8            *red,
                      guint8            *green,
                      guint8            *blue)
{
  double fy, x, y, z;

  g_return_if_fail (lab != NULL);

  fy = (lab->L + 16) / 116;
  x = WHITE_X * lab_f_inverse (fy + lab->a / 500);
  y = WHITE_Y * lab_f_inverse (fy);
  z = WHITE_Z * lab_f_inverse (fy - lab->b / 200);

  *red = to_srgb_byte (3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
  *green = to_srgb_byte (-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
  *blue = to_srgb_byte (0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
}

static inline double
radians (double degrees)
{
  return degrees * G_PI / 180;
}

static inline double
hue_degrees (double b,
             double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180 / G_PI;
  return h < 0 ? h + 360 : h;
}

/**
 * medialib_delta_e_2000:
 *
 * The CIEDE2000 colour difference (kL = kC = kH = 1), as in G. Sharma, W. Wu and E. N.
 * Dalal, "The CIEDE2000 color-difference formula: implementation notes, supplementary test
 * data, and mathematical observations" (2005).
 */
double
medialib_delta_e_2000 (const MedialibLab *first,
                       const MedialibLab *second)
{
  const double pow25_7 = 6103515625.0;  /* 25^7 */
  double c1, c2, c_mean7, g, a1, a2, c1p, c2p, h1p, h2p, dl, dc, dh, dhh;
  double l_mean, c_mean, h_mean, t, dtheta, rc, sl, sc, sh, rt, l50;

  g_return_val_if_fail (first != NULL && second != NULL, 0);

  c1 = hypot (first->a, first->b);
  c2 = hypot (second->a, second->b);
  c_mean7 = pow ((c1 + c2) / 2, 7);
  g = 0.5 * (1 - sqrt (c_mean7 / (c_mean7 + pow25_7)));
  a1 = (1 + g) * first->a;
  a2 = (1 + g) * second->a;
  c1p = hypot (a1, first->b);
  c2p = hypot (a2, second->b);
  h1p = hue_degrees (first->b, a1);
  h2p = hue_degrees (second->b, a2);

  dl = second->L - first->L;
  dc = c2p - c1p;
  if (c1p * c2p == 0)
    dh = 0;
  else if (fabs (h2p - h1p) <= 180)
    dh = h2p - h1p;
  else if (h2p - h1p > 180)
    dh = h2p - h1p - 360;
  else
    dh = h2p - h1p + 360;
  dhh = 2 * sqrt (c1p * c2p) * sin (radians (dh / 2));

  l_mean = (first->L + second->L) / 2;
  c_mean = (c1p + c2p) / 2;
  if (c1p * c2p == 0)
    h_mean = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180)
    h_mean = (h1p + h2p) / 2;
  else if (h1p + h2p < 360)
    h_mean = (h1p + h2p + 360) / 2;
  else
    h_mean = (h1p + h2p - 360) / 2;

  t = 1 - 0.17 * cos (radians (h_mean - 30)) + 0.24 * cos (radians (2 * h_mean)) +
      0.32 * cos (radians (3 * h_mean + 6)) - 0.20 * cos (radians (4 * h_mean - 63));
  dtheta = 30 * exp (-((h_mean - 275) / 25) * ((h_mean - 275) / 25));
  c_mean7 = pow (c_mean, 7);
  rc = 2 * sqrt (c_mean7 / (c_mean7 + pow25_7));
  l50 = (l_mean - 50) * (l_mean - 50);
  sl = 1 + 0.015 * l50 / sqrt (20 + l50);
  sc = 1 + 0.045 * c_mean;
  sh = 1 + 0.015 * c_mean * t;
  rt = -sin (radians (2 * dtheta)) * rc;

  return sqrt ((dl / sl) * (dl / sl) + (dc / sc) * (dc / sc) + (dhh / sh) * (dhh / sh) +
               rt * (dc / sc) * (dhh / sh));
}

/* A float's key, whose order as an unsigned integer is the float's: the sign bit flipped
 * for a positive number, every bit for a negative one (and -0 the key of 0, as they are
 * equal) */
static inline guint32
float_key (float value)
{
  guint32 bits;

  if (value == 0)
    value = 0;
  memcpy (&bits, &value, sizeof bits);

  return bits & 0x80000000u ? ~bits : bits | 0x80000000u;
}

/* Sorts @samples by their @axis, equal ones in the order they had, as qsort() did (glibc's is
 * a merge sort, stable): a radix sort of the floats' keys, a byte at a time through
 * @scratch, a twentieth of qsort()'s work through its comparison function */
static void
sort_samples (Sample *samples,
              guint   n,
              int     axis,
              Sample *scratch)
{
  Sample *from = samples, *to = scratch;

  for (int shift = 0; shift < 32; shift += 8)
    {
      guint count[257] = { 0 };
      gboolean one_digit = FALSE;

      for (guint i = 0; i < n; i++)
        count[((float_key (from[i].v[axis]) >> shift) & 0xff) + 1]++;
      for (guint d = 1; d <= 256; d++)
        {
          one_digit |= count[d] == n;
          count[d] += count[d - 1];
        }
      /* Every sample has the same byte there: the order stays */
      if (one_digit)
        continue;

      for (guint i = 0; i < n; i++)
        to[count[(float_key (from[i].v[axis]) >> shift) & 0xff]++] = from[i];
      from = to;
      to = from == samples ? scratch : samples;
    }

  if (from != samples)
    memcpy (samples, from, n * sizeof *samples);
}

/* The longest side of @box, and its axis */
static double
box_spread (const Sample *samples,
            const Box    *box,
            int          *axis)
{
  float lo[3] = { G_MAXFLOAT, G_MAXFLOAT, G_MAXFLOAT };
  float hi[3] = { -G_MAXFLOAT, -G_MAXFLOAT, -G_MAXFLOAT };
  double best = 0;

  for (guint i = box->start; i < box->end; i++)
    for (int c = 0; c < 3; c++)
      {
        lo[c] = MIN (lo[c], samples[i].v[c]);
        hi[c] = MAX (hi[c], samples[i].v[c]);
      }

  *axis = 0;
  for (int c = 0; c < 3; c++)
    if (hi[c] - lo[c] > best)
      {
        best = hi[c] - lo[c];
        *axis = c;
      }

  return best;
}

static void
box_mean (const Sample *samples,
          Box          *box)
{
  double sum[3] = { 0, 0, 0 };

  for (guint i = box->start; i < box->end; i++)
    for (int c = 0; c < 3; c++)
      sum[c] += samples[i].v[c];

  box->count = box->end - box->start;
  for (int c = 0; c < 3; c++)
    box->lab[c] = sum[c] / box->count;
}

static int
compare_boxes (const void *a,
               const void *b)
{
  guint x = ((const Box *) a)->count, y = ((const Box *) b)->count;

  return (x < y) - (x > y);
}

/**
 * medialib_palette_compute:
 * @pixels: 8-bit RGB or RGBA rows
 * @palette: (out caller-allocates): the colours, largest share first
 *
 * The dominant colours of an image (see the top of this file). Pixels less than half
 * opaque are left out: a fully transparent image has none.
 *
 * Returns: how many colours @palette has, 0 to %MEDIALIB_PALETTE_MAX
 */
guint
medialib_palette_compute (const guint8         *pixels,
                          int                   width,
                          int                   height,
                          int                   stride,
                          gboolean              has_alpha,
                          MedialibPaletteColor  palette[MEDIALIB_PALETTE_MAX])
{
  int channels = has_alpha ? 4 : 3;
  int step;
  g_autofree Sample *samples = NULL;
  g_autofree Sample *scratch = NULL;
  Box boxes[MEDIALIB_PALETTE_MAX];
  guint n_samples = 0, n_boxes, n_colors = 0;

  g_return_val_if_fail (pixels != NULL || width == 0 || height == 0, 0);
  g_return_val_if_fail (width >= 0 && height >= 0, 0);
  g_return_val_if_fail (palette != NULL, 0);

  if (width == 0 || height == 0)
    return 0;

  step = MAX (1, (int) ceil (sqrt ((double) width * height / SAMPLES)));
  samples = g_new (Sample, (gsize) ((width + step - 1) / step) * ((height + step - 1) / step));

  for (int y = 0; y < height; y += step)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x += step)
        {
          const guint8 *p = row + (gsize) x * channels;
          MedialibLab lab;

          if (has_alpha && p[3] < 128)
            continue;
          medialib_srgb_to_lab (p[0], p[1], p[2], &lab);
          samples[n_samples++] = (Sample) { { (float) lab.L, (float) lab.a, (float) lab.b } };
        }
    }

  if (n_samples == 0)
    return 0;
  scratch = g_new (Sample, n_samples);

  /* Median cut */
  boxes[0] = (Box) { 0, n_samples, { 0 }, 0 };
  n_boxes = 1;
  while (n_boxes < MEDIALIB_PALETTE_MAX)
    {
      double best_score = 0;
      int best = -1, best_axis = 0;
      guint middle;

      for (guint i = 0; i < n_boxes; i++)
        {
          int axis;
          double spread = box_spread (samples, &boxes[i], &axis);
          double score = spread * spread * (boxes[i].end - boxes[i].start);

          if (spread > MIN_SPREAD && boxes[i].end - boxes[i].start >= 2 && score > best_score)
            {
              best_score = score;
              best = (int) i;
              best_axis = axis;
            }
        }
      if (best < 0)
        break;

      sort_samples (samples + boxes[best].start, boxes[best].end - boxes[best].start, best_axis, scratch);
      /* At the mean: two clusters come apart whatever their sizes, where the median would
       * cut the larger */
      {
        double sum = 0, mean;

        for (guint i = boxes[best].start; i < boxes[best].end; i++)
          sum += samples[i].v[best_axis];
        mean = sum / (boxes[best].end - boxes[best].start);
        for (middle = boxes[best].start + 1;
             middle < boxes[best].end - 1 && samples[middle].v[best_axis] < mean;
             middle++)
          ;
      }
      boxes[n_boxes] = (Box) { middle, boxes[best].end, { 0 }, 0 };
      boxes[best].end = middle;
      n_boxes++;
    }

  for (guint i = 0; i < n_boxes; i++)
    box_mean (samples, &boxes[i]);

  /* Means that look alike become one colour, the larger taking the smaller */
  qsort (boxes, n_boxes, sizeof (Box), compare_boxes);
  for (guint i = 0; i < n_boxes; i++)
    {
      MedialibLab lab_i = { boxes[i].lab[0], boxes[i].lab[1], boxes[i].lab[2] };

      if (boxes[i].count == 0)
        continue;
      for (guint j = i + 1; j < n_boxes; j++)
        {
          MedialibLab lab_j = { boxes[j].lab[0], boxes[j].lab[1], boxes[j].lab[2] };
          guint total = boxes[i].count + boxes[j].count;

          if (boxes[j].count == 0 || medialib_delta_e_2000 (&lab_i, &lab_j) >= MERGE_DISTANCE)
            continue;
          for (int c = 0; c < 3; c++)
            boxes[i].lab[c] = (boxes[i].lab[c] * boxes[i].count + boxes[j].lab[c] * boxes[j].count) / total;
          boxes[i].count = total;
          boxes[j].count = 0;
        }
    }
  qsort (boxes, n_boxes, sizeof (Box), compare_boxes);

  for (guint i = 0; i < n_boxes && boxes[i].count > 0; i++)
    {
      MedialibLab lab = { boxes[i].lab[0], boxes[i].lab[1], boxes[i].lab[2] };
      MedialibPaletteColor *color = &palette[n_colors++];

      medialib_lab_to_srgb (&lab, &color->red, &color->green, &color->blue);
      color->share = (double) boxes[i].count / n_samples;
    }

  return n_colors;
}

/**
 * medialib_palette_to_string:
 *
 * A palette as the catalogs keep it: "#rrggbb share" items joined by commas ("" for none).
 *
 * Returns: (transfer full): the text
 */
char *
medialib_palette_to_string (const MedialibPaletteColor *palette,
                            guint                       n_colors)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (palette != NULL || n_colors == 0, NULL);

  for (guint i = 0; i < MIN (n_colors, MEDIALIB_PALETTE_MAX); i++)
    {
      char share[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (share, sizeof share, "%.3f", palette[i].share);
      g_string_append_printf (text, "%s#%02x%02x%02x %s", i > 0 ? "," : "",
                              palette[i].red, palette[i].green, palette[i].blue, share);
    }

  return g_string_free (text, FALSE);
}

static inline int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Six hex digits at @p */
static gboolean
parse_hex (const char *p,
           guint8     *red,
           guint8     *green,
           guint8     *blue)
{
  int d[6];

  for (int i = 0; i < 6; i++)
    if ((d[i] = hex_digit (p[i])) < 0)
      return FALSE;

  *red = (guint8) (d[0] * 16 + d[1]);
  *green = (guint8) (d[2] * 16 + d[3]);
  *blue = (guint8) (d[4] * 16 + d[5]);
  return TRUE;
}

/* A share as the catalogs write it ("0.265": digits, a point, digits; 15 of them at most),
 * followed by a comma or the end: read as an integer over a power of ten, both exact in a
 * double, so that the one division gives the correctly rounded value, as g_ascii_strtod()
 * does, for a tenth of its cost (a search's results each have their palette read). FALSE
 * for anything else, which g_ascii_strtod() reads. */
static gboolean
parse_share (const char  *text,
             double      *share,
             const char **end)
{
  const char *p = text;
  guint64 value = 0, scale = 1;
  int digits = 0;

  for (; g_ascii_isdigit (*p) && digits < 15; p++, digits++)
    value = value * 10 + (guint64) (*p - '0');
  if (p == text)
    return FALSE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && digits < 15; p++, digits++)
      {
        value = value * 10 + (guint64) (*p - '0');
        scale *= 10;
      }
  if (*p != ',' && *p != '\0')
    return FALSE;

  *share = (double) value / (double) scale;
  *end = p;
  return TRUE;
}

/**
 * medialib_palette_parse:
 * @text: (nullable): a palette as the catalogs keep it
 * @palette: (out caller-allocates): its colours
 *
 * Returns: how many colours @text has (0 for %NULL, "" or what is not a palette)
 */
guint
medialib_palette_parse (const char           *text,
                        MedialibPaletteColor  palette[MEDIALIB_PALETTE_MAX])
{
  guint n = 0;

  g_return_val_if_fail (palette != NULL, 0);

  for (const char *p = text; p != NULL && *p == '#' && n < MEDIALIB_PALETTE_MAX;)
    {
      MedialibPaletteColor *color = &palette[n];
      const char *rest;

      if (!parse_hex (p + 1, &color->red, &color->green, &color->blue) || p[7] != ' ')
        break;
      if (!parse_share (p + 8, &color->share, &rest))
        {
          char *end;

          color->share = g_ascii_strtod (p + 8, &end);
          if (end == p + 8)
            break;
          rest = end;
        }
      n++;
      p = *rest == ',' ? rest + 1 : NULL;
    }

  return n;
}

/**
 * medialib_palette_distance:
 * @text: (nullable): a palette as the catalogs keep it
 *
 * Returns: the ΔE2000 of the colour of @text nearest to @target, or -1 when it has none
 */
double
medialib_palette_distance (const char        *text,
                           const MedialibLab *target)
{
  MedialibPaletteColor palette[MEDIALIB_PALETTE_MAX];
  guint n = medialib_palette_parse (text, palette);
  double best = -1;

  g_return_val_if_fail (target != NULL, -1);

  for (guint i = 0; i < n; i++)
    {
      MedialibLab lab;
      double distance;

      medialib_srgb_to_lab (palette[i].red, palette[i].green, palette[i].blue, &lab);
      distance = medialib_delta_e_2000 (&lab, target);
      if (best < 0 || distance < best)
        best = distance;
    }

  return best;
}

/**
 * medialib_color_parse:
 * @text: "#RRGGBB" (the # may be left out; any case)
 *
 * Returns: whether @text is such a colour
 */
gboolean
medialib_color_parse (const char *text,
                      guint8     *red,
                      guint8     *green,
                      guint8     *blue)
{
  g_return_val_if_fail (red != NULL && green != NULL && blue != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (text[0] == '#')
    text++;

  return strlen (text) == 6 && parse_hex (text, red, green, blue);
}

/**
 * medialib_color_to_hex:
 *
 * Returns: (transfer full): "#rrggbb"
 */
char *
medialib_color_to_hex (guint8 red,
                       guint8 green,
                       guint8 blue)
{
  return g_strdup_printf ("#%02x%02x%02x", red, green, blue);
}
