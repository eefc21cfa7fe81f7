-- scripts/app.lua: the storefront's entry script. Registers every route of the store; the
-- host loads it into each code generation. Pages come in later issues (catalog, cart, ...).
local app = require "grocer.app"
local home = require "routes.home"
local errors = require "routes.errors"


app.get("/", home.root)
app.get("/:lang/", home.index)

app.error_page = errors.page
