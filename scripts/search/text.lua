-- scripts/search/text.lua: Vietnamese text as the search scripts see it: lower case, folded
-- (no diacritics, đ -> d), and cut into syllable tokens. Pure Lua, no I/O, no state after load.
--
-- The catalog folds product names in C (utf8proc) and folds the query strings it is given; this
-- module folds on the Lua side only to match queries against the synonym table and to check
-- product names after a search, so both sides of those comparisons go through the same code.
-- It knows the Vietnamese letters (precomposed, and decomposed: combining marks are dropped)
-- and the Latin-1 accented letters; any other non-ASCII character passes through unchanged.
local byte = string.byte
local concat = table.concat
local gsub = string.gsub
local lower = string.lower
local sub = string.sub


local _M = {}


-- Each line: the folded letter, then its lower-case forms, then the same forms in upper case.
local LETTERS = {
    { "a", "àáảãạăằắẳẵặâầấẩẫậäå", "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅ" },
    { "e", "èéẻẽẹêềếểễệë", "ÈÉẺẼẸÊỀẾỂỄỆË" },
    { "i", "ìíỉĩịîï", "ÌÍỈĨỊÎÏ" },
    { "o", "òóỏõọôồốổỗộơờớởỡợöø", "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØ" },
    { "u", "ùúủũụưừứửữựûü", "ÙÚỦŨỤƯỪỨỬỮỰÛÜ" },
    { "y", "ỳýỷỹỵÿ", "ỲÝỶỸỴ" },
    { "d", "đ", "Đ" },
    { "c", "ç", "Ç" },
    { "n", "ñ", "Ñ" },
}

-- Combining marks Vietnamese uses when a keyboard sends decomposed text (NFD): grave, acute,
-- circumflex, tilde, breve, hook above, horn, dot below.
local MARKS = { "\204\128", "\204\129", "\204\130", "\204\131", "\204\134", "\204\137",
                "\204\155", "\204\163" }

local FOLD, LOWER = {}, {}
for _, row in ipairs(LETTERS) do
    local base, small, big = row[1], row[2], row[3]
    local smalls = {}
    for ch in small:gmatch("[\192-\244][\128-\191]*") do
        smalls[#smalls + 1] = ch
        FOLD[ch], LOWER[ch] = base, ch
    end
    local i = 0
    for ch in big:gmatch("[\192-\244][\128-\191]*") do
        i = i + 1
        FOLD[ch], LOWER[ch] = base, smalls[i]
    end
end
for _, mark in ipairs(MARKS) do
    FOLD[mark], LOWER[mark] = "", mark
end


-- Non-ASCII characters that separate words: no-break space, Latin-1 punctuation and signs,
-- and the General Punctuation block (dashes, quotes, ellipsis).
local function is_separator(ch)
    local b1, b2 = byte(ch, 1, 2)
    return (b1 == 0xC2 and b2 >= 0xA0 and b2 <= 0xBF) or b1 == 0xE2 and b2 == 0x80
end


local function fold_char(ch)
    local f = FOLD[ch]
    if f then
        return f
    end
    if is_separator(ch) then
        return " "
    end
    return ch
end


local function lower_char(ch)
    local l = LOWER[ch]
    if l then
        return l
    end
    if is_separator(ch) then
        return " "
    end
    return ch
end


local UTF8_CHAR = "[\192-\244][\128-\191]*"
local ASCII_PUNCT = "[%c%p]"


-- "Cà Phê Sữa-Đá!" -> "ca phe sua da": lower case, no diacritics, punctuation as spaces,
-- spaces collapsed and trimmed.
function _M.fold(s)
    s = gsub(lower(s), UTF8_CHAR, fold_char)
    s = gsub(s, ASCII_PUNCT, " ")
    s = gsub(s, "%s+", " ")
    return (gsub(s, "^ ?(.-) ?$", "%1"))
end


-- "Cà Phê Sữa-Đá!" -> "cà phê sữa đá": lower case with its diacritics, punctuation as spaces.
function _M.lower(s)
    s = gsub(lower(s), UTF8_CHAR, lower_char)
    s = gsub(s, ASCII_PUNCT, " ")
    s = gsub(s, "%s+", " ")
    return (gsub(s, "^ ?(.-) ?$", "%1"))
end


-- Tokens of s: two aligned arrays, the lower-case syllables and their folded forms.
-- ("Thịt Heo" -> {"thịt", "heo"}, {"thit", "heo"}.) A token is what lies between spaces once
-- punctuation is a space, so a Vietnamese syllable is one token.
function _M.tokens(s)
    local exact, folded, n = {}, {}, 0
    for tok in _M.lower(s):gmatch("%S+") do
        n = n + 1
        exact[n] = tok
        folded[n] = gsub(tok, UTF8_CHAR, fold_char)
    end
    return exact, folded
end


-- True when s (already lower case) has a character outside ASCII: the shopper typed diacritics.
function _M.has_marks(s)
    return s:find("[\128-\255]") ~= nil
end


-- Joins tokens i..j of list with single spaces.
function _M.join(list, i, j)
    return concat(list, " ", i, j)
end


-- Whether `phrase` (folded, single spaces) occurs in `text` (folded) on word boundaries.
function _M.has_phrase(text, phrase)
    local padded = " " .. text .. " "
    return padded:find(" " .. phrase .. " ", 1, true) ~= nil
end


-- Initials for a placeholder image: "Rau củ quả" -> "RC" (first letters of two words, folded,
-- upper case).
function _M.initials(s)
    local out = {}
    for word in _M.fold(s or ""):gmatch("%S+") do
        out[#out + 1] = sub(word, 1, 1):upper()
        if #out == 2 then
            break
        end
    end
    return concat(out)
end


return _M
