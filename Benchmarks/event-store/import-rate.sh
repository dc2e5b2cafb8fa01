#!/usr/bin/env bash
# Bulk import rate of the event store, and a kill -9 durability check (BENCHMARKS.md, issue 15).
#
#   Benchmarks/event-store/import-rate.sh [EVENTS] [BATCH]      # defaults 1000000 and 1000
#
# Needs a release build (.build/release/lightgcn) and, for PostgreSQL, LIGHTGCN_TEST_POSTGRES_URL
# (eval "$(scripts/test-postgres.sh start)"); a fresh database is created for the run.
# Generated events go to a temporary folder, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=.build/release/lightgcn
N=${1:-1000000}
BATCH=${2:-1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/lightgcn-import-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== generating $N events (50,000 users, 20,000 items, 5 types)"
awk -v n="$N" 'BEGIN {
    srand(15); split("view,click,cart,purchase,like", t, ",");
    print "event_id,user,item,type,value,timestamp";
    for (k = 0; k < n; k++)
        printf "ev-%d,user-%d,item-%d,%s,,%d\n", k, int(rand() * 50000), int(rand() * 20000), t[1 + k % 5], 1700000000 + k;
}' > "$work/events.csv"
ls -l "$work/events.csv"

echo "== SQLite: $N events in batches of $BATCH"
$B events import "$work/events.csv" --store "sqlite:$work/bench.sqlite" --batch-size "$BATCH" --json
ls -l "$work"/bench.sqlite*

if [ -n "${LIGHTGCN_TEST_POSTGRES_URL:-}" ]; then
    db="bench_$$"
    psql "$LIGHTGCN_TEST_POSTGRES_URL" -qc "CREATE DATABASE $db"
    url="${LIGHTGCN_TEST_POSTGRES_URL%/*}/$db"
    echo "== PostgreSQL: $N events in batches of $BATCH ($url)"
    $B events import "$work/events.csv" --store "$url" --batch-size "$BATCH" --json
    psql "$LIGHTGCN_TEST_POSTGRES_URL" -qc "DROP DATABASE $db WITH (FORCE)"
else
    echo "== PostgreSQL: skipped (LIGHTGCN_TEST_POSTGRES_URL is not set)"
fi

# Starts an import into $1, kills it with SIGKILL $2 seconds after its first acknowledged batch,
# and checks that the store holds whole batches only: the acknowledged ones, plus at most the
# one whose commit was under way when the process died.
kill_check() {
    local store=$1 delay=$2 pid acked rows verdict
    $B events import "$work/events.csv" --store "$store" --batch-size "$BATCH" --verbose 2>"$work/kill.log" &
    pid=$!
    until grep -q '^committed' "$work/kill.log" 2>/dev/null; do sleep 0.05; done
    sleep "$delay"
    kill -9 $pid; wait $pid 2>/dev/null || true
    acked=$(grep '^committed' "$work/kill.log" | tail -1 | awk '{print $2}')
    rows=$($B events stats --store "$store" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
    verdict="FAIL"
    if [ $((rows % BATCH)) -eq 0 ] && [ "$rows" -ge "$acked" ] && [ "$rows" -le $((acked + BATCH)) ]; then verdict="ok"; fi
    echo "killed ${delay}s after the first commit: acknowledged $acked, rows $rows ($((rows / BATCH)) whole batches) -> $verdict"
}

echo "== durability: kill -9 an import mid-way, then count (SQLite)"
for delay in 1.5 3 4.5; do kill_check "sqlite:$work/kill-$delay.sqlite" $delay; done
if [ -n "${LIGHTGCN_TEST_POSTGRES_URL:-}" ]; then
    echo "== durability: kill -9 an import mid-way, then count (PostgreSQL)"
    for delay in 1.5 3 4.5; do
        db="kill_$$_${delay/./_}"
        psql "$LIGHTGCN_TEST_POSTGRES_URL" -qc "CREATE DATABASE $db"
        kill_check "${LIGHTGCN_TEST_POSTGRES_URL%/*}/$db" $delay
        psql "$LIGHTGCN_TEST_POSTGRES_URL" -qc "DROP DATABASE $db WITH (FORCE)"
    done
fi
