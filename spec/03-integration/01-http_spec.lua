-- spec/03-integration/01-http_spec.lua: HTTP/1.1 behaviour of the real server with default
-- settings: keep-alive, pipelining, HEAD, chunked and 100-continue request bodies, closing,
-- malformed requests, routing answers (404, 405, redirect), cookies, JSON and streamed responses.
local helpers = require "spec.helpers.server"
local cjson = require "cjson"


describe("HTTP server", function()
    local h
    local conn


    lazy_setup(function()
        h = helpers.start_grocer({ workers = 2 })
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


    it("answers GET /healthz with 200 ok", function()
        local status, _, body = h:request("GET", "/healthz")
        assert.equal(200, status)
        assert.equal("ok", body:match("^%s*(.-)%s*$"))
    end)


    it("answers GET /readyz with 200 once the app is loaded", function()
        -- ready follows alive by the database's first round trips (the pool's first connection,
        -- the catalog feed's first look), which a busy machine can stretch past the first /healthz
        helpers.wait_until(function()
            return h:request("GET", "/readyz") == 200
        end, 5, "/readyz to answer 200", 0.02)
    end)


    it("serves a string returned by a handler as text/html with Content-Length and Date", function()
        local res = assert(conn:request("GET", "/hello"))
        assert.equal(200, res.status)
        assert.equal("hello", res.body)
        assert.equal("5", res.headers["content-length"])
        assert.matches("^text/html", res.headers["content-type"])
        assert.is_string(res.headers["date"])
    end)


    it("renders a template with the route param escaped and a translated string", function()
        local res = assert(conn:request("GET", "/hello/%3Cb%3Ex%26y"))
        assert.equal(200, res.status)
        assert.truthy(res.body:find("&lt;b&gt;x&amp;y", 1, true), res.body)
        assert.falsy(res.body:find("<b>", 1, true), res.body)
        assert.truthy(res.body:find("Hello, shopper", 1, true) or res.body:find("Xin chào quý khách", 1, true),
            "no translated greeting in: " .. res.body)
    end)


    it("keeps the connection open for a second request", function()
        local first = assert(conn:request("GET", "/hello"))
        assert.equal(200, first.status)
        assert.is_not.equal("close", (first.headers["connection"] or ""):lower())
        local second = assert(conn:request("GET", "/hello/again"))
        assert.equal(200, second.status)
        assert.truthy(second.body:find("again", 1, true))
    end)


    it("answers three pipelined requests in order", function()
        local bytes = helpers.build_request("GET", "/hello/one", nil, nil, h.port)
            .. helpers.build_request("GET", "/hello/two", nil, nil, h.port)
            .. helpers.build_request("GET", "/hello/three", nil, nil, h.port)
        conn.methods = { "GET", "GET", "GET" }
        assert(conn:send(bytes))
        for _, name in ipairs({ "one", "two", "three" }) do
            local res = assert(conn:read_response())
            assert.equal(200, res.status)
            assert.truthy(res.body:find('class="name">' .. name .. "<", 1, true),
                "expected " .. name .. " in: " .. res.body)
        end
    end)


    it("answers HEAD with the headers of GET and no body", function()
        local get = assert(conn:request("GET", "/hello"))
        local head = assert(conn:request("HEAD", "/hello"))
        assert.equal(200, head.status)
        assert.equal(get.headers["content-length"], head.headers["content-length"])
        assert.equal("", head.body)
        -- had the server sent a body, it would stand where the next status line is read
        local after = assert(conn:request("GET", "/hello/after"))
        assert.equal(200, after.status)
        assert.truthy(after.body:find("after", 1, true))
    end)


    it("reads a chunked request body", function()
        local pieces = { "hello", " ", string.rep("x", 3000), "chào", "\r\n", string.rep("0123456789", 50) }
        assert(conn:send(helpers.build_request("POST", "/echo", { ["Transfer-Encoding"] = "chunked" }, nil, h.port)))
        for _, p in ipairs(pieces) do
            assert(conn:send(string.format("%x\r\n%s\r\n", #p, p)))
        end
        assert(conn:send("0\r\n\r\n"))
        conn.methods = { "POST" }
        local res = assert(conn:read_response())
        local whole = table.concat(pieces)
        assert.equal(200, res.status)
        assert.equal(string.format("len=%d adler=%s", #whole, helpers.adler32(whole)), res.body)
    end)


    it("sends 100 Continue before reading a body the client holds back", function()
        local body = "hello world"
        assert(conn:send_request("POST", "/echo", {
            { "Content-Length", #body },
            { "Expect", "100-continue" },
        }))
        local interim = assert(conn:read_response({ timeout = 3 }))
        assert.equal(100, interim.status)
        assert(conn:send(body))
        local res = assert(conn:read_response())
        assert.equal(200, res.status)
        assert.equal("len=11 adler=" .. helpers.adler32(body), res.body)
    end)


    it("answers 413 without 100 Continue to an Expect request over the 1m body limit", function()
        assert(conn:send_request("POST", "/echo", {
            { "Content-Length", 2 * 1024 * 1024 },
            { "Expect", "100-continue" },
        }))
        local res = assert(conn:read_response({ timeout = 3 }))
        assert.equal(413, res.status)
    end)


    it("closes the connection after a request with Connection: close", function()
        local res = assert(conn:request("GET", "/hello", { Connection = "close" }))
        assert.equal(200, res.status)
        assert.equal("hello", res.body)
        assert.equal("close", (res.headers["connection"] or ""):lower())
        assert.is_true(conn:wait_closed(2))
    end)


    it("closes an HTTP/1.0 connection that did not ask for keep-alive", function()
        local text, why = h:raw("GET /hello HTTP/1.0\r\n\r\n", { timeout = 3 })
        local status, _, body = helpers.parse_raw(text)
        assert.equal(200, status)
        assert.equal("hello", body)
        assert.equal("closed", why)
    end)


    it("answers a malformed request with 400 and closes", function()
        local text, why = h:raw("GET /hello HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\n\r\n", { timeout = 3 })
        local status = helpers.parse_raw(text)
        assert.equal(400, status, "got: " .. tostring(text))
        assert.equal("closed", why)
    end)


    it("answers a request line that is not HTTP with 400", function()
        local text = h:raw("\1\2\3 hello there\r\n\r\n", { timeout = 3 })
        assert.equal(400, helpers.parse_raw(text), "got: " .. tostring(text))
    end)


    it("answers an HTTP/1.1 request without Host with 400", function()
        local text = h:raw("GET /hello HTTP/1.1\r\n\r\n", { timeout = 3 })
        assert.equal(400, helpers.parse_raw(text), "got: " .. tostring(text))
    end)


    it("refuses a request with both Content-Length and Transfer-Encoding with 400 and closes", function()
        -- a smuggling attempt: the second request must never be answered
        local smuggled = "GET /hello/smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        local text, why = h:raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
            .. "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" .. smuggled, { timeout = 3 })
        assert.equal(400, helpers.parse_raw(text), "got: " .. tostring(text))
        assert.falsy(text:find("smuggled", 1, true), "the smuggled request was answered: " .. text)
        assert.equal("closed", why)
    end)


    it("refuses two different Content-Length values with 400", function()
        local text = h:raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\n"
            .. "abcde", { timeout = 3 })
        assert.equal(400, helpers.parse_raw(text), "got: " .. tostring(text))
    end)


    it("refuses a chunked body with a bad chunk size with 400", function()
        local text = h:raw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            .. "zz\r\nhello\r\n0\r\n\r\n", { timeout = 3 })
        assert.equal(400, helpers.parse_raw(text), "got: " .. tostring(text))
    end)


    it("answers a transfer coding it does not know with 501", function()
        local text = h:raw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc", { timeout = 3 })
        assert.equal(501, helpers.parse_raw(text), "got: " .. tostring(text))
    end)


    it("never lets a handler's header value split the response", function()
        local res = assert(conn:request("GET", "/header?v=a%0D%0ASet-Cookie:%20evil=1%0D%0A%0D%0Ainjected"))
        assert.is_true(res.status == 200 or res.status == 500, "status " .. res.status)
        for _, c in ipairs(res.cookies) do
            assert.falsy(c:find("evil", 1, true), "a header was injected: Set-Cookie: " .. c)
        end
        assert.falsy(res.body:find("injected", 1, true), "the body was injected: " .. res.body)
        assert.is_nil(res.headers["set-cookie"])
    end)


    it("answers an unknown path with 404", function()
        local res = assert(conn:request("GET", "/no/such/page"))
        assert.equal(404, res.status)
    end)


    it("answers a known path with an unsupported method with 405 and Allow", function()
        local res = assert(conn:request("POST", "/hello", nil, ""))
        assert.equal(405, res.status)
        assert.truthy(res.headers["allow"], "no Allow header")
        assert.truthy(res.headers["allow"]:find("GET", 1, true), res.headers["allow"])
        assert.falsy(res.headers["allow"]:find("POST", 1, true), res.headers["allow"])
    end)


    it("redirects with 302 and Location", function()
        local res = assert(conn:request("GET", "/redirect"))
        assert.equal(302, res.status)
        assert.matches("/hello$", res.headers["location"])
    end)


    it("sets a cookie and parses the Cookie header", function()
        local res = assert(conn:request("GET", "/cookie", { Cookie = "a=1; b=two" }))
        assert.equal(200, res.status)
        assert.equal(1, #res.cookies)
        assert.matches("^flavor=pho", res.cookies[1])
        local data = cjson.decode(res.body)
        assert.same({ a = "1", b = "two" }, data.cookies)
    end)


    it("echoes a JSON body through req:json and res:json", function()
        local sent = { sku = "VN-001", qty = 2, tags = { "rau", "củ" } }
        local res = assert(conn:request("POST", "/json", { ["Content-Type"] = "application/json" },
            cjson.encode(sent)))
        assert.equal(200, res.status)
        assert.matches("^application/json", res.headers["content-type"])
        local data = cjson.decode(res.body)
        assert.same(sent, data.echo)
        assert.equal("POST", data.method)
    end)


    it("gives req:json's error to the handler for a malformed JSON body", function()
        local res = assert(conn:request("POST", "/json", { ["Content-Type"] = "application/json" }, "{not json"))
        assert.equal(400, res.status)
        assert.equal("bad_json", cjson.decode(res.body).error.code)
    end)


    it("streams res:write pieces as a chunked response", function()
        local res = assert(conn:request("GET", "/stream"))
        assert.equal(200, res.status)
        assert.matches("chunked", res.headers["transfer-encoding"] or "")
        assert.equal("one\ntwo\nthree\n", res.body)
        assert.is_true(#res.chunks >= 2, "expected several chunks, got " .. #res.chunks)
        -- the connection is still usable after a streamed response
        local after = assert(conn:request("GET", "/hello"))
        assert.equal("hello", after.body)
    end)
end)
