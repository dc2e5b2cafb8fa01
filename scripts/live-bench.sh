#!/usr/bin/env bash
# Measures the living recommender (BENCHMARKS.md, "A living recommender"): ingest under load with
# /recommend latency and visibility, and the kill -9 crash test, on SQLite and on PostgreSQL.
#
#   scripts/live-bench.sh load sqlite        # 60 s at --rate events/s, /recommend p99, visibility
#   scripts/live-bench.sh load postgres      # needs LIGHTGCN_TEST_POSTGRES_URL (scripts/test-postgres.sh start)
#   scripts/live-bench.sh crash sqlite       # full-speed ingest, kill -9 at 30 s, restart, count acked ids
#   scripts/live-bench.sh crash postgres
#
# The store is seeded with MovieLens-100K's ratings ≥ 4 (55,375 events) from ../shared/data/ml-100k
# (or $LIGHTGCN_DATA_ROOT/ml-100k), a LightGCN is trained from it, then served with --store.
# Environment: BIN (default .build/release/lightgcn), WORK (default /tmp/lightgcn-live-bench),
# SECONDS_RUN (60), RATE (6000), PORT (8097), EPOCHS (40), SERVE_OPTIONS (more options for serve,
# e.g. "--fold-in trained-layers"), RETRAIN_AT (load mode: POST /admin/retrain this many seconds in).
set -euo pipefail

mode=${1:?usage: live-bench.sh load|crash sqlite|postgres}
backend=${2:?usage: live-bench.sh load|crash sqlite|postgres}
here=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$here/.build/release/lightgcn}
WORK=${WORK:-/tmp/lightgcn-live-bench}
SECONDS_RUN=${SECONDS_RUN:-60}
RATE=${RATE:-6000}
PORT=${PORT:-8097}
EPOCHS=${EPOCHS:-40}
data_root=${LIGHTGCN_DATA_ROOT:-$here/../shared/data}
ratings=$data_root/ml-100k/u.data
[ -f "$ratings" ] || { echo "live-bench: $ratings is missing (MovieLens-100K is not redistributed; see ../shared/data/README.md)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "live-bench: $BIN is missing: swift build -c release" >&2; exit 1; }
mkdir -p "$WORK"

case $backend in
    sqlite) store=sqlite:$WORK/events.sqlite; rm -f "$WORK"/events.sqlite*;;
    postgres)
        base=${LIGHTGCN_TEST_POSTGRES_URL:?set LIGHTGCN_TEST_POSTGRES_URL (eval "$(scripts/test-postgres.sh start)")}
        db=live_bench_$$
        psql "$base" -q -c "CREATE DATABASE $db" >/dev/null
        store=${base%/*}/$db;;
    *) echo "live-bench: backend must be sqlite or postgres" >&2; exit 64;;
esac

events=$WORK/ml100k-events.csv
python3 - "$ratings" "$events" <<'EOF'
import sys
n = 0
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    out.write("event_id,user,item,type,value,timestamp\n")
    for line in f:
        u, i, r, t = line.split()
        if int(r) >= 4:
            n += 1
            out.write(f"ml-{n},{u},{i},rating,{r},{t}\n")
EOF
"$BIN" events import "$events" --store "$store" --batch-size 5000
model=$WORK/ml100k-$backend.lgcn
"$BIN" train --data "$store" --epochs "$EPOCHS" --output "$model" 2>&1 | tail -1

server_pid=
start_server() {
    # shellcheck disable=SC2086
    "$BIN" serve --model "$model" --store "$store" --port "$PORT" --admin-token bench ${SERVE_OPTIONS:-} >>"$WORK/serve-$backend.log" 2>&1 &
    server_pid=$!
}
wait_health() {
    local began=$1
    for _ in $(seq 1 3000); do
        if curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
            python3 -c "import time; print('answered %.2f s after start' % (time.time() - $began))"
            return 0
        fi
        sleep 0.01
    done
    echo "live-bench: the server did not answer" >&2
    return 1
}
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
trap stop_server EXIT

: >"$WORK/serve-$backend.log"
start_server
wait_health "$(date +%s.%N)"
prefix=$mode-$backend-$(date +%s)
acked=$WORK/acked-$prefix.txt
case $mode in
    load)
        if [ -n "${RETRAIN_AT:-}" ]; then
            (sleep "$RETRAIN_AT"; curl -s -X POST -H 'Authorization: Bearer bench' "http://127.0.0.1:$PORT/admin/retrain"; echo) &
        fi
        python3 "$here/scripts/live-load.py" --url "http://127.0.0.1:$PORT" --users 943 --items 1682 \
            --seconds "$SECONDS_RUN" --rate "$RATE" --prefix "$prefix" --acked "$acked" \
            --json "$WORK/load-$backend.json"
        curl -s "http://127.0.0.1:$PORT/health"; echo
        grep -E "retrain|incremental" "$WORK/serve-$backend.log" || true
        ;;
    crash)
        python3 "$here/scripts/live-load.py" --url "http://127.0.0.1:$PORT" --users 943 --items 1682 \
            --seconds "$SECONDS_RUN" --rate 0 --ingest-threads 3 --recommend-rate 50 --visibility-trials 0 \
            --prefix "$prefix" --acked "$acked" --tolerate-errors --json "$WORK/crash-$backend.json" &
        client=$!
        sleep $((SECONDS_RUN / 2))
        kill -9 "$server_pid"
        echo "killed the server (kill -9) at $((SECONDS_RUN / 2)) s"
        began=$(date +%s.%N)
        start_server
        wait_health "$began"
        wait "$client"
        stop_server
        server_pid=
        python3 - "$acked" "$store" "$prefix" <<'EOF'
import subprocess, sys
acked_path, store, prefix = sys.argv[1:]
acked = set(line.strip() for line in open(acked_path) if line.strip())
if store.startswith("sqlite:"):
    import sqlite3
    db = sqlite3.connect(store[len("sqlite:"):])
    stored = set(row[0] for row in db.execute("SELECT event_id FROM events WHERE event_id LIKE ?", (prefix + "%",)))
else:
    out = subprocess.run(["psql", store, "-Atc", "SELECT event_id FROM events WHERE event_id LIKE '%s%%'" % prefix],
                         check=True, capture_output=True, text=True).stdout
    stored = set(out.split())
lost = acked - stored
print("acknowledged %d, stored %d (of this run), acknowledged but missing: %d" % (len(acked), len(stored), len(lost)))
sys.exit(1 if lost else 0)
EOF
        ;;
    *) echo "live-bench: mode must be load or crash" >&2; exit 64;;
esac
