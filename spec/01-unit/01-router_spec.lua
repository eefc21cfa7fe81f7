-- spec/01-unit/01-router_spec.lua: grocer.router matching, params, 404/405/HEAD and refusals.
local router = require "grocer.router"


local function h(name)
    return function() return name end
end


describe("grocer.router", function()
    local r, home, health, product, product_post, cat_lang, cat_new, files, lang_home

    before_each(function()
        r = router.new()
        home, health = h("home"), h("health")
        product, product_post = h("product"), h("product_post")
        cat_lang, cat_new, files, lang_home = h("cat"), h("cat_new"), h("files"), h("lang_home")
        r:add("GET", "/", home)
        r:add("GET", "/healthz", health)
        r:add("POST", "/healthz", h("health_post"))
        r:add("GET", "/p/:slug", product)
        r:add("POST", "/p/:slug", product_post)
        r:add("GET", "/:lang/c/:slug", cat_lang)
        r:add("GET", "/:lang/c/new", cat_new)
        r:add("GET", "/files/*path", files)
        r:add("GET", "/:lang/", lang_home)
    end)

    it("matches a literal route and returns its pattern with empty params", function()
        local fn, params, pattern = r:match("GET", "/healthz")
        assert.equal(health, fn)
        assert.same({}, params)
        assert.equal("/healthz", pattern)
    end)

    it("matches the root path", function()
        assert.equal(home, (r:match("GET", "/")))
    end)

    it("captures named params", function()
        local fn, params, pattern = r:match("GET", "/vi/c/rau-cu")
        assert.equal(cat_lang, fn)
        assert.same({ lang = "vi", slug = "rau-cu" }, params)
        assert.equal("/:lang/c/:slug", pattern)
    end)

    it("percent-decodes params and keeps '+' as a plus", function()
        local _, params = r:match("GET", "/p/g%E1%BA%A1o+st25%zz")
        assert.equal("gạo+st25%zz", params.slug)
    end)

    it("prefers a literal segment over a param", function()
        local fn, params, pattern = r:match("GET", "/en/c/new")
        assert.equal(cat_new, fn)
        assert.same({ lang = "en" }, params)
        assert.equal("/:lang/c/new", pattern)
    end)

    it("captures the rest of the path in a splat", function()
        local fn, params = r:match("GET", "/files/css/site.css")
        assert.equal(files, fn)
        assert.equal("css/site.css", params.path)
    end)

    it("does not let a param match an empty segment", function()
        local r2 = router.new()
        r2:add("GET", "/p/:slug", product)
        local fn, status = r2:match("GET", "/p/")
        assert.is_nil(fn)
        assert.equal(404, status)
    end)

    it("tells '/:lang/' apart from '/:lang'", function()
        assert.equal(lang_home, (r:match("GET", "/vi/")))
        assert.equal(404, select(2, r:match("GET", "/vi")))
    end)

    it("returns 404 when no route has the path", function()
        local fn, status, allow = r:match("GET", "/nope/at/all")
        assert.is_nil(fn)
        assert.equal(404, status)
        assert.is_nil(allow)
    end)

    it("returns 405 with an Allow list for a literal path served for other methods", function()
        local fn, status, allow = r:match("DELETE", "/healthz")
        assert.is_nil(fn)
        assert.equal(405, status)
        assert.equal("GET, HEAD, POST", allow)
    end)

    it("returns 405 with an Allow list for a param path served for other methods", function()
        local fn, status, allow = r:match("PUT", "/p/sua-tuoi")
        assert.is_nil(fn)
        assert.equal(405, status)
        assert.equal("GET, HEAD, POST", allow)
    end)

    it("serves HEAD with the GET route, literal and param", function()
        assert.equal(health, (r:match("HEAD", "/healthz")))
        assert.equal(product, (r:match("HEAD", "/p/x")))
    end)

    it("prefers an explicit HEAD route over GET", function()
        local head = h("head")
        r:add("HEAD", "/healthz", head)
        assert.equal(head, (r:match("HEAD", "/healthz")))
    end)

    it("picks the handler by method on the same pattern", function()
        assert.equal(product_post, (r:match("POST", "/p/x")))
    end)

    it("falls back to a param route when the literal route lacks the method", function()
        r:add("GET", "/p/special", h("special"))
        local fn, params = r:match("POST", "/p/special")
        assert.equal(product_post, fn)
        assert.equal("special", params.slug)
    end)

    it("refuses a duplicate literal route", function()
        assert.has_error(function() r:add("GET", "/healthz", home) end,
                         "router: duplicate route GET /healthz")
    end)

    it("refuses a route with the same shape under other param names", function()
        assert.has_error(function() r:add("GET", "/p/:id", home) end,
                         "router: duplicate route GET /p/:id (same shape as /p/:slug)")
    end)

    it("refuses malformed patterns", function()
        for _, bad in ipairs({ "healthz", "/a//b", "/:", "/:1x", "/*rest/more", "/a:b",
                               "/:x/:x" }) do
            assert.has_error(function() r:add("GET", bad, home) end)
        end
    end)

    it("names the bad pattern in the error", function()
        local ok, err = pcall(r.add, r, "GET", "/files/*rest/x", home)
        assert.is_false(ok)
        assert.matches("bad pattern '/files/*rest/x': a splat must be the last segment", err, 1, true)
    end)

    it("blames the caller's caller when given level 3", function()
        local function get(pattern, fn) r:add("GET", pattern, fn, 3) end
        local ok, err = pcall(function()
            get("/healthz", home) -- the blamed line
        end)
        assert.is_false(ok)
        local line = tonumber(err:match("01%-router_spec%.lua:(%d+): router: duplicate route GET /healthz"))
        local n, text = 0, nil
        for l in io.lines("spec/01-unit/01-router_spec.lua") do
            n = n + 1
            if n == line then
                text = l
            end
        end
        assert.matches("-- the blamed line", text, 1, true)
    end)

    it("refuses a lowercase method", function()
        assert.has_error(function() r:add("get", "/x", home) end, "router: bad method 'get'")
    end)
end)
