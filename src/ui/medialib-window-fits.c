/* medialib-window-fits.c — the filter popover's "Fits Channel": the images usable as they
 * are for a channel preset, with its chip among the active filters
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-preset.h"
#include "medialib-window-private.h"

/* The drop-down's first item is "Any Channel"; then the presets an image can fit, in the
 * order of the presets (grouped by channel) */
static void
on_fits_selected_cb (MedialibWindow *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *key = NULL;

  if (self->fits_keys == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->fits_keys->len)
    key = g_ptr_array_index (self->fits_keys, selected - 1);

  if (g_strcmp0 (key, self->fits_key) == 0)
    return;

  g_set_str (&self->fits_key, key);
  _medialib_window_update_chips (self);
  _medialib_window_save_filters (self);
  _medialib_window_refresh (self);
}

/**
 * _medialib_window_set_fits:
 * @key: (nullable): a preset's key, or %NULL for any channel
 *
 * Returns: %FALSE when no preset an image can fit has @key
 */
gboolean
_medialib_window_set_fits (MedialibWindow *self,
                           const char     *key)
{
  guint position = 0;

  if (key != NULL && !g_ptr_array_find_with_equal_func (self->fits_keys, key, g_str_equal, &position))
    return FALSE;

  gtk_drop_down_set_selected (self->fits_dropdown, key != NULL ? position + 1 : 0);
  return TRUE;
}

static void
on_fits_chip_clicked_cb (MedialibWindow *self)
{
  _medialib_window_set_fits (self, NULL);
}

/* The chip of the channel filter, if one is set: "Fits Email · Header image ×" */
gboolean
_medialib_window_add_fits_chip (MedialibWindow *self)
{
  const MedialibPreset *preset = self->fits_key ? medialib_presets_lookup (self->fits_key) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button, *box;

  if (preset == NULL)
    return FALSE;

  name = medialib_preset_dup_full_label (preset);
  /* Translators: an active filter: the images that fit a channel preset, e.g. "Fits Push · iOS" */
  text = g_strdup_printf (_("Fits %s"), name);
  /* Translators: %s is a channel preset, e.g. "Push · iOS" */
  tooltip = g_strdup_printf (_("Remove the filter “Fits %s”"), name);

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_fits_chip_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->chips_box, button);

  return TRUE;
}

void
_medialib_window_fits_init (MedialibWindow *self)
{
  const GPtrArray *presets = medialib_presets_get ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GPtrArray *keys = g_ptr_array_new ();

  gtk_string_list_append (names, _("Any Channel"));
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      MedialibPresetFit fit;
      g_autofree char *label = NULL;

      if (!medialib_preset_get_fit (preset, &fit))
        continue;
      label = medialib_preset_dup_full_label (preset);
      gtk_string_list_append (names, label);
      g_ptr_array_add (keys, (gpointer) preset->key);
    }

  /* What its search compares */
  gtk_drop_down_set_expression (self->fits_dropdown, expression);
  gtk_drop_down_set_model (self->fits_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->fits_dropdown, 0);
  self->fits_keys = keys;
}

void
_medialib_window_fits_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, fits_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_fits_selected_cb);
}
