"""Stage 5: write canonical JSONL and Parquet (into the temporary folder that ``atomic.replace_dir`` puts
in place of the output folder, so a failed or killed build never leaves a half-written dataset).

Canonical bytes: rows are serialised once as compact JSON (schema field order, sorted rows), and the
Parquet table is read from exactly those bytes with pyarrow's JSON reader and the explicit Arrow schema
derived from the JSON Schema. No type is ever inferred, the JSONL and Parquet rows cannot differ, and
pandas is never imported on the build path.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dprk_claims.core.schemas import arrow_schema

PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9, "use_dictionary": True,
                                   "write_statistics": True, "store_schema": True}


def parquet_path(config: str, shard: int = 0, shards: int = 1) -> str:
    return f"data/{config}/train-{shard:05d}-of-{shards:05d}.parquet"


def jsonl_path(config: str) -> str:
    return f"jsonl/{config}.jsonl"


def jsonl_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    """Canonical JSONL: compact JSON, UTF-8, keys in the rows' order, one row a line, written by orjson
    (several times faster than the standard library). Its bytes are those of ``json.dumps(row,
    ensure_ascii=False, separators=(",", ":"))`` except floats below 1e-4 or from 1e16, which it writes in
    another exponent form with the same value (tests check both). Rows hold no NaN or infinity: they are
    refused on input."""
    import orjson

    return b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in rows)


def jsonl_rows(data: bytes) -> list[dict[str, Any]]:
    """The rows of JSONL bytes (lines end at \\n only: str.splitlines would also split at U+2028)."""
    import orjson

    return [orjson.loads(line) for line in data.split(b"\n") if line.strip()]


def table_from_jsonl(config: str, data: bytes) -> Any:
    import pyarrow as pa
    import pyarrow.json as pj

    schema = arrow_schema(config)
    if not data:
        return pa.Table.from_batches([], schema=schema)  # schema.empty_table() imports pandas
    read = pj.ReadOptions(block_size=max(1 << 20, len(data) + 1), use_threads=False)
    parse = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    return pj.read_json(io.BytesIO(data), read_options=read, parse_options=parse).select(schema.names).combine_chunks()


def parquet_bytes(config: str, data: bytes, lines: int | None = None) -> bytes:
    """The Parquet file of one config's canonical JSONL (read with the explicit schema: nothing inferred);
    lines: its number of lines, when the caller counted them."""
    import pyarrow.parquet as pq

    table = table_from_jsonl(config, data)
    if table.schema != arrow_schema(config) or table.num_rows != (data.count(b"\n") if lines is None else lines):
        raise RuntimeError(f"{config}: the table read back does not match the schema or the row count")
    sink = io.BytesIO()
    if table.num_rows:
        pq.write_table(table, sink, **PARQUET_OPTIONS)
    else:  # no row group at all: the datasets loader reads a zero-row row group as batch size 0 and fails
        pq.ParquetWriter(sink, table.schema, **PARQUET_OPTIONS).close()
    return sink.getvalue()


def write_config(folder: Path, config: str, rows: list[dict[str, Any]], data: bytes | None = None) -> dict[str, str]:
    """Write one config's JSONL and Parquet (one file each) under folder; returns {relative path: kind}."""
    data = data if data is not None else jsonl_bytes(rows)  # the caller may have serialised the rows already
    jpath, ppath = folder / jsonl_path(config), folder / parquet_path(config)
    jpath.parent.mkdir(parents=True, exist_ok=True)
    ppath.parent.mkdir(parents=True, exist_ok=True)
    jpath.write_bytes(data)
    ppath.write_bytes(parquet_bytes(config, data))
    return {jsonl_path(config): "jsonl", parquet_path(config): "parquet"}
