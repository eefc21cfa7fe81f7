-- scripts/seed/brands.lua: the brands of the demo catalog: the Vietnamese and international
-- brands a Vietnamese supermarket shelves (used by the generated lines), plus the brands of
-- the imported products, added as the real data is read. Owns brand ids, slugs, the country
-- of origin (ISO 3166 alpha-2) and the GS1 prefix each brand's barcodes start with.
local text = require "seed.text"

local ipairs = ipairs
local error = error


local _M = {}


-- name, origin, and mfg where the products sold here are made (barcode prefix) when not the
-- brand's own country.
local KNOWN = {
    -- dairy, baby milk
    { "Vinamilk", "VN" }, { "TH true MILK", "VN" }, { "Dutch Lady", "NL", "VN" }, { "Dalat Milk", "VN" },
    { "Mộc Châu Milk", "VN" }, { "Nutifood", "VN" }, { "Vinasoy", "VN" }, { "Fami", "VN" }, { "Yakult", "JP", "VN" },
    { "Nestlé", "CH", "VN" }, { "Milo", "CH", "VN" }, { "Ovaltine", "GB", "TH" }, { "Abbott", "US", "IE" },
    { "Meiji", "JP" }, { "Friso", "NL" }, { "Enfa", "US", "TH" }, { "Aptamil", "DE", "NZ" }, { "Glico", "JP" },
    { "Ông Thọ", "VN" }, { "Ngôi Sao Phương Nam", "VN" }, { "Con Bò Cười", "FR", "VN" }, { "Président",
        "FR" },
    { "Anchor", "NZ" }, { "Emborg", "DK" }, { "Zott", "DE" }, { "Ba Huân", "VN" }, { "Vĩnh Thành Đạt", "VN" },
    { "Dabaco", "VN" }, { "Kinh Đô", "VN" }, { "Hipp", "DE" }, { "Wakodo", "JP" },
    -- noodles, staples
    { "Acecook", "JP", "VN" }, { "Masan", "VN" }, { "Chin-su", "VN" }, { "Nam Ngư", "VN" }, { "Omachi", "VN" },
    { "Kokomi", "VN" }, { "Tam Thái Tử", "VN" }, { "Uniben", "VN" }, { "Vifon", "VN" }, { "Micoem", "VN" },
    { "Gấu Đỏ", "VN" }, { "Cung Đình", "VN" }, { "Nissin", "JP", "VN" }, { "Nongshim", "KR" }, { "Samyang",
        "KR" },
    { "Ottogi", "KR" }, { "Indomie", "ID" }, { "Mama", "TH" }, { "Safoco", "VN" }, { "Bích Chi", "VN" },
    { "Tài Ký", "VN" }, { "Meizan", "VN" }, { "Biên Hòa", "VN" }, { "Xuân An", "VN" }, { "Honimore", "VN" },
    { "Vinh Hiển", "VN" }, { "Ông Cua", "VN" }, { "Hạt Ngọc Trời", "VN" }, { "A An", "VN" }, { "Lotus Rice",
        "VN" },
    { "Phú Minh Tâm", "VN" }, { "Neptune", "VN" }, { "Tường An", "VN" }, { "Simply", "VN" }, { "Nakydaco", "VN" },
    { "Olivoilà", "VN" }, { "Bertolli", "IT" }, { "Borges", "ES" },
    -- sauces, spices
    { "Knorr", "GB", "VN" }, { "Maggi", "CH", "VN" }, { "Ajinomoto", "JP", "VN" }, { "Aji-ngon", "JP", "VN" },
    { "Vedan", "TW", "VN" }, { "Cholimex", "VN" }, { "Lee Kum Kee", "HK", "CN" }, { "Kikkoman", "JP" },
    { "Nam Dương", "VN" }, { "Hưng Thịnh", "VN" }, { "Khải Hoàn", "VN" }, { "Liên Thành", "VN" },
    { "584 Nha Trang", "VN" }, { "Red Boat", "VN" }, { "Việt Hương", "VN" }, { "Ông Chà Và", "VN" },
    { "Dh Foods", "VN" }, { "Barona", "VN" }, { "Heinz", "US", "TH" }, { "Kewpie", "JP", "VN" },
    { "Bà Giáo Khỏe", "VN" }, { "Vietcoco", "VN" }, { "Hạ Long", "VN" }, { "Ba Cô Gái", "TH" },
    { "Seaspimex", "VN" }, { "Pate Cột Đèn", "VN" },
    -- drinks
    { "Trung Nguyên", "VN" }, { "G7", "VN" }, { "Highlands Coffee", "VN" }, { "Vinacafé", "VN" },
    { "Nescafé", "CH", "VN" }, { "King Coffee", "VN" }, { "Phúc Long", "VN" }, { "Mê Trang", "VN" },
    { "Lipton", "GB", "VN" }, { "Cozy", "VN" }, { "Tâm Châu", "VN" }, { "Ladophar", "VN" },
    { "Tân Hiệp Phát", "VN" }, { "C2", "PH", "VN" }, { "Suntory PepsiCo", "JP", "VN" }, { "Fuze Tea", "US", "VN" },
    { "Lavie", "FR", "VN" }, { "Aquafina", "US", "VN" }, { "Dasani", "US", "VN" }, { "Vĩnh Hảo", "VN" },
    { "Evian", "FR" }, { "TH true WATER", "VN" }, { "Coca-Cola", "US", "VN" }, { "Pepsi", "US", "VN" },
    { "7Up", "US", "VN" }, { "Mirinda", "US", "VN" }, { "Sprite", "US", "VN" }, { "Fanta", "US", "VN" },
    { "Sting", "US", "VN" }, { "Revive", "US", "VN" }, { "Schweppes", "GB", "VN" }, { "Chương Dương", "VN" },
    { "Number 1", "VN" }, { "Red Bull", "TH", "VN" }, { "Warrior", "VN" }, { "Monster", "US" },
    { "Vfresh", "VN" }, { "Teppy", "US", "VN" }, { "Twister", "US", "VN" }, { "Nutriboost", "US", "VN" },
    { "Malee", "TH" }, { "Cocoxim", "VN" }, { "Sanest", "VN" }, { "Wonderfarm", "VN" }, { "Ensure", "US", "SG" },
    { "Anlene", "NZ" },
    -- beer, wine, spirits
    { "Heineken", "NL", "VN" }, { "Tiger", "SG", "VN" }, { "Sài Gòn", "VN" }, { "333", "VN" }, { "Larue", "VN" },
    { "Hà Nội", "VN" }, { "Budweiser", "US", "VN" }, { "Sapporo", "JP", "VN" }, { "Carlsberg", "DK", "VN" },
    { "Huda", "VN" }, { "Strongbow", "GB", "VN" }, { "Hoegaarden", "BE" }, { "Corona", "MX" }, { "Edelweiss", "AT",
        "VN" },
    { "Vang Đà Lạt", "VN" }, { "Penfolds", "AU" }, { "Jacob's Creek", "AU" }, { "Yellow Tail", "AU" },
    { "Concha y Toro", "CL" }, { "Montes", "CL" }, { "Castel", "FR" }, { "Halico", "VN" }, { "Bàu Đá", "VN" },
    { "Johnnie Walker", "GB" }, { "Chivas Regal", "GB" }, { "Jack Daniel's", "US" }, { "Hennessy", "FR" },
    { "Absolut", "SE" }, { "Smirnoff", "GB" }, { "Jinro", "KR" }, { "Soju Good Day", "KR" },
    -- snacks, confectionery
    { "Orion", "KR", "VN" }, { "Lotte", "KR", "VN" }, { "Oishi", "PH", "VN" }, { "Poca", "VN" }, { "Lay's", "US",
        "VN" },
    { "Pringles", "US", "MY" }, { "Swing", "KR", "VN" }, { "Oreo", "US", "ID" }, { "Cosy", "VN" }, { "AFC", "VN" },
    { "Solite", "VN" }, { "Bibica", "VN" }, { "Hải Hà", "VN" }, { "Richy", "VN" }, { "Gery", "ID" },
    { "Pocky", "JP", "TH" }, { "Danisa", "DK", "ID" }, { "KitKat", "CH", "MY" }, { "Snickers", "US", "CN" },
    { "M&M's", "US", "CN" }, { "Ferrero Rocher", "IT" }, { "Toblerone", "CH" }, { "Cadbury", "GB", "MY" },
    { "Marou", "VN" }, { "Alpenliebe", "IT", "VN" }, { "Mentos", "NL", "VN" }, { "Chupa Chups", "ES", "VN" },
    { "Halls", "US", "TH" }, { "Lotte Xylitol", "KR", "VN" }, { "Haribo", "DE" }, { "Thanh Long", "VN" },
    { "Vinamit", "VN" }, { "Tân Tân", "VN" }, { "Nông Lâm Food", "VN" }, { "Tao Kae Noi", "TH" }, { "Sa Giang",
        "VN" },
    { "One One", "VN" }, { "Hello Panda", "JP", "MY" }, { "Tân Huê Viên", "VN" }, { "Hồng Mai", "VN" },
    -- meat, frozen, bakery
    { "Vissan", "VN" }, { "CP", "TH", "VN" }, { "MEATDeli", "VN" }, { "Đức Việt", "VN" }, { "Ponnie", "VN" },
    { "Le Gourmet", "VN" }, { "San Hà", "VN" }, { "Cầu Tre", "VN" }, { "Bibigo", "KR", "VN" }, { "Thọ Phát",
        "VN" },
    { "Vĩnh Hoàn", "VN" }, { "Sao Ta", "VN" }, { "Minh Phú", "VN" }, { "McCain", "CA", "US" }, { "Merino", "VN" },
    { "Celano", "VN" }, { "Wall's", "GB", "VN" }, { "TH true ICE CREAM", "VN" }, { "Häagen-Dazs", "US", "FR" },
    { "ABC Bakery", "VN" }, { "Hữu Nghị", "VN" }, { "Tous les Jours", "KR", "VN" }, { "Givral", "VN" },
    { "VinEco", "VN" }, { "Đà Lạt GAP", "VN" }, { "Organica", "VN" }, { "Dalat Hasfarm", "VN" },
    -- household
    { "Omo", "GB", "VN" }, { "Surf", "GB", "VN" }, { "Ariel", "US", "VN" }, { "Tide", "US", "VN" }, { "Aba", "VN" },
    { "Lix", "VN" }, { "Net", "VN" }, { "Comfort", "GB", "VN" }, { "Downy", "US", "VN" }, { "Sunlight", "GB", "VN" },
    { "Mỹ Hảo", "VN" }, { "Gift", "VN" }, { "Vim", "GB", "VN" }, { "Duck", "US", "VN" }, { "Cif", "GB", "VN" },
    { "Mr Muscle", "US", "VN" }, { "Glade", "US", "ID" }, { "Ambi Pur", "US", "TH" }, { "Raid", "US", "ID" },
    { "Jumbo", "VN" }, { "ARS", "JP", "VN" }, { "Pulppy", "VN" }, { "Bless You", "VN" }, { "Watersilk", "VN" },
    { "Kleenex", "US", "VN" }, { "Tempo", "SE", "CN" }, { "Inochi", "VN" }, { "Lock&Lock", "KR", "VN" },
    { "Ringo", "VN" }, { "Sunhouse", "VN" }, { "Duy Tân", "VN" }, { "Elmich", "CZ", "VN" },
    { "Panasonic", "JP", "TH" }, { "Energizer", "US", "SG" }, { "Duracell", "US", "CN" }, { "Con Ó", "VN" },
    { "Rạng Đông", "VN" }, { "Điện Quang", "VN" }, { "Philips", "NL", "CN" }, { "Namilux", "VN" },
    -- personal care
    { "Clear", "GB", "VN" }, { "Sunsilk", "GB", "VN" }, { "Dove", "GB", "VN" }, { "Pantene", "US", "VN" },
    { "Head & Shoulders", "US", "VN" }, { "Rejoice", "US", "VN" }, { "TRESemmé", "US", "VN" }, { "Thái Dương",
        "VN" },
    { "Romano", "VN" }, { "X-Men", "VN" }, { "Nguyên Xuân", "VN" }, { "Cocoon", "VN" }, { "Lifebuoy", "GB", "VN" },
    { "Hazeline", "GB", "VN" }, { "Lux", "GB", "VN" }, { "Safeguard", "US", "VN" }, { "Enchanteur", "MY", "VN" },
    { "Palmolive", "US", "VN" }, { "P/S", "GB", "VN" }, { "Colgate", "US", "VN" }, { "Close-up", "GB", "VN" },
    { "Sensodyne", "GB", "TH" }, { "Oral-B", "US", "CN" }, { "Listerine", "US", "TH" }, { "Ngọc Châu", "VN" },
    { "Pond's", "US", "VN" }, { "Nivea", "DE", "TH" }, { "Bioré", "JP", "VN" }, { "Senka", "JP", "VN" },
    { "Hada Labo", "JP", "VN" }, { "Acnes", "JP", "VN" }, { "Sunplay", "JP", "VN" }, { "Vaseline", "US", "VN" },
    { "Thorakao", "VN" }, { "Cetaphil", "CH", "CA" }, { "Rexona", "GB", "VN" }, { "Diana", "VN" },
    { "Kotex", "US", "VN" }, { "Laurier", "JP", "VN" }, { "Whisper", "US", "VN" }, { "Gillette", "US", "PL" },
    { "Dorco", "KR" }, { "Bông Bạch Tuyết", "VN" }, { "Nam Anh", "VN" }, { "Green Cross", "VN" }, { "On1", "VN" },
    { "Dettol", "GB", "VN" }, { "L'Oréal Paris", "FR", "ID" }, { "Garnier", "FR", "TH" }, { "Simple", "GB", "TH" },
    { "La Roche-Posay", "FR" }, { "Innisfree", "KR" }, { "Selsun", "US", "TH" }, { "Darlie", "HK", "TH" },
    { "Crest", "US", "CN" },
    -- baby
    { "Bobby", "JP", "VN" }, { "Huggies", "US", "VN" }, { "Pampers", "US", "VN" }, { "Merries", "JP" },
    { "Moony", "JP" }, { "MamyPoko", "JP", "VN" }, { "Mamamy", "VN" }, { "Agi", "VN" }, { "Pigeon", "JP", "TH" },
    { "Johnson's", "US", "TH" }, { "Lactacyd", "FR", "VN" }, { "Arau", "JP" }, { "Philips Avent", "NL", "GB" },
    { "Comotomo", "KR" }, { "Similac", "US", "IE" }, { "PediaSure", "US", "SG" }, { "NAN", "CH", "DE" },
    { "Dielac", "VN" }, { "Optimum Gold", "VN" }, { "Ridielac", "VN" }, { "Cerelac", "CH", "VN" },
    { "GrowPLUS+", "VN" },
}


-- GS1 prefixes by country (the first 3 digits of an EAN-13; US/CA use "0" then the UPC).
local GS1 = {
    VN = "893", US = "0", CA = "0", TH = "885", JP = "490", KR = "880", CN = "690", FR = "300", DE = "400",
    NL = "871", IT = "800", ES = "840", GB = "500", AU = "930", NZ = "940", MY = "955", ID = "899",
    SG = "888", PH = "480", TW = "471", CH = "761", BE = "540", DK = "570", SE = "730", IE = "539",
    CL = "780", MX = "750", HK = "489", AT = "900", CZ = "859", PL = "590",
}
_M.GS1 = GS1


local Registry = {}
Registry.__index = Registry


function _M.new()
    local r = setmetatable({ list = {}, by_name = {}, by_key = {}, slugs = {} }, Registry)
    for _, b in ipairs(KNOWN) do
        r:add(b[1], b[2], b[3], true)
    end
    return r
end


-- Adds a brand (or returns the one of that name, case and accents aside). Returns the brand.
function Registry:add(name, origin, mfg, known)
    local key = text.fold(name):gsub("[^a-z0-9]", "")
    local b = self.by_key[key]
    if b then
        return b
    end
    local slug = text.slug(name, 60)
    if self.slugs[slug] then
        local n = 2
        while self.slugs[slug .. "-" .. n] do n = n + 1 end
        slug = slug .. "-" .. n
    end
    b = { id = #self.list + 1, name = name, slug = slug, origin = origin or "", mfg = mfg or origin or "",
          known = known or false, items = 0 }
    self.list[b.id] = b
    self.by_name[name] = b
    self.by_key[key] = b
    self.slugs[slug] = true
    return b
end


-- A known brand by its exact name; a typo in a generator table is a bug, so it errors.
function Registry:get(name)
    local b = self.by_name[name]
    if not b then
        error("brands: unknown brand " .. name, 2)
    end
    return b
end


-- The brand of a free-text name if one is registered (case and accents aside), else nil.
function Registry:find(name)
    local key = text.fold(name):gsub("[^a-z0-9]", "")
    return self.by_key[key]
end


return _M
