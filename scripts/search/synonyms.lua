-- scripts/search/synonyms.lua: loads scripts/search/synonyms.tsv (the North/South word table, its
-- format is described at the top of that file) into the lookup that search/query.lua matches
-- queries against. The file is read once, when the code generation loads this module; parse()
-- is pure and takes the text, for the unit specs.
--
-- The index maps a folded phrase ("thit heo") to the words that fold to it, each with:
--   exact   the word in lower case with its diacritics ("thịt heo")
--   alts    the words it expands to (none for 'none' rows, keep phrases and targets of 'oneway')
--   canon   for a spelling variant, the spelling it is rewritten to
--   keep    true for a keep phrase (a phrase in which a row's terms stay as they are)
--   rows    the rows the word is a term of (row.terms_folded, row.keep_folded: the results filter)
--   keep_rows  the rows that list it as a keep phrase
-- and index.keep_keys lists the folded keep phrases (a query may end half-way through one).
local text = require "search.text"

local concat = table.concat
local ipairs = ipairs
local open = io.open


local _M = {}


local MODES = { both = true, oneway = true, spell = true, none = true }


local function split(s, sep)
    local out = {}
    if s == nil or s == "" then
        return out
    end
    for part in (s .. sep):gmatch("(.-)" .. sep) do
        part = part:match("^%s*(.-)%s*$")
        if part ~= "" then
            out[#out + 1] = part
        end
    end
    return out
end


-- The word record for `exact` under its folded key, created on first use.
local function word(index, exact)
    local key = text.fold(exact)
    local list = index.words[key]
    if not list then
        list = {}
        index.words[key] = list
    end
    for _, w in ipairs(list) do
        if w.exact == exact then
            return w
        end
    end
    local w = { exact = exact, key = key, alts = {}, rows = {}, keep_rows = {} }
    list[#list + 1] = w
    local n = 0
    for _ in key:gmatch("%S+") do
        n = n + 1
    end
    if n > index.max_words then
        index.max_words = n
    end
    return w
end


local function add_alt(w, alt)
    for _, a in ipairs(w.alts) do
        if a == alt then
            return
        end
    end
    w.alts[#w.alts + 1] = alt
end


local function add_row(list, row)
    for _, r in ipairs(list) do
        if r == row then
            return
        end
    end
    list[#list + 1] = row
end


-- parse(tsv_text) -> index, or nil, "synonyms.tsv:LINE: message". Lines starting with '#', the
-- header line and blank lines are skipped.
function _M.parse(src, name)
    name = name or "synonyms.tsv"
    local index = { words = {}, rows = {}, max_words = 1 }
    local lineno, header_seen = 0, false
    for line in (src .. "\n"):gmatch("([^\n]*)\n") do
        lineno = lineno + 1
        line = line:gsub("\r$", "")
        if line ~= "" and not line:find("^#") then
            local cols = {}
            for col in (line .. "\t"):gmatch("([^\t]*)\t") do
                cols[#cols + 1] = col
            end
            if not header_seen and cols[1] == "terms" then
                header_seen = true
            else
                local mode = cols[2]
                local from_col, to_col = (cols[1] or ""):match("^(.-)>(.*)$")
                local terms = split(from_col or cols[1], ";")
                local sources = #terms
                if mode == "oneway" then
                    if from_col then
                        for _, t in ipairs(split(to_col, ";")) do
                            terms[#terms + 1] = t
                        end
                    else
                        sources = 1
                    end
                    if sources == #terms then
                        return nil, name .. ":" .. lineno .. ": a oneway row needs a term to expand to"
                    end
                elseif from_col then
                    return nil, name .. ":" .. lineno .. ": '>' only in a oneway row"
                end
                if #terms == 0 then
                    return nil, name .. ":" .. lineno .. ": a row needs at least one term"
                end
                if not MODES[mode] then
                    return nil, name .. ":" .. lineno .. ": unknown mode '" .. tostring(mode)
                                .. "' (both, oneway, spell or none)"
                end
                for i, t in ipairs(terms) do
                    terms[i] = text.lower(t)
                end
                local keep = split(cols[3], ";")
                local row = { line = lineno, mode = mode, terms = terms, keep = {},
                              terms_folded = {}, keep_folded = {}, en = cols[4] or "" }
                for i, t in ipairs(terms) do
                    row.terms_folded[i] = text.fold(t)
                end
                for i, k in ipairs(keep) do
                    row.keep[i] = text.lower(k)
                    row.keep_folded[i] = text.fold(k)
                end
                index.rows[#index.rows + 1] = row
                for i, t in ipairs(terms) do
                    local w = word(index, t)
                    add_row(w.rows, row)
                    if mode == "both" then
                        for j, other in ipairs(terms) do
                            if j ~= i then
                                add_alt(w, other)
                            end
                        end
                    elseif mode == "oneway" and i <= sources then
                        for j = sources + 1, #terms do
                            add_alt(w, terms[j])
                        end
                    elseif mode == "spell" and i > 1 then
                        w.canon = terms[1]
                    end
                end
            end
        end
    end
    -- keep phrases become words of their own unless a row defines them
    index.keep_keys = {}
    for _, row in ipairs(index.rows) do
        for _, k in ipairs(row.keep) do
            local w = word(index, k)
            if #w.rows == 0 then
                w.keep = true
            end
            add_row(w.keep_rows, row)
            index.keep_keys[#index.keep_keys + 1] = w.key
        end
    end
    return index
end


-- The folder this file is in (the snapshot of scripts/search/ in a code generation).
local function here()
    local src = debug.getinfo(1, "S").source
    return (src:sub(1, 1) == "@" and src:sub(2) or src):match("^(.*)/[^/]*$") or "."
end


-- load([path]) -> index, or nil, err: reads the table (default: synonyms.tsv beside this file).
function _M.load(path)
    path = path or (here() .. "/synonyms.tsv")
    local f, err = open(path, "rb")
    if not f then
        return nil, "cannot read the synonym table: " .. tostring(err)
    end
    local src = f:read("*a")
    f:close()
    return _M.parse(src, path)
end


-- The table as loaded when the generation started (raises if the file is broken, so that a
-- reload with a broken table fails and the running generation goes on).
local default
function _M.default()
    if not default then
        local index, err = _M.load()
        if not index then
            error(err, 2)
        end
        default = index
    end
    return default
end


-- For messages and specs: "thịt heo -> thịt lợn".
function _M.describe(w)
    return w.exact .. " -> " .. concat(w.alts, ", ")
end


return _M
