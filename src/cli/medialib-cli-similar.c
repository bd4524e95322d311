/* medialib-cli-similar.c — similar, duplicates
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

/* Both read the perceptual hashes the catalog keeps: nothing is decoded, the light
 * `medialib` runs them */

static JsonNode *
asset_with_distance (MedialibAsset *asset,
                     guint64        hash)
{
  JsonNode *node = medialib_asset_to_json (asset);
  guint64 other = 0;

  medialib_asset_get_phash (asset, &other);
  json_object_set_int_member (json_node_get_object (node), "distance", medialib_phash_distance (hash, other));
  return node;
}

static void
print_line_with_distance (MedialibAsset *asset,
                          guint64        hash)
{
  guint64 other = 0;

  medialib_asset_get_phash (asset, &other);
  printf ("%u\t", medialib_phash_distance (hash, other));
  print_asset_line (asset);
}

static gboolean
parse_distance (const char *command,
                const char *text,
                guint       max,
                guint      *distance,
                int        *status)
{
  guint64 value;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    {
      *status = usage_error (_("%s: --max-distance is a number from 0 to %u, not “%s”"), command, max, text);
      return FALSE;
    }

  *distance = (guint) value;
  return TRUE;
}

/* An older library's images whose likeness is not computed yet: computed here in
 * medialib-cli-full, which decodes their thumbnails; the light `medialib` hands the whole
 * command line to it (MEDIALIB_CLI_RUN_FULL). TRUE to go on; a failure to compute is said and
 * the command goes on with the images that have theirs. */
static gboolean
compute_missing (MedialibStore *store,
                 int           *status)
{
  g_autoptr(GError) error = NULL;
  gboolean has = FALSE;

  if (!medialib_store_has_unhashed (store, &has, &error))
    {
      print_error (NULL, error->message);
      *status = MEDIALIB_EXIT_PARTIAL;
      return FALSE;
    }
  if (!has)
    return TRUE;

  if (_medialib_cli_compute_phashes == NULL)
    {
      *status = MEDIALIB_CLI_RUN_FULL;
      return FALSE;
    }
  if (!_medialib_cli_compute_phashes (store, &error))
    print_error (NULL, error->message);
  return TRUE;
}

int
cmd_similar (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *max_distance = NULL;
  GOptionEntry entries[] = {
    { "max-distance", 0, 0, G_OPTION_ARG_STRING, &max_distance,
      N_("How many of the 64 bits of the likeness may differ (default 10)"), N_("N") },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) source = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;
  guint64 hash = 0;

  query->max_distance = MEDIALIB_PHASH_SIMILAR_DISTANCE;
  if (!parse_options ("similar", _("ID"), entries, &argc, &argv, &status) ||
      !parse_distance ("similar", max_distance, 64, &query->max_distance, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len > 1)
    return usage_error (_("similar: give one asset id"));

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;
  if (!compute_missing (store, &status))
    return status;

  query->similar_to = g_array_index (ids, gint64, 0);
  if (!(source = medialib_store_get_similar_source (store, query->similar_to, &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }
  medialib_asset_get_phash (source, &hash);

  if (!(assets = medialib_store_search (store, query, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (assets->len);

      for (guint i = 0; i < assets->len; i++)
        json_array_add_element (array, asset_with_distance (g_ptr_array_index (assets, i), hash));
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < assets->len; i++)
        print_line_with_distance (g_ptr_array_index (assets, i), hash);
    }

  return MEDIALIB_EXIT_OK;
}

int
cmd_duplicates (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autofree char *max_distance = NULL;
  GOptionEntry entries[] = {
    { "max-distance", 0, 0, G_OPTION_ARG_STRING, &max_distance,
      N_("How many of the 64 bits of the likeness may differ (default 6, at most 11)"), N_("N") },
    { NULL }
  };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;
  guint distance = MEDIALIB_PHASH_DUPLICATE_DISTANCE;

  if (!parse_options ("duplicates", "", entries, &argc, &argv, &status) ||
      !parse_distance ("duplicates", max_distance, MEDIALIB_PHASH_GROUP_MAX_DISTANCE, &distance, &status))
    return status;
  if (argc > 1)
    return usage_error (_("duplicates: unexpected argument “%s”"), argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;
  if (!compute_missing (store, &status))
    return status;

  if (!(groups = medialib_store_find_duplicates (store, distance, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  /* Each group: its first asset, then the others with their distance to it */
  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (groups->len);

      for (guint g = 0; g < groups->len; g++)
        {
          GPtrArray *group = g_ptr_array_index (groups, g);
          JsonArray *members = json_array_sized_new (group->len);
          guint64 hash = 0;

          medialib_asset_get_phash (g_ptr_array_index (group, 0), &hash);
          for (guint i = 0; i < group->len; i++)
            json_array_add_element (members, asset_with_distance (g_ptr_array_index (group, i), hash));
          json_array_add_array_element (array, members);
        }
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      for (guint g = 0; g < groups->len; g++)
        {
          GPtrArray *group = g_ptr_array_index (groups, g);
          guint64 hash = 0;

          if (g > 0)
            printf ("\n");
          medialib_asset_get_phash (g_ptr_array_index (group, 0), &hash);
          for (guint i = 0; i < group->len; i++)
            print_line_with_distance (g_ptr_array_index (group, i), hash);
        }
    }

  return MEDIALIB_EXIT_OK;
}
