-- scripts/seed/lines/nonfood.lua: household goods, personal care and mother-and-baby products
-- from the brands Vietnamese supermarkets shelve (Unilever, P&G, Kao, Unicharm and the
-- Vietnamese makers), with their scents, forms and pack sizes. Shelf prices in VND
-- (2025-2026). Data only; seed.lines expands it.
local L = {}
local function line(t) L[#L + 1] = t end

local function sizes(list, per_unit, unit)
    -- list of quantities; price follows per_unit (VND per 1000 g/ml) with bigger packs cheaper
    local out = {}
    for _, q in ipairs(list) do
        out[#out + 1] = { q, unit, per_unit * (q / 1000) ^ 0.92 }
    end
    return out
end

-- ---- laundry ----
local SCENTS = {
    Omo = { { "hương Comfort tinh dầu thơm", "Comfort Essential Oil" }, { "sạch thơm", "Fresh Clean" },
        { "hương hoa nắng", "Sunshine Flower" },
            { "Matic cửa trên", "Matic Top Load" }, { "Matic cửa trước", "Matic Front Load", k = 1.1 } },
    Ariel = { { "hương Downy", "Downy Freshness" }, { "đậm đặc", "Concentrated" }, { "Matic cửa trước",
        "Matic Front Load", k = 1.1 } },
    Tide = { { "trắng đột phá", "Whitening" }, { "hương Downy", "Downy" } },
    Surf = { { "hương nước hoa", "Perfume" }, { "hương sương mai", "Morning Dew" },
        { "hương cỏ hoa diệu kỳ", "Flower Meadow" } },
    Aba = { { "sạch thơm", "Fresh Clean" }, { "hương nước hoa", "Perfume" }, { "nước hoa Pháp",
        "French Perfume", k = 1.2 } },
    Lix = { { "Extra đậm đặc", "Extra Concentrated" }, { "hương chanh", "Lemon" }, { "hương hoa",
        "Floral" } },
    Net = { { "hương hoa", "Floral" }, { "sạch khuẩn", "Antibacterial" } },
}
for _, b in ipairs{ { "Omo", 1.0, 3000 }, { "Ariel", 1.15, 1500 }, { "Tide", 0.95, 1000 }, { "Surf", 0.8, 1500 },
                    { "Aba", 0.85, 1200 }, { "Lix", 0.7, 800 }, { "Net", 0.7, 400 } } do
    line{ "bot-giat-nuoc-giat", b[1], "Bột giặt " .. b[1] .. " %s", b[1] .. " %s Laundry Powder", pop = b[3],
        k = b[2],
        v = SCENTS[b[1]], s = sizes({ 400, 800, 2500, 4500, 6000 }, 52000, "g"), keep = 0.8 }
    line{ "bot-giat-nuoc-giat", b[1], "Nước giặt " .. b[1] .. " %s", b[1] .. " %s Liquid Detergent", pop = b[3],
        k = b[2],
        v = SCENTS[b[1]], s = { { 1800, "g", 105000, vi = "túi 1.8 kg", en = "1.8 kg pouch" },
                                { 3600, "g", 195000, vi = "túi 3.6 kg", en = "3.6 kg pouch" },
                                { 3800, "g", 215000, vi = "chai 3.8 kg", en = "3.8 kg bottle" } }, keep = 0.8 }
end
local SOFT = { { "hương ban mai", "Morning Fresh" }, { "hương nước hoa", "Perfume" },
    { "đậm đặc một lần xả", "Concentrated One Rinse" },
               { "hương hoa anh đào", "Cherry Blossom" }, { "cho da nhạy cảm", "Sensitive Skin" } }
for _, b in ipairs{ { "Comfort", 1.0, 2500 }, { "Downy", 1.15, 2500 } } do
    line{ "nuoc-xa-vai", b[1], "Nước xả vải " .. b[1] .. " %s", b[1] .. " %s Fabric Softener", pop = b[3],
        k = b[2],
        v = b[1] == "Downy" and { { "huyền bí", "Mystique" }, { "nắng mai", "Sunrise Fresh" }, { "đam mê",
            "Passion" },
                                  { "Expert khử mùi", "Expert Odour Fighter" }, { "hương hoa oải hương",
                                      "Lavender" } } or SOFT,
        s = { { 800, "ml", 52000, vi = "túi 800 ml", en = "800 ml pouch" }, { 1600, "ml", 98000, vi = "túi 1.6 L",
            en = "1.6 L pouch" },
              { 3200, "ml", 185000, vi = "túi 3.2 L", en = "3.2 L pouch" }, { 1800, "ml", 125000, vi = "chai 1.8 L",
                  en = "1.8 L bottle" } },
        keep = 0.85 }
end
line{ "nuoc-rua-chen", "Sunlight", "Nước rửa chén Sunlight %s", "Sunlight %s Dishwashing Liquid", pop = 3500,
    v = { { "chanh", "Lemon" }, { "trà xanh", "Green Tea" }, { "thiên nhiên muối khoáng",
        "Natural Mineral Salt" }, { "Extra bạc hà", "Extra Mint" } },
    s = { { 750, "g", 28000, vi = "chai 750 g", en = "750 g bottle" }, { 1500, "g", 48000, vi = "chai 1.5 kg",
        en = "1.5 kg bottle" },
          { 3600, "g", 98000, vi = "can 3.6 kg", en = "3.6 kg jug" }, { 2100, "g", 58000, vi = "túi 2.1 kg",
              en = "2.1 kg pouch" } } }
line{ "nuoc-rua-chen", "Mỹ Hảo", "Nước rửa chén Mỹ Hảo %s", "My Hao %s Dishwashing Liquid", pop = 1200,
    v = { { "hương chanh", "Lemon" }, { "trà xanh", "Green Tea" }, { "bồ kết", "Soap Pod" } }, s = sizes({ 400,
        750, 1500, 3800 }, 32000, "g") }
line{ "nuoc-rua-chen", "Lix", "Nước rửa chén Lix %s", "Lix %s Dishwashing Liquid", pop = 800,
    v = { { "hương chanh", "Lemon" }, { "siêu sạch", "Super Clean" } }, s = sizes({ 400, 1500, 3600 }, 28000,
        "g") }
line{ "tay-rua-lau-chui", "Sunlight", "Nước lau sàn Sunlight %s", "Sunlight %s Floor Cleaner", pop = 1500,
    v = { { "hương hoa hạ", "Summer Flower" }, { "hương lily và hoa hồng", "Lily & Rose" }, { "chanh sả",
        "Lemongrass" },
          { "bạc hà", "Mint" } },
    s = { { 1000, "g", 36000, vi = "chai 1 kg", en = "1 kg bottle" }, { 3800, "g", 115000, vi = "can 3.8 kg",
        en = "3.8 kg jug" } } }
line{ "tay-rua-lau-chui", "Gift", "Nước lau sàn Gift %s", "Gift %s Floor Cleaner", pop = 1000,
    v = { { "hương hoa", "Floral" }, { "bạc hà", "Mint" }, { "sả chanh", "Lemongrass" }, { "gỗ hồng",
        "Rosewood" } },
    s = sizes({ 1000, 2800, 3800 }, 30000, "g") }
line{ "tay-rua-lau-chui", "Vim", "Nước tẩy bồn cầu Vim %s", "Vim %s Toilet Cleaner", pop = 1200,
    v = { { "diệt khuẩn", "Antibacterial" }, { "hương chanh", "Lemon" }, { "hương thông", "Pine" } },
        s = sizes({ 500, 880 }, 52000, "ml") }
line{ "tay-rua-lau-chui", "Duck", "Nước tẩy bồn cầu Duck %s", "Duck %s Toilet Cleaner", pop = 800,
    v = { { "Pro", "Pro" }, { "hương bạc hà", "Mint" }, { "hương oải hương", "Lavender" } }, s = sizes({ 500,
        900 }, 62000, "ml") }
line{ "tay-rua-lau-chui", "Cif", "Kem tẩy đa năng Cif %s", "Cif %s Cream Cleaner", pop = 800,
    v = { { "hương chanh", "Lemon" }, { "nhà bếp", "Kitchen" }, { "nhà tắm", "Bathroom" } }, s = sizes({ 500,
        690 }, 75000, "ml") }
line{ "tay-rua-lau-chui", "Mr Muscle", "%s Mr Muscle", "Mr Muscle %s", pop = 500,
    v = { { "Nước lau kính", "Glass Cleaner" }, { "Tẩy dầu mỡ nhà bếp", "Kitchen Degreaser", k = 1.3 } },
        s = sizes({ 500 }, 95000, "ml") }
line{ "tay-rua-lau-chui", "Mỹ Hảo", "Nước tẩy Javel Mỹ Hảo %s", "My Hao %s Bleach", pop = 500,
    v = { { "", "" }, { "hương chanh", "Lemon" } }, s = sizes({ 1000, 2000 }, 22000, "ml") }

-- ---- paper, bags, pests, kitchen, batteries ----
for _, b in ipairs{ { "Pulppy", 1.0, 2000 }, { "Bless You", 1.05, 1500 }, { "Watersilk", 0.9, 800 }, { "Kleenex", 1.3,
    700 },
                    { "Tempo", 1.45, 300 } } do
    line{ "giay-khan-giay", b[1], "%s " .. b[1], b[1] .. " %s", pop = b[3], k = b[2],
        v = { { "Giấy vệ sinh 3 lớp", "3-ply Toilet Paper" }, { "Giấy vệ sinh 2 lớp", "2-ply Toilet Paper",
            k = 0.8 },
              { "Khăn giấy rút", "Facial Tissues", k = 0.55 }, { "Khăn giấy ăn", "Napkins", k = 0.35 },
              { "Giấy lau bếp", "Kitchen Towels", k = 0.6 }, { "Khăn giấy bỏ túi", "Pocket Tissues",
                  k = 0.35 } },
        s = { { 1, "pcs", 62000, 10, vi = "10 cuộn", en = "10 rolls", unit = "pack" },
              { 1, "pcs", 118000, 20, vi = "20 cuộn", en = "20 rolls", unit = "pack" },
              { 1, "pcs", 72000, 12, vi = "12 cuộn", en = "12 rolls", unit = "pack" } }, keep = 0.7 }
end
line{ "tui-rac-mang-boc", "Inochi", "%s Inochi", "Inochi %s", pop = 900,
    v = { { "Túi đựng rác tự hủy", "Biodegradable Trash Bags" }, { "Túi đựng rác có quai",
        "Handle Trash Bags" },
          { "Túi zip đựng thực phẩm", "Zip Food Bags", k = 1.2 }, { "Hộp nhựa đựng thực phẩm",
              "Food Container", k = 1.6 } },
    s = { { 1, "pcs", 32000, 3, vi = "3 cuộn", en = "3 rolls", unit = "pack" }, { 1, "pcs", 52000, 5, vi = "5 cuộn",
        en = "5 rolls", unit = "pack" } } }
line{ "tui-rac-mang-boc", "Ringo", "%s Ringo", "Ringo %s", pop = 700,
    v = { { "Màng bọc thực phẩm 30 cm x 100 m", "Cling Film 30 cm x 100 m" },
        { "Giấy bạc nướng 30 cm x 5 m", "Aluminium Foil 30 cm x 5 m", k = 0.8 },
          { "Túi rác đen", "Black Trash Bags", k = 0.6 }, { "Giấy nến nướng bánh", "Baking Paper",
              k = 0.9 } },
    s = { { 1, "pcs", 48000, vi = "", en = "", unit = "piece" } } }
line{ "tui-rac-mang-boc", "Lock&Lock", "Hộp bảo quản thực phẩm Lock&Lock %s", "Lock&Lock %s Food Container",
    pop = 500,
    v = { { "180 ml", "180 ml" }, { "470 ml", "470 ml", k = 1.2 }, { "1 L", "1 L", k = 1.6 }, { "thủy tinh 750 ml",
        "Glass 750 ml", k = 2.6 },
          { "bộ 3 hộp", "Set of 3", k = 3 } },
    s = { { 1, "pcs", 45000, vi = "", en = "", unit = "piece" } } }
line{ "diet-con-trung-xit-phong", "Raid", "Bình xịt côn trùng Raid %s", "Raid %s Insect Spray", pop = 700,
    v = { { "hương lavender", "Lavender" }, { "không mùi", "Odourless" }, { "hương chanh", "Lemon" } },
        s = sizes({ 300, 600 }, 180000, "ml") }
line{ "diet-con-trung-xit-phong", "ARS", "%s ARS", "ARS %s", pop = 600,
    v = { { "Bình xịt muỗi", "Mosquito Spray" }, { "Nhang muỗi", "Mosquito Coils", k = 0.4 },
        { "Tinh dầu đuổi muỗi", "Mosquito Repellent Liquid", k = 0.9 } },
    s = sizes({ 600 }, 140000, "ml") }
line{ "diet-con-trung-xit-phong", "Jumbo", "%s Jumbo", "Jumbo %s", pop = 800,
    v = { { "Nhang muỗi", "Mosquito Coils" }, { "Bình xịt côn trùng Vape", "Vape Insect Spray", k = 2.4 },
        { "Vỉ muỗi", "Mosquito Mats", k = 0.8 } },
    s = { { 1, "pcs", 28000, 10, vi = "hộp 10 khoanh", en = "box of 10", unit = "pack" } } }
line{ "diet-con-trung-xit-phong", "Glade", "Xịt thơm phòng Glade %s", "Glade %s Air Freshener", pop = 600,
    v = { { "hương lavender", "Lavender" }, { "hương chanh", "Lemon" }, { "hương hoa nhài", "Jasmine" },
        { "hương biển", "Ocean" } },
    s = sizes({ 280 }, 240000, "ml") }
line{ "diet-con-trung-xit-phong", "Ambi Pur", "Sáp thơm Ambi Pur %s", "Ambi Pur %s Air Freshener Gel", pop = 400,
    v = { { "hương hoa hồng", "Rose" }, { "hương nắng mai", "Morning Sun" } }, s = sizes({ 180 }, 330000, "g") }
line{ "do-dung-bep", "Sunhouse", "%s Sunhouse", "Sunhouse %s", pop = 400, origin = "VN",
    v = { { "Chảo chống dính 20 cm", "20 cm Non-stick Pan" }, { "Chảo chống dính 26 cm",
        "26 cm Non-stick Pan", k = 1.4 },
          { "Nồi inox 24 cm", "24 cm Stainless Pot", k = 1.8 }, { "Bộ 3 nồi inox", "3-piece Stainless Pot Set",
              k = 4.2 },
          { "Ấm đun siêu tốc 1.8 L", "1.8 L Electric Kettle", k = 1.6 }, { "Dao bếp inox",
              "Stainless Kitchen Knife", k = 0.7 } },
    s = { { 1, "pcs", 149000, vi = "", en = "", unit = "piece" } } }
line{ "do-dung-bep", "Duy Tân", "%s nhựa Duy Tân", "Duy Tan Plastic %s", pop = 300,
    v = { { "Rổ", "Colander" }, { "Thau", "Basin", k = 1.3 }, { "Thớt", "Cutting Board", k = 1.2 }, { "Ca đong",
        "Measuring Jug", k = 0.6 },
          { "Bình nước 2 L", "2 L Water Jug", k = 1.1 } },
    s = { { 1, "pcs", 35000, vi = "", en = "", unit = "piece" } } }
line{ "do-dung-bep", "Elmich", "%s Elmich", "Elmich %s", pop = 200,
    v = { { "Bình giữ nhiệt 500 ml", "500 ml Vacuum Flask" }, { "Bộ đũa inox 10 đôi",
        "Set of 10 Stainless Chopsticks", k = 0.5 },
          { "Bộ muỗng nĩa inox", "Stainless Cutlery Set", k = 0.7 } },
    s = { { 1, "pcs", 245000, vi = "", en = "", unit = "piece" } } }
line{ "do-dung-bep", false, "%s", "%s", pop = 500, origin = "VN",
    v = { { "Đũa tre 10 đôi", "Bamboo Chopsticks, 10 pairs" }, { "Chén sứ trắng", "White Porcelain Rice Bowl",
        k = 0.8 },
          { "Đĩa sứ 20 cm", "20 cm Porcelain Plate", k = 1.1 }, { "Ly thủy tinh 6 cái",
              "Drinking Glasses, set of 6", k = 2.6 },
          { "Miếng rửa chén 3 miếng", "Dish Sponges, 3 pack", k = 0.5 }, { "Găng tay cao su", "Rubber Gloves",
              k = 0.8 },
          { "Găng tay dùng một lần 100 cái", "Disposable Gloves, 100", k = 1.2 }, { "Bật lửa gas",
              "Gas Lighter", k = 0.3 } },
    s = { { 1, "pcs", 25000, vi = "", en = "", unit = "piece" } } }
line{ "pin-bong-den-gas", "Panasonic", "Pin Panasonic %s", "Panasonic %s Batteries", pop = 500,
    v = { { "AA alkaline", "AA Alkaline" }, { "AAA alkaline", "AAA Alkaline" }, { "AA Hi-Top", "AA Hi-Top", k = 0.5 } },
    s = { { 1, "pcs", 38000, 2, vi = "vỉ 2 viên", en = "pack of 2", unit = "pack" }, { 1, "pcs", 72000, 4,
        vi = "vỉ 4 viên", en = "pack of 4", unit = "pack" } } }
line{ "pin-bong-den-gas", "Energizer", "Pin Energizer %s", "Energizer %s Batteries", pop = 400,
    v = { { "AA Max", "AA Max" }, { "AAA Max", "AAA Max" } },
    s = { { 1, "pcs", 45000, 2, vi = "vỉ 2 viên", en = "pack of 2", unit = "pack" }, { 1, "pcs", 85000, 4,
        vi = "vỉ 4 viên", en = "pack of 4", unit = "pack" } } }
line{ "pin-bong-den-gas", "Duracell", "Pin Duracell %s", "Duracell %s Batteries", pop = 300,
    v = { { "AA", "AA" }, { "AAA", "AAA" } }, s = { { 1, "pcs", 88000, 4, vi = "vỉ 4 viên", en = "pack of 4",
        unit = "pack" } } }
line{ "pin-bong-den-gas", "Con Ó", "Pin Con Ó %s", "Con O %s Batteries", pop = 300,
    v = { { "tiểu AA", "AA" }, { "đại D", "D", k = 1.5 } }, s = { { 1, "pcs", 12000, 2, vi = "vỉ 2 viên",
        en = "pack of 2", unit = "pack" } } }
for _, b in ipairs{ { "Rạng Đông", 1.0 }, { "Điện Quang", 1.0 }, { "Philips", 1.5 } } do
    line{ "pin-bong-den-gas", b[1], "Bóng đèn LED " .. b[1] .. " %s", b[1] .. " LED Bulb %s", pop = 300, k = b[2],
        v = { { "9 W ánh sáng trắng", "9 W Cool White" }, { "9 W ánh sáng vàng", "9 W Warm White" },
            { "12 W ánh sáng trắng", "12 W Cool White", k = 1.3 },
              { "tuýp 1.2 m 18 W", "1.2 m 18 W Tube", k = 2.4 } },
        s = { { 1, "pcs", 38000, vi = "", en = "", unit = "piece" } } }
end
line{ "pin-bong-den-gas", "Namilux", "Bình gas mini Namilux", "Namilux Portable Gas Canister", pop = 500,
    s = { { 250, "g", 28000 }, { 250, "g", 105000, 4 } } }

-- ---- personal care ----
local HAIR = {
    Clear = { { "mát lạnh bạc hà", "Cool Mint" }, { "sạch gàu", "Anti-dandruff" }, { "Men sạch sâu",
        "Men Deep Clean" },
              { "thảo dược", "Herbal" } },
    Sunsilk = { { "óng mượt rạng ngời", "Smooth & Manageable" }, { "mềm mượt diệu kỳ",
        "Soft & Smooth" }, { "phục hồi hư tổn", "Damage Restore" } },
    Dove = { { "phục hồi hư tổn", "Intense Repair" }, { "ngăn gãy rụng", "Hair Fall Rescue" },
        { "dưỡng ẩm", "Nourishing" } },
    Pantene = { { "ngăn rụng tóc", "Hair Fall Control" }, { "suôn mượt", "Smooth & Silky" },
        { "chăm sóc hư tổn", "Total Damage Care" } },
    ["Head & Shoulders"] = { { "bạc hà mát lạnh", "Cool Menthol" }, { "táo", "Apple Fresh" }, { "chanh",
        "Lemon Fresh" },
                             { "sạch gàu", "Anti-dandruff" } },
    Rejoice = { { "siêu mượt", "Smooth" }, { "ngăn rụng tóc", "Anti-hairfall" } },
    ["TRESemmé"] = { { "Keratin Smooth", "Keratin Smooth" }, { "phục hồi tóc", "Repair & Protect" } },
    ["Thái Dương"] = { { "7 dược liệu", "7 Herbs" }, { "3 bồ kết", "3 Soap Pods" } },
    ["Nguyên Xuân"] = { { "dược liệu xanh", "Green Herbal" }, { "bồ kết", "Soap Pod" } },
    ["X-Men"] = { { "Go Active", "Go Active" }, { "for Boss", "for Boss" } },
    Romano = { { "Classic", "Classic" }, { "Attitude", "Attitude" } },
    Cocoon = { { "bưởi", "Pomelo" }, { "sachi", "Sachi" } },
}
for _, b in ipairs{ { "Clear", 1.0, 2500 }, { "Sunsilk", 0.9, 2000 }, { "Dove", 1.05, 1800 }, { "Pantene", 1.05, 1500 },
                    { "Head & Shoulders", 1.1, 1800 }, { "Rejoice", 0.85, 800 }, { "TRESemmé", 1.2, 700 },
                        { "Thái Dương", 1.1, 500 },
                    { "Nguyên Xuân", 1.0, 400 }, { "X-Men", 0.95, 900 }, { "Romano", 0.95, 600 }, { "Cocoon", 1.6,
                        400 } } do
    line{ "dau-goi-dau-xa", b[1], "Dầu gội " .. b[1] .. " %s", b[1] .. " %s Shampoo", pop = b[3], k = b[2],
        v = HAIR[b[1]],
        s = { { 170, "g", 58000 }, { 340, "g", 105000 }, { 630, "g", 175000 }, { 880, "g", 225000 }, { 6, "g", 12000,
            10, vi = "dây 10 gói 6 g", en = "10 x 6 g sachets" } },
        keep = 0.8 }
    if b[1] ~= "X-Men" and b[1] ~= "Romano" and b[1] ~= "Head & Shoulders" and b[1] ~= "Clear" then
        line{ "dau-goi-dau-xa", b[1], "Dầu xả " .. b[1] .. " %s", b[1] .. " %s Conditioner", pop = b[3] * 0.4,
            k = b[2], v = HAIR[b[1]],
            s = { { 320, "g", 105000 }, { 620, "g", 172000 } }, keep = 0.8 }
    end
end
local BODY = {
    Lifebuoy = { { "bảo vệ vượt trội", "Total 10" }, { "chăm sóc da", "Mild Care" },
        { "matcha và khổ qua", "Matcha & Bitter Gourd" },
                 { "bạc hà sảng khoái", "Cool Fresh" } },
    Dove = { { "dưỡng ẩm sâu", "Deeply Nourishing" }, { "hoa mẫu đơn", "Peony" }, { "dịu nhẹ",
        "Gentle" } },
    Hazeline = { { "dưỡng sáng yến mạch", "Oat & Matcha" }, { "nghệ và sữa", "Turmeric & Milk" } },
    Lux = { { "hương hoa hồng Pháp", "French Rose" }, { "hương mẫu đơn", "Peony" } },
    Enchanteur = { { "Charming", "Charming" }, { "Delightful", "Delightful" }, { "Romantic", "Romantic" } },
    Palmolive = { { "sữa và hoa hồng", "Milk & Rose" }, { "sữa và mật ong", "Milk & Honey" } },
    ["X-Men"] = { { "Go Active", "Go Active" }, { "Wood", "Wood" } },
    Romano = { { "Classic", "Classic" }, { "Gentleman", "Gentleman" } },
    Cocoon = { { "cà phê Đắk Lắk", "Dak Lak Coffee" }, { "bí đao", "Winter Melon" } },
    Safeguard = { { "trắng tinh khiết", "Pure White" }, { "chanh tươi mát", "Lemon Fresh" } },
}
for _, b in ipairs{ { "Lifebuoy", 0.9, 2500 }, { "Dove", 1.2, 1500 }, { "Hazeline", 1.0, 1200 }, { "Lux", 1.0, 1200 },
                    { "Enchanteur", 1.1, 800 }, { "Palmolive", 0.95, 700 }, { "X-Men", 1.0, 800 }, { "Romano", 1.0,
                        600 },
                    { "Cocoon", 1.5, 300 }, { "Safeguard", 0.9, 900 } } do
    line{ "sua-tam-xa-bong", b[1], "Sữa tắm " .. b[1] .. " %s", b[1] .. " %s Body Wash", pop = b[3], k = b[2],
        v = BODY[b[1]],
        s = { { 200, "g", 62000 }, { 530, "g", 135000 }, { 850, "g", 195000 }, { 1100, "g", 235000 } }, keep = 0.8 }
    if b[1] == "Lifebuoy" or b[1] == "Safeguard" or b[1] == "Lux" or b[1] == "Dove" then
        line{ "sua-tam-xa-bong", b[1], "Xà bông cục " .. b[1] .. " %s", b[1] .. " %s Bar Soap", pop = b[3] * 0.5,
            k = b[2], v = BODY[b[1]],
            s = { { 90, "g", 15000 }, { 90, "g", 42000, 3 } } }
    end
end
line{ "cham-soc-rang-mieng", "P/S", "Kem đánh răng P/S %s", "P/S %s Toothpaste", pop = 3000,
    v = { { "bảo vệ 123", "Protection 123" }, { "than hoạt tính", "Charcoal" }, { "trà xanh", "Green Tea" },
        { "muối hồng và hoa cúc", "Pink Salt" },
          { "ngừa sâu răng", "Cavity Defense" }, { "trẻ em hương dâu", "Kids Strawberry", k = 0.8 } },
    s = { { 100, "g", 26000 }, { 180, "g", 42000 }, { 230, "g", 52000 } } }
line{ "cham-soc-rang-mieng", "Colgate", "Kem đánh răng Colgate %s", "Colgate %s Toothpaste", pop = 2500,
    v = { { "MaxFresh bạc hà", "MaxFresh Cool Mint" }, { "Optic White", "Optic White", k = 1.8 }, { "muối than",
        "Salt Charcoal" },
          { "ngừa sâu răng tối đa", "Maximum Cavity Protection" } },
    s = { { 100, "g", 29000 }, { 180, "g", 47000 }, { 225, "g", 56000 } } }
line{ "cham-soc-rang-mieng", "Close-up", "Kem đánh răng Close-up %s", "Close-up %s Toothpaste", pop = 1200,
    v = { { "lửa băng", "Fire Freeze" }, { "trắng răng", "White Now" } }, s = { { 180, "g", 44000 }, { 230, "g",
        53000 } } }
line{ "cham-soc-rang-mieng", "Sensodyne", "Kem đánh răng Sensodyne %s", "Sensodyne %s Toothpaste", pop = 800,
    v = { { "Fresh Mint", "Fresh Mint" }, { "Repair & Protect", "Repair & Protect", k = 1.3 }, { "trắng răng",
        "Whitening" } },
    s = { { 100, "g", 72000 }, { 160, "g", 105000 } } }
line{ "cham-soc-rang-mieng", "Ngọc Châu", "Kem đánh răng dược liệu Ngọc Châu %s",
    "Ngoc Chau Herbal Toothpaste %s", pop = 600,
    v = { { "", "" }, { "trắng sáng", "Whitening" } }, s = { { 100, "g", 28000 }, { 170, "g", 42000 } } }
line{ "cham-soc-rang-mieng", "Colgate", "Bàn chải đánh răng Colgate %s", "Colgate %s Toothbrush", pop = 1200,
    v = { { "SlimSoft", "SlimSoft" }, { "than hoạt tính", "Charcoal" }, { "trẻ em", "Kids" } },
    s = { { 1, "pcs", 28000, vi = "", en = "", unit = "piece" }, { 1, "pcs", 52000, 3, vi = "vỉ 3 cây",
        en = "pack of 3", unit = "pack" } } }
line{ "cham-soc-rang-mieng", "Oral-B", "Bàn chải đánh răng Oral-B %s", "Oral-B %s Toothbrush", pop = 700,
    v = { { "Pro-Health", "Pro-Health" }, { "lông mềm", "Soft" } }, s = { { 1, "pcs", 32000, vi = "", en = "",
        unit = "piece" } } }
line{ "cham-soc-rang-mieng", "P/S", "Bàn chải đánh răng P/S %s", "P/S %s Toothbrush", pop = 900,
    v = { { "lông tơ mềm mảnh", "Ultra Soft" }, { "than bạc", "Silver Charcoal" } },
    s = { { 1, "pcs", 18000, vi = "", en = "", unit = "piece" }, { 1, "pcs", 45000, 3, vi = "vỉ 3 cây",
        en = "pack of 3", unit = "pack" } } }
line{ "cham-soc-rang-mieng", "Listerine", "Nước súc miệng Listerine %s", "Listerine %s Mouthwash", pop = 800,
    v = { { "Cool Mint", "Cool Mint" }, { "Total Care", "Total Care" }, { "Green Tea", "Green Tea" } }, s = sizes({ 250,
        500, 750 }, 230000, "ml") }
line{ "cham-soc-da", "Pond's", "Sữa rửa mặt Pond's %s", "Pond's %s Facial Foam", pop = 900,
    v = { { "trắng da", "Bright Beauty" }, { "ngừa mụn", "Acne Clear" }, { "than tre", "Pure White Charcoal" } },
        s = { { 100, "g", 72000 } } }
line{ "cham-soc-da", "Bioré", "%s Bioré", "Bioré %s", pop = 900,
    v = { { "Sữa rửa mặt sạch sâu", "Deep Cleansing Foam" }, { "Kem chống nắng UV Aqua Rich SPF50",
        "UV Aqua Rich Sunscreen SPF50", k = 1.8 } },
    s = { { 100, "g", 78000 } } }
line{ "cham-soc-da", "Senka", "Sữa rửa mặt Senka %s", "Senka %s Facial Wash", pop = 700,
    v = { { "Perfect Whip", "Perfect Whip" }, { "trắng da", "White Clay" } }, s = { { 120, "g", 95000 } } }
line{ "cham-soc-da", "Hada Labo", "%s Hada Labo", "Hada Labo %s", pop = 500,
    v = { { "Dung dịch dưỡng ẩm", "Hydrating Lotion" }, { "Sữa rửa mặt dưỡng ẩm",
        "Hydrating Face Wash", k = 0.6 } },
    s = { { 170, "ml", 198000 } } }
line{ "cham-soc-da", "Acnes", "Sữa rửa mặt ngừa mụn Acnes %s", "Acnes %s Creamy Wash", pop = 500,
    v = { { "", "" }, { "kiềm dầu", "Oil Control" } }, s = { { 100, "g", 65000 } } }
line{ "cham-soc-da", "Sunplay", "Kem chống nắng Sunplay %s", "Sunplay %s Sunscreen", pop = 500,
    v = { { "Skin Aqua SPF50", "Skin Aqua SPF50" }, { "Super Block SPF81", "Super Block SPF81", k = 1.3 } }, s = { { 70,
        "g", 125000 } } }
line{ "cham-soc-da", "Nivea", "%s Nivea", "Nivea %s", pop = 700, origin = "DE",
    v = { { "Sữa dưỡng thể dưỡng trắng", "Whitening Body Lotion" }, { "Kem dưỡng ẩm Soft",
        "Soft Moisturising Cream", k = 0.6 },
          { "Sữa rửa mặt nam", "Men Face Wash", k = 0.5 } },
    s = { { 200, "ml", 115000 }, { 400, "ml", 185000 } } }
line{ "cham-soc-da", "Vaseline", "Sữa dưỡng thể Vaseline %s", "Vaseline %s Body Lotion", pop = 700,
    v = { { "Healthy Bright", "Healthy Bright" }, { "dưỡng ẩm", "Intensive Care" } }, s = { { 200, "ml", 98000 },
        { 350, "ml", 155000 } } }
line{ "cham-soc-da", "Cetaphil", "Sữa rửa mặt Cetaphil Gentle Skin Cleanser", "Cetaphil Gentle Skin Cleanser",
    pop = 600,
    s = { { 125, "ml", 215000 }, { 500, "ml", 485000 } } }
line{ "cham-soc-da", "Thorakao", "%s Thorakao", "Thorakao %s", pop = 300,
    v = { { "Kem nghệ", "Turmeric Cream" }, { "Kem nha đam", "Aloe Cream" } }, s = { { 7, "g", 25000 } } }
line{ "cham-soc-da", "Cocoon", "%s Cocoon", "Cocoon %s", pop = 400,
    v = { { "Nước tẩy trang bí đao", "Winter Melon Micellar Water" }, { "Gel rửa mặt bí đao",
        "Winter Melon Cleanser" },
          { "Tẩy da chết cà phê Đắk Lắk", "Dak Lak Coffee Body Scrub" } },
    s = { { 140, "ml", 175000 }, { 310, "ml", 295000 } } }
line{ "khu-mui-nuoc-hoa", "Nivea", "Lăn khử mùi Nivea %s", "Nivea %s Roll-on Deodorant", pop = 700,
    v = { { "nam Silver Protect", "Men Silver Protect" }, { "nữ ngọc trai", "Pearl & Beauty" }, { "nam Dry Impact",
        "Men Dry Impact" } },
    s = { { 50, "ml", 68000 } } }
line{ "khu-mui-nuoc-hoa", "Rexona", "Lăn khử mùi Rexona %s", "Rexona %s Roll-on Deodorant", pop = 600,
    v = { { "nam", "Men" }, { "nữ", "Women" } }, s = { { 50, "ml", 62000 } } }
line{ "khu-mui-nuoc-hoa", "X-Men", "Xịt khử mùi X-Men %s", "X-Men %s Body Spray", pop = 600,
    v = { { "Go Active", "Go Active" }, { "for Boss", "for Boss" } }, s = { { 150, "ml", 85000 } } }
line{ "khu-mui-nuoc-hoa", "Enchanteur", "Nước hoa Enchanteur %s", "Enchanteur %s Eau de Toilette", pop = 400,
    v = { { "Charming", "Charming" }, { "Romantic", "Romantic" } }, s = { { 50, "ml", 155000 } } }
for _, b in ipairs{ { "Diana", 1.0, 2000 }, { "Kotex", 1.1, 1500 }, { "Laurier", 1.2, 1200 }, { "Whisper", 1.15,
    800 } } do
    line{ "bang-ve-sinh", b[1], "Băng vệ sinh " .. b[1] .. " %s", b[1] .. " %s Sanitary Pads", pop = b[3], k = b[2],
        v = { { "siêu mỏng cánh", "Ultra Thin Wings" }, { "ban đêm 35 cm", "Night 35 cm", k = 1.5 },
            { "hàng ngày", "Daily Liners", k = 0.8 },
              { "Sensi cool", "Cool", k = 1.1 } },
        s = { { 1, "pcs", 21000, 8, vi = "gói 8 miếng", en = "pack of 8", unit = "pack" },
              { 1, "pcs", 49000, 20, vi = "gói 20 miếng", en = "pack of 20", unit = "pack" } }, keep = 0.85 }
end
line{ "dao-cao-tam-bong-khau-trang", "Gillette", "Dao cạo Gillette %s", "Gillette %s Razor", pop = 700,
    v = { { "Mach3", "Mach3" }, { "Vector", "Vector", k = 0.6 }, { "Blue II", "Blue II", k = 0.35 } }, s = { { 1, "pcs",
        92000, vi = "", en = "", unit = "piece" } } }
line{ "dao-cao-tam-bong-khau-trang", "Dorco", "Dao cạo Dorco %s", "Dorco %s Razor", pop = 400,
    v = { { "2 lưỡi", "Twin Blade" }, { "3 lưỡi", "Triple Blade", k = 1.5 } }, s = { { 1, "pcs", 32000, 5,
        vi = "vỉ 5 cây", en = "pack of 5", unit = "pack" } } }
line{ "dao-cao-tam-bong-khau-trang", "Bông Bạch Tuyết", "%s Bông Bạch Tuyết", "Bach Tuyet %s", pop = 600,
    v = { { "Tăm bông", "Cotton Swabs" }, { "Bông tẩy trang", "Cotton Pads", k = 1.3 }, { "Tăm bông trẻ em",
        "Baby Cotton Swabs" } },
    s = { { 1, "pcs", 18000, 100, vi = "hộp 100 cái", en = "box of 100", unit = "pack" } } }
line{ "dao-cao-tam-bong-khau-trang", "Nam Anh", "Khẩu trang y tế Nam Anh %s", "Nam Anh %s Medical Masks", pop = 800,
    v = { { "4 lớp", "4-ply" }, { "KF94", "KF94", k = 1.8 } }, s = { { 1, "pcs", 32000, 50, vi = "hộp 50 cái",
        en = "box of 50", unit = "pack" } } }
line{ "nuoc-rua-tay", "Lifebuoy", "Nước rửa tay Lifebuoy %s", "Lifebuoy %s Hand Wash", pop = 1500,
    v = { { "bảo vệ vượt trội", "Total 10" }, { "chăm sóc da", "Mild Care" }, { "than hoạt tính",
        "Charcoal" } },
    s = { { 180, "g", 48000 }, { 450, "g", 82000 } } }
line{ "nuoc-rua-tay", "Green Cross", "Nước rửa tay khô Green Cross %s", "Green Cross %s Hand Sanitiser",
    pop = 700,
    v = { { "hương trà xanh", "Green Tea" }, { "hương táo", "Apple" } }, s = { { 100, "ml", 28000 }, { 500, "ml",
        85000 } } }
line{ "nuoc-rua-tay", "Dettol", "Nước rửa tay Dettol %s", "Dettol %s Hand Wash", pop = 500,
    v = { { "Original", "Original" }, { "Sensitive", "Sensitive" } }, s = { { 250, "g", 68000 } } }
line{ "nuoc-rua-tay", "On1", "Nước rửa tay On1 %s", "On1 %s Hand Wash", pop = 400,
    v = { { "hương chanh", "Lemon" }, { "hương bạc hà", "Mint" } }, s = { { 500, "g", 52000 } } }

-- ---- mother and baby ----
local DIAPER_SIZES = { { "NB", "Newborn", 72 }, { "S", "S", 64 }, { "M", "M", 60 }, { "L", "L", 54 }, { "XL", "XL",
    48 },
                       { "XXL", "XXL", 44 } }
for _, b in ipairs{ { "Bobby", 1.0, 2500 }, { "Huggies", 1.15, 2200 }, { "Pampers", 1.2, 1500 }, { "Merries", 1.6,
    900 },
                    { "Moony", 1.65, 600 }, { "MamyPoko", 1.05, 1000 } } do
    for ti, t in ipairs{ { "Tã dán", "Tape Diapers" }, { "Tã quần", "Diaper Pants", k = 1.08 } } do
        local v = {}
        for si, sz in ipairs(DIAPER_SIZES) do
            if not (ti == 2 and si == 1) then
                v[#v + 1] = { "size " .. sz[1], "Size " .. sz[2], k = 1 + si * 0.03 }
            end
        end
        line{ "ta-bim", b[1], t[1] .. " " .. b[1] .. " %s", b[1] .. " %s " .. t[2], pop = b[3], k = b[2] * (t.k or 1),
            v = v,
            s = { { 1, "pcs", 265000, 56, vi = "gói lớn", en = "Jumbo Pack", unit = "pack" },
                  { 1, "pcs", 155000, 30, vi = "gói vừa", en = "Medium Pack", unit = "pack" } } }
    end
end
local FORMULA = {
    { "Similac", "Sữa bột Abbott Similac %s", "Abbott Similac %s Formula", 1.25 },
    { "PediaSure", "Sữa bột Abbott PediaSure %s", "Abbott PediaSure %s", 1.35 },
    { "NAN", "Sữa bột Nestlé NAN Optipro %s", "Nestlé NAN Optipro %s Formula", 1.2 },
    { "Meiji", "Sữa bột Meiji %s", "Meiji %s Formula", 1.15 },
    { "Friso", "Sữa bột Friso Gold %s", "Friso Gold %s Formula", 1.2 },
    { "Enfa", "Sữa bột Enfagrow A+ %s", "Enfagrow A+ %s", 1.3 },
    { "Aptamil", "Sữa bột Aptamil Profutura %s", "Aptamil Profutura %s", 1.5 },
    { "Dielac", "Sữa bột Vinamilk Dielac Grow Plus %s", "Vinamilk Dielac Grow Plus %s", 0.75 },
    { "Optimum Gold", "Sữa bột Vinamilk Optimum Gold %s", "Vinamilk Optimum Gold %s", 0.95 },
    { "GrowPLUS+", "Sữa bột Nutifood GrowPLUS+ %s", "Nutifood GrowPLUS+ %s", 0.8 },
    { "Glico", "Sữa bột Glico Icreo %s", "Glico Icreo %s Formula", 1.25 },
}
for _, f in ipairs(FORMULA) do
    line{ "sua-cong-thuc", f[1], f[2], f[3], pop = 800, k = f[4],
        v = { { "số 1 (0-6 tháng)", "Stage 1 (0-6 months)" }, { "số 2 (6-12 tháng)", "Stage 2 (6-12 months)" },
              { "số 3 (1-3 tuổi)", "Stage 3 (1-3 years)", k = 0.92 }, { "số 4 (2-6 tuổi)",
                  "Stage 4 (2-6 years)", k = 0.88 } },
        s = { { 400, "g", 285000 }, { 800, "g", 545000 }, { 900, "g", 605000, p = 0.5 } }, keep = 0.8 }
end
line{ "an-dam", "Ridielac", "Bột ăn dặm Vinamilk Ridielac %s", "Vinamilk Ridielac %s Baby Cereal", pop = 900,
    v = { { "gạo sữa", "Rice & Milk" }, { "heo cà rốt", "Pork & Carrot" }, { "bò rau củ",
        "Beef & Vegetable" }, { "gà rau củ", "Chicken & Vegetable" },
          { "yến mạch sữa", "Oat & Milk" } },
    s = { { 200, "g", 42000 }, { 350, "g", 68000 } } }
line{ "an-dam", "Cerelac", "Bột ăn dặm Nestlé Cerelac %s", "Nestlé Cerelac %s", pop = 700,
    v = { { "gạo sữa", "Rice & Milk" }, { "lúa mì sữa", "Wheat & Milk" }, { "gạo trái cây",
        "Rice & Fruit" }, { "cá rau", "Fish & Vegetable" } },
    s = { { 200, "g", 56000 } } }
line{ "an-dam", "Hipp", "%s HiPP", "HiPP %s", pop = 300, origin = "DE",
    v = { { "Bột ăn dặm gạo hữu cơ", "Organic Rice Cereal" }, { "Dinh dưỡng đóng lọ táo chuối",
        "Apple Banana Jar", k = 0.5 },
          { "Dinh dưỡng đóng lọ bí đỏ khoai tây", "Pumpkin Potato Jar", k = 0.5 } },
    s = { { 200, "g", 145000 } }, d = { "organic" } }
line{ "an-dam", "Wakodo", "%s Wakodo", "Wakodo %s", pop = 300, origin = "JP",
    v = { { "Cháo ăn dặm cá hồi rau củ", "Salmon Vegetable Porridge" }, { "Bánh ăn dặm vị sữa",
        "Milk Baby Biscuits" } },
    s = { { 80, "g", 65000 } } }
for _, b in ipairs{ { "Bobby", 1.0 }, { "Huggies", 1.15 }, { "Mamamy", 0.85 }, { "Agi", 0.75 }, { "Pigeon", 1.3 } } do
    line{ "khan-uot-em-be", b[1], "Khăn ướt em bé " .. b[1] .. " %s", b[1] .. " %s Baby Wipes", pop = 900,
        k = b[2],
        v = { { "không mùi", "Unscented" }, { "hương dịu nhẹ", "Mild Scent" } },
        s = { { 1, "pcs", 32000, 80, vi = "gói 80 tờ", en = "80 wipes", unit = "pack" },
              { 1, "pcs", 88000, 240, vi = "lốc 3 gói 80 tờ", en = "3 x 80 wipes", unit = "pack" },
              { 1, "pcs", 42000, 100, vi = "gói 100 tờ", en = "100 wipes", unit = "pack" } } }
end
line{ "tam-goi-em-be", "Johnson's", "%s Johnson's Baby", "Johnson's Baby %s", pop = 800, origin = "US",
    v = { { "Sữa tắm gội toàn thân", "Top-to-Toe Wash" }, { "Dầu gội", "Shampoo" }, { "Phấn thơm",
        "Baby Powder", k = 0.7 },
          { "Dầu massage", "Baby Oil", k = 1.1 }, { "Sữa tắm sữa và gạo", "Milk + Rice Bath" } },
    s = { { 200, "ml", 75000 }, { 500, "ml", 155000 } } }
line{ "tam-goi-em-be", "Lactacyd", "Sữa tắm gội trẻ em Lactacyd BB %s", "Lactacyd BB Baby Wash %s", pop = 700,
    v = { { "", "" } }, s = { { 250, "ml", 98000 }, { 500, "ml", 175000 } } }
line{ "tam-goi-em-be", "Arau", "%s Arau Baby", "Arau Baby %s", pop = 300, origin = "JP",
    v = { { "Sữa tắm gội thảo mộc", "Herbal Baby Wash" }, { "Nước giặt đồ em bé",
        "Baby Laundry Detergent" } },
    s = { { 400, "ml", 195000 } } }
line{ "tam-goi-em-be", "Pigeon", "%s Pigeon", "Pigeon %s", pop = 500,
    v = { { "Kem chống hăm", "Diaper Rash Cream" }, { "Sữa tắm gội trẻ em", "Baby Wash", k = 1.6 },
        { "Nước rửa bình sữa", "Bottle Wash", k = 1.4 } },
    s = { { 50, "g", 62000 }, { 700, "ml", 145000, p = 0.5 } } }
line{ "binh-sua-phu-kien", "Pigeon", "%s Pigeon", "Pigeon %s", pop = 600,
    v = { { "Bình sữa cổ rộng PPSU 160 ml", "160 ml Wide-neck PPSU Bottle" },
        { "Bình sữa cổ rộng PPSU 240 ml", "240 ml Wide-neck PPSU Bottle", k = 1.1 },
          { "Núm ty size S", "Nipple Size S", k = 0.35 }, { "Núm ty size M", "Nipple Size M", k = 0.35 },
              { "Núm ty size L", "Nipple Size L", k = 0.35 },
          { "Núm vú giả", "Pacifier", k = 0.45 }, { "Cọ rửa bình sữa", "Bottle Brush", k = 0.3 } },
    s = { { 1, "pcs", 355000, vi = "", en = "", unit = "piece" } } }
line{ "binh-sua-phu-kien", "Philips Avent", "%s Philips Avent", "Philips Avent %s", pop = 400,
    v = { { "Bình sữa Natural 125 ml", "Natural 125 ml Bottle" }, { "Bình sữa Natural 260 ml",
        "Natural 260 ml Bottle", k = 1.1 },
          { "Núm vú giả Ultra Air", "Ultra Air Pacifier", k = 0.6 } },
    s = { { 1, "pcs", 365000, vi = "", en = "", unit = "piece" } } }
line{ "binh-sua-phu-kien", "Comotomo", "Bình sữa silicone Comotomo %s", "Comotomo %s Silicone Bottle", pop = 200,
    v = { { "150 ml", "150 ml" }, { "250 ml", "250 ml", k = 1.1 } }, s = { { 1, "pcs", 520000, vi = "", en = "",
        unit = "piece" } } }

return L
