/* medialib-generation.h — generating images for the library, within its daily quota
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-ai-client.h"
#include "medialib-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint      used;
  guint      limit;    /* 0: no limit */
  GDateTime *resets;   /* the next local midnight */
} MedialibQuota;

void                medialib_quota_clear              (MedialibQuota          *quota);
void                medialib_store_get_quota          (MedialibStore          *self,
                                                       MedialibQuota          *quota);
void                medialib_store_get_quota_async    (MedialibStore          *self,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean            medialib_store_get_quota_finish   (MedialibStore          *self,
                                                       GAsyncResult           *result,
                                                       MedialibQuota          *quota,
                                                       GError                **error);
char               *medialib_quota_describe           (const MedialibQuota    *quota);
char               *medialib_store_dup_variant_path   (MedialibStore          *self,
                                                       gint64                  generation,
                                                       guint                   index);
void                medialib_store_dup_variant_path_async  (MedialibStore     *self,
                                                       gint64                  generation,
                                                       guint                   index,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
char               *medialib_store_dup_variant_path_finish (MedialibStore    *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
void                medialib_store_generate_async     (MedialibStore          *self,
                                                       MedialibAiClient       *client,
                                                       const char             *prompt,
                                                       GCancellable           *cancellable,
                                                       MedialibAiPartialFunc   partial,
                                                       gpointer                partial_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
MedialibGeneration *medialib_store_generate_finish    (MedialibStore          *self,
                                                       GAsyncResult           *result,
                                                       gboolean               *reencoded,
                                                       GError                **error);
MedialibAsset      *medialib_store_add_variant        (MedialibStore          *self,
                                                       gint64                  generation,
                                                       guint                   index,
                                                       const char * const     *tags,
                                                       const char * const     *teams,
                                                       GError                **error);
void                medialib_store_add_variant_async  (MedialibStore          *self,
                                                       gint64                  generation,
                                                       guint                   index,
                                                       const char * const     *tags,
                                                       const char * const     *teams,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
MedialibAsset      *medialib_store_add_variant_finish (MedialibStore          *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

G_END_DECLS
