-- spec/01-unit/02-util_spec.lua: grocer.util URL escaping, query strings, cookies and VND.
local util = require "grocer.util"


describe("grocer.util", function()
    describe("url_decode / url_encode", function()
        it("decodes escapes and '+' as a space", function()
            assert.equal("rau củ & quả", util.url_decode("rau+c%E1%BB%A7+%26%20qu%E1%BA%A3"))
        end)

        it("keeps malformed escapes as they are", function()
            assert.equal("100%zz%4%", util.url_decode("100%zz%4%"))
        end)

        it("keeps '+' in a path", function()
            assert.equal("a+b c", util.path_decode("a+b%20c"))
        end)

        it("encodes all but unreserved characters, a space as %20", function()
            assert.equal("G%E1%BA%A1o%20ST25%2Fa%26b%3Dc-._~", util.url_encode("Gạo ST25/a&b=c-._~"))
        end)

        it("round-trips through encode and decode", function()
            local s = "xin chào + 100% / ? & = #"
            assert.equal(s, util.url_decode(util.url_encode(s)))
        end)
    end)

    describe("parse_query", function()
        it("decodes keys and values", function()
            assert.same({ q = "sữa tươi", ["in stock"] = "1" },
                        util.parse_query("q=s%E1%BB%AFa+t%C6%B0%C6%A1i&in+stock=1"))
        end)

        it("gives a repeated key an array of its values in order", function()
            assert.same({ brand = { "vinamilk", "th", "dalat" }, page = "2" },
                        util.parse_query("brand=vinamilk&page=2&brand=th&brand=dalat"))
        end)

        it("gives a key without '=' an empty value and skips empty pairs", function()
            assert.same({ in_stock = "", sort = "price" }, util.parse_query("&in_stock&&sort=price&"))
        end)

        it("keeps malformed escapes literally", function()
            assert.same({ ["%zz"] = "50%" }, util.parse_query("%zz=50%"))
        end)

        it("returns an empty table for nil or an empty string", function()
            assert.same({}, util.parse_query(nil))
            assert.same({}, util.parse_query(""))
        end)

        it("stops after max_pairs pairs", function()
            assert.same({ a = "1", b = "2" }, util.parse_query("a=1&b=2&c=3", 2))
        end)
    end)

    describe("first", function()
        it("takes the first of a repeated key's values, a single value as it is, nil as nil", function()
            local q = util.parse_query("brand=th&brand=vinamilk&page=2")
            assert.equal("th", util.first(q.brand))
            assert.equal("2", util.first(q.page))
            assert.is_nil(util.first(q.sort))
        end)
    end)

    describe("parse_cookies", function()
        it("splits names and values, trims spaces and unquotes", function()
            assert.same({ grocer_lang = "en", grocer_store = "HCM01", q = "a b" },
                        util.parse_cookies('grocer_lang=en;  grocer_store = HCM01 ; q="a b"'))
        end)

        it("keeps the first cookie of a name", function()
            assert.same({ a = "1" }, util.parse_cookies("a=1; a=2"))
        end)

        it("returns an empty table without a header", function()
            assert.same({}, util.parse_cookies(nil))
        end)
    end)

    describe("cookie_header", function()
        it("defaults to Path=/, HttpOnly and SameSite=Lax", function()
            assert.equal("grocer_lang=vi; Path=/; HttpOnly; SameSite=Lax",
                         util.cookie_header("grocer_lang", "vi"))
        end)

        it("writes every option", function()
            assert.equal("grocer_sid=abc; Path=/vi; Domain=shop.example; Max-Age=3600; "
                         .. "Expires=Thu, 01 Jan 1970 00:00:10 GMT; Secure; SameSite=Strict",
                         util.cookie_header("grocer_sid", "abc", {
                             path = "/vi", domain = "shop.example", max_age = 3600, expires = 10,
                             secure = true, http_only = false, same_site = "Strict",
                         }))
        end)

        it("leaves SameSite out when same_site is false", function()
            assert.equal("a=1; Path=/; HttpOnly", util.cookie_header("a", "1", { same_site = false }))
        end)

        it("refuses a bad name", function()
            assert.has_error(function() util.cookie_header("bad name", "x") end,
                             'cookie_header: bad cookie name "bad name"')
            assert.has_error(function() util.cookie_header("a;b", "x") end)
        end)

        it("refuses a value with a separator or a space", function()
            assert.has_error(function() util.cookie_header("a", "x;Path=/admin") end)
            assert.has_error(function() util.cookie_header("a", "x y") end)
        end)

        it("refuses SameSite=None without Secure", function()
            assert.has_error(function() util.cookie_header("a", "1", { same_site = "None" }) end)
        end)
    end)

    describe("format_vnd", function()
        it("formats zero", function()
            assert.equal("0 ₫", util.format_vnd(0))
        end)

        it("groups thousands with dots", function()
            assert.equal("25.000 ₫", util.format_vnd(25000))
            assert.equal("1.250.500 ₫", util.format_vnd(1250500))
            assert.equal("999 ₫", util.format_vnd(999))
            assert.equal("1.000 ₫", util.format_vnd(1000))
            assert.equal("999.999.999 ₫", util.format_vnd(999999999))
            assert.equal("1.234.567.890.123 ₫", util.format_vnd(1234567890123))
        end)

        it("puts a minus before a negative amount", function()
            assert.equal("-25.000 ₫", util.format_vnd(-25000))
        end)

        it("writes the zeros inside every group", function()
            assert.equal("1.000.000 ₫", util.format_vnd(1000000))
            assert.equal("1.000.001 ₫", util.format_vnd(1000001))
            assert.equal("10.050.007 ₫", util.format_vnd(10050007))
            assert.equal("1.000.000.000 ₫", util.format_vnd(1e9))
            assert.equal("5.000.000.000.000 ₫", util.format_vnd(5e12))
        end)

        it("formats every integer up to 2^53 exactly", function()
            assert.equal("9.007.199.254.740.992 ₫", util.format_vnd(2 ^ 53))
            assert.equal("9.007.199.254.740.991 ₫", util.format_vnd(2 ^ 53 - 1))
            assert.equal("999.999.999.999.999 ₫", util.format_vnd(999999999999999))
            assert.equal("-9.007.199.254.740.992 ₫", util.format_vnd(-2 ^ 53))
        end)

        it("prints minus zero as zero", function()
            assert.equal("0 ₫", util.format_vnd(-0.0))
        end)

        it("refuses a non-integer amount", function()
            assert.has_error(function() util.format_vnd(1.5) end,
                             "format_vnd: integer VND expected, got 1.5")
            assert.has_error(function() util.format_vnd("25000") end)
            assert.has_error(function() util.format_vnd(0 / 0) end)
        end)
    end)
end)
