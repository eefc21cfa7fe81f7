-- spec/03-integration/05-static_spec.lua: files under /static/ from the app's static/ folder:
-- content type, ETag and 304, the precompressed .gz sibling, HEAD, and refusing paths that try
-- to leave the folder.
local helpers = require "spec.helpers.server"

local FIXTURE = "spec/fixtures/app/static/"


describe("static files", function()
    local h
    local conn


    lazy_setup(function()
        h = helpers.start_grocer({ workers = 1 })
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    before_each(function()
        conn = assert(h:connect())
    end)


    after_each(function()
        conn:close()
    end)


    it("serves a file with its content type, length and ETag", function()
        local res = assert(conn:request("GET", "/static/css/site.css"))
        assert.equal(200, res.status)
        assert.equal(helpers.read_file(FIXTURE .. "css/site.css"), res.body)
        assert.matches("^text/css", res.headers["content-type"])
        assert.equal(tostring(#res.body), res.headers["content-length"])
        assert.matches('^"[^"]+"$', res.headers["etag"] or "")
    end)


    it("answers 304 without a body to a matching If-None-Match", function()
        local first = assert(conn:request("GET", "/static/css/site.css"))
        local res = assert(conn:request("GET", "/static/css/site.css", { ["If-None-Match"] = first.headers["etag"] }))
        assert.equal(304, res.status)
        assert.equal("", res.body)
        assert.equal(first.headers["etag"], res.headers["etag"])
        -- no body bytes were sent: the connection carries on cleanly
        local again = assert(conn:request("GET", "/hello"))
        assert.equal("hello", again.body)
    end)


    it("answers 200 to an If-None-Match that does not match", function()
        local res = assert(conn:request("GET", "/static/css/site.css", { ["If-None-Match"] = '"not-the-etag"' }))
        assert.equal(200, res.status)
        assert.equal(helpers.read_file(FIXTURE .. "css/site.css"), res.body)
    end)


    it("serves the .gz sibling to a client that accepts gzip", function()
        local res = assert(conn:request("GET", "/static/app.js", { ["Accept-Encoding"] = "br, gzip, deflate" }))
        assert.equal(200, res.status)
        assert.equal("gzip", res.headers["content-encoding"])
        assert.equal(helpers.read_file(FIXTURE .. "app.js.gz"), res.body)
        assert.matches("^[%w/]*javascript", res.headers["content-type"])
        assert.truthy((res.headers["vary"] or ""):lower():find("accept-encoding", 1, true), "no Vary: Accept-Encoding")
    end)


    it("serves the plain file to a client that does not accept gzip", function()
        local res = assert(conn:request("GET", "/static/app.js"))
        assert.equal(200, res.status)
        assert.is_nil(res.headers["content-encoding"])
        assert.equal(helpers.read_file(FIXTURE .. "app.js"), res.body)
        assert.truthy((res.headers["vary"] or ""):lower():find("accept-encoding", 1, true), "no Vary: Accept-Encoding")
    end)


    it("answers HEAD with the length of the file and no body", function()
        local res = assert(conn:request("HEAD", "/static/css/site.css"))
        assert.equal(200, res.status)
        assert.equal(tostring(#helpers.read_file(FIXTURE .. "css/site.css")), res.headers["content-length"])
        local after = assert(conn:request("GET", "/hello"))
        assert.equal("hello", after.body)
    end)


    it("answers 404 for a missing file", function()
        local res = assert(conn:request("GET", "/static/css/missing.css"))
        assert.equal(404, res.status)
    end)


    it("answers 404 to paths that try to leave the static folder", function()
        local paths = {
            "/static/../scripts/app.lua",
            "/static/css/../../scripts/app.lua",
            "/static/%2e%2e/scripts/app.lua",
            "/static/..%2fscripts%2fapp.lua",
            "/static/css/%2E%2E%2F%2E%2E%2Fscripts/app.lua",
            "/static/..%5cscripts%5capp.lua",
        }
        local source = helpers.read_file("spec/fixtures/app/scripts/app.lua")
        for _, path in ipairs(paths) do
            local text = h:raw("GET " .. path .. " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            local status, _, body = helpers.parse_raw(text)
            assert.equal(404, status, path .. " -> " .. tostring(text):sub(1, 200))
            assert.falsy(body:find("grocer.app", 1, true), path .. " leaked the app source")
            assert.falsy(source and body:find(source, 1, true), path .. " leaked the app source")
        end
    end)
end)
