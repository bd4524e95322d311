/* medialib-query.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-query"

#include "config.h"

#include "medialib-palette.h"
#include "medialib-query.h"

G_DEFINE_BOXED_TYPE (MedialibQuery, medialib_query, medialib_query_copy, medialib_query_free)

MedialibQuery *
medialib_query_new (void)
{
  MedialibQuery *query = g_new0 (MedialibQuery, 1);

  query->color_distance = MEDIALIB_COLOR_DISTANCE_DEFAULT;
  return query;
}

MedialibQuery *
medialib_query_copy (const MedialibQuery *query)
{
  MedialibQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = medialib_query_new ();
  copy->text = g_strdup (query->text);
  copy->tags = g_strdupv (query->tags);
  copy->teams = g_strdupv (query->teams);
  copy->kind = query->kind;
  copy->sort = query->sort;
  copy->offset = query->offset;
  copy->limit = query->limit;
  copy->similar_to = query->similar_to;
  copy->max_distance = query->max_distance;
  copy->ids = query->ids != NULL ? g_array_copy (query->ids) : NULL;
  copy->fits = g_strdup (query->fits);
  copy->color = g_strdup (query->color);
  copy->color_distance = query->color_distance;
  copy->source = g_strdup (query->source);
  copy->added_since = query->added_since;

  return copy;
}

void
medialib_query_free (MedialibQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->text);
  g_strfreev (query->tags);
  g_strfreev (query->teams);
  g_free (query->color);
  g_clear_pointer (&query->ids, g_array_unref);
  g_free (query->fits);
  g_free (query->source);
  g_free (query);
}

/**
 * medialib_query_to_fts_match:
 * @text: what the person typed
 *
 * Turns typed text into an FTS5 expression where every word is a quoted prefix query, so
 * that nothing typed is taken as FTS5 syntax. Case and accents are folded by the table's
 * tokenizer.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when @text has no words
 */
char *
medialib_query_to_fts_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

gboolean
medialib_sort_from_string (const char   *text,
                           MedialibSort *sort)
{
  g_return_val_if_fail (sort != NULL, FALSE);

  if (g_strcmp0 (text, "added") == 0)
    *sort = MEDIALIB_SORT_ADDED;
  else if (g_strcmp0 (text, "name") == 0)
    *sort = MEDIALIB_SORT_NAME;
  else if (g_strcmp0 (text, "size") == 0)
    *sort = MEDIALIB_SORT_SIZE;
  else
    return FALSE;

  return TRUE;
}
