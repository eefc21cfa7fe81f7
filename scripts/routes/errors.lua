-- scripts/routes/errors.lua: the error pages the host asks for (404 for a path no route takes,
-- 405, 500) in the shopper's language, with a search box on the 404; JSON errors under /api/.
local json = require "shop.json"
local lang = require "lang"
local page = require "shop.page"


local _M = {}


local CODES = { [404] = "not_found", [405] = "method_not_allowed", [500] = "internal_error",
                [503] = "unavailable" }


function _M.page(req, res, status)
    if req.path:sub(1, 5) == "/api/" then
        return json.error(res, status, CODES[status] or "error", "HTTP " .. status)
    end
    local code = lang.of(req.path, req.cookies)
    if status == 404 then
        return page.not_found(req, res, code)
    end
    local view = page.base(req, res, code)
    view.status = status
    res.status = status
    res:render("errors/error", view)
end


return _M
