#!/usr/bin/env bash
# Peak memory of one training epoch against the size of the graph (docs/scale-out.md): a tiny
# generated log (the fixed cost of the process), Gowalla, and Gowalla with each user's training
# items cut to the first half (the same nodes, half the interactions). Peak RSS from
# /usr/bin/time -v; the epoch settings are the authors' (dim 64, 3 layers, batch 2048).
#
#   Benchmarks/spark/memory.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
B="$PWD/.build/release/lightgcn"
WORK="${1:-/tmp/lightgcn-memory-bench}"
DATA_ROOT="${LIGHTGCN_DATA:-$PWD/../shared/data}"
[ -f "$DATA_ROOT/gowalla/train.txt" ] || { echo "missing: $DATA_ROOT/gowalla (set LIGHTGCN_DATA)" >&2; exit 1; }
mkdir -p "$WORK/half" "$WORK/tiny"
python3 - "$DATA_ROOT/gowalla" "$WORK" <<'PY'
import random, sys
source, work = sys.argv[1:]
with open(f"{source}/train.txt") as f, open(f"{work}/half/train.txt", "w") as out:
    for line in f:
        ids = line.split()
        if ids:
            out.write(" ".join(ids[:1 + max(1, (len(ids) - 1) // 2)]) + "\n")
with open(f"{source}/test.txt") as f, open(f"{work}/half/test.txt", "w") as out:
    out.write(f.read())
random.seed(1)
with open(f"{work}/tiny/log.csv", "w") as out:
    out.write("user,item,timestamp\n")
    for u in range(100):
        for i in random.sample(range(80), 10):
            out.write(f"u{u},i{i},{1600000000 + u * 100 + i}\n")
PY
for name in tiny half full; do
    case $name in
        tiny) data="$WORK/tiny/log.csv" ;;
        half) data="$WORK/half" ;;
        full) data="$DATA_ROOT/gowalla" ;;
    esac
    /usr/bin/time -v "$B" train --data "$data" --epochs 1 --eval-every 0 --no-train-metrics --json \
        > "$WORK/$name.json" 2> "$WORK/$name.time"
    python3 - "$WORK/$name.json" "$WORK/$name.time" "$name" <<'PY'
import json, re, sys
run = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
text = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
summary = [l for l in text.splitlines() if "users" in l and "items" in l][:2]
print(f"{sys.argv[3]}: {run['secondsPerEpoch']:.1f} s per epoch, peak RSS {rss / 1024:.1f} MB; " + " / ".join(s.strip() for s in summary))
PY
done
