#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the event-store tests.
#
#   eval "$(scripts/test-postgres.sh start)"   # prints export lines: LIGHTGCN_TEST_POSTGRES_URL, _DIR
#   scripts/test-postgres.sh stop "$LIGHTGCN_TEST_POSTGRES_DIR"
#
# `start` installs PostgreSQL with apt-get when no initdb is found, creates a cluster in a new
# temporary folder (owned by the `postgres` user when run as root, since initdb refuses root),
# trust authentication, listening on 127.0.0.1 only on the first free port from 54330, with its
# Unix socket inside that folder, and creates the database `lightgcn_test`. Diagnostics go to
# stderr; stdout carries only the export lines. `stop` stops the cluster and deletes the folder.
set -euo pipefail

find_bin() {
    local name=$1 dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
    done
    command -v "$name" 2>/dev/null && return 0
    return 1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_is_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    if ! find_bin initdb >/dev/null; then
        echo "test-postgres: installing PostgreSQL (apt-get)" >&2
        apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    fi
    local initdb pg_ctl createdb
    initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl); createdb=$(find_bin createdb)
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home postgres
    fi
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/lightgcn-pg.XXXXXX")
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$initdb" -D "$dir/data" --username=lightgcn --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    local port=54330 started=0
    while [ $port -lt 54400 ]; do
        if port_is_free $port && as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on" start >&2; then
            started=1; break
        fi
        port=$((port + 1))
    done
    [ $started -eq 1 ] || { echo "test-postgres: could not start a server" >&2; cat "$dir/server.log" >&2; exit 1; }
    "$createdb" -h 127.0.0.1 -p $port -U lightgcn lightgcn_test >&2
    echo "test-postgres: running in $dir on 127.0.0.1:$port" >&2
    echo "export LIGHTGCN_TEST_POSTGRES_URL=postgres://lightgcn@127.0.0.1:$port/lightgcn_test"
    echo "export LIGHTGCN_TEST_POSTGRES_DIR=$dir"
}

stop() {
    local dir=${1:?usage: test-postgres.sh stop DIR}
    [ -d "$dir/data" ] || { echo "test-postgres: no cluster in $dir" >&2; return 0; }
    as_owner "$(find_bin pg_ctl)" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 64 ;;
esac
