"""Stage 5: write canonical JSONL and Parquet, into a temporary folder that replaces the output folder
in one step, so a failed or killed build never leaves a half-written dataset.

Canonical bytes: rows are serialised once as compact JSON (schema field order, sorted rows), and the
Parquet table is read from exactly those bytes with pyarrow's JSON reader and the explicit Arrow schema
derived from the JSON Schema. No type is ever inferred, the JSONL and Parquet rows cannot differ, and
pandas is never imported on the build path.
"""

from __future__ import annotations

import io
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .schemas import arrow_schema

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


def parquet_bytes(config: str, data: bytes) -> bytes:
    """The Parquet file of one config's canonical JSONL (read with the explicit schema: nothing inferred)."""
    import pyarrow.parquet as pq

    table = table_from_jsonl(config, data)
    if table.schema != arrow_schema(config) or table.num_rows != data.count(b"\n"):
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


# --- replacing the output folder in one step --------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    return False


def temp_dir_for(out: Path, create: bool = True) -> Path:
    """A new temporary folder beside out (create=False: only its path, for ``Janitor`` to create)."""
    out = out.absolute()
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    if create:
        tmp.mkdir(parents=True)
    return tmp


def clean_stale(out: Path) -> None:
    """Restore and remove what builds that were killed left behind (their process is gone)."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    if not out.exists():  # killed between the two renames of the fallback path: restore the old folder
        olds = sorted(out.parent.glob(f".{out.name}.old-*"))
        if olds:
            os.rename(olds[-1], out)
    for path in out.parent.glob(f".{out.name}.*-*"):
        parts = path.name.rsplit(".", 1)[-1].split("-")
        if len(parts) >= 2 and parts[0] in ("tmp", "old") and parts[1].isdigit() and not _alive(int(parts[1])):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_JANITOR_PIPES: set[int] = set()  # the write ends of the janitors' pipes, open in this process


def worker_started() -> None:
    """In a worker process forked from the build: die with the build (Linux: PR_SET_PDEATHSIG), and close
    the janitors' pipes, so that only the build's own death closes them (a worker that outlived a killed
    build would otherwise keep its janitor waiting)."""
    import ctypes
    import ctypes.util
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere a worker of a killed build ends when it next reads its (closed) task queue
    if os.getppid() == 1:  # the build died before this line: do not linger
        os._exit(1)
    for fd in list(_JANITOR_PIPES):
        try:
            os.close(fd)
        except OSError:
            pass
    _JANITOR_PIPES.clear()


class Janitor:
    """Removes the temporary folder even when the build is killed with SIGKILL.

    A forked child waits on a pipe. When the build ends normally it tells the child to stop; when the
    build dies (even by SIGKILL) the pipe closes, and the child removes what is left at the temporary path
    (the half-written folder, or the old dataset after the swap) and restores ``out`` if the fallback swap
    was cut between its two renames. Where fork is unavailable, ``clean_stale`` at the next build does it.
    """

    def __init__(self, tmp: Path, out: Path):
        self.tmp, self.out, self.pid, self.fd = tmp, out.absolute(), 0, -1

    def __enter__(self) -> Janitor:
        if not hasattr(os, "fork"):
            self.tmp.mkdir(parents=True, exist_ok=True)
            return self
        read_end, self.fd = os.pipe()
        _JANITOR_PIPES.add(self.fd)
        self.pid = os.fork()
        if self.pid == 0:  # the child: wait for the parent to finish or die
            os.close(self.fd)
            os.setsid()  # not in the build's process group, so a signal to the group does not reach it
            try:
                message = os.read(read_end, 1)
                if message != b"k":
                    shutil.rmtree(self.tmp, ignore_errors=True)
                    clean_stale(self.out)
            finally:
                os._exit(0)
        os.close(read_end)
        self.tmp.mkdir(parents=True, exist_ok=True)  # only now: a build killed before this leaves nothing behind
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pid:
            os.write(self.fd, b"k")  # the parent cleans up itself
            os.close(self.fd)
            _JANITOR_PIPES.discard(self.fd)
            os.waitpid(self.pid, 0)


def replace_dir(tmp: Path, out: Path) -> None:
    """Put tmp in place of out. With renameat2 there is no moment without a complete out folder."""
    out = out.absolute()
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old)
