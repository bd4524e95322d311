/* medialib-versions-group.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-versions-group"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-versions-group.h"

/*
 * The asset's contents, newest first, each with Revert but the current one; "Replace File…"
 * (a file dialog, or a file dropped on the preview) replaces the content, keeping the asset
 * (medialib_store_replace()), and its toast's Undo reverts to the content it replaced. A
 * crop whose parent changed since it was made offers to crop the parent again, with its
 * preset (the window's win.crop-again). The store tells the window of each change, which
 * gives the pane the asset again: the list is read again then.
 */

#define TOAST_SECONDS 10

struct _MedialibVersionsGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *replace_row;     /* the list's first row, under the explanation */
  AdwActionRow        *crop_again_row;
  GPtrArray           *rows;
  GPtrArray           *revert_buttons;  /* in the rows */

  MedialibStore       *store;
  MedialibAsset       *asset;
  GCancellable        *cancellable;
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (MedialibVersionsGroup, medialib_versions_group, ADW_TYPE_PREFERENCES_GROUP)

static void
add_toast (MedialibVersionsGroup *self,
           AdwToast              *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (MedialibVersionsGroup *self,
            const char            *heading,
            const char            *message)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static char *
describe_version (MedialibVersion *version)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (version->since);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *date = g_date_time_format (local, "%x %X");
  g_autofree char *size = g_format_size ((guint64) version->bytes);
  g_autofree char *dimensions = version->width > 0 ? g_strdup_printf ("%d × %d", version->width, version->height)
                                                   : NULL;
  GString *text = g_string_new (date);

  g_string_append_printf (text, " · %s", size);
  if (dimensions != NULL)
    g_string_append_printf (text, " · %s", dimensions);
  if (version->by != NULL)
    /* Translators: who made this version the asset's content */
    g_string_append_printf (text, " · %s", version->by);

  return g_string_free (text, FALSE);
}

static void on_revert_clicked_cb (GtkButton *button, MedialibVersionsGroup *self);

static void
clear_rows (MedialibVersionsGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->revert_buttons, 0);
}

static void
show_versions (MedialibVersionsGroup *self,
               GPtrArray             *versions)
{
  clear_rows (self);

  for (guint i = 0; i < versions->len; i++)
    {
      MedialibVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = describe_version (version);
      GtkWidget *row = adw_action_row_new ();

      if (version->current)
        /* Translators: %u is a version number */
        title = g_strdup_printf (_("Version %u (Current)"), version->number);
      else
        title = g_strdup_printf (_("Version %u"), version->number);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");

      if (!version->current)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revert"));
          g_autofree char *label = g_strdup_printf (_("Revert to Version %u"), version->number);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, label);
          /* A screen reader says which version: the label alone would only say "Revert" */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          gtk_widget_set_sensitive (button, self->editable);
          g_object_set_data (G_OBJECT (button), "version", GUINT_TO_POINTER (version->number));
          g_signal_connect (button, "clicked", G_CALLBACK (on_revert_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          g_ptr_array_add (self->revert_buttons, button);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_versions_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MedialibVersionsGroup) self = user_data;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = medialib_store_list_versions_finish (MEDIALIB_STORE (object), result, &error);
  if (versions != NULL)
    show_versions (self, versions);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No versions: %s", error->message);
}

static void
on_origin_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibVersionsGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  MedialibCropOrigin origin = { 0 };

  if (!medialib_store_get_crop_origin_finish (MEDIALIB_STORE (object), result, &origin, &error))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->crop_again_row), origin.parent > 0 && origin.outdated);
  if (origin.outdated)
    {
      /* Translators: %u is the number of the version of the image the crop was made from */
      g_autofree char *subtitle = g_strdup_printf (_("This crop was made from version %u of the image, which was replaced since"),
                                                   origin.version);

      adw_action_row_set_subtitle (self->crop_again_row, subtitle);
      /* The crop's rectangle in the parent's version it was made from: medialib-window-actions.c */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->crop_again_row), "(xs(iiii)(ii))", (gint64) origin.parent,
                                        origin.preset != NULL ? origin.preset : "",
                                        origin.x, origin.y, origin.width, origin.height,
                                        origin.parent_width, origin.parent_height);
    }
  medialib_crop_origin_clear (&origin);
}

static void
reload (MedialibVersionsGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->crop_again_row), FALSE);

  if (self->store == NULL || self->asset == NULL)
    {
      clear_rows (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  medialib_store_list_versions_async (self->store, medialib_asset_get_id (self->asset), self->cancellable,
                                      on_versions_cb, g_object_ref (self));
  if (medialib_asset_get_parent (self->asset) > 0)
    medialib_store_get_crop_origin_async (self->store, medialib_asset_get_id (self->asset), self->cancellable,
                                          on_origin_cb, g_object_ref (self));
}

void
medialib_versions_group_set_asset (MedialibVersionsGroup *self,
                                   MedialibStore         *store,
                                   MedialibAsset         *asset)
{
  gboolean same;

  g_return_if_fail (MEDIALIB_IS_VERSIONS_GROUP (self));

  same = self->asset != NULL && asset != NULL && store == self->store &&
         medialib_asset_get_id (self->asset) == medialib_asset_get_id (asset) &&
         g_strcmp0 (medialib_asset_get_sha256 (self->asset), medialib_asset_get_sha256 (asset)) == 0;

  g_set_object (&self->store, store);
  g_set_object (&self->asset, asset);
  gtk_widget_set_visible (GTK_WIDGET (self), asset != NULL);
  if (!same)
    reload (self);
}

void
medialib_versions_group_set_editable (MedialibVersionsGroup *self,
                                      gboolean               editable)
{
  g_return_if_fail (MEDIALIB_IS_VERSIONS_GROUP (self));

  self->editable = !!editable;
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_row), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop_again_row), self->editable);
  for (guint i = 0; i < self->revert_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->revert_buttons, i), self->editable);
}

/* --- Replacing and reverting ------------------------------------------------------------------ */

typedef struct
{
  MedialibVersionsGroup *self;
  MedialibStore         *store;
  gint64                 id;
  char                  *name;
  guint                  previous;   /* the current version before, for Undo */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->self);
  g_clear_object (&change->store);
  g_free (change->name);
  g_free (change);
}

static Change *
change_new (MedialibVersionsGroup *self)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->store = g_object_ref (self->store);
  change->id = medialib_asset_get_id (self->asset);
  change->name = g_strdup (medialib_asset_get_name (self->asset));
  change->previous = self->rows->len;
  return change;
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibVersionsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_revert_finish (MEDIALIB_STORE (object), result, &error))
    show_error (self, _("The Change Could Not Be Undone"), error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Change   *change)
{
  medialib_store_revert_async (change->store, change->id, change->previous, NULL, on_undone_cb,
                               g_object_ref (change->self));
}

static void
toast_with_undo (Change     *change,
                 const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, TOAST_SECONDS);
  if (change->previous > 0)
    {
      Change *copy = g_new0 (Change, 1);

      *copy = *change;
      copy->self = g_object_ref (change->self);
      copy->store = g_object_ref (change->store);
      copy->name = g_strdup (change->name);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), copy,
                             (GClosureNotify) (void (*) (void)) change_free, 0);
    }
  add_toast (change->self, toast);
}

static void
on_replaced_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Change *change = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_replace_finish (MEDIALIB_STORE (object), result, &error))
    show_error (change->self, _("The File Could Not Be Replaced"), error->message);
  else
    {
      /* Translators: %s is the asset's name */
      g_autofree char *title = g_strdup_printf (_("“%s” replaced"), change->name);

      toast_with_undo (change, title);
    }

  change_free (change);
}

/**
 * medialib_versions_group_replace:
 *
 * Replaces the asset's content with @file, on a worker thread; a toast says so, with Undo.
 */
void
medialib_versions_group_replace (MedialibVersionsGroup *self,
                                 GFile                 *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MEDIALIB_IS_VERSIONS_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->asset == NULL || !self->editable)
    return;

  if (!(path = g_file_get_path (file)))
    {
      show_error (self, _("The File Could Not Be Replaced"), _("Only files on this computer can replace an asset’s file"));
      return;
    }

  medialib_store_replace_async (self->store, medialib_asset_get_id (self->asset), path, NULL,
                                on_replaced_cb, change_new (self));
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedialibVersionsGroup) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    medialib_versions_group_replace (self, file);
}

static void
on_replace_activated_cb (MedialibVersionsGroup *self,
                         AdwActionRow          *row)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->asset == NULL)
    return;

  gtk_file_filter_set_name (filter, _("Files of the Same Type"));
  gtk_file_filter_add_mime_type (filter, medialib_asset_get_mime (self->asset));
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Replace File"));
  gtk_file_dialog_set_accept_label (dialog, _("_Replace"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_file_chosen_cb, g_object_ref (self));
}

static void
on_reverted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Change *change = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_revert_finish (MEDIALIB_STORE (object), result, &error))
    show_error (change->self, _("The Version Could Not Be Restored"), error->message);
  else
    {
      g_autofree char *title = g_strdup_printf (_("“%s” reverted"), change->name);

      toast_with_undo (change, title);
    }

  change_free (change);
}

static void
on_revert_clicked_cb (GtkButton             *button,
                      MedialibVersionsGroup *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "version"));

  if (self->store == NULL || self->asset == NULL || !self->editable)
    return;

  medialib_store_revert_async (self->store, medialib_asset_get_id (self->asset), number, NULL,
                               on_reverted_cb, change_new (self));
}

/* Over the preview, a drop replaces the file: not the window's "add to the library" */
static GdkDragAction
on_drop_enter_cb (GtkDropTarget         *target,
                  double                 x,
                  double                 y,
                  MedialibVersionsGroup *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.hide-drop-overlay", NULL);
  return self->editable && self->asset != NULL ? GDK_ACTION_COPY : 0;
}

static gboolean
on_drop_cb (GtkDropTarget         *target,
            const GValue          *value,
            double                 x,
            double                 y,
            MedialibVersionsGroup *self)
{
  GSList *files = g_value_get_boxed (value);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.hide-drop-overlay", NULL);
  if (files == NULL || files->next != NULL || !self->editable || self->asset == NULL)
    return FALSE;

  medialib_versions_group_replace (self, files->data);
  return TRUE;
}

/**
 * medialib_versions_group_attach_drop:
 * @target: the widget a file is dropped on (the details pane's preview)
 */
void
medialib_versions_group_attach_drop (MedialibVersionsGroup *self,
                                     GtkWidget             *target)
{
  GtkDropTarget *drop;

  g_return_if_fail (MEDIALIB_IS_VERSIONS_GROUP (self));
  g_return_if_fail (GTK_IS_WIDGET (target));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "enter", G_CALLBACK (on_drop_enter_cb), self, 0);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (target, GTK_EVENT_CONTROLLER (drop));
}

/* --- The widget ------------------------------------------------------------------------------- */

static void
medialib_versions_group_dispose (GObject *object)
{
  MedialibVersionsGroup *self = MEDIALIB_VERSIONS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->asset);

  G_OBJECT_CLASS (medialib_versions_group_parent_class)->dispose (object);
}

static void
medialib_versions_group_finalize (GObject *object)
{
  MedialibVersionsGroup *self = MEDIALIB_VERSIONS_GROUP (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->revert_buttons);

  G_OBJECT_CLASS (medialib_versions_group_parent_class)->finalize (object);
}

static void
medialib_versions_group_class_init (MedialibVersionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medialib_versions_group_dispose;
  object_class->finalize = medialib_versions_group_finalize;
}

static void
medialib_versions_group_init (MedialibVersionsGroup *self)
{
  GtkWidget *replace = adw_action_row_new ();
  GtkWidget *row = adw_action_row_new ();

  self->rows = g_ptr_array_new ();
  self->revert_buttons = g_ptr_array_new ();
  self->editable = TRUE;

  /* The explanation takes the pane's width (beside a button in the header, it wrapped to a
   * narrow column), and the button that it explains comes first under it */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("History"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Replacing the file keeps the name, tags, teams and URL"));

  self->replace_row = ADW_ACTION_ROW (replace);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (replace), _("Re_place File…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (replace), TRUE);
  adw_action_row_add_prefix (self->replace_row, gtk_image_new_from_icon_name ("document-open-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (replace), TRUE);
  gtk_widget_set_tooltip_text (replace, _("Replace the file with another of the same type, keeping the asset"));
  g_signal_connect_swapped (replace, "activated", G_CALLBACK (on_replace_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), replace);

  self->crop_again_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Crop _Again from the New Version"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xs(iiii)(ii))", (gint64) 0, "", 0, 0, 0, 0, 0, 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.crop-again");
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}
