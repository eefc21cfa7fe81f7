-- spec/01-unit/03-html_spec.lua: grocer.html escaping.
local html = require "grocer.html"


describe("grocer.html.escape", function()
    it("escapes all five special characters", function()
        assert.equal("&amp;&lt;&gt;&quot;&#39;", html.escape([[&<>"']]))
    end)

    it("escapes inside text and leaves the rest", function()
        assert.equal("<b> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Gạo",
                     "<b> " .. html.escape("<script>alert('x')</script> Gạo"))
    end)

    it("returns a string with nothing to escape unchanged", function()
        local s = "Sữa tươi Vinamilk 1L"
        assert.equal(s, html.escape(s))
    end)

    it("prints numbers and booleans, and nil as an empty string", function()
        assert.equal("42", html.escape(42))
        assert.equal("1.5", html.escape(1.5))
        assert.equal("true", html.escape(true))
        assert.equal("", html.escape(nil))
    end)

    it("escapes what follows a NUL byte", function()
        assert.equal("a\0&lt;b&gt;", html.escape("a\0<b>"))
        assert.equal("a\0b", html.escape("a\0b"))
    end)

    it("escapes a string the same every time it sees it", function()
        local s = "Chả lụa <b>\"đặc biệt\"</b> & 'mới'"
        local want = "Chả lụa &lt;b&gt;&quot;đặc biệt&quot;&lt;/b&gt; &amp; &#39;mới&#39;"
        for _ = 1, 3 do
            assert.equal(want, html.escape(s))
        end
    end)

    it("escapes long strings and more distinct strings than it remembers", function()
        local long = string.rep("<a & b>", 100)
        assert.equal(string.rep("&lt;a &amp; b&gt;", 100), html.escape(long))
        for i = 1, 2500 do
            assert.equal("&lt;" .. i .. "&gt;", html.escape("<" .. i .. ">"))
        end
        assert.equal("&lt;1&gt;", html.escape("<1>"))
    end)

    it("escapes what __tostring returns", function()
        local obj = setmetatable({}, { __tostring = function() return "a<b" end })
        assert.equal("a&lt;b", html.escape(obj))
    end)
end)
