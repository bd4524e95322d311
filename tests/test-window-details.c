/* test-window-details.c — the window's details pane, in-process, under Xvfb
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medialib-asset-tile.h"
#include "medialib-test-util.h"
#include "medialib-tile-label.h"
#include "medialib-test-window.h"

/* --- Tests ---------------------------------------------------------------------------------------- */

/* The clipboard's text, read as a paste would */
static char *
read_clipboard_text (GdkClipboard *clipboard)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_assert_no_error (error);

  return text;
}

static void
test_window_details (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (pane));
  g_autoptr(MedialibAsset) asset = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *copied = NULL;
  guint position = G_MAXUINT;

  populate (f);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "spring-banner.png"))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  g_signal_emit_by_name (f->window->grid_view, "activate", position);
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));

  asset = g_object_ref (_medialib_window_get_details_asset (f->window));
  g_assert_cmpstr (medialib_asset_get_name (asset), ==, "spring-banner.png");
  uri = medialib_asset_dup_uri (asset);

  g_assert_cmpstr (row_subtitle (pane, "Type"), ==, "PNG image");
  g_assert_cmpstr (row_subtitle (pane, "Dimensions"), ==, "640 × 320 pixels");
  g_assert_cmpstr (row_subtitle (pane, "URL"), ==, uri);
  g_assert_cmpstr (row_subtitle (pane, "Source"), ==, "Uploaded");
  g_assert_false (gtk_widget_get_visible (find_widget (pane, is_row_titled, "Cropped From")));

  /* Copy URL puts it on the clipboard */
  gdk_clipboard_set_text (clipboard, "nothing copied yet");
  gtk_widget_activate_action (pane, "details.copy-url", NULL);
  copied = read_clipboard_text (clipboard);
  g_assert_cmpstr (copied, ==, uri);

  save_screenshot (f, "window-details.png");
}

static void
test_window_fits_badges (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));

  populate (f);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "newsletter-header.png"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  settle ();

  /* 600 × 200: an email header as it is (at most 600 wide), a banner (at least 600) */
  g_assert_nonnull (strstr (row_subtitle (pane, "Ready For"), "Email · Header image"));
  g_assert_nonnull (strstr (row_subtitle (pane, "Ready For"), "Content Cards · Banner"));
  g_assert_null (strstr (row_subtitle (pane, "Ready For"), "Body image"));
}

/* A label, a tile's name or an inscription (a contact's organization), showing TEXT */
static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  text)
{
  if (MEDIALIB_IS_TILE_LABEL (widget))
    return g_strcmp0 (medialib_tile_label_get_text (MEDIALIB_TILE_LABEL (widget)), text) == 0;
  if (GTK_IS_INSCRIPTION (widget))
    return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) && shows_text (widget, text);
}

static gboolean
contact_cards_shown (Fixture *f)
{
  GtkWidget *row = find_widget (GTK_WIDGET (_medialib_window_ensure_details_pane (f->window)), is_row_titled, "2 contacts");
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  return subtitle != NULL && subtitle[0] != '\0';
}

static void
test_window_contacts (Fixture       *f,
                      gconstpointer  data)
{
  const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nORG:Example Corp\nEMAIL:jane@example.com\n"
                    "TEL:+1 555 0100\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:John Roe\nEND:VCARD\n";
  g_autofree char *path = test_write_bytes (f->input, "team.vcf", vcf, strlen (vcf));
  g_autofree char *corpus = test_shared_corpus ("vcard");
  g_autofree char *iphone = corpus ? g_build_filename (corpus, "ez-vcard_John_Doe_IPHONE.vcf", NULL) : NULL;
  const char *paths[] = { path, iphone, NULL };
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, iphone ? 2 : 1);

  /* The tile shows the contact's name and organization */
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Jane Doe"));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Example Corp"));
  if (iphone)
    g_assert_nonnull (find_widget (GTK_WIDGET (f->window->grid_view), is_label_with, "Mr. John Richter James Doe Sr."));

  /* The kind filter, in the filter popover */
  _medialib_window_ensure_filter_popover (f->window);
  adw_toggle_group_set_active_name (f->window->kind_group, "image");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  adw_toggle_group_set_active_name (f->window->kind_group, "contact");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, iphone ? 2 : 1);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "team.vcf"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  /* The cards are read from the file on a worker, after the file is found (or fetched) */
  wait_until (contact_cards_shown, f, "the contact cards in the details");
  g_assert_cmpstr (row_subtitle (pane, "Organization"), ==, "Example Corp");
  g_assert_cmpstr (row_subtitle (pane, "Email"), ==, "jane@example.com");
  g_assert_cmpstr (row_subtitle (pane, "2 contacts"), ==, "Jane Doe <jane@example.com>\nJohn Roe");
  save_screenshot (f, "window-contacts.png");
}

/* The widgets of a tile made from CSS_CLASS (or of TYPE), and how many of them are visible */
static guint
count_in_tile (GtkWidget  *widget,
               GType       type,
               const char *css_class,
               guint      *visible)
{
  guint n = 0;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    {
      n++;
      if (gtk_widget_get_visible (widget))
        (*visible)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_in_tile (child, type, css_class, visible);

  return n;
}

static MedialibAsset *
shown_asset_named (Fixture    *f,
                   const char *name)
{
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), name))
        return g_steal_pointer (&item);
    }
  g_assert_not_reached ();
}

/* A tile makes the initials, the badge and the subtitle only for an asset that needs them,
 * and hides them for the next asset that does not */
static void
test_window_tile_parts_on_demand (Fixture       *f,
                                  gconstpointer  data)
{
  const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nORG:Example Corp\nEND:VCARD\n";
  g_autofree char *path = test_write_bytes (f->input, "jane.vcf", vcf, strlen (vcf));
  const char *paths[] = { path, NULL };
  g_autoptr(MedialibAsset) image = NULL;
  g_autoptr(MedialibAsset) gif = NULL;
  g_autoptr(MedialibAsset) contact = NULL;
  g_autoptr(GtkWidget) tile = g_object_ref_sink (medialib_asset_tile_new ());
  MedialibAssetTile *t = MEDIALIB_ASSET_TILE (tile);
  guint visible;

  populate (f);
  drop_files (f, paths);
  wait_for_search (f);
  image = shown_asset_named (f, "spring-banner.png");
  gif = shown_asset_named (f, "loading.gif");
  contact = shown_asset_named (f, "jane.vcf");

  /* An image: its name and the placeholder icon, nothing else */
  medialib_asset_tile_set_asset (t, image, NULL);
  g_assert_cmpstr (medialib_asset_tile_get_display_name (t), ==, "spring-banner.png");
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, ADW_TYPE_AVATAR, NULL, &visible), ==, 0);
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_LABEL, "badge", &visible), ==, 0);
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_INSCRIPTION, "caption", &visible), ==, 0);
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_IMAGE, "dim-label", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);

  /* A contact: its name, organization, initials and badge */
  medialib_asset_tile_set_asset (t, contact, NULL);
  g_assert_cmpstr (medialib_asset_tile_get_display_name (t), ==, "Jane Doe");
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, ADW_TYPE_AVATAR, NULL, &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_INSCRIPTION, "caption", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_LABEL, "badge", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);
  visible = 0;
  count_in_tile (tile, GTK_TYPE_IMAGE, "dim-label", &visible);
  g_assert_cmpuint (visible, ==, 0);

  /* A GIF: its badge; the contact's parts hidden, kept for the next contact */
  medialib_asset_tile_set_asset (t, gif, NULL);
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, ADW_TYPE_AVATAR, NULL, &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 0);
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_INSCRIPTION, "caption", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 0);
  visible = 0;
  g_assert_cmpuint (count_in_tile (tile, GTK_TYPE_LABEL, "badge", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);

  /* Empty */
  medialib_asset_tile_set_asset (t, NULL, NULL);
  g_assert_null (medialib_asset_tile_get_asset (t));
  g_assert_null (medialib_asset_tile_get_display_name (t));
}

/* How many widgets lie under WIDGET, WIDGET included */
static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);

  return n;
}

/* The tile of the grid's first item with its thumbnail, if it is there */
static GtkWidget *
first_tile (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);

      if (tile != NULL && MEDIALIB_IS_ASSET_TILE (tile) && gtk_widget_get_mapped (tile) &&
          medialib_asset_tile_has_thumbnail (MEDIALIB_ASSET_TILE (tile)))
        return tile;
    }

  return NULL;
}

static gboolean
first_tile_has_thumbnail (Fixture *f)
{
  return first_tile (f) != NULL;
}

/* A tile draws its thumbnail and lays out its children itself: an image without tags is the
 * tile, the placeholder icon (no thumbnail yet) and the name, with no box, overlay or
 * picture; the name is still the tile's accessible name and the text of a label. A tile
 * with tags has its chips below the name, as its own children, and is as tall as a tile
 * without tags. A tile of the window shows its thumbnail, drawn in the frame above the name. */
static void
test_window_tile_widgets (Fixture       *f,
                          gconstpointer  data)
{
  const char *spring[] = { "Spring", NULL };
  MedialibEdit tag_spring = { .add_tags = spring };
  g_autoptr(MedialibAsset) image = NULL;
  g_autoptr(MedialibAsset) tagged = NULL;
  g_autoptr(GtkWidget) plain_tile = g_object_ref_sink (medialib_asset_tile_new ());
  g_autoptr(GtkWidget) tagged_tile = g_object_ref_sink (medialib_asset_tile_new ());
  g_autoptr(GError) error = NULL;
  GtkWidget *name, *chip, *shown_tile;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  graphene_rect_t name_bounds, chip_bounds, texture_bounds;
  int plain_height, tagged_height, width;
  guint visible = 0;

  populate (f);
  image = shown_asset_named (f, "spring-banner.png");
  g_assert_true (medialib_store_edit (f->window->store, medialib_asset_get_id (image), &tag_spring, &error));
  g_assert_no_error (error);
  tagged = medialib_store_get_asset (f->window->store, medialib_asset_get_id (image), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medialib_asset_get_tags (tagged)[0], ==, "Spring");

  /* Without tags (the asset as it was read before the edit): three widgets */
  medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (plain_tile), image, NULL);
  g_assert_cmpuint (count_widgets (plain_tile), ==, 3);
  g_assert_cmpuint (count_in_tile (plain_tile, GTK_TYPE_IMAGE, "dim-label", &visible), ==, 1);
  g_assert_cmpuint (visible, ==, 1);
  name = find_widget (plain_tile, shows_text, "spring-banner.png");
  g_assert_nonnull (name);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_ROLE_LABEL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, "spring-banner.png");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (plain_tile), GTK_ACCESSIBLE_PROPERTY_LABEL, "spring-banner.png");

  /* With a tag: its chip, below the name, with no box around it */
  medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (tagged_tile), tagged, NULL);
  chip = find_widget (tagged_tile, shows_text, "Spring");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_parent (chip) == tagged_tile);
  g_assert_cmpuint (count_widgets (tagged_tile), ==, 4);

  /* Both as tall; laid out, the chip lies below the name */
  gtk_widget_measure (tagged_tile, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (plain_tile, GTK_ORIENTATION_VERTICAL, width, &plain_height, NULL, NULL, NULL);
  gtk_widget_measure (tagged_tile, GTK_ORIENTATION_VERTICAL, width, &tagged_height, NULL, NULL, NULL);
  g_assert_cmpint (width, >=, 168);
  g_assert_cmpint (plain_height, ==, tagged_height);
  g_assert_cmpint (plain_height, >=, 128 + 6 + 6 + 18);

  gtk_widget_size_allocate (tagged_tile, &(GtkAllocation) { 0, 0, width, tagged_height }, -1);
  name = find_widget (tagged_tile, shows_text, "spring-banner.png");
  g_assert_true (gtk_widget_compute_bounds (name, tagged_tile, &name_bounds));
  g_assert_true (gtk_widget_compute_bounds (chip, tagged_tile, &chip_bounds));
  g_assert_cmpfloat (name_bounds.origin.y, >=, 128 + 6);
  g_assert_cmpfloat (chip_bounds.origin.y, >=, name_bounds.origin.y + name_bounds.size.height + 6);
  g_assert_cmpfloat (chip_bounds.origin.y + chip_bounds.size.height, <=, tagged_height);

  /* Rebound to the asset without tags: the chips hidden, the tile as tall */
  medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (tagged_tile), image, NULL);
  g_assert_false (gtk_widget_get_visible (chip));
  gtk_widget_measure (tagged_tile, GTK_ORIENTATION_VERTICAL, width, &tagged_height, NULL, NULL, NULL);
  g_assert_cmpint (tagged_height, ==, plain_height);

  /* In the window, a tile with its thumbnail draws it in the frame, above the name */
  wait_until (first_tile_has_thumbnail, f, "a thumbnail in the first tile");
  shown_tile = first_tile (f);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (shown_tile)->snapshot (shown_tile, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_nonnull (find_texture_node (node));
  /* Scaled by a linear filter: cairo's default filter took ~10 million instructions a tile in
   * the first frame (pixman's convolution), the linear one less than a tenth of that */
  g_assert_cmpint (gsk_render_node_get_node_type (find_texture_node (node)), ==, GSK_TEXTURE_SCALE_NODE);
  g_assert_cmpint (gsk_texture_scale_node_get_filter (find_texture_node (node)), ==, GSK_SCALING_FILTER_LINEAR);
  gsk_render_node_get_bounds (find_texture_node (node), &texture_bounds);
  g_assert_cmpfloat (texture_bounds.size.width, >, 0);
  g_assert_cmpfloat (texture_bounds.origin.y + texture_bounds.size.height, <=, 128);
  name = gtk_widget_get_last_child (shown_tile);
  while (!MEDIALIB_IS_TILE_LABEL (name) || gtk_widget_has_css_class (name, "chip"))
    name = gtk_widget_get_prev_sibling (name);
  g_assert_true (gtk_widget_compute_bounds (name, shown_tile, &name_bounds));
  g_assert_cmpfloat (name_bounds.origin.y, >=, 128 + 6);
  gsk_render_node_unref (node);
}

/* A tile's chips are its own children, laid out as the horizontal box (spacing 4, its overflow
 * hidden) that held them before: the same widths and places, from either side, whether they
 * fit the tile or not, and the tile as wide as the box made it */
static void
test_window_tile_chips_as_box (Fixture       *f,
                               gconstpointer  data)
{
  const char *tags[] = { "Onboarding flow", "Beta", "Rentrée 2026", "Spring", "Holiday", NULL };
  const char *texts[4];
  MedialibEdit add = { .add_tags = tags };
  g_autoptr(MedialibAsset) image = NULL;
  g_autoptr(MedialibAsset) tagged = NULL;
  g_autoptr(GError) error = NULL;

  populate (f);
  image = shown_asset_named (f, "spring-banner.png");
  g_assert_true (medialib_store_edit (f->window->store, medialib_asset_get_id (image), &add, &error));
  g_assert_no_error (error);
  tagged = medialib_store_get_asset (f->window->store, medialib_asset_get_id (image), &error);
  g_assert_no_error (error);
  /* The first three tags as the asset lists them, and the count of the others */
  g_assert_cmpuint (g_strv_length ((char **) medialib_asset_get_tags (tagged)), ==, 5);
  for (guint i = 0; i < 3; i++)
    texts[i] = medialib_asset_get_tags (tagged)[i];
  texts[3] = "+2";

  for (guint rtl = 0; rtl < 2; rtl++)
    for (guint w = 0; w < 2; w++)
      {
        g_autoptr(GtkWidget) tile = g_object_ref_sink (medialib_asset_tile_new ());
        g_autoptr(GtkWidget) box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4));
        GtkTextDirection direction = rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
        GtkWidget *chips[G_N_ELEMENTS (texts)], *ours[G_N_ELEMENTS (texts)];
        int tile_min, tile_nat, box_min, box_nat, width, height, row;
        graphene_rect_t a, b, first;

        medialib_asset_tile_set_asset (MEDIALIB_ASSET_TILE (tile), tagged, NULL);
        gtk_widget_set_direction (tile, direction);
        gtk_widget_set_direction (box, direction);
        gtk_widget_set_overflow (box, GTK_OVERFLOW_HIDDEN);
        for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
          {
            ours[i] = find_widget (tile, shows_text, texts[i]);
            g_assert_nonnull (ours[i]);
            g_assert_true (gtk_widget_get_parent (ours[i]) == tile);
            chips[i] = medialib_tile_label_new ();
            medialib_tile_label_set_max_chars (MEDIALIB_TILE_LABEL (chips[i]), 10);
            medialib_tile_label_set_text (MEDIALIB_TILE_LABEL (chips[i]), texts[i]);
            gtk_widget_add_css_class (chips[i], "chip");
            gtk_box_append (GTK_BOX (box), chips[i]);
          }

        gtk_widget_measure (tile, GTK_ORIENTATION_HORIZONTAL, -1, &tile_min, &tile_nat, NULL, NULL);
        gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &box_min, &box_nat, NULL, NULL);
        g_assert_cmpint (tile_min, ==, MAX (168, box_min));
        g_assert_cmpint (tile_nat, ==, MAX (168, box_nat));

        /* As narrow as a tile gets, where the chips get less than they ask, or as wide as they ask */
        width = w == 0 ? tile_min : tile_nat;
        gtk_widget_measure (tile, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
        gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, width, &row, NULL, NULL, NULL);
        gtk_widget_size_allocate (tile, &(GtkAllocation) { 0, 0, width, height }, -1);
        /* The row of chips is at least 18 pixels tall */
        gtk_widget_size_allocate (box, &(GtkAllocation) { 0, 0, width, MAX (row, 18) }, -1);

        g_assert_true (gtk_widget_compute_bounds (ours[0], tile, &first));
        g_assert_cmpfloat (first.origin.y + first.size.height, <=, height);
        for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
          {
            g_assert_true (gtk_widget_compute_bounds (ours[i], tile, &a));
            g_assert_true (gtk_widget_compute_bounds (chips[i], box, &b));
            g_assert_cmpfloat (a.origin.x, ==, b.origin.x);
            g_assert_cmpfloat (a.size.width, ==, b.size.width);
            g_assert_cmpfloat (a.size.height, ==, b.size.height);
            g_assert_cmpfloat (a.origin.y, ==, first.origin.y);
          }
      }
}

/* The pane makes its widgets when the sidebar is first shown, with the asset selected before */
static void
test_window_details_built_on_show (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));
  guint position = G_MAXUINT;

  populate (f);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (f->window->split_view));
  g_assert_null (adw_bin_get_child (ADW_BIN (pane)));

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "spring-banner.png"))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  /* Selecting follows the asset, still without widgets */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->window->selection), position, TRUE);
  settle ();
  g_assert_cmpstr (medialib_asset_get_name (_medialib_window_get_details_asset (f->window)),
                   ==, "spring-banner.png");
  g_assert_null (adw_bin_get_child (ADW_BIN (pane)));

  /* F9 shows it, filled */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-details", NULL);
  settle ();
  g_assert_true (adw_overlay_split_view_get_show_sidebar (f->window->split_view));
  g_assert_nonnull (adw_bin_get_child (ADW_BIN (pane)));
  g_assert_true (gtk_widget_get_mapped (pane));
  g_assert_cmpstr (row_subtitle (pane, "Type"), ==, "PNG image");
  g_assert_cmpstr (row_subtitle (pane, "Dimensions"), ==, "640 × 320 pixels");
}

/* A tile's name takes the same room whatever it says: the grid, which measures every tile it
 * keeps again after a jump, does not lay the names out for that (the text is laid out when
 * drawn). The whole name is still the widget's text, which is its accessible name. */
static void
test_window_tile_name_size (Fixture       *f,
                            gconstpointer  data)
{
  const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jo\nEND:VCARD\n";
  g_autofree char *path = test_write_bytes (f->input, "jo.vcf", vcf, strlen (vcf));
  const char *paths[] = { path, NULL };
  g_autoptr(MedialibAsset) image = NULL;
  g_autoptr(MedialibAsset) contact = NULL;
  g_autoptr(GtkWidget) tile = g_object_ref_sink (medialib_asset_tile_new ());
  MedialibAssetTile *t = MEDIALIB_ASSET_TILE (tile);
  GtkWidget *name;
  int long_min, long_nat, long_height, short_min, short_nat, short_height;

  populate (f);
  drop_files (f, paths);
  wait_for_search (f);
  image = shown_asset_named (f, "spring-banner.png");
  contact = shown_asset_named (f, "jo.vcf");

  medialib_asset_tile_set_asset (t, image, NULL);
  name = find_widget (tile, shows_text, "spring-banner.png");
  g_assert_nonnull (name);
  gtk_widget_measure (name, GTK_ORIENTATION_HORIZONTAL, -1, &long_min, &long_nat, NULL, NULL);
  gtk_widget_measure (name, GTK_ORIENTATION_VERTICAL, -1, NULL, &long_height, NULL, NULL);

  medialib_asset_tile_set_asset (t, contact, NULL);
  g_assert_true (find_widget (tile, shows_text, "Jo") == name);
  gtk_widget_measure (name, GTK_ORIENTATION_HORIZONTAL, -1, &short_min, &short_nat, NULL, NULL);
  gtk_widget_measure (name, GTK_ORIENTATION_VERTICAL, -1, NULL, &short_height, NULL, NULL);

  g_assert_cmpint (short_min, ==, long_min);
  g_assert_cmpint (short_nat, ==, long_nat);
  g_assert_cmpint (short_height, ==, long_height);
  g_assert_cmpint (long_height, >, 0);
}

typedef struct
{
  int min_width, nat_width, min_height, nat_height;
} Sizes;

static Sizes
measure_sizes (GtkWidget *widget)
{
  Sizes sizes;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &sizes.min_width, &sizes.nat_width, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &sizes.min_height, &sizes.nat_height, NULL, NULL);
  return sizes;
}

static void
assert_same_sizes (GtkWidget  *ours,
                   GtkWidget  *gtk,
                   const char *text)
{
  Sizes a = measure_sizes (ours), b = measure_sizes (gtk);

  g_test_message ("%s: %d–%d × %d against %d–%d × %d", text, a.min_width, a.nat_width, a.nat_height,
                  b.min_width, b.nat_width, b.nat_height);
  g_assert_cmpint (a.min_width, ==, b.min_width);
  g_assert_cmpint (a.nat_width, ==, b.nat_width);
  g_assert_cmpint (a.min_height, ==, b.min_height);
  g_assert_cmpint (a.nat_height, ==, b.nat_height);
}

static gboolean
labels_drawn (MedialibTileLabel **labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    if (!gtk_widget_get_mapped (GTK_WIDGET (labels[i])))
      return FALSE;
  /* The long name, ellipsized once drawn */
  return medialib_tile_label_is_ellipsized (labels[0]);
}

/* A tile's name and chips (MedialibTileLabel) take the room of the GtkInscription and the
 * GtkLabels they replaced, whatever their text; ellipsized when longer than that room, they
 * still give their whole text as their accessible name, and measuring them again does not ask
 * Pango for their fonts' metrics again */
static void
test_window_tile_labels (Fixture       *f,
                         gconstpointer  data)
{
  const char *texts[] = { "laptop coffee shop morning light 99999.png", "Onboarding flow", "Beta", "+2",
                          "Rentrée 2026", NULL };
  MedialibTileLabel *ours[2 * G_N_ELEMENTS (texts)] = { NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  guint n = 0, fonts;
  gint64 end;

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_set_size_request (box, 168, -1);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      GtkWidget *name = medialib_tile_label_new ();
      GtkWidget *inscription = gtk_inscription_new (texts[i]);
      GtkWidget *chip = medialib_tile_label_new ();
      GtkWidget *label = gtk_label_new (texts[i]);

      /* As the tile's name was, and is */
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 18);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
      medialib_tile_label_set_ellipsize (MEDIALIB_TILE_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
      medialib_tile_label_set_text (MEDIALIB_TILE_LABEL (name), texts[i]);

      /* As a chip was, and is */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
      gtk_widget_add_css_class (label, "chip");
      medialib_tile_label_set_max_chars (MEDIALIB_TILE_LABEL (chip), 10);
      gtk_widget_add_css_class (chip, "chip");
      medialib_tile_label_set_text (MEDIALIB_TILE_LABEL (chip), texts[i]);
      gtk_widget_set_halign (chip, GTK_ALIGN_START);

      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), inscription);
      gtk_box_append (GTK_BOX (box), chip);
      gtk_box_append (GTK_BOX (box), label);
      ours[n++] = MEDIALIB_TILE_LABEL (name);
      ours[n++] = MEDIALIB_TILE_LABEL (chip);

      assert_same_sizes (name, inscription, texts[i]);
      assert_same_sizes (chip, label, texts[i]);
    }

  /* Drawn 168 pixels wide: the long name is shortened in the middle, the chips of long tags
   * at their end, the others are whole */
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + test_wait_limit ();
  while (!labels_drawn (ours))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the labels to be drawn");
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
  g_assert_true (medialib_tile_label_is_ellipsized (ours[0]));   /* the long name */
  g_assert_true (medialib_tile_label_is_ellipsized (ours[1]));   /* its chip */
  g_assert_true (medialib_tile_label_is_ellipsized (ours[3]));   /* "Onboarding flow" */
  g_assert_false (medialib_tile_label_is_ellipsized (ours[4]));  /* "Beta" */
  g_assert_false (medialib_tile_label_is_ellipsized (ours[5]));
  g_assert_false (medialib_tile_label_is_ellipsized (ours[7]));  /* "+2" */
  for (guint i = 0; i < n; i++)
    {
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (ours[i]), GTK_ACCESSIBLE_ROLE_LABEL);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (ours[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, texts[i / 2]);
    }

  /* Measured again, as the grid does after a jump: the fonts are not measured again */
  fonts = medialib_tile_label_get_n_fonts_measured ();
  g_assert_cmpuint (fonts, >, 0);
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_queue_resize (GTK_WIDGET (ours[i]));
      measure_sizes (GTK_WIDGET (ours[i]));
    }
  settle ();
  g_assert_cmpuint (medialib_tile_label_get_n_fonts_measured (), ==, fonts);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* --- Palette ------------------------------------------------------------------------------ */

/* A PNG of two colours side by side, @split of its 100 columns the first */
static char *
write_two_colors (Fixture    *f,
                  const char *name,
                  guint32     left,
                  guint32     right,
                  int         split)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 100, 60);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->input, name, NULL);

  gdk_pixbuf_fill (pixbuf, left << 8 | 0xff);
  if (split < 100)
    {
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (pixbuf, split, 0, 100 - split, 60);

      gdk_pixbuf_fill (part, right << 8 | 0xff);
    }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static gboolean
is_swatch (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "palette-swatch") &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_color_chip (GtkWidget     *widget,
               gconstpointer  color)
{
  g_autofree char *label = g_strdup_printf ("Remove the colour filter %s", (const char *) color);

  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "filter-chip") &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0;
}

static void
assert_shown (Fixture            *f,
              const char * const *names)
{
  g_assert_cmpuint (n_shown (f), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(MedialibAsset) asset = asset_at (f, i);

      g_assert_cmpstr (medialib_asset_get_name (asset), ==, names[i]);
    }
}

/* The details pane's swatches: named for screen readers, and a click shows the images of
 * that colour, the nearest first; its chip and the popover's button clear it */
static void
test_window_palette (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (_medialib_window_ensure_details_pane (f->window));
  g_autofree char *red = write_two_colors (f, "red.png", 0xff0000, 0xff0000, 100);
  g_autofree char *blue = write_two_colors (f, "blue.png", 0x0000ff, 0x0000ff, 100);
  g_autofree char *mixed = write_two_colors (f, "mixed.png", 0xe6140a, 0x1414dc, 60);
  const char *paths[] = { red, blue, mixed, NULL };
  const char *after_red[] = { "mixed.png", "red.png", NULL };
  const char *after_blue[] = { "blue.png", "mixed.png", NULL };
  GtkWidget *swatch, *chip;
  GdkRGBA chosen;
  guint n_swatches = 0;

  drop_files (f, paths);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 3);

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MedialibAsset) item = asset_at (f, i);

      if (g_str_equal (medialib_asset_get_name (item), "mixed.png"))
        g_signal_emit_by_name (f->window->grid_view, "activate", i);
    }
  settle ();
  save_screenshot (f, "window-palette.png");
  g_assert_true (gtk_widget_get_visible (find_widget (pane, is_row_titled, "Colours")));

  for (GtkWidget *w = find_widget (pane, is_swatch, NULL); w != NULL; w = gtk_widget_get_next_sibling (w))
    n_swatches++;
  g_assert_cmpuint (n_swatches, ==, 2);
  swatch = find_widget (pane, is_swatch, NULL);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Colour #e6140a, 60%"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (swatch), ==, "Show Images With This Colour (#e6140a, 60%)");

  /* Its red: the mixed image, then the red one; not the blue one */
  g_signal_emit_by_name (swatch, "clicked");
  wait_for_search (f);
  assert_shown (f, after_red);
  g_assert_cmpstr (f->window->filter_color, ==, "#e6140a");
  g_assert_true (gtk_revealer_get_reveal_child (f->window->chips_revealer));
  chip = find_widget (GTK_WIDGET (f->window->chips_box), is_color_chip, "#e6140a");
  g_assert_nonnull (chip);
  g_assert_true (gdk_rgba_parse (&chosen, "#e6140a"));
  /* The filter popover, built once the colour is chosen, shows it */
  g_assert_null (f->window->color_button);
  _medialib_window_ensure_filter_popover (f->window);
  g_assert_true (gdk_rgba_equal (gtk_color_dialog_button_get_rgba (f->window->color_button), &chosen));
  g_assert_true (gtk_widget_get_sensitive (f->window->color_clear_button));
  save_screenshot (f, "window-palette-filtered.png");

  /* The chip clears it */
  g_signal_emit_by_name (chip, "clicked");
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 3);
  g_assert_null (f->window->filter_color);
  g_assert_false (gtk_widget_get_sensitive (f->window->color_clear_button));

  /* A colour chosen in the filter popover */
  g_assert_true (gdk_rgba_parse (&chosen, "#0000ff"));
  gtk_color_dialog_button_set_rgba (f->window->color_button, &chosen);
  wait_for_search (f);
  assert_shown (f, after_blue);

  /* Clear Filters */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  wait_for_search (f);
  g_assert_cmpuint (n_shown (f), ==, 3);
  g_assert_null (f->window->filter_color);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->chips_revealer));
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  WINDOW_TEST_ADD ("details", test_window_details);
  WINDOW_TEST_ADD ("details-built-on-show", test_window_details_built_on_show);
  WINDOW_TEST_ADD ("fits-badges", test_window_fits_badges);
  WINDOW_TEST_ADD ("contacts", test_window_contacts);
  WINDOW_TEST_ADD ("tile-parts-on-demand", test_window_tile_parts_on_demand);
  WINDOW_TEST_ADD ("tile-name-size", test_window_tile_name_size);
  WINDOW_TEST_ADD ("tile-widgets", test_window_tile_widgets);
  WINDOW_TEST_ADD ("tile-chips-as-box", test_window_tile_chips_as_box);
  WINDOW_TEST_ADD ("tile-labels", test_window_tile_labels);
  WINDOW_TEST_ADD ("palette", test_window_palette);

  return window_test_run ();
}
