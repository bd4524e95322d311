/* medialib-file-io.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-folder-blobs"

/* O_DIRECT */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "medialib-folder-blobs.h"

/* How a local library reads the files it imports and writes its own (medialib-folder-blobs.c):
 * whole or not at all */

#define TEMP_PREFIX _MEDIALIB_TEMP_PREFIX

/* Bytes written durably from memory aligned to DIRECT_ALIGN, DIRECT_MIN or more of them,
 * bypass the page cache (O_DIRECT): an import's originals (medialib-import.c reads them
 * into such memory). Through the page cache, each 4 MB photo cost the kernel 1 to 5 ms of
 * processor time (its pages found, charged and copied, then written back by the fsync),
 * more than its thumbnail's making; straight from the import's memory, 0.4 ms. The file
 * systems that refuse it (tmpfs) get the ordinary write. */
#define DIRECT_ALIGN 4096
#define DIRECT_MIN   (256 * 1024)

static gboolean
pwrite_all (int           fd,
            const guint8 *data,
            gsize         length,
            goffset       offset)
{
  while (length > 0)
    {
      gssize n = pwrite (fd, data, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      offset += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/* Writes @data into the empty file @fd with O_DIRECT: the whole blocks from @data itself,
 * the last partial one from a block of zeros cut off at @length. FALSE with errno when the
 * file system refuses it; the file is empty again then. */
static gboolean
write_direct (int           fd,
              const guint8 *data,
              gsize         length)
{
  gsize body = length & ~(gsize) (DIRECT_ALIGN - 1);
  guint8 *tail = NULL;
  int flags, saved_errno;

  g_assert (((guintptr) data & (DIRECT_ALIGN - 1)) == 0);

  if ((flags = fcntl (fd, F_GETFL)) < 0 || fcntl (fd, F_SETFL, flags | O_DIRECT) != 0)
    return FALSE;

  if (!pwrite_all (fd, data, body, 0))
    goto fail;

  if (body < length)
    {
      tail = g_aligned_alloc0 (1, DIRECT_ALIGN, DIRECT_ALIGN);
      memcpy (tail, data + body, length - body);
      if (!pwrite_all (fd, tail, DIRECT_ALIGN, (goffset) body) || ftruncate (fd, (off_t) length) != 0)
        goto fail;
      g_aligned_free (tail);
    }

  fcntl (fd, F_SETFL, flags);
  return TRUE;

fail:
  saved_errno = errno;
  g_aligned_free (tail);
  fcntl (fd, F_SETFL, flags);
  if (ftruncate (fd, 0) != 0)
    saved_errno = errno;
  errno = saved_errno;
  return FALSE;
}

/**
 * _medialib_write_file_atomic:
 * @durable: fsync the file before it takes its name
 *
 * Writes @path through a temporary file in the same directory and renames it into place,
 * so that @path never holds a partial file. Durable bytes of 256 KB or more in memory
 * aligned to 4096 bytes are written without the page cache when the file system allows it.
 */
gboolean
_medialib_write_file_atomic (const char  *path,
                             const void  *data,
                             gsize        length,
                             gboolean     durable,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  const guint8 *p = data;
  gsize left = length;
  int fd, saved_errno;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    goto fail_no_fd;

  tmp = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    goto fail_no_fd;

  /* Whatever the file system refused, the ordinary way writes it all */
  if (durable && length >= DIRECT_MIN && ((guintptr) data & (DIRECT_ALIGN - 1)) == 0 &&
      write_direct (fd, data, length))
    left = 0;

  while (left > 0)
    {
      gssize n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto fail;
      p += n;
      left -= (gsize) n;
    }

  if (durable && fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    goto fail;

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  errno = saved_errno;

fail_no_fd:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s could not be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Where a file's bytes are read: memory aligned to 4096 bytes, from which the original is
 * written to the library without the page cache (_medialib_write_file_atomic()) */
#define READ_ALIGN 4096


/* g_file_get_contents() into aligned memory: the whole file, up to EOF even when it has
 * grown since @size was measured, or at least @limit bytes of it (it is too large then) */
gboolean
_medialib_read_file_aligned (const char  *path,
                             gsize        size,
                             guint64      limit,
                             char       **data,
                             gsize       *length,
                             GError     **error)
{
  g_autoptr(MedialibAlignedContents) buffer = NULL;
  gsize room = size + 1, done = 0;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    goto fail;

  buffer = g_aligned_alloc (1, room, READ_ALIGN);
  for (;;)
    {
      gssize n;

      if (done == room)
        {
          char *larger;

          if (done >= limit)
            break;
          larger = g_aligned_alloc (1, room * 2, READ_ALIGN);
          memcpy (larger, buffer, done);
          g_aligned_free (buffer);
          buffer = larger;
          room *= 2;
        }

      n = read (fd, buffer + done, room - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      if (n == 0)
        break;
      done += (gsize) n;
    }

  close (fd);
  *data = g_steal_pointer (&buffer);
  *length = done;
  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
  return FALSE;
}
