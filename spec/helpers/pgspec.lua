-- spec/helpers/pgspec.lua: PostgreSQL for the db integration specs (20-db_spec, 21-db_pool_spec,
-- 22-db_failure_spec). It owns: reading DATABASE_URL (a clear error when it is unset: those specs
-- never skip), running psql and programs without a shell (argv lists, output in files, exit
-- codes), running a program in the background (wrk during a restart), and a cluster of the spec's
-- own: initdb in a temporary folder (as the `postgres` user when the specs run as root, since
-- initdb refuses root), started on a Unix socket only, that the spec may stop, start and restart
-- without touching the shared test cluster, and removes in teardown.
--
-- Runs in the busted process (LuaJIT). Needs luaposix and luasocket; PostgreSQL's binaries are
-- looked up under /usr/lib/postgresql/*/bin (the newest version), then on PATH.
local socket = require "socket"
local server = require "spec.helpers.server"
local lfs = require "lfs"
local unistd = require "posix.unistd"
local wait = require "posix.sys.wait"
local signal = require "posix.signal"
local fcntl = require "posix.fcntl"
local stdlib = require "posix.stdlib"
local pwd = require "posix.pwd"

local str_format = string.format
local str_find = string.find
local tbl_sort = table.sort
local now = socket.gettime


local _M = {}


-- Clusters started and not yet destroyed, so a spec that dies half-way leaks no postmaster.
local live = {}


-- ---- small tools ----


local read_file = server.read_file
local write_file = server.write_file


-- The database the specs use. Fails the spec with a message saying what to do when unset.
function _M.url()
    local url = os.getenv("DATABASE_URL")
    if not url or url == "" then
        error("DATABASE_URL is not set: the database specs need a PostgreSQL they may create tables in. "
            .. "`make test` exports one for its throwaway cluster; to run a spec by hand, start a "
            .. "cluster and export DATABASE_URL (e.g. 'host=/tmp/pg port=5432 user=postgres dbname=grocer').", 2)
    end
    return url
end


-- The path of a PostgreSQL program: the newest /usr/lib/postgresql/N/bin/NAME, else NAME (PATH).
function _M.bin(name)
    local versions = {}
    if lfs.attributes("/usr/lib/postgresql", "mode") == "directory" then
        for entry in lfs.dir("/usr/lib/postgresql") do
            if tonumber(entry) and lfs.attributes("/usr/lib/postgresql/" .. entry .. "/bin/" .. name, "mode") then
                versions[#versions + 1] = tonumber(entry)
            end
        end
    end
    tbl_sort(versions)
    if #versions > 0 then
        return "/usr/lib/postgresql/" .. versions[#versions] .. "/bin/" .. name
    end
    return name
end


local function is_root()
    return unistd.geteuid() == 0
end


-- ---- running programs ----


-- Forks and execs argv (a list; argv[1] is looked up on PATH) with stdin from /dev/null and
-- stdout/stderr in the given files. opts.env: extra environment. Returns the pid.
local function spawn(argv, out_path, err_path, opts)
    io.stdout:flush()
    io.stderr:flush()
    local pid = unistd.fork()
    if pid == 0 then
        unistd.setpid("p", 0, 0)    -- own process group: a kill reaches its children too
        local out = fcntl.open(out_path, fcntl.O_WRONLY + fcntl.O_CREAT + fcntl.O_TRUNC, 420)
        local errf = fcntl.open(err_path, fcntl.O_WRONLY + fcntl.O_CREAT + fcntl.O_TRUNC, 420)
        local devnull = fcntl.open("/dev/null", fcntl.O_RDONLY)
        if out and errf and devnull then
            unistd.dup2(devnull, 0)
            unistd.dup2(out, 1)
            unistd.dup2(errf, 2)
        end
        for k, v in pairs(opts and opts.env or {}) do
            stdlib.setenv(k, v)
        end
        local args = {}
        for i = 2, #argv do
            args[i - 1] = argv[i]
        end
        unistd.execp(argv[1], args)
        unistd._exit(127)
    end
    if not pid then
        error("fork failed", 3)
    end
    return pid
end


local function temp_paths()
    local base = os.tmpname()
    return base, base .. ".out", base .. ".err"
end


local function collect(base, out_path, err_path)
    local out = read_file(out_path) or ""
    local err = read_file(err_path) or ""
    os.remove(base)
    os.remove(out_path)
    os.remove(err_path)
    return out, err
end


-- Runs argv to its end. Returns the exit code (-1 when killed), stdout and stderr.
function _M.run(argv, opts)
    local base, out_path, err_path = temp_paths()
    local pid = spawn(argv, out_path, err_path, opts)
    local _, how, code = wait.wait(pid)
    local out, err = collect(base, out_path, err_path)
    return how == "exited" and code or -1, out, err
end


-- Runs argv as the postgres user when the specs run as root (initdb and pg_ctl refuse root).
local function as_postgres(argv)
    if not is_root() then
        return argv
    end
    local full = { "runuser", "-u", "postgres", "--" }
    for _, a in ipairs(argv) do
        full[#full + 1] = a
    end
    return full
end


local Job = {}
Job.__index = Job


-- Starts argv in the background. Returns a job: job:wait(timeout) -> code, stdout, stderr (or
-- nil when it still runs after timeout seconds); job:kill() ends it and its process group.
function _M.background(argv, opts)
    local base, out_path, err_path = temp_paths()
    local pid = spawn(argv, out_path, err_path, opts)
    return setmetatable({ pid = pid, base = base, out_path = out_path, err_path = err_path }, Job)
end


function Job:wait(timeout)
    if self.code then
        return self.code, self.out, self.err
    end
    local deadline = now() + (timeout or 60)
    while true do
        local pid, how, code = wait.wait(self.pid, wait.WNOHANG)
        if pid == self.pid then
            self.code = how == "exited" and code or -1
            self.out, self.err = collect(self.base, self.out_path, self.err_path)
            return self.code, self.out, self.err
        end
        if now() >= deadline then
            return nil
        end
        socket.sleep(0.02)
    end
end


function Job:kill()
    if not self.code then
        pcall(signal.kill, -self.pid, signal.SIGKILL)
        self:wait(5)
    end
end


-- ---- psql ----


local FS = "\31"    -- field separator of psql's unaligned output (never in our data)


-- Runs SQL (one or more statements) with psql on url (default: DATABASE_URL), stopping at the
-- first error. Returns the rows of the last statement that returns any, as lists of strings
-- (NULL is ""), or nil and psql's error message.
function _M.psql(sql, url)
    url = url or _M.url()
    local file = os.tmpname()
    write_file(file, sql)
    local code, out, err = _M.run({ "psql", "-X", "-q", "-A", "-t", "-F", FS, "-v", "ON_ERROR_STOP=1",
        "-d", url, "-f", file })
    os.remove(file)
    if code ~= 0 then
        return nil, str_format("psql exit %s: %s%s", tostring(code), err, out)
    end
    local rows = {}
    for line in out:gmatch("[^\n]+") do
        local row = {}
        local i = 1
        while true do
            local j = str_find(line, FS, i, true)
            if not j then
                row[#row + 1] = line:sub(i)
                break
            end
            row[#row + 1] = line:sub(i, j - 1)
            i = j + 1
        end
        rows[#rows + 1] = row
    end
    return rows
end


-- Like psql, but fails the spec on error.
function _M.exec(sql, url)
    local rows, err = _M.psql(sql, url)
    if not rows then
        error(err, 2)
    end
    return rows
end


-- The first column of the first row (a string, nil when no row); fails the spec on error.
function _M.scalar(sql, url)
    local rows, err = _M.psql(sql, url)
    if not rows then
        error(err, 2)
    end
    return rows[1] and rows[1][1]
end


-- Connections that grocer (application_name 'grocer') holds to the database of url, not
-- counting the LISTEN connections (one per worker when the app listens).
function _M.grocer_connections(url)
    return tonumber(_M.scalar([[
        SELECT count(*) FROM pg_stat_activity
         WHERE application_name = 'grocer' AND datname = current_database()
           AND query NOT LIKE 'LISTEN %']], url))
end


-- Statements grocer is running now whose text contains `fragment` (state 'active').
function _M.grocer_active(fragment, url)
    -- the fragment is spec text, never user input; quote it for the LIKE all the same
    local pattern = "%" .. fragment:gsub("[%%_\\]", "\\%0"):gsub("'", "''") .. "%"
    return tonumber(_M.scalar(str_format([[
        SELECT count(*) FROM pg_stat_activity
         WHERE application_name = 'grocer' AND datname = current_database()
           AND state = 'active' AND query LIKE '%s']], pattern), url))
end


-- ---- a cluster of the spec's own ----


local Cluster = {}
Cluster.__index = Cluster


local function pg_ctl(self, ...)
    local argv = as_postgres({ _M.bin("pg_ctl"), "-D", self.data, ... })
    local code, out, err = _M.run(argv)
    return code == 0, out .. err
end


-- Starts the postmaster and waits until it accepts connections. Returns true or fails the spec.
function Cluster:start()
    local ok, out = pg_ctl(self, "start", "-w", "-t", "30", "-l", self.dir .. "/postgres.log", "-o",
        str_format("-p %d -k %s -c listen_addresses='' -c fsync=off -c max_connections=60", self.port, self.dir))
    if not ok then
        error("pg_ctl start failed: " .. out .. "\n" .. (read_file(self.dir .. "/postgres.log") or ""), 2)
    end
    self.running = true
    return true
end


-- Stops it (mode: "fast" by default, "immediate" for a crash). Returns true or fails the spec.
function Cluster:stop(mode)
    local ok, out = pg_ctl(self, "stop", "-w", "-t", "30", "-m", mode or "fast")
    if not ok then
        error("pg_ctl stop failed: " .. out, 2)
    end
    self.running = false
    return true
end


-- pg_ctl restart (fast shutdown, then start); returns when it accepts connections again.
function Cluster:restart()
    local ok, out = pg_ctl(self, "restart", "-w", "-t", "30", "-m", "fast", "-l", self.dir .. "/postgres.log",
        "-o", str_format("-p %d -k %s -c listen_addresses='' -c fsync=off -c max_connections=60",
            self.port, self.dir))
    if not ok then
        error("pg_ctl restart failed: " .. out .. "\n" .. (read_file(self.dir .. "/postgres.log") or ""), 2)
    end
    self.running = true
    return true
end


function Cluster:log()
    return read_file(self.dir .. "/postgres.log") or ""
end


-- Stops the postmaster if it runs and removes the folder (kept when GROCER_SPEC_KEEP is set).
function Cluster:destroy()
    if self.destroyed then
        return
    end
    self.destroyed = true
    live[self] = nil
    if lfs.attributes(self.data .. "/postmaster.pid", "mode") then
        pg_ctl(self, "stop", "-w", "-t", "30", "-m", "immediate")
    end
    self.running = false
    if not os.getenv("GROCER_SPEC_KEEP") and str_find(self.dir, "^/tmp/grocer%-pg%-") then
        _M.run({ "rm", "-rf", self.dir })
    end
end


-- initdb in a new folder under /tmp, start it on a Unix socket there, create database `grocer`.
-- Returns a cluster with .url (a conninfo string), :start(), :stop(mode), :restart(), :destroy().
function _M.start_cluster()
    local dir = assert(stdlib.mkdtemp("/tmp/grocer-pg-XXXXXX"))
    if is_root() then
        local pg = pwd.getpwnam("postgres")
        if not pg then
            error("running as root, and there is no postgres user to run PostgreSQL as", 2)
        end
        assert(unistd.chown(dir, pg.pw_uid, pg.pw_gid))
    end
    local self = setmetatable({
        dir = dir,
        data = dir .. "/data",
        port = server.free_port(),
    }, Cluster)
    live[self] = true
    local code, out, err = _M.run(as_postgres({ _M.bin("initdb"), "-D", self.data, "-A", "trust", "-U", "postgres",
        "--no-sync" }))
    if code ~= 0 then
        self:destroy()
        error("initdb failed: " .. out .. err, 2)
    end
    self:start()
    self.url = str_format("host=%s port=%d user=postgres dbname=grocer", dir, self.port)
    local rows, perr = _M.psql("CREATE DATABASE grocer", str_format("host=%s port=%d user=postgres dbname=postgres",
        dir, self.port))
    if not rows then
        self:destroy()
        error("CREATE DATABASE failed: " .. perr, 2)
    end
    return self
end


-- When the Lua state closes (busted exits) with clusters still running, stop them.
local guard = newproxy(true)
getmetatable(guard).__gc = function()
    for c in pairs(live) do
        pcall(c.destroy, c)
    end
end
_M._guard = guard


_M.read_file = read_file
_M.write_file = write_file


return _M
