-- grocer/db.lua: PostgreSQL for handlers. Calls read as synchronous code; underneath they yield
-- the request's coroutine while the worker's pool (host/pg.c) talks to the server. Only $1
-- parameters, never SQL built from strings. Results: an array of rows (tables keyed by column
-- name) and the count of rows returned or changed; int/bigint are numbers, numeric stays a string, json/jsonb are
-- tables, NULL is db.null. Failures return nil, err, sqlstate.
local c = require "grocer.c"
local cjson = require "cjson.safe"

local co_running = coroutine.running
local select = select
local type = type
local xpcall = xpcall
local traceback = debug.traceback
local tostring = tostring


local _M = {}

_M.null = cjson.null

-- coroutine -> {conn = handle, depth = savepoint depth} while db.tx runs in it
local open_tx = setmetatable({}, {__mode = "k"})


-- db.query(sql, ...) -> rows, count | nil, err, sqlstate. Inside db.tx, runs in its
-- transaction.
function _M.query(sql, ...)
    if type(sql) ~= "string" then
        error("bad argument #1 to query: SQL string expected, got " .. type(sql), 2)
    end
    local tx = open_tx[co_running()]
    return c.pg_query(tx and tx.conn or nil, sql, ...)
end


-- db.batch{{sql, p1, ...}, ...} -> {rows, rows, ...} | nil, err, sqlstate. Independent
-- statements sent together in one pipeline: one round trip for all of them.
function _M.batch(list)
    if type(list) ~= "table" then
        error("bad argument #1 to batch: table expected, got " .. type(list), 2)
    end
    local tx = open_tx[co_running()]
    return c.pg_batch(tx and tx.conn or nil, list)
end


-- db.tx(fn, ...) -> fn's results | nil, err. Commits when fn returns, rolls back when it
-- raises or returns nil, err. Nested calls use savepoints.
function _M.tx(fn, ...)
    if type(fn) ~= "function" then
        error("bad argument #1 to tx: function expected, got " .. type(fn), 2)
    end
    local co = co_running()
    local tx = open_tx[co]
    if tx then
        tx.depth = tx.depth + 1
        local sp = "grocer_sp" .. tx.depth
        local ok, err = c.pg_query(tx.conn, "SAVEPOINT " .. sp)
        if not ok then
            tx.depth = tx.depth - 1
            return nil, err
        end
        local res = {xpcall(fn, traceback, ...)}
        tx.depth = tx.depth - 1
        if res[1] and res[2] ~= nil then
            c.pg_query(tx.conn, "RELEASE SAVEPOINT " .. sp)
            return select(2, unpack(res))
        end
        c.pg_query(tx.conn, "ROLLBACK TO SAVEPOINT " .. sp)
        return nil, res[1] and (res[3] or "rolled back") or res[2]
    end

    local conn, err, state = c.pg_acquire()
    if not conn then
        return nil, err, state
    end
    tx = {conn = conn, depth = 0}
    local ok
    ok, err, state = c.pg_query(conn, "BEGIN")
    if not ok then
        c.pg_release(conn)
        return nil, err, state
    end
    open_tx[co] = tx
    local res = {xpcall(fn, traceback, ...)}
    open_tx[co] = nil
    if res[1] and res[2] ~= nil then
        ok, err, state = c.pg_query(conn, "COMMIT")
        c.pg_release(conn)
        if not ok then
            return nil, err, state
        end
        return select(2, unpack(res))
    end
    c.pg_query(conn, "ROLLBACK")
    c.pg_release(conn)
    if res[1] then
        return nil, res[3] or "rolled back", res[4]
    end
    return nil, tostring(res[2])
end


local RETRYABLE = {["40001"] = true, ["40P01"] = true}   -- serialization failure, deadlock

-- db.retry(fn, attempts) runs db.tx(fn) again (default: up to 3 times) when PostgreSQL
-- reports a serialization failure or a deadlock.
function _M.retry(fn, attempts)
    attempts = attempts or 3
    local res
    for _ = 1, attempts do
        res = {_M.tx(fn)}
        if res[1] ~= nil or not RETRYABLE[res[3]] then
            break
        end
    end
    return unpack(res)
end


-- db.listen(channel, fn): fn(channel, payload) runs (in a coroutine of its own, so it may
-- query) on every NOTIFY on channel, on every worker.
function _M.listen(channel, fn)
    if type(fn) ~= "function" then
        error("bad argument #2 to listen: function expected, got " .. type(fn), 2)
    end
    c.pg_listen(channel, fn)
end


-- True for the errors that mean "try again later" (503), not "this request is wrong".
function _M.unavailable(err)
    return type(err) == "string" and (err:find("database unavailable", 1, true) ~= nil
        or err:find("database busy", 1, true) ~= nil)
end


return _M
