/* medialib-vcard.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-vcard"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "medialib-vcard.h"

/*
 * vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350), tolerant in what it reads, strict in what
 * it keeps: lines are unfolded (and 2.1's quoted-printable soft breaks joined), properties
 * have an optional group and parameters (2.1's bare TYPE and ENCODING values included),
 * text values are unescaped, QUOTED-PRINTABLE and CHARSET (2.1) decoded, inline photos read
 * from base64 or data: URIs. Remote photos are noted, never fetched. Only the name,
 * organization, title, emails, phones and photo are kept.
 */

#define MAX_PROPERTY_LENGTH (8 * 1024 * 1024)

void
medialib_contact_free (MedialibContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->name);
  g_free (contact->org);
  g_free (contact->title);
  g_clear_pointer (&contact->emails, g_ptr_array_unref);
  g_clear_pointer (&contact->phones, g_ptr_array_unref);
  g_clear_pointer (&contact->photo, g_bytes_unref);
  g_free (contact);
}

static MedialibContact *
contact_new (void)
{
  MedialibContact *contact = g_new0 (MedialibContact, 1);

  contact->emails = g_ptr_array_new_with_free_func (g_free);
  contact->phones = g_ptr_array_new_with_free_func (g_free);
  return contact;
}

typedef struct
{
  char       *name;     /* upper case */
  GHashTable *params;   /* upper-case name → value (bare 2.1 values under "TYPE", or as themselves) */
  char       *value;    /* raw */
} Property;

static void
property_clear (Property *property)
{
  g_clear_pointer (&property->name, g_free);
  g_clear_pointer (&property->params, g_hash_table_unref);
  g_clear_pointer (&property->value, g_free);
}

static gboolean
param_is (Property   *property,
          const char *name,
          const char *value)
{
  const char *have = g_hash_table_lookup (property->params, name);

  return have != NULL && g_ascii_strcasecmp (have, value) == 0;
}

static gboolean
has_bare (Property   *property,
          const char *value)
{
  return g_hash_table_contains (property->params, value);
}

static gboolean
is_quoted_printable (Property *property)
{
  return param_is (property, "ENCODING", "QUOTED-PRINTABLE") || has_bare (property, "QUOTED-PRINTABLE");
}

static gboolean
is_base64 (Property *property)
{
  return param_is (property, "ENCODING", "B") || param_is (property, "ENCODING", "BASE64") ||
         has_bare (property, "BASE64");
}

/* "[group.]NAME[;param]*:value", ':' inside quoted parameter values allowed. */
static gboolean
parse_line (const char *line,
            Property   *property)
{
  const char *colon = NULL;
  gboolean quoted = FALSE;
  g_auto(GStrv) parts = NULL;
  g_autofree char *head = NULL;
  const char *name;

  g_assert (line != NULL);
  g_assert (property != NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }

  if (colon == NULL || colon == line)
    return FALSE;

  head = g_strndup (line, colon - line);
  parts = g_strsplit (head, ";", -1);
  name = strrchr (parts[0], '.');
  name = name ? name + 1 : parts[0];

  property->name = g_ascii_strup (name, -1);
  property->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  property->value = g_strdup (colon + 1);

  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');

      if (equals != NULL)
        {
          g_autofree char *key = g_ascii_strup (parts[i], equals - parts[i]);
          char *value = g_strdup (equals + 1);
          gsize n = strlen (value);

          if (n >= 2 && value[0] == '"' && value[n - 1] == '"')
            {
              memmove (value, value + 1, n - 2);
              value[n - 2] = '\0';
            }
          g_hash_table_replace (property->params, g_steal_pointer (&key), value);
        }
      else
        g_hash_table_replace (property->params, g_ascii_strup (parts[i], -1), g_strdup (""));
    }

  return TRUE;
}

static GByteArray *
decode_quoted_printable (const char *text)
{
  GByteArray *out;

  g_assert (text != NULL);

  out = g_byte_array_new ();
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guint8 byte = (guint8) ((g_ascii_xdigit_value (p[1]) << 4) | g_ascii_xdigit_value (p[2]));

          g_byte_array_append (out, &byte, 1);
          p += 2;
        }
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_byte_array_append (out, (const guint8 *) p, 1);
    }

  return out;
}

/* Text of a property as UTF-8: quoted-printable and 2.1's CHARSET decoded. */
static char *
property_text (Property *property)
{
  const char *charset;
  g_autoptr(GByteArray) bytes = NULL;
  char *text;

  g_assert (property != NULL && property->params != NULL && property->value != NULL);

  charset = g_hash_table_lookup (property->params, "CHARSET");
  if (!is_quoted_printable (property))
    return g_strdup (property->value);

  bytes = decode_quoted_printable (property->value);

  /* An empty array has no data at all, which g_convert() and g_strndup() do not take */
  if (bytes->len == 0)
    return g_strdup ("");

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      text = g_convert ((const char *) bytes->data, bytes->len, "UTF-8", charset, NULL, NULL, NULL);
      if (text != NULL)
        return text;
    }

  if (g_utf8_validate ((const char *) bytes->data, bytes->len, NULL))
    return g_strndup ((const char *) bytes->data, bytes->len);

  /* Unlabelled 8-bit text from old address books is most often Windows-1252. */
  text = g_convert ((const char *) bytes->data, bytes->len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  return text ? text : g_utf8_make_valid ((const char *) bytes->data, bytes->len);
}

/* Splits a structured value at unescaped @separator and unescapes each part. */
static GStrv
split_value (const char *text,
             char        separator)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GString) part = NULL;

  g_assert (text != NULL);

  builder = g_strv_builder_new ();
  part = g_string_new (NULL);
  for (const char *p = text;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          if (*p == 'n' || *p == 'N')
            g_string_append_c (part, '\n');
          else
            g_string_append_c (part, *p);
          continue;
        }

      if (*p == separator || *p == '\0')
        {
          g_strv_builder_add (builder, g_strstrip (part->str));
          g_string_truncate (part, 0);
          if (*p == '\0')
            break;
          continue;
        }

      g_string_append_c (part, *p);
    }

  return g_strv_builder_end (builder);
}

static char *
unescape (const char *text)
{
  g_auto(GStrv) parts = split_value (text, '\0');

  return g_strdup (parts[0] ? parts[0] : "");
}

static char *
join_nonempty (GStrv       parts,
               const guint *order,
               guint        n,
               const char  *separator,
               gboolean     multi_values)
{
  g_autoptr(GString) out = NULL;
  guint len;

  g_assert (parts != NULL);
  g_assert (order != NULL);
  g_assert (separator != NULL);

  out = g_string_new (NULL);
  len = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    {
      if (order[i] >= len || parts[order[i]][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      /* N's components may hold several values separated by commas */
      {
        g_autofree char *value = g_strdup (parts[order[i]]);

        if (multi_values)
          g_strdelimit (value, ",", ' ');
        g_string_append (out, value);
      }
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static GBytes *
decode_photo (Property *property,
              gboolean *remote)
{
  const char *value;
  g_autofree char *clean = NULL;
  gsize length = 0;
  guchar *data;

  g_assert (property != NULL && property->value != NULL);
  g_assert (remote != NULL);

  value = property->value;
  *remote = FALSE;

  if (g_str_has_prefix (value, "data:"))
    {
      const char *comma = strchr (value, ',');

      if (comma == NULL || strstr (value, ";base64") == NULL || strstr (value, ";base64") > comma)
        return NULL;
      value = comma + 1;
    }
  else if (!is_base64 (property))
    {
      if (g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://") ||
          param_is (property, "VALUE", "URI") || param_is (property, "VALUE", "URL"))
        *remote = TRUE;
      return NULL;
    }

  /* Folding leaves spaces in the base64 of some exports */
  {
    g_autoptr(GString) compact = g_string_new (NULL);

    for (const char *p = value; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        g_string_append_c (compact, *p);
    clean = g_string_free (g_steal_pointer (&compact), FALSE);
  }

  data = g_base64_decode (clean, &length);
  if (data == NULL || length == 0)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

static void
apply_property (MedialibContact *contact,
                Property        *property,
                char           **n_name)
{
  const char *name;

  g_assert (contact != NULL);
  g_assert (property != NULL && property->name != NULL);
  g_assert (n_name != NULL);

  name = property->name;
  if (g_str_equal (name, "FN"))
    {
      g_autofree char *text = property_text (property);
      g_autofree char *value = unescape (text);

      if (value[0] != '\0' && contact->name == NULL)
        contact->name = g_steal_pointer (&value);
    }
  else if (g_str_equal (name, "N"))
    {
      static const guint order[] = { 3, 1, 2, 0, 4 };   /* prefix given additional family suffix */
      g_autofree char *text = property_text (property);
      g_auto(GStrv) parts = split_value (text, ';');

      if (*n_name == NULL)
        *n_name = join_nonempty (parts, order, G_N_ELEMENTS (order), " ", TRUE);
    }
  else if (g_str_equal (name, "ORG"))
    {
      static const guint order[] = { 0, 1, 2, 3 };
      g_autofree char *text = property_text (property);
      g_auto(GStrv) parts = split_value (text, ';');

      if (contact->org == NULL)
        contact->org = join_nonempty (parts, order, G_N_ELEMENTS (order), ", ", FALSE);
    }
  else if (g_str_equal (name, "TITLE"))
    {
      g_autofree char *text = property_text (property);

      if (contact->title == NULL)
        contact->title = unescape (text);
    }
  else if (g_str_equal (name, "EMAIL"))
    {
      g_autofree char *text = property_text (property);
      char *value = unescape (text);

      if (g_str_has_prefix (value, "mailto:"))
        memmove (value, value + 7, strlen (value + 7) + 1);
      if (value[0] != '\0')
        g_ptr_array_add (contact->emails, value);
      else
        g_free (value);
    }
  else if (g_str_equal (name, "TEL"))
    {
      g_autofree char *text = property_text (property);
      char *value = unescape (text);

      if (g_str_has_prefix (value, "tel:"))
        memmove (value, value + 4, strlen (value + 4) + 1);
      if (value[0] != '\0')
        g_ptr_array_add (contact->phones, value);
      else
        g_free (value);
    }
  else if (g_str_equal (name, "PHOTO") && contact->photo == NULL)
    {
      gboolean remote = FALSE;

      contact->photo = decode_photo (property, &remote);
      contact->photo_remote |= remote;
    }
}

/* The text as UTF-8: as it is when valid, else from the first CHARSET of a 2.1 card, else
 * Windows-1252 for 2.1, else an error. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         GError     **error)
{
  g_autofree char *copy = NULL;
  const char *charset;

  g_assert (data != NULL || length == 0);

  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);

  copy = g_strndup (data, length);
  if (strlen (copy) != length)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the contact file contains binary data"));
      return NULL;
    }

  if (strstr (copy, "VERSION:2.1") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the contact file is not valid UTF-8 text"));
      return NULL;
    }

  charset = strstr (copy, "CHARSET=");
  if (charset != NULL)
    {
      g_autofree char *name = g_strndup (charset + 8, strcspn (charset + 8, ";:\r\n"));
      char *text = g_convert (copy, length, "UTF-8", name, NULL, NULL, NULL);

      if (text != NULL)
        return text;
    }

  return g_convert (copy, length, "UTF-8", "WINDOWS-1252", NULL, NULL, error);
}

/**
 * medialib_vcard_parse:
 *
 * Reads every card of a file.
 *
 * Returns: (transfer full) (element-type MedialibContact): at least one card, or %NULL with
 *   @error saying why the file is not a contact file
 */
GPtrArray *
medialib_vcard_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(MedialibContact) current = NULL;
  g_autofree char *text = NULL;
  g_autofree char *n_name = NULL;
  g_autoptr(GString) logical = NULL;
  g_auto(GStrv) lines = NULL;
  guint depth = 0;
  gboolean unterminated = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_contact_free);
  logical = g_string_new (NULL);

  if (!(text = to_utf8 (data, length, error)))
    return NULL;

  /* Physical lines, any newline convention: CR LF, LF, CR, and the CR CR LF that some
   * exports write */
  {
    char *out = text;

    for (const char *in = text; *in != '\0'; in++)
      {
        if (*in == '\r')
          {
            const char *after = in;

            while (*after == '\r')
              after++;
            if (*after == '\n')
              {
                in = after - 1;
                continue;
              }
            *out++ = '\n';
            continue;
          }
        *out++ = *in;
      }
    *out = '\0';
  }
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      Property property = { 0 };
      const char *line = lines[i];

      if (line[0] == '\0')
        continue;

      g_string_assign (logical, line);
      while (lines[i + 1] != NULL)
        {
          const char *next = lines[i + 1];

          if (next[0] == ' ' || next[0] == '\t')
            g_string_append (logical, next + 1);
          else if (logical->len > 0 && logical->str[logical->len - 1] == '=' &&
                   strstr (logical->str, "QUOTED-PRINTABLE") != NULL && strchr (logical->str, ':') != NULL)
            {
              /* Quoted-printable soft line break (2.1) */
              g_string_truncate (logical, logical->len - 1);
              g_string_append (logical, next);
            }
          else
            break;

          i++;
          if (logical->len > MAX_PROPERTY_LENGTH)
            break;
        }

      if (!parse_line (logical->str, &property))
        continue;

      if (g_str_equal (property.name, "BEGIN") && g_ascii_strcasecmp (g_strstrip (property.value), "VCARD") == 0)
        {
          /* A card inside a card (2.1's AGENT) is part of the outer one */
          if (depth++ == 0)
            {
              g_clear_pointer (&current, medialib_contact_free);
              g_clear_pointer (&n_name, g_free);
              current = contact_new ();
            }
        }
      else if (g_str_equal (property.name, "END") && g_ascii_strcasecmp (g_strstrip (property.value), "VCARD") == 0)
        {
          if (depth > 0 && --depth == 0 && current != NULL)
            {
              if (current->name == NULL)
                current->name = g_steal_pointer (&n_name);
              g_ptr_array_add (cards, g_steal_pointer (&current));
            }
        }
      else if (depth == 1 && current != NULL)
        apply_property (current, &property, &n_name);

      property_clear (&property);
    }

  unterminated = depth > 0;

  if (cards->len == 0)
    {
      if (unterminated)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("the contact file is incomplete: END:VCARD is missing"));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("the contact file has no card between BEGIN:VCARD and END:VCARD"));
      return NULL;
    }

  return g_steal_pointer (&cards);
}

/**
 * medialib_vcard_parse_file:
 *
 * Reads every card of the file at @path. Blocks: the app calls
 * medialib_vcard_parse_file_async().
 *
 * Returns: (transfer full) (element-type MedialibContact): as medialib_vcard_parse()
 */
GPtrArray *
medialib_vcard_parse_file (const char  *path,
                           GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  return medialib_vcard_parse (data, length, error);
}

static void
parse_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *cards;

  if (g_task_return_error_if_cancelled (task))
    return;

  cards = medialib_vcard_parse_file (task_data, &error);
  if (cards == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cards, (GDestroyNotify) g_ptr_array_unref);
}

void
medialib_vcard_parse_file_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_vcard_parse_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, parse_file_thread);
}

/**
 * medialib_vcard_parse_file_finish:
 *
 * Returns: (transfer full) (element-type MedialibContact):
 */
GPtrArray *
medialib_vcard_parse_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_vcard_parse_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medialib_contact_initials:
 *
 * Returns: (transfer full): "JD" for "John Doe"
 */
char *
medialib_contact_initials (const char *name)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = name ? name : ""; *p != '\0' && initials->len < 8; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) && start)
        g_string_append_unichar (initials, g_unichar_toupper (c));
      start = !g_unichar_isalnum (c);
    }

  return g_string_free (g_steal_pointer (&initials), FALSE);
}
