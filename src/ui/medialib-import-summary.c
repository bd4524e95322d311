/* medialib-import-summary.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-import-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-application.h"
#include "medialib-import-summary.h"
#include "medialib-import.h"

struct _MedialibImportSummary
{
  AdwDialog             parent_instance;

  /* Template widgets */
  AdwStatusPage        *status;
  AdwPreferencesGroup  *rejected_group;
  AdwPreferencesGroup  *skipped_group;
};

G_DEFINE_FINAL_TYPE (MedialibImportSummary, medialib_import_summary, ADW_TYPE_DIALOG)

/**
 * medialib_import_summary_describe:
 * @n_problems: (out) (optional): how many files were rejected or skipped
 *
 * Returns: (transfer full): "12 added, 1 already in the library, 2 rejected"
 */
char *
medialib_import_summary_describe (GPtrArray *results,
                                  guint     *n_problems)
{
  guint counts[4] = { 0 };
  g_autoptr(GPtrArray) parts = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  parts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < results->len; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);

      counts[MIN ((guint) r->status, 3u)]++;
    }

  /* Translators: parts of an import summary, joined with ", " */
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added",
                                                        counts[MEDIALIB_IMPORT_ADDED]),
                                           counts[MEDIALIB_IMPORT_ADDED]));
  if (counts[MEDIALIB_IMPORT_DUPLICATE] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u already in the library",
                                                          "%u already in the library",
                                                          counts[MEDIALIB_IMPORT_DUPLICATE]),
                                             counts[MEDIALIB_IMPORT_DUPLICATE]));
  if (counts[MEDIALIB_IMPORT_REJECTED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rejected", "%u rejected",
                                                          counts[MEDIALIB_IMPORT_REJECTED]),
                                             counts[MEDIALIB_IMPORT_REJECTED]));
  if (counts[MEDIALIB_IMPORT_SKIPPED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped",
                                                          counts[MEDIALIB_IMPORT_SKIPPED]),
                                             counts[MEDIALIB_IMPORT_SKIPPED]));

  if (n_problems != NULL)
    *n_problems = counts[MEDIALIB_IMPORT_REJECTED] + counts[MEDIALIB_IMPORT_SKIPPED];

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
add_row (AdwPreferencesGroup  *group,
         MedialibImportResult *result)
{
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  g_assert (ADW_IS_PREFERENCES_GROUP (group));
  g_assert (result != NULL && result->path != NULL);

  base = g_path_get_basename (result->path);
  dir = g_path_get_dirname (result->path);
  title = g_markup_escape_text (base, -1);
  subtitle = g_markup_printf_escaped ("%s\n<small>%s</small>", result->reason, dir);
  row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
}

static void
medialib_import_summary_class_init (MedialibImportSummaryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-import-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibImportSummary, status);
  gtk_widget_class_bind_template_child (widget_class, MedialibImportSummary, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, MedialibImportSummary, skipped_group);
}

static void
medialib_import_summary_init (MedialibImportSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MedialibImportSummary *
medialib_import_summary_new (GPtrArray *results)
{
  MedialibImportSummary *self;
  g_autofree char *description = NULL;
  guint n_rejected = 0, n_skipped = 0, n_problems = 0;

  g_return_val_if_fail (results != NULL, NULL);

  self = g_object_new (MEDIALIB_TYPE_IMPORT_SUMMARY, NULL);
  description = medialib_import_summary_describe (results, &n_problems);
  adw_status_page_set_description (self->status, description);
  adw_status_page_set_icon_name (self->status,
                                 n_problems > 0 ? "dialog-warning-symbolic" : "object-select-symbolic");

  for (guint i = 0; i < results->len; i++)
    {
      MedialibImportResult *r = g_ptr_array_index (results, i);

      if (r->status == MEDIALIB_IMPORT_REJECTED)
        {
          add_row (self->rejected_group, r);
          n_rejected++;
        }
      else if (r->status == MEDIALIB_IMPORT_SKIPPED)
        {
          add_row (self->skipped_group, r);
          n_skipped++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), n_rejected > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_group), n_skipped > 0);

  return self;
}
