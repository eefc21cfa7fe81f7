-- scripts/seed/random.lua: the demo catalog's own PRNG (xoshiro128**), so the seed is the same
-- on every machine and run whatever math.random does. A stream is made from a string
-- (random.new("fresh")): each generator module takes its own, so a change in one module
-- never shifts the numbers another one draws. Pure: no I/O, no globals.
local bit = require "bit"

local band = bit.band
local bor = bit.bor
local bxor = bit.bxor
local lshift = bit.lshift
local rshift = bit.rshift
local rol = bit.rol
local tobit = bit.tobit
local byte = string.byte
local floor = math.floor
local log = math.log
local exp = math.exp
local setmetatable = setmetatable


local _M = {}


local Stream = {}
Stream.__index = Stream


-- 32-bit FNV-1a of a string. 16777619 = 2^24 + 403, so the product is built from two parts
-- that doubles hold exactly before bit.tobit wraps it to 32 bits.
local function fnv1a(s, h)
    h = h or tobit(0x811c9dc5)
    for i = 1, #s do
        h = bxor(h, byte(s, i))
        h = tobit(lshift(h, 24) + h * 403)
    end
    return h
end
_M.hash = fnv1a


-- x * k mod 2^32 for a small k (k * 2^32 < 2^53).
local function mul_small(x, k)
    local lo = band(x, 0xffff)
    local hi = rshift(x, 16)
    return tobit(lshift(tobit(hi * k), 16) + lo * k)
end


-- splitmix-like scrambler to spread a 32-bit seed over the state words
local function mix(h)
    h = bxor(h, rshift(h, 16))
    h = mul_small(h, 0x45d9f3b)
    h = bxor(h, rshift(h, 16))
    h = mul_small(h, 0x45d9f3b)
    return bxor(h, rshift(h, 16))
end


-- A new stream named by a string (and an optional number, e.g. a row index).
function _M.new(name, n)
    local h = fnv1a(name .. "#" .. (n or 0))
    local s = setmetatable({}, Stream)
    s[1] = mix(h)
    s[2] = mix(tobit(h + 0x3c6ef372))
    s[3] = mix(tobit(h + 0x1b873593))
    s[4] = mix(tobit(h + 0x7f4a7c15))
    if bor(s[1], s[2], s[3], s[4]) == 0 then
        s[1] = 1
    end
    for _ = 1, 8 do
        s:u32()
    end
    return s
end


-- The next 32 bits, as a number in [0, 2^32).
function Stream:u32()
    local s0, s1, s2, s3 = self[1], self[2], self[3], self[4]
    local r = mul_small(rol(mul_small(s1, 5), 7), 9)
    local t = lshift(s1, 9)
    s2 = bxor(s2, s0)
    s3 = bxor(s3, s1)
    s1 = bxor(s1, s2)
    s0 = bxor(s0, s3)
    s2 = bxor(s2, t)
    s3 = rol(s3, 11)
    self[1], self[2], self[3], self[4] = s0, s1, s2, s3
    if r < 0 then
        r = r + 4294967296
    end
    return r
end


-- A float in [0, 1).
function Stream:float()
    return self:u32() / 4294967296
end


-- An integer in [lo, hi], both included.
function Stream:int(lo, hi)
    return lo + floor(self:float() * (hi - lo + 1))
end


-- true with probability p.
function Stream:chance(p)
    return self:float() < p
end


-- One element of an array.
function Stream:pick(t)
    return t[1 + floor(self:float() * #t)]
end


-- A float around 1: exp of a roughly normal value with the given spread (0.1 = about ±10 %).
function Stream:jitter(spread)
    local u = self:float() + self:float() + self:float() - 1.5   -- Irwin-Hall, sd 0.5
    return exp(u * 2 * spread)
end


-- An integer >= 1 with a heavy tail (Pareto, alpha): popularity and stock draws.
function Stream:pareto(alpha, scale)
    local u = 1 - self:float()
    return floor(scale * exp(-log(u) / alpha))
end


-- A small fast generator for bulk draws (stock of every product in every store): the
-- Park-Miller "minimal standard" LCG, exact in doubles. Returns a function giving floats in
-- (0, 1).
function _M.minstd(name, n)
    local x = fnv1a(name .. "#" .. (n or 0)) % 2147483646 + 1
    return function()
        x = x * 16807 % 2147483647
        return x / 2147483647
    end
end


-- Shuffles an array in place (Fisher-Yates) and returns it.
function Stream:shuffle(t)
    for i = #t, 2, -1 do
        local j = 1 + floor(self:float() * i)
        t[i], t[j] = t[j], t[i]
    end
    return t
end


return _M
