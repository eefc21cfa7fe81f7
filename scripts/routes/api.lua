-- scripts/routes/api.lua: the catalog as JSON for apps, the search box and tests:
--   GET /api/v1/search?q=&store=&page=   (also cat, brand, price, in_stock, sort as on the pages)
--       -> {"query", "total", "matches", "page", "pages", "items": [{"sku", "slug", "name": {"vi", "en"},
--           "price_vnd", "list_price_vnd", "unit", "in_stock"}], "facets": {...}}
--   GET /api/v1/suggest?q=[&lang=]        -> {"items": [{"text", "sku", "slug"}]} (8 at most)
--   GET /api/v1/products/{sku}           -> the product, with "stock": [{"store", "available"}]
-- Errors are {"error": {"code", "message"}} with a 4xx (503 while the catalog loads).
-- "in_stock" is at the given store, or at any store without one. "total" counts the results listed
-- (the best search/engine.MAX_RESULTS matches, filtered); "matches" every match of the query.
local catalog = require "grocer.catalog"
local util = require "grocer.util"
local engine = require "search.engine"
local query = require "search.query"
local format = require "shop.format"
local json = require "shop.json"
local listing = require "shop.listing"
local stores = require "shop.stores"
local lang = require "lang"


local _M = {}


_M.SUGGEST_LIMIT = 8


-- Answers already encoded, by request: a search answer depends only on its query string, a
-- suggestion also on the shopper's store and language. Emptied when catalog.version() moves (a
-- price or stock change is in the next answer) or when it holds CACHE_MAX answers.
_M.CACHE_MAX = 5000
local cache_version, cache, cache_n = -1, {}, 0


local function cached(key)
    local v = catalog.version()
    if v ~= cache_version then
        cache_version, cache, cache_n = v, {}, 0
        return nil
    end
    return cache[key]
end


local function remember(key, body)
    if cache_n >= _M.CACHE_MAX then
        cache, cache_n = {}, 0
    end
    cache[key] = body
    cache_n = cache_n + 1
end


local function send_body(res, body)
    res.status = 200
    res:header("Content-Type", "application/json")
    res:send(body)
end


local first = util.first


local function not_ready(res)
    res:header("Retry-After", "2")
    json.error(res, 503, "catalog_loading", "the catalog is loading; try again in a moment")
end


-- In stock at store slot s, or at any active store when s is nil.
local function in_stock(i, s)
    if s then
        return catalog.available(i, s) > 0
    end
    for _, st in ipairs(stores.active()) do
        if catalog.available(i, st) > 0 then
            return true
        end
    end
    return false
end


local function item(p, s)
    return {
        sku = p.sku,
        slug = p.slug,
        name = { vi = p.name_vi, en = p.name_en },
        price_vnd = p.price_vnd,
        list_price_vnd = p.list_price_vnd or json.null,
        unit = p.unit,
        size = p.size_text,
        in_stock = in_stock(p.index, s),
    }
end


local function facets_json(views)
    local out = {}
    local cats = json.array()
    for _, c in ipairs(views.categories or {}) do
        cats[#cats + 1] = { slug = c.slug, name = c.name, count = c.count, selected = c.selected }
    end
    out.categories = cats
    local brands = json.array()
    for _, b in ipairs(views.brands) do
        brands[#brands + 1] = { slug = b.slug, name = b.name, count = b.count, selected = b.selected }
    end
    out.brands = brands
    local bands = json.array()
    for _, b in ipairs(views.bands) do
        local band = format.band(b.key)
        bands[#bands + 1] = { key = b.key, min_vnd = band.min, max_vnd = band.max or json.null,
                              count = b.count, selected = b.selected }
    end
    out.price = bands
    out.in_stock = { count = views.in_stock.count, selected = views.in_stock.selected }
    return out
end


function _M.search(req, res)
    if not catalog.ready() then
        return not_ready(res)
    end
    local key = "s" .. req.query_string
    local body = cached(key)
    if body then
        return send_body(res, body)
    end
    local q = first(req.query.q)
    if type(q) ~= "string" or not q:find("%S") then
        return json.error(res, 400, "missing_query", "q is required")
    end
    q = query.clean(q)
    local store_code = first(req.query.store)
    local s
    if store_code and store_code ~= "" then
        s = stores.find(store_code)
        if not s then
            return json.error(res, 400, "unknown_store", "no active store has the code " .. tostring(store_code))
        end
    end
    local code = lang.SUPPORTED[first(req.query.lang)] and first(req.query.lang) or "vi"
    local f = listing.parse(req.query, { search = true })
    local result = listing.run("s", q, function()
        local r = engine.search(q, s)
        return r.slots, r
    end, f, { store = s, lang = code, search = true })
    local first_k, last_k, pages = listing.page_of(#result.list, f.page)
    if not first_k then
        return json.error(res, 404, "page_out_of_range", "page " .. f.page .. " is past the last page, " .. pages)
    end
    local items = json.array()
    for k = first_k, last_k do
        local p = catalog.product(result.list[k])
        if p then
            items[#items + 1] = item(p, s)
        end
    end
    body = json.encode({
        query = q,
        total = #result.list,
        -- every match, when more than the listed best engine.MAX_RESULTS
        matches = result.extra.total,
        page = f.page,
        pages = pages,
        per_page = listing.PER_PAGE,
        store = s and stores.record(s).code or json.null,
        items = items,
        facets = facets_json(listing.facet_views(result, f, code)),
    })
    remember(key, body)
    send_body(res, body)
end


function _M.suggest(req, res)
    if not catalog.ready() then
        return not_ready(res)
    end
    local q = first(req.query.q)
    local items = json.array()
    res:header("Cache-Control", "no-cache")
    if type(q) == "string" and q:find("%S") then
        local code = first(req.query.lang)
        if not lang.SUPPORTED[code] then
            code = lang.of("/", req.cookies)
        end
        local s = stores.current(req)
        local key = "g" .. (s or 0) .. code .. req.query_string
        local body = cached(key)
        if body then
            return send_body(res, body)
        end
        for _, i in ipairs(engine.suggest(q, s, _M.SUGGEST_LIMIT)) do
            local p = catalog.product(i)
            if p then
                items[#items + 1] = { text = code == "en" and p.name_en or p.name_vi, sku = p.sku, slug = p.slug }
            end
        end
        body = json.encode({ items = items })
        remember(key, body)
        return send_body(res, body)
    end
    json.send(res, { items = items })
end


function _M.product(req, res)
    if not catalog.ready() then
        return not_ready(res)
    end
    local sku = req.params.sku
    local i = #sku <= 64 and catalog.find_sku(sku)
    local p = i and catalog.product(i)
    if not p or not p.active then
        return json.error(res, 404, "not_found", "no product has the SKU " .. sku)
    end
    local brand = p.brand and catalog.brand(p.brand)
    local cat = catalog.category(p.category)
    local stock = json.array()
    for _, s in ipairs(stores.active()) do
        stock[#stock + 1] = { store = stores.record(s).code, available = catalog.available(i, s) }
    end
    local amount, per = format.unit_price(p.price_vnd, p.unit, p.net_quantity, p.net_unit)
    json.send(res, {
        sku = p.sku,
        slug = p.slug,
        name = { vi = p.name_vi, en = p.name_en },
        description = { vi = p.description_vi, en = p.description_en },
        brand = brand and { slug = brand.slug, name = brand.name, origin = brand.origin } or json.null,
        category = cat and { slug = cat.slug, name = { vi = cat.name_vi, en = cat.name_en } } or json.null,
        unit = p.unit,
        size = p.size_text,
        net_quantity = p.net_quantity or json.null,
        net_unit = p.net_unit or json.null,
        price_vnd = p.price_vnd,
        list_price_vnd = p.list_price_vnd or json.null,
        unit_price = amount and { amount_vnd = amount, per = per } or json.null,
        vat_rate = p.vat_rate,
        storage = p.storage,
        perishable = p.perishable,
        shelf_life_days = p.shelf_life_days or json.null,
        age_restricted = p.age_restricted,
        abv_percent = p.abv_percent or json.null,
        dietary = json.array(p.dietary),
        barcode = p.barcode or json.null,
        image_url = p.image_url or json.null,
        stock = stock,
    })
end


function _M.not_found(req, res)
    json.error(res, 404, "not_found", "no such API endpoint: " .. req.path)
end


return _M
