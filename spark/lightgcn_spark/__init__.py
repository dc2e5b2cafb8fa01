"""Spark jobs around the ``lightgcn`` binary.

Spark moves the data and schedules the tasks; each task runs the Swift binary as a worker
process (``lightgcn score-shard`` / ``lightgcn evaluate-shard``), feeding it user ids on
standard input and reading CSV rows from standard output. A worker that exits non-zero fails
the task with the worker's standard error in the exception, so Spark retries it
(``spark.task.maxFailures``) and, if it keeps failing, fails the job: never partial output.
"""

from .worker import WorkerError, model_users, resolve_binary, run_worker, worker_file

__all__ = ["WorkerError", "model_users", "resolve_binary", "run_worker", "worker_file"]
