-- scripts/shop/home.lua: what the home page shows beyond the aisles: featured products (the
-- merchandisers' `featured` flag) and promoted ones (on promotion: a list price above the price),
-- most popular first. Reads the worker's catalog; the choices are cached, the cards are not.
local catalog = require "grocer.catalog"


local _M = {}


_M.FEATURED = 12
_M.PROMOTED = 12
-- how deep into each aisle's popularity order the featured flag is looked for
_M.FEATURED_DEPTH = 300


local featured_shape, featured = -1, {}


-- Featured product slots, taken in turn from each aisle's most popular products, then the most
-- popular products to fill up. Chosen once per shape version.
function _M.featured()
    local shape = catalog.shape_version()
    if shape == featured_shape then
        return featured
    end
    local aisles = catalog.aisles()
    local lists, out, seen = {}, {}, {}
    for k, a in ipairs(aisles) do
        lists[k] = catalog.category_products(a)
    end
    local pos = {}
    local progress = true
    while #out < _M.FEATURED and progress do
        progress = false
        for k = 1, #lists do
            local list = lists[k]
            local j = pos[k] or 1
            while j <= #list and j <= _M.FEATURED_DEPTH do
                local i = list[j]
                j = j + 1
                local p = not seen[i] and catalog.product(i)
                if p and p.featured then
                    seen[i] = true
                    out[#out + 1] = i
                    progress = true
                    break
                end
            end
            pos[k] = j
            if #out == _M.FEATURED then
                break
            end
        end
    end
    for k = 1, #lists do
        local list = lists[k]
        if #out >= _M.FEATURED then
            break
        end
        if list[1] and not seen[list[1]] then
            seen[list[1]] = true
            out[#out + 1] = list[1]
        end
    end
    featured_shape, featured = shape, out
    return out
end


local promoted_version, promoted = -1, {}


-- Promoted product slots: the most popular products of each aisle that are on promotion now.
-- Chosen again when catalog.version() moves (prices change without a shape change); the walk
-- stops as soon as it has enough, reading prices only.
function _M.promoted()
    local version = catalog.version()
    if version == promoted_version then
        return promoted
    end
    local out = {}
    local aisles = catalog.aisles()
    local per_aisle = math.max(1, math.ceil(_M.PROMOTED / math.max(1, #aisles)))
    for _, a in ipairs(aisles) do
        local list, found = catalog.category_products(a), 0
        for j = 1, #list do
            local i = list[j]
            local _, list_price = catalog.price(i)
            if list_price then
                out[#out + 1] = i
                found = found + 1
                if found == per_aisle or #out == _M.PROMOTED then
                    break
                end
            end
            if j > 2000 then
                break
            end
        end
        if #out == _M.PROMOTED then
            break
        end
    end
    promoted_version, promoted = version, out
    return out
end


return _M
