-- scripts/seed/taxonomy.lua: the demo store's aisles and categories (the category tree, names in
-- Vietnamese and English, slugs) and what each category implies for the products filed in it:
-- VAT rate, storage, perishability and shelf life, and the prices and pack sizes used for
-- imported goods whose source data has none. Data only, plus an index by slug.
--
-- Category fields: slug, vi, en; vat (0, 5, 8, 10); st storage ("ambient" | "chilled" |
-- "frozen"); per perishable; life {min, max} shelf life in days (false: none printed); ppu the
-- shelf price of an imported product in VND per 100 g or 100 ml; sz the sizes {quantity, "g"
-- | "ml"} an imported product without a printed size is given.
local ipairs = ipairs


local _M = {}


-- VAT: unprocessed farm, meat and fish products, rice, sugar and fresh eggs are 5 %; most
-- goods 8 % (the 2025-2026 reduction from 10 %); beer, wine and spirits stay at 10 %.
local FOOD = { vat = 8, st = "ambient", life = { 180, 540 } }


local function c(slug, vi, en, o)
    o = o or {}
    o.slug, o.vi, o.en = slug, vi, en
    for k, v in pairs(FOOD) do
        if o[k] == nil then
            o[k] = v
        end
    end
    return o
end


local FRESH = function(slug, vi, en, life, st)
    return c(slug, vi, en, { vat = 5, st = st or "chilled", per = true, life = life })
end


_M.AISLES = {
    { slug = "rau-cu-trai-cay", vi = "Rau củ, trái cây", en = "Fresh produce", cats = {
        FRESH("rau-la", "Rau ăn lá", "Leafy greens", { 2, 4 }),
        FRESH("rau-cu", "Rau củ", "Vegetables", { 4, 14 }),
        FRESH("nam-tuoi", "Nấm tươi", "Fresh mushrooms", { 3, 6 }),
        FRESH("rau-thom", "Rau thơm", "Fresh herbs", { 2, 4 }),
        FRESH("trai-cay-viet-nam", "Trái cây Việt Nam", "Vietnamese fruit", { 4, 10 }),
        FRESH("trai-cay-nhap-khau", "Trái cây nhập khẩu", "Imported fruit", { 7, 21 }),
        FRESH("trai-cay-cat-san", "Trái cây cắt sẵn", "Cut fruit", { 1, 3 }),
        c("rau-cu-dong-goi", "Rau củ đóng hộp, chế biến", "Canned and prepared vegetables",
          { ppu = 9000, sz = { { 400, "g" }, { 425, "g" }, { 240, "g" } }, life = { 365, 720 } }),
        c("dau-hu-do-chay", "Đậu hũ, đồ chay", "Tofu and vegetarian",
          { vat = 8, st = "chilled", per = true, life = { 5, 14 }, ppu = 9000, sz = { { 300, "g" }, { 400, "g" } } }),
    } },
    { slug = "thit-hai-san", vi = "Thịt, hải sản", en = "Meat and seafood", cats = {
        FRESH("thit-heo", "Thịt heo", "Pork", { 2, 4 }),
        FRESH("thit-bo", "Thịt bò", "Beef", { 3, 5 }),
        FRESH("thit-ga-vit", "Thịt gà, vịt", "Chicken and duck", { 2, 4 }),
        FRESH("thit-khac", "Thịt dê, cừu, ếch", "Goat, lamb and frog", { 2, 4 }),
        FRESH("ca-tuoi", "Cá tươi", "Fresh fish", { 1, 3 }),
        FRESH("tom-cua-muc", "Tôm, cua, mực", "Shrimp, crab and squid", { 1, 3 }),
        FRESH("ngheu-so-oc", "Nghêu, sò, ốc", "Clams, cockles and snails", { 1, 2 }),
        c("thit-che-bien", "Xúc xích, thịt nguội", "Sausages and cold cuts",
          { st = "chilled", per = true, life = { 14, 60 }, ppu = 38000, sz = { { 200, "g" }, { 340, "g" }, { 454,
              "g" } } }),
        c("hai-san-che-bien", "Hải sản chế biến", "Prepared seafood",
          { st = "chilled", per = true, life = { 7, 30 }, ppu = 45000, sz = { { 200, "g" }, { 300, "g" } } }),
    } },
    { slug = "sua-trung", vi = "Sữa, trứng", en = "Dairy and eggs", cats = {
        c("sua-tuoi", "Sữa tươi", "Fresh milk",
          { st = "chilled", per = true, life = { 7, 14 }, ppu = 7000, sz = { { 946, "ml" }, { 1890, "ml" } } }),
        c("sua-hat", "Sữa hạt, sữa đậu nành", "Plant milk",
          { life = { 180, 365 }, ppu = 9000, sz = { { 946, "ml" }, { 1000, "ml" } } }),
        c("sua-chua", "Sữa chua", "Yogurt",
          { st = "chilled", per = true, life = { 21, 45 }, ppu = 16000, sz = { { 150, "g" }, { 907, "g" } } }),
        c("sua-dac-sua-bot", "Sữa đặc, sữa bột", "Condensed and powdered milk", { life = { 365, 540 },
            ppu = 18000 }),
        c("pho-mai", "Phô mai", "Cheese",
          { st = "chilled", per = true, life = { 60, 180 }, ppu = 60000, sz = { { 170, "g" }, { 227, "g" }, { 340,
              "g" } } }),
        c("bo-kem-sua", "Bơ, kem sữa", "Butter and cream",
          { st = "chilled", per = true, life = { 30, 120 }, ppu = 38000, sz = { { 227, "g" }, { 473, "ml" } } }),
        FRESH("trung", "Trứng", "Eggs", { 14, 28 }),
    } },
    { slug = "gao-thuc-pham-kho", vi = "Gạo, thực phẩm khô", en = "Rice and dry goods", cats = {
        c("gao", "Gạo", "Rice", { vat = 5, life = { 180, 365 }, ppu = 9000, sz = { { 907, "g" }, { 2000, "g" } } }),
        c("bun-mien-banh-trang", "Bún, miến, phở khô, bánh tráng", "Dried noodles and rice paper",
            { life = { 270, 540 } }),
        c("mi-y-nui", "Mì Ý, nui", "Pasta", { life = { 365, 730 }, ppu = 12000, sz = { { 454, "g" }, { 340,
            "g" } } }),
        c("bot-lam-banh", "Bột, nguyên liệu làm bánh", "Flour and baking",
          { life = { 270, 540 }, ppu = 15000, sz = { { 454, "g" }, { 907, "g" }, { 425, "g" } } }),
        c("duong-mat-ong", "Đường, mật ong, siro", "Sugar, honey and syrup",
          { life = { 365, 730 }, ppu = 22000, sz = { { 340, "g" }, { 454, "g" }, { 355, "ml" } } }),
        c("dau-hat-kho", "Đậu, hạt, đồ khô", "Beans, seeds and dried goods",
          { life = { 270, 540 }, ppu = 16000, sz = { { 454, "g" }, { 425, "g" } } }),
        c("do-hop", "Đồ hộp", "Canned food", { life = { 540, 1095 }, ppu = 14000, sz = { { 425, "g" }, { 150,
            "g" }, { 340, "g" } } }),
        c("ngu-coc", "Ngũ cốc, yến mạch", "Cereal and oats", { life = { 270, 365 }, ppu = 28000, sz = { { 340,
            "g" }, { 510, "g" } } }),
        c("mut-bo-phet", "Mứt, bơ đậu phộng", "Jams and spreads", { life = { 270, 540 }, ppu = 32000,
            sz = { { 340, "g" }, { 454, "g" } } }),
    } },
    { slug = "mi-chao-an-lien", vi = "Mì, cháo, phở ăn liền", en = "Instant noodles and soups", cats = {
        c("mi-goi", "Mì gói", "Instant noodles", { life = { 150, 180 }, ppu = 9000, sz = { { 85, "g" } } }),
        c("mi-ly", "Mì ly, mì tô", "Cup noodles", { life = { 150, 180 }, ppu = 20000, sz = { { 64, "g" } } }),
        c("pho-bun-an-lien", "Phở, bún, miến ăn liền", "Instant pho and vermicelli", { life = { 150, 240 } }),
        c("chao-an-lien", "Cháo ăn liền", "Instant porridge", { life = { 180, 365 } }),
        c("sup-nuoc-dung", "Súp, nước dùng", "Soups and broths",
          { life = { 365, 730 }, ppu = 12000, sz = { { 539, "g" }, { 298, "g" }, { 946, "ml" } } }),
    } },
    { slug = "dau-an-gia-vi", vi = "Dầu ăn, nước chấm, gia vị", en = "Oil, sauces and spices", cats = {
        c("dau-an", "Dầu ăn", "Cooking oil", { life = { 365, 540 }, ppu = 26000, sz = { { 500, "ml" }, { 750,
            "ml" } } }),
        c("nuoc-mam", "Nước mắm", "Fish sauce", { life = { 540, 730 } }),
        c("nuoc-tuong-dau-hao", "Nước tương, dầu hào", "Soy and oyster sauce",
          { life = { 365, 730 }, ppu = 15000, sz = { { 295, "ml" }, { 450, "ml" } } }),
        c("tuong-ot-tuong-ca", "Tương ớt, tương cà, mayonnaise", "Chili sauce, ketchup and mayonnaise",
          { life = { 270, 540 }, ppu = 18000, sz = { { 340, "g" }, { 397, "g" } } }),
        c("hat-nem-bot-ngot", "Hạt nêm, bột ngọt", "Seasoning and MSG", { life = { 365, 730 } }),
        c("muoi-tieu-gia-vi", "Muối, tiêu, gia vị khô", "Salt, pepper and spices",
          { life = { 365, 730 }, ppu = 55000, sz = { { 60, "g" }, { 85, "g" }, { 120, "g" } } }),
        c("xot-nau-an", "Xốt nấu ăn, xốt ướp", "Cooking sauces",
          { life = { 270, 540 }, ppu = 20000, sz = { { 680, "g" }, { 510, "g" }, { 425, "g" } } }),
        c("xot-salad-xot-cham", "Xốt salad, xốt chấm", "Dressings and dips",
          { life = { 180, 365 }, ppu = 30000, sz = { { 473, "ml" }, { 340, "g" }, { 227, "g" } } }),
        c("giam-mam-dua-muoi", "Giấm, mắm, dưa muối", "Vinegar, pastes and pickles",
          { life = { 270, 540 }, ppu = 16000, sz = { { 473, "ml" }, { 680, "g" } } }),
    } },
    { slug = "do-uong", vi = "Đồ uống", en = "Drinks", cats = {
        c("nuoc-suoi", "Nước suối, nước khoáng", "Water", { life = { 365, 730 }, ppu = 2500, sz = { { 500,
            "ml" }, { 1000, "ml" } } }),
        c("nuoc-ngot", "Nước ngọt có ga", "Soft drinks", { life = { 180, 365 }, ppu = 4500, sz = { { 355, "ml" },
            { 2000, "ml" } } }),
        c("nuoc-ep", "Nước ép, nước trái cây", "Juice", { life = { 180, 365 }, ppu = 6500, sz = { { 1000,
            "ml" }, { 1750, "ml" } } }),
        c("tra", "Trà", "Tea", { life = { 365, 730 }, ppu = 30000, sz = { { 50, "g" }, { 473, "ml" } } }),
        c("ca-phe", "Cà phê, ca cao", "Coffee and cocoa", { life = { 270, 540 }, ppu = 45000, sz = { { 340, "g" },
            { 283, "g" } } }),
        c("nuoc-tang-luc", "Nước tăng lực, thể thao", "Energy and sports drinks",
          { life = { 270, 540 }, ppu = 8000, sz = { { 473, "ml" }, { 591, "ml" } } }),
        c("thuc-uong-dinh-duong", "Thức uống dinh dưỡng", "Nutrition drinks",
          { life = { 180, 365 }, ppu = 16000, sz = { { 325, "ml" }, { 400, "g" } } }),
    } },
    { slug = "bia-ruou", vi = "Bia, rượu", en = "Beer, wine and spirits", cats = {
        c("bia", "Bia", "Beer", { vat = 10, life = { 270, 365 }, ppu = 9000, sz = { { 355, "ml" } } }),
        c("ruou-vang", "Rượu vang", "Wine", { vat = 10, life = false, ppu = 60000, sz = { { 750, "ml" } } }),
        c("ruou-manh", "Rượu mạnh, rượu truyền thống", "Spirits", { vat = 10, life = false }),
        c("ruou-trai-cay-soju", "Rượu trái cây, soju, cider", "Fruit wine, soju and cider",
          { vat = 10, life = { 365, 540 }, ppu = 12000, sz = { { 355, "ml" } } }),
    } },
    { slug = "banh-keo-snack", vi = "Bánh kẹo, snack", en = "Snacks and confectionery", cats = {
        c("banh-quy", "Bánh quy", "Biscuits and cookies", { life = { 180, 365 }, ppu = 30000, sz = { { 200, "g" },
            { 300, "g" } } }),
        c("banh-quy-man-banh-gao", "Bánh quy giòn, bánh gạo", "Crackers and rice crackers",
          { life = { 180, 365 }, ppu = 30000, sz = { { 198, "g" }, { 227, "g" } } }),
        c("snack", "Snack", "Chips and crisps", { life = { 120, 270 }, ppu = 35000, sz = { { 142, "g" }, { 227,
            "g" } } }),
        c("keo", "Kẹo", "Candy", { life = { 270, 540 }, ppu = 40000, sz = { { 141, "g" }, { 198, "g" } } }),
        c("socola", "Sô-cô-la", "Chocolate", { life = { 270, 540 }, ppu = 65000, sz = { { 100, "g" }, { 85,
            "g" } } }),
        c("hat-trai-cay-say", "Hạt, trái cây sấy", "Nuts and dried fruit",
          { life = { 180, 365 }, ppu = 45000, sz = { { 170, "g" }, { 283, "g" } } }),
        c("thanh-ngu-coc", "Thanh ngũ cốc, protein", "Snack bars", { life = { 270, 365 }, ppu = 55000, sz = { { 210,
            "g" }, { 240, "g" } } }),
        c("kho-bo-kho-ga", "Khô bò, khô gà", "Jerky", { life = { 180, 365 }, ppu = 110000, sz = { { 71, "g" }, { 92,
            "g" } } }),
        c("banh-bong-lan", "Bánh bông lan, bánh ngọt đóng gói", "Packaged cakes",
          { life = { 60, 180 }, ppu = 30000, sz = { { 240, "g" }, { 300, "g" } } }),
        c("pudding-thach", "Pudding, thạch", "Puddings and jelly", { life = { 180, 365 }, ppu = 25000, sz = { { 92,
            "g" } } }),
    } },
    { slug = "banh-mi-banh-ngot", vi = "Bánh mì, bánh ngọt", en = "Bakery", cats = {
        c("banh-mi", "Bánh mì", "Bread", { per = true, life = { 4, 10 }, ppu = 14000, sz = { { 567, "g" }, { 454,
            "g" } } }),
        c("banh-mi-tron-banh-cuon", "Bánh mì tròn, bánh cuộn, tortilla", "Buns, rolls and wraps",
          { per = true, life = { 5, 14 }, ppu = 16000, sz = { { 340, "g" }, { 454, "g" } } }),
        c("banh-ngot", "Bánh ngọt, bánh kem", "Cakes and pastries",
          { per = true, life = { 3, 10 }, ppu = 30000, sz = { { 397, "g" }, { 510, "g" } } }),
        c("banh-muffin-bagel", "Bánh muffin, bagel", "Muffins and bagels",
          { per = true, life = { 5, 14 }, ppu = 22000, sz = { { 340, "g" }, { 397, "g" } } }),
    } },
    { slug = "thuc-pham-dong-lanh", vi = "Thực phẩm đông lạnh", en = "Frozen food", cats = {
        c("cha-gio-ha-cao", "Chả giò, há cảo, bánh bao", "Spring rolls, dumplings and buns",
          { st = "frozen", life = { 180, 365 }, ppu = 25000, sz = { { 454, "g" } } }),
        c("mon-an-dong-lanh", "Món ăn đông lạnh", "Frozen meals",
          { st = "frozen", life = { 180, 365 }, ppu = 24000, sz = { { 283, "g" }, { 340, "g" } } }),
        c("pizza-dong-lanh", "Pizza đông lạnh", "Frozen pizza", { st = "frozen", life = { 180, 365 }, ppu = 24000,
            sz = { { 400, "g" } } }),
        c("kem", "Kem", "Ice cream", { st = "frozen", life = { 270, 540 }, ppu = 25000, sz = { { 473, "ml" }, { 1420,
            "ml" } } }),
        c("rau-cu-dong-lanh", "Rau củ, khoai tây đông lạnh", "Frozen vegetables and fries",
          { st = "frozen", life = { 270, 540 }, ppu = 14000, sz = { { 340, "g" }, { 454, "g" } } }),
        c("thit-hai-san-dong-lanh", "Thịt, hải sản đông lạnh", "Frozen meat and seafood",
          { st = "frozen", life = { 180, 365 }, ppu = 38000, sz = { { 454, "g" }, { 680, "g" } } }),
    } },
    { slug = "mon-an-che-bien-san", vi = "Món ăn chế biến sẵn", en = "Ready meals and deli", cats = {
        c("mon-an-nau-san", "Món ăn nấu sẵn", "Ready meals", { st = "chilled", per = true, life = { 3, 7 },
            ppu = 28000, sz = { { 340, "g" } } }),
        c("salad-goi", "Salad, gỏi", "Salads", { st = "chilled", per = true, life = { 2, 5 }, ppu = 30000,
            sz = { { 283, "g" }, { 170, "g" } } }),
        c("nui-pho-mai-mon-hop", "Nui phô mai, món ăn đóng hộp", "Mac and cheese and boxed meals",
          { life = { 270, 540 }, ppu = 22000, sz = { { 206, "g" }, { 170, "g" } } }),
        c("banh-sandwich-burrito", "Bánh sandwich, burrito", "Sandwiches and wraps",
          { st = "chilled", per = true, life = { 2, 5 }, ppu = 30000, sz = { { 198, "g" }, { 255, "g" } } }),
        FRESH("quay-thuc-pham-chin", "Quầy thực phẩm chín", "Deli counter", { 1, 2 }),
    } },
    { slug = "do-dung-gia-dinh", vi = "Đồ dùng gia đình", en = "Household", cats = {
        c("bot-giat-nuoc-giat", "Bột giặt, nước giặt", "Laundry detergent", { life = { 730, 1095 } }),
        c("nuoc-xa-vai", "Nước xả vải", "Fabric softener", { life = { 730, 1095 } }),
        c("nuoc-rua-chen", "Nước rửa chén", "Dishwashing", { life = { 730, 1095 } }),
        c("tay-rua-lau-chui", "Nước lau sàn, tẩy rửa", "Cleaners", { life = { 730, 1095 } }),
        c("giay-khan-giay", "Giấy vệ sinh, khăn giấy", "Paper products", { life = false }),
        c("tui-rac-mang-boc", "Túi rác, màng bọc, giấy bạc", "Bags, wraps and foil", { life = false }),
        c("diet-con-trung-xit-phong", "Diệt côn trùng, xịt phòng", "Insect control and air fresheners",
            { life = { 730, 1095 } }),
        c("do-dung-bep", "Đồ dùng nhà bếp, ăn uống", "Kitchen and tableware", { life = false }),
        c("pin-bong-den-gas", "Pin, bóng đèn, gas mini", "Batteries, bulbs and gas", { life = false }),
    } },
    { slug = "cham-soc-ca-nhan", vi = "Chăm sóc cá nhân", en = "Personal care", cats = {
        c("dau-goi-dau-xa", "Dầu gội, dầu xả", "Shampoo and conditioner", { life = { 730, 1095 } }),
        c("sua-tam-xa-bong", "Sữa tắm, xà bông", "Body wash and soap", { life = { 730, 1095 } }),
        c("cham-soc-rang-mieng", "Chăm sóc răng miệng", "Oral care", { life = { 730, 1095 } }),
        c("cham-soc-da", "Chăm sóc da, chống nắng", "Skin care and sun protection", { life = { 730, 1095 } }),
        c("khu-mui-nuoc-hoa", "Khử mùi, nước hoa", "Deodorant and fragrance", { life = { 730, 1095 } }),
        c("bang-ve-sinh", "Băng vệ sinh", "Feminine care", { life = { 1095, 1095 } }),
        c("dao-cao-tam-bong-khau-trang", "Dao cạo, tăm bông, khẩu trang", "Shaving and essentials",
            { life = false }),
        c("nuoc-rua-tay", "Nước rửa tay", "Hand wash and sanitiser", { life = { 730, 1095 } }),
    } },
    { slug = "me-va-be", vi = "Mẹ và bé", en = "Mother and baby", cats = {
        c("ta-bim", "Tã, bỉm", "Diapers", { life = false }),
        c("sua-cong-thuc", "Sữa công thức", "Infant formula", { life = { 365, 730 } }),
        c("an-dam", "Bột ăn dặm, thức ăn dặm", "Baby food", { life = { 180, 540 }, ppu = 30000, sz = { { 113,
            "g" }, { 99, "g" } } }),
        c("khan-uot-em-be", "Khăn ướt em bé", "Baby wipes", { life = { 730, 1095 } }),
        c("tam-goi-em-be", "Tắm gội, chăm sóc bé", "Baby bath and care", { life = { 730, 1095 } }),
        c("binh-sua-phu-kien", "Bình sữa, phụ kiện", "Bottles and accessories", { life = false }),
    } },
    { slug = "hang-tet", vi = "Hàng Tết", en = "Tet holiday goods", cats = {
        c("banh-mut-tet", "Bánh chưng, mứt Tết", "Tet cakes and candied fruit", { life = { 60, 180 } }),
        c("hat-dua-hat-tet", "Hạt dưa, hạt Tết", "Tet seeds and nuts", { life = { 180, 270 } }),
        c("gio-qua-tet", "Giỏ quà, hộp quà Tết", "Tet gift baskets and boxes", { life = { 180, 365 } }),
        c("lap-xuong-gio-cha", "Lạp xưởng, giò chả Tết", "Tet sausages and pork rolls",
          { st = "chilled", per = true, life = { 14, 90 } }),
    } },
}


-- Aisles and categories whose goods are not food (no storage line in their descriptions).
local NON_FOOD = { ["do-dung-gia-dinh"] = true, ["cham-soc-ca-nhan"] = true, ["ta-bim"] = true,
                   ["khan-uot-em-be"] = true, ["tam-goi-em-be"] = true, ["binh-sua-phu-kien"] = true }


-- Flat arrays with ids: aisles get 1..#AISLES, categories follow; cat.parent_id, cat.aisle.
function _M.build()
    local rows, by_slug = {}, {}
    local id = 0
    for pos, a in ipairs(_M.AISLES) do
        id = id + 1
        local row = { id = id, slug = a.slug, vi = a.vi, en = a.en, position = pos, is_aisle = true }
        a.id = id
        rows[#rows + 1] = row
        by_slug[a.slug] = row
    end
    for _, a in ipairs(_M.AISLES) do
        for pos, cat in ipairs(a.cats) do
            id = id + 1
            cat.id = id
            cat.parent_id = a.id
            cat.position = pos
            cat.aisle = a.slug
            cat.food = not NON_FOOD[a.slug] and not NON_FOOD[cat.slug]
            rows[#rows + 1] = cat
            if by_slug[cat.slug] then
                error("taxonomy: duplicate slug " .. cat.slug)
            end
            by_slug[cat.slug] = cat
        end
    end
    return rows, by_slug
end


return _M
