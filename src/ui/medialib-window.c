/* medialib-window.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-tile.h"
#include "medialib-blob-store.h"
#include "medialib-window-private.h"

G_DEFINE_FINAL_TYPE (MedialibWindow, medialib_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SORT,
  PROP_LIBRARY_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define THUMBNAIL_CACHE_SIZE 300
#define TILE_TEXTURE_SIZE    MEDIALIB_GRID_THUMBNAIL_SIZE   /* the thumbnails' copies are of this size */

/* --- Search ------------------------------------------------------------------------------ */

static void
on_search_changed_cb (MedialibWindow *self,
                      GtkSearchEntry *entry)
{
  _medialib_window_refresh (self);
}

static void
on_search_stop_cb (MedialibWindow *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  /* Escape ends "Find Similar" too */
  if (_medialib_window_clear_similar (self))
    {
      _medialib_window_update_chips (self);
      _medialib_window_refresh (self);
    }
}

/* --- Grid and details ---------------------------------------------------------------------- */

static void
on_factory_setup_cb (MedialibWindow           *self,
                     GtkListItem              *item,
                     GtkSignalListItemFactory *factory)
{
  GtkWidget *tile = medialib_asset_tile_new ();

  gtk_list_item_set_child (item, tile);
  g_object_set_data (G_OBJECT (item), "medialib-window", self);
  _medialib_window_setup_tile_drag (self, tile);
}

/* A tile shows its item's asset, or the placeholder until it is read */
static void
on_item_asset_cb (GtkListItem *list_item)
{
  MedialibWindow *self = g_object_get_data (G_OBJECT (list_item), "medialib-window");
  MedialibResultItem *item = gtk_list_item_get_item (list_item);
  MedialibAsset *asset = item != NULL ? medialib_result_item_get_asset (item) : NULL;
  MedialibAssetTile *tile = MEDIALIB_ASSET_TILE (gtk_list_item_get_child (list_item));
  const char *display;

  medialib_asset_tile_set_asset (tile, asset, asset != NULL ? self->thumbnails : NULL);
  display = asset != NULL ? medialib_asset_tile_get_display_name (tile) : NULL;
  if (display == NULL)
    display = "";
  if (g_strcmp0 (display, gtk_list_item_get_accessible_label (list_item)) != 0)
    gtk_list_item_set_accessible_label (list_item, display);
}

static void
on_factory_bind_cb (MedialibWindow           *self,
                    GtkListItem              *item,
                    GtkSignalListItemFactory *factory)
{
  MedialibResultItem *result = gtk_list_item_get_item (item);

  g_signal_connect_swapped (result, "notify::asset", G_CALLBACK (on_item_asset_cb), item);
  on_item_asset_cb (item);
}

static void
on_factory_unbind_cb (MedialibWindow           *self,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  MedialibResultItem *result = gtk_list_item_get_item (item);

  if (result != NULL)
    g_signal_handlers_disconnect_by_func (result, on_item_asset_cb, item);
  medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (gtk_list_item_get_child (item)), NULL, NULL);
}

/**
 * _medialib_window_get_results:
 *
 * Returns: (transfer none) (nullable): the results the grid shows
 */
MedialibResults *
_medialib_window_get_results (MedialibWindow *self)
{
  GListModel *model = medialib_selection_get_model (self->selection);

  return MEDIALIB_IS_RESULTS (model) ? MEDIALIB_RESULTS (model) : NULL;
}

/**
 * _medialib_window_get_selected_ids:
 *
 * Returns: (transfer full) (element-type gint64): the selected assets' ids, in grid order
 */
GArray *
_medialib_window_get_selected_ids (MedialibWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  MedialibResults *results = _medialib_window_get_results (self);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (results != NULL && gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        {
          gint64 id = medialib_results_get_id (results, position);

          g_array_append_val (ids, id);
        }
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return ids;
}

/**
 * _medialib_window_get_selected:
 *
 * The selected assets that are read (those of the tiles shown, and of the pages around
 * them): actions on every selected asset go by _medialib_window_get_selected_ids().
 *
 * Returns: (transfer full) (element-type MedialibAsset): the selected assets, in grid order
 */
GPtrArray *
_medialib_window_get_selected (MedialibWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  MedialibResults *results = _medialib_window_get_results (self);
  GPtrArray *assets = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  if (results != NULL && gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        {
          MedialibAsset *asset = medialib_results_peek_asset (results, position);

          if (asset != NULL)
            g_ptr_array_add (assets, g_object_ref (asset));
        }
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return assets;
}

static void
show_details (MedialibWindow *self,
              MedialibAsset  *asset)
{
  self->details_id = asset ? medialib_asset_get_id (asset) : 0;
  _medialib_window_set_details_asset (self, asset);
}

static void
on_details_item_asset_cb (MedialibWindow *self)
{
  MedialibResultItem *item = self->details_item;

  if (medialib_result_item_get_asset (item) == NULL)
    return;

  if (medialib_result_item_get_id (item) == self->details_id)
    _medialib_window_set_details_asset (self, medialib_result_item_get_asset (item));
  g_signal_handlers_disconnect_by_func (item, on_details_item_asset_cb, self);
  g_clear_object (&self->details_item);
}

/**
 * _medialib_window_show_details_at:
 *
 * The details follow the asset at @position in the grid; one whose page is being read is
 * shown when it arrives.
 */
void
_medialib_window_show_details_at (MedialibWindow *self,
                                  guint           position)
{
  g_autoptr(MedialibResultItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (self->details_item != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->details_item, on_details_item_asset_cb, self);
      g_clear_object (&self->details_item);
    }

  if (item == NULL)
    return;

  if (medialib_result_item_get_asset (item) != NULL)
    {
      show_details (self, medialib_result_item_get_asset (item));
      return;
    }

  self->details_id = medialib_result_item_get_id (item);
  self->details_item = g_steal_pointer (&item);
  g_signal_connect_swapped (self->details_item, "notify::asset", G_CALLBACK (on_details_item_asset_cb), self);
}

static void
on_selection_changed_cb (MedialibWindow    *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  MedialibResults *results = _medialib_window_get_results (self);
  gboolean any = !gtk_bitset_is_empty (selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", any);

  if (any && results != NULL)
    _medialib_window_show_details_at (self, gtk_bitset_get_minimum (selected));
}

static void
on_grid_activate_cb (MedialibWindow *self,
                     guint           position,
                     GtkGridView    *grid)
{
  _medialib_window_show_details_at (self, position);
  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
}

static void
toggle_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  gboolean show = !adw_overlay_split_view_get_show_sidebar (self->split_view);

  if (show && _medialib_window_get_details_asset (self) == NULL)
    {
      g_autoptr(GPtrArray) selected = _medialib_window_get_selected (self);

      if (selected->len == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
          g_clear_pointer (&selected, g_ptr_array_unref);
          selected = _medialib_window_get_selected (self);
        }
      if (selected->len > 0)
        show_details (self, g_ptr_array_index (selected, 0));
    }

  adw_overlay_split_view_set_show_sidebar (self->split_view, show);
}

static void
on_split_view_show_sidebar_cb (MedialibWindow      *self,
                               GParamSpec          *pspec,
                               AdwOverlaySplitView *split_view)
{
  gboolean shown = adw_overlay_split_view_get_show_sidebar (split_view);

  /* Shown by any means, it has its pane (medialib-window-details.c) */
  if (shown)
    _medialib_window_ensure_details_pane (self);
  gtk_toggle_button_set_active (self->details_button, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_button),
                               shown ? _("Hide Details") : _("Show Details"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* --- Opening the library ------------------------------------------------------------------- */

/* Tiles are 168 to about 340 pixels wide: textures of 320 pixels (times the scale factor)
 * keep them sharp at a quarter of the memory of the stored 512-pixel thumbnails. */
static void
on_scale_factor_changed_cb (MedialibWindow *self)
{
  if (self->thumbnails != NULL)
    medialib_thumbnail_cache_set_texture_size (self->thumbnails,
                                               TILE_TEXTURE_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/**
 * _medialib_window_set_store:
 *
 * Shows an opened library (at start-up, or after a restore).
 */
void
_medialib_window_set_store (MedialibWindow *self,
                            MedialibStore  *store)
{
  g_set_object (&self->store, store);
  g_set_str (&self->library_dir, medialib_store_get_dir (store));
  /* Another library's image: its similar search ends */
  if (_medialib_window_clear_similar (self))
    _medialib_window_update_chips (self);
  self->store_failed = FALSE;
  self->maintained = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload", !medialib_store_is_read_only (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload-folder", !medialib_store_is_read_only (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-collection", !medialib_store_is_read_only (store));

  g_clear_object (&self->thumbnails);
  self->thumbnails = medialib_thumbnail_cache_new (self->store, THUMBNAIL_CACHE_SIZE);
  on_scale_factor_changed_cb (self);
  _medialib_window_set_details_store (self, self->store);
  _medialib_window_sidebar_reset (self);
  /* Its first search once it is watched: no change falls in between */
  _medialib_window_live_watch (self);
  _medialib_window_import_resume (self);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, medialib_application_take_store_async))
    store = medialib_application_take_store_finish (result, &error);
  else
    store = medialib_store_open_finish (result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->store_failed = TRUE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload-folder", FALSE);
      _medialib_window_show_open_error (self, error);
      _medialib_window_library_failed (self, error);
      return;
    }

  /* Another library was chosen meanwhile */
  if (g_strcmp0 (medialib_store_get_dir (store), self->library_dir) != 0)
    return;

  _medialib_window_set_store (self, store);
  _medialib_window_library_opened (self);
}

/**
 * _medialib_window_open_library:
 *
 * Opens the window's library on a worker thread and shows it.
 */
void
_medialib_window_open_library (MedialibWindow *self)
{
  g_debug ("Opening library %s", self->library_dir);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now", FALSE);
  /* Only the last library chosen opens */
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  if (_medialib_window_take_early_store (self, on_store_opened_cb))
    return;
  medialib_store_open_async (self->library_dir, self->open_cancellable, on_store_opened_cb, g_object_ref (self));
}

/**
 * medialib_window_show_asset:
 *
 * Shows an asset's details (from the search provider): the grid selects it once it is there.
 */
void
medialib_window_show_asset (MedialibWindow *self,
                            gint64          id)
{
  g_return_if_fail (MEDIALIB_IS_WINDOW (self));

  self->details_id = id;
  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
  _medialib_window_refresh (self);
}

void
medialib_window_search (MedialibWindow *self,
                        const char     *text)
{
  g_return_if_fail (MEDIALIB_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * medialib_window_get_store:
 *
 * Returns: (transfer none) (nullable): the library, once it is open
 */
MedialibStore *
medialib_window_get_store (MedialibWindow *self)
{
  g_return_val_if_fail (MEDIALIB_IS_WINDOW (self), NULL);

  return self->store;
}

/* --- GObject ---------------------------------------------------------------------------------- */

/* Properties are set after "constructed" (GtkWindow:application is not a construct
 * property), so the window starts its work once it belongs to its application. */
static void
medialib_window_setup (MedialibWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = NULL;
  const char *library = NULL;

  if (MEDIALIB_IS_APPLICATION (app))
    {
      library = medialib_application_get_library_dir (MEDIALIB_APPLICATION (app));
      settings = medialib_application_get_settings (MEDIALIB_APPLICATION (app));
      if (settings != NULL)
        {
          g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
        }
    }

  if (settings != NULL)
    {
      /* The last sort and filters come back; the window keeps them up to date. */
      g_settings_bind (settings, "sort", self, "sort", G_SETTINGS_BIND_DEFAULT);
      _medialib_window_restore_filters (self, settings);
    }

  self->library_dir = library != NULL ? g_canonicalize_filename (library, NULL)
                                      : medialib_store_dup_default_dir ();
  _medialib_window_list_libraries (self);
  _medialib_window_open_library (self);
}

static gboolean
medialib_window_close_request (GtkWindow *window)
{
  MedialibWindow *self = MEDIALIB_WINDOW (window);

  _medialib_window_flush_deletions (self);

  return GTK_WINDOW_CLASS (medialib_window_parent_class)->close_request (window);
}

static void
medialib_window_dispose (GObject *object)
{
  MedialibWindow *self = MEDIALIB_WINDOW (object);

  _medialib_window_flush_deletions (self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->columns_source, g_source_remove);
  _medialib_window_live_unwatch (self);
  _medialib_window_collections_dispose (self);
  g_clear_weak_pointer (&self->offline_toast);
  if (self->details_item != NULL)
    g_signal_handlers_disconnect_by_data (self->details_item, self);
  g_clear_object (&self->details_item);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_WINDOW);
  _medialib_window_filters_dispose (self);
  _medialib_window_details_dispose (self);
  _medialib_window_status_dispose (self);
  _medialib_window_import_dispose (self);

  g_clear_object (&self->thumbnails);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->tile_menu_builder);

  G_OBJECT_CLASS (medialib_window_parent_class)->dispose (object);
}

static void
medialib_window_finalize (GObject *object)
{
  MedialibWindow *self = MEDIALIB_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_pointer (&self->library_names, g_hash_table_unref);
  g_clear_pointer (&self->import_queue, g_ptr_array_unref);
  g_clear_pointer (&self->last_results, g_ptr_array_unref);
  g_clear_pointer (&self->pending_delete, g_hash_table_unref);
  g_clear_pointer (&self->filter_tags, g_hash_table_unref);
  g_clear_pointer (&self->filter_teams, g_hash_table_unref);
  g_clear_pointer (&self->delete_batches, g_ptr_array_unref);
  g_clear_pointer (&self->live_queue, g_ptr_array_unref);
  g_clear_pointer (&self->tag_counts, g_ptr_array_unref);
  g_clear_pointer (&self->team_counts, g_ptr_array_unref);
  g_clear_pointer (&self->tag_names, g_strfreev);
  g_clear_pointer (&self->team_names, g_strfreev);
  g_clear_pointer (&self->sort, g_free);
  g_clear_pointer (&self->filter_color, g_free);
  g_clear_pointer (&self->searched_text, g_free);
  g_clear_pointer (&self->similar_name, g_free);
  g_clear_pointer (&self->library_dir, g_free);
  g_clear_pointer (&self->fits_key, g_free);
  g_clear_pointer (&self->fits_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (medialib_window_parent_class)->finalize (object);
}

static void
medialib_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MedialibWindow *self = MEDIALIB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;

    case PROP_LIBRARY_DIR:
      g_value_set_string (value, self->library_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MedialibWindow *self = MEDIALIB_WINDOW (object);
  MedialibSort sort;

  switch (prop_id)
    {
    case PROP_SORT:
      if (medialib_sort_from_string (g_value_get_string (value), &sort) &&
          g_set_str (&self->sort, g_value_get_string (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          _medialib_window_refresh (self);
        }
      break;

    case PROP_LIBRARY_DIR:
      if (g_value_get_string (value) != NULL)
        _medialib_window_switch_library (self, g_value_get_string (value), FALSE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_window_class_init (MedialibWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = medialib_window_dispose;
  object_class->finalize = medialib_window_finalize;
  object_class->get_property = medialib_window_get_property;
  object_class->set_property = medialib_window_set_property;
  window_class->close_request = medialib_window_close_request;

  /**
   * MedialibWindow:sort:
   *
   * "added" (newest first), "name" or "size" (largest first).
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "added",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedialibWindow:library-dir:
   *
   * The folder of the library the window shows; setting it opens another one.
   */
  properties[PROP_LIBRARY_DIR] =
    g_param_spec_string ("library-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MEDIALIB_TYPE_SELECTION);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, upload_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, library_icon);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, library_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, libraries_section);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, upload_menu);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, library_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-details", NULL, toggle_details_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-details", NULL);
  /* Bubbles up from the grid and the buttons; the search entry keeps Ctrl+A for its text */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);

  _medialib_window_filters_class_init (widget_class);
  _medialib_window_color_class_init (widget_class);
  _medialib_window_import_class_init (widget_class);
  _medialib_window_actions_class_init (widget_class);
  _medialib_window_bulk_class_init (widget_class);
  _medialib_window_backup_class_init (widget_class);
  _medialib_window_libraries_class_init (widget_class);
  _medialib_window_live_class_init (widget_class);
  _medialib_window_collections_class_init (widget_class);
  _medialib_window_save_collection_class_init (widget_class);
  _medialib_window_similar_class_init (widget_class);
}

/* A menu button's popover is made when it first opens: a popover menu makes a widget for
 * every item, and the window's first frame needs none of them. (GTK calls this each time
 * the button opens.) */
static void
create_menu_popover (GtkMenuButton *button,
                     gpointer       menu)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
medialib_window_init (MedialibWindow *self)
{
  GtkWidget *arrow;

  self->cancellable = g_cancellable_new ();
  self->sort = g_strdup ("added");
  self->pending_delete = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->filter_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->filter_teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->import_queue = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_menu_popover, self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->sort_button, create_menu_popover, self->sort_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->library_button, create_menu_popover, self->library_menu, NULL);
  /* The split button's arrow is its last child, a menu button */
  arrow = gtk_widget_get_last_child (GTK_WIDGET (self->upload_button));
  g_assert (GTK_IS_MENU_BUTTON (arrow));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (arrow), create_menu_popover, self->upload_menu, NULL);
  _medialib_window_filters_init (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->grid_view));
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view)),
                           "notify::page-size", G_CALLBACK (_medialib_window_schedule_fit_columns), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_view, "notify::show-sidebar",
                           G_CALLBACK (on_split_view_show_sidebar_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", FALSE);

  _medialib_window_import_init (self);
  _medialib_window_actions_init (self);
  _medialib_window_live_init (self);
  _medialib_window_collections_init (self);

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

MedialibWindow *
medialib_window_new (MedialibApplication *application)
{
  MedialibWindow *self;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (application), NULL);

  self = g_object_new (MEDIALIB_TYPE_WINDOW,
                       "application", application,
                       NULL);
  medialib_window_setup (self);

  return self;
}
