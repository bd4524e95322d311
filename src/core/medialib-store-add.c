/* medialib-store-add.c — what every new file goes through: its checks, and its copy kept in
 * the library, before its row is added
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-import"

#include "config.h"

#include <glib/gi18n.h>

#include "medialib-asset-private.h"
#include "medialib-image.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"
#include "medialib-vcard.h"

/*
 * What every new file goes through, whether it is imported, cropped or generated: its type
 * from its content, its hash, the image checks and its thumbnail (or the contact card's
 * summary and photo), and its copy in the blob store, durable and checked, before the row
 * that names it.
 */

void
_medialib_checked_file_clear (MedialibCheckedFile *checked)
{
  g_clear_pointer (&checked->sha256, g_free);
  g_clear_pointer (&checked->contact, g_free);
  g_clear_pointer (&checked->search_extra, g_free);
  g_clear_pointer (&checked->note, g_free);
  g_clear_pointer (&checked->palette, g_free);
  g_clear_object (&checked->thumbnail);
}

void
_medialib_checked_file_to_asset (const MedialibCheckedFile *checked,
                                 const char                *name,
                                 const char                *source,
                                 gint64                     parent,
                                 MedialibNewAsset          *asset)
{
  asset->name = name;
  asset->kind = medialib_format_is_image (checked->format) ? MEDIALIB_ASSET_KIND_IMAGE : MEDIALIB_ASSET_KIND_CONTACT;
  asset->mime = medialib_format_get_mime (checked->format);
  asset->bytes = checked->bytes;
  asset->width = checked->width;
  asset->height = checked->height;
  asset->animated = checked->animated;
  asset->sha256 = checked->sha256;
  asset->source = source;
  asset->parent = parent;
  asset->contact = checked->contact;
  asset->search_extra = checked->search_extra;
  /* A contact card has no palette */
  asset->palette = asset->kind == MEDIALIB_ASSET_KIND_CONTACT ? "" : checked->palette;
  asset->has_phash = checked->has_phash;
  asset->phash = checked->phash;
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *cards,
             gsize        offset)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len; i++)
    {
      GPtrArray *values = G_STRUCT_MEMBER (GPtrArray *, g_ptr_array_index (cards, i), offset);

      for (guint j = 0; j < values->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (values, j));
    }
  json_builder_end_array (builder);
}

/* A contact file: its cards read, its summary made, its photo checked and thumbnailed. */
static gboolean
store_contact (MedialibStore        *store,
               const char           *data,
               gsize                 length,
               const char           *file_name,
               MedialibCheckedFile  *entry,
               char                **reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = medialib_vcard_parse (data, length, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  const char *name = NULL, *org = NULL;
  MedialibContact *with_photo = NULL;
  gboolean has_photo = FALSE, identified = FALSE;

  if (cards == NULL)
    {
      *reason = g_strdup (error->message);
      return FALSE;
    }

  for (guint i = 0; i < cards->len; i++)
    {
      MedialibContact *card = g_ptr_array_index (cards, i);

      name = name ? name : card->name;
      org = org ? org : card->org;
      with_photo = with_photo ? with_photo : (card->photo ? card : NULL);
      identified |= card->name || card->org || card->emails->len > 0 || card->phones->len > 0;

      for (const char *w[] = { card->name, card->org, card->title }, **p = w; p < w + 3; p++)
        if (*p != NULL)
          g_string_append_printf (words, "%s ", *p);
      for (guint j = 0; j < card->emails->len; j++)
        g_string_append_printf (words, "%s ", (char *) g_ptr_array_index (card->emails, j));
    }

  if (!identified)
    {
      *reason = g_strdup (_("the contact file has no usable name: no name, organization, email or phone"));
      return FALSE;
    }

  if (with_photo != NULL)
    {
      const guint8 *photo = g_bytes_get_data (with_photo->photo, NULL);
      gsize photo_length = g_bytes_get_size (with_photo->photo);
      MedialibFormat format = medialib_sniff (photo, photo_length);
      MedialibImageInfo info;

      if (medialib_format_is_image (format) &&
          medialib_image_probe (format, photo, photo_length, MEDIALIB_THUMBNAIL_SIZE, &info, NULL))
        {
          g_autoptr(GBytes) png = medialib_image_encode_thumbnail (info.thumbnail, NULL);

          has_photo = png != NULL &&
                      (medialib_blob_store_has (store->blobs, MEDIALIB_BLOB_THUMBNAIL, entry->sha256,
                                                MEDIALIB_THUMBNAIL_SUFFIX) ||
                       medialib_blob_store_put (store->blobs, MEDIALIB_BLOB_THUMBNAIL, entry->sha256,
                                                MEDIALIB_THUMBNAIL_SUFFIX, png, NULL));
          medialib_image_info_clear (&info);
        }
      else
        entry->note = g_strdup (_("the contact's photo is not an image that decodes: it was imported without it"));
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name ? name : (org ? org : file_name));
  json_builder_set_member_name (builder, "org");
  if (org != NULL)
    json_builder_add_string_value (builder, org);
  else
    json_builder_add_null_value (builder);
  add_strings (builder, "emails", cards, G_STRUCT_OFFSET (MedialibContact, emails));
  add_strings (builder, "phones", cards, G_STRUCT_OFFSET (MedialibContact, phones));
  json_builder_set_member_name (builder, "cards");
  json_builder_add_int_value (builder, cards->len);
  json_builder_set_member_name (builder, "has_photo");
  json_builder_add_boolean_value (builder, has_photo);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  entry->contact = json_to_string (root, FALSE);
  entry->search_extra = g_string_free (g_steal_pointer (&words), FALSE);

  return TRUE;
}

/* How many images the store decoded since the program started, in _medialib_store_check()
 * and as the source of a crop (tests) */
guint _medialib_store_decoded = 0;

/* The first checks of bytes that passed the size limit, before they are decoded: on success
 * @entry has their format, hash and size. */
gboolean
_medialib_store_identify (const guint8         *data,
                          gsize                 length,
                          MedialibCheckedFile  *entry,
                          char                **reason)
{
  if (length == 0)
    {
      *reason = g_strdup (_("the file is empty"));
      return FALSE;
    }

  entry->format = medialib_sniff (data, length);
  if (!medialib_format_is_accepted (entry->format))
    {
      *reason = medialib_format_describe_rejection (entry->format);
      return FALSE;
    }

  entry->sha256 = _medialib_content_sha256 (data, length);
  entry->bytes = (gint64) length;

  return TRUE;
}

/* Whether an identified image is an asset of the library already: then @entry gets the
 * dimensions its row has, which is all that decoding it again would give (its bytes passed
 * the checks when it was added; a file the library refused has no row), and no thumbnail
 * (the asset's is there, or made again on demand). One indexed lookup by content in the
 * catalog, and one read of that row. Contacts are left to the checks: their summary is not
 * in the row, and reading them costs little. An error only means that the file is checked. */
gboolean
_medialib_store_find_known (MedialibStore        *store,
                            MedialibCheckedFile  *entry)
{
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert (entry->sha256 != NULL);

  if (!medialib_format_is_image (entry->format))
    return FALSE;

  if ((id = medialib_catalog_find_content (store->catalog, entry->sha256, &error)) <= 0 ||
      !(asset = medialib_catalog_get_asset (store->catalog, id, &error)))
    {
      if (error != NULL)
        g_debug ("Checking a file that may be in the library already: %s", error->message);
      return FALSE;
    }

  /* Deleted and added again between the two reads, say: the checks decide */
  if (g_strcmp0 (medialib_asset_get_sha256 (asset), entry->sha256) != 0)
    return FALSE;

  entry->width = medialib_asset_get_width (asset);
  entry->height = medialib_asset_get_height (asset);
  entry->animated = medialib_asset_get_animated (asset);

  return TRUE;
}

/* Checks bytes that passed the size limit: on success @entry has the format, hash, size
 * and dimensions, and an image's thumbnail (a contact's photo is stored already). The work
 * of the processor: what is left to _medialib_store_keep() is the blob store's. */
gboolean
_medialib_store_check (MedialibStore        *store,
                       const guint8         *data,
                       gsize                 length,
                       const char           *name,
                       MedialibCheckedFile  *entry,
                       char                **reason)
{
  return _medialib_store_identify (data, length, entry, reason) &&
         _medialib_store_decode (store, data, length, name, entry, reason);
}

/* The checks that follow _medialib_store_identify(): an image decoded at thumbnail size, a
 * contact's cards read */
gboolean
_medialib_store_decode (MedialibStore        *store,
                        const guint8         *data,
                        gsize                 length,
                        const char           *name,
                        MedialibCheckedFile  *entry,
                        char                **reason)
{
  g_autoptr(GError) error = NULL;

  g_assert (entry->sha256 != NULL);

  if (medialib_format_is_image (entry->format))
    {
      MedialibImageInfo info;

      g_atomic_int_inc (&_medialib_store_decoded);
      if (!medialib_image_probe (entry->format, data, length, MEDIALIB_THUMBNAIL_SIZE, &info, &error))
        {
          *reason = g_strdup (error->message);
          return FALSE;
        }

      entry->width = info.width;
      entry->height = info.height;
      entry->animated = info.animated;
      entry->thumbnail = g_steal_pointer (&info.thumbnail);
      medialib_image_info_clear (&info);
    }
  else if (!store_contact (store, (const char *) data, length, name, entry, reason))
    return FALSE;

  return TRUE;
}

/* The checks of bytes that the app's own encoder has just made from @pixels (a crop): their
 * type and hash, and their header read (which applies the size limits), but no decoding:
 * that would only give @pixels again, at the cost of a third of what the crop took to
 * encode. The thumbnail is made from @pixels. Should the header not say the size of
 * @pixels, the bytes are decoded and checked like any other. Bytes from elsewhere (an
 * import, a generated image, a replacement) go through _medialib_store_check(). */
gboolean
_medialib_store_check_encoded (MedialibStore        *store,
                               const guint8         *data,
                               gsize                 length,
                               GdkPixbuf            *pixels,
                               const char           *name,
                               MedialibCheckedFile  *entry,
                               char                **reason)
{
  g_autoptr(GError) error = NULL;
  int width, height;

  g_assert (GDK_IS_PIXBUF (pixels));

  if (!_medialib_store_identify (data, length, entry, reason))
    return FALSE;

  if (!medialib_format_is_image (entry->format) ||
      !medialib_image_read_header (entry->format, data, length, &width, &height, NULL, &error) ||
      width != gdk_pixbuf_get_width (pixels) || height != gdk_pixbuf_get_height (pixels))
    {
      if (error != NULL)
        g_debug ("Checking the encoded %s in full: %s", name, error->message);
      return _medialib_store_decode (store, data, length, name, entry, reason);
    }

  entry->width = width;
  entry->height = height;
  entry->animated = FALSE;
  entry->thumbnail = medialib_image_scale_thumbnail (pixels, MEDIALIB_THUMBNAIL_SIZE);

  return TRUE;
}

/* Stores the checked bytes and the image's thumbnail in the blob store: for a team library,
 * requests to its bucket. @data are the bytes _medialib_store_identify() hashed into
 * @entry->sha256, in memory nothing writes to (an import's own copy of the file, the bytes
 * of a crop), so the store takes that hash without computing it again
 * (medialib_blob_store_put_hashed()); a push gives a mapping of a local blob, but to a team
 * library, whose bucket checks every original's hash on the server. */
gboolean
_medialib_store_keep (MedialibStore        *store,
                      const guint8         *data,
                      gsize                 length,
                      MedialibCheckedFile  *entry,
                      char                **reason)
{
  g_autoptr(GError) error = NULL;
  const char *suffix = _medialib_media_suffix (medialib_format_get_mime (entry->format));

  g_assert (entry->sha256 != NULL);

  /* The palette from the thumbnail's pixels: the same for every way in (an import, a crop,
   * a generated image, a push) */
  if (entry->thumbnail != NULL && entry->palette == NULL)
    entry->palette = _medialib_store_palette_of (entry->thumbnail);
  /* An image's perceptual hash, of the pixels of its thumbnail: the same whichever way it
   * comes in (import, crop, generation, push) */
  if (entry->thumbnail != NULL && medialib_format_is_image (entry->format))
    {
      entry->phash = medialib_image_phash (entry->thumbnail);
      entry->has_phash = TRUE;
    }

  /* A thumbnail is a cache: it is made again on demand when it could not be saved. */
  if (entry->thumbnail != NULL &&
      !medialib_blob_store_has (store->blobs, MEDIALIB_BLOB_THUMBNAIL, entry->sha256, MEDIALIB_THUMBNAIL_SUFFIX))
    {
      g_autoptr(GBytes) png = medialib_image_encode_thumbnail (entry->thumbnail, NULL);

      if (png != NULL)
        medialib_blob_store_put (store->blobs, MEDIALIB_BLOB_THUMBNAIL, entry->sha256,
                                 MEDIALIB_THUMBNAIL_SUFFIX, png, NULL);
    }
  g_clear_object (&entry->thumbnail);

  if (!medialib_blob_store_has (store->blobs, MEDIALIB_BLOB_MEDIA, entry->sha256, suffix))
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);

      if (!medialib_blob_store_put_hashed (store->blobs, MEDIALIB_BLOB_MEDIA, entry->sha256, suffix, bytes, &error))
        {
          *reason = g_strdup_printf (_("the file could not be stored in the library: %s"), error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Checks bytes that passed the size limit, and stores them with their thumbnail. On
 * success @entry has the format, hash, size and dimensions. */
gboolean
_medialib_store_check_and_keep (MedialibStore        *store,
                                const guint8         *data,
                                gsize                 length,
                                const char           *name,
                                MedialibCheckedFile  *entry,
                                char                **reason)
{
  return _medialib_store_check (store, data, length, name, entry, reason) &&
         _medialib_store_keep (store, data, length, entry, reason);
}

/**
 * _medialib_store_add_bytes:
 * @name: the new asset's name
 * @source: "crop" or "ai"
 * @parent: the asset it was made from, or 0
 *
 * Adds bytes made by the app (a crop, a generated image) with the same checks and the same
 * storage as an import. The same bytes twice give the existing asset.
 *
 * Returns: the asset's id, or 0 with @error set
 */
gint64
_medialib_store_add_bytes (MedialibStore       *self,
                           GBytes              *bytes,
                           const char          *name,
                           const char          *source,
                           gint64               parent,
                           const char * const  *tags,
                           const char * const  *teams,
                           GError             **error)
{
  return _medialib_store_add_encoded (self, bytes, NULL, name, source, parent, tags, teams, error);
}

/**
 * _medialib_store_add_encoded:
 * @pixels: (nullable): the pixels the app's own encoder turned into @bytes, or %NULL
 *
 * _medialib_store_add_bytes() of bytes just encoded from @pixels: they are not decoded
 * again to be checked, and their thumbnail is made from @pixels
 * (_medialib_store_check_encoded()). Without @pixels, the same as
 * _medialib_store_add_bytes().
 *
 * Returns: the asset's id, or 0 with @error set
 */
gint64
_medialib_store_add_encoded (MedialibStore       *self,
                             GBytes              *bytes,
                             GdkPixbuf           *pixels,
                             const char          *name,
                             const char          *source,
                             gint64               parent,
                             const char * const  *tags,
                             const char * const  *teams,
                             GError             **error)
{
  g_autoptr(MedialibBlobLock) lock = medialib_blob_store_lock_adding (self->blobs);
  g_autofree char *reason = NULL;
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize length = g_bytes_get_size (bytes);
  MedialibCheckedFile entry = { 0 };
  MedialibNewAsset asset = { 0 };
  MedialibAddedAsset added = { 0 };
  gboolean checked;

  if (pixels != NULL)
    checked = _medialib_store_check_encoded (self, data, length, pixels, name, &entry, &reason);
  else
    checked = _medialib_store_check (self, data, length, name, &entry, &reason);

  if (!checked || !_medialib_store_keep (self, data, length, &entry, &reason))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", name, reason);
      _medialib_checked_file_clear (&entry);
      return 0;
    }

  _medialib_checked_file_to_asset (&entry, name, source, parent, &asset);
  asset.tags = tags;
  asset.teams = teams;
  asset.added_by = medialib_store_get_member_name (self);
  if (!medialib_catalog_add_assets (self->catalog, &asset, 1, &added, error))
    added.id = 0;
  else if (!added.duplicate)
    _medialib_store_add_alias (self, added.id, bytes);

  medialib_added_asset_clear (&added);
  _medialib_checked_file_clear (&entry);
  return added.id;
}
