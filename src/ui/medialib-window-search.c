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
 *   MedialibStore ─find on a worker thread─▶ MedialibResults (one per search: every id, and
 *     MedialibResultItem for the positions asked for, their assets read a page at a time)
 *     ─▶ MedialibSelection "selection" ─▶ GtkGridView "grid_view" (GtkSignalListItemFactory
 *        making MedialibAssetTile, bound to the item's asset as it comes)
 *
 * Searching, filtering and sorting happen in the catalog: every change of the search text,
 * the filters or the sort order runs one query on a worker thread (medialib_store_find_async():
 * the first screen's assets, then the ids of every result), and its result replaces the
 * selection's model in one go. A stamp drops results that a newer search overtook. GTK
 * models neither filter nor sort, so 100,000 assets cost 8 bytes each and a few pages of
 * objects; the tiles load their thumbnails asynchronously through MedialibThumbnailCache.
 */

MedialibAssetKind
_medialib_window_get_kind (MedialibWindow *self)
{
  return self->filter_kind;
}

gboolean
_medialib_window_query_is_empty (MedialibWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (text)[0] == '\0' &&
         g_hash_table_size (self->filter_tags) == 0 &&
         g_hash_table_size (self->filter_teams) == 0 &&
         _medialib_window_get_kind (self) == MEDIALIB_ASSET_KIND_ANY &&
         self->fits_key == NULL &&
         self->filter_color == NULL &&
         self->sidebar_query == NULL &&
         self->similar_id == 0;
}

MedialibQuery *
_medialib_window_build_query (MedialibWindow *self)
{
  MedialibQuery *query = medialib_query_new ();

  query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->tags = _medialib_window_filter_names (self->filter_tags);
  query->teams = _medialib_window_filter_names (self->filter_teams);
  query->kind = _medialib_window_get_kind (self);
  query->fits = g_strdup (self->fits_key);
  medialib_sort_from_string (self->sort, &query->sort);
  query->color = g_strdup (self->filter_color);
  _medialib_window_sidebar_add_filters (self, query);
  /* "Find Similar" (medialib-window-similar.c) */
  query->similar_to = self->similar_id;
  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;

  return query;
}

/* The grid, or why it is empty, for the model the grid shows */
void
_medialib_window_show_results_page (MedialibWindow *self)
{
  GListModel *shown = medialib_selection_get_model (self->selection);

  if (shown != NULL && g_list_model_get_n_items (shown) > 0)
    _medialib_window_show_page (self, "grid");
  else if (_medialib_window_query_is_empty (self))
    _medialib_window_show_page (self, "empty");
  else
    _medialib_window_show_page (self, "no-results");
}

/* The details follow their asset into the new results, or close once it is not there */
static void
follow_details (MedialibWindow  *self,
                MedialibResults *results)
{
  MedialibAsset *asset;
  int position;

  if (self->details_id == 0)
    return;

  position = medialib_results_find_id (results, self->details_id);
  if (position >= 0)
    {
      if ((asset = medialib_results_peek_asset (results, (guint) position)) != NULL)
        _medialib_window_set_details_asset (self, asset);
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
      return;
    }

  /* Perhaps among the rest; the image whose similar images are shown is not among them,
   * and its details stay */
  if (!medialib_results_is_complete (results) || self->details_id == self->similar_id)
    return;

  self->details_id = 0;
  _medialib_window_set_details_asset (self, NULL);
  adw_overlay_split_view_set_show_sidebar (self->split_view, FALSE);
}

typedef struct
{
  MedialibWindow *self;
  guint           stamp;
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  g_clear_object (&call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchCall, search_call_free)

/* Assets waiting for their deletion stay hidden. */
static void
hide_pending_deletes (MedialibWindow  *self,
                      MedialibResults *results)
{
  medialib_results_remove_ids (results, self->pending_delete);
}

/* Once the first results are shown, and the first screen drawn: the filters' tag and team
 * lists (counting them reads every asset's labels), and the check and backup of the library */
static void
after_first_screen (MedialibWindow *self)
{
  if (self->maintained)
    return;

  _medialib_window_when_first_screen (self, MEDIALIB_FIRST_SCREEN_MAINTAIN);
}

/* The ids of every result arrived (appended to the first page the grid shows) */
static void
on_results_complete_cb (MedialibWindow  *self,
                        GParamSpec      *pspec,
                        MedialibResults *results)
{
  const GError *error = medialib_results_get_error (results);

  g_signal_handlers_disconnect_by_func (results, on_results_complete_cb, self);
  if (_medialib_window_get_results (self) != results ||
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (results), "medialib-stamp")) != self->search_stamp)
    return;

  self->searching = FALSE;
  if (error != NULL)
    {
      _medialib_window_first_screen_ready (self);
      /* Out of reach, the library stays shown (medialib-window-live.c) */
      if (!_medialib_window_live_search_failed (self, error))
        _medialib_window_show_open_error (self, error);
      return;
    }

  hide_pending_deletes (self, results);
  follow_details (self, results);
  _medialib_window_show_results_page (self);
  after_first_screen (self);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SearchCall) call = user_data;
  MedialibWindow *self = call->self;
  g_autoptr(MedialibResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = medialib_store_find_finish (MEDIALIB_STORE (object), result, &error);
  if (results == NULL)
    {
      if (call->stamp == self->search_stamp)
        self->searching = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _medialib_window_first_screen_ready (self);
      /* Out of reach, the library stays shown (medialib-window-live.c) */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !_medialib_window_live_search_failed (self, error))
        _medialib_window_show_open_error (self, error);
      return;
    }

  if (call->stamp != self->search_stamp)
    return;

  g_object_set_data (G_OBJECT (results), "medialib-stamp", GUINT_TO_POINTER (call->stamp));
  hide_pending_deletes (self, results);
  _medialib_window_preload_first_screen (self, results);
  medialib_selection_set_model (self->selection, G_LIST_MODEL (results));
  follow_details (self, results);
  _medialib_window_schedule_fit_columns (self);

  _medialib_window_show_results_page (self);

  if (!medialib_results_is_complete (results))
    g_signal_connect_object (results, "notify::complete", G_CALLBACK (on_results_complete_cb), self,
                             G_CONNECT_SWAPPED);
  else
    on_results_complete_cb (self, NULL, results);
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
  g_set_str (&self->searched_text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->stamp = ++self->search_stamp;
  self->searching = TRUE;
  medialib_store_find_async (self->store, query, _medialib_window_first_page_size (self),
                             self->search_cancellable, on_search_done_cb, call);
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
