-- bench/nginx/ref_db.lua: the nginx + lua-nginx-module reference's handlers of the TechEmpower
-- database tests (/db, /queries, /updates, /fortunes), written the way an OpenResty developer
-- would: pgmoon (pure Lua, loaded from PGMOON_DIR, never part of this repository) over
-- ngx.socket.tcp, connections kept in the cosocket keepalive pool of each worker. They answer
-- what grocer's bench/app/scripts/bench/tfb.lua answers, from the same tables (bench/sql/).
--
-- Connection pool, per nginx worker (configure{pool_size =, limit =, backlog =}):
--   limit = N (POOL_MODE=sema, the default of bench/run.sh): an ngx.semaphore lets at most N
--     requests hold a connection at once and the keepalive pool keeps N, so a worker opens N
--     connections and reuses them: the same shape as grocer's pool of GROCER_DB_POOL_MAX;
--   backlog = B (POOL_MODE=backlog): the cosocket pool's own queue (in lua-nginx-module
--     0.10.23 it opens and closes connections under load);
--   neither (POOL_MODE=unbounded): TechEmpower's OpenResty style, one connection per
--     request in flight, pool_size idle ones kept.
--
-- pgmoon sends a Lua number as numeric (oid 1700); `id = $1` would then compare as numeric and
-- skip the primary key's index, so the id is cast back: `$1::int`. pgmoon has no named
-- prepared statements: every parameterised query is Parse+Bind+Describe+Execute+Close+Sync,
-- one round trip per query (no pipelining either).
local cjson = require "cjson"
local pgmoon = require "pgmoon"
local semaphore = require "ngx.semaphore"

local ngx = ngx   -- luacheck: ignore 113
local concat = table.concat
local find, gsub = string.find, string.gsub
local floor = math.floor
local random = math.random
local sort = table.sort
local tonumber, tostring = tonumber, tostring
local json_encode = cjson.encode


local _M = {}


local WORLD_ROWS = 10000
local MAX_QUERIES = 500
local WORLD_SQL = "SELECT id, randomnumber FROM world WHERE id = $1::int"
local UPDATE_SQL = "UPDATE world SET randomnumber = v.r"
    .. " FROM unnest($1::int[], $2::int[]) AS v (id, r) WHERE world.id = v.id"
local FORTUNE_SQL = "SELECT id, message FROM fortune"
local EXTRA_FORTUNE = "Additional fortune added at request time."
local IDLE_MS = 60000   -- a pooled connection's idle timeout

local db_config   -- pgmoon.new() options, set by configure()
local pool_size   -- connections kept per worker
local limit       -- per-worker cap on requests holding a connection (nil: none)
local sema        -- the semaphore enforcing it, made in the worker on first use


-- Called once from init_by_lua with the run's settings.
function _M.configure(opts)
    pool_size, limit = opts.pool_size, opts.limit
    db_config = {
        host = opts.host, port = opts.port, database = opts.database, user = opts.user,
        pool_size = opts.pool_size, backlog = opts.backlog,
    }
end


-- Called from init_worker_by_lua: every worker draws its own numbers.
function _M.init_worker()
    math.randomseed(floor(ngx.now() * 1000) + 7919 * ngx.worker.pid())
end


local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

local function esc(s)
    if not find(s, "[&<>\"']") then
        return s
    end
    return (gsub(s, "[&<>\"']", ESC))
end


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


local function fail(status, what, err)
    ngx.log(ngx.ERR, what, ": ", err)
    ngx.status = status
    ngx.header.content_type = "text/plain; charset=utf-8"
    ngx.print("database error\n")
    return ngx.exit(status)
end


local function connect()
    if limit then
        if not sema then
            sema = assert(semaphore.new(limit))
        end
        local ok, err = sema:wait(5)
        if not ok then
            return nil, "waiting for a connection: " .. err
        end
    end
    local pg = pgmoon.new(db_config)
    local ok, err = pg:connect()
    if not ok then
        if limit then
            sema:post(1)
        end
        return nil, err
    end
    return pg
end


local function release(pg)
    local ok, err = pg:keepalive(IDLE_MS, pool_size)
    if not ok then
        ngx.log(ngx.ERR, "pgmoon keepalive: ", err)
    end
    if limit then
        sema:post(1)
    end
end


local function close(pg)
    pg:disconnect()
    if limit then
        sema:post(1)
    end
end


-- One random row, on a connection the caller holds.
local function random_world(pg)
    local rows, err = pg:query(WORLD_SQL, random(1, WORLD_ROWS))
    if not rows then
        return nil, err
    end
    local r = rows[1]
    return { id = r.id, randomNumber = r.randomnumber }
end


-- N random rows, one query (one round trip) each.
local function random_worlds(pg, n)
    local worlds = {}
    for i = 1, n do
        local w, err = random_world(pg)
        if not w then
            return nil, err
        end
        worlds[i] = w
    end
    return worlds
end


function _M.db()
    local pg, err = connect()
    if not pg then
        return fail(503, "connect", err)
    end
    local w
    w, err = random_world(pg)
    if not w then
        close(pg)
        return fail(500, "query", err)
    end
    release(pg)
    ngx.print(json_encode(w))
end


function _M.queries()
    local n = query_count(ngx.var.arg_q)
    local pg, err = connect()
    if not pg then
        return fail(503, "connect", err)
    end
    local worlds
    worlds, err = random_worlds(pg, n)
    if not worlds then
        close(pg)
        return fail(500, "query", err)
    end
    release(pg)
    ngx.print(json_encode(worlds))
end


-- Rows read one by one, then one bulk UPDATE with the ids sorted (concurrent updates lock rows
-- in the same order: no deadlock); a row drawn twice gets one new number.
function _M.updates()
    local n = query_count(ngx.var.arg_q)
    local pg, err = connect()
    if not pg then
        return fail(503, "connect", err)
    end
    local worlds
    worlds, err = random_worlds(pg, n)
    if not worlds then
        close(pg)
        return fail(500, "query", err)
    end
    local new, ids = {}, {}
    for i = 1, n do
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
    ok, err = pg:query(UPDATE_SQL, "{" .. concat(ids, ",") .. "}", "{" .. concat(nums, ",") .. "}")
    if not ok then
        close(pg)
        return fail(500, "update", err)
    end
    release(pg)
    ngx.print(json_encode(worlds))
end


local FORTUNES_HEAD = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
    .. "<tr><th>id</th><th>message</th></tr>"
local FORTUNES_TAIL = "</table></body></html>\n"

local function by_message(a, b)
    return a.message < b.message
end


function _M.fortunes()
    local pg, err = connect()
    if not pg then
        return fail(503, "connect", err)
    end
    local rows
    rows, err = pg:query(FORTUNE_SQL)
    if not rows then
        close(pg)
        return fail(500, "query", err)
    end
    release(pg)
    rows[#rows + 1] = { id = 0, message = EXTRA_FORTUNE }
    sort(rows, by_message)
    local buf, b = { FORTUNES_HEAD }, 1
    for i = 1, #rows do
        local r = rows[i]
        buf[b + 1] = "<tr><td>"
        buf[b + 2] = tostring(r.id)
        buf[b + 3] = "</td><td>"
        buf[b + 4] = esc(r.message)
        buf[b + 5] = "</td></tr>"
        b = b + 5
    end
    buf[b + 1] = FORTUNES_TAIL
    ngx.print(buf)
end


return _M
