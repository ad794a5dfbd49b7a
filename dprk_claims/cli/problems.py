"""How the command line shows problems and progress: one line each, a table, JSON, a progress bar."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import Problem

PROGRESS_MIN = 200  # articles: smaller builds finish before a progress report would help


def format_problems(problems: Sequence[Problem], as_json: bool, table: bool = False) -> str:
    if as_json:
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    if table:
        return problem_table(problems)
    return "\n".join(f"error: {p.render()}" for p in problems)


def problem_table(problems: Sequence[Problem]) -> str:
    """Problems as an aligned text table: file, record, field, code, value, and what is wrong and how to fix it."""
    head = ("file", "record", "field", "code", "value", "problem and fix")
    rows = [(p.file, p.record or "", p.field or "", p.code, p.value or "",
             p.message + (f". Fix: {p.hint}" if p.hint else "") + p.follow_note()) for p in problems]
    widths = [min(60, max(len(r[i]) for r in [head, *rows])) for i in range(5)]
    lines = []
    for r in [head, *rows]:
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 15)
    return "\n".join(lines)


def note_ignored(seeds_dir: Path) -> None:
    """Name, on standard error, the files of the seed folder that are not articles and were left out."""
    from dprk_claims.read.seeds import ignored

    names = ignored(seeds_dir)
    if names:
        print(f"note: {seeds_dir}: {len(names)} file(s) that are not articles were ignored (a dotfile, not .txt, or "
              f"README*/NOTES*): {', '.join(names)}", file=sys.stderr)


def progress_reporter(stream: Any = None) -> Callable[[int, int], None]:
    """A progress bar (tqdm) on a terminal; plain lines (every 10%) otherwise, e.g. in CI logs."""
    stream = stream if stream is not None else sys.stderr
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if total < PROGRESS_MIN:
            return
        if stream.isatty():
            if "bar" not in state:
                from tqdm import tqdm

                state["bar"] = tqdm(total=total, unit="article", file=stream)
            state["bar"].update(done - state["bar"].n)
            if done == total:
                state["bar"].close()
        elif done == total or done * 10 // total > state.get("tenth", 0):
            state["tenth"] = done * 10 // total
            print(f"progress: {done}/{total} articles", file=stream, flush=True)

    return report
