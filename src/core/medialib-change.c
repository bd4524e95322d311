/* medialib-change.c — what changed in a library, and how a change travels between members
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-change"

#include "config.h"

#include <string.h>

#include "medialib-change.h"

/*
 * A team library's writes tell the other members what they changed with a PostgreSQL
 * notice (NOTIFY, sent in the write's own transaction, so only committed changes are told).
 * Its text is small and plain: the writer's session (so that a store skips its own
 * notices: it has told its window already), a letter for the kind, and the assets' ids:
 *
 *   "3f2a9c0d1e4b5a67 a 12,13,14"    three assets added
 *   "3f2a9c0d1e4b5a67 l"             tags or teams changed
 *   "3f2a9c0d1e4b5a67 k"             saved collections changed
 *
 * A change whose ids do not fit in MEDIALIB_CHANGE_MAX_PAYLOAD becomes a resync ("s"): the
 * other members read everything again, which is what a big batch costs them anyway.
 */

static const char letters[] = "acrlgsk";  /* by MedialibChangeKind */

GType
medialib_change_kind_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { MEDIALIB_CHANGE_ASSETS_ADDED, "MEDIALIB_CHANGE_ASSETS_ADDED", "assets-added" },
    { MEDIALIB_CHANGE_ASSETS_CHANGED, "MEDIALIB_CHANGE_ASSETS_CHANGED", "assets-changed" },
    { MEDIALIB_CHANGE_ASSETS_REMOVED, "MEDIALIB_CHANGE_ASSETS_REMOVED", "assets-removed" },
    { MEDIALIB_CHANGE_LABELS, "MEDIALIB_CHANGE_LABELS", "labels" },
    { MEDIALIB_CHANGE_GENERATIONS, "MEDIALIB_CHANGE_GENERATIONS", "generations" },
    { MEDIALIB_CHANGE_RESYNC, "MEDIALIB_CHANGE_RESYNC", "resync" },
    { MEDIALIB_CHANGE_COLLECTIONS, "MEDIALIB_CHANGE_COLLECTIONS", "collections" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("MedialibChangeKind"), values));

  return type;
}

/**
 * medialib_change_encode:
 * @session: the writer's session: letters and digits, no space
 * @ids: (array length=n_ids) (nullable): the assets' ids
 *
 * Returns: (transfer full): the notice's text, at most MEDIALIB_CHANGE_MAX_PAYLOAD bytes: a
 *   resync when the ids do not fit
 */
char *
medialib_change_encode (const char          *session,
                        MedialibChangeKind   kind,
                        const gint64        *ids,
                        guint                n_ids)
{
  GString *text;

  g_return_val_if_fail (session != NULL && strchr (session, ' ') == NULL, NULL);
  g_return_val_if_fail (kind <= MEDIALIB_CHANGE_COLLECTIONS, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  text = g_string_new (session);
  g_string_append_c (text, ' ');
  g_string_append_c (text, letters[kind]);

  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append_printf (text, "%c%" G_GINT64_FORMAT, i == 0 ? ' ' : ',', ids[i]);
      if (text->len > MEDIALIB_CHANGE_MAX_PAYLOAD)
        {
          g_string_printf (text, "%s %c", session, letters[MEDIALIB_CHANGE_RESYNC]);
          break;
        }
    }

  return g_string_free (text, FALSE);
}

/**
 * medialib_change_decode:
 * @session: (out) (transfer full): the writer's session
 * @ids: (out) (transfer full): the assets' ids (gint64), perhaps none
 *
 * Returns: whether @payload is a notice medialib_change_encode() made; nothing is set
 *   otherwise
 */
gboolean
medialib_change_decode (const char          *payload,
                        char               **session,
                        MedialibChangeKind  *kind,
                        GArray             **ids)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) list = NULL;
  const char *letter;

  g_return_val_if_fail (payload != NULL, FALSE);

  parts = g_strsplit (payload, " ", 4);
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3 || parts[0][0] == '\0' ||
      strlen (parts[1]) != 1 || !(letter = strchr (letters, parts[1][0])))
    return FALSE;

  list = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (parts[2] != NULL)
    {
      g_auto(GStrv) numbers = g_strsplit (parts[2], ",", -1);

      for (guint i = 0; numbers[i] != NULL; i++)
        {
          guint64 value;
          gint64 id;

          if (!g_ascii_string_to_unsigned (numbers[i], 10, 1, G_MAXINT64, &value, NULL))
            return FALSE;
          id = (gint64) value;
          g_array_append_val (list, id);
        }
    }

  *session = g_strdup (parts[0]);
  *kind = (MedialibChangeKind) (letter - letters);
  *ids = g_steal_pointer (&list);
  return TRUE;
}
