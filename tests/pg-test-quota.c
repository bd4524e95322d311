/* pg-test-quota.c — the company's daily quota: reserved and given back, and exactly the
 * limit when twenty processes generate at the same moment
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pg-test-fixture.h"

#define QUOTA_CHILDREN 20
#define QUOTA_LIMIT    10

/* Reserves a slot of the day that starts at @day (local midnight), which there is */
static void
reserve (MedialibPgCatalog *c,
         gint64             day,
         guint              limit,
         guint              expected_used)
{
  g_autoptr(GError) error = NULL;
  gboolean reserved = FALSE;
  guint used = 99;

  g_assert_true (medialib_catalog_reserve_generation (MEDIALIB_CATALOG (c), day, limit, &reserved, &used, &error));
  g_assert_no_error (error);
  g_assert_true (reserved);
  g_assert_cmpuint (used, ==, expected_used);
}

static void
reserve_refused (MedialibPgCatalog *c,
                 gint64             day,
                 guint              limit,
                 guint              expected_used)
{
  g_autoptr(GError) error = NULL;
  gboolean reserved = TRUE;
  guint used = 99;

  g_assert_true (medialib_catalog_reserve_generation (MEDIALIB_CATALOG (c), day, limit, &reserved, &used, &error));
  g_assert_no_error (error);
  g_assert_false (reserved);
  g_assert_cmpuint (used, ==, expected_used);
}

static guint
reserved (MedialibPgCatalog *c,
          gint64             day)
{
  g_autoptr(GError) error = NULL;
  guint used = 999;

  g_assert_true (medialib_catalog_count_generations (MEDIALIB_CATALOG (c), day, &used, &error));
  g_assert_no_error (error);
  return used;
}

void
test_quota (PgFixture     *f,
            gconstpointer  data)
{
  MedialibPgCatalog *c = f->catalog;
  MedialibCatalog *catalog = MEDIALIB_CATALOG (c);
  gint64 day = pg_day_start (2031, 5, 6);
  gint64 next = pg_day_start (2031, 5, 7);

  for (guint i = 0; i < 3; i++)
    reserve (c, day, 3, i);
  reserve_refused (c, day, 3, 3);
  g_assert_cmpuint (reserved (c, day), ==, 3);

  /* Any moment of the day is the day */
  g_assert_cmpuint (reserved (c, day + 86399), ==, 3);
  reserve_refused (c, day + 12 * 3600, 3, 3);

  /* A failed generation gives its slot back */
  medialib_catalog_release_generation (catalog, day);
  g_assert_cmpuint (reserved (c, day), ==, 2);
  reserve (c, day, 3, 2);

  /* Each day its own count; never below zero; no limit still counts */
  reserve (c, next, 3, 0);
  medialib_catalog_release_generation (catalog, next);
  medialib_catalog_release_generation (catalog, next);
  g_assert_cmpuint (reserved (c, next), ==, 0);
  for (guint i = 0; i < 5; i++)
    reserve (c, next, 0, i);
  g_assert_cmpuint (reserved (c, next), ==, 5);

  /* Today, from its local midnight */
  reserve (c, pg_day_start (0, 0, 0), 3, 0);
  g_assert_cmpuint (reserved (c, g_get_real_time () / G_USEC_PER_SEC), ==, 1);
}

/* The child of test_quota_race: connects, says so, waits for the word, reserves */
int
pg_test_reserve_child (const char *conninfo,
                       const char *day_text,
                       const char *limit_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) catalog = medialib_pg_catalog_open (conninfo, NULL, &error);
  g_auto(GStrv) ymd = g_strsplit (day_text, "-", 3);
  gint64 day;
  gboolean reserved = FALSE;
  guint used = 0;
  char line[16];

  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  day = pg_day_start (atoi (ymd[0]), atoi (ymd[1]), atoi (ymd[2]));
  g_print ("ready\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;

  if (!medialib_catalog_reserve_generation (MEDIALIB_CATALOG (catalog), day, (guint) atoi (limit_text),
                                            &reserved, &used, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Says which, then holds its slot, as a generation under way, until told to end */
  g_print ("%s\n", reserved ? "reserved" : "refused");
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;

  return reserved ? 0 : 3;
}

void
test_quota_race (PgFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) holding = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", QUOTA_LIMIT);
  g_autofree char *counted = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  gint64 day = pg_day_start (2032, 2, 29);
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
      g_autofree char *line = NULL;

      /* The child's output stays open for its next line */
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "ready");
    }
  for (guint i = 0; i < children->len; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (g_ptr_array_index (children, i));

      g_assert_true (g_output_stream_write_all (in, "go\n", 3, NULL, NULL, &error));
      g_assert_true (g_output_stream_flush (in, NULL, &error));
    }

  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr(GDataInputStream) out =
        g_data_input_stream_new (g_subprocess_get_stdout_pipe (g_ptr_array_index (children, i)));
      g_autofree char *line = NULL;

      /* The child's output stays open for its next line */
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (line, "reserved") == 0)
        g_ptr_array_add (holding, g_object_ref (g_ptr_array_index (children, i)));
      else
        g_assert_cmpstr (line, ==, "refused");
    }

  g_assert_cmpuint (holding->len, ==, QUOTA_LIMIT);
  counted = pg_admin_value (f, "SELECT used FROM quota_days WHERE day = '2032-02-29'");
  g_assert_cmpstr (counted, ==, limit);

  /* Four of the generations under way are killed: their slots come back once their server
   * sessions have ended, and only theirs */
  for (guint i = 0; i < 4; i++)
    {
      g_subprocess_force_exit (g_ptr_array_index (holding, i));
      g_assert_true (g_subprocess_wait (g_ptr_array_index (holding, i), NULL, &error));
    }
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; reserved (f->catalog, day) > QUOTA_LIMIT - 4;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_cmpuint (reserved (f->catalog, day), ==, QUOTA_LIMIT - 4);
  for (guint i = 0; i < 4; i++)
    reserve (f->catalog, day, QUOTA_LIMIT, QUOTA_LIMIT - 4 + i);
  reserve_refused (f->catalog, day, QUOTA_LIMIT, QUOTA_LIMIT);

  /* The others end as they would */
  for (guint i = 0; i < children->len; i++)
    {
      GSubprocess *child = g_ptr_array_index (children, i);
      guint index;

      if (g_ptr_array_find (holding, child, &index) && index < 4)
        continue;
      g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, &error));
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_true (g_subprocess_get_if_exited (child));
      switch (g_subprocess_get_exit_status (child))
        {
        case 0: succeeded++; break;
        case 3: refused++; break;
        default: g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (succeeded, ==, QUOTA_LIMIT - 4);
  g_assert_cmpuint (refused, ==, QUOTA_CHILDREN - QUOTA_LIMIT);

  /* What this catalog reserved it gives back, and nothing of the others'; the slots of
   * the children that ended without recording come back too */
  for (guint i = 0; i < 6; i++)
    medialib_catalog_release_generation (MEDIALIB_CATALOG (f->catalog), day);
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; reserved (f->catalog, day) > 0;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 20);
    }
  reserve (f->catalog, day, QUOTA_LIMIT, 0);
  g_clear_pointer (&counted, g_free);
  counted = pg_admin_value (f, "SELECT count(*) || ' ' || sum(used) FROM quota_reservations, quota_days"
                               " WHERE quota_days.day = '2032-02-29'");
  g_assert_cmpstr (counted, ==, "1 1");
}

/* A generation whose connection the server dropped (a restart) while the AI service was at
 * work: another member's reservation takes its slot back, and it is counted again when it
 * is recorded; giving back a slot taken back already gives nothing */
void
test_quota_lost_connection (PgFixture     *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibPgCatalog) other = medialib_pg_catalog_open (f->conninfo, NULL, &error);
  gint64 today = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *recorded = NULL;
  g_autofree char *left = NULL;

  g_assert_no_error (error);
  reserve (f->catalog, today, 2, 0);
  reserve (f->catalog, today, 2, 1);
  reserve_refused (other, today, 2, 2);

  pg_admin_exec (f, "SELECT pg_terminate_backend (backend) FROM quota_reservations");
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; reserved (other, today) > 0;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 20);
    }
  reserve (other, today, 2, 0);

  /* The first catalog's generations end: one made, one failed */
  g_assert_cmpint (medialib_catalog_record_generation (MEDIALIB_CATALOG (f->catalog), "a cat", "model", 4, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (reserved (other, today), ==, 2);
  medialib_catalog_release_generation (MEDIALIB_CATALOG (f->catalog), today);
  g_assert_cmpuint (reserved (other, today), ==, 2);
  reserve_refused (other, today, 2, 2);

  /* One made, one under way: the count is theirs */
  recorded = pg_admin_value (f, "SELECT count(*) FROM generations");
  g_assert_cmpstr (recorded, ==, "1");
  left = pg_admin_value (f, "SELECT count(*) FROM quota_reservations");
  g_assert_cmpstr (left, ==, "1");
}
