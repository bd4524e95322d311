/* medialib-window-collections.c — the sidebar: All, Recently Added, Contacts, AI Generated
 * and the saved collections with their counts; deleting a collection, with Undo (saving
 * one: medialib-window-save-collection.c)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-window-private.h"

/*
 * Each row of the sidebar is a search's filters: selecting it narrows what the search entry
 * and the filter popover ask for (medialib_query_add_filters(), in
 * _medialib_window_build_query()), and "All" narrows nothing. The counts are read on a
 * worker thread, again a moment after the library changes (assets, tags, collections; a
 * team library's other members' changes too): the window never counts on the main thread.
 */

/* Recently Added: the assets added in the last seven days */
#define RECENT_DAYS 7
/* A burst of changes (an import) is counted once */
#define REFRESH_DELAY_MS 300

typedef enum
{
  ROW_ALL,
  ROW_RECENT,
  ROW_CONTACTS,
  ROW_AI,
  N_FIXED_ROWS
} FixedRow;

static const struct
{
  const char *key;
  const char *icon;
  const char *title;
} fixed_rows[N_FIXED_ROWS] = {
  { "all", "view-grid-symbolic", N_("All") },
  { "recent", "document-open-recent-symbolic", N_("Recently Added") },
  { "contacts", "x-office-address-book-symbolic", N_("Contacts") },
  { "ai", "medialib-magic-wand-symbolic", N_("AI Generated") },
};

#define COLLECTION_PREFIX "collection:"

/* --- Rows ------------------------------------------------------------------------------------ */

static const char *
row_key (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "medialib-key");
}

static MedialibCollection *
row_collection (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "medialib-collection");
}

static void
set_row_count (GtkListBoxRow *row,
               gint64         count)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "medialib-count");
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  /* Translators: how many assets a sidebar row has, as its description for screen readers */
  g_autofree char *description = g_strdup_printf (ngettext ("%s asset", "%s assets", (gulong) count), text);

  gtk_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static GtkListBoxRow *
make_row (const char *key,
          const char *icon,
          const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  g_object_set_data_full (G_OBJECT (row), "medialib-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), "medialib-count", count);
  return GTK_LIST_BOX_ROW (row);
}

/* The filters of the row whose key is @key ("collection:" and a collection's
 * medialib_collection_key() for a collection); NULL for All or a row that is gone */
static MedialibQuery *
query_for_key (MedialibWindow *self,
               const char     *key)
{
  MedialibQuery *query;

  if (g_str_has_prefix (key, COLLECTION_PREFIX))
    {
      g_autofree char *wanted = medialib_collection_key (key + strlen (COLLECTION_PREFIX));

      for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
        {
          MedialibCollection *collection = g_ptr_array_index (self->collections, i);
          g_autofree char *other = medialib_collection_key (collection->name);

          if (g_str_equal (wanted, other))
            return medialib_query_copy (collection->query);
        }
      return NULL;
    }

  query = medialib_query_new ();
  if (g_str_equal (key, "recent"))
    query->added_since = g_get_real_time () / G_USEC_PER_SEC - RECENT_DAYS * 24 * 3600;
  else if (g_str_equal (key, "contacts"))
    query->kind = MEDIALIB_ASSET_KIND_CONTACT;
  else if (g_str_equal (key, "ai"))
    query->source = g_strdup ("ai");
  else
    g_clear_pointer (&query, medialib_query_free);

  return query;
}

static GtkListBoxRow *
find_row (MedialibWindow *self,
          const char     *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (row_key (GTK_LIST_BOX_ROW (child)), key) == 0)
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
select_key (MedialibWindow *self,
            const char     *key)
{
  GtkListBoxRow *row = find_row (self, key);

  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, row);
}

static void
on_sidebar_row_selected_cb (MedialibWindow *self,
                            GtkListBoxRow  *row,
                            GtkListBox     *list)
{
  if (row == NULL || self->sidebar_filling)
    return;

  if (g_strcmp0 (self->sidebar_key, row_key (row)) == 0)
    return;

  g_set_str (&self->sidebar_key, row_key (row));
  g_clear_pointer (&self->sidebar_query, medialib_query_free);
  self->sidebar_query = query_for_key (self, self->sidebar_key);

  if (adw_overlay_split_view_get_collapsed (self->sidebar_split))
    adw_overlay_split_view_set_show_sidebar (self->sidebar_split, FALSE);

  _medialib_window_refresh (self);
}

/* --- Deleting, with Undo --------------------------------------------------------------------- */

typedef struct
{
  MedialibWindow     *self;
  MedialibCollection *collection;
} CollectionCall;

static void
collection_call_free (CollectionCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->collection, medialib_collection_free);
  g_free (call);
}

static CollectionCall *
collection_call_new (MedialibWindow           *self,
                     const MedialibCollection *collection)
{
  CollectionCall *call = g_new0 (CollectionCall, 1);

  call->self = g_object_ref (self);
  call->collection = medialib_collection_copy (collection);
  return call;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollectionCall, collection_call_free)

static void
show_error (MedialibWindow *self,
            const GError   *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_collection_restored_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CollectionCall) call = user_data;
  g_autoptr(GError) error = NULL;

  if (!medialib_store_save_collection_finish (MEDIALIB_STORE (object), result, &error))
    show_error (call->self, error);
}

static void
on_undo_delete_cb (AdwToast       *toast,
                   CollectionCall *call)
{
  if (call->self->store == NULL)
    return;

  medialib_store_save_collection_async (call->self->store, call->collection->name, call->collection->query,
                                        call->self->cancellable, on_collection_restored_cb,
                                        collection_call_new (call->self, call->collection));
}

static void
on_collection_deleted_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CollectionCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!medialib_store_delete_collection_finish (MEDIALIB_STORE (object), result, &error))
    {
      show_error (call->self, error);
      return;
    }

  /* Translators: %s is a saved collection's name */
  title = g_strdup_printf (_("Collection “%s” deleted"), call->collection->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb),
                         collection_call_new (call->self, call->collection),
                         (GClosureNotify) (void (*) (void)) collection_call_free, 0);
  g_set_weak_pointer (&call->self->collection_toast, toast);
  adw_toast_overlay_add_toast (call->self->toast_overlay, toast);
}

static void
delete_collection (MedialibWindow     *self,
                   MedialibCollection *collection)
{
  if (self->store == NULL || medialib_store_is_read_only (self->store) || collection == NULL)
    return;

  medialib_store_delete_collection_async (self->store, collection->name, self->cancellable,
                                          on_collection_deleted_cb, collection_call_new (self, collection));
}

static void
delete_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);
  g_autofree char *folded = medialib_collection_key (g_variant_get_string (parameter, NULL));
  g_autofree char *key = g_strconcat (COLLECTION_PREFIX, folded, NULL);
  GtkListBoxRow *row = find_row (self, key);

  if (row != NULL)
    delete_collection (self, row_collection (row));
}

static void
popup_row_menu (MedialibWindow *self,
                GtkListBoxRow  *row,
                double          x,
                double          y)
{
  MedialibCollection *collection = row_collection (row);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *popover;

  if (collection == NULL)
    return;

  menu = g_menu_new ();
  item = g_menu_item_new (_("_Delete Collection"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.delete-collection", g_variant_new_string (collection->name));
  g_menu_append_item (menu, item);

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (row));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   MedialibWindow  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, GTK_LIST_BOX_ROW (row), x, y);
}

static void
on_row_long_pressed_cb (GtkGestureLongPress *gesture,
                        double               x,
                        double               y,
                        MedialibWindow      *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  popup_row_menu (self, GTK_LIST_BOX_ROW (row), x, y);
}

/* The row that has the keyboard focus, or the selected one */
static GtkListBoxRow *
focused_row (MedialibWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar_list)))
    {
      GtkWidget *row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      if (row != NULL)
        return GTK_LIST_BOX_ROW (row);
    }

  return gtk_list_box_get_selected_row (self->sidebar_list);
}

static gboolean
on_menu_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  MedialibWindow *self = user_data;
  GtkListBoxRow *row = focused_row (self);

  if (row == NULL || row_collection (row) == NULL)
    return FALSE;

  popup_row_menu (self, row, -1, -1);
  return TRUE;
}

static gboolean
on_delete_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  MedialibWindow *self = user_data;
  GtkListBoxRow *row = focused_row (self);

  /* Taken here on every row: Delete in the sidebar never deletes the selected assets */
  if (row != NULL && row_collection (row) != NULL)
    delete_collection (self, row_collection (row));
  return TRUE;
}

static GtkListBoxRow *
make_collection_row (MedialibWindow     *self,
                     MedialibCollection *collection)
{
  g_autofree char *folded = medialib_collection_key (collection->name);
  g_autofree char *key = g_strconcat (COLLECTION_PREFIX, folded, NULL);
  GtkListBoxRow *row = make_row (key, "folder-saved-search-symbolic", collection->name);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_object_set_data_full (G_OBJECT (row), "medialib-collection", medialib_collection_copy (collection),
                          (GDestroyNotify) medialib_collection_free);
  set_row_count (row, collection->count);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_row_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (long_press));

  return row;
}

/* --- Counting, on a worker thread ------------------------------------------------------------ */

static void
on_fixed_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = medialib_store_count_queries_finish (MEDIALIB_STORE (object), result, &error);
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The sidebar's rows could not be counted: %s", error->message);
      return;
    }

  for (guint i = 0; i < N_FIXED_ROWS && i < counts->len; i++)
    set_row_count (find_row (self, fixed_rows[i].key), g_array_index (counts, gint64, i));
}

static void
on_collections_listed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(MedialibWindow) self = user_data;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gboolean selected_gone;

  collections = medialib_store_list_collections_finish (MEDIALIB_STORE (object), result, &error);
  if (collections == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The collections could not be listed: %s", error->message);
      return;
    }

  g_clear_pointer (&self->collections, g_ptr_array_unref);
  self->collections = g_ptr_array_ref (collections);

  /* The rows after the heading are made again; the selection stays on its collection */
  self->sidebar_filling = TRUE;
  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->sidebar_heading))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  for (guint i = 0; i < collections->len; i++)
    gtk_list_box_append (self->sidebar_list, GTK_WIDGET (make_collection_row (self, g_ptr_array_index (collections, i))));
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_heading), collections->len > 0);

  selected_gone = find_row (self, self->sidebar_key) == NULL;
  if (!selected_gone)
    select_key (self, self->sidebar_key);
  self->sidebar_filling = FALSE;

  if (selected_gone)
    select_key (self, fixed_rows[ROW_ALL].key);
  else if (g_str_has_prefix (self->sidebar_key, COLLECTION_PREFIX))
    {
      /* Its filters may have changed (saved again, by this window or a team member) */
      g_autoptr(MedialibQuery) query = query_for_key (self, self->sidebar_key);
      g_autofree char *before = self->sidebar_query != NULL ? medialib_query_to_json (self->sidebar_query) : NULL;
      g_autofree char *after = query != NULL ? medialib_query_to_json (query) : NULL;

      if (g_strcmp0 (before, after) != 0)
        {
          g_clear_pointer (&self->sidebar_query, medialib_query_free);
          self->sidebar_query = g_steal_pointer (&query);
          _medialib_window_refresh (self);
        }
    }
}

static void
refresh_now (MedialibWindow *self)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_query_free);

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->sidebar_cancellable);
  g_clear_object (&self->sidebar_cancellable);
  self->sidebar_cancellable = g_cancellable_new ();

  g_ptr_array_add (queries, medialib_query_new ());
  for (guint i = ROW_ALL + 1; i < N_FIXED_ROWS; i++)
    g_ptr_array_add (queries, query_for_key (self, fixed_rows[i].key));

  medialib_store_count_queries_async (self->store, queries, self->sidebar_cancellable,
                                      on_fixed_counted_cb, g_object_ref (self));
  medialib_store_list_collections_async (self->store, TRUE, self->sidebar_cancellable,
                                         on_collections_listed_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  MedialibWindow *self = user_data;

  self->sidebar_source = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * _medialib_window_sidebar_refresh:
 *
 * Counts the sidebar's rows again and lists the collections (a library just shown).
 */
void
_medialib_window_sidebar_refresh (MedialibWindow *self)
{
  g_clear_handle_id (&self->sidebar_source, g_source_remove);
  refresh_now (self);
}

/**
 * _medialib_window_sidebar_changed:
 *
 * The library changed: counts again a moment later, once for a burst of changes.
 */
void
_medialib_window_sidebar_changed (MedialibWindow     *self,
                                  MedialibChangeKind  kind)
{
  if (kind == MEDIALIB_CHANGE_GENERATIONS)
    return;

  if (self->sidebar_source == 0)
    self->sidebar_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

/**
 * _medialib_window_sidebar_add_filters:
 *
 * Narrows @query by the selected row's filters.
 */
void
_medialib_window_sidebar_add_filters (MedialibWindow *self,
                                      MedialibQuery  *query)
{
  if (self->sidebar_query != NULL)
    medialib_query_add_filters (query, self->sidebar_query);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MedialibWindow *self = MEDIALIB_WINDOW (widget);

  adw_overlay_split_view_set_show_sidebar (self->sidebar_split,
                                           !adw_overlay_split_view_get_show_sidebar (self->sidebar_split));
}

#define LIBRARY_NAME_CHARS       22  /* as in the template */
#define LIBRARY_NAME_SHORT_CHARS 12

/* Between the sidebar's breakpoint and the next (medium widths), the sidebar folds while the
 * details pane is open: beside both, the header would squeeze the library's name and the
 * search entry to a few letters. Narrower, the next breakpoints fold it whatever is open;
 * their setters own the property while they apply, and give it back as it was when they
 * stop: this runs again then. */
static void
update_sidebar_fold (MedialibWindow *self)
{
  AdwBreakpoint *current;
  gboolean details;

  g_assert (MEDIALIB_IS_WINDOW (self));

  current = adw_application_window_get_current_breakpoint (ADW_APPLICATION_WINDOW (self));
  details = adw_overlay_split_view_get_show_sidebar (self->split_view);
  if (current == NULL)
    adw_overlay_split_view_set_collapsed (self->sidebar_split, FALSE);
  else if (current == self->sidebar_breakpoint)
    adw_overlay_split_view_set_collapsed (self->sidebar_split, details);

  /* The header bar squeezes its title (the search entry) before the buttons at its
   * start: the library's name gives up some of its room beside the details pane */
  gtk_label_set_max_width_chars (self->library_label,
                                 details && current != NULL ? LIBRARY_NAME_SHORT_CHARS : LIBRARY_NAME_CHARS);
}

/* --- Set-up ---------------------------------------------------------------------------------- */

void
_medialib_window_collections_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sidebar_split);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, sidebar_breakpoint);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.delete-collection", "s", delete_collection_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.toggle-sidebar", NULL);
}

void
_medialib_window_collections_init (MedialibWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *heading;

  self->sidebar_key = g_strdup (fixed_rows[ROW_ALL].key);

  for (guint i = 0; i < N_FIXED_ROWS; i++)
    gtk_list_box_append (self->sidebar_list,
                         GTK_WIDGET (make_row (fixed_rows[i].key, fixed_rows[i].icon, _(fixed_rows[i].title))));

  /* The heading of the saved collections: a row that is neither selected nor activated */
  heading = gtk_label_new (_("Collections"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  self->sidebar_heading = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
  gtk_list_box_row_set_child (self->sidebar_heading, heading);
  gtk_list_box_row_set_selectable (self->sidebar_heading, FALSE);
  gtk_list_box_row_set_activatable (self->sidebar_heading, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->sidebar_heading), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_heading), FALSE);
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->sidebar_heading));

  self->sidebar_filling = TRUE;
  select_key (self, fixed_rows[ROW_ALL].key);
  self->sidebar_filling = FALSE;

  /* The context menu and deletion from the keyboard */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (on_menu_key_cb, self, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_callback_action_new (on_delete_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), shortcuts);

  g_signal_connect_object (self, "notify::current-breakpoint",
                           G_CALLBACK (update_sidebar_fold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_view, "notify::show-sidebar",
                           G_CALLBACK (update_sidebar_fold), self, G_CONNECT_SWAPPED);
}

void
_medialib_window_collections_dispose (MedialibWindow *self)
{
  g_cancellable_cancel (self->sidebar_cancellable);
  g_clear_object (&self->sidebar_cancellable);
  g_clear_handle_id (&self->sidebar_source, g_source_remove);
  g_clear_pointer (&self->sidebar_query, medialib_query_free);
  g_clear_pointer (&self->sidebar_key, g_free);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
  g_clear_weak_pointer (&self->collection_toast);
}

/**
 * _medialib_window_sidebar_select_all:
 *
 * Selects "All" (the filters were cleared).
 */
void
_medialib_window_sidebar_select_all (MedialibWindow *self)
{
  select_key (self, fixed_rows[ROW_ALL].key);
}

/**
 * _medialib_window_sidebar_reset:
 *
 * Back to "All", searching nothing now (another library is being shown: its first search
 * comes once it is watched).
 */
void
_medialib_window_sidebar_reset (MedialibWindow *self)
{
  g_cancellable_cancel (self->sidebar_cancellable);
  g_clear_object (&self->sidebar_cancellable);
  g_clear_handle_id (&self->sidebar_source, g_source_remove);
  self->sidebar_filling = TRUE;
  select_key (self, fixed_rows[ROW_ALL].key);
  self->sidebar_filling = FALSE;
  g_set_str (&self->sidebar_key, fixed_rows[ROW_ALL].key);
  g_clear_pointer (&self->sidebar_query, medialib_query_free);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
}
