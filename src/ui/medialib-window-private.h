/* medialib-window-private.h — the window's state, shared by its source files
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medialib-details-pane.h"
#include "medialib-import.h"
#include "medialib-results.h"
#include "medialib-selection.h"
#include "medialib-store.h"
#include "medialib-thumbnail-cache.h"
#include "medialib-window.h"

G_BEGIN_DECLS

struct _MedialibWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwOverlaySplitView    *split_view;
  AdwSplitButton         *upload_button;
  GtkSearchEntry         *search_entry;
  GtkToggleButton        *details_button;
  GtkMenuButton          *filter_button;
  /* The filter popover's, NULL until it first opens (medialib-window-filters.c) */
  GtkPopover             *filter_popover;
  AdwToggleGroup         *kind_group;
  GtkListBox             *tags_list;
  GtkListBox             *teams_list;
  GtkRevealer            *chips_revealer;
  GtkFlowBox             *chips_box;         /* NULL until the first chip (medialib-window-filters.c) */
  AdwToolbarView         *content_view;      /* around the stack, with its bars */
  GtkOverlay             *overlay;
  /* Import's, NULL until first needed (medialib-window-import.c) */
  AdwBanner              *banner;
  /* NULL until first needed, below the chips (_medialib_window_ensure_banner()) */
  AdwBanner              *damaged_banner;
  GtkStack               *stack;
  /* Its status pages, NULL until first shown (medialib-window-status.c) */
  AdwStatusPage          *empty_page;
  AdwStatusPage          *error_page;
  GtkButton              *restore_button;   /* on the error page */
  GtkGridView            *grid_view;
  MedialibSelection      *selection;
  GtkRevealer            *progress_revealer;
  GtkLabel               *progress_label;
  GtkProgressBar         *progress_bar;
  MedialibDetailsPane    *details_pane;      /* NULL until needed (medialib-window-details.c) */
  guint                   details_source;    /* making it after the first screen */
  gboolean                details_read_only; /* what it will be told when made */
  GtkRevealer            *drop_revealer;
  GtkMenuButton          *library_button;
  GtkImage               *library_icon;
  GtkLabel               *library_label;
  GMenu                  *libraries_section;
  /* Their popovers are made when first opened (medialib-window.c) */
  GtkMenuButton          *primary_menu_button;
  GtkMenuButton          *sort_button;
  GMenuModel             *primary_menu;
  GMenuModel             *upload_menu;       /* the upload split button's */
  GMenuModel             *sort_menu;
  GMenuModel             *library_menu;
  AdwBanner              *offline_banner;    /* NULL until first needed, as damaged_banner */
  GtkDropDown            *fits_dropdown;     /* medialib-window-fits.c, in the filter popover */

  /* Owned references */
  MedialibStore          *store;
  MedialibThumbnailCache *thumbnails;
  GSettings              *settings;          /* the filters are remembered here, if set */
  GtkBuilder             *tile_menu_builder; /* the tiles' context menu */
  GCancellable           *cancellable;       /* for the window's lifetime */
  GCancellable           *search_cancellable;
  GCancellable           *import_cancellable;
  GCancellable           *open_cancellable;  /* the library being opened */
  GHashTable             *library_names;     /* folder → the library menu's entry */
  GPtrArray              *import_queue;      /* of GPtrArray of GFile, waiting their turn */
  GPtrArray              *last_results;      /* of MedialibImportResult, the last import's */
  GHashTable             *pending_delete;    /* asset id → TRUE, hidden until deleted */
  GHashTable             *filter_tags;       /* label key → display name */
  GHashTable             *filter_teams;
  MedialibAssetKind       filter_kind;       /* the kind the filter popover's toggles choose */
  char                   *filter_color;      /* "#rrggbb" or NULL (medialib-window-color.c) */
  GtkColorDialogButton   *color_button;      /* in the filter popover */
  GtkWidget              *color_clear_button;
  gboolean                syncing_color;
  GPtrArray              *delete_batches;    /* deletions waiting for their toast to go */
  GPtrArray              *tag_counts;        /* of MedialibLabelCount, the last listed: the */
  GPtrArray              *team_counts;       /* filter popover makes its rows when it opens */
  char                  **tag_names;         /* every tag and team, for the details pane */
  char                  **team_names;
  char                   *sort;
  char                   *searched_text;     /* the text of the last search started */

  guint                   search_stamp;
  gboolean                searching;
  guint                   refresh_source;
  guint                   columns_source;
  guint                   import_added;
  gint64                  details_id;        /* the asset the details pane follows */
  gint64                  similar_id;        /* "Find Similar": the image, or 0 */
  char                   *similar_name;      /* its name, for its chip */
  MedialibResultItem     *details_item;      /* its item, while its asset is read */
  gboolean                store_failed;
  gboolean                maintained;        /* checked and backed up since opened */
  gboolean                restoring;
  char                   *library_dir;
  /* medialib-window-first-screen.c: the background reads that wait for the first screen */
  gboolean                first_screen_shown;
  guint                   first_screen_pending; /* of MedialibFirstScreenWork */

  /* medialib-window-live.c: the library's changes, applied to what is shown */
  MedialibStore          *watched;           /* whose ::changed the window follows (weak) */
  GCancellable           *live_cancellable;  /* the read of the changes under way */
  GPtrArray              *live_queue;        /* of LiveChange, waiting their turn */
  guint                   live_source;       /* waiting for a search to end */
  guint                   reopen_source;     /* opening again, its server out of reach */
  guint                   reopen_attempts;
  gboolean                live_busy;
  gboolean                search_failed;     /* while the server was out of reach */
  AdwToast               *offline_toast;     /* the last change refused meanwhile (weak) */

  /* medialib-window-fits.c: the images that fit a channel preset as they are */
  char                   *fits_key;          /* the preset's key, or NULL for any */
  GPtrArray              *fits_keys;         /* the drop-down's keys after "Any Channel" */
  gboolean                fits_filling;      /* its model being put in */
  /* medialib-window-collections.c: the sidebar and the saved collections */
  AdwOverlaySplitView    *sidebar_split;
  GtkListBox             *sidebar_list;
  GtkToggleButton        *sidebar_button;
  AdwBreakpoint          *sidebar_breakpoint; /* folds it while the details pane is open */
  GtkListBoxRow          *sidebar_heading;   /* "Collections", before their rows */
  char                   *sidebar_key;       /* the selected row's */
  MedialibQuery          *sidebar_query;     /* its filters, or NULL for All */
  GPtrArray              *collections;       /* of MedialibCollection, the last listed */
  GCancellable           *sidebar_cancellable;
  guint                   sidebar_source;    /* counting again, soon */
  gboolean                sidebar_filling;   /* rows made again: not the person's selection */
  AdwToast               *collection_toast;  /* the last deletion's, with its Undo (weak) */
};

/* medialib-window-first-screen.c */
typedef enum
{
  MEDIALIB_FIRST_SCREEN_SIDEBAR  = 1 << 0, /* the sidebar's counts and collections */
  MEDIALIB_FIRST_SCREEN_MAINTAIN = 1 << 1, /* the filters' labels, the check and backup */
} MedialibFirstScreenWork;

void _medialib_window_when_first_screen  (MedialibWindow          *self,
                                          MedialibFirstScreenWork  work);
void _medialib_window_first_screen_ready (MedialibWindow          *self);

/* medialib-window-details.c */
MedialibDetailsPane *_medialib_window_ensure_details_pane        (MedialibWindow *self);
MedialibAsset       *_medialib_window_get_details_asset          (MedialibWindow *self);
void                 _medialib_window_set_details_asset          (MedialibWindow *self,
                                                                  MedialibAsset  *asset);
void                 _medialib_window_set_details_store          (MedialibWindow *self,
                                                                  MedialibStore  *store);
void                 _medialib_window_set_details_editable       (MedialibWindow *self,
                                                                  gboolean        editable);
void                 _medialib_window_set_details_labels         (MedialibWindow *self);
void                 _medialib_window_details_after_first_screen (MedialibWindow *self);
void                 _medialib_window_details_dispose            (MedialibWindow *self);

/* medialib-window-status.c */
GtkWidget *_medialib_window_ensure_status_page (MedialibWindow *self,
                                                const char     *name);
void       _medialib_window_show_page          (MedialibWindow *self,
                                                const char     *name);
void       _medialib_window_status_dispose     (MedialibWindow *self);

/* medialib-window-color.c */
void     _medialib_window_color_class_init (GtkWidgetClass *widget_class);
void     _medialib_window_color_popover_built (MedialibWindow *self,
                                               GtkBuilder     *builder);
void     _medialib_window_set_filter_color (MedialibWindow *self,
                                            const char     *color);
gboolean _medialib_window_add_color_chip   (MedialibWindow *self);
void     _medialib_window_sync_color_button (MedialibWindow *self);

/* medialib-window-search.c */
void              _medialib_window_refresh          (MedialibWindow *self);
gboolean          _medialib_window_query_is_empty   (MedialibWindow *self);
MedialibQuery    *_medialib_window_build_query      (MedialibWindow *self);
void              _medialib_window_show_results_page (MedialibWindow *self);
void              _medialib_window_schedule_refresh (MedialibWindow *self);
MedialibAssetKind _medialib_window_get_kind         (MedialibWindow *self);

/* medialib-window.c */
MedialibResults *_medialib_window_get_results      (MedialibWindow *self);
GPtrArray       *_medialib_window_get_selected     (MedialibWindow *self);
GArray          *_medialib_window_get_selected_ids (MedialibWindow *self);
void             _medialib_window_show_details_at  (MedialibWindow *self,
                                                    guint           position);

void _medialib_window_set_store        (MedialibWindow  *self,
                                        MedialibStore   *store);
void _medialib_window_open_library     (MedialibWindow  *self);

/* medialib-window-backup.c */
void _medialib_window_backup_class_init (GtkWidgetClass *widget_class);
void _medialib_window_maintain          (MedialibWindow *self);
void _medialib_window_show_open_error   (MedialibWindow *self,
                                         const GError   *error);

/* medialib-window-libraries.c */
void     _medialib_window_libraries_class_init (GtkWidgetClass *widget_class);
void     _medialib_window_list_libraries       (MedialibWindow *self);
void     _medialib_window_library_opened       (MedialibWindow *self);
gboolean _medialib_window_take_early_store     (MedialibWindow      *self,
                                                GAsyncReadyCallback  opened);
gboolean _medialib_window_library_failed       (MedialibWindow *self,
                                                const GError   *error);
void     _medialib_window_switch_library       (MedialibWindow *self,
                                                const char     *dir,
                                                gboolean        force);

/* medialib-window-filters.c */
void   _medialib_window_filters_class_init (GtkWidgetClass *widget_class);
void   _medialib_window_filters_init       (MedialibWindow *self);
void   _medialib_window_filters_dispose    (MedialibWindow *self);
void   _medialib_window_ensure_filter_popover (MedialibWindow *self);
void   _medialib_window_refresh_labels     (MedialibWindow *self);
char **_medialib_window_filter_names       (GHashTable     *table);
void   _medialib_window_save_filters       (MedialibWindow *self);
void   _medialib_window_update_chips       (MedialibWindow *self);
GtkFlowBox *_medialib_window_ensure_chips_box (MedialibWindow *self);
void   _medialib_window_restore_filters    (MedialibWindow *self,
                                            GSettings      *settings);

/* medialib-window-similar.c */
void       _medialib_window_similar_class_init (GtkWidgetClass *widget_class);
gboolean   _medialib_window_clear_similar      (MedialibWindow *self);
gboolean   _medialib_window_similar_deleted    (MedialibWindow *self,
                                                GHashTable     *ids);
GtkWidget *_medialib_window_similar_chip       (MedialibWindow *self);
void       _medialib_window_compute_phashes    (MedialibWindow *self);

/* medialib-window-import.c */
void _medialib_window_import_class_init (GtkWidgetClass *widget_class);
void _medialib_window_import_init       (MedialibWindow *self);
void _medialib_window_import_dispose    (MedialibWindow *self);
void _medialib_window_import_files      (MedialibWindow *self,
                                         GFile         **files,
                                         guint           n_files);
void _medialib_window_import_resume     (MedialibWindow *self);

/* medialib-window-live.c */
void     _medialib_window_live_class_init (GtkWidgetClass *widget_class);
void     _medialib_window_live_init       (MedialibWindow *self);
void     _medialib_window_live_watch      (MedialibWindow *self);
void     _medialib_window_live_unwatch    (MedialibWindow *self);

/* medialib-window-ids.c */
typedef struct _MedialibIdsDiff MedialibIdsDiff;

GHashTable      *_medialib_id_set_from_array      (GArray              *ids);
void             _medialib_ids_diff_free          (MedialibIdsDiff     *diff);
void             _medialib_window_diff_ids        (MedialibWindow      *self,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MedialibIdsDiff *_medialib_window_diff_ids_finish (MedialibWindow      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void             _medialib_window_apply_ids       (MedialibWindow      *self,
                                                   MedialibIdsDiff     *diff,
                                                   GHashTable          *moved,
                                                   GHashTable          *assets);

/* medialib-window-offline.c */
void     _medialib_window_follow_reachable    (MedialibWindow *self,
                                               MedialibStore  *store);
void     _medialib_window_update_reachable    (MedialibWindow *self);
AdwBanner *_medialib_window_ensure_banner     (MedialibWindow *self,
                                               AdwBanner     **banner);
void     _medialib_window_hide_banner         (AdwBanner      *banner);
gboolean _medialib_window_live_check_writable (MedialibWindow *self);
gboolean _medialib_window_live_search_failed  (MedialibWindow *self,
                                               const GError   *error);
gboolean _medialib_window_live_retry_open     (MedialibWindow *self,
                                               const GError   *error);

/* medialib-window-collections.c */
void _medialib_window_collections_class_init (GtkWidgetClass     *widget_class);
void _medialib_window_collections_init       (MedialibWindow     *self);
void _medialib_window_collections_dispose    (MedialibWindow     *self);
void _medialib_window_sidebar_refresh        (MedialibWindow     *self);
void _medialib_window_sidebar_changed        (MedialibWindow     *self,
                                              MedialibChangeKind  kind);
void _medialib_window_sidebar_add_filters    (MedialibWindow     *self,
                                              MedialibQuery      *query);
void _medialib_window_sidebar_select_all     (MedialibWindow     *self);
void _medialib_window_sidebar_reset          (MedialibWindow     *self);

/* medialib-window-save-collection.c */
void _medialib_window_save_collection_class_init (GtkWidgetClass *widget_class);

/* medialib-window-sizing.c */
guint _medialib_window_first_page_size       (MedialibWindow *self);
void  _medialib_window_preload_first_screen  (MedialibWindow  *self,
                                              MedialibResults *results);
void  _medialib_window_schedule_fit_columns  (MedialibWindow *self);

/* medialib-window-fits.c */
void     _medialib_window_fits_ensure_model (MedialibWindow *self);
void     _medialib_window_fits_popover_built (MedialibWindow *self,
                                              GtkBuilder     *builder);
gboolean _medialib_window_set_fits        (MedialibWindow *self,
                                           const char     *key);
gboolean _medialib_window_add_fits_chip   (MedialibWindow *self);

/* medialib-window-bulk.c */
void _medialib_window_bulk_class_init (GtkWidgetClass *widget_class);

/* medialib-window-actions.c */
void           _medialib_window_actions_class_init (GtkWidgetClass *widget_class);
void           _medialib_window_actions_init       (MedialibWindow *self);
MedialibAsset *_medialib_window_get_target         (MedialibWindow *self);
void _medialib_window_flush_deletions   (MedialibWindow *self);
void _medialib_window_setup_tile_drag   (MedialibWindow *self,
                                         GtkWidget      *tile);

G_END_DECLS
