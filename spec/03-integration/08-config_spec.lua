-- spec/03-integration/08-config_spec.lua: the settings file (host/config.c): `name = value` lines,
-- `[section]` lines that prefix the names after them (`[kafka]` then `brokers = ...` is
-- kafka_brokers), `[]` to end a section, and file:line errors for what it cannot take.
local cli = require "spec.helpers.cli"


describe("grocer.conf", function()
    local dir

    lazy_setup(function()
        dir = cli.tmpdir()
    end)

    lazy_teardown(function()
        cli.teardown()
    end)

    local function check_with(text)
        local path = dir .. "/grocer.conf"
        cli.write_file(path, text)
        return cli.grocer({ "check", "--app", "spec/fixtures/app" }, { GROCER_CONF = path })
    end


    it("prefixes the names of a [section] with the section's name", function()
        local rc, _, err = check_with("workers = 2\n[kafka]\nclient_id = shop-1\nlinger_ms = soon\n")
        assert.equal(2, rc)
        assert.matches("grocer.conf:4: kafka_linger_ms: expected a whole number", err, 1, true)
    end)


    it("takes the names after [] without a prefix again", function()
        local rc, out, err = check_with("[kafka]\nbrokers = 127.0.0.1:9\nlinger_ms = 10\n[]\nworkers = 1\n")
        assert.equal(0, rc, out .. err)
        local rc2, _, err2 = check_with("[kafka]\nbrokers = 127.0.0.1:9\nworkers = 1\n")
        assert.equal(2, rc2)
        assert.matches("grocer.conf:3: unknown setting 'kafka_workers'", err2, 1, true)
    end)


    it("refuses a section name that is not lower-case letters and _", function()
        local rc, _, err = check_with("[Kafka]\nbrokers = 127.0.0.1:9\n")
        assert.equal(2, rc)
        assert.matches("grocer.conf:1: a section name is lower-case letters and _", err, 1, true)
    end)
end)
