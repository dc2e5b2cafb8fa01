"""Distributed full-ranking evaluation of a lightgcn model: Spark tasks run
``lightgcn evaluate-shard`` on partitions of users; the per-user metric rows are averaged.

    spark-submit --master yarn --files model.lgcn spark/evaluate.py \\
        --model model.lgcn --k 20 --output metrics.json -- --data /shared/gowalla

Arguments after ``--`` go to every ``evaluate-shard`` process: the data options of
``lightgcn evaluate`` (by default the options recorded in the model; the data must be readable
on every executor). Every user of the model is sent; the workers return a row for each user
with at least one test item, exactly as ``evaluate`` ranks and counts them, so the averages
equal ``lightgcn evaluate --model M --json`` (to floating-point summation order). The result,
one JSON object ``{"userCount": …, "metrics": {"Recall@20": …, …}}``, is printed on standard
output and written to ``--output``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lightgcn_spark.session import ship_package, ship, spark_session  # noqa: E402
from lightgcn_spark.tasks import metric_partitions  # noqa: E402
from lightgcn_spark.worker import model_users, resolve_binary  # noqa: E402


def parse_arguments(argv):
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True,
                        help="the model file: shipped to the executors when the driver has it (or give it to --files)")
    parser.add_argument("--k", default="20", help="cut-off(s), comma-separated (default 20)")
    parser.add_argument("--output", help="write the averaged metrics here as JSON")
    parser.add_argument("--per-user", help="also write the per-user rows here (Parquet)")
    parser.add_argument("--partitions", type=int, help="tasks (default: 2 x spark.default.parallelism)")
    parser.add_argument("--binary", help="the lightgcn binary on the executors (default $LIGHTGCN_BIN, else lightgcn on PATH)")
    arguments = parser.parse_args(argv)
    arguments.worker_options = passthrough
    return arguments


def metric_names(k: str) -> list:
    """The columns ``evaluate-shard`` writes for cut-offs ``k`` (its documented order)."""
    ks = sorted({int(part) for part in k.split(",")})
    metrics = ["Precision", "Recall", "F1", "MAP", "NDCG", "MRR", "HitRate"]
    return [f"{metric}@{cutoff}" for metric in metrics for cutoff in ks]


def main(argv=None, spark=None) -> int:
    """Runs the job; with ``spark``, in that session (left running), else in a new one."""
    arguments = parse_arguments(argv)
    try:
        names = metric_names(arguments.k)
    except ValueError:
        raise SystemExit(f"error: --k expects positive integers separated by commas, got '{arguments.k}'")
    binary = resolve_binary(arguments.binary)
    owns_session = spark is None
    spark = spark_session("lightgcn evaluate") if owns_session else ship_package(spark)
    shipped = ship(spark, arguments.model)
    from pyspark.sql import functions as F

    users = spark.createDataFrame([(user,) for user in model_users(binary, arguments.model)], "user string")
    partitions = arguments.partitions or 2 * spark.sparkContext.defaultParallelism
    schema = "user string, test_items int, " + ", ".join(f"`{name}` double" for name in names)
    rows = users.repartition(partitions).mapInArrow(
        metric_partitions(binary, arguments.model, arguments.k, arguments.worker_options, names, shipped), schema).cache()
    if arguments.per_user:
        rows.write.mode("overwrite").parquet(arguments.per_user)
    aggregate = rows.agg(F.count(F.lit(1)).alias("userCount"), *[F.avg(F.col(f"`{n}`")).alias(n) for n in names]).first()
    result = {"userCount": int(aggregate["userCount"]),
              "metrics": {name: (float(aggregate[name]) if aggregate[name] is not None else 0.0) for name in names}}
    text = json.dumps(result, indent=2, sort_keys=True)
    if arguments.output:
        directory = os.path.dirname(os.path.abspath(arguments.output))
        with tempfile.NamedTemporaryFile("w", dir=directory, delete=False, suffix=".tmp") as handle:
            handle.write(text + "\n")
        os.replace(handle.name, arguments.output)
    print(text)
    if owns_session:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
