-- scripts/seed/fresh.lua: the fresh aisles: vegetables, herbs, mushrooms, fruit, pork, beef,
-- poultry, fish and shellfish, tofu, cut fruit and the deli counter. Most are sold by weight
-- (unit kg, price per kg, stock in grams); greens, herbs, berries and trays also come in
-- fixed packs. Vietnamese names come from the glossary where it has the word (glossary
-- English key in the tables below), else they are written here. Prices are VND per kg
-- (2025-2026 city supermarket prices). Pure: returns product drafts.
local product = require "seed.product"
local random = require "seed.random"
local text = require "seed.text"

local ipairs = ipairs
local type = type
local error = error


local _M = {}


-- Variants: { vi suffix, en prefix, price factor, dietary extra, brand }
local VN_VEG = { { "", "", 1 }, { "VietGAP", "VietGAP", 1.15 }, { "Đà Lạt", "Da Lat", 1.1 }, { "hữu cơ",
    "Organic", 1.8, "organic", "Organica" } }
local VN_VEG_LOW = { { "", "", 1 }, { "VietGAP", "VietGAP", 1.15 }, { "hữu cơ", "Organic", 1.8, "organic",
    "Organica" } }
local VN_FRUIT = { { "", "", 1 }, { "loại 1", "Grade 1", 1.25 }, { "VietGAP", "VietGAP", 1.15 } }
local ONE = { { "", "", 1 } }

-- Produce: { glossary English (or {vi, en}), VND/kg, category, variants, formats }
-- formats: "kg" by weight; a number = a pack of that many grams; "pc" = per piece (g = weight)
local PRODUCE = {
    { "water spinach", 28000, "rau-la", VN_VEG, { "kg", 500, 300 }, pop = 9 },
    { "Chinese cabbage", 30000, "rau-la", VN_VEG, { "kg", 1000 } }, { "bok choy", 32000, "rau-la", VN_VEG, { "kg",
        500 } },
    { "mustard greens", 30000, "rau-la", VN_VEG, { "kg", 500 } }, { "choy sum", 32000, "rau-la", VN_VEG, { "kg", 500 },
        pop = 4 },
    { "lettuce", 48000, "rau-la", VN_VEG, { "kg", 300 }, pop = 3 }, { "spinach", 55000, "rau-la", VN_VEG, { "kg",
        300 } },
    { "Malabar spinach", 28000, "rau-la", VN_VEG_LOW, { "kg", 500 } }, { "amaranth greens", 28000, "rau-la", VN_VEG_LOW,
        { "kg", 500 } },
    { "sweet leaf", 30000, "rau-la", VN_VEG_LOW, { "kg", 300 } }, { "spring onion", 50000, "rau-la", VN_VEG_LOW, { "kg",
        100 }, pop = 4 },
    { { "Xà lách thủy canh", "Hydroponic Lettuce" }, 65000, "rau-la", ONE, { 300 } }, { { "Cải xoăn kale",
        "Kale" }, 85000, "rau-la", VN_VEG, { 300 } },
    { "cabbage", 22000, "rau-cu", VN_VEG, { "kg" }, pop = 5 }, { "cauliflower", 55000, "rau-cu", VN_VEG, { "kg" } },
    { "broccoli", 65000, "rau-cu", VN_VEG, { "kg", 500 }, pop = 4 }, { "carrot", 28000, "rau-cu", VN_VEG, { "kg", 500 },
        pop = 6 },
    { "potato", 32000, "rau-cu", VN_VEG, { "kg", 1000 }, pop = 6 }, { "sweet potato", 35000, "rau-cu", VN_VEG_LOW,
        { "kg" } },
    { { "Khoai lang Nhật", "Japanese Sweet Potato" }, 45000, "rau-cu", VN_VEG_LOW, { "kg", 1000 } },
    { "taro", 40000, "rau-cu", VN_VEG_LOW, { "kg" } }, { "cassava", 22000, "rau-cu", ONE, { "kg" } }, { "jicama", 20000,
        "rau-cu", ONE, { "kg" } },
    { "tomato", 32000, "rau-cu", VN_VEG, { "kg", 500 }, pop = 7 }, { "cherry tomatoes", 60000, "rau-cu", VN_VEG, { 250,
        500 } },
    { "cucumber", 25000, "rau-cu", VN_VEG, { "kg", 500 }, pop = 6 }, { "eggplant", 28000, "rau-cu", VN_VEG_LOW,
        { "kg" } },
    { "pumpkin", 25000, "rau-cu", VN_VEG_LOW, { "kg" } }, { "winter melon", 20000, "rau-cu", VN_VEG_LOW, { "kg" } },
    { "bitter melon", 35000, "rau-cu", VN_VEG_LOW, { "kg" } }, { "luffa", 30000, "rau-cu", ONE, { "kg" } },
    { "chayote", 20000, "rau-cu", VN_VEG, { "kg" } }, { "kohlrabi", 25000, "rau-cu", VN_VEG, { "kg" } },
    { "onion", 30000, "rau-cu", VN_VEG_LOW, { "kg", 1000 }, pop = 5 }, { "shallot", 65000, "rau-cu", ONE, { "kg", 200 },
        pop = 4 },
    { "garlic", 60000, "rau-cu", ONE, { "kg", 200 }, pop = 5 }, { { "Tỏi Lý Sơn", "Ly Son Garlic" }, 220000,
        "rau-cu", ONE, { 200, 500 } },
    { "ginger", 55000, "rau-cu", ONE, { "kg", 200 } }, { "galangal", 45000, "rau-cu", ONE, { "kg" } },
    { "lemongrass", 30000, "rau-cu", ONE, { "kg", 200 } }, { "fresh turmeric", 45000, "rau-cu", ONE, { "kg" } },
    { "chili pepper", 80000, "rau-cu", ONE, { "kg", 100 }, pop = 4 }, { "bell pepper", 75000, "rau-cu", VN_VEG,
        { "kg" } },
    { { "Bắp Mỹ", "Sweet Corn" }, 25000, "rau-cu", VN_VEG_LOW, { "kg", "pc" }, g = 350, pop = 4 },
    { { "Bắp nếp", "Waxy Corn" }, 28000, "rau-cu", VN_VEG_LOW, { "kg", "pc" }, g = 300, pop = 3 },
    { "bean sprouts", 20000, "rau-cu", VN_VEG_LOW, { "kg", 300 }, pop = 4 }, { "okra", 35000, "rau-cu", VN_VEG_LOW,
        { "kg", 300 } },
    { "green beans", 40000, "rau-cu", VN_VEG, { "kg", 500 } }, { "yardlong beans", 35000, "rau-cu", VN_VEG_LOW,
        { "kg" } },
    { "lotus root", 65000, "rau-cu", ONE, { "kg" } }, { "bamboo shoots", 45000, "rau-cu", ONE, { "kg", 500 } },
    { "daikon radish", 20000, "rau-cu", VN_VEG, { "kg" } }, { "beetroot", 35000, "rau-cu", VN_VEG, { "kg" } },
    { { "Măng tây xanh", "Green Asparagus" }, 160000, "rau-cu", VN_VEG, { 250 } }, { { "Bí ngòi xanh", "Zucchini" },
        45000, "rau-cu", VN_VEG, { "kg" } },
    { "straw mushrooms", 120000, "nam-tuoi", ONE, { 200 } }, { "shiitake mushrooms", 150000, "nam-tuoi", VN_VEG_LOW,
        { 200, "kg" } },
    { "enoki mushrooms", 70000, "nam-tuoi", ONE, { 150 }, pop = 4 }, { "oyster mushrooms", 65000, "nam-tuoi",
        VN_VEG_LOW, { 300, "kg" } },
    { "wood ear mushrooms", 90000, "nam-tuoi", ONE, { 200 } }, { { "Nấm đùi gà", "King Oyster Mushrooms" }, 95000,
        "nam-tuoi", ONE, { 200 } },
    { { "Nấm linh chi nâu", "Brown Beech Mushrooms" }, 110000, "nam-tuoi", ONE, { 150 } },
    { "Thai basil", 70000, "rau-thom", ONE, { 100 } }, { "mint", 80000, "rau-thom", ONE, { 100 } },
    { "Vietnamese coriander", 80000, "rau-thom", ONE, { 100 } }, { "perilla", 80000, "rau-thom", ONE, { 100 } },
    { "coriander", 100000, "rau-thom", ONE, { 100 } }, { "sawtooth coriander", 90000, "rau-thom", ONE, { 100 } },
    { "dill", 90000, "rau-thom", ONE, { 100 } }, { "fish mint", 70000, "rau-thom", ONE, { 100 } },
    { "rice paddy herb", 90000, "rau-thom", ONE, { 100 } }, { { "Rau thơm các loại", "Mixed Fresh Herbs" }, 80000,
        "rau-thom", ONE, { 200 }, pop = 4 },
    { { "Rau nêm canh chua", "Sour Soup Herb Mix" }, 60000, "rau-thom", ONE, { 200 } },
    -- Vietnamese fruit
    { { "Chuối già Nam Mỹ", "Cavendish Bananas" }, 30000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 7 },
    { { "Chuối cau", "Lady Finger Bananas" }, 35000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Xoài cát Hòa Lộc", "Hoa Loc Mango" }, 75000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 5 },
    { { "Xoài cát chu", "Cat Chu Mango" }, 45000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Xoài keo", "Keo Mango" }, 30000, "trai-cay-viet-nam", ONE, { "kg" } },
    { "papaya", 25000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Dứa (thơm) Queen", "Queen Pineapple" }, 25000, "trai-cay-viet-nam", ONE, { "pc" }, g = 1000 },
    { { "Dưa hấu Long An", "Long An Watermelon" }, 18000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 5 },
    { { "Dưa hấu không hạt", "Seedless Watermelon" }, 26000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Thanh long ruột đỏ Bình Thuận", "Binh Thuan Red Dragon Fruit" }, 45000, "trai-cay-viet-nam", VN_FRUIT,
        { "kg" }, pop = 6 },
    { { "Thanh long ruột trắng Bình Thuận", "Binh Thuan White Dragon Fruit" }, 25000, "trai-cay-viet-nam",
        VN_FRUIT, { "kg" }, pop = 5 },
    { { "Chôm chôm Java", "Java Rambutan" }, 40000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Vải thiều Lục Ngạn", "Luc Ngan Lychee" }, 55000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Nhãn xuồng cơm vàng", "Xuong Longan" }, 60000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Nhãn lồng Hưng Yên", "Hung Yen Longan" }, 55000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Sầu riêng Ri6", "Ri6 Durian" }, 130000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 4 },
    { { "Sầu riêng Monthong", "Monthong Durian" }, 160000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Mít Thái", "Thai Jackfruit" }, 40000, "trai-cay-viet-nam", ONE, { "kg" } },
    { "mangosteen", 75000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Vú sữa Lò Rèn", "Lo Ren Star Apple" }, 65000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Bưởi da xanh", "Green-skin Pomelo" }, 55000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 5 },
    { { "Bưởi Năm Roi", "Nam Roi Pomelo" }, 45000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Cam sành", "King Orange" }, 35000, "trai-cay-viet-nam", VN_FRUIT, { "kg" }, pop = 5 },
    { { "Cam xoàn", "Xoan Orange" }, 55000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Quýt đường", "Sugar Mandarin" }, 45000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Chanh không hạt", "Seedless Lime" }, 30000, "trai-cay-viet-nam", VN_FRUIT, { "kg", 500 }, pop = 4 },
    { { "Dừa xiêm xanh", "Green Coconut" }, 18000, "trai-cay-viet-nam", ONE, { "pc" }, g = 1500, pop = 4 },
    { { "Ổi nữ hoàng", "Queen Guava" }, 35000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Bơ 034", "034 Avocado" }, 65000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Bơ sáp Đắk Lắk", "Dak Lak Butter Avocado" }, 55000, "trai-cay-viet-nam", ONE, { "kg" } },
    { "sapodilla", 40000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Hồng giòn Đà Lạt", "Da Lat Crunchy Persimmon" }, 60000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Mãng cầu ta", "Sugar Apple" }, 60000, "trai-cay-viet-nam", ONE, { "kg" } }, { "soursop", 50000,
        "trai-cay-viet-nam", ONE, { "kg" } },
    { "calamansi", 40000, "trai-cay-viet-nam", ONE, { "kg" } }, { { "Mận hậu Sơn La", "Son La Plum" }, 55000,
        "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Mận An Phước", "An Phuoc Rose Apple" }, 45000, "trai-cay-viet-nam", ONE, { "kg" } },
    { "passion fruit", 40000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Dưa lưới", "Cantaloupe Melon" }, 70000, "trai-cay-viet-nam", VN_FRUIT, { "kg" } },
    { { "Dâu tây Đà Lạt", "Da Lat Strawberries" }, 220000, "trai-cay-viet-nam", ONE, { 250, 500 }, pop = 3 },
    { { "Nho xanh Ninh Thuận", "Ninh Thuan Green Grapes" }, 60000, "trai-cay-viet-nam", ONE, { "kg" } },
    { { "Khế ngọt", "Sweet Star Fruit" }, 30000, "trai-cay-viet-nam", ONE, { "kg" } },
    -- imported fruit
    { { "Táo Envy New Zealand", "New Zealand Envy Apples" }, 150000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "NZ",
        pop = 4 },
    { { "Táo Gala Mỹ", "US Gala Apples" }, 85000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "US", pop = 4 },
    { { "Táo Fuji Nhật Bản", "Japanese Fuji Apples" }, 180000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "JP" },
    { { "Táo xanh Granny Smith Mỹ", "US Granny Smith Apples" }, 95000, "trai-cay-nhap-khau", ONE, { "kg" },
        o = "US" },
    { { "Nho xanh không hạt Úc", "Australian Seedless Green Grapes" }, 180000, "trai-cay-nhap-khau", ONE, { "kg",
        500 }, o = "AU" },
    { { "Nho đỏ không hạt Mỹ", "US Seedless Red Grapes" }, 160000, "trai-cay-nhap-khau", ONE, { "kg", 500 },
        o = "US" },
    { { "Nho mẫu đơn Hàn Quốc", "Korean Shine Muscat Grapes" }, 450000, "trai-cay-nhap-khau", ONE, { "kg", 500 },
        o = "KR" },
    { { "Lê Hàn Quốc", "Korean Pear" }, 95000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "KR" },
    { { "Kiwi vàng New Zealand", "New Zealand Gold Kiwifruit" }, 220000, "trai-cay-nhap-khau", ONE, { "kg", 500 },
        o = "NZ" },
    { { "Kiwi xanh New Zealand", "New Zealand Green Kiwifruit" }, 140000, "trai-cay-nhap-khau", ONE, { "kg" },
        o = "NZ" },
    { { "Cherry đỏ Mỹ", "US Red Cherries" }, 450000, "trai-cay-nhap-khau", ONE, { "kg", 500 }, o = "US" },
    { { "Cherry Úc", "Australian Cherries" }, 550000, "trai-cay-nhap-khau", ONE, { "kg", 500 }, o = "AU" },
    { { "Việt quất Peru", "Peruvian Blueberries" }, 680000, "trai-cay-nhap-khau", ONE, { 125 }, o = "PE" },
    { { "Cam vàng Úc", "Australian Navel Oranges" }, 90000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "AU" },
    { { "Cam Mỹ navel", "US Navel Oranges" }, 95000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "US" },
    { { "Chanh vàng Nam Phi", "South African Lemons" }, 70000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "ZA" },
    { { "Lựu Ai Cập", "Egyptian Pomegranates" }, 95000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "EG" },
    { { "Bơ Hass Úc", "Australian Hass Avocados" }, 250000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "AU" },
    { { "Quýt Úc", "Australian Mandarins" }, 110000, "trai-cay-nhap-khau", ONE, { "kg" }, o = "AU" },
}

-- Cut fruit and tofu: fixed packs.
local PACKS = {
    { "trai-cay-cat-san", "Trái cây cắt sẵn thập cẩm", "Mixed Cut Fruit", 300, 45000, pop = 4 },
    { "trai-cay-cat-san", "Trái cây cắt sẵn thập cẩm", "Mixed Cut Fruit", 500, 69000 },
    { "trai-cay-cat-san", "Dưa hấu cắt sẵn", "Cut Watermelon", 500, 28000 },
    { "trai-cay-cat-san", "Thơm (dứa) cắt sẵn", "Cut Pineapple", 300, 29000 },
    { "trai-cay-cat-san", "Xoài cát cắt sẵn", "Cut Mango", 300, 42000 },
    { "trai-cay-cat-san", "Dưa lưới cắt sẵn", "Cut Cantaloupe", 300, 39000 },
    { "trai-cay-cat-san", "Ổi cắt sẵn muối ớt", "Cut Guava with Chili Salt", 300, 32000 },
    { "trai-cay-cat-san", "Mít Thái tách múi", "Thai Jackfruit Segments", 500, 39000 },
    { "trai-cay-cat-san", "Sầu riêng Ri6 tách múi", "Ri6 Durian Segments", 500, 185000 },
    { "trai-cay-cat-san", "Bưởi da xanh tách múi", "Green-skin Pomelo Segments", 500, 59000 },
    { "trai-cay-cat-san", "Giỏ trái cây tươi", "Fresh Fruit Basket", 3000, 450000, pop = 2 },
    { "dau-hu-do-chay", "Đậu hũ non", "Silken Tofu", 300, 12000, pop = 5 },
    { "dau-hu-do-chay", "Đậu hũ trắng", "Firm Tofu", 300, 11000, pop = 5 },
    { "dau-hu-do-chay", "Đậu hũ chiên", "Fried Tofu", 300, 16000 },
    { "dau-hu-do-chay", "Tàu hũ ky tươi", "Fresh Tofu Skin", 200, 22000 },
    { "dau-hu-do-chay", "Chả lụa chay", "Vegetarian Pork Roll", 250, 38000 },
    { "dau-hu-do-chay", "Nem chay", "Vegetarian Spring Rolls", 300, 45000 },
}

-- Meat and fish: { vi, en, VND/kg, category, group }. Groups pick brands and formats.
local MEAT = {
    { "Thịt ba chỉ heo", "Pork Belly", 165000, "thit-heo", "pork", pop = 9 },
    { "Thịt ba rọi rút sườn heo", "Boneless Pork Belly", 175000, "thit-heo", "pork", pop = 5 },
    { "Nạc vai heo", "Pork Shoulder", 135000, "thit-heo", "pork", pop = 6 },
    { "Nạc dăm heo", "Pork Collar", 145000, "thit-heo", "pork", pop = 5 },
    { "Thịt thăn heo", "Pork Loin", 140000, "thit-heo", "pork", pop = 5 },
    { "Sườn non heo", "Pork Spare Ribs", 210000, "thit-heo", "pork", pop = 7 },
    { "Sườn cốt lết heo", "Pork Chops", 125000, "thit-heo", "pork", pop = 5 },
    { "Thịt heo xay", "Ground Pork", 125000, "thit-heo", "pork", pop = 8 },
    { "Thịt đùi heo", "Pork Leg", 125000, "thit-heo", "pork" },
    { "Giò heo", "Pork Hock", 95000, "thit-heo", "pork" }, { "Xương ống heo", "Pork Bones", 55000, "thit-heo",
        "pork" },
    { "Mỡ heo", "Pork Fat", 55000, "thit-heo", "pork_plain" }, { "Tai heo", "Pork Ears", 150000, "thit-heo",
        "pork_plain" },
    { "Lòng heo", "Pork Offal", 90000, "thit-heo", "pork_plain" }, { "Tim heo", "Pork Heart", 150000, "thit-heo",
        "pork_plain" },
    { "Gan heo", "Pork Liver", 70000, "thit-heo", "pork_plain" }, { "Da heo", "Pork Skin", 55000, "thit-heo",
        "pork_plain" },
    { "Thăn bò", "Beef Tenderloin", 380000, "thit-bo", "beef", pop = 5 }, { "Nạm bò", "Beef Brisket", 280000,
        "thit-bo", "beef", pop = 5 },
    { "Bắp bò", "Beef Shank", 300000, "thit-bo", "beef", pop = 5 }, { "Gầu bò", "Beef Fatty Brisket", 300000,
        "thit-bo", "beef" },
    { "Thịt bò xay", "Ground Beef", 260000, "thit-bo", "beef", pop = 5 }, { "Sườn bò", "Beef Ribs", 320000,
        "thit-bo", "beef" },
    { "Đuôi bò", "Oxtail", 280000, "thit-bo", "beef" }, { "Gân bò", "Beef Tendon", 200000, "thit-bo", "beef" },
    { "Lõi vai bò", "Beef Chuck Tender", 330000, "thit-bo", "beef" }, { "Thăn ngoại bò", "Beef Striploin", 450000,
        "thit-bo", "beef" },
    { "Ba chỉ bò", "Beef Short Plate", 280000, "thit-bo", "beef", pop = 4 },
    { "Thịt trâu Ấn Độ", "Indian Buffalo Meat", 160000, "thit-bo", "plain", o = "IN" },
    { "Gà công nghiệp nguyên con", "Whole Chicken", 75000, "thit-ga-vit", "chicken", pop = 6 },
    { "Gà ta nguyên con", "Whole Free-range Chicken", 135000, "thit-ga-vit", "chicken_local", pop = 5 },
    { "Gà ác", "Black Silkie Chicken", 140000, "thit-ga-vit", "chicken_local" },
    { "Ức gà phi lê", "Chicken Breast Fillet", 95000, "thit-ga-vit", "chicken", pop = 7 },
    { "Đùi gà góc tư", "Chicken Leg Quarters", 65000, "thit-ga-vit", "chicken", pop = 6 },
    { "Đùi gà tỏi", "Chicken Drumsticks", 85000, "thit-ga-vit", "chicken", pop = 5 },
    { "Cánh gà", "Chicken Wings", 95000, "thit-ga-vit", "chicken", pop = 5 }, { "Chân gà", "Chicken Feet", 75000,
        "thit-ga-vit", "chicken" },
    { "Má đùi gà", "Chicken Thighs", 80000, "thit-ga-vit", "chicken" },
    { "Vịt nguyên con", "Whole Duck", 90000, "thit-ga-vit", "plain" }, { "Ức vịt", "Duck Breast", 180000,
        "thit-ga-vit", "plain" },
    { "Đùi vịt", "Duck Legs", 120000, "thit-ga-vit", "plain" },
    { "Thịt dê", "Goat Meat", 300000, "thit-khac", "plain" }, { "Sườn dê", "Goat Ribs", 280000, "thit-khac",
        "plain" },
    { "Thịt cừu Úc", "Australian Lamb", 450000, "thit-khac", "plain", o = "AU" },
    { "Ếch làm sạch", "Cleaned Frogs", 120000, "thit-khac", "plain" }, { "Thịt thỏ", "Rabbit Meat", 200000,
        "thit-khac", "plain" },
    { "Cá basa phi lê", "Basa Fillet", 95000, "ca-tuoi", "fish_fillet", pop = 6 },
    { "Cá lóc", "Snakehead Fish", 110000, "ca-tuoi", "fish", pop = 5 }, { "Cá diêu hồng", "Red Tilapia", 75000,
        "ca-tuoi", "fish", pop = 5 },
    { "Cá rô phi", "Tilapia", 60000, "ca-tuoi", "fish" }, { "Cá thu cắt khúc", "Mackerel Steaks", 320000,
        "ca-tuoi", "fish_sea", pop = 4 },
    { "Cá ngừ đại dương", "Yellowfin Tuna", 280000, "ca-tuoi", "fish_sea" },
    { "Cá hồi Na Uy phi lê", "Norwegian Salmon Fillet", 650000, "ca-tuoi", "plain", o = "NO", pop = 4 },
    { "Cá chim", "Pomfret", 220000, "ca-tuoi", "fish_sea" }, { "Cá nục", "Scad", 85000, "ca-tuoi", "fish_sea" },
    { "Cá bạc má", "Indian Mackerel", 95000, "ca-tuoi", "fish_sea" }, { "Cá trê", "Walking Catfish", 70000,
        "ca-tuoi", "fish" },
    { "Cá kèo", "Goby Fish", 160000, "ca-tuoi", "fish" }, { "Cá bớp", "Cobia", 320000, "ca-tuoi", "fish_sea" },
    { "Cá chép", "Carp", 85000, "ca-tuoi", "fish" }, { "Cá trắm", "Grass Carp", 95000, "ca-tuoi", "fish" },
    { "Cá hồng", "Red Snapper", 250000, "ca-tuoi", "fish_sea" }, { "Cá mú", "Grouper", 420000, "ca-tuoi",
        "fish_sea" },
    { "Cá cơm tươi", "Fresh Anchovies", 90000, "ca-tuoi", "fish_sea" },
    { "Tôm sú", "Black Tiger Prawns", 380000, "tom-cua-muc", "shrimp", pop = 5 },
    { "Tôm thẻ", "Whiteleg Shrimp", 210000, "tom-cua-muc", "shrimp", pop = 6 },
    { "Tôm càng xanh", "Giant Freshwater Prawns", 360000, "tom-cua-muc", "shrimp" },
    { "Tôm hùm bông", "Spiny Lobster", 1500000, "tom-cua-muc", "plain" },
    { "Mực ống", "Squid", 320000, "tom-cua-muc", "sea", pop = 4 }, { "Mực lá", "Bigfin Reef Squid", 380000,
        "tom-cua-muc", "sea" },
    { "Bạch tuộc", "Octopus", 220000, "tom-cua-muc", "sea" }, { "Cua biển Cà Mau", "Ca Mau Mud Crab", 550000,
        "tom-cua-muc", "plain" },
    { "Ghẹ xanh", "Blue Swimming Crab", 380000, "tom-cua-muc", "sea" }, { "Cua gạch", "Roe Mud Crab", 700000,
        "tom-cua-muc", "plain" },
    { "Nghêu", "Clams", 55000, "ngheu-so-oc", "shell", pop = 4 }, { "Sò huyết", "Blood Cockles", 220000,
        "ngheu-so-oc", "shell" },
    { "Ốc hương", "Babylon Snails", 420000, "ngheu-so-oc", "shell" }, { "Hàu sữa", "Oysters", 85000,
        "ngheu-so-oc", "shell" },
    { "Sò điệp", "Scallops", 150000, "ngheu-so-oc", "shell" }, { "Ốc bươu", "Apple Snails", 80000,
        "ngheu-so-oc", "shell" },
    { "Sò lông", "Ark Clams", 70000, "ngheu-so-oc", "shell" }, { "Vẹm xanh", "Green Mussels", 90000, "ngheu-so-oc",
        "shell" },
}

-- brand / origin variants and formats per group: { vi suffix, en prefix, factor, brand }
local GROUPS = {
    pork = { v = { { "", "", 1 }, { "MEATDeli", "MEATDeli", 1.1, "MEATDeli" }, { "CP", "CP", 1.05, "CP" }, { "Vissan",
        "Vissan", 1.02, "Vissan" },
                   { "VietGAP", "VietGAP", 1.12 } }, f = { "kg", 300, 500 } },
    pork_plain = { v = { { "", "", 1 }, { "CP", "CP", 1.05, "CP" } }, f = { "kg", 300 } },
    beef = { v = { { "", "", 1 }, { "Úc", "Australian", 1.35 }, { "Mỹ", "US", 1.4 }, { "Wagyu Nhật Bản",
        "Japanese Wagyu", 4.2, o = "JP", keep = 0.3 } },
             f = { "kg", 300, 500 } },
    chicken = { v = { { "", "", 1 }, { "CP", "CP", 1.08, "CP" }, { "San Hà", "San Ha", 1.1, "San Hà" }, { "Dabaco",
        "Dabaco", 1.05, "Dabaco" } },
                f = { "kg", 500 } },
    chicken_local = { v = { { "", "", 1 }, { "San Hà", "San Ha", 1.08, "San Hà" } }, f = { "kg" } },
    plain = { v = { { "", "", 1 } }, f = { "kg", 500 } },
    fish = { v = { { "", "", 1 }, { "làm sạch", "Cleaned", 1.15 } }, f = { "kg" } },
    fish_fillet = { v = { { "", "", 1 }, { "Vĩnh Hoàn", "Vinh Hoan", 1.1, "Vĩnh Hoàn" } }, f = { "kg", 500 } },
    fish_sea = { v = { { "", "", 1 }, { "Phú Quốc", "Phu Quoc", 1.1 }, { "Nha Trang", "Nha Trang", 1.08 } },
        f = { "kg" } },
    shrimp = { v = { { "size 30-40 con/kg", "30-40 per kg", 1 }, { "size 20-25 con/kg", "20-25 per kg", 1.25 },
                     { "Cà Mau", "Ca Mau", 1.1 } }, f = { "kg", 500 } },
    sea = { v = { { "", "", 1 }, { "Phú Quốc", "Phu Quoc", 1.12 }, { "Vũng Tàu", "Vung Tau", 1.05 } },
        f = { "kg" } },
    shell = { v = { { "", "", 1 }, { "Cần Giờ", "Can Gio", 1.05 } }, f = { "kg" } },
}

-- Deli counter: by weight, or a fixed portion (g).
local DELI = {
    { "Heo quay da giòn", "Crispy Roast Pork", 380000, pop = 5 }, { "Vịt quay", "Roast Duck", 250000, pop = 4 },
    { "Xá xíu", "Char Siu Pork", 320000, pop = 4 }, { "Gà luộc", "Boiled Chicken", 220000 },
    { "Gà nướng muối ớt", "Chili Salt Roast Chicken", 230000 }, { "Chả giò chiên", "Fried Spring Rolls",
        250000 },
    { "Sườn nướng", "Grilled Pork Ribs", 300000 }, { "Gà rán", "Fried Chicken", 210000 },
    { "Thịt kho trứng", "Braised Pork with Eggs", 55000, g = 350 }, { "Cá kho tộ", "Caramelised Clay Pot Fish",
        65000, g = 350 },
    { "Cơm tấm sườn bì chả", "Broken Rice with Pork Chop", 45000, g = 450, pop = 4 }, { "Bánh mì thịt",
        "Banh Mi Pork Sandwich", 25000, g = 250, pop = 4 },
    { "Gỏi cuốn tôm thịt", "Fresh Spring Rolls with Shrimp", 35000, g = 300, pop = 3 }, { "Xôi gà",
        "Sticky Rice with Chicken", 30000, g = 300 },
    { "Bún thịt nướng", "Grilled Pork Vermicelli", 45000, g = 450 }, { "Cơm gà xối mỡ",
        "Crispy Chicken Rice", 45000, g = 450 },
    { "Canh chua cá lóc", "Sour Snakehead Fish Soup", 55000, g = 500 }, { "Bò kho", "Vietnamese Beef Stew", 65000,
        g = 500 },
}


local function gloss(glossary, key)
    if type(key) == "table" then
        return key[1], key[2]
    end
    local vi = glossary[key]
    if not vi then
        error("fresh: glossary has no entry for " .. key)
    end
    return text.upper_first(vi), text.title(key)
end


local function join(a, b)
    if b == "" then return a end
    if a == "" then return b end
    return a .. " " .. b
end


-- glossary: en -> vi map. Returns drafts.
function _M.generate(glossary, brands)
    local rng = random.new("fresh")
    local out = {}
    local function add(d)
        out[#out + 1] = d
    end

    for _, p in ipairs(PRODUCE) do
        local vi, en = gloss(glossary, p[1])
        local cat = p[3]
        for _, v in ipairs(p[4]) do
            for _, f in ipairs(p[5]) do
                local name_vi = join(vi, v[1])
                local name_en = join(v[2], en)
                local per_kg = p[2] * v[3] * rng:jitter(0.04)
                local diet = { "vegetarian", "vegan", "gluten_free" }
                if v[4] then diet[#diet + 1] = v[4] end
                local brand = v[5] and brands:get(v[5]) or nil
                if not brand and f ~= "kg" and rng:chance(0.3) then
                    brand = brands:get(rng:pick({ "VinEco", "Đà Lạt GAP", "Dalat Hasfarm" }))
                end
                local d = { cat = cat, dietary = diet, origin = p.o or "VN", popularity = product.popularity(rng,
                    300 * (p.pop or 1)),
                            brand = brand }
                if f == "kg" then
                    d.name_vi, d.name_en, d.unit = name_vi, name_en, "kg"
                    d.price_vnd = product.round_price(per_kg, rng)
                    d.brand = v[5] and brand or nil
                elseif f == "pc" then
                    d.name_vi, d.name_en, d.unit = name_vi .. " (trái)", name_en .. " (each)", "piece"
                    d.size_text, d.net_quantity, d.net_unit = product.size(p.g or 500, "g")
                    d.price_vnd = product.round_price(per_kg * (p.g or 500) / 1000 * 1.05, rng)
                else
                    local st = product.size(f, "g")
                    d.name_vi = name_vi .. (brand and not v[5] and (" " .. brand.name) or "") .. " " .. st
                    d.name_en = (brand and not v[5] and (brand.name .. " ") or "") .. name_en .. " " .. st
                    d.unit = "piece"
                    d.size_text, d.net_quantity, d.net_unit = product.size(f, "g")
                    d.price_vnd = product.round_price(per_kg * f / 1000 * 1.08, rng)
                end
                add(d)
            end
        end
    end

    for _, p in ipairs(PACKS) do
        local st, q, u = product.size(p[4], "g")
        add{ cat = p[1], name_vi = p[2] .. " " .. st, name_en = p[3] .. " " .. st, unit = "piece", size_text = st,
             net_quantity = q, net_unit = u, price_vnd = product.round_price(p[5] * rng:jitter(0.03), rng),
             dietary = { "vegetarian", "vegan" }, origin = "VN", popularity = product.popularity(rng,
                 300 * (p.pop or 1)) }
    end

    for _, m in ipairs(MEAT) do
        local g = GROUPS[m[5]]
        for _, v in ipairs(g.v) do
            if not v.keep or rng:chance(v.keep) then
                local brand = v[4] and brands:get(v[4]) or nil
                local vi = join(m[1], v[1])
                local en = join(v[2], m[2])
                for _, f in ipairs(g.f) do
                    local per_kg = m[3] * v[3] * rng:jitter(0.04)
                    local d = { cat = m[4], brand = brand, origin = v.o or m.o or "VN",
                                popularity = product.popularity(rng, 300 * (m.pop or 1) * (f == "kg" and 1 or 0.7)) }
                    if f == "kg" then
                        d.name_vi, d.name_en, d.unit = vi, en, "kg"
                        d.price_vnd = product.round_price(per_kg, rng)
                    else
                        local st
                        st, d.net_quantity, d.net_unit = product.size(f, "g")
                        d.size_text = st
                        d.name_vi, d.name_en = vi .. " khay " .. st, en .. ", " .. st .. " tray"
                        d.unit = "piece"
                        d.price_vnd = product.round_price(per_kg * f / 1000 * 1.03, rng)
                    end
                    add(d)
                end
            end
        end
    end

    for _, p in ipairs(DELI) do
        local d = { cat = "quay-thuc-pham-chin", origin = "VN", popularity = product.popularity(rng,
            300 * (p.pop or 1)) }
        if p.g then
            local st
            st, d.net_quantity, d.net_unit = product.size(p.g, "g")
            d.size_text = st
            d.name_vi, d.name_en, d.unit = p[1] .. " hộp " .. st, p[2] .. ", " .. st .. " box", "piece"
            d.price_vnd = product.round_price(p[3], rng)
        else
            d.name_vi, d.name_en, d.unit = p[1], p[2], "kg"
            d.price_vnd = product.round_price(p[3] * rng:jitter(0.03), rng)
        end
        add(d)
    end
    return out
end


return _M
