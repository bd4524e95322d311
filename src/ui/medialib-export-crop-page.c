/* medialib-export-crop-page.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-export-crop-page"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-crop-view.h"
#include "medialib-export.h"
#include "medialib-export-crop-page.h"

/*
 * "Export for Channels…" pushes this page to adjust one channel's crop: the image with the
 * crop dialog's box (MedialibCropView: dragged, resized, moved with the keyboard) locked to
 * the preset's ratio, the exported file's size and warnings, and the crop dialog's two
 * resets (the largest box over the interesting part, or in the centre). "Done" emits ::done
 * and the dialog takes the box; going back leaves the channel's crop as it was.
 */

struct _MedialibExportCropPage
{
  AdwNavigationPage     parent_instance;

  /* Template widgets */
  MedialibCropView     *crop_view;
  GtkLabel             *readout_label;
  GtkLabel             *warnings_label;

  /* Owned references */
  GdkPixbuf            *preview;   /* the image, small: where the smart crop looks */

  /* Borrowed: presets live as long as the process */
  const MedialibPreset *preset;
  int                   image_width;
  int                   image_height;
  gboolean              is_gif;
};

G_DEFINE_FINAL_TYPE (MedialibExportCropPage, medialib_export_crop_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_readout (MedialibExportCropPage *self)
{
  g_autofree char *readout = NULL;
  g_autofree char *warnings_text = NULL;
  MedialibCropWarnings warnings;
  MedialibRect rect;
  int out_w, out_h;

  g_assert (MEDIALIB_IS_EXPORT_CROP_PAGE (self));

  if (self->preset == NULL || self->image_width <= 0)
    return;

  medialib_crop_view_get_rect (self->crop_view, &rect);
  medialib_export_output_size (self->preset, &rect, &out_w, &out_h);

  /* Translators: the crop in source pixels (width, height, x, y), then the new image's size */
  readout = g_strdup_printf (_("Crop %d × %d at %d, %d  ·  New image %d × %d pixels"),
                             rect.width, rect.height, rect.x, rect.y, out_w, out_h);
  gtk_label_set_label (self->readout_label, readout);

  /* As the export dialog's rows: a file scaled down to the channel's size is the point */
  warnings = medialib_crop_warnings (self->preset, &rect, self->is_gif) & ~MEDIALIB_CROP_WARNING_SCALED_DOWN;
  warnings_text = medialib_crop_describe_warnings (self->preset, warnings);
  gtk_label_set_label (self->warnings_label, warnings_text ? warnings_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings_text != NULL);
}

static void
on_crop_view_changed_cb (MedialibExportCropPage *self,
                         MedialibCropView       *view)
{
  g_assert (MEDIALIB_IS_EXPORT_CROP_PAGE (self));

  update_readout (self);
}

/* The preset's largest box, over the image's most interesting part or in its centre */
static void
place_largest (MedialibExportCropPage *self,
               gboolean                smart)
{
  MedialibRect rect;

  g_assert (MEDIALIB_IS_EXPORT_CROP_PAGE (self));

  if (self->preset == NULL || self->image_width <= 0)
    return;

  medialib_crop_for_preset (self->preset, self->image_width, self->image_height, &rect);
  if (smart && self->preview != NULL)
    {
      MedialibPixels pixels;

      medialib_pixels_init_from_pixbuf (&pixels, self->preview);
      medialib_smartcrop_place_scaled (&pixels, self->image_width, self->image_height, &rect);
    }
  medialib_crop_view_set_rect (self->crop_view, &rect);
}

static void
smart_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  place_largest (MEDIALIB_EXPORT_CROP_PAGE (widget), TRUE);
}

static void
centre_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  place_largest (MEDIALIB_EXPORT_CROP_PAGE (widget), FALSE);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibExportCropPage *self = MEDIALIB_EXPORT_CROP_PAGE (widget);

  if (self->preset != NULL)
    g_signal_emit (self, signals[DONE], 0);
}

/* The box takes the keyboard when the page comes in */
static void
medialib_export_crop_page_shown (AdwNavigationPage *page)
{
  MedialibExportCropPage *self = MEDIALIB_EXPORT_CROP_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->crop_view));

  if (ADW_NAVIGATION_PAGE_CLASS (medialib_export_crop_page_parent_class)->shown != NULL)
    ADW_NAVIGATION_PAGE_CLASS (medialib_export_crop_page_parent_class)->shown (page);
}

static void
medialib_export_crop_page_dispose (GObject *object)
{
  MedialibExportCropPage *self = MEDIALIB_EXPORT_CROP_PAGE (object);

  g_clear_object (&self->preview);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_EXPORT_CROP_PAGE);

  G_OBJECT_CLASS (medialib_export_crop_page_parent_class)->dispose (object);
}

static void
medialib_export_crop_page_class_init (MedialibExportCropPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwNavigationPageClass *page_class = ADW_NAVIGATION_PAGE_CLASS (klass);

  object_class->dispose = medialib_export_crop_page_dispose;
  page_class->shown = medialib_export_crop_page_shown;

  /**
   * MedialibExportCropPage::done:
   *
   * The box is chosen: medialib_export_crop_page_get_rect() gives it.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MEDIALIB_TYPE_CROP_VIEW);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-export-crop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibExportCropPage, crop_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportCropPage, readout_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportCropPage, warnings_label);
  gtk_widget_class_bind_template_callback (widget_class, on_crop_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "crop-page.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "crop-page.smart", NULL, smart_action);
  gtk_widget_class_install_action (widget_class, "crop-page.centre", NULL, centre_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "crop-page.done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "crop-page.done", NULL);
}

static void
medialib_export_crop_page_init (MedialibExportCropPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * medialib_export_crop_page_set_image:
 * @texture: the image, at any size
 * @image_width: the image's width in source pixels, which the boxes are in
 *
 * Shows @texture; the box stays where it was.
 */
void
medialib_export_crop_page_set_image (MedialibExportCropPage *self,
                                     GdkTexture             *texture,
                                     int                     image_width,
                                     int                     image_height)
{
  MedialibRect rect;

  g_return_if_fail (MEDIALIB_IS_EXPORT_CROP_PAGE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));
  g_return_if_fail (image_width > 0 && image_height > 0);

  medialib_crop_view_get_rect (self->crop_view, &rect);
  medialib_crop_view_set_image (self->crop_view, texture, image_width, image_height);
  if (image_width == self->image_width && image_height == self->image_height && rect.width > 0)
    medialib_crop_view_set_rect (self->crop_view, &rect);
  self->image_width = image_width;
  self->image_height = image_height;
  update_readout (self);
}

/**
 * medialib_export_crop_page_set_preview:
 * @preview: (nullable): a small copy of the image, where "Largest Crop over the Interesting
 *   Part" looks
 * @is_gif: whether the image is a GIF (some channels take none)
 */
void
medialib_export_crop_page_set_preview (MedialibExportCropPage *self,
                                       GdkPixbuf              *preview,
                                       gboolean                is_gif)
{
  g_return_if_fail (MEDIALIB_IS_EXPORT_CROP_PAGE (self));
  g_return_if_fail (preview == NULL || GDK_IS_PIXBUF (preview));

  g_set_object (&self->preview, preview);
  self->is_gif = !!is_gif;
}

/**
 * medialib_export_crop_page_edit:
 * @rect: the channel's crop now, in the image set by medialib_export_crop_page_set_image()
 *
 * Shows @preset's crop, its box locked to the preset's ratio, and names the page after it.
 */
void
medialib_export_crop_page_edit (MedialibExportCropPage *self,
                                const MedialibPreset   *preset,
                                const MedialibRect     *rect)
{
  g_autofree char *title = NULL;
  int rw = 0, rh = 0;

  g_return_if_fail (MEDIALIB_IS_EXPORT_CROP_PAGE (self));
  g_return_if_fail (preset != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (self->image_width > 0);

  self->preset = preset;
  title = medialib_preset_dup_full_label (preset);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), title);
  medialib_preset_get_ratio (preset, self->image_width, self->image_height, &rw, &rh);
  medialib_crop_view_set_ratio (self->crop_view, rw, rh);
  medialib_crop_view_set_rect (self->crop_view, rect);
  update_readout (self);
}

const MedialibPreset *
medialib_export_crop_page_get_preset (MedialibExportCropPage *self)
{
  g_return_val_if_fail (MEDIALIB_IS_EXPORT_CROP_PAGE (self), NULL);

  return self->preset;
}

void
medialib_export_crop_page_get_rect (MedialibExportCropPage *self,
                                    MedialibRect           *rect)
{
  g_return_if_fail (MEDIALIB_IS_EXPORT_CROP_PAGE (self));
  g_return_if_fail (rect != NULL);

  medialib_crop_view_get_rect (self->crop_view, rect);
}
