/* medialib-s3-async.c — the S3 client's calls, each in a worker thread
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-s3"

#include "config.h"

#include "medialib-s3-private.h"

/* Every _async runs its blocking twin with g_task_run_in_thread(); the callback comes back
 * in the caller's thread-default main context. The client is shared between threads as
 * medialib-s3-client.c explains. */

typedef enum
{
  OP_CREATE_BUCKET,
  OP_CHECK_BUCKET,
  OP_PROBE_BUCKET,
  OP_SET_PUBLIC_READ,
  OP_PUT_OBJECT,
  OP_HEAD_OBJECT,
  OP_GET_OBJECT,
  OP_DELETE_OBJECT,
  OP_LIST_OBJECTS,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *key;            /* or the prefix */
  GBytes *bytes;
  char   *content_type;
} Op;

static void
op_free (Op *op)
{
  g_free (op->key);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op->content_type);
  g_free (op);
}

static void
run_op (GTask        *task,
        gpointer      source_object,
        gpointer      task_data,
        GCancellable *cancellable)
{
  MedialibS3Client *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify destroy = NULL;
  gboolean ok = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (op->kind)
    {
    case OP_CREATE_BUCKET:
      ok = medialib_s3_client_create_bucket (self, cancellable, &error);
      break;
    case OP_CHECK_BUCKET:
      ok = medialib_s3_client_check_bucket (self, cancellable, &error);
      break;
    case OP_PROBE_BUCKET:
      ok = _medialib_s3_client_probe_bucket (self, cancellable, &error);
      break;
    case OP_SET_PUBLIC_READ:
      ok = medialib_s3_client_set_public_read (self, cancellable, &error);
      break;
    case OP_PUT_OBJECT:
      ok = medialib_s3_client_put_object (self, op->key, op->bytes, op->content_type, cancellable, &error);
      break;
    case OP_DELETE_OBJECT:
      ok = medialib_s3_client_delete_object (self, op->key, cancellable, &error);
      break;
    case OP_HEAD_OBJECT:
      result = medialib_s3_client_head_object (self, op->key, cancellable, &error);
      destroy = (GDestroyNotify) medialib_s3_object_free;
      break;
    case OP_GET_OBJECT:
      result = medialib_s3_client_get_object (self, op->key, cancellable, &error);
      destroy = (GDestroyNotify) g_bytes_unref;
      break;
    case OP_LIST_OBJECTS:
      result = medialib_s3_client_list_objects (self, op->key, cancellable, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else if (destroy != NULL)
    g_task_return_pointer (task, result, destroy);
  else
    g_task_return_boolean (task, ok);
}

static void
start_op (MedialibS3Client    *self,
          Op                  *op,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, run_op);
}

static Op *
op_new (OpKind      kind,
        const char *key,
        GBytes     *bytes,
        const char *content_type)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->key = g_strdup (key);
  op->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  op->content_type = g_strdup (content_type);

  return op;
}

static gboolean
finish_boolean (MedialibS3Client  *self,
                GAsyncResult      *result,
                gpointer           source_tag,
                GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
finish_pointer (MedialibS3Client  *self,
                GAsyncResult      *result,
                gpointer           source_tag,
                GError           **error)
{
  g_return_val_if_fail (MEDIALIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medialib_s3_client_create_bucket_async (MedialibS3Client    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_CREATE_BUCKET, NULL, NULL, NULL),
            medialib_s3_client_create_bucket_async, cancellable, callback, user_data);
}

gboolean
medialib_s3_client_create_bucket_finish (MedialibS3Client  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_boolean (self, result, medialib_s3_client_create_bucket_async, error);
}

void
medialib_s3_client_check_bucket_async (MedialibS3Client    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_CHECK_BUCKET, NULL, NULL, NULL),
            medialib_s3_client_check_bucket_async, cancellable, callback, user_data);
}

gboolean
medialib_s3_client_check_bucket_finish (MedialibS3Client  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return finish_boolean (self, result, medialib_s3_client_check_bucket_async, error);
}

void
_medialib_s3_client_probe_bucket_async (MedialibS3Client    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_PROBE_BUCKET, NULL, NULL, NULL),
            _medialib_s3_client_probe_bucket_async, cancellable, callback, user_data);
}

gboolean
_medialib_s3_client_probe_bucket_finish (MedialibS3Client  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_boolean (self, result, _medialib_s3_client_probe_bucket_async, error);
}

void
medialib_s3_client_set_public_read_async (MedialibS3Client    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_SET_PUBLIC_READ, NULL, NULL, NULL),
            medialib_s3_client_set_public_read_async, cancellable, callback, user_data);
}

gboolean
medialib_s3_client_set_public_read_finish (MedialibS3Client  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return finish_boolean (self, result, medialib_s3_client_set_public_read_async, error);
}

void
medialib_s3_client_put_object_async (MedialibS3Client    *self,
                                     const char          *key,
                                     GBytes              *bytes,
                                     const char          *content_type,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_PUT_OBJECT, key, bytes, content_type),
            medialib_s3_client_put_object_async, cancellable, callback, user_data);
}

gboolean
medialib_s3_client_put_object_finish (MedialibS3Client  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return finish_boolean (self, result, medialib_s3_client_put_object_async, error);
}

void
medialib_s3_client_head_object_async (MedialibS3Client    *self,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_HEAD_OBJECT, key, NULL, NULL),
            medialib_s3_client_head_object_async, cancellable, callback, user_data);
}

/**
 * medialib_s3_client_head_object_finish:
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
MedialibS3Object *
medialib_s3_client_head_object_finish (MedialibS3Client  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return finish_pointer (self, result, medialib_s3_client_head_object_async, error);
}

void
medialib_s3_client_get_object_async (MedialibS3Client    *self,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_GET_OBJECT, key, NULL, NULL),
            medialib_s3_client_get_object_async, cancellable, callback, user_data);
}

/**
 * medialib_s3_client_get_object_finish:
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
medialib_s3_client_get_object_finish (MedialibS3Client  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  return finish_pointer (self, result, medialib_s3_client_get_object_async, error);
}

void
medialib_s3_client_delete_object_async (MedialibS3Client    *self,
                                        const char          *key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_DELETE_OBJECT, key, NULL, NULL),
            medialib_s3_client_delete_object_async, cancellable, callback, user_data);
}

gboolean
medialib_s3_client_delete_object_finish (MedialibS3Client  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_boolean (self, result, medialib_s3_client_delete_object_async, error);
}

void
medialib_s3_client_list_objects_async (MedialibS3Client    *self,
                                       const char          *prefix,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MEDIALIB_IS_S3_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, op_new (OP_LIST_OBJECTS, prefix, NULL, NULL),
            medialib_s3_client_list_objects_async, cancellable, callback, user_data);
}

/**
 * medialib_s3_client_list_objects_finish:
 *
 * Returns: (transfer container) (element-type MedialibS3Object): the objects, or %NULL with
 *   @error set
 */
GPtrArray *
medialib_s3_client_list_objects_finish (MedialibS3Client  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return finish_pointer (self, result, medialib_s3_client_list_objects_async, error);
}
