-- scripts/routes/home.lua: "/" (sends the shopper to their language) and the home page.
local lang = require "lang"


local _M = {}


function _M.root(req, res)
    res:redirect("/" .. lang.of(req.path, req.cookies) .. "/", 302)
end


function _M.index(req, res)
    local code = req.params.lang
    if not lang.SUPPORTED[code] then
        res.status = 404
        return res:render("errors/error", {lang = lang.DEFAULT, status = 404,
            alternates = lang.alternates("/", lang.DEFAULT)})
    end
    res:cookie(lang.COOKIE, code, {max_age = 365 * 24 * 3600, http_only = false})
    res:render("home/index", {lang = code, alternates = lang.alternates(req.path, code)})
end


return _M
