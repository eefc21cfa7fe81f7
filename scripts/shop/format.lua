-- scripts/shop/format.lua: how the shop writes prices, unit prices, price bands and stock levels.
-- Pure: numbers in, numbers and strings out; texts that depend on the language come from the
-- caller's translator t. Money is integer VND ("25.000 ₫", as Vietnamese shoppers read it).
local util = require "grocer.util"

local floor = math.floor
local format_vnd = util.format_vnd
local tonumber = tonumber


local _M = {}


_M.vnd = format_vnd


-- Integer division rounded half up, for non-negative integers.
local function div_round(a, b)
    return floor((a + floor(b / 2)) / b)
end


-- The price as shown: "25.000 ₫", or for goods sold by weight "120.000 ₫/kg".
function _M.price_text(price, unit)
    if unit == "kg" then
        return format_vnd(price) .. "/kg"
    end
    return format_vnd(price)
end


-- unit_price(price, unit, net_quantity, net_unit) -> amount, per; or nil when it does not apply.
-- per is "kg" or "l", or "100g" / "100ml" for packs under 100 g or 100 ml, where a price per kg
-- would be a large, unfamiliar number. For goods sold by weight the price is already per kg.
function _M.unit_price(price, unit, net_quantity, net_unit)
    if unit == "kg" then
        return price, "kg"
    end
    local q = tonumber(net_quantity)
    if not q or q <= 0 or (net_unit ~= "g" and net_unit ~= "ml") then
        return nil
    end
    if q < 100 then
        return div_round(price * 100, q), net_unit == "g" and "100g" or "100ml"
    end
    return div_round(price * 1000, q), net_unit == "g" and "kg" or "l"
end


-- The price per kg or per litre, for sorting (nil when unknown: those sort last).
function _M.price_per_base(price, unit, net_quantity, net_unit)
    if unit == "kg" then
        return price
    end
    local q = tonumber(net_quantity)
    if not q or q <= 0 or (net_unit ~= "g" and net_unit ~= "ml") then
        return nil
    end
    return div_round(price * 1000, q)
end


-- The view of a unit price: {amount = "50.000 ₫", per = "kg"}; the template writes "/kg",
-- "/lít", "/100 g" from t("shop.per." .. per). nil when there is none.
function _M.unit_price_view(price, unit, net_quantity, net_unit)
    local amount, per = _M.unit_price(price, unit, net_quantity, net_unit)
    if not amount then
        return nil
    end
    return { amount = format_vnd(amount), per = per }
end


-- Whole percent saved on a promotion: 25 for 75.000 instead of 100.000. nil without one.
function _M.percent_off(price, list_price)
    if not list_price or list_price <= price then
        return nil
    end
    return div_round((list_price - price) * 100, list_price)
end


-- ---- stock ----

-- Below this much a product shows "only a few left": pieces, or grams for goods sold by weight.
_M.LOW_PIECES = 5
_M.LOW_GRAMS = 2000


-- "in", "low" or "out" for an available quantity (pieces, or grams when unit is "kg").
function _M.stock_level(available, unit)
    if not available or available <= 0 then
        return "out"
    end
    if available <= (unit == "kg" and _M.LOW_GRAMS or _M.LOW_PIECES) then
        return "low"
    end
    return "in"
end


-- ---- price bands (VND, prices including VAT; per kg for goods sold by weight) ----

_M.BANDS = {
    { key = "0-20000", min = 0, max = 20000 },
    { key = "20000-50000", min = 20000, max = 50000 },
    { key = "50000-100000", min = 50000, max = 100000 },
    { key = "100000-200000", min = 100000, max = 200000 },
    { key = "200000-500000", min = 200000, max = 500000 },
    { key = "500000-", min = 500000 },
}
local BAND_BY_KEY = {}
for i, band in ipairs(_M.BANDS) do
    band.index = i
    BAND_BY_KEY[band.key] = band
end


-- The band record for a ?price= value, or nil for an unknown one.
function _M.band(key)
    return BAND_BY_KEY[key]
end


-- Index in BANDS of the band a price falls in (min inclusive, max exclusive).
function _M.band_index(price)
    local bands = _M.BANDS
    for i = 1, #bands - 1 do
        if price < bands[i].max then
            return i
        end
    end
    return #bands
end


-- The view of a band for its label: {key, kind = "under" | "between" | "over", min, max} with
-- min and max written as prices; the template picks t("shop.price." .. kind, band).
function _M.band_view(band)
    local kind = band.min == 0 and "under" or (band.max and "between" or "over")
    return { key = band.key, kind = kind, min = format_vnd(band.min),
             max = band.max and format_vnd(band.max) or nil }
end


-- ---- weights and volumes ----

-- "1,5 kg" / "1.5 kg" style quantities for grams (kg products' stock), with the decimal mark of
-- the language ("," in Vietnamese).
function _M.grams_text(grams, lang)
    if grams < 1000 then
        return grams .. " g"
    end
    local tenths = div_round(grams, 100)
    local whole, frac = floor(tenths / 10), tenths % 10
    if frac == 0 then
        return whole .. " kg"
    end
    return whole .. (lang == "vi" and "," or ".") .. frac .. " kg"
end


return _M
