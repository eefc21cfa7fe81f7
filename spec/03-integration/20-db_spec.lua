-- spec/03-integration/20-db_spec.lua: the grocer.db Lua API against a real PostgreSQL
-- (DATABASE_URL): typed results, parameters, SQL errors, injection attempts, db.tx (commit,
-- rollback on error and on nil, err, nested savepoints), db.retry past a serialization failure,
-- db.batch, and db.listen reaching every worker. Each spec checks the answer and what the
-- database holds afterwards (psql).
local cjson = require "cjson"
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"

local now = helpers.now


local TABLES = [[
    DROP TABLE IF EXISTS dbspec_params, dbspec_notes, dbspec_tx, dbspec_retry, dbspec_batch, dbspec_heard;
    CREATE TABLE dbspec_params (id int PRIMARY KEY, note text, memo text, flag bool, off bool, data jsonb, qty int);
    CREATE TABLE dbspec_notes (id serial PRIMARY KEY, body text NOT NULL);
    CREATE TABLE dbspec_tx (k text NOT NULL, step text NOT NULL);
    CREATE TABLE dbspec_retry (k text NOT NULL, who text NOT NULL, attempt int);
    CREATE TABLE dbspec_batch (k text NOT NULL, step text NOT NULL);
    CREATE TABLE dbspec_heard (worker int NOT NULL, channel text NOT NULL, payload text NOT NULL);
]]


-- A key of its own for each spec, so rows left by an earlier run never match.
local function key(name)
    return name .. "-" .. string.format("%d-%06d", os.time(), math.random(0, 999999))
end


local function json(body)
    local ok, data = pcall(cjson.decode, body or "")
    assert(ok, "not JSON: " .. tostring(body))
    return data
end


describe("grocer.db", function()
    local h, url


    lazy_setup(function()
        url = pg.url()
        math.randomseed(os.time())
        pg.exec(TABLES)
        h = helpers.start_grocer({ app = "spec/fixtures/dbapp", workers = 2, env = { DATABASE_URL = url } })
        helpers.wait_until(function()
            return h:request("GET", "/readyz") == 200
        end, 10, "/readyz 200")
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
        if url then
            pg.psql("DROP TABLE IF EXISTS dbspec_params, dbspec_notes, dbspec_tx, dbspec_retry, dbspec_batch, "
                .. "dbspec_heard")
        end
    end)


    describe("results", function()
        it("types values: integers as numbers, numeric as a string, bool, jsonb as a table, NULL as db.null", function()
            local status, headers, body = h:request("GET", "/types")
            assert.equal(200, status, body)
            assert.matches("^application/json", headers["content-type"] or "")
            local data = json(body)
            assert.same({
                i2 = "number", i4 = "number", i8 = "number",
                num = "string", bignum = "string",
                yes = "boolean", no = "boolean",
                jb = "table", js = "table",
                nothing = "db.null",
                at = "string", txt = "string",
            }, data.types)
            local row = data.row
            assert.equal(7, row.i2)
            assert.equal(-42, row.i4)
            assert.equal(1234567890123, row.i8)
            assert.equal(1234567890124, data.i8_plus_one)
            assert.equal("12.50", row.num)
            assert.equal("123456789012345678901234567890.5", row.bignum)
            assert.is_true(row.yes)
            assert.is_false(row.no)
            assert.same({ a = { 1, 2, { b = "phở" } }, n = cjson.null }, row.jb)
            assert.equal("phở", data.jb_b)
            assert.same({ 1, "x" }, row.js)
            assert.equal(cjson.null, row.nothing)
            assert.equal("Bánh mì", row.txt)
            assert.equal(1, data.count)
            assert.equal(1, data.nrows)
        end)


        it("makes db.null the same value as cjson.null, and NULL equal to it", function()
            local status, _, body = h:request("GET", "/types")
            assert.equal(200, status, body)
            local data = json(body)
            assert.is_true(data.db_null_is_cjson_null)
            assert.is_true(data.null_is_db_null)
        end)


        it("gives timestamptz as a string PostgreSQL reads back as the same instant", function()
            local status, _, body = h:request("GET", "/types")
            assert.equal(200, status, body)
            local data = json(body)
            assert.matches("^2024%-01%-0%d %d%d:%d%d:05%.678[+-]%d%d", data.row.at)
            assert.is_true(data.at_round_trip)
        end)
    end)


    describe("parameters", function()
        it("sends nil and db.null as NULL, booleans as booleans and a table as json", function()
            local id = math.random(1, 1000000000)
            local status, _, body = h:request("POST", "/params/" .. id, nil, "")
            assert.equal(201, status, body)
            local data = json(body)
            assert.equal(1, data.inserted)
            assert.is_true(data.note_is_null)
            assert.same({ note = cjson.null, memo = cjson.null, flag = true, off = false, qty = 3,
                data = { name = "Phở bò", tags = { "noodles", "beef" }, price_vnd = 45000 } }, data.row)
            -- what PostgreSQL stored
            local rows = pg.exec("SELECT note IS NULL, memo IS NULL, flag, off, jsonb_typeof(data), data->>'name', "
                .. "data->'tags'->>1, (data->>'price_vnd')::bigint, qty FROM dbspec_params WHERE id = " .. id)
            assert.same({ { "t", "t", "t", "f", "object", "Phở bò", "beef", "45000", "3" } }, rows)
        end)


        it("keeps an SQL injection attempt in a parameter as data", function()
            local evil = "x'); DROP TABLE dbspec_notes; -- " .. key("evil")
            local status, _, body = h:request("POST", "/notes", { ["Content-Type"] = "text/plain" }, evil)
            assert.equal(201, status, body)
            local id = json(body).id
            assert.is_number(id)
            -- the table is still there and holds the text as it was sent
            assert.equal(evil, pg.scalar("SELECT body FROM dbspec_notes WHERE id = " .. id))
            assert.equal("dbspec_notes", pg.scalar("SELECT to_regclass('dbspec_notes')::text"))
        end)


        it("matches nothing with a quote-breaking search term", function()
            pg.exec("INSERT INTO dbspec_notes (body) VALUES ('a note')")
            local status, _, body = h:request("GET", "/notes?q=%27%20OR%20%271%27%3D%271")
            assert.equal(200, status, body)
            assert.equal(0, json(body).count)
            assert.is_true(tonumber(pg.scalar("SELECT count(*) FROM dbspec_notes")) >= 1)
        end)
    end)


    describe("errors", function()
        it("returns nil, err and sqlstate 42601 for a syntax error, which the handler can show", function()
            local status, _, body = h:request("GET", "/syntax")
            assert.equal(400, status, body)
            local e = json(body).error
            assert.equal("42601", e.code)
            assert.matches("syntax error", e.message, 1, true)
        end)


        it("keeps serving queries after a failed statement", function()
            assert.equal(400, (h:request("GET", "/syntax")))
            for i = 1, 6 do
                local status, _, body = h:request("GET", "/double?n=" .. i)
                assert.equal(200, status, body)
                assert.equal(i * 2, json(body).v)
            end
        end)
    end)


    describe("db.tx", function()
        it("commits when the function returns a value", function()
            local k = key("commit")
            local status, _, body = h:request("POST", "/tx/commit?k=" .. k, nil, "")
            assert.equal(201, status, body)
            assert.equal("committed " .. k, json(body).result)
            assert.same({ { "one" }, { "two" } }, pg.exec("SELECT step FROM dbspec_tx WHERE k = '" .. k
                .. "' ORDER BY step"))
        end)


        it("rolls back, leaving no row behind, when the function raises a Lua error", function()
            local k = key("raise")
            local status, _, body = h:request("POST", "/tx/raise?k=" .. k, nil, "")
            assert.equal(500, status, body)
            assert.matches("boom after the insert", json(body).error.message, 1, true)
            assert.equal("0", pg.scalar("SELECT count(*) FROM dbspec_tx WHERE k = '" .. k .. "'"))
        end)


        it("rolls back when the function returns nil, err, and passes err on", function()
            local k = key("refuse")
            local status, _, body = h:request("POST", "/tx/refuse?k=" .. k, nil, "")
            assert.equal(409, status, body)
            assert.equal("out of stock", json(body).error.message)
            assert.equal("0", pg.scalar("SELECT count(*) FROM dbspec_tx WHERE k = '" .. k .. "'"))
        end)


        it("rolls a failed nested db.tx back to its savepoint and keeps the outer work", function()
            local k = key("nested")
            local status, _, body = h:request("POST", "/tx/nested?k=" .. k, nil, "")
            assert.equal(200, status, body)
            local data = json(body)
            assert.is_true(data.result)
            assert.matches("the inner step fails", data.inner_error, 1, true)
            assert.same({ { "outer after" }, { "outer before" } }, pg.exec("SELECT step FROM dbspec_tx WHERE k = '"
                .. k .. "' ORDER BY step"))
        end)


        it("db.retry runs the transaction again after a serialization failure (40001)", function()
            local k = key("retry")
            -- psql: a SERIALIZABLE transaction that reads k's rows, holds advisory lock 4242,
            -- sleeps, inserts, commits and only then lets the lock go
            local job = pg.background({ "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c",
                "SELECT pg_advisory_lock(4242)", "-c", "BEGIN ISOLATION LEVEL SERIALIZABLE", "-c",
                "SELECT count(*) FROM dbspec_retry WHERE k = '" .. k .. "'", "-c", "SELECT pg_sleep(1.5)",
                "-c", "INSERT INTO dbspec_retry (k, who) VALUES ('" .. k .. "', 'psql')", "-c", "COMMIT",
                "-c", "SELECT pg_advisory_unlock(4242)" })
            finally(function() job:kill() end)
            -- wait until psql has read and sleeps, its transaction open
            helpers.wait_until(function()
                return pg.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'psql' "
                    .. "AND query = 'SELECT pg_sleep(1.5)' AND state = 'active'") == "1"
            end, 5, "psql's transaction sleeping")
            local t0 = now()
            local status, _, body = h:request("POST", "/tx/retry?k=" .. k, nil, "", { timeout = 10 })
            local code, out, err = job:wait(10)
            assert.equal(0, code, "psql: " .. tostring(out) .. tostring(err))
            assert.equal(200, status, body)
            local data = json(body)
            assert.equal(2, data.attempts, body)
            assert.same({ "40001" }, data.states)
            assert.is_true(now() - t0 < 8)
            assert.same({ { "grocer", "2" }, { "psql", "" } }, pg.exec("SELECT who, attempt FROM dbspec_retry "
                .. "WHERE k = '" .. k .. "' ORDER BY who"))
        end)
    end)


    describe("db.batch", function()
        it("returns each statement's rows, in the order sent", function()
            local k = key("batch")
            pg.exec("INSERT INTO dbspec_batch (k, step) VALUES ('" .. k .. "', 'a'), ('" .. k .. "', 'b')")
            local status, _, body = h:request("GET", "/batch?k=" .. k)
            assert.equal(200, status, body)
            assert.same({
                { { a = 1 } },
                { { b = "two", c = 2 } },
                { { n = 3 }, { n = 2 }, { n = 1 } },
                { { n = 2 } },
            }, json(body).results)
        end)


        it("returns nil, err and the sqlstate when one statement fails, and applies none of them", function()
            local k = key("broken")
            local status, _, body = h:request("POST", "/batch/broken?k=" .. k, nil, "")
            assert.equal(500, status, body)
            local e = json(body).error
            assert.equal("22012", e.code)
            assert.matches("division by zero", e.message, 1, true)
            -- one pipeline, one implicit transaction: the first insert went with the error
            assert.equal("0", pg.scalar("SELECT count(*) FROM dbspec_batch WHERE k = '" .. k .. "'"))
        end)
    end)


    describe("db.listen", function()
        it("delivers a NOTIFY payload to every worker", function()
            -- both workers' LISTEN connections are up before anything is sent
            helpers.wait_until(function()
                return pg.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'grocer' "
                    .. "AND datname = current_database() AND query LIKE 'LISTEN %dbspec_events%'") == "2"
            end, 10, "two LISTEN connections")
            local payload = key("hello")
            pg.exec("NOTIFY dbspec_events, '" .. payload .. "'")
            -- SO_REUSEPORT spreads new connections over the workers: ask until both have answered
            local got = {}
            helpers.wait_until(function()
                local status, _, body = h:request("GET", "/seen")
                if status == 200 then
                    local data = json(body)
                    for _, p in ipairs(data.seen) do
                        if p == payload then
                            got[data.worker] = true
                        end
                    end
                end
                local n = 0
                for _ in pairs(got) do
                    n = n + 1
                end
                return n == 2
            end, 10, "both workers reporting " .. payload)
            -- each worker's listener queried too: one row per worker
            helpers.wait_until(function()
                return pg.scalar("SELECT count(DISTINCT worker) FROM dbspec_heard WHERE payload = '" .. payload
                    .. "' AND channel = 'dbspec_events'") == "2"
            end, 5, "a dbspec_heard row from each worker")
            assert.equal("2", pg.scalar("SELECT count(*) FROM dbspec_heard WHERE payload = '" .. payload .. "'"))
        end)
    end)
end)
