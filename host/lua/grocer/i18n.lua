-- host/lua/grocer/i18n.lua: message catalogs. Loads i18n/<lang>/<area>.lua files (each run in
-- an empty sandbox, returning a flat table of dotted keys to strings or plural tables), looks
-- messages up with %{name} interpolation and one/other plurals, and checks that every language
-- has every key. File reading happens in load() only, when a code generation is built.
local find = string.find
local gsub = string.gsub
local pairs = pairs
local pcall = pcall
local setfenv = setfenv
local setmetatable = setmetatable
local sort = table.sort
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
                          translators = {} }, Catalog)
end


-- ---- lookup ----

local current_vars -- the vars of the interpolation under way (gsub callback below)


local function replace(name)
    local v = current_vars[name]
    if v == nil then
        return nil -- gsub keeps "%{name}"
    end
    return tostring(v)
end


-- cat:t(lang, key, vars) -> string. vars fill %{name} placeholders (a missing one stays as
-- it is); vars.count picks the plural form. An unknown language uses the default one, a key
-- missing in lang comes from the default language, an unknown key returns the key.
function Catalog:t(lang, key, vars)
    local messages = self.messages
    local msgs = messages[lang]
    local msg = msgs and msgs[key]
    if msg == nil then
        lang = self.default
        msg = messages[lang][key]
        if msg == nil then
            return key
        end
    end
    if type(msg) == "table" then
        local count = vars and vars.count
        local rule = PLURAL[lang]
        local n = tonumber(count)
        local form = (n and rule) and rule(n) or "other"
        msg = msg[form] or msg.other
        if msg == nil then
            return key
        end
    end
    if vars == nil or not find(msg, "%{", 1, true) then
        return msg
    end
    local outer = current_vars
    current_vars = vars
    local ok, out = pcall(gsub, msg, "%%{([%w_]+)}", replace)
    current_vars = outer
    if not ok then
        error(out, 2)
    end
    return out
end


-- cat:translator(lang) -> function(key, vars), cached per language: the `t` helper that
-- templates and handlers get.
function Catalog:translator(lang)
    local fn = self.translators[lang]
    if not fn then
        fn = function(key, vars)
            return self:t(lang, key, vars)
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
