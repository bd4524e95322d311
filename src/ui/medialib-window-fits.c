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

/* The filter becomes @key (or any channel): the chip, the saved filters, the search */
static void
apply_fits (MedialibWindow *self,
            const char     *key)
{
  if (g_strcmp0 (key, self->fits_key) == 0)
    return;

  g_set_str (&self->fits_key, key);
  _medialib_window_update_chips (self);
  _medialib_window_save_filters (self);
  _medialib_window_refresh (self);
}

/* The drop-down's first item is "Any Channel"; then the presets an image can fit, in the
 * order of the presets (grouped by channel) */
static void
on_fits_selected_cb (MedialibWindow *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *key = NULL;

  /* Not yet the user's choice while the model is being put in */
  if (self->fits_keys == NULL || gtk_drop_down_get_model (dropdown) == NULL || self->fits_filling)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->fits_keys->len)
    key = g_ptr_array_index (self->fits_keys, selected - 1);

  apply_fits (self, key);
}

/* The presets an image can fit as it is, read the first time a filter names one or the
 * filter popover opens: not with the window (the presets are parsed from JSON) */
static GPtrArray *
ensure_fits_keys (MedialibWindow *self)
{
  const GPtrArray *presets;

  if (self->fits_keys != NULL)
    return self->fits_keys;

  presets = medialib_presets_get ();
  self->fits_keys = g_ptr_array_new ();
  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      MedialibPresetFit fit;

      if (medialib_preset_get_fit (preset, &fit))
        g_ptr_array_add (self->fits_keys, (gpointer) preset->key);
    }
  return self->fits_keys;
}

static guint
fits_position (MedialibWindow *self,
               const char     *key)
{
  guint position = 0;

  if (key == NULL || !g_ptr_array_find_with_equal_func (ensure_fits_keys (self), key, g_str_equal, &position))
    return 0;
  return position + 1;
}

/**
 * _medialib_window_fits_ensure_model:
 *
 * Puts the presets in the drop-down, showing the filter of now. Done when the filter popover
 * is first shown rather than with the window: a drop-down's model makes the rows of its list
 * at once (9 million instructions, an eighth of building the window).
 */
void
_medialib_window_fits_ensure_model (MedialibWindow *self)
{
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  if (gtk_drop_down_get_model (self->fits_dropdown) != NULL)
    return;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Any Channel"));
  for (guint i = 0; i < ensure_fits_keys (self)->len; i++)
    {
      const MedialibPreset *preset = medialib_presets_lookup (g_ptr_array_index (self->fits_keys, i));
      g_autofree char *label = medialib_preset_dup_full_label (preset);

      gtk_string_list_append (names, label);
    }

  /* What its search compares */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->fits_filling = TRUE;
  gtk_drop_down_set_expression (self->fits_dropdown, expression);
  gtk_drop_down_set_model (self->fits_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->fits_dropdown, fits_position (self, self->fits_key));
  self->fits_filling = FALSE;
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
  if (key != NULL && fits_position (self, key) == 0)
    return FALSE;

  /* The drop-down, once it has its model, says the rest when its selection changes */
  if (self->fits_dropdown != NULL && gtk_drop_down_get_model (self->fits_dropdown) != NULL)
    gtk_drop_down_set_selected (self->fits_dropdown, fits_position (self, key));
  else
    apply_fits (self, key);
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
  gtk_flow_box_append (_medialib_window_ensure_chips_box (self), button);

  return TRUE;
}

/* The filter popover is built: its drop-down gets its model when it opens */
void
_medialib_window_fits_popover_built (MedialibWindow *self,
                                     GtkBuilder     *builder)
{
  self->fits_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "fits_dropdown"));
  g_signal_connect_object (self->fits_dropdown, "notify::selected", G_CALLBACK (on_fits_selected_cb),
                           self, G_CONNECT_SWAPPED);
}
