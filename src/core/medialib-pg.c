/* medialib-pg.c — connections to a team library's PostgreSQL server
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-pg-private.h"

/*
 * Every call here blocks on the network: like the local store's SQLite calls, they run on
 * worker threads (GTask's pool, through the store's _async functions), never on the main
 * thread. The synchronous libpq API on worker threads is the same model as the local store,
 * so that one set of _async wrappers serves both backends and each operation stays a plain
 * function with one transaction inside; libpq's asynchronous API on the main loop would make
 * every operation a state machine for no gain, since the work after each reply (building
 * assets, tokenizing words) belongs off the main thread anyway.
 *
 * A MedialibPg is a small pool of connections guarded by a mutex, not one connection per
 * thread: a PGconn must not be used by two threads at once, GTask's pool runs many threads
 * that come and go, and a connection per thread would leave idle server sessions behind
 * each of them (a server allows about a hundred connections for the whole company). The
 * pool lends one connection per operation, at most max_connections at once (the others
 * wait), and keeps them open between operations because a connection costs several round
 * trips and a password check. A connection that broke, or came back inside a transaction,
 * is closed instead of being kept.
 *
 * The connection string is libpq's own (key=value or postgresql:// URI), so libpq's
 * environment applies as usual: PGPASSWORD, PGPASSFILE, PGSERVICEFILE, PGSSLMODE,
 * PGSSLROOTCERT… and TLS is what the string's sslmode says. The string may hold a password:
 * it is never logged nor put into a message, and libpq's messages, which sometimes quote
 * the string, are scrubbed (medialib_pg_scrub()) before they reach a GError.
 */

#define MAX_ATTEMPTS            4   /* a transaction that lost to a concurrent one runs again */
#define HIDDEN                  "********"

struct _MedialibPg
{
  GObject  parent_instance;

  char    *conninfo;  /* may hold a password: never logged, never in a message */
  char    *fallback;  /* the keyring's password, for when libpq's own means have none */
  gboolean use_fallback;
  GMutex   lock;
  GCond    available;
  GQueue   idle;      /* PGconn *, open and outside any transaction */
  guint    n_open;    /* idle + lent */
  guint    max_open;
};

G_DEFINE_FINAL_TYPE (MedialibPg, medialib_pg, G_TYPE_OBJECT)

G_DEFINE_QUARK (medialib-pg-error-quark, medialib_pg_error)

/* --- Secrets out of messages ---------------------------------------------------------------- */

static void
replace_all (GString    *text,
             const char *secret)
{
  /* Very short strings would garble the message; passwords are longer than that */
  if (secret == NULL || strlen (secret) < 3)
    return;

  g_string_replace (text, secret, HIDDEN, 0);
}

/**
 * medialib_pg_scrub:
 * @text: a message from libpq or the server
 * @conninfo: (nullable): the connection string it is about
 *
 * Removes passwords from @text: the one in @conninfo and in PGPASSWORD wherever they appear,
 * and whatever follows "password=" or sits in a URI's user information, so that a connection
 * string libpq could not even read does not leak either.
 *
 * Returns: (transfer full): @text without secrets
 */
char *
medialib_pg_scrub (const char *text,
                   const char *conninfo)
{
  g_return_val_if_fail (text != NULL, NULL);

  return _medialib_pg_scrub_full (text, conninfo, NULL);
}

/* medialib_pg_scrub(), and @password (a password given apart from @conninfo) too */
char *
_medialib_pg_scrub_full (const char *text,
                         const char *conninfo,
                         const char *password_given)
{
  static GRegex *keyword_re, *uri_re;
  g_autoptr(GString) result = NULL;
  g_autofree char *password = NULL;
  g_autofree char *keywords_hidden = NULL;
  char *uri_hidden;

  /* Without G_REGEX_OPTIMIZE: GLib compiles an optimized GRegex's JIT code lazily at its
   * first match, and threads that match it for the first time at once lose a compiled copy */
  if (g_once_init_enter_pointer (&uri_re))
    {
      keyword_re = g_regex_new ("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)",
                                G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave_pointer (&uri_re,
                                 g_regex_new ("([a-z][a-z0-9+.-]*://[^:/@\\s]*):[^@\\s]*@",
                                              G_REGEX_CASELESS, 0, NULL));
    }

  result = g_string_new (text);

  if (conninfo != NULL)
    {
      PQconninfoOption *options = PQconninfoParse (conninfo, NULL);

      for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
        if (g_str_equal (o->keyword, "password") && o->val != NULL)
          password = g_strdup (o->val);
      PQconninfoFree (options);
    }
  replace_all (result, password);
  replace_all (result, g_getenv ("PGPASSWORD"));
  replace_all (result, password_given);

  keywords_hidden = g_regex_replace (keyword_re, result->str, -1, 0, "\\1" HIDDEN, 0, NULL);
  if (keywords_hidden == NULL)
    return g_strdup (HIDDEN);

  uri_hidden = g_regex_replace (uri_re, keywords_hidden, -1, 0, "\\1:" HIDDEN "@", 0, NULL);

  return uri_hidden != NULL ? uri_hidden : g_strdup (HIDDEN);
}

/* --- Errors --------------------------------------------------------------------------------- */

/* "host:port" (or the socket directory), without any secret */
char *
medialib_pg_dup_server (PGconn *conn)
{
  const char *host = PQhost (conn);
  const char *port = PQport (conn);

  if (host == NULL || host[0] == '\0')
    host = "localhost";

  if (port == NULL || port[0] == '\0')
    return g_strdup (host);

  return g_strdup_printf ("%s:%s", host, port);
}

/* The first line of a libpq message, without the SQLSTATE that verbosity added */
char *
_medialib_pg_first_line (const char *message,
                         const char *sqlstate)
{
  g_autoptr(GString) line = g_string_new_len (message, strcspn (message, "\n"));

  if (sqlstate != NULL)
    {
      g_autofree char *marker = g_strdup_printf ("%s: ", sqlstate);

      g_string_replace (line, marker, "", 1);
    }

  while (line->len > 0 && (g_ascii_isspace (line->str[line->len - 1]) || line->str[line->len - 1] == '.'))
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* --- Statements ----------------------------------------------------------------------------- */

/**
 * medialib_pg_set_result_error:
 * @result: (nullable): a statement's result that is an error
 * @doing: (nullable): what failed, for the message
 *
 * Sets @error from the SQLSTATE of @result: lost connection, missing privilege, conflict
 * with a concurrent transaction, busy server, or else the server's own message.
 */
void
medialib_pg_set_result_error (PGconn          *conn,
                              const PGresult  *result,
                              const char      *doing,
                              GError         **error)
{
  const char *sqlstate = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *text = primary ? g_strdup (primary) : _medialib_pg_first_line (PQerrorMessage (conn), NULL);
  g_autofree char *server = medialib_pg_dup_server (conn);

  if (doing == NULL)
    doing = _("The team library’s database could not be used");

  if (PQstatus (conn) == CONNECTION_BAD ||
      (sqlstate != NULL && (g_str_has_prefix (sqlstate, "08") || g_str_equal (sqlstate, "57P01") ||
                            g_str_equal (sqlstate, "57P02"))))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_UNREACHABLE,
                 _("%s: the connection to the database server %s was lost (%s). Check the network and try again"),
                 doing, server, text);
  else if (g_strcmp0 (sqlstate, "42501") == 0)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_PERMISSION_DENIED,
                 _("%s: the database role “%s” lacks a privilege (%s). Ask the team library’s administrator for the privileges that the README lists"),
                 doing, PQuser (conn), text);
  else if (g_strcmp0 (sqlstate, "40001") == 0 || g_strcmp0 (sqlstate, "40P01") == 0)
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONFLICT,
                 _("%s: another change was made at the same time. Try again"), doing);
  else if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "53") || g_str_equal (sqlstate, "57P03")))
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_BUSY,
                 _("%s: the database server %s is busy (%s). Try again in a moment"), doing, server, text);
  else
    g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_FAILED, "%s: %s", doing, text);
}

/**
 * medialib_pg_exec:
 * @params: (array length=n_params) (nullable): the values of $1, $2…, as text; %NULL for SQL NULL
 * @doing: (nullable): what failed, for the message ("The asset could not be renamed")
 *
 * Runs one statement with its parameters apart from its text: nothing a person typed is
 * ever part of the SQL.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
PGresult *
medialib_pg_exec (PGconn              *conn,
                  const char          *sql,
                  int                  n_params,
                  const char * const  *params,
                  const char          *doing,
                  GError             **error)
{
  PGresult *result;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  result = PQexecParams (conn, sql, n_params, NULL, (const char * const *) params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (result != NULL && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK))
    return result;

  medialib_pg_set_result_error (conn, result, doing, error);
  PQclear (result);
  return NULL;
}

/* A statement without parameters nor rows: BEGIN, COMMIT, a migration's script */
gboolean
medialib_pg_exec_command (PGconn      *conn,
                          const char  *sql,
                          const char  *doing,
                          GError     **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (conn != NULL, FALSE);

  result = PQexec (conn, sql);
  if (result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK)
    return TRUE;

  medialib_pg_set_result_error (conn, result, doing, error);
  return FALSE;
}

/**
 * medialib_pg_query:
 *
 * Runs one statement that only reads, on a lent connection, outside any explicit
 * transaction: a single statement is a transaction by itself, and this saves the round trips
 * of BEGIN and COMMIT. When the connection kept in the pool turns out to be dead (the server
 * restarted), the statement runs once more on a new one, which is safe because it changes
 * nothing. Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
PGresult *
medialib_pg_query (MedialibPg          *self,
                   const char          *sql,
                   int                  n_params,
                   const char * const  *params,
                   const char          *doing,
                   GError             **error)
{
  g_return_val_if_fail (MEDIALIB_IS_PG (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  for (guint attempt = 1;; attempt++)
    {
      GError *local_error = NULL;
      PGresult *result;
      PGconn *conn;
      gboolean lost;

      if (!(conn = medialib_pg_acquire (self, error)))
        return NULL;

      result = medialib_pg_exec (conn, sql, n_params, params, doing, &local_error);
      lost = result == NULL && PQstatus (conn) == CONNECTION_BAD;
      medialib_pg_release (self, conn);

      if (result != NULL)
        return result;

      if (lost && attempt == 1)
        {
          g_clear_error (&local_error);
          continue;
        }

      g_propagate_error (error, local_error);
      return NULL;
    }
}

/* --- The pool ------------------------------------------------------------------------------- */

static void
medialib_pg_finalize (GObject *object)
{
  MedialibPg *self = MEDIALIB_PG (object);
  PGconn *conn;

  g_assert (self->n_open == self->idle.length);

  while ((conn = g_queue_pop_head (&self->idle)))
    PQfinish (conn);

  if (self->conninfo != NULL)
    memset (self->conninfo, 0, strlen (self->conninfo));
  g_clear_pointer (&self->conninfo, g_free);
  if (self->fallback != NULL)
    memset (self->fallback, 0, strlen (self->fallback));
  g_clear_pointer (&self->fallback, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->available);

  G_OBJECT_CLASS (medialib_pg_parent_class)->finalize (object);
}

static void
medialib_pg_class_init (MedialibPgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medialib_pg_finalize;
}

static void
medialib_pg_init (MedialibPg *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->available);
  g_queue_init (&self->idle);
}

/**
 * medialib_pg_new:
 * @conninfo: a libpq connection string (key=value pairs or a postgresql:// URI)
 * @max_connections: how many connections may be open at once; 0 for the default (4)
 *
 * Reads @conninfo without connecting: connections open when they are first needed.
 *
 * Returns: (transfer full) (nullable): the pool, or %NULL with %MEDIALIB_PG_ERROR_CONNINFO
 */
MedialibPg *
medialib_pg_new (const char  *conninfo,
                 guint        max_connections,
                 GError     **error)
{
  MedialibPg *self;
  char *parse_error = NULL;
  PQconninfoOption *parsed;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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

  self = g_object_new (MEDIALIB_TYPE_PG, NULL);
  self->conninfo = g_strdup (conninfo);
  self->max_open = max_connections > 0 ? max_connections : 4;

  return self;
}

/**
 * medialib_pg_set_fallback_password:
 * @password: (nullable): the password that the keyring keeps for the connection's role
 *
 * libpq's own means come first (PGPASSWORD, the password file, a service file): @password
 * is only given, as a connection parameter in memory, when the server asked for a password
 * that they did not have, and then to every later connection. It is scrubbed from every
 * message. Call it before the first connection.
 */
void
medialib_pg_set_fallback_password (MedialibPg *self,
                                   const char *password)
{
  g_return_if_fail (MEDIALIB_IS_PG (self));

  g_mutex_lock (&self->lock);
  if (self->fallback != NULL)
    memset (self->fallback, 0, strlen (self->fallback));
  g_free (self->fallback);
  self->fallback = password != NULL && password[0] != '\0' ? g_strdup (password) : NULL;
  self->use_fallback = FALSE;
  g_mutex_unlock (&self->lock);
}

/**
 * medialib_pg_uses_fallback_password:
 *
 * Returns: whether the connections log in with medialib_pg_set_fallback_password()'s
 *   password, because the server asked for one that libpq's own means did not have
 */
gboolean
medialib_pg_uses_fallback_password (MedialibPg *self)
{
  gboolean uses;

  g_return_val_if_fail (MEDIALIB_IS_PG (self), FALSE);

  g_mutex_lock (&self->lock);
  uses = self->use_fallback;
  g_mutex_unlock (&self->lock);

  return uses;
}

/* A new connection: with libpq's own means, then with the fallback password if the server
 * asked for one they lacked (and from then on with it at once) */
static PGconn *
connect_new (MedialibPg  *self,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fallback = NULL;
  gboolean needs_password = FALSE;
  gboolean use_fallback;
  PGconn *conn = NULL;

  g_mutex_lock (&self->lock);
  fallback = g_strdup (self->fallback);
  use_fallback = self->use_fallback;
  g_mutex_unlock (&self->lock);

  /* Once the server asked, the fallback is given at once: no round trip lost each time */
  if (use_fallback && fallback != NULL)
    needs_password = TRUE;
  else
    conn = _medialib_pg_connect_full (self->conninfo, NULL, &needs_password, &local_error);

  if (conn == NULL && needs_password && fallback != NULL)
    {
      g_clear_error (&local_error);
      conn = _medialib_pg_connect_full (self->conninfo, fallback, NULL, &local_error);

      g_mutex_lock (&self->lock);
      self->use_fallback = conn != NULL;
      g_mutex_unlock (&self->lock);
    }

  if (conn == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  if (fallback != NULL)
    memset (fallback, 0, strlen (fallback));

  return conn;
}

/**
 * medialib_pg_acquire:
 *
 * Lends a connection, outside any transaction: an idle one, a new one, or the next one
 * given back when max_connections are lent. Give it back with medialib_pg_release().
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): a connection, or %NULL with a %MEDIALIB_PG_ERROR
 */
PGconn *
medialib_pg_acquire (MedialibPg  *self,
                     GError     **error)
{
  PGconn *conn;

  g_return_val_if_fail (MEDIALIB_IS_PG (self), NULL);

  g_mutex_lock (&self->lock);
  while (self->idle.length == 0 && self->n_open >= self->max_open)
    g_cond_wait (&self->available, &self->lock);

  if ((conn = g_queue_pop_head (&self->idle)))
    {
      g_mutex_unlock (&self->lock);
      return conn;
    }

  self->n_open++;
  g_mutex_unlock (&self->lock);

  /* Outside the lock: connecting takes round trips, and other threads may use idle ones */
  if (!(conn = connect_new (self, error)))
    {
      g_mutex_lock (&self->lock);
      self->n_open--;
      g_cond_signal (&self->available);
      g_mutex_unlock (&self->lock);
    }

  return conn;
}

/**
 * medialib_pg_connect_apart:
 *
 * Opens a connection of the pool's server that is not the pool's: one that stays apart for
 * a long time (a listening one: medialib-pg-listener.c). Close it with PQfinish(). Blocks.
 *
 * Returns: (transfer full) (nullable): a connection, or %NULL with a %MEDIALIB_PG_ERROR
 */
PGconn *
medialib_pg_connect_apart (MedialibPg  *self,
                           GError     **error)
{
  g_return_val_if_fail (MEDIALIB_IS_PG (self), NULL);

  /* With the keyring's password too, like the pool's own connections */
  return connect_new (self, error);
}

/* Takes back a lent connection; one that broke or is still in a transaction is closed */
void
medialib_pg_release (MedialibPg *self,
                     PGconn     *conn)
{
  gboolean keep;

  g_return_if_fail (MEDIALIB_IS_PG (self));
  g_return_if_fail (conn != NULL);

  keep = PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) == PQTRANS_IDLE;
  if (!keep)
    PQfinish (conn);

  g_mutex_lock (&self->lock);
  if (keep)
    g_queue_push_head (&self->idle, conn);
  else
    self->n_open--;
  g_cond_signal (&self->available);
  g_mutex_unlock (&self->lock);
}

static gboolean
commit (PGconn  *conn,
        GError **error)
{
  g_autoptr(PGresult) result = PQexec (conn, "COMMIT");

  if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      medialib_pg_set_result_error (conn, result, _("The change could not be saved in the team library"), error);
      return FALSE;
    }

  /* COMMIT of a transaction that failed answers ROLLBACK, without an error */
  if (!g_str_equal (PQcmdStatus (result), "COMMIT"))
    {
      g_set_error (error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_FAILED,
                   _("The change could not be saved in the team library: the database rolled it back"));
      return FALSE;
    }

  return TRUE;
}

/**
 * medialib_pg_transaction:
 * @func: the work, called on a connection inside BEGIN; it returns %FALSE with @error set
 *   to roll back
 *
 * Runs @func in one transaction (READ COMMITTED, PostgreSQL's default) on a lent
 * connection: BEGIN, @func, COMMIT, or ROLLBACK when anything failed. When the connection
 * kept in the pool turns out to be dead at BEGIN (the server restarted), a new one is made
 * once; when a concurrent transaction won a deadlock or a serialization failure, @func runs
 * again from the start (at most 4 times), so it must only set its results, never add to
 * them. Blocks: call it from a worker thread.
 */
gboolean
medialib_pg_transaction (MedialibPg      *self,
                         MedialibPgFunc   func,
                         gpointer         data,
                         GError         **error)
{
  g_return_val_if_fail (MEDIALIB_IS_PG (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (guint attempt = 1;; attempt++)
    {
      GError *local_error = NULL;
      PGconn *conn;
      gboolean ok;

      if (!(conn = medialib_pg_acquire (self, error)))
        return FALSE;

      if (!medialib_pg_exec_command (conn, "BEGIN", NULL, &local_error))
        {
          gboolean lost = PQstatus (conn) == CONNECTION_BAD;

          medialib_pg_release (self, conn);
          if (lost && attempt == 1)
            {
              g_clear_error (&local_error);
              continue;
            }
          g_propagate_error (error, local_error);
          return FALSE;
        }

      ok = func (conn, data, &local_error) && commit (conn, &local_error);

      if (!ok && PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) != PQTRANS_IDLE)
        PQclear (PQexec (conn, "ROLLBACK"));
      medialib_pg_release (self, conn);

      if (ok)
        return TRUE;

      if (attempt < MAX_ATTEMPTS &&
          g_error_matches (local_error, MEDIALIB_PG_ERROR, MEDIALIB_PG_ERROR_CONFLICT))
        {
          g_debug ("Running a transaction again: %s", local_error->message);
          g_clear_error (&local_error);
          continue;
        }

      g_propagate_error (error, local_error);
      return FALSE;
    }
}
