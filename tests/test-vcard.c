/* test-vcard.c — the vCard parser, and contact cards as library assets
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-import.h"
#include "medialib-vcard.h"
#include "medialib-test-util.h"

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards = medialib_vcard_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static MedialibContact *
first (GPtrArray *cards)
{
  return g_ptr_array_index (cards, 0);
}

static void
test_basic_30 (void)
{
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\n"
                                      "ORG:Example Corp;Design\r\nTITLE:Art Director\r\n"
                                      "EMAIL;TYPE=INTERNET:jane@example.com\r\nTEL;TYPE=CELL:+33 6 12 34 56 78\r\n"
                                      "END:VCARD\r\n");
  MedialibContact *c = first (cards);

  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpstr (c->name, ==, "Jane Doe");
  g_assert_cmpstr (c->org, ==, "Example Corp, Design");
  g_assert_cmpstr (c->title, ==, "Art Director");
  g_assert_cmpuint (c->emails->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (c->emails, 0), ==, "jane@example.com");
  g_assert_cmpstr (g_ptr_array_index (c->phones, 0), ==, "+33 6 12 34 56 78");
  g_assert_null (c->photo);
}

static void
test_folding_and_escapes (void)
{
  /* Folded with a space and with a tab; escaped comma, semicolon, newline, backslash */
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\nVERSION:3.0\nFN:Jean-Baptiste\n  Grenouille\n"
                                      "ORG:Parfums\\, Grasse\\; Paris\n"
                                      "TITLE:Nose\\nand \\\\ chemist\nEMAIL:jb@\n\texample.fr\nEND:VCARD\n");
  MedialibContact *c = first (cards);

  g_assert_cmpstr (c->name, ==, "Jean-Baptiste Grenouille");
  g_assert_cmpstr (c->org, ==, "Parfums, Grasse; Paris");
  g_assert_cmpstr (c->title, ==, "Nose\nand \\ chemist");
  g_assert_cmpstr (g_ptr_array_index (c->emails, 0), ==, "jb@example.fr");
}

static void
test_name_from_n (void)
{
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\nVERSION:4.0\nN:Doe;John;Paul,George;Dr.;Jr.\nEND:VCARD\n");

  g_assert_cmpstr (first (cards)->name, ==, "Dr. John Paul George Doe Jr.");
}

static void
test_quoted_printable_21 (void)
{
  /* Latin-1 in quoted-printable, with a soft line break; bare 2.1 parameters */
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                      "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FC=\r\nller\r\n"
                                      "N;CHARSET=UTF-8;QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
                                      "TEL;WORK;VOICE:+49 30 1234\r\nEMAIL;PREF;INTERNET:j@example.de\r\nEND:VCARD\r\n");
  MedialibContact *c = first (cards);

  g_assert_cmpstr (c->name, ==, "Jürgen Müller");
  g_assert_cmpstr (g_ptr_array_index (c->phones, 0), ==, "+49 30 1234");
  g_assert_cmpstr (g_ptr_array_index (c->emails, 0), ==, "j@example.de");
}

static void
test_latin1_file_21 (void)
{
  /* A 2.1 file written in Windows-1252 without a CHARSET: read, not rejected */
  const char text[] = "BEGIN:VCARD\nVERSION:2.1\nFN:Ren\xe9 Fran\xe7ois\nEND:VCARD\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = medialib_vcard_parse (text, sizeof text - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (first (cards)->name, ==, "René François");
}

static void
test_several_cards_and_groups (void)
{
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\nVERSION:3.0\nFN:A\nitem1.EMAIL;type=pref:a@x.org\nEND:VCARD\n"
                                      "BEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n"
                                      "BEGIN:VCARD\nVERSION:2.1\nFN:C\nAGENT:\nBEGIN:VCARD\nFN:Agent\nEND:VCARD\nEND:VCARD\n");

  g_assert_cmpuint (cards->len, ==, 3);
  g_assert_cmpstr (first (cards)->name, ==, "A");
  g_assert_cmpstr (g_ptr_array_index (first (cards)->emails, 0), ==, "a@x.org");
  /* The agent's card is inside C, not a card of its own */
  g_assert_cmpstr (((MedialibContact *) g_ptr_array_index (cards, 2))->name, ==, "C");
}

/* What the details pane runs for a file of several cards */
static void
test_parse_file_async (void)
{
  const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEMAIL:jane@example.com\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nN:Roe;John;;;\nEND:VCARD\n";
  g_autofree char *dir = test_make_tmpdir ("vcard-file");
  g_autofree char *path = test_write_bytes (dir, "team.vcf", vcf, strlen (vcf));
  g_autofree char *missing = g_build_filename (dir, "missing.vcf", NULL);
  g_autofree char *text = test_write_bytes (dir, "notes.vcf", "just some notes", 15);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  medialib_vcard_parse_file_async (path, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  cards = medialib_vcard_parse_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (first (cards)->name, ==, "Jane Doe");
  g_assert_cmpstr (g_ptr_array_index (first (cards)->emails, 0), ==, "jane@example.com");
  g_assert_cmpstr (((MedialibContact *) g_ptr_array_index (cards, 1))->name, ==, "John Roe");

  g_clear_object (&result);
  medialib_vcard_parse_file_async (missing, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_vcard_parse_file_finish (result, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_clear_object (&result);
  medialib_vcard_parse_file_async (text, NULL, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_vcard_parse_file_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_clear_object (&result);
  g_cancellable_cancel (cancellable);
  medialib_vcard_parse_file_async (path, cancellable, test_keep_result, &pending);
  result = test_wait_result (&pending);
  g_assert_null (medialib_vcard_parse_file_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  test_rm_rf (dir);
}

static void
test_photos (void)
{
  g_autoptr(GPtrArray) b64 = parse ("BEGIN:VCARD\nVERSION:3.0\nFN:P\nPHOTO;ENCODING=b;TYPE=PNG:aGVs\n bG8=\nEND:VCARD\n");
  g_autoptr(GPtrArray) data_uri = parse ("BEGIN:VCARD\nVERSION:4.0\nFN:P\nPHOTO:data:image/png;base64,aGVsbG8=\nEND:VCARD\n");
  g_autoptr(GPtrArray) bare21 = parse ("BEGIN:VCARD\nVERSION:2.1\nFN:P\nPHOTO;JPEG;BASE64:aGVsbG8=\nEND:VCARD\n");
  g_autoptr(GPtrArray) remote = parse ("BEGIN:VCARD\nVERSION:4.0\nFN:P\nPHOTO:https://example.com/p.jpg\nEND:VCARD\n");

  g_assert_cmpmem (g_bytes_get_data (first (b64)->photo, NULL), g_bytes_get_size (first (b64)->photo), "hello", 5);
  g_assert_cmpmem (g_bytes_get_data (first (data_uri)->photo, NULL), g_bytes_get_size (first (data_uri)->photo), "hello", 5);
  g_assert_cmpmem (g_bytes_get_data (first (bare21)->photo, NULL), g_bytes_get_size (first (bare21)->photo), "hello", 5);
  g_assert_null (first (remote)->photo);
  g_assert_true (first (remote)->photo_remote);
}

static void
test_tel_uri (void)
{
  g_autoptr(GPtrArray) cards = parse ("BEGIN:VCARD\nVERSION:4.0\nFN:T\nTEL;VALUE=uri;TYPE=work:tel:+1-555-555-5555;ext=5555\n"
                                      "EMAIL:mailto:t@example.com\nEND:VCARD\n");

  g_assert_cmpstr (g_ptr_array_index (first (cards)->phones, 0), ==, "+1-555-555-5555;ext=5555");
  g_assert_cmpstr (g_ptr_array_index (first (cards)->emails, 0), ==, "t@example.com");
}

static void
test_malformed (void)
{
  const struct { const char *text; gsize length; const char *words; } cases[] = {
    { "BEGIN:VCARD\nVERSION:3.0\nFN:Never ends\n", 0, "END:VCARD" },
    { "just text\n", 0, "no card" },
    { "END:VCARD\n", 0, "no card" },
    { "BEGIN:VCARD\nVERSION:3.0\nFN:Bad \xff\xfe bytes\nEND:VCARD\n", 0, "UTF-8" },
    { "BEGIN:VCARD\nFN:Nul\0inside\nEND:VCARD\n", 37, "binary" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GPtrArray) cards = medialib_vcard_parse (cases[i].text, length, &error);

      g_assert_null (cards);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].words);
    }
}

static void
test_initials (void)
{
  g_autofree char *a = medialib_contact_initials ("Jane Doe");
  g_autofree char *b = medialib_contact_initials ("émile zola-durand");

  g_assert_cmpstr (a, ==, "JD");
  g_assert_cmpstr (b, ==, "ÉZD");
}

/* Counts the physical lines that start a property, with or without a group. */
static guint
count_properties (const char *text,
                  const char *name)
{
  g_auto(GStrv) lines = g_regex_split_simple ("\\r\\n|\\n|\\r", text, 0, 0);
  g_autofree char *pattern = g_strdup_printf ("^([A-Za-z0-9-]+\\.)?%s[;:]", name);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_regex_match_simple (pattern, lines[i], G_REGEX_CASELESS, 0))
      {
        const char *colon = strchr (lines[i], ':');

        /* Empty values are not kept */
        if (colon != NULL && colon[1] != '\0' && strcmp (colon + 1, "tel:") != 0)
          n++;
      }

  return n;
}

static void
test_corpus (void)
{
  g_autofree char *corpus = test_shared_corpus ("vcard");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint files = 0;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus/vcard is not present");
      return;
    }

  dir = g_dir_open (corpus, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cards = NULL;
      guint emails = 0, phones = 0;
      gboolean named = FALSE;
      gsize length;

      if (!g_str_has_suffix (name, ".vcf"))
        continue;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      cards = medialib_vcard_parse (text, length, &error);
      if (cards == NULL)
        g_error ("%s: %s", name, error->message);

      for (guint i = 0; i < cards->len; i++)
        {
          MedialibContact *c = g_ptr_array_index (cards, i);

          named |= c->name != NULL && c->name[0] != '\0';
          emails += c->emails->len;
          phones += c->phones->len;
        }

      if (!named)
        g_error ("%s: no card has a name", name);
      g_assert_cmpuint (emails, ==, count_properties (text, "EMAIL"));
      g_assert_cmpuint (phones, ==, count_properties (text, "TEL"));
      files++;
    }

  g_assert_cmpuint (files, >=, 19);
}

/* --- As assets ----------------------------------------------------------------------- */

static void
test_import_contacts (TestLibrary   *lib,
                      gconstpointer  data)
{
  const char *tmp = lib->input;
  MedialibStore *store = lib->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(MedialibAsset) jane = NULL;
  g_autoptr(GFile) f1 = NULL, f2 = NULL, f3 = NULL, f4 = NULL;
  GFile *files[4];
  JsonObject *contact;
  const char *jane_vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nORG:Example Corp\nEMAIL:jane@example.com\n"
                         "TEL:+1 555 0100\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:John Roe\nEND:VCARD\n";
  const char *nobody = "BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing else\nEND:VCARD\n";
  const char *bad_photo = "BEGIN:VCARD\nVERSION:3.0\nFN:Pat\nPHOTO;ENCODING=b;TYPE=JPEG:aGVsbG8=\nEND:VCARD\n";
  g_autofree char *p1 = test_write_bytes (tmp, "team.vcf", jane_vcf, strlen (jane_vcf));
  g_autofree char *p2 = test_write_bytes (tmp, "nobody.vcf", nobody, strlen (nobody));
  g_autofree char *p3 = test_write_bytes (tmp, "pat.txt", bad_photo, strlen (bad_photo));
  g_autofree char *p4 = test_write_bytes (tmp, "open.vcf", "BEGIN:VCARD\nFN:x\n", 17);
  MedialibImportResult *r;

  g_assert_no_error (error);
  files[0] = f1 = g_file_new_for_path (p1);
  files[1] = f2 = g_file_new_for_path (p2);
  files[2] = f3 = g_file_new_for_path (p3);
  files[3] = f4 = g_file_new_for_path (p4);
  results = medialib_store_import (store, files, 4, NULL, NULL, &error);
  g_assert_no_error (error);

  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  g_assert_null (r->reason);
  jane = medialib_store_get_asset (store, r->id, NULL);
  g_assert_cmpint (medialib_asset_get_kind (jane), ==, MEDIALIB_ASSET_KIND_CONTACT);
  g_assert_cmpstr (medialib_asset_get_mime (jane), ==, "text/vcard");
  g_assert_cmpstr (medialib_asset_get_name (jane), ==, "team.vcf");
  contact = medialib_asset_get_contact (jane);
  g_assert_nonnull (contact);
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Jane Doe");
  g_assert_cmpstr (json_object_get_string_member (contact, "org"), ==, "Example Corp");
  g_assert_cmpint (json_object_get_int_member (contact, "cards"), ==, 2);
  g_assert_false (json_object_get_boolean_member (contact, "has_photo"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (contact, "emails"), 0), ==,
                   "jane@example.com");
  g_assert_null (medialib_asset_get_thumbnail_path (jane));

  /* No name, organization, email or phone */
  r = g_ptr_array_index (results, 1);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r->reason, "no usable name"));

  /* Type from the content, and a photo that does not decode: in, without it, with a note */
  r = g_ptr_array_index (results, 2);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);
  g_assert_nonnull (strstr (r->reason, "photo"));

  r = g_ptr_array_index (results, 3);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_REJECTED);
  g_assert_nonnull (strstr (r->reason, "END:VCARD"));

  /* Search finds names, organizations and emails of contacts */
  query->text = g_strdup ("roe");
  found = medialib_store_search (store, query, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_free (query->text);
  query->text = g_strdup ("example");
  found = medialib_store_search (store, query, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_free (query->text);
  query->text = NULL;
  query->kind = MEDIALIB_ASSET_KIND_CONTACT;
  found = medialib_store_search (store, query, NULL);
  g_assert_cmpuint (found->len, ==, 2);
}

static void
test_import_corpus_photos (TestLibrary   *lib,
                           gconstpointer  data)
{
  g_autofree char *corpus = test_shared_corpus ("vcard");
  g_autofree char *iphone = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) results = NULL;
  MedialibStore *store = lib->store;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  MedialibImportResult *r;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus/vcard is not present");
      return;
    }

  iphone = g_build_filename (corpus, "ez-vcard_John_Doe_IPHONE.vcf", NULL);
  file = g_file_new_for_path (iphone);
  results = medialib_store_import (store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->status, ==, MEDIALIB_IMPORT_ADDED);

  /* The embedded photo became the contact's thumbnail */
  asset = medialib_store_get_asset (store, r->id, NULL);
  g_assert_true (json_object_get_boolean_member (medialib_asset_get_contact (asset), "has_photo"));
  g_assert_nonnull (medialib_asset_get_thumbnail_path (asset));
  g_assert_true (g_file_test (medialib_asset_get_thumbnail_path (asset), G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

  g_test_add_func ("/medialib/vcard/basic-3.0", test_basic_30);
  g_test_add_func ("/medialib/vcard/folding-and-escapes", test_folding_and_escapes);
  g_test_add_func ("/medialib/vcard/name-from-n", test_name_from_n);
  g_test_add_func ("/medialib/vcard/quoted-printable-2.1", test_quoted_printable_21);
  g_test_add_func ("/medialib/vcard/latin1-file-2.1", test_latin1_file_21);
  g_test_add_func ("/medialib/vcard/several-cards-and-groups", test_several_cards_and_groups);
  g_test_add_func ("/medialib/vcard/parse-file-async", test_parse_file_async);
  g_test_add_func ("/medialib/vcard/photos", test_photos);
  g_test_add_func ("/medialib/vcard/tel-uri", test_tel_uri);
  g_test_add_func ("/medialib/vcard/malformed", test_malformed);
  g_test_add_func ("/medialib/vcard/initials", test_initials);
  g_test_add_func ("/medialib/vcard/corpus", test_corpus);
  /* As assets, in a library of each backend */
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/vcard", "import-contacts", TestLibrary, NULL,
                         test_library_setup, test_import_contacts, test_library_teardown);
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/vcard", "import-corpus-photos", TestLibrary, NULL,
                         test_library_setup, test_import_corpus_photos, test_library_teardown);

  return g_test_run ();
}
