-- scripts/seed/imported.lua: the imported goods of the demo catalog, from real product data:
-- GroceryDB (US supermarket products with brand and pack size) and Open Food Facts (US
-- products, names only). Each row is filed in a category (its source category, refined by
-- the head noun of its name), named in Vietnamese (noun + style + flavours + claims + brand +
-- size), given a metric size (from the data, or one typical of its category) and a shelf
-- price for an imported good. Duplicates (one product listed by several US stores) are
-- dropped. Returns product drafts; ids, SKUs, slugs and barcodes come later (seed.finish).
local csv = require "seed.csv"
local text = require "seed.text"
local product = require "seed.product"
local random = require "seed.random"
local words_mod = require "seed.words"

local concat = table.concat
local find = string.find
local gsub = string.gsub
local lower = string.lower
local sub = string.sub
local byte = string.byte
local tonumber = tonumber
local ipairs = ipairs


local _M = {}


-- ---- source categories ----

-- source category -> { default Vietnamese noun, default category, allowed noun categories,
-- strict = drop the row when no allowed noun is found }
local function S(vi, cat, allow, opts)
    local set = {}
    for _, c in ipairs(allow or {}) do set[c] = true end
    set[cat] = true
    local o = opts or {}
    for from in pairs(o.remap or {}) do set[from] = true end
    o.vi, o.cat, o.allow = vi, cat, set
    if not allow then o.fixed = true end   -- always the default noun
    return o
end

local MEALS = { "mon-an-nau-san", "mon-an-dong-lanh", "cha-gio-ha-cao", "banh-sandwich-burrito", "salad-goi",
                "nui-pho-mai-mon-hop", "pizza-dong-lanh", "rau-cu-dong-lanh", "sup-nuoc-dung" }

local GDB = {
    ["baby-food"] = S("thức ăn dặm", "an-dam", { "an-dam" }),
    ["baking"] = S("nguyên liệu làm bánh", "bot-lam-banh", { "duong-mat-ong" }),
    ["bread"] = S("bánh mì", "banh-mi", { "banh-mi-tron-banh-cuon", "banh-muffin-bagel", "bot-lam-banh" }),
    ["breakfast"] = S("đồ ăn sáng", "ngu-coc", { "banh-ngot", "banh-bong-lan", "thanh-ngu-coc", "bot-lam-banh",
        "banh-muffin-bagel" }),
    ["cakes"] = S("bánh ngọt", "banh-ngot", { "banh-bong-lan", "bot-lam-banh", "banh-muffin-bagel" }),
    ["cereal"] = S("ngũ cốc ăn sáng", "ngu-coc", {}),
    ["cheese"] = S("phô mai", "pho-mai", {}),
    ["cookies-biscuit"] = S("bánh quy", "banh-quy", { "banh-quy-man-banh-gao", "banh-bong-lan" }),
    ["culinary-ingredients"] = S("nguyên liệu nấu ăn", "xot-nau-an", { "dau-an", "giam-mam-dua-muoi",
        "muoi-tieu-gia-vi",
        "bot-lam-banh", "duong-mat-ong", "nuoc-tuong-dau-hao", "sup-nuoc-dung", "hat-nem-bot-ngot",
            "tuong-ot-tuong-ca" }),
    ["dairy-yogurt-drink"] = S("sữa chua", "sua-chua", { "sua-tuoi", "bo-kem-sua", "thuc-uong-dinh-duong" }),
    ["dressings"] = S("xốt trộn salad", "xot-salad-xot-cham", { "tuong-ot-tuong-ca", "giam-mam-dua-muoi" }),
    ["drink-coffee"] = S("cà phê", "ca-phe", { "bo-kem-sua" }),
    ["drink-juice"] = S("nước ép", "nuoc-ep", {}),
    ["drink-shakes-other"] = S("thức uống dinh dưỡng", "thuc-uong-dinh-duong", { "sua-hat", "sua-tuoi",
        "nuoc-ep", "tra", "ca-phe" }),
    ["drink-soft-energy-mixes"] = S("nước giải khát", "nuoc-ngot", { "nuoc-tang-luc", "nuoc-suoi", "tra" }),
    ["drink-tea"] = S("trà", "tra", {}),
    ["ice-cream-dessert"] = S("kem", "kem", {}),
    ["jerky"] = S("thịt khô", "kho-bo-kho-ga", {}),
    ["mac-cheese"] = S("nui phô mai", "nui-pho-mai-mon-hop", {}),
    ["meat-packaged"] = S("thịt chế biến", "thit-che-bien", { "hai-san-che-bien" }),
    ["milk-milk-substitute"] = S("sữa", "sua-tuoi", { "sua-hat", "bo-kem-sua", "sua-dac-sua-bot" }),
    ["muffins-bagels"] = S("bánh muffin", "banh-muffin-bagel", {}),
    ["pasta-noodles"] = S("mì Ý", "mi-y-nui", { "mi-goi", "mi-ly", "bun-mien-banh-trang" }),
    ["pastry-chocolate-candy"] = S("bánh kẹo", "keo", { "socola", "banh-ngot", "banh-bong-lan", "banh-quy" }),
    ["pizza"] = S("bánh pizza", "pizza-dong-lanh", {}),
    ["prepared-meals-dishes"] = S("món ăn chế biến sẵn", "mon-an-nau-san", MEALS,
        { meal = true, remap = { ["mi-y-nui"] = "mon-an-nau-san", ["gao"] = "mon-an-nau-san",
                                 ["thit-che-bien"] = "mon-an-nau-san", ["hai-san-che-bien"] = "mon-an-nau-san" } }),
    ["produce-packaged"] = S("rau củ đóng gói", "rau-cu-dong-goi", { "salad-goi", "trai-cay-cat-san",
        "rau-cu-dong-lanh",
        "hat-trai-cay-say", "giam-mam-dua-muoi", "dau-hu-do-chay", "dau-hat-kho" }),
    ["pudding-jello"] = S("bánh pudding", "pudding-thach", {}),
    ["rice-grains-packaged"] = S("gạo", "gao", { "dau-hat-kho" }),
    ["rolls-buns-wraps"] = S("bánh mì cuộn", "banh-mi-tron-banh-cuon", { "banh-mi" }),
    ["salad"] = S("salad", "salad-goi", { "rau-cu-dong-goi" }),
    ["sauce-all"] = S("xốt", "xot-nau-an", { "tuong-ot-tuong-ca", "nuoc-tuong-dau-hao", "xot-salad-xot-cham",
        "giam-mam-dua-muoi", "nuoc-mam" }),
    ["sausage-bacon"] = S("xúc xích", "thit-che-bien", {}),
    ["seafood"] = S("hải sản", "hai-san-che-bien", {}),
    ["snacks-bars"] = S("thanh ngũ cốc", "thanh-ngu-coc", {}),
    ["snacks-chips"] = S("snack", "snack", { "banh-quy-man-banh-gao" }),
    ["snacks-dips-salsa"] = S("xốt chấm", "xot-salad-xot-cham", {}),
    ["snacks-mixes-crackers"] = S("bánh quy giòn", "banh-quy-man-banh-gao", { "snack", "hat-trai-cay-say",
        "banh-quy" }),
    ["snacks-nuts-seeds"] = S("hạt", "hat-trai-cay-say", {}),
    ["snacks-popcorn"] = S("bắp rang", "snack", nil),
    ["soup-stew"] = S("súp", "sup-nuoc-dung", { "mi-goi", "mi-ly" }),
    ["spices-seasoning"] = S("gia vị", "muoi-tieu-gia-vi", { "hat-nem-bot-ngot" }),
    ["spread-squeeze"] = S("mứt phết", "mut-bo-phet", { "duong-mat-ong" }),
}

local OFF_COOKIES = S("bánh quy", "banh-quy", { "banh-quy-man-banh-gao", "banh-bong-lan", "banh-ngot",
    "banh-muffin-bagel",
    "thanh-ngu-coc", "socola", "keo" }, { strict = true })
local OFF_PLANT = S("ngũ cốc", "ngu-coc", { "banh-mi", "banh-mi-tron-banh-cuon", "banh-muffin-bagel", "mi-y-nui",
    "gao",
    "bot-lam-banh", "snack", "banh-quy-man-banh-gao", "rau-cu-dong-lanh", "rau-cu-dong-goi", "mi-goi", "dau-hat-kho" },
    { strict = true })
local OFF_MEAT = S("thịt chế biến", "thit-che-bien", { "kho-bo-kho-ga", "hai-san-che-bien" })
local OFF_CONDIMENT = S("gia vị", "muoi-tieu-gia-vi", { "tuong-ot-tuong-ca", "xot-nau-an", "giam-mam-dua-muoi",
    "nuoc-tuong-dau-hao", "hat-nem-bot-ngot", "duong-mat-ong", "xot-salad-xot-cham", "dau-an" }, { strict = true })
local OFF_MEAL = S("món ăn chế biến sẵn", "mon-an-nau-san", MEALS, { meal = true, strict = true })
local OFF_DRINK = S("đồ uống", "nuoc-ngot", { "nuoc-ep", "tra", "ca-phe", "nuoc-suoi", "nuoc-tang-luc",
    "thuc-uong-dinh-duong", "sua-hat" }, { strict = true })
local OFF_SALT = S("muối", "muoi-tieu-gia-vi", nil)
local OFF_VINEGAR = S("giấm", "giam-mam-dua-muoi", {})
local OFF_FISH = S("cá", "hai-san-che-bien", {})
local OFF_WATER = S("nước uống", "nuoc-suoi", {})
local OFF_SYRUP = S("siro", "duong-mat-ong", {})
local OFF_SALAD = S("salad", "salad-goi", {})
local OFF_SODA = S("nước ngọt có ga", "nuoc-ngot", {})
local OFF_DRESSING = S("xốt trộn salad", "xot-salad-xot-cham", {})

local OFF = {
    ["biscuits-and-cakes"] = OFF_COOKIES,
    ["cereals-and-potatoes"] = OFF_PLANT,
    ["fermented-milk-products"] = S("phô mai", "pho-mai", { "sua-chua", "bo-kem-sua" }),
    ["dips"] = S("xốt chấm", "xot-salad-xot-cham", {}),
    ["prepared-meats"] = OFF_MEAT, ["meats"] = OFF_MEAT, ["pork"] = OFF_MEAT, ["pork-and-its-products"] = OFF_MEAT,
    ["sausages"] = OFF_MEAT, ["meat-preparations"] = OFF_MEAT,
    ["dried-products-to-be-rehydrated"] = S("đồ khô", "dau-hat-kho", { "gao", "mi-y-nui", "sup-nuoc-dung",
        "ngu-coc",
        "bot-lam-banh", "muoi-tieu-gia-vi", "thuc-uong-dinh-duong", "nui-pho-mai-mon-hop", "ca-phe", "tra",
        "hat-trai-cay-say" }, { strict = true }),
    ["confectioneries"] = S("kẹo", "keo", { "socola" }),
    ["fruits-and-vegetables-based-foods"] = S("rau củ đóng hộp", "rau-cu-dong-goi", { "hat-trai-cay-say",
        "trai-cay-cat-san",
        "giam-mam-dua-muoi", "dau-hat-kho", "mut-bo-phet", "salad-goi" }),
    ["condiments"] = OFF_CONDIMENT,
    ["appetizers"] = S("snack", "snack", { "banh-quy-man-banh-gao", "hat-trai-cay-say" }),
    ["fats"] = S("dầu ăn", "dau-an", { "bo-kem-sua", "mut-bo-phet" }, { strict = true }),
    ["milk-substitutes"] = S("sữa hạt", "sua-hat", { "bo-kem-sua", "sua-chua", "kem" }),
    ["dairy-substitutes"] = S("sữa hạt", "sua-hat", { "bo-kem-sua", "sua-chua", "kem", "pho-mai" }),
    ["hot-sauces"] = S("tương ớt", "tuong-ot-tuong-ca", nil),
    ["barbecue-sauces"] = S("xốt thịt nướng BBQ", "xot-nau-an", nil),
    ["salad-dressings"] = OFF_DRESSING, ["coleslaw-dressing"] = OFF_DRESSING,
    ["bars"] = S("thanh ngũ cốc", "thanh-ngu-coc", { "socola" }),
    ["bodybuilding-supplements"] = S("bột protein", "thuc-uong-dinh-duong", { "thanh-ngu-coc" }),
    ["protein-powders"] = S("bột protein", "thuc-uong-dinh-duong", nil),
    ["plant-based-beverages"] = S("thức uống từ thực vật", "sua-hat", { "tra", "ca-phe", "nuoc-ep" }),
    ["simple-syrups"] = OFF_SYRUP, ["flavoured-syrups"] = OFF_SYRUP,
    ["mayonnaises"] = S("xốt mayonnaise", "tuong-ot-tuong-ca", nil),
    ["sodas"] = OFF_SODA, ["diet-beverages"] = OFF_SODA, ["artificially-sweetened-beverages"] = OFF_SODA,
    ["carbonated-fruit-soft-drink"] = OFF_SODA,
    ["pastas"] = S("mì Ý", "mi-y-nui", {}),
    ["meat-alternatives"] = S("thịt chay", "dau-hu-do-chay", {}),
    ["pasta-sauces"] = S("xốt mì Ý", "xot-nau-an", {}),
    ["mustards"] = S("mù tạt", "tuong-ot-tuong-ca", nil),
    ["soy-sauces"] = S("nước tương", "nuoc-tuong-dau-hao", {}),
    ["pizzas"] = S("bánh pizza", "pizza-dong-lanh", {}),
    ["tomato-sauces"] = S("xốt cà chua", "xot-nau-an", {}),
    ["cured-sausages"] = S("xúc xích khô", "thit-che-bien", {}),
    ["beers"] = S("bia", "bia", {}),
    ["pizza-sauces"] = S("xốt pizza", "xot-nau-an", nil),
    ["cocoa-and-its-products"] = S("sô-cô-la", "socola", { "ca-phe", "bot-lam-banh" }),
    ["coffees"] = S("cà phê", "ca-phe", {}),
    ["frozen-desserts"] = S("kem", "kem", {}),
    ["dried-meats"] = S("thịt khô", "kho-bo-kho-ga", { "thit-che-bien" }),
    ["stuffed-pastas"] = S("mì Ý nhồi nhân", "mi-y-nui", {}),
    ["popcorn"] = S("bắp rang", "snack", nil),
    ["waters"] = OFF_WATER, ["spring-waters"] = OFF_WATER, ["flavored-waters"] = OFF_WATER,
    ["iced-teas"] = S("trà pha sẵn", "tra", {}),
    ["wines"] = S("rượu vang", "ruou-vang", {}),
    ["nuts-and-their-products"] = S("hạt", "hat-trai-cay-say", { "mut-bo-phet" }),
    ["non-alcoholic-beers"] = S("bia không cồn", "bia", nil, { abv = 0 }),
    ["legumes-and-their-products"] = S("đậu", "dau-hat-kho", { "dau-hu-do-chay" }),
    ["teriyaki-sauces"] = S("xốt teriyaki", "nuoc-tuong-dau-hao", nil),
    ["pestos"] = S("xốt pesto", "xot-nau-an", nil),
    ["fishes"] = OFF_FISH, ["fatty-fishes"] = OFF_FISH, ["fish-eggs"] = OFF_FISH, ["mollusc"] = OFF_FISH,
    ["crustaceans"] = OFF_FISH, ["shrimps"] = OFF_FISH,
    ["alfredo-sauces"] = S("xốt kem alfredo", "xot-nau-an", nil),
    ["tapenades"] = S("xốt ô liu tapenade", "xot-salad-xot-cham", nil),
    ["worcestershire-sauces"] = S("xốt Worcestershire", "xot-nau-an", nil),
    ["balsamic-vinegars"] = OFF_VINEGAR, ["vinegars"] = OFF_VINEGAR, ["wine-vinegars"] = OFF_VINEGAR,
    ["soups"] = S("súp", "sup-nuoc-dung", {}),
    ["viennoiseries"] = S("bánh ngọt", "banh-ngot", { "banh-mi" }),
    ["himalaya-salts"] = OFF_SALT, ["sea-salts"] = OFF_SALT, ["iodised-salts"] = OFF_SALT,
    ["hoisin-sauces"] = S("tương đen hoisin", "nuoc-tuong-dau-hao", nil),
    ["oyster-sauces"] = S("dầu hào", "nuoc-tuong-dau-hao", nil),
    ["quiches"] = S("bánh quiche", "mon-an-nau-san", nil),
    ["tartare-sauces"] = S("xốt tartar", "tuong-ot-tuong-ca", nil),
    ["curry-pastes"] = S("xốt cà ri", "xot-nau-an", nil),
    ["pickles"] = S("dưa chuột muối", "giam-mam-dua-muoi", {}),
    ["salads"] = OFF_SALAD, ["prepared-salads"] = OFF_SALAD, ["salads-with-meat"] = OFF_SALAD,
    ["ciders"] = S("rượu táo cider", "ruou-trai-cay-soju", nil, { abv = 5 }),
    ["sweet-spreads"] = S("mứt phết", "mut-bo-phet", {}), ["spreads"] = S("xốt phết", "mut-bo-phet",
        { "xot-salad-xot-cham" }),
    ["cheese-sauces"] = S("xốt phô mai", "xot-salad-xot-cham", nil),
    ["meals"] = OFF_MEAL, ["meals-with-meat"] = OFF_MEAL, ["poultry-meals"] = OFF_MEAL, ["pasta-dishes"] = OFF_MEAL,
    ["frozen-foods"] = OFF_MEAL,
    ["snacks"] = S("snack", "snack", { "banh-quy-man-banh-gao", "hat-trai-cay-say", "keo" }, { strict = true }),
    ["sweet-snacks"] = OFF_COOKIES,
    ["dairy-desserts"] = S("bánh pudding", "pudding-thach", { "kem" }),
    ["cocoa-and-chocolate-powders"] = S("bột ca cao", "ca-phe", nil), ["cocoa-powders"] = S("bột ca cao", "ca-phe",
        nil),
}

-- Open Food Facts rows whose category_3 is unknown fall back on category_2.
local OFF2 = {
    ["sweet-snacks"] = OFF_COOKIES, ["plant-based-foods"] = OFF_PLANT, ["sauces"] = OFF_CONDIMENT,
    ["meats"] = OFF_MEAT, ["salty-snacks"] = S("snack", "snack", { "banh-quy-man-banh-gao", "hat-trai-cay-say" }),
    ["beverages"] = OFF_DRINK, ["non-alcoholic-beverages"] = OFF_DRINK,
    ["frozen-foods"] = OFF_MEAL, ["meals"] = OFF_MEAL, ["fishes-and-their-products"] = OFF_FISH,
    ["condiments"] = OFF_CONDIMENT,
}
OFF2["dairy-substitutes"] = OFF["dairy-substitutes"]


-- Brands of US frozen meals (their prepared meals go to the freezer aisle).
local FROZEN_BRANDS = {
    ["lean cuisine"] = true, ["stouffers"] = true, ["healthy choice"] = true, ["marie callenders"] = true,
    ["banquet"] = true, ["amys kitchen"] = true, ["amys"] = true, ["hot pockets"] = true, ["evol"] = true,
    ["smart ones"] = true, ["hungry man"] = true, ["devour"] = true, ["gardein"] = true, ["birds eye"] = true,
    ["el monterey"] = true, ["totinos"] = true, ["digiorno"] = true, ["red baron"] = true, ["bagel bites"] = true,
    ["saffron road"] = true, ["luvo"] = true, ["innovasian"] = true, ["pf changs"] = true, ["p f changs"] = true,
    ["tai pei"] = true, ["ling ling"] = true, ["gortons"] = true, ["van de kamps"] = true, ["ore ida"] = true,
    ["jimmy dean"] = true, ["eggo"] = true, ["kodiak cakes"] = false, ["realgood foods co"] = true,
    ["caulipower"] = true, ["tattooed chef"] = true, ["daily harvest"] = true, ["sweet earth"] = true,
}


local FROZEN_REMAP = {
    ["rau-cu-dong-goi"] = "rau-cu-dong-lanh", ["trai-cay-cat-san"] = "rau-cu-dong-lanh",
    ["hai-san-che-bien"] = "thit-hai-san-dong-lanh", ["thit-che-bien"] = "thit-hai-san-dong-lanh",
    ["mon-an-nau-san"] = "mon-an-dong-lanh", ["banh-sandwich-burrito"] = "mon-an-dong-lanh",
    ["salad-goi"] = "mon-an-dong-lanh", ["sup-nuoc-dung"] = "mon-an-dong-lanh",
}


-- Words that make a product not vegetarian.
local MEAT_WORDS = {}
for w in ([[chicken beef pork bacon ham turkey sausage pepperoni salami meat meatball fish tuna salmon shrimp
    crab anchovy lard gelatin jerky steak chorizo prosciutto veal lamb duck clam oyster lobster sardine cod
    tilapia anchovies bone broth stock frank wiener hot dog brisket rib wing nugget]]):gmatch("%a+") do
    MEAT_WORDS[w] = true
end

-- Categories whose products are plant-based unless the name says otherwise.
local PLANT_CATS = {}
for c in ([[rau-cu-dong-goi dau-hu-do-chay sua-hat gao bun-mien-banh-trang mi-y-nui bot-lam-banh duong-mat-ong
    dau-hat-kho ngu-coc mut-bo-phet dau-an nuoc-tuong-dau-hao muoi-tieu-gia-vi giam-mam-dua-muoi nuoc-suoi
    nuoc-ngot nuoc-ep tra ca-phe nuoc-tang-luc snack banh-quy-man-banh-gao hat-trai-cay-say trai-cay-cat-san
    rau-cu-dong-lanh banh-mi banh-mi-tron-banh-cuon]]):gmatch("%S+") do
    PLANT_CATS[c] = true
end


-- ---- names ----

-- Strips pack sizes and counts from an English name: ", 15 oz", " - 4ct/3.5oz Pouches",
-- "(Pack of 12)", "12 ct".
local UNIT_WORDS = "oz|fl|floz|lb|lbs|ct|count|pk|pack|packs|ml|l|ltr|liter|litre|g|gram|grams|kg|gal|gallon|" ..
    "qt|quart|" ..
    "pt|pint|each|ea|cans|can|bottles|bags|bars|pouches|pieces|pc|pcs|servings|rolls|ounce|ounces|slices|x"
local UNIT_SET = {}
for u in UNIT_WORDS:gmatch("[^|]+") do UNIT_SET[u] = true end

-- Leading and trailing spaces off (the data has no runs of spaces inside).
local function trim(s)
    local b = byte(s, 1)
    if b == 32 then
        s = sub(s, 2)
    end
    if byte(s, -1) == 32 then
        s = sub(s, 1, -2)
    end
    return s
end


local function is_size_segment(seg)
    local s = lower(seg)
    if not find(s, "%d") then
        return s:match("^%s*each%s*$") ~= nil
    end
    -- a segment of numbers and unit words only
    local rest = gsub(s, "[%d%.%s/x%-%(%)#,]+", " ")
    for w in rest:gmatch("%a+") do
        if not UNIT_SET[w] and w ~= "of" and w ~= "per" and w ~= "value" and w ~= "box" and w ~= "bag"
           and w ~= "jar" and w ~= "bottle" and w ~= "tub" and w ~= "cup" and w ~= "cups" and w ~= "case"
           and w ~= "tray" and w ~= "carton" and w ~= "container" and w ~= "pouch" and w ~= "bar" and w ~= "k" then
            return false
        end
    end
    return true
end

local function drop_size_paren(inner)
    if is_size_segment(inner) then return "" end
    return " (" .. inner .. ")"
end


-- "Sausage -10oz" -> "Sausage"; "Juice 11.5 fl oz" -> "Juice"; "Bars, 12 ct" -> "Bars,": a
-- number followed by a unit word goes, with the dash or slash before it.
local function drop_number_unit(num, sp, unit, dot)
    if UNIT_SET[lower(unit)] then
        return ""
    end
    return num .. sp .. unit .. dot
end


local function strip_sizes(s)
    if not find(s, "%d") then
        return s
    end
    s = gsub(s, "[Pp]ack [Oo]f %d+", "")
    s = gsub(s, "(%d[%d%.,/]*)(%s*%-?%s*)(%a+)(%.?)", drop_number_unit)
    s = gsub(s, "%f[%a][Ff][Ll]%.? [Oo][Zz]%.?", "")
    s = gsub(s, "%f[%a][Oo][Zz]%.?%f[%A]", "")
    s = gsub(s, "[%s%-/,x]+$", "")
    s = gsub(s, "%s+[%-/]%s*,", ",")
    return s
end


-- The trademark signs as whole UTF-8 sequences (a [®™] byte class would cut other letters).
local function drop_marks(s)
    if find(s, "\194\174", 1, true) then s = gsub(s, "\194\174", "") end      -- ®
    if find(s, "\226\132\162", 1, true) then s = gsub(s, "\226\132\162", "") end  -- ™
    if find(s, "\194\169", 1, true) then s = gsub(s, "\194\169", "") end      -- ©
    return s
end


local function clean_en(name)
    name = drop_marks(name)
    if find(name, "(", 1, true) then
        name = gsub(name, "%s*%((.-)%)", drop_size_paren)
    end
    -- split into segments on ", " and " - " / " | "
    local segs = {}
    for seg in (gsub(name, "%s+[-|–]%s+", ", ") .. ","):gmatch("([^,]*),") do
        seg = trim(seg)
        if seg ~= "" then segs[#segs + 1] = seg end
    end
    local kept = {}
    for i, seg in ipairs(segs) do
        if not (i > 1 and is_size_segment(seg)) then
            seg = strip_sizes(seg)
            if seg ~= "" and not is_size_segment(seg) then kept[#kept + 1] = seg end
        end
    end
    if #kept == 0 then
        return text.tidy(name)
    end
    return text.tidy(concat(kept, ", "))
end
_M.clean_en = clean_en


-- Drops trailing segments that only repeat words from the start ("Plain Goat Cheese, Plain").
local function drop_echo(segs)
    while #segs > 1 do
        local before = {}
        for i = 1, #segs - 1 do
            for w in lower(segs[i]):gmatch("%a+") do before[w] = true end
        end
        local all = true
        for w in lower(segs[#segs]):gmatch("%a+") do
            if not before[w] then all = false break end
        end
        if not all then break end
        segs[#segs] = nil
    end
    return segs
end


local function fix_case(s)
    if not find(s, "%l") then
        s = lower(s)               -- ALL CAPS
    end
    return text.title(s)
end


-- ---- the generator ----

local function never()
    return false
end


local function member_of(set)
    return function(cat) return set[cat] == true end
end


-- The noun filter of a source category (made once per category).
local function allowed_fn(cfg)
    local fn = cfg.allowed
    if not fn then
        fn = cfg.fixed and never or member_of(cfg.allow)
        cfg.allowed = fn
    end
    return fn
end


local function same_aisle(cats, aisle)
    return function(cat)
        local c = cats[cat]
        return c ~= nil and c.aisle == aisle
    end
end


-- The categories that may lend a noun to a product of this source category: its aisle.
local function near_fn(cfg, cats)
    local fn = cfg.near
    if not fn then
        fn = same_aisle(cats, cats[cfg.cat].aisle)
        cfg.near = fn
    end
    return fn
end


-- Categories whose flavours read "vị ...": "Snack khoai tây vị phô mai".
local FLAVOUR_CATS = {}
for c in ([[snack banh-quy banh-quy-man-banh-gao keo socola thanh-ngu-coc kem nuoc-ngot nuoc-tang-luc
    thuc-uong-dinh-duong ngu-coc banh-bong-lan pudding-thach kho-bo-kho-ga]]):gmatch("%S+") do
    FLAVOUR_CATS[c] = true
end


-- Picks up to max words of list that the name does not hold yet; a word that starts with
-- the noun loses it ("phô mai Thụy Sĩ" after "phô mai" -> "Thụy Sĩ").
local function pick(list, max, noun, seen)
    local picked = {}
    for i = 1, #list do
        if #picked >= max then break end
        local w = list[i]
        if byte(w, #noun + 1) == 32 and find(w, noun, 1, true) == 1 then
            w = sub(w, #noun + 2)
        end
        if not seen[w] and not find(noun, w, 1, true) then
            seen[w] = true
            picked[#picked + 1] = w
        end
    end
    return picked
end


-- noun, then (flavour nouns: style + "vị" flavours; others: ingredients + style), claims,
-- brand, size.
local function vi_name(cfg, info, cat_slug, brand_name, size_text)
    local noun = info.noun and info.noun.vi or cfg.vi
    local parts = { noun }
    local seen = { [noun] = true }
    local style = pick(info.style, 2, noun, seen)
    local flav = pick(info.flav, 3, noun, seen)
    local attr = pick(info.attr, 2, noun, seen)
    local f
    if info.noun then f = info.noun.f else f = FLAVOUR_CATS[cat_slug] end
    if f then
        if #style > 0 then parts[#parts + 1] = concat(style, " ") end
        if #flav > 0 then
            local last = parts[#parts]
            parts[#parts + 1] = (find(last, "vị$") and "" or "vị ") .. words_mod.join_vi(flav)
        end
    else
        if #flav > 0 then parts[#parts + 1] = words_mod.join_vi(flav) end
        if #style > 0 then parts[#parts + 1] = concat(style, " ") end
    end
    if #attr > 0 then parts[#parts + 1] = concat(attr, " ") end
    if #parts == 1 and not (brand_name and brand_name ~= "") then
        -- nothing but the noun: keep a few of the English words ("Cà phê Winter Blend")
        local rest = info.rest
        local keep = {}
        for k = 1, #rest do
            if #keep == 3 then break end
            keep[#keep + 1] = text.title(rest[k])
        end
        if #keep > 0 then parts[#parts + 1] = concat(keep, " ") end
    end
    if brand_name and brand_name ~= "" then parts[#parts + 1] = brand_name end
    if size_text and size_text ~= "" then parts[#parts + 1] = size_text end
    return text.upper_first(concat(parts, " "))
end


local function dietary(info, cat_slug)
    local d, has, t = {}, info.has, info.tokens
    local meat = false
    for k = 1, #t do
        if MEAT_WORDS[t[k]] then meat = true break end
    end
    local vegan = has.vegan or (has.plant and has.based)
    if vegan and not meat then
        d[#d + 1] = "vegetarian"
        d[#d + 1] = "vegan"
    elseif not meat and PLANT_CATS[cat_slug] then
        d[#d + 1] = "vegetarian"
    end
    if has.halal then d[#d + 1] = "halal" end
    if has.gluten and has.free then d[#d + 1] = "gluten_free" end
    if has.organic then d[#d + 1] = "organic" end
    if (has.lactose or has.dairy) and has.free then d[#d + 1] = "lactose_free" end
    return d
end


-- Size of an imported product: from the data (g or ml, maybe a pack count) or one typical of
-- its category. Returns size_text, net_quantity, net_unit, unit.
local function import_size(rng, cat, weight, volume, count, per_item)
    local q, u
    if volume and volume > 0 then
        q, u = volume, "ml"
    elseif weight and weight > 0 then
        q, u = weight, "g"
    end
    if q and count and count > 1 and count <= 24 then
        if per_item then
            return product.size(q, u, count)          -- the name gave the size of one item
        end
        return product.size(q / count, u, count)
    elseif q then                                     -- one item, or a bag of many small ones
        return product.size(q, u)
    end
    local sz = cat.sz and rng:pick(cat.sz) or { 300, "g" }
    if count and count > 1 then
        return product.size(sz[1] / count > 20 and sz[1] / count or sz[1], sz[2], count)
    end
    return product.size(sz[1], sz[2])
end


-- data: { grocerydb = csv text, openfoodfacts = csv text }, brands: registry, cats: by slug,
-- words: seed.words instance, target: how many products the whole catalog should have and
-- already: how many the other generators made (Open Food Facts fills the gap).
function _M.generate(data, brands, cats, words, target, already)
    local rng = random.new("imported")
    local out, seen_names = {}, {}
    local brand_cache = {}

    local function emit(en_core, brand, cfg, info, size_text, net_q, net_u, unit, source)
        local cat_slug = (info.noun and not info.foreign) and info.noun.cat or cfg.cat
        if cfg.remap and cfg.remap[cat_slug] then cat_slug = cfg.remap[cat_slug] end
        local frozen = info.has.frozen
        if cfg.meal and brand and not frozen then
            if brand.frozen == nil then
                brand.frozen = FROZEN_BRANDS[gsub(text.fold(brand.name), "[^a-z ]", "")] or false
            end
            frozen = brand.frozen
        end
        if frozen and FROZEN_REMAP[cat_slug] then cat_slug = FROZEN_REMAP[cat_slug] end
        if cat_slug == "hai-san-che-bien" and (info.has.can or info.has.canned or info.has.pouch) then
            cat_slug = "do-hop"
        end
        local cat = cats[cat_slug]
        local name_en = en_core .. " " .. size_text
        local key = lower(name_en)
        if seen_names[key] then return false end
        seen_names[key] = true
        local brand_name = brand and brand.name or nil
        local name_vi = vi_name(cfg, info, cat_slug, brand_name, size_text)
        local per100 = (cat.ppu or 25000) * rng:jitter(0.22)
        local price
        if net_q then
            price = product.price_for(net_q, per100)
        else
            price = per100 * 3
        end
        if price < 18000 then price = 18000 + price * 0.3 end
        out[#out + 1] = {
            name_vi = name_vi, name_en = name_en, cat = cat_slug, brand = brand,
            unit = unit, size_text = size_text, net_quantity = net_q, net_unit = net_u,
            price_vnd = product.round_price(price, rng),
            storage = frozen and "frozen" or nil,
            dietary = dietary(info, cat_slug),
            abv = cfg.abv, origin = "US", source = source, imported = true,
            popularity = math.min(rng:pareto(1.6, 20), 2000),
        }
        return true
    end

    -- GroceryDB
    local cols, rows = csv.open(data.grocerydb)
    local c_name, c_brand, c_cat = cols.name, cols.brand, cols.category
    local c_w, c_v, c_n = cols.package_weight_g, cols.package_volume_ml, cols.pack_count
    local n_gdb = 0
    for r in rows do
        local cfg = GDB[r[c_cat]]
        if cfg then
            local bname = r[c_brand] or ""
            if find(bname, "[\194\226%.]") then
                bname = trim(gsub(drop_marks(bname), "%.%.%.$", ""))
            end
            local brand = brand_cache[bname]
            if bname ~= "" and not brand then
                local known = brands:find(bname)
                local name = bname
                if known and known.known and known.origin == "VN" then
                    name = bname .. " USA"            -- a US brand spelled like a Vietnamese one
                end
                brand = brands:add(name, "US", "US")
                brand_cache[bname] = brand
            end
            local raw = r[c_name]
            local en = clean_en(raw)
            local info = words:read_any(en, bname, allowed_fn(cfg), near_fn(cfg, cats))
            -- "4ct/3.5oz Pouches": the size is that of one item ("6ct/12.25oz" is the total)
            local per_item = find(lower(raw), "/%s*[%d%.]+%s*f?l?%.?%s*[om][zl]%.?%s+%a+s%f[%A]") ~= nil
            local size_text, net_q, net_u, unit = import_size(rng, cats[cfg.cat], tonumber(r[c_w]), tonumber(r[c_v]),
                                                              tonumber(r[c_n]), per_item)
            if brand and #info.tokens <= 3 and not find(lower(en), lower(brand.name), 1, true) then
                en = brand.name .. " " .. en
            end
            if emit(en, brand, cfg, info, size_text, net_q, net_u, unit, "grocerydb") then
                n_gdb = n_gdb + 1
            end
        end
    end

    -- Open Food Facts
    local off_limit = target and (target - (already or 0) - n_gdb) or 1e9
    local orows, ocols = csv.parse_csv(data.openfoodfacts)
    local o_name, o_c2, o_c3 = ocols.name, ocols.category_2, ocols.category_3
    local n_off = 0
    -- a fixed shuffle, so stopping at the limit takes a sample across the whole (sorted) file
    local order = {}
    for i = 1, #orows do order[i] = i end
    random.new("imported-order"):shuffle(order)
    for _, oi in ipairs(order) do
        local r = orows[oi]
        if n_off >= off_limit then break end
        local cfg = OFF[r[o_c3]] or OFF2[r[o_c2]]
        local raw = r[o_name]
        if cfg and #raw >= 6 and not find(raw, "^[%d#]") then
            local segs = {}
            raw = drop_marks(raw)
            for seg in (raw .. ","):gmatch("([^,]*),") do
                seg = trim(seg)
                if seg ~= "" and not is_size_segment(seg) then segs[#segs + 1] = seg end
            end
            local brand
            if #segs >= 2 then
                local b = brands:find(segs[1])
                if b and not (b.known and b.origin == "VN") then
                    brand = b
                    table.remove(segs, 1)
                elseif #segs[1] <= 28 and not find(segs[1], "%d") then
                    local probe = words:read(segs[1], nil, nil)
                    if not probe.noun and #probe.flav == 0 then
                        brand = brands:add(fix_case(segs[1]), "US", "US")
                        table.remove(segs, 1)
                    end
                end
            end
            segs = drop_echo(segs)
            local en = fix_case(concat(segs, ", "))
            if brand then
                en = brand.name .. " " .. en
            end
            local info = words:read_any(en, brand and brand.name, allowed_fn(cfg), near_fn(cfg, cats))
            local words_n = #info.tokens
            if words_n >= 2 and words_n <= 12 and ((info.noun and not info.foreign) or not cfg.strict) then
                local cat = cats[(info.noun and not info.foreign) and info.noun.cat or cfg.cat] or cats[cfg.cat]
                local size_text, net_q, net_u, unit = import_size(rng, cat, nil, nil, nil)
                if emit(en, brand, cfg, info, size_text, net_q, net_u, unit, "openfoodfacts") then
                    n_off = n_off + 1
                end
            end
        end
    end
    return out, { grocerydb = n_gdb, openfoodfacts = n_off }
end


_M.GDB, _M.OFF = GDB, OFF


return _M
