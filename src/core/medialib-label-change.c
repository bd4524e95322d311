/* medialib-label-change.c — a tag or team added to or removed from many assets at once
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-label"

#include "config.h"

#include "medialib-label-change.h"

MedialibLabelChange *
medialib_label_change_new (MedialibLabelKind  kind,
                           const char        *name,
                           gboolean           add,
                           const gint64      *ids,
                           guint              n_ids)
{
  MedialibLabelChange *change;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  change = g_new0 (MedialibLabelChange, 1);
  change->kind = kind;
  change->name = g_strdup (name);
  change->add = !!add;
  change->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (change->ids, ids, n_ids);

  return change;
}

void
medialib_label_change_free (MedialibLabelChange *change)
{
  if (change == NULL)
    return;

  g_free (change->name);
  g_clear_pointer (&change->ids, g_array_unref);
  g_free (change);
}

/**
 * medialib_label_changes_new:
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): an empty list
 */
GPtrArray *
medialib_label_changes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_label_change_free);
}

/**
 * medialib_label_changes_invert:
 * @done: (element-type MedialibLabelChange): what medialib_store_change_labels() did
 *
 * Returns: (transfer full) (element-type MedialibLabelChange): the changes that undo @done:
 *   the same assets, in the reverse order, each addition a removal and the reverse
 */
GPtrArray *
medialib_label_changes_invert (GPtrArray *done)
{
  GPtrArray *undo;

  g_return_val_if_fail (done != NULL, NULL);

  undo = medialib_label_changes_new ();
  for (guint i = done->len; i > 0; i--)
    {
      const MedialibLabelChange *change = g_ptr_array_index (done, i - 1);

      g_ptr_array_add (undo, medialib_label_change_new (change->kind, change->name, !change->add,
                                                        (const gint64 *) change->ids->data, change->ids->len));
    }

  return undo;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * medialib_label_changes_dup_ids:
 *
 * Returns: (transfer full) (element-type gint64): every asset @changes name, once, in
 *   ascending order
 */
GArray *
medialib_label_changes_dup_ids (GPtrArray *changes)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint kept = 0;

  g_return_val_if_fail (changes != NULL, ids);

  for (guint i = 0; i < changes->len; i++)
    {
      const MedialibLabelChange *change = g_ptr_array_index (changes, i);

      g_array_append_vals (ids, change->ids->data, change->ids->len);
    }

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, kept - 1))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);

  return ids;
}

/* Whether any of @changes removes a label (a removed tag may then go away) */
gboolean
medialib_label_changes_removes (GPtrArray *changes)
{
  g_return_val_if_fail (changes != NULL, FALSE);

  for (guint i = 0; i < changes->len; i++)
    {
      const MedialibLabelChange *change = g_ptr_array_index (changes, i);

      if (!change->add && change->ids->len > 0)
        return TRUE;
    }

  return FALSE;
}
