/* medialib-asset-tile.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-asset-tile"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"

#define MAX_CHIPS 3

struct _MedialibAssetTile
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkPicture    *picture;
  GtkImage      *placeholder;
  GtkLabel      *badge;
  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *subtitle_label;
  GtkBox        *chips;
  guint          n_chips;    /* shown, the first of chips' children */

  /* Owned references */
  MedialibAsset          *asset;
  MedialibThumbnailCache *cache;
  GCancellable           *cancellable;   /* of the thumbnail's load, once started */
};

G_DEFINE_FINAL_TYPE (MedialibAssetTile, medialib_asset_tile, GTK_TYPE_WIDGET)

/* The thumbnail, in place of the placeholder or the initials */
static void
show_texture (MedialibAssetTile *self,
              GdkTexture        *texture)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));
  g_assert (GDK_IS_TEXTURE (texture));

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), FALSE);
}

static void
on_thumbnail_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MedialibAssetTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  texture = medialib_thumbnail_cache_load_finish (MEDIALIB_THUMBNAIL_CACHE (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->asset != NULL)
        g_debug ("No thumbnail for %s: %s", medialib_asset_get_name (self->asset), error->message);
      return;
    }

  if (self->asset == NULL)
    return;

  show_texture (self, texture);
}

/* The chips are made once and reused: a grid rebinds hundreds of tiles when it jumps */
static void
clear_chips (MedialibAssetTile *self)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);
  self->n_chips = 0;
}

static void
add_chip (MedialibAssetTile *self,
          const char        *text)
{
  GtkWidget *chip;

  g_assert (MEDIALIB_IS_ASSET_TILE (self));
  g_assert (text != NULL);

  chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips));
  for (guint i = 0; chip != NULL && i < self->n_chips; i++)
    chip = gtk_widget_get_next_sibling (chip);

  if (chip == NULL)
    {
      chip = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 10);
      gtk_widget_add_css_class (chip, "chip");
      gtk_box_append (self->chips, chip);
    }

  gtk_label_set_label (GTK_LABEL (chip), text);
  gtk_widget_set_visible (chip, TRUE);
  self->n_chips++;
}

void
medialib_asset_tile_set_asset (MedialibAssetTile      *self,
                               MedialibAsset          *asset,
                               MedialibThumbnailCache *cache)
{
  const char * const *tags;
  const char *badge = NULL;
  GdkTexture *texture = NULL;
  guint n_tags;

  g_return_if_fail (MEDIALIB_IS_ASSET_TILE (self));
  g_return_if_fail (asset == NULL || MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (cache == NULL || MEDIALIB_IS_THUMBNAIL_CACHE (cache));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->asset, asset);
  g_set_object (&self->cache, cache);
  gtk_picture_set_paintable (self->picture, NULL);
  clear_chips (self);

  if (asset == NULL)
    return;

  {
    /* A contact card shows its contact's name and organization, an image its file name. */
    g_autofree char *display = medialib_asset_dup_display_name (asset);
    JsonObject *contact = medialib_asset_get_contact (asset);
    const char *org = contact ? json_object_get_string_member_with_default (contact, "org", NULL) : NULL;

    gtk_label_set_label (self->name_label, display);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), medialib_asset_get_name (asset));
    gtk_label_set_label (self->subtitle_label, org ? org : "");
    gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), org != NULL && org[0] != '\0');
    adw_avatar_set_text (self->avatar, display);
  }

  if (medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_CONTACT)
    badge = _("Contact");
  else if (medialib_asset_get_animated (asset))
    badge = _("Animated GIF");
  else if (g_str_equal (medialib_asset_get_mime (asset), "image/gif"))
    badge = "GIF";

  gtk_label_set_label (self->badge, badge);
  gtk_widget_set_visible (GTK_WIDGET (self->badge), badge != NULL);

  tags = medialib_asset_get_tags (asset);
  n_tags = g_strv_length ((char **) tags);
  for (guint i = 0; i < MIN (n_tags, MAX_CHIPS); i++)
    add_chip (self, tags[i]);
  if (n_tags > MAX_CHIPS)
    {
      g_autofree char *more = g_strdup_printf ("+%u", n_tags - MAX_CHIPS);
      add_chip (self, more);
    }

  gtk_image_set_from_icon_name (self->placeholder,
                                medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_CONTACT
                                  ? "avatar-default-symbolic" : "image-x-generic-symbolic");

  if (cache != NULL)
    texture = medialib_thumbnail_cache_lookup (cache, asset);

  if (texture != NULL)
    {
      show_texture (self, texture);
    }
  else
    {
      gboolean contact = medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_CONTACT;

      /* Contacts without a photo get their initials */
      gtk_widget_set_visible (GTK_WIDGET (self->avatar), contact);
      gtk_widget_set_visible (GTK_WIDGET (self->placeholder), !contact);
      /* The thumbnail loads when the tile is first drawn (see snapshot()): the grid keeps
       * many more tiles than it shows, and most are never scrolled to. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  {
    g_autofree char *display = medialib_asset_dup_display_name (asset);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, display,
                                    -1);
  }
}

/**
 * medialib_asset_tile_get_asset:
 *
 * Returns: (transfer none) (nullable):
 */
MedialibAsset *
medialib_asset_tile_get_asset (MedialibAssetTile *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET_TILE (self), NULL);

  return self->asset;
}

/**
 * medialib_asset_tile_has_thumbnail:
 *
 * Returns: whether the tile shows its asset's thumbnail (rather than a placeholder, or
 *   nothing yet while it loads)
 */
gboolean
medialib_asset_tile_has_thumbnail (MedialibAssetTile *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET_TILE (self), FALSE);

  return gtk_picture_get_paintable (self->picture) != NULL;
}

/**
 * medialib_asset_tile_take_cached_thumbnail:
 *
 * Shows the tile's thumbnail if it has none yet and the cache now holds it (the window
 * loads the first screen's thumbnails ahead of the tiles).
 *
 * Returns: whether the tile shows its thumbnail now
 */
gboolean
medialib_asset_tile_take_cached_thumbnail (MedialibAssetTile *self)
{
  GdkTexture *texture;

  g_return_val_if_fail (MEDIALIB_IS_ASSET_TILE (self), FALSE);

  if (gtk_picture_get_paintable (self->picture) != NULL)
    return TRUE;
  if (self->asset == NULL || self->cache == NULL ||
      (texture = medialib_thumbnail_cache_lookup (self->cache, self->asset)) == NULL)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_texture (self, texture);
  return TRUE;
}

static void
medialib_asset_tile_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  MedialibAssetTile *self = MEDIALIB_ASSET_TILE (widget);

  if (self->cancellable == NULL && self->cache != NULL && self->asset != NULL &&
      gtk_picture_get_paintable (self->picture) == NULL &&
      medialib_asset_get_thumbnail_path (self->asset) != NULL)
    {
      self->cancellable = g_cancellable_new ();
      medialib_thumbnail_cache_load_async (self->cache, self->asset, self->cancellable,
                                           on_thumbnail_loaded_cb, g_object_ref (self));
    }

  GTK_WIDGET_CLASS (medialib_asset_tile_parent_class)->snapshot (widget, snapshot);
}

static void
medialib_asset_tile_dispose (GObject *object)
{
  MedialibAssetTile *self = MEDIALIB_ASSET_TILE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->asset);
  g_clear_object (&self->cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_ASSET_TILE);

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (medialib_asset_tile_parent_class)->dispose (object);
}

static void
medialib_asset_tile_class_init (MedialibAssetTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_asset_tile_dispose;

  widget_class->snapshot = medialib_asset_tile_snapshot;

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-asset-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, picture);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, placeholder);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, badge);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, avatar);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, chips);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assettile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
medialib_asset_tile_init (MedialibAssetTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medialib_asset_tile_new (void)
{
  return g_object_new (MEDIALIB_TYPE_ASSET_TILE, NULL);
}
