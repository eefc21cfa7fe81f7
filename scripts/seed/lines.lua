-- scripts/seed/lines.lua: expands the product lines of the generated catalog (seed/lines/*.lua:
-- a brand's range, its variants and its pack sizes, with shelf prices) into product drafts.
-- Every variant x size combination becomes a product unless the line says it is only
-- partly stocked (keep < 1, drawn from the line's own stream). Pure.
local product = require "seed.product"
local random = require "seed.random"
local text = require "seed.text"

local find = string.find
local gsub = string.gsub
local ipairs = ipairs
local type = type
local pairs = pairs
local floor = math.floor


local _M = {}


-- Line fields: [1] category slug, [2] brand name (or false), [3] Vietnamese name, [4] English
-- name ("%s" marks where the variant goes, else it is appended), v = variants {vi, en, k =
-- price factor, d = dietary, p = popularity factor}, s = sizes {quantity, "g" | "ml", price
-- VND, count, vi = name suffix, en = name suffix}, keep, pop (base popularity), and product
-- fields to set: st, per, life {min, max}, d (dietary), abv, age, vat, origin.
local function fill(template, variant)
    if find(template, "%s", 1, true) then
        return (gsub(template, "%%s", (gsub(variant, "%%", "%%%%"))))
    end
    if variant == "" then
        return template
    end
    return template .. " " .. variant
end


local function tidy(s)
    return (gsub(gsub(gsub(s, "%s+", " "), "^ ", ""), " $", ""))
end


local NO_VARIANT = { { "", "" } }


-- Categories whose single items are also sold as "combo" packs of 2 or 3 (a separate SKU,
-- a little cheaper per item), with the chance a given item has one.
local COMBO = {}
for c in ([[bot-giat-nuoc-giat nuoc-xa-vai nuoc-rua-chen tay-rua-lau-chui giay-khan-giay tui-rac-mang-boc
    diet-con-trung-xit-phong dau-goi-dau-xa sua-tam-xa-bong cham-soc-rang-mieng cham-soc-da khu-mui-nuoc-hoa
    nuoc-rua-tay bang-ve-sinh ta-bim khan-uot-em-be tam-goi-em-be sua-cong-thuc an-dam dau-an nuoc-mam
    nuoc-tuong-dau-hao tuong-ot-tuong-ca hat-nem-bot-ngot ca-phe tra snack banh-quy banh-quy-man-banh-gao keo
    hat-trai-cay-say sua-dac-sua-bot gao muoi-tieu-gia-vi do-hop]]):gmatch("%S+") do
    COMBO[c] = true
end


-- lines: array of line tables; brands: registry. Returns drafts.
function _M.expand(lines, brands, stream)
    local out = {}
    local rng = random.new(stream or "lines")
    for li, line in ipairs(lines) do
        local cat, bname, vi, en = line[1], line[2], line[3], line[4]
        local brand = bname and brands:get(bname) or nil
        local variants = line.v or NO_VARIANT
        local keep = line.keep or 1
        local lrng = random.new(vi, li)
        for _, v in ipairs(variants) do
            for _, s in ipairs(line.s) do
                if keep >= 1 or lrng:chance(keep) then
                    local size_text, net_q, net_u, unit
                    if s[2] == "pcs" then      -- counted goods: no net quantity
                        local n = s[4] or 1
                        size_text, unit = n > 1 and (n .. " pcs") or "", n > 1 and "pack" or "piece"
                    else
                        size_text, net_q, net_u, unit = product.size(s[1], s[2], s[4])
                    end
                    local suffix_vi = s.vi or size_text
                    local suffix_en = s.en or size_text
                    if line.nosize then suffix_vi, suffix_en = "", "" end
                    local price = s[3] * (v.k or 1) * (line.k or 1)
                    local d = v.d or line.d
                    local draft = {
                        name_vi = text.upper_first(tidy(fill(vi, v[1]) .. " " .. suffix_vi)),
                        name_en = tidy(fill(en, v[2]) .. " " .. suffix_en),
                        cat = cat, brand = brand,
                        unit = s.unit or unit, size_text = size_text, net_quantity = net_q, net_unit = net_u,
                        price_vnd = product.round_price(price * rng:jitter(0.02), rng),
                        storage = line.st, perishable = line.per, life = line.life,
                        dietary = type(d) == "table" and d or nil,
                        abv = v.abv or line.abv, age_restricted = line.age, vat = line.vat,
                        origin = line.origin or (brand and brand.origin) or "VN",
                        popularity = product.popularity(rng, (line.pop or 200) * (v.p or 1) * (s.p or 1)),
                        line = li,
                    }
                    out[#out + 1] = draft
                    if COMBO[cat] and line.combo ~= false and (s[4] or 1) == 1 and s[2] ~= "pcs" then
                        for _, n in ipairs{ 2, 3 } do
                            if lrng:chance(n == 2 and 0.55 or 0.3) then
                                local st, q, u = product.size(s[1], s[2], n)
                                local c = {}
                                for k, val in pairs(draft) do c[k] = val end
                                c.name_vi = "Combo " .. n .. " " .. text.lower_first(tidy(fill(vi,
                                    v[1]))) .. " " .. suffix_vi
                                c.name_en = tidy(fill(en, v[2])) .. " " .. suffix_en .. ", pack of " .. n
                                c.size_text, c.net_quantity, c.net_unit, c.unit = st, q, u, "pack"
                                c.price_vnd = product.round_price(price * n * (n == 2 and 0.96 or 0.93), rng)
                                c.popularity = floor(draft.popularity * 0.4)
                                out[#out + 1] = c
                            end
                        end
                    end
                end
            end
        end
    end
    return out
end


return _M
