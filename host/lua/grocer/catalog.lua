-- grocer/catalog.lua: the worker's catalog read model for handlers: products, prices, categories,
-- brands, stores, stock per store and ranked search. The data lives in C memory owned by the
-- worker (host/catalog.c), kept current from PostgreSQL's grocer_changes; this module reads it
-- through read-only FFI views, so browsing needs no database round trip and 50,000 products stay
-- out of the Lua heap. Slots are 1-based here (0-based in C). Values are copied out: nothing
-- handed to a handler points into C memory, so a handler may keep them across a wait.
local ffi = require "ffi"

ffi.cdef [[
typedef struct {
    const char *sku, *slug, *name_vi, *name_en, *description_vi, *description_en;
    const char *size_text, *barcode, *image_url;
    int64_t price_vnd, list_price_vnd;
    int32_t id, brand, category;
    int32_t net_quantity;
    int32_t shelf_life_days;
    int32_t popularity;
    int16_t abv_tenths;
    uint8_t unit, net_unit, storage, vat_rate;
    uint8_t dietary;
    uint8_t flags;
} grocer_product_t;
typedef struct {
    const char *slug, *name_vi, *name_en;
    int32_t id, parent, position;
} grocer_category_t;
typedef struct {
    const char *slug, *name, *origin;
    int32_t id;
} grocer_brand_t;
typedef struct {
    const char *code, *name_vi, *name_en, *province_code, *ward_code, *address_vi, *address_en, *phone;
    char opens_at[8], closes_at[8];
    int32_t id;
    uint8_t pickup, active;
} grocer_store_t;
typedef struct {
    uint64_t version;
    uint64_t shape_version;
    int32_t nproducts, ncategories, nbrands, nstores;
    grocer_product_t *products;
    grocer_category_t *categories;
    grocer_brand_t *brands;
    grocer_store_t *stores;
    int32_t *on_hand, *reserved;
    uint64_t products_version;
} grocer_catalog_view_t;
typedef struct {
    double tier[5];
    double in_stock;
    double popularity;
    double text;
    double category;
    double marks;
} grocer_rank_weights_t;
typedef struct {
    int32_t slot;
    int32_t tier;
} grocer_catalog_hit_t;
const grocer_catalog_view_t *grocer_catalog_current(void);
int32_t grocer_catalog_find(int kind, const char *key, size_t len);
int grocer_catalog_fold(const char *in, size_t len, char *out, size_t cap);
int32_t grocer_catalog_search(const char *const *queries, int nq, int32_t store,
                              const grocer_rank_weights_t *w, grocer_catalog_hit_t *out, int32_t cap);
]]

local C = ffi.C
local ffi_string = ffi.string
local tonumber = tonumber
local type = type
local sort = table.sort

local UNITS = {[0] = "piece", "pack", "kg"}
local NET_UNITS = {[0] = false, "g", "ml"}
local STORAGES = {[0] = "ambient", "chilled", "frozen"}
local DIETARY = {"vegetarian", "vegan", "halal", "gluten_free", "organic", "lactose_free"}
local PERISHABLE, AGE_RESTRICTED, FEATURED, ACTIVE = 1, 2, 4, 8
local FIND_SLUG, FIND_SKU, FIND_CATEGORY, FIND_BRAND, FIND_STORE = 0, 1, 2, 3, 4
local MAX_HITS = 5000
local MAX_VARIANTS = 8

local hits_buf = ffi.new("grocer_catalog_hit_t[?]", MAX_HITS)
local queries_buf = ffi.new("const char *[?]", MAX_VARIANTS)
local weights_buf = ffi.new("grocer_rank_weights_t")
local fold_buf_size = 4096
local fold_buf = ffi.new("char[?]", fold_buf_size)


local _M = {}

_M.MAX_HITS = MAX_HITS


local function view()
    local v = C.grocer_catalog_current()
    if v == nil then return nil end
    return v
end


-- A getter of one number of the view (a version or a count); 0 while the catalog loads.
local function counter(field)
    return function()
        local v = view()
        return v and tonumber(v[field]) or 0
    end
end


-- Element i (1-based) of one of the view's arrays, or nil when out of range or still loading.
local function element(list, count, i)
    local v = view()
    if not v or type(i) ~= "number" or i < 1 or i > v[count] then return nil end
    return v[list][i - 1]
end


local function opt_string(p)
    if p == nil then return nil end
    local s = ffi_string(p)
    if s == "" then return nil end
    return s
end


local function has(flags, bit)
    return flags % (bit + bit) >= bit
end


function _M.ready()
    return view() ~= nil
end


_M.version = counter("version")


-- Bumps when a product's row changes (price, names, sizes...), never on stock alone: the key
-- for caches of what a product shows apart from its stock.
_M.products_version = counter("products_version")


_M.shape_version = counter("shape_version")


_M.product_count = counter("nproducts")


-- catalog.product(i) -> a fresh table describing product slot i, or nil.
function _M.product(i)
    local p = element("products", "nproducts", i)
    if not p then return nil end
    local dietary, bits = {}, p.dietary
    for b = 1, #DIETARY do
        if bits % 2 == 1 then dietary[#dietary + 1] = DIETARY[b] end
        bits = (bits - bits % 2) / 2
    end
    local flags = p.flags
    return {
        index = i,
        id = p.id,
        sku = ffi_string(p.sku),
        slug = ffi_string(p.slug),
        name_vi = ffi_string(p.name_vi),
        name_en = ffi_string(p.name_en),
        description_vi = ffi_string(p.description_vi),
        description_en = ffi_string(p.description_en),
        brand = p.brand >= 0 and p.brand + 1 or nil,
        category = p.category + 1,
        unit = UNITS[p.unit],
        size_text = ffi_string(p.size_text),
        net_quantity = p.net_quantity > 0 and p.net_quantity or nil,
        net_unit = NET_UNITS[p.net_unit] or nil,
        price_vnd = tonumber(p.price_vnd),
        list_price_vnd = p.list_price_vnd > 0 and tonumber(p.list_price_vnd) or nil,
        vat_rate = p.vat_rate,
        storage = STORAGES[p.storage],
        perishable = has(flags, PERISHABLE),
        shelf_life_days = p.shelf_life_days > 0 and p.shelf_life_days or nil,
        age_restricted = has(flags, AGE_RESTRICTED),
        abv_percent = p.abv_tenths >= 0 and ("%d.%d"):format(math.floor(p.abv_tenths / 10), p.abv_tenths % 10) or nil,
        dietary = dietary,
        barcode = opt_string(p.barcode),
        image_url = opt_string(p.image_url),
        popularity = p.popularity,
        featured = has(flags, FEATURED),
        active = has(flags, ACTIVE),
    }
end


-- Single fields of product slot i, read from C memory without building a table (listings read
-- them for thousands of products): its brand slot (nil: none), category slot, popularity, and
-- what it holds: unit, net_quantity|nil, net_unit|nil.
function _M.brand_of(i)
    local p = element("products", "nproducts", i)
    if not p or p.brand < 0 then return nil end
    return p.brand + 1
end


function _M.category_of(i)
    local p = element("products", "nproducts", i)
    return p and p.category + 1 or nil
end


function _M.popularity(i)
    local p = element("products", "nproducts", i)
    return p and p.popularity or 0
end


function _M.contents(i)
    local p = element("products", "nproducts", i)
    if not p then return nil end
    return UNITS[p.unit], p.net_quantity > 0 and p.net_quantity or nil, NET_UNITS[p.net_unit] or nil
end


-- catalog.price(i) -> price_vnd, list_price_vnd|nil (no table built)
function _M.price(i)
    local v = view()
    if not v or i < 1 or i > v.nproducts then return nil end
    local p = v.products[i - 1]
    return tonumber(p.price_vnd), p.list_price_vnd > 0 and tonumber(p.list_price_vnd) or nil
end


function _M.active(i)
    local v = view()
    if not v or i < 1 or i > v.nproducts then return false end
    return has(v.products[i - 1].flags, ACTIVE)
end


local function find(kind, key)
    if type(key) ~= "string" or key == "" then return nil end
    local slot = C.grocer_catalog_find(kind, key, #key)
    if slot < 0 then return nil end
    return slot + 1
end


function _M.find_slug(slug) return find(FIND_SLUG, slug) end
function _M.find_sku(sku) return find(FIND_SKU, sku) end
function _M.find_category(slug) return find(FIND_CATEGORY, slug) end
function _M.find_brand(slug) return find(FIND_BRAND, slug) end
function _M.find_store(code) return find(FIND_STORE, code) end


_M.category_count = counter("ncategories")


function _M.category(i)
    local k = element("categories", "ncategories", i)
    if not k then return nil end
    return {
        index = i,
        id = k.id,
        parent = k.parent >= 0 and k.parent + 1 or nil,
        slug = ffi_string(k.slug),
        name_vi = ffi_string(k.name_vi),
        name_en = ffi_string(k.name_en),
        position = k.position,
    }
end


_M.brand_count = counter("nbrands")


function _M.brand(i)
    local b = element("brands", "nbrands", i)
    if not b then return nil end
    return {index = i, id = b.id, slug = ffi_string(b.slug), name = ffi_string(b.name), origin = ffi_string(b.origin)}
end


_M.store_count = counter("nstores")


function _M.store(i)
    local s = element("stores", "nstores", i)
    if not s then return nil end
    return {
        index = i,
        id = s.id,
        code = ffi_string(s.code),
        name_vi = ffi_string(s.name_vi),
        name_en = ffi_string(s.name_en),
        province_code = ffi_string(s.province_code),
        ward_code = opt_string(s.ward_code),
        address_vi = ffi_string(s.address_vi),
        address_en = ffi_string(s.address_en),
        phone = ffi_string(s.phone),
        opens_at = ffi_string(s.opens_at),
        closes_at = ffi_string(s.closes_at),
        pickup = s.pickup ~= 0,
        active = s.active ~= 0,
    }
end


-- catalog.available(product slot, store slot) -> on hand minus reserved, never below 0
function _M.available(i, s)
    local v = view()
    if not v or i < 1 or i > v.nproducts or s < 1 or s > v.nstores then return 0 end
    local at = (i - 1) * v.nstores + (s - 1)
    local n = v.on_hand[at] - v.reserved[at]
    return n > 0 and n or 0
end


function _M.on_hand(i, s)
    local v = view()
    if not v or i < 1 or i > v.nproducts or s < 1 or s > v.nstores then return 0 end
    return v.on_hand[(i - 1) * v.nstores + (s - 1)]
end


-- catalog.wait(i, ms): waits until product i's row or its stock changes, or a new catalog is
-- served, for at most ms milliseconds: true when it changed, false when the time ran out, nil,
-- "closed" when a streaming client has gone. The worker signals "product:<id>" (host/catalog.h,
-- GROCER_CATALOG_SIGNAL_PREFIX) once a change is in the read model, so a stream that waits here
-- sends the change at once, with no polling. Only inside a request's coroutine.
function _M.wait(i, ms)
    local grocer = require "grocer"
    local p = element("products", "nproducts", i)
    if not p then
        return grocer.sleep(ms < 1000 and ms or 1000)   -- still loading: look again within a second
    end
    return grocer.wait("product:" .. p.id, ms)
end


-- ---- structures derived once per shape version ----

local derived = {shape = -1}

local function by_position(v)
    return function(a, b)
        local x, y = v.categories[a - 1], v.categories[b - 1]
        if x.position ~= y.position then return x.position < y.position end
        return a < b
    end
end


local function derive(v)
    local shape = tonumber(v.shape_version)
    if derived.shape == shape then return derived end
    local children, direct, all = {}, {}, {}
    for i = 1, v.ncategories do
        children[i], direct[i] = {}, {}
    end
    local roots = {}
    for i = 1, v.ncategories do
        local parent = v.categories[i - 1].parent
        if parent >= 0 then
            local list = children[parent + 1]
            list[#list + 1] = i
        else
            roots[#roots + 1] = i
        end
    end
    local order = by_position(v)
    sort(roots, order)
    for i = 1, v.ncategories do sort(children[i], order) end
    for i = 1, v.nproducts do
        local p = v.products[i - 1]
        if has(p.flags, ACTIVE) and p.category < v.ncategories then
            local list = direct[p.category + 1]
            list[#list + 1] = i
        end
    end
    -- a category's products: its own and its descendants', most popular first
    local function collect(i, out)
        local own = direct[i]
        for k = 1, #own do out[#out + 1] = own[k] end
        for _, child in ipairs(children[i]) do collect(child, out) end
        return out
    end
    local products = v.products
    local function more_popular(a, b)
        local x, y = products[a - 1].popularity, products[b - 1].popularity
        if x ~= y then return x > y end
        return a < b
    end
    for i = 1, v.ncategories do
        local list = collect(i, {})
        sort(list, more_popular)
        all[i] = list
    end
    derived = {shape = shape, roots = roots, children = children, products = all}
    return derived
end


-- Top-level categories (aisles), by position.
function _M.aisles()
    local v = view()
    if not v then return {} end
    return derive(v).roots
end


function _M.category_children(i)
    local v = view()
    if not v then return {} end
    return derive(v).children[i] or {}
end


-- Active product slots of category i and its descendants, most popular first. Shared: do not
-- modify the array.
function _M.category_products(i)
    local v = view()
    if not v then return {} end
    return derive(v).products[i] or {}
end


-- ---- search ----

-- catalog.fold(s) -> s as the search engine sees it: lowercase, no diacritics, đ -> d
function _M.fold(s)
    if type(s) ~= "string" then return "" end
    if #s >= fold_buf_size then s = s:sub(1, fold_buf_size - 1) end
    local n = C.grocer_catalog_fold(s, #s, fold_buf, fold_buf_size)
    if n < 0 then return "" end
    return ffi_string(fold_buf, n)
end


local TIERS = {"partial", "fuzzy", "prefix", "all_words", "phrase"}

-- catalog.search(variants, opts) -> hits, total. variants: the query (first) and its synonym
-- variants; opts.store (slot), opts.limit (<= MAX_HITS), opts.weights {phrase, all_words, prefix,
-- fuzzy, partial, in_stock, popularity, text, category, marks}. hits: {{i = slot, tier = 0..4}, ...}
-- best first.
function _M.search(variants, opts)
    opts = opts or {}
    if type(variants) == "string" then variants = {variants} end
    local nq = 0
    for k = 1, #variants do
        if nq == MAX_VARIANTS then break end
        if type(variants[k]) == "string" and variants[k] ~= "" then
            queries_buf[nq] = variants[k]
            nq = nq + 1
        end
    end
    if nq == 0 or not view() then return {}, 0 end
    local w = opts.weights or {}
    for t = 0, 4 do weights_buf.tier[t] = w[TIERS[t + 1]] or t * 1000 end
    weights_buf.in_stock = w.in_stock or 500
    weights_buf.popularity = w.popularity or 0.001
    weights_buf.text = w.text or 1
    weights_buf.category = w.category or 0
    weights_buf.marks = w.marks or 0
    local limit = opts.limit or MAX_HITS
    if limit > MAX_HITS then limit = MAX_HITS end
    local store = opts.store and opts.store - 1 or -1
    -- the strings stay referenced by variants while C reads them
    local total = C.grocer_catalog_search(queries_buf, nq, store, weights_buf, hits_buf, limit)
    local n = total < limit and total or limit
    local hits = {}
    for k = 0, n - 1 do
        hits[k + 1] = {i = hits_buf[k].slot + 1, tier = hits_buf[k].tier}
    end
    return hits, total
end


return _M
