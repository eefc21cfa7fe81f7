-- spec/03-integration/51-inventory_in_spec.lua: inventory in (host/inventory.c, inventory_apply() of
-- migrations/0003_inventory_events.sql) against the seeded test database and the real test broker:
-- messages produced with kcat on inventory-adjustments (keyed STORE:SKU, DESIGN.md Events) change
-- the stock row and, through NOTIFY and the read model, GET /api/v1/products/{sku} within 100 ms of
-- kcat's exit; a message sent twice (same id) is applied once; a delta stops at 0 and records the
-- shortfall; a message that is not JSON, or lacks its sku, is logged with its offset and skipped,
-- and the next one on the same partition is still applied.
--
-- Needs DATABASE_URL and KAFKA_BROKERS (`make test` runs it under `.ci/kafka.sh with`) and kcat.
local cjson = require "cjson"
local socket = require "socket"
local helpers = require "spec.helpers.server"
local kafka = require "spec.helpers.kafka"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"

local now = helpers.now or socket.gettime
local str_format = string.format


local TOPIC = "inventory-adjustments"


local brokers = kafka.brokers


-- Event ids unique to this run, so a second run is not taken for duplicates of the first.
local RUN = str_format("spec51-%d-%d", os.time(), math.random(1e6))
local serial = 0


local function new_id(tag)
    serial = serial + 1
    return str_format("%s-%s-%d", RUN, tag, serial)
end


-- A message value of the pinned contract.
local function message(id, typ, store, sku, quantity, reason)
    return cjson.encode({ id = id, type = typ, store = store, sku = sku, quantity = quantity,
        reason = reason or "spec", time = "2026-11-27T10:00:00Z" })
end


local function produce(pairs_list)
    return kafka.produce(TOPIC, pairs_list)
end


-- s with the magic characters of Lua patterns escaped.
local function literal(s)
    return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0"))
end


local function event(id)
    local rows = pg.exec(str_format(
        "SELECT type, quantity, applied_on_hand, shortfall FROM inventory_events WHERE id = '%s'", id))
    return rows[1], #rows
end


local function wait_applied(id, what)
    helpers.wait_until(function()
        return (event(id)) ~= nil
    end, 20, what or ("event " .. id .. " applied"), 0.02)
end


local function on_hand(r)
    return tonumber(pg.scalar(str_format("SELECT on_hand FROM stock WHERE store_id = %s AND product_id = %s",
        r.store_id, r.product_id)))
end


describe("inventory in", function()
    local h, rows

    -- The store's availability of r's product, as GET /api/v1/products/{sku} shows it.
    local function available(r)
        local status, _, body = h:request("GET", "/api/v1/products/" .. r.sku)
        assert.equal(200, status)
        for _, s in ipairs(cjson.decode(body).stock or {}) do
            if s.store == r.store then
                return s.available
            end
        end
    end


    -- Waits until the API shows want for r; returns the seconds since t0.
    local function api_shows(r, want, t0)
        helpers.wait_until(function()
            return available(r) == want
        end, 10, str_format("the API to show %s:%s available %d", r.store, r.sku, want), 0.002)
        return now() - t0
    end


    lazy_setup(function()
        brokers()
        seeded.ensure()
        -- four stock rows of active products, nothing reserved, each its own key
        rows = {}
        for _, r in ipairs(pg.exec([[
            SELECT s.code, p.sku, st.store_id, st.product_id, st.on_hand FROM stock st
              JOIN products p ON p.id = st.product_id JOIN stores s ON s.id = st.store_id
             WHERE p.active AND st.reserved = 0 ORDER BY p.id DESC, s.id LIMIT 4]])) do
            rows[#rows + 1] = { store = r[1], sku = r[2], store_id = r[3], product_id = r[4],
                on_hand = tonumber(r[5]), key = r[1] .. ":" .. r[2] }
        end
        assert.equal(4, #rows)
        h = helpers.start_grocer({ app = ".", workers = 2,
            env = { DATABASE_URL = pg.url(), KAFKA_BROKERS = brokers() } })
        -- the group has its partitions (a new group starts at the end of each): a probe per key,
        -- setting the count it already has, until one is applied
        for _, r in ipairs(rows) do
            local probes = {}
            helpers.wait_until(function()
                for _, id in ipairs(probes) do
                    if event(id) then
                        return true
                    end
                end
                local id = new_id("probe")
                probes[#probes + 1] = id
                produce({ { r.key, message(id, "stock.set", r.store, r.sku, r.on_hand, "probe") } })
                return false
            end, 60, "the consumer group to take " .. r.key, 0.5)
        end
    end)

    lazy_teardown(function()
        if rows then
            local sql = {}
            for _, r in ipairs(rows) do
                sql[#sql + 1] = str_format("UPDATE stock SET on_hand = %d WHERE store_id = %s AND product_id = %s;",
                    r.on_hand, r.store_id, r.product_id)
            end
            pg.psql(table.concat(sql, "\n"))
        end
        if h then
            helpers.stop_grocer(h)
        end
    end)

    it("applies stock.set to the stock row and the product API within 100 ms", function()
        local r = rows[1]
        local want = r.on_hand + 17
        local id = new_id("set")
        local t0 = produce({ { r.key, message(id, "stock.set", r.store, r.sku, want, "count") } })
        local elapsed = api_shows(r, want, t0)
        assert.equal(want, on_hand(r))
        assert.same({ "stock.set", tostring(want), tostring(want), "0" }, event(id))
        assert.is_true(elapsed <= 0.1, str_format("the API showed the count %.1f ms after kcat exited", elapsed * 1000))
    end)

    it("applies stock.adjust as a delta, in order, within 100 ms", function()
        local r = rows[2]
        local base = on_hand(r)
        local a, b = new_id("adj"), new_id("adj")
        local t0 = produce({
            { r.key, message(a, "stock.adjust", r.store, r.sku, 5, "delivery") },
            { r.key, message(b, "stock.adjust", r.store, r.sku, -3, "damaged") },
        })
        local elapsed = api_shows(r, base + 2, t0)
        wait_applied(b)
        assert.equal(base + 2, on_hand(r))
        assert.equal(tostring(base + 5), event(a)[3])
        assert.equal(tostring(base + 2), event(b)[3])
        assert.is_true(elapsed <= 0.1, str_format("the API showed the delta %.1f ms after kcat exited", elapsed * 1000))
    end)

    it("applies a message sent twice with the same id once", function()
        local r = rows[3]
        local base = on_hand(r)
        local dup, marker = new_id("dup"), new_id("marker")
        local value = message(dup, "stock.adjust", r.store, r.sku, 4, "delivery")
        produce({ { r.key, value }, { r.key, value },
            { r.key, message(marker, "stock.adjust", r.store, r.sku, 0, "marker") } })
        -- the marker comes after both copies on the same partition
        wait_applied(marker)
        assert.equal(base + 4, on_hand(r))
        local ev, n = event(dup)
        assert.equal(1, n)
        assert.equal(tostring(base + 4), ev[3])
        -- sent again later (a redelivery): still nothing
        local marker2 = new_id("marker")
        produce({ { r.key, value }, { r.key, message(marker2, "stock.adjust", r.store, r.sku, 0, "marker") } })
        wait_applied(marker2)
        assert.equal(base + 4, on_hand(r))
    end)

    it("stops a negative adjustment at 0 and records the shortfall", function()
        local r = rows[4]
        local set, neg = new_id("set"), new_id("neg")
        local t0 = produce({
            { r.key, message(set, "stock.set", r.store, r.sku, 5, "count") },
            { r.key, message(neg, "stock.adjust", r.store, r.sku, -12, "sold offline") },
        })
        api_shows(r, 0, t0)
        wait_applied(neg)
        assert.equal(0, on_hand(r))
        local ev = event(neg)
        assert.same({ "stock.adjust", "-12", "0", "7" }, ev)
        helpers.wait_until(function()
            local line = literal(r.key) .. ": adjustment at partition %d+ offset %d+ goes 7 below zero"
            return h:errors():find(line) ~= nil
        end, 5, "the shortfall in the log", 0.05)
    end)

    it("logs and skips a message that is not JSON or lacks its sku, and applies the next one", function()
        local r = rows[1]
        local base = on_hand(r)
        local nosku, good = new_id("nosku"), new_id("good")
        local bad = cjson.decode(message(nosku, "stock.adjust", r.store, r.sku, 9, "bad"))
        bad.sku = nil
        local t0 = produce({
            { r.key, "{not json" },
            { r.key, cjson.encode(bad) },
            { r.key, message(good, "stock.adjust", r.store, r.sku, 1, "after the bad ones") },
        })
        api_shows(r, base + 1, t0)
        wait_applied(good)
        assert.equal(base + 1, on_hand(r))
        assert.is_nil((event(nosku)))
        local log = h:errors()
        local _, skipped = log:gsub("skipped malformed message at " .. literal(TOPIC)
            .. " partition %d+ offset %d+ %(key " .. literal(r.key) .. "%)", "")
        assert.equal(2, skipped, h:logs())
        assert.truthy(log:find("invalid input syntax for type json", 1, true), h:logs())
        assert.truthy(log:find("message " .. nosku .. " needs store and sku as strings", 1, true), h:logs())
    end)

    -- grocer_inventory_* of /metrics, summed over the workers
    local function counts()
        local status, _, body = h:request("GET", "/metrics")
        assert.equal(200, status)
        local m = helpers.parse_metrics(body)
        return {
            applied = helpers.metric_sum(m, "grocer_inventory_messages_total", { outcome = "applied" }),
            skipped = helpers.metric_sum(m, "grocer_inventory_messages_total", { outcome = "skipped" }),
            duplicates = helpers.metric_sum(m, "grocer_inventory_messages_total", { outcome = "duplicate" }),
            statements = helpers.metric_sum(m, "grocer_inventory_statements_total"),
        }
    end

    it("applies a burst in a few statements, in order, and counts it in /metrics", function()
        local r = rows[2]
        local base = on_hand(r)
        local before = counts()
        local burst, last = {}, nil
        for i = 1, 60 do
            last = new_id("burst")
            burst[i] = { r.key, message(last, "stock.adjust", r.store, r.sku, i % 2 == 1 and 3 or -1, "burst") }
        end
        local t0 = produce(burst)
        api_shows(r, base + 60, t0)
        wait_applied(last)
        assert.equal(base + 60, on_hand(r))
        -- in order: the last delta left the count where the whole burst ends
        assert.equal(tostring(base + 60), event(last)[3])
        local after = counts()
        assert.equal(before.applied + 60, after.applied)
        assert.equal(before.skipped, after.skipped)
        -- kcat sends the burst in one request and the consumer fetches it together: far fewer
        -- statements (commits) than messages
        assert.is_true(after.statements - before.statements <= 20,
            str_format("60 messages took %d statements", after.statements - before.statements))
    end)

    it("skips a malformed message inside a burst and applies the others of it", function()
        local r = rows[4]
        local base = on_hand(r)
        local before = counts()
        local burst, last = {}, nil
        for i = 1, 20 do
            last = new_id("mixed")
            burst[#burst + 1] = { r.key, message(last, "stock.adjust", r.store, r.sku, 1, "mixed") }
            if i == 10 then
                burst[#burst + 1] = { r.key, "[1, 2" }
                burst[#burst + 1] = { r.key, message(burst[1][2]:match('"id":"([^"]+)"'), "stock.adjust",
                    r.store, r.sku, 1, "duplicate of the first") }
            end
        end
        local t0 = produce(burst)
        api_shows(r, base + 20, t0)
        wait_applied(last)
        assert.equal(base + 20, on_hand(r))
        local after = counts()
        assert.equal(before.applied + 20, after.applied)
        assert.equal(before.skipped + 1, after.skipped)
        assert.equal(before.duplicates + 1, after.duplicates)
    end)
end)
