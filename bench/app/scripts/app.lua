-- bench/app/scripts/app.lua: the app that `make bench` (bench/run.sh) serves with grocer, the
-- counterpart of the nginx reference in bench/nginx/: /plaintext, /json (TechEmpower style)
-- and /page, a 24-product listing rendered per request from bench/data.lua through the
-- templates bench/page.html + bench/layout.html and the i18n catalogue i18n/*/bench.lua.
-- The TechEmpower database tests (/db, /queries, /updates, /fortunes) live in bench/tfb.lua.
local app = require "grocer.app"
local data = require "bench.data"
local tfb = require "bench.tfb"


local HELLO = { message = "Hello, World!" }
local PAGE_VIEW = { category = data.category, products = data.products }   -- read-only


app.get("/plaintext", function(req, res)
    res:header("Content-Type", "text/plain")
    res:send("Hello, World!")
end)


app.get("/json", function(req, res)
    res:json(HELLO)
end)


app.get("/page", function(req, res)
    res:render("bench/page", PAGE_VIEW)
end)


app.get("/db", tfb.db)
app.get("/queries", tfb.queries)
app.get("/updates", tfb.updates)
app.get("/fortunes", tfb.fortunes)
