"""What a worker does with one shard (``shards.ShardTask``): read each input once, key the shard by the
digests of those bytes, and take it from the cache when it is there and intact; otherwise make each
article (from its cached piece, or through ``document.process`` from the bytes already read), write the
shard's files (``shards.encode``) and store them. Returns only digests, counts and summaries.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from dprk_claims.build import cache, document, shards
from dprk_claims.build.shards import Shard, ShardTask
from dprk_claims.core.errors import Problem, os_problem
from dprk_claims.write import canonical


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _shared(task: ShardTask) -> tuple[bytes, bytes | None] | Problem:
    """The knowledge base and lineage file, read once for the shard."""
    if not task.tasks:
        return b"", None
    _, _, kb, lineage = task.tasks[0]
    path = kb
    try:
        kb_bytes = Path(kb).read_bytes()
        path = lineage or kb
        return kb_bytes, Path(lineage).read_bytes() if lineage else None
    except OSError as err:
        return os_problem(path, err)


def run(task: ShardTask) -> Shard:
    shared = _shared(task)
    if isinstance(shared, Problem):
        return Shard(task.index, problems=[shared])
    kb, lineage = shared
    kb_sha, lineage_sha = str(_sha(kb)), _sha(lineage)
    unread = _unchanged(task, kb_sha, lineage_sha)
    if unread is not None:
        return unread
    problems: list[Problem] = []
    data: list[document.Inputs | None] = []
    keys: list[str] = []
    inputs: dict[str, str] = {}
    kind = cache.variant(task.text_free)
    for one in task.tasks:
        got, found = shards.read(one, kb, lineage)
        problems += found
        data.append(got)
        if got is not None:
            seed_sha, annotation_sha = str(_sha(got[0])), _sha(got[1])
            inputs[one[0]] = seed_sha
            if one[1] is not None and annotation_sha is not None:
                inputs[one[1]] = annotation_sha
            keys.append(cache.key(kind, one[0], seed_sha, one[1], annotation_sha, kb_sha, lineage_sha))
    notes: list[str] = []
    keyed = task.cache is not None and len(keys) == len(task.tasks)  # every input read: the shard has a key
    name = shards.key(keys, task.text_free, task.explorer, task.index, task.count) if keyed else None
    if task.cache is not None and name is not None:
        meta, damaged = cache.take_shard(task.cache, name, lambda names: shards.targets(names, task.out, task.index, task.count))
        if damaged:
            notes.append(f"{Path(task.cache) / 'shards' / name}: the cached shard did not match its digests; it was made again")
        if meta is not None:
            return _finish(task, _from_meta(task, meta), inputs, notes, [name, *keys])
    pieces: list[shards.Piece] = []
    for i, one in enumerate(task.tasks):
        got = data[i]
        if got is None:
            continue
        made = None
        if task.cache is not None and keyed:
            made, damaged = cache.load_piece(task.cache, keys[i])
            if damaged:
                notes.append(f"{cache.piece_path(task.cache, keys[i])}: the cached article did not match its digest; it was made again")
        if made is None:
            doc, found = document.process(one, got)
            problems += found
            if doc is None or found:
                continue  # a document with problems is reported, never written (the build then fails)
            made = shards.piece(doc, task.text_free, task.explorer)
            if task.cache is not None and keyed:
                cache.store_piece(task.cache, keys[i], shards.stored(made))
        pieces.append(made)
    shard = shards.encode(task.index, pieces, task.out, task.count, task.explorer)
    if task.cache is not None and name is not None and not problems:
        cache.store_shard(task.cache, name, shards.targets(list(shard.names), task.out, task.index, task.count), _meta(shard))
    shard.problems = problems
    return _finish(task, shard, inputs, notes, [name, *keys] if name else keys)


def _unchanged(task: ShardTask, kb_sha: str, lineage_sha: str | None) -> Shard | None:
    """The shard from the cache, its inputs not read, when every one is unchanged since the last build
    (``task.known``, by stat: ``uptodate.trusted``) and the shard is stored and intact; else None (then
    everything is read, hashed and keyed afresh)."""
    if task.cache is None or not task.known:
        return None
    known, kind = task.known, cache.variant(task.text_free)
    if not all(p in known for one in task.tasks for p in one[:2] if p is not None):
        return None
    keys = [cache.key(kind, s, known[s], a, known[a] if a else None, kb_sha, lineage_sha) for s, a, _, _ in task.tasks]
    name = shards.key(keys, task.text_free, task.explorer, task.index, task.count)
    meta, _ = cache.take_shard(task.cache, name, lambda names: shards.targets(names, task.out, task.index, task.count))
    if meta is None:
        return None  # a damaged entry is named when the shard is made again
    inputs = {p: known[p] for one in task.tasks for p in one[:2] if p is not None}
    return _finish(task, _from_meta(task, meta), inputs, [], [name, *keys])


FIELDS = ("names", "rows", "index_rows", "summary", "labels", "cfs_curated")


def _meta(shard: Shard) -> dict[str, Any]:
    return {f: getattr(shard, f) for f in FIELDS}


def _from_meta(task: ShardTask, meta: dict[str, Any]) -> Shard:
    """A shard taken from the cache (its files already linked into place), from its stored meta."""
    shard = Shard(task.index, str(shards.spool_of(task.out, task.index)), **{f: meta[f] for f in FIELDS})
    placed = shards.outputs(task.index, task.count)
    shard.placed = {placed[n]: sha for n, sha in shard.names.items() if n in placed}
    return shard


def _finish(task: ShardTask, shard: Shard, inputs: dict[str, str], notes: list[str], used: list[str]) -> Shard:
    shard.inputs, shard.notes, shard.used = inputs, notes, used
    if task.want and any(row[0] in task.want for row in shard.summary):
        for config in ("articles", "claims"):
            name = f"{config}.full.jsonl" if f"{config}.full.jsonl" in shard.names else f"{config}.jsonl"
            rows = canonical.jsonl_rows((Path(shard.spool) / name).read_bytes())
            shard.selected[config] = [r for r in rows if r["article_id"] in task.want]
    return shard
