-- bench/app/i18n/en/bench.lua: English strings of the benchmark page (/page?lang=en on grocer).
return {
    ["bench.page.title"] = "%{category} | grocer",
    ["bench.page.count"] = { one = "%{count} product", other = "%{count} products" },
    ["bench.page.search"] = "Search products…",
    ["bench.page.cart"] = "Cart",
    ["bench.page.add"] = "Add to cart",
    ["bench.page.in_stock"] = "%{count} left",
    ["bench.page.out_of_stock"] = "Out of stock",
    ["bench.page.footer"] = "Prices include VAT · Delivery within 2 hours",
    ["bench.unit.kg"] = "/kg",
    ["bench.unit.pack"] = "/pack",
    ["bench.unit.piece"] = "/piece",
}
