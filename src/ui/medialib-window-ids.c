/* medialib-window-ids.c — the search's ids read again after the library changed, compared
 * with those the grid shows, and the differences applied (medialib-window-live.c)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include "medialib-window-private.h"

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}


/* What the worker thread is given and finds: the differences between two lists of ids,
 * found by sorting copies of both (no table of a million ids) */
struct _MedialibIdsDiff
{
  MedialibStore *store;
  MedialibQuery *query;
  GArray        *shown;    /* the grid's ids when the read began */
  GHashTable    *hidden;   /* ids waiting for their deletion: not shown */
  GArray        *ids;      /* the search's ids now, without the hidden ones */
  GArray        *removed;  /* in @shown and not in @ids */
  GArray        *added;    /* in @ids and not in @shown */
};

void
_medialib_ids_diff_free (MedialibIdsDiff *diff)
{
  g_clear_object (&diff->store);
  g_clear_pointer (&diff->query, medialib_query_free);
  g_clear_pointer (&diff->shown, g_array_unref);
  g_clear_pointer (&diff->hidden, g_hash_table_unref);
  g_clear_pointer (&diff->ids, g_array_unref);
  g_clear_pointer (&diff->removed, g_array_unref);
  g_clear_pointer (&diff->added, g_array_unref);
  g_free (diff);
}

static int
compare_id_values (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
diff_ids_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MedialibIdsDiff *diff = task_data;
  g_autoptr(GArray) old_sorted = NULL;
  g_autoptr(GArray) new_sorted = NULL;
  GError *error = NULL;
  guint i = 0, j = 0, kept = 0;

  diff->ids = medialib_store_search_ids (diff->store, diff->query, &error);
  if (diff->ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint k = 0; k < diff->ids->len; k++)
    if (!g_hash_table_contains (diff->hidden, &g_array_index (diff->ids, gint64, k)))
      g_array_index (diff->ids, gint64, kept++) = g_array_index (diff->ids, gint64, k);
  g_array_set_size (diff->ids, kept);

  old_sorted = g_array_copy (diff->shown);
  new_sorted = g_array_copy (diff->ids);
  g_array_sort (old_sorted, compare_id_values);
  g_array_sort (new_sorted, compare_id_values);

  diff->removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  diff->added = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (i < old_sorted->len || j < new_sorted->len)
    {
      gint64 *a = i < old_sorted->len ? &g_array_index (old_sorted, gint64, i) : NULL;
      gint64 *b = j < new_sorted->len ? &g_array_index (new_sorted, gint64, j) : NULL;

      if (b == NULL || (a != NULL && *a < *b))
        g_array_append_val (diff->removed, *a), i++;
      else if (a == NULL || *b < *a)
        g_array_append_val (diff->added, *b), j++;
      else
        i++, j++;
    }

  g_task_return_boolean (task, TRUE);
}

GHashTable *
_medialib_id_set_from_array (GArray *ids)
{
  GHashTable *set = id_set_new ();

  for (guint i = 0; i < ids->len; i++)
    id_set_add (set, g_array_index (ids, gint64, i));

  return set;
}

/* Whether @shown without @out is @ids without @in, in the same order */
static gboolean
same_order (const gint64 *shown,
            guint         n_shown,
            GArray       *ids,
            GHashTable   *out,
            GHashTable   *in)
{
  guint i = 0, j = 0;

  while (TRUE)
    {
      while (i < n_shown && g_hash_table_contains (out, &shown[i]))
        i++;
      while (j < ids->len && g_hash_table_contains (in, &g_array_index (ids, gint64, j)))
        j++;
      if (i == n_shown || j == ids->len)
        return i == n_shown && j == ids->len;
      if (shown[i++] != g_array_index (ids, gint64, j++))
        return FALSE;
    }
}

/* The grid's ids become @diff's: what went is removed, what came is inserted where it is in
 * @diff->ids. @moved: assets that changed, which may have moved in the order (taken out and
 * put back when what stays is not in the same order otherwise). @assets: id → the asset
 * read already, for the items inserted (others are read when they are shown). */
void
_medialib_window_apply_ids (MedialibWindow  *self,
                            MedialibIdsDiff *diff,
                            GHashTable      *moved,
                            GHashTable      *assets)
{
  MedialibResults *results = _medialib_window_get_results (self);
  g_autoptr(GHashTable) out = _medialib_id_set_from_array (diff->removed);
  g_autoptr(GHashTable) in = _medialib_id_set_from_array (diff->added);
  const gint64 *shown;
  guint n;

  if (results == NULL)
    return;

  shown = medialib_results_get_ids (results, &n);
  if (!same_order (shown, n, diff->ids, out, in) && moved != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, moved);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          id_set_add (out, *(gint64 *) key);
          id_set_add (in, *(gint64 *) key);
        }
    }

  if (!same_order (shown, n, diff->ids, out, in))
    {
      medialib_results_set_ids (results, (const gint64 *) (gpointer) diff->ids->data, diff->ids->len);
      return;
    }

  medialib_results_remove_ids (results, out);
  for (guint j = 0; j < diff->ids->len && g_hash_table_size (in) > 0; j++)
    {
      gint64 id = g_array_index (diff->ids, gint64, j);
      MedialibAsset *asset;

      if (!g_hash_table_remove (in, &id))
        continue;

      if (assets != NULL && (asset = g_hash_table_lookup (assets, &id)) != NULL)
        medialib_results_insert_asset (results, j, asset);
      else
        medialib_results_insert_id (results, j, id);
    }
}

/* The search's ids, compared with the grid's on a worker thread */
void
_medialib_window_diff_ids (MedialibWindow      *self,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MedialibResults *results = _medialib_window_get_results (self);
  MedialibIdsDiff *diff = g_new0 (MedialibIdsDiff, 1);
  const gint64 *shown = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  if (results != NULL)
    shown = medialib_results_get_ids (results, &n);

  diff->query = _medialib_window_build_query (self);
  diff->shown = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  if (n > 0)
    g_array_append_vals (diff->shown, shown, n);
  diff->store = g_object_ref (self->store);
  diff->hidden = id_set_new ();
  g_hash_table_iter_init (&iter, self->pending_delete);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    id_set_add (diff->hidden, *(gint64 *) key);

  /* No source object: the window is not to be let go of on the worker thread */
  task = g_task_new (NULL, self->live_cancellable, callback, user_data);
  g_task_set_source_tag (task, _medialib_window_diff_ids);
  g_task_set_task_data (task, diff, (GDestroyNotify) _medialib_ids_diff_free);
  g_task_run_in_thread (task, diff_ids_thread);
}

/**
 * _medialib_window_diff_ids_finish:
 *
 * Returns: (transfer none) (nullable): the differences, valid as long as @result
 */
MedialibIdsDiff *
_medialib_window_diff_ids_finish (MedialibWindow  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_assert (g_task_is_valid (result, NULL));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_task_get_task_data (G_TASK (result));
}
