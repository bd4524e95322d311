/* medialib-cli-library.c — list, info, edit, tags, teams, delete
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "medialib-cli-private.h"
#include "medialib-preset.h"

/* --- Library commands (import: medialib-cli-import.c) --- */

/* --color and --color-distance into @query; FALSE with @status set for a usage error */
static gboolean
parse_color_options (const char    *color,
                     const char    *distance,
                     MedialibQuery *query,
                     int           *status)
{
  guint8 red, green, blue;

  if (color == NULL && distance == NULL)
    return TRUE;
  if (color == NULL)
    {
      *status = usage_error (_("list: --color-distance goes with --color"));
      return FALSE;
    }
  if (!medialib_color_parse (color, &red, &green, &blue))
    {
      *status = usage_error (_("list: --color is a colour written “#RRGGBB”, not “%s”"), color);
      return FALSE;
    }
  query->color = medialib_color_to_hex (red, green, blue);

  if (distance != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (distance, &end);

      if (end == distance || *end != '\0' || !isfinite (value) || value < 0 || value > 100)
        {
          *status = usage_error (_("list: --color-distance is a number from 0 to 100, not “%s”"), distance);
          return FALSE;
        }
      query->color_distance = value;
    }

  return TRUE;
}

/* The filters of `list`, which `collection save` keeps: parsed out of @argv into @query;
 * --collection's name in @collection. FALSE with @status set when the command ends here. */
gboolean
parse_list_filters (const char      *command,
                    const char      *parameters,
                    int             *argc,
                    char          ***argv,
                    MedialibQuery   *query,
                    char           **collection,
                    int             *status)
{
  g_autofree char *text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *sort = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) teams = NULL;
  g_autofree char *fits = NULL;
  g_autofree char *color = NULL;
  g_autofree char *color_distance = NULL;
  GOptionEntry entries[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &text, N_("Words that begin words of the name, tags or teams"), N_("TEXT") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Only assets with this tag"), N_("TAG") },
    { "team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &teams, N_("Only assets of this team"), N_("TEAM") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only images or only contacts"), "image|contact" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Newest first, by name, or largest first"), "added|name|size" },
    { "fits", 0, 0, G_OPTION_ARG_STRING, &fits, N_("Only images usable as they are for this channel preset (see “medialib presets”)"), N_("PRESET") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color,
      N_("Only images with a dominant colour near this one, the nearest first"), "#RRGGBB" },
    { "color-distance", 0, 0, G_OPTION_ARG_STRING, &color_distance,
      N_("How near, in CIEDE2000 ΔE (default 12)"), N_("DISTANCE") },
    { "collection", 0, 0, G_OPTION_ARG_STRING, collection, N_("Only the assets of this saved collection"), N_("NAME") },
    { NULL }
  };

  if (!parse_options (command, parameters, entries, argc, argv, status))
    return FALSE;
  if (kind != NULL &&
      (!medialib_asset_kind_from_string (kind, &query->kind) || query->kind == MEDIALIB_ASSET_KIND_ANY))
    {
      *status = usage_error (_("%s: --kind is “image” or “contact”, not “%s”"), command, kind);
      return FALSE;
    }
  if (sort != NULL && !medialib_sort_from_string (sort, &query->sort))
    {
      *status = usage_error (_("%s: --sort is “added”, “name” or “size”, not “%s”"), command, sort);
      return FALSE;
    }
  if (!parse_color_options (color, color_distance, query, status))
    return FALSE;
  if (fits != NULL && medialib_presets_lookup (fits) == NULL)
    {
      *status = usage_error (_("%s: no channel preset is called “%s”: “medialib presets” lists their keys"), command, fits);
      return FALSE;
    }

  query->text = g_steal_pointer (&text);
  query->tags = g_steal_pointer (&tags);
  query->teams = g_steal_pointer (&teams);
  query->fits = g_steal_pointer (&fits);
  return TRUE;
}

int
cmd_list (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *collection = NULL;
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_list_filters ("list", "", &argc, &argv, query, &collection, &status))
    return status;
  if (argc > 1)
    return usage_error (_("list: unexpected argument “%s”"), argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (collection != NULL && !add_collection_filters (store, collection, query))
    return MEDIALIB_EXIT_PARTIAL;

  /* A colour search on a library older than palettes: its images' palettes first, in
   * medialib-cli-full, which decodes their thumbnails (the light `medialib` hands it the
   * command line) */
  if (query->color != NULL)
    {
      gboolean missing = FALSE;

      if (!medialib_store_has_missing_palettes (store, &missing, &error))
        {
          print_error (NULL, error->message);
          return MEDIALIB_EXIT_PARTIAL;
        }
      if (missing && _medialib_cli_fill_palettes == NULL)
        return MEDIALIB_CLI_RUN_FULL;
      if (missing)
        _medialib_cli_fill_palettes (store);
    }

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
        json_array_add_element (array, medialib_asset_to_json (g_ptr_array_index (assets, i)));
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < assets->len; i++)
        print_asset_line (g_ptr_array_index (assets, i));
    }

  return MEDIALIB_EXIT_OK;
}

int
cmd_info (Globals  *globals,
          int       argc,
          char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("info", _("ID"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;
  if (ids->len > 1)
    return usage_error (_("info: give one asset id"));

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(asset = medialib_store_get_asset (store, g_array_index (ids, gint64, 0), &error)))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_asset_to_json (asset);
      print_json (node);
    }
  else
    print_asset_details (asset);

  return MEDIALIB_EXIT_OK;
}

int
cmd_edit (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_auto(GStrv) add_tags = NULL;
  g_auto(GStrv) remove_tags = NULL;
  g_auto(GStrv) add_teams = NULL;
  g_auto(GStrv) remove_teams = NULL;
  g_autofree char *rename = NULL;
  g_autofree char *alt = NULL;
  GOptionEntry entries[] = {
    { "add-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_tags, N_("Add this tag"), N_("TAG") },
    { "remove-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_tags, N_("Remove this tag"), N_("TAG") },
    { "add-team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_teams, N_("Assign to this team"), N_("TEAM") },
    { "remove-team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_teams, N_("Remove from this team"), N_("TEAM") },
    { "rename", 0, 0, G_OPTION_ARG_STRING, &rename, N_("Give the asset this name"), N_("NAME") },
    { "alt", 0, 0, G_OPTION_ARG_STRING, &alt, N_("Set the image’s alt text (at most 1,000 characters; '' removes it)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  MedialibEdit edit = { 0 };
  int status = MEDIALIB_EXIT_OK;

  json_node_take_array (root, array);

  if (!parse_options ("edit", _("ID…"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;

  if (!add_tags && !remove_tags && !add_teams && !remove_teams && !rename && !alt)
    return usage_error (_("edit: say what to change (--add-tag, --remove-tag, --add-team, --remove-team, --rename or --alt)"));

  edit.add_tags = (const char * const *) add_tags;
  edit.remove_tags = (const char * const *) remove_tags;
  edit.add_teams = (const char * const *) add_teams;
  edit.remove_teams = (const char * const *) remove_teams;
  edit.rename = rename;
  edit.alt = alt;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedialibAsset) asset = NULL;
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (!medialib_store_edit (store, id, &edit, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
            return usage_error ("edit: %s", error->message);

          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (!(asset = medialib_store_get_asset (store, id, &error)))
        {
          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (globals->json)
        json_array_add_element (array, medialib_asset_to_json (asset));
      else
        printf ("edited %" G_GINT64_FORMAT " %s\n", id, medialib_asset_get_name (asset));
    }

  if (globals->json)
    print_json (root);

  return status;
}

int
cmd_labels (Globals           *globals,
            MedialibLabelKind  kind,
            int                argc,
            char             **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name = kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options (name, "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("%s: unexpected argument “%s”"), name, argv[1]);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(labels = medialib_store_list_labels (store, kind, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < labels->len; i++)
    {
      MedialibLabelCount *count = g_ptr_array_index (labels, i);

      if (!globals->json)
        printf ("%s\t%u\n", count->name, count->count);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, count->name);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, count->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (globals->json)
    print_json_builder (builder);

  return MEDIALIB_EXIT_OK;
}

int
cmd_delete (Globals  *globals,
            int       argc,
            char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("delete", _("ID…"), entries, &argc, &argv, &status) ||
      !parse_ids (argc, argv, ids, &status))
    return status;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedialibAsset) asset = medialib_store_get_asset (store, id, &error);
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (asset == NULL || !medialib_store_delete (store, id, &error))
        {
          print_error (subject, error->message);
          status = MEDIALIB_EXIT_PARTIAL;
          continue;
        }

      if (!globals->json)
        printf ("deleted %" G_GINT64_FORMAT " %s\n", id, medialib_asset_get_name (asset));
      json_builder_add_int_value (builder, id);
    }
  json_builder_end_array (builder);

  if (globals->json)
    print_json_builder (builder);

  return status;
}
