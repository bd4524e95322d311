/* medialib-tile-label.c — one line of a tile's text, measured from its font
 *
 * The grid measures every tile it keeps each time it lays them out, and makes a screenful of
 * them before its first frame. A GtkInscription (whose size also comes from its font rather
 * than its text) makes its Pango layout when it is made, which computes its style before the
 * tile is in the grid, and asks Pango for its font's metrics at each measure, which shapes a
 * sample sentence each time. This label makes its layout when it is first drawn, and its
 * size comes from metrics computed once for every label of the same font. It draws as an
 * inscription with the same settings does (one line, ellipsized to its width), and gives its
 * text as its accessible name.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-tile-label"

#include "config.h"

#include <pango/pangocairo.h>

#include "medialib-tile-label.h"

#define MIN_CHARS 3    /* enough for "…" and a little */
#define NAT_CHARS 18

struct _MedialibTileLabel
{
  GtkWidget           parent_instance;

  char               *text;
  PangoEllipsizeMode  ellipsize;

  /* Owned references */
  PangoLayout        *layout;   /* made when first drawn */
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_ELLIPSIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MedialibTileLabel, medialib_tile_label, GTK_TYPE_WIDGET)

/* The metrics of the last font measured: every tile's name has the same */
typedef struct
{
  PangoFontDescription *font;
  PangoFontMap         *font_map;
  PangoLanguage        *language;
  double                resolution;
  int                   char_width;   /* Pango units */
  int                   ascent;
  int                   descent;
} FontSize;

static FontSize font_size;
static guint n_fonts_measured;

static const FontSize *
get_font_size (MedialibTileLabel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoFontMap *font_map = pango_context_get_font_map (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);
  PangoFontMetrics *metrics;

  g_assert (MEDIALIB_IS_TILE_LABEL (self));

  if (font_size.font != NULL && font_size.font_map == font_map && font_size.language == language &&
      font_size.resolution == resolution && pango_font_description_equal (font_size.font, font))
    return &font_size;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  g_clear_pointer (&font_size.font, pango_font_description_free);
  font_size.font = pango_font_description_copy (font);
  font_size.font_map = font_map;
  font_size.language = language;
  font_size.resolution = resolution;
  font_size.char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
  font_size.ascent = pango_font_metrics_get_ascent (metrics);
  font_size.descent = pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
  n_fonts_measured++;

  return &font_size;
}

static void
medialib_tile_label_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  const FontSize *size = get_font_size (MEDIALIB_TILE_LABEL (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (MIN_CHARS * size->char_width);
      *natural = PANGO_PIXELS_CEIL (NAT_CHARS * size->char_width);
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (size->ascent + size->descent);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (size->ascent);
    }
}

static void
medialib_tile_label_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  MedialibTileLabel *self = MEDIALIB_TILE_LABEL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean ltr = gtk_widget_get_direction (widget) != GTK_TEXT_DIR_RTL;
  PangoRectangle logical;
  GdkRGBA color;
  float y = 0;

  if (self->text == NULL || self->text[0] == '\0' || width <= 0 || height <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_ellipsize (self->layout, self->ellipsize);
  pango_layout_set_alignment (self->layout, ltr ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  if (pango_layout_get_width (self->layout) != width * PANGO_SCALE)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
  if (pango_layout_get_height (self->layout) != height * PANGO_SCALE)
    pango_layout_set_height (self->layout, height * PANGO_SCALE);

  /* Centred in its height unless ellipsized, as an inscription */
  if (!pango_layout_is_ellipsized (self->layout))
    {
      pango_layout_get_pixel_extents (self->layout, NULL, &logical);
      y = MAX (0, floorf ((height - logical.height) * 0.5f));
    }

  gtk_widget_get_color (widget, &color);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
medialib_tile_label_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MedialibTileLabel *self = MEDIALIB_TILE_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_ELLIPSIZE:
      g_value_set_enum (value, self->ellipsize);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_tile_label_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MedialibTileLabel *self = MEDIALIB_TILE_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      medialib_tile_label_set_text (self, g_value_get_string (value));
      break;

    case PROP_ELLIPSIZE:
      medialib_tile_label_set_ellipsize (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_tile_label_finalize (GObject *object)
{
  MedialibTileLabel *self = MEDIALIB_TILE_LABEL (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (medialib_tile_label_parent_class)->finalize (object);
}

static void
medialib_tile_label_class_init (MedialibTileLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = medialib_tile_label_finalize;
  object_class->get_property = medialib_tile_label_get_property;
  object_class->set_property = medialib_tile_label_set_property;

  widget_class->measure = medialib_tile_label_measure;
  widget_class->snapshot = medialib_tile_label_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELLIPSIZE] =
    g_param_spec_enum ("ellipsize", NULL, NULL, PANGO_TYPE_ELLIPSIZE_MODE, PANGO_ELLIPSIZE_END,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled as a label, named by its text */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
medialib_tile_label_init (MedialibTileLabel *self)
{
  self->ellipsize = PANGO_ELLIPSIZE_END;
}

GtkWidget *
medialib_tile_label_new (void)
{
  return g_object_new (MEDIALIB_TYPE_TILE_LABEL, NULL);
}

/**
 * medialib_tile_label_set_text:
 * @text: (nullable):
 *
 * Shows @text, and gives it as the label's accessible name. The label keeps its size.
 */
void
medialib_tile_label_set_text (MedialibTileLabel *self,
                              const char        *text)
{
  g_return_if_fail (MEDIALIB_IS_TILE_LABEL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * medialib_tile_label_get_text:
 *
 * Returns: (nullable): the text shown
 */
const char *
medialib_tile_label_get_text (MedialibTileLabel *self)
{
  g_return_val_if_fail (MEDIALIB_IS_TILE_LABEL (self), NULL);

  return self->text;
}

void
medialib_tile_label_set_ellipsize (MedialibTileLabel  *self,
                                   PangoEllipsizeMode  mode)
{
  g_return_if_fail (MEDIALIB_IS_TILE_LABEL (self));

  if (self->ellipsize == mode)
    return;

  self->ellipsize = mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELLIPSIZE]);
}

PangoEllipsizeMode
medialib_tile_label_get_ellipsize (MedialibTileLabel *self)
{
  g_return_val_if_fail (MEDIALIB_IS_TILE_LABEL (self), PANGO_ELLIPSIZE_NONE);

  return self->ellipsize;
}

/**
 * medialib_tile_label_is_ellipsized:
 *
 * Returns: whether the label, as last drawn, shortened its text to fit its width
 */
gboolean
medialib_tile_label_is_ellipsized (MedialibTileLabel *self)
{
  g_return_val_if_fail (MEDIALIB_IS_TILE_LABEL (self), FALSE);

  return self->layout != NULL && pango_layout_is_ellipsized (self->layout);
}

/**
 * medialib_tile_label_get_n_fonts_measured:
 *
 * Returns: how many times labels asked Pango for a font's metrics (once for a font,
 *   whatever the number of labels)
 */
guint
medialib_tile_label_get_n_fonts_measured (void)
{
  return n_fonts_measured;
}
