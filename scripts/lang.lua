-- scripts/lang.lua: which language a shopper reads: the URL prefix first, then the
-- grocer_lang cookie, then Vietnamese. Pure.
local _M = {}

_M.DEFAULT = "vi"
_M.SUPPORTED = {vi = true, en = true}
_M.COOKIE = "grocer_lang"


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


-- The same page in the other languages, for the switch and hreflang links.
function _M.alternates(path, current)
    local rest = path:match("^/%a%a(/.*)$") or "/"
    local out = {}
    for _, code in ipairs{"vi", "en"} do
        out[#out + 1] = {lang = code, href = "/" .. code .. rest, current = code == current}
    end
    return out
end


return _M
