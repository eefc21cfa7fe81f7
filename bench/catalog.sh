#!/usr/bin/env bash
# bench/catalog.sh: the storefront's catalog under load (issue 6), side by side with the reference
# stack in the same run, interleaved (grocer, reference, grocer, reference…), median of REPEAT runs.
# `make bench` runs it after bench/run.sh (TESTS word "catalog" there); it writes
# build/bench/catalog.md.
#
#   category  grocer GET /vi/c/<slug>?page=N (~1,000 URLs over the categories and their pages)
#             vs the reference's /products?category=SLUG&page=N: nginx + lua-nginx-module +
#             pgmoon reading PostgreSQL per page, 24 items of 50,000 in 20 categories, as in
#             ../shared/anchors (bench/catalog/ref_catalog.lua, sql/listing.sql)
#   product   grocer GET /vi/p/<slug> (1,000 product slugs from the database); no reference
#   search    grocer GET /api/v1/search?q= over the 200 queries of bench/catalog/queries.txt vs
#             the reference's /search?q=: PostgreSQL full-text search with unaccent and pg_trgm
#             over grocer's own products table (sql/search.sql), one parameterised query
#   open-category, open-search   vegeta, open loop at a fixed rate (PAGE_RATE, SEARCH_RATE)
#             against grocer (and the reference with OPEN_REF=1): p50, p99, max
#   <test>-sale   the same while the stock changes as in a sale (sql/sale.sql: SALE_RATE
#             transactions a second of SALE_ROWS stock rows each, during both servers' runs):
#             every change moves grocer's catalog.version(), which empties its answer caches
#
# One PostgreSQL 15 cluster of the benchmark's own (the one bench/run.sh uses: build/bench/pg,
# loopback TCP on PG_PORT) holds grocer's schema and demo catalog (`grocer migrate`, `grocer seed`,
# in database GROCER_DB; seeded again when scripts/seed or migrations change, or RESEED=1) and
# the reference's listing database. Both servers log one JSON line per request to a file.
# Everything it starts is stopped by the PID it recorded, also on Ctrl-C and errors; it refuses
# ports that are taken and never signals another process. Without pgmoon (PGMOON_DIR) only grocer
# is measured, and it says so.
#
# Settings (environment):
#   DURATION=10s  REPEAT=3  WARMUP=3s  CONNS="256 64"   as bench/run.sh (wrk -t2 -cN)
#   PAGE_RATE=5000  SEARCH_RATE=2000  RATE_DURATION=10s   open-loop rates (vegeta) and run length
#   OPEN_REF=0      1: the open-loop tests also hit the reference (it cannot keep up: long runs)
#   TESTS="category category-sale product search search-sale open-category open-category-sale
#          open-search open-search-sale"   a subset to run (product-sale too)
#   SALE_RATE=20  SALE_ROWS=5   the sale's transactions a second and stock rows per transaction
#   WORKERS=2  POOL_SIZE=16 (PostgreSQL connections per worker, both servers)  PG_PORT=5499
#   NGINX_PORT=18082  GROCER_PORT=18083  GROCER=build/grocer  OUT=build/bench  GROCER_DB=grocer
#   SEARCH_PATH="/api/v1/search?q="   grocer's search URL, the query appended URL-encoded
#   PAGE_SIZE=24    products per category page, to list the pages that exist  RESEED=0
#   PGMOON_DIR / PGMOON_GIT + PGMOON_REF=v1.16.0   pgmoon for the reference, as bench/run.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-10s}
REPEAT=${REPEAT:-3}
WARMUP=${WARMUP:-3s}
CONNS=${CONNS:-256 64}
PAGE_RATE=${PAGE_RATE:-5000}
SEARCH_RATE=${SEARCH_RATE:-2000}
RATE_DURATION=${RATE_DURATION:-10s}
OPEN_REF=${OPEN_REF:-0}
TESTS=${TESTS:-category category-sale product search search-sale open-category open-category-sale open-search open-search-sale}
SALE_RATE=${SALE_RATE:-20}
SALE_ROWS=${SALE_ROWS:-5}
WORKERS=${WORKERS:-2}
POOL_SIZE=${POOL_SIZE:-16}
PG_PORT=${PG_PORT:-5499}
NGINX_PORT=${NGINX_PORT:-18082}
GROCER_PORT=${GROCER_PORT:-18083}
GROCER=${GROCER:-$ROOT/build/grocer}
OUT=${OUT:-$ROOT/build/bench}
OUT=$(realpath -m "$OUT")   # nginx -p needs an absolute prefix
GROCER_DB=${GROCER_DB:-grocer}
SEARCH_PATH=${SEARCH_PATH:-/api/v1/search?q=}
PAGE_SIZE=${PAGE_SIZE:-24}
RESEED=${RESEED:-0}
VEGETA_VERSION=${VEGETA_VERSION:-v12.13.0}
PGMOON_DIR=${PGMOON_DIR:-}
PGMOON_GIT=${PGMOON_GIT:-}
PGMOON_REF=${PGMOON_REF:-v1.16.0}

TOOLS=$ROOT/build/tools
VEGETA=$TOOLS/vegeta
WORK=$OUT/catalog              # this script's files; the cluster is OUT's (shared with run.sh)
NGX=$WORK/nginx
RAW=$WORK/raw
LISTS=$WORK/lists
NGINX_URL=http://127.0.0.1:$NGINX_PORT
GROCER_URL=http://127.0.0.1:$GROCER_PORT
GROCER_LOG=$WORK/grocer-access.log
GROCER_ERR=$WORK/grocer-stderr.log
QUERIES_FILE=$HERE/catalog/queries.txt
WRK_SCRIPT=$HERE/catalog/wrk/paths.lua
PGBIN=
PGDATA=$OUT/pg
PGSOCK=$OUT/pgsock

NGINX_PID=
GROCER_PID=
GROCER_CHILDREN=
LOADGEN_PID=
SALE_PID=         # the psql running the sale's stock changes, during a -sale run
PG_PID=
PG_STARTED=
NGINX_DB=0        # 1 when pgmoon is there: the reference runs
LOG_TAG="bench catalog"

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

for v in REPEAT PAGE_RATE SEARCH_RATE WORKERS POOL_SIZE PG_PORT NGINX_PORT GROCER_PORT PAGE_SIZE SALE_RATE SALE_ROWS; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
for t in $TESTS; do
    case $t in category|product|search|open-category|open-search) ;;
        category-sale|product-sale|search-sale|open-category-sale|open-search-sale) ;;
        *) die "unknown test '$t' in TESTS" ;;
    esac
done
[[ $GROCER_DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "GROCER_DB must be a plain database name"

uses() {   # page (category | product | search): true when a test of TESTS asks for it
    local t
    for t in $TESTS; do
        t=${t#open-}
        [[ ${t%-sale} == "$1" ]] && return 0
    done
    return 1
}


# ---- 1. the database: grocer's catalog, the reference's listing ----------------------------------

psql_db() {   # role database psql-args...
    local role=$1 db=$2; shift 2
    psql_as "$role" -d "$db" "$@"
}

ensure_db() {   # name
    if ! psql_db postgres postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; then
        psql_db postgres postgres -c "CREATE DATABASE $1 OWNER bench"
    fi
}

# A fingerprint of what the demo catalog is made from: seeded again when it changes.
seed_sum() {
    (cd "$ROOT" && find migrations scripts/seed -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

load_grocer_db() {
    local url="postgresql://bench@127.0.0.1:$PG_PORT/$GROCER_DB?sslmode=disable"
    local genv=(env GROCER_VAR="$WORK/var" DATABASE_URL="$url")
    if ! psql_db postgres postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'bench'" | grep -q 1; then
        psql_db postgres postgres -c "CREATE ROLE bench LOGIN"
    fi
    ensure_db "$GROCER_DB"
    log "grocer migrate (database $GROCER_DB)"
    "${genv[@]}" "$GROCER" migrate up --app "$ROOT" > "$WORK/migrate.log" 2>&1 \
        || { tail -n 20 "$WORK/migrate.log" >&2; die "grocer migrate failed (log: $WORK/migrate.log)"; }
    local sum force=()
    sum=$(seed_sum)
    if [[ $RESEED == 1 || $(cat "$WORK/seed.sum" 2>/dev/null) != "$sum" ]]; then
        force=(--force)
    fi
    # the reference's search table (owned by the superuser) is rebuilt after the seed anyway
    psql_db postgres "$GROCER_DB" -c "DROP TABLE IF EXISTS ref_search" > /dev/null
    log "grocer seed ${force[*]} (the demo catalog; minutes the first time)"
    local t0=$SECONDS
    "${genv[@]}" "$GROCER" seed --app "$ROOT" "${force[@]}" > "$WORK/seed.log" 2>&1 \
        || { tail -n 20 "$WORK/seed.log" >&2; die "grocer seed failed (log: $WORK/seed.log)"; }
    echo "$sum" > "$WORK/seed.sum"
    if [[ " $TESTS " == *-sale\ * ]]; then
        psql_db postgres "$GROCER_DB" -f - < "$HERE/catalog/sql/sale.sql" > /dev/null \
            || die "could not load $HERE/catalog/sql/sale.sql"
    fi
    PRODUCTS=$(psql_db bench "$GROCER_DB" -tAc "SELECT count(*) FROM products WHERE active")
    log "grocer's catalog: $PRODUCTS active products ($((SECONDS - t0)) s)"
    ((PRODUCTS >= 50000)) || log "warning: fewer than 50,000 active products in the demo catalog"
}

# VACUUM marks a page all-visible only when no snapshot could still miss its rows: a snapshot
# taken during the load (autovacuum's, say) leaves the map unset, and the listing's index-only
# scans then visit the heap. So: again until it is set.
vacuum_until_visible() {   # database table
    local i
    for i in 1 2 3 4 5 6; do
        psql_db bench "$1" -tAc "SELECT relallvisible >= relpages FROM pg_class WHERE relname = '$2'" \
            | grep -q t && return 0
        sleep 1
        psql_db bench "$1" -c "VACUUM $2" > /dev/null
    done
    log "warning: the visibility map of $1.$2 is still not set: its index-only scans read the heap"
}

load_reference_db() {
    ensure_db listing
    log "loading the reference's listing (50,000 products, 20 categories) into database listing"
    psql_db bench listing -f - < "$HERE/catalog/sql/listing.sql" > /dev/null \
        || die "could not load $HERE/catalog/sql/listing.sql"
    vacuum_until_visible listing product
    if uses search; then
        log "building the reference's full-text search (unaccent, pg_trgm) over grocer's products"
        psql_db postgres "$GROCER_DB" -f - < "$HERE/catalog/sql/search.sql" > /dev/null \
            || die "could not load $HERE/catalog/sql/search.sql"
    fi
}

# The URL lists the load generators cycle through, from the database.
make_lists() {
    mkdir -p "$LISTS"
    # grocer: every category (an aisle lists its subcategories' products too) and each of its
    # pages up to 50, spread evenly down to 1,000 URLs
    psql_db bench "$GROCER_DB" -tA -F $'\t' -c "
        WITH RECURSIVE tree (root, id) AS (
            SELECT id, id FROM categories
            UNION ALL
            SELECT t.root, c.id FROM tree t JOIN categories c ON c.parent_id = t.id)
        SELECT c.slug, count(p.id)
        FROM categories c JOIN tree t ON t.root = c.id
        JOIN products p ON p.category_id = t.id AND p.active
        GROUP BY c.id, c.slug ORDER BY c.id" > "$LISTS/categories.tsv"
    python3 "$HERE/catalog/check.py" pages "$LISTS/categories.tsv" "$PAGE_SIZE" 50 1000 \
        '/vi/c/%s?page=%d' > "$LISTS/grocer-category.txt"
    psql_db bench "$GROCER_DB" -tA -c "SELECT '/vi/p/' || slug FROM products WHERE active
                                       ORDER BY md5(id::text) LIMIT 1000" > "$LISTS/grocer-product.txt"
    # the reference: 20 categories x pages 1..50, as ../shared/anchors/wrk/products.lua
    if [[ $NGINX_DB == 1 ]]; then
        psql_db bench listing -tA -c "SELECT slug FROM category ORDER BY k" \
            | awk '{ s[NR] = $1 } END { for (p = 1; p <= 50; p++) for (i = 1; i <= NR; i++)
                   printf "/products?category=%s&page=%d\n", s[i], p }' > "$LISTS/nginx-category.txt"
    fi
    log "URL lists: $(wc -l < "$LISTS/grocer-category.txt") grocer category pages over" \
        "$(wc -l < "$LISTS/categories.tsv") categories, $(wc -l < "$LISTS/grocer-product.txt") products," \
        "$(grep -vc '^#' "$QUERIES_FILE") queries"
}


# ---- 2. the servers -----------------------------------------------------------------------------

start_nginx() {
    mkdir -p "$NGX"/tmp/{body,proxy,fastcgi,uwsgi,scgi}
    : > "$NGX/error.log"; : > "$NGX/access.log"
    local user=""
    [[ $(id -u) -eq 0 ]] && user="user root root;"
    sed -e "s|@NGX@|$NGX|g" -e "s|@HERE@|$HERE/catalog|g" -e "s|@PORT@|$NGINX_PORT|g" \
        -e "s|@WORKERS@|$WORKERS|g" -e "s|@USER@|$user|" -e "s|@PGMOON@|$PGMOON_DIR|g" \
        -e "s|@LUA_CPATH@|/usr/lib/$(uname -m)-linux-gnu/lua/5.1/?.so|" \
        -e "s|@PG_PORT@|$PG_PORT|" -e "s|@GROCER_DB@|$GROCER_DB|" -e "s|@POOL_SIZE@|$POOL_SIZE|g" \
        "$HERE/catalog/nginx.conf.in" > "$NGX/nginx.conf"
    launch_nginx "the reference, nginx + lua + pgmoon"
}

start_grocer() {
    : > "$GROCER_LOG"; : > "$GROCER_ERR"
    log "starting grocer ($WORKERS workers, --app $ROOT) on $GROCER_URL"
    # Access log (stdout) to a file opened O_APPEND, so it can be emptied between runs.
    env GROCER_VAR="$WORK/var" GROCER_DB_POOL_MAX="$POOL_SIZE" GROCER_DB_POOL_MIN="$POOL_SIZE" \
        DATABASE_URL="postgresql://bench@127.0.0.1:$PG_PORT/$GROCER_DB?sslmode=disable&application_name=grocer" \
        "$GROCER" serve --listen "127.0.0.1:$GROCER_PORT" --workers "$WORKERS" --app "$ROOT" \
        >> "$GROCER_LOG" 2>> "$GROCER_ERR" &
    GROCER_PID=$!
    # the read model loads the catalog at start: pages answer 503 until it has
    local first
    first=$(head -1 "$LISTS/grocer-category.txt")
    await_grocer "$first" 1200
}


# ---- 3. every URL answers 200, before anything is measured ----------------------------------------

check_list() {   # server list-file what [prefix]
    local url=$NGINX_URL; [[ $1 == grocer ]] && url=$GROCER_URL
    python3 "$HERE/catalog/check.py" fetch "$url" "$2" ${4:+"$4"} > "$WORK/check/$1-$3.txt" \
        || { head -n 20 "$WORK/check/$1-$3.txt" >&2; die "$1: not every $3 URL answers 200 (all answers: $WORK/check/$1-$3.txt)"; }
    BYTES[$1-$3]=$(tail -1 "$WORK/check/$1-$3.txt" | awk '{print $(NF - 5)}')
}

declare -A BYTES   # server-test -> mean body bytes of its answers

verify() {
    mkdir -p "$WORK/check"
    if uses category; then
        check_list grocer "$LISTS/grocer-category.txt" category
        [[ $NGINX_DB == 1 ]] && check_list nginx "$LISTS/nginx-category.txt" category
    fi
    uses product && check_list grocer "$LISTS/grocer-product.txt" product
    if uses search; then
        check_list grocer "$QUERIES_FILE" search "$SEARCH_PATH"
        [[ $NGINX_DB == 1 ]] && check_list nginx "$QUERIES_FILE" search "/search?q="
        if [[ $NGINX_DB == 1 ]]; then
            python3 "$HERE/catalog/check.py" compare "$WORK/check/grocer-search.txt" \
                "$WORK/check/nginx-search.txt" > "$WORK/search-hits.md"
        fi
    fi
    SIZES="category pages ${BYTES[grocer-category]:-–} / ${BYTES[nginx-category]:-–},"
    SIZES+=" product pages ${BYTES[grocer-product]:-–} / –, search ${BYTES[grocer-search]:-–} / ${BYTES[nginx-search]:-–}"
    SIZES+=" (grocer / reference, mean bytes a body)"
    log "ok: every URL answers 200; $SIZES"
}


# ---- 4. measuring -------------------------------------------------------------------------------

seconds() {   # a wrk/vegeta duration (10s, 500ms, 2m) -> seconds
    case $1 in
        *ms) awk -v v="${1%ms}" 'BEGIN { print v / 1000 }' ;;
        *s)  echo "${1%s}" ;;
        *m)  echo $(( ${1%m} * 60 )) ;;
        *h)  echo $(( ${1%h} * 3600 )) ;;
        *)   echo "$1" ;;
    esac
}

outbox_seq() {
    psql_db bench "$GROCER_DB" -tAc "SELECT coalesce(max(id), 0) FROM outbox"
}

# Runs a load generator as lib.sh's measured() does; for a -sale test, with the sale's stock
# changes (sql/sale.sql) running for the same time beside it, and their number added to the
# run's .cpu file.
measured_sale() {   # test server cpu-file duration command...
    local test=$1 server=$2 cpu=$3 dur=$4 seq0 seq1; shift 4
    if [[ $test != *-sale ]]; then
        measured "$server" "$cpu" "$@"
        return
    fi
    seq0=$(outbox_seq)
    psql_db bench "$GROCER_DB" -c "CALL bench_sale($SALE_RATE, $SALE_ROWS, $(seconds "$dur"))" > /dev/null &
    SALE_PID=$!
    measured "$server" "$cpu" "$@"
    wait "$SALE_PID" || log "warning: the sale's stock changes failed (CALL bench_sale)"
    SALE_PID=
    seq1=$(outbox_seq)
    echo "stock_changes=$((seq1 - seq0))" >> "$cpu"
}

wrk_run() {   # server test conns duration file
    local server=$1 test=$2 c=$3 dur=$4 file=$5 pid url args
    read -r pid url <<< "$(target "$server")"
    port_ours "${url##*:}" "$pid" || die "$server: another process now listens on its port ${url##*:}"
    case ${test%-sale} in   # the wrk script's arguments: a list of paths, or the queries and a prefix
        category) args=("$LISTS/$server-category.txt") ;;
        product)  args=("$LISTS/grocer-product.txt") ;;
        search)   args=("$QUERIES_FILE" "$SEARCH_PATH")
                  if [[ $server == nginx ]]; then args[1]="/search?q="; fi ;;
    esac
    measured_sale "$test" "$server" "${file%.wrk}.cpu" "$dur" \
        wrk -t2 -c"$c" -d"$dur" --timeout 5s --latency -s "$WRK_SCRIPT" "$url" -- "${args[@]}" > "$file"
}

run_closed() {   # test conns: warm-up, then REPEAT interleaved rounds
    local test=$1 c=$2 i s servers=(grocer) tag=${1//-/_}
    [[ ${test%-sale} != product && $NGINX_DB == 1 ]] && servers+=(nginx)
    log "wrk $test -c$c: warm-up $WARMUP each, then $REPEAT x $DURATION per server, interleaved"
    for s in "${servers[@]}"; do wrk_run "$s" "$test" "$c" "$WARMUP" "$RAW/warmup.wrk"; done
    for i in $(seq "$REPEAT"); do
        for s in "${servers[@]}"; do
            sleep 1
            wrk_run "$s" "$test" "$c" "$DURATION" "$RAW/$tag-c$c.$s.$i.wrk"
            log "  $s #$i: $(awk '/Requests\/sec/ {r = $2} /Non-2xx/ {e = ", " $NF " non-2xx"} END {print r " req/s" e}' "$RAW/$tag-c$c.$s.$i.wrk")"
        done
    done
}

# vegeta's targets: one GET line per URL of the list, queries URL-encoded.
vegeta_targets() {   # page server file
    local url=$GROCER_URL; [[ $2 == nginx ]] && url=$NGINX_URL
    case $1 in
        category) sed "s|^|GET $url|" "$LISTS/$2-category.txt" > "$3" ;;
        search)   local prefix=$SEARCH_PATH; [[ $2 == nginx ]] && prefix="/search?q="
                  python3 "$HERE/catalog/check.py" targets "$url$prefix" "$QUERIES_FILE" > "$3" ;;
    esac
}

vegeta_run() {   # server test rate duration file
    local server=$1 test=$2 rate=$3 dur=$4 file=$5 pid url
    read -r pid url <<< "$(target "$server")"
    port_ours "${url##*:}" "$pid" || die "$server: another process now listens on its port ${url##*:}"
    vegeta_targets "${test%-sale}" "$server" "$WORK/vegeta.targets"
    # Open loop, as bench/run.sh: requests leave at the rate whatever the answers do, keep-alive,
    # up to 512 connections, 5 s timeout.
    measured_sale "$test" "$server" "${file%.json}.cpu" "$dur" "$VEGETA" attack \
        -targets="$WORK/vegeta.targets" -rate="$rate/s" -duration="$dur" -keepalive=true \
        -workers=32 -max-workers=512 -connections=512 -max-connections=512 -timeout=5s \
        -output="$WORK/vegeta.bin"
    "$VEGETA" report -type=json "$WORK/vegeta.bin" > "$file"
    rm -f "$WORK/vegeta.bin"
}

run_open() {   # test (category | search, -sale or not)
    local test=$1 rate=$PAGE_RATE i s servers=(grocer) tag=${1//-/_}
    [[ ${test%-sale} == search ]] && rate=$SEARCH_RATE
    [[ $OPEN_REF == 1 && $NGINX_DB == 1 ]] && servers+=(nginx)
    log "vegeta $test at $rate req/s: warm-up $WARMUP each, then $REPEAT x $RATE_DURATION per server"
    for s in "${servers[@]}"; do vegeta_run "$s" "$test" "$rate" "$WARMUP" "$RAW/warmup.json"; done
    for i in $(seq "$REPEAT"); do
        for s in "${servers[@]}"; do
            sleep 1
            vegeta_run "$s" "$test" "$rate" "$RATE_DURATION" "$RAW/open-$tag.$s.$i.json"
            log "  $s #$i: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); l=r["latencies"]; print("p50 %.2f ms, p99 %.2f ms, max %.1f ms, success %.4f" % (l["50th"]/1e6, l["99th"]/1e6, l["max"]/1e6, r["success"]))' "$RAW/open-$tag.$s.$i.json")"
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
        echo "pgmoon=${PGMOON_VERSION:-missing}"
        echo "grocer=$("$GROCER" version 2>/dev/null | head -1)"
        echo "postgresql=$("$PGBIN/postgres" --version | sed 's/.*) //')"
        echo "wrk=$(dpkg-query -W -f='${Version}' wrk 2>/dev/null) vegeta=$VEGETA_VERSION"
        echo "settings=DURATION=$DURATION REPEAT=$REPEAT WARMUP=$WARMUP CONNS=\"$CONNS\" PAGE_RATE=$PAGE_RATE SEARCH_RATE=$SEARCH_RATE RATE_DURATION=$RATE_DURATION WORKERS=$WORKERS POOL_SIZE=$POOL_SIZE SALE_RATE=$SALE_RATE SALE_ROWS=$SALE_ROWS"
        echo "catalog=$PRODUCTS active products; URL lists: $(wc -l < "$LISTS/grocer-category.txt") category pages, $(wc -l < "$LISTS/grocer-product.txt") product pages, $(grep -vc '^#' "$QUERIES_FILE") queries"
        echo "search_path=$SEARCH_PATH"
        echo "sizes=$SIZES"
        echo "idle_load=$IDLE_LOAD"
    } > "$RAW/machine.txt"
}


# ---- main ---------------------------------------------------------------------------------------

# lib.sh's on_exit, after the sale's psql (its CALL ends by itself within a run's length).
catalog_exit() {
    local rc=$?
    if [[ -n $SALE_PID ]] && kill -0 "$SALE_PID" 2>/dev/null; then
        kill -TERM "$SALE_PID" 2>/dev/null || true
        wait "$SALE_PID" 2>/dev/null || true
    fi
    (exit "$rc")
    on_exit
}

main() {
    local pkgs=(wrk nginx-light libnginx-mod-http-lua lua-resty-core lua-cjson curl procps iproute2
                postgresql-15 postgresql-client-15)
    command -v python3 >/dev/null || pkgs+=(python3)
    install_debs "${pkgs[@]}"
    if [[ " $TESTS" == *" open-"* ]] && ! install_vegeta; then
        log "skipping the open-loop tests"
        local t kept=
        for t in $TESTS; do [[ $t == open-* ]] || kept+=" $t"; done
        TESTS=$kept
    fi
    build_grocer
    port_free "$NGINX_PORT" || die "port $NGINX_PORT (NGINX_PORT) is in use"
    port_free "$GROCER_PORT" || die "port $GROCER_PORT (GROCER_PORT) is in use"
    rm -rf "$RAW" "$LISTS" "$WORK/check" "$WORK/search-hits.md"; mkdir -p "$RAW" "$NGX" "$WORK"
    trap catalog_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    find_pgmoon "the catalog tests (/products and /search of the reference)"
    start_pg
    load_grocer_db
    [[ $NGINX_DB == 1 ]] && load_reference_db
    make_lists
    [[ $NGINX_DB == 1 ]] && start_nginx
    start_grocer
    verify
    describe
    local t c
    for t in $TESTS; do
        case $t in
            open-*) run_open "${t#open-}" ;;
            *) for c in $CONNS; do run_closed "$t" "$c"; done ;;
        esac
    done
    stop_servers
    stop_pg
    grep -E '\[(error|crit|alert|emerg)\]' "$NGX/error.log" > "$RAW/nginx-errors.txt" 2>/dev/null || true
    grep -Ev '^[^ ]+ (info|debug) ' "$GROCER_ERR" > "$RAW/grocer-errors.txt" || true
    [[ -f $WORK/search-hits.md ]] && cp "$WORK/search-hits.md" "$RAW/"
    python3 "$HERE/catalog/report.py" "$RAW" | tee "$OUT/catalog.md"
    log "results: $OUT/catalog.md (raw runs in $RAW)"
}

# (sourced by a test harness: the functions only)
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
