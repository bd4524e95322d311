/* medialib-palette-view.c — an image's dominant colours as swatches that filter by colour
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-palette-view"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-palette-view.h"

/*
 * A row of round buttons, one per colour of the asset's palette (largest share first), each
 * activating win.filter-color with its "#rrggbb": the window then shows the images that
 * have that colour. Each says its colour and share to screen readers and in its tooltip.
 */

struct _MedialibPaletteView
{
  GtkWidget parent_instance;

  guint     n_colors;
};

G_DEFINE_FINAL_TYPE (MedialibPaletteView, medialib_palette_view, GTK_TYPE_WIDGET)

#define SWATCH_SIZE 24

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  GdkRGBA *color = data;
  double radius = MIN (width, height) / 2.0;

  cairo_arc (cr, width / 2.0, height / 2.0, radius - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  /* An outline that shows a white swatch on a light background and a black one on a dark
   * background */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.45);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/**
 * medialib_color_swatch_new:
 * @hex: "#rrggbb"
 *
 * Returns: (transfer floating): a disc of that colour, @size pixels wide
 */
GtkWidget *
medialib_color_swatch_new (const char *hex,
                           int         size)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GdkRGBA *color = g_new0 (GdkRGBA, 1);

  if (!gdk_rgba_parse (color, hex))
    *color = (GdkRGBA) { 0, 0, 0, 0 };

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, color, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return area;
}

static void
clear (MedialibPaletteView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->n_colors = 0;
}

/**
 * medialib_palette_view_set_asset:
 * @asset: (nullable): the asset whose palette to show
 */
void
medialib_palette_view_set_asset (MedialibPaletteView *self,
                                 MedialibAsset       *asset)
{
  const MedialibPaletteColor *palette = NULL;
  guint n = 0;

  g_return_if_fail (MEDIALIB_IS_PALETTE_VIEW (self));
  g_return_if_fail (asset == NULL || MEDIALIB_IS_ASSET (asset));

  clear (self);
  if (asset != NULL)
    palette = medialib_asset_get_palette (asset, &n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *hex = medialib_color_to_hex (palette[i].red, palette[i].green, palette[i].blue);
      int percent = (int) (palette[i].share * 100 + 0.5);
      /* Translators: a swatch of an image's colours, for screen readers; %s is the colour
       * as "#rrggbb", %d the percentage of the image it covers, then a percent sign */
      g_autofree char *label = g_strdup_printf (_("Colour %s, %d%%"), hex, percent);
      /* Translators: the tooltip of a swatch of an image's colours; %s is the colour as
       * "#rrggbb", %d the percentage of the image it covers, then a percent sign */
      g_autofree char *tooltip = g_strdup_printf (_("Show Images With This Colour (%s, %d%%)"), hex, percent);
      GtkWidget *button = gtk_button_new ();

      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      /* Translators: the share of an image a colour covers, under its swatch */
      g_autofree char *share = g_strdup_printf (_("%d%%"), percent);
      GtkWidget *caption = gtk_label_new (share);

      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), medialib_color_swatch_new (hex, SWATCH_SIZE));
      gtk_box_append (GTK_BOX (box), caption);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "palette-swatch");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.filter-color");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", hex);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
    }
  self->n_colors = n;
}

guint
medialib_palette_view_get_n_colors (MedialibPaletteView *self)
{
  g_return_val_if_fail (MEDIALIB_IS_PALETTE_VIEW (self), 0);

  return self->n_colors;
}

GtkWidget *
medialib_palette_view_new (void)
{
  return g_object_new (MEDIALIB_TYPE_PALETTE_VIEW, NULL);
}

static void
medialib_palette_view_dispose (GObject *object)
{
  clear (MEDIALIB_PALETTE_VIEW (object));

  G_OBJECT_CLASS (medialib_palette_view_parent_class)->dispose (object);
}

static void
medialib_palette_view_class_init (MedialibPaletteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_palette_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paletteview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
medialib_palette_view_init (MedialibPaletteView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
}
