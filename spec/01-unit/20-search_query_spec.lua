-- spec/01-unit/20-search_query_spec.lua: the storefront's pure Lua: folding and tokenising a
-- query (search/text), the North/South synonym table and query expansion (search/synonyms,
-- search/query) with its false friends, facet counting (search/facets), prices as Vietnamese
-- shoppers read them, unit prices, price bands and stock levels (shop/format), listing links and
-- pages (shop/listing), the API's JSON (shop/json), languages (lang) and safe redirects.
package.path = "./scripts/?.lua;./scripts/?/init.lua;" .. package.path

local text = require "search.text"
local synonyms = require "search.synonyms"
local query = require "search.query"
local facets = require "search.facets"
local format = require "shop.format"
local listing = require "shop.listing"
local json = require "shop.json"
local lang = require "lang"
local page = require "shop.page"


-- The variants of q as a set, and as the list.
local function variants(q)
    local out = {}
    local list = query.expand(q).variants
    for _, v in ipairs(list) do
        out[text.fold(v)] = true
    end
    return out, list
end


local function expands(q, to)
    local set, list = variants(q)
    assert(set[text.fold(to)], ("'%s' should expand to '%s'; got: %s"):format(q, to, table.concat(list, " | ")))
end


local function stays(q)
    local _, list = variants(q)
    assert(#list == 1, ("'%s' should not be expanded; got: %s"):format(q, table.concat(list, " | ")))
end


local function never(q, to)
    local set, list = variants(q)
    assert(not set[text.fold(to)], ("'%s' must not become '%s'; got: %s"):format(q, to, table.concat(list, " | ")))
end


describe("search.text", function()
    it("folds case, diacritics and đ, and turns punctuation into single spaces", function()
        assert.equal("ca phe sua da", text.fold("Cà Phê Sữa-Đá!"))
        assert.equal("dau an tuong an", text.fold("  DẦU ĂN,   tường an "))
        assert.equal("thit heo", text.fold("THỊT HEO"))
    end)


    it("folds decomposed (NFD) input like precomposed text", function()
        -- "cà phê" typed as c a U+0300 p h e U+0302
        assert.equal("ca phe", text.fold("ca\204\128 phe\204\130"))
    end)


    it("lowers Vietnamese capitals and keeps their diacritics", function()
        assert.equal("đỗ xanh", text.lower("ĐỖ XANH"))
        assert.equal("bắp cải", text.lower("Bắp Cải"))
    end)


    it("cuts a query into aligned syllable tokens, as typed and folded", function()
        local exact, folded = text.tokens("Thịt Heo-xay")
        assert.same({ "thịt", "heo", "xay" }, exact)
        assert.same({ "thit", "heo", "xay" }, folded)
    end)


    it("finds a phrase only on word boundaries", function()
        assert.is_true(text.has_phrase("bap cai trang", "bap cai"))
        assert.is_false(text.has_phrase("dau bap", "bap cai"))
        assert.is_false(text.has_phrase("bapcai", "bap"))
    end)


    it("makes the placeholder initials from two words", function()
        assert.equal("RC", text.initials("Rau củ quả"))
        assert.equal("DU", text.initials("đồ uống"))
    end)
end)


describe("search.synonyms", function()
    it("loads the shipped table", function()
        local index = assert(synonyms.load())
        assert.truthy(#index.rows > 50)
        assert.truthy(index.words["thit heo"])
    end)


    it("rejects an unknown mode with the file and line", function()
        local index, err = synonyms.parse("terms\tmode\nheo;lợn\tsometimes\n", "t.tsv")
        assert.is_nil(index)
        assert.equal("t.tsv:2: unknown mode 'sometimes' (both, oneway, spell or none)", err)
    end)


    it("rejects a oneway row without a term to expand to, and '>' outside oneway rows", function()
        assert.is_nil((synonyms.parse("heo\toneway\n")))
        assert.is_nil((synonyms.parse("a > b\tboth\n")))
    end)


    it("reads 'a;b > c' oneway rows: a and b expand to c, c to nothing", function()
        local index = assert(synonyms.parse("ya ua;da ua > sữa chua\toneway\n"))
        assert.same({ "sữa chua" }, index.words["ya ua"][1].alts)
        assert.same({ "sữa chua" }, index.words["da ua"][1].alts)
        assert.same({}, index.words["sua chua"][1].alts)
    end)
end)


describe("search.query.expand", function()
    it("expands North/South words both ways", function()
        expands("thịt heo", "thịt lợn")
        expands("thịt lợn", "thịt heo")
        expands("trái cây", "hoa quả")
        expands("đậu phụ", "đậu hũ")
        expands("dưa chuột", "dưa leo")
        expands("nước tương", "xì dầu")
    end)


    it("matches a phrase typed without diacritics when only one word folds to it", function()
        expands("thit heo xay", "thịt lợn xay")
        expands("dua leo", "dưa chuột")
    end)


    it("ends a variant that ends with a synonym with a space, so the catalog takes it whole", function()
        assert.same({ "ngô", "bắp " }, query.expand("ngô").variants)
        assert.same({ "thịt heo xay", "thịt lợn xay" }, query.expand("thịt heo xay").variants)
    end)


    it("takes a submitted query whole when its last word is a word of the table", function()
        assert.same({ "ngô ", "bắp " }, query.expand("ngô", nil, { strict = true }).variants)
        assert.equal("vinamil", query.expand("vinamil", nil, { strict = true }).variants[1])
        assert.equal("bap c", query.expand("bap c", nil, { strict = true }).variants[1])
    end)


    it("keeps the query as typed as the first variant", function()
        local _, list = variants("  Thịt Heo  ")
        assert.equal("Thịt Heo", list[1])
    end)


    it("expands bắp = ngô in the corn sense", function()
        expands("bắp", "ngô")
        expands("ngô", "bắp")
        expands("bắp ngọt", "ngô ngọt")
        expands("bột bắp", "bột ngô")
    end)


    it("never turns bắp cải (cabbage), đậu bắp (okra) or bắp bò (beef shank) into ngô", function()
        never("bắp cải", "ngô cải")
        never("bap cai", "ngô cải")
        never("đậu bắp", "đậu ngô")
        never("bắp bò", "ngô bò")
        expands("bắp cải", "cải bắp")
    end)


    it("takes the longest phrase: bỏng ngô is popcorn, cá quả a fish", function()
        expands("bỏng ngô", "bắp rang")
        never("bỏng ngô", "bỏng bắp")
        expands("cá quả", "cá lóc")
        never("cá quả", "cá trái")
    end)


    it("leaves the false friends alone: mận, roi, dĩa, củ sắn, chè", function()
        stays("mận")
        stays("roi")
        stays("dĩa")
        stays("nĩa")
        stays("củ sắn")
        stays("chè")
        stays("trà")
    end)


    it("expands a false friend only where its sense is certain", function()
        expands("chè xanh", "trà xanh")
        expands("ruốc", "chà bông")
        expands("chà bông", "ruốc")
        stays("mắm ruốc")
        expands("sắn", "khoai mì")
        expands("khoai mì", "sắn")
        stays("củ sắn")
        expands("củ đậu", "củ sắn")
    end)


    it("keeps the other sense of a false friend out of the results", function()
        local floss = query.expand("chà bông").exclude
        assert.is_true(query.excluded("mam ruoc hue", floss))
        assert.is_false(query.excluded("ruoc heo ha long", floss))
        local cassava = query.expand("khoai mì").exclude
        assert.is_true(query.excluded("cu san da lat", cassava))
        assert.is_true(query.excluded("bot san day", cassava))
        assert.is_false(query.excluded("san luoc", cassava))
    end)


    it("does not expand a word typed without diacritics that other words fold like", function()
        stays("bia lon")      -- lon: a can, or lợn
        stays("me")           -- tamarind, or mè
        stays("ngo")          -- ngô, ngò, ngõ
        stays("dau an")       -- dầu ăn
        stays("rau muong")    -- rau muống, not muỗng
        stays("hai san")      -- hải sản, not sắn
        expands("lợn", "heo")
        expands("mè", "vừng")
    end)


    it("rewrites spelling variants before matching: mỳ tôm is mì tôm, also mì gói", function()
        expands("mỳ tôm", "mì tôm")
        expands("mỳ tôm", "mì gói")
    end)


    it("does not expand a phrase being typed: 'bap c' is on its way to 'bắp cải'", function()
        stays("bap c")
        expands("ngô c", "bắp c")
    end)


    it("gives at most 8 variants", function()
        local _, list = variants("thịt heo bắp đậu phụ dưa leo khổ qua")
        assert.equal(query.MAX_VARIANTS, #list)
    end)


    it("gives no variant for a blank query and cuts a long one on a character boundary", function()
        assert.same({}, query.expand("   ").variants)
        -- "ắ" is 3 bytes: 200 bytes would end inside the 67th
        local q = query.expand(string.rep("ắ", 100)).query
        assert.equal(198, #q)
        assert.equal(string.rep("ắ", 66), q)
    end)
end)


describe("search.query.excluded", function()
    local exclude = query.expand("ngô").exclude


    it("drops a product that 'ngô' reached only through bắp cải", function()
        assert.is_true(query.excluded("bap cai trang da lat", exclude))
        assert.is_true(query.excluded("dau bap", exclude))
    end)


    it("keeps corn, and names that say corn besides the phrase", function()
        assert.is_false(query.excluded("bap my", exclude))
        assert.is_false(query.excluded("ngo nep", exclude))
        assert.is_false(query.excluded("salad bap cai va bap ngot", exclude))
    end)


    it("drops the other senses of the query's own word from a submitted search only", function()
        local strict = query.expand("bắp", nil, { strict = true }).exclude
        assert.is_true(query.excluded("bap cai trang", strict))
        assert.is_true(query.excluded("bap bo uc", strict))
        assert.is_false(query.excluded("bap my", strict))
        assert.is_false(query.excluded("bot bap", strict))
        -- search-as-you-type: 'bắp' may be the start of 'bắp cải'
        assert.is_false(query.excluded("bap cai trang", query.expand("bắp").exclude))
        -- a keep phrase typed whole is what the shopper wants
        assert.same({}, query.expand("bắp cải", nil, { strict = true }).exclude)
    end)


    it("keeps products without the phrase, and filters nothing without an expansion", function()
        assert.is_false(query.excluded("rau muong", exclude))
        assert.is_false(query.excluded("bap cai", query.expand("bắp cải").exclude))
        assert.same({}, query.expand("thịt heo").exclude)
    end)
end)


describe("search.query.wrong_word", function()
    it("drops a product found only through a word that folds like the query's", function()
        local checks = query.expand("heo").checks        -- heo -> lợn, which folds like lon (a can)
        assert.is_true(query.wrong_word("bia tiger lon 330 ml", "Bia Tiger lon 330 ml", checks))
        assert.is_false(query.wrong_word("thit lon kho", "Thịt lợn kho", checks))
        assert.is_false(query.wrong_word("heo quay lon", "Heo quay lon", checks))
        assert.is_true(query.wrong_word("ngo ri", "Ngò rí", query.expand("ngô").checks))
        assert.is_false(query.wrong_word("ngo ngot", "NGÔ NGỌT", query.expand("bắp").checks))
    end)


    it("reads the name only when the folded name holds the word", function()
        local called = false
        local function name()
            called = true
            return "x"
        end
        assert.is_false(query.wrong_word("sua tuoi", name, query.expand("lợn").checks))
        assert.is_false(called)
    end)


    it("checks nothing for a word typed without diacritics, which may mean either", function()
        assert.same({}, query.expand("bia lon").checks)
        assert.same({}, query.expand("me").checks)
    end)
end)


describe("search.facets", function()
    -- products 1..6: brand, category, price, in stock
    local P = {
        { 1, 10, 15000, true }, { 1, 10, 30000, false }, { 2, 11, 30000, true },
        { 2, 11, 600000, true }, { 0, 11, 45000, true }, { 3, 10, 120000, false },
    }
    local acc = {
        brand = function(i) return P[i][1] end,
        category = function(i) return P[i][2] end,
        price = function(i) return P[i][3] end,
        in_stock = function(i) return P[i][4] end,
        want_categories = true,
    }
    local slots = { 1, 2, 3, 4, 5, 6 }


    it("counts every facet and returns the list itself without filters", function()
        local r = facets.run(slots, {}, acc)
        assert.equal(slots, r.list)
        assert.equal(6, r.total)
        assert.same({ [1] = 2, [2] = 2, [3] = 1 }, r.brands)
        assert.same({ [1] = 1, [2] = 3, [4] = 1, [6] = 1 }, r.bands)
        assert.equal(4, r.in_stock)
        assert.same({ [10] = 3, [11] = 3 }, r.categories)
    end)


    it("filters, and counts each facet as if its own filter were off", function()
        local r = facets.run(slots, { brands = { [2] = true }, in_stock = true }, acc)
        assert.same({ 3, 4 }, r.list)
        assert.equal(2, r.total)
        -- brands counted over in-stock products, whatever their brand
        assert.same({ [1] = 1, [2] = 2 }, r.brands)
        -- in stock counted over brand 2, in stock or not
        assert.equal(2, r.in_stock)
        assert.same({ [2] = 1, [6] = 1 }, r.bands)
    end)


    it("lists the top counts and keeps the selected ones past the limit", function()
        local top = facets.top({ a = 5, b = 9, c = 1 }, 1, { c = true })
        assert.same({ { key = "b", count = 9 }, { key = "c", count = 1 } }, top)
    end)
end)


describe("shop.format", function()
    it("writes prices as Vietnamese shoppers read them", function()
        assert.equal("25.000 ₫", format.price_text(25000, "pack"))
        assert.equal("1.250.500 ₫", format.price_text(1250500, "piece"))
        assert.equal("120.000 ₫/kg", format.price_text(120000, "kg"))
        assert.equal("900 ₫", format.price_text(900, "piece"))
    end)


    it("gives the price per kg or litre, or per 100 g / 100 ml for small packs", function()
        assert.same({ 50000, "kg" }, { format.unit_price(25000, "pack", 500, "g") })
        assert.same({ 30000, "100g" }, { format.unit_price(15000, "pack", 50, "g") })
        assert.same({ 21818, "l" }, { format.unit_price(7200, "piece", 330, "ml") })
        assert.same({ 120000, "kg" }, { format.unit_price(120000, "kg") })
        assert.is_nil(format.unit_price(10000, "piece"))
        assert.same({ amount = "50.000 ₫", per = "kg" }, format.unit_price_view(25000, "pack", 500, "g"))
        assert.equal(21818, format.price_per_base(7200, "piece", 330, "ml"))
    end)


    it("rounds the percentage saved on a promotion", function()
        assert.equal(25, format.percent_off(75000, 100000))
        assert.equal(14, format.percent_off(60433, 70433))
        assert.is_nil(format.percent_off(75000, nil))
        assert.is_nil(format.percent_off(75000, 75000))
    end)


    it("says in stock, low or out, in pieces or in grams for goods sold by weight", function()
        assert.equal("out", format.stock_level(0, "piece"))
        assert.equal("low", format.stock_level(5, "piece"))
        assert.equal("in", format.stock_level(6, "pack"))
        assert.equal("low", format.stock_level(1500, "kg"))
        assert.equal("in", format.stock_level(2500, "kg"))
    end)


    it("puts a price in its band, lower bound included", function()
        assert.equal(1, format.band_index(19999))
        assert.equal(2, format.band_index(20000))
        assert.equal(5, format.band_index(499999))
        assert.equal(6, format.band_index(500000))
        assert.equal(2, format.band("20000-50000").index)
        assert.is_nil(format.band("1-2"))
        assert.same({ key = "0-20000", kind = "under", min = "0 ₫", max = "20.000 ₫" },
                    format.band_view(format.BANDS[1]))
        assert.equal("over", format.band_view(format.BANDS[6]).kind)
    end)


    it("writes weights with the language's decimal mark", function()
        assert.equal("1,5 kg", format.grams_text(1500, "vi"))
        assert.equal("1.5 kg", format.grams_text(1500, "en"))
        assert.equal("2 kg", format.grams_text(2000, "en"))
        assert.equal("800 g", format.grams_text(800, "vi"))
    end)
end)


describe("shop.listing", function()
    local f = { q = "cà phê", brands = { "g7", "trung-nguyen" }, price = "20000-50000", in_stock = true,
                sort = "price_asc", page = 3 }


    it("builds links that keep the filters, leaving defaults out", function()
        assert.equal("?q=c%C3%A0%20ph%C3%AA&brand=g7&brand=trung-nguyen&price=20000-50000&in_stock=1"
                     .. "&sort=price_asc&page=3", listing.query_string(f))
        assert.equal("?q=c%C3%A0%20ph%C3%AA&sort=price_asc",
                     listing.query_string(f, { brands = {}, price = false, in_stock = false, page = 1 }))
        assert.equal("", listing.query_string({ brands = {}, sort = "relevance", page = 1 }))
    end)


    it("cuts pages of 24 and says when a page is past the end", function()
        assert.same({ 1, 24, 3 }, { listing.page_of(50, 1) })
        assert.same({ 49, 50, 3 }, { listing.page_of(50, 3) })
        assert.same({ nil, nil, 3 }, { listing.page_of(50, 4) })
        assert.same({ 1, 0, 1 }, { listing.page_of(0, 1) })
    end)


    it("links the pages around the current one, with gaps", function()
        local p = listing.pagination("/vi/c/sua", { brands = {}, sort = "relevance", page = 5 }, 10)
        assert.equal("/vi/c/sua?page=4", p.prev)
        assert.equal("/vi/c/sua?page=6", p.next)
        local shown = {}
        for _, it in ipairs(p.items) do
            shown[#shown + 1] = it.gap and "…" or tostring(it.page)
        end
        assert.equal("1 … 3 4 5 6 7 … 10", table.concat(shown, " "))
        assert.equal("/vi/c/sua", p.items[1].href)
        assert.is_nil(listing.pagination("/vi/c/sua", { brands = {}, page = 1 }, 1))
    end)
end)


describe("shop.json", function()
    it("writes empty arrays as arrays and nil/null as null", function()
        assert.equal('{"items":[]}', json.encode({ items = json.array() }))
        assert.equal('[1,2,"a\\"b"]', json.encode({ 1, 2, 'a"b' }))
        assert.equal('{"x":null}', json.encode({ x = json.null }))
        assert.equal("250000", json.encode(250000))
    end)
end)


describe("lang and redirects", function()
    it("links the same page, query string included, in each language", function()
        local alts = lang.alternates("/vi/search", "vi", "q=ca%20phe&page=2")
        assert.same({ lang = "vi", href = "/vi/search?q=ca%20phe&page=2", current = true }, alts[1])
        assert.same({ lang = "en", href = "/en/search?q=ca%20phe&page=2", current = false }, alts[2])
        assert.equal("/en/", lang.alternates("/fr/p/x", "vi", "a=1")[2].href)
    end)


    it("takes the language from the URL, then the cookie, then Vietnamese", function()
        assert.equal("en", lang.of("/en/p/x", { grocer_lang = "vi" }))
        assert.equal("en", lang.of("/", { grocer_lang = "en" }))
        assert.equal("vi", lang.of("/fr/", { grocer_lang = "fr" }))
    end)


    it("redirects back only to local paths", function()
        assert.equal("/vi/p/ca-phe?x=1", page.safe_back("/vi/p/ca-phe?x=1"))
        assert.is_nil(page.safe_back("//evil.example/"))
        assert.is_nil(page.safe_back("/\\evil.example/"))
        assert.is_nil(page.safe_back("https://evil.example/"))
        assert.is_nil(page.safe_back("/vi/\r\nSet-Cookie: x=1"))
    end)
end)
