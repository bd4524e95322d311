/* medialib-window-filters.c — the window's tag, team and kind filters: the filter popover's
 * lists, the chips of active filters, and their memory in GSettings
 *
 * The filter popover is not on the first screen: it is built from its own file when it
 * first opens (its colour button alone loads a font to measure a text). Until then the
 * filters live in the window's fields (filter_kind, filter_tags, filter_teams, fits_key,
 * filter_color), which the popover shows once built.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-label.h"
#include "medialib-window-private.h"

/* The display names of a filter table, sorted: for queries and settings */
char **
_medialib_window_filter_names (GHashTable *table)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, g_strdup (value));
  g_ptr_array_sort_values (values, (GCompareFunc) g_utf8_collate);
  g_ptr_array_add (values, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

void
_medialib_window_save_filters (MedialibWindow *self)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;

  if (self->settings == NULL)
    return;

  tags = _medialib_window_filter_names (self->filter_tags);
  teams = _medialib_window_filter_names (self->filter_teams);
  g_settings_set_strv (self->settings, "filter-tags", (const char * const *) tags);
  g_settings_set_strv (self->settings, "filter-teams", (const char * const *) teams);
  g_settings_set_string (self->settings, "filter-kind",
                         medialib_asset_kind_to_string (_medialib_window_get_kind (self)));
  g_settings_set_string (self->settings, "filter-fits", self->fits_key ? self->fits_key : "");
}

static void
toggle_filter (MedialibWindow *self,
               GHashTable     *table,
               const char     *name,
               gboolean        active)
{
  g_autofree char *key = medialib_label_key (name);

  if (active)
    g_hash_table_replace (table, g_steal_pointer (&key), g_strdup (name));
  else
    g_hash_table_remove (table, key);

  _medialib_window_update_chips (self);
  _medialib_window_save_filters (self);
  _medialib_window_refresh (self);
}

/* What a chip or a row of the filter lists stands for */
typedef struct
{
  MedialibWindow *self;
  GHashTable     *table;   /* the window's filter_tags or filter_teams */
  char           *name;
} FilterItem;

static FilterItem *
filter_item_new (MedialibWindow *self,
                 GHashTable     *table,
                 const char     *name)
{
  FilterItem *item = g_new0 (FilterItem, 1);

  item->self = self;
  item->table = table;
  item->name = g_strdup (name);

  return item;
}

static void
filter_item_free (gpointer  data,
                  GClosure *closure)
{
  FilterItem *item = data;

  g_free (item->name);
  g_free (item);
}

static void
on_chip_clicked_cb (GtkButton  *button,
                    FilterItem *item)
{
  toggle_filter (item->self, item->table, item->name, FALSE);
}

static void
add_chip (MedialibWindow *self,
          GHashTable     *table,
          const char     *icon,
          const char     *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  /* Translators: %s is a tag or team name shown as an active filter */
  g_autofree char *tooltip = g_strdup_printf (_("Remove the filter “%s”"), name);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_chip_clicked_cb),
                         filter_item_new (self, table, name), filter_item_free, 0);

  gtk_flow_box_append (_medialib_window_ensure_chips_box (self), button);
}

/**
 * _medialib_window_ensure_chips_box:
 *
 * Returns: (transfer none): the box of the active filters' chips, put in chips_revealer
 *   (with Clear Filters beside it) the first time a chip is shown
 */
GtkFlowBox *
_medialib_window_ensure_chips_box (MedialibWindow *self)
{
  if (self->chips_box == NULL)
    {
      const char *ids[] = { "chips_row", NULL };
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;

      if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_PATH "/ui/medialib-window-chips.ui",
                                                  ids, &error))
        g_error ("The window's chips: %s", error->message);
      self->chips_box = GTK_FLOW_BOX (gtk_builder_get_object (builder, "chips_box"));
      gtk_revealer_set_child (self->chips_revealer, GTK_WIDGET (gtk_builder_get_object (builder, "chips_row")));
    }
  return self->chips_box;
}

void
_medialib_window_update_chips (MedialibWindow *self)
{
  g_auto(GStrv) tags = _medialib_window_filter_names (self->filter_tags);
  g_auto(GStrv) teams = _medialib_window_filter_names (self->filter_teams);
  gboolean fits;

  GtkWidget *similar = _medialib_window_similar_chip (self);

  if (self->chips_box != NULL)
    gtk_flow_box_remove_all (self->chips_box);

  if (similar != NULL)
    gtk_flow_box_append (_medialib_window_ensure_chips_box (self), similar);
  for (guint i = 0; tags[i] != NULL; i++)
    add_chip (self, self->filter_tags, "medialib-tag-symbolic", tags[i]);
  for (guint i = 0; teams[i] != NULL; i++)
    add_chip (self, self->filter_teams, "system-users-symbolic", teams[i]);
  fits = _medialib_window_add_fits_chip (self);

  gtk_revealer_set_reveal_child (self->chips_revealer,
                                 _medialib_window_add_color_chip (self) || tags[0] != NULL || teams[0] != NULL ||
                                 similar != NULL || fits);
}

static void
on_filter_row_toggled_cb (GtkCheckButton *check,
                          FilterItem     *item)
{
  toggle_filter (item->self, item->table, item->name, gtk_check_button_get_active (check));
}

static void
fill_filter_list (MedialibWindow *self,
                  GtkListBox     *list,
                  GHashTable     *table,
                  GPtrArray      *labels)
{
  gtk_list_box_remove_all (list);

  for (guint i = 0; i < labels->len; i++)
    {
      MedialibLabelCount *count = g_ptr_array_index (labels, i);
      g_autofree char *key = medialib_label_key (count->name);
      g_autofree char *n = g_strdup_printf ("%u", count->count);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *number = gtk_label_new (n);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), count->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (table, key));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      count->name, -1);
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_filter_row_toggled_cb),
                             filter_item_new (self, table, count->name), filter_item_free, 0);
      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (list, row);
    }
}

static char **
label_names (GPtrArray *labels)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < labels->len; i++)
    g_strv_builder_add (builder, ((MedialibLabelCount *) g_ptr_array_index (labels, i))->name);

  return g_strv_builder_end (builder);
}

static void
labels_listed (MedialibWindow    *self,
               MedialibLabelKind  kind,
               GObject           *object,
               GAsyncResult      *result)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;

  labels = medialib_store_list_labels_finish (MEDIALIB_STORE (object), result, &error);
  if (labels == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list labels: %s", error->message);
      return;
    }

  /* A row per label is costly on a large library: made when the popover opens */
  if (kind == MEDIALIB_LABEL_TAG)
    {
      g_clear_pointer (&self->tag_counts, g_ptr_array_unref);
      self->tag_counts = g_ptr_array_ref (labels);
      if (self->filter_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->filter_popover)))
        fill_filter_list (self, self->tags_list, self->filter_tags, labels);
      g_strfreev (self->tag_names);
      self->tag_names = label_names (labels);
    }
  else
    {
      g_clear_pointer (&self->team_counts, g_ptr_array_unref);
      self->team_counts = g_ptr_array_ref (labels);
      if (self->filter_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->filter_popover)))
        fill_filter_list (self, self->teams_list, self->filter_teams, labels);
      g_strfreev (self->team_names);
      self->team_names = label_names (labels);
    }

  _medialib_window_set_details_labels (self);
}

static void
on_tags_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;

  labels_listed (self, MEDIALIB_LABEL_TAG, object, result);
}

static void
on_teams_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;

  labels_listed (self, MEDIALIB_LABEL_TEAM, object, result);
}

/* The tag and team lists of the filter popover and of the details pane's suggestions. */
void
_medialib_window_refresh_labels (MedialibWindow *self)
{
  if (self->store == NULL)
    return;

  medialib_store_list_labels_async (self->store, MEDIALIB_LABEL_TAG, self->cancellable,
                                    on_tags_listed_cb, g_object_ref (self));
  medialib_store_list_labels_async (self->store, MEDIALIB_LABEL_TEAM, self->cancellable,
                                    on_teams_listed_cb, g_object_ref (self));
}

static void
on_filter_popover_show_cb (MedialibWindow *self,
                           GtkPopover     *popover)
{
  /* The labels listed last, at once; then listed again */
  if (self->tag_counts != NULL)
    fill_filter_list (self, self->tags_list, self->filter_tags, self->tag_counts);
  if (self->team_counts != NULL)
    fill_filter_list (self, self->teams_list, self->filter_teams, self->team_counts);
  _medialib_window_refresh_labels (self);
  _medialib_window_sync_color_button (self);
  _medialib_window_fits_ensure_model (self);
}

static void
on_kind_changed_cb (MedialibWindow *self,
                    GParamSpec     *pspec,
                    AdwToggleGroup *group)
{
  MedialibAssetKind kind = MEDIALIB_ASSET_KIND_ANY;

  /* The toggles are named after the kinds */
  medialib_asset_kind_from_string (adw_toggle_group_get_active_name (group), &kind);
  if (kind == self->filter_kind)
    return;

  self->filter_kind = kind;
  _medialib_window_save_filters (self);
  _medialib_window_refresh (self);
}

static void
set_kind (MedialibWindow    *self,
          MedialibAssetKind  kind)
{
  self->filter_kind = kind;
  if (self->kind_group != NULL)
    adw_toggle_group_set_active_name (self->kind_group, medialib_asset_kind_to_string (kind));
}

/**
 * _medialib_window_ensure_filter_popover:
 *
 * Builds the filter popover, showing the filters as they are, if it is not yet.
 */
void
_medialib_window_ensure_filter_popover (MedialibWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  g_assert (MEDIALIB_IS_WINDOW (self));

  if (self->filter_popover != NULL)
    return;

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/medialib-filter-popover.ui");
  self->filter_popover = GTK_POPOVER (gtk_builder_get_object (builder, "filter_popover"));
  self->kind_group = ADW_TOGGLE_GROUP (gtk_builder_get_object (builder, "kind_group"));
  self->tags_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "tags_list"));
  self->teams_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "teams_list"));

  adw_toggle_group_set_active_name (self->kind_group, medialib_asset_kind_to_string (self->filter_kind));
  g_signal_connect_object (self->kind_group, "notify::active-name", G_CALLBACK (on_kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_popover, "show", G_CALLBACK (on_filter_popover_show_cb),
                           self, G_CONNECT_SWAPPED);
  _medialib_window_fits_popover_built (self, builder);
  _medialib_window_color_popover_built (self, builder);

  /* The button holds it from now on */
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
}

/* GTK calls it each time the button opens */
static void
create_filter_popover (GtkMenuButton *button,
                       gpointer       user_data)
{
  _medialib_window_ensure_filter_popover (MEDIALIB_WINDOW (user_data));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  g_hash_table_remove_all (self->filter_tags);
  g_hash_table_remove_all (self->filter_teams);
  _medialib_window_clear_similar (self);
  set_kind (self, MEDIALIB_ASSET_KIND_ANY);
  g_clear_pointer (&self->fits_key, g_free);
  _medialib_window_set_fits (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->filter_color, g_free);
  _medialib_window_sync_color_button (self);
  _medialib_window_sidebar_select_all (self);
  _medialib_window_update_chips (self);
  _medialib_window_save_filters (self);
  _medialib_window_refresh (self);
}

/* The filters of the last run come back */
void
_medialib_window_restore_filters (MedialibWindow *self,
                                  GSettings      *settings)
{
  g_auto(GStrv) tags = g_settings_get_strv (settings, "filter-tags");
  g_auto(GStrv) teams = g_settings_get_strv (settings, "filter-teams");
  g_autofree char *kind = g_settings_get_string (settings, "filter-kind");
  g_autofree char *fits = g_settings_get_string (settings, "filter-fits");
  MedialibAssetKind filter_kind = MEDIALIB_ASSET_KIND_ANY;

  medialib_asset_kind_from_string (kind, &filter_kind);
  set_kind (self, filter_kind);
  _medialib_window_set_fits (self, fits[0] != '\0' ? fits : NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    g_hash_table_replace (self->filter_tags, medialib_label_key (tags[i]), g_strdup (tags[i]));
  for (guint i = 0; teams[i] != NULL; i++)
    g_hash_table_replace (self->filter_teams, medialib_label_key (teams[i]), g_strdup (teams[i]));
  _medialib_window_update_chips (self);
  g_set_object (&self->settings, settings);
}

void
_medialib_window_filters_init (MedialibWindow *self)
{
  gtk_menu_button_set_create_popup_func (self->filter_button, create_filter_popover, self, NULL);
}

/* The popover went with the button, the chips with their revealer */
void
_medialib_window_filters_dispose (MedialibWindow *self)
{
  self->chips_box = NULL;
  self->filter_popover = NULL;
  self->kind_group = NULL;
  self->tags_list = NULL;
  self->teams_list = NULL;
  self->fits_dropdown = NULL;
  self->color_button = NULL;
  self->color_clear_button = NULL;
}

void
_medialib_window_filters_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
}
