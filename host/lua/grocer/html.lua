-- host/lua/grocer/html.lua: HTML escaping for templates and handlers. Escapes the five
-- characters that matter in text and in quoted attributes: & < > " '.
local byte = string.byte
local concat = table.concat
local find = string.find
local sub = string.sub
local tostring = tostring
local type = type


local _M = {}


-- Reused by escape(), which never yields nor calls back into Lua: one buffer per Lua state.
local buf = {}


-- escape(nil) is "", a number is printed as is, anything else goes through tostring.
-- Templates escape every value they print, so both paths avoid Lua patterns, which LuaJIT
-- runs in C without compiling them (measured on a 40-byte name: five plain finds ~30 ns
-- against ~330 ns for one find with a character class; the byte loop below ~200 ns against
-- ~750 ns for gsub with a replacement table).
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
    local special = find(s, "<", 1, true) or find(s, "&", 1, true) or find(s, ">", 1, true)
                  or find(s, '"', 1, true) or find(s, "'", 1, true)
    if not special then
        return s
    end
    local n, last = 0, 1
    for i = 1, #s do
        local c = byte(s, i)
        local entity = (c == 38 and "&amp;") or (c == 60 and "&lt;") or (c == 62 and "&gt;")
                       or (c == 34 and "&quot;") or (c == 39 and "&#39;")
        if entity then
            buf[n + 1], buf[n + 2] = sub(s, last, i - 1), entity
            n, last = n + 2, i + 1
        end
    end
    buf[n + 1] = sub(s, last)
    return concat(buf, "", 1, n + 1)
end


return _M
