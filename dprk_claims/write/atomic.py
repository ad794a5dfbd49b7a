"""Replacing a folder in one step: the new folder is written into a temporary folder beside it, then put
in its place by two renames. A command killed at any moment leaves the old folder or the new one whole,
plus at most a temporary folder named after the dead process, which the next command that writes the
folder restores and removes first (``clean_stale``).
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path


def temp_dir_for(out: Path, create: bool = True) -> Path:
    """A new temporary folder beside out, named after this process (create=False: only its path)."""
    out = out.absolute()
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    if create:
        tmp.mkdir(parents=True)
    return tmp


def _left_by_the_dead(out: Path, kind: str) -> list[Path]:
    """This tool's temporary (kind "tmp") or parked ("old") folders beside out whose process is gone,
    oldest name first: named exactly ``.<out>.<kind>-<pid>-<8 hex digits>``, so no other folder matches."""
    name = re.compile(rf"^\.{re.escape(out.name)}\.{kind}-([0-9]+)-[0-9a-f]{{8}}$")
    found = [(p, name.match(p.name)) for p in out.parent.glob(f".{out.name}.{kind}-*")]
    return sorted(p for p, m in found if m is not None and not alive(int(m[1])))


def clean_stale(out: Path) -> None:
    """Restore and remove what commands that were killed left behind (their process is gone)."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    parked = _left_by_the_dead(out, "old")
    if not out.exists() and parked:  # killed between the two renames of replace_dir: put the old folder back
        os.rename(parked.pop(), out)
    for path in parked + _left_by_the_dead(out, "tmp"):
        shutil.rmtree(path, ignore_errors=True)


def alive(pid: int) -> bool:
    """Is the process with this id still running (this one always is)?"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replace_dir(tmp: Path, out: Path) -> None:
    """Put tmp in place of out: out is parked beside it, tmp renamed in, and the parked folder removed."""
    out = out.absolute()
    if not out.exists():
        os.rename(tmp, out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)  # the swap failed: the old folder goes back, as the error message says
        raise
    shutil.rmtree(old)
