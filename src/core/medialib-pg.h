/* medialib-pg.h — connections to a team library's PostgreSQL server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define MEDIALIB_PG_ERROR (medialib_pg_error_quark ())

/* What went wrong, precisely enough for the window to say what to do about it */
typedef enum
{
  MEDIALIB_PG_ERROR_FAILED,             /* the server refused a statement; the message says why */
  MEDIALIB_PG_ERROR_CONNINFO,           /* the connection string cannot be read */
  MEDIALIB_PG_ERROR_UNREACHABLE,        /* no server answered, or the connection was lost */
  MEDIALIB_PG_ERROR_AUTHENTICATION,     /* wrong or missing password, or the role was refused */
  MEDIALIB_PG_ERROR_TLS,                /* no secure connection: certificate not trusted, no TLS */
  MEDIALIB_PG_ERROR_DATABASE_MISSING,   /* the server has no such database */
  MEDIALIB_PG_ERROR_BUSY,               /* too many connections; try again later */
  MEDIALIB_PG_ERROR_PERMISSION_DENIED,  /* the role lacks a privilege (see the README's GRANTs) */
  MEDIALIB_PG_ERROR_CONFLICT,           /* a concurrent change won (deadlock, serialization) */
  MEDIALIB_PG_ERROR_SCHEMA_MISSING,     /* no tables, and the role may not create them */
  MEDIALIB_PG_ERROR_SCHEMA_OUTDATED,    /* older tables, and the role may not upgrade them */
  MEDIALIB_PG_ERROR_SCHEMA_NEWER,       /* tables of a newer version of the app */
} MedialibPgError;

#define MEDIALIB_TYPE_PG (medialib_pg_get_type ())

G_DECLARE_FINAL_TYPE (MedialibPg, medialib_pg, MEDIALIB, PG, GObject)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* One transaction's work, on a connection that is in the transaction */
typedef gboolean (*MedialibPgFunc) (PGconn   *conn,
                                    gpointer  data,
                                    GError  **error);

GQuark      medialib_pg_error_quark    (void);
MedialibPg *medialib_pg_new            (const char         *conninfo,
                                        guint               max_connections,
                                        GError            **error);
PGconn     *medialib_pg_connect        (const char         *conninfo,
                                        GError            **error);
PGconn     *medialib_pg_connect_with_password (const char  *conninfo,
                                               const char  *password,
                                               GError     **error);
void        medialib_pg_set_fallback_password  (MedialibPg *self,
                                                const char *password);
gboolean    medialib_pg_uses_fallback_password (MedialibPg *self);
PGconn     *medialib_pg_acquire        (MedialibPg         *self,
                                        GError            **error);
PGconn     *medialib_pg_connect_apart  (MedialibPg         *self,
                                        GError            **error);
void        medialib_pg_release        (MedialibPg         *self,
                                        PGconn             *conn);
gboolean    medialib_pg_transaction    (MedialibPg         *self,
                                        MedialibPgFunc      func,
                                        gpointer            data,
                                        GError            **error);
PGresult   *medialib_pg_exec           (PGconn             *conn,
                                        const char         *sql,
                                        int                 n_params,
                                        const char * const *params,
                                        const char         *doing,
                                        GError            **error);
PGresult   *medialib_pg_query          (MedialibPg         *self,
                                        const char         *sql,
                                        int                 n_params,
                                        const char * const *params,
                                        const char         *doing,
                                        GError            **error);
gboolean    medialib_pg_exec_command   (PGconn             *conn,
                                        const char         *sql,
                                        const char         *doing,
                                        GError            **error);
void        medialib_pg_set_result_error (PGconn           *conn,
                                        const PGresult     *result,
                                        const char         *doing,
                                        GError            **error);
char       *medialib_pg_dup_server     (PGconn             *conn);
char       *medialib_pg_scrub          (const char         *text,
                                        const char         *conninfo);

G_END_DECLS
