"""A rebuild with nothing changed: the record of the last build into a folder, and whether it still holds.

After a build with a cache, the cache keeps ``builds/<key>.json`` (sealed; the key names the output folder,
the variant, the shard size and ``cache.code_version``): the stat (size, mtime, ctime, inode) of every file
under the input folders (seeds, annotations, the knowledge base, the last release), taken before the
build read them, and of every file the build left in its output folder, with what its report said. The
next build with the same cache, code and options stats the same files first. When each one is as
recorded, the folder already holds what the build would make, and nothing is read or written.

A file's ctime is set by the system on every change and no program can set it back, so an edit in place
is seen even when it keeps the size and the mtime (``touch -d``). A file whose ctime lies within ``RACY_NS``
of the moment it was recorded could still change within the same clock tick unseen (git's "racy clean"
case): such an input is checked by its sha256 instead (so it is read twice: by the scan, and by the
build), and the output files are recorded only once the clock has moved past their last change
(``TICK_NS``). ``--check`` and ``--no-cache`` never use the record.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dprk_claims.build import cache
from dprk_claims.publish import manifest

RACY_NS = 50_000_000  # 50 ms: well above a file system's clock tick (at most 10 ms on Linux)
TICK_NS = 20_000_000  # how long the record of the output folder waits after the folder's last change
Stat = list[int]


@dataclass
class Scan:
    """The stat of every input file (by path), and when it was taken."""

    at: int
    files: dict[str, Stat] = field(default_factory=dict)
    racy: dict[str, str | None] = field(default_factory=dict)  # sha256 of the files changed just before the scan


def _stat(st: os.stat_result) -> Stat:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode]


def _walk(root: str, into: dict[str, Stat], prefix: str | None = None) -> None:
    """Every entry under root, folders too (a folder added or removed is a change), by path as the build
    names it (``str(folder / name)``); a symbolic link by its own stat, never followed."""
    if prefix is None:
        prefix = str(Path(root) / "x")[:-1]
    try:
        entries = list(os.scandir(root))
    except NotADirectoryError:  # a file given by name (the knowledge base): through a link, what it points to
        into[root] = _stat(os.stat(root))
        return
    except FileNotFoundError:
        return
    for entry in entries:
        into[prefix + entry.name] = _stat(entry.stat(follow_symlinks=False))
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, into, prefix + entry.name + "/")


def scan(roots: list[Path]) -> Scan:
    """The stat of every file under roots; a file changed within RACY_NS of now is hashed too (``racy``)."""
    found = Scan(time.time_ns())
    for root in roots:
        _walk(str(root), found.files)
    found.racy = {p: _sha(p) for p, s in found.files.items() if s[2] >= found.at - RACY_NS and stat.S_ISREG(s[4])}
    return found


def roots(inputs: Any) -> list[Path]:
    """Every folder or file a build may read (a superset: the whole of each input folder)."""
    return [p for p in (inputs.seeds, inputs.annotations, inputs.kb, inputs.last_release) if p is not None]


def key(inputs: Any, out: Path, text_free: bool) -> str:
    parts = [os.path.abspath(out), repr(text_free), repr(inputs.shard_articles), cache.code_version(),
             *(os.path.abspath(p) for p in roots(inputs))]
    return cache.hash_of(parts)


def _path(folder: Path, name: str) -> Path:
    return folder / "builds" / f"{name}.json"


def outputs(out: Path) -> dict[str, Stat]:
    found: dict[str, Stat] = {}
    _walk(str(out), found, "")
    return found


def _sha(path: str) -> str | None:
    try:
        return manifest.sha256_file(Path(path))
    except OSError:
        return None


def load(folder: Path, name: str) -> dict[str, Any] | None:
    record: dict[str, Any] | None = cache.read_sealed(_path(folder, name))[0]
    return record


def current(record: dict[str, Any] | None, now: Scan, out: Path) -> dict[str, Any] | None:
    """The report of the recorded build when the inputs and the output folder are as it left them, else None."""
    if record is None:
        return None
    try:
        inputs, racy, written = record["inputs"], record["racy"], record["outputs"]
        if inputs.keys() != now.files.keys() or any(inputs[p] != s for p, s in now.files.items()):
            return None
        if any(_sha(p) != sha for p, sha in racy.items()):
            return None
        if outputs(out) != written:
            return None
        report: dict[str, Any] = record["report"]
        return report
    except (KeyError, TypeError, AttributeError):
        return None


def trusted(record: dict[str, Any] | None, now: Scan) -> dict[str, str]:
    """The sha256 the recorded build took of each input that still has its recorded stat (not one recorded
    as racy): what a worker need not read to find its shard in the cache."""
    if record is None:
        return {}
    try:
        inputs, racy, digests = record["inputs"], record["racy"], record["sha256"]
        return {p: digests[p] for p, s in now.files.items() if p in digests and p not in racy and inputs.get(p) == s}
    except (KeyError, TypeError, AttributeError):
        return {}


def store(folder: Path, name: str, before: Scan, hashes: dict[str, str], out: Path, report: dict[str, Any]) -> None:
    """Record a finished build: the inputs as they were before it read them (an input changed within
    RACY_NS of that moment by its sha256 too: the build's own digest, by path, or the scan's), and its output
    folder once the clock has passed the folder's last change."""
    racy = {p: hashes.get(p) or sha for p, sha in before.racy.items()}  # the bytes the build read, where it hashed them
    written = outputs(out)
    last = max((s[2] for s in written.values()), default=0)
    wait = last + TICK_NS - time.time_ns()
    if wait > 0:
        time.sleep(wait / 1e9)
    written = outputs(out)  # again, now that any later change would give a newer ctime
    digests = {p: sha for p, sha in hashes.items() if p in before.files}
    record = {"inputs": before.files, "racy": racy, "sha256": digests, "outputs": written, "report": report}
    import orjson

    cache.write_atomic(_path(folder, name), cache.sealed(orjson.dumps(record)))
