/* medialib-application.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-application"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-blob-store.h"
#include "medialib-s3-client.h"
#include "medialib-settings.h"

#include "medialib-application.h"
#include "medialib-asset-tile.h"
#include "medialib-icon-warm-up.h"
#include "medialib-preferences-dialog.h"
#include "medialib-search-provider.h"
#include "medialib-texture-loader.h"
#include "medialib-window.h"
#include "medialib-resources.h"

struct _MedialibApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;
  char           *library_dir;
  MedialibSearchProvider *search_provider;

  /* The library opened at start-up, while GTK starts, for the first window: its folder
   * until a window asks for it, the window's task while it waits, what the opening gave
   * (see medialib_application_take_store_async()) */
  char           *early_dir;
  GTask          *early_waiter;
  MedialibStore  *early_store;
  GError         *early_error;
  gboolean        early_done;
  GMutex          early_lock;   /* the worker sets the last three */
  /* Then the first screen's thumbnails, decoded by the same worker (sha256 → GdkTexture),
   * for the library early_textures_dir, until the first window's first page takes them */
  GHashTable     *early_textures;
  char           *early_textures_dir;
  gboolean        early_textures_taken;
  gboolean        early_finished;
  /* The worker that reads the icon theme rendered an SVG, and looked up the first
   * screen's icons, kept here so that GTK's icon cache keeps them (load_icon_theme()) */
  gboolean        svg_warmed;
  GPtrArray      *first_icons;
};

/* The early opening's worker: the library, then the first screen of the search the first
 * window starts (its saved sort; NULL when filters are saved) */
typedef struct
{
  char          *dir;
  MedialibQuery *query;
  int            tile_width;   /* of the grid's tiles at the window's saved size; 0 unknown */
} EarlyOpen;

static void
early_open_free (EarlyOpen *open)
{
  g_free (open->dir);
  g_clear_pointer (&open->query, medialib_query_free);
  g_free (open);
}

G_DEFINE_FINAL_TYPE (MedialibApplication, medialib_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LIBRARY_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_color_scheme (MedialibApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = 0;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  if (self->settings != NULL)
    scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static void
on_settings_color_scheme_changed_cb (MedialibApplication *self,
                                     const char          *key,
                                     GSettings           *settings)
{
  g_assert (MEDIALIB_IS_APPLICATION (self));
  g_assert (G_IS_SETTINGS (settings));

  apply_color_scheme (self);
}

static MedialibWindow *
get_or_create_window (MedialibApplication *self)
{
  GtkWindow *window;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (MEDIALIB_IS_WINDOW (window))
    return MEDIALIB_WINDOW (window);

  return medialib_window_new (self);
}

static void
medialib_application_activate (GApplication *app)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));
}

/* "Open With": the files are imported into the library of this (single) instance. */
static void
medialib_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (app);
  MedialibWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));
  medialib_window_import (window, files, (guint) n_files);
}

/* GNOME Shell's search, on APP_OBJECT_PATH/SearchProvider (see the .ini in data/) */
static gboolean
medialib_application_dbus_register (GApplication     *app,
                                    GDBusConnection  *connection,
                                    const char       *object_path,
                                    GError          **error)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (medialib_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  _medialib_ensure_resources ();
  self->search_provider = medialib_search_provider_new (self);
  return medialib_search_provider_register (self->search_provider, connection, path, error);
}

static void
medialib_application_dbus_unregister (GApplication    *app,
                                      GDBusConnection *connection,
                                      const char      *object_path)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (app);

  if (self->search_provider != NULL)
    medialib_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (medialib_application_parent_class)->dbus_unregister (app, connection, object_path);
}

/* On the worker: TEXTURE keeps a copy of itself at the size a tile TILE_WIDTH wide draws
 * it at, which the first frame draws as it is (scaling the texture there took a tenth of
 * the frame's time) */
static void
fit (GdkTexture *texture,
     int         tile_width)
{
  g_autoptr(GdkTexture) fitted = NULL;
  int width, height;

  medialib_asset_tile_fit_thumbnail (tile_width, gdk_texture_get_width (texture),
                                     gdk_texture_get_height (texture), &width, &height);
  if (width == gdk_texture_get_width (texture) && height == gdk_texture_get_height (texture))
    return;

  /* Without it, the tile scales the texture itself */
  if ((fitted = medialib_texture_scale (texture, width, height)) != NULL)
    medialib_texture_set_fitted (texture, fitted);
}

/* On the worker: the thumbnails' copies at the grid's size of the first assets @query
 * finds, as the window's thumbnail cache decodes them (medialib-thumbnail-cache.c); only
 * those already here (a team library's are not fetched from its bucket for this) */
static GHashTable *
decode_first_screen (MedialibStore *store,
                     MedialibQuery *query,
                     int            tile_width)
{
  g_autoptr(GPtrArray) assets = medialib_store_search (store, query, NULL);
  g_autoptr(GHashTable) textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; assets != NULL && i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);
      const char *path = medialib_asset_get_thumbnail_path (asset);
      g_autofree char *copy = NULL;
      g_autofree char *alpha_copy = NULL;
      GdkTexture *texture;

      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      copy = medialib_store_dup_grid_thumbnail_path (store, asset, FALSE);
      alpha_copy = medialib_store_dup_grid_thumbnail_path (store, asset, TRUE);
      texture = medialib_texture_in_default_format (medialib_texture_load_with_copy (path, MEDIALIB_GRID_THUMBNAIL_SIZE,
                                                                                     copy, alpha_copy, NULL));
      if (texture != NULL && tile_width > 0)
        fit (texture, tile_width);
      if (texture != NULL)
        g_hash_table_insert (textures, g_strdup (medialib_asset_get_sha256 (asset)), texture);
    }

  return g_hash_table_size (textures) > 0 ? g_steal_pointer (&textures) : NULL;
}

/* On a worker: the opening's result is there as soon as it is made, for a window built
 * meanwhile on the main thread, which does not return to the main loop until it is shown
 * (and a window that waits for it gets it at once). Then the first screen's thumbnails are
 * decoded, while GTK starts and the window is built, so that the tiles of the first frame
 * are bound with them (medialib_application_take_first_screen()). */
static void
open_early_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MedialibApplication *self = source_object;
  EarlyOpen *open = task_data;
  GError *error = NULL;
  MedialibStore *store = medialib_store_open (open->dir, &error);
  g_autoptr(MedialibStore) kept = store != NULL ? g_object_ref (store) : NULL;
  g_autoptr(GTask) waiter = NULL;
  g_autoptr(GHashTable) textures = NULL;

  g_mutex_lock (&self->early_lock);
  self->early_done = TRUE;
  waiter = g_steal_pointer (&self->early_waiter);
  if (waiter == NULL)
    {
      self->early_store = store;
      self->early_error = error;
    }
  g_mutex_unlock (&self->early_lock);

  if (waiter != NULL && store != NULL)
    g_task_return_pointer (waiter, store, g_object_unref);
  else if (waiter != NULL)
    g_task_return_error (waiter, error);

  if (kept != NULL && open->query != NULL)
    textures = decode_first_screen (kept, open->query, open->tile_width);

  g_mutex_lock (&self->early_lock);
  if (textures != NULL && !self->early_textures_taken)
    {
      self->early_textures = g_steal_pointer (&textures);
      self->early_textures_dir = g_strdup (open->dir);
    }
  self->early_finished = TRUE;
  g_mutex_unlock (&self->early_lock);

  g_task_return_boolean (task, TRUE);
}

/* Drops the opening if it was not wanted (the window that waited for it got it from the
 * worker) */
static void
on_early_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (object);
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->early_lock);
  if (self->early_dir == NULL)
    {
      store = g_steal_pointer (&self->early_store);
      error = g_steal_pointer (&self->early_error);
    }
  g_mutex_unlock (&self->early_lock);
}

/* The first window's first search, when it is the saved sort alone (as it mostly is): its
 * first screen at the saved size of the window. NULL otherwise: that window's thumbnails are
 * not decoded early. */
static MedialibQuery *
first_screen_query (MedialibApplication *self)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *fits = NULL;
  g_autofree char *sort = NULL;
  MedialibQuery *query;

  if (self->settings == NULL)
    return NULL;

  tags = g_settings_get_strv (self->settings, "filter-tags");
  teams = g_settings_get_strv (self->settings, "filter-teams");
  kind = g_settings_get_string (self->settings, "filter-kind");
  fits = g_settings_get_string (self->settings, "filter-fits");
  if (tags[0] != NULL || teams[0] != NULL || !g_str_equal (kind, "all") || fits[0] != '\0')
    return NULL;

  sort = g_settings_get_string (self->settings, "sort");
  query = medialib_query_new ();
  medialib_sort_from_string (sort, &query->sort);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    query->limit = medialib_window_first_screen_tiles (-1, -1);
  else
    query->limit = medialib_window_first_screen_tiles (g_settings_get_int (self->settings, "window-width"),
                                                       g_settings_get_int (self->settings, "window-height"));
  return query;
}

/* GTK and libadwaita take tens of milliseconds to start, and the window as long to be
 * built: the library opens on a worker meanwhile, so that the first window's search starts
 * as soon as the window is. Not for a service started by D-Bus (the search provider): it
 * may never show a window. */
static void
open_early (MedialibApplication *self)
{
  g_autoptr(GTask) task = NULL;
  EarlyOpen *open;

  if (g_application_get_flags (G_APPLICATION (self)) & G_APPLICATION_IS_SERVICE)
    return;

  self->early_dir = self->library_dir != NULL ? g_canonicalize_filename (self->library_dir, NULL)
                                              : medialib_store_dup_default_dir ();
  open = g_new0 (EarlyOpen, 1);
  open->dir = g_strdup (self->early_dir);
  open->query = first_screen_query (self);
  open->tile_width = medialib_window_saved_tile_width (self->settings);
  task = g_task_new (self, NULL, on_early_opened_cb, NULL);
  g_task_set_source_tag (task, open_early);
  g_task_set_task_data (task, open, (GDestroyNotify) early_open_free);
  g_task_run_in_thread (task, open_early_thread);
}

/* Under early_lock */
static void
drop_early (MedialibApplication *self)
{
  g_clear_pointer (&self->early_dir, g_free);
  g_clear_object (&self->early_store);
  g_clear_error (&self->early_error);
}

/**
 * medialib_application_take_opened_store:
 * @dir: the library folder a window opens (canonical)
 *
 * The first window's library, opened at start-up, if it is open already. Its opening is
 * dropped if it failed or was another folder's, and kept for
 * medialib_application_take_store_async() while it runs.
 *
 * Returns: (transfer full) (nullable): the library
 */
MedialibStore *
medialib_application_take_opened_store (MedialibApplication *self,
                                        const char          *dir)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  locker = g_mutex_locker_new (&self->early_lock);
  if (self->early_dir == NULL || (!self->early_done && g_str_equal (self->early_dir, dir)))
    return NULL;

  if (self->early_store == NULL || !g_str_equal (self->early_dir, dir))
    {
      drop_early (self);
      return NULL;
    }

  g_clear_pointer (&self->early_dir, g_free);
  return g_steal_pointer (&self->early_store);
}

/**
 * medialib_application_take_store_async:
 * @dir: the library folder a window opens (canonical)
 *
 * The first window's library, opened at start-up: when @dir is the one opened, @callback is
 * called with it (once it is open); otherwise, or for any later window, the opening is
 * dropped and nothing is called.
 *
 * Returns: whether @callback will be called
 */
gboolean
medialib_application_take_store_async (MedialibApplication *self,
                                       const char          *dir,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  locker = g_mutex_locker_new (&self->early_lock);
  /* Only once */
  if (self->early_dir == NULL || !g_str_equal (self->early_dir, dir))
    {
      drop_early (self);
      return FALSE;
    }
  g_clear_pointer (&self->early_dir, g_free);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_application_take_store_async);
  if (!self->early_done)
    self->early_waiter = g_steal_pointer (&task);
  else if (self->early_store != NULL)
    g_task_return_pointer (task, g_steal_pointer (&self->early_store), g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&self->early_error));

  return TRUE;
}

/**
 * medialib_application_take_first_screen:
 * @dir: the library folder of the window's store (canonical)
 *
 * The thumbnails of the first window's first screen, decoded at the grid's size with the
 * library's early opening, for its first page: once, and only if they were decoded for @dir
 * by then (later, they are not kept). Their keys are the assets' SHA-256.
 *
 * Returns: (transfer full) (nullable) (element-type utf8 GdkTexture): the textures
 */
GHashTable *
medialib_application_take_first_screen (MedialibApplication *self,
                                        const char          *dir)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) textures = NULL;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  locker = g_mutex_locker_new (&self->early_lock);
  self->early_textures_taken = TRUE;
  textures = g_steal_pointer (&self->early_textures);
  if (textures == NULL || g_strcmp0 (self->early_textures_dir, dir) != 0)
    return NULL;

  return g_steal_pointer (&textures);
}

/**
 * medialib_application_get_early_finished:
 *
 * Returns: whether the early opening's worker is done: the library opened (or not) and the
 *   first screen's thumbnails decoded
 */
gboolean
medialib_application_get_early_finished (MedialibApplication *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), FALSE);

  locker = g_mutex_locker_new (&self->early_lock);
  return self->early_finished;
}

/**
 * medialib_application_take_store_finish:
 *
 * Returns: (transfer full): the library, as medialib_store_open_finish() gives it
 */
MedialibStore *
medialib_application_take_store_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_application_take_store_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_icon_theme_done (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedialibApplication) self = user_data;

  g_clear_pointer (&self->first_icons, g_ptr_array_unref);
  self->first_icons = medialib_icon_warm_up_finish (result, &self->svg_warmed, NULL);
}

/* The icon theme, made again once GTK, libadwaita and the application added their icons'
 * folders, is read on a worker while the window is built, rather than on the main thread
 * when the window is realized (its icon) and needs it (31 million instructions); the same
 * worker then loads the first screen's icons (medialib-icon-warm-up.c) */
static void
load_icon_theme (MedialibApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    medialib_icon_warm_up_async (display, NULL, load_icon_theme_done, g_object_ref (self));
}

/* Whether the worker that reads the icon theme at start-up rendered an SVG */
gboolean
medialib_application_get_svg_warmed (MedialibApplication *self)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), FALSE);

  return self->svg_warmed;
}

/* The first screen's icons that this worker looked up (GtkIconPaintables), NULL until it
 * is done */
GPtrArray *
medialib_application_get_first_icons (MedialibApplication *self)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), NULL);

  return self->first_icons;
}

static void
medialib_application_startup (GApplication *app)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (app);

  open_early (self);
  G_APPLICATION_CLASS (medialib_application_parent_class)->startup (app);

  /* A team library's files come from its bucket on workers only */
  medialib_s3_client_forbid_blocking ();

  load_icon_theme (self);
  gtk_window_set_default_icon_name (APP_ID);
  apply_color_scheme (self);
}

static void
medialib_application_quit_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  MedialibApplication *self = user_data;
  GList *windows;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them finish what they owe the library (deletions waiting
   * for their Undo toast); the application ends with its last window and last hold. A
   * window with a dialog open only closes the dialog when asked to close, so the dialogs
   * go first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (ADW_IS_APPLICATION_WINDOW (window))
        {
          AdwApplicationWindow *app_window = ADW_APPLICATION_WINDOW (window);
          AdwDialog *dialog;
          AdwDialog *closed = NULL;

          while ((dialog = adw_application_window_get_visible_dialog (app_window)) != NULL &&
                 dialog != closed)
            {
              adw_dialog_force_close (dialog);
              closed = dialog;
            }
        }
      gtk_window_close (window);
    }
}

static void
medialib_application_about_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  const char *developers[] = { _("The Media Library authors"), NULL };
  MedialibApplication *self = user_data;
  AdwDialog *dialog;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  dialog = adw_about_dialog_new ();
  g_object_set (dialog,
                "application-name", _("Media Library"),
                "application-icon", APP_ID,
                "developer-name", _("The Media Library authors"),
                "version", PACKAGE_VERSION,
                "developers", developers,
                /* Translators: replace with your names, one per line */
                "translator-credits", _("translator-credits"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "release-notes-version", PACKAGE_VERSION,
                "release-notes", _("<p>The first release of Media Library:</p>"
                                   "<ul>"
                                   "<li>Upload images, folders and contact cards by dropping them on the window</li>"
                                   "<li>Tag them, assign teams, and find them with search and filters</li>"
                                   "<li>Crop images to the size of every messaging channel</li>"
                                   "<li>Generate images with any OpenAI-compatible server</li>"
                                   "<li>Everything from the command line too</li>"
                                   "</ul>"),
                "comments", _("Keep, tag, crop and generate the images of your marketing messages."),
                "website", "https://github.com/medialib/medialib",
                "issue-url", "https://github.com/medialib/medialib/issues",
                NULL);
  adw_dialog_present (dialog, GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
}

static void
medialib_application_preferences_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  MedialibApplication *self = user_data;
  MedialibPreferencesDialog *dialog;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  dialog = medialib_preferences_dialog_new (self);
  adw_dialog_present (ADW_DIALOG (dialog),
                      GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
}

static void
medialib_application_shortcuts_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  MedialibApplication *self = user_data;
  GtkWindow *window;

  g_assert (MEDIALIB_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    return;

  /* Made when first shown, not with each window as GTK makes gtk/help-overlay.ui (a quarter
   * of building the window). GtkShortcutsWindow is deprecated in GTK 4.18; libadwaita's
   * replacement comes with 1.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (GTK_IS_APPLICATION_WINDOW (window) &&
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/medialib-shortcuts.ui");

      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", medialib_application_quit_action },
  { "about", medialib_application_about_action },
  { "preferences", medialib_application_preferences_action },
  { "shortcuts", medialib_application_shortcuts_action },
};

static void
medialib_application_constructed (GObject *object)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (object);

  G_OBJECT_CLASS (medialib_application_parent_class)->constructed (object);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::color-scheme",
                             G_CALLBACK (on_settings_color_scheme_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
medialib_application_finalize (GObject *object)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->search_provider);
  g_clear_pointer (&self->library_dir, g_free);
  g_clear_pointer (&self->early_dir, g_free);
  g_clear_object (&self->early_store);
  g_clear_error (&self->early_error);
  g_clear_pointer (&self->early_textures, g_hash_table_unref);
  g_clear_pointer (&self->early_textures_dir, g_free);
  g_clear_pointer (&self->first_icons, g_ptr_array_unref);
  g_mutex_clear (&self->early_lock);

  G_OBJECT_CLASS (medialib_application_parent_class)->finalize (object);
}

static void
medialib_application_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      g_value_set_string (value, self->library_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_application_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedialibApplication *self = MEDIALIB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_DIR:
      if (g_set_str (&self->library_dir, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The resources are registered by hand: a constructor in a static library can be dropped by
 * the linker. Every class whose template lives there calls this from class_init. */
void
_medialib_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      medialib_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static void
medialib_application_class_init (MedialibApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = medialib_application_constructed;
  object_class->finalize = medialib_application_finalize;
  object_class->get_property = medialib_application_get_property;
  object_class->set_property = medialib_application_set_property;

  app_class->activate = medialib_application_activate;
  app_class->open = medialib_application_open;
  app_class->dbus_register = medialib_application_dbus_register;
  app_class->dbus_unregister = medialib_application_dbus_unregister;
  app_class->startup = medialib_application_startup;

  _medialib_ensure_resources ();

  /**
   * MedialibApplication:library-dir:
   *
   * The library directory that new windows open, or %NULL for the default library.
   */
  properties[PROP_LIBRARY_DIR] =
    g_param_spec_string ("library-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medialib_application_init (MedialibApplication *self)
{
  self->settings = medialib_settings_new ();
  g_mutex_init (&self->early_lock);

  /* Read by main() before the application is made; declared here so that GApplication's own
   * option parsing accepts it and lists it in --help-all. */
  g_application_add_main_option (G_APPLICATION (self), "library", 0, 0, G_OPTION_ARG_FILENAME,
                                 _("Open the library in DIR"), _("DIR"));
}

/**
 * medialib_application_new:
 * @library_dir: (nullable): a library directory, or %NULL for the default library
 * @own_instance: run apart from the single instance (a library given with --library), so
 *   that several libraries can be open at once
 */
MedialibApplication *
medialib_application_new (const char *library_dir,
                          gboolean    own_instance)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  if (own_instance)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (MEDIALIB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", flags,
                       "library-dir", library_dir,
                       NULL);
}

const char *
medialib_application_get_library_dir (MedialibApplication *self)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), NULL);

  return self->library_dir;
}

/**
 * medialib_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings
 */
GSettings *
medialib_application_get_settings (MedialibApplication *self)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (self), NULL);

  return self->settings;
}
