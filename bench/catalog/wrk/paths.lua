-- bench/catalog/wrk/paths.lua: wrk script of bench/catalog.sh. Each wrk thread cycles through the
-- lines of a file, formatted into requests once in init() so the client spends as little CPU as
-- possible per request.
--
--   wrk -s paths.lua URL -- FILE            each line is a path ("/vi/c/sua?page=3")
--   wrk -s paths.lua URL -- FILE PREFIX     each line is a query, URL-encoded after PREFIX
--                                           ("/api/v1/search?q=" .. "c%C3%A0%20ph%C3%AA")
-- Empty lines and lines starting with '#' are skipped.
local format = string.format

local requests, n, i = {}, 0, 0


local function encode(s)
    return (s:gsub("[^%w%-%._~]", function(c) return format("%%%02X", c:byte()) end))
end


function init(args)   -- luacheck: ignore 111
    local file, prefix = args[1], args[2]
    for line in io.lines(file) do
        if line ~= "" and line:sub(1, 1) ~= "#" then
            n = n + 1
            requests[n] = wrk.format("GET", prefix and prefix .. encode(line) or line)
        end
    end
    assert(n > 0, "no paths in " .. tostring(file))
end


function request()   -- luacheck: ignore 111
    i = i % n + 1
    return requests[i]
end
