"""Parsing the CSV the workers write into Arrow tables (exact: shortest round-trip decimals
parsed by Arrow's correctly rounded float parser)."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.csv as pacsv

#: The header line of ``score-shard`` and ``recommend --all``.
RECOMMENDATION_HEADER = "user,rank,item,score"

#: The schema of recommendation rows: ids as text, 1-based rank, the model's 32-bit score.
RECOMMENDATION_SCHEMA = pa.schema([("user", pa.string()), ("rank", pa.int32()), ("item", pa.string()),
                                   ("score", pa.float32())])


def _header(data: bytes) -> str:
    end = data.find(b"\n")
    return (data if end < 0 else data[:end]).decode("utf-8").rstrip("\r")


def parse_recommendations(data: bytes) -> pa.Table:
    """The rows of ``score-shard`` output (header ``user,rank,item,score``)."""
    header = _header(data)
    if header != RECOMMENDATION_HEADER:
        raise ValueError(f"worker output does not start with '{RECOMMENDATION_HEADER}' (got {header[:80]!r})")
    types = {field.name: field.type for field in RECOMMENDATION_SCHEMA}
    table = pacsv.read_csv(io.BytesIO(data), convert_options=pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))
    return table.select(RECOMMENDATION_SCHEMA.names).cast(RECOMMENDATION_SCHEMA)


def parse_metrics(data: bytes) -> pa.Table:
    """The rows of ``evaluate-shard`` output: ``user``, ``test_items``, then one float64
    column per metric (``Recall@20``, …)."""
    header = _header(data).split(",")
    if header[:2] != ["user", "test_items"] or len(header) < 3:
        raise ValueError(f"worker output does not start with 'user,test_items,<metrics>' (got {','.join(header)[:80]!r})")
    types = {"user": pa.string(), "test_items": pa.int32()}
    types.update({name: pa.float64() for name in header[2:]})
    return pacsv.read_csv(io.BytesIO(data), convert_options=pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))
