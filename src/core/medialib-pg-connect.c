/* medialib-pg-connect.c — opening one connection to a team library's PostgreSQL server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <netdb.h>
#include <poll.h>

#include "medialib-pg-private.h"

#define DEFAULT_CONNECT_TIMEOUT 15  /* seconds, when the connection string sets none */

/* The SQLSTATE that a verbose error message carries after the severity ("FATAL:  28P01: …").
 * Read by hand rather than with a shared GRegex: GLib compiles a GRegex's JIT code lazily at
 * its first match, and two threads matching it for the first time at once lose one of the
 * compiled copies (several connections fail at once when the server restarts). */
static char *
find_sqlstate (const char *message)
{
  for (const char *p = strstr (message, ":  "); p != NULL; p = strstr (p + 1, ":  "))
    {
      const char *code = p + 3;
      gboolean found = TRUE;

      for (guint i = 0; i < 5 && found; i++)
        found = g_ascii_isdigit (code[i]) || g_ascii_isupper (code[i]);
      if (found && code[5] == ':' && code[6] == ' ')
        return g_strndup (code, 5);
    }

  return NULL;
}

static void
set_connect_error (PGconn          *conn,
                   ConnStatusType   stage,
                   const char      *conninfo,
                   const char      *password,
                   gboolean         typed,
                   GError         **error)
{
  g_autofree char *sqlstate = find_sqlstate (PQerrorMessage (conn));
  g_autofree char *line = _medialib_pg_first_line (PQerrorMessage (conn), sqlstate);
  g_autofree char *detail = _medialib_pg_scrub_full (line, conninfo, password);
  g_autofree char *server = medialib_pg_dup_server (conn);
  const char *user = PQuser (conn) ? PQuser (conn) : "";
  const char *db = PQdb (conn) ? PQdb (conn) : "";

  /* A password the user just typed (the team library dialog): no word of the keyring or the
   * command line, which are not where it came from */
  if (typed && g_strcmp0 (sqlstate, "28P01") == 0)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s refused the password of the role “%s”. Check the user name and the password"),
                 server, user);
  else if (typed && sqlstate == NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s asks for the password of the role “%s”. Enter it"),
                 server, user);
  else if (g_strcmp0 (sqlstate, "28P01") == 0 && password != NULL)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s refused the password of the role “%s” that the keyring keeps. Save the right one with “medialib team connect … --save-credentials” (PGPASSWORD set to it), or remove it with “medialib team forget-credentials”"),
                 server, user);
  else if (g_strcmp0 (sqlstate, "28P01") == 0)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s refused the password of the role “%s”. Check the password: the app keeps it in the keyring; the command line reads PGPASSWORD or ~/.pgpass"),
                 server, user);
  else if (sqlstate != NULL && g_str_has_prefix (sqlstate, "28"))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s refused the role “%s” (%s). Ask the server’s administrator to let this role connect from this computer"),
                 server, user, detail);
  else if (g_strcmp0 (sqlstate, "3D000") == 0)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_DATABASE_MISSING,
                 _("The database server %s has no database “%s”. Check the database name in the connection string"),
                 server, db);
  else if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "53") || g_str_equal (sqlstate, "57P03")))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_BUSY,
                 _("The database server %s cannot take this connection now (%s). Try again in a moment"),
                 server, detail);
  else if (sqlstate == NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_AUTHENTICATION,
                 _("The database server %s asks for the password of the role “%s”, and none was found. Set PGPASSWORD (or write it in ~/.pgpass), or save it in the keyring with “medialib team connect … --save-credentials”"),
                 server, user);
  else if (sqlstate == NULL && stage == CONNECTION_SSL_STARTUP)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_TLS,
                 _("No secure connection to the database server %s (%s). When its certificate comes from your company’s own authority, give that certificate with sslrootcert= in the connection string; sslmode= says how strictly the server is checked"),
                 server, detail);
  else if (sqlstate == NULL && (stage == CONNECTION_NEEDED || stage == CONNECTION_STARTED ||
                                stage == CONNECTION_MADE || stage == CONNECTION_ALLOCATED))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE,
                 _("The database server %s cannot be reached (%s). Check its address and port, and that it is running and accepts connections from this computer"),
                 server, detail);
  else
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_FAILED,
                 _("The database server %s refused the connection (%s)"), server, detail);
}

static void
on_notice_cb (void       *data,
              const char *message)
{
  g_debug ("%s", message);
}

static gboolean
wait_socket (PGconn                    *conn,
             PostgresPollingStatusType  status,
             gint64                     deadline)
{
  struct pollfd fd = { PQsocket (conn), status == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0 };

  if (fd.fd < 0)
    return TRUE;

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      int rc;

      if (left <= 0)
        return FALSE;

      rc = poll (&fd, 1, (int) MIN (left / 1000 + 1, G_MAXINT));
      if (rc > 0)
        return TRUE;
      if (rc == 0 || errno != EINTR)
        return rc != 0;
    }
}

static int
connect_timeout (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  int timeout = 0;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "connect_timeout") && o->val != NULL)
      timeout = atoi (o->val);
  PQconninfoFree (options);

  if (timeout <= 0)
    return DEFAULT_CONNECT_TIMEOUT;

  return MAX (timeout, 2);
}

/* A host name of the connection (not an address, not a socket directory) that does not
 * resolve: libpq fails at once then, as it does for an option it cannot use */
static char *
find_unknown_host (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  g_auto(GStrv) hosts = NULL;
  gboolean has_hostaddr = FALSE;
  char *unknown = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "host") && o->val != NULL && o->val[0] != '\0')
        hosts = g_strsplit (o->val, ",", -1);
      else if (g_str_equal (o->keyword, "hostaddr") && o->val != NULL && o->val[0] != '\0')
        has_hostaddr = TRUE;
    }
  PQconninfoFree (options);

  for (guint i = 0; !has_hostaddr && hosts != NULL && hosts[i] != NULL && unknown == NULL; i++)
    {
      struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
      struct addrinfo *found = NULL;

      if (hosts[i][0] == '\0' || hosts[i][0] == '/' || hosts[i][0] == '@')
        continue;
      if (getaddrinfo (hosts[i], NULL, &hints, &found) != 0)
        unknown = g_strdup (hosts[i]);
      if (found != NULL)
        freeaddrinfo (found);
    }

  return unknown;
}

/**
 * medialib_pg_connect:
 *
 * Opens one connection. libpq's asynchronous connection is driven here, blocking, so that
 * the stage where it failed tells an unreachable server from a TLS failure from a refused
 * password, whatever the language of libpq's and the server's messages. Blocks: call it
 * from a worker thread.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with a %MEDIALIB_PG_ERROR
 */
PGconn *
medialib_pg_connect (const char  *conninfo,
                     GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _medialib_pg_connect_full (conninfo, NULL, NULL, error);
}

static PGconn *connect_full (const char  *conninfo,
                             const char  *password,
                             gboolean     typed,
                             gboolean    *needs_password,
                             GError     **error);

/**
 * medialib_pg_connect_with_password:
 * @password: (nullable): the role's password, as the user typed it
 *
 * medialib_pg_connect() with @password given to libpq as a connection parameter, in memory:
 * it wins over PGPASSWORD and ~/.pgpass, so that what the user typed is what is checked.
 * It never appears in an error. Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with a %MEDIALIB_PG_ERROR
 */
PGconn *
medialib_pg_connect_with_password (const char  *conninfo,
                                   const char  *password,
                                   GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return connect_full (conninfo, password != NULL && password[0] != '\0' ? password : NULL, TRUE,
                       NULL, error);
}

/*
 * medialib_pg_connect(), with @password (nullable, from the keyring) given to libpq as a
 * connection parameter, in memory, after the string so that it wins; it is scrubbed from
 * every message like the string's own. @needs_password is set when the server asked for a
 * password that libpq did not have.
 */
static PGconn *
connect_full (const char  *conninfo,
              const char  *password,
              gboolean     typed,
              gboolean    *needs_password,
              GError     **error)
{
  /* Later entries win: the string overrides the first ones; the client encoding is ours */
  static const char * const keywords[] = {
    "fallback_application_name", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "dbname", "client_encoding", "password", NULL
  };
  const char *values[] = { "medialib", "60", "10", "3", conninfo, "UTF8", password, NULL };
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  ConnStatusType stage;
  char *parse_error = NULL;
  PQconninfoOption *parsed;
  PGconn *conn;
  gint64 deadline;

  if (needs_password != NULL)
    *needs_password = FALSE;

  /* A string libpq cannot read: say so, without quoting the secret it may hold */
  if (!(parsed = PQconninfoParse (conninfo, &parse_error)))
    {
      g_autofree char *line = parse_error ? _medialib_pg_first_line (parse_error, NULL) : g_strdup ("");
      g_autofree char *detail = medialib_pg_scrub (line, conninfo);

      PQfreemem (parse_error);
      g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONNINFO,
                   _("The database connection string cannot be read (%s). Write it as key=value pairs (host=… dbname=… user=…) or as a postgresql:// address"),
                   detail);
      return NULL;
    }
  PQconninfoFree (parsed);

  conn = PQconnectStartParams (keywords, values, 1);
  if (conn == NULL)
    g_error ("libpq could not allocate a connection");

  if (PQstatus (conn) == CONNECTION_BAD)
    {
      g_autofree char *line = _medialib_pg_first_line (PQerrorMessage (conn), NULL);
      g_autofree char *detail = _medialib_pg_scrub_full (line, conninfo, password);
      g_autofree char *unknown = find_unknown_host (conn);

      if (unknown != NULL)
        g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE,
                     _("The database server %s cannot be found (%s). Check its name in the connection string, and the network"),
                     unknown, detail);
      else
        g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONNINFO,
                     _("The database connection string cannot be used (%s)"), detail);
      PQfinish (conn);
      return NULL;
    }

  /* The server's SQLSTATE then comes in the message: see find_sqlstate() */
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);
  PQsetNoticeProcessor (conn, on_notice_cb, NULL);

  deadline = g_get_monotonic_time () + connect_timeout (conn) * G_USEC_PER_SEC;
  stage = PQstatus (conn);

  while (status != PGRES_POLLING_OK)
    {
      if (status == PGRES_POLLING_FAILED)
        {
          if (needs_password != NULL)
            *needs_password = PQconnectionNeedsPassword (conn);
          set_connect_error (conn, stage, conninfo, password, typed, error);
          PQfinish (conn);
          return NULL;
        }

      if (!wait_socket (conn, status, deadline))
        {
          g_autofree char *server = medialib_pg_dup_server (conn);

          g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE,
                       _("The database server %s did not answer within %d seconds. Check its address and port, and that it is running and accepts connections from this computer"),
                       server, connect_timeout (conn));
          PQfinish (conn);
          return NULL;
        }

      stage = PQstatus (conn);
      status = PQconnectPoll (conn);
    }

  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);

  return conn;
}


PGconn *
_medialib_pg_connect_full (const char  *conninfo,
                           const char  *password,
                           gboolean    *needs_password,
                           GError     **error)
{
  return connect_full (conninfo, password, FALSE, needs_password, error);
}
