/* medialib-export.h — one file per channel preset, with a manifest
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "medialib-crop.h"
#include "medialib-smartcrop.h"

G_BEGIN_DECLS

/* One preset to export, with the crop chosen for it, or none for the smart one */
typedef struct
{
  const MedialibPreset *preset;
  MedialibRect          rect;
  gboolean              has_rect;
} MedialibExportChoice;

typedef struct
{
  const MedialibPreset *preset;
  char                 *file;       /* the name inside the folder */
  MedialibRect          rect;       /* the crop, in source pixels */
  int                   width;      /* of the file */
  int                   height;
  gint64                bytes;
  MedialibCropWarnings  warnings;
  gint64                crop_id;    /* the asset added to the library, or 0 */
} MedialibExportResult;

/* Called on the thread that exports (the caller's main context for _async) */
typedef void (*MedialibExportProgress) (guint     done,
                                        guint     total,
                                        gpointer  user_data);

void        medialib_pixels_init_from_pixbuf    (MedialibPixels       *pixels,
                                                 GdkPixbuf            *pixbuf);
GArray     *medialib_export_parse_channels      (const char           *spec,
                                                 GError              **error);
gboolean    medialib_export_is_channel_preset   (const MedialibPreset *preset);
char       *medialib_export_file_name           (const char           *name,
                                                 const MedialibPreset *preset,
                                                 const char           *mime);
void        medialib_export_output_size         (const MedialibPreset *preset,
                                                 const MedialibRect   *rect,
                                                 int                  *width,
                                                 int                  *height);
void        medialib_export_result_free         (MedialibExportResult *result);
JsonNode   *medialib_export_manifest            (GPtrArray            *results);

GdkPixbuf  *medialib_export_load_preview        (const char           *path,
                                                 int                   size,
                                                 GError              **error);
GdkPixbuf  *medialib_store_load_image           (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GError              **error);
GPtrArray  *medialib_store_export               (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GArray               *choices,
                                                 const char           *folder,
                                                 gboolean              add_to_library,
                                                 MedialibExportProgress progress,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void        medialib_store_export_async         (MedialibStore        *self,
                                                 MedialibAsset        *asset,
                                                 GArray               *choices,
                                                 const char           *folder,
                                                 gboolean              add_to_library,
                                                 MedialibExportProgress progress,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray  *medialib_store_export_finish        (MedialibStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedialibExportResult, medialib_export_result_free)

G_END_DECLS
