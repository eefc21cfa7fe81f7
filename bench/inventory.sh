#!/usr/bin/env bash
# bench/inventory.sh: issue 7's inventory benchmark. Produces COUNT stock.set messages at RATE/s to
# inventory-adjustments while one SSE client per product watches /vi/p/<slug>/stock, and prints the
# latency from produce to the stock event (p50/p99/max) into build/bench/inventory.md.
# Owns: its own Kafka broker (.ci/kafka.sh, KAFKA_DIR under OUT), its own PostgreSQL (grocer's
# private cluster in OUT/var, synchronous_commit left on), one `grocer serve`, and stopping all
# three (by PID / their own stop commands) on exit, error or Ctrl-C. The measuring is
# bench/inventory/latency.py (producer and SSE clients in one process, one clock).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=inventory
# shellcheck source=bench/lib.sh
source bench/lib.sh

GROCER=${GROCER:-$ROOT/build/grocer}
OUT=${OUT:-$ROOT/build/bench/inventory}
REPORT=${REPORT:-$ROOT/build/bench/inventory.md}
PORT=${PORT:-18095}
WORKERS=${WORKERS:-2}
PRODUCTS=${PRODUCTS:-20}
COUNT=${COUNT:-10000}
RATE=${RATE:-1000}
STORE=${STORE:-}
export KAFKA_PORT=${KAFKA_PORT:-19192} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19193}
export KAFKA_DIR=${KAFKA_DIR:-$OUT/kafka}
# the bench's own broker gets a 1 GB heap (kafka.sh's 512 MB suits the tests): young collections
# are rarer, and each pause holds every message in flight
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms1g -Xmx1g}
WARMUP=${WARMUP:-20}
# the producer's librdkafka settings: send each message at once instead of waiting to fill a batch
PRODUCER_OPTS=${PRODUCER_OPTS:-linger.ms=0 acks=1 socket.nagle.disable=true}
PYTHON=/usr/bin/python3   # Debian's, where python3-confluent-kafka is
BROKERS=127.0.0.1:$KAFKA_PORT
export GROCER_VAR=$OUT/var

GROCER_PID= GROCER_CHILDREN= KAFKA_STARTED= CLUSTER_STARTED= PY_PID=

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    if [[ -n $PY_PID ]] && kill -0 "$PY_PID" 2>/dev/null; then
        kill -TERM "$PY_PID"; wait "$PY_PID" 2>/dev/null
    fi
    if [[ -n $GROCER_PID ]] && kill -0 "$GROCER_PID" 2>/dev/null; then
        log "stopping grocer (pid $GROCER_PID)"
        kill -TERM "$GROCER_PID"
        if ! wait_gone "$GROCER_PID" 150; then
            log "grocer did not stop in 15 s: SIGKILL to it and its workers ($GROCER_CHILDREN)"
            kill -KILL "$GROCER_PID" $GROCER_CHILDREN 2>/dev/null
        fi
        wait "$GROCER_PID" 2>/dev/null
    fi
    if [[ -n $KAFKA_STARTED ]]; then
        log "stopping the broker"
        .ci/kafka.sh stop >&2
    fi
    if [[ -n $CLUSTER_STARTED ]]; then
        log "stopping the PostgreSQL cluster"
        "$GROCER" cluster stop >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$PYTHON" -c 'import confluent_kafka' 2>/dev/null || install_debs python3-confluent-kafka
build_grocer
mkdir -p "$OUT"
port_free "$PORT" || die "port $PORT is taken (PORT=...)"

# ---- broker ----
if .ci/kafka.sh status >/dev/null 2>&1; then
    log "the broker of $KAFKA_DIR already runs: used, and left running"
else
    KAFKA_STARTED=1
    log "starting Kafka on $BROKERS ($KAFKA_DIR)"
    .ci/kafka.sh start >/dev/null
fi

# ---- PostgreSQL ----
if "$GROCER" cluster status >/dev/null 2>&1; then
    log "the cluster of $GROCER_VAR already runs: used, and left running"
else
    CLUSTER_STARTED=1
    "$GROCER" cluster start >&2
fi
DATABASE_URL=$("$GROCER" cluster url)
export DATABASE_URL
"$GROCER" migrate up --app "$ROOT" >&2
"$GROCER" seed --app "$ROOT" >&2
SYNC=$("$GROCER" psql -X -A -t -c 'SHOW synchronous_commit')
log "synchronous_commit = $SYNC"
[[ $SYNC == on ]] || log "WARNING: synchronous_commit is '$SYNC', not 'on' as in production"

# ---- the products: active, sold by the piece, stocked at one store with nothing reserved ----
[[ -n $STORE ]] || STORE=$("$GROCER" psql -X -A -t -c \
    "SELECT code FROM stores WHERE active ORDER BY id LIMIT 1")
"$GROCER" psql -X -A -t -F ' ' -v ON_ERROR_STOP=1 -c "
    SELECT p.sku, p.slug FROM stock s JOIN products p ON p.id = s.product_id
      JOIN stores st ON st.id = s.store_id
     WHERE st.code = '$STORE' AND p.active AND p.unit <> 'kg' AND s.reserved = 0
     ORDER BY p.id LIMIT $PRODUCTS" >"$OUT/products.txt"
[[ $(wc -l <"$OUT/products.txt") -eq $PRODUCTS ]] || die "fewer than $PRODUCTS products at store $STORE"
LOW=$(sed -n 's/^_M\.LOW_PIECES *= *\([0-9]*\).*/\1/p' scripts/shop/format.lua)
[[ -n $LOW ]] || die "no LOW_PIECES in scripts/shop/format.lua"

# ---- grocer ----
log "grocer serve on 127.0.0.1:$PORT, $WORKERS workers, KAFKA_BROKERS=$BROKERS"
KAFKA_BROKERS=$BROKERS GROCER_ACCESS_LOG=off "$GROCER" serve --listen "127.0.0.1:$PORT" \
    --workers "$WORKERS" --app "$ROOT" >"$OUT/grocer.log" 2>&1 &
GROCER_PID=$!
wait_http "http://127.0.0.1:$PORT/readyz" "$GROCER_PID" 600 || {
    tail -n 20 "$OUT/grocer.log" >&2; die "grocer did not get ready"; }
sleep 0.5
GROCER_CHILDREN=$(ps -o pid= --ppid "$GROCER_PID" | tr -s ' \n' ' ')
port_ours "$PORT" "$GROCER_PID" || die "port $PORT is not only grocer's"

# ---- measure ----
kopts=()
for o in $PRODUCER_OPTS; do kopts+=(--producer-opt "$o"); done
CONTEXT="$(date -u +%FT%TZ), $(nproc) cores: grocer \`serve --workers $WORKERS\`, Kafka $BROKERS\
 (.ci/kafka.sh), PostgreSQL \`synchronous_commit = $SYNC\`; store $STORE, $PRODUCTS products,\
 $COUNT \`stock.set\` at $RATE/s after $WARMUP s of warm-up at that rate, quantities 1..$LOW (LOW_PIECES); producer: librdkafka ($PRODUCER_OPTS)."
"$PYTHON" bench/inventory/latency.py --port "$PORT" --brokers "$BROKERS" --store "$STORE" \
    --products "$OUT/products.txt" --count "$COUNT" --rate "$RATE" --low "$LOW" --warmup "$WARMUP" \
    "${kopts[@]}" --out "$REPORT" --samples "$OUT/samples.txt" --sent-log "$OUT/sent.txt" --context "$CONTEXT" &
PY_PID=$!
wait "$PY_PID"
PY_PID=
log "written $REPORT"
