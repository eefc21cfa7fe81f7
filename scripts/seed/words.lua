-- scripts/seed/words.lua: finds what an English product name says: its head noun ("cookie")
-- and the words around it (flavours, styles, claims), using the lexicon and the glossary, so
-- the imported products get Vietnamese names. Owns English tokenising (lower case, accents
-- folded, "&" as "and", simple plurals mapped onto known words) and phrase lookup. Pure.
local text = require "seed.text"
local lexicon = require "seed.lexicon"

local byte = string.byte
local concat = table.concat
local find = string.find
local gsub = string.gsub
local lower = string.lower
local sub = string.sub
local ipairs = ipairs


local _M = {}


local MAX_PHRASE = 4


-- Words that say nothing about a product (left out when a name keeps its English words).
local STOP = {}
for w in ([[and or with of the in for a an by on to from flavored flavoured flavor flavour style size pack count ct
    oz lb fl each pouch box bag can jar bottle tub cup value new made real classic original premium brand
    product food foods co company inc]]):gmatch("%S+") do
    STOP[w] = true
end


local function raw_tokens(s)
    s = lower(s)
    if find(s, "[\128-\255]") then
        s = text.fold(s)
    end
    if find(s, "&", 1, true) then
        s = gsub(s, "&", " and ")
    end
    if find(s, "'", 1, true) or find(s, "`", 1, true) then
        s = gsub(s, "['`]", "")
    end
    local out = {}
    for w in s:gmatch("[a-z0-9]+") do
        out[#out + 1] = w
    end
    return out
end


local Words = {}
Words.__index = Words


-- Maps a word onto the vocabulary: "cookies" -> "cookie", "berries" -> "berry", "peaches" ->
-- "peach"; unknown words stay as they are.
function Words:norm(w)
    local v = self.vocab
    if v[w] or #w <= 3 then
        return w
    end
    if sub(w, -1) == "s" then
        local a = sub(w, 1, -2)
        if v[a] then return a end
        if sub(w, -2) == "es" then
            local b = sub(w, 1, -3)
            if v[b] then return b end
            if sub(w, -3) == "ies" then
                local c = sub(w, 1, -4) .. "y"
                if v[c] then return c end
            end
        end
    end
    return w
end


-- Normalised tokens of an English text.
function Words:tokens(s)
    local t = raw_tokens(s)
    for i = 1, #t do
        t[i] = self:norm(t[i])
    end
    return t
end


local function key_of(self, phrase)
    return concat(self:tokens(phrase), " ")
end


-- glossary: rows {en, vi, kind} (kinds produce, meat, seafood, dairy, dry, spice, drink, snack,
-- frozen add flavour words the lexicon lacks).
function _M.new(glossary_rows)
    local self = setmetatable({ vocab = {}, nouns = {}, mods = {} }, Words)
    local function add_vocab(phrase)
        for _, w in ipairs(raw_tokens(phrase)) do
            self.vocab[w] = true
        end
    end
    for _, n in ipairs(lexicon.NOUNS) do add_vocab(n[1]) end
    for _, m in ipairs(lexicon.MODS) do add_vocab(m[1]) end
    for _, n in ipairs(lexicon.NOUNS) do
        local k = key_of(self, n[1])
        if not self.nouns[k] then
            self.nouns[k] = { vi = n[2], cat = n[3], f = n.f or false, len = #self:tokens(n[1]) }
        end
    end
    for _, m in ipairs(lexicon.MODS) do
        local k = key_of(self, m[1])
        if not self.mods[k] then
            self.mods[k] = { vi = m[2], kind = m[3], len = #self:tokens(m[1]) }
        end
    end
    local FOOD_KINDS = { produce = true, meat = true, seafood = true, dairy = true, dry = true, spice = true,
                         drink = true, snack = true, frozen = true }
    for _, g in ipairs(glossary_rows or {}) do
        if FOOD_KINDS[g[3]] then
            local en = gsub(g[1], "%s*%(.*%)", "")
            local k = key_of(self, en)
            if k ~= "" and not self.mods[k] and #self:tokens(en) <= MAX_PHRASE then
                self.mods[k] = { vi = g[2], kind = "f", len = #self:tokens(en) }
            end
        end
    end
    self.noun_trie = _M.trie(self, self.nouns)
    self.mod_trie = _M.trie(self, self.mods)
    return self
end


-- A trie over phrase keys: node[word] = child, node[1] = the entry of the phrase ending here.
function _M.trie(_, entries)
    local root = {}
    local keys = {}
    for k in pairs(entries) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
        local node = root
        for w in k:gmatch("%S+") do
            local child = node[w]
            if not child then
                child = {}
                node[w] = child
            end
            node = child
        end
        node[1] = entries[k]
    end
    return root
end


-- Marks the tokens of `sub_tokens` found as a run inside `t` (the brand inside a name).
local function mark_run(t, sub_tokens, used)
    local n, m = #t, #sub_tokens
    if m == 0 then return end
    for i = 1, n - m + 1 do
        local ok = true
        for j = 1, m do
            if t[i + j - 1] ~= sub_tokens[j] then ok = false break end
        end
        if ok then
            for j = 1, m do used[i + j - 1] = true end
            return
        end
    end
end


-- Reads an English name. allowed(cat) says which noun categories fit the product's source
-- category. Returns { noun = entry or nil, style = {vi...}, flav = {vi...}, attr = {vi...},
-- tokens = {...}, has = set of tokens }.
function Words:read(name, brand, allowed)
    local t = self:tokens(name)
    local n = #t
    local used = {}
    if brand and brand ~= "" then
        mark_run(t, self:tokens(brand), used)
    end
    -- head noun: the allowed match ending last, the longest among those
    local best, best_s, best_e
    local ntrie = self.noun_trie
    for i = 1, n do
        local node = ntrie
        for j = i, n do
            if used[j] then break end
            node = node[t[j]]
            if not node then break end
            local e = node[1]
            if e and (not allowed or allowed(e.cat)) and (not best or j > best_e or (j == best_e and i < best_s)) then
                best, best_s, best_e = e, i, j
            end
        end
    end
    if best then
        for k = best_s, best_e do used[k] = true end
    end
    -- modifiers: greedy, longest first, left to right
    local style, flav, attr, seen = {}, {}, {}, {}
    local mtrie = self.mod_trie
    local mod_used = {}
    local i = 1
    while i <= n do
        local hit, hit_end
        local node = mtrie
        for j = i, n do
            if used[j] then break end
            node = node[t[j]]
            if not node then break end
            if node[1] then hit, hit_end = node[1], j end
        end
        if hit then
            if not seen[hit.vi] then
                seen[hit.vi] = true
                local list = hit.kind == "s" and style or hit.kind == "a" and attr or flav
                list[#list + 1] = hit.vi
            end
            for k = i, hit_end do mod_used[k] = true end
            i = hit_end + 1
        else
            i = i + 1
        end
    end
    local has, rest = {}, {}
    for k = 1, n do
        local w = t[k]
        has[w] = true
        if not used[k] and not mod_used[k] and not STOP[w] and byte(w, 1) > 57 then   -- not a number
            rest[#rest + 1] = w
        end
    end
    return { noun = best, style = style, flav = flav, attr = attr, tokens = t, has = has, rest = rest }
end


-- Like read, but when no noun of the allowed categories is in the name, takes any noun for
-- the name (the category then stays the source's): "Rice Vermicelli" filed under rice is
-- still "bún".
-- near(cat) says which other categories are close enough to lend their noun (same aisle).
function Words:read_any(name, brand, allowed, near)
    local info = self:read(name, brand, allowed)
    if not info.noun and allowed and near then
        local any = self:read(name, brand, near)
        if any.noun then
            any.foreign = true
            return any
        end
    end
    return info
end


-- Joins flavour words the Vietnamese way: "a", "a và b", "a, b và c".
function _M.join_vi(list, max)
    local n = #list
    if max and n > max then n = max end
    if n == 0 then return "" end
    if n == 1 then return list[1] end
    local head = {}
    for i = 1, n - 1 do head[i] = list[i] end
    return concat(head, ", ") .. " và " .. list[n]
end


return _M
