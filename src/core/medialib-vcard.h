/* medialib-vcard.h — reading contact cards (vCard 2.1, 3.0 and 4.0)
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char      *name;          /* FN, else built from N; NULL when the card has neither */
  char      *org;
  char      *title;
  GPtrArray *emails;        /* of char * */
  GPtrArray *phones;        /* of char * */
  GBytes    *photo;         /* an inline photo, not yet checked; NULL when none */
  gboolean   photo_remote;  /* a photo given as a URL, which is never fetched */
} MedialibContact;

GPtrArray *medialib_vcard_parse              (const char           *data,
                                              gsize                 length,
                                              GError              **error);
GPtrArray *medialib_vcard_parse_file         (const char           *path,
                                              GError              **error);
void       medialib_vcard_parse_file_async   (const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray *medialib_vcard_parse_file_finish  (GAsyncResult         *result,
                                              GError              **error);
void       medialib_contact_free              (MedialibContact      *contact);
char      *medialib_contact_initials         (const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibContact, medialib_contact_free)

G_END_DECLS
