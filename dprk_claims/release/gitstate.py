"""Is the checkout that holds the inputs committed? A release is tagged on a commit, so what it was made
from must be in that commit: ``release`` refuses uncommitted changes unless told to allow them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dprk_claims.core.errors import Problem

SHOWN = 5  # uncommitted paths named in the message
ALLOW = "or pass --allow-dirty to release anyway"


def _git(*args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except OSError:  # git is not installed
        return None


def uncommitted(folder: Path) -> list[Problem]:
    """A problem when the git checkout holding folder has uncommitted changes (untracked files included,
    ignored ones not), when folder is in no checkout, or when git cannot be run; else none."""
    top = _git("-C", str(folder), "rev-parse", "--show-toplevel")
    if top is None:
        return [Problem(str(folder), None, None, "no_git", "git cannot be run, so it is unknown whether the inputs are committed",
                        None, f"install git, {ALLOW}")]
    if top.returncode != 0:
        return [Problem(str(folder), None, None, "not_a_checkout", "the inputs are not in a git checkout, so no commit holds "
                        "what the release is made from", None,
                        f"release from a git clone of the project (or git init and commit), {ALLOW}")]
    status = _git("-C", top.stdout.strip(), "status", "--porcelain", "--untracked-files=all")
    lines = [line.strip() for line in (status.stdout.splitlines() if status else [])]
    if not lines:
        return []
    shown = ", ".join(lines[:SHOWN]) + (f" and {len(lines) - SHOWN} more" if len(lines) > SHOWN else "")
    return [Problem(str(folder), None, None, "uncommitted", f"the git checkout holding the inputs has {len(lines)} uncommitted "
                    "change(s), so the release would not be the commit it is tagged on", shown,
                    f"commit them (git add -A && git commit) and release again, {ALLOW}")]
