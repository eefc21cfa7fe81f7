-- scripts/seed/copy.lua: PostgreSQL COPY text format for the seed: escaping one value, building
-- rows, and a writer that hands ctx.copy() chunks of many thousand rows. Also the inverse
-- (unescape, parse) for the unit spec. Pure apart from the ctx.copy calls the writer makes.
--
-- Format: one row per line, columns separated by a tab, NULL as \N, and in a value a backslash,
-- tab, newline and carriage return written as \\ \t \n \r. Lua values map as: nil (or
-- copy.NULL) -> \N, true/false -> t/f, integers -> decimal digits, strings as they are, and an
-- array table -> a PostgreSQL array literal {a,"b c"}.
local concat = table.concat
local find = string.find
local format = string.format
local gsub = string.gsub
local floor = math.floor
local type = type
local tostring = tostring
local error = error


local _M = {}


_M.NULL = setmetatable({}, { __tostring = function() return "copy.NULL" end })


local ESC = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }


-- Does a string hold a character COPY must escape? (Plain finds: the JIT compiles them.)
local function needs_escape(s)
    return find(s, "\\", 1, true) or find(s, "\t", 1, true) or find(s, "\n", 1, true) or find(s, "\r", 1, true)
end


-- One text value escaped for COPY.
local function escape_text(s)
    if needs_escape(s) then
        return (gsub(s, "[\\\t\n\r]", ESC))
    end
    return s
end
_M.escape_text = escape_text


-- An element of an array literal: quoted when empty, NULL-like or holding special characters.
local function array_elem(v)
    if v == nil or v == _M.NULL then
        return "NULL"
    end
    v = tostring(v)
    if v == "" or find(v, '[{},"\\%s]') or v:upper() == "NULL" then
        return '"' .. gsub(v, '(["\\])', "\\%1") .. '"'
    end
    return v
end


-- One Lua value as a COPY field.
local function field(v)
    if v == nil or v == _M.NULL then
        return "\\N"
    end
    local t = type(v)
    if t == "string" then
        if needs_escape(v) then
            return (gsub(v, "[\\\t\n\r]", ESC))
        end
        return v
    elseif t == "number" then
        if v == floor(v) and v > -1e14 and v < 1e14 then
            return tostring(v)             -- integers print without exponent below 1e14
        elseif v == floor(v) and v > -2^53 and v < 2^53 then
            return format("%d", v)
        end
        return format("%.17g", v)
    elseif t == "boolean" then
        return v and "t" or "f"
    elseif t == "table" then
        local parts = {}
        for i = 1, #v do
            parts[i] = array_elem(v[i])
        end
        return escape_text("{" .. concat(parts, ",") .. "}")
    end
    error("copy: cannot write a " .. t, 2)
end
_M.field = field


-- One row (an array of n values, nil allowed) as a line with its newline.
function _M.row(values, n)
    local parts = {}
    for i = 1, n do
        parts[i] = field(values[i])
    end
    return concat(parts, "\t") .. "\n"
end


-- ---- writer ----


local Writer = {}
Writer.__index = Writer


-- A writer for one table: w:add(values) buffers a row, w:close() sends what is left.
-- columns is an array of column names. chunk: rows per ctx.copy call (default 20,000).
function _M.writer(ctx, table_name, columns, chunk)
    return setmetatable({
        ctx = ctx, table_name = table_name, columns = concat(columns, ","), ncols = #columns,
        chunk = chunk or 20000, buf = {}, nbuf = 0, rows = 0,
    }, Writer)
end


function Writer:add(values)
    local n = self.ncols
    local parts = {}
    for i = 1, n do
        parts[i] = field(values[i])
    end
    local nbuf = self.nbuf + 1
    self.buf[nbuf] = concat(parts, "\t")
    self.nbuf = nbuf
    self.rows = self.rows + 1
    if nbuf >= self.chunk then
        self:flush()
    end
end


function Writer:flush()
    if self.nbuf == 0 then
        return
    end
    local text = concat(self.buf, "\n", 1, self.nbuf) .. "\n"
    self.buf = {}
    self.nbuf = 0
    self.ctx.copy(self.table_name, self.columns, text)
end


-- Sends the rest; returns the number of rows written.
function Writer:close()
    self:flush()
    return self.rows
end


-- ---- reading back (specs) ----


local UNESC = { ["\\"] = "\\", t = "\t", n = "\n", r = "\r", b = "\b", f = "\f", v = "\v" }


-- A COPY field back to a string, or nil for \N.
local function unesc_char(c)
    return UNESC[c] or c
end


function _M.unescape(s)
    if not find(s, "\\", 1, true) then
        return s
    elseif s == "\\N" then
        return nil
    end
    return (gsub(s, "\\(.)", unesc_char))
end


-- COPY text back to an array of rows, each an array of strings (nil for NULL; ncols fixes
-- the width so a trailing NULL is kept).
function _M.parse(text, ncols)
    local rows = {}
    for line in text:gmatch("([^\n]*)\n") do
        local row, i, pos = {}, 0, 1
        while true do
            local tab = find(line, "\t", pos, true)
            i = i + 1
            row[i] = _M.unescape(line:sub(pos, (tab or 0) - 1))
            if not tab then
                break
            end
            pos = tab + 1
        end
        row.n = ncols or i
        rows[#rows + 1] = row
    end
    return rows
end


return _M
