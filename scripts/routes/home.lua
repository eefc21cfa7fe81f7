-- scripts/routes/home.lua: "/" (sends the shopper to their language), "/vi" and "/en" (to the
-- same with a slash) and the home page: aisles, featured and promoted products.
local lang = require "lang"
local cards = require "shop.cards"
local home = require "shop.home"
local page = require "shop.page"


local _M = {}


function _M.root(req, res)
    res:redirect("/" .. lang.of("/", req.cookies) .. "/", 302)
end


function _M.lang_only(req, res)
    local code = req.params.lang
    if not lang.SUPPORTED[code] then
        return page.not_found(req, res, lang.of("/", req.cookies))
    end
    res:redirect("/" .. code .. "/", 301)
end


_M.index = page.handler(function(req, res, view)
    local code = view.lang
    local featured = home.featured()
    local promoted = home.promoted()
    view.featured = cards.list(featured, 1, #featured, code, view.store_slot)
    view.promoted = cards.list(promoted, 1, #promoted, code, view.store_slot)
    view.featured_html = cards.html(res, view.featured, code)
    view.promoted_html = cards.html(res, view.promoted, code)
    return res:render("home/index", view)
end, { cache = true })


return _M
