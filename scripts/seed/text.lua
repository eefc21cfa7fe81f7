-- scripts/seed/text.lua: the seed's small text tools: folding Vietnamese (and the Latin-1 letters
-- of the imported names) to ASCII for slugs, slugs, capitalising the first letter of a
-- Vietnamese name, title case for English, tidy spacing. Only what the generator needs: the
-- search's folding lives in the host (utf8proc). Pure.
local concat = table.concat
local gsub = string.gsub
local lower = string.lower
local upper = string.upper
local sub = string.sub
local byte = string.byte
local find = string.find
local ipairs = ipairs


local _M = {}


-- Letters by their ASCII base: lower case first, then upper case.
local FOLD_SOURCE = {
    a = "àáảãạăằắẳẵặâầấẩẫậäåāÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀ",
    e = "èéẻẽẹêềếểễệëēÈÉẺẼẸÊỀẾỂỄỆËĒ",
    i = "ìíỉĩịïîÌÍỈĨỊÏÎ",
    o = "òóỏõọôồốổỗộơờớởỡợöøōÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ",
    u = "ùúủũụưừứửữựüûūÙÚỦŨỤƯỪỨỬỮỰÜÛŪ",
    y = "ỳýỷỹỵÿỲÝỶỸỴ",
    d = "đĐ",
    n = "ñÑ",
    c = "çÇ",
}

local UTF8_CHAR = "[%z\1-\127\194-\244][\128-\191]*"

local FOLD = {}        -- utf-8 letter -> ascii letter (lower case)
for base, letters in pairs(FOLD_SOURCE) do
    for ch in letters:gmatch(UTF8_CHAR) do
        FOLD[ch] = base
    end
end
FOLD["ß"] = "ss"
FOLD["æ"] = "ae"
FOLD["œ"] = "oe"

-- Vietnamese lower -> upper case, built from the pairs above (same order in both halves).
local UPPER = {}
local LOWER = {}
do
    local pairs_src = {
        { "àáảãạăằắẳẵặâầấẩẫậ", "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ" },
        { "èéẻẽẹêềếểễệ", "ÈÉẺẼẸÊỀẾỂỄỆ" },
        { "ìíỉĩị", "ÌÍỈĨỊ" },
        { "òóỏõọôồốổỗộơờớởỡợ", "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ" },
        { "ùúủũụưừứửữự", "ÙÚỦŨỤƯỪỨỬỮỰ" },
        { "ỳýỷỹỵ", "ỲÝỶỸỴ" },
        { "đ", "Đ" },
    }
    for _, p in ipairs(pairs_src) do
        local lo, up = {}, {}
        for ch in p[1]:gmatch(UTF8_CHAR) do lo[#lo + 1] = ch end
        for ch in p[2]:gmatch(UTF8_CHAR) do up[#up + 1] = ch end
        for i = 1, #lo do
            UPPER[lo[i]] = up[i]
            LOWER[up[i]] = lo[i]
        end
    end
end


local function fold_char(c)
    return FOLD[c] or ""
end


-- ASCII lower case without diacritics: "Cà phê Đà Lạt" -> "ca phe da lat". Other non-ASCII
-- characters (™, ®, curly quotes) are dropped.
function _M.fold(s)
    return lower((gsub(s, "[\192-\244][\128-\191]*", fold_char)))
end


-- A URL slug: folded, runs of anything but [a-z0-9] turned into one '-', at most max bytes
-- (cut at a '-'), never empty. (Letters outside the fold table become separators.)
function _M.slug(s, max)
    max = max or 80
    local out = gsub(lower(gsub(s, "[\192-\244][\128-\191]*", FOLD)), "[^a-z0-9]+", "-")
    if byte(out, 1) == 45 then out = sub(out, 2) end          -- runs are single '-' by now
    if byte(out, -1) == 45 then out = sub(out, 1, -2) end
    if #out > max then
        out = sub(out, 1, max)
        local cut = out:match("^(.*)%-[^-]*$")
        if cut and #cut >= max / 2 then
            out = cut
        end
        out = gsub(out, "%-+$", "")
    end
    if out == "" then
        out = "x"
    end
    return out
end


-- s with its first letter passed through ascii (string.upper or string.lower) or, beyond ASCII,
-- looked up in map (UPPER or LOWER); unchanged when that letter has no other case.
local function with_first(s, ascii, map)
    local b = byte(s, 1)
    if not b then
        return s
    end
    if b < 128 then
        return ascii(sub(s, 1, 1)) .. sub(s, 2)
    end
    local ch = s:match("^[\194-\244][\128-\191]*")
    local other = ch and map[ch]
    if other then
        return other .. sub(s, #ch + 1)
    end
    return s
end


-- The first letter in upper case (ASCII or Vietnamese): "bánh quy" -> "Bánh quy".
function _M.upper_first(s)
    return with_first(s, upper, UPPER)
end


-- The first letter in lower case (for a noun put after another word).
function _M.lower_first(s)
    return with_first(s, lower, LOWER)
end


-- Collapses spaces, trims, and removes spaces before , . ) and after (.
function _M.tidy(s)
    if not find(s, "^%s") and not find(s, "%s$") and not find(s, "%s[%s,%.%)]") and not find(s, "[%(\t\n\r]") then
        return s
    end
    s = gsub(s, "%s+", " ")
    s = gsub(s, "^ ", "")
    s = gsub(s, " $", "")
    s = gsub(s, " ([,%.%)])", "%1")
    s = gsub(s, "%( ", "(")
    return s
end


-- Does the string hold a letter outside ASCII (a Vietnamese letter, in our names)?
function _M.has_vietnamese(s)
    for ch in s:gmatch("[\194-\244][\128-\191]*") do
        if FOLD[ch] then
            return true
        end
    end
    return false
end


-- English title case for names typed in lower case: every word of letters gets a capital,
-- small joining words stay lower case except at the start; words with digits, or already
-- holding a capital (iPhone, BBQ), are left alone.
local function upper_dash(c)
    return "-" .. upper(c)
end

local SMALL = { ["and"] = true, ["or"] = true, ["of"] = true, ["with"] = true, ["in"] = true, ["the"] = true,
                ["a"] = true, ["an"] = true, ["for"] = true, ["on"] = true, ["to"] = true, ["by"] = true }

function _M.title(s)
    local words = {}
    local i = 0
    for w in s:gmatch("%S+") do
        i = i + 1
        if not find(w, "[%u%d]") then
            local lw = lower(w)
            if i > 1 and SMALL[lw] then
                w = lw
            else
                local p = find(w, "%l")
                if p then
                    w = sub(w, 1, p - 1) .. upper(sub(w, p, p)) .. sub(w, p + 1)
                end
                if find(w, "-", 1, true) then
                    -- capital after a hyphen: "stir-fry" -> "Stir-Fry"
                    w = gsub(w, "%-(%l)", upper_dash)
                end
            end
        end
        words[i] = w
    end
    return concat(words, " ")
end


-- Splits a string on a literal separator.
function _M.split(s, sep)
    local out, pos = {}, 1
    while true do
        local a, b = find(s, sep, pos, true)
        if not a then
            out[#out + 1] = sub(s, pos)
            return out
        end
        out[#out + 1] = sub(s, pos, a - 1)
        pos = b + 1
    end
end


return _M
