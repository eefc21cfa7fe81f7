-- scripts/shop/columns.lua: the few fields of a product that listings read for many products at
-- once (brand, category, popularity, net contents, folded names), kept in flat arrays indexed by
-- product slot so that filtering and sorting thousands of products builds no table per product.
-- Filled lazily from catalog.product(i), and dropped when catalog.shape_version() moves (slots
-- are only stable within one shape version; names, brands and categories change the shape).
-- Prices and stock are never kept here: they change without a shape change, and catalog.price()
-- and catalog.available() read them from C memory.
--
-- The arrays belong to one worker and one code generation. A listing calls sync() once, then the
-- getters; nothing here yields.
local catalog = require "grocer.catalog"

local fold = catalog.fold


local _M = {}


-- net kinds: 0 unknown, 1 grams, 2 millilitres, 3 sold by the kg
local NET_KIND = { g = 1, ml = 2 }

local shape = -1
local BRAND, CAT, POP, NETK, NETQ = {}, {}, {}, {}, {}
local NAMES = { vi = {}, en = {} }


local function fill(i)
    local p = catalog.product(i)
    if not p then
        BRAND[i], CAT[i], POP[i], NETK[i], NETQ[i] = 0, 0, 0, 0, 0
        return
    end
    BRAND[i] = p.brand or 0
    CAT[i] = p.category
    POP[i] = p.popularity or 0
    if p.unit == "kg" then
        NETK[i], NETQ[i] = 3, 0
    else
        NETK[i], NETQ[i] = NET_KIND[p.net_unit] or 0, p.net_quantity or 0
    end
end


-- Drops every array when the catalog's shape changed. Returns the current shape version.
function _M.sync()
    local s = catalog.shape_version()
    if s ~= shape then
        shape = s
        BRAND, CAT, POP, NETK, NETQ = {}, {}, {}, {}, {}
        NAMES = { vi = {}, en = {} }
    end
    return s
end


-- Brand slot of product i (0: no brand).
function _M.brand(i)
    local b = BRAND[i]
    if b == nil then
        fill(i)
        b = BRAND[i]
    end
    return b
end


-- Category slot of product i.
function _M.category(i)
    local c = CAT[i]
    if c == nil then
        fill(i)
        c = CAT[i]
    end
    return c
end


function _M.popularity(i)
    local p = POP[i]
    if p == nil then
        fill(i)
        p = POP[i]
    end
    return p
end


-- The price of product i per kg or per litre (nil when its contents are unknown).
function _M.price_per_base(i)
    local k = NETK[i]
    if k == nil then
        fill(i)
        k = NETK[i]
    end
    local price = catalog.price(i)
    if k == 3 then
        return price
    elseif k == 0 or NETQ[i] <= 0 then
        return nil
    end
    return math.floor((price * 1000 + math.floor(NETQ[i] / 2)) / NETQ[i])
end


-- Folded name of product i in lang ("vi" or "en"), for sorting by name and for the search's
-- phrase checks. Folded by the catalog (utf8proc), as the search index folds.
function _M.name(i, lang)
    local list = NAMES[lang] or NAMES.vi
    local n = list[i]
    if n == nil then
        local p = catalog.product(i)
        NAMES.vi[i] = p and fold(p.name_vi) or ""
        NAMES.en[i] = p and fold(p.name_en) or ""
        n = list[i]
    end
    return n
end


return _M
