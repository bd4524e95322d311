/* test-conformance.c — public decoders' test images, against independent decoders' verdicts
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/conformance/ holds test images from libjpeg-turbo, Wuffs, Pillow, image-rs and
 * image-gif (see its README.md): odd but valid files and broken ones, in the three formats.
 * expected.tsv says what each should give, as recorded by tests/conformance/record-expected.py
 * from djpeg, libpng (pngtopnm) and giflib, never from this project's code: accepted with
 * its width and height as displayed, or refused. Each file is imported through the real
 * import into a library of its own.
 *
 * PngSuite (../shared/corpus/pngsuite) is run by test-import's /medialib/import/pngsuite.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-image.h"
#include "medialib-import.h"
#include "medialib-store.h"
#include "medialib-test-util.h"

/* Where this app's outcome differs from the independent decoder's, and why. The test checks
 * that the outcome is the one given here, so that a change shows. */
static const struct {
  const char *file;
  gboolean    accepted;
  const char *why;
} known_differences[] = {
  { "pillow/no_palette.gif", FALSE,
    "GdkPixbuf, the app's decoder, cannot draw a GIF that has no palette at all" },
  { "wuffs/empty-palette.gif", FALSE,
    "GdkPixbuf, the app's decoder, cannot draw a GIF that has no palette at all" },
};

typedef struct
{
  char *file;       /* source/name */
  char *format;     /* png, jpeg, gif */
  int   width;      /* 0 when it is to be refused */
  int   height;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->file);
  g_free (e->format);
  g_free (e);
}

static GPtrArray *
read_expected (const char *path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) outcome = NULL;
      Expected *e;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 3);
      outcome = g_strsplit (fields[2], " ", -1);

      e = g_new0 (Expected, 1);
      e->file = g_strdup (fields[0]);
      e->format = g_strdup (fields[1]);
      if (g_str_equal (outcome[0], "accept"))
        {
          g_assert_cmpuint (g_strv_length (outcome), ==, 3);
          e->width = (int) g_ascii_strtoll (outcome[1], NULL, 10);
          e->height = (int) g_ascii_strtoll (outcome[2], NULL, 10);
          g_assert_cmpint (e->width, >, 0);
          g_assert_cmpint (e->height, >, 0);
        }
      else
        g_assert_cmpstr (outcome[0], ==, "refuse");

      g_ptr_array_add (rows, e);
    }

  return g_steal_pointer (&rows);
}

/* A reason names the problem: the format that is damaged or truncated, or the rule */
static gboolean
reason_names_problem (const char *reason,
                      const char *format)
{
  const char *name = g_str_equal (format, "png") ? "PNG" :
                     g_str_equal (format, "jpeg") ? "JPEG" : "GIF";

  return strstr (reason, name) != NULL || strstr (reason, "megapixels") != NULL ||
         strstr (reason, "too large") != NULL;
}

/* Returns: (nullable): what is wrong with the outcome, or %NULL */
static char *
check_file (const char     *tmp,
            const char     *root,
            const Expected *e,
            guint           index,
            gboolean       *accepted,
            guint          *n_differences)
{
  g_autofree char *path = g_build_filename (root, e->file, NULL);
  g_autofree char *name = g_strdup_printf ("library-%u", index);
  g_autofree char *library = g_build_filename (tmp, name, NULL);
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;
  gboolean expect_accept = e->width > 0;

  for (guint i = 0; i < G_N_ELEMENTS (known_differences); i++)
    if (g_str_equal (known_differences[i].file, e->file))
      {
        g_test_message ("%s: %s (the decoder %s it)", e->file, known_differences[i].why,
                        expect_accept ? "accepts" : "refuses");
        expect_accept = known_differences[i].accepted;
        (*n_differences)++;
      }

  store = medialib_store_open (library, &error);
  g_assert_no_error (error);
  results = medialib_store_import (store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);

  if (expect_accept)
    {
      g_autoptr(MedialibAsset) asset = NULL;
      int thumb_width = 0, thumb_height = 0;

      *accepted = r->status == MEDIALIB_IMPORT_ADDED;
      if (r->status != MEDIALIB_IMPORT_ADDED)
        return g_strdup_printf ("%s: refused (%s), expected to be accepted", e->file, r->reason);

      asset = medialib_store_get_asset (store, r->id, &error);
      g_assert_no_error (error);
      if (e->width > 0 &&
          (medialib_asset_get_width (asset) != e->width ||
           medialib_asset_get_height (asset) != e->height))
        return g_strdup_printf ("%s: accepted at %d × %d, expected %d × %d", e->file,
                                medialib_asset_get_width (asset),
                                medialib_asset_get_height (asset), e->width, e->height);

      g_assert_true (gdk_pixbuf_get_file_info (medialib_asset_get_thumbnail_path (asset),
                                               &thumb_width, &thumb_height) != NULL);
      g_assert_cmpint (MAX (thumb_width, thumb_height), <=, MEDIALIB_THUMBNAIL_SIZE);
      g_assert_cmpint (medialib_store_count (store), ==, 1);
    }
  else
    {
      *accepted = r->status != MEDIALIB_IMPORT_REJECTED;
      if (r->status != MEDIALIB_IMPORT_REJECTED)
        return g_strdup_printf ("%s: accepted, expected to be refused", e->file);
      g_assert_nonnull (r->reason);
      if (!reason_names_problem (r->reason, e->format))
        return g_strdup_printf ("%s: refused with a reason that does not name the problem: %s",
                                e->file, r->reason);
      g_assert_cmpint (medialib_store_count (store), ==, 0);
    }

  g_test_message ("%s: %s%s", e->file, *accepted ? "accepted" : "refused: ",
                  *accepted ? "" : r->reason);
  return NULL;
}

static void
test_conformance (void)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "data", "conformance", NULL);
  g_autofree char *manifest = g_build_filename (root, "expected.tsv", NULL);
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint n_accepted = 0, n_refused = 0, n_differences = 0;
  gboolean seen_format[3] = { FALSE, };

  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("tests/data/conformance/expected.tsv is not present");
      return;
    }

  rows = read_expected (manifest);
  for (guint i = 0; i < rows->len; i++)
    {
      const Expected *e = g_ptr_array_index (rows, i);
      g_autofree char *path = g_build_filename (root, e->file, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *message = g_strdup_printf ("%s is not present", e->file);

          g_test_skip (message);
          return;
        }
    }

  tmp = test_make_tmpdir ("conformance");

  for (guint i = 0; i < rows->len; i++)
    {
      const Expected *e = g_ptr_array_index (rows, i);
      g_autofree char *failure = NULL;
      gboolean accepted = FALSE;

      failure = check_file (tmp, root, e, i, &accepted, &n_differences);
      if (failure != NULL)
        g_string_append_printf (failures, "\n  %s", failure);
      if (accepted)
        n_accepted++;
      else
        n_refused++;
      seen_format[g_str_equal (e->format, "png") ? 0 : g_str_equal (e->format, "jpeg") ? 1 : 2] = TRUE;
    }

  test_rm_rf (tmp);

  if (failures->len > 0)
    g_error ("outcomes that differ from the independent decoders':%s", failures->str);

  g_test_message ("%u files: %u accepted, %u refused", rows->len, n_accepted, n_refused);
  /* Each known difference is about a file of the corpus */
  g_assert_cmpuint (n_differences, ==, G_N_ELEMENTS (known_differences));
  g_assert_true (seen_format[0] && seen_format[1] && seen_format[2]);
  g_assert_cmpuint (n_accepted, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/conformance/decoders", test_conformance);

  return g_test_run ();
}
