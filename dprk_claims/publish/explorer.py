"""The explorer: an offline HTML page (no CDN, no network) showing every article with its claims
highlighted, the details of a claim one click away, text search and filters by speaker, type,
check-worthiness, origin and verdict. Article and annotation text is never parsed as HTML: the data is
JSON rendered with ``textContent`` only, and the page's Content-Security-Policy forbids any request
but the page's own data files.

A corpus of one shard is one self-contained file, ``explorer.html``. A larger one is an index page (each
article's id, label, date and the facets of its claims, which the filters count; the page numbers the
facet values once, as it loads) and one data file per shard, ``explorer/part-NNNNN.js``, which the page
loads with a script element when one of its articles is shown (``fetch`` is refused on ``file:`` pages; a
script element is not). Each shard's part of the index is made by its worker (``shard_index``: facet values
numbered within the shard) and copied into the page as it is, so the build never parses it; the page
numbers the values across shards once, as it loads.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

ARTICLE_FIELDS = ("article_id", "text", "headline", "published", "outlet", "language", "provenance", "paragraphs", "annotation",
                  "lineage")
PART_DIR = "explorer"
LABEL_CHARS = 70  # an article without a headline is listed by its first characters
_UNSAFE = "<>&\u2028\u2029"  # what _escape replaces


def _escape(text: str) -> str:
    """JSON text made safe inside a <script> element: no '</', '<!--' or line separators can end it early."""
    if not any(c in text for c in _UNSAFE):
        return text  # most texts: five searches instead of five replacements
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _embed(data: Any) -> str:
    """Compact JSON with sorted keys, escaped for the page (orjson: what ``json.dumps(sort_keys=True)`` writes,
    but for the exponent form of floats below 1e-4 or from 1e16, which ``JSON.parse`` reads the same)."""
    return _escape(orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8"))


def fragments(article: dict[str, Any], claims_jsonl: str, claims: list[dict[str, Any]]) -> tuple[str, str, str]:
    """One article's part of the data: its JSON, its claims' JSON joined by commas (their JSONL lines as
    written, schema key order, so they are serialised only once), and its row of the index (made here,
    in the worker, so that the page never parses the articles again)."""
    facets = [[c["claim_id"].rsplit(":", 1)[-1], c["attribution"]["speaker_normalized"] or "", c["claim_types"],
               c["checkworthiness"], c["annotation"]["origin"]] for c in claims]
    label = article["headline"] or " ".join(article["text"][:LABEL_CHARS].split())
    row = orjson.dumps([article["article_id"], label, article["published"]["value"], facets]).decode("utf-8")
    return _embed({k: article[k] for k in ARTICLE_FIELDS}), _escape(claims_jsonl.rstrip("\n").replace("\n", ",")), row


def part_path(index: int) -> str:
    return f"{PART_DIR}/part-{index:05d}.js"


def _template() -> tuple[str, str]:
    template = resources.files("dprk_claims").joinpath("templates/explorer.html").read_text(encoding="utf-8")
    head, tail = template.split("__DATA__", 1)
    return head, tail


FACETS = ("speaker", "type", "cw", "origin")


def shard_index(rows: list[str]) -> str:
    """A shard's part of a many-part page's index, from its articles' rows as ``fragments`` makes them:
    ``{"values": {facet: [value, ...]}, "rows": [[id, label, date, [[local id, speaker, type mask, cw,
    origin]]]]}``, each facet value numbered within the shard when first seen; escaped for the page."""
    values: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    speakers, kinds, cws, origins = (values[f] for f in FACETS)
    masks: dict[tuple[str, ...], int] = {}
    out = []
    for article_id, label, published, claims in orjson.loads("[" + ",".join(rows) + "]"):
        numbered = []
        for cid, speaker, types, cw, origin in claims:
            key = tuple(types)
            mask = masks.get(key)
            if mask is None:
                mask = masks[key] = sum(1 << kinds.setdefault(t, len(kinds)) for t in types)
            numbered.append([cid, speakers.setdefault(speaker, len(speakers)), mask, cws.setdefault(cw, len(cws)),
                             origins.setdefault(origin, len(origins))])
        out.append([article_id, label, published, numbered])
    data = {"values": {f: list(v) for f, v in values.items()}, "rows": out}
    return _escape(orjson.dumps(data).decode("utf-8"))


def part_runs(index: int, articles: bytes, claims: bytes) -> list[bytes]:
    """The bytes of a shard's data file (``part_path``), in runs, so that they are never joined first."""
    return [b'explorerPart(%d,{"articles":[' % index, articles, b'],"claims":[', claims, b"]});\n"]


class Page:
    """The explorer, from the shards' parts as they arrive. One shard: its claims and articles (which the
    worker wrote to its spool) are copied into the page at the end. More shards: each worker wrote its
    shard's data file; only the index is kept here. Either way the data is written once and nothing grows
    with the corpus but the index. ``JSON.parse`` does not care in which order the keys come."""

    def __init__(self, tmp: Path, shard_count: int):
        self.head, self.tail = _template()
        self.tmp, self.parts = tmp, shard_count > 1
        self.files = ["explorer.html"]
        self.rows: list[str] = []  # each shard's part of the index, as its worker wrote it (shard_index)
        self.added = 0
        self.sha: dict[str, str] = {}  # of the data files written, by relative path
        self.single: tuple[Path, Path] | None = None  # one shard: the files of its claims' and articles' JSON
        if self.parts:  # the page may load its own data files ('self' is the page's folder tree), nothing else
            self.head = self.head.replace("script-src 'unsafe-inline'", "script-src 'unsafe-inline' 'self'", 1)

    def add(self, index_rows: str, part: tuple[str, str] | None = None, single: tuple[Path, Path] | None = None) -> None:
        """One shard: its part of the index (``shard_index``; one shard: its rows, unused); part: the relative path and
        sha256 of its data file (many shards); single: its claims' and articles' JSON files, in that order (one shard)."""
        if self.parts:
            if part is None:
                raise RuntimeError(f"explorer: shard {self.added} has no data file")
            self.sha[part[0]] = part[1]
            self.files.append(part[0])
            self.rows.append(index_rows)
        else:
            self.single = single
        self.added += 1

    def close(self, links: list[dict[str, Any]], verdicts: list[dict[str, Any]]) -> list[str]:
        """Finish the page; the files written, relative to the folder (the page first)."""
        tail = ',"claim_links":' + _embed(links) + ',"verdicts":' + _embed(verdicts) + "}" + self.tail
        if self.parts:  # "shards": each shard's part of the index (shard_index)
            data = f'{{"parts":{self.added},"shards":[' + ",".join(self.rows) + "]"
            (self.tmp / "explorer.html").write_text(self.head + data + tail, encoding="utf-8")
            return self.files
        with (self.tmp / "explorer.html").open("wb") as out:
            out.write((self.head + '{"claims":[').encode("utf-8"))
            for i, run in enumerate(self.single or ()):
                if i:
                    out.write(b'],"articles":[')
                with run.open("rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
            if self.single is None:
                out.write(b'],"articles":[')
            out.write(("]" + tail).encode("utf-8"))
        return self.files
