-- bench/app/scripts/bench/tfb.lua: grocer's handlers of the TechEmpower database tests, under
-- the rules of TechEmpower's Framework Benchmarks (round 22), against the tables of
-- bench/sql/schema.sql:
--   /db          one random row of world as {"id", "randomNumber"}
--   /queries?q=N N random rows (q clamped to 1..500, anything else is 1) as a JSON array: each
--                row its own statement, all N sent in one pipeline (db.batch, one round trip)
--   /updates?q=N N random rows read as in /queries, each given a new random number, written
--                back with one bulk UPDATE (ids sorted, so concurrent updates lock rows in the
--                same order and cannot deadlock), answered as a JSON array
--   /fortunes    every fortune, plus one added at request time, sorted by message, rendered
--                by templates/bench/fortunes.html (every message escaped)
-- The nginx reference (bench/nginx/ref_db.lua) does the same work with pgmoon.
local db = require "grocer.db"
local grocer = require "grocer"

local concat = table.concat
local floor = math.floor
local random = math.random
local sort = table.sort
local tonumber = tonumber


local _M = {}


local WORLD_ROWS = 10000
local MAX_QUERIES = 500
local WORLD_SQL = "SELECT id, randomnumber FROM world WHERE id = $1"
-- $1, $2: the ids (sorted, distinct) and their new numbers, as int[] literals "{1,2,3}"
local UPDATE_SQL = "UPDATE world SET randomnumber = v.r"
    .. " FROM unnest($1::int[], $2::int[]) AS v (id, r) WHERE world.id = v.id"
local FORTUNE_SQL = "SELECT id, message FROM fortune"
local EXTRA_FORTUNE = "Additional fortune added at request time."


-- Each worker draws its own numbers: with LuaJIT's fixed default seed every worker would ask
-- for the same rows in the same order.
math.randomseed(floor(grocer.now() * 1000) + 7919 * (tonumber(grocer.worker_id) or 0))


-- q as TechEmpower wants it: 1..500, and 1 for anything that is not a number.
local function query_count(q)
    local n = tonumber(q)
    if not n or n ~= n or n < 1 then
        return 1
    end
    if n > MAX_QUERIES then
        return MAX_QUERIES
    end
    return floor(n)
end


local function fail(res, err)
    res.status = db.unavailable(err) and 503 or 500
    res:header("Content-Type", "text/plain; charset=utf-8")
    res:send("database error\n")
    return nil
end


-- N random rows of world, each read by its own statement, in one round trip.
local function random_worlds(n)
    local batch = {}
    for i = 1, n do
        batch[i] = { WORLD_SQL, random(1, WORLD_ROWS) }
    end
    local results, err = db.batch(batch)
    if not results then
        return nil, err
    end
    local worlds = {}
    for i = 1, n do
        local r = results[i][1]
        worlds[i] = { id = r.id, randomNumber = r.randomnumber }
    end
    return worlds
end


function _M.db(req, res)
    local rows, err = db.query(WORLD_SQL, random(1, WORLD_ROWS))
    if not rows then
        return fail(res, err)
    end
    local r = rows[1]
    res:json({ id = r.id, randomNumber = r.randomnumber })
end


function _M.queries(req, res)
    local worlds, err = random_worlds(query_count(req.query.q))
    if not worlds then
        return fail(res, err)
    end
    res:json(worlds)
end


function _M.updates(req, res)
    local worlds, err = random_worlds(query_count(req.query.q))
    if not worlds then
        return fail(res, err)
    end
    -- a row drawn twice gets one new number, so the answer says what the table now holds
    local new, ids = {}, {}
    for i = 1, #worlds do
        local w = worlds[i]
        local r = new[w.id]
        if not r then
            r = random(1, WORLD_ROWS)
            new[w.id] = r
            ids[#ids + 1] = w.id
        end
        w.randomNumber = r
    end
    sort(ids)
    local nums = {}
    for i = 1, #ids do
        nums[i] = new[ids[i]]
    end
    local ok
    ok, err = db.query(UPDATE_SQL, "{" .. concat(ids, ",") .. "}", "{" .. concat(nums, ",") .. "}")
    if not ok then
        return fail(res, err)
    end
    res:json(worlds)
end


local function by_message(a, b)
    return a.message < b.message
end


function _M.fortunes(req, res)
    local rows, err = db.query(FORTUNE_SQL)
    if not rows then
        return fail(res, err)
    end
    rows[#rows + 1] = { id = 0, message = EXTRA_FORTUNE }
    sort(rows, by_message)
    res:render("bench/fortunes", { fortunes = rows })
end


return _M
