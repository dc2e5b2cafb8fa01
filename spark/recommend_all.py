"""Top-K items for every user of a lightgcn model, computed by Spark tasks that run
``lightgcn score-shard``; written as Parquet partitioned by user bucket.

    spark-submit --master yarn --files model.lgcn spark/recommend_all.py \\
        --model model.lgcn --k 20 --output hdfs:///recs/top20 [--users users.parquet]

Each partition of users is piped, one id per line, into one ``score-shard`` process; its rows
``user, rank, item, score`` (score: the model's 32-bit float, exact) become the partition's
output. Without ``--users`` the users are every user of the model (``lightgcn export-users``,
run on the driver). A worker that fails fails its task with the worker's standard error;
Spark retries it up to ``spark.task.maxFailures`` times, then fails the job.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lightgcn_spark.session import ship_package, read_users, ship, spark_session  # noqa: E402
from lightgcn_spark.tasks import score_partitions  # noqa: E402
from lightgcn_spark.worker import model_users, resolve_binary  # noqa: E402

def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True,
                        help="the model file: shipped to the executors when the driver has it (or give it to --files)")
    parser.add_argument("--k", type=int, default=20, help="items per user (default 20)")
    parser.add_argument("--output", required=True, help="output folder (Parquet, partitioned by bucket; overwritten)")
    parser.add_argument("--users", help="Parquet or CSV (with a header) of user ids; default: every user of the model")
    parser.add_argument("--user-column", default="user", help="the users' column in --users (default 'user')")
    parser.add_argument("--include-seen", action="store_true", help="also rank the items each user already has")
    parser.add_argument("--partitions", type=int, help="tasks (default: 2 x spark.default.parallelism)")
    parser.add_argument("--buckets", type=int, default=16, help="user buckets of the output (default 16)")
    parser.add_argument("--binary", help="the lightgcn binary on the executors (default $LIGHTGCN_BIN, else lightgcn on PATH)")
    parser.add_argument("--inject-failure", type=int, metavar="PARTITION",
                        help="testing: on the first attempt of this partition, send the worker an unknown user id so "
                             "that it fails (Spark must retry the task)")
    arguments = parser.parse_args(argv)
    if arguments.k < 1:
        parser.error(f"--k must be >= 1, got {arguments.k}")
    if arguments.buckets < 1:
        parser.error(f"--buckets must be >= 1, got {arguments.buckets}")
    return arguments


def main(argv=None, spark=None) -> int:
    """Runs the job; with ``spark``, in that session (left running), else in a new one."""
    arguments = parse_arguments(argv)
    binary = resolve_binary(arguments.binary)
    owns_session = spark is None
    spark = spark_session("lightgcn recommend_all") if owns_session else ship_package(spark)
    shipped = ship(spark, arguments.model)
    if arguments.users:
        users = read_users(spark, arguments.users, arguments.user_column)
    else:
        ids = model_users(binary, arguments.model)
        users = spark.createDataFrame([(user,) for user in ids], "user string")
    partitions = arguments.partitions or 2 * spark.sparkContext.defaultParallelism
    from pyspark.sql import functions as F

    start = time.time()
    rows = (users.repartition(partitions)
            .mapInArrow(score_partitions(binary, arguments.model, arguments.k, arguments.include_seen,
                                         arguments.inject_failure, shipped),
                        "user string, rank int, item string, score float")
            .withColumn("bucket", F.pmod(F.xxhash64("user"), F.lit(arguments.buckets)).cast("int")))
    rows.write.mode("overwrite").partitionBy("bucket").parquet(arguments.output)
    seconds = time.time() - start
    count = spark.read.parquet(arguments.output).count()
    print(f"recommend_all: {count} rows in {seconds:.2f} s ({count / max(seconds, 1e-9):.0f} rows/s), "
          f"{partitions} tasks, written to {arguments.output}", file=sys.stderr)
    if owns_session:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
