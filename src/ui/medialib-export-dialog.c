/* medialib-export-dialog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-export.h"
#include "medialib-export-crop-page.h"
#include "medialib-export-dialog.h"
#include "medialib-texture-loader.h"

/*
 * "Export for Channels…": a row per channel preset with a check, a preview of its crop
 * (placed by the smart crop on a small copy of the image, loaded on a worker) and two
 * buttons that nudge the crop along the side it can move. The preview is a button: it pushes
 * MedialibExportCropPage, where the crop is dragged and resized as in the crop dialog, and
 * its "Done" brings the box back to the row. A folder (GtkFileDialog); "Add to Library as
 * Crops". medialib_store_export_async() writes the files; its progress fills the
 * bar; ::exported tells the window, which offers to open the folder.
 */

#define PREVIEW_SIZE 480
#define THUMBNAIL_SIZE 64
#define ADJUST_SIZE 1600   /* the image on the adjust page, at most */

typedef struct
{
  const MedialibPreset *preset;
  MedialibRect          rect;
  AdwActionRow         *row;
  GtkCheckButton       *check;
  GtkPicture           *picture;
  GtkButton            *adjust;    /* the preview's button */
  GtkButton            *back;
  GtkButton            *forward;
} Entry;

struct _MedialibExportDialog
{
  AdwDialog               parent_instance;

  /* Template widgets */
  AdwNavigationView      *navigation_view;
  AdwNavigationPage      *channels_page;
  MedialibExportCropPage *crop_page;
  GtkStack               *stack;
  GtkBox                 *channels_box;
  AdwActionRow           *folder_row;
  AdwSwitchRow           *add_row;
  GtkProgressBar         *progress_bar;
  GtkLabel               *error_label;
  GtkButton              *export_button;

  /* Owned references */
  MedialibStore          *store;
  MedialibAsset          *asset;
  GCancellable           *cancellable;
  GdkPixbuf              *preview;
  GdkTexture             *adjust_texture;  /* the image for the adjust page, once asked for */
  GFile                  *folder;
  GPtrArray              *entries;   /* of Entry, in the presets' order */
  int                     image_width;
  int                     image_height;
  gboolean                ready;
  gboolean                busy;
};

G_DEFINE_FINAL_TYPE (MedialibExportDialog, medialib_export_dialog, ADW_TYPE_DIALOG)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The side the crop has the more room along: where its arrows move it */
static gboolean
moves_sideways (MedialibExportDialog *self,
                Entry                *entry)
{
  return self->image_width - entry->rect.width >= self->image_height - entry->rect.height;
}

static Entry *
find_entry (MedialibExportDialog *self,
            const char           *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->preset->key, key))
        return entry;
    }

  return NULL;
}

static guint
count_chosen (MedialibExportDialog *self)
{
  guint count = 0;

  for (guint i = 0; i < self->entries->len; i++)
    count += gtk_check_button_get_active (((Entry *) g_ptr_array_index (self->entries, i))->check);

  return count;
}

static void
update_export_button (MedialibExportDialog *self)
{
  guint count = count_chosen (self);
  g_autofree char *label = NULL;

  /* Translators: the button that writes the files, with how many */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Export %u File", "_Export %u Files", count), count);
  gtk_button_set_label (self->export_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->ready && !self->busy && count > 0 && self->folder != NULL);
}

static GdkTexture *
texture_from_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) bytes = gdk_pixbuf_read_pixel_bytes (pixbuf);

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 bytes, gdk_pixbuf_get_rowstride (pixbuf));
}

/* The crop's preview, its output size and what the crop dialog would warn about */
static void
update_entry (MedialibExportDialog *self,
              Entry                *entry)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *warnings_text = NULL;
  MedialibCropWarnings warnings;
  gboolean is_gif;
  gboolean moves_x, moves_y;
  int out_w, out_h;

  g_assert (entry != NULL);

  if (!self->ready)
    return;

  is_gif = g_str_equal (medialib_asset_get_mime (self->asset), "image/gif");
  medialib_export_output_size (entry->preset, &entry->rect, &out_w, &out_h);
  warnings = medialib_crop_warnings (entry->preset, &entry->rect, is_gif) & ~MEDIALIB_CROP_WARNING_SCALED_DOWN;

  /* Translators: the size in pixels of the file exported for a channel */
  g_string_append_printf (subtitle, _("%d × %d pixels"), out_w, out_h);
  warnings_text = medialib_crop_describe_warnings (entry->preset, warnings);
  if (warnings_text != NULL)
    {
      g_string_append (subtitle, " — ");
      g_string_append_len (subtitle, warnings_text, strcspn (warnings_text, "\n"));
    }
  adw_action_row_set_subtitle (entry->row, subtitle->str);

  if (self->preview != NULL)
    {
      double sx = (double) gdk_pixbuf_get_width (self->preview) / self->image_width;
      double sy = (double) gdk_pixbuf_get_height (self->preview) / self->image_height;
      int x = CLAMP ((int) (entry->rect.x * sx), 0, gdk_pixbuf_get_width (self->preview) - 1);
      int y = CLAMP ((int) (entry->rect.y * sy), 0, gdk_pixbuf_get_height (self->preview) - 1);
      int w = CLAMP ((int) (entry->rect.width * sx), 1, gdk_pixbuf_get_width (self->preview) - x);
      int h = CLAMP ((int) (entry->rect.height * sy), 1, gdk_pixbuf_get_height (self->preview) - y);
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (self->preview, x, y, w, h);
      double fit = MIN (1.0, (double) THUMBNAIL_SIZE / MAX (w, h));
      g_autoptr(GdkPixbuf) copy = gdk_pixbuf_scale_simple (part, MAX (1, (int) (w * fit)), MAX (1, (int) (h * fit)),
                                                           GDK_INTERP_BILINEAR);
      g_autoptr(GdkTexture) texture = texture_from_pixbuf (copy);

      gtk_picture_set_paintable (entry->picture, GDK_PAINTABLE (texture));
    }

  moves_x = moves_sideways (self, entry);
  moves_y = entry->rect.height < self->image_height;
  gtk_widget_set_visible (GTK_WIDGET (entry->back), entry->rect.width < self->image_width || moves_y);
  gtk_widget_set_visible (GTK_WIDGET (entry->forward), entry->rect.width < self->image_width || moves_y);
  gtk_button_set_icon_name (entry->back, moves_x ? "go-previous-symbolic" : "go-up-symbolic");
  gtk_button_set_icon_name (entry->forward, moves_x ? "go-next-symbolic" : "go-down-symbolic");
  {
    g_autofree char *full = medialib_preset_dup_full_label (entry->preset);
    /* Translators: a button's accessible name; %s is a channel and layout */
    g_autofree char *back = g_strdup_printf (moves_x ? _("Move the %s Crop Left") : _("Move the %s Crop Up"), full);
    g_autofree char *forward = g_strdup_printf (moves_x ? _("Move the %s Crop Right") : _("Move the %s Crop Down"), full);

    gtk_widget_set_tooltip_text (GTK_WIDGET (entry->back), moves_x ? _("Move Left") : _("Move Up"));
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry->forward), moves_x ? _("Move Right") : _("Move Down"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry->back), GTK_ACCESSIBLE_PROPERTY_LABEL, back, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry->forward), GTK_ACCESSIBLE_PROPERTY_LABEL, forward, -1);
  }
}

/* A tenth of the image along the side the crop has the more room along */
static void
nudge (MedialibExportDialog *self,
       Entry                *entry,
       int                   direction)
{
  int dx = 0, dy = 0;

  if (!self->ready || self->busy)
    return;

  if (moves_sideways (self, entry))
    dx = direction * MAX (1, self->image_width / 10);
  else
    dy = direction * MAX (1, self->image_height / 10);

  medialib_crop_move (&entry->rect, dx, dy, self->image_width, self->image_height);
  update_entry (self, entry);
}

/* export.nudge ("KEY", ±1): the arrows beside each preview */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (widget);
  const char *key;
  int direction;
  Entry *entry;

  g_variant_get (parameter, "(&si)", &key, &direction);
  if ((entry = find_entry (self, key)) != NULL)
    nudge (self, entry, direction < 0 ? -1 : 1);
}

static void
on_adjust_texture_loaded_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(MedialibExportDialog) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  /* Without it, the page keeps showing the preview */
  if ((texture = medialib_texture_load_finish (result, NULL)) == NULL || self->crop_page == NULL)
    return;

  g_set_object (&self->adjust_texture, texture);
  medialib_export_crop_page_set_image (self->crop_page, texture, self->image_width, self->image_height);
}

/* export.adjust ("KEY"): the preview's button; the page shows the small preview until the
 * image, loaded on a worker, is here */
static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (widget);
  Entry *entry;

  if (!self->ready || self->busy || self->preview == NULL ||
      (entry = find_entry (self, g_variant_get_string (parameter, NULL))) == NULL)
    return;

  if (self->adjust_texture == NULL)
    {
      self->adjust_texture = texture_from_pixbuf (self->preview);
      medialib_export_crop_page_set_image (self->crop_page, self->adjust_texture,
                                           self->image_width, self->image_height);
      medialib_texture_load_async (medialib_asset_get_path (self->asset), ADJUST_SIZE, MEDIALIB_TEXTURE_ORIENTED,
                                   self->cancellable, on_adjust_texture_loaded_cb, g_object_ref (self));
    }

  medialib_export_crop_page_edit (self->crop_page, entry->preset, &entry->rect);
  if (adw_navigation_view_get_visible_page (self->navigation_view) != ADW_NAVIGATION_PAGE (self->crop_page))
    adw_navigation_view_push (self->navigation_view, ADW_NAVIGATION_PAGE (self->crop_page));
}

/* "Done": the box becomes the channel's crop, and the channel is chosen */
static void
on_crop_page_done_cb (MedialibExportDialog   *self,
                      MedialibExportCropPage *page)
{
  const MedialibPreset *preset = medialib_export_crop_page_get_preset (page);
  Entry *entry;

  g_assert (MEDIALIB_IS_EXPORT_DIALOG (self));

  if (preset == NULL || (entry = find_entry (self, preset->key)) == NULL)
    return;

  medialib_export_crop_page_get_rect (page, &entry->rect);
  gtk_check_button_set_active (entry->check, TRUE);
  update_entry (self, entry);
  adw_navigation_view_pop (self->navigation_view);
  gtk_widget_grab_focus (GTK_WIDGET (entry->adjust));
}

/* export.choose-all (TRUE: every channel; FALSE: none) */
static void
choose_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (widget);

  for (guint i = 0; i < self->entries->len; i++)
    gtk_check_button_set_active (((Entry *) g_ptr_array_index (self->entries, i))->check,
                                 g_variant_get_boolean (parameter));
}

static void
on_check_toggled_cb (GtkCheckButton       *check,
                     MedialibExportDialog *self)
{
  update_export_button (self);
}

static GtkWidget *
flat_button (const char *icon)
{
  GtkWidget *button = icon != NULL ? gtk_button_new_from_icon_name (icon) : gtk_button_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
build_channels (MedialibExportDialog *self)
{
  const GPtrArray *presets = medialib_presets_get ();
  AdwPreferencesGroup *group = NULL;
  const char *channel = NULL;

  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);
      g_autofree char *full = medialib_preset_dup_full_label (preset);
      Entry *entry;

      if (!medialib_export_is_channel_preset (preset))
        continue;

      if (g_strcmp0 (channel, preset->channel) != 0)
        {
          channel = preset->channel;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, medialib_preset_get_channel_label (preset));
          gtk_box_append (self->channels_box, GTK_WIDGET (group));
        }

      entry = g_new0 (Entry, 1);
      entry->preset = preset;
      entry->row = ADW_ACTION_ROW (adw_action_row_new ());
      entry->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      entry->picture = GTK_PICTURE (gtk_picture_new ());
      entry->adjust = GTK_BUTTON (flat_button (NULL));
      entry->back = GTK_BUTTON (flat_button ("go-previous-symbolic"));
      entry->forward = GTK_BUTTON (flat_button ("go-next-symbolic"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry->row), medialib_preset_get_label (preset));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry->row), FALSE);
      gtk_check_button_set_active (entry->check, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (entry->check), GTK_ALIGN_CENTER);
      g_signal_connect (entry->check, "toggled", G_CALLBACK (on_check_toggled_cb), self);

      gtk_picture_set_content_fit (entry->picture, GTK_CONTENT_FIT_SCALE_DOWN);
      gtk_picture_set_can_shrink (entry->picture, FALSE);
      gtk_widget_set_size_request (GTK_WIDGET (entry->picture), THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_widget_set_valign (GTK_WIDGET (entry->picture), GTK_ALIGN_CENTER);
      {
        /* Translators: the accessible name of a crop's preview; %s is a channel and layout */
        g_autofree char *alt = g_strdup_printf (_("Preview of the %s crop"), full);
        /* Translators: the accessible name of a crop's preview, a button; %s is a channel and layout */
        g_autofree char *adjust = g_strdup_printf (_("Adjust the %s Crop"), full);

        gtk_picture_set_alternative_text (entry->picture, alt);
        gtk_accessible_update_property (GTK_ACCESSIBLE (entry->adjust), GTK_ACCESSIBLE_PROPERTY_LABEL, adjust, -1);
      }
      gtk_button_set_child (entry->adjust, GTK_WIDGET (entry->picture));
      gtk_widget_add_css_class (GTK_WIDGET (entry->adjust), "export-preview");
      gtk_widget_set_margin_top (GTK_WIDGET (entry->adjust), 6);
      gtk_widget_set_margin_bottom (GTK_WIDGET (entry->adjust), 6);
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry->adjust), _("Adjust Crop"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (entry->adjust), "export.adjust");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (entry->adjust), "s", preset->key);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (entry->back), "export.nudge");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (entry->back), "(si)", preset->key, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (entry->forward), "export.nudge");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (entry->forward), "(si)", preset->key, 1);

      adw_action_row_add_prefix (entry->row, GTK_WIDGET (entry->check));
      adw_action_row_set_activatable_widget (entry->row, GTK_WIDGET (entry->check));
      /* The row labels its check with the layout alone ("Image and text", three times):
       * screen readers get the channel too. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry->check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry->check), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->back));
      adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->adjust));
      adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->forward));
      adw_preferences_group_add (group, GTK_WIDGET (entry->row));
      g_ptr_array_add (self->entries, entry);
    }
}

static void
set_folder (MedialibExportDialog *self,
            GFile                *folder)
{
  g_autofree char *path = NULL;

  g_set_object (&self->folder, folder);
  path = folder ? g_file_get_path (folder) : NULL;
  adw_action_row_set_subtitle (self->folder_row, path ? path : _("None chosen"));
  update_export_button (self);
}

static void
load_preview_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *preview;

  g_assert (G_IS_TASK (task));

  if ((preview = medialib_export_load_preview (task_data, PREVIEW_SIZE, &error)))
    g_task_return_pointer (task, preview, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
on_preview_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  MedialibPixels pixels;

  if (!(self->preview = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  /* The asset's size is the upright image's */
  self->image_width = medialib_asset_get_width (self->asset);
  self->image_height = medialib_asset_get_height (self->asset);
  medialib_pixels_init_from_pixbuf (&pixels, self->preview);
  medialib_export_crop_page_set_preview (self->crop_page, self->preview,
                                         g_str_equal (medialib_asset_get_mime (self->asset), "image/gif"));
  self->ready = TRUE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      medialib_crop_for_preset (entry->preset, self->image_width, self->image_height, &entry->rect);
      medialib_smartcrop_place_scaled (&pixels, self->image_width, self->image_height, &entry->rect);
      update_entry (self, entry);
    }

  gtk_stack_set_visible_child_name (self->stack, "channels");
  update_export_button (self);
}

static void
on_file_here_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!medialib_store_ensure_file_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  task = g_task_new (NULL, self->cancellable, on_preview_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_file_here_cb);
  g_task_set_task_data (task, g_strdup (medialib_asset_get_path (self->asset)), g_free);
  g_task_run_in_thread (task, load_preview_thread);
}

static void
on_folder_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MedialibExportDialog) self = user_data;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (folder != NULL)
    set_folder (self, folder);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_dialog_set_title (dialog, _("Export to Folder"));
  if (self->folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, self->folder);
  gtk_file_dialog_select_folder (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->cancellable, on_folder_chosen_cb, g_object_ref (self));
}

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  MedialibExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / MAX (1, total));
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MedialibExportDialog) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  results = medialib_store_export_finish (MEDIALIB_STORE (object), result, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (results == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_export_button (self);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, self->folder, results->len);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (widget);
  g_autoptr(GArray) choices = NULL;
  g_autofree char *path = NULL;

  if (!self->ready || self->busy || self->folder == NULL || count_chosen (self) == 0)
    return;

  choices = g_array_new (FALSE, TRUE, sizeof (MedialibExportChoice));
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      MedialibExportChoice choice = { entry->preset, entry->rect, TRUE };

      if (gtk_check_button_get_active (entry->check))
        g_array_append_val (choices, choice);
    }

  self->busy = TRUE;
  path = g_file_get_path (self->folder);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  update_export_button (self);
  medialib_store_export_async (self->store, self->asset, choices, path,
                               adw_switch_row_get_active (self->add_row),
                               on_progress_cb, self, self->cancellable, on_exported_cb, g_object_ref (self));
}

static void
medialib_export_dialog_dispose (GObject *object)
{
  MedialibExportDialog *self = MEDIALIB_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->asset);
  g_clear_object (&self->preview);
  g_clear_object (&self->adjust_texture);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (medialib_export_dialog_parent_class)->dispose (object);
}

static void
medialib_export_dialog_class_init (MedialibExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_export_dialog_dispose;

  /**
   * MedialibExportDialog::exported:
   * @folder: where the files are
   * @count: how many files
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  g_type_ensure (MEDIALIB_TYPE_EXPORT_CROP_PAGE);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, navigation_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, channels_page);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, crop_page);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, channels_box);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, add_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_crop_page_done_cb);

  gtk_widget_class_install_action (widget_class, "export.apply", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "export.nudge", "(si)", nudge_action);
  gtk_widget_class_install_action (widget_class, "export.adjust", "s", adjust_action);
  gtk_widget_class_install_action (widget_class, "export.choose-all", "b", choose_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "export.apply", NULL);
}

static void
medialib_export_dialog_init (MedialibExportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

MedialibExportDialog *
medialib_export_dialog_new (MedialibStore *store,
                            MedialibAsset *asset)
{
  MedialibExportDialog *self;
  g_autofree char *title = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *pictures;

  g_return_val_if_fail (MEDIALIB_IS_STORE (store), NULL);
  g_return_val_if_fail (MEDIALIB_IS_ASSET (asset), NULL);

  self = g_object_new (MEDIALIB_TYPE_EXPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->asset = g_object_ref (asset);

  /* Translators: %s is the name of the image being exported */
  title = g_strdup_printf (_("Export “%s” for Channels"), medialib_asset_get_name (asset));
  adw_dialog_set_title (ADW_DIALOG (self), title);
  adw_navigation_page_set_title (self->channels_page, title);

  build_channels (self);
  pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  folder = g_file_new_for_path (pictures ? pictures : g_get_home_dir ());
  set_folder (self, folder);

  /* A team library's file may be in its bucket only: brought here first */
  medialib_store_ensure_file_async (store, asset, self->cancellable, on_file_here_cb, g_object_ref (self));

  return self;
}

gboolean
medialib_export_dialog_is_ready (MedialibExportDialog *self)
{
  g_return_val_if_fail (MEDIALIB_IS_EXPORT_DIALOG (self), FALSE);

  return self->ready;
}

void
medialib_export_dialog_set_folder (MedialibExportDialog *self,
                                   GFile                *folder)
{
  g_return_if_fail (MEDIALIB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  set_folder (self, folder);
}

/**
 * medialib_export_dialog_set_chosen:
 *
 * Checks or unchecks a channel preset, as clicking it would.
 */
gboolean
medialib_export_dialog_set_chosen (MedialibExportDialog *self,
                                   const char           *key,
                                   gboolean              chosen)
{
  Entry *entry;

  g_return_val_if_fail (MEDIALIB_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((entry = find_entry (self, key)) == NULL)
    return FALSE;

  gtk_check_button_set_active (entry->check, chosen);
  return TRUE;
}

gboolean
medialib_export_dialog_get_rect (MedialibExportDialog *self,
                                 const char           *key,
                                 MedialibRect         *rect)
{
  Entry *entry;

  g_return_val_if_fail (MEDIALIB_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if ((entry = find_entry (self, key)) == NULL)
    return FALSE;

  *rect = entry->rect;
  return TRUE;
}
