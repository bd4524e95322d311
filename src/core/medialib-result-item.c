/* medialib-result-item.c
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-results"

#include "config.h"

#include "medialib-result-item.h"

/*
 * What MedialibResults gives for a position: the id is known at once, the asset comes later
 * (MedialibResults reads it with the rest of its page on a worker thread) and may be read
 * again when the library changes. A view shows a placeholder while #MedialibResultItem:asset
 * is %NULL and follows its notifications.
 */

struct _MedialibResultItem
{
  GObject        parent_instance;

  gint64         id;
  MedialibAsset *asset;
};

G_DEFINE_FINAL_TYPE (MedialibResultItem, medialib_result_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ASSET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medialib_result_item_finalize (GObject *object)
{
  MedialibResultItem *self = MEDIALIB_RESULT_ITEM (object);

  g_clear_object (&self->asset);

  G_OBJECT_CLASS (medialib_result_item_parent_class)->finalize (object);
}

static void
medialib_result_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedialibResultItem *self = MEDIALIB_RESULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ASSET:
      g_value_set_object (value, self->asset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_result_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedialibResultItem *self = MEDIALIB_RESULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_ASSET:
      medialib_result_item_set_asset (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medialib_result_item_class_init (MedialibResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medialib_result_item_finalize;
  object_class->get_property = medialib_result_item_get_property;
  object_class->set_property = medialib_result_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASSET] =
    g_param_spec_object ("asset", NULL, NULL, MEDIALIB_TYPE_ASSET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medialib_result_item_init (MedialibResultItem *self)
{
}

/**
 * medialib_result_item_new:
 * @asset: (nullable): the asset of @id, when it is read already
 */
MedialibResultItem *
medialib_result_item_new (gint64         id,
                          MedialibAsset *asset)
{
  g_return_val_if_fail (asset == NULL || medialib_asset_get_id (asset) == id, NULL);

  return g_object_new (MEDIALIB_TYPE_RESULT_ITEM, "id", id, "asset", asset, NULL);
}

gint64
medialib_result_item_get_id (MedialibResultItem *self)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULT_ITEM (self), 0);

  return self->id;
}

/**
 * medialib_result_item_get_asset:
 *
 * Returns: (transfer none) (nullable): the asset, or %NULL while it is being read
 */
MedialibAsset *
medialib_result_item_get_asset (MedialibResultItem *self)
{
  g_return_val_if_fail (MEDIALIB_IS_RESULT_ITEM (self), NULL);

  return self->asset;
}

void
medialib_result_item_set_asset (MedialibResultItem *self,
                                MedialibAsset      *asset)
{
  g_return_if_fail (MEDIALIB_IS_RESULT_ITEM (self));
  g_return_if_fail (asset == NULL || MEDIALIB_IS_ASSET (asset));

  if (g_set_object (&self->asset, asset))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSET]);
}
