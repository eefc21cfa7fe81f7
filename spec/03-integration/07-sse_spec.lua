-- spec/03-integration/07-sse_spec.lua: Server-Sent Events from res:sse()/res:event: the stream's
-- format, heartbeats after GROCER_SSE_HEARTBEAT, and the server noticing a client that left (the
-- handler's res:event returns nil, in-flight requests go back down).
local cjson = require "cjson"
local helpers = require "spec.helpers.server"


local function app_state(h)
    local status, _, body = h:request("GET", "/state")
    assert.equal(200, status)
    return cjson.decode(body)
end


-- Opens GET path as a stream; returns the connection, the response head and a line reader.
local function open_stream(h, path)
    local conn = assert(h:connect())
    assert(conn:send_request("GET", path))
    local res = assert(conn:read_head())
    return conn, res, conn:line_reader(res)
end


describe("server-sent events", function()
    local h


    lazy_setup(function()
        h = helpers.start_grocer({ workers = 1, env = { GROCER_SSE_HEARTBEAT = "0.3" } })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    it("streams events as text/event-stream", function()
        local status, headers, body = h:request("GET", "/sse?ms=20&n=3")
        assert.equal(200, status)
        assert.matches("^text/event%-stream", headers["content-type"] or "")
        assert.matches("no%-cache", headers["cache-control"] or "")
        for i = 1, 3 do
            assert.truthy(body:find("event: tick\n", 1, true), body)
            assert.truthy(body:find("id: " .. i .. "\n", 1, true), body)
            assert.truthy(body:find("data: tick " .. i .. "\n", 1, true), body)
        end
        assert.falsy(body:find("tick 4", 1, true), body)
    end)


    it("delivers each event as it is sent", function()
        local conn, res, next_line = open_stream(h, "/sse?ms=100")
        finally(function() conn:close() end)
        assert.equal(200, res.status)
        local data = {}
        while #data < 3 do
            local line, why = next_line(2)
            assert.is_string(line, "stream stopped: " .. tostring(why))
            local d = line:match("^data: (.*)$")
            if d then
                data[#data + 1] = d
            end
        end
        assert.same({ "tick 1", "tick 2", "tick 3" }, data)
    end)


    it("sends a heartbeat comment when no event is due", function()
        local conn, res, next_line = open_stream(h, "/sse?ms=5000")
        finally(function() conn:close() end)
        assert.equal(200, res.status)
        local t0 = helpers.now()
        while true do
            local line, why = next_line(2)
            assert.is_string(line, "no heartbeat within 2 s: " .. tostring(why))
            if line:match("^: ?ping") then
                break
            end
        end
        local elapsed = helpers.now() - t0
        assert.is_true(elapsed < 1.5, "first heartbeat after " .. elapsed .. " s with a 0.3 s heartbeat")
    end)


    it("ends the handler's loop when the client disconnects", function()
        local before = app_state(h)
        local conn, res, next_line = open_stream(h, "/sse?ms=50")
        assert.equal(200, res.status)
        assert.is_string(next_line(2))
        assert.equal(before.sse_open + 1, app_state(h).sse_open)
        conn:close()
        helpers.wait_until(function()
            local st = app_state(h)
            return st.sse_closed == before.sse_closed + 1 and st.sse_open == before.sse_open
        end, 3, "res:event returning nil after the client left\n" .. h:logs())
    end)


    it("brings grocer_http_inflight_requests back down when the client disconnects", function()
        local conn, res, next_line = open_stream(h, "/sse?ms=50")
        assert.equal(200, res.status)
        assert.is_string(next_line(2))
        local during = h:metric("grocer_http_inflight_requests")
        assert.is_true(during >= 1, "grocer_http_inflight_requests = " .. during .. " with a stream open")
        conn:close()
        helpers.wait_until(function()
            return h:metric("grocer_http_inflight_requests") == during - 1
        end, 3, "grocer_http_inflight_requests = " .. (during - 1))
    end)


    it("notices a client that leaves while the stream is idle", function()
        local before = app_state(h)
        local conn, res = open_stream(h, "/sse?ms=60000")
        assert.equal(200, res.status)
        helpers.wait_until(function()
            return app_state(h).sse_open == before.sse_open + 1
        end, 2, "the stream open")
        local during = h:metric("grocer_http_inflight_requests")
        conn:close()
        -- the handler sleeps for a minute: only the heartbeat write (0.3 s) or reading EOF can
        -- show the server that the client is gone, and that cancels the wait
        helpers.wait_until(function()
            return h:metric("grocer_http_inflight_requests") == during - 1
        end, 3, "the idle stream no longer in flight\n" .. h:logs())
    end)
end)
