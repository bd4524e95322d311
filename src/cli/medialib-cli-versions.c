/* medialib-cli-versions.c — history, revert
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

/* history and revert read and write rows only: the light `medialib` runs them (replace,
 * which decodes the new file, is the full command line's: medialib-cli-replace.c) */

gboolean
parse_one_id (const char  *command,
              int          argc,
              char       **argv,
              int          n_args,
              gint64      *id,
              int         *status)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (argc != n_args + 1)
    {
      *status = usage_error (n_args == 1 ? _("%s: give one asset id") : _("%s: give one asset id and one file"),
                             command);
      return FALSE;
    }
  if (!parse_ids (2, argv, ids, status))
    return FALSE;

  *id = g_array_index (ids, gint64, 0);
  return TRUE;
}

int
print_asset_after (Globals       *globals,
                   MedialibStore *store,
                   gint64         id,
                   const char    *done)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;

  if (!(asset = medialib_store_get_asset (store, id, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) node = medialib_asset_to_json (asset);

      print_json (node);
    }
  else
    {
      printf ("%s\n", done);
      print_asset_details (asset);
    }

  return MEDIALIB_EXIT_OK;
}

static JsonNode *
version_to_json (MedialibVersion *version)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (version->since);
  g_autofree char *date = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version->number);
  json_builder_set_member_name (builder, "current");
  json_builder_add_boolean_value (builder, version->current);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, version->mime);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, version->bytes);
  json_builder_set_member_name (builder, "width");
  if (version->width > 0)
    json_builder_add_int_value (builder, version->width);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "height");
  if (version->width > 0)
    json_builder_add_int_value (builder, version->height);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, version->sha256);
  json_builder_set_member_name (builder, "by");
  if (version->by != NULL)
    json_builder_add_string_value (builder, version->by);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
cmd_history (Globals  *globals,
             int       argc,
             char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  int status = MEDIALIB_EXIT_OK;
  gint64 id;

  if (!parse_options ("history", _("ID"), entries, &argc, &argv, &status) ||
      !parse_one_id ("history", argc, argv, 1, &id, &status))
    return status;

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(versions = medialib_store_list_versions (store, id, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (versions->len);

      for (guint i = 0; i < versions->len; i++)
        json_array_add_element (array, version_to_json (g_ptr_array_index (versions, i)));
      json_node_take_array (root, array);
      print_json (root);
      return MEDIALIB_EXIT_OK;
    }

  for (guint i = 0; i < versions->len; i++)
    {
      MedialibVersion *version = g_ptr_array_index (versions, i);
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (version->since);
      g_autofree char *date = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *size = g_format_size ((guint64) version->bytes);
      g_autofree char *by = version->by != NULL ? printable (version->by) : g_strdup ("-");

      printf ("%u\t%s\t%s\t%dx%d\t%s\t%s%s\n", version->number, date, size, version->width,
              version->height, version->sha256, by, version->current ? _("\t(current)") : "");
    }

  return MEDIALIB_EXIT_OK;
}

int
cmd_revert (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *number_text = NULL;
  g_autofree char *id_text = NULL;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_STRING, &number_text, N_("The version to make current again"), N_("N") },
    { NULL }
  };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  int status = MEDIALIB_EXIT_OK;
  guint64 number;
  gint64 id;

  if (!parse_options ("revert", _("ID --version N"), entries, &argc, &argv, &status) ||
      !parse_one_id ("revert", argc, argv, 1, &id, &status))
    return status;
  if (number_text == NULL)
    return usage_error (_("revert: give the version with --version N (see “medialib history ID”)"));
  if (!g_ascii_string_to_unsigned (number_text, 10, 1, G_MAXUINT, &number, NULL))
    return usage_error (_("revert: --version is a version number (1 or more), not “%s”"), number_text);

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!medialib_store_revert (store, id, (guint) number, &error))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: %s is an asset's id, %u a version's number */
  done = g_strdup_printf (_("Asset %s has the content of version %u again"), id_text, (guint) number);
  return print_asset_after (globals, store, id, done);
}
