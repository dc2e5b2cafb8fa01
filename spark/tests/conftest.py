"""Fixtures: the lightgcn binary, spark-submit on a local cluster, a generated interaction log,
and a model trained on the output of prepare.py."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

SPARK_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(SPARK_DIR)
sys.path.insert(0, SPARK_DIR)

#: The master of every job in the tests: two worker JVMs with one core and 1 GB each, so that
#: tasks run in other processes and failed tasks are retried (plain local[N] does not retry).
MASTER = os.environ.get("LIGHTGCN_SPARK_MASTER", "local-cluster[2,1,1024]")


def lightgcn_binary() -> str:
    path = os.environ.get("LIGHTGCN_BIN") or os.path.join(REPOSITORY, ".build", "release", "lightgcn")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no lightgcn binary at {path}: run 'swift build -c release' first or set LIGHTGCN_BIN")
    return os.path.abspath(path)


def spark_home() -> str:
    import pyspark

    return os.environ.get("SPARK_HOME") or os.path.dirname(pyspark.__file__)


def spark_submit(script: str, arguments, *, max_failures: int = 4, check: bool = True, extra_conf=()):
    """Runs ``spark-submit --master MASTER spark/SCRIPT ARGUMENTS``; returns the completed process."""
    home = spark_home()
    environment = dict(os.environ, SPARK_HOME=home, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    command = [os.path.join(home, "bin", "spark-submit"), "--master", MASTER,
               "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
               "--conf", f"spark.task.maxFailures={max_failures}",
               "--conf", "spark.executor.memory=512m", "--conf", "spark.sql.shuffle.partitions=4"]
    for conf in extra_conf:
        command += ["--conf", conf]
    command += [os.path.join(SPARK_DIR, script)] + [str(a) for a in arguments]
    process = subprocess.run(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             timeout=900)
    if check and process.returncode != 0:
        pytest.fail(f"{script} failed with status {process.returncode}:\n{process.stderr[-6000:]}")
    return process


def run_binary(*arguments, input_text=None) -> subprocess.CompletedProcess:
    process = subprocess.run([lightgcn_binary(), *map(str, arguments)], input=input_text, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert process.returncode == 0, f"lightgcn {' '.join(map(str, arguments))}: {process.stderr}"
    return process


def generated_log(users: int = 1500, items: int = 900, seed: int = 7) -> pd.DataFrame:
    """An interaction log with community structure, string ids, duplicates and a long tail."""
    rng = np.random.default_rng(seed)
    communities = 6
    user_group = rng.integers(0, communities, users)
    item_group = rng.integers(0, communities, items)
    rows = []
    for user in range(users):
        count = int(rng.integers(3, 40))
        own = np.flatnonzero(item_group == user_group[user])
        picks = np.where(rng.random(count) < 0.8, rng.choice(own, count), rng.integers(0, items, count))
        for item in picks:
            rows.append((f"user-{user}", f"item-{item}", int(1_500_000_000 + rng.integers(0, 10_000_000))))
    frame = pd.DataFrame(rows, columns=["uid", "iid", "ts"])
    duplicates = frame.sample(frac=0.05, random_state=seed)
    return pd.concat([frame, duplicates], ignore_index=True)


@pytest.fixture(scope="session")
def spark():
    """One session on MASTER for the in-process job runs (``job.main(argv, spark)``); tasks
    may fail twice (``spark.task.maxFailures=2``)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_HOME", spark_home())
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master(MASTER).appName("lightgcn spark tests")
               .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
               .config("spark.task.maxFailures", "2").config("spark.executor.memory", "512m")
               .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="session")
def workspace(tmp_path_factory, spark):
    """The generated log as Parquet, prepare.py's output, and a model trained on it."""
    import contextlib
    import io

    import prepare

    root = tmp_path_factory.mktemp("lightgcn-spark")
    log = generated_log()
    log_path = root / "log.parquet"
    log.to_parquet(log_path, index=False)
    prepared = root / "prepared"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        prepare.main(["--input", str(log_path), "--output", str(prepared), "--user-column", "uid", "--item-column", "iid",
                      "--time-column", "ts", "--k-core", "5", "--holdout-fraction", "0.1"], spark)
    model = root / "model.lgcn"
    run_binary("train", "--data", prepared / "train.csv", "--epochs", "2", "--dim", "16", "--layers", "2",
               "--eval-every", "0", "--no-train-metrics", "--output", model, "--quiet")
    return {"root": root, "log": log, "log_path": log_path, "prepared": prepared, "model": model,
            "prepare_stdout": printed.getvalue()}
