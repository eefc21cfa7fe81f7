-- spec/helpers/server.lua: starts and stops the real `grocer` binary for the integration specs in
-- spec/03-integration, and talks HTTP/1.1 to it byte for byte.
--
-- It owns: picking a free loopback port, spawning `$GROCER_BIN serve` (default build/grocer) in its
-- own process group with stdout and stderr in files under a temporary folder, waiting for /healthz,
-- stopping it without leaking a process (nor, when it ran without DATABASE_URL, its private
-- PostgreSQL cluster), a small HTTP client over luasocket (exact bytes out,
-- Content-Length, chunked and close-delimited bodies in, keep-alive and pipelining), a Prometheus
-- text parser and a poller (`wait_until`). It leaves every assertion to the specs.
--
-- Runs in the busted process (LuaJIT). Needs luasocket, luaposix, lua-cjson and lfs.
local socket = require "socket"
local cjson = require "cjson.safe"
local lfs = require "lfs"
local unistd = require "posix.unistd"
local wait = require "posix.sys.wait"
local signal = require "posix.signal"
local fcntl = require "posix.fcntl"
local stdlib = require "posix.stdlib"

local str_find = string.find
local str_sub = string.sub
local str_lower = string.lower
local str_format = string.format
local tbl_concat = table.concat
local tbl_insert = table.insert
local tbl_remove = table.remove
local tbl_sort = table.sort
local now = socket.gettime


local _M = {}


-- Servers started and not yet stopped, so a spec that dies half-way leaks nothing (see the proxy
-- at the bottom of this file).
local live = {}


-- ---- small tools ----


local function read_file(path)
    local f = io.open(path, "rb")
    if not f then
        return nil
    end
    local data = f:read("*a")
    f:close()
    return data
end
_M.read_file = read_file


local function tail(text, max)
    text = text or ""
    max = max or 4000
    if #text > max then
        return "..." .. str_sub(text, -max)
    end
    return text
end


local function abs_path(path)
    if str_sub(path, 1, 1) == "/" then
        return path
    end
    return lfs.currentdir() .. "/" .. path
end
_M.abs_path = abs_path


function _M.write_file(path, data)
    local f = assert(io.open(path, "wb"))
    assert(f:write(data))
    assert(f:close())
end


-- Calls fn until it returns a truthy value, and returns that value. Fails the spec with msg
-- (and fn's last second result, if any) after timeout seconds (default 5).
function _M.wait_until(fn, timeout, msg, step)
    timeout = timeout or 5
    step = step or 0.02
    local deadline = now() + timeout
    local last_err
    while true do
        local ok, res, err = pcall(fn)
        if ok and res then
            return res
        end
        last_err = ok and err or res
        if now() >= deadline then
            error(str_format("wait_until: %s not true after %.2f s%s", msg or "condition", timeout,
                last_err and (": " .. tostring(last_err)) or ""), 2)
        end
        socket.sleep(step)
    end
end


-- A port nothing listens on now: bind port 0, read the port, close.
function _M.free_port()
    local s = assert(socket.tcp())
    assert(s:bind("127.0.0.1", 0))
    local _, port = s:getsockname()
    s:close()
    return tonumber(port)
end


-- ---- HTTP client ----


local Conn = {}
Conn.__index = Conn


-- Opens a TCP connection to 127.0.0.1:port. Returns a connection, or nil and the error
-- ("connection refused", ...).
function _M.connect(port, timeout)
    local sock = socket.tcp()
    sock:settimeout(timeout or 5)
    local ok, err = sock:connect("127.0.0.1", port)
    if not ok then
        sock:close()
        return nil, err
    end
    sock:setoption("tcp-nodelay", true)
    sock:settimeout(0)
    return setmetatable({
        sock = sock,
        port = port,
        buf = "",
        eof = nil,          -- "closed" or the reset error once the server has gone
        methods = {},       -- methods of requests sent and not yet answered (HEAD has no body)
        timeout = timeout or 5,
    }, Conn)
end


-- Sends exact bytes. Returns true, or nil and the error.
function Conn:send(bytes)
    self.sock:settimeout(self.timeout)
    local i = 1
    while i <= #bytes do
        local last, err, partial = self.sock:send(bytes, i)
        if not last then
            self.sock:settimeout(0)
            return nil, err, partial
        end
        i = last + 1
    end
    self.sock:settimeout(0)
    return true
end


-- Reads whatever has arrived into self.buf, waiting until deadline for at least one byte.
-- Returns true, or nil and "timeout" / "closed" / a reset error.
function Conn:fill(deadline)
    if self.eof then
        return nil, self.eof
    end
    while true do
        if not self.sock:dirty() then
            local remaining = deadline - now()
            if remaining <= 0 then
                return nil, "timeout"
            end
            local r = socket.select({ self.sock }, nil, remaining)
            if not r or #r == 0 then
                return nil, "timeout"
            end
        end
        local data, err, partial = self.sock:receive(8192)
        data = data or partial
        if err and err ~= "timeout" then
            self.eof = err
        end
        if data and #data > 0 then
            self.buf = self.buf .. data
            return true
        end
        if self.eof then
            return nil, self.eof
        end
    end
end


local function deadline_of(self, opts)
    return now() + (opts and opts.timeout or self.timeout)
end


-- One line without its CRLF (a bare LF also ends it), or nil and the error.
function Conn:read_line(deadline)
    while true do
        local i = str_find(self.buf, "\n", 1, true)
        if i then
            local line = str_sub(self.buf, 1, i - 1)
            self.buf = str_sub(self.buf, i + 1)
            if str_sub(line, -1) == "\r" then
                line = str_sub(line, 1, -2)
            end
            return line
        end
        local ok, err = self:fill(deadline)
        if not ok then
            return nil, err
        end
    end
end


-- Exactly n bytes, or nil, the error and what arrived.
function Conn:read_n(n, deadline)
    while #self.buf < n do
        local ok, err = self:fill(deadline)
        if not ok then
            local partial = self.buf
            self.buf = ""
            return nil, err, partial
        end
    end
    local data = str_sub(self.buf, 1, n)
    self.buf = str_sub(self.buf, n + 1)
    return data
end


-- Everything until the server closes (or the deadline passes). Returns the bytes and the reason
-- reading stopped ("closed", "timeout", or a reset error).
function Conn:read_all(deadline)
    local why
    while true do
        local ok, err = self:fill(deadline)
        if not ok then
            why = err
            break
        end
    end
    local data = self.buf
    self.buf = ""
    return data, why
end


-- Whether the server closes the connection within timeout seconds (default 5). Bytes that arrive
-- meanwhile are kept in the buffer (second result: them).
function Conn:wait_closed(timeout)
    local deadline = now() + (timeout or 5)
    while true do
        local ok, err = self:fill(deadline)
        if not ok then
            return err ~= "timeout", self.buf, err
        end
    end
end


-- Builds the bytes of a request. headers: a map, or a list of {name, value} pairs (kept in
-- order, duplicates allowed). Adds Host, and Content-Length when a body is given and neither
-- Content-Length nor Transfer-Encoding is set.
function _M.build_request(method, path, headers, body, port)
    local lines = { method .. " " .. path .. " HTTP/1.1" }
    local have = {}
    local list = {}
    if headers then
        if headers[1] then
            list = headers
        else
            local names = {}
            for k in pairs(headers) do
                names[#names + 1] = k
            end
            tbl_sort(names)
            for _, k in ipairs(names) do
                list[#list + 1] = { k, headers[k] }
            end
        end
    end
    for _, h in ipairs(list) do
        have[str_lower(h[1])] = true
    end
    if not have.host then
        lines[#lines + 1] = "Host: 127.0.0.1" .. (port and (":" .. port) or "")
    end
    for _, h in ipairs(list) do
        lines[#lines + 1] = h[1] .. ": " .. tostring(h[2])
    end
    if body and not have["content-length"] and not have["transfer-encoding"] then
        lines[#lines + 1] = "Content-Length: " .. #body
    end
    return tbl_concat(lines, "\r\n") .. "\r\n\r\n" .. (body or "")
end


-- Sends one request (see build_request) and remembers its method for read_response.
function Conn:send_request(method, path, headers, body)
    tbl_insert(self.methods, method)
    return self:send(_M.build_request(method, path, headers, body, self.port))
end


-- Reads a status line and headers. Returns a response table without body:
-- { status, reason, version, headers = {lowercase name -> value, repeated ones joined by ", "},
--   header_list = {{name, value}, ...}, cookies = {Set-Cookie values} }, or nil and the error.
function Conn:read_head(opts)
    local deadline = deadline_of(self, opts)
    local line, err = self:read_line(deadline)
    if not line then
        return nil, err
    end
    local version, status, reason = line:match("^(HTTP/%d%.%d) (%d%d%d) ?(.*)$")
    if not version then
        return nil, "bad status line: " .. line
    end
    local res = {
        status = tonumber(status),
        reason = reason,
        version = version,
        status_line = line,
        headers = {},
        header_list = {},
        cookies = {},
    }
    while true do
        line, err = self:read_line(deadline)
        if not line then
            return nil, "headers cut: " .. tostring(err)
        end
        if line == "" then
            break
        end
        local name, value = line:match("^([^:]+):%s*(.-)%s*$")
        if not name then
            return nil, "bad header line: " .. line
        end
        local lname = str_lower(name)
        res.header_list[#res.header_list + 1] = { name, value }
        if lname == "set-cookie" then
            res.cookies[#res.cookies + 1] = value
        end
        if res.headers[lname] then
            res.headers[lname] = res.headers[lname] .. ", " .. value
        else
            res.headers[lname] = value
        end
    end
    return res
end


-- Reads one chunk of a chunked body: returns its data ("" for the last chunk, after which the
-- trailers are read), or nil and the error.
function Conn:read_chunk(opts)
    local deadline = deadline_of(self, opts)
    local line, err = self:read_line(deadline)
    if not line then
        return nil, err
    end
    local size = tonumber(line:match("^(%x+)"), 16)
    if not size then
        return nil, "bad chunk size line: " .. line
    end
    if size == 0 then
        repeat
            line, err = self:read_line(deadline)
            if not line then
                return nil, err
            end
        until line == ""
        return ""
    end
    local data, rerr = self:read_n(size, deadline)
    if not data then
        return nil, rerr
    end
    local crlf = self:read_n(2, deadline)
    if crlf ~= "\r\n" then
        return nil, "chunk not followed by CRLF"
    end
    return data
end


-- Reads one whole response (1xx included: a 100 Continue is returned as its own response).
-- opts.method overrides the remembered method (HEAD: no body). Adds res.body and res.chunks
-- (for chunked bodies). Returns res, or nil and the error.
function Conn:read_response(opts)
    local res, err = self:read_head(opts)
    if not res then
        return nil, err
    end
    if res.status < 200 then
        return res
    end
    local method = opts and opts.method or tbl_remove(self.methods, 1)
    local deadline = deadline_of(self, opts)
    local h = res.headers
    if method == "HEAD" or res.status == 204 or res.status == 304 then
        res.body = ""
    elseif h["transfer-encoding"] and str_find(str_lower(h["transfer-encoding"]), "chunked", 1, true) then
        local parts = {}
        res.chunks = {}
        while true do
            local chunk, cerr = self:read_chunk(opts)
            if not chunk then
                return nil, "chunked body cut: " .. tostring(cerr), res
            end
            if chunk == "" then
                break
            end
            parts[#parts + 1] = chunk
            res.chunks[#res.chunks + 1] = chunk
        end
        res.body = tbl_concat(parts)
    elseif h["content-length"] then
        local n = tonumber(h["content-length"])
        if not n then
            return nil, "bad Content-Length: " .. h["content-length"], res
        end
        local body, berr, partial = self:read_n(n, deadline)
        if not body then
            res.body = partial
            return nil, "body cut after " .. #partial .. " of " .. n .. " bytes: " .. tostring(berr), res
        end
        res.body = body
    else
        res.body = self:read_all(deadline)
    end
    return res
end


-- For a response whose head was read with read_head: returns a function(timeout) giving the next
-- piece of the body as it arrives, or nil and "end" (body complete) / "closed" / "timeout".
-- For streams (chunked responses, SSE) read piece by piece.
function Conn:body_reader(res)
    local h = res.headers
    local chunked = h["transfer-encoding"] and str_find(str_lower(h["transfer-encoding"]), "chunked", 1, true)
    local left = tonumber(h["content-length"] or "")
    local done = false
    return function(timeout)
        if done then
            return nil, "end"
        end
        local opts = { timeout = timeout }
        if chunked then
            local chunk, err = self:read_chunk(opts)
            if chunk == "" then
                done = true
                return nil, "end"
            end
            return chunk, err
        elseif left then
            if left == 0 then
                done = true
                return nil, "end"
            end
            if #self.buf == 0 then
                local ok, err = self:fill(now() + (timeout or self.timeout))
                if not ok then
                    return nil, err
                end
            end
            local piece = str_sub(self.buf, 1, left)
            self.buf = str_sub(self.buf, #piece + 1)
            left = left - #piece
            return piece
        else
            if #self.buf == 0 then
                local ok, err = self:fill(now() + (timeout or self.timeout))
                if not ok then
                    done = err == "closed"
                    return nil, done and "end" or err
                end
            end
            local piece = self.buf
            self.buf = ""
            return piece
        end
    end
end


-- Lines of a streamed body (see body_reader), without their line ends: returns a
-- function(timeout) giving the next line, or nil and why the body stopped.
function Conn:line_reader(res)
    local next_piece = self:body_reader(res)
    local pending = ""
    return function(timeout)
        local deadline = now() + (timeout or self.timeout)
        while true do
            local i = str_find(pending, "\n", 1, true)
            if i then
                local line = str_sub(pending, 1, i - 1)
                pending = str_sub(pending, i + 1)
                if str_sub(line, -1) == "\r" then
                    line = str_sub(line, 1, -2)
                end
                return line
            end
            local remaining = deadline - now()
            if remaining <= 0 then
                return nil, "timeout"
            end
            local piece, err = next_piece(remaining)
            if not piece then
                return nil, err
            end
            pending = pending .. piece
        end
    end
end


-- Sends a request and reads its answer (skipping any 1xx). Returns res, or nil and the error.
function Conn:request(method, path, headers, body, opts)
    local ok, err = self:send_request(method, path, headers, body)
    if not ok then
        return nil, "send: " .. tostring(err)
    end
    local res
    repeat
        res, err = self:read_response(opts)
    until not res or res.status >= 200
    return res, err
end


function Conn:close()
    self.sock:close()
end


-- One request on a fresh connection, which is then closed.
-- Returns status, headers (lowercase names), body, res; or nil and the error.
function _M.request(port, method, path, headers, body, opts)
    local conn, err = _M.connect(port, opts and opts.timeout)
    if not conn then
        return nil, err
    end
    local res
    res, err = conn:request(method, path, headers, body, opts)
    conn:close()
    if not res then
        return nil, err
    end
    return res.status, res.headers, res.body, res
end


-- Sends exact bytes on a fresh connection and reads until the server closes or opts.timeout
-- (default 3 s) passes. Returns the raw text, why reading stopped ("closed", "timeout", a reset
-- error) and the seconds it took.
function _M.raw(port, bytes, opts)
    local t0 = now()
    local conn, err = _M.connect(port)
    if not conn then
        return nil, err, 0
    end
    local ok, serr = conn:send(bytes)
    if not ok and not str_find(tostring(serr), "reset", 1, true) and serr ~= "closed" then
        conn:close()
        return nil, serr, now() - t0
    end
    local data, why = conn:read_all(now() + (opts and opts.timeout or 3))
    conn:close()
    return data, why, now() - t0
end


-- Parses the first response in raw text. Returns status, headers (lowercase), the rest.
function _M.parse_raw(text)
    if not text then
        return nil
    end
    local head_end = str_find(text, "\r\n\r\n", 1, true)
    if not head_end then
        return nil
    end
    local head = str_sub(text, 1, head_end - 1)
    local status = tonumber(head:match("^HTTP/%d%.%d (%d%d%d)"))
    local headers = {}
    for name, value in head:gmatch("\r\n([^:\r\n]+):%s*([^\r\n]*)") do
        headers[str_lower(name)] = value
    end
    return status, headers, str_sub(text, head_end + 4)
end


-- ---- Prometheus text ----


-- Returns a list of samples { name, labels = {k = v}, value }.
function _M.parse_metrics(text)
    local samples = {}
    for line in (text or ""):gmatch("[^\n]+") do
        if str_sub(line, 1, 1) ~= "#" then
            local name, rest = line:match("^([%w_:]+)(.*)$")
            if name then
                local labels = {}
                local label_text, value
                if str_sub(rest, 1, 1) == "{" then
                    label_text, value = rest:match("^{(.-)}%s+(%S+)")
                else
                    value = rest:match("^%s+(%S+)")
                end
                for k, v in (label_text or ""):gmatch('([%w_]+)="(.-)"') do
                    labels[k] = v
                end
                local n = tonumber(value)
                if value == "+Inf" then n = math.huge end
                if value == "-Inf" then n = -math.huge end
                if value == "NaN" then n = 0 / 0 end
                samples[#samples + 1] = { name = name, labels = labels, value = n }
            end
        end
    end
    return samples
end


-- Sum of the samples named name whose labels include every pair of `labels`; nil when no sample
-- matches.
function _M.metric_sum(samples, name, labels)
    local sum
    for _, s in ipairs(samples) do
        if s.name == name then
            local match = true
            for k, v in pairs(labels or {}) do
                if s.labels[k] ~= v then
                    match = false
                    break
                end
            end
            if match then
                sum = (sum or 0) + s.value
            end
        end
    end
    return sum
end


-- ---- the server process ----


local Server = {}
Server.__index = Server


-- Pids of the processes whose parent is the master (the workers), sorted.
function Server:worker_pids()
    local pids = {}
    for entry in lfs.dir("/proc") do
        local pid = tonumber(entry)
        if pid then
            local stat = read_file("/proc/" .. entry .. "/stat")
            if stat then
                -- comm is in parentheses and may hold spaces: read after the last ')'
                local after = stat:match(".*%)%s+(.*)$")
                local ppid = after and tonumber(after:match("^%S+%s+(%d+)"))
                if ppid == self.pid then
                    pids[#pids + 1] = pid
                end
            end
        end
    end
    tbl_sort(pids)
    return pids
end


-- Whether the master is still running (reaps it, and records its exit, when it is not).
function Server:alive()
    if self.exit then
        return false
    end
    local pid, how, code = wait.wait(self.pid, wait.WNOHANG)
    if pid == self.pid then
        self.exit = { how = how, code = code }
        return false
    end
    return true
end


-- Waits up to timeout seconds for the master to exit. Returns {how = "exited"|"killed", code},
-- or nil when it still runs.
function Server:wait_exit(timeout)
    local deadline = now() + (timeout or 10)
    while self:alive() do
        if now() >= deadline then
            return nil
        end
        socket.sleep(0.02)
    end
    return self.exit
end


-- Sends a signal to the master (default SIGTERM).
function Server:kill(sig)
    return signal.kill(self.pid, sig or signal.SIGTERM)
end


-- The access log (stdout) and the error log (stderr), as written so far.
function Server:log()
    return read_file(self.log_path) or ""
end


function Server:errors()
    return read_file(self.err_path) or ""
end


-- The access log lines decoded from JSON (lines that are not JSON are skipped).
function Server:access_entries()
    local entries = {}
    for line in self:log():gmatch("[^\n]+") do
        local obj = cjson.decode(line)
        if type(obj) == "table" then
            entries[#entries + 1] = obj
        end
    end
    return entries
end


-- Both logs, for failure messages.
function Server:logs()
    return "--- stdout (" .. self.log_path .. ") ---\n" .. tail(self:log())
        .. "\n--- stderr (" .. self.err_path .. ") ---\n" .. tail(self:errors())
end


function Server:connect(timeout)
    return _M.connect(self.port, timeout)
end


function Server:request(method, path, headers, body, opts)
    return _M.request(self.port, method, path, headers, body, opts)
end


function Server:raw(bytes, opts)
    return _M.raw(self.port, bytes, opts)
end


-- GET /metrics, parsed. Returns the samples and the raw text, or nil and the error.
function Server:metrics()
    local status, _, body = self:request("GET", "/metrics")
    if status ~= 200 then
        return nil, "GET /metrics: " .. tostring(status) .. " " .. tostring(body)
    end
    return _M.parse_metrics(body), body
end


-- Sum of one metric (see metric_sum); 0 when no sample matches.
function Server:metric(name, labels)
    local samples, err = self:metrics()
    if not samples then
        error(err, 2)
    end
    return _M.metric_sum(samples, name, labels) or 0
end


-- Stops the server: signal sig (default SIGTERM), wait up to 10 s, then SIGKILL. Any process
-- left in its process group afterwards (a worker the master left behind) is killed too and
-- listed in the second result. Returns the exit {how, code}, and a list of leftover pids. The
-- temporary folder (logs, var/) is removed unless GROCER_SPEC_KEEP is set or the start failed.
function Server:stop(sig, timeout)
    if self.stopped then
        return self.exit, self.leftovers
    end
    self.stopped = true
    live[self] = nil
    if self:alive() then
        signal.kill(self.pid, sig or signal.SIGTERM)
        if not self:wait_exit(timeout or 10) then
            signal.kill(self.pid, signal.SIGKILL)
            self:wait_exit(5)
            self.exit = self.exit or { how = "unknown" }
            self.exit.forced = true
        end
    end
    -- the group is ours (setpgid in the child): a worker still in it outlived its master
    local leftovers = {}
    for entry in lfs.dir("/proc") do
        local pid = tonumber(entry)
        if pid then
            local stat = read_file("/proc/" .. entry .. "/stat")
            local after = stat and stat:match(".*%)%s+(.*)$")
            local pgrp = after and tonumber(after:match("^%S+%s+%d+%s+(%d+)"))
            local state = after and after:match("^(%S+)")
            if pgrp == self.pid and state ~= "Z" then
                leftovers[#leftovers + 1] = pid
            end
        end
    end
    if #leftovers > 0 then
        signal.kill(-self.pid, signal.SIGKILL)
    end
    self.leftovers = leftovers
    local keep = self.keep or os.getenv("GROCER_SPEC_KEEP")
    if self.private_var then
        -- Served without DATABASE_URL: a master that died early (or was killed) leaves its private
        -- cluster running, maybe outside tmp (/var/tmp/grocer-HASH). Stop it; remove it with tmp.
        os.execute("GROCER_VAR='" .. self.private_var .. "' DATABASE_URL= '" .. self.bin .. "' cluster "
            .. (keep and "stop" or "remove") .. " >/dev/null 2>&1")
    end
    if not keep and self.tmp and str_find(self.tmp, "^/tmp/grocer%-spec%-") then
        os.execute("rm -rf '" .. self.tmp .. "'")
    end
    return self.exit, leftovers
end


-- Starts `$GROCER_BIN serve` and waits until GET /healthz answers 200.
-- opts: app (folder, default spec/fixtures/app), workers (default 2), env (map of extra
-- environment variables), args (more flags), ready_timeout (default 10 s; 30 s without a
-- DATABASE_URL, when serve first creates its private cluster),
-- wait_ready (default true).
-- Returns a server handle; fails the spec with both logs when the server does not come up.
function _M.start_grocer(opts)
    opts = opts or {}
    local bin = abs_path(opts.bin or os.getenv("GROCER_BIN") or "build/grocer")
    if not lfs.attributes(bin, "mode") then
        error("grocer binary not found at " .. bin .. " (build it: cmake -S . -B build && cmake --build build)", 2)
    end
    local app = abs_path(opts.app or "spec/fixtures/app")
    local port = opts.port or _M.free_port()
    local tmp = assert(stdlib.mkdtemp("/tmp/grocer-spec-XXXXXX"))
    local log_path = tmp .. "/stdout.log"
    local err_path = tmp .. "/stderr.log"
    local argv = { "serve", "--listen", "127.0.0.1:" .. port,
        "--workers", tostring(opts.workers or 2), "--app", app }
    for _, a in ipairs(opts.args or {}) do
        argv[#argv + 1] = a
    end
    local env = { GROCER_VAR = tmp .. "/var" }
    for k, v in pairs(opts.env or {}) do
        env[k] = v
    end

    io.stdout:flush()
    io.stderr:flush()
    local pid = unistd.fork()
    if pid == 0 then
        -- child: own process group, logs in files, working folder in tmp, then exec
        unistd.setpid("p", 0, 0)
        local out = fcntl.open(log_path, fcntl.O_WRONLY + fcntl.O_CREAT + fcntl.O_TRUNC, 420)
        local errf = fcntl.open(err_path, fcntl.O_WRONLY + fcntl.O_CREAT + fcntl.O_TRUNC, 420)
        local devnull = fcntl.open("/dev/null", fcntl.O_RDONLY)
        if out and errf and devnull then
            unistd.dup2(devnull, 0)
            unistd.dup2(out, 1)
            unistd.dup2(errf, 2)
        end
        for k, v in pairs(env) do
            stdlib.setenv(k, v)
        end
        unistd.chdir(tmp)
        unistd.execp(bin, argv)
        unistd._exit(127)
    end
    if not pid then
        error("fork failed", 2)
    end
    unistd.setpid("p", pid, pid)

    local h = setmetatable({
        port = port,
        pid = pid,
        tmp = tmp,
        app = app,
        log_path = log_path,
        err_path = err_path,
        opts = opts,
        bin = bin,
        -- the private cluster's GROCER_VAR when it serves without DATABASE_URL (stop removes it)
        private_var = (env.DATABASE_URL or os.getenv("DATABASE_URL") or "") == ""
            and env.GROCER_VAR == tmp .. "/var" and env.GROCER_VAR or nil,
    }, Server)
    live[h] = true

    if opts.wait_ready == false then
        return h
    end
    local ready_timeout = opts.ready_timeout or (h.private_var and 30 or 10)
    local deadline = now() + ready_timeout
    while true do
        local status = h:request("GET", "/healthz", nil, nil, { timeout = 1 })
        if status == 200 then
            break
        end
        if not h:alive() then
            local exit = h.exit
            h.keep = true
            h:stop()
            error(str_format("grocer exited (%s %s) before /healthz answered\n%s",
                tostring(exit.how), tostring(exit.code), h:logs()), 2)
        end
        if now() >= deadline then
            local logs = h:logs()
            h.keep = true
            h:stop(signal.SIGKILL)
            error("grocer did not answer GET /healthz with 200 within "
                .. ready_timeout .. " s (last: " .. tostring(status) .. ")\n" .. logs, 2)
        end
        socket.sleep(0.05)
    end
    return h
end


function _M.stop_grocer(h)
    if h then
        return h:stop()
    end
end


-- Adler-32 of a string, as the fixture app's /echo computes it (hex, 8 digits).
function _M.adler32(s)
    local a, b = 1, 0
    local byte = string.byte
    for i = 1, #s do
        a = (a + byte(s, i)) % 65521
        b = (b + a) % 65521
    end
    return str_format("%08x", b * 65536 + a)
end


_M.signal = signal
_M.now = now
_M.sleep = socket.sleep


-- When the Lua state closes (busted exits) with servers still running, kill them.
local guard = newproxy(true)
getmetatable(guard).__gc = function()
    for h in pairs(live) do
        pcall(signal.kill, -h.pid, signal.SIGKILL)
        pcall(signal.kill, h.pid, signal.SIGKILL)
        if h.private_var then
            os.execute("GROCER_VAR='" .. h.private_var .. "' DATABASE_URL= '" .. h.bin
                .. "' cluster remove >/dev/null 2>&1")
        end
    end
end
_M._guard = guard


return _M
