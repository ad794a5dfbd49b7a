"""Runs the per-article work (``document.process``) in this process, in local worker processes, or on a
Dask cluster. Results always come back in task order, so the output is byte-identical whichever engine
and however many workers run it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from .errors import UsageError

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")
# Below this many articles, starting worker processes costs more than it saves.
MIN_PARALLEL = 64
DASK_WINDOW = 512  # tasks in flight on a Dask cluster at once: bounds the memory the results can take


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(fn: Callable[[T], R], tasks: Sequence[T], engine: str = "local", workers: int | None = None,
        scheduler: str | None = None) -> Iterator[R]:
    """fn over tasks, in order. local: worker processes (``workers``; default one per core, in this process
    for small jobs); dask: the cluster at ``scheduler`` (an address such as tcp://10.0.0.5:8786)."""
    if engine == "dask":
        if not scheduler:
            raise UsageError("--engine dask needs --scheduler ADDRESS (for example tcp://127.0.0.1:8786)")
        yield from _dask(fn, tasks, scheduler)
        return
    if engine != "local":
        raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    count = workers if workers is not None else (default_workers() if len(tasks) >= MIN_PARALLEL else 1)
    if count <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    chunk = max(1, min(64, len(tasks) // (count * 8)))
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        yield from pool.map(fn, tasks, chunksize=chunk)


def _dask(fn: Callable[[T], R], tasks: Sequence[T], scheduler: str) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("the dask engine needs the distributed package: pip install -e '.[dask]'") from None
    client: Any = Client(scheduler, set_as_default=False)  # type: ignore[no-untyped-call]
    try:
        pending: list[Any] = []
        for start in range(0, len(tasks), DASK_WINDOW):
            pending.append(client.map(fn, list(tasks[start:start + DASK_WINDOW]), pure=False))
            if len(pending) > 1:
                yield from (future.result() for future in pending.pop(0))
        for batch in pending:
            yield from (future.result() for future in batch)
    finally:
        client.close()
