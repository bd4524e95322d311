/* medialib-tile-label.c — one line of a tile's text: its name, or a tag's chip
 *
 * The grid measures every tile it keeps each time it lays them out, and makes a screenful of
 * them before its first frame. A GtkInscription (whose size comes from its font rather than
 * its text) makes its Pango layout when it is made, which computes its style before the tile
 * is in the grid; it and a GtkLabel with a most width in characters ask Pango for their
 * font's metrics at each measure, which shapes a sample sentence each time, and a label lays
 * its text out again at each width it is measured or drawn at.
 *
 * This label comes in two sizes. Without max-chars (a tile's name), its size comes from its
 * font, as an inscription's: a rebound tile is not measured again; it makes its layout when
 * first drawn. With max-chars (a chip), it is as wide as its text, up to that many
 * characters, ellipsized, as a GtkLabel with max-width-chars; its text is laid out once at
 * that width and drawn from that layout unless it gets less room. Either way the metrics of
 * a font are computed once for every label of that font. It draws as the inscription or the
 * label it replaces (one line, ellipsized to its width, the name at the start and a chip's
 * text centred), is styled as a label, and gives its text as its accessible name.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-tile-label"

#include "config.h"

#include <pango/pangocairo.h>

#include "medialib-tile-label.h"

#define MIN_CHARS 3    /* sized by its font: enough for "…" and a little */
#define NAT_CHARS 18
#define N_FONTS   4    /* the fonts whose metrics are kept: the name's, the chips'… */

struct _MedialibTileLabel
{
  GtkWidget           parent_instance;

  char               *text;
  PangoEllipsizeMode  ellipsize;
  guint               max_chars;   /* 0: sized by its font */
  int                 max_width;   /* Pango units, the width the layout was measured at */
  int                 natural;     /* the text's width at max_width */

  /* Owned references */
  PangoLayout        *layout;   /* made when first drawn */
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_ELLIPSIZE,
  PROP_MAX_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MedialibTileLabel, medialib_tile_label, GTK_TYPE_WIDGET)

/* The metrics of the fonts last measured: every tile's name has the same font, every
 * chip the same */
typedef struct
{
  PangoFontDescription *font;
  PangoFontMap         *font_map;
  PangoLanguage        *language;
  double                resolution;
  int                   char_width;       /* Pango units */
  int                   ascent;
  int                   descent;
  int                   ellipsis_width;   /* of "…" alone, -1 until asked */
} FontSize;

static FontSize font_sizes[N_FONTS];
static guint next_font;   /* the next to replace */
static guint n_fonts_measured;

static FontSize *
get_font_size (MedialibTileLabel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoFontMap *font_map = pango_context_get_font_map (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);
  PangoFontMetrics *metrics;
  FontSize *size;

  g_assert (MEDIALIB_IS_TILE_LABEL (self));

  for (guint i = 0; i < N_FONTS; i++)
    {
      size = &font_sizes[i];
      if (size->font != NULL && size->font_map == font_map && size->language == language &&
          size->resolution == resolution && pango_font_description_equal (size->font, font))
        return size;
    }

  size = &font_sizes[next_font];
  next_font = (next_font + 1) % N_FONTS;
  metrics = pango_context_get_metrics (context, NULL, NULL);
  g_clear_pointer (&size->font, pango_font_description_free);
  size->font = pango_font_description_copy (font);
  size->font_map = font_map;
  size->language = language;
  size->resolution = resolution;
  size->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  size->ascent = pango_font_metrics_get_ascent (metrics);
  size->descent = pango_font_metrics_get_descent (metrics);
  size->ellipsis_width = -1;
  pango_font_metrics_unref (metrics);
  n_fonts_measured++;

  return size;
}

static void
ensure_layout (MedialibTileLabel *self)
{
  g_assert (MEDIALIB_IS_TILE_LABEL (self));

  if (self->layout != NULL)
    return;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  pango_layout_set_ellipsize (self->layout, self->ellipsize);
  if (self->max_chars == 0)
    pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
}

/* A chip is as wide as its text up to max-chars, and at least "…" (as a GtkLabel) */
static void
measure_text (MedialibTileLabel *self,
              GtkOrientation     orientation,
              FontSize          *size,
              int               *minimum,
              int               *natural,
              int               *minimum_baseline,
              int               *natural_baseline)
{
  int height;

  g_assert (MEDIALIB_IS_TILE_LABEL (self));

  ensure_layout (self);
  if (self->max_width != (int) self->max_chars * size->char_width ||
      pango_layout_get_width (self->layout) != self->max_width)
    {
      self->max_width = self->max_chars * size->char_width;
      pango_layout_set_width (self->layout, self->max_width);
    }
  pango_layout_get_size (self->layout, &self->natural, &height);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (size->ellipsis_width < 0)
        {
          PangoLayout *ellipsis = pango_layout_new (pango_layout_get_context (self->layout));

          pango_layout_set_text (ellipsis, "…", -1);
          pango_layout_get_size (ellipsis, &size->ellipsis_width, NULL);
          g_object_unref (ellipsis);
        }
      *minimum = MIN (size->ellipsis_width, self->natural);
      *natural = self->natural;
    }
  else
    {
      *natural = *minimum = height;
      *minimum_baseline = *natural_baseline = pango_layout_get_baseline (self->layout);
    }
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
  MedialibTileLabel *self = MEDIALIB_TILE_LABEL (widget);
  FontSize *size = get_font_size (self);

  if (self->max_chars > 0)
    {
      measure_text (self, orientation, size, minimum, natural, minimum_baseline, natural_baseline);
      *minimum = PANGO_PIXELS_CEIL (*minimum);
      *natural = PANGO_PIXELS_CEIL (*natural);
      if (*minimum_baseline > 0)
        *minimum_baseline = PANGO_PIXELS_CEIL (*minimum_baseline);
      if (*natural_baseline > 0)
        *natural_baseline = PANGO_PIXELS_CEIL (*natural_baseline);
    }
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
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
  float x = 0, y = 0;

  if (self->text == NULL || self->text[0] == '\0' || width <= 0 || height <= 0)
    return;

  ensure_layout (self);
  if (self->max_chars > 0)
    {
      /* As measured, unless it has less room than its text takes; centred, as a label */
      int layout_width = width * PANGO_SCALE >= self->natural ? self->max_width : width * PANGO_SCALE;

      if (pango_layout_get_width (self->layout) != layout_width)
        pango_layout_set_width (self->layout, layout_width);
      pango_layout_get_pixel_extents (self->layout, NULL, &logical);
      x = floorf (0.5f * (width - logical.width) - logical.x);
      y = floorf (0.5f * (height - logical.height));
    }
  else
    {
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
    }

  gtk_widget_get_color (widget, &color);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
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

    case PROP_MAX_CHARS:
      g_value_set_uint (value, self->max_chars);
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

    case PROP_MAX_CHARS:
      medialib_tile_label_set_max_chars (self, g_value_get_uint (value));
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
  properties[PROP_MAX_CHARS] =
    g_param_spec_uint ("max-chars", NULL, NULL, 0, G_MAXUINT, 0,
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
 * Shows @text, and gives it as the label's accessible name. Without max-chars, the label
 * keeps its size.
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
  if (self->max_chars > 0)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
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
  if (self->layout != NULL)
    pango_layout_set_ellipsize (self->layout, mode);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELLIPSIZE]);
}

PangoEllipsizeMode
medialib_tile_label_get_ellipsize (MedialibTileLabel *self)
{
  g_return_val_if_fail (MEDIALIB_IS_TILE_LABEL (self), PANGO_ELLIPSIZE_NONE);

  return self->ellipsize;
}

/**
 * medialib_tile_label_set_max_chars:
 * @max_chars: 0 for a label sized by its font, as a GtkInscription; otherwise the label is
 *   as wide as its text, up to about that many characters, as a GtkLabel with max-width-chars
 */
void
medialib_tile_label_set_max_chars (MedialibTileLabel *self,
                                   guint              max_chars)
{
  g_return_if_fail (MEDIALIB_IS_TILE_LABEL (self));

  if (self->max_chars == max_chars)
    return;

  self->max_chars = max_chars;
  g_clear_object (&self->layout);
  self->max_width = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CHARS]);
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
