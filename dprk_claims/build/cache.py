"""Incremental builds: one module, every entry keyed and verified by content digests.

Keys are made from the bytes a worker reads (``worker.run``: each input is read once, hashed, and parsed
from the same bytes on a miss), with ``code_version`` (every file of the package, the schemas, and the
versions of Python, pyarrow, orjson and spaCy) and the variant:

- ``articles/<key>.json``: one article's piece (its rows serialised, see ``shards.piece``), sealed with
  the sha256 of its body;
- ``shards/<key>/``: a shard's files as the build places them (its Parquet, its JSONL parts, its part
  of the explorer) and ``meta.json`` (sealed) with each file's sha256, what the card needs and the
  files' size, mtime, ctime and inode when stored;
- ``whole/<key>.jsonl``: a whole-corpus JSONL file, under the hash of its parts' digests in order, with
  ``<key>.json`` (sealed) holding its sha256 and stat.
- ``builds/<key>.json``: what the last build into a folder read and wrote, by stat (``uptodate.py``).

A stored file is hard-linked into the build's folder, not copied. It is used when its stat is the one
recorded (a file changed in place, through the cache or the dataset folder it is linked into, has a new
ctime, even when its size and mtime are kept) or, failing that, when its bytes still have the recorded sha256; otherwise the entry is
made again, and the build says so in its notes. A result with problems is never stored. After a build,
entries it did not use are removed, so the cache does not grow without end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from dprk_claims.publish import manifest

PACKAGE = Path(__file__).resolve().parents[1]
SCHEMAS = PACKAGE.parent / "schema"
LIBRARIES = ("pyarrow", "orjson", "spacy")  # they decide bytes of the output: Parquet, JSONL, the annotator
TAG = "CACHEDIR.TAG"
TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# the build cache of dprk_claims (python build_dataset.py); safe to delete\n"
META = "meta.json"


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


def hash_of(parts: Iterable[str]) -> str:
    return sha256("\n".join(parts).encode())


def mark(folder: Path) -> None:
    """Create the cache folder with its CACHEDIR.TAG (what tells ``guard`` the folder is a cache)."""
    folder.mkdir(parents=True, exist_ok=True)
    tag = folder / TAG
    if not tag.is_file():
        tag.write_text(TAG_TEXT, encoding="utf-8")


# --- sealed entries: "<sha256 of the body>\n<body>" -------------------------------------------------------


def sealed(body: bytes) -> bytes:
    return sha256(body).encode() + b"\n" + body


def unsealed(data: bytes) -> bytes | None:
    """The body of a sealed entry, or None when it is not what was stored (cut short, edited, not sealed)."""
    head, sep, body = data.partition(b"\n")
    return body if sep and head == sha256(body).encode() else None


def read_sealed(path: Path) -> tuple[Any, bool]:
    """(the JSON body of a sealed file, or None; whether a file was there but damaged)."""
    import orjson

    try:
        body = unsealed(path.read_bytes())
    except FileNotFoundError:
        return None, False
    except OSError:
        return None, True
    try:
        value = orjson.loads(body) if body is not None else None
    except ValueError:
        value = None
    return (value, False) if isinstance(value, dict) else (None, True)


def write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def piece_path(folder: str, name: str) -> Path:
    return Path(folder) / "articles" / f"{name}.json"


def load_piece(folder: str, name: str) -> tuple[dict[str, Any] | None, bool]:
    """(the piece, or None; whether an entry was there but damaged)."""
    return read_sealed(piece_path(folder, name))


def store_piece(folder: str, name: str, piece: dict[str, Any]) -> None:
    import orjson

    write_atomic(piece_path(folder, name), sealed(orjson.dumps(piece)))


# --- stored files: hard-linked in, verified by stat or digest -------------------------------------------


def _stat(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]  # the ctime: no program can set it back


def intact(path: Path, sha: str, stat: Any) -> bool:
    """The file has the bytes it was stored with: the stat recorded then, or else the same sha256."""
    try:
        return _stat(path) == stat or manifest.sha256_file(path) == sha
    except OSError:
        return False


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system: copy
        shutil.copyfile(src, dst)


def take_shard(folder: str, name: str, where: Callable[[list[str]], dict[str, Path]]) -> tuple[dict[str, Any] | None, bool]:
    """A stored shard's meta, its files linked to where(their names) puts them; (None, damaged?) when it cannot be used."""
    entry = Path(folder) / "shards" / name
    meta, damaged = read_sealed(entry / META)
    try:
        if meta is None or not all(intact(entry / n, sha, meta["stat"][n]) for n, sha in meta["names"].items()):
            return None, damaged or meta is not None
        for n, path in where(list(meta["names"])).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _link(entry / n, path)
    except (OSError, KeyError, TypeError, AttributeError):
        return None, True
    return meta, False


def store_shard(folder: str, name: str, files: dict[str, Path], meta: dict[str, Any]) -> None:
    """Keep a shard's files (linked from where they are, by name) and meta; meta["names"] gives each file's sha256."""
    entry = Path(folder) / "shards" / name
    tmp = entry.parent / f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
        for n in meta["names"]:
            _link(files[n], tmp / n)
        meta = {**meta, "stat": {n: _stat(tmp / n) for n in meta["names"]}}
        (tmp / META).write_bytes(sealed(json.dumps(meta, ensure_ascii=False).encode("utf-8")))
        shutil.rmtree(entry, ignore_errors=True)  # a damaged entry under this key
        os.rename(tmp, entry)
    except OSError:
        pass  # already there (another build stored it), or the cache cannot be written: it only costs time
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def take_whole(folder: Path, name: str, dst: Path | None) -> str | None:
    """The sha256 of a stored whole file (linked to dst, unless None: only its digest is kept), or None."""
    record, _ = read_sealed(folder / "whole" / f"{name}.json")
    if record is None or not isinstance(record.get("sha256"), str):
        return None
    if dst is not None:
        stored = folder / "whole" / f"{name}.jsonl"
        if not intact(stored, record["sha256"], record.get("stat")):
            return None
        try:
            _link(stored, dst)
        except OSError:
            return None
    return str(record["sha256"])


def store_whole(folder: Path, name: str, src: Path | None, sha: str) -> None:
    record: dict[str, Any] = {"sha256": sha}
    if src is not None:
        stored = folder / "whole" / f"{name}.jsonl"
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.unlink(missing_ok=True)
            _link(src, stored)
            record["stat"] = _stat(stored)
        except OSError:
            return
    write_atomic(folder / "whole" / f"{name}.json", sealed(json.dumps(record).encode("utf-8")))


def _stale(name: str) -> bool:
    """A temporary entry (".<key>.<pid>…") whose build is gone: it was killed before renaming it into place."""
    from dprk_claims.write.atomic import alive

    pid = name.split(".")[-1].split("-")[0] if name.count(".") >= 2 else ""
    return pid.isdigit() and not alive(int(pid))


def prune(folder: Path, used: Sequence[str]) -> int:
    """Remove the entries a build did not use (used: the names of its shards, pieces and whole files),
    and what killed builds left; returns how many."""
    keep = set(used)
    removed = 0
    for sub in ("shards", "articles", "whole"):
        for entry in (folder / sub).iterdir() if (folder / sub).is_dir() else []:
            base = entry.name.split(".")[0]
            if base in keep or (entry.name.startswith(".") and not _stale(entry.name)):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
    (folder / "inputs.json").unlink(missing_ok=True)  # the stat index of earlier versions of this module
    return removed
