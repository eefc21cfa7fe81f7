-- scripts/search/facets.lua: filters a list of products (a category's, or a search's hits) and
-- counts the facets beside it, in one pass: brand, price band, in stock, category. Each facet is
-- counted as if its own filter were off and the others on, so a count says how many products
-- ticking that box would show. Pure: the product's fields come from the accessors passed in.
local format = require "shop.format"

local band_index = format.band_index


local _M = {}


-- run(slots, filter, acc) -> result
--   slots   product slots, in the order the result keeps
--   filter  { brands = {[brand slot] = true} | nil, band = band index | nil, in_stock = bool,
--             categories = {[category slot] = true} | nil }
--   acc     { brand(i) -> slot (0: none), category(i) -> slot, price(i) -> VND,
--             in_stock(i) -> bool, want_categories = bool }
--   result  { list = matching slots (slots itself when no filter applies), total,
--             brands = {[brand] = n}, bands = {[band index] = n}, in_stock = n,
--             categories = {[category] = n} (only when acc.want_categories) }
function _M.run(slots, filter, acc)
    local brands, band, only_stock, cats = filter.brands, filter.band, filter.in_stock, filter.categories
    local brand_of, cat_of, price_of, in_stock = acc.brand, acc.category, acc.price, acc.in_stock
    local want_cats = acc.want_categories
    local brand_counts, band_counts, cat_counts = {}, {}, {}
    local stock_count = 0
    local filtered = brands or band or only_stock or cats
    local list = filtered and {} or slots
    local n = 0
    for k = 1, #slots do
        local i = slots[k]
        local b = brand_of(i)
        local bi = band_index(price_of(i))
        local s = in_stock(i)
        local c = (cats or want_cats) and cat_of(i) or 0
        local ok_b = not brands or brands[b] == true
        local ok_p = not band or band == bi
        local ok_s = not only_stock or s
        local ok_c = not cats or cats[c] == true
        if ok_p and ok_s and ok_c and b ~= 0 then
            brand_counts[b] = (brand_counts[b] or 0) + 1
        end
        if ok_b and ok_s and ok_c then
            band_counts[bi] = (band_counts[bi] or 0) + 1
        end
        if ok_b and ok_p and ok_c and s then
            stock_count = stock_count + 1
        end
        if want_cats and ok_b and ok_p and ok_s then
            cat_counts[c] = (cat_counts[c] or 0) + 1
        end
        if filtered and ok_b and ok_p and ok_s and ok_c then
            n = n + 1
            list[n] = i
        end
    end
    return {
        list = list,
        total = filtered and n or #slots,
        brands = brand_counts,
        bands = band_counts,
        in_stock = stock_count,
        categories = want_cats and cat_counts or nil,
    }
end


-- top(counts, limit, keep) -> array of {key, count}, largest first (ties by key), at most limit,
-- plus every key of `keep` (a set: the selected ones) even past the limit or at zero. Keeps a
-- short sorted array while it walks the counts (a search may count a thousand brands; only the
-- top twenty are shown).
function _M.top(counts, limit, keep)
    local best, n = {}, 0
    for key, count in pairs(counts) do
        if n < limit or count > best[n].count or (count == best[n].count and key < best[n].key) then
            local pos = n < limit and n + 1 or n
            while pos > 1 do
                local prev = best[pos - 1]
                if prev.count > count or (prev.count == count and prev.key < key) then
                    break
                end
                best[pos] = prev
                pos = pos - 1
            end
            best[pos] = { key = key, count = count }
            if n < limit then
                n = n + 1
            end
        end
    end
    local seen = {}
    for k = 1, n do
        seen[best[k].key] = true
    end
    for key in pairs(keep or {}) do
        if not seen[key] then
            n = n + 1
            best[n] = { key = key, count = counts[key] or 0 }
        end
    end
    return best
end


return _M
