/* medialib-collection.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-collection"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-collection.h"

/* A collection's name is shown in a sidebar row and typed on the command line */
#define MAX_NAME_CHARS 100

G_DEFINE_BOXED_TYPE (MedialibCollection, medialib_collection, medialib_collection_copy, medialib_collection_free)

MedialibCollection *
medialib_collection_new (const char *name,
                         const char *filters)
{
  MedialibCollection *collection;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (filters != NULL, NULL);

  collection = g_new0 (MedialibCollection, 1);
  collection->name = g_strdup (name);
  collection->filters = g_strdup (filters);
  collection->count = -1;
  return collection;
}

MedialibCollection *
medialib_collection_copy (const MedialibCollection *collection)
{
  MedialibCollection *copy;

  g_return_val_if_fail (collection != NULL, NULL);

  copy = medialib_collection_new (collection->name, collection->filters);
  copy->query = collection->query != NULL ? medialib_query_copy (collection->query) : NULL;
  copy->count = collection->count;
  return copy;
}

void
medialib_collection_free (MedialibCollection *collection)
{
  if (collection == NULL)
    return;

  g_free (collection->name);
  g_free (collection->filters);
  g_clear_pointer (&collection->query, medialib_query_free);
  g_free (collection);
}

/**
 * medialib_collection_normalize_name:
 *
 * Returns: (transfer full): @name without surrounding spaces, in NFC, or %NULL with
 *   %G_IO_ERROR_INVALID_ARGUMENT when it is empty, too long or has line breaks
 */
char *
medialib_collection_normalize_name (const char  *name,
                                    GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A collection’s name must be valid UTF-8 text"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A collection needs a name"));
      return NULL;
    }

  normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
  if (strpbrk (normalized, "\n\r\t") != NULL || g_utf8_strlen (normalized, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid collection name: use at most %d characters, without line breaks"),
                   stripped, MAX_NAME_CHARS);
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

/**
 * medialib_collection_key:
 * @name: a name medialib_collection_normalize_name() accepts
 *
 * Returns: (transfer full): what two names must share to be the same collection: their
 *   case-folded compatibility form ("Logos" and "LOGOS" are one collection)
 */
char *
medialib_collection_key (const char *name)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  return g_utf8_casefold (normalized != NULL ? normalized : name, -1);
}

/**
 * medialib_collection_to_json:
 *
 * Returns: (transfer full): {"name", "filters", "count"} (no count when not counted)
 */
JsonNode *
medialib_collection_to_json (const MedialibCollection *collection)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (collection != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, collection->name);
  json_builder_set_member_name (builder, "filters");
  if (collection->query != NULL)
    json_builder_add_value (builder, medialib_query_to_json_node (collection->query));
  else if (json_parser_load_from_data (parser, collection->filters, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  if (collection->count >= 0)
    {
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, collection->count);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
