/* medialib-window-import.c — uploads: file chooser, drag and drop, progress, summary
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-import-summary.h"
#include "medialib-window-private.h"

static void start_next_import (MedialibWindow *self);

static void
show_summary (MedialibWindow *self)
{
  MedialibImportSummary *summary;

  if (self->last_results == NULL)
    return;

  adw_banner_set_revealed (self->banner, FALSE);
  summary = medialib_import_summary_new (self->last_results);
  adw_dialog_present (ADW_DIALOG (summary), GTK_WIDGET (self));
}

static void
show_import_summary_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  show_summary (MEDIALIB_WINDOW (widget));
}

static void
on_toast_details_cb (MedialibWindow *self,
                     AdwToast       *toast)
{
  show_summary (self);
}

static void
on_import_progress_cb (guint                       done,
                       guint                       total,
                       const MedialibImportResult *last,
                       gpointer                    user_data)
{
  MedialibWindow *self = user_data;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;

  if (last != NULL)
    base = g_path_get_basename (last->path);

  /* Translators: import progress: files done, total, and the last file's name */
  text = g_strdup_printf (_("Importing %u of %u — %s"), done, total, base ? base : "");
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);

  /* New assets appear in the grid as they arrive, told by the store (medialib-window-live.c) */
  if (last != NULL && last->status == MEDIALIB_IMPORT_ADDED)
    self->import_added++;
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  AdwToast *toast;
  guint n_problems = 0;

  results = medialib_store_import_finish (MEDIALIB_STORE (object), result, &error);
  g_clear_object (&self->import_cancellable);

  if (results == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Import cancelled; %u file was added",
                                                "Import cancelled; %u files were added",
                                                self->import_added),
                                   self->import_added);
      else
        /* Translators: %s is the reason */
        summary = g_strdup_printf (_("The import failed: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (summary));
    }
  else
    {
      g_clear_pointer (&self->last_results, g_ptr_array_unref);
      self->last_results = g_ptr_array_ref (results);
      summary = medialib_import_summary_describe (results, &n_problems);

      toast = adw_toast_new (summary);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_timeout (toast, 8);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_details_cb), self,
                               G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);

      /* Problems stay visible until looked at: a toast alone would go away. */
      if (n_problems > 0)
        {
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u file was not added",
                                                                 "%u files were not added",
                                                                 n_problems),
                                                    n_problems);
          adw_banner_set_title (self->banner, title);
          adw_banner_set_revealed (self->banner, TRUE);
        }
    }

  if (self->import_queue->len > 0)
    start_next_import (self);
  else
    {
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
    }
}

static void
start_next_import (MedialibWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  if (self->store == NULL || self->import_cancellable != NULL || self->import_queue->len == 0)
    return;

  files = g_ptr_array_steal_index (self->import_queue, 0);
  self->import_cancellable = g_cancellable_new ();
  self->import_added = 0;

  gtk_label_set_label (self->progress_label, _("Preparing import…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  adw_banner_set_revealed (self->banner, FALSE);

  medialib_store_import_async (self->store, (GFile **) files->pdata, files->len, NULL,
                               self->import_cancellable,
                               on_import_progress_cb, g_object_ref (self), g_object_unref,
                               on_import_done_cb, g_object_ref (self));
}

/**
 * _medialib_window_import_files:
 *
 * Imports files and folders, after any import already running.
 */
void
_medialib_window_import_files (MedialibWindow  *self,
                               GFile          **files,
                               guint            n_files)
{
  GPtrArray *batch;

  g_assert (MEDIALIB_IS_WINDOW (self));

  /* Refused, not queued, while a team library's server is out of reach */
  if (n_files == 0 || !_medialib_window_live_check_writable (self))
    return;

  batch = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (batch, g_object_ref (files[i]));
  g_ptr_array_add (self->import_queue, batch);

  start_next_import (self);
}

/**
 * medialib_window_import:
 *
 * Imports files and folders (Open With, drops, the file chooser), with progress and the
 * usual summary. Waits for the library to be open.
 */
void
medialib_window_import (MedialibWindow  *self,
                        GFile          **files,
                        guint            n_files)
{
  g_return_if_fail (MEDIALIB_IS_WINDOW (self));

  _medialib_window_import_files (self, files, n_files);
}

/* Starts what was queued before the library was open */
void
_medialib_window_import_resume (MedialibWindow *self)
{
  start_next_import (self);
}

static void
import_list_model (MedialibWindow *self,
                   GListModel     *model)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));

  _medialib_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
on_files_chosen_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files != NULL)
    import_list_model (self, files);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_folders_chosen_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GListModel) folders = NULL;
  g_autoptr(GError) error = NULL;

  folders = gtk_file_dialog_select_multiple_folders_finish (GTK_FILE_DIALOG (object), result, &error);
  if (folders != NULL)
    import_list_model (self, folders);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  const char *types[] = { "image/png", "image/jpeg", "image/gif", "text/vcard", "text/x-vcard",
                          "text/directory" };
  const char *suffixes[] = { "png", "jpg", "jpeg", "gif", "vcf" };

  gtk_file_filter_set_name (filter, _("Images and Contact Cards"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  g_list_store_append (filters, filter);

  gtk_file_dialog_set_title (dialog, _("Upload Files"));
  gtk_file_dialog_set_accept_label (dialog, _("_Upload"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), self->cancellable,
                                 on_files_chosen_cb, g_object_ref (self));
}

static void
upload_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Upload Folder"));
  gtk_file_dialog_set_accept_label (dialog, _("_Upload"));
  gtk_file_dialog_select_multiple_folders (dialog, GTK_WINDOW (self), self->cancellable,
                                           on_folders_chosen_cb, g_object_ref (self));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  g_ptr_array_set_size (self->import_queue, 0);
  g_cancellable_cancel (self->import_cancellable);
  gtk_label_set_label (self->progress_label, _("Cancelling…"));
}

/* --- Drag and drop onto the window -------------------------------------------------------------- */

static GdkDragAction
on_drop_enter_cb (GtkDropTarget  *target,
                  double          x,
                  double          y,
                  MedialibWindow *self)
{
  /* Hidden until the first drag (its big title and icon are not laid out with the window) */
  gtk_widget_set_visible (GTK_WIDGET (self->drop_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);
  return GDK_ACTION_COPY;
}

static void
on_drop_leave_cb (GtkDropTarget  *target,
                  MedialibWindow *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            MedialibWindow *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GSList *list;

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* Files dragged out of this window are already in the library. */
  if (gtk_drop_target_get_current_drop (target) != NULL &&
      gdk_drop_get_drag (gtk_drop_target_get_current_drop (target)) != NULL)
    return FALSE;

  for (list = g_value_get_boxed (value); list != NULL; list = list->next)
    g_ptr_array_add (files, list->data);

  _medialib_window_import_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* A drop that a widget inside takes (a file dropped on the details preview replaces the
 * asset's): the window's "add to the library" overlay goes */
static void
hide_drop_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (MEDIALIB_WINDOW (widget)->drop_revealer, FALSE);
}

void
_medialib_window_import_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.hide-drop-overlay", NULL, hide_drop_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "win.upload-folder", NULL, upload_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-summary", NULL, show_import_summary_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.upload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.upload-folder", NULL);
}

void
_medialib_window_import_init (MedialibWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
}
