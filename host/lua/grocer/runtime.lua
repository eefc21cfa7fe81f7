-- grocer/runtime.lua: the Lua half of the request runtime (the C half is host/runtime.c).
-- boot() loads an app folder into this state (templates, message catalogs, scripts/app.lua)
-- and returns the runner that every request coroutine runs; check() reports every problem of
-- an app folder for `grocer check`. Also builds the req and res objects handlers see.
local c = require "grocer.c"
local cjson = require "cjson.safe"
local html = require "grocer.html"
local util = require "grocer.util"
local template = require "grocer.template"
local i18n = require "grocer.i18n"
local db = require "grocer.db"

local yield = coroutine.yield
local xpcall = xpcall
local traceback = debug.traceback
local setmetatable = setmetatable
local type = type
local tostring = tostring
local concat = table.concat
local str_find = string.find
local str_gsub = string.gsub
local escape = html.escape


local _M = {}

local DEFAULT_CTYPE = "text/html; charset=utf-8"

local templates, catalog, app

-- Every worker starts LuaJIT with the same seed: make math.random differ between workers (and
-- between a worker and its replacement). Not for secrets: tokens come from libsodium.
math.randomseed(os.time() * 1000 + (c.worker_id + 1) * 7919 + math.floor(c.now() * 1000) % 1000)

-- The public module handlers require: local grocer = require "grocer"
package.loaded.grocer = {
    sleep = c.sleep,
    wait = c.wait,
    signal = c.signal,
    now = c.now,
    log = c.log,
    worker_id = c.worker_id,
}


-- ---- req ----

local req_getters = {
    headers = function() return c.req_headers() end,
    query = function() return util.parse_query(c.req_query() or "") end,
    query_string = function() return c.req_query() or "" end,
    cookies = function() return util.parse_cookies(c.req_header("cookie") or "") end,
    body = function() return c.req_body() end,
    id = function() return c.req_id() end,
    remote_addr = function() return c.req_remote() end,
}

local Request = {}

function Request.header(_, name)
    return c.req_header(name)
end

-- The url-encoded form of a POST, as a table (repeated fields as arrays).
function Request:form()
    local ctype = c.req_header("content-type") or ""
    if not str_find(ctype, "application/x-www-form-urlencoded", 1, true) then
        return nil, "not a form (content type " .. ctype .. ")"
    end
    return util.parse_query(self.body or "")
end

-- The JSON body, decoded; nil, err for a missing or malformed one.
function Request:json()
    local body = self.body
    if not body or body == "" then
        return nil, "no body"
    end
    local v, err = cjson.decode(body)
    if v == nil then
        return nil, "malformed JSON: " .. tostring(err)
    end
    return v
end

local req_mt = {
    __index = function(self, key)
        local m = Request[key]
        if m then
            return m
        end
        local get = req_getters[key]
        if get then
            local v = get()
            self[key] = v       -- computed once per request
            return v
        end
        return nil
    end,
}


-- ---- res ----

local Response = {}
Response.__index = Response

function Response:header(name, value)
    local h = self.headers
    if not h then
        h = {}
        self.headers = h
    end
    if type(name) ~= "string" or type(value) ~= "string" then
        error("bad arguments to header: name and value must be strings", 2)
    end
    if name:lower() == "content-type" then
        self.ctype = value
        return
    end
    h[#h + 1] = name
    h[#h + 1] = value
end

function Response:cookie(name, value, opts)
    self:header("Set-Cookie", util.cookie_header(name, value, opts))
end

function Response:send(body)
    self.body = body
end

function Response:json(value, status)
    local body, err = cjson.encode(value)
    if not body then
        error("res:json: " .. tostring(err), 2)
    end
    if status then
        self.status = status
    end
    self.ctype = "application/json"
    self.body = body
end

function Response:redirect(url, status)
    self.status = status or 302
    self:header("Location", url)
    self.body = ""
end

local function key_itself(key)
    return key
end

-- Per-language template helpers, made once (t is the catalog's cached translator).
local helpers_cache = {}

local function helpers_for(lang)
    local h = helpers_cache[lang]
    if not h then
        h = {t = catalog and catalog:translator(lang) or key_itself, lang = lang}
        helpers_cache[lang] = h
    end
    return h
end

function Response:render(name, view)
    if not templates then
        error("res:render: the app has no templates folder", 2)
    end
    view = view or {}
    local out, err = templates:render(name, view, helpers_for(view.lang or "vi"))
    if not out then
        error(err, 2)
    end
    self.body = out
    return out
end

local function start_stream(self, ctype, sse)
    if self.streaming then
        return true
    end
    self.streaming = true
    return c.stream_start(self.status, ctype, self.headers, sse)
end

-- Sends a piece of a chunked response; nil, "closed" once the client has gone.
function Response:write(chunk)
    local ok, err = start_stream(self, self.ctype, false)
    if not ok then
        return nil, err
    end
    return c.stream_write(tostring(chunk))
end

-- Turns the response into a Server-Sent Events stream.
function Response:sse()
    self:header("Cache-Control", "no-cache")
    self:header("X-Accel-Buffering", "no")
    return start_stream(self, "text/event-stream; charset=utf-8", true)
end

-- One event: {event =, data =, id =, retry =}; nil, "closed" once the client has gone.
function Response:event(ev)
    if not self.streaming then
        local ok, err = self:sse()
        if not ok then
            return nil, err
        end
    end
    local out, n = {}, 0
    if ev.id then
        n = n + 1
        out[n] = "id: " .. str_gsub(tostring(ev.id), "[\r\n]", "") .. "\n"
    end
    if ev.event then
        n = n + 1
        out[n] = "event: " .. str_gsub(tostring(ev.event), "[\r\n]", "") .. "\n"
    end
    if ev.retry then
        n = n + 1
        out[n] = "retry: " .. tostring(math.floor(ev.retry)) .. "\n"
    end
    local data = ev.data
    if type(data) == "table" then
        data = cjson.encode(data)
    end
    for line in (tostring(data or "") .. "\n"):gmatch("([^\n]*)\n") do
        n = n + 1
        out[n] = "data: " .. str_gsub(line, "\r", "") .. "\n"
    end
    n = n + 1
    out[n] = "\n"
    return c.stream_write(concat(out))
end


-- ---- answers made by the runtime ----

local STATUS_TEXT = {
    [404] = {"Không tìm thấy trang", "Not Found"},
    [405] = {"Phương thức không được hỗ trợ", "Method Not Allowed"},
    [500] = {"Lỗi máy chủ", "Internal Server Error"},
    [503] = {"Dịch vụ tạm thời gián đoạn, vui lòng thử lại sau giây lát", "Service Unavailable"},
}

local function plain_page(res, status)
    local text = STATUS_TEXT[status] or {"Lỗi", "Error"}
    res.status = status
    res.ctype = DEFAULT_CTYPE
    res.body = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" .. status
        .. "</title></head><body><h1>" .. status .. " " .. escape(text[1]) .. "</h1><p lang=\"en\">"
        .. escape(text[2]) .. "</p></body></html>\n"
end

-- The app's error page if it has one and it works; the plain one otherwise.
local function error_page(req, res, status, err)
    res.headers = nil
    res.streaming = nil
    local custom = app.error_page
    if custom then
        res.status = status
        local ok = xpcall(custom, traceback, req, res, status, err)
        if ok and res.body then
            return
        end
    end
    plain_page(res, status)
end


-- ---- the runner ----

-- During an outage every request fails the same way: log one line a second, not each.
local unavailable_count, unavailable_since = 0, 0

local function count_unavailable(err)
    unavailable_count = unavailable_count + 1
    local now = c.now()
    if now - unavailable_since < 1 then
        return nil
    end
    local n = unavailable_count
    unavailable_count, unavailable_since = 0, now
    local first = tostring(err):match("(database [^\n]*)") or tostring(err)
    return n .. " request(s) answered 503 in the last second: " .. first
end

local function new_res()
    return setmetatable({status = 200, ctype = DEFAULT_CTYPE}, Response)
end

-- Each request coroutine runs this forever: answer, yield the answer, take the next request.
local function runner(method, path)
    while true do
        local handler, params, route = app.match(method, path)
        local req = setmetatable({method = method, path = path, params = params}, req_mt)
        local res = new_res()
        local err
        if handler then
            local ok, ret = xpcall(handler, traceback, req, res)
            if not ok then
                err = ret
                if not res.streaming then
                    if db.unavailable(err) then
                        -- the database is down or every connection is busy: come back soon
                        error_page(req, res, 503, err)
                        res:header("Retry-After", "1")
                        err = count_unavailable(err)
                    else
                        error_page(req, res, 500, err)
                    end
                end
            elseif ret ~= nil and res.body == nil then
                res.body = tostring(ret)
            end
        elseif params == 405 then
            local allow = route
            route = "method_not_allowed"
            error_page(req, res, 405)
            res:header("Allow", allow)
        else
            route = "not_found"
            error_page(req, res, 404)
        end
        method, path = yield(res.status, res.ctype, res.body or "", res.headers, route, err)
    end
end


-- ---- loading an app ----

local function dir_exists(path)
    local lfs = require "lfs"
    return lfs.attributes(path, "mode") == "directory"
end

local function load_app(dir, errors)
    if dir_exists(dir .. "/templates") then
        local set, errs = template.load_dir(dir .. "/templates", dir .. "/templates")
        if set then
            templates = set
        end
        for _, e in ipairs(errs or {}) do
            errors[#errors + 1] = e
        end
    end
    if dir_exists(dir .. "/i18n") then
        local cat, errs = i18n.load(dir .. "/i18n", {label = dir .. "/i18n"})
        if cat then
            catalog = cat
        end
        for _, e in ipairs(errs or {}) do
            errors[#errors + 1] = e
        end
    end
    app = require "grocer.app"
    local main = dir .. "/scripts/app.lua"
    local fn, err = loadfile(main)
    if not fn then
        errors[#errors + 1] = err
        return
    end
    local ok, run_err = xpcall(fn, traceback)
    if not ok then
        errors[#errors + 1] = run_err
    end
end


-- Loads the app; returns the runner, or nil and every problem in one message.
function _M.boot(dir)
    local errors = {}
    load_app(dir, errors)
    if #errors > 0 then
        return nil, concat(errors, "\n")
    end
    return runner
end


-- Every problem of an app folder, one "file:line: message" each.
function _M.check(dir)
    local errors = {}
    local lfs = require "lfs"
    -- every script compiles
    local function walk(path)
        for name in lfs.dir(path) do
            if name ~= "." and name ~= ".." then
                local full = path .. "/" .. name
                local mode = lfs.attributes(full, "mode")
                if mode == "directory" then
                    walk(full)
                elseif name:match("%.lua$") then
                    local _, err = loadfile(full)
                    if err then
                        errors[#errors + 1] = err
                    end
                end
            end
        end
    end
    if dir_exists(dir .. "/scripts") then
        walk(dir .. "/scripts")
    else
        errors[#errors + 1] = dir .. "/scripts: no such folder"
    end
    load_app(dir, errors)
    -- a syntax error in scripts/app.lua is found by the walk and again by the load
    local seen, unique = {}, {}
    for _, e in ipairs(errors) do
        if not seen[e] then
            seen[e] = true
            unique[#unique + 1] = e
        end
    end
    errors = unique
    if catalog then
        for _, problem in ipairs(catalog:check()) do
            errors[#errors + 1] = problem
        end
    end
    return errors
end


return _M
