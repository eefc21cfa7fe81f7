-- grocer/app.lua: the app's side of routing. scripts/app.lua registers its handlers here
-- (app.get("/p/:slug", fn)); the runtime matches requests against them. One instance per Lua
-- state, so each code generation has its own routes.
local router = require "grocer.router"


local _M = {}

local routes = router.new()


function _M.route(method, pattern, handler)
    if type(handler) ~= "function" then
        error("bad argument #3 to route: function expected, got " .. type(handler), 2)
    end
    routes:add(method, pattern, handler, 3)
end


for _, method in ipairs{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"} do
    _M[method:lower()] = function(pattern, handler)
        if type(handler) ~= "function" then
            error("bad argument #2 to " .. method:lower() .. ": function expected, got " .. type(handler), 2)
        end
        routes:add(method, pattern, handler, 3)
    end
end


-- app.error_page = function(req, res, status, err) ... end replaces the host's plain pages
-- for 404, 405 and 500 answers made outside a handler's own control.
_M.error_page = nil


function _M.match(method, path)
    return routes:match(method, path)
end


return _M
