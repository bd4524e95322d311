/* medialib-crop-view.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-crop-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "medialib-crop-view.h"

/*
 * The image, scaled to fit, with the crop box over it: the area outside is darkened, the
 * box has eight handles, and a rule-of-thirds grid shows while dragging. All geometry is
 * in source pixels and goes through medialib_crop_move() and medialib_crop_resize(), which
 * keep the box inside the image and its ratio exact.
 */

#define MARGIN       16
#define HANDLE_SIZE  12
#define HANDLE_GRAB  14

struct _MedialibCropView
{
  GtkWidget       parent_instance;

  GdkTexture     *texture;
  int             image_width;
  int             image_height;
  MedialibRect    rect;
  int             ratio_w;      /* 0: free */
  int             ratio_h;

  /* Dragging */
  MedialibHandle  handle;
  MedialibRect    start_rect;
  gboolean        dragging;
};

G_DEFINE_FINAL_TYPE (MedialibCropView, medialib_crop_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
get_scale (MedialibCropView *self,
           double           *ox,
           double           *oy)
{
  double w, h;
  double scale;

  g_assert (MEDIALIB_IS_CROP_VIEW (self));
  g_assert (ox != NULL && oy != NULL);

  w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  if (self->image_width <= 0 || self->image_height <= 0 || w <= 0 || h <= 0)
    {
      *ox = *oy = MARGIN;
      return 1.0;
    }

  scale = MIN (w / self->image_width, h / self->image_height);
  *ox = MARGIN + (w - self->image_width * scale) / 2;
  *oy = MARGIN + (h - self->image_height * scale) / 2;

  return scale;
}

static graphene_rect_t
box_in_widget (MedialibCropView *self)
{
  double ox, oy;
  double scale;

  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  scale = get_scale (self, &ox, &oy);
  return GRAPHENE_RECT_INIT (ox + self->rect.x * scale, oy + self->rect.y * scale,
                             self->rect.width * scale, self->rect.height * scale);
}

static void
update_accessible (MedialibCropView *self)
{
  g_autofree char *description = NULL;

  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  /* Translators: the crop box, in source pixels: width, height, x, y */
  description = g_strdup_printf (_("Crop of %d × %d pixels at %d, %d"),
                                 self->rect.width, self->rect.height,
                                 self->rect.x, self->rect.y);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_rect (MedialibCropView   *self,
          const MedialibRect *rect)
{
  g_assert (MEDIALIB_IS_CROP_VIEW (self));
  g_assert (rect != NULL);

  if (memcmp (rect, &self->rect, sizeof *rect) == 0)
    return;

  self->rect = *rect;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
medialib_crop_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  MedialibCropView *self = MEDIALIB_CROP_VIEW (widget);
  GdkRGBA shade = { 0, 0, 0, 0.55 };
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA thirds = { 1, 1, 1, 0.6 };
  GdkRGBA edge = { 0, 0, 0, 0.4 };
  graphene_rect_t image, box;
  double ox, oy, scale;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { white, white, white, white };
  GskRoundedRect outline;

  if (self->texture == NULL)
    return;

  scale = get_scale (self, &ox, &oy);
  image = GRAPHENE_RECT_INIT (ox, oy, self->image_width * scale, self->image_height * scale);
  box = box_in_widget (self);

  gtk_snapshot_append_texture (snapshot, self->texture, &image);

  /* Darken what is cut away: four bands around the box. */
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (image.origin.x, image.origin.y, image.size.width,
                                                  box.origin.y - image.origin.y));
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (image.origin.x, box.origin.y + box.size.height, image.size.width,
                                                  image.origin.y + image.size.height - box.origin.y - box.size.height));
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (image.origin.x, box.origin.y,
                                                  box.origin.x - image.origin.x, box.size.height));
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (box.origin.x + box.size.width, box.origin.y,
                                                  image.origin.x + image.size.width - box.origin.x - box.size.width,
                                                  box.size.height));

  if (self->dragging)
    {
      for (int i = 1; i < 3; i++)
        {
          gtk_snapshot_append_color (snapshot, &thirds,
                                     &GRAPHENE_RECT_INIT (box.origin.x + box.size.width * i / 3, box.origin.y,
                                                          1, box.size.height));
          gtk_snapshot_append_color (snapshot, &thirds,
                                     &GRAPHENE_RECT_INIT (box.origin.x, box.origin.y + box.size.height * i / 3,
                                                          box.size.width, 1));
        }
    }

  gsk_rounded_rect_init_from_rect (&outline, &box, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);

  /* Handles: corners and edge middles */
  for (int i = 0; i < 8; i++)
    {
      static const double fx[] = { 0, 0.5, 1, 1, 1, 0.5, 0, 0 };
      static const double fy[] = { 0, 0, 0, 0.5, 1, 1, 1, 0.5 };
      double hx = box.origin.x + box.size.width * fx[i] - HANDLE_SIZE / 2.0;
      double hy = box.origin.y + box.size.height * fy[i] - HANDLE_SIZE / 2.0;

      gtk_snapshot_append_color (snapshot, &edge,
                                 &GRAPHENE_RECT_INIT (hx - 1, hy - 1, HANDLE_SIZE + 2, HANDLE_SIZE + 2));
      gtk_snapshot_append_color (snapshot, &white,
                                 &GRAPHENE_RECT_INIT (hx, hy, HANDLE_SIZE, HANDLE_SIZE));
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent;
      float focus_widths[4] = { 2, 2, 2, 2 };
      GdkRGBA focus_colors[4];
      GskRoundedRect focus;

      gtk_widget_get_color (widget, &accent);
      for (int i = 0; i < 4; i++)
        focus_colors[i] = accent;
      gsk_rounded_rect_init_from_rect (&focus, &GRAPHENE_RECT_INIT (2, 2, gtk_widget_get_width (widget) - 4,
                                                                    gtk_widget_get_height (widget) - 4), 6);
      gtk_snapshot_append_border (snapshot, &focus, focus_widths, focus_colors);
    }
}

static MedialibHandle
hit_test (MedialibCropView *self,
          double            x,
          double            y)
{
  static const MedialibHandle handles[] = {
    MEDIALIB_HANDLE_TOP_LEFT, MEDIALIB_HANDLE_TOP, MEDIALIB_HANDLE_TOP_RIGHT, MEDIALIB_HANDLE_RIGHT,
    MEDIALIB_HANDLE_BOTTOM_RIGHT, MEDIALIB_HANDLE_BOTTOM, MEDIALIB_HANDLE_BOTTOM_LEFT, MEDIALIB_HANDLE_LEFT,
  };
  static const double fx[] = { 0, 0.5, 1, 1, 1, 0.5, 0, 0 };
  static const double fy[] = { 0, 0, 0, 0.5, 1, 1, 1, 0.5 };
  graphene_rect_t box;

  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  box = box_in_widget (self);
  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      double hx = box.origin.x + box.size.width * fx[i];
      double hy = box.origin.y + box.size.height * fy[i];

      if (fabs (x - hx) <= HANDLE_GRAB && fabs (y - hy) <= HANDLE_GRAB)
        return handles[i];
    }

  if (graphene_rect_contains_point (&box, &GRAPHENE_POINT_INIT (x, y)))
    return MEDIALIB_HANDLE_MOVE;

  return MEDIALIB_HANDLE_NONE;
}

static void
on_drag_begin_cb (GtkGestureDrag   *gesture,
                  double            x,
                  double            y,
                  MedialibCropView *self)
{
  g_assert (GTK_IS_GESTURE_DRAG (gesture));
  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  self->handle = hit_test (self, x, y);
  if (self->handle == MEDIALIB_HANDLE_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->start_rect = self->rect;
  self->dragging = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GtkGestureDrag   *gesture,
                   double            offset_x,
                   double            offset_y,
                   MedialibCropView *self)
{
  double ox, oy;
  double scale;
  MedialibRect rect;
  int dx, dy;

  g_assert (GTK_IS_GESTURE_DRAG (gesture));
  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  scale = get_scale (self, &ox, &oy);
  rect = self->start_rect;
  dx = (int) lround (offset_x / scale);
  dy = (int) lround (offset_y / scale);

  if (!self->dragging)
    return;

  medialib_crop_resize (&rect, self->handle, dx, dy, self->ratio_w, self->ratio_h,
                        self->image_width, self->image_height);
  set_rect (self, &rect);
}

static void
on_drag_end_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                MedialibCropView *self)
{
  g_assert (GTK_IS_GESTURE_DRAG (gesture));
  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  self->dragging = FALSE;
  self->handle = MEDIALIB_HANDLE_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              MedialibCropView         *self)
{
  static const char *cursors[] = {
    [MEDIALIB_HANDLE_NONE] = NULL,
    [MEDIALIB_HANDLE_MOVE] = "move",
    [MEDIALIB_HANDLE_TOP_LEFT] = "nw-resize",
    [MEDIALIB_HANDLE_TOP] = "n-resize",
    [MEDIALIB_HANDLE_TOP_RIGHT] = "ne-resize",
    [MEDIALIB_HANDLE_RIGHT] = "e-resize",
    [MEDIALIB_HANDLE_BOTTOM_RIGHT] = "se-resize",
    [MEDIALIB_HANDLE_BOTTOM] = "s-resize",
    [MEDIALIB_HANDLE_BOTTOM_LEFT] = "sw-resize",
    [MEDIALIB_HANDLE_LEFT] = "w-resize",
  };

  g_assert (GTK_IS_EVENT_CONTROLLER_MOTION (motion));
  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  if (!self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursors[hit_test (self, x, y)]);
}

/* Arrows move the box by a pixel (Ctrl: ten); Shift+arrows resize it from its bottom-right
 * corner, by one unit of the ratio when it has one. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   MedialibCropView      *self)
{
  MedialibRect rect;
  int step = (state & GDK_CONTROL_MASK) ? 10 : 1;
  int dx = 0, dy = 0;

  g_assert (GTK_IS_EVENT_CONTROLLER_KEY (controller));
  g_assert (MEDIALIB_IS_CROP_VIEW (self));

  rect = self->rect;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = step; break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      if (self->ratio_w > 0)
        {
          /* One unit of the ratio per step, along the axis pressed */
          int units = dx != 0 ? dx : dy;

          medialib_crop_resize (&rect, MEDIALIB_HANDLE_BOTTOM_RIGHT, units * self->ratio_w,
                                units * self->ratio_h, self->ratio_w, self->ratio_h,
                                self->image_width, self->image_height);
        }
      else
        medialib_crop_resize (&rect, MEDIALIB_HANDLE_BOTTOM_RIGHT, dx, dy, 0, 0,
                              self->image_width, self->image_height);
    }
  else
    medialib_crop_move (&rect, dx, dy, self->image_width, self->image_height);

  set_rect (self, &rect);
  return GDK_EVENT_STOP;
}

static void
medialib_crop_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
medialib_crop_view_dispose (GObject *object)
{
  MedialibCropView *self = MEDIALIB_CROP_VIEW (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (medialib_crop_view_parent_class)->dispose (object);
}

static void
medialib_crop_view_class_init (MedialibCropViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_crop_view_dispose;
  widget_class->snapshot = medialib_crop_view_snapshot;
  widget_class->measure = medialib_crop_view_measure;

  /**
   * MedialibCropView::changed:
   *
   * The crop box moved or changed size.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "cropview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
medialib_crop_view_init (MedialibCropView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Crop area"),
                                  -1);
}

void
medialib_crop_view_set_image (MedialibCropView *self,
                              GdkTexture       *texture,
                              int               image_width,
                              int               image_height)
{
  g_return_if_fail (MEDIALIB_IS_CROP_VIEW (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  g_set_object (&self->texture, texture);
  self->image_width = image_width;
  self->image_height = image_height;
  self->rect = (MedialibRect) { 0, 0, image_width, image_height };
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * medialib_crop_view_set_ratio:
 * @ratio_w: 0 for a free crop
 */
void
medialib_crop_view_set_ratio (MedialibCropView *self,
                              int               ratio_w,
                              int               ratio_h)
{
  g_return_if_fail (MEDIALIB_IS_CROP_VIEW (self));

  self->ratio_w = MAX (0, ratio_w);
  self->ratio_h = MAX (0, ratio_h);
}

void
medialib_crop_view_set_rect (MedialibCropView   *self,
                             const MedialibRect *rect)
{
  g_return_if_fail (MEDIALIB_IS_CROP_VIEW (self));
  g_return_if_fail (rect != NULL);

  set_rect (self, rect);
}

void
medialib_crop_view_get_rect (MedialibCropView *self,
                             MedialibRect     *rect)
{
  g_return_if_fail (MEDIALIB_IS_CROP_VIEW (self));
  g_return_if_fail (rect != NULL);

  *rect = self->rect;
}
