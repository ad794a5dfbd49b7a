"""What a build reads and runs: its ``Inputs``, one task per seed (with its curated file, the knowledge
base and the lineage file), the shards those tasks are cut into, the stream of shards the engine makes,
and how problems are raised or, with ``--keep-going``, kept to the end.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dprk_claims.build import cache, crossrefs, document, engine, shards
from dprk_claims.core import versions
from dprk_claims.core.errors import AnnotationError, DatasetError, Problem, UsageError
from dprk_claims.read import annotations as curated
from dprk_claims.read import lineage, seeds

ANNOTATION_NAME = re.compile(r"^[0-9]{3,}_[0-9a-f]{4,64}\.json$")  # named like the seed it annotates (seeds.SEED_NAME)


@dataclass
class Inputs:
    seeds: Path
    annotations: Path
    kb: Path
    last_release: Path | None = None  # what the last release held (versions.py); None: nothing released
    keep_going: bool = False
    engine: str = "local"  # local worker processes, or dask
    workers: int | None = None  # local workers; None: one per core for large builds, none for small ones
    scheduler: str | None = None  # the Dask scheduler's address
    cache: Path | None = None  # incremental builds: where articles and shards are kept (None: no cache)
    shard_articles: int = shards.SHARD_ARTICLES  # articles per Parquet shard
    progress: Callable[[int, int], None] | None = None  # called with (articles done, articles in all)

    @property
    def passes(self) -> Path:
        return self.annotations / "passes"


@dataclass
class BuildReport:
    articles: int = 0
    claims: int = 0
    curated: list[str] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    version: str = ""
    notes: list[str] = field(default_factory=list)  # damaged cache entries that were made again
    stamp: versions.Stamp | None = None  # the version the build carries
    restamp: Callable[[versions.Stamp], None] | None = None  # rewrite the built folder's versioned files (a release)


def tasks(inputs: Inputs, sink: list[Problem] | None) -> list[document.Task]:
    """One task per seed file, in article order: the seed, its curated annotation file if any, and the
    knowledge base. An annotation file without a seed is a problem (raised, or added to the sink)."""
    curated.load_kb(inputs.kb)  # a missing or broken knowledge base stops the build before any work
    paths = seeds.seed_paths(inputs.seeds, sink)  # in name order, which is article order (every name ends in .txt)
    files: dict[str, str] = {}
    links: list[Problem] = []
    if inputs.annotations.is_dir():
        base = str(inputs.annotations / "x")[:-1]  # what str(folder / name) starts with
        with os.scandir(inputs.annotations) as entries:
            files = {e.name[:-5]: base + e.name for e in entries if ANNOTATION_NAME.match(e.name) and e.is_file()}
        links = linked(inputs.annotations)
    names = [str(p) for p in paths]
    stems = [n[n.rfind("/") + 1:-4] for n in names]
    orphans = links + [Problem(files[stem], None, "article_id", "orphan_annotation", "no seed file for this annotation file",
                               repr(stem), f"add seeds/{stem}.txt, or move the annotation file out of the annotations folder")
                       for stem in sorted(set(files) - set(stems))]
    if orphans and sink is None:
        raise AnnotationError(orphans)
    if sink is not None:
        sink.extend(orphans)
    lineage_file = inputs.annotations / lineage.FILE
    found = lineage.check_file(lineage_file, set(stems))
    if found and sink is None:
        raise AnnotationError(found)
    if sink is not None:
        sink.extend(found)
    shared = str(lineage_file) if lineage_file.is_file() else None
    kb = str(inputs.kb)
    return [(name, files.get(stem), kb, shared) for name, stem in zip(names, stems, strict=True)]


def linked(folder: Path) -> list[Problem]:
    """A problem for each symbolic link under folder: inputs are read only from inside their folder."""
    found = []
    for root, _, _ in os.walk(folder):  # a linked folder is listed, not entered
        with os.scandir(root) as entries:
            links = sorted(e.name for e in entries if e.is_symlink())  # from the directory entry: no stat per file
        for name in links:
            path = Path(root) / name
            found.append(Problem(str(path), None, "file", "symbolic_link", "is a symbolic link; annotations are read only from "
                                 "plain files inside the annotations folder", repr(os.readlink(path)),
                                 "copy the file into the folder instead of linking to it"))
    return found


def shard_tasks(inputs: Inputs, work: list[document.Task], text_free: int | None, out: Path,
                want: frozenset[str] = frozenset(), known: dict[str, str] | None = None) -> list[shards.ShardTask]:
    """The build's shards: runs of ``inputs.shard_articles`` articles, written by their workers into out
    (the build's temporary folder). Nothing is read here: a worker reads each input once, and keys the cache
    by it; known: the digests of inputs unchanged since the last build (``uptodate.trusted``), by path, which
    let a worker find an unchanged shard in the cache without reading its inputs."""
    per = inputs.shard_articles
    if per < 1:
        raise UsageError(f"--shard-articles must be at least 1, not {per}")
    folder = None
    if inputs.cache is not None:
        cache.mark(inputs.cache)
        folder = os.path.abspath(inputs.cache) if inputs.engine == "dask" else str(inputs.cache)
    if inputs.engine == "dask":  # cluster workers do not share this process's working directory
        work = [(os.path.abspath(s), os.path.abspath(a) if a else None, os.path.abspath(k), os.path.abspath(g) if g else None)
                for s, a, k, g in work]
    n = shards.count(len(work), per)
    known = known or {}
    todo = [shards.ShardTask(i, work[i * per:(i + 1) * per], str(out.absolute()), n, folder, text_free, not text_free, want)
            for i in range(n)]
    if known and inputs.engine == "dask":  # a Dask task's paths are absolute, as above
        known = {os.path.abspath(p): sha for p, sha in known.items()}
    if known:
        for task in todo:
            task.known = {p: known[p] for one in task.tasks for p in one[:2] if p is not None and p in known}
    return todo


def stream(inputs: Inputs, todo: list[shards.ShardTask]) -> Iterator[shards.Shard]:
    """Every shard, made by the chosen engine (or taken from the cache by its worker), in order."""
    from dprk_claims.build import worker

    done, total = 0, sum(len(t.tasks) for t in todo)
    for shard in engine.run(worker.run, todo, inputs.engine, inputs.workers, inputs.scheduler, shards.prepare):
        done += len(todo[shard.index].tasks)
        if inputs.progress is not None:
            inputs.progress(done, total)
        yield shard


def fail(problems: list[Problem], sink: list[Problem] | None, last: bool = False) -> None:
    """Without a sink, problems raise now; with one (``--keep-going``) they are kept, and raised at the end."""
    if problems and sink is None:
        raise DatasetError(problems)
    if sink is not None:
        sink.extend(problems)
        if last and sink:
            raise DatasetError(sink)


def fail_last(found: list[Problem], sink: list[Problem] | None, loaded: set[str]) -> None:
    """The last stage's problems (the cross-article configs'): with a sink, those that follow from an article
    that failed to load (not in loaded) are folded under its problem (``crossrefs.fold``); then raise."""
    if sink is not None:
        sink[:] = crossrefs.fold(sink, found, loaded)
        found = []
    fail(found, sink, last=True)
