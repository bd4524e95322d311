/* medialib-test-window.h — the window tests' fixture and helpers
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "medialib-application.h"
#include "medialib-window-private.h"

G_BEGIN_DECLS

typedef struct
{
  char                *tmp;
  char                *library;
  char                *input;
  MedialibApplication *app;
  MedialibWindow      *window;
} Fixture;


void        window_test_init        (int                  *argc,
                                     char               ***argv);
int         window_test_run         (void);
void        fixture_setup           (Fixture              *f,
                                     gconstpointer         data);
void        fixture_teardown        (Fixture              *f,
                                     gconstpointer         data);

#define WINDOW_TEST_ADD(path, func) \
  g_test_add ("/medialib/window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

gboolean    wait_until              (gboolean            (*predicate) (Fixture *f),
                                     Fixture              *f,
                                     const char           *what);
void        settle                  (void);
gboolean    window_is_drawn         (Fixture              *f);
gboolean    store_is_open           (Fixture              *f);
gboolean    store_is_open_or_failed (Fixture              *f);
guint       n_shown                 (Fixture              *f);
MedialibAsset *asset_at             (Fixture              *f,
                                     guint                 position);
gboolean    idle                    (Fixture              *f);
void        wait_for_search         (Fixture              *f);
void        wait_for_typed_search   (Fixture              *f,
                                     guint                 stamp_before);
gboolean    has_dialog              (Fixture              *f);
void        populate                (Fixture              *f);
void        drop_files              (Fixture              *f,
                                     const char * const   *paths);
void        save_screenshot         (Fixture              *f,
                                     const char           *name);

GtkWidget  *find_widget             (GtkWidget            *root,
                                     gboolean            (*match) (GtkWidget *, gconstpointer),
                                     gconstpointer         data);
gboolean    is_button_labelled      (GtkWidget            *widget,
                                     gconstpointer         label);
gboolean    is_row_titled           (GtkWidget            *widget,
                                     gconstpointer         title);
const char *row_subtitle            (GtkWidget            *root,
                                     const char           *title);

GskRenderNode *find_texture_node (GskRenderNode *node);

G_END_DECLS
