/* bench-team.c — a team library of many assets for bench/run, loaded with COPY
 *
 *   bench-team load CONNINFO COUNT
 *       fills the empty catalog tables that `medialib team connect` made (in the schema that
 *       CONNINFO's search_path names) with the COUNT assets that `bench-core make` adds to a
 *       local library (bench-generate.c: the same names, tags, teams and contents), through
 *       COPY: the rows the PostgreSQL catalog would have written (medialib-pg-catalog-edit.c),
 *       the search words made by the same call (medialib_pg_words_document()), labels
 *       numbered in the order the assets first name them; then the identity counters and
 *       ANALYZE. Prints the seconds it took.
 *
 * Adding a million assets through the catalog takes about ten statements each; COPY takes
 * one per table. bench/run checks that the rows are the catalog's own: it adds the first
 * assets through the catalog into another schema and compares the tables in SQL.
 *
 * Copyright 2026 The Media Library authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "medialib-label.h"
#include "medialib-pg-words.h"

#include "bench-generate.h"

#define SEP "\x1f"

/* Assets added in one second share their time, as those of a batch of `bench-core make` do */
#define ADDED_BASE      1767225600
#define ASSETS_A_SECOND 10000

typedef struct
{
  GHashTable *ids;    /* normalized name → id, as gint64 in a pointer */
  GPtrArray  *names;  /* normalized names, in order of id - 1 */
} Labels;

static gint64
label_id (Labels            *labels,
          MedialibLabelKind  kind,
          const char        *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = medialib_label_normalize (kind, text, &error);
  gpointer id;

  g_assert (name != NULL);
  if (g_hash_table_lookup_extended (labels->ids, name, NULL, &id))
    return GPOINTER_TO_SIZE (id);

  g_ptr_array_add (labels->names, g_strdup (name));
  g_hash_table_insert (labels->ids, g_steal_pointer (&name), GSIZE_TO_POINTER (labels->names->len));
  return labels->names->len;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *x = medialib_label_key (*(const char **) a);
  g_autofree char *y = medialib_label_key (*(const char **) b);

  return strcmp (x, y);
}

/* The names joined by U+001F in the order of their keys, as refresh() makes them */
static char *
joined_names (Labels              *labels,
              MedialibLabelKind    kind,
              const char * const  *texts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (names, g_ptr_array_index (labels->names, label_id (labels, kind, texts[i]) - 1));
  g_ptr_array_sort (names, compare_keys);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (SEP, (char **) names->pdata);
}

/* COPY's text format: backslash, tab, newline and carriage return escaped */
static void
append_field (GString    *row,
              const char *text)
{
  if (row->len > 0 && row->str[row->len - 1] != '\n')
    g_string_append_c (row, '\t');
  if (text == NULL)
    {
      g_string_append (row, "\\N");
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (row, "\\\\"); break;
      case '\t': g_string_append (row, "\\t"); break;
      case '\n': g_string_append (row, "\\n"); break;
      case '\r': g_string_append (row, "\\r"); break;
      default: g_string_append_c (row, *p); break;
      }
}

static gboolean
exec_ok (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    g_printerr ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

static gboolean
copy_start (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COPY_IN;

  if (!ok)
    g_printerr ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

static gboolean
copy_put (PGconn   *conn,
          GString  *rows,
          gboolean  last)
{
  if (rows->len > 0 && PQputCopyData (conn, rows->str, (int) rows->len) != 1)
    {
      g_printerr ("COPY: %s", PQerrorMessage (conn));
      return FALSE;
    }
  g_string_truncate (rows, 0);
  if (last)
    {
      PGresult *result;
      gboolean ok;

      if (PQputCopyEnd (conn, NULL) != 1)
        {
          g_printerr ("COPY: %s", PQerrorMessage (conn));
          return FALSE;
        }
      result = PQgetResult (conn);
      ok = PQresultStatus (result) == PGRES_COMMAND_OK;
      if (!ok)
        g_printerr ("COPY: %s", PQerrorMessage (conn));
      PQclear (result);
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
      return ok;
    }
  return TRUE;
}

typedef enum { PASS_ASSETS, PASS_TAGS, PASS_TEAMS } Pass;

/* One pass over the COUNT assets, into one table */
static gboolean
copy_pass (PGconn *conn,
           Pass    pass,
           int     count,
           Labels *tags,
           Labels *teams)
{
  static const char *statements[] = {
    "COPY assets (id, name, kind, mime, bytes, width, height, animated, sha256, added, source,"
    " parent, tag_names, team_names, prompt, contact, search_extra, words, added_by) FROM STDIN",
    "COPY asset_tags (asset, label) FROM STDIN",
    "COPY asset_teams (asset, label) FROM STDIN",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  g_autoptr(GString) rows = g_string_new (NULL);

  if (!copy_start (conn, statements[pass]))
    return FALSE;

  for (int i = 0; i < count; i++)
    {
      BenchAsset asset;
      gint64 id = i + 1;

      bench_asset_generate (rand, i, &asset);
      if (pass == PASS_ASSETS)
        {
          g_autofree char *tag_names = joined_names (tags, MEDIALIB_LABEL_TAG, asset.tags);
          g_autofree char *team_names = joined_names (teams, MEDIALIB_LABEL_TEAM, asset.teams);
          g_autofree char *words = NULL;
          g_autoptr(GError) error = NULL;

          if (!(words = medialib_pg_words_document (asset.name, "", tag_names, team_names, &error)))
            {
              g_printerr ("%s\n", error->message);
              return FALSE;
            }
          g_string_append_printf (rows, "%" G_GINT64_FORMAT, id);
          append_field (rows, asset.name);
          append_field (rows, "image");
          append_field (rows, asset.mime);
          g_string_append_printf (rows, "\t%" G_GINT64_FORMAT "\t1200\t800\tf", asset.bytes);
          append_field (rows, asset.sha256);
          g_string_append_printf (rows, "\t%d", ADDED_BASE + i / ASSETS_A_SECOND);
          append_field (rows, "upload");
          append_field (rows, NULL);
          append_field (rows, tag_names);
          append_field (rows, team_names);
          append_field (rows, NULL);
          append_field (rows, NULL);
          append_field (rows, "");
          append_field (rows, words);
          append_field (rows, NULL);
          g_string_append_c (rows, '\n');
        }
      else
        {
          Labels *labels = pass == PASS_TAGS ? tags : teams;
          const char * const *texts = pass == PASS_TAGS ? asset.tags : asset.teams;
          MedialibLabelKind kind = pass == PASS_TAGS ? MEDIALIB_LABEL_TAG : MEDIALIB_LABEL_TEAM;

          for (guint t = 0; texts[t] != NULL; t++)
            g_string_append_printf (rows, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                                    id, label_id (labels, kind, texts[t]));
        }
      bench_asset_clear (&asset);

      if (rows->len > 256 * 1024 && !copy_put (conn, rows, FALSE))
        return FALSE;
    }

  return copy_put (conn, rows, TRUE);
}

static gboolean
copy_labels (PGconn     *conn,
             const char *table,
             Labels     *labels)
{
  g_autofree char *sql = g_strdup_printf ("COPY %s (id, name, key) FROM STDIN", table);
  g_autoptr(GString) rows = g_string_new (NULL);

  if (!copy_start (conn, sql))
    return FALSE;
  for (guint i = 0; i < labels->names->len; i++)
    {
      const char *name = g_ptr_array_index (labels->names, i);
      g_autofree char *key = medialib_label_key (name);

      g_string_append_printf (rows, "%u", i + 1);
      append_field (rows, name);
      append_field (rows, key);
      g_string_append_c (rows, '\n');
    }
  return copy_put (conn, rows, TRUE);
}

/* The labels in the order the assets first name them, each asset's tags before its teams,
 * as add_asset() creates them */
static void
number_labels (int     count,
               Labels *tags,
               Labels *teams)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);

  for (int i = 0; i < count; i++)
    {
      BenchAsset asset;

      bench_asset_generate (rand, i, &asset);
      for (guint t = 0; asset.tags[t] != NULL; t++)
        label_id (tags, MEDIALIB_LABEL_TAG, asset.tags[t]);
      for (guint t = 0; asset.teams[t] != NULL; t++)
        label_id (teams, MEDIALIB_LABEL_TEAM, asset.teams[t]);
      bench_asset_clear (&asset);
    }
}

static int
load (const char *conninfo,
      int         count)
{
  PGconn *conn = PQconnectdb (conninfo);
  Labels tags = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                  g_ptr_array_new_with_free_func (g_free) };
  Labels teams = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                   g_ptr_array_new_with_free_func (g_free) };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_printerr ("%s", PQerrorMessage (conn));
      PQfinish (conn);
      return 1;
    }

  number_labels (count, &tags, &teams);
  ok = exec_ok (conn, "BEGIN") &&
       copy_labels (conn, "tags", &tags) &&
       copy_labels (conn, "teams", &teams) &&
       copy_pass (conn, PASS_ASSETS, count, &tags, &teams) &&
       copy_pass (conn, PASS_TAGS, count, &tags, &teams) &&
       copy_pass (conn, PASS_TEAMS, count, &tags, &teams) &&
       exec_ok (conn, "SELECT setval (pg_get_serial_sequence ('assets', 'id'), max (id)) FROM assets") &&
       exec_ok (conn, "SELECT setval (pg_get_serial_sequence ('tags', 'id'), max (id)) FROM tags") &&
       exec_ok (conn, "SELECT setval (pg_get_serial_sequence ('teams', 'id'), max (id)) FROM teams") &&
       exec_ok (conn, "COMMIT") &&
       exec_ok (conn, "VACUUM ANALYZE assets") &&
       exec_ok (conn, "VACUUM ANALYZE asset_tags") &&
       exec_ok (conn, "VACUUM ANALYZE asset_teams") &&
       exec_ok (conn, "ANALYZE tags") &&
       exec_ok (conn, "ANALYZE teams");

  PQfinish (conn);
  g_hash_table_unref (tags.ids);
  g_hash_table_unref (teams.ids);
  g_ptr_array_unref (tags.names);
  g_ptr_array_unref (teams.names);
  if (!ok)
    return 1;

  printf ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "load"))
    return load (argv[2], atoi (argv[3]));

  g_printerr ("usage: bench-team load CONNINFO COUNT\n");
  return 2;
}
