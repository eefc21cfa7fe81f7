-- spec/03-integration/30-reload_spec.lua: hot reload against the real server (issue 5). The
-- spec serves a copy of spec/fixtures/reloadapp from a temporary folder, rewrites its
-- scripts/text.lua (the version every route answers with) and reloads with `grocer reload` or
-- SIGHUP: the new code serves, a broken file is refused with its file:line and the old code
-- goes on, requests and SSE streams open across a reload finish on the old generation, and a
-- worker started after a failed reload runs the last good code.
local cli = require "spec.helpers.cli"
local helpers = require "spec.helpers.server"
local signal = require "posix.signal"
local socket = require "socket"


local function write_version(app, version)
    cli.write_file(app .. "/scripts/text.lua",
        "-- rewritten by 30-reload_spec\nreturn {\n    version = \"" .. version .. "\",\n}\n")
end


local function reload(h, args)
    local argv = { "reload" }
    for _, a in ipairs(args or {}) do
        argv[#argv + 1] = a
    end
    return cli.grocer(argv, { GROCER_VAR = h.tmp .. "/var" })
end


-- The answers of GET path from new connections until every worker answered (or tries ran
-- out); returns a map worker id -> body of "/worker".
local function by_worker(h, tries)
    local seen = {}
    for _ = 1, tries or 60 do
        local status, _, body = h:request("GET", "/worker")
        assert.equal(200, status)
        local id, version = body:match("^(%d+) (.*)$")
        seen[id] = version
        if seen["0"] and seen["1"] then
            break
        end
    end
    return seen
end


describe("hot reload", function()
    local h, app


    lazy_setup(function()
        local dir = cli.tmpdir()
        app = dir .. "/app"
        assert(os.execute("cp -r spec/fixtures/reloadapp " .. cli.shell_quote(app)))
        h = helpers.start_grocer({ app = app, workers = 2 })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
        cli.teardown()
    end)


    it("serves the new text on every worker once grocer reload exits 0", function()
        local status, _, body = h:request("GET", "/text")
        assert.equal(200, status)
        assert.equal("v1", body)
        write_version(app, "v2")
        local rc, out, err = reload(h)
        assert.equal(0, rc, err)
        local gen = tonumber(out:match("generation (%d+)"))
        assert.is_number(gen, out)
        local seen = by_worker(h)
        assert.same({ ["0"] = "v2", ["1"] = "v2" }, seen)
        status, _, body = h:request("GET", "/page")
        assert.equal(200, status)
        assert.matches('<p class="version">v2</p>', body, 1, true)
        assert.equal(2 * gen, h:metric("grocer_generation"))
    end)


    it("refuses a syntax error with its file and line and keeps serving the old text", function()
        write_version(app, "v3")
        assert.equal(0, (reload(h)))
        local failures = h:metric("grocer_reload_failures_total")
        local gen = h:metric("grocer_generation")
        cli.write_file(app .. "/scripts/text.lua", "return {\n    version = \n")
        local rc, out, err = reload(h)
        assert.is_not.equal(0, rc)
        assert.equal("", out)
        -- the file in the app folder, not in the snapshot the workers loaded
        assert.matches(app .. "/scripts/text.lua:3:", err, 1, true)
        assert.same({ ["0"] = "v3", ["1"] = "v3" }, by_worker(h))
        assert.equal(failures + 1, h:metric("grocer_reload_failures_total"))
        assert.equal(gen, h:metric("grocer_generation"))
        assert.matches("text.lua:3:", h:errors(), 1, true)
    end)


    it("refuses a broken template and keeps the old one", function()
        write_version(app, "v4")
        assert.equal(0, (reload(h)))
        local page = app .. "/templates/reload/page.html"
        local good = cli.read_file(page)
        finally(function() cli.write_file(page, good) end)
        cli.write_file(page, "<p><%= version\n")
        local rc, _, err = reload(h)
        assert.is_not.equal(0, rc)
        assert.matches("page.html", err, 1, true)
        local status, _, body = h:request("GET", "/page")
        assert.equal(200, status)
        assert.matches('<p class="version">v4</p>', body, 1, true)
    end)


    it("finishes a request sleeping across the reload on the old generation", function()
        write_version(app, "v5")
        assert.equal(0, (reload(h)))
        local conn = assert(h:connect())
        finally(function() conn:close() end)
        assert(conn:send_request("GET", "/slow?ms=1500"))
        socket.sleep(0.2) -- the request is in its handler
        write_version(app, "v6")
        local rc, _, err = reload(h)
        assert.equal(0, rc, err)
        local status, _, body = h:request("GET", "/text")
        assert.equal(200, status)
        assert.equal("v6", body)
        local res = assert(conn:read_response({ timeout = 5 }))
        assert.equal(200, res.status)
        assert.equal("v5", res.body)
    end)


    it("ends an SSE stream of the old generation with a retry hint; a new one runs the new code", function()
        write_version(app, "v7")
        assert.equal(0, (reload(h)))
        local conn = assert(h:connect())
        finally(function() conn:close() end)
        assert(conn:send_request("GET", "/sse?ms=100"))
        local res = assert(conn:read_head())
        assert.equal(200, res.status)
        local next_line = conn:line_reader(res)
        assert.equal("id: 1", next_line(2))
        assert.equal("event: version", next_line(2))
        assert.equal("data: v7", next_line(2))
        write_version(app, "v8")
        assert.equal(0, (reload(h)))
        local retry, why
        local started = socket.gettime()
        while true do
            local line
            line, why = next_line(4)
            if not line then
                break
            end
            assert.is_not.equal("data: v8", line) -- the old stream never runs the new code
            if line:match("^retry:") then
                retry = line
            end
        end
        assert.equal("retry: 1000", retry)
        assert.equal("end", why) -- a clean end of the chunked body, not a cut connection
        assert.is_true(socket.gettime() - started < 4)
        -- the browser reconnects: the new stream runs the new generation
        local status, _, body = h:request("GET", "/text")
        assert.equal(200, status)
        assert.equal("v8", body)
        local conn2 = assert(h:connect())
        finally(function() conn2:close() end)
        assert(conn2:send_request("GET", "/sse?ms=100"))
        local res2 = assert(conn2:read_head())
        local next2 = conn2:line_reader(res2)
        next2(2)
        next2(2)
        assert.equal("data: v8", next2(2))
    end)


    it("starts a crashed worker's replacement on the last good generation, not the broken folder", function()
        write_version(app, "v9")
        local rc, out = reload(h)
        assert.equal(0, rc)
        local good = tonumber(out:match("generation (%d+)"))
        cli.write_file(app .. "/scripts/text.lua", "return {\n    version = \n")
        assert.is_not.equal(0, (reload(h)))
        local pids = h:worker_pids()
        assert.equal(2, #pids)
        assert(signal.kill(pids[1], signal.SIGKILL))
        helpers.wait_until(function()
            local now = h:worker_pids()
            return #now == 2 and now[1] ~= pids[1] and now[2] ~= pids[1]
        end, 10, "the killed worker was not replaced")
        local seen
        helpers.wait_until(function()
            seen = by_worker(h, 20)
            return seen["0"] and seen["1"]
        end, 10, "the replacement does not answer")
        assert.same({ ["0"] = "v9", ["1"] = "v9" }, seen)
        assert.equal(2 * good, h:metric("grocer_generation"))
    end)


    it("reloads on SIGHUP to the master", function()
        write_version(app, "v10")
        assert(h:kill(signal.SIGHUP))
        helpers.wait_until(function()
            local seen = by_worker(h)
            return seen["0"] == "v10" and seen["1"] == "v10"
        end, 10, "SIGHUP did not reload both workers")
    end)


    it("refuses an --app that is not the folder the server serves", function()
        local other = cli.tmpdir()
        local rc, _, err = reload(h, { "--app", other })
        assert.is_not.equal(0, rc)
        assert.matches("this server serves", err, 1, true)
        local rc2, _, err2 = reload(h, { "--app", app })
        assert.equal(0, rc2, err2)
    end)


    it("keeps only the last two good snapshots", function()
        for i = 1, 3 do
            write_version(app, "w" .. i)
            assert.equal(0, (reload(h)))
        end
        local n = 0
        for name in require("lfs").dir(h.tmp .. "/var/generations") do
            if name:match("^%d+$") then
                n = n + 1
            end
        end
        assert.equal(2, n)
    end)
end)


describe("grocer reload without a server", function()
    lazy_teardown(function()
        cli.teardown()
    end)


    it("exits non-zero naming the socket it tried", function()
        local var = cli.tmpdir()
        local rc, _, err = cli.grocer({ "reload" }, { GROCER_VAR = var })
        assert.is_not.equal(0, rc)
        assert.matches(var .. "/grocer.sock", err, 1, true)
    end)
end)


describe("200 reloads", function()
    local h, app


    lazy_setup(function()
        local dir = cli.tmpdir()
        app = dir .. "/app"
        assert(os.execute("cp -r spec/fixtures/reloadapp " .. cli.shell_quote(app)))
        h = helpers.start_grocer({ app = app, workers = 1 })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
        cli.teardown()
    end)


    local function rss_kb(pid)
        local status = assert(cli.read_file("/proc/" .. pid .. "/status"))
        return tonumber(status:match("VmRSS:%s*(%d+)"))
    end


    -- Lua heap once the tick after the last reload has stamped it (old states closed by then)
    local function lua_heap()
        socket.sleep(0.25)
        return h:metric("grocer_lua_memory_bytes")
    end


    it("leave the worker's RSS and Lua heap within 10 % of where they were after the first", function()
        local pid = h:worker_pids()[1]
        -- with a seeded DATABASE_URL the worker also loads the catalog read model (C memory, not
        -- a generation's): measure once it is in, with its search index, not while it grows
        helpers.wait_until(function()
            return h:request("GET", "/readyz") == 200
        end, 30, "/readyz")
        if h:errors():find("catalog: loaded", 1, true) then
            helpers.wait_until(function()
                return h:errors():find("search index of", 1, true) ~= nil
            end, 60, "the catalog's search index")
        end
        local function round(i)
            write_version(app, "r" .. i)
            local rc, _, err = reload(h)
            assert.equal(0, rc, err)
            for _ = 1, 5 do
                local status, _, body = h:request("GET", "/page")
                assert.equal(200, status)
                assert.matches("r" .. i, body, 1, true)
            end
        end
        round(1)
        local rss1, heap1 = rss_kb(pid), lua_heap()
        for i = 2, 200 do
            round(i)
        end
        local rss200, heap200 = rss_kb(pid), lua_heap()
        assert.equal(pid, h:worker_pids()[1]) -- the same worker all along
        print(string.format("\n200 reloads: worker RSS %d -> %d KiB, Lua heap %d -> %d bytes",
            rss1, rss200, heap1, heap200))
        -- AddressSanitizer's quarantine holds freed memory: RSS says nothing under it
        if not cli.grocer_bin():find("asan", 1, true) then
            assert.is_true(rss200 <= rss1 * 1.1, "RSS grew from " .. rss1 .. " to " .. rss200 .. " KiB")
        end
        assert.is_true(heap200 <= heap1 * 1.1, "Lua heap grew from " .. heap1 .. " to " .. heap200)
    end)
end)
