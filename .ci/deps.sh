#!/usr/bin/env bash
# .ci/deps.sh: the one list of Debian 12 packages grocer needs, in groups, and the installer that
# the Makefile, .ci/run and docker/Dockerfile call. It asks dpkg-query first and installs only what
# is missing, so a ready machine never touches the network; apt-get as root, sudo apt-get otherwise.
#
#   .ci/deps.sh build test          install what `make test` needs (missing packages only)
#   .ci/deps.sh --check fuzz        exit 1 and name the missing packages, install nothing
#   .ci/deps.sh --list build        print the packages of the groups, one a line
#
# Groups: build (compile and run build/grocer; postgresql gives the private cluster its server), test (ctest, busted, luacheck, integration specs),
# fuzz (clang + libFuzzer), kafka (Java and Maven for the test broker of .ci/kafka.sh), bench (wrk
# and the OpenResty reference server), runtime (what a built
# grocer needs to run; the docker image's last stage), all.
set -euo pipefail

declare -A PKG_GROUP=(
    [build]="build-essential cmake pkg-config libluajit2-5.1-dev luajit2 libuv1-dev node-llhttp lua-cjson lua-filesystem libpq-dev libssl-dev libutf8proc-dev zlib1g-dev librdkafka-dev postgresql postgresql-contrib"
    [test]="lua-busted lua-socket lua-posix lua-check curl chromium nodejs npm kcat"
    [fuzz]="clang libclang-rt-14-dev"
    [kafka]="openjdk-17-jre-headless maven"
    [bench]="wrk nginx-light libnginx-mod-http-lua lua-resty-core lua-resty-lrucache python3-confluent-kafka"
    [runtime]="libluajit2-5.1-2 libuv1 lua-cjson lua-filesystem libpq5 libssl3 libutf8proc2 zlib1g librdkafka1"
)
GROUP_ORDER=(build test fuzz kafka bench runtime)


usage() {
    sed -n '2,12s/^# \{0,1\}//p' "$0"
    exit "${1:-2}"
}


die() {
    echo "deps: $*" >&2
    exit 1
}


mode=install
groups=()
for arg in "$@"; do
    case $arg in
        --check) mode=check ;;
        --list) mode=list ;;
        -h|--help) usage 0 ;;
        all) groups+=("${GROUP_ORDER[@]}") ;;
        *)
            [[ -n ${PKG_GROUP[$arg]+set} ]] || { echo "deps: unknown group '$arg'" >&2; usage >&2; }
            groups+=("$arg")
            ;;
    esac
done
[[ ${#groups[@]} -gt 0 ]] || usage >&2

# The packages of the chosen groups, each once, in list order.
packages=()
declare -A seen=()
for g in "${groups[@]}"; do
    for p in ${PKG_GROUP[$g]}; do
        [[ -n ${seen[$p]+set} ]] && continue
        seen[$p]=1
        packages+=("$p")
    done
done

if [[ $mode == list ]]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

command -v dpkg-query >/dev/null || die "dpkg-query not found: this script expects Debian 12 (apt + dpkg)"

# One dpkg-query call for all of them; a package dpkg has never heard of prints nothing on stdout.
declare -A installed=()
while read -r name status; do
    [[ $status == ii* ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
# Debian 12's nodejs (18) ships npm as a package of its own; NodeSource's nodejs bundles npm and
# conflicts with Debian's. So npm counts as installed when the command is there.
command -v npm >/dev/null && installed[npm]=1

for p in "${packages[@]}"; do
    [[ -n ${installed[$p]+set} ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "deps: ${groups[*]}: all ${#packages[@]} packages installed"
    exit 0
fi

if [[ $mode == check ]]; then
    echo "deps: missing: ${missing[*]}" >&2
    exit 1
fi

if [[ -r /etc/os-release ]]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    if [[ ${ID:-} != debian || ${VERSION_ID:-} != 12 ]]; then
        echo "deps: warning: written for Debian 12, this is ${PRETTY_NAME:-unknown}" >&2
    fi
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null; then
    as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
else
    die "missing packages and no sudo; as root run: apt-get install -y ${missing[*]}"
fi

echo "deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q "${missing[@]}"
