-- scripts/shop/page.lua: what every storefront page shares: the language from the URL (an unknown
-- one is a 404 in the shopper's language), the grocer_lang cookie, the header (aisles, search box,
-- the chosen store, the language switch and hreflang alternates), the 404 page with a search box
-- and the 503 page while the catalog is loading. Handlers are wrapped by page.handler(), which
-- hands them a base view to add their own fields to.
local catalog = require "grocer.catalog"
local util = require "grocer.util"
local lang = require "lang"
local stores = require "shop.stores"
local text = require "search.text"

local url_encode = util.url_encode


local _M = {}


-- ---- the aisles in the header, per language, rebuilt when the catalog's shape changes ----

local nav_shape, nav = -1, {}


function _M.aisles(code)
    local shape = catalog.shape_version()
    if shape ~= nav_shape then
        nav_shape, nav = shape, {}
    end
    local list = nav[code]
    if not list then
        list = {}
        for k, slot in ipairs(catalog.aisles()) do
            local c = catalog.category(slot)
            local name = code == "en" and c.name_en or c.name_vi
            list[k] = { slot = slot, slug = c.slug, name = name, initials = text.initials(name),
                        href = "/" .. code .. "/c/" .. c.slug }
        end
        nav[code] = list
    end
    return list
end


-- ---- links ----

-- "/vi/search?q=..." style links back to this page for the store chooser: path and query.
function _M.here(req)
    local qs = req.query_string
    return req.path .. ((qs and qs ~= "") and ("?" .. qs) or "")
end


-- A local path that is safe to redirect to (no scheme, no //host), else nil.
function _M.safe_back(back)
    if type(back) ~= "string" or back == "" or #back > 2048 then
        return nil
    end
    if back:sub(1, 1) ~= "/" or back:sub(2, 2) == "/" or back:sub(2, 2) == "\\" or back:find("[%c]") then
        return nil
    end
    return back
end


-- The origin for absolute hreflang links, from the Host header ("" when it is missing or odd).
local function origin(req)
    local host = req:header("host")
    if not host or not host:match("^[%w%.%-]+:?%d*$") then
        return ""
    end
    local proto = req:header("x-forwarded-proto")
    proto = (proto == "https") and "https" or "http"
    return proto .. "://" .. host
end


-- ---- the base view ----

-- The view every page template gets: lang, alternates, the header's store and aisles.
function _M.base(req, res, code)
    local alts = lang.alternates(req.path, code, req.query_string)
    local abs = origin(req)
    local hreflang = {}
    for k, a in ipairs(alts) do
        hreflang[k] = { lang = a.lang, href = abs .. a.href }
    end
    hreflang[#hreflang + 1] = { lang = "x-default", href = abs .. alts[1].href }
    local view = { lang = code, alternates = alts, hreflang = hreflang, q = "" }
    if catalog.ready() then
        local slot, st = stores.current(req)
        if slot then
            view.store_slot = slot
            view.store = stores.view(st, code)
        end
        view.aisles = _M.aisles(code)
    end
    -- "/" may stay as it is in a query value: most paths need no encoding at all
    local here = _M.here(req)
    if here:find("[^%w%-%._~/]") then
        here = url_encode(here)
    end
    view.stores_href = "/" .. code .. "/stores?back=" .. here
    return view
end


-- Remembers the language of the URL in the grocer_lang cookie (only when it changes).
local function remember(req, res, code)
    local cookies = req.cookies
    if cookies[lang.COOKIE] ~= code then
        res:cookie(lang.COOKIE, code, { max_age = lang.COOKIE_MAX_AGE })
    end
end


-- ---- error pages ----

-- The 404 page in lang, with a search box.
function _M.not_found(req, res, code)
    code = code or lang.of(req.path, req.cookies)
    local view = _M.base(req, res, code)
    view.status = 404
    view.search_box = true
    res.status = 404
    return res:render("errors/error", view)
end


-- The 503 page shown while the worker's catalog is still loading.
function _M.loading(req, res, code)
    local view = _M.base(req, res, code)
    view.status = 503
    view.loading = true
    res.status = 503
    res:header("Retry-After", "2")
    res:header("Cache-Control", "no-store")
    return res:render("errors/error", view)
end


-- ---- rendered pages ----

-- Pages that depend only on the catalog, the URL, the host and the shopper's store (category and
-- product pages) are kept as rendered, until catalog.version() moves (any price, stock or product
-- change) or PAGE_CACHE_MAX of them are kept. Most browsing between two changes then costs a
-- lookup; a change costs each page one render again.
_M.PAGE_CACHE_MAX = 20000

local page_version, pages, npages = -1, {}, 0


local function page_key(req, code)
    local store = stores.current(req) or 0
    return code .. "\0" .. store .. "\0" .. (req.headers.host or "") .. "\0" .. req.path .. "?"
           .. (req.query_string or "")
end


local function cached_page(key)
    local v = catalog.version()
    if v ~= page_version or npages >= _M.PAGE_CACHE_MAX then
        page_version, pages, npages = v, {}, 0
    end
    return pages[key]
end


local function keep_page(key, res)
    if (res.status == nil or res.status == 200) and type(res.body) == "string" and not res.headers then
        pages[key] = res.body
        npages = npages + 1
    end
end


-- handler(fn[, opts]) -> a route handler for "/:lang/..." paths. It answers 404 for an unknown
-- language, 503 while the catalog loads (unless opts.without_catalog), remembers the language,
-- then calls fn(req, res, view) with the base view. opts.cache: keep the rendered page (see
-- above); fn must then depend on nothing but the catalog, the URL, the host and the store.
function _M.handler(fn, opts)
    local without_catalog = opts and opts.without_catalog
    local cache = opts and opts.cache
    return function(req, res)
        local code = req.params.lang
        if not lang.SUPPORTED[code] then
            return _M.not_found(req, res, lang.of("/", req.cookies))
        end
        if not without_catalog and not catalog.ready() then
            remember(req, res, code)
            return _M.loading(req, res, code)
        end
        if not cache then
            remember(req, res, code)
            return fn(req, res, _M.base(req, res, code))
        end
        local key = page_key(req, code)
        local body = cached_page(key)
        if body then
            remember(req, res, code)
            return res:send(body)
        end
        local out = fn(req, res, _M.base(req, res, code))
        keep_page(key, res)
        remember(req, res, code)
        return out
    end
end


return _M
