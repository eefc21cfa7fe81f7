-- scripts/seed/lines/food.lua: the packaged food a Vietnamese supermarket shelves from
-- Vietnamese and international brands: dairy and eggs, rice and dry goods, instant noodles,
-- oil, sauces and spices, snacks and sweets, frozen food, bakery, sausages and pork rolls, Tet
-- goods. Shelf prices in VND (2025-2026). Data only; seed.lines expands it.
local L = {}
local function line(t) L[#L + 1] = t end

local UHT = { st = "ambient", per = false, life = { 180, 240 } }
local function uht(t)
    for k, v in pairs(UHT) do if t[k] == nil then t[k] = v end end
    return t
end

local SWEET = { { "có đường", "Sweetened" }, { "ít đường", "Less Sugar", p = 0.8 }, { "không đường",
    "Unsweetened", p = 0.9 } }
local SWEET_FLAV = { { "có đường", "Sweetened" }, { "ít đường", "Less Sugar", p = 0.8 }, { "không đường",
    "Unsweetened", p = 0.9 },
                     { "hương dâu", "Strawberry", p = 0.5 }, { "sô-cô-la", "Chocolate", p = 0.6 } }

-- ---- dairy ----
line(uht{ "sua-tuoi", "Vinamilk", "Sữa tươi tiệt trùng Vinamilk 100% %s", "Vinamilk 100% UHT Fresh Milk %s",
    pop = 6000,
    v = SWEET_FLAV, s = { { 110, "ml", 24000, 4 }, { 180, "ml", 35000, 4 }, { 1000, "ml", 38000 }, { 180, "ml", 405000,
        48 },
                          { 220, "ml", 42000, 4 } } })
line{ "sua-tuoi", "Vinamilk", "Sữa tươi thanh trùng Vinamilk %s", "Vinamilk Pasteurized Fresh Milk %s", pop = 3000,
    life = { 7, 10 }, v = SWEET, s = { { 450, "ml", 23000 }, { 900, "ml", 41000 } } }
line(uht{ "sua-tuoi", "Vinamilk", "Sữa tươi tiệt trùng Vinamilk Green Farm %s",
    "Vinamilk Green Farm UHT Fresh Milk %s",
    pop = 2500, v = SWEET, s = { { 180, "ml", 39000, 4 }, { 1000, "ml", 43000 }, { 110, "ml", 27000, 4 } } })
line(uht{ "sua-tuoi", "Vinamilk", "Sữa tươi tiệt trùng hữu cơ Vinamilk Organic %s",
    "Vinamilk Organic UHT Fresh Milk %s",
    pop = 1200, d = { "organic", "vegetarian" }, v = { { "không đường", "Unsweetened" }, { "ít đường",
        "Less Sugar" } },
    s = { { 180, "ml", 52000, 4 }, { 1000, "ml", 62000 } } })
line(uht{ "sua-tuoi", "TH true MILK", "Sữa tươi tiệt trùng TH true MILK %s", "TH true MILK UHT Fresh Milk %s",
    pop = 6000,
    v = { { "có đường", "Sweetened" }, { "ít đường", "Less Sugar", p = 0.8 }, { "nguyên chất", "Pure",
        p = 0.9 },
          { "hương dâu", "Strawberry", p = 0.5 }, { "sô-cô-la", "Chocolate", p = 0.6 } },
    s = { { 110, "ml", 25000, 4 }, { 180, "ml", 37000, 4 }, { 1000, "ml", 40000 }, { 180, "ml", 425000, 48 } } })
line{ "sua-tuoi", "TH true MILK", "Sữa tươi thanh trùng TH true MILK %s", "TH true MILK Pasteurized Fresh Milk %s",
    pop = 2500, life = { 7, 10 }, v = { { "nguyên chất", "Pure" }, { "ít đường", "Less Sugar" },
        { "có đường", "Sweetened" } },
    s = { { 450, "ml", 25000 }, { 950, "ml", 45000 } } }
line(uht{ "sua-tuoi", "TH true MILK", "Sữa tươi TH true MILK Top Kid %s", "TH true MILK Top Kid Fresh Milk %s",
    pop = 800,
    v = { { "sô-cô-la", "Chocolate" }, { "hương dâu", "Strawberry" }, { "ít đường", "Less Sugar" } },
    s = { { 180, "ml", 44000, 4 }, { 110, "ml", 30000, 4 } } })
line(uht{ "sua-tuoi", "Dutch Lady", "Sữa tiệt trùng Dutch Lady Cô Gái Hà Lan %s", "Dutch Lady UHT Milk %s",
    pop = 2500,
    v = SWEET_FLAV, s = { { 110, "ml", 20000, 4 }, { 180, "ml", 31000, 4 }, { 1000, "ml", 33000 } } })
line{ "sua-tuoi", "Dalat Milk", "Sữa tươi thanh trùng Dalat Milk %s", "Dalat Milk Pasteurized Fresh Milk %s",
    pop = 1500,
    life = { 7, 10 }, v = SWEET, s = { { 450, "ml", 27000 }, { 950, "ml", 48000 } } }
line(uht{ "sua-tuoi", "Mộc Châu Milk", "Sữa tươi tiệt trùng Mộc Châu %s", "Moc Chau UHT Fresh Milk %s",
    pop = 1200,
    v = SWEET, s = { { 180, "ml", 30000, 4 }, { 1000, "ml", 32000 } } })
line{ "thuc-uong-dinh-duong", "Milo", "Thức uống lúa mạch Nestlé Milo %s",
    "Nestlé Milo Chocolate Malt Drink %s", pop = 3500,
    v = { { "", "" }, { "ít đường", "Less Sugar", p = 0.6 } },
    s = { { 110, "ml", 22000, 4 }, { 180, "ml", 32000, 4 }, { 180, "ml", 375000, 48 } } }
line{ "thuc-uong-dinh-duong", "Milo", "Thức uống lúa mạch Nestlé Milo bột %s",
    "Nestlé Milo Malt Drink Powder %s", pop = 1200,
    s = { { 285, "g", 62000 }, { 400, "g", 85000, vi = "hộp 400 g", en = "400 g tin" }, { 1000, "g", 185000 } } }
line{ "thuc-uong-dinh-duong", "Ovaltine", "Thức uống lúa mạch Ovaltine %s", "Ovaltine Malt Drink %s", pop = 700,
    s = { { 180, "ml", 30000, 4 }, { 400, "g", 78000 } } }
line{ "thuc-uong-dinh-duong", "Ensure", "Sữa bột Abbott Ensure Gold %s", "Abbott Ensure Gold Powder %s", pop = 600,
    v = { { "hương vani", "Vanilla" }, { "ít ngọt", "Less Sweet" }, { "hương hạnh nhân", "Almond" } },
    s = { { 400, "g", 465000 }, { 850, "g", 915000 } } }
line{ "thuc-uong-dinh-duong", "Ensure", "Sữa nước Abbott Ensure Gold %s", "Abbott Ensure Gold Ready to Drink %s",
    pop = 400,
    v = { { "hương vani", "Vanilla" }, { "cà phê", "Coffee" } }, s = { { 237, "ml", 255000, 6 } } }
line{ "sua-dac-sua-bot", "Anlene", "Sữa bột Anlene Gold %s", "Anlene Gold Milk Powder %s", pop = 500,
    v = { { "hương vani", "Vanilla" }, { "sô-cô-la", "Chocolate" } }, s = { { 400, "g", 215000 }, { 800, "g",
        405000 } } }
line{ "sua-dac-sua-bot", "Vinamilk", "Sữa bột Vinamilk %s", "Vinamilk %s Milk Powder", pop = 700,
    v = { { "Sure Prevent Gold", "Sure Prevent Gold", k = 1.5 }, { "CanxiPro", "CanxiPro" }, { "nguyên kem",
        "Full Cream", k = 0.8 } },
    s = { { 400, "g", 190000 }, { 900, "g", 385000 } } }
line{ "sua-dac-sua-bot", "Ông Thọ", "Sữa đặc có đường Ông Thọ %s",
    "Ong Tho Sweetened Condensed Milk %s", pop = 4000,
    v = { { "nhãn đỏ", "Red Label" }, { "nhãn trắng", "White Label", k = 0.9 }, { "nhãn xanh", "Green Label",
        k = 0.9 } },
    s = { { 380, "g", 27500, vi = "lon 380 g", en = "380 g can" }, { 1284, "g", 86000, vi = "hộp giấy 1284 g",
        en = "1284 g carton" },
          { 165, "g", 18000, vi = "tuýp 165 g", en = "165 g tube" } } }
line{ "sua-dac-sua-bot", "Ngôi Sao Phương Nam", "Sữa đặc có đường Ngôi Sao Phương Nam %s",
    "Ngoi Sao Phuong Nam Sweetened Condensed Milk %s", pop = 2500,
    v = { { "xanh lá", "Green" }, { "cam", "Orange" }, { "xanh biển", "Blue" } },
    s = { { 380, "g", 22500, vi = "lon 380 g", en = "380 g can" }, { 1284, "g", 66000, vi = "hộp giấy 1284 g",
        en = "1284 g carton" } } }
line{ "sua-dac-sua-bot", "Dutch Lady", "Sữa đặc có đường Dutch Lady Cô Gái Hà Lan",
    "Dutch Lady Sweetened Condensed Milk",
    pop = 1500, s = { { 380, "g", 24500 }, { 1284, "g", 72000 } } }
local YOG = { st = "chilled", per = true, life = { 30, 45 } }
local function yog(t) for k, v in pairs(YOG) do if t[k] == nil then t[k] = v end end return t end
line(yog{ "sua-chua", "Vinamilk", "Sữa chua ăn Vinamilk %s", "Vinamilk Yogurt %s", pop = 5000,
    v = { { "có đường", "Sweetened" }, { "không đường", "Unsweetened", p = 0.7 }, { "ít đường",
        "Less Sugar", p = 0.6 },
          { "nha đam", "Aloe Vera", p = 0.8 }, { "dâu", "Strawberry", p = 0.6 }, { "trái cây", "Fruit", p = 0.5 },
          { "lựu đỏ", "Red Pomegranate", p = 0.3, k = 1.1 }, { "việt quất", "Blueberry", p = 0.3, k = 1.1 } },
    s = { { 100, "g", 25000, 4 } } })
line(yog{ "sua-chua", "TH true MILK", "Sữa chua ăn TH true YOGURT %s", "TH true YOGURT %s", pop = 2500,
    v = { { "ít đường", "Less Sugar" }, { "nguyên chất", "Plain" }, { "việt quất", "Blueberry" }, { "dâu",
        "Strawberry" },
          { "Hy Lạp", "Greek", k = 1.3 } },
    s = { { 100, "g", 29000, 4 } } })
line(yog{ "sua-chua", "Vinamilk", "Sữa chua uống men sống Vinamilk Probi %s", "Vinamilk Probi Probiotic Drink %s",
    pop = 3000,
    v = { { "có đường", "Sweetened" }, { "ít đường", "Less Sugar" }, { "hương dâu", "Strawberry" } },
    s = { { 65, "ml", 26000, 5 }, { 130, "ml", 33000, 4 } } })
line(yog{ "sua-chua", "Yakult", "Sữa uống lên men Yakult %s", "Yakult Fermented Milk Drink %s", pop = 3500,
    v = { { "", "" }, { "ít đường", "Light", p = 0.5 } }, s = { { 65, "ml", 27000, 5 }, { 65, "ml", 52000,
        10 } } })
line(uht{ "sua-chua", "Vinamilk", "Sữa chua uống Vinamilk Susu %s", "Vinamilk Susu Drinking Yogurt %s", pop = 1500,
    v = { { "hương cam", "Orange" }, { "hương dâu", "Strawberry" } }, s = { { 80, "ml", 20000, 4 } } })
line(yog{ "sua-chua", "TH true MILK", "Sữa chua uống TH true YOGURT %s", "TH true YOGURT Drinking Yogurt %s",
    pop = 1200,
    v = { { "hương dâu", "Strawberry" }, { "hương cam", "Orange" }, { "việt quất", "Blueberry" } },
    s = { { 180, "ml", 36000, 4 } } })
line(uht{ "sua-hat", "Fami", "Sữa đậu nành Fami %s", "Fami Soy Milk %s", pop = 3000,
    v = { { "nguyên chất", "Original" }, { "ít đường", "Less Sugar" }, { "canxi", "Calcium" },
        { "Kid sô-cô-la", "Kid Chocolate", p = 0.5 } },
    s = { { 200, "ml", 31000, 6 }, { 1000, "ml", 25000 }, { 200, "ml", 195000, 40 } }, d = { "vegetarian", "vegan",
        "lactose_free" } })
line(uht{ "sua-hat", "Vinamilk", "Sữa đậu nành Vinamilk %s", "Vinamilk Soy Milk %s", pop = 1200,
    v = { { "nguyên chất", "Original" }, { "hạt óc chó", "Walnut" }, { "ít đường", "Less Sugar" } },
    s = { { 180, "ml", 27000, 4 }, { 1000, "ml", 30000 } }, d = { "vegetarian", "lactose_free" } })
line(uht{ "sua-hat", "TH true MILK", "Sữa hạt TH true NUT %s", "TH true NUT %s Milk", pop = 1200,
    v = { { "óc chó", "Walnut" }, { "hạnh nhân", "Almond" }, { "mắc ca", "Macadamia" }, { "gạo lứt",
        "Brown Rice", k = 0.9 } },
    s = { { 180, "ml", 52000, 4 }, { 1000, "ml", 68000 } }, d = { "vegetarian", "vegan", "lactose_free" } })
line(uht{ "sua-hat", "Vinamilk", "Sữa 9 loại hạt Vinamilk Super Nut %s", "Vinamilk Super Nut 9-Nut Milk %s",
    pop = 900,
    v = { { "", "" }, { "ít đường", "Less Sugar" } }, s = { { 180, "ml", 45000, 4 }, { 1000, "ml", 60000 } },
    d = { "vegetarian", "lactose_free" } })
line{ "pho-mai", "Con Bò Cười", "Phô mai Con Bò Cười %s", "La Vache Qui Rit Cheese Wedges %s", pop = 2500,
    st = "ambient",
    life = { 180, 270 }, v = { { "vị truyền thống", "Original" }, { "ít béo", "Light" }, { "hương dâu",
        "Strawberry", p = 0.4 } },
    s = { { 15, "g", 36000, 8 }, { 15, "g", 64000, 16 } } }
line{ "pho-mai", "Con Bò Cười", "Phô mai viên Con Bò Cười Belcube %s",
    "La Vache Qui Rit Belcube Cheese Cubes %s", pop = 900,
    v = { { "vị truyền thống", "Original" }, { "vị dâu", "Strawberry" }, { "vị cheddar", "Cheddar" } },
        s = { { 78, "g", 42000 } } }
line{ "pho-mai", "Président", "Phô mai %s Président", "Président %s", pop = 300,
    v = { { "Camembert", "Camembert", k = 1.2 }, { "Brie", "Brie", k = 1.25 }, { "Emmental cắt lát",
        "Sliced Emmental" },
          { "Mozzarella bào sợi", "Shredded Mozzarella" }, { "Cheddar cắt lát", "Sliced Cheddar" } },
    s = { { 125, "g", 85000 }, { 200, "g", 125000 } } }
line{ "pho-mai", "Anchor", "Phô mai %s Anchor", "Anchor %s Cheese", pop = 400,
    v = { { "Mozzarella bào sợi", "Shredded Mozzarella" }, { "Cheddar", "Cheddar" }, { "Colby", "Colby" } },
    s = { { 250, "g", 115000 }, { 1000, "g", 385000 } } }
line{ "pho-mai", "Emborg", "Phô mai %s Emborg", "Emborg %s Cheese", pop = 250,
    v = { { "Mozzarella bào sợi", "Shredded Mozzarella" }, { "Gouda lát", "Sliced Gouda" }, { "Feta", "Feta" } },
    s = { { 150, "g", 68000 }, { 200, "g", 89000 } } }
line{ "bo-kem-sua", "Anchor", "Bơ %s Anchor", "Anchor %s Butter", pop = 900,
    v = { { "lạt", "Unsalted" }, { "mặn", "Salted" } }, s = { { 227, "g", 88000 }, { 454, "g", 165000 } } }
line{ "bo-kem-sua", "Président", "Bơ %s Président", "Président %s Butter", pop = 300,
    v = { { "lạt", "Unsalted" }, { "mặn", "Salted" } }, s = { { 200, "g", 99000 } } }
line{ "bo-kem-sua", "Tường An", "Bơ thực vật Tường An", "Tuong An Margarine", pop = 900, st = "ambient",
    s = { { 80, "g", 10500 }, { 200, "g", 22000 }, { 800, "g", 78000 } }, d = { "vegetarian" } }
line{ "bo-kem-sua", "Anchor", "Kem tươi Anchor Whipping Cream", "Anchor Whipping Cream", pop = 500,
    s = { { 250, "ml", 62000 }, { 1000, "ml", 189000 } } }
line{ "bo-kem-sua", "Vinamilk", "Kem đặc có đường Vinamilk Ngôi Sao Phương Nam",
    "Vinamilk Sweetened Creamer", pop = 400,
    st = "ambient", s = { { 380, "g", 21000 } } }
local EGGS = { { "Trứng gà tươi", "Fresh Chicken Eggs" }, { "Trứng gà Omega 3", "Omega-3 Chicken Eggs", k = 1.4,
    p = 0.4 },
               { "Trứng gà ác", "Black Chicken Eggs", k = 1.7, p = 0.3 }, { "Trứng vịt", "Duck Eggs", k = 1.25,
                   p = 0.6 } }
for _, b in ipairs{ { "Ba Huân", 1 }, { "Vĩnh Thành Đạt", 0.97 }, { "CP", 1.02 }, { "Dabaco", 0.95 } } do
    line{ "trung", b[1], "%s " .. b[1], b[1] .. " %s", v = EGGS, pop = 3000 * b[2], k = b[2],
        s = { { 60, "g", 33000, 10, vi = "hộp 10 quả", en = "(box of 10)", unit = "pack" },
              { 60, "g", 19000, 6, vi = "hộp 6 quả", en = "(box of 6)", unit = "pack" },
              { 60, "g", 92000, 30, vi = "vỉ 30 quả", en = "(tray of 30)", unit = "pack" } } }
end
line{ "trung", "Ba Huân", "Trứng cút Ba Huân", "Ba Huan Quail Eggs", pop = 1500,
    s = { { 11, "g", 32000, 30, vi = "hộp 30 quả", en = "(box of 30)", unit = "pack" } } }
line{ "trung", "Ba Huân", "Trứng vịt muối Ba Huân", "Ba Huan Salted Duck Eggs", pop = 600, life = { 30, 45 },
    s = { { 65, "g", 26000, 4, vi = "hộp 4 quả", en = "(box of 4)", unit = "pack" } } }
line{ "trung", "Vĩnh Thành Đạt", "Trứng vịt lộn Vĩnh Thành Đạt", "Vinh Thanh Dat Balut", pop = 500,
    life = { 5, 7 },
    s = { { 70, "g", 38000, 6, vi = "hộp 6 quả", en = "(box of 6)", unit = "pack" } } }
line{ "trung", "Vĩnh Thành Đạt", "Trứng bắc thảo Vĩnh Thành Đạt", "Vinh Thanh Dat Century Eggs",
    pop = 200, life = { 60, 90 },
    s = { { 60, "g", 35000, 6, vi = "hộp 6 quả", en = "(box of 6)", unit = "pack" } } }

-- ---- rice ----
local RICE_TYPES = {
    { "Gạo ST25", "ST25 Rice", 42000 }, { "Gạo ST24", "ST24 Rice", 36000 }, { "Gạo thơm Jasmine",
        "Jasmine Fragrant Rice", 27000 },
    { "Gạo Nàng Hoa", "Nang Hoa Rice", 26000 }, { "Gạo Tám Thơm", "Tam Thom Fragrant Rice", 30000 },
    { "Gạo thơm Lài Sữa", "Lai Sua Fragrant Rice", 25000 }, { "Gạo Bắc Hương", "Bac Huong Rice", 29000 },
    { "Gạo dẻo thơm", "Soft Fragrant Rice", 22000 }, { "Gạo lứt", "Brown Rice", 38000, d = true },
    { "Gạo lứt đỏ", "Red Brown Rice", 45000, d = true }, { "Gạo nếp cái hoa vàng",
        "Yellow Flower Glutinous Rice", 42000 },
    { "Gạo nếp sáp", "Waxy Glutinous Rice", 36000 }, { "Gạo tấm thơm", "Fragrant Broken Rice", 21000 },
    { "Gạo Nhật Japonica", "Japonica Rice", 46000 }, { "Gạo hữu cơ", "Organic Rice", 55000, organic = true },
}
local RICE_BRANDS = { { "Ông Cua", 1.08 }, { "Vinh Hiển", 1.0 }, { "Hạt Ngọc Trời", 1.05 }, { "A An", 0.98 },
                      { "Lotus Rice", 1.12 }, { "Phú Minh Tâm", 0.97 }, { "Meizan", 1.0 } }
for bi, b in ipairs(RICE_BRANDS) do
    for ti, r in ipairs(RICE_TYPES) do
        if (bi + ti) % 3 ~= 0 or ti <= 3 then
            local d = { "vegetarian", "vegan", "gluten_free" }
            if r.organic then d[#d + 1] = "organic" end
            line{ "gao", b[1], r[1] .. " " .. b[1], b[1] .. " " .. r[2], pop = (ti <= 3 and 2500 or 600), d = d,
                s = { { 1000, "g", r[3] * b[2] * 1.05 }, { 2000, "g", r[3] * b[2] * 2.05 }, { 5000, "g",
                    r[3] * b[2] * 4.9 },
                      { 10000, "g", r[3] * b[2] * 9.6, p = 0.5 } }, keep = 0.85 }
        end
    end
end

-- ---- dried noodles, rice paper, flour, sugar, beans, canned ----
line{ "bun-mien-banh-trang", "Safoco", "%s Safoco", "Safoco %s", pop = 900, d = { "vegetarian", "vegan" },
    v = { { "Bún gạo khô", "Dried Rice Vermicelli" }, { "Bánh phở khô", "Dried Pho Noodles" },
        { "Hủ tiếu khô", "Dried Hu Tieu Noodles" },
          { "Miến dong", "Arrowroot Glass Noodles", k = 1.6 }, { "Mì trứng khô", "Dried Egg Noodles",
              d = { "vegetarian" } },
          { "Bánh canh khô", "Dried Tapioca Noodles" }, { "Nui ống", "Tube Macaroni" } },
    s = { { 300, "g", 16000 }, { 500, "g", 25000 } } }
line{ "bun-mien-banh-trang", "Bích Chi", "%s Bích Chi", "Bich Chi %s", pop = 700, d = { "vegetarian", "vegan" },
    v = { { "Bánh tráng cuốn", "Rice Paper for Rolls" }, { "Bánh tráng mỏng", "Thin Rice Paper" },
        { "Bún tươi khô Bích Chi", "Dried Fresh-style Vermicelli" },
          { "Bánh phở", "Rice Noodles" }, { "Bánh tráng Tây Ninh phơi sương", "Tay Ninh Dew-dried Rice Paper",
              k = 1.4 } },
    s = { { 200, "g", 14000 }, { 400, "g", 25000 } } }
line{ "bun-mien-banh-trang", "Vifon", "%s Vifon", "Vifon %s", pop = 400, d = { "vegetarian", "vegan" },
    v = { { "Bún khô", "Dried Vermicelli" }, { "Miến dong", "Glass Noodles", k = 1.5 } }, s = { { 400, "g",
        24000 } } }
line{ "bot-lam-banh", "Tài Ký", "%s Tài Ký", "Tai Ky %s", pop = 900, d = { "vegetarian", "vegan" },
    v = { { "Bột gạo", "Rice Flour" }, { "Bột năng", "Tapioca Starch" }, { "Bột nếp",
        "Glutinous Rice Flour" },
          { "Bột bắp", "Cornstarch" }, { "Bột bánh xèo", "Banh Xeo Flour", k = 1.2 }, { "Bột chiên giòn",
              "Tempura Batter Mix", k = 1.3 },
          { "Bột bánh bò", "Steamed Rice Cake Flour", k = 1.3 }, { "Bột bánh cuốn", "Banh Cuon Flour",
              k = 1.2 } },
    s = { { 400, "g", 15000 }, { 1000, "g", 33000, p = 0.4 } } }
line{ "bot-lam-banh", "Meizan", "Bột mì %s Meizan", "Meizan %s Wheat Flour", pop = 900, d = { "vegetarian",
    "vegan" },
    v = { { "đa dụng", "All-purpose" }, { "làm bánh mì", "Bread" }, { "làm bánh bông lan", "Cake" } },
    s = { { 500, "g", 17000 }, { 1000, "g", 30000 } } }
line{ "bot-lam-banh", "Ajinomoto", "Bột chiên giòn Aji-Quick %s", "Aji-Quick %s", pop = 800,
    v = { { "", "Tempura Batter Mix" }, { "bột chiên xù", "Panko Breadcrumbs" }, { "bột tẩm khô chiên giòn",
        "Crispy Coating Mix" } },
    s = { { 150, "g", 11000 }, { 1000, "g", 58000 } } }
line{ "duong-mat-ong", "Biên Hòa", "%s Biên Hòa", "Bien Hoa %s", pop = 2500, vat = 5, d = { "vegetarian", "vegan" },
    v = { { "Đường tinh luyện", "Refined Sugar" }, { "Đường trắng", "White Sugar", k = 0.95 },
        { "Đường vàng", "Golden Sugar", k = 1.1 },
          { "Đường phèn", "Rock Sugar", k = 1.6, p = 0.5 }, { "Đường nâu", "Brown Sugar", k = 1.3, p = 0.5 },
          { "Đường ăn kiêng", "Diet Sweetener", k = 4, p = 0.3 } },
    s = { { 500, "g", 17000 }, { 1000, "g", 31000 } } }
line{ "duong-mat-ong", "Honimore", "Mật ong %s Honimore", "Honimore %s Honey", pop = 700, d = { "vegetarian" },
    v = { { "hoa cà phê", "Coffee Blossom" }, { "hoa nhãn", "Longan Blossom" }, { "rừng", "Wild Forest", k = 1.4 },
          { "hoa bạc hà", "Mint Flower", k = 1.2 } },
    s = { { 250, "g", 78000 }, { 500, "g", 145000 } } }
line{ "dau-hat-kho", false, "%s", "%s", pop = 600, d = { "vegetarian", "vegan", "gluten_free" }, origin = "VN",
    v = { { "Đậu xanh nguyên hạt", "Whole Mung Beans" }, { "Đậu xanh cà vỏ", "Split Mung Beans" },
        { "Đậu đỏ", "Red Beans" },
          { "Đậu đen xanh lòng", "Green-core Black Beans", k = 1.1 }, { "Đậu nành", "Soybeans", k = 0.8 },
          { "Đậu phộng nhân", "Raw Peanuts", k = 1.2 }, { "Mè trắng", "White Sesame Seeds", k = 1.6 },
              { "Mè đen", "Black Sesame Seeds", k = 1.7 },
          { "Hạt sen khô", "Dried Lotus Seeds", k = 4.2 }, { "Nấm đông cô khô", "Dried Shiitake Mushrooms",
              k = 6 },
          { "Nấm mèo khô", "Dried Wood Ear Mushrooms", k = 3.5 }, { "Bột tỏi đen", "Black Garlic Powder",
              k = 9 } },
    s = { { 250, "g", 17000 }, { 500, "g", 32000 } } }
line{ "do-hop", "Hạ Long", "%s Hạ Long", "Ha Long %s", pop = 1500,
    v = { { "Pate gan", "Liver Pâté" }, { "Thịt heo hai lát", "Canned Pork Slices", k = 1.5 },
          { "Cá sốt cà", "Fish in Tomato Sauce", k = 1.05 }, { "Thịt bò hầm", "Stewed Beef", k = 1.7 },
          { "Ruốc heo", "Pork Floss", k = 1.8 }, { "Cá trích sốt cà", "Herring in Tomato Sauce", k = 1.1 } },
    s = { { 150, "g", 26000 }, { 170, "g", 29000 } }, keep = 0.8 }
line{ "do-hop", "Ba Cô Gái", "Cá nục sốt cà Ba Cô Gái", "Three Lady Cooks Mackerel in Tomato Sauce",
    pop = 1200,
    s = { { 155, "g", 24000 }, { 425, "g", 52000 } } }
line{ "do-hop", "Seaspimex", "Cá ngừ %s Seaspimex", "Seaspimex Tuna %s", pop = 600,
    v = { { "ngâm dầu", "in Oil" }, { "ngâm nước muối", "in Brine" }, { "sốt cà", "in Tomato Sauce" } },
        s = { { 185, "g", 38000 } } }
line{ "do-hop", "Pate Cột Đèn", "Pate Cột Đèn Hải Phòng %s", "Cot Den Hai Phong Pâté %s", pop = 900,
    st = "chilled",
    per = true, life = { 30, 60 }, v = { { "", "" }, { "gan gà", "Chicken Liver" } }, s = { { 150, "g", 35000 }, { 300,
        "g", 65000 } } }
line{ "do-hop", "Vietcoco", "Nước cốt dừa Vietcoco", "Vietcoco Coconut Milk for Cooking", pop = 900,
    d = { "vegetarian", "vegan" },
    s = { { 400, "ml", 32000 }, { 165, "ml", 15000 } } }
line{ "ngu-coc", "Xuân An", "Yến mạch %s Xuân An", "Xuan An %s Oats", pop = 700, d = { "vegetarian", "vegan" },
    v = { { "cán dẹt", "Rolled" }, { "ăn liền", "Instant" }, { "nguyên hạt", "Whole Grain" } },
    s = { { 400, "g", 45000 }, { 1000, "g", 105000 } } }
line{ "ngu-coc", "Vinacafé", "Ngũ cốc dinh dưỡng Vinacafé B'fast %s", "Vinacafé B'fast Nutritious Cereal %s",
    pop = 500,
    v = { { "", "" }, { "ít đường", "Less Sugar" } }, s = { { 25, "g", 52000, 20 } } }
line{ "ngu-coc", "Nestlé", "Ngũ cốc ăn sáng Nestlé %s", "Nestlé %s Breakfast Cereal", pop = 700,
    v = { { "Koko Krunch", "Koko Krunch" }, { "Milo", "Milo" }, { "Honey Stars", "Honey Stars" }, { "Corn Flakes",
        "Corn Flakes" } },
    s = { { 170, "g", 45000 }, { 330, "g", 78000 } } }
line{ "mut-bo-phet", false, "Mứt %s", "%s Jam", pop = 250, origin = "VN", d = { "vegetarian", "vegan" },
    v = { { "dâu tây Đà Lạt", "Da Lat Strawberry" }, { "dứa", "Pineapple" }, { "chanh dây",
        "Passion Fruit" } },
    s = { { 250, "g", 45000 } } }
line{ "mut-bo-phet", "Nakydaco", "Bơ đậu phộng Nakydaco %s", "Nakydaco Peanut Butter %s", pop = 300,
    v = { { "mịn", "Smooth" }, { "có hạt", "Crunchy" } }, s = { { 340, "g", 52000 } }, d = { "vegetarian" } }

-- ---- instant noodles ----
local function noodles(cat, brand, vi, en, flavours, sizes, pop, extra)
    local t = { cat, brand, vi, en, v = flavours, s = sizes, pop = pop }
    for k, v in pairs(extra or {}) do t[k] = v end
    line(t)
end
local PACK = function(g, price, box_price, box_n)
    return { { g, "g", price }, { g, "g", price * 5 - 500, 5 }, { g, "g", box_price, box_n or 30 } }
end
noodles("mi-goi", "Acecook", "Mì gói Hảo Hảo %s", "Hao Hao %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp", p = 3 }, { "sa tế hành tím", "Satay Shallot", p = 1.2 }, { "gà vàng",
        "Golden Chicken" },
    { "sườn heo tỏi phi", "Pork Rib Fried Garlic" }, { "chay rau nấm", "Vegetarian Mushroom",
        d = { "vegetarian" } },
    { "mì xào tôm hành", "Stir-fried Shrimp Onion" }, { "lẩu kim chi", "Kimchi Hot Pot", p = 0.6 },
        { "tôm chua cay ít cay", "Mild Hot & Sour Shrimp", p = 0.6 } },
    PACK(75, 4500, 125000), 9000)
noodles("mi-goi", "Acecook", "Mì gói Hảo 100 %s", "Hao 100 %s Instant Noodles", {
    { "tôm xào chua ngọt", "Sweet & Sour Shrimp" }, { "gà", "Chicken" }, { "bò hầm", "Braised Beef" } },
        PACK(65, 3500, 98000), 2500)
noodles("mi-goi", "Acecook", "Mì gói Đệ Nhất %s", "De Nhat %s Instant Noodles", {
    { "thịt bằm", "Minced Pork" }, { "mì xào khô tôm hành", "Dry Stir-fried Shrimp Onion" }, { "gà",
        "Chicken" } },
    PACK(84, 6500, 180000), 1500)
noodles("mi-goi", "Acecook", "Mì gói Lẩu Thái %s", "Lau Thai %s Instant Noodles", {
    { "tôm", "Shrimp" }, { "hải sản", "Seafood" }, { "nấm", "Mushroom", d = { "vegetarian" } } }, PACK(80, 6000,
        165000), 1800)
noodles("mi-goi", "Acecook", "Mì gói Siu Kay %s", "Siu Kay %s Spicy Noodles", {
    { "hải sản cay", "Spicy Seafood" }, { "bò cay", "Spicy Beef" }, { "gà cay", "Spicy Chicken" } }, PACK(127,
        11000, 300000), 900)
noodles("mi-goi", "Omachi", "Mì khoai tây Omachi %s", "Omachi %s Potato Noodles", {
    { "xốt bò hầm", "Beef Stew Sauce", p = 1.5 }, { "sườn hầm ngũ quả", "Pork Rib Five Fruits" },
    { "tôm chua cay Thái", "Thai Hot & Sour Shrimp" }, { "lẩu tôm", "Shrimp Hot Pot" },
        { "mì trộn xốt spaghetti", "Spaghetti Sauce Dry Noodles" } },
    PACK(80, 8500, 235000), 4000)
noodles("mi-goi", "Kokomi", "Mì gói Kokomi %s", "Kokomi %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp", p = 2 }, { "lẩu chua cay", "Spicy Sour Hot Pot" },
        { "sườn hầm ngũ quả", "Pork Rib Five Fruits" },
    { "Đại 90 tôm chua cay", "Dai 90 Hot & Sour Shrimp" } }, PACK(65, 3800, 105000), 4000)
noodles("mi-goi", "Uniben", "Mì gói 3 Miền %s", "3 Mien %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp", p = 2 }, { "gà sợi phở", "Chicken Pho-style" }, { "lẩu Thái tôm",
        "Thai Hot Pot Shrimp" },
    { "sườn heo", "Pork Rib" }, { "Gold bò hầm rau thơm", "Gold Beef Stew Herbs", k = 1.6 } }, PACK(65, 3500,
        98000), 3000)
noodles("mi-goi", "Uniben", "Mì gói Reeva %s", "Reeva %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "bò", "Beef" } }, PACK(65, 3500, 96000), 700)
noodles("mi-goi", "Micoem", "Mì khoai tây Cung Đình %s", "Cung Dinh %s Potato Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "sườn heo", "Pork Rib" }, { "gà hầm", "Stewed Chicken" },
        { "lẩu tôm", "Shrimp Hot Pot" } },
    PACK(80, 6500, 180000), 1500)
noodles("mi-goi", "Micoem", "Mì gói Miliket %s", "Miliket %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "2 tôm", "Double Shrimp" }, { "chay", "Vegetarian", d = { "vegetarian",
        "vegan" } } },
    PACK(65, 3200, 90000), 1200)
noodles("mi-goi", "Gấu Đỏ", "Mì gói Gấu Đỏ %s", "Gau Do %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "gà sợi", "Shredded Chicken" }, { "bò", "Beef" } }, PACK(63, 3500,
        96000), 1200)
noodles("mi-goi", "Vifon", "Mì gói Vifon %s", "Vifon %s Instant Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "Hoàng Gia sườn heo", "Royal Pork Rib", k = 2.5 }, { "thịt bằm",
        "Minced Pork" },
    { "trứng", "Egg" } }, PACK(65, 4000, 110000), 1000)
noodles("mi-goi", "Nongshim", "Mì Shin Ramyun Nongshim %s", "Nongshim Shin Ramyun %s", {
    { "cay", "Spicy" }, { "Black", "Black", k = 1.5 }, { "cay nhẹ", "Mild" } }, { { 120, "g", 22000 }, { 120, "g",
        105000, 5 } },
    600, { origin = "KR" })
noodles("mi-goi", "Samyang", "Mì trộn gà cay Samyang Buldak %s", "Samyang Buldak %s Hot Chicken Ramen", {
    { "", "" }, { "phô mai", "Cheese" }, { "carbonara", "Carbonara" }, { "cay gấp đôi", "2x Spicy" },
        { "tương đen", "Jjajang" } },
    { { 140, "g", 30000 }, { 140, "g", 145000, 5 } }, 900, { origin = "KR" })
noodles("mi-goi", "Ottogi", "Mì Jin Ramen Ottogi %s", "Ottogi Jin Ramen %s", {
    { "cay", "Spicy" }, { "cay nhẹ", "Mild" } }, { { 120, "g", 19000 }, { 120, "g", 90000, 5 } }, 400,
        { origin = "KR" })
noodles("mi-goi", "Indomie", "Mì xào Indomie Mi Goreng %s", "Indomie Mi Goreng %s", {
    { "vị truyền thống", "Original" }, { "vị cay", "Hot & Spicy" }, { "vị sườn", "Rendang" } },
    { { 85, "g", 7000 }, { 85, "g", 33000, 5 } }, 1200, { origin = "ID", d = { "halal" } })
noodles("mi-goi", "Mama", "Mì Mama %s", "Mama %s Instant Noodles", {
    { "tôm chua cay", "Tom Yum Shrimp" }, { "heo bằm", "Minced Pork" } }, { { 60, "g", 6000 }, { 60, "g", 28000,
        5 } }, 500, { origin = "TH" })
noodles("mi-ly", "Acecook", "Mì ly Modern %s", "Modern %s Cup Noodles", {
    { "lẩu Thái tôm", "Thai Hot Pot Shrimp" }, { "bò hầm", "Braised Beef" }, { "gà", "Chicken" } },
    { { 65, "g", 9000 }, { 65, "g", 205000, 24 } }, 1500)
noodles("mi-ly", "Acecook", "Mì ly Hảo Hảo Handy %s", "Hao Hao Handy %s Cup Noodles", {
    { "tôm chua cay", "Hot & Sour Shrimp" }, { "sa tế", "Satay" } }, { { 67, "g", 9500 } }, 1200)
noodles("mi-ly", "Omachi", "Mì ly Omachi %s", "Omachi %s Cup Noodles", {
    { "xốt bò hầm", "Beef Stew Sauce" }, { "tôm chua cay", "Hot & Sour Shrimp" } }, { { 113, "g", 15500 } }, 1000)
noodles("mi-ly", "Nissin", "Mì ly Cup Noodles Nissin %s", "Nissin Cup Noodles %s", {
    { "hải sản", "Seafood" }, { "tôm", "Shrimp" }, { "lẩu Thái", "Tom Yum" }, { "gà", "Chicken" } },
    { { 67, "g", 15000 }, { 67, "g", 85000, 6 } }, 900)
noodles("mi-ly", "Nongshim", "Mì tô Shin Ramyun Nongshim", "Nongshim Shin Ramyun Bowl", nil, { { 86, "g", 30000 } },
    300, { origin = "KR" })
noodles("pho-bun-an-lien", "Acecook", "Phở ăn liền Đệ Nhất %s", "De Nhat %s Instant Pho", {
    { "bò", "Beef" }, { "gà", "Chicken" } }, PACK(65, 7000, 195000), 1500)
noodles("pho-bun-an-lien", "Acecook", "Phở ăn liền Xưa & Nay %s", "Xua & Nay %s Instant Pho", {
    { "bò", "Beef" }, { "gà", "Chicken" }, { "thịt bằm", "Minced Pork" } }, { { 71, "g", 10000 }, { 71, "g",
        48000, 5 } }, 1200)
noodles("pho-bun-an-lien", "Acecook", "Hủ tiếu Nhịp Sống %s", "Nhip Song %s Instant Hu Tieu", {
    { "Nam Vang", "Phnom Penh Style" }, { "sườn heo", "Pork Rib" } }, { { 70, "g", 9500 } }, 800)
noodles("pho-bun-an-lien", "Acecook", "Miến Phú Hương %s", "Phu Huong %s Instant Glass Noodles", {
    { "sườn heo", "Pork Rib" }, { "gà", "Chicken" }, { "lẩu Thái tôm", "Thai Shrimp" } }, { { 55, "g", 8500 },
        { 55, "g", 40000, 5 } }, 1000)
noodles("pho-bun-an-lien", "Vifon", "%s ăn liền Vifon", "Vifon Instant %s", {
    { "Phở bò", "Beef Pho" }, { "Phở gà", "Chicken Pho" }, { "Bún bò Huế", "Bun Bo Hue" },
        { "Hủ tiếu Nam Vang", "Nam Vang Hu Tieu" },
    { "Bún riêu cua", "Crab Noodle Soup" }, { "Miến gà", "Chicken Glass Noodles" }, { "Phở Hoàng Gia bò",
        "Royal Beef Pho", k = 2.6 } },
    { { 65, "g", 7500 }, { 65, "g", 36000, 5 }, { 65, "g", 205000, 30 } }, 1500)
noodles("pho-bun-an-lien", "Cung Đình", "Phở bò Cung Đình %s", "Cung Dinh Beef Pho %s", { { "", "" }, { "hộp",
    "Bowl", k = 1.6 } },
    { { 68, "g", 8500 } }, 700)
noodles("chao-an-lien", "Gấu Đỏ", "Cháo ăn liền Gấu Đỏ %s", "Gau Do Instant Porridge %s", {
    { "tôm", "Shrimp" }, { "thịt bằm", "Minced Pork" }, { "gà", "Chicken" }, { "cá", "Fish" } },
    { { 50, "g", 4500 }, { 50, "g", 21000, 5 }, { 50, "g", 120000, 30 } }, 1500)
noodles("chao-an-lien", "Vifon", "Cháo ăn liền Vifon %s", "Vifon Instant Porridge %s", {
    { "thịt bằm", "Minced Pork" }, { "gà", "Chicken" }, { "sườn", "Pork Rib" }, { "tổ yến", "Bird's Nest",
        k = 3 } },
    { { 50, "g", 5500 }, { 50, "g", 26000, 5 } }, 1200)
noodles("chao-an-lien", "Acecook", "Cháo ăn liền Đệ Nhất %s", "De Nhat Instant Porridge %s", {
    { "thịt bằm", "Minced Pork" }, { "cá lóc rau đắng", "Snakehead Fish & Bitter Herb" } }, { { 50, "g",
        6000 } }, 700)

-- ---- oil ----
local OIL = {
    { "Tường An", "Dầu ăn Tường An Cooking Oil", "Tuong An Cooking Oil", 52000 },
    { "Tường An", "Dầu đậu nành Tường An", "Tuong An Soybean Oil", 56000 },
    { "Tường An", "Dầu ăn Tường An Vio", "Tuong An Vio Cooking Oil", 62000 },
    { "Tường An", "Dầu mè thơm Tường An", "Tuong An Sesame Oil", 180000, small = true },
    { "Neptune", "Dầu ăn Neptune Light", "Neptune Light Cooking Oil", 60000 },
    { "Neptune", "Dầu ăn Neptune Gold 1:1:1", "Neptune Gold 1:1:1 Cooking Oil", 68000 },
    { "Neptune", "Dầu gạo lứt Neptune", "Neptune Rice Bran Oil", 98000 },
    { "Simply", "Dầu đậu nành Simply", "Simply Soybean Oil", 62000 },
    { "Simply", "Dầu hướng dương Simply", "Simply Sunflower Oil", 78000 },
    { "Simply", "Dầu hạt cải Simply", "Simply Canola Oil", 82000 },
    { "Meizan", "Dầu ăn Meizan Gold", "Meizan Gold Cooking Oil", 55000 },
    { "Nakydaco", "Dầu ăn Nakydaco Coba", "Nakydaco Coba Cooking Oil", 48000 },
    { "Olivoilà", "Dầu ô liu Olivoilà Extra Virgin", "Olivoilà Extra Virgin Olive Oil", 280000, small = true },
    { "Bertolli", "Dầu ô liu Bertolli Extra Virgin", "Bertolli Extra Virgin Olive Oil", 330000, small = true,
        origin = "IT" },
    { "Borges", "Dầu ô liu Borges Pomace", "Borges Pomace Olive Oil", 210000, small = true, origin = "ES" },
}
for _, o in ipairs(OIL) do
    local sizes
    if o.small then
        sizes = { { 250, "ml", o[4] * 0.3 }, { 500, "ml", o[4] * 0.55 }, { 1000, "ml", o[4] } }
    else
        sizes = { { 400, "ml", o[4] * 0.45 }, { 1000, "ml", o[4] }, { 2000, "ml", o[4] * 1.95 }, { 5000, "ml",
            o[4] * 4.7 } }
    end
    line{ "dau-an", o[1], o[2], o[3], s = sizes, pop = o.small and 600 or 3500, origin = o.origin,
        d = { "vegetarian", "vegan" } }
end

-- ---- fish sauce, soy, chili, seasoning ----
line{ "nuoc-mam", "Nam Ngư", "Nước mắm Nam Ngư %s", "Nam Ngu %s Fish Sauce", pop = 6000,
    v = { { "", "" }, { "Đệ Nhị", "De Nhi", k = 0.55 }, { "Siêu Tiết Kiệm", "Super Saver", k = 0.45 },
          { "Phú Quốc 40 độ đạm", "Phu Quoc 40°N", k = 2.6, p = 0.4 }, { "10 độ đạm", "10°N",
              k = 0.9 } },
    s = { { 500, "ml", 39000 }, { 750, "ml", 52000 }, { 900, "ml", 60000 } }, keep = 0.8 }
line{ "nuoc-mam", "Chin-su", "Nước mắm Chin-su %s", "Chin-su %s Fish Sauce", pop = 3500,
    v = { { "cá cơm biển Đông", "East Sea Anchovy" }, { "nhãn vàng", "Gold Label", k = 1.2 }, { "tỏi ớt",
        "Garlic Chili", k = 0.9 } },
    s = { { 500, "ml", 42000 }, { 650, "ml", 52000 } } }
for _, b in ipairs{ { "Hưng Thịnh", "Phú Quốc ", "Phu Quoc ", 1.0 }, { "Khải Hoàn", "Phú Quốc ",
    "Phu Quoc ", 1.1 },
                    { "Liên Thành", "Nha Trang ", "Nha Trang ", 0.9 }, { "584 Nha Trang", "", "", 0.95 },
                    { "Red Boat", "Phú Quốc ", "Phu Quoc ", 2.2 }, { "Việt Hương", "Ba Con Cua ", "Three Crabs ",
                        1.4 } } do
    line{ "nuoc-mam", b[1], "Nước mắm " .. b[2] .. b[1] .. " %s", b[1] .. " " .. b[3] .. "Fish Sauce %s",
        pop = 900, k = b[4],
        v = { { "20 độ đạm", "20°N", k = 0.7 }, { "30 độ đạm", "30°N", k = 0.85 }, { "35 độ đạm",
            "35°N" }, { "40 độ đạm", "40°N", k = 1.25 },
              { "43 độ đạm", "43°N", k = 1.45, p = 0.5 } },
        s = { { 500, "ml", 85000 }, { 250, "ml", 48000 }, { 1000, "ml", 155000, p = 0.5 } }, keep = 0.7 }
end
line{ "nuoc-mam", "Knorr", "Nước mắm Knorr Phú Quốc", "Knorr Phu Quoc Fish Sauce", pop = 1200, s = { { 500,
    "ml", 48000 }, { 750, "ml", 68000 } } }
line{ "nuoc-tuong-dau-hao", "Chin-su", "Nước tương Chin-su %s", "Chin-su %s Soy Sauce", pop = 3000,
    v = { { "tỏi ớt", "Garlic Chili" }, { "đậu nành", "Soybean" }, { "Tam Thái Tử nhất ca",
        "Tam Thai Tu Nhat Ca", k = 0.6 } },
    s = { { 250, "ml", 18000 }, { 500, "ml", 30000 } }, d = { "vegetarian" } }
line{ "nuoc-tuong-dau-hao", "Tam Thái Tử", "Nước tương Tam Thái Tử %s", "Tam Thai Tu %s Soy Sauce",
    pop = 2000,
    v = { { "nhất ca", "Nhat Ca" }, { "đậu nành", "Soybean" } }, s = { { 500, "ml", 13000 }, { 1000, "ml",
        24000 } }, d = { "vegetarian" } }
line{ "nuoc-tuong-dau-hao", "Maggi", "Nước tương Maggi %s", "Maggi %s Soy Sauce", pop = 1800,
    v = { { "đậm đặc", "Rich" }, { "thanh dịu", "Light" } }, s = { { 300, "ml", 21000 }, { 700, "ml", 42000 } },
        d = { "vegetarian" } }
line{ "nuoc-tuong-dau-hao", "Nam Dương", "Nước tương Nam Dương", "Nam Duong Soy Sauce", pop = 900, s = { { 500,
    "ml", 16000 } } }
line{ "nuoc-tuong-dau-hao", "Kikkoman", "Nước tương Kikkoman %s", "Kikkoman %s Soy Sauce", pop = 400,
    origin = "JP",
    v = { { "", "" }, { "ít muối", "Less Salt", k = 1.2 } }, s = { { 150, "ml", 42000 }, { 600, "ml", 128000 } } }
line{ "nuoc-tuong-dau-hao", "Lee Kum Kee", "%s Lee Kum Kee", "Lee Kum Kee %s", pop = 900, origin = "HK",
    v = { { "Dầu hào Panda", "Panda Oyster Sauce" }, { "Dầu hào Premium", "Premium Oyster Sauce", k = 1.5 },
          { "Xì dầu Premium", "Premium Soy Sauce" }, { "Tương đen hoisin", "Hoisin Sauce", k = 1.2 },
          { "Xốt tỏi ớt", "Chili Garlic Sauce", k = 1.1 } },
    s = { { 255, "g", 38000 }, { 510, "g", 65000 } } }
line{ "nuoc-tuong-dau-hao", "Maggi", "Dầu hào Maggi %s", "Maggi %s Oyster Sauce", pop = 1500,
    v = { { "", "" }, { "nấm hương chay", "Vegetarian Mushroom", d = { "vegetarian" } } }, s = { { 350, "g",
        31000 }, { 530, "g", 44000 } } }
line{ "nuoc-tuong-dau-hao", "Chin-su", "Dầu hào Chin-su", "Chin-su Oyster Sauce", pop = 800, s = { { 350, "g",
    28000 } } }
line{ "tuong-ot-tuong-ca", "Chin-su", "%s Chin-su", "Chin-su %s", pop = 3000,
    v = { { "Tương ớt", "Chili Sauce" }, { "Tương ớt Sriracha", "Sriracha Chili Sauce" }, { "Tương cà",
        "Ketchup" },
          { "Tương ớt xí muội", "Plum Chili Sauce" } },
    s = { { 250, "g", 15500 }, { 520, "g", 28000 } }, d = { "vegetarian" } }
line{ "tuong-ot-tuong-ca", "Cholimex", "%s Cholimex", "Cholimex %s", pop = 2000,
    v = { { "Tương ớt", "Chili Sauce" }, { "Tương cà", "Ketchup" }, { "Xốt ướp thịt nướng",
        "BBQ Marinade", k = 1.4 },
          { "Tương ớt Sriracha", "Sriracha" }, { "Xốt mayonnaise", "Mayonnaise", k = 1.4 } },
    s = { { 270, "g", 14000 }, { 830, "g", 38000, p = 0.5 } } }
line{ "tuong-ot-tuong-ca", "Ajinomoto", "Xốt mayonnaise Aji-mayo %s", "Aji-mayo Mayonnaise %s", pop = 1200,
    v = { { "", "" }, { "ít béo", "Light" } }, s = { { 130, "g", 18000 }, { 260, "g", 32000 } } }
line{ "tuong-ot-tuong-ca", "Kewpie", "Xốt mayonnaise Kewpie %s", "Kewpie Mayonnaise %s", pop = 700,
    v = { { "", "" }, { "mè rang", "Roasted Sesame Dressing", k = 1.4 } }, s = { { 130, "g", 26000 }, { 500, "g",
        78000 } } }
line{ "tuong-ot-tuong-ca", "Heinz", "Tương cà Heinz", "Heinz Tomato Ketchup", pop = 500, origin = "US",
    s = { { 300, "g", 39000 }, { 567, "g", 65000 } } }
line{ "hat-nem-bot-ngot", "Knorr", "Hạt nêm Knorr %s", "Knorr %s Seasoning Granules", pop = 4500,
    v = { { "thịt thăn xương ống tủy", "Pork Bone & Marrow" }, { "nấm hương", "Shiitake",
        d = { "vegetarian" } }, { "gà", "Chicken" } },
    s = { { 400, "g", 41000 }, { 900, "g", 86000 }, { 170, "g", 19000 } } }
line{ "hat-nem-bot-ngot", "Aji-ngon", "Hạt nêm Aji-ngon %s", "Aji-ngon %s Seasoning Granules", pop = 3500,
    v = { { "heo", "Pork" }, { "gà", "Chicken" }, { "nấm", "Mushroom", d = { "vegetarian" } } },
    s = { { 400, "g", 36000 }, { 900, "g", 76000 } } }
line{ "hat-nem-bot-ngot", "Maggi", "Hạt nêm Maggi %s", "Maggi %s Seasoning Granules", pop = 1500,
    v = { { "3 ngọt heo", "Pork Triple Sweet" }, { "nấm hương", "Shiitake" } }, s = { { 450, "g", 39000 } } }
line{ "hat-nem-bot-ngot", "Ajinomoto", "Bột ngọt Ajinomoto", "Ajinomoto MSG", pop = 3500,
    s = { { 400, "g", 31000 }, { 1000, "g", 72000 }, { 140, "g", 12000 } }, d = { "vegetarian", "vegan", "halal" } }
line{ "hat-nem-bot-ngot", "Vedan", "Bột ngọt Vedan", "Vedan MSG", pop = 1200, s = { { 400, "g", 27000 }, { 1000,
    "g", 62000 } } }
line{ "hat-nem-bot-ngot", "Knorr", "Viên nêm Knorr %s", "Knorr %s Bouillon Cubes", pop = 800,
    v = { { "bò hầm", "Beef" }, { "canh chua", "Sour Soup" }, { "lẩu Thái", "Tom Yum" } }, s = { { 75, "g",
        12000 } } }
line{ "muoi-tieu-gia-vi", "Dh Foods", "%s Dh Foods", "Dh Foods %s", pop = 600,
    v = { { "Tiêu đen xay", "Ground Black Pepper" }, { "Tiêu đen hạt", "Black Peppercorns" },
        { "Muối tôm Tây Ninh", "Tay Ninh Shrimp Salt", k = 0.6 },
          { "Muối ớt xanh", "Green Chili Salt", k = 0.7 }, { "Bột ớt", "Chili Powder", k = 0.7 },
              { "Bột nghệ", "Turmeric Powder", k = 0.6 },
          { "Ngũ vị hương", "Five-spice Powder", k = 0.6 }, { "Bột quế", "Cinnamon Powder", k = 0.7 },
              { "Hoa hồi", "Star Anise" } },
    s = { { 50, "g", 26000 }, { 100, "g", 45000 } }, d = { "vegetarian", "vegan" } }
line{ "muoi-tieu-gia-vi", "Ông Chà Và", "%s Ông Chà Và", "Ong Cha Va %s", pop = 500,
    v = { { "Bột cà ri", "Curry Powder" }, { "Gia vị nấu phở", "Pho Spice Mix" }, { "Gia vị bò kho",
        "Bo Kho Spice Mix" },
          { "Bột điều màu", "Annatto Powder" }, { "Tiêu xay", "Ground Pepper" } },
    s = { { 30, "g", 9000 }, { 100, "g", 26000 } } }
line{ "muoi-tieu-gia-vi", "Barona", "Gia vị hoàn chỉnh Barona %s", "Barona %s Seasoning Kit", pop = 900,
    v = { { "bò kho", "Braised Beef" }, { "cá kho", "Caramelised Fish" }, { "thịt kho", "Braised Pork" },
        { "lẩu Thái", "Thai Hot Pot" },
          { "sườn xào chua ngọt", "Sweet & Sour Ribs" }, { "phở bò", "Beef Pho" }, { "bún bò Huế",
              "Bun Bo Hue" }, { "canh chua", "Sour Soup" } },
    s = { { 80, "g", 15000 } } }
line{ "muoi-tieu-gia-vi", false, "Muối i-ốt %s", "Iodised Salt %s", pop = 1500, origin = "VN", d = { "vegetarian",
    "vegan" },
    v = { { "tinh", "Fine" }, { "hạt", "Coarse" } }, s = { { 500, "g", 5500 }, { 1000, "g", 9000 } } }
line{ "giam-mam-dua-muoi", "Ajinomoto", "Giấm gạo lên men Lisa", "Lisa Fermented Rice Vinegar", pop = 600,
    s = { { 400, "ml", 12000 }, { 900, "ml", 24000 } } }
line{ "giam-mam-dua-muoi", "Bà Giáo Khỏe", "%s Bà Giáo Khỏe", "Ba Giao Khoe %s", pop = 500,
    v = { { "Mắm tôm", "Fermented Shrimp Paste" }, { "Mắm ruốc", "Fine Shrimp Paste" }, { "Mắm nêm",
        "Fermented Anchovy Sauce" } },
    s = { { 200, "g", 22000 }, { 400, "g", 38000 } } }
line{ "giam-mam-dua-muoi", "Cholimex", "%s Cholimex", "Cholimex %s", pop = 400,
    v = { { "Dưa kiệu", "Pickled Shallots", k = 1.8 }, { "Nước màu", "Caramel Sauce for Braising" },
        { "Sa tế tôm", "Shrimp Chili Satay" } },
    s = { { 200, "g", 20000 } } }

-- ---- coffee, tea (dry) ----
line{ "ca-phe", "Trung Nguyên", "Cà phê rang xay Trung Nguyên %s", "Trung Nguyen %s Ground Coffee", pop = 3000,
    v = { { "Sáng Tạo 1", "Creative 1" }, { "Sáng Tạo 2", "Creative 2" }, { "Sáng Tạo 3", "Creative 3" },
        { "Sáng Tạo 4", "Creative 4", k = 1.1 },
          { "Sáng Tạo 5", "Creative 5", k = 1.2 }, { "Sáng Tạo 8", "Creative 8", k = 1.6 }, { "Gourmet Blend",
              "Gourmet Blend", k = 1.5 } },
    s = { { 250, "g", 68000 }, { 340, "g", 88000 }, { 500, "g", 125000 } }, keep = 0.85 }
line{ "ca-phe", "Trung Nguyên", "Cà phê phin Trung Nguyên Chế Phin %s",
    "Trung Nguyen Phin Filter Coffee Che Phin %s", pop = 2500,
    v = { { "số 1", "No. 1" }, { "số 2", "No. 2" }, { "số 3", "No. 3" }, { "số 4", "No. 4", k = 1.1 },
        { "số 5", "No. 5", k = 1.25 } },
    s = { { 500, "g", 98000 } } }
line{ "ca-phe", "G7", "Cà phê hòa tan G7 %s", "G7 %s Instant Coffee", pop = 4000,
    v = { { "3 in 1", "3-in-1" }, { "2 in 1", "2-in-1" }, { "đen", "Black", k = 0.55 }, { "cappuccino", "Cappuccino",
        k = 1.3 } },
    s = { { 16, "g", 54000, 18 }, { 16, "g", 150000, 50 }, { 16, "g", 68000, 21 } }, keep = 0.75 }
line{ "ca-phe", "Trung Nguyên", "Cà phê sữa đá hòa tan Trung Nguyên Legend %s",
    "Trung Nguyen Legend Iced Milk Coffee %s",
    pop = 1500, v = { { "Classic", "Classic" }, { "Special Edition", "Special Edition", k = 1.3 } }, s = { { 25, "g",
        78000, 12 } } }
line{ "ca-phe", "Highlands Coffee", "Cà phê rang xay Highlands Coffee %s", "Highlands Coffee %s Ground Coffee",
    pop = 2000,
    v = { { "Truyền thống", "Traditional" }, { "Di sản", "Heritage", k = 1.3 }, { "Culi", "Peaberry", k = 1.2 } },
    s = { { 200, "g", 62000 }, { 1000, "g", 265000 } } }
line{ "ca-phe", "Highlands Coffee", "Cà phê sữa đá hòa tan Highlands Coffee %s",
    "Highlands Coffee Instant Iced Milk Coffee %s",
    pop = 1500, v = { { "", "" } }, s = { { 22, "g", 58000, 10 }, { 22, "g", 95000, 18 } } }
line{ "ca-phe", "Highlands Coffee", "Cà phê phin sữa đá Highlands Coffee lon",
    "Highlands Coffee Canned Phin Milk Coffee",
    pop = 1200, s = { { 235, "ml", 14000 }, { 235, "ml", 79000, 6 } } }
line{ "ca-phe", "Vinacafé", "Cà phê hòa tan Vinacafé Gold Original 3 in 1 %s",
    "Vinacafé Gold Original 3-in-1 Instant Coffee %s",
    pop = 2000, s = { { 20, "g", 52000, 24 }, { 20, "g", 105000, 48 } } }
line{ "ca-phe", "Vinacafé", "Cà phê sữa Wake-up Sài Gòn %s", "Wake-up Saigon Milk Coffee %s", pop = 800,
    s = { { 19, "g", 50000, 24 } } }
line{ "ca-phe", "Nescafé", "Cà phê Nescafé %s", "Nescafé %s", pop = 2500,
    v = { { "café Việt cà phê sữa đá", "Café Viet Iced Milk Coffee" }, { "café Việt cà phê đen đá",
        "Café Viet Iced Black Coffee" },
          { "3 in 1 đậm vị cà phê", "3-in-1 Strong" }, { "Gold hòa tan nguyên chất", "Gold Pure Instant",
              k = 2.5 } },
    s = { { 20, "g", 54000, 20 }, { 16, "g", 82000, 35 } } }
line{ "ca-phe", "King Coffee", "Cà phê King Coffee %s", "King Coffee %s", pop = 900,
    v = { { "3 in 1 hòa tan", "3-in-1 Instant" }, { "Espresso hòa tan", "Instant Espresso" },
        { "Pure Arabica rang xay", "Pure Arabica Ground", k = 1.8 } },
    s = { { 16, "g", 48000, 20 }, { 250, "g", 115000 } }, keep = 0.7 }
line{ "ca-phe", "Phúc Long", "Cà phê rang xay Phúc Long %s", "Phuc Long %s Ground Coffee", pop = 600,
    v = { { "Truyền thống", "Traditional" }, { "Arabica", "Arabica", k = 1.3 } }, s = { { 250, "g", 95000 }, { 500,
        "g", 175000 } } }
line{ "ca-phe", "Mê Trang", "Cà phê hạt Mê Trang %s", "Me Trang %s Coffee Beans", pop = 500,
    v = { { "Arabica", "Arabica", k = 1.3 }, { "Robusta", "Robusta" }, { "Culi", "Peaberry", k = 1.15 } }, s = { { 500,
        "g", 125000 } } }
line{ "ca-phe", false, "Cà phê phin Buôn Ma Thuột %s", "Buon Ma Thuot Phin Coffee %s", pop = 700, origin = "VN",
    v = { { "Robusta rang mộc", "Plain-roasted Robusta" }, { "Arabica Cầu Đất", "Cau Dat Arabica", k = 1.5 } },
    s = { { 500, "g", 110000 }, { 1000, "g", 205000 } } }
line{ "tra", "Lipton", "Trà Lipton %s", "Lipton %s Tea", pop = 1500,
    v = { { "nhãn vàng túi lọc", "Yellow Label Tea Bags" }, { "Ice Tea chanh mật ong", "Ice Tea Lemon Honey" },
        { "xanh túi lọc", "Green Tea Bags" } },
    s = { { 2, "g", 38000, 25 }, { 2, "g", 125000, 100 } } }
line{ "tra", "Cozy", "Trà túi lọc Cozy %s", "Cozy %s Tea Bags", pop = 1000,
    v = { { "hương đào", "Peach" }, { "hương vải", "Lychee" }, { "bạc hà", "Mint" }, { "gừng", "Ginger" },
        { "Ice Tea chanh", "Lemon Ice Tea" } },
    s = { { 2, "g", 32000, 25 } } }
line{ "tra", "Phúc Long", "Trà Phúc Long %s", "Phuc Long %s Tea", pop = 700,
    v = { { "xanh lài", "Jasmine Green" }, { "ô long", "Oolong", k = 1.4 }, { "sen", "Lotus", k = 1.3 } },
        s = { { 100, "g", 55000 }, { 200, "g", 98000 } } }
line{ "tra", "Tâm Châu", "Trà ô long Tâm Châu %s", "Tam Chau %s Oolong Tea", pop = 400,
    v = { { "Bảo Lộc", "Bao Loc" }, { "Tứ Quý", "Four Seasons" } }, s = { { 200, "g", 120000 } } }
line{ "tra", false, "Trà xanh Thái Nguyên %s", "Thai Nguyen Green Tea %s", pop = 600, origin = "VN",
    v = { { "Tân Cương", "Tan Cuong" }, { "móc câu", "Hook-shaped", k = 1.3 } }, s = { { 200, "g", 85000 }, { 500,
        "g", 195000 } } }
line{ "tra", "Ladophar", "Trà atisô Ladophar %s", "Ladophar Artichoke Tea %s", pop = 500,
    v = { { "túi lọc", "Tea Bags" } }, s = { { 2, "g", 42000, 20 }, { 2, "g", 95000, 50 } } }

return L
