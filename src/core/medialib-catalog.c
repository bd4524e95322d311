/* medialib-catalog.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-catalog.h"
#include "medialib-collection.h"

/*
 * A catalog holds what a library knows about its assets: their rows (name, kind, type, size,
 * dimensions, SHA-256, when and how each was added, its parent and prompt), tags and teams,
 * the search over them, the generations of images and the daily quota. The bytes of the files
 * are the blob store's (medialib-blob-store.c); a catalog names them by SHA-256 and suffix,
 * and the assets it returns find them through the blob store it was opened with.
 *
 * The rules every implementation keeps, so that the store, the window and the command line
 * never know which one they use:
 *
 * - Every call that changes something is one transaction: all of it or nothing, and a failed
 *   call leaves the catalog usable from any thread.
 * - Calls come from any thread, at the same time; each blocks until it is done (the app
 *   makes them from worker threads).
 * - The same data and the same query give the same assets in the same order, whatever the
 *   backend: words match the beginning of words in names, tags and teams (and a contact's
 *   search words), whatever their case and accents; tags and teams are compared by
 *   medialib_label_key(). Sorts: by date added, newest first; by size, largest first; by
 *   name, its ASCII letters' case folded (SQLite's NOCASE), A first; ties go by id, the
 *   newest first except in the name sort.
 * - Errors: %G_IO_ERROR_NOT_FOUND for an id that does not exist (in the words of
 *   _medialib_catalog_not_found()), %G_IO_ERROR_INVALID_ARGUMENT for a name that
 *   medialib_label_normalize() refuses, %G_IO_ERROR_READ_ONLY for a change to a library
 *   that cannot be changed, %MEDIALIB_STORE_ERROR_DAMAGED for a damaged database.
 *
 * What only a local library has (its database file: the check, backups, restoring) is not
 * part of the contract: see medialib-sqlite-catalog.h.
 */

G_DEFINE_INTERFACE (MedialibCatalog, medialib_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
medialib_catalog_default_init (MedialibCatalogInterface *iface)
{
  /**
   * MedialibCatalog::changed:
   * @kind: what changed
   * @ids: (element-type gint64): the assets' ids, perhaps none
   *
   * Emitted after each write of this catalog has committed (once per kind of change it
   * made), in the thread that wrote. Writes of other processes are not told here: a team
   * library's store listens for its members' notices (medialib-store-watch.c).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   MEDIALIB_TYPE_CHANGE_KIND,
                                   G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* Tells the changes of a write that committed; frees them */
static void
emit_changes (MedialibCatalog *self,
              GArray          *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      MedialibCatalogChange *change = &g_array_index (changes, MedialibCatalogChange, i);

      g_signal_emit (self, signals[CHANGED], 0, change->kind, change->ids);
    }

  g_array_unref (changes);
}

/* One change of @kind, told to the catalog's "changed" handlers */
void
_medialib_catalog_emit_change (MedialibCatalog    *self,
                               MedialibChangeKind  kind,
                               const gint64       *ids,
                               guint               n_ids)
{
  GArray *changes = _medialib_catalog_changes_new ();

  _medialib_catalog_changes_add (changes, kind, ids, n_ids);
  emit_changes (self, changes);
}

/**
 * medialib_catalog_count:
 *
 * Returns: how many assets there are, or -1 with @error set
 */
gint64
medialib_catalog_count (MedialibCatalog  *self,
                        GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return MEDIALIB_CATALOG_GET_IFACE (self)->count (self, error);
}

/**
 * medialib_catalog_get_asset:
 *
 * Returns: (transfer full): the asset, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibAsset *
medialib_catalog_get_asset (MedialibCatalog  *self,
                            gint64            id,
                            GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_asset (self, id, error);
}

/**
 * medialib_catalog_get_assets:
 *
 * Returns: (transfer full) (element-type MedialibAsset): the assets of @ids that exist, in
 *   the order of @ids, read at one moment
 */
GPtrArray *
medialib_catalog_get_assets (MedialibCatalog  *self,
                             const gint64     *ids,
                             guint             n_ids,
                             GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_assets (self, ids, n_ids, error);
}

/**
 * medialib_catalog_search:
 *
 * Returns: (transfer full) (element-type MedialibAsset): the assets that match @query, in
 *   its order, @query's page of them
 */
GPtrArray *
medialib_catalog_search (MedialibCatalog      *self,
                         const MedialibQuery  *query,
                         GError              **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->search (self, query, error);
}

/**
 * medialib_catalog_search_ids:
 *
 * The ids of what medialib_catalog_search() returns for @query, in the same order: 8 bytes
 * a result, for a model that reads its assets as they are shown (MedialibResults).
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
medialib_catalog_search_ids (MedialibCatalog      *self,
                             const MedialibQuery  *query,
                             GError              **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->search_ids (self, query, error);
}

/**
 * medialib_catalog_count_matching:
 *
 * How many assets match @query, whatever its offset and limit: what
 * medialib_catalog_search_ids() would return without them, counted by the database where
 * the catalog can (no id leaves it).
 *
 * Returns: the count, or -1 with @error set
 */
gint64
medialib_catalog_count_matching (MedialibCatalog      *self,
                                 const MedialibQuery  *query,
                                 GError              **error)
{
  MedialibCatalogInterface *iface;
  g_autoptr(MedialibQuery) all = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  all = medialib_query_copy (query);
  all->offset = 0;
  all->limit = 0;

  iface = MEDIALIB_CATALOG_GET_IFACE (self);
  if (iface->count_matching != NULL)
    return iface->count_matching (self, all, error);

  if (!(ids = iface->search_ids (self, all, error)))
    return -1;
  return ids->len;
}

/**
 * medialib_catalog_list_labels:
 *
 * Returns: (transfer full) (element-type MedialibLabelCount): the tags that assets carry,
 *   or every team, with how many assets carry each, by medialib_label_key()
 */
GPtrArray *
medialib_catalog_list_labels (MedialibCatalog    *self,
                              MedialibLabelKind   kind,
                              GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_labels (self, kind, error);
}

/**
 * medialib_catalog_find_content:
 *
 * Returns: the id of the asset whose file has this SHA-256, 0 when there is none, or -1 with
 *   @error set
 */
gint64
medialib_catalog_find_content (MedialibCatalog  *self,
                               const char       *sha256,
                               GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), -1);
  g_return_val_if_fail (sha256 != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return MEDIALIB_CATALOG_GET_IFACE (self)->find_content (self, sha256, error);
}

/**
 * medialib_catalog_dup_content_hashes:
 *
 * Every asset's SHA-256, for the sweep. Never waits for the catalog's other calls (a local
 * catalog reads them on a connection of its own).
 *
 * Returns: (transfer full) (element-type utf8 utf8): a set of SHA-256 strings
 */
GHashTable *
medialib_catalog_dup_content_hashes (MedialibCatalog  *self,
                                     GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->dup_content_hashes (self, error);
}

/**
 * medialib_catalog_list_generations:
 *
 * Returns: (transfer full) (element-type MedialibGeneration): the @limit newest generations,
 *   the newest first
 */
GPtrArray *
medialib_catalog_list_generations (MedialibCatalog  *self,
                                   guint             limit,
                                   GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_generations (self, limit, error);
}

/**
 * medialib_catalog_get_generation:
 *
 * Returns: (transfer full): the generation, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibGeneration *
medialib_catalog_get_generation (MedialibCatalog  *self,
                                 gint64            id,
                                 GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->get_generation (self, id, error);
}

/**
 * medialib_catalog_count_generations:
 * @since: a Unix time (the local midnight that started today)
 * @count: (out): the generations counted since then
 */
gboolean
medialib_catalog_count_generations (MedialibCatalog  *self,
                                    gint64            since,
                                    guint            *count,
                                    GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MEDIALIB_CATALOG_GET_IFACE (self)->count_generations (self, since, count, error);
}

/* --- Changes -------------------------------------------------------------------------------- */

void
medialib_added_asset_clear (MedialibAddedAsset *added)
{
  g_return_if_fail (added != NULL);

  g_clear_pointer (&added->name, g_free);
}

/**
 * medialib_catalog_add_assets:
 * @assets: (array length=n_assets): files whose bytes are in the blob store already, with
 *   their tags and teams
 * @added: (array length=n_assets) (out caller-allocates): what each gave, to clear with
 *   medialib_added_asset_clear(); untouched on failure
 *
 * Adds the rows of a batch of files, in order, in one transaction: all of them or none. The
 * same bytes as an existing asset (one added earlier in the batch too) give that asset, with
 * the new tags and teams added to it. Labels that do not exist yet are made, keeping this
 * spelling.
 */
gboolean
medialib_catalog_add_assets (MedialibCatalog         *self,
                             const MedialibNewAsset  *assets,
                             guint                    n_assets,
                             MedialibAddedAsset      *added,
                             GError                 **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (assets != NULL || n_assets == 0, FALSE);
  g_return_val_if_fail (added != NULL || n_assets == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->add_assets (self, assets, n_assets, added, error))
    return FALSE;

  emit_changes (self, _medialib_catalog_add_changes (assets, n_assets, added));
  return TRUE;
}

/**
 * medialib_catalog_edit:
 * @edit: changes whose labels medialib_label_normalize() accepts and whose new name, if any,
 *   is a valid one (the store checks them first)
 *
 * Applies every change of @edit to one asset, all or nothing; tags that no asset carries any
 * more go away.
 */
gboolean
medialib_catalog_edit (MedialibCatalog     *self,
                       gint64               id,
                       const MedialibEdit  *edit,
                       GError             **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->edit (self, id, edit, error))
    return FALSE;

  emit_changes (self, _medialib_catalog_edit_changes (id, edit));
  return TRUE;
}

/**
 * medialib_catalog_change_labels:
 * @changes: (element-type MedialibLabelChange): labels to add to or remove from assets
 *
 * Applies every change of @changes in one transaction, all or nothing: every asset must
 * exist. Tags that no asset carries any more go away.
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): what was done: each change
 *   with the assets it really changed (see MedialibLabelChange), or %NULL with @error set
 */
GPtrArray *
medialib_catalog_change_labels (MedialibCatalog  *self,
                                GPtrArray        *changes,
                                GError          **error)
{
  GPtrArray *done;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((done = MEDIALIB_CATALOG_GET_IFACE (self)->change_labels (self, changes, error)))
    emit_changes (self, _medialib_catalog_label_changes (done));

  return done;
}

/**
 * medialib_catalog_delete_asset:
 *
 * Removes an asset's row (crops made from it lose their parent), and the tags that no asset
 * carries any more. Its blobs are the caller's to remove.
 *
 * Returns: (transfer full): the asset as it was, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
MedialibAsset *
medialib_catalog_delete_asset (MedialibCatalog  *self,
                               gint64            id,
                               GError          **error)
{
  MedialibAsset *asset;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((asset = MEDIALIB_CATALOG_GET_IFACE (self)->delete_asset (self, id, error)))
    emit_changes (self, _medialib_catalog_delete_changes (asset));

  return asset;
}

/**
 * medialib_catalog_set_prompt:
 *
 * Keeps the prompt a generated image was made from.
 */
gboolean
medialib_catalog_set_prompt (MedialibCatalog  *self,
                             gint64            id,
                             const char       *prompt,
                             GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (prompt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->set_prompt (self, id, prompt, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_ASSETS_CHANGED, &id, 1);
  return TRUE;
}

/**
 * medialib_catalog_create_label:
 *
 * Makes a tag or team, unless one of the same medialib_label_key() exists (then nothing
 * changes: the first spelling stays).
 */
gboolean
medialib_catalog_create_label (MedialibCatalog    *self,
                               MedialibLabelKind   kind,
                               const char         *name,
                               GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->create_label (self, kind, name, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_LABELS, NULL, 0);
  return TRUE;
}

/**
 * medialib_catalog_rename_label:
 *
 * Renames a tag or team everywhere; onto another existing one, merges the two.
 */
gboolean
medialib_catalog_rename_label (MedialibCatalog    *self,
                               MedialibLabelKind   kind,
                               const char         *name,
                               const char         *new_name,
                               GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->rename_label (self, kind, name, new_name, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_LABELS, NULL, 0);
  return TRUE;
}

/**
 * medialib_catalog_delete_label:
 *
 * Removes a tag or team from every asset, and the label itself.
 */
gboolean
medialib_catalog_delete_label (MedialibCatalog    *self,
                               MedialibLabelKind   kind,
                               const char         *name,
                               GError            **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->delete_label (self, kind, name, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_LABELS, NULL, 0);
  return TRUE;
}

/**
 * medialib_catalog_reserve_generation:
 * @since: the Unix time today started (local midnight)
 * @limit: the generations allowed a day; 0 for no limit
 * @reserved: (out): whether a generation may start: a slot of today's quota is its
 * @used: (out): today's generations before this one
 *
 * Takes one of today's generations before the server is asked, so that however many people
 * generate at the same moment, no more than @limit succeed in a day. The slot becomes a
 * generation with medialib_catalog_record_generation(), or is given back with
 * medialib_catalog_release_generation() when the generation fails or is cancelled. A local
 * library counts its recorded generations; a shared one keeps the day's count in one row
 * that a reservation locks.
 *
 * Returns: %FALSE with @error set when the quota could not be read
 */
gboolean
medialib_catalog_reserve_generation (MedialibCatalog  *self,
                                     gint64            since,
                                     guint             limit,
                                     gboolean         *reserved,
                                     guint            *used,
                                     GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (reserved != NULL, FALSE);
  g_return_val_if_fail (used != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!MEDIALIB_CATALOG_GET_IFACE (self)->reserve_generation (self, since, limit, reserved, used, error))
    return FALSE;

  if (*reserved)
    _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_GENERATIONS, NULL, 0);
  return TRUE;
}

/**
 * medialib_catalog_release_generation:
 * @since: the same as for the reservation
 *
 * Gives back a slot that medialib_catalog_reserve_generation() took, for a generation that
 * failed or was cancelled before it was recorded.
 */
void
medialib_catalog_release_generation (MedialibCatalog *self,
                                     gint64           since)
{
  g_return_if_fail (MEDIALIB_IS_CATALOG (self));

  MEDIALIB_CATALOG_GET_IFACE (self)->release_generation (self, since);
  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_GENERATIONS, NULL, 0);
}

/**
 * medialib_catalog_record_generation:
 *
 * Records a generation that succeeded, in the slot its reservation took.
 *
 * Returns: the generation's id, or 0 with @error set
 */
gint64
medialib_catalog_record_generation (MedialibCatalog  *self,
                                    const char       *prompt,
                                    const char       *model,
                                    guint             variants,
                                    GError          **error)
{
  gint64 id;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), 0);
  g_return_val_if_fail (prompt != NULL, 0);
  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((id = MEDIALIB_CATALOG_GET_IFACE (self)->record_generation (self, prompt, model, variants, error)) > 0)
    _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_GENERATIONS, NULL, 0);

  return id;
}

/**
 * medialib_catalog_copy_generation:
 * @generation: a generation of another library: its prompt, model, time and variants (its
 *   id is that library's, and not used)
 * @nth: which one it is, from 1, of that library's generations with the same prompt, model,
 *   time and variants
 * @copied: (out): whether it was recorded now (%FALSE: it was there already)
 *
 * Records a generation made in another library, as history, with its own time: the day's
 * quota is neither checked nor taken (a team library counts its days in a counter that only
 * medialib_catalog_reserve_generation() moves; a local library counts its rows, so there a
 * copy made today would count, but a push only goes to a team library). A generation has no identity beyond its four values, so the row is added
 * only while fewer than @nth generations have them: copying the same generations again, or
 * after an interruption, adds nothing twice.
 *
 * Returns: %FALSE with @error set when it could not be recorded
 */
gboolean
medialib_catalog_copy_generation (MedialibCatalog           *self,
                                  const MedialibGeneration  *generation,
                                  guint                      nth,
                                  gboolean                  *copied,
                                  GError                   **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (generation != NULL, FALSE);
  g_return_val_if_fail (generation->prompt != NULL, FALSE);
  g_return_val_if_fail (generation->model != NULL, FALSE);
  g_return_val_if_fail (nth >= 1, FALSE);
  g_return_val_if_fail (copied != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *copied = FALSE;
  if (!MEDIALIB_CATALOG_GET_IFACE (self)->copy_generation (self, generation, nth, copied, error))
    return FALSE;
  if (*copied)
    _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_GENERATIONS, NULL, 0);

  return TRUE;
}

/* --- Saved collections ----------------------------------------------------------------------- */

/**
 * medialib_catalog_list_collections:
 *
 * Returns: (transfer full) (element-type MedialibCollection): the saved collections, by
 *   name, not counted
 */
GPtrArray *
medialib_catalog_list_collections (MedialibCatalog  *self,
                                   GError          **error)
{
  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MEDIALIB_CATALOG_GET_IFACE (self)->list_collections (self, error);
}

/**
 * medialib_catalog_save_collection:
 * @name: a name medialib_collection_normalize_name() gave
 * @filters: medialib_query_to_json()'s text
 *
 * Saves a collection, replacing the one of the same medialib_collection_key() (which then
 * takes @name's spelling).
 */
gboolean
medialib_catalog_save_collection (MedialibCatalog  *self,
                                  const char       *name,
                                  const char       *filters,
                                  GError          **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (filters != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = medialib_collection_key (name);
  if (!MEDIALIB_CATALOG_GET_IFACE (self)->save_collection (self, name, key, filters, error))
    return FALSE;

  _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_COLLECTIONS, NULL, 0);
  return TRUE;
}

/**
 * medialib_catalog_delete_collection:
 * @deleted: (out): whether there was one of that name
 */
gboolean
medialib_catalog_delete_collection (MedialibCatalog  *self,
                                    const char       *name,
                                    gboolean         *deleted,
                                    GError          **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MEDIALIB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (deleted != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = medialib_collection_key (name);
  *deleted = FALSE;
  if (!MEDIALIB_CATALOG_GET_IFACE (self)->delete_collection (self, key, deleted, error))
    return FALSE;

  if (*deleted)
    _medialib_catalog_emit_change (self, MEDIALIB_CHANGE_COLLECTIONS, NULL, 0);
  return TRUE;
}
