"""A release moves ``last-release/``, the dataset folder, ``CHANGELOG.md``, ``CITATION.cff`` (and
``DATASHEET.md``) together or not at all.

Everything is first written into a staging folder (``.release-staging`` beside the dataset folder). Then a
journal (``.release-journal.json``, written whole by a rename) lists the moves, and the moves are made:
a staged folder replaces its target by two renames (the old one is parked in the staging folder), a staged
file by one. A move whose staged path is gone is done. The journal is the commit point: a run that finds
one finishes its moves (so a release killed while moving is completed by the next run); a run that finds
a staging folder without a journal removes it (a release killed while staging left the old one whole).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import FileSystemError, os_problem

STAGING = ".release-staging"
JOURNAL = ".release-journal.json"


def staging_dir(base: Path) -> Path:
    return base.absolute() / STAGING


def recover(base: Path) -> dict[str, Any] | None:
    """Finish an interrupted release (returns its journal's meta), or remove an unfinished staging folder."""
    journal = base.absolute() / JOURNAL
    try:
        if journal.is_file():
            record = json.loads(journal.read_bytes())
            _apply(journal, [(Path(a), Path(b)) for a, b in record["moves"]])
            return dict(record["meta"])
        shutil.rmtree(staging_dir(base), ignore_errors=True)
    except OSError as err:
        raise FileSystemError([os_problem(journal, err, "written")]) from None
    return None


def begin(base: Path) -> Path:
    """A new, empty staging folder (after finishing or removing what an interrupted release left)."""
    folder = staging_dir(base)
    try:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    except OSError as err:
        raise FileSystemError([os_problem(folder, err, "written")]) from None
    return folder


def abort(base: Path) -> None:
    """Remove the staging folder of a release that failed before its journal was written (after that,
    the moves are finished by the next run, which needs the staged files)."""
    if not (base.absolute() / JOURNAL).is_file():
        shutil.rmtree(staging_dir(base), ignore_errors=True)


def commit(base: Path, moves: list[tuple[Path, Path]], meta: dict[str, Any]) -> None:
    """Write the journal (the commit point), then make every move."""
    journal = base.absolute() / JOURNAL
    record = {"meta": meta, "moves": [[str(a.absolute()), str(b.absolute())] for a, b in moves]}
    tmp = journal.with_name(f"{JOURNAL}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, journal)
        _apply(journal, [(a.absolute(), b.absolute()) for a, b in moves])
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FileSystemError([os_problem(getattr(err, "filename", None) or journal, err, "written")]) from None


def _apply(journal: Path, moves: list[tuple[Path, Path]]) -> None:
    parked = journal.parent / STAGING / ".old"
    for i, (staged, target) in enumerate(moves):
        if not staged.exists():
            continue  # moved already
        if staged.is_dir():
            if target.exists() or target.is_symlink():
                parked.mkdir(parents=True, exist_ok=True)
                os.rename(target, parked / f"{i}-{target.name}")
            os.rename(staged, target)
        else:
            os.replace(staged, target)
    os.unlink(journal)
    shutil.rmtree(journal.parent / STAGING, ignore_errors=True)
