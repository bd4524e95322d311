/* medialib-asset.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-asset"

#include "config.h"

#include <string.h>

#include "medialib-asset-private.h"

/* An immutable snapshot of one row of the library: edits make new objects. */
struct _MedialibAsset
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  MedialibAssetKind kind;
  const char *mime;      /* interned */
  gint64     bytes;
  int        width;
  int        height;
  gboolean   animated;
  char      *sha256;
  gint64     added;
  char      *added_by;   /* the member who added it, or NULL when unknown */
  const char *source;    /* interned */
  gint64     parent;
  char     **tags;
  char     **teams;
  guint64    phash;      /* its perceptual hash (medialib-phash.c), if has_phash */
  gboolean   has_phash;
  char      *path;          /* asked of the blob store on first use (searches make 100,000) */
  char      *thumbnail;
  MedialibBlobStore *blobs;
  gboolean   has_thumbnail;
  char      *prompt;
  char      *alt;          /* alt text, or NULL when none */
  char      *contact_json;
  JsonNode  *contact;     /* parsed on first use */
  char      *palette_text;     /* as the catalog keeps it, read when first asked for */
  gsize      palette_read;
  MedialibPaletteColor *palette;  /* n_colors of them, or NULL */
  guint      n_colors;
  char      *address;     /* its stable address, or NULL for an asset from before them */
};

G_DEFINE_FINAL_TYPE (MedialibAsset, medialib_asset, G_TYPE_OBJECT)

/* The nicks are the words the database, the settings and the command line use */
G_DEFINE_ENUM_TYPE (MedialibAssetKind, medialib_asset_kind,
                    G_DEFINE_ENUM_VALUE (MEDIALIB_ASSET_KIND_ANY, "all"),
                    G_DEFINE_ENUM_VALUE (MEDIALIB_ASSET_KIND_IMAGE, "image"),
                    G_DEFINE_ENUM_VALUE (MEDIALIB_ASSET_KIND_CONTACT, "contact"))

/**
 * medialib_asset_kind_to_string:
 *
 * Returns: "image", "contact", or "all" for %MEDIALIB_ASSET_KIND_ANY
 */
const char *
medialib_asset_kind_to_string (MedialibAssetKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MEDIALIB_TYPE_ASSET_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

/**
 * medialib_asset_kind_from_string:
 * @text: "image", "contact" or "all"
 * @kind: (out): the kind
 *
 * Returns: %FALSE when @text names no kind
 */
gboolean
medialib_asset_kind_from_string (const char        *text,
                                 MedialibAssetKind *kind)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (MEDIALIB_TYPE_ASSET_KIND);
  if (!(value = g_enum_get_value_by_nick (klass, text)))
    return FALSE;

  *kind = value->value;
  return TRUE;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_MIME,
  PROP_BYTES,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_ANIMATED,
  PROP_SHA256,
  PROP_ADDED,
  PROP_ADDED_BY,
  PROP_SOURCE,
  PROP_PARENT,
  PROP_TAGS,
  PROP_TEAMS,
  PROP_PATH,
  PROP_THUMBNAIL_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
medialib_asset_finalize (GObject *object)
{
  MedialibAsset *self = MEDIALIB_ASSET (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->teams, g_strfreev);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->thumbnail, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->alt, g_free);
  g_clear_pointer (&self->added_by, g_free);
  g_clear_pointer (&self->contact_json, g_free);
  g_clear_pointer (&self->contact, json_node_unref);
  g_clear_pointer (&self->palette, g_free);
  g_clear_pointer (&self->palette_text, g_free);
  g_clear_object (&self->blobs);

  G_OBJECT_CLASS (medialib_asset_parent_class)->finalize (object);
}

static void
medialib_asset_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MedialibAsset *self = MEDIALIB_ASSET (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_MIME: g_value_set_static_string (value, self->mime); break;
    case PROP_BYTES: g_value_set_int64 (value, self->bytes); break;
    case PROP_WIDTH: g_value_set_int (value, self->width); break;
    case PROP_HEIGHT: g_value_set_int (value, self->height); break;
    case PROP_ANIMATED: g_value_set_boolean (value, self->animated); break;
    case PROP_SHA256: g_value_set_string (value, self->sha256); break;
    case PROP_ADDED: g_value_set_int64 (value, self->added); break;
    case PROP_ADDED_BY: g_value_set_string (value, self->added_by); break;
    case PROP_SOURCE: g_value_set_static_string (value, self->source); break;
    case PROP_PARENT: g_value_set_int64 (value, self->parent); break;
    case PROP_TAGS: g_value_set_boxed (value, medialib_asset_get_tags (self)); break;
    case PROP_TEAMS: g_value_set_boxed (value, medialib_asset_get_teams (self)); break;
    case PROP_PATH: g_value_set_string (value, medialib_asset_get_path (self)); break;
    case PROP_THUMBNAIL_PATH: g_value_set_string (value, medialib_asset_get_thumbnail_path (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_asset_class_init (MedialibAssetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = medialib_asset_finalize;
  object_class->get_property = medialib_asset_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, MEDIALIB_TYPE_ASSET_KIND,
                                            MEDIALIB_ASSET_KIND_IMAGE, flags);
  properties[PROP_MIME] = g_param_spec_string ("mime", NULL, NULL, NULL, flags);
  properties[PROP_BYTES] = g_param_spec_int64 ("bytes", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ANIMATED] = g_param_spec_boolean ("animated", NULL, NULL, FALSE, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_ADDED] = g_param_spec_int64 ("added", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ADDED_BY] = g_param_spec_string ("added-by", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_PARENT] = g_param_spec_int64 ("parent", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TEAMS] = g_param_spec_boxed ("teams", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_THUMBNAIL_PATH] = g_param_spec_string ("thumbnail-path", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medialib_asset_init (MedialibAsset *self)
{
}

MedialibAsset *
_medialib_asset_new (MedialibAssetFields *fields)
{
  MedialibAsset *self = g_object_new (MEDIALIB_TYPE_ASSET, NULL);

  self->id = fields->id;
  self->name = g_strdup (fields->name);
  self->kind = fields->kind;
  self->mime = g_intern_string (fields->mime);
  self->bytes = fields->bytes;
  self->width = fields->width;
  self->height = fields->height;
  self->animated = fields->animated;
  self->sha256 = g_strdup (fields->sha256);
  self->address = g_strdup (fields->address);
  self->added = fields->added;
  self->added_by = fields->added_by != NULL && fields->added_by[0] != '\0' ? g_strdup (fields->added_by) : NULL;
  self->source = g_intern_string (fields->source);
  self->parent = fields->parent;
  self->phash = fields->phash;
  self->has_phash = fields->has_phash;
  self->tags = g_steal_pointer (&fields->tags);
  self->teams = g_steal_pointer (&fields->teams);
  self->blobs = fields->blobs != NULL ? g_object_ref (fields->blobs) : NULL;
  self->prompt = g_strdup (fields->prompt);
  self->alt = fields->alt != NULL && fields->alt[0] != '\0' ? g_strdup (fields->alt) : NULL;
  self->contact_json = g_strdup (fields->contact);
  /* Read when asked for: a search makes an asset of each result, and few are shown */
  if (fields->palette != NULL && fields->palette[0] != '\0')
    self->palette_text = g_strdup (fields->palette);

  /* Images have a thumbnail; contact cards when their photo decoded. */
  self->has_thumbnail = self->kind == MEDIALIB_ASSET_KIND_IMAGE ||
                        (fields->contact != NULL && strstr (fields->contact, "\"has_photo\":true") != NULL);

  return self;
}

gint64
medialib_asset_get_id (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->id;
}

const char *
medialib_asset_get_name (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->name;
}

MedialibAssetKind
medialib_asset_get_kind (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), MEDIALIB_ASSET_KIND_ANY);

  return self->kind;
}

const char *
medialib_asset_get_mime (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->mime;
}

gint64
medialib_asset_get_bytes (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->bytes;
}

int
medialib_asset_get_width (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->width;
}

int
medialib_asset_get_height (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->height;
}

gboolean
medialib_asset_get_animated (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), FALSE);

  return self->animated;
}

const char *
medialib_asset_get_sha256 (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->sha256;
}

gint64
medialib_asset_get_added (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->added;
}

/**
 * medialib_asset_get_added_by:
 *
 * Returns: (nullable): the name of the member who added the asset, as their app gave it;
 *   %NULL for assets added before the library kept it
 */
const char *
medialib_asset_get_added_by (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->added_by;
}

/**
 * medialib_asset_get_phash:
 * @hash: (out) (optional): its perceptual hash (medialib-phash.h)
 *
 * Returns: whether the image's perceptual hash is known: not for a contact card, nor for an
 *   image of an older library until it is computed (medialib_store_compute_phashes())
 */
gboolean
medialib_asset_get_phash (MedialibAsset *self,
                          guint64       *hash)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), FALSE);

  if (hash != NULL)
    *hash = self->phash;

  return self->has_phash;
}

const char *
medialib_asset_get_source (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->source;
}

gint64
medialib_asset_get_parent (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), 0);

  return self->parent;
}

/**
 * _medialib_media_suffix:
 *
 * The one map from a stored file's type to its suffix.
 *
 * Returns: the suffix of the library's copy of a file of type @mime
 */
const char *
_medialib_media_suffix (const char *mime)
{
  if (g_strcmp0 (mime, "image/png") == 0)
    return ".png";
  if (g_strcmp0 (mime, "image/jpeg") == 0)
    return ".jpg";
  if (g_strcmp0 (mime, "image/gif") == 0)
    return ".gif";
  if (g_strcmp0 (mime, "text/vcard") == 0)
    return ".vcf";
  return "";
}

/**
 * _medialib_content_name:
 *
 * TOP/ab/abcdef….SUFFIX: a folder per first two hex digits of the hash, the file named by
 * the whole hash; the one place where that rule is written, for files
 * (_medialib_content_path()) and object keys (_medialib_content_key()) alike.
 */
char *
_medialib_content_name (const char *top,
                        const char *separator,
                        const char *sha256,
                        const char *suffix)
{
  g_return_val_if_fail (top != NULL, NULL);
  g_return_val_if_fail (separator != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) >= 2, NULL);

  return g_strdup_printf ("%s%s%.2s%s%s%s", top, separator, sha256, separator, sha256,
                          suffix != NULL ? suffix : "");
}

static gboolean
is_sha256_hex (const char *text)
{
  gsize i;

  for (i = 0; text[i] != '\0'; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;

  return i == 64;
}

/**
 * _medialib_content_key:
 * @prefix: "media" or "thumbnails"
 * @sha256: the content's SHA-256, 64 lower-case hex digits
 * @suffix: the object's suffix, with its dot
 *
 * The same layout as _medialib_content_path() for an object store's keys, whose separator
 * is always '/'.
 *
 * Returns: (transfer full): PREFIX/ab/abcdef….SUFFIX
 */
char *
_medialib_content_key (const char *prefix,
                       const char *sha256,
                       const char *suffix)
{
  g_return_val_if_fail (prefix != NULL && prefix[0] != '\0' && prefix[0] != '/', NULL);
  g_return_val_if_fail (sha256 != NULL && is_sha256_hex (sha256), NULL);

  return _medialib_content_name (prefix, "/", sha256, suffix);
}

/**
 * _medialib_media_key:
 *
 * Returns: (transfer full): media/ab/abcdef….EXT, the object of a stored file of type @mime
 */
char *
_medialib_media_key (const char *sha256,
                     const char *mime)
{
  return _medialib_content_key ("media", sha256, _medialib_media_suffix (mime));
}

/**
 * _medialib_thumbnail_key:
 *
 * Returns: (transfer full): thumbnails/ab/abcdef….png, the object of a thumbnail
 */
char *
_medialib_thumbnail_key (const char *sha256)
{
  return _medialib_content_key ("thumbnails", sha256, ".png");
}

/* Sets *SLOT to MADE unless another thread was first; returns what *SLOT holds */
static const char *
publish (char **slot,
         char  *made)
{
  g_assert (slot != NULL);

  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, made))
    g_free (made);

  return g_atomic_pointer_get (slot);
}

/**
 * medialib_asset_get_path:
 *
 * Returns: (nullable): where the library's own copy is on this computer (%NULL when its blob
 *   store keeps none); the file may be missing
 */
const char *
medialib_asset_get_path (MedialibAsset *self)
{
  const char *path;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  path = g_atomic_pointer_get (&self->path);
  if (path != NULL || self->blobs == NULL)
    return path;

  return publish (&self->path,
                  medialib_blob_store_dup_local_path (self->blobs, MEDIALIB_BLOB_MEDIA, self->sha256,
                                                      _medialib_media_suffix (self->mime)));
}

/**
 * medialib_asset_get_thumbnail_path:
 *
 * Returns: (nullable): where its thumbnail is on this computer, or %NULL when the asset has
 *   none (a contact card without a photo); the file may be missing (see
 *   medialib_store_ensure_thumbnail())
 */
const char *
medialib_asset_get_thumbnail_path (MedialibAsset *self)
{
  const char *path;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  path = g_atomic_pointer_get (&self->thumbnail);
  if (path != NULL || self->blobs == NULL || !self->has_thumbnail)
    return path;

  return publish (&self->thumbnail,
                  medialib_blob_store_dup_local_path (self->blobs, MEDIALIB_BLOB_THUMBNAIL, self->sha256,
                                                      MEDIALIB_THUMBNAIL_SUFFIX));
}

/**
 * medialib_asset_get_palette:
 * @n_colors: (out): how many colours it has
 *
 * The image's dominant colours, largest share first: none for a contact card, a fully
 * transparent image, or an image whose palette was not computed yet.
 *
 * Returns: (array length=n_colors) (nullable): the colours
 */
const MedialibPaletteColor *
medialib_asset_get_palette (MedialibAsset *self,
                            guint         *n_colors)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);
  g_return_val_if_fail (n_colors != NULL, NULL);

  /* Once, whichever thread asks first (assets go between threads) */
  if (g_once_init_enter (&self->palette_read))
    {
      MedialibPaletteColor palette[MEDIALIB_PALETTE_MAX];

      self->n_colors = medialib_palette_parse (self->palette_text, palette);
      if (self->n_colors > 0)
        self->palette = g_memdup2 (palette, sizeof *palette * self->n_colors);
      g_once_init_leave (&self->palette_read, 1);
    }

  *n_colors = self->n_colors;
  return self->palette;
}

/**
 * medialib_asset_get_contact:
 *
 * The summary of a contact card: name, org, emails, phones, cards, has_photo.
 *
 * Returns: (transfer none) (nullable): %NULL for images
 */
JsonObject *
medialib_asset_get_contact (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  if (self->contact == NULL && self->contact_json != NULL)
    self->contact = json_from_string (self->contact_json, NULL);

  return self->contact != NULL && JSON_NODE_HOLDS_OBJECT (self->contact) ? json_node_get_object (self->contact) : NULL;
}

/**
 * medialib_asset_dup_display_name:
 *
 * Returns: (transfer full): the contact's name for a contact card, else the asset's name
 */
char *
medialib_asset_dup_display_name (MedialibAsset *self)
{
  JsonObject *contact;
  const char *name;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  contact = medialib_asset_get_contact (self);
  name = contact ? json_object_get_string_member_with_default (contact, "name", NULL) : NULL;

  return g_strdup (name != NULL && name[0] != '\0' ? name : self->name);
}

/* The prompt of a generated image, or %NULL */
const char *
medialib_asset_get_prompt (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->prompt;
}

/* The image's alt text, or %NULL when it has none (never "") */
const char *
medialib_asset_get_alt (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->alt;
}

const char * const *
medialib_asset_get_tags (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->tags ? (const char * const *) self->tags : empty_strv;
}

const char * const *
medialib_asset_get_teams (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->teams ? (const char * const *) self->teams : empty_strv;
}

const char *
_medialib_asset_get_address (MedialibAsset *self)
{
  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  return self->address;
}

/**
 * medialib_asset_dup_uri:
 *
 * Returns: (transfer full): the address of the library's own copy: a `file://` URI in a
 *   local library. It is the asset's own address, not its content's, so it stays the same
 *   when the content is replaced (medialib_store_replace()); an asset added before
 *   addresses has its content's, which it keeps (medialib_blob_address_get_content()).
 */
char *
medialib_asset_dup_uri (MedialibAsset *self)
{
  char *uri;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);
  g_return_val_if_fail (self->blobs != NULL, NULL);

  uri = medialib_blob_store_dup_alias_uri (self->blobs, self->address, _medialib_media_suffix (self->mime));
  if (uri != NULL)
    return uri;

  return medialib_blob_store_dup_uri (self->blobs, self->sha256, _medialib_media_suffix (self->mime));
}

/**
 * medialib_asset_format_added:
 *
 * Returns: (transfer full): the date added, ISO 8601 in UTC ("2026-11-23T10:15:00Z")
 */
char *
medialib_asset_format_added (MedialibAsset *self)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  dt = g_date_time_new_from_unix_utc (self->added);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  g_assert (JSON_IS_BUILDER (builder));
  g_assert (member != NULL);
  g_assert (strv != NULL);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  g_assert (JSON_IS_BUILDER (builder));
  g_assert (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * medialib_asset_to_json:
 *
 * Returns: (transfer full): the asset object of the command line's `--json` output
 */
JsonNode *
medialib_asset_to_json (MedialibAsset *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *added = NULL;
  const MedialibPaletteColor *palette;
  guint n_colors;

  g_return_val_if_fail (MEDIALIB_IS_ASSET (self), NULL);

  builder = json_builder_new ();
  uri = medialib_asset_dup_uri (self);
  added = medialib_asset_format_added (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, medialib_asset_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "mime");
  json_builder_add_string_value (builder, self->mime);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, self->bytes);
  add_int_or_null (builder, "width", self->width);
  add_int_or_null (builder, "height", self->height);
  json_builder_set_member_name (builder, "animated");
  json_builder_add_boolean_value (builder, self->animated);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, self->sha256);
  json_builder_set_member_name (builder, "added");
  json_builder_add_string_value (builder, added);
  json_builder_set_member_name (builder, "added_by");
  if (self->added_by != NULL)
    json_builder_add_string_value (builder, self->added_by);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, self->source);
  add_int_or_null (builder, "parent", self->parent);
  add_strv (builder, "tags", medialib_asset_get_tags (self));
  add_strv (builder, "teams", medialib_asset_get_teams (self));
  json_builder_set_member_name (builder, "alt");  /* null when none, never "" */
  if (self->alt != NULL)
    json_builder_add_string_value (builder, self->alt);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "palette");
  json_builder_begin_array (builder);
  palette = medialib_asset_get_palette (self, &n_colors);
  for (guint i = 0; i < n_colors; i++)
    {
      g_autofree char *hex = medialib_color_to_hex (palette[i].red, palette[i].green, palette[i].blue);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, hex);
      json_builder_set_member_name (builder, "share");
      json_builder_add_double_value (builder, palette[i].share);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (medialib_asset_get_contact (self) != NULL)
    {
      json_builder_set_member_name (builder, "contact");
      json_builder_add_value (builder, json_node_copy (self->contact));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
