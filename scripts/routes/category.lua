-- scripts/routes/category.lua: /{lang}/c/{slug}, a category (or aisle) listing with its
-- subcategories, brand / price band / in-stock filters, sorting and 24 products a page.
local catalog = require "grocer.catalog"
local cards = require "shop.cards"
local listing = require "shop.listing"
local page = require "shop.page"


local _M = {}


-- What the pages show of a category, per language, made once per catalog shape: the trail from
-- the home page down to it ({{name, href}, ...}), its subcategories, its name. Shared: do not
-- modify.
local shape, views = -1, { vi = {}, en = {} }


local function category_view(c, code)
    local sv = catalog.shape_version()
    if sv ~= shape then
        shape, views = sv, { vi = {}, en = {} }
    end
    local by_slot = views[code] or views.vi
    local v = by_slot[c]
    if v then
        return v
    end
    local trail, guard, at = {}, 0, c
    while at and guard < 32 do
        local cat = catalog.category(at)
        if not cat then
            break
        end
        table.insert(trail, 1, { name = code == "en" and cat.name_en or cat.name_vi,
                                 href = "/" .. code .. "/c/" .. cat.slug })
        at = cat.parent
        guard = guard + 1
    end
    local children = {}
    for k, child in ipairs(catalog.category_children(c)) do
        local cc = catalog.category(child)
        children[k] = { name = code == "en" and cc.name_en or cc.name_vi, href = "/" .. code .. "/c/" .. cc.slug }
    end
    local cat = catalog.category(c)
    v = { trail = trail, children = children, name = cat and (code == "en" and cat.name_en or cat.name_vi) or "" }
    by_slot[c] = v
    return v
end


function _M.breadcrumbs(c, code)
    return category_view(c, code).trail
end


_M.show = page.handler(function(req, res, view)
    local code = view.lang
    local slug = req.params.slug
    local c = #slug <= 200 and catalog.find_category(slug)
    if not c then
        return page.not_found(req, res, code)
    end
    local cv = category_view(c, code)
    local f = listing.parse(req.query)
    local result = listing.run("c", slug, function()
        return catalog.category_products(c)
    end, f, { store = view.store_slot, lang = code })
    local first, last, pages = listing.page_of(#result.list, f.page)
    if not first then
        return page.not_found(req, res, code)
    end
    local path = "/" .. code .. "/c/" .. slug
    view.title = cv.name
    view.breadcrumbs = cv.trail
    view.children = cv.children
    view.total = #result.list
    view.first, view.last = first, last
    view.cards = cards.list(result.list, first, last, code, view.store_slot)
    view.cards_html = cards.html(res, view.cards, code)
    view.pagination = listing.pagination(path, f, pages)
    view.facets = listing.facet_views(result, f, code)
    view.filters = f
    view.filtered = listing.filtered(f)
    view.action = path
    view.clear_href = path .. listing.query_string(f, { brands = {}, price = false, in_stock = false, page = 1 })
    -- a category's relevance is its popularity order: one choice for both
    view.sorts = { "relevance", "price_asc", "price_desc", "name", "unit_price" }
    view.page_kind = "category"
    return res:render("catalog/listing", view)
end, { cache = true })


return _M
