"""The functions Spark runs in its tasks (``mapInArrow``): one worker process per partition.

They live in this package (shipped to the executors) rather than in the job scripts, so that
they can be pickled by reference whichever way the scripts are started.
"""

from __future__ import annotations

from typing import Iterator, List, Optional

import pyarrow as pa

#: An id no model has: sent to the worker by ``recommend_all.py --inject-failure`` so that the
#: worker fails for real on the first attempt of a task.
INJECTED_USER = "__lightgcn_spark_injected_failure__"


def _users(batches: Iterator[pa.RecordBatch]) -> List[str]:
    return [user for batch in batches for user in batch.column("user").to_pylist()]


def score_partitions(binary: str, model: str, k: int, include_seen: bool, inject_failure: Optional[int] = None,
                     model_shipped: bool = False):
    """The task of ``recommend_all.py``: a partition's users through one ``score-shard``."""

    def score(batches):
        from pyspark import TaskContext

        from lightgcn_spark.rows import RECOMMENDATION_SCHEMA, parse_recommendations
        from lightgcn_spark.worker import run_worker, worker_file

        users = _users(batches)
        if not users:
            return
        context = TaskContext.get()
        if inject_failure is not None and context.partitionId() == inject_failure and context.attemptNumber() == 0:
            users.append(INJECTED_USER)
        command = [worker_file(binary, executable=True), "score-shard", "--model", worker_file(model, shipped=model_shipped), "--k", str(k)]
        if include_seen:
            command.append("--include-seen")
        yield from parse_recommendations(run_worker(command, users)).cast(RECOMMENDATION_SCHEMA).to_batches()

    return score


def metric_partitions(binary: str, model: str, k: str, options: List[str], names: List[str],
                      model_shipped: bool = False):
    """The task of ``evaluate.py``: a partition's users through one ``evaluate-shard``."""

    def evaluate(batches):
        from lightgcn_spark.rows import parse_metrics
        from lightgcn_spark.worker import run_worker, worker_file

        users = _users(batches)
        if not users:
            return
        command = [worker_file(binary, executable=True), "evaluate-shard", "--model", worker_file(model, shipped=model_shipped), "--k", k]
        table = parse_metrics(run_worker(command + list(options), users))
        yield from table.select(["user", "test_items"] + names).to_batches()

    return evaluate
