/* test-versions.c — replacing an asset's content: the asset and its address stay, the
 * previous content becomes a version, and a version can be made current again
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "medialib-core-team.h"
#include "medialib-crop.h"
#include "medialib-import.h"
#include "medialib-asset-private.h"
#include "medialib-s3-blobs.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static gint64
import_one (Fixture    *f,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "summer", NULL };
  const char *teams[] = { "Growth", NULL };
  MedialibImportOptions options = { (char **) tags, (char **) teams, 0 };
  MedialibImportResult *result;

  results = medialib_store_import (f->store, &file, 1, &options, NULL, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->status, ==, MEDIALIB_IMPORT_ADDED);
  return result->id;
}

static MedialibAsset *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  MedialibAsset *asset = medialib_store_get_asset (f->store, id, &error);

  g_assert_no_error (error);
  return asset;
}

/* What the asset's address gives, for anyone: a file, or the bucket's object over HTTP */
static GBytes *
fetch_uri (const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (g_str_has_prefix (uri, "file://"))
    {
      g_autofree char *path = g_filename_from_uri (uri, NULL, &error);
      g_autofree char *data = NULL;
      gsize length;

      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      return g_bytes_new_take (g_steal_pointer (&data), length);
    }
  else
    {
      guint status = 0;
      GBytes *body = test_anonymous_get (uri, &status);

      g_assert_cmpuint (status, ==, 200);
      return body;
    }
}

static void
assert_uri_gives (const char *uri,
                  const char *path)
{
  g_autoptr(GBytes) got = fetch_uri (uri);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), data, length);
}

/* The same address: a presigned URL's signature and date change with the time it is made */
static void
assert_same_address (const char *uri,
                     const char *other)
{
  g_autofree char *address = g_strndup (uri, strcspn (uri, "?"));
  g_autofree char *other_address = g_strndup (other, strcspn (other, "?"));

  g_assert_cmpstr (address, ==, other_address);
}

static void
on_changed (MedialibCatalog    *catalog,
            MedialibChangeKind  kind,
            GArray             *ids,
            GArray             *changed)
{
  if (kind == MEDIALIB_CHANGE_ASSETS_CHANGED)
    g_array_append_vals (changed, ids->data, ids->len);
}

/* The asset keeps its id, name, tags, teams and address; its content, dimensions,
 * thumbnail, palette and perceptual hash are the new file's; its previous content is
 * version 1, by the member who added it */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(MedialibAsset) after = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri_before = NULL;
  g_autofree char *uri_after = NULL;
  MedialibVersion *version;
  guint64 hash_before = 0, hash_after = 0;
  gint64 id;
  gulong handler;

  medialib_store_set_member_name (f->store, "Ana");
  id = import_one (f, first);
  before = get (f, id);
  uri_before = medialib_asset_dup_uri (before);
  g_assert_nonnull (strstr (uri_before, "/assets/"));
  assert_uri_gives (uri_before, first);
  g_assert_true (medialib_asset_get_phash (before, &hash_before));

  medialib_store_set_member_name (f->store, "Bruno");
  handler = g_signal_connect (f->store->catalog, "changed", G_CALLBACK (on_changed), changed);
  g_assert_true (medialib_store_replace (f->store, id, second, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store->catalog, handler);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, id);

  after = get (f, id);
  g_assert_cmpstr (medialib_asset_get_name (after), ==, "first.png");
  g_assert_cmpstr (medialib_asset_get_tags (after)[0], ==, "summer");
  g_assert_cmpstr (medialib_asset_get_teams (after)[0], ==, "Growth");
  g_assert_cmpstr (medialib_asset_get_sha256 (after), !=, medialib_asset_get_sha256 (before));
  g_assert_cmpint (medialib_asset_get_width (after), ==, 24);
  g_assert_cmpint (medialib_asset_get_height (after), ==, 36);
  g_assert_true (medialib_asset_get_phash (after, &hash_after));
  g_assert_cmpuint (hash_after, !=, hash_before);
  g_assert_true (medialib_store_ensure_thumbnail (f->store, after, &error));
  g_assert_no_error (error);
  g_assert_nonnull (medialib_asset_get_thumbnail_path (after));
  g_assert_cmpstr (medialib_asset_get_thumbnail_path (after), !=, medialib_asset_get_thumbnail_path (before));

  /* The same address, the new content */
  uri_after = medialib_asset_dup_uri (after);
  assert_same_address (uri_after, uri_before);
  assert_uri_gives (uri_after, second);

  versions = medialib_store_list_versions (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  version = g_ptr_array_index (versions, 0);
  g_assert_true (version->current);
  g_assert_cmpuint (version->number, ==, 2);
  g_assert_cmpstr (version->sha256, ==, medialib_asset_get_sha256 (after));
  g_assert_cmpstr (version->by, ==, "Bruno");
  version = g_ptr_array_index (versions, 1);
  g_assert_false (version->current);
  g_assert_cmpuint (version->number, ==, 1);
  g_assert_cmpstr (version->sha256, ==, medialib_asset_get_sha256 (before));
  g_assert_cmpint (version->bytes, ==, medialib_asset_get_bytes (before));
  g_assert_cmpint (version->width, ==, 40);
  g_assert_cmpint (version->height, ==, 30);
  g_assert_cmpstr (version->by, ==, "Ana");
  g_assert_cmpint (version->since, ==, medialib_asset_get_added (before));
}

static void
assert_unchanged (Fixture       *f,
                  MedialibAsset *before)
{
  g_autoptr(MedialibAsset) now = get (f, medialib_asset_get_id (before));
  g_autoptr(GPtrArray) versions = medialib_store_list_versions (f->store, medialib_asset_get_id (before), NULL);
  g_autofree char *uri = medialib_asset_dup_uri (now);

  g_assert_cmpstr (medialib_asset_get_sha256 (now), ==, medialib_asset_get_sha256 (before));
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_nonnull (uri);
}

/* A file an import would refuse, one of another type, or another asset's content: an error
 * naming the file and the reason, and nothing changes */
static void
test_replace_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *other = test_write_image (f->input, "other.png", "png", 20, 20, 3);
  g_autofree char *jpeg = test_write_image (f->input, "photo.jpg", "jpeg", 20, 20, 4);
  static const guint8 truncated[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H' };
  g_autofree char *broken = test_write_bytes (f->input, "broken.png", truncated, sizeof truncated);
  g_autofree char *text = test_write_bytes (f->input, "notes.txt", "hello", 5);
  g_autofree char *missing = g_build_filename (f->input, "missing.png", NULL);
  g_autoptr(MedialibAsset) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, other_id;

  id = import_one (f, first);
  other_id = import_one (f, other);
  before = get (f, id);

  g_assert_false (medialib_store_replace (f->store, id, broken, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "broken.png: "));
  assert_unchanged (f, before);
  g_clear_error (&error);

  g_assert_false (medialib_store_replace (f->store, id, text, &error));
  g_assert_true (g_str_has_prefix (error->message, "notes.txt: "));
  assert_unchanged (f, before);
  g_clear_error (&error);

  g_assert_false (medialib_store_replace (f->store, id, missing, &error));
  g_assert_true (g_str_has_prefix (error->message, "missing.png: "));
  g_clear_error (&error);

  g_assert_false (medialib_store_replace (f->store, id, jpeg, &error));
  g_assert_true (g_str_has_prefix (error->message, "photo.jpg: "));
  g_assert_nonnull (strstr (error->message, "image/png"));
  assert_unchanged (f, before);
  g_clear_error (&error);

  g_assert_false (medialib_store_replace (f->store, id, other, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE);
  g_assert_true (g_str_has_prefix (error->message, "other.png: "));
  assert_unchanged (f, before);
  g_clear_error (&error);

  g_assert_false (medialib_store_replace (f->store, id + other_id + 100, other, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Reverting makes an earlier content current again, as a new version; the address follows */
static void
test_revert (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autoptr(MedialibAsset) original = NULL;
  g_autoptr(MedialibAsset) reverted = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 id;

  id = import_one (f, first);
  original = get (f, id);
  g_assert_true (medialib_store_replace (f->store, id, second, &error));

  /* The sweep keeps an earlier version's file */
  medialib_store_sweep (f->store);

  g_assert_true (medialib_store_revert (f->store, id, 1, &error));
  g_assert_no_error (error);
  reverted = get (f, id);
  g_assert_cmpstr (medialib_asset_get_sha256 (reverted), ==, medialib_asset_get_sha256 (original));
  g_assert_cmpint (medialib_asset_get_width (reverted), ==, 40);
  uri = medialib_asset_dup_uri (reverted);
  assert_uri_gives (uri, first);

  versions = medialib_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((MedialibVersion *) g_ptr_array_index (versions, 0))->sha256, ==,
                   medialib_asset_get_sha256 (original));
  g_assert_true (((MedialibVersion *) g_ptr_array_index (versions, 0))->current);

  g_assert_false (medialib_store_revert (f->store, id, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (medialib_store_revert (f->store, id, 9, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* And back to the replacement, itself version 2 */
  g_assert_true (medialib_store_revert (f->store, id, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&reverted);
  reverted = get (f, id);
  g_assert_cmpint (medialib_asset_get_width (reverted), ==, 24);
  assert_uri_gives (uri, second);
}

/* Deleting an asset deletes its versions and their files, and its address; a file another
 * asset still has stays */
static void
test_delete_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autofree char *third = test_write_image (f->input, "third.png", "png", 16, 16, 5);
  g_autoptr(MedialibAsset) original = NULL;
  g_autoptr(MedialibAsset) replaced = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 id, copy;

  id = import_one (f, first);
  original = get (f, id);
  g_assert_true (medialib_store_replace (f->store, id, second, &error));
  g_assert_true (medialib_store_replace (f->store, id, third, &error));
  g_assert_no_error (error);
  replaced = get (f, id);
  uri = medialib_asset_dup_uri (replaced);

  /* The second file is also an asset of its own: its file stays */
  copy = import_one (f, second);
  g_assert_cmpint (copy, !=, id);

  g_assert_true (medialib_store_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA,
                                           medialib_asset_get_sha256 (original), ".png"));
  g_assert_false (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA,
                                           medialib_asset_get_sha256 (replaced), ".png"));
  g_assert_null (medialib_store_list_versions (f->store, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(MedialibAsset) kept = get (f, copy);

    g_assert_true (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA,
                                            medialib_asset_get_sha256 (kept), ".png"));
  }

  if (g_str_has_prefix (uri, "file://"))
    {
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
    }
  else
    {
      guint status = 0;
      g_autoptr(GBytes) body = test_anonymous_get (uri, &status);

      g_assert_cmpuint (status, ==, 404);
    }
}

/* Reads a MEDIA blob from the store itself: in a team library, from the bucket rather than
 * this computer's copy */
static void
assert_blob_is (Fixture    *f,
                const char *sha256,
                const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!f->backend->local_database)
    {
      g_autofree char *cached = medialib_blob_store_dup_local_path (f->store->blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png");

      g_unlink (cached);
    }

  g_assert_true (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png"));
  bytes = medialib_blob_store_read (f->store->blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, length);
}

/* Whether the content SHA256 is kept under its other name (media/ab/<sha256>.kept.png), its
 * own being an asset's address: a link in a folder, an object marked so in a bucket */
static void
assert_kept (Fixture    *f,
             const char *sha256,
             gboolean    kept)
{
  g_autofree char *key = _medialib_content_key ("media", sha256, ".png");
  g_autofree char *kept_key = _medialib_content_key ("media", sha256, ".kept.png");

  if (f->backend->local_database)
    {
      g_autofree char *path = g_build_filename (f->library, key, NULL);
      g_autofree char *kept_path = g_build_filename (f->library, kept_key, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_IS_SYMLINK), ==, kept);
      g_assert_cmpint (g_file_test (kept_path, G_FILE_TEST_EXISTS), ==, kept);
    }
  else
    {
      MedialibS3Client *client = medialib_s3_blobs_get_client (MEDIALIB_S3_BLOBS (f->store->blobs));
      g_autoptr(MedialibS3Object) object = medialib_s3_client_head_object (client, key, NULL, NULL);
      g_autoptr(MedialibS3Object) kept_object = medialib_s3_client_head_object (client, kept_key, NULL, NULL);

      g_assert_cmpint (object != NULL && object->address != NULL, ==, kept);
      if (kept)
        g_assert_cmpstr (object->address + 1, ==, sha256);
      g_assert_cmpint (kept_object != NULL, ==, kept);
    }
}

static void
collect_sha256 (const char *sha256,
                const char *suffix,
                gpointer    data)
{
  g_ptr_array_add (data, g_strdup (sha256));
}

/* Makes the asset as a library from before addresses has it: no address, no alias */
static void
forget_address (Fixture       *f,
                MedialibAsset *asset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (medialib_blob_store_delete_alias (f->store->blobs, _medialib_asset_get_address (asset), ".png", &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE assets SET address = NULL WHERE id = %" G_GINT64_FORMAT, medialib_asset_get_id (asset));
  test_library_exec (f, sql);
}

/* An asset added before assets had addresses of their own is known by its content's address
 * (media/ab/<sha256>.png): replacing it keeps that URL, which gives the new content, while
 * the first content stays the library's (a version: read, reverted to); deleting the asset
 * leaves nothing behind */
static void
test_legacy_address (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autofree char *third = test_write_image (f->input, "third.png", "png", 16, 16, 5);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(MedialibAsset) legacy = NULL;
  g_autoptr(MedialibAsset) replaced = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri_after = NULL;
  g_autofree char *first_sha256 = NULL;
  g_autofree char *second_sha256 = NULL;
  guint found = 0;
  gint64 id;

  id = import_one (f, first);
  asset = get (f, id);
  first_sha256 = g_strdup (medialib_asset_get_sha256 (asset));

  /* As a library from before addresses has it: no address */
  forget_address (f, asset);
  legacy = get (f, id);
  g_assert_null (_medialib_asset_get_address (legacy));
  uri = medialib_asset_dup_uri (legacy);
  g_assert_nonnull (strstr (uri, "/media/"));
  g_assert_nonnull (strstr (uri, first_sha256));
  assert_uri_gives (uri, first);

  /* Replaced: the same URL gives the new content; the first is still there */
  g_assert_true (medialib_store_replace (f->store, id, second, &error));
  g_assert_no_error (error);
  replaced = get (f, id);
  second_sha256 = g_strdup (medialib_asset_get_sha256 (replaced));
  g_assert_cmpstr (medialib_blob_address_get_content (_medialib_asset_get_address (replaced)), ==, first_sha256);
  uri_after = medialib_asset_dup_uri (replaced);
  assert_same_address (uri_after, uri);
  assert_uri_gives (uri, second);
  assert_blob_is (f, first_sha256, first);
  assert_blob_is (f, second_sha256, second);
  assert_kept (f, first_sha256, TRUE);

  /* Leftovers are removed, the kept content is not one; the sweep sees it */
  medialib_blob_store_remove_leftovers (f->store->blobs);
  assert_blob_is (f, first_sha256, first);
  if (f->backend->local_database)
    {
      g_assert_true (medialib_blob_store_list (f->store->blobs, MEDIALIB_BLOB_MEDIA, collect_sha256, listed, NULL));
      for (guint i = 0; i < listed->len; i++)
        if (g_str_equal (g_ptr_array_index (listed, i), first_sha256))
          found++;
      g_assert_cmpuint (found, ==, 1);
    }

  /* Again, then back to the first content: the URL gives each in turn */
  g_assert_true (medialib_store_replace (f->store, id, third, &error));
  g_assert_no_error (error);
  assert_uri_gives (uri, third);
  g_assert_true (medialib_store_revert (f->store, id, 1, &error));
  g_assert_no_error (error);
  assert_uri_gives (uri, first);
  assert_blob_is (f, first_sha256, first);
  g_assert_true (medialib_store_revert (f->store, id, 2, &error));
  g_assert_no_error (error);
  assert_uri_gives (uri, second);
  assert_blob_is (f, first_sha256, first);

  /* Deleted: its URL gives nothing, and no content is left */
  g_assert_true (medialib_store_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA, first_sha256, ".png"));
  g_assert_false (medialib_blob_store_has (f->store->blobs, MEDIALIB_BLOB_MEDIA, second_sha256, ".png"));
  if (g_str_has_prefix (uri, "file://"))
    {
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
      g_ptr_array_set_size (listed, 0);
      g_assert_true (medialib_blob_store_list (f->store->blobs, MEDIALIB_BLOB_MEDIA, collect_sha256, listed, NULL));
      g_assert_cmpuint (listed->len, ==, 0);
    }
  else
    {
      guint status = 0;
      g_autoptr(GBytes) body = test_anonymous_get (uri, &status);

      g_assert_cmpuint (status, ==, 404);
    }
  assert_kept (f, first_sha256, FALSE);
}

/* The sweep makes every address give its asset's content again: one a stopped process did
 * not write, one that gives another content (a backup restored), and a content's name that
 * a restored database knows as its content's again */
static void
test_repair_addresses (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autofree char *third = test_write_image (f->input, "third.png", "png", 16, 16, 5);
  g_autofree char *fourth = test_write_image (f->input, "fourth.png", "png", 20, 12, 7);
  g_autoptr(MedialibAsset) a = NULL;
  g_autoptr(MedialibAsset) b = NULL;
  g_autoptr(MedialibAsset) c = NULL;
  g_autoptr(MedialibAsset) legacy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_link = NULL;
  g_autofree char *b_link = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *a_uri = NULL;
  g_autofree char *b_uri = NULL;
  g_autofree char *c_uri = NULL;
  g_autofree char *c_first_sha256 = NULL;
  gint64 c_id;

  a = get (f, import_one (f, first));
  b = get (f, import_one (f, second));
  a_uri = medialib_asset_dup_uri (a);
  b_uri = medialib_asset_dup_uri (b);
  a_link = g_filename_from_uri (a_uri, NULL, NULL);
  b_link = g_filename_from_uri (b_uri, NULL, NULL);

  /* A's link missing, B's giving A's content */
  g_assert_cmpint (g_unlink (a_link), ==, 0);
  g_assert_cmpint (g_unlink (b_link), ==, 0);
  g_assert_true (medialib_blob_store_put_alias (f->store->blobs, _medialib_asset_get_address (b),
                                                medialib_asset_get_sha256 (a), ".png", NULL, &error));
  g_assert_no_error (error);

  /* C from before addresses, replaced; then its row as a backup from before has it */
  c_id = import_one (f, third);
  c = get (f, c_id);
  c_first_sha256 = g_strdup (medialib_asset_get_sha256 (c));
  forget_address (f, c);
  g_assert_true (medialib_store_replace (f->store, c_id, fourth, &error));
  g_assert_no_error (error);
  assert_kept (f, c_first_sha256, TRUE);
  sql = g_strdup_printf ("UPDATE assets SET address = NULL, sha256 = '%s' WHERE id = %" G_GINT64_FORMAT,
                         c_first_sha256, c_id);
  test_library_exec (f, sql);

  g_assert_true (medialib_store_sweep (f->store));

  assert_uri_gives (a_uri, first);
  assert_uri_gives (b_uri, second);
  assert_kept (f, c_first_sha256, FALSE);
  legacy = get (f, c_id);
  c_uri = medialib_asset_dup_uri (legacy);
  g_assert_nonnull (strstr (c_uri, c_first_sha256));
  assert_uri_gives (c_uri, third);

  /* Nothing more to do */
  g_assert_cmpuint (_medialib_store_repair_addresses (f->store), ==, 0);
}

/* On either backend, the sweep makes an address that a stopped process did not write: the
 * asset's URL gives its content again */
static void
test_repair_missing_address (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *uri = NULL;
  gint64 id = import_one (f, first);

  asset = get (f, id);
  uri = medialib_asset_dup_uri (asset);
  g_assert_true (medialib_blob_store_delete_alias (f->store->blobs, _medialib_asset_get_address (asset), ".png", &error));
  g_assert_no_error (error);
  if (!f->backend->local_database)
    {
      guint status = 0;
      g_autoptr(GBytes) body = test_anonymous_get (uri, &status);

      g_assert_cmpuint (status, ==, 404);
    }

  /* Added an hour ago: no other computer can be about to write its address */
  sql = g_strdup_printf ("UPDATE assets SET added = added - 3600 WHERE id = %" G_GINT64_FORMAT, id);
  test_library_exec (f, sql);

  g_assert_true (medialib_store_sweep (f->store));
  assert_uri_gives (uri, first);
  g_assert_cmpuint (_medialib_store_repair_addresses (f->store), ==, 0);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 40, 30, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 24, 36, 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *kept = NULL;
  gint64 id = import_one (f, first);

  medialib_store_replace_async (f->store, id, second, NULL, test_keep_result, &kept);
  result = test_wait_result (&kept);
  g_assert_true (medialib_store_replace_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  medialib_store_list_versions_async (f->store, id, NULL, test_keep_result, &kept);
  result = test_wait_result (&kept);
  versions = medialib_store_list_versions_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_clear_object (&result);

  medialib_store_revert_async (f->store, id, 1, NULL, test_keep_result, &kept);
  result = test_wait_result (&kept);
  g_assert_true (medialib_store_revert_finish (f->store, result, &error));
  g_assert_no_error (error);
}

/* A crop keeps which version of its parent it was made from, with its preset and
 * rectangle; once the parent is replaced it is outdated, until the parent is reverted */
static void
test_crop_origin (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = test_write_image (f->input, "first.png", "png", 120, 80, 1);
  g_autofree char *second = test_write_image (f->input, "second.png", "png", 90, 90, 2);
  const MedialibPreset *preset = medialib_presets_lookup ("content-card-classic");
  MedialibRect rect = { 10, 5, 60, 60 };
  g_autoptr(MedialibAsset) parent = NULL;
  g_autoptr(MedialibAsset) crop = NULL;
  g_autoptr(GError) error = NULL;
  MedialibCropOrigin origin = { 0 };
  gint64 id;

  id = import_one (f, first);
  parent = get (f, id);
  crop = medialib_store_crop (f->store, parent, preset, &rect, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (medialib_store_get_crop_origin (f->store, medialib_asset_get_id (crop), &origin, &error));
  g_assert_no_error (error);
  g_assert_cmpint (origin.parent, ==, id);
  g_assert_cmpuint (origin.version, ==, 1);
  g_assert_false (origin.outdated);
  g_assert_cmpstr (origin.preset, ==, "content-card-classic");
  g_assert_cmpint (origin.x, ==, 10);
  g_assert_cmpint (origin.y, ==, 5);
  g_assert_cmpint (origin.width, ==, 60);
  g_assert_cmpint (origin.height, ==, 60);
  g_assert_cmpint (origin.parent_width, ==, 120);
  g_assert_cmpint (origin.parent_height, ==, 80);
  medialib_crop_origin_clear (&origin);

  /* The size of the version it was made from, not the parent's new one */
  g_assert_true (medialib_store_replace (f->store, id, second, &error));
  g_assert_true (medialib_store_get_crop_origin (f->store, medialib_asset_get_id (crop), &origin, &error));
  g_assert_cmpuint (origin.version, ==, 1);
  g_assert_true (origin.outdated);
  g_assert_cmpint (origin.parent_width, ==, 120);
  g_assert_cmpint (origin.parent_height, ==, 80);
  medialib_crop_origin_clear (&origin);

  /* Back to the content it was made from: version 3, current */
  g_assert_true (medialib_store_revert (f->store, id, 1, &error));
  g_assert_true (medialib_store_get_crop_origin (f->store, medialib_asset_get_id (crop), &origin, &error));
  g_assert_cmpuint (origin.version, ==, 3);
  g_assert_false (origin.outdated);
  medialib_crop_origin_clear (&origin);

  /* Not a crop */
  g_assert_true (medialib_store_get_crop_origin (f->store, id, &origin, &error));
  g_assert_cmpint (origin.parent, ==, 0);
  g_assert_cmpuint (origin.version, ==, 0);
  medialib_crop_origin_clear (&origin);

  medialib_store_delete (f->store, medialib_asset_get_id (crop), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(path, func) \
  test_add_for_backends (TEST_EVERY_BACKEND, "/medialib/versions", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD ("replace", test_replace);
  ADD ("replace-refused", test_replace_refused);
  ADD ("revert", test_revert);
  ADD ("delete", test_delete_versions);
  ADD ("legacy-address", test_legacy_address);
  ADD ("repair-missing-address", test_repair_missing_address);
  test_add_for_backends (TEST_LOCAL_DATABASE, "/medialib/versions", "repair-addresses", Fixture, NULL,
                         test_library_setup, test_repair_addresses, test_library_teardown);
  ADD ("async", test_async);
  ADD ("crop-origin", test_crop_origin);

  return g_test_run ();
}
