-- spec/03-integration/06-observability_spec.lua: what the server tells operators: X-Request-Id
-- on every response, Date, the JSON access log on stdout (and GROCER_ACCESS_LOG=off), and the
-- Prometheus text at /metrics.
local cjson_safe = require "cjson.safe"
local helpers = require "spec.helpers.server"

local SANE_ID = "^[%w%-_%.:]+$"


-- The access log entry with this request id, once it has been written.
local function entry_with_id(h, id)
    return helpers.wait_until(function()
        for _, e in ipairs(h:access_entries()) do
            if e.id == id then
                return e
            end
        end
    end, 3, "an access log line with id " .. id .. "\n" .. h:logs())
end


describe("observability", function()
    local h


    lazy_setup(function()
        h = helpers.start_grocer({ workers = 2 })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    describe("X-Request-Id", function()
        it("echoes a sane incoming id and gives it to the handler", function()
            local status, headers, body = h:request("GET", "/id", { ["X-Request-Id"] = "spec-abc-123" })
            assert.equal(200, status)
            assert.equal("spec-abc-123", headers["x-request-id"])
            assert.equal("spec-abc-123", body)
        end)


        it("generates an id when none is sent", function()
            local status, headers, body = h:request("GET", "/id")
            assert.equal(200, status)
            assert.matches(SANE_ID, headers["x-request-id"] or "")
            assert.is_true(#headers["x-request-id"] >= 8, "short id: " .. headers["x-request-id"])
            assert.equal(headers["x-request-id"], body)
        end)


        it("generates a different id for each request", function()
            local seen = {}
            for _ = 1, 20 do
                local _, headers = h:request("GET", "/hello")
                local id = headers["x-request-id"]
                assert.is_string(id)
                assert.is_nil(seen[id], "id given twice: " .. id)
                seen[id] = true
            end
        end)


        it("replaces an incoming id that is not sane", function()
            local bad = "<script>alert(1)</script>"
            local _, headers, body = h:request("GET", "/id", { ["X-Request-Id"] = bad })
            assert.is_not.equal(bad, headers["x-request-id"])
            assert.matches(SANE_ID, headers["x-request-id"] or "")
            assert.equal(headers["x-request-id"], body)
        end)


        it("replaces an incoming id that is too long", function()
            local long = string.rep("a", 1000)
            local _, headers = h:request("GET", "/hello", { ["X-Request-Id"] = long })
            assert.is_not.equal(long, headers["x-request-id"])
            assert.matches(SANE_ID, headers["x-request-id"] or "")
        end)


        it("puts the id on error responses too", function()
            local status, headers = h:request("GET", "/no/such/page", { ["X-Request-Id"] = "spec-404-id" })
            assert.equal(404, status)
            assert.equal("spec-404-id", headers["x-request-id"])
        end)
    end)


    it("sends a Date header in IMF-fixdate form", function()
        local _, headers = h:request("GET", "/hello")
        assert.matches("^%a%a%a, %d%d %a%a%a %d%d%d%d %d%d:%d%d:%d%d GMT$", headers["date"] or "")
    end)


    describe("access log", function()
        it("writes one JSON line per request with time, id, method, path, status, bytes, duration_us, worker",
            function()
                local status = h:request("GET", "/hello", { ["X-Request-Id"] = "spec-log-1" })
                assert.equal(200, status)
                local e = entry_with_id(h, "spec-log-1")
                assert.is_string(e.time)
                assert.is_true(#e.time > 0)
                assert.equal("GET", e.method)
                assert.equal("/hello", e.path)
                assert.equal(200, e.status)
                assert.is_number(e.bytes)
                assert.is_true(e.bytes >= 5, "bytes " .. e.bytes .. " < the 5-byte body")
                assert.is_number(e.duration_us)
                assert.is_true(e.duration_us >= 0 and e.duration_us == math.floor(e.duration_us))
                assert.is_not_nil(e.worker)
            end)


        it("logs the status of a refused request", function()
            local status = h:request("GET", "/no/such/page", { ["X-Request-Id"] = "spec-log-404" })
            assert.equal(404, status)
            assert.equal(404, entry_with_id(h, "spec-log-404").status)
        end)


        it("logs a Lua error as 500", function()
            local status = h:request("GET", "/error", { ["X-Request-Id"] = "spec-log-500" })
            assert.equal(500, status)
            assert.equal(500, entry_with_id(h, "spec-log-500").status)
        end)


        it("writes nothing but JSON lines on stdout", function()
            h:request("GET", "/hello")
            helpers.wait_until(function() return #h:log() > 0 end, 3, "some access log")
            for line in h:log():gmatch("[^\n]+") do
                assert.is_table(cjson_safe.decode(line), "not JSON: " .. line)
            end
        end)
    end)


    describe("/metrics", function()
        it("answers in Prometheus text format", function()
            local status, headers, body = h:request("GET", "/metrics")
            assert.equal(200, status)
            assert.matches("^text/plain", headers["content-type"] or "")
            assert.truthy(body:find("# TYPE grocer_http_requests_total counter", 1, true), body)
        end)


        it("lists every documented metric", function()
            h:request("GET", "/hello")
            local samples, text = assert(h:metrics())
            local names = {
                "grocer_http_requests_total",
                "grocer_http_request_duration_seconds_bucket",
                "grocer_http_request_duration_seconds_sum",
                "grocer_http_request_duration_seconds_count",
                "grocer_http_inflight_requests",
                "grocer_connections_open",
                "grocer_lua_memory_bytes",
                "grocer_worker_restarts_total",
            }
            for _, name in ipairs(names) do
                assert.is_not_nil(helpers.metric_sum(samples, name), name .. " missing from:\n" .. text)
            end
            assert.truthy(text:find("# TYPE grocer_http_request_duration_seconds histogram", 1, true))
        end)


        it("counts requests by route and status across workers", function()
            local labels = { route = "/hello/:name", status = "200" }
            local before = h:metric("grocer_http_requests_total", labels)
            for i = 1, 10 do
                assert.equal(200, (h:request("GET", "/hello/n" .. i)))
            end
            helpers.wait_until(function()
                return h:metric("grocer_http_requests_total", labels) == before + 10
            end, 3, "grocer_http_requests_total{route=\"/hello/:name\",status=\"200\"} = " .. (before + 10)
                .. " (now " .. h:metric("grocer_http_requests_total", labels) .. ")")
        end)


        it("counts a 404 under its status", function()
            local before = h:metric("grocer_http_requests_total", { status = "404" })
            assert.equal(404, (h:request("GET", "/no/such/page")))
            helpers.wait_until(function()
                return h:metric("grocer_http_requests_total", { status = "404" }) == before + 1
            end, 3, "404 counted")
        end)


        it("keeps unknown paths out of the route label", function()
            for i = 1, 3 do
                assert.equal(404, (h:request("GET", "/spec-unknown-" .. i)))
            end
            local samples, text = assert(h:metrics())
            for _, s in ipairs(samples) do
                assert.falsy((s.labels.route or ""):find("spec-unknown", 1, true),
                    "a raw path became a route label:\n" .. text)
            end
        end)


        it("records request durations in the histogram", function()
            local count0 = h:metric("grocer_http_request_duration_seconds_count")
            local sum0 = h:metric("grocer_http_request_duration_seconds_sum")
            assert.equal(200, (h:request("GET", "/sleep?ms=200")))
            helpers.wait_until(function()
                return h:metric("grocer_http_request_duration_seconds_count") > count0
                    and h:metric("grocer_http_request_duration_seconds_sum") >= sum0 + 0.2
            end, 3, "the /sleep request in the histogram")
        end)


        it("reports the Lua memory of every worker", function()
            local samples = assert(h:metrics())
            local workers = {}
            for _, s in ipairs(samples) do
                if s.name == "grocer_lua_memory_bytes" then
                    assert.is_true(s.value > 0, "zero Lua memory for worker " .. tostring(s.labels.worker))
                    workers[s.labels.worker or "?"] = true
                end
            end
            local n = 0
            for _ in pairs(workers) do
                n = n + 1
            end
            assert.equal(2, n)
        end)


        it("counts open connections", function()
            local held = {}
            for i = 1, 3 do
                held[i] = assert(h:connect())
                assert.equal(200, assert(held[i]:request("GET", "/hello")).status)
            end
            local open = h:metric("grocer_connections_open")
            for _, c in ipairs(held) do
                c:close()
            end
            assert.is_true(open >= 4, "grocer_connections_open = " .. open .. " with 3 idle + 1 scraping")
            helpers.wait_until(function()
                return h:metric("grocer_connections_open") <= open - 3
            end, 3, "closed connections no longer counted")
        end)
    end)
end)


describe("access log off", function()
    local h


    lazy_setup(function()
        h = helpers.start_grocer({ workers = 1, env = { GROCER_ACCESS_LOG = "off" } })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    it("writes no access log line with GROCER_ACCESS_LOG=off", function()
        for _ = 1, 5 do
            assert.equal(200, (h:request("GET", "/hello")))
        end
        -- a line would have been written before the response; give the file a moment anyway
        helpers.sleep(0.3)
        assert.equal("", h:log())
    end)
end)
