"""Running the ``lightgcn`` binary as a worker process inside a Spark task."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
from typing import Iterable, Optional, Sequence

#: Environment variable naming the ``lightgcn`` binary (when ``--binary`` is not given).
BINARY_ENV = "LIGHTGCN_BIN"


class WorkerError(RuntimeError):
    """The worker process failed: its command, exit status and standard error."""


def resolve_binary(option: Optional[str]) -> str:
    """The binary to run: ``option``, else ``$LIGHTGCN_BIN``, else ``lightgcn`` on ``PATH``.

    Resolved on the driver and passed to the tasks, so executors need no environment of
    their own. The path must exist on every node (installed there, on a shared file system,
    or shipped with ``--files``; see :func:`worker_file`).
    """
    candidate = option or os.environ.get(BINARY_ENV) or "lightgcn"
    if os.sep not in candidate:
        found = shutil.which(candidate)
        if found:
            return found
    return os.path.abspath(candidate) if os.path.exists(candidate) else candidate


def worker_file(path: str, executable: bool = False, shipped: bool = False) -> str:
    """The local path of ``path`` inside a task.

    ``path`` itself when this node has it (installed, or on a shared file system). Otherwise
    the copy distributed by Spark (``SparkFiles.get`` of its base name), but only when the
    driver shipped this very file (``shipped``) or ``path`` is a bare file name as given to
    ``spark-submit --files``: a missing path is never replaced by another file that happens to
    have the same name. A shipped binary is made executable with ``executable``. Otherwise
    ``path`` unchanged, so that the worker fails with a message naming it.
    """
    if os.path.isfile(path):
        return path
    if not shipped and os.path.basename(path) != path:
        return path
    try:
        from pyspark import SparkFiles

        local = SparkFiles.get(os.path.basename(path))
    except Exception:  # no SparkContext files in this process
        return path
    if not os.path.isfile(local):
        return path
    if executable and not os.access(local, os.X_OK):
        os.chmod(local, os.stat(local).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return local


def _describe_status(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


def run_worker(command: Sequence[str], user_ids: Iterable[str]) -> bytes:
    """Runs ``command`` with ``user_ids`` on standard input, one per line; returns its
    standard output.

    Raises :class:`WorkerError` carrying the worker's standard error when it exits non-zero
    or is killed, so the Spark task fails (and is retried) instead of yielding partial rows.
    """
    ids = list(user_ids)
    for user in ids:
        if "\n" in user or "\r" in user:
            raise WorkerError(f"user id {user!r} contains a line break: the worker reads one id per line")
    payload = ("\n".join(ids) + "\n").encode("utf-8") if ids else b""
    try:
        process = subprocess.run(list(command), input=payload, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as error:
        raise WorkerError(f"cannot start the lightgcn worker {command[0]!r}: {error}; set --binary or ${BINARY_ENV} "
                          "to a path that exists on every node") from error
    if process.returncode != 0:
        stderr = process.stderr.decode("utf-8", errors="replace").strip()
        raise WorkerError(
            f"lightgcn worker {_describe_status(process.returncode)} on {len(ids)} users "
            f"(command: {' '.join(command)}); its standard error:\n{stderr or '(empty)'}")
    return process.stdout


def model_users(binary: str, model: str) -> list:
    """Every user id of ``model``, from ``lightgcn export-users`` (run where this is called:
    the driver)."""
    try:
        process = subprocess.run([binary, "export-users", "--model", model], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
    except OSError as error:
        raise WorkerError(f"cannot start {binary!r}: {error}; set --binary or ${BINARY_ENV}") from error
    if process.returncode != 0:
        raise WorkerError(f"lightgcn export-users {_describe_status(process.returncode)}; its standard error:\n"
                          + process.stderr.decode("utf-8", errors="replace").strip())
    return [line for line in process.stdout.decode("utf-8").split("\n") if line]
