-- scripts/routes/search.lua: /{lang}/search?q=, search results with facets (category, brand, price
-- band, in stock at the chosen store), sorting and pagination, and an empty state that helps
-- (no query yet, or nothing found: the aisles and what to try).
local util = require "grocer.util"
local engine = require "search.engine"
local query = require "search.query"
local cards = require "shop.cards"
local listing = require "shop.listing"
local page = require "shop.page"


local _M = {}


local first = util.first


-- The shopper's query from ?q=, trimmed and cut to query.MAX_QUERY_BYTES ("" when absent).
function _M.query_of(req)
    local q = first(req.query.q)
    if type(q) ~= "string" then
        return ""
    end
    return query.clean(q)
end


_M.show = page.handler(function(req, res, view)
    local code = view.lang
    local q = _M.query_of(req)
    local f = listing.parse(req.query, { search = true })
    f.q = q
    local path = "/" .. code .. "/search"
    view.q = q
    view.action = path
    view.page_kind = "search"
    view.sorts = listing.SORTS
    view.filters = f
    view.title = q ~= "" and q or nil
    if q == "" then
        view.empty = "no_query"
        return res:render("catalog/search", view)
    end
    local store = view.store_slot
    local result = listing.run("s", q, function()
        local r = engine.search(q, store)
        return r.slots, r
    end, f, { store = store, lang = code, search = true })
    local first_k, last_k, pages = listing.page_of(#result.list, f.page)
    if not first_k then
        return page.not_found(req, res, code)
    end
    local found = result.extra
    view.total = #result.list
    -- only the best engine.MAX_RESULTS matches are listed: say so when there were more
    view.capped = found.capped and found.total or nil
    view.expansions = found.expansion.expansions
    if result.matches == 0 then
        view.empty = "no_results"
        return res:render("catalog/search", view)
    end
    view.first, view.last = first_k, last_k
    view.cards = cards.list(result.list, first_k, last_k, code, store)
    view.cards_html = cards.html(res, view.cards, code)
    view.pagination = listing.pagination(path, f, pages)
    view.facets = listing.facet_views(result, f, code)
    view.filtered = listing.filtered(f)
    view.clear_href = path .. listing.query_string(f, { brands = {}, price = false, in_stock = false, cat = false,
                                                        page = 1 })
    return res:render("catalog/search", view)
end)


return _M
