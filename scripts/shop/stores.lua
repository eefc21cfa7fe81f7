-- scripts/shop/stores.lua: which store a shopper shops at (the grocer_store cookie holds its code;
-- URLs never carry it), the default store, and the store records the pages show. Reads the
-- worker's catalog; no database.
local catalog = require "grocer.catalog"


local _M = {}


_M.COOKIE = "grocer_store"
_M.COOKIE_MAX_AGE = 365 * 24 * 3600


-- Store records and their views, made once per catalog shape (stores change the shape).
local shape, records, active_list, views = -1, {}, {}, { vi = {}, en = {} }


local function sync()
    local sv = catalog.shape_version()
    if sv ~= shape then
        shape, records, views = sv, {}, { vi = {}, en = {} }
        active_list = {}
        for s = 1, catalog.store_count() do
            local st = catalog.store(s)
            records[s] = st or false
            if st and st.active then
                active_list[#active_list + 1] = s
            end
        end
    end
end


-- The store record of slot s (catalog.store(s), shared: do not modify), or nil.
function _M.record(s)
    sync()
    return records[s] or nil
end


-- Active store slots in catalog order (shared: do not modify).
function _M.active()
    sync()
    return active_list
end


-- The store slot for a code if it names an active store, else nil.
function _M.find(code)
    if type(code) ~= "string" or code == "" or #code > 64 then
        return nil
    end
    local s = catalog.find_store(code)
    if not s then
        return nil
    end
    local st = _M.record(s)
    return st and st.active and s or nil
end


-- The shopper's store: the one in the cookie if it is still active, else the first active store.
-- Returns slot, record, chosen (true when it came from the cookie); nil when there is no store.
function _M.current(req)
    local cookies = req.cookies
    local s = _M.find(cookies and cookies[_M.COOKIE])
    if s then
        return s, _M.record(s), true
    end
    s = _M.active()[1]
    if s then
        return s, _M.record(s), false
    end
    return nil
end


-- The fields a page shows for a store, in lang (shared: do not modify).
function _M.view(st, lang)
    sync()
    local by_lang = views[lang] or views.vi
    local v = by_lang[st.index]
    if not v then
        v = {
            code = st.code,
            name = lang == "en" and st.name_en or st.name_vi,
            address = lang == "en" and st.address_en or st.address_vi,
            phone = st.phone,
            opens_at = (st.opens_at or ""):sub(1, 5),
            closes_at = (st.closes_at or ""):sub(1, 5),
            pickup = st.pickup,
        }
        by_lang[st.index] = v
    end
    return v
end


return _M
