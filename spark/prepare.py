"""Interaction logs (Parquet or CSV) → the training input of ``lightgcn train``: duplicates
removed, a k-core kept, and a global time split.

    spark-submit --master yarn spark/prepare.py --input hdfs:///logs/checkins.parquet \\
        --output /shared/prepared --k-core 10 --holdout-fraction 0.1
    lightgcn train --data /shared/prepared/train.csv --output model.lgcn

Steps, in order:

1. keep the user, item and timestamp columns (``--user-column`` …), drop rows with a missing
   field; ids become text, timestamps integers (Parquet timestamp and date columns become seconds
   since 1970; any other value that is not an integer stops the job, naming the row);
2. deduplicate: one row per (user, item), with its earliest timestamp;
3. k-core: repeatedly drop users and items with fewer than ``--k-core`` interactions until
   none is left;
4. time split: the interactions at or after the ``1 - --holdout-fraction`` quantile of time
   (exact) are held out in ``holdout.csv`` (only for users and items that remain in the
   training part); the rest is ``train.csv``. ``--holdout-fraction 0`` keeps everything in
   ``train.csv``.

Each output is one CSV file with the header ``user,item,timestamp`` (the format
``lightgcn train --data FILE.csv`` reads, which then makes its own validation and test split
of it), written atomically; a summary is printed as JSON.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lightgcn_spark.session import ship_package, spark_session  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="a Parquet file or folder, or a CSV/TSV file with a header")
    parser.add_argument("--output", required=True, help="folder for train.csv and holdout.csv (on the driver's file system)")
    parser.add_argument("--user-column", default="user")
    parser.add_argument("--item-column", default="item")
    parser.add_argument("--time-column", default="timestamp")
    parser.add_argument("--k-core", type=int, default=1, help="minimum interactions per user and per item (default 1: none)")
    parser.add_argument("--holdout-fraction", type=float, default=0.0,
                        help="share of time (by interactions) held out at the end (default 0)")
    parser.add_argument("--max-core-rounds", type=int, default=50, help="give up the k-core after this many rounds")
    arguments = parser.parse_args(argv)
    if arguments.k_core < 1:
        parser.error(f"--k-core must be >= 1, got {arguments.k_core}")
    if not 0 <= arguments.holdout_fraction < 1:
        parser.error(f"--holdout-fraction must be in [0, 1), got {arguments.holdout_fraction}")
    return arguments


def read_log(spark, path: str):
    lowered = path.rstrip("/").lower()
    if lowered.endswith(".csv") or lowered.endswith(".tsv"):
        return spark.read.option("header", True).option("sep", "\t" if lowered.endswith(".tsv") else ",").csv(path)
    return spark.read.parquet(path)


def k_core(frame, k: int, max_rounds: int):
    """The largest sub-log where every user and item has at least ``k`` interactions."""
    from pyspark.sql import functions as F

    if k <= 1:
        return frame, 0
    current = frame.cache()
    size = current.count()
    for round_number in range(1, max_rounds + 1):
        users = current.groupBy("user").count().where(F.col("count") >= k).select("user")
        items = current.groupBy("item").count().where(F.col("count") >= k).select("item")
        kept = current.join(users, "user", "left_semi").join(items, "item", "left_semi").cache()
        kept_size = kept.count()
        current.unpersist()
        current = kept
        if kept_size == size:
            return current, round_number
        size = kept_size
    raise SystemExit(f"error: the {k}-core did not converge in {max_rounds} rounds (--max-core-rounds)")


def write_csv(frame, path: str) -> int:
    """Writes ``frame`` as one CSV file with a header at ``path``, atomically; returns its rows."""
    staging = f"{path}.{uuid.uuid4().hex}.parts"
    frame.coalesce(1).write.option("header", True).csv(staging)
    parts = glob.glob(os.path.join(staging, "part-*.csv"))
    if len(parts) != 1:
        shutil.rmtree(staging, ignore_errors=True)
        raise SystemExit(f"error: expected one CSV part in {staging}, found {len(parts)}")
    temporary = f"{path}.{uuid.uuid4().hex}.tmp"
    shutil.move(parts[0], temporary)
    shutil.rmtree(staging, ignore_errors=True)
    with open(temporary, "rb") as handle:
        rows = max(0, sum(1 for _ in handle) - 1)
    if rows == 0:  # Spark writes no header for an empty frame
        with open(temporary, "w") as handle:
            handle.write("user,item,timestamp\n")
    os.replace(temporary, path)
    return rows


def main(argv=None, spark=None) -> int:
    """Runs the job; with ``spark``, in that session (left running), else in a new one."""
    arguments = parse_arguments(argv)
    owns_session = spark is None
    spark = spark_session("lightgcn prepare") if owns_session else ship_package(spark)
    from pyspark.sql import functions as F

    raw = read_log(spark, arguments.input)
    columns = {"user": arguments.user_column, "item": arguments.item_column, "timestamp": arguments.time_column}
    missing = [name for name in columns.values() if name not in raw.columns]
    if missing:
        raise SystemExit(f"error: {arguments.input} has no column {', '.join(map(repr, missing))} "
                         f"(columns: {', '.join(raw.columns)}); name them with --user-column, --item-column, --time-column")
    time_column = F.col(columns["timestamp"])
    if dict(raw.dtypes)[columns["timestamp"]] in ("timestamp", "timestamp_ntz", "date"):
        time_column = F.unix_timestamp(time_column.cast("timestamp"))  # seconds since 1970
    log = raw.select(F.col(columns["user"]).cast("string").alias("user"),
                     F.col(columns["item"]).cast("string").alias("item"),
                     time_column.cast("string").alias("time_text"))
    log = log.dropna()
    bad = log.where(~F.col("time_text").rlike(r"^\s*-?[0-9]+\s*$")).limit(1).collect()
    if bad:
        row = bad[0]
        raise SystemExit(f"error: {arguments.input}: user {row['user']!r}, item {row['item']!r}: field "
                         f"{columns['timestamp']!r} is {row['time_text']!r}, not an integer timestamp")
    log = log.select("user", "item", F.trim("time_text").cast("long").alias("timestamp"))
    input_rows = log.count()
    deduplicated = log.groupBy("user", "item").agg(F.min("timestamp").alias("timestamp"))
    core, rounds = k_core(deduplicated, arguments.k_core, arguments.max_core_rounds)
    kept_rows = core.count()
    summary = {"inputRows": input_rows, "afterDeduplication": deduplicated.count(), "afterKCore": kept_rows,
               "kCore": arguments.k_core, "kCoreRounds": rounds}
    if arguments.holdout_fraction > 0 and kept_rows > 0:
        cut = core.approxQuantile("timestamp", [1 - arguments.holdout_fraction], 0.0)[0]
        cut = int(cut)
        train = core.where(F.col("timestamp") < cut)
        later = core.where(F.col("timestamp") >= cut)
        holdout = (later.join(train.select("user").distinct(), "user", "left_semi")
                   .join(train.select("item").distinct(), "item", "left_semi"))
        summary["cutTimestamp"] = cut
    else:
        train, holdout = core, None
    os.makedirs(arguments.output, exist_ok=True)
    order = ["user", "item", "timestamp"]
    summary["trainRows"] = write_csv(train.select(order).orderBy("timestamp", "user", "item"),
                                     os.path.join(arguments.output, "train.csv"))
    if holdout is not None:
        summary["holdoutRows"] = write_csv(holdout.select(order).orderBy("timestamp", "user", "item"),
                                           os.path.join(arguments.output, "holdout.csv"))
    print(json.dumps(summary, sort_keys=True))
    if owns_session:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
