/* medialib-window-live.c — the library's changes, by this window or by another member of a
 * team library, applied to what the window shows; the banner of a server out of reach
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-window-private.h"

/*
 * The window watches its store (medialib_store_watch_async(), before its first search, so
 * that no change falls in between) and follows MedialibStore::changed, which tells the
 * window's own writes and, for a team library, every other member's:
 *
 * - assets added or changed: the current search runs again among those assets only
 *   (MedialibQuery.ids) for their new rows, given to their items, and the search's ids are
 *   read again (medialib_store_search_ids(): 8 bytes a result) and compared with the grid's
 *   on a worker thread: an asset that no longer matches is taken out, a new one inserted
 *   where the catalog's order puts it;
 * - assets removed: taken out of the model; the details of one of them close with a toast;
 * - labels: the filters' lists are read again (and, when no asset came with them, a tag
 *   renamed or deleted: everything shown, as for a resync);
 * - resync (notices were lost while the server was out of reach): the search's ids are read
 *   again and only the differences are applied; the assets of the items made are read again.
 *
 * Ids are inserted and removed in the MedialibResults the grid shows, so the grid keeps its
 * scroll position (only when the order of what stays changed are they replaced in one go);
 * the selection is kept by the assets' ids, and the search entry is not touched. Changes that arrive together are applied together, once the main loop
 * has delivered them all (an idle); changes that arrive while a search is filling the grid
 * wait for it to end.
 */

typedef struct
{
  MedialibChangeKind  kind;
  GArray             *ids;
} LiveChange;

static void
live_change_free (LiveChange *change)
{
  g_clear_pointer (&change->ids, g_array_unref);
  g_free (change);
}

typedef struct
{
  MedialibWindow *self;
  guint           stamp;    /* the window's search stamp when the read began */
  GArray         *ids;      /* the assets asked for; NULL for everything */
  GListModel     *matching; /* of MedialibAsset: those of @ids the search finds */
} LiveRead;

static void
live_read_free (LiveRead *read)
{
  g_clear_object (&read->self);
  g_clear_pointer (&read->ids, g_array_unref);
  g_clear_object (&read->matching);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiveRead, live_read_free)

static void schedule_queue (MedialibWindow *self);

/* --- The grid's model ------------------------------------------------------------------------ */

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

/* The selection, by id; a selection of more than this many is left to MedialibSelection,
 * which keeps it for every position that stays */
#define MAX_KEPT_SELECTION 10000

static GHashTable *
selected_ids (MedialibWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GArray) ids = NULL;
  GHashTable *set;

  if (gtk_bitset_get_size (selected) > MAX_KEPT_SELECTION)
    return NULL;

  ids = _medialib_window_get_selected_ids (self);
  set = id_set_new ();
  for (guint i = 0; i < ids->len; i++)
    id_set_add (set, g_array_index (ids, gint64, i));

  return set;
}

/* Items replaced in the model lose their selection: it comes back by id */
static void
restore_selection (MedialibWindow *self,
                   GHashTable     *ids)
{
  MedialibResults *results = _medialib_window_get_results (self);
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) now = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  const gint64 *shown;
  guint n;

  if (ids == NULL || results == NULL)
    return;

  shown = medialib_results_get_ids (results, &n);
  for (guint i = 0; i < n && g_hash_table_size (ids) > 0; i++)
    if (g_hash_table_contains (ids, &shown[i]))
      gtk_bitset_add (wanted, i);

  now = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_equals (wanted, now))
    return;

  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, mask);
}

/* A grid scrolled to its top stays there as assets arrive above what it shows (the newest
 * first); scrolled further, it keeps showing what it showed */
static gboolean
grid_at_top (MedialibWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->grid_view));

  return adjustment == NULL || gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment);
}

static void
keep_at_top (MedialibWindow *self,
             gboolean        at_top)
{
  if (at_top && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_grid_view_scroll_to (self->grid_view, 0, GTK_LIST_SCROLL_NONE, NULL);
}

/* The grid's page, unless the library is loading or could not be read */
static void
update_page (MedialibWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "grid") == 0 || g_strcmp0 (page, "empty") == 0 ||
      g_strcmp0 (page, "no-results") == 0)
    _medialib_window_show_results_page (self);
}

/* --- The details pane ---------------------------------------------------------------------- */

static void
close_details (MedialibWindow *self)
{
  self->details_id = 0;
  _medialib_window_set_details_asset (self, NULL);
  adw_overlay_split_view_set_show_sidebar (self->split_view, FALSE);
}

/* The asset whose details are shown was deleted, and not from this window */
static void
details_deleted (MedialibWindow *self)
{
  MedialibAsset *shown = _medialib_window_get_details_asset (self);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (shown != NULL && medialib_asset_get_id (shown) == self->details_id)
    /* Translators: %s is the name of the asset whose details were shown */
    title = g_strdup_printf (_("“%s” was deleted by another member"), medialib_asset_get_name (shown));
  else
    title = g_strdup (_("The item shown was deleted by another member"));

  close_details (self);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_details_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LiveRead) read = user_data;
  MedialibWindow *self = read->self;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (read->ids, gint64, 0);

  asset = medialib_store_get_asset_finish (MEDIALIB_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->details_id != id)
    return;

  if (asset != NULL)
    _medialib_window_set_details_asset (self, asset);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    details_deleted (self);
  else
    g_debug ("Could not read asset %" G_GINT64_FORMAT " again: %s", id, error->message);
}

/* The asset of the details, read again: it may be outside the search now */
static void
reread_details (MedialibWindow *self)
{
  LiveRead *read;

  if (self->details_id == 0 || self->store == NULL)
    return;

  read = g_new0 (LiveRead, 1);
  read->self = g_object_ref (self);
  read->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (read->ids, self->details_id);
  medialib_store_get_asset_async (self->store, self->details_id, self->live_cancellable,
                                  on_details_read_cb, read);
}

/* After the model changed: the details follow their asset, or the one a crop or a search
 * result asked for once it is in the grid */
static void
follow_details (MedialibWindow *self,
                GHashTable     *matched,
                GHashTable     *changed)
{
  MedialibResults *results = _medialib_window_get_results (self);
  g_autoptr(GtkBitset) selected = NULL;
  MedialibAsset *shown, *asset;
  int position;

  if (self->details_id == 0 || results == NULL)
    return;

  if (matched != NULL && !g_hash_table_contains (matched, &self->details_id))
    {
      if (changed == NULL || g_hash_table_contains (changed, &self->details_id))
        reread_details (self);
      return;
    }

  position = medialib_results_find_id (results, self->details_id);
  if (position < 0)
    return;

  /* Asked for and now there (a crop, say): selected, unless something else is */
  shown = _medialib_window_get_details_asset (self);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if ((shown == NULL || medialib_asset_get_id (shown) != self->details_id) && gtk_bitset_is_empty (selected))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
  if ((asset = medialib_results_peek_asset (results, (guint) position)) != NULL)
    _medialib_window_set_details_asset (self, asset);
}

/* --- Applying changes ---------------------------------------------------------------------- */

static void
apply_removed (MedialibWindow *self,
               GHashTable     *removed)
{
  MedialibResults *results = _medialib_window_get_results (self);

  if (results != NULL)
    medialib_results_remove_ids (results, removed);

  /* This window's own deletions closed their details when they were asked for */
  if (self->details_id != 0 && g_hash_table_contains (removed, &self->details_id))
    details_deleted (self);

  update_page (self);
}

/* @matching: the assets among @ids that the search finds, with their new rows */
static void
apply_updated (MedialibWindow *self,
               GArray         *ids,
               GListModel     *matching,
               MedialibIdsDiff *diff)
{
  MedialibResults *results = _medialib_window_get_results (self);
  g_autoptr(GHashTable) selected = selected_ids (self);
  g_autoptr(GHashTable) matched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) changed = _medialib_id_set_from_array (ids);
  guint n = g_list_model_get_n_items (matching);
  gboolean at_top = grid_at_top (self);

  if (results == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      MedialibAsset *asset = g_list_model_get_item (matching, i);
      gint64 id = medialib_asset_get_id (asset);

      medialib_results_update_asset (results, asset);
      g_hash_table_insert (matched, g_memdup2 (&id, sizeof id), asset);
    }

  _medialib_window_apply_ids (self, diff, changed, matched);

  restore_selection (self, selected);
  follow_details (self, matched, changed);
  keep_at_top (self, at_top);
  update_page (self);
}

/* Everything again: the differences between the grid's ids and the search's */
static void
apply_resync (MedialibWindow *self,
              MedialibIdsDiff *diff)
{
  MedialibResults *results = _medialib_window_get_results (self);
  g_autoptr(GHashTable) selected = selected_ids (self);
  g_autoptr(GHashTable) found = NULL;
  gboolean at_top = grid_at_top (self);

  if (results == NULL)
    return;

  _medialib_window_apply_ids (self, diff, NULL, NULL);
  medialib_results_reload (results);

  restore_selection (self, selected);
  if (self->details_id != 0)
    {
      found = id_set_new ();
      if (medialib_results_find_id (results, self->details_id) >= 0)
        id_set_add (found, self->details_id);
    }
  follow_details (self, found, NULL);
  keep_at_top (self, at_top);
  update_page (self);
}

/* --- Reading what changed ----------------------------------------------------------------- */

static void
read_done (MedialibWindow *self)
{
  self->live_busy = FALSE;
  schedule_queue (self);
}

static void
on_ids_diffed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LiveRead) read = user_data;
  MedialibWindow *self = read->self;
  g_autoptr(GError) error = NULL;
  MedialibIdsDiff *diff = _medialib_window_diff_ids_finish (self, result, &error);

  if (diff == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not read the library's changes: %s", error->message);
    }
  /* A search started since then read them already */
  else if (read->stamp == self->search_stamp && read->ids != NULL)
    apply_updated (self, read->ids, read->matching, diff);
  else if (read->stamp == self->search_stamp)
    apply_resync (self, diff);

  read_done (self);
}

static void
on_changes_searched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LiveRead) read = user_data;
  MedialibWindow *self = read->self;
  g_autoptr(GError) error = NULL;

  read->matching = medialib_store_search_finish (MEDIALIB_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (read->matching == NULL)
    {
      g_debug ("Could not read the library's changes: %s", error->message);
      read_done (self);
      return;
    }

  _medialib_window_diff_ids (self, on_ids_diffed_cb, g_steal_pointer (&read));
}

static void
read_changes (MedialibWindow *self,
              GArray         *ids)
{
  LiveRead *read = g_new0 (LiveRead, 1);

  read->self = g_object_ref (self);
  read->stamp = self->search_stamp;
  read->ids = ids != NULL ? g_array_ref (ids) : NULL;
  self->live_busy = TRUE;

  if (ids != NULL)
    {
      g_autoptr(MedialibQuery) query = _medialib_window_build_query (self);

      query->ids = g_array_ref (ids);
      medialib_store_search_async (self->store, query, self->live_cancellable, on_changes_searched_cb, read);
    }
  else
    _medialib_window_diff_ids (self, on_ids_diffed_cb, read);
}

static gboolean
process_queue_cb (gpointer user_data)
{
  MedialibWindow *self = user_data;
  g_autoptr(GHashTable) removed = id_set_new ();
  g_autoptr(GHashTable) updated = id_set_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean resync = FALSE, labels = FALSE;
  GHashTableIter iter;
  gpointer key;

  self->live_source = 0;

  /* The library was let go of meanwhile */
  if (self->store == NULL || self->store != self->watched)
    {
      g_ptr_array_set_size (self->live_queue, 0);
      return G_SOURCE_REMOVE;
    }

  /* A search is filling the grid: its result comes first */
  if (self->searching || self->live_busy)
    {
      if (self->searching)
        self->live_source = g_timeout_add (100, process_queue_cb, self);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < self->live_queue->len; i++)
    {
      LiveChange *change = g_ptr_array_index (self->live_queue, i);

      for (guint k = 0; k < change->ids->len; k++)
        {
          gint64 id = g_array_index (change->ids, gint64, k);

          if (change->kind == MEDIALIB_CHANGE_ASSETS_REMOVED)
            {
              id_set_add (removed, id);
              g_hash_table_remove (updated, &id);
            }
          else if (!g_hash_table_contains (removed, &id))
            id_set_add (updated, id);
        }
      resync |= change->kind == MEDIALIB_CHANGE_RESYNC;
      labels |= change->kind == MEDIALIB_CHANGE_LABELS;
    }
  g_ptr_array_set_size (self->live_queue, 0);

  if (labels || resync)
    _medialib_window_refresh_labels (self);

  /* A tag renamed or deleted changed the labels of assets that no change names */
  if (labels && g_hash_table_size (removed) == 0 && g_hash_table_size (updated) == 0)
    resync = TRUE;

  if (resync)
    {
      read_changes (self, NULL);
      return G_SOURCE_REMOVE;
    }

  /* The image of a similar search went: the search ends, and a new one shows the grid */
  if (g_hash_table_size (removed) > 0 && _medialib_window_similar_deleted (self, removed))
    {
      if (self->details_id != 0 && g_hash_table_contains (removed, &self->details_id))
        details_deleted (self);
      return G_SOURCE_REMOVE;
    }

  if (g_hash_table_size (removed) > 0)
    apply_removed (self, removed);

  g_hash_table_iter_init (&iter, updated);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  if (ids->len > 0)
    read_changes (self, ids);

  return G_SOURCE_REMOVE;
}

/* Once the main loop has delivered every change that arrived together */
static void
schedule_queue (MedialibWindow *self)
{
  if (self->live_source == 0 && self->live_queue->len > 0)
    self->live_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, process_queue_cb, self, NULL);
}

static void
on_store_changed_cb (MedialibStore      *store,
                     MedialibChangeKind  kind,
                     GArray             *ids,
                     MedialibWindow     *self)
{
  LiveChange *change;

  if (store == self->store)
    _medialib_window_sidebar_changed (self, kind);

  /* The quota: the generator follows it (medialib-generate-dialog.c) */
  if (kind == MEDIALIB_CHANGE_GENERATIONS || store != self->store)
    return;

  change = g_new0 (LiveChange, 1);
  change->kind = kind;
  change->ids = g_array_copy (ids);
  g_ptr_array_add (self->live_queue, change);
  schedule_queue (self);
}

/* --- Watching ------------------------------------------------------------------------------ */

static void
on_watching_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Not listening yet (its server is out of reach) still watches, and tries again */
  if (!medialib_store_watch_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Not listening to the library's changes yet: %s", error->message);
    }

  if (self->store != MEDIALIB_STORE (object))
    return;

  _medialib_window_update_reachable (self);
  _medialib_window_refresh (self);
  _medialib_window_when_first_screen (self, MEDIALIB_FIRST_SCREEN_SIDEBAR);
}

/**
 * _medialib_window_live_watch:
 *
 * Follows the changes of the window's store (just opened, reopened or restored), then
 * shows it: its first search runs once the store watches.
 */
void
_medialib_window_live_watch (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_STORE (self->store));

  if (self->watched != self->store)
    {
      _medialib_window_live_unwatch (self);
      /* Not a reference: a window that lets go of its store (a restore, another library)
       * leaves it free to close */
      g_set_weak_pointer (&self->watched, self->store);
      g_signal_connect_object (self->watched, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      _medialib_window_follow_reachable (self, self->watched);
    }

  if (self->live_cancellable == NULL)
    self->live_cancellable = g_cancellable_new ();
  self->reopen_attempts = 0;

  _medialib_window_update_reachable (self);
  medialib_store_watch_async (self->store, self->live_cancellable, on_watching_cb, g_object_ref (self));
}

/**
 * _medialib_window_live_unwatch:
 *
 * Stops following the store's changes (before another library is shown, or the window
 * goes); what was waiting is dropped.
 */
void
_medialib_window_live_unwatch (MedialibWindow *self)
{
  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_handle_id (&self->live_source, g_source_remove);
  g_clear_handle_id (&self->reopen_source, g_source_remove);
  g_ptr_array_set_size (self->live_queue, 0);
  self->live_busy = FALSE;

  if (self->watched != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watched, self);
      g_clear_weak_pointer (&self->watched);
    }
}

void
_medialib_window_live_class_init (GtkWidgetClass *widget_class)
{
}

void
_medialib_window_live_init (MedialibWindow *self)
{
  self->live_queue = g_ptr_array_new_with_free_func ((GDestroyNotify) live_change_free);
}
