"""Incremental builds: the result of each article's work, kept under a key made of the content hashes of
its inputs (seed, annotation file, knowledge base), the schemas and the package's own code. An unchanged
article is read back instead of being processed again; anything that changes a key invalidates it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .document import Task
from .errors import Problem

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


def key(task: Task) -> str:
    seed, annotation, kb = task
    parts = [code_version(), hashlib.sha256(Path(seed).read_bytes()).hexdigest(), seed,
             hashlib.sha256(Path(annotation).read_bytes()).hexdigest() if annotation else "-", annotation or "-", _file_digest(kb)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


Result = tuple[Any, list[Problem]]


def run(fn: Callable[[Sequence[Task]], Iterator[Result]], tasks: Sequence[Task], folder: Path | None) -> Iterator[Result]:
    """fn over the tasks not in the cache; cached results for the rest; all in task order. Results with
    problems are not cached, so a fixed input is always checked again."""
    if folder is None:
        yield from fn(tasks)
        return
    folder.mkdir(parents=True, exist_ok=True)
    keys = [key(t) for t in tasks]
    missing = [i for i, k in enumerate(keys) if not (folder / f"{k}.json").is_file()]
    fresh = fn([tasks[i] for i in missing])
    todo = iter(missing)
    next_missing = next(todo, None)
    for i, k in enumerate(keys):
        if i == next_missing:
            doc, problems = next(fresh)
            if doc is not None and not problems:
                tmp = folder / f".{k}.{os.getpid()}.tmp"
                tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, folder / f"{k}.json")
            next_missing = next(todo, None)
            yield doc, problems
        else:
            yield json.loads((folder / f"{k}.json").read_text(encoding="utf-8")), []
