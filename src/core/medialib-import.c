/* medialib-import.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "medialib-folder-blobs.h"
#include "medialib-image.h"
#include "medialib-import.h"
#include "medialib-import-private.h"
#include "medialib-settings.h"
#include "medialib-sniff.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"

/*
 * An import runs in three stages:
 *
 * 1. The inputs are expanded: folders are walked recursively in name order (hidden files
 *    and symbolic links left out) and each folder gives at most 50 files; the others are
 *    reported as skipped.
 * 2. Worker threads take files one by one. Each file is read once, into memory aligned
 *    for the disk, from which a local library writes its copy without the page cache
 *    (_medialib_write_file_atomic()); from those bytes it is sniffed and hashed; an image the library has already is not decoded again (its row
 *    says what the checks would: process_entry()), any other file is checked and decoded
 *    at thumbnail size. Then it is put in the blob store (for a local library: media/,
 *    temporary file, fsync, rename; for a team library: requests to its bucket) with its
 *    thumbnail. At most one worker per core reads and checks at a time (the processor's
 *    share, under the job's checking slots). A local library has two workers more than
 *    there are cores, so that every core has a file to decode while two workers wait on
 *    the disk for their copies (written without the page cache, the write waits on the
 *    disk as much as the fsync: 3 to 5 ms a photo, up to 30 on a busy disk). A team library's uploads wait on the network, not on the
 *    processor: it has more workers (UPLOADS_PER_CORE per core, at most MAX_UPLOADS),
 *    which upload while others check.
 * 3. The coordinating thread adds each finished file's row to the catalog as soon as the
 *    file is stored, one transaction each, and then reports that file to the caller's main
 *    context. The progress moves file by file as the uploads finish, and what it reports
 *    added is what the library has. A cancelled import adds no row after the cancel, even
 *    for files already stored (the sweep removes those). Rows added in batches
 *    would save transactions, but the files stored while a batch commits (many, when the
 *    catalog is a far PostgreSQL server) would then be reported at once, in jumps.
 */

/* A team library's workers: see above. Each holds the bytes of the file it uploads. */
#define UPLOADS_PER_CORE 4
#define MAX_UPLOADS      8

typedef struct
{
  MedialibImportResult *result;
  gboolean              pending;   /* to be processed by a worker */

  /* Filled by the worker for files that passed every check */
  gboolean              ready;
  MedialibCheckedFile   checked;
} Entry;

typedef struct
{
  MedialibStore              *store;
  GPtrArray                  *entries;
  char                      **tags;
  char                      **teams;
  guint64                     max_size;
  GCancellable               *cancellable;
  MedialibImportProgressSink *sink;

  /* Shared with the workers */
  guint                       next;
  guint                       first;       /* the entry the workers start from */
  GAsyncQueue                *finished;
  GMutex                      slots_lock;
  GCond                       slots_cond;
  guint                       free_slots;  /* workers that may read and check at this moment */
} ImportJob;

const char *
medialib_import_status_to_string (MedialibImportStatus status)
{
  switch (status)
    {
    case MEDIALIB_IMPORT_ADDED: return "added";
    case MEDIALIB_IMPORT_DUPLICATE: return "duplicate";
    case MEDIALIB_IMPORT_REJECTED: return "rejected";
    case MEDIALIB_IMPORT_SKIPPED: return "skipped";
    default: g_return_val_if_reached ("rejected");
    }
}

void
medialib_import_result_free (MedialibImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->path);
  g_free (result->name);
  g_free (result->reason);
  g_free (result);
}

static void
entry_free (Entry *entry)
{
  medialib_import_result_free (entry->result);
  _medialib_checked_file_clear (&entry->checked);
  g_free (entry);
}

static Entry *
entry_new (const char           *path,
           MedialibImportStatus  status,
           const char           *reason)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->result = g_new0 (MedialibImportResult, 1);
  entry->result->path = g_strdup (path);
  entry->result->status = status;
  entry->result->reason = g_strdup (reason);
  entry->pending = reason == NULL;

  return entry;
}

static void
reject (Entry      *entry,
        const char *reason)
{
  entry->result->status = MEDIALIB_IMPORT_REJECTED;
  g_set_str (&entry->result->reason, reason);
  entry->ready = FALSE;
}

static void
report_progress (ImportJob   *job,
                 guint        done,
                 const Entry *last)
{
  _medialib_import_progress_report (job->sink, done, job->entries->len, last ? last->result : NULL);
}

/* --- Stage 1: what to import ---------------------------------------------------------------- */

static int
compare_file_info_names (gconstpointer a,
                         gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo **) a;
  GFileInfo *ib = *(GFileInfo **) b;

  return strcmp (g_file_info_get_name (ia), g_file_info_get_name (ib));
}

#define WALK_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

/* Appends the files of @dir in name order, recursively; counts toward the folder's limit. */
static void
walk_folder (ImportJob *job,
             GFile     *dir,
             guint     *taken)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, WALK_ATTRIBUTES,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          job->cancellable, &error);
  if (enumerator == NULL)
    {
      g_autofree char *path = g_file_get_path (dir);
      g_autofree char *reason = g_strdup_printf (_("the folder cannot be read: %s"), error->message);

      g_ptr_array_add (job->entries, entry_new (path, MEDIALIB_IMPORT_REJECTED, reason));
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, job->cancellable, NULL)) != NULL)
    g_ptr_array_add (infos, info);

  g_ptr_array_sort (infos, compare_file_info_names);

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *child_info = g_ptr_array_index (infos, i);
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (child_info));
      g_autofree char *path = g_file_get_path (child);
      GFileType type = g_file_info_get_file_type (child_info);

      if (g_file_info_get_is_hidden (child_info) || g_file_info_get_is_symlink (child_info) ||
          path == NULL)
        continue;

      if (type == G_FILE_TYPE_DIRECTORY)
        walk_folder (job, child, taken);
      else if (type == G_FILE_TYPE_REGULAR)
        {
          if (*taken < MEDIALIB_FOLDER_MAX_FILES)
            {
              (*taken)++;
              g_ptr_array_add (job->entries, entry_new (path, MEDIALIB_IMPORT_ADDED, NULL));
            }
          else
            {
              g_autofree char *reason =
                g_strdup_printf (_("a folder upload takes at most %d files"), MEDIALIB_FOLDER_MAX_FILES);

              g_ptr_array_add (job->entries, entry_new (path, MEDIALIB_IMPORT_SKIPPED, reason));
            }
        }
    }
}

static void
collect_inputs (ImportJob  *job,
                GFile     **files,
                guint       n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        path = g_file_get_uri (files[i]);

      info = g_file_query_info (files[i], G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                                job->cancellable, &error);
      if (info == NULL)
        {
          g_autofree char *reason = NULL;

          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            reason = g_strdup (_("there is no such file or folder"));
          else
            reason = g_strdup_printf (_("the file cannot be read: %s"), error->message);
          g_ptr_array_add (job->entries, entry_new (path, MEDIALIB_IMPORT_REJECTED, reason));
          continue;
        }

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          {
            guint taken = 0;

            walk_folder (job, files[i], &taken);
          }
          break;

        case G_FILE_TYPE_REGULAR:
          g_ptr_array_add (job->entries, entry_new (path, MEDIALIB_IMPORT_ADDED, NULL));
          break;

        default:
          g_ptr_array_add (job->entries,
                           entry_new (path, MEDIALIB_IMPORT_REJECTED, _("this is not a regular file")));
          break;
        }
    }
}

/* --- Stage 2: workers ------------------------------------------------------------------------- */

static char *
describe_size (guint64 bytes)
{
  return g_strdup_printf ("%.1f MB (%" G_GUINT64_FORMAT " bytes)", bytes / (1024.0 * 1024.0), bytes);
}

static void
take_slot (ImportJob *job)
{
  g_mutex_lock (&job->slots_lock);
  while (job->free_slots == 0)
    g_cond_wait (&job->slots_cond, &job->slots_lock);
  job->free_slots--;
  g_mutex_unlock (&job->slots_lock);
}

static void
give_slot (ImportJob *job)
{
  g_mutex_lock (&job->slots_lock);
  job->free_slots++;
  g_cond_signal (&job->slots_cond);
  g_mutex_unlock (&job->slots_lock);
}

/* Reads and identifies the file (the processor's work); FALSE when it was rejected */
static gboolean
read_entry (ImportJob  *job,
            Entry      *entry,
            char      **data,
            gsize      *length)
{
  const char *path = entry->result->path;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      reason = g_strdup_printf (_("the file cannot be read: %s"), g_strerror (saved_errno));
      reject (entry, reason);
      return FALSE;
    }

  if ((guint64) st.st_size >= job->max_size)
    {
      g_autofree char *size = describe_size ((guint64) st.st_size);
      g_autofree char *limit = describe_size (job->max_size);

      reason = g_strdup_printf (_("the file is too large: %s; files must be smaller than %s"), size, limit);
      reject (entry, reason);
      return FALSE;
    }

  if (!_medialib_read_file_aligned (path, (gsize) st.st_size, job->max_size, data, length, &error))
    {
      reason = g_strdup_printf (_("the file cannot be read: %s"), error->message);
      reject (entry, reason);
      return FALSE;
    }

  /* The file may have grown since it was measured. */
  if (*length >= job->max_size)
    {
      g_autofree char *size = describe_size (*length);
      g_autofree char *limit = describe_size (job->max_size);

      reason = g_strdup_printf (_("the file is too large: %s; files must be smaller than %s"), size, limit);
      reject (entry, reason);
      return FALSE;
    }

  if (!_medialib_store_identify ((const guint8 *) *data, *length, &entry->checked, &reason))
    {
      reject (entry, reason);
      return FALSE;
    }

  return TRUE;
}

/* Reads, identifies and checks the file under the job's checking slots, then stores it.
 * An image the library has already is not decoded again: its row gives what the checks
 * would (_medialib_store_find_known(), a lookup made outside the slots, as it may wait on
 * the catalog's server). Its original is still kept as any other (has(), put() when
 * missing) and its row added as any other, all under the job's adding hold: the catalog
 * reports the duplicate, and merges the labels, as for two clients that add the same
 * bytes at once; should the asset be deleted meanwhile, this file's row takes its place,
 * its original stored, and its thumbnail made again on demand. */
static void
process_entry (ImportJob *job,
               Entry     *entry)
{
  g_autoptr(MedialibAlignedContents) data = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *base = NULL;
  gsize length = 0;
  gboolean checked;

  take_slot (job);
  checked = read_entry (job, entry, &data, &length);
  give_slot (job);

  if (!checked)
    return;

  if (!_medialib_store_find_known (job->store, &entry->checked))
    {
      base = g_path_get_basename (entry->result->path);
      take_slot (job);
      checked = _medialib_store_decode (job->store, (const guint8 *) data, length, base, &entry->checked, &reason);
      give_slot (job);

      if (!checked)
        {
          reject (entry, reason);
          return;
        }
    }

  if (!_medialib_store_keep (job->store, (const guint8 *) data, length, &entry->checked, &reason))
    {
      reject (entry, reason);
      return;
    }

  entry->ready = TRUE;
}

static gpointer
worker_thread (gpointer data)
{
  ImportJob *job = data;

  for (;;)
    {
      guint index = g_atomic_int_add (&job->next, 1);
      Entry *entry;

      if (index >= job->entries->len)
        break;

      entry = g_ptr_array_index (job->entries, (job->first + index) % job->entries->len);
      if (!entry->pending)
        continue;

      if (!g_cancellable_is_cancelled (job->cancellable))
        process_entry (job, entry);
      else
        {
          entry->result->status = MEDIALIB_IMPORT_SKIPPED;
          g_set_str (&entry->result->reason, _("the import was cancelled"));
        }

      g_async_queue_push (job->finished, entry);
    }

  return NULL;
}

/* --- Stage 3: rows ---------------------------------------------------------------------------- */

/* The row of a file that passed every check, in a transaction of its own */
static void
insert_row (ImportJob *job,
            Entry     *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  MedialibNewAsset asset = { 0 };
  MedialibAddedAsset row = { 0 };

  if (!entry->ready)
    return;

  /* Cancelled: no more rows. The files stored since are nobody's; the sweep removes them. */
  if (g_cancellable_is_cancelled (job->cancellable))
    {
      entry->ready = FALSE;
      entry->result->status = MEDIALIB_IMPORT_SKIPPED;
      g_set_str (&entry->result->reason, _("the import was cancelled"));
      return;
    }

  base = g_path_get_basename (entry->result->path);
  _medialib_checked_file_to_asset (&entry->checked, base, "upload", 0, &asset);
  asset.tags = (const char * const *) job->tags;
  asset.teams = (const char * const *) job->teams;
  asset.added_by = medialib_store_get_member_name (job->store);

  if (!medialib_catalog_add_assets (job->store->catalog, &asset, 1, &row, &error))
    {
      g_autofree char *reason = g_strdup_printf (_("the file could not be added to the library: %s"),
                                                 error->message);

      reject (entry, reason);
      return;
    }

  if (!row.duplicate)
    _medialib_store_add_alias (job->store, row.id, NULL);
  entry->result->status = row.duplicate ? MEDIALIB_IMPORT_DUPLICATE : MEDIALIB_IMPORT_ADDED;
  entry->result->id = row.id;
  g_set_str (&entry->result->name, row.name);
  /* An accepted file may come with a note (a contact's photo that did not decode) */
  g_set_str (&entry->result->reason, entry->checked.note);
  medialib_added_asset_clear (&row);
}

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_clear_pointer (&job->tags, g_strfreev);
  g_clear_pointer (&job->teams, g_strfreev);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->sink, _medialib_import_progress_sink_unref);
  g_clear_pointer (&job->finished, g_async_queue_unref);
  g_mutex_clear (&job->slots_lock);
  g_cond_clear (&job->slots_cond);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static gboolean
import_job_validate_labels (char  **labels,
                            MedialibLabelKind kind,
                            GError **error)
{
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      g_autofree char *normalized = medialib_label_normalize (kind, labels[i], error);

      if (normalized == NULL)
        return FALSE;
    }

  return TRUE;
}

static ImportJob *
import_job_new (MedialibStore               *store,
                const MedialibImportOptions *options,
                GCancellable                *cancellable,
                GError                     **error)
{
  g_autoptr(ImportJob) job = g_new0 (ImportJob, 1);

  job->store = g_object_ref (store);
  job->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  job->tags = options ? g_strdupv (options->tags) : NULL;
  job->teams = options ? g_strdupv (options->teams) : NULL;
  job->max_size = options && options->max_file_size ? options->max_file_size
                                                    : medialib_settings_get_max_file_size ();
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->finished = g_async_queue_new ();
  g_mutex_init (&job->slots_lock);
  g_cond_init (&job->slots_cond);
  job->free_slots = g_get_num_processors ();

  if (!import_job_validate_labels (job->tags, MEDIALIB_LABEL_TAG, error) ||
      !import_job_validate_labels (job->teams, MEDIALIB_LABEL_TEAM, error))
    return NULL;

  return g_steal_pointer (&job);
}

static GPtrArray *
import_job_run (ImportJob  *job,
                GFile     **files,
                guint       n_files,
                GError    **error)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) medialib_import_result_free);
  g_autoptr(MedialibBlobLock) lock = NULL;
  guint n_pending = 0, n_workers, done = 0, received = 0;

  if (medialib_store_is_read_only (job->store))
    {
      _medialib_catalog_read_only (error, medialib_store_get_dir (job->store));
      return NULL;
    }

  collect_inputs (job, files, n_files);

  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (job->entries, i);

      if (entry->pending)
        n_pending++;
      else
        report_progress (job, ++done, entry);
    }

  /* No stored file goes while this import counts on it (see medialib-blob-store.c) */
  lock = medialib_blob_store_lock_adding (job->store->blobs);

  /* Colleagues importing the same files at once into a team library start from different
   * files, so that each finds most of the others' already added (process_entry()) rather
   * than decode each at the same moment; the results keep the inputs' order. */
  n_workers = g_get_num_processors ();
  if (!MEDIALIB_IS_FOLDER_BLOBS (job->store->blobs))
    {
      n_workers = MAX (n_workers, MIN (n_workers * UPLOADS_PER_CORE, MAX_UPLOADS));
      job->first = g_random_int_range (0, MAX (job->entries->len, 1));
    }
  else
    n_workers += 2;
  n_workers = MIN (n_workers, n_pending);
  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (workers, g_thread_new ("medialib-import", worker_thread, job));

  while (received < n_pending)
    {
      Entry *entry = g_async_queue_pop (job->finished);

      received++;
      insert_row (job, entry);
      report_progress (job, ++done, entry);
    }

  for (guint i = 0; i < workers->len; i++)
    g_thread_join (g_ptr_array_index (workers, i));

  g_clear_pointer (&lock, medialib_blob_lock_release);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return NULL;

  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (job->entries, i);

      g_ptr_array_add (results, g_steal_pointer (&entry->result));
    }

  return g_steal_pointer (&results);
}

/**
 * medialib_store_import:
 * @files: (array length=n_files): files and folders
 *
 * Imports synchronously, on worker threads; returns when every file is done.
 *
 * Returns: (transfer full) (element-type MedialibImportResult): one result per file, in the
 *   order of the inputs and of the folders' walk
 */
GPtrArray *
medialib_store_import (MedialibStore                *self,
                       GFile                       **files,
                       guint                         n_files,
                       const MedialibImportOptions  *options,
                       GCancellable                 *cancellable,
                       GError                      **error)
{
  g_autoptr(ImportJob) job = NULL;

  g_return_val_if_fail (MEDIALIB_IS_STORE (self), NULL);

  if (!(job = import_job_new (self, options, cancellable, error)))
    return NULL;

  return import_job_run (job, files, n_files, error);
}

typedef struct
{
  ImportJob  *job;
  GPtrArray  *files;
} ImportTaskData;

static void
import_task_data_free (ImportTaskData *data)
{
  g_clear_pointer (&data->job, import_job_free);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  GError *error = NULL;
  GPtrArray *results;

  results = import_job_run (data->job, (GFile **) data->files->pdata, data->files->len, &error);

  /* The caller's progress data is released before the result arrives, so that nothing
   * calls back after the callback. */
  g_clear_pointer (&data->job->sink, _medialib_import_progress_sink_unref);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * medialib_store_import_async:
 * @progress: (nullable): called in the thread-default main context of this call after
 *   each file
 *
 * Imports on worker threads; see medialib_store_import().
 */
void
medialib_store_import_async (MedialibStore                *self,
                             GFile                       **files,
                             guint                         n_files,
                             const MedialibImportOptions  *options,
                             GCancellable                 *cancellable,
                             MedialibImportProgressFunc    progress,
                             gpointer                      progress_data,
                             GDestroyNotify                progress_notify,
                             GAsyncReadyCallback           callback,
                             gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ImportTaskData *data;
  ImportJob *job;

  g_return_if_fail (MEDIALIB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_import_async);

  if (!(job = import_job_new (self, options, cancellable, &error)))
    {
      if (progress_notify != NULL)
        progress_notify (progress_data);
      g_task_return_error (task, error);
      return;
    }

  job->sink = _medialib_import_progress_sink_new (progress, progress_data, progress_notify);

  data = g_new0 (ImportTaskData, 1);
  data->job = job;
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * medialib_store_import_finish:
 *
 * Returns: (transfer full) (element-type MedialibImportResult):
 */
GPtrArray *
medialib_store_import_finish (MedialibStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
