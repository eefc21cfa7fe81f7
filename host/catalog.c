/* catalog.c: the worker's read model (see catalog.h): building it from result sets, applying
 * changed rows, the lookups by slug/sku/code, and ranked search over the index of search.c.
 *
 * Memory: strings live in an arena owned by the catalog and are never freed one by one, so a
 * pointer handed out stays valid until the whole catalog goes (a renamed product gets new
 * strings; the old ones wait for the next full reload). The search index is rebuilt off the
 * loop (libuv's threadpool) from a snapshot of the product texts whenever a product's text,
 * category or brand changed; prices and stock are read live and never need a rebuild. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>
#include "catalog.h"
#include "hash.h"
#include "log.h"
#include "search.h"
#include <utf8proc.h>

#define ARENA_CHUNK (1u << 20)
#define MAX_ID (1 << 26)                /* ids are serials; beyond this the row is refused */
#define RETIRE_MS 30000                 /* how long a replaced catalog stays readable */
#define REINDEX_DELAY_MS 200            /* debounce of index rebuilds after text changes */
#define MAX_HITS 5000
#define GROCER_CATALOG_MAX_VARIANTS 8

const char *const GROCER_DIETARY[] = {"vegetarian", "vegan", "halal", "gluten_free", "organic", "lactose_free", NULL};

enum {
    P_ID, P_SKU, P_SLUG, P_NAME_VI, P_NAME_EN, P_DESC_VI, P_DESC_EN, P_BRAND, P_CATEGORY, P_UNIT,
    P_SIZE_TEXT, P_NET_QUANTITY, P_NET_UNIT, P_PRICE, P_LIST_PRICE, P_VAT, P_STORAGE, P_PERISHABLE,
    P_SHELF_LIFE, P_AGE, P_ABV, P_DIETARY, P_BARCODE, P_IMAGE, P_POPULARITY, P_FEATURED, P_ACTIVE, P_NCOLS
};

/* ---- arena ---- */

typedef struct chunk_s {
    struct chunk_s *next;
    size_t used, size;
    char data[];
} chunk_t;

typedef struct {
    chunk_t *head;
    size_t bytes;
} arena_t;

static const char *arena_strndup(arena_t *a, const char *s, size_t len)
{
    if (!len) return "";
    if (!a->head || a->head->size - a->head->used < len + 1) {
        size_t size = len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK;
        chunk_t *c = malloc(sizeof *c + size);
        if (!c) return "";
        c->next = a->head;
        c->used = 0;
        c->size = size;
        a->head = c;
        a->bytes += sizeof *c + size;
    }
    char *p = a->head->data + a->head->used;
    memcpy(p, s, len);
    p[len] = '\0';
    a->head->used += len + 1;
    return p;
}

static void arena_free(arena_t *a)
{
    for (chunk_t *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
}

/* ---- string keys -> slots: open addressing, rebuilt whole when keys change ---- */

typedef struct {
    uint64_t hash;
    const char *key;
    int32_t slot;
} entry_t;

typedef struct {
    entry_t *e;
    uint32_t mask;
} strmap_t;

static int strmap_init(strmap_t *m, int32_t n)
{
    uint32_t cap = 16;
    while (cap < (uint32_t)n * 2 + 2) cap <<= 1;
    free(m->e);
    m->e = calloc(cap, sizeof *m->e);
    m->mask = cap - 1;
    return m->e ? 0 : -1;
}

static void strmap_put(strmap_t *m, const char *key, int32_t slot)
{
    if (!key[0]) return;
    uint64_t h = grocer_hash(key, strlen(key));
    for (uint32_t i = (uint32_t)h & m->mask;; i = (i + 1) & m->mask) {
        entry_t *e = &m->e[i];
        if (!e->key || (e->hash == h && !strcmp(e->key, key))) {
            e->hash = h;
            e->key = key;
            e->slot = slot;
            return;
        }
    }
}

static int32_t strmap_get(const strmap_t *m, const char *key, size_t len)
{
    if (!m->e) return -1;
    uint64_t h = grocer_hash(key, len);
    for (uint32_t i = (uint32_t)h & m->mask;; i = (i + 1) & m->mask) {
        const entry_t *e = &m->e[i];
        if (!e->key) return -1;
        if (e->hash == h && !strncmp(e->key, key, len) && !e->key[len]) return e->slot;
    }
}

/* ---- the catalog ---- */

struct grocer_catalog_s {
    grocer_catalog_view_t v;            /* first: what Lua sees */
    int32_t cap_products;
    arena_t arena;
    int32_t *product_slot, nproduct_ids; /* id -> slot + 1 (0: none) */
    int32_t *category_slot, ncategory_ids;
    int32_t *brand_slot, nbrand_ids;
    int32_t *store_slot, nstore_ids;
    strmap_t by_slug, by_sku, by_category, by_brand, by_store;
    char **category_folded;             /* per category: " name_vi name_en parent's names " folded */
    int keys_stale;                     /* a slug or sku changed: rebuild by_slug/by_sku */
    grocer_search_t *index;             /* NULL until the first build ends */
    char *marked;                       /* with the index: each product's name_vi, case-folded */
    uint32_t *marked_off;               /* with its diacritics (NFC), at marked + marked_off[slot] */
    int32_t nmarked;
    int reindex_wanted, building;       /* a build is running in the threadpool */
    int retired;                        /* replaced; freed when no build holds it */
    struct grocer_catalog_s *next_retired;
    uint64_t retired_at;
};

static grocer_catalog_t *current;      /* what Lua reads */
static grocer_catalog_t *pending;      /* a full reload waiting for its search index */
static grocer_catalog_t *retired_list;
static uint64_t version_counter, shape_counter;  /* versions never repeat across catalogs */
static uv_loop_t *the_loop;
static grocer_catalog_change_fn change_fn;
static void *change_arg;
static uv_timer_t reindex_timer, retire_timer;
static int timers_ready;

static void on_reindex_timer(uv_timer_t *t);

/* ---- field parsing ---- */

static int64_t num(const PGresult *r, int row, int col)
{
    return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static int flag(const PGresult *r, int row, int col)
{
    return PQgetvalue(r, row, col)[0] == 't';
}

static const char *str(grocer_catalog_t *c, const PGresult *r, int row, int col)
{
    return arena_strndup(&c->arena, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

/* Sets map[id] = slot + 1, growing the map. -1 for an id out of range. */
static int id_map_set(int32_t **map, int32_t *n, int64_t id, int32_t slot)
{
    if (id <= 0 || id >= MAX_ID) return -1;
    if (id >= *n) {
        int32_t cap = *n ? *n : 1024;
        while (cap <= id) cap *= 2;
        int32_t *m = realloc(*map, (size_t)cap * sizeof *m);
        if (!m) return -1;
        memset(m + *n, 0, (size_t)(cap - *n) * sizeof *m);
        *map = m;
        *n = cap;
    }
    (*map)[id] = slot + 1;
    return 0;
}

static int32_t id_map_get(const int32_t *map, int32_t n, int64_t id)
{
    return id > 0 && id < n ? map[id] - 1 : -1;
}

static uint8_t enum_of(const char *s, const char *const *names, uint8_t fallback)
{
    for (uint8_t i = 0; names[i]; i++)
        if (!strcmp(s, names[i])) return i;
    return fallback;
}

static const char *const UNITS[] = {"piece", "pack", "kg", NULL};
static const char *const NET_UNITS[] = {"", "g", "ml", NULL};
static const char *const STORAGES[] = {"ambient", "chilled", "frozen", NULL};

static uint8_t dietary_bits(const char *list)
{
    uint8_t bits = 0;
    while (*list) {
        const char *comma = strchr(list, ',');
        size_t n = comma ? (size_t)(comma - list) : strlen(list);
        for (int i = 0; GROCER_DIETARY[i]; i++)
            if (strlen(GROCER_DIETARY[i]) == n && !strncmp(GROCER_DIETARY[i], list, n)) bits |= (uint8_t)(1u << i);
        list += n + (comma ? 1 : 0);
    }
    return bits;
}

/* Did this row change what the search index holds for p (names, brand, category)? */
static int text_differs(const grocer_product_t *p, const PGresult *r, int row, int32_t brand, int32_t category)
{
    return strcmp(p->name_vi, PQgetvalue(r, row, P_NAME_VI)) || strcmp(p->name_en, PQgetvalue(r, row, P_NAME_EN)) ||
           p->brand != brand || p->category != category ||
           (p->flags & GROCER_PRODUCT_ACTIVE) != (flag(r, row, P_ACTIVE) ? GROCER_PRODUCT_ACTIVE : 0);
}

static int grow_products(grocer_catalog_t *c, int32_t need)
{
    if (need <= c->cap_products) return 0;
    int32_t cap = c->cap_products ? c->cap_products : 1024;
    while (cap < need) cap *= 2;
    grocer_product_t *p = realloc(c->v.products, (size_t)cap * sizeof *p);
    if (!p) return -1;
    c->v.products = p;
    size_t ns = c->v.nstores ? (size_t)c->v.nstores : 1;
    int32_t *oh = realloc(c->v.on_hand, (size_t)cap * ns * sizeof *oh);
    if (oh) c->v.on_hand = oh;
    int32_t *rs = realloc(c->v.reserved, (size_t)cap * ns * sizeof *rs);
    if (rs) c->v.reserved = rs;
    if (!oh || !rs) return -1;
    size_t old = (size_t)c->cap_products * ns;
    memset(c->v.on_hand + old, 0, ((size_t)cap * ns - old) * sizeof *oh);
    memset(c->v.reserved + old, 0, ((size_t)cap * ns - old) * sizeof *rs);
    c->cap_products = cap;
    return 0;
}

/* Writes row of r into product slot. Returns 1 when the searchable text changed. */
static int set_product(grocer_catalog_t *c, int32_t slot, int fresh, const PGresult *r, int row)
{
    grocer_product_t *p = &c->v.products[slot];
    int32_t brand = id_map_get(c->brand_slot, c->nbrand_ids, num(r, row, P_BRAND));
    int32_t category = id_map_get(c->category_slot, c->ncategory_ids, num(r, row, P_CATEGORY));
    if (category < 0) category = 0;
    int text_changed = fresh || text_differs(p, r, row, brand, category);
    if (fresh || strcmp(p->sku, PQgetvalue(r, row, P_SKU)) || strcmp(p->slug, PQgetvalue(r, row, P_SLUG)))
        c->keys_stale = 1;
#define KEEP_OR_COPY(field, col) \
    if (fresh || strcmp(p->field, PQgetvalue(r, row, col))) p->field = str(c, r, row, col)
    KEEP_OR_COPY(sku, P_SKU);
    KEEP_OR_COPY(slug, P_SLUG);
    KEEP_OR_COPY(name_vi, P_NAME_VI);
    KEEP_OR_COPY(name_en, P_NAME_EN);
    KEEP_OR_COPY(description_vi, P_DESC_VI);
    KEEP_OR_COPY(description_en, P_DESC_EN);
    KEEP_OR_COPY(size_text, P_SIZE_TEXT);
    KEEP_OR_COPY(barcode, P_BARCODE);
    KEEP_OR_COPY(image_url, P_IMAGE);
#undef KEEP_OR_COPY
    p->id = (int32_t)num(r, row, P_ID);
    p->brand = brand;
    p->category = category;
    p->unit = enum_of(PQgetvalue(r, row, P_UNIT), UNITS, GROCER_UNIT_PIECE);
    p->net_quantity = (int32_t)num(r, row, P_NET_QUANTITY);
    p->net_unit = enum_of(PQgetvalue(r, row, P_NET_UNIT), NET_UNITS, GROCER_NET_NONE);
    p->price_vnd = num(r, row, P_PRICE);
    p->list_price_vnd = num(r, row, P_LIST_PRICE);
    p->vat_rate = (uint8_t)num(r, row, P_VAT);
    p->storage = enum_of(PQgetvalue(r, row, P_STORAGE), STORAGES, GROCER_STORAGE_AMBIENT);
    p->shelf_life_days = (int32_t)num(r, row, P_SHELF_LIFE);
    p->abv_tenths = (int16_t)num(r, row, P_ABV);
    p->dietary = dietary_bits(PQgetvalue(r, row, P_DIETARY));
    p->popularity = (int32_t)num(r, row, P_POPULARITY);
    p->flags = (uint8_t)((flag(r, row, P_PERISHABLE) ? GROCER_PRODUCT_PERISHABLE : 0) |
                         (flag(r, row, P_AGE) ? GROCER_PRODUCT_AGE_RESTRICTED : 0) |
                         (flag(r, row, P_FEATURED) ? GROCER_PRODUCT_FEATURED : 0) |
                         (flag(r, row, P_ACTIVE) ? GROCER_PRODUCT_ACTIVE : 0));
    return text_changed;
}

static void rebuild_keys(grocer_catalog_t *c)
{
    strmap_init(&c->by_slug, c->v.nproducts);
    strmap_init(&c->by_sku, c->v.nproducts);
    for (int32_t i = 0; i < c->v.nproducts; i++) {
        strmap_put(&c->by_slug, c->v.products[i].slug, i);
        strmap_put(&c->by_sku, c->v.products[i].sku, i);
    }
    c->keys_stale = 0;
}

static void set_stock_rows(grocer_catalog_t *c, const PGresult *r)
{
    int32_t ns = c->v.nstores;
    for (int row = 0; row < PQntuples(r); row++) {
        int32_t p = id_map_get(c->product_slot, c->nproduct_ids, num(r, row, 0));
        int32_t s = id_map_get(c->store_slot, c->nstore_ids, num(r, row, 1));
        if (p < 0 || s < 0) continue;
        c->v.on_hand[(size_t)p * ns + s] = (int32_t)num(r, row, 2);
        c->v.reserved[(size_t)p * ns + s] = (int32_t)num(r, row, 3);
    }
}

static void catalog_free(grocer_catalog_t *c)
{
    if (!c) return;
    grocer_search_free(c->index);
    free(c->marked);
    free(c->marked_off);
    for (int32_t i = 0; c->category_folded && i < c->v.ncategories; i++) free(c->category_folded[i]);
    free(c->category_folded);
    free(c->v.products);
    free(c->v.categories);
    free(c->v.brands);
    free(c->v.stores);
    free(c->v.on_hand);
    free(c->v.reserved);
    free(c->product_slot);
    free(c->category_slot);
    free(c->brand_slot);
    free(c->store_slot);
    free(c->by_slug.e);
    free(c->by_sku.e);
    free(c->by_category.e);
    free(c->by_brand.e);
    free(c->by_store.e);
    arena_free(&c->arena);
    free(c);
}

/* " name_vi name_en parent_vi parent_en " folded: word matches are " word " substrings. */
static char *fold_category(const grocer_catalog_t *c, int32_t i)
{
    char raw[1024], folded[1024];
    const grocer_category_t *k = &c->v.categories[i];
    const grocer_category_t *up = k->parent >= 0 ? &c->v.categories[k->parent] : NULL;
    snprintf(raw, sizeof raw, "%s %s %s %s", k->name_vi, k->name_en, up ? up->name_vi : "", up ? up->name_en : "");
    int n = grocer_search_fold(raw, strlen(raw), folded, sizeof folded);
    char *out = malloc((n > 0 ? (size_t)n : 0) + 3);
    if (out) snprintf(out, (n > 0 ? (size_t)n : 0) + 3, " %s ", n > 0 ? folded : "");
    return out;
}

/* s case-folded with its diacritics kept, NFC (utf8proc); NULL when it is not UTF-8. */
static char *fold_marked(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0) return NULL;
    return (char *)out;
}

grocer_catalog_t *grocer__catalog_build(const PGresult *categories, const PGresult *brands, const PGresult *stores,
                                        const PGresult *products, const PGresult *stock, char *err, size_t errlen)
{
    grocer_catalog_t *c = calloc(1, sizeof *c);
    if (!c) goto oom;
    int n = PQntuples(categories);
    c->v.categories = calloc((size_t)n + 1, sizeof *c->v.categories);
    if (!c->v.categories) goto oom;
    for (int i = 0; i < n; i++) {
        grocer_category_t *k = &c->v.categories[i];
        k->id = (int32_t)num(categories, i, 0);
        k->parent = (int32_t)num(categories, i, 1);   /* an id for now; a slot below */
        k->slug = str(c, categories, i, 2);
        k->name_vi = str(c, categories, i, 3);
        k->name_en = str(c, categories, i, 4);
        k->position = (int32_t)num(categories, i, 5);
        if (id_map_set(&c->category_slot, &c->ncategory_ids, k->id, i) < 0) goto bad_id;
    }
    c->v.ncategories = n;
    strmap_init(&c->by_category, n);
    for (int i = 0; i < n; i++) {
        grocer_category_t *k = &c->v.categories[i];
        k->parent = id_map_get(c->category_slot, c->ncategory_ids, k->parent);
        strmap_put(&c->by_category, k->slug, i);
    }
    c->category_folded = calloc((size_t)n + 1, sizeof *c->category_folded);
    if (!c->category_folded) goto oom;
    for (int i = 0; i < n; i++)
        if (!(c->category_folded[i] = fold_category(c, i))) goto oom;

    n = PQntuples(brands);
    c->v.brands = calloc((size_t)n + 1, sizeof *c->v.brands);
    if (!c->v.brands) goto oom;
    strmap_init(&c->by_brand, n);
    for (int i = 0; i < n; i++) {
        grocer_brand_t *b = &c->v.brands[i];
        b->id = (int32_t)num(brands, i, 0);
        b->slug = str(c, brands, i, 1);
        b->name = str(c, brands, i, 2);
        b->origin = str(c, brands, i, 3);
        if (id_map_set(&c->brand_slot, &c->nbrand_ids, b->id, i) < 0) goto bad_id;
        strmap_put(&c->by_brand, b->slug, i);
    }
    c->v.nbrands = n;

    n = PQntuples(stores);
    c->v.stores = calloc((size_t)n + 1, sizeof *c->v.stores);
    if (!c->v.stores) goto oom;
    strmap_init(&c->by_store, n);
    for (int i = 0; i < n; i++) {
        grocer_store_t *s = &c->v.stores[i];
        s->id = (int32_t)num(stores, i, 0);
        s->code = str(c, stores, i, 1);
        s->name_vi = str(c, stores, i, 2);
        s->name_en = str(c, stores, i, 3);
        s->province_code = str(c, stores, i, 4);
        s->ward_code = str(c, stores, i, 5);
        s->address_vi = str(c, stores, i, 6);
        s->address_en = str(c, stores, i, 7);
        s->phone = str(c, stores, i, 8);
        snprintf(s->opens_at, sizeof s->opens_at, "%s", PQgetvalue(stores, i, 9));
        snprintf(s->closes_at, sizeof s->closes_at, "%s", PQgetvalue(stores, i, 10));
        s->pickup = (uint8_t)flag(stores, i, 11);
        s->active = (uint8_t)flag(stores, i, 12);
        if (id_map_set(&c->store_slot, &c->nstore_ids, s->id, i) < 0) goto bad_id;
        strmap_put(&c->by_store, s->code, i);
    }
    c->v.nstores = n;

    if (PQnfields(products) != P_NCOLS) {
        snprintf(err, errlen, "products: %d columns, expected %d", PQnfields(products), P_NCOLS);
        catalog_free(c);
        return NULL;
    }
    n = PQntuples(products);
    if (grow_products(c, n + 1) < 0) goto oom;
    for (int i = 0; i < n; i++) {
        if (id_map_set(&c->product_slot, &c->nproduct_ids, num(products, i, P_ID), i) < 0) goto bad_id;
        set_product(c, i, 1, products, i);
    }
    c->v.nproducts = n;
    rebuild_keys(c);
    set_stock_rows(c, stock);
    c->v.version = c->v.products_version = ++version_counter;
    c->v.shape_version = ++shape_counter;
    c->reindex_wanted = 1;
    return c;

bad_id:
    snprintf(err, errlen, "an id out of range (1..%d)", MAX_ID - 1);
    catalog_free(c);
    return NULL;
oom:
    snprintf(err, errlen, "out of memory");
    catalog_free(c);
    return NULL;
}

static void apply_products(grocer_catalog_t *c, const PGresult *r, const int32_t *ids, int nids)
{
    int text_changed = 0, shape_changed = 0;
    for (int i = 0; i < nids; i++) {
        int found = 0;
        for (int row = 0; row < PQntuples(r) && !found; row++) found = num(r, row, P_ID) == ids[i];
        int32_t slot = id_map_get(c->product_slot, c->nproduct_ids, ids[i]);
        if (!found && slot >= 0 && (c->v.products[slot].flags & GROCER_PRODUCT_ACTIVE)) {
            c->v.products[slot].flags &= (uint8_t)~GROCER_PRODUCT_ACTIVE;   /* deleted */
            text_changed = shape_changed = 1;
        }
    }
    for (int row = 0; row < PQntuples(r); row++) {
        int64_t id = num(r, row, P_ID);
        int32_t slot = id_map_get(c->product_slot, c->nproduct_ids, id);
        int fresh = slot < 0;
        if (fresh) {
            slot = c->v.nproducts;
            if (grow_products(c, slot + 1) < 0 || id_map_set(&c->product_slot, &c->nproduct_ids, id, slot) < 0) {
                grocer_log(GROCER_LOG_ERROR, "catalog", "cannot add product %lld (out of memory or id)", (long long)id);
                continue;
            }
            memset(&c->v.products[slot], 0, sizeof c->v.products[slot]);
            c->v.nproducts++;
        }
        if (set_product(c, slot, fresh, r, row)) text_changed = shape_changed = 1;
    }
    if (c->keys_stale) {
        rebuild_keys(c);
        shape_changed = 1;
    }
    c->v.version = c->v.products_version = ++version_counter;
    if (shape_changed) c->v.shape_version = ++shape_counter;
    if (text_changed) {
        c->reindex_wanted = 1;
        if (timers_ready) uv_timer_start(&reindex_timer, on_reindex_timer, REINDEX_DELAY_MS, 0);
    }
}

static void apply_stock(grocer_catalog_t *c, const PGresult *r, const int32_t *ids, int nids)
{
    int32_t ns = c->v.nstores;
    for (int i = 0; i < nids; i++) {
        int32_t p = id_map_get(c->product_slot, c->nproduct_ids, ids[i]);
        if (p < 0) continue;
        memset(c->v.on_hand + (size_t)p * ns, 0, (size_t)ns * sizeof *c->v.on_hand);
        memset(c->v.reserved + (size_t)p * ns, 0, (size_t)ns * sizeof *c->v.reserved);
    }
    set_stock_rows(c, r);
    c->v.version = ++version_counter;
}

void grocer_catalog_on_change(grocer_catalog_change_fn fn, void *arg)
{
    change_fn = fn;
    change_arg = arg;
}

static void changed(const int32_t *ids, int nids)
{
    if (change_fn) change_fn(change_arg, ids, nids);
}

/* Changes go to the catalog being served and to the one waiting for its index, if any. */
void grocer__catalog_apply_products(const PGresult *r, const int32_t *ids, int nids)
{
    if (current) apply_products(current, r, ids, nids);
    if (pending) apply_products(pending, r, ids, nids);
    if (current) changed(ids, nids);
}

void grocer__catalog_apply_stock(const PGresult *r, const int32_t *ids, int nids)
{
    if (current) apply_stock(current, r, ids, nids);
    if (pending) apply_stock(pending, r, ids, nids);
    if (current) changed(ids, nids);
}

/* ---- the search index, built off the loop ---- */

typedef struct {
    uv_work_t work;
    grocer_catalog_t *c;
    int32_t ndocs;
    const char **texts;                 /* ndocs x 5: name_vi, name_en, brand, category vi, en */
    grocer_search_t *index;
    char *marked;                       /* the names folded with their marks, see grocer_catalog_s */
    uint32_t *marked_off;
} reindex_t;

/* Every doc's name_vi folded with its diacritics, one buffer; 0 or -1. */
static int fold_names(reindex_t *job)
{
    size_t cap = 1 << 20, used = 0;
    job->marked = malloc(cap);
    job->marked_off = malloc(((size_t)job->ndocs + 1) * sizeof *job->marked_off);
    if (!job->marked || !job->marked_off) return -1;
    for (int32_t d = 0; d < job->ndocs; d++) {
        const char *name = job->texts[(size_t)d * 5];
        char *m = name ? fold_marked(name, strlen(name)) : NULL;
        size_t n = m ? strlen(m) : 0;
        if (used + n + 1 > cap || used + n + 1 > UINT32_MAX) {
            while (used + n + 1 > cap) cap *= 2;
            char *p = cap <= UINT32_MAX ? realloc(job->marked, cap) : NULL;
            if (!p) {
                free(m);
                return -1;
            }
            job->marked = p;
        }
        job->marked_off[d] = (uint32_t)used;
        memcpy(job->marked + used, m ? m : "", n + 1);
        used += n + 1;
        free(m);
    }
    return 0;
}

static void reindex_work(uv_work_t *w)
{
    reindex_t *job = w->data;
    grocer_search_t *s = grocer_search_new();
    if (!s) return;
    static const int fields[5] = {0, 1, 2, 3, 3};
    for (int32_t d = 0; d < job->ndocs; d++) {
        const char **t = job->texts + (size_t)d * 5;
        if (!t[0]) continue;            /* inactive: not searchable */
        for (int f = 0; f < 5; f++)
            if (t[f][0]) grocer_search_add(s, (uint32_t)d, fields[f], t[f], strlen(t[f]));
    }
    if (grocer_search_build(s) < 0 || fold_names(job) < 0) {
        grocer_search_free(s);
        return;
    }
    job->index = s;
}

static void start_reindex(grocer_catalog_t *c);
static void retire(grocer_catalog_t *c);

static void reindex_done(uv_work_t *w, int status)
{
    reindex_t *job = w->data;
    grocer_catalog_t *c = job->c;
    c->building = 0;
    if (job->index && !c->retired) {
        grocer_search_free(c->index);
        free(c->marked);
        free(c->marked_off);
        c->index = job->index;
        c->marked = job->marked;
        c->marked_off = job->marked_off;
        c->nmarked = job->ndocs;
        job->marked = NULL;
        job->marked_off = NULL;
        c->v.version = ++version_counter;
        if (c == pending) {
            if (current) retire(current);
            current = c;
            pending = NULL;
            c->v.shape_version = ++shape_counter;
            c->v.products_version = c->v.version;
            changed(NULL, 0);
        }
        grocer_log(GROCER_LOG_INFO, "catalog", "search index of %d products ready (%zu KB)", job->ndocs,
                        grocer_search_memory(c->index) / 1024);
    } else {
        grocer_search_free(job->index);
        if (!job->index && !c->retired) grocer_log(GROCER_LOG_ERROR, "catalog", "the search index build failed");
    }
    free(job->texts);
    free(job->marked);
    free(job->marked_off);
    free(job);
    if (c->reindex_wanted && !c->retired) start_reindex(c);
}

static void start_reindex(grocer_catalog_t *c)
{
    if (c->building || !the_loop) return;
    reindex_t *job = calloc(1, sizeof *job);
    if (!job) return;
    job->c = c;
    job->ndocs = c->v.nproducts;
    job->texts = calloc((size_t)job->ndocs * 5 + 1, sizeof *job->texts);
    if (!job->texts) {
        free(job);
        return;
    }
    for (int32_t d = 0; d < job->ndocs; d++) {
        const grocer_product_t *p = &c->v.products[d];
        if (!(p->flags & GROCER_PRODUCT_ACTIVE)) continue;
        const char **t = job->texts + (size_t)d * 5;
        const grocer_category_t *k = &c->v.categories[p->category];
        t[0] = p->name_vi;
        t[1] = p->name_en;
        t[2] = p->brand >= 0 ? c->v.brands[p->brand].name : "";
        t[3] = c->v.ncategories ? k->name_vi : "";
        t[4] = c->v.ncategories ? k->name_en : "";
    }
    c->reindex_wanted = 0;
    c->building = 1;
    job->work.data = job;
    if (uv_queue_work(the_loop, &job->work, reindex_work, reindex_done) < 0) {
        c->building = 0;
        free(job->texts);
        free(job);
    }
}

static void on_reindex_timer(uv_timer_t *t)
{
    if (current && current->reindex_wanted) start_reindex(current);
    if (pending && pending->reindex_wanted) start_reindex(pending);
}

/* Replaced catalogs are freed RETIRE_MS after the swap, once no build holds them. */
static void on_retire_timer(uv_timer_t *t)
{
    uint64_t now = uv_now(the_loop);
    grocer_catalog_t **pp = &retired_list;
    while (*pp) {
        grocer_catalog_t *c = *pp;
        if (!c->building && now - c->retired_at >= RETIRE_MS) {
            *pp = c->next_retired;
            catalog_free(c);
        } else {
            pp = &c->next_retired;
        }
    }
}

static void retire(grocer_catalog_t *c)
{
    c->retired = 1;
    c->retired_at = the_loop ? uv_now(the_loop) : 0;
    c->next_retired = retired_list;
    retired_list = c;
    if (timers_ready) uv_timer_start(&retire_timer, on_retire_timer, RETIRE_MS + 100, 0);
}

static void init_timers(void)
{
    if (timers_ready || !the_loop) return;
    uv_timer_init(the_loop, &reindex_timer);
    uv_timer_init(the_loop, &retire_timer);
    uv_unref((uv_handle_t *)&reindex_timer);
    uv_unref((uv_handle_t *)&retire_timer);
    timers_ready = 1;
}

void grocer__catalog_init(uv_loop_t *loop)
{
    the_loop = loop;
    init_timers();
}

/* The first catalog serves once its index is built; a later one waits as pending and replaces
 * the current one only then, so a full reload never leaves the shop without a catalog. */
void grocer__catalog_install(grocer_catalog_t *c)
{
    init_timers();
    if (!current) {
        current = c;
    } else {
        if (pending) retire(pending);
        pending = c;
    }
    start_reindex(c);
}

void grocer__catalog_shutdown(void)
{
    while (retired_list) {
        grocer_catalog_t *c = retired_list;
        retired_list = c->next_retired;
        if (!c->building) catalog_free(c);   /* a running build's job frees nothing; the process ends */
    }
    if (current && !current->building) catalog_free(current);
    if (pending && !pending->building) catalog_free(pending);
    current = pending = NULL;
}

/* ---- FFI entry points ---- */

const grocer_catalog_view_t *grocer_catalog_current(void)
{
    return current && current->index ? &current->v : NULL;
}

int32_t grocer_catalog_find(int kind, const char *key, size_t len)
{
    if (!current) return -1;
    switch (kind) {
    case GROCER_FIND_PRODUCT_SLUG: return strmap_get(&current->by_slug, key, len);
    case GROCER_FIND_PRODUCT_SKU: return strmap_get(&current->by_sku, key, len);
    case GROCER_FIND_CATEGORY: return strmap_get(&current->by_category, key, len);
    case GROCER_FIND_BRAND: return strmap_get(&current->by_brand, key, len);
    case GROCER_FIND_STORE: return strmap_get(&current->by_store, key, len);
    default: return -1;
    }
}

int grocer_catalog_fold(const char *in, size_t len, char *out, size_t cap)
{
    return grocer_search_fold(in, len, out, cap);
}

typedef struct {
    double key;
    int32_t slot, tier;
} ranked_t;

/* best first; ties by slot for a stable order */
static int ranked_cmp(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? 1 : -1;
    return (x->slot > y->slot) - (x->slot < y->slot);
}

/* Moves the k best of r[0..n-1] to the front (quickselect; order inside left to qsort). */
static void select_best(ranked_t *r, int32_t n, int32_t k)
{
    int32_t lo = 0, hi = n - 1;
    while (lo < hi) {
        ranked_t pivot = r[lo + (hi - lo) / 2];
        int32_t i = lo, j = hi;
        while (i <= j) {
            while (ranked_cmp(&r[i], &pivot) < 0) i++;
            while (ranked_cmp(&r[j], &pivot) > 0) j--;
            if (i <= j) {
                ranked_t t = r[i];
                r[i++] = r[j];
                r[j--] = t;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return;
    }
}

/* The words of a query, folded, each as " word " for a whole-word strstr. */
typedef struct {
    char buf[GROCER_SEARCH_MAX_QUERY + 2 * GROCER_SEARCH_MAX_WORDS + 8];
    const char *word[GROCER_SEARCH_MAX_WORDS];
    int n;
} query_words_t;

static void split_words(const char *q, query_words_t *qw)
{
    char folded[GROCER_SEARCH_MAX_QUERY * 2];
    size_t len = strlen(q);
    if (len > GROCER_SEARCH_MAX_QUERY) len = GROCER_SEARCH_MAX_QUERY;
    int n = grocer_search_fold(q, len, folded, sizeof folded);
    qw->n = 0;
    char *out = qw->buf;
    char *save = NULL;
    for (char *w = n > 0 ? strtok_r(folded, " ", &save) : NULL; w && qw->n < GROCER_SEARCH_MAX_WORDS;
         w = strtok_r(NULL, " ", &save)) {
        qw->word[qw->n++] = out;
        out += sprintf(out, " %s ", w) + 1;
    }
}

static int in_category(const grocer_catalog_t *c, int32_t k, const query_words_t *qw)
{
    if (k < 0 || k >= c->v.ncategories) return 0;
    for (int i = 0; i < qw->n; i++)
        if (!strstr(c->category_folded[k], qw->word[i])) return 0;
    return 1;
}

/* Typed with diacritics (or any letter beyond ASCII)? */
static int has_marks(const char *q)
{
    for (; *q; q++)
        if ((unsigned char)*q >= 0x80) return 1;
    return 0;
}

static grocer_search_hit_t *scratch_hits;
static ranked_t *scratch_ranked;
static int32_t scratch_cap;

int32_t grocer_catalog_search(const char *const *queries, int nq, int32_t store, const grocer_rank_weights_t *w,
                              grocer_catalog_hit_t *out, int32_t cap)
{
    grocer_catalog_t *c = current;
    if (!c || !c->index || nq <= 0) return 0;
    int32_t need = c->v.nproducts + 1;
    if (need > scratch_cap) {
        grocer_search_hit_t *h = realloc(scratch_hits, (size_t)need * sizeof *h);
        if (h) scratch_hits = h;
        ranked_t *r = realloc(scratch_ranked, (size_t)need * sizeof *r);
        if (r) scratch_ranked = r;
        if (!h || !r) return 0;
        scratch_cap = need;
    }
    int matches = grocer_search_query(c->index, queries, nq, scratch_hits, scratch_cap);
    if (matches > scratch_cap) matches = scratch_cap;
    query_words_t words;
    split_words(queries[0], &words);
    /* the diacritics as typed, in the query or a synonym of it */
    char *marked[GROCER_CATALOG_MAX_VARIANTS];
    int nmarked = 0;
    for (int v = 0; v < nq && v < GROCER_CATALOG_MAX_VARIANTS; v++)
        if (has_marks(queries[v]) && (marked[nmarked] = fold_marked(queries[v], strlen(queries[v])))) nmarked++;
    int32_t ns = c->v.nstores, n = 0;
    for (int i = 0; i < matches; i++) {
        int32_t slot = (int32_t)scratch_hits[i].doc;
        if (slot >= c->v.nproducts) continue;
        const grocer_product_t *p = &c->v.products[slot];
        if (!(p->flags & GROCER_PRODUCT_ACTIVE)) continue;
        int tier = scratch_hits[i].tier > 4 ? 4 : scratch_hits[i].tier;
        double key = w->tier[tier] + w->popularity * p->popularity + w->text * scratch_hits[i].score;
        if (store >= 0 && store < ns) {
            size_t at = (size_t)slot * ns + store;
            if (c->v.on_hand[at] > c->v.reserved[at]) key += w->in_stock;
        }
        if (words.n && in_category(c, p->category, &words)) key += w->category;
        for (int v = 0; v < nmarked && slot < c->nmarked; v++)
            if (strstr(c->marked + c->marked_off[slot], marked[v])) {
                key += w->marks;
                break;
            }
        scratch_ranked[n++] = (ranked_t){key, slot, tier};
    }
    for (int v = 0; v < nmarked; v++) free(marked[v]);
    if (cap > MAX_HITS) cap = MAX_HITS;
    int32_t k = n < cap ? n : cap;
    if (k < n) select_best(scratch_ranked, n, k);
    qsort(scratch_ranked, (size_t)k, sizeof *scratch_ranked, ranked_cmp);
    for (int32_t i = 0; i < k; i++) out[i] = (grocer_catalog_hit_t){scratch_ranked[i].slot, scratch_ranked[i].tier};
    return n;
}
