"""The worker wrapper without Spark: errors carry the worker's standard error."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import lightgcn_binary, run_binary
from lightgcn_spark.rows import parse_metrics, parse_recommendations
from lightgcn_spark.worker import WorkerError, run_worker


def test_worker_output_parses_exactly(workspace):
    model = str(workspace["model"])
    users = run_binary("export-users", "--model", model).stdout.split()
    output = run_worker([lightgcn_binary(), "score-shard", "--model", model, "--k", "5"], users[:3])
    table = parse_recommendations(output).to_pandas()
    assert list(table["user"].unique()) == users[:3] and len(table) == 15
    text_scores = [line.rsplit(",", 1)[1] for line in output.decode().splitlines()[1:]]
    # Parsed as float32, each score is the float the worker printed: NumPy prints it back as the
    # same shortest decimal.
    assert [np.format_float_positional(s, unique=True, trim="-") for s in table["score"].to_numpy()] == \
        [np.format_float_positional(np.float32(t), unique=True, trim="-") for t in text_scores]


def test_unknown_user_raises_with_the_workers_message(workspace):
    with pytest.raises(WorkerError) as raised:
        run_worker([lightgcn_binary(), "score-shard", "--model", str(workspace["model"])], ["user-1", "nobody-here"])
    message = str(raised.value)
    assert "exited with status 1" in message and "stdin:2" in message and "nobody-here" in message


def test_metric_rows_parse(workspace):
    model = str(workspace["model"])
    users = run_binary("export-users", "--model", model).stdout.split()
    table = parse_metrics(run_worker([lightgcn_binary(), "evaluate-shard", "--model", model, "--k", "20"], users[:50]))
    assert table.column_names[:2] == ["user", "test_items"] and "NDCG@20" in table.column_names
    with pytest.raises(ValueError):
        parse_recommendations(b"user,test_items,Recall@20\n")
