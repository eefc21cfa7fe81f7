-- host/lua/grocer/router.lua: maps (method, path) to a handler. A literal pattern ("/healthz")
-- is one hash lookup; patterns with ":name" segments or a final "*name" splat live in a segment
-- trie where, at each segment, a literal beats a param and a param beats a splat. If the most
-- specific route lacks the method, less specific ones are tried before answering 405. HEAD is
-- served by GET routes unless a HEAD route exists. Params are percent-decoded ("+" stays "+").
local util = require "grocer.util"

local concat = table.concat
local error = error
local find = string.find
local ipairs = ipairs
local next = next
local pairs = pairs
local setmetatable = setmetatable
local sort = table.sort
local sub = string.sub
local tostring = tostring
local type = type
local path_decode = util.path_decode


local _M = {}
local Router = {}
Router.__index = Router


local EMPTY = setmetatable({}, { __newindex = function()
    error("router: the shared empty params table is read-only", 2)
end })


function _M.new()
    return setmetatable({
        static = {},        -- path -> { METHOD -> handler }
        static_allow = {},  -- path -> "GET, HEAD" (Allow header for a 405)
        root = { children = {} },
    }, Router)
end


-- "GET, HEAD, POST": sorted, with HEAD added where GET is served.
local function allow_string(methods)
    local list = {}
    for m in pairs(methods) do
        list[#list + 1] = m
    end
    if methods.GET and not methods.HEAD then
        list[#list + 1] = "HEAD"
    end
    sort(list)
    return concat(list, ", ")
end


-- "/:lang/c/:slug" -> { ":lang", "c", ":slug" }, or nil, reason. Only the last segment may be
-- empty ("/:lang/" is a route of its own, distinct from "/:lang").
local function split_pattern(pattern)
    if type(pattern) ~= "string" or sub(pattern, 1, 1) ~= "/" then
        return nil, "must be a string starting with '/'"
    end
    local segs, names, pos = {}, {}, 2
    while true do
        local slash = find(pattern, "/", pos, true)
        local seg = sub(pattern, pos, slash and slash - 1 or -1)
        if seg == "" and slash then
            return nil, "empty segment"
        end
        local kind = sub(seg, 1, 1)
        if kind == ":" or kind == "*" then
            local name = sub(seg, 2)
            if not find(name, "^[%a_][%w_]*$") then
                return nil, "bad parameter name '" .. name .. "'"
            end
            if names[name] then
                return nil, "parameter '" .. name .. "' appears twice"
            end
            if kind == "*" and slash then
                return nil, "a splat must be the last segment"
            end
            names[name] = true
            names[#names + 1] = name
        elseif find(seg, "[:*]") then
            return nil, "':' or '*' inside a literal segment"
        end
        segs[#segs + 1] = seg
        if not slash then
            return segs, names
        end
        pos = slash + 1
    end
end


-- Registers handler for method (an uppercase token) and pattern. A malformed pattern or a
-- route that is already taken (same method, same shape) is the caller's bug and raises, at
-- `level` (default 2: the caller of add; a wrapper like app.get passes 3 to blame its caller).
function Router:add(method, pattern, handler, level)
    level = level or 2
    if type(method) ~= "string" or not find(method, "^[A-Z]+$") then
        error("router: bad method '" .. tostring(method) .. "'", level)
    end
    if handler == nil then
        error("router: no handler for " .. method .. " " .. tostring(pattern), level)
    end
    local segs, names = split_pattern(pattern)
    if not segs then
        error("router: bad pattern '" .. tostring(pattern) .. "': " .. names, level)
    end

    if #names == 0 then
        local methods = self.static[pattern]
        if not methods then
            methods = {}
            self.static[pattern] = methods
        end
        if methods[method] then
            error("router: duplicate route " .. method .. " " .. pattern, level)
        end
        methods[method] = handler
        self.static_allow[pattern] = allow_string(methods)
        return
    end

    local node = self.root
    for _, seg in ipairs(segs) do
        local kind = sub(seg, 1, 1)
        local nxt
        if kind == ":" then
            nxt = node.param or { children = {} }
            node.param = nxt
        elseif kind == "*" then
            nxt = node.splat or {}
            node.splat = nxt
        else
            nxt = node.children[seg] or { children = {} }
            node.children[seg] = nxt
        end
        node = nxt
    end
    node.routes = node.routes or {}
    local taken = node.routes[method]
    if taken then
        error("router: duplicate route " .. method .. " " .. pattern
              .. " (same shape as " .. taken.pattern .. ")", level)
    end
    node.routes[method] = { handler = handler, pattern = pattern, names = names }
end


-- The route for method at node, or nil. With method == nil, records the node's methods in
-- allow (the second pass that builds a 405's Allow header).
local function leaf(node, method, allow)
    local routes = node.routes
    if not routes then
        return nil
    end
    if method then
        return routes[method] or (method == "HEAD" and routes.GET) or nil
    end
    for m in pairs(routes) do
        allow[m] = true
    end
    return nil
end


-- Depth-first walk from the segment that starts at pos: literal child, then param, then
-- splat. vals[1..n] holds the captured values along the current branch.
local function walk(node, path, pos, method, vals, n, allow)
    local slash = find(path, "/", pos, true)
    local seg = sub(path, pos, slash and slash - 1 or -1)
    local found
    local child = node.children[seg]
    if child then
        if slash then
            found = walk(child, path, slash + 1, method, vals, n, allow)
        else
            found = leaf(child, method, allow)
        end
        if found then
            return found
        end
    end
    child = node.param
    if child and seg ~= "" then
        vals[n + 1] = seg
        if slash then
            found = walk(child, path, slash + 1, method, vals, n + 1, allow)
        else
            found = leaf(child, method, allow)
        end
        if found then
            return found
        end
    end
    child = node.splat
    if child then
        vals[n + 1] = sub(path, pos)
        return leaf(child, method, allow)
    end
    return nil
end


-- handler, params, pattern | nil, 404 | nil, 405, "GET, HEAD". path is the request path
-- without its query string. params is a shared read-only empty table when there are none.
function Router:match(method, path)
    local methods = self.static[path]
    if methods then
        local h = methods[method] or (method == "HEAD" and methods.GET)
        if h then
            return h, EMPTY, path
        end
    end

    local root = self.root
    if sub(path, 1, 1) == "/" and (root.param or root.splat or next(root.children)) then
        local vals = {}
        local route = walk(root, path, 2, method, vals, 0)
        if route then
            local params, names = {}, route.names
            for i = 1, #names do
                params[names[i]] = path_decode(vals[i])
            end
            return route.handler, params, route.pattern
        end
        local allow = {}
        walk(root, path, 2, nil, vals, 0, allow)
        if next(allow) then
            for m in pairs(methods or EMPTY) do
                allow[m] = true
            end
            return nil, 405, allow_string(allow)
        end
    end

    if methods then
        return nil, 405, self.static_allow[path]
    end
    return nil, 404
end


return _M
