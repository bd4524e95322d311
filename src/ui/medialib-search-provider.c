/* medialib-search-provider.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-search-provider.h"
#include "medialib-store.h"
#include "medialib-window.h"

/*
 * org.gnome.Shell.SearchProvider2 on the application's object path. Searches run in the
 * library's own SQLite search on worker threads; the method calls are answered when their
 * results arrive. The application is held while a call is answered, so that a
 * D-Bus-activated instance stays for it.
 */

#define MAX_RESULTS 20

struct _MedialibSearchProvider
{
  GObject              parent_instance;

  MedialibApplication *application;   /* unowned */
  MedialibStore       *store;
  GPtrArray           *waiting;       /* invocations waiting for the store */
  GDBusConnection     *connection;
  guint                registration;
  gboolean             opening;
};

G_DEFINE_FINAL_TYPE (MedialibSearchProvider, medialib_search_provider, G_TYPE_OBJECT)

static void handle_call (MedialibSearchProvider *self, GDBusMethodInvocation *invocation);

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedialibSearchProvider) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;

  g_assert (MEDIALIB_IS_SEARCH_PROVIDER (self));
  g_assert (waiting != NULL);

  self->opening = FALSE;
  self->store = medialib_store_open_finish (result, &error);

  for (guint i = 0; i < waiting->len; i++)
    {
      GDBusMethodInvocation *invocation = g_ptr_array_index (waiting, i);

      if (self->store == NULL)
        g_dbus_method_invocation_return_gerror (g_object_ref (invocation), error);
      else
        handle_call (self, g_object_ref (invocation));
    }

  g_application_release (G_APPLICATION (self->application));
}

static char *
terms_to_text (GVariant *terms)
{
  g_autofree const char **strv = NULL;

  g_assert (g_variant_is_of_type (terms, G_VARIANT_TYPE_STRING_ARRAY));

  strv = g_variant_get_strv (terms, NULL);
  return g_strjoinv (" ", (char **) strv);
}

/* A method call answered later; the application is held until then */
typedef struct
{
  GApplication          *application;
  GDBusMethodInvocation *invocation;
  MedialibStore         *store;
  GPtrArray             *assets;    /* GetResultMetas: the assets asked for */
  GPtrArray             *icons;     /* of GIcon, one for each asset so far */
} Call;

static Call *
call_new (MedialibSearchProvider *self,
          GDBusMethodInvocation  *invocation)
{
  Call *call = g_new0 (Call, 1);

  call->application = G_APPLICATION (self->application);
  call->invocation = invocation;
  call->store = g_object_ref (self->store);
  call->icons = g_ptr_array_new_with_free_func (g_object_unref);
  g_application_hold (call->application);

  return call;
}

static void
call_free (Call *call)
{
  g_application_release (call->application);
  g_clear_object (&call->invocation);
  g_clear_object (&call->store);
  g_clear_pointer (&call->assets, g_ptr_array_unref);
  g_clear_pointer (&call->icons, g_ptr_array_unref);
  g_free (call);
}

static void
on_searched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  model = medialib_store_search_finish (MEDIALIB_STORE (object), result, &error);
  if (model == NULL)
    g_dbus_method_invocation_return_gerror (g_object_ref (call->invocation), error);
  else
    {
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
      for (guint i = 0; i < MIN (g_list_model_get_n_items (model), MAX_RESULTS); i++)
        {
          g_autoptr(MedialibAsset) asset = g_list_model_get_item (model, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, medialib_asset_get_id (asset));

          g_variant_builder_add (&builder, "s", id);
        }
      g_dbus_method_invocation_return_value (g_object_ref (call->invocation), g_variant_new ("(as)", &builder));
    }

  call_free (call);
}

static void
search (MedialibSearchProvider *self,
        GDBusMethodInvocation  *invocation,
        GVariant               *terms)
{
  g_autoptr(MedialibQuery) query = NULL;

  g_assert (MEDIALIB_IS_SEARCH_PROVIDER (self));
  g_assert (MEDIALIB_IS_STORE (self->store));
  g_assert (G_IS_DBUS_METHOD_INVOCATION (invocation));

  query = medialib_query_new ();
  query->text = terms_to_text (terms);
  medialib_store_search_async (self->store, query, NULL, on_searched_cb, call_new (self, invocation));
}

/* Metas: the assets are read and their thumbnails made again where the cache lost them, on
 * worker threads; the answer is put together here */
static GVariant *
build_metas (Call *call)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));

  for (guint i = 0; i < call->assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (call->assets, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, medialib_asset_get_id (asset));
      g_autofree char *name = medialib_asset_dup_display_name (asset);
      g_autofree char *description = NULL;
      g_autofree char *icon_text = g_icon_to_string (g_ptr_array_index (call->icons, i));
      JsonObject *contact = medialib_asset_get_contact (asset);
      GVariantBuilder meta;

      if (contact != NULL)
        description = g_strdup (json_object_get_string_member_with_default (contact, "org", _("Contact")));
      else
        /* Translators: a search result: the image's type, then its size in pixels */
        description = g_strdup_printf (_("%s image · %d × %d"),
                                       g_str_equal (medialib_asset_get_mime (asset), "image/png") ? "PNG" :
                                       g_str_equal (medialib_asset_get_mime (asset), "image/gif") ? "GIF" : "JPEG",
                                       medialib_asset_get_width (asset), medialib_asset_get_height (asset));

      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&meta));
    }

  return g_variant_new ("(aa{sv})", &builder);
}

static void metas_next (Call *call);

static void
on_metas_thumbnail_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Call *call = user_data;
  MedialibAsset *asset = g_ptr_array_index (call->assets, call->icons->len);

  if (medialib_store_ensure_thumbnail_finish (MEDIALIB_STORE (object), result, NULL))
    {
      g_autoptr(GFile) file = g_file_new_for_path (medialib_asset_get_thumbnail_path (asset));

      g_ptr_array_add (call->icons, g_file_icon_new (file));
    }
  else
    g_ptr_array_add (call->icons, g_themed_icon_new ("avatar-default-symbolic"));

  metas_next (call);
}

/* Each asset's icon in turn: its thumbnail, or a contact's symbol; then the answer */
static void
metas_next (Call *call)
{
  while (call->icons->len < call->assets->len)
    {
      MedialibAsset *asset = g_ptr_array_index (call->assets, call->icons->len);

      if (medialib_asset_get_thumbnail_path (asset) != NULL)
        {
          medialib_store_ensure_thumbnail_async (call->store, asset, NULL, on_metas_thumbnail_cb, call);
          return;
        }
      g_ptr_array_add (call->icons, g_themed_icon_new ("avatar-default-symbolic"));
    }

  g_dbus_method_invocation_return_value (g_object_ref (call->invocation), build_metas (call));
  call_free (call);
}

static void
on_metas_assets_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Call *call = user_data;

  /* Assets that cannot be read have no metas, like those that are gone */
  call->assets = medialib_store_get_assets_finish (MEDIALIB_STORE (object), result, NULL);
  if (call->assets == NULL)
    call->assets = g_ptr_array_new_with_free_func (g_object_unref);

  metas_next (call);
}

static void
get_metas (MedialibSearchProvider *self,
           GDBusMethodInvocation  *invocation,
           GVariant               *ids)
{
  g_autofree const char **strv = g_variant_get_strv (ids, NULL);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; strv[i] != NULL; i++)
    {
      guint64 number;
      gint64 id;

      if (!g_ascii_string_to_unsigned (strv[i], 10, 1, G_MAXINT64, &number, NULL))
        continue;
      id = (gint64) number;
      g_array_append_val (numbers, id);
    }

  medialib_store_get_assets_async (self->store, (const gint64 *) (gpointer) numbers->data, numbers->len, NULL,
                                   on_metas_assets_cb, call_new (self, invocation));
}

static MedialibWindow *
present_window (MedialibSearchProvider *self,
                guint                   timestamp)
{
  GtkWindow *window;

  g_assert (MEDIALIB_IS_SEARCH_PROVIDER (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (!MEDIALIB_IS_WINDOW (window))
    window = GTK_WINDOW (medialib_window_new (self->application));

  gtk_window_present (window);
  return MEDIALIB_WINDOW (window);
}

static void
handle_call (MedialibSearchProvider *self,
             GDBusMethodInvocation  *invocation)
{
  const char *method;
  GVariant *parameters;

  g_assert (MEDIALIB_IS_SEARCH_PROVIDER (self));
  g_assert (G_IS_DBUS_METHOD_INVOCATION (invocation));

  method = g_dbus_method_invocation_get_method_name (invocation);
  parameters = g_dbus_method_invocation_get_parameters (invocation);

  if (self->store == NULL && (g_str_equal (method, "GetInitialResultSet") ||
                              g_str_equal (method, "GetSubsearchResultSet") ||
                              g_str_equal (method, "GetResultMetas")))
    {
      if (self->waiting == NULL)
        self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->waiting, invocation);

      if (!self->opening)
        {
          self->opening = TRUE;
          g_application_hold (G_APPLICATION (self->application));
          medialib_store_open_async (medialib_application_get_library_dir (self->application), NULL,
                                     on_store_opened_cb, g_object_ref (self));
        }
      return;
    }

  if (g_str_equal (method, "GetInitialResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);

      search (self, invocation, terms);
    }
  else if (g_str_equal (method, "GetSubsearchResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 1);

      search (self, invocation, terms);
    }
  else if (g_str_equal (method, "GetResultMetas"))
    {
      g_autoptr(GVariant) ids = g_variant_get_child_value (parameters, 0);

      get_metas (self, invocation, ids);
    }
  else if (g_str_equal (method, "ActivateResult"))
    {
      const char *id = NULL;
      guint timestamp = 0;
      guint64 number;

      g_variant_get (parameters, "(&s@asu)", &id, NULL, &timestamp);
      if (g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &number, NULL))
        medialib_window_show_asset (present_window (self, timestamp), (gint64) number);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "LaunchSearch"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);
      g_autofree char *text = terms_to_text (terms);

      medialib_window_search (present_window (self, 0), text);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "Unknown method %s", method);
}

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  handle_call (user_data, invocation);
}

static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL };

gboolean
medialib_search_provider_register (MedialibSearchProvider  *self,
                                   GDBusConnection         *connection,
                                   const char              *object_path,
                                   GError                 **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (MEDIALIB_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xml = g_resources_lookup_data (RESOURCE_PATH "/org.gnome.Shell.SearchProvider2.xml", 0, error);
  if (xml == NULL || !(info = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), error)))
    return FALSE;

  self->registration = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                          &vtable, self, NULL, error);
  if (self->registration == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  return TRUE;
}

void
medialib_search_provider_unregister (MedialibSearchProvider *self)
{
  g_return_if_fail (MEDIALIB_IS_SEARCH_PROVIDER (self));

  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}

static void
medialib_search_provider_finalize (GObject *object)
{
  MedialibSearchProvider *self = MEDIALIB_SEARCH_PROVIDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (medialib_search_provider_parent_class)->finalize (object);
}

static void
medialib_search_provider_class_init (MedialibSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medialib_search_provider_finalize;
}

static void
medialib_search_provider_init (MedialibSearchProvider *self)
{
}

MedialibSearchProvider *
medialib_search_provider_new (MedialibApplication *application)
{
  MedialibSearchProvider *self;

  g_return_val_if_fail (MEDIALIB_IS_APPLICATION (application), NULL);

  self = g_object_new (MEDIALIB_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
