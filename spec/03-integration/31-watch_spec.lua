-- spec/03-integration/31-watch_spec.lua: `grocer serve --watch` against the real server (issue
-- 5). The spec serves a copy of spec/fixtures/reloadapp from a temporary folder with --watch and
-- only edits files on disk, never running `grocer reload`: a changed handler, a new subfolder and
-- a changed template serve once the watch has reloaded; a syntax error leaves the old text served
-- and is logged with its file:line.
local cli = require "spec.helpers.cli"
local helpers = require "spec.helpers.server"


local function write_version(app, version)
    cli.write_file(app .. "/scripts/text.lua",
        "-- rewritten by 31-watch_spec\nreturn {\n    version = \"" .. version .. "\",\n}\n")
end


-- Polls GET /worker until every worker answers version; fails after 10 s.
local function wait_version(h, version)
    local seen = {}
    helpers.wait_until(function()
        local status, _, body = h:request("GET", "/worker")
        if status ~= 200 then
            return nil, "status " .. tostring(status)
        end
        local id, v = body:match("^(%d+) (.*)$")
        seen[id] = v
        return seen["0"] == version and seen["1"] == version, body
    end, 10, "every worker serving " .. version, 0.05)
end


describe("serve --watch", function()
    local h, app


    lazy_setup(function()
        local dir = cli.tmpdir()
        app = dir .. "/app"
        assert(os.execute("cp -r spec/fixtures/reloadapp " .. cli.shell_quote(app)))
        h = helpers.start_grocer({ app = app, workers = 2, args = { "--watch" } })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
        cli.teardown()
    end)


    it("serves a handler edited on disk without any reload command", function()
        local status, _, body = h:request("GET", "/text")
        assert.equal(200, status)
        assert.equal("v1", body)
        write_version(app, "v2")
        wait_version(h, "v2")
        assert.matches("watching", h:errors(), 1, true)
        assert.matches("text.lua changed", h:errors(), 1, true)
    end)


    it("keeps serving the old text when a syntax error is written on disk", function()
        write_version(app, "v3")
        wait_version(h, "v3")
        local failures = h:metric("grocer_reload_failures_total")
        cli.write_file(app .. "/scripts/text.lua", "return {\n    version = \n")
        helpers.wait_until(function()
            return h:metric("grocer_reload_failures_total") == failures + 1
        end, 10, "the broken file refused")
        assert.matches(app .. "/scripts/text.lua:3:", h:errors(), 1, true)
        for _ = 1, 10 do
            local status, _, body = h:request("GET", "/text")
            assert.equal(200, status)
            assert.equal("v3", body)
        end
        -- fixing the file on disk serves it again
        write_version(app, "v4")
        wait_version(h, "v4")
    end)


    it("watches a folder created after the start", function()
        assert(os.execute("mkdir -p " .. cli.shell_quote(app .. "/scripts/extra/deep")))
        write_version(app, "v5")
        wait_version(h, "v5")
        -- a file in the new folder alone is a change too
        cli.write_file(app .. "/scripts/extra/deep/note.lua", "return 1\n")
        helpers.wait_until(function()
            return h:errors():find("deep/note.lua changed", 1, true)
        end, 5, "a change in the new folder seen")
        -- and a file replaced by a rename, as editors save
        cli.write_file(app .. "/scripts/text.lua.new", "return {\n    version = \"v6\",\n}\n")
        assert(os.rename(app .. "/scripts/text.lua.new", app .. "/scripts/text.lua"))
        wait_version(h, "v6")
    end)


    it("reloads a template edited on disk", function()
        local page = app .. "/templates/reload/page.html"
        local good = cli.read_file(page)
        cli.write_file(page, (good:gsub('class="version"', 'class="version edited"')))
        helpers.wait_until(function()
            local status, _, body = h:request("GET", "/page")
            return status == 200 and body:find('class="version edited"', 1, true)
        end, 10, "the edited template served")
    end)
end)
