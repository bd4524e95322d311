/* medialib-preferences-dialog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-preferences-dialog.h"
#include "medialib-secret.h"
#include "medialib-store.h"

struct _MedialibPreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwEntryRow          *server_row;
  AdwEntryRow          *model_row;
  AdwEntryRow          *vision_model_row;
  AdwComboRow          *size_row;
  AdwPasswordEntryRow  *key_row;
  AdwSpinRow           *limit_row;
  AdwPreferencesGroup  *backups_group;

  /* Owned references */
  GSettings            *settings;
  char                 *library_dir;
  GPtrArray            *backup_rows;   /* of GtkWidget, in backups_group */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (MedialibPreferencesDialog, medialib_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LIBRARY_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_style_row_selected_cb (MedialibPreferencesDialog *self,
                          GParamSpec                *pspec,
                          AdwComboRow               *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings != NULL && selected != GTK_INVALID_LIST_POSITION &&
      (guint) g_settings_get_enum (self->settings, "color-scheme") != selected)
    g_settings_set_enum (self->settings, "color-scheme", (int) selected);
}

static void
toast (MedialibPreferencesDialog *self,
       const char                *text)
{
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (text));
}

static void
on_server_apply_cb (MedialibPreferencesDialog *self,
                    AdwEntryRow               *row)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, _("Enter an address that starts with https:// or http://"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "ai-base-url", url);
  /* The key belongs to the server: show the one stored for the new address. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
}

static void
on_model_apply_cb (MedialibPreferencesDialog *self,
                   AdwEntryRow               *row)
{
  g_autofree char *model = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (model[0] != '\0' && self->settings != NULL)
    g_settings_set_string (self->settings, "ai-model", model);
}

static void
on_vision_model_apply_cb (MedialibPreferencesDialog *self,
                          AdwEntryRow               *row)
{
  g_autofree char *model = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (model[0] != '\0' && self->settings != NULL)
    g_settings_set_string (self->settings, "ai-vision-model", model);
}

static void
model_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MedialibPreferencesDialog *self = MEDIALIB_PREFERENCES_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->model_row), g_variant_get_string (parameter, NULL));
  on_model_apply_cb (self, self->model_row);
}

static void
on_key_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedialibPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_secret_store_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The key could not be saved in the keyring: %s"), error->message);
      toast (self, text);
    }
  else
    toast (self, _("The key is saved in your keyring"));
}

static void
on_key_apply_cb (MedialibPreferencesDialog *self,
                 AdwPasswordEntryRow       *row)
{
  g_autofree char *server = self->settings ? g_settings_get_string (self->settings, "ai-base-url") : NULL;
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (server == NULL)
    return;

  medialib_secret_store_async (server, key, NULL, on_key_stored_cb, g_object_ref (self));
}

static void
on_size_selected_cb (MedialibPreferencesDialog *self,
                     GParamSpec                *pspec,
                     AdwComboRow               *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "ai-size", gtk_string_object_get_string (item));
}

static void
on_limit_changed_cb (MedialibPreferencesDialog *self,
                     GParamSpec                *pspec,
                     AdwSpinRow                *row)
{
  if (self->settings != NULL)
    g_settings_set_uint (self->settings, "ai-daily-limit", (guint) adw_spin_row_get_value (row));
}

static void
setup_ai (MedialibPreferencesDialog *self)
{
  g_autofree char *server = NULL;
  g_autofree char *model = NULL;
  g_autofree char *size = NULL;
  GListModel *sizes = adw_combo_row_get_model (self->size_row);

  if (self->settings == NULL)
    return;

  server = g_settings_get_string (self->settings, "ai-base-url");
  model = g_settings_get_string (self->settings, "ai-model");
  size = g_settings_get_string (self->settings, "ai-size");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  g_clear_pointer (&model, g_free);
  model = g_settings_get_string (self->settings, "ai-vision-model");
  gtk_editable_set_text (GTK_EDITABLE (self->vision_model_row), model);
  adw_spin_row_set_value (self->limit_row, g_settings_get_uint (self->settings, "ai-daily-limit"));

  for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (sizes, i);

      if (g_str_equal (gtk_string_object_get_string (item), size))
        adw_combo_row_set_selected (self->size_row, i);
    }

  g_signal_connect_object (self->size_row, "notify::selected", G_CALLBACK (on_size_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_row, "notify::value", G_CALLBACK (on_limit_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* --- Backups ---------------------------------------------------------------------------------- */

static void
on_restore_clicked_cb (GtkButton                 *button,
                       MedialibPreferencesDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "backup");

  /* The window asks for confirmation and does the rest; these preferences would be stale */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.restore-backup", "s", path);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_backups_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibPreferencesDialog) self = user_data;
  g_autoptr(GPtrArray) backups = medialib_store_list_backups_finish (result, NULL);

  if (backups == NULL || self->backup_rows == NULL)
    return;

  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);

  if (backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The first is made once the library holds something"));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      MedialibBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *when = medialib_backup_format_time (backup->time);
      g_autofree char *size = g_format_size (backup->bytes);
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is the date and time of a backup */
      label = g_strdup_printf (_("Restore the backup of %s"), when);
      /* The visible label says only "Restore…": the name says which backup (the label's
       * relation would win over the name) */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (button, label);
      g_object_set_data_full (G_OBJECT (button), "backup", g_strdup (backup->path), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

static void
reload_backups (MedialibPreferencesDialog *self)
{
  if (self->library_dir == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  medialib_store_list_backups_async (self->library_dir, self->cancellable, on_backups_listed_cb,
                                     g_object_ref (self));
}

static void
on_map_cb (MedialibPreferencesDialog *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The window tells when it made a backup */
  if (root != NULL && g_signal_lookup ("backups-changed", G_OBJECT_TYPE (root)) != 0)
    g_signal_connect_object (root, "backups-changed", G_CALLBACK (reload_backups), self, G_CONNECT_SWAPPED);
  reload_backups (self);
}

static void
medialib_preferences_dialog_constructed (GObject *object)
{
  MedialibPreferencesDialog *self = MEDIALIB_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (medialib_preferences_dialog_parent_class)->constructed (object);

  if (self->settings != NULL)
    adw_combo_row_set_selected (self->style_row,
                                (guint) g_settings_get_enum (self->settings, "color-scheme"));
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);

  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (on_style_row_selected_cb), self, G_CONNECT_SWAPPED);

  setup_ai (self);

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

static void
medialib_preferences_dialog_dispose (GObject *object)
{
  MedialibPreferencesDialog *self = MEDIALIB_PREFERENCES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->library_dir, g_free);

  G_OBJECT_CLASS (medialib_preferences_dialog_parent_class)->dispose (object);
}

static void
medialib_preferences_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  MedialibPreferencesDialog *self = MEDIALIB_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    case PROP_LIBRARY_DIR:
      g_set_str (&self->library_dir, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_preferences_dialog_class_init (MedialibPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medialib_preferences_dialog_constructed;
  object_class->dispose = medialib_preferences_dialog_dispose;
  object_class->set_property = medialib_preferences_dialog_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIBRARY_DIR] =
    g_param_spec_string ("library-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/medialib-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, vision_model_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, limit_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, backups_group);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_model_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_vision_model_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply_cb);
  gtk_widget_class_install_action (widget_class, "prefs.model", "s", model_action);
}

static void
medialib_preferences_dialog_init (MedialibPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
}

MedialibPreferencesDialog *
medialib_preferences_dialog_new (MedialibApplication *application)
{
  const char *library;
  g_autofree char *library_dir = NULL;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (application), NULL);

  library = medialib_application_get_library_dir (application);
  library_dir = library != NULL ? g_canonicalize_filename (library, NULL) : medialib_store_dup_default_dir ();

  return g_object_new (MEDIALIB_TYPE_PREFERENCES_DIALOG,
                       "settings", medialib_application_get_settings (application),
                       "library-dir", library_dir,
                       NULL);
}
