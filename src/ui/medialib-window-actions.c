/* medialib-window-actions.c — what is done to selected assets: delete with undo, copy,
 * drag out, crop, and the tiles' context menu
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-tile.h"
#include "medialib-crop-dialog.h"
#include "medialib-export-dialog.h"
#include "medialib-generate-dialog.h"
#include "medialib-texture-loader.h"
#include "medialib-window-private.h"

/*
 * Deleting hides the assets at once and offers Undo for ten seconds. Only when the toast
 * goes away without Undo (or the window closes) are the rows and files removed, on a worker
 * thread, with the application held until that is done.
 */

#define UNDO_SECONDS 10

static void on_tile_pressed_cb (GtkGestureClick *gesture,
                                int              n_press,
                                double           x,
                                double           y,
                                MedialibWindow  *self);

typedef struct
{
  MedialibWindow *self;      /* unowned: the window flushes batches before it goes */
  GArray         *ids;
  gboolean        done;      /* undone or committed */
} DeleteBatch;

/* Batches are shared by the window's list and the toast's handlers, which may outlive it. */
static void
delete_batch_clear (DeleteBatch *batch)
{
  g_array_unref (batch->ids);
}

static void
delete_batch_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) delete_batch_clear);
}

static void
delete_batch_release_closure (gpointer  data,
                              GClosure *closure)
{
  delete_batch_release (data);
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GApplication *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_delete_finish (MEDIALIB_STORE (object), result, &error))
    g_warning ("Some assets could not be deleted: %s", error->message);

  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

static void
commit_batch (MedialibWindow *self,
              DeleteBatch    *batch)
{
  GApplication *app;

  if (batch->done || self->store == NULL)
    return;
  batch->done = TRUE;

  for (guint i = 0; i < batch->ids->len; i++)
    g_hash_table_remove (self->pending_delete, &g_array_index (batch->ids, gint64, i));

  /* The application stays until the files are gone, even when the window closes. */
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app != NULL)
    g_application_hold (app);

  medialib_store_delete_async (self->store, (gint64 *) (gpointer) batch->ids->data, batch->ids->len, NULL,
                               on_deleted_cb, app ? g_object_ref (app) : NULL);
}

static void
on_toast_dismissed_cb (AdwToast    *toast,
                       DeleteBatch *batch)
{
  if (batch->self != NULL)
    {
      MedialibWindow *self = batch->self;

      commit_batch (self, batch);
      _medialib_window_refresh_labels (self);
    }
}

static void
on_toast_undo_cb (AdwToast    *toast,
                  DeleteBatch *batch)
{
  MedialibWindow *self = batch->self;

  if (self == NULL || batch->done)
    return;
  batch->done = TRUE;

  for (guint i = 0; i < batch->ids->len; i++)
    g_hash_table_remove (self->pending_delete, &g_array_index (batch->ids, gint64, i));

  _medialib_window_refresh (self);
}

/* Commits every deletion still waiting for its toast. */
void
_medialib_window_flush_deletions (MedialibWindow *self)
{
  if (self->delete_batches == NULL)
    return;

  for (guint i = 0; i < self->delete_batches->len; i++)
    {
      DeleteBatch *batch = g_ptr_array_index (self->delete_batches, i);

      commit_batch (self, batch);
      batch->self = NULL;
    }

  g_ptr_array_set_size (self->delete_batches, 0);
}

static void
remove_from_model (MedialibWindow *self,
                   GHashTable     *ids)
{
  MedialibResults *results = _medialib_window_get_results (self);

  if (results != NULL)
    medialib_results_remove_ids (results, ids);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(GArray) selected = _medialib_window_get_selected_ids (self);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  MedialibResults *results = _medialib_window_get_results (self);
  MedialibAsset *details = _medialib_window_get_details_asset (self);
  g_autoptr(MedialibAsset) single = NULL;
  g_autofree char *title = NULL;
  DeleteBatch *batch;
  AdwToast *toast;

  if (selected->len == 0 && details != NULL)
    {
      gint64 id = medialib_asset_get_id (details);

      g_array_append_val (selected, id);
      single = g_object_ref (details);
    }
  else if (selected->len == 1 && results != NULL)
    {
      int position = medialib_results_find_id (results, g_array_index (selected, gint64, 0));
      MedialibAsset *asset = position >= 0 ? medialib_results_peek_asset (results, (guint) position) : NULL;

      single = asset != NULL ? g_object_ref (asset) : NULL;
    }

  if (selected->len == 0 || !_medialib_window_live_check_writable (self))
    return;

  batch = g_rc_box_new0 (DeleteBatch);
  batch->self = self;
  batch->ids = g_array_copy (selected);

  for (guint i = 0; i < batch->ids->len; i++)
    {
      gint64 *id = &g_array_index (batch->ids, gint64, i);

      g_hash_table_add (self->pending_delete, g_memdup2 (id, sizeof *id));
      g_hash_table_add (ids, id);
    }

  remove_from_model (self, ids);

  if (self->details_id != 0 && g_hash_table_contains (ids, &self->details_id))
    {
      self->details_id = 0;
      _medialib_window_set_details_asset (self, NULL);
      adw_overlay_split_view_set_show_sidebar (self->split_view, FALSE);
    }

  /* Deleting the image of a similar search ends it (medialib-window-similar.c) */
  if (!_medialib_window_similar_deleted (self, ids) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    _medialib_window_refresh (self);

  if (single != NULL)
    /* Translators: %s is the name of the deleted asset */
    title = g_strdup_printf (_("“%s” deleted"), medialib_asset_get_name (single));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item deleted", "%u items deleted",
                                          selected->len),
                             selected->len);

  g_ptr_array_add (self->delete_batches, batch);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb),
                         g_rc_box_acquire (batch), delete_batch_release_closure, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb),
                         g_rc_box_acquire (batch), delete_batch_release_closure, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* --- Clipboard ------------------------------------------------------------------------------------ */

static GdkContentProvider *
files_provider (GPtrArray *assets,
                GdkTexture *texture)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new ();
  g_autoptr(GString) uris = g_string_new (NULL);
  GSList *files = NULL;
  GdkContentProvider *provider;

  for (guint i = assets->len; i > 0; i--)
    files = g_slist_prepend (files, g_file_new_for_path (medialib_asset_get_path (g_ptr_array_index (assets, i - 1))));

  for (guint i = 0; i < assets->len; i++)
    {
      g_autofree char *uri = medialib_asset_dup_uri (g_ptr_array_index (assets, i));

      g_string_append_printf (uris, "%s%s", i > 0 ? "\n" : "", uri);
    }

  if (texture != NULL)
    g_ptr_array_add (providers, gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture));
  g_ptr_array_add (providers, gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files));
  g_ptr_array_add (providers, gdk_content_provider_new_typed (G_TYPE_STRING, uris->str));

  provider = gdk_content_provider_new_union ((GdkContentProvider **) providers->pdata, providers->len);
  g_slist_free_full (files, g_object_unref);

  return provider;
}

static void
copy_to_clipboard (MedialibWindow *self,
                   GPtrArray      *assets,
                   GdkTexture     *texture)
{
  g_autoptr(GdkContentProvider) provider = files_provider (assets, texture);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (texture ? _("Image copied") : _("Copied")));
}

typedef struct
{
  MedialibWindow *self;
  GPtrArray      *assets;
  guint           pending;   /* files still being brought to this computer */
  gboolean        failed;
} CopyCall;

static void
on_copy_texture_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autofree CopyCall *call = user_data;
  g_autoptr(MedialibWindow) self = call->self;
  g_autoptr(GPtrArray) assets = call->assets;
  g_autoptr(GdkTexture) texture = result != NULL ? medialib_texture_load_finish (result, NULL) : NULL;

  copy_to_clipboard (self, assets, texture);
}

/* Every file copied is on this computer first (a team library's may be in its bucket only);
 * then one image is copied as itself too */
static void
on_copy_file_here_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CopyCall *call = user_data;
  g_autoptr(GError) error = NULL;
  MedialibAsset *first;

  if (!medialib_store_ensure_file_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (!call->failed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (call->self->toast_overlay, adw_toast_new (error->message));
      call->failed = TRUE;
    }

  if (--call->pending > 0)
    return;

  if (call->failed)
    {
      g_object_unref (call->self);
      g_ptr_array_unref (call->assets);
      g_free (call);
      return;
    }

  first = g_ptr_array_index (call->assets, 0);
  if (call->assets->len == 1 && medialib_asset_get_kind (first) == MEDIALIB_ASSET_KIND_IMAGE)
    medialib_texture_load_async (medialib_asset_get_path (first), 0, MEDIALIB_TEXTURE_AS_STORED,
                                 call->self->cancellable, on_copy_texture_loaded_cb, call);
  else
    on_copy_texture_loaded_cb (NULL, NULL, call);
}

static void
copy_assets (MedialibWindow *self,
             GPtrArray      *assets)
{
  CopyCall *call;

  if (assets->len == 0 || self->store == NULL)
    return;

  call = g_new0 (CopyCall, 1);
  call->self = g_object_ref (self);
  call->assets = g_ptr_array_ref (assets);
  call->pending = call->assets->len;
  for (guint i = 0; i < call->assets->len; i++)
    medialib_store_ensure_file_async (self->store, g_ptr_array_index (call->assets, i), self->cancellable,
                                      on_copy_file_here_cb, call);
}

static void
on_copy_selection_read_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  if (!(assets = medialib_store_get_assets_finish (MEDIALIB_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  copy_assets (self, assets);
}

/* Ctrl+C: the image itself for one image (so it pastes into editors), and the files. The grid
 * reads its assets a page at a time: a selection that reaches assets it has not shown yet
 * (Ctrl+A in a large library) reads them all first, off the main thread. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(GPtrArray) selected = _medialib_window_get_selected (self);
  g_autoptr(GArray) ids = _medialib_window_get_selected_ids (self);

  if (self->store == NULL || ids->len == 0)
    return;

  if (selected->len == ids->len)
    copy_assets (self, selected);
  else
    medialib_store_get_assets_async (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                     self->cancellable, on_copy_selection_read_cb, g_object_ref (self));
}

/* --- Dragging tiles out ---------------------------------------------------------------------------- */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource  *source,
                    double          x,
                    double          y,
                    MedialibWindow *self)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  MedialibAsset *asset = medialib_asset_tile_get_asset (MEDIALIB_ASSET_TILE (tile));
  g_autoptr(GPtrArray) selected = _medialib_window_get_selected (self);
  gboolean in_selection = FALSE;
  GdkTexture *icon;

  if (asset == NULL)
    return NULL;

  for (guint i = 0; i < selected->len; i++)
    in_selection |= medialib_asset_get_id (g_ptr_array_index (selected, i)) == medialib_asset_get_id (asset);

  /* Dragging a selected tile takes the whole selection; another tile goes alone. */
  if (!in_selection)
    {
      g_ptr_array_set_size (selected, 0);
      g_ptr_array_add (selected, g_object_ref (asset));
    }

  icon = self->thumbnails ? medialib_thumbnail_cache_lookup (self->thumbnails, asset) : NULL;
  if (icon != NULL)
    gtk_drag_source_set_icon (source, GDK_PAINTABLE (icon), 16, 16);

  /* The files must be on this computer by the drop: a team library's are brought from its
   * bucket while the pointer moves (the provider's paths are where they will be) */
  for (guint i = 0; self->store != NULL && i < selected->len; i++)
    medialib_store_ensure_file_async (self->store, g_ptr_array_index (selected, i), NULL, NULL, NULL);

  return files_provider (selected, NULL);
}

void
_medialib_window_setup_tile_drag (MedialibWindow *self,
                                  GtkWidget      *tile)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_tile_pressed_cb), self, 0);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self, 0);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (source));
}

/* --- Crop ------------------------------------------------------------------------------------------ */

/* What the tile menu's and the details pane's actions act on: the first selected asset, or
 * the details pane's */
MedialibAsset *
_medialib_window_get_target (MedialibWindow *self)
{
  g_autoptr(GPtrArray) selected = _medialib_window_get_selected (self);

  if (selected->len > 0)
    return g_object_ref (g_ptr_array_index (selected, 0));

  if (_medialib_window_get_details_asset (self) != NULL)
    return g_object_ref (_medialib_window_get_details_asset (self));

  return NULL;
}

static void
on_cropped_cb (MedialibWindow     *self,
               MedialibAsset      *asset,
               const char         *warnings,
               MedialibCropDialog *dialog)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %s is the name of the new, cropped image */
  title = g_strdup_printf (_("“%s” added"), medialib_asset_get_name (asset));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  if (warnings != NULL)
    {
      g_autofree char *first = g_strndup (warnings, strcspn (warnings, "\n"));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (first));
    }

  /* Show the new image: the details follow it once the grid has it (the store tells the
   * window of the new asset, medialib-window-live.c). */
  self->details_id = medialib_asset_get_id (asset);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
crop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(MedialibAsset) asset = _medialib_window_get_target (self);
  MedialibCropDialog *dialog;

  if (asset == NULL || self->store == NULL || !_medialib_window_live_check_writable (self))
    return;

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Only images can be cropped")));
      return;
    }

  dialog = medialib_crop_dialog_new (self->store, asset);
  g_signal_connect_object (dialog, "cropped", G_CALLBACK (on_cropped_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

/* --- Export for Channels ------------------------------------------------------------------------- */

static void
on_exported_cb (MedialibWindow       *self,
                GFile                *folder,
                guint                 count,
                MedialibExportDialog *dialog)
{
  g_autofree char *title = NULL;
  g_autofree char *uri = g_file_get_uri (folder);
  AdwToast *toast;

  /* Translators: how many files were exported for channels */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file exported", "%u files exported", count), count);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_channels_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(MedialibAsset) asset = _medialib_window_get_target (self);
  MedialibExportDialog *dialog;

  if (asset == NULL || self->store == NULL)
    return;

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Only images can be exported for channels")));
      return;
    }

  dialog = medialib_export_dialog_new (self->store, asset);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

static void
on_folder_opened_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the folder: %s", error->message);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (folder);

  gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, on_folder_opened_cb, NULL);
}

/* A crop whose parent changed: the crop dialog on the parent's new version, with the crop's
 * preset and rectangle when they are known (medialib-versions-group.c) */
typedef struct
{
  MedialibWindow *self;
  char           *preset;
  MedialibRect    rect;       /* in the parent's version the crop was made from; width 0: unknown */
  int             from_width;
  int             from_height;
} CropAgain;

static void
on_crop_again_parent_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autofree CropAgain *call = user_data;
  g_autoptr(MedialibWindow) self = call->self;
  g_autofree char *preset = call->preset;
  g_autoptr(MedialibAsset) parent = NULL;
  g_autoptr(GError) error = NULL;
  MedialibCropDialog *dialog;

  if (!(parent = medialib_store_get_asset_finish (MEDIALIB_STORE (object), result, &error)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  dialog = medialib_crop_dialog_new (self->store, parent);
  if (preset[0] != '\0')
    medialib_crop_dialog_select_preset (dialog, preset);
  if (call->rect.width > 0 && call->rect.height > 0)
    medialib_crop_dialog_set_rect (dialog, &call->rect, call->from_width, call->from_height);
  g_signal_connect_object (dialog, "cropped", G_CALLBACK (on_cropped_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
crop_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  CropAgain *call;
  const char *preset;
  gint64 parent;

  if (self->store == NULL || !_medialib_window_live_check_writable (self))
    return;

  call = g_new0 (CropAgain, 1);
  g_variant_get (parameter, "(x&s(iiii)(ii))", &parent, &preset, &call->rect.x, &call->rect.y,
                 &call->rect.width, &call->rect.height, &call->from_width, &call->from_height);
  call->self = g_object_ref (self);
  call->preset = g_strdup (preset);
  medialib_store_get_asset_async (self->store, parent, NULL, on_crop_again_parent_cb, call);
}

/* --- AI Image Generator ------------------------------------------------------------------------ */

static void
on_variant_added_cb (MedialibWindow         *self,
                     MedialibAsset          *asset,
                     MedialibGenerateDialog *dialog)
{
  /* Translators: %s is the name of a generated image */
  g_autofree char *title = g_strdup_printf (_("“%s” added"), medialib_asset_get_name (asset));

  /* The grid has it once the store tells the window (medialib-window-live.c) */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;
  MedialibGenerateDialog *dialog;

  if (self->store == NULL || !_medialib_window_live_check_writable (self))
    return;

  /* The current filter's tags and teams go to the images that are added. */
  tags = _medialib_window_filter_names (self->filter_tags);
  teams = _medialib_window_filter_names (self->filter_teams);
  dialog = medialib_generate_dialog_new (self->store, (const char * const *) tags, (const char * const *) teams);
  g_signal_connect_object (dialog, "variant-added", G_CALLBACK (on_variant_added_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

/* --- The tiles' context menu ------------------------------------------------------------------ */

static void
on_tile_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MedialibWindow  *self)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  MedialibAsset *asset = medialib_asset_tile_get_asset (MEDIALIB_ASSET_TILE (tile));
  MedialibResults *results = _medialib_window_get_results (self);
  GtkWidget *menu;
  GMenuModel *model_menu;
  int position;

  if (asset == NULL || results == NULL)
    return;

  /* Right-clicking a tile outside the selection selects it alone. */
  position = medialib_results_find_id (results, medialib_asset_get_id (asset));
  if (position >= 0 && !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), (guint) position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);

  model_menu = G_MENU_MODEL (gtk_builder_get_object (self->tile_menu_builder, "tile_menu"));
  menu = gtk_popover_menu_new_from_model (model_menu);
  gtk_widget_set_parent (menu, tile);
  gtk_popover_set_has_arrow (GTK_POPOVER (menu), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (menu, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(MedialibAsset) asset = _medialib_window_get_target (self);

  if (asset == NULL)
    return;

  self->details_id = medialib_asset_get_id (asset);
  _medialib_window_set_details_asset (self, asset);
  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
}

void
_medialib_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.crop", NULL, crop_action);
  gtk_widget_class_install_action (widget_class, "win.export-channels", NULL, export_channels_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.crop-again", "(xs(iiii)(ii))", crop_again_action);
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.crop", NULL);
}

void
_medialib_window_actions_init (MedialibWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->tile_menu_builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/medialib-tile-menu.ui");
  self->delete_batches = g_ptr_array_new_with_free_func (delete_batch_release);

  /* On the grid only: Delete and Ctrl+C in a text field edit the text. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("win.delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.copy")));
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), shortcuts);
}
