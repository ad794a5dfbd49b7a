"""Chains the stages: read seeds → parse → annotate → validate → write → card, in one build.

Each stage is a plain function over an iterator of records; this module only connects them.
"""

from __future__ import annotations

import dataclasses
import filecmp
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import annotations as curated
from . import atomic, cache, crossrefs, document, engine, lineage, seeds, shards, streaming, textfree, versions, write
from .errors import AnnotationError, CheckFailed, DatasetError, Problem, UsageError
from .schemas import CONFIGS, row_key

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
    paths = sorted(seeds.seed_paths(inputs.seeds, sink), key=lambda p: p.stem)
    files: dict[str, Path] = {}
    links: list[Problem] = []
    if inputs.annotations.is_dir():
        with os.scandir(inputs.annotations) as entries:
            files = {e.name[:-5]: inputs.annotations / e.name for e in entries if ANNOTATION_NAME.match(e.name) and e.is_file()}
        links = linked(inputs.annotations)
    stems = {p.stem for p in paths}
    orphans = links + [Problem(str(files[stem]), None, "article_id", "orphan_annotation", "no seed file for this annotation file",
                               repr(stem), f"add seeds/{stem}.txt, or move the annotation file out of the annotations folder")
                       for stem in sorted(set(files) - stems)]
    if orphans and sink is None:
        raise AnnotationError(orphans)
    if sink is not None:
        sink.extend(orphans)
    lineage_file = inputs.annotations / lineage.FILE
    found = lineage.check_file(lineage_file, stems)
    if found and sink is None:
        raise AnnotationError(found)
    if sink is not None:
        sink.extend(found)
    shared = str(lineage_file) if lineage_file.is_file() else None
    return [(str(p), str(files[p.stem]) if p.stem in files else None, str(inputs.kb), shared) for p in paths]


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
                want: frozenset[str] = frozenset()) -> list[shards.ShardTask]:
    """The build's shards: runs of ``inputs.shard_articles`` articles, written by their workers into out
    (the build's temporary folder). Nothing is read here: a worker reads each input once, and keys the cache by it."""
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
    return [shards.ShardTask(i, work[i * per:(i + 1) * per], str(out.absolute()), n, folder, text_free, not text_free, want)
            for i in range(n)]


def stream(inputs: Inputs, todo: list[shards.ShardTask]) -> Iterator[shards.Shard]:
    """Every shard, made by the chosen engine (or taken from the cache by its worker), in order."""
    from . import worker

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


def build(inputs: Inputs, out: Path, text_free: bool = False) -> BuildReport:
    """Build the dataset into out (the text-free variant with text_free), shard by shard, replacing it
    only when everything succeeded. This is the one build: ``check``, ``docs``, a release and ``--keep-going``
    all run it (into a temporary folder) and read back what they need."""
    atomic.clean_stale(out)
    return streaming.build(inputs, out, textfree.SHORT_QUOTE if text_free else None)


def tables_of(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of a built (full) dataset folder, read back from its JSONL, by config."""
    return {c: write.jsonl_rows((folder / write.jsonl_path(c)).read_bytes()) for c in CONFIGS}


def differences(expected: Path, actual: Path) -> list[str]:
    """Readable lines naming every file that is missing, extra or different."""
    def listing(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()

    want, have = listing(expected), listing(actual)
    lines = [f"missing from {actual}: {p}" for p in sorted(want - have)]
    lines += [f"not made by the build, but in {actual}: {p}" for p in sorted(have - want)]
    for rel in sorted(want & have):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            lines.append(f"differs: {rel}" + _jsonl_detail(expected / rel, actual / rel))
    return lines


def _jsonl_detail(new: Path, old: Path) -> str:
    if new.suffix != ".jsonl":
        return ""

    config = new.stem if new.stem in CONFIGS else None

    def ids(path: Path) -> dict[str, str]:
        return {row_key(config, r) if config else str(r.get("claim_id") or r.get("article_id")): json.dumps(r, sort_keys=True)
                for r in write.jsonl_rows(path.read_bytes())}

    a, b = ids(new), ids(old)
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    parts = [f"{len(set(a) - set(b))} added", f"{len(set(b) - set(a))} removed", f"{len(changed)} changed"]
    if changed:
        parts.append("e.g. " + ", ".join(changed[:3]))
    return " (" + ", ".join(parts) + ")"


def survey(inputs: Inputs, text_free: bool = False) -> BuildReport:
    """``--keep-going``: the whole build, every problem of every input reported, and nothing written (it
    builds into a temporary folder that is removed, without the cache)."""
    with tempfile.TemporaryDirectory(prefix="dprk-claims-keep-going-") as tmp:
        return build(dataclasses.replace(inputs, cache=None, keep_going=True), Path(tmp) / "dataset", text_free)


def check(inputs: Inputs, out: Path, text_free: bool = False) -> BuildReport:
    """Rebuild into a temporary folder and raise CheckFailed if ``out`` is not byte-identical to it."""
    with tempfile.TemporaryDirectory(prefix="dprk-claims-check-") as tmp:
        fresh = Path(tmp) / "dataset"
        report = build(dataclasses.replace(inputs, cache=None), fresh, text_free)  # what the cache got wrong shows
        stale(fresh, out, text_free)
    return report


def stale(fresh: Path, out: Path, text_free: bool = False) -> None:
    """Raise CheckFailed if out is not byte-identical to the fresh build."""
    lines = differences(fresh, out)
    if lines:
        command = "python build_dataset.py --text-free" if text_free else "python build_dataset.py"
        raise CheckFailed([Problem(str(out), None, None, "stale_dataset", line, None,
                                   f"run `{command}` and commit {out.name}/") for line in lines])
