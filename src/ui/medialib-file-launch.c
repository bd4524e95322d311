/* medialib-file-launch.c — Open With… and Show in Files for an asset's file, once the file
 * is on this computer
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-details-pane"

#include "config.h"

#include "medialib-file-launch.h"

static void
on_launch_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the file: %s", error->message);
}

static void
on_show_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not show the file: %s", error->message);
}

typedef struct
{
  GtkWidget     *widget;
  MedialibAsset *asset;
  gboolean       show_in_files;
} LaunchCall;

static void
launch_call_free (LaunchCall *call)
{
  g_object_unref (call->widget);
  g_object_unref (call->asset);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LaunchCall, launch_call_free)

static void
launch (GtkWidget     *widget,
        MedialibAsset *asset,
        gboolean       show_in_files)
{
  g_autoptr(GFile) file = g_file_new_for_path (medialib_asset_get_path (asset));
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (show_in_files)
    gtk_file_launcher_open_containing_folder (launcher, window, NULL, on_show_done_cb, NULL);
  else
    {
      gtk_file_launcher_set_always_ask (launcher, TRUE);
      gtk_file_launcher_launch (launcher, window, NULL, on_launch_done_cb, NULL);
    }
}

static void
on_launch_file_here_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LaunchCall) call = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_ensure_file_finish (MEDIALIB_STORE (object), result, &error))
    {
      g_warning ("Could not open the file: %s", error->message);
      return;
    }

  if (gtk_widget_get_root (call->widget) != NULL)
    launch (call->widget, call->asset, call->show_in_files);
}

/**
 * medialib_file_launch:
 * @widget: where it is asked from: its window parents the dialogs
 * @store: (nullable): the library that has @asset, which brings its file to this computer
 *   first (a team library's); %NULL: the file is there
 * @show_in_files: %TRUE for Show in Files, %FALSE for Open With…
 *
 * Open With… (the application is asked for) or Show in Files for @asset's file, once the
 * file is on this computer.
 */
void
medialib_file_launch (GtkWidget     *widget,
                      MedialibStore *store,
                      MedialibAsset *asset,
                      gboolean       show_in_files)
{
  LaunchCall *call;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (store == NULL || MEDIALIB_IS_STORE (store));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));

  if (store == NULL)
    {
      launch (widget, asset, show_in_files);
      return;
    }

  call = g_new0 (LaunchCall, 1);
  call->widget = g_object_ref (widget);
  call->asset = g_object_ref (asset);
  call->show_in_files = show_in_files;
  medialib_store_ensure_file_async (store, asset, NULL, on_launch_file_here_cb, call);
}
