"""The build: shards stream from the engine (or the cache) straight into the dataset folder being written,
so memory stays bounded whatever the size of the corpus. Only the rows of the few articles that the
cross-article configs join (passes, links, verdicts) are kept until the end.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import assemble, atomic, cache, crossrefs, manifest, verdicts, versions, write
from .errors import Problem

if TYPE_CHECKING:
    from .pipeline import BuildReport, Inputs


def build(inputs: Inputs, out: Path, text_free: int | None) -> BuildReport:
    """Build into out (text_free: the short-quote limit of the text-free variant, or None)."""
    from .pipeline import BuildReport, fail, fail_last, shard_tasks, stream, tasks

    sink: list[Problem] | None = [] if inputs.keep_going else None
    work = tasks(inputs, sink)
    selection = crossrefs.Selection(crossrefs.wanted(inputs.annotations))
    report = BuildReport()
    problems: list[Problem] = []
    used: list[str] = []
    tmp = atomic.temp_dir_for(out)
    try:
        todo = shard_tasks(inputs, work, text_free, tmp, frozenset(selection.want))
        folder = assemble.Folder(tmp, len(todo), text_free, inputs.shard_articles, inputs.cache)
        for shard in stream(inputs, todo):
            problems += shard.problems
            report.notes += shard.notes
            used += shard.used
            folder.add(shard)
            selection.add(shard)
        fail(problems, sink)
        tables, found = crossrefs.rows(inputs.annotations, selection.claims, selection.articles, folder.cfs_curated)
        fail_last(found, sink, {row[0] for row in folder.summary.articles})
        written = _globals(folder, tables, selection, text_free)
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
    return report


def _globals(folder: assemble.Folder, tables: dict[str, list[dict[str, Any]]], selection: crossrefs.Selection,
             text_free: int | None) -> dict[str, list[dict[str, Any]]]:
    """Write the cross-article configs (text-free in that variant); returns the rows as written."""
    if not text_free:
        for config in assemble.GLOBAL:
            folder.add_config(config, tables[config])
        return tables
    from . import textfree

    stripped = textfree.strip({**tables, "articles": list(selection.articles.values())}, text_free)
    for config in assemble.GLOBAL:
        folder.add_config(config, stripped[config], write.jsonl_bytes(tables[config]))
    return stripped
