/* medialib-preset-strings.c — the translatable text of resources/channel-presets.json
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not compiled: xgettext reads it so that the presets' labels and notes, which are data,
 * reach the translators. tests/check-po.py fails when it and the JSON file disagree.
 */

static const char *preset_strings[] = {
  NC_("channel preset", "General"),
  NC_("channel preset", "Free"),
  NC_("channel preset", "Any size and shape."),
  NC_("channel preset", "Original ratio"),
  NC_("channel preset", "The shape of the image as it is."),
  NC_("channel preset", "Content Cards"),
  NC_("channel preset", "Classic"),
  NC_("channel preset", "Captioned"),
  NC_("channel preset", "Banner"),
  NC_("channel preset", "Email"),
  NC_("channel preset", "Header image"),
  NC_("channel preset", "Smaller, high quality images will load faster, so use the smallest asset possible to achieve your desired output."),
  NC_("channel preset", "Body image"),
  NC_("channel preset", "In-app message · Full screen"),
  NC_("channel preset", "Image and text"),
  NC_("channel preset", "Cropping can occur on all sides, but the image will always fill the top half of the viewport."),
  NC_("channel preset", "Image only"),
  NC_("channel preset", "Cropping can occur on the left and right edges on taller devices."),
  NC_("channel preset", "In-app message · Modal"),
  NC_("channel preset", "Tall images will scale down and be horizontally centered. Wide images will be clipped on the left and right edges."),
  NC_("channel preset", "Nearly any aspect ratio: the message will resize to fit images of most aspect ratios."),
  NC_("channel preset", "In-app message · Slideup"),
  NC_("channel preset", "Images of various aspect ratios will fit into a square image container, without cropping."),
  NC_("channel preset", "Push · iOS"),
  NC_("channel preset", "Rich notification"),
  NC_("channel preset", "2:1 is recommended. iOS rich push notifications can handle images up to 1038 by 1038 pixels under 10 MB, but use as small a file as possible: large files cause network stress and download timeouts."),
  NC_("channel preset", "Push · Android"),
  NC_("channel preset", "Push icon"),
  NC_("channel preset", "Android rich notifications do not support GIFs."),
  NC_("channel preset", "Expanded notification"),
  NC_("channel preset", "Small 512 × 256, medium 1024 × 512, large 2048 × 1024. Android rich notifications do not support GIFs."),
  NC_("channel preset", "Inline image"),
};
