-- spec/helpers/catalog.lua: the demo catalog in the test database, for the specs that read it
-- (the catalog feed, the storefront, search relevance). ensure() applies the repository's
-- migrations to DATABASE_URL and runs `grocer seed` (a no-op on a seeded database), once per
-- busted run. Fails the spec with the command's output when either fails.
local pg = require "spec.helpers.pgspec"
local server = require "spec.helpers.server"

local _M = {}

_M.root = server.abs_path(".")

local done


function _M.ensure()
    if done then return end
    local url = pg.url()
    local bin = server.abs_path(os.getenv("GROCER_BIN") or "build/grocer")
    local env = { DATABASE_URL = url }
    for _, argv in ipairs({
        { bin, "migrate", "up", "--app", _M.root },
        { bin, "seed", "--app", _M.root },
    }) do
        local code, out, err = pg.run(argv, { env = env })
        if code ~= 0 then
            error(("%s %s failed (exit %s):\n%s%s"):format(argv[2], argv[3], tostring(code), out, err), 2)
        end
    end
    done = true
end


return _M
