/* medialib-selection.c
 *
 * The grid's selection: GtkMultiSelection's behaviour (any number of positions, kept
 * through the model's changes position by position) without asking the model for the
 * selected items. GtkMultiSelection (GTK 4.18) takes every item it selects, so that
 * Select All on a library of 100,000 assets made 100,000 items and read every asset
 * (MedialibResults makes items page by page, on demand). This one keeps positions only;
 * the window restores a selection by id when items are replaced (medialib-window-live.c).
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-selection.h"

struct _MedialibSelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
medialib_selection_get_item_type (GListModel *list)
{
  MedialibSelection *self = MEDIALIB_SELECTION (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
medialib_selection_get_n_items (GListModel *list)
{
  MedialibSelection *self = MEDIALIB_SELECTION (list);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
medialib_selection_get_item (GListModel *list,
                             guint       position)
{
  MedialibSelection *self = MEDIALIB_SELECTION (list);

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = medialib_selection_get_item_type;
  iface->get_n_items = medialib_selection_get_n_items;
  iface->get_item = medialib_selection_get_item;
}

static gboolean
medialib_selection_is_selected (GtkSelectionModel *model,
                                guint              position)
{
  MedialibSelection *self = MEDIALIB_SELECTION (model);

  return gtk_bitset_contains (self->selected, position);
}

static GtkBitset *
medialib_selection_get_selection_in_range (GtkSelectionModel *model,
                                           guint              position,
                                           guint              n_items)
{
  MedialibSelection *self = MEDIALIB_SELECTION (model);

  return gtk_bitset_ref (self->selected);
}

/* Every other change (select an item, a range, all, none) comes here by GtkSelectionModel's
 * own implementations */
static gboolean
medialib_selection_set_selection (GtkSelectionModel *model,
                                  GtkBitset         *selected,
                                  GtkBitset         *mask)
{
  MedialibSelection *self = MEDIALIB_SELECTION (model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (selected);
  guint n_items = medialib_selection_get_n_items (G_LIST_MODEL (self));
  guint min, max;

  /* changes = (selected XOR self->selected) AND mask, within the model */
  gtk_bitset_difference (changes, self->selected);
  gtk_bitset_intersect (changes, mask);
  if (n_items < G_MAXUINT)
    gtk_bitset_remove_range (changes, n_items, G_MAXUINT - n_items);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);
  gtk_bitset_difference (self->selected, changes);
  gtk_selection_model_selection_changed (model, min, max - min + 1);

  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = medialib_selection_is_selected;
  iface->get_selection_in_range = medialib_selection_get_selection_in_range;
  iface->set_selection = medialib_selection_set_selection;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibSelection, medialib_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     MedialibSelection *self)
{
  /* The positions that stay keep their selection; the new ones are not selected */
  gtk_bitset_splice (self->selected, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
clear_model (MedialibSelection *self)
{
  if (self->model == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
}

static void
medialib_selection_dispose (GObject *object)
{
  MedialibSelection *self = MEDIALIB_SELECTION (object);

  clear_model (self);

  G_OBJECT_CLASS (medialib_selection_parent_class)->dispose (object);
}

static void
medialib_selection_finalize (GObject *object)
{
  MedialibSelection *self = MEDIALIB_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (medialib_selection_parent_class)->finalize (object);
}

static void
medialib_selection_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedialibSelection *self = MEDIALIB_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, medialib_selection_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_selection_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedialibSelection *self = MEDIALIB_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      medialib_selection_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_selection_class_init (MedialibSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medialib_selection_dispose;
  object_class->finalize = medialib_selection_finalize;
  object_class->get_property = medialib_selection_get_property;
  object_class->set_property = medialib_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medialib_selection_init (MedialibSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

MedialibSelection *
medialib_selection_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (MEDIALIB_TYPE_SELECTION, "model", model, NULL);
}

/**
 * medialib_selection_get_model:
 *
 * Returns: (transfer none) (nullable): the model whose positions are selected
 */
GListModel *
medialib_selection_get_model (MedialibSelection *self)
{
  g_return_val_if_fail (MEDIALIB_IS_SELECTION (self), NULL);

  return self->model;
}

/**
 * medialib_selection_set_model:
 *
 * Shows @model instead, nothing selected (as GtkMultiSelection does).
 */
void
medialib_selection_set_model (MedialibSelection *self,
                              GListModel        *model)
{
  guint n_before, n_after;

  g_return_if_fail (MEDIALIB_IS_SELECTION (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  n_before = medialib_selection_get_n_items (G_LIST_MODEL (self));
  clear_model (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
    }
  gtk_bitset_remove_all (self->selected);
  n_after = medialib_selection_get_n_items (G_LIST_MODEL (self));

  if (n_before > 0 || n_after > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, n_after);
  if (n_before != n_after)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
