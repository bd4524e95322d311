/* medialib-catalog-changes.c — for the catalogs' implementations: the changes a write
 * tells (MedialibCatalogChange lists), and the errors every backend words the same way
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-catalog.h"

static void
change_clear (MedialibCatalogChange *change)
{
  g_clear_pointer (&change->ids, g_array_unref);
}

GArray *
_medialib_catalog_changes_new (void)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (MedialibCatalogChange));

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  return changes;
}

/* Adds a change, unless it has no ids and should have some */
void
_medialib_catalog_changes_add (GArray             *changes,
                               MedialibChangeKind  kind,
                               const gint64       *ids,
                               guint               n_ids)
{
  MedialibCatalogChange change = { kind, g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids) };
  gboolean of_assets = kind <= MEDIALIB_CHANGE_ASSETS_REMOVED;

  if (of_assets && n_ids == 0)
    {
      g_array_unref (change.ids);
      return;
    }

  if (n_ids > 0)
    g_array_append_vals (change.ids, ids, n_ids);
  g_array_append_val (changes, change);
}

static gboolean
has_names (const char * const *names)
{
  return names != NULL && names[0] != NULL;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* New rows, rows that were there (their labels grew), and the labels when any were given */
GArray *
_medialib_catalog_add_changes (const MedialibNewAsset   *assets,
                               guint                     n_assets,
                               const MedialibAddedAsset *added)
{
  GArray *changes = _medialib_catalog_changes_new ();
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean labels = FALSE;

  for (guint i = 0; i < n_assets; i++)
    {
      gint64 id = added[i].id;

      /* The same bytes twice in a batch: one asset, new or not */
      if (!contains (new_ids, id) && !contains (old_ids, id))
        g_array_append_val (added[i].duplicate ? old_ids : new_ids, id);
      labels |= has_names (assets[i].tags) || has_names (assets[i].teams);
    }

  _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_ASSETS_ADDED, (const gint64 *) (gpointer) new_ids->data, new_ids->len);
  _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_ASSETS_CHANGED, (const gint64 *) (gpointer) old_ids->data, old_ids->len);
  if (labels)
    _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_LABELS, NULL, 0);

  return changes;
}

/* The assets a change of labels changed, and the labels */
GArray *
_medialib_catalog_label_changes (GPtrArray *done)
{
  GArray *changes = _medialib_catalog_changes_new ();
  g_autoptr(GArray) ids = medialib_label_changes_dup_ids (done);

  _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_ASSETS_CHANGED, (const gint64 *) ids->data, ids->len);
  if (ids->len > 0)
    _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_LABELS, NULL, 0);

  return changes;
}

GArray *
_medialib_catalog_edit_changes (gint64              id,
                                const MedialibEdit *edit)
{
  GArray *changes = _medialib_catalog_changes_new ();

  _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_ASSETS_CHANGED, &id, 1);
  if (has_names (edit->add_tags) || has_names (edit->remove_tags) ||
      has_names (edit->add_teams) || has_names (edit->remove_teams))
    _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_LABELS, NULL, 0);

  return changes;
}

/* The asset, and the labels when it had any (a tag no one carries any more goes away) */
GArray *
_medialib_catalog_delete_changes (MedialibAsset *asset)
{
  GArray *changes = _medialib_catalog_changes_new ();
  gint64 id = medialib_asset_get_id (asset);

  _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_ASSETS_REMOVED, &id, 1);
  if (has_names (medialib_asset_get_tags (asset)) || has_names (medialib_asset_get_teams (asset)))
    _medialib_catalog_changes_add (changes, MEDIALIB_CHANGE_LABELS, NULL, 0);

  return changes;
}

void
_medialib_catalog_not_found (GError **error,
                             gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: %s is a number */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no asset with id %s"), number);
}

/* A replacement of the content of an asset that another one replaced meanwhile */
void
_medialib_catalog_changed_meanwhile (GError **error,
                                     gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: %s is an asset's id */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, _("Asset %s was changed meanwhile: try again"), number);
}

/* A replacement whose content is an asset's already: @other, or @id itself */
void
_medialib_catalog_content_taken (GError **error,
                                 gint64   id,
                                 gint64   other)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, other);

  if (other == id)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE, _("the file is the asset’s content already"));
  else
    /* Translators: %s is an asset's id */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE, _("the file is asset %s already"), number);
}

void
_medialib_catalog_read_only (GError     **error,
                             const char  *library_dir)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("The library in %s is read-only: it can be viewed but not changed. Make the folder writable, or copy the library to a folder you can write to"),
               library_dir);
}
