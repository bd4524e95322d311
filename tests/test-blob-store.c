/* test-blob-store.c — the blob store's contract, on the blob store of a real library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* O_DIRECT */
#define _GNU_SOURCE

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "medialib-core-team.h"
#include "medialib-folder-blobs.h"
#include "medialib-import.h"
#include "medialib-store-private.h"
#include "medialib-test-util.h"

typedef TestLibrary Fixture;

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
collect (const char *sha256,
         const char *suffix,
         gpointer    data)
{
  g_ptr_array_add (data, g_strconcat (sha256, suffix, NULL));
}

/* The names list() gives for KIND, sorted and joined by spaces */
static char *
listed (MedialibBlobStore *blobs,
        MedialibBlobKind   kind)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_blob_store_list (blobs, kind, collect, names, &error));
  g_assert_no_error (error);
  g_ptr_array_sort_values (names, (GCompareFunc) strcmp);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_put_has_read_delete (Fixture       *f,
                          gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(GBytes) bytes = bytes_of ("the bytes of a file");
  g_autofree char *sha256 = sha256_of (bytes);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *names = NULL;
  g_autofree char *name = g_strconcat (sha256, ".png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png"));
  g_assert_null (medialib_blob_store_read (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (medialib_blob_store_put (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png"));
  /* The suffix is part of the name; the kinds are apart */
  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".jpg"));
  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));

  read = medialib_blob_store_read (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, bytes));

  uri = medialib_blob_store_dup_uri (blobs, sha256, ".png");
  g_assert_nonnull (uri);
  names = listed (blobs, MEDIALIB_BLOB_MEDIA);
  g_assert_cmpstr (names, ==, name);
  g_clear_pointer (&names, g_free);

  g_assert_true (medialib_blob_store_delete (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", &error));
  g_assert_no_error (error);
  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png"));
  names = listed (blobs, MEDIALIB_BLOB_MEDIA);
  g_assert_cmpstr (names, ==, "");

  /* A blob already gone is not an error */
  g_assert_true (medialib_blob_store_delete (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".png", &error));
  g_assert_no_error (error);
}

/* Bytes that are not the named ones are refused, and nothing is stored */
static void
test_put_refuses_wrong_sha256 (Fixture       *f,
                               gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(GBytes) bytes = bytes_of ("what is sent");
  g_autoptr(GBytes) other = bytes_of ("what the name says");
  g_autofree char *sha256 = sha256_of (other);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (medialib_blob_store_put (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf", bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf"));
  names = listed (blobs, MEDIALIB_BLOB_MEDIA);
  g_assert_cmpstr (names, ==, "");
}

/* Bytes the caller hashed are stored under that name as put() stores them, readable at once;
 * put() of the same store still checks (above) */
static void
test_put_hashed (Fixture       *f,
                 gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(GBytes) bytes = bytes_of ("bytes hashed by the caller");
  g_autofree char *sha256 = sha256_of (bytes);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_blob_store_put_hashed (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf"));
  back = medialib_blob_store_read (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));
  names = listed (blobs, MEDIALIB_BLOB_MEDIA);
  g_assert_nonnull (strstr (names, sha256));

  /* A team library's tests share one bucket: leave it as it was */
  g_assert_true (medialib_blob_store_delete (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf", &error));
  g_assert_no_error (error);
  g_assert_false (medialib_blob_store_has (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".vcf"));
}

/* A thumbnail is named by its file's SHA-256, not by its own bytes */
static void
test_thumbnails_beside (Fixture       *f,
                        gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(GBytes) file = bytes_of ("the file");
  g_autoptr(GBytes) thumbnail = bytes_of ("its thumbnail");
  g_autofree char *sha256 = sha256_of (file);
  g_autofree char *media = NULL;
  g_autofree char *thumbnails = NULL;
  g_autofree char *media_name = g_strconcat (sha256, ".gif", NULL);
  g_autofree char *thumbnail_name = g_strconcat (sha256, MEDIALIB_THUMBNAIL_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_blob_store_put (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".gif", file, &error));
  g_assert_true (medialib_blob_store_put (blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX,
                                          thumbnail, &error));
  g_assert_no_error (error);

  media = listed (blobs, MEDIALIB_BLOB_MEDIA);
  thumbnails = listed (blobs, MEDIALIB_BLOB_THUMBNAIL);
  g_assert_cmpstr (media, ==, media_name);
  g_assert_cmpstr (thumbnails, ==, thumbnail_name);

  /* Deleting one leaves the other */
  g_assert_true (medialib_blob_store_delete (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".gif", &error));
  g_assert_true (medialib_blob_store_has (blobs, MEDIALIB_BLOB_THUMBNAIL, sha256, MEDIALIB_THUMBNAIL_SUFFIX));
}

typedef struct
{
  MedialibBlobStore *blobs;
  gint               taken;   /* atomic */
} Adder;

static gpointer
adder_thread (gpointer data)
{
  Adder *adder = data;
  g_autoptr(MedialibBlobLock) lock = medialib_blob_store_lock_adding (adder->blobs);

  g_assert_nonnull (lock);
  g_atomic_int_set (&adder->taken, 1);
  return NULL;
}

/* Adders hold removals off; a removal never waits, and an adder waits for a removal */
static void
test_holds (Fixture       *f,
            gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(MedialibBlobLock) adding = NULL;
  g_autoptr(MedialibBlobLock) also_adding = NULL;
  g_autoptr(MedialibBlobLock) removing = NULL;
  Adder adder = { blobs, 0 };
  GThread *thread;

  adding = medialib_blob_store_lock_adding (blobs);
  also_adding = medialib_blob_store_lock_adding (blobs);
  g_assert_nonnull (adding);
  g_assert_nonnull (also_adding);
  g_assert_null (medialib_blob_store_try_lock_removing (blobs));
  g_clear_pointer (&adding, medialib_blob_lock_release);
  g_assert_null (medialib_blob_store_try_lock_removing (blobs));
  g_clear_pointer (&also_adding, medialib_blob_lock_release);

  removing = medialib_blob_store_try_lock_removing (blobs);
  g_assert_nonnull (removing);
  g_assert_null (medialib_blob_store_try_lock_removing (blobs));

  thread = g_thread_new ("adder", adder_thread, &adder);
  g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpint (g_atomic_int_get (&adder.taken), ==, 0);
  g_clear_pointer (&removing, medialib_blob_lock_release);
  g_thread_join (thread);
  g_assert_cmpint (g_atomic_int_get (&adder.taken), ==, 1);
}

/* The folder's own layout: what is not a well-placed blob is a leftover for the sweep. Local
 * only: it writes into media/ behind the blob store's back. */
static void
test_folder_leftovers (Fixture       *f,
                       gconstpointer  data)
{
  MedialibBlobStore *blobs = f->store->blobs;
  g_autoptr(GBytes) bytes = bytes_of ("a blob");
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *path = medialib_blob_store_dup_local_path (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".jpg");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temporary = g_build_filename (dir, ".tmp-AbC123", NULL);
  g_autofree char *misplaced_dir = g_build_filename (f->library, "media", "00", NULL);
  g_autofree char *misplaced = g_build_filename (misplaced_dir, "abcdef.png", NULL);
  g_autofree char *misnamed_dir = g_build_filename (f->library, "thumbnails", "zz", NULL);
  g_autofree char *misnamed = g_build_filename (misnamed_dir, "zz.png", NULL);
  g_autofree char *names = NULL;
  g_autofree char *expected = g_strconcat (sha256, ".jpg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (medialib_blob_store_put (blobs, MEDIALIB_BLOB_MEDIA, sha256, ".jpg", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, f->library));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_mkdir_with_parents (misplaced_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (misnamed_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (temporary, "half", -1, NULL));
  g_assert_true (g_file_set_contents (misplaced, "x", -1, NULL));
  g_assert_true (g_file_set_contents (misnamed, "x", -1, NULL));

  names = listed (blobs, MEDIALIB_BLOB_MEDIA);
  g_assert_cmpstr (names, ==, expected);
  g_clear_pointer (&names, g_free);
  names = listed (blobs, MEDIALIB_BLOB_THUMBNAIL);
  g_assert_cmpstr (names, ==, "");

  medialib_blob_store_remove_leftovers (blobs);
  g_assert_false (g_file_test (temporary, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (misplaced, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (misnamed, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A local blob's address is its file's */
  {
    g_autofree char *uri = medialib_blob_store_dup_uri (blobs, sha256, ".jpg");
    g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);

    g_assert_cmpstr (uri, ==, file_uri);
  }
}

/* How many of the pages of @path the page cache holds */
static gsize
resident_pages (const char *path,
                gsize       length)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE), pages = (length + page - 1) / page, resident = 0;
  g_autofree unsigned char *vector = g_new0 (unsigned char, pages);
  int fd = g_open (path, O_RDONLY, 0);
  void *map;

  g_assert_cmpint (fd, >=, 0);
  map = mmap (NULL, length, PROT_READ, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  g_assert_cmpint (mincore (map, length, vector), ==, 0);
  for (gsize i = 0; i < pages; i++)
    resident += vector[i] & 1;
  munmap (map, length);
  close (fd);

  return resident;
}

/* Whether a block written with O_DIRECT in @dir leaves the page cache without it: not on a
 * file system that refuses O_DIRECT, nor on a tmpfs, whose files are all in memory */
static gboolean
direct_bypasses_cache (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  guint8 *block = g_aligned_alloc0 (1, 4096, 4096);
  gboolean bypasses = FALSE;
  int fd = g_open (probe, O_WRONLY | O_CREAT | O_DIRECT, 0600);

  if (fd >= 0)
    {
      bypasses = write (fd, block, 4096) == 4096;
      close (fd);
      bypasses = bypasses && resident_pages (probe, 4096) == 0;
    }
  g_unlink (probe);
  g_aligned_free (block);

  return bypasses;
}

/* A large original written durably from memory aligned to 4096 bytes (as an import reads
 * it) goes to the disk without the page cache, whole blocks or not, byte for byte; from
 * other memory, or small, through the page cache as before. In a folder of the build tree:
 * the temporary folder may be a tmpfs, whose files are all in the page cache. */
static void
test_direct_write (void)
{
  static const struct { gsize length; gsize offset; gboolean direct; } cases[] = {
    { 300001, 0, TRUE },         /* a last partial block */
    { 4096 * 80, 0, TRUE },      /* whole blocks */
    { 300001, 1, FALSE },        /* memory not aligned */
    { 100000, 0, FALSE },        /* small */
  };
  g_autofree char *tmpl = g_build_filename (g_test_get_dir (G_TEST_BUILT), "direct-write-XXXXXX", NULL);
  const char *dir = g_mkdtemp (tmpl);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint8 *buffer = g_aligned_alloc (1, 4096 * 80 + 4096, 4096);
  gboolean supported;

  g_assert_nonnull (dir);
  for (gsize i = 0; i < 4096 * 80 + 4096; i++)
    buffer[i] = (guint8) g_rand_int (rand);

  supported = direct_bypasses_cache (dir);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("blob-%" G_GSIZE_FORMAT, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *back = NULL;
      g_autoptr(GError) error = NULL;
      gsize back_length = 0;
      gsize resident;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true (_medialib_write_file_atomic (path, buffer + cases[i].offset, cases[i].length, TRUE, &error));
      g_assert_no_error (error);

      resident = resident_pages (path, cases[i].length);
      if (!supported)
        g_test_message ("files here stay in the page cache whatever the way they are written");
      else if (cases[i].direct)
        g_assert_cmpuint (resident, ==, 0);
      else
        g_assert_cmpuint (resident, >, 0);

      g_assert_true (g_file_get_contents (path, &back, &back_length, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (back, back_length, buffer + cases[i].offset, cases[i].length);
      g_unlink (path);
    }

  g_aligned_free (buffer);
  g_rmdir (dir);
}

/* An import reads each file into memory aligned for the disk: a large photo's copy in a
 * library on a disk's file system is written without the page cache, byte for byte */
static void
test_import_direct (void)
{
  g_autofree char *tmpl = g_build_filename (g_test_get_dir (G_TEST_BUILT), "import-direct-XXXXXX", NULL);
  const char *dir = g_mkdtemp (tmpl);
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autofree char *path = g_build_filename (dir, "noise.jpg", NULL);
  g_autoptr(GdkPixbuf) noise = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 480, 360);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibAsset) asset = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *stored = NULL;
  gsize original_length, stored_length;
  MedialibImportResult *result;

  g_assert_nonnull (dir);
  for (int y = 0; y < 360; y++)
    for (int x = 0; x < 480 * 3; x++)
      gdk_pixbuf_get_pixels (noise)[y * gdk_pixbuf_get_rowstride (noise) + x] = (guint8) g_rand_int (rand);
  g_assert_true (gdk_pixbuf_save (noise, path, "jpeg", &error, "quality", "100", NULL));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &original, &original_length, &error));
  g_assert_cmpuint (original_length, >=, 256 * 1024);

  store = medialib_store_open (library, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  results = medialib_store_import (store, &file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->status, ==, MEDIALIB_IMPORT_ADDED);
  asset = medialib_store_get_asset (store, result->id, &error);
  g_assert_no_error (error);

  if (direct_bypasses_cache (dir))
    g_assert_cmpuint (resident_pages (medialib_asset_get_path (asset), original_length), ==, 0);
  else
    g_test_message ("files here stay in the page cache whatever the way they are written");

  /* Read after: reading brings it into the page cache */
  g_assert_true (g_file_get_contents (medialib_asset_get_path (asset), &stored, &stored_length, &error));
  g_assert_cmpmem (stored, stored_length, original, original_length);

  g_clear_object (&store);
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  medialib_core_team_init ();

#define ADD(which, path, func) \
  test_add_for_backends (which, "/medialib/blob-store", path, Fixture, NULL, \
                         test_library_setup, func, test_library_teardown)

  ADD (TEST_EVERY_BACKEND, "put-has-read-delete", test_put_has_read_delete);
  ADD (TEST_EVERY_BACKEND, "put-refuses-wrong-sha256", test_put_refuses_wrong_sha256);
  ADD (TEST_EVERY_BACKEND, "put-hashed", test_put_hashed);
  ADD (TEST_EVERY_BACKEND, "thumbnails-beside", test_thumbnails_beside);
  ADD (TEST_EVERY_BACKEND, "holds", test_holds);
  /* The media/ folder's own layout, written behind the blob store's back: a local library's */
  ADD (TEST_LOCAL_DATABASE, "folder-leftovers", test_folder_leftovers);
  g_test_add_func ("/medialib/blob-store/direct-write", test_direct_write);
  g_test_add_func ("/medialib/blob-store/import-direct", test_import_direct);

  return g_test_run ();
}
