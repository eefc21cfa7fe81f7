-- spec/helpers/kafka.lua: the test broker for the Kafka specs (50, 51, 52): brokers() is
-- KAFKA_BROKERS or fails the spec saying how to start the broker; produce() sends messages in
-- order with one kcat run, so the messages of a key keep their order on its partition.
local pg = require "spec.helpers.pgspec"
local server = require "spec.helpers.server"
local socket = require "socket"

local now = server.now or socket.gettime

local _M = {}


function _M.brokers()
    local b = os.getenv("KAFKA_BROKERS")
    if not b or b == "" then
        local spec = debug.getinfo(2, "S").short_src
        error("KAFKA_BROKERS is not set: this spec needs the test broker. `make test` starts it; by hand: "
            .. "`.ci/kafka.sh with busted " .. spec .. "` "
            .. "(or `make kafka-start` and export KAFKA_BROKERS=127.0.0.1:9092)", 2)
    end
    return b
end


-- Produces the {key, value} pairs to topic in order, one message a line. Returns the time kcat
-- exited (it has flushed: the broker has them).
function _M.produce(topic, pairs_list)
    local lines = {}
    for _, kv in ipairs(pairs_list) do
        assert(not kv[2]:find("\n", 1, true), "one message per line")
        lines[#lines + 1] = kv[1] .. "|" .. kv[2]
    end
    local path = os.tmpname()
    server.write_file(path, table.concat(lines, "\n") .. "\n")
    local code, out, err = pg.run({ "kcat", "-b", _M.brokers(), "-P", "-t", topic, "-K", "|", "-l", path })
    local exited = now()
    os.remove(path)
    assert(code == 0, "kcat -P failed: " .. out .. err)
    return exited
end


return _M
