/* medialib-cli-lazy.c — the light `medialib` loads json-glib and GIO only when it uses them
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

/*
 * Linked into the light `medialib` alone (src/meson.build), never into the other
 * executables or the tests. GIO and json-glib are linked with immediate binding
 * (BIND_NOW), and GIO pulls in libmount, libblkid and libselinux: the dynamic loader's
 * binding of their symbols is ~0.7 ms of a ~2.7 ms `medialib list`, about 2 million of its
 * 6 million instructions, for a command that uses neither (issue 19, bench/run command).
 * Here are the functions of theirs that the local halves of the core and of the command
 * line refer to: each one looks its library up with dlopen() the first time it is called
 * (--json output, a preset, an error), so that the linker's --as-needed leaves both
 * libraries out of the executable. The asynchronous functions (GTask…), which the
 * commands never call, are here only because the linker decides which libraries are
 * needed before --gc-sections discards what nothing calls, these with it.
 * Each definition is checked against the library's own declaration by the compiler.
 * A function the local commands start to call without a line here links the library
 * again: tests/test_cli.py checks that `medialib list` maps neither.
 */

#define JSON_GLIB "libjson-glib-1.0.so.0"
#define GIO "libgio-2.0.so.0"

static gpointer
lazy_symbol (const char *library,
             const char *name)
{
  void *handle;
  void *symbol;

  g_assert (library != NULL);
  g_assert (name != NULL);

  /* RTLD_GLOBAL: its symbols are seen by what loads after it (GIO's modules), as if linked */
  handle = dlopen (library, RTLD_NOW | RTLD_GLOBAL);
  if (handle == NULL)
    g_error ("medialib: %s", dlerror ());
  symbol = dlsym (handle, name);
  if (symbol == NULL)
    g_error ("medialib: %s", dlerror ());
  return symbol;
}

/* A function of LIBRARY with its declared return type, name, parameters and arguments;
 * (name): GIO defines some as macros too (g_task_set_source_tag) */
#define LAZY(library, type, name, params, args) \
  type (name) params \
  { \
    static gpointer real; \
    gpointer fn = g_atomic_pointer_get (&real); \
    if (fn == NULL) \
      { \
        fn = lazy_symbol (library, #name); \
        g_atomic_pointer_set (&real, fn); \
      } \
    return ((type (*) params) fn) args; \
  }

/* The same for a function returning nothing */
#define LAZY_VOID(library, name, params, args) \
  void (name) params \
  { \
    static gpointer real; \
    gpointer fn = g_atomic_pointer_get (&real); \
    if (fn == NULL) \
      { \
        fn = lazy_symbol (library, #name); \
        g_atomic_pointer_set (&real, fn); \
      } \
    ((void (*) params) fn) args; \
  }

/* G_IO_ERROR, in every error of the core, without loading GIO: GIO's own definition is
 * G_DEFINE_QUARK (g-io-error-quark, g_io_error), the same quark in GLib's one table */
GQuark
g_io_error_quark (void)
{
  return g_quark_from_static_string ("g-io-error-quark");
}

/* GIO */
LAZY (GIO, gboolean, g_async_result_is_tagged, (GAsyncResult *res, gpointer source_tag), (res, source_tag))
LAZY (GIO, GType, g_cancellable_get_type, (void), ())
LAZY (GIO, GIOErrorEnum, g_io_error_from_errno, (gint err_no), (err_no))
LAZY (GIO, GListStore *, g_list_store_new, (GType item_type), (item_type))
LAZY_VOID (GIO, g_list_store_splice, (GListStore *store, guint position, guint n_removals, gpointer *additions, guint n_additions), (store, position, n_removals, additions, n_additions))
LAZY (GIO, GBytes *, g_resources_lookup_data, (const char *path, GResourceLookupFlags lookup_flags, GError **error), (path, lookup_flags, error))
LAZY_VOID (GIO, g_static_resource_fini, (GStaticResource *static_resource), (static_resource))
LAZY (GIO, GResource *, g_static_resource_get_resource, (GStaticResource *static_resource), (static_resource))
LAZY_VOID (GIO, g_static_resource_init, (GStaticResource *static_resource), (static_resource))
LAZY (GIO, const gchar *, g_task_get_name, (GTask *task), (task))
LAZY (GIO, gpointer, g_task_get_task_data, (GTask *task), (task))
LAZY (GIO, GType, g_task_get_type, (void), ())
LAZY (GIO, gboolean, g_task_is_valid, (gpointer result, gpointer source_object), (result, source_object))
LAZY (GIO, GTask *, g_task_new, (gpointer source_object, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer callback_data), (source_object, cancellable, callback, callback_data))
LAZY (GIO, gboolean, g_task_propagate_boolean, (GTask *task, GError **error), (task, error))
LAZY (GIO, gpointer, g_task_propagate_pointer, (GTask *task, GError **error), (task, error))
LAZY_VOID (GIO, g_task_return_boolean, (GTask *task, gboolean result), (task, result))
LAZY_VOID (GIO, g_task_return_error, (GTask *task, GError *error), (task, error))
LAZY (GIO, gboolean, g_task_return_error_if_cancelled, (GTask *task), (task))
LAZY_VOID (GIO, g_task_return_pointer, (GTask *task, gpointer result, GDestroyNotify result_destroy), (task, result, result_destroy))
LAZY_VOID (GIO, g_task_run_in_thread, (GTask *task, GTaskThreadFunc task_func), (task, task_func))
LAZY_VOID (GIO, g_task_set_priority, (GTask *task, gint priority), (task, priority))
LAZY_VOID (GIO, g_task_set_source_tag, (GTask *task, gpointer source_tag), (task, source_tag))
LAZY_VOID (GIO, g_task_set_static_name, (GTask *task, const gchar *name), (task, name))
LAZY_VOID (GIO, g_task_set_task_data, (GTask *task, gpointer task_data, GDestroyNotify task_data_destroy), (task, task_data, task_data_destroy))

/* json-glib: the commands' --json output, presets and queries in JSON */
LAZY_VOID (JSON_GLIB, json_array_add_array_element, (JsonArray *array, JsonArray *value), (array, value))
LAZY_VOID (JSON_GLIB, json_array_add_element, (JsonArray *array, JsonNode *node), (array, node))
LAZY (JSON_GLIB, JsonNode *, json_array_get_element, (JsonArray *array, guint index_), (array, index_))
LAZY (JSON_GLIB, gint64, json_array_get_int_element, (JsonArray *array, guint index_), (array, index_))
LAZY (JSON_GLIB, guint, json_array_get_length, (JsonArray *array), (array))
LAZY (JSON_GLIB, JsonObject *, json_array_get_object_element, (JsonArray *array, guint index_), (array, index_))
LAZY (JSON_GLIB, JsonArray *, json_array_new, (void), ())
LAZY (JSON_GLIB, JsonArray *, json_array_sized_new, (guint n_elements), (n_elements))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_boolean_value, (JsonBuilder *builder, gboolean value), (builder, value))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_double_value, (JsonBuilder *builder, gdouble value), (builder, value))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_int_value, (JsonBuilder *builder, gint64 value), (builder, value))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_null_value, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_string_value, (JsonBuilder *builder, const gchar *value), (builder, value))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_add_value, (JsonBuilder *builder, JsonNode *node), (builder, node))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_begin_array, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_begin_object, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_end_array, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, JsonBuilder *, json_builder_end_object, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, JsonNode *, json_builder_get_root, (JsonBuilder *builder), (builder))
LAZY (JSON_GLIB, GType, json_builder_get_type, (void), ())
LAZY (JSON_GLIB, JsonBuilder *, json_builder_new, (void), ())
LAZY (JSON_GLIB, JsonBuilder *, json_builder_set_member_name, (JsonBuilder *builder, const gchar *member_name), (builder, member_name))
LAZY (JSON_GLIB, JsonNode *, json_from_string, (const char *str, GError **error), (str, error))
LAZY (JSON_GLIB, JsonGenerator *, json_generator_new, (void), ())
LAZY_VOID (JSON_GLIB, json_generator_set_pretty, (JsonGenerator *generator, gboolean is_pretty), (generator, is_pretty))
LAZY_VOID (JSON_GLIB, json_generator_set_root, (JsonGenerator *generator, JsonNode *node), (generator, node))
LAZY (JSON_GLIB, gchar *, json_generator_to_data, (JsonGenerator *generator, gsize *length), (generator, length))
LAZY (JSON_GLIB, JsonNode *, json_node_copy, (JsonNode *node), (node))
LAZY (JSON_GLIB, JsonArray *, json_node_get_array, (JsonNode *node), (node))
LAZY (JSON_GLIB, gdouble, json_node_get_double, (JsonNode *node), (node))
LAZY (JSON_GLIB, gint64, json_node_get_int, (JsonNode *node), (node))
LAZY (JSON_GLIB, JsonNodeType, json_node_get_node_type, (JsonNode *node), (node))
LAZY (JSON_GLIB, JsonObject *, json_node_get_object, (JsonNode *node), (node))
LAZY (JSON_GLIB, const gchar *, json_node_get_string, (JsonNode *node), (node))
LAZY (JSON_GLIB, GType, json_node_get_value_type, (JsonNode *node), (node))
LAZY (JSON_GLIB, JsonNode *, json_node_new, (JsonNodeType type), (type))
LAZY_VOID (JSON_GLIB, json_node_take_array, (JsonNode *node, JsonArray *array), (node, array))
LAZY_VOID (JSON_GLIB, json_node_unref, (JsonNode *node), (node))
LAZY (JSON_GLIB, JsonArray *, json_object_get_array_member, (JsonObject *object, const gchar *member_name), (object, member_name))
LAZY (JSON_GLIB, gboolean, json_object_get_boolean_member_with_default, (JsonObject *object, const char *member_name, gboolean default_value), (object, member_name, default_value))
LAZY (JSON_GLIB, const gchar *, json_object_get_string_member_with_default, (JsonObject *object, const char *member_name, const char *default_value), (object, member_name, default_value))
LAZY (JSON_GLIB, JsonNode *, json_object_get_member, (JsonObject *object, const gchar *member_name), (object, member_name))
LAZY_VOID (JSON_GLIB, json_object_set_int_member, (JsonObject *object, const gchar *member_name, gint64 value), (object, member_name, value))
LAZY (JSON_GLIB, JsonNode *, json_parser_get_root, (JsonParser *parser), (parser))
LAZY (JSON_GLIB, gboolean, json_parser_load_from_data, (JsonParser *parser, const gchar *data, gssize length, GError **error), (parser, data, length, error))
LAZY (JSON_GLIB, JsonParser *, json_parser_new, (void), ())
LAZY (JSON_GLIB, char *, json_to_string, (JsonNode *node, gboolean pretty), (node, pretty))
