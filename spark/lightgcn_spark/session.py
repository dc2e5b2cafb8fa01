"""The Spark side shared by the jobs: the session, shipping this package and the model."""

from __future__ import annotations

import os
import tempfile
import zipfile

from pyspark.sql import DataFrame, SparkSession

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def spark_session(app_name: str) -> SparkSession:
    """The session (master and settings come from ``spark-submit``), with this package shipped
    to the executors so that the task functions can import it."""
    return ship_package(SparkSession.builder.appName(app_name).getOrCreate())


def ship_package(spark: SparkSession) -> SparkSession:
    """Ships this package to the executors (once per session) and returns the session."""
    if spark.conf.get("spark.lightgcn.packageShipped", "false") == "true":
        return spark
    archive = os.path.join(tempfile.mkdtemp(prefix="lightgcn-spark-"), "lightgcn_spark.zip")
    with zipfile.ZipFile(archive, "w") as zf:
        for name in sorted(os.listdir(PACKAGE_DIR)):
            if name.endswith(".py"):
                zf.write(os.path.join(PACKAGE_DIR, name), f"lightgcn_spark/{name}")
    spark.sparkContext.addPyFile(archive)
    spark.conf.set("spark.lightgcn.packageShipped", "true")
    return spark


def ship(spark: SparkSession, path: str) -> bool:
    """Ships a file that exists on the driver to every executor (as ``--files`` does) and
    returns True; a path the driver does not have is left to the executors (a shared file
    system) and gives False."""
    if not os.path.isfile(path):
        return False
    spark.sparkContext.addFile(os.path.abspath(path))
    return True


def read_users(spark: SparkSession, path: str, column: str) -> DataFrame:
    """User ids from a Parquet file or folder, or a CSV with a header, as one string column
    ``user``."""
    lowered = path.rstrip("/").lower()
    if lowered.endswith(".csv") or lowered.endswith(".tsv"):
        frame = spark.read.option("header", True).option("sep", "\t" if lowered.endswith(".tsv") else ",").csv(path)
    else:
        frame = spark.read.parquet(path)
    if column not in frame.columns:
        raise SystemExit(f"error: {path} has no column '{column}' (columns: {', '.join(frame.columns)}); "
                         "name it with --user-column")
    return frame.select(frame[column].cast("string").alias("user")).where("user IS NOT NULL")
