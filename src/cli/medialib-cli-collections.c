/* medialib-cli-collections.c — collections, collection save|delete, list --collection
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "medialib-cli-private.h"

/* Narrows @query by the collection named @name; prints why not */
gboolean
add_collection_filters (MedialibStore *store,
                        const char    *name,
                        MedialibQuery *query)
{
  g_autoptr(MedialibCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  if (!(collection = medialib_store_get_collection (store, name, &error)))
    {
      print_error (NULL, error->message);
      return FALSE;
    }

  medialib_query_add_filters (query, collection->query);
  return TRUE;
}

static void
print_collection (MedialibCollection *collection)
{
  g_autofree char *filters = medialib_query_to_json (collection->query);
  g_autofree char *name = printable (collection->name);

  printf ("%s\t%" G_GINT64_FORMAT "\t%s\n", name, collection->count, filters);
}

int
cmd_collections (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("collections", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), "collections", argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(collections = medialib_store_list_collections (store, TRUE, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (collections->len);

      for (guint i = 0; i < collections->len; i++)
        json_array_add_element (array, medialib_collection_to_json (g_ptr_array_index (collections, i)));
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < collections->len; i++)
        print_collection (g_ptr_array_index (collections, i));
    }

  return MEDIALIB_EXIT_OK;
}

/* `collection save NAME [list filters]`: saved, or replaced when the name exists */
static int
collection_save (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(MedialibCollection) saved = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_list_filters ("collection save", _("NAME"), &argc, &argv, query, &from, &status))
    return status;
  if (argc < 2)
    return usage_error (_("collection save: which name? (collection save NAME [list filters]…)"));
  if (argc > 2)
    return usage_error (_("collection save: unexpected argument “%s”"), argv[2]);
  if (!(name = medialib_collection_normalize_name (argv[1], &error)))
    return usage_error ("collection save: %s", error->message);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  /* --collection: another collection's filters, narrowed by the rest */
  if (from != NULL && !add_collection_filters (store, from, query))
    return MEDIALIB_EXIT_PARTIAL;

  if (!medialib_store_save_collection (store, name, query, &error) ||
      !(saved = medialib_store_get_collection (store, name, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  {
    g_autoptr(GPtrArray) queries = g_ptr_array_new ();
    g_autoptr(GArray) counts = NULL;

    g_ptr_array_add (queries, saved->query);
    if (!(counts = medialib_store_count_queries (store, queries, &error)))
      {
        print_error (NULL, error->message);
        return MEDIALIB_EXIT_PARTIAL;
      }
    saved->count = g_array_index (counts, gint64, 0);
  }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_collection_to_json (saved);

      print_json (node);
    }
  else
    print_collection (saved);

  return MEDIALIB_EXIT_OK;
}

static int
collection_delete (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("collection delete", _("NAME"), entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (_("collection delete: which collection? (collection delete NAME)"));
  if (argc > 2)
    return usage_error (_("collection delete: unexpected argument “%s”"), argv[2]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!medialib_store_delete_collection (store, argv[1], &error))
    {
      print_error (NULL, error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? MEDIALIB_EXIT_USAGE
                                                                               : MEDIALIB_EXIT_PARTIAL;
    }

  return MEDIALIB_EXIT_OK;
}

int
cmd_collection (Globals  *globals,
                int       argc,
                char    **argv)
{
  /* argv: ["collection", "save"|"delete", …] */
  if (argc < 2 || argv[1][0] == '-')
    return usage_error (_("collection: “save” or “delete”?"));

  if (g_str_equal (argv[1], "save"))
    return collection_save (globals, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "delete"))
    return collection_delete (globals, argc - 1, argv + 1);

  return usage_error (_("collection: “save” or “delete”, not “%s”"), argv[1]);
}
