"""Folders a command writes are checked before any work: nothing the tool did not write is ever replaced.

A folder written by a command (``--out``, ``--cache``, ``--last-release``, rehydrate's output, the files of
``docs`` and of the Label Studio export) must not be, contain or lie inside an input (seeds, annotations,
the knowledge base), a checkout root or ``.git``. An existing folder is replaced only when it is what the
tool wrote there before: a dataset with this tool's ``MANIFEST.json`` listing every file it holds, a last
release (``release.json``, ``jsonl/``, ``schema/``), or a build cache (``CACHEDIR.TAG``). An empty folder
holds nothing to lose. Each refusal is one line naming the folder and why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dprk_claims.core.errors import UsageError

if TYPE_CHECKING:
    from dprk_claims.build.tasks import Inputs

CACHE_TAG = "CACHEDIR.TAG"  # written by cache.mark
CACHE_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"  # https://bford.info/cachedir/
CACHE_ENTRIES = {CACHE_TAG, "inputs.json", "articles", "shards", "whole", "builds"}
RELEASE_ENTRIES = {"release.json", "jsonl", "schema"}


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _roots(start: Path) -> list[Path]:
    """The checkout roots (folders holding .git) at or above start."""
    return [p for p in (start, *start.parents) if (p / ".git").exists()]


def _refuse(option: str, folder: Path, why: str, fix: str) -> UsageError:
    return UsageError(f"{option} {folder}: {why}; nothing was written. Fix: {fix}")


def check_place(option: str, folder: Path, inputs: Iterable[Path], fix: str) -> Path:
    """Refuse a folder that is, holds or lies in an input, a checkout root or .git; returns it resolved."""
    target = folder.resolve()
    if ".git" in target.parts:
        raise _refuse(option, folder, "lies inside a .git folder", fix)
    roots = {*_roots(Path.cwd().resolve()), *_roots(Path(__file__).resolve().parents[1])}
    for root in sorted(roots):
        if _within(root, target):
            raise _refuse(option, folder, f"{'is' if root == target else 'holds'} the checkout {root}", fix)
    for given in inputs:
        source = given.resolve()
        if _within(target, source):
            raise _refuse(option, folder, f"{'is' if source == target else 'lies inside'} the input {given}", fix)
        if _within(source, target):
            raise _refuse(option, folder, f"holds the input {given}", fix)
    return target


def _listing(folder: Path) -> list[str]:
    out = []
    for dirpath, _, files in os.walk(folder):
        out += [Path(dirpath, f).relative_to(folder).as_posix() for f in files]
    return sorted(out)


def dataset_problem(folder: Path) -> str | None:
    """Why an existing folder is not a dataset this tool wrote (None: it is one, or it is empty)."""
    from dprk_claims.publish.manifest import MANIFEST, NAME

    files = _listing(folder)
    if not files:
        return None
    try:
        meta = json.loads((folder / MANIFEST).read_bytes())
        listed = {str(f["path"]) for f in meta["files"]}
        name = meta["name"]
    except FileNotFoundError:
        return f"holds files ({files[0]}, …) but no {MANIFEST}, so it is not a dataset this tool wrote"
    except (OSError, ValueError, KeyError, TypeError):
        return f"its {MANIFEST} is not one this tool writes, so the folder may hold files of your own"
    if name != NAME:
        return f"its {MANIFEST} names the dataset {name!r}, not {NAME}"
    extra = [f for f in files if f != MANIFEST and f not in listed]
    if extra:
        return f"holds {extra[0]}, which its {MANIFEST} does not list: a file the build did not write"
    return None


def _only(entries: set[str]) -> Callable[[Path], str | None]:
    def problem(folder: Path) -> str | None:
        names = {e.name for e in os.scandir(folder) if not e.name.startswith(".")}
        extra = sorted(names - entries)
        if extra:
            return f"holds {extra[0]}, which this tool does not write there"
        return None

    return problem


def release_problem(folder: Path) -> str | None:
    found = _only(RELEASE_ENTRIES)(folder)
    if found is None and any(os.scandir(folder)) and not (folder / "release.json").is_file():
        return "holds no release.json, so it is not a last release this tool wrote"
    return found


def cache_problem(folder: Path) -> str | None:
    found = _only(CACHE_ENTRIES)(folder)
    tag = folder / CACHE_TAG
    names = sorted(e.name for e in os.scandir(folder))
    if found is None and tag.is_file() and not tag.read_text(encoding="utf-8", errors="replace").startswith(CACHE_SIGNATURE):
        return f"its {CACHE_TAG} is not a cache directory tag"
    if found is None and names and not tag.is_file() and "inputs.json" not in names:  # caches made before the tag have inputs.json
        return f"holds {names[0]} but no {CACHE_TAG}, so it is not a cache this tool made"
    return found


def check_folder(option: str, folder: Path, inputs: Iterable[Path], kind: Callable[[Path], str | None], fix: str) -> None:
    """check_place, then: an existing path must be a folder of the kind the tool writes there."""
    check_place(option, folder, inputs, fix)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise _refuse(option, folder, "is not a folder", fix)
    if folder.is_dir():
        why = kind(folder)
        if why is not None:
            raise _refuse(option, folder, why, fix)


def check_file(option: str, path: Path, inputs: Iterable[Path], ours: Callable[[bytes], bool], fix: str) -> None:
    """A file a command writes: placed like a folder, and an existing file only if the tool wrote it."""
    check_place(option, path, inputs, fix)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise _refuse(option, path, "is not a plain file", fix)
    if path.is_file() and not ours(path.read_bytes()):
        raise _refuse(option, path, "is a file this tool did not write", fix)


DATASET_FIX = "pass a new folder, or one a build wrote, e.g. --out dataset"


def check_writes(inputs: Inputs, out: Path | None = None, *, out_inputs: Iterable[Path] = (), docs: Iterable[Path] = (),
                 cache: bool = True, release: bool = False) -> None:
    """Every folder and file a command will write, checked before it starts: the documents it refreshes, the
    dataset folder ``out`` (which must not hold ``out_inputs`` either), the cache, and for a release the last
    release and the documents it rewrites."""
    ins = [inputs.seeds, inputs.annotations, inputs.kb]
    for path in docs:
        check_place("docs", path, ins, "name the document to refresh, e.g. DATASHEET.md")
    if out is not None:
        check_folder("--out", out, [*ins, *out_inputs], dataset_problem, DATASET_FIX)
    if cache and inputs.cache is not None:
        check_folder("--cache", inputs.cache, ins, cache_problem, "pass a new folder for the cache, e.g. --cache .build-cache")
    if release and inputs.last_release is not None:
        check_folder(
            "--last-release",
            inputs.last_release,
            ins,
            release_problem,
            "pass the folder that keeps the last release, e.g. --last-release last-release",
        )
        for doc in ("CHANGELOG.md", "CITATION.cff", "DATASHEET.md"):
            check_place("release", Path(doc), ins, "run the release from the project's folder")
