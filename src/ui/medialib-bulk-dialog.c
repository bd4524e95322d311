/* medialib-bulk-dialog.c — the tags and teams of many selected assets, changed at once
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-bulk-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-bulk-dialog.h"

/*
 * Each tag and team of the selection is a row: its name, how many of the selected assets have
 * it ("3 of 5"), and a check box that is checked when all have it, unchecked when none has,
 * and mixed when some have. Clicking goes from mixed to all, to none, and back to mixed (as
 * it was). New tags and teams are typed in the entry rows, for all. Apply gives the window
 * the changes ("apply"), which it makes in one transaction with one Undo.
 */

typedef enum {
  STATE_NONE,
  STATE_SOME,
  STATE_ALL,
} LabelState;

typedef struct
{
  MedialibBulkDialog *self;
  MedialibLabelKind   kind;
  char               *name;
  guint               count;   /* how many of the selected assets have it */
  LabelState          state;   /* what Apply makes of it */
  AdwActionRow       *row;
  GtkCheckButton     *check;
  gboolean            updating;
} LabelRow;

struct _MedialibBulkDialog
{
  AdwDialog             parent_instance;

  GArray               *ids;       /* (element-type gint64) the selected assets */
  GPtrArray            *rows;      /* (element-type LabelRow) */
  AdwPreferencesGroup  *groups[2]; /* by MedialibLabelKind */
  GtkWidget            *apply_button;
};

G_DEFINE_FINAL_TYPE (MedialibBulkDialog, medialib_bulk_dialog, ADW_TYPE_DIALOG)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
label_row_free (LabelRow *row)
{
  g_free (row->name);
  g_free (row);
}

static LabelState
initial_state (LabelRow *row)
{
  guint n = row->self->ids->len;

  return row->count == 0 ? STATE_NONE : row->count == n ? STATE_ALL : STATE_SOME;
}

static gboolean
has_changes (MedialibBulkDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      LabelRow *row = g_ptr_array_index (self->rows, i);

      if (row->state != initial_state (row))
        return TRUE;
    }

  return FALSE;
}

/* "3 of 5", and what Apply will do */
static void
show_state (LabelRow *row)
{
  guint n = row->self->ids->len;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: how many of the selected items have a tag or team, e.g. "3 of 5" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u", "%u of %u", n), row->count, n);

  if (row->state == STATE_ALL && row->count < n)
    /* Translators: "3 of 5 · added to all on Apply" */
    subtitle = g_strdup_printf (_("%s · added to all on Apply"), count);
  else if (row->state == STATE_NONE && row->count > 0)
    /* Translators: "3 of 5 · removed from all on Apply" */
    subtitle = g_strdup_printf (_("%s · removed from all on Apply"), count);
  else
    subtitle = g_steal_pointer (&count);

  row->updating = TRUE;
  gtk_check_button_set_inconsistent (row->check, row->state == STATE_SOME);
  gtk_check_button_set_active (row->check, row->state == STATE_ALL);
  row->updating = FALSE;

  adw_action_row_set_subtitle (row->row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_widget_set_sensitive (row->self->apply_button, has_changes (row->self));
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     LabelRow       *row)
{
  if (row->updating)
    return;

  /* Mixed, all, none, mixed again; or all and none */
  switch (row->state)
    {
    case STATE_SOME:
      row->state = STATE_ALL;
      break;
    case STATE_ALL:
      row->state = STATE_NONE;
      break;
    case STATE_NONE:
    default:
      row->state = initial_state (row) == STATE_SOME ? STATE_SOME : STATE_ALL;
      break;
    }

  show_state (row);
}

static LabelRow *
find_row (MedialibBulkDialog *self,
          MedialibLabelKind   kind,
          const char         *name)
{
  g_autofree char *key = medialib_label_key (name);

  for (guint i = 0; i < self->rows->len; i++)
    {
      LabelRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *row_key = NULL;

      if (row->kind != kind)
        continue;
      row_key = medialib_label_key (row->name);
      if (g_str_equal (key, row_key))
        return row;
    }

  return NULL;
}

static LabelRow *
add_row (MedialibBulkDialog *self,
         MedialibLabelKind   kind,
         const char         *name,
         guint               count)
{
  LabelRow *row = g_new0 (LabelRow, 1);

  row->self = self;
  row->kind = kind;
  row->name = g_strdup (name);
  row->count = count;
  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  row->state = initial_state (row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (row->row, GTK_WIDGET (row->check));
  adw_action_row_set_activatable_widget (row->row, GTK_WIDGET (row->check));
  g_signal_connect (row->check, "toggled", G_CALLBACK (on_check_toggled_cb), row);
  adw_preferences_group_add (self->groups[kind], GTK_WIDGET (row->row));
  g_ptr_array_add (self->rows, row);

  return row;
}

/**
 * medialib_bulk_dialog_set_label:
 * @on_all: %TRUE to give the label to all the selected assets, %FALSE to take it from all
 *
 * What a click on a row's check box, or a name typed in an entry row, does.
 *
 * Returns: %FALSE when @name is not a valid label
 */
gboolean
medialib_bulk_dialog_set_label (MedialibBulkDialog *self,
                                MedialibLabelKind   kind,
                                const char         *name,
                                gboolean            on_all)
{
  g_autofree char *normalized = NULL;
  LabelRow *row;

  g_return_val_if_fail (MEDIALIB_IS_BULK_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!(normalized = medialib_label_normalize (kind, name, NULL)))
    return FALSE;

  row = find_row (self, kind, normalized);
  if (row == NULL && !on_all)
    return TRUE;
  if (row == NULL)
    row = add_row (self, kind, normalized, 0);

  row->state = on_all ? STATE_ALL : STATE_NONE;
  show_state (row);
  return TRUE;
}

static void
on_entry_apply_cb (AdwEntryRow        *entry,
                   MedialibBulkDialog *self)
{
  MedialibLabelKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "kind"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] == '\0')
    return;

  if (medialib_bulk_dialog_set_label (self, kind, text, TRUE))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_error_bell (GTK_WIDGET (entry));
}

guint
medialib_bulk_dialog_get_count (MedialibBulkDialog *self,
                                MedialibLabelKind   kind,
                                const char         *name)
{
  LabelRow *row;

  g_return_val_if_fail (MEDIALIB_IS_BULK_DIALOG (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  row = find_row (self, kind, name);
  return row != NULL ? row->count : 0;
}

/**
 * medialib_bulk_dialog_dup_changes:
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): what Apply changes: the
 *   removals first, each on every selected asset
 */
GPtrArray *
medialib_bulk_dialog_dup_changes (MedialibBulkDialog *self)
{
  GPtrArray *changes = medialib_label_changes_new ();

  g_return_val_if_fail (MEDIALIB_IS_BULK_DIALOG (self), changes);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        LabelRow *row = g_ptr_array_index (self->rows, i);
        gboolean add = row->state == STATE_ALL && row->count < self->ids->len;
        gboolean remove = row->state == STATE_NONE && row->count > 0;

        if ((pass == 0 && remove) || (pass == 1 && add))
          g_ptr_array_add (changes, medialib_label_change_new (row->kind, row->name, add,
                                                               (const gint64 *) self->ids->data,
                                                               self->ids->len));
      }

  return changes;
}

void
medialib_bulk_dialog_apply (MedialibBulkDialog *self)
{
  g_autoptr(GPtrArray) changes = NULL;

  g_return_if_fail (MEDIALIB_IS_BULK_DIALOG (self));

  changes = medialib_bulk_dialog_dup_changes (self);
  if (changes->len > 0)
    g_signal_emit (self, signals[APPLY], 0, changes);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_apply_clicked_cb (GtkButton          *button,
                     MedialibBulkDialog *self)
{
  medialib_bulk_dialog_apply (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Each label of @kind on the assets, with how many have it, by name */
static void
add_rows (MedialibBulkDialog *self,
          GPtrArray          *assets,
          MedialibLabelKind   kind)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);
      const char * const *labels = kind == MEDIALIB_LABEL_TAG ? medialib_asset_get_tags (asset)
                                                              : medialib_asset_get_teams (asset);

      for (guint j = 0; labels != NULL && labels[j] != NULL; j++)
        {
          char *label_key = medialib_label_key (labels[j]);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label_key));

          if (n == 0)
            g_hash_table_insert (names, g_strdup (label_key), g_strdup (labels[j]));
          g_hash_table_insert (counts, label_key, GUINT_TO_POINTER (n + 1));
        }
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_names);

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *name = g_ptr_array_index (sorted, i);
      g_autofree char *label_key = medialib_label_key (name);

      show_state (add_row (self, kind, name, GPOINTER_TO_UINT (g_hash_table_lookup (counts, label_key))));
    }
}

static AdwPreferencesGroup *
make_group (MedialibBulkDialog *self,
            MedialibLabelKind   kind)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *entry = adw_entry_row_new ();

  if (kind == MEDIALIB_LABEL_TAG)
    {
      adw_preferences_group_set_title (group, _("Tags"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Add a Tag to All"));
    }
  else
    {
      adw_preferences_group_set_title (group, _("Teams"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Add a Team to All"));
    }

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  g_object_set_data (G_OBJECT (entry), "kind", GINT_TO_POINTER (kind));
  /* Its button or Enter */
  g_signal_connect (entry, "apply", G_CALLBACK (on_entry_apply_cb), self);
  adw_preferences_group_add (group, entry);

  return group;
}

/**
 * medialib_bulk_dialog_new:
 * @assets: (element-type MedialibAsset): the selected assets, all read
 */
MedialibBulkDialog *
medialib_bulk_dialog_new (GPtrArray *assets)
{
  MedialibBulkDialog *self;
  GtkWidget *view, *header, *page, *cancel, *title;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (assets != NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_BULK_DIALOG, NULL);
  for (guint i = 0; i < assets->len; i++)
    {
      gint64 id = medialib_asset_get_id (g_ptr_array_index (assets, i));

      g_array_append_val (self->ids, id);
    }

  /* Translators: the bulk tag editor's subtitle */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", assets->len),
                              assets->len);
  title = adw_window_title_new (_("Tags and Teams"), subtitle);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (adw_dialog_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_description (ADW_PREFERENCES_PAGE (page),
                                        _("Check to add to every selected item, uncheck to remove from every one"));
  self->groups[MEDIALIB_LABEL_TAG] = make_group (self, MEDIALIB_LABEL_TAG);
  self->groups[MEDIALIB_LABEL_TEAM] = make_group (self, MEDIALIB_LABEL_TEAM);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->groups[MEDIALIB_LABEL_TAG]);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->groups[MEDIALIB_LABEL_TEAM]);
  add_rows (self, assets, MEDIALIB_LABEL_TAG);
  add_rows (self, assets, MEDIALIB_LABEL_TEAM);

  view = adw_toolbar_view_new ();
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), header);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), page);
  adw_dialog_set_child (ADW_DIALOG (self), view);
  adw_dialog_set_title (ADW_DIALOG (self), _("Tags and Teams"));
  adw_dialog_set_content_width (ADW_DIALOG (self), 420);
  adw_dialog_set_content_height (ADW_DIALOG (self), 560);
  adw_dialog_set_default_widget (ADW_DIALOG (self), self->apply_button);

  return self;
}

static void
medialib_bulk_dialog_finalize (GObject *object)
{
  MedialibBulkDialog *self = MEDIALIB_BULK_DIALOG (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (medialib_bulk_dialog_parent_class)->finalize (object);
}

static void
medialib_bulk_dialog_class_init (MedialibBulkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medialib_bulk_dialog_finalize;

  /**
   * MedialibBulkDialog::apply:
   * @changes: (element-type MedialibLabelChange): what to change, on every selected asset
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
medialib_bulk_dialog_init (MedialibBulkDialog *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) label_row_free);
}
