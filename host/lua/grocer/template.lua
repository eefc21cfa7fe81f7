-- host/lua/grocer/template.lua: compiles etlua-like HTML templates into Lua functions and
-- renders them. It owns the template syntax, the render environment (view -> helpers -> a
-- small safe base), partials, layouts and the recursion guard. It does no I/O except
-- load_dir, which reads a template folder once, when a code generation is built.
--
--   <%= expr %>   escaped output (the default: use it)
--   <%- expr %>   raw output, for HTML that is already safe (partial(), content); rare
--   <% code %>    Lua statements (if, for, local ...)
--   -%>           any of the above closing with -%> drops the newline that follows
--
-- Helpers in every template: escape(v), format_vnd(n), partial(name, view) (rendered HTML:
-- print it with <%- %>), layout(name) (wrap this page in the layout template, which sees the
-- page's variables, including those the page assigned, plus `content`, the page's HTML), and
-- whatever the caller passes (t for i18n).
--
-- DESIGN: generated code keeps every template line on the same Lua line (text newlines stay in
-- the string literals as backslash-newlines; a trimmed newline is given back between
-- statements), so Lua's own "chunk:LINE:" messages, at compile and at run time, point into the
-- template file. A render reads the view's fields as globals through the body's environment
-- (see new_slot below); assignments land in that render's own table. Output goes into one
-- table and is concatenated once.
local html = require "grocer.html"
local util = require "grocer.util"

local concat = table.concat
local error = error
local find = string.find
local format = string.format
local gsub = string.gsub
local loadstring = loadstring
local pairs = pairs
local pcall = pcall
local setfenv = setfenv
local setmetatable = setmetatable
local sort = table.sort
local sub = string.sub
local tostring = tostring
local type = type

local ok_new, table_new = pcall(require, "table.new")
if not ok_new then
    table_new = function() return {} end
end


local _M = {}


local MAX_DEPTH = 16
local EMPTY = {}


-- ---- compiling ----

local function raw(v)
    if type(v) == "string" then
        return v
    end
    if v == nil then
        return ""
    end
    return tostring(v)
end


local function count_lines(s)
    local _, n = gsub(s, "\n", "")
    return n
end


-- A string literal for text that keeps its newlines as real (backslash-escaped) newlines,
-- except the first `suppress` ones, written as \n to pay back lines the code got ahead by.
local function quote(text, suppress)
    local q = format("%q", text)
    if suppress > 0 then
        q = gsub(q, "\\\n", "\\n", suppress)
    end
    return q
end


-- Template source -> Lua source, or nil, line, message.
local function generate(src)
    local out, lua_line, line, pos, writes = {}, 1, 1, 1, 0

    local function emit(s)
        out[#out + 1] = s
        lua_line = lua_line + count_lines(s)
    end

    local function sync()
        while lua_line < line do
            emit("\n")
        end
    end

    emit("local __e, __r, __new, __concat = ... return function() return function() "
         .. "local __b, __n = __new(%d, 0), 0 ")
    while true do
        local open = find(src, "<%", pos, true)
        local text = sub(src, pos, open and open - 1 or -1)
        if text ~= "" then
            sync()
            emit("__n=__n+1 __b[__n]=" .. quote(text, lua_line - line) .. " ")
            writes = writes + 1
            line = line + count_lines(text)
        end
        if not open then
            break
        end

        local kind = sub(src, open + 2, open + 2)
        local start = open + 2
        if kind == "=" or kind == "-" then
            start = start + 1
        else
            kind = ""
        end
        local close = find(src, "%>", start, true)
        if not close then
            return nil, line, "unclosed '<%' tag"
        end
        local finish, trim = close - 1, false
        if close > start and sub(src, close - 1, close - 1) == "-" then
            finish, trim = close - 2, true
        end
        local code = sub(src, start, finish)
        -- a "--" comment would swallow what follows on the line: end the line (the next text
        -- newline pays it back)
        local nl = find(code, "--", 1, true) and "\n" or ""
        sync()
        if kind == "=" then
            emit("__n=__n+1 __b[__n]=__e(" .. code .. nl .. ") ")
            writes = writes + 1
        elseif kind == "-" then
            emit("__n=__n+1 __b[__n]=__r(" .. code .. nl .. ") ")
            writes = writes + 1
        else
            emit(code .. nl .. " ")
        end
        line = line + count_lines(code)
        pos = close + 2
        if trim then
            if sub(src, pos, pos) == "\n" then
                pos, line = pos + 1, line + 1
            elseif sub(src, pos, pos + 1) == "\r\n" then
                pos, line = pos + 2, line + 1
            end
        end
    end
    emit(" return __concat(__b, '', 1, __n) end end")
    out[1] = format(out[1], writes)
    return concat(out)
end


-- LuaJIT cuts chunk names in messages to 59 bytes: put the whole name back.
local function full_name(msg, chunkname)
    local cut = sub(chunkname, 1, 59) .. ":"
    if #chunkname > 59 and sub(msg, 1, #cut) == cut then
        return chunkname .. sub(msg, #cut)
    end
    return msg
end


-- Template source -> a factory that returns a new body closure at each call, or nil, err.
local function compile_factory(source, chunkname)
    chunkname = chunkname or "template"
    local code, line, msg = generate(source)
    if not code then
        return nil, chunkname .. ":" .. line .. ": " .. msg
    end
    local chunk, err = loadstring(code, "=" .. chunkname)
    if not chunk then
        return nil, full_name(err, chunkname)
    end
    return chunk(html.escape, raw, table_new, concat)
end


-- ---- rendering ----

-- What every template sees after the view and the helpers. Tables here are shared by all
-- renders: templates must not change them.
local BASE = {
    escape = html.escape,
    format_vnd = util.format_vnd,
    ipairs = ipairs,
    math = math,
    next = next,
    os = { date = os.date, time = os.time },
    pairs = pairs,
    select = select,
    string = string,
    table = table,
    tonumber = tonumber,
    tostring = tostring,
    type = type,
    unpack = unpack,
}
local BASE_META = { __index = BASE }


-- A template keeps a pool of body closures, each bound for good to an empty environment
-- whose metatable points, for the length of one render, at that render's variables (reads
-- and writes). Taking a closure from the pool instead of creating one and calling setfenv
-- keeps a page's loop over partials compiled by the JIT; a nested render of the same
-- template (a recursive partial) takes a second closure, so renders never share variables.
local function new_slot(factory)
    local meta = {}
    local body = factory()
    setfenv(body, setmetatable({}, meta))
    return { body = body, meta = meta }
end


-- Renders one template (and the layout it declares) inside a render context.
local function run(ctx, name, view, content)
    local stack = ctx.stack
    local depth = #stack + 1
    local tpl = ctx.templates[name]
    if not tpl then
        local from = stack[depth - 1]
        error("template: unknown template '" .. tostring(name) .. "'"
              .. (from and (" (from '" .. from .. "')") or ""), 0)
    end
    if depth > MAX_DEPTH then
        error("template: templates nested deeper than " .. MAX_DEPTH
              .. " (a partial or layout loop?): " .. concat(stack, " > ", 1, 6) .. " > ...", 0)
    end
    if view == nil then
        view = EMPTY
    elseif type(view) ~= "table" then
        error("template: view for '" .. name .. "' must be a table, got " .. type(view), 0)
    end
    stack[depth] = name

    local vars = setmetatable({}, ctx.meta)
    for k, v in pairs(view) do
        vars[k] = v
    end
    if content then
        vars.content = content
    end
    local pool = tpl.pool
    local free = #pool
    local slot = pool[free]
    if slot then
        pool[free] = nil
    else
        slot = new_slot(tpl.factory)
    end
    local meta = slot.meta
    meta.__index, meta.__newindex = vars, vars
    local outer_layout = ctx.layout_name
    ctx.layout_name = nil
    local out = slot.body()
    meta.__index, meta.__newindex = nil, nil
    pool[#pool + 1] = slot
    local layout = ctx.layout_name
    ctx.layout_name = outer_layout
    if layout then
        out = run(ctx, layout, vars, out)
    end

    stack[depth] = nil
    return out
end


local function render(templates, name, view, helpers)
    if not templates[name] then
        return nil, "template: unknown template '" .. tostring(name) .. "'"
    end
    local ctx = { templates = templates, stack = {} }
    local scope = setmetatable({
        partial = function(pname, pview)
            return run(ctx, pname, pview)
        end,
        layout = function(lname)
            ctx.layout_name = lname
            return ""
        end,
    }, BASE_META)
    if helpers then
        for k, v in pairs(helpers) do
            scope[k] = v
        end
    end
    ctx.meta = { __index = scope }
    local ok, out = pcall(run, ctx, name, view)
    if not ok then
        local failed = templates[ctx.stack[#ctx.stack]]
        out = tostring(out)
        return nil, failed and full_name(out, failed.chunkname) or out
    end
    return out
end


-- template.compile(source, chunkname) -> fn or nil, "chunkname:LINE: message".
-- fn(view, helpers) -> html or nil, err. A lone template has no partials nor layouts.
function _M.compile(source, chunkname)
    local factory, err = compile_factory(source, chunkname)
    if not factory then
        return nil, err
    end
    local name = chunkname or "template"
    local templates = { [name] = { factory = factory, pool = {}, chunkname = name } }
    return function(view, helpers)
        return render(templates, name, view, helpers)
    end
end


-- ---- template sets ----

local Set = {}
Set.__index = Set


function _M.new_set()
    return setmetatable({ templates = {} }, Set)
end


-- Compiles source as template `name`. Returns true or nil, err; err names chunkname (default
-- name .. ".html") and the template line.
function Set:add(name, source, chunkname)
    chunkname = chunkname or (name .. ".html")
    local factory, err = compile_factory(source, chunkname)
    if not factory then
        return nil, err
    end
    self.templates[name] = { factory = factory, pool = {}, chunkname = chunkname }
    return true
end


-- set:render(name, view, helpers) -> html or nil, err. helpers (t, ...) sit between the view
-- and the base; partial(name, view) and layout(name) are always there.
function Set:render(name, view, helpers)
    return render(self.templates, name, view, helpers)
end


function Set:has(name)
    return self.templates[name] ~= nil
end


function Set:names()
    local list = {}
    for name in pairs(self.templates) do
        list[#list + 1] = name
    end
    sort(list)
    return list
end


-- Every "*.html" under dir, as paths relative to dir, sorted. Symlinked folders are skipped.
local function list_html(lfs, dir, rel, out, errs)
    local ok, iter, state = pcall(lfs.dir, dir)
    if not ok then
        errs[#errs + 1] = "templates: cannot read folder " .. dir .. ": " .. tostring(iter)
        return
    end
    for entry in iter, state do
        if sub(entry, 1, 1) ~= "." then
            local path, relpath = dir .. "/" .. entry, rel .. entry
            local mode = lfs.attributes(path, "mode")
            if mode == "directory" then
                if lfs.symlinkattributes(path, "mode") ~= "link" then
                    list_html(lfs, path, relpath .. "/", out, errs)
                end
            elseif mode == "file" and find(entry, "%.html$") then
                out[#out + 1] = relpath
            end
        end
    end
end


-- template.load_dir(dir[, label]) -> set or nil, errors. Compiles every "*.html" under dir;
-- a template's name is its path without ".html" ("catalog/_card"). Errors (all of them, not
-- just the first) read "LABEL/catalog/_card.html:LINE: message"; label defaults to the last
-- component of dir ("templates").
function _M.load_dir(dir, label)
    local lfs = require "lfs"
    label = label or dir:match("([^/]+)/*$") or dir
    local files, errs = {}, {}
    list_html(lfs, dir, "", files, errs)
    sort(files)
    local set = _M.new_set()
    for _, rel in ipairs(files) do
        local chunkname = label .. "/" .. rel
        local f, err = io.open(dir .. "/" .. rel, "rb")
        local source = f and f:read("*a")
        if f then
            f:close()
        end
        if not source then
            errs[#errs + 1] = chunkname .. ": cannot read: " .. tostring(err)
        else
            local ok, cerr = set:add(sub(rel, 1, -6), source, chunkname)
            if not ok then
                errs[#errs + 1] = cerr
            end
        end
    end
    if #errs > 0 then
        return nil, errs
    end
    return set
end


return _M
