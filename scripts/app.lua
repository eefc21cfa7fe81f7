-- scripts/app.lua: the storefront's entry script. Registers every route of the store (addresses
-- pinned in DESIGN.md); the host loads it into each code generation.
local app = require "grocer.app"
local home = require "routes.home"
local category = require "routes.category"
local product = require "routes.product"
local search = require "routes.search"
local stores = require "routes.stores"
local api = require "routes.api"
local errors = require "routes.errors"


app.get("/", home.root)
app.get("/:lang", home.lang_only)
app.get("/:lang/", home.index)
app.get("/:lang/c/:slug", category.show)
app.get("/:lang/p/:slug", product.show)
app.get("/:lang/p/:slug/stock", product.stock_stream)
app.get("/:lang/search", search.show)
app.get("/:lang/stores", stores.index)
app.post("/:lang/stores", stores.choose_post)
app.get("/:lang/stores/choose", stores.choose_get)

app.get("/api/v1/search", api.search)
app.get("/api/v1/suggest", api.suggest)
app.get("/api/v1/products/:sku", api.product)
app.get("/api/*rest", api.not_found)

app.error_page = errors.page
