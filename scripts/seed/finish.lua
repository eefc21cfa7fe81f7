-- scripts/seed/finish.lua: turns the product drafts of every generator into catalog rows:
-- orders them by aisle and category, gives ids 1..n and SKUs (GR-000123), unique ASCII slugs,
-- valid EAN-13 barcodes (the maker's GS1 prefix, 893 for Vietnam; in-store "2" codes for
-- goods sold by weight), the defaults their category implies (VAT, storage, shelf life), age
-- limits for alcohol, short descriptions in both languages, popularity, a few hundred
-- featured products, promotions, and a handful of discontinued (inactive) ones. Pure.
local brands_mod = require "seed.brands"
local product = require "seed.product"
local random = require "seed.random"
local text = require "seed.text"

local floor = math.floor
local format = string.format
local byte = string.byte
local sub = string.sub
local lower = string.lower
local sort = table.sort
local ipairs = ipairs
local error = error
local pairs = pairs
local tostring = tostring

local GS1 = brands_mod.GS1


local _M = {}


local DIETARY_ORDER = { "vegetarian", "vegan", "halal", "gluten_free", "organic", "lactose_free" }
local ALCOHOL = { bia = true, ["ruou-vang"] = true, ["ruou-manh"] = true, ["ruou-trai-cay-soju"] = true }
local DEFAULT_ABV = { bia = 5.0, ["ruou-vang"] = 13.0, ["ruou-manh"] = 40.0, ["ruou-trai-cay-soju"] = 5.0 }


-- EAN-13 check digit of 12 digits.
function _M.ean_check(d12)
    local sum = 0
    for i = 1, 12 do
        local n = byte(d12, i) - 48
        sum = sum + (i % 2 == 0 and n * 3 or n)
    end
    return (10 - sum % 10) % 10
end


-- Is s a valid EAN-13?
function _M.ean_valid(s)
    if #s ~= 13 or s:find("%D") then
        return false
    end
    return _M.ean_check(sub(s, 1, 12)) == byte(s, 13) - 48
end


local function ean(d12)
    return d12 .. _M.ean_check(d12)
end


local function pad(n, width)
    return format("%0" .. width .. "d", n)
end


local STORAGE_VI = {
    ambient = "Bảo quản nơi khô ráo, thoáng mát.",
    chilled = "Bảo quản lạnh 0-4 °C.",
    frozen = "Bảo quản đông lạnh dưới -18 °C.",
}
local STORAGE_EN = {
    ambient = "Store in a cool, dry place.",
    chilled = "Keep refrigerated (0-4 °C).",
    frozen = "Keep frozen (-18 °C or below).",
}


-- A short description in each language: brand, origin, how it is sold and kept, shelf life.
local function describe(p, brand, cat)
    local c = product.COUNTRY[p.origin] or product.COUNTRY.VN
    local vi = (brand and ("Thương hiệu " .. brand.name .. ". ") or "") .. "Xuất xứ " .. c[1] .. "."
    local en = (brand and ("Brand: " .. brand.name .. ". ") or "") .. "Made in " .. c[2] .. "."
    if p.unit == "kg" then
        vi = vi .. " Bán theo ký; giá tính trên 1 kg."
        en = en .. " Sold by weight; price per kg."
    end
    if cat.food then
        vi = vi .. " " .. STORAGE_VI[p.storage]
        en = en .. " " .. STORAGE_EN[p.storage]
    end
    if p.shelf_life_days then
        vi = vi .. " Hạn sử dụng " .. p.shelf_life_days .. " ngày."
        en = en .. " Shelf life " .. p.shelf_life_days .. " days."
    end
    if p.age_restricted then
        vi = vi .. " Chỉ bán cho người từ 18 tuổi."
        en = en .. " Sold only to customers aged 18 or over."
    end
    return vi, en
end


local function clean_dietary(list, cat_slug)
    if not list then
        return {}
    end
    local have = {}
    for _, d in ipairs(list) do
        have[d] = true
    end
    if have.vegan then have.vegetarian = true end
    if ALCOHOL[cat_slug] then have.halal = nil end
    local out = {}
    for _, d in ipairs(DIETARY_ORDER) do
        if have[d] then out[#out + 1] = d end
    end
    return out
end


-- drafts: array of drafts; cats: category rows by slug; brands: registry.
-- Returns products (array of rows, id order).
function _M.run(drafts, cats, brands)
    local rng = random.new("finish")
    -- order: aisle, category, generator order (a bucket per category: categories are few)
    local buckets = {}
    for _, d in ipairs(drafts) do
        local cat = cats[d.cat]
        if not cat or cat.is_aisle then
            error("finish: unknown category " .. tostring(d.cat) .. " for " .. tostring(d.name_en))
        end
        d.cat_row = cat
        local b = buckets[cat.id]
        if not b then
            b = {}
            buckets[cat.id] = b
        end
        b[#b + 1] = d
    end
    local ids = {}
    for id in pairs(buckets) do ids[#ids + 1] = id end
    sort(ids)
    drafts = {}
    for _, id in ipairs(ids) do
        local b = buckets[id]
        for k = 1, #b do drafts[#drafts + 1] = b[k] end
    end

    local slugs, barcodes = {}, {}
    local brand_next = {}                 -- brand id -> next item reference
    local plu = 0
    local products = {}
    for i, d in ipairs(drafts) do
        local cat = d.cat_row
        local p = {
            id = i, sku = format("GR-%06d", i), name_vi = d.name_vi, name_en = d.name_en,
            brand_id = d.brand and d.brand.id or nil, category_id = cat.id, cat = cat,
            unit = d.unit or "piece", size_text = d.size_text or "",
            net_quantity = d.net_quantity, net_unit = d.net_unit, price_vnd = floor(d.price_vnd),
            origin = d.origin or "VN", popularity = floor(d.popularity or 0),
        }
        if p.unit == "kg" then
            p.net_quantity, p.net_unit = nil, nil
        end
        if (p.net_quantity == nil) ~= (p.net_unit == nil) then
            p.net_quantity, p.net_unit = nil, nil
        end
        if d.brand then
            d.brand.items = d.brand.items + 1
        end
        -- defaults from the category
        p.vat_rate = d.vat or cat.vat or 8
        p.storage = d.storage or cat.st or "ambient"
        if d.perishable ~= nil then
            p.perishable = d.perishable
        else
            p.perishable = cat.per or false
        end
        if p.storage == "frozen" then
            p.perishable = false
        end
        local life = d.life
        if life == nil then life = cat.life end
        if life and life[1] then
            p.shelf_life_days = rng:int(life[1], life[2])
        end
        if ALCOHOL[cat.slug] then
            p.vat_rate = 10
            local abv = d.abv
            if abv == nil then
                abv = DEFAULT_ABV[cat.slug]
            end
            p.abv_percent = format("%.1f", abv)
            p.age_restricted = abv >= 0.5
        else
            p.age_restricted = d.age_restricted or false
        end
        p.dietary = clean_dietary(d.dietary, cat.slug)
        -- slug
        local slug = text.slug(d.name_vi, 72)
        if slugs[slug] then
            slug = slug .. "-" .. lower(p.sku)
        end
        slugs[slug] = true
        p.slug = slug
        -- barcode
        local code
        if p.unit == "kg" then
            plu = plu + 1
            code = ean("20" .. pad(plu, 5) .. "00000")
        else
            local b = d.brand
            local mfg = b and b.mfg or p.origin
            local prefix = GS1[mfg] or GS1[p.origin] or "893"
            local bid = b and b.id or 0
            local nxt = (brand_next[bid] or 0) + 1
            brand_next[bid] = nxt
            local company = (random.hash(b and b.slug or ("house-" .. p.origin)) % 1000000 + 1000000) % 1000000
            local body
            if prefix == "0" then
                body = "0" .. pad(company % 1000000, 6) .. pad(nxt % 100000, 5)
            else
                body = prefix .. pad(company % 10000, 4) .. pad(nxt % 100000, 5)
            end
            code = ean(body)
            while barcodes[code] do
                nxt = nxt + 1
                brand_next[bid] = nxt
                body = sub(body, 1, 7) .. pad((nxt + 50000) % 100000, 5)
                code = ean(body)
            end
        end
        barcodes[code] = true
        p.barcode = code
        p.active = true
        products[i] = p
    end

    -- promotions (about 7 %), discontinued (about 0.3 %)
    local DISCOUNTS = { 0.1, 0.1, 0.15, 0.15, 0.2, 0.2, 0.25, 0.3, 0.5 }
    for _, p in ipairs(products) do
        local r = rng:float()
        if r < 0.07 then
            local off = rng:pick(DISCOUNTS)
            local sale = product.round_price(p.price_vnd * (1 - off), rng)
            if sale < p.price_vnd then
                p.list_price_vnd = p.price_vnd
                p.price_vnd = sale
            end
        elseif r > 0.997 then
            p.active = false
        end
    end

    -- featured: the best sellers of each category (three), and a few promoted ones
    local by_cat = {}
    for _, p in ipairs(products) do
        if p.active then
            local list = by_cat[p.category_id]
            if not list then
                list = {}
                by_cat[p.category_id] = list
            end
            list[#list + 1] = p
        end
    end
    local cat_ids = {}
    for id in pairs(by_cat) do cat_ids[#cat_ids + 1] = id end
    sort(cat_ids)
    for _, id in ipairs(cat_ids) do
        local list = by_cat[id]
        sort(list, function(a, b)
            if a.popularity ~= b.popularity then return a.popularity > b.popularity end
            return a.id < b.id
        end)
        for k = 1, math.min(3, #list) do
            list[k].featured = true
        end
        for k = 4, #list do
            if list[k].list_price_vnd and rng:chance(0.05) then
                list[k].featured = true
            end
        end
    end

    for _, p in ipairs(products) do
        p.featured = p.featured or false
        p.description_vi, p.description_en = describe(p, p.brand_id and brands.list[p.brand_id] or nil, p.cat)
    end
    return products
end


return _M
