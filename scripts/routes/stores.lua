-- scripts/routes/stores.lua: the store chooser. GET /{lang}/stores lists the stores (address,
-- opening hours, phone, pickup) with a button each; choosing one (POST /{lang}/stores with
-- store=CODE&back=PATH, or the link GET /{lang}/stores/choose?store=CODE&back=PATH) sets the
-- grocer_store cookie and goes back to the page the shopper came from (a local path only).
local util = require "grocer.util"
local page = require "shop.page"
local stores = require "shop.stores"


local _M = {}


local first = util.first


local function list_view(req, res, view, back, bad_code)
    local code = view.lang
    local list = {}
    for _, s in ipairs(stores.active()) do
        local st = stores.view(stores.record(s), code)
        list[#list + 1] = { store = st, current = s == view.store_slot }
    end
    view.title = nil
    view.stores = list
    view.back = back
    view.bad_code = bad_code
    view.action = "/" .. code .. "/stores"
    return res:render("stores/index", view)
end


_M.index = page.handler(function(req, res, view)
    return list_view(req, res, view, page.safe_back(first(req.query.back)))
end)


local function choose(req, res, view, code_value, back)
    local s = stores.find(code_value)
    if not s then
        res.status = 400
        return list_view(req, res, view, back, true)
    end
    res:cookie(stores.COOKIE, stores.record(s).code, { max_age = stores.COOKIE_MAX_AGE })
    res:redirect(back or ("/" .. view.lang .. "/stores"), 303)
end


_M.choose_post = page.handler(function(req, res, view)
    local form = req:form() or {}
    return choose(req, res, view, first(form.store), page.safe_back(first(form.back)))
end)


_M.choose_get = page.handler(function(req, res, view)
    return choose(req, res, view, first(req.query.store), page.safe_back(first(req.query.back)))
end)


return _M
