#!/usr/bin/env bash
# .ci/with-test-db.sh: runs a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster,
# and removes that cluster afterwards whatever the command did (the EXIT trap, also after Ctrl-C).
# `make test` and `make integration` run their steps through it.
#
#   .ci/with-test-db.sh CMD [ARGS...]
#
# The cluster is grocer's own private cluster (`grocer cluster start`) with GROCER_VAR set to
# build/test-var (GROCER_TEST_VAR moves it); a cluster left there by an interrupted run is removed
# first, so every run starts from an empty database. When DATABASE_URL is already set, it is used
# as it is and nothing is started. GROCER_BIN names the binary (default build/grocer).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -eq 0 ]]; then
    sed -n '2,11s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi

if [[ -n ${DATABASE_URL:-} ]]; then
    echo "with-test-db: using the DATABASE_URL of the environment" >&2
    exec "$@"
fi

grocer=${GROCER_BIN:-build/grocer}
[[ -x $grocer ]] || { echo "with-test-db: $grocer not found: build it first (make)" >&2; exit 1; }
test_var=${GROCER_TEST_VAR:-$PWD/build/test-var}


cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if ! GROCER_VAR=$test_var "$grocer" cluster remove >/dev/null; then
        echo "with-test-db: could not remove the test cluster of $test_var" >&2
        [[ $rc -ne 0 ]] || rc=1
    fi
    rm -rf "$test_var"
    exit "$rc"
}


GROCER_VAR=$test_var "$grocer" cluster remove >/dev/null 2>&1 || true
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

GROCER_VAR=$test_var "$grocer" cluster start >/dev/null
DATABASE_URL=$(GROCER_VAR=$test_var "$grocer" cluster url)
export DATABASE_URL
echo "with-test-db: DATABASE_URL=$DATABASE_URL" >&2

# Not exec: the trap must run when the command ends.
"$@"
