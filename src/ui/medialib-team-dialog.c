/* medialib-team-dialog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-team-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-pg.h"
#include "medialib-team-connect.h"
#include "medialib-team-dialog.h"

/*
 * The servers of a team library, as a designer fills them in: the database's host, port,
 * name, user and password; the object store's endpoint, bucket, region, public address,
 * keys and, for a store whose certificate comes from a company's own authority, that
 * authority's file (a GtkFileDialog chooses it; team.ini keeps it as ca-file=). "Test Connection" asks the servers on a worker thread (medialib_team_test_async())
 * and says in the banner what failed, or that it works; "Connect" does what
 * `medialib team connect` does (medialib_team_connect_async()): tables and bucket created or
 * joined, the credentials kept in the keyring, team.ini written in the app's folder for
 * these servers, then ::connected gives that folder to the window. Whatever fails keeps the
 * dialog open with the reason, and nothing is written. The password and the secret key
 * stay in the password rows and the keyring: never in a file, a setting or a message.
 */

struct _MedialibTeamDialog
{
  AdwDialog            parent_instance;

  /* Template widgets */
  GtkRevealer         *banner;
  GtkLabel            *banner_label;
  AdwEntryRow         *host_row;
  AdwEntryRow         *port_row;
  AdwEntryRow         *dbname_row;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *endpoint_row;
  AdwEntryRow         *bucket_row;
  AdwEntryRow         *region_row;
  AdwEntryRow         *public_url_row;
  AdwEntryRow         *access_key_row;
  AdwPasswordEntryRow *secret_key_row;
  AdwActionRow        *ca_row;
  GtkButton           *ca_choose_button;
  GtkButton           *ca_clear_button;
  AdwSpinner          *spinner;
  GtkButton           *test_button;
  GtkButton           *connect_button;

  /* Owned references */
  GCancellable        *cancellable;   /* the test or connection running, if any */
  GCancellable        *ca_cancellable; /* the certificate authority's file dialog, if open */
  char                *given_database; /* the connection string given, kept when its fields are */
  char                *ca_file;        /* the certificate authority's file, or %NULL: the system's */
  guint                url_expiry;
};

G_DEFINE_FINAL_TYPE (MedialibTeamDialog, medialib_team_dialog, ADW_TYPE_DIALOG)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* What the banner says, and what a screen reader hears at once */
static void
say (MedialibTeamDialog *self,
     const char         *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  gtk_accessible_announce (GTK_ACCESSIBLE (self), text, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH);
}

static void
set_busy (MedialibTeamDialog *self,
          gboolean            busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  if (busy)
    gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
on_row_changed_cb (MedialibTeamDialog *self,
                   GtkEditable        *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
require (MedialibTeamDialog *self,
         AdwEntryRow        *row,
         gboolean            missing_before)
{
  g_autofree char *text = row_text (row);

  if (text != NULL)
    return missing_before;

  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (!missing_before)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/* The servers as filled in, or %NULL (and the banner says what is missing) */
static MedialibTeamConfig *
dup_config (MedialibTeamDialog *self)
{
  g_autoptr(MedialibTeamConfig) config = g_new0 (MedialibTeamConfig, 1);
  g_autofree char *host = row_text (self->host_row);
  g_autofree char *port = row_text (self->port_row);
  g_autofree char *dbname = row_text (self->dbname_row);
  g_autofree char *user = row_text (self->user_row);
  g_autofree char *given_host = NULL, *given_port = NULL, *given_dbname = NULL, *given_user = NULL;
  gboolean missing = FALSE;

  missing = require (self, self->host_row, missing);
  missing = require (self, self->dbname_row, missing);
  missing = require (self, self->user_row, missing);
  missing = require (self, self->endpoint_row, missing);
  missing = require (self, self->bucket_row, missing);
  if (missing)
    {
      say (self, _("Fill in the host, the database name, the user name, the endpoint and the bucket"));
      return NULL;
    }

  /* A connection string given (from team.ini) stays as it was, with its own options, as
   * long as its fields are unchanged */
  if (self->given_database != NULL &&
      medialib_team_conninfo_parse (self->given_database, &given_host, &given_port, &given_dbname, &given_user) &&
      g_strcmp0 (host, given_host) == 0 && g_strcmp0 (dbname, given_dbname) == 0 &&
      g_strcmp0 (user, given_user) == 0 &&
      g_strcmp0 (port, given_port != NULL ? given_port : "5432") == 0)
    config->database = g_strdup (self->given_database);
  else
    config->database = medialib_team_conninfo_new (host, port, dbname, user);

  config->endpoint = row_text (self->endpoint_row);
  config->bucket = row_text (self->bucket_row);
  config->region = row_text (self->region_row);
  config->public_url = row_text (self->public_url_row);
  config->url_expiry = self->url_expiry;
  config->ca_file = g_strdup (self->ca_file);

  return g_steal_pointer (&config);
}

static MedialibTeamSecrets *
dup_secrets (MedialibTeamDialog *self)
{
  MedialibTeamSecrets *secrets = g_new0 (MedialibTeamSecrets, 1);

  secrets->database_password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  secrets->access_key_id = row_text (self->access_key_row);
  secrets->secret_access_key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_key_row)));

  return secrets;
}

/* The certificate authority's row shows the file's name, or that the system's are used */
static void
set_ca_file (MedialibTeamDialog *self,
             const char         *path)
{
  g_assert (MEDIALIB_IS_TEAM_DIALOG (self));

  g_set_str (&self->ca_file, path != NULL && path[0] != '\0' ? path : NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->ca_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), self->ca_file != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ca_row), self->ca_file);
  if (self->ca_file != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->ca_file);
      g_autofree char *display = g_filename_display_name (name);

      adw_action_row_set_subtitle (self->ca_row, display);
    }
  else
    adw_action_row_set_subtitle (self->ca_row, _("System certificates"));
}

static void
on_ca_chosen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibTeamDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->ca_cancellable);
  if (file == NULL)
    {
      /* Dismissed, or the dialog went away while it was open */
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
          !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not choose a certificate authority: %s", error->message);
      return;
    }

  if (!(path = g_file_get_path (file)))
    {
      say (self, _("The certificate authority’s file must be on this computer"));
      return;
    }

  set_ca_file (self, path);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->ca_choose_button));
}

static void
on_ca_choose_clicked_cb (MedialibTeamDialog *self,
                         GtkButton          *button)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) pem = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  GtkRoot *root;

  if (self->ca_cancellable != NULL)
    return;

  pem = gtk_file_filter_new ();
  gtk_file_filter_set_name (pem, _("Certificates (PEM)"));
  gtk_file_filter_add_suffix (pem, "pem");
  gtk_file_filter_add_suffix (pem, "crt");
  gtk_file_filter_add_suffix (pem, "cer");
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_list_store_append (filters, pem);
  g_list_store_append (filters, all);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Certificate Authority"));
  gtk_file_dialog_set_accept_label (dialog, _("_Choose"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, pem);
  if (self->ca_file != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (self->ca_file);

      gtk_file_dialog_set_initial_file (dialog, current);
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->ca_cancellable = g_cancellable_new ();
  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ca_cancellable,
                        on_ca_chosen_cb, g_object_ref (self));
}

static void
on_ca_clear_clicked_cb (MedialibTeamDialog *self,
                        GtkButton          *button)
{
  set_ca_file (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->ca_choose_button));
}

/* Puts the keyboard on the row to correct, for the errors that name one */
static void
focus_culprit (MedialibTeamDialog *self,
               const GError       *error)
{
  GtkWidget *row = NULL;

  if (g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION))
    row = GTK_WIDGET (self->password_row);
  else if (g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE))
    row = GTK_WIDGET (self->host_row);
  else if (g_error_matches (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_DATABASE_MISSING))
    row = GTK_WIDGET (self->dbname_row);
  else if (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CREDENTIALS))
    row = GTK_WIDGET (self->secret_key_row);
  else if (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_UNREACHABLE))
    row = GTK_WIDGET (self->endpoint_row);
  else if (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_NO_SUCH_BUCKET))
    row = GTK_WIDGET (self->bucket_row);
  else if (g_error_matches (error, MEDIALIB_S3_ERROR, MEDIALIB_S3_ERROR_CERTIFICATE))
    {
      /* The keyboard on the button that chooses the authority's file */
      gtk_widget_add_css_class (GTK_WIDGET (self->ca_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->ca_choose_button));
      return;
    }

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* The test or the connection ended */
static void
on_test_done (MedialibTeamDialog *self)
{
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
}

static void on_connected_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
on_tested_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibTeamDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_team_test_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      on_test_done (self);
      say (self, error->message);
      focus_culprit (self, error);
      return;
    }

  on_test_done (self);
  say (self, _("The connection works: the database and the bucket accept these credentials"));
}

static void
start (MedialibTeamDialog  *self,
       gboolean             connect)
{
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(MedialibTeamSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || !(config = dup_config (self)))
    return;

  if (!medialib_team_config_check (config, &error))
    {
      say (self, error->message);
      return;
    }

  secrets = dup_secrets (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  if (connect)
    medialib_team_connect_async (config, secrets, self->cancellable, on_connected_cb, g_object_ref (self));
  else
    medialib_team_test_async (config, secrets, self->cancellable, on_tested_cb, g_object_ref (self));
}

static void
on_test_clicked_cb (MedialibTeamDialog *self,
                    GtkButton          *button)
{
  start (self, FALSE);
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibTeamDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = medialib_team_connect_finish (result, &error);

  if (dir == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      on_test_done (self);
      say (self, error->message);
      focus_culprit (self, error);
      return;
    }

  on_test_done (self);
  g_signal_emit (self, signals[CONNECTED], 0, dir);
  adw_dialog_force_close (ADW_DIALOG (self));
}

static void
on_connect_clicked_cb (MedialibTeamDialog *self,
                       GtkButton          *button)
{
  start (self, TRUE);
}

static void
on_closed_cb (MedialibTeamDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->ca_cancellable);
}

/**
 * medialib_team_dialog_set_config:
 * @config: (nullable): the servers to fill in, from a team library's team.ini
 * @message: (nullable): why the dialog asks, shown in its banner
 *
 * Fills the dialog in again for a team library whose credentials are missing or refused:
 * everything but the password and the keys, which the person types again.
 */
void
medialib_team_dialog_set_config (MedialibTeamDialog       *self,
                                 const MedialibTeamConfig *config,
                                 const char               *message)
{
  g_return_if_fail (MEDIALIB_IS_TEAM_DIALOG (self));

  if (config != NULL)
    {
      g_autofree char *host = NULL, *port = NULL, *dbname = NULL, *user = NULL;

      if (config->database != NULL &&
          medialib_team_conninfo_parse (config->database, &host, &port, &dbname, &user))
        {
          g_set_str (&self->given_database, config->database);
          gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
          gtk_editable_set_text (GTK_EDITABLE (self->port_row), port ? port : "5432");
          gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), dbname ? dbname : "");
          gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
        }
      gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), config->endpoint ? config->endpoint : "");
      gtk_editable_set_text (GTK_EDITABLE (self->bucket_row), config->bucket ? config->bucket : "");
      gtk_editable_set_text (GTK_EDITABLE (self->region_row), config->region ? config->region : "");
      gtk_editable_set_text (GTK_EDITABLE (self->public_url_row), config->public_url ? config->public_url : "");
      self->url_expiry = config->url_expiry;
      set_ca_file (self, config->ca_file);
      adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->password_row));
    }

  if (message != NULL)
    say (self, message);
}

static void
medialib_team_dialog_dispose (GObject *object)
{
  MedialibTeamDialog *self = MEDIALIB_TEAM_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->ca_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_TEAM_DIALOG);

  G_OBJECT_CLASS (medialib_team_dialog_parent_class)->dispose (object);
}

static void
medialib_team_dialog_finalize (GObject *object)
{
  MedialibTeamDialog *self = MEDIALIB_TEAM_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->ca_cancellable);
  g_clear_pointer (&self->given_database, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (medialib_team_dialog_parent_class)->finalize (object);
}

static void
medialib_team_dialog_class_init (MedialibTeamDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_team_dialog_dispose;
  object_class->finalize = medialib_team_dialog_finalize;

  /**
   * MedialibTeamDialog::connected:
   * @library_dir: the team library's folder, ready to open
   *
   * The servers accepted the credentials, which are in the keyring, and the folder is
   * connected to them.
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-team-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, bucket_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, public_url_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, secret_key_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, ca_choose_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibTeamDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_clear_clicked_cb);
}

static void
medialib_team_dialog_init (MedialibTeamDialog *self)
{
  self->url_expiry = MEDIALIB_TEAM_DEFAULT_URL_EXPIRY;
  gtk_widget_init_template (GTK_WIDGET (self));
}

MedialibTeamDialog *
medialib_team_dialog_new (void)
{
  return g_object_new (MEDIALIB_TYPE_TEAM_DIALOG, NULL);
}
