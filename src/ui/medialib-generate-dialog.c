/* medialib-generate-dialog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-generate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-generate-dialog.h"
#include "medialib-generation.h"
#include "medialib-secret.h"
#include "medialib-settings.h"
#include "medialib-team-config.h"
#include "medialib-texture-loader.h"

/*
 * "AI Image Generator": a description of up to 300 characters, four variant slots that
 * show a spinner and the time spent, then partial images while the server streams, then
 * the variants, each with a button that adds it to the library. Recent generations of the
 * library can be opened again while their variants are in the cache.
 */

typedef struct
{
  GtkWidget *picture;
  GtkWidget *waiting;
  GtkWidget *elapsed;
  GtkWidget *add_button;
  gboolean   added;
} Slot;

struct _MedialibGenerateDialog
{
  AdwDialog      parent_instance;

  /* Template widgets */
  GtkTextView   *prompt_view;
  GtkLabel      *counter_label;
  GtkLabel      *quota_label;
  GtkButton     *generate_button;
  GtkButton     *cancel_button;
  GtkLabel      *error_label;
  GtkButton     *preferences_button;
  GtkGrid       *slots_grid;
  GtkListBox    *recent_list;
  GtkWidget     *recent_group;

  /* Owned references */
  MedialibStore *store;
  GCancellable  *cancellable;     /* the dialog's lifetime */
  GCancellable  *generating;      /* the running generation */
  char         **tags;
  char         **teams;

  Slot           slots[MEDIALIB_AI_VARIANTS];
  gint64         generation;      /* shown in the slots, or 0 */
  gint64         started;         /* monotonic time, while generating */
  guint          tick;
  gboolean       quota_left;
};

G_DEFINE_FINAL_TYPE (MedialibGenerateDialog, medialib_generate_dialog, ADW_TYPE_DIALOG)

enum {
  VARIANT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RECENT_GENERATIONS 8

static void refresh_recent (MedialibGenerateDialog *self);

static char *
get_prompt (MedialibGenerateDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_sensitivity (MedialibGenerateDialog *self)
{
  g_autofree char *prompt = get_prompt (self);
  gboolean running = self->generating != NULL;

  /* A team library's quota is counted by its server: none while it is out of reach */
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button),
                            !running && self->quota_left && medialib_store_get_reachable (self->store) &&
                            medialib_ai_check_prompt (prompt, NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_text_view_set_editable (self->prompt_view, !running);
}

/* --- Quota ---------------------------------------------------------------------------------- */

static void
on_quota_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MedialibGenerateDialog) self = user_data;
  MedialibQuota quota = { 0 };
  g_autofree char *text = NULL;

  if (!medialib_store_get_quota_finish (MEDIALIB_STORE (object), result, &quota, NULL))
    return;

  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      guint left = quota.used < quota.limit ? quota.limit - quota.used : 0;

      /* A team library's generations are the company's, shared by every member */
      if (left > 0 && medialib_team_config_exists (medialib_store_get_dir (self->store)))
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u generation left today for the whole team",
                                             "%u of %u generations left today for the whole team", left),
                                left, quota.limit);
      else
        text = medialib_quota_describe (&quota);
      gtk_label_set_label (self->quota_label, text);
      self->quota_left = quota.limit == 0 || quota.used < quota.limit;
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button),
                                   self->quota_left ? NULL : text);
      update_sensitivity (self);
    }
  medialib_quota_clear (&quota);
}

static void
refresh_quota (MedialibGenerateDialog *self)
{
  medialib_store_get_quota_async (self->store, self->cancellable, on_quota_cb, g_object_ref (self));
}

/* Any member's generation (or this one's) changed the day's count */
static void
on_store_changed_cb (MedialibGenerateDialog *self,
                     MedialibChangeKind      kind,
                     GArray                 *ids,
                     MedialibStore          *store)
{
  if (kind == MEDIALIB_CHANGE_GENERATIONS || kind == MEDIALIB_CHANGE_RESYNC)
    refresh_quota (self);
}

/* --- Prompt --------------------------------------------------------------------------------- */

static void
on_prompt_changed_cb (MedialibGenerateDialog *self,
                      GtkTextBuffer          *buffer)
{
  int n = gtk_text_buffer_get_char_count (buffer);
  g_autofree char *text = g_strdup_printf ("%d / %d", n, MEDIALIB_AI_PROMPT_MAX_CHARS);

  gtk_label_set_label (self->counter_label, text);
  update_sensitivity (self);
}

/* At most 300 characters: what would go past them is not inserted. */
static void
on_prompt_insert_cb (GtkTextBuffer *buffer,
                     GtkTextIter   *location,
                     char          *text,
                     int            length,
                     gpointer       user_data)
{
  int have = gtk_text_buffer_get_char_count (buffer);
  glong adding = g_utf8_strlen (text, length);

  if (have + adding <= MEDIALIB_AI_PROMPT_MAX_CHARS)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");

  if (have < MEDIALIB_AI_PROMPT_MAX_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (text, MEDIALIB_AI_PROMPT_MAX_CHARS - have);
      g_autofree char *allowed = g_strndup (text, end - text);

      g_signal_handlers_block_by_func (buffer, on_prompt_insert_cb, user_data);
      gtk_text_buffer_insert (buffer, location, allowed, -1);
      g_signal_handlers_unblock_by_func (buffer, on_prompt_insert_cb, user_data);
    }

  gtk_widget_error_bell (GTK_WIDGET (user_data));
}

/* --- Slots ---------------------------------------------------------------------------------- */

static void
show_error (MedialibGenerateDialog *self,
            const GError           *error)
{
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preferences_button),
                          error != NULL && error->domain == MEDIALIB_AI_ERROR &&
                          (error->code == MEDIALIB_AI_ERROR_UNAUTHORIZED ||
                           error->code == MEDIALIB_AI_ERROR_CONNECTION ||
                           error->code == MEDIALIB_AI_ERROR_TLS));
}

static void
reset_slots (MedialibGenerateDialog *self,
             gboolean                waiting)
{
  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    {
      Slot *slot = &self->slots[i];

      gtk_picture_set_paintable (GTK_PICTURE (slot->picture), NULL);
      gtk_widget_set_visible (slot->waiting, waiting);
      gtk_widget_set_visible (slot->add_button, FALSE);
      gtk_button_set_icon_name (GTK_BUTTON (slot->add_button), "folder-download-symbolic");
      gtk_widget_set_sensitive (slot->add_button, TRUE);
      slot->added = FALSE;
    }
}

static gboolean
on_tick_cb (gpointer data)
{
  MedialibGenerateDialog *self = data;
  gint64 seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  /* Translators: minutes:seconds spent waiting for the images */
  g_autofree char *text = g_strdup_printf (_("%d:%02d · usually about a minute"),
                                           (int) (seconds / 60), (int) (seconds % 60));

  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    gtk_label_set_label (GTK_LABEL (self->slots[i].elapsed), text);

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  MedialibGenerateDialog *self;
  guint                   index;
  gboolean                final;
} TextureCall;

static void
on_texture_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree TextureCall *call = user_data;
  g_autoptr(MedialibGenerateDialog) self = call->self;
  g_autoptr(GdkTexture) texture = medialib_texture_load_finish (result, NULL);
  Slot *slot = &self->slots[call->index];

  if (texture == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* A late partial image must not cover the final one */
  if (!call->final && gtk_widget_get_visible (slot->add_button))
    return;

  gtk_picture_set_paintable (GTK_PICTURE (slot->picture), GDK_PAINTABLE (texture));
  if (call->final)
    {
      gtk_widget_set_visible (slot->waiting, FALSE);
      gtk_widget_set_visible (slot->add_button, TRUE);
    }
}

static void
on_partial_cb (guint     index,
               GBytes   *image,
               gpointer  user_data)
{
  MedialibGenerateDialog *self = user_data;
  TextureCall *call;

  if (index >= MEDIALIB_AI_VARIANTS)
    return;

  call = g_new0 (TextureCall, 1);
  call->self = g_object_ref (self);
  call->index = index;
  medialib_texture_load_bytes_async (image, self->cancellable, on_texture_cb, call);
}

static void
on_variant_path_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TextureCall *call = user_data;
  MedialibGenerateDialog *self = call->self;
  g_autofree char *path = medialib_store_dup_variant_path_finish (MEDIALIB_STORE (object), result, NULL);

  if (path == NULL)
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        gtk_widget_set_visible (self->slots[call->index].waiting, FALSE);
      g_object_unref (call->self);
      g_free (call);
      return;
    }

  medialib_texture_load_async (path, 0, MEDIALIB_TEXTURE_AS_STORED, self->cancellable, on_texture_cb, call);
}

static void
show_generation (MedialibGenerateDialog *self,
                 gint64                  generation)
{
  self->generation = generation;
  reset_slots (self, TRUE);

  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    {
      TextureCall *call = g_new0 (TextureCall, 1);

      call->self = g_object_ref (self);
      call->index = i;
      call->final = TRUE;
      medialib_store_dup_variant_path_async (self->store, generation, i + 1, self->cancellable,
                                             on_variant_path_cb, call);
    }
}

/* --- Generating ------------------------------------------------------------------------------- */

static void
stop_running (MedialibGenerateDialog *self)
{
  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_object (&self->generating);
  update_sensitivity (self);
}

static void
on_generated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedialibGenerateDialog) self = user_data;
  g_autoptr(MedialibGeneration) generation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reencoded = FALSE;

  generation = medialib_store_generate_finish (MEDIALIB_STORE (object), result, &reencoded, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  stop_running (self);

  if (generation == NULL)
    {
      reset_slots (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      refresh_quota (self);
      return;
    }

  if (reencoded)
    {
      g_autoptr(GError) note = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                    _("A variant was larger than 5 MB as a PNG: it was kept as a JPEG."));
      show_error (self, note);
    }

  show_generation (self, generation->id);
  refresh_quota (self);
  refresh_recent (self);
}

typedef struct
{
  MedialibGenerateDialog *self;
  char                   *prompt;
  char                   *base_url;
} KeyCall;

static void
on_key_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KeyCall *call = user_data;
  g_autoptr(MedialibGenerateDialog) self = call->self;
  g_autofree char *prompt = call->prompt;
  g_autofree char *base_url = call->base_url;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedialibAiClient) client = NULL;

  g_free (call);

  /* No keyring (or no key): local servers often need none; the server will say. */
  key = medialib_secret_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("No key from the keyring: %s", error->message);
  if (g_getenv ("MEDIALIB_AI_API_KEY") != NULL)
    g_set_str (&key, g_getenv ("MEDIALIB_AI_API_KEY"));

  if (self->generating == NULL || g_cancellable_is_cancelled (self->generating))
    {
      stop_running (self);
      reset_slots (self, FALSE);
      return;
    }

  client = medialib_ai_client_new_from_settings (key);
  medialib_store_generate_async (self->store, client, prompt, self->generating,
                                 on_partial_cb, self, on_generated_cb, g_object_ref (self));
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MedialibGenerateDialog *self = MEDIALIB_GENERATE_DIALOG (widget);
  g_autofree char *prompt = get_prompt (self);
  g_autoptr(GError) error = NULL;
  KeyCall *call;

  if (self->generating != NULL)
    return;

  if (!medialib_ai_check_prompt (prompt, &error))
    {
      show_error (self, error);
      return;
    }

  show_error (self, NULL);
  self->generating = g_cancellable_new ();
  self->generation = 0;
  self->started = g_get_monotonic_time ();
  reset_slots (self, TRUE);
  on_tick_cb (self);
  self->tick = g_timeout_add_seconds (1, on_tick_cb, self);
  update_sensitivity (self);

  call = g_new0 (KeyCall, 1);
  call->self = g_object_ref (self);
  call->prompt = g_steal_pointer (&prompt);
  call->base_url = medialib_settings_dup_ai_base_url ();
  medialib_secret_lookup_async (call->base_url, self->generating, on_key_cb, call);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibGenerateDialog *self = MEDIALIB_GENERATE_DIALOG (widget);

  g_cancellable_cancel (self->generating);
}

/* --- Adding ------------------------------------------------------------------------------------- */

typedef struct
{
  MedialibGenerateDialog *self;
  guint                   index;
} AddCall;

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree AddCall *call = user_data;
  g_autoptr(MedialibGenerateDialog) self = call->self;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  Slot *slot = &self->slots[call->index];

  asset = medialib_store_add_variant_finish (MEDIALIB_STORE (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (asset == NULL)
    {
      gtk_widget_set_sensitive (slot->add_button, TRUE);
      show_error (self, error);
      return;
    }

  slot->added = TRUE;
  gtk_button_set_icon_name (GTK_BUTTON (slot->add_button), "object-select-symbolic");
  gtk_widget_set_tooltip_text (slot->add_button, _("Added to the Media Library"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (slot->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Added to the Media Library"), -1);
  g_signal_emit (self, signals[VARIANT_ADDED], 0, asset);
}

static void
on_add_clicked_cb (GtkButton              *button,
                   MedialibGenerateDialog *self)
{
  AddCall *call;

  if (self->generation == 0)
    return;

  call = g_new0 (AddCall, 1);
  call->self = g_object_ref (self);
  call->index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  if (self->slots[call->index].added)
    {
      g_object_unref (call->self);
      g_free (call);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  medialib_store_add_variant_async (self->store, self->generation, call->index + 1,
                                    (const char * const *) self->tags,
                                    (const char * const *) self->teams,
                                    self->cancellable, on_added_cb, call);
}

/* Clicking a variant shows it larger. */
static void
on_variant_pressed_cb (GtkGestureClick        *gesture,
                       int                     n_press,
                       double                  x,
                       double                  y,
                       MedialibGenerateDialog *self)
{
  GtkWidget *picture = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
  AdwDialog *dialog;
  GtkWidget *view, *large;

  if (paintable == NULL)
    return;

  large = gtk_picture_new_for_paintable (paintable);
  gtk_picture_set_content_fit (GTK_PICTURE (large), GTK_CONTENT_FIT_CONTAIN);
  view = adw_toolbar_view_new ();
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), large);
  dialog = adw_dialog_new ();
  adw_dialog_set_title (dialog, _("Variant"));
  adw_dialog_set_content_width (dialog, 720);
  adw_dialog_set_content_height (dialog, 720);
  adw_dialog_set_child (dialog, view);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
build_slots (MedialibGenerateDialog *self)
{
  for (guint i = 0; i < MEDIALIB_AI_VARIANTS; i++)
    {
      Slot *slot = &self->slots[i];
      GtkWidget *overlay = gtk_overlay_new ();
      GtkWidget *spinner = adw_spinner_new ();
      GtkGesture *click = gtk_gesture_click_new ();
      /* Translators: %u is the number of a generated image, 1 to 4 */
      g_autofree char *label = g_strdup_printf (_("Variant %u"), i + 1);

      slot->picture = gtk_picture_new ();
      gtk_picture_set_content_fit (GTK_PICTURE (slot->picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_size_request (slot->picture, 240, 240);
      gtk_widget_add_css_class (slot->picture, "preview");
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (click, "released", G_CALLBACK (on_variant_pressed_cb), self);
      gtk_widget_add_controller (slot->picture, GTK_EVENT_CONTROLLER (click));
      gtk_widget_set_cursor_from_name (slot->picture, "zoom-in");
      gtk_overlay_set_child (GTK_OVERLAY (overlay), slot->picture);

      slot->waiting = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_halign (slot->waiting, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (slot->waiting, GTK_ALIGN_CENTER);
      gtk_widget_set_can_target (slot->waiting, FALSE);
      gtk_widget_set_size_request (spinner, 32, 32);
      slot->elapsed = gtk_label_new (NULL);
      gtk_widget_add_css_class (slot->elapsed, "dim-label");
      gtk_widget_add_css_class (slot->elapsed, "numeric");
      gtk_box_append (GTK_BOX (slot->waiting), spinner);
      gtk_box_append (GTK_BOX (slot->waiting), slot->elapsed);
      gtk_widget_set_visible (slot->waiting, FALSE);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), slot->waiting);

      slot->add_button = gtk_button_new_from_icon_name ("folder-download-symbolic");
      gtk_widget_set_halign (slot->add_button, GTK_ALIGN_END);
      gtk_widget_set_valign (slot->add_button, GTK_ALIGN_END);
      gtk_widget_set_margin_end (slot->add_button, 8);
      gtk_widget_set_margin_bottom (slot->add_button, 8);
      gtk_widget_add_css_class (slot->add_button, "circular");
      gtk_widget_add_css_class (slot->add_button, "osd");
      gtk_widget_set_tooltip_text (slot->add_button, _("Add to Media Library"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add to Media Library"), -1);
      g_object_set_data (G_OBJECT (slot->add_button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (slot->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
      gtk_widget_set_visible (slot->add_button, FALSE);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), slot->add_button);

      gtk_grid_attach (self->slots_grid, overlay, i % 2, i / 2, 1, 1);
    }
}

/* --- Recent generations --------------------------------------------------------------------- */

static void
on_recent_activated_cb (GtkListBox             *list,
                        GtkListBoxRow          *row,
                        MedialibGenerateDialog *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "generation");
  const char *prompt = g_object_get_data (G_OBJECT (row), "prompt");

  if (self->generating != NULL || id == NULL)
    return;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), prompt, -1);
  show_error (self, NULL);
  show_generation (self, *id);
}

static void
on_recent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedialibGenerateDialog) self = user_data;
  g_autoptr(GPtrArray) list = medialib_store_list_generations_finish (MEDIALIB_STORE (object), result, NULL);

  if (list == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  gtk_list_box_remove_all (self->recent_list);
  for (guint i = 0; i < list->len; i++)
    {
      MedialibGeneration *generation = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (generation->created);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, _("%x at %X"));
      g_autofree char *title = g_markup_escape_text (generation->prompt, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "generation", g_memdup2 (&generation->id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (row), "prompt", g_strdup (generation->prompt), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_group, list->len > 0);
}

static void
refresh_recent (MedialibGenerateDialog *self)
{
  medialib_store_list_generations_async (self->store, RECENT_GENERATIONS, self->cancellable,
                                         on_recent_cb, g_object_ref (self));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  adw_dialog_close (ADW_DIALOG (widget));
  if (root != NULL)
    gtk_widget_activate_action (GTK_WIDGET (root), "app.preferences", NULL);
}

/* --- Object ----------------------------------------------------------------------------------- */

static void
medialib_generate_dialog_dispose (GObject *object)
{
  MedialibGenerateDialog *self = MEDIALIB_GENERATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->generating);
  g_clear_handle_id (&self->tick, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_GENERATE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->generating);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->teams, g_strfreev);

  G_OBJECT_CLASS (medialib_generate_dialog_parent_class)->dispose (object);
}

static void
medialib_generate_dialog_class_init (MedialibGenerateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_generate_dialog_dispose;

  /**
   * MedialibGenerateDialog::variant-added:
   * @asset: the new asset
   */
  signals[VARIANT_ADDED] = g_signal_new ("variant-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, MEDIALIB_TYPE_ASSET);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-generate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, counter_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, quota_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, generate_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, slots_grid);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, MedialibGenerateDialog, recent_group);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated_cb);

  gtk_widget_class_install_action (widget_class, "generate.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "generate.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "generate.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "generate.generate", NULL);
}

static void
medialib_generate_dialog_init (MedialibGenerateDialog *self)
{
  GtkTextBuffer *buffer;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->prompt_view);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_prompt_insert_cb), self);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_prompt_changed_cb), self, G_CONNECT_SWAPPED);
  build_slots (self);
  on_prompt_changed_cb (self, buffer);
}

/**
 * medialib_generate_dialog_new:
 * @tags: (nullable): tags to give the variants that are added (the window's filter)
 * @teams: (nullable): teams to give them
 */
MedialibGenerateDialog *
medialib_generate_dialog_new (MedialibStore      *store,
                              const char * const *tags,
                              const char * const *teams)
{
  MedialibGenerateDialog *self;

  g_return_val_if_fail (MEDIALIB_IS_STORE (store), NULL);

  self = g_object_new (MEDIALIB_TYPE_GENERATE_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->tags = g_strdupv ((char **) tags);
  self->teams = g_strdupv ((char **) teams);
  self->quota_left = TRUE;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::reachable", G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  refresh_quota (self);
  refresh_recent (self);

  return self;
}

void
medialib_generate_dialog_set_prompt (MedialibGenerateDialog *self,
                                     const char             *prompt)
{
  g_return_if_fail (MEDIALIB_IS_GENERATE_DIALOG (self));
  g_return_if_fail (prompt != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), prompt, -1);
}
