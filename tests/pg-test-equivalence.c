/* pg-test-equivalence.c — a team library finds what a local library finds: the same
 * generated assets, inserted in the same order into both, give the same ids in the same
 * order for every query
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "medialib-store-private.h"
#include "medialib-test-util.h"
#include "pg-test-fixture.h"

#define N_ASSETS 3000

/* Words with accents, ligatures and letters that case folding and accent removal treat
 * differently (ß, ł, ø, æ, œ, ﬁ), beside plain ones */
static const char *subjects[] = {
  "banner", "bakery", "balloon", "beach", "bicycle", "billboard", "brunch", "camera", "city",
  "coffee", "concert", "festival", "garden", "harbor", "launch", "market", "meeting", "poster",
  "river", "sunset", "terrace", "yoga", "été", "Été", "crème", "brûlée", "Noël", "façade",
  "Straße", "Łódź", "smørrebrød", "Ærø", "naïve", "Ångström", "garçon", "Éclair", "über",
  "jalapeño", "ﬁsh", "Œuvre", "café", "CAFÉ", "Zoë", "déjà", "coöp", "İstanbul", "ÉTÉ",
};
static const char *styles[] = {
  "hero", "close-up", "flat", "portrait", "wide", "night", "final", "draft", "v2", "Final_FINAL",
};
static const char *extensions[] = { "png", "jpg", "gif", "webp" };
static const char *tag_names[] = {
  "Launch", "launch", "Été", "ÉTÉ", "Noël", "Black Friday", "In-app", "Rentrée", "Soldes", "Spring",
  "Straße", "Œuvre d'art", "Back to School", "Promo", "Beta", "naïve", "\"Quoted\"", "back\\slash",
};
static const char *team_names[] = {
  "Growth", "Design", "Équipe Paris", "équipe paris", "Marketing Produit", "Sales", "Mobile", "Web",
};

typedef struct
{
  MedialibStore     *store;
  MedialibPgCatalog *catalog;
  gint64             local_time;  /* microseconds spent searching, each backend */
  gint64             pg_time;
  guint              n_queries;
  guint              n_results;
} Compare;

static char *
make_name (GRand     *rand,
           GPtrArray *earlier,
           int        i)
{
  g_autofree char *name = NULL;

  /* Now and then the name of an earlier asset in other ASCII letters' case: equal for
   * the name sort, which then orders by id */
  if (i % 40 == 39)
    return g_ascii_strup (g_ptr_array_index (earlier, g_rand_int_range (rand, 0, earlier->len)), -1);

  name = g_strdup_printf ("%s %s %s %d.%s",
                          subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                          subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                          styles[g_rand_int_range (rand, 0, G_N_ELEMENTS (styles))],
                          g_rand_int_range (rand, 0, 400),
                          extensions[g_rand_int_range (rand, 0, G_N_ELEMENTS (extensions))]);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_utf8_strup (name, -1);
    case 1:
      name[0] = g_ascii_toupper (name[0]);
      return g_steal_pointer (&name);
    default:
      return g_steal_pointer (&name);
    }
}

static void
populate (PgFixture *f,
          Compare   *c)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 local_time = 0;

  for (int i = 0; i < N_ASSETS; i++)
    {
      g_autofree char *name = make_name (rand, names, i);
      g_autofree char *sha = NULL;
      g_autofree char *contact = NULL;
      const char *tags[4] = { NULL };
      const char *teams[3] = { NULL };
      gboolean is_contact = g_rand_int_range (rand, 0, 100) < 15;
      int n_tags = g_rand_int_range (rand, 0, 4);
      int n_teams = g_rand_int_range (rand, 0, 3);
      MedialibNewAsset asset = { 0 };
      MedialibAddedAsset added = { 0 };
      gboolean local_duplicate = FALSE, pg_duplicate = FALSE;
      gint64 local_id = 0, pg_id = 0, t;

      /* Now and then the content of an earlier asset again, with its own labels */
      if (i % 50 == 49)
        sha = g_strdup (g_ptr_array_index (hashes, g_rand_int_range (rand, 0, hashes->len)));
      else
        sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);

      for (int k = 0; k < n_tags; k++)
        tags[k] = tag_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (tag_names))];
      for (int k = 0; k < n_teams; k++)
        teams[k] = team_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (team_names))];

      asset.name = name;
      asset.kind = is_contact ? MEDIALIB_ASSET_KIND_CONTACT : MEDIALIB_ASSET_KIND_IMAGE;
      asset.mime = is_contact ? "text/vcard" : "image/png";
      asset.bytes = g_rand_int_range (rand, 1, 40) * 1024;  /* many equal sizes */
      asset.width = is_contact ? 0 : 1200;
      asset.height = is_contact ? 0 : 800;
      asset.sha256 = sha;
      asset.source = "upload";
      if (is_contact)
        {
          contact = g_strdup_printf ("{\"name\":\"%s\",\"has_photo\":%s}", name, i % 2 ? "true" : "false");
          asset.contact = contact;
          asset.search_extra = i % 3 ? "jean.dupont@exemple.fr Société Générale +33 1 23 45 67 89"
                                     : "Zoë Ørsted zoe@straße.de";
        }

      asset.tags = tags;
      asset.teams = teams;

      t = g_get_monotonic_time ();
      g_assert_true (medialib_catalog_add_assets (c->store->catalog, &asset, 1, &added, &error));
      g_assert_no_error (error);
      local_time += g_get_monotonic_time () - t;
      local_id = added.id;
      local_duplicate = added.duplicate;
      medialib_added_asset_clear (&added);

      g_assert_true (medialib_catalog_add_assets (MEDIALIB_CATALOG (c->catalog), &asset, 1, &added, &error));
      g_assert_no_error (error);
      pg_id = added.id;
      pg_duplicate = added.duplicate;
      medialib_added_asset_clear (&added);
      g_assert_no_error (error);
      g_assert_cmpint (pg_id, ==, local_id);
      g_assert_cmpint (pg_duplicate, ==, local_duplicate);

      g_ptr_array_add (names, g_steal_pointer (&name));
      g_ptr_array_add (hashes, g_steal_pointer (&sha));
    }

  /* The same moments of adding in both, with many equal ones: locally through the database
   * file as another process would, in PostgreSQL as its administrator */
  pg_admin_exec (f, "UPDATE assets SET added = 1700000000 + (id * 37) %% 500");
  {
    g_autofree char *db_path = g_build_filename (medialib_store_get_dir (c->store), "library.db", NULL);
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 2000);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE assets SET added = 1700000000 + (id * 37) % 500", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }

  g_test_message ("%d assets added: %.1f s in all, %.2f s of it locally",
                  N_ASSETS, (g_get_monotonic_time () - start) / 1e6, local_time / 1e6);
}

static char *
describe (const MedialibQuery *query)
{
  g_autofree char *tags = query->tags ? g_strjoinv ("|", query->tags) : NULL;
  g_autofree char *teams = query->teams ? g_strjoinv ("|", query->teams) : NULL;

  return g_strdup_printf ("text=“%s” tags=%s teams=%s kind=%d sort=%d offset=%u limit=%u",
                          query->text ? query->text : "", tags ? tags : "-", teams ? teams : "-",
                          query->kind, query->sort, query->offset, query->limit);
}

static void
compare (Compare             *c,
         const MedialibQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *what = describe (query);
  gint64 local_count, team_count;
  gint64 t;

  t = g_get_monotonic_time ();
  local = medialib_store_search (c->store, query, &error);
  c->local_time += g_get_monotonic_time () - t;
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  team = medialib_catalog_search (MEDIALIB_CATALOG (c->catalog), query, &error);
  c->pg_time += g_get_monotonic_time () - t;
  g_assert_no_error (error);

  for (guint i = 0; i < MIN (local->len, team->len); i++)
    {
      MedialibAsset *a = g_ptr_array_index (local, i);
      MedialibAsset *b = g_ptr_array_index (team, i);

      if (medialib_asset_get_id (a) != medialib_asset_get_id (b))
        g_error ("%s: result %u is %" G_GINT64_FORMAT " “%s” locally, %" G_GINT64_FORMAT " “%s” in PostgreSQL",
                 what, i, medialib_asset_get_id (a), medialib_asset_get_name (a),
                 medialib_asset_get_id (b), medialib_asset_get_name (b));
    }

  if (local->len != team->len)
    g_error ("%s: %u results locally, %u in PostgreSQL", what, local->len, team->len);

  /* Counted by each database, whatever the page: the number of results without it */
  local_count = medialib_catalog_count_matching (c->store->catalog, query, &error);
  g_assert_no_error (error);
  team_count = medialib_catalog_count_matching (MEDIALIB_CATALOG (c->catalog), query, &error);
  g_assert_no_error (error);
  if (local_count != team_count)
    g_error ("%s: %" G_GINT64_FORMAT " counted locally, %" G_GINT64_FORMAT " in PostgreSQL", what, local_count, team_count);
  if (query->offset == 0 && query->limit == 0 && local_count != (gint64) local->len)
    g_error ("%s: %" G_GINT64_FORMAT " counted, %u found", what, local_count, local->len);

  c->n_queries++;
  c->n_results += local->len;
}

/* Each text with each sort, alone, then with the filters */
static void
compare_all (Compare             *c,
             const char * const  *texts,
             char               **tags,
             char               **teams,
             MedialibAssetKind    kind)
{
  for (guint i = 0; texts[i] != NULL; i++)
    for (MedialibSort sort = MEDIALIB_SORT_ADDED; sort <= MEDIALIB_SORT_SIZE; sort++)
      {
        g_autoptr(MedialibQuery) query = medialib_query_new ();

        query->text = texts[i][0] != '\0' ? g_strdup (texts[i]) : NULL;
        query->tags = g_strdupv (tags);
        query->teams = g_strdupv (teams);
        query->kind = kind;
        query->sort = sort;
        compare (c, query);
      }
}

static void
compare_labels (Compare           *c,
                MedialibLabelKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local = medialib_store_list_labels (c->store, kind, &error);
  g_autoptr(GPtrArray) team = medialib_catalog_list_labels (MEDIALIB_CATALOG (c->catalog), kind, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (local->len, ==, team->len);
  for (guint i = 0; i < local->len; i++)
    {
      MedialibLabelCount *a = g_ptr_array_index (local, i);
      MedialibLabelCount *b = g_ptr_array_index (team, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpuint (a->count, ==, b->count);
    }
}

/* Every field of every asset */
static void
compare_assets (Compare *c)
{
  g_autoptr(MedialibQuery) query = medialib_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local = medialib_store_search (c->store, query, &error);
  g_autoptr(GPtrArray) team = medialib_catalog_search (MEDIALIB_CATALOG (c->catalog), query, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (local->len, ==, team->len);
  for (guint i = 0; i < local->len; i++)
    {
      MedialibAsset *a = g_ptr_array_index (local, i);
      MedialibAsset *b = g_ptr_array_index (team, i);

      g_assert_cmpint (medialib_asset_get_id (a), ==, medialib_asset_get_id (b));
      g_assert_cmpstr (medialib_asset_get_name (a), ==, medialib_asset_get_name (b));
      g_assert_cmpint (medialib_asset_get_kind (a), ==, medialib_asset_get_kind (b));
      g_assert_cmpstr (medialib_asset_get_mime (a), ==, medialib_asset_get_mime (b));
      g_assert_cmpint (medialib_asset_get_bytes (a), ==, medialib_asset_get_bytes (b));
      g_assert_cmpint (medialib_asset_get_width (a), ==, medialib_asset_get_width (b));
      g_assert_cmpint (medialib_asset_get_height (a), ==, medialib_asset_get_height (b));
      g_assert_cmpstr (medialib_asset_get_sha256 (a), ==, medialib_asset_get_sha256 (b));
      g_assert_cmpint (medialib_asset_get_added (a), ==, medialib_asset_get_added (b));
      g_assert_cmpstr (medialib_asset_get_source (a), ==, medialib_asset_get_source (b));
      g_assert_cmpstrv (medialib_asset_get_tags (a), medialib_asset_get_tags (b));
      g_assert_cmpstrv (medialib_asset_get_teams (a), medialib_asset_get_teams (b));
      g_assert_cmpstr (medialib_asset_get_path (a), ==, medialib_asset_get_path (b));
      g_assert_cmpstr (medialib_asset_get_thumbnail_path (a), ==, medialib_asset_get_thumbnail_path (b));
    }
}

void
test_pg_equivalence (PgFixture     *f,
                     gconstpointer  data)
{
  const char * const texts[] = {
    "", "b", "ba", "ban", "c", "ca", "caf", "café", "CAFE", "Café", "e", "é", "ét", "été", "ete", "ETE",
    "Été", "É", "ÉTÉ", "cr", "crè", "creme", "CRÈME BRÛ", "bru", "brul", "noe", "noël", "NOEL", "fa", "faç",
    "facade", "st", "stra", "straß", "straße", "strasse", "ł", "łó", "lo", "lod", "łodz", "sm", "smø", "smor",
    "ae", "æ", "ærø", "ar", "fi", "ﬁ", "ﬁsh", "oe", "œ", "œuv", "uv", "i", "is", "İstanbul", "z", "zo", "zoë",
    "ång", "ang", "u", "ub", "über", "jal", "jalapeno", "jalapeño", "coop", "coöp", "deja", "déjà vu",
    "1", "12", "123", "png", "jp", "webp", "hero 1", "ban hero", "ban her 1", "close up", "close-up",
    "up", "final", "final_final", "v2", "v", "jean", "exemple", "dupont jean", "33", "soc", "générale",
    "ørsted", "orsted", "de", "black fri", "in-app", "app", "in app", "noël rentrée", "rentree",
    "équipe", "equipe par", "marketing produit", "d'art", "art", "quoted", "slash", "back",
    "zzz", "'", "\"", "%", "_", "b*", "-", "ba%", "NEAR", "ban OR hero", "AND", "\\", ":*", "!ban",
    NULL,
  };
  const char * const some_texts[] = { "", "b", "ét", "straße", "ban hero", "zzz", NULL };
  char *launch[] = { "launch", NULL };
  char *summer[] = { "été", NULL };
  char *two_tags[] = { "Black Friday", "LAUNCH", NULL };
  char *odd_tags[] = { "Œuvre d'art", NULL };
  char *quoted[] = { "\"quoted\"", NULL };
  char *no_tag[] = { "nope", NULL };
  char *growth[] = { "Growth", NULL };
  char *paris[] = { "ÉQUIPE PARIS", NULL };
  g_autofree char *dir = test_make_tmpdir ("equivalence");
  g_autoptr(MedialibStore) store = NULL;
  g_autoptr(MedialibPgCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  Compare c = { 0 };

  store = medialib_store_open (dir, &error);
  g_assert_no_error (error);
  c.store = store;

  /* The team library's files, were they in the same blob store, are the same files */
  catalog = medialib_pg_catalog_open (f->conninfo, store->blobs, &error);
  g_assert_no_error (error);
  c.catalog = catalog;

  populate (f, &c);
  g_assert_cmpint (medialib_store_count (store), ==, medialib_catalog_count (MEDIALIB_CATALOG (catalog), &error));
  compare_assets (&c);
  compare_labels (&c, MEDIALIB_LABEL_TAG);
  compare_labels (&c, MEDIALIB_LABEL_TEAM);

  compare_all (&c, texts, NULL, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, launch, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, summer, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, two_tags, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, odd_tags, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, quoted, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, no_tag, NULL, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, NULL, growth, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, NULL, paris, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, launch, paris, MEDIALIB_ASSET_KIND_ANY);
  compare_all (&c, some_texts, NULL, NULL, MEDIALIB_ASSET_KIND_IMAGE);
  compare_all (&c, some_texts, NULL, NULL, MEDIALIB_ASSET_KIND_CONTACT);
  compare_all (&c, some_texts, summer, growth, MEDIALIB_ASSET_KIND_CONTACT);

  /* Pages */
  for (guint i = 0; i < 4; i++)
    for (MedialibSort sort = MEDIALIB_SORT_ADDED; sort <= MEDIALIB_SORT_SIZE; sort++)
      {
        g_autoptr(MedialibQuery) query = medialib_query_new ();

        query->text = i < 2 ? g_strdup ("b") : NULL;
        query->sort = sort;
        query->offset = (guint[]) { 0, 100, 2990, 40 }[i];
        query->limit = (guint[]) { 25, 25, 0, 1 }[i];
        compare (&c, query);
      }

  g_test_message ("%u queries, %u results, the same in both: %.1f ms locally, %.1f ms in PostgreSQL "
                  "(objects included)", c.n_queries, c.n_results, c.local_time / 1e3, c.pg_time / 1e3);
  g_assert_cmpuint (c.n_results, >, 10000);

  g_clear_object (&catalog);
  g_clear_object (&store);
  test_rm_rf (dir);
}
