-- scripts/search/engine.lua: one search over the catalog: expands the query with synonyms
-- (search/query.lua), asks the read model (catalog.search, C) with the shop's ranking weights
-- (search/weights.lua), and drops the hits an expansion brought in only through a phrase that
-- means something else ('ngô' -> 'bắp' must not list 'bắp cải'). Reads the worker's catalog; no
-- database, no yield.
local catalog = require "grocer.catalog"
local columns = require "shop.columns"
local query = require "search.query"
local weights = require "search.weights"


local _M = {}


-- a submitted search leaves out the other senses of its own words too (see query.expand)
local STRICT = { strict = true }


-- A search lists, filters, counts facets over and pages through its best MAX_RESULTS matches
-- (83 pages of 24): a broad query ("a", "sữa") matches thousands, which nobody pages through,
-- and each one kept costs a table from catalog.search and a turn of the facet loop.
_M.MAX_RESULTS = 2000


-- Whether hit i came in only through another sense of a word (query.excluded) or another word
-- that folds alike (query.wrong_word).
local function unwanted(ex, i)
    local folded = columns.name(i, "vi")
    if #ex.exclude > 0 and query.excluded(folded, ex.exclude) then
        return true
    end
    if #ex.checks > 0 then
        return query.wrong_word(folded, function()
            local p = catalog.product(i)
            return p and p.name_vi or ""
        end, ex.checks)
    end
    return false
end


-- search(q, store_slot) -> { expansion = query.expand(q), slots = {slot, ...} best first (at most
--                            MAX_RESULTS), total = number of matches, capped = total > #slots }
function _M.search(q, store_slot)
    local ex = query.expand(q, nil, STRICT)
    if #ex.variants == 0 then
        return { expansion = ex, slots = {}, total = 0, capped = false }
    end
    local hits, total = catalog.search(ex.variants, { store = store_slot, weights = weights.RANK,
                                                      limit = _M.MAX_RESULTS })
    local slots, n = {}, 0
    if #ex.exclude > 0 or #ex.checks > 0 then
        columns.sync()
        for k = 1, #hits do
            local i = hits[k].i
            if unwanted(ex, i) then
                total = total - 1
            else
                n = n + 1
                slots[n] = i
            end
        end
    else
        for k = 1, #hits do
            slots[k] = hits[k].i
        end
    end
    return { expansion = ex, slots = slots, total = total, capped = total > #slots }
end


-- suggest(q, store_slot, limit) -> up to limit product slots for the search box, best first.
function _M.suggest(q, store_slot, limit)
    local ex = query.expand(q)
    if #ex.variants == 0 then
        return {}
    end
    local filtered = #ex.exclude > 0 or #ex.checks > 0
    local hits = catalog.search(ex.variants, { store = store_slot, weights = weights.SUGGEST,
                                               limit = filtered and limit * 8 or limit })
    local out = {}
    if filtered then
        columns.sync()
    end
    for k = 1, #hits do
        local i = hits[k].i
        if not filtered or not unwanted(ex, i) then
            out[#out + 1] = i
            if #out == limit then
                break
            end
        end
    end
    return out
end


return _M
