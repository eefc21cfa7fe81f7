-- bench/app/scripts/bench/data.lua: the fixed catalogue page that both benchmark servers render.
-- Owns the 24 products of /page (Vietnamese names with diacritics, one full of HTML
-- metacharacters to exercise escaping, integer VND prices).
-- Read-only data, loaded once per Lua state: by grocer through `require "bench.data"` and by
-- the nginx reference through the same require (bench/nginx/nginx.conf.in puts scripts/ on its path).
local format = string.format


local _M = {}


-- name, slug, unit, price_vnd, stock (0: out of stock)
local ROWS = {
    { "Rau muống Đà Lạt", "rau-muong-da-lat", "pack", 12500, 40 },
    { "Cà chua bi hữu cơ", "ca-chua-bi-huu-co", "pack", 38900, 12 },
    { "Thịt ba chỉ heo", "thit-ba-chi-heo", "kg", 165000, 25 },
    { "Cá basa phi lê", "ca-basa-phi-le", "kg", 89000, 0 },
    { "Nước mắm Phú Quốc 40°N", "nuoc-mam-phu-quoc-40n", "piece", 72500, 60 },
    { "Gạo ST25 túi 5 kg", "gao-st25-tui-5kg", "piece", 189000, 33 },
    { "Bánh phở tươi", "banh-pho-tuoi", "pack", 15000, 18 },
    { "Trứng gà ta (hộp 10 quả)", "trung-ga-ta-hop-10", "pack", 42000, 50 },
    { "Sữa tươi không đường 1 lít", "sua-tuoi-khong-duong-1l", "piece", 33500, 80 },
    { "Đậu hũ non", "dau-hu-non", "piece", 9000, 0 },
    { "Nấm rơm tươi", "nam-rom-tuoi", "pack", 27000, 14 },
    { "Xoài cát Hòa Lộc", "xoai-cat-hoa-loc", "kg", 95000, 22 },
    { "Thanh long ruột đỏ", "thanh-long-ruot-do", "kg", 45000, 30 },
    { "Bưởi da xanh Bến Tre", "buoi-da-xanh-ben-tre", "piece", 68000, 9 },
    { "Cà phê phin Buôn Ma Thuột", "ca-phe-phin-buon-ma-thuot", "pack", 125000, 45 },
    { "Trà xanh Thái Nguyên", "tra-xanh-thai-nguyen", "pack", 98000, 0 },
    { "Chả lụa <b>\"đặc biệt\"</b> & 'mới'", "cha-lua-dac-biet-moi", "piece", 1250500, 7 },
    { "Mì gói tôm chua cay (thùng 30 gói)", "mi-goi-tom-chua-cay-thung-30", "pack", 118000, 70 },
    { "Dầu ăn đậu nành 2 lít", "dau-an-dau-nanh-2l", "piece", 96500, 28 },
    { "Đường mía trắng 1 kg", "duong-mia-trang-1kg", "pack", 24500, 55 },
    { "Hành lá", "hanh-la", "pack", 6000, 90 },
    { "Tỏi Lý Sơn", "toi-ly-son", "kg", 210000, 16 },
    { "Ớt hiểm", "ot-hiem", "kg", 80000, 0 },
    { "Bánh tráng phơi sương Trảng Bàng", "banh-trang-phoi-suong-trang-bang", "pack", 35000, 24 },
}


local products = {}
for i = 1, #ROWS do
    local r = ROWS[i]
    products[i] = {
        sku = format("VN-%06d", 100000 + i * 37),
        name = r[1],
        slug = r[2],
        unit = r[3],
        price_vnd = r[4],
        stock = r[5],
    }
end


_M.products = products
_M.category = "Chợ tươi & đồ khô"


return _M
