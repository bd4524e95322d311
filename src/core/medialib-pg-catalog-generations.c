/* medialib-pg-catalog-generations.c — a team library's generations of images, and the
 * company's daily quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-generation.h"
#include "medialib-pg-catalog-private.h"

/*
 * The quota is the company's: every member's generations of a day count against one limit.
 * A generation reserves a slot before it asks the AI service, in a transaction that locks
 * the day's counter row (SELECT … FOR UPDATE), so that twenty people generating at the same
 * moment are counted one after the other: exactly the limit succeed. A generation that
 * fails or is cancelled gives its slot back. A day is the client's local calendar day, as
 * in a local library, so each member's quota starts again at their midnight.
 */

#define GENERATION_COLUMNS "id, prompt, model, created, variants"

typedef struct
{
  const char *params[4];
  gint64      id;
} RecordData;

static gboolean
record_func (PGconn   *conn,
             gpointer  user_data,
             GError  **error)
{
  RecordData *data = user_data;
  g_autoptr(PGresult) result = NULL;

  result = medialib_pg_exec (conn,
                             "INSERT INTO generations (prompt, model, created, variants)"
                             " VALUES ($1, $2, $3, $4) RETURNING id",
                             4, data->params, _("The generation could not be recorded"), error);
  if (result == NULL)
    return FALSE;

  data->id = _medialib_pg_get_int (result, 0, 0);
  return TRUE;
}

/**
 * medialib_pg_catalog_record_generation:
 *
 * Returns: the new generation's id, or 0 with @error set
 */
gint64
medialib_pg_catalog_record_generation (MedialibPgCatalog  *self,
                                       const char         *prompt,
                                       const char         *model,
                                       guint               variants,
                                       GError            **error)
{
  g_autofree char *created = NULL;
  g_autofree char *count = NULL;
  RecordData data = { { prompt, model }, 0 };

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), 0);
  g_return_val_if_fail (prompt != NULL && model != NULL, 0);

  data.params[2] = created = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  data.params[3] = count = g_strdup_printf ("%u", variants);

  if (!medialib_pg_transaction (self->pg, record_func, &data, error))
    return 0;

  return data.id;
}

/**
 * medialib_pg_catalog_count_generations_since:
 * @since: Unix time
 *
 * Returns: the generations recorded since @since, or -1 with @error set
 */
gint64
medialib_pg_catalog_count_generations_since (MedialibPgCatalog  *self,
                                             gint64              since,
                                             GError            **error)
{
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt since_text;
  const char *params[] = { _medialib_pg_int (&since_text, since) };

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), -1);

  result = medialib_pg_query (self->pg, "SELECT count(*) FROM generations WHERE created >= $1", 1, params,
                              _("The library database could not be read"), error);

  return result != NULL ? _medialib_pg_get_int (result, 0, 0) : -1;
}

static MedialibGeneration *
generation_from_row (const PGresult *result,
                     int             row)
{
  MedialibGeneration *generation = g_new0 (MedialibGeneration, 1);

  generation->id = _medialib_pg_get_int (result, row, 0);
  generation->prompt = g_strdup (PQgetvalue (result, row, 1));
  generation->model = g_strdup (PQgetvalue (result, row, 2));
  generation->created = _medialib_pg_get_int (result, row, 3);
  generation->variants = (guint) _medialib_pg_get_int (result, row, 4);

  return generation;
}

/**
 * medialib_pg_catalog_list_generations:
 *
 * Returns: (transfer full) (element-type MedialibGeneration) (nullable): at most @limit
 *   generations, the newest first
 */
GPtrArray *
medialib_pg_catalog_list_generations (MedialibPgCatalog  *self,
                                      guint               limit,
                                      GError            **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { limit_text };
  GPtrArray *list;

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = medialib_pg_query (self->pg,
                              "SELECT " GENERATION_COLUMNS " FROM generations"
                              " ORDER BY created DESC, id DESC LIMIT $1::bigint",
                              1, params, _("The library database could not be read"), error);
  if (result == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_generation_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (list, generation_from_row (result, i));

  return list;
}

/**
 * medialib_pg_catalog_get_generation:
 *
 * Returns: (transfer full) (nullable): the generation, or %NULL with %G_IO_ERROR_NOT_FOUND
 *   (or a %MEDIALIB_PG_ERROR)
 */
MedialibGeneration *
medialib_pg_catalog_get_generation (MedialibPgCatalog  *self,
                                    gint64              id,
                                    GError            **error)
{
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, id) };

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = medialib_pg_query (self->pg, "SELECT " GENERATION_COLUMNS " FROM generations WHERE id = $1",
                              1, params, _("The library database could not be read"), error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no generation %s"), id_text.text);
      return NULL;
    }

  return generation_from_row (result, 0);
}

/* --- The daily quota --------------------------------------------------------------------- */

typedef struct
{
  char   day[16];     /* YYYY-MM-DD */
  GDate  date;
  guint  limit;
  guint  used;
} QuotaData;

static void
quota_data_init (QuotaData   *data,
                 const GDate *day,
                 guint        limit)
{
  g_date_clear (&data->date, 1);

  if (day != NULL)
    data->date = *day;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&data->date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }

  g_snprintf (data->day, sizeof data->day, "%04u-%02u-%02u", g_date_get_year (&data->date),
              g_date_get_month (&data->date), g_date_get_day (&data->date));
  data->limit = limit;
  data->used = 0;
}

static void
set_quota_error (QuotaData  *data,
                 GError    **error)
{
  g_autofree char *text = NULL;
  MedialibQuota quota = { data->used, data->limit, NULL };
  GDate next = data->date;

  g_date_add_days (&next, 1);
  quota.resets = g_date_time_new_local (g_date_get_year (&next), g_date_get_month (&next),
                                        g_date_get_day (&next), 0, 0, 0);
  text = medialib_quota_describe (&quota);
  medialib_quota_clear (&quota);

  g_set_error_literal (error, MEDIALIB_AI_ERROR, MEDIALIB_AI_ERROR_QUOTA, text);
}

static gboolean
reserve_func (PGconn   *conn,
              gpointer  user_data,
              GError  **error)
{
  QuotaData *data = user_data;
  const char *doing = _("A generation could not be counted against the daily limit");
  const char *params[] = { data->day };
  g_autoptr(PGresult) inserted = NULL;
  g_autoptr(PGresult) row = NULL;
  g_autoptr(PGresult) counted = NULL;

  /* The day's row, made by whoever comes first (the others wait for it, then find it),
   * then locked: every other reservation of the day waits here until this one ends */
  if (!(inserted = medialib_pg_exec (conn, "INSERT INTO quota_days (day, used) VALUES ($1::date, 0)"
                                           " ON CONFLICT (day) DO NOTHING", 1, params, doing, error)) ||
      !(row = medialib_pg_exec (conn, "SELECT used FROM quota_days WHERE day = $1::date FOR UPDATE",
                                1, params, doing, error)))
    return FALSE;

  data->used = (guint) _medialib_pg_get_int (row, 0, 0);
  if (data->limit > 0 && data->used >= data->limit)
    {
      set_quota_error (data, error);
      return FALSE;
    }

  if (!(counted = medialib_pg_exec (conn, "UPDATE quota_days SET used = used + 1 WHERE day = $1::date RETURNING used",
                                    1, params, doing, error)))
    return FALSE;

  data->used = (guint) _medialib_pg_get_int (counted, 0, 0);
  return TRUE;
}

/**
 * medialib_pg_catalog_reserve_generation:
 * @day: (nullable): the day to count in; %NULL for today, in local time
 * @limit: the company's daily limit; 0 for none (the generation is still counted)
 * @used: (out) (optional): the day's generations, this one included
 *
 * Takes one of the day's generations before asking for one. When the limit is reached,
 * fails with %MEDIALIB_AI_ERROR_QUOTA, the same error as a local library's, and counts
 * nothing. Give the slot back with medialib_pg_catalog_release_generation() when the
 * generation fails or is cancelled.
 */
gboolean
medialib_pg_catalog_reserve_generation (MedialibPgCatalog  *self,
                                        const GDate        *day,
                                        guint               limit,
                                        guint              *used,
                                        GError            **error)
{
  QuotaData data;

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), FALSE);
  g_return_val_if_fail (day == NULL || g_date_valid (day), FALSE);

  quota_data_init (&data, day, limit);
  if (!medialib_pg_transaction (self->pg, reserve_func, &data, error))
    return FALSE;

  if (used != NULL)
    *used = data.used;

  return TRUE;
}

static gboolean
release_func (PGconn   *conn,
              gpointer  user_data,
              GError  **error)
{
  QuotaData *data = user_data;
  const char *params[] = { data->day };
  g_autoptr(PGresult) result = NULL;

  result = medialib_pg_exec (conn, "UPDATE quota_days SET used = used - 1 WHERE day = $1::date AND used > 0",
                             1, params, _("A generation could not be given back to the daily limit"), error);

  return result != NULL;
}

/**
 * medialib_pg_catalog_release_generation:
 * @day: (nullable): the day the slot was reserved in (%NULL: today, in local time)
 *
 * Gives back a slot that medialib_pg_catalog_reserve_generation() took, for a generation
 * that failed or was cancelled.
 */
gboolean
medialib_pg_catalog_release_generation (MedialibPgCatalog  *self,
                                        const GDate        *day,
                                        GError            **error)
{
  QuotaData data;

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), FALSE);
  g_return_val_if_fail (day == NULL || g_date_valid (day), FALSE);

  quota_data_init (&data, day, 0);

  return medialib_pg_transaction (self->pg, release_func, &data, error);
}

/**
 * medialib_pg_catalog_get_reserved:
 * @day: (nullable): the day (%NULL: today, in local time)
 * @used: (out): the generations counted in @day
 */
gboolean
medialib_pg_catalog_get_reserved (MedialibPgCatalog  *self,
                                  const GDate        *day,
                                  guint              *used,
                                  GError            **error)
{
  g_autoptr(PGresult) result = NULL;
  QuotaData data;
  const char *params[1];

  g_return_val_if_fail (MEDIALIB_IS_PG_CATALOG (self), FALSE);
  g_return_val_if_fail (day == NULL || g_date_valid (day), FALSE);
  g_return_val_if_fail (used != NULL, FALSE);

  quota_data_init (&data, day, 0);
  params[0] = data.day;
  result = medialib_pg_query (self->pg, "SELECT coalesce ((SELECT used FROM quota_days WHERE day = $1::date), 0)",
                              1, params, _("The library database could not be read"), error);
  if (result == NULL)
    return FALSE;

  *used = (guint) _medialib_pg_get_int (result, 0, 0);
  return TRUE;
}
