# bench/lib.sh: the helpers bench/run.sh and bench/catalog.sh share, sourced by both (not run).
# Owns: logging, package and tool installs (Debian packages, vegeta into build/tools, build/grocer),
# port checks, pgmoon lookup, the benchmark's own PostgreSQL cluster (start, stop, sessions), the
# servers' stop by recorded PID (also from the EXIT trap), and the CPU accounting of a measured run.
# It never signals a process it was not given the PID of.
#
# The sourcing script sets the names these functions read before calling them: ROOT, OUT, TOOLS,
# GROCER, VEGETA, VEGETA_VERSION; PG_PORT, PGDATA, PGSOCK, PGBIN, PG_PID, PG_STARTED; PGMOON_DIR,
# PGMOON_GIT, PGMOON_REF, NGINX_DB; GROCER_PID, GROCER_CHILDREN, GROCER_URL, GROCER_LOG, NGINX_PID,
# NGINX_URL, NGX (nginx's prefix: access.log there), LOADGEN_PID. LOG_TAG prefixes log lines.


# ---- messages, installs, ports ------------------------------------------------------------------

log() { printf '[%s %s] %s\n' "${LOG_TAG:-bench}" "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
    else die "not root and no password-less sudo to run: $*"
    fi
}

# Debian packages that are not installed yet (apt-get only when one is missing).
install_debs() {   # package...
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# vegeta, built from the Go module proxy with the machine's Go into TOOLS. Returns 1 without Go
# or when the build fails: the caller then skips its open-loop tests and runs the rest.
install_vegeta() {
    if [[ -x $VEGETA && $(cat "$TOOLS/vegeta.version" 2>/dev/null) == "$VEGETA_VERSION" ]]; then
        return 0
    fi
    local go; go=$(command -v go || echo /usr/local/go/bin/go)
    if [[ ! -x $go ]]; then
        log "no Go on this machine: no vegeta"
        return 1
    fi
    log "building vegeta $VEGETA_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    if ! GOBIN=$TOOLS "$go" install "github.com/tsenart/vegeta/v12@$VEGETA_VERSION"; then
        log "could not build vegeta $VEGETA_VERSION"
        return 1
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

# pgmoon (pure Lua) for the nginx side: PGMOON_DIR as given, or exported from the git directory
# PGMOON_GIT into build/tools; sets NGINX_DB=1 when found. Without it the nginx side of WHAT is
# skipped, loudly, and grocer's side still runs.


# ---- PostgreSQL and pgmoon ------------------------------------------------------------------------

find_pgmoon() {   # what
    # an earlier run's export
    [[ -z $PGMOON_DIR && -z $PGMOON_GIT && -f $TOOLS/pgmoon-$PGMOON_REF/pgmoon/init.lua ]] \
        && PGMOON_DIR=$TOOLS/pgmoon-$PGMOON_REF
    if [[ -z $PGMOON_DIR && -n $PGMOON_GIT ]]; then
        PGMOON_DIR=$TOOLS/pgmoon-$PGMOON_REF
        if [[ ! -f $PGMOON_DIR/pgmoon/init.lua ]]; then
            log "exporting pgmoon $PGMOON_REF from $PGMOON_GIT into $PGMOON_DIR"
            rm -rf "$PGMOON_DIR"; mkdir -p "$PGMOON_DIR"
            git --git-dir="$PGMOON_GIT" archive "$PGMOON_REF" pgmoon | tar -x -C "$PGMOON_DIR" \
                || log "could not export pgmoon $PGMOON_REF from $PGMOON_GIT"
        fi
    fi
    if [[ -n $PGMOON_DIR && -f $PGMOON_DIR/pgmoon/init.lua ]]; then
        PGMOON_DIR=$(cd "$PGMOON_DIR" && pwd)
        PGMOON_VERSION=$(grep -o 'VERSION = "[0-9.]*"' "$PGMOON_DIR/pgmoon/init.lua" | head -1 | cut -d'"' -f2)
        NGINX_DB=1
        log "pgmoon ${PGMOON_VERSION:-?} from $PGMOON_DIR"
        return 0
    fi
    PGMOON_VERSION=missing
    log "#############################################################################################"
    log "# pgmoon NOT FOUND${PGMOON_DIR:+ in PGMOON_DIR=$PGMOON_DIR}: the nginx side of"
    log "# $1 is SKIPPED; only grocer's numbers will be printed for them."
    log "# pgmoon is never part of this repository. To measure nginx too, export it into a folder:"
    log "#   git clone https://github.com/leafo/pgmoon /tmp/pgmoon.git"
    log "#   mkdir -p /tmp/pgmoon && git -C /tmp/pgmoon.git archive v1.16.0 pgmoon.lua pgmoon | tar -x -C /tmp/pgmoon"
    log "# and run again with PGMOON_DIR=/tmp/pgmoon (or PGMOON_GIT=/tmp/pgmoon.git/.git)."
    log "#############################################################################################"
}

pg_bin() {   # the PostgreSQL binaries: 15 when installed, else the newest
    local d
    for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]] && { echo "$d"; return 0; }
    done
    return 1
}

# PostgreSQL refuses to run as root: then it runs as the postgres user.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"
    else "$@"
    fi
}

psql_as() {   # role psql-args...: over the cluster's Unix socket
    local role=$1; shift
    as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PG_PORT" -U "$role" "$@"
}

pg_alive() {
    [[ -f $PGDATA/postmaster.pid ]] && kill -0 "$(head -1 "$PGDATA/postmaster.pid")" 2>/dev/null
}

# The cluster lives in build/bench/pg unless the postgres user cannot reach that folder (a
# checkout under /root) or the socket path would pass the 107-byte limit: then in a folder of
# its own under /var/tmp, named after OUT.
pg_dirs() {
    if { [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$OUT"; } || ((${#PGSOCK} + 20 > 107)); then
        local d
        d=/var/tmp/grocer-bench-$(printf '%s' "$OUT" | cksum | cut -d' ' -f1)
        PGDATA=$d/pg
        PGSOCK=$d/sock
    fi
}

start_pg() {
    PGBIN=$(pg_bin) || die "no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql-15)"
    pg_dirs
    mkdir -p "$PGDATA" "$PGSOCK"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$PGDATA" "$PGSOCK"
    chmod 700 "$PGDATA"
    if [[ ! -f $PGDATA/PG_VERSION ]]; then
        log "initdb $PGDATA"
        as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale >/dev/null \
            || die "initdb $PGDATA failed"
        # the anchors' settings (../shared/anchors); log_connections counts new sessions per run
        as_pg tee -a "$PGDATA/postgresql.conf" >/dev/null <<EOF
# bench/run.sh
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
work_mem = 4MB
synchronous_commit = off
jit = off
log_min_messages = warning
log_connections = on
EOF
    fi
    if pg_alive; then
        PG_PID=$(head -1 "$PGDATA/postmaster.pid")
        log "PostgreSQL from $PGDATA already runs (pid $PG_PID): used as it is and left running"
        return 0
    fi
    port_free "$PG_PORT" || die "port $PG_PORT (PG_PORT) is in use"
    log "starting $("$PGBIN/postgres" --version) on 127.0.0.1:$PG_PORT (data $PGDATA)"
    PG_STARTED=1
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PGSOCK" start >/dev/null \
        || { tail -n 20 "$PGDATA/server.log" >&2; die "PostgreSQL did not start (log: $PGDATA/server.log)"; }
    PG_PID=$(head -1 "$PGDATA/postmaster.pid")
}

stop_pg() {
    if [[ -n $PG_STARTED ]] && pg_alive; then
        log "stopping PostgreSQL (pid $PG_PID: pg_ctl stop -D $PGDATA)"
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null || true
    fi
    PG_STARTED=
    PG_PID=
}

# Sessions PostgreSQL opened so far (log_connections lines): a pool that holds opens none
# during a run.
pg_sessions() {
    if [[ -n $PG_STARTED && -r $PGDATA/server.log ]]; then
        grep -c 'connection authorized' "$PGDATA/server.log" || true
    else
        echo -1
    fi
}


# ---- the servers ----------------------------------------------------------------------------------

wait_http() {   # url pid [tenths]: until the url answers 200, while pid lives; 20 s unless told
    local i
    for i in $(seq "${3:-200}"); do
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

# Starts nginx on the nginx.conf already written to $NGX, records NGINX_PID from its pid file,
# and waits until it answers on $NGINX_URL/plaintext from that process alone.
launch_nginx() {   # what (for the log line)
    rm -f "$NGX/nginx.pid"
    nginx -t -q -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" || die "nginx.conf does not load"
    log "starting $1 ($WORKERS workers) on $NGINX_URL"
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

# Waits until the grocer started as $GROCER_PID answers path with 200 (tenths: as wait_http), then
# records its workers (GROCER_CHILDREN) and checks that it alone listens on $GROCER_PORT.
await_grocer() {   # path [tenths]
    if ! wait_http "$GROCER_URL$1" "$GROCER_PID" ${2:+"$2"}; then
        tail -n 20 "$GROCER_ERR" >&2
        die "grocer does not answer $1 with 200 on $GROCER_URL (stderr: $GROCER_ERR)"
    fi
    GROCER_CHILDREN=$(ps -o pid= --ppid "$GROCER_PID" | tr '\n' ' ')
    port_ours "$GROCER_PORT" "$GROCER_PID" || die "another process listens on $GROCER_PORT too: $(ss -Hltnp "sport = :$GROCER_PORT")"
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
    stop_pg
    exit "$rc"
}

# CPU ticks (user+sys) of a server: its master, its live workers, and the workers it reaped.


# ---- measuring ----------------------------------------------------------------------------------

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
    local server=$1 cpu=$2 pid url t0 t1 m0 m1 w0 w1 l0 l1 lines g0=0 g1=0 s0 s1; shift 2
    read -r pid url <<< "$(target "$server")"
    s0=$(pg_sessions)
    [[ -n $PG_PID ]] && g0=$(tree_ticks "$PG_PID")
    l0=$(reaped_ticks); t0=$(tree_ticks "$pid"); m0=$(machine_busy); w0=$(date +%s%N)
    "$@" &
    LOADGEN_PID=$!
    wait "$LOADGEN_PID"
    LOADGEN_PID=
    t1=$(tree_ticks "$pid"); m1=$(machine_busy); w1=$(date +%s%N); l1=$(reaped_ticks)
    [[ -n $PG_PID ]] && g1=$(tree_ticks "$PG_PID")
    s1=$(pg_sessions)
    lines=$(log_lines "$server")
    echo "ticks=$((t1 - t0)) hz=$(getconf CLK_TCK) machine_ticks=$((m1 - m0)) wall_ns=$((w1 - w0))" \
         "loadgen_ticks=$((l1 - l0)) log_lines=$lines pg_ticks=$((g1 - g0))" \
         "pg_new_sessions=$(( s0 < 0 ? -1 : s1 - s0 ))" > "$cpu"
}
