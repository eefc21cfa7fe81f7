-- spec/03-integration/10-migrate_spec.lua: `grocer migrate` (up, status, new) against a real
-- PostgreSQL: each spec gets a fresh database on DATABASE_URL (make test's throwaway cluster, or a
-- private one spec/helpers/cli.lua starts) and a temporary app folder with its own migrations/.
local cli = require "spec.helpers.cli"

local str_find = string.find


local ONE = "-- 0001_things.sql: a table to migrate.\nCREATE TABLE things (id int PRIMARY KEY, name text);\n"
local TWO = "-- 0002_more.sql: a second table.\nCREATE TABLE more_things (id int);\n"


local function sha256_of(path)
    local p = assert(io.popen("sha256sum " .. cli.shell_quote(path)))
    local out = p:read("*a")
    p:close()
    return out:match("^(%x+)")
end


describe("grocer migrate", function()
    local url, dbname, app


    lazy_setup(function()
        cli.server()
    end)


    lazy_teardown(function()
        cli.teardown()
    end)


    before_each(function()
        url, dbname = cli.create_database("grocer_migrate")
    end)


    after_each(function()
        cli.drop_database(dbname)
        cli.rm_tmp(app)
    end)


    local function migrate(...)
        return cli.grocer({ "migrate", ... }, { DATABASE_URL = url })
    end


    it("applies the pending migrations in order and records each with its SHA-256", function()
        app = cli.app({ ["0001_things.sql"] = ONE, ["0002_more.sql"] = TWO })
        local rc, out, err = migrate("--app", app)
        assert.equal(0, rc, err)
        local a, b = str_find(out, "applied 0001_things.sql", 1, true), str_find(out, "applied 0002_more.sql", 1, true)
        assert.truthy(a and b and a < b, out)
        assert.equal("1|things|" .. sha256_of(app .. "/migrations/0001_things.sql") .. "\n"
            .. "2|more|" .. sha256_of(app .. "/migrations/0002_more.sql"),
            cli.psql(url, "SELECT version, name, checksum FROM grocer_migrations ORDER BY version"))
        assert.equal("things|more_things", cli.psql(url,
            "SELECT string_agg(relname, '|' ORDER BY relname DESC) FROM pg_class "
            .. "WHERE relname IN ('things', 'more_things') AND relkind = 'r'"))
    end)


    it("does nothing the second time and says so", function()
        app = cli.app({ ["0001_things.sql"] = ONE, ["0002_more.sql"] = TWO })
        assert.equal(0, (migrate("--app", app)))
        local stamps = "SELECT string_agg(version || '@' || applied_at, ',') FROM grocer_migrations"
        local before = cli.psql(url, stamps)
        local rc, out, err = migrate("up", "--app", app)
        assert.equal(0, rc, err)
        assert.matches("nothing to apply", out, 1, true)
        assert.is_nil(str_find(out, "applied 0001", 1, true), out)
        assert.equal(before, cli.psql(url, stamps))
    end)


    it("refuses an applied migration whose file was edited, naming the file, and applies nothing", function()
        app = cli.app({ ["0001_things.sql"] = ONE })
        assert.equal(0, (migrate("--app", app)))
        cli.write_file(app .. "/migrations/0001_things.sql", ONE .. "ALTER TABLE things ADD COLUMN x int;\n")
        cli.write_file(app .. "/migrations/0002_more.sql", TWO)
        local rc, out, err = migrate("--app", app)
        assert.not_equal(0, rc, out)
        assert.matches("0001_things.sql was changed after it was applied", err, 1, true)
        assert.equal("", cli.psql(url, "SELECT to_regclass('more_things')"))
        assert.equal("1", cli.psql(url, "SELECT count(*) FROM grocer_migrations"))
    end)


    it("status lists applied and pending migrations and exits 0", function()
        app = cli.app({ ["0001_things.sql"] = ONE })
        assert.equal(0, (migrate("--app", app)))
        cli.write_file(app .. "/migrations/0002_more.sql", TWO)
        local rc, out, err = migrate("status", "--app", app)
        assert.equal(0, rc, err)
        assert.matches("0001%s+0001_things.sql%s+applied%s+%d%d%d%d%-%d%d%-%d%d", out)
        assert.matches("0002%s+0002_more.sql%s+pending", out)
        assert.matches("1 applied, 1 pending", out, 1, true)
        -- status changed nothing
        assert.equal("", cli.psql(url, "SELECT to_regclass('more_things')"))
    end)


    it("status of a fresh database shows everything pending without creating the table", function()
        app = cli.app({ ["0001_things.sql"] = ONE })
        local rc, out = migrate("status", "--app", app)
        assert.equal(0, rc)
        assert.matches("0001_things.sql%s+pending", out)
        assert.equal("", cli.psql(url, "SELECT to_regclass('grocer_migrations')"))
    end)


    it("rolls back a failing migration, leaves it pending and names its file and line", function()
        app = cli.app({
            ["0001_things.sql"] = ONE,
            ["0002_more.sql"] = "CREATE TABLE more_things (id int);\n\nSELEC 1;\n",
        })
        local rc, out, err = migrate("--app", app)
        assert.equal(1, rc, out)
        assert.matches("0002_more.sql:3: ERROR: syntax error", err, 1, true)
        assert.equal("1", cli.psql(url, "SELECT string_agg(version::text, ',') FROM grocer_migrations"))
        assert.equal("", cli.psql(url, "SELECT to_regclass('more_things')"))
        assert.truthy(cli.psql(url, "SELECT to_regclass('things')") ~= "")
    end)


    it("runs a -- grocer:no-transaction migration statement by statement (CREATE INDEX CONCURRENTLY)", function()
        app = cli.app({
            ["0001_things.sql"] = ONE,
            ["0002_index.sql"] = "-- grocer:no-transaction\n-- why: an index built without locking writes\n"
                .. "CREATE INDEX CONCURRENTLY things_name ON things (name);\n"
                .. "COMMENT ON INDEX things_name IS 'a;b $$;$$';\n",
        })
        local rc, out, err = migrate("--app", app)
        assert.equal(0, rc, err)
        assert.matches("applied 0002_index.sql without a transaction", out, 1, true)
        assert.equal("a;b $$;$$", cli.psql(url, "SELECT obj_description('things_name'::regclass)"))
        assert.equal("2", cli.psql(url, "SELECT count(*) FROM grocer_migrations"))
    end)


    it("lets two runs started together apply each migration once (advisory lock)", function()
        app = cli.app({
            ["0001_things.sql"] = ONE .. "SELECT pg_sleep(0.5);\n",
            ["0002_more.sql"] = TWO,
        })
        local dir = cli.tmpdir()
        local one = cli.shell_quote(cli.grocer_bin()) .. " migrate --app " .. cli.shell_quote(app)
        local a, b = cli.shell_quote(dir .. "/a"), cli.shell_quote(dir .. "/b")
        os.execute("export DATABASE_URL=" .. cli.shell_quote(url) .. "; "
            .. "{ " .. one .. " >" .. a .. ".out 2>&1; echo $? >" .. a .. ".rc; } & "
            .. "{ " .. one .. " >" .. b .. ".out 2>&1; echo $? >" .. b .. ".rc; } & wait")
        local outs = cli.read_file(dir .. "/a.out") .. cli.read_file(dir .. "/b.out")
        assert.equal("0", cli.read_file(dir .. "/a.rc"):match("%d+"), outs)
        assert.equal("0", cli.read_file(dir .. "/b.rc"):match("%d+"), outs)
        local _, applied_once = outs:gsub("applied 0001_things.sql", "")
        assert.equal(1, applied_once, outs)
        assert.matches("nothing to apply", outs, 1, true)
        assert.equal("1,2", cli.psql(url,
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM grocer_migrations"))
        cli.rm_tmp(dir)
    end)


    it("applies the repository's own migrations (the outbox)", function()
        local rc, _, err = migrate("--app", ".")
        assert.equal(0, rc, err)
        assert.equal("id,type,key,payload,created_at,sent_at", cli.psql(url,
            "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
            .. "WHERE attrelid = 'outbox'::regclass AND attnum > 0 AND NOT attisdropped"))
        assert.matches("WHERE %(sent_at IS NULL%)", cli.psql(url,
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'outbox' AND indexname = 'outbox_unsent'"))
    end)
end)


describe("grocer migrate new", function()
    local app


    after_each(function()
        cli.rm_tmp(app)
    end)


    it("creates the next numbered file with a header comment", function()
        app = cli.app({ ["0001_things.sql"] = ONE, ["0007_more.sql"] = TWO })
        local rc, out, err = cli.grocer({ "migrate", "new", "add_stock", "--app", app })
        assert.equal(0, rc, err)
        assert.equal(app .. "/migrations/0008_add_stock.sql\n", out)
        local text = cli.read_file(app .. "/migrations/0008_add_stock.sql")
        assert.matches("^%-%- 0008_add_stock.sql: ", text)
        assert.matches("grocer:no-transaction", text, 1, true)
    end)


    it("starts at 0001 in an app without migrations", function()
        app = cli.tmpdir()
        local rc, out = cli.grocer({ "migrate", "new", "first", "--app", app })
        assert.equal(0, rc)
        assert.equal(app .. "/migrations/0001_first.sql\n", out)
    end)


    it("refuses a name that is not lower-case letters, digits and '_'", function()
        app = cli.tmpdir()
        local rc, _, err = cli.grocer({ "migrate", "new", "Add-Stock", "--app", app })
        assert.equal(1, rc)
        assert.matches("lower-case letters", err, 1, true)
        assert.is_nil(cli.read_file(app .. "/migrations/0001_Add-Stock.sql"))
    end)
end)
