/* medialib-crop-dialog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-crop-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "medialib-application.h"
#include "medialib-crop-dialog.h"
#include "medialib-crop-view.h"
#include "medialib-export.h"
#include "medialib-texture-loader.h"

struct _MedialibCropDialog
{
  AdwDialog             parent_instance;

  /* Template widgets */
  MedialibCropView     *crop_view;
  GtkBox               *presets_box;
  GtkLabel             *readout_label;
  GtkLabel             *notes_label;
  GtkLabel             *warnings_label;
  GtkButton            *swap_button;
  GtkButton            *crop_button;
  GtkStack             *stack;

  /* Owned references */
  MedialibStore        *store;
  MedialibAsset        *asset;
  GCancellable         *cancellable;
  GHashTable           *checks;    /* preset key → GtkCheckButton */
  GdkPixbuf            *preview;   /* the image, small: where the smart crop looks */

  const MedialibPreset *preset;
  MedialibRect          wanted;    /* medialib_crop_dialog_set_rect() until the image is here */
  int                   wanted_width;
  int                   wanted_height;
  gboolean              has_wanted;
  int                   image_width;
  int                   image_height;
  gboolean              ready;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (MedialibCropDialog, medialib_crop_dialog, ADW_TYPE_DIALOG)

enum {
  CROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_preset (const MedialibPreset *preset)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (preset->ratio_kind)
    {
    case MEDIALIB_RATIO_FIXED:
      g_string_append_printf (text, "%d:%d", preset->ratio_w, preset->ratio_h);
      break;
    case MEDIALIB_RATIO_ANY:
      g_string_append (text, _("Any ratio"));
      break;
    case MEDIALIB_RATIO_FREE:
      g_string_append (text, _("Any shape"));
      break;
    case MEDIALIB_RATIO_ORIGINAL:
    default:
      g_string_append (text, _("As the image"));
      break;
    }

  if (preset->recommended_width > 0)
    /* Translators: a recommended size in pixels */
    g_string_append_printf (text, _(" · %d × %d"), preset->recommended_width, preset->recommended_height);
  else if (preset->max_width > 0 && preset->max_height > 0)
    g_string_append_printf (text, _(" · up to %d × %d"), preset->max_width, preset->max_height);
  else if (preset->max_width > 0)
    g_string_append_printf (text, _(" · up to %d wide"), preset->max_width);
  else if (preset->min_width > 0)
    g_string_append_printf (text, _(" · at least %d wide"), preset->min_width);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An animated GIF stays one where the channel takes GIFs (medialib_store_crop()) */
static char *
readout_with_animation (MedialibCropDialog *self,
                        char               *readout)
{
  g_autofree char *plain = readout;

  g_assert (MEDIALIB_IS_CROP_DIALOG (self));

  if (!medialib_asset_get_animated (self->asset) || self->preset->no_gif)
    return g_steal_pointer (&plain);

  /* Translators: after the crop dialog's readout, for an animated GIF */
  return g_strdup_printf ("%s\n%s", plain, _("Animated GIF: every frame is cropped"));
}

static void
update_readout (MedialibCropDialog *self)
{
  g_autofree char *readout = NULL;
  g_autofree char *warnings_text = NULL;
  MedialibCropWarnings warnings;
  MedialibRect rect;
  gboolean is_gif;
  int out_w, out_h;

  if (!self->ready || self->preset == NULL)
    return;

  medialib_crop_view_get_rect (self->crop_view, &rect);
  medialib_crop_output_size (self->preset, &rect, &out_w, &out_h);
  is_gif = g_str_equal (medialib_asset_get_mime (self->asset), "image/gif");

  /* Translators: the crop in source pixels (width, height, x, y), then the new image's size */
  readout = g_strdup_printf (_("Crop %d × %d at %d, %d  ·  New image %d × %d pixels"),
                             rect.width, rect.height, rect.x, rect.y, out_w, out_h);
  readout = readout_with_animation (self, g_steal_pointer (&readout));
  gtk_label_set_label (self->readout_label, readout);

  warnings = medialib_crop_warnings (self->preset, &rect, is_gif);

  /* The size of the new file, estimated from the original's bytes per pixel. */
  if (self->preset->max_bytes > 0)
    {
      double per_pixel = (double) medialib_asset_get_bytes (self->asset) /
                         MAX (1, (double) self->image_width * self->image_height);

      if (per_pixel * out_w * out_h > self->preset->max_bytes)
        warnings |= MEDIALIB_CROP_WARNING_TOO_HEAVY;
    }

  warnings_text = medialib_crop_describe_warnings (self->preset, warnings);
  gtk_label_set_label (self->warnings_label, warnings_text ? warnings_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings_text != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->swap_button),
                            self->preset->ratio_kind != MEDIALIB_RATIO_FIXED && rect.width != rect.height);
}

/* The rectangle given to medialib_crop_dialog_set_rect(), once: scaled from the image it was
 * chosen on to this one, shrunk around its centre to the preset's ratio, inside the image. */
static void
apply_wanted_rect (MedialibCropDialog *self,
                   int                 ratio_w,
                   int                 ratio_h)
{
  MedialibRect rect = self->wanted;

  g_assert (MEDIALIB_IS_CROP_DIALOG (self));
  g_assert (self->ready);

  self->has_wanted = FALSE;
  if (self->wanted_width > 0 && self->wanted_height > 0 &&
      (self->wanted_width != self->image_width || self->wanted_height != self->image_height))
    {
      double sx = (double) self->image_width / self->wanted_width;
      double sy = (double) self->image_height / self->wanted_height;

      rect.x = (int) round (self->wanted.x * sx);
      rect.y = (int) round (self->wanted.y * sy);
      rect.width = (int) round (self->wanted.width * sx);
      rect.height = (int) round (self->wanted.height * sy);
    }

  rect.width = CLAMP (rect.width, 1, self->image_width);
  rect.height = CLAMP (rect.height, 1, self->image_height);
  if (ratio_w > 0 && ratio_h > 0)
    medialib_crop_to_ratio (&rect, ratio_w, ratio_h);
  if (rect.width < 1 || rect.height < 1)
    return;
  rect.x = CLAMP (rect.x, 0, self->image_width - rect.width);
  rect.y = CLAMP (rect.y, 0, self->image_height - rect.height);
  medialib_crop_view_set_rect (self->crop_view, &rect);
}

static void
apply_preset (MedialibCropDialog   *self,
              const MedialibPreset *preset)
{
  MedialibRect rect;
  int rw = 0, rh = 0;

  self->preset = preset;

  gtk_label_set_label (self->notes_label, medialib_preset_get_notes (preset) ? medialib_preset_get_notes (preset) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), medialib_preset_get_notes (preset) != NULL);

  if (!self->ready)
    return;

  medialib_preset_get_ratio (preset, self->image_width, self->image_height, &rw, &rh);
  medialib_crop_view_set_ratio (self->crop_view, rw, rh);
  medialib_crop_for_preset (preset, self->image_width, self->image_height, &rect);

  /* The box over the image's most interesting part; "Centre" puts it back in the middle */
  if (self->preview != NULL)
    {
      MedialibPixels pixels;

      medialib_pixels_init_from_pixbuf (&pixels, self->preview);
      medialib_smartcrop_place_scaled (&pixels, self->image_width, self->image_height, &rect);
    }

  medialib_crop_view_set_rect (self->crop_view, &rect);
  if (self->has_wanted)
    apply_wanted_rect (self, rw, rh);
  update_readout (self);
}

static void
on_preset_toggled_cb (GtkCheckButton     *check,
                      MedialibCropDialog *self)
{
  if (gtk_check_button_get_active (check))
    apply_preset (self, g_object_get_data (G_OBJECT (check), "preset"));
}

static void
build_presets (MedialibCropDialog *self)
{
  const GPtrArray *presets = medialib_presets_get ();
  AdwPreferencesGroup *group = NULL;
  GtkCheckButton *first = NULL;
  const char *channel = NULL;
  gboolean is_gif = g_str_equal (medialib_asset_get_mime (self->asset), "image/gif");

  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      g_autofree char *subtitle = describe_preset (preset);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (g_strcmp0 (channel, preset->channel) != 0)
        {
          channel = preset->channel;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, medialib_preset_get_channel_label (preset));
          gtk_box_append (self->presets_box, GTK_WIDGET (group));
        }

      if (is_gif && preset->no_gif)
        {
          g_autofree char *with_gif = g_strdup_printf ("%s · %s", subtitle, _("no GIFs"));
          g_set_str (&subtitle, with_gif);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), medialib_preset_get_label (preset));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);

      g_object_set_data (G_OBJECT (check), "preset", (gpointer) preset);
      g_signal_connect (check, "toggled", G_CALLBACK (on_preset_toggled_cb), self);
      g_hash_table_insert (self->checks, (gpointer) preset->key, check);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      /* The row labels its check with the preset alone ("Image and text", three times):
       * screen readers get the channel too. */
      {
        g_autofree char *full = medialib_preset_dup_full_label (preset);
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      }
      adw_preferences_group_add (group, row);
    }
}

/**
 * medialib_crop_dialog_select_preset:
 *
 * Picks a preset as clicking it would.
 */
gboolean
medialib_crop_dialog_select_preset (MedialibCropDialog *self,
                                    const char         *key)
{
  GtkCheckButton *check;

  g_return_val_if_fail (MEDIALIB_IS_CROP_DIALOG (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((check = g_hash_table_lookup (self->checks, key)) == NULL)
    return FALSE;

  if (gtk_check_button_get_active (check))
    apply_preset (self, g_object_get_data (G_OBJECT (check), "preset"));
  else
    gtk_check_button_set_active (check, TRUE);

  return TRUE;
}

/**
 * medialib_crop_dialog_set_rect:
 * @rect: a crop in an image of @from_width × @from_height pixels (0: this image's size)
 *
 * Places the box on @rect instead of where the preset puts it: scaled to this image when
 * its size is not @from_width × @from_height, shrunk around its centre to the preset's
 * ratio and kept inside the image. Call it after medialib_crop_dialog_select_preset().
 */
void
medialib_crop_dialog_set_rect (MedialibCropDialog *self,
                               const MedialibRect *rect,
                               int                 from_width,
                               int                 from_height)
{
  int rw = 0, rh = 0;

  g_return_if_fail (MEDIALIB_IS_CROP_DIALOG (self));
  g_return_if_fail (rect != NULL);

  self->wanted = *rect;
  self->wanted_width = from_width;
  self->wanted_height = from_height;
  self->has_wanted = TRUE;

  if (!self->ready || self->preset == NULL)
    return;

  medialib_preset_get_ratio (self->preset, self->image_width, self->image_height, &rw, &rh);
  apply_wanted_rect (self, rw, rh);
  update_readout (self);
}

gboolean
medialib_crop_dialog_is_ready (MedialibCropDialog *self)
{
  g_return_val_if_fail (MEDIALIB_IS_CROP_DIALOG (self), FALSE);

  return self->ready;
}

static void
on_crop_view_changed_cb (MedialibCropDialog *self,
                         MedialibCropView   *view)
{
  update_readout (self);
}

static void on_image_loaded_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);
static void on_preview_loaded_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);
static void load_preview_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable);

static void
on_file_here_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibCropDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_ensure_file_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->warnings_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
        }
      return;
    }

  {
    g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_preview_loaded_cb, g_object_ref (self));

    g_task_set_source_tag (task, on_file_here_cb);
    g_task_set_task_data (task, g_strdup (medialib_asset_get_path (self->asset)), g_free);
    g_task_set_check_cancellable (task, FALSE);
    g_task_run_in_thread (task, load_preview_thread);
  }
}

static void
load_preview_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GdkPixbuf *preview = medialib_export_load_preview (task_data, 256, NULL);

  g_assert (G_IS_TASK (task));

  /* Without a preview, the crop starts centred */
  g_task_return_pointer (task, preview, g_object_unref);
}

static void
on_preview_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibCropDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->preview = g_task_propagate_pointer (G_TASK (result), &error);
  medialib_texture_load_async (medialib_asset_get_path (self->asset), 0, MEDIALIB_TEXTURE_ORIENTED,
                               self->cancellable, on_image_loaded_cb, g_object_ref (self));
}

static void
on_image_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedialibCropDialog) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = medialib_texture_load_finish (result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->warnings_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
        }
      return;
    }

  self->image_width = gdk_texture_get_width (texture);
  self->image_height = gdk_texture_get_height (texture);
  medialib_crop_view_set_image (self->crop_view, texture, self->image_width, self->image_height);
  self->ready = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "crop");
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop_button), TRUE);

  if (self->preset != NULL)
    apply_preset (self, self->preset);
  gtk_widget_grab_focus (GTK_WIDGET (self->crop_view));
}

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibCropDialog *self = MEDIALIB_CROP_DIALOG (widget);
  MedialibRect rect;
  double cx, cy;
  int w, h;

  if (!self->ready || self->preset == NULL || self->preset->ratio_kind == MEDIALIB_RATIO_FIXED)
    return;

  medialib_crop_view_get_rect (self->crop_view, &rect);
  cx = rect.x + rect.width / 2.0;
  cy = rect.y + rect.height / 2.0;
  w = MIN (rect.height, self->image_width);
  h = MIN (rect.width, self->image_height);

  /* With "Original ratio" the ratio turns too; shrink to fit if the turned box is too big. */
  if (self->preset->ratio_kind == MEDIALIB_RATIO_ORIGINAL)
    {
      MedialibRect fit;

      medialib_crop_view_set_ratio (self->crop_view, 0, 0);
      medialib_crop_largest (self->image_width, self->image_height, rect.height, rect.width, &fit);
      w = MIN (rect.height, fit.width);
      h = MIN (rect.width, fit.height);
    }

  rect.width = w;
  rect.height = h;
  rect.x = CLAMP ((int) (cx - w / 2.0), 0, self->image_width - w);
  rect.y = CLAMP ((int) (cy - h / 2.0), 0, self->image_height - h);
  medialib_crop_view_set_rect (self->crop_view, &rect);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MedialibCropDialog *self = MEDIALIB_CROP_DIALOG (widget);

  if (self->preset != NULL)
    apply_preset (self, self->preset);
}

static void
centre_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibCropDialog *self = MEDIALIB_CROP_DIALOG (widget);
  MedialibRect rect;

  if (!self->ready || self->preset == NULL)
    return;

  medialib_crop_for_preset (self->preset, self->image_width, self->image_height, &rect);
  medialib_crop_view_set_rect (self->crop_view, &rect);
}

static void
on_cropped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MedialibCropDialog) self = user_data;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings_text = NULL;
  MedialibCropWarnings warnings = 0;

  self->busy = FALSE;
  asset = medialib_store_crop_finish (MEDIALIB_STORE (object), result, &warnings, &error);
  if (asset == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->crop_button), TRUE);
      gtk_label_set_label (self->warnings_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
      return;
    }

  warnings_text = medialib_crop_describe_warnings (self->preset, warnings);
  g_signal_emit (self, signals[CROPPED], 0, asset, warnings_text);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
crop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibCropDialog *self = MEDIALIB_CROP_DIALOG (widget);
  MedialibRect rect;

  if (!self->ready || self->busy || self->preset == NULL)
    return;

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop_button), FALSE);
  medialib_crop_view_get_rect (self->crop_view, &rect);
  medialib_store_crop_async (self->store, self->asset, self->preset, &rect, self->cancellable,
                             on_cropped_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  adw_dialog_close (ADW_DIALOG (widget));
}

static void
medialib_crop_dialog_dispose (GObject *object)
{
  MedialibCropDialog *self = MEDIALIB_CROP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_CROP_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->asset);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (medialib_crop_dialog_parent_class)->dispose (object);
}

static void
medialib_crop_dialog_class_init (MedialibCropDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_crop_dialog_dispose;

  /**
   * MedialibCropDialog::cropped:
   * @asset: the new asset
   * @warnings: (nullable): what to tell about it, one sentence per line
   */
  signals[CROPPED] = g_signal_new ("cropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, MEDIALIB_TYPE_ASSET, G_TYPE_STRING);

  g_type_ensure (MEDIALIB_TYPE_CROP_VIEW);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-crop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, crop_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, presets_box);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, readout_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, notes_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, swap_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, crop_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibCropDialog, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_crop_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "crop.apply", NULL, crop_action);
  gtk_widget_class_install_action (widget_class, "crop.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "crop.swap", NULL, swap_action);
  gtk_widget_class_install_action (widget_class, "crop.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "crop.centre", NULL, centre_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "crop.apply", NULL);
}

static void
medialib_crop_dialog_init (MedialibCropDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));
}

MedialibCropDialog *
medialib_crop_dialog_new (MedialibStore *store,
                          MedialibAsset *asset)
{
  MedialibCropDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (store), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);

  self = g_object_new (MEDIALIB_TYPE_CROP_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->asset = g_object_ref (asset);

  /* Translators: %s is the name of the image being cropped */
  title = g_strdup_printf (_("Crop “%s”"), medialib_asset_get_name (asset));
  adw_dialog_set_title (ADW_DIALOG (self), title);

  build_presets (self);
  medialib_crop_dialog_select_preset (self, "original");

  /* A team library's file may be in its bucket only: brought here first */
  medialib_store_ensure_file_async (store, asset, self->cancellable, on_file_here_cb, g_object_ref (self));

  return self;
}
