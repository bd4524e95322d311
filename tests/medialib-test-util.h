/* medialib-test-util.h — test data made at test time
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "medialib-store.h"

G_BEGIN_DECLS

/* A new library in a temporary folder: what most tests start from */
typedef struct
{
  char          *tmp;      /* the test's folder, removed at the end */
  char          *input;    /* tmp/input, for the files a test imports */
  char          *library;  /* tmp/library */
  MedialibStore *store;    /* the library, open */
} TestLibrary;

void      test_library_setup    (TestLibrary   *lib,
                                 gconstpointer  data);
void      test_library_teardown (TestLibrary   *lib,
                                 gconstpointer  data);

char     *test_make_tmpdir      (const char *name);
void      test_rm_rf            (const char *path);
char     *test_write_image      (const char *dir,
                                 const char *name,
                                 const char *type,
                                 int         width,
                                 int         height,
                                 guint32     seed);
char     *test_write_gif        (const char *dir,
                                 const char *name,
                                 int         width,
                                 int         height,
                                 guint       frames,
                                 guint8      color);
char     *test_write_bytes      (const char *dir,
                                 const char *name,
                                 const void *data,
                                 gsize       length);
char     *test_shared_corpus    (const char *subdir);

gint64        test_wait_limit   (void);
void          test_keep_result  (GObject       *object,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
GAsyncResult *test_wait_result  (GAsyncResult **result);

G_END_DECLS
