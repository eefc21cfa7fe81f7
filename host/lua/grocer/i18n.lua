-- host/lua/grocer/i18n.lua: message catalogs. Loads i18n/<lang>/<area>.lua files (each run in
-- an empty sandbox, returning a flat table of dotted keys to strings or plural tables), looks
-- messages up with %{name} interpolation and one/other plurals, and checks that every language
-- has every key. File reading and message parsing happen in load() only, when a code
-- generation is built.
local concat = table.concat
local find = string.find
local format = string.format
local ipairs = ipairs
local loadstring = loadstring
local min = math.min
local pairs = pairs
local pcall = pcall
local setfenv = setfenv
local setmetatable = setmetatable
local sort = table.sort
local sub = string.sub
local tonumber = tonumber
local tostring = tostring
local type = type


local _M = {}
local Catalog = {}
Catalog.__index = Catalog


local DEFAULT_LANG = "vi"

-- Plural form for a count, per language; a language not listed here uses "other" only.
-- A message without the chosen form falls back to "other".
local PLURAL = {
    en = function(n)
        return n == 1 and "one" or "other"
    end,
}


-- ---- loading ----

local function sorted_entries(lfs, dir, want)
    local list = {}
    local ok, iter, state = pcall(lfs.dir, dir)
    if not ok then
        return nil, tostring(iter)
    end
    for entry in iter, state do
        if entry:sub(1, 1) ~= "." and lfs.attributes(dir .. "/" .. entry, "mode") == want then
            list[#list + 1] = entry
        end
    end
    sort(list)
    return list
end


-- Runs one catalog file in an empty environment and checks its shape. Adds its keys to
-- messages (key -> value) and origin (key -> file), or appends to errs.
local function load_file(path, chunkname, messages, origin, errs)
    local f, ferr = io.open(path, "rb")
    if not f then
        errs[#errs + 1] = chunkname .. ": cannot read: " .. tostring(ferr)
        return
    end
    local source = f:read("*a")
    f:close()
    local chunk, err = loadstring(source, "=" .. chunkname)
    if not chunk then
        errs[#errs + 1] = err
        return
    end
    setfenv(chunk, {})
    local ok, tbl = pcall(chunk)
    if not ok then
        errs[#errs + 1] = tostring(tbl)
        return
    end
    if type(tbl) ~= "table" then
        errs[#errs + 1] = chunkname .. ": must return a table, got " .. type(tbl)
        return
    end
    local keys = {}
    for key in pairs(tbl) do
        keys[#keys + 1] = key
    end
    sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, key in ipairs(keys) do
        local value = tbl[key]
        local where = chunkname .. ": key '" .. tostring(key) .. "'"
        if type(key) ~= "string" then
            errs[#errs + 1] = chunkname .. ": key " .. tostring(key) .. " is not a string"
        elseif type(value) == "table" then
            for form, text in pairs(value) do
                if type(form) ~= "string" or type(text) ~= "string" then
                    errs[#errs + 1] = where .. ": plural form '" .. tostring(form)
                                      .. "' is not a string"
                end
            end
        elseif type(value) ~= "string" then
            errs[#errs + 1] = where .. " is not a string"
        end
        if type(key) == "string" then
            if origin[key] then
                errs[#errs + 1] = where .. " is already defined in " .. origin[key]
            end
            messages[key], origin[key] = value, chunkname
        end
    end
end


-- ---- parsing ----

-- DESIGN: templates call t() a few dozen times per page, so each message is parsed once,
-- when the catalog loads, into what a lookup can use at once:
--   a string, for a message without placeholders: returned as it is;
--   a filler, for one with placeholders: a function of vars that concatenates the literal
--     parts with the values;
--   a plural entry { forms = { one = ..., other = ... }, rule = fn or false }, each form a
--     string or a filler, rule the language's plural rule (false: always "other").
-- No pattern matching, callback or loop runs at lookup time. Fillers are generated Lua, one
-- function per message with its parts as constants, so that LuaJIT compiles a call such as
-- t("cart.items", { count = n }) into its caller's trace, straight-line, without even
-- allocating the vars table. (Closures sharing one prototype would not do: past a few of
-- them LuaJIT stops treating their upvalues as constants.) Each language gets a lookup
-- table that already holds the default language's message for every key it lacks.

local PLACEHOLDER = "%%{([%w_]+)}"

-- Fillers compiled per Lua chunk, and placeholders per concatenation in a filler: both well
-- inside the limits of LuaJIT's parser.
local FILLERS_PER_CHUNK = 200
local PLACEHOLDERS_PER_PIECE = 40


-- A value for a placeholder: strings and numbers go into the concatenation as they are
-- (which prints a number as tostring does), anything else through tostring; nil puts the
-- placeholder itself back.
local function placeholder_value(v, placeholder)
    if v == nil then
        return placeholder
    end
    local tv = type(v)
    if tv == "string" or tv == "number" then
        return v
    end
    return tostring(v)
end


-- text -> text when it has no placeholder; else false, and a job for compile_fillers is
-- queued, which will store the filler at where[key]. A job's parts are literal, name,
-- "%{name}", literal, name, "%{name}", ..., literal.
local function parse(text, where, key, jobs)
    local parts, pos = {}, 1
    while true do
        local first, last, name = find(text, PLACEHOLDER, pos)
        if not first then
            break
        end
        parts[#parts + 1] = sub(text, pos, first - 1)
        parts[#parts + 1] = name
        parts[#parts + 1] = sub(text, first, last)
        pos = last + 1
    end
    if #parts == 0 then
        return text
    end
    parts[#parts + 1] = sub(text, pos)
    jobs[#jobs + 1] = { text = text, parts = parts, where = where, key = key }
    return false
end


-- Lua source of one filler: without vars it returns the text as it is. A long message is
-- concatenated in pieces, to stay within the registers a Lua expression may use.
local function filler_source(job)
    local parts = job.parts
    local out = { "function(vars) if vars == nil then return ", format("%q", job.text),
                  " end local s = ", format("%q", parts[1]) }
    for i = 2, #parts, 3 do
        if i > 2 and (i - 2) % (3 * PLACEHOLDERS_PER_PIECE) == 0 then
            out[#out + 1] = " s = s"
        end
        out[#out + 1] = format(" .. v(vars[%q], %q) .. %q", parts[i], parts[i + 1], parts[i + 2])
    end
    out[#out + 1] = " return s end"
    return concat(out)
end


local function compile_fillers(jobs)
    for first = 1, #jobs, FILLERS_PER_CHUNK do
        local last = min(#jobs, first + FILLERS_PER_CHUNK - 1)
        local src = { "local v = ... return {" }
        for i = first, last do
            src[#src + 1] = filler_source(jobs[i]) .. ","
        end
        src[#src + 1] = "}"
        local fillers = assert(loadstring(concat(src, "\n"), "=i18n fillers"))(placeholder_value)
        for i = first, last do
            local job = jobs[i]
            job.where[job.key] = fillers[i - first + 1]
        end
    end
end


-- messages (lang -> key -> value, as loaded) -> lang -> key -> parsed message.
local function build_lookups(messages, langs, default)
    local parsed, jobs = {}, {}
    for _, lang in ipairs(langs) do
        local out = {}
        for key, value in pairs(messages[lang]) do
            if type(value) == "table" then
                local forms = {}
                for form, text in pairs(value) do
                    forms[form] = parse(text, forms, form, jobs)
                end
                out[key] = { forms = forms, rule = PLURAL[lang] or false }
            else
                out[key] = parse(value, out, key, jobs)
            end
        end
        parsed[lang] = out
    end
    compile_fillers(jobs)
    local lookups, fallback = {}, parsed[default]
    for _, lang in ipairs(langs) do
        local out = {}
        for key, msg in pairs(fallback) do
            out[key] = msg
        end
        for key, msg in pairs(parsed[lang]) do
            out[key] = msg
        end
        lookups[lang] = out
    end
    return lookups
end


-- i18n.load(dir[, opts]) -> catalog or nil, errors. Reads dir/<lang>/*.lua for every
-- language folder. opts.default (default "vi") is the language used for an unknown language
-- and for a key missing in the asked one. opts.label (default: last component of dir)
-- starts file names in messages: "i18n/vi/cart.lua:3: ...".
function _M.load(dir, opts)
    local lfs = require "lfs"
    opts = opts or {}
    local label = opts.label or dir:match("([^/]+)/*$") or dir
    local default = opts.default or DEFAULT_LANG
    local langs, err = sorted_entries(lfs, dir, "directory")
    if not langs then
        return nil, { label .. ": cannot read folder " .. dir .. ": " .. err }
    end
    local errs, messages = {}, {}
    for _, lang in ipairs(langs) do
        local msgs, origin = {}, {}
        messages[lang] = msgs
        local files = sorted_entries(lfs, dir .. "/" .. lang, "file") or {}
        for _, file in ipairs(files) do
            if find(file, "%.lua$") then
                load_file(dir .. "/" .. lang .. "/" .. file, label .. "/" .. lang .. "/" .. file,
                          msgs, origin, errs)
            end
        end
    end
    if not messages[default] then
        errs[#errs + 1] = label .. ": no folder for the default language '" .. default .. "'"
    end
    if #errs > 0 then
        return nil, errs
    end
    return setmetatable({ messages = messages, default = default, langs = langs,
                          lookups = build_lookups(messages, langs, default),
                          translators = {} }, Catalog)
end


-- ---- lookup ----

local function translate(lookup, key, vars)
    local msg = lookup[key]
    if msg == nil then
        return key
    end
    local tm = type(msg)
    if tm == "string" then
        return msg
    elseif tm == "table" then
        local forms, rule = msg.forms, msg.rule
        local n = vars and tonumber(vars.count)
        msg = forms[(n and rule) and rule(n) or "other"] or forms.other
        if msg == nil then
            return key
        end
        if type(msg) == "string" then
            return msg
        end
    end
    return msg(vars)
end


-- cat:t(lang, key, vars) -> string. vars fill %{name} placeholders (a missing one stays as
-- it is); vars.count picks the plural form. An unknown language uses the default one, a key
-- missing in lang comes from the default language, an unknown key returns the key.
function Catalog:t(lang, key, vars)
    local lookups = self.lookups
    return translate(lookups[lang] or lookups[self.default], key, vars)
end


-- cat:translator(lang) -> function(key, vars), cached per language: the `t` helper that
-- templates and handlers get.
function Catalog:translator(lang)
    local fn = self.translators[lang]
    if not fn then
        local lookup = self.lookups[lang] or self.lookups[self.default]
        fn = function(key, vars)
            return translate(lookup, key, vars)
        end
        self.translators[lang] = fn
    end
    return fn
end


function Catalog:languages()
    local list = {}
    for i, lang in ipairs(self.langs) do
        list[i] = lang
    end
    return list
end


-- cat:check() -> list of problems (empty when the catalog is complete): keys that a language
-- lacks, plural tables without "other". Sorted, for stable output.
function Catalog:check()
    local problems, keys = {}, {}
    local messages, langs = self.messages, self.langs
    for _, lang in ipairs(langs) do
        for key, value in pairs(messages[lang]) do
            keys[key] = true
            if type(value) == "table" and value.other == nil then
                problems[#problems + 1] = "i18n: key '" .. key .. "' in " .. lang
                                          .. " has no 'other' plural form"
            end
        end
    end
    for key in pairs(keys) do
        for _, lang in ipairs(langs) do
            if messages[lang][key] == nil then
                problems[#problems + 1] = "i18n: key '" .. key .. "' missing in " .. lang
            end
        end
    end
    sort(problems)
    return problems
end


return _M
