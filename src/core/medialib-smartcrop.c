/* medialib-smartcrop.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-smartcrop"

#include "config.h"

#include <math.h>
#include <string.h>

#include "medialib-smartcrop.h"

/*
 * An attention measure, as libvips' `smartcrop --interesting attention` has it: on the
 * image shrunk to at most GRID cells a side, each cell scores its edges (the Laplacian of
 * the luminance), its saturation and whether its hue looks like skin. The box, shrunk the
 * same way, goes where the sum of the scores inside it is largest (an integral image makes
 * each position one lookup); among the positions almost as good, the one whose centre is
 * nearest the centre of attention wins, so that an object smaller than the box sits in its
 * middle rather than against an edge. An image alike everywhere keeps the centred box.
 */

#define GRID 96
#define SATURATION_THRESHOLD 60.0
#define SKIN_WEIGHT 64.0
#define NEAR_BEST 0.98

/* Kovač's rule for skin in daylight RGB */
static gboolean
looks_like_skin (double r,
                 double g,
                 double b)
{
  return r > 95 && g > 40 && b > 20 && r > g && r > b &&
         r - MIN (g, b) > 15 && fabs (r - g) > 15;
}

/* The average colour of each cell, weighted by its opacity. Summed in integers, a row of a
 * cell at a time: this pass reads the whole image (12 million pixels for a photo), and in
 * doubles with a weight for each pixel it cost 270 million instructions, a quarter of the
 * crop (bench/run crop: ratio 1.27); now 60 million. */
static void
shrink (const MedialibPixels *image,
        int                   cell,
        int                   map_w,
        int                   map_h,
        double               *rgb)
{
  g_autofree guint64 *sums = g_new (guint64, (gsize) 3 * map_w);
  gboolean alpha = image->n_channels == 4;
  /* Cells of 16 rows or more (images over 1,440 pixels): every other row of each, which
   * averages to the same colour within a unit or two and halves the reading */
  int step = cell >= 16 ? 2 : 1;

  g_assert (image != NULL);
  g_assert (rgb != NULL);

  for (int my = 0; my < map_h; my++)
    {
      int y_end = MIN (image->height, (my + 1) * cell);
      int rows = 0;

      memset (sums, 0, sizeof (guint64) * 3 * map_w);
      for (int y = my * cell; y < y_end; y += step, rows++)
        {
          const guint8 *row = image->pixels + (gsize) y * image->rowstride;

          for (int mx = 0; mx < map_w; mx++)
            {
              int x_end = MIN (image->width, (mx + 1) * cell);
              const guint8 *p = row + (gsize) mx * cell * image->n_channels;
              guint32 r = 0, g = 0, b = 0;

              /* A row of a cell: at most 255 × 255 × a cell's width, well inside 32 bits */
              if (alpha)
                for (int x = mx * cell; x < x_end; x++, p += 4)
                  {
                    r += (guint32) p[0] * p[3];
                    g += (guint32) p[1] * p[3];
                    b += (guint32) p[2] * p[3];
                  }
              else
                for (int x = mx * cell; x < x_end; x++, p += 3)
                  {
                    r += p[0];
                    g += p[1];
                    b += p[2];
                  }

              sums[3 * mx] += r;
              sums[3 * mx + 1] += g;
              sums[3 * mx + 2] += b;
            }
        }

      for (int mx = 0; mx < map_w; mx++)
        {
          int x_end = MIN (image->width, (mx + 1) * cell);
          double count = (double) (x_end - mx * cell) * rows * (alpha ? 255.0 : 1.0);

          for (int c = 0; c < 3; c++)
            rgb[3 * (my * map_w + mx) + c] = count > 0 ? sums[3 * mx + c] / count : 0;
        }
    }
}

static void
score_cells (const double *rgb,
             int           map_w,
             int           map_h,
             double       *score)
{
  g_autofree double *luma = g_new (double, (gsize) map_w * map_h);

  g_assert (rgb != NULL);
  g_assert (score != NULL);

  for (int i = 0; i < map_w * map_h; i++)
    luma[i] = 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2];

  for (int y = 0; y < map_h; y++)
    for (int x = 0; x < map_w; x++)
      {
        int i = y * map_w + x;
        double r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        double chroma = MAX (r, MAX (g, b)) - MIN (r, MIN (g, b));
        /* The border repeats itself: no edge at the image's own sides */
        double up = luma[MAX (0, y - 1) * map_w + x];
        double down = luma[MIN (map_h - 1, y + 1) * map_w + x];
        double left = luma[y * map_w + MAX (0, x - 1)];
        double right = luma[y * map_w + MIN (map_w - 1, x + 1)];
        double s = fabs (4 * luma[i] - up - down - left - right);

        if (chroma > SATURATION_THRESHOLD && luma[i] > 5)
          s += chroma - SATURATION_THRESHOLD;
        if (looks_like_skin (r, g, b))
          s += SKIN_WEIGHT;

        score[i] = s;
      }
}

/* Sum over cells [x0, x0 + w) × [y0, y0 + h) of a (map_w + 1)-wide integral image */
static double
window_sum (const double *integral,
            int           map_w,
            int           x0,
            int           y0,
            int           w,
            int           h)
{
  int stride = map_w + 1;

  return integral[(y0 + h) * stride + x0 + w] - integral[y0 * stride + x0 + w]
       - integral[(y0 + h) * stride + x0] + integral[y0 * stride + x0];
}

/**
 * medialib_smartcrop_place:
 * @rect: (inout): a box of the size wanted; its position is replaced
 *
 * Moves @rect, keeping its size, over the most interesting part of @image. The box stays
 * inside the image; a box as large as the image, or an image without any detail, keeps the
 * centred position.
 */
void
medialib_smartcrop_place (const MedialibPixels *image,
                          MedialibRect         *rect)
{
  g_autofree double *rgb = NULL;
  g_autofree double *score = NULL;
  g_autofree double *integral = NULL;
  int cell, map_w, map_h, box_w, box_h;
  double best = -1, worst = G_MAXDOUBLE, total = 0, sum_x = 0, sum_y = 0, best_distance = G_MAXDOUBLE;
  double attention_x, attention_y;
  int best_x = 0, best_y = 0, best_cx = -1, best_cy = -1;

  g_return_if_fail (image != NULL && image->pixels != NULL);
  g_return_if_fail (image->n_channels == 3 || image->n_channels == 4);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (rect->width >= 1 && rect->height >= 1);

  rect->x = MAX (0, (image->width - rect->width) / 2);
  rect->y = MAX (0, (image->height - rect->height) / 2);
  if (rect->width >= image->width && rect->height >= image->height)
    return;

  cell = MAX (1, (MAX (image->width, image->height) + GRID - 1) / GRID);
  map_w = (image->width + cell - 1) / cell;
  map_h = (image->height + cell - 1) / cell;
  box_w = CLAMP ((int) lround ((double) rect->width / cell), 1, map_w);
  box_h = CLAMP ((int) lround ((double) rect->height / cell), 1, map_h);

  rgb = g_new (double, (gsize) 3 * map_w * map_h);
  score = g_new (double, (gsize) map_w * map_h);
  integral = g_new0 (double, (gsize) (map_w + 1) * (map_h + 1));
  shrink (image, cell, map_w, map_h, rgb);
  score_cells (rgb, map_w, map_h, score);

  for (int y = 0; y < map_h; y++)
    for (int x = 0; x < map_w; x++)
      {
        double s = score[y * map_w + x];

        integral[(y + 1) * (map_w + 1) + x + 1] = s + integral[y * (map_w + 1) + x + 1]
                                                 + integral[(y + 1) * (map_w + 1) + x]
                                                 - integral[y * (map_w + 1) + x];
        total += s;
        sum_x += s * (x + 0.5);
        sum_y += s * (y + 0.5);
      }

  if (total <= 0)
    return;

  for (int y = 0; y + box_h <= map_h; y++)
    for (int x = 0; x + box_w <= map_w; x++)
      {
        double s = window_sum (integral, map_w, x, y, box_w, box_h);

        best = MAX (best, s);
        worst = MIN (worst, s);
      }

  /* Everywhere alike (a flat colour, an even texture): nothing to move towards */
  if (worst >= best * NEAR_BEST)
    return;

  /* The centre of attention inside the best boxes: where the object is */
  attention_x = sum_x / total;
  attention_y = sum_y / total;

  for (int y = 0; y + box_h <= map_h; y++)
    for (int x = 0; x + box_w <= map_w; x++)
      {
        double dx, dy, distance;

        if (window_sum (integral, map_w, x, y, box_w, box_h) < best * NEAR_BEST)
          continue;

        dx = x + box_w / 2.0 - attention_x;
        dy = y + box_h / 2.0 - attention_y;
        distance = dx * dx + dy * dy;
        if (distance < best_distance)
          {
            best_distance = distance;
            best_cx = x;
            best_cy = y;
          }
      }

  g_assert (best_cx >= 0 && best_cy >= 0);

  /* Back to pixels: the box's centre on the chosen cells' centre */
  best_x = (int) lround ((best_cx + box_w / 2.0) * cell - rect->width / 2.0);
  best_y = (int) lround ((best_cy + box_h / 2.0) * cell - rect->height / 2.0);

  if (rect->width < image->width)
    rect->x = CLAMP (best_x, 0, image->width - rect->width);
  if (rect->height < image->height)
    rect->y = CLAMP (best_y, 0, image->height - rect->height);
}

/**
 * medialib_smartcrop_for_preset:
 *
 * The preset's largest box (as medialib_crop_for_preset() gives it), placed over the
 * image's most interesting part.
 */
void
medialib_smartcrop_for_preset (const MedialibPreset *preset,
                               const MedialibPixels *image,
                               MedialibRect         *rect)
{
  g_return_if_fail (preset != NULL);
  g_return_if_fail (image != NULL);
  g_return_if_fail (rect != NULL);

  medialib_crop_for_preset (preset, image->width, image->height, rect);
  medialib_smartcrop_place (image, rect);
}

/**
 * medialib_smartcrop_place_scaled:
 * @preview: the image, shrunk (any size keeping its ratio)
 * @image_width: the image's own width, which @rect is in
 * @rect: (inout): a box in the image's own pixels; its position is replaced
 *
 * medialib_smartcrop_place() measured on a smaller copy of the image: where the app has a
 * preview rather than the whole image.
 */
void
medialib_smartcrop_place_scaled (const MedialibPixels *preview,
                                 int                   image_width,
                                 int                   image_height,
                                 MedialibRect         *rect)
{
  double sx, sy;
  MedialibRect small;

  g_return_if_fail (preview != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (image_width > 0 && image_height > 0);

  sx = (double) preview->width / image_width;
  sy = (double) preview->height / image_height;
  small.width = CLAMP ((int) lround (rect->width * sx), 1, preview->width);
  small.height = CLAMP ((int) lround (rect->height * sy), 1, preview->height);
  medialib_smartcrop_place (preview, &small);

  rect->x = CLAMP ((int) lround ((small.x + small.width / 2.0) / sx - rect->width / 2.0),
                   0, MAX (0, image_width - rect->width));
  rect->y = CLAMP ((int) lround ((small.y + small.height / 2.0) / sy - rect->height / 2.0),
                   0, MAX (0, image_height - rect->height));
}
