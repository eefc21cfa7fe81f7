-- scripts/routes/errors.lua: the error pages (404, 405, 500) in the shopper's language.
local lang = require "lang"


local _M = {}


function _M.page(req, res, status)
    local code = lang.of(req.path, req.cookies)
    res.status = status
    res:render("errors/error", {lang = code, status = status, alternates = lang.alternates(req.path, code)})
end


return _M
