/* medialib-store-add.h — what every new file goes through: its checks, and its copy kept in
 * the library, before its row is added
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "medialib-sniff.h"
#include "medialib-store-private.h"

G_BEGIN_DECLS

/* A file that passed every check, its bytes in the blob store */
typedef struct
{
  MedialibFormat  format;
  char           *sha256;
  gint64          bytes;
  int             width;
  int             height;
  gboolean        animated;
  char           *contact;       /* JSON summary of a contact card */
  char           *search_extra;
  char           *note;          /* something to tell about an accepted file */
  GdkPixbuf      *thumbnail;     /* an image's, from _medialib_store_check() until it is kept */
  char           *palette;       /* an image's, from its thumbnail when it is kept */
  gboolean        has_phash;     /* an image's perceptual hash, of its thumbnail */
  guint64         phash;
} MedialibCheckedFile;

/* How many images the store decoded: by the checks, and a crop's source (tests) */
extern guint _medialib_store_decoded;

gboolean _medialib_store_identify        (const guint8               *data,
                                          gsize                       length,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);
gboolean _medialib_store_find_known      (MedialibStore              *store,
                                          MedialibCheckedFile        *checked);
gboolean _medialib_store_decode          (MedialibStore              *store,
                                          const guint8               *data,
                                          gsize                       length,
                                          const char                 *name,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);
gboolean _medialib_store_check           (MedialibStore              *store,
                                          const guint8               *data,
                                          gsize                       length,
                                          const char                 *name,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);
gboolean _medialib_store_check_encoded   (MedialibStore              *store,
                                          const guint8               *data,
                                          gsize                       length,
                                          GdkPixbuf                  *pixels,
                                          const char                 *name,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);
gboolean _medialib_store_keep            (MedialibStore              *store,
                                          const guint8               *data,
                                          gsize                       length,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);

gboolean _medialib_store_check_and_keep   (MedialibStore              *store,
                                          const guint8               *data,
                                          gsize                       length,
                                          const char                 *name,
                                          MedialibCheckedFile        *checked,
                                          char                      **reason);
gint64   _medialib_store_add_encoded     (MedialibStore              *self,
                                          GBytes                     *bytes,
                                          GdkPixbuf                  *pixels,
                                          const char                 *name,
                                          const char                 *source,
                                          gint64                      parent,
                                          const char * const         *tags,
                                          const char * const         *teams,
                                          GError                    **error);
void     _medialib_checked_file_to_asset (const MedialibCheckedFile  *checked,
                                          const char                 *name,
                                          const char                 *source,
                                          gint64                      parent,
                                          MedialibNewAsset           *asset);
void     _medialib_checked_file_clear    (MedialibCheckedFile        *checked);
char    *_medialib_store_palette_of      (GdkPixbuf                  *pixbuf);

G_END_DECLS
