/* medialib-cli-backup.c — medialib backup, medialib restore
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "medialib-cli-private.h"
#include "medialib-team-config.h"

/* A team library has no database file here to back up or restore: its servers keep it */
static gboolean
refuse_team_library (const char *dir)
{
  g_autofree char *message = NULL;

  if (!medialib_team_config_exists (dir))
    return FALSE;

  message = g_strdup_printf (_("%s is a team library: it is backed up with its database and its bucket, on their servers"),
                             dir);
  print_error (NULL, message);
  return TRUE;
}

static void
print_backups (Globals    *globals,
               GPtrArray  *backups)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < backups->len; i++)
    {
      MedialibBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *time = g_date_time_format_iso8601 (backup->time);

      if (!globals->json)
        {
          g_autofree char *size = g_format_size (backup->bytes);
          g_autofree char *date = g_date_time_format (backup->time, "%Y-%m-%d %H:%M");

          printf ("%s  %8s  %s\n", date, size, backup->path);
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, backup->path);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, backup->bytes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (globals->json)
    print_json_builder (builder);
}

int
cmd_backup (Globals  *globals,
            int       argc,
            char    **argv)
{
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the backups instead of making one"), NULL },
    { NULL }
  };
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("backup", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("backup: unexpected argument “%s”"), argv[1]);

  dir = library_dir (globals);
  if (refuse_team_library (dir))
    return MEDIALIB_EXIT_PARTIAL;

  if (list)
    {
      backups = medialib_store_list_backups (dir);
      print_backups (globals, backups);
      return MEDIALIB_EXIT_OK;
    }

  if (!(store = open_store (globals)))
    return MEDIALIB_EXIT_PARTIAL;

  if (!(path = medialib_store_backup (store, &error)))
    {
      print_error (NULL, error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  backups = medialib_store_list_backups (medialib_store_get_dir (store));
  if (globals->json)
    {
      /* The new backup is the first */
      g_ptr_array_set_size (backups, MIN (backups->len, 1));
      print_backups (globals, backups);
    }
  else
    printf ("%s\n", path);

  return MEDIALIB_EXIT_OK;
}

int
cmd_restore (Globals  *globals,
             int       argc,
             char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *recovered = NULL;
  guint n_recovered = 0;
  int status = MEDIALIB_EXIT_OK;

  if (!parse_options ("restore", _("FILE"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("restore: give one backup file (see “medialib backup --list”)"));

  dir = library_dir (globals);
  if (refuse_team_library (dir))
    return MEDIALIB_EXIT_PARTIAL;

  backup = g_canonicalize_filename (argv[1], NULL);
  if (!medialib_store_restore (dir, backup, &kept, &recovered, &n_recovered, &error))
    {
      print_error (argv[1], error->message);
      return MEDIALIB_EXIT_PARTIAL;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "restored");
      json_builder_add_string_value (builder, backup);
      json_builder_set_member_name (builder, "kept");
      json_builder_add_string_value (builder, kept);
      json_builder_set_member_name (builder, "recovered");
      json_builder_add_string_value (builder, recovered);
      json_builder_set_member_name (builder, "n_recovered");
      json_builder_add_int_value (builder, n_recovered);
      json_builder_end_object (builder);
      print_json_builder (builder);
      return MEDIALIB_EXIT_OK;
    }

  printf (_("Restored %s\n"), backup);
  if (kept != NULL)
    printf (_("The database it replaced is kept as %s\n"), kept);
  if (n_recovered > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u file added after the backup was moved to %s; import it again to get it back\n",
                         "%u files added after the backup were moved to %s; import them again to get them back\n",
                         n_recovered),
            n_recovered, recovered);

  return MEDIALIB_EXIT_OK;
}
