/* medialib-icon-warm-up.c — the icon theme read and the first screen's icons loaded on a
 * worker while GTK starts
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medialib-icon-warm-up.h"

/* The icons of the first screen's header bar, search entry and sidebar, GtkImages of the
 * normal size (medialib-window.ui, medialib-window-collections.c) */
static const char * const first_image_icons[] = {
  "folder-symbolic", "system-search-symbolic", "edit-clear-symbolic",
  "medialib-filter-symbolic", "view-sort-descending-symbolic", "sidebar-show-right-symbolic",
  "medialib-magic-wand-symbolic", "open-menu-symbolic", "window-minimize-symbolic",
  "window-maximize-symbolic", "window-close-symbolic", "view-grid-symbolic",
  "document-open-recent-symbolic", "x-office-address-book-symbolic",
};

/* And those the stylesheet draws (the menu buttons' arrows) */
static const char * const first_css_icons[] = {
  "pan-down-symbolic",
};

/* An SVG like GTK's symbolic icons (a stylesheet around the icon, included from a data:
 * address), rendered once so that gdk-pixbuf's SVG loader is loaded and librsvg set up
 * before the first icon is drawn (4.5 million instructions of the window's first measure
 * on the main thread otherwise) */
static gboolean
warm_svg_loader (void)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xi=\"http://www.w3.org/2001/XInclude\""
    " width=\"16\" height=\"16\">"
    "<style type=\"text/css\">rect{fill:#bebebe !important;}.error{fill:#cc0000 !important;}</style>"
    "<g><xi:include href=\"data:text/xml;base64,"
    /* <svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg> */
    "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxNiIgaGVpZ2h0PSIxNiI+"
    "PHJlY3Qgd2lkdGg9IjE2IiBoZWlnaHQ9IjE2Ii8+PC9zdmc+\"/></g></svg>";
  g_autoptr(GdkPixbufLoader) loader = NULL;
  GdkPixbuf *pixbuf;

  loader = gdk_pixbuf_loader_new_with_type ("svg", NULL);
  if (loader == NULL)
    return FALSE;
  if (!gdk_pixbuf_loader_write (loader, (const guchar *) svg, sizeof svg - 1, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL))
    return FALSE;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  return pixbuf != NULL && gdk_pixbuf_get_width (pixbuf) == 16;
}

/* Drawing an icon once loads its texture, which GTK keeps with it */
static void
load_icon (GPtrArray        *icons,
           GtkIconPaintable *icon)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, 16, 16);
  node = gtk_snapshot_free_to_node (snapshot);
  g_ptr_array_add (icons, icon);
}

/**
 * medialib_icon_warm_up:
 * @theme: the display's icon theme
 * @direction: the widgets' direction
 * @scale: the window's scale
 * @svg_warmed: (out) (optional): whether an SVG was rendered
 *
 * Reads @theme, readies the SVG loader, and looks the first screen's icons up as GTK does,
 * a GtkImage of the normal size (gtkiconhelper.c: the same GThemedIcon, size, scale,
 * direction and flags, which make the key of GTK's icon cache) or an icon of the
 * stylesheet (gtkcssimageicontheme.c), and loads them: the window finds them in the cache,
 * ready to draw. Safe on any thread once the theme is set up (gtkicontheme.c).
 *
 * Returns: (transfer full) (element-type GtkIconPaintable): the icons, kept so that the
 * cache keeps them
 */
GPtrArray *
medialib_icon_warm_up (GtkIconTheme     *theme,
                       GtkTextDirection  direction,
                       int               scale,
                       gboolean         *svg_warmed)
{
  GPtrArray *icons;
  gboolean warmed;

  g_return_val_if_fail (GTK_IS_ICON_THEME (theme), NULL);
  g_return_val_if_fail (scale >= 1, NULL);

  gtk_icon_theme_has_icon (theme, APP_ID);
  warmed = warm_svg_loader ();
  if (svg_warmed != NULL)
    *svg_warmed = warmed;

  icons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (first_image_icons); i++)
    {
      g_autoptr(GIcon) gicon = g_themed_icon_new (first_image_icons[i]);

      load_icon (icons, gtk_icon_theme_lookup_by_gicon (theme, gicon, 16, scale, direction,
                                                        GTK_ICON_LOOKUP_PRELOAD));
    }
  for (guint i = 0; i < G_N_ELEMENTS (first_css_icons); i++)
    load_icon (icons, gtk_icon_theme_lookup_icon (theme, first_css_icons[i], NULL, 16, scale,
                                                  GTK_TEXT_DIR_NONE, 0));
  return icons;
}

typedef struct
{
  GtkIconTheme     *theme;
  GtkTextDirection  direction;
  int               scale;
  gboolean          svg_warmed;
} WarmUp;

static void
warm_up_free (WarmUp *warm_up)
{
  g_object_unref (warm_up->theme);
  g_free (warm_up);
}

static void
warm_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  WarmUp *warm_up = task_data;

  g_task_return_pointer (task,
                         medialib_icon_warm_up (warm_up->theme, warm_up->direction, warm_up->scale,
                                                &warm_up->svg_warmed),
                         (GDestroyNotify) g_ptr_array_unref);
}

/**
 * medialib_icon_warm_up_async:
 * @display: the display whose icon theme is read
 *
 * medialib_icon_warm_up() on a worker, for the default direction and the scale of the
 * display's first monitor (the window's until it is shown).
 */
void
medialib_icon_warm_up_async (GdkDisplay          *display,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkMonitor) monitor = NULL;
  WarmUp *warm_up;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  warm_up = g_new0 (WarmUp, 1);
  warm_up->theme = g_object_ref (gtk_icon_theme_get_for_display (display));
  warm_up->direction = gtk_widget_get_default_direction ();
  monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  warm_up->scale = monitor != NULL ? MAX (gdk_monitor_get_scale_factor (monitor), 1) : 1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_icon_warm_up_async);
  g_task_set_task_data (task, warm_up, (GDestroyNotify) warm_up_free);
  g_task_run_in_thread (task, warm_up_thread);
}

GPtrArray *
medialib_icon_warm_up_finish (GAsyncResult  *result,
                              gboolean      *svg_warmed,
                              GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_icon_warm_up_async), NULL);

  if (svg_warmed != NULL)
    *svg_warmed = ((WarmUp *) g_task_get_task_data (G_TASK (result)))->svg_warmed;
  return g_task_propagate_pointer (G_TASK (result), error);
}
