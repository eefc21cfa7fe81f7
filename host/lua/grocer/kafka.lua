-- grocer/kafka.lua: Kafka topics for handlers. scripts/app.lua calls kafka.subscribe(topic, fn)
-- while it loads; the host (host/subscribe.c) reads the subscriptions of the worker's first code
-- generation, runs one consumer per group, and hands every message to dispatch() in a coroutine
-- of its own in the current generation, so a handler may query the database, sleep or signal.
-- A reload changes the handlers; the topics and groups consumed are those the worker started
-- with (a new subscription takes effect when the workers restart).
--
-- Delivery is at least once: a message's offset is committed after its handler has returned or
-- failed. A handler that fails is logged and counted (grocer_kafka_handler_messages_total) and
-- its message is not retried, so a handler that must not miss one keeps its own retry, and
-- every handler should be idempotent (a message can come twice after a crash or a rebalance).
-- Messages of a group are handled one at a time, in offset order per partition; the workers
-- share each group's partitions, as the inventory consumer does.
local _M = {}

local handlers = {}        -- topic -> fn
local subscriptions = {}   -- in registration order: { topic =, group = }

local NAME = "^[%w%._%-]+$"   -- Kafka's legal topic characters; group ids here too


local function check_name(what, s, level)
    if type(s) ~= "string" or #s == 0 or #s > 200 or not s:find(NAME) then
        error(("kafka.subscribe: the %s must be 1 to 200 of a-z A-Z 0-9 . _ - (got %s)")
            :format(what, tostring(s)), level + 1)
    end
end


-- kafka.subscribe(topic, fn [, { group = "..." }]): fn(msg) for each message of topic, with
-- msg = { topic, partition, offset, key (nil when none), value (a string, raw bytes) }. The
-- group defaults to "grocer-app-<topic>"; a new group starts at the end of each partition.
function _M.subscribe(topic, fn, opts)
    check_name("topic", topic, 2)
    if type(fn) ~= "function" then
        error("bad argument #2 to subscribe: function expected, got " .. type(fn), 2)
    end
    if opts ~= nil and type(opts) ~= "table" then
        error("bad argument #3 to subscribe: table expected, got " .. type(opts), 2)
    end
    local group = opts and opts.group or ("grocer-app-" .. topic)
    check_name("group", group, 2)
    if handlers[topic] then
        error("kafka.subscribe: topic " .. topic .. " already has a handler", 2)
    end
    handlers[topic] = fn
    subscriptions[#subscriptions + 1] = { topic = topic, group = group }
end


-- What the host consumes: a copy of the list, in registration order.
function _M.subscriptions()
    local out = {}
    for i, s in ipairs(subscriptions) do
        out[i] = { topic = s.topic, group = s.group }
    end
    return out
end


-- Called by the host for each message (host/subscribe.c).
function _M.dispatch(msg)
    local fn = handlers[msg.topic]
    if not fn then
        error("no handler for topic " .. msg.topic .. " in this code generation; message skipped", 0)
    end
    fn(msg)
end


return _M
