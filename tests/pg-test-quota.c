/* pg-test-quota.c — the company's daily quota: reserved and given back, and exactly the
 * limit when twenty processes generate at the same moment
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-ai-client.h"
#include "pg-test-fixture.h"

#define QUOTA_CHILDREN 20
#define QUOTA_LIMIT    10

static void
reserve (MedialibPgCatalog *c,
         const GDate       *day,
         guint              limit,
         guint              expected_used)
{
  g_autoptr(GError) error = NULL;
  guint used = 0;

  g_assert_true (medialib_pg_catalog_reserve_generation (c, day, limit, &used, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (used, ==, expected_used);
}

static guint
reserved (MedialibPgCatalog *c,
          const GDate       *day)
{
  g_autoptr(GError) error = NULL;
  guint used = 999;

  g_assert_true (medialib_pg_catalog_get_reserved (c, day, &used, &error));
  g_assert_no_error (error);
  return used;
}

void
test_quota (PgFixture     *f,
            gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  g_autoptr(GError) error = NULL;
  GDate *day = g_date_new_dmy (6, G_DATE_MAY, 2031);
  GDate *next = g_date_new_dmy (7, G_DATE_MAY, 2031);
  guint used = 0;

  for (guint i = 1; i <= 3; i++)
    reserve (c, day, 3, i);
  g_assert_false (medialib_pg_catalog_reserve_generation (c, day, 3, &used, &error));
  g_assert_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (reserved (c, day), ==, 3);

  /* A failed generation gives its slot back */
  g_assert_true (medialib_pg_catalog_release_generation (c, day, &error));
  g_assert_cmpuint (reserved (c, day), ==, 2);
  reserve (c, day, 3, 3);

  /* Each day its own count; never below zero; no limit still counts */
  reserve (c, next, 3, 1);
  g_assert_true (medialib_pg_catalog_release_generation (c, next, &error));
  g_assert_true (medialib_pg_catalog_release_generation (c, next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reserved (c, next), ==, 0);
  for (guint i = 1; i <= 5; i++)
    reserve (c, next, 0, i);

  /* Today, in local time, by default */
  reserve (c, NULL, 3, 1);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    g_assert_cmpuint (reserved (c, &today), ==, 1);
  }

  g_date_free (day);
  g_date_free (next);
}

/* The child of test_quota_race: connects, says so, waits for the word, reserves */
int
pg_test_reserve_child (const char *conninfo,
               const char *day_text,
               const char *limit_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = medialib_pg_catalog_open (conninfo, NULL, &error);
  GDate day;
  char line[16];

  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_date_clear (&day, 1);
  g_date_set_parse (&day, day_text);
  g_print ("ready\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;

  if (medialib_pg_catalog_reserve_generation (catalog, &day, (guint) atoi (limit_text), NULL, &error))
    return 0;

  if (g_error_matches (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA))
    return 3;

  g_printerr ("%s\n", error->message);
  return 1;
}

void
test_quota_race (PgFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", QUOTA_LIMIT);
  g_autofree char *counted = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  GDate *day = g_date_new_dmy (29, G_DATE_FEBRUARY, 2032);
  guint succeeded = 0, refused = 0;

  for (guint i = 0; i < QUOTA_CHILDREN; i++)
    {
      GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                             self_exe, "--reserve-child", f->conninfo, "2032-02-29", limit, NULL);

      g_assert_no_error (error);
      g_ptr_array_add (children, child);
    }

  /* Everyone is connected; then everyone goes at once */
  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr(GDataInputStream) out =
        g_data_input_stream_new (g_subprocess_get_stdout_pipe (g_ptr_array_index (children, i)));
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "ready");
    }
  for (guint i = 0; i < children->len; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (g_ptr_array_index (children, i));

      g_assert_true (g_output_stream_write_all (in, "go\n", 3, NULL, NULL, &error));
      g_assert_true (g_output_stream_close (in, NULL, &error));
    }

  for (guint i = 0; i < children->len; i++)
    {
      GSubprocess *child = g_ptr_array_index (children, i);

      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_true (g_subprocess_get_if_exited (child));
      switch (g_subprocess_get_exit_status (child))
        {
        case 0: succeeded++; break;
        case 3: refused++; break;
        default: g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (succeeded, ==, QUOTA_LIMIT);
  g_assert_cmpuint (refused, ==, QUOTA_CHILDREN - QUOTA_LIMIT);
  counted = pg_admin_value (f, "SELECT used FROM quota_days WHERE day = '2032-02-29'");
  g_assert_cmpstr (counted, ==, limit);

  /* Released slots can be taken again, and only they */
  for (guint i = 0; i < 4; i++)
    g_assert_true (medialib_pg_catalog_release_generation (f->catalog, day, &error));
  g_assert_cmpuint (reserved (f->catalog, day), ==, QUOTA_LIMIT - 4);
  for (guint i = 0; i < 4; i++)
    reserve (f->catalog, day, QUOTA_LIMIT, QUOTA_LIMIT - 3 + i);
  g_assert_false (medialib_pg_catalog_reserve_generation (f->catalog, day, QUOTA_LIMIT, NULL, &error));
  g_assert_error (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA);

  g_date_free (day);
}
