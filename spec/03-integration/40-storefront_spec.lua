-- spec/03-integration/40-storefront_spec.lua: the storefront over HTTP against the seeded test
-- database (DATABASE_URL; `grocer seed` runs first): every page in Vietnamese and English (status,
-- lang attribute, key texts, hreflang alternates, the language switch, weight under 100 KB),
-- category filters, sorting and pagination, product details, search with facets and its empty
-- states, 404s in the shopper's language (unknown slug, language, page past the end), the store
-- chooser and its cookie, the JSON API's shapes and errors, escaping, and a stock change made in
-- SQL showing on the product page within 100 ms.
local cjson = require "cjson"
local socket = require "socket"
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"

package.path = "./scripts/?.lua;" .. package.path
local text = require "search.text"

local now = helpers.now


local MAX_PAGE_BYTES = 100 * 1024
local LANGS = { "vi", "en" }


local function json(body)
    local ok, data = pcall(cjson.decode, body or "")
    assert(ok, "not JSON: " .. tostring(body))
    return data
end


local function count(haystack, needle)
    local n, pos = 0, 1
    while true do
        local i = haystack:find(needle, pos, true)
        if not i then
            return n
        end
        n, pos = n + 1, i + #needle
    end
end


-- Prices of the cards of a listing page, in VND, in page order.
local function card_prices(body)
    local out = {}
    for price in body:gmatch('<span class="card%-price"><span class="price">([%d%.]+) ₫') do
        out[#out + 1] = tonumber((price:gsub("%.", "")))
    end
    return out
end


local function url_encode(s)
    return (s:gsub("[^%w%-%._~]", function(c)
        return string.format("%%%02X", c:byte())
    end))
end


local function sql_quote(s)
    return "'" .. tostring(s):gsub("'", "''") .. "'"
end


describe("the storefront", function()
    local h, url
    local fx = {}

    -- GET on a fresh connection; cookies is a table of name -> value. Returns status, body,
    -- headers, res.
    local function get(path, cookies)
        local headers
        if cookies then
            local parts = {}
            for k, v in pairs(cookies) do
                parts[#parts + 1] = k .. "=" .. v
            end
            table.sort(parts)
            headers = { Cookie = table.concat(parts, "; ") }
        end
        local status, hdrs, body, res = h:request("GET", path, headers)
        assert(status, "GET " .. path .. ": " .. tostring(hdrs))
        return status, body, hdrs, res
    end

    local function post_form(path, form, cookies)
        local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
        if cookies then
            headers.Cookie = cookies
        end
        local status, hdrs, body, res = h:request("POST", path, headers, form)
        assert(status, "POST " .. path .. ": " .. tostring(hdrs))
        return status, body, hdrs, res
    end

    local function set_cookie(res, name)
        for _, c in ipairs(res.cookies) do
            local v = c:match("^" .. name .. "=([^;]*)")
            if v then
                return v
            end
        end
        return nil
    end

    -- The checks every HTML page passes in language `code`, for its path.
    local function common(status, body, code, path)
        assert.truthy(body:find('<html lang="' .. code .. '">', 1, true), "lang attribute of " .. path)
        assert.is_true(#body < MAX_PAGE_BYTES, path .. " weighs " .. #body .. " bytes")
        local rest = path:match("^/%a%a(/.*)$")
        for _, other in ipairs(LANGS) do
            local href = ("/" .. other .. rest):gsub("&", "&amp;")
            assert.truthy(body:find('hreflang="' .. other .. '" href="http://127.0.0.1:' .. h.port .. href .. '"', 1,
                true), "hreflang " .. other .. " on " .. path)
            -- the switch links the same page in each language
            assert.truthy(body:find('<a href="' .. href .. '" hreflang="' .. other .. '"', 1, true),
                "language switch to " .. other .. " on " .. path)
        end
        assert.truthy(body:find('hreflang="x-default"', 1, true))
        assert.truthy(body:find('href="#main"', 1, true), "skip link on " .. path)
        return status
    end


    lazy_setup(function()
        seeded.ensure()
        url = pg.url()
        -- what the pages show, from the database itself
        local row = pg.exec([[
            SELECT c.id, c.slug, c.name_vi, c.name_en, count(*) FROM categories c
              JOIN products p ON p.category_id = c.id AND p.active
             WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
             GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1]])[1]
        fx.cat = { id = row[1], slug = row[2], vi = row[3], en = row[4], count = tonumber(row[5]) }
        row = pg.exec(([[
            SELECT b.slug, b.name, count(*) FROM products p JOIN brands b ON b.id = p.brand_id
             WHERE p.category_id = %s AND p.active GROUP BY b.id ORDER BY count(*) DESC, b.id LIMIT 1]])
            :format(fx.cat.id))[1]
        fx.brand = { slug = row[1], name = row[2], count = tonumber(row[3]) }
        row = pg.exec("SELECT slug, name_vi, name_en FROM categories WHERE parent_id IS NULL ORDER BY position, id"
            .. " LIMIT 1")[1]
        fx.aisle = { slug = row[1], vi = row[2], en = row[3] }
        local stores = pg.exec("SELECT id, code, name_vi, name_en FROM stores WHERE active ORDER BY id")
        fx.stores = {}
        for k, s in ipairs(stores) do
            fx.stores[k] = { id = s[1], code = s[2], vi = s[3], en = s[4] }
        end
        fx.store = fx.stores[1]
        row = pg.exec(([[
            SELECT p.id, p.slug, p.sku, p.name_vi, p.name_en, st.on_hand, st.reserved FROM products p
              JOIN stock st ON st.product_id = p.id AND st.store_id = %s
             WHERE p.active AND p.unit <> 'kg' AND st.on_hand - st.reserved > 10
             ORDER BY p.id LIMIT 1]]):format(fx.store.id))[1]
        fx.product = { id = row[1], slug = row[2], sku = row[3], vi = row[4], en = row[5],
                       on_hand = tonumber(row[6]), reserved = tonumber(row[7]) }
        row = pg.exec("SELECT slug, price_vnd, list_price_vnd FROM products WHERE active AND list_price_vnd IS NOT NULL"
            .. " ORDER BY id LIMIT 1")[1]
        fx.promo = row and { slug = row[1], price = tonumber(row[2]), list = tonumber(row[3]) }
        row = pg.exec("SELECT slug, abv_percent FROM products"
            .. " WHERE active AND age_restricted AND abv_percent IS NOT NULL ORDER BY id LIMIT 1")[1]
        fx.adult = row and { slug = row[1], abv = row[2] }
        row = pg.exec("SELECT slug, price_vnd FROM products WHERE active AND unit = 'kg' ORDER BY id LIMIT 1")[1]
        fx.weighed = row and { slug = row[1], price = tonumber(row[2]) }

        h = helpers.start_grocer({ app = ".", workers = 2, env = { DATABASE_URL = url } })
        -- both workers serve the catalog (not the 503 "loading" page): each fresh connection goes
        -- to either worker, so 20 answers in a row leave a worker unasked once in a million runs
        local ok_count = 0
        helpers.wait_until(function()
            local status = h:request("GET", "/vi/stores")
            ok_count = status == 200 and ok_count + 1 or 0
            return ok_count >= 20
        end, 30, "the store page answers 200 (catalog loaded)")
    end)


    lazy_teardown(function()
        if fx.product and fx.product.id then
            pg.psql(("UPDATE stock SET on_hand = %d WHERE product_id = %s AND store_id = %s;"
                .. " DELETE FROM products WHERE sku = 'SPEC-SHOP-ESC';")
                :format(fx.product.on_hand, fx.product.id, fx.store.id))
        end
        helpers.stop_grocer(h)
    end)


    describe("languages", function()
        it("sends / to /vi/ by default and to the language in the grocer_lang cookie", function()
            local status, _, hdrs = get("/")
            assert.equal(302, status)
            assert.equal("/vi/", hdrs.location)
            status, _, hdrs = get("/", { grocer_lang = "en" })
            assert.equal(302, status)
            assert.equal("/en/", hdrs.location)
        end)


        it("remembers the URL's language in grocer_lang", function()
            local _, _, _, res = get("/en/")
            assert.equal("en", set_cookie(res, "grocer_lang"))
            _, _, _, res = get("/en/", { grocer_lang = "en" })
            assert.is_nil(set_cookie(res, "grocer_lang"))
        end)


        it("answers an unknown language with a 404 page in the shopper's language", function()
            local status, body = get("/fr/")
            assert.equal(404, status)
            assert.truthy(body:find('<html lang="vi">', 1, true))
            assert.truthy(body:find("Không tìm thấy trang", 1, true))
            status, body = get("/de/p/" .. fx.product.slug, { grocer_lang = "en" })
            assert.equal(404, status)
            assert.truthy(body:find('<html lang="en">', 1, true))
            assert.truthy(body:find("Page not found", 1, true))
        end)


        it("redirects /vi and /en to the page with a slash", function()
            local status, _, hdrs = get("/en")
            assert.equal(301, status)
            assert.equal("/en/", hdrs.location)
        end)
    end)


    describe("the home page", function()
        for _, code in ipairs(LANGS) do
            it("shows the aisles, promoted and featured products in " .. code, function()
                local status, body = get("/" .. code .. "/")
                assert.equal(200, common(status, body, code, "/" .. code .. "/"))
                assert.truthy(body:find(code == "vi" and "Ngành hàng" or "Aisles", 1, true))
                assert.truthy(body:find('href="/' .. code .. '/c/' .. fx.aisle.slug .. '"', 1, true))
                assert.truthy(body:find(fx.aisle[code], 1, true))
                assert.truthy(body:find(code == "vi" and "Sản phẩm nổi bật" or "Featured products", 1, true))
                assert.truthy(count(body, '<li class="card">') >= 4)
                if fx.promo then
                    assert.truthy(body:find(code == "vi" and "Đang khuyến mãi" or "On promotion", 1, true))
                end
            end)
        end
    end)


    describe("a category page", function()
        for _, code in ipairs(LANGS) do
            it("lists 24 products most popular first with facets and pages in " .. code, function()
                local path = "/" .. code .. "/c/" .. fx.cat.slug
                local status, body = get(path)
                assert.equal(200, common(status, body, code, path))
                assert.truthy(body:find("<h1>" .. fx.cat[code]:gsub("&", "&amp;") .. "</h1>", 1, true))
                assert.equal(math.min(24, fx.cat.count), count(body, '<li class="card">'))
                assert.truthy(body:find(code == "vi" and (fx.cat.count .. " sản phẩm") or (fx.cat.count .. " products"),
                    1, true))
                assert.truthy(body:find('name="brand" value="' .. fx.brand.slug .. '"', 1, true))
                if fx.cat.count > 24 then
                    assert.truthy(body:find('href="' .. path .. '?page=2" rel="next"', 1, true))
                end
                assert.truthy(body:find('class="crumbs"', 1, true))
            end)
        end


        it("filters by brand, with the count of the database", function()
            local path = "/vi/c/" .. fx.cat.slug .. "?brand=" .. fx.brand.slug
            local status, body = get(path)
            assert.equal(200, status)
            assert.truthy(body:find(fx.brand.count .. " sản phẩm", 1, true))
            assert.equal(math.min(24, fx.brand.count), count(body, '<li class="card">'))
            assert.equal(math.min(24, fx.brand.count), count(body, '<span class="card-meta">'
                .. fx.brand.name:gsub("&", "&amp;")))
            assert.truthy(body:find('value="' .. fx.brand.slug .. '" checked', 1, true))
        end)


        it("filters by price band", function()
            local status, body = get("/en/c/" .. fx.cat.slug .. "?price=20000-50000&sort=price_asc")
            assert.equal(200, status)
            local prices = card_prices(body)
            for _, p in ipairs(prices) do
                assert.is_true(p >= 20000 and p < 50000, "price " .. p .. " outside the band")
            end
            local expected = tonumber(pg.scalar(("SELECT count(*) FROM products WHERE category_id = %s AND active"
                .. " AND price_vnd >= 20000 AND price_vnd < 50000"):format(fx.cat.id)))
            assert.equal(math.min(24, expected), #prices)
        end)


        it("shows only products in stock at the chosen store with in_stock=1", function()
            local status, body = get("/vi/c/" .. fx.cat.slug .. "?in_stock=1", { grocer_store = fx.store.code })
            assert.equal(200, status)
            assert.equal(0, count(body, "stock stock-out"))
            local expected = tonumber(pg.scalar(([[
                SELECT count(*) FROM products p JOIN stock st ON st.product_id = p.id AND st.store_id = %s
                 WHERE p.category_id = %s AND p.active AND st.on_hand > st.reserved]]):format(fx.store.id, fx.cat.id)))
            assert.truthy(body:find(expected .. " sản phẩm", 1, true))
        end)


        it("sorts by price both ways, and pages keep the filters and the sort", function()
            local base = "/vi/c/" .. fx.cat.slug
            local _, body = get(base .. "?sort=price_asc")
            local asc = card_prices(body)
            for k = 2, #asc do
                assert.is_true(asc[k - 1] <= asc[k], "ascending")
            end
            local cheapest = tonumber(pg.scalar(("SELECT min(price_vnd) FROM products WHERE category_id = %s"
                .. " AND active"):format(fx.cat.id)))
            assert.equal(cheapest, asc[1])
            _, body = get(base .. "?sort=price_desc")
            local desc = card_prices(body)
            for k = 2, #desc do
                assert.is_true(desc[k - 1] >= desc[k], "descending")
            end
            if fx.cat.count > 24 then
                _, body = get(base .. "?brand=" .. fx.brand.slug .. "&sort=price_desc")
                if fx.brand.count > 24 then
                    assert.truthy(body:find('href="' .. base .. "?brand=" .. fx.brand.slug
                        .. '&amp;sort=price_desc&amp;page=2" rel="next"', 1, true))
                end
                local status
                status, body = get(base .. "?sort=price_asc&page=2")
                assert.equal(200, status)
                local second = card_prices(body)
                assert.is_true(second[1] >= asc[#asc])
            end
        end)


        it("answers a page past the end, an unknown category and a bad filter value sensibly", function()
            local pages = math.max(1, math.ceil(fx.cat.count / 24))
            local status, body = get("/en/c/" .. fx.cat.slug .. "?page=" .. (pages + 1))
            assert.equal(404, status)
            assert.truthy(body:find('<html lang="en">', 1, true))
            assert.truthy(body:find('name="q"', 1, true), "the 404 page has a search box")
            status, body = get("/vi/c/khong-co-danh-muc-nay")
            assert.equal(404, status)
            assert.truthy(body:find("Không tìm thấy trang", 1, true))
            status = get("/vi/c/" .. fx.cat.slug .. "?page=abc&sort=nonsense&price=1-2&brand=%3Cx%3E")
            assert.equal(200, status)
        end)
    end)


    describe("a product page", function()
        for _, code in ipairs(LANGS) do
            it("shows the price, stock at the chosen store, related products in " .. code, function()
                local path = "/" .. code .. "/p/" .. fx.product.slug
                local status, body = get(path, { grocer_store = fx.store.code })
                assert.equal(200, common(status, body, code, path))
                local name = code == "vi" and fx.product.vi or fx.product.en
                assert.truthy(body:find(name:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("'", "&#39;"), 1, true))
                assert.truthy(body:find('<span class="price">[%d%.]+ ₫</span>'))
                assert.truthy(body:find('class="stock stock-in" id="stock"', 1, true)
                    or body:find('class="stock stock-low" id="stock"', 1, true))
                assert.truthy(body:find(fx.store[code], 1, true), "the chosen store's name")
                assert.truthy(body:find(code == "vi" and "Sản phẩm tương tự" or "Similar products", 1, true))
                assert.truthy(body:find('role="img" aria-label="', 1, true), "placeholder image with alt text")
                assert.truthy(body:find(code == "vi" and "Bảo quản" or "Storage", 1, true))
            end)
        end


        it("strikes through the list price of a promoted product", function()
            if not fx.promo then
                return pending("no product on promotion in the seed")
            end
            local _, body = get("/vi/p/" .. fx.promo.slug)
            local function vnd(n)
                local s = tostring(n):reverse():gsub("(%d%d%d)", "%1."):reverse():gsub("^%.", "")
                return s .. " ₫"
            end
            assert.truthy(body:find('<span class="price">' .. vnd(fx.promo.price), 1, true))
            assert.truthy(body:find(vnd(fx.promo.list) .. "</s>", 1, true))
        end)


        it("shows the 18+ notice and the alcohol content", function()
            if not fx.adult then
                return pending("no age-restricted product in the seed")
            end
            local _, body = get("/en/p/" .. fx.adult.slug)
            assert.truthy(body:find("18+", 1, true))
            assert.truthy(body:find("Alcohol: " .. fx.adult.abv .. "% ABV", 1, true))
        end)


        it("prices goods sold by weight per kg", function()
            if not fx.weighed then
                return pending("no product sold by weight in the seed")
            end
            local _, body = get("/vi/p/" .. fx.weighed.slug)
            assert.truthy(body:find(' ₫/kg</span>', 1, true))
            assert.truthy(body:find("Bán theo cân", 1, true))
        end)


        it("answers an unknown product with a 404 page in the URL's language", function()
            local status, body = get("/en/p/no-such-product-anywhere")
            assert.equal(404, status)
            assert.truthy(body:find('<html lang="en">', 1, true))
            assert.truthy(body:find("Page not found", 1, true))
            assert.truthy(body:find('action="/en/search"', 1, true))
        end)


        it("shows a stock change made in SQL within 100 ms", function()
            local path = "/vi/p/" .. fx.product.slug
            local cookies = { grocer_store = fx.store.code }
            local _, before = get(path, cookies)
            assert.is_nil(before:find('id="stock"><strong>Hết hàng', 1, true))
            pg.exec(("UPDATE stock SET on_hand = 0 WHERE product_id = %s AND store_id = %s")
                :format(fx.product.id, fx.store.id))
            local t0 = now()
            local elapsed
            while now() - t0 < 2 do
                local status, body = get(path, cookies)
                if status == 200 and body:find('class="stock stock-out" id="stock"', 1, true) then
                    elapsed = now() - t0
                    break
                end
                socket.sleep(0.01)
            end
            assert.is_not_nil(elapsed, "the product page never showed the product out of stock")
            assert.is_true(elapsed < 0.1, ("shown after %.0f ms"):format(elapsed * 1000))
        end)
    end)


    describe("search", function()
        for _, code in ipairs(LANGS) do
            it("finds a product by its name typed without diacritics, with facets, in " .. code, function()
                local name = code == "vi" and fx.product.vi or fx.product.en
                local q = text.fold(name)
                local path = "/" .. code .. "/search?q=" .. url_encode(q)
                local status, body = get(path)
                assert.equal(200, common(status, body, code, path))
                assert.truthy(body:find('href="/' .. code .. '/p/' .. fx.product.slug .. '"', 1, true))
                assert.truthy(body:find('name="cat"', 1, true), "category facet")
                assert.truthy(body:find('name="in_stock"', 1, true), "in-stock facet")
                assert.truthy(body:find('value="' .. q .. '"', 1, true), "the query stays in the box")
            end)
        end


        it("finds cà phê from 'ca phe'", function()
            local n = tonumber(pg.scalar("SELECT count(*) FROM products WHERE active AND name_vi ILIKE '%cà phê%'"))
            if n == 0 then
                return pending("no cà phê in the seed")
            end
            local _, body = get("/vi/search?q=ca+phe")
            local names = {}
            for name in body:gmatch('<span class="card%-name">(.-)</span>') do
                names[#names + 1] = name
            end
            assert.truthy(#names > 0)
            assert.truthy(text.fold(names[1]):find("ca phe", 1, true), "first: " .. tostring(names[1]))
        end)


        it("helps when nothing is found and when nothing was asked", function()
            local status, body = get("/en/search?q=qqxxzzqqxxzz")
            assert.equal(200, status)
            assert.truthy(body:find("No products found for", 1, true))
            assert.truthy(body:find('href="/en/c/' .. fx.aisle.slug .. '"', 1, true))
            status, body = get("/vi/search")
            assert.equal(200, status)
            assert.truthy(body:find("Nhập tên sản phẩm", 1, true))
        end)


        it("filters by category and keeps the query in page links", function()
            local q = text.fold(fx.product.vi):match("^(%S+)")
            local status, body = get("/vi/search?q=" .. url_encode(q) .. "&cat=" .. fx.cat.slug)
            assert.equal(200, status)
            assert.truthy(body:find('value="' .. fx.cat.slug .. '" checked', 1, true))
            local next_link = body:match('href="([^"]+)" rel="next"')
            if next_link then
                assert.truthy(next_link:find("q=" .. url_encode(q), 1, true))
                assert.truthy(next_link:find("cat=" .. fx.cat.slug, 1, true))
            end
        end)


        it("answers a page past the end with 404", function()
            local status = get("/vi/search?q=qqxxzzqqxxzz&page=2")
            assert.equal(404, status)
        end)
    end)


    describe("the store chooser", function()
        for _, code in ipairs(LANGS) do
            it("lists every store with its address and hours in " .. code, function()
                local path = "/" .. code .. "/stores"
                local status, body = get(path)
                assert.equal(200, common(status, body, code, path))
                for _, s in ipairs(fx.stores) do
                    assert.truthy(body:find(s[code], 1, true), s.code)
                end
                assert.truthy(body:find(code == "vi" and "Mở cửa" or "Open daily", 1, true))
            end)
        end


        it("sets grocer_store from the form and goes back to the page", function()
            local other = fx.stores[2] or fx.stores[1]
            local back = "/en/p/" .. fx.product.slug
            local status, _, hdrs, res = post_form("/en/stores", "store=" .. other.code .. "&back=" .. url_encode(back))
            assert.equal(303, status)
            assert.equal(back, hdrs.location)
            assert.equal(other.code, set_cookie(res, "grocer_store"))
            local _, body = get(back, { grocer_store = other.code })
            assert.truthy(body:find("at " .. other.en, 1, true))
        end)


        it("sets the store from a link too, and never redirects off the site", function()
            local status, _, hdrs, res = get("/vi/stores/choose?store=" .. fx.store.code
                .. "&back=%2F%2Fevil.example%2F")
            assert.equal(303, status)
            assert.equal("/vi/stores", hdrs.location)
            assert.equal(fx.store.code, set_cookie(res, "grocer_store"))
        end)


        it("refuses an unknown store with 400 and sets nothing", function()
            local status, body, _, res = post_form("/vi/stores", "store=NO-SUCH-STORE")
            assert.equal(400, status)
            assert.truthy(body:find('role="alert"', 1, true))
            assert.is_nil(set_cookie(res, "grocer_store"))
        end)
    end)


    describe("the JSON API", function()
        it("searches: query, total, items with names in both languages, facets", function()
            local q = text.fold(fx.product.vi)
            local status, body, hdrs = get("/api/v1/search?q=" .. url_encode(q) .. "&store=" .. fx.store.code)
            assert.equal(200, status)
            assert.matches("^application/json", hdrs["content-type"])
            local data = json(body)
            assert.equal(q, data.query)
            assert.is_number(data.total)
            assert.truthy(data.total >= 1)
            local found
            for _, it in ipairs(data.items) do
                assert.is_string(it.sku)
                assert.is_string(it.slug)
                assert.is_string(it.name.vi)
                assert.is_string(it.name.en)
                assert.is_number(it.price_vnd)
                assert.truthy(it.unit == "piece" or it.unit == "pack" or it.unit == "kg")
                assert.is_boolean(it.in_stock)
                if it.sku == fx.product.sku then
                    found = it
                end
            end
            assert.is_not_nil(found, "the product is in the results")
            assert.is_table(data.facets.categories)
            assert.is_table(data.facets.brands)
            assert.is_table(data.facets.price)
            assert.is_number(data.facets.in_stock.count)
        end)


        it("pages the search and refuses a page past the end", function()
            local data = json(select(2, get("/api/v1/search?q=a")))
            if data.pages and data.pages > 1 then
                local page2 = json(select(2, get("/api/v1/search?q=a&page=2")))
                assert.not_equal(data.items[1].sku, page2.items[1].sku)
            end
            local status, body = get("/api/v1/search?q=a&page=100000")
            assert.equal(404, status)
            assert.equal("page_out_of_range", json(body).error.code)
        end)


        it("answers errors as {error: {code, message}} with a 4xx", function()
            local status, body = get("/api/v1/search")
            assert.equal(400, status)
            local err = json(body).error
            assert.equal("missing_query", err.code)
            assert.is_string(err.message)
            status, body = get("/api/v1/search?q=sua&store=NO-SUCH-STORE")
            assert.equal(400, status)
            assert.equal("unknown_store", json(body).error.code)
            status, body = get("/api/v1/products/NO-SUCH-SKU")
            assert.equal(404, status)
            assert.equal("not_found", json(body).error.code)
            status, body = get("/api/v1/nothing/here")
            assert.equal(404, status)
            assert.equal("not_found", json(body).error.code)
        end)


        it("suggests at most 8 products, and an empty list as []", function()
            local q = text.fold(fx.product.vi):sub(1, 4)
            local status, body = get("/api/v1/suggest?q=" .. url_encode(q))
            assert.equal(200, status)
            local data = json(body)
            assert.truthy(#data.items >= 1 and #data.items <= 8)
            for _, it in ipairs(data.items) do
                assert.is_string(it.text)
                assert.is_string(it.sku)
                assert.is_string(it.slug)
            end
            status, body = get("/api/v1/suggest?q=")
            assert.equal(200, status)
            assert.equal('{"items":[]}', body)
        end)


        it("gives a product with its stock per store, as the database has it", function()
            local status, body = get("/api/v1/products/" .. fx.product.sku)
            assert.equal(200, status)
            local p = json(body)
            assert.equal(fx.product.sku, p.sku)
            assert.equal(fx.product.slug, p.slug)
            assert.equal(fx.product.vi, p.name.vi)
            assert.equal(fx.product.en, p.name.en)
            local rows = pg.exec(([[
                SELECT s.code, greatest(coalesce(st.on_hand - st.reserved, 0), 0) FROM stores s
                  LEFT JOIN stock st ON st.store_id = s.id AND st.product_id = %s
                 WHERE s.active ORDER BY s.id]]):format(fx.product.id))
            local want = {}
            for _, r in ipairs(rows) do
                want[r[1]] = tonumber(r[2])
            end
            local got = {}
            for _, s in ipairs(p.stock) do
                got[s.store] = s.available
            end
            assert.same(want, got)
        end)
    end)


    describe("escaping", function()
        it("prints a product name with markup as text", function()
            local nasty = [[Bánh <script>alert("x")</script> & 'kẹo']]
            pg.exec(([[
                INSERT INTO products (sku, slug, name_vi, name_en, category_id, unit, price_vnd)
                VALUES ('SPEC-SHOP-ESC', 'spec-shop-esc', %s, %s, %s, 'piece', 12000)]])
                :format(sql_quote(nasty), sql_quote(nasty), fx.cat.id))
            local body
            helpers.wait_until(function()
                local status
                status, body = get("/vi/p/spec-shop-esc")
                return status == 200
            end, 5, "the new product's page")
            assert.is_nil(body:find("<script>alert", 1, true))
            assert.truthy(body:find("Bánh &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;kẹo&#39;", 1,
                true))
        end)
    end)
end)
