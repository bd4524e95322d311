/* medialib-window-search.c — the window's searches: the query from the search entry and the
 * filters, one search at a time on a worker thread, its result given to the grid
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include "medialib-window-private.h"

/*
 * The grid's model stack:
 *
 *   MedialibStore ─search on a worker thread─▶ GListStore of MedialibAsset (one per search)
 *     ─▶ GtkMultiSelection "selection" ─▶ GtkGridView "grid_view" (GtkSignalListItemFactory
 *        making MedialibAssetTile)
 *
 * Searching, filtering and sorting happen in SQLite: every change of the search text, the
 * filters or the sort order runs one query on a worker thread, and its result replaces the
 * selection's model in one go. A stamp drops results that a newer search overtook. GTK
 * models neither filter nor sort, so 100,000 assets cost one list of objects and nothing per
 * frame; the tiles load their thumbnails asynchronously through MedialibThumbnailCache.
 */

MedialibAssetKind
_medialib_window_get_kind (MedialibWindow *self)
{
  MedialibAssetKind kind = MEDIALIB_ASSET_KIND_ANY;

  /* The toggles are named after the kinds */
  medialib_asset_kind_from_string (adw_toggle_group_get_active_name (self->kind_group), &kind);

  return kind;
}

gboolean
_medialib_window_query_is_empty (MedialibWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (text)[0] == '\0' &&
         g_hash_table_size (self->filter_tags) == 0 &&
         g_hash_table_size (self->filter_teams) == 0 &&
         _medialib_window_get_kind (self) == MEDIALIB_ASSET_KIND_ANY;
}

MedialibQuery *
_medialib_window_build_query (MedialibWindow *self)
{
  MedialibQuery *query = medialib_query_new ();

  query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->tags = _medialib_window_filter_names (self->filter_tags);
  query->teams = _medialib_window_filter_names (self->filter_teams);
  query->kind = _medialib_window_get_kind (self);
  medialib_sort_from_string (self->sort, &query->sort);

  return query;
}

/* The grid, or why it is empty, for the model the grid shows */
void
_medialib_window_show_results_page (MedialibWindow *self)
{
  GListModel *shown = gtk_multi_selection_get_model (self->selection);

  if (shown != NULL && g_list_model_get_n_items (shown) > 0)
    gtk_stack_set_visible_child_name (self->stack, "grid");
  else if (_medialib_window_query_is_empty (self))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "no-results");
}

static void
follow_details (MedialibWindow *self,
                GListModel     *model)
{
  guint n = g_list_model_get_n_items (model);

  if (self->details_id == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedialibAsset) asset = g_list_model_get_item (model, i);

      if (medialib_asset_get_id (asset) == self->details_id)
        {
          medialib_details_pane_set_asset (self->details_pane, asset);
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          return;
        }
    }

  self->details_id = 0;
  medialib_details_pane_set_asset (self->details_pane, NULL);
  adw_overlay_split_view_set_show_sidebar (self->split_view, FALSE);
}

/* A search comes in two parts: the first screen, at once, then the rest appended to the
 * same model, so that a library of 100,000 assets shows its newest ones without waiting
 * for all of them to be read (medialib-window-sizing.c sizes the first part). */
typedef struct
{
  MedialibWindow *self;
  guint           stamp;
  MedialibQuery  *rest;   /* the query of the rest; NULL when this call is the rest */
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->rest, medialib_query_free);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchCall, search_call_free)

/* Assets waiting for their deletion stay hidden. */
static void
hide_pending_deletes (MedialibWindow *self,
                      GListStore     *model)
{
  if (g_hash_table_size (self->pending_delete) == 0)
    return;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (model)); i > 0; i--)
    {
      g_autoptr(MedialibAsset) asset = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      gint64 id = medialib_asset_get_id (asset);

      if (g_hash_table_contains (self->pending_delete, &id))
        g_list_store_remove (model, i - 1);
    }
}

/* Once the first results are shown: the filters' tag and team lists (counting them reads
 * every asset's labels), and the check and backup of the library */
static void
after_first_screen (MedialibWindow *self)
{
  if (self->maintained)
    return;

  _medialib_window_refresh_labels (self);
  _medialib_window_maintain (self);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SearchCall) call = user_data;
  MedialibWindow *self = call->self;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint n_read, n_items;

  model = medialib_store_search_finish (MEDIALIB_STORE (object), result, &error);
  if (model == NULL)
    {
      if (call->stamp == self->search_stamp)
        self->searching = FALSE;
      /* Out of reach, the library stays shown (medialib-window-live.c) */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !_medialib_window_live_search_failed (self, error))
        _medialib_window_show_open_error (self, error);
      return;
    }

  if (call->stamp != self->search_stamp)
    return;

  n_read = g_list_model_get_n_items (model);
  hide_pending_deletes (self, G_LIST_STORE (model));
  n_items = g_list_model_get_n_items (model);

  if (call->rest == NULL)
    {
      /* The rest: appended to the model the grid shows */
      GListModel *shown = gtk_multi_selection_get_model (self->selection);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      self->searching = FALSE;
      if (shown != NULL && n_items > 0)
        {
          for (guint i = 0; i < n_items; i++)
            g_ptr_array_add (items, g_list_model_get_item (model, i));
          g_list_store_splice (G_LIST_STORE (shown), g_list_model_get_n_items (shown), 0,
                               items->pdata, items->len);
          follow_details (self, shown);
        }
      after_first_screen (self);
      return;
    }

  _medialib_window_preload_first_screen (self, model);
  gtk_multi_selection_set_model (self->selection, model);
  follow_details (self, model);
  _medialib_window_schedule_fit_columns (self);

  _medialib_window_show_results_page (self);

  /* A full first page: read the rest */
  if (n_read >= call->rest->offset)
    {
      SearchCall *rest = g_new0 (SearchCall, 1);

      rest->self = g_object_ref (self);
      rest->stamp = call->stamp;
      medialib_store_search_async (self->store, call->rest, self->search_cancellable,
                                   on_search_done_cb, rest);
      return;
    }

  self->searching = FALSE;
  after_first_screen (self);
}

static void
search_with_stamp (MedialibWindow *self)
{
  g_autoptr(MedialibQuery) query = NULL;
  SearchCall *call;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  query = _medialib_window_build_query (self);
  g_set_str (&self->searched_text, query->text);
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->stamp = ++self->search_stamp;
  call->rest = medialib_query_copy (query);
  call->rest->offset = _medialib_window_first_page_size (self);
  query->limit = call->rest->offset;
  self->searching = TRUE;
  medialib_store_search_async (self->store, query, self->search_cancellable,
                               on_search_done_cb, call);
}

void
_medialib_window_refresh (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  search_with_stamp (self);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  MedialibWindow *self = data;

  self->refresh_source = 0;
  _medialib_window_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces refreshes, e.g. while an import adds assets one after another. */
void
_medialib_window_schedule_refresh (MedialibWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (250, refresh_timeout_cb, self);
}
