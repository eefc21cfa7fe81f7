-- scripts/lang.lua: which language a shopper reads: the URL prefix first, then the grocer_lang
-- cookie, then Vietnamese; and the same page in the other language (the switch on every page and
-- the hreflang alternates). Pure.
local _M = {}

_M.DEFAULT = "vi"
_M.SUPPORTED = { vi = true, en = true }
_M.LIST = { "vi", "en" }
_M.COOKIE = "grocer_lang"
_M.COOKIE_MAX_AGE = 365 * 24 * 3600


-- The language of a request: from a /{lang}/ path prefix, else the cookie, else the default.
function _M.of(path, cookies)
    local prefix = path:match("^/(%a%a)/") or path:match("^/(%a%a)$")
    if prefix and _M.SUPPORTED[prefix] then
        return prefix
    end
    local cookie = cookies and cookies[_M.COOKIE]
    if cookie and _M.SUPPORTED[cookie] then
        return cookie
    end
    return _M.DEFAULT
end


-- The same page in each language, for the switch and the hreflang links: {lang, href, current}.
-- The query string (filters, search words, page) is kept. A path without a language prefix
-- (an unknown one: /fr/...) gives the home pages.
function _M.alternates(path, current, query_string)
    local rest = path:match("^/vi(/.*)$") or path:match("^/en(/.*)$")
    local qs = ""
    if not rest then
        rest = "/"
    elseif query_string and query_string ~= "" then
        qs = "?" .. query_string
    end
    local out = {}
    for _, code in ipairs(_M.LIST) do
        out[#out + 1] = { lang = code, href = "/" .. code .. rest .. qs, current = code == current }
    end
    return out
end


return _M
