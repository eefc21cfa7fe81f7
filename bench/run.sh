#!/usr/bin/env bash
# bench/run.sh: `make bench`. Measures grocer side by side with the reference stack (nginx +
# lua-nginx-module from Debian, set up as OpenResty would be) on this machine, interleaved
# (grocer, nginx, grocer, nginx…), and writes build/bench/results.md.
#
# It installs what it lacks (Debian packages; vegeta built with the machine's Go into
# build/tools), starts nginx (prefix build/bench/nginx) and `build/grocer serve --app bench/app`
# on loopback ports it checked were free, checks both answer the same pages, runs wrk (closed
# loop) and vegeta (open loop, fixed rate), prints a markdown table, and stops what it started
# by the PIDs it recorded (also on Ctrl-C and errors). It never signals another process.
#
# Settings (environment):
#   DURATION=10s     each measured wrk run            REPEAT=3      runs per server (median shown)
#   WARMUP=3s        wrk warm-up per server and test  CONNS="256 64" wrk connection counts
#   RATE=20000       open-loop requests/s (vegeta)    RATE_DURATION=10s  each open-loop run
#   WORKERS=2        worker processes of both servers
#   TESTS="plaintext json page openloop"   a subset to run (page includes nginx's static copy)
#   NGINX_PORT=18080 GROCER_PORT=18081     GROCER=build/grocer   OUT=build/bench
#   VEGETA_VERSION=v12.13.0
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
TESTS=${TESTS:-plaintext json page openloop}
NGINX_PORT=${NGINX_PORT:-18080}
GROCER_PORT=${GROCER_PORT:-18081}
GROCER=${GROCER:-$ROOT/build/grocer}
OUT=${OUT:-$ROOT/build/bench}
VEGETA_VERSION=${VEGETA_VERSION:-v12.13.0}

TOOLS=$ROOT/build/tools
VEGETA=$TOOLS/vegeta
NGX=$OUT/nginx
RAW=$OUT/raw
NGINX_URL=http://127.0.0.1:$NGINX_PORT
GROCER_URL=http://127.0.0.1:$GROCER_PORT
GROCER_LOG=$OUT/grocer-access.log
GROCER_ERR=$OUT/grocer-stderr.log

NGINX_PID=
GROCER_PID=
GROCER_CHILDREN=
LOADGEN_PID=

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for v in REPEAT RATE WORKERS NGINX_PORT GROCER_PORT; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
for t in $TESTS; do
    case $t in plaintext|json|page|openloop) ;; *) die "unknown test '$t' in TESTS" ;; esac
done


# ---- 1. what it needs ---------------------------------------------------------------------------

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
    else die "not root and no password-less sudo to run: $*"
    fi
}

install_packages() {
    local pkgs=(wrk nginx-light libnginx-mod-http-lua lua-resty-core lua-cjson curl procps iproute2)
    command -v python3 >/dev/null || pkgs+=(python3)
    local missing=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# vegeta, built from the Go module proxy with the machine's Go; without Go, or when the build
# fails, the open-loop test is skipped and the rest still runs.
install_vegeta() {
    [[ " $TESTS " == *" openloop "* ]] || return 0
    if [[ -x $VEGETA && $(cat "$TOOLS/vegeta.version" 2>/dev/null) == "$VEGETA_VERSION" ]]; then
        return 0
    fi
    local go; go=$(command -v go || echo /usr/local/go/bin/go)
    if [[ ! -x $go ]]; then
        log "no Go on this machine: skipping the open-loop test (vegeta)"
        TESTS=${TESTS//openloop/}
        return 0
    fi
    log "building vegeta $VEGETA_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    if ! GOBIN=$TOOLS "$go" install "github.com/tsenart/vegeta/v12@$VEGETA_VERSION"; then
        log "could not build vegeta: skipping the open-loop test"
        TESTS=${TESTS//openloop/}
        return 0
    fi
    echo "$VEGETA_VERSION" > "$TOOLS/vegeta.version"
}

build_grocer() {
    [[ -x $GROCER ]] && return 0
    [[ $GROCER == "$ROOT/build/grocer" ]] || die "GROCER=$GROCER is not an executable"
    log "no $GROCER: building it"
    cmake -S "$ROOT" -B "$ROOT/build" >/dev/null && cmake --build "$ROOT/build" -j"$(nproc)" >/dev/null \
        || die "could not build grocer"
}

port_free() {   # port
    ! ss -Hltn "sport = :$1" | grep -q .
}

# Every socket listening on the port belongs to the server we started (its master or a
# worker): with SO_REUSEPORT another server of the same user could share it and take half of
# the connections.
port_ours() {   # port pid
    local p pids mine
    mine=" $2 $(ps -o pid= --ppid "$2" | tr -s ' \n' ' ') "
    pids=$(ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)
    [[ -n $pids ]] || return 1
    for p in $pids; do
        [[ $mine == *" $p "* ]] || return 1
    done
}


# ---- 2. the servers -----------------------------------------------------------------------------

start_nginx() {
    mkdir -p "$NGX"/tmp/{body,proxy,fastcgi,uwsgi,scgi} "$NGX/www/static"
    : > "$NGX/error.log"; : > "$NGX/access.log"
    # Workers run as whoever runs the benchmark, like grocer (they read files under build/).
    local user=""
    [[ $(id -u) -eq 0 ]] && user="user root root;"
    sed -e "s|@NGX@|$NGX|g" -e "s|@BENCH@|$HERE|g" -e "s|@PORT@|$NGINX_PORT|g" \
        -e "s|@WORKERS@|$WORKERS|g" -e "s|@USER@|$user|" \
        -e "s|@LUA_CPATH@|/usr/lib/$(uname -m)-linux-gnu/lua/5.1/?.so|" \
        "$HERE/nginx/nginx.conf.in" > "$NGX/nginx.conf"
    rm -f "$NGX/nginx.pid"
    nginx -t -q -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" || die "nginx.conf does not load"
    log "starting nginx + lua ($WORKERS workers) on $NGINX_URL"
    nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log"
    local i
    for i in $(seq 50); do
        [[ -s $NGX/nginx.pid ]] && { NGINX_PID=$(cat "$NGX/nginx.pid"); break; }
        sleep 0.1
    done
    [[ -n $NGINX_PID ]] || die "nginx wrote no pid file (see $NGX/error.log)"
    wait_http "$NGINX_URL/plaintext" "$NGINX_PID" || die "nginx does not answer on $NGINX_URL"
    port_ours "$NGINX_PORT" "$NGINX_PID" || die "another process listens on $NGINX_PORT too: $(ss -Hltnp "sport = :$NGINX_PORT")"
}

start_grocer() {
    : > "$GROCER_LOG"; : > "$GROCER_ERR"
    log "starting grocer ($WORKERS workers) on $GROCER_URL"
    # Access log (stdout) to a file opened O_APPEND, so it can be emptied between runs.
    GROCER_VAR=$OUT/var "$GROCER" serve --listen "127.0.0.1:$GROCER_PORT" --workers "$WORKERS" \
        --app "$HERE/app" >> "$GROCER_LOG" 2>> "$GROCER_ERR" &
    GROCER_PID=$!
    if ! wait_http "$GROCER_URL/plaintext" "$GROCER_PID"; then
        tail -n 20 "$GROCER_ERR" >&2
        die "grocer does not answer on $GROCER_URL (stderr: $GROCER_ERR)"
    fi
    GROCER_CHILDREN=$(ps -o pid= --ppid "$GROCER_PID" | tr '\n' ' ')
    port_ours "$GROCER_PORT" "$GROCER_PID" || die "another process listens on $GROCER_PORT too: $(ss -Hltnp "sport = :$GROCER_PORT")"
}

wait_http() {   # url pid: until the url answers 200, while pid lives; 20 s at most
    local i
    for i in $(seq 200); do
        kill -0 "$2" 2>/dev/null || return 1
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

wait_gone() {   # pid tenths-of-seconds
    local i
    for i in $(seq "$2"); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

stop_servers() {
    if [[ -n $GROCER_PID ]] && kill -0 "$GROCER_PID" 2>/dev/null; then
        log "stopping grocer (pid $GROCER_PID)"
        kill -TERM "$GROCER_PID" 2>/dev/null || true
        if ! wait_gone "$GROCER_PID" 100; then
            log "grocer did not stop in 10 s: SIGKILL to it and the workers it had ($GROCER_CHILDREN)"
            kill -KILL "$GROCER_PID" $GROCER_CHILDREN 2>/dev/null || true
        fi
        wait "$GROCER_PID" 2>/dev/null || true
    fi
    GROCER_PID=
    if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        log "stopping nginx (master pid $NGINX_PID)"
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        wait_gone "$NGINX_PID" 100 || kill -TERM "$NGINX_PID" 2>/dev/null || true
    fi
    NGINX_PID=
}

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $LOADGEN_PID ]] && kill -0 "$LOADGEN_PID" 2>/dev/null; then
        kill -TERM "$LOADGEN_PID" 2>/dev/null || true
        wait "$LOADGEN_PID" 2>/dev/null || true
    fi
    stop_servers
    exit "$rc"
}


# ---- 3. both answer, with the same pages ----------------------------------------------------------

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


# ---- 4. measuring -------------------------------------------------------------------------------

# CPU ticks (user+sys) of a server: its master, its live workers, and the workers it reaped.
tree_ticks() {   # pid
    local sum=0 p f a
    for p in "$1" $(ps -o pid= --ppid "$1"); do
        f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        read -r -a a <<< "${f##*) }"
        sum=$((sum + a[11] + a[12]))
        [[ $p == "$1" ]] && sum=$((sum + a[13] + a[14]))
    done
    echo "$sum"
}

# Lines the server's access log got since the last call (then empties it).
log_lines() {   # server
    local f=$GROCER_LOG n
    [[ $1 == grocer ]] || f=$NGX/access.log   # nginx writes its 64k buffer when full: off by < 1k lines
    n=$(wc -l < "$f")
    : > "$f"
    echo "$n"
}

target() {   # server -> "pid url-prefix"
    case $1 in
        grocer) echo "$GROCER_PID $GROCER_URL" ;;
        nginx)  echo "$NGINX_PID $NGINX_URL" ;;
    esac
}

machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# CPU ticks of the children this shell has waited for (their cutime + cstime).
reaped_ticks() {
    local f a
    read -r f < "/proc/$$/stat"
    read -r -a a <<< "${f##*) }"
    echo $((a[13] + a[14]))
}

# Runs a load generator against a server and writes, beside its output, what the run cost:
# the server's CPU ticks, the load generator's, the whole machine's busy ticks (the rest is
# other processes: noise), the wall time and the access-log lines written. The generator runs
# in the background so that Ctrl-C (which interrupts `wait`) stops the benchmark at once.
measured() {   # server cpu-file command...
    local server=$1 cpu=$2 pid url t0 t1 m0 m1 w0 w1 l0 l1 lines; shift 2
    read -r pid url <<< "$(target "$server")"
    l0=$(reaped_ticks); t0=$(tree_ticks "$pid"); m0=$(machine_busy); w0=$(date +%s%N)
    "$@" &
    LOADGEN_PID=$!
    wait "$LOADGEN_PID"
    LOADGEN_PID=
    t1=$(tree_ticks "$pid"); m1=$(machine_busy); w1=$(date +%s%N); l1=$(reaped_ticks)
    lines=$(log_lines "$server")
    echo "ticks=$((t1 - t0)) hz=$(getconf CLK_TCK) machine_ticks=$((m1 - m0)) wall_ns=$((w1 - w0))" \
         "loadgen_ticks=$((l1 - l0)) log_lines=$lines" > "$cpu"
}


wrk_run() {   # server conns path duration file
    local server=$1 c=$2 path=$3 dur=$4 file=$5 pid url
    read -r pid url <<< "$(target "$server")"
    port_ours "${url##*:}" "$pid" || die "$server: another process now listens on its port ${url##*:}"
    measured "$server" "${file%.wrk}.cpu" wrk -t2 -c"$c" -d"$dur" --latency "$url$path" > "$file"
}

run_closed() {   # test conns: warm-up then REPEAT interleaved rounds
    local test=$1 c=$2 i s path
    local runs=("grocer /$test" "nginx /$test")
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
    } > "$RAW/machine.txt"
}


# ---- main ---------------------------------------------------------------------------------------

main() {
    install_packages
    install_vegeta
    build_grocer
    port_free "$NGINX_PORT" || die "port $NGINX_PORT (NGINX_PORT) is in use"
    port_free "$GROCER_PORT" || die "port $GROCER_PORT (GROCER_PORT) is in use"
    rm -rf "$RAW"; mkdir -p "$RAW" "$NGX"
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_nginx
    start_grocer
    verify
    describe
    local t c
    for t in $TESTS; do
        case $t in
            openloop) run_open ;;
            *) for c in $CONNS; do run_closed "$t" "$c"; done ;;
        esac
    done
    stop_servers
    grep -E '\[(error|crit|alert|emerg)\]' "$NGX/error.log" > "$RAW/nginx-errors.txt" || true
    grep -Ev '^[^ ]+ (info|debug) ' "$GROCER_ERR" > "$RAW/grocer-errors.txt" || true
    python3 "$HERE/summarize.py" "$RAW" | tee "$OUT/results.md"
    log "results: $OUT/results.md (raw runs in $RAW)"
}

main "$@"
