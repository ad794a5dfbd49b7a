"""Incremental builds: one module, every entry keyed and verified by content digests.

- an article's piece (its rows serialised, see ``shards.piece``) under a key made of the content hashes
  of its seed, its annotation file and the knowledge base, the variant, and ``code_version`` (every file of
  the package, the schemas, and the versions of Python, pyarrow, orjson and spaCy): ``articles/<key>.json``;
- a whole shard's written bytes (``shards/<key>/``), under the hash of its articles' keys.

Every entry records the sha256 of its bytes when it is made, and is checked against it before it is used:
a damaged entry is made again (and reported in the build's notes), never copied. The key of a piece is
the hash of the very bytes the piece was made from (a file edited during a build is stored under its new
content, and the shard that read it is not stored). A result with problems is never stored. After a
build, entries it did not use are removed, so the cache does not grow without end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .shards import Shard, ShardTask

PACKAGE = Path(__file__).resolve().parent
SCHEMAS = PACKAGE.parent / "schema"
LIBRARIES = ("pyarrow", "orjson", "spacy")  # they decide bytes of the output: Parquet, JSONL, the annotator
TAG = "CACHEDIR.TAG"
TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# the build cache of dprk_claims (python build_dataset.py); safe to delete\n"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def code_version() -> str:
    """sha256 over every file of the package (code, templates, trained models), the schemas, and the
    versions of Python and the libraries that decide the output's bytes."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"\n{name}=={_version(name)}".encode())
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for path in sorted([*files, *SCHEMAS.glob("*.json")]):
        digest.update(str(path.relative_to(PACKAGE.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def variant(text_free: int | None) -> str:
    return f"text-free:{text_free}" if text_free else "full"


def key(variant: str, seed: str, seed_sha: str, annotation: str | None, annotation_sha: str | None, kb_sha: str,
        lineage_sha: str | None = None) -> str:
    """The cache key of one article's piece: the variant, the code, and each input's name and content hash
    (the name, not the path: the same files give the same key wherever they lie, e.g. on a Dask worker)."""
    names = [os.path.basename(seed), os.path.basename(annotation) if annotation else "-"]
    parts = [variant, code_version(), seed_sha, names[0], annotation_sha or "-", names[1], kb_sha, lineage_sha or "-"]
    return sha256("\n".join(parts).encode())


INDEX = "inputs.json"
RACY_NS = 2_000_000_000  # a file changed this close to when it was hashed is read again: its mtime may repeat


def _entry_ok(entry: Any) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and all(type(x) is int for x in (*entry[:4], entry[5]))
        and isinstance(entry[4], str)
        and len(entry[4]) == 64
    )


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
                old = json.loads(self.path.read_bytes())
            except (OSError, ValueError, RecursionError):
                old = {}
            self.old = {k: v for k, v in old.items() if _entry_ok(v)} if isinstance(old, dict) else {}

    def __call__(self, path: str) -> str:
        st = os.stat(path)
        sig = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        entry = self.old.get(path)
        if entry is not None and entry[:4] == sig and max(sig[1], sig[2]) < entry[5] - RACY_NS:
            self.new[path] = entry
            return str(entry[4])
        sha = sha256(Path(path).read_bytes())
        self.new[path] = [*sig, sha, time.time_ns()]
        return sha

    def save(self) -> None:
        """Keep the entries of the files seen in this build (so it also forgets removed ones)."""
        if self.path is None:
            return
        try:
            mark(self.path.parent)
            tmp = self.path.with_name(f".{INDEX}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.new), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def mark(folder: Path) -> None:
    """Create the cache folder with its CACHEDIR.TAG (what tells ``guard`` the folder is a cache)."""
    folder.mkdir(parents=True, exist_ok=True)
    tag = folder / TAG
    if not tag.is_file():
        tag.write_text(TAG_TEXT, encoding="utf-8")


def articles_dir(folder: Path) -> Path:
    return folder / "articles"


# --- verified entries: "<sha256 of the body>\n<body>" ----------------------------------------------------


def sealed(body: bytes) -> bytes:
    return sha256(body).encode() + b"\n" + body


def unsealed(data: bytes) -> bytes | None:
    """The body of a sealed entry, or None when it is not what was stored (cut short, edited, not sealed)."""
    head, sep, body = data.partition(b"\n")
    return body if sep and head == sha256(body).encode() else None


def load_piece(folder: str, name: str) -> tuple[dict[str, Any] | None, bool]:
    """(the piece, or None; whether an entry was there but damaged)."""
    import orjson

    path = Path(folder) / f"{name}.json"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, False
    except OSError:
        return None, True
    body = unsealed(data)
    try:
        piece = orjson.loads(body) if body is not None else None
    except ValueError:
        piece = None
    return (piece, False) if isinstance(piece, dict) else (None, True)


def store_piece(folder: str, name: str, piece: dict[str, Any]) -> None:
    import orjson

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tmp = Path(folder) / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(sealed(orjson.dumps(piece)))
        os.replace(tmp, Path(folder) / f"{name}.json")
    except OSError:
        pass  # a cache that cannot be written only costs time


def _files(shard: Shard) -> dict[str, bytes]:
    from .shards import PER_ARTICLE

    files = {}
    for config in PER_ARTICLE:
        files[f"{config}.jsonl"] = shard.jsonl[config]
        if shard.full[config] is not shard.jsonl[config]:
            files[f"{config}.full.jsonl"] = shard.full[config]
        files[f"{config}.parquet"] = shard.parquet[config]
    if shard.explorer is not None:
        files["explorer-a"], files["explorer-c"], files["explorer-i"] = shard.explorer
    return files


def _load(entry: Path, index: int) -> Shard | None:
    from .shards import PER_ARTICLE, Shard

    try:
        body = unsealed((entry / "meta.json").read_bytes())
        meta = json.loads(body) if body is not None else None
        if not isinstance(meta, dict):
            return None
        files = {}
        for name, digest in meta["files"].items():
            files[name] = (entry / name).read_bytes()
            if sha256(files[name]) != digest:
                return None
        shard = Shard(
            index,
            summary=meta["summary"],
            labels=meta["labels"],
            cfs_curated=meta["cfs_curated"],
            parquet_sha=meta["parquet_sha"],
            inputs=meta["inputs"],
        )
        for config in PER_ARTICLE:
            shard.jsonl[config] = files[f"{config}.jsonl"]
            shard.full[config] = files.get(f"{config}.full.jsonl", shard.jsonl[config])
            shard.parquet[config] = files[f"{config}.parquet"]
            if sha256(shard.parquet[config]) != shard.parquet_sha[config]:
                return None
        if "explorer-a" in files:
            shard.explorer = (files["explorer-a"], files["explorer-c"], files["explorer-i"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged entry is made again
    return shard


def _store(entry: Path, shard: Shard) -> None:
    tmp = entry.parent / f".{entry.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
        files = _files(shard)
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        meta = {
            "summary": shard.summary,
            "labels": shard.labels,
            "cfs_curated": shard.cfs_curated,
            "parquet_sha": shard.parquet_sha,
            "inputs": shard.inputs,
            "files": {n: sha256(d) for n, d in files.items()},
        }
        (tmp / "meta.json").write_bytes(sealed(json.dumps(meta, ensure_ascii=False).encode("utf-8")))
        os.rename(tmp, entry)
    except OSError:
        pass  # already there (another build stored it), or the cache cannot be written: it only costs time
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shard_key(task: ShardTask) -> str:
    from .shards import key as shard_hash

    return shard_hash(task.keys or [], task.text_free, task.explorer)


def run(fn: Callable[[Sequence[ShardTask]], Iterator[Shard]], tasks: Sequence[ShardTask], folder: Path | None) -> Iterator[Shard]:
    """fn over the shards that are not in the cache; cached shards for the rest; all in task order. A
    cached shard that fails its digests is made again, and says so in its notes."""
    if folder is None:
        yield from fn(tasks)
        return
    entries = [folder / "shards" / shard_key(t) for t in tasks]
    cached = {i for i, entry in enumerate(entries) if (entry / "meta.json").is_file()}
    fresh = fn([t for i, t in enumerate(tasks) if i not in cached])
    for i, entry in enumerate(entries):
        shard = _load(entry, tasks[i].index) if i in cached else None  # read one at a time: memory stays bounded
        if shard is None:
            shard = next(fresh) if i not in cached else next(fn([tasks[i]]))
            if i in cached:
                shard.notes.append(f"{entry}: the cached shard did not match its digests; it was made again")
            if not shard.problems and not shard.stale:
                entry.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(entry, ignore_errors=True)
                _store(entry, shard)
        yield shard


def _stale(name: str) -> bool:
    """A temporary entry (".<key>.<pid>…") whose build is gone: it was killed before renaming it into place."""
    from .atomic import alive

    pid = name.split(".")[2].split("-")[0] if name.count(".") >= 2 else ""
    return pid.isdigit() and not alive(int(pid))


def prune(folder: Path, tasks: Sequence[ShardTask], made: Sequence[str] = ()) -> int:
    """Remove the entries a build with these tasks did not use, and what killed builds left; returns how many.
    made: keys of pieces stored under the content actually read (a file edited during the build)."""
    keep = {shard_key(t) for t in tasks} | {f"{k}.json" for t in tasks for k in (t.keys or [])} | {f"{k}.json" for k in made}
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
