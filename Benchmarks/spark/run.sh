#!/usr/bin/env bash
# Benchmark of the Spark jobs on a Gowalla model (issue 17): rows/s of spark/recommend_all.py
# with 1 and 2 executors against 'lightgcn recommend --all' in one process, the exactness of
# both jobs on the real data, and one training epoch with 1 and 2 cores (peak RSS from
# /usr/bin/time -v). Numbers go to BENCHMARKS.md by hand.
#
#   Benchmarks/spark/run.sh [WORKDIR]      (default /tmp/lightgcn-spark-bench)
#
# Needs ../shared/data/gowalla (or $LIGHTGCN_DATA), a release build, and pyspark, pandas, pyarrow.
set -euo pipefail
cd "$(dirname "$0")/../.."
B="$PWD/.build/release/lightgcn"
WORK="${1:-/tmp/lightgcn-spark-bench}"
DATA_ROOT="${LIGHTGCN_DATA:-$PWD/../shared/data}"
[ -f "$DATA_ROOT/gowalla/train.txt" ] || { echo "missing: $DATA_ROOT/gowalla (set LIGHTGCN_DATA)" >&2; exit 1; }
[ -x "$B" ] || { echo "missing: $B (swift build -c release)" >&2; exit 1; }
mkdir -p "$WORK"
export SPARK_HOME="${SPARK_HOME:-$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')}"
export PYSPARK_PYTHON="$(command -v python3)"
MODEL="$WORK/gowalla.lgcn"

echo "== one training epoch, 2 cores then 1 core (taskset), peak RSS"
for cores in 0,1 0; do
    /usr/bin/time -v taskset -c "$cores" "$B" train --data gowalla --data-root "$DATA_ROOT" --epochs 1 --eval-every 0 \
        --no-train-metrics --output "$MODEL" --json --quiet > "$WORK/train-$cores.json" 2> "$WORK/train-$cores.time"
    python3 - "$WORK/train-$cores.json" "$WORK/train-$cores.time" "$cores" <<'PY'
import json, re, sys
run = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[2]).read()).group(1))
print(f"cores {sys.argv[3]}: {run['secondsPerEpoch']:.1f} s per epoch, peak RSS {rss / 1024:.0f} MB "
      f"(the run's own peakRSSMegabytes {run['peakRSSMegabytes']:.0f})")
PY
done

echo "== recommend --all in one process"
/usr/bin/time -v "$B" recommend --model "$MODEL" --all -k 20 --output "$WORK/reference.csv" --quiet 2> "$WORK/all.time"
grep -E "Elapsed|Maximum resident" "$WORK/all.time"
wc -l < "$WORK/reference.csv"

for executors in 1 2; do
    echo "== recommend_all.py, local-cluster[$executors,1,1024]"
    start=$(date +%s)
    "$SPARK_HOME/bin/spark-submit" --master "local-cluster[$executors,1,1024]" --conf spark.driver.host=127.0.0.1 \
        --conf spark.ui.enabled=false --conf spark.executor.memory=768m --conf spark.task.maxFailures=4 \
        --files "$MODEL" spark/recommend_all.py --model "$MODEL" --k 20 --output "$WORK/top-$executors" \
        --binary "$B" 2>&1 | grep "recommend_all:"
    echo "wall seconds with JVM start-up: $(( $(date +%s) - start ))"
done

echo "== exactness on Gowalla: Parquet rows against recommend --all; evaluate.py against evaluate"
python3 - "$WORK" <<'PY'
import sys
import pandas as pd, pyarrow.parquet as pq
sys.path.insert(0, "spark")
from lightgcn_spark.rows import parse_recommendations
work = sys.argv[1]
ref = parse_recommendations(open(f"{work}/reference.csv", "rb").read()).to_pandas().sort_values(["user", "rank"]).reset_index(drop=True)
for executors in (1, 2):
    got = pq.read_table(f"{work}/top-{executors}").to_pandas().drop(columns="bucket")
    got = got.sort_values(["user", "rank"]).reset_index(drop=True)[["user", "rank", "item", "score"]]
    pd.testing.assert_frame_equal(got, ref, check_exact=True)
    print(f"{executors} executor(s): {len(got)} rows, identical to recommend --all")
PY
"$SPARK_HOME/bin/spark-submit" --master "local-cluster[2,1,1024]" --conf spark.driver.host=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.executor.memory=768m --files "$MODEL" \
    spark/evaluate.py --model "$MODEL" --k 20 --output "$WORK/distributed.json" --binary "$B" 2>/dev/null > /dev/null
"$B" evaluate --model "$MODEL" --k 20 --json --quiet > "$WORK/single.json"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
distributed = json.load(open(f"{work}/distributed.json"))
single = json.load(open(f"{work}/single.json"))["lightgcn"]
worst = max(abs(distributed["metrics"][k] - v) for k, v in single["metrics"].items())
assert distributed["userCount"] == single["userCount"] and worst <= 1e-9, (worst, distributed["userCount"], single["userCount"])
print(f"evaluate.py: {distributed['userCount']} users, largest difference from evaluate {worst:.2e}; Recall@20 {single['metrics']['Recall@20']:.6f}")
PY
