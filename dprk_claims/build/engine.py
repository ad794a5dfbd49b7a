"""Runs the shards (``worker.run``, one task per shard) in this process, in local worker processes, or on a
Dask cluster. Results always come back in task order, so the output is byte-identical whichever engine
and however many workers run it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from dprk_claims.core.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")
DASK_WINDOW = 8  # shards in flight on a Dask cluster at once: bounds the memory the results can take


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(fn: Callable[[T], R], tasks: Sequence[T], engine: str = "local", workers: int | None = None,
        scheduler: str | None = None, prepare: Callable[[], None] | None = None) -> Iterator[R]:
    """fn over tasks, in order. local: worker processes (``workers``; default one per core; a single task
    runs in this process); dask: the cluster at ``scheduler`` (an address such as tcp://10.0.0.5:8786)."""
    if engine == "dask":
        if not scheduler:
            raise UsageError("--engine dask needs --scheduler ADDRESS (for example tcp://127.0.0.1:8786)")
        yield from _dask(fn, tasks, scheduler)
        return
    if engine != "local":
        raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    count = workers if workers is not None else default_workers()
    if count <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    if prepare is not None:  # done once here, and inherited by every forked worker
        prepare()
    with ProcessPoolExecutor(max_workers=min(count, len(tasks)), mp_context=context, initializer=_die_with_parent) as pool:
        pending: deque[Any] = deque()
        for task in tasks:  # at most two tasks per worker in flight: the results waiting are bounded
            pending.append(pool.submit(fn, task))
            if len(pending) >= 2 * count:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


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


def _die_with_parent() -> None:
    """In a worker process: die with the build (Linux PR_SET_PDEATHSIG). A worker forked from a build
    that is killed would otherwise wait for tasks forever, since it holds the task queue open itself."""
    import ctypes
    import ctypes.util
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: such a worker ends when its task queue breaks
    if os.getppid() == 1:  # the build died before this line
        os._exit(1)
