-- scripts/seed/stores.lua: the demo chain's stores (six branches in five provinces, with
-- province and ward codes from the vn-admin data, addresses in both languages, phone numbers
-- and opening hours) and the stock of every active product in every store: pieces, or grams
-- for goods sold by weight; some items out of stock. Pure.
local csv = require "seed.csv"
local random = require "seed.random"
local text = require "seed.text"

local floor = math.floor
local ipairs = ipairs
local error = error


local _M = {}


-- code, name (vi, en), province code, ward code, street (vi, number), phone, hours, size factor
local STORES = {
    { "HCM01", "Bến Thành", "Ben Thanh", "79", "26743", "Nam Kỳ Khởi Nghĩa", "135", "028 3822 5168", "07:00",
        "22:00", 1.6 },
    { "HN01", "Cầu Giấy", "Cau Giay", "01", "00166", "Xuân Thủy", "241", "024 3795 2288", "07:00", "22:00",
        1.4 },
    { "HCM02", "Tân Mỹ", "Tan My", "79", "27487", "Nguyễn Văn Linh", "1058", "028 5412 3399", "07:30", "22:00",
        1.2 },
    { "DN01", "Hải Châu", "Hai Chau", "48", "20242", "Hùng Vương", "255", "0236 3823 456", "07:00", "21:30",
        1.0 },
    { "CT01", "Ninh Kiều", "Ninh Kieu", "92", "31135", "Đại lộ Hòa Bình", "52", "0292 3812 789", "07:00",
        "21:30", 0.9 },
    { "HP01", "Lê Chân", "Le Chan", "31", "11383", "Tô Hiệu", "108", "0225 3856 123", "07:30", "21:30", 0.8 },
}


-- "Đại lộ Hòa Bình" -> "Hoa Binh Boulevard"; "Xuân Thủy" -> "Xuan Thuy Street".
local function street_en(vi)
    local rest = vi:match("^Đại lộ (.+)$")
    local ascii = text.title(text.fold(rest or vi))
    return ascii .. (rest and " Boulevard" or " Street")
end


-- provinces_csv, wards_csv: the vn-admin files. Returns store rows.
function _M.stores(provinces_csv, wards_csv)
    local prov_rows, pc = csv.parse_csv(provinces_csv)
    local ward_rows, wc = csv.parse_csv(wards_csv)
    local provinces, wards = {}, {}
    for _, r in ipairs(prov_rows) do provinces[r[pc.code]] = r end
    for _, r in ipairs(ward_rows) do wards[r[wc.code]] = r end
    local out = {}
    for i, s in ipairs(STORES) do
        local prov, ward = provinces[s[4]], wards[s[5]]
        if not prov or not ward or ward[wc.province_code] ~= s[4] then
            error("stores: no ward " .. s[5] .. " in province " .. s[4])
        end
        out[i] = {
            id = i, code = s[1],
            name_vi = "Grocer " .. s[2], name_en = "Grocer " .. s[3],
            province_code = s[4], ward_code = s[5],
            address_vi = s[7] .. " " .. s[6] .. ", " .. ward[wc.full_name] .. ", " .. prov[pc.full_name],
            address_en = s[7] .. " " .. street_en(s[6]) .. ", " .. ward[wc.full_name_en] .. ", "
                .. prov[pc.full_name_en],
            phone = s[8], opens_at = s[9], closes_at = s[10], pickup = true, active = true, size = s[11],
        }
    end
    return out
end


-- Calls emit(store_id, product_id, on_hand, reserved) for every active product in every store.
-- Returns the number of rows and of out-of-stock rows.
function _M.stock(products, stores, emit)
    -- what a product holds in a typical store (pieces, or grams for kg goods) and how likely
    -- it is to be out: drawn once per product, then varied per store
    local base, out_p = {}, {}
    local prng = random.new("stock-base")
    for i, p in ipairs(products) do
        if p.unit == "kg" then
            -- grams: a few kilos for slow lines, tens of kilos for staples
            local kilos = 2 + prng:pareto(1.8, 1) * (p.popularity > 1000 and 6 or 2)
            base[i] = (kilos > 80 and 80 or kilos) * 1000
        else
            local n = 4 + prng:pareto(1.6, 3)
            if p.popularity > 2000 then n = n * 3 end
            base[i] = n > 400 and 400 or n
        end
        out_p[i] = p.origin ~= "VN" and 0.07 or 0.04
    end
    local rows, zero = 0, 0
    for _, st in ipairs(stores) do
        local float = random.minstd("stock", st.id)
        local size = st.size
        local scarce = 0.03 / size
        for i, p in ipairs(products) do
            if p.active then
                local r = float()
                local on_hand = 0
                if r >= out_p[i] + (out_p[i] > 0.05 and scarce or 0) then
                    -- r is uniform above the cut: reuse it as the store's variation (0.5x .. 1.5x)
                    on_hand = floor(base[i] * size * (0.5 + r))
                    if on_hand < 1 then on_hand = 1 end
                else
                    zero = zero + 1
                end
                rows = rows + 1
                emit(st.id, p.id, on_hand, 0)
            end
        end
    end
    return rows, zero
end


return _M
