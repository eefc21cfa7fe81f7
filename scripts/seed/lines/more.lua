-- scripts/seed/lines/more.lua: drinks, beer, wine and spirits, snacks and sweets, frozen food,
-- bakery, sausages and pork rolls, and Tet goods from the brands a Vietnamese supermarket
-- shelves. Shelf prices in VND (2025-2026). Data only; seed.lines expands it.
local L = {}
local function line(t) L[#L + 1] = t end

local CAN = function(ml, price, six, case24)
    return { { ml, "ml", price, vi = "lon " .. ml .. " ml", en = ml .. " ml can" },
             { ml, "ml", six, 6, vi = "lốc 6 lon " .. ml .. " ml", en = "6 x " .. ml .. " ml cans" },
             { ml, "ml", case24, 24, vi = "thùng 24 lon " .. ml .. " ml", en = "24 x " .. ml .. " ml cans" } }
end
local BOTTLE = function(sizes)
    local out = {}
    for _, s in ipairs(sizes) do
        local txt = s[1] >= 1000 and (s[1] % 1000 == 0 and (s[1] / 1000) .. " L" or string.format("%.1f L",
            s[1] / 1000)) or s[1] .. " ml"
        out[#out + 1] = { s[1], "ml", s[2], s[3], vi = (s[3] and ("thùng " .. s[3] .. " chai ") or "chai ") .. txt,
                          en = (s[3] and (s[3] .. " x ") or "") .. txt .. (s[3] and " bottles" or " bottle") }
    end
    return out
end

-- ---- water and soft drinks ----
line{ "nuoc-suoi", "Lavie", "Nước khoáng Lavie", "Lavie Mineral Water", pop = 5000, d = { "vegetarian", "vegan" },
    s = BOTTLE{ { 350, 4500 }, { 500, 5500 }, { 1500, 11000 }, { 5000, 28000 }, { 500, 112000, 24 }, { 350, 95000,
        24 } } }
line{ "nuoc-suoi", "Aquafina", "Nước tinh khiết Aquafina", "Aquafina Purified Water", pop = 5000,
    d = { "vegetarian", "vegan" },
    s = BOTTLE{ { 355, 4500 }, { 500, 5500 }, { 1500, 11000 }, { 5000, 27000 }, { 500, 110000, 24 } } }
line{ "nuoc-suoi", "Dasani", "Nước tinh khiết Dasani", "Dasani Purified Water", pop = 1200, d = { "vegetarian",
    "vegan" },
    s = BOTTLE{ { 510, 5000 }, { 1500, 10000 }, { 510, 98000, 24 } } }
line{ "nuoc-suoi", "Vĩnh Hảo", "Nước khoáng Vĩnh Hảo %s", "Vinh Hao Mineral Water %s", pop = 1500,
    d = { "vegetarian", "vegan" },
    v = { { "", "" }, { "có ga", "Sparkling", k = 1.4 } }, s = BOTTLE{ { 350, 4000 }, { 500, 5000 }, { 1500, 10000 },
        { 500, 105000, 24 } } }
line{ "nuoc-suoi", "TH true WATER", "Nước tinh khiết TH true WATER", "TH true WATER Purified Water", pop = 900,
    s = BOTTLE{ { 350, 4500 }, { 500, 5500 }, { 500, 115000, 24 } } }
line{ "nuoc-suoi", "Evian", "Nước khoáng thiên nhiên Evian", "Evian Natural Mineral Water", pop = 300,
    origin = "FR",
    s = BOTTLE{ { 500, 28000 }, { 1500, 55000 } } }
local SODA_CANS = CAN(320, 10500, 59000, 225000)
line{ "nuoc-ngot", "Coca-Cola", "Nước ngọt Coca-Cola %s", "Coca-Cola %s", pop = 5000,
    v = { { "", "" }, { "Zero", "Zero Sugar", p = 0.6 }, { "Light", "Light", p = 0.3 } },
    s = { SODA_CANS[1], SODA_CANS[2], SODA_CANS[3], BOTTLE{ { 390, 8500 } }[1], BOTTLE{ { 1500, 21000 } }[1],
        BOTTLE{ { 2250, 28000 } }[1] } }
line{ "nuoc-ngot", "Pepsi", "Nước ngọt Pepsi %s", "Pepsi %s", pop = 4500,
    v = { { "", "" }, { "không calo", "Zero Sugar", p = 0.6 }, { "vị chanh không calo", "Lime Zero Sugar",
        p = 0.3 } },
    s = { SODA_CANS[1], SODA_CANS[2], SODA_CANS[3], BOTTLE{ { 390, 8000 } }[1], BOTTLE{ { 1500, 20000 } }[1] } }
for _, b in ipairs{ { "7Up", "7Up", { { "", "" } } }, { "Sprite", "Sprite", { { "", "" } } },
                    { "Mirinda", "Mirinda", { { "cam", "Orange" }, { "xá xị", "Sarsi" }, { "soda kem",
                        "Cream Soda" }, { "việt quất", "Blueberry" } } },
                    { "Fanta", "Fanta", { { "cam", "Orange" }, { "nho", "Grape" }, { "soda kem trái cây",
                        "Fruit Cream Soda" } } } } do
    line{ "nuoc-ngot", b[1], "Nước ngọt " .. b[2] .. " %s", b[2] .. " %s", pop = 1800, v = b[3],
        s = { SODA_CANS[1], SODA_CANS[2], SODA_CANS[3], BOTTLE{ { 390, 8000 } }[1], BOTTLE{ { 1500, 19000 } }[1] } }
end
line{ "nuoc-ngot", "Schweppes", "Nước %s Schweppes", "Schweppes %s", pop = 500,
    v = { { "soda", "Soda Water" }, { "tonic", "Tonic Water" }, { "gừng", "Ginger Ale" } }, s = CAN(330, 11000, 63000,
        240000) }
line{ "nuoc-ngot", "Chương Dương", "Nước ngọt Chương Dương %s", "Chuong Duong %s", pop = 500,
    v = { { "sá xị", "Sarsi" }, { "soda kem", "Cream Soda" } }, s = CAN(330, 9500, 55000, 210000) }
line{ "nuoc-ngot", "Revive", "Nước giải khát Revive %s", "Revive %s Isotonic Drink", pop = 1200,
    v = { { "chanh muối", "Salted Lemon" }, { "", "" } }, s = BOTTLE{ { 390, 9500 }, { 390, 215000, 24 } } }
line{ "nuoc-tang-luc", "Sting", "Nước tăng lực Sting %s", "Sting %s Energy Drink", pop = 3500,
    v = { { "hương dâu", "Strawberry" }, { "Gold", "Gold" } }, s = { SODA_CANS[1], SODA_CANS[2], SODA_CANS[3],
        BOTTLE{ { 330, 10000 } }[1] } }
line{ "nuoc-tang-luc", "Red Bull", "Nước tăng lực Red Bull Bò Húc", "Red Bull Energy Drink", pop = 3000,
    s = CAN(250, 12000, 70000, 270000) }
line{ "nuoc-tang-luc", "Number 1", "Nước tăng lực Number 1 %s", "Number 1 Energy Drink %s", pop = 1500,
    v = { { "", "" }, { "dâu", "Strawberry" } }, s = BOTTLE{ { 330, 10000 }, { 330, 228000, 24 } } }
line{ "nuoc-tang-luc", "Warrior", "Nước tăng lực Warrior %s", "Warrior %s Energy Drink", pop = 1000,
    v = { { "nho", "Grape" }, { "dâu", "Strawberry" } }, s = CAN(325, 10000, 58000, 225000) }
line{ "nuoc-tang-luc", "Monster", "Nước tăng lực Monster Energy %s", "Monster Energy %s", pop = 300,
    origin = "US",
    v = { { "", "Original" }, { "Ultra không đường", "Ultra Zero Sugar" } }, s = { { 355, "ml", 32000 } } }
line{ "nuoc-tang-luc", "Aquafina", "Nước bù khoáng Aquafina Revive Ion %s",
    "Aquafina Revive Ion Electrolyte Water %s", pop = 400,
    v = { { "", "" } }, s = BOTTLE{ { 500, 9000 } } }
line{ "tra", "Tân Hiệp Phát", "%s Tân Hiệp Phát", "Tan Hiep Phat %s", pop = 3000,
    v = { { "Trà xanh Không Độ vị chanh", "Zero Degree Green Tea Lemon" }, { "Trà thảo mộc Dr Thanh",
        "Dr Thanh Herbal Tea" },
          { "Trà bí đao Không Độ", "Zero Degree Winter Melon Tea" }, { "Trà chanh Không Độ",
              "Zero Degree Lemon Tea" } },
    s = BOTTLE{ { 455, 10000 }, { 330, 9000 }, { 455, 230000, 24 } }, keep = 0.9 }
line{ "tra", "C2", "Trà xanh C2 %s", "C2 Green Tea %s", pop = 2500,
    v = { { "hương chanh", "Lemon" }, { "hương đào", "Peach" }, { "hương táo", "Apple" }, { "mật ong",
        "Honey" } },
    s = BOTTLE{ { 225, 5500 }, { 455, 8500 }, { 455, 195000, 24 } } }
line{ "tra", "Suntory PepsiCo", "Trà %s", "%s Tea", pop = 2000,
    v = { { "Ô Long Tea+ Plus", "Tea+ Plus Oolong" }, { "Lipton chanh mật ong chai", "Lipton Iced Lemon Honey" },
          { "xanh Lipton không đường", "Lipton Unsweetened Green" } },
    s = BOTTLE{ { 450, 10500 }, { 450, 240000, 24 } } }
line{ "tra", "Fuze Tea", "Trà Fuze Tea %s", "Fuze Tea %s", pop = 1000,
    v = { { "chanh sả", "Lemon Lemongrass" }, { "đào", "Peach" }, { "táo và hoa cúc", "Apple Chamomile" } },
    s = BOTTLE{ { 450, 9500 }, { 1000, 18000 } } }
line{ "nuoc-ep", "Vfresh", "Nước ép Vfresh %s", "Vfresh %s Juice", pop = 1200,
    v = { { "cam 100%", "100% Orange" }, { "táo 100%", "100% Apple" }, { "đào", "Peach" }, { "cà chua", "Tomato" },
          { "nho", "Grape" }, { "nha đam", "Aloe Vera" } },
    s = { { 1000, "ml", 46000 }, { 180, "ml", 36000, 4 } } }
line{ "nuoc-ep", "TH true MILK", "Nước trái cây TH true JUICE %s", "TH true JUICE %s", pop = 900,
    v = { { "cam", "Orange" }, { "táo đỏ kỷ tử", "Red Apple Goji" }, { "ổi", "Guava" }, { "chanh leo",
        "Passion Fruit" } },
    s = BOTTLE{ { 350, 14000 }, { 350, 78000, 6 } } }
line{ "nuoc-ep", "Teppy", "Nước cam ép Teppy có tép", "Teppy Orange Juice with Pulp", pop = 1200,
    s = BOTTLE{ { 327, 10000 }, { 1000, 24000 }, { 327, 220000, 24 } } }
line{ "nuoc-ep", "Twister", "Nước cam Twister", "Twister Orange Drink", pop = 1200, s = BOTTLE{ { 455, 10000 },
    { 1000, 20000 } } }
line{ "nuoc-ep", "Nutriboost", "Sữa trái cây Nutriboost %s", "Nutriboost %s Milk Drink", pop = 1000,
    v = { { "hương cam", "Orange" }, { "hương dâu", "Strawberry" }, { "bánh quy kem", "Cookies & Cream" } },
    s = BOTTLE{ { 297, 10000 }, { 1000, 26000 } } }
line{ "nuoc-ep", "Malee", "Nước ép Malee %s", "Malee %s Juice", pop = 300, origin = "TH",
    v = { { "xoài", "Mango" }, { "ổi", "Guava" }, { "vải", "Lychee" }, { "dứa", "Pineapple" } }, s = { { 1000,
        "ml", 65000 } } }
line{ "nuoc-ep", "Cocoxim", "Nước dừa Cocoxim %s", "Cocoxim Coconut Water %s", pop = 900,
    v = { { "xiêm xanh", "Green Coconut" }, { "dứa", "Pineapple Coconut" } }, s = { { 330, "ml", 20000 }, { 1000,
        "ml", 48000 } } }
line{ "nuoc-ep", "Sanest", "Nước yến sào Sanest Khánh Hòa %s", "Sanest Khanh Hoa Bird's Nest Drink %s",
    pop = 900,
    v = { { "", "" }, { "không đường", "Sugar Free" } }, s = { { 190, "ml", 18000 }, { 190, "ml", 102000, 6 },
        { 70, "ml", 195000, 6, p = 0.3 } } }
line{ "nuoc-ep", "Wonderfarm", "%s Wonderfarm", "Wonderfarm %s", pop = 1000,
    v = { { "Trà bí đao", "Winter Melon Tea" }, { "Nước nha đam", "Aloe Vera Drink" }, { "Nước sâm bí đao",
        "Herbal Winter Melon Drink" } },
    s = CAN(310, 8500, 49000, 190000) }

-- ---- beer, wine, spirits ----
local BEER = { age = true, vat = 10, life = { 270, 365 } }
local function beer(t) for k, v in pairs(BEER) do if t[k] == nil then t[k] = v end end line(t) end
beer{ "bia", "Heineken", "Bia Heineken %s", "Heineken %s Beer", pop = 4500,
    v = { { "", "", abv = 5.0 }, { "Silver", "Silver", abv = 4.0 }, { "0.0 không cồn", "0.0 Alcohol-free", abv = 0.0,
        p = 0.3 } },
    s = CAN(330, 19500, 112000, 440000) }
beer{ "bia", "Tiger", "Bia Tiger %s", "Tiger %s Beer", pop = 4500,
    v = { { "", "", abv = 5.0 }, { "Crystal", "Crystal", abv = 4.6 }, { "Platinum", "Platinum Wheat Lager", abv = 4.6,
        k = 1.1 } },
    s = CAN(330, 17000, 98000, 385000) }
beer{ "bia", "Sài Gòn", "Bia Sài Gòn %s", "Saigon %s Beer", pop = 4000,
    v = { { "Special", "Special", abv = 4.9 }, { "Lager", "Lager", abv = 4.3, k = 0.8 }, { "Export", "Export",
        abv = 4.9, k = 0.9 },
          { "Chill", "Chill", abv = 4.6, k = 1.05 }, { "Gold", "Gold", abv = 5.0, k = 1.2 } },
    s = CAN(330, 16000, 93000, 360000) }
beer{ "bia", "333", "Bia 333 %s", "333 %s Beer", pop = 3000, v = { { "", "", abv = 5.3 }, { "Pilsner", "Pilsner",
    abv = 4.8 } },
    s = CAN(330, 12500, 73000, 285000) }
beer{ "bia", "Larue", "Bia Larue %s", "Larue %s Beer", pop = 1200, v = { { "", "", abv = 4.2 }, { "Special", "Special",
    abv = 4.6, k = 1.1 } },
    s = CAN(330, 11500, 67000, 260000) }
beer{ "bia", "Hà Nội", "Bia Hà Nội %s", "Hanoi %s Beer", pop = 2000, v = { { "", "", abv = 4.2 }, { "Premium",
    "Premium", abv = 5.0, k = 1.3 } },
    s = CAN(330, 12000, 70000, 270000) }
beer{ "bia", "Huda", "Bia Huda %s", "Huda %s Beer", pop = 900, v = { { "", "", abv = 4.7 }, { "Gold", "Gold", abv = 4.7,
    k = 1.1 } },
    s = CAN(330, 12000, 70000, 270000) }
beer{ "bia", "Budweiser", "Bia Budweiser", "Budweiser Beer", pop = 1200, abv = 5.0, s = CAN(330, 19000, 110000,
    430000) }
beer{ "bia", "Sapporo", "Bia Sapporo Premium", "Sapporo Premium Beer", pop = 900, abv = 4.9, s = CAN(330, 17500, 100000,
    395000) }
beer{ "bia", "Carlsberg", "Bia Carlsberg %s", "Carlsberg %s Beer", pop = 700, v = { { "", "", abv = 5.0 },
    { "Smooth Draught", "Smooth Draught", abv = 4.6 } },
    s = CAN(330, 17000, 98000, 385000) }
beer{ "bia", "Edelweiss", "Bia lúa mì Edelweiss", "Edelweiss Wheat Beer", pop = 400, abv = 5.3, s = CAN(330, 27000,
    158000, 620000) }
beer{ "bia", "Hoegaarden", "Bia Hoegaarden %s", "Hoegaarden %s Beer", pop = 400, origin = "BE",
    v = { { "White", "White", abv = 4.9 }, { "Rosée", "Rosée", abv = 3.0 } }, s = BOTTLE{ { 330, 39000 }, { 330,
        228000, 6 } } }
beer{ "bia", "Corona", "Bia Corona Extra", "Corona Extra Beer", pop = 500, abv = 4.5, origin = "MX", s = BOTTLE{ { 355,
    35000 }, { 355, 205000, 6 } } }
beer{ "ruou-trai-cay-soju", "Strongbow", "Rượu táo Strongbow %s", "Strongbow %s Cider", pop = 1200,
    v = { { "táo nguyên bản", "Gold Apple", abv = 4.5 }, { "dâu đen", "Red Berries", abv = 4.5 }, { "mật ong",
        "Honey", abv = 4.5 },
          { "đào", "Peach", abv = 4.5 } },
    s = { { 330, "ml", 21000 }, { 330, "ml", 122000, 6 }, { 330, "ml", 475000, 24 } } }
beer{ "ruou-trai-cay-soju", "Jinro", "Rượu Soju Jinro %s", "Jinro Soju %s", pop = 1200, life = false, origin = "KR",
    v = { { "Chamisul Fresh", "Chamisul Fresh", abv = 16.5 }, { "vị đào", "Peach", abv = 13.0 }, { "vị nho",
        "Grape", abv = 13.0 },
          { "vị việt quất", "Blueberry", abv = 13.0 }, { "vị mận", "Plum", abv = 13.0 }, { "vị dâu",
              "Strawberry", abv = 13.0 } },
    s = { { 360, "ml", 65000 } } }
beer{ "ruou-trai-cay-soju", "Soju Good Day", "Rượu Soju Good Day %s", "Good Day Soju %s", pop = 600, life = false,
    origin = "KR",
    v = { { "vị đào", "Peach", abv = 13.5 }, { "vị dưa lưới", "Melon", abv = 13.5 }, { "vị chanh", "Citron",
        abv = 13.5 } },
    s = { { 360, "ml", 62000 } } }
local WINE = { { "Cabernet Sauvignon", "Cabernet Sauvignon", "đỏ", "red", 13.5 }, { "Merlot", "Merlot", "đỏ",
    "red", 13.5 },
               { "Shiraz", "Shiraz", "đỏ", "red", 14.0 }, { "Pinot Noir", "Pinot Noir", "đỏ", "red", 13.0,
                   k = 1.3 },
               { "Chardonnay", "Chardonnay", "trắng", "white", 13.0 }, { "Sauvignon Blanc", "Sauvignon Blanc",
                   "trắng", "white", 12.5 },
               { "Moscato", "Moscato", "ngọt", "sweet", 7.5, k = 0.9 } }
for _, b in ipairs{ { "Penfolds", "Koonunga Hill", 420000, "AU" }, { "Jacob's Creek", "Classic", 260000, "AU" },
                    { "Yellow Tail", "", 245000, "AU" }, { "Concha y Toro", "Casillero del Diablo", 330000, "CL" },
                    { "Montes", "Classic Series", 390000, "CL" }, { "Castel", "Grande Réserve", 280000, "FR" } } do
    local v = {}
    for _, w in ipairs(WINE) do
        v[#v + 1] = { "vang " .. w[3] .. " " .. w[1], w[2] .. " " .. (w[4] == "sweet" and "Sweet " or "") ..
                      (w[4] == "red" and "Red" or w[4] == "white" and "White" or "") .. " Wine", abv = w[5], k = w.k }
    end
    beer{ "ruou-vang", b[1], "Rượu %s " .. b[1] .. (b[2] ~= "" and " " .. b[2] or ""),
          b[1] .. (b[2] ~= "" and " " .. b[2] or "") .. " %s", pop = 300, origin = b[4], life = false, keep = 0.7,
          v = v, s = { { 750, "ml", b[3] } } }
end
beer{ "ruou-vang", "Vang Đà Lạt", "Rượu vang Đà Lạt %s", "Da Lat Wine %s", pop = 900, life = false,
    v = { { "đỏ Classic", "Classic Red", abv = 12.0 }, { "trắng Classic", "Classic White", abv = 12.0 },
          { "Export đỏ", "Export Red", abv = 13.0, k = 1.4 }, { "dâu tằm", "Mulberry", abv = 11.0, k = 0.9 },
          { "Chateau Dalat Signature", "Chateau Dalat Signature", abv = 13.5, k = 2.2 } },
    s = { { 750, "ml", 125000 } } }
beer{ "ruou-manh", "Halico", "Rượu %s Halico", "Halico %s", pop = 900, life = false,
    v = { { "Vodka Hà Nội", "Hanoi Vodka", abv = 29.5 }, { "Nếp Mới", "Nep Moi Rice Spirit", abv = 29.5 },
          { "Vodka Men", "Men Vodka", abv = 29.5, k = 1.3 }, { "Làng Vân", "Lang Van Rice Spirit", abv = 40.0,
              k = 1.2 } },
    s = { { 300, "ml", 58000 }, { 500, "ml", 92000 } } }
beer{ "ruou-manh", "Bàu Đá", "Rượu Bàu Đá Bình Định", "Bau Da Binh Dinh Rice Spirit", pop = 300,
    abv = 39.0, life = false,
    s = { { 500, "ml", 145000 } } }
for _, sp in ipairs{ { "Johnnie Walker", "Whisky Johnnie Walker %s", "Johnnie Walker %s Whisky",
                       { { "Red Label", "Red Label", abv = 40.0 }, { "Black Label 12 năm", "Black Label 12 Year Old",
                           abv = 40.0, k = 2.1 },
                         { "Gold Label Reserve", "Gold Label Reserve", abv = 40.0, k = 3.3 } }, 395000 },
                     { "Chivas Regal", "Whisky Chivas Regal %s", "Chivas Regal %s Whisky",
                       { { "12 năm", "12 Year Old", abv = 40.0 }, { "18 năm", "18 Year Old", abv = 40.0, k = 2.4 } },
                           920000 },
                     { "Jack Daniel's", "Whiskey Jack Daniel's %s", "Jack Daniel's %s Whiskey",
                       { { "Old No. 7", "Old No. 7", abv = 40.0 }, { "Honey", "Honey", abv = 35.0 } }, 720000 },
                     { "Hennessy", "Cognac Hennessy %s", "Hennessy %s Cognac", { { "VS", "VS", abv = 40.0 }, { "VSOP",
                         "VSOP", abv = 40.0, k = 1.7 } }, 1350000 },
                     { "Absolut", "Vodka Absolut %s", "Absolut %s Vodka", { { "", "", abv = 40.0 }, { "Citron",
                         "Citron", abv = 40.0 } }, 460000 },
                     { "Smirnoff", "Vodka Smirnoff %s", "Smirnoff %s Vodka", { { "Red", "Red", abv = 37.5 } },
                         330000 } } do
    beer{ "ruou-manh", sp[1], sp[2], sp[3], pop = 250, life = false, v = sp[4], s = { { 700, "ml", sp[5] } } }
end

-- ---- snacks and sweets ----
line{ "snack", "Oishi", "Snack Oishi %s", "Oishi %s Snack", pop = 2500,
    v = { { "tôm cay", "Spicy Prawn Crackers" }, { "bí đỏ vị bò nướng", "Pumpkin Grilled Beef" },
        { "bắp ngọt", "Sweet Corn" },
          { "hành", "Onion Rings" }, { "phồng tôm", "Prawn Puffs" }, { "Pillows nhân sô-cô-la",
              "Pillows Chocolate" },
          { "mực cay", "Spicy Squid" }, { "cà chua", "Tomato" } },
    s = { { 40, "g", 6500 }, { 90, "g", 13000 }, { 40, "g", 60000, 10 } }, keep = 0.85 }
line{ "snack", "Poca", "Snack khoai tây Poca %s", "Poca %s Potato Chips", pop = 2200,
    v = { { "vị tảo biển", "Seaweed" }, { "vị bò bít tết", "Beef Steak" }, { "vị tự nhiên",
        "Classic" }, { "vị kem chua hành", "Sour Cream & Onion" },
          { "vị mực cay", "Spicy Squid" } },
    s = { { 52, "g", 12000 }, { 95, "g", 21000 } } }
line{ "snack", "Lay's", "Snack khoai tây Lay's %s", "Lay's %s Potato Chips", pop = 2200,
    v = { { "vị tự nhiên", "Classic" }, { "vị kem chua hành", "Sour Cream & Onion" },
        { "vị tảo biển Nori", "Nori Seaweed" },
          { "vị sườn nướng BBQ", "BBQ" }, { "Stax vị tự nhiên", "Stax Original", k = 1.6 } },
    s = { { 52, "g", 12500 }, { 95, "g", 22000 }, { 150, "g", 33000 } } }
line{ "snack", "Pringles", "Snack khoai tây Pringles %s", "Pringles %s Potato Crisps", pop = 1000, origin = "US",
    v = { { "vị nguyên bản", "Original" }, { "vị kem chua hành", "Sour Cream & Onion" }, { "vị phô mai",
        "Cheesy Cheese" },
          { "vị cay", "Hot & Spicy" } },
    s = { { 107, "g", 45000 }, { 42, "g", 22000 } } }
line{ "snack", "Swing", "Snack khoai tây Swing %s", "Swing %s Potato Chips", pop = 1200,
    v = { { "vị bít tết", "Steak" }, { "vị gà nướng", "Roast Chicken" }, { "vị mực", "Squid" } },
        s = { { 32, "g", 7000 }, { 63, "g", 13000 } } }
line{ "snack", "Orion", "Snack %s Orion", "Orion %s", pop = 1500,
    v = { { "khoai tây O'Star vị phô mai", "O'Star Cheese Potato Chips" }, { "khoai tây O'Star vị kim chi",
        "O'Star Kimchi Potato Chips" },
          { "Toonies vị phô mai", "Toonies Cheese" }, { "ngô Toonies", "Toonies Corn" } },
    s = { { 48, "g", 11000 }, { 90, "g", 19500 } } }
line{ "snack", "Tao Kae Noi", "Snack rong biển Tao Kae Noi %s", "Tao Kae Noi %s Seaweed Snack", pop = 1000,
    origin = "TH",
    v = { { "vị truyền thống", "Original" }, { "vị cay", "Spicy" }, { "vị tôm", "Shrimp" } }, s = { { 32,
        "g", 28000 }, { 4, "g", 9000 } } }
line{ "snack", "Sa Giang", "Bánh phồng tôm Sa Giang %s", "Sa Giang Prawn Crackers %s", pop = 1500,
    v = { { "", "" }, { "đặc biệt", "Special", k = 1.4 }, { "cua", "Crab" } }, s = { { 100, "g", 17000 }, { 200,
        "g", 32000 } } }
line{ "hat-trai-cay-say", "Tân Tân", "Đậu phộng Tân Tân %s", "Tan Tan %s Peanuts", pop = 1500,
    v = { { "nước cốt dừa", "Coconut" }, { "da cá", "Coated" }, { "rang muối", "Salted Roasted" },
        { "vị mực", "Squid" } },
    s = { { 40, "g", 7000 }, { 100, "g", 16000 }, { 275, "g", 39000 } }, d = { "vegetarian" } }
line{ "hat-trai-cay-say", "Tân Tân", "Hạt điều rang muối Tân Tân", "Tan Tan Salted Roasted Cashews",
    pop = 800,
    s = { { 100, "g", 49000 }, { 200, "g", 95000 } }, d = { "vegetarian", "vegan" } }
line{ "hat-trai-cay-say", "Nông Lâm Food", "%s Nông Lâm Food", "Nong Lam Food %s", pop = 800, d = { "vegetarian",
    "vegan" },
    v = { { "Hạt điều rang muối", "Salted Cashews", k = 1.0 }, { "Hạt mắc ca nứt vỏ",
        "Cracked Macadamias", k = 1.3 },
          { "Hạt óc chó Mỹ", "US Walnuts", k = 1.2 }, { "Hạt hạnh nhân rang bơ", "Butter Roasted Almonds",
              k = 1.1 },
          { "Hạt dẻ cười", "Pistachios", k = 1.5 }, { "Hạt bí xanh", "Pumpkin Seeds", k = 0.8 },
              { "Mít sấy", "Dried Jackfruit", k = 0.6 },
          { "Xoài sấy dẻo", "Soft Dried Mango", k = 0.7 }, { "Chuối sấy", "Banana Chips", k = 0.45 },
              { "Hạt sen sấy", "Dried Lotus Seeds", k = 0.9 } },
    s = { { 150, "g", 68000 }, { 500, "g", 210000 } } }
line{ "hat-trai-cay-say", "Vinamit", "%s Vinamit", "Vinamit %s", pop = 1000, d = { "vegetarian", "vegan" },
    v = { { "Mít sấy", "Dried Jackfruit" }, { "Chuối sấy", "Dried Banana", k = 0.8 }, { "Khoai lang sấy",
        "Dried Sweet Potato", k = 0.8 },
          { "Trái cây sấy thập cẩm", "Mixed Dried Fruit" }, { "Thanh long sấy", "Dried Dragon Fruit",
              k = 1.2 },
          { "Xoài sấy", "Dried Mango", k = 1.1 } },
    s = { { 100, "g", 32000 }, { 250, "g", 75000 } } }
line{ "banh-quy", "Oreo", "Bánh quy Oreo %s", "Oreo %s Cookies", pop = 2500,
    v = { { "kem vani", "Vanilla Cream" }, { "kem sô-cô-la", "Chocolate Cream" }, { "kem dâu", "Strawberry Cream" },
          { "kem việt quất", "Blueberry Cream" }, { "mini", "Mini", k = 1.1 } },
    s = { { 133, "g", 21000 }, { 266, "g", 40000 }, { 29, "g", 50000, 12 } } }
line{ "banh-quy", "Cosy", "Bánh quy %s Cosy", "Cosy %s Biscuits", pop = 1500,
    v = { { "bơ", "Butter" }, { "Marie", "Marie" }, { "sữa", "Milk" }, { "dừa", "Coconut" }, { "mè", "Sesame" } },
    s = { { 144, "g", 19000 }, { 336, "g", 42000 }, { 500, "g", 75000, vi = "hộp thiếc 500 g",
        en = "500 g tin" } } }
line{ "banh-quy-man-banh-gao", "AFC", "Bánh quy dinh dưỡng AFC %s", "AFC %s Nutritious Crackers", pop = 1800,
    v = { { "vị lúa mì", "Wheat" }, { "vị rau cải", "Vegetable" }, { "vị phô mai", "Cheese" },
        { "vị tảo biển", "Seaweed" } },
    s = { { 100, "g", 15000 }, { 200, "g", 28000 } } }
line{ "banh-quy-man-banh-gao", "Richy", "Bánh quy giòn Richy %s", "Richy %s Crackers", pop = 800,
    v = { { "vị muối", "Salted" }, { "vị phô mai", "Cheese" }, { "mè đen", "Black Sesame" } }, s = { { 180,
        "g", 18000 } } }
line{ "banh-quy-man-banh-gao", "One One", "Bánh gạo One One %s", "One One %s Rice Crackers", pop = 1500,
    v = { { "vị ngọt dịu", "Mild Sweet" }, { "vị phô mai ngô", "Cheese Corn" }, { "vị mực nướng",
        "Grilled Squid" },
          { "vị bò nướng", "Grilled Beef" } },
    s = { { 118, "g", 19000 }, { 230, "g", 35000 } } }
line{ "banh-quy-man-banh-gao", "Orion", "Bánh gạo An Orion %s", "Orion An %s Rice Crackers", pop = 1000,
    v = { { "vị tảo biển", "Seaweed" }, { "vị tự nhiên", "Original" } }, s = { { 111, "g", 23000 }, { 151,
        "g", 29000 } } }
line{ "banh-quy", "Danisa", "Bánh quy bơ Danisa", "Danisa Butter Cookies", pop = 900, origin = "ID",
    s = { { 200, "g", 65000, vi = "hộp thiếc 200 g", en = "200 g tin" }, { 454, "g", 125000,
        vi = "hộp thiếc 454 g", en = "454 g tin" },
          { 681, "g", 175000, vi = "hộp thiếc 681 g", en = "681 g tin" } } }
line{ "banh-quy", "Pocky", "Bánh que Pocky %s", "Pocky %s Biscuit Sticks", pop = 1200, origin = "TH",
    v = { { "sô-cô-la", "Chocolate" }, { "dâu", "Strawberry" }, { "matcha", "Matcha" }, { "cookies & cream",
        "Cookies & Cream" },
          { "chuối", "Banana" } },
    s = { { 40, "g", 17000 }, { 40, "g", 165000, 10 } } }
line{ "banh-quy", "Hello Panda", "Bánh nhân kem Hello Panda %s", "Hello Panda %s Biscuits", pop = 400,
    v = { { "sô-cô-la", "Chocolate" }, { "dâu", "Strawberry" }, { "sữa", "Milk" } }, s = { { 50, "g", 16000 } } }
line{ "banh-quy", "Gery", "Bánh quy phô mai Gery Saluut %s", "Gery Saluut %s Cheese Biscuits", pop = 500,
    origin = "ID",
    v = { { "", "" }, { "sô-cô-la", "Chocolate" } }, s = { { 200, "g", 28000 } }, d = { "halal" } }
line{ "banh-bong-lan", "Orion", "Bánh %s Orion", "Orion %s", pop = 2500,
    v = { { "Choco-Pie", "Choco-Pie" }, { "Choco-Pie vị dưa hấu", "Choco-Pie Watermelon" }, { "Custas kem trứng",
        "Custas Custard Cake" },
          { "bông lan C'est Bon sợi thịt gà", "C'est Bon Chicken Floss Sponge Cake" }, { "Opera", "Opera" } },
    s = { { 33, "g", 35000, 6 }, { 33, "g", 62000, 12 }, { 33, "g", 105000, 20 } }, keep = 0.9 }
line{ "banh-bong-lan", "Lotte", "Bánh %s Lotte", "Lotte %s", pop = 900,
    v = { { "Choco Pie", "Choco Pie" }, { "Custard kem trứng", "Custard Cake" } }, s = { { 28, "g", 58000, 12 } } }
line{ "banh-bong-lan", "Solite", "Bánh bông lan cuộn Solite %s", "Solite %s Swiss Roll", pop = 1200,
    v = { { "kem lá dứa", "Pandan Cream" }, { "kem dâu", "Strawberry Cream" }, { "kem bơ sữa",
        "Butter Milk Cream" }, { "sô-cô-la", "Chocolate" } },
    s = { { 18, "g", 32000, 20 }, { 18, "g", 17000, 10 } } }
line{ "banh-bong-lan", "Bibica", "Bánh bông lan Hura Bibica %s", "Bibica Hura %s Sponge Cake", pop = 900,
    v = { { "kem bơ sữa", "Butter Milk Cream" }, { "lá dứa", "Pandan" }, { "cốm", "Green Rice" } }, s = { { 25,
        "g", 38000, 12 } } }
line{ "banh-bong-lan", "Richy", "Bánh bông lan Richy Karo %s", "Richy Karo %s Sponge Cake", pop = 600,
    v = { { "kem sữa", "Milk Cream" }, { "sô-cô-la", "Chocolate" } }, s = { { 27, "g", 39000, 12 } } }
line{ "keo", "Alpenliebe", "Kẹo Alpenliebe %s", "Alpenliebe %s Candy", pop = 1500,
    v = { { "caramel sữa", "Milk Caramel" }, { "dâu kem", "Strawberry Cream" }, { "xoài muối ớt",
        "Chili Salt Mango" },
          { "Lolipop", "Lollipop", k = 1.2 } },
    s = { { 87, "g", 16000 }, { 329, "g", 56000 } } }
line{ "keo", "Mentos", "Kẹo Mentos %s", "Mentos %s", pop = 1200,
    v = { { "bạc hà", "Mint" }, { "trái cây", "Fruit" }, { "kẹo cao su Pure Fresh", "Pure Fresh Chewing Gum",
        k = 1.6 } },
    s = { { 37, "g", 7000 }, { 37, "g", 68000, 10 } } }
line{ "keo", "Chupa Chups", "Kẹo mút Chupa Chups %s", "Chupa Chups %s Lollipops", pop = 600,
    v = { { "hương trái cây", "Fruit" }, { "hương sữa", "Milky" }, { "cola", "Cola" } }, s = { { 12, "g", 45000,
        10 } } }
line{ "keo", "Halls", "Kẹo ngậm Halls %s", "Halls %s Lozenges", pop = 600,
    v = { { "bạc hà", "Mentho-lyptus" }, { "dâu", "Strawberry" }, { "chanh mật ong", "Honey Lemon" } },
        s = { { 22, "g", 10000 } } }
line{ "keo", "Lotte Xylitol", "Kẹo cao su Lotte Xylitol %s", "Lotte Xylitol %s Chewing Gum", pop = 1200,
    v = { { "bạc hà", "Mint" }, { "Blueberry Mint", "Blueberry Mint" }, { "chanh bạc hà", "Lime Mint" } },
    s = { { 58, "g", 26000 }, { 130, "g", 56000 } } }
line{ "keo", "Haribo", "Kẹo dẻo Haribo %s", "Haribo %s Gummies", pop = 500, origin = "DE",
    v = { { "Goldbears", "Goldbears" }, { "Happy Cola", "Happy Cola" }, { "Starmix", "Starmix" } }, s = { { 80, "g",
        32000 }, { 200, "g", 72000 } } }
line{ "keo", "Hải Hà", "Kẹo Hải Hà %s", "Hai Ha %s Candy", pop = 500,
    v = { { "chanh muối", "Salted Lemon" }, { "sữa dừa", "Coconut Milk" }, { "mềm Chew", "Soft Chew" } },
        s = { { 175, "g", 22000 } } }
line{ "keo", "Thanh Long", "Kẹo dừa Bến Tre Thanh Long %s", "Thanh Long Ben Tre Coconut Candy %s", pop = 600,
    v = { { "nguyên chất", "Original" }, { "lá dứa", "Pandan" }, { "sầu riêng", "Durian" }, { "đậu phộng",
        "Peanut" } },
    s = { { 400, "g", 42000 } } }
line{ "socola", "KitKat", "Bánh xốp phủ sô-cô-la KitKat %s", "KitKat %s", pop = 1200, origin = "MY",
    v = { { "", "" }, { "trà xanh", "Matcha" } }, s = { { 17, "g", 9000 }, { 35, "g", 17000 }, { 17, "g", 105000,
        12 } } }
line{ "socola", "Snickers", "Sô-cô-la Snickers %s", "Snickers %s", pop = 700, origin = "CN",
    v = { { "đậu phộng", "Peanut" } }, s = { { 51, "g", 22000 }, { 20, "g", 62000, 6 } } }
line{ "socola", "M&M's", "Kẹo sô-cô-la M&M's %s", "M&M's %s", pop = 600, v = { { "sữa", "Milk Chocolate" },
    { "đậu phộng", "Peanut" } },
    s = { { 40, "g", 22000 }, { 100, "g", 52000 } } }
line{ "socola", "Ferrero Rocher", "Sô-cô-la Ferrero Rocher", "Ferrero Rocher Chocolates", pop = 600, origin = "IT",
    s = { { 12.5, "g", 92000, 8 }, { 12.5, "g", 175000, 16 }, { 12.5, "g", 275000, 24 } } }
line{ "socola", "Toblerone", "Sô-cô-la Toblerone %s", "Toblerone %s", pop = 300, origin = "CH",
    v = { { "sữa", "Milk" }, { "đen", "Dark" } }, s = { { 100, "g", 68000 } } }
line{ "socola", "Cadbury", "Sô-cô-la Cadbury Dairy Milk %s", "Cadbury Dairy Milk %s", pop = 400,
    v = { { "sữa", "Milk" }, { "hạnh nhân", "Roast Almond" }, { "trái cây hạt", "Fruit & Nut" } }, s = { { 160,
        "g", 89000 } } }
line{ "socola", "Marou", "Sô-cô-la đen Marou %s", "Marou %s Dark Chocolate", pop = 300,
    v = { { "Bến Tre 78%", "Ben Tre 78%" }, { "Tiền Giang 70%", "Tien Giang 70%" }, { "Đồng Nai 72%",
        "Dong Nai 72%" },
          { "Lâm Đồng 74%", "Lam Dong 74%" } },
    s = { { 80, "g", 95000 } }, d = { "vegetarian", "vegan" } }
line{ "socola", "Meiji", "Sô-cô-la Meiji %s", "Meiji %s Chocolate", pop = 300, origin = "JP",
    v = { { "Almond", "Almond" }, { "Meltykiss", "Meltykiss" } }, s = { { 79, "g", 85000 } } }
line{ "kho-bo-kho-ga", "Nông Lâm Food", "%s Nông Lâm Food", "Nong Lam Food %s", pop = 700,
    v = { { "Khô bò miếng", "Beef Jerky Pieces" }, { "Khô bò sợi", "Shredded Beef Jerky" },
        { "Khô gà lá chanh", "Lime Leaf Chicken Jerky", k = 0.6 },
          { "Khô heo cháy tỏi", "Garlic Pork Jerky", k = 0.7 }, { "Khô mực tẩm gia vị",
              "Seasoned Dried Squid", k = 1.2 } },
    s = { { 100, "g", 95000 }, { 250, "g", 225000 } } }
line{ "pudding-thach", "Bibica", "Thạch rau câu Bibica %s", "Bibica %s Jelly", pop = 500,
    v = { { "trái cây", "Fruit" }, { "dừa", "Coconut" } }, s = { { 500, "g", 38000 } } }

-- ---- frozen ----
line{ "cha-gio-ha-cao", "Cầu Tre", "%s Cầu Tre", "Cau Tre %s", pop = 1500,
    v = { { "Chả giò rế tôm cua", "Crab & Shrimp Lace Spring Rolls" }, { "Chả giò thịt heo",
        "Pork Spring Rolls" },
          { "Há cảo tôm thịt", "Shrimp & Pork Dumplings" }, { "Hoành thánh tôm", "Shrimp Wontons" },
          { "Chả giò chay", "Vegetarian Spring Rolls", d = { "vegetarian" } }, { "Xíu mại",
              "Siu Mai Meatballs" } },
    s = { { 500, "g", 72000 }, { 250, "g", 39000 } } }
line{ "cha-gio-ha-cao", "CP", "%s CP", "CP %s", pop = 1500,
    v = { { "Chả giò hải sản", "Seafood Spring Rolls" }, { "Há cảo tôm", "Shrimp Har Gow" },
        { "Bánh xếp gà", "Chicken Gyoza" },
          { "Sủi cảo tôm thịt", "Shrimp & Pork Wontons" } },
    s = { { 500, "g", 78000 } } }
line{ "cha-gio-ha-cao", "Bibigo", "Bánh xếp Bibigo %s", "Bibigo %s Mandu", pop = 900, origin = "KR",
    v = { { "thịt heo", "Pork" }, { "gà rau củ", "Chicken & Vegetable" }, { "kim chi", "Kimchi" } }, s = { { 350,
        "g", 69000 } } }
line{ "cha-gio-ha-cao", "Thọ Phát", "Bánh bao Thọ Phát %s", "Tho Phat %s Steamed Buns", pop = 1500,
    v = { { "nhân thịt trứng cút", "Pork & Quail Egg" }, { "nhân xá xíu", "Char Siu" }, { "nhân đậu xanh",
        "Mung Bean", d = { "vegetarian" } },
          { "kim sa trứng muối", "Salted Egg Custard" }, { "chay", "Vegetarian", d = { "vegetarian" } } },
    s = { { 80, "g", 38000, 4 }, { 300, "g", 52000, vi = "túi 300 g", en = "300 g bag" } } }
line{ "thit-hai-san-dong-lanh", "CP", "%s CP", "CP %s", pop = 1500,
    v = { { "Cá viên", "Fish Balls" }, { "Bò viên", "Beef Balls", k = 1.4 }, { "Gà viên chiên",
        "Chicken Nuggets", k = 1.2 },
          { "Xúc xích heo", "Pork Sausages" }, { "Đùi gà góc tư", "Chicken Leg Quarters", k = 0.8 },
              { "Cánh gà", "Chicken Wings" },
          { "Tôm viên", "Shrimp Balls", k = 1.3 } },
    s = { { 500, "g", 62000 }, { 1000, "g", 118000 } } }
line{ "thit-hai-san-dong-lanh", "Vĩnh Hoàn", "Cá basa phi lê đông lạnh Vĩnh Hoàn %s",
    "Vinh Hoan Frozen Basa Fillet %s", pop = 800,
    v = { { "", "" }, { "tẩm bột", "Breaded", k = 1.3 } }, s = { { 500, "g", 62000 }, { 1000, "g", 115000 } } }
line{ "thit-hai-san-dong-lanh", "Sao Ta", "Tôm thẻ %s đông lạnh Sao Ta", "Sao Ta Frozen Whiteleg Shrimp %s",
    pop = 700,
    v = { { "nguyên con", "Whole" }, { "bóc vỏ", "Peeled", k = 1.5 }, { "tẩm bột", "Breaded", k = 1.2 } },
    s = { { 500, "g", 145000 } } }
line{ "thit-hai-san-dong-lanh", "Minh Phú", "Tôm sú %s đông lạnh Minh Phú",
    "Minh Phu Frozen Black Tiger Prawns %s", pop = 500,
    v = { { "nguyên con", "Whole" }, { "bóc vỏ", "Peeled", k = 1.4 } }, s = { { 500, "g", 215000 } } }
line{ "thit-hai-san-dong-lanh", false, "%s đông lạnh", "Frozen %s", pop = 700, origin = "US",
    v = { { "Ba chỉ bò Mỹ cuộn", "US Beef Short Plate Rolls" }, { "Đùi gà góc tư Mỹ",
        "US Chicken Leg Quarters", k = 0.3 },
          { "Nạm bò Úc", "Australian Beef Brisket", k = 1.1, origin = "AU" }, { "Thăn lưng bò Úc",
              "Australian Striploin", k = 2.2 },
          { "Sườn cừu Úc", "Australian Lamb Ribs", k = 1.6 } },
    s = { { 500, "g", 145000 } } }
line{ "rau-cu-dong-lanh", "McCain", "Khoai tây chiên McCain %s", "McCain %s French Fries", pop = 1000, origin = "US",
    v = { { "cọng thẳng", "Straight Cut" }, { "cọng nhỏ", "Shoestring" }, { "lượn sóng", "Crinkle Cut" } },
        s = { { 1000, "g", 95000 }, { 2000, "g", 178000 } } }
line{ "rau-cu-dong-lanh", false, "%s đông lạnh", "Frozen %s", pop = 400, origin = "VN", d = { "vegetarian",
    "vegan" },
    v = { { "Đậu Hà Lan", "Green Peas" }, { "Bắp hạt", "Sweet Corn Kernels" }, { "Rau củ hỗn hợp",
        "Mixed Vegetables" },
          { "Đậu que", "Green Beans" }, { "Bông cải xanh", "Broccoli Florets", k = 1.3 } },
    s = { { 500, "g", 42000 } } }
line{ "kem", "Merino", "Kem %s Merino", "Merino %s Ice Cream", pop = 1500,
    v = { { "que sô-cô-la", "Chocolate Stick" }, { "que sữa dừa", "Coconut Milk Stick" },
        { "ốc quế Super Teen", "Super Teen Cone", k = 1.5 } },
    s = { { 60, "g", 10000 }, { 60, "g", 48000, 5 } } }
line{ "kem", "Celano", "Kem ốc quế Celano %s", "Celano %s Ice Cream Cone", pop = 1500,
    v = { { "sô-cô-la", "Chocolate" }, { "vani", "Vanilla" }, { "dâu", "Strawberry" }, { "cookies & cream",
        "Cookies & Cream" } },
    s = { { 66, "g", 18000 }, { 66, "g", 85000, 5 } } }
line{ "kem", "Vinamilk", "Kem hộp Vinamilk %s", "Vinamilk %s Ice Cream Tub", pop = 1200,
    v = { { "sô-cô-la", "Chocolate" }, { "vani", "Vanilla" }, { "khoai môn", "Taro" }, { "dừa", "Coconut" },
        { "sầu riêng", "Durian" } },
    s = { { 450, "ml", 55000 }, { 1000, "ml", 98000 } } }
line{ "kem", "Wall's", "Kem Wall's %s", "Wall's %s Ice Cream", pop = 1000,
    v = { { "Cornetto sô-cô-la", "Cornetto Chocolate" }, { "Cornetto dâu", "Cornetto Strawberry" }, { "Paddle Pop",
        "Paddle Pop", k = 0.5 } },
    s = { { 66, "g", 20000 } } }
line{ "kem", "TH true ICE CREAM", "Kem TH true ICE CREAM %s", "TH true ICE CREAM %s", pop = 800,
    v = { { "ốc quế sô-cô-la", "Chocolate Cone" }, { "hộp vani", "Vanilla Tub", k = 3 }, { "que sữa chua",
        "Yogurt Stick", k = 0.6 } },
    s = { { 70, "g", 19000 } } }
line{ "kem", "Häagen-Dazs", "Kem Häagen-Dazs %s", "Häagen-Dazs %s Ice Cream", pop = 200, origin = "FR",
    v = { { "vani", "Vanilla" }, { "dâu", "Strawberry" }, { "trà xanh", "Green Tea" }, { "bánh quy kem",
        "Cookies & Cream" } },
    s = { { 100, "ml", 95000 }, { 473, "ml", 335000 } } }

-- ---- bakery ----
line{ "banh-mi", "ABC Bakery", "%s ABC Bakery", "ABC Bakery %s", pop = 1500,
    v = { { "Bánh mì sandwich lạt", "Plain Sandwich Bread" }, { "Bánh mì sandwich sữa", "Milk Sandwich Bread" },
          { "Bánh mì nguyên cám", "Whole Wheat Bread", k = 1.2 }, { "Bánh mì hoa cúc", "Brioche", k = 2.2 },
          { "Bánh mì bơ tỏi", "Garlic Butter Bread" }, { "Bánh mì chà bông", "Pork Floss Bun", k = 0.6 } },
    s = { { 400, "g", 28000 } } }
line{ "banh-mi", "Hữu Nghị", "%s Hữu Nghị", "Huu Nghi %s", pop = 900, life = { 30, 60 },
    v = { { "Bánh mì tươi Staff nhân dừa", "Staff Coconut Bun" }, { "Bánh mì ngọt Staff nhân kem sữa",
        "Staff Milk Cream Bun" },
          { "Bánh mì que", "Bread Sticks" } },
    s = { { 55, "g", 8500 }, { 55, "g", 42000, 5 } } }
line{ "banh-mi", "Kinh Đô", "Bánh mì sandwich Kinh Đô %s", "Kinh Do %s Sandwich Bread", pop = 700,
    v = { { "lạt", "Plain" }, { "sữa", "Milk" } }, s = { { 250, "g", 19000 }, { 430, "g", 30000 } } }
line{ "banh-ngot", "Tous les Jours", "%s Tous les Jours", "Tous les Jours %s", pop = 600,
    v = { { "Bánh bông lan trứng muối", "Salted Egg Sponge Cake" }, { "Bánh su kem", "Cream Puffs", k = 0.8 },
          { "Bánh croissant bơ", "Butter Croissant", k = 0.6 }, { "Bánh tiramisu", "Tiramisu", k = 1.4 },
          { "Bánh bông lan phô mai Nhật", "Japanese Cheesecake", k = 1.5 } },
    s = { { 300, "g", 65000 } } }
line{ "banh-ngot", "Givral", "%s Givral", "Givral %s", pop = 500,
    v = { { "Bánh flan", "Crème Caramel" }, { "Bánh chuối nướng", "Baked Banana Cake" }, { "Bánh da lợn",
        "Layered Pandan Cake" },
          { "Bánh bò nướng", "Honeycomb Cake" } },
    s = { { 250, "g", 42000 } } }
line{ "banh-ngot", "Tân Huê Viên", "Bánh pía Sóc Trăng Tân Huê Viên %s", "Tan Hue Vien Soc Trang Pia Cake %s",
    pop = 500,
    life = { 60, 90 }, per = false,
    v = { { "đậu xanh sầu riêng trứng", "Mung Bean Durian Egg" }, { "khoai môn", "Taro" }, { "chay",
        "Vegetarian", d = { "vegetarian" } } },
    s = { { 100, "g", 62000, 4 } } }

-- ---- sausages, pork rolls ----
line{ "thit-che-bien", "Vissan", "%s Vissan", "Vissan %s", pop = 2000,
    v = { { "Xúc xích tiệt trùng heo", "Pork UHT Sausages", k = 0.5 }, { "Chả lụa", "Vietnamese Pork Roll" },
          { "Lạp xưởng mai quế lộ", "Mai Que Lo Chinese Sausage", k = 1.3 }, { "Giò thủ", "Head Cheese" },
          { "Chả bò", "Beef Roll", k = 1.4 }, { "Chà bông heo", "Pork Floss", k = 2.4 }, { "Thịt xông khói",
              "Bacon", k = 1.2 },
          { "Xúc xích Đức", "German Sausages", k = 0.9 } },
    s = { { 250, "g", 55000 }, { 500, "g", 104000 } }, keep = 0.85 }
line{ "thit-che-bien", "Đức Việt", "%s Đức Việt", "Duc Viet %s", pop = 1200,
    v = { { "Xúc xích Đức", "German Sausages" }, { "Xúc xích hun khói", "Smoked Sausages" },
        { "Thịt xông khói", "Bacon", k = 1.2 },
          { "Xúc xích Frankfurt", "Frankfurters" }, { "Giăm bông", "Ham", k = 1.1 } },
    s = { { 200, "g", 48000 }, { 500, "g", 112000 } } }
line{ "thit-che-bien", "Ponnie", "Xúc xích Ponnie %s", "Ponnie %s Sausages", pop = 1500,
    v = { { "heo", "Pork" }, { "gà", "Chicken" }, { "phô mai", "Cheese" } }, s = { { 35, "g", 25000, 5 }, { 35, "g",
        48000, 10 } } }
line{ "thit-che-bien", "Le Gourmet", "%s Le Gourmet", "Le Gourmet %s", pop = 600,
    v = { { "Pate gan heo", "Pork Liver Pâté" }, { "Giăm bông xông khói", "Smoked Ham" }, { "Xúc xích tỏi",
        "Garlic Sausages" } },
    s = { { 200, "g", 58000 } } }
line{ "thit-che-bien", "MEATDeli", "%s MEATDeli", "MEATDeli %s", pop = 900,
    v = { { "Chả lụa", "Vietnamese Pork Roll" }, { "Xúc xích heo", "Pork Sausages" }, { "Thịt viên",
        "Pork Meatballs" } },
    s = { { 250, "g", 52000 }, { 500, "g", 98000 } } }
line{ "thit-che-bien", false, "%s", "%s", pop = 700, origin = "VN",
    v = { { "Giò lụa Ước Lễ", "Uoc Le Pork Roll" }, { "Nem chua Thanh Hóa", "Thanh Hoa Fermented Pork Roll",
        k = 0.8 },
          { "Chả cá Nha Trang", "Nha Trang Fish Cake", k = 0.9 }, { "Chả cá thác lác", "Clown Knifefish Cake",
              k = 1.2 } },
    s = { { 250, "g", 62000 }, { 500, "g", 118000 } } }

-- ---- Tet goods ----
local TET = { life = { 30, 90 } }
local function tet(t) for k, v in pairs(TET) do if t[k] == nil then t[k] = v end end line(t) end
tet{ "banh-mut-tet", false, "%s", "%s", pop = 400, origin = "VN", st = "chilled", per = true, life = { 5, 10 },
    v = { { "Bánh chưng nhân thịt đậu xanh", "Banh Chung Square Sticky Rice Cake" },
        { "Bánh tét nhân đậu xanh thịt mỡ", "Banh Tet Sticky Rice Log" },
          { "Bánh tét chay", "Vegetarian Banh Tet", d = { "vegetarian" }, k = 0.8 } },
    s = { { 1000, "g", 120000 }, { 500, "g", 65000 } } }
tet{ "banh-mut-tet", false, "Mứt %s", "Candied %s", pop = 300, origin = "VN", d = { "vegetarian", "vegan" },
    v = { { "dừa non", "Young Coconut" }, { "gừng", "Ginger" }, { "bí", "Winter Melon" }, { "sen", "Lotus Seeds",
        k = 1.5 },
          { "tắc", "Kumquat" }, { "khoai lang", "Sweet Potato" }, { "Tết thập cẩm", "Tet Assortment",
              k = 1.3 } },
    s = { { 250, "g", 45000 }, { 500, "g", 85000 } } }
tet{ "hat-dua-hat-tet", "Hồng Mai", "%s Hồng Mai", "Hong Mai %s", pop = 400, life = { 180, 270 },
    v = { { "Hạt dưa đỏ", "Red Watermelon Seeds" }, { "Hạt hướng dương", "Sunflower Seeds", k = 0.7 },
          { "Hạt bí rang", "Roasted Pumpkin Seeds", k = 1.1 }, { "Hạt điều rang muối", "Salted Cashews",
              k = 2.2 } },
    s = { { 200, "g", 42000 }, { 500, "g", 98000 } } }
tet{ "gio-qua-tet", "Kinh Đô", "Hộp quà Tết Kinh Đô %s", "Kinh Do Tet Gift Box %s", pop = 400, life = { 270,
    365 },
    v = { { "Cosy Vàng", "Cosy Gold" }, { "Thanh Hương", "Thanh Huong", k = 1.5 }, { "An Khang", "An Khang",
        k = 2.4 } },
    s = { { 500, "g", 165000 } } }
tet{ "gio-qua-tet", "Bibica", "Hộp bánh Tết Bibica %s", "Bibica Tet Biscuit Box %s", pop = 300, life = { 270,
    365 },
    v = { { "Sumo", "Sumo" }, { "Palomi", "Palomi", k = 1.3 } }, s = { { 400, "g", 120000 } } }
tet{ "gio-qua-tet", false, "Giỏ quà Tết %s", "Tet Gift Basket %s", pop = 200, origin = "VN", life = { 90, 180 },
    v = { { "Phú Quý", "Prosperity", k = 1 }, { "An Khang", "Peace", k = 1.6 }, { "Thịnh Vượng", "Abundance",
        k = 2.5 },
          { "Cát Tường", "Good Fortune", k = 3.5 } },
    s = { { 3000, "g", 550000, vi = "", en = "" } } }
tet{ "lap-xuong-gio-cha", "Vissan", "%s Tết Vissan", "Vissan Tet %s", pop = 400, st = "chilled", per = true,
    life = { 30, 90 },
    v = { { "Lạp xưởng mai quế lộ", "Mai Que Lo Chinese Sausage" }, { "Lạp xưởng tôm",
        "Shrimp Chinese Sausage", k = 1.3 },
          { "Giò lụa", "Pork Roll", k = 0.8 }, { "Chả quế", "Cinnamon Pork Roll", k = 0.9 } },
    s = { { 500, "g", 135000 } } }
tet{ "lap-xuong-gio-cha", false, "%s", "%s", pop = 300, origin = "VN", st = "chilled", per = true, life = { 60, 120 },
    v = { { "Lạp xưởng Cần Đước", "Can Duoc Chinese Sausage" }, { "Lạp xưởng tươi Sóc Trăng",
        "Soc Trang Fresh Chinese Sausage", k = 0.9 },
          { "Dưa kiệu Tết", "Tet Pickled Shallots", k = 0.6, st = "ambient" }, { "Củ kiệu tôm khô",
              "Pickled Shallots with Dried Shrimp", k = 1.2 } },
    s = { { 500, "g", 145000 } } }

return L
