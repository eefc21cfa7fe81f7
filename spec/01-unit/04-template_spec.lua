-- spec/01-unit/04-template_spec.lua: grocer.template syntax, escaping, error lines, partials,
-- layouts, the recursion guard and load_dir.
local template = require "grocer.template"

local FIXTURES = "spec/fixtures/templates"


local function render(source, view, helpers)
    local fn = assert(template.compile(source, "test.html"))
    return fn(view, helpers)
end


describe("grocer.template", function()
    describe("compile", function()
        it("escapes <%= %> output", function()
            assert.equal("<p>&amp;&lt;&gt;&quot;&#39;</p>", render("<p><%= s %></p>", { s = [[&<>"']] }))
        end)

        it("writes <%- %> output raw", function()
            assert.equal("<p><b>bold</b></p>", render("<p><%- s %></p>", { s = "<b>bold</b>" }))
        end)

        it("prints nil as nothing and numbers as they are", function()
            assert.equal("[][7]", render("[<%= missing %>][<%= n %>]", { n = 7 }))
        end)

        it("runs <% %> code: loops and conditions", function()
            local src = "<% for i, x in ipairs(xs) do %><% if i > 1 then %>,<% end %><%= x %><% end %>"
            assert.equal("a,b,c", render(src, { xs = { "a", "b", "c" } }))
        end)

        it("drops the newline after -%>", function()
            local src = "<ul>\n<% for _, x in ipairs(xs) do -%>\n<li><%= x %></li>\n<% end -%>\n</ul>\n"
            assert.equal("<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n", render(src, { xs = { 1, 2 } }))
        end)

        it("keeps text with quotes, backslashes and Lua long brackets intact", function()
            local src = [==[a "q" \n \\ ]] [[ ]=] %d %s]==]
            assert.equal(src, render(src, {}))
        end)

        it("gives templates format_vnd, escape and the helpers passed in", function()
            local out = render("<%= format_vnd(price) %>|<%- escape('<') %>|<%= t('k') %>",
                               { price = 25000 }, { t = function(k) return "T:" .. k end })
            assert.equal("25.000 ₫|&lt;|T:k", out)
        end)

        it("lets view fields shadow helpers", function()
            assert.equal("view", render("<%= t %>", { t = "view" }, { t = "helper" }))
        end)

        it("does not leak template assignments into the view or other renders", function()
            local fn = assert(template.compile("<% x = (x or 0) + 1 %><%= x %>", "x.html"))
            local view = {}
            assert.equal("1", fn(view))
            assert.equal("1", fn(view))
            assert.is_nil(view.x)
        end)

        it("prints many values in a row, with no statement between them", function()
            local src, want = {}, {}
            for i = 1, 150 do
                src[i], want[i] = "<%= n + " .. i .. " %>,", (i + 1) .. ","
            end
            assert.equal(table.concat(want), render(table.concat(src), { n = 1 }))
        end)

        it("keeps helpers of one render out of the next", function()
            local fn = assert(template.compile("[<%= x %>]", "h.html"))
            assert.equal("[1]", fn({}, { x = 1 }))
            assert.equal("[]", fn({}))
        end)

        it("renders again after a render failed", function()
            local fn = assert(template.compile("<% if fail then error('boom') end %>ok", "f.html"))
            assert.is_nil(fn({ fail = true }))
            assert.equal("ok", fn({}))
        end)

        it("gives <%- content %> the view's content outside a layout", function()
            assert.equal("<b>x</b>", render("<%- content %>", { content = "<b>x</b>" }))
            assert.equal("", render("<%- content -%>\n", {}))
        end)

        it("reports a syntax error with the template line", function()
            local src = "a\nb\nc\nd\ne\nf\n<%= price + %>\nh\n"
            local fn, err = template.compile(src, "templates/x/y.html")
            assert.is_nil(fn)
            assert.matches("^templates/x/y%.html:7: ", err)
        end)

        it("keeps the line right after trimmed newlines and multi-line code", function()
            local src = "<% if a then -%>\n<% end -%>\n<%\n local y = 1\n%>\n<% -- note %>\n\n<%= y + %>"
            local _, err = template.compile(src, "t.html")
            assert.matches("^t%.html:8: ", err)
        end)

        it("keeps a long chunk name whole in errors", function()
            local name = "templates/admin/promotions/rules/preview/_rule_preview_table_row.html"
            local _, err = template.compile("\n<%= x + %>", name)
            assert.equal(name .. ":2: ", err:sub(1, #name + 4))
            local fn = assert(template.compile("\n\n<%= x.y %>", name))
            local _, rerr = fn({})
            assert.equal(name .. ":3: ", rerr:sub(1, #name + 4))
        end)

        it("reports an unclosed tag at its line", function()
            local _, err = template.compile("a\n\n<%= x \n", "t.html")
            assert.equal("t.html:3: unclosed '<%' tag", err)
        end)

        it("reports a runtime error with the template line", function()
            local fn = assert(template.compile("a\nb\n<%= p.name %>", "t.html"))
            local out, err = fn({})
            assert.is_nil(out)
            assert.matches("^t%.html:3: attempt to index global 'p'", err)
        end)
    end)

    describe("load_dir", function()
        local set

        setup(function()
            local errs
            set, errs = template.load_dir(FIXTURES .. "/site")
            assert(set, errs and table.concat(errs, "\n"))
        end)

        it("names templates by relative path without .html", function()
            assert.same({ "catalog/_card", "catalog/listing", "catalog/plain", "layouts/main",
                          "layouts/shop", "loop/_self", "loop/missing", "loop/page", "tree/_node" },
                        set:names())
        end)

        it("renders a page", function()
            assert.equal("<p>a &amp; b</p>\n", set:render("catalog/plain", { message = "a & b" }))
        end)

        it("wraps a page in nested layouts with partials inside", function()
            local out = assert(set:render("catalog/listing", {
                lang = "vi", title = "Rau <củ>", category = "Rau",
                products = {
                    { slug = "rau-muong", name = "Rau muống", price_vnd = 12000 },
                    { slug = "ca-rot", name = "Cà rốt & hành", price_vnd = 1250500 },
                },
            }, { t = function(key, vars) return key .. ":" .. vars.name end }))
            assert.equal(table.concat({
                '<!doctype html>',
                '<html lang="vi">',
                '<head><title>Rau &lt;củ&gt;</title></head>',
                '<body>',
                '<main class="shop"><h1>catalog.listing.title:Rau</h1>',
                '<article class="card"><a href="/vi/p/rau-muong">Rau muống</a> <span>12.000 ₫</span></article>',
                '<article class="card"><a href="/vi/p/ca-rot">Cà rốt &amp; hành</a> <span>1.250.500 ₫</span></article>',
                '</main>',
                '',
                '</body>',
                '</html>',
                '',
            }, "\n"), out)
        end)

        it("lets a page set variables for its layout", function()
            local s = template.new_set()
            assert(s:add("layout", "<title><%= title %></title><%- content %>"))
            assert(s:add("page", "<% layout('layout') title = 'From page' %>body"))
            assert.equal("<title>From page</title>body", s:render("page", { title = "From view" }))
        end)

        it("wraps a page alike whether its layout only prints content or uses it", function()
            local s = template.new_set()
            assert(s:add("page", "<% layout(wrap) %><p><%= msg %></p>"))
            assert(s:add("printing", "<main><%- content -%>\n</main><%-content%>"))
            assert(s:add("using", "<% local c = content %><main><%- c %></main><%- content %>"))
            local want = "<main><p>a &amp; b</p></main><p>a &amp; b</p>"
            assert.equal(want, s:render("page", { wrap = "printing", msg = "a & b" }))
            assert.equal(want, s:render("page", { wrap = "using", msg = "a & b" }))
        end)

        it("reports an error in a layout with the layout's line", function()
            local s = template.new_set()
            assert(s:add("page", "<% layout('layout') %>body"))
            assert(s:add("layout", "<%- content %>\n\n<%= x.y %>", "templates/layout.html"))
            local out, err = s:render("page", {})
            assert.is_nil(out)
            assert.matches("^templates/layout%.html:3: attempt to index global 'x'", err)
        end)

        it("keeps the variables of nested renders of one template apart", function()
            local s = template.new_set()
            assert(s:add("_r", "<% x = n %><% if n > 0 then %><%- partial('_r', { n = n - 1 }) %>"
                               .. "<% end %>[<%= x %>]"))
            assert.equal("[0][1][2]", s:render("_r", { n = 2 }))
        end)

        it("renders a recursive partial that ends", function()
            local tree = { name = "Rau", children = { { name = "Lá" }, { name = "Củ" } } }
            assert.equal("<li>Rau<ul><li>Lá</li>\n<li>Củ</li>\n</ul></li>\n",
                         set:render("tree/_node", { node = tree }))
        end)

        it("stops a partial that includes itself forever", function()
            local out, err = set:render("loop/_self", {})
            assert.is_nil(out)
            assert.matches("nested deeper than 16 (a partial or layout loop?): loop/_self > loop/_self",
                           err, 1, true)
        end)

        it("stops a layout loop", function()
            local out, err = set:render("loop/page", {})
            assert.is_nil(out)
            assert.matches("a partial or layout loop?", err, 1, true)
        end)

        it("names an unknown template", function()
            local out, err = set:render("catalog/nope", {})
            assert.is_nil(out)
            assert.equal("template: unknown template 'catalog/nope'", err)
        end)

        it("names an unknown partial and where it was called from", function()
            local _, err = set:render("loop/missing", {})
            assert.equal("template: unknown template 'catalog/_nope' (from 'loop/missing')", err)
        end)

        it("collects every compile error of a folder, with file and line", function()
            local broken, errs = template.load_dir(FIXTURES .. "/broken", "templates")
            assert.is_nil(broken)
            assert.equal(2, #errs)
            assert.equal("templates/sub/unclosed.html:3: unclosed '<%' tag", errs[1])
            assert.matches("^templates/syntax%.html:7: ", errs[2])
        end)

        it("reports a missing folder", function()
            local none, errs = template.load_dir(FIXTURES .. "/does-not-exist")
            assert.is_nil(none)
            assert.matches("cannot read folder", errs[1], 1, true)
        end)
    end)
end)
