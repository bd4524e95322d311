/* medialib-pg-catalog.h — a team library's catalog in PostgreSQL: assets, tags, teams,
 * search, generations and the company's daily quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-blob-store.h"
#include "medialib-catalog.h"
#include "medialib-pg.h"

G_BEGIN_DECLS

#define MEDIALIB_PG_CATALOG_SCHEMA_VERSION 8

#define MEDIALIB_TYPE_PG_CATALOG (medialib_pg_catalog_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPgCatalog, medialib_pg_catalog, MEDIALIB, PG_CATALOG, GObject)

/* Everything else is MedialibCatalog's (medialib-catalog.h). Every call blocks on the
 * network: the app makes them from worker threads. */
MedialibPgCatalog *medialib_pg_catalog_open   (const char         *conninfo,
                                               MedialibBlobStore  *blobs,
                                               GError            **error);
MedialibPgCatalog *medialib_pg_catalog_open_full (const char        *conninfo,
                                                  const char        *fallback_password,
                                                  MedialibBlobStore *blobs,
                                                  GError           **error);
MedialibPg        *medialib_pg_catalog_get_pg (MedialibPgCatalog  *self);
const char        *medialib_pg_catalog_get_session (MedialibPgCatalog *self);
const char        *medialib_pg_catalog_get_channel (MedialibPgCatalog *self);

G_END_DECLS
