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

struct _MedialibPreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MedialibPreferencesDialog, medialib_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

enum {
  PROP_0,
  PROP_SETTINGS,
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
}

static void
medialib_preferences_dialog_dispose (GObject *object)
{
  MedialibPreferencesDialog *self = MEDIALIB_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/medialib-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibPreferencesDialog, style_row);
}

static void
medialib_preferences_dialog_init (MedialibPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MedialibPreferencesDialog *
medialib_preferences_dialog_new (MedialibApplication *application)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (application), NULL);

  return g_object_new (MEDIALIB_TYPE_PREFERENCES_DIALOG,
                       "settings", medialib_application_get_settings (application),
                       NULL);
}
