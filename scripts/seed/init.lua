-- scripts/seed/init.lua: the demo catalog that `grocer seed` loads. run(ctx) builds the whole
-- catalog in memory (categories, brands, products, stores, stock) from the real data in
-- scripts/seed/data/ and the generators beside this file, then hands each table to the host
-- as PostgreSQL COPY text, in dependency order, with explicit ids.
--
-- The host (host/seed.c) owns the transaction, the triggers (grocer.bulk), resetting the
-- serial sequences and the NOTIFY; this module only produces rows. ctx:
--   ctx.read_gz(name) -> contents of scripts/seed/data/<name>, decompressed (errors on failure)
--   ctx.copy(table, columns, text) -> COPY table (columns) FROM STDIN with text
--   ctx.log(msg) -> a progress line
-- Everything is deterministic: the same files give byte-identical COPY text on every run.
local brands_mod = require "seed.brands"
local copy = require "seed.copy"
local csv = require "seed.csv"
local finish = require "seed.finish"
local fresh = require "seed.fresh"
local imported = require "seed.imported"
local lines = require "seed.lines"
local stores_mod = require "seed.stores"
local taxonomy = require "seed.taxonomy"
local words_mod = require "seed.words"

local clock = os.clock
local format = string.format
local ipairs = ipairs


local _M = {}


-- How many products the catalog aims at: the real data fills what the generators leave.
_M.TARGET = 52000


local PRODUCT_COLUMNS = { "id", "sku", "slug", "name_vi", "name_en", "description_vi", "description_en", "brand_id",
    "category_id", "unit", "size_text", "net_quantity", "net_unit", "price_vnd", "list_price_vnd", "vat_rate",
        "storage",
    "perishable", "shelf_life_days", "age_restricted", "abv_percent", "dietary", "barcode", "popularity", "featured",
    "active" }
_M.PRODUCT_COLUMNS = PRODUCT_COLUMNS


-- Builds the catalog. read_gz(name) returns a data file's text. Returns
-- { categories, brands, products, stores, counts } (brands: only those with products).
function _M.build(read_gz, log)
    log = log or function() end
    local t0 = clock()
    local cat_rows, cats = taxonomy.build()
    local glossary_rows = csv.parse_tsv(read_gz("glossary-en-vi.tsv.gz"))
    local glossary = {}
    for _, g in ipairs(glossary_rows) do
        glossary[g[1]] = g[2]
    end
    local brands = brands_mod.new()
    local words = words_mod.new(glossary_rows)

    local drafts = fresh.generate(glossary, brands)
    local n_fresh = #drafts
    for _, set in ipairs{ "seed.lines.food", "seed.lines.more", "seed.lines.nonfood", "seed.lines.extra" } do
        local got = lines.expand(require(set), brands, set)
        for _, d in ipairs(got) do
            drafts[#drafts + 1] = d
        end
    end
    local n_lines = #drafts - n_fresh
    local imp, counts = imported.generate({ grocerydb = read_gz("grocerydb.csv.gz"),
                                            openfoodfacts = read_gz("openfoodfacts.csv.gz") },
                                          brands, cats, words, _M.TARGET, #drafts)
    for _, d in ipairs(imp) do
        drafts[#drafts + 1] = d
    end
    log(format("%d fresh, %d from product lines, %d GroceryDB, %d Open Food Facts (%.2f s)",
               n_fresh, n_lines, counts.grocerydb, counts.openfoodfacts, clock() - t0))

    local products = finish.run(drafts, cats, brands)
    local used = {}
    for _, b in ipairs(brands.list) do
        if b.items > 0 then used[#used + 1] = b end
    end
    local stores = stores_mod.stores(read_gz("vn-provinces.csv.gz"), read_gz("vn-wards.csv.gz"))
    return {
        categories = cat_rows, brands = used, products = products, stores = stores,
        counts = { fresh = n_fresh, lines = n_lines, grocerydb = counts.grocerydb,
            openfoodfacts = counts.openfoodfacts },
    }
end


-- Per aisle: { slug, vi, en, products } in aisle order.
function _M.aisle_counts(data)
    local by_id, out = {}, {}
    for _, c in ipairs(data.categories) do
        if c.is_aisle then
            local row = { slug = c.slug, vi = c.vi, en = c.en, products = 0 }
            by_id[c.id] = row
            out[#out + 1] = row
        end
    end
    local parent = {}
    for _, c in ipairs(data.categories) do
        if not c.is_aisle then parent[c.id] = c.parent_id end
    end
    for _, p in ipairs(data.products) do
        local a = by_id[parent[p.category_id]]
        a.products = a.products + 1
    end
    return out
end


-- Writes the catalog through ctx.copy. Returns the stock row count.
function _M.write(ctx, data)
    local w = copy.writer(ctx, "categories", { "id", "parent_id", "slug", "name_vi", "name_en", "position" })
    for _, c in ipairs(data.categories) do
        w:add{ c.id, c.parent_id, c.slug, c.vi, c.en, c.position }
    end
    w:close()

    w = copy.writer(ctx, "brands", { "id", "slug", "name", "origin" })
    for _, b in ipairs(data.brands) do
        w:add{ b.id, b.slug, b.name, b.origin }
    end
    w:close()

    w = copy.writer(ctx, "products", PRODUCT_COLUMNS, 10000)
    for _, p in ipairs(data.products) do
        w:add{ p.id, p.sku, p.slug, p.name_vi, p.name_en, p.description_vi, p.description_en, p.brand_id,
               p.category_id, p.unit, p.size_text, p.net_quantity, p.net_unit, p.price_vnd, p.list_price_vnd,
               p.vat_rate, p.storage, p.perishable, p.shelf_life_days, p.age_restricted, p.abv_percent, p.dietary,
               p.barcode, p.popularity, p.featured, p.active }
    end
    w:close()

    w = copy.writer(ctx, "stores", { "id", "code", "name_vi", "name_en", "province_code", "ward_code", "address_vi",
                                     "address_en", "phone", "opens_at", "closes_at", "pickup", "active" })
    for _, s in ipairs(data.stores) do
        w:add{ s.id, s.code, s.name_vi, s.name_en, s.province_code, s.ward_code, s.address_vi, s.address_en, s.phone,
               s.opens_at, s.closes_at, s.pickup, s.active }
    end
    w:close()

    -- stock rows are plain integers: built without the general writer's per-value checks, from
    -- strings made once (store prefixes, product ids, small counts)
    local buf, n = {}, 0
    local chunk = 50000
    local prefix, mid, small = {}, {}, {}
    for _, s in ipairs(data.stores) do
        prefix[s.id] = s.id .. "\t"
    end
    for _, p in ipairs(data.products) do
        mid[p.id] = p.id .. "\t"
    end
    for k = 0, 1023 do
        small[k] = k .. "\t0"
    end
    local cols = "store_id,product_id,on_hand,reserved"
    local rows, zero = stores_mod.stock(data.products, data.stores, function(store_id, product_id, on_hand, reserved)
        n = n + 1
        if reserved == 0 and on_hand < 1024 then
            buf[n] = prefix[store_id] .. mid[product_id] .. small[on_hand]
        else
            buf[n] = prefix[store_id] .. mid[product_id] .. on_hand .. "\t" .. reserved
        end
        if n >= chunk then
            ctx.copy("stock", cols, table.concat(buf, "\n", 1, n) .. "\n")
            n = 0
        end
    end)
    if n > 0 then
        ctx.copy("stock", cols, table.concat(buf, "\n", 1, n) .. "\n")
    end
    return rows, zero
end


-- The entry point `grocer seed` calls.
function _M.run(ctx)
    local log = ctx.log or function() end
    local t0 = clock()
    -- the build allocates a lot of short-lived strings around a big live heap: collect less
    -- often while it runs (this state exists only for the seed), then put the default back
    local pause = collectgarbage("setpause", 400)
    local data = _M.build(ctx.read_gz, log)
    log(format("%d categories, %d brands, %d products, %d stores built (%.2f s)", #data.categories,
               #data.brands, #data.products, #data.stores, clock() - t0))
    local rows, zero = _M.write(ctx, data)
    log(format("copied; %d stock rows (%d out of stock) (%.2f s)", rows, zero, clock() - t0))
    for _, a in ipairs(_M.aisle_counts(data)) do
        log(format("  %-28s %6d", a.en, a.products))
    end
    collectgarbage("setpause", pause)
    return { products = #data.products, brands = #data.brands, categories = #data.categories,
             stores = #data.stores, stock = rows }
end


return _M
