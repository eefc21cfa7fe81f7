-- spec/helpers/burst.lua: many HTTP requests in flight at once from the busted process, each on a
-- connection of its own ("Connection: close"), for the specs that need real concurrency (1,000
-- handlers waiting on a pool of 10). Sockets are luasocket's, non-blocking; readiness comes from
-- poll(2) through luaposix, since select(2) (socket.select) stops at descriptor 1024.
--
-- It owns the sockets it opens and closes all of them before returning; it leaves every
-- assertion to the specs.
local socket = require "socket"
local ppoll = require "posix.poll"
local helpers = require "spec.helpers.server"

local now = socket.gettime
local str_sub = string.sub


local _M = {}


-- Sends GET paths[i] on a connection each, all at once, and reads every answer.
-- opts: timeout (whole burst, seconds, default 60), tick (seconds between on_tick calls, 0.1),
-- on_tick (function called while waiting: e.g. sample pg_stat_activity).
-- Returns a list: results[i] = {status, headers, body} or {err = "..."}, and the seconds taken.
function _M.get_all(port, paths, opts)
    opts = opts or {}
    local deadline = now() + (opts.timeout or 60)
    local tick = opts.tick or 0.1
    local next_tick = now() + tick
    local by_fd = {}
    local results = {}
    local left = #paths
    local t0 = now()

    local function finish(c, res)
        if c.done then
            return
        end
        c.done = true
        results[c.i] = res
        by_fd[c.fd] = nil
        c.sock:close()
        left = left - 1
    end

    for i, path in ipairs(paths) do
        local sock = assert(socket.tcp())
        sock:settimeout(0)
        local ok, err = sock:connect("127.0.0.1", port)
        local c = {
            i = i,
            sock = sock,
            fd = sock:getfd(),
            out = "GET " .. path .. " HTTP/1.1\r\nHost: 127.0.0.1:" .. port .. "\r\nConnection: close\r\n\r\n",
            sent = 0,
            buf = {},
        }
        by_fd[c.fd] = c
        if not ok and err ~= "timeout" and err ~= "Operation already in progress" then
            finish(c, { err = "connect: " .. tostring(err) })
        end
    end

    while left > 0 do
        if now() >= deadline then
            for _, c in pairs(by_fd) do
                finish(c, { err = "timeout" })
            end
            break
        end
        local fds = {}
        for fd, c in pairs(by_fd) do
            fds[fd] = { events = c.sent < #c.out and { OUT = true } or { IN = true } }
        end
        ppoll.poll(fds, 20)
        for fd, p in pairs(fds) do
            local c = by_fd[fd]
            local ev = p.revents or {}
            if c and (ev.OUT or ev.ERR or ev.HUP) and c.sent < #c.out then
                local last, err, partial = c.sock:send(c.out, c.sent + 1)
                local n = last or partial
                if n and n > 0 then
                    c.sent = n
                end
                if not last and err ~= "timeout" then
                    finish(c, { err = "send: " .. tostring(err) })
                end
            elseif c and (ev.IN or ev.HUP or ev.ERR) then
                while true do
                    local data, err, partial = c.sock:receive(65536)
                    data = data or partial
                    if data and #data > 0 then
                        c.buf[#c.buf + 1] = data
                    end
                    if err == "closed" then
                        local text = table.concat(c.buf)
                        local status, headers, body = helpers.parse_raw(text)
                        if status then
                            finish(c, { status = status, headers = headers, body = body })
                        else
                            finish(c, { err = "bad response: " .. str_sub(text, 1, 200) })
                        end
                        break
                    elseif err and err ~= "timeout" then
                        finish(c, { err = "receive: " .. tostring(err) })
                        break
                    elseif err == "timeout" or not data then
                        break
                    end
                end
            end
        end
        if opts.on_tick and now() >= next_tick then
            opts.on_tick()
            next_tick = now() + tick
        end
    end
    return results, now() - t0
end


return _M
