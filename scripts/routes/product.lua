-- scripts/routes/product.lua: /{lang}/p/{slug}, a product's page: price as shoppers read it, the
-- list price struck through on promotion, the price per kg / litre / 100 g, storage and shelf life,
-- 18+ notice, dietary badges, stock at the chosen store and at the others, related products
-- (same category, similar price) and the breadcrumbs. Stock and price come from the read model
-- on every request (a change shows on the next page view).
local catalog = require "grocer.catalog"
local grocer = require "grocer"
local util = require "grocer.util"
local cards = require "shop.cards"
local format = require "shop.format"
local page = require "shop.page"
local stores = require "shop.stores"
local category = require "routes.category"
local lang = require "lang"

local abs = math.abs
local log = math.log


local _M = {}


_M.RELATED = 6
-- how many of the category's products (most popular first) related products are picked from
_M.RELATED_POOL = 400


-- Related products per product slot, kept until catalog.products_version() moves (prices decide them).
local related_version, related_cache, related_n = -1, {}, 0
_M.RELATED_CACHE_MAX = 20000


-- Up to RELATED active products of category c closest in price to product i (same category,
-- similar price), nearest first.
local function nearest_in_price(i, c, price)
    local list = catalog.category_products(c)
    local best = {}
    local n = #list
    if n > _M.RELATED_POOL then
        n = _M.RELATED_POOL
    end
    for k = 1, n do
        local j = list[k]
        if j ~= i then
            local pj = catalog.price(j)
            local d = abs(log(pj / price))
            -- keep the RELATED smallest distances (insertion into a short sorted array)
            local pos = #best + 1
            while pos > 1 and best[pos - 1].d > d do
                pos = pos - 1
            end
            if pos <= _M.RELATED then
                table.insert(best, pos, { i = j, d = d })
                best[_M.RELATED + 1] = nil
            end
        end
    end
    local out = {}
    for k = 1, #best do
        out[k] = best[k].i
    end
    return out
end


function _M.related(i, c, price)
    local version = catalog.products_version()
    if version ~= related_version or related_n >= _M.RELATED_CACHE_MAX then
        related_version, related_cache, related_n = version, {}, 0
    end
    local list = related_cache[i]
    if not list then
        list = nearest_in_price(i, c, price)
        related_cache[i] = list
        related_n = related_n + 1
    end
    return list
end


-- The stock of product i at store slot s as a view: level and, when few are left, how many.
local function stock_view(i, s, unit, code)
    local available = catalog.available(i, s)
    local level = format.stock_level(available, unit)
    local v = { level = level }
    if level == "low" then
        v.left = unit == "kg" and format.grams_text(available, code) or tostring(available)
    end
    return v
end


_M.show = page.handler(function(req, res, view)
    local code = view.lang
    local slug = req.params.slug
    local i = #slug <= 200 and catalog.find_slug(slug)
    local p = i and catalog.product(i)
    if not p or not p.active then
        return page.not_found(req, res, code)
    end
    local name = code == "en" and p.name_en or p.name_vi
    local brand = p.brand and catalog.brand(p.brand)
    local cat = catalog.category(p.category)
    view.title = name
    view.breadcrumbs = category.breadcrumbs(p.category, code)
    local v = {
        sku = p.sku,
        name = name,
        other_name = code == "en" and p.name_vi or p.name_en,
        description = code == "en" and p.description_en or p.description_vi,
        brand = brand and brand.name or nil,
        brand_href = brand and ("/" .. code .. "/search?q=" .. util.url_encode(brand.name)
                                .. "&brand=" .. util.url_encode(brand.slug)) or nil,
        category = cat and (code == "en" and cat.name_en or cat.name_vi) or nil,
        size = p.size_text ~= "" and p.size_text or nil,
        unit = p.unit,
        price = format.price_text(p.price_vnd, p.unit),
        list_price = p.list_price_vnd and format.price_text(p.list_price_vnd, p.unit) or nil,
        percent_off = format.percent_off(p.price_vnd, p.list_price_vnd),
        unit_price = p.unit ~= "kg" and format.unit_price_view(p.price_vnd, p.unit, p.net_quantity, p.net_unit)
                     or nil,
        vat_rate = p.vat_rate,
        storage = p.storage,
        perishable = p.perishable,
        shelf_life_days = p.shelf_life_days,
        age_restricted = p.age_restricted,
        abv = p.abv_percent,
        dietary = p.dietary,
        barcode = p.barcode,
        image = cards.placeholder(p, code),
    }
    if view.store_slot then
        v.stock = stock_view(i, view.store_slot, p.unit, code)
        v.stock_stream = "/" .. code .. "/p/" .. slug .. "/stock"
        local others = {}
        for _, s in ipairs(stores.active()) do
            if s ~= view.store_slot then
                local st = stores.view(stores.record(s), code)
                local sv = stock_view(i, s, p.unit, code)
                sv.name, sv.code = st.name, st.code
                others[#others + 1] = sv
            end
        end
        v.other_stores = others
    end
    view.product = v
    local similar = _M.related(i, p.category, p.price_vnd)
    view.related = cards.list(similar, 1, #similar, code, view.store_slot)
    view.related_html = cards.html(res, view.related, code)
    res:header("Cache-Control", "no-cache")
    return res:render("catalog/product", view)
end, { cache = true })


-- ---- the stock line, live ----

-- How long a stream lasts before the browser's EventSource reconnects.
_M.STOCK_STREAM_SECONDS = 300

-- /{lang}/p/{slug}/stock: Server-Sent Events for the product page's stock line at the shopper's
-- store (templates/catalog/_stock.html, the same fragment the page shows). One "stock" event at
-- once, then one each time the line changes (a sale, a delivery, a Kafka adjustment): the stream
-- waits on the product (catalog.wait), which the worker wakes as soon as a change of that product
-- is in its read model, and static/js/stock.js swaps the fragment in.
function _M.stock_stream(req, res)
    local code = req.params.lang
    local slug = req.params.slug
    local i = lang.SUPPORTED[code] and catalog.ready() and #slug <= 200 and catalog.find_slug(slug)
    local p = i and catalog.product(i)
    local slot, st = stores.current(req)
    if not p or not p.active or not slot then
        res.status = 404
        return res:send("")
    end
    local fragment = {
        lang = code,
        store = stores.view(st, code),
        stores_href = "/" .. code .. "/stores?back=" .. util.url_encode("/" .. code .. "/p/" .. slug),
        stream = "/" .. code .. "/p/" .. slug .. "/stock",
    }
    local deadline = grocer.now() + _M.STOCK_STREAM_SECONDS
    local shape = catalog.shape_version()
    local last
    repeat
        local sv = stock_view(i, slot, p.unit, code)
        local key = sv.level .. "|" .. (sv.left or "")
        if key ~= last then
            last = key
            fragment.stock = sv
            local html = res:render("catalog/_stock", fragment):gsub("%s+$", "")
            res.body = nil
            if not res:event({ event = "stock", data = html }) then
                return
            end
            -- the send may have waited for a slow reader: look again before waiting, so a
            -- change signalled meanwhile is not missed
        else
            local left_ms = (deadline - grocer.now()) * 1000
            if left_ms <= 0 then
                break
            end
            if catalog.wait(i, left_ms) == nil then
                return   -- the shopper left, or the server is stopping (it sent the retry hint)
            end
            -- a full catalog reload may have moved the product or the stores to other slots:
            -- the browser reconnects and the new stream looks them up again
            if catalog.shape_version() ~= shape then
                break
            end
        end
    until false
    res:event({ retry = 1000, data = "" })
end


return _M
