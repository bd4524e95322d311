/* medialib-window-save-collection.c — Save Search as Collection…: the current search and
 * filters (the sidebar's row's too) saved under a name
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
 * The name is asked in an alert dialog; a name that a collection has already (in any case)
 * turns its button into "Replace", since saving replaces that collection.
 */

typedef struct
{
  MedialibWindow *self;
  AdwAlertDialog *dialog;
  GtkEditable    *entry;
} SaveDialog;

static gboolean
collection_exists (MedialibWindow *self,
                   const char     *name)
{
  g_autofree char *key = medialib_collection_key (name);

  for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
    {
      g_autofree char *other = medialib_collection_key (((MedialibCollection *) g_ptr_array_index (self->collections, i))->name);

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

static void
on_save_name_changed_cb (GtkEditable *entry,
                         SaveDialog  *save)
{
  g_autofree char *name = medialib_collection_normalize_name (gtk_editable_get_text (entry), NULL);
  gboolean exists = name != NULL && collection_exists (save->self, name);

  adw_alert_dialog_set_response_enabled (save->dialog, "save", name != NULL);
  adw_alert_dialog_set_response_label (save->dialog, "save", exists ? _("_Replace") : _("_Save"));
  adw_alert_dialog_set_response_appearance (save->dialog, "save",
                                            exists ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
}

typedef struct
{
  MedialibWindow *self;
  char           *name;
} SaveCall;

static void
save_call_free (SaveCall *call)
{
  g_clear_object (&call->self);
  g_free (call->name);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveCall, save_call_free)

static void
on_collection_saved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SaveCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!medialib_store_save_collection_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (call->self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* Translators: %s is a saved collection's name */
  title = g_strdup_printf (_("Saved as “%s”"), call->name);
  adw_toast_overlay_add_toast (call->self->toast_overlay, adw_toast_new (title));
}

static void
on_save_response_cb (AdwAlertDialog *dialog,
                     const char     *response,
                     SaveDialog     *save)
{
  MedialibWindow *self = save->self;
  g_autofree char *name = NULL;
  g_autoptr(MedialibQuery) query = NULL;
  SaveCall *call;

  if (!g_str_equal (response, "save") || self->store == NULL ||
      !(name = medialib_collection_normalize_name (gtk_editable_get_text (save->entry), NULL)))
    return;

  query = _medialib_window_build_query (self);
  call = g_new0 (SaveCall, 1);
  call->self = g_object_ref (self);
  call->name = g_strdup (name);
  medialib_store_save_collection_async (self->store, name, query, self->cancellable, on_collection_saved_cb, call);
}

static void
save_collection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  SaveDialog *save;
  GtkWidget *entry;
  AdwDialog *dialog;

  if (self->store == NULL || medialib_store_is_read_only (self->store))
    return;

  dialog = adw_alert_dialog_new (_("Save Search as Collection"),
                                 _("The collection shows the assets that match the current search and filters, as the library changes."));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "save", _("_Save"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), "save", FALSE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "save");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Collection Name"), -1);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), entry);

  save = g_new0 (SaveDialog, 1);
  save->self = self;
  save->dialog = ADW_ALERT_DIALOG (dialog);
  save->entry = GTK_EDITABLE (entry);
  g_object_set_data_full (G_OBJECT (dialog), "medialib-save", save, g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_save_name_changed_cb), save);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), save);

  adw_dialog_present (dialog, GTK_WIDGET (self));
  gtk_widget_grab_focus (entry);
}

void
_medialib_window_save_collection_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-collection", NULL, save_collection_action);
}
