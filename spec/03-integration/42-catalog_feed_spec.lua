-- spec/03-integration/42-catalog_feed_spec.lua: the worker's read model (host/catalog.c,
-- host/catalog_feed.c) against the seeded test database: it loads the whole catalog, and a change
-- made in SQL (stock, price, a new product, a product gone, a new category) reaches every worker
-- without a reload, stock within 100 ms; after the feed's connection is cut, it catches up on
-- what changed meanwhile. Read through spec/fixtures/catalogapp, which shows grocer.catalog as JSON.
local cjson = require "cjson"
local socket = require "socket"
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"

local now = helpers.now


local function json(body)
    local ok, data = pcall(cjson.decode, body or "")
    assert(ok, "not JSON: " .. tostring(body))
    return data
end


describe("the catalog read model", function()
    local h, sku, store, on_hand, reserved, price

    -- GET path on a fresh connection (so both workers answer in turn), decoded.
    local function get(path)
        local status, _, body = helpers.request(h.port, "GET", path)
        return status, json(body)
    end

    -- Polls path until ok(data) holds on `workers` distinct workers; returns the seconds until the
    -- first worker showed it and until all did.
    local function until_all(path, ok, workers, timeout)
        local t0, first = now(), nil
        local seen = {}
        local n = 0
        while now() - t0 < timeout do
            local status, data = get(path)
            if status == 200 and ok(data) then
                first = first or now() - t0
                if not seen[data.worker] then
                    seen[data.worker] = true
                    n = n + 1
                end
                if n >= workers then return first, now() - t0 end
            end
            socket.sleep(0.005)
        end
        error(("%s: not on %d workers within %.1f s (%d did)"):format(path, workers, timeout, n), 2)
    end

    lazy_setup(function()
        seeded.ensure()
        h = helpers.start_grocer({ app = "spec/fixtures/catalogapp", workers = 2,
            env = { DATABASE_URL = pg.url() } })
        until_all("/state", function(s) return s.ready end, 2, 20)
        local row = pg.exec([[
            SELECT p.sku, s.code, st.on_hand, st.reserved, p.price_vnd FROM stock st
              JOIN products p ON p.id = st.product_id JOIN stores s ON s.id = st.store_id
             WHERE p.active AND st.on_hand > 10 ORDER BY p.id LIMIT 1]])[1]
        sku, store, on_hand, reserved, price = row[1], row[2], tonumber(row[3]), tonumber(row[4]), tonumber(row[5])
    end)

    lazy_teardown(function()
        if sku then
            pg.psql(([[
                UPDATE stock SET on_hand = %d WHERE product_id = (SELECT id FROM products WHERE sku = '%s')
                   AND store_id = (SELECT id FROM stores WHERE code = '%s');
                UPDATE products SET price_vnd = %d WHERE sku = '%s';
                DELETE FROM products WHERE sku = 'SPEC-FEED-1';
                DELETE FROM categories WHERE slug = 'spec-feed-aisle';]]):format(on_hand, sku, store, price, sku))
        end
        helpers.stop_grocer(h)
    end)

    it("holds every product, category and store of the database", function()
        local counts = pg.exec("SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM categories),"
            .. " (SELECT count(*) FROM stores)")[1]
        local _, s = get("/state")
        assert.is_true(s.products >= 50000, "products: " .. s.products)
        assert.equal(tonumber(counts[1]), s.products)
        assert.equal(tonumber(counts[2]), s.categories)
        assert.equal(tonumber(counts[3]), s.stores)
        local status, p = get("/product/" .. sku)
        assert.equal(200, status)
        assert.equal(price, p.price_vnd)
        assert.is_true(p.by_slug)
    end)

    it("shows a stock change made in SQL on every worker within 100 ms", function()
        local target = on_hand + 7
        pg.exec(("UPDATE stock SET on_hand = %d WHERE product_id = (SELECT id FROM products WHERE sku = '%s')"
            .. " AND store_id = (SELECT id FROM stores WHERE code = '%s')"):format(target, sku, store))
        local first, all = until_all("/product/" .. sku, function(p)
            return p.stock[store] == target - reserved
        end, 2, 2)
        assert.is_true(first < 0.1, ("first worker after %.0f ms"):format(first * 1000))
        assert.is_true(all < 0.1, ("every worker after %.0f ms"):format(all * 1000))
    end)

    it("applies a price change and keeps the product findable", function()
        pg.exec(("UPDATE products SET price_vnd = %d WHERE sku = '%s'"):format(price + 1000, sku))
        local first = until_all("/product/" .. sku, function(p) return p.price_vnd == price + 1000 end, 2, 2)
        assert.is_true(first < 0.1, ("after %.0f ms"):format(first * 1000))
        local _, state = get("/state")
        assert.is_true(state.ready)
    end)

    it("adds a new product and indexes its name for search", function()
        pg.exec([[
            INSERT INTO products (sku, slug, name_vi, name_en, category_id, unit, price_vnd)
            SELECT 'SPEC-FEED-1', 'spec-feed-1', 'Bánh xèo thử nghiệm zyxwvu', 'Test pancake zyxwvu',
                   min(id), 'piece', 12000 FROM categories]])
        until_all("/product/SPEC-FEED-1", function(p) return p.price_vnd == 12000 and p.active end, 2, 2)
        until_all("/search?q=zyxwvu", function(r) return r.skus[1] == "SPEC-FEED-1" end, 2, 5)
    end)

    it("hides a product made inactive, in lookups and in search", function()
        pg.exec("UPDATE products SET active = false WHERE sku = 'SPEC-FEED-1'")
        until_all("/product/SPEC-FEED-1", function(p) return p.active == false end, 2, 2)
        until_all("/search?q=zyxwvu", function(r) return r.total == 0 end, 2, 5)
    end)

    it("reloads the whole catalog when a category appears", function()
        local _, before = get("/state")
        pg.exec("INSERT INTO categories (slug, name_vi, name_en, position) VALUES"
            .. " ('spec-feed-aisle', 'Kệ thử', 'Test aisle', 999)")
        until_all("/state", function(s) return s.categories == before.categories + 1 and s.ready end, 2, 10)
        local _, p = get("/product/" .. sku)
        assert.equal(price + 1000, p.price_vnd)
    end)

    it("catches up on changes made while its connection was cut", function()
        -- the feed's connections go, and the change's NOTIFY is sent while they are away
        pg.exec(([[
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'grocer-catalog';
            SELECT pg_sleep(0.05);
            UPDATE products SET price_vnd = %d WHERE sku = '%s';]]):format(price + 2000, sku))
        until_all("/product/" .. sku, function(p) return p.price_vnd == price + 2000 end, 2, 5)
    end)
end)
