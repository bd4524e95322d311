/* medialib-window.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-window"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-window.h"

struct _MedialibWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkButton            *upload_button;
};

G_DEFINE_FINAL_TYPE (MedialibWindow, medialib_window, ADW_TYPE_APPLICATION_WINDOW)

static void
medialib_window_constructed (GObject *object)
{
  MedialibWindow *self = MEDIALIB_WINDOW (object);
  GtkApplication *app;
  GSettings *settings;

  G_OBJECT_CLASS (medialib_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (!MEDIALIB_IS_APPLICATION (app))
    return;

  settings = medialib_application_get_settings (MEDIALIB_APPLICATION (app));
  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
medialib_window_class_init (MedialibWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medialib_window_constructed;

  _medialib_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/medialib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MedialibWindow, upload_button);
}

static void
medialib_window_init (MedialibWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

MedialibWindow *
medialib_window_new (MedialibApplication *application)
{
  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (application), NULL);

  return g_object_new (MEDIALIB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
