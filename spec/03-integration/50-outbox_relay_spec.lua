-- spec/03-integration/50-outbox_relay_spec.lua: the outbox relay (host/relay.c, host/kafka.c)
-- against the seeded test database and the real test broker: a stock change and a price change
-- made in SQL each reach their topic once, in the documented envelope; with the broker stopped,
-- 1,000 stock changes pile up in the outbox while the store keeps serving, and once the broker is
-- back every one of them arrives, each key's in outbox id order; /metrics shows the backlog
-- (grocer_outbox_unsent) while the broker is away and what was published once it is back.
--
-- Needs DATABASE_URL and KAFKA_BROKERS (`make test` runs it under `.ci/kafka.sh with`), kcat, and
-- stops and starts the test broker with .ci/kafka.sh (it is running again when the spec ends).
local cjson = require "cjson"
local socket = require "socket"
local helpers = require "spec.helpers.server"
local kafka = require "spec.helpers.kafka"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"

local now = helpers.now or socket.gettime
local str_format = string.format


local KAFKA_SH = helpers.abs_path(".ci/kafka.sh")


local brokers = kafka.brokers


local function kafka_sh(...)
    local code, out, err = pg.run({ KAFKA_SH, ... })
    return code, out .. err
end


-- The partitions of topic, from kcat's metadata listing.
local function partitions(topic)
    local code, out, err = pg.run({ "kcat", "-b", brokers(), "-L", "-t", topic })
    assert(code == 0, "kcat -L failed: " .. out .. err)
    local n = tonumber(out:match('with (%d+) partitions'))
    assert(n and n > 0, "no partitions for " .. topic .. ": " .. out)
    return n
end


-- Every message of topic produced at or after t0_ms (CreateTime), partition by partition in
-- offset order: a list of {partition, offset, key, event (decoded payload), raw}.
local function consume(topic, t0_ms)
    local list = {}
    for p = 0, partitions(topic) - 1 do
        local code, out, err = pg.run({ "kcat", "-b", brokers(), "-C", "-t", topic, "-p", tostring(p),
            "-o", "s@" .. str_format("%d", t0_ms), "-e", "-q", "-J" })
        assert(code == 0, "kcat -C failed: " .. out .. err)
        for line in out:gmatch("[^\n]+") do
            local m = cjson.decode(line)
            local ok, event = pcall(cjson.decode, m.payload)
            list[#list + 1] = { partition = m.partition, offset = m.offset, key = m.key,
                event = ok and event or nil, raw = m.payload }
        end
    end
    return list
end


-- The messages of list whose envelope id is in (after, upto].
local function between(list, after, upto)
    local out = {}
    for _, m in ipairs(list) do
        local id = m.event and tonumber(m.event.id)
        if id and id > after and id <= upto then
            out[#out + 1] = m
        end
    end
    return out
end


local function max_id()
    return tonumber(pg.scalar("SELECT coalesce(max(id), 0) FROM outbox"))
end


local function now_ms()
    return math.floor(socket.gettime() * 1000) - 5
end


describe("the outbox relay", function()
    local h, rows

    lazy_setup(function()
        brokers()
        seeded.ensure()
        -- 20 stock rows (store, product) of active products: the keys of the outage test
        rows = pg.exec([[
            SELECT s.code, p.sku, st.store_id, st.product_id, st.on_hand FROM stock st
              JOIN products p ON p.id = st.product_id JOIN stores s ON s.id = st.store_id
             WHERE p.active ORDER BY p.id, s.id LIMIT 20]])
        assert.equal(20, #rows)
        h = helpers.start_grocer({ app = ".", workers = 2,
            env = { DATABASE_URL = pg.url(), KAFKA_BROKERS = brokers() } })
        -- the relay is up: whatever was unsent before (other specs' changes) has gone out
        helpers.wait_until(function()
            return pg.scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == "0"
        end, 60, "the outbox backlog of earlier specs to drain", 0.2)
    end)

    lazy_teardown(function()
        if rows then
            local sql = {}
            for _, r in ipairs(rows) do
                sql[#sql + 1] = str_format("UPDATE stock SET on_hand = %s WHERE store_id = %s AND product_id = %s;",
                    r[5], r[3], r[4])
            end
            pg.psql(table.concat(sql, "\n"))
        end
        -- whatever happened, leave the broker running for the specs after this one
        if kafka_sh("status") ~= 0 then
            kafka_sh("start")
        end
        if h then
            helpers.stop_grocer(h)
        end
    end)

    -- one sample of /metrics (nil when absent)
    local function metric(name)
        local status, _, body = h:request("GET", "/metrics")
        assert.equal(200, status)
        return helpers.metric_sum(helpers.parse_metrics(body), name)
    end

    it("publishes a stock change once to inventory and a price change once to catalog, in the envelope", function()
        local t0 = now_ms()
        local before = max_id()
        local r = rows[1]
        pg.exec(str_format("UPDATE stock SET on_hand = on_hand + 3 WHERE store_id = %s AND product_id = %s",
            r[3], r[4]))
        local price = tonumber(pg.scalar(str_format("SELECT price_vnd FROM products WHERE sku = '%s'", r[2])))
        pg.exec(str_format("UPDATE products SET price_vnd = %d WHERE sku = '%s'", price + 500, r[2]))
        local after = max_id()
        assert.equal(before + 2, after)

        local inv, cat
        helpers.wait_until(function()
            inv = between(consume("inventory", t0), before, after)
            cat = between(consume("catalog", t0), before, after)
            return #inv >= 1 and #cat >= 1
        end, 20, "both events on their topics", 0.2)
        -- give a duplicate the chance to show up, then count again
        socket.sleep(1)
        inv = between(consume("inventory", t0), before, after)
        cat = between(consume("catalog", t0), before, after)
        assert.equal(1, #inv, "inventory events: " .. cjson.encode(inv))
        assert.equal(1, #cat, "catalog events: " .. cjson.encode(cat))

        local e = inv[1].event
        assert.equal(tostring(before + 1), e.id)
        assert.equal("inventory.changed", e.type)
        assert.equal(r[1] .. ":" .. r[2], e.key)
        assert.equal(e.key, inv[1].key)
        assert.equal(1, e.version)
        assert.matches("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d%.%d+Z$", e.time)
        assert.equal(r[1], e.data.store)
        assert.equal(r[2], e.data.sku)
        assert.equal(tonumber(r[5]) + 3, e.data.on_hand)
        assert.is_number(e.data.available)
        assert.same({ "data", "id", "key", "time", "type", "version" }, (function()
            local keys = {}
            for k in pairs(e) do keys[#keys + 1] = k end
            table.sort(keys)
            return keys
        end)())

        local c = cat[1].event
        assert.equal(tostring(before + 2), c.id)
        assert.equal("price.changed", c.type)
        assert.equal(r[2], c.key)
        assert.equal(r[2], cat[1].key)
        assert.equal(1, c.version)
        assert.equal(price + 500, c.data.price_vnd)
        assert.equal(price, c.data.old_price_vnd)
        assert.equal(r[2], c.data.sku)

        -- marked sent once acknowledged
        helpers.wait_until(function()
            return pg.scalar(str_format(
                "SELECT count(*) FROM outbox WHERE id > %d AND id <= %d AND sent_at IS NOT NULL", before, after)) == "2"
        end, 5, "both rows marked sent")
        pg.exec(str_format("UPDATE products SET price_vnd = %d WHERE sku = '%s'", price, r[2]))
    end)

    it("loses none of 1,000 changes made while the broker is down, and keeps each key in order", function()
        local t0 = now_ms()
        local code, out = kafka_sh("stop")
        assert(code == 0, "kafka.sh stop: " .. out)
        local before = max_id()

        -- 50 transactions, each moving the 20 rows: 1,000 inventory.changed events
        local sql = {}
        for i = 1, 50 do
            sql[#sql + 1] = "BEGIN;"
            for _, r in ipairs(rows) do
                sql[#sql + 1] = str_format("UPDATE stock SET on_hand = %d WHERE store_id = %s AND product_id = %s;",
                    tonumber(r[5]) + i, r[3], r[4])
            end
            sql[#sql + 1] = "COMMIT;"
        end
        pg.exec(table.concat(sql, "\n"))
        local after = max_id()
        assert.equal(before + 1000, after)

        -- the store keeps serving meanwhile
        local status, _, body = helpers.request(h.port, "GET", "/api/v1/products/" .. rows[1][2])
        assert.equal(200, status, body)
        assert.equal(200, (helpers.request(h.port, "GET", "/vi/")))

        socket.sleep(1)
        local unsent = tonumber(pg.scalar(str_format(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND id > %d AND id <= %d", before, after)))
        assert.is_true(unsent >= 1000, "unsent while the broker is down: " .. unsent)
        -- /metrics shows the backlog (the relay counts it every 5 s) and what was published
        local published_before = metric("grocer_outbox_published_total")
        helpers.wait_until(function()
            return (metric("grocer_outbox_unsent") or 0) >= 1000
        end, 10, "grocer_outbox_unsent to show the backlog", 0.2)
        assert.is_true(metric("grocer_outbox_oldest_unsent_seconds") > 0)

        code, out = kafka_sh("start")
        assert(code == 0, "kafka.sh start: " .. out)
        local t_back = now()
        helpers.wait_until(function()
            return pg.scalar(str_format("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND id > %d AND id <= %d",
                before, after)) == "0"
        end, 120, "the outbox to drain after the broker came back", 0.2)
        print(str_format("  [50-outbox_relay] drained 1,000 events %.1f s after the broker answered", now() - t_back))
        assert.is_true(metric("grocer_outbox_published_total") >= published_before + 1000)
        helpers.wait_until(function()
            return metric("grocer_outbox_unsent") == 0
        end, 10, "grocer_outbox_unsent back to 0", 0.2)

        local got = between(consume("inventory", t0), before, after)
        local seen, last, dups = {}, {}, 0
        for _, m in ipairs(got) do
            local id = tonumber(m.event.id)
            assert.equal("inventory.changed", m.event.type)
            assert.equal(m.event.key, m.key)
            if seen[id] then
                dups = dups + 1     -- at least once: a repeat is allowed, never out of order
            else
                seen[id] = true
                local prev = last[m.key]
                assert(not prev or prev < id, str_format("key %s: event %d after %d", m.key, id, prev or 0))
                last[m.key] = id
            end
        end
        local missing = {}
        for id = before + 1, after do
            if not seen[id] then
                missing[#missing + 1] = id
            end
        end
        assert.equal(0, #missing, "missing events: " .. table.concat(missing, ", ", 1, math.min(#missing, 20)))
        local keys = 0
        for _ in pairs(last) do keys = keys + 1 end
        assert.equal(20, keys)
        if dups > 0 then
            print(str_format("  [50-outbox_relay] %d duplicates (allowed: at least once)", dups))
        end
    end)
end)
