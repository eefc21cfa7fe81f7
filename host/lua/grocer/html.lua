-- host/lua/grocer/html.lua: HTML escaping for templates and handlers. Escapes the five
-- characters that matter in text and in quoted attributes: & < > " '.
--
-- DESIGN: templates escape every value they print (a product page: a few hundred calls) and
-- nearly every value has nothing to escape, so that test is the hot path. Under LuaJIT it is
-- one call of libc's strcspn through the FFI (~7 ns on the benchmark page's names and slugs,
-- against ~23 ns for five plain string.find and ~50 ns for a byte loop); without the FFI,
-- the five finds. strcspn also stops at a NUL byte: such a string takes the slow path, which
-- reads every byte, so a NUL never hides what follows it. The slow path is a byte loop, which
-- LuaJIT compiles badly when escape() is called from a template's loop (a loop inside a
-- function called from a compiled loop sends it back to its interpreter), so the escaped
-- forms of short strings are remembered: the names that need escaping on a page ("Chả lụa
-- <b>\"đặc biệt\"</b> & 'mới'") come back on every page that lists them.
local byte = string.byte
local concat = table.concat
local find = string.find
local sub = string.sub
local tostring = tostring
local type = type

local ok_ffi, ffi = pcall(require, "ffi")


local _M = {}


local SPECIALS = "&<>\"'"
local ENTITY = { [38] = "&amp;", [60] = "&lt;", [62] = "&gt;", [34] = "&quot;", [39] = "&#39;" }

-- Remembered escaped forms, for strings up to MEMO_MAX_BYTES long. The table is emptied when
-- it holds MEMO_MAX_ENTRIES, which bounds its memory whatever strings come through.
local MEMO_MAX_BYTES = 200
local MEMO_MAX_ENTRIES = 1000
local memo, memo_entries = {}, 0

-- Reused by escape_from(), which never yields nor calls back into Lua: one per Lua state.
local buf = {}


-- s with the entities in, scanning from byte `from` (the first byte that may need one).
local function escape_from(s, from)
    local n, last = 0, 1
    for i = from, #s do
        local entity = ENTITY[byte(s, i)]
        if entity then
            buf[n + 1], buf[n + 2] = sub(s, last, i - 1), entity
            n, last = n + 2, i + 1
        end
    end
    if n == 0 then
        return s
    end
    buf[n + 1] = sub(s, last)
    return concat(buf, "", 1, n + 1)
end


-- Index of the first byte of s that may need escaping (0-based, as strcspn counts), or #s.
local first_special
if ok_ffi then
    -- A name of our own, which no other declaration of strcspn can clash with. Declared as
    -- returning int32_t (the low half of its size_t, exact for any string under 2 GB): a 64-bit
    -- result turned into a Lua number aborts the JIT's traces ("register coalescing too
    -- complex"), which left every template escape, and the loops around it, interpreted.
    ffi.cdef [[ int32_t grocer_html_strcspn(const char *s, const char *reject) __asm__("strcspn"); ]]
    local C = ffi.C
    first_special = function(s)
        return C.grocer_html_strcspn(s, SPECIALS)
    end
else
    first_special = function(s)
        local i = find(s, "<", 1, true) or find(s, "&", 1, true) or find(s, ">", 1, true)
                  or find(s, '"', 1, true) or find(s, "'", 1, true)
        return i and i - 1 or #s
    end
end


-- escape(nil) is "", a number is printed as is, anything else goes through tostring.
function _M.escape(s)
    local t = type(s)
    if t ~= "string" then
        if s == nil then
            return ""
        end
        s = tostring(s)
        if t == "number" then
            return s
        end
    end
    local i = first_special(s)
    if i == #s then
        return s
    end
    local out = memo[s]
    if out then
        return out
    end
    out = escape_from(s, i + 1)
    if #s <= MEMO_MAX_BYTES then
        if memo_entries == MEMO_MAX_ENTRIES then
            memo, memo_entries = {}, 0
        end
        memo[s], memo_entries = out, memo_entries + 1
    end
    return out
end


return _M
