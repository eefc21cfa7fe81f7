-- spec/01-unit/10-seed_spec.lua: the demo catalog generator (scripts/seed) run with a fake ctx:
-- what it hands to COPY (sizes, uniqueness, names in both languages, prices, units, barcodes,
-- aisles, stores and stock), that two runs give the same bytes, and the COPY text escaping.
package.path = "./scripts/?.lua;./scripts/?/init.lua;" .. package.path

local copy = require "seed.copy"
local finish = require "seed.finish"
local text = require "seed.text"

local DATA = "scripts/seed/data/"


local function read_gz(name)
    local f = assert(io.popen("gzip -dc " .. DATA .. name .. " 2>/dev/null"))
    local s = f:read("*a")
    f:close()
    assert(#s > 0, "could not read " .. name)
    return s
end


-- Runs the generator; returns { [table] = { columns = "...", chunks = { text... } } }, result.
local function run_seed()
    package.loaded["seed"] = nil
    local tables, order = {}, {}
    local ctx = {
        read_gz = read_gz,
        copy = function(tbl, columns, txt)
            local t = tables[tbl]
            if not t then
                t = { columns = columns, chunks = {} }
                tables[tbl] = t
                order[#order + 1] = tbl
            end
            assert.equal(t.columns, columns)
            t.chunks[#t.chunks + 1] = txt
        end,
        log = function() end,
    }
    local result = require("seed").run(ctx)
    return tables, order, result
end


-- Checks every row with a plain function (luassert is too slow for 50,000 rows x 20 checks):
-- fn returns nil when the row is fine, else a message. Fails with the first few messages.
local function each(rows, fn)
    local bad = {}
    for i = 1, #rows do
        local msg = fn(rows[i], i)
        if msg then
            bad[#bad + 1] = msg
            if #bad >= 5 then break end
        end
    end
    assert.same({}, bad)
end


-- The rows of one table as arrays of strings (nil for NULL), with a column -> index map.
local function rows_of(t)
    local cols, idx = {}, {}
    for c in t.columns:gmatch("[^,]+") do
        cols[#cols + 1] = c
        idx[c] = #cols
    end
    local rows = copy.parse(table.concat(t.chunks), #cols)
    return rows, idx
end


-- A second run of the generator in a child process (luajit), started before the first so the two
-- overlap: it writes every COPY call as "table<TAB>columns\n<text>" to a file. Returns a function
-- that waits for it and returns that file's contents.
local function run_seed_in_child()
    local path = os.tmpname()
    local script = ([[
        package.path = "./scripts/?.lua;./scripts/?/init.lua;" .. package.path
        local out = assert(io.open(%q, "wb"))
        require("seed").run({
            read_gz = function(name)
                local f = assert(io.popen("gzip -dc %s" .. name .. " 2>/dev/null"))
                local s = f:read("*a")
                f:close()
                return s
            end,
            copy = function(t, c, txt) out:write(t, "\t", c, "\n", txt) end,
            log = function() end,
        })
        out:close()
    ]]):format(path, DATA)
    local script_path = os.tmpname()
    local sf = assert(io.open(script_path, "wb"))
    sf:write(script)
    sf:close()
    local child = assert(io.popen("luajit " .. script_path .. " 2>&1"))
    return function()
        local errors = child:read("*a")
        child:close()
        os.remove(script_path)
        local f = assert(io.open(path, "rb"))
        local s = f:read("*a")
        f:close()
        os.remove(path)
        assert(#s > 0, "the second run wrote nothing: " .. errors)
        return s
    end
end


describe("seed", function()
    local tables, order, products, P, stock, S, second_run

    lazy_setup(function()
        second_run = run_seed_in_child()
        tables, order = run_seed()
        products, P = rows_of(tables.products)
        stock, S = rows_of(tables.stock)
    end)


    describe("tables", function()
        it("copies the tables in dependency order", function()
            assert.same({ "categories", "brands", "products", "stores", "stock" }, order)
        end)

        it("gives every row as many fields as columns", function()
            for _, name in ipairs(order) do
                local t = tables[name]
                local ncols = select(2, t.columns:gsub(",", "")) + 1
                for line in table.concat(t.chunks):gmatch("([^\n]*)\n") do
                    local nf = select(2, line:gsub("\t", "")) + 1
                    if nf ~= ncols then
                        error(name .. ": " .. nf .. " fields, want " .. ncols .. ": " .. line)
                    end
                end
            end
        end)

        it("builds at least 50,000 products", function()
            assert.is_true(#products >= 50000, #products .. " products")
        end)

        it("numbers products 1..n", function()
            each(products, function(r, i)
                if r[P.id] ~= tostring(i) then return "id " .. r[P.id] .. " at row " .. i end
            end)
        end)
    end)


    describe("products", function()
        it("has unique uppercase SKUs", function()
            local seen = {}
            each(products, function(r)
                local sku = r[P.sku]
                if not sku:match("^GR%-%d%d%d%d%d%d$") then return "bad sku " .. sku end
                if seen[sku] then return "duplicate sku " .. sku end
                seen[sku] = true
            end)
        end)

        it("has unique ASCII slugs in the schema's format", function()
            local seen = {}
            each(products, function(r)
                local slug = r[P.slug]
                if not (slug:match("^[a-z0-9]+$") or slug:match("^[a-z0-9][a-z0-9%-]*[a-z0-9]$")) or slug:find("--", 1,
                    true) then
                    return "bad slug " .. slug
                end
                if seen[slug] then return "duplicate slug " .. slug end
                seen[slug] = true
            end)
        end)

        it("has unique barcodes with a valid EAN-13 check digit", function()
            local seen = {}
            each(products, function(r)
                local b = r[P.barcode]
                if not (b and finish.ean_valid(b)) then return tostring(b) .. " for " .. r[P.name_en] end
                if seen[b] then return "duplicate barcode " .. b end
                seen[b] = true
            end)
        end)

        it("starts the barcodes of Vietnamese brands with 893 and weighed goods with 2", function()
            local brands = rows_of(tables.brands)
            local vinamilk
            for _, b in ipairs(brands) do
                if b[3] == "Vinamilk" then vinamilk = b[1] end
            end
            assert.truthy(vinamilk, "brand Vinamilk")
            local n = 0
            each(products, function(r)
                if r[P.brand_id] == vinamilk then
                    n = n + 1
                    if r[P.barcode]:sub(1, 3) ~= "893" then return "Vinamilk " .. r[P.barcode] end
                end
                if r[P.unit] == "kg" and r[P.barcode]:sub(1, 1) ~= "2" then return "by weight " .. r[P.barcode] end
            end)
            assert.is_true(n > 20, n .. " Vinamilk products")
        end)

        it("writes only valid UTF-8", function()
            local function valid(str)
                str = str:gsub("[%z\1-\127]", "")
                str = str:gsub("[\194-\223][\128-\191]", "")
                str = str:gsub("[\224-\239][\128-\191][\128-\191]", "")
                str = str:gsub("[\240-\244][\128-\191][\128-\191][\128-\191]", "")
                return str == ""
            end
            for _, name in ipairs(order) do
                if name ~= "stock" then
                    for i, chunk in ipairs(tables[name].chunks) do
                        assert(valid(chunk), name .. " chunk " .. i .. " is not valid UTF-8")
                    end
                end
            end
        end)

        it("names every product in Vietnamese and English, most with Vietnamese letters", function()
            local viet = 0
            each(products, function(r)
                local vi, en = r[P.name_vi], r[P.name_en]
                if not (vi and vi:find("%S")) then return "no name_vi: " .. r[P.sku] end
                if not (en and en:find("%S")) then return "no name_en: " .. r[P.sku] end
                if text.has_vietnamese(vi) then viet = viet + 1 end
            end)
            assert.is_true(viet / #products > 0.9, viet .. " of " .. #products .. " with Vietnamese letters")
        end)

        it("prices in positive whole VND, a promotion below its list price", function()
            local promos = 0
            each(products, function(r)
                local price = r[P.price_vnd]
                if not price:match("^[1-9]%d*$") then return "price " .. price end
                local list = r[P.list_price_vnd]
                if list then
                    promos = promos + 1
                    if not list:match("^[1-9]%d*$") or tonumber(list) <= tonumber(price) then
                        return "list price " .. list .. " for " .. price
                    end
                end
            end)
            assert.is_true(promos > 1000, promos .. " promotions")
        end)

        it("sells weighed goods per kg without a net quantity, packs with one in g or ml", function()
            local kg = 0
            each(products, function(r)
                local unit, q, u = r[P.unit], r[P.net_quantity], r[P.net_unit]
                if unit ~= "piece" and unit ~= "pack" and unit ~= "kg" then return "unit " .. unit end
                if (q == nil) ~= (u == nil) then return "net quantity without unit: " .. r[P.sku] end
                if unit == "kg" then
                    kg = kg + 1
                    if q then return "kg product with a net quantity: " .. r[P.name_en] end
                elseif u and ((u ~= "g" and u ~= "ml") or not q:match("^[1-9]%d*$")) then
                    return "net " .. q .. " " .. u
                end
            end)
            assert.is_true(kg > 300, kg .. " products sold by weight")
        end)

        it("uses only the schema's VAT rates, storage and dietary values", function()
            local DIET = { vegetarian = true, vegan = true, halal = true, gluten_free = true, organic = true,
                           lactose_free = true }
            each(products, function(r)
                local vat = r[P.vat_rate]
                if vat ~= "0" and vat ~= "5" and vat ~= "8" and vat ~= "10" then return "vat " .. vat end
                local st = r[P.storage]
                if st ~= "ambient" and st ~= "chilled" and st ~= "frozen" then return "storage " .. st end
                local d = r[P.dietary]
                if not d:match("^{.*}$") then return "dietary " .. d end
                for w in d:sub(2, -2):gmatch("[^,]+") do
                    if not DIET[w] then return "dietary " .. w end
                end
            end)
        end)

        it("marks alcohol age restricted with its strength and 10 % VAT", function()
            local alcohol = 0
            each(products, function(r)
                if r[P.age_restricted] == "t" then
                    alcohol = alcohol + 1
                    local abv = r[P.abv_percent]
                    if not (abv and tonumber(abv) > 0) then return "abv of " .. r[P.name_en] end
                    if r[P.vat_rate] ~= "10" then return "vat of " .. r[P.name_en] end
                end
            end)
            assert.is_true(alcohol > 100, alcohol .. " age-restricted products")
        end)

        it("features a few hundred products", function()
            local featured = 0
            for _, r in ipairs(products) do
                if r[P.featured] == "t" then featured = featured + 1 end
            end
            assert.is_true(featured >= 200 and featured <= 1000, featured .. " featured")
        end)
    end)


    describe("aisles", function()
        it("fills every aisle of a Vietnamese supermarket", function()
            local cats = rows_of(tables.categories)
            local parent, slug_of = {}, {}
            for _, c in ipairs(cats) do
                parent[c[1]] = c[2]
                slug_of[c[1]] = c[3]
            end
            local per_aisle = {}
            for _, r in ipairs(products) do
                local aisle = slug_of[parent[r[P.category_id]]]
                per_aisle[aisle] = (per_aisle[aisle] or 0) + 1
            end
            for _, aisle in ipairs{ "rau-cu-trai-cay", "thit-hai-san", "sua-trung", "gao-thuc-pham-kho",
                "mi-chao-an-lien",
                                    "dau-an-gia-vi", "do-uong", "banh-keo-snack", "thuc-pham-dong-lanh",
                                        "do-dung-gia-dinh",
                                    "cham-soc-ca-nhan", "me-va-be", "bia-ruou", "banh-mi-banh-ngot", "hang-tet" } do
                assert.is_true((per_aisle[aisle] or 0) >= 40, aisle .. ": " .. tostring(per_aisle[aisle]))
            end
        end)

        it("has answers for the common searches", function()
            local WANT = { "cà phê", "dầu ăn", "nước mắm", "mì gói", "thịt heo", "sữa tươi", "gạo",
                "bia", "trái cây",
                           "bắp", "rau muống", "thanh long" }
            local WANT_EN = { "coffee", "fish sauce", "rice", "milk", "beer" }
            local hits, hits_en = {}, {}
            for _, r in ipairs(products) do
                local vi, en = r[P.name_vi]:lower(), r[P.name_en]:lower()
                for _, w in ipairs(WANT) do
                    if vi:find(w, 1, true) then hits[w] = (hits[w] or 0) + 1 end
                end
                for _, w in ipairs(WANT_EN) do
                    if en:find(w, 1, true) then hits_en[w] = (hits_en[w] or 0) + 1 end
                end
            end
            for _, w in ipairs(WANT) do
                assert.is_true((hits[w] or 0) >= 3, w .. ": " .. tostring(hits[w]))
            end
            for _, w in ipairs(WANT_EN) do
                assert.is_true((hits_en[w] or 0) >= 3, w .. ": " .. tostring(hits_en[w]))
            end
        end)
    end)


    describe("stores and stock", function()
        it("opens at least four stores in different provinces", function()
            local stores, I = rows_of(tables.stores)
            assert.is_true(#stores >= 4)
            local provinces = {}
            for _, s in ipairs(stores) do
                provinces[s[I.province_code]] = true
                assert.truthy(s[I.ward_code]:match("^%d%d%d%d%d$"))
                assert.truthy(s[I.address_vi]:find("Phường"), s[I.address_vi])
                assert.truthy(s[I.address_en]:find("Ward"), s[I.address_en])
            end
            local n = 0
            for _ in pairs(provinces) do n = n + 1 end
            assert.is_true(n >= 4, n .. " provinces")
        end)

        it("stocks every active product in every store, some out of stock, by ids that exist", function()
            local stores = rows_of(tables.stores)
            local store_ids, active = {}, {}
            for _, s in ipairs(stores) do store_ids[s[1]] = true end
            local n_active = 0
            for _, r in ipairs(products) do
                if r[P.active] == "t" then
                    active[r[P.id]] = r
                    n_active = n_active + 1
                end
            end
            local seen, zero = {}, 0
            each(stock, function(s)
                local sid, pid = s[S.store_id], s[S.product_id]
                if not store_ids[sid] then return "store " .. sid end
                if not active[pid] then return "product " .. pid end
                local key = sid .. ":" .. pid
                if seen[key] then return "duplicate " .. key end
                seen[key] = true
                if not s[S.on_hand]:match("^%d+$") then return "on_hand " .. s[S.on_hand] end
                if s[S.on_hand] == "0" then zero = zero + 1 end
                if s[S.reserved] ~= "0" then return "reserved " .. s[S.reserved] end
            end)
            assert.equal(n_active * #stores, #stock)
            assert.is_true(zero > 0 and zero < #stock / 5, zero .. " out of stock")
        end)

        it("counts weighed goods in grams", function()
            local kg = {}
            for _, r in ipairs(products) do
                if r[P.unit] == "kg" then kg[r[P.id]] = true end
            end
            local n, grams = 0, 0
            for _, s in ipairs(stock) do
                if kg[s[S.product_id]] and s[S.on_hand] ~= "0" then
                    n = n + 1
                    grams = grams + tonumber(s[S.on_hand])
                end
            end
            assert.is_true(n > 0)
            assert.is_true(grams / n > 1000, "mean " .. grams / n .. " g")
        end)
    end)


    it("gives byte-identical COPY text on a second run", function()
        local first = {}
        for _, name in ipairs(order) do
            local t = tables[name]
            for _, chunk in ipairs(t.chunks) do
                first[#first + 1] = name .. "\t" .. t.columns .. "\n" .. chunk
            end
        end
        local a, b = table.concat(first), second_run()
        if a ~= b then
            local at = 1
            while at <= #a and a:byte(at) == b:byte(at) do at = at + 1 end
            error(("the runs differ at byte %d of %d/%d: %q vs %q"):format(at, #a, #b, a:sub(at, at + 60),
                b:sub(at, at + 60)))
        end
    end)
end)


describe("seed.copy", function()
    it("escapes backslashes, tabs, newlines and carriage returns and reads them back", function()
        local s = "a\\b\tc\nd\re \\N f"
        local f = copy.field(s)
        assert.is_nil(f:find("[\t\n\r]"))
        assert.equal("a\\\\b\\tc\\nd\\re \\\\N f", f)
        assert.equal(s, copy.unescape(f))
    end)

    it("writes NULL as \\N, booleans as t/f, integers without a fraction", function()
        assert.equal("\\N", copy.field(nil))
        assert.equal("\\N", copy.field(copy.NULL))
        assert.equal("t", copy.field(true))
        assert.equal("f", copy.field(false))
        assert.equal("35000", copy.field(35000))
        assert.equal("-7", copy.field(-7))
    end)

    it("writes arrays as PostgreSQL array literals, quoting what needs it", function()
        assert.equal("{}", copy.field({}))
        assert.equal("{vegetarian,vegan}", copy.field({ "vegetarian", "vegan" }))
        assert.equal('{"a b","c,d","q\\\\"x",""}', copy.field({ "a b", "c,d", 'q"x', "" }))
    end)

    it("round-trips a row through row() and parse()", function()
        local row = { 1, "tab\there", nil, "new\nline", "back\\slash", true }
        local parsed = copy.parse(copy.row(row, 6), 6)
        assert.equal(1, #parsed)
        assert.same({ "1", "tab\there", nil, "new\nline", "back\\slash", "t", n = 6 }, parsed[1])
    end)

    it("hands the writer's rows to ctx.copy in chunks", function()
        local calls = {}
        local w = copy.writer({ copy = function(t, c, txt) calls[#calls + 1] = { t, c, txt } end }, "x", { "a", "b" },
            2)
        w:add{ 1, "x" }
        w:add{ 2, "y\tz" }
        w:add{ 3, nil }
        assert.equal(3, w:close())
        assert.same({ { "x", "a,b", "1\tx\n2\ty\\tz\n" }, { "x", "a,b", "3\t\\N\n" } }, calls)
    end)
end)


describe("seed.text", function()
    it("folds Vietnamese to ASCII slugs, đ to d", function()
        assert.equal("ca-phe-sua-da-trung-nguyen-500-g", text.slug("Cà phê sữa đá Trung Nguyên 500 g"))
        assert.equal("dau-an-tuong-an-1-l", text.slug("Dầu ăn Tường An 1 L"))
        assert.equal("duong-phen", text.slug("ĐƯỜNG PHÈN"))
    end)

    it("capitalises a Vietnamese first letter", function()
        assert.equal("Đậu hũ non", text.upper_first("đậu hũ non"))
        assert.equal("Ốc hương", text.upper_first("ốc hương"))
    end)
end)


describe("seed.finish", function()
    it("computes EAN-13 check digits", function()
        assert.equal(7, finish.ean_check("893460400001"))
        assert.is_true(finish.ean_valid("4006381333931"))
        assert.is_false(finish.ean_valid("4006381333932"))
    end)
end)
