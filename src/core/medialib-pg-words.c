/* medialib-pg-words.c — the words a team library's search finds, as PostgreSQL text search values
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-pg"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "medialib-pg-words.h"
#include "medialib-query.h"

/*
 * A team library finds the same assets as a local one for the same words: each typed word
 * must begin a word of the name (and the contact's extra words), a tag or a team, whatever
 * the case and the accents. The local library has SQLite's FTS5 with its unicode61
 * tokenizer (remove_diacritics 2) do that; here the very same tokenizer, called through
 * FTS5's C API on an in-memory SQLite connection, cuts and folds the words on the client,
 * and PostgreSQL keeps them as a tsvector (GIN index) that prefix queries ('ban':*) match.
 *
 * Why not the server's own functions: to_tsvector()'s parser keeps "hero-3.png" or
 * "12.png" as one "host" word (so "png" would not find it), and unaccent() folds "ß", "ł",
 * "ø", "æ" and ligatures that unicode61 keeps, so results would differ between the two
 * backends; the server's regular expressions depend on its locale as well. Folding on the
 * client gives identical words on any server, and needs no extension.
 *
 * Positions: each column's words follow each other, and a gap separates the columns, so
 * that a typed word that unicode61 cuts in several tokens matches them in a row within one
 * column, as FTS5's phrase does.
 */

#define MAX_LEXEME   2046          /* PostgreSQL's limit is 2047 bytes */
#define MAX_POSITION 16383
#define MAX_DOCUMENT (512 * 1024)  /* far below the tsvector's 1 MB */
#define SEP          "\x1f"        /* between the names of an asset's tags or teams */

static GMutex         tokenizer_lock;  /* a tokenizer instance is not thread-safe */
static sqlite3       *tokenizer_db;
static fts5_tokenizer tokenizer_api;
static Fts5Tokenizer *tokenizer;

static gboolean
ensure_tokenizer (GError **error)
{
  const char *args[] = { "remove_diacritics", "2" };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&tokenizer_lock);
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  void *user_data = NULL;

  if (tokenizer != NULL)
    return TRUE;

  if (sqlite3_open_v2 (":memory:", &tokenizer_db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (tokenizer_db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (api == NULL ||
      api->xFindTokenizer (api, "unicode61", &user_data, &tokenizer_api) != SQLITE_OK ||
      tokenizer_api.xCreate (user_data, args, G_N_ELEMENTS (args), &tokenizer) != SQLITE_OK)
    {
      g_clear_pointer (&tokenizer_db, sqlite3_close);
      tokenizer = NULL;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This SQLite has no full-text search (FTS5): the words of the team library cannot be indexed"));
      return FALSE;
    }

  return TRUE;
}

static int
on_token_cb (void       *data,
             int         flags,
             const char *token,
             int         length,
             int         start,
             int         end)
{
  GPtrArray *tokens = data;

  if (length > 0)
    g_ptr_array_add (tokens, g_strndup (token, length));

  return SQLITE_OK;
}

/* The folded words of @text, as unicode61 with remove_diacritics 2 cuts them */
static GPtrArray *
tokenize (const char *text,
          int         flags)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  g_assert (tokenizer != NULL);

  if (text != NULL && text[0] != '\0')
    {
      g_mutex_lock (&tokenizer_lock);
      tokenizer_api.xTokenize (tokenizer, tokens, flags, text, (int) strlen (text), on_token_cb);
      g_mutex_unlock (&tokenizer_lock);
    }

  return tokens;
}

/* 'token', quoted for tsvector and tsquery input, cut to PostgreSQL's length on a character */
static void
append_lexeme (GString    *out,
               const char *token)
{
  const char *end = token + strlen (token);

  if (end - token > MAX_LEXEME)
    {
      end = token + MAX_LEXEME;
      while (end > token && (*end & 0xc0) == 0x80)
        end--;
    }

  g_string_append_c (out, '\'');
  for (const char *p = token; p < end; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static int
append_column (GString    *out,
               const char *text,
               int         position)
{
  g_autoptr(GPtrArray) tokens = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return position;

  tokens = tokenize (text, FTS5_TOKENIZE_DOCUMENT);
  for (guint i = 0; i < tokens->len && out->len < MAX_DOCUMENT; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_lexeme (out, g_ptr_array_index (tokens, i));
      g_string_append_printf (out, ":%d", MIN (position, MAX_POSITION));
      position++;
    }

  return position + 1;
}

/**
 * medialib_pg_words_document:
 * @name: the asset's name
 * @search_extra: (nullable): more words (a contact card's)
 * @tag_names: (nullable): the names of its tags, joined by U+001F
 * @team_names: (nullable): the names of its teams, joined by U+001F
 *
 * Returns: (transfer full) (nullable): a tsvector value, as text, for the assets' words
 *   column; %NULL with @error set when SQLite's FTS5 is missing
 */
char *
medialib_pg_words_document (const char  *name,
                            const char  *search_extra,
                            const char  *tag_names,
                            const char  *team_names,
                            GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *teams = NULL;
  int position = 1;

  g_return_val_if_fail (name != NULL, NULL);

  if (!ensure_tokenizer (error))
    return NULL;

  /* The local library's index has the same three columns, made of the same text */
  first = g_strconcat (name, " ", search_extra ? search_extra : "", NULL);
  tags = g_strdup (tag_names ? tag_names : "");
  teams = g_strdup (team_names ? team_names : "");
  g_strdelimit (tags, SEP, ' ');
  g_strdelimit (teams, SEP, ' ');

  position = append_column (out, first, position);
  position = append_column (out, tags, position);
  append_column (out, teams, position);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * medialib_pg_words_query:
 * @text: what the person typed
 * @matches_nothing: (out): set when a typed word has no letters for the tokenizer, so that,
 *   as in the local library, nothing matches
 *
 * Each word of @text (cut where medialib_query_to_fts_match() cuts, so that both
 * backends see the same words) becomes a prefix query of its folded tokens; all must match.
 *
 * Returns: (transfer full) (nullable): a tsquery value, as text, or %NULL when @text has no
 *   words (or with @error set when SQLite's FTS5 is missing)
 */
char *
medialib_pg_words_query (const char  *text,
                         gboolean    *matches_nothing,
                         GError     **error)
{
  g_autofree char *match = NULL;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (matches_nothing != NULL, NULL);

  *matches_nothing = FALSE;

  /* "word1"* "word2"*: the words never hold a quote (only letters, digits and marks) */
  if (!(match = medialib_query_to_fts_match (text)))
    return NULL;

  if (!ensure_tokenizer (error))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = match; (p = strchr (p, '"')) != NULL;)
    {
      const char *end = strchr (p + 1, '"');
      g_autofree char *word = g_strndup (p + 1, end - p - 1);
      g_autoptr(GPtrArray) tokens = tokenize (word, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);

      g_assert (end != NULL);
      p = end + 1;

      if (tokens->len == 0)
        {
          *matches_nothing = TRUE;
          continue;
        }

      if (out->len > 0)
        g_string_append (out, " & ");
      if (tokens->len > 1)
        g_string_append_c (out, '(');
      for (guint i = 0; i < tokens->len; i++)
        {
          if (i > 0)
            g_string_append (out, " <-> ");
          append_lexeme (out, g_ptr_array_index (tokens, i));
        }
      g_string_append (out, ":*");
      if (tokens->len > 1)
        g_string_append_c (out, ')');
    }

  if (out->len == 0)
    {
      *matches_nothing = TRUE;
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
