/* medialib-pg-catalog-private.h — what the team catalog's source files share
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-pg-catalog.h"
#include "medialib-store.h"

G_BEGIN_DECLS

/* A slot of the daily quota that this catalog reserved and has not recorded nor given back */
typedef struct
{
  gint64 id;        /* its row in quota_reservations */
  char   day[16];   /* YYYY-MM-DD */
} MedialibPgReservation;

struct _MedialibPgCatalog
{
  GObject            parent_instance;

  MedialibPg        *pg;     /* owned: the connections */
  MedialibBlobStore *blobs;  /* nullable: where the assets it makes find their bytes */
  char              *session;  /* this catalog's name in its notices (medialib-change.c) */
  char              *channel;  /* the notices' channel: the library's, by its schema */
  GMutex             reservations_lock;
  GArray            *reservations;  /* MedialibPgReservation, the oldest first */
};

/* Tag and team names kept on an asset's row are joined by this */
#define MEDIALIB_PG_SEP "\x1f"

static inline const char *
_medialib_pg_label_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "tags" : "teams";
}

static inline const char *
_medialib_pg_label_link_table (MedialibLabelKind kind)
{
  return kind == MEDIALIB_LABEL_TAG ? "asset_tags" : "asset_teams";
}

#define MEDIALIB_PG_ASSET_COLUMNS \
  "a.id, a.name, a.kind, a.mime, a.bytes, a.width, a.height, a.animated, a.sha256, " \
  "a.added, a.source, a.parent, a.tag_names, a.team_names, a.prompt, a.contact, a.added_by, a.phash, a.palette, " \
  "a.alt, a.address "

/* Text for one bigint parameter */
typedef struct
{
  char text[24];
} MedialibPgInt;

static inline const char *
_medialib_pg_int (MedialibPgInt *buffer,
                  gint64         value)
{
  g_snprintf (buffer->text, sizeof buffer->text, "%" G_GINT64_FORMAT, value);
  return buffer->text;
}

static inline gint64
_medialib_pg_get_int (const PGresult *result,
                      int             row,
                      int             column)
{
  if (PQgetisnull (result, row, column))
    return 0;

  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static inline const char *
_medialib_pg_get_text (const PGresult *result,
                       int             row,
                       int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;

  return PQgetvalue (result, row, column);
}

MedialibAsset *_medialib_pg_catalog_asset_from_row (MedialibPgCatalog  *self,
                                                    const PGresult     *result,
                                                    int                 row);
char          *_medialib_pg_ids_array             (const gint64       *ids,
                                                    guint               n_ids);
gboolean       _medialib_pg_lock_labels           (PGconn             *conn,
                                                    gboolean            exclusive,
                                                    GError            **error);
gboolean       _medialib_pg_catalog_notify        (MedialibPgCatalog  *self,
                                                    PGconn             *conn,
                                                    GArray             *changes,
                                                    GError            **error);
gboolean       _medialib_pg_catalog_notify_one    (MedialibPgCatalog  *self,
                                                    PGconn             *conn,
                                                    MedialibChangeKind  kind,
                                                    const gint64       *ids,
                                                    guint               n_ids,
                                                    GError            **error);

/* medialib-pg-catalog-read.c, -edit.c, -generations.c */
void           _medialib_pg_catalog_init_reading     (MedialibCatalogInterface *iface);
void           _medialib_pg_catalog_init_writing     (MedialibCatalogInterface *iface);

/* medialib-pg-catalog-labels.c: a change of labels on many assets, with -edit.c's helpers */
gint64         _medialib_pg_ensure_label          (PGconn             *conn,
                                                    MedialibLabelKind   kind,
                                                    const char         *name,
                                                    GError            **error);
gboolean       _medialib_pg_refresh               (PGconn             *conn,
                                                    const gint64       *ids,
                                                    guint               n_ids,
                                                    gboolean            removed,
                                                    GError            **error);
GPtrArray     *_medialib_pg_catalog_change_labels (MedialibCatalog    *catalog,
                                                    GPtrArray          *changes,
                                                    GError            **error);
void           _medialib_pg_catalog_init_generations (MedialibCatalogInterface *iface);
void           _medialib_pg_catalog_init_collections (MedialibCatalogInterface *iface);

/* medialib-pg-catalog-phash.c */
void           _medialib_pg_catalog_init_phash       (MedialibCatalogInterface *iface);
void           _medialib_pg_catalog_init_versions    (MedialibCatalogInterface *iface);
void           _medialib_pg_append_similar           (GString             *where,
                                                      GString             *order,
                                                      GPtrArray           *params,
                                                      const MedialibQuery *query);

G_END_DECLS
