-- bench/app/i18n/vi/bench.lua: Vietnamese strings of the benchmark page (/page), read by grocer's
-- i18n and, for the nginx reference, by bench/nginx/page.lua.
return {
    ["bench.page.title"] = "%{category} | grocer",
    ["bench.page.count"] = { one = "%{count} sản phẩm", other = "%{count} sản phẩm" },
    ["bench.page.search"] = "Tìm sản phẩm…",
    ["bench.page.cart"] = "Giỏ hàng",
    ["bench.page.add"] = "Thêm vào giỏ",
    ["bench.page.in_stock"] = "Còn %{count}",
    ["bench.page.out_of_stock"] = "Hết hàng",
    ["bench.page.footer"] = "Giá đã gồm VAT · Giao hàng trong 2 giờ",
    ["bench.unit.kg"] = "/kg",
    ["bench.unit.pack"] = "/gói",
    ["bench.unit.piece"] = "/cái",
}
