/* medialib-query-json.c — a query's filters as JSON, for saved collections
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-query"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "medialib-palette.h"
#include "medialib-query.h"

/*
 * A saved collection keeps the filters of its search as a JSON object whose members are
 * the filters that are set, by name:
 *
 *   {"text": "logo", "tags": ["brand"], "kind": "image", "sort": "name"}
 *
 * Each filter is one line of the table below: a new field of MedialibQuery is saved and
 * read back by adding its line. What a search pages (offset, limit) and the window's own
 * ids are not filters. A member this version does not know is skipped, so that a
 * collection saved by a newer version still opens.
 *
 * The same table combines a collection with more filters (`list --collection NAME --tag
 * T`): words and lists add up, and a single value given besides the collection's wins.
 */

typedef enum
{
  FIELD_STRING,  /* char *, NULL or "" unset */
  FIELD_STRV,    /* char **, NULL or empty unset */
  FIELD_INT64,   /* gint64, 0 unset */
  FIELD_UINT,    /* guint, 0 unset */
  FIELD_DOUBLE,  /* double, unset at a new query's value (DOUBLE_UNSET) */
  FIELD_KIND,    /* MedialibAssetKind, "image" or "contact"; ANY unset */
  FIELD_SORT,    /* MedialibSort, "added", "name" or "size"; ADDED unset */
} FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gsize       offset;
} Field;

#define FIELD(name, type, member) { name, type, G_STRUCT_OFFSET (MedialibQuery, member) }

/* The words of "text" add up when filters are combined (medialib_query_add_filters()) */
#define TEXT_FIELD "text"

static const Field fields[] = {
  FIELD (TEXT_FIELD, FIELD_STRING, text),
  FIELD ("tags", FIELD_STRV, tags),
  FIELD ("teams", FIELD_STRV, teams),
  FIELD ("kind", FIELD_KIND, kind),
  FIELD ("source", FIELD_STRING, source),
  FIELD ("added_since", FIELD_INT64, added_since),
  FIELD ("similar_to", FIELD_INT64, similar_to),
  FIELD ("max_distance", FIELD_UINT, max_distance),
  FIELD ("color", FIELD_STRING, color),
  FIELD ("color_distance", FIELD_DOUBLE, color_distance),
  FIELD ("fits", FIELD_STRING, fits),
  FIELD ("sort", FIELD_SORT, sort),
};

/* The one double, color_distance, as medialib_query_new() sets it */
#define DOUBLE_UNSET MEDIALIB_COLOR_DISTANCE_DEFAULT

static const char * const sorts[] = { "added", "name", "size" };  /* by MedialibSort */

#define MEMBER(query, field, type) (*(type *) (gpointer) ((guint8 *) (query) + (field)->offset))

static void
add_field (JsonBuilder         *builder,
           const MedialibQuery *query,
           const Field         *field)
{
  switch (field->type)
    {
    case FIELD_STRING:
      {
        const char *value = MEMBER (query, field, char *);

        if (value == NULL || value[0] == '\0')
          return;
        json_builder_set_member_name (builder, field->name);
        json_builder_add_string_value (builder, value);
        return;
      }
    case FIELD_STRV:
      {
        char **value = MEMBER (query, field, char **);

        if (value == NULL || value[0] == NULL)
          return;
        json_builder_set_member_name (builder, field->name);
        json_builder_begin_array (builder);
        for (guint i = 0; value[i] != NULL; i++)
          json_builder_add_string_value (builder, value[i]);
        json_builder_end_array (builder);
        return;
      }
    case FIELD_INT64:
      if (MEMBER (query, field, gint64) == 0)
        return;
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, MEMBER (query, field, gint64));
      return;
    case FIELD_UINT:
      if (MEMBER (query, field, guint) == 0)
        return;
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, MEMBER (query, field, guint));
      return;
    case FIELD_DOUBLE:
      if (MEMBER (query, field, double) == DOUBLE_UNSET)
        return;
      json_builder_set_member_name (builder, field->name);
      json_builder_add_double_value (builder, MEMBER (query, field, double));
      return;
    case FIELD_KIND:
      if (MEMBER (query, field, MedialibAssetKind) == MEDIALIB_ASSET_KIND_ANY)
        return;
      json_builder_set_member_name (builder, field->name);
      json_builder_add_string_value (builder, medialib_asset_kind_to_string (MEMBER (query, field, MedialibAssetKind)));
      return;
    case FIELD_SORT:
      {
        MedialibSort sort = MEMBER (query, field, MedialibSort);

        if (sort == MEDIALIB_SORT_ADDED || sort >= G_N_ELEMENTS (sorts))
          return;
        json_builder_set_member_name (builder, field->name);
        json_builder_add_string_value (builder, sorts[sort]);
        return;
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * medialib_query_to_json_node:
 *
 * Returns: (transfer full): a JSON object of @query's filters that are set
 */
JsonNode *
medialib_query_to_json_node (const MedialibQuery *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (query != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    add_field (builder, query, &fields[i]);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * medialib_query_to_json:
 *
 * Returns: (transfer full): the text of medialib_query_to_json_node()
 */
char *
medialib_query_to_json (const MedialibQuery *query)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  node = medialib_query_to_json_node (query);
  return json_to_string (node, FALSE);
}

static gboolean
read_field (MedialibQuery  *query,
            const Field    *field,
            JsonNode       *node)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (field->type)
    {
    case FIELD_STRING:
      if (value_type != G_TYPE_STRING)
        return FALSE;
      g_free (MEMBER (query, field, char *));
      MEMBER (query, field, char *) = g_strdup (json_node_get_string (node));
      return TRUE;
    case FIELD_STRV:
      {
        JsonArray *array;
        GStrvBuilder *builder;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        array = json_node_get_array (node);
        builder = g_strv_builder_new ();
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              {
                g_strv_builder_unref (builder);
                return FALSE;
              }
            g_strv_builder_add (builder, json_node_get_string (element));
          }
        g_strfreev (MEMBER (query, field, char **));
        MEMBER (query, field, char **) = g_strv_builder_unref_to_strv (builder);
        return TRUE;
      }
    case FIELD_INT64:
      if (value_type != G_TYPE_INT64)
        return FALSE;
      MEMBER (query, field, gint64) = json_node_get_int (node);
      return TRUE;
    case FIELD_UINT:
      if (value_type != G_TYPE_INT64 || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT)
        return FALSE;
      MEMBER (query, field, guint) = (guint) json_node_get_int (node);
      return TRUE;
    case FIELD_DOUBLE:
      if (value_type != G_TYPE_DOUBLE && value_type != G_TYPE_INT64)
        return FALSE;
      MEMBER (query, field, double) = json_node_get_double (node);
      return TRUE;
    case FIELD_KIND:
      return value_type == G_TYPE_STRING &&
             medialib_asset_kind_from_string (json_node_get_string (node), &MEMBER (query, field, MedialibAssetKind));
    case FIELD_SORT:
      return value_type == G_TYPE_STRING &&
             medialib_sort_from_string (json_node_get_string (node), &MEMBER (query, field, MedialibSort));
    default:
      g_assert_not_reached ();
    }
}

/**
 * medialib_query_new_from_json:
 * @json: what medialib_query_to_json() gave
 *
 * Returns: (transfer full): the query of those filters, or %NULL with
 *   %G_IO_ERROR_INVALID_DATA when @json is not such an object
 */
MedialibQuery *
medialib_query_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;

  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      JsonNode *node = json_object_get_member (object, fields[i].name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !read_field (query, &fields[i], node))
        goto invalid;
    }

  return g_steal_pointer (&query);

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The saved filters are not readable: %s"), json);
  return NULL;
}

static gboolean
field_is_set (const MedialibQuery *query,
              const Field         *field)
{
  switch (field->type)
    {
    case FIELD_STRING:
      return MEMBER (query, field, char *) != NULL && MEMBER (query, field, char *)[0] != '\0';
    case FIELD_STRV:
      return MEMBER (query, field, char **) != NULL && MEMBER (query, field, char **)[0] != NULL;
    case FIELD_INT64:
      return MEMBER (query, field, gint64) != 0;
    case FIELD_UINT:
      return MEMBER (query, field, guint) != 0;
    case FIELD_DOUBLE:
      return MEMBER (query, field, double) != DOUBLE_UNSET;
    case FIELD_KIND:
      return MEMBER (query, field, MedialibAssetKind) != MEDIALIB_ASSET_KIND_ANY;
    case FIELD_SORT:
      return MEMBER (query, field, MedialibSort) != MEDIALIB_SORT_ADDED;
    default:
      g_assert_not_reached ();
    }
}

static char **
strv_union (char * const *first,
            char * const *second)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; first != NULL && first[i] != NULL; i++)
    g_strv_builder_add (builder, first[i]);
  for (guint i = 0; second != NULL && second[i] != NULL; i++)
    if (first == NULL || !g_strv_contains ((const char * const *) first, second[i]))
      g_strv_builder_add (builder, second[i]);

  return g_strv_builder_end (builder);
}

/**
 * medialib_query_add_filters:
 * @query: a search, changed
 * @filters: more filters (a saved collection's)
 *
 * Narrows @query by @filters: the words of their texts and their lists of tags and teams
 * add up; a single value set in @query (its kind, its sort…) stays, one it lacks is taken
 * from @filters.
 */
void
medialib_query_add_filters (MedialibQuery       *query,
                            const MedialibQuery *filters)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (filters != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *field = &fields[i];

      if (!field_is_set (filters, field))
        continue;

      if (field->type == FIELD_STRV)
        {
          char **joined = strv_union (MEMBER (query, field, char **), MEMBER (filters, field, char **));

          g_strfreev (MEMBER (query, field, char **));
          MEMBER (query, field, char **) = joined;
        }
      else if (field->type == FIELD_STRING && g_str_equal (field->name, TEXT_FIELD) && field_is_set (query, field))
        {
          char *joined = g_strconcat (MEMBER (filters, field, char *), " ", MEMBER (query, field, char *), NULL);

          g_free (MEMBER (query, field, char *));
          MEMBER (query, field, char *) = joined;
        }
      else if (!field_is_set (query, field))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) node = NULL;
          JsonNode *value;

          /* Copied through its JSON value: one way of copying for every type */
          json_builder_begin_object (builder);
          add_field (builder, filters, field);
          json_builder_end_object (builder);
          node = json_builder_get_root (builder);
          value = json_object_get_member (json_node_get_object (node), field->name);
          if (!read_field (query, field, value))
            g_assert_not_reached ();
        }
    }
}
