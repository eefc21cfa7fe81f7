-- scripts/search/query.lua: turns what a shopper typed into the query strings the catalog
-- searches (the query and its North/South synonym variants, at most MAX_VARIANTS), and says which
-- results must go: those an expansion brought in through a phrase that means something else
-- ('ngô' finds 'bắp', corn, but not 'bắp cải', cabbage: excluded()) and those that only share the
-- folded letters of a word ('heo' -> 'lợn' must not list every 'lon', can: wrong_word()).
-- Pure: the synonym index is passed in (search/synonyms.lua loads it) or the default one is used.
--
-- Matching walks the query's tokens left to right and takes, at each position, the longest
-- phrase of the table that starts there (so 'bắp cải' is one phrase, and 'cá quả' is a fish,
-- not 'cá' + 'quả'). A phrase typed without diacritics matches only when one listed word folds
-- to it ('thit heo' is 'thịt heo'; 'lon' could be 'lợn' or a can, so it stays 'lon').
local text = require "search.text"
local synonyms = require "search.synonyms"

local concat = table.concat
local find = string.find
local ipairs = ipairs
local type = type
local unpack = unpack


local _M = {}


-- The table is read when this module loads, so that a broken synonyms.tsv fails `grocer check`
-- and a reload (and the running generation goes on) rather than the first search.
local DEFAULT_INDEX = synonyms.default()

_M.MAX_VARIANTS = 8
_M.MAX_QUERY_BYTES = 200


-- The word of the index for a span of tokens: the one typed exactly, else the only one that
-- folds like it. Returns the word, or false when several fold alike (ambiguous), or nil.
local function resolve(index, exact_tokens, folded_tokens, i, j)
    local list = index.words[concat(folded_tokens, " ", i, j)]
    if not list then
        return nil
    end
    local exact = concat(exact_tokens, " ", i, j)
    for _, w in ipairs(list) do
        if w.exact == exact then
            return w
        end
    end
    if #list == 1 then
        return list[1]
    end
    return false
end


-- The search folds diacritics away, so a word finds every word that folds like it: 'lợn' (pig)
-- every 'lon' (a can), 'ngô' (corn) every 'ngò' (coriander), 'đỗ' (bean) every 'đỏ' (red), and an
-- expansion brings in what its folded form matches ('heo' -> 'lợn' -> every canned drink). For a
-- word of the table typed with its diacritics, and for each expansion with diacritics, a check:
-- a product whose folded name holds `key` must hold, with diacritics, one of `accept` (the word
-- and its synonyms), else it came in through another word. A word typed without diacritics
-- ('lon') may mean either, and gets no check.
local function add_checks(out, w)
    local accept
    local function check(key)
        if not accept then
            accept = { w.exact }
            for _, alt in ipairs(w.alts) do
                accept[#accept + 1] = alt
            end
        end
        out[#out + 1] = { key = key, accept = accept }
    end
    if text.has_marks(w.exact) then
        check(w.key)
    end
    for _, alt in ipairs(w.alts) do
        if text.has_marks(alt) then
            check(text.fold(alt))
        end
    end
end


-- Whether the query's tokens from i to its end, two or more, are the start of a keep phrase
-- being typed ('bap c' on the way to 'bap cai'): the catalog matches the last word by prefix,
-- so such a query already means the phrase.
local KEEP_TYPING = { keep = true, alts = {}, rows = {} }

local function typing_keep(index, folded_tokens, i)
    local n = #folded_tokens
    if n - i < 1 then
        return false
    end
    local rest = concat(folded_tokens, " ", i, n)
    for _, key in ipairs(index.keep_keys) do
        if #key > #rest and key:sub(1, #rest) == rest then
            return true
        end
    end
    return false
end


-- Longest match at token i: word (or false for an ambiguous phrase, nil for none), last token.
local function match_at(index, exact_tokens, folded_tokens, i)
    local n = #folded_tokens
    if typing_keep(index, folded_tokens, i) then
        return KEEP_TYPING, n
    end
    local longest = index.max_words
    if i + longest - 1 > n then
        longest = n - i + 1
    end
    for len = longest, 1, -1 do
        local w = resolve(index, exact_tokens, folded_tokens, i, i + len - 1)
        if w ~= nil then
            return w, i + len - 1
        end
    end
    return nil, i
end


-- Rewrites spelling variants ('mỳ' -> 'mì'); returns new token arrays, whether one changed and
-- whether the last one did.
local function canonical(index, exact_tokens, folded_tokens)
    local ex, fo, changed, last_changed = {}, {}, false, false
    local i, n = 1, #exact_tokens
    while i <= n do
        local w, last = match_at(index, exact_tokens, folded_tokens, i)
        if w and w.canon then
            for tok in w.canon:gmatch("%S+") do
                ex[#ex + 1] = tok
                fo[#fo + 1] = text.fold(tok)
            end
            changed, last_changed = true, last == n
        else
            for k = i, last do
                ex[#ex + 1], fo[#fo + 1] = exact_tokens[k], folded_tokens[k]
            end
        end
        i = last + 1
    end
    return ex, fo, changed, last_changed
end


-- The keep phrases a search for `term` (a word of w's rows, folded) could bring in: those of
-- w's rows that contain term (and are not term itself).
local function add_exclusions(out, w, term)
    for _, row in ipairs(w.rows) do
        for _, kp in ipairs(row.keep_folded) do
            if kp ~= term and text.has_phrase(kp, term) then
                out[#out + 1] = { phrase = kp, terms = row.terms_folded }
            end
        end
    end
end


-- clean(q) -> q without surrounding blanks, cut at MAX_QUERY_BYTES on a character boundary.
function _M.clean(q)
    q = (q or ""):match("^%s*(.-)%s*$")
    if #q > _M.MAX_QUERY_BYTES then
        local cut = _M.MAX_QUERY_BYTES
        while cut > 0 and q:byte(cut + 1) and q:byte(cut + 1) >= 0x80 and q:byte(cut + 1) < 0xC0 do
            cut = cut - 1
        end
        q = q:sub(1, cut)
    end
    return q
end


-- expand(q[, index]) -> {
--   query    = q trimmed (and cut at MAX_QUERY_BYTES),
--   folded   = q folded ("thit heo"),
--   variants = { q, and each rewrite: "thịt lợn ", ... } (at most MAX_VARIANTS, q first; a
--                rewrite that ends with a synonym ends with a space: no prefix match on it),
--   expansions = { {from = "thịt heo", to = {"thịt lợn"}}, ... },
--   exclude  = { {phrase = "bap cai", terms = {"bap", "ngo"}}, ... } (see excluded()),
--   checks   = { {key = "lon", accept = {"heo", "lợn"}}, ... } (see wrong_word()),
-- }
-- exclude lists the keep phrases that the variants could match although they mean something
-- else: those with an expansion in them ('ngô' -> 'bắp': 'bắp cải'). With opts.strict, also those
-- with a word of the query in them ('bắp' alone: 'bắp cải', 'bắp bò'), for a search the shopper
-- submitted; search-as-you-type leaves those in, as 'bắp' may be half of 'bắp cải'.
-- An empty or blank q gives variants = {}.
function _M.expand(q, index, opts)
    index = index or DEFAULT_INDEX
    local strict = opts and opts.strict
    q = _M.clean(q)
    local out = { query = q, folded = text.fold(q), variants = {}, expansions = {}, exclude = {},
                  checks = {} }
    local exact_tokens, folded_tokens = text.tokens(q)
    if #folded_tokens == 0 then
        return out
    end
    local variants, seen = out.variants, {}
    local function add(v)
        local key = text.fold(v)
        if not seen[key] and #variants < _M.MAX_VARIANTS then
            seen[key] = true
            variants[#variants + 1] = v
        end
    end
    local ex, fo, changed, last_changed = canonical(index, exact_tokens, folded_tokens)
    -- spans: each a list of options, the text as typed (or rewritten) first
    local spans = {}
    local i, n = 1, #fo
    local whole_last = false
    while i <= n do
        local w, last = match_at(index, ex, fo, i)
        whole_last = last == n and w and w ~= KEEP_TYPING
        local typed = concat(ex, " ", i, last)
        local options = { typed }
        if w and #w.alts > 0 then
            for _, alt in ipairs(w.alts) do
                options[#options + 1] = alt
                add_exclusions(out.exclude, w, text.fold(alt))
            end
            out.expansions[#out.expansions + 1] = { from = w.exact, to = w.alts }
        end
        if w and not w.keep then
            add_checks(out.checks, w)
        end
        if w and strict and not w.keep then
            add_exclusions(out.exclude, w, w.key)
        end
        spans[#spans + 1] = options
        i = last + 1
    end
    -- a submitted query whose last word is a word of the table is complete: no prefix match
    add((strict and whole_last) and (q .. " ") or q)
    if changed then
        add(concat(ex, " ") .. (last_changed and " " or ""))
    end
    -- every combination of the options, those closest to the query first, until the cap. The
    -- catalog matches the last word of a query by prefix (search-as-you-type) unless the query
    -- ends with a space: a variant that ends with a synonym (a whole word, not one being typed)
    -- ends with a space, so that 'ngô' does not bring every 'ngọt' and 'ngọc'.
    local combos = { {} }
    local last = #spans
    for k, options in ipairs(spans) do
        local next_combos = {}
        for _, combo in ipairs(combos) do
            for o, opt in ipairs(options) do
                if #next_combos >= _M.MAX_VARIANTS * 4 then
                    break
                end
                local c = { unpack(combo) }
                c[#c + 1] = (k == last and o > 1) and (opt .. " ") or opt
                next_combos[#next_combos + 1] = c
            end
        end
        combos = next_combos
    end
    for _, combo in ipairs(combos) do
        add(concat(combo, " "))
    end
    return out
end


-- excluded(folded_name, exclude) -> true when a product whose folded name is given reached the
-- results only through a keep phrase of an expansion: the name holds such a phrase ('bap cai')
-- and no term of its row outside one ('bap ngot' keeps 'Bắp cải và bắp ngọt').
function _M.excluded(folded_name, exclude)
    -- most names hold none of the phrases: a plain find each says so without building anything
    local maybe = false
    for k = 1, #exclude do
        if find(folded_name, exclude[k].phrase, 1, true) then
            maybe = true
            break
        end
    end
    if not maybe then
        return false
    end
    local padded = " " .. folded_name .. " "
    local hit = false
    for _, ex in ipairs(exclude) do
        local pattern = " " .. ex.phrase:gsub("%p", "%%%0") .. " "
        local replaced, count = padded:gsub(pattern, " # ")
        if count > 0 then
            hit, padded = true, replaced
        end
    end
    if not hit then
        return false
    end
    for _, ex in ipairs(exclude) do
        for _, term in ipairs(ex.terms) do
            if padded:find(" " .. term .. " ", 1, true) then
                return false
            end
        end
    end
    return true
end


-- wrong_word(folded_name, name, checks) -> true when a product reached the results only through
-- another word that folds like a word of the query: its folded name holds a check's key, and its
-- name (any case, with diacritics) none of the words the check accepts. `name` may be a function
-- returning the name, called only when a key is there (most names never need it).
function _M.wrong_word(folded_name, name, checks)
    for k = 1, #checks do
        local c = checks[k]
        if find(folded_name, c.key, 1, true) and text.has_phrase(folded_name, c.key) then
            if type(name) == "function" then
                name = name()
            end
            local lowered = text.lower(name)
            local found = false
            for _, word in ipairs(c.accept) do
                if text.has_phrase(lowered, word) then
                    found = true
                    break
                end
            end
            if not found then
                return true
            end
        end
    end
    return false
end


return _M
