/* medialib-details-pane.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-details-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-alt-editor.h"
#include "medialib-application.h"
#include "medialib-details-pane.h"
#include "medialib-file-launch.h"
#include "medialib-label-editor.h"
#include "medialib-palette-view.h"
#include "medialib-preset.h"
#include "medialib-texture-loader.h"
#include "medialib-vcard.h"
#include "medialib-versions-group.h"

struct _MedialibDetailsPane
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkPicture          *preview;
  AdwAvatar           *avatar;
  AdwPreferencesGroup *contact_group;
  AdwActionRow        *contact_name_row;
  AdwActionRow        *org_row;
  AdwActionRow        *emails_row;
  AdwActionRow        *phones_row;
  AdwActionRow        *cards_row;
  AdwEntryRow         *name_row;
  MedialibAltEditor   *alt_editor;
  AdwActionRow        *type_row;
  AdwActionRow        *size_row;
  AdwActionRow        *dimensions_row;
  AdwActionRow        *url_row;
  AdwActionRow        *added_row;
  AdwActionRow        *source_row;
  AdwActionRow        *parent_row;
  AdwActionRow        *fits_row;
  AdwActionRow        *palette_row;
  MedialibPaletteView *palette_view;
  AdwActionRow        *prompt_row;
  GtkButton           *crop_button;
  GtkButton           *export_button;
  GtkButton           *similar_button;
  MedialibLabelEditor *tags_editor;
  MedialibLabelEditor *teams_editor;
  MedialibVersionsGroup *versions_group;

  /* Owned references */
  MedialibStore       *store;
  MedialibAsset       *asset;
  GCancellable        *cancellable;
  gboolean             editable;

  /* The widgets are made when the pane is first shown: until then the setters keep what
   * they are given */
  gboolean             built;
  char               **tags;
  char               **teams;
};

G_DEFINE_FINAL_TYPE (MedialibDetailsPane, medialib_details_pane, ADW_TYPE_BIN)

#define PREVIEW_SIZE 1024

enum {
  ASSET_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_preview_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MedialibDetailsPane *self = user_data;
  /* NULL when cancelled too: then the pane may be gone */
  g_autoptr(GdkTexture) texture = medialib_texture_load_finish (result, NULL);

  if (texture != NULL)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

/* Subtitles are markup: values from files and people are escaped. */
static void
set_row (AdwActionRow *row,
         const char   *value)
{
  g_autofree char *escaped = g_markup_escape_text (value ? value : "", -1);

  adw_action_row_set_subtitle (row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL);
}

static const char *
describe_type (MedialibAsset *asset)
{
  const char *mime = medialib_asset_get_mime (asset);

  if (g_str_equal (mime, "image/png"))
    return _("PNG image");
  if (g_str_equal (mime, "image/jpeg"))
    return _("JPEG image");
  if (g_str_equal (mime, "image/gif"))
    return medialib_asset_get_animated (asset) ? _("Animated GIF image") : _("GIF image");
  if (g_str_equal (mime, "text/vcard"))
    return _("Contact card (vCard)");

  return mime;
}

static const char *
describe_source (MedialibAsset *asset)
{
  const char *source = medialib_asset_get_source (asset);

  if (g_str_equal (source, "crop"))
    return _("Cropped from another image");
  if (g_str_equal (source, "ai"))
    return _("Generated with AI");

  return _("Uploaded");
}

static char *
join_strings (JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", json_array_get_string_element (array, i));

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The names of every card of a file with several, read on a worker thread */
static void
on_cards_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MedialibDetailsPane *self = user_data;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  /* NULL when cancelled too: then the pane may be gone */
  cards = medialib_vcard_parse_file_finish (result, NULL);
  if (cards == NULL)
    return;

  for (guint i = 0; i < cards->len; i++)
    {
      MedialibContact *card = g_ptr_array_index (cards, i);
      const char *email = card->emails->len > 0 ? g_ptr_array_index (card->emails, 0) : NULL;

      g_string_append_printf (names, "%s%s%s%s%s", i > 0 ? "\n" : "",
                              card->name ? card->name : (card->org ? card->org : "?"),
                              email ? " <" : "", email ? email : "", email ? ">" : "");
    }

  set_row (self->cards_row, names->str);
}

static void
update_contact (MedialibDetailsPane *self,
                MedialibAsset       *asset)
{
  JsonObject *contact = medialib_asset_get_contact (asset);
  g_autofree char *emails = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *display = medialib_asset_dup_display_name (asset);
  gboolean has_photo;
  gint64 n_cards;

  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), contact != NULL);
  if (contact == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->avatar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview), TRUE);
      return;
    }

  has_photo = json_object_get_boolean_member_with_default (contact, "has_photo", FALSE);
  n_cards = json_object_get_int_member_with_default (contact, "cards", 1);
  emails = join_strings (json_object_get_array_member (contact, "emails"));
  phones = join_strings (json_object_get_array_member (contact, "phones"));

  adw_avatar_set_text (self->avatar, display);
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), !has_photo);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), has_photo);

  set_row (self->contact_name_row, display);
  set_row (self->org_row, json_object_get_string_member_with_default (contact, "org", NULL));
  set_row (self->emails_row, emails);
  set_row (self->phones_row, phones);

  gtk_widget_set_visible (GTK_WIDGET (self->cards_row), n_cards > 1);
  if (n_cards > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d contact", "%d contacts",
                                                             (gulong) n_cards),
                                                (int) n_cards);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cards_row), title);
      adw_action_row_set_subtitle (self->cards_row, "");
    }
}

static gboolean
needs_file (MedialibAsset *asset)
{
  JsonObject *contact = medialib_asset_get_contact (asset);

  return medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE ||
         (contact != NULL && json_object_get_int_member_with_default (contact, "cards", 1) > 1);
}

static void
read_file (MedialibDetailsPane *self,
           MedialibAsset       *asset)
{
  if (medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE)
    medialib_texture_load_async (medialib_asset_get_path (asset), PREVIEW_SIZE, MEDIALIB_TEXTURE_ORIENTED,
                                 self->cancellable, on_preview_loaded_cb, self);
  else
    medialib_vcard_parse_file_async (medialib_asset_get_path (asset), self->cancellable, on_cards_cb, self);
}

static void
on_file_here_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MedialibDetailsPane *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the pane may be gone, or shows another asset */
  if (!medialib_store_ensure_file_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("No preview: %s", error->message);
      return;
    }

  read_file (self, self->asset);
}

/* "Content Cards · Banner, Email · Body image": the channels the image fits as it is. */
static char *
describe_fits (MedialibAsset *asset)
{
  const GPtrArray *presets = medialib_presets_get ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean is_gif = g_str_equal (medialib_asset_get_mime (asset), "image/gif");

  for (guint i = 0; i < presets->len; i++)
    {
      const MedialibPreset *preset = g_ptr_array_index (presets, i);

      if (medialib_preset_fits (preset, medialib_asset_get_width (asset),
                                medialib_asset_get_height (asset), is_gif))
        g_ptr_array_add (names, medialib_preset_dup_full_label (preset));
    }

  if (names->len == 0)
    return g_strdup (_("No channel as it is: crop it to fit one"));

  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* @same_file: the asset shown before is this one, its file unchanged (a colleague tagged
 * it, say): its preview stays rather than flickering while it loads again */
static void
update (MedialibDetailsPane *self,
        gboolean             same_file)
{
  MedialibAsset *asset = self->asset;
  g_autofree char *size = NULL;
  g_autofree char *dims = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *added = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  medialib_versions_group_set_asset (self->versions_group, self->store, asset);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (!same_file)
    gtk_picture_set_paintable (self->preview, NULL);

  if (asset == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), medialib_asset_get_name (asset));

  size = g_format_size ((guint64) medialib_asset_get_bytes (asset));
  if (medialib_asset_get_width (asset) > 0)
    /* Translators: image dimensions in pixels */
    dims = g_strdup_printf (_("%d × %d pixels"), medialib_asset_get_width (asset),
                            medialib_asset_get_height (asset));
  uri = medialib_asset_dup_uri (asset);
  if (medialib_asset_get_added (asset) > 0)
    {
      g_autofree char *when = NULL;

      utc = g_date_time_new_from_unix_utc (medialib_asset_get_added (asset));
      local = g_date_time_to_local (utc);
      /* Translators: the date an asset was added, see g_date_time_format() */
      when = g_date_time_format (local, _("%x at %X"));
      /* Who added it, as recorded then (a team library's member); unknown for older assets */
      if (medialib_asset_get_added_by (asset) != NULL)
        /* Translators: when an asset was added, then the name of the member who added it */
        added = g_strdup_printf (_("%s by %s"), when, medialib_asset_get_added_by (asset));
      else
        added = g_steal_pointer (&when);
    }
  if (medialib_asset_get_parent (asset) > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, medialib_asset_get_parent (asset));

      /* Translators: %s is the id of the image this one was cropped from */
      parent = g_strdup_printf (_("Asset %s"), number);
    }

  set_row (self->type_row, describe_type (asset));
  set_row (self->size_row, size);
  set_row (self->dimensions_row, dims);
  set_row (self->url_row, uri);
  set_row (self->added_row, added);
  set_row (self->source_row, describe_source (asset));
  set_row (self->parent_row, parent);
  set_row (self->prompt_row, medialib_asset_get_prompt (asset));

  if (medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE)
    {
      g_autofree char *fits = describe_fits (asset);
      set_row (self->fits_row, fits);
    }
  else
    set_row (self->fits_row, NULL);
  medialib_palette_view_set_asset (self->palette_view, asset);
  gtk_widget_set_visible (GTK_WIDGET (self->palette_row), medialib_palette_view_get_n_colors (self->palette_view) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->crop_button), medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE);
  gtk_widget_set_visible (GTK_WIDGET (self->similar_button), medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE);

  medialib_alt_editor_set_asset (self->alt_editor, asset);
  gtk_widget_set_visible (GTK_WIDGET (self->alt_editor), medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE);
  medialib_label_editor_set_labels (self->tags_editor, medialib_asset_get_tags (asset));
  medialib_label_editor_set_labels (self->teams_editor, medialib_asset_get_teams (asset));

  self->cancellable = g_cancellable_new ();
  update_contact (self, asset);

  /* The same image: its preview stays (a contact's card names and photo come again, for
   * update_contact() emptied them) */
  if (same_file && medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE)
    return;

  /* The file, once it is on this computer (a team library's may be in its bucket only):
   * an image's preview, or the names of a file of several cards */
  if (needs_file (asset))
    {
      if (self->store != NULL)
        medialib_store_ensure_file_async (self->store, asset, self->cancellable, on_file_here_cb, self);
      else
        read_file (self, asset);
    }
  else if (medialib_asset_get_thumbnail_path (asset) != NULL)
    /* A contact's photo, from its thumbnail */
    medialib_texture_load_async (medialib_asset_get_thumbnail_path (asset), PREVIEW_SIZE,
                                 MEDIALIB_TEXTURE_ORIENTED, self->cancellable, on_preview_loaded_cb, self);
}

void
medialib_details_pane_set_store (MedialibDetailsPane *self,
                                 MedialibStore       *store)
{
  g_return_if_fail (MEDIALIB_IS_DETAILS_PANE (self));

  g_set_object (&self->store, store);
  if (self->built)
    medialib_alt_editor_set_store (self->alt_editor, store);
}

void
medialib_details_pane_set_asset (MedialibDetailsPane *self,
                                 MedialibAsset       *asset)
{
  g_autofree char *typed = NULL;
  gboolean same_file;

  g_return_if_fail (MEDIALIB_IS_DETAILS_PANE (self));

  same_file = self->built && self->asset != NULL && asset != NULL &&
              medialib_asset_get_id (self->asset) == medialib_asset_get_id (asset) &&
              g_strcmp0 (medialib_asset_get_path (self->asset), medialib_asset_get_path (asset)) == 0 &&
              gtk_picture_get_paintable (self->preview) != NULL;

  /* What is being typed in the name survives a colleague's change of something else */
  if (same_file && g_strcmp0 (medialib_asset_get_name (self->asset), medialib_asset_get_name (asset)) == 0)
    typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  if (!g_set_object (&self->asset, asset) || !self->built)
    return;

  update (self, same_file);
  if (typed != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), typed);
}

/**
 * medialib_details_pane_set_editable:
 *
 * Whether the name, tags and teams can be changed and the image cropped: not while a team
 * library's server cannot be reached (the window shows why).
 */
void
medialib_details_pane_set_editable (MedialibDetailsPane *self,
                                    gboolean             editable)
{
  g_return_if_fail (MEDIALIB_IS_DETAILS_PANE (self));

  self->editable = !!editable;
  if (!self->built)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->alt_editor), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_editor), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->teams_editor), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop_button), self->editable);
  medialib_versions_group_set_editable (self->versions_group, self->editable);
}

/**
 * medialib_details_pane_get_asset:
 *
 * Returns: (transfer none) (nullable):
 */
MedialibAsset *
medialib_details_pane_get_asset (MedialibDetailsPane *self)
{
  g_return_val_if_fail (MEDIALIB_IS_DETAILS_PANE (self), NULL);

  return self->asset;
}

void
medialib_details_pane_set_labels (MedialibDetailsPane *self,
                                  const char * const  *tags,
                                  const char * const  *teams)
{
  g_return_if_fail (MEDIALIB_IS_DETAILS_PANE (self));

  if (!self->built)
    {
      g_strfreev (self->tags);
      g_strfreev (self->teams);
      self->tags = g_strdupv ((char **) tags);
      self->teams = g_strdupv ((char **) teams);
      return;
    }

  medialib_label_editor_set_suggestions (self->tags_editor, tags);
  medialib_label_editor_set_suggestions (self->teams_editor, teams);
}

/* The widgets, made on first show (the window starts with the pane hidden), with what the
 * setters were given meanwhile */
static void
build (MedialibDetailsPane *self)
{
  g_auto(GStrv) tags = g_steal_pointer (&self->tags);
  g_auto(GStrv) teams = g_steal_pointer (&self->teams);

  g_assert (!self->built);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->built = TRUE;
  /* A file dropped on the preview replaces the asset's */
  medialib_versions_group_attach_drop (self->versions_group, GTK_WIDGET (self->preview));

  medialib_details_pane_set_labels (self, (const char * const *) tags, (const char * const *) teams);
  medialib_alt_editor_set_store (self->alt_editor, self->store);
  medialib_details_pane_set_editable (self, self->editable);
  update (self, FALSE);
}

static void
medialib_details_pane_map (GtkWidget *widget)
{
  MedialibDetailsPane *self = MEDIALIB_DETAILS_PANE (widget);

  if (!self->built)
    build (self);

  GTK_WIDGET_CLASS (medialib_details_pane_parent_class)->map (widget);
}

static void
on_edit_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibDetailsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_edit_finish (MEDIALIB_STORE (object), result, &error))
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_APPLICATION_WINDOW);
      AdwDialog *dialog = adw_alert_dialog_new (_("The Change Could Not Be Saved"), error->message);

      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
      adw_dialog_present (dialog, window);
      /* What is shown goes back to what is stored: the change did not happen */
      update (self, TRUE);
    }

  g_signal_emit (self, signals[ASSET_CHANGED], 0);
}

static void
apply_edit (MedialibDetailsPane *self,
            const MedialibEdit  *edit)
{
  gint64 id;

  if (self->store == NULL || self->asset == NULL)
    return;

  id = medialib_asset_get_id (self->asset);
  medialib_store_edit_async (self->store, &id, 1, edit, NULL, on_edit_done_cb, g_object_ref (self));
}

static void
on_name_apply_cb (MedialibDetailsPane *self,
                  AdwEntryRow         *row)
{
  MedialibEdit edit = { .rename = gtk_editable_get_text (GTK_EDITABLE (row)) };

  if (self->asset != NULL && g_strcmp0 (edit.rename, medialib_asset_get_name (self->asset)) != 0)
    apply_edit (self, &edit);
}

static void
on_alt_changed_cb (MedialibDetailsPane *self,
                   const char          *text)
{
  MedialibEdit edit = { .alt = text };

  apply_edit (self, &edit);
}

static void
on_tag_added_cb (MedialibDetailsPane *self,
                 const char          *label)
{
  const char *labels[] = { label, NULL };
  MedialibEdit edit = { .add_tags = labels };

  apply_edit (self, &edit);
}

static void
on_tag_removed_cb (MedialibDetailsPane *self,
                   const char          *label)
{
  const char *labels[] = { label, NULL };
  MedialibEdit edit = { .remove_tags = labels };

  apply_edit (self, &edit);
}

static void
on_team_added_cb (MedialibDetailsPane *self,
                  const char          *label)
{
  const char *labels[] = { label, NULL };
  MedialibEdit edit = { .add_teams = labels };

  apply_edit (self, &edit);
}

static void
on_team_removed_cb (MedialibDetailsPane *self,
                    const char          *label)
{
  const char *labels[] = { label, NULL };
  MedialibEdit edit = { .remove_teams = labels };

  apply_edit (self, &edit);
}

static void
copy_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MedialibDetailsPane *self = MEDIALIB_DETAILS_PANE (widget);
  g_autofree char *uri = NULL;
  GtkWidget *overlay;

  if (self->asset == NULL)
    return;

  uri = medialib_asset_dup_uri (self->asset);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("URL copied")));
}

static void
open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MedialibDetailsPane *self = MEDIALIB_DETAILS_PANE (widget);

  if (self->asset != NULL)
    medialib_file_launch (widget, self->store, self->asset, FALSE);
}

static void
show_in_files_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedialibDetailsPane *self = MEDIALIB_DETAILS_PANE (widget);

  if (self->asset != NULL)
    medialib_file_launch (widget, self->store, self->asset, TRUE);
}

static void
medialib_details_pane_dispose (GObject *object)
{
  MedialibDetailsPane *self = MEDIALIB_DETAILS_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->asset);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->teams, g_strfreev);
  if (self->built)
    gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_DETAILS_PANE);

  G_OBJECT_CLASS (medialib_details_pane_parent_class)->dispose (object);
}

static void
medialib_details_pane_class_init (MedialibDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_details_pane_dispose;
  widget_class->map = medialib_details_pane_map;

  /**
   * MedialibDetailsPane::asset-changed:
   *
   * The pane changed the asset in the store (or tried to).
   */
  signals[ASSET_CHANGED] =
    g_signal_new ("asset-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MEDIALIB_TYPE_LABEL_EDITOR);
  g_type_ensure (MEDIALIB_TYPE_PALETTE_VIEW);
  g_type_ensure (MEDIALIB_TYPE_ALT_EDITOR);
  g_type_ensure (MEDIALIB_TYPE_VERSIONS_GROUP);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, preview);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, avatar);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, contact_group);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, org_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, emails_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, phones_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, cards_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, name_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, alt_editor);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, type_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, size_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, dimensions_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, url_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, added_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, source_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, parent_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, fits_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, palette_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, palette_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, crop_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, export_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, similar_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, tags_editor);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, teams_editor);
  gtk_widget_class_bind_template_child (widget_class, MedialibDetailsPane, versions_group);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_removed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_team_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_team_removed_cb);

  gtk_widget_class_install_action (widget_class, "details.copy-url", NULL, copy_url_action);
  gtk_widget_class_install_action (widget_class, "details.open-with", NULL, open_with_action);
  gtk_widget_class_install_action (widget_class, "details.show-in-files", NULL, show_in_files_action);
}

static void
medialib_details_pane_init (MedialibDetailsPane *self)
{
  /* No gtk_widget_init_template() here: see build() */
  self->editable = TRUE;
}
