"""Incremental builds. Two levels, both keyed by content hashes:

- an article's piece (its rows serialised, see ``shards.piece``) under a key made of the content hashes
  of its seed and annotation file, the knowledge base, the schemas and the package's own code
  (``articles/<key>.json``, written by whoever processes the article);
- a whole shard's written bytes (``shards/<key>/``), under the hash of its articles' keys.

Editing one article re-makes that article and its shard; every other shard is read back as it was. A
result with problems is never stored, so a fixed input is always checked again. After a build, entries
that build did not use are removed, so the cache does not grow without end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .document import Task
from .shards import PER_ARTICLE, Shard, ShardTask

PACKAGE = Path(__file__).resolve().parent
SCHEMAS = PACKAGE.parent / "schema"


@cache
def code_version() -> str:
    """sha256 over the package's source, templates and schemas: a code or schema change invalidates the cache."""
    digest = hashlib.sha256()
    files = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html"), *SCHEMAS.glob("*.json")])
    for path in files:
        digest.update(str(path.relative_to(PACKAGE.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


INDEX = "inputs.json"
RACY_NS = 2_000_000_000  # a file changed this close to when it was hashed is read again: its mtime may repeat


class Digests:
    """The content hashes of input files, remembered in the cache folder with each file's size, mtime,
    ctime and inode (as git's index does), so an unchanged file is not read again. A file whose stat
    differs, or that changed within two seconds of being hashed, is read and hashed afresh."""

    def __init__(self, folder: Path | None):
        self.path = folder / INDEX if folder is not None else None
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        if self.path is not None and self.path.is_file():
            try:
                self.old = json.loads(self.path.read_bytes())
            except ValueError:
                self.old = {}

    def __call__(self, path: str) -> str:
        st = os.stat(path)
        sig = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        entry = self.old.get(path)
        if entry is not None and entry[:4] == sig and max(sig[1], sig[2]) < entry[5] - RACY_NS:
            self.new[path] = entry
            return str(entry[4])
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        self.new[path] = [*sig, sha, time.time_ns()]
        return sha

    def save(self) -> None:
        """Keep the entries of the files seen in this build (so it also forgets removed ones)."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{INDEX}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.new), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def key(task: Task, variant: str = "full", digest: Callable[[str], str] | None = None) -> str:
    """The cache key of one article's piece in one variant of the dataset (full, or text-free with its limit)."""
    seed, annotation, kb = task
    sha = digest or _file_digest
    parts = [variant, code_version(), sha(seed), seed, sha(annotation) if annotation else "-", annotation or "-", _file_digest(kb)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def articles_dir(folder: Path) -> Path:
    return folder / "articles"


def _load(entry: Path, index: int) -> Shard | None:
    try:
        meta = json.loads((entry / "meta.json").read_bytes())
        shard = Shard(index, summary=meta["summary"], labels=meta["labels"], cfs_curated=meta["cfs_curated"],
                      parquet_sha=meta["parquet_sha"], inputs=meta["inputs"])
        for config in PER_ARTICLE:
            shard.jsonl[config] = (entry / f"{config}.jsonl").read_bytes()
            full = entry / f"{config}.full.jsonl"
            shard.full[config] = full.read_bytes() if full.is_file() else shard.jsonl[config]
            shard.parquet[config] = (entry / f"{config}.parquet").read_bytes()
        if meta["explorer"]:
            shard.explorer = ((entry / "explorer-a").read_bytes(), (entry / "explorer-c").read_bytes())
    except (OSError, ValueError, KeyError):
        return None  # a damaged entry is made again
    return shard


def _store(entry: Path, shard: Shard) -> None:
    tmp = entry.parent / f".{entry.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
        for config in PER_ARTICLE:
            (tmp / f"{config}.jsonl").write_bytes(shard.jsonl[config])
            if shard.full[config] is not shard.jsonl[config]:
                (tmp / f"{config}.full.jsonl").write_bytes(shard.full[config])
            (tmp / f"{config}.parquet").write_bytes(shard.parquet[config])
        if shard.explorer is not None:
            (tmp / "explorer-a").write_bytes(shard.explorer[0])
            (tmp / "explorer-c").write_bytes(shard.explorer[1])
        meta = {"summary": shard.summary, "labels": shard.labels, "cfs_curated": shard.cfs_curated, "explorer": shard.explorer is not None,
                "parquet_sha": shard.parquet_sha, "inputs": shard.inputs}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.rename(tmp, entry)
    except OSError:
        pass  # already there (another build stored it), or the cache cannot be written: it only costs time
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shard_key(task: ShardTask) -> str:
    from .shards import key as shard_hash

    return shard_hash(task.keys or [], task.text_free, task.explorer)


def run(fn: Callable[[Sequence[ShardTask]], Iterator[Shard]], tasks: Sequence[ShardTask], folder: Path | None) -> Iterator[Shard]:
    """fn over the shards that are not in the cache; cached shards for the rest; all in task order."""
    if folder is None:
        yield from fn(tasks)
        return
    entries = [folder / "shards" / shard_key(t) for t in tasks]
    cached = {i for i, entry in enumerate(entries) if (entry / "meta.json").is_file()}
    fresh = fn([t for i, t in enumerate(tasks) if i not in cached])
    for i, entry in enumerate(entries):
        shard = _load(entry, tasks[i].index) if i in cached else None  # read one at a time: memory stays bounded
        if shard is None:
            shard = next(fresh) if i not in cached else next(fn([tasks[i]]))  # a damaged entry is made again
            if not shard.problems:
                entry.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(entry, ignore_errors=True)
                _store(entry, shard)
        yield shard


def _stale(name: str) -> bool:
    """A temporary entry (".<key>.<pid>…") whose build is gone: it was killed before renaming it into place."""
    from .write import _alive

    pid = name.split(".")[2].split("-")[0] if name.count(".") >= 2 else ""
    return pid.isdigit() and not _alive(int(pid))


def prune(folder: Path, tasks: Sequence[ShardTask]) -> int:
    """Remove the entries a build with these tasks did not use, and what killed builds left; returns how many."""
    keep = {shard_key(t) for t in tasks} | {f"{k}.json" for t in tasks for k in (t.keys or [])}
    removed = 0
    for sub in (folder / "shards", articles_dir(folder)):
        for entry in sub.iterdir() if sub.is_dir() else []:
            if entry.name in keep or (entry.name.startswith(".") and not _stale(entry.name)):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
    return removed
