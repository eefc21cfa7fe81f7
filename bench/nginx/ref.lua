-- bench/nginx/ref.lua: the Lua handlers of the nginx + lua-nginx-module reference: /json and
-- /page (/plaintext is inline in nginx.conf.in). /page is written the way an OpenResty
-- developer would (Debian has no lua-resty-template): the i18n strings and the products are
-- loaded once per worker; per request the page is built into a table of pieces with an escape
-- function and handed to ngx.print, which writes the pieces without a table.concat copy.
-- It renders the same bytes as grocer's bench/app/templates/bench/page.html from the same data.
local cjson = require "cjson"
local data = require "bench.data"

local ngx = ngx   -- luacheck: ignore 113
local find, gsub, format = string.find, string.gsub, string.format
local floor = math.floor
local tostring = tostring
local json_encode = cjson.encode


local _M = {}


local strings   -- the vi catalogue, set by init()


local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

local function esc(s)
    if not find(s, "[&<>\"']") then
        return s
    end
    return (gsub(s, "[&<>\"']", ESC))
end


-- 1250500 -> "1.250.500 ₫" (Vietnamese thousands separator); non-negative integers only.
local function format_vnd(n)
    if n < 1000 then
        return n .. " ₫"
    end
    if n < 1000000 then
        return format("%d.%03d ₫", floor(n / 1000), n % 1000)
    end
    return format("%d.%03d.%03d ₫", floor(n / 1000000), floor(n / 1000) % 1000, n % 1000)
end


-- "Còn %{count}" + {count = 7} -> "Còn 7"
local function interp(s, vars)
    return (gsub(s, "%%{(%w+)}", function(k) return tostring(vars[k]) end))
end


-- Loads the catalogue file of grocer's bench app; called from init_by_lua with its path.
function _M.init(i18n_file)
    strings = assert(dofile(i18n_file))
end


function _M.json()
    ngx.print(json_encode({ message = "Hello, World!" }))
end


function _M.page()
    local products = data.products
    local n = #products
    local category = esc(data.category)
    local count = strings["bench.page.count"]
    local add = esc(strings["bench.page.add"])

    local buf = {
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n<title>',
        esc(interp(strings["bench.page.title"], { category = data.category })),
        '</title>\n<link rel="stylesheet" href="/static/site.css">\n</head>\n<body>\n',
        '<header><a class="logo" href="/vi/">grocer</a><form action="/vi/search" role="search">',
        '<input name="q" placeholder="', esc(strings["bench.page.search"]),
        '"></form><a class="cart" href="/vi/cart">', esc(strings["bench.page.cart"]),
        '</a></header>\n<main>\n<h1>', category, '</h1>\n<p class="count">',
        esc(interp(n == 1 and count.one or count.other, { count = n })),
        '</p>\n<ol class="products">\n',
    }
    local b = #buf
    for i = 1, n do
        local p = products[i]
        local slug, sku, name = esc(p.slug), esc(p.sku), esc(p.name)
        local stock_class, stock_text
        if p.stock > 0 then
            stock_class, stock_text = "stock", interp(strings["bench.page.in_stock"], { count = p.stock })
        else
            stock_class, stock_text = "stock out", strings["bench.page.out_of_stock"]
        end
        buf[b + 1] = '<li class="product"><a href="/vi/p/'
        buf[b + 2] = slug
        buf[b + 3] = '"><img src="/static/img/'
        buf[b + 4] = sku
        buf[b + 5] = '.jpg" alt="'
        buf[b + 6] = name
        buf[b + 7] = '" width="160" height="160" loading="lazy"></a><h2><a href="/vi/p/'
        buf[b + 8] = slug
        buf[b + 9] = '">'
        buf[b + 10] = name
        buf[b + 11] = '</a></h2><p class="price">'
        buf[b + 12] = format_vnd(p.price_vnd)
        buf[b + 13] = '<span class="unit">'
        buf[b + 14] = esc(strings["bench.unit." .. p.unit])
        buf[b + 15] = '</span></p><p class="'
        buf[b + 16] = stock_class
        buf[b + 17] = '">'
        buf[b + 18] = esc(stock_text)
        buf[b + 19] = '</p><button form="cart" name="sku" value="'
        buf[b + 20] = sku
        buf[b + 21] = '">'
        buf[b + 22] = add
        buf[b + 23] = '</button></li>\n'
        b = b + 23
    end
    buf[b + 1] = '</ol>\n<form id="cart" method="post" action="/vi/cart"></form>\n</main>\n<footer>'
    buf[b + 2] = esc(strings["bench.page.footer"])
    buf[b + 3] = '</footer>\n</body>\n</html>\n'
    ngx.print(buf)
end


return _M
