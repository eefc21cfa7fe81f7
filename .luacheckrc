-- .luacheckrc: lint settings for `luacheck host/lua spec scripts`. Lua here uses no globals:
-- the host's API is modules (require "grocer.db"), so nothing is listed as a global.
std = "luajit"
max_line_length = 120

-- handlers take (req, res) whether or not they use both
ignore = { "212/req", "212/res" }

files["spec"] = {
    std = "+busted",
}

-- fixtures that are broken on purpose (load errors under test)
exclude_files = {
    "spec/fixtures/i18n/broken/**",
}
