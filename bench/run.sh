#!/usr/bin/env bash
# bench/run.sh: `make bench`. Measures grocer side by side with the reference stack (nginx +
# lua-nginx-module from Debian, set up as OpenResty would be) on this machine, interleaved
# (grocer, nginx, grocer, nginx…), and writes build/bench/results.md; then bench/catalog.sh
# (the storefront's catalog pages and search, build/bench/catalog.md). Helpers: bench/lib.sh.
#
# It installs what it lacks (Debian packages; vegeta built with the machine's Go into
# build/tools), starts nginx (prefix build/bench/nginx) and `build/grocer serve --app bench/app`
# on loopback ports it checked were free, checks both answer the same pages, runs wrk (closed
# loop) and vegeta (open loop, fixed rate), prints a markdown table, and stops what it started
# by the PIDs it recorded (also on Ctrl-C and errors). It never signals another process.
#
# The TechEmpower database tests (db queries updates fortunes) run against one PostgreSQL 15
# cluster of the benchmark's own (build/bench/pg, loopback TCP on PG_PORT, loaded from
# bench/sql/schema.sql), which both servers reach over TCP with POOL_SIZE connections per
# worker: grocer through its pool (DATABASE_URL, GROCER_DB_POOL_MAX), nginx through pgmoon
# (PGMOON_DIR, never part of this repository) with an ngx.semaphore-capped keepalive pool. The
# cluster is stopped at the end if this run started it. Without pgmoon only grocer is measured.
#
# Settings (environment):
#   DURATION=10s     each measured wrk run            REPEAT=3      runs per server (median shown)
#   WARMUP=3s        wrk warm-up per server and test  CONNS="256 64" wrk connection counts
#   RATE=20000       open-loop requests/s (vegeta)    RATE_DURATION=10s  each open-loop run
#   WORKERS=2        worker processes of both servers
#   TESTS="plaintext json page openloop db queries updates fortunes catalog"   a subset to run
#                    (page includes nginx's static copy; catalog runs bench/catalog.sh at the end)
#   NGINX_PORT=18080 GROCER_PORT=18081     GROCER=build/grocer   OUT=build/bench
#   VEGETA_VERSION=v12.13.0
#   Database tests: PG_PORT=5499 (loopback TCP)  POOL_SIZE=16 (connections per worker, both)
#   POOL_MODE=sema (nginx: semaphore-capped pool; or backlog, unbounded)  QUERIES=20 (q of
#   /queries and /updates)  PGMOON_DIR=dir with pgmoon.lua and pgmoon/ (a `git archive` of
#   leafo/pgmoon), or PGMOON_GIT=a git dir of leafo/pgmoon + PGMOON_REF=v1.16.0
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-10s}
REPEAT=${REPEAT:-3}
WARMUP=${WARMUP:-3s}
CONNS=${CONNS:-256 64}
RATE=${RATE:-20000}
RATE_DURATION=${RATE_DURATION:-10s}
WORKERS=${WORKERS:-2}
TESTS=${TESTS:-plaintext json page openloop db queries updates fortunes catalog}
NGINX_PORT=${NGINX_PORT:-18080}
GROCER_PORT=${GROCER_PORT:-18081}
GROCER=${GROCER:-$ROOT/build/grocer}
OUT=${OUT:-$ROOT/build/bench}
OUT=$(realpath -m "$OUT")   # nginx -p needs an absolute prefix
VEGETA_VERSION=${VEGETA_VERSION:-v12.13.0}
PG_PORT=${PG_PORT:-5499}
POOL_SIZE=${POOL_SIZE:-16}
POOL_MODE=${POOL_MODE:-sema}
QUERIES=${QUERIES:-20}
PGMOON_DIR=${PGMOON_DIR:-}
PGMOON_GIT=${PGMOON_GIT:-}
PGMOON_REF=${PGMOON_REF:-v1.16.0}

TOOLS=$ROOT/build/tools
VEGETA=$TOOLS/vegeta
NGX=$OUT/nginx
RAW=$OUT/raw
NGINX_URL=http://127.0.0.1:$NGINX_PORT
GROCER_URL=http://127.0.0.1:$GROCER_PORT
GROCER_LOG=$OUT/grocer-access.log
GROCER_ERR=$OUT/grocer-stderr.log
DB_TESTS="db queries updates fortunes"
PGBIN=
PGDATA=$OUT/pg
PGSOCK=$OUT/pgsock

NGINX_PID=
GROCER_PID=
GROCER_CHILDREN=
LOADGEN_PID=
PG_PID=           # the cluster's postmaster, when the database tests run
PG_STARTED=       # set when this run started it (then it also stops it)
NGINX_DB=0        # 1 when nginx has pgmoon and serves the database tests

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"   # log, die, ports, PostgreSQL, the servers' stop, CPU accounting

for v in REPEAT RATE WORKERS NGINX_PORT GROCER_PORT PG_PORT POOL_SIZE QUERIES; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
for t in $TESTS; do
    case $t in plaintext|json|page|openloop|db|queries|updates|fortunes|catalog) ;; *) die "unknown test '$t' in TESTS" ;; esac
done
case $POOL_MODE in sema|backlog|unbounded) ;; *) die "POOL_MODE must be sema, backlog or unbounded" ;; esac

db_tests_on() {   # true when TESTS has a database test
    local t
    for t in $TESTS; do
        [[ " $DB_TESTS " == *" $t "* ]] && return 0
    done
    return 1
}


# ---- 1. what it needs ---------------------------------------------------------------------------

install_packages() {
    local pkgs=(wrk nginx-light libnginx-mod-http-lua lua-resty-core lua-cjson curl procps iproute2)
    command -v python3 >/dev/null || pkgs+=(python3)
    db_tests_on && pkgs+=(postgresql-15 postgresql-client-15)
    install_debs "${pkgs[@]}"
}


# ---- 2. PostgreSQL and pgmoon, for the database tests ---------------------------------------------

load_db() {
    if ! psql_as postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'bench'" | grep -q 1; then
        psql_as postgres -d postgres -c "CREATE ROLE bench LOGIN"
    fi
    if ! psql_as postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1; then
        psql_as postgres -d postgres -c "CREATE DATABASE bench OWNER bench"
    fi
    log "loading world (10,000 rows) and fortune (12 rows) into database bench"
    psql_as bench -d bench -f - < "$HERE/sql/schema.sql" >/dev/null || die "could not load $HERE/sql/schema.sql"
}


# ---- 3. the servers -----------------------------------------------------------------------------

start_nginx() {
    mkdir -p "$NGX"/tmp/{body,proxy,fastcgi,uwsgi,scgi} "$NGX/www/static"
    : > "$NGX/error.log"; : > "$NGX/access.log"
    # Workers run as whoever runs the benchmark, like grocer (they read files under build/).
    local user=""
    [[ $(id -u) -eq 0 ]] && user="user root root;"
    # the database tests' handlers, when pgmoon is there (PostgreSQL is then up already)
    local pgmoon="" db_init="" db_init_worker="" pool_opts
    if [[ $NGINX_DB == 1 ]]; then
        case $POOL_MODE in
            sema)      pool_opts="pool_size = $POOL_SIZE, limit = $POOL_SIZE" ;;
            backlog)   pool_opts="pool_size = $POOL_SIZE, backlog = 4096" ;;
            unbounded) pool_opts="pool_size = $POOL_SIZE" ;;
        esac
        pgmoon="$PGMOON_DIR/?.lua;$PGMOON_DIR/?/init.lua;"
        db_init="require(\"ref_db\").configure{ host = \"127.0.0.1\", port = $PG_PORT, database = \"bench\", user = \"bench\", $pool_opts }"
        db_init_worker='require("ref_db").init_worker()'
    fi
    sed -e "s|@NGX@|$NGX|g" -e "s|@BENCH@|$HERE|g" -e "s|@PORT@|$NGINX_PORT|g" \
        -e "s|@WORKERS@|$WORKERS|g" -e "s|@USER@|$user|" \
        -e "s|@LUA_CPATH@|/usr/lib/$(uname -m)-linux-gnu/lua/5.1/?.so|" \
        -e "s|@PGMOON@|$pgmoon|" -e "s|@DB_INIT@|$db_init|" -e "s|@DB_INIT_WORKER@|$db_init_worker|" \
        "$HERE/nginx/nginx.conf.in" > "$NGX/nginx.conf"
    launch_nginx "nginx + lua"
}

start_grocer() {
    : > "$GROCER_LOG"; : > "$GROCER_ERR"
    log "starting grocer ($WORKERS workers) on $GROCER_URL"
    # The bench's cluster over loopback TCP, as pgmoon reaches it, with nginx's pool size.
    local dbenv=()
    if db_tests_on; then
        dbenv=("DATABASE_URL=postgresql://bench@127.0.0.1:$PG_PORT/bench?sslmode=disable&application_name=grocer"
               "GROCER_DB_POOL_MAX=$POOL_SIZE" "GROCER_DB_POOL_MIN=$POOL_SIZE")
    fi
    # Access log (stdout) to a file opened O_APPEND, so it can be emptied between runs.
    env GROCER_VAR="$OUT/var" "${dbenv[@]}" "$GROCER" serve --listen "127.0.0.1:$GROCER_PORT" \
        --workers "$WORKERS" --app "$HERE/app" >> "$GROCER_LOG" 2>> "$GROCER_ERR" &
    GROCER_PID=$!
    await_grocer /plaintext
}


# ---- 4. both answer, with the same pages ----------------------------------------------------------

check() {   # what command...
    local what=$1; shift
    "$@" || die "check failed: $what (answers in $OUT/check; listening: $(ss -Hltnp "( sport = :$NGINX_PORT or sport = :$GROCER_PORT )" | grep -o 'users:.*' | tr '\n' ' '))"
}

verify() {
    local d=$OUT/check s
    mkdir -p "$d"
    for s in grocer nginx; do
        local url=$GROCER_URL; [[ $s == nginx ]] && url=$NGINX_URL
        curl -fsS -o "$d/$s.plaintext" "$url/plaintext" || die "$s /plaintext: no 200"
        check "$s /plaintext says Hello, World!" grep -qx 'Hello, World!' "$d/$s.plaintext"
        curl -fsS -o "$d/$s.json" "$url/json" || die "$s /json: no 200"
        check "$s /json" python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == {"message": "Hello, World!"}' "$d/$s.json"
        curl -fsS -D "$d/$s.page.h" -o "$d/$s.page" "$url/page" || die "$s /page: no 200"
        check "$s /page is text/html" grep -qi '^content-type: text/html' "$d/$s.page.h"
        check "$s /page has 24 products" test "$(grep -o '<li class="product">' "$d/$s.page" | wc -l)" -eq 24
        check "$s /page escapes names" grep -qF '&lt;b&gt;&quot;đặc biệt&quot;&lt;/b&gt; &amp; ' "$d/$s.page"
        check "$s /page has no raw <b>" bash -c "! grep -qF '<b>' '$d/$s.page'"
        check "$s /page prices" grep -qF '1.250.500 ₫<' "$d/$s.page"
        check "$s /page i18n strings" grep -qF 'Thêm vào giỏ' "$d/$s.page"
    done
    local g n
    g=$(stat -c%s "$d/grocer.page"); n=$(stat -c%s "$d/nginx.page")
    if ! cmp -s "$d/grocer.page" "$d/nginx.page"; then
        log "the two /page bodies differ ($g vs $n bytes):"
        diff <(sed 's/></>\n</g' "$d/grocer.page") <(sed 's/></>\n</g' "$d/nginx.page") | head -20 >&2 || true
        (( g - n <= 16 && n - g <= 16 )) || die "/page bodies differ by more than 16 bytes"
    fi
    cp "$d/nginx.page" "$NGX/www/static/page.html"
    curl -fsS -o "$d/static" "$NGINX_URL/static/page.html" || die "nginx /static/page.html: no 200"
    check "static page = nginx /page" cmp -s "$d/static" "$d/nginx.page"
    SIZES="plaintext $(stat -c%s "$d/grocer.plaintext")/$(stat -c%s "$d/nginx.plaintext"), json $(stat -c%s "$d/grocer.json")/$(stat -c%s "$d/nginx.json"), page $g/$n (grocer/nginx)"
    log "ok: both answer, same content; body bytes: $SIZES"
}

# The TechEmpower output checks (bench/tfb_check.py), the same for both servers, before any
# database test is measured; psql reads back what /updates wrote.
verify_db() {
    local d=$OUT/check s url
    local psql=("$PGBIN/psql" -X -h "$PGSOCK" -p "$PG_PORT" -U bench -d bench)
    [[ $(id -u) -eq 0 ]] && psql=(runuser -u postgres -- "${psql[@]}")
    for s in grocer nginx; do
        [[ $s == nginx && $NGINX_DB != 1 ]] && continue
        url=$GROCER_URL; [[ $s == nginx ]] && url=$NGINX_URL
        if ! python3 "$HERE/tfb_check.py" "$s" "$url" "${psql[@]}" > "$d/$s.tfb" 2>&1; then
            sed 's/^/    /' "$d/$s.tfb" >&2
            die "$s fails the TechEmpower output checks (above; answers in $d)"
        fi
        curl -fsS -D "$d/$s.fortunes.h" -o "$d/$s.fortunes" "$url/fortunes" || die "$s /fortunes: no 200"
        curl -fsS -o "$d/$s.queries" "$url/queries?q=$QUERIES" || die "$s /queries: no 200"
    done
    local g n
    g=$(stat -c%s "$d/grocer.fortunes")
    if [[ $NGINX_DB == 1 ]]; then
        n=$(stat -c%s "$d/nginx.fortunes")
        cmp -s "$d/grocer.fortunes" "$d/nginx.fortunes" \
            || log "note: the two /fortunes bodies differ ($g vs $n bytes), though both pass the checks"
        SIZES+=", fortunes $g/$n, queries?q=$QUERIES $(stat -c%s "$d/grocer.queries")/$(stat -c%s "$d/nginx.queries")"
        log "ok: both pass the TechEmpower checks of $DB_TESTS"
    else
        SIZES+=", fortunes $g/–, queries?q=$QUERIES $(stat -c%s "$d/grocer.queries")/–"
        log "ok: grocer passes the TechEmpower checks of $DB_TESTS (nginx skipped: no pgmoon)"
    fi
}


# ---- 5. measuring -------------------------------------------------------------------------------


wrk_run() {   # server conns path duration file
    local server=$1 c=$2 path=$3 dur=$4 file=$5 pid url
    read -r pid url <<< "$(target "$server")"
    port_ours "${url##*:}" "$pid" || die "$server: another process now listens on its port ${url##*:}"
    measured "$server" "${file%.wrk}.cpu" wrk -t2 -c"$c" -d"$dur" --latency "$url$path" > "$file"
}

test_path() {   # test -> the path wrk asks for
    case $1 in
        queries|updates) echo "/$1?q=$QUERIES" ;;
        *) echo "/$1" ;;
    esac
}

run_closed() {   # test conns: warm-up then REPEAT interleaved rounds
    local test=$1 c=$2 i s path
    path=$(test_path "$test")
    local runs=("grocer $path")
    # the database tests run on nginx only when it has pgmoon
    [[ " $DB_TESTS " != *" $test "* || $NGINX_DB == 1 ]] && runs+=("nginx $path")
    [[ $test == page ]] && runs+=("nginx /static/page.html")
    log "wrk $test -c$c: warm-up $WARMUP each, then $REPEAT x ${DURATION} per server, interleaved"
    for s in "${runs[@]}"; do
        set -- $s
        wrk_run "$1" "$c" "$2" "$WARMUP" "$RAW/warmup.wrk"
    done
    for i in $(seq "$REPEAT"); do
        for s in "${runs[@]}"; do
            set -- $s
            local who=$1; [[ $2 == /static/* ]] && who=static
            sleep 1
            wrk_run "$1" "$c" "$2" "$DURATION" "$RAW/$test-c$c.$who.$i.wrk"
            log "  $who #$i: $(awk '/Requests\/sec/ {print $2 " req/s"}' "$RAW/$test-c$c.$who.$i.wrk")"
        done
    done
}

vegeta_run() {   # server duration file
    local pid url
    read -r pid url <<< "$(target "$1")"
    port_ours "${url##*:}" "$pid" || die "$1: another process now listens on its port ${url##*:}"
    # Open loop: requests leave at RATE whatever the answers do; keep-alive connections, up to
    # 512 of them (a worker per connection), so a slow server is seen as latency, not as a
    # lower rate; 5 s timeout.
    echo "GET $url/plaintext" > "$OUT/vegeta.targets"
    measured "$1" "${3%.json}.cpu" "$VEGETA" attack -targets="$OUT/vegeta.targets" \
        -rate="$RATE/s" -duration="$2" -keepalive=true -workers=32 -max-workers=512 \
        -connections=512 -max-connections=512 -timeout=5s -output="$OUT/vegeta.bin"
    "$VEGETA" report -type=json "$OUT/vegeta.bin" > "$3"
    rm -f "$OUT/vegeta.bin"
}

run_open() {
    local i s
    log "vegeta /plaintext at $RATE req/s: warm-up $WARMUP each, then $REPEAT x $RATE_DURATION per server, interleaved"
    for s in grocer nginx; do vegeta_run "$s" "$WARMUP" "$RAW/warmup.json"; done
    for i in $(seq "$REPEAT"); do
        for s in grocer nginx; do
            sleep 1
            vegeta_run "$s" "$RATE_DURATION" "$RAW/openloop.$s.$i.json"
            log "  $s #$i: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); l=r["latencies"]; print("p50 %.2f ms, p99 %.2f ms, max %.1f ms, success %.4f" % (l["50th"]/1e6, l["99th"]/1e6, l["max"]/1e6, r["success"]))' "$RAW/openloop.$s.$i.json")"
        done
    done
}

describe() {
    local m0 m1
    m0=$(machine_busy); sleep 1; m1=$(machine_busy)
    IDLE_LOAD=$(( (m1 - m0) * 100 / $(getconf CLK_TCK) ))
    ((IDLE_LOAD < 10)) || log "warning: other processes use $IDLE_LOAD % of a core before the benchmark: expect noise"
    {
        echo "date=$(date -u +%FT%TZ)"
        echo "machine=$(nproc) x $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), kernel $(uname -r)"
        echo "nginx=$(nginx -v 2>&1 | sed 's/.*: //') + lua-nginx-module $(dpkg-query -W -f='${Version}' libnginx-mod-http-lua 2>/dev/null)"
        echo "grocer=$("$GROCER" version 2>/dev/null | head -1)"
        echo "wrk=$(dpkg-query -W -f='${Version}' wrk 2>/dev/null) vegeta=$VEGETA_VERSION"
        echo "settings=DURATION=$DURATION REPEAT=$REPEAT WARMUP=$WARMUP CONNS=\"$CONNS\" RATE=$RATE RATE_DURATION=$RATE_DURATION WORKERS=$WORKERS"
        echo "sizes=$SIZES"
        echo "idle_load=$IDLE_LOAD"
        if db_tests_on; then
            echo "postgresql=$("$PGBIN/postgres" --version | sed 's/.*) //') (loopback TCP, shared_buffers 256MB, synchronous_commit off, jit off)"
            echo "pgmoon=${PGMOON_VERSION:-missing}"
            echo "db_settings=POOL_SIZE=$POOL_SIZE per worker on both sides, nginx POOL_MODE=$POOL_MODE, QUERIES=$QUERIES"
        fi
    } > "$RAW/machine.txt"
}


# ---- main ---------------------------------------------------------------------------------------

main() {
    install_packages
    if [[ " $TESTS " == *" openloop "* ]] && ! install_vegeta; then
        log "skipping the open-loop test"
        TESTS=${TESTS//openloop/}
    fi
    build_grocer
    port_free "$NGINX_PORT" || die "port $NGINX_PORT (NGINX_PORT) is in use"
    port_free "$GROCER_PORT" || die "port $GROCER_PORT (GROCER_PORT) is in use"
    rm -rf "$RAW"; mkdir -p "$RAW" "$NGX"
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if db_tests_on; then
        find_pgmoon "the database tests ($DB_TESTS)"
        start_pg
        load_db
    fi
    start_nginx
    start_grocer
    verify
    db_tests_on && verify_db
    describe
    local t c
    for t in $TESTS; do
        case $t in
            openloop) run_open ;;
            catalog) ;;   # bench/catalog.sh, after this run's results
            *) for c in $CONNS; do run_closed "$t" "$c"; done ;;
        esac
    done
    stop_servers
    stop_pg
    grep -E '\[(error|crit|alert|emerg)\]' "$NGX/error.log" > "$RAW/nginx-errors.txt" || true
    grep -Ev '^[^ ]+ (info|debug) ' "$GROCER_ERR" > "$RAW/grocer-errors.txt" || true
    python3 "$HERE/summarize.py" "$RAW" | tee "$OUT/results.md"
    log "results: $OUT/results.md (raw runs in $RAW)"
    if [[ " $TESTS " == *" catalog "* ]]; then env -u TESTS bash "$HERE/catalog.sh"; fi
}

main "$@"
