/* medialib-alt-editor.c — an image's alt text in the details pane, with suggestions
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-alt-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-ai-client.h"
#include "medialib-alt-editor.h"
#include "medialib-application.h"
#include "medialib-secret.h"
#include "medialib-settings.h"

/*
 * A text view with a character count and Save; "Suggest" asks the AI server's vision model
 * (medialib_ai_client_suggest_async()) about the image's 512-pixel thumbnail. Enter saves. The suggestion
 * is shown under the text: "Use This Text" saves it as the alt text, which stays editable;
 * each suggested tag is a chip that adds it. The editor changes nothing itself: it emits
 * ::alt-changed and ::tag-accepted, which the pane applies on a worker (medialib_store_edit_async()).
 *
 * The request runs: the thumbnail made again if the cache lost it → its bytes read → the
 * key from the keyring → the request; Suggest again (then labelled Cancel), another asset or
 * Dismiss cancels it.
 */

struct _MedialibAltEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkButton         *suggest_button;
  AdwButtonContent  *suggest_content;
  GtkTextView       *text_view;
  GtkLabel          *count_label;
  GtkButton         *save_button;
  GtkButton         *revert_button;
  GtkBox            *suggestion_box;
  GtkLabel          *suggestion_heading;
  AdwSpinner        *spinner;
  GtkLabel          *suggestion_label;
  GtkFlowBox        *tag_chips;
  GtkBox            *suggestion_buttons;

  /* Owned references */
  MedialibStore     *store;
  MedialibAsset     *asset;
  char              *stored;      /* the asset's alt text, "" when none */
  GCancellable      *suggesting;  /* the request under way */
  MedialibAiSuggestion *suggestion;
};

G_DEFINE_FINAL_TYPE (MedialibAltEditor, medialib_alt_editor, ADW_TYPE_BIN)

enum {
  ALT_CHANGED,
  TAG_ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
medialib_alt_editor_dup_text (MedialibAltEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (MEDIALIB_IS_ALT_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
medialib_alt_editor_set_text (MedialibAltEditor *self,
                              const char        *text)
{
  g_return_if_fail (MEDIALIB_IS_ALT_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

gboolean
medialib_alt_editor_is_suggesting (MedialibAltEditor *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ALT_EDITOR (self), FALSE);

  return self->suggesting != NULL;
}

/* The count under the text, Save and Revert as the text differs from what is stored */
static void
on_buffer_changed_cb (MedialibAltEditor *self)
{
  g_autofree char *text = medialib_alt_editor_dup_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  glong length = g_utf8_strlen (stripped, -1);
  gboolean changed = g_strcmp0 (stripped, self->stored) != 0;
  g_autofree char *count = NULL;

  g_assert (MEDIALIB_IS_ALT_EDITOR (self));

  /* Translators: characters of alt text typed, and the most allowed */
  count = g_strdup_printf (_("%ld / %d characters"), length, MEDIALIB_ALT_MAX);
  gtk_label_set_text (self->count_label, count);
  if (length > MEDIALIB_ALT_MAX)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->save_button), changed && self->asset != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->revert_button), changed && self->asset != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alt.save", changed && length <= MEDIALIB_ALT_MAX);
}

/* --- Suggestions -------------------------------------------------------------------------------- */

static void
update_suggest_button (MedialibAltEditor *self)
{
  g_assert (MEDIALIB_IS_ALT_EDITOR (self));

  adw_button_content_set_label (self->suggest_content, self->suggesting ? _("_Cancel") : _("_Suggest"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->suggesting != NULL);
}

static void
clear_suggestion (MedialibAltEditor *self)
{
  GtkWidget *child;

  g_assert (MEDIALIB_IS_ALT_EDITOR (self));

  g_cancellable_cancel (self->suggesting);
  g_clear_object (&self->suggesting);
  g_clear_pointer (&self->suggestion, medialib_ai_suggestion_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_chips))) != NULL)
    gtk_flow_box_remove (self->tag_chips, child);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_box), FALSE);
  update_suggest_button (self);
}

/* The suggestion's text, heading or error, under the alt text */
static void
show_state (MedialibAltEditor *self,
            const char        *heading,
            const char        *text,
            gboolean           is_error)
{
  g_assert (MEDIALIB_IS_ALT_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_box), TRUE);
  gtk_label_set_text (self->suggestion_heading, heading);
  gtk_label_set_text (self->suggestion_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->suggestion_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->suggestion_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_buttons), self->suggestion != NULL);
}

static void
on_chip_clicked_cb (GtkButton         *button,
                    MedialibAltEditor *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");
  GtkWidget *child = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD);

  g_signal_emit (self, signals[TAG_ACCEPTED], 0, tag);
  gtk_flow_box_remove (self->tag_chips, child);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_chips),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tag_chips)) != NULL);
}

static gboolean
has_tag (MedialibAsset *asset,
         const char    *tag)
{
  const char * const *tags = medialib_asset_get_tags (asset);
  g_autofree char *key = g_utf8_casefold (tag, -1);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (tags[i], -1);

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

/* A chip per suggested tag the image does not have yet: clicking it adds the tag */
static void
show_tags (MedialibAltEditor *self)
{
  g_assert (MEDIALIB_IS_ALT_EDITOR (self));

  for (guint i = 0; self->suggestion->tags[i] != NULL; i++)
    {
      const char *tag = self->suggestion->tags[i];
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button;

      if (self->asset != NULL && has_tag (self->asset, tag))
        continue;

      /* Translators: a suggested tag, on a button that adds it */
      label = g_strdup_printf (_("+ %s"), tag);
      /* Translators: %s is a suggested tag */
      tooltip = g_strdup_printf (_("Add the tag “%s”"), tag);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (button, "suggested-tag");
      g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self, G_CONNECT_DEFAULT);
      gtk_flow_box_append (self->tag_chips, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tag_chips),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tag_chips)) != NULL);
}

/* Each step of a request holds the editor and the cancellable of its request */
typedef struct
{
  MedialibAltEditor *self;
  GCancellable      *cancellable;
  GBytes            *image;
} SuggestCall;

static void
suggest_call_free (SuggestCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_clear_pointer (&call->image, g_bytes_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuggestCall, suggest_call_free)

/* FALSE when the call's request was cancelled or replaced: then nothing is shown */
static gboolean
call_is_current (SuggestCall *call)
{
  return call->self->suggesting == call->cancellable && !g_cancellable_is_cancelled (call->cancellable);
}

static void
fail (SuggestCall *call,
      GError      *error)
{
  MedialibAltEditor *self = call->self;

  g_clear_object (&self->suggesting);
  update_suggest_button (self);
  show_state (self, _("No Suggestion"), error->message, TRUE);
}

static void
on_suggested_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SuggestCall) call = user_data;
  MedialibAltEditor *self = call->self;
  g_autoptr(GError) error = NULL;
  MedialibAiSuggestion *suggestion;

  suggestion = medialib_ai_client_suggest_finish (MEDIALIB_AI_CLIENT (object), result, &error);
  if (!call_is_current (call))
    {
      medialib_ai_suggestion_free (suggestion);
      return;
    }
  if (suggestion == NULL)
    {
      fail (call, error);
      return;
    }

  g_clear_object (&self->suggesting);
  self->suggestion = suggestion;
  update_suggest_button (self);
  show_state (self, _("Suggested Alt Text"), suggestion->alt, FALSE);
  show_tags (self);
}

static void
on_key_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SuggestCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(MedialibAiClient) client = NULL;
  GCancellable *cancellable = call->cancellable;
  GBytes *image = call->image;

  /* No keyring (or no key): local servers often need none; the server will say */
  key = medialib_secret_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("No key from the keyring: %s", error->message);
  if (g_getenv ("MEDIALIB_AI_API_KEY") != NULL)
    g_set_str (&key, g_getenv ("MEDIALIB_AI_API_KEY"));

  if (!call_is_current (call))
    return;

  client = medialib_ai_client_new_from_settings (key);
  medialib_ai_client_suggest_async (client, image, "image/png", NULL, cancellable, on_suggested_cb,
                                    g_steal_pointer (&call));
}

static void
on_thumbnail_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SuggestCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base_url = NULL;
  GCancellable *cancellable;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (call_is_current (call))
        fail (call, error);
      return;
    }
  if (!call_is_current (call))
    return;

  call->image = g_bytes_new_take (g_steal_pointer (&contents), length);
  base_url = medialib_settings_dup_ai_base_url ();
  cancellable = call->cancellable;
  medialib_secret_lookup_async (base_url, cancellable, on_key_cb, g_steal_pointer (&call));
}

static void
read_thumbnail (SuggestCall *call)
{
  g_autoptr(GFile) file = g_file_new_for_path (medialib_asset_get_thumbnail_path (call->self->asset));

  g_file_load_contents_async (file, call->cancellable, on_thumbnail_read_cb, call);
}

static void
on_thumbnail_here_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SuggestCall) call = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_ensure_thumbnail_finish (MEDIALIB_STORE (object), result, &error))
    {
      if (call_is_current (call))
        fail (call, error);
      return;
    }
  if (call_is_current (call))
    read_thumbnail (g_steal_pointer (&call));
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MedialibAltEditor *self = MEDIALIB_ALT_EDITOR (widget);
  g_autofree char *model = NULL;
  g_autofree char *heading = NULL;
  SuggestCall *call;

  /* Suggest again while it runs: Cancel */
  if (self->suggesting != NULL)
    {
      clear_suggestion (self);
      return;
    }

  if (self->asset == NULL || medialib_asset_get_thumbnail_path (self->asset) == NULL)
    return;

  clear_suggestion (self);
  self->suggesting = g_cancellable_new ();
  update_suggest_button (self);
  model = medialib_settings_dup_ai_vision_model ();
  /* Translators: %s is the name of an AI model */
  heading = g_strdup_printf (_("Asking %s…"), model);
  show_state (self, heading, NULL, FALSE);

  call = g_new0 (SuggestCall, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->suggesting);
  if (self->store != NULL)
    medialib_store_ensure_thumbnail_async (self->store, self->asset, call->cancellable,
                                           on_thumbnail_here_cb, call);
  else
    read_thumbnail (call);
}

/* --- Editing ------------------------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MedialibAltEditor *self = MEDIALIB_ALT_EDITOR (widget);
  g_autofree char *text = medialib_alt_editor_dup_text (self);

  g_strstrip (text);
  if (self->asset == NULL || g_strcmp0 (text, self->stored) == 0 ||
      g_utf8_strlen (text, -1) > MEDIALIB_ALT_MAX)
    return;

  g_signal_emit (self, signals[ALT_CHANGED], 0, text);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MedialibAltEditor *self = MEDIALIB_ALT_EDITOR (widget);

  medialib_alt_editor_set_text (self, self->stored);
}

/* The suggested text becomes the alt text (saved), which stays editable */
static void
use_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MedialibAltEditor *self = MEDIALIB_ALT_EDITOR (widget);

  if (self->suggestion == NULL)
    return;

  medialib_alt_editor_set_text (self, self->suggestion->alt);
  save_action (widget, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_buttons), FALSE);
  gtk_label_set_text (self->suggestion_heading, _("Suggested Alt Text (Used)"));
  if (gtk_widget_get_first_child (GTK_WIDGET (self->tag_chips)) == NULL)
    clear_suggestion (self);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  clear_suggestion (MEDIALIB_ALT_EDITOR (widget));
}

/* Enter saves: alt text is one paragraph, the text view only wraps it */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   MedialibAltEditor     *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "alt.save", NULL);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

void
medialib_alt_editor_set_store (MedialibAltEditor *self,
                               MedialibStore     *store)
{
  g_return_if_fail (MEDIALIB_IS_ALT_EDITOR (self));

  g_set_object (&self->store, store);
}

/**
 * medialib_alt_editor_set_asset:
 *
 * Shows @asset's alt text. The same asset again (after a save, or a colleague's change)
 * keeps what is being typed; another asset drops the suggestion.
 */
void
medialib_alt_editor_set_asset (MedialibAltEditor *self,
                               MedialibAsset     *asset)
{
  g_autofree char *typed = NULL;
  const char *alt;
  gboolean same, dirty;

  g_return_if_fail (MEDIALIB_IS_ALT_EDITOR (self));

  same = self->asset != NULL && asset != NULL && medialib_asset_get_id (self->asset) == medialib_asset_get_id (asset);
  typed = g_strstrip (medialib_alt_editor_dup_text (self));
  dirty = same && g_strcmp0 (typed, self->stored) != 0;
  alt = asset != NULL && medialib_asset_get_alt (asset) != NULL ? medialib_asset_get_alt (asset) : "";

  if (!same)
    clear_suggestion (self);
  g_set_object (&self->asset, asset);
  g_free (self->stored);
  self->stored = g_strdup (alt);

  if (!dirty)
    medialib_alt_editor_set_text (self, alt);
  else
    on_buffer_changed_cb (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alt.suggest",
                                 asset != NULL && medialib_asset_get_thumbnail_path (asset) != NULL);
}

static void
medialib_alt_editor_dispose (GObject *object)
{
  MedialibAltEditor *self = MEDIALIB_ALT_EDITOR (object);

  /* The request's callbacks hold the editor: none is under way once it is disposed */
  g_cancellable_cancel (self->suggesting);
  g_clear_object (&self->suggesting);
  g_clear_pointer (&self->suggestion, medialib_ai_suggestion_free);
  g_clear_object (&self->asset);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stored, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_ALT_EDITOR);

  G_OBJECT_CLASS (medialib_alt_editor_parent_class)->dispose (object);
}

static void
medialib_alt_editor_class_init (MedialibAltEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medialib_alt_editor_dispose;

  /**
   * MedialibAltEditor::alt-changed:
   * @text: the new alt text, "" to remove it
   */
  signals[ALT_CHANGED] =
    g_signal_new ("alt-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MedialibAltEditor::tag-accepted:
   * @tag: a suggested tag to add to the image
   */
  signals[TAG_ACCEPTED] =
    g_signal_new ("tag-accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-alt-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggest_content);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, revert_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggestion_heading);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, tag_chips);
  gtk_widget_class_bind_template_child (widget_class, MedialibAltEditor, suggestion_buttons);

  gtk_widget_class_install_action (widget_class, "alt.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "alt.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "alt.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "alt.use", NULL, use_action);
  gtk_widget_class_install_action (widget_class, "alt.dismiss", NULL, dismiss_action);
}

static void
medialib_alt_editor_init (MedialibAltEditor *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stored = g_strdup ("");

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_DEFAULT);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alt.suggest", FALSE);
  on_buffer_changed_cb (self);
}
