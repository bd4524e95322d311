/* medialib-window-details.c — the details pane, made when it is first needed
 *
 * The details pane is not on the first screen (the split view's sidebar, hidden), and its
 * class alone (its template, its editors' classes) cost a few million instructions when
 * the window was built. So it is made the first time an asset's details are shown or the
 * pane opens, and otherwise in an idle once the first screen is drawn, so that opening it
 * later is as quick as before. Until then the window keeps what the pane would be told
 * (the store, the tag and team names, whether it may edit) and gives it all when it is made.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-window-private.h"

/**
 * _medialib_window_ensure_details_pane:
 *
 * Returns: (transfer none): the details pane, made now if it was not
 */
MedialibDetailsPane *
_medialib_window_ensure_details_pane (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->details_pane != NULL)
    return self->details_pane;

  g_clear_handle_id (&self->details_source, g_source_remove);
  self->details_pane = g_object_new (MEDIALIB_TYPE_DETAILS_PANE, NULL);
  medialib_details_pane_set_store (self->details_pane, self->store);
  medialib_details_pane_set_editable (self->details_pane, !self->details_read_only);
  if (self->tag_names != NULL || self->team_names != NULL)
    medialib_details_pane_set_labels (self->details_pane, (const char * const *) self->tag_names,
                                      (const char * const *) self->team_names);
  adw_overlay_split_view_set_sidebar (self->split_view, GTK_WIDGET (self->details_pane));

  return self->details_pane;
}

/**
 * _medialib_window_get_details_asset:
 *
 * Returns: (transfer none) (nullable): the asset the details pane shows
 */
MedialibAsset *
_medialib_window_get_details_asset (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  return self->details_pane != NULL ? medialib_details_pane_get_asset (self->details_pane) : NULL;
}

/**
 * _medialib_window_set_details_asset:
 *
 * Shows @asset in the details pane, made for it if need be; %NULL empties it.
 */
void
_medialib_window_set_details_asset (MedialibWindow *self,
                                    MedialibAsset  *asset)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (asset == NULL && self->details_pane == NULL)
    return;

  medialib_details_pane_set_asset (_medialib_window_ensure_details_pane (self), asset);
}

/* Without an asset (closed), or between libraries */
void
_medialib_window_set_details_store (MedialibWindow *self,
                                    MedialibStore  *store)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->details_pane != NULL)
    medialib_details_pane_set_store (self->details_pane, store);
}

void
_medialib_window_set_details_editable (MedialibWindow *self,
                                       gboolean        editable)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  self->details_read_only = !editable;
  if (self->details_pane != NULL)
    medialib_details_pane_set_editable (self->details_pane, editable);
}

void
_medialib_window_set_details_labels (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->details_pane != NULL)
    medialib_details_pane_set_labels (self->details_pane, (const char * const *) self->tag_names,
                                      (const char * const *) self->team_names);
}

static gboolean
make_details_pane_cb (gpointer data)
{
  MedialibWindow *self = data;

  self->details_source = 0;
  _medialib_window_ensure_details_pane (self);
  return G_SOURCE_REMOVE;
}

/* The first screen is drawn: the pane is made when nothing else waits */
void
_medialib_window_details_after_first_screen (MedialibWindow *self)
{
  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->details_pane != NULL || self->details_source != 0)
    return;

  self->details_source = g_idle_add_full (G_PRIORITY_LOW, make_details_pane_cb, self, NULL);
}

/* The pane went with the split view */
void
_medialib_window_details_dispose (MedialibWindow *self)
{
  g_clear_handle_id (&self->details_source, g_source_remove);
  self->details_pane = NULL;
}
