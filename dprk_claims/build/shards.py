"""Stage 5a: a shard of the dataset — a fixed run of articles in article order — made and written by the
worker that runs it: its Parquet files and explorer part go straight into the build's temporary folder,
its JSONL parts into a spool beside them (``Folder`` joins them into the whole-corpus files), and only
their digests and counts go back to the build, with a small summary (counts for the card, check-worthy
curated claims for the verdict check, the rows of the articles the cross-article configs join).

A shard is the unit the engines run (``engine.py``): ``worker.run`` takes file paths and writes files, so it
pickles and gives the same result in this process, in a worker process or on a Dask cluster (whose
workers see the build's folder). The shard boundaries depend only on the number of articles
(``SHARD_ARTICLES`` each), never on the workers, so the output is byte-identical however it is run.
Each input is read once: hashed for the cache key and the manifest, and parsed from the same bytes.
Within a shard each article becomes a ``Piece`` (its rows already serialised), which the cache keeps;
the cache also keeps the shard's files (``cache.py``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dprk_claims.build import document
from dprk_claims.core.errors import DatasetError, Problem, os_problem
from dprk_claims.core.records import Document
from dprk_claims.publish import explorer, lineage_docs, summary
from dprk_claims.write import canonical

SHARD_ARTICLES = 500  # articles per shard: about 5,000 claims, a few MB of Parquet
PER_ARTICLE = ("articles", "claims", "sentences")
SPOOL = ".parts"  # in the build's temporary folder: each shard's JSONL parts until they are joined
Piece = dict[str, Any]  # one article: {"jsonl": {config: str}, "full": ..., "explorer": [str, str, str] | None, "summary": ...}
RAW = "raw"  # a piece made in this process also keeps its JSONL as bytes ({"jsonl": ..., "full": ...}): never cached


@dataclass
class ShardTask:
    index: int
    tasks: list[document.Task]
    out: str = ""  # the build's temporary folder (absolute): the worker writes the shard's files there
    count: int = 1  # shards in the build (the Parquet file names; one shard: a single explorer page)
    cache: str | None = None  # the cache folder, when there is one
    text_free: int | None = None  # the short-quote limit of the text-free variant
    explorer: bool = True  # make the explorer's part
    want: frozenset[str] = frozenset()  # articles whose full rows come back (the cross-article configs join them)
    known: dict[str, str] = field(default_factory=dict)  # digests of inputs unchanged since the last build, by path


@dataclass
class Shard:
    """What a worker sends back: where it wrote the shard's files and their digests, never their bytes."""

    index: int
    spool: str = ""  # the folder holding its files by name (``names``) until they are placed or joined
    names: dict[str, str] = field(default_factory=dict)  # sha256 of each file, by name in the spool
    rows: dict[str, int] = field(default_factory=dict)  # rows of each config
    index_rows: str = ""  # many shards: the shard's part of the explorer's index (explorer.shard_index)
    summary: list[list[Any]] = field(default_factory=list)  # per article: id, origin, claims, CFS, UFS, NFS, lineage
    labels: dict[str, int] = field(default_factory=dict)  # "layer\tlabel" -> claims
    cfs_curated: list[str] = field(default_factory=list)  # CFS claims of curated articles (need a verdict)
    inputs: dict[str, str] = field(default_factory=dict)  # sha256 of each input file read, by str(path)
    selected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # full rows of the wanted articles
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # damaged cache entries that were made again
    used: list[str] = field(default_factory=list)  # the cache entries it used or made (kept by ``cache.prune``)
    placed: dict[str, str] = field(default_factory=dict)  # relative path in the folder -> sha256 (Parquet, explorer part)


def count(articles: int, per_shard: int = SHARD_ARTICLES) -> int:
    """How many shards a build of this many articles writes (at least one, so every config has a file)."""
    return max(1, -(-articles // per_shard))


def piece(doc: Document, text_free: int | None, with_explorer: bool) -> Piece:
    """One article's rows, serialised as they are written, and what the summaries need of it."""
    article, claims = doc["article"], doc["claims"]
    rows = {"articles": [article], "claims": claims, "sentences": sorted(doc["sentences"], key=lambda r: r["index"])}
    raw = {c: canonical.jsonl_bytes(rows[c]) for c in PER_ARTICLE}
    full = {c: raw[c].decode("utf-8") for c in PER_ARTICLE}
    out: Piece = {"jsonl": full, "full": None, "explorer": None, RAW: {"jsonl": raw, "full": None}}
    if text_free:
        from dprk_claims.publish import textfree

        stripped = textfree.strip(rows, text_free)
        short = {c: canonical.jsonl_bytes(stripped[c]) for c in PER_ARTICLE}
        out["full"], out["jsonl"] = full, {c: short[c].decode("utf-8") for c in PER_ARTICLE}
        out[RAW] = {"jsonl": short, "full": raw}
    if with_explorer:
        out["explorer"] = list(explorer.fragments(article, full["claims"], claims))
    by = Counter(c["checkworthiness"] for c in claims)
    origin = article["annotation"]["origin"]
    out["summary"] = [article["article_id"], origin, len(claims), by["CFS"], by["UFS"], by["NFS"],
                      lineage_docs.summary_row(article, claims)]
    out["labels"] = dict(summary.labels_of(claims))
    out["cfs_curated"] = [c["claim_id"] for c in claims if c["checkworthiness"] == "CFS" and c["annotation"]["origin"] == "curated"]
    return out


def stored(made: Piece) -> Piece:
    """The piece as the cache keeps it: without its bytes (a piece read from the cache is encoded from its text)."""
    return {k: v for k, v in made.items() if k != RAW}


def _joined(pieces: Sequence[Piece], part: str, config: str) -> bytes:
    """The pieces' JSONL of one config ("jsonl" or "full"), joined as UTF-8 bytes: the bytes a piece kept, else its text encoded."""
    return b"".join(p[RAW][part][config] if RAW in p else p[part][config].encode("utf-8") for p in pieces)


def prepare() -> None:
    """Imports and validators every shard needs, made once before worker processes are forked from this one."""
    import pyarrow.json  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    from dprk_claims.build.cache import code_version
    from dprk_claims.core.schemas import arrow_schema
    from dprk_claims.read.annotations import _file_validator
    from dprk_claims.read.lineage import _validator as lineage_validator
    from dprk_claims.validate import checks

    for config in PER_ARTICLE:
        checks.compiled(config)
        arrow_schema(config)
    checks.compiled("claims", True)
    _file_validator()
    lineage_validator()
    code_version()


def spool_of(out: str, index: int) -> Path:
    return Path(out) / SPOOL / f"{index:05d}"


def outputs(index: int, count: int) -> dict[str, str]:
    """The files of a shard placed in the folder as they are (by name in its spool -> relative path)."""
    placed = {f"{c}.parquet": canonical.parquet_path(c, index, count) for c in PER_ARTICLE}
    if count > 1:
        placed["explorer.js"] = explorer.part_path(index)
    return placed


def targets(names: Sequence[str], out: str, index: int, count: int) -> dict[str, Path]:
    """Where each file of a shard goes: its Parquet files and explorer part to their places in out, the
    rest to its spool."""
    placed, spool = outputs(index, count), spool_of(out, index)
    return {n: Path(out) / placed[n] if n in placed else spool / n for n in names}


def encode(index: int, pieces: Sequence[Piece], out: str, count: int, with_explorer: bool = True) -> Shard:
    """Write the shard's files from its articles' pieces (in article order) into out (``targets``);
    returns what the build needs of them. A shard made in this process (from rows held in memory, as
    ``rehydrate`` does) is added to a ``Folder`` just as a worker's is."""
    shard = Shard(index, str(spool_of(out, index)))
    Path(shard.spool).mkdir(parents=True, exist_ok=True)
    placed = outputs(index, count)

    def put(name: str, runs: Sequence[bytes]) -> None:
        path = targets([name], out, index, count)[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        if len(runs) == 1:
            path.write_bytes(runs[0])
            digest.update(runs[0])
        else:
            with path.open("wb") as f:
                for run in runs:
                    f.write(run)
                    digest.update(run)
        shard.names[name] = digest.hexdigest()
        if name in placed:
            shard.placed[placed[name]] = shard.names[name]

    for config in PER_ARTICLE:
        data = _joined(pieces, "jsonl", config)
        put(f"{config}.jsonl", [data])
        if pieces and pieces[0]["full"] is not None:
            put(f"{config}.full.jsonl", [_joined(pieces, "full", config)])
        shard.rows[config] = data.count(b"\n")
        put(f"{config}.parquet", [canonical.parquet_bytes(config, data, shard.rows[config])])
    if with_explorer:
        articles = ",".join(p["explorer"][0] for p in pieces).encode("utf-8")
        claims = ",".join(p["explorer"][1] for p in pieces if p["explorer"][1]).encode("utf-8")
        if count > 1:
            put("explorer.js", explorer.part_runs(index, articles, claims))
        else:
            put("explorer-a", [articles])
            put("explorer-c", [claims])
        shard.index_rows = explorer.shard_index([p["explorer"][2] for p in pieces]) if count > 1 else ""
    labels: Counter[str] = Counter()
    for p in pieces:
        shard.summary.append(p["summary"])
        labels.update(p["labels"])
        shard.cfs_curated += p["cfs_curated"]
    shard.labels = dict(labels)
    return shard


def key(keys: Sequence[str], text_free: int | None, with_explorer: bool, index: int, count: int) -> str:
    """The cache key of a whole shard: its articles' keys, the variant, and its place (the explorer part
    names its index; one shard makes a single page instead)."""
    layout = repr(index) if with_explorer and count > 1 else "single" if with_explorer else "-"
    return hashlib.sha256("\n".join([*keys, repr(text_free), repr(with_explorer), layout]).encode()).hexdigest()


def read(one: document.Task, kb: bytes, lineage: bytes | None) -> tuple[document.Inputs | None, list[Problem]]:
    """The bytes of an article's seed and annotation file (read once), with the shard's knowledge base and lineage file."""
    from dprk_claims.read.seeds import read_limited

    seed, annotation, _, _ = one
    path = seed
    try:
        seed_bytes = read_limited(Path(seed))
        path = annotation or seed
        return (seed_bytes, Path(annotation).read_bytes() if annotation else None, kb, lineage), []
    except DatasetError as err:
        return None, err.problems
    except OSError as err:
        return None, [os_problem(path, err)]
