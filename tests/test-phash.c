/* test-phash.c — perceptual hashes: copies near, unrelated images far; the groups
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

#include "medialib-image.h"
#include "medialib-phash.h"
#include "medialib-test-util.h"

/*
 * The images are drawn here: a photo-like one (gradients, shapes, noise), its copies as a
 * designer gets them (resized, recompressed, converted, cropped), and unrelated images.
 * Each one is hashed as the store hashes it: decoded, its 512-pixel thumbnail made.
 */

/* @pixbuf saved as @type and read back, as a file would be */
static GdkPixbuf *
reencode (GdkPixbuf  *pixbuf,
          const char *type,
          const char *quality)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gsize size;

  if (quality != NULL)
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, "quality", quality, NULL));
  else
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_loader_write (loader, (const guint8 *) buffer, size, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static GdkPixbuf *
crop (GdkPixbuf *pixbuf,
      double     fraction)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int dx = (int) (w * fraction), dy = (int) (h * fraction);

  return gdk_pixbuf_new_subpixbuf (pixbuf, dx, dy, w - 2 * dx, h - 2 * dy);
}

typedef guint64 (*HashFunc) (const guint8 *, int, int, int, int);

/* As the store does: the 512-pixel thumbnail, hashed */
static guint64
hash_image (HashFunc   func,
            GdkPixbuf *image)
{
  g_autoptr(GdkPixbuf) thumbnail = medialib_image_scale_thumbnail (image, MEDIALIB_THUMBNAIL_SIZE);

  return func (gdk_pixbuf_read_pixels (thumbnail), gdk_pixbuf_get_width (thumbnail),
               gdk_pixbuf_get_height (thumbnail), gdk_pixbuf_get_rowstride (thumbnail),
               gdk_pixbuf_get_n_channels (thumbnail));
}

typedef struct
{
  guint copies_max;
  guint unrelated_min;
} Measure;

static Measure
measure (const char *label,
         HashFunc    func)
{
  /* 800 × 600: a thumbnail of 512 × 384, as for a photo */
  g_autoptr(GdkPixbuf) photo = test_draw_picture (TEST_PICTURE_PHOTO, 800, 600, 1);
  g_autoptr(GdkPixbuf) resized = gdk_pixbuf_scale_simple (photo, 480, 360, GDK_INTERP_BILINEAR);
  g_autoptr(GdkPixbuf) jpeg = reencode (photo, "jpeg", "60");
  g_autoptr(GdkPixbuf) png_of_jpeg = reencode (jpeg, "png", NULL);
  g_autoptr(GdkPixbuf) png = reencode (photo, "png", NULL);
  g_autoptr(GdkPixbuf) jpeg_of_png = reencode (png, "jpeg", "85");
  g_autoptr(GdkPixbuf) cropped = crop (photo, 0.025);
  g_autoptr(GdkPixbuf) cropped_jpeg = reencode (cropped, "jpeg", "75");
  g_autoptr(GdkPixbuf) cropped_more = crop (photo, 0.05);
  struct { const char *name; GdkPixbuf *image; } copies[] = {
    { "resized to 60 %", resized }, { "JPEG at quality 60", jpeg }, { "that JPEG as PNG", png_of_jpeg },
    { "PNG to JPEG at 85", jpeg_of_png }, { "5 % cropped (2.5 % off each side)", cropped },
    { "5 % cropped and JPEG at 75", cropped_jpeg },
  };
  /* Other photos of the same kind (the hardest), and other drawings */
  struct { TestPicture drawing; guint32 seed; } others[] = {
    { TEST_PICTURE_PHOTO, 2 }, { TEST_PICTURE_PHOTO, 3 }, { TEST_PICTURE_PHOTO, 6 }, { TEST_PICTURE_PHOTO, 9 },
    { TEST_PICTURE_STRIPES, 7 }, { TEST_PICTURE_RINGS, 7 }, { TEST_PICTURE_CHECKS, 7 }, { TEST_PICTURE_DIAGONAL, 7 },
    { TEST_PICTURE_BLOBS, 7 }, { TEST_PICTURE_BLOBS, 8 },
  };
  guint64 original = hash_image (func, photo);
  Measure m = { 0, 64 };

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      guint d = medialib_phash_distance (original, hash_image (func, copies[i].image));

      g_test_message ("%s: %s: %u", label, copies[i].name, d);
      m.copies_max = MAX (m.copies_max, d);
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GdkPixbuf) other = test_draw_picture (others[i].drawing, 640, 480, others[i].seed);
      guint d = medialib_phash_distance (original, hash_image (func, other));

      g_test_message ("%s: unrelated %u: %u", label, i, d);
      m.unrelated_min = MIN (m.unrelated_min, d);
    }

  /* Not counted among the copies: twice the crop, for the README */
  g_test_message ("%s: (10 %% cropped: %u)", label,
                  medialib_phash_distance (original, hash_image (func, cropped_more)));
  g_test_message ("%s: copies at most %u, unrelated at least %u", label, m.copies_max, m.unrelated_min);
  return m;
}

/* The DCT hash keeps copies within the default distances and unrelated images beyond; it
 * separates them better than the difference hash (the choice in medialib-phash.c) */
static void
test_phash_copies (void)
{
  Measure dct = measure ("DCT", medialib_phash_compute);
  Measure dhash = measure ("dHash", medialib_dhash_compute);

  g_assert_cmpuint (dct.copies_max, <=, MEDIALIB_PHASH_DUPLICATE_DISTANCE);
  g_assert_cmpuint (dct.copies_max, <=, MEDIALIB_PHASH_SIMILAR_DISTANCE);
  g_assert_cmpuint (dct.unrelated_min, >, MEDIALIB_PHASH_SIMILAR_DISTANCE);
  g_assert_cmpint ((int) dct.unrelated_min - (int) dct.copies_max, >,
                   (int) dhash.unrelated_min - (int) dhash.copies_max);
}

/* Transparent pixels count as white: the image with its left half transparent hashes as
 * the image with its left half white, not as the image itself */
static void
test_phash_alpha (void)
{
  g_autoptr(GdkPixbuf) photo = test_draw_picture (TEST_PICTURE_PHOTO, 200, 150, 3);
  g_autoptr(GdkPixbuf) transparent = gdk_pixbuf_add_alpha (photo, FALSE, 0, 0, 0);
  g_autoptr(GdkPixbuf) white = gdk_pixbuf_copy (photo);

  for (int y = 0; y < 150; y++)
    for (int x = 0; x < 100; x++)
      {
        guint8 *t = gdk_pixbuf_get_pixels (transparent) + y * gdk_pixbuf_get_rowstride (transparent) + x * 4;
        guint8 *w = gdk_pixbuf_get_pixels (white) + y * gdk_pixbuf_get_rowstride (white) + x * 3;

        t[0] = t[1] = t[2] = t[3] = 0;
        w[0] = w[1] = w[2] = 255;
      }

  g_assert_cmpuint (hash_image (medialib_phash_compute, transparent), ==, hash_image (medialib_phash_compute, white));
  g_assert_cmpuint (medialib_phash_distance (hash_image (medialib_phash_compute, transparent),
                                             hash_image (medialib_phash_compute, photo)), >, MEDIALIB_PHASH_SIMILAR_DISTANCE);
}

/* Groups: chains within the distance, nothing else; the same as comparing every pair on
 * random hashes with near copies planted */
static void
test_phash_group (void)
{
  enum { N = 3000 };
  g_autofree guint64 *hashes = g_new (guint64, N);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree guint *group_of = g_new (guint, N);
  guint pairs = 0;

  for (guint i = 0; i < N; i++)
    {
      if (i % 10 == 9)
        {
          /* A copy of an earlier hash, up to 6 bits flipped */
          guint64 h = hashes[g_rand_int_range (rand, 0, (int) i)];
          int flips = g_rand_int_range (rand, 0, 7);

          for (int k = 0; k < flips; k++)
            h ^= G_GUINT64_CONSTANT (1) << g_rand_int_range (rand, 0, 64);
          hashes[i] = h;
        }
      else
        hashes[i] = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
    }

  groups = medialib_phash_group (hashes, N, MEDIALIB_PHASH_DUPLICATE_DISTANCE);
  for (guint i = 0; i < N; i++)
    group_of[i] = G_MAXUINT;
  for (guint g = 0; g < groups->len; g++)
    {
      GArray *group = g_ptr_array_index (groups, g);

      g_assert_cmpuint (group->len, >=, 2);
      for (guint k = 0; k < group->len; k++)
        group_of[g_array_index (group, guint, k)] = g;
    }

  /* Every pair within the distance is in one group */
  for (guint i = 0; i < N; i++)
    for (guint j = i + 1; j < N; j++)
      if (medialib_phash_distance (hashes[i], hashes[j]) <= MEDIALIB_PHASH_DUPLICATE_DISTANCE)
        {
          g_assert_cmpuint (group_of[i], !=, G_MAXUINT);
          g_assert_cmpuint (group_of[i], ==, group_of[j]);
          pairs++;
        }
  g_assert_cmpuint (pairs, >, 200);

  /* And every member of a group has a near one in it */
  for (guint g = 0; g < groups->len; g++)
    {
      GArray *group = g_ptr_array_index (groups, g);

      for (guint k = 0; k < group->len; k++)
        {
          guint i = g_array_index (group, guint, k);
          gboolean near = FALSE;

          for (guint l = 0; l < group->len && !near; l++)
            if (l != k)
              near = medialib_phash_distance (hashes[i], hashes[g_array_index (group, guint, l)]) <= MEDIALIB_PHASH_DUPLICATE_DISTANCE;
          g_assert_true (near);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medialib/phash/copies", test_phash_copies);
  g_test_add_func ("/medialib/phash/alpha", test_phash_alpha);
  g_test_add_func ("/medialib/phash/group", test_phash_group);

  return g_test_run ();
}
