/* medialib-window-backup.c — the window's side of checking, backing up and restoring
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "medialib-window-private.h"

/*
 * Once the first screen is shown, the library is checked, swept and (daily) backed up on a
 * worker thread (medialib_store_maintain_async). A damaged database raises a banner that
 * offers the latest backup; a library that could not be opened because its database is
 * damaged offers it on the error page. Restoring closes the library, puts the backup in
 * place, opens it again and imports once more the files that were added after the backup.
 */

#define RESTORE_WAIT_MS  5000
#define RESTORE_RETRY_MS 100

/* Calls FUNC with the newest backup of the window's library (or NULL) once the backups are
 * listed on a worker thread; not when the window goes first */
typedef void (*LatestFunc) (MedialibWindow *self,
                            MedialibBackup *latest,
                            gpointer        data);

typedef struct
{
  MedialibWindow *self;
  LatestFunc      func;
  gpointer        data;
  GDestroyNotify  destroy;
} LatestCall;

static void
on_latest_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LatestCall *call = user_data;
  g_autoptr(GPtrArray) backups = medialib_store_list_backups_finish (result, NULL);

  if (backups != NULL)
    call->func (call->self, backups->len > 0 ? g_ptr_array_index (backups, 0) : NULL, call->data);

  if (call->destroy != NULL)
    call->destroy (call->data);
  g_object_unref (call->self);
  g_free (call);
}

static void
with_latest_backup (MedialibWindow *self,
                    LatestFunc      func,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  LatestCall *call;

  if (self->library_dir == NULL)
    {
      func (self, NULL, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  call = g_new0 (LatestCall, 1);
  call->self = g_object_ref (self);
  call->func = func;
  call->data = data;
  call->destroy = destroy;
  medialib_store_list_backups_async (self->library_dir, self->cancellable, on_latest_listed_cb, call);
}

static void
show_damaged_banner (MedialibWindow *self,
                     MedialibBackup *latest,
                     gpointer        data)
{
  AdwBanner *banner = _medialib_window_ensure_banner (self, &self->damaged_banner);

  adw_banner_set_title (banner,
                        latest != NULL
                          ? _("The library database is damaged: restore the latest backup before adding anything")
                          : _("The library database is damaged and there is no backup: copy the library folder somewhere safe"));
  adw_banner_set_button_label (banner, latest != NULL ? _("_Restore Backup…") : NULL);
  adw_banner_set_revealed (banner, TRUE);
}

/* Older libraries' palettes computed: the search again, so that a colour filter finds them
 * and the details pane shows them */
static void
on_palettes_filled_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint filled = medialib_store_fill_palettes_finish (MEDIALIB_STORE (object), result, &error);

  if (filled > 0 && self->store == MEDIALIB_STORE (object))
    _medialib_window_schedule_refresh (self);
}

static void
on_maintained_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  if (medialib_store_maintain_finish (MEDIALIB_STORE (object), result, &backup, &error))
    {
      if (backup != NULL)
        g_debug ("Backed up the library to %s", backup);
      medialib_store_fill_palettes_async (MEDIALIB_STORE (object), self->cancellable,
                                          on_palettes_filled_cb, g_object_ref (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED))
    {
      g_warning ("%s", error->message);
      with_latest_backup (self, show_damaged_banner, NULL, NULL);
      return;
    }

  /* The daily backup failed (a full disk, say): say so, the library itself is fine */
  {
    g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"), error->message);
    AdwToast *toast = adw_toast_new (message);

    g_warning ("%s", message);
    adw_toast_set_timeout (toast, 0);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/**
 * _medialib_window_maintain:
 *
 * Checks, sweeps and backs up the library in the background, once per opening.
 */
void
_medialib_window_maintain (MedialibWindow *self)
{
  if (self->store == NULL || self->maintained)
    return;

  self->maintained = TRUE;
  medialib_store_maintain_async (self->store, self->cancellable, on_maintained_cb, g_object_ref (self));
  /* The likeness of an older library's images (medialib-window-similar.c) */
  _medialib_window_compute_phashes (self);
}

static void
show_error_page (MedialibWindow *self,
                 MedialibBackup *latest,
                 gpointer        data)
{
  const GError *error = data;
  g_autofree char *description = NULL;
  gboolean damaged = g_error_matches (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED);

  if (damaged && latest != NULL)
    {
      g_autofree char *when = medialib_backup_format_time (latest->time);

      /* Translators: %s says what is wrong, then the date of the backup */
      description = g_strdup_printf (_("%s\n\nThe latest backup is of %s. Restoring it brings back the library as it was then; the damaged database is kept in the library folder."),
                                     error->message, when);
    }
  else if (damaged)
    /* Translators: %s says what is wrong */
    description = g_strdup_printf (_("%s\n\nThere is no backup of this library. Copy the library folder somewhere safe before trying anything else."),
                                   error->message);
  else if (self->store != NULL)
    description = g_strdup (error->message);
  else if (_medialib_window_live_retry_open (self, error))
    /* Translators: %s says why the team library's server could not be reached */
    description = g_strdup_printf (_("%s\n\nThe library opens as soon as its server answers: trying again automatically."),
                                   error->message);
  else
    /* Translators: %s says why the library could not be opened */
    description = g_strdup_printf (_("%s\n\nCheck that the folder exists and that you can write to it."),
                                   error->message);

  _medialib_window_ensure_status_page (self, "error");
  adw_status_page_set_description (self->error_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), damaged && latest != NULL);
  _medialib_window_show_page (self, "error");
}

/**
 * _medialib_window_show_open_error:
 *
 * The error page for a library that could not be opened, offering the latest backup when
 * the reason is a damaged database.
 */
void
_medialib_window_show_open_error (MedialibWindow *self,
                                  const GError   *error)
{
  if (g_error_matches (error, MEDIALIB_STORE_ERROR, MEDIALIB_STORE_ERROR_DAMAGED))
    with_latest_backup (self, show_error_page, g_error_copy (error), (GDestroyNotify) g_error_free);
  else
    show_error_page (self, NULL, (gpointer) error);
}

/* --- Restoring ----------------------------------------------------------------------------- */

typedef struct
{
  MedialibWindow *self;
  char           *library_dir;
  char           *backup;
  char           *recovered;
  guint           n_recovered;
  gint64          give_up;       /* monotonic time */
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->self);
  g_free (restore->library_dir);
  g_free (restore->backup);
  g_free (restore->recovered);
  g_free (restore);
}

static void
restore_failed (Restore      *restore,
                const GError *error)
{
  MedialibWindow *self = restore->self;
  g_autofree char *text = g_strdup_printf (_("The backup could not be restored: %s"), error->message);

  self->restoring = FALSE;
  g_warning ("%s", text);
  /* Open whatever is there again, so that the window shows where things stand */
  _medialib_window_open_library (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  restore_free (restore);
}

static void
on_reopened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Restore *restore = user_data;
  MedialibWindow *self = restore->self;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  store = medialib_store_open_finish (result, &error);
  if (store == NULL)
    {
      restore_failed (restore, error);
      return;
    }

  self->restoring = FALSE;
  _medialib_window_set_store (self, store);

  if (restore->n_recovered > 0)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (restore->recovered);
      GFile *files[] = { folder };

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Backup restored; %u file added since is being imported again",
                                              "Backup restored; %u files added since are being imported again",
                                              restore->n_recovered),
                                 restore->n_recovered);
      _medialib_window_import_files (self, files, 1);
    }
  else
    message = g_strdup (_("Backup restored"));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  restore_free (restore);
}

static void restore_try (gpointer data);

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_restore_finish (result, NULL, &restore->recovered, &restore->n_recovered, &error))
    {
      /* The window has let go of the library, but a thumbnail or search still running may
       * hold it a moment longer */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) && g_get_monotonic_time () <= restore->give_up)
        g_timeout_add_once (RESTORE_RETRY_MS, restore_try, restore);
      else
        restore_failed (restore, error);
      return;
    }

  medialib_store_open_async (restore->library_dir, NULL, on_reopened_cb, restore);
}

static void
restore_try (gpointer data)
{
  Restore *restore = data;

  medialib_store_restore_async (restore->library_dir, restore->backup, NULL, on_restored_cb, restore);
}

static void
restore (MedialibWindow *self,
         const char     *backup)
{
  Restore *data;

  if (self->restoring || self->library_dir == NULL)
    return;

  self->restoring = TRUE;
  _medialib_window_hide_banner (self->damaged_banner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  /* Let go of the library: the restore needs it to itself */
  g_cancellable_cancel (self->search_cancellable);
  medialib_selection_set_model (self->selection, NULL);
  _medialib_window_set_details_store (self, NULL);
  g_clear_object (&self->thumbnails);
  _medialib_window_live_unwatch (self);
  g_clear_object (&self->store);

  data = g_new0 (Restore, 1);
  data->self = g_object_ref (self);
  data->library_dir = g_strdup (self->library_dir);
  data->backup = g_strdup (backup);
  data->give_up = g_get_monotonic_time () + RESTORE_WAIT_MS * 1000;
  restore_try (data);
}

static void
on_confirm_response_cb (AdwAlertDialog *dialog,
                        const char     *response,
                        MedialibWindow *self)
{
  if (g_str_equal (response, "restore"))
    restore (self, g_object_get_data (G_OBJECT (dialog), "backup"));
}

/* Asks before restoring the backup at PATH, made at TIME (NULL when unknown) */
static void
ask_to_restore (MedialibWindow *self,
                const char     *path,
                GDateTime      *time)
{
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  AdwDialog *dialog;

  when = time != NULL ? medialib_backup_format_time (time) : g_path_get_basename (path);
  /* Translators: %s is the date and time of the backup */
  body = g_strdup_printf (_("The library goes back to how it was on %s. Files added since are imported again, but their names, tags and teams are not kept. The current database is kept in the library folder."),
                          when);

  dialog = adw_alert_dialog_new (_("Restore Backup?"), body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "restore", _("_Restore"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
ask_to_restore_latest (MedialibWindow *self,
                       MedialibBackup *latest,
                       gpointer        data)
{
  if (latest != NULL)
    ask_to_restore (self, latest->path, latest->time);
}

typedef struct
{
  MedialibWindow *self;
  char           *path;
} AskCall;

static void
on_backup_info_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AskCall *call = user_data;
  g_autoptr(MedialibWindow) self = call->self;
  g_autofree char *path = call->path;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info != NULL)
    time = g_file_info_get_modification_date_time (info);
  ask_to_restore (self, path, time);
}

/* win.restore-backup(s): a backup's path, or "" for the latest; asks first */
static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = NULL;
  AskCall *call;

  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Wait for the import to finish, then restore the backup")));
      return;
    }

  if (path[0] == '\0')
    {
      with_latest_backup (self, ask_to_restore_latest, NULL, NULL);
      return;
    }

  call = g_new0 (AskCall, 1);
  call->self = g_object_ref (self);
  call->path = g_strdup (path);
  file = g_file_new_for_path (path);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->cancellable, on_backup_info_cb, call);
}

/* win.back-up-now */
static void
on_backed_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = medialib_store_backup_finish (MEDIALIB_STORE (object), result, &error);
  g_autofree char *message = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now", TRUE);
  if (path == NULL)
    message = g_strdup_printf (_("The backup failed: %s"), error->message);
  else
    message = g_strdup (_("Library backed up"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  g_signal_emit_by_name (self, "backups-changed");
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  if (self->store == NULL)
    return;

  gtk_widget_action_set_enabled (widget, "win.back-up-now", FALSE);
  medialib_store_backup_async (self->store, NULL, on_backed_up_cb, g_object_ref (self));
}

void
_medialib_window_backup_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.restore-backup", "s", restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.back-up-now", NULL, back_up_now_action);

  /* Emitted when a backup was made from the window, for the preferences' list */
  g_signal_new ("backups-changed", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}
