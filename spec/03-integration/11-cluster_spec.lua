-- spec/03-integration/11-cluster_spec.lua: the private PostgreSQL cluster and how `grocer serve`
-- finds its database: without DATABASE_URL it creates, migrates, serves on and stops a cluster of
-- its own under GROCER_VAR, leaves alone one it found running, and against an external
-- DATABASE_URL it refuses a schema that is behind unless given --migrate. Every spec uses its own
-- temporary GROCER_VAR and stops whatever postgres it made in `finally`.
local lfs = require "lfs"
local pwd = require "posix.pwd"
local unistd = require "posix.unistd"
local helpers = require "spec.helpers.server"
local cli = require "spec.helpers.cli"

local SIGKILL = helpers.signal.SIGKILL

local it_as_root = unistd.geteuid() == 0 and it or pending

local MIGRATION = "-- 0001_notes.sql: a table for the spec.\nCREATE TABLE notes (id int);\n"


-- `grocer ARGS` on the private cluster of var (DATABASE_URL unset).
local function private(var, ...)
    return cli.grocer({ ... }, { GROCER_VAR = var, DATABASE_URL = "" })
end


local function running(var)
    return (private(var, "cluster", "status")) == 0
end


describe("private cluster", function()
    local dir, var, app


    before_each(function()
        dir = cli.tmpdir(tonumber("755", 8))     -- reachable by the postgres user when we are root
        var = dir .. "/var"
        app = cli.app({ ["0001_notes.sql"] = MIGRATION })
    end)


    after_each(function()
        cli.remove_cluster(var)
        cli.rm_tmp(dir)
        cli.rm_tmp(app)
    end)


    lazy_teardown(function()
        cli.teardown()
    end)


    it("serve without DATABASE_URL creates it, migrates, serves, and stops it on SIGTERM", function()
        local h = helpers.start_grocer({ app = app, workers = 1, ready_timeout = 30,
            env = { GROCER_VAR = var, DATABASE_URL = "" } })
        finally(function() h:stop() end)
        assert.equal(200, (h:request("GET", "/healthz")))
        assert.truthy(cli.read_file(var .. "/pg/PG_VERSION"), "no cluster in " .. var .. "/pg")
        assert.truthy(cli.read_file(var .. "/pg/postmaster.pid"))
        assert.equal(1, #cli.postmasters(var))
        local rc, out, err = private(var, "psql", "-Atc", "SELECT version FROM grocer_migrations")
        assert.equal(0, rc, err)
        assert.equal("1\n", out)
        h.keep = true                       -- read its log after the exit, then remove it
        local exit = h:stop()
        local log = h:errors()
        os.execute("rm -rf " .. cli.shell_quote(h.tmp))
        assert.same({ how = "exited", code = 0 }, { how = exit.how, code = exit.code })
        assert.same({}, cli.postmasters_gone(var))
        assert.is_false(running(var))
        assert.matches("cluster: stopped PostgreSQL", log, 1, true)
    end)


    it("serve leaves running a cluster that grocer cluster start started", function()
        local rc, url, err = private(var, "cluster", "start")
        assert.equal(0, rc, err)
        assert.matches("^host=" .. var:gsub("%p", "%%%0") .. " port=5432 dbname=grocer user=grocer\n$", url)
        local h = helpers.start_grocer({ app = app, workers = 1, ready_timeout = 30,
            env = { GROCER_VAR = var, DATABASE_URL = "" } })
        finally(function() h:stop() end)
        assert.equal(200, (h:request("GET", "/healthz")))
        local exit = h:stop()
        assert.equal(0, exit.code)
        assert.is_true(running(var))
        assert.equal(1, #cli.postmasters(var))
        rc = private(var, "cluster", "stop")
        assert.equal(0, rc)
        assert.same({}, cli.postmasters_gone(var))
    end)


    it("grocer migrate starts it when it is not running and stops it afterwards", function()
        local rc, out, err = private(var, "migrate", "--app", app)
        assert.equal(0, rc, err)
        assert.matches("applied 0001_notes.sql", out, 1, true)
        assert.same({}, cli.postmasters_gone(var))
        rc = private(var, "cluster", "status")
        assert.equal(3, rc)
        rc, out = private(var, "migrate", "--app", app)
        assert.equal(0, rc)
        assert.matches("nothing to apply", out, 1, true)
        assert.same({}, cli.postmasters_gone(var))
    end)


    it("grocer migrate uses the cluster of a running serve and leaves it running", function()
        local h = helpers.start_grocer({ app = app, workers = 1, ready_timeout = 30,
            env = { GROCER_VAR = var, DATABASE_URL = "" } })
        finally(function() h:stop() end)
        cli.write_file(app .. "/migrations/0002_more.sql", "CREATE TABLE more_notes (id int);\n")
        local rc, out, err = private(var, "migrate", "--app", app)
        assert.equal(0, rc, err)
        assert.matches("applied 0002_more.sql", out, 1, true)
        assert.is_true(running(var))
        assert.equal(200, (h:request("GET", "/healthz")))
        h:stop()
        assert.same({}, cli.postmasters_gone(var))
    end)


    it("is taken over and stopped by the next command when the serve that started it was killed", function()
        local h = helpers.start_grocer({ app = app, workers = 1, ready_timeout = 30,
            env = { GROCER_VAR = var, DATABASE_URL = "" } })
        finally(function() h:stop() end)
        h:kill(SIGKILL)
        h:stop()
        assert.equal(1, #cli.postmasters(var))
        local _, status = private(var, "cluster", "status")
        assert.matches("which is gone", status, 1, true)
        local rc, _, err = private(var, "migrate", "--app", app)
        assert.equal(0, rc, err)
        assert.matches("taking it over", err, 1, true)
        assert.same({}, cli.postmasters_gone(var))
    end)


    it("grocer cluster url, status, stop and remove", function()
        local rc, url = private(var, "cluster", "url")
        assert.equal(0, rc)
        assert.equal(url, select(2, private(var, "cluster", "start")))
        local out
        rc, out = private(var, "cluster", "status")
        assert.equal(0, rc)
        assert.matches("state:%s+running", out)
        rc = private(var, "cluster", "stop")
        assert.equal(0, rc)
        rc, out = private(var, "cluster", "status")
        assert.equal(3, rc)
        assert.matches("state:%s+stopped", out)
        rc = private(var, "cluster", "remove")
        assert.equal(0, rc)
        assert.is_nil(cli.read_file(var .. "/pg/PG_VERSION"))
    end)


    it("moves to /var/tmp/grocer-HASH when its socket path would pass 107 bytes, found again by every command",
        function()
        var = dir .. "/" .. string.rep("v", 100) .. "/var"
        local rc, url, err = private(var, "cluster", "start")
        assert.equal(0, rc, err)
        local base = url:match("^host=(%S+) ")
        assert.matches("^/var/tmp/grocer%-%x+$", base)
        assert.equal(base .. "/pg", cli.data_dir(var))
        assert.equal(url, select(2, private(var, "cluster", "url")))
        local out
        rc, out = private(var, "psql", "-Atc", "SELECT 1")
        assert.equal(0, rc)
        assert.equal("1\n", out)
        assert.equal(0, (private(var, "cluster", "remove")))
        assert.is_nil(lfs.attributes(base, "mode"))
    end)


    it_as_root("as root, runs as postgres in /var/tmp/grocer-HASH when that user cannot reach GROCER_VAR", function()
        var = cli.tmpdir() .. "/var"        -- mode 0700: closed to the postgres user
        local h = helpers.start_grocer({ app = app, workers = 1, ready_timeout = 30,
            env = { GROCER_VAR = var, DATABASE_URL = "" } })
        finally(function() h:stop() end)
        assert.equal(200, (h:request("GET", "/healthz")))
        local data = cli.data_dir(var)
        assert.matches("^/var/tmp/grocer%-%x+/pg$", data)
        local pids = cli.postmasters(data)
        assert.equal(1, #pids)
        local status = cli.read_file("/proc/" .. pids[1] .. "/status")
        assert.equal(tostring(pwd.getpwnam("postgres").pw_uid), status:match("\nUid:%s+(%d+)"))
        h:stop()
        assert.same({}, cli.postmasters_gone(data))
    end)


    it("grocer psql runs psql on it, starting and stopping it for the session", function()
        local rc, out, err = private(var, "psql", "-Atc", "SELECT current_database()")
        assert.equal(0, rc, err)
        assert.equal("grocer\n", out)
        assert.same({}, cli.postmasters_gone(var))
    end)
end)


describe("serve against an external DATABASE_URL", function()
    local url, dbname, app


    lazy_setup(function()
        cli.server()
    end)


    lazy_teardown(function()
        cli.teardown()
    end)


    before_each(function()
        url, dbname = cli.create_database("grocer_serve")
        app = cli.app({ ["0001_notes.sql"] = MIGRATION })
    end)


    after_each(function()
        cli.drop_database(dbname)
        cli.rm_tmp(app)
    end)


    it("refuses to start while a migration is pending, saying to run grocer migrate", function()
        local h = helpers.start_grocer({ app = app, workers = 1, wait_ready = false, env = { DATABASE_URL = url } })
        finally(function() h:stop() end)
        local exit = h:wait_exit(15)
        assert.truthy(exit, "grocer serve did not exit")
        assert.equal(1, exit.code)
        assert.matches("1 migration of .- is not applied; run `grocer migrate`", h:errors())
        assert.equal("", cli.psql(url, "SELECT to_regclass('notes')"))
        assert.same({}, cli.postmasters(h.tmp))
    end)


    it("with --migrate applies the pending migrations, then serves", function()
        local h = helpers.start_grocer({ app = app, workers = 1, args = { "--migrate" }, env = { DATABASE_URL = url } })
        finally(function() h:stop() end)
        assert.equal(200, (h:request("GET", "/healthz")))
        assert.equal("1", cli.psql(url, "SELECT string_agg(version::text, ',') FROM grocer_migrations"))
        assert.same({}, cli.postmasters(h.tmp))
    end)


    it("starts without --migrate once the schema is up to date", function()
        local rc, _, err = cli.grocer({ "migrate", "--app", app }, { DATABASE_URL = url })
        assert.equal(0, rc, err)
        local h = helpers.start_grocer({ app = app, workers = 1, env = { DATABASE_URL = url } })
        finally(function() h:stop() end)
        assert.equal(200, (h:request("GET", "/healthz")))
    end)
end)
