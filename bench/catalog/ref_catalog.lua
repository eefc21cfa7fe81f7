-- bench/catalog/ref_catalog.lua: the reference stack's catalog endpoints for bench/catalog.sh,
-- written the way an OpenResty team would: pgmoon (pure Lua, from PGMOON_DIR, never part of this
-- repository) over ngx.socket.tcp, one query per request, connections kept in each worker's
-- cosocket keepalive pool with at most `limit` requests holding one (an ngx.semaphore, as in
-- bench/nginx/ref_db.lua: the pool then never opens a connection after warm-up).
--
--   /products?category=SLUG&page=N   a 24-item listing page of database "listing"
--                                    (bench/catalog/sql/listing.sql), as in ../shared/anchors
--   /search?q=TEXT                   PostgreSQL full-text search (unaccent + pg_trgm) over
--                                    grocer's products (bench/catalog/sql/search.sql), 24 hits
--                                    as JSON
local cjson = require "cjson.safe"
local pgmoon = require "pgmoon"
local semaphore = require "ngx.semaphore"

local ngx = ngx   -- luacheck: ignore 113
local concat = table.concat
local find, format, gsub = string.find, string.format, string.gsub
local floor = math.floor
local tonumber, tostring = tonumber, tostring


local _M = {}


local PAGE_SIZE = 24
local MAX_PAGE = 500
local MAX_QUERY = 200          -- bytes of q, as grocer's search
local CATEGORY_TTL = 60        -- seconds a worker keeps the category table
local IDLE_MS = 60000          -- a pooled connection's idle timeout

local listing_db, search_db    -- pgmoon.new() options of the two databases
local pool_size, limit
local sema                     -- made in the worker on first use
local categories, categories_at = nil, 0


-- Called once from init_by_lua with the run's settings.
function _M.configure(opts)
    pool_size, limit = opts.pool_size, opts.limit
    local function db(name)
        return { host = opts.host, port = opts.port, user = opts.user, database = name,
                 pool_size = opts.pool_size }
    end
    listing_db, search_db = db(opts.listing_database), db(opts.search_database)
end


local function connect(config)
    if limit then
        sema = sema or assert(semaphore.new(limit))
        local ok, err = sema:wait(5)
        if not ok then
            return nil, "waiting for a database connection: " .. err
        end
    end
    local pg = pgmoon.new(config)
    local ok, err = pg:connect()
    if not ok then
        if limit then sema:post(1) end
        return nil, err
    end
    return pg
end


local function release(pg)
    local ok, err = pg:keepalive(IDLE_MS, pool_size)
    if not ok then
        ngx.log(ngx.ERR, "pgmoon keepalive: ", err)
    end
    if limit then sema:post(1) end
end


local function discard(pg)
    pg:disconnect()
    if limit then sema:post(1) end
end


-- One query on a pooled connection: rows, or nil and the error.
local function query(config, sql, ...)
    local pg, err = connect(config)
    if not pg then
        return nil, err
    end
    local rows, qerr = pg:query(sql, ...)
    if not rows then
        discard(pg)
        return nil, qerr
    end
    release(pg)
    return rows
end


local function fail(status, msg, err)
    if err then
        ngx.log(ngx.ERR, msg, ": ", err)
    end
    ngx.status = status
    ngx.header.content_type = "text/plain; charset=utf-8"
    ngx.print(msg)
    return ngx.exit(status)
end


local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

local function esc(s)
    if not find(s, "[&<>\"']") then
        return s
    end
    return (gsub(s, "[&<>\"']", ESC))
end


-- 1250500 -> "1.250.500"
local function vnd(n)
    local s = tostring(n)
    local head = #s % 3
    if head == 0 then head = 3 end
    return s:sub(1, head) .. s:sub(head + 1):gsub("(%d%d%d)", ".%1")
end


-- ---- /products ----------------------------------------------------------------------------------

local LISTING_SQL = "SELECT id, sku, name, price_vnd, stock FROM product"
    .. " WHERE category = $1 ORDER BY id LIMIT $2::int OFFSET $3::int"

local HEAD = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
    .. '<meta name="viewport" content="width=device-width,initial-scale=1">'
    .. '<link rel="stylesheet" href="/static/site.css"><title>'
local NAV = '</title></head><body><header><a class="logo" href="/">grocer</a>'
    .. '<form action="/search" role="search"><label>Tìm <input name="q" type="search"'
    .. ' placeholder="Tìm sản phẩm…"></label></form><a class="cart" href="/cart">Giỏ hàng</a>'
    .. '</header><main><h1>'
local FOOT = '</nav><form id="cart" method="post" action="/cart/add"></form></main>'
    .. '<footer>© grocer · Giá đã gồm VAT</footer></body></html>'


-- The category table (slug -> label), read again every CATEGORY_TTL seconds.
local function category_label(slug)
    local now = ngx.now()
    if not categories or now - categories_at > CATEGORY_TTL then
        local rows, err = query(listing_db, "SELECT slug, label FROM category")
        if not rows then
            return nil, err
        end
        categories, categories_at = {}, now
        for i = 1, #rows do
            categories[rows[i].slug] = rows[i].label
        end
    end
    return categories[slug] or false
end


function _M.products()
    local args = ngx.req.get_uri_args(8)
    local page = 1
    if args.page then
        page = type(args.page) == "string" and find(args.page, "^%d+$") and tonumber(args.page)
        if not page or page < 1 or page > MAX_PAGE then
            return fail(400, "Số trang không hợp lệ")
        end
    end
    local slug = type(args.category) == "string" and args.category or ""
    local label, err = category_label(slug)
    if label == nil then
        return fail(503, "database unavailable", err)
    elseif not label then
        return fail(404, "Không có danh mục này")
    end
    -- one row more than shown says whether there is a next page
    local rows, qerr = query(listing_db, LISTING_SQL, slug, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    if not rows then
        return fail(500, "query failed", qerr)
    end

    label = esc(label)
    local buf = { HEAD, label, " – trang ", page, " | grocer", NAV, label, '</h1><ul class="products">' }
    local n = #buf
    for i = 1, rows[PAGE_SIZE + 1] and PAGE_SIZE or #rows do
        local r = rows[i]
        local id, sku, name = r.id, esc(r.sku), esc(r.name)
        buf[n + 1] = '<li class="product"><a href="/p/'
        buf[n + 2] = id
        buf[n + 3] = '"><img src="/img/'
        buf[n + 4] = sku
        buf[n + 5] = '.jpg" alt="'
        buf[n + 6] = name
        buf[n + 7] = '" width="160" height="160" loading="lazy"></a><h2><a href="/p/'
        buf[n + 8] = id
        buf[n + 9] = '">'
        buf[n + 10] = name
        buf[n + 11] = '</a></h2><p class="price">'
        buf[n + 12] = vnd(r.price_vnd)
        buf[n + 13] = '&nbsp;₫</p><p class="stock">'
        buf[n + 14] = r.stock > 0 and ("Còn " .. r.stock) or "Hết hàng"
        buf[n + 15] = '</p><button form="cart" name="sku" value="'
        buf[n + 16] = sku
        buf[n + 17] = '">Thêm vào giỏ</button></li>'
        n = n + 17
    end
    local qslug = ngx.escape_uri(slug)
    buf[n + 1] = '</ul><nav class="pager">'
    if page > 1 then
        buf[n + 2] = format('<a rel="prev" href="/products?category=%s&amp;page=%d">‹ Trước</a>', qslug, page - 1)
    else
        buf[n + 2] = ""
    end
    buf[n + 3] = format("<span>Trang %d</span>", page)
    if rows[PAGE_SIZE + 1] then
        buf[n + 4] = format('<a rel="next" href="/products?category=%s&amp;page=%d">Sau ›</a>', qslug, page + 1)
    else
        buf[n + 4] = ""
    end
    buf[n + 5] = FOOT
    ngx.print(concat(buf))
end


-- ---- /search ------------------------------------------------------------------------------------

-- One statement: fold the query like the index (ref_fold: lower case, unaccent), keep letters and
-- digits, match its words in the full-text document, the last one as a prefix (search-as-you-type:
-- 'nuoc m' -> nuoc & m:*), rank by ts_rank; only when that finds nothing (a typo), fall back to
-- trigram word similarity (<%, on the trigram index; threshold 0.5, search.sql). Then popularity,
-- 24 hits, and the number of matches.
local SEARCH_SQL = [=[
WITH q AS (
    SELECT t, CASE WHEN t = '' THEN NULL
                   ELSE to_tsquery('simple', replace(t, ' ', ' & ') || ':*') END AS tsq
    FROM (SELECT btrim(regexp_replace(ref_fold($1::text), '[^[:alnum:]]+', ' ', 'g')) AS t) AS f
), exact AS (
    SELECT s.product_id, s.popularity, 1 + ts_rank(s.doc, q.tsq) AS score
    FROM ref_search s, q
    WHERE s.doc @@ q.tsq
), fuzzy AS (
    SELECT s.product_id, s.popularity, word_similarity(q.t, s.txt) AS score
    FROM ref_search s, q
    WHERE q.t <% s.txt AND NOT EXISTS (SELECT 1 FROM exact)
), hits AS (
    SELECT product_id, popularity, score, count(*) OVER () AS total
    FROM (SELECT * FROM exact UNION ALL SELECT * FROM fuzzy) AS m
    ORDER BY score DESC, popularity DESC, product_id
    LIMIT 24
)
SELECT p.id, p.slug, p.name_vi, p.name_en, p.price_vnd, h.score, h.total
FROM hits h JOIN products p ON p.id = h.product_id
ORDER BY h.score DESC, h.popularity DESC, p.id]=]

local EMPTY = '{"total":0,"items":[]}'


function _M.search()
    local q = ngx.req.get_uri_args(8).q
    if type(q) ~= "string" then
        q = ""
    end
    if #q > MAX_QUERY then
        return fail(400, "query too long")
    end
    ngx.header.content_type = "application/json"
    if not find(q, "%w") then
        ngx.print(EMPTY)
        return
    end
    local rows, err = query(search_db, SEARCH_SQL, q)
    if not rows then
        return fail(500, "query failed", err)
    end
    local items = {}
    for i = 1, #rows do
        local r = rows[i]
        items[i] = { slug = r.slug, name_vi = r.name_vi, name_en = r.name_en, price_vnd = r.price_vnd,
                     score = floor(r.score * 1000 + 0.5) / 1000 }
    end
    if #items == 0 then
        ngx.print(EMPTY)
        return
    end
    ngx.print(cjson.encode({ total = rows[1].total, items = items }))
end


return _M
