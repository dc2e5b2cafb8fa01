#!/bin/sh
# Load test of `lightgcn serve` on loopback with wrk (Debian: apt-get install wrk).
#
#   Benchmarks/loadtest/run.sh MODEL [SECONDS] [CONNECTIONS]
#
# Starts the server on 127.0.0.1:$PORT (default 18080), runs /recommend at k=20 for SECONDS
# (default 30), then the mixed valid/invalid script for SECONDS, and stops the server.
# Only ever talks to 127.0.0.1. USERS and ITEMS default to the model's (read from /health).
set -eu
MODEL=${1:?usage: run.sh MODEL [SECONDS] [CONNECTIONS]}
SECONDS_PER_RUN=${2:-30}
CONNECTIONS=${3:-16}
PORT=${PORT:-18080}
THREADS=${THREADS:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
LIGHTGCN=${LIGHTGCN:-$HERE/../../.build/release/lightgcn}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

"$LIGHTGCN" serve --model "$MODEL" --host 127.0.0.1 --port "$PORT" --admin-token loadtest &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.1
done
HEALTH=$(curl -sf "http://127.0.0.1:$PORT/health")
echo "health: $HEALTH"
export USERS=$(echo "$HEALTH" | sed 's/.*"users":\([0-9]*\).*/\1/')
export ITEMS=$(echo "$HEALTH" | sed 's/.*"items":\([0-9]*\).*/\1/')

echo "== GET /recommend k=20: $SECONDS_PER_RUN s, $CONNECTIONS connections, $THREADS wrk thread(s)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 2s -s "$HERE/recommend.lua" "http://127.0.0.1:$PORT"
echo "== mixed valid/invalid: $SECONDS_PER_RUN s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 2s -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT"
curl -sf "http://127.0.0.1:$PORT/metrics" | grep -E '^lightgcn_http_requests_total' || true
