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

#include "medialib-pg-catalog-private.h"

/*
 * The quota is the company's: every member's generations of a day count against one limit.
 * A generation reserves a slot before it asks the AI service, in a transaction that locks
 * the day's counter row (SELECT … FOR UPDATE), so that twenty people generating at the same
 * moment are counted one after the other: exactly the limit succeed. A generation that
 * fails or is cancelled gives its slot back.
 *
 * A slot taken is a row of quota_reservations until the generation is recorded or given
 * back, with the server process of the connection that took it (pg_backend_pid ()): the
 * pool keeps that connection open as long as the app runs. When the app is killed, or its
 * computer loses the network, the server ends that session, and the next reservation of the
 * day finds the row's session gone from pg_stat_activity (whose pid column every role may
 * read, whoever's session it is) and gives its slot back: a killed
 * generation never holds a slot for the rest of the day. Should a live generation's
 * connection break (the server restarted), its slot may be reclaimed the same way; it is
 * counted again when the generation is recorded, so the count stays the generations made.
 *
 * A day is the client's local calendar day (the
 * one the store's "since", its local midnight, falls in), as in a local library, so each
 * member's quota starts again at their midnight.
 */

#define GENERATION_COLUMNS "id, prompt, model, created, variants"

typedef struct
{
  MedialibPgCatalog     *self;
  const char            *params[4];
  MedialibPgReservation  reservation;  /* id 0: none */
  gint64                 id;
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

  /* Its slot's row goes; if it was reclaimed meanwhile (this connection was lost), the
   * generation is counted again, since it was made */
  if (data->reservation.id > 0)
    {
      g_autoptr(PGresult) taken = NULL;
      MedialibPgInt id_text;
      const char *params[] = { _medialib_pg_int (&id_text, data->reservation.id), data->reservation.day };

      taken = medialib_pg_exec (conn, "WITH taken AS (DELETE FROM quota_reservations WHERE id = $1 RETURNING id)"
                                " UPDATE quota_days SET used = used + 1"
                                " WHERE day = $2::date AND NOT EXISTS (SELECT 1 FROM taken)",
                                2, params, _("The generation could not be recorded"), error);
      if (taken == NULL)
        return FALSE;
    }

  return _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_GENERATIONS, NULL, 0, error);
}

/* The oldest slot this catalog reserved for @day (any day when %NULL), taken off its list;
 * FALSE when there is none */
static gboolean
take_reservation (MedialibPgCatalog     *self,
                  const char            *day,
                  MedialibPgReservation *reservation)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reservations_lock);

  for (guint i = 0; i < self->reservations->len; i++)
    {
      MedialibPgReservation *r = &g_array_index (self->reservations, MedialibPgReservation, i);

      if (day == NULL || g_str_equal (r->day, day))
        {
          *reservation = *r;
          g_array_remove_index (self->reservations, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
put_back_reservation (MedialibPgCatalog           *self,
                      const MedialibPgReservation *reservation)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reservations_lock);

  g_array_prepend_val (self->reservations, *reservation);
}

/* In the slot its reservation took: the day's count does not change */
static gint64
medialib_pg_catalog_record_generation (MedialibCatalog  *catalog,
                                       const char       *prompt,
                                       const char       *model,
                                       guint             variants,
                                       GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autofree char *created = NULL;
  g_autofree char *count = NULL;
  RecordData data = { self, { prompt, model }, { 0 }, 0 };
  gboolean reserved;

  data.params[2] = created = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  data.params[3] = count = g_strdup_printf ("%u", variants);

  reserved = take_reservation (self, NULL, &data.reservation);
  if (!medialib_pg_transaction (self->pg, record_func, &data, error))
    {
      /* Still this catalog's, to give back */
      if (reserved)
        put_back_reservation (self, &data.reservation);
      return 0;
    }

  return data.id;
}

/* Two-key advisory lock: this constant, and the hash of the generation's values */
#define LOCK_CLASS_GENERATIONS "1835361103"

typedef struct
{
  MedialibPgCatalog *self;
  const char        *params[5];
  gboolean           copied;
} CopyData;

static gboolean
copy_func (PGconn   *conn,
           gpointer  user_data,
           GError  **error)
{
  CopyData *data = user_data;
  const char *doing = _("The generation could not be recorded");
  g_autoptr(PGresult) locked = NULL;
  g_autoptr(PGresult) result = NULL;

  /* Two pushes of the same generation at the same moment are counted one after the other */
  locked = medialib_pg_exec (conn,
                             "SELECT pg_advisory_xact_lock (" LOCK_CLASS_GENERATIONS ","
                             " hashtext (current_schema () || $1 || chr (31) || $2 || chr (31) || $3))",
                             3, data->params, doing, error);
  if (locked == NULL)
    return FALSE;

  /* Not the quota's counter: a copied generation is history, not a new one */
  result = medialib_pg_exec (conn,
                             "INSERT INTO generations (prompt, model, created, variants)"
                             " SELECT $1, $2, $3::bigint, $4::integer"
                             " WHERE (SELECT count(*) FROM generations WHERE prompt = $1 AND model = $2"
                             "        AND created = $3::bigint AND variants = $4::integer) < $5::bigint"
                             " RETURNING id",
                             5, data->params, doing, error);
  if (result == NULL)
    return FALSE;

  data->copied = PQntuples (result) > 0;
  if (!data->copied)
    return TRUE;

  /* The other members' generation lists follow */
  return _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_GENERATIONS, NULL, 0, error);
}

static gboolean
medialib_pg_catalog_copy_generation (MedialibCatalog           *catalog,
                                     const MedialibGeneration  *generation,
                                     guint                      nth,
                                     gboolean                  *copied,
                                     GError                   **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, generation->created);
  g_autofree char *variants = g_strdup_printf ("%u", generation->variants);
  g_autofree char *nth_text = g_strdup_printf ("%u", nth);
  CopyData data = { self, { generation->prompt, generation->model, created, variants, nth_text }, FALSE };

  if (!medialib_pg_transaction (self->pg, copy_func, &data, error))
    return FALSE;

  *copied = data.copied;
  return TRUE;
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

/* At most @limit generations, the newest first */
static GPtrArray *
medialib_pg_catalog_list_generations (MedialibCatalog  *catalog,
                                      guint             limit,
                                      GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { limit_text };
  GPtrArray *list;

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

static MedialibGeneration *
medialib_pg_catalog_get_generation (MedialibCatalog  *catalog,
                                    gint64            id,
                                    GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, id) };

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
  MedialibPgCatalog *self;
  char      day[16];   /* YYYY-MM-DD */
  guint     limit;
  gboolean  reserved;
  guint     used;
  gint64    reservation;  /* the row of the slot reserved or given back */
} QuotaData;

/* The local calendar day that @since (a Unix time) falls in */
static void
quota_data_init (QuotaData         *data,
                 MedialibPgCatalog *self,
                 gint64             since,
                 guint              limit)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (since);

  g_snprintf (data->day, sizeof data->day, "%04d-%02d-%02d", g_date_time_get_year (start),
              g_date_time_get_month (start), g_date_time_get_day_of_month (start));
  data->self = self;
  data->limit = limit;
  data->reserved = FALSE;
  data->used = 0;
  data->reservation = 0;
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
  g_autoptr(PGresult) reclaimed = NULL;
  g_autoptr(PGresult) reservation = NULL;
  g_autoptr(PGresult) counted = NULL;

  /* The day's row, made by whoever comes first (the others wait for it, then find it),
   * then locked: every other reservation of the day waits here until this one ends */
  if (!(inserted = medialib_pg_exec (conn, "INSERT INTO quota_days (day, used) VALUES ($1::date, 0)"
                                           " ON CONFLICT (day) DO NOTHING", 1, params, doing, error)) ||
      !(row = medialib_pg_exec (conn, "SELECT used FROM quota_days WHERE day = $1::date FOR UPDATE",
                                1, params, doing, error)))
    return FALSE;

  /* The slots of generations whose session is gone (the app was killed) come back */
  reclaimed = medialib_pg_exec (conn,
                                "WITH gone AS (DELETE FROM quota_reservations r WHERE r.day = $1::date"
                                "   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.backend)"
                                "   RETURNING 1)"
                                " UPDATE quota_days SET used = greatest (used - (SELECT count(*) FROM gone), 0)"
                                " WHERE day = $1::date RETURNING used",
                                1, params, doing, error);
  if (reclaimed == NULL)
    return FALSE;

  data->used = (guint) _medialib_pg_get_int (reclaimed, 0, 0);
  data->reserved = data->limit == 0 || data->used < data->limit;
  if (!data->reserved)
    return TRUE;

  if (!(reservation = medialib_pg_exec (conn, "INSERT INTO quota_reservations (day, backend)"
                                              " VALUES ($1::date, pg_backend_pid ()) RETURNING id",
                                        1, params, doing, error)) ||
      !(counted = medialib_pg_exec (conn, "UPDATE quota_days SET used = used + 1 WHERE day = $1::date",
                                    1, params, doing, error)))
    return FALSE;

  data->reservation = _medialib_pg_get_int (reservation, 0, 0);
  return _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_GENERATIONS, NULL, 0, error);
}

/* The day's count is one row that every reservation locks (SELECT … FOR UPDATE), so that
 * however many members generate at the same moment, they are counted one after the other:
 * exactly the limit succeed. No limit still counts. */
static gboolean
medialib_pg_catalog_reserve_generation (MedialibCatalog  *catalog,
                                        gint64            since,
                                        guint             limit,
                                        gboolean         *reserved,
                                        guint            *used,
                                        GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  QuotaData data;

  quota_data_init (&data, self, since, limit);
  if (!medialib_pg_transaction (self->pg, reserve_func, &data, error))
    return FALSE;

  if (data.reserved)
    {
      MedialibPgReservation reservation = { data.reservation };
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reservations_lock);

      g_strlcpy (reservation.day, data.day, sizeof reservation.day);
      g_array_append_val (self->reservations, reservation);
    }

  *reserved = data.reserved;
  *used = data.used;
  return TRUE;
}

static gboolean
release_func (PGconn   *conn,
              gpointer  user_data,
              GError  **error)
{
  QuotaData *data = user_data;
  MedialibPgInt id_text;
  const char *params[] = { data->day, _medialib_pg_int (&id_text, data->reservation) };
  g_autoptr(PGresult) result = NULL;

  /* Only a slot still reserved: one reclaimed meanwhile was given back already */
  result = medialib_pg_exec (conn,
                             "WITH given AS (DELETE FROM quota_reservations WHERE id = $2::bigint RETURNING id)"
                             " UPDATE quota_days SET used = used - 1"
                             " WHERE day = $1::date AND used > 0 AND EXISTS (SELECT 1 FROM given)",
                             2, params, _("A generation could not be given back to the daily limit"), error);

  return result != NULL &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_GENERATIONS, NULL, 0, error);
}

static void
medialib_pg_catalog_release_generation (MedialibCatalog *catalog,
                                        gint64           since)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(GError) error = NULL;
  MedialibPgReservation reservation = { 0 };
  QuotaData data;

  /* Nothing to give back when this catalog reserved nothing that day */
  quota_data_init (&data, self, since, 0);
  if (!take_reservation (self, data.day, &reservation))
    return;

  data.reservation = reservation.id;
  if (!medialib_pg_transaction (self->pg, release_func, &data, &error))
    g_warning ("A slot of the daily limit stays taken until this app quits: %s", error->message);
}

/* The generations counted in the day @since falls in: the reserved ones, whether they are
 * recorded yet or still under way, by every member of the company */
static gboolean
medialib_pg_catalog_count_generations (MedialibCatalog  *catalog,
                                       gint64            since,
                                       guint            *count,
                                       GError          **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autoptr(PGresult) result = NULL;
  QuotaData data;
  const char *params[1];

  quota_data_init (&data, self, since, 0);
  params[0] = data.day;
  /* Without the slots of generations whose session is gone, which the next reservation
   * gives back */
  result = medialib_pg_query (self->pg,
                              "SELECT greatest (coalesce ((SELECT used FROM quota_days WHERE day = $1::date), 0)"
                              " - (SELECT count(*) FROM quota_reservations r WHERE r.day = $1::date"
                              "    AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.backend)), 0)",
                              1, params, _("The library database could not be read"), error);
  if (result == NULL)
    return FALSE;

  *count = (guint) _medialib_pg_get_int (result, 0, 0);
  return TRUE;
}

void
_medialib_pg_catalog_init_generations (MedialibCatalogInterface *iface)
{
  iface->list_generations = medialib_pg_catalog_list_generations;
  iface->get_generation = medialib_pg_catalog_get_generation;
  iface->count_generations = medialib_pg_catalog_count_generations;
  iface->reserve_generation = medialib_pg_catalog_reserve_generation;
  iface->release_generation = medialib_pg_catalog_release_generation;
  iface->record_generation = medialib_pg_catalog_record_generation;
  iface->copy_generation = medialib_pg_catalog_copy_generation;
}
