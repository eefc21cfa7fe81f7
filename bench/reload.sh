#!/usr/bin/env bash
# bench/reload.sh: hot reload under load (issue 5, "bench/reload"). Serves a copy of bench/app
# with grocer (WORKERS workers) and runs wrk on /page twice: once without reloads, then once
# while a loop rewrites the page template (alternating two versions) and runs `grocer reload`
# every INTERVAL. APP=store does the same with the full store (a copy of this repository's app,
# seeded with the demo catalog): wrk on the first aisle's category page, the layout template
# alternating, a reload every 2 s by default. Prints req/s, p99, non-2xx and socket errors of both runs, the reloads done
# and failed, and two verdicts: no non-2xx and no socket error during reloads; p99 with reloads
# within 2x of p99 without. Exits 1 when a verdict fails.
#
# Everything lives in one temporary folder (the app copy, GROCER_VAR with the private
# PostgreSQL cluster that `grocer serve` starts, logs). It stops what it started by the PIDs it
# recorded (also on Ctrl-C and errors) and removes the cluster and the folder at the end
# (KEEP=1 keeps the folder). It never signals another process.
#
# Settings (environment):
#   DURATION=30s  each wrk run          INTERVAL=0.25  seconds between reloads
#   CONNS=256     wrk connections       THREADS=2      wrk threads      WORKERS=2
#   WARMUP=3s     wrk warm-up (not measured)           PORT=18091       GROCER=build/grocer
#   APP=bench     or store (INTERVAL then defaults to 2)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-30s}
APP=${APP:-bench}
[[ $APP == bench || $APP == store ]] || { echo "APP must be bench or store, got '$APP'" >&2; exit 1; }
if [[ $APP == store ]]; then INTERVAL=${INTERVAL:-2}; else INTERVAL=${INTERVAL:-0.25}; fi
CONNS=${CONNS:-256}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
WARMUP=${WARMUP:-3s}
PORT=${PORT:-18091}
GROCER=${GROCER:-$ROOT/build/grocer}
GROCER=$(realpath -m "$GROCER")
KEEP=${KEEP:-0}

URL=http://127.0.0.1:$PORT
TMP=
GROCER_PID=
GROCER_CHILDREN=
WRK_PID=
LOOP_PID=

log() { printf '[reload-bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for v in CONNS THREADS WORKERS PORT; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
[[ $INTERVAL =~ ^[0-9]*\.?[0-9]+$ ]] || die "INTERVAL must be a number of seconds, got '$INTERVAL'"
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
[[ -x $GROCER ]] || die "no grocer binary at $GROCER (cmake -S . -B build && cmake --build build, or GROCER=)"


# ---- starting and stopping ------------------------------------------------------------------------

port_free() {   # port
    ! ss -Hltn "sport = :$1" | grep -q .
}

wait_http() {   # url pid: until the url answers 200, while pid lives; 60 s at most (first cluster start)
    for _ in $(seq 600); do
        kill -0 "$2" 2>/dev/null || return 1
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

wait_gone() {   # pid tenths-of-seconds
    for _ in $(seq "$2"); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

stop_pid() {   # pid: TERM, then KILL after 5 s
    [[ -n $1 ]] && kill -0 "$1" 2>/dev/null || return 0
    kill -TERM "$1" 2>/dev/null || true
    wait_gone "$1" 50 || kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$LOOP_PID"
    stop_pid "$WRK_PID"
    if [[ -n $GROCER_PID ]] && kill -0 "$GROCER_PID" 2>/dev/null; then
        log "stopping grocer (pid $GROCER_PID)"
        kill -TERM "$GROCER_PID" 2>/dev/null || true
        if ! wait_gone "$GROCER_PID" 150; then
            log "grocer did not stop in 15 s: SIGKILL to it and its workers ($GROCER_CHILDREN)"
            # shellcheck disable=SC2086  # the PIDs, one word each
            kill -KILL "$GROCER_PID" $GROCER_CHILDREN 2>/dev/null || true
        fi
        wait "$GROCER_PID" 2>/dev/null || true
    fi
    if [[ -n $TMP && -d $TMP ]]; then
        GROCER_VAR=$TMP/var "$GROCER" cluster remove >/dev/null 2>&1 || log "could not remove the cluster in $TMP/var"
        if [[ $KEEP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    fi
    exit "$rc"
}


# ---- measuring ---------------------------------------------------------------------------------------

# wrk output -> "rps p99_ms non2xx socket_errors"
parse_wrk() {   # file
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ {
            gsub(",", "")
            for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) sock += $i
        }
        END { printf "%s %.2f %d %d\n", rps, p99, non2xx, sock }
    ' "$1"
}

# Rewrites the page template to version $1 (a or b), atomically, then reloads; appends
# "ok" or "fail" to the tally file. Runs until killed.
reload_loop() {
    local page=$TMP/app/$TEMPLATE v=a next now
    while :; do
        next=$(( $(date +%s%N) + INTERVAL_NS ))
        cp "$TMP/page.$v.html" "$page.tmp" && mv -f "$page.tmp" "$page"
        if GROCER_VAR=$TMP/var "$GROCER" reload >>"$TMP/reload.log" 2>&1; then
            echo ok >> "$TMP/tally"
        else
            echo fail >> "$TMP/tally"
        fi
        [[ $v == a ]] && v=b || v=a
        now=$(date +%s%N)
        (( next > now )) && sleep "$(awk -v d=$(( next - now )) 'BEGIN { printf "%.3f", d / 1e9 }')"
    done
}

run_wrk() {   # out-file
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$URL$PAGE" > "$1" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || die "wrk failed: $(tail -n 5 "$1")"
    WRK_PID=
}


# ---- the run -------------------------------------------------------------------------------------

port_free "$PORT" || die "port $PORT (PORT) is in use"
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TMP=$(mktemp -d /tmp/grocer-reload-bench.XXXXXX)
mkdir -p "$TMP/var"
if [[ $APP == store ]]; then
    mkdir -p "$TMP/app"
    cp -r "$ROOT/scripts" "$ROOT/templates" "$ROOT/i18n" "$ROOT/static" "$ROOT/migrations" "$TMP/app/"
    TEMPLATE=templates/layouts/base.html
    # the two versions: the same page, a different comment at its end
    { cat "$TMP/app/$TEMPLATE"; echo '<!-- v-a -->'; } > "$TMP/page.a.html"
    { cat "$TMP/app/$TEMPLATE"; echo '<!-- v-b -->'; } > "$TMP/page.b.html"
    MARK='v-[ab] -->'
    log "seeding the demo catalog into the private cluster in $TMP/var"
    env -u DATABASE_URL GROCER_VAR="$TMP/var" "$GROCER" seed --app "$TMP/app" > "$TMP/seed.log" 2>&1 ||
        die "grocer seed failed: $(tail -n 5 "$TMP/seed.log")"
    AISLE=$(env -u DATABASE_URL GROCER_VAR="$TMP/var" "$GROCER" psql -Atc \
        "SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position, id LIMIT 1")
    [[ -n $AISLE ]] || die "no category in the seeded database"
    PAGE=/vi/c/$AISLE
else
    cp -r "$HERE/app" "$TMP/app"
    TEMPLATE=templates/bench/page.html
    # the two versions of the page: the same listing, a different heading
    sed 's|<h1><%= category %></h1>|<h1 class="v-a"><%= category %></h1>|' "$TMP/app/$TEMPLATE" > "$TMP/page.a.html"
    sed 's|<h1><%= category %></h1>|<h1 class="v-b"><%= category %></h1>|' "$TMP/app/$TEMPLATE" > "$TMP/page.b.html"
    MARK='class="v-[ab]"'
    PAGE=/page
fi
cmp -s "$TMP/page.a.html" "$TMP/page.b.html" && die "could not make two versions of $TEMPLATE"
INTERVAL_NS=$(awk -v s="$INTERVAL" 'BEGIN { printf "%d", s * 1e9 }')

log "starting grocer ($WORKERS workers) on $URL, app $TMP/app (private cluster in $TMP/var)"
env -u DATABASE_URL GROCER_VAR="$TMP/var" "$GROCER" serve --listen "127.0.0.1:$PORT" --workers "$WORKERS" \
    --app "$TMP/app" > "$TMP/access.log" 2> "$TMP/grocer.log" &
GROCER_PID=$!
if ! wait_http "$URL$PAGE" "$GROCER_PID"; then
    tail -n 20 "$TMP/grocer.log" >&2
    die "grocer does not answer on $URL"
fi
GROCER_CHILDREN=$(ps -o pid= --ppid "$GROCER_PID" | tr '\n' ' ')

log "warm-up ($WARMUP)"
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$URL$PAGE" > /dev/null 2>&1 || true
: > "$TMP/access.log"

log "wrk -t$THREADS -c$CONNS -d$DURATION $PAGE, no reloads"
run_wrk "$TMP/wrk.plain"

log "wrk -t$THREADS -c$CONNS -d$DURATION $PAGE, reloading every ${INTERVAL}s"
: > "$TMP/tally"
reload_loop &
LOOP_PID=$!
run_wrk "$TMP/wrk.reload"
stop_pid "$LOOP_PID"
LOOP_PID=
RELOADS_OK=$(grep -c '^ok$' "$TMP/tally" || true)
RELOADS_FAILED=$(grep -c '^fail$' "$TMP/tally" || true)
# the last version written is the one served
LAST=$(curl -fsS "$URL$PAGE" | grep -o "$MARK" || true)

read -r P_RPS P_P99 P_NON P_SOCK < <(parse_wrk "$TMP/wrk.plain")
read -r R_RPS R_P99 R_NON R_SOCK < <(parse_wrk "$TMP/wrk.reload")

printf '\n| run | req/s | p99 (ms) | non-2xx | socket errors | reloads ok | reloads failed |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
printf '| no reloads | %s | %s | %s | %s | – | – |\n' "$P_RPS" "$P_P99" "$P_NON" "$P_SOCK"
printf '| reload every %ss | %s | %s | %s | %s | %s | %s |\n\n' "$INTERVAL" "$R_RPS" "$R_P99" "$R_NON" "$R_SOCK" \
    "$RELOADS_OK" "$RELOADS_FAILED"
printf 'grocer %s, %s workers, app %s, wrk -t%s -c%s -d%s %s, page served at the end: %s\n' \
    "$("$GROCER" version | awk '{print $2}')" "$WORKERS" "$APP" "$THREADS" "$CONNS" "$DURATION" "$PAGE" "${LAST:-?}"

rc=0
if (( R_NON == 0 && R_SOCK == 0 )); then
    echo "PASS  no non-2xx and no socket errors during reloads"
else
    echo "FAIL  during reloads: $R_NON non-2xx, $R_SOCK socket errors"
    rc=1
fi
if awk -v r="$R_P99" -v p="$P_P99" 'BEGIN { exit !(r <= 2 * p) }'; then
    echo "PASS  p99 with reloads ${R_P99} ms is within 2x of ${P_P99} ms without"
else
    echo "FAIL  p99 with reloads ${R_P99} ms is more than 2x ${P_P99} ms without"
    rc=1
fi
if (( RELOADS_OK == 0 || RELOADS_FAILED > 0 )); then
    echo "FAIL  reloads: $RELOADS_OK ok, $RELOADS_FAILED failed (see below)"
    tail -n 5 "$TMP/reload.log" 2>/dev/null || true
    rc=1
fi
exit "$rc"
