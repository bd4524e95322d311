/* medialib-pg-catalog-labels.c — a team library's catalog: tags and teams added to or removed
 * from many assets in one transaction
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
 * The same locks as an edit (medialib-pg-catalog-edit.c): the label lock first (exclusive
 * when a tag may go away), then the assets' rows in the order of their ids. One statement
 * per change, whatever the number of assets; RETURNING tells which rows it really changed.
 */

typedef struct
{
  MedialibPgCatalog *self;
  GPtrArray         *changes;
  GPtrArray         *done;     /* set by each run: a conflict runs the work again */
} ChangeData;

/* Locks the rows of @ids; each must exist */
static gboolean
lock_assets (PGconn  *conn,
             GArray  *ids,
             GError **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *array = _medialib_pg_ids_array ((const gint64 *) ids->data, ids->len);
  const char *params[] = { array };
  g_autoptr(GHashTable) found = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *values = NULL;

  result = medialib_pg_exec (conn, "SELECT id FROM assets WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE",
                             1, params, _("The library database could not be updated"), error);
  if (result == NULL)
    return FALSE;
  if ((guint) PQntuples (result) == ids->len)
    return TRUE;

  values = g_new (gint64, PQntuples (result) + 1);
  for (int i = 0; i < PQntuples (result); i++)
    {
      values[i] = _medialib_pg_get_int (result, i, 0);
      g_hash_table_add (found, &values[i]);
    }
  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_contains (found, &g_array_index (ids, gint64, i)))
      {
        _medialib_catalog_not_found (error, g_array_index (ids, gint64, i));
        return FALSE;
      }

  return TRUE;
}

/* One change: the assets it changed, or NULL on error */
static MedialibLabelChange *
apply (PGconn                     *conn,
       const MedialibLabelChange  *change,
       GError                    **error)
{
  const char *doing = _("The library database could not be updated");
  g_autofree char *name = medialib_label_normalize (change->kind, change->name, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *array = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(MedialibLabelChange) done = NULL;
  MedialibPgInt label_text;
  const char *params[2];

  if (name == NULL)
    return NULL;
  key = medialib_label_key (name);
  params[0] = array = _medialib_pg_ids_array ((const gint64 *) change->ids->data, change->ids->len);

  if (change->add)
    {
      gint64 label = _medialib_pg_ensure_label (conn, change->kind, name, error);

      if (label == 0)
        return NULL;
      params[1] = _medialib_pg_int (&label_text, label);
      sql = g_strdup_printf ("INSERT INTO %s (asset, label) SELECT unnest ($1::bigint[]), $2::bigint"
                             " ON CONFLICT DO NOTHING RETURNING asset",
                             _medialib_pg_label_link_table (change->kind));
    }
  else
    {
      g_autoptr(PGresult) spelled = NULL;
      g_autofree char *find = g_strdup_printf ("SELECT name FROM %s WHERE key = $1", _medialib_pg_label_table (change->kind));
      const char *find_params[] = { key };

      /* Its name as the library spells it: the undo adds it back so */
      if (!(spelled = medialib_pg_exec (conn, find, 1, find_params, doing, error)))
        return NULL;
      if (PQntuples (spelled) > 0)
        g_set_str (&name, PQgetvalue (spelled, 0, 0));

      params[1] = key;
      sql = g_strdup_printf ("DELETE FROM %s WHERE asset = ANY ($1::bigint[])"
                             " AND label = (SELECT id FROM %s WHERE key = $2) RETURNING asset",
                             _medialib_pg_label_link_table (change->kind), _medialib_pg_label_table (change->kind));
    }

  if (!(result = medialib_pg_exec (conn, sql, 2, params, doing, error)))
    return NULL;

  done = medialib_label_change_new (change->kind, name, change->add, NULL, 0);
  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = _medialib_pg_get_int (result, i, 0);

      g_array_append_val (done->ids, id);
    }

  return g_steal_pointer (&done);
}

static gboolean
change_func (PGconn   *conn,
             gpointer  user_data,
             GError  **error)
{
  ChangeData *data = user_data;
  g_autoptr(GArray) ids = medialib_label_changes_dup_ids (data->changes);
  g_autoptr(GPtrArray) done = medialib_label_changes_new ();
  g_autoptr(GArray) changed = NULL;
  gboolean removes = medialib_label_changes_removes (data->changes);

  if (ids->len == 0)
    goto out;

  if (!_medialib_pg_lock_labels (conn, removes, error) || !lock_assets (conn, ids, error))
    return FALSE;

  for (guint i = 0; i < data->changes->len; i++)
    {
      MedialibLabelChange *one = apply (conn, g_ptr_array_index (data->changes, i), error);

      if (one == NULL)
        return FALSE;
      g_ptr_array_add (done, one);
    }

  changed = medialib_label_changes_dup_ids (done);
  if (!_medialib_pg_refresh (conn, (const gint64 *) changed->data, changed->len, removes, error) ||
      !_medialib_pg_catalog_notify (data->self, conn, _medialib_catalog_label_changes (done), error))
    return FALSE;

out:
  g_clear_pointer (&data->done, g_ptr_array_unref);
  data->done = g_steal_pointer (&done);
  return TRUE;
}

GPtrArray *
_medialib_pg_catalog_change_labels (MedialibCatalog  *catalog,
                                    GPtrArray        *changes,
                                    GError          **error)
{
  ChangeData data = { MEDIALIB_PG_CATALOG (catalog), changes, NULL };

  if (!medialib_pg_transaction (data.self->pg, change_func, &data, error))
    {
      g_clear_pointer (&data.done, g_ptr_array_unref);
      return NULL;
    }

  return data.done;
}
