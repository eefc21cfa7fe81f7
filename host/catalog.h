/* catalog.h: the worker's read model of the catalog (DESIGN.md, Data): products, prices,
 * categories, brands, stores, stock per store and the search index, in C memory owned by the
 * worker, not by a code generation. catalog_feed.c loads it from PostgreSQL and keeps it current
 * from NOTIFY grocer_changes; every generation reads it through the read-only FFI views of
 * host/lua/grocer/catalog.lua. Slots are 0-based here (Lua adds one); a slot never moves while
 * the catalog lives. A full reload builds a new catalog and swaps it in; the old one is freed a
 * while later, so a view taken just before the swap stays readable.
 *
 * The structs marked FFI are declared again, identically, in host/lua/grocer/catalog.lua. */
#ifndef GROCER_CATALOG_H
#define GROCER_CATALOG_H

#include <stddef.h>
#include <stdint.h>
#include <libpq-fe.h>
#include <uv.h>

/* FFI */
enum { GROCER_UNIT_PIECE, GROCER_UNIT_PACK, GROCER_UNIT_KG };
enum { GROCER_NET_NONE, GROCER_NET_G, GROCER_NET_ML };
enum { GROCER_STORAGE_AMBIENT, GROCER_STORAGE_CHILLED, GROCER_STORAGE_FROZEN };
enum {
    GROCER_PRODUCT_PERISHABLE = 1,
    GROCER_PRODUCT_AGE_RESTRICTED = 2,
    GROCER_PRODUCT_FEATURED = 4,
    GROCER_PRODUCT_ACTIVE = 8,
};

/* FFI. Strings are NUL-terminated UTF-8, "" when the column is NULL or empty. */
typedef struct {
    const char *sku, *slug, *name_vi, *name_en, *description_vi, *description_en;
    const char *size_text, *barcode, *image_url;
    int64_t price_vnd, list_price_vnd;  /* list_price_vnd 0: no promotion */
    int32_t id, brand, category;        /* brand, category: slots; brand -1: none */
    int32_t net_quantity;               /* 0: unknown; in net_unit */
    int32_t shelf_life_days;            /* 0: unknown */
    int32_t popularity;
    int16_t abv_tenths;                 /* alcohol by volume in tenths of a percent; -1: none */
    uint8_t unit, net_unit, storage, vat_rate;
    uint8_t dietary;                    /* bit i: GROCER_DIETARY[i] (vegetarian, vegan, halal, ...) */
    uint8_t flags;                      /* GROCER_PRODUCT_* */
} grocer_product_t;

/* FFI */
typedef struct {
    const char *slug, *name_vi, *name_en;
    int32_t id, parent, position;       /* parent: slot, -1 for an aisle (top level) */
} grocer_category_t;

/* FFI */
typedef struct {
    const char *slug, *name, *origin;
    int32_t id;
} grocer_brand_t;

/* FFI */
typedef struct {
    const char *code, *name_vi, *name_en, *province_code, *ward_code, *address_vi, *address_en, *phone;
    char opens_at[8], closes_at[8];     /* "07:00" */
    int32_t id;
    uint8_t pickup, active;
} grocer_store_t;

/* FFI: the part of a catalog that Lua reads. */
typedef struct {
    uint64_t version;        /* bumps on every applied change */
    uint64_t shape_version;  /* bumps when products/categories/brands/stores appear, go or move */
    int32_t nproducts, ncategories, nbrands, nstores;
    grocer_product_t *products;
    grocer_category_t *categories;
    grocer_brand_t *brands;
    grocer_store_t *stores;
    int32_t *on_hand, *reserved;  /* [product slot * nstores + store slot] */
    uint64_t products_version; /* bumps when a product row changes (price, name, ...), not on stock */
} grocer_catalog_view_t;

/* FFI */
typedef struct {
    double tier[5];          /* by tier: 0 partial, 1 fuzzy, 2 prefix, 3 all words, 4 phrase */
    double in_stock;         /* added when available at the store */
    double popularity;       /* times the product's popularity */
    double text;             /* times the search engine's score within the tier */
    double category;         /* added when every query word is in the product's category or aisle name */
    double marks;            /* added when the query, typed with diacritics, is in the name as typed */
} grocer_rank_weights_t;

/* FFI */
typedef struct {
    int32_t slot;
    int32_t tier;
} grocer_catalog_hit_t;

/* Names of the dietary bits, in bit order (the CHECK list of products.dietary). */
extern const char *const GROCER_DIETARY[];

enum { GROCER_FIND_PRODUCT_SLUG, GROCER_FIND_PRODUCT_SKU, GROCER_FIND_CATEGORY, GROCER_FIND_BRAND, GROCER_FIND_STORE };

/* ---- FFI entry points (exported from the executable) ---- */

/* The worker's catalog, or NULL while it loads. Take it again after any wait. */
const grocer_catalog_view_t *grocer_catalog_current(void);
/* The slot of a product (by slug or sku), category (slug), brand (slug) or store (code); -1. */
int32_t grocer_catalog_find(int kind, const char *key, size_t len);
/* grocer_search_fold, for Lua. */
int grocer_catalog_fold(const char *in, size_t len, char *out, size_t cap);
/* Runs the query variants, ranks active matches with w (store: slot for in-stock, -1: none) and
 * writes the best min(cap, matches) into out, best first. Returns the number of matches. */
int32_t grocer_catalog_search(const char *const *queries, int nq, int32_t store, const grocer_rank_weights_t *w,
                              grocer_catalog_hit_t *out, int32_t cap);

/* ---- for the worker ---- */

/* Changes, heard on the loop once they are served: ids are the database ids of the products whose
 * row or stock changed; ids NULL (nids 0): a whole new catalog is served. The worker turns them
 * into signals (runtime.h) "product:<id>", which a page's stream waits on (grocer.catalog.wait). */
#define GROCER_CATALOG_SIGNAL_PREFIX "product:"
typedef void (*grocer_catalog_change_fn)(void *arg, const int32_t *ids, int nids);
void grocer_catalog_on_change(grocer_catalog_change_fn fn, void *arg);

/* ---- for catalog_feed.c ---- */

typedef struct grocer_catalog_s grocer_catalog_t;

/* The columns the feed selects, in the order the builders read them. */
#define GROCER_CATALOG_CATEGORY_COLUMNS "id, coalesce(parent_id, 0), slug, name_vi, name_en, position"
#define GROCER_CATALOG_BRAND_COLUMNS "id, slug, name, origin"
#define GROCER_CATALOG_STORE_COLUMNS                                                                   \
    "id, code, name_vi, name_en, province_code, coalesce(ward_code, ''), address_vi, address_en, phone," \
    " to_char(opens_at, 'HH24:MI'), to_char(closes_at, 'HH24:MI'), pickup, active"
#define GROCER_CATALOG_PRODUCT_COLUMNS                                                                        \
    "id, sku, slug, name_vi, name_en, description_vi, description_en, coalesce(brand_id, 0), category_id, unit," \
    " size_text, coalesce(net_quantity, 0), coalesce(net_unit, ''), price_vnd, coalesce(list_price_vnd, 0),"    \
    " vat_rate, storage, perishable, coalesce(shelf_life_days, 0), age_restricted,"                          \
    " coalesce((abv_percent * 10)::int, -1), array_to_string(dietary, ','), coalesce(barcode, ''),"           \
    " coalesce(image_url, ''), popularity, featured, active"
#define GROCER_CATALOG_STOCK_COLUMNS "product_id, store_id, on_hand, reserved"

/* A new catalog from full result sets (the columns above); NULL with err set. */
grocer_catalog_t *grocer__catalog_build(const PGresult *categories, const PGresult *brands,
                                        const PGresult *stores, const PGresult *products,
                                        const PGresult *stock, char *err, size_t errlen);
/* The loop that runs index builds (its threadpool) and the timers. */
void grocer__catalog_init(uv_loop_t *loop);
/* Starts c's search index build; c replaces the current catalog once that is done (the old one
 * is freed a while later). */
void grocer__catalog_install(grocer_catalog_t *c);
/* Upserts the product rows of r; ids asked for but absent from r are deleted (made inactive). */
void grocer__catalog_apply_products(const PGresult *r, const int32_t *ids, int nids);
/* Replaces the stock of the products ids with the rows of r (absent rows: zero). */
void grocer__catalog_apply_stock(const PGresult *r, const int32_t *ids, int nids);
/* Frees every catalog (worker exit). */
void grocer__catalog_shutdown(void);

#endif
