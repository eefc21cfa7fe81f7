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
-- template file. Rendering is written for LuaJIT's compiler, since a page's time is mostly its
-- loops over products: output goes into a string.buffer kept from one render to the next,
-- the text and values between two <% %> statements are one put() call, and a render neither
-- loops nor creates closures of its own (see "rendering" below).
local html = require "grocer.html"
local util = require "grocer.util"
local buffer = require "string.buffer"

local concat = table.concat
local error = error
local find = string.find
local format = string.format
local gsub = string.gsub
local loadstring = loadstring
local match = string.match
local pairs = pairs
local pcall = pcall
local setfenv = setfenv
local setmetatable = setmetatable
local sort = table.sort
local sub = string.sub
local tostring = tostring
local type = type


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


-- Arguments of one put() call at most (a Lua call takes fewer than 250).
local MAX_PUT_ARGS = 32


-- Template source -> Lua source, streams_content; or nil, line, message. The chunk returns a
-- factory of body closures; a body takes the output buffer and, when it runs as a layout,
-- the buffer that holds the page it wraps. Text and <%= %> <%- %> output up to the next
-- <% %> statement become the arguments of one __b:put(...).
--
-- streams_content is true when the template names `content` only in <%- content %> tags:
-- those print the page's buffer as it is (put() copies a buffer's bytes), so a layout that
-- only prints its content never turns the page into a string.
local function generate(src)
    local out, lua_line, line, pos, args = {}, 1, 1, 1, 0
    local streams_content = true

    local function emit(s)
        out[#out + 1] = s
        lua_line = lua_line + count_lines(s)
    end

    local function sync()
        while lua_line < line do
            emit("\n")
        end
    end

    local function put(arg)
        if args == MAX_PUT_ARGS then
            emit("); ")
            args = 0
        end
        emit(args == 0 and "__b:put(" or ", ")
        emit(arg)
        args = args + 1
    end

    local function end_put()
        if args > 0 then
            emit("); ")
            args = 0
        end
    end

    emit("local __e, __r = ... return function() return function(__b, __c) ")
    while true do
        local open = find(src, "<%", pos, true)
        local text = sub(src, pos, open and open - 1 or -1)
        if text ~= "" then
            sync()
            put(quote(text, lua_line - line))
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
        local prints_content = kind == "-" and match(code, "^%s*content%s*$")
        if not prints_content and find(code, "%f[%w_]content%f[^%w_]") then
            streams_content = false
        end
        if kind == "" then
            end_put()
        end
        sync()
        if kind == "=" then
            put("__e(" .. code .. nl .. ")")
        elseif prints_content then
            put("__c or __r(" .. code .. ")")
        elseif kind == "-" then
            put("__r(" .. code .. nl .. ")")
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
    end_put()
    emit(" end end")
    return concat(out), streams_content
end


-- LuaJIT cuts chunk names in messages to 59 bytes: put the whole name back.
local function full_name(msg, chunkname)
    local cut = sub(chunkname, 1, 59) .. ":"
    if #chunkname > 59 and sub(msg, 1, #cut) == cut then
        return chunkname .. sub(msg, #cut)
    end
    return msg
end


-- Template source -> a template record, or nil, err. The record's factory returns a new body
-- closure at each call; pool holds the slots (see run) that are not in use.
local function compile_template(source, chunkname)
    local code, streams_or_line, msg = generate(source)
    if not code then
        return nil, chunkname .. ":" .. streams_or_line .. ": " .. msg
    end
    local chunk, err = loadstring(code, "=" .. chunkname)
    if not chunk then
        return nil, full_name(err, chunkname)
    end
    return { factory = chunk(html.escape, raw), streams_content = streams_or_line,
             chunkname = chunkname, pool = {} }
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


-- Copies of a view and of the helpers, without their metatables. OpenResty's LuaJIT has
-- table.clone, which the JIT compiles; a loop elsewhere.
local ok_clone, clone = pcall(require, "table.clone")
if not ok_clone then
    clone = function(t)
        local copy = {}
        for k, v in pairs(t) do
            copy[k] = v
        end
        return copy
    end
end


-- DESIGN: a render allocates little and runs no loop of its own, so that LuaJIT compiles it
-- into the page's traces, including a partial called in a page's loop (a loop inside a
-- function called from a compiled loop sends LuaJIT back to its interpreter). It reuses:
--   contexts: the state of one render (the stack of templates it is in, the layout asked
--     for, the helpers) with its own partial() and layout() closures, so that a render
--     creates no closure;
--   slots: a template's body closure with its output buffer and its environment, an empty
--     table whose metatable points, for one run, at that run's variables.
-- A render takes what it needs from these pools and gives it back when it ends, so nested
-- renders and renders in other coroutines never share one; after an error it gives nothing
-- back and the garbage collector takes it.

-- Output buffers that grew past this are dropped, not kept, so one huge page does not pin
-- its memory.
local KEEP_BUFFER_BYTES = 256 * 1024

local free_contexts = {}


local function new_slot(tpl)
    local body = tpl.factory()
    local meta = {}
    setfenv(body, setmetatable({}, meta))
    return { body = body, meta = meta, buf = buffer.new() }
end


-- Renders one template (and the layout it declares) inside a render context. For a layout,
-- content is the page it wraps: a string, or the page's buffer if the layout streams it.
--
-- The body's variables (`vars`, reads and assignments) are a copy of the view (plus content
-- for a layout), behind which sit the helpers and partial() and layout(), then BASE. A copy,
-- so template assignments stay in this run (and its layout, which gets a copy of them).
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

    local vars = setmetatable(clone(view), ctx.vars_meta)
    local content_buf
    if type(content) == "string" then
        vars.content = content
    else
        content_buf = content
    end
    local pool = tpl.pool
    local slot = pool[#pool]
    if slot then
        pool[#pool] = nil
    else
        slot = new_slot(tpl)
    end
    local meta, buf = slot.meta, slot.buf
    meta.__index, meta.__newindex = vars, vars
    local outer_layout = ctx.layout_name
    ctx.layout_name = nil
    slot.body(buf, content_buf)
    meta.__index, meta.__newindex = nil, nil
    local layout = ctx.layout_name
    ctx.layout_name = outer_layout

    local out
    local layout_tpl = layout and ctx.templates[layout]
    if layout_tpl and layout_tpl.streams_content then
        out = run(ctx, layout, vars, buf)
    else
        out = buf:tostring()
        if layout then
            out = run(ctx, layout, vars, out)
        end
    end
    if #buf > KEEP_BUFFER_BYTES then
        slot.buf = buffer.new()
    else
        buf:reset()
    end
    pool[#pool + 1] = slot
    stack[depth] = nil
    return out
end


local function new_context()
    local ctx = { stack = {}, vars_meta = {} }
    ctx.partial = function(pname, pview)
        return run(ctx, pname, pview)
    end
    ctx.layout = function(lname)
        ctx.layout_name = lname
        return ""
    end
    return ctx
end


local function render(templates, name, view, helpers)
    if not templates[name] then
        return nil, "template: unknown template '" .. tostring(name) .. "'"
    end
    local ctx = free_contexts[#free_contexts]
    if ctx then
        free_contexts[#free_contexts] = nil
    else
        ctx = new_context()
    end
    -- the helpers, then partial and layout unless a helper has their name, then BASE
    local scope = setmetatable(helpers and clone(helpers) or {}, BASE_META)
    if scope.partial == nil then
        scope.partial = ctx.partial
    end
    if scope.layout == nil then
        scope.layout = ctx.layout
    end
    ctx.templates, ctx.vars_meta.__index = templates, scope
    local ok, out = pcall(run, ctx, name, view)
    if not ok then
        local failed = templates[ctx.stack[#ctx.stack]]
        out = tostring(out)
        return nil, failed and full_name(out, failed.chunkname) or out
    end
    ctx.templates, ctx.vars_meta.__index = nil, nil
    free_contexts[#free_contexts + 1] = ctx
    return out
end


-- template.compile(source, chunkname) -> fn or nil, "chunkname:LINE: message".
-- fn(view, helpers) -> html or nil, err. A lone template has no partials nor layouts.
function _M.compile(source, chunkname)
    local name = chunkname or "template"
    local tpl, err = compile_template(source, name)
    if not tpl then
        return nil, err
    end
    local templates = { [name] = tpl }
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
    local tpl, err = compile_template(source, chunkname or (name .. ".html"))
    if not tpl then
        return nil, err
    end
    self.templates[name] = tpl
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
