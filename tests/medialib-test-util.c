/* medialib-test-util.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "medialib-test-util.h"
#include "medialib-test-team.h"

char *
test_make_tmpdir (const char *name)
{
  g_autofree char *tmpl = g_strdup_printf ("medialib-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL && (info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        test_rm_rf (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }

  g_rmdir (path);
}

/* --- Backends ------------------------------------------------------------------------------- */

static MedialibStore *
local_open (const char  *library,
            GError     **error)
{
  return medialib_store_open (library, error);
}

static void
local_exec (const char *library,
            const char *sql)
{
  g_autofree char *db = g_build_filename (library, "library.db", NULL);
  char *message = NULL;
  sqlite3 *handle;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 2000);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (handle);
}

/* A trigger raises at once; at the commit, a deferred foreign key breaks */
static char *
local_trap_sql (const char *event,
                const char *table,
                gboolean    at_commit)
{
  if (at_commit)
    return g_strdup_printf ("CREATE TABLE trap_rows (asset INTEGER REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED);"
                            "CREATE TRIGGER trap AFTER %s ON %s BEGIN INSERT INTO trap_rows VALUES (-1); END;",
                            event, table);

  return g_strdup_printf ("CREATE TRIGGER trap BEFORE %s ON %s BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                          event, table);
}

/* A local library: SQLite and the media/ folder */
static const TestBackend local_backend = {
  .name = "local",
  .local_database = TRUE,
  .open = local_open,
  .exec = local_exec,
  .trap_sql = local_trap_sql,
  .untrap_sql = "DROP TRIGGER trap",
  .yesterday_sql = "UPDATE generations SET created = created - 86400",
};

/* A team library (medialib-test-team.c), on the servers that tests/team-servers.py starts */
static const TestBackend team_backend = {
  .name = "team",
  .local_database = FALSE,
  .open = test_team_open,
  .exec = test_team_exec,
  .trap_sql = test_team_trap_sql,
  .untrap_sql = "DROP FUNCTION medialib_test_trap () CASCADE",
  /* The day's count is a row of its own (quota_days): it moves too */
  .yesterday_sql = "UPDATE generations SET created = created - 86400; UPDATE quota_days SET day = day - 1",
  .cleanup = test_team_cleanup,
};

/* The backends the core tests run on: the local one, and the team one when the servers are
 * there (MEDIALIB_TEST_PG is set). MEDIALIB_TEST_BACKEND=team (the meson suite "team") or
 * =local runs only that one; the team one then fails without its servers. */
static GPtrArray *
get_backends (void)
{
  static GPtrArray *backends;
  const char *only = g_getenv ("MEDIALIB_TEST_BACKEND");
  gboolean have_servers = g_getenv ("MEDIALIB_TEST_PG") != NULL && g_getenv ("MEDIALIB_TEST_PG")[0] != '\0';

  if (backends != NULL)
    return backends;

  backends = g_ptr_array_new ();
  if (only == NULL || g_str_equal (only, "local"))
    g_ptr_array_add (backends, (gpointer) &local_backend);

  if (only != NULL && g_str_equal (only, "team") && !have_servers)
    g_error ("MEDIALIB_TEST_BACKEND=team without MEDIALIB_TEST_PG: run the test through tests/team-servers.py");

  if ((only == NULL && have_servers) || g_strcmp0 (only, "team") == 0)
    g_ptr_array_add (backends, (gpointer) &team_backend);

  return backends;
}

/* The backend of the test that runs now (tests run one at a time), or NULL outside */
static const TestBackend *current_backend;

typedef struct
{
  const TestBackend *backend;
  gconstpointer      data;
  GTestFixtureFunc   setup;
  GTestFixtureFunc   test;
  GTestFixtureFunc   teardown;
} TestCase;

static void
case_setup (gpointer      fixture,
            gconstpointer data)
{
  const TestCase *test_case = data;

  current_backend = test_case->backend;
  if (test_case->setup != NULL)
    test_case->setup (fixture, test_case->data);
}

static void
case_test (gpointer      fixture,
           gconstpointer data)
{
  const TestCase *test_case = data;

  test_case->test (fixture, test_case->data);
}

static void
case_teardown (gpointer      fixture,
               gconstpointer data)
{
  const TestCase *test_case = data;

  if (test_case->teardown != NULL)
    test_case->teardown (fixture, test_case->data);
  current_backend = NULL;
}

/**
 * test_add_vtable_for_backends:
 * @which: every backend, or only those with a local database
 * @area: the tests' path, "/medialib/store"
 * @name: the test's name, "edit"
 * @data: given to @setup, @test and @teardown, as g_test_add_vtable() does
 *
 * Registers the test as AREA/BACKEND/NAME for each backend; see test_add_for_backends().
 */
void
test_add_vtable_for_backends (TestBackends      which,
                              const char       *area,
                              const char       *name,
                              gsize             size,
                              gconstpointer     data,
                              GTestFixtureFunc  setup,
                              GTestFixtureFunc  test,
                              GTestFixtureFunc  teardown)
{
  /* The cases live as long as the program, as g_test_add_vtable()'s data must */
  static GPtrArray *cases;

  if (cases == NULL)
    cases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < get_backends ()->len; i++)
    {
      const TestBackend *backend = g_ptr_array_index (get_backends (), i);
      g_autofree char *path = NULL;
      TestCase *test_case;

      if ((which == TEST_LOCAL_DATABASE && !backend->local_database) ||
          (which == TEST_SHARED_DATABASE && backend->local_database))
        continue;

      test_case = g_new0 (TestCase, 1);
      test_case->backend = backend;
      test_case->data = data;
      test_case->setup = setup;
      test_case->test = test;
      test_case->teardown = teardown;
      g_ptr_array_add (cases, test_case);

      path = g_strdup_printf ("%s/%s/%s", area, backend->name, name);
      g_test_add_vtable (path, size, test_case, case_setup, case_test, case_teardown);
    }
}

/**
 * test_library_setup:
 *
 * A fixture's set-up: a temporary folder with an input folder and a new library, open on
 * the test's backend (the local one for a test registered without test_add_for_backends()).
 * Fixtures that are nothing more are a TestLibrary; others start with one.
 */
void
test_library_setup (TestLibrary   *lib,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname () != NULL ? g_get_prgname () : "test");

  lib->backend = current_backend != NULL ? current_backend : &local_backend;
  lib->tmp = test_make_tmpdir (program);
  lib->input = g_build_filename (lib->tmp, "input", NULL);
  lib->library = g_build_filename (lib->tmp, "library", NULL);
  g_assert_cmpint (g_mkdir (lib->input, 0755), ==, 0);

  lib->store = lib->backend->open (lib->library, &error);
  g_assert_no_error (error);
}

void
test_library_teardown (TestLibrary   *lib,
                       gconstpointer  data)
{
  g_clear_object (&lib->store);
  if (lib->backend != NULL && lib->backend->cleanup != NULL)
    lib->backend->cleanup (lib->library);
  test_rm_rf (lib->tmp);
  g_clear_pointer (&lib->tmp, g_free);
  g_clear_pointer (&lib->input, g_free);
  g_clear_pointer (&lib->library, g_free);
}

/* Runs SQL on the library's database as another process would: see TestBackend */
void
test_library_exec (TestLibrary *lib,
                   const char  *sql)
{
  lib->backend->exec (lib->library, sql);
}

/* A noisy image, different for every seed, saved as "png" or "jpeg". */
char *
test_write_image (const char *dir,
                  const char *name,
                  const char *type,
                  int         width,
                  int         height,
                  guint32     seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  char *path = g_build_filename (dir, name, NULL);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (guint8) (x * 255 / MAX (1, width - 1));
        p[1] = (guint8) (y * 255 / MAX (1, height - 1));
        p[2] = (guint8) g_rand_int_range (rand, 0, 256);
      }

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);

  return path;
}

static guint32
picture_random (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

/* A picture drawn for perceptual hashes: a photo-like one (a sky, a sun, a hill, a house,
 * noise), whose layout depends on @seed, or other drawings; the noise depends on @seed */
GdkPixbuf *
test_draw_picture (TestPicture picture,
                   int         width,
                   int         height,
                   guint32     seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = seed;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double u = (double) x / width, v = (double) y / height;
        double r = 0, g = 0, b = 0;
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * 3;
        int noise = (int) (picture_random (&state) % 31) - 15;

        switch (picture)
          {
          case TEST_PICTURE_PHOTO:
            {
              /* A sky, a sun, a hill, a house: where they are depends on @seed, so that
               * the other photos look alike without being copies */
              double sun_x = 0.75 - 0.13 * (seed % 5), hill = 6.0 + 2.0 * (seed % 3);
              double house_x = 0.2 + 0.11 * (seed % 4);

              r = 90 + 120 * v; g = 140 + 60 * v; b = 230 - 80 * v;
              if (hypot (u - sun_x, v - 0.25) < 0.1)
                r = 250, g = 220, b = 90;
              if (v > 0.65 + 0.1 * sin (u * hill + seed))
                r = 60 + 40 * u, g = 150 - 50 * v, b = 50;
              if (u > house_x && u < house_x + 0.25 && v > 0.45 && v < 0.8)
                r = 180, g = 70, b = 60;
              if (u > house_x + 0.07 && u < house_x + 0.14 && v > 0.6 && v < 0.8)
                r = 70, g = 40, b = 30;
            }
            break;
          case TEST_PICTURE_STRIPES:
            r = g = b = sin (u * 20.0) > 0 ? 220 : 40;
            break;
          case TEST_PICTURE_RINGS:
            r = 128 + 120 * sin (hypot (u - 0.5, v - 0.5) * 40.0);
            g = 100; b = 255 - r;
            break;
          case TEST_PICTURE_CHECKS:
            r = g = b = (((int) (u * 6) + (int) (v * 4)) % 2) ? 230 : 30;
            break;
          case TEST_PICTURE_DIAGONAL:
            r = 255 * u; g = 255 * (1 - v); b = u + v < 1 ? 200 : 20;
            break;
          case TEST_PICTURE_BLOBS:
            r = g = b = 200;
            for (int k = 0; k < 5; k++)
              {
                double cx = ((seed * (k + 3) * 7919) % 100) / 100.0;
                double cy = ((seed * (k + 5) * 104729) % 100) / 100.0;

                if (hypot (u - cx, v - cy) < 0.15)
                  r = 40 * k, g = 255 - 40 * k, b = 30;
              }
            break;
          default:
            g_assert_not_reached ();
          }

        p[0] = (guint8) CLAMP (r + noise, 0, 255);
        p[1] = (guint8) CLAMP (g + noise, 0, 255);
        p[2] = (guint8) CLAMP (b + noise, 0, 255);
      }

  return pixbuf;
}

/* @pixbuf saved in @dir as @type (with @quality for JPEG, or NULL) */
char *
test_save_picture (const char *dir,
                   const char *name,
                   GdkPixbuf  *pixbuf,
                   const char *type,
                   const char *quality)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  if (quality != NULL)
    gdk_pixbuf_save (pixbuf, path, type, &error, "quality", quality, NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);

  return path;
}

/* A GIF with a global two-colour palette and @frames frames of one colour each. */
char *
test_write_gif (const char *dir,
                const char *name,
                int         width,
                int         height,
                guint       frames,
                guint8      color)
{
  g_autoptr(GByteArray) gif = g_byte_array_new ();
  guint8 header[13] = { 'G', 'I', 'F', '8', '9', 'a',
                        (guint8) (width & 0xff), (guint8) (width >> 8),
                        (guint8) (height & 0xff), (guint8) (height >> 8),
                        0x80, 0, 0 };
  guint8 palette[6] = { color, 0, 0, 0, 0, color };
  guint8 netscape[19] = { 0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
                          0x03, 0x01, 0x00, 0x00, 0x00 };

  g_byte_array_append (gif, header, sizeof header);
  g_byte_array_append (gif, palette, sizeof palette);
  if (frames > 1)
    g_byte_array_append (gif, netscape, sizeof netscape);

  for (guint f = 0; f < frames; f++)
    {
      guint8 gce[8] = { 0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00 };
      /* Each frame is one pixel at the top left of the logical screen. */
      guint8 descriptor[10] = { 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0 };
      /* LZW, minimum code size 2, 3-bit codes packed from the low bit: clear (4), the
       * pixel (colour f % 2), end of information (5). */
      guint8 data[] = { 0x02, 0x02, (guint8) (0x44 | ((f % 2) << 3)), 0x01, 0x00 };

      g_byte_array_append (gif, gce, sizeof gce);
      g_byte_array_append (gif, descriptor, sizeof descriptor);
      g_byte_array_append (gif, data, sizeof data);
    }

  g_byte_array_append (gif, (const guint8 *) "\x3b", 1);

  return test_write_bytes (dir, name, gif->data, gif->len);
}

char *
test_write_bytes (const char *dir,
                  const char *name,
                  const void *data,
                  gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);

  return path;
}

/* ../shared/corpus/SUBDIR beside the checkout, or NULL when this clone has none. */
char *
test_shared_corpus (const char *subdir)
{
  const char *shared = g_getenv ("MEDIALIB_SHARED");
  g_autofree char *path = NULL;

  if (shared == NULL)
    return NULL;

  path = g_build_filename (shared, "corpus", subdir, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_steal_pointer (&path);
}

/* 20 seconds, times MEDIALIB_TEST_TIMEOUT_MULTIPLIER ('build-aux/dev test --sanitize' sets it:
 * everything runs several times slower there) */
gint64
test_wait_limit (void)
{
  const char *multiplier = g_getenv ("MEDIALIB_TEST_TIMEOUT_MULTIPLIER");
  gint64 factor = multiplier != NULL ? g_ascii_strtoll (multiplier, NULL, 10) : 1;

  return 20 * G_USEC_PER_SEC * MAX (factor, 1);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that @user_data points to */
void
test_keep_result (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  g_assert_null (*kept);
  *kept = g_object_ref (result);
}

/* Runs the main context until test_keep_result() kept a result in @result, for
 * test_wait_limit() at most.
 *
 * Returns: (transfer full): the result
 */
GAsyncResult *
test_wait_result (GAsyncResult **result)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for an asynchronous call");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return g_steal_pointer (result);
}

/* A stored file is gone: nothing at its path, or no path for it at all */
gboolean
test_file_gone (const char *path)
{
  return path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * test_have_gateway:
 *
 * Whether tests/team-servers.py gave this test its RADOS Gateway. Without it the test is
 * skipped, except in CI, where the team tests must run.
 */
gboolean
test_have_gateway (void)
{
  const char *missing = NULL;

  if (g_getenv ("MEDIALIB_TEST_S3_ENDPOINT") == NULL)
    missing = "MEDIALIB_TEST_S3_ENDPOINT";
  else if (g_getenv ("AWS_ACCESS_KEY_ID") == NULL || g_getenv ("AWS_SECRET_ACCESS_KEY") == NULL)
    missing = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";

  if (missing == NULL)
    return TRUE;

  if (g_getenv ("CI") != NULL)
    g_error ("%s is not set: the team tests run through tests/team-servers.py", missing);

  g_test_skip_printf ("%s is not set: run through tests/team-servers.py (build-aux/dev test --suite team)", missing);
  return FALSE;
}

/* SIZE bytes of noise, the same for the same seed */
GBytes *
test_random_bytes (gsize   size,
                   guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int_range (rand, 0, 256);

  return g_bytes_new_take (data, size);
}

/* A GET by someone without credentials: a browser, a mail client */
GBytes *
test_anonymous_get (const char *url,
                    guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  g_assert_nonnull (message);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return body;
}

static gboolean
on_waited_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @told has @n entries or @ms passed; returns the time it took (ms) */
gint64
test_wait_told (GPtrArray *told,
                guint      n,
                guint      ms)
{
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (ms, on_waited_cb, &timed_out);

  while (told->len < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  return (g_get_monotonic_time () - start) / 1000;
}

/* Runs the main loop for @ms: time enough for anything else to come */
void
test_spin (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_waited_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Asserts that @told holds exactly @expected (NULL-terminated), then empties it */
void
test_assert_told (GPtrArray          *told,
                  const char * const *expected)
{
  g_ptr_array_add (told, NULL);
  g_assert_cmpstrv ((const char * const *) told->pdata, expected);
  g_ptr_array_set_size (told, 0);
}
