-- spec/03-integration/52-kafka_subscribe_spec.lua: the app's own Kafka subscriptions
-- (grocer.kafka.subscribe, host/subscribe.c) against the real test broker: a fixture app
-- (spec/fixtures/kafkaapp, served from a temporary copy) subscribes to `notifications`; messages
-- produced with kcat reach its handler with their key, value, partition and offset, one at a
-- time and in order (a handler that sleeps does not let the next message pass it); a handler
-- that raises is logged and counted in /metrics and the next message is still handled; after
-- `grocer reload` the new code generation's handler takes the next message.
--
-- Needs DATABASE_URL and KAFKA_BROKERS (`make test` runs it under `.ci/kafka.sh with`) and kcat.
local cjson = require "cjson"
local cli = require "spec.helpers.cli"
local helpers = require "spec.helpers.server"
local kafka = require "spec.helpers.kafka"
local pg = require "spec.helpers.pgspec"

local str_format = string.format

local TOPIC = "notifications"


local brokers = kafka.brokers


local function produce(list)
    kafka.produce(TOPIC, list)
end


describe("kafka.subscribe", function()
    local h, app
    local RUN = str_format("spec52-%d-%d", os.time(), math.random(1e6))

    local function received()
        local status, _, body = h:request("GET", "/received")
        assert.equal(200, status, body)
        return cjson.decode(body)
    end

    -- the entries of this run whose value starts with prefix, in the order handled
    local function values(prefix)
        local out = {}
        for _, m in ipairs(received()) do
            if m.value:sub(1, #prefix) == prefix then
                out[#out + 1] = m
            end
        end
        return out
    end

    local function metrics()
        local status, _, body = h:request("GET", "/metrics")
        assert.equal(200, status)
        return helpers.parse_metrics(body)
    end


    lazy_setup(function()
        brokers()
        local dir = cli.tmpdir()
        app = dir .. "/app"
        assert(os.execute("cp -r spec/fixtures/kafkaapp " .. cli.shell_quote(app)))
        h = helpers.start_grocer({ app = app, workers = 1,
            env = { DATABASE_URL = pg.url(), KAFKA_BROKERS = brokers() } })
        -- the group has its partitions (it starts at their end): probes until one is handled
        local n = 0
        helpers.wait_until(function()
            if #values(RUN .. "-probe") > 0 then
                return true
            end
            n = n + 1
            produce({ { "probe", RUN .. "-probe-" .. n } })
            return false
        end, 60, "the subscription's group to take its partitions", 0.5)
    end)


    lazy_teardown(function()
        if h then
            helpers.stop_grocer(h)
        end
        cli.teardown()
    end)


    it("hands each message to the handler with its key, value and place, one at a time, in order", function()
        local key = RUN .. "-order"
        produce({ { key, RUN .. "-a-slow" }, { key, RUN .. "-b" }, { key, RUN .. "-c" } })
        helpers.wait_until(function()
            return #values(RUN .. "-c") == 1
        end, 10, "the last message handled", 0.02)
        local got = values(RUN .. "-")
        local order = {}
        for _, m in ipairs(got) do
            if not m.value:find("-probe-", 1, true) then
                order[#order + 1] = m.value
                assert.equal(key, m.key)
                assert.equal(TOPIC, m.topic)
                assert.is_number(m.partition)
                assert.is_number(m.offset)
                assert.equal("v1", m.version)
            end
        end
        assert.same({ RUN .. "-a-slow", RUN .. "-b", RUN .. "-c" }, order)
        -- offsets grow along the partition
        local last = -1
        for _, m in ipairs(got) do
            if m.key == key then
                assert.is_true(m.offset > last)
                last = m.offset
            end
        end
    end)


    it("logs and counts a handler that fails, and handles the next message", function()
        local before = helpers.metric_sum(metrics(), "grocer_kafka_handler_messages_total", { outcome = "failed" })
        local key = RUN .. "-fail"
        produce({ { key, "boom" }, { key, RUN .. "-after-boom" } })
        helpers.wait_until(function()
            return #values(RUN .. "-after-boom") == 1
        end, 10, "the message after the failing one handled", 0.02)
        local after = helpers.metric_sum(metrics(), "grocer_kafka_handler_messages_total", { outcome = "failed" })
        assert.equal(before + 1, after)
        assert.is_true(helpers.metric_sum(metrics(), "grocer_kafka_handler_messages_total",
            { outcome = "handled" }) >= 4)
        helpers.wait_until(function()
            local log = h:errors()
            return log:find("handler of " .. TOPIC .. " failed at partition", 1, true) ~= nil
                and log:find("boom, on purpose", 1, true) ~= nil
        end, 5, "the failure in the log", 0.05)
    end)


    it("hands the next message to the new code generation after a reload", function()
        cli.write_file(app .. "/scripts/text.lua", "return {\n    version = \"v2\",\n}\n")
        local rc, _, err = cli.grocer({ "reload" }, { GROCER_VAR = h.tmp .. "/var" })
        assert.equal(0, rc, err)
        produce({ { RUN .. "-reload", RUN .. "-after-reload" } })
        helpers.wait_until(function()
            return #values(RUN .. "-after-reload") == 1
        end, 10, "the message after the reload handled", 0.02)
        assert.equal("v2", values(RUN .. "-after-reload")[1].version)
    end)
end)
