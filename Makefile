# Makefile: the commands to copy (make, make run, make test, make fuzz, make bench) on top of CMake.
# It owns no package names: each target asks .ci/deps.sh for the groups it needs, and that script
# installs only what dpkg says is missing, so on a ready machine no target touches the network.
#
#   make              release build: build/grocer (RelWithDebInfo)
#   make debug        ASan + UBSan build: build-asan/grocer
#   make run          build, then serve the app in this folder on $GROCER_LISTEN (127.0.0.1:8000)
#                     (without DATABASE_URL: the private PostgreSQL cluster in ./var, started and stopped)
#   make test         build, ctest, busted unit specs, integration specs, browser specs, luacheck,
#                     against a throwaway PostgreSQL cluster (.ci/with-test-db.sh; DATABASE_URL set: that one)
#   make fuzz         libFuzzer run of request_fuzz for $FUZZ_SECONDS (60) seconds
#   make bench        bench/run.sh (wrk against grocer and the reference server)
#   make clean        remove the build folders
#   make unit | integration | browser | lint    one step of make test (no package check, no build)
#   make kafka-start | kafka-stop   the test broker (Kafka KRaft, 127.0.0.1:9092) by hand
#   make deps         install every package group (build, test, fuzz, kafka, bench)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

NPROC := $(shell nproc 2>/dev/null || echo 2)
DEPS := bash .ci/deps.sh

.PHONY: all build debug run test test-steps unit integration browser lint kafka-start kafka-stop fuzz bench deps clean help

all: build

help:
	@sed -n '5,15s/^# \{0,1\}//p' Makefile


# ---- builds ----

# Recipe lines shared by build, test and bench (a target installs its packages before them).
define release_build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j$(NPROC)
endef

build:
	@$(DEPS) build
	$(release_build)

debug:
	@$(DEPS) build
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGROCER_SANITIZE=ON
	cmake --build build-asan -j$(NPROC)


# ---- run ----

# ARGS passes more flags to serve, e.g. make run ARGS="--workers 1". Without DATABASE_URL, serve starts
# the private cluster (var/pg), migrates it, and stops it when it exits (Ctrl-C). The demo catalog is
# seeded on the first run (grocer seed does nothing on a seeded database).
run: build
	build/grocer seed --app .
	build/grocer serve --listen "$${GROCER_LISTEN:-127.0.0.1:8000}" --app . $(ARGS)


# ---- tests ----

# The steps of make test, each also a target of its own (no package check, no build).
# The root .busted makes plain busted run spec/01-unit with LuaJIT.
define unit_specs
busted
endef

define integration_specs
env GROCER_BIN=build/grocer busted spec/03-integration
endef

# The browser specs: headless Chromium (/usr/bin/chromium) driven by playwright-core, pinned in
# spec/04-browser/package-lock.json and installed there by npm ci (node_modules/ is ignored by git),
# only when that lockfile is newer than the install, so a ready machine does not ask the registry.
# Screenshots go to build/screenshots/, the server's logs to build/browser-logs/.
define browser_deps
if [ ! spec/04-browser/node_modules/.package-lock.json -nt spec/04-browser/package-lock.json ]; then \
	cd spec/04-browser && npm ci --no-audit --no-fund --prefer-offline; fi
endef

define browser_specs
env GROCER_BIN=build/grocer node --test-reporter=spec spec/04-browser/run.js
endef

define lint_lua
if [ -f .luacheckrc ]; then luacheck host/lua scripts spec; else echo "no .luacheckrc: luacheck skipped"; fi
endef

# One recipe, in order (also under make -j): packages, release build, then the steps (C tests,
# unit specs, integration specs, browser specs, lint) in one run of .ci/with-test-db.sh, which gives
# them all DATABASE_URL of a throwaway cluster in build/test-var and removes it at the end, even on
# failure.
test:
	@$(DEPS) build test kafka
	$(release_build)
	bash .ci/kafka.sh with bash .ci/with-test-db.sh $(MAKE) --no-print-directory test-steps

# The steps of make test after the build; expects DATABASE_URL (make test sets it).
test-steps:
	ctest --test-dir build --output-on-failure
	$(unit_specs)
	$(integration_specs)
	$(browser_deps)
	$(browser_specs)
	$(lint_lua)

unit:
	$(unit_specs)

integration:
	bash .ci/kafka.sh with bash .ci/with-test-db.sh $(integration_specs)

browser:
	$(browser_deps)
	bash .ci/with-test-db.sh $(browser_specs)

lint:
	$(lint_lua)


# ---- the test broker ----

# Apache Kafka in KRaft mode on 127.0.0.1:9092, from Maven Central, with the topics created
# (.ci/kafka.sh). make test starts and stops it by itself (.ci/kafka.sh with ...).
kafka-start:
	@$(DEPS) kafka
	bash .ci/kafka.sh start

kafka-stop:
	bash .ci/kafka.sh stop


# ---- fuzz ----

# New inputs go to build-fuzz/corpus (libFuzzer writes into its first corpus folder), so the seeds
# in fuzz/corpus/request stay as committed; crashes land in fuzz/crash-* (ignored by git).
fuzz:
	@$(DEPS) build fuzz
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGROCER_FUZZ=ON -DGROCER_SANITIZE=ON
	cmake --build build-fuzz --target request_fuzz -j$(NPROC)
	mkdir -p build-fuzz/corpus
	build-fuzz/request_fuzz -max_total_time=$${FUZZ_SECONDS:-60} -artifact_prefix=fuzz/ \
		build-fuzz/corpus fuzz/corpus/request


# ---- bench ----

bench:
	@$(DEPS) build test bench
	$(release_build)
	bash bench/run.sh


# ---- housekeeping ----

# Installs every group of .ci/deps.sh; the targets above install only the groups they need.
deps:
	$(DEPS) all

# build/tools/ holds the tools bench/run.sh builds (vegeta), not CMake output: it is kept.
clean:
	bash .ci/kafka.sh stop
	rm -rf build-asan build-fuzz
	if [ -d build ]; then find build -mindepth 1 -maxdepth 1 ! -name tools -exec rm -rf {} +; fi
