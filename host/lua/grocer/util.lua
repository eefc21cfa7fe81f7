-- host/lua/grocer/util.lua: small pure helpers shared by the runtime and the scripts: URL
-- escaping, query strings, cookies (parsing the request header, building Set-Cookie) and VND
-- money formatting. No I/O, no state: every function is safe to call from any request.
local byte = string.byte
local char = string.char
local concat = table.concat
local find = string.find
local floor = math.floor
local format = string.format
local gsub = string.gsub
local os_date = os.date
local sub = string.sub
local tonumber = tonumber
local tostring = tostring
local type = type


local _M = {}


-- ---- URL escaping ----

local function hex_to_char(h)
    return char(tonumber(h, 16))
end


local function char_to_hex(c)
    return format("%%%02X", byte(c))
end


-- Decodes %XX escapes, and "+" as a space (form and query encoding). A malformed escape
-- ("%zz", a lone "%") is kept as it is.
function _M.url_decode(s)
    if not find(s, "[%%+]") then
        return s
    end
    s = gsub(s, "+", " ")
    return (gsub(s, "%%(%x%x)", hex_to_char))
end


-- Decodes %XX escapes only: in a path "+" is a plus sign.
function _M.path_decode(s)
    if not find(s, "%", 1, true) then
        return s
    end
    return (gsub(s, "%%(%x%x)", hex_to_char))
end


-- Escapes everything but the unreserved characters of RFC 3986 (A-Z a-z 0-9 - . _ ~), so the
-- result is safe in a path segment, a query key or a query value. A space becomes %20.
function _M.url_encode(s)
    local t = type(s)
    if t == "number" then
        s = tostring(s)
    elseif t ~= "string" then
        error("url_encode: string expected, got " .. t, 2)
    end
    return (gsub(s, "[^%w%-%._~]", char_to_hex))
end


-- ---- query strings ----

local MAX_PAIRS = 1000


-- "a=1&b=x+y&a=2" -> { a = {"1", "2"}, b = "x y" }. A key without "=" gets "". Keys and values
-- are decoded; a repeated key gives an array of its values in order. Pairs after the first
-- max_pairs (default 1000) are ignored, to bound the work a hostile query string can cause.
function _M.parse_query(qs, max_pairs)
    local out = {}
    if qs == nil or qs == "" then
        return out
    end
    max_pairs = max_pairs or MAX_PAIRS
    local decode = _M.url_decode
    local pos, len, count = 1, #qs, 0
    if byte(qs, 1) == 63 then -- "?"
        pos = 2
    end
    while pos <= len and count < max_pairs do
        local amp = find(qs, "&", pos, true)
        local last = amp and amp - 1 or len
        if last >= pos then
            local eq = find(qs, "=", pos, true)
            local key, val
            if eq and eq <= last then
                key, val = sub(qs, pos, eq - 1), decode(sub(qs, eq + 1, last))
            else
                key, val = sub(qs, pos, last), ""
            end
            if key ~= "" then
                key = decode(key)
                count = count + 1
                local prev = out[key]
                if prev == nil then
                    out[key] = val
                elseif type(prev) == "table" then
                    prev[#prev + 1] = val
                else
                    out[key] = { prev, val }
                end
            end
        end
        if not amp then
            break
        end
        pos = amp + 1
    end
    return out
end


-- A value of parse_query as one string: the first of a repeated key's values (nil stays nil).
function _M.first(v)
    if type(v) == "table" then
        return v[1]
    end
    return v
end


-- ---- cookies ----

-- "a=1; b=\"two\"" -> { a = "1", b = "two" }. The first cookie of a name wins (browsers send
-- the most specific path first). Values are not decoded.
function _M.parse_cookies(header)
    local out = {}
    if type(header) ~= "string" or header == "" then
        return out
    end
    for pair in header:gmatch("[^;]+") do
        local name, val = pair:match("^%s*([^=%s]+)%s*=%s*(.-)%s*$")
        if name and out[name] == nil then
            if #val >= 2 and byte(val, 1) == 34 and byte(val, -1) == 34 then
                val = sub(val, 2, -2)
            end
            out[name] = val
        end
    end
    return out
end


-- RFC 6265: a name is an HTTP token; a value is cookie-octets (no space, '"', ',', ';', '\').
local BAD_NAME = "[^!#$%%&'*+%-.^_`|~%w]"
local BAD_VALUE = "[^]\33\35-\43\45-\58\60-\91\94-\126]"
local BAD_ATTR = "[%c;]"
local SAME_SITE = { Strict = true, Lax = true, None = true }
local DAYS = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" }
local MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }


local function http_date(epoch)
    local d = os_date("!*t", epoch)
    return format("%s, %02d %s %04d %02d:%02d:%02d GMT",
                  DAYS[d.wday], d.day, MONTHS[d.month], d.year, d.hour, d.min, d.sec)
end


-- Builds a Set-Cookie value. opts: path (default "/"), domain, max_age (seconds), expires (epoch
-- seconds or a preformatted date string), http_only (default true), secure (default false),
-- same_site ("Strict", "Lax" (default), "None", or false to leave it out). A name or value
-- outside RFC 6265 is the caller's bug and raises: url_encode values that may hold anything.
function _M.cookie_header(name, value, opts)
    if type(name) ~= "string" or name == "" or find(name, BAD_NAME) then
        error("cookie_header: bad cookie name " .. format("%q", tostring(name)), 2)
    end
    value = value == nil and "" or tostring(value)
    if find(value, BAD_VALUE) then
        error("cookie_header: bad value for cookie '" .. name .. "' (url_encode it)", 2)
    end
    opts = opts or {}
    local out = { name .. "=" .. value }
    local path = opts.path or "/"
    local domain = opts.domain
    if find(path, BAD_ATTR) or (domain and find(domain, BAD_ATTR)) then
        error("cookie_header: bad path or domain for cookie '" .. name .. "'", 2)
    end
    out[#out + 1] = "Path=" .. path
    if domain then
        out[#out + 1] = "Domain=" .. domain
    end
    if opts.max_age then
        local age = tonumber(opts.max_age)
        if not age or age % 1 ~= 0 then
            error("cookie_header: max_age must be an integer number of seconds", 2)
        end
        out[#out + 1] = format("Max-Age=%d", age)
    end
    local expires = opts.expires
    if expires then
        if type(expires) == "number" then
            expires = http_date(expires)
        elseif find(expires, BAD_ATTR) then
            error("cookie_header: bad expires for cookie '" .. name .. "'", 2)
        end
        out[#out + 1] = "Expires=" .. expires
    end
    if opts.secure then
        out[#out + 1] = "Secure"
    end
    if opts.http_only ~= false then
        out[#out + 1] = "HttpOnly"
    end
    local same_site = opts.same_site
    if same_site == nil then
        same_site = "Lax"
    end
    if same_site then
        if not SAME_SITE[same_site] then
            error("cookie_header: same_site must be Strict, Lax or None", 2)
        end
        if same_site == "None" and not opts.secure then
            error("cookie_header: SameSite=None needs secure = true (browsers drop it otherwise)", 2)
        end
        out[#out + 1] = "SameSite=" .. same_site
    end
    return concat(out, "; ")
end


-- ---- money ----

local DONG = " \226\130\171" -- " ₫" (U+20AB)

-- Every number below 1000 as it is written first ("7") and after a dot ("007"), so that
-- format_vnd is table lookups and concatenation, which LuaJIT compiles, without formatting.
-- (floor(amount / 1e3) and amount % 1e3 are exact: up to 2^53, amount / 1e3 never rounds up
-- to the next integer.)
local LEAD, GROUP = {}, {}
for i = 0, 999 do
    LEAD[i], GROUP[i] = format("%d", i), format("%03d", i)
end


-- 1250500 -> "1.250.500 ₫". Money is integer VND: anything else is a caller's bug and raises.
function _M.format_vnd(amount)
    -- amount % 1 is NaN for NaN and the infinities; above 2^53 doubles skip integers.
    if type(amount) ~= "number" or amount % 1 ~= 0 or amount > 2 ^ 53 or amount < -2 ^ 53 then
        error("format_vnd: integer VND expected, got " .. tostring(amount), 2)
    end
    local sign = ""
    if amount < 0 then
        sign, amount = "-", -amount
    end
    if amount < 1e3 then
        return sign .. LEAD[amount] .. DONG
    elseif amount < 1e6 then
        return sign .. LEAD[floor(amount / 1e3)] .. "." .. GROUP[amount % 1e3] .. DONG
    elseif amount < 1e9 then
        return sign .. LEAD[floor(amount / 1e6)] .. "." .. GROUP[floor(amount / 1e3) % 1e3]
               .. "." .. GROUP[amount % 1e3] .. DONG
    end
    local digits = GROUP[amount % 1e3] .. DONG
    amount = floor(amount / 1e3)
    while amount >= 1e3 do
        digits = GROUP[amount % 1e3] .. "." .. digits
        amount = floor(amount / 1e3)
    end
    return sign .. LEAD[amount] .. "." .. digits
end


return _M
