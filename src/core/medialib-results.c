/* medialib-results.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-results"

#include "config.h"

#include "medialib-results.h"

/*
 * A search's results for a view that shows a few hundred of them at a time: the ids of every
 * result (8 bytes each: 8 MB for a million), and a MedialibResultItem only for the positions
 * that are asked for.
 *
 *   ids ──get_item()──▶ MedialibResultItem (weak, by id) ──its page read on a worker──▶ asset
 *
 * - get_item() never blocks: an item not made yet is made with the others of its page
 *   (MEDIALIB_RESULTS_PAGE_SIZE positions) and without its asset, and the assets of the page
 *   are read with one medialib_store_get_assets_async(); each item is told its asset when
 *   they arrive (MedialibResultItem:asset).
 * - Items are found again by id while anything holds them (a weak reference per item made),
 *   so a tile still bound to an item gets the same one back, and the same position never has
 *   two items at once. The most recently made items are also held here (RECENT_SIZE of them,
 *   a few pages): scrolling back and forth does not read them again.
 * - The ids are this model's own: the window removes, inserts and replaces them as the
 *   library changes (medialib-window-live.c), and gives new assets to their items.
 *
 * medialib_store_find_async() makes one with the first page of a search's assets, then
 * gives it the ids of every result (_medialib_results_complete()).
 */

/* The items held whatever uses them: 16 pages */
#define RECENT_SIZE (16 * MEDIALIB_RESULTS_PAGE_SIZE)

struct _MedialibResults
{
  GObject        parent_instance;

  MedialibStore *store;
  GArray        *ids;          /* gint64 */
  GHashTable    *items;        /* gint64 id → MedialibResultItem, weak */
  GPtrArray     *recent;       /* MedialibResultItem, strong: a ring of RECENT_SIZE */
  guint          recent_next;
  GCancellable  *cancellable;  /* the reads; cancelled when the model goes */
  GError        *error;
  guint          complete : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedialibResults, medialib_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_COMPLETE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Items --------------------------------------------------------------------------------- */

static void
item_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  MedialibResults *self = data;
  gint64 id = medialib_result_item_get_id ((MedialibResultItem *) where_the_object_was);

  if (g_hash_table_lookup (self->items, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, &id);
}

static void
hold_recent (MedialibResults    *self,
             MedialibResultItem *item)
{
  if (self->recent->len < RECENT_SIZE)
    {
      g_ptr_array_add (self->recent, g_object_ref (item));
      return;
    }

  g_object_unref (g_ptr_array_index (self->recent, self->recent_next));
  g_ptr_array_index (self->recent, self->recent_next) = g_object_ref (item);
  self->recent_next = (self->recent_next + 1) % RECENT_SIZE;
}

/* (transfer none): the new item, held by the recent ones */
static MedialibResultItem *
make_item (MedialibResults *self,
           gint64           id,
           MedialibAsset   *asset)
{
  g_autoptr(MedialibResultItem) item = medialib_result_item_new (id, asset);

  g_assert (!g_hash_table_contains (self->items, &id));

  g_object_weak_ref (G_OBJECT (item), item_gone_cb, self);
  g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
  hold_recent (self, item);

  return item;
}

typedef struct
{
  GWeakRef results;
} PageRead;

static void
page_read_free (PageRead *read)
{
  g_weak_ref_clear (&read->results);
  g_free (read);
}

static void
on_page_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PageRead *read = user_data;
  g_autoptr(MedialibResults) self = g_weak_ref_get (&read->results);
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  page_read_free (read);
  assets = medialib_store_get_assets_finish (MEDIALIB_STORE (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The items stay placeholders: the next time they are made, they are read again */
  if (assets == NULL)
    {
      g_debug ("Could not read the results' assets: %s", error->message);
      return;
    }

  for (guint i = 0; i < assets->len; i++)
    medialib_results_update_asset (self, g_ptr_array_index (assets, i));
}

static void
read_assets (MedialibResults *self,
             GArray          *ids)
{
  PageRead *read;

  if (ids->len == 0)
    return;

  read = g_new0 (PageRead, 1);
  g_weak_ref_init (&read->results, self);
  medialib_store_get_assets_async (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                   self->cancellable, on_page_read_cb, read);
}

/* The items of @position's page that are not made yet, read together */
static void
make_page (MedialibResults *self,
           guint            position)
{
  g_autoptr(GArray) missing = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MEDIALIB_RESULTS_PAGE_SIZE);
  guint start = position - position % MEDIALIB_RESULTS_PAGE_SIZE;
  guint end = MIN (start + MEDIALIB_RESULTS_PAGE_SIZE, self->ids->len);

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->items, &id))
        {
          make_item (self, id, NULL);
          g_array_append_val (missing, id);
        }
    }

  read_assets (self, missing);
}

/* --- GListModel ---------------------------------------------------------------------------- */

static GType
medialib_results_get_item_type (GListModel *model)
{
  return MEDIALIB_TYPE_RESULT_ITEM;
}

static guint
medialib_results_get_n_items (GListModel *model)
{
  return MEDIALIB_RESULTS (model)->ids->len;
}

static gpointer
medialib_results_get_item (GListModel *model,
                           guint       position)
{
  MedialibResults *self = MEDIALIB_RESULTS (model);
  MedialibResultItem *item;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  item = g_hash_table_lookup (self->items, &id);
  if (item == NULL)
    {
      make_page (self, position);
      item = g_hash_table_lookup (self->items, &id);
    }

  g_assert (item != NULL);
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = medialib_results_get_item_type;
  iface->get_n_items = medialib_results_get_n_items;
  iface->get_item = medialib_results_get_item;
}

static void
items_changed (MedialibResults *self,
               guint            position,
               guint            removed,
               guint            added)
{
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* --- The object ---------------------------------------------------------------------------- */

static void
medialib_results_dispose (GObject *object)
{
  MedialibResults *self = MEDIALIB_RESULTS (object);
  GHashTableIter iter;
  gpointer item;

  g_cancellable_cancel (self->cancellable);

  /* Items still held elsewhere (a tile) outlive the model */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_object_weak_unref (item, item_gone_cb, self);
  g_hash_table_remove_all (self->items);
  g_ptr_array_set_size (self->recent, 0);

  G_OBJECT_CLASS (medialib_results_parent_class)->dispose (object);
}

static void
medialib_results_finalize (GObject *object)
{
  MedialibResults *self = MEDIALIB_RESULTS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->recent, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (medialib_results_parent_class)->finalize (object);
}

static void
medialib_results_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedialibResults *self = MEDIALIB_RESULTS (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_results_class_init (MedialibResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medialib_results_dispose;
  object_class->finalize = medialib_results_finalize;
  object_class->get_property = medialib_results_get_property;

  /**
   * MedialibResults:complete:
   *
   * Whether the model holds the ids of every result (or their reading failed: see
   * medialib_results_get_error()), and not only the first page.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medialib_results_init (MedialibResults *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->recent = g_ptr_array_new_full (RECENT_SIZE, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/**
 * medialib_results_new:
 * @store: where the assets are read
 * @assets: (element-type MedialibAsset) (nullable): the first results, read already
 *
 * Returns: (transfer full): a model of @assets' ids, not complete: the rest comes with
 *   _medialib_results_complete()
 */
MedialibResults *
medialib_results_new (MedialibStore *store,
                      GPtrArray     *assets)
{
  MedialibResults *self;

  g_return_val_if_fail (MEDIALIB_IS_STORE (store), NULL);

  self = g_object_new (MEDIALIB_TYPE_RESULTS, NULL);
  self->store = g_object_ref (store);

  for (guint i = 0; assets != NULL && i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);
      gint64 id = medialib_asset_get_id (asset);

      g_array_append_val (self->ids, id);
      if (!g_hash_table_contains (self->items, &id))
        make_item (self, id, asset);
    }

  return self;
}

GCancellable *
_medialib_results_get_cancellable (MedialibResults *self)
{
  g_assert (MEDIALIB_IS_RESULTS (self));

  return self->cancellable;
}

/**
 * _medialib_results_complete:
 * @ids: (element-type gint64) (nullable): the ids of every result, the first ones included
 * @error: (nullable): why they could not be read
 *
 * Appends the ids after the first ones, or replaces every id when the first ones are not
 * the same any more (the library changed in between, or the view removed some).
 */
void
_medialib_results_complete (MedialibResults *self,
                            GArray          *ids,
                            const GError    *error)
{
  guint n;

  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (ids != NULL || error != NULL);

  if (self->complete)
    return;

  n = self->ids->len;
  if (error != NULL)
    self->error = g_error_copy (error);
  else if (ids->len >= n && (n == 0 || memcmp (ids->data, self->ids->data, n * sizeof (gint64)) == 0))
    {
      if (ids->len > n)
        g_array_append_vals (self->ids, &g_array_index (ids, gint64, n), ids->len - n);
      items_changed (self, n, 0, ids->len - n);
    }
  else
    medialib_results_set_ids (self, (const gint64 *) (gpointer) ids->data, ids->len);

  self->complete = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
medialib_results_is_complete (MedialibResults *self)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), FALSE);

  return self->complete;
}

/**
 * medialib_results_get_error:
 *
 * Returns: (nullable): why the ids after the first page could not be read
 */
const GError *
medialib_results_get_error (MedialibResults *self)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), NULL);

  return self->error;
}

gint64
medialib_results_get_id (MedialibResults *self,
                         guint            position)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

/**
 * medialib_results_get_ids:
 *
 * Returns: (array length=n_ids): the ids, in order; valid until the model changes
 */
const gint64 *
medialib_results_get_ids (MedialibResults *self,
                          guint           *n_ids)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->ids->len;
  return (const gint64 *) (gpointer) self->ids->data;
}

/**
 * medialib_results_find_id:
 *
 * Returns: the position of @id, or -1
 */
int
medialib_results_find_id (MedialibResults *self,
                          gint64           id)
{
  const gint64 *ids;

  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), -1);

  ids = (const gint64 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == id)
      return (int) i;

  return -1;
}

/**
 * medialib_results_peek_asset:
 *
 * The asset of @position, when its item is made and has it; makes no item and reads nothing.
 *
 * Returns: (transfer none) (nullable):
 */
MedialibAsset *
medialib_results_peek_asset (MedialibResults *self,
                             guint            position)
{
  MedialibResultItem *item;
  gint64 id;

  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), NULL);
  g_return_val_if_fail (position < self->ids->len, NULL);

  id = g_array_index (self->ids, gint64, position);
  item = g_hash_table_lookup (self->items, &id);

  return item != NULL ? medialib_result_item_get_asset (item) : NULL;
}

/* How many items exist now (made here and not finalized) */
guint
medialib_results_get_n_made (MedialibResults *self)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), 0);

  return g_hash_table_size (self->items);
}

void
medialib_results_remove (MedialibResults *self,
                         guint            position,
                         guint            n_items)
{
  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (position + n_items <= self->ids->len);

  if (n_items == 0)
    return;

  g_array_remove_range (self->ids, position, n_items);
  items_changed (self, position, n_items, 0);
}

/**
 * medialib_results_remove_ids:
 * @ids: (element-type gint64): a set of ids (keys pointing to gint64)
 *
 * Removes the positions of @ids, one run of them at a time, in one pass.
 *
 * Returns: how many were removed
 */
guint
medialib_results_remove_ids (MedialibResults *self,
                             GHashTable      *ids)
{
  guint removed = 0;

  g_return_val_if_fail (MEDIALIB_IS_RESULTS (self), 0);
  g_return_val_if_fail (ids != NULL, 0);

  if (g_hash_table_size (ids) == 0)
    return 0;

  for (guint i = self->ids->len; i > 0; )
    {
      guint end = i;

      while (i > 0 && g_hash_table_contains (ids, &g_array_index (self->ids, gint64, i - 1)))
        i--;

      if (i < end)
        {
          medialib_results_remove (self, i, end - i);
          removed += end - i;
        }
      else
        i--;
    }

  return removed;
}

void
medialib_results_insert_id (MedialibResults *self,
                            guint            position,
                            gint64           id)
{
  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (position <= self->ids->len);

  g_array_insert_val (self->ids, position, id);
  items_changed (self, position, 0, 1);
}

/**
 * medialib_results_insert_asset:
 *
 * Inserts @asset's id, its item made with @asset (read already: no placeholder)
 */
void
medialib_results_insert_asset (MedialibResults *self,
                               guint            position,
                               MedialibAsset   *asset)
{
  gint64 id;

  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));
  g_return_if_fail (position <= self->ids->len);

  id = medialib_asset_get_id (asset);
  if (g_hash_table_contains (self->items, &id))
    medialib_results_update_asset (self, asset);
  else
    make_item (self, id, asset);

  medialib_results_insert_id (self, position, id);
}

/**
 * medialib_results_set_ids:
 * @ids: (array length=n_ids): the new ids, in order
 *
 * Replaces every id. The items of the ids that stay are the same objects.
 */
void
medialib_results_set_ids (MedialibResults *self,
                          const gint64    *ids,
                          guint            n_ids)
{
  guint n;

  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  n = self->ids->len;
  g_array_set_size (self->ids, 0);
  if (n_ids > 0)
    g_array_append_vals (self->ids, ids, n_ids);
  items_changed (self, 0, n, n_ids);
}

/**
 * medialib_results_update_asset:
 *
 * Gives @asset, read again, to its item if it is made (the others read it when they are)
 */
void
medialib_results_update_asset (MedialibResults *self,
                               MedialibAsset   *asset)
{
  MedialibResultItem *item;
  gint64 id;

  g_return_if_fail (MEDIALIB_IS_RESULTS (self));
  g_return_if_fail (MEDIALIB_IS_ASSET (asset));

  id = medialib_asset_get_id (asset);
  item = g_hash_table_lookup (self->items, &id);
  if (item != NULL)
    medialib_result_item_set_asset (item, asset);
}

/**
 * medialib_results_reload:
 *
 * Reads again the assets of every item made (after the library changed in ways that name
 * no asset); the items keep their old asset until the new one arrives.
 */
void
medialib_results_reload (MedialibResults *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (MEDIALIB_IS_RESULTS (self));

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_array_append_val (ids, *(gint64 *) key);
      if (ids->len == MEDIALIB_RESULTS_PAGE_SIZE)
        {
          read_assets (self, ids);
          g_array_set_size (ids, 0);
        }
    }

  read_assets (self, ids);
}
