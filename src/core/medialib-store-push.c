/* medialib-store-push.c — a local library's assets copied into a team library
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-push"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medialib-asset-private.h"
#include "medialib-store-add.h"
#include "medialib-store-private.h"
#include "medialib-sha256.h"
#include "medialib-store-push.h"
#include "medialib-team-config.h"

/*
 * `medialib team push`: everything a local library holds — its assets with their files,
 * names, dates, tags, teams, parents (a crop's original), prompts and alt text, its teams, its
 * generations — copied into a team library. The local library is opened read-only and
 * nothing in its folder changes.
 *
 * Idempotent and resumable without a journal of its own, because the team library's rows
 * say what is there already:
 *
 * - An asset is its content: its SHA-256, which the team library's assets are unique by (as
 *   an import's duplicates are found: medialib_catalog_find_content()). One found there —
 *   pushed before, or imported by a colleague — is not added again: the local tags and teams
 *   are added to it (medialib_catalog_add_assets() merges them onto the row with the same
 *   bytes), its name, date and parent stay the team's, and a prompt or an alt text is filled
 *   in only when it has none. One not found is added like an import (the same checks, its file put in the
 *   bucket before its row is committed) with the local name, date, source and tags; its
 *   parent is the team id of its local parent, which is always pushed first.
 * - Each asset is one transaction: a push killed at any moment leaves some assets complete
 *   and the others absent (at worst a file in the bucket that no row names yet, which the
 *   next push reuses or the sweep removes); the next push finds the complete ones and adds
 *   the others.
 * - Teams are made when missing (a team with no asset is a team too); tags come with their
 *   assets. Both are compared by medialib_label_key(), as everywhere.
 * - Past generations are history, not new generations: they are copied as rows of the
 *   generations table with their own time, prompt, model and number of variants, and never
 *   through the quota's reservation, so a push takes nothing from the company's daily limit
 *   (a team library counts its days in its own counter: medialib_catalog_copy_generation()).
 *   A generation has no identity but those four values: the n-th local generation with given
 *   values is copied only while the team library has fewer than n of them, so pushing twice
 *   copies nothing twice. The variants a generation left in the local cache (generations/)
 *   stay there: only what was added to the library is pushed.
 */

struct _PushJob
{
  MedialibStore            *local;
  MedialibStore            *team;
  GHashTable               *assets;   /* local id → its MedialibAsset */
  GHashTable               *ids;      /* local id → team id, or 0 when skipped */
  MedialibPushSummary      *summary;
  MedialibPushProgressFunc  progress;
  gpointer                  progress_data;
  GCancellable             *cancellable;
  guint                     done;
  guint                     total;
};

typedef struct _PushJob PushJob;

void
medialib_push_summary_clear (MedialibPushSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}

static void
step (PushJob *job)
{
  g_assert (job != NULL);

  job->done++;
  if (job->progress != NULL)
    job->progress (job->done, job->total, job->progress_data);
}

static void
skip (PushJob        *job,
      MedialibAsset  *asset,
      const char     *reason)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, medialib_asset_get_id (asset));

  g_assert (job != NULL);

  job->summary->skipped++;
  /* Translators: %s are an asset's id, its name and why it was not copied */
  g_ptr_array_add (job->summary->problems,
                   g_strdup_printf (_("%s %s: not pushed: %s"), id, medialib_asset_get_name (asset), reason));
}

static char *
contact_text (MedialibAsset *asset)
{
  JsonObject *contact = medialib_asset_get_contact (asset);
  g_autoptr(JsonNode) node = NULL;

  if (contact == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), contact);
  return json_to_string (node, FALSE);
}

/* The local palette as the catalogs keep it: "" for a contact card, NULL when the local
 * library has not computed it yet */
static char *
palette_text (MedialibAsset *asset)
{
  const MedialibPaletteColor *palette;
  guint n;

  palette = medialib_asset_get_palette (asset, &n);
  if (n == 0 && medialib_asset_get_kind (asset) == MEDIALIB_ASSET_KIND_IMAGE)
    return NULL;

  return medialib_palette_to_string (palette, n);
}

/* The team id of @asset's content, with the local labels added to it: a new row (its file
 * put in the bucket first) or the one that has the same bytes. 0 with @error set when the
 * team library failed (the push stops); 0 without an error when the local file cannot be
 * pushed (it is skipped). */
static gint64
push_one (PushJob        *job,
          MedialibAsset  *asset,
          gint64          parent,
          GError        **error)
{
  MedialibStore *team = job->team;
  const char *sha256 = medialib_asset_get_sha256 (asset);
  const char *suffix = _medialib_media_suffix (medialib_asset_get_mime (asset));
  const char *prompt = medialib_asset_get_prompt (asset);
  g_autoptr(MedialibBlobLock) lock = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *palette = NULL;
  MedialibCheckedFile checked = { 0 };
  MedialibNewAsset row = { 0 };
  MedialibAddedAsset added = { 0 };
  gint64 existing;
  gint64 id = 0;

  g_assert (job != NULL);
  g_assert (MEDIALIB_IS_ASSET (asset));

  if ((existing = medialib_catalog_find_content (team->catalog, sha256, error)) < 0)
    return 0;

  /* The local copy, checked against the name it is kept under */
  if (!(bytes = medialib_blob_store_read (job->local->blobs, MEDIALIB_BLOB_MEDIA, sha256, suffix, &local_error)))
    {
      skip (job, asset, local_error->message);
      return 0;
    }
  checksum = medialib_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_strcmp0 (checksum, sha256) != 0)
    {
      skip (job, asset, _("its file in the library is damaged: its content is not what was added"));
      return 0;
    }

  /* Its file in the bucket, durable and checked, before any row names it; held against a
   * sweep until its row is committed */
  lock = medialib_blob_store_lock_adding (team->blobs);
  if (!medialib_blob_store_has (team->blobs, MEDIALIB_BLOB_MEDIA, sha256, suffix) &&
      !medialib_blob_store_put (team->blobs, MEDIALIB_BLOB_MEDIA, sha256, suffix, bytes, error))
    return 0;

  if (existing == 0)
    {
      /* New: the checks and the thumbnail of an import; the file is in the bucket already */
      if (!_medialib_store_check_and_keep (team, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                           medialib_asset_get_name (asset), &checked, &reason))
        {
          skip (job, asset, reason);
          _medialib_checked_file_clear (&checked);
          return 0;
        }
      _medialib_checked_file_to_asset (&checked, medialib_asset_get_name (asset),
                                       medialib_asset_get_source (asset), parent, &row);
    }
  else
    {
      /* There already: only its labels are added (should it go meanwhile, this row
       * takes its place) */
      row.name = medialib_asset_get_name (asset);
      row.kind = medialib_asset_get_kind (asset);
      row.mime = medialib_asset_get_mime (asset);
      row.bytes = medialib_asset_get_bytes (asset);
      row.width = medialib_asset_get_width (asset);
      row.height = medialib_asset_get_height (asset);
      row.animated = medialib_asset_get_animated (asset);
      row.sha256 = sha256;
      row.source = medialib_asset_get_source (asset);
      row.parent = parent;
      row.contact = contact = contact_text (asset);
      row.palette = palette = palette_text (asset);
      row.has_phash = medialib_asset_get_phash (asset, &row.phash);
    }
  row.tags = medialib_asset_get_tags (asset);
  row.teams = medialib_asset_get_teams (asset);
  row.added = medialib_asset_get_added (asset);
  /* Who added it locally when the library knew, otherwise the member who pushes it */
  row.added_by = medialib_asset_get_added_by (asset) != NULL ? medialib_asset_get_added_by (asset)
                                                              : medialib_store_get_member_name (team);

  if (medialib_catalog_add_assets (team->catalog, &row, 1, &added, error))
    {
      id = added.id;
      if (added.duplicate)
        job->summary->merged++;
      else
        {
          job->summary->added++;
          _medialib_store_add_alias (team, added.id, NULL);
        }
    }
  _medialib_checked_file_clear (&checked);
  medialib_added_asset_clear (&added);
  g_clear_pointer (&lock, medialib_blob_lock_release);

  /* The prompt of a generated image and the alt text, unless the team's row has them */
  if (id != 0 && (prompt != NULL || medialib_asset_get_alt (asset) != NULL))
    {
      g_autoptr(MedialibAsset) pushed = medialib_catalog_get_asset (team->catalog, id, error);
      MedialibEdit alt = { .alt = medialib_asset_get_alt (asset) };

      if (pushed == NULL ||
          (prompt != NULL && medialib_asset_get_prompt (pushed) == NULL &&
           !medialib_catalog_set_prompt (team->catalog, id, prompt, error)) ||
          (alt.alt != NULL && medialib_asset_get_alt (pushed) == NULL &&
           !medialib_catalog_edit (team->catalog, id, &alt, error)))
        return 0;
    }

  return id;
}

/* @asset after its parent, so that its parent's team id is known */
static gboolean
push_asset (PushJob        *job,
            MedialibAsset  *asset,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 local_id = medialib_asset_get_id (asset);
  gint64 local_parent = medialib_asset_get_parent (asset);
  gint64 parent = 0;
  gint64 id;
  gpointer value;

  g_assert (job != NULL);

  if (g_hash_table_contains (job->ids, &local_id))
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;

  /* Marked first: a parent never leads back here */
  g_hash_table_insert (job->ids, g_memdup2 (&local_id, sizeof local_id), g_new0 (gint64, 1));

  if (local_parent > 0 &&
      (value = g_hash_table_lookup (job->assets, &local_parent)) != NULL)
    {
      if (!push_asset (job, value, error))
        return FALSE;
      parent = *(gint64 *) g_hash_table_lookup (job->ids, &local_parent);
    }

  id = push_one (job, asset, parent, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *(gint64 *) g_hash_table_lookup (job->ids, &local_id) = id;
  step (job);
  return TRUE;
}

/* Every team, even one no asset is in */
static gboolean
push_teams (PushJob  *job,
            GError  **error)
{
  g_autoptr(GPtrArray) teams = NULL;

  if (!(teams = medialib_catalog_list_labels (job->local->catalog, MEDIALIB_LABEL_TEAM, error)))
    return FALSE;

  for (guint i = 0; i < teams->len; i++)
    {
      MedialibLabelCount *team = g_ptr_array_index (teams, i);

      if (!medialib_catalog_create_label (job->team->catalog, MEDIALIB_LABEL_TEAM, team->name, error))
        return FALSE;
    }

  return TRUE;
}

/* The oldest first; the n-th with the same values is copied while there are fewer than n */
static gboolean
push_generations (PushJob    *job,
                  GPtrArray  *generations,
                  GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = generations->len; i > 0; i--)
    {
      MedialibGeneration *generation = g_ptr_array_index (generations, i - 1);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%u", generation->prompt,
                                              generation->model, generation->created, generation->variants);
      guint nth = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1;
      gboolean copied = FALSE;

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
          !medialib_catalog_copy_generation (job->team->catalog, generation, nth, &copied, error))
        return FALSE;

      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (nth));
      if (copied)
        job->summary->generations_added++;
      step (job);
    }

  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = medialib_asset_get_id (*(MedialibAsset **) a);
  gint64 y = medialib_asset_get_id (*(MedialibAsset **) b);

  return x < y ? -1 : x > y;
}

/* Whether @dir can be pushed to: a team library, whose servers both answer */
static MedialibStore *
open_team (const char    *team_dir,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(MedialibTeamConfig) config = NULL;
  g_autoptr(MedialibS3Client) client = NULL;

  if (!(config = medialib_team_config_load (team_dir, error)) ||
      !(client = medialib_team_config_new_s3_client (config, error)) ||
      !medialib_s3_client_check_bucket (client, cancellable, error))
    return NULL;

  return medialib_store_open (team_dir, error);
}

/**
 * medialib_store_push:
 * @local_dir: a local library, which is only read
 * @team_dir: a team library's folder (connected with `medialib team connect`)
 * @progress: (nullable) (scope call): called after each asset and generation, in this thread
 * @summary: (out caller-allocates): what was done; clear it with medialib_push_summary_clear()
 *
 * Copies the assets, files, tags, teams, parents, prompts and generations of the library in
 * @local_dir into the team library of @team_dir; see the top of this file for how running it
 * again, or after an interruption, gives the same result. An asset whose local file cannot
 * be read or checked is skipped and named in @summary's problems; a failure of either
 * server, or cancelling, stops the push with @error set (what was pushed stays, and the next
 * push goes on from there). Blocks: run it on a worker thread (medialib_store_push_async()).
 *
 * Returns: %FALSE with @error set when the push stopped
 */
gboolean
medialib_store_push (const char                *local_dir,
                     const char                *team_dir,
                     MedialibPushProgressFunc   progress,
                     gpointer                   progress_data,
                     MedialibPushSummary       *summary,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  g_autoptr(MedialibStore) local = NULL;
  g_autoptr(MedialibStore) team = NULL;
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) ids = NULL;
  PushJob job = { 0 };

  g_return_val_if_fail (local_dir != NULL, FALSE);
  g_return_val_if_fail (team_dir != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);

  if (medialib_team_config_exists (local_dir))
    {
      g_autofree char *dir = g_canonicalize_filename (local_dir, NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is a team library: push copies a local library into a team library"), dir);
      return FALSE;
    }

  if (!(local = _medialib_store_open_local_read_only (local_dir, error)) ||
      !(team = open_team (team_dir, cancellable, error)))
    return FALSE;

  if (!(assets = medialib_catalog_search (local->catalog, query, error)) ||
      !(generations = medialib_catalog_list_generations (local->catalog, G_MAXUINT, error)))
    return FALSE;
  g_ptr_array_sort (assets, compare_ids);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < assets->len; i++)
    {
      MedialibAsset *asset = g_ptr_array_index (assets, i);

      g_hash_table_insert (by_id, g_memdup2 (&(gint64) { medialib_asset_get_id (asset) }, sizeof (gint64)), asset);
    }
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  job.local = local;
  job.team = team;
  job.assets = by_id;
  job.ids = ids;
  job.summary = summary;
  job.progress = progress;
  job.progress_data = progress_data;
  job.cancellable = cancellable;
  job.total = assets->len + generations->len;
  summary->assets = assets->len;
  summary->generations = generations->len;

  if (!push_teams (&job, error))
    return FALSE;

  for (guint i = 0; i < assets->len; i++)
    if (!push_asset (&job, g_ptr_array_index (assets, i), error))
      return FALSE;

  return push_generations (&job, generations, error);
}

/* --- On a worker thread ------------------------------------------------------------------ */

typedef struct
{
  char                     *local_dir;
  char                     *team_dir;
  MedialibPushProgressFunc  progress;
  gpointer                  progress_data;
  GDestroyNotify            progress_data_destroy;
  MedialibPushSummary       summary;
} PushData;

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ProgressEvent;

static void
push_data_free (PushData *data)
{
  g_assert (data != NULL);

  g_free (data->local_dir);
  g_free (data->team_dir);
  if (data->progress_data_destroy != NULL)
    data->progress_data_destroy (data->progress_data);
  medialib_push_summary_clear (&data->summary);
  g_free (data);
}

static void
progress_event_free (ProgressEvent *event)
{
  g_object_unref (event->task);
  g_free (event);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressEvent *event = user_data;
  PushData *data = g_task_get_task_data (event->task);

  data->progress (event->done, event->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* From the worker: to the progress function, in the context the push was started from */
static void
on_worker_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);

  event->task = g_object_ref (task);
  event->done = done;
  event->total = total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, deliver_progress, event,
                              (GDestroyNotify) progress_event_free);
}

static void
push_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PushData *data = task_data;
  GError *error = NULL;

  if (medialib_store_push (data->local_dir, data->team_dir, data->progress ? on_worker_progress : NULL, task,
                           &data->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * medialib_store_push_async:
 * @progress: (nullable): called in the thread-default main context of the caller
 *
 * Runs medialib_store_push() on a worker thread.
 */
void
medialib_store_push_async (const char                *local_dir,
                           const char                *team_dir,
                           MedialibPushProgressFunc   progress,
                           gpointer                   progress_data,
                           GDestroyNotify             progress_data_destroy,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  PushData *data;

  g_return_if_fail (local_dir != NULL);
  g_return_if_fail (team_dir != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (PushData, 1);
  data->local_dir = g_strdup (local_dir);
  data->team_dir = g_strdup (team_dir);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medialib_store_push_async);
  g_task_set_task_data (task, data, (GDestroyNotify) push_data_free);
  g_task_run_in_thread (task, push_thread);
}

/**
 * medialib_store_push_finish:
 * @summary: (out caller-allocates): what was done, also when the push stopped
 *
 * Returns: %FALSE with @error set when the push stopped
 */
gboolean
medialib_store_push_finish (GAsyncResult         *result,
                            MedialibPushSummary  *summary,
                            GError              **error)
{
  PushData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, medialib_store_push_async), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  *summary = data->summary;
  memset (&data->summary, 0, sizeof data->summary);

  return g_task_propagate_boolean (G_TASK (result), error);
}
