/* medialib-window-status.c — the window's status pages, added to its stack when first shown
 *
 * The stack shows the grid, or instead of it a status page: an empty library, no results,
 * a library that could not be opened. Built with the window, the three pages cost about
 * 6 M instructions, and their titles and descriptions a few more in the first frame,
 * though a library with images shows none of them. So each is built from
 * medialib-window-status-pages.ui the first time it is shown.
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-window-private.h"

static const struct
{
  const char *name;   /* in the stack */
  const char *id;     /* in the .ui file */
} status_pages[] = {
  { "empty", "empty_page" },
  { "no-results", "no_results_page" },
  { "error", "error_page" },
};

/**
 * _medialib_window_ensure_status_page:
 * @name: "empty", "no-results" or "error"
 *
 * Returns: (transfer none): the page, added to the stack now if it was not
 */
GtkWidget *
_medialib_window_ensure_status_page (MedialibWindow *self,
                                     const char     *name)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { NULL, NULL };
  GtkWidget *page;

  g_assert (MEDIALIB_IS_WINDOW (self));

  if ((page = gtk_stack_get_child_by_name (self->stack, name)) != NULL)
    return page;

  for (guint i = 0; i < G_N_ELEMENTS (status_pages); i++)
    if (g_str_equal (status_pages[i].name, name))
      ids[0] = status_pages[i].id;
  g_assert (ids[0] != NULL);

  builder = gtk_builder_new ();
  if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_PATH "/ui/medialib-window-status-pages.ui",
                                              ids, &error))
    g_error ("The window's status pages: %s", error->message);

  page = GTK_WIDGET (gtk_builder_get_object (builder, ids[0]));
  gtk_stack_add_named (self->stack, page, name);
  if (g_str_equal (name, "empty"))
    self->empty_page = ADW_STATUS_PAGE (page);
  else if (g_str_equal (name, "error"))
    {
      self->error_page = ADW_STATUS_PAGE (page);
      self->restore_button = GTK_BUTTON (gtk_builder_get_object (builder, "restore_button"));
    }

  return page;
}

/* Shows the stack's page @name: "loading", "grid", or a status page. What replaces the
 * loading spinner comes at once: fading the library in from a spinner seen for a moment
 * only delays it, and draws both pages, offscreen, for the 200 ms of the fade (on the first
 * screen, for one); the status pages and the grid fade into one another. */
void
_medialib_window_show_page (MedialibWindow *self,
                            const char     *name)
{
  const char *shown;

  g_assert (MEDIALIB_IS_WINDOW (self));

  if (!g_str_equal (name, "loading") && !g_str_equal (name, "grid"))
    _medialib_window_ensure_status_page (self, name);
  shown = gtk_stack_get_visible_child_name (self->stack);
  gtk_stack_set_visible_child_full (self->stack, name,
                                    g_strcmp0 (shown, "loading") == 0 ? GTK_STACK_TRANSITION_TYPE_NONE
                                                                      : gtk_stack_get_transition_type (self->stack));
}

/* The pages went with the stack */
void
_medialib_window_status_dispose (MedialibWindow *self)
{
  self->empty_page = NULL;
  self->error_page = NULL;
  self->restore_button = NULL;
}
