/* medialib-asset-tile.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-asset-tile"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-texture-loader.h"
#include "medialib-tile-label.h"

#define MAX_CHIPS 3
#define FRAME_WIDTH 168  /* the thumbnail's frame, at least */
#define FRAME_HEIGHT 128
#define FRAME_RADIUS 8
#define SPACING 6        /* between the thumbnail, the name, the subtitle and the chips */
#define CHIPS_HEIGHT 18  /* the row of chips takes this room even without chips */
#define CHIP_SPACING 4   /* between two chips */

/* A grid rebinds every tile it keeps when it jumps, and measures them all again: the name and
 * the subtitle are sized by their font and not by their text (a label lays its text out to be
 * measured). The name is a MedialibTileLabel, which makes its Pango layout only when drawn and
 * shares its font's metrics with every other tile's; the subtitle, only for contacts, an
 * inscription. The chips of the tags are MedialibTileLabels too, as wide as their text up to
 * ten characters, laid out once. All give their text as their accessible name, as a label
 * does, which the tests through the accessibility tree look for. A tile holds the widgets
 * every asset needs (the name), and makes the others (placeholder icon,
 * initials, badge, subtitle, chips) the first time an asset needs them, then keeps them,
 * hidden while unused. A bind touches only what differs from the previous asset's. The tile
 * draws the thumbnail itself, in a frame with rounded corners (no picture in an overlay),
 * lays the placeholder, the initials and the badge over that frame, and stacks the name, the
 * subtitle and the row of chips below it, with no box between them: the chips are its last
 * children, laid out in a row as a horizontal box with their spacing would, and cut at the
 * tile's edge (its overflow is hidden; nothing else reaches that edge). A box would be one
 * more widget and style per tile to make before the first frame. Every tile keeps the room
 * of a row of chips below its name, whether it has chips or not, so that tiles with and
 * without tags are as tall. */
struct _MedialibAssetTile
{
  GtkWidget      parent_instance;

  /* Template widgets */
  MedialibTileLabel *name_label;

  GdkTexture    *texture;    /* the thumbnail shown, if any */
  int            frame_height;   /* as allocated */

  /* Made when first needed (NULL until then) */
  GtkWidget     *chips[MAX_CHIPS + 1];   /* the chips made, the last children, in order */
  GtkImage      *placeholder;
  AdwAvatar     *avatar;
  GtkLabel      *badge;
  GtkInscription *subtitle_label;
  guint          n_chips;    /* shown, the first of chips */

  char          *display_name;   /* the shown name, that of the last asset */

  /* Owned references */
  MedialibAsset          *asset;
  MedialibThumbnailCache *cache;
  GCancellable           *cancellable;   /* of the thumbnail's load, once started */
};

G_DEFINE_FINAL_TYPE (MedialibAssetTile, medialib_asset_tile, GTK_TYPE_WIDGET)

static void
set_visible (gpointer widget,
             gboolean visible)
{
  if (widget != NULL && gtk_widget_get_visible (widget) != visible)
    gtk_widget_set_visible (widget, visible);
}

/* Over the thumbnail's frame (see size_allocate()), before the name. Children are drawn in
 * order: the badge stays above the placeholder and the initials. */
static void
add_overlay (MedialibAssetTile *self,
             GtkWidget         *widget)
{
  GtkWidget *next = GTK_WIDGET (self->name_label);

  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  if (self->badge != NULL && widget != GTK_WIDGET (self->badge))
    next = GTK_WIDGET (self->badge);
  gtk_widget_insert_before (widget, GTK_WIDGET (self), next);
}

static gboolean
is_overlay (MedialibAssetTile *self,
            GtkWidget         *child)
{
  return child == GTK_WIDGET (self->placeholder) || child == GTK_WIDGET (self->avatar) ||
         child == GTK_WIDGET (self->badge);
}

/* The chips come last: from the first made on */
static gboolean
is_chip (MedialibAssetTile *self,
         GtkWidget         *child)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->chips) && self->chips[i] != NULL; i++)
    if (child == self->chips[i])
      return TRUE;
  return FALSE;
}

/* The frame is at least FRAME_HEIGHT tall, and would be as tall as the thumbnail at the
 * tile's WIDTH: when the grid's row is taller than the tile (a contact's subtitle, or tall
 * chips, in the same row), the frame takes the room first, as a picture did */
static int
natural_height_for (int width,
                    int texture_width,
                    int texture_height)
{
  int height = ceil ((double) MAX (width, FRAME_WIDTH) * texture_height / texture_width);

  return MAX (height, FRAME_HEIGHT);
}

static int
frame_natural_height (MedialibAssetTile *self,
                      int                width)
{
  if (self->texture == NULL)
    return FRAME_HEIGHT;

  return natural_height_for (width, gdk_texture_get_width (self->texture),
                             gdk_texture_get_height (self->texture));
}

/* A thumbnail of TEXTURE_WIDTH × TEXTURE_HEIGHT in a frame of WIDTH × HEIGHT: as large as it
 * fits, on whole pixels as a GtkPicture draws it */
static void
thumbnail_size (int  width,
                int  height,
                int  texture_width,
                int  texture_height,
                int *thumbnail_width,
                int *thumbnail_height)
{
  double scale = MIN ((double) width / texture_width, (double) height / texture_height);

  *thumbnail_width = ceil (texture_width * scale);
  *thumbnail_height = ceil (texture_height * scale);
}

/**
 * medialib_asset_tile_fit_thumbnail:
 * @tile_width: a tile's width
 * @texture_width: the width of a thumbnail's texture
 * @texture_height: its height
 * @width: (out): the width the tile draws it at
 * @height: (out): the height
 *
 * The size at which a tile @tile_width wide draws a thumbnail, in a frame of its natural
 * height (as tall as the thumbnail at the tile's width, and at least the frame's least
 * height): a copy of that size is drawn as it is (medialib_texture_set_fitted()). Only
 * computes: any thread may call it.
 */
void
medialib_asset_tile_fit_thumbnail (int  tile_width,
                                   int  texture_width,
                                   int  texture_height,
                                   int *width,
                                   int *height)
{
  g_return_if_fail (tile_width > 0 && texture_width > 0 && texture_height > 0);
  g_return_if_fail (width != NULL && height != NULL);

  thumbnail_size (tile_width, natural_height_for (tile_width, texture_width, texture_height),
                  texture_width, texture_height, width, height);
}

static void
set_texture (MedialibAssetTile *self,
             GdkTexture        *texture)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int before = frame_natural_height (self, width);

  if (!g_set_object (&self->texture, texture))
    return;

  if (frame_natural_height (self, width) != before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The thumbnail, in place of the placeholder or the initials */
static void
show_texture (MedialibAssetTile *self,
              GdkTexture        *texture)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));
  g_assert (GDK_IS_TEXTURE (texture));

  set_texture (self, texture);
  set_visible (self->placeholder, FALSE);
  set_visible (self->avatar, FALSE);
}

/* While there is no thumbnail: the initials of a contact, an icon for anything else */
static void
show_placeholder (MedialibAssetTile *self,
                  gboolean           contact)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  if (contact)
    {
      if (self->avatar == NULL)
        {
          self->avatar = ADW_AVATAR (adw_avatar_new (88, NULL, TRUE));
          gtk_widget_set_halign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
          gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
          add_overlay (self, GTK_WIDGET (self->avatar));
        }
      adw_avatar_set_text (self->avatar, self->display_name);
      set_visible (self->avatar, TRUE);
      set_visible (self->placeholder, FALSE);
      return;
    }

  if (self->placeholder == NULL)
    {
      self->placeholder = GTK_IMAGE (gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
      gtk_image_set_pixel_size (self->placeholder, 48);
      gtk_widget_set_halign (GTK_WIDGET (self->placeholder), GTK_ALIGN_CENTER);
      gtk_widget_set_valign (GTK_WIDGET (self->placeholder), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
      add_overlay (self, GTK_WIDGET (self->placeholder));
    }
  set_visible (self->placeholder, TRUE);
  set_visible (self->avatar, FALSE);
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

/* Shows TEXT in the next chip (made if there is none yet) */
static void
set_chip (MedialibAssetTile *self,
          const char        *text)
{
  GtkWidget **chip = &self->chips[self->n_chips];

  g_assert (MEDIALIB_IS_ASSET_TILE (self));
  g_assert (text != NULL);
  g_assert (self->n_chips < G_N_ELEMENTS (self->chips));

  if (*chip == NULL)
    {
      *chip = medialib_tile_label_new ();
      medialib_tile_label_set_max_chars (MEDIALIB_TILE_LABEL (*chip), 10);
      gtk_widget_add_css_class (*chip, "chip");
      gtk_widget_insert_before (*chip, GTK_WIDGET (self), NULL);
    }

  medialib_tile_label_set_text (MEDIALIB_TILE_LABEL (*chip), text);
  set_visible (*chip, TRUE);
  self->n_chips++;
}

/* The first tags, and "+N" for the others */
static void
update_chips (MedialibAssetTile  *self,
              const char * const *tags)
{
  guint n_tags = tags != NULL ? g_strv_length ((char **) tags) : 0;

  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  self->n_chips = 0;
  for (guint i = 0; i < MIN (n_tags, MAX_CHIPS); i++)
    set_chip (self, tags[i]);
  if (n_tags > MAX_CHIPS)
    {
      g_autofree char *more = g_strdup_printf ("+%u", n_tags - MAX_CHIPS);

      set_chip (self, more);
    }

  for (guint i = self->n_chips; i < G_N_ELEMENTS (self->chips) && self->chips[i] != NULL; i++)
    set_visible (self->chips[i], FALSE);
}

static void
update_badge (MedialibAssetTile *self,
              const char        *badge)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  if (badge == NULL)
    {
      set_visible (self->badge, FALSE);
      return;
    }

  if (self->badge == NULL)
    {
      self->badge = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_halign (GTK_WIDGET (self->badge), GTK_ALIGN_END);
      gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_START);
      gtk_widget_set_margin_top (GTK_WIDGET (self->badge), 6);
      gtk_widget_set_margin_end (GTK_WIDGET (self->badge), 6);
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), "badge");
      add_overlay (self, GTK_WIDGET (self->badge));
    }
  gtk_label_set_label (self->badge, badge);
  set_visible (self->badge, TRUE);
}

static void
update_subtitle (MedialibAssetTile *self,
                 const char        *subtitle)
{
  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  if (subtitle == NULL || subtitle[0] == '\0')
    {
      set_visible (self->subtitle_label, FALSE);
      return;
    }

  if (self->subtitle_label == NULL)
    {
      self->subtitle_label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
      gtk_inscription_set_text_overflow (self->subtitle_label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_nat_chars (self->subtitle_label, 18);
      gtk_inscription_set_xalign (self->subtitle_label, 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
      gtk_widget_insert_after (GTK_WIDGET (self->subtitle_label), GTK_WIDGET (self),
                               GTK_WIDGET (self->name_label));
    }
  gtk_inscription_set_text (self->subtitle_label, subtitle);
  set_visible (self->subtitle_label, TRUE);
}

/* The file's name, asked for when the pointer rests on the shown name (setting a tooltip's
 * text on each bind also updated the label's accessible description) */
static gboolean
on_name_query_tooltip_cb (MedialibAssetTile *self,
                          int                x,
                          int                y,
                          gboolean           keyboard,
                          GtkTooltip        *tooltip,
                          GtkWidget         *label)
{
  if (self->asset == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, medialib_asset_get_name (self->asset));
  return TRUE;
}

/**
 * medialib_asset_tile_set_asset:
 * @asset: (nullable): the asset to show, or %NULL for an empty tile
 * @cache: (nullable): where the thumbnails come from
 */
void
medialib_asset_tile_set_asset (MedialibAssetTile      *self,
                               MedialibAsset          *asset,
                               MedialibThumbnailCache *cache)
{
  g_autofree char *display = NULL;
  const char *badge = NULL;
  const char *org = NULL;
  GdkTexture *texture = NULL;
  JsonObject *contact;
  gboolean is_contact;

  g_return_if_fail (MEDIALIB_IS_ASSET_TILE (self));
  g_return_if_fail (asset == NULL || MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (cache == NULL || MEDIALIB_IS_THUMBNAIL_CACHE (cache));

  /* Assets do not change: the same one shows the same */
  if (asset == self->asset && cache == self->cache)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->asset, asset);
  g_set_object (&self->cache, cache);
  set_texture (self, NULL);

  if (asset == NULL)
    return;

  /* A contact card shows its contact's name and organization, an image its file name. */
  display = medialib_asset_dup_display_name (asset);
  contact = medialib_asset_get_contact (asset);
  is_contact = medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_CONTACT;
  if (contact != NULL)
    org = json_object_get_string_member_with_default (contact, "org", NULL);

  if (g_strcmp0 (display, self->display_name) != 0)
    {
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&display);
      medialib_tile_label_set_text (self->name_label, self->display_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->display_name,
                                      -1);
    }
  update_subtitle (self, org);

  if (is_contact)
    badge = _("Contact");
  else if (medialib_asset_get_animated (asset))
    badge = _("Animated GIF");
  else if (g_str_equal (medialib_asset_get_mime (asset), "image/gif"))
    badge = "GIF";
  update_badge (self, badge);

  update_chips (self, medialib_asset_get_tags (asset));

  if (cache != NULL)
    texture = medialib_thumbnail_cache_lookup (cache, asset);

  if (texture != NULL)
    {
      show_texture (self, texture);
    }
  else
    {
      /* Contacts without a photo get their initials */
      show_placeholder (self, is_contact);
      /* The thumbnail loads when the tile is first drawn (see snapshot()): the grid keeps
       * many more tiles than it shows, and most are never scrolled to. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * medialib_asset_tile_get_display_name:
 *
 * Returns: (nullable): the name the tile shows (a contact's name, or the file's), computed
 *   when the asset was set
 */
const char *
medialib_asset_tile_get_display_name (MedialibAssetTile *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET_TILE (self), NULL);

  return self->asset != NULL ? self->display_name : NULL;
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

  return self->texture != NULL;
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

  if (self->texture != NULL)
    return TRUE;
  if (self->asset == NULL || self->cache == NULL ||
      (texture = medialib_thumbnail_cache_lookup (self->cache, self->asset)) == NULL)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_texture (self, texture);
  return TRUE;
}

/* The thumbnail's frame, then the name and the subtitle as tall as they ask, one below the
 * other, then the row of chips, at least CHIPS_HEIGHT tall, there or not. The children over
 * the frame fit in it. */
static void
medialib_asset_tile_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  MedialibAssetTile *self = MEDIALIB_ASSET_TILE (widget);
  int chips_min = CHIPS_HEIGHT, chips_nat = CHIPS_HEIGHT;
  int chips_width_min = 0, chips_width_nat = 0;
  guint n_chips = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = FRAME_WIDTH;
    }
  else
    {
      *minimum = FRAME_HEIGHT + SPACING;
      *natural = frame_natural_height (self, for_size) + SPACING;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child) || is_overlay (self, child))
        continue;

      if (is_chip (self, child))
        {
          /* Side by side */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          if (orientation == GTK_ORIENTATION_HORIZONTAL)
            {
              chips_width_min += child_min + (n_chips > 0 ? CHIP_SPACING : 0);
              chips_width_nat += child_nat + (n_chips > 0 ? CHIP_SPACING : 0);
            }
          else
            {
              chips_min = MAX (chips_min, child_min);
              chips_nat = MAX (chips_nat, child_nat);
            }
          n_chips++;
          continue;
        }

      gtk_widget_measure (child, orientation,
                          orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + SPACING;
          *natural += child_nat + SPACING;
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, chips_width_min);
      *natural = MAX (*natural, chips_width_nat);
    }
  else
    {
      *minimum += chips_min;
      *natural += chips_nat;
    }
}

/* The chips side by side from the start of the row, each at least its minimum width and the
 * room left shared out towards their natural widths, as a horizontal box would lay them out;
 * those that do not fit are cut at the tile's edge */
static void
allocate_chips (MedialibAssetTile *self,
                int                width,
                int                y,
                int                height)
{
  GtkRequestedSize sizes[G_N_ELEMENTS (self->chips)];
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int extra = width;
  guint n = 0;
  int x = 0;

  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->chips) && self->chips[i] != NULL; i++)
    {
      if (!gtk_widget_should_layout (self->chips[i]))
        continue;

      gtk_widget_measure (self->chips[i], GTK_ORIENTATION_HORIZONTAL, height,
                          &sizes[n].minimum_size, &sizes[n].natural_size, NULL, NULL);
      sizes[n].data = self->chips[i];
      extra -= sizes[n].minimum_size + (n > 0 ? CHIP_SPACING : 0);
      n++;
    }
  if (n == 0)
    return;

  gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes);
  for (guint i = 0; i < n; i++)
    {
      GtkAllocation allocation = { x, y, sizes[i].minimum_size, height };

      if (rtl)
        allocation.x = width - x - sizes[i].minimum_size;
      gtk_widget_size_allocate (sizes[i].data, &allocation, -1);
      x += sizes[i].minimum_size + CHIP_SPACING;
    }
}

/* The children over the thumbnail in its frame; the others below it, as a vertical box would
 * lay them out: each its minimum height, and the room left shared out towards their natural
 * heights; the row of chips last */
static void
medialib_asset_tile_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  MedialibAssetTile *self = MEDIALIB_ASSET_TILE (widget);
  GtkRequestedSize sizes[8];
  guint n = 1;
  int extra = height - FRAME_HEIGHT;
  int chips_height = CHIPS_HEIGHT;
  int y;

  /* The frame first */
  sizes[0] = (GtkRequestedSize) { NULL, FRAME_HEIGHT, frame_natural_height (self, width) };

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && n < G_N_ELEMENTS (sizes);
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      if (is_overlay (self, child))
        continue;

      if (is_chip (self, child))
        {
          /* As tall as the tallest chip, and at least CHIPS_HEIGHT, there or not */
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &child_min, &child_nat, NULL, NULL);
          chips_height = MAX (chips_height, child_min);
          continue;
        }

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width,
                          &sizes[n].minimum_size, &sizes[n].natural_size, NULL, NULL);
      sizes[n].data = child;
      extra -= sizes[n].minimum_size + SPACING;
      n++;
    }

  /* The row of chips, which does not grow */
  extra -= chips_height + SPACING;
  if (extra > 0)
    gtk_distribute_natural_allocation (extra, n, sizes);

  self->frame_height = sizes[0].minimum_size;
  y = self->frame_height + SPACING;
  for (guint i = 1; i < n; i++)
    {
      gtk_widget_size_allocate (sizes[i].data,
                                &(GtkAllocation) { 0, y, width, sizes[i].minimum_size }, -1);
      y += sizes[i].minimum_size + SPACING;
    }
  allocate_chips (self, width, y, chips_height);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_should_layout (child) && is_overlay (self, child))
        gtk_widget_size_allocate (child, &(GtkAllocation) { 0, 0, width, self->frame_height }, -1);
    }
}

/* The frame's background, a hint of the text's colour as the theme's own frames have, and
 * the thumbnail in it, as large as it fits, centred */
static void
snapshot_frame (MedialibAssetTile *self,
                GtkSnapshot       *snapshot)
{
  graphene_rect_t frame = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)), self->frame_height);
  GskRoundedRect clip;
  GdkRGBA color;

  g_assert (MEDIALIB_IS_ASSET_TILE (self));

  gtk_widget_get_color (GTK_WIDGET (self), &color);
  color.alpha *= 0.06f;
  gsk_rounded_rect_init_from_rect (&clip, &frame, FRAME_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &color, &frame);

  if (self->texture != NULL)
    {
      GdkTexture *fitted = medialib_texture_get_fitted (self->texture);
      int width, height, x, y;

      thumbnail_size ((int) frame.size.width, self->frame_height,
                      gdk_texture_get_width (self->texture), gdk_texture_get_height (self->texture),
                      &width, &height);
      x = ((int) frame.size.width - width) / 2;
      y = (self->frame_height - height) / 2;

      /* A copy of the thumbnail at the size it is drawn at, made on a worker (the first
       * screen's, at start-up: medialib-application.c), is drawn as it is. Otherwise the
       * texture is scaled, linearly: the grid's copy of the thumbnail is made near the
       * frame's size (medialib-thumbnail-cache.c), and cairo's default filter, a
       * convolution, cost ~10 million instructions a tile in the first frame; GL and Vulkan
       * filter linearly at such scales anyway */
      if (fitted != NULL && gdk_texture_get_width (fitted) == width &&
          gdk_texture_get_height (fitted) == height)
        gtk_snapshot_append_texture (snapshot, fitted, &GRAPHENE_RECT_INIT (x, y, width, height));
      else
        gtk_snapshot_append_scaled_texture (snapshot, self->texture, GSK_SCALING_FILTER_LINEAR,
                                            &GRAPHENE_RECT_INIT (x, y, width, height));
    }

  gtk_snapshot_pop (snapshot);
}

static void
medialib_asset_tile_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  MedialibAssetTile *self = MEDIALIB_ASSET_TILE (widget);

  if (self->cancellable == NULL && self->cache != NULL && self->asset != NULL &&
      self->texture == NULL &&
      medialib_asset_get_thumbnail_path (self->asset) != NULL)
    {
      self->cancellable = g_cancellable_new ();
      medialib_thumbnail_cache_load_async (self->cache, self->asset, self->cancellable,
                                           on_thumbnail_loaded_cb, g_object_ref (self));
    }

  snapshot_frame (self, snapshot);
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
  g_clear_object (&self->texture);
  g_clear_pointer (&self->display_name, g_free);
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

  widget_class->measure = medialib_asset_tile_measure;
  widget_class->size_allocate = medialib_asset_tile_size_allocate;
  widget_class->snapshot = medialib_asset_tile_snapshot;

  g_type_ensure (MEDIALIB_TYPE_TILE_LABEL);
  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-asset-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibAssetTile, name_label);

  gtk_widget_class_set_css_name (widget_class, "assettile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
medialib_asset_tile_init (MedialibAssetTile *self)
{
  self->frame_height = FRAME_HEIGHT;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The chips that do not fit are cut at its edge, which nothing else reaches */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->name_label), TRUE);
  g_signal_connect_object (self->name_label, "query-tooltip", G_CALLBACK (on_name_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
medialib_asset_tile_new (void)
{
  return g_object_new (MEDIALIB_TYPE_ASSET_TILE, NULL);
}
