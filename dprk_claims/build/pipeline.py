"""The one build: inputs → shards (made by the engine, or taken from the cache) → one dataset folder,
replaced in one step; and ``--check``, which builds into a temporary folder and compares.
"""

from __future__ import annotations

import dataclasses
import filecmp
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from dprk_claims.build import assemble, cache, crossrefs, uptodate
from dprk_claims.build.tasks import BuildReport, Inputs, fail, fail_last, shard_tasks, stream, tasks
from dprk_claims.core import versions
from dprk_claims.core.errors import CheckFailed, Problem
from dprk_claims.core.schemas import CONFIGS, row_key
from dprk_claims.publish import manifest, textfree
from dprk_claims.read import verdicts
from dprk_claims.write import atomic, canonical


def build(inputs: Inputs, out: Path, text_free: bool = False) -> BuildReport:
    """Build the dataset into out (the text-free variant with text_free), shard by shard, replacing it
    only when everything succeeded. This is the one build: ``check``, ``docs``, a release and ``--keep-going``
    all run it (into a temporary folder) and read back what they need. Shards stream from the engine
    straight into the folder being written, so memory stays bounded whatever the size of the corpus; only
    the rows of the few articles that the cross-article configs join (passes, links, verdicts) are kept."""
    atomic.clean_stale(out)
    record = uptodate.key(inputs, out, text_free) if inputs.cache is not None and not inputs.keep_going else None
    before = uptodate.scan(uptodate.roots(inputs)) if record is not None else None
    known: dict[str, str] = {}
    if inputs.cache is not None and record is not None and before is not None:
        last = uptodate.load(inputs.cache, record)
        same = uptodate.current(last, before, out)
        if same is not None:
            return _unchanged(same, out)
        known = uptodate.trusted(last, before)
    limit = textfree.SHORT_QUOTE if text_free else None
    sink: list[Problem] | None = [] if inputs.keep_going else None
    work = tasks(inputs, sink)
    selection = crossrefs.Selection(crossrefs.wanted(inputs.annotations))
    report = BuildReport()
    problems: list[Problem] = []
    used: list[str] = []
    tmp = atomic.temp_dir_for(out)
    try:
        todo = shard_tasks(inputs, work, limit, tmp, frozenset(selection.want), known)
        folder = assemble.Folder(tmp, len(todo), limit, inputs.shard_articles, inputs.cache)
        for shard in stream(inputs, todo):
            problems += shard.problems
            report.notes += shard.notes
            used += shard.used
            folder.add(shard, place=not problems)  # a build with a problem is never written
            selection.add(shard)
        fail(problems, sink)
        tables, found = crossrefs.rows(inputs.annotations, selection.claims, selection.articles, folder.cfs_curated)
        fail_last(found, sink, {row[0] for row in folder.summary.articles})
        written = _globals(folder, tables, selection, limit)
        stamp = versions.stamp(versions.read_last(inputs.last_release), folder.hexdigests())
        reviews = None
        if tables["verdicts"] and not text_free:
            reviews = verdicts.claim_reviews(tables["verdicts"], selection.claims, selection.articles)
        hashes = manifest.input_hashes(inputs.seeds, inputs.annotations, inputs.kb, folder.inputs)
        done = folder.finish(out, stamp, hashes, written["claim_links"], written["verdicts"], reviews)
        used += folder.used
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if inputs.cache is not None:
        cache.prune(inputs.cache, used)
    for aid, origin, *_ in folder.summary.articles:
        (report.curated if origin == "curated" else report.unannotated).append(aid)
    report.articles, report.claims = len(folder.summary.articles), folder.summary.counts["claims"]
    report.files, report.version, report.stamp = done.files, stamp.version, stamp
    report.restamp = lambda new: folder.describe(out, new)
    if inputs.cache is not None and record is not None and before is not None:
        uptodate.store(inputs.cache, record, before, _by_path(inputs, hashes), out, _recorded(report))
    return report


RECORDED = ("articles", "claims", "curated", "unannotated", "files", "version")


def _recorded(report: BuildReport) -> dict[str, Any]:
    stamp = report.stamp
    return {**{f: getattr(report, f) for f in RECORDED}, "stamp": [stamp.version, stamp.date] if stamp else None}


def _unchanged(last: dict[str, Any], out: Path) -> BuildReport:
    """The report of a build that found out already as the last build with these inputs left it."""
    report = BuildReport(**{f: last[f] for f in RECORDED})
    report.stamp = versions.Stamp(*last["stamp"]) if last["stamp"] else None
    report.notes.append(f"nothing changed since the last build into {out}: no input was read and no file written "
                        "(--no-cache builds afresh)")
    return report


def _by_path(inputs: Inputs, hashes: dict[str, dict[str, str]]) -> dict[str, str]:
    """The input digests of the manifest (by folder, relative paths) by the paths ``uptodate.scan`` gives."""
    found: dict[str, str] = {}
    for folder, by in ((inputs.seeds, hashes["seeds"]), (inputs.annotations, hashes["annotations"])):
        base = str(folder / "x")[:-1]  # what str(folder / name) starts with, as the tasks name the files
        found.update({base + rel: sha for rel, sha in by.items()})
    found.update({str(inputs.kb): sha for sha in hashes["kb"].values()})
    return found


def _globals(folder: assemble.Folder, tables: dict[str, list[dict[str, Any]]], selection: crossrefs.Selection,
             text_free: int | None) -> dict[str, list[dict[str, Any]]]:
    """Write the cross-article configs (text-free in that variant); returns the rows as written."""
    if not text_free:
        for config in assemble.GLOBAL:
            folder.add_config(config, tables[config])
        return tables
    stripped = textfree.strip({**tables, "articles": list(selection.articles.values())}, text_free)
    for config in assemble.GLOBAL:
        folder.add_config(config, stripped[config], canonical.jsonl_bytes(tables[config]))
    return stripped


def tables_of(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of a built (full) dataset folder, read back from its JSONL, by config."""
    return {c: canonical.jsonl_rows((folder / canonical.jsonl_path(c)).read_bytes()) for c in CONFIGS}


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
                for r in canonical.jsonl_rows(path.read_bytes())}

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
