-- scripts/shop/cards.lua: the product cards of listings (home, category, search, related): name,
-- size, price, promotion, unit price, stock at the shopper's store, and the placeholder image
-- (the aisle's initials, with alt text). Only the products on the page are read from the catalog.
local catalog = require "grocer.catalog"
local format = require "shop.format"
local text = require "search.text"


local _M = {}


-- Aisle (top-level category) slot of category c, and the aisle's initials, cached per shape.
local aisle_shape, aisle_of, initials_of = -1, {}, {}


local function aisle(c)
    local shape = catalog.shape_version()
    if shape ~= aisle_shape then
        aisle_shape, aisle_of, initials_of = shape, {}, {}
    end
    local a = aisle_of[c]
    if not a then
        a = c
        local cat = catalog.category(a)
        local guard = 0
        while cat and cat.parent and guard < 32 do
            a = cat.parent
            cat = catalog.category(a)
            guard = guard + 1
        end
        aisle_of[c] = a
    end
    return a
end


local function aisle_initials(a, code)
    local key = a .. code
    local s = initials_of[key]
    if not s then
        local cat = catalog.category(a)
        s = cat and text.initials(code == "en" and cat.name_en or cat.name_vi) or ""
        initials_of[key] = s
    end
    return s
end


_M.aisle = aisle


-- The placeholder image of a product: the initials of its aisle and a colour per aisle (the
-- template gives it the alt text t("shop.image.alt", {name = ...})).
function _M.placeholder(p, code)
    local a = aisle(p.category)
    return { initials = aisle_initials(a, code), tone = a % 8 }
end


-- card(p, code) -> what a product card shows that does not depend on the store; p is
-- catalog.product(i).
function _M.card(p, code)
    local name = code == "en" and p.name_en or p.name_vi
    local price, list_price = p.price_vnd, p.list_price_vnd
    local brand = p.brand and catalog.brand(p.brand)
    return {
        sku = p.sku,
        href = "/" .. code .. "/p/" .. p.slug,
        name = name,
        brand = brand and brand.name or nil,
        size = p.size_text ~= "" and p.size_text or nil,
        unit = p.unit,
        price = format.price_text(price, p.unit),
        list_price = list_price and format.price_text(list_price, p.unit) or nil,
        percent_off = format.percent_off(price, list_price),
        -- goods sold by weight show their price per kg already
        unit_price = p.unit ~= "kg" and format.unit_price_view(price, p.unit, p.net_quantity, p.net_unit) or nil,
        image = _M.placeholder(p, code),
        age_restricted = p.age_restricted,
    }
end


-- Cards already made, per language and product slot. Everything on a card but the stock level
-- changes only with catalog.products_version() (prices, names, sizes; a stock change does not
-- move it), so the cache is emptied when that version moves, and when it holds CACHE_MAX cards.
_M.CACHE_MAX = 120000
local card_version, card_count = -1, 0
local card_cache = { vi = {}, en = {} }


local function cached_card(i, code, version)
    if version ~= card_version or card_count >= _M.CACHE_MAX then
        card_version, card_count = version, 0
        card_cache = { vi = {}, en = {} }
    end
    local by_slot = card_cache[code] or card_cache.vi
    local c = by_slot[i]
    if c == nil then
        local p = catalog.product(i)
        c = p and _M.card(p, code) or false
        by_slot[i] = c
        card_count = card_count + 1
    end
    return c
end


-- list(slots, first, last, code, store_slot) -> the cards of slots[first..last]: each
-- {c = the card, stock = "in" | "low" | "out" at store_slot (nil without a store)}.
function _M.list(slots, first, last, code, store_slot)
    local out = {}
    local version = catalog.products_version()
    for k = first, last do
        local i = slots[k]
        local c = cached_card(i, code, version)
        if c then
            local stock
            if store_slot then
                stock = format.stock_level(catalog.available(i, store_slot), c.unit)
            end
            out[#out + 1] = { c = c, stock = stock }
        end
    end
    return out
end


-- html(res, list, code) -> the HTML of the cards of list (from list()), rendered by
-- templates/catalog/_card.html, which escapes everything it prints. A card's HTML is kept with
-- the card, per stock level, until the card cache empties (a catalog change): a listing page
-- pastes 24 strings instead of rendering 24 partials. Uses res:render, then clears res.body.
function _M.html(res, list, code)
    local out = {}
    for k = 1, #list do
        local item = list[k]
        local c = item.c
        local level = item.stock or "none"
        local by_level = c.html
        if not by_level then
            by_level = {}
            c.html = by_level
        end
        local h = by_level[level]
        if not h then
            h = res:render("catalog/_card", { c = c, stock = item.stock, lang = code })
            by_level[level] = h
        end
        out[k] = h
    end
    res.body = nil
    return table.concat(out)
end


return _M
