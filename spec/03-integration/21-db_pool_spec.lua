-- spec/03-integration/21-db_pool_spec.lua: the worker's PostgreSQL pool under load and at its
-- limits, against a real PostgreSQL (DATABASE_URL): 1,000 concurrent handlers on a pool of 10 all
-- get their own answer and the pool never opens more connections than it may; with every
-- connection taken a request gets 503 within the acquire timeout; a client that leaves mid-query
-- has its query cancelled; a connection left inside a transaction never goes back to the pool.
-- The database side is checked in pg_stat_activity (application_name 'grocer').
local cjson = require "cjson"
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"
local burst = require "spec.helpers.burst"

local now = helpers.now


local function json(body)
    local ok, data = pcall(cjson.decode, body or "")
    assert(ok, "not JSON: " .. tostring(body))
    return data
end


-- Waits until no grocer connection (of an earlier spec's server) is left on the database, so the
-- counts below are this server's alone.
local function no_grocer_left()
    helpers.wait_until(function()
        return pg.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'grocer' "
            .. "AND datname = current_database()") == "0"
    end, 10, "no grocer connection left from an earlier server")
end


local function paths(n, sleep)
    local list = {}
    for i = 1, n do
        list[i] = "/double?n=" .. i .. "&sleep=" .. sleep
    end
    return list
end


describe("the pool, 2 workers x GROCER_DB_POOL_MAX=5", function()
    local h
    local WORKERS, POOL_MAX = 2, 5


    lazy_setup(function()
        local url = pg.url()
        no_grocer_left()
        h = helpers.start_grocer({ app = "spec/fixtures/dbapp", workers = WORKERS, env = {
            DATABASE_URL = url,
            GROCER_DB_POOL_MAX = tostring(POOL_MAX),
            GROCER_DB_ACQUIRE_TIMEOUT = "30",     -- this spec is about answers, not about waiting
        } })
        helpers.wait_until(function()
            return h:request("GET", "/readyz") == 200
        end, 10, "/readyz 200")
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    it("gives each of 1,000 concurrent handlers on a pool of 10 its own answer", function()
        local results, took = burst.get_all(h.port, paths(1000, 0.02), { timeout = 60 })
        local bad = {}
        for i, r in ipairs(results) do
            local data = r.status == 200 and cjson.decode(r.body)
            if not data or data.n ~= i or data.v ~= 2 * i then
                bad[#bad + 1] = string.format("#%d: %s %s", i, tostring(r.status or r.err),
                    tostring(r.body):sub(1, 120))
            end
        end
        assert.equal(1000, #results)
        assert.same({}, { unpack(bad, 1, 10) }, #bad .. " wrong answers in " .. took .. " s")
        -- the handlers really waited together: each worker had many more in flight than its pool
        local peaks = {}
        helpers.wait_until(function()
            local status, _, body = h:request("GET", "/peak")
            if status == 200 then
                local data = json(body)
                peaks[data.worker] = data.peak
            end
            return peaks[0] and peaks[1]
        end, 10, "/peak from both workers")
        assert.is_true(peaks[0] + peaks[1] >= 500, "peak in flight: " .. peaks[0] .. " + " .. peaks[1])
        assert.is_true(peaks[0] > POOL_MAX and peaks[1] > POOL_MAX, "peaks " .. peaks[0] .. ", " .. peaks[1])
    end)


    it("never holds more PostgreSQL connections than workers x pool size (LISTEN aside)", function()
        local most, samples = 0, 0
        local function sample()
            local n = pg.grocer_connections()
            samples = samples + 1
            if n > most then
                most = n
            end
        end
        local results = burst.get_all(h.port, paths(1000, 0.02), { timeout = 60, on_tick = sample, tick = 0.05 })
        sample()
        local ok = 0
        for _, r in ipairs(results) do
            if r.status == 200 then
                ok = ok + 1
            end
        end
        assert.equal(1000, ok)
        assert.is_true(samples >= 5, "only " .. samples .. " samples")
        assert.is_true(most <= WORKERS * POOL_MAX, "saw " .. most .. " connections")
        -- and under that load the pool grew to its size
        assert.equal(WORKERS * POOL_MAX, most)
    end)
end)


describe("the pool, 1 worker x GROCER_DB_POOL_MAX=1, GROCER_DB_ACQUIRE_TIMEOUT=0.3", function()
    local h


    lazy_setup(function()
        local url = pg.url()
        pg.exec("DROP TABLE IF EXISTS dbspec_leak; CREATE TABLE dbspec_leak (k text NOT NULL)")
        no_grocer_left()
        h = helpers.start_grocer({ app = "spec/fixtures/dbapp", workers = 1, env = {
            DATABASE_URL = url,
            GROCER_DB_POOL_MAX = "1",
            GROCER_DB_ACQUIRE_TIMEOUT = "0.3",
        } })
        helpers.wait_until(function()
            return h:request("GET", "/readyz") == 200
        end, 10, "/readyz 200")
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
        pg.psql("DROP TABLE IF EXISTS dbspec_leak")
    end)


    before_each(function()
        -- the one connection is free again (an earlier spec may have left it busy)
        helpers.wait_until(function()
            return h:request("GET", "/ping") == 200
        end, 5, "GET /ping 200")
    end)


    it("answers 503 with Retry-After within the acquire timeout while the only connection is busy", function()
        local holder = assert(h:connect(10))
        finally(function() holder:close() end)
        assert(holder:send_request("GET", "/sleep_db?s=2"))
        helpers.wait_until(function()
            return pg.grocer_active("pg_sleep") == 1
        end, 3, "the holder's pg_sleep running")
        local t0 = now()
        local status, headers, body = h:request("GET", "/ping", nil, nil, { timeout = 5 })
        local took = now() - t0
        assert.equal(503, status, body)
        assert.equal("1", headers["retry-after"])
        assert.matches("503", body, 1, true)
        assert.is_true(took >= 0.25 and took <= 1.0, string.format("503 after %.3f s", took))
        -- the holder was not disturbed, and no second connection was opened meanwhile
        assert.equal(1, pg.grocer_connections())
        local res = assert(holder:read_response({ timeout = 5 }))
        assert.equal(200, res.status, res.body)
        assert.equal("woke", res.body)
    end)


    it("cancels the query of a client that disconnects mid-query", function()
        local conn = assert(h:connect(5))
        assert(conn:send_request("GET", "/slow"))
        helpers.wait_until(function()
            return pg.grocer_active("dbspec slow") == 1
        end, 3, "/slow's pg_sleep(30) running")
        conn:close()
        local t0 = now()
        helpers.wait_until(function()
            return pg.grocer_active("dbspec slow") == 0
        end, 2, "/slow's query cancelled")
        assert.is_true(now() - t0 < 2)
        -- and the connection is back in the pool, out of any transaction
        local status, _, body = h:request("GET", "/ping", nil, nil, { timeout = 2 })
        assert.equal(200, status, body)
        assert.equal(42, json(body).answer)
    end)


    it("never returns a connection to the pool inside a transaction", function()
        local k = "leak-" .. os.time() .. "-" .. math.random(0, 999999)
        local status, _, body = h:request("POST", "/begin?k=" .. k, nil, "")
        assert.equal(200, status, body)
        assert.equal("began", body)
        -- the INSERT after BEGIN was committed (it did not run inside the BEGIN left open) ...
        assert.equal("1", pg.scalar("SELECT count(*) FROM dbspec_leak WHERE k = '" .. k .. "'"))
        -- ... no grocer connection sits idle in a transaction ...
        helpers.wait_until(function()
            return pg.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'grocer' "
                .. "AND datname = current_database() AND state LIKE 'idle in transaction%'") == "0"
        end, 2, "no grocer connection idle in transaction")
        -- ... and the next requests on this worker (one connection) start outside any transaction
        local seen = pg.scalar("SELECT count(*) FROM dbspec_leak")
        for _ = 1, 3 do
            local s, _, b = h:request("GET", "/txstate")
            assert.equal(200, s, b)
            local data = json(b)
            assert.is_true(data.no_xid)
            assert.equal(tonumber(seen), data.leak_rows)
        end
    end)
end)
