"""The Spark jobs on a model of Gowalla's size (29,858 users, 40,981 items): the rows of
``recommend_all.py`` under a two-executor local cluster, with a task that fails once, equal
``lightgcn recommend --all`` exactly, and the distributed evaluation equals ``lightgcn
evaluate`` to 1e-9. The model is trained for a few batches only: its size is what matters.

The data come from ``../shared/data/gowalla`` (``LIGHTGCN_GOWALLA`` overrides the folder); when
they are missing the tests fail under CI and are skipped, with the path, elsewhere."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

import evaluate
from conftest import REPOSITORY, lightgcn_binary, run_binary, spark_submit
from test_jobs import job_rows, reference_rows, sorted_rows

GOWALLA = os.environ.get("LIGHTGCN_GOWALLA") or os.path.join(REPOSITORY, "..", "shared", "data", "gowalla")


@pytest.fixture(scope="module")
def gowalla_model(tmp_path_factory):
    if not os.path.exists(os.path.join(GOWALLA, "train.txt")):
        message = f"Gowalla not found at {os.path.abspath(GOWALLA)} (set LIGHTGCN_GOWALLA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    model = tmp_path_factory.mktemp("gowalla") / "gowalla.lgcn"
    run_binary("train", "--data", GOWALLA, "--paper-protocol", "--epochs", "1", "--max-batches", "20",
               "--eval-every", "0", "--no-train-metrics", "--output", model, "--quiet")
    return model


def test_gowalla_sized_recommend_all_is_exact_with_a_retried_task(gowalla_model, tmp_path):
    output = tmp_path / "top"
    process = spark_submit("recommend_all.py", ["--model", gowalla_model, "--k", 20, "--output", output,
                                                "--binary", lightgcn_binary(), "--partitions", 6,
                                                "--inject-failure", 0])
    assert "unknown user '__lightgcn_spark_injected_failure__'" in process.stderr
    got = sorted_rows(job_rows(output))
    expected = sorted_rows(reference_rows(gowalla_model, 20, tmp_path))
    assert expected["user"].nunique() == 29_858 and len(expected) == 29_858 * 20
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_gowalla_sized_distributed_evaluation_equals_evaluate(gowalla_model, tmp_path, spark, capsys):
    result_file = tmp_path / "metrics.json"
    evaluate.main(["--model", str(gowalla_model), "--k", "20", "--output", str(result_file),
                   "--binary", lightgcn_binary(), "--partitions", "4"], spark)
    capsys.readouterr()
    distributed = json.loads(result_file.read_text())
    single = json.loads(run_binary("evaluate", "--model", gowalla_model, "--k", "20", "--json").stdout)["lightgcn"]
    assert distributed["userCount"] == single["userCount"] == 29_858
    for name, value in single["metrics"].items():
        assert abs(distributed["metrics"][name] - value) <= 1e-9, name
