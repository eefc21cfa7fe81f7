-- scripts/seed/product.lua: what every generator shares to describe one product: metric pack
-- sizes as printed ("500 g", "1.5 L", "6 x 330 ml"), shelf prices rounded the way Vietnamese
-- shops print them, and the product draft itself, with the defaults its category implies
-- (VAT, storage, shelf life). Pure; randomness comes from the caller's stream.
local floor = math.floor
local format = string.format
local gsub = string.gsub


local _M = {}


-- A quantity in g or ml as printed: "425 g", "2 kg", "1.36 kg", "330 ml", "1.5 L".
function _M.fmt_qty(q, unit)
    q = floor(q + 0.5)
    if q >= 1000 then
        local big = unit == "g" and "kg" or "L"
        if q % 1000 == 0 then
            return format("%d %s", q / 1000, big)
        end
        local s = gsub(format("%.2f", q / 1000), "0+$", "")
        return s .. " " .. big
    end
    return format("%d %s", q, unit)
end


-- size_text, net_quantity, net_unit and unit for `count` items of `q` g/ml each.
function _M.size(q, unit, count)
    count = count or 1
    q = floor(q + 0.5)
    if q < 1 then
        q = 1
    end
    if count > 1 then
        return count .. " x " .. _M.fmt_qty(q, unit), q * count, unit, "pack"
    end
    return _M.fmt_qty(q, unit), q, unit, "piece"
end


-- A shelf price: under 10,000 to 500 VND; under 100,000 to 1,000 (often ending in 900 or 500);
-- above to 1,000 with a 900 ending now and then; never below 1,000.
function _M.round_price(p, rng)
    if p < 1000 then
        return 1000
    end
    if p < 10000 then
        return floor(p / 500 + 0.5) * 500
    end
    local k = floor(p / 1000 + 0.5)
    local r = rng and rng:float() or 0.5
    if p < 100000 then
        if r < 0.35 then
            return k * 1000 - 100          -- 35.900
        elseif r < 0.5 then
            return k * 1000 - 500          -- 35.500
        end
        return k * 1000
    end
    if r < 0.3 then
        return k * 1000 - 100              -- 159.900
    end
    return k * 1000
end


-- Price for a pack of `q` g/ml at `per100` VND per 100 g/ml: bigger packs cost less per gram.
function _M.price_for(q, per100)
    local units = q / 100
    return per100 * units ^ 0.9
end


-- Popularity (the sales-rank input search ranks by) of a product whose line sells `base`:
-- base x 25, varied by +-60 %, at most 100,000 (the scale search/weights.lua expects; the
-- imported goods stay under 2,000, so the Vietnamese staples lead their searches).
function _M.popularity(rng, base)
    local v = floor(base * 25 * (0.4 + 1.2 * rng:float()))
    if v > 100000 then
        v = 100000
    end
    return v
end


-- Country names for descriptions.
_M.COUNTRY = {
    VN = { "Việt Nam", "Vietnam" }, US = { "Mỹ", "the United States" }, TH = { "Thái Lan", "Thailand" },
    JP = { "Nhật Bản", "Japan" }, KR = { "Hàn Quốc", "South Korea" }, CN = { "Trung Quốc", "China" },
    FR = { "Pháp", "France" }, DE = { "Đức", "Germany" }, NL = { "Hà Lan", "the Netherlands" },
    IT = { "Ý", "Italy" }, ES = { "Tây Ban Nha", "Spain" }, GB = { "Anh", "the United Kingdom" },
    AU = { "Úc", "Australia" }, NZ = { "New Zealand", "New Zealand" }, MY = { "Malaysia", "Malaysia" },
    ID = { "Indonesia", "Indonesia" }, SG = { "Singapore", "Singapore" }, PH = { "Philippines", "the Philippines" },
    TW = { "Đài Loan", "Taiwan" }, CH = { "Thụy Sĩ", "Switzerland" }, BE = { "Bỉ", "Belgium" },
    DK = { "Đan Mạch", "Denmark" }, SE = { "Thụy Điển", "Sweden" }, IE = { "Ireland", "Ireland" },
    CL = { "Chile", "Chile" }, MX = { "Mexico", "Mexico" }, HK = { "Hồng Kông", "Hong Kong" },
    AT = { "Áo", "Austria" }, CZ = { "Séc", "Czechia" }, PL = { "Ba Lan", "Poland" }, CA = { "Canada", "Canada" },
    ZA = { "Nam Phi", "South Africa" }, NO = { "Na Uy", "Norway" }, IN = { "Ấn Độ", "India" },
    BR = { "Brazil", "Brazil" }, EG = { "Ai Cập", "Egypt" }, PE = { "Peru", "Peru" },
}


return _M
