/* test-fits.c — "fits a channel": the images usable as they are for a channel preset, found
 * by the catalogs' SQL, agree with the details pane's rule (medialib_preset_fits())
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-core-team.h"
#include "medialib-preset.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

/* One row made for a preset, and whether it must fit that preset */
typedef struct
{
  const MedialibPreset *preset;
  const char           *what;
  int                   width;
  int                   height;
  gboolean              gif;
  gboolean              contact;
  gboolean              fits;
  gint64                id;
} Made;

static void
add_made (GArray               *made,
          const MedialibPreset *preset,
          const char           *what,
          int                   width,
          int                   height,
          gboolean              gif,
          gboolean              fits)
{
  Made m = { preset, what, width, height, gif, FALSE, fits, 0 };

  g_array_append_val (made, m);
}

/* For each preset: the least image that fits it, one 2 % wider, one a pixel under its
 * minimum at its ratio, the fitting size as a GIF, one over its maximum */
static GArray *
make_rows (void)
{
  const GPtrArray *presets = medialib_presets_get ();
  GArray *made = g_array_new (FALSE, TRUE, sizeof (Made));

  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      MedialibPresetFit fit;
      int w, h;

      if (!medialib_preset_get_fit (preset, &fit))
        continue;

      if (fit.ratio_w > 0)
        {
          int k = MAX (1, (MAX (fit.min_width, 200) + fit.ratio_w - 1) / fit.ratio_w);

          k = MAX (k, (fit.min_height + fit.ratio_h - 1) / fit.ratio_h);
          w = fit.ratio_w * k;
          h = fit.ratio_h * k;
        }
      else
        {
          w = MAX (fit.min_width, 200);
          h = MAX (fit.min_height, 100);
        }
      g_assert_true (fit.max_width == 0 || w <= fit.max_width);

      add_made (made, preset, "least", w, h, FALSE, TRUE);
      add_made (made, preset, "gif", w, h, TRUE, !fit.no_gif);
      if (fit.ratio_w > 0)
        add_made (made, preset, "2 % wider", w * 102 / 100, h, FALSE, FALSE);
      if (fit.min_width > 0)
        add_made (made, preset, "a pixel too narrow", fit.min_width - 1,
                  fit.ratio_w > 0 ? ((fit.min_width - 1) * fit.ratio_h * 2 + fit.ratio_w) / (2 * fit.ratio_w) : h,
                  FALSE, FALSE);
      if (fit.min_height > 0)
        add_made (made, preset, "a pixel too low",
                  fit.ratio_w > 0 ? ((fit.min_height - 1) * fit.ratio_w * 2 + fit.ratio_h) / (2 * fit.ratio_h) : w,
                  fit.min_height - 1, FALSE, FALSE);
      if (fit.max_width > 0)
        add_made (made, preset, "too wide", fit.max_width + 2,
                  fit.ratio_w > 0 ? (fit.max_width + 2) * fit.ratio_h / fit.ratio_w : h, FALSE, FALSE);
    }

  return made;
}

/* The rows tagged "promo": the least of each preset and the one 2 % wider */
static gboolean
is_promo (const Made *m)
{
  return g_str_equal (m->what, "least") || g_str_equal (m->what, "2 % wider");
}

static void
insert_rows (Fixture *f,
             GArray  *made)
{
  for (guint i = 0; i < made->len; i++)
    {
      Made *m = &g_array_index (made, Made, i);
      g_autofree char *name = g_strdup_printf ("%s %s.%s", m->preset->key, m->what, m->gif ? "gif" : "png");
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
      const char *promo[] = { "promo", NULL };
      MedialibNewAsset asset = {
        .name = name, .kind = m->contact ? MEDIALIB_ASSET_KIND_CONTACT : MEDIALIB_ASSET_KIND_IMAGE,
        .mime = m->contact ? "text/vcard" : m->gif ? "image/gif" : "image/png",
        .bytes = 100, .width = m->width, .height = m->height, .sha256 = sha, .source = "upload",
        .tags = is_promo (m) ? promo : NULL,
      };
      MedialibAddedAsset added = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (medialib_catalog_add_assets (f->store->catalog, &asset, 1, &added, &error));
      g_assert_no_error (error);
      m->id = added.id;
      medialib_added_asset_clear (&added);
    }
}

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* Each preset's filter finds exactly what the details pane's rule says, on every row made
 * for any preset; and the rows made for it fit or not as they were made to */
static void
test_fits_every_preset (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) made = make_rows ();
  const GPtrArray *presets = medialib_presets_get ();
  Made contact = { NULL, "contact", 1200, 1000, FALSE, TRUE, FALSE, 0 };
  guint checked = 0;

  /* A contact card of a fitting size is not an image */
  contact.preset = medialib_presets_lookup ("full-screen-image-text");
  g_array_append_val (made, contact);
  insert_rows (f, made);

  for (guint p = 0; p < presets->len; p++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, p);
      g_autoptr(MedialibQuery) query = medialib_query_new ();
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) assets = NULL;
      g_autoptr(GError) error = NULL;

      query->fits = g_strdup (preset->key);
      ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
      g_assert_no_error (error);
      assets = medialib_catalog_search (f->store->catalog, query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (assets->len, ==, ids->len);

      for (guint i = 0; i < made->len; i++)
        {
          Made *m = &g_array_index (made, Made, i);
          gboolean found = has_id (ids, m->id);
          gboolean rule = !m->contact && medialib_preset_fits (preset, m->width, m->height, m->gif);

          if (found != rule)
            g_error ("%s: %s of %s (%d × %d%s) found %d, rule %d", preset->key, m->what,
                     m->preset->key, m->width, m->height, m->gif ? ", GIF" : "", found, rule);
          if (m->preset == preset && !m->contact)
            {
              if (found != m->fits)
                g_error ("%s: %s (%d × %d%s) found %d, made to %s", preset->key, m->what,
                         m->width, m->height, m->gif ? ", GIF" : "", found, m->fits ? "fit" : "not fit");
              checked++;
            }
        }
    }

  /* Every channel preset had rows that fit and rows that do not */
  g_assert_cmpuint (checked, >, 3 * (presets->len - 2));
}

/* Combined with the other filters; "Free" fits nothing; an unknown key is an error that
 * says where the keys are */
static void
test_fits_combined (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) made = make_rows ();
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  insert_rows (f, made);

  query->fits = g_strdup ("android-expanded");
  query->tags = g_strdupv ((char *[]) { "promo", NULL });
  query->text = g_strdup ("android");
  ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < made->len; i++)
    {
      Made *m = &g_array_index (made, Made, i);
      gboolean want = is_promo (m) && g_str_has_prefix (m->preset->key, "android") &&
                      medialib_preset_fits (medialib_presets_lookup ("android-expanded"), m->width, m->height, m->gif);

      g_assert_cmpint (has_id (ids, m->id), ==, want);
      expected += want;
    }
  g_assert_cmpuint (ids->len, ==, expected);
  g_assert_cmpuint (expected, >, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_free (query->text);
  query->text = NULL;
  g_clear_pointer (&query->tags, g_strfreev);
  g_free (query->fits);
  query->fits = g_strdup ("free");
  ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_free (query->fits);
  query->fits = g_strdup ("no-such-channel");
  ids = medialib_catalog_search_ids (f->store->catalog, query, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (ids);
  g_assert_nonnull (strstr (error->message, "medialib presets"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/fits", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("every-preset", test_fits_every_preset);
  ADD ("combined", test_fits_combined);

  return g_test_run ();
}
