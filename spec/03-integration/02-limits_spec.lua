-- spec/03-integration/02-limits_spec.lua: the server's size limits and timeouts, enforced before
-- routing: 431 for big heads, 413 for big bodies, 408 and a closed connection for slow clients,
-- idle keep-alive connections closed. Runs with short timeouts set through the environment.
local helpers = require "spec.helpers.server"

local now = helpers.now


describe("limits", function()
    local h
    local conn


    lazy_setup(function()
        h = helpers.start_grocer({
            workers = 1,
            env = {
                GROCER_HEADER_TIMEOUT = "1",
                GROCER_BODY_TIMEOUT = "1",
                GROCER_KEEPALIVE_TIMEOUT = "1",
                GROCER_MAX_BODY = "65536",
                GROCER_SEND_TIMEOUT = "1",
            },
        })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    before_each(function()
        conn = assert(h:connect())
    end)


    after_each(function()
        if conn then
            conn:close()
        end
    end)


    it("answers headers over 16 KiB with 431", function()
        local text = h:raw(helpers.build_request("GET", "/hello", { ["X-Big"] = string.rep("a", 17 * 1024) }),
            { timeout = 3 })
        assert.equal(431, helpers.parse_raw(text), "got: " .. tostring(text):sub(1, 300))
    end)


    it("accepts headers just under 16 KiB", function()
        local res = assert(conn:request("GET", "/hello", { ["X-Big"] = string.rep("a", 15 * 1024) }))
        assert.equal(200, res.status)
        assert.equal("hello", res.body)
    end)


    it("answers a body over GROCER_MAX_BODY with 413", function()
        local body = string.rep("b", 65537)
        local text = h:raw(helpers.build_request("POST", "/echo", nil, body), { timeout = 3 })
        assert.equal(413, helpers.parse_raw(text), "got: " .. tostring(text):sub(1, 300))
    end)


    it("accepts a body of exactly GROCER_MAX_BODY bytes", function()
        local body = string.rep("b", 65536)
        local res = assert(conn:request("POST", "/echo", nil, body))
        assert.equal(200, res.status)
        assert.equal("len=65536 adler=" .. helpers.adler32(body), res.body)
    end)


    it("answers a chunked body that grows past GROCER_MAX_BODY with 413", function()
        local chunk = string.rep("c", 40000)
        local bytes = helpers.build_request("POST", "/echo", { ["Transfer-Encoding"] = "chunked" })
            .. string.format("%x\r\n%s\r\n", #chunk, chunk)
            .. string.format("%x\r\n%s\r\n", #chunk, chunk)
            .. "0\r\n\r\n"
        local text = h:raw(bytes, { timeout = 3 })
        assert.equal(413, helpers.parse_raw(text), "got: " .. tostring(text):sub(1, 300))
    end)


    it("answers a request line left unfinished past GROCER_HEADER_TIMEOUT with 408 and closes", function()
        local t0 = now()
        assert(conn:send("GET /hel"))
        local res, err = conn:read_response({ timeout = 5 })
        local elapsed = now() - t0
        assert.is_table(res, "no response: " .. tostring(err))
        assert.equal(408, res.status)
        assert.is_true(elapsed >= 0.9, "answered after " .. elapsed .. " s, before the 1 s timeout")
        assert.is_true(elapsed < 3, "answered after " .. elapsed .. " s")
        assert.is_true(conn:wait_closed(2))
    end)


    it("counts the header timeout from the first byte, not from the last", function()
        local t0 = now()
        assert(conn:send("GET /hello HTTP/1.1\r\nHost: x\r\n"))
        for i = 1, 20 do
            -- one more header line every 0.2 s: each read is recent, the head never ends
            if conn:fill(now() + 0.2) or conn.eof then
                break
            end
            if not conn:send("X-Trickle-" .. i .. ": y\r\n") then
                break
            end
        end
        local elapsed = now() - t0
        conn:wait_closed(2)
        local status = helpers.parse_raw(conn.buf)
        assert.equal(408, status, "got: " .. conn.buf)
        assert.is_true(elapsed < 2.5, "408 came after " .. elapsed .. " s of trickling")
    end)


    it("answers a body stalled past GROCER_BODY_TIMEOUT with 408 and closes", function()
        local t0 = now()
        assert(conn:send(helpers.build_request("POST", "/echo", { ["Content-Length"] = 10 }) .. "abc"))
        conn.methods = { "POST" }
        local res, err = conn:read_response({ timeout = 5 })
        local elapsed = now() - t0
        assert.is_table(res, "no response: " .. tostring(err))
        assert.equal(408, res.status)
        assert.is_true(elapsed >= 0.9, "answered after " .. elapsed .. " s, before the 1 s timeout")
        assert.is_true(conn:wait_closed(2))
    end)


    it("closes an idle keep-alive connection after GROCER_KEEPALIVE_TIMEOUT", function()
        local res = assert(conn:request("GET", "/hello"))
        assert.equal(200, res.status)
        local t0 = now()
        local closed, extra = conn:wait_closed(5)
        local elapsed = now() - t0
        assert.is_true(closed, "still open after 5 s")
        assert.equal("", extra)
        assert.is_true(elapsed >= 0.9, "closed after " .. elapsed .. " s, before the 1 s timeout")
        assert.is_true(elapsed < 3, "closed after " .. elapsed .. " s")
    end)


    it("keeps a keep-alive connection open before GROCER_KEEPALIVE_TIMEOUT", function()
        assert.equal(200, assert(conn:request("GET", "/hello")).status)
        helpers.sleep(0.4)
        local res = assert(conn:request("GET", "/hello"))
        assert.equal(200, res.status)
        assert.equal("hello", res.body)
    end)


    it("cuts a client that stops reading a response after GROCER_SEND_TIMEOUT", function()
        -- conn (opened before this scrape) is counted in base
        local base = h:metric("grocer_connections_open")
        local t0 = now()
        assert(conn:send_request("GET", "/flood?mb=64"))
        -- never read: the kernel buffers fill, then the server's writes stall
        helpers.wait_until(function()
            return h:metric("grocer_connections_open") == base - 1
        end, 8, "the stalled connection cut\n" .. h:logs())
        local elapsed = now() - t0
        assert.is_true(elapsed >= 0.9, "cut after " .. elapsed .. " s, before the 1 s send timeout")
        local data, why = conn:read_all(now() + 5)
        assert.equal("closed", why)
        assert.is_true(#data < 64 * 1024 * 1024, "the whole response arrived")
    end)
end)
