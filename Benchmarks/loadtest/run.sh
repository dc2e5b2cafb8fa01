#!/bin/sh
# Load test of `lightgcn serve` on loopback with wrk (Debian: apt-get install -y wrk).
#
#   Benchmarks/loadtest/run.sh MODEL [SECONDS] [CONNECTIONS]
#
# Starts the server on 127.0.0.1:$PORT (default 18080) with a release build, then runs for
# SECONDS each (default 20):
#   1. GET /recommend for random known users at k=$K (default 20): throughput, p50/p90/p99;
#   2. the mixed script: valid and invalid requests of every route; there must be no 5xx
#      answer and the server must still answer /health afterwards.
# and stops the server. Exits 1 when the server died or answered any request with a 5xx.
#
# The 10-minute soak of the issue (mixed requests only):
#   MODE=mixed Benchmarks/loadtest/run.sh MODEL 600
#
# Environment: MODE=all|recommend|mixed (default all), PORT, K, THREADS (wrk threads, default 1),
# LIGHTGCN (the binary, default .build/release/lightgcn). Only ever talks to 127.0.0.1.
# The dataset's ids are exported with `lightgcn export --format npy` so requests name real users
# and items; models without ids are requested by dense index.
set -eu
MODEL=${1:?usage: run.sh MODEL [SECONDS] [CONNECTIONS]}
DURATION=${2:-20}
CONNECTIONS=${3:-16}
PORT=${PORT:-18080}
THREADS=${THREADS:-1}
MODE=${MODE:-all}
K=${K:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
LIGHTGCN=${LIGHTGCN:-$HERE/../../.build/release/lightgcn}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed (apt-get install -y curl)"; exit 1; }
[ -x "$LIGHTGCN" ] || { echo "no lightgcn binary at $LIGHTGCN (swift build -c release)"; exit 1; }
case $MODE in all|recommend|mixed) ;; *) echo "MODE must be all, recommend or mixed"; exit 1;; esac

WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$LIGHTGCN" export --model "$MODEL" --format npy --output "$WORK/export" --quiet
export USER_IDS="$WORK/export/user_ids.json" ITEM_IDS="$WORK/export/item_ids.json" LOADTEST_DIR="$HERE" K

"$LIGHTGCN" serve --model "$MODEL" --host 127.0.0.1 --port "$PORT" --admin-token "loadtest-$$" --quiet &
SERVER=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "the server did not start"; exit 1; }
  sleep 0.1
done
HEALTH=$(curl -sf "http://127.0.0.1:$PORT/health")
echo "health: $HEALTH"
export USERS=$(echo "$HEALTH" | sed 's/.*"users":\([0-9]*\).*/\1/')
export ITEMS=$(echo "$HEALTH" | sed 's/.*"items":\([0-9]*\).*/\1/')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$MODE" != mixed ]; then
  echo "== GET /recommend k=$K: $DURATION s, $CONNECTIONS connections, $THREADS wrk thread(s)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 2s -s "$HERE/recommend.lua" "http://127.0.0.1:$PORT"
fi
if [ "$MODE" != recommend ]; then
  echo "== mixed valid/invalid: $DURATION s, $CONNECTIONS connections, $THREADS wrk thread(s)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 2s -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT"
fi

STATUS=0
if ! curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; then
  echo "FAIL: the server no longer answers /health"
  exit 1
fi
METRICS=$(curl -sf "http://127.0.0.1:$PORT/metrics")
echo "$METRICS" | grep -E '^lightgcn_http_requests_total' || true
SERVER_ERRORS=$(echo "$METRICS" | grep -E '^lightgcn_http_requests_total.*status="5' | awk '{s += $2} END {print s + 0}')
if [ "$SERVER_ERRORS" -ne 0 ]; then
  echo "FAIL: $SERVER_ERRORS requests answered with a 5xx status"
  STATUS=1
else
  echo "OK: no 5xx answers, the server is still up"
fi
exit $STATUS
