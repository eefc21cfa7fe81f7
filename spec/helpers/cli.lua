-- spec/helpers/cli.lua: the `grocer` commands that deal with the database, for the specs of
-- migrate, psql, cluster and serve's start-up (10-migrate_spec, 11-cluster_spec): running a
-- command with its exit code and output, fresh databases on the test server, SQL through
-- `grocer psql`, temporary app folders, and finding (in teardown, stopping) the postgres
-- processes of a private cluster. spec/helpers/pgspec.lua is the database helper of the db specs.
--
-- It owns: the choice of server (DATABASE_URL, which make test sets, else a private cluster that
-- `grocer cluster start` makes in a temporary GROCER_VAR and `_M.teardown` removes), and the
-- temporary folders it makes (/tmp/grocer-clispec-*). It leaves every assertion to the specs.
--
-- Runs in the busted process (LuaJIT). Needs luaposix and lfs.
local lfs = require "lfs"
local server = require "spec.helpers.server"
local stdlib = require "posix.stdlib"
local signal = require "posix.signal"
local unistd = require "posix.unistd"
local stat = require "posix.sys.stat"

local str_format = string.format
local str_find = string.find
local str_gsub = string.gsub
local tbl_concat = table.concat


local _M = {}


local tmp_dirs = {}         -- folders made here, removed by teardown
local own_cluster           -- { var = GROCER_VAR, url = conninfo } when this helper started one


-- ---- small tools ----


local abs_path = server.abs_path
local read_file = server.read_file
_M.read_file = read_file
_M.write_file = server.write_file


-- A string quoted for /bin/sh.
local function q(s)
    return "'" .. str_gsub(tostring(s), "'", [['\'']]) .. "'"
end
_M.shell_quote = q


function _M.grocer_bin()
    return abs_path(os.getenv("GROCER_BIN") or "build/grocer")
end


-- A new empty folder under /tmp (mode 0700, or `mode`), removed by teardown (or rm_tmp).
function _M.tmpdir(mode)
    local dir = assert(stdlib.mkdtemp("/tmp/grocer-clispec-XXXXXX"))
    tmp_dirs[dir] = true
    if mode then
        assert(stat.chmod(dir, mode))
    end
    return dir
end


function _M.rm_tmp(dir)
    if dir and str_find(dir, "^/tmp/grocer%-clispec%-") then
        os.execute("rm -rf " .. q(dir))
        tmp_dirs[dir] = nil
    end
end


-- Runs `grocer ARGS...` with env (a map; "" makes grocer treat a variable as unset) in the folder
-- cwd (default: here), stdin from /dev/null. Returns the exit code, stdout and stderr.
function _M.grocer(args, env, cwd)
    local dir = _M.tmpdir()
    local parts = {}
    for k, v in pairs(env or {}) do
        parts[#parts + 1] = k .. "=" .. q(v)
    end
    local cmd = { "cd", q(cwd or lfs.currentdir()), "&&", "env", tbl_concat(parts, " "), q(_M.grocer_bin()) }
    for _, a in ipairs(args) do
        cmd[#cmd + 1] = q(a)
    end
    local line = tbl_concat(cmd, " ") .. " >" .. q(dir .. "/out") .. " 2>" .. q(dir .. "/err")
        .. " </dev/null; echo $? >" .. q(dir .. "/rc")
    os.execute(line)
    local rc = tonumber(read_file(dir .. "/rc") or "")
    local out, err = read_file(dir .. "/out") or "", read_file(dir .. "/err") or ""
    _M.rm_tmp(dir)
    return rc, out, err
end


-- ---- servers and databases ----


-- conninfo (keyword form or a postgres:// URI) with its database replaced by db.
function _M.with_dbname(conninfo, db)
    local pre, rest = conninfo:match("^(postgres[%w]*://[^/?]*)(.*)$")
    if pre then
        return pre .. "/" .. db .. (rest:match("%?.*$") or "")
    end
    return conninfo .. " dbname=" .. db
end


-- The server to test against: DATABASE_URL, else a private cluster started here (once).
function _M.server()
    local url = os.getenv("DATABASE_URL")
    if url and url ~= "" then
        return url
    end
    if not own_cluster then
        local var = _M.tmpdir() .. "/var"
        local rc, out, err = _M.grocer({ "cluster", "start" }, { GROCER_VAR = var, DATABASE_URL = "" })
        if rc ~= 0 then
            error("grocer cluster start failed (" .. tostring(rc) .. "): " .. err, 2)
        end
        own_cluster = { var = var, url = (out:gsub("%s+$", "")) }
    end
    return own_cluster.url
end


-- SQL on the database at conninfo, through `grocer psql -Atq`. Returns the output without its
-- last newline (NULL is ""), or nil and psql's error.
function _M.psql(conninfo, sql)
    local rc, out, err = _M.grocer({ "psql", "-X", "-Atq", "-v", "ON_ERROR_STOP=1", "-c", sql },
        { DATABASE_URL = conninfo })
    if rc ~= 0 then
        return nil, err
    end
    return (out:gsub("\n$", ""))
end


local db_seq = 0

-- A new empty database on the test server. Returns its conninfo and its name.
function _M.create_database(prefix)
    local base = _M.server()
    db_seq = db_seq + 1
    local name = str_format("%s_%d_%d_%d", prefix or "grocer_spec", unistd.getpid(), os.time(), db_seq)
    local ok, err = _M.psql(_M.with_dbname(base, "postgres"), "CREATE DATABASE " .. name)
    if not ok then
        error("cannot create database " .. name .. ": " .. tostring(err), 2)
    end
    return _M.with_dbname(base, name), name
end


function _M.drop_database(name)
    if name then
        _M.psql(_M.with_dbname(_M.server(), "postgres"), "DROP DATABASE IF EXISTS " .. name .. " WITH (FORCE)")
    end
end


-- ---- apps ----


-- A temporary app folder: a copy of spec/fixtures/app (scripts, templates, ...) and a
-- migrations/ folder holding `migrations` (a map file name -> SQL). Returns its path.
function _M.app(migrations)
    local dir = _M.tmpdir()
    os.execute("cp -R " .. q(abs_path("spec/fixtures/app")) .. "/. " .. q(dir))
    lfs.mkdir(dir .. "/migrations")
    for name, sql in pairs(migrations or {}) do
        _M.write_file(dir .. "/migrations/" .. name, sql)
    end
    return dir
end


-- ---- processes ----


-- The parent pid of pid, from /proc/PID/stat (nil when it is gone).
local function ppid_of(pid)
    local st = read_file("/proc/" .. pid .. "/stat")
    -- the name in parentheses may hold spaces and parentheses: the fields follow the last ')'
    return st and tonumber(st:match("^.*%)%s+%S+%s+(%d+)"))
end


-- Pids of the postgres postmasters whose data folder is under dir (their command line names it
-- with -D). A child the postmaster has just forked keeps the postmaster's command line until it
-- sets its own process title: a process whose parent is one of those found is such a child, not a
-- second postmaster, and is left out.
function _M.postmasters(dir)
    local found, parent = {}, {}
    for entry in lfs.dir("/proc") do
        local pid = tonumber(entry)
        local cmdline = pid and read_file("/proc/" .. entry .. "/cmdline")
        if cmdline and cmdline ~= "" then
            local args = {}
            for a in cmdline:gmatch("[^%z]+") do
                args[#args + 1] = a
            end
            if args[1] and args[1]:match("postgres$") then
                for i = 1, #args - 1 do
                    local ppid = args[i] == "-D" and args[i + 1]:sub(1, #dir) == dir and ppid_of(pid)
                    if ppid and not parent[pid] then     -- (no ppid: it has just exited)
                        found[#found + 1] = pid
                        parent[pid] = ppid
                    end
                end
            end
        end
    end
    local pids = {}
    for _, pid in ipairs(found) do
        if not parent[parent[pid]] then
            pids[#pids + 1] = pid
        end
    end
    return pids
end


-- The postmasters under dir still running after up to timeout seconds (default 10) of waiting for
-- them to be gone: {} once they are. `pg_ctl stop -w` returns when the postmaster has removed its
-- postmaster.pid, which it does just before it exits, so its process may outlive it for a moment
-- on a busy machine.
function _M.postmasters_gone(dir, timeout)
    local deadline = os.time() + (timeout or 10)
    local pids = _M.postmasters(dir)
    while #pids > 0 and os.time() <= deadline do
        os.execute("sleep 0.05")
        pids = _M.postmasters(dir)
    end
    return pids
end


-- The data folder of the private cluster of var, as `grocer cluster status` reports it (var/pg, or
-- /var/tmp/grocer-HASH/pg when the cluster had to move out of var).
function _M.data_dir(var)
    local _, out = _M.grocer({ "cluster", "status" }, { GROCER_VAR = var, DATABASE_URL = "" })
    return out:match("data:%s+([^\n]+)")
end


-- Removes what a spec left of the private cluster of var: `grocer cluster remove` (stop, delete
-- the data), then SIGQUIT and SIGKILL, by pid, to any postmaster still running on its data folder.
-- Returns the pids that had to be signalled.
function _M.remove_cluster(var)
    local data = _M.data_dir(var)
    _M.grocer({ "cluster", "remove" }, { GROCER_VAR = var, DATABASE_URL = "" })
    local left = data and _M.postmasters(data) or {}
    for _, pid in ipairs(left) do
        signal.kill(pid, signal.SIGQUIT)
    end
    if #left > 0 then
        os.execute("sleep 1")
        for _, pid in ipairs(_M.postmasters(data)) do
            signal.kill(pid, signal.SIGKILL)
        end
    end
    return left
end


-- Removes the cluster this helper started and every temporary folder (lazy_teardown).
function _M.teardown()
    if own_cluster then
        _M.remove_cluster(own_cluster.var)
        own_cluster = nil
    end
    for dir in pairs(tmp_dirs) do
        _M.rm_tmp(dir)
    end
end


return _M
