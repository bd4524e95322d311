/* medialib-window-similar.c — "Find Similar": the images that look like one, as a search
 * the chips show and clear
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-window-private.h"

/*
 * "Find Similar" (the tiles' context menu, the details pane, Ctrl+Shift+F) makes the window
 * show the images within MEDIALIB_PHASH_SIMILAR_DISTANCE of an image, nearest first: one
 * more part of the window's query (_medialib_window_build_query()), with the search text and
 * the filters, which still apply. A chip "Similar to NAME" among the filters' chips says so;
 * it, Clear Filters and Escape in the search entry end it. The image itself is not among
 * the results; should the details pane show it, the pane stays open. Once the image is
 * deleted, by this window or another, the search ends (an Undo does not bring it back).
 */

static void
set_similar (MedialibWindow *self,
             gint64          id,
             const char     *name)
{
  self->similar_id = id;
  g_set_str (&self->similar_name, name);
  _medialib_window_update_chips (self);
  _medialib_window_refresh (self);
}

/**
 * _medialib_window_clear_similar:
 *
 * Ends the similar search, if any; the caller refreshes.
 *
 * Returns: whether there was one
 */
gboolean
_medialib_window_clear_similar (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->similar_id == 0)
    return FALSE;

  self->similar_id = 0;
  g_clear_pointer (&self->similar_name, g_free);
  return TRUE;
}

/**
 * _medialib_window_similar_deleted:
 * @ids: (element-type gint64): the assets being deleted
 *
 * Ends the similar search whose image is among @ids, and refreshes: the grid shows what the
 * other filters find.
 *
 * Returns: whether it did
 */
gboolean
_medialib_window_similar_deleted (MedialibWindow *self,
                                  GHashTable     *ids)
{
  g_assert (MEDIALIB_IS_WINDOW (self));
  g_assert (ids != NULL);

  if (self->similar_id == 0 || !g_hash_table_contains (ids, &self->similar_id))
    return FALSE;

  set_similar (self, 0, NULL);
  return TRUE;
}

static void
on_similar_chip_clicked_cb (MedialibWindow *self,
                            GtkButton      *button)
{
  set_similar (self, 0, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

/* The chip of a similar search, first among the filters' chips; NULL when there is none */
GtkWidget *
_medialib_window_similar_chip (MedialibWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button, *box;

  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->similar_id == 0)
    return NULL;

  /* Translators: %s is the name of an image, whose similar images are shown */
  text = g_strdup_printf (_("Similar to %s"), self->similar_name);
  /* Translators: %s is the name of an image, whose similar images are shown */
  tooltip = g_strdup_printf (_("Stop showing the images similar to “%s”"), self->similar_name);

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("edit-find-symbolic"));
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", text,
                                               "ellipsize", PANGO_ELLIPSIZE_MIDDLE,
                                               "max-width-chars", 32, NULL));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_add_css_class (button, "similar-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_similar_chip_clicked_cb), self, G_CONNECT_SWAPPED);

  return button;
}

static void
find_similar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autoptr(MedialibAsset) asset = _medialib_window_get_target (self);

  if (asset == NULL || self->store == NULL)
    return;

  if (medialib_asset_get_kind (asset) != MEDIALIB_ASSET_KIND_IMAGE)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Only images have similar images")));
      return;
    }

  /* An image of an older library may have no hash yet: the search finds nothing until it
   * is computed (medialib_store_compute_phashes(), once the library is open) */
  if (!medialib_asset_get_phash (asset, NULL))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The likeness of this image is still being computed")));

  set_similar (self, medialib_asset_get_id (asset), medialib_asset_get_name (asset));
}

/* --- Older libraries ---------------------------------------------------------------------- */

static void
on_phashes_computed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint computed = 0;

  if (!medialib_store_compute_phashes_finish (MEDIALIB_STORE (object), result, &computed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Image likeness not computed: %s", error->message);
      return;
    }

  if (computed > 0)
    {
      g_debug ("Computed the likeness of %u images", computed);
      /* A similar search shown meanwhile finds them now */
      if (self->similar_id != 0 && MEDIALIB_STORE (object) == self->store)
        _medialib_window_refresh (self);
    }
}

/**
 * _medialib_window_compute_phashes:
 *
 * Computes on a worker thread the perceptual hashes that the images of an older library
 * lack, once it is open (not for a read-only library).
 */
void
_medialib_window_compute_phashes (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->store == NULL || medialib_store_is_read_only (self->store))
    return;

  medialib_store_compute_phashes_async (self->store, self->cancellable, on_phashes_computed_cb, g_object_ref (self));
}

void
_medialib_window_similar_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find-similar", NULL, find_similar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-similar", NULL);
}
