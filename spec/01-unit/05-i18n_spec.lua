-- spec/01-unit/05-i18n_spec.lua: grocer.i18n loading, lookup, plurals, fallbacks and check.
local i18n = require "grocer.i18n"

local FIXTURES = "spec/fixtures/i18n"


describe("grocer.i18n", function()
    local cat

    setup(function()
        local errs
        cat, errs = i18n.load(FIXTURES .. "/good")
        assert(cat, errs and table.concat(errs, "\n"))
    end)

    it("lists its languages", function()
        assert.same({ "en", "vi" }, cat:languages())
    end)

    it("looks a message up by language", function()
        assert.equal("Your cart", cat:t("en", "cart.title"))
        assert.equal("Giỏ hàng của bạn", cat:t("vi", "cart.title"))
    end)

    it("fills %{name} placeholders through tostring", function()
        assert.equal("Total: 25000", cat:t("en", "cart.total", { total = 25000 }))
    end)

    it("leaves a placeholder without a value as it is", function()
        assert.equal("Hello, %{name}!", cat:t("en", "cart.greeting", {}))
        assert.equal("Hello, %{name}!", cat:t("en", "cart.greeting"))
    end)

    it("picks the English plural form by count", function()
        assert.equal("1 item", cat:t("en", "cart.items", { count = 1 }))
        assert.equal("0 items", cat:t("en", "cart.items", { count = 0 }))
        assert.equal("3 items", cat:t("en", "cart.items", { count = 3 }))
    end)

    it("uses 'other' for Vietnamese whatever the count", function()
        assert.equal("1 sản phẩm", cat:t("vi", "cart.items", { count = 1 }))
    end)

    it("falls back to Vietnamese for an unknown language", function()
        assert.equal("Trang chủ", cat:t("fr", "common.nav.home"))
    end)

    it("returns the key itself for an unknown key", function()
        assert.equal("cart.nope", cat:t("en", "cart.nope"))
    end)

    it("gives a translator bound to one language, cached", function()
        local t = cat:translator("en")
        assert.equal("Home", t("common.nav.home"))
        assert.equal(t, cat:translator("en"))
    end)

    it("finds nothing to report in a complete catalog", function()
        assert.same({}, cat:check())
    end)

    describe("interpolation", function()
        local lfs = require "lfs"
        local dir, made

        -- writes a catalog with one language, vi, from a table of key -> Lua source
        local function write_catalog(entries)
            dir = os.tmpname()
            os.remove(dir)
            assert(lfs.mkdir(dir))
            assert(lfs.mkdir(dir .. "/vi"))
            local lines = { "return {" }
            for key, src in pairs(entries) do
                lines[#lines + 1] = string.format("[%q] = %s,", key, src)
            end
            lines[#lines + 1] = "}"
            local f = assert(io.open(dir .. "/vi/m.lua", "wb"))
            f:write(table.concat(lines, "\n"))
            f:close()
            return assert(i18n.load(dir))
        end

        setup(function()
            made = write_catalog({
                two = [["%{a} và %{b}"]],
                again = [["%{a}, %{a}!"]],
                many = [["%{a}%{b}%{c}%{d}%{e}"]],
                odd = [["100%% %{ a } %{a-b} %{} {a} %%{a}"]],
                quoted = [["\"%{a}\" \\ ]] .. "]]" .. [[ [[ \n%{b}"]],
                plural = [[{ other = "%{count} món, %{name}" }]],
            })
        end)

        teardown(function()
            os.remove(dir .. "/vi/m.lua")
            lfs.rmdir(dir .. "/vi")
            lfs.rmdir(dir)
        end)

        it("fills two placeholders, and one placeholder twice", function()
            assert.equal("rau và củ", made:t("vi", "two", { a = "rau", b = "củ" }))
            assert.equal("a, a!", made:t("vi", "again", { a = "a" }))
        end)

        it("fills many placeholders, leaving the missing ones", function()
            assert.equal("12%{c}45", made:t("vi", "many", { a = 1, b = 2, d = 4, e = 5 }))
        end)

        it("keeps what only looks like a placeholder", function()
            assert.equal("100%% %{ a } %{a-b} %{} {a} %x", made:t("vi", "odd", { a = "x" }))
        end)

        it("keeps quotes, backslashes, brackets and newlines of a message", function()
            assert.equal('"x" \\ ]] [[ \ny', made:t("vi", "quoted", { a = "x", b = "y" }))
            assert.equal('"%{a}" \\ ]] [[ \n%{b}', made:t("vi", "quoted"))
        end)

        it("prints numbers as tostring does, other values through tostring", function()
            local obj = setmetatable({}, { __tostring = function() return "obj" end })
            assert.equal("1.5 và true", made:t("vi", "two", { a = 1.5, b = true }))
            assert.equal("obj và false", made:t("vi", "two", { a = obj, b = false }))
            assert.equal("1e+20 và -0", made:t("vi", "two", { a = 1e20, b = -0.0 }))
        end)

        it("fills the placeholders of a plural form", function()
            assert.equal("3 món, An", made:t("vi", "plural", { count = 3, name = "An" }))
            assert.equal("%{count} món, %{name}", made:t("vi", "plural"))
        end)
    end)

    describe("with gaps", function()
        local gaps

        setup(function()
            gaps = assert(i18n.load(FIXTURES .. "/gaps"))
        end)

        it("check reports a missing key and a plural without 'other'", function()
            assert.same({
                "i18n: key 'cart.empty.title' missing in en",
                "i18n: key 'cart.items' in en has no 'other' plural form",
            }, gaps:check())
        end)

        it("takes a key missing in English from Vietnamese", function()
            assert.equal("Giỏ hàng trống", gaps:t("en", "cart.empty.title"))
        end)
    end)

    describe("load errors", function()
        local broken, errs

        -- the error in errs that matches pattern (plain text), or nil
        local function find_error(text)
            for _, e in ipairs(errs) do
                if e:find(text, 1, true) then
                    return e
                end
            end
        end

        setup(function()
            broken, errs = i18n.load(FIXTURES .. "/broken", { label = "i18n" })
        end)

        it("returns nil and every error", function()
            assert.is_nil(broken)
            assert.equal(5, #errs, table.concat(errs, "\n"))
        end)

        it("reports a non-string value", function()
            assert.equal("i18n/vi/cart.lua: key 'cart.count' is not a string",
                         find_error("'cart.count'"))
        end)

        it("reports a plural form that is not a string", function()
            assert.equal("i18n/vi/cart.lua: key 'cart.items': plural form 'other' is not a string",
                         find_error("'cart.items'"))
        end)

        it("reports a syntax error with file and line", function()
            assert.matches("^i18n/vi/syntax%.lua:4: ", find_error("syntax.lua"))
        end)

        it("runs catalogs without globals", function()
            assert.matches("^i18n/vi/globals%.lua:2: attempt to index global 'string'",
                           find_error("globals.lua"))
        end)

        it("reports a key defined twice in one language", function()
            assert.equal("i18n/vi/dup.lua: key 'cart.title' is already defined in i18n/vi/cart.lua",
                         find_error("dup.lua"))
        end)
    end)
end)
