/* medialib-window-color.c — the window's colour filter: a colour chosen in the filter
 * popover or a swatch of the details pane, its chip, and its search
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-palette-view.h"
#include "medialib-window-private.h"

/*
 * One colour at a time ("#rrggbb", or none): the grid shows the images having a palette
 * colour near it (MedialibQuery's color, at the default distance), the nearest first. It is
 * set by win.filter-color (the details pane's swatches, "" to clear), by the colour button
 * of the filter popover, and cleared by its chip or Clear Filters. It is not remembered
 * from one run to the next: a colour is a passing question, unlike a team.
 */

/* The popover's colour button shows the filter's colour, or black without a filter */
void
_medialib_window_sync_color_button (MedialibWindow *self)
{
  /* No colour: a transparent swatch (a checkerboard), not GTK's default red */
  GdkRGBA rgba = { 0, 0, 0, 0 };

  /* The filter popover is not built yet: it syncs when it is */
  if (self->color_button == NULL)
    return;

  if (self->filter_color != NULL)
    gdk_rgba_parse (&rgba, self->filter_color);

  self->syncing_color = TRUE;
  gtk_color_dialog_button_set_rgba (self->color_button, &rgba);
  self->syncing_color = FALSE;
  gtk_widget_set_sensitive (self->color_clear_button, self->filter_color != NULL);
}

/**
 * _medialib_window_set_filter_color:
 * @color: (nullable): "#rrggbb", or %NULL (or "") for no colour filter
 */
void
_medialib_window_set_filter_color (MedialibWindow *self,
                                   const char     *color)
{
  guint8 red, green, blue;
  g_autofree char *hex = NULL;

  if (color != NULL && medialib_color_parse (color, &red, &green, &blue))
    hex = medialib_color_to_hex (red, green, blue);

  if (g_strcmp0 (hex, self->filter_color) == 0)
    return;

  g_free (self->filter_color);
  self->filter_color = g_steal_pointer (&hex);
  _medialib_window_sync_color_button (self);
  _medialib_window_update_chips (self);
  _medialib_window_refresh (self);
}

static void
filter_color_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _medialib_window_set_filter_color (MEDIALIB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_color_button_notify_rgba_cb (MedialibWindow       *self,
                           GParamSpec           *pspec,
                           GtkColorDialogButton *button)
{
  const GdkRGBA *rgba = gtk_color_dialog_button_get_rgba (button);
  g_autofree char *hex = NULL;

  if (self->syncing_color)
    return;

  hex = medialib_color_to_hex ((guint8) (CLAMP (rgba->red, 0, 1) * 255 + 0.5),
                               (guint8) (CLAMP (rgba->green, 0, 1) * 255 + 0.5),
                               (guint8) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5));
  _medialib_window_set_filter_color (self, hex);
}

static void
on_color_chip_clicked_cb (GtkButton      *button,
                          MedialibWindow *self)
{
  _medialib_window_set_filter_color (self, NULL);
}

/**
 * _medialib_window_add_color_chip:
 *
 * The chip of the colour filter among the active filters' (medialib-window-filters.c)
 *
 * Returns: whether there is one
 */
gboolean
_medialib_window_add_color_chip (MedialibWindow *self)
{
  GtkWidget *button, *box;
  g_autofree char *tooltip = NULL;

  if (self->filter_color == NULL)
    return FALSE;

  /* Translators: %s is a colour as "#rrggbb", shown as an active filter */
  tooltip = g_strdup_printf (_("Remove the colour filter %s"), self->filter_color);
  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), medialib_color_swatch_new (self->filter_color, 14));
  gtk_box_append (GTK_BOX (box), gtk_label_new (self->filter_color));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_color_chip_clicked_cb), self);
  gtk_flow_box_append (_medialib_window_ensure_chips_box (self), button);

  return TRUE;
}

/* The filter popover is built: its colour button shows the filter's colour */
void
_medialib_window_color_popover_built (MedialibWindow *self,
                                      GtkBuilder     *builder)
{
  self->color_button = GTK_COLOR_DIALOG_BUTTON (gtk_builder_get_object (builder, "color_button"));
  self->color_clear_button = GTK_WIDGET (gtk_builder_get_object (builder, "color_clear_button"));
  _medialib_window_sync_color_button (self);
  g_signal_connect_object (self->color_button, "notify::rgba", G_CALLBACK (on_color_button_notify_rgba_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_medialib_window_color_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.filter-color", "s", filter_color_action);
}
