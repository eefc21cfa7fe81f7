-- spec/03-integration/43-stock_stream_spec.lua: the product page's live stock line. The page
-- names its Server-Sent Events stream (/{lang}/p/{slug}/stock); a stock change made in SQL
-- reaches an open stream as a new "stock" event within 100 ms, in the shopper's language and for
-- the shopper's store (grocer_store cookie); an unknown product's stream is a 404.
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"

local now = helpers.now


-- Reads SSE lines until a whole "stock" event; returns its data (nil, err on timeout).
local function next_stock(read, timeout)
    local deadline = now() + timeout
    local event, data = nil, {}
    while now() < deadline do
        local line, err = read(deadline - now())
        if not line then return nil, err end
        if line == "" then
            if event == "stock" then return table.concat(data, "\n") end
            event, data = nil, {}
        elseif line:sub(1, 7) == "event: " then
            event = line:sub(8)
        elseif line:sub(1, 6) == "data: " then
            data[#data + 1] = line:sub(7)
        end
    end
    return nil, "timeout"
end


describe("the product page's live stock", function()
    local h, slug, store, product_id, store_id, on_hand

    lazy_setup(function()
        seeded.ensure()
        h = helpers.start_grocer({ app = seeded.root, workers = 2, env = { DATABASE_URL = pg.url() } })
        -- every worker has its catalog: twenty answers in a row, on fresh connections
        local good = 0
        helpers.wait_until(function()
            good = helpers.request(h.port, "GET", "/readyz") == 200 and good + 1 or 0
            return good >= 20
        end, 30, "/readyz 200 from every worker")
        local row = pg.exec([[
            SELECT p.slug, s.code, p.id, s.id, st.on_hand FROM stock st
              JOIN products p ON p.id = st.product_id JOIN stores s ON s.id = st.store_id
             WHERE p.active AND p.unit <> 'kg' AND st.on_hand > 100 AND st.reserved = 0
             ORDER BY p.id DESC, s.id LIMIT 1]])[1]
        slug, store, product_id, store_id, on_hand = row[1], row[2], row[3], row[4], tonumber(row[5])
    end)

    lazy_teardown(function()
        if product_id then
            pg.psql(("UPDATE stock SET on_hand = %d WHERE product_id = %s AND store_id = %s")
                :format(on_hand, product_id, store_id))
        end
        helpers.stop_grocer(h)
    end)

    it("is named by the product page", function()
        local status, _, body = h:request("GET", "/en/p/" .. slug, { Cookie = "grocer_store=" .. store })
        assert.equal(200, status)
        assert.matches('id="stock"[^>]*data%-stream="/en/p/' .. slug:gsub("%-", "%%-") .. '/stock"', body)
    end)

    it("sends the stock line at once, then each change within 100 ms", function()
        local conn = assert(h:connect())
        assert(conn:send_request("GET", "/vi/p/" .. slug .. "/stock", { Cookie = "grocer_store=" .. store }))
        local res = assert(conn:read_head())
        assert.equal(200, res.status)
        assert.matches("^text/event%-stream", res.headers["content-type"])
        local read = conn:line_reader(res)
        local first = assert(next_stock(read, 2))
        assert.matches('class="stock stock%-in"', first)
        assert.matches("Còn hàng", first)

        pg.exec(("UPDATE stock SET on_hand = 2 WHERE product_id = %s AND store_id = %s"):format(product_id, store_id))
        local t0 = now()
        local low = assert(next_stock(read, 1))
        local elapsed = now() - t0
        assert.matches('class="stock stock%-low"', low)
        assert.matches("2", low)
        assert.is_true(elapsed < 0.1, ("the event came %.0f ms after the commit"):format(elapsed * 1000))

        pg.exec(("UPDATE stock SET on_hand = 0 WHERE product_id = %s AND store_id = %s"):format(product_id, store_id))
        local out = assert(next_stock(read, 1))
        assert.matches('class="stock stock%-out"', out)
        conn:close()
    end)

    it("answers 404 for an unknown product", function()
        local status = h:request("GET", "/vi/p/no-such-product-anywhere/stock")
        assert.equal(404, status)
    end)
end)
