/* medialib-test-proxy.h — a TCP proxy of the tests' own in front of a real server, that can
 * refuse connections and take them again, or answer them with an error, or not at all
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
void        test_proxy_fail         (TestProxy  *self,
                                     guint       n_connections,
                                     guint       status);
guint       test_proxy_get_n_failed (TestProxy  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProxy, test_proxy_free)

G_END_DECLS
