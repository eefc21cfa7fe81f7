-- scripts/seed/lines/extra.lua: the wide ranges of a hypermarket shelf written as matrices
-- (brand x product type x size): skin and hair care, oral care, cleaning tools, stationery-like
-- household basics, Vietnamese snacks and sweets, sauces and instant foods of more brands.
-- Shelf prices in VND (2025-2026). Data only; seed.lines expands it.
local L = {}
local function line(t) L[#L + 1] = t end

-- ---- skin care: brand x type ----
local SKIN_TYPES = {
    { "Sữa rửa mặt", "Facial Cleanser", 150, "ml", 1.0 }, { "Nước tẩy trang", "Micellar Water", 400, "ml",
        1.3 },
    { "Nước hoa hồng", "Toner", 200, "ml", 1.2 }, { "Serum dưỡng", "Serum", 30, "ml", 2.2 },
    { "Kem dưỡng ẩm", "Moisturiser", 50, "ml", 1.8 }, { "Kem chống nắng", "Sunscreen", 50, "ml", 1.7 },
    { "Mặt nạ giấy", "Sheet Mask", 25, "ml", 0.25 },
}
for _, b in ipairs{ { "L'Oréal Paris", 1.5, { { "Revitalift", "Revitalift" }, { "Glycolic Bright",
    "Glycolic Bright" } } },
                    { "Garnier", 1.1, { { "Sakura White", "Sakura White" }, { "Vitamin C", "Vitamin C" } } },
                    { "Simple", 1.2, { { "Kind to Skin", "Kind to Skin" } } },
                    { "Pond's", 1.0, { { "Bright Beauty", "Bright Beauty" }, { "Age Miracle", "Age Miracle" } } },
                    { "Senka", 1.1, { { "Perfect", "Perfect" }, { "White Beauty", "White Beauty" } } },
                    { "Hada Labo", 1.2, { { "Gokujyun", "Gokujyun" }, { "Perfect White", "Perfect White" } } },
                    { "La Roche-Posay", 3.0, { { "Effaclar", "Effaclar" }, { "Toleriane", "Toleriane" } } },
                    { "Cocoon", 1.6, { { "bí đao", "Winter Melon" }, { "hoa hồng", "Rose" } } },
                    { "Innisfree", 1.7, { { "trà xanh", "Green Tea" }, { "tro núi lửa", "Volcanic" } } },
                    { "Nivea", 1.1, { { "Luminous 630", "Luminous 630" } } },
                    { "Bioré", 1.0, { { "UV", "UV" } } }, { "Acnes", 0.9, { { "", "" } } } } do
    for _, t in ipairs(SKIN_TYPES) do
        local v = {}
        for _, r in ipairs(b[3]) do v[#v + 1] = { r[1], r[2] } end
        line{ "cham-soc-da", b[1], t[1] .. " " .. b[1] .. " %s", b[1] .. " %s " .. t[2], pop = 250, k = b[2] * t[5],
            v = v,
            s = { { t[3], t[4], 95000 }, { t[3] * 2, t[4], 165000, p = 0.5 } }, keep = 0.55 }
    end
end

-- ---- hair care: more brands ----
for _, b in ipairs{ { "L'Oréal Paris", "Elseve", 1.3 }, { "Garnier", "Fructis", 1.0 }, { "Palmolive", "Naturals",
    0.8 },
                    { "Selsun", "", 1.4 }, { "Sunsilk", "Natural", 0.9 }, { "Dove", "Botanical", 1.1 } } do
    local base = b[2] ~= "" and (b[1] .. " " .. b[2]) or b[1]
    for _, t in ipairs{ { "Dầu gội", "Shampoo", 1.0 }, { "Dầu xả", "Conditioner", 1.0 }, { "Kem ủ tóc",
        "Hair Mask", 1.4 } } do
        line{ "dau-goi-dau-xa", b[1], t[1] .. " " .. base .. " %s", base .. " %s " .. t[2], pop = 300, k = b[3] * t[3],
            v = { { "phục hồi hư tổn", "Repair" }, { "suôn mượt", "Smooth" }, { "ngăn rụng tóc",
                "Anti Hair Fall" },
                  { "sạch gàu", "Anti-dandruff" } },
            s = { { 170, "ml", 62000 }, { 330, "ml", 108000 }, { 650, "ml", 178000 } }, keep = 0.6 }
    end
end

-- ---- oral care: more brands ----
for _, b in ipairs{ { "Darlie", 1.0 }, { "Crest", 1.2 }, { "Sensodyne", 2.0 } } do
    line{ "cham-soc-rang-mieng", b[1], "Kem đánh răng " .. b[1] .. " %s", b[1] .. " %s Toothpaste", pop = 300,
        k = b[2],
        v = { { "bạc hà", "Mint" }, { "trắng răng", "Whitening" }, { "trà xanh", "Green Tea" }, { "than tre",
            "Charcoal" } },
        s = { { 100, "g", 32000 }, { 180, "g", 52000 }, { 225, "g", 62000 } }, keep = 0.75 }
end
line{ "cham-soc-rang-mieng", false, "%s", "%s", pop = 300, origin = "VN",
    v = { { "Chỉ nha khoa 50 m", "Dental Floss 50 m" }, { "Tăm chỉ nha khoa 50 cây", "Floss Picks, 50" },
          { "Bàn chải kẽ răng", "Interdental Brushes", k = 1.5 }, { "Tăm tre 2 đầu", "Bamboo Toothpicks",
              k = 0.3 } },
    s = { { 1, "pcs", 35000, vi = "", en = "" } } }

-- ---- household tools and basics ----
line{ "tay-rua-lau-chui", false, "%s", "%s", pop = 300, origin = "VN",
    v = { { "Cây lau nhà xoay 360 độ", "360° Spin Mop", k = 6 }, { "Bông lau thay thế", "Spare Mop Head",
        k = 1.2 },
          { "Chổi quét nhà", "Broom", k = 1.5 }, { "Chổi lông gà", "Feather Duster", k = 1.2 },
              { "Ky hốt rác", "Dustpan", k = 0.8 },
          { "Khăn lau microfiber 3 cái", "Microfibre Cloths, 3", k = 1.1 }, { "Bàn chải chà sàn",
              "Floor Scrub Brush", k = 0.9 },
          { "Găng tay cao su dài", "Long Rubber Gloves", k = 0.8 }, { "Cọ vệ sinh bồn cầu", "Toilet Brush",
              k = 1.1 },
          { "Xô nhựa 10 L", "10 L Plastic Bucket", k = 1.6 } },
    s = { { 1, "pcs", 32000, vi = "", en = "" } } }
line{ "do-dung-bep", false, "%s", "%s", pop = 250, origin = "VN",
    v = { { "Dao gọt trái cây", "Paring Knife" }, { "Kéo cắt thực phẩm", "Kitchen Scissors", k = 1.4 },
        { "Vá múc canh inox", "Stainless Ladle" },
          { "Sạn chiên chống dính", "Non-stick Turner" }, { "Rây lọc inox", "Stainless Strainer", k = 1.2 },
          { "Hộp đựng gia vị 4 ngăn", "4-compartment Spice Box", k = 2 }, { "Khay đá tủ lạnh",
              "Ice Cube Tray", k = 0.8 },
          { "Đũa inox 5 đôi", "Stainless Chopsticks, 5 pairs", k = 1.5 }, { "Muỗng inox 6 cái",
              "Stainless Spoons, 6", k = 1.5 },
          { "Tô sứ 18 cm", "18 cm Porcelain Bowl", k = 1.3 }, { "Bình thủy tinh 1 L", "1 L Glass Jug", k = 2.2 },
          { "Hũ thủy tinh đựng gia vị", "Glass Spice Jar", k = 1.1 } },
    s = { { 1, "pcs", 29000, vi = "", en = "" } } }

-- ---- Vietnamese snacks and sweets ----
line{ "snack", false, "%s", "%s", pop = 600, origin = "VN",
    v = { { "Bánh tráng trộn Tây Ninh", "Tay Ninh Mixed Rice Paper Snack" }, { "Bánh tráng me",
        "Tamarind Rice Paper" },
          { "Bánh tráng nướng mắm ruốc", "Grilled Rice Paper with Shrimp Paste" },
              { "Bánh tráng sa tế tỏi", "Garlic Satay Rice Paper" },
          { "Cơm cháy chà bông", "Crispy Rice with Pork Floss", k = 1.5 }, { "Cơm cháy mắm hành",
              "Crispy Rice with Fish Sauce & Scallion", k = 1.4 },
          { "Da heo mắm hành", "Crispy Pork Skin with Fish Sauce", k = 1.6 }, { "Khô gà lá chanh",
              "Lime Leaf Chicken Floss", k = 2 },
          { "Mực xé tẩm gia vị", "Shredded Seasoned Squid", k = 3 }, { "Đậu phộng rang tỏi ớt",
              "Garlic Chili Peanuts", k = 0.9 } },
    s = { { 100, "g", 22000 }, { 250, "g", 50000 } } }
line{ "keo", false, "%s", "%s", pop = 400, origin = "VN",
    v = { { "Kẹo cu đơ Hà Tĩnh", "Ha Tinh Cu Do Peanut Candy" }, { "Kẹo mè xửng Huế", "Hue Sesame Candy" },
          { "Kẹo lạc", "Peanut Brittle" }, { "Kẹo gừng", "Ginger Candy" }, { "Kẹo me cay",
              "Spicy Tamarind Candy" },
          { "Kẹo chuối Bến Tre", "Ben Tre Banana Candy" }, { "Kẹo sữa Bà Ba", "Ba Ba Milk Candy" } },
    s = { { 200, "g", 32000 }, { 500, "g", 72000 } } }
line{ "banh-bong-lan", false, "%s", "%s", pop = 400, origin = "VN", life = { 30, 60 },
    v = { { "Bánh đậu xanh Hải Dương", "Hai Duong Mung Bean Cake" }, { "Bánh cốm Hà Nội",
        "Hanoi Green Rice Cake" },
          { "Bánh dừa nướng Quảng Nam", "Quang Nam Baked Coconut Biscuits" }, { "Bánh in",
              "Banh In Rice Flour Cake" },
          { "Bánh phu thê", "Phu The Wedding Cake", k = 1.3 }, { "Bánh ít lá gai", "Ramie Leaf Sticky Cake",
              k = 1.2 } },
    s = { { 250, "g", 45000 }, { 500, "g", 85000 } } }
line{ "hat-trai-cay-say", false, "%s", "%s", pop = 400, origin = "VN", d = { "vegetarian", "vegan" },
    v = { { "Hạt điều Bình Phước rang muối", "Binh Phuoc Salted Cashews", k = 1.6 },
        { "Hạt macca Đắk Lắk", "Dak Lak Macadamias", k = 1.8 },
          { "Chuối sấy dẻo", "Soft Dried Bananas", k = 0.6 }, { "Mít sấy giòn", "Crispy Dried Jackfruit",
              k = 0.8 },
          { "Khoai môn sấy", "Taro Chips", k = 0.7 }, { "Mứt me cay", "Spicy Tamarind", k = 0.6 },
              { "Ô mai mơ gừng", "Apricot Ginger O Mai", k = 0.9 },
          { "Ô mai sấu", "Dracontomelon O Mai", k = 0.9 }, { "Xí muội", "Salted Plum", k = 0.7 } },
    s = { { 200, "g", 48000 }, { 500, "g", 110000 } } }

-- ---- more sauces, instant foods ----
line{ "xot-nau-an", "Barona", "Xốt %s Barona", "Barona %s Sauce", pop = 400,
    v = { { "lẩu Thái", "Thai Hot Pot" }, { "gà chiên mắm", "Fish Sauce Fried Chicken" }, { "bò lúc lắc",
        "Shaking Beef" },
          { "sườn ram", "Caramelised Ribs" }, { "kho thịt", "Braised Pork" }, { "cà ri", "Curry" } },
    s = { { 80, "g", 16000 } } }
line{ "xot-nau-an", "Cholimex", "Xốt %s Cholimex", "Cholimex %s Sauce", pop = 400,
    v = { { "chấm hải sản", "Seafood Dipping" }, { "me", "Tamarind" }, { "ướp sườn nướng",
        "Grilled Rib Marinade" }, { "chua ngọt", "Sweet & Sour" } },
    s = { { 200, "g", 19000 } } }
line{ "xot-nau-an", "Knorr", "Gia vị lẩu Knorr %s", "Knorr %s Hot Pot Base", pop = 400,
    v = { { "Thái Tom Yum", "Thai Tom Yum" }, { "nấm", "Mushroom" }, { "kim chi", "Kimchi" } }, s = { { 180, "g",
        28000 } } }
line{ "sup-nuoc-dung", "Knorr", "Súp Knorr %s", "Knorr %s Soup", pop = 400,
    v = { { "gà ngô", "Chicken Corn" }, { "cua", "Crab" }, { "nấm", "Mushroom" }, { "rau củ", "Vegetable" } },
        s = { { 50, "g", 12000 } } }

return L
