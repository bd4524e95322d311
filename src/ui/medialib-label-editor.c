/* medialib-label-editor.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-label-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-label-editor.h"
#include "medialib-label.h"

#define MAX_SUGGESTIONS 6

struct _MedialibLabelEditor
{
  AdwBin        parent_instance;

  /* Template widgets */
  GtkLabel     *heading;
  GtkFlowBox   *chips;
  AdwEntryRow  *entry;
  GtkButton    *add_button;
  GtkPopover   *popover;
  GtkListBox   *suggestion_list;

  /* Owned */
  char         *title;
  char         *placeholder;
  char        **labels;
  char        **suggestions;
};

G_DEFINE_FINAL_TYPE (MedialibLabelEditor, medialib_label_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ENTRY_TITLE,
  N_PROPS
};

enum {
  LABEL_ADDED,
  LABEL_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_chip_remove_clicked_cb (GtkButton           *button,
                           MedialibLabelEditor *self)
{
  const char *label;

  g_assert (GTK_IS_BUTTON (button));
  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));

  label = g_object_get_data (G_OBJECT (button), "label");
  g_signal_emit (self, signals[LABEL_REMOVED], 0, label);
}

static GtkWidget *
make_chip (MedialibLabelEditor *self,
           const char          *label)
{
  GtkWidget *box, *text, *remove;
  g_autofree char *tooltip = NULL;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (label != NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  text = gtk_label_new (label);
  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: %s is a tag or team name */
  tooltip = g_strdup_printf (_("Remove “%s”"), label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 24);
  gtk_widget_add_css_class (box, "chip");
  gtk_widget_add_css_class (box, "removable");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (remove), "label", g_strdup (label), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), remove);

  return box;
}

void
medialib_label_editor_set_labels (MedialibLabelEditor *self,
                                  const char * const  *labels)
{
  g_return_if_fail (MEDIALIB_IS_LABEL_EDITOR (self));

  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **) labels);

  gtk_flow_box_remove_all (self->chips);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    gtk_flow_box_append (self->chips, make_chip (self, labels[i]));

  gtk_widget_set_visible (GTK_WIDGET (self->chips), labels != NULL && labels[0] != NULL);
}

void
medialib_label_editor_set_suggestions (MedialibLabelEditor *self,
                                       const char * const  *names)
{
  g_return_if_fail (MEDIALIB_IS_LABEL_EDITOR (self));

  g_strfreev (self->suggestions);
  self->suggestions = g_strdupv ((char **) names);
}

static gboolean
has_label (MedialibLabelEditor *self,
           const char          *key)
{
  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (key != NULL);

  for (guint i = 0; self->labels != NULL && self->labels[i] != NULL; i++)
    {
      g_autofree char *other = medialib_label_key (self->labels[i]);

      if (g_str_equal (other, key))
        return TRUE;
    }

  return FALSE;
}

static void
update_suggestions (MedialibLabelEditor *self)
{
  const char *text;
  g_autofree char *prefix = NULL;
  guint shown = 0;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gtk_list_box_remove_all (self->suggestion_list);

  if (text[0] != '\0' && self->suggestions != NULL)
    {
      prefix = medialib_label_key (text);

      for (guint i = 0; self->suggestions[i] != NULL && shown < MAX_SUGGESTIONS; i++)
        {
          g_autofree char *key = medialib_label_key (self->suggestions[i]);
          GtkWidget *row;

          if (!g_str_has_prefix (key, prefix) || has_label (self, key) || g_str_equal (key, prefix))
            continue;

          row = gtk_label_new (self->suggestions[i]);
          gtk_label_set_xalign (GTK_LABEL (row), 0);
          gtk_widget_set_margin_start (row, 6);
          gtk_widget_set_margin_end (row, 6);
          gtk_widget_set_margin_top (row, 6);
          gtk_widget_set_margin_bottom (row, 6);
          gtk_list_box_append (self->suggestion_list, row);
          shown++;
        }
    }

  if (shown > 0)
    gtk_popover_popup (self->popover);
  else
    gtk_popover_popdown (self->popover);
}

static void
add_label (MedialibLabelEditor *self,
           const char          *text)
{
  g_autofree char *label = NULL;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (text != NULL);

  label = g_strdup (text);
  gtk_popover_popdown (self->popover);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  if (g_strstrip (label)[0] != '\0')
    g_signal_emit (self, signals[LABEL_ADDED], 0, label);
}

static void
on_entry_apply_cb (MedialibLabelEditor *self,
                   AdwEntryRow         *entry)
{
  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (ADW_IS_ENTRY_ROW (entry));

  add_label (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_add_clicked_cb (MedialibLabelEditor *self,
                   GtkButton           *button)
{
  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (GTK_IS_BUTTON (button));

  add_label (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_entry_changed_cb (MedialibLabelEditor *self,
                     GtkEditable         *editable)
{
  g_autofree char *text = NULL;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (GTK_IS_EDITABLE (editable));

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), text[0] != '\0');
  update_suggestions (self);
}

static void
on_suggestion_activated_cb (MedialibLabelEditor *self,
                            GtkListBoxRow       *row,
                            GtkListBox          *list)
{
  GtkWidget *label;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));
  g_assert (GTK_IS_LIST_BOX_ROW (row));

  label = gtk_list_box_row_get_child (row);
  add_label (self, gtk_label_get_label (GTK_LABEL (label)));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static gboolean
on_entry_key_pressed_cb (MedialibLabelEditor   *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  g_assert (MEDIALIB_IS_LABEL_EDITOR (self));

  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      gtk_popover_popdown (self->popover);
      return GDK_EVENT_STOP;
    }

  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return GDK_EVENT_PROPAGATE;

  first = gtk_list_box_get_row_at_index (self->suggestion_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));

  return GDK_EVENT_STOP;
}

static void
medialib_label_editor_constructed (GObject *object)
{
  MedialibLabelEditor *self = MEDIALIB_LABEL_EDITOR (object);
  GtkEventController *keys = gtk_event_controller_key_new ();

  G_OBJECT_CLASS (medialib_label_editor_parent_class)->constructed (object);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

static void
medialib_label_editor_dispose (GObject *object)
{
  MedialibLabelEditor *self = MEDIALIB_LABEL_EDITOR (object);

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDIALIB_TYPE_LABEL_EDITOR);

  G_OBJECT_CLASS (medialib_label_editor_parent_class)->dispose (object);
}

static void
medialib_label_editor_finalize (GObject *object)
{
  MedialibLabelEditor *self = MEDIALIB_LABEL_EDITOR (object);

  g_strfreev (self->labels);
  g_strfreev (self->suggestions);

  G_OBJECT_CLASS (medialib_label_editor_parent_class)->finalize (object);
}

static void
medialib_label_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MedialibLabelEditor *self = MEDIALIB_LABEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_label (self->heading, g_value_get_string (value));
      break;

    case PROP_ENTRY_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), g_value_get_string (value));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_label_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MedialibLabelEditor *self = MEDIALIB_LABEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->heading));
      break;

    case PROP_ENTRY_TITLE:
      g_value_set_string (value, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->entry)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_label_editor_class_init (MedialibLabelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medialib_label_editor_constructed;
  object_class->dispose = medialib_label_editor_dispose;
  object_class->finalize = medialib_label_editor_finalize;
  object_class->get_property = medialib_label_editor_get_property;
  object_class->set_property = medialib_label_editor_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENTRY_TITLE] =
    g_param_spec_string ("entry-title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedialibLabelEditor::label-added:
   * @name: what was typed or picked, trimmed
   */
  signals[LABEL_ADDED] =
    g_signal_new ("label-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LABEL_REMOVED] =
    g_signal_new ("label-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-label-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, chips);
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, entry);
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, popover);
  gtk_widget_class_bind_template_child (widget_class, MedialibLabelEditor, suggestion_list);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);
}

static void
medialib_label_editor_init (MedialibLabelEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->entry));
}
