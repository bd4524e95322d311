/* fuzz-vcard.c — the vCard parser on arbitrary bytes
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"
#include "medialib-vcard.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_set_logging_func ();

  cards = medialib_vcard_parse ((const char *) data, size, &error);
  g_assert ((cards == NULL) != (error == NULL));

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      MedialibContact *contact = g_ptr_array_index (cards, i);
      g_autofree char *initials = medialib_contact_initials (contact->name);

      /* Everything kept is valid UTF-8 */
      g_assert (contact->name == NULL || g_utf8_validate (contact->name, -1, NULL));
      g_assert (contact->org == NULL || g_utf8_validate (contact->org, -1, NULL));
      for (guint j = 0; j < contact->emails->len; j++)
        g_assert (g_utf8_validate (g_ptr_array_index (contact->emails, j), -1, NULL));
      g_assert (g_utf8_validate (initials, -1, NULL));
    }

  return 0;
}
