"""The Spark jobs against the binary run in one process: same rows, same metrics, retries,
failures that fail the job with the worker's message."""

from __future__ import annotations

import json
import stat

import pandas as pd
import pyarrow.parquet as pq
import pytest

import evaluate
import recommend_all
from conftest import lightgcn_binary, run_binary, spark_submit
from lightgcn_spark.rows import parse_recommendations


def reference_rows(model, k, tmp_path, include_seen=False) -> pd.DataFrame:
    """``lightgcn recommend --all`` in one process, parsed as the jobs parse worker output."""
    output = tmp_path / "reference.csv"
    run_binary("recommend", "--model", model, "--all", "--k", k, "--output", output, "--quiet",
               *(["--include-seen"] if include_seen else []))
    return parse_recommendations(output.read_bytes()).to_pandas()


def job_rows(folder) -> pd.DataFrame:
    table = pq.read_table(str(folder))
    assert (folder / "_SUCCESS").exists()
    frame = table.to_pandas()
    buckets = frame.pop("bucket").astype(int)
    assert buckets.between(0, 15).all()
    return frame


def sorted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["user", "rank"]).reset_index(drop=True)[["user", "rank", "item", "score"]]


def test_prepare_deduplicates_keeps_the_k_core_and_splits_by_time(workspace):
    log = workspace["log"].rename(columns={"uid": "user", "iid": "item", "ts": "timestamp"})
    # Independent reference in pandas: earliest timestamp per pair, then the 5-core.
    expected = log.groupby(["user", "item"], as_index=False)["timestamp"].min()
    while True:
        users = expected.groupby("user")["item"].transform("size")
        items = expected.groupby("item")["user"].transform("size")
        kept = expected[(users >= 5) & (items >= 5)]
        if len(kept) == len(expected):
            break
        expected = kept
    train = pd.read_csv(workspace["prepared"] / "train.csv", dtype={"user": str, "item": str})
    holdout = pd.read_csv(workspace["prepared"] / "holdout.csv", dtype={"user": str, "item": str})
    assert list(train.columns) == ["user", "item", "timestamp"]
    summary = json.loads(workspace["prepare_stdout"].strip().splitlines()[-1])
    assert summary["inputRows"] == len(log) and summary["afterKCore"] == len(expected)
    assert not train.duplicated(["user", "item"]).any()
    cut = summary["cutTimestamp"]
    assert train["timestamp"].max() < cut <= holdout["timestamp"].min()
    everything = expected.set_index(["user", "item"])["timestamp"]
    before = everything[everything < cut]
    assert set(zip(train["user"], train["item"])) == set(before.index)
    assert (train.set_index(["user", "item"])["timestamp"].sort_index() == before.sort_index()).all()
    assert set(holdout["user"]) <= set(train["user"]) and set(holdout["item"]) <= set(train["item"])
    assert len(holdout) > 0


def test_spark_submit_recommend_all_equals_one_process_even_with_a_failed_first_attempt(workspace, tmp_path):
    """The job as spark-submit runs it, on its own local cluster, with a task that fails once."""
    output = tmp_path / "top"
    process = spark_submit("recommend_all.py", ["--model", workspace["model"], "--k", 20, "--output", output,
                                                "--binary", lightgcn_binary(), "--partitions", 5,
                                                "--inject-failure", 0])
    # The injected failure really happened: the worker rejected the id and Spark retried the task.
    assert "unknown user '__lightgcn_spark_injected_failure__'" in process.stderr
    got = sorted_rows(job_rows(output))
    expected = sorted_rows(reference_rows(workspace["model"], 20, tmp_path))
    assert len(expected) > 0 and got["user"].nunique() == expected["user"].nunique()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_recommend_all_for_given_users_with_seen_items(workspace, tmp_path, spark):
    reference = reference_rows(workspace["model"], 10, tmp_path, include_seen=True)
    chosen = sorted(reference["user"].unique())[::7]
    users_file = tmp_path / "users.csv"
    pd.DataFrame({"customer": chosen}).to_csv(users_file, index=False)
    output = tmp_path / "top"
    recommend_all.main(["--model", str(workspace["model"]), "--k", "10", "--output", str(output), "--users",
                        str(users_file), "--user-column", "customer", "--include-seen", "--binary", lightgcn_binary()],
                       spark)
    got = sorted_rows(job_rows(output))
    expected = sorted_rows(reference[reference["user"].isin(chosen)])
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    # With seen items ranked, some user's top 10 contains one of its training items.
    train = pd.read_csv(workspace["prepared"] / "train.csv", dtype={"user": str, "item": str})
    seen = set(zip(train["user"], train["item"]))
    assert any((u, i) in seen for u, i in zip(got["user"], got["item"]))


def test_distributed_evaluation_equals_evaluate(workspace, tmp_path, spark, capsys):
    result_file = tmp_path / "metrics.json"
    evaluate.main(["--model", str(workspace["model"]), "--k", "10,20", "--output", str(result_file),
                   "--binary", lightgcn_binary(), "--partitions", "3"], spark)
    distributed = json.loads(result_file.read_text())
    assert json.loads(capsys.readouterr().out) == distributed
    single = json.loads(run_binary("evaluate", "--model", workspace["model"], "--k", "10,20", "--json").stdout)["lightgcn"]
    assert distributed["userCount"] == single["userCount"] > 0
    assert set(distributed["metrics"]) == set(single["metrics"])
    for name, value in single["metrics"].items():
        assert abs(distributed["metrics"][name] - value) <= 1e-9, name
    assert single["metrics"]["Recall@20"] > 0


def test_a_missing_model_fails_the_job_with_the_workers_message(workspace, tmp_path, spark):
    users_file = tmp_path / "users.csv"
    users_file.write_text("user\nuser-1\nuser-2\n")
    missing = tmp_path / "nowhere" / "model.lgcn"
    output = tmp_path / "top"
    with pytest.raises(Exception) as raised:
        recommend_all.main(["--model", str(missing), "--output", str(output), "--users", str(users_file),
                            "--binary", lightgcn_binary()], spark)
    message = str(raised.value)
    assert "WorkerError: lightgcn worker exited with status 1" in message
    assert str(missing) in message
    assert not (output / "_SUCCESS").exists()


def test_a_crashed_worker_fails_the_job_and_leaves_no_output(workspace, tmp_path, spark):
    fake = tmp_path / "crashing-lightgcn"
    fake.write_text("#!/bin/sh\ncat > /dev/null\necho 'user,rank,item,score'\necho 'user-1,1,item-2,0.5'\n"
                    "echo 'worker crashed: out of luck' >&2\nkill -SEGV $$\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    users_file = tmp_path / "users.csv"
    users_file.write_text("user\nuser-1\nuser-2\n")
    output = tmp_path / "top"
    with pytest.raises(Exception) as raised:
        recommend_all.main(["--model", str(workspace["model"]), "--output", str(output), "--users", str(users_file),
                            "--binary", str(fake)], spark)
    message = str(raised.value)
    assert "was killed by signal SIGSEGV" in message and "worker crashed: out of luck" in message
    assert not (output / "_SUCCESS").exists()
