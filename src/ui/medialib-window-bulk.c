/* medialib-window-bulk.c — the tags and teams of the selected assets, changed at once
 * (Ctrl+T), in one transaction, with one Undo
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-bulk-dialog.h"
#include "medialib-window-private.h"

#define UNDO_SECONDS 10

static void
show_error (MedialibWindow *self,
            const GError   *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  if (!(done = medialib_store_change_labels_finish (MEDIALIB_STORE (object), result, &error)))
    show_error (self, error);
}

/* The toast's Undo: what was done, the other way round, on the library it was done on */
typedef struct
{
  MedialibWindow *self;   /* weak: the toast goes with the window */
  MedialibStore  *store;
  GPtrArray      *done;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_pointer (&undo->done, g_ptr_array_unref);
  g_free (undo);
}

static void
on_toast_undo_cb (AdwToast *toast,
                  Undo     *undo)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (undo->done == NULL || undo->store != undo->self->store ||
      !_medialib_window_live_check_writable (undo->self))
    return;

  changes = medialib_label_changes_invert (undo->done);
  g_clear_pointer (&undo->done, g_ptr_array_unref);
  medialib_store_change_labels_async (undo->store, changes, undo->self->cancellable,
                                      on_undone_cb, g_object_ref (undo->self));
}

static void
on_changed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  Undo *undo;

  if (!(done = medialib_store_change_labels_finish (MEDIALIB_STORE (object), result, &error)))
    {
      show_error (self, error);
      return;
    }

  ids = medialib_label_changes_dup_ids (done);
  if (ids->len == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tags of %u item changed", "Tags of %u items changed",
                                        ids->len),
                           ids->len);
  undo = g_new0 (Undo, 1);
  undo->self = self;
  undo->store = MEDIALIB_STORE (g_object_ref (object));
  undo->done = g_steal_pointer (&done);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), undo, undo_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_dialog_apply_cb (MedialibBulkDialog *dialog,
                    GPtrArray          *changes,
                    MedialibWindow     *self)
{
  if (self->store == NULL || !_medialib_window_live_check_writable (self))
    return;

  medialib_store_change_labels_async (self->store, changes, self->cancellable, on_changed_cb, g_object_ref (self));
}

static void
present_dialog (MedialibWindow *self,
                GPtrArray      *assets)
{
  MedialibBulkDialog *dialog;

  if (assets->len == 0)
    return;

  dialog = medialib_bulk_dialog_new (assets);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (on_dialog_apply_cb), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
on_selection_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  if (!(assets = medialib_store_get_assets_finish (MEDIALIB_STORE (object), result, &error)))
    {
      show_error (self, error);
      return;
    }

  present_dialog (self, assets);
}

/* Ctrl+T: the selected assets' tags and teams, or those of the one in the details pane. They
 * are read from the library first, off the main thread: the counts are those of now, and a
 * selection may reach assets the grid has not read yet (Ctrl+A in a large library). */
static void
edit_tags_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(GArray) ids = _medialib_window_get_selected_ids (self);
  MedialibAsset *details = _medialib_window_get_details_asset (self);

  if (self->store == NULL || !_medialib_window_live_check_writable (self))
    return;

  if (ids->len == 0 && details != NULL)
    {
      gint64 id = medialib_asset_get_id (details);

      g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    return;

  medialib_store_get_assets_async (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                   self->cancellable, on_selection_read_cb, g_object_ref (self));
}

void
_medialib_window_bulk_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-tags", NULL, edit_tags_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.edit-tags", NULL);
}
