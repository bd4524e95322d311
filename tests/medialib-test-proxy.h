/* medialib-test-proxy.h — a TCP proxy of the tests' own in front of a real server, that can
 * refuse connections and take them again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TestProxy TestProxy;

TestProxy  *test_proxy_new          (const char *upstream);
const char *test_proxy_get_endpoint (TestProxy  *self);
void        test_proxy_close        (TestProxy  *self);
void        test_proxy_open         (TestProxy  *self);
void        test_proxy_free         (TestProxy  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProxy, test_proxy_free)

G_END_DECLS
