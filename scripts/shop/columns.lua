-- scripts/shop/columns.lua: the fields of a product that listings read for many products at
-- once (brand, category, popularity, price per kg or litre, folded names), without building a
-- table per product. Brand, category, popularity and contents come straight from the read model
-- (catalog.brand_of and the like read C memory); the folded names cost a utf8proc pass each, so
-- they are kept in flat arrays by product slot, filled lazily and dropped when
-- catalog.shape_version() moves (slots and names are only stable within one shape version).
--
-- The arrays belong to one worker and one code generation. A listing calls sync() once, then the
-- getters; nothing here yields.
local catalog = require "grocer.catalog"

local fold = catalog.fold
local floor = math.floor


local _M = {}


local NET_UNITS = { g = true, ml = true }

local shape = -1
local NAMES = { vi = {}, en = {} }


-- Drops the folded names when the catalog's shape changed. Returns the current shape version.
function _M.sync()
    local s = catalog.shape_version()
    if s ~= shape then
        shape = s
        NAMES = { vi = {}, en = {} }
    end
    return s
end


-- Brand slot of product i (0: no brand).
function _M.brand(i)
    return catalog.brand_of(i) or 0
end


-- Category slot of product i (0: no such product).
function _M.category(i)
    return catalog.category_of(i) or 0
end


_M.popularity = catalog.popularity


-- The price of product i per kg or per litre (nil when its contents are unknown).
function _M.price_per_base(i)
    local unit, quantity, net_unit = catalog.contents(i)
    local price = catalog.price(i)
    if unit == "kg" then
        return price
    elseif not quantity or not NET_UNITS[net_unit] then
        return nil
    end
    return floor((price * 1000 + floor(quantity / 2)) / quantity)
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
