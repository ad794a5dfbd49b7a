"""Stage 5a: a shard of the dataset — a fixed run of articles in article order — turned into the bytes
that are written: the JSONL and Parquet of the per-article configs, the explorer's pieces, and a small
summary (counts for the card, check-worthy curated claims for the verdict check).

A shard is the unit the engines run (``engine.py``): ``run`` takes file paths and returns bytes, so it
pickles and gives the same result in this process, in a worker process or on a Dask cluster. The shard
boundaries depend only on the number of articles (``SHARD_ARTICLES`` each), never on the workers, so the
output is byte-identical however it is run. Within a shard each article becomes a ``Piece`` (its rows
already serialised), which the per-article cache keeps between builds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import document, explorer, lineage_docs, summary, write
from .errors import DatasetError, Problem, os_problem
from .records import Document

SHARD_ARTICLES = 500  # articles per shard: about 5,000 claims, a few MB of Parquet
PER_ARTICLE = ("articles", "claims", "sentences")
Piece = dict[str, Any]  # one article: {"jsonl": {config: str}, "full": ..., "explorer": [str, str, str] | None, "summary": ...}


@dataclass
class ShardTask:
    index: int
    tasks: list[document.Task]
    keys: list[str] | None = None  # the per-article cache keys (cache.key), when there is a cache
    digests: list[tuple[str, str | None, str, str | None]] | None = None  # the sha256 of seed, annotation, kb and lineage file
    cache: str | None = None  # the per-article cache folder
    text_free: int | None = None  # the short-quote limit of the text-free variant
    explorer: bool = True  # make the explorer's pieces


@dataclass
class Shard:
    index: int
    full: dict[str, bytes] = field(default_factory=dict)  # canonical JSONL of the full rows (for the version stamp)
    jsonl: dict[str, bytes] = field(default_factory=dict)  # the JSONL written (text-free in that variant)
    parquet: dict[str, bytes] = field(default_factory=dict)
    parquet_sha: dict[str, str] = field(default_factory=dict)  # sha256 of each Parquet file (for the manifest)
    inputs: dict[str, str] = field(default_factory=dict)  # sha256 of each input file read, by str(path)
    explorer: tuple[bytes, bytes, bytes] | None = None  # the explorer's article JSON, claim JSON and index rows, comma-separated
    summary: list[list[Any]] = field(default_factory=list)  # per article: id, origin, claims, CFS, UFS, NFS, lineage
    labels: dict[str, int] = field(default_factory=dict)  # "layer\tlabel" -> claims
    cfs_curated: list[str] = field(default_factory=list)  # CFS claims of curated articles (need a verdict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # damaged cache entries that were made again
    stale: bool = False  # an input changed between its key and its reading: the shard is not cached
    made: list[str] = field(default_factory=list)  # keys of pieces stored under the content actually read


def count(articles: int, per_shard: int = SHARD_ARTICLES) -> int:
    """How many shards a build of this many articles writes (at least one, so every config has a file)."""
    return max(1, -(-articles // per_shard))


def piece(doc: Document, text_free: int | None, with_explorer: bool) -> Piece:
    """One article's rows, serialised as they are written, and what the summaries need of it."""
    article, claims = doc["article"], doc["claims"]
    rows = {"articles": [article], "claims": claims, "sentences": sorted(doc["sentences"], key=lambda r: r["index"])}
    full = {c: write.jsonl_bytes(rows[c]).decode("utf-8") for c in PER_ARTICLE}
    out: Piece = {"jsonl": full, "full": None, "explorer": None}
    if text_free:
        from . import textfree

        stripped = textfree.strip(rows, text_free)
        out["full"], out["jsonl"] = full, {c: write.jsonl_bytes(stripped[c]).decode("utf-8") for c in PER_ARTICLE}
    if with_explorer:
        out["explorer"] = list(explorer.fragments(article, full["claims"], claims))
    by = Counter(c["checkworthiness"] for c in claims)
    origin = article["annotation"]["origin"]
    out["summary"] = [article["article_id"], origin, len(claims), by["CFS"], by["UFS"], by["NFS"],
                      lineage_docs.summary_row(article, claims)]
    out["labels"] = dict(summary.labels_of(claims))
    out["cfs_curated"] = [c["claim_id"] for c in claims if c["checkworthiness"] == "CFS" and c["annotation"]["origin"] == "curated"]
    return out


def prepare() -> None:
    """Imports and validators every shard needs, made once before worker processes are forked from this one."""
    import pyarrow.json  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    from . import validate
    from .annotations import _file_validator
    from .schemas import arrow_schema

    for config in PER_ARTICLE:
        validate.compiled(config)
        arrow_schema(config)
    _file_validator()


def _read(one: document.Task) -> tuple[document.Inputs | None, list[Problem]]:
    """The bytes of an article's seed, annotation file, knowledge base and lineage file, each read once."""
    from .seeds import read_limited

    seed, annotation, kb, lineage = one
    path = seed
    try:
        seed_bytes = read_limited(Path(seed))
        path = annotation or kb
        annotation_bytes = Path(annotation).read_bytes() if annotation else None
        path = kb
        kb_bytes = Path(kb).read_bytes()
        path = lineage or kb
        return (seed_bytes, annotation_bytes, kb_bytes, Path(lineage).read_bytes() if lineage else None), []
    except DatasetError as err:
        return None, err.problems
    except OSError as err:
        return None, [os_problem(path, err)]


def run(task: ShardTask) -> Shard:
    """Every article of the shard through ``document.process`` (or the cache), then encoded. The rows of an
    article are made from the bytes its key and the manifest's hashes are computed from (read once)."""
    from . import cache

    pieces: list[Piece] = []
    problems: list[Problem] = []
    notes: list[str] = []
    inputs: dict[str, str] = {}
    stale, made_keys = False, []
    for i, one in enumerate(task.tasks):
        made = None
        if task.cache is not None and task.keys is not None and task.digests is not None:
            made, damaged = cache.load_piece(task.cache, task.keys[i])
            if damaged:
                notes.append(f"{Path(task.cache) / task.keys[i]}.json: the cached article did not match its digest; it was made again")
            if made is not None:
                seed_sha, annotation_sha = task.digests[i][:2]
                inputs[one[0]] = seed_sha
                if one[1] is not None and annotation_sha is not None:
                    inputs[one[1]] = annotation_sha
        if made is None:
            data, found = _read(one)
            if data is not None:
                shas = tuple(None if d is None else hashlib.sha256(d).hexdigest() for d in data)
                inputs.update({path: sha for path, sha in zip(one[:2], shas[:2], strict=True) if path is not None and sha})
                doc, found = document.process(one, data)
            problems += found
            if data is None or doc is None or found:
                continue  # a document with problems is reported, never written (the build then fails)
            made = piece(doc, task.text_free, task.explorer)
            if task.cache is not None and task.keys is not None and task.digests is not None:
                actual = cache.key(cache.variant(task.text_free), one[0], str(shas[0]), one[1], shas[1], str(shas[2]), shas[3])
                if actual != task.keys[i]:  # edited since its key was made: stored under what was read
                    stale = True
                    made_keys.append(actual)
                cache.store_piece(task.cache, actual, made)
        pieces.append(made)
    shard = encode(task.index, pieces)
    shard.problems, shard.notes, shard.inputs, shard.stale, shard.made = problems, notes, inputs, stale, made_keys
    return shard


def encode(index: int, pieces: Sequence[Piece]) -> Shard:
    """The shard's files from its articles' pieces (in article order)."""
    shard = Shard(index)
    for config in PER_ARTICLE:
        shard.jsonl[config] = "".join(p["jsonl"][config] for p in pieces).encode("utf-8")
        shard.full[config] = ("".join(p["full"][config] for p in pieces).encode("utf-8")
                              if pieces and pieces[0]["full"] is not None else shard.jsonl[config])
        shard.parquet[config] = write.parquet_bytes(config, shard.jsonl[config])
        shard.parquet_sha[config] = hashlib.sha256(shard.parquet[config]).hexdigest()
    if all(p["explorer"] is not None for p in pieces):
        shard.explorer = (",".join(p["explorer"][0] for p in pieces).encode("utf-8"),
                          ",".join(p["explorer"][1] for p in pieces if p["explorer"][1]).encode("utf-8"),
                          ",".join(p["explorer"][2] for p in pieces).encode("utf-8"))
    labels: Counter[str] = Counter()
    for p in pieces:
        shard.summary.append(p["summary"])
        labels.update(p["labels"])
        shard.cfs_curated += p["cfs_curated"]
    shard.labels = dict(labels)
    return shard


def key(keys: Sequence[str], text_free: int | None, with_explorer: bool) -> str:
    """The cache key of a whole shard: its articles' keys and the variant."""
    return hashlib.sha256("\n".join([*keys, repr(text_free), repr(with_explorer)]).encode()).hexdigest()
