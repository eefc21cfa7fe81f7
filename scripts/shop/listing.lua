-- scripts/shop/listing.lua: the business of a product listing (a category page or search
-- results): reading ?brand=&price=&in_stock=1&sort=&page= (and ?cat= for search), filtering and
-- counting facets (search/facets.lua), sorting, cutting one page of 24, and the links that keep
-- the filters. Templates get views of it; the texts are theirs.
--
-- DESIGN: a listing is computed from the worker's catalog without a database round trip. A
-- category's products come most popular first from catalog.category_products (derived once per
-- shape version), so the default page of a category only slices that array. Whatever a listing
-- computes beyond that (filtered lists, facet counts, other sort orders, search hits) is kept in
-- a cache keyed by the request's shape (category or query, store, filters, sort) and emptied
-- when catalog.version() moves: a price or stock change shows at once, and pages between two
-- changes cost one lookup. The cache holds at most CACHE_MAX_SLOTS product slots in all.
local catalog = require "grocer.catalog"
local util = require "grocer.util"
local columns = require "shop.columns"
local format = require "shop.format"
local facets = require "search.facets"

local concat = table.concat
local floor = math.floor
local sort = table.sort
local tonumber = tonumber
local type = type
local url_encode = util.url_encode


local _M = {}


_M.PER_PAGE = 24
_M.SORTS = { "relevance", "popularity", "price_asc", "price_desc", "name", "unit_price" }
_M.MAX_BRAND_FACETS = 20
_M.MAX_CATEGORY_FACETS = 12
_M.MAX_PAGE = 100000
_M.CACHE_MAX_SLOTS = 1000000

local SORT_OK = {}
for _, s in ipairs(_M.SORTS) do
    SORT_OK[s] = true
end


-- ---- reading the query string ----

local first = util.first


local function list_of(v)
    if v == nil or v == "" then
        return {}
    end
    if type(v) == "table" then
        return v
    end
    return { v }
end


-- parse(query, opts) -> filters
--   { brands = {slug, ...} (known ones, sorted), brand_set = {[brand slot] = true} | nil,
--     price = band key | nil, band = band index | nil, in_stock = bool, sort = name,
--     page = n >= 1, cat = slug | nil, cat_slot = slot | nil }
-- Unknown brands, bands, sorts and categories are ignored; a page that is not a positive integer
-- is page 1 (one past MAX_PAGE stands for any page beyond it). opts.search: read ?cat= too.
function _M.parse(query, opts)
    local f = { brands = {}, in_stock = false, sort = "relevance", page = 1 }
    local seen = {}
    for _, slug in ipairs(list_of(query.brand)) do
        if type(slug) == "string" and #slug <= 100 and not seen[slug] then
            local b = catalog.find_brand(slug)
            if b then
                seen[slug] = true
                f.brands[#f.brands + 1] = slug
                f.brand_set = f.brand_set or {}
                f.brand_set[b] = true
            end
        end
    end
    sort(f.brands)
    local band = format.band(first(query.price))
    if band then
        f.price, f.band = band.key, band.index
    end
    f.in_stock = first(query.in_stock) == "1"
    local s = first(query.sort)
    if SORT_OK[s] then
        f.sort = s
    end
    local page = tonumber(first(query.page))
    if page and page >= 1 and page == floor(page) then
        -- past the last page is a 404 however far past
        f.page = page <= _M.MAX_PAGE and page or _M.MAX_PAGE + 1
    end
    if opts and opts.search then
        local cat = first(query.cat)
        local slot = type(cat) == "string" and #cat <= 100 and catalog.find_category(cat)
        if slot then
            f.cat, f.cat_slot = cat, slot
        end
    end
    return f
end


-- Whether any filter (not sort, not page) is on.
function _M.filtered(f)
    return #f.brands > 0 or f.price ~= nil or f.in_stock or f.cat ~= nil
end


-- The query string ("?q=...&brand=...&page=2", or "") for filters f with some fields replaced:
-- over = {page = 3}, {sort = "name", page = 1}, {brands = {}}, ... Defaults are left out.
function _M.query_string(f, over)
    over = over or {}
    local function pick(k)
        local v = over[k]
        if v == nil then
            v = f[k]
        end
        return v
    end
    local out = {}
    local q = pick("q")
    if q and q ~= "" then
        out[#out + 1] = "q=" .. url_encode(q)
    end
    local cat = pick("cat")
    if cat and cat ~= false then
        out[#out + 1] = "cat=" .. url_encode(cat)
    end
    for _, slug in ipairs(pick("brands") or {}) do
        out[#out + 1] = "brand=" .. url_encode(slug)
    end
    local price = pick("price")
    if price and price ~= false then
        out[#out + 1] = "price=" .. url_encode(price)
    end
    if pick("in_stock") then
        out[#out + 1] = "in_stock=1"
    end
    local s = pick("sort")
    if s and s ~= "relevance" then
        out[#out + 1] = "sort=" .. s
    end
    local page = pick("page")
    if page and page > 1 then
        out[#out + 1] = "page=" .. page
    end
    if #out == 0 then
        return ""
    end
    return "?" .. concat(out, "&")
end


-- ---- the cache ----

local cache_version, cache, cache_slots = -1, {}, 0


local function cache_get(key)
    local v = catalog.version()
    if v ~= cache_version then
        cache_version, cache, cache_slots = v, {}, 0
        return nil
    end
    return cache[key]
end


local function cache_put(key, result, copied)
    if copied > 0 then
        if cache_slots + copied > _M.CACHE_MAX_SLOTS then
            cache, cache_slots = {}, 0
        end
        cache_slots = cache_slots + copied
    end
    cache[key] = result
end


-- ---- sorting ----

local function copy(list)
    local out = {}
    for k = 1, #list do
        out[k] = list[k]
    end
    return out
end


-- sorted(list, how, code) -> list in the order `how` (a new array; list itself for relevance).
-- Ties keep the list's order. Products without a unit price sort last by unit price.
function _M.sorted(list, how, code)
    if how == "relevance" or #list < 2 then
        return list
    end
    local out = copy(list)
    local pos, key = {}, {}
    for k = 1, #out do
        pos[out[k]] = k
    end
    local less
    if how == "popularity" then
        for k = 1, #out do
            local i = out[k]
            key[i] = -columns.popularity(i)
        end
    elseif how == "price_asc" or how == "price_desc" then
        local sign = how == "price_asc" and 1 or -1
        for k = 1, #out do
            local i = out[k]
            key[i] = sign * catalog.price(i)
        end
    elseif how == "unit_price" then
        for k = 1, #out do
            local i = out[k]
            key[i] = columns.price_per_base(i) or math.huge
        end
    elseif how == "name" then
        for k = 1, #out do
            local i = out[k]
            key[i] = columns.name(i, code)
        end
    end
    less = function(a, b)
        local x, y = key[a], key[b]
        if x ~= y then
            return x < y
        end
        return pos[a] < pos[b]
    end
    sort(out, less)
    return out
end


-- ---- running a listing ----

local function filter_key(f)
    return concat(f.brands, ",") .. "|" .. (f.price or "") .. "|" .. (f.in_stock and "1" or "")
           .. "|" .. (f.cat or "")
end


-- The category slots under (and including) category c, as a set.
local function subtree(c, out)
    out = out or {}
    out[c] = true
    for _, child in ipairs(catalog.category_children(c)) do
        subtree(child, out)
    end
    return out
end


-- run(kind, key, base, f, ctx) -> result
--   kind, key  what is listed, for the cache: "c", category slug; "s", the query
--   base       function() -> slots in relevance order[, extra] (called only on a cache miss;
--              extra is kept as result.extra)
--   f          filters from parse()
--   ctx        { store = store slot | nil, lang = "vi" | "en", search = bool }
--   result     { list = slots in the asked order, total = #list, brands = {[b] = n},
--                bands = {[band] = n}, in_stock = n, categories = {[c] = n} | nil,
--                matches = what the base matched before filters }
-- A category's relevance order is its popularity order.
function _M.run(kind, key, base, f, ctx)
    local how = f.sort
    if kind == "c" and how == "popularity" then
        how = "relevance"
    end
    local store = ctx.store or 0
    local ck = kind .. "\0" .. key .. "\0" .. store .. "\0" .. filter_key(f) .. "\0" .. how
               .. (how == "name" and ctx.lang or "")
    local hit = cache_get(ck)
    if hit then
        return hit
    end
    columns.sync()
    local slots, extra = base()
    local filter = { brands = f.brand_set, band = f.band, in_stock = f.in_stock,
                     categories = f.cat_slot and subtree(f.cat_slot) or nil }
    local acc = {
        brand = columns.brand,
        category = columns.category,
        price = catalog.price,
        in_stock = store > 0 and function(i)
            return catalog.available(i, store) > 0
        end or function()
            return false
        end,
        want_categories = ctx.search,
    }
    local result = facets.run(slots, filter, acc)
    local copied = result.list ~= slots and #result.list or 0
    local sorted = _M.sorted(result.list, how, ctx.lang)
    if sorted ~= result.list then
        copied = copied + #sorted
    end
    result.list = sorted
    result.matches = #slots
    result.extra = extra
    cache_put(ck, result, copied + (ctx.search and #slots or 0))
    return result
end


-- ---- pages ----

-- page_of(result, page) -> first, last, pages; or nil when page is past the end (404). An empty
-- listing has one (empty) page.
function _M.page_of(total, page)
    local per = _M.PER_PAGE
    local pages = total == 0 and 1 or floor((total + per - 1) / per)
    if page > pages then
        return nil, nil, pages
    end
    local first_k = (page - 1) * per + 1
    local last_k = first_k + per - 1
    if last_k > total then
        last_k = total
    end
    return first_k, last_k, pages
end


-- The pagination links: {prev = href|nil, next = href|nil, items = {{page, href, current} or
-- {gap = true}}}, around the current page, keeping the filters; nil for a single page.
function _M.pagination(base_path, f, pages)
    if pages <= 1 then
        return nil
    end
    local page = f.page
    -- the filters' part is the same in every link: build it once
    local base = base_path .. _M.query_string(f, { page = 1 })
    local sep = base:find("?", 1, true) and "&page=" or "?page="
    local function href(n)
        if n == 1 then
            return base
        end
        return base .. sep .. n
    end
    local items, last_shown = {}, 0
    for n = 1, pages do
        if n == 1 or n == pages or (n >= page - 2 and n <= page + 2) then
            if n > last_shown + 1 then
                items[#items + 1] = { gap = true }
            end
            items[#items + 1] = { page = n, href = href(n), current = n == page }
            last_shown = n
        end
    end
    return {
        prev = page > 1 and href(page - 1) or nil,
        next = page < pages and href(page + 1) or nil,
        items = items,
        page = page,
        pages = pages,
    }
end


-- ---- facet views ----

-- facet_views(result, f, code) -> {brands = {...}, bands = {...}, in_stock = {...},
-- categories = {...}}: what the filter form shows, each with its count and whether it is on.
local brand_shape, brand_views = -1, {}


-- {slug, name} of brand slot b, made once per shape version.
local function brand_view(b)
    local shape = catalog.shape_version()
    if shape ~= brand_shape then
        brand_shape, brand_views = shape, {}
    end
    local v = brand_views[b]
    if v == nil then
        local rec = catalog.brand(b)
        v = rec and { slug = rec.slug, name = rec.name } or false
        brand_views[b] = v
    end
    return v or nil
end


-- The views are kept in the (cached) result, per language: the result's key holds the filters.
function _M.facet_views(result, f, code)
    local cached = result.views and result.views[code]
    if cached then
        return cached
    end
    local views = {}
    local brands = {}
    for _, t in ipairs(facets.top(result.brands, _M.MAX_BRAND_FACETS, f.brand_set)) do
        local b = brand_view(t.key)
        if b then
            brands[#brands + 1] = { slug = b.slug, name = b.name, count = t.count,
                                    selected = f.brand_set ~= nil and f.brand_set[t.key] == true }
        end
    end
    views.brands = brands
    local bands = {}
    for i, band in ipairs(format.BANDS) do
        local count = result.bands[i] or 0
        if count > 0 or f.band == i then
            local v = format.band_view(band)
            v.count, v.selected = count, f.band == i
            bands[#bands + 1] = v
        end
    end
    views.bands = bands
    views.in_stock = { count = result.in_stock, selected = f.in_stock }
    if result.categories then
        local cats = {}
        local keep = f.cat_slot and { [f.cat_slot] = true } or nil
        for _, t in ipairs(facets.top(result.categories, _M.MAX_CATEGORY_FACETS, keep)) do
            local c = catalog.category(t.key)
            if t.key == f.cat_slot and t.count == 0 then
                -- an aisle: counts are per category, add up those under it
                for slot in pairs(subtree(t.key)) do
                    t.count = t.count + (result.categories[slot] or 0)
                end
            end
            if c then
                cats[#cats + 1] = { slug = c.slug, name = code == "en" and c.name_en or c.name_vi,
                                    count = t.count, selected = f.cat_slot == t.key }
            end
        end
        views.categories = cats
    end
    result.views = result.views or {}
    result.views[code] = views
    return views
end


return _M
