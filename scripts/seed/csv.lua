-- scripts/seed/csv.lua: reads the seed's data files: RFC 4180 CSV (quotes only where needed,
-- "" inside quotes, LF line ends) and plain TSV (no quoting). Both return the rows as arrays of
-- strings and a header map name -> column number. Pure.
local find = string.find
local sub = string.sub
local gsub = string.gsub
local byte = string.byte
local error = error


local _M = {}


local QUOTE = byte('"')


-- Parses one CSV record starting at pos; returns the fields and the position after its line.
local function record(s, pos, len)
    local fields, n = {}, 0
    while true do
        n = n + 1
        if byte(s, pos) == QUOTE then
            -- quoted field: up to a quote not followed by another quote
            local i = pos + 1
            local parts, np = {}, 0
            while true do
                local q = find(s, '"', i, true)
                if not q then
                    error("csv: unterminated quote at byte " .. pos)
                end
                np = np + 1
                parts[np] = sub(s, i, q - 1)
                if byte(s, q + 1) == QUOTE then
                    np = np + 1
                    parts[np] = '"'
                    i = q + 2
                else
                    pos = q + 1
                    break
                end
            end
            fields[n] = table.concat(parts)
            local c = byte(s, pos)
            if c == 44 then          -- ','
                pos = pos + 1
            else                     -- '\n', '\r\n' or the end
                if c == 13 then pos = pos + 1 end
                return fields, pos + 1
            end
        else
            local comma = find(s, "[,\n]", pos)
            if not comma then
                fields[n] = gsub(sub(s, pos, len), "\r$", "")
                return fields, len + 1
            end
            local f = sub(s, pos, comma - 1)
            if byte(s, comma) == 44 then
                fields[n] = f
                pos = comma + 1
            else
                if byte(f, -1) == 13 then f = sub(f, 1, -2) end
                fields[n] = f
                return fields, comma + 1
            end
        end
    end
end


local function header_map(h)
    local cols = {}
    for i = 1, #h do
        cols[h[i]] = i
    end
    return cols
end


-- Splits a line without quotes on commas (plain finds: compiled by the JIT).
local function split_plain(line)
    local r, i, pos = {}, 0, 1
    while true do
        local c = find(line, ",", pos, true)
        i = i + 1
        if not c then
            r[i] = sub(line, pos)
            return r
        end
        r[i] = sub(line, pos, c - 1)
        pos = c + 1
    end
end


-- Iterates over the records of CSV text: for fields in csv.records(s) do ... end, the header
-- included. Lines without a quote take a fast path; a quoted record (which may span lines)
-- goes through record(). Streaming keeps the rows of a big file out of the heap at once.
function _M.records(s)
    local len = #s
    local pos = 1
    local q = find(s, '"', 1, true) or (len + 1)      -- the next quote at or after pos
    return function()
        if pos > len then
            return nil
        end
        local nl = find(s, "\n", pos, true) or (len + 1)
        if q < pos then
            q = find(s, '"', pos, true) or (len + 1)
        end
        local r
        if q < nl then
            r, pos = record(s, pos, len)
        else
            local e = nl - 1
            if byte(s, e) == 13 then e = e - 1 end
            r = split_plain(sub(s, pos, e))
            pos = nl + 1
        end
        return r
    end
end


-- The header of CSV text as a map name -> column number, and the iterator past it.
function _M.open(s)
    local it = _M.records(s)
    local head = it()
    return header_map(head or {}), it
end


-- CSV text -> rows (arrays, header row excluded), cols (name -> index).
function _M.parse_csv(s)
    local cols, it = _M.open(s)
    local rows, n = {}, 0
    for r in it do
        n = n + 1
        rows[n] = r
    end
    return rows, cols
end


-- TSV text -> rows, cols. Fields hold no tabs, quotes or newlines.
function _M.parse_tsv(s)
    local rows, n, head = {}, 0, nil
    for line in s:gmatch("([^\n]*)\n?") do
        if line ~= "" then
            local r, i, pos = {}, 0, 1
            while true do
                local tab = find(line, "\t", pos, true)
                i = i + 1
                r[i] = sub(line, pos, (tab or 0) - 1)
                if not tab then break end
                pos = tab + 1
            end
            if head then
                n = n + 1
                rows[n] = r
            else
                head = r
            end
        end
    end
    return rows, header_map(head or {})
end


return _M
