/* medialib-test-window.c — the window tests' fixture and helpers
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-test-util.h"
#include "medialib-test-window.h"

/* --- Helpers -------------------------------------------------------------------------------- */

gboolean
wait_until (gboolean (*predicate) (Fixture *f),
            Fixture   *f,
            const char *what)
{
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  while (!predicate (f))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s (stamp %u, searching %d, importing %d, queued %u, refresh %u)",
                 what, f->window->search_stamp, f->window->searching,
                 f->window->import_cancellable != NULL, f->window->import_queue->len,
                 f->window->refresh_source);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }

  return TRUE;
}

void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

gboolean
window_is_drawn (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) && gtk_widget_get_width (GTK_WIDGET (f->window)) > 0;
}

gboolean
store_is_open (Fixture *f)
{
  return f->window->store != NULL &&
         !g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "loading");
}

gboolean
store_is_open_or_failed (Fixture *f)
{
  return store_is_open (f) || g_str_equal (gtk_stack_get_visible_child_name (f->window->stack), "error");
}

guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->window->selection));
}

gboolean
idle (Fixture *f)
{
  /* The store's changes too (medialib-window-live.c): told, queued, read, applied */
  return f->window->import_cancellable == NULL && f->window->import_queue->len == 0 &&
         f->window->refresh_source == 0 && !f->window->searching &&
         f->window->live_queue->len == 0 && f->window->live_source == 0 && !f->window->live_busy;
}

/**
 * asset_at:
 *
 * The asset the grid shows at @position, once its page is read (MedialibResults).
 *
 * Returns: (transfer full):
 */
MedialibAsset *
asset_at (Fixture *f,
          guint    position)
{
  g_autoptr(MedialibResultItem) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), position);
  gint64 end = g_get_monotonic_time () + test_wait_limit ();

  g_assert_nonnull (item);
  while (medialib_result_item_get_asset (item) == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for the asset at %u", position);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return g_object_ref (medialib_result_item_get_asset (item));
}

/* Waits until nothing runs: the last search's result is in the grid. */
void
wait_for_search (Fixture *f)
{
  wait_until (idle, f, "the import and searches to finish");
}

static guint expected_stamp;

static gboolean
searched_since (Fixture *f)
{
  return f->window->search_stamp >= expected_stamp && idle (f) &&
         g_strcmp0 (f->window->searched_text,
                    gtk_editable_get_text (GTK_EDITABLE (f->window->search_entry))) == 0;
}

/* After typing: the entry's delay, then a new search and its result. */
void
wait_for_typed_search (Fixture *f,
                       guint    stamp_before)
{
  expected_stamp = stamp_before + 1;
  wait_until (searched_since, f, "a search after typing");
}

GtkWidget *
find_widget (GtkWidget   *root,
             gboolean   (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

void
drop_files (Fixture            *f,
            const char * const *paths)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);

  g_assert_true (handled);
}

void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("MEDIALIB_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (f->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  settle ();
  g_mkdir_with_parents (dir, 0755);
  /* The window has nothing to show between a change and its next frame: wait for one */
  for (gint64 end = g_get_monotonic_time () + test_wait_limit ();
       node == NULL && g_get_monotonic_time () < end;
       settle ())
    {
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static MedialibApplication *app;
static char *scratch;

/* GTK, libadwaita, and the one application of the run (it is exported on the session
 * bus); each test opens a library of its own */
void
window_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The API key is looked up in libsecret's file backend: nothing of the user's is used. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
  medialib_core_team_init ();
  adw_init ();
  /* No transitions: a screenshot shows the end state, not a frame of a fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  scratch = test_make_tmpdir ("window-app");
  keyring = g_build_filename (scratch, "test.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  app = medialib_application_new (scratch, TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

/* Runs the tests added with WINDOW_TEST_ADD(), then removes what the run made */
int
window_test_run (void)
{
  int ret = g_test_run ();

  test_rm_rf (scratch);
  g_clear_pointer (&scratch, g_free);
  g_clear_object (&app);
  return ret;
}

/* --- Fixture ------------------------------------------------------------------------------------ */

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = test_make_tmpdir ("window");
  f->library = g_build_filename (f->tmp, "library", NULL);
  f->input = g_build_filename (f->tmp, "input", NULL);
  g_mkdir (f->input, 0755);

  /* One application for the whole run (it is exported on the session bus); each test
   * opens a library of its own. */
  f->app = g_object_ref (app);
  g_object_set (f->app, "library-dir", f->library, NULL);

  /* The last sort and filters are remembered: each test starts from none */
  {
    GSettings *settings = medialib_application_get_settings (f->app);
    const char *keys[] = { "sort", "filter-kind", "filter-tags", "filter-teams", "filter-fits" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_settings_reset (settings, keys[i]);
  }
  f->window = medialib_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (store_is_open, f, "the library to open");
  wait_until (window_is_drawn, f, "the window to be drawn");
}

static gboolean
window_finalized (Fixture *f)
{
  return f->window == NULL;
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Background work (the maintenance after opening, a search) keeps the window until it
   * ends: wait for that before the library goes away under it. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_until (window_finalized, f, "the window to be finalized");
  settle ();
  g_clear_object (&f->app);
  test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->library);
  g_free (f->input);
}

/* Imports through the real drop target: 4 images and a folder of 2 more. */
void
populate (Fixture *f)
{
  g_autofree char *folder = g_build_filename (f->input, "campaign", NULL);
  g_autofree char *a = test_write_image (f->input, "spring-banner.png", "png", 640, 320, 1);
  g_autofree char *b = test_write_image (f->input, "summer-hero.jpg", "jpeg", 800, 600, 2);
  g_autofree char *c = test_write_image (f->input, "newsletter-header.png", "png", 600, 200, 3);
  g_autofree char *d = test_write_gif (f->input, "loading.gif", 64, 64, 3, 200);
  const char *paths[] = { a, b, c, d, folder, NULL };

  g_mkdir (folder, 0755);
  g_free (test_write_image (folder, "push-icon.png", "png", 256, 256, 4));
  g_free (test_write_image (folder, "modal-art.jpg", "jpeg", 1450, 500, 5));

  drop_files (f, paths);
  wait_for_search (f);
}

gboolean
has_dialog (Fixture *f)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)) != NULL;
}

/* The first texture node under NODE (scaled or not), through containers, clips and
 * transforms */
GskRenderNode *
find_texture_node (GskRenderNode *node)
{
  GskRenderNode *found = NULL;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
    case GSK_TEXTURE_SCALE_NODE:
      return node;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; found == NULL && i < gsk_container_node_get_n_children (node); i++)
        found = find_texture_node (gsk_container_node_get_child (node, i));
      return found;
    case GSK_ROUNDED_CLIP_NODE:
      return find_texture_node (gsk_rounded_clip_node_get_child (node));
    case GSK_CLIP_NODE:
      return find_texture_node (gsk_clip_node_get_child (node));
    case GSK_TRANSFORM_NODE:
      return find_texture_node (gsk_transform_node_get_child (node));
    default:
      return NULL;
    }
}
