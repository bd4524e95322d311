/* medialib-pg-catalog-edit.c — a team library's catalog: adding rows, tags and teams, edits
 * and deletions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-pg-catalog-private.h"
#include "medialib-pg-words.h"

/*
 * The catalog's contract (medialib-catalog.c), each operation one transaction.
 * Concurrency, which a local library does not have: a transaction that changes an asset
 * first locks its row (FOR UPDATE), so that the tag and team names kept on the row and its
 * search words are computed from links no one else is changing; label changes take the
 * advisory lock of _medialib_pg_lock_labels() before any row.
 */

/* "{"a","b"}": a text[] parameter */
static char *
text_array (GPtrArray *values)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      g_string_append (text, i > 0 ? ",\"" : "\"");
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *p);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

/* The tag and team names kept on the rows of @ids, and their search words, made again from
 * their name, extra words and links. Two statements, however many assets. */
static gboolean
refresh (PGconn        *conn,
         const gint64  *ids,
         guint          n_ids,
         GError       **error)
{
  const char *doing = _("The library's search index could not be updated");
  g_autoptr(PGresult) locked = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(PGresult) done = NULL;
  g_autoptr(GPtrArray) row_ids = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *ids_text = NULL;
  g_autofree char *ids_param = NULL;
  g_autofree char *documents_param = NULL;
  const char *params[2];

  if (n_ids == 0)
    return TRUE;

  /* Rows locked in one order; then a new snapshot sees every committed link */
  params[0] = ids_text = _medialib_pg_ids_array (ids, n_ids);
  locked = medialib_pg_exec (conn, "SELECT id FROM assets WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE",
                             1, params, doing, error);
  if (locked == NULL)
    return FALSE;

  rows = medialib_pg_exec (conn,
                           "UPDATE assets a SET"
                           " tag_names = coalesce ((SELECT string_agg (l.name, chr (31) ORDER BY l.key)"
                           "   FROM asset_tags x JOIN tags l ON l.id = x.label WHERE x.asset = a.id), ''),"
                           " team_names = coalesce ((SELECT string_agg (l.name, chr (31) ORDER BY l.key)"
                           "   FROM asset_teams x JOIN teams l ON l.id = x.label WHERE x.asset = a.id), '')"
                           " WHERE a.id = ANY ($1::bigint[])"
                           /* the alt text's words go with the name's, as locally */
                           " RETURNING a.id, a.name, a.search_extra || ' ' || coalesce (a.alt, ''),"
                           " a.tag_names, a.team_names",
                           1, params, doing, error);
  if (rows == NULL)
    return FALSE;

  row_ids = g_ptr_array_new_with_free_func (g_free);
  documents = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (rows); i++)
    {
      char *document = medialib_pg_words_document (PQgetvalue (rows, i, 1), PQgetvalue (rows, i, 2),
                                                   PQgetvalue (rows, i, 3), PQgetvalue (rows, i, 4),
                                                   error);

      if (document == NULL)
        return FALSE;
      g_ptr_array_add (row_ids, g_strdup (PQgetvalue (rows, i, 0)));
      g_ptr_array_add (documents, document);
    }

  params[0] = ids_param = text_array (row_ids);
  params[1] = documents_param = text_array (documents);
  done = medialib_pg_exec (conn,
                           "UPDATE assets a SET words = w.words::tsvector"
                           " FROM unnest ($1::bigint[], $2::text[]) AS w (id, words) WHERE a.id = w.id",
                           2, params, doing, error);

  return done != NULL;
}

/* The id of a label, made when missing (the first spelling is kept), or 0 on error */
static gint64
ensure_label (PGconn             *conn,
              MedialibLabelKind   kind,
              const char         *text,
              GError            **error)
{
  const char *doing = _("The library database could not be updated");
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *find = NULL;
  g_autofree char *insert = NULL;
  const char *params[2];

  if (name == NULL)
    return 0;

  params[0] = key = medialib_label_key (name);
  params[1] = name;
  find = g_strdup_printf ("SELECT id FROM %s WHERE key = $1", _medialib_pg_label_table (kind));
  insert = g_strdup_printf ("INSERT INTO %s (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id",
                            _medialib_pg_label_table (kind));

  /* Found; else made; else made meanwhile by someone else, and found */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PGresult) result = medialib_pg_exec (conn, i == 1 ? insert : find, i == 1 ? 2 : 1,
                                                     params, doing, error);

      if (result == NULL)
        return 0;
      if (PQntuples (result) > 0)
        return _medialib_pg_get_int (result, 0, 0);
    }

  g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONFLICT,
               _("%s: another change was made at the same time. Try again"), doing);
  return 0;
}

static gboolean
link_labels (PGconn              *conn,
             gint64               id,
             MedialibLabelKind    kind,
             const char * const  *names,
             gboolean             add,
             GError             **error)
{
  const char *doing = _("The library database could not be updated");
  g_autofree char *sql = NULL;
  MedialibPgInt id_text;

  if (names == NULL)
    return TRUE;

  if (add)
    sql = g_strdup_printf ("INSERT INTO %s (asset, label) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                           _medialib_pg_label_link_table (kind));
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE asset = $1 AND label = (SELECT id FROM %s WHERE key = $2)",
                           _medialib_pg_label_link_table (kind), _medialib_pg_label_table (kind));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(PGresult) result = NULL;
      g_autofree char *second = NULL;
      const char *params[2];

      if (add)
        {
          gint64 label = ensure_label (conn, kind, names[i], error);
          MedialibPgInt label_text;

          if (label == 0)
            return FALSE;
          second = g_strdup (_medialib_pg_int (&label_text, label));
        }
      else
        {
          g_autofree char *name = medialib_label_normalize (kind, names[i], error);

          if (name == NULL)
            return FALSE;
          second = medialib_label_key (name);
        }

      params[0] = _medialib_pg_int (&id_text, id);
      params[1] = second;
      if (!(result = medialib_pg_exec (conn, sql, 2, params, doing, error)))
        return FALSE;
    }

  return TRUE;
}

/* Tags are labels in use: one that no asset carries any more goes away. Teams stay. Only
 * under the exclusive label lock. */
static gboolean
drop_unused_tags (PGconn  *conn,
                  GError **error)
{
  g_autoptr(PGresult) result = NULL;

  result = medialib_pg_exec (conn, "DELETE FROM tags t WHERE NOT EXISTS (SELECT 1 FROM asset_tags x WHERE x.label = t.id)",
                             0, NULL, _("The library database could not be updated"), error);

  return result != NULL;
}

static gboolean
has_names (const char * const *names)
{
  return names != NULL && names[0] != NULL;
}

/* --- Adding ------------------------------------------------------------------------------ */

typedef struct
{
  MedialibPgCatalog      *self;
  const MedialibNewAsset *assets;
  guint                   n_assets;
  MedialibAddedAsset     *added;   /* n_assets */
} AddData;

/* One asset of a batch, in the batch's transaction */
static gboolean
add_asset (PGconn                  *conn,
           const MedialibNewAsset  *asset,
           gint64                   now,
           MedialibAddedAsset      *added,
           GError                 **error)
{
  const char *doing = _("The asset could not be added to the library database");
  const char *find_params[] = { asset->sha256 };
  g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, asset->bytes);
  g_autofree char *width = g_strdup_printf ("%d", asset->width);
  g_autofree char *height = g_strdup_printf ("%d", asset->height);
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, asset->added > 0 ? asset->added : now);
  g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, asset->parent);
  g_autofree char *phash = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) asset->phash);
  const char *params[] = {
    asset->name, medialib_asset_kind_to_string (asset->kind), asset->mime, bytes,
    asset->width > 0 && asset->height > 0 ? width : NULL,
    asset->width > 0 && asset->height > 0 ? height : NULL,
    asset->animated ? "t" : "f", asset->sha256, when, asset->source,
    asset->parent > 0 ? parent : NULL, asset->contact,
    asset->search_extra ? asset->search_extra : "", asset->added_by,
    asset->has_phash && asset->kind == MEDIALIB_ASSET_KIND_IMAGE ? phash : NULL, asset->palette,
  };

  /* The same content is there already (added earlier in this batch, perhaps): that row,
   * whose labels grow; else a new row, unless another transaction added the same content
   * meanwhile */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PGresult) result = NULL;

      if (i == 1)
        result = medialib_pg_exec (conn,
                                   "INSERT INTO assets (name, kind, mime, bytes, width, height, animated,"
                                   " sha256, added, source, parent, contact, search_extra, added_by, phash, palette)"
                                   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
                                   " ON CONFLICT (sha256) DO NOTHING RETURNING id, name",
                                   G_N_ELEMENTS (params), params, doing, error);
      else
        result = medialib_pg_exec (conn, "SELECT id, name FROM assets WHERE sha256 = $1 FOR UPDATE",
                                   1, find_params, doing, error);
      if (result == NULL)
        return FALSE;

      if (PQntuples (result) > 0)
        {
          added->id = _medialib_pg_get_int (result, 0, 0);
          added->duplicate = i != 1;
          added->name = g_strdup (PQgetvalue (result, 0, 1));
          break;
        }
    }

  if (added->id == 0)
    {
      g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONFLICT,
                   _("%s: another change was made at the same time. Try again"), doing);
      return FALSE;
    }

  return link_labels (conn, added->id, MEDIALIB_LABEL_TAG, asset->tags, TRUE, error) &&
         link_labels (conn, added->id, MEDIALIB_LABEL_TEAM, asset->teams, TRUE, error) &&
         refresh (conn, &added->id, 1, error);
}

static void
clear_added (AddData *data)
{
  for (guint i = 0; i < data->n_assets; i++)
    medialib_added_asset_clear (&data->added[i]);
  memset (data->added, 0, data->n_assets * sizeof *data->added);
}

static gboolean
add_assets_func (PGconn   *conn,
                 gpointer  user_data,
                 GError  **error)
{
  AddData *data = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean labels = FALSE;

  /* Run again after a conflict: from the start */
  clear_added (data);

  for (guint i = 0; i < data->n_assets; i++)
    labels |= has_names (data->assets[i].tags) || has_names (data->assets[i].teams);
  if (labels && !_medialib_pg_lock_labels (conn, FALSE, error))
    return FALSE;

  for (guint i = 0; i < data->n_assets; i++)
    if (!add_asset (conn, &data->assets[i], now, &data->added[i], error))
      return FALSE;

  return _medialib_pg_catalog_notify (data->self, conn,
                                      _medialib_catalog_add_changes (data->assets, data->n_assets, data->added),
                                      error);
}

/* The whole batch in one transaction */
static gboolean
medialib_pg_catalog_add_assets (MedialibCatalog         *catalog,
                                const MedialibNewAsset  *assets,
                                guint                    n_assets,
                                MedialibAddedAsset      *added,
                                GError                 **error)
{
  MedialibPgCatalog *self = MEDIALIB_PG_CATALOG (catalog);
  g_autofree MedialibAddedAsset *made = g_new0 (MedialibAddedAsset, MAX (n_assets, 1));
  AddData data = { self, assets, n_assets, made };

  if (n_assets == 0)
    return TRUE;

  if (!medialib_pg_transaction (self->pg, add_assets_func, &data, error))
    {
      clear_added (&data);
      return FALSE;
    }

  memcpy (added, made, n_assets * sizeof *made);
  return TRUE;
}

/* --- Editing ----------------------------------------------------------------------------- */

static gboolean
lock_asset (PGconn  *conn,
            gint64   id,
            GError **error)
{
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, id) };

  result = medialib_pg_exec (conn, "SELECT 1 FROM assets WHERE id = $1 FOR UPDATE", 1, params,
                             _("The library database could not be updated"), error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      _medialib_catalog_not_found (error, id);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  MedialibPgCatalog  *self;
  gint64              id;
  const MedialibEdit *edit;
} EditData;

static gboolean
edit_func (PGconn   *conn,
           gpointer  user_data,
           GError  **error)
{
  EditData *data = user_data;
  const MedialibEdit *edit = data->edit;
  gboolean removes = has_names (edit->remove_tags) || has_names (edit->remove_teams);
  gboolean adds = has_names (edit->add_tags) || has_names (edit->add_teams);

  if ((removes || adds) && !_medialib_pg_lock_labels (conn, removes, error))
    return FALSE;

  if (!lock_asset (conn, data->id, error))
    return FALSE;

  if (edit->rename != NULL)
    {
      g_autoptr(PGresult) result = NULL;
      MedialibPgInt id_text;
      const char *params[] = { edit->rename, _medialib_pg_int (&id_text, data->id) };

      if (!(result = medialib_pg_exec (conn, "UPDATE assets SET name = $1 WHERE id = $2", 2, params,
                                       _("The asset could not be renamed"), error)))
        return FALSE;
    }

  if (edit->alt != NULL)
    {
      g_autoptr(PGresult) result = NULL;
      MedialibPgInt id_text;
      const char *params[] = { edit->alt, _medialib_pg_int (&id_text, data->id) };

      if (!(result = medialib_pg_exec (conn, "UPDATE assets SET alt = nullif ($1, '') WHERE id = $2", 2, params,
                                       _("The alt text could not be saved"), error)))
        return FALSE;
    }

  return link_labels (conn, data->id, MEDIALIB_LABEL_TAG, edit->remove_tags, FALSE, error) &&
         link_labels (conn, data->id, MEDIALIB_LABEL_TEAM, edit->remove_teams, FALSE, error) &&
         link_labels (conn, data->id, MEDIALIB_LABEL_TAG, edit->add_tags, TRUE, error) &&
         link_labels (conn, data->id, MEDIALIB_LABEL_TEAM, edit->add_teams, TRUE, error) &&
         (!removes || drop_unused_tags (conn, error)) &&
         refresh (conn, &data->id, 1, error) &&
         _medialib_pg_catalog_notify (data->self, conn, _medialib_catalog_edit_changes (data->id, edit), error);
}

static gboolean
medialib_pg_catalog_edit (MedialibCatalog     *catalog,
                          gint64               id,
                          const MedialibEdit  *edit,
                          GError             **error)
{
  EditData data = { MEDIALIB_PG_CATALOG (catalog), id, edit };

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, edit_func, &data, error);
}

typedef struct
{
  MedialibPgCatalog *self;
  gint64             id;
  char              *prompt;
} PromptData;

static gboolean
set_prompt_func (PGconn   *conn,
                 gpointer  user_data,
                 GError  **error)
{
  PromptData *data = user_data;
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt id_text;
  const char *params[] = { data->prompt, _medialib_pg_int (&id_text, data->id) };

  result = medialib_pg_exec (conn, "UPDATE assets SET prompt = $1 WHERE id = $2", 2, params,
                             _("The library database could not be updated"), error);

  return result != NULL &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_ASSETS_CHANGED, &data->id, 1, error);
}

/* An asset made from a generation keeps its prompt */
static gboolean
medialib_pg_catalog_set_prompt (MedialibCatalog  *catalog,
                                gint64            id,
                                const char       *prompt,
                                GError          **error)
{
  PromptData data = { MEDIALIB_PG_CATALOG (catalog), id, (char *) prompt };

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, set_prompt_func, &data, error);
}

/* --- Labels ------------------------------------------------------------------------------ */

static gint64
find_label (PGconn             *conn,
            MedialibLabelKind   kind,
            const char         *text,
            GError            **error)
{
  g_autofree char *name = medialib_label_normalize (kind, text, error);
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[1];

  if (name == NULL)
    return 0;

  params[0] = key = medialib_label_key (name);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE key = $1", _medialib_pg_label_table (kind));
  if (!(result = medialib_pg_exec (conn, sql, 1, params, _("The library database could not be read"), error)))
    return 0;

  if (PQntuples (result) > 0)
    return _medialib_pg_get_int (result, 0, 0);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               kind == MEDIALIB_LABEL_TAG ? _("There is no tag “%s”") : _("There is no team “%s”"),
               name);
  return 0;
}

/* The assets that carry @label */
static GArray *
label_assets (PGconn             *conn,
              MedialibLabelKind   kind,
              gint64              label,
              GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT asset FROM %s WHERE label = $1", _medialib_pg_label_link_table (kind));
  g_autoptr(PGresult) result = NULL;
  MedialibPgInt label_text;
  const char *params[] = { _medialib_pg_int (&label_text, label) };
  GArray *ids;

  if (!(result = medialib_pg_exec (conn, sql, 1, params, _("The library database could not be read"), error)))
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PQntuples (result));
  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = _medialib_pg_get_int (result, i, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

typedef struct
{
  MedialibPgCatalog *self;
  MedialibLabelKind  kind;
  const char        *name;
  const char        *new_name;  /* normalized; NULL to create or delete */
  gboolean           delete;
} LabelData;

static gboolean
create_label_func (PGconn   *conn,
                   gpointer  user_data,
                   GError  **error)
{
  LabelData *data = user_data;

  return _medialib_pg_lock_labels (conn, FALSE, error) && ensure_label (conn, data->kind, data->name, error) != 0 &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_LABELS, NULL, 0, error);
}

static gboolean
medialib_pg_catalog_create_label (MedialibCatalog    *catalog,
                                  MedialibLabelKind   kind,
                                  const char         *name,
                                  GError            **error)
{
  LabelData data = { MEDIALIB_PG_CATALOG (catalog), kind, name, NULL, FALSE };

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, create_label_func, &data, error);
}

static gboolean
change_label_func (PGconn   *conn,
                   gpointer  user_data,
                   GError  **error)
{
  LabelData *data = user_data;
  const char *doing = _("The library database could not be updated");
  const char *table = _medialib_pg_label_table (data->kind);
  const char *links = _medialib_pg_label_link_table (data->kind);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *key = NULL;
  MedialibPgInt label_text, other_text;
  gint64 label, other = 0;

  if (!_medialib_pg_lock_labels (conn, TRUE, error) ||
      (label = find_label (conn, data->kind, data->name, error)) == 0 ||
      !(ids = label_assets (conn, data->kind, label, error)))
    return FALSE;

  if (data->new_name != NULL)
    other = find_label (conn, data->kind, data->new_name, NULL);

  if (data->delete || (other != 0 && other != label))
    {
      /* Deleted, or merged: the links move onto the existing label, then this one goes */
      g_autofree char *move = g_strdup_printf ("INSERT INTO %s (asset, label) SELECT asset, $2 FROM %s"
                                               " WHERE label = $1 ON CONFLICT DO NOTHING", links, links);
      g_autofree char *drop = g_strdup_printf ("DELETE FROM %s WHERE id = $1", table);
      const char *params[] = { _medialib_pg_int (&label_text, label), _medialib_pg_int (&other_text, other) };
      g_autoptr(PGresult) moved = NULL;
      g_autoptr(PGresult) dropped = NULL;

      if ((!data->delete && !(moved = medialib_pg_exec (conn, move, 2, params, doing, error))) ||
          !(dropped = medialib_pg_exec (conn, drop, 1, params, doing, error)))
        return FALSE;
    }
  else
    {
      g_autofree char *update = g_strdup_printf ("UPDATE %s SET name = $1, key = $2 WHERE id = $3", table);
      const char *params[3];
      g_autoptr(PGresult) result = NULL;

      params[0] = data->new_name;
      params[1] = key = medialib_label_key (data->new_name);
      params[2] = _medialib_pg_int (&label_text, label);
      if (!(result = medialib_pg_exec (conn, update, 3, params, doing, error)))
        return FALSE;
    }

  return refresh (conn, (const gint64 *) (gpointer) ids->data, ids->len, error) &&
         _medialib_pg_catalog_notify_one (data->self, conn, MEDIALIB_CHANGE_LABELS, NULL, 0, error);
}

/* Renames a tag or team everywhere. Renaming onto another existing label merges the two. */
static gboolean
medialib_pg_catalog_rename_label (MedialibCatalog    *catalog,
                                  MedialibLabelKind   kind,
                                  const char         *name,
                                  const char         *new_name,
                                  GError            **error)
{
  g_autofree char *normalized = NULL;
  LabelData data = { MEDIALIB_PG_CATALOG (catalog), kind, name, NULL, FALSE };

  if ((normalized = medialib_label_normalize (kind, new_name, error)) == NULL)
    return FALSE;
  data.new_name = normalized;

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, change_label_func, &data, error);
}

static gboolean
medialib_pg_catalog_delete_label (MedialibCatalog    *catalog,
                                  MedialibLabelKind   kind,
                                  const char         *name,
                                  GError            **error)
{
  LabelData data = { MEDIALIB_PG_CATALOG (catalog), kind, name, NULL, TRUE };

  return medialib_pg_transaction (MEDIALIB_PG_CATALOG (catalog)->pg, change_label_func, &data, error);
}

/* --- Deleting ---------------------------------------------------------------------------- */

typedef struct
{
  MedialibPgCatalog *self;
  gint64             id;
  MedialibAsset     *asset;
} DeleteData;

static gboolean
delete_func (PGconn   *conn,
             gpointer  user_data,
             GError  **error)
{
  DeleteData *data = user_data;
  const char *doing = _("The asset could not be deleted");
  g_autoptr(PGresult) row = NULL;
  g_autoptr(PGresult) deleted = NULL;
  MedialibPgInt id_text;
  const char *params[] = { _medialib_pg_int (&id_text, data->id) };

  g_clear_object (&data->asset);

  if (!_medialib_pg_lock_labels (conn, TRUE, error) ||
      !(row = medialib_pg_exec (conn, "SELECT " MEDIALIB_PG_ASSET_COLUMNS " FROM assets a WHERE a.id = $1 FOR UPDATE",
                                1, params, doing, error)))
    return FALSE;

  if (PQntuples (row) == 0)
    {
      _medialib_catalog_not_found (error, data->id);
      return FALSE;
    }

  data->asset = _medialib_pg_catalog_asset_from_row (data->self, row, 0);

  return (deleted = medialib_pg_exec (conn, "DELETE FROM assets WHERE id = $1", 1, params, doing, error)) &&
         drop_unused_tags (conn, error) &&
         _medialib_pg_catalog_notify (data->self, conn, _medialib_catalog_delete_changes (data->asset), error);
}

/* Removes the asset's row, in one transaction. Its blobs are the caller's: the store removes
 * them when no row names them any more (medialib_catalog_find_content()), mindful that an
 * import of the same bytes may commit a new row after this transaction. */
static MedialibAsset *
medialib_pg_catalog_delete_asset (MedialibCatalog  *catalog,
                                  gint64            id,
                                  GError          **error)
{
  DeleteData data = { MEDIALIB_PG_CATALOG (catalog), id, NULL };

  if (!medialib_pg_transaction (data.self->pg, delete_func, &data, error))
    {
      g_clear_object (&data.asset);
      return NULL;
    }

  return data.asset;
}

/* For medialib-pg-catalog-labels.c, inside its transaction */
gint64
_medialib_pg_ensure_label (PGconn             *conn,
                           MedialibLabelKind   kind,
                           const char         *name,
                           GError            **error)
{
  return ensure_label (conn, kind, name, error);
}

gboolean
_medialib_pg_refresh (PGconn        *conn,
                      const gint64  *ids,
                      guint          n_ids,
                      gboolean       removed,
                      GError       **error)
{
  return (!removed || drop_unused_tags (conn, error)) && refresh (conn, ids, n_ids, error);
}

void
_medialib_pg_catalog_init_writing (MedialibCatalogInterface *iface)
{
  iface->change_labels = _medialib_pg_catalog_change_labels;
  iface->add_assets = medialib_pg_catalog_add_assets;
  iface->edit = medialib_pg_catalog_edit;
  iface->delete_asset = medialib_pg_catalog_delete_asset;
  iface->set_prompt = medialib_pg_catalog_set_prompt;
  iface->create_label = medialib_pg_catalog_create_label;
  iface->rename_label = medialib_pg_catalog_rename_label;
  iface->delete_label = medialib_pg_catalog_delete_label;
}
