/* medialib-window-offline.c — a team library whose server is out of reach: the banner,
 * changes refused with a reason (never queued), searches and opening tried again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-pg.h"
#include "medialib-window-private.h"

/*
 * A team library's store says whether its servers answer (MedialibStore:reachable: its
 * database's listening connection, and its bucket's requests) and which one does not
 * (:unreachable-server). While one does not, the library stays shown as it was read (the
 * thumbnails from the folder's cache), with a banner that names that server; what would change it (imports, edits, deletions, crops,
 * generations) is disabled or refused with a toast, so nothing waits unseen to be written
 * later. When the server answers again the banner goes and the store tells a resync, which
 * medialib-window-live.c applies. A team library that cannot be reached when it is opened
 * shows why and is opened again by itself.
 */

/**
 * _medialib_window_follow_reachable:
 *
 * The window follows @store's :reachable and :unreachable-server (the store it watches).
 */
void
_medialib_window_follow_reachable (MedialibWindow *self,
                                   MedialibStore  *store)
{
  g_signal_connect_object (store, "notify::reachable", G_CALLBACK (_medialib_window_update_reachable), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::unreachable-server", G_CALLBACK (_medialib_window_update_reachable),
                           self, G_CONNECT_SWAPPED);
}

static const char *
banner_title (MedialibStoreServer server)
{
  if (server == MEDIALIB_STORE_SERVER_BUCKET)
    return _("Cannot reach the team library’s file storage. Read-only — retrying automatically");

  return _("Cannot reach the team library’s database. Read-only — retrying automatically");
}

/**
 * _medialib_window_ensure_banner:
 * @banner: (inout): &self->damaged_banner or &self->offline_banner
 *
 * The damaged library's banner and the offline one are made when first needed (the first
 * screen neither builds nor lays them out), in their places below the filter chips, the
 * damaged library's first.
 *
 * Returns: (transfer none): *@banner
 */
AdwBanner *
_medialib_window_ensure_banner (MedialibWindow  *self,
                                AdwBanner      **banner)
{
  GtkWidget *after, *parent;

  g_assert (banner == &self->damaged_banner || banner == &self->offline_banner);

  if (*banner != NULL)
    return *banner;

  *banner = ADW_BANNER (adw_banner_new (""));
  if (banner == &self->damaged_banner)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (*banner), "win.restore-backup");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (*banner), "s", "");
    }
  adw_toolbar_view_add_top_bar (self->content_view, GTK_WIDGET (*banner));

  after = banner == &self->offline_banner && self->damaged_banner != NULL
            ? GTK_WIDGET (self->damaged_banner) : GTK_WIDGET (self->chips_revealer);
  parent = gtk_widget_get_parent (GTK_WIDGET (*banner));
  if (GTK_IS_BOX (parent) && gtk_widget_get_parent (after) == parent)
    gtk_box_reorder_child_after (GTK_BOX (parent), GTK_WIDGET (*banner), after);

  return *banner;
}

/* Hides a banner made, or nothing */
void
_medialib_window_hide_banner (AdwBanner *banner)
{
  if (banner != NULL)
    adw_banner_set_revealed (banner, FALSE);
}

/**
 * _medialib_window_update_reachable:
 *
 * The banner, the actions that change the library and the details' fields follow the
 * store's :reachable; the banner names the server out of reach.
 */
void
_medialib_window_update_reachable (MedialibWindow *self)
{
  gboolean reachable = self->store == NULL || medialib_store_get_reachable (self->store);
  gboolean writable = reachable && self->store != NULL && !medialib_store_is_read_only (self->store);

  if (!reachable)
    {
      AdwBanner *banner = _medialib_window_ensure_banner (self, &self->offline_banner);

      adw_banner_set_title (banner, banner_title (medialib_store_get_unreachable_server (self->store)));
      adw_banner_set_revealed (banner, TRUE);
    }
  else
    _medialib_window_hide_banner (self->offline_banner);
  /* A refusal still shown would say the library is out of reach when it is back */
  if (reachable && self->offline_toast != NULL)
    adw_toast_dismiss (self->offline_toast);

  /* A search failed meanwhile: the grid reads what it should show again */
  if (reachable && self->search_failed)
    {
      self->search_failed = FALSE;
      _medialib_window_refresh (self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload-folder", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.generate", reachable);
  _medialib_window_set_details_editable (self, writable || self->store == NULL);
}

/**
 * _medialib_window_live_check_writable:
 *
 * Before a change: while a team library's server cannot be reached, says so in a toast.
 *
 * Returns: whether the change may be tried
 */
gboolean
_medialib_window_live_check_writable (MedialibWindow *self)
{
  AdwToast *toast;

  if (self->store == NULL || medialib_store_get_reachable (self->store))
    return TRUE;

  toast = adw_toast_new (_("Nothing was changed: the team library cannot be reached. Try again once it is back"));
  adw_toast_set_timeout (toast, 6);
  /* At once, in answer to what was just tried, before any toast already waiting */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->offline_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return FALSE;
}

/**
 * _medialib_window_live_search_failed:
 *
 * A search failed: while the server is out of reach, the grid keeps what it shows (the
 * banner says why) and the search runs again once the server is back.
 *
 * Returns: whether the failure was handled so
 */
gboolean
_medialib_window_live_search_failed (MedialibWindow *self,
                                     const GError   *error)
{
  if (self->store == NULL || medialib_store_get_reachable (self->store))
    return FALSE;

  g_debug ("Search while the library is out of reach: %s", error->message);
  self->search_failed = TRUE;
  return TRUE;
}

static gboolean
reopen_cb (gpointer user_data)
{
  MedialibWindow *self = user_data;

  self->reopen_source = 0;
  if (self->store == NULL)
    _medialib_window_open_library (self);

  return G_SOURCE_REMOVE;
}

/**
 * _medialib_window_live_retry_open:
 *
 * A team library whose server could not be reached when it was opened: it is opened again
 * after a while (2 s, then longer, up to 30 s), as its listener reconnects.
 *
 * Returns: whether it will be tried again
 */
gboolean
_medialib_window_live_retry_open (MedialibWindow *self,
                                  const GError   *error)
{
  guint delay;

  if (!g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE))
    return FALSE;

  delay = MIN (2u << MIN (self->reopen_attempts, 4u), 30u);
  self->reopen_attempts++;
  g_clear_handle_id (&self->reopen_source, g_source_remove);
  self->reopen_source = g_timeout_add_seconds (delay, reopen_cb, self);
  return TRUE;
}
