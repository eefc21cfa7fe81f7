#!/usr/bin/env bash
# .ci/kafka.sh: the test broker. Starts and stops one Apache Kafka broker in KRaft mode (broker and
# controller in one JVM) on loopback, for `make test`, .ci/run and developers (`make kafka-start`,
# `make kafka-stop`). Kafka comes from Maven Central (org.apache.kafka:kafka_2.13 and kafka-tools with
# their runtime dependencies, resolved by Maven) and runs on the machine's Java. It owns everything
# under $KAFKA_DIR (default build/kafka): the generated pom, libs/, the configs, data/, kafka.pid and
# kafka.log. It stops only the broker it started (the PID in kafka.pid, checked against its command
# line), never another process.
#
#   .ci/kafka.sh start           install Java/Maven if missing, resolve the jars once, format the
#                                storage if new, start the broker, wait until it answers, create the
#                                topics; prints the bootstrap address (127.0.0.1:9092) on stdout
#   .ci/kafka.sh stop [--clean]  stop it (SIGTERM, SIGKILL after 20 s); --clean also removes data/
#   .ci/kafka.sh clean           the same as stop --clean
#   .ci/kafka.sh status          say whether it runs: exit 0 if it does, 3 if not
#   .ci/kafka.sh topics          list the topics
#   .ci/kafka.sh tool NAME ARGS  run a Kafka tool on the broker's classpath, NAME one of topics,
#                                console-producer, console-consumer, consumer-groups, get-offsets,
#                                or a main class; --bootstrap-server is added for the named ones
#   .ci/kafka.sh with CMD ARGS   run CMD with KAFKA_BROKERS set, starting the broker for it if it
#                                is not running and stopping it afterwards (make test uses this)
#
# Settings (environment): KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DIR (build/kafka),
# KAFKA_VERSION (4.4.0; Kafka 4 needs Java 17+), KAFKA_HEAP_OPTS (-Xmx512m -Xms256m), KAFKA_GC_OPTS (G1),
# KAFKA_TOPICS (the topics of DESIGN.md), KAFKA_PARTITIONS (3), KAFKA_START_TIMEOUT (90 s),
# KAFKA_M2 (Maven's local repository; default Maven's own, ~/.m2/repository).
# Messages go to stderr with a "kafka:" prefix; stdout carries only what a caller may capture.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

KAFKA_VERSION=${KAFKA_VERSION:-4.4.0}
KAFKA_HOST=127.0.0.1
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_DIR=${KAFKA_DIR:-$ROOT/build/kafka}
# Absolute, so the broker's command line (how `stop` recognises it) reads the same from any folder.
[[ $KAFKA_DIR == /* ]] || KAFKA_DIR=$PWD/$KAFKA_DIR
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}
KAFKA_TOPICS=${KAFKA_TOPICS:-orders inventory catalog payments deliveries notifications inventory-adjustments}
KAFKA_PARTITIONS=${KAFKA_PARTITIONS:-3}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
KAFKA_STOP_TIMEOUT=20
# A fixed cluster id (22 characters of URL-safe base64, 16 bytes): the storage is formatted once and
# any later start of the same data dir agrees with it.
KAFKA_CLUSTER_ID=Z3JvY2VyLXRlc3Qta2Fma2E
JAVA_MIN=17

LIBS=$KAFKA_DIR/libs
DATA=$KAFKA_DIR/data
CONFIG=$KAFKA_DIR/server.properties
CLIENT_CONFIG=$KAFKA_DIR/client.properties
PIDFILE=$KAFKA_DIR/kafka.pid
LOGFILE=$KAFKA_DIR/kafka.log
BOOTSTRAP=$KAFKA_HOST:$KAFKA_PORT

# Short-lived tools (topic listing, console clients) start faster with the client compiler and a
# small serial heap; the broker gets G1 with short pauses, as Kafka's own scripts give it
# (KAFKA_GC_OPTS replaces that choice, e.g. -XX:+UseZGC).
TOOL_JVM=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djava.awt.headless=true)
KAFKA_GC_OPTS=${KAFKA_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}
read -r -a GC_JVM <<<"$KAFKA_GC_OPTS"
BROKER_JVM=("${GC_JVM[@]}" -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true)


usage() {
    sed -n '2,28s/^# \{0,1\}//p' "$0"
    exit "${1:-2}"
}


say() {
    echo "kafka: $*" >&2
}


die() {
    say "$*"
    exit 1
}


check_settings() {
    local v
    for v in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_PARTITIONS KAFKA_START_TIMEOUT; do
        # Kubernetes sets KAFKA_PORT=tcp://host:port for a service named kafka: say so, do not guess.
        [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a number, not '${!v}'"
    done
    [[ $KAFKA_PORT != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT are both $KAFKA_PORT"
}


# ---- packages ----

java_bin() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        echo "$JAVA_HOME/bin/java"
    else
        command -v java || true
    fi
}


# The major version of a java binary (8 for "1.8.0_392", 17 for "17.0.15"), or 0.
java_major() {
    local line v
    line=$("$1" -version 2>&1 | head -n 1) || true
    v=$(sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' <<<"$line")
    [[ $v == 1.* ]] && v=${v#1.}
    v=${v%%.*}
    echo "${v:-0}"
}


# install_packages PKG...: installs those dpkg does not show as installed (apt-get, sudo if not root).
install_packages() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
    done
    [[ ${#missing[@]} -gt 0 ]] || return 0
    local as_root
    if [[ $(id -u) -eq 0 ]]; then
        as_root=(env DEBIAN_FRONTEND=noninteractive)
    elif command -v sudo >/dev/null; then
        as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
    else
        die "missing packages and no sudo; as root run: apt-get install -y ${missing[*]}"
    fi
    say "installing ${missing[*]}"
    "${as_root[@]}" apt-get update -q >&2
    "${as_root[@]}" apt-get install -y -q "${missing[@]}" >&2
}


# Java 17 or newer: the one on PATH (or JAVA_HOME) if it is new enough, Debian 12's default JRE if not.
ensure_java() {
    local java
    java=$(java_bin)
    if [[ -z $java || $(java_major "$java") -lt $JAVA_MIN ]]; then
        command -v dpkg-query >/dev/null || die "no Java $JAVA_MIN+ and no dpkg to install one"
        install_packages default-jre-headless
        java=$(java_bin)
        [[ -n $java && $(java_major "$java") -ge $JAVA_MIN ]] \
            || die "Kafka $KAFKA_VERSION needs Java $JAVA_MIN or newer; found ${java:-none}"
    fi
    JAVA=$java
}


ensure_maven() {
    command -v mvn >/dev/null && return 0
    command -v dpkg-query >/dev/null || die "mvn not found and no dpkg to install maven"
    install_packages maven
    command -v mvn >/dev/null || die "mvn still not found after installing maven"
}


# ---- jars ----

# libs/ holds Kafka's jars once resolved; libs/.version names the Kafka version they are for.
# Maven's local repository is Maven's own (~/.m2) unless KAFKA_M2 says otherwise: it outlives
# `make clean` and fresh clones (CI clones anew on the same machine), so a second resolve is a copy.
libs_ready() {
    [[ -f $LIBS/.version && $(<"$LIBS/.version") == "$KAFKA_VERSION" ]] \
        && compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null
}


write_pom() {
    cat >"$KAFKA_DIR/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by .ci/kafka.sh: the jars of the test broker and its tools. Not a build. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.grocer</groupId>
  <artifactId>test-kafka</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <!-- TopicCommand and the console clients; Kafka Connect's runtime (Jetty, Jersey) is not needed. -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
      <exclusions>
        <exclusion>
          <groupId>org.apache.kafka</groupId>
          <artifactId>connect-runtime</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
  </dependencies>
</project>
EOF
}


resolve_libs() {
    libs_ready && return 0
    ensure_maven
    local mvn=(mvn -B -q -f "$KAFKA_DIR/pom.xml")
    [[ -z ${KAFKA_M2:-} ]] || mvn+=("-Dmaven.repo.local=$KAFKA_M2")
    local tmp=$KAFKA_DIR/libs.tmp mlog=$KAFKA_DIR/mvn.log t0=$SECONDS
    say "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION through Maven (log: $mlog)"
    write_pom
    rm -rf "$tmp"
    if ! "${mvn[@]}" dependency:copy-dependencies -DincludeScope=runtime \
            -DoutputDirectory="$tmp" >"$mlog" 2>&1; then
        tail -n 20 "$mlog" >&2
        die "Maven could not resolve Kafka $KAFKA_VERSION (see $mlog)"
    fi
    # Kafka logs through SLF4J but its pom leaves the binding to the distribution: add Log4j 2's,
    # of the Log4j version Kafka itself depends on, for the SLF4J API version it brought.
    if ! compgen -G "$tmp/log4j-slf4j*-impl-*.jar" >/dev/null; then
        local cores log4j binding="log4j-slf4j-impl"
        cores=("$tmp"/log4j-core-*.jar)
        [[ -f ${cores[0]} ]] || die "no log4j-core among Kafka's jars: cannot choose an SLF4J binding"
        log4j=${cores[0]##*/log4j-core-}
        log4j=${log4j%.jar}
        compgen -G "$tmp/slf4j-api-1.*.jar" >/dev/null || binding="log4j-slf4j2-impl"
        if ! "${mvn[@]}" dependency:copy -Dartifact="org.apache.logging.log4j:$binding:$log4j" \
                -DoutputDirectory="$tmp" >>"$mlog" 2>&1; then
            tail -n 20 "$mlog" >&2
            die "Maven could not fetch org.apache.logging.log4j:$binding:$log4j (see $mlog)"
        fi
    fi
    echo "$KAFKA_VERSION" >"$tmp/.version"
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
    say "$(find "$LIBS" -name '*.jar' | wc -l) jars in $LIBS ($((SECONDS - t0)) s)"
}


# ---- configuration ----

write_configs() {
    local t name level target
    cat >"$CONFIG" <<EOF
# Generated by .ci/kafka.sh at each start: one KRaft node on loopback for tests. Edit the script.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
# one broker: every internal topic with one replica
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
num.partitions=$KAFKA_PARTITIONS
# topics exist only when created (start creates the project's); consumer groups join at once
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
# a small machine: fewer threads than the defaults
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
    cat >"$CLIENT_CONFIG" <<EOF
# Generated by .ci/kafka.sh: admin client settings of its tools, so a probe fails fast.
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
    # Log4j 2: the broker at INFO to kafka.log, the tools only at WARN to stderr.
    for t in broker:INFO:SYSTEM_OUT tools:WARN:SYSTEM_ERR; do
        IFS=: read -r name level target <<<"$t"
        cat >"$KAFKA_DIR/log4j2-$name.properties" <<EOF
status = warn
shutdownHook = disable
appender.console.type = Console
appender.console.name = console
appender.console.target = $target
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $level
rootLogger.appenderRef.console.ref = console
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
    done
}


format_storage() {
    [[ -f $DATA/meta.properties ]] && return 0
    say "formatting $DATA (cluster id $KAFKA_CLUSTER_ID)"
    mkdir -p "$DATA"
    local out
    if ! out=$(run_java_tool kafka.tools.StorageTool format --ignore-formatted \
            -t "$KAFKA_CLUSTER_ID" -c "$CONFIG" 2>&1); then
        echo "$out" >&2
        die "formatting the storage failed"
    fi
}


# ---- processes ----

# run_java_tool CLASS ARGS...: a Kafka tool on the broker's classpath (needs JAVA and libs).
run_java_tool() {
    "$JAVA" "${TOOL_JVM[@]}" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
        -cp "$LIBS/*" "$@"
}


topic_command() {
    run_java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
        --command-config "$CLIENT_CONFIG" "$@"
}


# Prints the PID of the broker this script started, if it still runs; returns 1 otherwise. A PID
# counts only when its command line is kafka.Kafka with this KAFKA_DIR's config, so a reused PID
# (or another broker) is never taken for ours.
own_pid() {
    [[ -f $PIDFILE ]] || return 1
    local pid
    pid=$(<"$PIDFILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    local cmd
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *" kafka.Kafka $CONFIG"* ]] || return 1
    echo "$pid"
}


# The broker of this KAFKA_DIR when kafka.pid is lost (say `make clean` removed it while the broker
# ran): the process listening on KAFKA_PORT, if its command line is ours. Writes kafka.pid again.
adopt_pid() {
    command -v ss >/dev/null || return 1
    local pid
    pid=$(ss -Hltnp "sport = :$KAFKA_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
    [[ -n $pid ]] || return 1
    mkdir -p "$KAFKA_DIR"
    echo "$pid" >"$PIDFILE"
    if own_pid; then
        say "found the broker of $KAFKA_DIR without its kafka.pid (pid $pid): taken as ours"
        return 0
    fi
    rm -f "$PIDFILE"
    return 1
}


port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$KAFKA_HOST/$1" 2>/dev/null
}


# Who listens on a port, as ss tells it (empty where ss is missing).
port_owner() {
    command -v ss >/dev/null || return 0
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))$/\1/p' | head -n 1
}


java_tool_ready() {
    JAVA=${JAVA:-}
    [[ -n $JAVA ]] || JAVA=$(java_bin)
    [[ -n $JAVA ]] || die "no java found; run '$0 start' first"
    libs_ready || die "Kafka's jars are not in $LIBS; run '$0 start' first"
    [[ -f $CLIENT_CONFIG ]] || write_configs
}


# ---- commands ----

cmd_start() {
    local t0=$SECONDS pid
    if pid=$(own_pid) || pid=$(adopt_pid); then
        say "already running (pid $pid) on $BOOTSTRAP"
        echo "$BOOTSTRAP"
        return 0
    fi
    local port owner
    for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
        if port_open "$port"; then
            owner=$(port_owner "$port")
            die "port $KAFKA_HOST:$port is taken by another process${owner:+ ($owner)}, not by the broker" \
                "of $KAFKA_DIR; stop it, or choose other ports with KAFKA_PORT/KAFKA_CONTROLLER_PORT"
        fi
    done

    mkdir -p "$KAFKA_DIR"
    ensure_java
    resolve_libs
    write_configs
    format_storage

    [[ -f $LOGFILE ]] && mv -f "$LOGFILE" "$LOGFILE.1"
    rm -f "$PIDFILE"
    # setsid: the broker leads its own session, so a Ctrl-C or a step's group kill does not reach
    # it; only `stop` ends it. $! is java itself: the subshell execs setsid, which execs java (it
    # forks only when already a group leader). Its working folder is KAFKA_DIR (crash files land there).
    # shellcheck disable=SC2086
    (cd "$KAFKA_DIR" && exec setsid "$JAVA" $KAFKA_HEAP_OPTS "${BROKER_JVM[@]}" \
        -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-broker.properties" \
        -cp "$LIBS/*" kafka.Kafka "$CONFIG" >"$LOGFILE" 2>&1 </dev/null) &
    pid=$!
    echo "$pid" >"$PIDFILE"
    say "started pid $pid, log $LOGFILE; waiting for it to answer"

    # Ready when the listener accepts and an admin client gets the topic list (metadata is up).
    local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) listed=""
    while :; do
        if ! alive "$pid"; then
            rm -f "$PIDFILE"
            tail -n 30 "$LOGFILE" >&2
            die "the broker exited during start (log: $LOGFILE)"
        fi
        if port_open "$KAFKA_PORT" && listed=$(topic_command --list 2>/dev/null); then
            break
        fi
        if [[ $SECONDS -ge $deadline ]]; then
            tail -n 30 "$LOGFILE" >&2
            cmd_stop
            die "the broker did not answer within $KAFKA_START_TIMEOUT s (log: $LOGFILE)"
        fi
        sleep 0.3
    done
    say "answering after $((SECONDS - t0)) s"

    create_topics "$listed"
    say "ready on $BOOTSTRAP in $((SECONDS - t0)) s"
    echo "$BOOTSTRAP"
}


# create_topics LISTED: creates the topics of KAFKA_TOPICS missing from LISTED (one name a line), two
# at a time (each is a JVM start; the machine has two cores). --if-not-exists keeps it idempotent.
create_topics() {
    local listed=$1 t missing=() pids=() rc=0 i
    for t in $KAFKA_TOPICS; do
        grep -qxF -- "$t" <<<"$listed" || missing+=("$t")
    done
    [[ ${#missing[@]} -gt 0 ]] || { say "topics present: $KAFKA_TOPICS"; return 0; }
    say "creating topics: ${missing[*]}"
    for i in "${!missing[@]}"; do
        topic_command --create --if-not-exists --topic "${missing[$i]}" \
            --partitions "$KAFKA_PARTITIONS" --replication-factor 1 >/dev/null &
        pids+=($!)
        if [[ ${#pids[@]} -ge 2 ]]; then
            wait "${pids[0]}" || rc=1
            pids=("${pids[@]:1}")
        fi
    done
    for i in "${pids[@]}"; do
        wait "$i" || rc=1
    done
    [[ $rc -eq 0 ]] || die "creating the topics failed (broker log: $LOGFILE)"
}


# alive PID: the process exists and is not a zombie (the broker is this shell's child under `with`).
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}


cmd_stop() {
    local clean=${1:-} pid
    if pid=$(own_pid) || pid=$(adopt_pid); then
        say "stopping pid $pid"
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
        while alive "$pid" && [[ $SECONDS -lt $deadline ]]; do
            sleep 0.2
        done
        if alive "$pid"; then
            say "still running after $KAFKA_STOP_TIMEOUT s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            while alive "$pid"; do
                sleep 0.1
            done
        fi
        say "stopped"
    else
        say "not running (nothing of $KAFKA_DIR to stop)"
    fi
    rm -f "$PIDFILE"
    if [[ $clean == --clean ]]; then
        rm -rf "$DATA"
        say "removed $DATA"
    fi
}


cmd_status() {
    local pid
    if pid=$(own_pid) || pid=$(adopt_pid); then
        if port_open "$KAFKA_PORT"; then
            echo "kafka: running (pid $pid) on $BOOTSTRAP"
        else
            echo "kafka: running (pid $pid), $BOOTSTRAP not answering yet"
        fi
        return 0
    fi
    echo "kafka: not running"
    return 3
}


cmd_topics() {
    own_pid >/dev/null || adopt_pid >/dev/null || die "not running; start it with '$0 start'"
    java_tool_ready
    topic_command --list
}


# cmd_with CMD...: runs CMD with KAFKA_BROKERS set to the broker, starting the broker first if it is
# not running and then stopping it when CMD ends (also on Ctrl-C or SIGTERM). Data it formatted
# itself is removed at the end; a data dir that was there before is kept. A broker that already ran
# is left running.
cmd_with() {
    [[ $# -ge 1 ]] || die "with needs a command to run"
    if ! own_pid >/dev/null && ! adopt_pid >/dev/null; then
        local stop_args=""
        [[ -f $DATA/meta.properties ]] || stop_args=--clean
        # shellcheck disable=SC2064  # the arguments are fixed now, on purpose
        trap "cmd_stop $stop_args" EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        cmd_start >/dev/null
    fi
    local rc=0
    KAFKA_BROKERS=$BOOTSTRAP "$@" || rc=$?
    exit "$rc"
}


cmd_tool() {
    [[ $# -ge 1 ]] || die "tool needs a NAME or main class"
    local name=$1 class
    shift
    java_tool_ready
    case $name in
        topics) class=org.apache.kafka.tools.TopicCommand ;;
        console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
        console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
        consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
        get-offsets) class=org.apache.kafka.tools.GetOffsetShell ;;
        *) run_java_tool "$name" "$@"; return ;;
    esac
    run_java_tool "$class" --bootstrap-server "$BOOTSTRAP" "$@"
}


# ---- main ----

[[ $# -ge 1 ]] || usage
command=$1
shift
[[ $command == -h || $command == --help || $command == help ]] || check_settings
case $command in
    start) [[ $# -eq 0 ]] || usage; cmd_start ;;
    stop)
        [[ $# -eq 0 || ( $# -eq 1 && $1 == --clean ) ]] || usage
        cmd_stop "${1:-}"
        ;;
    clean) [[ $# -eq 0 ]] || usage; cmd_stop --clean ;;
    status) [[ $# -eq 0 ]] || usage; cmd_status ;;
    topics) [[ $# -eq 0 ]] || usage; cmd_topics ;;
    tool) cmd_tool "$@" ;;
    with) cmd_with "$@" ;;
    -h|--help|help) usage 0 ;;
    *) say "unknown command '$command'"; usage ;;
esac
