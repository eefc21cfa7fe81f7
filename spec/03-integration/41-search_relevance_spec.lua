-- spec/03-integration/41-search_relevance_spec.lua: search relevance over the seeded demo catalog
-- (DATABASE_URL; migrations and `grocer seed` run first). A table of queries a Vietnamese shopper
-- types (with and without diacritics, with a typo in a word of five letters or more, in English,
-- and with the North/South word for the same thing), each with what must be among the first five
-- results of GET /api/v1/search?q=: a product whose Vietnamese or English name contains one of
-- the given texts (exact UTF-8, so "dứa" is not "dưa"), or a given SKU. The expectations name
-- products by what they are, not by id, so a reseeded catalog keeps them true.
local cjson = require "cjson"
local helpers = require "spec.helpers.server"
local pg = require "spec.helpers.pgspec"
local seeded = require "spec.helpers.catalog"


local TOP = 5


-- { query, vi = text or {texts} (in name.vi), en = text or {texts} (in name.en), start = the
--   Vietnamese text must start the name, sku = a SKU, why = what the query tests }
local CASES = {
    -- Vietnamese, with diacritics
    { "cà phê", vi = "Cà phê", start = true, why = "staple, phrase" },
    { "dầu ăn", vi = "Dầu ăn", start = true, why = "staple, phrase" },
    { "nước mắm", vi = "Nước mắm", start = true, why = "staple, phrase" },
    { "mì gói", vi = "Mì gói", start = true, why = "staple, phrase" },
    { "thịt heo", vi = { "Thịt heo", "Thịt ba chỉ heo", "Thịt thăn heo", "Thịt đùi heo",
        "Sườn non heo" },
      why = "pork, Southern word" },
    { "sữa tươi", vi = "Sữa tươi", start = true, why = "staple, phrase" },
    { "gạo", vi = "Gạo", start = true, why = "one-syllable staple" },
    { "bia", vi = "Bia ", start = true, why = "one-syllable staple" },
    { "trái cây", vi = { "Trái cây", "trái cây" }, why = "fruit, Southern word" },
    { "rau muống", vi = "Rau muống", start = true, why = "produce" },
    { "thanh long", vi = "Thanh long", start = true, why = "produce" },
    { "bắp", vi = { "Bắp Mỹ", "Bắp nếp" },
        why = "corn, Southern word (bắp cải and bắp bò share the syllable)" },
    { "gạo ST25", vi = "Gạo ST25", start = true, why = "variety code" },
    { "cà phê phin", vi = "Cà phê phin", start = true, why = "three-syllable phrase" },
    { "nước tương", vi = "Nước tương", start = true, why = "sauce" },
    { "hạt nêm", vi = "Hạt nêm", start = true, why = "seasoning" },
    { "sữa chua", vi = "Sữa chua", start = true, why = "dairy" },
    { "bột giặt", vi = "Bột giặt", start = true, why = "household" },
    { "tã quần", vi = "Tã quần", start = true, why = "baby" },
    { "kem đánh răng", vi = "Kem đánh răng", start = true, why = "personal care" },
    { "nước rửa chén", vi = "Nước rửa chén", start = true, why = "household, Southern word" },
    { "bánh tráng", vi = "Bánh tráng", why = "dry goods" },
    { "tôm sú", vi = "Tôm sú", why = "seafood" },
    { "Hảo Hảo tôm chua cay", vi = "Hảo Hảo tôm chua cay", why = "brand line and flavour" },
    { "Vinamilk", vi = "Vinamilk", why = "brand" },
    { "nước suối", vi = { "Nước suối", "Nước khoáng", "Nước tinh khiết" }, why = "water" },
    { "dứa", vi = { "Dứa", "dứa", "Thơm", "thơm" },
        why = "diacritics decide: dứa (pineapple) is not dưa (melon)" },
    -- Vietnamese, without diacritics
    { "ca phe", vi = "Cà phê", start = true, why = "folded" },
    { "dau an", vi = "Dầu ăn", start = true, why = "folded" },
    { "nuoc mam", vi = "Nước mắm", start = true, why = "folded" },
    { "mi goi", vi = "Mì gói", start = true, why = "folded" },
    { "thit heo", vi = { "Thịt heo", "Thịt ba chỉ heo", "Thịt thăn heo", "Thịt đùi heo" },
        why = "folded" },
    { "sua tuoi", vi = "Sữa tươi", start = true, why = "folded" },
    { "rau muong", vi = "Rau muống", start = true, why = "folded" },
    { "banh trang", vi = "Bánh tráng", why = "folded" },
    { "dau hu", vi = "Đậu hũ", start = true, why = "folded, đ -> d" },
    { "duong phen", vi = "Đường phèn", start = true, why = "folded, đ -> d" },
    -- North/South synonyms
    { "thịt lợn", vi = { "Thịt heo", "Thịt ba chỉ heo", "Thịt thăn heo", "Thịt đùi heo",
        "Sườn non heo" },
      why = "lợn = heo" },
    { "thit lon", vi = { "Thịt heo", "Thịt ba chỉ heo", "Thịt thăn heo", "Thịt đùi heo" },
        why = "lợn = heo, folded" },
    { "mì tôm", vi = "Mì gói", start = true, why = "mì tôm = mì gói" },
    { "hoa quả", vi = { "Trái cây", "trái cây" }, why = "hoa quả = trái cây" },
    { "ngô", vi = { "Bắp Mỹ", "Bắp nếp" }, why = "ngô = bắp (corn), never bắp cải" },
    { "lạc", vi = { "Đậu phộng", "đậu phộng" }, why = "lạc = đậu phộng" },
    { "vừng", vi = { "Mè ", "mè " }, why = "vừng = mè" },
    { "dưa chuột", vi = "Dưa leo", start = true, why = "dưa chuột = dưa leo" },
    { "đậu phụ", vi = "Đậu hũ", start = true, why = "đậu phụ = đậu hũ" },
    { "xì dầu", vi = "Nước tương", start = true, why = "xì dầu = nước tương" },
    { "bỉm", vi = "Tã ", start = true, why = "bỉm = tã" },
    { "mì chính", vi = "Bột ngọt", start = true, why = "mì chính = bột ngọt" },
    { "nước rửa bát", vi = "Nước rửa chén", start = true, why = "bát = chén" },
    -- a typo (one edit) in a word of five letters or more
    { "vinamlk", vi = "Vinamilk", why = "typo: letter missing" },
    { "heinekan", vi = "Heineken", why = "typo: letter changed" },
    { "sunsilc", vi = "Sunsilk", why = "typo: letter changed" },
    { "kokomii", vi = "Kokomi", why = "typo: letter added" },
    { "omachi xot bo ham", vi = "Omachi xốt bò hầm", why = "folded brand line" },
    { "cofee", en = { "Coffee", "coffee" }, why = "typo in English" },
    { "shampo", en = "Shampoo", why = "typo in English" },
    -- English
    { "coffee", en = { "Coffee", "coffee" }, vi = "Cà phê", why = "English" },
    { "fish sauce", vi = "Nước mắm", start = true, why = "English phrase" },
    { "rice", vi = "Gạo", start = true, why = "English staple (rice, not rice crackers)" },
    { "milk", vi = { "Sữa tươi", "Sữa tiệt trùng" }, start = true,
        why = "English staple (milk, not milk chocolate)" },
    { "beer", vi = "Bia ", start = true, why = "English staple (beer, not beer bread)" },
    { "instant noodles", vi = "Mì gói", start = true, why = "English phrase" },
    { "dragon fruit", vi = "Thanh long", start = true, why = "English produce" },
    { "pork belly", vi = "Thịt ba chỉ heo", start = true, why = "English cut" },
    { "water spinach", vi = "Rau muống", start = true, why = "English produce" },
    { "diapers", vi = "Tã ", start = true, why = "English, baby" },
    { "toothpaste", vi = "Kem đánh răng", start = true, why = "English, personal care" },
}


local function list(v)
    if v == nil then
        return {}
    elseif type(v) == "table" then
        return v
    end
    return { v }
end


-- Does one result satisfy the case?
local function hit(item, case)
    if case.sku and item.sku == case.sku then
        return true
    end
    local name = item.name or {}
    for _, t in ipairs(list(case.vi)) do
        local at = name.vi and name.vi:find(t, 1, true)
        if at and (not case.start or at == 1) then
            return true
        end
    end
    for _, t in ipairs(list(case.en)) do
        if name.en and name.en:find(t, 1, true) then
            return true
        end
    end
    return false
end


local function url_encode(s)
    return (s:gsub("[^%w%-%._~]", function(c)
        return string.format("%%%02X", c:byte())
    end))
end


local function describe_top(items)
    local lines = {}
    for k = 1, math.min(TOP, #items) do
        local it = items[k]
        lines[k] = ("  %d. %s | %s | %s"):format(k, it.sku, it.name and it.name.vi or "?",
            it.name and it.name.en or "?")
    end
    return table.concat(lines, "\n")
end


describe("search relevance", function()
    local h

    lazy_setup(function()
        seeded.ensure()
        h = helpers.start_grocer({ app = ".", workers = 1, env = { DATABASE_URL = pg.url() } })
        helpers.wait_until(function()
            return h:request("GET", "/api/v1/search?q=gao") == 200
        end, 30, "search answers 200 (catalog loaded)")
    end)


    lazy_teardown(function()
        helpers.stop_grocer(h)
    end)


    it("has a table of at least 40 queries", function()
        assert.is_true(#CASES >= 40, #CASES .. " queries")
    end)


    for _, case in ipairs(CASES) do
        local q = case[1]
        it(("finds %s in the top %d for %q (%s)"):format(table.concat(list(case.vi or case.en or case.sku), " / "),
            TOP, q, case.why), function()
            local status, _, body = h:request("GET", "/api/v1/search?q=" .. url_encode(q))
            assert.equal(200, status, body)
            local ok, data = pcall(cjson.decode, body)
            assert(ok, "not JSON: " .. tostring(body))
            local items = data.items or {}
            local found
            for k = 1, math.min(TOP, #items) do
                if hit(items[k], case) then
                    found = k
                    break
                end
            end
            assert(found, ("no match in the top %d for %q; got:\n%s"):format(TOP, q, describe_top(items)))
        end)
    end
end)
