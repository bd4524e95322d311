/* medialib-window-libraries.c — which library the window shows: the local one, team
 * libraries, the recent ones, and connecting a new team library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-pg.h"
#include "medialib-s3-client.h"
#include "medialib-team-connect.h"
#include "medialib-team-dialog.h"
#include "medialib-window-private.h"

/*
 * The header's library button names the library the window shows ("Local Library", or a
 * team library's bucket@host) and lists the recent ones, kept in the recent-libraries
 * setting as folder paths (a team library's folder holds its team.ini: servers' addresses,
 * never a secret). Choosing one (win.open-library, the window's library-dir property)
 * lets go of the library shown — its grid, filters, search and details — and opens the
 * other on a worker thread, as a restore does. "Team Library…" (win.team-library) opens the
 * dialog that connects a new one; a team library whose credentials are missing or refused
 * opens that dialog again, filled in, to ask for them.
 */

#define MAX_RECENT 8

static char *
local_name (const char *dir,
            const char *default_dir)
{
  g_autofree char *base = NULL;

  if (g_strcmp0 (dir, default_dir) == 0)
    return g_strdup (_("Local Library"));

  base = g_path_get_basename (dir);
  /* Translators: a local library that is not the default one; %s is its folder's name */
  return g_strdup_printf (_("Local Library “%s”"), base);
}

/* --- The list of libraries ----------------------------------------------------------------- */

typedef struct
{
  char     *dir;
  char     *name;
  gboolean  team;
} Library;

static void
library_free (Library *library)
{
  g_free (library->dir);
  g_free (library->name);
  g_free (library);
}

/* On a worker thread: the name of each folder (team.ini is read), those that are gone left out */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GStrv dirs = task_data;
  g_autofree char *default_dir = medialib_store_dup_default_dir ();
  GPtrArray *libraries = g_ptr_array_new_with_free_func ((GDestroyNotify) library_free);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autoptr(MedialibTeamConfig) config = NULL;
      Library *library;

      if (i > 0 && !g_file_test (dirs[i], G_FILE_TEST_IS_DIR))
        continue;

      library = g_new0 (Library, 1);
      library->dir = g_strdup (dirs[i]);
      if ((config = medialib_team_config_load (dirs[i], NULL)) != NULL)
        {
          library->team = TRUE;
          library->name = medialib_team_config_dup_name (config);
        }
      else
        library->name = local_name (dirs[i], default_dir);
      g_ptr_array_add (libraries, library);
    }

  g_task_return_pointer (task, libraries, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_name (MedialibWindow *self)
{
  Library *library = self->library_names != NULL ? g_hash_table_lookup (self->library_names, self->library_dir) : NULL;
  const char *name = library != NULL ? library->name : "";
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (self->library_label, name);
  gtk_image_set_from_icon_name (self->library_icon,
                                library != NULL && library->team ? "network-server-symbolic" : "folder-symbolic");
  /* Translators: the tooltip of the header's library button; %s is the library's name */
  tooltip = g_strdup_printf (_("%s — Switch Library"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->library_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->library_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Switch Library"),
                                  -1);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) libraries = g_task_propagate_pointer (G_TASK (result), NULL);

  if (libraries == NULL)
    return;

  /* The ones kept move to the table of names; the others are freed here */
  g_ptr_array_set_free_func (libraries, NULL);
  g_menu_remove_all (self->libraries_section);
  g_clear_pointer (&self->library_names, g_hash_table_unref);
  self->library_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) library_free);

  for (guint i = 0; i < libraries->len; i++)
    {
      Library *library = g_ptr_array_index (libraries, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (library->name, NULL);

      if (g_hash_table_contains (self->library_names, library->dir))
        {
          library_free (library);
          continue;
        }
      g_menu_item_set_action_and_target (item, "win.open-library", "s", library->dir);
      g_menu_append_item (self->libraries_section, item);
      g_hash_table_insert (self->library_names, library->dir, library);
    }

  show_name (self);
}

/**
 * _medialib_window_list_libraries:
 *
 * Fills the header's library menu, on a worker thread: the default library first, then the
 * window's, then the recent ones.
 */
void
_medialib_window_list_libraries (MedialibWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) recent = NULL;

  g_strv_builder_take (builder, medialib_store_dup_default_dir ());
  if (self->library_dir != NULL)
    g_strv_builder_add (builder, self->library_dir);
  if (self->settings != NULL)
    {
      recent = g_settings_get_strv (self->settings, "recent-libraries");
      g_strv_builder_addv (builder, (const char **) recent);
    }

  task = g_task_new (NULL, self->cancellable, on_listed_cb, g_object_ref (self));
  g_task_set_source_tag (task, _medialib_window_list_libraries);
  g_task_set_task_data (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, list_thread);
}

/**
 * _medialib_window_library_opened:
 *
 * The window's library is open: it goes first in the recent ones.
 */
void
_medialib_window_library_opened (MedialibWindow *self)
{
  if (self->settings != NULL && self->library_dir != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-libraries");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;
      guint n = 1;

      g_strv_builder_add (builder, self->library_dir);
      for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
        if (!g_str_equal (recent[i], self->library_dir))
          {
            g_strv_builder_add (builder, recent[i]);
            n++;
          }
      updated = g_strv_builder_end (builder);
      if (!g_strv_equal ((const char * const *) recent, (const char * const *) updated))
        g_settings_set_strv (self->settings, "recent-libraries", (const char * const *) updated);
    }

  _medialib_window_list_libraries (self);
}

/**
 * _medialib_window_take_early_store:
 * @opened: what the window calls with the store when it is opened asynchronously
 *
 * The first window's library opened while GTK started (medialib-application.c): when it is
 * open already, the window shows it at once, and its first search starts while the window
 * is shown; while it opens, @opened gets it.
 *
 * Returns: whether the window has or will have its store from the application
 */
gboolean
_medialib_window_take_early_store (MedialibWindow      *self,
                                   GAsyncReadyCallback  opened)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(MedialibStore) store = NULL;

  if (!MEDIALIB_IS_APPLICATION (app))
    return FALSE;

  if ((store = medialib_application_take_opened_store (MEDIALIB_APPLICATION (app), self->library_dir)) != NULL)
    {
      _medialib_window_set_store (self, store);
      _medialib_window_library_opened (self);
      return TRUE;
    }

  if (!medialib_application_take_store_async (MEDIALIB_APPLICATION (app), self->library_dir,
                                              self->open_cancellable, opened, self))
    return FALSE;

  /* For @opened */
  g_object_ref (self);
  return TRUE;
}

/* --- Switching ------------------------------------------------------------------------------ */

/**
 * _medialib_window_switch_library:
 * @force: open it again even when it is the one shown
 *
 * Lets go of the library shown (its grid, filters, search and details) and opens the one
 * in @dir on a worker thread.
 */
void
_medialib_window_switch_library (MedialibWindow *self,
                                 const char     *dir,
                                 gboolean        force)
{
  g_autofree char *canonical = g_canonicalize_filename (dir, NULL);

  if (!force && self->store != NULL && g_strcmp0 (canonical, self->library_dir) == 0)
    return;

  if (self->import_cancellable != NULL || self->restoring)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Wait for the import to finish, then switch libraries")));
      g_object_notify (G_OBJECT (self), "library-dir");
      return;
    }

  /* Deletions waiting for their toast belong to the library shown */
  _medialib_window_flush_deletions (self);

  g_cancellable_cancel (self->search_cancellable);
  self->search_stamp++;
  self->searching = FALSE;
  medialib_selection_set_model (self->selection, NULL);
  self->details_id = 0;
  _medialib_window_set_details_asset (self, NULL);
  _medialib_window_set_details_store (self, NULL);
  adw_overlay_split_view_set_show_sidebar (self->split_view, FALSE);
  _medialib_window_hide_banner (self->damaged_banner);
  /* The library shown is no longer followed (nor opened again if it was out of reach) */
  _medialib_window_live_unwatch (self);
  _medialib_window_hide_banner (self->offline_banner);
  self->reopen_attempts = 0;
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->store);

  /* Another library's tags and teams do not apply here */
  g_hash_table_remove_all (self->filter_tags);
  g_hash_table_remove_all (self->filter_teams);
  _medialib_window_update_chips (self);
  _medialib_window_save_filters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  g_set_str (&self->library_dir, canonical);
  g_object_notify (G_OBJECT (self), "library-dir");
  show_name (self);
  _medialib_window_open_library (self);
}

/* --- Team Library… ------------------------------------------------------------------------- */

static void
on_team_connected_cb (MedialibWindow     *self,
                      const char         *dir,
                      MedialibTeamDialog *dialog)
{
  _medialib_window_switch_library (self, dir, TRUE);
}

static MedialibTeamDialog *
present_team_dialog (MedialibWindow *self)
{
  MedialibTeamDialog *dialog = medialib_team_dialog_new ();

  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_team_connected_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));

  return dialog;
}

static void
team_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  present_team_dialog (MEDIALIB_WINDOW (widget));
}

/**
 * _medialib_window_library_failed:
 *
 * A team library that did not open because its credentials are missing or were refused
 * asks for them again: the dialog, filled in with its servers.
 *
 * Returns: whether it may ask (once team.ini is read)
 */
static void
on_failed_config_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(MedialibTeamConfig) config = NULL;
  MedialibTeamDialog *dialog;

  /* Another library may be shown by now: then it no longer asks */
  if (!(config = medialib_team_config_load_finish (result, NULL)) || self->store != NULL)
    return;

  dialog = present_team_dialog (self);
  medialib_team_dialog_set_config (dialog, config,
                                   _("The team library’s servers refused the saved credentials, or none are saved. Enter them again."));
}

gboolean
_medialib_window_library_failed (MedialibWindow *self,
                                 const GError   *error)
{
  if (!g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION) &&
      !g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return FALSE;

  if (self->library_dir == NULL)
    return FALSE;

  /* Its servers, from team.ini, read on a worker (a local library has none: no dialog) */
  medialib_team_config_load_async (self->library_dir, self->cancellable, on_failed_config_cb,
                                   g_object_ref (self));
  return TRUE;
}

void
_medialib_window_libraries_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.team-library", NULL, team_library_action);
  gtk_widget_class_install_property_action (widget_class, "win.open-library", "library-dir");
}
