-- scripts/shop/json.lua: JSON for the /api/v1 answers. lua-cjson 2.1.0 (Debian 12) cannot tell an
-- empty array from an empty object, and the API's shapes have arrays that may be empty
-- ("items": []), so arrays are marked: json.array(t) (or any table with t[1] ~= nil) is written
-- as an array, other tables as objects. Strings are escaped by cjson. Pure.
local cjson = require "cjson.safe"

local concat = table.concat
local find = string.find
local floor = math.floor
local format = string.format
local getmetatable = getmetatable
local pairs = pairs
local setmetatable = setmetatable
local tostring = tostring
local type = type


local _M = {}


local ARRAY = { __name = "json.array" }
_M.null = cjson.null


-- Marks t (default: a new table) as a JSON array and returns it.
function _M.array(t)
    return setmetatable(t or {}, ARRAY)
end


local encode_value


-- A JSON string: as it is between quotes when nothing in it needs escaping (the usual case:
-- names, slugs), else cjson's escaping.
local function encode_string(s)
    if not find(s, '[%c"\\]') then
        return '"' .. s .. '"'
    end
    return cjson.encode(s)
end


local function encode_number(n)
    if n ~= n or n == math.huge or n == -math.huge then
        return "null"
    end
    if floor(n) == n and n >= -2 ^ 53 and n <= 2 ^ 53 then
        return format("%d", n)
    end
    return format("%.14g", n)
end


local function encode_table(t, out, depth)
    if depth > 32 then
        error("json: nested deeper than 32", 0)
    end
    if getmetatable(t) == ARRAY or t[1] ~= nil then
        out[#out + 1] = "["
        for i = 1, #t do
            if i > 1 then
                out[#out + 1] = ","
            end
            encode_value(t[i], out, depth + 1)
        end
        out[#out + 1] = "]"
        return
    end
    out[#out + 1] = "{"
    local first = true
    for k, v in pairs(t) do
        if not first then
            out[#out + 1] = ","
        end
        first = false
        out[#out + 1] = encode_string(tostring(k))
        out[#out + 1] = ":"
        encode_value(v, out, depth + 1)
    end
    out[#out + 1] = "}"
end


encode_value = function(v, out, depth)
    local tv = type(v)
    if tv == "string" then
        out[#out + 1] = encode_string(v)
    elseif tv == "number" then
        out[#out + 1] = encode_number(v)
    elseif tv == "boolean" then
        out[#out + 1] = v and "true" or "false"
    elseif tv == "table" then
        encode_table(v, out, depth)
    elseif v == nil or v == cjson.null then
        out[#out + 1] = "null"
    else
        error("json: cannot encode a " .. tv, 0)
    end
end


-- encode(value) -> JSON text. Raises on a value JSON cannot hold (a function, a loop).
function _M.encode(value)
    local out = {}
    encode_value(value, out, 0)
    return concat(out)
end


-- Sends value as the JSON answer of res with status (default 200).
function _M.send(res, value, status)
    res.status = status or 200
    res:header("Content-Type", "application/json")
    res:send(_M.encode(value))
end


-- Sends {"error": {"code", "message"}} with a 4xx/5xx status.
function _M.error(res, status, code, message)
    _M.send(res, { error = { code = code, message = message } }, status)
end


return _M
